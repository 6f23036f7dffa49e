/*
 * model.h - the checked interface: what the emitters print.
 *
 * check.c turns an ast_file into one struct m_interface.  Every name is
 * resolved, every implicit parameter synthesised, every id numbered and
 * both message layouts of every routine computed (layout.c).  Emitters
 * only read it: a decision that depends on the .defs is made here, once,
 * and never re-derived in an emitter.  All memory is in the arena.
 *
 * Terms (MIG-LANGUAGE.md sections 3 and 4):
 *   user side   the client stub (fooUser.c) and its header;
 *   server side the server stub _Xfoo and the work function it calls;
 *   send name   the MACH_MSG_TYPE_* the sender puts on the wire (for ports:
 *               the disposition, e.g. 19 COPY_SEND);
 *   recv name   the one the receiver sees (16/17/18 for ports).
 * Names below are MACH_MSG_TYPE_* values; M_POLY marks "polymorphic".
 */
#ifndef MIG_MODEL_H
#define MIG_MODEL_H

#include <stdbool.h>
#include <stdint.h>

#include "ast.h"

#define M_POLY (-1)          /* a send or received name chosen at run time */

/* ------------------------------------------------------------------ */
/* Types                                                                */
/* ------------------------------------------------------------------ */

enum m_type_kind {
	MTK_DATA,            /* one scalar item: int, boolean, PORT_NAME... */
	MTK_PORT,            /* one port right: a port descriptor */
	MTK_FIXED_ARRAY,     /* array[N] of E, inline data or N port descs */
	MTK_BOUNDED_ARRAY,   /* array[*:N] of E, inline data + count, or N
	                        port descriptors + count */
	MTK_UNBOUNDED_ARRAY, /* array[] of E: presented inline in C, sent as
	                        an OOL (data) or OOL-ports descriptor */
	MTK_OOL,             /* ^E, ^array[N] of E, ^array[] / ^array[*:N] of E
	                        with E data */
	MTK_OOL_PORTS,       /* the same with E a port */
	MTK_CSTRING,         /* c_string[N] or c_string[*:N] */
	MTK_STRUCT,          /* struct[N] of E, GNU struct {}, GNU long form */
	MTK_NATIVE,          /* PointerTo / ValueOf / PointerToIfNot */
};

/* How one argument of this type travels (derived from kind). */
enum m_wire {
	WIRE_INLINE,         /* fixed bytes inline (data, fixed arrays, struct,
	                        fixed c_string) */
	WIRE_INLINE_VAR,     /* inline count then up to max_count elements,
	                        packed (bounded data array) */
	WIRE_INLINE_STRING,  /* inline offset, count, chars (c_string[*:N]) */
	WIRE_PORT,           /* one port descriptor */
	WIRE_PORT_ARRAY,     /* max_count port descriptors (+ inline count
	                        when variable) */
	WIRE_OOL,            /* one OOL descriptor (+ inline count when
	                        variable) */
	WIRE_OOL_PORTS,      /* one OOL-ports descriptor (+ inline count when
	                        variable) */
	WIRE_NATIVE,         /* sizeof(C) bytes inline (+ present flag for
	                        PointerToIfNot) */
};

enum m_native_kind { MN_POINTERTO, MN_VALUEOF, MN_POINTERTOIFNOT };

enum m_dealloc { MD_FALSE, MD_TRUE, MD_RUNTIME };

struct m_type {
	const char *name;            /* declared name, or NULL if anonymous */
	struct mig_loc loc;
	enum m_type_kind kind;
	enum m_wire wire;

	/* The base element: the scalar itself for MTK_DATA / MTK_PORT, the
	   element for arrays, OOL and structs (nested arrays flattened). */
	const struct m_type *elem;   /* NULL for MTK_DATA, MTK_PORT, natives */
	int send_name;               /* of the base element; M_POLY if poly */
	int recv_name;               /* of the base element; M_POLY if poly */
	bool is_port;                /* the base element is a port right */
	uint32_t elem_bits;          /* bits of one base element */
	uint32_t elem_size;          /* bytes of one element as laid out in C
	                                (ceil(bits/8), or the element type's
	                                size for arrays of structs) */
	const char *elem_ctype;      /* C type of one element, for message
	                                fields "T x[N]" (element's user type) */

	/* Counts: number = elements of a fixed item (1 for scalars);
	   max_count = bound of a bounded item; 0 for unbounded. */
	uint32_t number;
	uint32_t max_count;
	bool variable;               /* the item has a run-time count */
	bool ool;                    /* travels out of line */
	/* Bytes of the item inline (the maximum for variable ones), before
	   padding to 4; 0 for OOL and ports (the descriptor is not counted
	   here) and natives (see native_ctype). */
	uint64_t size;

