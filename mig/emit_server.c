/*
 * emit_server.c - the server file (section 4.7): request checkers, the
 * _X stubs, the subsystem table, the demux and its routine lookup.
 *
 * The request arrives packed and is read through segment pointers In0P,
 * In1P... (emit_common.h).  The reply is built at its maximum layout
 * through OutP (the work function writes straight into it), then each
 * variable field's tail is moved down, last one first.
 */
#include <stdio.h>
#include <string.h>

#include "emit.h"
#include "emit_common.h"

struct sstub {
	struct writer *w;
	const struct m_interface *m;
	const struct mig_options *o;
	const struct m_routine *r;
	const char *sp;          /* -subrprefix */
	const char *rc;          /* where the work function's result goes */
};

/*
 * The work function's result goes straight into the reply's RetCode when
 * the reply has one at a fixed place (a simple reply, or a simpleroutine's
 * mig_reply_error_t), as in `OutP->RetCode = routine(args);`; a complex
 * reply has none, so the result is kept in a local.
 */
static const char *retcode_target(const struct m_routine *r)
{
	return r->simple || !r->reply.complex ? "OutP->RetCode" : "RetCode";
}

static const char *sprefix(const struct m_interface *m)
{
	return m->server_prefix ? m->server_prefix : "";
}

/* ---- prologue ---- */

static void emit_port_macros(struct writer *w, const struct m_interface *m)
{
	static const char *const user_view[] = {
		"msgh_request_port\tmsgh_local_port",
		"MACH_MSGH_BITS_REQUEST(bits)\tMACH_MSGH_BITS_LOCAL(bits)",
		"msgh_reply_port\t\tmsgh_remote_port",
		"MACH_MSGH_BITS_REPLY(bits)\tMACH_MSGH_BITS_REMOTE(bits)",
	};
	static const char *const kernel_view[] = {
		"msgh_request_port\tmsgh_remote_port",
		"MACH_MSGH_BITS_REQUEST(bits)\tMACH_MSGH_BITS_REMOTE(bits)",
		"msgh_reply_port\t\tmsgh_local_port",
		"MACH_MSGH_BITS_REPLY(bits)\tMACH_MSGH_BITS_LOCAL(bits)",
	};
	int i;

	w_line(w, "#define novalue void");
	w_blank(w);
	if (m->kernel_server) {
		w_line(w, "#if\t__MigKernelSpecificCode");
		for (i = 0; i < 4; i++)
			w_line(w, "#define %s", kernel_view[i]);
		w_line(w, "#else");
	}
	for (i = 0; i < 4; i++)
		w_line(w, "#define %s", user_view[i]);
	if (m->kernel_server)
		w_line(w, "#endif");
}

static void emit_return_error_macro(struct writer *w)
{
	w_blank(w);
	w_line(w, "#define MIG_RETURN_ERROR(X, code)\t{\\");
	w_line(w, "\t\t\t\t((mig_reply_error_t *)X)->RetCode = code;\\");
	w_line(w, "\t\t\t\t((mig_reply_error_t *)X)->NDR = NDR_record;\\");
	w_line(w, "\t\t\t\treturn;\\");
	w_line(w, "\t\t\t\t}");
}

/* The stubs' prototypes, ahead of the checks, as Apple's. */
static void emit_forward_declarations(struct writer *w,
				      const struct m_interface *m)
{
	w_line(w, "/* Forward Declarations */");
	w_blank(w);
	for (int i = 0; i < m->count; i++) {
		const struct m_routine *r = &m->routines[i];

		if (r->skip)
			continue;
		w_blank(w);
		w_line(w, "mig_internal novalue _X%s", r->name);
		w_line(w, "\t(mach_msg_header_t *InHeadP, mach_msg_header_t "
			  "*OutHeadP);");
	}
	w_blank(w);
}

static void server_prologue(struct writer *w, const struct m_interface *m,
			    const struct mig_options *o,
			    const struct emit_names *n)
{
	unsigned imports = IMPORT_BIT(IMPORT_ALL) | IMPORT_BIT(IMPORT_SERVER) |
		IMPORT_BIT(IMPORT_DEFS);
	bool sheader = n && n->server_header;
	bool split = o && o->split_headers;

	emit_banner(w, m);
	w_blank(w);
	w_line(w, "/* Module %s */", m->name);
	w_blank(w);
	w_line(w, "#define\t__MIG_check__Request__%s_subsystem__ 1", m->name);
	w_blank(w);
	/* Without a server header, or with a split one, the full include
	   list comes first (split headers rely on it); a split one is
	   included before the imports, as Apple's. */
	if (!sheader || split) {
		emit_std_includes(w);
		emit_voucher_blocks(w);
	}
	if (sheader)
		w_line(w, "#include \"%s\"", n->server_header);
	if (!sheader || split)
		emit_imports(w, m, imports);
	emit_imports(w, m, IMPORT_BIT(IMPORT_IMPL));
	emit_apple_defaults(w, false);
	emit_port_macros(w, m);
	emit_return_error_macro(w);
	if (!sheader)
		emit_server_message_types(w, m, sprefix(m));
	emit_forward_declarations(w, m);
	emit_size_asserts(w, m, NULL, SIDE_SERVER);
}

/* ---- request checker ---- */

/* The strings of a request that has optional fields (checked in our own
   form, emit_request_check): each must end within its count. */
static void counted_string_checks(struct writer *w,
				  const struct m_message *msg)
{
	int i;
	char p[32], cp[32];

	for (i = 0; i < msg->nfields; i++) {
		const struct m_field *f = &msg->fields[i];
		const struct m_arg *a = field_owner(f);
		const struct m_field *c;

		if (f->kind != F_DATA || !a || !a->type->string)
			continue;
		field_ptr(p, msg, "In", f);
		if (!f->variable) {
			w_line(w, "if (memchr(%s->%s, '\\0', sizeof(%s->%s)) == NULL)",
			       p, f->name, p, f->name);
			w_line(w, "\treturn MIG_BAD_ARGUMENTS;");
			continue;
		}
		c = count_field_of(msg, f);
		field_ptr(cp, msg, "In", c);
		w_line(w, "if (%s->%s == 0 ||", cp, c->name);
		w_line(w, "    memchr(%s->%s, '\\0', %s->%s) == NULL)", p, f->name,
		       cp, c->name);
		w_line(w, "\treturn MIG_BAD_ARGUMENTS;");
	}
}

/*
 * The strings of a request: each must end within its bound and within
 * the message, as Apple's check (one scope for all, under
 * "#if __MigTypeCheck").  A kernel server checks with memchr too (Apple's
 * kernel branch compares strnlen with the bound plus one, which never
 * fails).
 */
static void string_checks(struct writer *w, const struct m_message *msg)
{
	bool opened = false;
	char p[32];
	int i;

	for (i = 0; i < msg->nfields; i++) {
		const struct m_field *f = &msg->fields[i];
		const struct m_arg *a = field_owner(f);
		uint64_t bound;

		if (f->kind != F_DATA || !a || !a->type->string)
			continue;
		if (!opened) {
			w_line(w, "#if __MigTypeCheck");
			emit_open(w);
			w_line(w, "char * msg_limit = ((char *) In0P) + "
				  "In0P->Head.msgh_size;");
			w_line(w, "size_t memchr_limit;");
			opened = true;
		}
		field_ptr(p, msg, "In", f);
		w_blank(w);
		/* (unsigned, so that no compiler sees a negative bound) */
		bound = f->variable ? f->max_count : f->size;
		if (bound > 0)
			w_line(w, "memchr_limit = min((size_t)(msg_limit - "
				  "%s->%s), %llu);", p, f->name,
			       (unsigned long long)bound);
		else
			w_line(w, "memchr_limit = (size_t)(msg_limit - %s->%s);",
			       p, f->name);
		w_line(w, "if (( memchr(%s->%s, '\\0', memchr_limit) == NULL ))",
		       p, f->name);
		w_line(w, "\treturn MIG_BAD_ARGUMENTS; // string length exceeds "
			  "buffer length!");
	}
	if (opened) {
		w_close(w, NULL);
		w_line(w, "#endif\t/* __MigTypeCheck */");
		w_blank(w);
	}
}

/* Is every variable part of a request an inline array with its count
   (the shapes Apple's checks walk segment by segment)? */
static bool apple_request_shape(const struct m_message *msg)
{
	int i;

	for (i = 0; i < msg->nfields; i++) {
		const struct m_field *f = &msg->fields[i];

		if (f->kind == F_PRESENT)
			return false;
		if (f->variable && (f->kind != F_DATA || f->elem_size == 0 ||
				    !count_field_of(msg, f)))
			return false;
	}
	return true;
}

/* The bytes a count's elements take: "(4 * In0P->codeCnt)",
   "_WALIGN_(In0P->nameCnt)". */
static void var_bytes(char *buf, size_t n, const struct m_field *v,
		      const char *cp, const struct m_field *c)
{
	char times[32];

	snprintf(buf, n, "%s(%s%s->%s)", v->elem_size % 4 ? "_WALIGN_" : "",
		 elem_times(times, v->elem_size), cp, c->name);
}

/*
 * One variable inline array of a request, Apple's form: its count's NDR
 * hook, the count against the bound, the room left against the count
 * and the size; then, when fields follow, the next segment pointer
 * handed back through In<k>PP.  min is the smallest request's size.
 */
