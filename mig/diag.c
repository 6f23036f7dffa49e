/*
 * diag.c - rendering diagnostics (MIG-LANGUAGE.md 6.1); see diag.h.
 *
 *   In file included from x.defs:3:
 *   inc.defs:12:12: error: type 'bytes' is not defined
 *      12 |     data : bytes;
 *         |            ^~~~~
 *
 * The line shown is read from the file the line marker named (files are
 * read once and cached).  The caret goes under the occurrence of the
 * token's text nearest its preprocessed column, and the column printed is
 * that occurrence's.  When the text is not on the line (a macro produced
 * it), the preprocessed line is shown instead, followed by a note.
 */
#include "diag.h"

#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* One source file read for display; data NULL when it could not be read. */
struct diag_file {
	char *name;
	char *data;
	size_t len;
	size_t *lines;          /* offset of each line's start, computed on
	                           first use */
	int nlines;
	struct diag_file *next;
};

void diag_init(struct diag *d, struct arena *a, FILE *out)
{
	memset(d, 0, sizeof *d);
	d->arena = a;
	d->out = out;
	d->max_errors = 50;
	d->show_source = true;
}

void diag_fini(struct diag *d)
{
	struct diag_file *f = d->files;
	while (f) {
		struct diag_file *next = f->next;
		free(f->name);
		free(f->data);
		free(f->lines);
		free(f);
		f = next;
	}
	d->files = NULL;
	free(d->text);
	d->text = NULL;
	d->text_len = d->text_cap = 0;
}

bool diag_ok(const struct diag *d)
{
	return d->errors == 0;
}

/* ---- output ---- */

/* Append to d->text (and d->out).  Out of memory: the text is cut. */
static void emit(struct diag *d, const char *s, size_t n)
{
	if (d->out)
		fwrite(s, 1, n, d->out);
	if (d->text_len + n + 1 > d->text_cap) {
		size_t cap = d->text_cap ? d->text_cap : 256;
		while (cap < d->text_len + n + 1)
			cap *= 2;
		char *p = realloc(d->text, cap);
		if (!p)
			return;
		d->text = p;
		d->text_cap = cap;
	}
	memcpy(d->text + d->text_len, s, n);
	d->text_len += n;
	d->text[d->text_len] = '\0';
}

static void emitf(struct diag *d, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void emitf(struct diag *d, const char *fmt, ...)
{
	char small[512];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n < sizeof small) {
		emit(d, small, (size_t)n);
		return;
	}
	char *big = malloc((size_t)n + 1);
	if (!big)
		return;
	va_start(ap, fmt);
	vsnprintf(big, (size_t)n + 1, fmt, ap);
	va_end(ap);
	emit(d, big, (size_t)n);
	free(big);
}

/* ---- source lines ---- */

static struct diag_file *load_file(struct diag *d, const char *name)
{
	for (struct diag_file *f = d->files; f; f = f->next)
		if (strcmp(f->name, name) == 0)
			return f;
	struct diag_file *f = calloc(1, sizeof *f);
	if (!f)
		return NULL;
	f->name = strdup(name);
	if (!f->name) {
		free(f);
		return NULL;
	}
	FILE *fp = name[0] != '<' ? fopen(name, "rb") : NULL;
	if (fp) {
		size_t cap = 0;
		for (;;) {
			if (f->len + 4096 > cap) {
				cap = cap ? 2 * cap : 8192;
				char *p = realloc(f->data, cap);
				if (!p)
					break;
				f->data = p;
			}
			size_t n = fread(f->data + f->len, 1, 4096, fp);
			f->len += n;
			if (n == 0)
				break;
		}
		fclose(fp);
	}
	f->next = d->files;
	d->files = f;
	return f;
}

/* Index the starts of f's lines; false when out of memory. */
static bool index_lines(struct diag_file *f)
{
	size_t n = 1;
	for (size_t i = 0; i < f->len; i++)
		n += f->data[i] == '\n';
	if (n > (size_t)INT_MAX || !(f->lines = malloc(n * sizeof *f->lines)))
		return false;
	f->lines[f->nlines++] = 0;
	for (size_t i = 0; i < f->len; i++)
		if (f->data[i] == '\n')
			f->lines[f->nlines++] = i + 1;
	return true;
}

/* Line `line` (1-based) of file; false when there is no such line. */
static bool source_line(struct diag *d, const char *file, int line,
			const char **text, size_t *len)
{
	struct diag_file *f = load_file(d, file);
	if (!f || !f->data || line < 1)
		return false;
	if (!f->lines && !index_lines(f))
		return false;
	if (line > f->nlines)
		return false;
	const char *p = f->data + f->lines[line - 1];
	const char *end = f->data + f->len;
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	*text = p;
	*len = nl ? (size_t)(nl - p) : (size_t)(end - p);
	if (*len > 0 && (*text)[*len - 1] == '\r')
		(*len)--;
	return true;
}

/* 0-based offset of the occurrence of tok[0..n) in line nearest `want`,
   or -1. */
static long nearest(const char *line, size_t len, const char *tok, size_t n,
		    long want)
{
	long best = -1;
	if (n == 0 || n > len)
		return -1;
	for (size_t i = 0; i + n <= len; i++) {
		if (memcmp(line + i, tok, n) != 0)
			continue;
		long dist = labs((long)i - want);
		if (best < 0 || dist < labs(best - want))
			best = (long)i;
	}
	return best;
}

