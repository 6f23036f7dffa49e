/*
 * types.c - builtin IPC names, predefined types, type construction and
 * resolution (MIG-LANGUAGE.md section 3.3).
 *
 * Conventions for the m_type objects built here (see model.h):
 *   elem     the element type as written (`E` in `array[N] of E`), so
 *            elem->user_ctype is the C type of one element;
 *   number   how many `elem` a fixed item holds (1 for scalars);
 *   max_count the bound of a bounded item, in `elem` units;
 *   size     inline bytes before padding (the maximum when variable);
 *   elem_size C size of one `elem`; an OOL fixed region is
 *            number * elem_size bytes.
 * Sizes are computed in 64 bits and every item is kept below 2^32 bytes,
 * so later sums of a few thousand items cannot overflow.
 */
#include "types.h"

#include <string.h>

#define TYPES_MAX_SIZE 0xffffffffULL   /* largest item, in bytes */
#define TYPES_MAX_DEPTH 2000           /* nesting of bound expressions */
#define NBUCKETS 256

/* ------------------------------------------------------------------ */
/* The IPC names                                                        */
/* ------------------------------------------------------------------ */

#define P(x) "MACH_MSG_TYPE_" #x
static const struct types_ipcname ipcnames[MT_COUNT_] = {
	[MT_UNSTRUCTURED] = { P(UNSTRUCTURED), 0, 0, P(UNSTRUCTURED),
			      P(UNSTRUCTURED), 0, false, "uint8_t" },
	[MT_BIT] = { P(BIT), 0, 0, P(BIT), P(BIT), 1, false, "uint8_t" },
	[MT_BOOLEAN] = { P(BOOLEAN), 0, 0, P(BOOLEAN), P(BOOLEAN), 32, false,
			 "boolean_t" },
	[MT_INTEGER_16] = { P(INTEGER_16), 1, 1, P(INTEGER_16), P(INTEGER_16),
			    16, false, "int16_t" },
	[MT_INTEGER_32] = { P(INTEGER_32), 2, 2, P(INTEGER_32), P(INTEGER_32),
			    32, false, "int32_t" },
	[MT_CHAR] = { P(CHAR), 8, 8, P(CHAR), P(CHAR), 8, false, "char" },
	[MT_BYTE] = { P(BYTE), 9, 9, P(BYTE), P(BYTE), 8, false, "uint8_t" },
	[MT_INTEGER_8] = { P(INTEGER_8), 9, 9, P(INTEGER_8), P(INTEGER_8), 8,
			   false, "int8_t" },
	[MT_REAL] = { P(REAL), 10, 10, P(REAL), P(REAL), 0, false, "float" },
	[MT_INTEGER_64] = { P(INTEGER_64), 11, 11, P(INTEGER_64),
			    P(INTEGER_64), 64, false, "int64_t" },
	[MT_STRING] = { P(STRING), 12, 12, P(STRING), P(STRING), 0, false,
			"char" },
	[MT_STRING_C] = { P(STRING_C), 12, 12, P(STRING_C), P(STRING_C), 0,
			  false, "char" },
	[MT_REAL_32] = { P(REAL_32), 10, 10, P(REAL_32), P(REAL_32), 32,
			 false, "float" },
	[MT_REAL_64] = { P(REAL_64), 10, 10, P(REAL_64), P(REAL_64), 64,
			 false, "double" },
	[MT_PORT_NAME] = { P(PORT_NAME), 15, 15, P(PORT_NAME), P(PORT_NAME),
			   32, false, "mach_port_name_t" },
	[MT_MOVE_RECEIVE] = { P(MOVE_RECEIVE), 16, 16, P(MOVE_RECEIVE),
			      P(PORT_RECEIVE), 32, true, "mach_port_t" },
	[MT_MOVE_SEND] = { P(MOVE_SEND), 17, 17, P(MOVE_SEND), P(PORT_SEND),
			   32, true, "mach_port_t" },
	[MT_MOVE_SEND_ONCE] = { P(MOVE_SEND_ONCE), 18, 18, P(MOVE_SEND_ONCE),
				P(PORT_SEND_ONCE), 32, true, "mach_port_t" },
	[MT_COPY_SEND] = { P(COPY_SEND), 19, 17, P(COPY_SEND), P(PORT_SEND),
			   32, true, "mach_port_t" },
	[MT_MAKE_SEND] = { P(MAKE_SEND), 20, 17, P(MAKE_SEND), P(PORT_SEND),
			   32, true, "mach_port_t" },
	[MT_MAKE_SEND_ONCE] = { P(MAKE_SEND_ONCE), 21, 18, P(MAKE_SEND_ONCE),
				P(PORT_SEND_ONCE), 32, true, "mach_port_t" },
	[MT_COPY_RECEIVE] = { P(COPY_RECEIVE), 22, 16, P(COPY_RECEIVE),
			      P(PORT_RECEIVE), 32, true, "mach_port_t" },
	[MT_PORT_RECEIVE] = { P(PORT_RECEIVE), M_POLY, 16, P(POLYMORPHIC),
			      P(PORT_RECEIVE), 32, true, "mach_port_t" },
	[MT_PORT_SEND] = { P(PORT_SEND), M_POLY, 17, P(POLYMORPHIC),
			   P(PORT_SEND), 32, true, "mach_port_t" },
	[MT_PORT_SEND_ONCE] = { P(PORT_SEND_ONCE), M_POLY, 18, P(POLYMORPHIC),
				P(PORT_SEND_ONCE), 32, true, "mach_port_t" },
	[MT_POLYMORPHIC] = { P(POLYMORPHIC), M_POLY, M_POLY, P(POLYMORPHIC),
			     P(POLYMORPHIC), 32, true, "mach_port_t" },
};

