/*
 * <mach/rpc.h> - the description of an RPC subsystem: its routines and
 * their arguments, as mig's subsystem tables describe them
 * (<mach/mig.h>).  Darwin keeps these types for source compatibility;
 * so does machsim.
 */
#ifndef _MACH_RPC_H_
#define _MACH_RPC_H_

#include <mach/boolean.h>
#include <mach/kern_return.h>
#include <mach/mig.h>
#include <mach/mig_errors.h>
#include <mach/port.h>
#include <mach/thread_status.h>
#include <mach/vm_types.h>

/* One argument of a routine: its kind, size, count and offset. */
struct rpc_routine_arg_descriptor {
	unsigned int	type;
	unsigned int	size;
	unsigned int	count;
	unsigned int	offset;
};
typedef struct rpc_routine_arg_descriptor *rpc_routine_arg_descriptor_t;

/* One routine: its implementation and its arguments. */
struct rpc_routine_descriptor {
	mig_impl_routine_t			impl_routine;
	mig_stub_routine_t			stub_routine;
	unsigned int				argc;
	unsigned int				descr_count;
	struct rpc_routine_arg_descriptor	*arg_descr;
	unsigned int				max_reply_msg;
};
typedef struct rpc_routine_descriptor *rpc_routine_descriptor_t;

#define RPC_DESCR_SIZE(x)	((x)->descr_count * \
	sizeof(struct rpc_routine_arg_descriptor))

/* A subsystem: its id range and routine table. */
struct rpc_subsystem {
	void				*reserved;
	mach_msg_id_t			start;
	mach_msg_id_t			end;
	unsigned int			maxsize;
	vm_address_t			base_addr;
	struct rpc_routine_descriptor	routine[1];
	struct rpc_routine_arg_descriptor arg_descriptor[1];
};
typedef struct rpc_subsystem *rpc_subsystem_t;

#define RPC_SUBSYSTEM_NULL	((rpc_subsystem_t)0)

#endif /* _MACH_RPC_H_ */
