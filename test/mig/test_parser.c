/*
 * test_parser.c - the grammar (mig/parser.y), ast_parse, the diagnostics
 * renderer (mig/diag.c) and the robustness of the front end.
 *
 * Each statement and type form of both dialects is parsed and its tree
 * checked; syntax errors are checked by exact "line:col: error: text";
 * garbage, truncations and failing allocations must never crash.  When
 * gnumach's .defs are installed, all of them must parse without error.
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ast.h"

Suite *parser_suite(void);

struct parsed {
	struct arena a;
	struct diag d;
	struct ast_file *f;
};

static struct ast_file *parse(struct parsed *p, const char *src)
{
	arena_init(&p->a);
	diag_init(&p->d, &p->a, NULL);
	p->d.show_source = false;
	p->f = ast_parse(&p->a, &p->d, "t.defs", src, strlen(src));
	ck_assert_ptr_nonnull(p->f);
	return p->f;
}

static void done(struct parsed *p)
{
	diag_fini(&p->d);
	arena_free(&p->a);
}

static const char *diags(const struct parsed *p)
{
	return p->d.text ? p->d.text : "";
}

/* Parse without any diagnostic. */
static struct ast_file *parse_ok(struct parsed *p, const char *src)
{
	parse(p, src);
	ck_assert_msg(p->d.errors == 0 && p->d.warnings == 0,
		      "unexpected diagnostics:\n%s", diags(p));
	return p->f;
}

static const struct ast_stmt *stmt(const struct ast_file *f, int i)
{
	const struct ast_stmt *s = f->stmts;
	while (s && i-- > 0)
		s = s->next;
	ck_assert_ptr_nonnull(s);
	return s;
}

static int count_stmts(const struct ast_file *f)
{
	int n = 0;
	for (const struct ast_stmt *s = f->stmts; s; s = s->next)
		n++;
	return n;
}

static const struct ast_arg *arg(const struct ast_stmt *s, int i)
{
	ck_assert_int_eq(s->kind, ST_ROUTINE);
	const struct ast_arg *a = s->u.routine.args;
	while (a && i-- > 0)
		a = a->next;
	ck_assert_ptr_nonnull(a);
	return a;
}

/* The spec of "type name = spec;" statement i. */
static const struct ast_type *tspec(const struct ast_file *f, int i)
{
	const struct ast_stmt *s = stmt(f, i);
	ck_assert_int_eq(s->kind, ST_TYPE);
	ck_assert_ptr_nonnull(s->u.type.spec);
	return s->u.type.spec;
}

#define CHECK_DIAG(p, s) \
	ck_assert_msg(strstr(diags(p), (s)) != NULL, \
		      "expected \"%s\" in:\n%s", (s), diags(p))

/* ------------------------------------------------------------------ */
/* Statements                                                           */
/* ------------------------------------------------------------------ */

START_TEST(subsystem_forms)
{
	struct parsed p;
	parse_ok(&p, "subsystem demo 4000;\n"
		     "Subsystem KernelUser KernelServer k 0x10;\n"
		     "subsystem kernelserver\n s 7;");
	const struct ast_stmt *s = stmt(p.f, 0);
	ck_assert_int_eq(s->kind, ST_SUBSYSTEM);
	ck_assert_str_eq(s->u.subsystem.name.text, "demo");
	ck_assert_int_eq(s->u.subsystem.base, 4000);
	ck_assert_int_eq(s->u.subsystem.base_loc.col, 16);
	ck_assert(!s->u.subsystem.kernel_user);
	ck_assert(!s->u.subsystem.kernel_server);
	s = stmt(p.f, 1);
	ck_assert(s->u.subsystem.kernel_user);
	ck_assert(s->u.subsystem.kernel_server);
	ck_assert_int_eq(s->u.subsystem.base, 16);
	s = stmt(p.f, 2);
	ck_assert(!s->u.subsystem.kernel_user);
	ck_assert(s->u.subsystem.kernel_server);
	ck_assert_int_eq(s->u.subsystem.name.loc.line, 4);
	ck_assert_int_eq(s->u.subsystem.name.loc.col, 2);
	done(&p);
}
END_TEST

