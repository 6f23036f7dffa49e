/*
 * <ksim/mig_convert.h> - the translations the KernelServer demuxers
 * call (defs/mach_types.defs and friends, KERNEL_SERVER clauses), and the
 * helpers their work functions use for rights.
 *
 * A kernel demuxer sees a request received into ipc_space_kernel
 * (ipc_kobject.c), so every port it names is a name in the kernel space.
 *
 *   convert_port_to_X(name)	the object of kind X the name stands for,
 *				with a reference, or X_NULL (no such name,
 *				another kind, a dead object).  Kernel
 *				unlocked.
 *   X_deallocate(obj)		drops that reference (null is ignored).
 *				Takes the kernel lock unless the caller
 *				holds it.
 *   convert_X_to_port(obj)	consumes a reference and returns the name,
 *				in the kernel space, of a send right made for
 *				the reply (MACH_PORT_NULL for null).  A kernel
 *				reply moves every right it carries (ipc_kobject.c).
 *
 * Objects the kernel does not have yet (processors, clocks, ledgers,
 * memory objects, ...) convert to null, so their routines answer
 * KERN_INVALID_ARGUMENT or KERN_NOT_SUPPORTED.
 */
#ifndef KSIM_MIG_CONVERT_H
#define KSIM_MIG_CONVERT_H

#include <ksim/kern.h>
#include <ksim/types.h>

/* No translation: the server sees the kernel-space name. */
#define null_conversion(name)	(name)

/* Tasks (kern/task.c).  Every view of a task is the task. */
task_t convert_port_to_task(mach_port_t name);
void task_deallocate(task_t task);
mach_port_t convert_task_to_port(task_t task);
#define convert_port_to_task_name		convert_port_to_task
#define convert_port_to_task_inspect		convert_port_to_task
#define convert_port_to_task_read		convert_port_to_task
#define convert_port_to_task_suspension_token	convert_port_to_task
#define task_name_deallocate			task_deallocate
#define task_inspect_deallocate			task_deallocate
#define task_read_deallocate			task_deallocate
#define convert_task_name_to_port		convert_task_to_port
#define convert_task_inspect_to_port		convert_task_to_port
#define convert_task_read_to_port		convert_task_to_port
#define convert_task_suspension_token_to_port	convert_task_to_port

/*
 * Task identity tokens (kern/task_ident.c).  convert_task_id_token_to_port
 * consumes the token's creation: its port, made then, lives until its
 * last send right goes.  task_id_token_release drops the reference the
 * intran took.
 */
task_id_token_t convert_port_to_task_id_token(mach_port_t name);
mach_port_t convert_task_id_token_to_port(task_id_token_t token);
void task_id_token_release(task_id_token_t token);

/* IPC spaces: a task port names its task's space (ipc/ipc_space.c). */
ipc_space_t convert_port_to_space(mach_port_t name);
void space_deallocate(ipc_space_t space);
#define convert_port_to_space_read		convert_port_to_space
#define convert_port_to_space_inspect		convert_port_to_space
#define space_read_deallocate			space_deallocate
#define space_inspect_deallocate		space_deallocate

/* Maps: a task port names its task's map (vm/vm_map.c). */
vm_map_t convert_port_to_map(mach_port_t name);
void vm_map_deallocate(vm_map_t map);
#define convert_port_to_map_inspect		convert_port_to_map
#define convert_port_to_map_read		convert_port_to_map
#define convert_port_entry_to_map		convert_port_to_map
#define vm_map_inspect_deallocate		vm_map_deallocate
#define vm_map_read_deallocate			vm_map_deallocate

/* Threads (kern/thread.c). */
thread_t convert_port_to_thread(mach_port_t name);
void thread_deallocate(thread_t thread);
mach_port_t convert_thread_to_port(thread_t thread);
#define convert_port_to_thread_inspect		convert_port_to_thread
#define convert_port_to_thread_read		convert_port_to_thread
#define thread_inspect_deallocate		thread_deallocate
#define thread_read_deallocate			thread_deallocate
#define convert_thread_inspect_to_port		convert_thread_to_port
#define convert_thread_read_to_port		convert_thread_to_port

