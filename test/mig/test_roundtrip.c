/*
 * test_roundtrip.c - generated client stubs against generated demuxers,
 * end to end in one process, without the kernel.
 *
 * The fixture runs mig on test/mig/roundtrip/rt.defs with -subrprefix rt_
 * (so the stubs call the fake kernel of roundtrip/fake_kernel.c), compiles
 * the output with the project's warnings together with the fake, the work
 * functions and the scenarios of roundtrip/rt_main.c, and each test runs
 * one scenario.  -R (separate send and receive) gets a second build.
 * Array bounds are checked in every build (a trap, no runtime library
 * needed; the sanitizer build checks them with its own report), so an
 * id the demuxer lets through past the end of its routine table stops
 * the program instead of reading what follows.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "support/harness.h"
#include "support/suites.h"

static char *dir;        /* scratch folder: generated code and programs */
static bool built, built_r, built_t;

/* mig (with extra) + cc (with cextra) into dir/<prog>; true on success
   (details printed). */
static bool build_program(const char *prog, const char *extra,
			  const char *cextra)
{
	const char *cc = getenv("MACHSIM_CC");
	const char *cflags = getenv("MACHSIM_CFLAGS");
	const char *san = getenv("MACHSIM_SAN");
	const char *bounds = san && strcmp(san, "1") == 0 ? "" :
		"-fsanitize=bounds -fsanitize-undefined-trap-on-error";
	char *rt = h_fmt("%s/test/mig/roundtrip", h_top());
	char *cmd = h_fmt(
		"%s -subrprefix rt_ %s -I%s -header rt.h -user rtUser_%s.c "
		"-server rtServer_%s.c -sheader rtServer.h %s/rt.defs && "
		"%s %s %s %s -I. -I%s -I%s/runtime/include -o %s rtUser_%s.c "
		"rtServer_%s.c %s/fake_kernel.c %s/rt_server.c %s/rt_main.c",
		h_mig(), extra, rt, prog, prog, rt,
		cc ? cc : "cc", cflags ? cflags : "-std=c11 -Wall -Wextra -Werror",
		bounds, cextra, rt, h_top(), prog, prog, prog, rt, rt, rt);
	struct run_result r;
	bool ok = h_sh(cmd, dir, &r) && r.status == 0;

	if (!ok)
		fprintf(stderr, "roundtrip build failed (%d):\n%s\n%s%s\n",
			r.status, cmd, r.out ? r.out : "", r.err ? r.err : "");
	h_result_free(&r);
	free(cmd);
	free(rt);
	return ok;
}

static void setup(void)
{
	dir = h_tmpdir("roundtrip");
	built = build_program("rt", "", "");
	built_r = build_program("rt_sep", "-R", "");
	/* descriptors filled from Apple's static templates (declared
	   "const static", as Apple's, which gcc's -Wextra flags) */
	built_t = build_program("rt_tmpl", "", "-DUseStaticTemplates=1 "
				"-Wno-old-style-declaration "
				"-Wno-unknown-warning-option");
}

static void teardown(void)
{
	h_rmtree(dir);
	free(dir);
}

static void run_scenario(const char *prog, const char *name)
{
	char *path = h_fmt("%s/%s", dir, prog);
	const char *argv[] = { path, name, NULL };
	struct run_result r;

	ck_assert_msg(h_run(argv, dir, NULL, &r), "cannot run %s", path);
	ck_assert_msg(r.status == 0, "scenario %s (%s) failed (status %d):\n%s",
		      name, prog, r.status, r.err ? r.err : "");
	h_result_free(&r);
	free(path);
}

static const char *const scenarios[] = {
	"add", "simple", "fixed", "bounded", "too_large_client", "ool",
	"strings", "ports", "countinout", "server_error", "send_error",
	"reply_checks", "bad_requests", "bad_id_edges", "twovar",
	"inool", "poly",
};

START_TEST(scenario)
{
	ck_assert_msg(built, "round-trip program did not build");
	run_scenario("rt", scenarios[_i]);
}
END_TEST

START_TEST(scenario_separate)
{
	ck_assert_msg(built_r, "round-trip program (-R) did not build");
	run_scenario("rt_sep", scenarios[_i]);
}
END_TEST

START_TEST(scenario_templates)
{
	ck_assert_msg(built_t, "round-trip program (UseStaticTemplates) did "
		      "not build");
	run_scenario("rt_tmpl", scenarios[_i]);
}
END_TEST

Suite *roundtrip_suite(void)
{
	Suite *s = suite_create("roundtrip");
	TCase *tc = tcase_create("rt");
	int n = (int)(sizeof scenarios / sizeof scenarios[0]);

	tcase_add_unchecked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, scenario, 0, n);
	tcase_add_loop_test(tc, scenario_separate, 0, n);
	tcase_add_loop_test(tc, scenario_templates, 0, n);
	suite_add_tcase(s, tc);
	return s;
}
