/*
 * layout.c - message layouts; see layout.h and MIG-LANGUAGE.md 4.3.
 *
 * A message is built in two passes over the declared arguments that
 * travel in it: first the descriptors (they must all precede inline
 * data), then the inline items.  Offsets are tracked in the maximum
 * layout; once a variable field (or a native, whose size mig cannot know)
 * has been placed, later fields get offset -1.
 */
#include "layout.h"

#include <string.h>

/* The message under construction. */
struct builder {
	struct arena *a;
	struct m_message *m;
	int cap;
	uint64_t off;            /* maximum layout, natives count 0 */
	uint64_t var_room;       /* sum of maximum room of variable fields */
	bool known;              /* offsets are still exact */
	bool request;            /* building the request */
	char *natives;           /* " + _WALIGNSZ_(C)" terms, or NULL */
	char *min_natives;       /* the same without PointerToIfNot */
};

static struct m_field *add(struct builder *b, enum m_field_kind kind,
			   const char *name, const struct m_arg *arg,
			   const char *ctype, uint64_t size)
{
	if (b->m->nfields >= b->cap)
		return NULL;
	struct m_field *f = &b->m->fields[b->m->nfields++];
	f->kind = kind;
	f->name = name;
	f->arg = arg;
	f->ctype = f->server_ctype = ctype;
	f->size = size;
	f->max_offset = b->off;
	f->offset = b->known ? (int64_t)b->off : -1;
	b->off += size;
	return f;
}

/* Does arg travel in the message being built? */
static bool travels(const struct builder *b, const struct m_arg *arg)
{
	return b->request ? arg->in_request : arg->in_reply;
}

/* Its count travels here although the argument does not (CountInOut). */
static bool capacity_travels(const struct builder *b, const struct m_arg *arg)
{
	return b->request && !arg->in_request && arg->count &&
	       !arg->count_shared && arg->count->in_request;
}

static const char *count_name(struct builder *b, const struct m_arg *arg)
{
	if (arg->count && !arg->count_shared)
		return arg->count->name;
	return arena_printf(b->a, "%sCnt", arg->name);
}

/* ---- descriptors ---- */

static bool add_descriptor(struct builder *b, const struct m_arg *arg)
{
	const struct m_type *ty = arg->type;
	struct m_field *f;
	switch (ty->wire) {
	case WIRE_PORT:
		f = add(b, F_PORT_DESC, arg->name, arg,
			"mach_msg_port_descriptor_t", LAYOUT_PORT_DESC_SIZE);
		if (!f)
			return false;
		b->m->descriptor_count++;
		break;
	case WIRE_PORT_ARRAY: {
		uint32_t n = ty->variable ? ty->max_count : ty->number;
		f = add(b, F_PORT_DESC, arg->name, arg,
			"mach_msg_port_descriptor_t",
			(uint64_t)LAYOUT_PORT_DESC_SIZE * n);
		if (!f)
			return false;
		f->array_len = f->desc_count = n;
		f->max_count = n;
		b->m->descriptor_count += (int)n;
		break;
	}
	case WIRE_OOL:
	case WIRE_OOL_PORTS:
		f = add(b, ty->wire == WIRE_OOL ? F_OOL_DESC : F_OOL_PORTS_DESC,
			arg->name, arg, ty->wire == WIRE_OOL ?
			"mach_msg_ool_descriptor_t" :
			"mach_msg_ool_ports_descriptor_t",
			LAYOUT_OOL_DESC_SIZE);
		if (!f)
			return false;
		f->dealloc = arg->dealloc_mode;
		f->physical_copy = arg->physical_copy;
		f->desc_variable = ty->variable;
		f->elem_size = ty->wire == WIRE_OOL ? ty->elem_size : 4;
		f->max_count = ty->max_count;
		if (!ty->variable)
			f->desc_count = ty->wire == WIRE_OOL ?
					ty->number * ty->elem_size : ty->number;
		b->m->descriptor_count++;
		break;
	default:
		return true;
	}
	f->send_name = ty->send_name;
	f->recv_name = ty->recv_name;
	return true;
}

/* ---- inline items ---- */

static bool add_pad(struct builder *b, const struct m_arg *arg,
		    uint64_t size, bool variable)
{
	uint64_t k = layout_walign(size) - size;
	if (!k)
		return true;
	struct m_field *f = add(b, F_PAD, arena_printf(b->a, "%sPad",
							  arg->name),
				arg, "char", k);
	if (!f || !f->name)
		return false;
	f->array_len = (uint32_t)k;
	f->variable_pad = variable;
	return true;
}

static struct m_field *add_count(struct builder *b, const struct m_arg *arg)
{
	const char *name = count_name(b, arg);
	struct m_field *f = add(b, F_COUNT, name, arg,
				"mach_msg_type_number_t", 4);
	if (f && !name)
		return NULL;
	return f;
}

