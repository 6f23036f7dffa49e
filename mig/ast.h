/*
 * ast.h - the syntax tree the parser builds.
 *
 * The parser's actions only build these nodes: no lookups, no evaluation,
 * no diagnostics beyond syntax.  Every node keeps the location of the token
 * that names it, so the checker (check.c) can report on it.  Lists are
 * singly linked through `next`, in source order.  All memory belongs to the
 * arena passed to the parser.
 */
#ifndef MIG_AST_H
#define MIG_AST_H

#include <stdbool.h>
#include <stdint.h>

#include "diag.h"

/* An identifier or other word, with where it was written. */
struct ast_ident {
	const char *text;
	struct mig_loc loc;
};

/* ---- integer expressions (array bounds, long-form bit counts) ---- */

enum ast_expr_kind { EXPR_NUM, EXPR_ADD, EXPR_SUB, EXPR_MUL, EXPR_DIV };

struct ast_expr {
	enum ast_expr_kind kind;
	struct mig_loc loc;      /* the number, or the operator */
	int64_t value;           /* EXPR_NUM (lexer limits it to 2^31-1) */
	struct ast_expr *lhs, *rhs;
};

/* ---- flags: ", Dealloc" after an argument, or inside a long form ---- */

enum ast_flag_kind {
	FLAG_SAMECOUNT, FLAG_RETCODE, FLAG_PHYSICALCOPY, FLAG_OVERWRITE,
	FLAG_DEALLOC, FLAG_NOTDEALLOC, FLAG_DEALLOC_RUNTIME /* Dealloc[] */,
	FLAG_COUNTINOUT, FLAG_AUTO, FLAG_CONST,
	FLAG_ISLONG, FLAG_ISNOTLONG, FLAG_SERVERCOPY,
};

struct ast_flag {
	enum ast_flag_kind kind;
	struct mig_loc loc;
	struct ast_flag *next;
};

/* ---- IPC type names: NUMBER | MACH_MSG_TYPE_x | polymorphic ---- */

enum ast_prim_kind { PRIM_NUMBER, PRIM_MSGTYPE, PRIM_POLY };

struct ast_prim {
	enum ast_prim_kind kind;
	struct mig_loc loc;
	const char *text;        /* as written, e.g. "MACH_MSG_TYPE_COPY_SEND" */
	int64_t value;           /* PRIM_NUMBER: the number; PRIM_MSGTYPE: the
	                            MACH_MSG_TYPE_ code (lexer table), or -1 for
	                            GNU's STRING (0x?)/STRING_C/REAL, see
	                            msgtype below */
	int msgtype;             /* PRIM_MSGTYPE: an enum ast_msgtype */
};

/*
 * Every MACH_MSG_TYPE_* name the lexer knows.  The lexer returns MSGTYPE
 * tokens only for these; anything else spelled MACH_MSG_TYPE_... is an
 * identifier.
 */
enum ast_msgtype {
	MT_UNSTRUCTURED, MT_BIT, MT_BOOLEAN, MT_INTEGER_16, MT_INTEGER_32,
	MT_CHAR, MT_BYTE, MT_INTEGER_8, MT_REAL, MT_INTEGER_64, MT_STRING,
	MT_STRING_C, MT_REAL_32, MT_REAL_64, MT_PORT_NAME, MT_MOVE_RECEIVE,
	MT_MOVE_SEND, MT_MOVE_SEND_ONCE, MT_COPY_SEND, MT_MAKE_SEND,
	MT_MAKE_SEND_ONCE, MT_COPY_RECEIVE, MT_PORT_RECEIVE, MT_PORT_SEND,
	MT_PORT_SEND_ONCE, MT_POLYMORPHIC,
	MT_COUNT_
};

/* ---- type expressions ---- */

enum ast_type_kind {
	TS_IPC,        /* prim [ "|" prim ] */
	TS_NAME,       /* a previously declared type */
	TS_ARRAY,      /* array [...] of T */
	TS_STRUCT,     /* struct [N] of T */
	TS_POINTER,    /* ^ T */
	TS_CSTRING,    /* c_string [N] / c_string [*:N] */
	TS_NATIVE,     /* PointerTo / ValueOf / PointerToIfNot */
	TS_LONGFORM,   /* GNU ( ipctype , bits [, flags] ) */
	TS_CSTRUCT,    /* GNU struct { T f; ... } */
};

