/*
 * parser.y - the grammar of MIG-LANGUAGE.md section 2 (Apple dialect plus
 * the GNU extensions of 2.2).
 *
 * A pure parser: its state is the struct parser passed to parser_parse,
 * and its actions only build the tree of ast.h (constructors at the end of
 * this file).  Names are not looked up and nothing is evaluated; every
 * diagnostic here is a syntax error.
 *
 * Error recovery: a statement that fails to parse becomes `error`, and
 * parsing resumes at the next token that can start a statement or at ';'
 * (which is itself an empty statement).  Inside an argument list a bad
 * argument becomes `error` up to the next ';' or ')'.  So one run reports
 * the syntax errors of many statements.
 */

%code requires {
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ast.h"

#ifndef YY_TYPEDEF_YY_SCANNER_T
#define YY_TYPEDEF_YY_SCANNER_T
typedef void *yyscan_t;
#endif

/* The value of every token. */
struct tok {
	const char *text;      /* as written (arena); RAW: trimmed, blanks
	                          collapsed; QSTRING, FILENAME: with quotes */
	int64_t num;           /* NUMBER: value; MSGTYPE: MACH_MSG_TYPE_ code */
	int msgtype;           /* MSGTYPE: enum ast_msgtype */
	const char *canon;     /* IDENT that is a case-sensitive word in
	                          another case: the right spelling, else NULL */
	struct mig_loc loc;
};

/* An interned source file (see lex_file in lexer.l). */
struct lex_file {
	struct mig_srcfile file;
	struct lex_file *next;
};

/* The scanner's state (yyextra).  Set up by lex_begin. */
struct lex_state {
	struct arena *arena;
	struct diag *diag;
	const char *buf;                 /* the whole input, for pplines */
	size_t len;
	size_t pos;                      /* offset of the next byte */
	size_t line_start;               /* offset of the current line */
	int line;                        /* its number (from markers) */
	const struct mig_srcfile *file;  /* current file */
	size_t save_pos, save_line_start;  /* before the last match */
	int save_line;
	const char *ppline;              /* cached copy of one line */
	size_t ppline_at;
	int depth;                       /* open parentheses */
	const char *import_kw;           /* for the bad-import message */
	char *raw;                       /* raw field being read (malloc) */
	size_t raw_len, raw_cap, raw_end;
	struct mig_loc raw_loc;
	struct lex_file *files;          /* interned files */
	const struct mig_srcfile **names;  /* one per file name */
	int nnames, capnames;
};

void lex_begin(struct lex_state *lx, struct arena *a, struct diag *d,
	       const char *name, const char *buf, size_t len);
void lex_end(struct lex_state *lx);

/* A token as the parser saw it, for syntax error messages. */
struct ptok {
	int kind;                /* token kind; 0 at end of file, -1: none */
	struct tok tok;
	int depth;               /* parenthesis depth after this token */
};

/* Lists under construction. */
struct flag_list { struct ast_flag *head, *tail; };
struct mod_list { struct ast_mod *head, *tail; };
struct arg_list { struct ast_arg *head, *tail; };
struct member_list { struct ast_member *head, *tail; };

struct parser {
	struct arena *arena;
	struct diag *diag;
	yyscan_t scanner;
	struct lex_state *lx;
	struct ast_stmt *head, *tail;    /* statements so far */
	struct ptok cur, prev;           /* lookahead and the token before */
};
}

%code {
#include <stdio.h>
#include <string.h>

/* The scanner's header names its function through yylex too. */
#undef yylex
#include "lexer.h"
#undef yylex
#define yylex parser_lex

static int parser_lex(PARSER_STYPE *val, PARSER_LTYPE *loc,
		      struct parser *p);
static void parser_error(PARSER_LTYPE *loc, struct parser *p,
			 const char *msg);

#define YYLLOC_DEFAULT(Cur, Rhs, N) \
	do { \
		if (N) { \
			(Cur) = YYRHSLOC(Rhs, 1); \
		} else { \
			(Cur) = YYRHSLOC(Rhs, 0); \
			(Cur).col += (Cur).len; \
			(Cur).len = 1; \
		} \
	} while (0)

/* An allocation failed: stop parsing; ast_parse reports no tree. */
#define NEED(x) do { if (!(x)) YYNOMEM; } while (0)

static struct ast_ident ident(struct tok t);
static void add_stmt(struct parser *p, struct ast_stmt *s);
static struct ast_stmt *new_stmt(struct parser *p, enum ast_stmt_kind k,
				 struct mig_loc loc);
static struct ast_stmt *word_stmt(struct parser *p, enum ast_stmt_kind k,
				  struct mig_loc loc, struct tok t);
static struct ast_stmt *number_stmt(struct parser *p, enum ast_stmt_kind k,
				    struct mig_loc loc, struct tok t);
static struct ast_type *new_type(struct parser *p, enum ast_type_kind k,
				 struct mig_loc loc);
static struct ast_type *array_type(struct parser *p, struct mig_loc loc,
				   enum ast_array_kind k,
				   struct ast_expr *bound,
				   struct ast_type *elem);
static struct ast_type *native_type(struct parser *p, struct mig_loc loc,
				    enum ast_native_kind k, const char *c,
				    const char *bad);
static struct ast_prim *new_prim(struct parser *p, enum ast_prim_kind k,
				 struct tok t);
static struct ast_expr *num_expr(struct parser *p, struct tok t);
static struct ast_expr *bin_expr(struct parser *p, enum ast_expr_kind k,
				 struct mig_loc loc, struct ast_expr *l,
				 struct ast_expr *r);
static struct ast_flag *new_flag(struct parser *p, enum ast_flag_kind k,
				 struct mig_loc loc);
static struct ast_mod *new_mod(struct parser *p, enum ast_mod_kind k,
			       struct mig_loc loc);
static struct ast_arg *new_arg(struct parser *p, enum ast_arg_kind k,
			       struct mig_loc kind_loc, struct tok name,
			       struct ast_arg *type);
static struct ast_arg *arg_type(struct parser *p, struct tok decl,
				struct ast_type *spec, struct ast_mod *mods);
static struct ast_member *new_member(struct parser *p, struct tok type,
				     struct tok field);
static const char *phrase_add(struct parser *p, const char *a,
			      const char *b);

#define APPEND(list, item) \
	do { \
		if (item) { \
			if ((list).tail) \
				(list).tail->next = (item); \
			else \
				(list).head = (item); \
			(list).tail = (item); \
		} \
	} while (0)
}

