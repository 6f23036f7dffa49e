/*
 * test_emit.c - the emitters and the code writer.
 *
 * The YAML description is parsed back with libyaml's parser and compared
 * with the model it came from (subsystem, ids, fields and offsets); the
 * C outputs are checked for the conventions of section 4.2 and for being
 * byte-identical from run to run; the writer's indentation, blocks and
 * buffer handling are tested directly.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "arena.h"
#include "ast.h"
#include "diag.h"
#include "emit.h"
#include "model.h"
#include "options.h"
#include "writer.h"

#include "support/suites.h"

static const char demo_src[] =
	"subsystem demo 4000;\n"
	"type int = MACH_MSG_TYPE_INTEGER_32;\n"
	"type port_t = MACH_MSG_TYPE_COPY_SEND;\n"
	"type bytes_t = array[*:64] of MACH_MSG_TYPE_BYTE;\n"
	"routine put(server: port_t; tag: int; data: bytes_t; flags: int;\n"
	"            out rsp: port_t);\n"
	"skip;\n"
	"simpleroutine ping(server: port_t; x: int);\n";

struct run {
	struct arena a;
	struct diag d;
	struct mig_options opt;
	struct m_interface *m;
};

static void run_init(struct run *r, const char *src)
{
	struct ast_file *f;

	memset(r, 0, sizeof *r);
	arena_init(&r->a);
	diag_init(&r->d, &r->a, NULL);
	r->d.show_source = false;
	r->opt.prefix = "";
	r->opt.subrprefix = "";
	r->opt.max_errors = 50;
	f = ast_parse(&r->a, &r->d, "demo.defs", src, strlen(src));
	ck_assert_ptr_nonnull(f);
	r->m = check_file(&r->a, &r->d, f, &r->opt);
	ck_assert_msg(r->m != NULL, "check failed: %s",
		      r->d.text ? r->d.text : "");
}

static void run_fini(struct run *r)
{
	diag_fini(&r->d);
	arena_free(&r->a);
}

/* ---- YAML read back ---- */

static yaml_node_t *map_get(yaml_document_t *doc, yaml_node_t *map,
			    const char *key)
{
	yaml_node_pair_t *p;

	ck_assert_int_eq(map->type, YAML_MAPPING_NODE);
	for (p = map->data.mapping.pairs.start;
	     p < map->data.mapping.pairs.top; p++) {
		yaml_node_t *k = yaml_document_get_node(doc, p->key);

		if (k && k->type == YAML_SCALAR_NODE &&
		    !strcmp((char *)k->data.scalar.value, key))
			return yaml_document_get_node(doc, p->value);
	}
	ck_abort_msg("no key '%s'", key);
	return NULL;
}

static const char *scalar(yaml_node_t *n)
{
	ck_assert_int_eq(n->type, YAML_SCALAR_NODE);
	return (const char *)n->data.scalar.value;
}

static const char *get_s(yaml_document_t *doc, yaml_node_t *map,
			 const char *key)
{
	return scalar(map_get(doc, map, key));
}

static long long get_i(yaml_document_t *doc, yaml_node_t *map,
		       const char *key)
{
	return strtoll(get_s(doc, map, key), NULL, 10);
}

static int seq_len(yaml_node_t *n)
{
	ck_assert_int_eq(n->type, YAML_SEQUENCE_NODE);
	return (int)(n->data.sequence.items.top - n->data.sequence.items.start);
}

static yaml_node_t *seq_at(yaml_document_t *doc, yaml_node_t *n, int i)
{
	return yaml_document_get_node(doc, n->data.sequence.items.start[i]);
}

/* The keys of a mapping, in order, joined by spaces. */
static void key_order(yaml_document_t *doc, yaml_node_t *map, char *buf,
		      size_t n)
{
	yaml_node_pair_t *p;

	buf[0] = '\0';
	for (p = map->data.mapping.pairs.start;
	     p < map->data.mapping.pairs.top; p++) {
		strncat(buf, scalar(yaml_document_get_node(doc, p->key)),
			n - strlen(buf) - 2);
		strcat(buf, " ");
	}
}

static void load_yaml(struct run *r, yaml_document_t *doc, char **text)
{
	struct writer w;
	yaml_parser_t parser;
	size_t len;

	w_init(&w);
	ck_assert(emit_yaml(&w, r->m));
	*text = w_take(&w, &len);
	ck_assert(yaml_parser_initialize(&parser));
	yaml_parser_set_input_string(&parser, (unsigned char *)*text, len);
	ck_assert_msg(yaml_parser_load(&parser, doc), "YAML does not parse");
	yaml_parser_delete(&parser);
}

