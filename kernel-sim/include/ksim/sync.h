/*
 * <ksim/sync.h> - semaphores and lock sets (MACH-SEMANTICS section 5).
 *
 * Both are kernel objects named by send rights to their kobject port.
 * The MIG routines are the generated demuxers' work functions; the trap
 * forms (semaphore_*_trap) take port names in the caller's space and live
 * in <ksim/traps.h>.
 */
#ifndef KSIM_SYNC_H
#define KSIM_SYNC_H

#include <mach/clock_types.h>
#include <mach/sync_policy.h>

#include <ksim/kern.h>

#include <kernel/lock_setServer.h>
#include <kernel/semaphoreServer.h>
#include <kernel/taskServer.h>

/*
 * Bounds on what one task may ask of the kernel, so that no call does
 * unbounded work: past them, KERN_RESOURCE_SHORTAGE (XNU's code for a
 * lock set it cannot size).  Docs: docs/api-status.md, "Limits".
 */
#define LOCK_SET_MAX_ULOCKS	65536u		/* locks in one lock set */
#define TASK_MAX_ULOCKS		(1u << 20)	/* in all of a task's sets */
#define TASK_MAX_SEMAPHORES	65536u		/* semaphores of one task */

struct semaphore {
	int			ref_count;
	bool			active;
	int			count;
	task_t			owner;
	ipc_port_t		port;		/* kobject port (SEMAPHORE) */
	struct waitq		waiters;
	int			policy;
	TAILQ_ENTRY(semaphore)	task_link;
};

struct ulock {
	thread_t		holder;
	bool			unstable;
	bool			ho_wait;	/* holder blocked in handoff */
	struct waitq		waiters;	/* lock_acquire */
	struct waitq		ho_sender;	/* lock_handoff */
	struct waitq		ho_acceptor;	/* lock_handoff_accept */
};

struct lock_set {
	int			ref_count;
	bool			active;
	task_t			owner;
	ipc_port_t		port;		/* kobject port (LOCK_SET) */
	int			policy;
	int			n_ulocks;
	struct ulock		*ulocks;
	TAILQ_ENTRY(lock_set)	task_link;
};

/*
 * The routines of task.defs, semaphore.defs and lock_set.defs are the
 * ksim_* work functions <kernel/taskServer.h>, <kernel/semaphoreServer.h>
 * and <kernel/lock_setServer.h> declare (ksim_semaphore_create,
 * ksim_lock_acquire, ...).  ksim_semaphore_destroy consumes the caller's
 * reference (semaphore_consume_ref_t); semaphore_destroy_internal does
 * not.
 */
kern_return_t semaphore_destroy_internal(task_t task, semaphore_t sem);
void semaphore_reference(semaphore_t sem);
void semaphore_dereference(semaphore_t sem);

/* The work of the semaphore calls (kernel unlocked on entry). */
kern_return_t semaphore_signal_internal(semaphore_t sem, thread_t thread,
    bool all);
kern_return_t semaphore_wait_internal(semaphore_t wait_sem,
    semaphore_t signal_sem, const mach_timespec_t *wait_time);

void lock_set_reference(lock_set_t set);
void lock_set_dereference(lock_set_t set);

/* A terminating thread's held locks become unstable and pass on. */
void lock_set_thread_terminate(thread_t thread);
/* Kernel locked: destroy everything a dying task owns. */
void semaphore_task_terminate(task_t task);
void lock_set_task_terminate(task_t task);

#endif /* KSIM_SYNC_H */
