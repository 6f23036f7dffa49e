/*
 * emit_user.c - the user file: reply checkers (section 4.6) and client
 * stubs (section 4.5), or one of them per file with -i.
 *
 * A stub writes the whole request at its maximum layout through InP, then
 * moves the data that follows each variable field down (last one first),
 * so every write uses a plain field name.  The reply arrives packed and is
 * read through segment pointers Out0P, Out1P... (emit_common.h).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "emit.h"
#include "emit_common.h"
#include "types.h"

struct ustub {
	struct writer *w;
	const struct m_interface *m;
	const struct mig_options *o;
	const struct m_routine *r;
	const char *sp;          /* -subrprefix */
};

/* "x" or "(*x)": the value of a user parameter */
static const char *uval(char buf[256], const struct m_arg *a)
{
	snprintf(buf, 256, a->user_by_pointer ? "*%s" : "%s", a->name);
	return buf;
}

static bool owns_reply_port(const struct m_routine *r)
{
	return !r->simple && !r->reply_by_user;
}

/* ---- prologue ---- */



static const char *side_ctype(const struct m_type *t, enum side s)
{
	return s == SIDE_USER ? t->user_ctype : t->server_ctype;
}

/* One _Static_assert(sizeof(ct) == size), unless ct was asserted already
   (seen[0..*n) holds those; past its capacity repeats are harmless). */
static void size_assert_once(struct writer *w, const char **seen, int *n,
			     int cap, const char *ct, uint64_t size)
{
	for (int i = 0; i < *n; i++)
		if (!strcmp(seen[i], ct))
			return;
	if (*n == 0) {
		/* (C++ spells it static_assert: the file also builds as C++,
		   as Apple's does) */
		w_blank(w);
		w_line(w, "#if defined(__cplusplus) && !defined(_Static_assert)");
		w_line(w, "#define _Static_assert static_assert");
		w_line(w, "#endif");
	}
	if (*n < cap)
		seen[(*n)++] = ct;
	w_line(w, "_Static_assert(sizeof(%s) == %llu, "
		  "\"%s: size differs from its MIG type\");",
	       ct, (unsigned long long)size, ct);
}

/*
 * Fixed inline items whose C type is not a builtin, and the elements of
 * variable and out-of-line data arrays, must have the size the .defs
 * gives them: a header that disagrees fails to compile instead of
 * corrupting messages.
 */
void emit_size_asserts(struct writer *w, const struct m_interface *m,
		       const struct m_routine *only, enum side s)
{
	const char *seen[256];
	int nseen = 0;

	for (int i = 0; i < m->count; i++) {
		const struct m_routine *r = &m->routines[i];

		if (r->skip || (only && r != only))
			continue;
		for (int j = 0; j < r->nargs; j++) {
			const struct m_arg *a = &r->args[j];
			const struct m_type *t = a->type;
			const char *ct;

			if (a->implicit || !t || !(a->in_request || a->in_reply))
				continue;
			if (t->needs_size_assert && t->wire == WIRE_INLINE &&
			    !t->variable && (ct = side_ctype(t, s)) != NULL)
				size_assert_once(w, seen, &nseen, 256, ct,
						 t->size);
			if ((t->wire == WIRE_INLINE_VAR || t->wire == WIRE_OOL) &&
			    !t->is_port && t->elem_size > 0) {
				ct = s == SIDE_USER ? t->elem_ctype :
					t->elem_server_ctype;
				if (ct && !types_builtin_ctype(ct))
					size_assert_once(w, seen, &nseen, 256,
							 ct, t->elem_size);
			}
		}
	}
}

/* Apple's declaration of mach_msg_destroy, with its note. */
static const char *const todo_block[] = {
	"/* TODO: #include <mach/mach.h> */",
	"#ifdef __cplusplus",
	"extern \"C\" {",
	"#endif /* __cplusplus */",
	"extern void mach_msg_destroy(mach_msg_header_t *);",
	"#ifdef __cplusplus",
	"}",
	"#endif /* __cplusplus */",
};

static void user_prologue(struct writer *w, const struct m_interface *m,
			  const struct mig_options *o,
			  const struct emit_names *n,
			  const struct m_routine *only)
{
	int i;

	emit_banner(w, m);
	w_line(w, "#define\t__MIG_check__Reply__%s_subsystem__ 1", m->name);
	w_blank(w);
	/* Split headers declare message types without the includes those
	   need, so the full list comes first, and the imports after the
	   header. */
	if (o && o->split_headers) {
		emit_std_includes(w);
		emit_voucher_blocks(w);
		w_blank(w);
	}
	w_line(w, "#include \"%s\"", n && n->user_header ? n->user_header :
	       "unknown.h");
	if (o && o->split_headers)
		emit_imports_tight(w, m, IMPORT_BIT(IMPORT_ALL) |
			     IMPORT_BIT(IMPORT_USER) | IMPORT_BIT(IMPORT_DEFS));
	emit_imports(w, m, IMPORT_BIT(IMPORT_IMPL));
	/* the send-error blocks of ConsumeOnSendError call
	   mach_port_deallocate and mach_task_self */
	for (i = 0; i < m->count && !m->kernel_user; i++)
		if (!m->routines[i].skip &&
		    m->routines[i].consume != CONSUME_NONE) {
			w_line(w, "#include <mach/mach.h>");
			break;
		}
	w_blank(w);
	emit_lines(w, todo_block, sizeof todo_block / sizeof *todo_block);
	emit_apple_defaults(w, true);
	w_line(w, "#define msgh_request_port\tmsgh_remote_port");
	w_line(w, "#define msgh_reply_port\t\tmsgh_local_port");
	emit_size_asserts(w, m, only, SIDE_USER);
}

/* ---- reply checker (section 4.6) ---- */

static void check_desc(struct writer *w, const struct m_field *f,
		       const char *p, const char *err)
{
	char b[16];
	/* the disposition as its number, as in Apple's checks */
	const char *rn = recv_name_str(f->recv_name, b) ? b : NULL;
	const char *tm = desc_type_macro(f->kind);

	if (rn)
		snprintf(b, sizeof b, "%d", f->recv_name);

	if (f->kind == F_PORT_DESC && f->array_len > 0) {
		w_open(w, "for (unsigned int mig_i = 0; mig_i < %u; mig_i++)",
		       f->array_len);
		w_put(w, "if (%s->%s[mig_i].type != %s", p, f->name, tm);
		if (rn)
			w_put(w, " ||\n    %s->%s[mig_i].disposition != %s", p,
			      f->name, rn);
		w_line(w, ")\n\treturn %s;", err);
		w_close(w, NULL);
		return;
	}
	w_put(w, "if (%s->%s.type != %s", p, f->name, tm);
	if (rn && f->kind != F_OOL_DESC)
		w_put(w, " ||\n    %s->%s.disposition != %s", p, f->name, rn);
	if (f->kind == F_OOL_DESC && !f->desc_variable)
		w_put(w, " ||\n    %s->%s.size != %u", p, f->name,
		      f->desc_count);
	if (f->kind == F_OOL_PORTS_DESC && !f->desc_variable)
		w_put(w, " ||\n    %s->%s.count != %u", p, f->name,
		      f->desc_count);
	w_line(w, ")\n\treturn %s;", err);
}

/* Step 5 / request descriptor checks: every descriptor field. */
void emit_desc_checks(struct writer *w, const struct m_message *msg,
		      const char *p, const char *err)
{
	int i;

	for (i = 0; i < msg->nfields; i++)
		if (desc_type_macro(msg->fields[i].kind))
			check_desc(w, &msg->fields[i], p, err);
}

/* Step 7: descriptor sizes and counts against their inline counts. */
void emit_desc_count_checks(struct writer *w, const struct m_message *msg,
			    const char *base, const char *err,
			    const char *err_inline)
{
	int i;
	char p0[32], cp[32];

	seg_ptr(p0, base, 0);
	for (i = 0; i < msg->nfields; i++) {
		const struct m_field *f = &msg->fields[i];
		const struct m_arg *a = field_owner(f);
		const struct m_field *c;
		uint32_t bound;

		if (!desc_type_macro(f->kind) || !a || !a->count)
			continue;
		c = count_field_of(msg, f);
		if (!c)
			continue;
		field_ptr(cp, msg, base, c);
		bound = a->type->max_count;
		if (f->kind == F_PORT_DESC) {
			w_line(w, "if (%s->%s > %u)\n\treturn %s;", cp, c->name,
			       f->array_len, err_inline);
			continue;
		}
		w_put(w, "if (");
		if (bound > 0)
			w_put(w, "%s->%s > %u ||\n    ", cp, c->name, bound);
		if (f->kind == F_OOL_DESC)
			w_put(w, "%s->%s.size != (unsigned long long)%s->%s * %u",
			      p0, f->name, cp, c->name, a->type->elem_size);
		else
			w_put(w, "%s->%s.count != %s->%s", p0, f->name, cp,
			      c->name);
		w_line(w, ")\n\treturn %s;", err);
	}
}

/* Shape: complex bit, descriptor count, size (exact or a range). */
void emit_shape_check(struct writer *w, const struct m_message *msg,
		      const char *p, const char *type, const char *err)
{
	if (msg->complex)
		w_put(w, "if (!(%s->Head.msgh_bits & MACH_MSGH_BITS_COMPLEX) ||\n"
			 "    %s->msgh_body.msgh_descriptor_count != %d ||\n    ",
		      p, p, msg->descriptor_count);
	else
		w_put(w, "if ((%s->Head.msgh_bits & MACH_MSGH_BITS_COMPLEX) ||\n    ",
		      p);
	if (routine_has_var(msg)) {
		w_put(w, "msgh_size < (mach_msg_size_t)(sizeof(%s) - (", type);
		emit_var_room(w, msg);
		w_put(w, ")) ||\n    msgh_size > (mach_msg_size_t)sizeof(%s)",
		      type);
	} else {
		w_put(w, "msgh_size != (mach_msg_size_t)sizeof(%s)", type);
	}
	w_line(w, ")\n\treturn %s;", err);
}

/* Apple's test of a reply's id: a send-once notification means the
   server died; any other id is not this routine's reply. */
