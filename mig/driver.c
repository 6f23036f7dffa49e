/*
 * driver.c - the mig program: options, cpp, compile, write
 * (MIG-LANGUAGE.md 5 and 6.2).
 *
 * For each input:
 *   1. run `PROG -E -x c -undef ... <cpp options> -I <dir> <file>` without
 *      a shell, reading its output through a pipe (cpp's stderr is ours);
 *      a failing cpp fails the run;
 *   2. mig_compile_buffer turns the text into outputs in memory;
 *   3. only if there was no error, each output (and the -MD file) is
 *      written to a temporary file beside it, and all are renamed over
 *      their names once every one was written (write_outputs).  On any
 *      failure no output is created or changed.
 *
 * With -migcom PROG (or $MIGCOM), step 2 and 3 are PROG's: Apple's
 * compiler pass reads the preprocessed text on its standard input, takes
 * the options Apple's driver hands it, and writes its own outputs.
 *
 * Exit status, as Apple's driver's: 0 success (also when there was no
 * input), 1 any failure, usage errors included.  The inputs are compiled
 * in order and the first that fails ends the run.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ast.h"
#include "mig.h"
#include "options.h"

static const struct mig_loc no_loc;

/* ---- growing buffers ---- */

struct buf {
	char *data;
	size_t len, cap;
};

static bool buf_add(struct buf *b, const void *p, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 65536;
		while (cap < b->len + n + 1)
			cap *= 2;
		char *q = realloc(b->data, cap);
		if (!q)
			return false;
		b->data = q;
		b->cap = cap;
	}
	memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return true;
}

static bool buf_str(struct buf *b, const char *s)
{
	return buf_add(b, s, strlen(s));
}

/* ---- paths ---- */

/* The directory part of path ("." when there is none), malloc'd. */
static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return strdup(".");
	if (slash == path)
		return strdup("/");
	return strndup(path, (size_t)(slash - path));
}

/* "dir/.base.XXXXXX" for mkstemp, malloc'd. */
static char *temp_template(const char *path)
{
	char *dir = dir_of(path);
	char *t = NULL;
	if (dir && asprintf(&t, "%s/.%s.XXXXXX", dir, mig_basename(path)) < 0)
		t = NULL;
	free(dir);
	return t;
}

/* ---- the preprocessor ---- */

/*
 * The preprocessor command: -cc PROG, else $CPP (a command such as
 * "cpp" or "gcc -E"), else $MIGCC, else $CC, else cc.  The environment's
 * forms may hold several words; they are split at blanks (no shell, no
 * quoting).  Returns a malloc'd copy the caller splits and frees.
 */
static char *cpp_command(const struct mig_options *o)
{
	static const char *const vars[] = { "CPP", "MIGCC", "CC" };
	if (o->cc && *o->cc)
		return strdup(o->cc);
	for (size_t i = 0; i < sizeof vars / sizeof *vars; i++) {
		const char *p = getenv(vars[i]);
		if (p && p[strspn(p, " \t")])
			return strdup(p);
	}
	return strdup("cc");
}

static bool has_cpp_arg(const struct mig_options *o, const char *name)
{
	for (int i = 0; i < o->ncpp_args; i++)
		if (strcmp(o->cpp_args[i], name) == 0)
			return true;
	return false;
}

/* Does a folder named by -I or -isystem hold <mach/std_types.defs>? */
static bool user_has_defs(const struct mig_options *o)
{
	for (int i = 0; i < o->ncpp_args; i++) {
		const char *a = o->cpp_args[i], *dir = NULL;
		if ((strcmp(a, "-I") == 0 || strcmp(a, "-isystem") == 0) &&
		    i + 1 < o->ncpp_args)
			dir = o->cpp_args[++i];
		else if (strncmp(a, "-I", 2) == 0)
			dir = a + 2;
		char *probe = NULL;
		if (dir && asprintf(&probe, "%s/mach/std_types.defs", dir) >= 0) {
			bool found = access(probe, R_OK) == 0;
			free(probe);
			if (found)
				return true;
		}
	}
	return false;
}

