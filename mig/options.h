/*
 * options.h - the command line, parsed once into one struct (no globals).
 * See MIG-LANGUAGE.md section 5.1.
 */
#ifndef MIG_OPTIONS_H
#define MIG_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>

/* A Darwin architecture and the preprocessor's view of it. */
struct mig_arch {
	const char *name;             /* as -arch spells it */
	const char *defines[12];      /* "-D..." options, NULL-terminated */
};

/* The architecture named by the first len bytes of name, or NULL. */
const struct mig_arch *mig_arch_find(const char *name, size_t len);
/* The host's architecture (the default without -arch). */
const struct mig_arch *mig_arch_host(void);

struct mig_options {
	/* outputs; NULL = default name (or none for the optional ones);
	   "/dev/null" = do not generate */
	const char *user, *server, *header, *sheader, *iheader, *dheader;
	const char *list, *yaml;
	const char *split_prefix;     /* -i PREFIX */
	bool only_named;              /* -n (GNU): write only named outputs */

	const char *prefix;           /* -prefix P ("" if none) */
	const char *subrprefix;       /* -subrprefix P ("" if none) */
	bool split_headers;           /* -split */
	bool separate_rpc;            /* -R */
	bool symtab;                  /* -s */

	bool verbose;                 /* -v */
	bool dump_ast, dump_model;    /* -dA, -dM */
	bool quiet;                   /* -q */
	bool werror;                  /* -Werror */
	int max_errors;               /* default 50, 0 = none */
	int max_descrs, max_reply_descrs;  /* 0 = no limit */

	bool md;                      /* -MD */
	const char *mf;               /* -MF */

	const char *cc;               /* -cc PROG */
	const struct mig_arch *arch;  /* -arch, -target; the host's */
	/* arguments passed to cpp, in order */
	const char **cpp_args;
	int ncpp_args;

	/* -migcom PROG (NULL: mig's own compiler; the driver also reads
	   $MIGCOM), the options Apple's driver hands to it, in order, and
	   the options only mig's own compiler reads */
	const char *migcom;
	const char **migcom_args;
	int nmigcom_args;
	const char **ours_only;
	int nours_only;

	/* input files */
	const char **inputs;
	int ninputs;

	/* warnings about options (no effect, ignored), reported by the
	   driver through its diag so -q and -Werror apply to them */
	const char **warnings;
	int nwarnings;
};

/*
 * Parse argv.  Returns 0 on success, 2 on a usage error (message already
 * printed to stderr; the driver exits 1, as Apple's does), -1 when the
 * run is over (--help, -version printed).  No input files is not an
 * error: a warning, and nothing to do.
 */
int options_parse(struct mig_options *o, int argc, char **argv);
void options_free(struct mig_options *o);

#endif