%define api.pure full
%define api.prefix {parser_}
%define api.location.type {struct mig_loc}
%define parse.error custom
%define parse.lac full
/* Default reductions only in states with nothing else to do.  With the
   NOTHING alternative of `arg`, the state after an argument's `error` is
   not such a state, so the parser discards tokens there until ';' or ')'
   instead of reducing at once and failing again further out, which would
   throw away the arguments parsed so far. */
%define lr.default-reduction consistent
%locations
%parse-param {struct parser *p}
%lex-param {struct parser *p}
%expect 0

%union {
	struct tok tok;
	struct ast_stmt *stmt;
	struct ast_type *type;
	struct ast_expr *expr;
	struct ast_prim *prim;
	struct ast_flag *flag;
	struct ast_mod *mod;
	struct ast_arg *arg;
	struct ast_member *member;
	struct flag_list flags;
	struct mod_list mods;
	struct arg_list args;
	struct member_list members;
	struct ast_typedecl decl;
	const char *text;
	int num;
}

/* statements */
%token <tok> K_SUBSYSTEM "subsystem" K_KERNELUSER "KernelUser"
%token <tok> K_KERNELSERVER "KernelServer" K_ROUTINE "routine"
%token <tok> K_SIMPLEROUTINE "simpleroutine" K_SKIP "skip" K_TYPE "type"
%token <tok> K_IMPORT "import" K_UIMPORT "uimport" K_SIMPORT "simport"
%token <tok> K_DIMPORT "dimport" K_IIMPORT "iimport"
%token <tok> K_SERVERPREFIX "ServerPrefix" K_USERPREFIX "UserPrefix"
%token <tok> K_SERVERDEMUX "ServerDemux" K_RCSID "RCSId" K_ERROR "error"
%token <tok> K_WAITTIME "WaitTime" K_NOWAITTIME "NoWaitTime"
%token <tok> K_SENDTIME "SendTime" K_NOSENDTIME "NoSendTime"
%token <tok> K_MSGOPTION "MsgOption"
%token <tok> K_USESPECIALREPLYPORT "UseSpecialReplyPort"
%token <tok> K_CONSUMEONSENDERROR "ConsumeOnSendError"
/* types */
%token <tok> K_ARRAY "array" K_OF "of" K_STRUCT "struct"
%token <tok> K_CSTRING "c_string" K_POLYMORPHIC "polymorphic"
%token <tok> K_INTRAN "InTran" K_INTRANPAYLOAD "IntranPayload"
%token <tok> K_OUTTRAN "OutTran" K_DESTRUCTOR "Destructor"
%token <tok> K_CTYPE "CType" K_CUSERTYPE "CUserType"
%token <tok> K_CSERVERTYPE "CServerType"
/* argument kinds */
%token <tok> K_IN "in" K_OUT "out" K_INOUT "inout"
%token <tok> K_REQUESTPORT "RequestPort" K_REPLYPORT "ReplyPort"
%token <tok> K_SREPLYPORT "SReplyPort" K_UREPLYPORT "UReplyPort"
%token <tok> K_MSGSEQNO "MsgSeqno" K_SECTOKEN "SecToken"
%token <tok> K_SERVERSECTOKEN "ServerSecToken"
%token <tok> K_USERSECTOKEN "UserSecToken" K_AUDITTOKEN "AuditToken"
%token <tok> K_SERVERAUDITTOKEN "ServerAuditToken"
%token <tok> K_USERAUDITTOKEN "UserAuditToken"
%token <tok> K_SERVERCONTEXTTOKEN "ServerContextToken"
%token <tok> K_SERVERIMPL "ServerImpl" K_USERIMPL "UserImpl"
/* flags */
%token <tok> K_DEALLOC "Dealloc" K_NOTDEALLOC "NotDealloc"
%token <tok> K_COUNTINOUT "CountInOut" K_SAMECOUNT "SameCount"
%token <tok> K_RETCODE "RetCode" K_PHYSICALCOPY "PhysicalCopy"
%token <tok> K_OVERWRITE "Overwrite" K_AUTO "Auto" K_CONST "Const"
%token <tok> K_ISLONG "IsLong" K_ISNOTLONG "IsNotLong"
%token <tok> K_SERVERCOPY "ServerCopy"
/* case-sensitive words */
%token <tok> K_POINTERTO "PointerTo" K_POINTERTOIFNOT "PointerToIfNot"
%token <tok> K_VALUEOF "ValueOf" K_USERTYPELIMIT "UserTypeLimit"
%token <tok> K_ONSTACKLIMIT "OnStackLimit"
/* the rest */
%token <tok> IDENT "identifier" NUMBER "number" MSGTYPE "IPC type name"
%token <tok> RAW "value" FILENAME "file name" QSTRING "string"
%token <tok> LEXERROR "invalid token"
%token <tok> NOTHING "nothing"          /* never returned by the lexer */
%token <tok> ';' ':' ',' '+' '-' '*' '/' '(' ')' '=' '^' '[' ']' '{' '}' '|'

