/*
 * <ksim/types.h> - the kernel's object types.
 *
 * Kernel code names objects by pointer; user space names them by port
 * name.  The user headers (<mach/mach_types.h>) give task_t, thread_t,
 * semaphore_t, ... as mach_port_t, so a translation unit includes either
 * the kernel view (these headers) or the user view of those names, never
 * both.  The wire headers (<mach/message.h>, <mach/port.h>, ...) are
 * shared.
 */
#ifndef KSIM_TYPES_H
#define KSIM_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <mach/kern_return.h>
#include <mach/message.h>
#include <mach/port.h>

typedef struct ipc_space	*ipc_space_t;
typedef struct ipc_entry	*ipc_entry_t;
typedef struct ipc_port		*ipc_port_t;
typedef struct ipc_pset		*ipc_pset_t;
typedef struct ipc_kmsg		*ipc_kmsg_t;
typedef struct task		*task_t;
typedef struct thread		*thread_t;
typedef struct semaphore	*semaphore_t;
typedef struct lock_set		*lock_set_t;
typedef struct host		*host_t;

#define IPC_SPACE_NULL	((ipc_space_t) 0)
#define IP_NULL		((ipc_port_t) 0)
#define IP_DEAD		((ipc_port_t) ~(uintptr_t) 0)
#define IP_VALID(p)	((p) != IP_NULL && (p) != IP_DEAD)
#define TASK_NULL	((task_t) 0)
#define THREAD_NULL	((thread_t) 0)
#define SEMAPHORE_NULL	((semaphore_t) 0)
#define LOCK_SET_NULL	((lock_set_t) 0)

#endif /* KSIM_TYPES_H */
