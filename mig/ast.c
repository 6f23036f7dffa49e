/*
 * ast.c - running the scanner and parser over a buffer, dumping the tree
 * (-dA), and the word tables the lexer uses.
 */
#include "ast.h"

#include <limits.h>
#include <string.h>
#include <strings.h>

#include "parser.h"
#define YYSTYPE PARSER_STYPE
#define YYLTYPE PARSER_LTYPE
#include "lexer.h"

/* ------------------------------------------------------------------ */
/* Parsing                                                              */
/* ------------------------------------------------------------------ */

/* The file list for -MD: every named file, pseudo files ("<built-in>")
   left out. */
static bool collect_files(struct arena *a, struct ast_file *f,
			  const struct lex_state *lx)
{
	f->files = arena_alloc(a, (size_t)(lx->nnames + 1) * sizeof *f->files);
	if (!f->files)
		return false;
	for (int i = 0; i < lx->nnames; i++)
		if (lx->names[i]->name[0] != '<')
			f->files[f->nfiles++] = lx->names[i];
	return true;
}

struct ast_file *ast_parse(struct arena *a, struct diag *d,
			   const char *name, const char *buf, size_t len)
{
	struct lex_state lx;
	struct parser p;
	yyscan_t scanner;

	if (len > INT_MAX / 2) {
		struct mig_loc none = { 0 };
		diag_error(d, none, "%s: input too large", name);
		return NULL;
	}
	lex_begin(&lx, a, d, name, buf, len);
	if (a->failed || lexer_lex_init_extra(&lx, &scanner) != 0) {
		a->failed = true;
		return NULL;
	}
	YY_BUFFER_STATE b = lexer__scan_bytes(buf ? buf : "", (int)len,
					       scanner);
	memset(&p, 0, sizeof p);
	p.arena = a;
	p.diag = d;
	p.scanner = scanner;
	p.lx = &lx;
	p.cur.kind = -1;
	p.prev.kind = -1;
	if (b)
		parser_parse(&p);
	else
		a->failed = true;
	if (b)
		lexer__delete_buffer(b, scanner);
	lexer_lex_destroy(scanner);
	lex_end(&lx);

	struct ast_file *f = arena_alloc(a, sizeof *f);
	if (!f || !collect_files(a, f, &lx) || a->failed)
		return NULL;
	f->stmts = p.head;
	return f;
}

/* ------------------------------------------------------------------ */
/* Word tables                                                          */
/* ------------------------------------------------------------------ */

static const struct {
	const char *name;
	int64_t value;
} msgtypes[MT_COUNT_] = {
	[MT_UNSTRUCTURED] = { "MACH_MSG_TYPE_UNSTRUCTURED", 0 },
	[MT_BIT] = { "MACH_MSG_TYPE_BIT", 0 },
	[MT_BOOLEAN] = { "MACH_MSG_TYPE_BOOLEAN", 0 },
	[MT_INTEGER_16] = { "MACH_MSG_TYPE_INTEGER_16", 1 },
	[MT_INTEGER_32] = { "MACH_MSG_TYPE_INTEGER_32", 2 },
	[MT_CHAR] = { "MACH_MSG_TYPE_CHAR", 8 },
	[MT_BYTE] = { "MACH_MSG_TYPE_BYTE", 9 },
	[MT_INTEGER_8] = { "MACH_MSG_TYPE_INTEGER_8", 9 },
	[MT_REAL] = { "MACH_MSG_TYPE_REAL", -1 },
	[MT_INTEGER_64] = { "MACH_MSG_TYPE_INTEGER_64", 3 },
	[MT_STRING] = { "MACH_MSG_TYPE_STRING", -1 },
	[MT_STRING_C] = { "MACH_MSG_TYPE_STRING_C", -1 },
	[MT_REAL_32] = { "MACH_MSG_TYPE_REAL_32", 10 },
	[MT_REAL_64] = { "MACH_MSG_TYPE_REAL_64", 11 },
	[MT_PORT_NAME] = { "MACH_MSG_TYPE_PORT_NAME", 15 },
	[MT_MOVE_RECEIVE] = { "MACH_MSG_TYPE_MOVE_RECEIVE", 16 },
	[MT_MOVE_SEND] = { "MACH_MSG_TYPE_MOVE_SEND", 17 },
	[MT_MOVE_SEND_ONCE] = { "MACH_MSG_TYPE_MOVE_SEND_ONCE", 18 },
	[MT_COPY_SEND] = { "MACH_MSG_TYPE_COPY_SEND", 19 },
	[MT_MAKE_SEND] = { "MACH_MSG_TYPE_MAKE_SEND", 20 },
	[MT_MAKE_SEND_ONCE] = { "MACH_MSG_TYPE_MAKE_SEND_ONCE", 21 },
	[MT_COPY_RECEIVE] = { "MACH_MSG_TYPE_COPY_RECEIVE", 22 },
	[MT_PORT_RECEIVE] = { "MACH_MSG_TYPE_PORT_RECEIVE", 16 },
	[MT_PORT_SEND] = { "MACH_MSG_TYPE_PORT_SEND", 17 },
	[MT_PORT_SEND_ONCE] = { "MACH_MSG_TYPE_PORT_SEND_ONCE", 18 },
	[MT_POLYMORPHIC] = { "MACH_MSG_TYPE_POLYMORPHIC", -1 },
};