static void request_segment(struct writer *w, const struct m_routine *r,
			    const struct m_field *v, bool last_var,
			    uint32_t min)
{
	const struct m_message *msg = &r->request;
	const struct m_field *c = count_field_of(msg, v);
	bool more = field_has_successor(msg, v);
	int k = field_segment(msg, v);
	char cp[32], bytes[96], per[24] = "";

	field_ptr(cp, msg, "In", c);
	var_bytes(bytes, sizeof bytes, v, cp, c);
	if (v->elem_size > 1)
		snprintf(per, sizeof per, "/ %u ", v->elem_size);
	w_line(w, "#if defined(__NDR_convert__int_rep__Request__%s_t__%s__defined)",
	       r->name, c->name);
	w_line(w, "\tif (In0P->NDR.int_rep != NDR_record.int_rep)");
	w_line(w, "\t\t__NDR_convert__int_rep__Request__%s_t__%s(&%s->%s, "
		  "%s->NDR.int_rep);", r->name, c->name, cp, c->name, cp);
	w_line(w, "#endif\t/* __NDR_convert__int_rep__Request__%s_t__%s__defined */",
	       r->name, c->name);
	if (more)
		w_line(w, "msgh_size_delta = %s;", bytes);
	w_line(w, "#if\t__MigTypeCheck");
	w_line(w, "if (%s->%s > %u)", cp, c->name, v->max_count);
	w_line(w, "\treturn MIG_BAD_ARGUMENTS;");
	w_line(w, "if (((msgh_size - (mach_msg_size_t)(sizeof(__Request) - %u)) "
		  "%s< %s->%s) ||", min, per, cp, c->name);
	w_line(w, "    (msgh_size %s (mach_msg_size_t)(sizeof(__Request) - %u) + "
		  "%s))", !more || last_var ? "!=" : "<", min, bytes);
	w_line(w, "\treturn MIG_BAD_ARGUMENTS;");
	if (more && !last_var)
		w_line(w, "msgh_size -= msgh_size_delta;");
	w_line(w, "#endif\t/* __MigTypeCheck */");
	w_blank(w);
	if (more)
		emit_handback(w, "In", "__Request", k, var_room(v));
}

/*
 * A request's check in Apple's form: the header (complex bit,
 * descriptor count, size exact or between the smallest and largest
 * request), each descriptor's type, each variable inline array segment
 * by segment, the out-of-line sizes against their counts, the strings.
 * With type checking off (__MigTypeCheck 0) Apple's check vanishes and
 * the stub reads the request unchecked; a request with later segments
 * keeps its check defined here (without the tests), since the stub gets
 * its segment pointers from it (Apple's would use them unset).
 */
static void emit_apple_request_check(struct sstub *s)
{
	struct writer *w = s->w;
	const struct m_routine *r = s->r;
	const struct m_message *msg = &r->request;
	int later = later_segments(msg);
	bool var = routine_has_var(msg);
	int i, last;
	uint32_t min = var_room_all(msg, &last, NULL);

	emit_apple_check_open(w, true, s->m->name, r->name, later, later == 0);
	if (var) {
		w_line(w, "#if\t__MigTypeCheck");
		w_line(w, "unsigned int msgh_size;");
		w_line(w, "#endif\t/* __MigTypeCheck */");
	}
	if (later)
		w_line(w, "unsigned int msgh_size_delta;");
	w_blank(w);
	w_line(w, "#if\t__MigTypeCheck");
	if (var)
		w_line(w, "msgh_size = In0P->Head.msgh_size;");
	if (msg->complex)
		w_put(w, "if (!(In0P->Head.msgh_bits & MACH_MSGH_BITS_COMPLEX) "
			 "||\n    (In0P->msgh_body.msgh_descriptor_count != %d) "
			 "||\n    ", msg->descriptor_count);
	else
		w_put(w, "if ((In0P->Head.msgh_bits & MACH_MSGH_BITS_COMPLEX) "
			 "||\n    ");
	if (var)
		w_line(w, "(msgh_size < (mach_msg_size_t)(sizeof(__Request) - "
			  "%u)) ||  (msgh_size > (mach_msg_size_t)"
			  "sizeof(__Request)))", min);
	else
		w_line(w, "(In0P->Head.msgh_size != (mach_msg_size_t)"
			  "sizeof(__Request)))");
	w_line(w, "\treturn MIG_BAD_ARGUMENTS;");
	w_line(w, "#endif\t/* __MigTypeCheck */");
	w_blank(w);
	for (i = 0; i < msg->nfields; i++)
		if (desc_type_macro(msg->fields[i].kind)) {
			emit_apple_desc_check(w, &msg->fields[i], "In0P", false);
			w_blank(w);
		}
	for (i = 0; i < msg->nfields; i++)
		if (msg->fields[i].variable)
			request_segment(w, r, &msg->fields[i], i == last, min);
	emit_apple_ool_size_checks(w, msg, "In");
	string_checks(w, msg);
	w_line(w, "return MACH_MSG_SUCCESS;");
	emit_apple_check_close(w, true, s->m->name, r->name, later == 0);
}

static void emit_request_check(struct sstub *s)
{
	struct writer *w = s->w;
	const struct m_routine *r = s->r;
	const struct m_message *msg = &r->request;
	bool var = routine_has_var(msg);

	if (apple_request_shape(msg)) {
		emit_apple_request_check(s);
		return;
	}
	emit_check_prologue(w, r, "Request", "In0P", var,
			    later_segments(msg));
	w_blank(w);
	emit_shape_check(w, msg, "In0P", "__Request", "MIG_BAD_ARGUMENTS");
	emit_desc_checks(w, msg, "In0P", "MIG_TYPE_ERROR");
	if (var) {
		emit_segments(w, msg, "In", "__Request", "MIG_BAD_ARGUMENTS",
			      "msgh_size_needed", true);
		w_line(w, "if (msgh_size != msgh_size_needed)");
		w_line(w, "\treturn MIG_BAD_ARGUMENTS;");
	}
	emit_desc_count_checks(w, msg, "In", "MIG_TYPE_ERROR",
			       "MIG_BAD_ARGUMENTS");
	counted_string_checks(w, msg);
	w_line(w, "return MACH_MSG_SUCCESS;");
	w_close(w, NULL);
	w_line(w, "#endif /* !defined(__MIG_check__Request__%s_t__defined) */",
	       r->name);
}

/* ---- stub: argument expressions ---- */