START_TEST(simple_statements)
{
	struct parsed p;
	parse_ok(&p,
		 "skip; skip 3; ;;\n"
		 "import \"a.h\"; uimport <b.h>; simport <c.h>;\n"
		 "dimport \"d.h\"; iimport \"e.h\";\n"
		 "RCSId \"$Id$\"; error foo;\n"
		 "ServerPrefix s_; UserPrefix u_; ServerDemux my_server;\n"
		 "WaitTime 100; NoWaitTime; SendTime T; NoSendTime;\n"
		 "MsgOption MACH_SEND_ALWAYS | MACH_RCV_LARGE;\n"
		 "ConsumeOnSendError Timeout; UseSpecialReplyPort 1;\n"
		 "UserTypeLimit 100; OnStackLimit 200;\n");
	static const enum ast_stmt_kind kinds[] = {
		ST_SKIP, ST_SKIP, ST_IMPORT, ST_IMPORT, ST_IMPORT, ST_IMPORT,
		ST_IMPORT, ST_RCSID, ST_ERROR, ST_SERVERPREFIX,
		ST_USERPREFIX, ST_SERVERDEMUX, ST_WAITTIME, ST_NOWAITTIME,
		ST_SENDTIME, ST_NOSENDTIME, ST_MSGOPTION,
		ST_CONSUMEONSENDERROR, ST_USESPECIALREPLYPORT,
		ST_USERTYPELIMIT, ST_ONSTACKLIMIT,
	};
	int n = (int)(sizeof kinds / sizeof *kinds);
	ck_assert_int_eq(count_stmts(p.f), n);
	for (int i = 0; i < n; i++)
		ck_assert_int_eq(stmt(p.f, i)->kind, kinds[i]);
	ck_assert_int_eq(stmt(p.f, 0)->u.skip.count, 1);
	ck_assert(!stmt(p.f, 0)->u.skip.counted);
	ck_assert_int_eq(stmt(p.f, 1)->u.skip.count, 3);
	ck_assert(stmt(p.f, 1)->u.skip.counted);
	ck_assert_int_eq(stmt(p.f, 1)->u.skip.count_loc.col, 12);
	static const enum ast_import_kind ik[] = {
		IMPORT_ALL, IMPORT_USER, IMPORT_SERVER, IMPORT_DEFS,
		IMPORT_IMPL,
	};
	for (int i = 0; i < 5; i++)
		ck_assert_int_eq(stmt(p.f, 2 + i)->u.import.kind, ik[i]);
	ck_assert_str_eq(stmt(p.f, 2)->u.import.file, "\"a.h\"");
	ck_assert_str_eq(stmt(p.f, 3)->u.import.file, "<b.h>");
	ck_assert_str_eq(stmt(p.f, 7)->u.word.text, "\"$Id$\"");
	ck_assert_str_eq(stmt(p.f, 8)->u.word.text, "foo");
	ck_assert_str_eq(stmt(p.f, 9)->u.word.text, "s_");
	ck_assert_str_eq(stmt(p.f, 10)->u.word.text, "u_");
	ck_assert_str_eq(stmt(p.f, 11)->u.word.text, "my_server");
	ck_assert_str_eq(stmt(p.f, 12)->u.word.text, "100");
	ck_assert_str_eq(stmt(p.f, 14)->u.word.text, "T");
	ck_assert_str_eq(stmt(p.f, 16)->u.word.text,
			 "MACH_SEND_ALWAYS | MACH_RCV_LARGE");
	ck_assert_str_eq(stmt(p.f, 17)->u.word.text, "Timeout");
	ck_assert_int_eq(stmt(p.f, 18)->u.number.value, 1);
	ck_assert_int_eq(stmt(p.f, 19)->u.number.value, 100);
	ck_assert_int_eq(stmt(p.f, 20)->u.number.value, 200);
	ck_assert_int_eq(stmt(p.f, 20)->u.number.value_loc.col, 33);
	ck_assert_int_eq(stmt(p.f, 12)->loc.line, 6);
	ck_assert_int_eq(stmt(p.f, 12)->loc.col, 1);
	done(&p);
}
END_TEST