static void apple_reply_id_check(struct writer *w, const struct m_routine *r)
{
	w_line(w, "if (Out0P->Head.msgh_id != %lld) {", (long long)r->reply_id);
	w_line(w, "    if (Out0P->Head.msgh_id == MACH_NOTIFY_SEND_ONCE)");
	w_line(w, "\t{ return MIG_SERVER_DIED; }");
	w_line(w, "    else");
	w_line(w, "\t{ return MIG_REPLY_MISMATCH; }");
	w_line(w, "}");
	w_blank(w);
}

/* A reply names no request port (type checking on). */
static void apple_request_port_check(struct writer *w)
{
	w_line(w, "#if\t__MigTypeCheck");
	w_line(w, "if (Out0P->Head.msgh_request_port != MACH_PORT_NULL) {");
	w_line(w, "\treturn MIG_TYPE_ERROR;");
	w_line(w, "}");
	w_line(w, "#endif\t/* __MigTypeCheck */");
}

/*
 * A fixed-size simple reply's check in Apple's form: defined only when
 * type checking is on (__MigTypeCheck, 1 unless the includer says
 * otherwise) and the subsystem's checks are wanted; an error reply
 * (mig_reply_error_t's size, RetCode set) is taken for any reply.
 * Without the check the stub takes the reply unchecked, as Apple's.
 */
static void emit_fixed_reply_check(struct ustub *u)
{
	struct writer *w = u->w;
	const struct m_routine *r = u->r;
	const struct m_message *msg = &r->reply;
	bool retcode_only = msg->nfields == 3;

	emit_apple_check_open(w, false, u->m->name, r->name, 0, true);
	if (!retcode_only) {
		w_line(w, "#if\t__MigTypeCheck");
		w_line(w, "unsigned int msgh_size;");
		w_line(w, "#endif\t/* __MigTypeCheck */");
	}
	apple_reply_id_check(w, r);
	w_line(w, "#if\t__MigTypeCheck");
	if (retcode_only) {
		w_line(w, "if ((Out0P->Head.msgh_bits & MACH_MSGH_BITS_COMPLEX) ||");
		w_line(w, "    (Out0P->Head.msgh_size != (mach_msg_size_t)"
			  "sizeof(__Reply)))");
	} else {
		w_line(w, "msgh_size = Out0P->Head.msgh_size;");
		w_blank(w);
		w_line(w, "if ((Out0P->Head.msgh_bits & MACH_MSGH_BITS_COMPLEX) ||");
		w_line(w, "    ((msgh_size != (mach_msg_size_t)sizeof(__Reply)) &&");
		w_line(w, "     (msgh_size != (mach_msg_size_t)"
			  "sizeof(mig_reply_error_t) ||");
		w_line(w, "      Out0P->RetCode == KERN_SUCCESS)))");
	}
	w_line(w, "\t{ return MIG_TYPE_ERROR ; }");
	w_line(w, "#endif\t/* __MigTypeCheck */");
	w_blank(w);
	w_line(w, "#if __MigTypeCheck");
	w_line(w, "if (Out0P->Head.msgh_request_port != MACH_PORT_NULL) {");
	w_line(w, "\treturn MIG_TYPE_ERROR;");
	w_line(w, "}");
	w_line(w, "#endif\t/* __MigTypeCheck */");
	if (retcode_only) {
		w_line(w, "{");
		w_line(w, "\treturn Out0P->RetCode;");
		w_line(w, "}");
	} else {
		w_line(w, "if (Out0P->RetCode != KERN_SUCCESS) {");
		w_line(w, "\treturn ((mig_reply_error_t *)Out0P)->RetCode;");
		w_line(w, "}");
		w_blank(w);
		w_line(w, "return MACH_MSG_SUCCESS;");
	}
	emit_apple_check_close(w, false, u->m->name, r->name, true);
}

/*
 * The dispositions a request's polymorphic port of one kind (a
 * MACH_MSG_TYPE_PORT_* type: the sender picks how the right goes) may
 * arrive with, as Apple's request check lists them; NULL for any.
 */
static const char *const *poly_dispositions(const struct m_field *f)
{
	static const char *const receive[] = {
		"MACH_MSG_TYPE_MOVE_RECEIVE", NULL };
	static const char *const send[] = {
		"MACH_MSG_TYPE_MOVE_SEND", "MACH_MSG_TYPE_MAKE_SEND",
		"MACH_MSG_TYPE_COPY_SEND", NULL };
	static const char *const send_once[] = {
		"MACH_MSG_TYPE_MOVE_SEND_ONCE", "MACH_MSG_TYPE_MAKE_SEND_ONCE",
		NULL };

	switch (f->recv_name) {
	case 16: return receive;		/* MACH_MSG_TYPE_MOVE_RECEIVE */
	case 17: return send;		/* MACH_MSG_TYPE_MOVE_SEND */
	case 18: return send_once;	/* MACH_MSG_TYPE_MOVE_SEND_ONCE */
	default: return NULL;
	}
}

/* " || disposition not one of set" for the descriptor lv ("In0P->x.",
   "ptr->"), in Apple's form: a single name bare, several in parentheses. */
static void put_disposition_set(struct writer *w, const char *indent,
				const char *lv, const char *const *set)
{
	if (!set[1]) {
		w_put(w, " ||\n%s    %sdisposition != %s", indent, lv, set[0]);
		return;
	}
	w_put(w, " || (");
	for (int i = 0; set[i]; i++)
		w_put(w, "%s\n%s    %sdisposition != %s", i ? " &&" : "", indent,
		      lv, set[i]);
	w_put(w, ")");
}

/*
 * One descriptor's type check in Apple's form, in its own
 * "#if __MigTypeCheck" block: p0 is "In0P" or "Out0P"; a reply's check
 * braces its return, a request's does not.  A request's polymorphic
 * port of one kind is held to the dispositions it may come with; a
 * reply's is not checked (Apple's checks neither any polymorphic port
 * of a reply nor a fully polymorphic one).
 */
void emit_apple_desc_check(struct writer *w, const struct m_field *f,
			   const char *p0, bool braces)
{
	char b[16], lv[300];
	bool poly = !f->arg || f->arg->poly != NULL || f->recv_name == M_POLY ||
	    !recv_name_str(f->recv_name, b);
	const char *const *set = !braces && f->arg && f->arg->poly &&
	    f->kind == F_PORT_DESC ? poly_dispositions(f) : NULL;

	w_line(w, "#if\t__MigTypeCheck");
	if (f->kind == F_PORT_DESC && f->array_len > 0) {
		/* every slot, the disposition only where all are sent (a
		   variable array's unused slots are empty) */
		w_line(w, "{");
		w_line(w, "    mach_msg_port_descriptor_t\t*ptr;");
		w_line(w, "    int\ti;");
		w_blank(w);
		w_line(w, "    ptr = &%s->%s[0];", p0, f->name);
		w_line(w, "    for (i = 0; i < %u; ptr++, i++) {", f->array_len);
		w_put(w, "\tif (ptr->type != MACH_MSG_PORT_DESCRIPTOR");
		if (!poly && !f->arg->count)
			w_put(w, " ||\n\t    ptr->disposition != %d", f->recv_name);
		else if (set && !f->arg->count)
			put_disposition_set(w, "\t", "ptr->", set);
		if (braces)
			w_line(w, ") {\n\t\treturn MIG_TYPE_ERROR;\n\t}");
		else
			w_line(w, ")\n\t\treturn MIG_TYPE_ERROR;");
		w_line(w, "    }");
		w_line(w, "}");
		w_line(w, "#endif\t/* __MigTypeCheck */");
		return;
	}
	w_put(w, "if (%s->%s.type != %s", p0, f->name, desc_type_macro(f->kind));
	switch (f->kind) {
	case F_PORT_DESC:
		snprintf(lv, sizeof lv, "%s->%s.", p0, f->name);
		if (!poly)
			w_put(w, " ||\n    %sdisposition != %d", lv, f->recv_name);
		else if (set)
			put_disposition_set(w, "", lv, set);
		break;
	case F_OOL_DESC:
		if (!f->desc_variable)
			w_put(w, " ||\n    %s->%s.size != %u", p0, f->name,
			      f->desc_count);
		break;
	default:
		if (!f->desc_variable)
			w_put(w, " ||\n    %s->%s.count != %u", p0, f->name,
			      f->desc_count);
		if (!poly)
			w_put(w, " ||\n    %s->%s.disposition != %d", p0,
			      f->name, f->recv_name);
		break;
	}
	if (braces) {
		w_line(w, ") {");
		w_line(w, "\treturn MIG_TYPE_ERROR;");
		w_line(w, "}");
	} else {
		w_line(w, ")");
		w_line(w, "\treturn MIG_TYPE_ERROR;");
	}
	w_line(w, "#endif\t/* __MigTypeCheck */");
}

/* Is the count c also an inline variable array's, of a bound no larger
   than n (the checks of that array's segment then bound it already)? */
static bool count_bounded_inline(const struct m_message *msg,
				 const struct m_field *c, uint32_t n)
{
	for (int i = 0; i < msg->nfields; i++) {
		const struct m_field *g = &msg->fields[i];

		if (g->variable && g->kind == F_DATA &&
		    count_field_of(msg, g) == c && g->max_count <= n)
			return true;
	}
	return false;
}

/*
 * The sizes of variable out-of-line data (and the counts of out-of-line
 * port arrays) against their counts, in one "#if __MigTypeCheck" block,
 * Apple's form; base is "In" or "Out" (the count may sit in a later
 * segment).  Port arrays carried as descriptors have their count bounded
 * (unless an inline array's check bounds it already).
 */
