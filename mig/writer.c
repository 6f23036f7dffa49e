/*
 * writer.c - the indenting code writer; see writer.h.
 *
 * The buffer always holds a NUL after len bytes once anything was
 * written, so w_take can hand it over as a C string.  After an
 * allocation failure every call is a no-op and `failed` stays set.
 */
#include "writer.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void w_init(struct writer *w)
{
	memset(w, 0, sizeof *w);
	w->at_line_start = true;
}

void w_free(struct writer *w)
{
	free(w->buf);
	w_init(w);
}

char *w_take(struct writer *w, size_t *len)
{
	char *buf = w->buf;

	if (w->failed) {
		free(buf);
		w_init(w);
		w->failed = true;
		if (len)
			*len = 0;
		return NULL;
	}
	if (!buf)
		buf = calloc(1, 1);
	if (len)
		*len = w->len;
	w_init(w);
	return buf;
}

/* Make room for n more bytes plus the NUL; false on failure. */
static bool reserve(struct writer *w, size_t n)
{
	size_t cap;
	char *nb;

	if (w->failed)
		return false;
	if (w->len + n + 1 <= w->cap)
		return true;
	cap = w->cap ? w->cap : 4096;
	while (cap < w->len + n + 1) {
		if (cap > ((size_t)-1) / 2) {
			w->failed = true;
			return false;
		}
		cap *= 2;
	}
	nb = realloc(w->buf, cap);
	if (!nb) {
		w->failed = true;
		return false;
	}
	w->buf = nb;
	w->cap = cap;
	return true;
}

static void append(struct writer *w, const char *s, size_t n)
{
	if (!reserve(w, n))
		return;
	memcpy(w->buf + w->len, s, n);
	w->len += n;
	w->buf[w->len] = '\0';
}

/* Preprocessor lines (starting with '#') stay in column 0. */
static void indent_if_needed(struct writer *w, const char *text)
{
	int i;

	if (!w->at_line_start)
		return;
	w->at_line_start = false;
	if (text && text[0] == '#')
		return;
	for (i = 0; i < w->level; i++)
		append(w, "\t", 1);
}

/* Format into the buffer without indentation handling. */
static void vappend(struct writer *w, const char *fmt, va_list ap)
{
	va_list ap2;
	int n;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0) {
		w->failed = true;
		return;
	}
	if (!reserve(w, (size_t)n))
		return;
	vsnprintf(w->buf + w->len, (size_t)n + 1, fmt, ap);
	w->len += (size_t)n;
}

/* Text that may contain newlines: indent each non-empty line start. */
static void put_text(struct writer *w, const char *fmt, va_list ap)
{
	struct writer tmp;
	const char *p, *nl;

	w_init(&tmp);
	vappend(&tmp, fmt, ap);
	if (tmp.failed) {
		w->failed = true;
		w_free(&tmp);
		return;
	}
	for (p = tmp.buf ? tmp.buf : ""; *p; p = nl + 1) {
		nl = strchr(p, '\n');
		if (!nl) {
			indent_if_needed(w, p);
			append(w, p, strlen(p));
			break;
		}
		if (nl > p)
			indent_if_needed(w, p);
		append(w, p, (size_t)(nl - p));
		append(w, "\n", 1);
		w->at_line_start = true;
	}
	w_free(&tmp);
}

void w_put(struct writer *w, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	put_text(w, fmt, ap);
	va_end(ap);
}

void w_line(struct writer *w, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	put_text(w, fmt, ap);
	va_end(ap);
	append(w, "\n", 1);
	w->at_line_start = true;
}

void w_blank(struct writer *w)
{
	if (!w->at_line_start)
		append(w, "\n", 1);
	append(w, "\n", 1);
	w->at_line_start = true;
}

void w_open(struct writer *w, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	put_text(w, fmt, ap);
	va_end(ap);
	append(w, fmt[0] ? " {\n" : "{\n", fmt[0] ? 3 : 2);
	w->at_line_start = true;
	w->level++;
}

void w_close(struct writer *w, const char *suffix)
{
	if (!w->at_line_start) {
		append(w, "\n", 1);
		w->at_line_start = true;
	}
	if (w->level > 0)
		w->level--;
	indent_if_needed(w, "}");
	append(w, "}", 1);
	if (suffix)
		append(w, suffix, strlen(suffix));
	append(w, "\n", 1);
	w->at_line_start = true;
}

void w_indent(struct writer *w, int delta)
{
	w->level += delta;
	if (w->level < 0)
		w->level = 0;
}