	bool string;                 /* MTK_CSTRING */
	bool struct_like;            /* out value passed by pointer: scalars,
	                                structs, ports, OOL (section 3.4) */

	enum m_native_kind native_kind;  /* MTK_NATIVE */
	const char *native_ctype;        /* C type phrase */
	const char *native_bad;          /* PointerToIfNot: the bad value */

	/* C types (section 3.3).  user_ctype: client prototypes and user
	   message fields; server_ctype: server message side; trans_ctype:
	   what the work function sees (== server_ctype without InTran). */
	const char *user_ctype;
	const char *server_ctype;
	const char *trans_ctype;
	const char *intran;          /* function name or NULL */
	const char *intran_payload;  /* GNU, recorded only */
	const char *intran_payload_type;
	const char *outtran;
	const char *destructor;

	/* Type-level flag defaults from a GNU long form */
	enum m_dealloc dealloc;
	bool countinout;

	/* True when user_ctype / server_ctype is not a builtin C type, so
	   the emitters add _Static_assert(sizeof(T) == size). */
	bool needs_size_assert;

	/* --- added by the checker (check.c, types.c) --- */
	/* How types.c fills the shape fields above: `elem` is the element
	   type as written (`E` in array[N] of E, ^E, struct[N] of E; char
	   for c_string; an anonymous byte for GNU struct {}), not flattened:
	   `number` and `max_count` count `elem` items and elem_size is
	   sizeof(E), so a fixed OOL region is number * elem_size bytes;
	   elem_bits is the bits of the innermost scalar. */
	/* Symbols of send_name / recv_name, e.g. "MACH_MSG_TYPE_COPY_SEND",
	   "MACH_MSG_TYPE_POLYMORPHIC"; a bare number is spelled as such. */
	const char *send_name_text;
	const char *recv_name_text;
	/* needs_size_assert split by side: user_ctype (User.c) resp.
	   server_ctype (Server.c) is not builtin.  Only set for fixed-size
	   inline items (WIRE_INLINE); needs_size_assert is their OR. */
	bool user_size_assert;
	bool server_size_assert;
	/* C alignment of the inline item on x86-64 (1, 2, 4 or 8); used for
	   GNU struct {} layout.  0 for OOL, ports and natives. */
	uint32_t align;
	/* Server-side C type of one element, for server message fields
	   "T x[N]" (the element's server type); == elem_ctype unless the
	   element has CServerType. */
	const char *elem_server_ctype;
	/* The type was declared without a name of its own and got a C type
	   from its IPC name (e.g. MACH_MSG_TYPE_INTEGER_32 -> int32_t). */
	bool anonymous;
	/* A .defs' inline array whose C type Darwin declares as a pointer
	   (types.c): it has uintptr_t's shape, and counts as the .defs'
	   array in the routine table's argc. */
	bool c_pointer;

	struct m_type *next;         /* named types, in declaration order */
};

/* ------------------------------------------------------------------ */
/* Arguments                                                            */
/* ------------------------------------------------------------------ */

enum m_arg_kind {
	MA_REQUESTPORT, MA_REPLYPORT, MA_SREPLYPORT, MA_UREPLYPORT,
	MA_IN, MA_OUT, MA_INOUT,
	MA_WAITTIME, MA_SENDTIME, MA_MSGOPTION,
	MA_MSGSEQNO, MA_SECTOKEN, MA_SERVERSECTOKEN, MA_USERSECTOKEN,
	MA_AUDITTOKEN, MA_SERVERAUDITTOKEN, MA_USERAUDITTOKEN,
	MA_SERVERCONTEXTTOKEN,
	/* implicit, synthesised by the checker */
	MA_COUNT,            /* xCnt */
	MA_POLY,             /* xPoly */
	MA_DEALLOC,          /* xDealloc (Dealloc[]) */
};

/* Argument flags (bitmask). */
enum {
	AF_SAMECOUNT    = 1u << 0,
	AF_RETCODE      = 1u << 1,
	AF_PHYSICALCOPY = 1u << 2,
	AF_OVERWRITE    = 1u << 3,
	AF_DEALLOC      = 1u << 4,   /* deallocate = TRUE */
	AF_DEALLOC_RT   = 1u << 5,   /* Dealloc[]: run-time choice */
	AF_COUNTINOUT   = 1u << 6,
	AF_AUTO         = 1u << 7,   /* server frees an in region after the
	                                work function (also set implicitly for
	                                in array[] arguments) */
	AF_CONST        = 1u << 8,
};

