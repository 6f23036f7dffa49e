/*
 * semaphore.c - semaphores (MACH-SEMANTICS 5.1): a count, a wait queue in
 * policy order, an owning task, a kernel-object port.
 *
 * A signal with waiters hands the wakeup straight to one waiter (the
 * count stays 0), so a woken waiter never has to compete for the count.
 */
#include <stdlib.h>

#include <ksim/config.h>
#include <ksim/ipc.h>
#include <ksim/mig_convert.h>
#include <ksim/sync.h>
#include <ksim/traps.h>

#include <kernel/semaphoreServer.h>
#include <kernel/taskServer.h>

void semaphore_reference(semaphore_t sem)
{
	sem->ref_count++;
}

/* Conditions: any; takes the kernel lock unless the caller holds it. */
void semaphore_dereference(semaphore_t sem)
{
	bool locked;

	if (sem == SEMAPHORE_NULL)
		return;
	locked = ksim_locked();
	if (!locked)
		ksim_lock();
	if (--sem->ref_count == 0)
		free(sem);
	if (!locked)
		ksim_unlock();
}

/*
 * Routine:	ksim_semaphore_create
 * Purpose:	A semaphore owned by task, with a kobject port.  The caller
 *		gets a reference (MIG converts it to a send right).
 * Conditions:	Kernel unlocked.
 * Returns:	KERN_SUCCESS; KERN_INVALID_ARGUMENT (null or dead task,
 *		value < 0, policy > SYNC_POLICY_MAX); KERN_RESOURCE_SHORTAGE
 *		(the task has TASK_MAX_SEMAPHORES, or no memory).
 */
kern_return_t ksim_semaphore_create(task_t task, semaphore_t *semp,
    int policy, int value)
{
	semaphore_t sem;

	if (task == TASK_NULL || semp == NULL || value < 0 || policy < 0 ||
	    policy > SYNC_POLICY_MAX)
		return KERN_INVALID_ARGUMENT;
	sem = calloc(1, sizeof(*sem));
	if (sem == NULL)
		return KERN_RESOURCE_SHORTAGE;
	ksim_lock();
	if (!task->active || task->n_semaphores >=
	    (ksim_config.task_semaphore_limit != 0 ?
	    ksim_config.task_semaphore_limit : TASK_MAX_SEMAPHORES)) {
		kern_return_t kr = task->active ? KERN_RESOURCE_SHORTAGE :
		    KERN_INVALID_ARGUMENT;

		ksim_unlock();
		free(sem);
		return kr;
	}
	task->n_semaphores++;
	sem->ref_count = 2;	/* the task's list, the caller */
	sem->active = true;
	sem->count = value;
	sem->owner = task;
	sem->policy = policy;
	waitq_init(&sem->waiters, policy & SYNC_POLICY_REVERSED ?
	    WAITQ_LIFO : WAITQ_FIFO);
	sem->port = ipc_kobject_alloc_port(sem, IKOT_SEMAPHORE);
	TAILQ_INSERT_TAIL(&task->semaphores, sem, task_link);
	ksim_unlock();
	*semp = sem;
	return KERN_SUCCESS;
}

/* Conditions: kernel locked; sem active. */
static void semaphore_destroy_locked(semaphore_t sem)
{
	sem->active = false;
	sem->count = 0;
	waitq_wakeup_all(&sem->waiters, THREAD_TERMINATED);
	TAILQ_REMOVE(&sem->owner->semaphores, sem, task_link);
	sem->owner->n_semaphores--;
	ipc_kobject_destroy_port(sem->port);
	sem->port = IP_NULL;
	semaphore_dereference(sem);		/* the task's list */
}

/*
 * Routine:	semaphore_destroy_internal
 * Purpose:	semaphore_destroy; the caller's reference stays its own.
 * Returns:	KERN_SUCCESS; KERN_INVALID_ARGUMENT (null arguments, already
 *		destroyed); KERN_INVALID_RIGHT (task is not the owner).
 */
kern_return_t semaphore_destroy_internal(task_t task, semaphore_t sem)
{
	kern_return_t kr = KERN_SUCCESS;

	if (task == TASK_NULL || sem == SEMAPHORE_NULL)
		return KERN_INVALID_ARGUMENT;
	ksim_lock();
	if (!sem->active)
		kr = KERN_INVALID_ARGUMENT;
	else if (sem->owner != task)
		kr = KERN_INVALID_RIGHT;
	else
		semaphore_destroy_locked(sem);
	ksim_unlock();
	return kr;
}

/*
 * Routine:	ksim_semaphore_destroy
 * Purpose:	semaphore_destroy (task.defs): the semaphore argument is a
 *		semaphore_consume_ref_t, so the reference its translation
 *		took is consumed here, whatever the result.
 */