/*
 * Routine:	own_include_dir
 * Purpose:
 *	The include folder of the tree mig was installed with: PREFIX/include
 *	for PREFIX/bin/mig, found from the running program's own path, when
 *	it holds <mach/std_types.defs>.  It is searched after the -I folders
 *	and before the system's, so a system's other MIG definitions (GNU
 *	Mach's, say) never replace the ones this mig was built for.  When
 *	a folder the command line names holds <mach/std_types.defs>, that
 *	choice stands and this folder is not added (the preprocessor moves
 *	an -I that is also a system folder behind every -isystem).
 * Returns:
 *	A malloc'd path, or NULL when there is none.
 */
static char *own_include_dir(const struct mig_options *o)
{
	if (user_has_defs(o))
		return NULL;
	char self[4096];
	ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
	if (n <= 0)
		return NULL;
	self[n] = '\0';
	char *bin = dir_of(self);
	char *prefix = bin ? dir_of(bin) : NULL;
	char *inc = NULL, *probe = NULL;
	free(bin);
	if (prefix && asprintf(&inc, "%s/include", prefix) >= 0 &&
	    asprintf(&probe, "%s/mach/std_types.defs", inc) >= 0 &&
	    access(probe, R_OK) == 0) {
		free(probe);
		free(prefix);
		return inc;
	}
	free(probe);
	free(inc);
	free(prefix);
	return NULL;
}

/*
 * The argument vector of section 5.2 (malloc'd; strings borrowed, the
 * command's words from `cmd`, which this splits in place).
 */
static char **cpp_argv(const struct mig_options *o, char *cmd,
		       const char *input, const char *dir, const char *depfile,
		       const char *own)
{
	static const char *const fixed[] = {
		"-E", "-x", "c", "-undef", "-D__MACH30__",
		"-D__LITTLE_ENDIAN__", "-DMACHSIM_MIG=1",
	};
	size_t nfixed = sizeof fixed / sizeof *fixed;
	size_t narch = sizeof o->arch->defines / sizeof *o->arch->defines;
	size_t nwords = strlen(cmd) / 2 + 1;
	const char *sdk = getenv("SDKROOT");
	char **v = calloc(nwords + nfixed + narch + (size_t)o->ncpp_args + 10,
			  sizeof *v);
	if (!v)
		return NULL;
	size_t n = 0;
	/* -cc names one program, spaces and all. */
	if (o->cc && *o->cc)
		v[n++] = cmd;
	else
		for (char *save = NULL, *w = strtok_r(cmd, " \t", &save); w;
		     w = strtok_r(NULL, " \t", &save))
			v[n++] = w;
	for (size_t i = 0; i < nfixed; i++)
		v[n++] = (char *)fixed[i];
	for (size_t i = 0; i < narch && o->arch->defines[i]; i++)
		v[n++] = (char *)o->arch->defines[i];
	for (int i = 0; i < o->ncpp_args; i++)
		v[n++] = (char *)o->cpp_args[i];
	if (own) {
		v[n++] = "-isystem";
		v[n++] = (char *)own;
	}
	/* $SDKROOT is the system root unless -isysroot named one. */
	if (sdk && *sdk && !has_cpp_arg(o, "-isysroot")) {
		v[n++] = "-isysroot";
		v[n++] = (char *)sdk;
	}
	if (depfile) {
		v[n++] = "-MD";
		v[n++] = "-MF";
		v[n++] = (char *)depfile;
	}
	v[n++] = "-I";
	v[n++] = (char *)dir;
	v[n++] = (char *)input;
	v[n] = NULL;
	return v;
}

/* Read fd to its end into b; false on a read or memory error. */
static bool read_all(int fd, struct buf *b)
{
	char chunk[65536];
	for (;;) {
		ssize_t n = read(fd, chunk, sizeof chunk);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return false;
		if (n == 0)
			return true;
		if (!buf_add(b, chunk, (size_t)n))
			return false;
	}
}

/* Wait for pid; its status as text for the error message, or NULL when it
   exited with 0. */
