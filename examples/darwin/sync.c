/*
 * sync.c - Mach semaphores and lock sets between pthreads, as for
 * Darwin: a bounded buffer guarded by two counting semaphores and a lock
 * of a lock set; semaphore_timedwait timing out; semaphore_signal_all;
 * semaphore_destroy waking a waiter with KERN_TERMINATED; lock_try,
 * lock_acquire and lock_release answers for owner and non-owner.
 *
 *   cc sync.c $(pkg-config --cflags --libs machsim)
 */
#define _POSIX_C_SOURCE 200809L	/* clock_gettime, nanosleep */

#include <mach/mach.h>
#include <mach/mach_error.h>
#include <mach/lock_set.h>
#include <mach/semaphore.h>
#include <mach/sync_policy.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define FAIL(...) do { \
	fprintf(stderr, "sync: %s:%d: ", __FILE__, __LINE__); \
	fprintf(stderr, __VA_ARGS__); \
	fputc('\n', stderr); \
	exit(1); \
} while (0)

#define CHECK_KR(expr) do { \
	kern_return_t kr_ = (expr); \
	if (kr_ != KERN_SUCCESS) \
		FAIL("%s: %s (0x%x)", #expr, mach_error_string(kr_), kr_); \
} while (0)

#define EXPECT_KR(expr, want) do { \
	kern_return_t kr_ = (expr); \
	if (kr_ != (want)) \
		FAIL("%s: got %s (0x%x), want %s (0x%x)", #expr, \
		     mach_error_string(kr_), kr_, \
		     mach_error_string(want), (want)); \
} while (0)

#define EXPECT(cond) do { \
	if (!(cond)) \
		FAIL("expected %s", #cond); \
} while (0)

#define NPRODUCERS 3
#define NCONSUMERS 3
#define ITEMS_PER_PRODUCER 2000
#define SLOTS 8
#define NWAITERS 4

/* ---- bounded buffer ------------------------------------------------------- */

static semaphore_t empty_slots, full_slots;
static lock_set_t locks;
enum { BUFFER_LOCK = 0, STATS_LOCK = 1, NLOCKS = 2 };

static int buffer[SLOTS];
static int head, tail;
static long long consumed_sum;
static int consumed_count;

static void *producer(void *arg)
{
	int base = *(int *)arg;
	for (int i = 0; i < ITEMS_PER_PRODUCER; i++) {
		CHECK_KR(semaphore_wait(empty_slots));
		CHECK_KR(lock_acquire(locks, BUFFER_LOCK));
		buffer[tail] = base + i;
		tail = (tail + 1) % SLOTS;
		CHECK_KR(lock_release(locks, BUFFER_LOCK));
		CHECK_KR(semaphore_signal(full_slots));
	}
	return NULL;
}

static void *consumer(void *arg)
{
	int n = *(int *)arg;
	for (int i = 0; i < n; i++) {
		CHECK_KR(semaphore_wait(full_slots));
		CHECK_KR(lock_acquire(locks, BUFFER_LOCK));
		int v = buffer[head];
		head = (head + 1) % SLOTS;
		CHECK_KR(lock_release(locks, BUFFER_LOCK));
		CHECK_KR(semaphore_signal(empty_slots));

		CHECK_KR(lock_acquire(locks, STATS_LOCK));
		consumed_sum += v;
		consumed_count++;
		CHECK_KR(lock_release(locks, STATS_LOCK));
	}
	return NULL;
}

static void bounded_buffer(void)
{
	task_t self = mach_task_self();
	pthread_t prod[NPRODUCERS], cons[NCONSUMERS];
	int bases[NPRODUCERS], shares[NCONSUMERS];
	int total = NPRODUCERS * ITEMS_PER_PRODUCER;

	CHECK_KR(semaphore_create(self, &empty_slots, SYNC_POLICY_FIFO,
				  SLOTS));
	CHECK_KR(semaphore_create(self, &full_slots, SYNC_POLICY_FIFO, 0));
	CHECK_KR(lock_set_create(self, &locks, NLOCKS, SYNC_POLICY_FIFO));

	for (int i = 0; i < NCONSUMERS; i++) {
		shares[i] = total / NCONSUMERS +
		    (i < total % NCONSUMERS ? 1 : 0);
		if (pthread_create(&cons[i], NULL, consumer, &shares[i]) != 0)
			FAIL("pthread_create");
	}
	for (int i = 0; i < NPRODUCERS; i++) {
		bases[i] = i * 1000000;
		if (pthread_create(&prod[i], NULL, producer, &bases[i]) != 0)
			FAIL("pthread_create");
	}
	for (int i = 0; i < NPRODUCERS; i++)
		pthread_join(prod[i], NULL);
	for (int i = 0; i < NCONSUMERS; i++)
		pthread_join(cons[i], NULL);

	long long want = 0;
	for (int p = 0; p < NPRODUCERS; p++)
		for (int i = 0; i < ITEMS_PER_PRODUCER; i++)
			want += bases[p] + i;
	EXPECT(consumed_count == total);
	EXPECT(consumed_sum == want);

	/* Every slot is free again and nothing is left to consume. */
	mach_timespec_t poll = { 0, 0 };
	EXPECT_KR(semaphore_timedwait(full_slots, poll),
		  KERN_OPERATION_TIMED_OUT);
	for (int i = 0; i < SLOTS; i++)
		CHECK_KR(semaphore_timedwait(empty_slots, poll));
	EXPECT_KR(semaphore_timedwait(empty_slots, poll),
		  KERN_OPERATION_TIMED_OUT);

	CHECK_KR(semaphore_destroy(self, empty_slots));
	CHECK_KR(semaphore_destroy(self, full_slots));
}

