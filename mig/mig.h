/*
 * mig.h - the compiler as a library: preprocessed text in, every output
 * as an in-memory buffer out.
 *
 * The driver (driver.c) runs cpp and writes files around this; tests and
 * fuzzers call it directly.  Nothing here touches the file system except
 * reading source files to show lines in diagnostics (diag.c).
 */
#ifndef MIG_MIG_H
#define MIG_MIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "arena.h"
#include "diag.h"
#include "options.h"

struct ast_file;
struct m_interface;

/* One file to write. */
struct mig_output {
	const char *path;       /* as named on the command line, or the
	                           default of section 4.1 */
	const char *data;       /* contents (arena), NUL-terminated */
	size_t len;
};

struct mig_outputs {
	/* in: where -v, -dA and -dM print; NULL: they print nothing */
	FILE *print;

	/* out, on success: the files to write, in a fixed order (user
	   header, user file or -i files, server file, server header,
	   internal header, defines header, list, YAML).  Outputs named
	   "/dev/null", or left out by -n, are not listed. */
	struct mig_output *files;
	int nfiles;
	bool stopped;           /* -dA / -dM: the run ends after the dump */

	/* out: the tree and the model, when they were built */
	const struct ast_file *ast;
	const struct m_interface *model;
};

/*
 * Compile one preprocessed buffer.  `name` names the input until its first
 * line marker.  Diagnostics go to d (limits and -q/-Werror as set in d).
 * Returns 0 when there were no errors (out->files is then complete; with
 * -dA or -dM it is empty), 1 otherwise: errors in the input or out of
 * memory, reported through d.  All memory is in a.
 */
int mig_compile_buffer(const struct mig_options *o, struct arena *a,
		       struct diag *d, const char *name, const char *buf,
		       size_t len, struct mig_outputs *out);

/* Set up d from the options: -max-errors, -q, -Werror. */
void mig_diag_setup(struct diag *d, const struct mig_options *o);

/* The last component of a path ("a/b/c.h" -> "c.h"). */
const char *mig_basename(const char *path);

#endif