void emit_apple_ool_size_checks(struct writer *w, const struct m_message *msg,
				const char *base)
{
	bool opened = false;
	char p0[32], cp[32];
	int i;

	seg_ptr(p0, base, 0);
	for (i = 0; i < msg->nfields; i++) {
		const struct m_field *f = &msg->fields[i];
		const struct m_field *c;
		uint32_t m, bound;

		if (!desc_type_macro(f->kind) || !f->arg || !f->arg->count ||
		    !(c = count_field_of(msg, f)))
			continue;
		if (f->kind == F_PORT_DESC && f->array_len == 0)
			continue;
		if (f->kind != F_PORT_DESC && !f->desc_variable)
			continue;
		if (f->kind == F_PORT_DESC &&
		    count_bounded_inline(msg, c, f->array_len))
			continue;
		if (!opened)
			w_line(w, "#if __MigTypeCheck");
		opened = true;
		field_ptr(cp, msg, base, c);
		if (f->kind == F_PORT_DESC) {
			w_line(w, "if (%s->%s > %u)", cp, c->name, f->array_len);
			w_line(w, "\treturn %s;", strcmp(base, "In") == 0 ?
			       "MIG_BAD_ARGUMENTS" : "MIG_TYPE_ERROR");
			continue;
		}
		m = f->arg->type->elem_size;
		bound = f->arg->type->max_count;
		if (f->kind == F_OOL_DESC && m > 1)
			w_put(w, "if (%s->%s.size / %u != %s->%s", p0, f->name,
			      m, cp, c->name);
		else
			w_put(w, "if (%s->%s.%s != %s->%s", p0, f->name,
			      f->kind == F_OOL_DESC ? "size" : "count", cp,
			      c->name);
		if (bound > 0)
			w_put(w, " || %s->%s > %u", cp, c->name, bound);
		w_line(w, ")");
		w_line(w, "\treturn MIG_TYPE_ERROR;");
	}
	if (opened)
		w_line(w, "#endif\t/* __MigTypeCheck */");
}

/* Is a reply checked in Apple's form (emit_apple_reply_check): every
   variable part an inline array with its count, every descriptor an
   argument's, and a simple reply's RetCode where Apple reads it? */
static bool apple_reply_shape(const struct m_message *msg)
{
	int i;

	if (!msg->complex && (!msg->has_retcode || msg->nfields < 3 ||
			      msg->fields[2].kind != F_RETCODE))
		return false;
	for (i = 0; i < msg->nfields; i++) {
		const struct m_field *f = &msg->fields[i];

		if (f->kind == F_PRESENT)
			return false;
		if (desc_type_macro(f->kind) && !f->arg)
			return false;
		if (f->variable && (f->kind != F_DATA || f->elem_size == 0 ||
				    !count_field_of(msg, f)))
			return false;
	}
	return true;
}

/*
 * One variable inline array of a reply, Apple's form: the count against
 * the bound, the room left against the count and the size; then, when
 * fields follow, the next segment pointer handed back through Out<k>PP.
 * min is the smallest reply's size.
 */
static void reply_segment(struct writer *w, const struct m_message *msg,
			  const struct m_field *v, bool last_var, uint32_t min)
{
	const struct m_field *c = count_field_of(msg, v);
	bool more = field_has_successor(msg, v);
	bool align = v->elem_size % 4 != 0;
	char cp[32], bytes[96], per[24] = "", times[24] = "";

	field_ptr(cp, msg, "Out", c);
	if (v->elem_size > 1) {
		snprintf(per, sizeof per, " / %u", v->elem_size);
		snprintf(times, sizeof times, " * %u", v->elem_size);
	}
	snprintf(bytes, sizeof bytes, "%s%s->%s%s%s", align ? "_WALIGN_(" : "",
		 cp, c->name, times, align ? ")" : "");
	if (more)
		w_line(w, "msgh_size_delta = %s;", bytes);
	w_line(w, "#if\t__MigTypeCheck");
	w_line(w, "if ( %s->%s > %u )", cp, c->name, v->max_count);
	w_line(w, "\treturn MIG_TYPE_ERROR;");
	w_line(w, "if (((msgh_size - (mach_msg_size_t)(sizeof(__Reply) - %u))"
		  "%s< %s->%s) ||", min, per, cp, c->name);
	w_line(w, "    (msgh_size %s (mach_msg_size_t)(sizeof(__Reply) - %u) + "
		  "%s))", !more || last_var ? "!=" : "<", min, bytes);
	w_line(w, "\t{ return MIG_TYPE_ERROR ; }");
	if (more && !last_var)
		w_line(w, "msgh_size -= msgh_size_delta;");
	w_line(w, "#endif\t/* __MigTypeCheck */");
	w_blank(w);
	if (more)
		emit_handback(w, "Out", "__Reply", field_segment(msg, v),
			      var_room(v));
}

/*
 * A reply's check in Apple's form (other than a fixed simple reply's,
 * emit_fixed_reply_check): an error reply (simple, mig_reply_error_t's
 * size, RetCode set) is taken for any reply; anything else must have the
 * reply's complex bit, descriptor count and a size between the smallest
 * and the largest reply; then each descriptor's type, each variable
 * inline array segment by segment, and the out-of-line sizes against
 * their counts.  With type checking off Apple's check vanishes; one that
 * hands back later segments stays defined here (without the tests),
 * since the stub reads the reply through them.
 */
static void emit_apple_reply_check(struct ustub *u)
{
	struct writer *w = u->w;
	const struct m_routine *r = u->r;
	const struct m_message *msg = &r->reply;
	int later = later_segments(msg);
	bool var = routine_has_var(msg);
	int i, last;
	uint32_t min = var_room_all(msg, &last, NULL);

	emit_apple_check_open(w, false, u->m->name, r->name, later,
			      later == 0);
	if (msg->complex)
		w_line(w, "boolean_t msgh_simple;");
	w_line(w, "#if\t__MigTypeCheck");
	w_line(w, "unsigned int msgh_size;");
	w_line(w, "#endif\t/* __MigTypeCheck */");
	if (later)
		w_line(w, "unsigned int msgh_size_delta;");
	w_blank(w);
	apple_reply_id_check(w, r);
	if (msg->complex)
		w_line(w, "msgh_simple = !(Out0P->Head.msgh_bits & "
			  "MACH_MSGH_BITS_COMPLEX);");
	w_line(w, "#if\t__MigTypeCheck");
	w_line(w, "msgh_size = Out0P->Head.msgh_size;");
	w_blank(w);
	if (msg->complex) {
		w_line(w, "if ((msgh_simple || Out0P->msgh_body."
			  "msgh_descriptor_count != %d ||", msg->descriptor_count);
		if (var)
			w_line(w, "    msgh_size < (mach_msg_size_t)(sizeof(__Reply)"
				  " - %u) || msgh_size > (mach_msg_size_t)"
				  "sizeof(__Reply)) &&", min);
		else
			w_line(w, "    msgh_size != (mach_msg_size_t)"
				  "sizeof(__Reply)) &&");
		w_line(w, "    (!msgh_simple || msgh_size != (mach_msg_size_t)"
			  "sizeof(mig_reply_error_t) ||");
		w_line(w, "    ((mig_reply_error_t *)Out0P)->RetCode == "
			  "KERN_SUCCESS))");
	} else {
		w_line(w, "if ((Out0P->Head.msgh_bits & MACH_MSGH_BITS_COMPLEX) ||");
		w_line(w, "    ((msgh_size > (mach_msg_size_t)sizeof(__Reply) || "
			  "msgh_size < (mach_msg_size_t)(sizeof(__Reply) - %u)) &&",
		       min);
		w_line(w, "     (msgh_size != (mach_msg_size_t)"
			  "sizeof(mig_reply_error_t) ||");
		w_line(w, "      Out0P->RetCode == KERN_SUCCESS)))");
	}
	w_line(w, "\t{ return MIG_TYPE_ERROR ; }");
	w_line(w, "#endif\t/* __MigTypeCheck */");
	w_blank(w);
	apple_request_port_check(w);
	if (msg->complex)
		w_line(w, "if (msgh_simple) {");
	else
		w_line(w, "if (Out0P->RetCode != KERN_SUCCESS) {");
	w_line(w, "\treturn ((mig_reply_error_t *)Out0P)->RetCode;");
	w_line(w, "}");
	w_blank(w);
	for (i = 0; i < msg->nfields; i++)
		if (desc_type_macro(msg->fields[i].kind))
			emit_apple_desc_check(w, &msg->fields[i], "Out0P", true);
	w_blank(w);
	for (i = 0; i < msg->nfields; i++)
		if (msg->fields[i].variable)
			reply_segment(w, msg, &msg->fields[i], i == last, min);
	emit_apple_ool_size_checks(w, msg, "Out");
	w_blank(w);
	w_line(w, "return MACH_MSG_SUCCESS;");
	emit_apple_check_close(w, false, u->m->name, r->name, later == 0);
}

/* The later segments of the reply its check hands back (Out1P...): the
   stub declares them and reads through them, as Apple's. */
static int handed_back(const struct m_routine *r)
{
	return r->simple || !apple_reply_shape(&r->reply) ? 0 :
	       later_segments(&r->reply);
}

static void emit_reply_check(struct ustub *u)
{
	struct writer *w = u->w;
	const struct m_routine *r = u->r;
	const struct m_message *msg = &r->reply;
	bool var = routine_has_var(msg);

	if (!var && !msg->complex && msg->has_retcode &&
	    msg->nfields >= 3 && msg->fields[2].kind == F_RETCODE) {
		emit_fixed_reply_check(u);
		return;
	}
	if (apple_reply_shape(msg)) {
		emit_apple_reply_check(u);
		return;
	}

	emit_check_prologue(w, r, "Reply", "Out0P", var, 0);
	w_blank(w);
	w_open(w, "if (Out0P->Head.msgh_id != %lld)", (long long)r->reply_id);
	w_line(w, "if (Out0P->Head.msgh_id == MACH_NOTIFY_SEND_ONCE)");
	w_line(w, "\treturn MIG_SERVER_DIED;");
	w_line(w, "return MIG_REPLY_MISMATCH;");
	w_close(w, NULL);
	w_line(w, "if (!(Out0P->Head.msgh_bits & MACH_MSGH_BITS_COMPLEX) &&");
	w_line(w, "    msgh_size == (mach_msg_size_t)sizeof(mig_reply_error_t) &&");
	w_open(w, "    ((mig_reply_error_t *)Out0P)->RetCode != KERN_SUCCESS)");
	w_line(w, "if (Out0P->Head.msgh_remote_port != MACH_PORT_NULL)");
	w_line(w, "\treturn MIG_TYPE_ERROR;");
	w_line(w, "return ((mig_reply_error_t *)Out0P)->RetCode;");
	w_close(w, NULL);
	emit_shape_check(w, msg, "Out0P", "__Reply", "MIG_TYPE_ERROR");
	w_line(w, "if (Out0P->Head.msgh_remote_port != MACH_PORT_NULL)");
	w_line(w, "\treturn MIG_TYPE_ERROR;");
	if (msg->has_retcode)
		w_line(w, "if (Out0P->RetCode != KERN_SUCCESS)\n"
			  "\treturn Out0P->RetCode;");
	emit_desc_checks(w, msg, "Out0P", "MIG_TYPE_ERROR");
	if (var) {
		emit_segments(w, msg, "Out", "__Reply", "MIG_TYPE_ERROR",
			      "msgh_size_needed", false);
		w_line(w, "if (msgh_size != msgh_size_needed)");
		w_line(w, "\treturn MIG_TYPE_ERROR;");
	}
	emit_desc_count_checks(w, msg, "Out", "MIG_TYPE_ERROR", "MIG_TYPE_ERROR");
	w_line(w, "return MACH_MSG_SUCCESS;");
	w_close(w, NULL);
	w_line(w, "#endif /* !defined(__MIG_check__Reply__%s_t__defined) */",
	       r->name);
}

