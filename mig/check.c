/*
 * check.c - from syntax tree to checked model (MIG-LANGUAGE.md sections
 * 3, 4.3 and 6.1).
 *
 * One pass over the statements in source order, because several of them
 * are sticky settings read when a routine is declared (section 3.1).
 * Each routine is decoded and validated argument by argument into m_arg
 * records; implicit arguments (xPoly, xCnt, xDealloc) are inserted right
 * after the argument they serve; then layout.c computes the messages.
 * Errors never stop the pass: a routine with an error is kept (so later
 * duplicates are still found) but gets no layout, and check_file()
 * returns NULL at the end.
 */
#include <stdint.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "layout.h"
#include "model.h"
#include "options.h"
#include "types.h"

/* Slots (routines and skips) a subsystem may have.  Far above any real
   interface; it keeps a `skip 2000000000;` from allocating gigabytes. */
#define CHECK_MAX_SLOTS 65536
#define CHECK_MAX_ID 2147483647LL
#define NAME_BUCKETS 512

struct name_node {                /* routine names, for duplicates */
	const char *name;
	struct mig_loc loc;
	struct name_node *next;
};

struct checker {
	struct arena *a;
	struct diag *d;
	const struct mig_options *opt;
	struct types *types;

	/* subsystem */
	bool have_subsystem;
	const char *name;
	struct mig_loc loc, base_loc;
	int64_t base;
	bool kernel_user, kernel_server;
	const char *demux;
	const char *rcsid;
	struct m_import *imports, *last_import;

	/* sticky settings (section 3.1) */
	const char *user_prefix, *server_prefix;
	const char *wait_time, *send_time, *msg_option;
	enum m_consume consume;
	bool special_reply_port;

	/* slots */
	struct m_routine *routines;
	int nroutines, cap;
	int64_t count;                /* may exceed CHECK_MAX_SLOTS */
	struct name_node *names[NAME_BUCKETS];
};

/* The routine being checked. */
struct rcheck {
	struct checker *c;
	struct m_routine *r;
	const struct ast_routine *ast;
	bool bad;
	struct m_arg *request_port, *reply_port;
};

static const char *strcat3(struct checker *c, const char *a, const char *b,
			   const char *d)
{
	return arena_printf(c->a, "%s%s%s", a ? a : "", b ? b : "",
			    d ? d : "");
}

/* ------------------------------------------------------------------ */
/* Slots and names                                                      */
/* ------------------------------------------------------------------ */

static unsigned name_hash(const char *s)
{
	unsigned h = 5381;
	while (*s)
		h = h * 33 + (unsigned char)*s++;
	return h % NAME_BUCKETS;
}

/* Record a routine name; false (and a diagnostic) if already there. */
static bool declare_routine_name(struct checker *c,
				 const struct ast_ident *id)
{
	unsigned h = name_hash(id->text);
	for (struct name_node *n = c->names[h]; n; n = n->next)
		if (strcmp(n->name, id->text) == 0) {
			diag_error(c->d, id->loc, "routine '%s' is already "
				   "declared", id->text);
			diag_note(c->d, n->loc, "previous declaration");
			return false;
		}
	struct name_node *n = arena_alloc(c->a, sizeof *n);
	if (!n)
		return true;
	n->name = id->text;
	n->loc = id->loc;
	n->next = c->names[h];
	c->names[h] = n;
	return true;
}

/* The next slot, or NULL past CHECK_MAX_SLOTS (still counted). */
static struct m_routine *new_slot(struct checker *c)
{
	int64_t number = c->count++;
	if (number >= CHECK_MAX_SLOTS)
		return NULL;
	if (c->nroutines == c->cap) {
		int cap = c->cap ? c->cap * 2 : 64;
		struct m_routine *r = arena_alloc(c->a, sizeof *r * (size_t)cap);
		if (!r)
			return NULL;
		if (c->nroutines)
			memcpy(r, c->routines, sizeof *r * (size_t)c->nroutines);
		c->routines = r;
		c->cap = cap;
	}
	struct m_routine *r = &c->routines[c->nroutines++];
	memset(r, 0, sizeof *r);
	r->number = (int)number;
	return r;
}

static void check_skip(struct checker *c, const struct ast_stmt *s)
{
	int64_t n = s->u.skip.count;
	if (n <= 0) {
		diag_warning(c->d, s->u.skip.counted ? s->u.skip.count_loc
						     : s->loc,
			     "'skip 0' has no effect");
		return;
	}
	for (int64_t i = 0; i < n; i++) {
		if (c->count >= CHECK_MAX_SLOTS) {
			c->count += n - i;     /* counted, not stored */
			return;
		}
		struct m_routine *r = new_slot(c);
		if (!r)
			return;
		r->skip = true;
		r->loc = s->loc;
	}
}

/* ------------------------------------------------------------------ */
/* Arguments: kinds                                                     */
/* ------------------------------------------------------------------ */

static const char *kind_word(enum m_arg_kind k)
{
	switch (k) {
	case MA_WAITTIME: return "WaitTime";
	case MA_SENDTIME: return "SendTime";
	case MA_MSGOPTION: return "MsgOption";
	case MA_MSGSEQNO: return "MsgSeqno";
	case MA_SECTOKEN: return "SecToken";
	case MA_SERVERSECTOKEN: return "ServerSecToken";
	case MA_USERSECTOKEN: return "UserSecToken";
	case MA_AUDITTOKEN: return "AuditToken";
	case MA_SERVERAUDITTOKEN: return "ServerAuditToken";
	case MA_USERAUDITTOKEN: return "UserAuditToken";
	case MA_SERVERCONTEXTTOKEN: return "ServerContextToken";
	default: return "argument";
	}
}