static const struct types_ipcname poly_name = {
	"polymorphic", M_POLY, M_POLY, P(POLYMORPHIC), P(POLYMORPHIC), 32,
	true, "mach_port_t"
};
#undef P

const struct types_ipcname *types_ipcname(int msgtype)
{
	if (msgtype < 0 || msgtype >= MT_COUNT_)
		return NULL;
	return &ipcnames[msgtype];
}

const char *types_name_text(int name)
{
	switch (name) {
	case M_POLY: return "MACH_MSG_TYPE_POLYMORPHIC";
	case 0: return "0";
	case 15: return "MACH_MSG_TYPE_PORT_NAME";
	case 16: return "MACH_MSG_TYPE_MOVE_RECEIVE";
	case 17: return "MACH_MSG_TYPE_MOVE_SEND";
	case 18: return "MACH_MSG_TYPE_MOVE_SEND_ONCE";
	case 19: return "MACH_MSG_TYPE_COPY_SEND";
	case 20: return "MACH_MSG_TYPE_MAKE_SEND";
	case 21: return "MACH_MSG_TYPE_MAKE_SEND_ONCE";
	case 22: return "MACH_MSG_TYPE_COPY_RECEIVE";
	default: return NULL;
	}
}

/* A port name in the MACH_MSG_TYPE_PORT_ANY sense, or polymorphic. */
static bool name_is_port(int n)
{
	return n == M_POLY || (n >= 16 && n <= 22);
}

/* ------------------------------------------------------------------ */
/* The table                                                            */
/* ------------------------------------------------------------------ */

struct type_entry {
	const char *name;
	struct mig_loc loc;
	struct m_type *type;         /* NULL: its declaration failed */
	bool predefined;             /* redefinition is silent */
	struct type_entry *next;     /* bucket chain */
};

struct types {
	struct arena *a;
	struct diag *d;
	struct type_entry *buckets[NBUCKETS];
	struct m_type *first, *last; /* declared types, in order */
	const struct m_type *count_type, *poly_type, *dealloc_type;
	const struct m_type *byte_type;   /* anonymous byte, for struct {} */
	const struct m_type *char_type;   /* element of c_string */
	bool any_intran;
};

static unsigned hash(const char *s)
{
	unsigned h = 5381;
	while (*s)
		h = h * 33 + (unsigned char)*s++;
	return h % NBUCKETS;
}

static struct type_entry *find_entry(const struct types *t, const char *name)
{
	for (struct type_entry *e = t->buckets[hash(name)]; e; e = e->next)
		if (strcmp(e->name, name) == 0)
			return e;
	return NULL;
}

static struct m_type *new_type(struct types *t)
{
	return arena_alloc(t->a, sizeof(struct m_type));
}

static uint32_t natural_align(uint64_t size)
{
	if (size == 1 || size == 2 || size == 4 || size == 8)
		return (uint32_t)size;
	return size > 8 && size % 8 == 0 ? 8 : 1;
}

/* A scalar data type of `bits` bits with IPC name info n. */
static struct m_type *make_scalar(struct types *t,
				  const struct types_ipcname *n,
				  uint32_t bits)
{
	struct m_type *ty = new_type(t);
	if (!ty)
		return NULL;
	ty->kind = MTK_DATA;
	ty->wire = WIRE_INLINE;
	ty->send_name = n->send;
	ty->recv_name = n->recv;
	ty->send_name_text = n->send_text;
	ty->recv_name_text = n->recv_text;
	ty->elem_bits = bits;
	ty->size = (bits + 7) / 8;
	ty->elem_size = (uint32_t)ty->size;
	ty->number = 1;
	ty->struct_like = true;
	ty->align = natural_align(ty->size);
	ty->user_ctype = ty->server_ctype = ty->trans_ctype = n->ctype;
	ty->elem_ctype = ty->elem_server_ctype = n->ctype;
	ty->anonymous = true;
	return ty;
}

/* A single port type with the given names. */
static struct m_type *make_port(struct types *t, int send, int recv,
				const char *stext, const char *rtext)
{
	struct m_type *ty = new_type(t);
	if (!ty)
		return NULL;
	ty->kind = MTK_PORT;
	ty->wire = WIRE_PORT;
	ty->send_name = send;
	ty->recv_name = recv;
	ty->send_name_text = stext;
	ty->recv_name_text = rtext;
	ty->is_port = true;
	ty->elem_bits = 32;
	ty->elem_size = 4;
	ty->number = 1;
	ty->struct_like = true;
	ty->user_ctype = ty->server_ctype = ty->trans_ctype = "mach_port_t";
	ty->elem_ctype = ty->elem_server_ctype = "mach_port_t";
	ty->anonymous = true;
	return ty;
}

/* Give ty the C name `name` on every side (a declared type). */
static void set_ctypes(struct m_type *ty, const char *name)
{
	ty->user_ctype = ty->server_ctype = ty->trans_ctype = name;
}

static struct m_type *predefine(struct types *t, const char *name,
				int msgtype)
{
	const struct types_ipcname *n = &ipcnames[msgtype];
	struct m_type *ty = make_scalar(t, n, n->bits);
	struct type_entry *e = arena_alloc(t->a, sizeof *e);
	if (!ty || !e)
		return NULL;
	ty->name = name;
	ty->anonymous = false;
	set_ctypes(ty, name);
	e->name = name;
	e->type = ty;
	e->predefined = true;
	unsigned h = hash(name);
	e->next = t->buckets[h];
	t->buckets[h] = e;
	return ty;
}

static const struct m_type *builtin(struct types *t, const char *name,
				    int msgtype)
{
	const struct types_ipcname *n = &ipcnames[msgtype];
	struct m_type *ty = make_scalar(t, n, n->bits);
	if (!ty)
		return NULL;
	ty->name = name;
	ty->anonymous = false;
	set_ctypes(ty, name);
	return ty;
}