int ast_msgtype_find(const char *name)
{
	for (int i = 0; i < MT_COUNT_; i++)
		if (strcmp(msgtypes[i].name, name) == 0)
			return i;
	return -1;
}

const char *ast_msgtype_name(enum ast_msgtype t)
{
	return (unsigned)t < MT_COUNT_ ? msgtypes[t].name : NULL;
}

int64_t ast_msgtype_value(enum ast_msgtype t)
{
	return (unsigned)t < MT_COUNT_ ? msgtypes[t].value : -1;
}

const char *ast_case_sensitive_word(const char *word)
{
	static const char *const words[] = {
		"PointerTo", "PointerToIfNot", "ValueOf", "UserTypeLimit",
		"OnStackLimit",
	};
	for (size_t i = 0; i < sizeof words / sizeof *words; i++)
		if (strcasecmp(words[i], word) == 0)
			return strcmp(words[i], word) ? words[i] : NULL;
	for (int i = 0; i < MT_COUNT_; i++)
		if (strcasecmp(msgtypes[i].name, word) == 0)
			return strcmp(msgtypes[i].name, word) ?
				msgtypes[i].name : NULL;
	return NULL;
}

/* ------------------------------------------------------------------ */
/* -dA                                                                  */
/* ------------------------------------------------------------------ */

static void dump_type(const struct ast_type *t, FILE *out, int depth);

static void indent(FILE *out, int depth)
{
	fprintf(out, "%*s", 2 * depth, "");
}

static void dump_loc(struct mig_loc loc, FILE *out)
{
	if (loc.file)
		fprintf(out, " @%s:%d:%d", loc.file->name, loc.line, loc.col);
	fputc('\n', out);
}

static const char *text(const char *s)
{
	return s ? s : "(null)";
}

static void dump_expr(const struct ast_expr *e, FILE *out)
{
	static const char ops[] = "?+-*/";
	if (!e) {
		fputs("(none)", out);
	} else if (e->kind == EXPR_NUM) {
		fprintf(out, "%lld", (long long)e->value);
	} else {
		fputc('(', out);
		dump_expr(e->lhs, out);
		fprintf(out, " %c ", ops[e->kind]);
		dump_expr(e->rhs, out);
		fputc(')', out);
	}
}

static const char *const flag_names[] = {
	[FLAG_SAMECOUNT] = "SameCount", [FLAG_RETCODE] = "RetCode",
	[FLAG_PHYSICALCOPY] = "PhysicalCopy", [FLAG_OVERWRITE] = "Overwrite",
	[FLAG_DEALLOC] = "Dealloc", [FLAG_NOTDEALLOC] = "NotDealloc",
	[FLAG_DEALLOC_RUNTIME] = "Dealloc[]", [FLAG_COUNTINOUT] = "CountInOut",
	[FLAG_AUTO] = "Auto", [FLAG_CONST] = "Const",
	[FLAG_ISLONG] = "IsLong", [FLAG_ISNOTLONG] = "IsNotLong",
	[FLAG_SERVERCOPY] = "ServerCopy",
};

static void dump_flags(const struct ast_flag *f, FILE *out)
{
	for (; f; f = f->next)
		fprintf(out, " %s", flag_names[f->kind]);
}

