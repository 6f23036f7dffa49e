/*
 * layout.h - message layouts (MIG-LANGUAGE.md section 4.3).
 *
 * Pure functions of a checked routine: given its arguments, with every
 * m_arg boolean already set by the checker (in_request, in_reply, flags,
 * counts), compute the request and reply m_message: fields in wire order,
 * offsets in the maximum layout, minimum and maximum sizes.
 *
 *   +------+-----------+-------------+-----+---------+------------------+
 *   | Head | msgh_body | descriptors | NDR | RetCode | inline items ... |
 *   |  24  | 4 (cplx)  | 12/16 each  |  8  | 4 (rep) | each 4-aligned   |
 *   +------+-----------+-------------+-----+---------+------------------+
 *
 * Every field's `arg` is the declared argument it belongs to (a count's
 * field names its array, as in the YAML), NULL for Head, body, NDR and
 * RetCode.
 */
#ifndef MIG_LAYOUT_H
#define MIG_LAYOUT_H

#include <stdbool.h>

#include "arena.h"
#include "model.h"

#define LAYOUT_HEADER_SIZE 24
#define LAYOUT_BODY_SIZE 4
#define LAYOUT_NDR_SIZE 8
#define LAYOUT_PORT_DESC_SIZE 12
#define LAYOUT_OOL_DESC_SIZE 16
#define LAYOUT_REPLY_ERROR_SIZE 36      /* mig_reply_error_t */
/* The kernel's maximum message: 3/4 of 64 MiB minus the largest
   trailer (68 bytes), MACH-SEMANTICS.md section 2.4. */
#define LAYOUT_KERNEL_MAX (48u * 1024 * 1024 - 68)

/*
 * Fill r->request and r->reply.  A simpleroutine's reply gets
 * present = false and the shape of mig_reply_error_t (Head, NDR,
 * RetCode: 36 bytes).  Returns false only when the arena failed.
 */
bool layout_routine(struct arena *a, struct m_routine *r);

/* The routine_descriptor argc of section 4.7: the sum over server
   parameters of layout_arg_words(). */
int layout_argc(const struct m_routine *r);
/* 32-bit words one server parameter counts for: N*b/32 for an in (or
   server-side trailer) scalar or struct whose element has b >= 32 bits,
   else 1. */
int layout_arg_words(const struct m_arg *arg);

/* Round up to 4 (the _WALIGN_ macro). */
static inline uint64_t layout_walign(uint64_t x)
{
	return (x + 3) & ~(uint64_t)3;
}

#endif
