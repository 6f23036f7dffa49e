/*
 * model.c - model_dump(): the checked model as readable text, for -v and
 * -dM.  One line per object, indented by nesting; every field an emitter
 * relies on is shown, so a surprising stub can be traced to the model.
 */
#include <stdio.h>

#include "model.h"

static const char *type_kind(enum m_type_kind k)
{
	static const char *const names[] = {
		"data", "port", "fixed_array", "bounded_array",
		"unbounded_array", "ool", "ool_ports", "c_string", "struct",
		"native",
	};
	return (unsigned)k < sizeof names / sizeof *names ? names[k] : "?";
}

static const char *arg_kind(enum m_arg_kind k)
{
	static const char *const names[] = {
		"requestport", "replyport", "sreplyport", "ureplyport", "in",
		"out", "inout", "waittime", "sendtime", "msgoption", "msgseqno",
		"sectoken", "serversectoken", "usersectoken", "audittoken",
		"serveraudittoken", "useraudittoken", "servercontexttoken",
		"count", "poly", "dealloc",
	};
	return (unsigned)k < sizeof names / sizeof *names ? names[k] : "?";
}

static const char *field_kind(enum m_field_kind k)
{
	static const char *const names[] = {
		"header", "body", "ndr", "retcode", "data", "count", "pad",
		"string_offset", "present", "port_descriptor",
		"ool_descriptor", "ool_ports_descriptor",
	};
	return (unsigned)k < sizeof names / sizeof *names ? names[k] : "?";
}

static const char *str(const char *s)
{
	return s ? s : "-";
}

static void dump_type(const struct m_type *t, FILE *out)
{
	fprintf(out, "  type %s: %s size %llu number %u max %u elem_bits %u "
		"elem_size %u send %s recv %s%s%s%s\n", str(t->name),
		type_kind(t->kind), (unsigned long long)t->size, t->number,
		t->max_count, t->elem_bits, t->elem_size,
		str(t->send_name_text), str(t->recv_name_text),
		t->variable ? " variable" : "", t->ool ? " ool" : "",
		t->needs_size_assert ? " size_assert" : "");
	fprintf(out, "    c: user %s server %s trans %s elem %s", 
		str(t->user_ctype), str(t->server_ctype), str(t->trans_ctype),
		str(t->elem_ctype));
	if (t->intran)
		fprintf(out, " intran %s", t->intran);
	if (t->outtran)
		fprintf(out, " outtran %s", t->outtran);
	if (t->destructor)
		fprintf(out, " destructor %s", t->destructor);
	if (t->kind == MTK_NATIVE)
		fprintf(out, " native %s", str(t->native_ctype));
	fputc('\n', out);
}

static void dump_flags(unsigned f, FILE *out)
{
	static const char *const names[] = {
		"SameCount", "RetCode", "PhysicalCopy", "Overwrite", "Dealloc",
		"Dealloc[]", "CountInOut", "Auto", "Const",
	};
	for (unsigned i = 0; i < sizeof names / sizeof *names; i++)
		if (f & (1u << i))
			fprintf(out, " %s", names[i]);
}

static void dump_arg(const struct m_arg *a, FILE *out)
{
	fprintf(out, "    arg %s: %s type %s%s", str(a->name), arg_kind(a->kind),
		a->type ? str(a->type->name ? a->type->name
					    : a->type->user_ctype) : "-",
		a->implicit ? " implicit" : "");
	dump_flags(a->flags, out);
	fprintf(out, "%s%s%s%s%s%s", a->in_request ? " request" : "",
		a->in_reply ? " reply" : "", a->user_param ? " user" : "",
		a->user_by_pointer ? "*" : "", a->server_param ? " server" : "",
		a->server_by_pointer ? "*" : "");
	if (a->poly_send_user || a->poly_send_server || a->poly_recv_user ||
	    a->poly_recv_server)
		fprintf(out, " poly[%s%s%s%s]", a->poly_send_user ? "su" : "",
			a->poly_send_server ? "ss" : "",
			a->poly_recv_user ? "ru" : "",
			a->poly_recv_server ? "rs" : "");
	if (a->dealloc_mode)
		fprintf(out, " dealloc=%s",
			a->dealloc_mode == MD_TRUE ? "true" : "runtime");
	if (a->trailer_elem)
		fprintf(out, " trailer=%d", (int)a->trailer_elem);
	if (a->count_shared)
		fprintf(out, " samecount");
	fprintf(out, " argc=%d\n", a->argc_words);
}

