/*
 * <mach/mig.h> - the interface between MIG-generated code and the
 * runtime: stub and demux function types, the subsystem table a server
 * exports, and the support calls the stubs make.
 *
 * msgh_request_port / msgh_reply_port are deliberately not defined here:
 * they mean msgh_remote_port / msgh_local_port in client code and the
 * reverse in server code, so each generated file defines them itself.
 */
#ifndef _MACH_MIG_H_
#define _MACH_MIG_H_

#include <stdint.h>

#include <mach/_machsim_cdefs.h>
#include <mach/kern_return.h>
#include <mach/message.h>
#include <mach/port.h>
#include <mach/vm_types.h>

/* Generated message structs are 4-byte packed. */
#define __MigPackStructs 1

/* Generated checks are always on; the macro exists for old sources. */
#ifndef __MigTypeCheck
#define __MigTypeCheck 1
#endif

/* A server stub: unpack a request, call the work function, pack a reply. */
typedef void (*mig_stub_routine_t)(mach_msg_header_t *InHeadP,
    mach_msg_header_t *OutHeadP);

typedef mig_stub_routine_t mig_routine_t;

/* <subsystem>_server_routine: the stub for a request, or NULL. */
typedef mig_routine_t (*mig_server_routine_t)(mach_msg_header_t *InHeadP);

/* A work function, stored untyped in the routine table. */
typedef kern_return_t (*mig_impl_routine_t)(void);

typedef mach_msg_type_descriptor_t routine_arg_descriptor;
typedef mach_msg_type_descriptor_t *routine_arg_descriptor_t;
typedef mach_msg_type_descriptor_t *mig_routine_arg_descriptor_t;

#define MIG_ROUTINE_ARG_DESCRIPTOR_NULL ((mig_routine_arg_descriptor_t) 0)

struct routine_descriptor {
	mig_impl_routine_t	impl_routine;	/* work function */
	mig_stub_routine_t	stub_routine;	/* unpacking stub */
	unsigned int		argc;		/* argument words */
	unsigned int		descr_count;	/* descriptors in the request */
	routine_arg_descriptor_t arg_descr;	/* descriptor array */
	unsigned int		max_reply_msg;	/* largest reply */
};
typedef struct routine_descriptor *routine_descriptor_t;

typedef struct routine_descriptor mig_routine_descriptor;
typedef mig_routine_descriptor *mig_routine_descriptor_t;

#define MIG_ROUTINE_DESCRIPTOR_NULL ((mig_routine_descriptor_t) 0)

/*
 * The table a generated server exports as <subsystem>_subsystem.  The
 * generated struct has as many routine[] entries as the subsystem has
 * slots (skips included); this view declares one.
 */
typedef struct mig_subsystem {
	mig_server_routine_t	server;		/* demux's routine lookup */
	mach_msg_id_t		start;		/* first request id */
	mach_msg_id_t		end;		/* last request id + 1 */
	mach_msg_size_t		maxsize;	/* largest reply */
	vm_address_t		reserved;
	mig_routine_descriptor	routine[1];
} *mig_subsystem_t;

#define MIG_SUBSYSTEM_NULL ((mig_subsystem_t) 0)

#ifndef __MACHSIM_MIG_SYMTAB_DEFINED
#define __MACHSIM_MIG_SYMTAB_DEFINED
typedef struct mig_symtab {
	char	*ms_routine_name;
	int	ms_routine_number;
	void	(*ms_routine)(void);
} mig_symtab_t;
#endif

/* Marks MIG work functions for clang's MIG checker, when it has one. */
#ifndef MIG_SERVER_ROUTINE
#if defined(__has_attribute)
#if __has_attribute(mig_server_routine)
#define MIG_SERVER_ROUTINE __attribute__((mig_server_routine))
#endif
#endif
#endif
#ifndef MIG_SERVER_ROUTINE
#define MIG_SERVER_ROUTINE
#endif

__MACHSIM_BEGIN_DECLS

/* The calling thread's reply port, made on first use and then kept. */
extern mach_port_t mig_get_reply_port(void);

/* Destroy the thread's reply port (after a failed RPC left it unusable). */
extern void mig_dealloc_reply_port(mach_port_t reply_port);

/* Give the reply port back after a successful RPC (keeps it cached). */
extern void mig_put_reply_port(mach_port_t reply_port);

/*
 * Copy at most len bytes of src to dest, always NUL-terminating when
 * len > 0; returns the length copied, NUL included.  The _zerofill form
 * also clears the rest of dest.
 */
extern int mig_strncpy(char *dest, const char *src, int len);
extern int mig_strncpy_zerofill(char *dest, const char *src, int len);

/* Page-granular memory for out-of-line data (vm_allocate in the task). */
extern void mig_allocate(vm_address_t *addr, vm_size_t size);
extern void mig_deallocate(vm_address_t addr, vm_size_t size);

__MACHSIM_END_DECLS

#endif /* _MACH_MIG_H_ */