/* "   12 |     data : bytes;" then the caret line under [col, col+n). */
static void show_line(struct diag *d, int line, const char *text, size_t len,
		      size_t col0, size_t n)
{
	emitf(d, "%5d | ", line);
	emit(d, text, len);
	emit(d, "\n      | ", 9);
	for (size_t i = 0; i < col0; i++)
		emit(d, i < len && text[i] == '\t' ? "\t" : " ", 1);
	emit(d, "^", 1);
	for (size_t i = 1; i < n; i++)
		emit(d, "~", 1);
	emit(d, "\n", 1);
}

/*
 * Where the caret goes in the original line.  Sets *col0 (0-based) and
 * returns true if the token's text was found there.
 */
static bool place_caret(const struct mig_loc *loc, const char *src,
			size_t srclen, size_t *col0)
{
	const char *pp = loc->ppline;
	size_t pplen = pp ? strlen(pp) : 0;
	size_t start = loc->col > 0 ? (size_t)loc->col - 1 : 0;
	size_t n = loc->len > 0 ? (size_t)loc->len : 1;
	if (!pp) {
		*col0 = start;    /* no preprocessed text: trust the column */
		return true;
	}
	if (start >= pplen) {
		/* just past the line's end (a missing ';'): past the end of
		   the source line too */
		*col0 = srclen + (start - pplen);
		return true;
	}
	if (start + n > pplen)
		n = pplen - start;
	long at = nearest(src, srclen, pp + start, n, (long)start);
	if (at < 0)
		return false;
	*col0 = (size_t)at;
	return true;
}

/* ---- messages ---- */

static const char *const level_names[] = { "error", "warning", "note" };

/* "In file included from p:L," lines, innermost first. */
static void include_trail(struct diag *d, const struct mig_srcfile *f)
{
	bool first = true;
	for (const struct mig_srcfile *cur = f;
	     cur->included_from && cur->included_from->name[0] != '<';
	     cur = cur->included_from) {
		const struct mig_srcfile *up = cur->included_from;
		bool last = !up->included_from ||
			    up->included_from->name[0] == '<';
		emitf(d, "%s %s:%d%s\n", first ? "In file included from" :
		      "                 from", up->name, cur->included_line,
		      last ? ":" : ",");
		first = false;
	}
}

/* The header line, then the source line with its caret. */
static void render(struct diag *d, enum diag_level level,
		   struct mig_loc loc, const char *msg)
{
	if (!loc.file) {
		emitf(d, "mig: %s: %s\n", level_names[level], msg);
		return;
	}
	if (level != DIAG_NOTE)
		include_trail(d, loc.file);

	const char *src = NULL;
	size_t srclen = 0, col0 = 0;
	size_t n = loc.len > 0 ? (size_t)loc.len : 1;
	bool have = d->show_source &&
		    source_line(d, loc.file->name, loc.line, &src, &srclen);
	bool found = have && place_caret(&loc, src, srclen, &col0);
	int col = found ? (int)col0 + 1 : loc.col;

	emitf(d, "%s:%d:%d: %s: %s\n", loc.file->name, loc.line, col,
	      level_names[level], msg);
	if (!d->show_source)
		return;
	if (found) {
		show_line(d, loc.line, src, srclen, col0, n);
	} else if (loc.ppline) {
		size_t start = loc.col > 0 ? (size_t)loc.col - 1 : 0;
		show_line(d, loc.line, loc.ppline, strlen(loc.ppline), start,
			  n);
		emitf(d, "%s:%d:%d: note: in text produced by macro "
		      "expansion\n", loc.file->name, loc.line, loc.col);
	}
}

void diag_report(struct diag *d, enum diag_level level, struct mig_loc loc,
		 const char *fmt, va_list ap)
{
	if (level == DIAG_WARNING && d->werror)
		level = DIAG_ERROR;
	if (level == DIAG_ERROR)
		d->errors++;
	else if (level == DIAG_WARNING)
		d->warnings++;

	if (level == DIAG_NOTE) {
		if (d->last_suppressed || d->stopped)
			return;
	} else {
		d->last_suppressed = d->stopped ||
			(level == DIAG_WARNING && d->warnings_off);
		if (level == DIAG_ERROR && !d->stopped && d->max_errors > 0 &&
		    d->errors > d->max_errors) {
			emitf(d, "mig: error: too many errors emitted, "
			      "stopping now\n");
			d->stopped = true;
			d->last_suppressed = true;
		}
		if (d->last_suppressed)
			return;
	}

	char small[512];
	va_list ap2;
	va_copy(ap2, ap);
	int len = vsnprintf(small, sizeof small, fmt, ap2);
	va_end(ap2);
	if (len < 0)
		return;
	char *msg = small;
	if ((size_t)len >= sizeof small) {
		msg = malloc((size_t)len + 1);
		if (!msg)
			return;
		vsnprintf(msg, (size_t)len + 1, fmt, ap);
	}
	render(d, level, loc, msg);
	if (msg != small)
		free(msg);
}

void diag_error(struct diag *d, struct mig_loc loc, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_report(d, DIAG_ERROR, loc, fmt, ap);
	va_end(ap);
}

void diag_warning(struct diag *d, struct mig_loc loc, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_report(d, DIAG_WARNING, loc, fmt, ap);
	va_end(ap);
}

void diag_note(struct diag *d, struct mig_loc loc, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	diag_report(d, DIAG_NOTE, loc, fmt, ap);
	va_end(ap);
}