static enum m_arg_kind map_kind(enum ast_arg_kind k)
{
	switch (k) {
	case ARG_IN: return MA_IN;
	case ARG_OUT: return MA_OUT;
	case ARG_INOUT: return MA_INOUT;
	case ARG_REQUESTPORT: return MA_REQUESTPORT;
	case ARG_REPLYPORT: return MA_REPLYPORT;
	case ARG_SREPLYPORT: return MA_SREPLYPORT;
	case ARG_UREPLYPORT: return MA_UREPLYPORT;
	case ARG_WAITTIME: return MA_WAITTIME;
	case ARG_SENDTIME: return MA_SENDTIME;
	case ARG_MSGOPTION: return MA_MSGOPTION;
	case ARG_MSGSEQNO: return MA_MSGSEQNO;
	case ARG_SECTOKEN: return MA_SECTOKEN;
	case ARG_SERVERSECTOKEN: return MA_SERVERSECTOKEN;
	case ARG_USERSECTOKEN: return MA_USERSECTOKEN;
	case ARG_AUDITTOKEN: return MA_AUDITTOKEN;
	case ARG_SERVERAUDITTOKEN: return MA_SERVERAUDITTOKEN;
	case ARG_USERAUDITTOKEN: return MA_USERAUDITTOKEN;
	case ARG_SERVERCONTEXTTOKEN: return MA_SERVERCONTEXTTOKEN;
	default: return MA_IN;
	}
}

/* Trailer facts of section 3.8. */
struct trailer_info {
	enum m_trailer_elem elem;
	uint64_t size;               /* required type size */
	bool user, server;
};

static bool trailer_info(enum m_arg_kind k, struct trailer_info *ti)
{
	static const struct {
		enum m_arg_kind kind;
		struct trailer_info info;
	} table[] = {
		{ MA_MSGSEQNO, { TE_SEQNO, 4, false, true } },
		{ MA_SECTOKEN, { TE_SENDER, 8, true, true } },
		{ MA_SERVERSECTOKEN, { TE_SENDER, 8, false, true } },
		{ MA_USERSECTOKEN, { TE_SENDER, 8, true, false } },
		{ MA_AUDITTOKEN, { TE_AUDIT, 32, true, true } },
		{ MA_SERVERAUDITTOKEN, { TE_AUDIT, 32, false, true } },
		{ MA_USERAUDITTOKEN, { TE_AUDIT, 32, true, false } },
		{ MA_SERVERCONTEXTTOKEN, { TE_CTX, 8, false, true } },
	};
	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
		if (table[i].kind == k) {
			*ti = table[i].info;
			return true;
		}
	return false;
}

static const char *type_label(const struct m_type *ty)
{
	if (ty->name)
		return ty->name;
	return ty->user_ctype ? ty->user_ctype : "type";
}

/* Trailer argument: type size and which side reads it. */
static void check_trailer_arg(struct rcheck *rc, struct m_arg *arg,
			      const struct ast_arg *aa)
{
	struct trailer_info ti;
	if (!trailer_info(arg->kind, &ti))
		return;
	arg->trailer_elem = ti.elem;
	arg->trailer_user = ti.user;
	arg->trailer_server = ti.server;
	arg->user_param = ti.user;
	arg->server_param = ti.server;
	arg->user_by_pointer = ti.user;
	arg->server_by_pointer = ti.user && ti.server;
	uint64_t size = types_value_size(arg->type);
	if (size != ti.size) {
		diag_error(rc->c->d, aa->name.loc, "%s argument '%s' must be a "
			   "%llu-byte type, '%s' is %llu", kind_word(arg->kind),
			   arg->name, (unsigned long long)ti.size,
			   type_label(arg->type), (unsigned long long)size);
		rc->bad = true;
	}
	const char *mode = NULL;
	if (ti.server && rc->c->kernel_server)
		mode = "KernelServer";
	else if (ti.user && rc->c->kernel_user)
		mode = "KernelUser";
	if (mode) {
		diag_error(rc->c->d, aa->name.loc, "%s argument '%s' would be "
			   "read on the kernel side of a %s subsystem",
			   kind_word(arg->kind), arg->name, mode);
		rc->bad = true;
	}
	if (ti.user && ti.elem > rc->r->user_trailer)
		rc->r->user_trailer = ti.elem;
	if (ti.server && ti.elem > rc->r->server_trailer)
		rc->r->server_trailer = ti.elem;
}

/* WaitTime, SendTime, MsgOption: one each, a 32-bit integer type. */
static void check_option_arg(struct rcheck *rc, struct m_arg *arg,
			     const struct ast_arg *aa)
{
	struct m_arg **slot = arg->kind == MA_WAITTIME ? &rc->r->waittime_arg :
			      arg->kind == MA_SENDTIME ? &rc->r->sendtime_arg :
			      &rc->r->msgoption_arg;
	const struct m_type *ty = arg->type;
	if (*slot) {
		diag_error(rc->c->d, aa->name.loc, "routine '%s' has more than "
			   "one %s argument", rc->r->name,
			   kind_word(arg->kind));
		rc->bad = true;
	} else {
		*slot = arg;
	}
	if (ty->kind != MTK_DATA || ty->size != 4) {
		diag_error(rc->c->d, aa->name.loc, "%s argument '%s' must be a "
			   "32-bit integer type", kind_word(arg->kind),
			   arg->name);
		rc->bad = true;
	}
	arg->user_param = true;
}

/* ------------------------------------------------------------------ */
/* Arguments: flags                                                     */
/* ------------------------------------------------------------------ */

static const char *flag_word(enum ast_flag_kind k)
{
	switch (k) {
	case FLAG_SAMECOUNT: return "SameCount";
	case FLAG_RETCODE: return "RetCode";
	case FLAG_PHYSICALCOPY: return "PhysicalCopy";
	case FLAG_OVERWRITE: return "Overwrite";
	case FLAG_DEALLOC: return "Dealloc";
	case FLAG_NOTDEALLOC: return "NotDealloc";
	case FLAG_DEALLOC_RUNTIME: return "Dealloc[]";
	case FLAG_COUNTINOUT: return "CountInOut";
	case FLAG_AUTO: return "Auto";
	case FLAG_CONST: return "Const";
	case FLAG_ISLONG: return "IsLong";
	case FLAG_ISNOTLONG: return "IsNotLong";
	case FLAG_SERVERCOPY: return "ServerCopy";
	}
	return "flag";
}