START_TEST(empty_input)
{
	struct parsed p;
	parse_ok(&p, "");
	ck_assert_ptr_null(p.f->stmts);
	done(&p);
	parse_ok(&p, "\n\n  /* nothing */ ;\n");
	ck_assert_ptr_null(p.f->stmts);
	done(&p);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Types                                                                */
/* ------------------------------------------------------------------ */

START_TEST(ipc_types)
{
	struct parsed p;
	parse_ok(&p, "type a = MACH_MSG_TYPE_COPY_SEND;\n"
		     "type b = MACH_MSG_TYPE_MAKE_SEND_ONCE | polymorphic;\n"
		     "type c = 8 | MACH_MSG_TYPE_INTEGER_8;\n"
		     "type d = polymorphic;\n"
		     "type e = int;\n");
	const struct ast_type *t = tspec(p.f, 0);
	ck_assert_int_eq(t->kind, TS_IPC);
	ck_assert_int_eq(t->nprims, 1);
	ck_assert_int_eq(t->prim[0]->kind, PRIM_MSGTYPE);
	ck_assert_int_eq(t->prim[0]->msgtype, MT_COPY_SEND);
	ck_assert_int_eq(t->prim[0]->value, 19);
	ck_assert_str_eq(t->prim[0]->text, "MACH_MSG_TYPE_COPY_SEND");
	ck_assert_int_eq(t->loc.col, 10);
	t = tspec(p.f, 1);
	ck_assert_int_eq(t->nprims, 2);
	ck_assert_int_eq(t->prim[0]->msgtype, MT_MAKE_SEND_ONCE);
	ck_assert_int_eq(t->prim[1]->kind, PRIM_POLY);
	ck_assert_int_eq(t->prim[1]->msgtype, MT_POLYMORPHIC);
	t = tspec(p.f, 2);
	ck_assert_int_eq(t->prim[0]->kind, PRIM_NUMBER);
	ck_assert_int_eq(t->prim[0]->value, 8);
	ck_assert_int_eq(t->prim[1]->msgtype, MT_INTEGER_8);
	t = tspec(p.f, 3);
	ck_assert_int_eq(t->prim[0]->kind, PRIM_POLY);
	t = tspec(p.f, 4);
	ck_assert_int_eq(t->kind, TS_NAME);
	ck_assert_str_eq(t->name.text, "int");
	ck_assert_str_eq(stmt(p.f, 4)->u.type.name.text, "e");
	done(&p);
}
END_TEST

START_TEST(array_types)
{
	struct parsed p;
	parse_ok(&p, "type a = array[] of int;\n"
		     "type b = array[*] of int;\n"
		     "type c = array[*:64] of MACH_MSG_TYPE_BYTE;\n"
		     "type d = array[13] of char;\n"
		     "type e = struct[3] of int;\n"
		     "type f = ^array[] of MACH_MSG_TYPE_BYTE;\n"
		     "type g = ^ array [ * : 4 ] of ^ int;\n"
		     "type h = array[2] of array[3] of int;\n");
	const struct ast_type *t = tspec(p.f, 0);
	ck_assert_int_eq(t->kind, TS_ARRAY);
	ck_assert_int_eq(t->array_kind, ARRAY_UNBOUNDED);
	ck_assert_ptr_null(t->bound);
	ck_assert_int_eq(t->elem->kind, TS_NAME);
	ck_assert_int_eq(tspec(p.f, 1)->array_kind, ARRAY_UNBOUNDED);
	t = tspec(p.f, 2);
	ck_assert_int_eq(t->array_kind, ARRAY_BOUNDED);
	ck_assert_int_eq(t->bound->kind, EXPR_NUM);
	ck_assert_int_eq(t->bound->value, 64);
	ck_assert_int_eq(t->elem->kind, TS_IPC);
	t = tspec(p.f, 3);
	ck_assert_int_eq(t->array_kind, ARRAY_FIXED);
	ck_assert_int_eq(t->bound->value, 13);
	t = tspec(p.f, 4);
	ck_assert_int_eq(t->kind, TS_STRUCT);
	ck_assert_int_eq(t->bound->value, 3);
	ck_assert_str_eq(t->elem->name.text, "int");
	t = tspec(p.f, 5);
	ck_assert_int_eq(t->kind, TS_POINTER);
	ck_assert_int_eq(t->elem->kind, TS_ARRAY);
	t = tspec(p.f, 6);
	ck_assert_int_eq(t->kind, TS_POINTER);
	ck_assert_int_eq(t->elem->array_kind, ARRAY_BOUNDED);
	ck_assert_int_eq(t->elem->elem->kind, TS_POINTER);
	t = tspec(p.f, 7);
	ck_assert_int_eq(t->elem->kind, TS_ARRAY);
	ck_assert_int_eq(t->elem->bound->value, 3);
	done(&p);
}
END_TEST

START_TEST(bound_expressions)
{
	struct parsed p;
	parse_ok(&p, "type a = array[1 + 2 * 3] of int;\n"
		     "type b = array[(1 + 2) * 3] of int;\n"
		     "type c = array[*:8 * 1024 / 2 - 1] of int;\n"
		     "type d = c_string[10 - 2 - 3];\n");
	const struct ast_expr *e = tspec(p.f, 0)->bound;
	ck_assert_int_eq(e->kind, EXPR_ADD);
	ck_assert_int_eq(e->lhs->value, 1);
	ck_assert_int_eq(e->rhs->kind, EXPR_MUL);
	ck_assert_int_eq(e->loc.col, 18);          /* the operator */
	e = tspec(p.f, 1)->bound;
	ck_assert_int_eq(e->kind, EXPR_MUL);
	ck_assert_int_eq(e->lhs->kind, EXPR_ADD);
	e = tspec(p.f, 2)->bound;                  /* ((8*1024)/2)-1 */
	ck_assert_int_eq(e->kind, EXPR_SUB);
	ck_assert_int_eq(e->lhs->kind, EXPR_DIV);
	ck_assert_int_eq(e->lhs->lhs->kind, EXPR_MUL);
	e = tspec(p.f, 3)->bound;                  /* (10-2)-3 */
	ck_assert_int_eq(e->kind, EXPR_SUB);
	ck_assert_int_eq(e->lhs->kind, EXPR_SUB);
	ck_assert_int_eq(e->rhs->value, 3);
	done(&p);
}
END_TEST

START_TEST(string_and_native_types)
{
	struct parsed p;
	parse_ok(&p, "type a = c_string[32];\n"
		     "type b = c_string[*:64];\n"
		     "type c = PointerTo(unsigned long);\n"
		     "type d = ValueOf(foo_t);\n"
		     "type e = PointerToIfNot(struct_t, BAD VALUE);\n");
	const struct ast_type *t = tspec(p.f, 0);
	ck_assert_int_eq(t->kind, TS_CSTRING);
	ck_assert(!t->variable);
	ck_assert_int_eq(t->bound->value, 32);
	t = tspec(p.f, 1);
	ck_assert(t->variable);
	ck_assert_int_eq(t->bound->value, 64);
	t = tspec(p.f, 2);
	ck_assert_int_eq(t->kind, TS_NATIVE);
	ck_assert_int_eq(t->native_kind, NATIVE_POINTERTO);
	ck_assert_str_eq(t->ctext, "unsigned long");
	ck_assert_ptr_null(t->badtext);
	t = tspec(p.f, 3);
	ck_assert_int_eq(t->native_kind, NATIVE_VALUEOF);
	ck_assert_str_eq(t->ctext, "foo_t");
	t = tspec(p.f, 4);
	ck_assert_int_eq(t->native_kind, NATIVE_POINTERTOIFNOT);
	ck_assert_str_eq(t->ctext, "struct_t");
	ck_assert_str_eq(t->badtext, "BAD VALUE");
	done(&p);
}
END_TEST

START_TEST(gnu_types)
{
	struct parsed p;
	parse_ok(&p, "type a = (MACH_MSG_TYPE_STRING_C, 8*128);\n"
		     "type b = (MACH_MSG_TYPE_INTEGER_32, 32, IsLong, "
		     "dealloc);\n"
		     "type c = struct { int x; rpc_t y; };\n"
		     "type d = (MACH_MSG_TYPE_MOVE_SEND | polymorphic, 32);\n");
	const struct ast_type *t = tspec(p.f, 0);
	ck_assert_int_eq(t->kind, TS_LONGFORM);
	ck_assert_int_eq(t->loc.col, 10);
	ck_assert_int_eq(t->nprims, 1);
	ck_assert_int_eq(t->prim[0]->msgtype, MT_STRING_C);
	ck_assert_int_eq(t->bound->kind, EXPR_MUL);
	ck_assert_ptr_null(t->flags);
	t = tspec(p.f, 1);
	ck_assert_int_eq(t->bound->value, 32);
	ck_assert_int_eq(t->flags->kind, FLAG_ISLONG);
	ck_assert_int_eq(t->flags->next->kind, FLAG_DEALLOC);
	ck_assert_ptr_null(t->flags->next->next);
	t = tspec(p.f, 2);
	ck_assert_int_eq(t->kind, TS_CSTRUCT);
	ck_assert_str_eq(t->members->type.text, "int");
	ck_assert_str_eq(t->members->field.text, "x");
	ck_assert_str_eq(t->members->next->type.text, "rpc_t");
	ck_assert_str_eq(t->members->next->field.text, "y");
	ck_assert_ptr_null(t->members->next->next);
	t = tspec(p.f, 3);
	ck_assert_int_eq(t->kind, TS_LONGFORM);
	ck_assert_int_eq(t->nprims, 2);
	done(&p);
}
END_TEST

START_TEST(type_modifiers)
{
	struct parsed p;
	parse_ok(&p, "type t = mach_port_t\n"
		     "  CType: mach_port_t\n"
		     "  cusertype: u_t cservertype: s_t\n"
		     "  InTran: task_t convert_port_to_task(mach_port_t)\n"
		     "  OutTran: mach_port_t convert_task_to_port(task_t)\n"
		     "  Destructor: task_deallocate(task_t)\n"
		     "  IntranPayload: task_t payload_to_task;\n");
	const struct ast_mod *m = stmt(p.f, 0)->u.type.mods;
	ck_assert_int_eq(m->kind, MOD_CTYPE);
	ck_assert_str_eq(m->type.text, "mach_port_t");
	ck_assert_int_eq(m->loc.line, 2);
	m = m->next;
	ck_assert_int_eq(m->kind, MOD_CUSERTYPE);
	ck_assert_str_eq(m->type.text, "u_t");
	m = m->next;
	ck_assert_int_eq(m->kind, MOD_CSERVERTYPE);
	ck_assert_str_eq(m->type.text, "s_t");
	m = m->next;
	ck_assert_int_eq(m->kind, MOD_INTRAN);
	ck_assert_str_eq(m->type.text, "task_t");
	ck_assert_str_eq(m->func.text, "convert_port_to_task");
	ck_assert_str_eq(m->arg.text, "mach_port_t");
	m = m->next;
	ck_assert_int_eq(m->kind, MOD_OUTTRAN);
	ck_assert_str_eq(m->type.text, "mach_port_t");
	ck_assert_str_eq(m->func.text, "convert_task_to_port");
	ck_assert_str_eq(m->arg.text, "task_t");
	m = m->next;
	ck_assert_int_eq(m->kind, MOD_DESTRUCTOR);
	ck_assert_ptr_null(m->type.text);
	ck_assert_str_eq(m->func.text, "task_deallocate");
	ck_assert_str_eq(m->arg.text, "task_t");
	m = m->next;
	ck_assert_int_eq(m->kind, MOD_INTRANPAYLOAD);
	ck_assert_str_eq(m->type.text, "task_t");
	ck_assert_str_eq(m->func.text, "payload_to_task");
	ck_assert_ptr_null(m->next);
	done(&p);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Routines                                                             */
/* ------------------------------------------------------------------ */

START_TEST(routine_forms)
{
	struct parsed p;
	parse_ok(&p, "routine none();\n"
		     "simpleroutine one(server : port_t);\n"
		     "routine put(\n"
		     "\t\tserver\t: port_t;\n"
		     "\tin\ttag\t: int;\n"
		     "\tout\trsp\t: port_t, Dealloc);\n");
	const struct ast_stmt *s = stmt(p.f, 0);
	ck_assert(!s->u.routine.simple);
	ck_assert_str_eq(s->u.routine.name.text, "none");
	ck_assert_ptr_null(s->u.routine.args);
	s = stmt(p.f, 1);
	ck_assert(s->u.routine.simple);
	ck_assert_int_eq(arg(s, 0)->kind, ARG_NONE);
	ck_assert_str_eq(arg(s, 0)->name.text, "server");
	ck_assert_int_eq(arg(s, 0)->type->kind, TS_NAME);
	ck_assert_str_eq(arg(s, 0)->type->name.text, "port_t");
	ck_assert_ptr_null(arg(s, 0)->decl_name.text);
	s = stmt(p.f, 2);
	ck_assert_int_eq(s->loc.line, 3);
	ck_assert_int_eq(arg(s, 0)->name.loc.line, 4);
	ck_assert_int_eq(arg(s, 0)->name.loc.col, 3);
	ck_assert_int_eq(arg(s, 1)->kind, ARG_IN);
	ck_assert_int_eq(arg(s, 1)->kind_loc.col, 2);
	ck_assert_int_eq(arg(s, 2)->kind, ARG_OUT);
	ck_assert_int_eq(arg(s, 2)->flags->kind, FLAG_DEALLOC);
	ck_assert_ptr_null(arg(s, 2)->next);
	done(&p);
}
END_TEST

START_TEST(argument_kinds)
{
	static const struct {
		const char *word;
		enum ast_arg_kind kind;
	} kinds[] = {
		{ "in", ARG_IN }, { "out", ARG_OUT }, { "inout", ARG_INOUT },
		{ "RequestPort", ARG_REQUESTPORT },
		{ "ReplyPort", ARG_REPLYPORT },
		{ "SReplyPort", ARG_SREPLYPORT },
		{ "UReplyPort", ARG_UREPLYPORT },
		{ "WaitTime", ARG_WAITTIME }, { "SendTime", ARG_SENDTIME },
		{ "MsgOption", ARG_MSGOPTION }, { "MsgSeqno", ARG_MSGSEQNO },
		{ "SecToken", ARG_SECTOKEN },
		{ "ServerSecToken", ARG_SERVERSECTOKEN },
		{ "UserSecToken", ARG_USERSECTOKEN },
		{ "AuditToken", ARG_AUDITTOKEN },
		{ "ServerAuditToken", ARG_SERVERAUDITTOKEN },
		{ "UserAuditToken", ARG_USERAUDITTOKEN },
		{ "ServerContextToken", ARG_SERVERCONTEXTTOKEN },
		{ "serverimpl", ARG_SERVERIMPL },
		{ "UserImpl", ARG_USERIMPL },
	};
	for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++) {
		char src[128];
		snprintf(src, sizeof src, "routine r(p: port; %s x: int);",
			 kinds[i].word);
		struct parsed p;
		parse_ok(&p, src);
		const struct ast_arg *a = arg(stmt(p.f, 0), 1);
		ck_assert_int_eq(a->kind, kinds[i].kind);
		ck_assert_str_eq(a->name.text, "x");
		ck_assert_int_eq(a->kind_loc.col, 20);
		done(&p);
	}
}
END_TEST

START_TEST(argument_flags)
{
	struct parsed p;
	parse_ok(&p, "routine r(p: port; out x: t, SameCount, retcode, "
		     "PhysicalCopy, Overwrite, Dealloc, NotDealloc, "
		     "Dealloc[], CountInOut, Auto, Const, IsLong, IsNotLong, "
		     "ServerCopy);");
	static const enum ast_flag_kind want[] = {
		FLAG_SAMECOUNT, FLAG_RETCODE, FLAG_PHYSICALCOPY,
		FLAG_OVERWRITE, FLAG_DEALLOC, FLAG_NOTDEALLOC,
		FLAG_DEALLOC_RUNTIME, FLAG_COUNTINOUT, FLAG_AUTO, FLAG_CONST,
		FLAG_ISLONG, FLAG_ISNOTLONG, FLAG_SERVERCOPY,
	};
	const struct ast_flag *f = arg(stmt(p.f, 0), 1)->flags;
	for (size_t i = 0; i < sizeof want / sizeof *want; i++, f = f->next) {
		ck_assert_ptr_nonnull(f);
		ck_assert_int_eq(f->kind, want[i]);
	}
	ck_assert_ptr_null(f);
	done(&p);
}
END_TEST

START_TEST(argument_types)
{
	struct parsed p;
	parse_ok(&p, "routine r(p: port;\n"
		     "  in data: bytes_t = array[*:64] of char ctype: b_t, "
		     "Const;\n"
		     "  in n: PointerTo(int);\n"
		     "  in v: ValueOf(long long);\n"
		     "  in q: PointerToIfNot(foo_t, FOO_NULL));\n");
	const struct ast_stmt *s = stmt(p.f, 0);
	const struct ast_arg *a = arg(s, 1);
	ck_assert_str_eq(a->decl_name.text, "bytes_t");
	ck_assert_int_eq(a->type->kind, TS_ARRAY);
	ck_assert_int_eq(a->type->array_kind, ARRAY_BOUNDED);
	ck_assert_int_eq(a->mods->kind, MOD_CTYPE);
	ck_assert_str_eq(a->mods->type.text, "b_t");
	ck_assert_int_eq(a->flags->kind, FLAG_CONST);
	a = arg(s, 2);
	ck_assert_ptr_null(a->decl_name.text);
	ck_assert_int_eq(a->type->kind, TS_NATIVE);
	ck_assert_str_eq(a->type->ctext, "int");
	ck_assert_str_eq(arg(s, 3)->type->ctext, "long long");
	ck_assert_str_eq(arg(s, 4)->type->badtext, "FOO_NULL");
	done(&p);
}
END_TEST

START_TEST(source_files)
{
	struct parsed p;
	parse_ok(&p, "# 1 \"a.defs\"\n# 1 \"<built-in>\"\n"
		     "# 1 \"b.defs\" 1\n# 2 \"a.defs\" 2\n# 1 \"b.defs\" 1\n");
	ck_assert_int_eq(p.f->nfiles, 3);
	ck_assert_str_eq(p.f->files[0]->name, "t.defs");
	ck_assert_str_eq(p.f->files[1]->name, "a.defs");
	ck_assert_str_eq(p.f->files[2]->name, "b.defs");
	done(&p);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Syntax errors                                                        */
/* ------------------------------------------------------------------ */

START_TEST(missing_semicolon)
{
	struct parsed p;
	parse(&p, "subsystem demo 4000\nroutine r(p: port);\n"
		  "type t = int\ntype u = int;\n");
	ck_assert_int_eq(p.d.errors, 2);
	CHECK_DIAG(&p, "t.defs:1:20: error: expected ';' after '4000', "
		   "found 'routine'");
	CHECK_DIAG(&p, "t.defs:3:13: error: expected ';' after 'int', "
		   "found 'type'");
	/* the statements after each error are still there */
	ck_assert_int_eq(count_stmts(p.f), 2);
	ck_assert_int_eq(stmt(p.f, 0)->kind, ST_ROUTINE);
	ck_assert_str_eq(stmt(p.f, 1)->u.type.name.text, "u");
	done(&p);
}
END_TEST

START_TEST(argument_list_errors)
{
	struct parsed p;
	parse(&p, "routine a(p: port; x int; y: int);\n"
		  "routine b(p: port;);\n"
		  "routine c(p: port; in out: int);\n"
		  "routine d(out: int; x: int);\n"
		  "routine e(p: port, Bogus);\n"
		  "routine f(p: port; x: int,);\n");
	CHECK_DIAG(&p, "t.defs:1:22: error: expected ':' after argument name "
		   "'x', found 'int'");
	CHECK_DIAG(&p, "t.defs:2:18: error: stray ';' before ')'");
	CHECK_DIAG(&p, "t.defs:3:23: error: 'out' is a reserved word and "
		   "cannot name an argument");
	CHECK_DIAG(&p, "t.defs:4:11: error: 'out' is a reserved word and "
		   "cannot name an argument");
	CHECK_DIAG(&p, "t.defs:5:20: error: expected a flag after ',', "
		   "found 'Bogus'");
	CHECK_DIAG(&p, "t.defs:6:27: error: expected a flag after ',', "
		   "found ')'");
	ck_assert_int_eq(p.d.errors, 6);
	/* recovery inside the list keeps the good arguments */
	const struct ast_stmt *a = stmt(p.f, 0);
	ck_assert_str_eq(arg(a, 0)->name.text, "p");
	ck_assert_str_eq(arg(a, 1)->name.text, "y");
	ck_assert_ptr_null(arg(a, 1)->next);
	ck_assert_int_eq(count_stmts(p.f), 6);
	done(&p);
}
END_TEST

START_TEST(reserved_words)
{
	struct parsed p;
	parse(&p, "type in = int;\nroutine type(p: port);\n"
		  "subsystem routine 1;\nroutine r(p: port; x: out);\n");
	CHECK_DIAG(&p, "t.defs:1:6: error: 'in' is a reserved word and "
		   "cannot name a type");
	CHECK_DIAG(&p, "t.defs:2:9: error: 'type' is a reserved word and "
		   "cannot name a routine");
	CHECK_DIAG(&p, "t.defs:3:11: error: 'routine' is a reserved word and "
		   "cannot name a subsystem");
	CHECK_DIAG(&p, "t.defs:4:23: error: 'out' is a reserved word and "
		   "cannot name a type");
	ck_assert_int_eq(p.d.errors, 4);
	done(&p);
}
END_TEST

START_TEST(case_sensitive_note)
{
	struct parsed p;
	parse(&p, "usertypelimit 5;\nroutine r(p: port; in x: pointerto(int));\n"
		  "UserTypeLimit 6;\n");
	CHECK_DIAG(&p, "t.defs:1:1: error: expected a statement, found "
		   "'usertypelimit'\n"
		   "t.defs:1:1: note: 'UserTypeLimit' is spelled with this "
		   "exact case\n");
	CHECK_DIAG(&p, "t.defs:2:35: error: expected ");
	CHECK_DIAG(&p, "t.defs:2:26: note: 'PointerTo' is spelled with this "
		   "exact case\n");
	ck_assert_int_eq(p.d.errors, 2);
	/* the routine is dropped: after "(int)" its ')' is one too many */
	ck_assert_int_eq(count_stmts(p.f), 1);
	ck_assert_int_eq(stmt(p.f, 0)->kind, ST_USERTYPELIMIT);
	done(&p);
}
END_TEST

START_TEST(statement_errors)
{
	struct parsed p;
	parse(&p, "WaitTime ;\n"
		  "subsystem 5;\n"
		  "type t = array[3 of int;\n"
		  "import foo.h;\n"
		  "skip x;\n"
		  "routine r(p: port)\n"
		  "foo;\n"
		  "type a = array[4] int;\n");
	CHECK_DIAG(&p, "t.defs:1:10: error: expected a value after "
		   "'WaitTime', found ';'");
	CHECK_DIAG(&p, "t.defs:2:11: error: expected 'KernelUser', "
		   "'KernelServer' or an identifier after 'subsystem', found "
		   "'5'");
	CHECK_DIAG(&p, "t.defs:3:18: error: expected ']' after '3', found "
		   "'of'");
	CHECK_DIAG(&p, "t.defs:4:8: error: expected \"file\" or <file> after "
		   "'import'");
	CHECK_DIAG(&p, "t.defs:5:5: error: expected ';' after 'skip', found "
		   "'x'");
	CHECK_DIAG(&p, "t.defs:6:19: error: expected ';' after ')', found "
		   "'foo'");
	CHECK_DIAG(&p, "t.defs:8:19: error: expected 'of' after ']', found "
		   "'int'");
	ck_assert_int_eq(p.d.errors, 7);
	done(&p);
}
END_TEST

START_TEST(unexpected_end)
{
	struct parsed p;
	parse(&p, "routine r(p: port");
	CHECK_DIAG(&p, "t.defs:1:18: error: expected ");
	CHECK_DIAG(&p, "found end of file");
	ck_assert_int_eq(p.d.errors, 1);
	done(&p);
}
END_TEST

START_TEST(many_errors_stop)
{
	char src[4096] = "";
	for (int i = 0; i < 60; i++)
		strcat(src, "type in = int;\n");
	struct parsed p;
	parse(&p, src);
	ck_assert_int_ge(p.d.errors, 51);
	ck_assert(p.d.stopped);
	CHECK_DIAG(&p, "t.defs:50:6: error: 'in'");
	ck_assert_ptr_null(strstr(diags(&p), "t.defs:51:6"));
	CHECK_DIAG(&p, "mig: error: too many errors emitted, stopping now\n");
	done(&p);
}
END_TEST

START_TEST(deep_nesting)
{
	size_t n = 200000;
	char *src = malloc(n + 64);
	strcpy(src, "type t = ");
	memset(src + 9, '^', n);
	strcpy(src + 9 + n, "int;\ntype u = int;");
	struct parsed p;
	parse(&p, src);
	ck_assert_int_ge(p.d.errors, 1);
	CHECK_DIAG(&p, "input nested too deeply");
	done(&p);
	free(src);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Diagnostics rendering                                                */
/* ------------------------------------------------------------------ */

static char tmpdir[64];

static const char *write_file(const char *name, const char *text)
{
	static char path[128];
	if (!tmpdir[0]) {
		strcpy(tmpdir, "/tmp/mig-test-XXXXXX");
		ck_assert_ptr_nonnull(mkdtemp(tmpdir));
	}
	snprintf(path, sizeof path, "%s/%s", tmpdir, name);
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
	return path;
}

static void remove_files(void)
{
	if (!tmpdir[0])
		return;
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", tmpdir);
	tmpdir[0] = 0;
}

/* Parse src (preprocessed text naming files in tmpdir) with the source
   lines shown. */
static void parse_shown(struct parsed *p, const char *src)
{
	arena_init(&p->a);
	diag_init(&p->d, &p->a, NULL);
	p->f = ast_parse(&p->a, &p->d, "x", src, strlen(src));
}

START_TEST(render_caret)
{
	const char *path = write_file("demo.defs",
		"subsystem demo 1;\n\troutine r(p: port; x int);\n");
	char src[512];
	/* cpp turned the tab into spaces: the caret still lands right */
	snprintf(src, sizeof src, "# 1 \"%s\"\nsubsystem demo 1;\n"
		 "    routine r(p: port; x int);\n", path);
	struct parsed p;
	parse_shown(&p, src);
	char want[1024];
	snprintf(want, sizeof want,
		 "%s:2:23: error: expected ':' after argument name 'x', "
		 "found 'int'\n"
		 "    2 | \troutine r(p: port; x int);\n"
		 "      | \t                     ^~~\n", path);
	ck_assert_str_eq(diags(&p), want);
	done(&p);
	remove_files();
}
END_TEST

START_TEST(render_macro_and_include)
{
	const char *top = write_file("top.defs",
		"subsystem top 1;\n#include \"inc.defs\"\n");
	char topname[128];
	strcpy(topname, top);
	const char *inc = write_file("inc.defs", "type t = BAD;\n");
	char src[1024];
	snprintf(src, sizeof src,
		 "# 1 \"%s\"\nsubsystem top 1;\n# 1 \"%s\" 1\n"
		 "type t = ~int;\n# 3 \"%s\" 2\n", topname, inc, topname);
	struct parsed p;
	parse_shown(&p, src);
	char want[2048];
	snprintf(want, sizeof want,
		 "In file included from %s:2:\n"
		 "%s:1:10: error: unexpected character '~'\n"
		 "    1 | type t = ~int;\n"
		 "      |          ^\n"
		 "%s:1:10: note: in text produced by macro expansion\n",
		 topname, inc, inc);
	ck_assert_str_eq(diags(&p), want);
	done(&p);
	remove_files();
}
END_TEST

START_TEST(render_levels)
{
	struct arena a;
	struct diag d;
	struct mig_loc none = { 0 };
	arena_init(&a);
	diag_init(&d, &a, NULL);
	diag_error(&d, none, "preprocessor failed (exit status %d)", 1);
	diag_warning(&d, none, "w1");
	diag_note(&d, none, "n1");
	d.warnings_off = true;
	diag_warning(&d, none, "hidden");
	diag_note(&d, none, "hidden note");
	d.werror = true;
	diag_warning(&d, none, "now an error");
	ck_assert_str_eq(d.text, "mig: error: preprocessor failed (exit "
			 "status 1)\nmig: warning: w1\nmig: note: n1\n"
			 "mig: error: now an error\n");
	ck_assert_int_eq(d.errors, 2);
	ck_assert(!diag_ok(&d));
	diag_fini(&d);
	arena_free(&a);
}
END_TEST

START_TEST(render_no_file)
{
	/* a file that cannot be read: header line only */
	struct parsed p;
	parse_shown(&p, "# 1 \"/nonexistent/x.defs\"\ntype in = int;\n");
	ck_assert_str_eq(diags(&p),
		"/nonexistent/x.defs:1:6: error: 'in' is a reserved word and "
		"cannot name a type\n"
		"    1 | type in = int;\n"
		"      |      ^~\n"
		"/nonexistent/x.defs:1:6: note: in text produced by macro "
		"expansion\n");
	done(&p);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Robustness                                                           */
/* ------------------------------------------------------------------ */

static const char sample[] =
	"# 1 \"s.defs\"\n"
	"subsystem KernelServer sample 1000;\n"
	"import <mach/std_types.defs>; uimport \"u.h\";\n"
	"type port_t = MACH_MSG_TYPE_COPY_SEND ctype: mach_port_t\n"
	"  intran: task_t conv(port_t) destructor: td(task_t);\n"
	"type bytes = array[*:8 * 8] of MACH_MSG_TYPE_BYTE;\n"
	"type s = struct { int a; char b; };\n"
	"type l = (MACH_MSG_TYPE_STRING_C, 8*64, IsLong);\n"
	"type n = PointerToIfNot(foo_t, FOO);\n"
	"WaitTime t + 1; MsgOption A|B; ServerPrefix s_;\n"
	"routine r(p: port_t; in d: bytes, Const; out o: oo = ^array[] of int,\n"
	"  Dealloc[]; WaitTime w: int; msgseqno q: int);\n"
	"simpleroutine sr(p: port_t; c: str = c_string[*:32]);\n"
	"skip; skip 2; RCSId \"x\"; error e;\n";

/* xorshift: reproducible pseudo-random bytes */
static uint32_t next_rand(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

static void parse_quiet(const char *buf, size_t len)
{
	struct arena a;
	struct diag d;
	arena_init(&a);
	diag_init(&d, &a, NULL);
	d.show_source = false;
	d.max_errors = 0;
	(void)ast_parse(&a, &d, "f.defs", buf, len);
	diag_fini(&d);
	arena_free(&a);
}

START_TEST(sample_parses)
{
	struct parsed p;
	parse_ok(&p, sample);
	ck_assert_int_eq(count_stmts(p.f), 17);
	done(&p);
}
END_TEST

START_TEST(random_bytes)
{
	uint32_t seed = 12345;
	char buf[512];
	for (int round = 0; round < 2000; round++) {
		size_t len = next_rand(&seed) % sizeof buf;
		for (size_t i = 0; i < len; i++)
			buf[i] = (char)next_rand(&seed);
		parse_quiet(buf, len);
	}
}
END_TEST

START_TEST(truncations)
{
	size_t n = strlen(sample);
	for (size_t len = 0; len <= n; len++)
		parse_quiet(sample, len);
	for (size_t start = 0; start < n; start += 3)
		parse_quiet(sample + start, n - start);
}
END_TEST

START_TEST(mutations)
{
	static const char pieces[] = ";:,()[]{}^|*#\n\"<>~0x";
	uint32_t seed = 777;
	size_t n = strlen(sample);
	char *buf = malloc(n + 1);
	for (int round = 0; round < 3000; round++) {
		memcpy(buf, sample, n + 1);
		int edits = 1 + (int)(next_rand(&seed) % 4);
		for (int e = 0; e < edits; e++) {
			size_t at = next_rand(&seed) % n;
			buf[at] = pieces[next_rand(&seed) %
					 (sizeof pieces - 1)];
		}
		parse_quiet(buf, n);
	}
	free(buf);
}
END_TEST

/* Every allocation of a full parse fails in turn: no crash, no tree. */
START_TEST(allocation_failures)
{
	struct arena a;
	struct diag d;
	arena_init(&a);
	diag_init(&d, &a, NULL);
	arena_fail_after(0);
	(void)ast_parse(&a, &d, "s.defs", sample, strlen(sample));
	unsigned long total = arena_alloc_count();
	diag_fini(&d);
	arena_free(&a);
	ck_assert_uint_gt(total, 10);
	for (unsigned long n = 1; n <= total; n++) {
		arena_init(&a);
		diag_init(&d, &a, NULL);
		d.show_source = false;
		arena_fail_after(n);
		struct ast_file *f = ast_parse(&a, &d, "s.defs", sample,
					       strlen(sample));
		ck_assert_msg(f == NULL, "allocation %lu failed unnoticed",
			      n);
		arena_fail_after(0);
		diag_fini(&d);
		arena_free(&a);
	}
}
END_TEST

/* ---- gnumach corpus (skipped when not installed) ---- */

static const char *const corpus[] = {
	"device/device.defs", "device/device_reply.defs",
	"device/device_request.defs", "device/device_types.defs",
	"mach/bootstrap.defs", "mach/default_pager.defs",
	"mach/default_pager_helper.defs", "mach/default_pager_types.defs",
	"mach/exc.defs", "mach/experimental.defs", "mach/gnumach.defs",
	"mach/mach.defs", "mach/mach4.defs", "mach/mach_host.defs",
	"mach/mach_port.defs", "mach/mach_types.defs",
	"mach/memory_object.defs", "mach/memory_object_default.defs",
	"mach/notify.defs", "mach/std_types.defs", "mach/task_notify.defs",
	"mach/x86_64/mach_i386.defs", "mach/x86_64/machine_types.defs",
	"mach_debug/mach_debug.defs", "mach_debug/mach_debug_types.defs",
};

#define GNU_INC "/usr/include/x86_64-linux-gnu"

START_TEST(gnumach_corpus)
{
	static const char *const variants[] = {
		"", "-DKERNEL_USER=1", "-DKERNEL_SERVER=1",
		"-DKERNEL_USER=1 -DSEQNOS=1",
		"-DEMULATOR -DMIGRATING_THREADS -DMACH_PCSAMPLE "
		"-DUSERPREFIX=u_ -DSERVERPREFIX=s_",
	};
	if (access(GNU_INC "/mach/mach.defs", R_OK) != 0)
		return;
	for (size_t i = 0; i < sizeof corpus / sizeof *corpus; i++) {
		for (size_t v = 0; v < sizeof variants / sizeof *variants;
		     v++) {
			char cmd[512];
			snprintf(cmd, sizeof cmd, "cc -E -x c -undef "
				 "-D__MACH30__ -D__x86_64__ -D__LP64__ %s "
				 "-I" GNU_INC " " GNU_INC "/%s", variants[v],
				 corpus[i]);
			FILE *f = popen(cmd, "r");
			ck_assert_ptr_nonnull(f);
			size_t cap = 1 << 20, len = 0, n;
			char *buf = malloc(cap);
			while ((n = fread(buf + len, 1, cap - len, f)) > 0)
				len += n;
			ck_assert_int_eq(pclose(f), 0);
			struct arena a;
			struct diag d;
			arena_init(&a);
			diag_init(&d, &a, NULL);
			d.show_source = false;
			struct ast_file *af = ast_parse(&a, &d, corpus[i],
							buf, len);
			ck_assert_msg(af && d.errors == 0 && d.warnings == 0,
				      "%s %s:\n%s", corpus[i], variants[v],
				      d.text ? d.text : "");
			ck_assert_ptr_nonnull(af->stmts);
			diag_fini(&d);
			arena_free(&a);
			free(buf);
		}
	}
}
END_TEST

START_TEST(dump_tree)
{
	struct parsed p;
	parse_ok(&p, sample);
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	ast_dump(p.f, out);
	fclose(out);
	ck_assert_ptr_nonnull(strstr(text, "file\n  subsystem KernelServer "
				     "sample 1000 @s.defs:1:1\n"));
	ck_assert_ptr_nonnull(strstr(text, "    array[*:(8 * 8)] of"));
	ck_assert_ptr_nonnull(strstr(text, "    InTran: task_t conv(port_t)"));
	ck_assert_ptr_nonnull(strstr(text, "    arg out o : oo = Dealloc[]"));
	ck_assert_ptr_nonnull(strstr(text, "  WaitTime t + 1 @s.defs:9:1"));
	ck_assert_ptr_nonnull(strstr(text, "PointerToIfNot(foo_t, FOO)"));
	ck_assert_ptr_nonnull(strstr(text, "longform MACH_MSG_TYPE_STRING_C, "
				     "bits (8 * 64) IsLong"));
	ck_assert_ptr_nonnull(strstr(text, "  source s.defs\n"));
	free(text);
	done(&p);
}
END_TEST

Suite *parser_suite(void)
{
	Suite *s = suite_create("parser");
	TCase *t = tcase_create("statements");
	tcase_add_test(t, subsystem_forms);
	tcase_add_test(t, simple_statements);
	tcase_add_test(t, empty_input);
	tcase_add_test(t, source_files);
	suite_add_tcase(s, t);

	t = tcase_create("types");
	tcase_add_test(t, ipc_types);
	tcase_add_test(t, array_types);
	tcase_add_test(t, bound_expressions);
	tcase_add_test(t, string_and_native_types);
	tcase_add_test(t, gnu_types);
	tcase_add_test(t, type_modifiers);
	suite_add_tcase(s, t);

	t = tcase_create("routines");
	tcase_add_test(t, routine_forms);
	tcase_add_test(t, argument_kinds);
	tcase_add_test(t, argument_flags);
	tcase_add_test(t, argument_types);
	suite_add_tcase(s, t);

	t = tcase_create("errors");
	tcase_add_test(t, missing_semicolon);
	tcase_add_test(t, argument_list_errors);
	tcase_add_test(t, reserved_words);
	tcase_add_test(t, case_sensitive_note);
	tcase_add_test(t, statement_errors);
	tcase_add_test(t, unexpected_end);
	tcase_add_test(t, many_errors_stop);
	tcase_add_test(t, deep_nesting);
	suite_add_tcase(s, t);

	t = tcase_create("diagnostics");
	tcase_add_test(t, render_caret);
	tcase_add_test(t, render_macro_and_include);
	tcase_add_test(t, render_levels);
	tcase_add_test(t, render_no_file);
	suite_add_tcase(s, t);

	t = tcase_create("robustness");
	tcase_set_timeout(t, 120);
	tcase_add_test(t, sample_parses);
	tcase_add_test(t, random_bytes);
	tcase_add_test(t, truncations);
	tcase_add_test(t, mutations);
	tcase_add_test(t, allocation_failures);
	tcase_add_test(t, gnumach_corpus);
	tcase_add_test(t, dump_tree);
	suite_add_tcase(s, t);
	return s;
}