static void check_fields(yaml_document_t *doc, yaml_node_t *seq,
			 const struct m_message *msg)
{
	int i;

	ck_assert_int_eq(seq_len(seq), msg->nfields);
	for (i = 0; i < msg->nfields; i++) {
		yaml_node_t *f = seq_at(doc, seq, i);
		const struct m_field *mf = &msg->fields[i];

		ck_assert_str_eq(get_s(doc, f, "name"), mf->name);
		if (mf->offset < 0)
			ck_assert_str_eq(get_s(doc, f, "offset"), "null");
		else
			ck_assert_int_eq(get_i(doc, f, "offset"), mf->offset);
		if (!mf->size_expr)
			ck_assert_int_eq(get_i(doc, f, "size"), (long long)mf->size);
	}
}

START_TEST(yaml_matches_model)
{
	struct run r;
	yaml_document_t doc;
	yaml_node_t *root, *sub, *routines;
	char *text, order[512];
	int i;

	run_init(&r, demo_src);
	load_yaml(&r, &doc, &text);
	root = yaml_document_get_root_node(&doc);
	key_order(&doc, root, order, sizeof order);
	ck_assert_str_eq(order, "format source subsystem types routines ");
	ck_assert_str_eq(get_s(&doc, root, "format"), "machsim-mig/1");
	sub = map_get(&doc, root, "subsystem");
	key_order(&doc, sub, order, sizeof order);
	ck_assert_str_eq(order, "name base count kernel_user kernel_server "
			 "demux user_prefix server_prefix ");
	ck_assert_str_eq(get_s(&doc, sub, "name"), "demo");
	ck_assert_int_eq(get_i(&doc, sub, "base"), 4000);
	ck_assert_int_eq(get_i(&doc, sub, "count"), r.m->count);
	ck_assert_str_eq(get_s(&doc, sub, "demux"), "demo_server");
	ck_assert_str_eq(get_s(&doc, sub, "user_prefix"), "");

	routines = map_get(&doc, root, "routines");
	ck_assert_int_eq(seq_len(routines), r.m->count);
	for (i = 0; i < r.m->count; i++) {
		const struct m_routine *mr = &r.m->routines[i];
		yaml_node_t *y = seq_at(&doc, routines, i);

		ck_assert_int_eq(get_i(&doc, y, "number"), mr->number);
		ck_assert_int_eq(get_i(&doc, y, "request_id"), mr->request_id);
		if (mr->skip) {
			ck_assert_str_eq(get_s(&doc, y, "kind"), "skip");
			continue;
		}
		ck_assert_str_eq(get_s(&doc, y, "name"), mr->name);
		if (mr->simple)
			ck_assert_str_eq(get_s(&doc, y, "reply_id"), "null");
		else
			ck_assert_int_eq(get_i(&doc, y, "reply_id"), mr->reply_id);
		ck_assert_int_eq(get_i(&doc, map_get(&doc, y, "request"),
				       "max_size"), mr->request.max_size);
		check_fields(&doc, map_get(&doc, y, "request_fields"),
			     &mr->request);
		if (mr->reply.present)
			check_fields(&doc, map_get(&doc, y, "reply_fields"),
				     &mr->reply);
	}
	/* the example of section 4.3 */
	{
		yaml_node_t *put = seq_at(&doc, routines, 0);
		yaml_node_t *rq = map_get(&doc, put, "request_fields");
		yaml_node_t *data = seq_at(&doc, rq, 4);
		yaml_node_t *flags = seq_at(&doc, rq, 5);
		yaml_node_t *rep = map_get(&doc, put, "reply");

		ck_assert_int_eq(get_i(&doc, data, "offset"), 40);
		ck_assert_str_eq(get_s(&doc, map_get(&doc, data, "variable"),
				       "count_field"), "dataCnt");
		ck_assert_str_eq(get_s(&doc, flags, "offset"), "null");
		ck_assert_str_eq(get_s(&doc, rep, "complex"), "true");
		ck_assert_int_eq(get_i(&doc, rep, "max_size"), 40);
		ck_assert_str_eq(get_s(&doc, seq_at(&doc,
			map_get(&doc, put, "reply_fields"), 2),
			"send_disposition"), "MACH_MSG_TYPE_COPY_SEND");
	}
	yaml_document_delete(&doc);
	free(text);
	run_fini(&r);
}
END_TEST

/* ---- C outputs ---- */

typedef void (*emit_fn)(struct writer *, const struct m_interface *,
			const struct mig_options *, const struct emit_names *);

static char *emit_text(struct run *r, emit_fn fn)
{
	struct writer w;
	struct emit_names n = { "demo.h", NULL };

	w_init(&w);
	fn(&w, r->m, &r->opt, &n);
	ck_assert(!w.failed);
	return w_take(&w, NULL);
}

