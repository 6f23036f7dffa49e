/*
 * fuzz_mig.c - the compiler's fuzz entry: bytes in, diagnostics and
 * outputs in memory, the preprocessor bypassed.
 *
 * Built two ways: with libFuzzer by `make fuzz` (clang), and into the test
 * program, where test_fuzz_replay.c runs it over every golden and error
 * case and over mutations of them.  Either way the contract is the same:
 * any input ends in a verdict (0 or 1), every error diagnostic carries a
 * location, and nothing crashes, leaks or hangs.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz/fuzz_mig.h"
#include "mig.h"

int fuzz_mig_one(const uint8_t *data, size_t size)
{
	struct mig_options o;
	memset(&o, 0, sizeof o);
	o.max_errors = 50;
	o.prefix = "";
	o.subrprefix = "";
	o.yaml = "fuzz.yaml";
	o.list = "fuzz.list";
	o.dheader = "fuzzDefines.h";
	o.sheader = "fuzzServer.h";

	struct arena a;
	arena_init(&a);
	struct diag d;
	diag_init(&d, &a, NULL);
	mig_diag_setup(&d, &o);
	d.show_source = false;      /* no file reads: the input is in memory */

	struct mig_outputs out;
	memset(&out, 0, sizeof out);
	int rc = mig_compile_buffer(&o, &a, &d, "fuzz.defs", (const char *)data,
				    size, &out);
	if (rc != 0 && rc != 1)
		abort();
	/* An input with errors produces no outputs. */
	if (rc == 1 && out.nfiles != 0)
		abort();
	/* Every error names a place: "fuzz.defs:" or a marker's file. */
	if (rc == 1 && d.text && !strstr(d.text, ": error: "))
		abort();
	diag_fini(&d);
	arena_free(&a);
	return rc;
}

#ifdef FUZZ_LIBFUZZER
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_mig_one(data, size);
	return 0;
}
#endif
