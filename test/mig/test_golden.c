/*
 * test_golden.c - the compiler's golden cases.
 *
 * For each test/mig/golden/NAME.defs, mig writes NAME.h, NAMEUser.c,
 * NAMEServer.c, NAMEServer.h and NAME.yaml (plus whatever the options in
 * a "mig-options: ..." comment of the file add) into a scratch folder.
 * The folder must then hold exactly the files of test/mig/golden/NAME/,
 * byte for byte; every .c must compile with the project's warnings
 * (-Wall -Wextra -Werror ...) against runtime/include; and a second run
 * from another folder, naming the input by a relative path, must give the
 * same bytes.  Options in mig-options that name files name them relative
 * to the scratch folder.  MACHSIM_GOLDEN_UPDATE=1 (make golden-update) rewrites the
 * golden folders instead of comparing.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "support/harness.h"
#include "support/suites.h"

#define MAX_ARGS 64

static char **cases;
static int ncases;

/* Base name without ".defs" (malloc'd). */
static char *case_base(const char *name)
{
	return strndup(name, strlen(name) - strlen(".defs"));
}

/* Split the "mig-options:" directive into argv entries (malloc'd). */
static int case_options(const char *text, char **opts, int max)
{
	const char *p = strstr(text, "mig-options:");
	if (!p)
		return 0;
	p += strlen("mig-options:");
	const char *end = strstr(p, "*/");
	char *v = strndup(p, end ? (size_t)(end - p) : strlen(p));
	int n = 0;
	for (char *t = strtok(v, " \n"); t && n < max; t = strtok(NULL, " \n"))
		opts[n++] = strdup(t);
	free(v);
	return n;
}

/* Run mig for one case into outdir from cwd, naming the input `input`. */
static void generate(const char *base, const char *input, const char *cwd,
		     const char *outdir, char **opts, int nopts)
{
	char *names[5] = {
		h_fmt("%s/%s.h", outdir, base),
		h_fmt("%s/%sUser.c", outdir, base),
		h_fmt("%s/%sServer.c", outdir, base),
		h_fmt("%s/%sServer.h", outdir, base),
		h_fmt("%s/%s.yaml", outdir, base),
	};
	static const char *flags[5] = { "-header", "-user", "-server",
					"-sheader", "-yaml" };
	char *inc = h_fmt("-I%s/test/mig/golden", h_top());
	char *defs = h_fmt("-I%s/include", h_build());
	const char *argv[MAX_ARGS];
	int n = 0;
	argv[n++] = h_mig();
	argv[n++] = inc;
	argv[n++] = defs;
	for (int i = 0; i < 5; i++) {
		argv[n++] = flags[i];
		argv[n++] = names[i];
	}
	for (int i = 0; i < nopts; i++)
		argv[n++] = opts[i];
	argv[n++] = input;
	argv[n] = NULL;

	struct run_result r;
	ck_assert(h_run(argv, cwd, NULL, &r));
	ck_assert_msg(r.status == 0, "%s: mig exited %d:\n%s", base, r.status,
		      r.err);
	h_result_free(&r);
	free(inc);
	free(defs);
	for (int i = 0; i < 5; i++)
		free(names[i]);
}

/* Every file of dir a must be in dir b with the same bytes, and back. */
static void compare_dirs(const char *what, const char *a, const char *b)
{
	char **la = h_list_dir(a, ""), **lb = h_list_dir(b, "");
	int i = 0;
	for (; la[i] && lb[i]; i++)
		ck_assert_msg(strcmp(la[i], lb[i]) == 0,
			      "%s: file sets differ at '%s' / '%s'", what,
			      la[i], lb[i]);
	ck_assert_msg(!la[i] && !lb[i], "%s: file sets differ ('%s')", what,
		      la[i] ? la[i] : lb[i]);
	for (i = 0; la[i]; i++) {
		char *pa = h_fmt("%s/%s", a, la[i]), *pb = h_fmt("%s/%s", b, la[i]);
		size_t na, nb;
		char *da = h_read_file(pa, &na), *db = h_read_file(pb, &nb);
		ck_assert_ptr_nonnull(da);
		ck_assert_ptr_nonnull(db);
		ck_assert_msg(na == nb && memcmp(da, db, na) == 0,
			      "%s: %s differs; see 'diff %s %s'", what, la[i],
			      pa, pb);
		free(da); free(db); free(pa); free(pb);
	}
	h_free_list(la);
	h_free_list(lb);
}