%left '+' '-'
%left '*' '/'

%type <stmt> statement body subsystem routine
%type <num> kernelmods importkw argkind
%type <decl> namedtype
%type <type> typespec native
%type <prim> prim
%type <type> ipctype
%type <expr> intexp
%type <mod> mod
%type <mods> mods
%type <flag> flag
%type <flags> flags
%type <arg> arg argtype
%type <args> args arglist
%type <member> member
%type <members> members
%type <text> phrase

%%

/* file = { statement } */
file
	: %empty
	| file statement		{ add_stmt(p, $2); }
	;

/*
 * statement = subsystem ";" | routine ";" | "skip" [NUMBER] ";" | ... | ";"
 *
 * A complete statement re-arms error reporting (yyerrok), so an error in
 * the very next statement is reported too.
 */
statement
	: body ';'			{ $$ = $1; yyerrok; }
	| ';'				{ $$ = NULL; yyerrok; }
	| error				{ $$ = NULL; }
	;

body
	: subsystem			{ $$ = $1; }
	| routine			{ $$ = $1; }
	| K_SKIP
		{
			NEED($$ = new_stmt(p, ST_SKIP, @1));
			$$->u.skip.count = 1;
			$$->u.skip.count_loc = @1;
		}
	| K_SKIP NUMBER
		{
			NEED($$ = new_stmt(p, ST_SKIP, @1));
			$$->u.skip.count = $2.num;
			$$->u.skip.counted = true;
			$$->u.skip.count_loc = @2;
		}
	| K_TYPE namedtype
		{
			NEED($$ = new_stmt(p, ST_TYPE, @1));
			$$->u.type = $2;
		}
	| importkw FILENAME
		{
			NEED($$ = new_stmt(p, ST_IMPORT, @1));
			$$->u.import.kind = (enum ast_import_kind)$1;
			$$->u.import.file = $2.text;
		}
	| K_RCSID QSTRING	{ NEED($$ = word_stmt(p, ST_RCSID, @1, $2)); }
	| K_ERROR IDENT		{ NEED($$ = word_stmt(p, ST_ERROR, @1, $2)); }
	| K_SERVERPREFIX IDENT
		{ NEED($$ = word_stmt(p, ST_SERVERPREFIX, @1, $2)); }
	| K_USERPREFIX IDENT
		{ NEED($$ = word_stmt(p, ST_USERPREFIX, @1, $2)); }
	| K_SERVERDEMUX IDENT
		{ NEED($$ = word_stmt(p, ST_SERVERDEMUX, @1, $2)); }
	| K_WAITTIME RAW
		{ NEED($$ = word_stmt(p, ST_WAITTIME, @1, $2)); }
	| K_NOWAITTIME		{ NEED($$ = new_stmt(p, ST_NOWAITTIME, @1)); }
	| K_SENDTIME RAW
		{ NEED($$ = word_stmt(p, ST_SENDTIME, @1, $2)); }
	| K_NOSENDTIME		{ NEED($$ = new_stmt(p, ST_NOSENDTIME, @1)); }
	| K_MSGOPTION RAW
		{ NEED($$ = word_stmt(p, ST_MSGOPTION, @1, $2)); }
	| K_CONSUMEONSENDERROR RAW
		{ NEED($$ = word_stmt(p, ST_CONSUMEONSENDERROR, @1, $2)); }
	| K_USESPECIALREPLYPORT NUMBER
		{ NEED($$ = number_stmt(p, ST_USESPECIALREPLYPORT, @1, $2)); }
	| K_USERTYPELIMIT NUMBER
		{ NEED($$ = number_stmt(p, ST_USERTYPELIMIT, @1, $2)); }
	| K_ONSTACKLIMIT NUMBER
		{ NEED($$ = number_stmt(p, ST_ONSTACKLIMIT, @1, $2)); }
	;

/* subsystem = "subsystem" { "KernelUser" | "KernelServer" } IDENT NUMBER */
subsystem
	: K_SUBSYSTEM kernelmods IDENT NUMBER
		{
			NEED($$ = new_stmt(p, ST_SUBSYSTEM, @1));
			$$->u.subsystem.name = ident($3);
			$$->u.subsystem.base = $4.num;
			$$->u.subsystem.base_loc = @4;
			$$->u.subsystem.kernel_user = ($2 & 1) != 0;
			$$->u.subsystem.kernel_server = ($2 & 2) != 0;
		}
	;

kernelmods
	: %empty			{ $$ = 0; }
	| kernelmods K_KERNELUSER	{ $$ = $1 | 1; }
	| kernelmods K_KERNELSERVER	{ $$ = $1 | 2; }
	;

/* importkw = "import" | "uimport" | "simport" | "dimport" | "iimport" */
importkw
	: K_IMPORT			{ $$ = IMPORT_ALL; }
	| K_UIMPORT			{ $$ = IMPORT_USER; }
	| K_SIMPORT			{ $$ = IMPORT_SERVER; }
	| K_DIMPORT			{ $$ = IMPORT_DEFS; }
	| K_IIMPORT			{ $$ = IMPORT_IMPL; }
	;

/* namedtype = IDENT "=" typespec { transmod } */
namedtype
	: IDENT '=' typespec mods
		{
			$$.name = ident($1);
			$$.spec = $3;
			$$.mods = $4.head;
		}
	;

mods
	: %empty			{ $$.head = $$.tail = NULL; }
	| mods mod			{ $$ = $1; APPEND($$, $2); }
	;

