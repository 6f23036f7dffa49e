/*
 * emit_yaml.c - the YAML description of an interface (section 6.3).
 *
 * Written with libyaml's emitter through its event API, block style, one
 * document; keys always in the order of section 6.3.  The emitter's output
 * goes straight into the writer.  Any libyaml failure makes emit_yaml
 * return false (the driver then reports it and writes nothing).
 */
#include <stdio.h>
#include <string.h>

#include <yaml.h>

#include "emit.h"
#include "emit_common.h"

struct ye {
	yaml_emitter_t em;
	bool ok;
};

static int write_out(void *data, unsigned char *buf, size_t size)
{
	struct writer *w = data;

	w_put(w, "%.*s", (int)size, (const char *)buf);
	return !w->failed;
}

static void emit_event(struct ye *y, yaml_event_t *ev, int made)
{
	if (!y->ok)
		return;
	if (!made || !yaml_emitter_emit(&y->em, ev))
		y->ok = false;
}

static void str_style(struct ye *y, const char *s, yaml_scalar_style_t st)
{
	yaml_event_t ev;

	if (!y->ok)
		return;
	emit_event(y, &ev, yaml_scalar_event_initialize(&ev, NULL, NULL,
		(yaml_char_t *)s, (int)strlen(s), 1, 1, st));
}

static void str(struct ye *y, const char *s)
{
	if (!s) {
		str_style(y, "null", YAML_PLAIN_SCALAR_STYLE);
		return;
	}
	str_style(y, s, *s ? YAML_ANY_SCALAR_STYLE :
		  YAML_DOUBLE_QUOTED_SCALAR_STYLE);
}

static void null(struct ye *y)
{
	str_style(y, "null", YAML_PLAIN_SCALAR_STYLE);
}

static void num(struct ye *y, long long v)
{
	char buf[32];

	snprintf(buf, sizeof buf, "%lld", v);
	str_style(y, buf, YAML_PLAIN_SCALAR_STYLE);
}

static void boolean(struct ye *y, bool v)
{
	str_style(y, v ? "true" : "false", YAML_PLAIN_SCALAR_STYLE);
}

static void key(struct ye *y, const char *k)
{
	str_style(y, k, YAML_PLAIN_SCALAR_STYLE);
}

static void map_start(struct ye *y)
{
	yaml_event_t ev;

	emit_event(y, &ev, yaml_mapping_start_event_initialize(&ev, NULL, NULL,
		1, YAML_BLOCK_MAPPING_STYLE));
}

static void map_end(struct ye *y)
{
	yaml_event_t ev;

	emit_event(y, &ev, yaml_mapping_end_event_initialize(&ev));
}

static void seq_start(struct ye *y)
{
	yaml_event_t ev;

	emit_event(y, &ev, yaml_sequence_start_event_initialize(&ev, NULL, NULL,
		1, YAML_BLOCK_SEQUENCE_STYLE));
}

static void seq_end(struct ye *y)
{
	yaml_event_t ev;

	emit_event(y, &ev, yaml_sequence_end_event_initialize(&ev));
}

static void kv_str(struct ye *y, const char *k, const char *v)
{
	key(y, k);
	str(y, v);
}

static void kv_num(struct ye *y, const char *k, long long v)
{
	key(y, k);
	num(y, v);
}

static void kv_bool(struct ye *y, const char *k, bool v)
{
	key(y, k);
	boolean(y, v);
}

/* ---- pieces ---- */

/* "file:line", the file reduced as in section 6.2 */
static void location(struct ye *y, struct mig_loc loc)
{
	char buf[1024];
	const char *f = loc.file ? loc.file->name : NULL;
	const char *p;

	if (!f) {
		null(y);
		return;
	}
	if (f[0] == '/') {
		p = f + strlen(f);
		while (p > f && p[-1] != '/')
			p--;
		if (p > f) {
			p--;
			while (p > f && p[-1] != '/')
				p--;
		}
		f = p;
	}
	snprintf(buf, sizeof buf, "%s:%d", f, loc.line);
	str(y, buf);
}