static const struct m_field *req_field(const struct m_routine *r,
				       const struct m_arg *a)
{
	static const enum m_field_kind kinds[] = {
		F_PORT_DESC, F_OOL_DESC, F_OOL_PORTS_DESC, F_DATA,
	};
	size_t k;
	const struct m_field *f;

	for (k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
		if ((f = find_field(&r->request, a, kinds[k])))
			return f;
	return NULL;
}

static const struct m_field *rep_field(const struct m_routine *r,
				       const struct m_arg *a)
{
	static const enum m_field_kind kinds[] = {
		F_PORT_DESC, F_OOL_DESC, F_OOL_PORTS_DESC, F_DATA,
	};
	size_t k;
	const struct m_field *f;

	if (!r->reply.present)
		return NULL;
	for (k = 0; k < sizeof kinds / sizeof kinds[0]; k++)
		if ((f = find_field(&r->reply, a, kinds[k])))
			return f;
	return NULL;
}

static bool is_out(const struct m_arg *a)
{
	return a->kind == MA_OUT || a->kind == MA_INOUT;
}

/* The request's count of an inout out-of-line argument ("In0P->xCnt"
   in buf): as in Apple's stubs the work function updates it there, and
   the reply takes it from there.  False for any other argument. */
static bool inout_ool_count(char buf[200], const struct m_routine *r,
			    const struct m_arg *a)
{
	const struct m_field *c;
	char p[32];

	if (!a || a->implicit || a->kind != MA_INOUT || !a->type->ool ||
	    (c = find_field(&r->request, a, F_COUNT)) == NULL)
		return false;
	snprintf(buf, 200, "%s->%s", field_ptr(p, &r->request, "In", c),
		 c->name);
	return true;
}

/*
 * An out or inout scalar wider than 4 bytes: messages are packed to 4, so
 * its slot in the reply may be misaligned for its C type, and the work
 * function must not store through a pointer to it.  It goes through a
 * local, copied into the reply after the call.
 */
static bool wide_out_scalar(const struct m_routine *r, const struct m_arg *a)
{
	const struct m_field *f;

	if (a->implicit || !is_out(a) || !a->server_by_pointer ||
	    a->type->outtran)
		return false;
	if (a->type->kind != MTK_DATA && a->type->kind != MTK_STRUCT)
		return false;
	f = rep_field(r, a);
	return f && f->kind == F_DATA && f->array_len == 0 &&
	       !a->type->variable && (a->type->size > 4 || a->type->align > 4);
}

/*
 * A reply whose later segments are packed as Apple's stubs pack them
 * (pack_reply_segments): what follows a variable array goes through
 * locals (or, for an inout scalar, the request) and is copied in after
 * the array, OutP moved on past the array's unused room.  Every
 * variable part an inline array with its count, nothing padded or
 * optional, and each later field an out argument's, an in-place inout
 * scalar or a wide scalar.
 */
static bool inout_in_place(const struct m_routine *r, const struct m_arg *a);

static bool segmented_reply(const struct m_routine *r)
{
	const struct m_message *msg = &r->reply;
	int i;

	if (r->simple || !msg->present || later_segments(msg) == 0)
		return false;
	for (i = 0; i < msg->nfields; i++) {
		const struct m_field *f = &msg->fields[i];
		const struct m_arg *a = field_owner(f);

		if (f->kind == F_PAD && i > 0 && msg->fields[i - 1].variable)
			continue;       /* (the array's room covers it) */
		if (f->kind == F_PAD || f->kind == F_PRESENT ||
		    f->kind == F_STRING_OFFSET)
			return false;
		if (f->variable && (f->kind != F_DATA || f->elem_size == 0 ||
				    !a || a->type->string ||
				    !count_field_of(msg, f)))
			return false;
		if (field_segment(msg, f) == 0 || f->kind == F_COUNT)
			continue;
		if (!a || f->kind != F_DATA || a->type->outtran ||
		    a->type->kind == MTK_NATIVE)
			return false;
		if (a->kind != MA_OUT && !inout_in_place(r, a))
			return false;
	}
	return true;
}

/* In a segmented reply, an out field after a variable array is held in
   a local until its place is known. */
static bool later_local(const struct m_routine *r, const struct m_arg *a)
{
	const struct m_field *f;

	if (a->implicit || a->kind != MA_OUT || !segmented_reply(r))
		return false;
	f = rep_field(r, a);
	return f && f->kind == F_DATA && field_segment(&r->reply, f) > 0;
}

/* ... and so is a count of an array after a variable array. */
static bool local_count(const struct m_routine *r, const struct m_field *c)
{
	const struct m_message *msg = &r->reply;
	int i;

	if (!segmented_reply(r))
		return false;
	for (i = 0; i < msg->nfields; i++) {
		const struct m_field *f = &msg->fields[i];

		if (f->variable && count_field_of(msg, f) == c &&
		    field_segment(msg, f) > 0)
			return true;
	}
	return false;
}

/* An argument the server sees through a local variable. */
static bool has_local(const struct m_routine *r, const struct m_arg *a)
{
	const struct m_field *f;

	if (a->implicit)
		return false;
	if (wide_out_scalar(r, a) || later_local(r, a))
		return true;
	if (a->kind == MA_IN && a->type->intran)
		return true;
	if (a->kind == MA_REQUESTPORT && a->type->intran)
		return true;
	if (a->kind == MA_OUT && a->type->outtran)
		return true;
	f = is_out(a) ? rep_field(r, a) : req_field(r, a);
	/* (Apple's stub hands the work function &OutP->x.address or, for
	   an inout one, &In0P->x.address, which sits at a four-byte offset
	   in the packed message: a misaligned pointer) */
	if (f && is_out(a) &&
	    (f->kind == F_OOL_DESC || f->kind == F_OOL_PORTS_DESC))
		return true;
	return f && f->kind == F_PORT_DESC && f->array_len > 0;
}

/*
 * An inout scalar of four bytes or less, untranslated: as in Apple's
 * stubs, the work function updates it in the request, and the reply
 * takes it from there.
 */
static bool inout_in_place(const struct m_routine *r, const struct m_arg *a)
{
	const struct m_field *in, *out;

	if (a->implicit || a->kind != MA_INOUT || a->type->intran ||
	    a->type->outtran || wide_out_scalar(r, a))
		return false;
	in = req_field(r, a);
	out = rep_field(r, a);
	if (a->type->kind == MTK_FIXED_ARRAY && !a->type->string)
		return in && out && in->kind == F_DATA && out->kind == F_DATA &&
		       !in->variable && !out->variable;
	if (!a->server_by_pointer)
		return false;
	if (a->type->kind == MTK_PORT)	/* its name, of one disposition */
		return in && out && in->kind == F_PORT_DESC &&
		       out->kind == F_PORT_DESC && in->array_len == 0 &&
		       out->array_len == 0 && !a->poly;
	if (a->type->kind != MTK_DATA && a->type->kind != MTK_STRUCT)
		return false;
	return in && out && in->kind == F_DATA && out->kind == F_DATA &&
	       in->array_len == 0 && out->array_len == 0 && !in->variable &&
	       !out->variable && !a->type->variable;
}

/* After the call: an inout out-of-line argument's count, from the
   request into the reply. */
static void inout_count_copy(struct writer *w, const struct m_routine *r,
			     const struct m_field *f, const struct m_arg *a)
{
	char ic[200];

	if (inout_ool_count(ic, r, a))
		w_line(w, "OutP->%s = %s;", f->name, ic);
}

/* After the call: an inout item updated in the request, into the reply
   (Apple's copies an array through a struct cast; ours by memcpy). */
static void inplace_copy(struct writer *w, const struct m_routine *r,
			 const struct m_field *f, const struct m_arg *a)
{
	const struct m_field *in = req_field(r, a);
	char p[32];

	field_ptr(p, &r->request, "In", in);
	if (f->kind == F_PORT_DESC)	/* the name the work function left */
		w_line(w, "OutP->%s.name = %s->%s.name;", f->name, p, in->name);
	else if (f->array_len > 0 || a->type->kind == MTK_FIXED_ARRAY)
		w_line(w, "(void)memcpy(OutP->%s, %s->%s, sizeof(OutP->%s));",
		       f->name, p, in->name, f->name);
	else
		w_line(w, "OutP->%s = %s->%s;", f->name, p, in->name);
}

static const char *trailer_member(enum m_trailer_elem e)
{
	switch (e) {
	case TE_SEQNO: return "msgh_seqno";
	case TE_SENDER: return "msgh_sender";
	case TE_AUDIT: return "msgh_audit";
	case TE_CTX: return "msgh_context";
	case TE_NONE: break;
	}
	return "msgh_trailer_type";
}

/* What the request holds for an in argument (no translation). */
static void in_value(char *buf, size_t n, const struct m_routine *r,
		     const struct m_arg *a)
{
	const struct m_field *f = req_field(r, a);
	char p[32];

	if (a->kind == MA_REQUESTPORT) {
		snprintf(buf, n, "In0P->Head.msgh_request_port");
		return;
	}
	if (a->kind == MA_REPLYPORT || a->kind == MA_SREPLYPORT) {
		snprintf(buf, n, "In0P->Head.msgh_reply_port");
		return;
	}
	if (a->trailer_server) {
		snprintf(buf, n, "%sTrailerP->%s", a->server_by_pointer ? "&" : "",
			 trailer_member(a->trailer_elem));
		return;
	}
	if (!f) {
		snprintf(buf, n, "(%s)0", arg_ctype(a, SIDE_SERVER));
		return;
	}
	field_ptr(p, &r->request, "In", f);
	switch (f->kind) {
	case F_PORT_DESC:
		snprintf(buf, n, "%s%s->%s.name", a->server_by_pointer ? "&" : "",
			 p, f->name);
		break;
	case F_OOL_DESC: case F_OOL_PORTS_DESC:
		snprintf(buf, n, "(%s)(%s->%s.address)",
			 arg_ctype(a, SIDE_SERVER), p, f->name);
		break;
	default:
		snprintf(buf, n, "%s%s->%s", a->server_by_pointer ? "&" : "", p,
			 f->name);
		break;
	}
}

/* The expression passed for an implicit parameter. */
static void implicit_value(char *buf, size_t n, const struct m_routine *r,
			   const struct m_arg *a)
{
	const struct m_arg *pa = a->parent;
	const struct m_field *f, *c;
	char p[32], ic[200];

	if (a->kind == MA_DEALLOC || (a->kind == MA_POLY && pa->poly_send_server)) {
		snprintf(buf, n, "&%s", a->name);
		return;
	}
	if (a->kind == MA_POLY) {
		if (pa->kind == MA_REQUESTPORT)
			snprintf(buf, n, "MACH_MSGH_BITS_REQUEST(In0P->Head.msgh_bits)");
		else if (pa->kind == MA_REPLYPORT || pa->kind == MA_SREPLYPORT)
			snprintf(buf, n, "MACH_MSGH_BITS_REPLY(In0P->Head.msgh_bits)");
		else if ((f = req_field(r, pa)))
			snprintf(buf, n, "%s->%s%s.disposition",
				 field_ptr(p, &r->request, "In", f), f->name,
				 f->array_len ? "[0]" : "");
		else
			snprintf(buf, n, "0");
		return;
	}
	/* a count */
	if (inout_ool_count(ic, r, pa)) {
		snprintf(buf, n, "&%s", ic);
		return;
	}
	if (is_out(pa) && rep_field(r, pa)) {
		c = count_field_of(&r->reply, rep_field(r, pa));
		snprintf(buf, n, "&%s%s", c && local_count(r, c) ? "" : "OutP->",
			 c ? c->name : "?");
		return;
	}
	f = req_field(r, pa);
	c = f ? count_field_of(&r->request, f) : NULL;
	/* out-of-line data: the count the descriptor carries, which the
	   check held equal to the inline count (Apple's form) */
	if (c && !a->server_by_pointer && f->desc_variable &&
	    (f->kind == F_OOL_DESC || f->kind == F_OOL_PORTS_DESC)) {
		uint32_t m = pa->type->elem_size;

		if (f->kind == F_OOL_PORTS_DESC)
			snprintf(buf, n, "In0P->%s.count", f->name);
		else if (m > 1)
			snprintf(buf, n, "In0P->%s.size / %u", f->name, m);
		else
			snprintf(buf, n, "In0P->%s.size", f->name);
		return;
	}
	if (c)
		snprintf(buf, n, "%s->%s", field_ptr(p, &r->request, "In", c),
			 c->name);
	else
		snprintf(buf, n, "0");
}

static void out_value(char *buf, size_t n, const struct m_routine *r,
		      const struct m_arg *a)
{
	const struct m_field *f = rep_field(r, a);

	if (!f) {
		snprintf(buf, n, "0");
		return;
	}
	switch (f->kind) {
	case F_PORT_DESC:
		snprintf(buf, n, "&OutP->%s.name", f->name);
		break;
	case F_OOL_DESC: case F_OOL_PORTS_DESC:
		snprintf(buf, n, "(%s *)&(OutP->%s.address)",
			 arg_ctype(a, SIDE_SERVER), f->name);
		break;
	default:
		if (a->server_by_pointer)
			snprintf(buf, n, "&OutP->%s", f->name);
		else
			snprintf(buf, n, "OutP->%s", f->name);
		break;
	}
}

static void call_value(char *buf, size_t n, const struct m_routine *r,
		       const struct m_arg *a)
{
	if (a == r->retcode_arg && !a->in_request) {
		snprintf(buf, n, "KERN_SUCCESS");
		return;
	}
	if (a->implicit) {
		implicit_value(buf, n, r, a);
		return;
	}
	if (inout_in_place(r, a)) {
		in_value(buf, n, r, a);
		return;
	}
	if (later_local(r, a)) {
		const struct m_field *f = rep_field(r, a);

		snprintf(buf, n, "%s%s", a->server_by_pointer &&
			 !f->variable && f->array_len == 0 ? "&" : "", a->name);
		return;
	}
	if (has_local(r, a)) {
		snprintf(buf, n, "%s%s", is_out(a) && a->server_by_pointer ?
			 "&" : "", a->name);
		return;
	}
	if (is_out(a))
		out_value(buf, n, r, a);
	else
		in_value(buf, n, r, a);
}

/* ---- stub phases ---- */


/* A reply port descriptor Apple fills from a template: one port, of a
   fixed disposition or of the one the work function picks. */
static bool templated_reply_port(const struct m_field *f,
				 const struct m_arg *a)
{
	if (f->kind != F_PORT_DESC || f->array_len != 0 || !a)
		return false;
	if (f->send_name == M_POLY)
		return a->poly && a->poly_send_server;
	return !a->poly && f->send_name > 0;
}

/* A counted reply port array of one fixed disposition: filled from
   Apple's template of its element and copied out as Apple's. */
static bool templated_reply_port_array(const struct m_field *f,
				       const struct m_arg *a)
{
	return f->kind == F_PORT_DESC && f->array_len > 0 && a && a->count &&
	       !a->poly && f->send_name != M_POLY && f->send_name > 0;
}

/* The templates of the reply's port descriptors, used only when the
   includer sets UseStaticTemplates. */
static void emit_reply_port_templates(struct sstub *s)
{
	struct writer *w = s->w;
	const struct m_message *msg = &s->r->reply;

	for (int i = 0; i < msg->nfields; i++) {
		const struct m_field *f = &msg->fields[i];

		if (templated_ool(f, field_owner(f))) {
			w_blank(w);
			emit_ool_template(w, f);
			w_blank(w);
			continue;
		}
		if (!templated_reply_port(f, field_owner(f)) &&
		    !templated_reply_port_array(f, field_owner(f)))
			continue;
		w_blank(w);
		emit_port_template(w, f);
		w_blank(w);
	}
}

static void stub_types(struct sstub *s)
{
	struct writer *w = s->w;
	const struct m_routine *r = s->r;

	emit_pack_push(w);
	emit_msg_typedef(w, r, false, "Request",
			 r->server_trailer != TE_NONE ? "mach_msg_max_trailer_t"
			 : "mach_msg_trailer_t", true);
	emit_pack_pop(w);
	w_line(w, "typedef __Reply__%s_t Reply __attribute__((unused));",
	       r->name);
	w_line(w, "typedef __Request__%s_t __Request __attribute__((unused));",
	       r->name);
	w_blank(w);
	emit_error_reply_comment(w);
	w_blank(w);
	w_line(w, "Request *In0P = (Request *) InHeadP;");
	/* (Apple's stub says Request *: the check stores a __Request *,
	   and reading that through another pointer type breaks strict
	   aliasing) */
	for (int k = 1; k <= later_segments(&r->request); k++)
		w_line(w, "__Request *In%dP;", k);
	w_line(w, "Reply *OutP = (Reply *) OutHeadP;");
	if (segmented_reply(r)) {
		int nvar;

		(void)var_room_all(&r->reply, NULL, &nvar);
		if (nvar > 1)
			w_line(w, "unsigned int msgh_size;");
		w_line(w, "unsigned int msgh_size_delta;");
	}
	w_line(w, "#ifdef\t__MIG_check__Request__%s_t__defined", r->name);
	w_line(w, "kern_return_t check_result;");
	w_line(w, "#endif\t/* __MIG_check__Request__%s_t__defined */",
	       r->name);
	emit_reply_port_templates(s);
	if (strcmp(s->rc, "RetCode") == 0)
		w_line(w, "kern_return_t RetCode;");
	if (r->server_trailer != TE_NONE)
		w_line(w, "mach_msg_max_trailer_t *TrailerP;");
}

static void stub_locals(struct sstub *s)
{
	struct writer *w = s->w;
	const struct m_routine *r = s->r;
	int i;

	for (i = 0; i < r->nargs; i++) {
		const struct m_arg *a = &r->args[i];
		const struct m_field *f;

		if (a->implicit) {
			if (a->server_param && (a->kind == MA_DEALLOC ||
			    (a->kind == MA_POLY && a->parent->poly_send_server)))
				w_line(w, "%s %s = %s;", a->type->server_ctype ?
				       a->type->server_ctype : "unsigned int",
				       a->name, a->kind == MA_DEALLOC ? "FALSE" : "0");
			continue;
		}
		if (!a->server_param || !has_local(r, a))
			continue;
		f = is_out(a) ? rep_field(r, a) : req_field(r, a);
		if (f && f->kind == F_PORT_DESC && f->array_len > 0)
			w_line(w, "%s %s[%u];", a->type->elem_ctype ?
			       a->type->elem_ctype : "mach_port_t", a->name,
			       f->array_len);
		else if (later_local(r, a) && f->array_len > 0)
			w_line(w, "%s %s[%u];", f->server_ctype ? f->server_ctype :
			       f->ctype, a->name, f->array_len);
		else
			w_line(w, "%s %s;", arg_ctype(a, SIDE_SERVER), a->name);
	}
	for (i = 0; i < r->reply.nfields; i++) {
		const struct m_field *c = &r->reply.fields[i];

		if (c->kind == F_COUNT && local_count(r, c))
			w_line(w, "mach_msg_type_number_t %s;", c->name);
	}
}

static void check_trailer(struct sstub *s)
{
	struct writer *w = s->w;
	const struct m_routine *r = s->r;

	if (r->server_trailer == TE_NONE)
		return;
	w_line(w, "TrailerP = (mach_msg_max_trailer_t *)((char *)In0P + "
		  "_WALIGN_(In0P->Head.msgh_size));");
	w_line(w, "if (TrailerP->msgh_trailer_type != MACH_MSG_TRAILER_FORMAT_0 ||");
	w_line(w, "    TrailerP->msgh_trailer_size < %d)",
	       trailer_size(r->server_trailer));
	w_line(w, "\t{ MIG_RETURN_ERROR(OutP, MIG_TRAILER_ERROR); }");
}

/* A reply port descriptor's fields but its name, as Apple's stubs set
   them without a template; lv is the descriptor ("OutP->x.", "ptr->"). */
static void port_desc_fields(struct writer *w, const char *lv, int disp)
{
	if (disp != M_POLY)	/* (else set after the call) */
		w_line(w, "%sdisposition = %d;", lv, disp);
	w_line(w, "#if !(defined(KERNEL) && defined(__LP64__))");
	w_line(w, "%spad1 = 0;", lv);
	w_line(w, "#endif");
	w_line(w, "%spad2 = 0;", lv);
	w_line(w, "%stype = MACH_MSG_PORT_DESCRIPTOR;", lv);
	w_line(w, "#if defined(KERNEL)");
	w_line(w, "%spad_end = 0;", lv);
	w_line(w, "#endif");
}

static void preset_port_desc(struct sstub *s, const struct m_field *f,
			     const struct m_arg *a)
{
	struct writer *w = s->w;
	char nb[16], el[16] = "", lv[300];
	const char *dn = send_name_str(f->send_name, nb);

	if (templated_reply_port(f, a)) {
		/* (the work function sets the name) */
		w_line(w, "#if\tUseStaticTemplates");
		w_line(w, "OutP->%s = %sTemplate;", f->name, f->name);
		w_line(w, "#else\t/* UseStaticTemplates */");
		snprintf(lv, sizeof lv, "OutP->%s.", f->name);
		port_desc_fields(w, lv, f->send_name);
		w_line(w, "#endif\t/* UseStaticTemplates */");
		w_blank(w);
		return;
	}
	if (templated_reply_port_array(f, a)) {
		w_line(w, "{");
		w_line(w, "    mach_msg_port_descriptor_t\t*ptr;");
		w_line(w, "    int\ti;");
		w_blank(w);
		w_line(w, "    ptr = &OutP->%s[0];", f->name);
		w_line(w, "    for (i = 0; i < %u; ptr++, i++) {", f->array_len);
		w_line(w, "#if\tUseStaticTemplates");
		w_line(w, "\t*ptr = %sTemplate;", f->name);
		w_line(w, "#else\t/* UseStaticTemplates */");
		w_line(w, "\tptr->name = MACH_PORT_NULL;");
		port_desc_fields(w, "\tptr->", f->send_name);
		w_line(w, "#endif\t/* UseStaticTemplates */");
		w_line(w, "    }");
		w_line(w, "}");
		return;
	}
	if (f->array_len > 0) {
		w_line(w, "for (unsigned int mig_i = 0; mig_i < %u; mig_i++)",
		       f->array_len);
		emit_open(w);
		snprintf(el, sizeof el, "[mig_i]");
	}
	w_line(w, "OutP->%s%s.name = MACH_PORT_NULL;", f->name, el);
	w_line(w, "OutP->%s%s.pad1 = 0;", f->name, el);
	w_line(w, "OutP->%s%s.pad2 = 0;", f->name, el);
	if (dn && !(a->poly && a->poly_send_server))
		w_line(w, "OutP->%s%s.disposition = %s;", f->name, el, dn);
	w_line(w, "OutP->%s%s.type = MACH_MSG_PORT_DESCRIPTOR;", f->name, el);
	if (f->array_len > 0)
		w_close(w, NULL);
}

static void preset_ool_desc(struct sstub *s, const struct m_field *f,
			    const struct m_arg *a)
{
	struct writer *w = s->w;
	bool ports = f->kind == F_OOL_PORTS_DESC;
	char nb[16];
	const char *dn = send_name_str(f->send_name, nb);

	if (templated_ool(f, a)) {
		/* Apple's form: the work function names the data and the
		   count; the address and size follow after the call */
		w_line(w, "#if\tUseStaticTemplates");
		w_line(w, "OutP->%s = %sTemplate;", f->name, f->name);
		w_line(w, "#else\t/* UseStaticTemplates */");
		if (!f->desc_variable)
			w_line(w, "OutP->%s.%s = %u;", f->name, ports ? "count" :
			       "size", f->desc_count);
		if (ports)
			w_line(w, "OutP->%s.disposition = %d;", f->name,
			       f->send_name);
		if (f->dealloc != MD_RUNTIME)
			w_line(w, "OutP->%s.deallocate =  %s;", f->name,
			       f->dealloc == MD_TRUE ? "TRUE" : "FALSE");
		/* (ours also sets an out-of-line port array's copy
		   option, which the kernel checks) */
		w_line(w, "OutP->%s.copy = %s;", f->name,
		       ports || f->physical_copy ? "MACH_MSG_PHYSICAL_COPY" :
		       "MACH_MSG_VIRTUAL_COPY");
		if (!ports)
			w_line(w, "OutP->%s.pad1 = 0;", f->name);
		w_line(w, "OutP->%s.type = %s;", f->name, desc_type_macro(f->kind));
		if (!ports) {
			w_line(w, "#if defined(KERNEL) && !defined(__LP64__)");
			w_line(w, "OutP->%s.pad_end = 0;", f->name);
			w_line(w, "#endif");
		}
		w_line(w, "#endif\t/* UseStaticTemplates */");
		return;
	}
	w_line(w, "OutP->%s.address = (void *)0;", f->name);
	if (ports)
		w_line(w, "OutP->%s.count = %u;", f->name,
		       f->desc_variable ? 0 : f->desc_count);
	else
		w_line(w, "OutP->%s.size = %u;", f->name,
		       f->desc_variable ? 0 : f->desc_count);
	w_line(w, "OutP->%s.deallocate = %s;", f->name,
	       f->dealloc == MD_TRUE ? "TRUE" : "FALSE");
	w_line(w, "OutP->%s.copy = %s;", f->name,
	       ports || f->physical_copy ? "MACH_MSG_PHYSICAL_COPY" :
	       "MACH_MSG_VIRTUAL_COPY");
	if (!ports)
		w_line(w, "OutP->%s.pad1 = 0;", f->name);
	else if (dn && !(a->poly && a->poly_send_server))
		w_line(w, "OutP->%s.disposition = %s;", f->name, dn);
	w_line(w, "OutP->%s.type = %s;", f->name, desc_type_macro(f->kind));
}

/* Initial value of an out count the work function may lower. */
static void preset_count(struct sstub *s, const struct m_field *c,
			 const struct m_arg *a)
{
	const struct m_routine *r = s->r;
	const struct m_field *rc;
	uint32_t bound = a->type->max_count;
	char p[32], ic[200];

	if (a->count_shared)
		return;
	if (local_count(r, c)) {
		w_line(s->w, "%s = %u;", c->name, bound);
		return;
	}
	if (a->type->string)
		return;		/* (counted after the call) */
	if (a->kind == MA_OUT && (a->flags & AF_COUNTINOUT) &&
	    (rc = find_field(&r->request, a, F_COUNT))) {
		field_ptr(p, &r->request, "In", rc);
		w_line(s->w, "OutP->%s = %u;", c->name, bound);
		w_line(s->w, "if (%s->%s < OutP->%s)", p, rc->name, c->name);
		w_line(s->w, "\tOutP->%s = %s->%s;", c->name, p, rc->name);
		w_blank(s->w);
		return;
	}
	if (inout_ool_count(ic, r, a))
		return;		/* (the request's, copied after the call) */
	if (a->type->ool || a->type->kind == MTK_UNBOUNDED_ARRAY)
		w_line(s->w, "OutP->%s = 0;", c->name);
	else
		w_line(s->w, "OutP->%s = %u;", c->name, bound);
}

static void inout_copy(struct sstub *s, const struct m_arg *a)
{
	const struct m_routine *r = s->r;
	const struct m_field *in = req_field(r, a), *out = rep_field(r, a);
	char p[32];

	if (!in || !out || in->kind != out->kind || inout_in_place(r, a))
		return;
	field_ptr(p, &r->request, "In", in);
	if (wide_out_scalar(r, a))
		w_line(s->w, "%s = %s->%s;", a->name, p, in->name);
	else if (out->kind == F_PORT_DESC && out->array_len == 0)
		w_line(s->w, "OutP->%s.name = %s->%s.name;", out->name, p, in->name);
	else if (out->kind == F_OOL_DESC || out->kind == F_OOL_PORTS_DESC) {
		char v[256];

		in_value(v, sizeof v, r, a);
		w_line(s->w, "%s = %s;", a->name, v);
	}
	else if (out->kind == F_DATA && (out->array_len > 0 ||
		 a->type->kind == MTK_FIXED_ARRAY))
		w_line(s->w, "(void)memcpy(OutP->%s, %s->%s, sizeof(OutP->%s));",
		       out->name, p, in->name, out->name);
	else if (out->kind == F_DATA)
		w_line(s->w, "OutP->%s = %s->%s;", out->name, p, in->name);
}

static void preset_reply(struct sstub *s)
{
	const struct m_routine *r = s->r;
	const struct m_message *msg = &r->reply;
	int i;

	if (!msg->present)
		return;
	for (i = 0; i < msg->nfields; i++) {
		const struct m_field *f = &msg->fields[i];
		const struct m_arg *a = field_owner(f);

		switch (f->kind) {
		case F_PORT_DESC:
			preset_port_desc(s, f, a);
			break;
		case F_OOL_DESC: case F_OOL_PORTS_DESC:
			preset_ool_desc(s, f, a);
			break;
		case F_PAD:
			if (i > 0 && msg->fields[i - 1].variable &&
			    segmented_reply(r))
				break;  /* (pack_reply_segments clears it) */
			w_line(s->w, "(void)memset(OutP->%s, 0, sizeof(OutP->%s));",
			       f->name, f->name);
			break;
		case F_COUNT:
			if (a && f->arg)
				preset_count(s, f, a);
			break;
		default:
			break;
		}
	}
	for (i = 0; i < r->nargs; i++)
		if (r->args[i].kind == MA_INOUT)
			inout_copy(s, &r->args[i]);
}

/* In-translations and port arrays gathered into locals. */
static void prepare_locals(struct sstub *s)
{
	struct writer *w = s->w;
	const struct m_routine *r = s->r;
	int i;
	char v[256], p[32];

	for (i = 0; i < r->nargs; i++) {
		const struct m_arg *a = &r->args[i];
		const struct m_field *f;

		if (!a->server_param || !has_local(r, a) || is_out(a))
			continue;
		f = req_field(r, a);
		if (f && f->kind == F_PORT_DESC && f->array_len > 0) {
			field_ptr(p, &r->request, "In", f);
			w_line(w, "for (unsigned int mig_i = 0; mig_i < %u; mig_i++)",
			       f->array_len);
			w_line(w, "\t%s[mig_i] = %s->%s[mig_i].name;", a->name, p,
			       f->name);
			continue;
		}
		in_value(v, sizeof v, r, a);
		w_line(w, "%s = %s(%s);", a->name, a->type->intran, v);
	}
}

static void call_work(struct sstub *s)
{
	struct writer *w = s->w;
	const struct m_routine *r = s->r;
	const char *sep = "";
	int i;
	char v[256];

	/* One statement on one line: build steps match it by pattern. */
	w_put(w, "%s = %s(", s->rc, r->server_function);
	for (i = 0; i < r->nargs; i++) {
		if (!r->args[i].server_param)
			continue;
		call_value(v, sizeof v, r, &r->args[i]);
		w_put(w, "%s%s", sep, v);
		sep = ", ";
	}
	w_line(w, ");");
}

/* Destructors and Auto deallocation, in reverse argument order. */
static void after_call(struct sstub *s)
{
	struct writer *w = s->w;
	const struct m_routine *r = s->r;
	int i;
	char v[256], p[32];

	for (i = r->nargs - 1; i >= 0; i--) {
		const struct m_arg *a = &r->args[i];
		const struct m_field *f;

		if (a->implicit || is_out(a))
			continue;
		if (a->type->destructor && a->server_param) {
			call_value(v, sizeof v, r, a);
			w_line(w, "%s(%s);", a->type->destructor, v);
		}
		f = req_field(r, a);
		if (!(a->flags & AF_AUTO) || !f ||
		    (f->kind != F_OOL_DESC && f->kind != F_OOL_PORTS_DESC))
			continue;
		field_ptr(p, &r->request, "In", f);
		if (f->kind == F_OOL_DESC) {
			w_line(w, "%smig_deallocate((vm_address_t)%s->%s.address, "
				  "(vm_size_t)%s->%s.size);", s->sp, p, f->name, p,
			       f->name);
			w_line(w, "%s->%s.size = 0;", p, f->name);
		} else {
			w_line(w, "%smig_deallocate((vm_address_t)%s->%s.address, "
				  "(vm_size_t)%s->%s.count * sizeof(mach_port_t));",
			       s->sp, p, f->name, p, f->name);
			w_line(w, "%s->%s.count = 0;", p, f->name);
		}
		w_line(w, "%s->%s.address = (void *)0;", p, f->name);
	}
}

/* KernelServer: release in ports the work function saw translated. */
static void kernel_releases(struct sstub *s)
{
	struct writer *w = s->w;
	const struct m_routine *r = s->r;
	int i;
	bool any = false;
	char p[32];

	if (!s->m->kernel_server)
		return;
	for (i = 0; i < r->nargs; i++) {
		const struct m_arg *a = &r->args[i];
		const struct m_field *f = a->implicit ? NULL : req_field(r, a);

		if (!f || f->kind != F_PORT_DESC || f->array_len > 0 ||
		    !a->type->intran || f->recv_name != 17 || a->kind != MA_IN)
			continue;
		if (!any) {
			w_line(w, "#if\t__MigKernelSpecificCode");
			w_line(w, "if (%s == KERN_SUCCESS)", s->rc);
			emit_open(w);
		}
		any = true;
		field_ptr(p, &r->request, "In", f);
		w_line(w, "%sipc_port_release_send(%s->%s.name);", s->sp, p,
		       f->name);
	}
	if (any) {
		w_close(w, NULL);
		w_line(w, "#endif");
	}
}

/* Out translations, polymorphic names, port arrays, OOL sizes. */
static void finish_out_field(struct sstub *s, const struct m_field *f,
			     const struct m_arg *a)
{
	struct writer *w = s->w;
	const struct m_field *c;

	if (f->kind == F_PORT_DESC && a && inout_in_place(s->r, a))
		inplace_copy(w, s->r, f, a);
	if (templated_reply_port_array(f, a) && has_local(s->r, a) &&
	    (c = count_field_of(&s->r->reply, f)) != NULL) {
		/* the names the work function gave, as many as it counted
		   (the rest stay null) */
		w_line(w, "{");
		w_line(w, "    mach_msg_port_descriptor_t\t*ptr;");
		w_line(w, "    int\ti, j;");
		w_blank(w);
		w_line(w, "    ptr = &OutP->%s[0];", f->name);
		w_line(w, "    j = min(%u, %s%s);", f->array_len,
		       local_count(s->r, c) ? "" : "OutP->", c->name);
		w_line(w, "    for (i = 0; i < j; ptr++, i++) {");
		w_line(w, "\tptr->name = %s[i];", a->name);
		w_line(w, "    }");
		w_line(w, "}");
	} else if (f->kind == F_PORT_DESC && f->array_len > 0 &&
		   has_local(s->r, a)) {
		c = a->count ? count_field_of(&s->r->reply, f) : NULL;
		w_line(w, "for (unsigned int mig_i = 0; mig_i < %u; mig_i++)",
		       f->array_len);
		if (c)
			w_line(w, "\tOutP->%s[mig_i].name = mig_i < OutP->%s ? "
				  "%s[mig_i] : MACH_PORT_NULL;", f->name, c->name,
			       a->name);
		else
			w_line(w, "\tOutP->%s[mig_i].name = %s[mig_i];", f->name,
			       a->name);
	} else if ((f->kind == F_OOL_DESC || f->kind == F_OOL_PORTS_DESC) &&
		   has_local(s->r, a)) {
		w_line(w, "OutP->%s.address = (void *)(%s);", f->name, a->name);
	} else if (f->kind == F_PORT_DESC && a->type->outtran &&
		   a->kind == MA_OUT) {
		w_line(w, "OutP->%s.name = %s(%s);", f->name, a->type->outtran,
		       a->name);
	} else if (f->kind == F_DATA && a->type->outtran && a->kind == MA_OUT) {
		w_line(w, "OutP->%s = %s(%s);", f->name, a->type->outtran, a->name);
	} else if (wide_out_scalar(s->r, a)) {
		w_line(w, "OutP->%s = %s;", f->name, a->name);
	}
	if (a->poly && a->poly_send_server && f->kind == F_PORT_DESC) {
		if (f->array_len > 0)
			w_line(w, "for (unsigned int mig_i = 0; mig_i < %u; mig_i++)"
				  "\n\tOutP->%s[mig_i].disposition = %s;",
			       f->array_len, f->name, a->poly->name);
		else
			w_line(w, "OutP->%s.disposition = %s;", f->name,
			       a->poly->name);
	}
	if (a->poly && a->poly_send_server && f->kind == F_OOL_PORTS_DESC)
		w_line(w, "OutP->%s.disposition = %s;", f->name, a->poly->name);
	if (a->dealloc && (f->kind == F_OOL_DESC || f->kind == F_OOL_PORTS_DESC))
		w_line(w, "OutP->%s.deallocate = %s;", f->name, a->dealloc->name);
	if (f->desc_variable && (c = count_field_of(&s->r->reply, f))) {
		char cv[200];

		if (!inout_ool_count(cv, s->r, a))
			snprintf(cv, sizeof cv, "OutP->%s", c->name);
		if (f->kind == F_OOL_DESC && a->type->elem_size > 1)
			w_line(w, "OutP->%s.size = %s * %u;", f->name, cv,
			       a->type->elem_size);
		else if (f->kind == F_OOL_DESC)
			w_line(w, "OutP->%s.size = %s;", f->name, cv);
		else if (f->kind == F_OOL_PORTS_DESC)
			w_line(w, "OutP->%s.count = %s;", f->name, cv);
	}
}

static void finish_var_field(struct sstub *s, const struct m_field *f,
			     const struct m_arg *a)
{
	struct writer *w = s->w;
	const struct m_field *c = count_field_of(&s->r->reply, f);

	if (!c)
		return;
	if (a->type->string) {
		/* Apple's count and offset; ours first ends the string within
		   its bound, so that strlen stays in the reply */
		const struct m_field *o = find_field(&s->r->reply, a,
						     F_STRING_OFFSET);

		w_line(w, "OutP->%s[%u] = '\\0';", f->name, f->max_count - 1);
		w_line(w, "#ifdef __LP64__");
		w_line(w, "{");
		w_line(w, "\tsize_t strLength = strlen(OutP->%s) + 1;", f->name);
		w_line(w, "\tif (strLength > 0xffffffff)");
		w_line(w, "\t\tMIG_RETURN_ERROR(OutP, MIG_BAD_ARGUMENTS);");
		w_line(w, "\tOutP->%s = (mach_msg_type_number_t) strLength;",
		       c->name);
		w_line(w, "}");
		w_line(w, "#else");
		w_line(w, "OutP->%s = (mach_msg_type_number_t) strlen(OutP->%s) + 1;",
		       c->name, f->name);
		w_line(w, "#endif /* __LP64__ */");
		if (o)
			w_line(w, "OutP->%s = 0;", o->name);
		return;
	}
	w_line(w, "if (OutP->%s > %u)", c->name, f->max_count);
	w_line(w, "\t{ MIG_RETURN_ERROR(OutP, MIG_ARRAY_TOO_LARGE); }");
}

/* A reply of header, NDR and RetCode only, RetCode set by the call. */
static bool retcode_only_reply(const struct sstub *s)
{
	const struct m_message *msg = &s->r->reply;

	return !msg->complex && msg->nfields == 3 &&
	       msg->fields[0].kind == F_HEADER &&
	       msg->fields[1].kind == F_NDR &&
	       msg->fields[2].kind == F_RETCODE &&
	       strcmp(s->rc, "OutP->RetCode") == 0;
}

/*
 * The reply of a segmented_reply routine, packed as Apple's stubs pack
 * it: fields in order, each variable array's count checked against its
 * bound, then, where fields follow, the size grown by the array's words
 * and OutP moved on past its unused room, the later fields copied in
 * from their locals (or the request) there; OutP back at the start.
 */
static void pack_reply_segments(struct sstub *s)
{
	struct writer *w = s->w;
	const struct m_routine *r = s->r;
	const struct m_message *msg = &r->reply;
	int i, nvar;
	bool first = true;
	uint32_t min = var_room_all(msg, NULL, &nvar);
	char mul[32], bytes[128];

	/* ours: the counts the work function left in locals, each within
	   the bound of every array it counts, before OutP moves (an error
	   reply is written at the start) */
	for (i = 0; i < msg->nfields; i++) {
		const struct m_field *c = &msg->fields[i];
		uint32_t bound = 0;
		int k;

		if (c->kind != F_COUNT || !local_count(r, c))
			continue;
		for (k = 0; k < msg->nfields; k++)
			if (msg->fields[k].variable &&
			    count_field_of(msg, &msg->fields[k]) == c &&
			    (bound == 0 || msg->fields[k].max_count < bound))
				bound = msg->fields[k].max_count;
		w_line(w, "if (%s > %u)", c->name, bound);
		w_line(w, "\t{ MIG_RETURN_ERROR(OutP, MIG_ARRAY_TOO_LARGE); }");
	}
	for (i = 0; i < msg->nfields; i++) {
		const struct m_field *f = &msg->fields[i];
		const struct m_arg *a = field_owner(f);
		const struct m_field *c;

		switch (f->kind) {
		case F_NDR:
			w_line(w, "OutP->NDR = NDR_record;");
			continue;
		case F_RETCODE:
			if (strcmp(s->rc, "OutP->RetCode") != 0)
				w_line(w, "OutP->RetCode = KERN_SUCCESS;");
			continue;
		case F_PORT_DESC: case F_OOL_DESC: case F_OOL_PORTS_DESC:
			finish_out_field(s, f, a);
			continue;
		case F_COUNT:
			if (local_count(r, f))
				w_line(w, "OutP->%s = %s;", f->name, f->name);
			inout_count_copy(w, r, f, a);
			continue;
		case F_DATA:
			break;
		default:
			continue;
		}
		if (a && inout_in_place(r, a))
			inplace_copy(w, r, f, a);
		c = f->variable ? count_field_of(msg, f) : NULL;
		if (c && !local_count(r, c))
			finish_var_field(s, f, a);
		if (a && later_local(r, a)) {
			if (f->variable)
				w_line(w, "(void)memcpy((char *) OutP->%s, "
					  "(const char *) %s, %s%s%s);", f->name,
				       a->name, elem_times(mul, f->elem_size),
				       local_count(r, c) ? "" : "OutP->", c->name);
			else if (f->array_len > 0)
				w_line(w, "(void)memcpy((char *) OutP->%s, "
					  "(const char *) %s, sizeof(OutP->%s));",
				       f->name, a->name, f->name);
			else
				w_line(w, "OutP->%s = %s;", f->name, a->name);
		} else {
			finish_out_field(s, f, a);
		}
		if (!f->variable)
			continue;
		elem_times(mul, f->elem_size);
		if (f->elem_size % 4) {
			/* ours: the bytes up to the next word are zeros, not
			   what the buffer held */
			char used[96];

			snprintf(used, sizeof used, "%s%s%s", mul,
				 local_count(r, c) ? "" : "OutP->", c->name);
			w_line(w, "(void)memset((char *) OutP->%s + %s, 0, "
				  "_WALIGN_(%s) - (%s));", f->name, used, used,
			       used);
		}
		snprintf(bytes, sizeof bytes, "%s((%s%s%s))",
			 f->elem_size % 4 ? "_WALIGN_" : "", mul,
			 local_count(r, c) ? "" : "OutP->", c->name);
		if (!field_has_successor(msg, f)) {
			w_line(w, "msgh_size += %s;", bytes);
			continue;
		}
		w_line(w, "msgh_size_delta = %s;", bytes);
		if (first && nvar == 1)
			w_line(w, "OutP->Head.msgh_size = (mach_msg_size_t)"
				  "(sizeof(Reply) - %u) + msgh_size_delta;", min);
		else if (first)
			w_line(w, "msgh_size = (mach_msg_size_t)(sizeof(Reply) - "
				  "%u) + msgh_size_delta;", min);
		else
			w_line(w, "msgh_size += msgh_size_delta;");
		w_line(w, "OutP = (Reply *) ((pointer_t) OutP + msgh_size_delta "
			  "- %u);", var_room(f));
		first = false;
	}
	w_line(w, "OutP = (Reply *) OutHeadP;");
	if (msg->complex)
		w_line(w, "OutP->Head.msgh_bits |= MACH_MSGH_BITS_COMPLEX;");
	if (nvar > 1)
		w_line(w, "OutP->Head.msgh_size = msgh_size;");
	if (msg->complex)
		w_line(w, "OutP->msgh_body.msgh_descriptor_count = %d;",
		       msg->descriptor_count);
}

static void pack_reply(struct sstub *s)
{
	struct writer *w = s->w;
	const struct m_routine *r = s->r;
	const struct m_message *msg = &r->reply;
	const struct m_field *v;
	bool var = routine_has_var(msg);
	int i;

	if (segmented_reply(r)) {
		pack_reply_segments(s);
		return;
	}

	for (i = 0; i < msg->nfields; i++) {
		const struct m_field *f = &msg->fields[i];
		const struct m_arg *a = field_owner(f);

		switch (f->kind) {
		case F_NDR:
			w_line(w, "OutP->NDR = NDR_record;");
			break;
		case F_RETCODE:
			/* (the work function's answer is there already) */
			if (strcmp(s->rc, "OutP->RetCode") != 0)
				w_line(w, "OutP->RetCode = KERN_SUCCESS;");
			break;
		case F_PORT_DESC: case F_OOL_DESC: case F_OOL_PORTS_DESC:
			finish_out_field(s, f, a);
			break;
		case F_DATA:
			if (a && inout_in_place(r, a))
				inplace_copy(w, r, f, a);
			finish_out_field(s, f, a);
			if (f->variable)
				finish_var_field(s, f, a);
			break;
		case F_COUNT:
			inout_count_copy(w, r, f, a);
			break;
		default:
			break;
		}
	}
	if (var && (v = sole_trailing_var(msg)) != NULL) {
		/* Apple's form: the smallest reply and the array's words */
		const struct m_field *c = count_field_of(msg, v);
		uint32_t room = var_room(v);
		char mul[32];

		elem_times(mul, v->elem_size);
		w_blank(w);
		if (v->elem_size % 4)
			w_line(w, "OutP->Head.msgh_size = (mach_msg_size_t)"
				  "(sizeof(Reply) - %u) + (_WALIGN_((%sOutP->%s"
				  " + 3) & ~3));", room, mul, c->name);
		else
			w_line(w, "OutP->Head.msgh_size = (mach_msg_size_t)"
				  "(sizeof(Reply) - %u) + (((%sOutP->%s)));",
			       room, mul, c->name);
		w_blank(w);
	} else if (var) {
		w_line(w, "mach_msg_size_t msgh_size = (mach_msg_size_t)sizeof(Reply);");
		emit_compaction(w, msg, "OutP", "Reply", "msgh_size");
		w_line(w, "OutP->Head.msgh_size = msgh_size;");
	} else if (msg->complex) {
		w_line(w, "OutP->Head.msgh_bits |= MACH_MSGH_BITS_COMPLEX;");
		w_line(w, "OutP->Head.msgh_size = (mach_msg_size_t)(sizeof(Reply));");
		w_line(w, "OutP->msgh_body.msgh_descriptor_count = %d;",
		       msg->descriptor_count);
		return;
	} else {
		w_line(w, "OutP->Head.msgh_size = (mach_msg_size_t)(sizeof(Reply));");
	}
	if (msg->complex) {
		w_line(w, "OutP->Head.msgh_bits |= MACH_MSGH_BITS_COMPLEX;");
		w_line(w, "OutP->msgh_body.msgh_descriptor_count = %d;",
		       msg->descriptor_count);
	}
}

/* A RetCode simpleroutine may receive a bare mig_reply_error_t. */
static void retcode_message(struct sstub *s)
{
	struct writer *w = s->w;
	const struct m_routine *r = s->r;
	const char *sep = "";
	int i;
	char v[256];

	if (!r->retcode_arg || r->retcode_arg->in_request ||
	    !r->request.complex)
		return;
	w_line(w, "if (!(In0P->Head.msgh_bits & MACH_MSGH_BITS_COMPLEX) &&");
	w_line(w, "    In0P->Head.msgh_size == (mach_msg_size_t)sizeof(mig_reply_error_t))");
	emit_open(w);
	w_put(w, "%s = %s(", s->rc, r->server_function);
	for (i = 0; i < r->nargs; i++) {
		const struct m_arg *a = &r->args[i];

		if (!a->server_param)
			continue;
		if (a == r->retcode_arg)
			snprintf(v, sizeof v, "((mig_reply_error_t *)In0P)->RetCode");
		else if (a->kind == MA_REQUESTPORT || a->kind == MA_REPLYPORT ||
			 a->kind == MA_SREPLYPORT)
			in_value(v, sizeof v, r, a);
		else if (a->server_by_pointer)
			snprintf(v, sizeof v, "(%s *)0", arg_ctype(a, SIDE_SERVER));
		else
			snprintf(v, sizeof v, "(%s){0}", arg_ctype(a, SIDE_SERVER));
		w_put(w, "%s%s", sep, v);
		sep = ", ";
	}
	w_line(w, ");");
	w_line(w, "OutP->NDR = NDR_record;");
	if (strcmp(s->rc, "RetCode") == 0)
		w_line(w, "OutP->RetCode = RetCode;");
	w_line(w, "return;");
	w_close(w, NULL);
}

static void emit_stub(struct sstub *s)
{
	struct writer *w = s->w;
	const struct m_routine *r = s->r;
	const char *kind = r->simple ? "RcvSimple" : "RcvRpc";

	w_blank(w);
	w_line(w, "/* %s %s */", r->simple ? "SimpleRoutine" : "Routine",
	       r->name);
	w_line(w, "mig_internal novalue _X%s", r->name);
	w_line(w, "\t(mach_msg_header_t *InHeadP, mach_msg_header_t *OutHeadP)");
	emit_open(w);
	stub_types(s);
	stub_locals(s);
	w_blank(w);
	w_line(w, "__Declare%s(%lld, \"%s\")", kind, (long long)r->request_id,
	       r->name);
	w_line(w, "__Before%s(%lld, \"%s\")", kind, (long long)r->request_id,
	       r->name);
	w_blank(w);
	retcode_message(s);
	/* The checker hands back the later segments (In1P...). */
	/* (the check is always defined here; the guard is Apple's text) */
	w_line(w, "#if\tdefined(__MIG_check__Request__%s_t__defined)",
	       r->name);
	w_put(w, "check_result = __MIG_check__Request__%s_t((__Request *)In0P",
	      r->name);
	for (int k = 1; k <= later_segments(&r->request); k++)
		w_put(w, ", (__Request **)&In%dP", k);
	w_line(w, ");");
	w_line(w, "if (check_result != MACH_MSG_SUCCESS)");
	w_line(w, "\t{ MIG_RETURN_ERROR(OutP, check_result); }");
	w_line(w, "#endif\t/* defined(__MIG_check__Request__%s_t__defined) */",
	       r->name);
	check_trailer(s);
	w_blank(w);
	preset_reply(s);
	prepare_locals(s);
	call_work(s);
	after_call(s);
	kernel_releases(s);
	if (r->simple) {
		/* no reply: the demultiplexer's header and NDR stand */
	} else if (retcode_only_reply(s)) {
		/* (a reply of RetCode alone is what the demultiplexer
		   prepared: its size is mig_reply_error_t's, so an error
		   needs nothing more, as in Apple's stubs) */
		w_line(w, "OutP->NDR = NDR_record;");
		w_blank(w);
		w_blank(w);
	} else {
		w_line(w, "if (%s != KERN_SUCCESS) {", s->rc);
		w_line(w, "\tMIG_RETURN_ERROR(OutP, %s);", s->rc);
		w_line(w, "}");
		w_blank(w);
		pack_reply(s);
	}
	w_line(w, "__After%s(%lld, \"%s\")", kind, (long long)r->request_id,
	       r->name);
	w_close(w, NULL);
}

/* ---- table, demux, lookup ---- */

static void emit_table(struct writer *w, const struct m_interface *m,
		       bool sheader)
{
	const char *sp = sprefix(m);
	int i;

	w_blank(w);
	w_line(w, "/* Description of this subsystem, for use in direct RPC */");
	if (sheader)
		w_line(w, "const struct %s%s_subsystem %s%s_subsystem = {", sp,
		       m->name, sp, m->name);
	else
		emit_table_head(w, m, "const", " = {");
	w_indent(w, 1);
	w_line(w, "%s_routine,", m->demux);
	w_line(w, "%lld,", (long long)m->base);
	w_line(w, "%lld,", (long long)(m->base + m->count));
	w_line(w, "(mach_msg_size_t)sizeof(union __ReplyUnion__%s%s_subsystem),",
	       sp, m->name);
	w_line(w, "(vm_address_t)0,");
	w_line(w, "{");
	for (i = 0; i < m->count; i++) {
		const struct m_routine *r = &m->routines[i];

		if (r->skip)
			w_line(w, "\t{0, 0, 0, 0, 0, 0},");
		else
		{
			w_line(w, "  { (mig_impl_routine_t) 0,");
			w_line(w, "  (mig_stub_routine_t) _X%s, %d, 0, "
				  "(routine_arg_descriptor_t)0, "
				  "(mach_msg_size_t)sizeof(__Reply__%s_t)},",
			       r->name, r->argc, r->name);
		}
	}
	if (m->count == 0)
		w_line(w, "\t{0, 0, 0, 0, 0, 0},");
	w_line(w, "}");
	w_indent(w, -1);
	w_line(w, "};");
}

static void emit_symtab(struct writer *w, const struct m_interface *m)
{
	int i;

	w_blank(w);
	w_line(w, "mig_symtab_t _%sSymTab[] = {", m->name);
	for (i = 0; i < m->count; i++) {
		const struct m_routine *r = &m->routines[i];

		if (r->skip)
			w_line(w, "\t{ \"\", 0, 0 },");
		else
			w_line(w, "\t{ \"%s\", %lld, (void (*)(void))_X%s },", r->name,
			       (long long)r->request_id, r->name);
	}
	w_line(w, "};");
	w_line(w, "int _%sSymTabBase = %lld;", m->name, (long long)m->base);
	w_line(w, "int _%sSymTabEnd = %lld;", m->name,
	       (long long)(m->base + m->count));
}

static void emit_demux(struct writer *w, const struct m_interface *m)
{
	long long last = (long long)(m->base + m->count - 1);

	w_blank(w);
	w_line(w, "mig_external boolean_t %s", m->demux);
	w_line(w, "\t(mach_msg_header_t *InHeadP, mach_msg_header_t *OutHeadP)");
	emit_open(w);
	emit_error_reply_comment(w);
	w_blank(w);
	w_line(w, "mig_routine_t routine;");
	w_blank(w);
	w_line(w, "OutHeadP->msgh_bits = "
		  "MACH_MSGH_BITS(MACH_MSGH_BITS_REPLY(InHeadP->msgh_bits), 0);");
	w_line(w, "OutHeadP->msgh_remote_port = InHeadP->msgh_reply_port;");
	w_line(w, "/* Minimal size: routine() will update it if different */");
	w_line(w, "OutHeadP->msgh_size = (mach_msg_size_t)sizeof(mig_reply_error_t);");
	w_line(w, "OutHeadP->msgh_local_port = MACH_PORT_NULL;");
	/* Wraps like the kernel's id arithmetic; never signed overflow. */
	w_line(w, "OutHeadP->msgh_id = (mach_msg_id_t)"
		  "((uint32_t)InHeadP->msgh_id + 100u);");
	w_line(w, "OutHeadP->msgh_reserved = 0;");
	w_blank(w);
	w_line(w, "if ((InHeadP->msgh_id > %lld) || (InHeadP->msgh_id < %lld) ||",
	       last, (long long)m->base);
	w_line(w, "    ((routine = %s%s_subsystem.routine[InHeadP->msgh_id - %lld]"
		  ".stub_routine) == 0)) {", sprefix(m), m->name,
	       (long long)m->base);
	w_indent(w, 1);
	w_line(w, "((mig_reply_error_t *)OutHeadP)->NDR = NDR_record;");
	w_line(w, "((mig_reply_error_t *)OutHeadP)->RetCode = MIG_BAD_ID;");
	w_line(w, "return FALSE;");
	w_close(w, NULL);
	w_line(w, "(*routine) (InHeadP, OutHeadP);");
	w_line(w, "return TRUE;");
	w_close(w, NULL);

	w_blank(w);
	w_line(w, "mig_external mig_routine_t %s_routine", m->demux);
	w_line(w, "\t(mach_msg_header_t *InHeadP)");
	emit_open(w);
	/* Range first: the subtraction cannot overflow then. */
	w_line(w, "if ((InHeadP->msgh_id > %lld) || (InHeadP->msgh_id < %lld))",
	       last, (long long)m->base);
	w_line(w, "\treturn 0;");
	w_line(w, "return %s%s_subsystem.routine[InHeadP->msgh_id - %lld]"
		  ".stub_routine;", sprefix(m), m->name, (long long)m->base);
	w_close(w, NULL);
}

void emit_server(struct writer *w, const struct m_interface *m,
		 const struct mig_options *o, const struct emit_names *n)
{
	bool sheader = n && n->server_header;
	int i;

	server_prologue(w, m, o, n);
	for (i = 0; i < m->count; i++) {
		struct sstub s = { w, m, o, &m->routines[i], subr(o),
				   retcode_target(&m->routines[i]) };

		if (s.r->skip)
			continue;
		emit_request_check(&s);
		if (!sheader) {
			w_blank(w);
			emit_server_prototype(w, s.r);
		}
		emit_stub(&s);
	}
	if (!sheader)
		emit_demux_prototypes(w, m);
	emit_table(w, m, sheader);
	if (o && o->symtab)
		emit_symtab(w, m);
	emit_demux(w, m);
}