START_TEST(c_conventions)
{
	static const emit_fn fns[] = {
		emit_user_header, emit_server_header, emit_user, emit_server,
	};
	struct run r;
	size_t i;

	run_init(&r, demo_src);
	for (i = 0; i < sizeof fns / sizeof fns[0]; i++) {
		char *a = emit_text(&r, fns[i]), *b = emit_text(&r, fns[i]);

		ck_assert_msg(!strncmp(a, "/* Generated by machsim mig from "
				       "demo.defs. Do not edit. */\n", 58),
			      "first line: %.70s", a);
		ck_assert_str_eq(a, b);          /* deterministic */
		free(a);
		free(b);
	}
	{
		char *u = emit_text(&r, emit_user);
		char *s = emit_text(&r, emit_server);
		char *h = emit_text(&r, emit_user_header);

		/* Apple's header setup: reply port, bits with the request
		   port's disposition as a number (COPY_SEND is 19), request
		   port, id, the voucher field cleared through msgh_reserved */
		ck_assert_ptr_nonnull(strstr(u, "InP->Head.msgh_reply_port = "
					     "mig_get_reply_port();\n"));
		ck_assert_ptr_nonnull(strstr(u, "InP->Head.msgh_bits =\n"
					     "\t\tMACH_MSGH_BITS(19, "
					     "MACH_MSG_TYPE_MAKE_SEND_ONCE);\n"));
		ck_assert_ptr_nonnull(strstr(u, "InP->Head.msgh_reserved = 0;"));
		ck_assert_ptr_nonnull(strstr(u, "MACH_RCV_MSG|MACH_MSG_OPTION_NONE,"));
		ck_assert_ptr_nonnull(strstr(u, " * } mig_reply_error_t;\n"));
		/* put's reply (a port) is complex and of fixed size: its
		   check is Apple's, as a fixed simple reply's is (basic.defs
		   in the golden cases) */
		ck_assert_ptr_nonnull(strstr(u, "#if __MIG_check__Reply__demo_"
					  "subsystem__\n"));
		ck_assert_ptr_nonnull(strstr(u, "\tif (msgh_simple) {\n\t\t"
					  "return ((mig_reply_error_t *)"
					  "Out0P)->RetCode;\n"));
		ck_assert_ptr_nonnull(strstr(u, "__MIG_check__Reply__put_t"));
		ck_assert_ptr_nonnull(strstr(u, "MIG_ARRAY_TOO_LARGE"));
		ck_assert_ptr_nonnull(strstr(s, "_Xput"));
		ck_assert_ptr_nonnull(strstr(s, "{0, 0, 0, 0, 0, 0},"));
		ck_assert_ptr_nonnull(strstr(s, "  { (mig_impl_routine_t) 0,\n"));
		ck_assert_ptr_nonnull(strstr(s, "  (mig_stub_routine_t) _Xput, "));
		ck_assert_ptr_nonnull(strstr(s, ", 0, (routine_arg_descriptor_t)0,"
					     " (mach_msg_size_t)sizeof(__Reply__"
					     "put_t)},\n"));
		ck_assert_ptr_nonnull(strstr(s, "mig_internal novalue _Xput\n"));
		/* a fixed-size request's check in Apple's form */
		ck_assert_ptr_nonnull(strstr(s, "#if ( __MigTypeCheck )\n"
					     "#if __MIG_check__Request__demo_"
					     "subsystem__\n#if !defined(__MIG_"
					     "check__Request__ping_t__defined)\n"));
		ck_assert_ptr_nonnull(strstr(s, "(In0P->Head.msgh_size != "
					     "(mach_msg_size_t)sizeof(__Request)))"
					     "\n\t\treturn MIG_BAD_ARGUMENTS;\n"
					     "#endif\t/* __MigTypeCheck */\n"));
		ck_assert_ptr_nonnull(strstr(s, "(mach_msg_header_t *InHeadP, "
					     "mach_msg_header_t *OutHeadP);\n"));
		ck_assert_ptr_nonnull(strstr(s, "mig_routine_t routine;\n"));
		ck_assert_ptr_nonnull(strstr(s, "MIG_BAD_ID"));
		ck_assert_ptr_nonnull(strstr(h, "#define\tdemo_MSG_COUNT\t3"));
		/* Apple's text: each struct packed when <mach/mig.h> says,
		   the name map's lines ending ",\", the hooks, C linkage
		   through <sys/cdefs.h> */
		ck_assert_ptr_nonnull(strstr(h, "#ifdef  __MigPackStructs\n"
					     "#pragma pack(push, 4)\n#endif\n"
					     "typedef struct {"));
		ck_assert_ptr_nonnull(strstr(h, "#define subsystem_to_name_map_"
					     "demo \\\n    { \"put\", 4000 },\\\n"
					     "    { \"ping\", 4002 }\n#endif"));
		ck_assert_ptr_null(strstr(h, "{ \"ping\", 4002 },"));
		ck_assert_ptr_nonnull(strstr(h, "#ifdef __BeforeMigUserHeader\n"
					     "__BeforeMigUserHeader\n"));
		ck_assert_ptr_nonnull(strstr(h, "#ifdef __AfterMigUserHeader\n"
					     "__AfterMigUserHeader\n"));
		ck_assert_ptr_nonnull(strstr(h, "#include <sys/cdefs.h>\n"
					     "__BEGIN_DECLS\n"));
		ck_assert_ptr_nonnull(strstr(h, "__END_DECLS\n"));
		ck_assert_ptr_nonnull(strstr(h, "#ifndef USING_VOUCHERS\n"));
		free(u);
		free(s);
		free(h);
	}
	run_fini(&r);
}
END_TEST

