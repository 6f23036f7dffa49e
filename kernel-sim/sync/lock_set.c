/*
 * lock_set.c - lock sets (MACH-SEMANTICS 5.2, the xnu-1228 behaviour):
 * numbered locks with a holder thread, an unstable flag, waiters that are
 * handed ownership on release (no barging), and the handoff protocol.
 */
#include <stdlib.h>

#include <ksim/ipc.h>
#include <ksim/mig_convert.h>
#include <ksim/sync.h>

#include <kernel/lock_setServer.h>
#include <kernel/taskServer.h>

/* A large set's locks are freed once the kernel lock is released. */
static void lock_set_free_ulocks(void *ulocks, size_t unused)
{
	(void)unused;
	free(ulocks);
}

void lock_set_reference(lock_set_t set)
{
	set->ref_count++;
}

/* Conditions: any; takes the kernel lock unless the caller holds it. */
void lock_set_dereference(lock_set_t set)
{
	bool locked;

	if (set == LOCK_SET_NULL)
		return;
	locked = ksim_locked();
	if (!locked)
		ksim_lock();
	if (--set->ref_count == 0) {
		ksim_defer(lock_set_free_ulocks, set->ulocks, 0);
		free(set);
	}
	if (!locked)
		ksim_unlock();
}

/*
 * Routine:	ksim_lock_set_create
 * Purpose:	A lock set of n_ulocks locks owned by task.  The locks are
 *		allocated and initialised with the kernel lock released, so
 *		that a large set does not stall other tasks' calls.
 * Conditions:	Any (the demuxer calls it with the kernel lock held).
 * Returns:	KERN_SUCCESS; KERN_INVALID_ARGUMENT (null or dead task,
 *		n_ulocks <= 0, policy > SYNC_POLICY_MAX);
 *		KERN_RESOURCE_SHORTAGE (n_ulocks > LOCK_SET_MAX_ULOCKS, the
 *		task's sets would hold more than TASK_MAX_ULOCKS, or no
 *		memory).
 */
kern_return_t ksim_lock_set_create(task_t task, lock_set_t *setp, int n_ulocks,
    int policy)
{
	lock_set_t set;
	unsigned depth;
	int i, wq;

	if (task == TASK_NULL || setp == NULL || n_ulocks <= 0 || policy < 0 ||
	    policy > SYNC_POLICY_MAX)
		return KERN_INVALID_ARGUMENT;
	if ((unsigned)n_ulocks > LOCK_SET_MAX_ULOCKS)
		return KERN_RESOURCE_SHORTAGE;
	depth = ksim_unlock_all();
	set = calloc(1, sizeof(*set));
	if (set != NULL)
		set->ulocks = calloc((size_t)n_ulocks, sizeof(struct ulock));
	if (set != NULL && set->ulocks != NULL) {
		wq = policy & SYNC_POLICY_REVERSED ? WAITQ_LIFO : WAITQ_FIFO;
		for (i = 0; i < n_ulocks; i++) {
			waitq_init(&set->ulocks[i].waiters, wq);
			waitq_init(&set->ulocks[i].ho_sender, WAITQ_FIFO);
			waitq_init(&set->ulocks[i].ho_acceptor, WAITQ_FIFO);
		}
	}
	ksim_relock(depth);
	if (set == NULL || set->ulocks == NULL) {
		free(set);
		return KERN_RESOURCE_SHORTAGE;
	}
	ksim_lock();
	if (!task->active ||
	    task->n_ulocks + (unsigned)n_ulocks > TASK_MAX_ULOCKS) {
		kern_return_t kr = task->active ? KERN_RESOURCE_SHORTAGE :
		    KERN_INVALID_ARGUMENT;

		ksim_unlock();
		free(set->ulocks);
		free(set);
		return kr;
	}
	task->n_ulocks += (unsigned)n_ulocks;
	set->ref_count = 2;	/* the task's list, the caller */
	set->active = true;
	set->owner = task;
	set->policy = policy;
	set->n_ulocks = n_ulocks;
	set->port = ipc_kobject_alloc_port(set, IKOT_LOCK_SET);
	TAILQ_INSERT_TAIL(&task->lock_sets, set, task_link);
	ksim_unlock();
	*setp = set;
	return KERN_SUCCESS;
}