/* ---- stub: declarations ---- */

/* A port descriptor Apple fills from a template: one port, of a fixed
   disposition or of the one the caller passes. */
static bool templated_port(const struct m_field *f, const struct m_arg *a)
{
	return f->kind == F_PORT_DESC && f->array_len == 0 && a &&
	       (f->send_name != M_POLY || (a->poly && a->poly_send_user));
}

/* The templates Apple declares for the request's port descriptors, used
   only when the includer sets UseStaticTemplates. */
static void emit_port_templates(struct ustub *u)
{
	struct writer *w = u->w;
	const struct m_message *msg = &u->r->request;

	for (int i = 0; i < msg->nfields; i++) {
		const struct m_field *f = &msg->fields[i];

		if (templated_ool(f, field_owner(f))) {
			emit_ool_template(w, f);
			w_blank(w);
			continue;
		}
		if (!templated_port(f, field_owner(f)))
			continue;
		emit_port_template(w, f);
		w_blank(w);
	}
}

/* Is a request built in Apple's form (build_request): every variable
   part an inline array (not a string) with a count of its own, no pad
   or optional field? */
static bool apple_built_request(const struct m_message *msg)
{
	bool any = false;
	int i;

	for (i = 0; i < msg->nfields; i++) {
		const struct m_field *f = &msg->fields[i];
		const struct m_arg *a = field_owner(f);

		if (f->kind == F_PRESENT || f->kind == F_PAD)
			return false;
		if (!f->variable)
			continue;
		if (f->kind != F_DATA || f->elem_size == 0 || !a ||
		    !count_field_of(msg, f))
			return false;
		if (a->type->string ? !find_field(msg, a, F_STRING_OFFSET) :
		    !a->count || a->count_shared)
			return false;
		any = true;
	}
	return any;
}

static void stub_types(struct ustub *u)
{
	struct writer *w = u->w;
	const struct m_routine *r = u->r;
	const char *tr = r->user_trailer != TE_NONE ? "mach_msg_max_trailer_t"
		: "mach_msg_trailer_t";

	emit_pack_push(w);
	emit_msg_typedef(w, r, false, "Request", NULL, true);
	emit_pack_pop(w);
	if (!r->simple) {
		emit_pack_push(w);
		emit_msg_typedef(w, r, true, "Reply", tr, true);
		emit_pack_pop(w);
		emit_pack_push(w);
		emit_msg_typedef(w, r, true, "__Reply", NULL, true);
		emit_pack_pop(w);
	}
	emit_error_reply_comment(w);
	w_blank(w);
	w_open(w, "union");
	w_line(w, "Request In;");
	if (!r->simple)
		w_line(w, "Reply Out;");
	w_close(w, " Mess;");
	w_blank(w);
	w_line(w, "Request *InP = &Mess.In;");
	if (!r->simple)
		w_line(w, "Reply *Out0P = &Mess.Out;");
	/* (Apple's stub says Reply *: the check stores a
	   __Reply__<name>_t *, and reading that through another pointer
	   type breaks strict aliasing) */
	for (int k = 1; k <= handed_back(r); k++)
		w_line(w, "__Reply__%s_t *Out%dP = NULL;", r->name, k);
	w_line(w, "mach_msg_return_t msg_result;");
	if (apple_built_request(&r->request)) {
		w_line(w, "unsigned int msgh_size;");
		if (later_segments(&r->request))
			w_line(w, "unsigned int msgh_size_delta;");
	}
	else if (routine_has_var(&r->request))
		w_line(w, "mach_msg_size_t msgh_size = "
			  "(mach_msg_size_t)sizeof(Request);");
	/* (a simpleroutine has no reply check, but Apple's stub declares
	   its result all the same) */
	w_line(w, "#ifdef\t__MIG_check__Reply__%s_t__defined", r->name);
	w_line(w, "kern_return_t check_result;");
	w_line(w, "#endif\t/* __MIG_check__Reply__%s_t__defined */", r->name);
	w_blank(w);
	w_line(w, "__Declare%s(%lld, \"%s\")",
	       r->simple ? "SendSimple" : "SendRpc",
	       (long long)r->request_id, r->name);
	emit_port_templates(u);
}

/* ---- stub: building the request ---- */

/* Does the request carry a's count, which the stub must bound? */
static bool bounded_count(const struct m_arg *a)
{
	uint32_t bound = a->type ? a->type->max_count : 0;

	return !(a->implicit || !a->in_request || !a->count ||
		 a->count_shared || bound == 0 || a->kind == MA_OUT ||
		 (a->flags & AF_COUNTINOUT) || a->type->string);
}

/* The bounds of out-of-line arrays, checked before anything is built
   (an inline array's is checked as it is copied, in put_data). */
static void bound_checks(struct ustub *u)
{
	const struct m_routine *r = u->r;
	const struct m_field *f;
	int i;

	for (i = 0; i < r->nargs; i++) {
		const struct m_arg *a = &r->args[i];

		if (!bounded_count(a))
			continue;
		f = find_field(&r->request, a, F_DATA);
		if (f && f->variable)
			continue;
		w_line(u->w, "if (%s%s > %u)\n\treturn MIG_ARRAY_TOO_LARGE;",
		       a->count->user_by_pointer ? "*" : "", a->count->name,
		       a->type->max_count);
	}
}

static void dealloc_expr(char *buf, size_t n, const struct m_arg *a,
			 const struct m_field *f)
{
	if (f->dealloc == MD_RUNTIME && a->dealloc)
		snprintf(buf, n, "%s", a->dealloc->name);
	else
		snprintf(buf, n, "%s", f->dealloc == MD_TRUE ? "TRUE" : "FALSE");
}

static const char *count_value(char buf[256], const struct m_arg *a)
{
	if (!a->count)
		return "0";
	snprintf(buf, 256, a->count->user_by_pointer ? "*%s" : "%s",
		 a->count->name);
	return buf;
}

static const char *disposition(char buf[256], const struct m_arg *a,
			       const struct m_field *f, bool user_sends)
{
	char nb[16];
	const char *s = send_name_str(f->send_name, nb);

	if (a->poly && ((user_sends && a->poly_send_user) ||
			(!user_sends && a->poly_send_server)))
		snprintf(buf, 256, "%s", a->poly->name);
	else
		snprintf(buf, 256, "%s", s ? s : "MACH_MSG_TYPE_POLYMORPHIC");
	return buf;
}

static void put_port_desc(struct ustub *u, const struct m_field *f,
			  const struct m_arg *a)
{
	struct writer *w = u->w;
	char d[256], v[256], c[256];

	disposition(d, a, f, true);
	if (templated_port(f, a)) {
		/* Apple's form (the pads are the kernel's: it clears them
		   for the receiver, as XNU's does) */
		bool poly = f->send_name == M_POLY;

		w_line(w, "#if\tUseStaticTemplates");
		w_line(w, "InP->%s = %sTemplate;", f->name, f->name);
		w_line(w, "InP->%s.name = %s;", f->name, uval(v, a));
		if (poly)
			w_line(w, "InP->%s.disposition = %s;", f->name, d);
		w_line(w, "#else\t/* UseStaticTemplates */");
		w_line(w, "InP->%s.name = %s;", f->name, uval(v, a));
		if (poly)
			w_line(w, "InP->%s.disposition = %s;", f->name, d);
		else
			w_line(w, "InP->%s.disposition = %d;", f->name,
			       f->send_name);
		w_line(w, "InP->%s.type = MACH_MSG_PORT_DESCRIPTOR;", f->name);
		w_line(w, "#endif\t/* UseStaticTemplates */");
		return;
	}
	if (f->array_len == 0) {
		w_line(w, "InP->%s.name = %s;", f->name, uval(v, a));
		w_line(w, "InP->%s.pad1 = 0;", f->name);
		w_line(w, "InP->%s.pad2 = 0;", f->name);
		w_line(w, "InP->%s.disposition = %s;", f->name, d);
		w_line(w, "InP->%s.type = MACH_MSG_PORT_DESCRIPTOR;", f->name);
		return;
	}
	w_open(w, "for (unsigned int mig_i = 0; mig_i < %u; mig_i++)",
	       f->array_len);
	if (a->count)
		w_line(w, "InP->%s[mig_i].name = mig_i < %s ? %s[mig_i] : "
			  "MACH_PORT_NULL;", f->name, count_value(c, a),
		       a->name);
	else
		w_line(w, "InP->%s[mig_i].name = %s[mig_i];", f->name, a->name);
	w_line(w, "InP->%s[mig_i].pad1 = 0;", f->name);
	w_line(w, "InP->%s[mig_i].pad2 = 0;", f->name);
	w_line(w, "InP->%s[mig_i].disposition = %s;", f->name, d);
	w_line(w, "InP->%s[mig_i].type = MACH_MSG_PORT_DESCRIPTOR;", f->name);
	w_close(w, NULL);
}

