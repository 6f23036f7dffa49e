/*
 * test_darwin.c - the Darwin-style programs of examples/darwin (every .c
 * there), built as a user of an installed machsim builds them: the tree
 * is installed into a scratch prefix under the build directory (`make
 * install PREFIX=...`, with the same SAN setting as the running build),
 * and each program is compiled with nothing but `pkg-config --cflags
 * --libs machsim` of that prefix, against libmach.a and against
 * libmach.so, and run.  examples/darwin/check.sh does the compiling and
 * running, the same script `make check-darwin` uses; one test per
 * program.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support/harness.h"
#include "support/suites.h"

static char **programs;		/* basenames under examples/darwin */
static int nprograms;

/* The install, done once for the suite (unchecked fixture). */
static char *work_dir;
static int install_status = -1;
static char *install_log;

/* The SAN setting of the running build: MACHSIM_SAN when `make check`
   passes it, else read off the flags the build compiles with. */
static const char *san_setting(void)
{
	const char *san = getenv("MACHSIM_SAN");
	const char *cflags = getenv("MACHSIM_CFLAGS");

	if (san != NULL && *san != '\0')
		return san;
	if (cflags != NULL && strstr(cflags, "-fsanitize=thread") != NULL)
		return "thread";
	if (cflags != NULL && strstr(cflags, "-fsanitize=address") != NULL)
		return "1";
	return "0";
}

static void install_tree(void)
{
	const char *top = getenv("MACHSIM_TOP");
	const char *build = getenv("MACHSIM_BUILD");
	struct run_result r;

	if (top == NULL || build == NULL)
		return;		/* the tests report it */
	work_dir = h_fmt("%s/darwin-check", build);
	h_rmtree(work_dir);
	/* The sub-make must not join the jobserver of the make that runs
	   the tests, nor count as its child. */
	char *cmd = h_fmt("mkdir -p '%s' && "
			  "env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL "
			  "make -C '%s' --no-print-directory install "
			  "PREFIX='%s/inst' DESTDIR= SAN=%s",
			  work_dir, top, work_dir, san_setting());
	if (h_sh(cmd, NULL, &r)) {
		install_status = r.status;
		install_log = h_fmt("%s\n%s", r.out, r.err);
		h_result_free(&r);
	} else {
		install_status = -1;
		install_log = h_fmt("could not run: %s", cmd);
	}
	free(cmd);
}

static void forget_install(void)
{
	free(install_log);
	install_log = NULL;
	free(work_dir);
	work_dir = NULL;
}

static void require_install(void)
{
	(void)h_top();
	(void)h_build();
	ck_assert_msg(install_status == 0,
		      "make install into %s/inst failed (%d):\n%s",
		      work_dir ? work_dir : "?", install_status,
		      install_log ? install_log : "");
}

START_TEST(installed_tree)
{
	require_install();
	char *pc = h_fmt("%s/inst/lib/pkgconfig/machsim.pc", work_dir);
	char *text = h_read_file(pc, NULL);
	ck_assert_msg(text != NULL, "%s is missing", pc);
	free(text);
	free(pc);
	static const char *const files[] = {
		"include/mach/mach.h", "include/mach/mach_error.h",
		"include/mach/notify.h", "include/mach/message.h",
		"include/mach/mach_port.h", "include/mach/task.h",
		"include/mach/vm_map.h", "include/mach/lock_set.h",
		"include/mach/semaphore.h", "lib/libmach.a", "lib/libmach.so",
	};
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		char *p = h_fmt("%s/inst/%s", work_dir, files[i]);
		size_t len = 0;
		char *data = h_read_file(p, &len);
		ck_assert_msg(data != NULL && len > 0, "%s not installed", p);
		free(data);
		free(p);
	}
	/* The six programs of the brief, at least. */
	ck_assert_int_ge(nprograms, 6);
}
END_TEST

START_TEST(program_builds_and_runs)
{
	require_install();
	const char *name = programs[_i];
	const char *cc = getenv("MACHSIM_CC");
	const char *cflags = getenv("MACHSIM_CFLAGS");
	struct run_result r;
	char *cmd = h_fmt("CC='%s' DARWIN_CFLAGS='%s' sh "
			  "'%s/examples/darwin/check.sh' '%s/inst' '%s/out' "
			  "'%s/examples/darwin/%s'",
			  cc && *cc ? cc : "cc", cflags ? cflags : "",
			  h_top(), work_dir, work_dir, h_top(), name);

	ck_assert(h_sh(cmd, NULL, &r));
	ck_assert_msg(r.status == 0, "%s:\n%s%s", name, r.out, r.err);
	/* Both builds ran to their summary line. */
	ck_assert_msg(strstr(r.out, "(static):") != NULL &&
		      strstr(r.out, "(shared):") != NULL,
		      "%s: missing a run:\n%s", name, r.out);
	h_result_free(&r);
	free(cmd);
}
END_TEST

Suite *darwin_suite(void)
{
	Suite *s = suite_create("darwin");
	TCase *tc = tcase_create("installed");
	const char *top = getenv("MACHSIM_TOP");

	if (programs == NULL && top != NULL) {
		char *dir = h_fmt("%s/examples/darwin", top);
		programs = h_list_dir(dir, ".c");
		free(dir);
		while (programs[nprograms] != NULL)
			nprograms++;
	}
	tcase_add_unchecked_fixture(tc, install_tree, forget_install);
	/* install + compile + run under a sanitizer take a while. */
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, installed_tree);
	tcase_add_loop_test(tc, program_builds_and_runs, 0, nprograms);
	suite_add_tcase(s, tc);
	return s;
}