/*
 * transmod = "InTran" ":" IDENT IDENT "(" IDENT ")"
 *          | "OutTran" ":" IDENT IDENT "(" IDENT ")"
 *          | "Destructor" ":" IDENT "(" IDENT ")"
 *          | "CType" ":" IDENT | "CUserType" ":" IDENT
 *          | "CServerType" ":" IDENT
 *          | "IntranPayload" ":" IDENT IDENT             (GNU)
 */
mod
	: K_INTRAN ':' IDENT IDENT '(' IDENT ')'
		{
			NEED($$ = new_mod(p, MOD_INTRAN, @1));
			$$->type = ident($3);
			$$->func = ident($4);
			$$->arg = ident($6);
		}
	| K_OUTTRAN ':' IDENT IDENT '(' IDENT ')'
		{
			NEED($$ = new_mod(p, MOD_OUTTRAN, @1));
			$$->type = ident($3);
			$$->func = ident($4);
			$$->arg = ident($6);
		}
	| K_DESTRUCTOR ':' IDENT '(' IDENT ')'
		{
			NEED($$ = new_mod(p, MOD_DESTRUCTOR, @1));
			$$->func = ident($3);
			$$->arg = ident($5);
		}
	| K_INTRANPAYLOAD ':' IDENT IDENT
		{
			NEED($$ = new_mod(p, MOD_INTRANPAYLOAD, @1));
			$$->type = ident($3);
			$$->func = ident($4);
		}
	| K_CTYPE ':' IDENT
		{
			NEED($$ = new_mod(p, MOD_CTYPE, @1));
			$$->type = ident($3);
		}
	| K_CUSERTYPE ':' IDENT
		{
			NEED($$ = new_mod(p, MOD_CUSERTYPE, @1));
			$$->type = ident($3);
		}
	| K_CSERVERTYPE ':' IDENT
		{
			NEED($$ = new_mod(p, MOD_CSERVERTYPE, @1));
			$$->type = ident($3);
		}
	;

/*
 * typespec = ipctype | IDENT
 *          | "array" "[" [ "*" [ ":" intexp ] | intexp ] "]" "of" typespec
 *          | "struct" "[" intexp "]" "of" typespec | "^" typespec
 *          | "c_string" "[" [ "*" ":" ] intexp "]" | native
 *          | "(" ipctype "," intexp { "," flag } ")"     (GNU long form)
 *          | "struct" "{" member { member } "}"           (GNU)
 */
typespec
	: ipctype			{ $$ = $1; }
	| IDENT
		{
			NEED($$ = new_type(p, TS_NAME, @1));
			$$->name = ident($1);
		}
	| K_ARRAY '[' ']' K_OF typespec
		{ NEED($$ = array_type(p, @1, ARRAY_UNBOUNDED, NULL, $5)); }
	| K_ARRAY '[' '*' ']' K_OF typespec
		{ NEED($$ = array_type(p, @1, ARRAY_UNBOUNDED, NULL, $6)); }
	| K_ARRAY '[' '*' ':' intexp ']' K_OF typespec
		{ NEED($$ = array_type(p, @1, ARRAY_BOUNDED, $5, $8)); }
	| K_ARRAY '[' intexp ']' K_OF typespec
		{ NEED($$ = array_type(p, @1, ARRAY_FIXED, $3, $6)); }
	| K_STRUCT '[' intexp ']' K_OF typespec
		{
			NEED($$ = new_type(p, TS_STRUCT, @1));
			$$->bound = $3;
			$$->elem = $6;
		}
	| '^' typespec
		{
			NEED($$ = new_type(p, TS_POINTER, @1));
			$$->elem = $2;
		}
	| K_CSTRING '[' intexp ']'
		{
			NEED($$ = new_type(p, TS_CSTRING, @1));
			$$->bound = $3;
		}
	| K_CSTRING '[' '*' ':' intexp ']'
		{
			NEED($$ = new_type(p, TS_CSTRING, @1));
			$$->bound = $5;
			$$->variable = true;
		}
	| native			{ $$ = $1; }
	| '(' ipctype ',' intexp flags ')'
		{
			$$ = $2;
			if ($$) {
				$$->kind = TS_LONGFORM;
				$$->loc = @1;
				$$->bound = $4;
				$$->flags = $5.head;
			}
		}
	| K_STRUCT '{' members '}'
		{
			NEED($$ = new_type(p, TS_CSTRUCT, @1));
			$$->members = $3.head;
		}
	;

/* ipctype = prim [ "|" prim ] */
ipctype
	: prim
		{
			NEED($$ = new_type(p, TS_IPC, @1));
			$$->prim[0] = $1;
			$$->nprims = 1;
		}
	| prim '|' prim
		{
			NEED($$ = new_type(p, TS_IPC, @1));
			$$->prim[0] = $1;
			$$->prim[1] = $3;
			$$->nprims = 2;
		}
	;

/* prim = NUMBER | MSGTYPE | "polymorphic" */
prim
	: NUMBER			{ NEED($$ = new_prim(p, PRIM_NUMBER, $1)); }
	| MSGTYPE			{ NEED($$ = new_prim(p, PRIM_MSGTYPE, $1)); }
	| K_POLYMORPHIC			{ NEED($$ = new_prim(p, PRIM_POLY, $1)); }
	;

/* member = IDENT IDENT ";" */
members
	: member			{ $$.head = $$.tail = NULL; APPEND($$, $1); }
	| members member		{ $$ = $1; APPEND($$, $2); }
	;

member
	: IDENT IDENT ';'		{ NEED($$ = new_member(p, $1, $2)); }
	| error ';'			{ $$ = NULL; yyerrok; }
	;