static bool is_ool(const struct m_type *ty)
{
	return ty->wire == WIRE_OOL || ty->wire == WIRE_OOL_PORTS;
}

static bool has_count(const struct m_type *ty)
{
	return ty->variable && ty->wire != WIRE_INLINE_STRING;
}

/* Passed as an array or pointer in C: Const makes sense. */
static bool constable(const struct m_type *ty)
{
	if (ty->kind == MTK_NATIVE)
		return ty->native_kind != MN_VALUEOF;
	return ty->kind == MTK_FIXED_ARRAY || ty->kind == MTK_BOUNDED_ARRAY ||
	       ty->kind == MTK_UNBOUNDED_ARRAY || ty->kind == MTK_CSTRING ||
	       ty->kind == MTK_OOL || ty->kind == MTK_OOL_PORTS;
}

static void ignored(struct rcheck *rc, const struct ast_flag *f,
		    const struct m_arg *arg)
{
	diag_warning(rc->c->d, f->loc, "%s ignored on argument '%s'",
		     flag_word(f->kind), arg->name);
}

/* Overwrite: out OOL data, never in a kernel subsystem (3.6, 3.9). */
static void flag_overwrite(struct rcheck *rc, const struct ast_flag *f,
			   struct m_arg *arg)
{
	struct checker *c = rc->c;
	if (arg->kind != MA_OUT || arg->type->wire != WIRE_OOL) {
		diag_error(c->d, f->loc, "Overwrite is only allowed on "
			   "out-of-line out data");
		rc->bad = true;
	} else if (c->kernel_user || c->kernel_server) {
		diag_error(c->d, f->loc, "Overwrite is not allowed in a %s "
			   "subsystem", c->kernel_user ? "KernelUser"
						       : "KernelServer");
		rc->bad = true;
	} else {
		arg->flags |= AF_OVERWRITE;
	}
}

static void flag_one(struct rcheck *rc, const struct ast_flag *f,
		     struct m_arg *arg)
{
	const struct m_type *ty = arg->type;
	bool in = arg->kind == MA_IN || arg->kind == MA_INOUT;
	switch (f->kind) {
	case FLAG_SAMECOUNT:
		if (has_count(ty))
			arg->flags |= AF_SAMECOUNT;
		else
			ignored(rc, f, arg);
		break;
	case FLAG_RETCODE:
		if (!rc->r->simple) {
			diag_error(rc->c->d, f->loc, "RetCode is only allowed in "
				   "a simpleroutine");
			rc->bad = true;
		} else {
			arg->flags |= AF_RETCODE;
		}
		break;
	case FLAG_PHYSICALCOPY:
		if (ty->wire == WIRE_OOL) {
			arg->flags |= AF_PHYSICALCOPY;
			arg->physical_copy = true;
		} else {
			ignored(rc, f, arg);
		}
		break;
	case FLAG_OVERWRITE:
		flag_overwrite(rc, f, arg);
		break;
	case FLAG_DEALLOC:
	case FLAG_NOTDEALLOC:
	case FLAG_DEALLOC_RUNTIME:
		break;            /* see flag_dealloc */
	case FLAG_COUNTINOUT:
		if (arg->kind == MA_OUT && has_count(ty) && !ty->ool)
			arg->flags |= AF_COUNTINOUT;
		else
			ignored(rc, f, arg);
		break;
	case FLAG_AUTO:
		if (in && is_ool(ty))
			arg->flags |= AF_AUTO;
		else
			ignored(rc, f, arg);
		break;
	case FLAG_CONST:
		if (in && constable(ty))
			arg->flags |= AF_CONST;
		else
			ignored(rc, f, arg);
		break;
	case FLAG_ISLONG:
	case FLAG_ISNOTLONG:
	case FLAG_SERVERCOPY:
		diag_warning(rc->c->d, f->loc, "%s ignored", flag_word(f->kind));
		break;
	}
}

/* Dealloc, NotDealloc, Dealloc[] against the type default. */
static void flag_dealloc(struct rcheck *rc, const struct ast_flag *flags,
			 struct m_arg *arg)
{
	const struct ast_flag *dealloc = NULL, *notdealloc = NULL,
			      *runtime = NULL;
	for (const struct ast_flag *f = flags; f; f = f->next) {
		if (f->kind == FLAG_DEALLOC)
			dealloc = f;
		else if (f->kind == FLAG_NOTDEALLOC)
			notdealloc = f;
		else if (f->kind == FLAG_DEALLOC_RUNTIME)
			runtime = f;
	}
	const struct m_type *ty = arg->type;
	bool ool = is_ool(ty);
	enum m_dealloc mode = ool ? ty->dealloc : MD_FALSE;
	const struct ast_flag *any = runtime ? runtime : dealloc ? dealloc
								   : notdealloc;
	if (!any) {
		arg->dealloc_mode = mode;
		return;
	}
	if (!ool) {
		if (dealloc || runtime)
			diag_warning(rc->c->d, any->loc, "Dealloc on argument "
				     "'%s' ignored: it is not out of line",
				     arg->name);
		arg->dealloc_mode = MD_FALSE;
		return;
	}
	if (runtime && (dealloc || notdealloc))
		diag_warning(rc->c->d, runtime->loc, "Dealloc and NotDealloc "
			     "ignored with Dealloc[]");
	if (runtime) {
		mode = MD_RUNTIME;
	} else if (dealloc && notdealloc) {
		diag_warning(rc->c->d, notdealloc->loc, "Dealloc and NotDealloc "
			     "cancel out");
	} else {
		enum m_dealloc want = dealloc ? MD_TRUE : MD_FALSE;
		if (want == mode)
			diag_warning(rc->c->d, any->loc, "redundant flag '%s' "
				     "ignored", flag_word(any->kind));
		mode = want;
	}
	arg->dealloc_mode = mode;
	if (mode == MD_TRUE)
		arg->flags |= AF_DEALLOC;
	if (mode == MD_RUNTIME)
		arg->flags |= AF_DEALLOC_RT;
}