/* ---- timed waits -------------------------------------------------------------- */

static double elapsed_ms(const struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) * 1e3 +
	    (double)(t1.tv_nsec - t0->tv_nsec) / 1e6;
}

static void timed_waits(void)
{
	semaphore_t sem;
	mach_timespec_t wait = { 0, 50 * 1000 * 1000 };
	mach_timespec_t bad = { 0, 1000 * 1000 * 1000 };
	struct timespec t0;

	CHECK_KR(semaphore_create(mach_task_self(), &sem, SYNC_POLICY_FIFO,
				  0));
	clock_gettime(CLOCK_MONOTONIC, &t0);
	EXPECT_KR(semaphore_timedwait(sem, wait), KERN_OPERATION_TIMED_OUT);
	double ms = elapsed_ms(&t0);
	if (ms < 45.0)
		FAIL("50 ms semaphore_timedwait returned after %.1f ms", ms);
	EXPECT_KR(semaphore_timedwait(sem, bad), KERN_INVALID_VALUE);

	/* A posted signal is taken at once. */
	CHECK_KR(semaphore_signal(sem));
	CHECK_KR(semaphore_timedwait(sem, wait));

	/* Bad arguments. */
	EXPECT_KR(semaphore_create(mach_task_self(), &sem, SYNC_POLICY_FIFO,
				   -1), KERN_INVALID_ARGUMENT);
	CHECK_KR(semaphore_destroy(mach_task_self(), sem));
}

/* ---- signal_all and destroy wake blocked threads ------------------------ */

static semaphore_t gate, ready;
static kern_return_t waiter_result[NWAITERS];

static void *gate_waiter(void *arg)
{
	int i = *(int *)arg;
	/* Signal `ready` and block on `gate` atomically, so the main thread
	   knows we are waiting once it has taken our `ready`.  A generous
	   timeout keeps a missed wakeup from hanging the program. */
	mach_timespec_t limit = { 10, 0 };
	waiter_result[i] = semaphore_timedwait_signal(gate, ready, limit);
	return NULL;
}

static void start_waiters(pthread_t *thr, int *ids, int n)
{
	for (int i = 0; i < n; i++) {
		ids[i] = i;
		waiter_result[i] = KERN_FAILURE;
		if (pthread_create(&thr[i], NULL, gate_waiter, &ids[i]) != 0)
			FAIL("pthread_create");
	}
	for (int i = 0; i < n; i++)
		CHECK_KR(semaphore_wait(ready));
}

static void wakeups(void)
{
	task_t self = mach_task_self();
	pthread_t thr[NWAITERS];
	int ids[NWAITERS];

	CHECK_KR(semaphore_create(self, &gate, SYNC_POLICY_FIFO, 0));
	CHECK_KR(semaphore_create(self, &ready, SYNC_POLICY_FIFO, 0));

	/* signal_all wakes every waiter and leaves the count at 0. */
	start_waiters(thr, ids, NWAITERS);
	CHECK_KR(semaphore_signal_all(gate));
	for (int i = 0; i < NWAITERS; i++) {
		pthread_join(thr[i], NULL);
		if (waiter_result[i] != KERN_SUCCESS)
			FAIL("waiter %d after signal_all: %s", i,
			     mach_error_string(waiter_result[i]));
	}
	mach_timespec_t poll = { 0, 0 };
	EXPECT_KR(semaphore_timedwait(gate, poll), KERN_OPERATION_TIMED_OUT);
	/* With nobody waiting, signal_all does nothing. */
	CHECK_KR(semaphore_signal_all(gate));
	EXPECT_KR(semaphore_timedwait(gate, poll), KERN_OPERATION_TIMED_OUT);

	/* Destroying the semaphore: the waiter gets KERN_TERMINATED.
	   semaphore_destroy consumes the send right it is given
	   (semaphore_consume_ref_t); a second reference we kept turns into
	   a dead name. */
	start_waiters(thr, ids, 1);
	CHECK_KR(mach_port_mod_refs(self, gate, MACH_PORT_RIGHT_SEND, 1));
	CHECK_KR(semaphore_destroy(self, gate));
	pthread_join(thr[0], NULL);
	EXPECT_KR(waiter_result[0], KERN_TERMINATED);
	{
		mach_port_type_t type;
		CHECK_KR(mach_port_type(self, gate, &type));
		EXPECT(type == MACH_PORT_TYPE_DEAD_NAME);
	}
	EXPECT_KR(semaphore_signal(gate), KERN_INVALID_ARGUMENT);
	CHECK_KR(mach_port_deallocate(self, gate));
	CHECK_KR(semaphore_destroy(self, ready));
}