static const char *wait_status(pid_t pid, char *msg, size_t n)
{
	int st;
	while (waitpid(pid, &st, 0) < 0) {
		if (errno != EINTR) {
			snprintf(msg, n, "cannot wait: %s", strerror(errno));
			return msg;
		}
	}
	if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
		return NULL;
	if (WIFSIGNALED(st))
		snprintf(msg, n, "killed by signal %d", WTERMSIG(st));
	else
		snprintf(msg, n, "exit status %d", WEXITSTATUS(st));
	return msg;
}

/*
 * Run cpp on input, its output into out.  Returns 0, or 1 after reporting
 * "preprocessor failed (...)".
 */
static int run_cpp(const struct mig_options *o, struct diag *d,
		   const char *input, const char *depfile, struct buf *out)
{
	char *dir = strcmp(input, "-") == 0 ? strdup(".") : dir_of(input);
	char *cmd = cpp_command(o);
	char *own = own_include_dir(o);
	char **argv = dir && cmd ? cpp_argv(o, cmd, input, dir, depfile,
					    own) : NULL;
	if (o->verbose)
		fprintf(stderr, own ? "mig: definitions from %s first\n" :
			"mig: definitions from the command line's and the "
			"preprocessor's folders only%s\n", own ? own : "");
	int fds[2] = { -1, -1 };
	if (!argv || pipe(fds) < 0) {
		diag_error(d, no_loc, "cannot run the preprocessor: %s",
			   strerror(errno ? errno : ENOMEM));
		free(argv);
		free(cmd);
		free(dir);
		free(own);
		return 1;
	}
	fflush(NULL);
	pid_t pid = fork();
	if (pid == 0) {
		close(fds[0]);
		signal(SIGPIPE, SIG_DFL);
		if (dup2(fds[1], STDOUT_FILENO) < 0)
			_exit(127);
		close(fds[1]);
		execvp(argv[0], argv);
		fprintf(stderr, "mig: error: cannot run '%s': %s\n", argv[0],
			strerror(errno));
		_exit(127);
	}
	close(fds[1]);
	free(argv);
	free(cmd);
	free(dir);
	free(own);
	if (pid < 0) {
		diag_error(d, no_loc, "cannot run the preprocessor: %s",
			   strerror(errno));
		close(fds[0]);
		return 1;
	}
	bool read_ok = read_all(fds[0], out);
	close(fds[0]);
	char msg[64];
	const char *why = wait_status(pid, msg, sizeof msg);
	if (!why && !read_ok)
		why = "cannot read its output";
	if (why) {
		diag_error(d, no_loc, "preprocessor failed (%s)", why);
		return 1;
	}
	return 0;
}

/* ---- Apple's compiler pass (-migcom, $MIGCOM) ---- */

/* The migcom to run instead of mig's own compiler, or NULL. */
static const char *migcom_path(const struct mig_options *o)
{
	if (o->migcom && *o->migcom)
		return o->migcom;
	const char *env = getenv("MIGCOM");
	return env && *env ? env : NULL;
}

/* Write all of text to fd; false when the reader went away. */
static bool write_all(int fd, const char *p, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		p += w;
		n -= (size_t)w;
	}
	return true;
}

/*
 * Run `prog <options for migcom>` with the preprocessed text on its
 * standard input; its output and diagnostics are ours.  Returns 0, or 1
 * after reporting how it failed.
 */
static int run_migcom(const struct mig_options *o, struct diag *d,
		      const char *prog, const struct buf *text)
{
	char **argv = calloc((size_t)o->nmigcom_args + 2, sizeof *argv);
	int fds[2] = { -1, -1 };
	if (!argv || pipe(fds) < 0) {
		diag_error(d, no_loc, "cannot run '%s': %s", prog,
			   strerror(errno ? errno : ENOMEM));
		free(argv);
		return 1;
	}
	argv[0] = (char *)prog;
	for (int i = 0; i < o->nmigcom_args; i++)
		argv[i + 1] = (char *)o->migcom_args[i];
	fflush(NULL);
	pid_t pid = fork();
	if (pid == 0) {
		close(fds[1]);
		signal(SIGPIPE, SIG_DFL);
		if (dup2(fds[0], STDIN_FILENO) < 0)
			_exit(127);
		close(fds[0]);
		execvp(prog, argv);
		fprintf(stderr, "mig: error: cannot run '%s': %s\n", prog,
			strerror(errno));
		_exit(127);
	}
	close(fds[0]);
	free(argv);
	if (pid < 0) {
		diag_error(d, no_loc, "cannot run '%s': %s", prog,
			   strerror(errno));
		close(fds[1]);
		return 1;
	}
	/* a compiler that stops early closes its end: its status says why */
	write_all(fds[1], text->data ? text->data : "", text->len);
	close(fds[1]);
	char msg[64];
	const char *why = wait_status(pid, msg, sizeof msg);
	if (why) {
		diag_error(d, no_loc, "'%s' failed (%s)", prog, why);
		return 1;
	}
	return 0;
}