static void check_flags(struct rcheck *rc, const struct ast_flag *flags,
			struct m_arg *arg)
{
	unsigned seen = 0;
	for (const struct ast_flag *f = flags; f; f = f->next) {
		unsigned bit = 1u << ((unsigned)f->kind & 31);
		if (seen & bit) {
			diag_warning(rc->c->d, f->loc, "redundant flag '%s' "
				     "ignored", flag_word(f->kind));
			continue;
		}
		seen |= bit;
		flag_one(rc, f, arg);
	}
	flag_dealloc(rc, flags, arg);
	const struct m_type *ty = arg->type;
	if (ty->countinout && arg->kind == MA_OUT && has_count(ty) && !ty->ool)
		arg->flags |= AF_COUNTINOUT;
	/* array[] in arguments: the server stub frees the region (3.4) */
	if (ty->kind == MTK_UNBOUNDED_ARRAY &&
	    (arg->kind == MA_IN || arg->kind == MA_INOUT))
		arg->flags |= AF_AUTO;
}

/* ------------------------------------------------------------------ */
/* Arguments: who sees what                                             */
/* ------------------------------------------------------------------ */

static bool native_pointer(const struct m_type *ty)
{
	return ty->kind == MTK_NATIVE && ty->native_kind != MN_VALUEOF;
}

static void set_direction(struct m_arg *arg)
{
	const struct m_type *ty = arg->type;
	bool ptr = ty->kind == MTK_NATIVE ? native_pointer(ty)
					  : ty->struct_like;
	switch (arg->kind) {
	case MA_REQUESTPORT:
	case MA_REPLYPORT:
		arg->user_param = arg->server_param = true;
		break;
	case MA_UREPLYPORT:
		arg->user_param = true;
		break;
	case MA_SREPLYPORT:
		arg->server_param = true;
		break;
	case MA_IN:
		arg->in_request = true;
		arg->user_param = arg->server_param = true;
		arg->user_by_pointer = arg->server_by_pointer =
			native_pointer(ty);
		break;
	case MA_OUT:
	case MA_INOUT:
		arg->in_request = arg->kind == MA_INOUT;
		arg->in_reply = true;
		arg->user_param = arg->server_param = true;
		arg->user_by_pointer = arg->server_by_pointer = ptr;
		break;
	default:
		break;
	}
	if (arg->flags & AF_CONST)
		arg->user_const = arg->server_const = true;
}

/* Which sides choose or learn a polymorphic name (section 3.6). */
static void set_poly(struct m_arg *arg)
{
	const struct m_type *ty = arg->type;
	if (!ty->is_port)
		return;
	bool sp = ty->send_name == M_POLY, rp = ty->recv_name == M_POLY;
	switch (arg->kind) {
	case MA_REQUESTPORT:
	case MA_UREPLYPORT:
		arg->poly_send_user = sp;
		break;
	case MA_REPLYPORT:
		arg->poly_send_user = sp;
		arg->poly_recv_server = rp;
		break;
	case MA_SREPLYPORT:
		arg->poly_recv_server = rp;
		break;
	case MA_IN:
	case MA_OUT:
	case MA_INOUT:
		if (arg->in_request) {
			arg->poly_send_user |= sp;
			arg->poly_recv_server |= rp;
		}
		if (arg->in_reply) {
			arg->poly_send_server |= sp;
			arg->poly_recv_user |= rp;
		}
		break;
	default:
		break;
	}
}

/* Append an implicit argument serving args[parent]. */
static struct m_arg *add_implicit(struct rcheck *rc, struct m_arg *parent,
				  enum m_arg_kind kind, const char *suffix,
				  const struct m_type *ty)
{
	struct m_routine *r = rc->r;
	struct m_arg *x = &r->args[r->nargs];
	x->name = arena_printf(rc->c->a, "%s%s", parent->name, suffix);
	x->loc = parent->loc;
	x->kind = kind;
	x->type = ty;
	x->implicit = true;
	x->parent = parent;
	x->index = r->nargs++;
	return x;
}

static void add_poly(struct rcheck *rc, struct m_arg *arg)
{
	if (!arg->poly_send_user && !arg->poly_recv_user &&
	    !arg->poly_send_server && !arg->poly_recv_server)
		return;
	struct m_arg *x = add_implicit(rc, arg, MA_POLY, "Poly",
				       types_poly_type(rc->c->types));
	x->user_param = arg->poly_send_user || arg->poly_recv_user;
	x->user_by_pointer = arg->poly_recv_user;
	x->server_param = arg->poly_send_server || arg->poly_recv_server;
	x->server_by_pointer = arg->poly_send_server;
	arg->poly = x;
}

/* The count of the nearest earlier argument with one (SameCount). */
static struct m_arg *earlier_count(struct rcheck *rc, const struct m_arg *arg)
{
	for (int i = arg->index - 1; i >= 0; i--) {
		struct m_arg *p = &rc->r->args[i];
		if (!p->implicit && p->count)
			return p->count;
	}
	return NULL;
}

