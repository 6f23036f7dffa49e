/*
 * test_check.c - the checker, types and message layouts
 * (MIG-LANGUAGE.md sections 3, 4.3, 4.7 and 6.1).
 *
 * Most cases parse a small .defs text with ast_parse() and look at the
 * model or at the diagnostics (collected in memory, no source lines).  A
 * few build the tree by hand, so the layout rules are pinned down even
 * without the parser.
 */
#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ast.h"
#include "layout.h"
#include "model.h"
#include "options.h"
#include "types.h"

#include "support/suites.h"

/* ------------------------------------------------------------------ */
/* Fixture                                                              */
/* ------------------------------------------------------------------ */

struct run {
	struct arena a;
	struct diag d;
	struct mig_options opt;
	struct m_interface *m;
};

static void run_init(struct run *r)
{
	memset(r, 0, sizeof *r);
	arena_init(&r->a);
	diag_init(&r->d, &r->a, NULL);
	r->d.show_source = false;
	r->opt.prefix = "";
	r->opt.subrprefix = "";
	r->opt.max_errors = 50;
}

static void run_fini(struct run *r)
{
	diag_fini(&r->d);
	arena_free(&r->a);
}

/* Parse and check src as "t.defs". */
static struct m_interface *run_src(struct run *r, const char *src)
{
	struct ast_file *f = ast_parse(&r->a, &r->d, "t.defs", src,
				       strlen(src));
	ck_assert_msg(f != NULL, "parser returned no tree");
	r->m = check_file(&r->a, &r->d, f, &r->opt);
	return r->m;
}

static const char *diag_text(const struct run *r)
{
	return r->d.text ? r->d.text : "";
}

/* The diagnostics contain `want` (e.g. "t.defs:3:5: error: ..."). */
static void expect_diag(const struct run *r, const char *want)
{
	ck_assert_msg(strstr(diag_text(r), want) != NULL,
		      "missing diagnostic '%s' in:\n%s", want, diag_text(r));
}

static void expect_no_diag(const struct run *r, const char *bad)
{
	ck_assert_msg(strstr(diag_text(r), bad) == NULL,
		      "unexpected diagnostic '%s' in:\n%s", bad, diag_text(r));
}

/* Check src and require an error containing `want`. */
static void expect_error(const char *src, const char *want)
{
	struct run r;
	run_init(&r);
	ck_assert_msg(run_src(&r, src) == NULL, "no error for:\n%s", src);
	expect_diag(&r, want);
	run_fini(&r);
}

/* Check src and require success with a warning containing `want`. */
static void expect_warning(const char *src, const char *want)
{
	struct run r;
	run_init(&r);
	ck_assert_msg(run_src(&r, src) != NULL, "failed:\n%s", diag_text(&r));
	expect_diag(&r, want);
	run_fini(&r);
}

static const struct m_routine *routine(const struct m_interface *m,
				       const char *name)
{
	for (int i = 0; i < m->count; i++)
		if (!m->routines[i].skip &&
		    strcmp(m->routines[i].name, name) == 0)
			return &m->routines[i];
	ck_abort_msg("no routine %s", name);
	return NULL;
}

static const struct m_field *field(const struct m_message *msg,
				   const char *name)
{
	for (int i = 0; i < msg->nfields; i++)
		if (strcmp(msg->fields[i].name, name) == 0)
			return &msg->fields[i];
	ck_abort_msg("no field %s", name);
	return NULL;
}

static const struct m_arg *arg(const struct m_routine *r, const char *name)
{
	for (int i = 0; i < r->nargs; i++)
		if (strcmp(r->args[i].name, name) == 0)
			return &r->args[i];
	ck_abort_msg("no argument %s", name);
	return NULL;
}

/* "Head NDR tag dataCnt data flags": field names in wire order. */
static void expect_fields(const struct m_message *msg, const char *names)
{
	char buf[512] = "";
	for (int i = 0; i < msg->nfields; i++) {
		if (i)
			strncat(buf, " ", sizeof buf - strlen(buf) - 1);
		strncat(buf, msg->fields[i].name, sizeof buf - strlen(buf) - 1);
	}
	ck_assert_str_eq(buf, names);
}

#define PREAMBLE \
	"subsystem demo 4000;\n" \
	"type port_t = MACH_MSG_TYPE_COPY_SEND;\n"

/* ------------------------------------------------------------------ */
/* Hand-built trees (no parser needed)                                  */
/* ------------------------------------------------------------------ */

struct builder {
	struct arena *a;
	struct mig_srcfile file;
	int line;
};

static struct mig_loc bloc(struct builder *b)
{
	struct mig_loc l = { &b->file, ++b->line, 1, 1, NULL };
	return l;
}

static struct ast_ident bident(struct builder *b, const char *text)
{
	struct ast_ident id = { text, bloc(b) };
	return id;
}

static struct ast_type *bnew_type(struct builder *b, enum ast_type_kind k)
{
	struct ast_type *t = arena_alloc(b->a, sizeof *t);
	t->kind = k;
	t->loc = bloc(b);
	return t;
}

static struct ast_type *bname(struct builder *b, const char *name)
{
	struct ast_type *t = bnew_type(b, TS_NAME);
	t->name = bident(b, name);
	return t;
}

static struct ast_type *bipc(struct builder *b, enum ast_msgtype mt)
{
	struct ast_type *t = bnew_type(b, TS_IPC);
	struct ast_prim *p = arena_alloc(b->a, sizeof *p);
	p->kind = PRIM_MSGTYPE;
	p->msgtype = mt;
	p->text = types_ipcname(mt)->name;
	p->loc = t->loc;
	t->prim[0] = p;
	t->nprims = 1;
	return t;
}

static struct ast_expr *bnum(struct builder *b, int64_t v)
{
	struct ast_expr *e = arena_alloc(b->a, sizeof *e);
	e->kind = EXPR_NUM;
	e->value = v;
	e->loc = bloc(b);
	return e;
}

static struct ast_type *barray(struct builder *b, enum ast_array_kind k,
			       int64_t n, struct ast_type *elem)
{
	struct ast_type *t = bnew_type(b, TS_ARRAY);
	t->array_kind = k;
	t->bound = k == ARRAY_UNBOUNDED ? NULL : bnum(b, n);
	t->elem = elem;
	return t;
}

static struct ast_stmt *bstmt(struct builder *b, enum ast_stmt_kind k)
{
	struct ast_stmt *s = arena_alloc(b->a, sizeof *s);
	s->kind = k;
	s->loc = bloc(b);
	return s;
}