kern_return_t ksim_semaphore_destroy(task_t task, semaphore_t sem)
{
	kern_return_t kr = semaphore_destroy_internal(task, sem);

	semaphore_dereference(sem);
	return kr;
}

void semaphore_task_terminate(task_t task)
{
	semaphore_t sem;

	while ((sem = TAILQ_FIRST(&task->semaphores)) != NULL)
		semaphore_destroy_locked(sem);
}

/* Conditions: kernel locked. */
static kern_return_t signal_locked(semaphore_t sem, thread_t thread, bool all)
{
	if (!sem->active)
		return KERN_TERMINATED;
	if (thread != THREAD_NULL) {
		return waitq_wakeup_thread(&sem->waiters, thread,
		    THREAD_AWAKENED) ? KERN_SUCCESS : KERN_NOT_WAITING;
	}
	if (all) {
		if (waitq_wakeup_all(&sem->waiters, THREAD_AWAKENED) > 0)
			sem->count = 0;
		return KERN_SUCCESS;
	}
	if (waitq_wakeup_one(&sem->waiters, THREAD_AWAKENED) == THREAD_NULL)
		sem->count++;
	return KERN_SUCCESS;
}

/*
 * Routine:	semaphore_signal_internal
 * Purpose:	signal (one waiter, else count++), signal_all, or
 *		signal_thread (thread, or any waiter for THREAD_NULL with
 *		all == false and no count change: see the trap).
 * Conditions:	Kernel unlocked.
 */
kern_return_t semaphore_signal_internal(semaphore_t sem, thread_t thread,
    bool all)
{
	kern_return_t kr;

	if (sem == SEMAPHORE_NULL)
		return KERN_INVALID_ARGUMENT;
	ksim_lock();
	kr = signal_locked(sem, thread, all);
	ksim_unlock();
	return kr;
}

static kern_return_t wait_result_kr(wait_result_t wr)
{
	switch (wr) {
	case THREAD_AWAKENED:
		return KERN_SUCCESS;
	case THREAD_TIMED_OUT:
		return KERN_OPERATION_TIMED_OUT;
	case THREAD_INTERRUPTED:
		return KERN_ABORTED;
	default:
		return KERN_TERMINATED;
	}
}

/*
 * Routine:	semaphore_wait_internal
 * Purpose:	Optionally signal signal_sem (prepost), then take
 *		wait_sem's count or block, atomically.  wait_time NULL:
 *		no timeout; {0,0}: poll.
 * Conditions:	Kernel unlocked.
 * Returns:	KERN_SUCCESS; KERN_OPERATION_TIMED_OUT; KERN_ABORTED;
 *		KERN_TERMINATED; KERN_INVALID_VALUE (bad timespec).
 */
kern_return_t semaphore_wait_internal(semaphore_t wait_sem,
    semaphore_t signal_sem, const mach_timespec_t *wait_time)
{
	struct timespec deadline;
	kern_return_t kr;

	if (wait_sem == SEMAPHORE_NULL)
		return KERN_INVALID_ARGUMENT;
	if (wait_time != NULL && BAD_MACH_TIMESPEC(wait_time))
		return KERN_INVALID_VALUE;
	(void)current_thread();
	ksim_lock();
	if (signal_sem != SEMAPHORE_NULL) {
		kr = signal_locked(signal_sem, THREAD_NULL, false);
		if (kr != KERN_SUCCESS) {
			ksim_unlock();
			return kr;
		}
	}
	if (!wait_sem->active) {
		kr = KERN_TERMINATED;
	} else if (wait_sem->count > 0) {
		wait_sem->count--;
		kr = KERN_SUCCESS;
	} else if (wait_time != NULL && wait_time->tv_sec == 0 &&
	    wait_time->tv_nsec == 0) {
		kr = KERN_OPERATION_TIMED_OUT;
	} else {
		if (wait_time != NULL)
			ksim_deadline_ns(&deadline,
			    (uint64_t)wait_time->tv_sec * 1000000000u +
			    (uint64_t)wait_time->tv_nsec);
		semaphore_reference(wait_sem);
		kr = wait_result_kr(thread_block(&wait_sem->waiters,
		    wait_time != NULL ? &deadline : NULL));
		semaphore_dereference(wait_sem);
	}
	ksim_unlock();
	return kr;
}

/*
 * semaphore_signal_thread: thread NULL wakes any one waiter without ever
 * incrementing the count (KERN_NOT_WAITING if none waits).
 * Conditions: kernel unlocked.
 */