/* ---- lock set answers ------------------------------------------------------- */

static lock_set_t answers_set;
static kern_return_t other_try, other_release;
static semaphore_t acquired_sem, release_sem;

static void *other_thread(void *arg)
{
	(void)arg;
	other_try = lock_try(answers_set, 0);
	other_release = lock_release(answers_set, 0);
	return NULL;
}

/* Blocks in lock_acquire until the main thread releases. */
static kern_return_t blocked_acquire;

static void *blocked_thread(void *arg)
{
	(void)arg;
	blocked_acquire = lock_acquire(answers_set, 0);
	CHECK_KR(semaphore_signal(acquired_sem));
	CHECK_KR(semaphore_wait(release_sem));
	if (blocked_acquire == KERN_SUCCESS)
		CHECK_KR(lock_release(answers_set, 0));
	return NULL;
}

static void lock_answers(void)
{
	task_t self = mach_task_self();
	pthread_t thr;

	CHECK_KR(lock_set_create(self, &answers_set, 2, SYNC_POLICY_FIFO));
	CHECK_KR(semaphore_create(self, &acquired_sem, SYNC_POLICY_FIFO, 0));
	CHECK_KR(semaphore_create(self, &release_sem, SYNC_POLICY_FIFO, 0));

	CHECK_KR(lock_try(answers_set, 0));
	EXPECT_KR(lock_try(answers_set, 0), KERN_LOCK_OWNED_SELF);
	EXPECT_KR(lock_acquire(answers_set, 0), KERN_LOCK_OWNED_SELF);
	EXPECT_KR(lock_acquire(answers_set, 2), KERN_INVALID_ARGUMENT);
	EXPECT_KR(lock_release(answers_set, 1), KERN_INVALID_RIGHT);

	/* Another thread: lock_try says owned, release is not its to do. */
	if (pthread_create(&thr, NULL, other_thread, NULL) != 0)
		FAIL("pthread_create");
	pthread_join(thr, NULL);
	EXPECT_KR(other_try, KERN_LOCK_OWNED);
	EXPECT_KR(other_release, KERN_INVALID_RIGHT);

	/* A blocked acquirer is handed the lock on release. */
	if (pthread_create(&thr, NULL, blocked_thread, NULL) != 0)
		FAIL("pthread_create");
	mach_timespec_t short_wait = { 0, 20 * 1000 * 1000 };
	EXPECT_KR(semaphore_timedwait(acquired_sem, short_wait),
		  KERN_OPERATION_TIMED_OUT);	/* still blocked */
	CHECK_KR(lock_release(answers_set, 0));
	CHECK_KR(semaphore_wait(acquired_sem));
	EXPECT_KR(blocked_acquire, KERN_SUCCESS);
	EXPECT_KR(lock_try(answers_set, 0), KERN_LOCK_OWNED);
	CHECK_KR(semaphore_signal(release_sem));
	pthread_join(thr, NULL);
	CHECK_KR(lock_try(answers_set, 0));
	CHECK_KR(lock_release(answers_set, 0));

	/* Destroyed: the set's port is gone, so MIG cannot reach it. */
	CHECK_KR(lock_set_destroy(self, answers_set));
	EXPECT_KR(lock_acquire(answers_set, 0), MACH_SEND_INVALID_DEST);
	CHECK_KR(mach_port_deallocate(self, answers_set));

	CHECK_KR(semaphore_destroy(self, acquired_sem));
	CHECK_KR(semaphore_destroy(self, release_sem));
	CHECK_KR(lock_set_destroy(self, locks));
}

int main(void)
{
	bounded_buffer();
	timed_waits();
	wakeups();
	lock_answers();
	printf("sync: ok: %d items through a bounded buffer (%d producers, "
	       "%d consumers), timed waits, signal_all, destroy, lock "
	       "answers\n", NPRODUCERS * ITEMS_PER_PRODUCER, NPRODUCERS,
	       NCONSUMERS);
	return 0;
}