static const char *type_kind_name(enum m_type_kind k)
{
	static const char *const names[] = {
		"data", "port", "fixed_array", "bounded_array",
		"unbounded_array", "ool", "ool_ports", "c_string", "struct",
		"native",
	};

	return (unsigned)k < sizeof names / sizeof names[0] ? names[k] : "data";
}

static void name_value(struct ye *y, int n, bool recv)
{
	char buf[16];
	const char *s;

	if (n == M_POLY) {
		str(y, "MACH_MSG_TYPE_POLYMORPHIC");
		return;
	}
	s = recv ? recv_name_str(n, buf) : send_name_str(n, buf);
	str(y, s);
}

static void translation(struct ye *y, const char *fn, const char *from,
			const char *to)
{
	if (!fn) {
		null(y);
		return;
	}
	map_start(y);
	kv_str(y, "function", fn);
	kv_str(y, "from", from);
	kv_str(y, "to", to);
	map_end(y);
}

static void emit_type(struct ye *y, const struct m_type *t)
{
	char buf[512];

	map_start(y);
	kv_str(y, "name", t->name);
	key(y, "location");
	location(y, t->loc);
	kv_str(y, "kind", type_kind_name(t->kind));
	key(y, "send_name");
	name_value(y, t->send_name, false);
	key(y, "received_name");
	name_value(y, t->recv_name, true);
	kv_num(y, "element_bits", t->elem_bits);
	kv_num(y, "count", t->variable ? t->max_count : t->number);
	key(y, "size");
	if (t->kind == MTK_NATIVE) {
		snprintf(buf, sizeof buf, "sizeof(%s)",
			 t->native_ctype ? t->native_ctype : "?");
		str(y, buf);
	} else {
		num(y, (long long)(t->kind == MTK_PORT ? 4 : t->size));
	}
	kv_str(y, "c_user_type", t->user_ctype);
	kv_str(y, "c_server_type", t->server_ctype);
	kv_str(y, "c_trans_type", t->trans_ctype);
	key(y, "intran");
	translation(y, t->intran, t->server_ctype, t->trans_ctype);
	key(y, "outtran");
	translation(y, t->outtran, t->trans_ctype, t->server_ctype);
	kv_str(y, "destructor", t->destructor);
	map_end(y);
}

static void emit_subsystem(struct ye *y, const struct m_interface *m)
{
	key(y, "subsystem");
	map_start(y);
	kv_str(y, "name", m->name);
	kv_num(y, "base", m->base);
	kv_num(y, "count", m->count);
	kv_bool(y, "kernel_user", m->kernel_user);
	kv_bool(y, "kernel_server", m->kernel_server);
	kv_str(y, "demux", m->demux);
	kv_str(y, "user_prefix", m->user_prefix ? m->user_prefix : "");
	kv_str(y, "server_prefix", m->server_prefix ? m->server_prefix : "");
	map_end(y);
}

static const char *arg_kind_name(enum m_arg_kind k)
{
	static const char *const names[] = {
		"request_port", "reply_port", "sreply_port", "ureply_port",
		"in", "out", "inout", "waittime", "sendtime", "msgoption",
		"msgseqno", "sectoken", "serversectoken", "usersectoken",
		"audittoken", "serveraudittoken", "useraudittoken",
		"servercontexttoken", "count", "poly", "dealloc",
	};

	return (unsigned)k < sizeof names / sizeof names[0] ? names[k] : "in";
}

static void arg_flags(struct ye *y, unsigned flags)
{
	static const char *const names[] = {
		"samecount", "retcode", "physicalcopy", "overwrite", "dealloc",
		"dealloc[]", "countinout", "auto", "const",
	};
	yaml_event_t ev;
	size_t i;

	emit_event(y, &ev, yaml_sequence_start_event_initialize(&ev, NULL, NULL,
		1, flags ? YAML_BLOCK_SEQUENCE_STYLE : YAML_FLOW_SEQUENCE_STYLE));
	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		if (flags & (1u << i))
			str(y, names[i]);
	seq_end(y);
}