enum ast_array_kind {
	ARRAY_UNBOUNDED,   /* array [] or array [*] */
	ARRAY_BOUNDED,     /* array [*:N] */
	ARRAY_FIXED,       /* array [N] */
};

enum ast_native_kind { NATIVE_POINTERTO, NATIVE_VALUEOF,
		       NATIVE_POINTERTOIFNOT };

struct ast_member {          /* GNU struct {} member: "T f;" */
	struct ast_ident type;
	struct ast_ident field;
	struct ast_member *next;
};

struct ast_type {
	enum ast_type_kind kind;
	struct mig_loc loc;           /* first token of the type expression */

	/* TS_IPC, TS_LONGFORM: the one or two primitives */
	struct ast_prim *prim[2];
	int nprims;

	/* TS_NAME */
	struct ast_ident name;

	/* TS_ARRAY, TS_STRUCT, TS_POINTER: the element */
	struct ast_type *elem;
	enum ast_array_kind array_kind;   /* TS_ARRAY */
	/* TS_ARRAY (bounded/fixed), TS_STRUCT, TS_CSTRING: the bound;
	   TS_LONGFORM: the number of bits */
	struct ast_expr *bound;
	bool variable;                    /* TS_CSTRING: c_string[*:N] */

	/* TS_NATIVE: the C type phrase ("unsigned long") and, for
	   PointerToIfNot, the "bad" value phrase */
	enum ast_native_kind native_kind;
	const char *ctext;
	const char *badtext;

	/* TS_LONGFORM: the trailing flags */
	struct ast_flag *flags;

	/* TS_CSTRUCT */
	struct ast_member *members;
};

/* ---- type declarations: "type name = spec mods;" ---- */

enum ast_mod_kind {
	MOD_INTRAN,          /* InTran: trans func(server) */
	MOD_INTRANPAYLOAD,   /* IntranPayload: trans func */
	MOD_OUTTRAN,         /* OutTran: server func(trans) */
	MOD_DESTRUCTOR,      /* Destructor: func(trans) */
	MOD_CTYPE, MOD_CUSERTYPE, MOD_CSERVERTYPE,
};

struct ast_mod {
	enum ast_mod_kind kind;
	struct mig_loc loc;
	struct ast_ident type;    /* INTRAN, INTRANPAYLOAD: trans type;
	                             OUTTRAN: server type; C*TYPE: the C type */
	struct ast_ident func;    /* INTRAN, INTRANPAYLOAD, OUTTRAN, DESTRUCTOR */
	struct ast_ident arg;     /* INTRAN: server type; OUTTRAN: trans type;
	                             DESTRUCTOR: trans type */
	struct ast_mod *next;
};

struct ast_typedecl {
	struct ast_ident name;
	struct ast_type *spec;
	struct ast_mod *mods;
};

/* ---- routines ---- */

enum ast_arg_kind {
	ARG_NONE,            /* no kind written: request port if first,
	                        else in */
	ARG_IN, ARG_OUT, ARG_INOUT,
	ARG_REQUESTPORT, ARG_REPLYPORT, ARG_SREPLYPORT, ARG_UREPLYPORT,
	ARG_WAITTIME, ARG_SENDTIME, ARG_MSGOPTION,
	ARG_MSGSEQNO, ARG_SECTOKEN, ARG_SERVERSECTOKEN, ARG_USERSECTOKEN,
	ARG_AUDITTOKEN, ARG_SERVERAUDITTOKEN, ARG_USERAUDITTOKEN,
	ARG_SERVERCONTEXTTOKEN,
	ARG_SERVERIMPL, ARG_USERIMPL,   /* parsed only to be rejected */
};

struct ast_arg {
	enum ast_arg_kind kind;
	struct mig_loc kind_loc;      /* the kind keyword, if any */
	struct ast_ident name;
	/*
	 * The argument's type.  "x : T" gives type = TS_NAME T; "x : spec"
	 * (a native type) gives that spec; "x : T = spec mods" declares a
	 * type T for this argument alone: decl_name = T, type = spec,
	 * mods = mods.  decl_name.text is NULL otherwise.
	 */
	struct ast_ident decl_name;
	struct ast_type *type;
	struct ast_mod *mods;
	struct ast_flag *flags;
	struct ast_arg *next;
};