struct types *types_new(struct arena *a, struct diag *d)
{
	struct types *t = arena_alloc(a, sizeof *t);
	if (!t)
		return NULL;
	t->a = a;
	t->d = d;
	if (!predefine(t, "char", MT_CHAR) ||
	    !predefine(t, "short", MT_INTEGER_16) ||
	    !predefine(t, "int", MT_INTEGER_32) ||
	    !predefine(t, "intptr_t", MT_INTEGER_64) ||
	    !predefine(t, "uintptr_t", MT_INTEGER_64))
		return NULL;
	t->count_type = builtin(t, "mach_msg_type_number_t", MT_INTEGER_32);
	t->poly_type = builtin(t, "mach_msg_type_name_t", MT_INTEGER_32);
	t->dealloc_type = builtin(t, "boolean_t", MT_BOOLEAN);
	t->byte_type = make_scalar(t, &ipcnames[MT_BYTE], 8);
	t->char_type = builtin(t, "char", MT_CHAR);
	if (!t->count_type || !t->poly_type || !t->dealloc_type ||
	    !t->byte_type || !t->char_type)
		return NULL;
	return t;
}

const struct m_type *types_count_type(const struct types *t)
{
	return t->count_type;
}

const struct m_type *types_poly_type(const struct types *t)
{
	return t->poly_type;
}

const struct m_type *types_dealloc_type(const struct types *t)
{
	return t->dealloc_type;
}

struct m_type *types_list(const struct types *t)
{
	return t->first;
}

bool types_any_intran(const struct types *t)
{
	return t->any_intran;
}

/* ------------------------------------------------------------------ */
/* Lookup with suggestions                                              */
/* ------------------------------------------------------------------ */