/* ---- dependency files (-MD) ---- */

/*
 * The prerequisites cpp wrote to its dependency file: everything after
 * the first ':' (line continuations joined, "\ " an escaped space, "$$"
 * a dollar sign).  Returns the count, or -1 when the file is unreadable.
 */
static int read_deps(struct arena *a, const char *path, const char ***names)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	struct buf b = { 0 };
	bool ok = read_all(fileno(f), &b);
	fclose(f);
	if (!ok || !b.data) {
		free(b.data);
		return ok ? 0 : -1;
	}
	const char **v = arena_alloc(a, (b.len / 2 + 2) * sizeof *v);
	char *word = arena_alloc(a, b.len + 1);
	char *p = strchr(b.data, ':');
	int n = 0;
	size_t wl = 0;
	for (p = p && v && word ? p + 1 : b.data + b.len; *p; p++) {
		if (p[0] == '\\' && (p[1] == '\n' || p[1] == ' ')) {
			if (p[1] == ' ')
				word[wl++] = ' ';
			p++;
			continue;
		}
		if (p[0] == '$' && p[1] == '$') {
			word[wl++] = '$';
			p++;
			continue;
		}
		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
			if (wl)
				v[n++] = arena_strndup(a, word, wl);
			wl = 0;
			continue;
		}
		word[wl++] = *p;
	}
	if (wl && v)
		v[n++] = arena_strndup(a, word, wl);
	free(b.data);
	for (int i = 0; i < n; i++)
		if (!v[i])
			return -1;
	*names = v;
	return n;
}

/* A file name as make reads it. */
static bool dep_name(struct buf *b, const char *s)
{
	bool ok = true;
	for (; *s && ok; s++) {
		if (*s == ' ' || *s == '\t' || *s == '#')
			ok = buf_add(b, "\\", 1);
		if (*s == '$')
			ok = ok && buf_add(b, "$", 1);
		ok = ok && buf_add(b, s, 1);
	}
	return ok;
}

/*
 *   out1 out2: \
 *     in.defs \
 *     inc.defs
 *
 *   in.defs:
 *
 *   inc.defs:
 */
static char *dep_text(const struct mig_output *files, int nfiles,
		      const char **pre, int npre, size_t *len)
{
	struct buf b = { 0 };
	bool ok = true;
	for (int i = 0; i < nfiles && ok; i++)
		ok = (i == 0 || buf_str(&b, " ")) && dep_name(&b, files[i].path);
	ok = ok && buf_str(&b, ":");
	for (int i = 0; i < npre && ok; i++)
		ok = buf_str(&b, " \\\n  ") && dep_name(&b, pre[i]);
	ok = ok && buf_str(&b, "\n");
	for (int i = 0; i < npre && ok; i++)
		ok = buf_str(&b, "\n") && dep_name(&b, pre[i]) &&
		     buf_str(&b, ":\n");
	if (!ok) {
		free(b.data);
		return NULL;
	}
	*len = b.len;
	return b.data;
}

/* The -MD file name: -MF, or <defs basename without .defs>.d here. */
static const char *dep_path(struct arena *a, const struct mig_options *o,
			    const char *input)
{
	if (o->mf)
		return o->mf;
	const char *base = strcmp(input, "-") == 0 ? "stdin" :
			   mig_basename(input);
	const char *dot = strrchr(base, '.');
	size_t n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
	return arena_printf(a, "%.*s.d", (int)n, base);
}

