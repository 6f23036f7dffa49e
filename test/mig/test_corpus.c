/*
 * test_corpus.c - the real corpus: gnumach's 25 .defs in six variants
 * (MIG-LANGUAGE.md section 7.1), through test/mig/corpus/run_corpus.sh:
 * the 19 interfaces compile, the 6 type-only files fail cleanly, and the
 * routine lists equal GNU MIG's.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "support/harness.h"
#include "support/suites.h"

START_TEST(test_gnumach_corpus)
{
	char *cmd = h_fmt("bash '%s/test/mig/corpus/run_corpus.sh' '%s'", h_top(),
			  h_mig());
	struct run_result r;
	ck_assert(h_sh(cmd, NULL, &r));
	ck_assert_msg(r.status == 0, "corpus failed:\n%s\n%s", r.out, r.err);
	ck_assert_ptr_nonnull(strstr(r.out, " 0 failed"));
	h_result_free(&r);
	free(cmd);
}
END_TEST

Suite *corpus_suite(void)
{
	Suite *s = suite_create("corpus");
	TCase *tc = tcase_create("gnumach");
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, test_gnumach_corpus);
	suite_add_tcase(s, tc);
	return s;
}