static void lock_set_destroy_locked(lock_set_t set)
{
	int i;

	set->active = false;
	for (i = 0; i < set->n_ulocks; i++) {
		struct ulock *ul = &set->ulocks[i];

		if (ul->holder != THREAD_NULL)
			ul->holder->lock_held_count--;
		ul->holder = THREAD_NULL;
		waitq_wakeup_all(&ul->waiters, THREAD_TERMINATED);
		waitq_wakeup_all(&ul->ho_sender, THREAD_TERMINATED);
		waitq_wakeup_all(&ul->ho_acceptor, THREAD_TERMINATED);
	}
	TAILQ_REMOVE(&set->owner->lock_sets, set, task_link);
	set->owner->n_ulocks -= (unsigned)set->n_ulocks;
	ipc_kobject_destroy_port(set->port);
	set->port = IP_NULL;
	lock_set_dereference(set);
}

/*
 * Routine:	ksim_lock_set_destroy
 * Returns:	KERN_SUCCESS; KERN_INVALID_ARGUMENT; KERN_INVALID_RIGHT (not
 *		the owner); KERN_LOCK_SET_DESTROYED.
 */
kern_return_t ksim_lock_set_destroy(task_t task, lock_set_t set)
{
	kern_return_t kr = KERN_SUCCESS;

	if (task == TASK_NULL || set == LOCK_SET_NULL)
		return KERN_INVALID_ARGUMENT;
	ksim_lock();
	if (!set->active)
		kr = KERN_LOCK_SET_DESTROYED;
	else if (set->owner != task)
		kr = KERN_INVALID_RIGHT;
	else
		lock_set_destroy_locked(set);
	ksim_unlock();
	return kr;
}

void lock_set_task_terminate(task_t task)
{
	lock_set_t set;

	while ((set = TAILQ_FIRST(&task->lock_sets)) != NULL)
		lock_set_destroy_locked(set);
}

/* Validate (set, id) and lock; returns the ulock or NULL with *krp. */
static struct ulock *ulock_enter(lock_set_t set, int id, kern_return_t *krp)
{
	if (set == LOCK_SET_NULL || id < 0) {
		*krp = KERN_INVALID_ARGUMENT;
		return NULL;
	}
	(void)current_thread();
	ksim_lock();
	if (id >= set->n_ulocks) {
		ksim_unlock();
		*krp = KERN_INVALID_ARGUMENT;
		return NULL;
	}
	if (!set->active) {
		ksim_unlock();
		*krp = KERN_LOCK_SET_DESTROYED;
		return NULL;
	}
	return &set->ulocks[id];
}

static kern_return_t owned(struct ulock *ul)
{
	return ul->unstable ? KERN_LOCK_UNSTABLE : KERN_SUCCESS;
}

static void ulock_take(struct ulock *ul, thread_t th)
{
	ul->holder = th;
	th->lock_held_count++;
}

/* Pass ownership to the first waiter, or free the lock. */
static void ulock_pass(struct ulock *ul)
{
	thread_t next;

	ul->holder->lock_held_count--;
	ul->holder = THREAD_NULL;
	next = waitq_wakeup_one(&ul->waiters, THREAD_AWAKENED);
	if (next != THREAD_NULL)
		ulock_take(ul, next);
}

static kern_return_t block_on(lock_set_t set, struct waitq *wq)
{
	wait_result_t wr;

	lock_set_reference(set);
	wr = thread_block(wq, NULL);
	lock_set_dereference(set);
	switch (wr) {
	case THREAD_AWAKENED:
		return KERN_SUCCESS;
	case THREAD_INTERRUPTED:
		return KERN_ABORTED;
	default:
		return KERN_LOCK_SET_DESTROYED;
	}
}

kern_return_t ksim_lock_acquire(lock_set_t set, int id)
{
	thread_t th = current_thread();
	struct ulock *ul;
	kern_return_t kr = KERN_SUCCESS;

	if ((ul = ulock_enter(set, id, &kr)) == NULL)
		return kr;
	if (ul->holder == th) {
		kr = KERN_LOCK_OWNED_SELF;
	} else if (ul->holder == THREAD_NULL) {
		ulock_take(ul, th);
		kr = owned(ul);
	} else {
		kr = block_on(set, &ul->waiters);
		if (kr == KERN_SUCCESS)
			kr = owned(ul);	/* ownership was handed to us */
	}
	ksim_unlock();
	return kr;
}

kern_return_t ksim_lock_try(lock_set_t set, int id)
{
	thread_t th = current_thread();
	struct ulock *ul;
	kern_return_t kr = KERN_SUCCESS;

	if ((ul = ulock_enter(set, id, &kr)) == NULL)
		return kr;
	if (ul->holder == th) {
		kr = KERN_LOCK_OWNED_SELF;
	} else if (ul->holder != THREAD_NULL) {
		kr = KERN_LOCK_OWNED;
	} else {
		ulock_take(ul, th);
		kr = owned(ul);
	}
	ksim_unlock();
	return kr;
}

