/*
 * <mach/mig_errors.h> - MIG's result codes and the error reply.
 *
 * A MIG server that fails a request answers with mig_reply_error_t, a
 * simple 36-byte message whose RetCode is the error; a client stub that
 * cannot make sense of a reply returns one of the MIG_* codes itself.
 */
#ifndef _MACH_MIG_ERRORS_H_
#define _MACH_MIG_ERRORS_H_

#include <stddef.h>

#include <mach/_machsim_cdefs.h>
#include <mach/kern_return.h>
#include <mach/message.h>
#include <mach/mig.h>		/* as XNU's: __MigPackStructs for the
				   generated message structs */
#include <mach/ndr.h>

#define MIG_TYPE_ERROR		-300	/* client: reply is malformed */
#define MIG_REPLY_MISMATCH	-301	/* client: wrong reply msgh_id */
#define MIG_REMOTE_ERROR	-302	/* server detected an error */
#define MIG_BAD_ID		-303	/* server: unknown request msgh_id */
#define MIG_BAD_ARGUMENTS	-304	/* server: request is malformed */
#define MIG_NO_REPLY		-305	/* server: send no reply */
#define MIG_EXCEPTION		-306	/* server raised an exception */
#define MIG_ARRAY_TOO_LARGE	-307	/* out array exceeds caller's buffer */
#define MIG_SERVER_DIED		-308	/* server died before replying */
#define MIG_TRAILER_ERROR	-309	/* trailer has an unknown format */

/*
 * The symbol table a server built with `mig -s' exports: one entry per
 * routine.  The routines have differing signatures, hence the bare
 * function pointer.
 */
#ifndef __MACHSIM_MIG_SYMTAB_DEFINED
#define __MACHSIM_MIG_SYMTAB_DEFINED
typedef struct mig_symtab {
	char	*ms_routine_name;
	int	ms_routine_number;
	void	(*ms_routine)(void);
} mig_symtab_t;
#endif

#pragma pack(push, 4)

typedef struct {
	mach_msg_header_t	Head;
	NDR_record_t		NDR;
	kern_return_t		RetCode;
} mig_reply_error_t;

#pragma pack(pop)

__MACHSIM_WIRE_SIZE(mig_reply_error_t, 36);
__MACHSIM_WIRE_OFFSET(mig_reply_error_t, NDR, 24);
__MACHSIM_WIRE_OFFSET(mig_reply_error_t, RetCode, 32);

__MACHSIM_BEGIN_DECLS

/*
 * Fill in a reply header from a request: the reply goes to the request's
 * reply port with its disposition, msgh_id is the request's plus 100.
 */
extern void mig_reply_setup(mach_msg_header_t *request,
    mach_msg_header_t *reply);

__MACHSIM_END_DECLS

#endif /* _MACH_MIG_ERRORS_H_ */