static void dump_message(const char *what, const struct m_message *m,
			 FILE *out)
{
	fprintf(out, "    %s:%s%s descriptors %d size %llu..%llu%s%s%s",
		what, m->present ? "" : " (not sent)",
		m->complex ? " complex" : " simple", m->descriptor_count,
		(unsigned long long)m->min_size,
		(unsigned long long)m->max_size, m->has_ndr ? " ndr" : "",
		m->has_retcode ? " retcode" : "", m->variable ? " variable"
							      : "");
	if (m->size_expr)
		fprintf(out, " expr %s", m->size_expr);
	if (m->trailer)
		fprintf(out, " trailer %d", (int)m->trailer);
	fputc('\n', out);
	for (int i = 0; i < m->nfields; i++) {
		const struct m_field *f = &m->fields[i];
		fprintf(out, "      ");
		if (f->offset >= 0)
			fprintf(out, "%4lld", (long long)f->offset);
		else
			fprintf(out, "   ?");
		fprintf(out, " (max %llu) %s %s %s", (unsigned long long)
			f->max_offset, field_kind(f->kind), str(f->ctype),
			str(f->name));
		if (f->array_len)
			fprintf(out, "[%u]", f->array_len);
		fprintf(out, " size %llu", (unsigned long long)f->size);
		if (f->size_expr)
			fprintf(out, " (%s)", f->size_expr);
		if (f->variable)
			fprintf(out, " variable count %s",
				f->count_field ? str(f->count_field->name)
					       : "-");
		if (f->kind >= F_PORT_DESC)
			fprintf(out, " send %d recv %d count %u%s", f->send_name,
				f->recv_name, f->desc_count,
				f->desc_variable ? " variable" : "");
		fputc('\n', out);
	}
}

static void dump_routine(const struct m_routine *r, FILE *out)
{
	if (r->skip) {
		fprintf(out, "  %d: skip (id %lld)\n", r->number,
			(long long)r->request_id);
		return;
	}
	fprintf(out, "  %d: %s %s (id %lld, reply %lld) user %s server %s "
		"argc %d\n", r->number, r->simple ? "simpleroutine" : "routine",
		str(r->name), (long long)r->request_id,
		(long long)r->reply_id, str(r->user_function),
		str(r->server_function), r->argc);
	fprintf(out, "    options: wait %s send %s msgoption %s consume %d%s\n",
		str(r->wait_time), str(r->send_time), str(r->msg_option),
		(int)r->consume, r->special_reply_port ? " special-reply" : "");
	for (int i = 0; i < r->nargs; i++)
		dump_arg(&r->args[i], out);
	dump_message("request", &r->request, out);
	dump_message("reply", &r->reply, out);
}

void model_dump(const struct m_interface *m, FILE *out)
{
	if (!m)
		return;
	fprintf(out, "subsystem %s base %lld count %d%s%s demux %s "
		"userprefix '%s' serverprefix '%s'\n", str(m->name),
		(long long)m->base, m->count,
		m->kernel_user ? " KernelUser" : "",
		m->kernel_server ? " KernelServer" : "", str(m->demux),
		str(m->user_prefix), str(m->server_prefix));
	for (const struct m_import *im = m->imports; im; im = im->next)
		fprintf(out, "  import %d %s\n", (int)im->kind, str(im->file));
	for (const struct m_type *t = m->types; t; t = t->next)
		dump_type(t, out);
	for (int i = 0; i < m->count; i++)
		dump_routine(&m->routines[i], out);
}
