/*
 * test_fuzz_kmsg.c - the kernel message fuzz entry under the test program.
 *
 * Runs fuzz_kmsg_one() over every file of test/fuzz/kmsg-corpus/ (valid
 * messages of each shape, for each target, and inputs a fuzzing run found
 * worth keeping) and over a fixed set of mutations of each: bit flips,
 * words set to edge values (small names, MACH_PORT_DEAD, sizes, counts,
 * dispositions, descriptor types), truncations, and a different target
 * or option byte.  The seed is fixed, so a failure reproduces; the
 * failing input is written to $MACHSIM_BUILD/kmsg-failure for the fuzzer.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz/fuzz_kmsg.h"
#include "support/harness.h"
#include "support/suites.h"

Suite *fuzz_kmsg_suite(void);

#define MUTATIONS	24

static uint64_t rng_next(uint64_t *s)
{
	uint64_t x = *s;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	return *s = x;
}

static void run_one(const char *name, const uint8_t *data, size_t size)
{
	if (fuzz_kmsg_one(data, size) != -1)
		return;
	{
		char *path = h_fmt("%s/kmsg-failure", h_build());

		(void)h_write_file(path, (const char *)data, size);
		ck_abort_msg("%s: %s (input saved to %s)", name, fuzz_kmsg_why,
		    path);
	}
}

/* One mutation of in (len bytes) into out; returns the new length. */
static size_t mutate(const uint8_t *in, size_t len, uint8_t *out,
    uint64_t *rng)
{
	static const uint32_t edge[] = {
		0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 15, 16, 17, 18, 19,
		20, 21, 22, 24, 0x80000000u, 0xffffffffu, 0x7fffffffu, 0x1000,
		0x10000, 0x3fff, 0x4000, 24, 28, 36, 40, 0x801f1f1fu,
		0x80001211u, 0x1311, 0x1413, 7300, 7305, 7311, 7399
	};
	size_t n = len, w;

	memcpy(out, in, len);
	switch (rng_next(rng) % 6) {
	case 0:				/* flip bits */
		for (w = 0; w < 3 && n > 0; w++)
			out[rng_next(rng) % n] ^= (uint8_t)(1u << (rng_next(rng)
			    % 8));
		break;
	case 1:				/* a word to an edge value */
	case 2:
		if (n >= FK_HDR + 4) {
			size_t at = FK_HDR + 4 * (rng_next(rng) %
			    ((n - FK_HDR) / 4));
			uint32_t v = edge[rng_next(rng) %
			    (sizeof(edge) / sizeof(edge[0]))];

			memcpy(out + at, &v, 4);
		}
		break;
	case 3:				/* truncate */
		n = n > FK_HDR ? FK_HDR + rng_next(rng) % (n - FK_HDR + 1) : n;
		break;
	case 4:				/* another target, other options */
		out[0] = (uint8_t)rng_next(rng);
		out[1] = (uint8_t)rng_next(rng);
		break;
	default:			/* a byte of a descriptor's type word */
		if (n >= FK_HDR + 28 + 12 + 12)
			out[FK_HDR + 28 + 11 + 12 * (rng_next(rng) % 2)] =
			    (uint8_t)(rng_next(rng) % 6);
		break;
	}
	return n;
}

static void replay_dir(const char *sub, int min_files)
{
	char *dir = h_fmt("%s/test/fuzz/%s", h_top(), sub);
	char **list = h_list_dir(dir, "");
	int files = 0;

	for (char **p = list; *p; p++) {
		char *path = h_fmt("%s/%s", dir, *p);
		size_t len = 0;
		char *data = h_read_file(path, &len);
		uint8_t *buf;
		uint64_t rng = 0x9e3779b97f4a7c15ull ^ (uint64_t)(p - list);
		int i;

		ck_assert_msg(data != NULL, "cannot read %s", path);
		run_one(*p, (const uint8_t *)data, len);
		buf = malloc(len + 1);
		for (i = 0; i < MUTATIONS; i++) {
			size_t n = mutate((const uint8_t *)data, len, buf, &rng);

			run_one(*p, buf, n);
		}
		free(buf);
		free(data);
		free(path);
		files++;
	}
	ck_assert_int_ge(files, min_files);
	h_free_list(list);
	free(dir);
}

START_TEST(replay_corpus)
{
	replay_dir("kmsg-corpus", 10);
}
END_TEST

/* Inputs too short to hold a header, and the empty message. */
START_TEST(degenerate)
{
	static const uint8_t in[8] = { 0, 0, 1, 2, 3, 4, 5, 6 };
	size_t n;

	for (n = 0; n <= sizeof(in); n++)
		run_one("short", in, n);
}
END_TEST

Suite *fuzz_kmsg_suite(void)
{
	Suite *s = suite_create("fuzz_kmsg");
	TCase *tc = tcase_create("replay");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, degenerate);
	tcase_add_test(tc, replay_corpus);
	suite_add_tcase(s, tc);
	return s;
}
