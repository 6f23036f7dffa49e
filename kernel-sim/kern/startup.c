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
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <ksim/ipc.h>
#include <ksim/kern.h>

static pthread_once_t ksim_once = PTHREAD_ONCE_INIT;

task_t kernel_task;
task_t bootstrap_task;
ipc_space_t ipc_space_kernel;

void task_boot(void);

static void ksim_boot_once(void)
{
	task_boot();
	exception_init();
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

/*
 * The kernel lock: a futex word (0 free, 1 held, 2 held and a thread may
 * sleep on it) and a per-thread hold count, so that the lock nests: code
 * that holds it may call a routine that takes it again (the kernel-call
 * fast path holds it across the demuxer, whose work functions take it
 * as they would from any caller).  thread_block releases every level
 * while the thread sleeps and restores them.
 *
 * Taking it uncontended is one compare-and-swap, releasing it one
 * exchange.  A thread that finds it held spins a little only while the
 * holder last ran on another CPU; on its own CPU the holder cannot run
 * while it spins (BENCHMARKING: spinning against your own peer on one
 * CPU only burns its time slice), so it sleeps at once.
 */
#define KSIM_SPIN_MAX	200	/* pause loops, about a microsecond */

static uint32_t ksim_word;
static int ksim_holder_cpu = -1;
static __thread unsigned ksim_depth;
__thread unsigned ksim_kernel_busy;

static long ksim_futex(uint32_t *word, int op, uint32_t val,
    const struct timespec *abs)
{
	return syscall(SYS_futex, word, op, val, abs, NULL,
	    FUTEX_BITSET_MATCH_ANY);
}

static void cpu_relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
	__builtin_ia32_pause();
#endif
}