static void dump_prims(const struct ast_type *t, FILE *out)
{
	for (int i = 0; i < t->nprims; i++)
		if (t->prim[i])
			fprintf(out, "%s%s", i ? " | " : " ",
				text(t->prim[i]->text));
}

static void dump_type_head(const struct ast_type *t, FILE *out)
{
	static const char *const natives[] = {
		"PointerTo", "ValueOf", "PointerToIfNot",
	};
	static const char *const arrays[] = {
		"array[]", "array[*:", "array[",
	};
	switch (t->kind) {
	case TS_IPC:
		fputs("ipc", out);
		dump_prims(t, out);
		break;
	case TS_NAME:
		fprintf(out, "name %s", text(t->name.text));
		break;
	case TS_ARRAY:
		fputs(arrays[t->array_kind], out);
		if (t->array_kind != ARRAY_UNBOUNDED) {
			dump_expr(t->bound, out);
			fputc(']', out);
		}
		fputs(" of", out);
		break;
	case TS_STRUCT:
		fputs("struct[", out);
		dump_expr(t->bound, out);
		fputs("] of", out);
		break;
	case TS_POINTER:
		fputs("^", out);
		break;
	case TS_CSTRING:
		fputs(t->variable ? "c_string[*:" : "c_string[", out);
		dump_expr(t->bound, out);
		fputc(']', out);
		break;
	case TS_NATIVE:
		fprintf(out, "%s(%s", natives[t->native_kind], text(t->ctext));
		if (t->native_kind == NATIVE_POINTERTOIFNOT)
			fprintf(out, ", %s", text(t->badtext));
		fputc(')', out);
		break;
	case TS_LONGFORM:
		fputs("longform", out);
		dump_prims(t, out);
		fputs(", bits ", out);
		dump_expr(t->bound, out);
		dump_flags(t->flags, out);
		break;
	case TS_CSTRUCT:
		fputs("struct {}", out);
		break;
	}
}

static void dump_type(const struct ast_type *t, FILE *out, int depth)
{
	indent(out, depth);
	if (!t) {
		fputs("(no type)\n", out);
		return;
	}
	dump_type_head(t, out);
	dump_loc(t->loc, out);
	if (t->kind == TS_CSTRUCT) {
		for (const struct ast_member *m = t->members; m; m = m->next) {
			indent(out, depth + 1);
			fprintf(out, "member %s %s", text(m->type.text),
				text(m->field.text));
			dump_loc(m->field.loc, out);
		}
	}
	if (t->kind == TS_ARRAY || t->kind == TS_STRUCT ||
	    t->kind == TS_POINTER)
		dump_type(t->elem, out, depth + 1);
}

static void dump_mods(const struct ast_mod *m, FILE *out, int depth)
{
	static const char *const names[] = {
		"InTran", "IntranPayload", "OutTran", "Destructor", "CType",
		"CUserType", "CServerType",
	};
	for (; m; m = m->next) {
		indent(out, depth);
		fprintf(out, "%s:", names[m->kind]);
		if (m->type.text)
			fprintf(out, " %s", m->type.text);
		if (m->func.text)
			fprintf(out, " %s", m->func.text);
		if (m->arg.text)
			fprintf(out, "(%s)", m->arg.text);
		dump_loc(m->loc, out);
	}
}

static const char *const arg_kinds[] = {
	[ARG_NONE] = "", [ARG_IN] = "in ", [ARG_OUT] = "out ",
	[ARG_INOUT] = "inout ", [ARG_REQUESTPORT] = "RequestPort ",
	[ARG_REPLYPORT] = "ReplyPort ", [ARG_SREPLYPORT] = "SReplyPort ",
	[ARG_UREPLYPORT] = "UReplyPort ", [ARG_WAITTIME] = "WaitTime ",
	[ARG_SENDTIME] = "SendTime ", [ARG_MSGOPTION] = "MsgOption ",
	[ARG_MSGSEQNO] = "MsgSeqno ", [ARG_SECTOKEN] = "SecToken ",
	[ARG_SERVERSECTOKEN] = "ServerSecToken ",
	[ARG_USERSECTOKEN] = "UserSecToken ",
	[ARG_AUDITTOKEN] = "AuditToken ",
	[ARG_SERVERAUDITTOKEN] = "ServerAuditToken ",
	[ARG_USERAUDITTOKEN] = "UserAuditToken ",
	[ARG_SERVERCONTEXTTOKEN] = "ServerContextToken ",
	[ARG_SERVERIMPL] = "ServerImpl ", [ARG_USERIMPL] = "UserImpl ",
};