/* Synchronizers (sync/semaphore.c, sync/lock_set.c). */
semaphore_t convert_port_to_semaphore(mach_port_t name);
void semaphore_dereference(semaphore_t sem);
mach_port_t convert_semaphore_to_port(semaphore_t sem);
lock_set_t convert_port_to_lock_set(mach_port_t name);
void lock_set_dereference(lock_set_t set);
mach_port_t convert_lock_set_to_port(lock_set_t set);

/* The host and its privileged and security ports (host/host.c). */
host_t convert_port_to_host(mach_port_t name);
host_t convert_port_to_host_priv(mach_port_t name);
host_t convert_port_to_host_security(mach_port_t name);
mach_port_t convert_host_to_port(host_t host);

/* Processors and processor sets (host/processor.c). */
processor_t convert_port_to_processor(mach_port_t name);
mach_port_t convert_processor_to_port(processor_t processor);
processor_set_t convert_port_to_pset(mach_port_t name);
processor_set_t convert_port_to_pset_name(mach_port_t name);
mach_port_t convert_pset_to_port(processor_set_t pset);
mach_port_t convert_pset_name_to_port(processor_set_t pset);

/* Clocks (host/clock.c). */
clock_serv_t convert_port_to_clock(mach_port_t name);
clock_ctrl_t convert_port_to_clock_ctrl(mach_port_t name);
mach_port_t convert_clock_to_port(clock_serv_t clock);
mach_port_t convert_clock_ctrl_to_port(clock_ctrl_t clock);

/* Ledgers (host/ledger.c). */
ledger_t convert_port_to_ledger(mach_port_t name);
mach_port_t convert_ledger_to_port(ledger_t ledger);

/* Memory objects and UPLs (vm/memory_object.c). */
vm_object_t vm_object_lookup(mach_port_t name);
vm_object_t convert_port_entry_to_object(mach_port_t name);
upl_t convert_port_to_upl(mach_port_t name);
void upl_deallocate(upl_t upl);
mach_port_t convert_upl_to_port(upl_t upl);

/*
 * Rights a request carried into the kernel space (ipc/ipc_kobject.c).
 * A work function that keeps such a right takes it, on its success path
 * only, with ipc_kobject_take_right: the right leaves the kernel space
 * and becomes a kernel-held right (*portp; IP_DEAD for a dead name).
 * Whatever it does not take, the dispatcher releases after the call.
 * Conditions: kernel locked.  Returns KERN_SUCCESS or the name error.
 */
kern_return_t ipc_kobject_take_right(mach_port_name_t name,
    mach_msg_type_name_t type, ipc_port_t *portp);

/*
 * Peek at the port a kernel-space name of the request carries, without
 * taking it: IP_NULL for MACH_PORT_NULL or no such right, IP_DEAD for
 * MACH_PORT_DEAD or a dead name.  Conditions: kernel locked.
 */
ipc_port_t ipc_kobject_peek_right(mach_port_name_t name,
    mach_msg_type_name_t type);

/*
 * A kernel-held right (send, send-once or receive, by carried type),
 * consumed, as a name in the kernel space for a reply to carry:
 * MACH_PORT_NULL for IP_NULL, MACH_PORT_DEAD for IP_DEAD.
 * Conditions: kernel locked.
 */
mach_port_t ipc_kobject_reply_right(ipc_port_t right,
    mach_msg_type_name_t type);

/* A send right made for a reply from a kernel object's port. */
mach_port_t ipc_kobject_reply_send(ipc_port_t kobject_port);

/* The object behind a kernel-space name, kind checked.  Kernel locked. */
void *ipc_kobject_lookup(mach_port_name_t name, ipc_kobject_type_t kind);

#endif /* KSIM_MIG_CONVERT_H */