static bool ksim_try(void)
{
	uint32_t free_ = 0;

	return __atomic_compare_exchange_n(&ksim_word, &free_, 1, false,
	    __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

/* The lock is held: spin while its holder runs elsewhere, then sleep. */
static void ksim_lock_slow(void)
{
	int me = sched_getcpu(), i;

	for (i = 0; i < KSIM_SPIN_MAX; i++) {
		int holder = __atomic_load_n(&ksim_holder_cpu,
		    __ATOMIC_RELAXED);

		if (holder < 0 || holder == me)
			break;
		cpu_relax();
		if (__atomic_load_n(&ksim_word, __ATOMIC_RELAXED) == 0 &&
		    ksim_try())
			return;
	}
	while (__atomic_exchange_n(&ksim_word, 2, __ATOMIC_ACQUIRE) != 0)
		ksim_futex(&ksim_word, FUTEX_WAIT_PRIVATE, 2, NULL);
}

/* Take the lock at the first level (the caller's count is 0). */
static void ksim_lock_first(void)
{
	if (!ksim_try())
		ksim_lock_slow();
	__atomic_store_n(&ksim_holder_cpu, sched_getcpu(), __ATOMIC_RELAXED);
}

/* Release the last level. */
static void ksim_unlock_last(void)
{
	__atomic_store_n(&ksim_holder_cpu, -1, __ATOMIC_RELAXED);
	if (__atomic_exchange_n(&ksim_word, 0, __ATOMIC_RELEASE) == 2)
		ksim_futex(&ksim_word, FUTEX_WAKE_PRIVATE, 1, NULL);
}

void ksim_lock(void)
{
	if (ksim_depth++ == 0)
		ksim_lock_first();
}

/* ksim_lock, unless that means waiting: true when the lock is held. */
bool ksim_trylock(void)
{
	if (ksim_depth > 0) {
		ksim_depth++;
		return true;
	}
	if (!ksim_try())
		return false;
	__atomic_store_n(&ksim_holder_cpu, sched_getcpu(), __ATOMIC_RELAXED);
	ksim_depth = 1;
	return true;
}

/*
 * Deferred wakeups.  A thread woken while its waker holds the kernel lock
 * would only run to block again on that lock, so waitq_unlink records
 * the wakeup (with a reference on the thread, which may meanwhile leave
 * its wait by timeout and exit) and the thread's wait word is bumped and
 * woken once the lock is released: by ksim_unlock, or by thread_block
 * once it has released the lock to sleep.  Per pthread, since the lock's
 * holder is the waker.
 */
#define KSIM_DEFERRED_MAX	16

static __thread thread_t ksim_deferred[KSIM_DEFERRED_MAX];
static __thread int ksim_ndeferred;

/* Wake th from its wait word.  Conditions: any (lock held or not). */
static void thread_wake(thread_t th)
{
	__atomic_add_fetch(&th->wait_word, 1, __ATOMIC_RELEASE);
	ksim_futex(&th->wait_word, FUTEX_WAKE_PRIVATE, 1, NULL);
}

/* Signal the recorded wakeups.  Conditions: any (lock held or not). */
static void ksim_wake_deferred(void)
{
	while (ksim_ndeferred > 0) {
		thread_t th = ksim_deferred[--ksim_ndeferred];

		thread_wake(th);
		thread_deallocate(th);
	}
}

/*
 * Work deferred until the lock is released: large frees and unmaps,
 * which cost time in proportion to their size and need no kernel state.
 * Per pthread; when the list is full the work is done at once.
 */
#define KSIM_DEFER_MAX	8

struct ksim_deferred_work {
	void	(*fn)(void *, size_t);
	void	*arg;
	size_t	size;
};

static __thread struct ksim_deferred_work ksim_defer_list[KSIM_DEFER_MAX];
static __thread int ksim_ndefer;

void ksim_defer(void (*fn)(void *, size_t), void *arg, size_t size)
{
	if (ksim_depth == 0 || ksim_ndefer == KSIM_DEFER_MAX) {
		fn(arg, size);
		return;
	}
	ksim_defer_list[ksim_ndefer].fn = fn;
	ksim_defer_list[ksim_ndefer].arg = arg;
	ksim_defer_list[ksim_ndefer].size = size;
	ksim_ndefer++;
}

static void ksim_run_deferred(void)
{
	while (ksim_ndefer > 0) {
		struct ksim_deferred_work w = ksim_defer_list[--ksim_ndefer];

		w.fn(w.arg, w.size);
	}
}

/* Run the deferred work now, lock held or not: before a fixed mapping
   that could meet a range whose unmapping is still pending. */
void ksim_run_deferred_now(void)
{
	if (ksim_ndefer > 0)
		ksim_run_deferred();
}

void ksim_unlock(void)
{
	assert(ksim_depth > 0);
	if (--ksim_depth > 0)
		return;
	ksim_unlock_last();
	if (ksim_ndeferred > 0)
		ksim_wake_deferred();
	if (ksim_ndefer > 0)
		ksim_run_deferred();
	if (ksim_stop_pending)
		thread_stop_point();
}

bool ksim_locked(void)
{
	return ksim_depth > 0;
}

unsigned ksim_unlock_all(void)
{
	unsigned depth = ksim_depth;

	if (depth == 0)
		return 0;
	ksim_kernel_busy++;
	ksim_depth = 1;
	ksim_unlock();
	return depth;
}

void ksim_relock(unsigned depth)
{
	if (depth == 0)
		return;
	ksim_lock();
	ksim_depth = depth;
	ksim_kernel_busy--;
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
		thread_wake(th);
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
	unsigned depth = ksim_depth;

	assert(ksim_locked());
	th->wait_queue = wq;
	th->wait_result = THREAD_AWAKENED;
	if (wq->wq_policy & WAITQ_LIFO)
		TAILQ_INSERT_HEAD(&wq->wq_threads, th, wait_link);
	else
		TAILQ_INSERT_TAIL(&wq->wq_threads, th, wait_link);

	/* The word is read under the lock, before the lock is released: a
	   waker that unlinks this thread afterwards bumps it, so the wait
	   below returns at once instead of missing the wakeup. */
	while (th->wait_queue == wq) {
		uint32_t seen = __atomic_load_n(&th->wait_word,
		    __ATOMIC_ACQUIRE);
		long rc;

		/* The wakeups this thread owes go out once the lock is
		   free, so that a woken thread that runs at once (on this
		   CPU, in place of the waker) does not find it held. */
		ksim_depth = 0;
		ksim_unlock_last();
		ksim_wake_deferred();
		ksim_kernel_busy++;
		rc = ksim_futex(&th->wait_word,
		    FUTEX_WAIT_BITSET_PRIVATE, seen, deadline);
		ksim_kernel_busy--;
		if (rc != 0 && errno == ETIMEDOUT)
			rc = ETIMEDOUT;
		ksim_lock_first();
		ksim_depth = depth;
		if (rc == ETIMEDOUT && th->wait_queue == wq) {
			TAILQ_REMOVE(&wq->wq_threads, th, wait_link);
			th->wait_queue = NULL;
			th->wait_result = THREAD_TIMED_OUT;
		}
	}
	return th->wait_result;
}