static void emit_arg(struct ye *y, const struct m_arg *a)
{
	map_start(y);
	kv_str(y, "name", a->name);
	kv_str(y, "kind", arg_kind_name(a->kind));
	if (a->kind == MA_COUNT || a->kind == MA_POLY || a->kind == MA_DEALLOC)
		kv_str(y, "of", a->parent ? a->parent->name : NULL);
	kv_str(y, "type", a->type ? (a->type->name ? a->type->name :
		a->type->user_ctype) : NULL);
	key(y, "flags");
	arg_flags(y, a->flags);
	kv_bool(y, "implicit", a->implicit);
	map_end(y);
}

static const char *trailer_name(enum m_trailer_elem e)
{
	static const char *const names[] = { NULL, "seqno", "sender", "audit",
					     "ctx" };

	return (unsigned)e <= TE_CTX ? names[e] : NULL;
}

static void emit_message(struct ye *y, const struct m_message *msg)
{
	char buf[512];

	if (!msg->present) {
		null(y);
		return;
	}
	map_start(y);
	kv_bool(y, "complex", msg->complex);
	kv_num(y, "descriptor_count", msg->descriptor_count);
	key(y, "min_size");
	if (msg->size_expr) {
		snprintf(buf, sizeof buf, "%s", msg->size_expr);
		str(y, buf);
	} else {
		num(y, (long long)msg->min_size);
	}
	key(y, "max_size");
	if (msg->size_expr)
		str(y, msg->size_expr);
	else
		num(y, (long long)msg->max_size);
	kv_str(y, "trailer_elements", trailer_name(msg->trailer));
	map_end(y);
}

static const char *field_kind_name(enum m_field_kind k)
{
	static const char *const names[] = {
		"header", "body", "ndr", "retcode", "data", "count", "pad",
		"string_offset", "present", "port_descriptor",
		"ool_descriptor", "ool_ports_descriptor",
	};

	return (unsigned)k < sizeof names / sizeof names[0] ? names[k] : "data";
}

static void descriptor_keys(struct ye *y, const struct m_field *f)
{
	const struct m_arg *a = field_owner(f);
	static const char *const dealloc[] = { "false", "true", "runtime" };

	if (f->kind == F_OOL_DESC) {
		key(y, "deallocate");
		str_style(y, dealloc[f->dealloc <= MD_RUNTIME ? f->dealloc : 0],
			  YAML_PLAIN_SCALAR_STYLE);
		kv_str(y, "copy", f->physical_copy ? "physical" : "virtual");
		kv_num(y, "element_size", a ? a->type->elem_size : 0);
		kv_num(y, "max_count", a ? a->type->max_count : 0);
		return;
	}
	key(y, "send_disposition");
	name_value(y, f->send_name, false);
	key(y, "received_disposition");
	name_value(y, f->recv_name, true);
	kv_bool(y, "poly", f->send_name == M_POLY || f->recv_name == M_POLY);
}

static void emit_field(struct ye *y, const struct m_message *msg,
		       const struct m_field *f)
{
	const struct m_arg *a = field_owner(f);
	const struct m_field *c;

	map_start(y);
	kv_str(y, "name", f->name);
	kv_str(y, "kind", field_kind_name(f->kind));
	if (a)
		kv_str(y, "argument", a->name);
	key(y, "offset");
	if (f->offset < 0)
		null(y);
	else
		num(y, f->offset);
	key(y, "size");
	if (f->size_expr)
		str(y, f->size_expr);
	else
		num(y, (long long)f->size);
	if (f->kind == F_DATA && !f->variable && f->ctype)
		kv_str(y, "c_type", f->ctype);
	if (f->variable) {
		c = count_field_of(msg, f);
		key(y, "variable");
		map_start(y);
		kv_str(y, "count_field", c ? c->name : NULL);
		kv_num(y, "element_size", f->elem_size);
		kv_num(y, "max_count", f->max_count);
		map_end(y);
	}
	if (desc_type_macro(f->kind))
		descriptor_keys(y, f);
	map_end(y);
}