static void put_ool_desc(struct ustub *u, const struct m_field *f,
			 const struct m_arg *a)
{
	struct writer *w = u->w;
	char v[256], c[256], dl[256], d[256];
	bool ports = f->kind == F_OOL_PORTS_DESC;

	dealloc_expr(dl, sizeof dl, a, f);
	if (templated_ool(f, a)) {
		/* Apple's form; ours also sets an out-of-line port array's
		   copy option, which the kernel checks (the pad is the
		   kernel's to clear for the receiver) */
		char size[300];
		uint32_t m = a->type->elem_size;

		if (!f->desc_variable)
			snprintf(size, sizeof size, "%u", f->desc_count);
		else if (!ports && m > 1)
			snprintf(size, sizeof size, "%s%s * %u",
				 a->count->user_by_pointer ? "*" : "",
				 a->count->name, m);
		else
			snprintf(size, sizeof size, "%s%s",
				 a->count->user_by_pointer ? "*" : "",
				 a->count->name);
		w_line(w, "#if\tUseStaticTemplates");
		w_line(w, "InP->%s = %sTemplate;", f->name, f->name);
		w_line(w, "InP->%s.address = (void *)(%s);", f->name, uval(v, a));
		if (f->desc_variable)
			w_line(w, "InP->%s.%s = %s;", f->name,
			       ports ? "count" : "size", size);
		if (f->dealloc == MD_RUNTIME)
			w_line(w, "InP->%s.deallocate =  %s;", f->name, dl);
		w_line(w, "#else\t/* UseStaticTemplates */");
		w_line(w, "InP->%s.address = (void *)(%s);", f->name, uval(v, a));
		w_line(w, "InP->%s.%s = %s;", f->name, ports ? "count" : "size",
		       size);
		if (ports)
			w_line(w, "InP->%s.disposition = %d;", f->name,
			       f->send_name);
		w_line(w, "InP->%s.deallocate =  %s;", f->name, dl);
		if (ports) {
			w_line(w, "InP->%s.copy = MACH_MSG_PHYSICAL_COPY;",
			       f->name);
		} else {
			w_line(w, "InP->%s.copy = %s;", f->name, f->physical_copy ?
			       "MACH_MSG_PHYSICAL_COPY" : "MACH_MSG_VIRTUAL_COPY");
		}
		w_line(w, "InP->%s.type = %s;", f->name, desc_type_macro(f->kind));
		w_line(w, "#endif\t/* UseStaticTemplates */");
		return;
	}
	w_line(w, "InP->%s.address = (void *)(%s);", f->name, uval(v, a));
	if (ports) {
		if (f->desc_variable)
			w_line(w, "InP->%s.count = %s;", f->name,
			       count_value(c, a));
		else
			w_line(w, "InP->%s.count = %u;", f->name, f->desc_count);
	} else if (f->desc_variable) {
		w_line(w, "InP->%s.size = %s * %u;", f->name, count_value(c, a),
		       a->type->elem_size);
	} else {
		w_line(w, "InP->%s.size = %u;", f->name, f->desc_count);
	}
	w_line(w, "InP->%s.deallocate = %s;", f->name, dl);
	w_line(w, "InP->%s.copy = %s;", f->name,
	       ports || f->physical_copy ? "MACH_MSG_PHYSICAL_COPY" :
	       "MACH_MSG_VIRTUAL_COPY");
	if (ports)
		w_line(w, "InP->%s.disposition = %s;", f->name,
		       disposition(d, a, f, true));
	else
		w_line(w, "InP->%s.pad1 = 0;", f->name);
	w_line(w, "InP->%s.type = %s;", f->name, desc_type_macro(f->kind));
}

static void put_native(struct ustub *u, const struct m_field *f,
		       const struct m_arg *a)
{
	struct writer *w = u->w;
	const struct m_type *t = a->type;
	const struct m_field *pf = find_field(&u->r->request, a, F_PRESENT);

	if (t->native_kind == MN_VALUEOF) {
		w_line(w, "InP->%s = %s;", f->name, a->name);
		return;
	}
	if (t->native_kind == MN_POINTERTO || !pf) {
		w_line(w, "InP->%s = *%s;", f->name, a->name);
		return;
	}
	w_open(w, "if (%s != NULL && !(*%s == %s))", a->name, a->name,
	       t->native_bad ? t->native_bad : "0");
	w_line(w, "InP->%s = TRUE;", pf->name);
	w_line(w, "InP->%s = *%s;", f->name, a->name);
	w_close(w, NULL);
	w_open(w, "else");
	w_line(w, "InP->%s = FALSE;", pf->name);
	w_line(w, "(void)memset(&InP->%s, 0, sizeof(InP->%s));", f->name,
	       f->name);
	w_close(w, NULL);
}


static void put_data(struct ustub *u, const struct m_field *f,
		     const struct m_arg *a)
{
	struct writer *w = u->w;
	const struct m_type *t = a->type;
	const struct m_field *c;
	char v[256], cv[256], mul[32];

	if (t->kind == MTK_NATIVE) {
		put_native(u, f, a);
	} else if (t->string) {
		/* Apple's form: zero-filled where the headers provide it */
		char lhs[300] = "(void) ";
		unsigned n = f->variable ? f->max_count : f->array_len ?
			f->array_len : (unsigned)f->size;

		c = f->variable ? count_field_of(&u->r->request, f) : NULL;
		if (f->variable)
			snprintf(lhs, sizeof lhs, "InP->%s = (mach_msg_type_number_t) ",
				 c ? c->name : "?");
		if (*u->sp) {
			/* renamed, it is no weak symbol to test: always */
			w_line(w, "%s%smig_strncpy_zerofill(InP->%s, %s, %u);",
			       lhs, u->sp, f->name, a->name, n);
			return;
		}
		w_line(w, "#ifdef USING_MIG_STRNCPY_ZEROFILL");
		w_line(w, "if (mig_strncpy_zerofill != NULL) {");
		w_line(w, "\t%smig_strncpy_zerofill(InP->%s, %s, %u);", lhs,
		       f->name, a->name, n);
		w_line(w, "} else {");
		w_line(w, "#endif /* USING_MIG_STRNCPY_ZEROFILL */");
		w_line(w, "\t%smig_strncpy(InP->%s, %s, %u);", lhs, f->name,
		       a->name, n);
		w_line(w, "#ifdef USING_MIG_STRNCPY_ZEROFILL");
		w_line(w, "}");
		w_line(w, "#endif /* USING_MIG_STRNCPY_ZEROFILL */");
	} else if (f->variable) {
		/* Apple's form: the bound, then the copy */
		if (bounded_count(a)) {
			w_line(w, "if (%s%s > %u) {", a->count->user_by_pointer ?
			       "*" : "", a->count->name, a->type->max_count);
			w_line(w, "\t{ return MIG_ARRAY_TOO_LARGE; }");
			w_line(w, "}");
			w_blank(w);
		}
		w_line(w, "(void)memcpy((char *) InP->%s, (const char *) %s, "
			  "%s%s);", f->name, a->name, elem_times(mul, f->elem_size),
		       count_value(cv, a));
	} else if (f->array_len > 0 || t->kind == MTK_FIXED_ARRAY) {
		w_line(w, "(void)memcpy((char *)InP->%s, (const char *)%s, "
			  "sizeof(InP->%s));", f->name, a->name, f->name);
	} else {
		w_line(w, "InP->%s = %s;", f->name, uval(v, a));
	}
}

static void put_count(struct ustub *u, const struct m_field *f,
		      const struct m_arg *a)
{
	char c[256];

	if (a->type->string)
		return;
	if (a->kind == MA_OUT && a->count) {
		/* CountInOut: the room the caller has, at most the bound */
		w_line(u->w, "if (*%s < %u)", a->count->name,
		       a->type->max_count);
		w_line(u->w, "\tInP->%s = *%s;", f->name, a->count->name);
		w_line(u->w, "else");
		w_line(u->w, "\tInP->%s = %u;", f->name, a->type->max_count);
	} else
		w_line(u->w, "InP->%s = %s;", f->name, count_value(c, a));
}

static void put_field(struct ustub *u, const struct m_field *f)
{
	struct writer *w = u->w;
	const struct m_arg *a = field_owner(f);

	switch (f->kind) {
	case F_HEADER: case F_RETCODE: case F_PRESENT:
		break;
	case F_BODY:
		w_line(w, "InP->msgh_body.msgh_descriptor_count = %d;",
		       u->r->request.descriptor_count);
		break;
	case F_NDR:
		w_line(w, "InP->NDR = NDR_record;");
		break;
	case F_PORT_DESC:
		put_port_desc(u, f, a);
		break;
	case F_OOL_DESC: case F_OOL_PORTS_DESC:
		put_ool_desc(u, f, a);
		break;
	case F_DATA:
		put_data(u, f, a);
		break;
	case F_COUNT:
		put_count(u, f, a);
		break;
	case F_PAD:
		w_line(w, "(void)memset(InP->%s, 0, sizeof(InP->%s));", f->name,
		       f->name);
		break;
	case F_STRING_OFFSET:
		w_line(w, "InP->%s = 0;", f->name);
		break;
	}
}

/*
 * Build the request.  In Apple's form (apple_built_request) each
 * variable array is copied, then its count set; when fields follow, the
 * size so far grows by the array's words and InP moves on by what the
 * array leaves unused, so that the later fields land packed; at the end
 * InP is the message's start again.  Other variable requests are built
 * at their largest layout and compacted.
 */
static void build_request(struct ustub *u)
{
	const struct m_message *msg = &u->r->request;
	bool apple = apple_built_request(msg);
	uint32_t min = var_room_all(msg, NULL, NULL);
	bool first = true, moved = false;
	char mul[32], cv[256], bytes[320];
	int i;

	for (i = 0; i < msg->nfields; i++) {
		const struct m_field *f = &msg->fields[i];
		const struct m_field *c;
		const struct m_arg *a = field_owner(f);

		if (apple && f->kind == F_COUNT && f->arg &&
		    (c = find_field(msg, a, F_DATA)) && c->variable)
			continue;       /* (set after its array) */
		if (apple && f->kind == F_STRING_OFFSET)
			continue;       /* (set after its string) */
		put_field(u, f);
		if (!apple || !f->variable)
			continue;
		c = count_field_of(msg, f);
		if (a->type->string) {
			/* the copy counted it */
			w_line(u->w, "InP->%s = 0;",
			       find_field(msg, a, F_STRING_OFFSET)->name);
			w_blank(u->w);
			snprintf(bytes, sizeof bytes, "_WALIGN_(InP->%s)",
				 c->name);
		} else {
			put_field(u, c);
			snprintf(bytes, sizeof bytes, "%s(%s%s)",
				 f->elem_size % 4 ? "_WALIGN_" : "",
				 elem_times(mul, f->elem_size), count_value(cv, a));
		}
		if (!field_has_successor(msg, f)) {
			if (first)
				w_line(u->w, "msgh_size = (mach_msg_size_t)"
					     "(sizeof(Request) - %u) + (%s);", min,
				       bytes);
			else
				w_line(u->w, "msgh_size += %s;", bytes);
			continue;
		}
		w_line(u->w, "msgh_size_delta = %s;", bytes);
		if (first)
			w_line(u->w, "msgh_size = (mach_msg_size_t)(sizeof(Request)"
				     " - %u) + msgh_size_delta;", min);
		else
			w_line(u->w, "msgh_size += msgh_size_delta;");
		w_line(u->w, "InP = (Request *) ((pointer_t) InP + "
			     "msgh_size_delta - %u);", var_room(f));
		w_blank(u->w);
		first = false;
		moved = true;
	}
	if (moved)
		w_line(u->w, "InP = &Mess.In;");
	if (!apple && routine_has_var(msg))
		emit_compaction(u->w, msg, "InP", "Request", "msgh_size");
}

