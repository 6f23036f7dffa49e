/*
 * types.h - MIG types: the builtin IPC names, the predefined types, and
 * the construction of m_type objects from type expressions (section 3.3).
 *
 * A `struct types` is the symbol table of one check_file() run.  It starts
 * with the predefined names (char short int intptr_t uintptr_t) and grows
 * with every `type` statement.  Every function here reports its own
 * diagnostics and returns NULL after an error; the caller only has to stop
 * using the result.  Nothing here ever aborts.
 */
#ifndef MIG_TYPES_H
#define MIG_TYPES_H

#include <stdbool.h>
#include <stdint.h>

#include "arena.h"
#include "ast.h"
#include "diag.h"
#include "model.h"

/* Largest array bound (section 3.3): 2^31 - 1. */
#define TYPES_MAX_BOUND 2147483647LL

/* What one MACH_MSG_TYPE_* name means (the table of section 3.3). */
struct types_ipcname {
	const char *name;      /* "MACH_MSG_TYPE_COPY_SEND" */
	int send;              /* name used when sending; M_POLY for the
	                          PORT_* names (the sender chooses) */
	int recv;              /* name seen by the receiver */
	const char *send_text; /* symbols of send and recv */
	const char *recv_text;
	uint32_t bits;         /* default size; 0: needs a pair/long form */
	bool port;             /* a right: travels in a descriptor */
	const char *ctype;     /* C type of an anonymous element */
};

const struct types_ipcname *types_ipcname(int msgtype);

/* The symbol of a MACH_MSG_TYPE_ value as used in generated code. */
const char *types_name_text(int name);

struct types;

/* A new table with the predefined types; NULL when the arena failed. */
struct types *types_new(struct arena *a, struct diag *d);

/*
 * Builtin types for implicit arguments: mach_msg_type_number_t (xCnt),
 * mach_msg_type_name_t (xPoly), boolean_t (xDealloc).  All 4-byte data.
 */
const struct m_type *types_count_type(const struct types *t);
const struct m_type *types_poly_type(const struct types *t);
const struct m_type *types_dealloc_type(const struct types *t);

/*
 * Resolve a type name.  Undefined: reports `type 'x' is not defined` with
 * a `did you mean` note and returns NULL.  A name whose declaration failed
 * returns NULL silently (its error was already reported).
 */
const struct m_type *types_lookup(struct types *t,
				  const struct ast_ident *name);

/*
 * Declare `name = spec mods`.  global: enter it in the table (a type
 * statement); otherwise it names the type of one argument only.  Returns
 * the new type, or NULL after an error (a global name is then marked
 * failed, so its uses stay silent).
 */
const struct m_type *types_declare(struct types *t,
				   const struct ast_ident *name,
				   const struct ast_type *spec,
				   const struct ast_mod *mods, bool global);

/* The type of an argument written as a bare native type spec. */
const struct m_type *types_resolve_anonymous(struct types *t,
					     const struct ast_type *spec);

/*
 * Evaluate a bound expression with 64-bit arithmetic; every intermediate
 * result is range checked.  Returns true and sets *out in 1..2^31-1, or
 * reports (division by zero, overflow, out of range) and returns false.
 */
bool types_eval_bound(struct diag *d, const struct ast_expr *e,
		      int64_t *out);

/* Named types in declaration order (redefinitions replace). */
struct m_type *types_list(const struct types *t);

/* True when some declared type has an InTran. */
bool types_any_intran(const struct types *t);

/* True for C types mig knows the size of (no _Static_assert needed). */
bool types_builtin_ctype(const char *ctype);

/* Size in bytes an argument of this type occupies as a value: inline size
   for data, 4 for a port; 0 when it has no fixed size. */
uint64_t types_value_size(const struct m_type *ty);

#endif