/* ---- writing outputs ---- */

static mode_t file_mode(void)
{
	mode_t mask = umask(0);
	umask(mask);
	return 0666 & ~mask;
}

static bool write_fd(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, data, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		data += n;
		len -= (size_t)n;
	}
	return true;
}

/* Write one output to a new temporary file beside it; the temporary's
   name (malloc'd) or NULL after reporting. */
static char *write_temp(struct diag *d, const struct mig_output *f,
			mode_t mode)
{
	char *tmp = temp_template(f->path);
	if (!tmp) {
		diag_error(d, no_loc, "out of memory");
		return NULL;
	}
	int fd = mkstemp(tmp);
	if (fd < 0) {
		diag_error(d, no_loc, "cannot create '%s': %s", f->path,
			   strerror(errno));
		free(tmp);
		return NULL;
	}
	bool ok = write_fd(fd, f->data, f->len) && fchmod(fd, mode) == 0;
	int err = errno;
	if (close(fd) != 0 && ok) {
		ok = false;
		err = errno;
	}
	if (!ok) {
		diag_error(d, no_loc, "cannot write '%s': %s", f->path,
			   strerror(err));
		unlink(tmp);
		free(tmp);
		return NULL;
	}
	return tmp;
}

/*
 * How one output reaches its name.  A destination that exists and is not
 * a regular file (a device such as /dev/null, a FIFO, a symbolic link
 * such as /dev/stdout) is written in place, never replaced by a rename;
 * a regular one is replaced by renaming a temporary over it, and its old
 * contents are kept under a second name until every output is in place.
 */
struct pending {
	char *tmp;        /* the new contents, beside the destination */
	char *backup;     /* a hard link to the old file, or NULL */
	bool special;     /* written in place */
	bool placed;      /* renamed over its name */
};

/* True when path exists and is not a regular file (a folder among them:
   opening it for writing fails before any regular file is replaced). */
static bool is_special(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0 && !S_ISREG(st.st_mode);
}

static int write_special(struct diag *d, const struct mig_output *f)
{
	int fd = open(f->path, O_WRONLY | O_TRUNC);
	bool ok = fd >= 0 && write_fd(fd, f->data, f->len);
	int err = errno;
	if (fd >= 0 && close(fd) != 0 && ok) {
		ok = false;
		err = errno;
	}
	if (!ok)
		diag_error(d, no_loc, "cannot write '%s': %s", f->path,
			   strerror(err));
	return ok ? 0 : 1;
}

/*
 * Keep the old contents of an existing regular destination under a new
 * name in its folder (a hard link, so the file itself is untouched).
 * Returns false after reporting.
 */
static bool keep_old(struct diag *d, const char *path, char **backup)
{
	struct stat st;
	*backup = NULL;
	if (lstat(path, &st) != 0)
		return errno == ENOENT ? true : (diag_error(d, no_loc,
			"cannot write '%s': %s", path, strerror(errno)), false);
	for (int tries = 0; tries < 100; tries++) {
		char *b = temp_template(path);
		int fd = b ? mkstemp(b) : -1;
		if (fd < 0) {
			diag_error(d, no_loc, "cannot write '%s': %s", path,
				   strerror(b ? errno : ENOMEM));
			free(b);
			return false;
		}
		close(fd);
		unlink(b);
		if (link(path, b) == 0) {
			*backup = b;
			return true;
		}
		int err = errno;
		free(b);
		if (err != EEXIST) {
			diag_error(d, no_loc, "cannot write '%s': %s", path,
				   strerror(err));
			return false;
		}
	}
	diag_error(d, no_loc, "cannot write '%s': %s", path, strerror(EEXIST));
	return false;
}

