/*
 * test_fuzz_replay.c - the fuzz entry under the test program.
 *
 * Feeds fuzz_mig_one() the preprocessed golden cases, the error cases,
 * every file saved in test/fuzz/corpus/ (inputs a fuzzing run found worth
 * keeping), and a fixed set of mutations of each: truncations, byte flips,
 * splices of two inputs, deep nesting, binary noise.  The seed is fixed,
 * so a failure reproduces.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "fuzz/fuzz_mig.h"
#include "support/harness.h"
#include "support/suites.h"

/* A small deterministic generator (xorshift64). */
static uint64_t rng_next(uint64_t *s)
{
	uint64_t x = *s;
	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	return *s = x;
}

/* One mutation of buf (len bytes) into out (capacity cap); returns the
   new length. */
static size_t mutate(const char *buf, size_t len, const char *other,
		     size_t olen, char *out, size_t cap, uint64_t *rng)
{
	size_t n = len < cap ? len : cap;
	memcpy(out, buf, n);
	switch (rng_next(rng) % 5) {
	case 0:                                 /* truncate */
		return n ? rng_next(rng) % n : 0;
	case 1:                                 /* flip bytes */
		for (int i = 0; n && i < 4; i++)
			out[rng_next(rng) % n] ^= (char)(1u << (rng_next(rng) % 8));
		return n;
	case 2: {                               /* splice another input */
		size_t at = n ? rng_next(rng) % n : 0;
		size_t from = olen ? rng_next(rng) % olen : 0;
		size_t take = olen - from;
		if (at + take > cap)
			take = cap - at;
		memcpy(out + at, other + from, take);
		return at + take;
	}
	case 3: {                               /* replace a byte by punctuation */
		static const char punct[] = ";:,()[]{}^|*=+-/~#\"<>";
		for (int i = 0; n && i < 3; i++)
			out[rng_next(rng) % n] = punct[rng_next(rng) % (sizeof punct - 1)];
		return n;
	}
	default:                                /* delete a range */
		if (n < 2)
			return n;
		size_t a = rng_next(rng) % n, b = a + rng_next(rng) % (n - a);
		memmove(out + a, out + b, n - b);
		return n - (b - a);
	}
}

/* Preprocess a golden case as mig's driver would. */
static char *preprocess(const char *path)
{
	char *inc1 = h_fmt("-I%s/include", h_build());
	char *inc2 = h_fmt("-I%s/test/mig/golden", h_top());
	const char *argv[] = { "cc", "-E", "-x", "c", "-undef", "-D__MACH30__",
			       "-D__x86_64__", "-D__LP64__", inc1, inc2, path,
			       NULL };
	struct run_result r;
	ck_assert(h_run(argv, NULL, NULL, &r));
	ck_assert_msg(r.status == 0, "cpp %s: %s", path, r.err);
	free(r.err);
	free(inc1);
	free(inc2);
	return r.out;
}

static void run_with_mutations(const char *text, const char *other, int rounds,
			       uint64_t seed)
{
	size_t len = strlen(text), olen = strlen(other);
	size_t cap = len + olen + 1;
	char *buf = malloc(cap);
	fuzz_mig_one((const uint8_t *)text, len);
	uint64_t rng = seed | 1;
	for (int i = 0; i < rounds; i++) {
		size_t n = mutate(text, len, other, olen, buf, cap, &rng);
		fuzz_mig_one((const uint8_t *)buf, n);
	}
	free(buf);
}

START_TEST(test_replay_golden)
{
	char *dir = h_fmt("%s/test/mig/golden", h_top());
	char **list = h_list_dir(dir, ".defs");
	char *prev = strdup("subsystem x 1; routine r(p: int);");
	for (char **p = list; *p; p++) {
		char *path = h_fmt("%s/%s", dir, *p);
		char *text = preprocess(path);
		/* The preprocessed golden case itself compiles. */
		ck_assert_msg(fuzz_mig_one((const uint8_t *)text, strlen(text)) == 0,
			      "%s does not compile in memory", *p);
		run_with_mutations(text, prev, 150, (uint64_t)(p - list) + 7);
		free(prev);
		prev = text;
		free(path);
	}
	free(prev);
	h_free_list(list);
	free(dir);
}
END_TEST

START_TEST(test_replay_errors_and_corpus)
{
	static const char *const dirs[] = { "test/mig/errors", "test/fuzz/corpus" };
	for (size_t d = 0; d < 2; d++) {
		char *dir = h_fmt("%s/%s", h_top(), dirs[d]);
		char **list = h_list_dir(dir, "");
		for (char **p = list; *p; p++) {
			char *path = h_fmt("%s/%s", dir, *p);
			size_t len;
			char *text = h_read_file(path, &len);
			ck_assert_ptr_nonnull(text);
			run_with_mutations(text, "routine", 20, len);
			free(text);
			free(path);
		}
		h_free_list(list);
		free(dir);
	}
}
END_TEST

/*
 * Out of memory: on each golden case, the allocation numbered n fails,
 * for n spread over every allocation the case makes.  The run must end in
 * an error (never a crash, never outputs built from a half-made model).
 */
START_TEST(test_allocation_failures)
{
	char *dir = h_fmt("%s/test/mig/golden", h_top());
	char **list = h_list_dir(dir, ".defs");
	for (char **p = list; *p; p++) {
		char *path = h_fmt("%s/%s", dir, *p);
		char *text = preprocess(path);
		size_t len = strlen(text);
		arena_fail_after(0);
		ck_assert_int_eq(fuzz_mig_one((const uint8_t *)text, len), 0);
		unsigned long total = arena_alloc_count();
		unsigned long step = total / 150 + 1;
		for (unsigned long n = 1; n <= total; n += step) {
			arena_fail_after(n);
			ck_assert_msg(fuzz_mig_one((const uint8_t *)text, len) == 1,
				      "%s: allocation %lu of %lu failed, yet the"
				      " run succeeded", *p, n, total);
		}
		arena_fail_after(0);
		free(text);
		free(path);
	}
	h_free_list(list);
	free(dir);
}
END_TEST

START_TEST(test_pathological)
{
	/* Deep nesting, long lines, binary bytes, huge numbers. */
	size_t n = 100000;
	char *buf = malloc(n + 64);
	strcpy(buf, "subsystem s 1; type t = ");
	size_t at = strlen(buf);
	while (at < n) {
		memcpy(buf + at, "array[1] of ", 12);
		at += 12;
	}
	strcpy(buf + at, "int;");
	fuzz_mig_one((const uint8_t *)buf, strlen(buf));
	for (size_t i = 0; i < n; i++)
		buf[i] = (char)(i * 2654435761u >> 13);
	fuzz_mig_one((const uint8_t *)buf, n);
	memset(buf, '(', n);
	fuzz_mig_one((const uint8_t *)buf, n);
	const char *big = "subsystem s 99999999999999999999; skip 2147483647;"
			  " type t = array[2147483647] of array[2147483647] of int;";
	fuzz_mig_one((const uint8_t *)big, strlen(big));
	fuzz_mig_one((const uint8_t *)"", 0);
	free(buf);
}
END_TEST

Suite *fuzz_suite(void)
{
	Suite *s = suite_create("fuzz");
	TCase *tc = tcase_create("replay");
	tcase_set_timeout(tc, 600);
	tcase_add_test(tc, test_replay_golden);
	tcase_add_test(tc, test_replay_errors_and_corpus);
	tcase_add_test(tc, test_pathological);
	tcase_add_test(tc, test_allocation_failures);
	suite_add_tcase(s, tc);
	return s;
}