static kern_return_t signal_thread(semaphore_t sem, thread_t th)
{
	kern_return_t kr;

	ksim_lock();
	if (th != THREAD_NULL)
		kr = signal_locked(sem, th, false);
	else if (!sem->active)
		kr = KERN_TERMINATED;
	else
		kr = waitq_wakeup_one(&sem->waiters, THREAD_AWAKENED) != NULL ?
		    KERN_SUCCESS : KERN_NOT_WAITING;
	ksim_unlock();
	return kr;
}

/* ---- semaphore.defs: the message forms of the traps ---------------------------- */

kern_return_t ksim_semaphore_signal(semaphore_t semaphore)
{
	if (semaphore == SEMAPHORE_NULL)
		return KERN_INVALID_ARGUMENT;
	return semaphore_signal_internal(semaphore, THREAD_NULL, false);
}

kern_return_t ksim_semaphore_signal_all(semaphore_t semaphore)
{
	if (semaphore == SEMAPHORE_NULL)
		return KERN_INVALID_ARGUMENT;
	return semaphore_signal_internal(semaphore, THREAD_NULL, true);
}

kern_return_t ksim_semaphore_signal_thread(semaphore_t semaphore,
    thread_act_t thread)
{
	if (semaphore == SEMAPHORE_NULL)
		return KERN_INVALID_ARGUMENT;
	return signal_thread(semaphore, thread);
}

kern_return_t ksim_semaphore_wait(semaphore_t semaphore)
{
	if (semaphore == SEMAPHORE_NULL)
		return KERN_INVALID_ARGUMENT;
	return semaphore_wait_internal(semaphore, SEMAPHORE_NULL, NULL);
}

kern_return_t ksim_semaphore_timedwait(semaphore_t semaphore,
    mach_timespec_t wait_time)
{
	if (semaphore == SEMAPHORE_NULL)
		return KERN_INVALID_ARGUMENT;
	return semaphore_wait_internal(semaphore, SEMAPHORE_NULL, &wait_time);
}

kern_return_t ksim_semaphore_wait_signal(semaphore_t wait_semaphore,
    semaphore_t signal_semaphore)
{
	if (wait_semaphore == SEMAPHORE_NULL ||
	    signal_semaphore == SEMAPHORE_NULL)
		return KERN_INVALID_ARGUMENT;
	return semaphore_wait_internal(wait_semaphore, signal_semaphore, NULL);
}

kern_return_t ksim_semaphore_timedwait_signal(semaphore_t wait_semaphore,
    semaphore_t signal_semaphore, mach_timespec_t wait_time)
{
	if (wait_semaphore == SEMAPHORE_NULL ||
	    signal_semaphore == SEMAPHORE_NULL)
		return KERN_INVALID_ARGUMENT;
	return semaphore_wait_internal(wait_semaphore, signal_semaphore,
	    &wait_time);
}

/* ---- KernelServer translations (<ksim/mig_convert.h>) ------------------------ */

semaphore_t convert_port_to_semaphore(mach_port_t name)
{
	semaphore_t sem;

	ksim_lock();
	sem = ipc_kobject_lookup(name, IKOT_SEMAPHORE);
	if (sem != SEMAPHORE_NULL)
		semaphore_reference(sem);
	ksim_unlock();
	return sem;
}

mach_port_t convert_semaphore_to_port(semaphore_t sem)
{
	mach_port_t name;

	if (sem == SEMAPHORE_NULL)
		return MACH_PORT_NULL;
	ksim_lock();
	name = ipc_kobject_reply_send(sem->port);
	semaphore_dereference(sem);
	ksim_unlock();
	return name;
}

/* ---- traps ------------------------------------------------------------------ */

/* The semaphore a name denotes, referenced; KERN_* on failure. */
static kern_return_t sem_from_name(mach_port_name_t name, semaphore_t *semp)
{
	kern_return_t kr;
	semaphore_t sem;

	ksim_lock();
	sem = ipc_kobject_from_name(current_space(), name, IKOT_SEMAPHORE,
	    &kr);
	if (sem != SEMAPHORE_NULL)
		semaphore_reference(sem);
	ksim_unlock();
	*semp = sem;
	return kr;
}

static void sem_done(semaphore_t sem)
{
	if (sem == SEMAPHORE_NULL)
		return;
	ksim_lock();
	semaphore_dereference(sem);
	ksim_unlock();
}

kern_return_t ksim_semaphore_signal_trap(mach_port_name_t name)
{
	semaphore_t sem;
	kern_return_t kr = sem_from_name(name, &sem);

	if (kr != KERN_SUCCESS)
		return kr;
	kr = semaphore_signal_internal(sem, THREAD_NULL, false);
	sem_done(sem);
	return kr;
}