static struct ast_stmt *btypedecl(struct builder *b, const char *name,
				  struct ast_type *spec)
{
	struct ast_stmt *s = bstmt(b, ST_TYPE);
	s->u.type.name = bident(b, name);
	s->u.type.spec = spec;
	return s;
}

static struct ast_arg *barg(struct builder *b, enum ast_arg_kind k,
			    const char *name, const char *type)
{
	struct ast_arg *a = arena_alloc(b->a, sizeof *a);
	a->kind = k;
	a->name = bident(b, name);
	a->type = bname(b, type);
	return a;
}

/* A routine from a NULL-terminated list of arguments. */
static struct ast_stmt *broutine(struct builder *b, bool simple,
				 const char *name, ...)
{
	struct ast_stmt *s = bstmt(b, ST_ROUTINE);
	s->u.routine.simple = simple;
	s->u.routine.name = bident(b, name);
	struct ast_arg **tail = &s->u.routine.args;
	va_list ap;
	va_start(ap, name);
	for (struct ast_arg *a; (a = va_arg(ap, struct ast_arg *)) != NULL;) {
		*tail = a;
		tail = &a->next;
	}
	va_end(ap);
	return s;
}

/* Chain statements (NULL-terminated) into a file. */
static struct ast_file *bfile(struct builder *b, ...)
{
	struct ast_file *f = arena_alloc(b->a, sizeof *f);
	struct ast_stmt **tail = &f->stmts;
	va_list ap;
	va_start(ap, b);
	for (struct ast_stmt *s; (s = va_arg(ap, struct ast_stmt *)) != NULL;) {
		*tail = s;
		tail = &s->next;
	}
	va_end(ap);
	return f;
}

static struct ast_stmt *bsubsystem(struct builder *b, const char *name,
				   int64_t base)
{
	struct ast_stmt *s = bstmt(b, ST_SUBSYSTEM);
	s->u.subsystem.name = bident(b, name);
	s->u.subsystem.base = base;
	s->u.subsystem.base_loc = bloc(b);
	return s;
}

/* The worked example of section 4.3, built by hand. */
START_TEST(test_example_by_hand)
{
	struct run r;
	run_init(&r);
	struct builder b = { &r.a, { "demo.defs", NULL, 0 }, 0 };
	struct ast_file *f = bfile(&b,
		bsubsystem(&b, "demo", 4000),
		btypedecl(&b, "port_t", bipc(&b, MT_COPY_SEND)),
		btypedecl(&b, "bytes_t", barray(&b, ARRAY_BOUNDED, 64,
						bipc(&b, MT_BYTE))),
		broutine(&b, false, "put",
			 barg(&b, ARG_NONE, "server", "port_t"),
			 barg(&b, ARG_NONE, "tag", "int"),
			 barg(&b, ARG_NONE, "data", "bytes_t"),
			 barg(&b, ARG_NONE, "flags", "int"),
			 barg(&b, ARG_OUT, "rsp", "port_t"), NULL),
		NULL);
	struct m_interface *m = check_file(&r.a, &r.d, f, &r.opt);
	ck_assert_msg(m != NULL, "%s", diag_text(&r));
	const struct m_routine *put = routine(m, "put");
	const struct m_message *rq = &put->request, *rp = &put->reply;
	ck_assert_int_eq(put->request_id, 4000);
	ck_assert_int_eq(put->reply_id, 4100);
	ck_assert(!rq->complex);
	ck_assert(rq->has_ndr);
	expect_fields(rq, "Head NDR tag dataCnt data flags");
	ck_assert_int_eq(field(rq, "NDR")->offset, 24);
	ck_assert_int_eq(field(rq, "tag")->offset, 32);
	ck_assert_int_eq(field(rq, "dataCnt")->offset, 36);
	ck_assert_int_eq(field(rq, "data")->offset, 40);
	ck_assert_int_eq(field(rq, "data")->size, 64);
	ck_assert(field(rq, "data")->variable);
	ck_assert_ptr_eq(field(rq, "data")->count_field, field(rq, "dataCnt"));
	ck_assert_int_eq(field(rq, "flags")->offset, -1);
	ck_assert_int_eq(field(rq, "flags")->max_offset, 104);
	ck_assert_int_eq(rq->max_size, 108);
	ck_assert_int_eq(rq->min_size, 44);
	ck_assert(rp->complex);
	ck_assert(!rp->has_ndr);
	ck_assert(!rp->has_retcode);
	ck_assert_int_eq(rp->descriptor_count, 1);
	ck_assert_int_eq(rp->max_size, 40);
	expect_fields(rp, "Head msgh_body rsp");
	ck_assert_int_eq(field(rp, "rsp")->offset, 28);
	ck_assert_int_eq(field(rp, "rsp")->send_name, 19);
	ck_assert_int_eq(field(rp, "rsp")->recv_name, 17);
	/* data gets its count right after it */
	ck_assert_str_eq(put->args[3].name, "dataCnt");
	ck_assert(put->args[3].implicit);
	ck_assert_ptr_eq(put->args[3].parent, &put->args[2]);
	ck_assert_str_eq(field(rq, "data")->ctype, "uint8_t");
	run_fini(&r);
}
END_TEST