static void add_count(struct rcheck *rc, struct m_arg *arg,
		      const struct ast_arg *aa)
{
	if (!has_count(arg->type))
		return;
	if (arg->flags & AF_SAMECOUNT) {
		struct m_arg *shared = earlier_count(rc, arg);
		if (!shared || shared->parent->in_request != arg->in_request ||
		    shared->parent->in_reply != arg->in_reply) {
			diag_error(rc->c->d, aa->name.loc, "SameCount argument "
				   "'%s' needs an earlier variable-sized "
				   "argument of the same direction", arg->name);
			rc->bad = true;
			arg->flags &= ~(unsigned)AF_SAMECOUNT;
		} else {
			arg->count = shared;
			arg->count_shared = true;
			return;
		}
	}
	struct m_arg *x = add_implicit(rc, arg, MA_COUNT, "Cnt",
				       types_count_type(rc->c->types));
	x->in_request = arg->in_request || (arg->flags & AF_COUNTINOUT);
	x->in_reply = arg->in_reply;
	x->user_param = arg->user_param;
	x->server_param = arg->server_param;
	x->user_by_pointer = x->server_by_pointer = arg->in_reply;
	x->flags = arg->flags & AF_COUNTINOUT;
	arg->count = x;
}

static void add_dealloc(struct rcheck *rc, struct m_arg *arg)
{
	if (arg->dealloc_mode != MD_RUNTIME)
		return;
	struct m_arg *x = add_implicit(rc, arg, MA_DEALLOC, "Dealloc",
				       types_dealloc_type(rc->c->types));
	x->user_param = arg->in_request;
	x->server_param = arg->in_reply;
	x->server_by_pointer = arg->in_reply;
	arg->dealloc = x;
}

/* ------------------------------------------------------------------ */
/* Arguments: one at a time                                             */
/* ------------------------------------------------------------------ */

static const struct m_type *arg_type(struct rcheck *rc,
				     const struct ast_arg *aa)
{
	struct types *t = rc->c->types;
	if (!aa->type)
		return NULL;
	if (aa->decl_name.text)
		return types_declare(t, &aa->decl_name, aa->type, aa->mods,
				     false);
	if (aa->type->kind == TS_NAME)
		return types_lookup(t, &aa->type->name);
	return types_resolve_anonymous(t, aa->type);
}

/* The argument kind, with the request-port default of section 3.5. */
static bool decide_kind(struct rcheck *rc, const struct ast_arg *aa,
			const struct m_type *ty, enum m_arg_kind *out)
{
	struct checker *c = rc->c;
	if (aa->kind == ARG_SERVERIMPL || aa->kind == ARG_USERIMPL) {
		diag_error(c->d, aa->kind_loc, "ServerImpl/UserImpl arguments "
			   "are not supported");
		return false;
	}
	if (ty && ty->kind == MTK_NATIVE && aa->kind == ARG_NONE) {
		diag_error(c->d, aa->name.loc, "argument '%s' of a native type "
			   "needs an explicit in, out or inout",
			   aa->name.text);
		return false;
	}
	if (aa->kind == ARG_NONE)
		*out = rc->request_port ? MA_IN : MA_REQUESTPORT;
	else
		*out = map_kind(aa->kind);
	return true;
}

static void check_native(struct rcheck *rc, const struct m_arg *arg,
			 const struct ast_arg *aa)
{
	const struct m_type *ty = arg->type;
	if (ty->kind != MTK_NATIVE || ty->native_kind == MN_POINTERTO ||
	    arg->kind == MA_IN)
		return;
	diag_error(rc->c->d, aa->name.loc, "%s argument '%s' can only be in",
		   ty->native_kind == MN_VALUEOF ? "ValueOf" : "PointerToIfNot",
		   arg->name);
	rc->bad = true;
}

static void check_ports(struct rcheck *rc, struct m_arg *arg,
			const struct ast_arg *aa)
{
	struct checker *c = rc->c;
	const struct m_type *ty = arg->type;
	int recv = ty->recv_name;
	bool single = ty->kind == MTK_PORT;
	if (arg->kind == MA_REQUESTPORT) {
		if (rc->request_port) {
			diag_error(c->d, aa->name.loc, "routine '%s' has more "
				   "than one request port argument",
				   rc->r->name);
			rc->bad = true;
			return;
		}
		rc->request_port = arg;
		if (!single || (recv != 17 && recv != 18 && recv != M_POLY) ||
		    ty->dealloc != MD_FALSE) {
			diag_error(c->d, aa->name.loc, "argument '%s' is not a "
				   "proper request port", arg->name);
			rc->bad = true;
		}
		return;
	}
	if (arg->kind != MA_REPLYPORT && arg->kind != MA_SREPLYPORT &&
	    arg->kind != MA_UREPLYPORT)
		return;
	if (rc->reply_port) {
		diag_error(c->d, aa->name.loc, "routine '%s' has more than one "
			   "reply port argument", rc->r->name);
		rc->bad = true;
		return;
	}
	rc->reply_port = arg;
	if (!single || (recv != 17 && recv != 18 && recv != M_POLY &&
			recv != 0)) {
		diag_error(c->d, aa->name.loc, "argument '%s' is not a proper "
			   "reply port", arg->name);
		rc->bad = true;
	}
}

static void check_direction(struct rcheck *rc, struct m_arg *arg,
			    const struct ast_arg *aa)
{
	struct checker *c = rc->c;
	const struct m_type *ty = arg->type;
	if (rc->r->simple && (arg->kind == MA_OUT || arg->kind == MA_INOUT)) {
		diag_error(c->d, aa->name.loc, "simpleroutine '%s' has an out "
			   "argument '%s'", rc->r->name, arg->name);
		rc->bad = true;
	}
	if (arg->kind == MA_INOUT && (ty->wire == WIRE_INLINE_VAR ||
				      ty->wire == WIRE_INLINE_STRING)) {
		diag_error(c->d, aa->name.loc, "inline variable-sized argument "
			   "'%s' cannot be InOut", arg->name);
		rc->bad = true;
	}
}

