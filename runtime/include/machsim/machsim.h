/*
 * <machsim/machsim.h> - machsim's own calls, which Darwin does not have.
 *
 * All tasks of the embedded kernel live in one process, so a thread of
 * another task is a pthread that the kernel counts as that task's:
 * machsim_thread_spawn starts one, and is how two tasks of one program
 * talk (the kv demo and the end-to-end tests use it).  The task and
 * semaphore calls below do what Darwin's task_create, task_terminate,
 * semaphore_create and semaphore_destroy do, without a message; prefer
 * Darwin's, which go through the kernel's generated interfaces.
 *
 * Task and semaphore arguments are send rights in the caller's space.
 */
#ifndef _MACHSIM_MACHSIM_H_
#define _MACHSIM_MACHSIM_H_

#include <pthread.h>

#include <mach/_machsim_cdefs.h>
#include <mach/boolean.h>
#include <mach/kern_return.h>
#include <mach/port.h>

__MACHSIM_BEGIN_DECLS

/*
 * Run fn(arg) on a new pthread that is a thread of task.  With out NULL
 * the pthread is detached.  KERN_INVALID_ARGUMENT: fn NULL or task not a
 * task port; KERN_FAILURE: the task is terminated.
 */
extern kern_return_t machsim_thread_spawn(mach_port_t task,
    void *(*fn)(void *), void *arg, pthread_t *out);

/* A new task (empty space except its self right); *child: a send right. */
extern kern_return_t machsim_task_create(mach_port_t parent,
    mach_port_t *child);

/* task_terminate: the task's IPC space and VM map are destroyed. */
extern kern_return_t machsim_task_terminate(mach_port_t task);

/* semaphore_create / semaphore_destroy. */
extern kern_return_t machsim_semaphore_create(mach_port_t task,
    mach_port_t *semaphore, int policy, int value);
extern kern_return_t machsim_semaphore_destroy(mach_port_t task,
    mach_port_t semaphore);

/*
 * A send right to the host's root ledger, which every ledger descends
 * from (ledger_create needs a parent).  Classic Mach handed each task its
 * ledgers as task special ports 5 and 6; Darwin has given those numbers
 * to TASK_INSPECT_PORT and TASK_READ_PORT, so machsim hands the root out
 * here, to holders of the privileged host port only.  KERN_INVALID_HOST:
 * host_priv is not the privileged host port (the name port included);
 * KERN_INVALID_NAME / KERN_INVALID_RIGHT: no send right by that name;
 * KERN_INVALID_ARGUMENT: ledger NULL or not writable.
 */
extern kern_return_t machsim_host_ledger(mach_port_t host_priv,
    mach_port_t *ledger);

__MACHSIM_END_DECLS

#endif /* _MACHSIM_MACHSIM_H_ */
