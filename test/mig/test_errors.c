/*
 * test_errors.c - every malformed input in test/mig/errors/ must fail.
 *
 * Each NAME.defs states what mig must say, in comments:
 *
 *   expect: LINE:COL: error: TEXT     this diagnostic, at this place
 *   expect-text: TEXT                 this text somewhere on stderr
 *   expect-exit: N                    exit status (default 1)
 *   options: -max_descrs 2            extra command-line options
 *
 * (each inside its own slash-star comment).  mig runs in the folder of
 * the file, so diagnostics name it as "NAME.defs"; every output is
 * directed into an empty scratch folder, which must stay empty, and
 * nothing may appear beside the inputs either.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "support/harness.h"
#include "support/suites.h"

#define MAX_ARGS 64

struct expectations {
	char *lines[128];        /* "NAME.defs:L:C: error: TEXT" or text */
	int nlines;
	int exit_status;
	char *options[MAX_ARGS / 2];
	int noptions;
};

/* Value of a directive: the text after "tag" up to the comment's end. */
static char *directive_value(const char *p, size_t taglen)
{
	p += taglen;
	while (*p == ' ')
		p++;
	const char *end = strstr(p, "*/");
	if (!end)
		end = p + strlen(p);
	while (end > p && (end[-1] == ' ' || end[-1] == '\n'))
		end--;
	return strndup(p, (size_t)(end - p));
}

static void parse_expectations(const char *name, const char *text,
			       struct expectations *e)
{
	memset(e, 0, sizeof *e);
	e->exit_status = 1;
	for (const char *p = strstr(text, "/*"); p; p = strstr(p + 2, "/*")) {
		const char *q = p + 2;
		while (*q == ' ')
			q++;
		char *v;
		if (strncmp(q, "expect:", 7) == 0) {
			v = directive_value(q, 7);
			e->lines[e->nlines++] = h_fmt("%s:%s", name, v);
			free(v);
		} else if (strncmp(q, "expect-text:", 12) == 0) {
			e->lines[e->nlines++] = directive_value(q, 12);
		} else if (strncmp(q, "expect-exit:", 12) == 0) {
			v = directive_value(q, 12);
			e->exit_status = atoi(v);
			free(v);
		} else if (strncmp(q, "options:", 8) == 0) {
			v = directive_value(q, 8);
			for (char *t = strtok(v, " "); t && e->noptions < 30;
			     t = strtok(NULL, " "))
				e->options[e->noptions++] = strdup(t);
			free(v);
		}
		ck_assert_int_lt(e->nlines, 120);
	}
}

static void free_expectations(struct expectations *e)
{
	for (int i = 0; i < e->nlines; i++)
		free(e->lines[i]);
	for (int i = 0; i < e->noptions; i++)
		free(e->options[i]);
}

/* Run mig on one error case and check everything the header promises. */
static void check_error_case(const char *dir, const char *name)
{
	char *path = h_fmt("%s/%s", dir, name);
	char *text = h_read_file(path, NULL);
	ck_assert_msg(text != NULL, "cannot read %s", path);
	struct expectations e;
	parse_expectations(name, text, &e);
	ck_assert_msg(e.nlines > 0, "%s states no expectation", name);

	char *out = h_tmpdir("errors");
	int before = h_count_entries(dir);
	const char *argv[MAX_ARGS];
	int n = 0;
	char *hdr = h_fmt("%s/x.h", out), *usr = h_fmt("%s/xUser.c", out);
	char *srv = h_fmt("%s/xServer.c", out);
	char *shd = h_fmt("%s/xServer.h", out), *yml = h_fmt("%s/x.yaml", out);
	argv[n++] = h_mig();
	for (int i = 0; i < e.noptions; i++)
		argv[n++] = e.options[i];
	argv[n++] = "-header"; argv[n++] = hdr;
	argv[n++] = "-user"; argv[n++] = usr;
	argv[n++] = "-server"; argv[n++] = srv;
	argv[n++] = "-sheader"; argv[n++] = shd;
	argv[n++] = "-yaml"; argv[n++] = yml;
	argv[n++] = name;
	argv[n] = NULL;

	struct run_result r;
	ck_assert(h_run(argv, dir, NULL, &r));
	ck_assert_msg(r.status == e.exit_status,
		      "%s: exit status %d, expected %d; stderr:\n%s", name,
		      r.status, e.exit_status, r.err);
	for (int i = 0; i < e.nlines; i++)
		ck_assert_msg(strstr(r.err, e.lines[i]) != NULL,
			      "%s: expected on stderr:\n  %s\ngot:\n%s", name,
			      e.lines[i], r.err);
	ck_assert_msg(h_count_entries(out) == 0,
		      "%s: outputs were written despite errors", name);
	ck_assert_msg(h_count_entries(dir) == before,
		      "%s: files appeared beside the input", name);

	h_result_free(&r);
	h_rmtree(out);
	free(out); free(hdr); free(usr); free(srv); free(shd); free(yml);
	free_expectations(&e);
	free(text);
	free(path);
}

static char **cases;         /* names in test/mig/errors, sorted */
static int ncases;

static char *errors_dir(void)
{
	return h_fmt("%s/test/mig/errors", h_top());
}

START_TEST(test_error_case)
{
	char *dir = errors_dir();
	check_error_case(dir, cases[_i]);
	free(dir);
}
END_TEST

START_TEST(test_enough_cases)
{
	ck_assert_msg(ncases >= 40, "only %d error cases; at least 40 expected",
		      ncases);
}
END_TEST

Suite *errors_suite(void)
{
	Suite *s = suite_create("errors");
	TCase *tc = tcase_create("cases");
	const char *top = getenv("MACHSIM_TOP");
	if (top && !cases) {
		char *dir = h_fmt("%s/test/mig/errors", top);
		cases = h_list_dir(dir, ".defs");
		free(dir);
		while (cases[ncases])
			ncases++;
	}
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, test_enough_cases);
	tcase_add_loop_test(tc, test_error_case, 0, ncases);
	suite_add_tcase(s, tc);
	return s;
}