/* Which trailer element a trailer argument needs (section 3.8). */
enum m_trailer_elem { TE_NONE = 0, TE_SEQNO = 1, TE_SENDER = 2,
		      TE_AUDIT = 3, TE_CTX = 4 };

struct m_arg {
	const char *name;            /* "x", "xCnt", "xPoly", "xDealloc" */
	struct mig_loc loc;
	enum m_arg_kind kind;
	const struct m_type *type;   /* implicit ones: a builtin 4-byte type
	                                (mach_msg_type_number_t,
	                                mach_msg_type_name_t, boolean_t) */
	bool implicit;
	unsigned flags;              /* AF_* */

	struct m_arg *parent;        /* implicit: the argument it serves */
	struct m_arg *count;         /* its count (shared with the earlier
	                                argument under SameCount), or NULL */
	struct m_arg *poly;          /* its xPoly, or NULL */
	struct m_arg *dealloc;       /* its xDealloc, or NULL */
	bool count_shared;           /* SameCount: count belongs to another
	                                argument and travels once */

	/* Where it travels and who sees it */
	bool in_request;             /* a field in the request body */
	bool in_reply;               /* a field in the reply body */
	bool user_param;             /* a parameter of the user stub */
	bool server_param;           /* a parameter of the work function */
	bool user_by_pointer;        /* user parameter is "T *x" */
	bool server_by_pointer;      /* server parameter is "T *x" */
	bool user_const;             /* add const in user prototype */
	bool server_const;

	/* Polymorphic side (section 3.6): which side chooses the name
	   (sends it) and which is told it. */
	bool poly_send_user;         /* user passes xPoly as a value */
	bool poly_send_server;       /* server work function sets *xPoly */
	bool poly_recv_server;       /* server is told xPoly (in, by value) */
	bool poly_recv_user;         /* user is told *xPoly (out) */

	/* OOL options */
	enum m_dealloc dealloc_mode;
	bool physical_copy;

	/* Trailer arguments */
	enum m_trailer_elem trailer_elem;
	bool trailer_user;           /* read by the user stub */
	bool trailer_server;         /* read by the server stub */

	int argc_words;              /* contribution to routine argc */
	int index;                   /* position in m_routine.args */
};

/* ------------------------------------------------------------------ */
/* Message layouts                                                      */
/* ------------------------------------------------------------------ */

enum m_field_kind {
	F_HEADER,            /* mach_msg_header_t Head */
	F_BODY,              /* mach_msg_body_t msgh_body */
	F_NDR,               /* NDR_record_t NDR */
	F_RETCODE,           /* kern_return_t RetCode */
	F_DATA,              /* inline data of an argument */
	F_COUNT,             /* mach_msg_type_number_t xCnt */
	F_PAD,               /* char xPad[n] */
	F_STRING_OFFSET,     /* mach_msg_type_number_t xOffset */
	F_PRESENT,           /* boolean_t __Present__x (PointerToIfNot) */
	F_PORT_DESC,         /* mach_msg_port_descriptor_t x (or x[N]) */
	F_OOL_DESC,          /* mach_msg_ool_descriptor_t x */
	F_OOL_PORTS_DESC,    /* mach_msg_ool_ports_descriptor_t x */
};

struct m_field {
	enum m_field_kind kind;
	const char *name;            /* C field name in the message struct */
	const struct m_arg *arg;     /* the argument, NULL for header etc. */

	/* Declaration in the message typedef: "ctype name[array_len]" when
	   array_len > 0, else "ctype name". */
	const char *ctype;
	uint32_t array_len;

	/* Offset in the maximum layout; -1 once an earlier field is
	   variable (YAML prints null).  max_offset is always set. */
	int64_t offset;
	uint64_t max_offset;
	uint64_t size;               /* bytes in the maximum layout */
	const char *size_expr;       /* natives: "sizeof(C)" etc., else NULL */

	/* Variable inline data (WIRE_INLINE_VAR / WIRE_INLINE_STRING):
	   on the wire it takes _WALIGN_(count * elem_size) bytes. */
	bool variable;
	const struct m_field *count_field;
	uint32_t elem_size;
	uint32_t max_count;

	/* Descriptors */
	int send_name;               /* disposition the sender uses; M_POLY */
	int recv_name;               /* what the receiver must see; M_POLY */
	enum m_dealloc dealloc;
	bool physical_copy;
	uint32_t desc_count;         /* F_PORT_DESC array: N (array_len too);
	                                OOL fixed: bytes; OOL ports fixed:
	                                count; 0 when variable */
	bool desc_variable;          /* OOL size / count comes from a count */