kern_return_t ksim_lock_release(lock_set_t set, int id)
{
	struct ulock *ul;
	kern_return_t kr = KERN_SUCCESS;

	if ((ul = ulock_enter(set, id, &kr)) == NULL)
		return kr;
	if (ul->holder != current_thread()) {
		kr = KERN_INVALID_RIGHT;
	} else {
		ulock_pass(ul);
		kr = KERN_SUCCESS;
	}
	ksim_unlock();
	return kr;
}

kern_return_t ksim_lock_make_stable(lock_set_t set, int id)
{
	struct ulock *ul;
	kern_return_t kr = KERN_SUCCESS;

	if ((ul = ulock_enter(set, id, &kr)) == NULL)
		return kr;
	if (ul->holder != current_thread()) {
		kr = KERN_INVALID_RIGHT;
	} else {
		ul->unstable = false;
		kr = KERN_SUCCESS;
	}
	ksim_unlock();
	return kr;
}

/*
 * Routine:	ksim_lock_handoff
 * Purpose:	Give the held lock to an acceptor, waiting for one if none
 *		waits.  Aborted, the caller still owns the lock.
 */
kern_return_t ksim_lock_handoff(lock_set_t set, int id)
{
	thread_t th = current_thread(), acc;
	struct ulock *ul;
	kern_return_t kr = KERN_SUCCESS;

	if ((ul = ulock_enter(set, id, &kr)) == NULL)
		return kr;
	if (ul->holder != th) {
		ksim_unlock();
		return KERN_INVALID_RIGHT;
	}
	acc = waitq_wakeup_one(&ul->ho_acceptor, THREAD_AWAKENED);
	if (acc != THREAD_NULL) {
		th->lock_held_count--;
		ulock_take(ul, acc);
		ksim_unlock();
		return KERN_SUCCESS;
	}
	ul->ho_wait = true;
	kr = block_on(set, &ul->ho_sender);
	ul->ho_wait = false;
	ksim_unlock();
	return kr;
}

/*
 * Routine:	ksim_lock_handoff_accept
 * Purpose:	Take the lock from a handing-off holder, waiting for one.
 */
kern_return_t ksim_lock_handoff_accept(lock_set_t set, int id)
{
	thread_t th = current_thread(), sender;
	struct ulock *ul;
	kern_return_t kr = KERN_SUCCESS;

	if ((ul = ulock_enter(set, id, &kr)) == NULL)
		return kr;
	if (!waitq_empty(&ul->ho_acceptor)) {
		kr = KERN_ALREADY_WAITING;
	} else if (ul->holder == th) {
		kr = KERN_LOCK_OWNED_SELF;
	} else if (ul->ho_wait &&
	    (sender = waitq_wakeup_one(&ul->ho_sender, THREAD_AWAKENED)) !=
	    THREAD_NULL) {
		sender->lock_held_count--;
		ulock_take(ul, th);
		kr = owned(ul);
	} else {
		kr = block_on(set, &ul->ho_acceptor);
		if (kr == KERN_SUCCESS)
			kr = owned(ul);
	}
	ksim_unlock();
	return kr;
}

/*
 * Routine:	lock_set_thread_terminate
 * Purpose:	A dying thread's locks become unstable and pass on.
 * Conditions:	Kernel locked.
 */
void lock_set_thread_terminate(thread_t th)
{
	lock_set_t set;
	int i;

	if (th->lock_held_count == 0)
		return;
	TAILQ_FOREACH(set, &th->task->lock_sets, task_link) {
		for (i = 0; i < set->n_ulocks; i++) {
			struct ulock *ul = &set->ulocks[i];

			if (ul->holder != th)
				continue;
			ul->unstable = true;
			ulock_pass(ul);
		}
	}
}

/* ---- KernelServer translations (<ksim/mig_convert.h>) ------------------------ */

lock_set_t convert_port_to_lock_set(mach_port_t name)
{
	lock_set_t set;

	ksim_lock();
	set = ipc_kobject_lookup(name, IKOT_LOCK_SET);
	if (set != LOCK_SET_NULL)
		lock_set_reference(set);
	ksim_unlock();
	return set;
}

mach_port_t convert_lock_set_to_port(lock_set_t set)
{
	mach_port_t name;

	if (set == LOCK_SET_NULL)
		return MACH_PORT_NULL;
	ksim_lock();
	name = ipc_kobject_reply_send(set->port);
	lock_set_dereference(set);
	ksim_unlock();
	return name;
}
