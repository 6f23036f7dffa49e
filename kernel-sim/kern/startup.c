/*
 * startup.c - boot of the embedded kernel, the kernel lock and wait
 * queues.
 *
 * The first trap boots the kernel (pthread_once): it makes the kernel
 * task, whose IPC space holds the receive rights of every kernel object's
 * port, and the bootstrap task, which the calling process becomes.
 */
#include <assert.h>
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <ksim/ipc.h>
#include <ksim/kern.h>

static pthread_once_t ksim_once = PTHREAD_ONCE_INIT;
static pthread_mutex_t ksim_mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_t ksim_owner;
static int ksim_owned;

task_t kernel_task;
task_t bootstrap_task;
ipc_space_t ipc_space_kernel;

void task_boot(void);

static void ksim_boot_once(void)
{
	task_boot();
}

/*
 * Routine:	ksim_boot
 * Purpose:	Boot the embedded kernel once per process.
 * Conditions:	Kernel unlocked.  Idempotent.
 */
void ksim_boot(void)
{
	pthread_once(&ksim_once, ksim_boot_once);
}

void ksim_lock(void)
{
	pthread_mutex_lock(&ksim_mutex);
	__atomic_store_n(&ksim_owner, pthread_self(), __ATOMIC_RELAXED);
	__atomic_store_n(&ksim_owned, 1, __ATOMIC_RELAXED);
}

/*
 * Deferred wakeups.  A thread woken while its waker holds the kernel lock
 * would only run to block again on that lock, so waitq_unlink records
 * the wakeup (with a reference on the thread, which may meanwhile leave
 * its wait by timeout and exit) and the condition variable is signalled
 * once the lock is released: by ksim_unlock, or by thread_block before it
 * sleeps.  Per pthread, since the lock's holder is the waker.
 */
#define KSIM_DEFERRED_MAX	16

static __thread thread_t ksim_deferred[KSIM_DEFERRED_MAX];
static __thread int ksim_ndeferred;

/* Signal the recorded wakeups.  Conditions: any (lock held or not). */
static void ksim_wake_deferred(void)
{
	while (ksim_ndeferred > 0) {
		thread_t th = ksim_deferred[--ksim_ndeferred];

		pthread_cond_signal(&th->wait_cv);
		thread_deallocate(th);
	}
}

void ksim_unlock(void)
{
	assert(ksim_locked());
	__atomic_store_n(&ksim_owned, 0, __ATOMIC_RELAXED);
	pthread_mutex_unlock(&ksim_mutex);
	if (ksim_ndeferred > 0)
		ksim_wake_deferred();
}

bool ksim_locked(void)
{
	return __atomic_load_n(&ksim_owned, __ATOMIC_RELAXED) &&
	    pthread_equal(__atomic_load_n(&ksim_owner, __ATOMIC_RELAXED),
	    pthread_self());
}

/* ---- deadlines ---------------------------------------------------------- */

void ksim_deadline_ns(struct timespec *ts, uint64_t ns)
{
	clock_gettime(CLOCK_MONOTONIC, ts);
	ns += (uint64_t)ts->tv_nsec;
	ts->tv_sec += (time_t)(ns / 1000000000u);
	ts->tv_nsec = (long)(ns % 1000000000u);
}

void ksim_deadline_ms(struct timespec *ts, uint64_t ms)
{
	ksim_deadline_ns(ts, ms * 1000000u);
}

/* ---- wait queues ---------------------------------------------------------- */

void waitq_init(struct waitq *wq, int policy)
{
	TAILQ_INIT(&wq->wq_threads);
	wq->wq_policy = policy;
}

bool waitq_empty(const struct waitq *wq)
{
	return TAILQ_EMPTY(&wq->wq_threads);
}

/* Take th off wq with result; its signal waits for the lock's release
   (ksim_wake_deferred) unless too many are pending. */
static void waitq_unlink(struct waitq *wq, thread_t th, wait_result_t result)
{
	TAILQ_REMOVE(&wq->wq_threads, th, wait_link);
	th->wait_queue = NULL;
	th->wait_result = result;
	if (ksim_ndeferred < KSIM_DEFERRED_MAX) {
		thread_reference(th);
		ksim_deferred[ksim_ndeferred++] = th;
	} else {
		pthread_cond_signal(&th->wait_cv);
	}
}

/*
 * Routine:	waitq_wakeup_one
 * Purpose:	Wake the first waiter of wq (in the queue's policy order).
 * Conditions:	Kernel locked.
 * Returns:	The thread woken, or THREAD_NULL if none waited.
 */
thread_t waitq_wakeup_one(struct waitq *wq, wait_result_t result)
{
	thread_t th = TAILQ_FIRST(&wq->wq_threads);

	if (th != THREAD_NULL)
		waitq_unlink(wq, th, result);
	return th;
}

int waitq_wakeup_all(struct waitq *wq, wait_result_t result)
{
	int n = 0;

	while (waitq_wakeup_one(wq, result) != THREAD_NULL)
		n++;
	return n;
}

bool waitq_wakeup_thread(struct waitq *wq, thread_t th, wait_result_t result)
{
	if (th->wait_queue != wq)
		return false;
	waitq_unlink(wq, th, result);
	return true;
}

/*
 * Routine:	thread_block
 * Purpose:	Wait on wq until woken, deadline or abort.
 * Conditions:	Kernel locked; released while asleep.
 * Returns:	The wait result the waker chose, THREAD_TIMED_OUT or
 *		THREAD_INTERRUPTED.
 */
wait_result_t thread_block(struct waitq *wq, const struct timespec *deadline)
{
	thread_t th = current_thread();

	assert(ksim_locked());
	ksim_wake_deferred();		/* before this thread sleeps */
	th->wait_queue = wq;
	th->wait_result = THREAD_AWAKENED;
	if (wq->wq_policy & WAITQ_LIFO)
		TAILQ_INSERT_HEAD(&wq->wq_threads, th, wait_link);
	else
		TAILQ_INSERT_TAIL(&wq->wq_threads, th, wait_link);

	while (th->wait_queue == wq) {
		int rc;

		__atomic_store_n(&ksim_owned, 0, __ATOMIC_RELAXED);
		if (deadline != NULL)
			rc = pthread_cond_timedwait(&th->wait_cv, &ksim_mutex,
			    deadline);
		else
			rc = pthread_cond_wait(&th->wait_cv, &ksim_mutex);
		__atomic_store_n(&ksim_owner, pthread_self(), __ATOMIC_RELAXED);
		__atomic_store_n(&ksim_owned, 1, __ATOMIC_RELAXED);
		if (rc == ETIMEDOUT && th->wait_queue == wq) {
			TAILQ_REMOVE(&wq->wq_threads, th, wait_link);
			th->wait_queue = NULL;
			th->wait_result = THREAD_TIMED_OUT;
		}
	}
	return th->wait_result;
}
