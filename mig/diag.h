/*
 * diag.h - locations and diagnostics.
 *
 * A location is a file, a 1-based line and column, and a length in bytes,
 * all as seen through the preprocessor's line markers, so they name the
 * user's file.  Diagnostics are collected by a struct diag and rendered as
 *
 *     file:line:col: error: text
 *        12 |     data : bytes;
 *           |            ^~~~~
 *
 * (see MIG-LANGUAGE.md section 6.1), preceded by "In file included from"
 * lines built from the include stack the lexer recorded.  Rendering reads
 * the original file to show its line; when the token's text is not on that
 * line (a macro expanded it) the preprocessed line is shown instead with a
 * "note: in text produced by macro expansion".
 */
#ifndef MIG_DIAG_H
#define MIG_DIAG_H

#include <stdbool.h>
#include <stdio.h>

#include "arena.h"

struct diag_file;

/* A source file as named by a line marker.  Interned by name, includer
   and include line (so one file included from two places is two of
   these); ast_file.files lists each name once. */
struct mig_srcfile {
	const char *name;                       /* as the marker spells it */
	const struct mig_srcfile *included_from; /* NULL at the top */
	int included_line;                      /* line in included_from */
};

struct mig_loc {
	const struct mig_srcfile *file;  /* NULL: no location (command line) */
	int line;                        /* 1-based */
	int col;                         /* 1-based byte column */
	int len;                         /* bytes underlined; >= 1 */
	const char *ppline;              /* the preprocessed line (no '\n'),
	                                    or NULL: used for the macro case */
};

enum diag_level { DIAG_ERROR, DIAG_WARNING, DIAG_NOTE };

struct diag {
	struct arena *arena;
	FILE *out;             /* where rendered messages go; NULL: only
	                          into text below */
	char *text;            /* all rendered output so far (malloc'd) */
	size_t text_len, text_cap;
	int errors;
	int warnings;
	int max_errors;        /* 0: unlimited; default 50 */
	bool warnings_off;     /* -q */
	bool werror;           /* -Werror */
	bool stopped;          /* max_errors reached: no more messages */
	bool show_source;      /* read files to show the line and caret */
	bool last_suppressed;  /* notes after a dropped message are dropped */
	struct diag_file *files;  /* source files read for display (diag.c) */
};

void diag_init(struct diag *d, struct arena *a, FILE *out);
void diag_fini(struct diag *d);

/*
 * Report at loc (which may have file == NULL).  A note attaches to the
 * message before it.  Errors after max_errors are counted but not shown;
 * reaching the limit prints "too many errors, stopping" once.  With
 * werror, warnings count and print as errors.
 */
void diag_error(struct diag *d, struct mig_loc loc, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void diag_warning(struct diag *d, struct mig_loc loc, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void diag_note(struct diag *d, struct mig_loc loc, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void diag_report(struct diag *d, enum diag_level level, struct mig_loc loc,
		 const char *fmt, va_list ap) __attribute__((format(printf, 4, 0)));

/* True when no error has been reported (warnings under -Werror count). */
bool diag_ok(const struct diag *d);

#endif