kern_return_t ksim_semaphore_signal_all_trap(mach_port_name_t name)
{
	semaphore_t sem;
	kern_return_t kr = sem_from_name(name, &sem);

	if (kr != KERN_SUCCESS)
		return kr;
	kr = semaphore_signal_internal(sem, THREAD_NULL, true);
	sem_done(sem);
	return kr;
}

/*
 * semaphore_signal_thread: thread NULL wakes any one waiter without ever
 * incrementing the count (KERN_NOT_WAITING if none waits).
 */
kern_return_t ksim_semaphore_signal_thread_trap(mach_port_name_t name,
    mach_port_name_t tname)
{
	semaphore_t sem;
	thread_t th = THREAD_NULL;
	kern_return_t kr = sem_from_name(name, &sem);

	if (kr != KERN_SUCCESS)
		return kr;
	if (tname != MACH_PORT_NULL) {
		ksim_lock();
		th = ipc_kobject_from_name(current_space(), tname, IKOT_THREAD,
		    &kr);
		ksim_unlock();
		if (th == THREAD_NULL) {
			sem_done(sem);
			return KERN_INVALID_ARGUMENT;
		}
	}
	kr = signal_thread(sem, th);
	sem_done(sem);
	return kr;
}

static kern_return_t wait_trap(mach_port_name_t wname, mach_port_name_t sname,
    const mach_timespec_t *t)
{
	semaphore_t ws, ss = SEMAPHORE_NULL;
	kern_return_t kr = sem_from_name(wname, &ws);

	if (kr != KERN_SUCCESS)
		return kr;
	if (sname != MACH_PORT_NULL) {
		kr = sem_from_name(sname, &ss);
		if (kr != KERN_SUCCESS) {
			sem_done(ws);
			return kr;
		}
	}
	kr = semaphore_wait_internal(ws, ss, t);
	sem_done(ws);
	sem_done(ss);
	return kr;
}

kern_return_t ksim_semaphore_wait_trap(mach_port_name_t name)
{
	return wait_trap(name, MACH_PORT_NULL, NULL);
}

kern_return_t ksim_semaphore_wait_signal_trap(mach_port_name_t w,
    mach_port_name_t s)
{
	return wait_trap(w, s, NULL);
}

kern_return_t ksim_semaphore_timedwait_trap(mach_port_name_t name,
    unsigned int sec, clock_res_t nsec)
{
	mach_timespec_t t = { sec, nsec };

	return wait_trap(name, MACH_PORT_NULL, &t);
}

kern_return_t ksim_semaphore_timedwait_signal_trap(mach_port_name_t w,
    mach_port_name_t s, unsigned int sec, clock_res_t nsec)
{
	mach_timespec_t t = { sec, nsec };

	return wait_trap(w, s, &t);
}

kern_return_t ksim_semaphore_create_trap(mach_port_name_t tname,
    mach_port_name_t *namep, int policy, int value)
{
	kern_return_t kr;
	task_t task;
	semaphore_t sem;
	ipc_port_t right;

	ksim_boot();
	ksim_lock();
	task = ipc_kobject_from_name(current_space(), tname, IKOT_TASK, &kr);
	if (task != TASK_NULL)
		task_reference(task);
	ksim_unlock();
	if (task == TASK_NULL || namep == NULL)
		return KERN_INVALID_ARGUMENT;
	kr = ksim_semaphore_create(task, &sem, policy, value);
	ksim_lock();
	task_deallocate(task);
	if (kr == KERN_SUCCESS) {
		right = ipc_port_make_send(sem->port);
		if (ipc_right_copyout(current_space(), right,
		    MACH_MSG_TYPE_PORT_SEND, namep) != KERN_SUCCESS) {
			ipc_port_release_send(right);
			*namep = MACH_PORT_NULL;
		}
		semaphore_dereference(sem);
	}
	ksim_unlock();
	return kr;
}

kern_return_t ksim_semaphore_destroy_trap(mach_port_name_t tname,
    mach_port_name_t sname)
{
	kern_return_t kr;
	task_t task;
	semaphore_t sem;

	ksim_boot();
	ksim_lock();
	task = ipc_kobject_from_name(current_space(), tname, IKOT_TASK, &kr);
	if (task != TASK_NULL)
		task_reference(task);
	ksim_unlock();
	if (task == TASK_NULL)
		return KERN_INVALID_ARGUMENT;
	kr = sem_from_name(sname, &sem);
	if (kr == KERN_SUCCESS) {
		kr = semaphore_destroy_internal(task, sem);
		sem_done(sem);
	} else {
		kr = KERN_INVALID_ARGUMENT;
	}
	ksim_lock();
	task_deallocate(task);
	ksim_unlock();
	return kr;
}