static void reply_disposition(char buf[256], const struct m_routine *r)
{
	const struct m_arg *rp = r->reply_port;
	char nb[16];
	const char *s;

	if (!rp) {
		snprintf(buf, 256, "%s", r->simple ? "0" :
			 "MACH_MSG_TYPE_MAKE_SEND_ONCE");
		return;
	}
	if (rp->poly && rp->poly_send_user) {
		snprintf(buf, 256, "%s", rp->poly->name);
		return;
	}
	s = send_name_str(rp->type->send_name, nb);
	snprintf(buf, 256, "%s", s ? s : "MACH_MSG_TYPE_MAKE_SEND_ONCE");
}

/* Apple's header setup: the reply port first, the bits (the request
   port's disposition as its number) on a line of their own, the request
   port, the id, the voucher field through msgh_reserved and the voucher
   hook, which does something only when the SDK has voucher support. */
static void build_header(struct ustub *u)
{
	struct writer *w = u->w;
	const struct m_routine *r = u->r;
	const struct m_arg *rq = r->request_port;
	char rd[256], pd[256], v[256];

	reply_disposition(pd, r);
	if (rq->poly && rq->poly_send_user)
		snprintf(rd, sizeof rd, "%s", rq->poly->name);
	else if (rq->type->send_name != M_POLY)
		snprintf(rd, sizeof rd, "%d", rq->type->send_name);
	else
		snprintf(rd, sizeof rd, "MACH_MSG_TYPE_COPY_SEND");
	if (r->reply_by_user && r->reply_port)
		w_line(w, "InP->Head.msgh_reply_port = %s;", r->reply_port->name);
	else if (r->simple)
		w_line(w, "InP->Head.msgh_reply_port = MACH_PORT_NULL;");
	else if (u->m->kernel_user) {
		w_line(w, "#if\t__MigKernelSpecificCode");
		w_line(w, "InP->Head.msgh_reply_port = MACH_PORT_NULL;");
		w_line(w, "#else");
		w_line(w, "InP->Head.msgh_reply_port = %smig_get_reply_port();",
		       u->sp);
		w_line(w, "#endif");
	} else
		w_line(w, "InP->Head.msgh_reply_port = %smig_get_reply_port();",
		       u->sp);
	w_line(w, "InP->Head.msgh_bits =%s", r->request.complex ?
	       " MACH_MSGH_BITS_COMPLEX|" : "");
	w_line(w, "\tMACH_MSGH_BITS(%s, %s);", rd, pd);
	w_line(w, "/* msgh_size passed as argument */");
	w_line(w, "InP->Head.msgh_request_port = %s;", uval(v, rq));
	w_line(w, "InP->Head.msgh_id = %lld;", (long long)r->request_id);
	w_line(w, "InP->Head.msgh_reserved = 0;");
	w_blank(w);
	w_line(w, "/* BEGIN VOUCHER CODE */");
	w_blank(w);
	w_line(w, "#ifdef USING_VOUCHERS");
	w_line(w, "\tif (voucher_mach_msg_set != NULL) {");
	w_line(w, "\t\tvoucher_mach_msg_set(&InP->Head);");
	w_line(w, "\t}");
	w_line(w, "#endif // USING_VOUCHERS");
	w_line(w, "\t");
	w_line(w, "/* END VOUCHER CODE */");
}

/* ---- stub: sending ---- */

struct timing {
	const char *wait, *send, *opt;
};

static struct timing routine_timing(const struct m_routine *r)
{
	struct timing t;

	t.wait = r->waittime_arg ? r->waittime_arg->name : r->wait_time;
	t.send = r->sendtime_arg ? r->sendtime_arg->name : r->send_time;
	t.opt = r->msgoption_arg ? r->msgoption_arg->name : r->msg_option;
	return t;
}

static void trailer_opts(char *buf, size_t n, const struct m_routine *r)
{
	if (r->user_trailer == TE_NONE || r->simple) {
		buf[0] = '\0';
		return;
	}
	snprintf(buf, n, "|MACH_RCV_TRAILER_TYPE(MACH_MSG_TRAILER_FORMAT_0)"
		 "|MACH_RCV_TRAILER_ELEMENTS(%s)",
		 trailer_elem_macro(r->user_trailer));
}

static const char *size_arg(const struct m_routine *r)
{
	return routine_has_var(&r->request) ? "msgh_size" :
		"(mach_msg_size_t)sizeof(Request)";
}

/* The msgoption bits; Apple's names the empty set too. */
static void opt_suffix(char *buf, size_t n, const char *opt)
{
	if (opt)
		snprintf(buf, n, "|(%s)", opt);
	else
		snprintf(buf, n, "|MACH_MSG_OPTION_NONE");
}

/* One mach_msg for send (and receive for routines). */
static void send_combined(struct ustub *u, struct timing t)
{
	const struct m_routine *r = u->r;
	char tr[160], op[256];
	const char *tmo = t.wait ? t.wait : t.send;

	trailer_opts(tr, sizeof tr, r);
	opt_suffix(op, sizeof op, t.opt);
	if (r->simple) {
		w_line(u->w, "msg_result = %smach_msg(&InP->Head, MACH_SEND_MSG%s%s, "
			     "%s, 0, MACH_PORT_NULL, %s, MACH_PORT_NULL);", u->sp,
		       tmo ? "|MACH_SEND_TIMEOUT" : "", op, size_arg(r),
		       tmo ? tmo : "MACH_MSG_TIMEOUT_NONE");
		return;
	}
	w_line(u->w, "msg_result = %smach_msg(&InP->Head, MACH_SEND_MSG|"
		     "MACH_RCV_MSG%s%s%s%s, %s, (mach_msg_size_t)sizeof(Reply), "
		     "InP->Head.msgh_reply_port, %s, MACH_PORT_NULL);", u->sp,
	       tmo ? "|MACH_SEND_TIMEOUT" : "", t.wait ? "|MACH_RCV_TIMEOUT" : "",
	       tr, op, size_arg(r), tmo ? tmo : "MACH_MSG_TIMEOUT_NONE");
}

/* -R: a send, then a receive. */
static void send_separate(struct ustub *u, struct timing t)
{
	const struct m_routine *r = u->r;
	char tr[160], op[256];
	const char *stmo = t.send ? t.send : t.wait;

	trailer_opts(tr, sizeof tr, r);
	opt_suffix(op, sizeof op, t.opt);
	w_line(u->w, "msg_result = %smach_msg(&InP->Head, MACH_SEND_MSG%s%s, "
		     "%s, 0, MACH_PORT_NULL, %s, MACH_PORT_NULL);", u->sp,
	       stmo ? "|MACH_SEND_TIMEOUT" : "", op, size_arg(r),
	       stmo ? stmo : "MACH_MSG_TIMEOUT_NONE");
	w_line(u->w, "if (msg_result == MACH_MSG_SUCCESS)");
	w_line(u->w, "\tmsg_result = %smach_msg(&Out0P->Head, MACH_RCV_MSG%s%s%s, "
		     "0, (mach_msg_size_t)sizeof(Reply), mig_reply, %s, "
		     "MACH_PORT_NULL);", u->sp, t.wait ? "|MACH_RCV_TIMEOUT" : "",
	       tr, op, t.wait ? t.wait : "MACH_MSG_TIMEOUT_NONE");
}

static bool request_has_ool(const struct m_routine *r)
{
	int i;

	for (i = 0; i < r->request.nfields; i++) {
		enum m_field_kind k = r->request.fields[i].kind;

		if (k == F_OOL_DESC || k == F_OOL_PORTS_DESC)
			return true;
	}
	return false;
}

/* ConsumeOnSendError (section 3.7). */
static void consume_on_error(struct ustub *u)
{
	struct writer *w = u->w;
	const struct m_routine *r = u->r;
	int i;
	char v[256];

	if (r->consume == CONSUME_NONE) {
		if (!request_has_ool(r))
			return;
		w_open(w, "if (msg_result == MACH_SEND_TIMED_OUT)");
		for (i = 0; i < r->request.nfields; i++) {
			const struct m_field *f = &r->request.fields[i];
			const struct m_arg *a = field_owner(f);

			if (f->kind != F_OOL_DESC && f->kind != F_OOL_PORTS_DESC)
				continue;
			w_line(w, "if (InP->%s.address != (void *)(%s))", f->name,
			       uval(v, a));
			if (f->kind == F_OOL_DESC)
				w_line(w, "\t%smig_deallocate((vm_address_t)InP->%s.address, "
					  "(vm_size_t)InP->%s.size);", u->sp, f->name,
				       f->name);
			else
				w_line(w, "\t%smig_deallocate((vm_address_t)InP->%s.address, "
					  "(vm_size_t)InP->%s.count * sizeof(mach_port_t));",
				       u->sp, f->name, f->name);
		}
		w_close(w, NULL);
		return;
	}
	w_open(w, "if (msg_result == MACH_SEND_TIMED_OUT%s)",
	       r->consume == CONSUME_ANY ?
	       " || msg_result == MACH_SEND_INVALID_DEST" : "");
	if (r->reply_port && r->reply_port->type->send_name == 17)
		w_line(w, "(void)%smach_port_deallocate(%smach_task_self(), "
			  "InP->Head.msgh_local_port);", u->sp, u->sp);
	w_line(w, "%smach_msg_destroy(&InP->Head);", u->sp);
	w_close(w, NULL);
}