/* Compile every .c of dir with the project's warnings, and as C++ (as
   Apple's output, it must build as either; -s's symbol table puts string
   literals in Darwin's `char *' field, which C++ only warns about). */
static void compile_all(const char *dir)
{
	const char *cc = getenv("MACHSIM_CC");
	const char *cflags = getenv("MACHSIM_CFLAGS");
	char **list = h_list_dir(dir, ".c");
	for (char **p = list; *p; p++) {
		char *cmd = h_fmt("%s %s -I%s/runtime/include "
				  "-I%s/generated/include -I%s/test/mig/golden"
				  " -I. -c -o /dev/null %s && "
				  "c++ -x c++ -std=c++11 -Wall -Werror -Wno-write-strings -fsyntax-only"
				  " -I%s/runtime/include -I%s/generated/include"
				  " -I%s/test/mig/golden -I. %s",
				  cc ? cc : "cc",
				  cflags ? cflags : "-std=c11 -Wall -Wextra -Werror",
				  h_top(), h_top(), h_top(), *p, h_top(), h_top(),
				  h_top(), *p);
		struct run_result r;
		ck_assert(h_sh(cmd, dir, &r));
		ck_assert_msg(r.status == 0, "%s/%s does not compile:\n%s", dir,
			      *p, r.err);
		h_result_free(&r);
		free(cmd);
	}
	h_free_list(list);
}

START_TEST(test_golden_case)
{
	const char *name = cases[_i];
	char *base = case_base(name);
	char *gdir = h_fmt("%s/test/mig/golden", h_top());
	char *path = h_fmt("%s/%s", gdir, name);
	char *text = h_read_file(path, NULL);
	ck_assert_ptr_nonnull(text);
	char *opts[32];
	int nopts = case_options(text, opts, 32);

	char *out1 = h_tmpdir("golden"), *out2 = h_tmpdir("golden");
	generate(base, path, out1, out1, opts, nopts);
	/* The second run names the input relative to its own folder. */
	char *rel = h_fmt("golden/%s", name);
	char *link = h_fmt("%s/golden", out2);
	ck_assert_int_eq(symlink(gdir, link), 0);
	generate(base, rel, out2, out2, opts, nopts);
	ck_assert_int_eq(unlink(link), 0);
	compare_dirs("second run", out1, out2);

	char *expected = h_fmt("%s/%s", gdir, base);
	const char *update = getenv("MACHSIM_GOLDEN_UPDATE");
	if (update && strcmp(update, "1") == 0) {
		h_rmtree(expected);
		char *cmd = h_fmt("cp -R '%s' '%s'", out1, expected);
		ck_assert_int_eq(system(cmd), 0);
		free(cmd);
	} else {
		compare_dirs(base, expected, out1);
	}
	compile_all(out1);

	h_rmtree(out1);
	h_rmtree(out2);
	for (int i = 0; i < nopts; i++)
		free(opts[i]);
	free(out1); free(out2); free(rel); free(link); free(expected);
	free(text); free(path); free(gdir); free(base);
}
END_TEST

START_TEST(test_golden_present)
{
	ck_assert_msg(ncases >= 12, "only %d golden cases", ncases);
}
END_TEST

Suite *golden_suite(void)
{
	Suite *s = suite_create("golden");
	TCase *tc = tcase_create("cases");
	const char *top = getenv("MACHSIM_TOP");
	if (top && !cases) {
		char *dir = h_fmt("%s/test/mig/golden", top);
		cases = h_list_dir(dir, ".defs");
		free(dir);
		while (cases[ncases])
			ncases++;
	}
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_golden_present);
	tcase_add_loop_test(tc, test_golden_case, 0, ncases);
	suite_add_tcase(s, tc);
	return s;
}