/*
 * native = "PointerTo" "(" phrase ")" | "ValueOf" "(" phrase ")"
 *        | "PointerToIfNot" "(" phrase "," phrase ")"
 */
native
	: K_POINTERTO '(' phrase ')'
		{ NEED($$ = native_type(p, @1, NATIVE_POINTERTO, $3, NULL)); }
	| K_VALUEOF '(' phrase ')'
		{ NEED($$ = native_type(p, @1, NATIVE_VALUEOF, $3, NULL)); }
	| K_POINTERTOIFNOT '(' phrase ',' phrase ')'
		{
			NEED($$ = native_type(p, @1, NATIVE_POINTERTOIFNOT,
					      $3, $5));
		}
	;

/* phrase = IDENT { IDENT } */
phrase
	: IDENT				{ NEED($$ = $1.text); }
	| phrase IDENT			{ NEED($$ = phrase_add(p, $1, $2.text)); }
	;

/* intexp = intexp ("+"|"-"|"*"|"/") intexp | NUMBER | "(" intexp ")" */
intexp
	: NUMBER			{ NEED($$ = num_expr(p, $1)); }
	| intexp '+' intexp	{ NEED($$ = bin_expr(p, EXPR_ADD, @2, $1, $3)); }
	| intexp '-' intexp	{ NEED($$ = bin_expr(p, EXPR_SUB, @2, $1, $3)); }
	| intexp '*' intexp	{ NEED($$ = bin_expr(p, EXPR_MUL, @2, $1, $3)); }
	| intexp '/' intexp	{ NEED($$ = bin_expr(p, EXPR_DIV, @2, $1, $3)); }
	| '(' intexp ')'		{ $$ = $2; }
	;

/* routine = ("routine" | "simpleroutine") IDENT "(" [ arg { ";" arg } ] ")" */
routine
	: K_ROUTINE IDENT arglist
		{
			NEED($$ = new_stmt(p, ST_ROUTINE, @1));
			$$->u.routine.name = ident($2);
			$$->u.routine.args = $3.head;
		}
	| K_SIMPLEROUTINE IDENT arglist
		{
			NEED($$ = new_stmt(p, ST_ROUTINE, @1));
			$$->u.routine.simple = true;
			$$->u.routine.name = ident($2);
			$$->u.routine.args = $3.head;
		}
	;

arglist
	: '(' ')'			{ $$.head = $$.tail = NULL; }
	| '(' args ')'			{ $$ = $2; }
	;

args
	: arg				{ $$.head = $$.tail = NULL; APPEND($$, $1); }
	| args ';' { yyerrok; } arg	{ $$ = $1; APPEND($$, $4); }
	;

/*
 * arg = [ argkind ] IDENT ":" argtype { "," flag }
 *     | ("ServerImpl" | "UserImpl") IDENT ":" argtype
 */
arg
	: IDENT ':' argtype flags
		{
			NEED($$ = new_arg(p, ARG_NONE, @1, $1, $3));
			$$->flags = $4.head;
		}
	| argkind IDENT ':' argtype flags
		{
			NEED($$ = new_arg(p, (enum ast_arg_kind)$1, @1, $2, $4));
			$$->flags = $5.head;
		}
	| K_SERVERIMPL IDENT ':' argtype
		{ NEED($$ = new_arg(p, ARG_SERVERIMPL, @1, $2, $4)); }
	| K_USERIMPL IDENT ':' argtype
		{ NEED($$ = new_arg(p, ARG_USERIMPL, @1, $2, $4)); }
	| error				{ $$ = NULL; }
	| error NOTHING			{ $$ = NULL; }
	;

/* argtype = IDENT | namedtype | native  (an ast_arg holding only the type) */
argtype
	: IDENT
		{
			struct ast_type *t;
			NEED(t = new_type(p, TS_NAME, @1));
			t->name = ident($1);
			NEED($$ = arg_type(p, (struct tok){0}, t, NULL));
		}
	| IDENT '=' typespec mods
		{ NEED($$ = arg_type(p, $1, $3, $4.head)); }
	| native
		{ NEED($$ = arg_type(p, (struct tok){0}, $1, NULL)); }
	;

/*
 * argkind = "in" | "out" | "inout" | "RequestPort" | "ReplyPort"
 *         | "SReplyPort" | "UReplyPort" | "WaitTime" | "SendTime"
 *         | "MsgOption" | "MsgSeqno" | "SecToken" | "ServerSecToken"
 *         | "UserSecToken" | "AuditToken" | "ServerAuditToken"
 *         | "UserAuditToken" | "ServerContextToken"
 */
argkind
	: K_IN				{ $$ = ARG_IN; }
	| K_OUT				{ $$ = ARG_OUT; }
	| K_INOUT			{ $$ = ARG_INOUT; }
	| K_REQUESTPORT			{ $$ = ARG_REQUESTPORT; }
	| K_REPLYPORT			{ $$ = ARG_REPLYPORT; }
	| K_SREPLYPORT			{ $$ = ARG_SREPLYPORT; }
	| K_UREPLYPORT			{ $$ = ARG_UREPLYPORT; }
	| K_WAITTIME			{ $$ = ARG_WAITTIME; }
	| K_SENDTIME			{ $$ = ARG_SENDTIME; }
	| K_MSGOPTION			{ $$ = ARG_MSGOPTION; }
	| K_MSGSEQNO			{ $$ = ARG_MSGSEQNO; }
	| K_SECTOKEN			{ $$ = ARG_SECTOKEN; }
	| K_SERVERSECTOKEN		{ $$ = ARG_SERVERSECTOKEN; }
	| K_USERSECTOKEN		{ $$ = ARG_USERSECTOKEN; }
	| K_AUDITTOKEN			{ $$ = ARG_AUDITTOKEN; }
	| K_SERVERAUDITTOKEN		{ $$ = ARG_SERVERAUDITTOKEN; }
	| K_USERAUDITTOKEN		{ $$ = ARG_USERAUDITTOKEN; }
	| K_SERVERCONTEXTTOKEN		{ $$ = ARG_SERVERCONTEXTTOKEN; }
	;