/*
 * Routine:	write_outputs
 * Purpose:
 *	Write every output of one run, all or nothing.
 * Conditions:
 *	Steps, each entered only when the one before succeeded for every
 *	file: each regular output is written to
 *	a temporary beside it (a missing folder, a permission or a full
 *	device fails here); the old contents of each existing regular
 *	destination are kept under a hard link; outputs written in place
 *	(devices, FIFOs) are written; the temporaries are renamed over
 *	their names.  A failed rename puts back every file already placed.
 *	Temporaries and kept copies are removed at the end.  An output
 *	written in place cannot be taken back, so those go before any
 *	regular file is replaced.
 * Returns:
 *	0, or 1 after reporting.
 */
static int write_outputs(struct diag *d, const struct mig_output *files,
			 int n)
{
	struct pending *p = calloc((size_t)n + 1, sizeof *p);
	mode_t mode = file_mode();
	int i, rc = 0;
	if (!p) {
		diag_error(d, no_loc, "out of memory");
		return 1;
	}
	for (i = 0; i < n; i++)
		p[i].special = is_special(files[i].path);
	for (i = 0; i < n && rc == 0; i++)
		if (!p[i].special &&
		    !(p[i].tmp = write_temp(d, &files[i], mode)))
			rc = 1;
	for (i = 0; i < n && rc == 0; i++)
		if (!p[i].special && !keep_old(d, files[i].path, &p[i].backup))
			rc = 1;
	for (i = 0; i < n && rc == 0; i++)
		if (p[i].special)
			rc = write_special(d, &files[i]);
	for (i = 0; i < n && rc == 0; i++) {
		if (p[i].special)
			continue;
		if (rename(p[i].tmp, files[i].path) != 0) {
			diag_error(d, no_loc, "cannot write '%s': %s",
				   files[i].path, strerror(errno));
			rc = 1;
			break;
		}
		free(p[i].tmp);
		p[i].tmp = NULL;
		p[i].placed = true;
	}
	for (i = 0; i < n; i++) {
		if (rc != 0 && p[i].placed) {      /* put the old file back */
			if (p[i].backup) {
				if (rename(p[i].backup, files[i].path) == 0) {
					free(p[i].backup);
					p[i].backup = NULL;
				}
			} else {
				unlink(files[i].path);
			}
		}
		if (p[i].tmp)
			unlink(p[i].tmp);
		if (p[i].backup)
			unlink(p[i].backup);
		free(p[i].tmp);
		free(p[i].backup);
	}
	free(p);
	return rc;
}

/*
 * An input must be a readable file (or "-") before the preprocessor sees
 * it, so a folder or an unreadable file is reported by its own name.
 */
static int check_input(struct diag *d, const char *input)
{
	if (strcmp(input, "-") == 0)
		return 0;
	int fd = open(input, O_RDONLY | O_NONBLOCK);
	struct stat st;
	int err = 0;
	if (fd < 0)
		err = errno;
	else if (fstat(fd, &st) != 0)
		err = errno;
	else if (S_ISDIR(st.st_mode))
		err = EISDIR;
	else {
		char c;
		if (S_ISREG(st.st_mode) && read(fd, &c, 1) < 0)
			err = errno;
	}
	if (fd >= 0)
		close(fd);
	if (err) {
		diag_error(d, no_loc, "cannot read '%s': %s", input,
			   strerror(err));
		return 1;
	}
	return 0;
}

/* ---- one input ---- */

/* The outputs plus the dependency file (section 5.2). */
static int add_dep_file(struct arena *a, struct diag *d,
			const struct mig_options *o, const char *input,
			const char *cpp_deps, struct mig_outputs *out)
{
	const char **pre = NULL;
	int npre = read_deps(a, cpp_deps, &pre);
	if (npre < 0 && out->ast) {       /* fall back on the line markers */
		pre = (const char **)arena_alloc(a, (size_t)(out->ast->nfiles
					     + 1) * sizeof *pre);
		npre = 0;
		for (int i = 0; pre && i < out->ast->nfiles; i++)
			pre[npre++] = out->ast->files[i]->name;
	}
	size_t len = 0;
	char *text = npre >= 0 ? dep_text(out->files, out->nfiles, pre, npre,
					  &len) : NULL;
	const char *path = dep_path(a, o, input);
	struct mig_output *v = arena_alloc(a, (size_t)(out->nfiles + 1) *
					   sizeof *v);
	char *data = text ? arena_strndup(a, text, len) : NULL;
	free(text);
	if (!path || !v || !data) {
		diag_error(d, no_loc, "cannot make the dependency file");
		return 1;
	}
	if (out->nfiles)
		memcpy(v, out->files, (size_t)out->nfiles * sizeof *v);
	v[out->nfiles].path = path;
	v[out->nfiles].data = data;
	v[out->nfiles].len = len;
	out->files = v;
	out->nfiles++;
	return 0;
}