/* The count field a SameCount argument shares, in this message. */
static const struct m_field *shared_count(struct builder *b,
					  const struct m_arg *arg)
{
	const struct m_arg *owner = arg->count ? arg->count->parent : NULL;
	for (int i = 0; owner && i < b->m->nfields; i++) {
		const struct m_field *f = &b->m->fields[i];
		if (f->kind == F_COUNT && f->arg == owner)
			return f;
	}
	return NULL;
}

/* Variable data: max bytes inline, only _WALIGN_(count*size) sent. */
static bool add_variable(struct builder *b, const struct m_arg *arg,
			 const struct m_field *count, const char *ctype,
			 const char *sctype, uint32_t esize, uint32_t max)
{
	uint64_t size = (uint64_t)esize * max;
	struct m_field *f = add(b, F_DATA, arg->name, arg, ctype, size);
	if (!f)
		return false;
	f->server_ctype = sctype;
	f->array_len = max;
	f->variable = true;
	f->count_field = count;
	f->elem_size = esize;
	f->max_count = max;
	b->known = false;
	b->var_room += layout_walign(size);
	b->m->variable = true;
	return add_pad(b, arg, size, true);
}

static bool add_inline_var(struct builder *b, const struct m_arg *arg)
{
	const struct m_type *ty = arg->type;
	const struct m_field *count;
	if (arg->count_shared) {
		count = shared_count(b, arg);
	} else {
		count = add_count(b, arg);
		if (!count)
			return false;
	}
	return add_variable(b, arg, count, ty->elem_ctype,
			    ty->elem_server_ctype, ty->elem_size,
			    ty->max_count);
}

static bool add_string(struct builder *b, const struct m_arg *arg)
{
	const struct m_type *ty = arg->type;
	struct m_field *off = add(b, F_STRING_OFFSET,
				  arena_printf(b->a, "%sOffset", arg->name),
				  arg, "mach_msg_type_number_t", 4);
	if (!off || !off->name)
		return false;
	const struct m_field *count = add_count(b, arg);
	if (!count)
		return false;
	return add_variable(b, arg, count, "char", "char", 1, ty->max_count);
}

static bool add_native(struct builder *b, const struct m_arg *arg)
{
	const struct m_type *ty = arg->type;
	if (ty->native_kind == MN_POINTERTOIFNOT) {
		struct m_field *p = add(b, F_PRESENT,
					arena_printf(b->a, "__Present__%s",
						     arg->name),
					arg, "boolean_t", 4);
		if (!p || !p->name)
			return false;
	}
	struct m_field *f = add(b, F_DATA, arg->name, arg, ty->native_ctype, 0);
	if (!f)
		return false;
	f->size_expr = arena_printf(b->a, "_WALIGNSZ_(%s)", ty->native_ctype);
	b->known = false;
	b->natives = arena_printf(b->a, "%s + %s", b->natives ? b->natives : "",
				  f->size_expr);
	if (ty->native_kind != MN_POINTERTOIFNOT)
		b->min_natives = arena_printf(b->a, "%s + %s",
					      b->min_natives ?
					      b->min_natives : "",
					      f->size_expr);
	return f->size_expr && b->natives;
}

static bool add_inline(struct builder *b, const struct m_arg *arg)
{
	const struct m_type *ty = arg->type;
	if (!travels(b, arg)) {
		if (!capacity_travels(b, arg))
			return true;
		struct m_field *c = add_count(b, arg);
		if (!c)
			return false;
		c->capacity = true;
		return true;
	}
	switch (ty->wire) {
	case WIRE_INLINE: {
		struct m_field *f = add(b, F_DATA, arg->name, arg,
					ty->user_ctype, ty->size);
		if (!f)
			return false;
		f->server_ctype = ty->server_ctype;
		return add_pad(b, arg, ty->size, false);
	}
	case WIRE_INLINE_VAR:
		return add_inline_var(b, arg);
	case WIRE_INLINE_STRING:
		return add_string(b, arg);
	case WIRE_NATIVE:
		return add_native(b, arg);
	case WIRE_PORT_ARRAY:
	case WIRE_OOL:
	case WIRE_OOL_PORTS:
		if (!ty->variable || arg->count_shared)
			return true;
		return add_count(b, arg) != NULL;
	case WIRE_PORT:
		return true;
	}
	return true;
}

/* An item that calls for NDR: inline data, a count, or OOL data. */
static bool needs_ndr(const struct builder *b, const struct m_arg *arg)
{
	if (!travels(b, arg))
		return capacity_travels(b, arg);
	switch (arg->type->wire) {
	case WIRE_PORT:
		return false;
	case WIRE_PORT_ARRAY:
	case WIRE_OOL_PORTS:
		return arg->type->variable && !arg->count_shared;
	default:
		return true;
	}
}

static bool is_descriptor(const struct m_type *ty)
{
	return ty->wire == WIRE_PORT || ty->wire == WIRE_PORT_ARRAY ||
	       ty->wire == WIRE_OOL || ty->wire == WIRE_OOL_PORTS;
}

