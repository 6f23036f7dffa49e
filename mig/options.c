/*
 * options.c - the command line (MIG-LANGUAGE.md 5.1).
 *
 * Single-dash long options as in both MIGs; options and files may be
 * mixed (GNU); "--" ends the options; "-" is standard input.  Options the
 * preprocessor understands are passed to it in command-line order.  Usage
 * errors print one line to stderr and make options_parse return 2; nothing
 * is run.
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

struct opt {
	const char *name;
	enum opt_kind kind;
	size_t offset;          /* into struct mig_options */
	bool value;             /* O_FLAG */
};

#define OFF(field) offsetof(struct mig_options, field)

static const struct opt opts[] = {
	{ "-user", O_OUTPUT, OFF(user), 0 },
	{ "-server", O_OUTPUT, OFF(server), 0 },
	{ "-header", O_OUTPUT, OFF(header), 0 },
	{ "-sheader", O_OUTPUT, OFF(sheader), 0 },
	{ "-iheader", O_OUTPUT, OFF(iheader), 0 },
	{ "-dheader", O_OUTPUT, OFF(dheader), 0 },
	{ "-list", O_OUTPUT, OFF(list), 0 },
	{ "-yaml", O_OUTPUT, OFF(yaml), 0 },
	{ "-MF", O_OUTPUT, OFF(mf), 0 },
	{ "-i", O_STRING, OFF(split_prefix), 0 },
	{ "-prefix", O_STRING, OFF(prefix), 0 },
	{ "-subrprefix", O_STRING, OFF(subrprefix), 0 },
	{ "-cc", O_STRING, OFF(cc), 0 },
	{ "-max-errors", O_COUNT, OFF(max_errors), 0 },
	{ "-max_descrs", O_COUNT, OFF(max_descrs), 0 },
	{ "-max_reply_descrs", O_COUNT, OFF(max_reply_descrs), 0 },
	{ "-maxonstack", O_COUNT, 0, 0 },
	{ "-n", O_FLAG, OFF(only_named), true },
	{ "-split", O_FLAG, OFF(split_headers), true },
	{ "-q", O_FLAG, OFF(quiet), true },
	{ "-Q", O_FLAG, OFF(quiet), false },
	{ "-v", O_FLAG, OFF(verbose), true },
	{ "-V", O_FLAG, OFF(verbose), false },
	{ "-dA", O_FLAG, OFF(dump_ast), true },
	{ "-dM", O_FLAG, OFF(dump_model), true },
	{ "-r", O_FLAG, OFF(separate_rpc), false },
	{ "-R", O_FLAG, OFF(separate_rpc), true },
	{ "-s", O_FLAG, OFF(symtab), true },
	{ "-S", O_FLAG, OFF(symtab), false },
	{ "-MD", O_FLAG, OFF(md), true },
	{ "-Werror", O_FLAG, OFF(werror), true },
	{ "-D", O_CPP_JOINED, 0, 0 },
	{ "-U", O_CPP_JOINED, 0, 0 },
	{ "-I", O_CPP_JOINED, 0, 0 },
	{ "-imacros", O_CPP_ARG, 0, 0 },
	{ "-isystem", O_CPP_ARG, 0, 0 },
	{ "-include", O_CPP_ARG, 0, 0 },
	{ "-iquote", O_CPP_ARG, 0, 0 },
	{ "-idirafter", O_CPP_ARG, 0, 0 },
	{ "-isysroot", O_CPP_ARG, 0, 0 },
	{ "-N", O_NOEFFECT, 0, 0 },
	{ "-novouchers", O_NOEFFECT, 0, 0 },
	{ "-k", O_NOEFFECT, 0, 0 },
	{ "-l", O_NOEFFECT, 0, 0 },
	{ "-T", O_NOEFFECT, 0, 0 },
	{ "-X", O_NOEFFECT, 0, 0 },
	{ "-B", O_NOEFFECT, 0, 0 },
	{ "-K", O_WARN, 0, 0 },
	{ "-L", O_WARN, 0, 0 },
	{ "-b", O_WARN, 0, 0 },
	{ "-migcom", O_WARN_ARG, 0, 0 },
	{ "-cpp", O_NOEFFECT_ARG, 0, 0 },
	{ "-t", O_WARN, 0, 0 },
	{ "-x", O_NOEFFECT, 0, 0 },
	{ "-mach_msg2", O_UNSUPPORTED, 0, 0 },
	{ "-arch", O_ARCH, 0, 0 },
	{ "-target", O_TARGET, 0, 0 },
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

#define FIELD(o, off, type) ((type *)(void *)((char *)(o) + (off)))

/* Apply one option from the table; 0, or 2 on a usage error. */
static int apply(struct opt_state *s, const struct opt *op)
{
	struct mig_options *o = s->o;
	const char *name = s->argv[s->i];
	const char *arg = NULL;

	switch (op->kind) {
	case O_OUTPUT: case O_STRING: case O_COUNT: case O_CPP_ARG:
	case O_CPP_JOINED: case O_WARN_ARG: case O_ARCH: case O_TARGET:
	case O_NOEFFECT_ARG:
		if (!(arg = take_arg(s)))
			return 2;
		break;
	default:
		break;
	}
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
	if (op)
		return apply(s, op);
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
	o->warnings = calloc(n, sizeof *o->warnings);
	if (!o->cpp_args || !o->inputs || !o->warnings) {
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
		usage_error("no input files");
		return 2;
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
	o->warnings = NULL;
	o->cpp_args = NULL;
	o->inputs = NULL;
	o->nwarnings = o->ncpp_args = o->ninputs = 0;
}