/* Translation functions needed by the directions used (3.3). */
static void check_translation(struct rcheck *rc, const struct m_arg *arg,
			      const struct ast_arg *aa)
{
	const struct m_type *ty = arg->type;
	if (!ty->trans_ctype || !ty->server_ctype ||
	    strcmp(ty->trans_ctype, ty->server_ctype) == 0)
		return;
	bool in = arg->in_request || arg->kind == MA_REQUESTPORT ||
		  arg->kind == MA_REPLYPORT || arg->kind == MA_SREPLYPORT;
	if (in && !ty->intran)
		diag_warning(rc->c->d, aa->name.loc, "argument '%s' has no "
			     "in-translation function", arg->name);
	if (arg->in_reply && !ty->outtran)
		diag_warning(rc->c->d, aa->name.loc, "argument '%s' has no "
			     "out-translation function", arg->name);
}

static void check_arg(struct rcheck *rc, const struct ast_arg *aa)
{
	struct m_routine *r = rc->r;
	const struct m_type *ty = arg_type(rc, aa);
	enum m_arg_kind kind;
	if (!decide_kind(rc, aa, ty, &kind)) {
		rc->bad = true;
		return;
	}
	struct m_arg *arg = &r->args[r->nargs];
	arg->name = aa->name.text;
	arg->loc = aa->name.loc;
	arg->kind = kind;
	arg->type = ty;
	arg->index = r->nargs++;
	if (!ty) {
		rc->bad = true;
		if (kind == MA_REQUESTPORT)
			rc->request_port = arg;
		return;
	}
	check_native(rc, arg, aa);
	check_ports(rc, arg, aa);
	check_direction(rc, arg, aa);
	check_flags(rc, aa->flags, arg);
	set_direction(arg);
	if (kind == MA_WAITTIME || kind == MA_SENDTIME || kind == MA_MSGOPTION)
		check_option_arg(rc, arg, aa);
	check_trailer_arg(rc, arg, aa);
	check_translation(rc, arg, aa);
	set_poly(arg);
	add_poly(rc, arg);
	add_count(rc, arg, aa);
	add_dealloc(rc, arg);
}

/* ------------------------------------------------------------------ */
/* Routines                                                             */
/* ------------------------------------------------------------------ */

/* RetCode (3.6): one 32-bit in scalar; takes no room when the request
   is complex. */
static void check_retcode(struct rcheck *rc)
{
	struct m_routine *r = rc->r;
	bool complex = false;
	for (int i = 0; i < r->nargs; i++) {
		const struct m_arg *a = &r->args[i];
		if (!a->implicit && a->type && a->in_request &&
		    (a->type->wire == WIRE_PORT ||
		     a->type->wire == WIRE_PORT_ARRAY || is_ool(a->type)))
			complex = true;
	}
	struct m_arg *found = NULL;
	for (int i = 0; i < r->nargs; i++) {
		struct m_arg *a = &r->args[i];
		if (!(a->flags & AF_RETCODE))
			continue;
		if (found || a->kind != MA_IN || a->type->kind != MTK_DATA ||
		    a->type->size != 4) {
			diag_error(rc->c->d, a->loc, "RetCode argument '%s' must "
				   "be the only one and an in 32-bit integer",
				   a->name);
			rc->bad = true;
			continue;
		}
		found = a;
	}
	if (found && complex) {
		r->retcode_arg = found;
		found->in_request = false;
	}
}

/* C parameter names must be unique, implicit ones included. */
static void check_duplicates(struct rcheck *rc)
{
	struct m_routine *r = rc->r;
	for (int i = 1; i < r->nargs; i++)
		for (int j = 0; j < i; j++) {
			const struct m_arg *a = &r->args[i], *b = &r->args[j];
			if (strcmp(a->name, b->name) != 0)
				continue;
			const struct m_arg *shown = a->implicit ? b : a;
			const struct m_arg *other = a->implicit ? a : b;
			diag_error(rc->c->d, shown->loc, "argument '%s' is "
				   "already declared", shown->name);
			if (!other->implicit)
				diag_note(rc->c->d, other->loc,
					  "previous declaration");
			else
				diag_note(rc->c->d, other->parent->loc,
					  "implicit argument of '%s'",
					  other->parent->name);
			rc->bad = true;
			break;
		}
}

static void routine_options(struct rcheck *rc)
{
	struct checker *c = rc->c;
	struct m_routine *r = rc->r;
	r->wait_time = r->waittime_arg ? NULL : c->wait_time;
	r->send_time = r->sendtime_arg ? NULL : c->send_time;
	r->msg_option = r->msgoption_arg ? NULL : c->msg_option;
	r->consume = c->consume;
	r->special_reply_port = c->special_reply_port;
	bool timeout = r->wait_time || r->send_time || r->waittime_arg ||
		       r->sendtime_arg;
	if (timeout && r->consume == CONSUME_NONE)
		diag_warning(c->d, r->loc, "routine '%s' has a timeout and may "
			     "leak rights on a send timeout; consider "
			     "'ConsumeOnSendError Timeout'", r->name);
}

static void check_limits(struct rcheck *rc)
{
	struct checker *c = rc->c;
	struct m_routine *r = rc->r;
	const struct m_message *m[2] = { &r->request, &r->reply };
	static const char *const what[2] = { "request", "reply" };
	int limit[2] = { c->opt ? c->opt->max_descrs : 0,
			 c->opt ? c->opt->max_reply_descrs : 0 };
	static const char *const opt[2] = { "-max_descrs",
					    "-max_reply_descrs" };
	for (int i = 0; i < 2; i++) {
		if (!m[i]->present)
			continue;
		if (m[i]->max_size > LAYOUT_KERNEL_MAX)
			diag_error(c->d, r->loc, "the %s of routine '%s' can be "
				   "%llu bytes, more than the kernel maximum "
				   "of %u", what[i], r->name,
				   (unsigned long long)m[i]->max_size,
				   LAYOUT_KERNEL_MAX);
		if (limit[i] > 0 && m[i]->descriptor_count > limit[i])
			diag_error(c->d, r->loc, "routine '%s' has %d %s "
				   "descriptors, more than %s %d", r->name,
				   m[i]->descriptor_count, what[i], opt[i],
				   limit[i]);
	}
}