	/* --- added by the checker (layout.c) --- */
	/* C type of the field in server-side message declarations
	   (Server.c); `ctype` is the user-side one.  Equal unless the
	   argument's type has CServerType/CUserType. */
	const char *server_ctype;
	/* F_PAD only: the pad after a variable field (data or string).  On
	   the wire the two together take _WALIGN_(count * elem_size) bytes;
	   `size` is the pad of the maximum layout. */
	bool variable_pad;
	/* F_COUNT only: the count travels as a capacity (CountInOut in the
	   request), not as the length of data in this message. */
	bool capacity;
};

struct m_message {
	bool present;                /* false for a simpleroutine's reply */
	bool complex;
	int descriptor_count;        /* fixed per message */
	bool has_ndr;
	bool has_retcode;
	bool variable;               /* any variable inline field */
	uint64_t min_size;           /* bytes without trailer */
	uint64_t max_size;
	const char *size_expr;       /* when natives make the size a C
	                                expression: the maximum, else NULL */
	const char *min_size_expr;   /* the same for the minimum (added) */
	/* min_size / max_size never include native items; with natives only
	   the *_size_expr strings are exact. */
	enum m_trailer_elem trailer; /* largest element the receiver needs */
	struct m_field *fields;      /* wire order */
	int nfields;
};

/* ------------------------------------------------------------------ */
/* Routines and the interface                                           */
/* ------------------------------------------------------------------ */

enum m_consume { CONSUME_NONE, CONSUME_TIMEOUT, CONSUME_ANY };

struct m_routine {
	int number;                  /* slot, from 0 */
	bool skip;                   /* empty slot: nothing else is set except
	                                request_id */
	bool simple;
	const char *name;            /* bare name: message types, _X, ids */
	struct mig_loc loc;
	int64_t request_id;
	int64_t reply_id;            /* request_id + 100, also for simple */
	const char *user_function;   /* -prefix + UserPrefix + name */
	const char *server_function; /* -prefix + ServerPrefix + name */

	const char *wait_time;       /* C text or NULL (statement value in
	                                force, unless a WaitTime argument) */
	const char *send_time;
	const char *msg_option;
	enum m_consume consume;

	struct m_arg *args;          /* C parameter order, implicit ones
	                                after their argument */
	int nargs;
	struct m_arg *request_port;
	struct m_arg *reply_port;    /* ReplyPort/UReplyPort/SReplyPort, or
	                                NULL: the MIG reply port */
	struct m_arg *waittime_arg, *sendtime_arg, *msgoption_arg;
	struct m_arg *retcode_arg;   /* simpleroutine RetCode argument */

	struct m_message request;
	struct m_message reply;
	enum m_trailer_elem user_trailer;   /* elements the user stub asks */
	enum m_trailer_elem server_trailer; /* elements the server checks */
	int argc;                    /* routine_descriptor argc */
	bool reply_by_user;          /* UReplyPort/ReplyPort: caller's port */

	/* --- added by the checker --- */
	bool special_reply_port;     /* UseSpecialReplyPort N != 0 in force
	                                (ignored by the stubs, section 3.1) */
	/* wait_time / send_time / msg_option above hold the statement value
	   in force and are NULL when the matching argument exists (the
	   argument overrides it). */
};

struct m_import {
	enum ast_import_kind kind;
	const char *file;            /* with quotes or <> */
	struct m_import *next;
};

struct m_interface {
	const char *source;          /* the .defs as named on the command
	                                line, reduced as in section 6.2 */
	const char *source_base;     /* its basename */
	const char *name;            /* subsystem */
	struct mig_loc loc;
	int64_t base;
	int count;                   /* slots, skips included */
	bool kernel_user, kernel_server;
	const char *demux;           /* -prefix + ServerDemux or <name>_server */
	const char *user_prefix;     /* in force at end of file */
	const char *server_prefix;
	const char *rcsid;
	struct m_import *imports;
	struct m_type *types;        /* named types, declaration order */
	struct m_routine *routines;  /* count entries */
};

struct mig_options;

/*
 * Check a parsed file.  Every diagnostic of section 6.1 that is not a
 * syntax error is raised here; the checker keeps going after errors.
 * Returns NULL when there were errors (or the arena ran out).
 */
struct m_interface *check_file(struct arena *a, struct diag *d,
			       const struct ast_file *f,
			       const struct mig_options *opt);

/* -v / -dM: print the model, readable, to out. */
void model_dump(const struct m_interface *m, FILE *out);

#endif