/* { "," flag } */
flags
	: %empty			{ $$.head = $$.tail = NULL; }
	| flags ',' flag		{ $$ = $1; APPEND($$, $3); }
	;

/*
 * flag = "SameCount" | "RetCode" | "PhysicalCopy" | "Overwrite" | "Dealloc"
 *      | "NotDealloc" | "CountInOut" | "Auto" | "Const" | "Dealloc" "[" "]"
 *      | "IsLong" | "IsNotLong" | "ServerCopy"                     (GNU)
 */
flag
	: K_SAMECOUNT		{ NEED($$ = new_flag(p, FLAG_SAMECOUNT, @1)); }
	| K_RETCODE		{ NEED($$ = new_flag(p, FLAG_RETCODE, @1)); }
	| K_PHYSICALCOPY	{ NEED($$ = new_flag(p, FLAG_PHYSICALCOPY, @1)); }
	| K_OVERWRITE		{ NEED($$ = new_flag(p, FLAG_OVERWRITE, @1)); }
	| K_DEALLOC		{ NEED($$ = new_flag(p, FLAG_DEALLOC, @1)); }
	| K_NOTDEALLOC		{ NEED($$ = new_flag(p, FLAG_NOTDEALLOC, @1)); }
	| K_DEALLOC '[' ']'
		{ NEED($$ = new_flag(p, FLAG_DEALLOC_RUNTIME, @1)); }
	| K_COUNTINOUT		{ NEED($$ = new_flag(p, FLAG_COUNTINOUT, @1)); }
	| K_AUTO		{ NEED($$ = new_flag(p, FLAG_AUTO, @1)); }
	| K_CONST		{ NEED($$ = new_flag(p, FLAG_CONST, @1)); }
	| K_ISLONG		{ NEED($$ = new_flag(p, FLAG_ISLONG, @1)); }
	| K_ISNOTLONG		{ NEED($$ = new_flag(p, FLAG_ISNOTLONG, @1)); }
	| K_SERVERCOPY		{ NEED($$ = new_flag(p, FLAG_SERVERCOPY, @1)); }
	;

%%

/* ---- tokens ---- */

/*
 * The scanner, plus what syntax errors need: the lookahead and the token
 * before it.  After an allocation failure, or once diagnostics stopped at
 * -max-errors, the input ends here.
 */
static int parser_lex(PARSER_STYPE *val, PARSER_LTYPE *loc,
		      struct parser *p)
{
	int kind = 0;
	if (!p->arena->failed && !p->diag->stopped)
		kind = lexer_lex(val, loc, p->scanner);
	if (kind == 0) {
		/* end of file: just after the last token */
		*loc = p->cur.kind > 0 ? p->cur.tok.loc : *loc;
		loc->col += loc->len;
		loc->len = 1;
		memset(&val->tok, 0, sizeof val->tok);
		val->tok.loc = *loc;
	}
	p->prev = p->cur;
	p->cur.kind = kind;
	p->cur.tok = val->tok;
	p->cur.tok.loc = *loc;
	p->cur.depth = p->lx->depth;
	return kind;
}

/* Bison's own failures: memory (our arena) or a too deep parser stack. */
static void parser_error(PARSER_LTYPE *loc, struct parser *p,
			 const char *msg)
{
	(void)msg;
	if (p->arena->failed)
		return;
	diag_error(p->diag, *loc, "input nested too deeply");
}

/* ---- syntax error messages ---- */

struct expected {
	yysymbol_kind_t v[YYNTOKENS];
	int n;
};

static bool expects(const struct expected *e, yysymbol_kind_t k)
{
	for (int i = 0; i < e->n; i++)
		if (e->v[i] == k)
			return true;
	return false;
}

static bool expects_char(const struct expected *e, char c)
{
	char name[4] = { '\'', c, '\'', 0 };
	for (int i = 0; i < e->n; i++)
		if (strcmp(yysymbol_name(e->v[i]), name) == 0)
			return true;
	return false;
}

static bool is_keyword(int kind)
{
	return kind >= K_SUBSYSTEM && kind <= K_ONSTACKLIMIT;
}

static bool is_operator(yysymbol_kind_t k)
{
	const char *n = yysymbol_name(k);
	return strcmp(n, "'+'") == 0 || strcmp(n, "'-'") == 0 ||
	       strcmp(n, "'*'") == 0 || strcmp(n, "'/'") == 0;
}

/* 'x' for a keyword or punctuation, a phrase for the other tokens. */
static const char *symbol_text(yysymbol_kind_t k, char *buf, size_t n)
{
	const char *name = yysymbol_name(k);
	switch (k) {
	case YYSYMBOL_YYEOF:
		return "end of file";
	case YYSYMBOL_IDENT:
		return "an identifier";
	case YYSYMBOL_NUMBER:
		return "a number";
	case YYSYMBOL_MSGTYPE:
		return "an IPC type name";
	case YYSYMBOL_RAW:
		return "a value";
	case YYSYMBOL_FILENAME:
		return "a file name";
	case YYSYMBOL_QSTRING:
		return "a string";
	default:
		break;
	}
	if (name[0] == '"') {           /* "of" as bison may spell it */
		size_t len = strlen(name);
		snprintf(buf, n, "'%.*s'", (int)(len - 2), name + 1);
		return buf;
	}
	if (name[0] != '\'') {          /* a keyword: quote it */
		snprintf(buf, n, "'%s'", name);
		return buf;
	}
	return name;
}