/*
 * After a send that may have failed with the request still ours (a send
 * timeout, or any failure with ConsumeOnSendError Any): give back what
 * it carried, in Apple's form.  Nothing without a timeout or Any.
 */
static void send_errors(struct ustub *u, struct timing t)
{
	struct writer *w = u->w;
	const struct m_routine *r = u->r;
	int i;

	if (r->consume != CONSUME_ANY && !t.wait && !t.send)
		return;
	if (r->consume == CONSUME_ANY)
		w_open(w, "if (msg_result == MACH_SEND_INVALID_DEST ||\n"
			  "\tmsg_result == MACH_SEND_TIMED_OUT)");
	else
		w_open(w, "if (msg_result == MACH_SEND_TIMED_OUT)");
	if (r->consume == CONSUME_NONE) {
		for (i = 0; i < r->request.nfields; i++) {
			const struct m_field *f = &r->request.fields[i];

			if (f->kind != F_OOL_DESC || !f->arg)
				continue;
			w_line(w, "if((vm_offset_t) InP->%s.address != "
				  "(vm_offset_t) %s)", f->name, f->arg->name);
			w_line(w, "\t%smig_deallocate((vm_offset_t) "
				  "InP->%s.address, (vm_size_t) InP->%s.size);",
			       u->sp, f->name, f->name);
		}
	} else {
		w_line(w, "/* mach_msg_destroy doesn't handle the local port */");
		w_line(w, "switch (MACH_MSGH_BITS_LOCAL(InP->Head.msgh_bits)) {");
		w_line(w, "case MACH_MSG_TYPE_MOVE_SEND:");
		w_line(w, "\t%smach_port_deallocate(%smach_task_self(), "
			  "InP->Head.msgh_local_port);", u->sp, u->sp);
		w_line(w, "\tbreak;");
		w_line(w, "}");
		w_line(w, "%smach_msg_destroy(&InP->Head);", u->sp);
	}
	w_close(w, NULL);
	w_blank(w);
}

/*
 * A routine's send and receive failed: the reply port goes back (or
 * away) through __MachMsgErrorWith[out]Timeout, which reads it from the
 * request's header (a failed mach_msg leaves it there), then Apple's
 * send-error block, then the return.
 */
static void rpc_error_path(struct ustub *u, struct timing t)
{
	struct writer *w = u->w;

	if (owns_reply_port(u->r)) {
		w_open(w, "if (msg_result != MACH_MSG_SUCCESS)");
		w_line(w, "__MachMsgError%s(msg_result);",
		       t.wait || t.send ? "WithTimeout" : "WithoutTimeout");
		w_close(w, NULL);
	}
	send_errors(u, t);
	w_open(w, "if (msg_result != MACH_MSG_SUCCESS)");
	w_line(w, "{ return msg_result; }");
	w_close(w, NULL);
}

/* The -R form: the send and the receive apart, with a local reply port. */
static void error_path(struct ustub *u)
{
	struct writer *w = u->w;

	w_open(w, "if (msg_result != MACH_MSG_SUCCESS)");
	if (owns_reply_port(u->r)) {
		w_line(w, "if (msg_result == MACH_SEND_INVALID_DATA ||");
		w_line(w, "    msg_result == MACH_SEND_INVALID_DEST ||");
		w_line(w, "    msg_result == MACH_SEND_INVALID_HEADER)");
		w_line(w, "\t%smig_put_reply_port(mig_reply);", u->sp);
		w_line(w, "else");
		w_line(w, "\t%smig_dealloc_reply_port(mig_reply);", u->sp);
	}
	consume_on_error(u);
	w_line(w, "return msg_result;");
	w_close(w, NULL);
}

static void send_user(struct ustub *u)
{
	struct writer *w = u->w;
	const struct m_routine *r = u->r;
	struct timing t = routine_timing(r);

	bool separate = !r->simple && u->o && u->o->separate_rpc &&
	    !u->m->kernel_user;

	if (separate)
		w_line(w, "mach_port_t mig_reply = InP->Head.msgh_local_port;");
	w_line(w, "__Before%s(%lld, \"%s\")", r->simple ? "SendSimple" :
	       "SendRpc", (long long)r->request_id, r->name);
	if (separate)
		send_separate(u, t);
	else
		send_combined(u, t);
	w_line(w, "__After%s(%lld, \"%s\")", r->simple ? "SendSimple" :
	       "SendRpc", (long long)r->request_id, r->name);
	if (r->simple) {
		send_errors(u, t);
		w_line(w, "return msg_result;");
		return;
	}
	if (separate)
		error_path(u);
	else
		rpc_error_path(u, t);
}

static void send_kernel(struct ustub *u)
{
	struct writer *w = u->w;
	const struct m_routine *r = u->r;

	if (r->simple) {
		w_line(w, "return %smach_msg_send_from_kernel(&InP->Head, %s);",
		       u->sp, size_arg(r));
		return;
	}
	w_line(w, "msg_result = %smach_msg_rpc_from_kernel(&InP->Head, %s, "
		  "(mach_msg_size_t)sizeof(Reply));", u->sp, size_arg(r));
	w_line(w, "if (msg_result != MACH_MSG_SUCCESS)");
	w_line(w, "\treturn msg_result;");
}

static void send_request(struct ustub *u)
{
	struct writer *w = u->w;

	if (!u->m->kernel_user) {
		send_user(u);
		return;
	}
	w_line(w, "#if\t__MigKernelSpecificCode");
	send_kernel(u);
	w_line(w, "#else");
	send_user(u);
	w_line(w, "#endif");
}

/* ---- stub: the reply ---- */

static void destroy_reply(struct ustub *u)
{
	struct writer *w = u->w;

	if (!u->m->kernel_user) {
		w_line(w, "%smach_msg_destroy(&Out0P->Head);", u->sp);
		return;
	}
	w_line(w, "#if\t__MigKernelSpecificCode");
	w_line(w, "%smach_msg_destroy_from_kernel(&Out0P->Head);", u->sp);
	w_line(w, "#else");
	w_line(w, "%smach_msg_destroy(&Out0P->Head);", u->sp);
	w_line(w, "#endif");
}