struct ast_routine {
	bool simple;                  /* simpleroutine */
	struct ast_ident name;
	struct ast_arg *args;
};

/* ---- statements ---- */

enum ast_stmt_kind {
	ST_SUBSYSTEM, ST_ROUTINE, ST_SKIP, ST_TYPE, ST_IMPORT, ST_RCSID,
	ST_ERROR, ST_SERVERPREFIX, ST_USERPREFIX, ST_SERVERDEMUX,
	ST_WAITTIME, ST_NOWAITTIME, ST_SENDTIME, ST_NOSENDTIME, ST_MSGOPTION,
	ST_CONSUMEONSENDERROR, ST_USESPECIALREPLYPORT, ST_USERTYPELIMIT,
	ST_ONSTACKLIMIT,
};

enum ast_import_kind { IMPORT_ALL, IMPORT_USER, IMPORT_SERVER,
		       IMPORT_DEFS /* dimport */, IMPORT_IMPL /* iimport */ };

struct ast_stmt {
	enum ast_stmt_kind kind;
	struct mig_loc loc;            /* the statement's keyword */
	union {
		struct {               /* ST_SUBSYSTEM */
			struct ast_ident name;
			int64_t base;
			struct mig_loc base_loc;
			bool kernel_user, kernel_server;
		} subsystem;
		struct ast_routine routine;    /* ST_ROUTINE */
		struct {                       /* ST_SKIP */
			int64_t count;         /* 1 for plain "skip;" */
			bool counted;          /* "skip N;" was written */
			struct mig_loc count_loc;
		} skip;
		struct ast_typedecl type;      /* ST_TYPE */
		struct {                       /* ST_IMPORT */
			enum ast_import_kind kind;
			const char *file;      /* with its quotes or <>:
			                          "\"foo.h\"" or "<mach/x.h>" */
		} import;
		/* ST_RCSID (the string, quotes kept), ST_ERROR,
		   ST_SERVERPREFIX, ST_USERPREFIX, ST_SERVERDEMUX (the
		   identifier), ST_WAITTIME, ST_SENDTIME, ST_MSGOPTION,
		   ST_CONSUMEONSENDERROR (the raw text, trimmed and with
		   whitespace runs collapsed) */
		struct ast_ident word;
		/* ST_USESPECIALREPLYPORT, ST_USERTYPELIMIT, ST_ONSTACKLIMIT */
		struct {
			int64_t value;
			struct mig_loc value_loc;
		} number;
	} u;
	struct ast_stmt *next;
};

struct ast_file {
	struct ast_stmt *stmts;
	/* Every file the preprocessor read (for -MD), in first-seen order */
	const struct mig_srcfile **files;
	int nfiles;
};

/*
 * Parse a preprocessed buffer.  `name` is the file name used until the
 * first line marker.  Syntax errors go to d; the parser resynchronises and
 * keeps going.  Returns the tree (possibly partial) or NULL when the arena
 * ran out.
 */
struct ast_file *ast_parse(struct arena *a, struct diag *d,
			   const char *name, const char *buf, size_t len);

/* -dA: print the tree, one node per line, indented. */
void ast_dump(const struct ast_file *f, FILE *out);

/* ---- word tables (ast.c), shared by the lexer, checker and emitters ---- */

/* The enum ast_msgtype for an exact MACH_MSG_TYPE_* name, or -1. */
int ast_msgtype_find(const char *name);
/* Its full name ("MACH_MSG_TYPE_COPY_SEND"), or NULL out of range. */
const char *ast_msgtype_name(enum ast_msgtype t);
/* Its MACH_MSG_TYPE_ code (ast_prim.value): 19 for COPY_SEND, -1 for
   POLYMORPHIC and GNU's STRING, STRING_C and REAL. */
int64_t ast_msgtype_value(enum ast_msgtype t);
/*
 * When `word` is one of the case-sensitive words (PointerTo, ValueOf,
 * PointerToIfNot, UserTypeLimit, OnStackLimit, MACH_MSG_TYPE_*) written
 * with another case, the right spelling; else NULL.  For the note
 * "'UserTypeLimit' is spelled with this exact case".
 */
const char *ast_case_sensitive_word(const char *word);

#endif