/* Levenshtein distance, capped: names longer than 64 bytes never match. */
static int edit_distance(const char *s, const char *u)
{
	size_t n = strlen(s), m = strlen(u);
	if (n > 64 || m > 64)
		return 1000;
	int row[65];
	for (size_t j = 0; j <= m; j++)
		row[j] = (int)j;
	for (size_t i = 1; i <= n; i++) {
		int diag = row[0];
		row[0] = (int)i;
		for (size_t j = 1; j <= m; j++) {
			int up = row[j];
			int best = diag + (s[i - 1] != u[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[m];
}

/* The closest known name within a sensible distance, or NULL. */
static const struct type_entry *suggest(const struct types *t,
					const char *name)
{
	int limit = (int)(strlen(name) + 2) / 3;
	if (limit < 2)
		limit = 2;
	const struct type_entry *best = NULL;
	int bestd = limit + 1;
	for (int b = 0; b < NBUCKETS; b++)
		for (const struct type_entry *e = t->buckets[b]; e;
		     e = e->next) {
			int dist = edit_distance(name, e->name);
			if (dist < bestd || (dist == bestd && best &&
					     strcmp(e->name, best->name) < 0)) {
				bestd = dist;
				best = e;
			}
		}
	return best;
}

const struct m_type *types_lookup(struct types *t,
				  const struct ast_ident *name)
{
	if (!name->text)
		return NULL;
	const struct type_entry *e = find_entry(t, name->text);
	if (e)
		return e->type;          /* NULL: failed, already reported */
	diag_error(t->d, name->loc, "type '%s' is not defined", name->text);
	const struct type_entry *s = suggest(t, name->text);
	if (s)
		diag_note(t->d, s->loc, "did you mean '%s'?", s->name);
	return NULL;
}

/* ------------------------------------------------------------------ */
/* Bound expressions                                                    */
/* ------------------------------------------------------------------ */

static struct mig_loc leftmost(const struct ast_expr *e)
{
	while (e->kind != EXPR_NUM && e->lhs)
		e = e->lhs;
	return e->loc;
}

/* Evaluate e; false after reporting.  *range is set when a result left
   the 64-bit range (reported by the caller as out of range). */
static bool eval(struct diag *d, const struct ast_expr *e, int depth,
		 int64_t *out, bool *range)
{
	if (!e)
		return false;
	if (depth > TYPES_MAX_DEPTH) {
		diag_error(d, e->loc, "expression is too deeply nested");
		return false;
	}
	if (e->kind == EXPR_NUM) {
		*out = e->value;
		return true;
	}
	int64_t l, r;
	if (!eval(d, e->lhs, depth + 1, &l, range) ||
	    !eval(d, e->rhs, depth + 1, &r, range))
		return false;
	bool ovf = false;
	switch (e->kind) {
	case EXPR_ADD: ovf = __builtin_add_overflow(l, r, out); break;
	case EXPR_SUB: ovf = __builtin_sub_overflow(l, r, out); break;
	case EXPR_MUL: ovf = __builtin_mul_overflow(l, r, out); break;
	case EXPR_DIV:
		if (r == 0) {
			diag_error(d, e->loc, "division by zero");
			return false;
		}
		if (l == INT64_MIN && r == -1)
			ovf = true;
		else
			*out = l / r;
		break;
	default:
		return false;
	}
	if (ovf) {
		*range = true;
		*out = 0;
	}
	return true;
}

static bool eval_range(struct diag *d, const struct ast_expr *e,
		       const char *what, int64_t *out)
{
	bool range = false;
	int64_t v = 0;
	if (!eval(d, e, 0, &v, &range))
		return false;
	if (range || v < 1 || v > TYPES_MAX_BOUND) {
		diag_error(d, leftmost(e), "%s must be between 1 and %lld",
			   what, TYPES_MAX_BOUND);
		return false;
	}
	*out = v;
	return true;
}

bool types_eval_bound(struct diag *d, const struct ast_expr *e,
		      int64_t *out)
{
	return eval_range(d, e, "array bound", out);
}

/* ------------------------------------------------------------------ */
/* Constructors                                                         */
/* ------------------------------------------------------------------ */

static const struct m_type *resolve(struct types *t,
				    const struct ast_type *s);

/* n * size, reported when the item would exceed TYPES_MAX_SIZE. */
static bool item_size(struct types *t, struct mig_loc loc, uint64_t n,
		      uint64_t size, uint64_t *out)
{
	if (__builtin_mul_overflow(n, size, out) || *out > TYPES_MAX_SIZE) {
		diag_error(t->d, loc, "type is too large (more than %llu bytes)",
			   (unsigned long long)TYPES_MAX_SIZE);
		return false;
	}
	return true;
}

/* A copy of base with the shape kept and the name cleared. */
static struct m_type *derive(struct types *t, const struct m_type *elem)
{
	struct m_type *ty = new_type(t);
	if (!ty)
		return NULL;
	ty->elem = elem;
	ty->send_name = elem->send_name;
	ty->recv_name = elem->recv_name;
	ty->send_name_text = elem->send_name_text;
	ty->recv_name_text = elem->recv_name_text;
	ty->is_port = elem->is_port;
	ty->elem_bits = elem->elem_bits;
	ty->elem_size = elem->is_port ? 4 : (uint32_t)elem->size;
	ty->elem_ctype = elem->user_ctype;
	ty->elem_server_ctype = elem->server_ctype;
	ty->dealloc = elem->dealloc;
	ty->countinout = elem->countinout;
	ty->align = elem->align;
	ty->anonymous = true;
	return ty;
}

/* A name for a type in messages: its own, or a description. */
static const char *describe(struct types *t, const struct m_type *ty)
{
	if (ty->name)
		return ty->name;
	if (ty->ool && ty->elem)
		return arena_printf(t->a, "^%s", describe(t, ty->elem));
	return ty->user_ctype ? ty->user_ctype : "type";
}

/* Elements of arrays and structs: inline, fixed, not native. */
static bool check_element(struct types *t, const struct ast_type *s,
			  const struct m_type *e)
{
	if (e->ool) {
		diag_error(t->d, s->loc,
			   "arrays of out-of-line regions are not supported");
		return false;
	}
	if (e->variable || e->kind == MTK_NATIVE) {
		diag_error(t->d, s->loc, "type is too complicated");
		return false;
	}
	return true;
}

static const struct m_type *resolve_array(struct types *t,
					  const struct ast_type *s)
{
	const struct m_type *e = resolve(t, s->elem);
	if (!e || !check_element(t, s, e))
		return NULL;
	int64_t n = 0;
	if (s->array_kind != ARRAY_UNBOUNDED &&
	    !types_eval_bound(t->d, s->bound, &n))
		return NULL;
	if (e->is_port && e->kind != MTK_PORT) {
		diag_error(t->d, s->loc, "type is too complicated");
		return NULL;
	}
	struct m_type *ty = derive(t, e);
	if (!ty)
		return NULL;
	switch (s->array_kind) {
	case ARRAY_FIXED:
		ty->kind = MTK_FIXED_ARRAY;
		ty->wire = e->is_port ? WIRE_PORT_ARRAY : WIRE_INLINE;
		ty->number = (uint32_t)n;
		if (!e->is_port &&
		    !item_size(t, s->loc, (uint64_t)n, e->size, &ty->size))
			return NULL;
		break;
	case ARRAY_BOUNDED:
		ty->kind = MTK_BOUNDED_ARRAY;
		ty->wire = e->is_port ? WIRE_PORT_ARRAY : WIRE_INLINE_VAR;
		ty->max_count = (uint32_t)n;
		ty->variable = true;
		if (!e->is_port &&
		    !item_size(t, s->loc, (uint64_t)n, e->size, &ty->size))
			return NULL;
		if (!e->is_port && !e->user_ctype) {
			diag_error(t->d, s->loc, "variable-sized inline arrays "
				   "need a named element type");
			return NULL;
		}
		break;
	case ARRAY_UNBOUNDED:
		ty->kind = MTK_UNBOUNDED_ARRAY;
		ty->wire = e->is_port ? WIRE_OOL_PORTS : WIRE_OOL;
		ty->variable = true;
		ty->ool = true;
		ty->struct_like = true;
		ty->align = 0;
		break;
	}
	return ty;
}

static const struct m_type *resolve_struct(struct types *t,
					   const struct ast_type *s)
{
	const struct m_type *e = resolve(t, s->elem);
	if (!e || !check_element(t, s, e))
		return NULL;
	if (e->is_port) {
		diag_error(t->d, s->loc, "type is too complicated");
		return NULL;
	}
	int64_t n;
	if (!types_eval_bound(t->d, s->bound, &n))
		return NULL;
	struct m_type *ty = derive(t, e);
	if (!ty)
		return NULL;
	ty->kind = MTK_STRUCT;
	ty->wire = WIRE_INLINE;
	ty->number = (uint32_t)n;
	ty->struct_like = true;
	if (!item_size(t, s->loc, (uint64_t)n, e->size, &ty->size))
		return NULL;
	return ty;
}

/* OOL region bytes must fit the descriptor's 32-bit size field. */
static bool ool_fits(struct types *t, struct mig_loc loc, uint64_t n,
		     uint64_t elem_size)
{
	uint64_t bytes;
	if (__builtin_mul_overflow(n, elem_size, &bytes) ||
	    bytes > TYPES_MAX_SIZE) {
		diag_error(t->d, loc, "out-of-line region is too large");
		return false;
	}
	return true;
}

static const struct m_type *resolve_pointer(struct types *t,
					    const struct ast_type *s)
{
	const struct m_type *in = resolve(t, s->elem);
	if (!in)
		return NULL;
	if (in->ool && in->kind != MTK_UNBOUNDED_ARRAY) {
		diag_error(t->d, s->loc, "'%s' is already out of line",
			   describe(t, in));
		return NULL;
	}
	if (in->kind == MTK_NATIVE ||
	    (in->kind == MTK_CSTRING && in->variable)) {
		diag_error(t->d, s->loc, "type is too complicated");
		return NULL;
	}
	bool array = in->kind == MTK_FIXED_ARRAY ||
		     in->kind == MTK_BOUNDED_ARRAY ||
		     in->kind == MTK_UNBOUNDED_ARRAY;
	const struct m_type *e = array ? in->elem : in;
	struct m_type *ty = derive(t, e);
	if (!ty)
		return NULL;
	ty->kind = in->is_port ? MTK_OOL_PORTS : MTK_OOL;
	ty->wire = in->is_port ? WIRE_OOL_PORTS : WIRE_OOL;
	ty->ool = true;
	ty->struct_like = true;
	ty->align = 0;
	ty->dealloc = in->dealloc;
	ty->countinout = in->countinout;
	ty->variable = in->variable;
	ty->max_count = in->max_count;
	ty->number = array ? in->number : 1;
	if (!ty->variable)
		return ool_fits(t, s->loc, ty->number, ty->elem_size) ? ty
								      : NULL;
	return ool_fits(t, s->loc, ty->max_count, ty->elem_size) ? ty : NULL;
}

static const struct m_type *resolve_cstring(struct types *t,
					    const struct ast_type *s)
{
	int64_t n;
	if (!types_eval_bound(t->d, s->bound, &n))
		return NULL;
	struct m_type *ty = derive(t, t->char_type);
	if (!ty)
		return NULL;
	ty->kind = MTK_CSTRING;
	ty->string = true;
	ty->size = (uint64_t)n;
	ty->elem_size = 1;
	ty->align = 1;
	if (s->variable) {
		ty->wire = WIRE_INLINE_STRING;
		ty->variable = true;
		ty->max_count = (uint32_t)n;
	} else {
		ty->wire = WIRE_INLINE;
		ty->number = (uint32_t)n;
	}
	return ty;
}

static const struct m_type *resolve_native(struct types *t,
					   const struct ast_type *s)
{
	struct m_type *ty = new_type(t);
	if (!ty)
		return NULL;
	ty->kind = MTK_NATIVE;
	ty->wire = WIRE_NATIVE;
	ty->native_kind = s->native_kind == NATIVE_VALUEOF ? MN_VALUEOF :
			  s->native_kind == NATIVE_POINTERTOIFNOT ?
			  MN_POINTERTOIFNOT : MN_POINTERTO;
	ty->native_ctype = s->ctext ? s->ctext : "void";
	ty->native_bad = s->badtext;
	ty->number = 1;
	ty->send_name = ty->recv_name = 0;
	ty->send_name_text = ty->recv_name_text = "0";
	set_ctypes(ty, ty->native_ctype);
	ty->anonymous = true;
	return ty;
}

/* Information on one primitive of an IPC type. */
struct prim_info {
	int send, recv;
	const char *stext, *rtext;
	uint32_t bits;
	const char *ctype;
	int msgtype;                 /* -1 for numbers and polymorphic */
};

static void prim_info(struct types *t, const struct ast_prim *p,
		      struct prim_info *pi)
{
	const struct types_ipcname *n = NULL;
	if (p->kind == PRIM_POLY)
		n = &poly_name;
	else if (p->kind == PRIM_MSGTYPE)
		n = types_ipcname(p->msgtype);
	pi->msgtype = p->kind == PRIM_MSGTYPE ? p->msgtype : -1;
	if (n) {
		pi->send = n->send;
		pi->recv = n->recv;
		pi->stext = n->send_text;
		pi->rtext = n->recv_text;
		pi->bits = n->bits;
		pi->ctype = n->ctype;
		return;
	}
	int v = p->value > 255 || p->value < 0 ? 255 : (int)p->value;
	pi->send = pi->recv = v;
	const char *sym = types_name_text(v);
	pi->stext = pi->rtext = sym && v != 0 ? sym :
				arena_printf(t->a, "%d", v);
	pi->bits = 0;
	pi->ctype = name_is_port(v) ? "mach_port_t" : "uint8_t";
}

/* Combine one or two primitives; bits 0 stays 0 (caller decides). */
static bool combine(struct types *t, const struct ast_type *s,
		    struct prim_info *out)
{
	if (s->nprims < 1 || !s->prim[0])
		return false;
	prim_info(t, s->prim[0], out);
	if (s->nprims < 2 || !s->prim[1])
		return true;
	struct prim_info b;
	prim_info(t, s->prim[1], &b);
	if (out->bits && b.bits && out->bits != b.bits) {
		diag_error(t->d, s->loc, "sizes in IPC type pair differ (%u, %u)",
			   out->bits, b.bits);
		return false;
	}
	if (!out->bits)
		out->bits = b.bits;
	out->recv = b.recv;
	out->rtext = b.rtext;
	if (out->msgtype < 0)
		out->msgtype = b.msgtype;
	if (name_is_port(b.recv) && !name_is_port(out->send) &&
	    out->send != 0)
		out->ctype = b.ctype;
	return true;
}

static bool prims_are_port(const struct prim_info *pi)
{
	return name_is_port(pi->send) || name_is_port(pi->recv);
}

static struct m_type *from_prim(struct types *t, const struct prim_info *pi)
{
	if (prims_are_port(pi))
		return make_port(t, pi->send, pi->recv, pi->stext, pi->rtext);
	struct types_ipcname n = { NULL, pi->send, pi->recv, pi->stext,
				   pi->rtext, pi->bits, false, pi->ctype };
	return make_scalar(t, &n, pi->bits);
}

static const struct m_type *resolve_ipc(struct types *t,
					const struct ast_type *s)
{
	struct prim_info pi;
	if (!combine(t, s, &pi))
		return NULL;
	if (pi.bits == 0) {
		diag_error(t->d, s->loc, "'%s' has no size; give one with "
			   "the long form", s->prim[0]->text ?
			   s->prim[0]->text : "type");
		return NULL;
	}
	return from_prim(t, &pi);
}

/* GNU long form (T, bits [, flags]): see section 2.2. */
static const struct m_type *longform_shape(struct types *t,
					   const struct ast_type *s,
					   const struct prim_info *pi,
					   int64_t bits)
{
	int mt = pi->msgtype;
	if (mt == MT_STRING || mt == MT_STRING_C) {
		if (bits % 8) {
			diag_error(t->d, s->loc, "string size in bits must be "
				   "a multiple of 8");
			return NULL;
		}
		struct ast_expr num = { EXPR_NUM, s->loc, bits / 8, 0, 0 };
		struct ast_type cs = *s;
		cs.kind = TS_CSTRING;
		cs.variable = false;
		cs.bound = &num;
		return resolve_cstring(t, &cs);
	}
	if (mt == MT_REAL) {
		if (bits != 32 && bits != 64) {
			diag_error(t->d, s->loc, "MACH_MSG_TYPE_REAL must have "
				   "32 or 64 bits, not %lld", (long long)bits);
			return NULL;
		}
		return make_scalar(t, &ipcnames[bits == 32 ? MT_REAL_32
						       : MT_REAL_64],
				   (uint32_t)bits);
	}
	if (prims_are_port(pi)) {
		if (bits != 32) {
			diag_error(t->d, s->loc, "a port type must have 32 "
				   "bits, not %lld", (long long)bits);
			return NULL;
		}
		return from_prim(t, pi);
	}
	uint32_t unit = pi->bits ? pi->bits : 8;
	if (mt == MT_BIT || mt == MT_UNSTRUCTURED || !pi->bits)
		unit = bits % 8 ? 1 : 8;
	if (bits % unit) {
		diag_error(t->d, s->loc, "size in bits must be a multiple of "
			   "%u", unit);
		return NULL;
	}
	struct prim_info e = *pi;
	e.bits = unit;
	struct m_type *el = from_prim(t, &e);
	if (!el || bits == unit)
		return el;
	struct m_type *ty = derive(t, el);
	if (!ty)
		return NULL;
	ty->kind = MTK_STRUCT;
	ty->wire = WIRE_INLINE;
	ty->number = (uint32_t)(bits / unit);
	ty->struct_like = true;
	ty->size = ((uint64_t)bits + 7) / 8;
	return ty;
}

static const char *flag_name(enum ast_flag_kind k)
{
	static const char *const names[] = {
		[FLAG_SAMECOUNT] = "SameCount", [FLAG_RETCODE] = "RetCode",
		[FLAG_PHYSICALCOPY] = "PhysicalCopy",
		[FLAG_OVERWRITE] = "Overwrite", [FLAG_DEALLOC] = "Dealloc",
		[FLAG_NOTDEALLOC] = "NotDealloc",
		[FLAG_DEALLOC_RUNTIME] = "Dealloc[]",
		[FLAG_COUNTINOUT] = "CountInOut", [FLAG_AUTO] = "Auto",
		[FLAG_CONST] = "Const", [FLAG_ISLONG] = "IsLong",
		[FLAG_ISNOTLONG] = "IsNotLong", [FLAG_SERVERCOPY] = "ServerCopy",
	};
	if ((unsigned)k < sizeof names / sizeof names[0] && names[k])
		return names[k];
	return "flag";
}

/* Long-form flags become defaults of the type (section 2.2). */
static void longform_flags(struct types *t, struct m_type *ty,
			   const struct ast_flag *flags)
{
	unsigned seen = 0;
	for (const struct ast_flag *f = flags; f; f = f->next) {
		unsigned bit = 1u << (f->kind & 31);
		if (seen & bit) {
			diag_warning(t->d, f->loc, "redundant flag '%s' ignored",
				     flag_name(f->kind));
			continue;
		}
		seen |= bit;
		switch (f->kind) {
		case FLAG_DEALLOC: ty->dealloc = MD_TRUE; break;
		case FLAG_NOTDEALLOC: ty->dealloc = MD_FALSE; break;
		case FLAG_DEALLOC_RUNTIME: ty->dealloc = MD_RUNTIME; break;
		case FLAG_COUNTINOUT: ty->countinout = true; break;
		case FLAG_ISLONG: case FLAG_ISNOTLONG: case FLAG_SERVERCOPY:
			diag_warning(t->d, f->loc, "%s ignored",
				     flag_name(f->kind));
			break;
		default:
			diag_warning(t->d, f->loc, "flag '%s' has no effect in a "
				     "type", flag_name(f->kind));
			break;
		}
	}
	if ((seen & (1u << FLAG_DEALLOC)) && (seen & (1u << FLAG_NOTDEALLOC))) {
		diag_warning(t->d, flags->loc, "Dealloc and NotDealloc cancel "
			     "out");
		ty->dealloc = MD_FALSE;
	}
}

static const struct m_type *resolve_longform(struct types *t,
					     const struct ast_type *s)
{
	struct prim_info pi;
	int64_t bits;
	if (!combine(t, s, &pi) ||
	    !eval_range(t->d, s->bound, "size in bits", &bits))
		return NULL;
	const struct m_type *base = longform_shape(t, s, &pi, bits);
	if (!base || !s->flags)
		return base;
	struct m_type *ty = new_type(t);
	if (!ty)
		return NULL;
	*ty = *base;
	longform_flags(t, ty, s->flags);
	return ty;
}

/* A GNU struct member must be fixed-size inline data. */
static bool member_ok(const struct m_type *m)
{
	return m->wire == WIRE_INLINE && !m->is_port && !m->variable &&
	       m->size > 0;
}

static const struct m_type *resolve_cstruct(struct types *t,
					    const struct ast_type *s)
{
	uint64_t off = 0;
	uint32_t align = 1;
	bool ok = true;
	for (const struct ast_member *m = s->members; m; m = m->next) {
		const struct m_type *mt = types_lookup(t, &m->type);
		if (!mt) {
			ok = false;
			continue;
		}
		if (!member_ok(mt)) {
			diag_error(t->d, m->field.loc, "struct member '%s' must "
				   "have a fixed-size inline type",
				   m->field.text);
			ok = false;
			continue;
		}
		uint32_t a = mt->align ? mt->align : 1;
		off = (off + a - 1) / a * a + mt->size;
		if (a > align)
			align = a;
		if (off > TYPES_MAX_SIZE) {
			diag_error(t->d, s->loc, "type is too large");
			return NULL;
		}
	}
	if (!ok)
		return NULL;
	struct m_type *ty = derive(t, t->byte_type);
	if (!ty)
		return NULL;
	ty->kind = MTK_STRUCT;
	ty->wire = WIRE_INLINE;
	ty->size = (off + align - 1) / align * align;
	ty->number = (uint32_t)ty->size;
	ty->align = align;
	ty->struct_like = true;
	return ty;
}

/* The type a spec denotes.  TS_NAME gives the named type itself (not a
   copy): callers copy before changing anything. */
static const struct m_type *resolve(struct types *t, const struct ast_type *s)
{
	if (!s)
		return NULL;
	switch (s->kind) {
	case TS_IPC: return resolve_ipc(t, s);
	case TS_NAME: return types_lookup(t, &s->name);
	case TS_ARRAY: return resolve_array(t, s);
	case TS_STRUCT: return resolve_struct(t, s);
	case TS_POINTER: return resolve_pointer(t, s);
	case TS_CSTRING: return resolve_cstring(t, s);
	case TS_NATIVE: return resolve_native(t, s);
	case TS_LONGFORM: return resolve_longform(t, s);
	case TS_CSTRUCT: return resolve_cstruct(t, s);
	}
	return NULL;
}

const struct m_type *types_resolve_anonymous(struct types *t,
					     const struct ast_type *s)
{
	return resolve(t, s);
}

/* ------------------------------------------------------------------ */
/* Declarations and modifiers                                           */
/* ------------------------------------------------------------------ */

/* Which C names a modifier list set explicitly (Apple's conflict rule:
   only an explicit earlier value conflicts). */
struct mod_state {
	bool user, server, trans;
};

/* Set a C name or function; a different earlier explicit value warns
   and the last one wins.  set: whether *slot was set explicitly (NULL
   for functions, which have no default). */
static void set_name(struct types *t, struct mig_loc loc, const char **slot,
		     bool *set, const char *value, const char *what)
{
	bool earlier = set ? *set : *slot != NULL;
	if (!value)
		return;
	if (earlier && *slot && strcmp(*slot, value) != 0)
		diag_warning(t->d, loc, "conflicting %s (%s, %s)", what, *slot,
			     value);
	*slot = value;
	if (set)
		*set = true;
}

static void apply_mod(struct types *t, struct m_type *ty,
		      const struct ast_mod *m, struct mod_state *st)
{
	const char *type = m->type.text, *func = m->func.text;
	const char *arg = m->arg.text;
	switch (m->kind) {
	case MOD_CTYPE:
		set_name(t, m->loc, &ty->user_ctype, &st->user, type,
			 "user types");
		set_name(t, m->loc, &ty->server_ctype, &st->server, type,
			 "server types");
		break;
	case MOD_CUSERTYPE:
		set_name(t, m->loc, &ty->user_ctype, &st->user, type,
			 "user types");
		break;
	case MOD_CSERVERTYPE:
		set_name(t, m->loc, &ty->server_ctype, &st->server, type,
			 "server types");
		break;
	case MOD_INTRAN:
		set_name(t, m->loc, &ty->trans_ctype, &st->trans, type,
			 "translation types");
		set_name(t, m->loc, &ty->intran, NULL, func,
			 "in-translation functions");
		set_name(t, m->loc, &ty->server_ctype, &st->server, arg,
			 "server types");
		t->any_intran = true;
		break;
	case MOD_INTRANPAYLOAD:
		set_name(t, m->loc, &ty->trans_ctype, &st->trans, type,
			 "translation types");
		ty->intran_payload = func;
		ty->intran_payload_type = type;
		diag_warning(t->d, m->loc, "intranpayload ignored");
		break;
	case MOD_OUTTRAN:
		set_name(t, m->loc, &ty->server_ctype, &st->server, type,
			 "server types");
		set_name(t, m->loc, &ty->outtran, NULL, func,
			 "out-translation functions");
		set_name(t, m->loc, &ty->trans_ctype, &st->trans, arg,
			 "translation types");
		break;
	case MOD_DESTRUCTOR:
		set_name(t, m->loc, &ty->destructor, NULL, func,
			 "destructor functions");
		set_name(t, m->loc, &ty->trans_ctype, &st->trans, arg,
			 "translation types");
		break;
	}
}

/* Apply modifiers; false when a variable array is translated. */
static bool apply_mods(struct types *t, struct m_type *ty,
		       const struct ast_mod *mods)
{
	struct mod_state st = { false, false, false };
	bool ok = true;
	for (const struct ast_mod *m = mods; m; m = m->next) {
		if (!m->type.text && m->kind != MOD_DESTRUCTOR)
			continue;
		if (ty->variable && (m->kind == MOD_INTRAN ||
					m->kind == MOD_OUTTRAN ||
					m->kind == MOD_DESTRUCTOR ||
					m->kind == MOD_INTRANPAYLOAD)) {
			diag_error(t->d, m->loc, "variable-sized arrays cannot "
				   "be translated");
			ok = false;
			continue;
		}
		apply_mod(t, ty, m, &st);
	}
	if (!st.trans)
		ty->trans_ctype = ty->server_ctype;
	return ok;
}

static const char *const builtin_ctypes[] = {
	"char", "signed char", "unsigned char", "short", "unsigned short",
	"short int", "unsigned short int", "int", "unsigned", "unsigned int",
	"signed", "signed int", "long", "unsigned long", "long int",
	"unsigned long int", "long long", "unsigned long long", "float",
	"double", "int8_t", "uint8_t", "int16_t", "uint16_t", "int32_t",
	"uint32_t", "int64_t", "uint64_t", "intptr_t", "uintptr_t",
};

bool types_builtin_ctype(const char *ctype)
{
	if (!ctype)
		return true;
	for (size_t i = 0; i < sizeof builtin_ctypes / sizeof *builtin_ctypes;
	     i++)
		if (strcmp(ctype, builtin_ctypes[i]) == 0)
			return true;
	return false;
}

uint64_t types_value_size(const struct m_type *ty)
{
	if (ty->kind == MTK_PORT)
		return 4;
	if (ty->wire == WIRE_INLINE)
		return ty->size;
	return 0;
}

static void size_asserts(struct m_type *ty)
{
	if (ty->wire != WIRE_INLINE) {
		ty->user_size_assert = ty->server_size_assert = false;
		ty->needs_size_assert = false;
		return;
	}
	ty->user_size_assert = !types_builtin_ctype(ty->user_ctype);
	ty->server_size_assert = !types_builtin_ctype(ty->server_ctype);
	ty->needs_size_assert = ty->user_size_assert || ty->server_size_assert;
}

/* Enter a declared type, replacing an earlier one of the same name. */
static void insert(struct types *t, const struct ast_ident *name,
		   struct m_type *ty)
{
	struct type_entry *e = find_entry(t, name->text);
	if (e && !e->predefined && e->type) {
		diag_warning(t->d, name->loc, "redefinition of type '%s'",
			     name->text);
		diag_note(t->d, e->loc, "previous declaration");
	}
	if (e && e->type) {       /* unlink the old one from the list */
		struct m_type **pp = &t->first;
		t->last = NULL;
		while (*pp) {
			if (*pp == e->type) {
				*pp = (*pp)->next;
				continue;
			}
			t->last = *pp;
			pp = &(*pp)->next;
		}
	}
	if (!e) {
		e = arena_alloc(t->a, sizeof *e);
		if (!e)
			return;
		e->name = name->text;
		unsigned h = hash(name->text);
		e->next = t->buckets[h];
		t->buckets[h] = e;
	}
	e->loc = name->loc;
	e->type = ty;
	e->predefined = false;
	if (!ty)
		return;
	ty->next = NULL;
	if (t->last)
		t->last->next = ty;
	else
		t->first = ty;
	t->last = ty;
}

/*
 * C types Darwin's headers declare as pointers where XNU's .defs send a
 * one-word inline array (default_pager_add_file's vnode: `typedef int
 * *vnode_ptr_t' against `array[1] of int').  Apple's mig lays the message
 * out from the C type, so the field holds the pointer; such a type takes
 * the shape of uintptr_t, the target's pointer, and is copied as a value.
 */
static const char *const pointer_ctypes[] = { "vnode_ptr_t" };

static bool pointer_ctype(const char *ctype)
{
	for (size_t i = 0; i < sizeof pointer_ctypes / sizeof *pointer_ctypes;
	     i++)
		if (ctype && strcmp(ctype, pointer_ctypes[i]) == 0)
			return true;
	return false;
}

static void pointer_shape(const struct types *t, struct m_type *ty)
{
	const struct type_entry *e = find_entry(t, "uintptr_t");

	if (!e || !e->type || ty->wire != WIRE_INLINE || ty->variable ||
	    ty->is_port || ty->kind == MTK_NATIVE ||
	    !(pointer_ctype(ty->user_ctype) || pointer_ctype(ty->server_ctype)))
		return;
	struct m_type keep = *ty;
	*ty = *e->type;
	ty->name = keep.name;
	ty->loc = keep.loc;
	ty->anonymous = keep.anonymous;
	ty->next = keep.next;
	ty->user_ctype = keep.user_ctype;
	ty->server_ctype = keep.server_ctype;
	ty->trans_ctype = keep.trans_ctype;
	ty->intran = keep.intran;
	ty->intran_payload = keep.intran_payload;
	ty->intran_payload_type = keep.intran_payload_type;
	ty->outtran = keep.outtran;
	ty->destructor = keep.destructor;
	ty->c_pointer = true;
}

const struct m_type *types_declare(struct types *t,
				   const struct ast_ident *name,
				   const struct ast_type *spec,
				   const struct ast_mod *mods, bool global)
{
	if (!name->text)
		return NULL;
	const struct m_type *base = resolve(t, spec);
	struct m_type *ty = base ? new_type(t) : NULL;
	if (ty) {
		*ty = *base;
		ty->name = name->text;
		ty->loc = name->loc;
		ty->anonymous = false;
		ty->next = NULL;
		ty->intran = ty->outtran = ty->destructor = NULL;
		ty->intran_payload = ty->intran_payload_type = NULL;
		set_ctypes(ty, ty->kind == MTK_NATIVE ? ty->native_ctype
						      : name->text);
		if (!apply_mods(t, ty, mods)) {
			ty = NULL;
		} else {
			pointer_shape(t, ty);
			size_asserts(ty);
		}
	}
	if (global)
		insert(t, name, ty);
	return ty;
}