static void check_reply(struct ustub *u)
{
	struct writer *w = u->w;
	const struct m_routine *r = u->r;

	/* (the check is always defined here; the guard is Apple's text) */
	w_line(w, "#if\tdefined(__MIG_check__Reply__%s_t__defined)", r->name);
	w_put(w, "check_result = __MIG_check__Reply__%s_t((__Reply__%s_t *)Out0P",
	      r->name, r->name);
	for (int k = 1; k <= handed_back(r); k++)
		w_put(w, ", (__Reply__%s_t **)&Out%dP", r->name, k);
	w_line(w, ");");
	w_open(w, "if (check_result != MACH_MSG_SUCCESS)");
	destroy_reply(u);
	w_line(w, "{ return check_result; }");
	w_close(w, NULL);
	w_line(w, "#endif\t/* defined(__MIG_check__Reply__%s_t__defined) */",
	       r->name);
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

static void user_trailer(struct ustub *u)
{
	struct writer *w = u->w;
	const struct m_routine *r = u->r;
	int i;

	if (r->user_trailer == TE_NONE)
		return;
	emit_open(w);
	w_line(w, "mach_msg_max_trailer_t *TrailerP = (mach_msg_max_trailer_t *)"
		  "((char *)Out0P + _WALIGN_(Out0P->Head.msgh_size));");
	w_line(w, "if (TrailerP->msgh_trailer_type != MACH_MSG_TRAILER_FORMAT_0 ||");
	w_open(w, "    TrailerP->msgh_trailer_size < %d)",
	       trailer_size(r->user_trailer));
	destroy_reply(u);
	w_line(w, "return MIG_TRAILER_ERROR;");
	w_close(w, NULL);
	for (i = 0; i < r->nargs; i++) {
		const struct m_arg *a = &r->args[i];

		if (a->trailer_user && a->user_param)
			w_line(w, "*%s = TrailerP->%s;", a->name,
			       trailer_member(a->trailer_elem));
	}
	w_close(w, NULL);
}

static void get_port_desc(struct ustub *u, const struct m_field *f,
			  const struct m_arg *a, const char *p)
{
	struct writer *w = u->w;
	const struct m_field *c;
	char cp[32];

	if (f->array_len == 0) {
		w_line(w, "*%s = %s->%s.name;", a->name, p, f->name);
	} else {
		c = a->count ? count_field_of(&u->r->reply, f) : NULL;
		if (c)
			field_ptr(cp, &u->r->reply, "Out", c);
		if (c && a->count->user_by_pointer) {
			/* Apple's form: as many as the reply and the caller's
			   count allow */
			w_line(w, "{");
			w_line(w, "    mach_msg_port_descriptor_t\t*ptr;");
			w_line(w, "    int\ti, j;");
			w_blank(w);
			w_line(w, "    ptr = &%s->%s[0];", p, f->name);
			w_line(w, "    j = min(%s->%s, *%s);", cp, c->name,
			       a->count->name);
			w_line(w, "    for (i = 0; i < j; ptr++, i++)");
			w_line(w, "\t%s[i] = ptr->name;", a->name);
			w_line(w, "    if (%s->%s > %u)", cp, c->name, f->array_len);
			w_line(w, "\t{ return MIG_ARRAY_TOO_LARGE; }");
			w_line(w, "}");
			if (!a->count_shared)
				w_line(w, "*%s = %s->%s;", a->count->name, cp,
				       c->name);
		} else {
			if (c)
				w_line(w, "for (unsigned int mig_i = 0; mig_i < "
					  "%s->%s && mig_i < %u; mig_i++)", cp,
				       c->name, f->array_len);
			else
				w_line(w, "for (unsigned int mig_i = 0; mig_i < %u; "
					  "mig_i++)", f->array_len);
			w_line(w, "\t%s[mig_i] = %s->%s[mig_i].name;", a->name, p,
			       f->name);
			if (c && !a->count_shared)
				w_line(w, "*%s = %s->%s;", a->count->name, cp,
				       c->name);
		}
	}
	if (a->poly && a->poly_recv_user)
		w_line(w, "*%s = %s->%s%s.disposition;", a->poly->name, p, f->name,
		       f->array_len ? "[0]" : "");
}

static void get_overwrite(struct ustub *u, const struct m_field *f,
			  const struct m_arg *a, const char *p)
{
	struct writer *w = u->w;
	const struct m_field *c = count_field_of(&u->r->reply, f);
	char cp[32];

	if (!c || !a->count) {
		w_line(w, "(void)memcpy((char *)*%s, (const char *)%s->%s.address, "
			  "%s->%s.size);", a->name, p, f->name, p, f->name);
		w_line(w, "%smig_deallocate((vm_address_t)%s->%s.address, "
			  "(vm_size_t)%s->%s.size);", u->sp, p, f->name, p,
		       f->name);
		return;
	}
	field_ptr(cp, &u->r->reply, "Out", c);
	w_open(w, "if (%s->%s > *%s)", cp, c->name, a->count->name);
	w_line(w, "(void)memcpy((char *)*%s, (const char *)%s->%s.address, "
		  "*%s * %u);", a->name, p, f->name, a->count->name,
	       a->type->elem_size);
	w_line(w, "%smig_deallocate((vm_address_t)%s->%s.address, "
		  "(vm_size_t)%s->%s.size);", u->sp, p, f->name, p, f->name);
	w_line(w, "*%s = %s->%s;", a->count->name, cp, c->name);
	w_line(w, "return MIG_ARRAY_TOO_LARGE;");
	w_close(w, NULL);
	w_line(w, "(void)memcpy((char *)*%s, (const char *)%s->%s.address, "
		  "%s->%s * %u);", a->name, p, f->name, cp, c->name,
	       a->type->elem_size);
	w_line(w, "%smig_deallocate((vm_address_t)%s->%s.address, "
		  "(vm_size_t)%s->%s.size);", u->sp, p, f->name, p, f->name);
	w_line(w, "*%s = %s->%s;", a->count->name, cp, c->name);
}

static void get_ool(struct ustub *u, const struct m_field *f,
		    const struct m_arg *a, const char *p)
{
	struct writer *w = u->w;
	const struct m_field *c;
	char cp[32];

	if (a->flags & AF_OVERWRITE) {
		get_overwrite(u, f, a, p);
		return;
	}
	w_line(w, "*%s = (%s)(%s->%s.address);", a->name, a->type->user_ctype,
	       p, f->name);
	c = a->count && !a->count_shared ? count_field_of(&u->r->reply, f) : NULL;
	if (c) {
		field_ptr(cp, &u->r->reply, "Out", c);
		w_line(w, "*%s = %s->%s;", a->count->name, cp, c->name);
	}
}

/*
 * A variable inline array out of the reply, in Apple's form: more than
 * the caller's room (CountInOut) or than the array's bound, and as much
 * as fits is copied, the count says how many there were, and the stub
 * answers MIG_ARRAY_TOO_LARGE; else all of it.
 */
static void get_var_data(struct ustub *u, const struct m_field *f,
			 const struct m_arg *a, const char *p)
{
	struct writer *w = u->w;
	const struct m_field *c = count_field_of(&u->r->reply, f);
	char cp[32], mul[32], room[64];
	const char *cnt = a->count ? a->count->name : "?";

	field_ptr(cp, &u->r->reply, "Out", c);
	elem_times(mul, f->elem_size);
	if ((a->flags & AF_COUNTINOUT) && a->count)
		snprintf(room, sizeof room, "*%s", cnt);
	else
		snprintf(room, sizeof room, "%u", f->max_count);
	w_line(w, "if (%s->%s > %s) {", cp, c->name, room);
	w_line(w, "\t(void)memcpy((char *) %s, (const char *) %s->%s, %s %s);",
	       a->name, p, f->name, mul, room);
	w_line(w, "\t*%s = %s->%s;", cnt, cp, c->name);
	w_line(w, "\t{ return MIG_ARRAY_TOO_LARGE; }");
	w_line(w, "}");
	w_line(w, "(void)memcpy((char *) %s, (const char *) %s->%s, %s%s->%s);",
	       a->name, p, f->name, mul, cp, c->name);
	w_blank(w);
	if (a->count && !a->count_shared)
		w_line(w, "*%s = %s->%s;", cnt, cp, c->name);
}

static void get_data(struct ustub *u, const struct m_field *f,
		     const struct m_arg *a, const char *p)
{
	struct writer *w = u->w;
	const struct m_type *t = a->type;

	if (t->string)
		w_line(w, "(void) %smig_strncpy(%s, %s->%s, %u);", u->sp, a->name,
		       p, f->name, f->variable ? f->max_count :
		       (f->array_len ? f->array_len : (unsigned)f->size));
	else if (f->variable)
		get_var_data(u, f, a, p);
	else if (f->array_len > 0 || t->kind == MTK_FIXED_ARRAY)
		w_line(w, "(void)memcpy((char *)%s, (const char *)%s->%s, "
			  "sizeof(%s->%s));", a->name, p, f->name, p, f->name);
	else
		w_line(w, "*%s = %s->%s;", a->name, p, f->name);
}

static void copy_out_arg(struct ustub *u, const struct m_arg *a)
{
	const struct m_message *msg = &u->r->reply;
	static const enum m_field_kind kinds[] = {
		F_PORT_DESC, F_OOL_DESC, F_OOL_PORTS_DESC, F_DATA,
	};
	const struct m_field *f = NULL;
	char p[32];
	size_t k;

	for (k = 0; k < sizeof kinds / sizeof kinds[0] && !f; k++)
		f = find_field(msg, a, kinds[k]);
	if (!f)
		return;
	field_ptr(p, msg, "Out", f);
	switch (f->kind) {
	case F_PORT_DESC:
		get_port_desc(u, f, a, p);
		break;
	case F_OOL_DESC: case F_OOL_PORTS_DESC:
		get_ool(u, f, a, p);
		break;
	default:
		get_data(u, f, a, p);
		break;
	}
}

static void copy_out(struct ustub *u)
{
	const struct m_routine *r = u->r;
	int i;

	if (routine_has_var(&r->reply) && !handed_back(r))
		emit_segments(u->w, &r->reply, "Out", "Reply", NULL, NULL,
			      false);
	for (i = 0; i < r->nargs; i++) {
		const struct m_arg *a = &r->args[i];

		if (!a->implicit && a->user_param && a->in_reply)
			copy_out_arg(u, a);
	}
}

/* ---- RetCode simpleroutines (section 3.6) ---- */

static void retcode_shortcut(struct ustub *u)
{
	struct writer *w = u->w;
	const struct m_routine *r = u->r;
	const struct m_arg *rc = r->retcode_arg;
	char rd[256], v[256];

	if (!rc || rc->in_request)
		return;
	if (r->request_port->poly && r->request_port->poly_send_user)
		snprintf(rd, sizeof rd, "%s", r->request_port->poly->name);
	else
		snprintf(rd, sizeof rd, "%s",
			 send_name_str(r->request_port->type->send_name, v) ?
			 send_name_str(r->request_port->type->send_name, v) :
			 "MACH_MSG_TYPE_COPY_SEND");
	w_open(w, "if (%s != KERN_SUCCESS)", rc->name);
	w_line(w, "mig_reply_error_t *ErrP = (mig_reply_error_t *)InP;");
	w_line(w, "ErrP->Head.msgh_bits = MACH_MSGH_BITS(%s, 0);", rd);
	w_line(w, "ErrP->Head.msgh_remote_port = %s;", uval(v, r->request_port));
	w_line(w, "ErrP->Head.msgh_local_port = MACH_PORT_NULL;");
	w_line(w, "ErrP->Head.msgh_voucher_port = MACH_PORT_NULL;");
	w_line(w, "ErrP->Head.msgh_id = %lld;", (long long)r->request_id);
	w_line(w, "ErrP->NDR = NDR_record;");
	w_line(w, "ErrP->RetCode = %s;", rc->name);
	if (u->m->kernel_user) {
		w_line(w, "#if\t__MigKernelSpecificCode");
		w_line(w, "return %smach_msg_send_from_kernel(&ErrP->Head, "
			  "(mach_msg_size_t)sizeof(mig_reply_error_t));", u->sp);
		w_line(w, "#else");
	}
	w_line(w, "return %smach_msg(&ErrP->Head, MACH_SEND_MSG, "
		  "(mach_msg_size_t)sizeof(mig_reply_error_t), 0, MACH_PORT_NULL, "
		  "MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL);", u->sp);
	if (u->m->kernel_user)
		w_line(w, "#endif");
	w_close(w, NULL);
}

/* ---- the stub ---- */

static void emit_stub(struct ustub *u)
{
	struct writer *w = u->w;
	const struct m_routine *r = u->r;

	w_blank(w);
	w_line(w, "/* %s %s */", r->simple ? "SimpleRoutine" : "Routine",
	       r->name);
	w_line(w, "mig_external kern_return_t %s", r->user_function);
	emit_param_list(w, r, SIDE_USER);
	w_line(w, "%s", "");
	emit_open(w);
	stub_types(u);
	w_blank(w);
	bound_checks(u);
	retcode_shortcut(u);
	build_request(u);
	build_header(u);
	w_blank(w);
	send_request(u);
	if (!r->simple) {
		w_blank(w);
		check_reply(u);
		user_trailer(u);
		copy_out(u);
		w_line(w, "return KERN_SUCCESS;");
	}
	w_close(w, NULL);
}

static void emit_routine_code(struct writer *w, const struct m_interface *m,
			      const struct mig_options *o,
			      const struct m_routine *r)
{
	struct ustub u = { w, m, o, r, subr(o) };

	if (!r->simple)
		emit_reply_check(&u);
	emit_stub(&u);
}

void emit_user(struct writer *w, const struct m_interface *m,
	       const struct mig_options *o, const struct emit_names *n)
{
	int i;

	user_prologue(w, m, o, n, NULL);
	for (i = 0; i < m->count; i++)
		if (!m->routines[i].skip)
			emit_routine_code(w, m, o, &m->routines[i]);
}

void emit_user_routine(struct writer *w, const struct m_interface *m,
		       const struct mig_options *o,
		       const struct emit_names *n,
		       const struct m_routine *r)
{
	user_prologue(w, m, o, n, r);
	emit_routine_code(w, m, o, r);
}