/* An interface whose slots are all skipped: Apple's name map still
   continues its first line, and the empty line after it ends it. */
START_TEST(empty_name_map)
{
	struct run r;

	run_init(&r, "subsystem none 100;\n"
		     "type int = MACH_MSG_TYPE_INTEGER_32;\nskip;\nskip;\n");
	char *h = emit_text(&r, emit_user_header);
	ck_assert_ptr_nonnull(strstr(h, "#ifndef subsystem_to_name_map_none\n"
				     "#define subsystem_to_name_map_none \\\n"
				     "\n#endif\n"));
	free(h);
	run_fini(&r);
}
END_TEST

START_TEST(subrprefix_renames_support_calls)
{
	struct run r;
	char *u;

	run_init(&r, demo_src);
	r.opt.subrprefix = "rt_";
	u = emit_text(&r, emit_user);
	ck_assert_ptr_nonnull(strstr(u, "rt_mach_msg(&InP->Head"));
	ck_assert_ptr_nonnull(strstr(u, "rt_mig_get_reply_port()"));
	ck_assert_ptr_null(strstr(u, " mach_msg("));
	free(u);
	run_fini(&r);
}
END_TEST

START_TEST(list_and_dheader)
{
	struct run r;
	struct writer w;
	char *t;

	run_init(&r, demo_src);
	w_init(&w);
	emit_list(&w, r.m);
	t = w_take(&w, NULL);
	ck_assert_str_eq(t, "demo 4000 put 0 4000 4100\n"
			 "demo 4000 ping 2 4002 0\n");
	free(t);
	w_init(&w);
	emit_dheader(&w, r.m, &r.opt);
	t = w_take(&w, NULL);
	ck_assert_ptr_nonnull(strstr(t, "#define MACH_ID_PUT 4000\n"
				     "#define MACH_ID_PUT_REPLY 4100\n"
				     "#define MACH_ID_PING 4002\n"));
	ck_assert_ptr_null(strstr(t, "MACH_ID_PING_REPLY"));
	free(t);
	run_fini(&r);
}
END_TEST

/* ---- writer ---- */

START_TEST(writer_indents_and_blocks)
{
	struct writer w;
	char *t;
	size_t len;

	w_init(&w);
	w_line(&w, "int f(void)");
	w_open(&w, "if (%d)", 1);
	w_line(&w, "a = %s;", "b");
	w_put(&w, "x");
	w_put(&w, "y\nz");
	w_close(&w, NULL);
	w_close(&w, ";");
	w_blank(&w);
	w_indent(&w, -5);
	w_line(&w, "end");
	t = w_take(&w, &len);
	ck_assert_str_eq(t, "int f(void)\nif (1) {\n\ta = b;\n\txy\n\tz\n}\n};\n"
			 "\nend\n");
	ck_assert_uint_eq(len, strlen(t));
	ck_assert_ptr_null(w.buf);
	free(t);
}
END_TEST

START_TEST(writer_grows_and_takes_empty)
{
	struct writer w;
	char *t;
	size_t len = 99;
	int i;

	w_init(&w);
	t = w_take(&w, &len);
	ck_assert_str_eq(t, "");
	ck_assert_uint_eq(len, 0);
	free(t);
	for (i = 0; i < 10000; i++)
		w_line(&w, "line %d", i);
	ck_assert(!w.failed);
	t = w_take(&w, &len);
	ck_assert_ptr_nonnull(strstr(t, "line 9999\n"));
	ck_assert_uint_eq(len, strlen(t));
	free(t);
	w_free(&w);
}
END_TEST

Suite *emit_suite(void)
{
	Suite *s = suite_create("emit");
	TCase *tc = tcase_create("emit");

	tcase_add_test(tc, yaml_matches_model);
	tcase_add_test(tc, c_conventions);
	tcase_add_test(tc, subrprefix_renames_support_calls);
	tcase_add_test(tc, empty_name_map);
	tcase_add_test(tc, list_and_dheader);
	tcase_add_test(tc, writer_indents_and_blocks);
	tcase_add_test(tc, writer_grows_and_takes_empty);
	suite_add_tcase(s, tc);
	return s;
}