/* Hand-built: no subsystem, and an undefined type with a suggestion. */
START_TEST(test_errors_by_hand)
{
	struct run r;
	run_init(&r);
	struct builder b = { &r.a, { "x.defs", NULL, 0 }, 0 };
	struct ast_file *f = bfile(&b,
		btypedecl(&b, "bytes_t", barray(&b, ARRAY_BOUNDED, 64,
						bipc(&b, MT_BYTE))),
		btypedecl(&b, "other_t", bname(&b, "bytes")), NULL);
	ck_assert_ptr_null(check_file(&r.a, &r.d, f, &r.opt));
	expect_diag(&r, "error: no 'subsystem' statement; a file "
		    "of type declarations can only be included");
	expect_diag(&r, "error: type 'bytes' is not defined");
	expect_diag(&r, "note: did you mean 'bytes_t'?");
	run_fini(&r);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Layouts through the parser                                           */
/* ------------------------------------------------------------------ */

START_TEST(test_example_parsed)
{
	struct run r;
	run_init(&r);
	struct m_interface *m = run_src(&r,
		PREAMBLE
		"type bytes_t = array[*:64] of MACH_MSG_TYPE_BYTE;\n"
		"routine put(server: port_t; tag: int; data: bytes_t;\n"
		"            flags: int; out rsp: port_t);\n");
	ck_assert_msg(m != NULL, "%s", diag_text(&r));
	const struct m_routine *put = routine(m, "put");
	ck_assert_int_eq(put->request.max_size, 108);
	ck_assert_int_eq(field(&put->request, "flags")->max_offset, 104);
	ck_assert_int_eq(put->reply.max_size, 40);
	ck_assert_str_eq(m->demux, "demo_server");
	run_fini(&r);
}
END_TEST

START_TEST(test_layout_padding)
{
	struct run r;
	run_init(&r);
	struct m_interface *m = run_src(&r,
		PREAMBLE
		"type name_t = array[13] of char;\n"
		"type triple_t = struct[3] of int;\n"
		"type int64_t = MACH_MSG_TYPE_INTEGER_64;\n"
		"routine r(server: port_t; a: int64_t; n: name_t; t: triple_t;\n"
		"          b: int64_t);\n");
	ck_assert_msg(m != NULL, "%s", diag_text(&r));
	const struct m_message *rq = &routine(m, "r")->request;
	expect_fields(rq, "Head NDR a n nPad t b");
	ck_assert_int_eq(field(rq, "a")->offset, 32);
	ck_assert_int_eq(field(rq, "a")->size, 8);
	ck_assert_int_eq(field(rq, "n")->offset, 40);
	ck_assert_int_eq(field(rq, "n")->size, 13);
	ck_assert_str_eq(field(rq, "n")->ctype, "name_t");
	ck_assert_int_eq(field(rq, "nPad")->offset, 53);
	ck_assert_int_eq(field(rq, "nPad")->size, 3);
	ck_assert_int_eq(field(rq, "nPad")->array_len, 3);
	ck_assert_int_eq(field(rq, "t")->offset, 56);
	ck_assert_int_eq(field(rq, "t")->size, 12);
	/* 64-bit at an offset of 4 mod 8 (pack 4) */
	ck_assert_int_eq(field(rq, "b")->offset, 68);
	ck_assert_int_eq(rq->max_size, 76);
	ck_assert_int_eq(rq->min_size, 76);
	const struct m_type *nt = arg(routine(m, "r"), "n")->type;
	ck_assert(nt->needs_size_assert);
	ck_assert(!arg(routine(m, "r"), "server")->type->needs_size_assert);
	run_fini(&r);
}
END_TEST

START_TEST(test_layout_packed_arrays)
{
	struct run r;
	run_init(&r);
	struct m_interface *m = run_src(&r,
		PREAMBLE
		"type small_t = array[*:13] of char;\n"
		"type ints_t = array[*:4] of int;\n"
		"type str_t = c_string[*:32];\n"
		"routine r(server: port_t; s: small_t; i: ints_t; j: ints_t,\n"
		"          SameCount; c: str_t; last: int);\n");
	ck_assert_msg(m != NULL, "%s", diag_text(&r));
	const struct m_routine *rt = routine(m, "r");
	const struct m_message *rq = &rt->request;
	expect_fields(rq, "Head NDR sCnt s sPad iCnt i j cOffset cCnt c last");
	ck_assert_int_eq(field(rq, "s")->offset, 36);
	ck_assert(field(rq, "sPad")->variable_pad);
	ck_assert_int_eq(field(rq, "iCnt")->offset, -1);
	ck_assert_int_eq(field(rq, "iCnt")->max_offset, 52);
	ck_assert_ptr_eq(field(rq, "j")->count_field, field(rq, "iCnt"));
	ck_assert_int_eq(field(rq, "c")->size, 32);
	ck_assert_int_eq(rq->max_size, 36 + 16 + 4 + 16 + 16 + 8 + 32 + 4);
	ck_assert_int_eq(rq->min_size, 32 + 4 + 4 + 8 + 4);
	/* SameCount: no jCnt argument, the count is shared */
	ck_assert(arg(rt, "j")->count_shared);
	ck_assert_ptr_eq(arg(rt, "j")->count, arg(rt, "iCnt"));
	for (int i = 0; i < rt->nargs; i++)
		ck_assert_str_ne(rt->args[i].name, "jCnt");
	/* a variable string has no count in C */
	for (int i = 0; i < rt->nargs; i++)
		ck_assert_str_ne(rt->args[i].name, "cCnt");
	run_fini(&r);
}
END_TEST

START_TEST(test_layout_ndr_rules)
{
	struct run r;
	run_init(&r);
	struct m_interface *m = run_src(&r,
		PREAMBLE
		"type page_t = ^array[16] of MACH_MSG_TYPE_BYTE;\n"
		"routine ool(server: port_t; p: page_t);\n"
		"routine ports(server: port_t; a: port_t; b: port_t);\n"
		"routine nothing(server: port_t);\n"
		"simpleroutine s(server: port_t; v: int);\n"
		"routine o(server: port_t; out v: int);\n");
	ck_assert_msg(m != NULL, "%s", diag_text(&r));
	const struct m_message *rq = &routine(m, "ool")->request;
	expect_fields(rq, "Head msgh_body p NDR");
	ck_assert(rq->complex && rq->has_ndr);
	ck_assert_int_eq(rq->max_size, 52);
	ck_assert_int_eq(field(rq, "p")->desc_count, 16);
	rq = &routine(m, "ports")->request;
	expect_fields(rq, "Head msgh_body a b");
	ck_assert(!rq->has_ndr);
	ck_assert_int_eq(rq->descriptor_count, 2);
	ck_assert_int_eq(rq->max_size, 52);
	rq = &routine(m, "nothing")->request;
	expect_fields(rq, "Head");
	ck_assert_int_eq(rq->max_size, 24);
	const struct m_message *rp = &routine(m, "nothing")->reply;
	expect_fields(rp, "Head NDR RetCode");
	ck_assert_int_eq(rp->max_size, 36);
	/* simpleroutine: the reply is never sent */
	rp = &routine(m, "s")->reply;
	ck_assert(!rp->present);
	ck_assert_int_eq(rp->max_size, 36);
	ck_assert_int_eq(routine(m, "s")->reply_id, 4003 + 100);
	rp = &routine(m, "o")->reply;
	expect_fields(rp, "Head NDR RetCode v");
	ck_assert_int_eq(field(rp, "v")->offset, 36);
	run_fini(&r);
}
END_TEST

START_TEST(test_layout_descriptors)
{
	struct run r;
	run_init(&r);
	struct m_interface *m = run_src(&r,
		PREAMBLE
		"type ports_t = array[*:4] of port_t;\n"
		"type fixed_t = array[3] of port_t;\n"
		"type oolp_t = array[] of port_t;\n"
		"type data_t = array[] of int;\n"
		"type region_t = ^array[*:64] of MACH_MSG_TYPE_BYTE;\n"
		"routine r(server: port_t; x: int; p: ports_t; f: fixed_t;\n"
		"          o: oolp_t; d: data_t, Dealloc; g: region_t,\n"
		"          Dealloc[], PhysicalCopy);\n");
	ck_assert_msg(m != NULL, "%s", diag_text(&r));
	const struct m_routine *rt = routine(m, "r");
	const struct m_message *rq = &rt->request;
	expect_fields(rq, "Head msgh_body p f o d g NDR x pCnt oCnt dCnt gCnt");
	ck_assert_int_eq(rq->descriptor_count, 4 + 3 + 3);
	ck_assert_int_eq(field(rq, "p")->array_len, 4);
	ck_assert_int_eq(field(rq, "p")->size, 48);
	ck_assert_int_eq(field(rq, "f")->offset, 28 + 48);
	ck_assert_int_eq(field(rq, "o")->kind, F_OOL_PORTS_DESC);
	ck_assert_int_eq(field(rq, "d")->kind, F_OOL_DESC);
	ck_assert_int_eq(field(rq, "d")->dealloc, MD_TRUE);
	ck_assert_int_eq(field(rq, "g")->dealloc, MD_RUNTIME);
	ck_assert(field(rq, "g")->physical_copy);
	ck_assert(field(rq, "g")->desc_variable);
	ck_assert_int_eq(field(rq, "NDR")->offset, 28 + 48 + 36 + 48);
	ck_assert_int_eq(rq->max_size, 28 + 48 + 36 + 48 + 8 + 20);
	/* implicit arguments follow their argument: g, gCnt, gDealloc */
	const struct m_arg *g = arg(rt, "g");
	ck_assert_str_eq(rt->args[g->index + 1].name, "gCnt");
	ck_assert_str_eq(rt->args[g->index + 2].name, "gDealloc");
	ck_assert(rt->args[g->index + 2].user_param);
	ck_assert(!rt->args[g->index + 2].server_param);
	/* in array[] arguments are freed by the server stub */
	ck_assert(arg(rt, "d")->flags & AF_AUTO);
	ck_assert(!(arg(rt, "g")->flags & AF_AUTO));
	run_fini(&r);
}
END_TEST

START_TEST(test_layout_complex_reply)
{
	struct run r;
	run_init(&r);
	struct m_interface *m = run_src(&r,
		PREAMBLE
		"type data_t = ^array[] of MACH_MSG_TYPE_BYTE;\n"
		"routine r(server: port_t; out d: data_t; out n: int);\n");
	ck_assert_msg(m != NULL, "%s", diag_text(&r));
	const struct m_routine *rt = routine(m, "r");
	const struct m_message *rp = &rt->reply;
	expect_fields(rp, "Head msgh_body d NDR dCnt n");
	ck_assert(rp->complex && !rp->has_retcode);
	ck_assert_int_eq(rp->max_size, 28 + 16 + 8 + 4 + 4);
	ck_assert(arg(rt, "dCnt")->user_by_pointer);
	ck_assert(arg(rt, "dCnt")->server_by_pointer);
	ck_assert(arg(rt, "d")->user_by_pointer);
	ck_assert(arg(rt, "n")->user_by_pointer);
	run_fini(&r);
}
END_TEST

START_TEST(test_countinout)
{
	struct run r;
	run_init(&r);
	struct m_interface *m = run_src(&r,
		PREAMBLE
		"type info_t = array[*:8] of int;\n"
		"routine r(server: port_t; out i: info_t, CountInOut);\n");
	ck_assert_msg(m != NULL, "%s", diag_text(&r));
	const struct m_routine *rt = routine(m, "r");
	expect_fields(&rt->request, "Head NDR iCnt");
	ck_assert(field(&rt->request, "iCnt")->capacity);
	ck_assert_int_eq(rt->request.max_size, 36);
	expect_fields(&rt->reply, "Head NDR RetCode iCnt i");
	ck_assert(arg(rt, "iCnt")->in_request && arg(rt, "iCnt")->in_reply);
	run_fini(&r);
}
END_TEST

START_TEST(test_poly)
{
	struct run r;
	run_init(&r);
	struct m_interface *m = run_src(&r,
		PREAMBLE
		"type poly_t = polymorphic;\n"
		"type polys_t = array[] of poly_t;\n"
		"type reply_t = MACH_MSG_TYPE_MAKE_SEND_ONCE|polymorphic;\n"
		"routine r(server: port_t; p: poly_t; out q: poly_t;\n"
		"          a: polys_t; sreplyport rep: reply_t);\n");
	ck_assert_msg(m != NULL, "%s", diag_text(&r));
	const struct m_routine *rt = routine(m, "r");
	const struct m_arg *p = arg(rt, "p"), *pp = arg(rt, "pPoly");
	ck_assert(p->poly_send_user && p->poly_recv_server);
	ck_assert(pp->user_param && !pp->user_by_pointer);
	ck_assert(pp->server_param && !pp->server_by_pointer);
	const struct m_arg *qp = arg(rt, "qPoly");
	ck_assert(qp->user_by_pointer && qp->server_by_pointer);
	/* x, xPoly, xCnt */
	const struct m_arg *a = arg(rt, "a");
	ck_assert_str_eq(rt->args[a->index + 1].name, "aPoly");
	ck_assert_str_eq(rt->args[a->index + 2].name, "aCnt");
	const struct m_arg *rp = arg(rt, "repPoly");
	ck_assert(rp->server_param && !rp->user_param);
	ck_assert_ptr_eq(rt->reply_port, arg(rt, "rep"));
	ck_assert(!rt->reply_by_user);
	run_fini(&r);
}
END_TEST

START_TEST(test_ids_and_skips)
{
	struct run r;
	run_init(&r);
	struct m_interface *m = run_src(&r,
		"subsystem s 100;\n"
		"type port_t = MACH_MSG_TYPE_COPY_SEND;\n"
		"skip;\n"
		"routine a(p: port_t);\n"
		"skip 3;\n"
		"simpleroutine b(p: port_t);\n"
		"skip;\n");
	ck_assert_msg(m != NULL, "%s", diag_text(&r));
	ck_assert_int_eq(m->count, 7);
	ck_assert(m->routines[0].skip);
	ck_assert_int_eq(m->routines[0].request_id, 100);
	ck_assert_int_eq(routine(m, "a")->request_id, 101);
	ck_assert_int_eq(routine(m, "a")->number, 1);
	ck_assert(m->routines[2].skip && m->routines[4].skip);
	ck_assert_int_eq(routine(m, "b")->request_id, 105);
	ck_assert_int_eq(routine(m, "b")->reply_id, 205);
	ck_assert(m->routines[6].skip);
	run_fini(&r);
}
END_TEST

START_TEST(test_prefixes)
{
	struct run r;
	run_init(&r);
	r.opt.prefix = "g_";
	struct m_interface *m = run_src(&r,
		PREAMBLE
		"routine a(p: port_t);\n"
		"UserPrefix u_;\n"
		"ServerPrefix s_;\n"
		"routine b(p: port_t);\n"
		"ServerDemux my_demux;\n");
	ck_assert_msg(m != NULL, "%s", diag_text(&r));
	ck_assert_str_eq(routine(m, "a")->user_function, "g_a");
	ck_assert_str_eq(routine(m, "a")->server_function, "g_a");
	ck_assert_str_eq(routine(m, "b")->user_function, "g_u_b");
	ck_assert_str_eq(routine(m, "b")->server_function, "g_s_b");
	ck_assert_str_eq(m->demux, "g_my_demux");
	ck_assert_str_eq(m->user_prefix, "u_");
	ck_assert_str_eq(m->server_prefix, "s_");
	run_fini(&r);
}
END_TEST

START_TEST(test_sticky_options)
{
	struct run r;
	run_init(&r);
	struct m_interface *m = run_src(&r,
		PREAMBLE
		"routine a(p: port_t);\n"
		"WaitTime 100;\n"
		"MsgOption MACH_SEND_ALWAYS|MACH_RCV_LARGE;\n"
		"ConsumeOnSendError Timeout;\n"
		"routine b(p: port_t);\n"
		"routine c(p: port_t; waittime t: int);\n"
		"NoWaitTime;\n"
		"MsgOption MACH_MSG_OPTION_NONE;\n"
		"routine d(p: port_t);\n");
	ck_assert_msg(m != NULL, "%s", diag_text(&r));
	ck_assert_ptr_null(routine(m, "a")->wait_time);
	ck_assert_str_eq(routine(m, "b")->wait_time, "100");
	ck_assert_str_eq(routine(m, "b")->msg_option,
			 "MACH_SEND_ALWAYS|MACH_RCV_LARGE");
	ck_assert_int_eq(routine(m, "b")->consume, CONSUME_TIMEOUT);
	ck_assert_ptr_null(routine(m, "c")->wait_time);
	ck_assert_ptr_eq(routine(m, "c")->waittime_arg,
			 arg(routine(m, "c"), "t"));
	ck_assert(!arg(routine(m, "c"), "t")->server_param);
	ck_assert_ptr_null(routine(m, "d")->wait_time);
	ck_assert_ptr_null(routine(m, "d")->msg_option);
	expect_no_diag(&r, "leak rights");
	run_fini(&r);
}
END_TEST

START_TEST(test_ctypes)
{
	struct run r;
	run_init(&r);
	struct m_interface *m = run_src(&r,
		PREAMBLE
		"type a_t = int CType: long_t;\n"
		"type b_t = a_t;\n"
		"type c_t = port_t CUserType: cu_t CServerType: cs_t\n"
		"   InTran: tr_t conv(cs_t) Destructor: done(tr_t);\n"
		"routine r(server: port_t; a: a_t; b: b_t; c: c_t);\n");
	ck_assert_msg(m != NULL, "%s", diag_text(&r));
	const struct m_routine *rt = routine(m, "r");
	const struct m_type *a = arg(rt, "a")->type, *b = arg(rt, "b")->type;
	const struct m_type *c = arg(rt, "c")->type;
	ck_assert_str_eq(a->user_ctype, "long_t");
	ck_assert_str_eq(a->server_ctype, "long_t");
	/* type b = a copies the shape, not the C types */
	ck_assert_str_eq(b->user_ctype, "b_t");
	ck_assert_int_eq(b->size, 4);
	ck_assert_str_eq(c->user_ctype, "cu_t");
	ck_assert_str_eq(c->server_ctype, "cs_t");
	ck_assert_str_eq(c->trans_ctype, "tr_t");
	ck_assert_str_eq(c->intran, "conv");
	ck_assert_str_eq(c->destructor, "done");
	ck_assert_str_eq(field(&rt->request, "a")->ctype, "long_t");
	run_fini(&r);
}
END_TEST

/* XNU's vnode_ptr_t: `array[1] of int' in the .defs, `int *' in C.  The
   message holds the pointer (Apple lays it out from the C type); the
   routine table counts the .defs' one word. */
START_TEST(test_pointer_ctype)
{
	struct run r;
	run_init(&r);
	struct m_interface *m = run_src(&r,
		PREAMBLE
		"type uintptr_t = MACH_MSG_TYPE_INTEGER_32;\n"
		"type vnode_ptr_t = array[1] of int;\n"
		"type word_t = array[1] of int;\n"
		"routine r(server: port_t; v: vnode_ptr_t; n: int);\n"
		"routine w(server: port_t; v: word_t; n: int);\n");
	ck_assert_msg(m != NULL, "%s", diag_text(&r));
	const struct m_routine *rt = routine(m, "r");
	const struct m_type *v = arg(rt, "v")->type;
	/* the target's pointer: uintptr_t as last declared (32 bits here) */
	ck_assert_int_eq(v->kind, MTK_DATA);
	ck_assert_int_eq(v->size, 4);
	ck_assert_str_eq(v->user_ctype, "vnode_ptr_t");
	ck_assert_str_eq(field(&rt->request, "v")->ctype, "vnode_ptr_t");
	ck_assert_int_eq(rt->argc, 3);
	/* an array of another name stays an array */
	ck_assert_int_ne(arg(routine(m, "w"), "v")->type->kind, MTK_DATA);
	run_fini(&r);

	run_init(&r);
	m = run_src(&r,
		PREAMBLE
		"type vnode_ptr_t = array[1] of int;\n"
		"routine r(server: port_t; v: vnode_ptr_t; n: int);\n");
	ck_assert_msg(m != NULL, "%s", diag_text(&r));
	rt = routine(m, "r");
	ck_assert_int_eq(field(&rt->request, "v")->offset, 32);
	ck_assert_int_eq(field(&rt->request, "v")->size, 8);
	ck_assert_int_eq(field(&rt->request, "n")->offset, 40);
	ck_assert_int_eq(rt->request.max_size, 44);
	ck_assert(arg(rt, "v")->type->needs_size_assert);
	ck_assert_int_eq(arg(rt, "v")->argc_words, 1);
	ck_assert_int_eq(rt->argc, 3);
	run_fini(&r);
}
END_TEST

START_TEST(test_argc)
{
	struct run r;
	run_init(&r);
	struct m_interface *m = run_src(&r,
		PREAMBLE
		"type i64_t = MACH_MSG_TYPE_INTEGER_64;\n"
		"type t3_t = struct[3] of int;\n"
		"type sh_t = MACH_MSG_TYPE_INTEGER_16;\n"
		"type ints_t = array[*:4] of int;\n"
		"type sec_t = struct[2] of int;\n"
		"type aud_t = struct[8] of int;\n"
		"routine r(server: port_t; a: i64_t; b: t3_t; c: sh_t;\n"
		"          out d: i64_t; e: ints_t; msgseqno n: int);\n"
		"routine t(server: port_t; serversectoken s: sec_t;\n"
		"          audittoken a: aud_t; usersectoken u: sec_t;\n"
		"          servercontexttoken c: i64_t);\n");
	ck_assert_msg(m != NULL, "%s", diag_text(&r));
	/* 1 + 2 + 3 + 1 + 1 + (1 + 1) + 1 */
	ck_assert_int_eq(routine(m, "r")->argc, 11);
	/* trailer arguments count in words, as in Apple's table:
	   1 + 2 + 8 + (user side only: 0) + 2 */
	ck_assert_int_eq(routine(m, "t")->argc, 13);
	ck_assert_int_eq(routine(m, "r")->server_trailer, TE_SEQNO);
	ck_assert_int_eq(routine(m, "r")->request.trailer, TE_SEQNO);
	run_fini(&r);
}
END_TEST

START_TEST(test_retcode)
{
	struct run r;
	run_init(&r);
	struct m_interface *m = run_src(&r,
		PREAMBLE
		"simpleroutine a(server: port_t; rc: int, RetCode; p: port_t);\n"
		"simpleroutine b(server: port_t; rc: int, RetCode);\n");
	ck_assert_msg(m != NULL, "%s", diag_text(&r));
	const struct m_routine *a = routine(m, "a"), *b = routine(m, "b");
	ck_assert_ptr_eq(a->retcode_arg, arg(a, "rc"));
	expect_fields(&a->request, "Head msgh_body p");
	ck_assert_ptr_null(b->retcode_arg);
	expect_fields(&b->request, "Head NDR rc");
	run_fini(&r);
}
END_TEST

START_TEST(test_gnu_types)
{
	struct run r;
	run_init(&r);
	struct m_interface *m = run_src(&r,
		PREAMBLE
		"type short = MACH_MSG_TYPE_INTEGER_16;\n"
		"type s_t = struct { char c; int64_t_x v; };\n");
	ck_assert_ptr_null(m);
	expect_diag(&r, "type 'int64_t_x' is not defined");
	run_fini(&r);
	run_init(&r);
	m = run_src(&r,
		PREAMBLE
		"type i64 = MACH_MSG_TYPE_INTEGER_64;\n"
		"type s_t = struct { char c; i64 v; short s; };\n"
		"type str_t = (MACH_MSG_TYPE_STRING_C, 8*40);\n"
		"type w_t = (MACH_MSG_TYPE_INTEGER_32, 96);\n"
		"type f_t = (MACH_MSG_TYPE_REAL, 64);\n"
		"routine r(server: port_t; s: s_t; t: str_t; w: w_t; f: f_t);\n");
	ck_assert_msg(m != NULL, "%s", diag_text(&r));
	const struct m_routine *rt = routine(m, "r");
	ck_assert_int_eq(arg(rt, "s")->type->size, 24);
	ck_assert_int_eq(arg(rt, "t")->type->kind, MTK_CSTRING);
	ck_assert_int_eq(arg(rt, "t")->type->size, 40);
	ck_assert_int_eq(arg(rt, "w")->type->size, 12);
	ck_assert_int_eq(arg(rt, "w")->argc_words, 3);
	ck_assert_int_eq(arg(rt, "f")->type->size, 8);
	run_fini(&r);
}
END_TEST

START_TEST(test_trailer_args)
{
	struct run r;
	run_init(&r);
	struct m_interface *m = run_src(&r,
		PREAMBLE
		"type tok_t = struct[2] of int;\n"
		"type aud_t = struct[8] of int;\n"
		"routine r(server: port_t; sectoken s: tok_t;\n"
		"          serveraudittoken a: aud_t);\n");
	ck_assert_msg(m != NULL, "%s", diag_text(&r));
	const struct m_routine *rt = routine(m, "r");
	ck_assert_int_eq(rt->user_trailer, TE_SENDER);
	ck_assert_int_eq(rt->server_trailer, TE_AUDIT);
	ck_assert(arg(rt, "s")->server_by_pointer);
	ck_assert(arg(rt, "s")->user_by_pointer);
	ck_assert(!arg(rt, "a")->server_by_pointer);
	ck_assert(!arg(rt, "a")->user_param);
	expect_fields(&rt->request, "Head");
	run_fini(&r);
}
END_TEST

/* ------------------------------------------------------------------ */
/* Diagnostics                                                          */
/* ------------------------------------------------------------------ */

START_TEST(test_err_undefined_type)
{
	expect_error(PREAMBLE
		     "type bytes_t = array[*:8] of char;\n"
		     "routine r(server: port_t; data: bytes);\n",
		     "t.defs:4:33: error: type 'bytes' is not defined");
	expect_error(PREAMBLE
		     "type bytes_t = array[*:8] of char;\n"
		     "routine r(server: port_t; data: bytes);\n",
		     "t.defs:3:6: note: did you mean 'bytes_t'?");
}
END_TEST

START_TEST(test_err_failed_decl_silent)
{
	struct run r;
	run_init(&r);
	ck_assert_ptr_null(run_src(&r,
		PREAMBLE
		"type bad_t = array[0] of int;\n"
		"routine r(server: port_t; x: bad_t);\n"
		"routine s(server: port_t; x: bad_t);\n"));
	expect_diag(&r, "array bound must be between 1 and 2147483647");
	expect_no_diag(&r, "'bad_t' is not defined");
	ck_assert_int_eq(r.d.errors, 1);
	run_fini(&r);
}
END_TEST

START_TEST(test_err_type_only)
{
	expect_error("type a_t = int;\n",
		     "t.defs:1:1: error: no 'subsystem' statement; a file of "
		     "type declarations can only be included");
}
END_TEST

START_TEST(test_err_subsystems)
{
	expect_error("subsystem a 100;\nsubsystem b 200;\n",
		     "t.defs:2:1: error: second 'subsystem' statement");
}
END_TEST

START_TEST(test_err_routines)
{
	expect_error(PREAMBLE "routine r(p: port_t);\nroutine r(p: port_t);\n",
		     "t.defs:4:9: error: routine 'r' is already declared");
	expect_error(PREAMBLE "routine r(p: port_t);\nroutine r(p: port_t);\n",
		     "t.defs:3:9: note: previous declaration");
	expect_error(PREAMBLE "routine r(p: port_t; x: int; x: int);\n",
		     "t.defs:3:30: error: argument 'x' is already declared");
	expect_error(PREAMBLE "routine r(in x: int);\n",
		     "t.defs:3:9: error: routine 'r' has no request port "
		     "argument");
	expect_error(PREAMBLE "routine r(p: int);\n",
		     "t.defs:3:11: error: argument 'p' is not a proper request "
		     "port");
	expect_error(PREAMBLE "simpleroutine r(p: port_t; out x: int);\n",
		     "t.defs:3:32: error: simpleroutine 'r' has an out "
		     "argument 'x'");
	expect_error(PREAMBLE "routine r(p: port_t; x: int, RetCode);\n",
		     "t.defs:3:30: error: RetCode is only allowed in a "
		     "simpleroutine");
	expect_error(PREAMBLE "type v_t = array[*:4] of int;\n"
		     "routine r(p: port_t; inout x: v_t);\n",
		     "t.defs:4:28: error: inline variable-sized argument 'x' "
		     "cannot be InOut");
	expect_error(PREAMBLE "routine r(p: port_t; out x: int, Overwrite);\n",
		     "error: Overwrite is only allowed on out-of-line out "
		     "data");
	expect_error(PREAMBLE "routine r(p: port_t; ServerImpl x: int);\n",
		     "t.defs:3:22: error: ServerImpl/UserImpl arguments are "
		     "not supported");
}
END_TEST

START_TEST(test_err_types)
{
	expect_error(PREAMBLE "type x = MACH_MSG_TYPE_INTEGER_8|"
		     "MACH_MSG_TYPE_INTEGER_32;\n",
		     "error: sizes in IPC type pair differ (8, 32)");
	expect_error(PREAMBLE "type x = MACH_MSG_TYPE_STRING_C;\n",
		     "error: 'MACH_MSG_TYPE_STRING_C' has no size; give one "
		     "with the long form");
	expect_error(PREAMBLE "type x = ^^int;\n",
		     "error: '^int' is already out of line");
	expect_error(PREAMBLE "type v = array[*:4] of int;\n"
		     "type x = array[4] of v;\n",
		     "t.defs:4:10: error: type is too complicated");
	expect_error(PREAMBLE "type v = array[*:4] of int\n"
		     "  InTran: w_t f(v);\n",
		     "error: variable-sized arrays cannot be translated");
	expect_error(PREAMBLE "type x = array[0] of int;\n",
		     "t.defs:3:16: error: array bound must be between 1 and "
		     "2147483647");
	expect_error(PREAMBLE "type x = array[65536*65536] of int;\n",
		     "error: array bound must be between 1 and 2147483647");
	expect_error(PREAMBLE "type x = array[4/(2-2)] of int;\n",
		     "t.defs:3:17: error: division by zero");
	expect_error(PREAMBLE "type x = array[2-3] of int;\n",
		     "error: array bound must be between 1 and 2147483647");
	expect_error(PREAMBLE "type o = ^array[] of int;\n"
		     "type x = array[*:4] of o;\n",
		     "error: arrays of out-of-line regions are not supported");
	expect_error(PREAMBLE "type x = (MACH_MSG_TYPE_REAL, 48);\n",
		     "error: MACH_MSG_TYPE_REAL must have 32 or 64 bits");
}
END_TEST

START_TEST(test_err_trailers)
{
	expect_error(PREAMBLE "type foo_t = MACH_MSG_TYPE_INTEGER_64;\n"
		     "routine r(p: port_t; msgseqno n: foo_t);\n",
		     "t.defs:4:31: error: MsgSeqno argument 'n' must be a "
		     "4-byte type, 'foo_t' is 8");
	expect_error("subsystem KernelServer k 100;\n"
		     "type port_t = MACH_MSG_TYPE_COPY_SEND;\n"
		     "routine r(p: port_t; msgseqno n: int);\n",
		     "error: MsgSeqno argument 'n' would be read on the kernel "
		     "side of a KernelServer subsystem");
	expect_warning("subsystem KernelUser k 100;\n"
		       "type port_t = MACH_MSG_TYPE_COPY_SEND;\n"
		       "routine r(p: port_t; msgseqno n: int);\n",
		       "");
}
END_TEST

START_TEST(test_err_ids_and_limits)
{
	expect_error("subsystem s 2147483600;\n"
		     "type port_t = MACH_MSG_TYPE_COPY_SEND;\n"
		     "routine a(p: port_t);\n",
		     "t.defs:1:13: error: message ids overflow");
	expect_warning(PREAMBLE "skip 150;\n", "spans 150 ids");
	expect_error(PREAMBLE "ConsumeOnSendError Sometimes;\n",
		     "error: invalid ConsumeOnSendError value 'Sometimes'");
	struct run r;
	run_init(&r);
	r.opt.max_descrs = 1;
	ck_assert_ptr_null(run_src(&r, PREAMBLE
				   "routine r(p: port_t; a: port_t; b: port_t);\n"));
	expect_diag(&r, "t.defs:3:9: error: routine 'r' has 2 request "
		    "descriptors, more than -max_descrs 1");
	run_fini(&r);
	expect_error(PREAMBLE "type big_t = array[*:60000000] of char;\n"
		     "routine r(p: port_t; b: big_t);\n",
		     "more than the kernel maximum of 50331580");
}
END_TEST

START_TEST(test_warnings)
{
	expect_warning(PREAMBLE "type int = MACH_MSG_TYPE_INTEGER_32;\n"
		       "type a_t = int;\ntype a_t = int;\n",
		       "t.defs:5:6: warning: redefinition of type 'a_t'");
	expect_warning(PREAMBLE "routine r(p: port_t; x: int, Dealloc);\n",
		       "warning: Dealloc on argument 'x' ignored");
	expect_warning(PREAMBLE "type o = ^array[] of int;\n"
		       "routine r(p: port_t; x: o, Dealloc, Dealloc);\n",
		       "warning: redundant flag 'Dealloc' ignored");
	expect_warning(PREAMBLE "UseSpecialReplyPort 1;\n",
		       "warning: UseSpecialReplyPort ignored");
	expect_warning(PREAMBLE "skip 0;\n", "'skip 0' has no effect");
	expect_warning(PREAMBLE "type x = (MACH_MSG_TYPE_INTEGER_32, 32, "
		       "IsLong);\n", "warning: IsLong ignored");
	expect_warning(PREAMBLE "SendTime 10;\nroutine r(p: port_t);\n",
		       "warning: routine 'r' has a timeout and may leak rights "
		       "on a send timeout; consider 'ConsumeOnSendError "
		       "Timeout'");
	expect_warning(PREAMBLE "type a_t = int CType: x_t CType: y_t;\n",
		       "warning: conflicting user types (x_t, y_t)");
	expect_warning(PREAMBLE "type o = ^array[] of int;\n"
		       "routine r(p: port_t; x: o, Dealloc, NotDealloc);\n",
		       "warning: Dealloc and NotDealloc cancel out");
	expect_warning(PREAMBLE "type o = ^array[] of int;\n"
		       "routine r(p: port_t; out x: o, CountInOut);\n",
		       "warning: CountInOut ignored on argument 'x'");
	expect_warning(PREAMBLE "type t = port_t InTran: t_t f(port_t);\n"
		       "routine r(p: port_t; out x: t);\n",
		       "warning: argument 'x' has no out-translation function");
	expect_warning("subsystem KernelServer k 100;\n",
		       "warning: KernelServer subsystem 'k' has no InTran");
	/* predefined names are redefined silently */
	struct run r;
	run_init(&r);
	ck_assert_ptr_nonnull(run_src(&r, PREAMBLE
			      "type int = MACH_MSG_TYPE_INTEGER_32;\n"));
	expect_no_diag(&r, "redefinition");
	run_fini(&r);
}
END_TEST

START_TEST(test_many_errors_keep_going)
{
	struct run r;
	run_init(&r);
	ck_assert_ptr_null(run_src(&r,
		PREAMBLE
		"type a = array[0] of int;\n"
		"routine r(p: port_t; x: nosuch_t);\n"
		"simpleroutine s(p: port_t; out y: int);\n"));
	ck_assert_int_eq(r.d.errors, 3);
	run_fini(&r);
}
END_TEST

START_TEST(test_model_dump)
{
	struct run r;
	run_init(&r);
	struct m_interface *m = run_src(&r, PREAMBLE
		"type bytes_t = array[*:64] of MACH_MSG_TYPE_BYTE;\n"
		"routine put(server: port_t; data: bytes_t; out rsp: port_t);\n"
		"skip;\n");
	ck_assert_msg(m != NULL, "%s", diag_text(&r));
	ck_assert_str_eq(m->source, "t.defs");
	ck_assert_str_eq(m->source_base, "t.defs");
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	model_dump(m, out);
	fclose(out);
	ck_assert_ptr_nonnull(strstr(buf, "subsystem demo base 4000 count 2"));
	ck_assert_ptr_nonnull(strstr(buf, "routine put (id 4000, reply 4100)"));
	ck_assert_ptr_nonnull(strstr(buf, "1: skip (id 4001)"));
	free(buf);
	run_fini(&r);
}
END_TEST

/* Every allocation failing in turn: no crash, NULL or a model. */
START_TEST(test_alloc_failures)
{
	const char *src = PREAMBLE
		"type bytes_t = array[*:64] of MACH_MSG_TYPE_BYTE;\n"
		"routine put(server: port_t; tag: int; data: bytes_t;\n"
		"            flags: int; out rsp: port_t);\n";
	for (unsigned long n = 1; n < 400; n++) {
		struct run r;
		run_init(&r);
		struct ast_file *f = ast_parse(&r.a, &r.d, "t.defs", src,
					       strlen(src));
		if (f) {
			arena_fail_after(n);
			check_file(&r.a, &r.d, f, &r.opt);
			arena_fail_after(0);
		}
		run_fini(&r);
	}
}
END_TEST

Suite *check_suite(void)
{
	Suite *s = suite_create("check");
	TCase *tc = tcase_create("by_hand");
	tcase_add_test(tc, test_example_by_hand);
	tcase_add_test(tc, test_errors_by_hand);
	suite_add_tcase(s, tc);

	tc = tcase_create("layout");
	tcase_add_test(tc, test_example_parsed);
	tcase_add_test(tc, test_layout_padding);
	tcase_add_test(tc, test_layout_packed_arrays);
	tcase_add_test(tc, test_layout_ndr_rules);
	tcase_add_test(tc, test_layout_descriptors);
	tcase_add_test(tc, test_layout_complex_reply);
	tcase_add_test(tc, test_countinout);
	tcase_add_test(tc, test_retcode);
	suite_add_tcase(s, tc);

	tc = tcase_create("model");
	tcase_add_test(tc, test_poly);
	tcase_add_test(tc, test_ids_and_skips);
	tcase_add_test(tc, test_prefixes);
	tcase_add_test(tc, test_sticky_options);
	tcase_add_test(tc, test_ctypes);
	tcase_add_test(tc, test_pointer_ctype);
	tcase_add_test(tc, test_argc);
	tcase_add_test(tc, test_gnu_types);
	tcase_add_test(tc, test_trailer_args);
	suite_add_tcase(s, tc);

	tc = tcase_create("diagnostics");
	tcase_add_test(tc, test_err_undefined_type);
	tcase_add_test(tc, test_err_failed_decl_silent);
	tcase_add_test(tc, test_err_type_only);
	tcase_add_test(tc, test_err_subsystems);
	tcase_add_test(tc, test_err_routines);
	tcase_add_test(tc, test_err_types);
	tcase_add_test(tc, test_err_trailers);
	tcase_add_test(tc, test_err_ids_and_limits);
	tcase_add_test(tc, test_warnings);
	tcase_add_test(tc, test_many_errors_keep_going);
	tcase_add_test(tc, test_model_dump);
	tcase_add_test(tc, test_alloc_failures);
	suite_add_tcase(s, tc);
	return s;
}
