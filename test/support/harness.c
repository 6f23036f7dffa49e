/*
 * harness.c - see harness.h.
 */
#include "support/harness.h"

#include <check.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *h_env(const char *name)
{
	const char *v = getenv(name);
	if (!v || !*v)
		ck_abort_msg("%s is not set: run the tests with 'make check'",
			     name);
	return v;
}

const char *h_top(void) { return h_env("MACHSIM_TOP"); }
const char *h_mig(void) { return h_env("MACHSIM_MIG"); }
const char *h_build(void) { return h_env("MACHSIM_BUILD"); }

char *h_fmt(const char *fmt, ...)
{
	va_list ap;
	char *s = NULL;
	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		s = NULL;
	va_end(ap);
	if (!s)            /* usable outside tests too: no ck_assert here */
		abort();
	return s;
}

char *h_read_file(const char *path, size_t *lenp)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 4096, len = 0;
	char *buf = malloc(cap);
	size_t n;
	while (buf && (n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
		len += n;
		if (cap - len <= 1) {
			char *nb = realloc(buf, cap * 2);
			if (!nb) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = nb;
			cap *= 2;
		}
	}
	fclose(f);
	if (!buf)
		return NULL;
	buf[len] = '\0';
	if (lenp)
		*lenp = len;
	return buf;
}

bool h_write_file(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	if (!f)
		return false;
	bool ok = fwrite(data, 1, len, f) == len;
	return fclose(f) == 0 && ok;
}

/* Capture one stream of the child through a temporary file. */
static int h_capture_fd(void)
{
	char path[] = "/tmp/machsim-capture-XXXXXX";
	int fd = mkstemp(path);
	if (fd >= 0)
		unlink(path);
	return fd;
}

static char *h_slurp_fd(int fd)
{
	off_t end = lseek(fd, 0, SEEK_END);
	if (end < 0)
		end = 0;
	char *buf = malloc((size_t)end + 1);
	ck_assert_ptr_nonnull(buf);
	ssize_t got = pread(fd, buf, (size_t)end, 0);
	buf[got > 0 ? got : 0] = '\0';
	close(fd);
	return buf;
}

bool h_run(const char *const *argv, const char *cwd, const char *input,
	   struct run_result *r)
{
	int ofd = h_capture_fd(), efd = h_capture_fd(), ifd = -1;
	ck_assert_int_ge(ofd, 0);
	ck_assert_int_ge(efd, 0);
	if (input) {
		ifd = h_capture_fd();
		ck_assert_int_ge(ifd, 0);
		ck_assert(write(ifd, input, strlen(input)) ==
			  (ssize_t)strlen(input));
		lseek(ifd, 0, SEEK_SET);
	}
	pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		if (ifd < 0)
			ifd = open("/dev/null", O_RDONLY);
		dup2(ifd, 0);
		dup2(ofd, 1);
		dup2(efd, 2);
		if (cwd && chdir(cwd) != 0)
			_exit(126);
		execvp(argv[0], (char *const *)argv);
		_exit(127);
	}
	if (ifd >= 0)
		close(ifd);
	int st;
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	r->status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	r->out = h_slurp_fd(ofd);
	r->err = h_slurp_fd(efd);
	return r->status != 127;
}

bool h_sh(const char *cmd, const char *cwd, struct run_result *r)
{
	const char *argv[] = { "sh", "-c", cmd, NULL };
	return h_run(argv, cwd, NULL, r);
}

void h_result_free(struct run_result *r)
{
	free(r->out);
	free(r->err);
	r->out = r->err = NULL;
}

char *h_tmpdir(const char *tag)
{
	char *base = h_fmt("%s/tmp", h_build());
	mkdir(base, 0777);
	char *tmpl = h_fmt("%s/%s-XXXXXX", base, tag);
	free(base);
	ck_assert_msg(mkdtemp(tmpl) != NULL, "mkdtemp %s: %s", tmpl,
		      strerror(errno));
	return tmpl;
}

void h_rmtree(const char *path)
{
	char *cmd = h_fmt("rm -rf '%s'", path);
	int rc = system(cmd);
	(void)rc;
	free(cmd);
}

int h_count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return -1;
	int n = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			n++;
	closedir(d);
	return n;
}

static int h_cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

char **h_list_dir(const char *dir, const char *suffix)
{
	DIR *d = opendir(dir);
	size_t n = 0, cap = 16, sl = strlen(suffix);
	char **list = malloc(cap * sizeof *list);
	struct dirent *e;
	if (!d) {
		list[0] = NULL;
		return list;
	}
	while ((e = readdir(d)) != NULL) {
		size_t l = strlen(e->d_name);
		if (e->d_name[0] == '.' || l < sl || strcmp(e->d_name + l - sl, suffix) != 0)
			continue;
		if (n + 1 >= cap)
			list = realloc(list, (cap *= 2) * sizeof *list);
		list[n++] = strdup(e->d_name);
	}
	closedir(d);
	list[n] = NULL;
	qsort(list, n, sizeof *list, h_cmp_str);
	return list;
}

void h_free_list(char **list)
{
	for (char **p = list; p && *p; p++)
		free(*p);
	free(list);
}