/* A temporary file for cpp's -MF, beside the final dependency file. */
static char *make_cpp_depfile(struct arena *a, struct diag *d,
			      const struct mig_options *o, const char *input)
{
	const char *path = dep_path(a, o, input);
	char *tmp = path ? temp_template(path) : NULL;
	int fd = tmp ? mkstemp(tmp) : -1;
	if (fd < 0) {
		diag_error(d, no_loc, "cannot create a dependency file beside "
			   "'%s': %s", path ? path : "", strerror(errno));
		free(tmp);
		return NULL;
	}
	close(fd);
	return tmp;
}

static int compile_one(const struct mig_options *o, const char *input)
{
	struct arena a;
	struct diag d;
	struct buf text = { 0 };
	struct mig_outputs out = { .print = stdout };
	char *cpp_deps = NULL;
	int rc = 1;

	arena_init(&a);
	diag_init(&d, &a, stderr);
	mig_diag_setup(&d, o);
	const char *migcom = migcom_path(o);
	bool want_deps = o->md && !o->dump_ast && !o->dump_model && !migcom;
	if (check_input(&d, input) != 0)
		goto done;
	if (migcom) {
		if (run_cpp(o, &d, input, NULL, &text) == 0)
			rc = run_migcom(o, &d, migcom, &text);
		goto done;
	}
	if (want_deps && !(cpp_deps = make_cpp_depfile(&a, &d, o, input)))
		goto done;
	if (run_cpp(o, &d, input, cpp_deps, &text) != 0)
		goto done;
	const char *name = strcmp(input, "-") == 0 ? "<stdin>" : input;
	if (mig_compile_buffer(o, &a, &d, name, text.data ? text.data : "",
			       text.len, &out) != 0)
		goto done;
	if (out.stopped) {
		rc = 0;
		goto done;
	}
	if (want_deps && add_dep_file(&a, &d, o, input, cpp_deps, &out) != 0)
		goto done;
	fflush(stdout);
	rc = write_outputs(&d, out.files, out.nfiles);
done:
	if (cpp_deps) {
		unlink(cpp_deps);
		free(cpp_deps);
	}
	if (rc == 0 && !diag_ok(&d))
		rc = 1;
	free(text.data);
	diag_fini(&d);
	arena_free(&a);
	return rc;
}

/* Warnings queued by options_parse; 1 when -Werror made them errors. */
static int option_warnings(const struct mig_options *o)
{
	struct arena a;
	struct diag d;
	arena_init(&a);
	diag_init(&d, &a, stderr);
	mig_diag_setup(&d, o);
	for (int i = 0; i < o->nwarnings; i++)
		diag_warning(&d, no_loc, "%s", o->warnings[i]);
	const char *migcom = migcom_path(o);
	for (int i = 0; migcom && i < o->nours_only; i++)
		diag_warning(&d, no_loc, "option '%s' has no effect with "
			     "the compiler pass '%s'", o->ours_only[i], migcom);
	int rc = diag_ok(&d) ? 0 : 1;
	diag_fini(&d);
	arena_free(&a);
	return rc;
}

int main(int argc, char **argv)
{
	struct mig_options o;
	int rc = options_parse(&o, argc, argv);
	if (rc != 0) {
		options_free(&o);
		return rc < 0 ? 0 : 1;     /* Apple's: 1 for a usage error */
	}
	signal(SIGPIPE, SIG_IGN);
	rc = option_warnings(&o);
	/* in order; the first input that fails ends the run */
	for (int i = 0; rc == 0 && i < o.ninputs; i++)
		rc = compile_one(&o, o.inputs[i]);
	options_free(&o);
	return rc;
}
