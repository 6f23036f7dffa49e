/*
 * <ksim/types.h> - the kernel's object types: the kernel view of the
 * names <mach/mach_types.h> and <mach/vm_types.h> give.
 *
 * Kernel code names objects by pointer; user space names them by port
 * name.  In user space task_t, thread_t, semaphore_t, ... are
 * mach_port_t; inside the kernel (MACHSIM_KERNEL, which the build sets
 * for kernel-sim/ and generated/kernel/) <mach/mach_types.h> and
 * <mach/vm_types.h> take these definitions instead, so the generated
 * KernelServer headers declare work functions on kernel pointers.  A
 * translation unit sees one view or the other, never both: every user
 * of the kernel headers (tests too) defines MACHSIM_KERNEL before its
 * first #include.
 *
 * Darwin distinguishes some views of one object by the right held
 * (task_name_t, task_inspect_t, ...); here each view is the object.
 */
#ifndef KSIM_TYPES_H
#define KSIM_TYPES_H

#ifndef MACHSIM_KERNEL
#error "kernel headers need MACHSIM_KERNEL defined before any #include"
#endif

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <mach/kern_return.h>
#include <mach/message.h>
#include <mach/port.h>

/* IPC. */
typedef struct ipc_space	*ipc_space_t;
typedef struct ipc_entry	*ipc_entry_t;
typedef struct ipc_port		*ipc_port_t;
typedef struct ipc_pset		*ipc_pset_t;
typedef struct ipc_kmsg		*ipc_kmsg_t;
typedef ipc_space_t		ipc_space_read_t;
typedef ipc_space_t		ipc_space_inspect_t;

/* Tasks and threads. */
typedef struct task		*task_t;
typedef task_t			task_name_t;
typedef task_t			task_inspect_t;
typedef task_t			task_read_t;
typedef task_t			task_suspension_token_t;
typedef struct thread		*thread_t;
typedef thread_t		thread_act_t;
typedef thread_t		thread_inspect_t;
typedef thread_t		thread_read_t;
typedef struct task_id_token	*task_id_token_t;	/* kern/task_ident.c */

/* Address spaces and the VM objects behind memory-object ports. */
typedef struct vm_map		*vm_map_t;
typedef vm_map_t		vm_map_read_t;
typedef vm_map_t		vm_map_inspect_t;
typedef struct vm_object	*vm_object_t;
typedef struct upl		*upl_t;

/* Synchronizers. */
typedef struct semaphore	*semaphore_t;
typedef struct lock_set		*lock_set_t;

/* Host, processors, clocks, ledgers. */
typedef struct host		*host_t;
typedef host_t			host_priv_t;
typedef host_t			host_security_t;
typedef struct processor	*processor_t;
typedef struct processor_set	*processor_set_t;
typedef processor_set_t		processor_set_name_t;
typedef processor_set_t		processor_set_control_t;
typedef struct clock		*clock_serv_t;
typedef clock_serv_t		clock_ctrl_t;
typedef struct ledger		*ledger_t;

#define IP_NULL		((ipc_port_t) 0)
#define IP_DEAD		((ipc_port_t) ~(uintptr_t) 0)
#define IP_VALID(p)	((p) != IP_NULL && (p) != IP_DEAD)
#define IPC_SPACE_NULL	((ipc_space_t) 0)
#define TASK_NULL	((task_t) 0)
#define THREAD_NULL	((thread_t) 0)
#define SEMAPHORE_NULL	((semaphore_t) 0)
#define LOCK_SET_NULL	((lock_set_t) 0)
#define HOST_NULL	((host_t) 0)
#define VM_MAP_NULL	((vm_map_t) 0)

#endif /* KSIM_TYPES_H */
