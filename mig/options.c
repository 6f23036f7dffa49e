/*
 * options.c - the command line (MIG-LANGUAGE.md 5.1).
 *
 * Single-dash long options as in both MIGs; "--" ends the options; "-"
 * is standard input.  Options the preprocessor understands are passed to
 * it in command-line order.  As in Apple's driver, the options come
 * before the file names: an option after the first file is warned about
 * (`option "-header x.h" after filename(s) ignored`) and has no effect.
 * Usage errors print one line to stderr and make options_parse return 2;
 * nothing is run.
 *
 * The options Apple's driver hands to its compiler pass (migcom) are also
 * kept in order in migcom_args, for -migcom/$MIGCOM.
 */
#include "options.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage_text[] =
	"usage: mig [options] file.defs...\n"
	"\n"
	"outputs:\n"
	"  -header F  -user F  -server F  -sheader F  -iheader F  -dheader F\n"
	"  -i PREFIX       one user file per routine\n"
	"  -list F         routine list (GNU format)\n"
	"  -yaml F         the checked interface as YAML\n"
	"  -MD [-MF F]     dependency file\n"
	"  -n              write only the outputs named here\n"
	"code:\n"
	"  -prefix P  -subrprefix P  -split  -R/-r  -s/-S\n"
	"  -max_descrs N  -max_reply_descrs N  -maxonstack N\n"
	"diagnostics:\n"
	"  -q/-Q  -Werror  -max-errors N  -v/-V  -dA  -dM\n"
	"preprocessor:\n"
	"  -D X  -U X  -I D  -imacros F  -include F  -isystem D  -iquote D\n"
	"  -idirafter D  -isysroot D  -cc PROG; other -options go to cpp\n"
	"  -migcom PROG    Apple's compiler pass instead of mig's own\n"
	"                  (also $MIGCOM)\n"
	"  -arch A  -target A-...  (A: any Darwin architecture; default the\n"
	"                          host's)\n"
	"  --help  -version\n";

/* Arguments are owned by argv; the arrays below are malloc'd. */
struct opt_state {
	struct mig_options *o;
	int argc;
	char **argv;
	int i;                  /* current index */
	const char *single;     /* a single-output option seen, for the
	                           check against several inputs */
};