static void emit_fields_seq(struct ye *y, const struct m_message *msg)
{
	int i;

	if (!msg->present || msg->nfields == 0) {
		yaml_event_t ev;

		emit_event(y, &ev, yaml_sequence_start_event_initialize(&ev,
			NULL, NULL, 1, YAML_FLOW_SEQUENCE_STYLE));
		seq_end(y);
		return;
	}
	seq_start(y);
	for (i = 0; i < msg->nfields; i++)
		emit_field(y, msg, &msg->fields[i]);
	seq_end(y);
}

static void emit_options(struct ye *y, const struct m_routine *r)
{
	static const char *const consume[] = { "none", "timeout", "any" };

	key(y, "options");
	map_start(y);
	kv_str(y, "wait_time", r->waittime_arg ? r->waittime_arg->name :
	       r->wait_time);
	kv_str(y, "send_time", r->sendtime_arg ? r->sendtime_arg->name :
	       r->send_time);
	kv_str(y, "msg_option", r->msgoption_arg ? r->msgoption_arg->name :
	       r->msg_option);
	kv_str(y, "consume_on_send_error",
	       consume[r->consume <= CONSUME_ANY ? r->consume : 0]);
	map_end(y);
}

static void emit_routine(struct ye *y, const struct m_routine *r)
{
	int i;

	map_start(y);
	kv_num(y, "number", r->number);
	if (r->skip) {
		kv_str(y, "kind", "skip");
		kv_num(y, "request_id", r->request_id);
		map_end(y);
		return;
	}
	kv_str(y, "name", r->name);
	kv_str(y, "kind", r->simple ? "simpleroutine" : "routine");
	kv_num(y, "request_id", r->request_id);
	key(y, "reply_id");
	if (r->simple)
		null(y);
	else
		num(y, r->reply_id);
	kv_str(y, "user_function", r->user_function);
	kv_str(y, "server_function", r->server_function);
	key(y, "location");
	location(y, r->loc);
	emit_options(y, r);
	key(y, "arguments");
	seq_start(y);
	for (i = 0; i < r->nargs; i++)
		emit_arg(y, &r->args[i]);
	seq_end(y);
	key(y, "request");
	emit_message(y, &r->request);
	key(y, "request_fields");
	emit_fields_seq(y, &r->request);
	key(y, "reply");
	emit_message(y, &r->reply);
	key(y, "reply_fields");
	emit_fields_seq(y, &r->reply);
	map_end(y);
}

static void emit_document(struct ye *y, const struct m_interface *m)
{
	const struct m_type *t;
	int i;

	map_start(y);
	kv_str(y, "format", "machsim-mig/1");
	kv_str(y, "source", m->source);
	emit_subsystem(y, m);
	key(y, "types");
	if (!m->types) {
		yaml_event_t ev;

		emit_event(y, &ev, yaml_sequence_start_event_initialize(&ev,
			NULL, NULL, 1, YAML_FLOW_SEQUENCE_STYLE));
	} else {
		seq_start(y);
		for (t = m->types; t; t = t->next)
			emit_type(y, t);
	}
	seq_end(y);
	key(y, "routines");
	seq_start(y);
	for (i = 0; i < m->count; i++)
		emit_routine(y, &m->routines[i]);
	seq_end(y);
	map_end(y);
}

bool emit_yaml(struct writer *w, const struct m_interface *m)
{
	struct ye y;
	yaml_event_t ev;

	y.ok = yaml_emitter_initialize(&y.em) != 0;
	if (!y.ok)
		return false;
	yaml_emitter_set_output(&y.em, write_out, w);
	yaml_emitter_set_unicode(&y.em, 1);
	yaml_emitter_set_width(&y.em, -1);
	yaml_emitter_set_indent(&y.em, 2);
	emit_event(&y, &ev, yaml_stream_start_event_initialize(&ev,
		YAML_UTF8_ENCODING));
	emit_event(&y, &ev, yaml_document_start_event_initialize(&ev, NULL,
		NULL, NULL, 1));
	emit_document(&y, m);
	emit_event(&y, &ev, yaml_document_end_event_initialize(&ev, 1));
	emit_event(&y, &ev, yaml_stream_end_event_initialize(&ev));
	if (y.ok && !yaml_emitter_flush(&y.em))
		y.ok = false;
	yaml_emitter_delete(&y.em);
	return y.ok && !w->failed;
}