static void dump_arg(const struct ast_arg *a, FILE *out, int depth)
{
	indent(out, depth);
	fprintf(out, "arg %s%s", arg_kinds[a->kind], text(a->name.text));
	if (a->decl_name.text)
		fprintf(out, " : %s =", a->decl_name.text);
	dump_flags(a->flags, out);
	dump_loc(a->name.loc, out);
	dump_type(a->type, out, depth + 1);
	dump_mods(a->mods, out, depth + 1);
}

static const char *const import_kinds[] = {
	"import", "uimport", "simport", "dimport", "iimport",
};

static const char *const stmt_names[] = {
	[ST_SUBSYSTEM] = "subsystem", [ST_ROUTINE] = "routine",
	[ST_SKIP] = "skip", [ST_TYPE] = "type", [ST_IMPORT] = "import",
	[ST_RCSID] = "RCSId", [ST_ERROR] = "error",
	[ST_SERVERPREFIX] = "ServerPrefix", [ST_USERPREFIX] = "UserPrefix",
	[ST_SERVERDEMUX] = "ServerDemux", [ST_WAITTIME] = "WaitTime",
	[ST_NOWAITTIME] = "NoWaitTime", [ST_SENDTIME] = "SendTime",
	[ST_NOSENDTIME] = "NoSendTime", [ST_MSGOPTION] = "MsgOption",
	[ST_CONSUMEONSENDERROR] = "ConsumeOnSendError",
	[ST_USESPECIALREPLYPORT] = "UseSpecialReplyPort",
	[ST_USERTYPELIMIT] = "UserTypeLimit",
	[ST_ONSTACKLIMIT] = "OnStackLimit",
};

static void dump_stmt(const struct ast_stmt *s, FILE *out)
{
	indent(out, 1);
	switch (s->kind) {
	case ST_SUBSYSTEM:
		fprintf(out, "subsystem%s%s %s %lld",
			s->u.subsystem.kernel_user ? " KernelUser" : "",
			s->u.subsystem.kernel_server ? " KernelServer" : "",
			text(s->u.subsystem.name.text),
			(long long)s->u.subsystem.base);
		break;
	case ST_ROUTINE:
		fprintf(out, "%s %s", s->u.routine.simple ? "simpleroutine" :
			"routine", text(s->u.routine.name.text));
		break;
	case ST_SKIP:
		fprintf(out, "skip %lld%s", (long long)s->u.skip.count,
			s->u.skip.counted ? "" : " (implicit)");
		break;
	case ST_TYPE:
		fprintf(out, "type %s", text(s->u.type.name.text));
		break;
	case ST_IMPORT:
		fprintf(out, "%s %s", import_kinds[s->u.import.kind],
			text(s->u.import.file));
		break;
	case ST_NOWAITTIME: case ST_NOSENDTIME:
		fputs(stmt_names[s->kind], out);
		break;
	case ST_USESPECIALREPLYPORT: case ST_USERTYPELIMIT:
	case ST_ONSTACKLIMIT:
		fprintf(out, "%s %lld", stmt_names[s->kind],
			(long long)s->u.number.value);
		break;
	default:
		fprintf(out, "%s %s", stmt_names[s->kind],
			text(s->u.word.text));
		break;
	}
	dump_loc(s->loc, out);
	if (s->kind == ST_TYPE) {
		dump_type(s->u.type.spec, out, 2);
		dump_mods(s->u.type.mods, out, 2);
	} else if (s->kind == ST_ROUTINE) {
		for (const struct ast_arg *a = s->u.routine.args; a;
		     a = a->next)
			dump_arg(a, out, 2);
	}
}

void ast_dump(const struct ast_file *f, FILE *out)
{
	fputs("file\n", out);
	if (!f)
		return;
	for (const struct ast_stmt *s = f->stmts; s; s = s->next)
		dump_stmt(s, out);
	for (int i = 0; i < f->nfiles; i++)
		fprintf(out, "  source %s\n", f->files[i]->name);
}