static void usage_error(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

static void usage_error(const char *fmt, ...)
{
	va_list ap;
	fputs("mig: error: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\n", stderr);
}

static int add_warning(struct mig_options *o, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Queue a warning for the driver; 2 when out of memory. */
static int add_warning(struct mig_options *o, const char *fmt, ...)
{
	char *msg;
	va_list ap;
	va_start(ap, fmt);
	int n = vasprintf(&msg, fmt, ap);
	va_end(ap);
	if (n < 0)
		return 2;
	o->warnings[o->nwarnings++] = msg;
	return 0;
}

/* The argument of option argv[i]; NULL (after the message) if missing. */
static const char *take_arg(struct opt_state *s)
{
	if (s->i + 1 >= s->argc) {
		usage_error("option '%s' requires an argument",
			    s->argv[s->i]);
		return NULL;
	}
	return s->argv[++s->i];
}

static bool parse_count(const char *opt, const char *text, int *out)
{
	char *end;
	errno = 0;
	long v = strtol(text, &end, 10);
	if (errno || end == text || *end || v < 0 || v > INT_MAX) {
		usage_error("invalid number '%s' for %s", text, opt);
		return false;
	}
	*out = (int)v;
	return true;
}

/* ---- architectures ---- */

/*
 * The Darwin architectures -arch takes, with the macros clang defines
 * for each target that .defs files test (the word size, the processor
 * family); every one is little-endian.  -undef removes the
 * preprocessor's own, so these are all it sees.
 */
#define LP64	"-D__LP64__", "-D_LP64"
#define ILP32	"-D__ILP32__", "-D_ILP32"
#define X86_64	"-D__x86_64__", "-D__x86_64", "-D__amd64__", "-D__amd64"
#define ARM64	"-D__arm64__", "-D__arm64", "-D__aarch64__"
#define ARM32	"-D__arm__", "-D__arm"

static const struct mig_arch arches[] = {
	{ "x86_64", { X86_64, LP64 } },
	{ "x86_64h", { X86_64, "-D__x86_64h__", "-D__x86_64h", LP64 } },
	{ "i386", { "-D__i386__", "-D__i386", ILP32 } },
	{ "arm64", { ARM64, "-D__ARM64_ARCH_8__", LP64 } },
	{ "arm64e", { ARM64, "-D__arm64e__", "-D__ARM64_ARCH_8__", LP64 } },
	{ "arm64_32", { ARM64, "-D__ARM64_ARCH_8_32__", ILP32 } },
	{ "armv7", { ARM32, "-D__ARM_ARCH_7A__", ILP32 } },
	{ "armv7s", { ARM32, "-D__ARM_ARCH_7S__", ILP32 } },
	{ "armv7k", { ARM32, "-D__ARM_ARCH_7K__", ILP32 } },
	{ "armv7m", { ARM32, "-D__ARM_ARCH_7M__", ILP32 } },
	{ "armv7em", { ARM32, "-D__ARM_ARCH_7EM__", ILP32 } },
	{ "armv6", { ARM32, "-D__ARM_ARCH_6K__", ILP32 } },
	{ "armv6m", { ARM32, "-D__ARM_ARCH_6M__", ILP32 } },
};

const struct mig_arch *mig_arch_find(const char *name, size_t len)
{
	for (size_t i = 0; i < sizeof arches / sizeof *arches; i++)
		if (strlen(arches[i].name) == len &&
		    strncmp(arches[i].name, name, len) == 0)
			return &arches[i];
	return NULL;
}

/* The architecture of the machine mig was built for. */
const struct mig_arch *mig_arch_host(void)
{
#if defined(__x86_64__)
	const char *host = "x86_64";
#elif defined(__aarch64__) && defined(__LP64__)
	const char *host = "arm64";
#elif defined(__aarch64__)
	const char *host = "arm64_32";
#elif defined(__i386__)
	const char *host = "i386";
#elif defined(__arm__)
	const char *host = "armv7";
#else
	const char *host = "x86_64";
#endif
	return mig_arch_find(host, strlen(host));
}

static void list_arches(char *buf, size_t n)
{
	size_t used = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < sizeof arches / sizeof *arches && used < n; i++)
		used += (size_t)snprintf(buf + used, n - used, "%s%s",
					 i ? " " : "", arches[i].name);
}

/* ---- option tables ---- */

enum opt_kind {
	O_OUTPUT,       /* stores a file name, one output */
	O_STRING,       /* stores a string */
	O_COUNT,        /* stores an int */
	O_FLAG,         /* sets a bool to a value */
	O_CPP_ARG,      /* passed to cpp with its argument */
	O_CPP_JOINED,   /* -D/-U/-I: joined or separate */
	O_NOEFFECT,     /* accepted silently */
	O_NOEFFECT_ARG, /* accepted silently, takes an argument */
	O_WARN,         /* warning, no effect */
	O_WARN_ARG,     /* warning, no effect, takes an argument */
	O_UNSUPPORTED,  /* usage error */
	O_ARCH,
	O_TARGET,
};

/* Where an option belongs when Apple's compiler pass runs (-migcom). */
enum opt_pass {
	P_DRIVER,       /* the driver's own (cpp, -cc, -arch, ...) */
	P_MIGCOM,       /* handed to migcom */
	P_OURS,         /* machsim's compiler only: no effect with -migcom */
};

struct opt {
	const char *name;
	enum opt_kind kind;
	size_t offset;          /* into struct mig_options */
	bool value;             /* O_FLAG */
	enum opt_pass pass;
};

#define OFF(field) offsetof(struct mig_options, field)

static const struct opt opts[] = {
	{ "-user", O_OUTPUT, OFF(user), 0, P_MIGCOM },
	{ "-server", O_OUTPUT, OFF(server), 0, P_MIGCOM },
	{ "-header", O_OUTPUT, OFF(header), 0, P_MIGCOM },
	{ "-sheader", O_OUTPUT, OFF(sheader), 0, P_MIGCOM },
	{ "-iheader", O_OUTPUT, OFF(iheader), 0, P_MIGCOM },
	{ "-dheader", O_OUTPUT, OFF(dheader), 0, P_MIGCOM },
	{ "-list", O_OUTPUT, OFF(list), 0, P_OURS },
	{ "-yaml", O_OUTPUT, OFF(yaml), 0, P_OURS },
	{ "-MF", O_OUTPUT, OFF(mf), 0, P_OURS },
	{ "-i", O_STRING, OFF(split_prefix), 0, P_MIGCOM },
	{ "-prefix", O_STRING, OFF(prefix), 0, P_OURS },
	{ "-subrprefix", O_STRING, OFF(subrprefix), 0, P_OURS },
	{ "-cc", O_STRING, OFF(cc), 0, P_DRIVER },
	{ "-max-errors", O_COUNT, OFF(max_errors), 0, P_OURS },
	{ "-max_descrs", O_COUNT, OFF(max_descrs), 0, P_MIGCOM },
	{ "-max_reply_descrs", O_COUNT, OFF(max_reply_descrs), 0, P_MIGCOM },
	{ "-maxonstack", O_COUNT, 0, 0, P_MIGCOM },
	{ "-n", O_FLAG, OFF(only_named), true, P_MIGCOM },
	{ "-split", O_FLAG, OFF(split_headers), true, P_MIGCOM },
	{ "-q", O_FLAG, OFF(quiet), true, P_MIGCOM },
	{ "-Q", O_FLAG, OFF(quiet), false, P_MIGCOM },
	{ "-v", O_FLAG, OFF(verbose), true, P_MIGCOM },
	{ "-V", O_FLAG, OFF(verbose), false, P_MIGCOM },
	{ "-dA", O_FLAG, OFF(dump_ast), true, P_OURS },
	{ "-dM", O_FLAG, OFF(dump_model), true, P_OURS },
	{ "-r", O_FLAG, OFF(separate_rpc), false, P_MIGCOM },
	{ "-R", O_FLAG, OFF(separate_rpc), true, P_MIGCOM },
	{ "-s", O_FLAG, OFF(symtab), true, P_MIGCOM },
	{ "-S", O_FLAG, OFF(symtab), false, P_MIGCOM },
	{ "-MD", O_FLAG, OFF(md), true, P_OURS },
	{ "-Werror", O_FLAG, OFF(werror), true, P_OURS },
	{ "-D", O_CPP_JOINED, 0, 0, P_DRIVER },
	{ "-U", O_CPP_JOINED, 0, 0, P_DRIVER },
	{ "-I", O_CPP_JOINED, 0, 0, P_DRIVER },
	{ "-imacros", O_CPP_ARG, 0, 0, P_DRIVER },
	{ "-isystem", O_CPP_ARG, 0, 0, P_DRIVER },
	{ "-include", O_CPP_ARG, 0, 0, P_DRIVER },
	{ "-iquote", O_CPP_ARG, 0, 0, P_DRIVER },
	{ "-idirafter", O_CPP_ARG, 0, 0, P_DRIVER },
	{ "-isysroot", O_CPP_ARG, 0, 0, P_DRIVER },
	{ "-N", O_NOEFFECT, 0, 0, P_MIGCOM },
	{ "-novouchers", O_NOEFFECT, 0, 0, P_MIGCOM },
	{ "-k", O_NOEFFECT, 0, 0, P_MIGCOM },
	{ "-l", O_NOEFFECT, 0, 0, P_MIGCOM },
	{ "-T", O_NOEFFECT, 0, 0, P_MIGCOM },
	{ "-X", O_NOEFFECT, 0, 0, P_MIGCOM },
	{ "-B", O_NOEFFECT, 0, 0, P_OURS },
	{ "-K", O_WARN, 0, 0, P_MIGCOM },
	{ "-L", O_WARN, 0, 0, P_MIGCOM },
	{ "-b", O_WARN, 0, 0, P_OURS },
	{ "-migcom", O_STRING, OFF(migcom), 0, P_DRIVER },
	{ "-cpp", O_NOEFFECT_ARG, 0, 0, P_DRIVER },
	{ "-t", O_WARN, 0, 0, P_MIGCOM },
	{ "-x", O_UNSUPPORTED, 0, 0, P_MIGCOM },
	{ "-mach_msg2", O_UNSUPPORTED, 0, 0, P_MIGCOM },
	{ "-arch", O_ARCH, 0, 0, P_DRIVER },
	{ "-target", O_TARGET, 0, 0, P_DRIVER },
};

static const struct opt *find_opt(const char *arg)
{
	for (size_t i = 0; i < sizeof opts / sizeof *opts; i++)
		if (strcmp(opts[i].name, arg) == 0)
			return &opts[i];
	return NULL;
}

static void add_cpp(struct mig_options *o, const char *arg)
{
	o->cpp_args[o->ncpp_args++] = arg;
}

static bool takes_arg(enum opt_kind k)
{
	switch (k) {
	case O_OUTPUT: case O_STRING: case O_COUNT: case O_CPP_ARG:
	case O_CPP_JOINED: case O_WARN_ARG: case O_ARCH: case O_TARGET:
	case O_NOEFFECT_ARG:
		return true;
	default:
		return false;
	}
}

#define FIELD(o, off, type) ((type *)(void *)((char *)(o) + (off)))

/* Apply one option from the table; 0, or 2 on a usage error. */
static int apply(struct opt_state *s, const struct opt *op)
{
	struct mig_options *o = s->o;
	const char *name = s->argv[s->i];
	const char *arg = NULL;

	if (takes_arg(op->kind) && !(arg = take_arg(s)))
		return 2;
	switch (op->kind) {
	case O_OUTPUT:
		s->single = op->name;
		*FIELD(o, op->offset, const char *) = arg;
		return 0;
	case O_STRING:
		*FIELD(o, op->offset, const char *) = arg;
		return 0;
	case O_COUNT: {
		int v;
		if (!parse_count(name, arg, &v))
			return 2;
		if (op->offset)
			*FIELD(o, op->offset, int) = v;
		return 0;
	}
	case O_FLAG:
		*FIELD(o, op->offset, bool) = op->value;
		return 0;
	case O_CPP_ARG: case O_CPP_JOINED:
		add_cpp(o, name);
		add_cpp(o, arg);
		return 0;
	case O_NOEFFECT: case O_NOEFFECT_ARG:
		return 0;
	case O_WARN: case O_WARN_ARG:
		return add_warning(o, "option '%s' has no effect", name);
	case O_UNSUPPORTED:
		usage_error("option '%s' is not supported", name);
		return 2;
	case O_ARCH: case O_TARGET: {
		/* -target names a triple: its first part is the arch */
		size_t len = op->kind == O_TARGET ? strcspn(arg, "-") :
			     strlen(arg);
		const struct mig_arch *a = mig_arch_find(arg, len);
		if (!a) {
			char known[256];
			list_arches(known, sizeof known);
			usage_error("unsupported %s '%s' (known: %s)",
				    op->kind == O_TARGET ? "target" :
				    "architecture", arg, known);
			return 2;
		}
		o->arch = a;
		return 0;
	}
	}
	return 0;
}

/*
 * An option after the first file name: warned about and skipped with its
 * argument, as Apple's driver does.  -D, -U and -I take the next word
 * only when written apart from their argument.
 */
static int ignore_late_option(struct opt_state *s)
{
	const char *name = s->argv[s->i];
	const struct opt *op = find_opt(name);
	if (op && takes_arg(op->kind) && s->i + 1 < s->argc) {
		s->i++;
		return add_warning(s->o, "option \"%s %s\" after filename(s) "
				   "ignored", name, s->argv[s->i]);
	}
	return add_warning(s->o, "option \"%s\" after filename(s) ignored",
			   name);
}

/* Remember an option for Apple's compiler pass, or that it is ours. */
static void note_pass(struct opt_state *s, const struct opt *op, int first)
{
	struct mig_options *o = s->o;
	if (op->pass == P_OURS) {
		o->ours_only[o->nours_only++] = op->name;
		return;
	}
	if (op->pass != P_MIGCOM)
		return;
	/* Apple's driver drops -user once -i named a prefix. */
	if (strcmp(op->name, "-user") == 0 && o->split_prefix)
		return;
	for (int i = first; i <= s->i; i++)
		o->migcom_args[o->nmigcom_args++] = s->argv[i];
}

/* One command-line word; 0, 2 (usage error) or -1 (help/version done). */
static int parse_one(struct opt_state *s, bool *no_more_opts)
{
	struct mig_options *o = s->o;
	const char *arg = s->argv[s->i];

	if (*no_more_opts || arg[0] != '-' || strcmp(arg, "-") == 0) {
		o->inputs[o->ninputs++] = arg;
		return 0;
	}
	if (strcmp(arg, "--") == 0) {
		*no_more_opts = true;
		return 0;
	}
	if (o->ninputs > 0)
		return ignore_late_option(s);
	if (strcmp(arg, "--help") == 0) {
		fputs(usage_text, stdout);
		return -1;
	}
	if (strcmp(arg, "-version") == 0 || strcmp(arg, "--version") == 0) {
		fputs("mig (machsim) 1.0\n", stdout);
		return -1;
	}
	if (strcmp(arg, "-d") == 0) {
		usage_error("option '-d' needs a letter: -dA or -dM");
		return 2;
	}
	const struct opt *op = find_opt(arg);
	if (op) {
		int first = s->i;
		int rc = apply(s, op);
		if (rc == 0)
			note_pass(s, op, first);
		return rc;
	}
	/* -DX, -UX, -IX, and anything else unknown: cpp, alone */
	add_cpp(o, arg);
	return 0;
}

static void options_init(struct mig_options *o)
{
	memset(o, 0, sizeof *o);
	o->prefix = "";
	o->subrprefix = "";
	o->max_errors = 50;
	o->arch = mig_arch_host();
}

int options_parse(struct mig_options *o, int argc, char **argv)
{
	options_init(o);
	size_t n = argc > 0 ? (size_t)argc : 1;
	o->cpp_args = calloc(2 * n, sizeof *o->cpp_args);
	o->inputs = calloc(n, sizeof *o->inputs);
	o->warnings = calloc(n + 1, sizeof *o->warnings);
	o->migcom_args = calloc(n, sizeof *o->migcom_args);
	o->ours_only = calloc(n, sizeof *o->ours_only);
	if (!o->cpp_args || !o->inputs || !o->warnings || !o->migcom_args ||
	    !o->ours_only) {
		usage_error("out of memory");
		return 2;
	}

	struct opt_state s = { o, argc, argv, 1, NULL };
	bool no_more_opts = false;
	for (; s.i < argc; s.i++) {
		int rc = parse_one(&s, &no_more_opts);
		if (rc)
			return rc;
	}
	if (o->ninputs == 0) {
		/* Apple's driver does nothing and succeeds */
		if (add_warning(o, "no input files; nothing to do"))
			return 2;
		return 0;
	}
	if (s.single && o->ninputs > 1) {
		usage_error("'%s' names one output file but %d input files "
			    "were given", s.single, o->ninputs);
		return 2;
	}
	return 0;
}

void options_free(struct mig_options *o)
{
	for (int i = 0; i < o->nwarnings; i++)
		free((void *)o->warnings[i]);
	free(o->warnings);
	free(o->cpp_args);
	free(o->inputs);
	free(o->migcom_args);
	free(o->ours_only);
	o->migcom_args = o->ours_only = NULL;
	o->nmigcom_args = o->nours_only = 0;
	o->warnings = NULL;
	o->cpp_args = NULL;
	o->inputs = NULL;
	o->nwarnings = o->ncpp_args = o->ninputs = 0;
}