static void finish_routine(struct rcheck *rc)
{
	struct m_routine *r = rc->r;
	if (rc->c->a->failed)         /* names may be missing: stop here */
		return;
	if (!rc->request_port && !rc->bad) {
		diag_error(rc->c->d, rc->ast->name.loc, "routine '%s' has no "
			   "request port argument", r->name);
		rc->bad = true;
	}
	r->request_port = rc->request_port;
	r->reply_port = rc->reply_port;
	r->reply_by_user = rc->reply_port &&
			   (rc->reply_port->kind == MA_REPLYPORT ||
			    rc->reply_port->kind == MA_UREPLYPORT);
	check_retcode(rc);
	check_duplicates(rc);
	routine_options(rc);
	for (int i = 0; i < r->nargs; i++)
		r->args[i].argc_words = layout_arg_words(&r->args[i]);
	r->argc = layout_argc(r);
	if (rc->bad)
		return;
	if (!layout_routine(rc->c->a, r))
		return;
	check_limits(rc);
}

static void check_routine(struct checker *c, const struct ast_stmt *s)
{
	const struct ast_routine *ar = &s->u.routine;
	if (!ar->name.text)
		return;
	struct m_routine scratch;
	struct m_routine *r = new_slot(c);
	if (!r) {                     /* over the slot limit: check anyway */
		memset(&scratch, 0, sizeof scratch);
		r = &scratch;
	}
	r->simple = ar->simple;
	r->name = ar->name.text;
	r->loc = ar->name.loc;
	const char *prefix = c->opt && c->opt->prefix ? c->opt->prefix : "";
	r->user_function = strcat3(c, prefix, c->user_prefix, r->name);
	r->server_function = strcat3(c, prefix, c->server_prefix, r->name);
	int n = 0;
	for (const struct ast_arg *aa = ar->args; aa; aa = aa->next)
		n++;
	r->args = arena_alloc(c->a, sizeof(struct m_arg) * (size_t)(4 * n + 1));
	if (!r->args)
		return;
	struct rcheck rc = { c, r, ar, false, NULL, NULL };
	if (!declare_routine_name(c, &ar->name))
		rc.bad = true;
	for (const struct ast_arg *aa = ar->args; aa && !c->a->failed;
	     aa = aa->next)
		check_arg(&rc, aa);
	finish_routine(&rc);
}

/* ------------------------------------------------------------------ */
/* Statements                                                           */
/* ------------------------------------------------------------------ */

static void check_subsystem(struct checker *c, const struct ast_stmt *s)
{
	if (c->have_subsystem) {
		diag_error(c->d, s->loc, "second 'subsystem' statement");
		diag_note(c->d, c->loc, "first 'subsystem' statement");
		return;
	}
	c->have_subsystem = true;
	c->name = s->u.subsystem.name.text ? s->u.subsystem.name.text : "";
	c->loc = s->u.subsystem.name.loc;
	c->base = s->u.subsystem.base;
	c->base_loc = s->u.subsystem.base_loc;
	c->kernel_user = s->u.subsystem.kernel_user;
	c->kernel_server = s->u.subsystem.kernel_server;
}

static void check_consume(struct checker *c, const struct ast_stmt *s)
{
	const char *v = s->u.word.text ? s->u.word.text : "";
	if (strcasecmp(v, "None") == 0)
		c->consume = CONSUME_NONE;
	else if (strcasecmp(v, "Timeout") == 0)
		c->consume = CONSUME_TIMEOUT;
	else if (strcasecmp(v, "Any") == 0)
		c->consume = CONSUME_ANY;
	else
		diag_error(c->d, s->u.word.loc.file ? s->u.word.loc : s->loc,
			   "invalid ConsumeOnSendError value '%s'; expected "
			   "None, Timeout or Any", v);
}

static void check_special_reply(struct checker *c, const struct ast_stmt *s)
{
	c->special_reply_port = s->u.number.value != 0;
	if (!c->special_reply_port)
		return;
	if (c->kernel_user || c->kernel_server)
		diag_error(c->d, s->loc, "UseSpecialReplyPort is not allowed in "
			   "a %s subsystem", c->kernel_user ? "KernelUser"
							    : "KernelServer");
	else
		diag_warning(c->d, s->loc, "UseSpecialReplyPort ignored");
}

static void add_import(struct checker *c, const struct ast_stmt *s)
{
	struct m_import *im = arena_alloc(c->a, sizeof *im);
	if (!im)
		return;
	im->kind = s->u.import.kind;
	im->file = s->u.import.file;
	if (c->last_import)
		c->last_import->next = im;
	else
		c->imports = im;
	c->last_import = im;
}

static void check_stmt(struct checker *c, const struct ast_stmt *s)
{
	const char *w = s->u.word.text;
	switch (s->kind) {
	case ST_SUBSYSTEM: check_subsystem(c, s); break;
	case ST_ROUTINE: check_routine(c, s); break;
	case ST_SKIP: check_skip(c, s); break;
	case ST_TYPE:
		types_declare(c->types, &s->u.type.name, s->u.type.spec,
			      s->u.type.mods, true);
		break;
	case ST_IMPORT: add_import(c, s); break;
	case ST_RCSID: c->rcsid = w; break;
	case ST_ERROR: break;
	case ST_SERVERPREFIX: c->server_prefix = w; break;
	case ST_USERPREFIX: c->user_prefix = w; break;
	case ST_SERVERDEMUX: c->demux = w; break;
	case ST_WAITTIME: c->wait_time = w; break;
	case ST_NOWAITTIME: c->wait_time = NULL; break;
	case ST_SENDTIME: c->send_time = w; break;
	case ST_NOSENDTIME: c->send_time = NULL; break;
	case ST_MSGOPTION:
		c->msg_option = w && strcmp(w, "MACH_MSG_OPTION_NONE") == 0 ?
				NULL : w;
		break;
	case ST_CONSUMEONSENDERROR: check_consume(c, s); break;
	case ST_USESPECIALREPLYPORT: check_special_reply(c, s); break;
	case ST_USERTYPELIMIT:
	case ST_ONSTACKLIMIT:
		break;
	}
}