/* Declared arguments with a type (implicit ones ride with them). */
static bool considered(const struct m_arg *arg)
{
	return !arg->implicit && arg->type;
}

static bool build(struct arena *a, struct m_routine *r, struct m_message *m,
		  bool request)
{
	struct builder b = { a, m, r->nargs * 6 + 8, 0, 0, true, request,
			     NULL, NULL };
	memset(m, 0, sizeof *m);
	m->fields = arena_alloc(a, sizeof(struct m_field) * (size_t)b.cap);
	if (!m->fields)
		return false;
	m->present = true;
	bool ndr = false;
	for (int i = 0; i < r->nargs; i++) {
		const struct m_arg *arg = &r->args[i];
		if (!considered(arg))
			continue;
		if (travels(&b, arg) && is_descriptor(arg->type))
			m->complex = true;
		ndr |= needs_ndr(&b, arg);
	}
	if (!add(&b, F_HEADER, "Head", NULL, "mach_msg_header_t",
		 LAYOUT_HEADER_SIZE))
		return false;
	if (m->complex) {
		if (!add(&b, F_BODY, "msgh_body", NULL, "mach_msg_body_t",
			 LAYOUT_BODY_SIZE))
			return false;
		for (int i = 0; i < r->nargs; i++)
			if (considered(&r->args[i]) &&
			    travels(&b, &r->args[i]) &&
			    !add_descriptor(&b, &r->args[i]))
				return false;
	}
	m->has_retcode = !request && !m->complex;
	m->has_ndr = ndr || m->has_retcode;
	if (m->has_ndr && !add(&b, F_NDR, "NDR", NULL, "NDR_record_t",
			       LAYOUT_NDR_SIZE))
		return false;
	if (m->has_retcode && !add(&b, F_RETCODE, "RetCode", NULL,
				   "kern_return_t", 4))
		return false;
	for (int i = 0; i < r->nargs; i++)
		if (considered(&r->args[i]) && !add_inline(&b, &r->args[i]))
			return false;
	m->max_size = b.off;
	m->min_size = b.off - b.var_room;
	if (b.natives) {
		m->size_expr = arena_printf(a, "(%llu%s)",
					    (unsigned long long)m->max_size,
					    b.natives);
		m->min_size_expr = arena_printf(a, "(%llu%s)",
						(unsigned long long)m->min_size,
						b.min_natives ? b.min_natives :
						"");
		if (!m->size_expr || !m->min_size_expr)
			return false;
	}
	m->trailer = request ? r->server_trailer : r->user_trailer;
	return true;
}

/* A simpleroutine's "reply": the error reply shape, never sent. */
static bool error_reply(struct arena *a, struct m_routine *r)
{
	struct m_message *m = &r->reply;
	memset(m, 0, sizeof *m);
	m->fields = arena_alloc(a, sizeof(struct m_field) * 3);
	if (!m->fields)
		return false;
	struct builder b = { a, m, 3, 0, 0, true, false, NULL, NULL };
	add(&b, F_HEADER, "Head", NULL, "mach_msg_header_t",
	    LAYOUT_HEADER_SIZE);
	add(&b, F_NDR, "NDR", NULL, "NDR_record_t", LAYOUT_NDR_SIZE);
	add(&b, F_RETCODE, "RetCode", NULL, "kern_return_t", 4);
	m->present = false;
	m->has_ndr = m->has_retcode = true;
	m->min_size = m->max_size = LAYOUT_REPLY_ERROR_SIZE;
	m->trailer = r->user_trailer;
	return true;
}

bool layout_routine(struct arena *a, struct m_routine *r)
{
	if (r->skip)
		return true;
	if (!build(a, r, &r->request, true))
		return false;
	if (r->simple)
		return error_reply(a, r);
	return build(a, r, &r->reply, false);
}

/* Apple counts by words every server parameter that is neither a
   descriptor, an array nor an out value: in arguments, and the
   trailer arguments the server reads (security_token_t 2, audit_token_t
   8, a 64-bit context 2), whether or not they are passed by pointer. */
static bool counts_words(const struct m_arg *arg)
{
	if (arg->kind == MA_IN)
		return !arg->server_by_pointer;
	return arg->trailer_server;
}

int layout_arg_words(const struct m_arg *arg)
{
	const struct m_type *ty = arg->type;
	if (!ty || !counts_words(arg) || ty->c_pointer)
		return 1;
	if ((ty->kind != MTK_DATA && ty->kind != MTK_STRUCT) ||
	    ty->elem_bits < 32)
		return 1;
	uint64_t words = (ty->size + 3) / 4;
	return words > 1000000 ? 1000000 : (int)words;
}

int layout_argc(const struct m_routine *r)
{
	int argc = 0;
	for (int i = 0; i < r->nargs; i++)
		if (r->args[i].server_param)
			argc += layout_arg_words(&r->args[i]);
	return argc;
}