/* The text of a token as the user wrote it, quoted. */
static void token_text(const struct ptok *t, char *buf, size_t n)
{
	if (t->kind == 0)
		snprintf(buf, n, "end of file");
	else if (t->tok.text)
		snprintf(buf, n, "'%.40s%s'", t->tok.text,
			 strlen(t->tok.text) > 40 ? "..." : "");
	else
		snprintf(buf, n, "a token");
}

/*
 * What the parser wanted, in words: a whole class ("a statement", "a
 * type", "an argument", "a flag") when the set is one, else up to four
 * tokens.  Arithmetic operators are left out when anything else fits.
 */
static void expected_text(const struct expected *e, char *buf, size_t n)
{
	const char *cls = NULL;
	if (expects(e, YYSYMBOL_K_ARRAY))
		cls = "a type";
	else if (expects(e, YYSYMBOL_K_REQUESTPORT))
		cls = "an argument";
	else if (expects(e, YYSYMBOL_K_SAMECOUNT))
		cls = "a flag";
	else if (expects(e, YYSYMBOL_K_POINTERTO))
		cls = "a type";
	if (cls) {
		snprintf(buf, n, "%s%s", cls,
			 expects_char(e, ')') ? " or ')'" : "");
		return;
	}
	yysymbol_kind_t v[4];
	int k = 0;
	for (int pass = 0; pass < 2 && k == 0; pass++)
		for (int i = 0; i < e->n && k < 4; i++)
			if (pass == 1 || !is_operator(e->v[i]))
				v[k++] = e->v[i];
	buf[0] = 0;
	for (int i = 0; i < k; i++) {
		char tmp[64];
		size_t len = strlen(buf);
		snprintf(buf + len, n - len, "%s%s",
			 i == 0 ? "" : i == k - 1 ? " or " : ", ",
			 symbol_text(v[i], tmp, sizeof tmp));
	}
	if (k == 0)
		snprintf(buf, n, "something else");
}

/* What a reserved word was about to name, judged from the token before. */
static const char *name_role(const struct ptok *prev)
{
	switch (prev->kind) {
	case K_ROUTINE: case K_SIMPLEROUTINE:
		return "a routine";
	case K_TYPE: case ':': case '=': case K_OF: case '^':
		return "a type";
	case K_SUBSYSTEM: case K_KERNELUSER: case K_KERNELSERVER:
		return "a subsystem";
	default:
		break;
	}
	if (prev->depth > 0)
		return "an argument";
	return NULL;
}

static void reserved_word(struct parser *p, const struct ptok *word,
			  const struct ptok *before)
{
	const char *role = name_role(before);
	if (role)
		diag_error(p->diag, word->tok.loc,
			   "'%s' is a reserved word and cannot name %s",
			   word->tok.text ? word->tok.text : "", role);
	else
		diag_error(p->diag, word->tok.loc,
			   "'%s' is a reserved word and cannot be used as a "
			   "name", word->tok.text ? word->tok.text : "");
}

/* note: for a case-sensitive word written in another case */
static void case_note(struct parser *p, const struct ptok *t)
{
	if (t->kind == IDENT && t->tok.canon)
		diag_note(p->diag, t->tok.loc,
			  "'%s' is spelled with this exact case",
			  t->tok.canon);
}

static int yyreport_syntax_error(const yypcontext_t *ctx, struct parser *p)
{
	const struct ptok *la = &p->cur, *pv = &p->prev;
	bool have_prev = pv->kind > 0;
	char found[64], after[128], want[256];
	struct expected e;

	if (la->kind == LEXERROR)
		return 0;                   /* the scanner said it already */
	e.n = yypcontext_expected_tokens(ctx, e.v, YYNTOKENS);
	if (e.n < 0)
		e.n = 0;

	if (la->kind == ')' && pv->kind == ';') {
		diag_error(p->diag, pv->tok.loc, "stray ';' before ')'");
		return 0;
	}
	if (expects(&e, YYSYMBOL_IDENT) && is_keyword(la->kind) &&
	    have_prev) {
		reserved_word(p, la, pv);
		return 0;
	}
	if (expects(&e, YYSYMBOL_IDENT) && la->kind == ':' &&
	    is_keyword(pv->kind) && pv->depth > 0) {
		struct ptok before = *pv;
		before.kind = '(';
		reserved_word(p, pv, &before);
		return 0;
	}

	token_text(la, found, sizeof found);
	if (expects(&e, YYSYMBOL_K_ROUTINE) || !have_prev) {
		diag_error(p->diag, la->tok.loc,
			   "expected a statement, found %s", found);
	} else if (expects_char(&e, ';') && pv->depth == 0) {
		struct mig_loc at = pv->tok.loc;
		at.col += at.len;
		at.len = 1;
		token_text(pv, after, sizeof after);
		diag_error(p->diag, at, "expected ';' after %s, found %s",
			   after, found);
	} else {
		expected_text(&e, want, sizeof want);
		if (e.n == 1 && expects_char(&e, ':') && pv->kind == IDENT &&
		    pv->depth > 0)
			snprintf(after, sizeof after, "argument name '%.40s'",
				 pv->tok.text ? pv->tok.text : "");
		else
			token_text(pv, after, sizeof after);
		diag_error(p->diag, la->tok.loc, "expected %s after %s, found %s",
			   want, after, found);
	}
	case_note(p, la);
	if (have_prev)
		case_note(p, pv);
	return 0;
}