/* Where to report a file-wide problem: the first statement of the main
   file, else the first statement, else nowhere. */
static struct mig_loc file_loc(const struct ast_file *f)
{
	struct mig_loc none = { 0 };
	for (const struct ast_stmt *s = f->stmts; s; s = s->next)
		if (s->loc.file && !s->loc.file->included_from)
			return s->loc;
	return f->stmts ? f->stmts->loc : none;
}

/* The first routine, simpleroutine or skip: what a subsystem numbers. */
static const struct ast_stmt *first_routine(const struct ast_file *f)
{
	for (const struct ast_stmt *s = f->stmts; s; s = s->next)
		if (s->kind == ST_ROUTINE || s->kind == ST_SKIP)
			return s;
	return NULL;
}

/* Ids (section 3.2): base + count + 100 must fit mach_msg_id_t. */
static void check_ids(struct checker *c)
{
	if (c->base + c->count + 100 > CHECK_MAX_ID) {
		diag_error(c->d, c->base_loc.file ? c->base_loc : c->loc,
			   "message ids overflow: base %lld + %lld ids + 100 "
			   "exceeds %lld", (long long)c->base,
			   (long long)c->count, CHECK_MAX_ID);
		return;
	}
	if (c->count > CHECK_MAX_SLOTS) {
		diag_error(c->d, c->loc, "subsystem '%s' has %lld message ids; "
			   "at most %d are supported", c->name,
			   (long long)c->count, CHECK_MAX_SLOTS);
		return;
	}
	if (c->count > 100)
		diag_warning(c->d, c->loc, "subsystem '%s' spans %lld ids, so "
			     "its request ids overlap its reply ids", c->name,
			     (long long)c->count);
	for (int i = 0; i < c->nroutines; i++) {
		struct m_routine *r = &c->routines[i];
		r->request_id = c->base + r->number;
		r->reply_id = r->request_id + 100;
	}
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

/* The main file: that of the first top-level statement, else the first
   file the preprocessor named that is not <built-in> or the like. */
static const char *main_file(const struct ast_file *f)
{
	for (const struct ast_stmt *s = f->stmts; s; s = s->next)
		if (s->loc.file && !s->loc.file->included_from)
			return s->loc.file->name;
	for (int i = 0; i < f->nfiles; i++)
		if (f->files[i] && f->files[i]->name[0] != '<')
			return f->files[i]->name;
	return "";
}

/* Section 6.2: a path relative to the current directory, or the last
   two components of a path outside it; relative paths stay as given. */
static const char *reduce_path(struct checker *c, const char *path)
{
	if (path[0] != '/')
		return path;
	char cwd[4096];
	if (getcwd(cwd, sizeof cwd)) {
		size_t n = strlen(cwd);
		if (strncmp(path, cwd, n) == 0 && path[n] == '/')
			return path + n + 1;
	}
	const char *last = strrchr(path, '/');
	const char *p = last;
	while (p > path && p[-1] != '/')
		p--;
	if (p > path)
		return arena_strdup(c->a, p);
	return last + 1;
}

static struct m_interface *build_interface(struct checker *c,
					   const struct ast_file *f)
{
	struct m_interface *m = arena_alloc(c->a, sizeof *m);
	if (!m)
		return NULL;
	const char *prefix = c->opt && c->opt->prefix ? c->opt->prefix : "";
	m->source = reduce_path(c, main_file(f));
	if (!m->source)
		return NULL;
	m->source_base = base_name(m->source);
	m->name = c->name;
	m->loc = c->loc;
	m->base = c->base;
	m->count = (int)c->count;
	m->kernel_user = c->kernel_user;
	m->kernel_server = c->kernel_server;
	m->demux = c->demux ? strcat3(c, prefix, c->demux, NULL) :
			      strcat3(c, prefix, c->name, "_server");
	m->user_prefix = c->user_prefix ? c->user_prefix : "";
	m->server_prefix = c->server_prefix ? c->server_prefix : "";
	m->rcsid = c->rcsid;
	m->imports = c->imports;
	m->types = types_list(c->types);
	m->routines = c->routines;
	return m;
}

struct m_interface *check_file(struct arena *a, struct diag *d,
			       const struct ast_file *f,
			       const struct mig_options *opt)
{
	if (!f)
		return NULL;
	struct checker *c = arena_alloc(a, sizeof *c);
	if (!c)
		return NULL;
	c->a = a;
	c->d = d;
	c->opt = opt;
	c->types = types_new(a, d);
	if (!c->types)
		return NULL;
	for (const struct ast_stmt *s = f->stmts; s && !a->failed; s = s->next)
		check_stmt(c, s);
	const struct ast_stmt *first = first_routine(f);
	if (!c->have_subsystem && first) {
		diag_error(d, first->loc, "no 'subsystem' statement; a routine "
			   "needs one to give it a message id");
	} else if (!c->have_subsystem) {
		diag_error(d, file_loc(f), "no 'subsystem' statement; a file of "
			   "type declarations can only be included");
	} else {
		check_ids(c);
		if (c->kernel_server && !types_any_intran(c->types))
			diag_warning(d, c->loc, "KernelServer subsystem '%s' "
				     "has no InTran type", c->name);
	}
	if (a->failed || !diag_ok(d))
		return NULL;
	return build_interface(c, f);
}
