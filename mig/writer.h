/*
 * writer.h - the indenting code writer every emitter prints through.
 *
 * Output accumulates in memory (malloc'd, grown as needed); the driver
 * decides where it goes.  Lines are written with w_line, which indents by
 * the current level (one tab per level); w_open / w_close print a brace
 * and change the level.  On allocation failure the writer sets `failed`
 * and ignores further output.
 */
#ifndef MIG_WRITER_H
#define MIG_WRITER_H

#include <stdbool.h>
#include <stddef.h>

struct writer {
	char *buf;
	size_t len, cap;
	int level;
	bool at_line_start;
	bool failed;
};

void w_init(struct writer *w);
void w_free(struct writer *w);
/* Take the buffer (NUL-terminated); the writer is left empty. */
char *w_take(struct writer *w, size_t *len);

/* Text without a newline; indents first when at the start of a line. */
void w_put(struct writer *w, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* One indented line (fmt without the newline). */
void w_line(struct writer *w, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* An empty line. */
void w_blank(struct writer *w);
/* "text {" then level+1; "}" (plus suffix, e.g. ";") after level-1. */
void w_open(struct writer *w, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void w_close(struct writer *w, const char *suffix);
void w_indent(struct writer *w, int delta);

#endif