/* ---- tree constructors (NULL when the arena is exhausted) ---- */

static struct ast_ident ident(struct tok t)
{
	struct ast_ident id = { t.text, t.loc };
	return id;
}

static void add_stmt(struct parser *p, struct ast_stmt *s)
{
	if (!s)
		return;
	if (p->tail)
		p->tail->next = s;
	else
		p->head = s;
	p->tail = s;
}

static struct ast_stmt *new_stmt(struct parser *p, enum ast_stmt_kind k,
				 struct mig_loc loc)
{
	struct ast_stmt *s = arena_alloc(p->arena, sizeof *s);
	if (s) {
		s->kind = k;
		s->loc = loc;
	}
	return s;
}

static struct ast_stmt *word_stmt(struct parser *p, enum ast_stmt_kind k,
				  struct mig_loc loc, struct tok t)
{
	struct ast_stmt *s = new_stmt(p, k, loc);
	if (s)
		s->u.word = ident(t);
	return s;
}

static struct ast_stmt *number_stmt(struct parser *p, enum ast_stmt_kind k,
				    struct mig_loc loc, struct tok t)
{
	struct ast_stmt *s = new_stmt(p, k, loc);
	if (s) {
		s->u.number.value = t.num;
		s->u.number.value_loc = t.loc;
	}
	return s;
}

static struct ast_type *new_type(struct parser *p, enum ast_type_kind k,
				 struct mig_loc loc)
{
	struct ast_type *t = arena_alloc(p->arena, sizeof *t);
	if (t) {
		t->kind = k;
		t->loc = loc;
	}
	return t;
}

static struct ast_type *array_type(struct parser *p, struct mig_loc loc,
				   enum ast_array_kind k,
				   struct ast_expr *bound,
				   struct ast_type *elem)
{
	struct ast_type *t = new_type(p, TS_ARRAY, loc);
	if (t) {
		t->array_kind = k;
		t->bound = bound;
		t->elem = elem;
	}
	return t;
}

static struct ast_type *native_type(struct parser *p, struct mig_loc loc,
				    enum ast_native_kind k, const char *c,
				    const char *bad)
{
	struct ast_type *t = new_type(p, TS_NATIVE, loc);
	if (t) {
		t->native_kind = k;
		t->ctext = c;
		t->badtext = bad;
	}
	return t;
}

static struct ast_prim *new_prim(struct parser *p, enum ast_prim_kind k,
				 struct tok t)
{
	struct ast_prim *x = arena_alloc(p->arena, sizeof *x);
	if (x) {
		x->kind = k;
		x->loc = t.loc;
		x->text = t.text;
		x->value = k == PRIM_POLY ? -1 : t.num;
		x->msgtype = k == PRIM_MSGTYPE ? t.msgtype :
			     k == PRIM_POLY ? MT_POLYMORPHIC : -1;
	}
	return x;
}

static struct ast_expr *num_expr(struct parser *p, struct tok t)
{
	struct ast_expr *e = arena_alloc(p->arena, sizeof *e);
	if (e) {
		e->kind = EXPR_NUM;
		e->loc = t.loc;
		e->value = t.num;
	}
	return e;
}

static struct ast_expr *bin_expr(struct parser *p, enum ast_expr_kind k,
				 struct mig_loc loc, struct ast_expr *l,
				 struct ast_expr *r)
{
	struct ast_expr *e = arena_alloc(p->arena, sizeof *e);
	if (e) {
		e->kind = k;
		e->loc = loc;
		e->lhs = l;
		e->rhs = r;
	}
	return e;
}

static struct ast_flag *new_flag(struct parser *p, enum ast_flag_kind k,
				 struct mig_loc loc)
{
	struct ast_flag *f = arena_alloc(p->arena, sizeof *f);
	if (f) {
		f->kind = k;
		f->loc = loc;
	}
	return f;
}

static struct ast_mod *new_mod(struct parser *p, enum ast_mod_kind k,
			       struct mig_loc loc)
{
	struct ast_mod *m = arena_alloc(p->arena, sizeof *m);
	if (m) {
		m->kind = k;
		m->loc = loc;
	}
	return m;
}

/* An argument `name` whose type part (argtype) is in `type`. */
static struct ast_arg *new_arg(struct parser *p, enum ast_arg_kind k,
			       struct mig_loc kind_loc, struct tok name,
			       struct ast_arg *type)
{
	struct ast_arg *a = arena_alloc(p->arena, sizeof *a);
	if (a) {
		a->kind = k;
		a->kind_loc = kind_loc;
		a->name = ident(name);
		a->decl_name = type->decl_name;
		a->type = type->type;
		a->mods = type->mods;
	}
	return a;
}

/* The type part of an argument, held in an ast_arg until new_arg. */
static struct ast_arg *arg_type(struct parser *p, struct tok decl,
				struct ast_type *spec, struct ast_mod *mods)
{
	struct ast_arg *a = arena_alloc(p->arena, sizeof *a);
	if (a) {
		a->decl_name = ident(decl);
		a->type = spec;
		a->mods = mods;
	}
	return a;
}

static struct ast_member *new_member(struct parser *p, struct tok type,
				     struct tok field)
{
	struct ast_member *m = arena_alloc(p->arena, sizeof *m);
	if (m) {
		m->type = ident(type);
		m->field = ident(field);
	}
	return m;
}

static const char *phrase_add(struct parser *p, const char *a,
			      const char *b)
{
	return arena_printf(p->arena, "%s %s", a ? a : "", b ? b : "");
}
