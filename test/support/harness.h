/*
 * harness.h - helpers for tests that run programs and compare files.
 *
 * The test program learns where things are from the environment that
 * `make check` sets: MACHSIM_TOP (source tree), MACHSIM_MIG (the compiler),
 * MACHSIM_BUILD (build directory), MACHSIM_CC and MACHSIM_CFLAGS (to
 * compile generated code with the project's own warnings).
 */
#ifndef TEST_HARNESS_H
#define TEST_HARNESS_H

#include <stdbool.h>
#include <stddef.h>

struct run_result {
	int status;        /* exit status, or 128 + signal */
	char *out;         /* captured stdout, NUL-terminated (malloc'd) */
	char *err;         /* captured stderr */
};

/* Environment lookups; abort the test with a message when unset. */
const char *h_top(void);
const char *h_mig(void);
const char *h_build(void);

/*
 * Run argv[0] (searched in PATH) with argv, in directory cwd (NULL: the
 * current one), stdin from /dev/null or from `input` when not NULL.
 * Returns false only when the program could not be started.
 */
bool h_run(const char *const *argv, const char *cwd, const char *input,
	   struct run_result *r);
/* Run "sh -c cmd" in cwd. */
bool h_sh(const char *cmd, const char *cwd, struct run_result *r);
void h_result_free(struct run_result *r);

/* A fresh empty directory under the build tree; caller frees the path. */
char *h_tmpdir(const char *tag);
/* rm -rf */
void h_rmtree(const char *path);
/* Number of entries in a directory (not counting . and ..), -1 on error. */
int h_count_entries(const char *dir);

/* Whole file into a malloc'd NUL-terminated buffer; NULL if unreadable. */
char *h_read_file(const char *path, size_t *len);
bool h_write_file(const char *path, const char *data, size_t len);

/* Sorted list of names (not starting with a dot) in dir ending in
   suffix (empty when dir cannot
   be read); NULL-terminated,
   malloc'd, free with h_free_list. */
char **h_list_dir(const char *dir, const char *suffix);
void h_free_list(char **list);

/* malloc'd sprintf */
char *h_fmt(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
