/*
 * test_sync.c - semaphores and lock sets (MACH-SEMANTICS section 5),
 * through the kernel functions and through the user calls (traps).
 */
#define MACHSIM_KERNEL 1	/* the kernel view of the Mach types */
#include <pthread.h>
#include <unistd.h>

#include <mach/semaphore.h>
#include <machsim/machsim.h>

#include "../ksim_test.h"
#include <ksim/sync.h>

Suite *sync_suite(void);

static mach_port_name_t sem_name(semaphore_t sem)
{
	mach_port_name_t n = MACH_PORT_NULL;

	ksim_lock();
	ck_assert_int_eq(ipc_right_copyout(kt_space(),
	    ipc_port_make_send(sem->port), MACH_MSG_TYPE_PORT_SEND, &n),
	    KERN_SUCCESS);
	ksim_unlock();
	return n;
}

static void sem_release(semaphore_t sem)
{
	ksim_lock();
	semaphore_dereference(sem);
	ksim_unlock();
}

START_TEST(semaphore_create_errors)
{
	semaphore_t sem;

	ck_assert_int_eq(ksim_semaphore_create(TASK_NULL, &sem, 0, 0),
	    KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(ksim_semaphore_create(current_task(), &sem, 0, -1),
	    KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(ksim_semaphore_create(current_task(), &sem, 8, 0),
	    KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(ksim_semaphore_create(current_task(), &sem,
	    SYNC_POLICY_FIFO, 2), KERN_SUCCESS);
	ck_assert_int_eq(semaphore_destroy_internal(TASK_NULL, sem),
	    KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(semaphore_destroy_internal(kernel_task, sem),
	    KERN_INVALID_RIGHT);
	ck_assert_int_eq(semaphore_destroy_internal(current_task(), sem), KERN_SUCCESS);
	sem_release(sem);
}
END_TEST

START_TEST(semaphore_counting_and_poll)
{
	semaphore_t sem;
	mach_port_name_t n;
	mach_timespec_t zero = { 0, 0 }, bad = { 0, 1000000000 };

	ck_assert_int_eq(ksim_semaphore_create(current_task(), &sem, 0, 1),
	    KERN_SUCCESS);
	n = sem_name(sem);
	ck_assert_int_eq(semaphore_wait(n), KERN_SUCCESS);
	ck_assert_int_eq(semaphore_timedwait(n, zero),
	    KERN_OPERATION_TIMED_OUT);
	ck_assert_int_eq(semaphore_timedwait(n, bad), KERN_INVALID_VALUE);
	ck_assert_int_eq(semaphore_signal(n), KERN_SUCCESS);
	ck_assert_int_eq(semaphore_signal(n), KERN_SUCCESS);
	ck_assert_int_eq(sem->count, 2);
	ck_assert_int_eq(semaphore_timedwait(n, zero), KERN_SUCCESS);
	ck_assert_int_eq(semaphore_signal_all(n), KERN_SUCCESS);
	ck_assert_int_eq(sem->count, 1);	/* no waiters: nothing */
	ck_assert_int_eq(semaphore_signal_thread(n, MACH_PORT_NULL),
	    KERN_NOT_WAITING);
	ck_assert_int_eq(semaphore_destroy_internal(current_task(), sem), KERN_SUCCESS);
	/* the name is now a dead name: traps say KERN_INVALID_ARGUMENT */
	ck_assert_uint_eq(kt_type(n), MACH_PORT_TYPE_DEAD_NAME);
	ck_assert_int_eq(semaphore_signal(n), KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(semaphore_signal(0x4321), KERN_INVALID_NAME);
	ck_assert_int_eq(ksim_mach_port_deallocate(kt_space(), n), KERN_SUCCESS);
	sem_release(sem);
}
END_TEST

static void *sem_waiter(void *arg)
{
	return (void *)(intptr_t)semaphore_wait((mach_port_t)(uintptr_t)arg);
}

static void wait_for_waiters(semaphore_t sem, int n)
{
	for (;;) {
		int c = 0;
		thread_t th;

		ksim_lock();
		TAILQ_FOREACH(th, &sem->waiters.wq_threads, wait_link)
			c++;
		ksim_unlock();
		if (c >= n)
			return;
		usleep(1000);
	}
}

START_TEST(semaphore_wakeups_and_destroy)
{
	semaphore_t sem;
	mach_port_name_t n;
	pthread_t t[3];
	void *res;
	int i;

	ck_assert_int_eq(ksim_semaphore_create(current_task(), &sem, 0, 0),
	    KERN_SUCCESS);
	n = sem_name(sem);
	for (i = 0; i < 3; i++)
		pthread_create(&t[i], NULL, sem_waiter, (void *)(uintptr_t)n);
	wait_for_waiters(sem, 3);
	ck_assert_int_eq(semaphore_signal(n), KERN_SUCCESS);
	ck_assert_int_eq(sem->count, 0);	/* handed to a waiter */
	ck_assert_int_eq(semaphore_signal_thread(n, MACH_PORT_NULL),
	    KERN_SUCCESS);
	wait_for_waiters(sem, 1);
	ck_assert_int_eq(semaphore_destroy_internal(current_task(), sem), KERN_SUCCESS);
	{
		int ok = 0, term = 0;

		for (i = 0; i < 3; i++) {
			pthread_join(t[i], &res);
			if ((intptr_t)res == KERN_SUCCESS)
				ok++;
			else if ((intptr_t)res == KERN_TERMINATED)
				term++;
		}
		ck_assert_int_eq(ok, 2);
		ck_assert_int_eq(term, 1);
	}
	ksim_mach_port_deallocate(kt_space(), n);
	sem_release(sem);
}
END_TEST

static void *sem_timed(void *arg)
{
	mach_timespec_t t = { 5, 0 };

	return (void *)(intptr_t)semaphore_timedwait((mach_port_t)(uintptr_t)arg,
	    t);
}

START_TEST(semaphore_abort_and_timeout)
{
	semaphore_t sem;
	mach_port_name_t n;
	mach_timespec_t t = { 0, 20000000 };
	pthread_t pt;
	void *res;
	thread_t waiter;

	ck_assert_int_eq(ksim_semaphore_create(current_task(), &sem, 0, 0),
	    KERN_SUCCESS);
	n = sem_name(sem);
	ck_assert_int_eq(semaphore_timedwait(n, t), KERN_OPERATION_TIMED_OUT);
	pthread_create(&pt, NULL, sem_timed, (void *)(uintptr_t)n);
	wait_for_waiters(sem, 1);
	ksim_lock();
	waiter = TAILQ_FIRST(&sem->waiters.wq_threads);
	ksim_unlock();
	ck_assert_int_eq(ksim_thread_abort(waiter), KERN_SUCCESS);
	pthread_join(pt, &res);
	ck_assert_int_eq((intptr_t)res, KERN_ABORTED);
	ck_assert_int_eq(semaphore_destroy_internal(current_task(), sem), KERN_SUCCESS);
	ksim_mach_port_deallocate(kt_space(), n);
	sem_release(sem);
}
END_TEST

struct pingpong {
	mach_port_name_t	a, b;
	int			rounds;
};

static void *pong(void *arg)
{
	struct pingpong *pp = arg;
	int i;

	for (i = 0; i < pp->rounds; i++)
		if (semaphore_wait_signal(pp->a, pp->b) != KERN_SUCCESS)
			return (void *)1;
	return NULL;
}

START_TEST(semaphore_wait_signal_pingpong)
{
	semaphore_t sa, sb;
	struct pingpong pp;
	pthread_t pt;
	void *res;
	int i;

	ck_assert_int_eq(ksim_semaphore_create(current_task(), &sa, 0, 0), 0);
	ck_assert_int_eq(ksim_semaphore_create(current_task(), &sb, 0, 0), 0);
	pp.a = sem_name(sa);
	pp.b = sem_name(sb);
	pp.rounds = 2000;
	pthread_create(&pt, NULL, pong, &pp);
	for (i = 0; i < pp.rounds; i++)
		ck_assert_int_eq(semaphore_wait_signal(pp.b, pp.a),
		    KERN_SUCCESS);
	pthread_join(pt, &res);
	ck_assert_ptr_null(res);
	ck_assert_int_eq(sa->count + sb->count, 0);
	semaphore_destroy_internal(current_task(), sa);
	semaphore_destroy_internal(current_task(), sb);
	ksim_mach_port_deallocate(kt_space(), pp.a);
	ksim_mach_port_deallocate(kt_space(), pp.b);
	sem_release(sa);
	sem_release(sb);
}
END_TEST

START_TEST(semaphore_user_create)
{
	mach_port_t task = task_self_trap(), s;

	ck_assert_int_eq(machsim_semaphore_create(task, &s, 0, 1),
	    KERN_SUCCESS);
	ck_assert_int_eq(semaphore_wait(s), KERN_SUCCESS);
	ck_assert_int_eq(machsim_semaphore_create(task, &s, 0, -1),
	    KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(machsim_semaphore_destroy(task, s), KERN_SUCCESS);
	ck_assert_int_eq(machsim_semaphore_destroy(task, s),
	    KERN_INVALID_ARGUMENT);
	ksim_mach_port_deallocate(kt_space(), s);
	ksim_mach_port_deallocate(kt_space(), task);
}
END_TEST

/* ---- lock sets ---------------------------------------------------------------- */

static void ls_release(lock_set_t set)
{
	ksim_lock();
	lock_set_dereference(set);
	ksim_unlock();
}

START_TEST(lock_set_basic)
{
	lock_set_t set;

	ck_assert_int_eq(ksim_lock_set_create(current_task(), &set, 0, 0),
	    KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(ksim_lock_set_create(current_task(), &set, 2, 9),
	    KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(ksim_lock_set_create(current_task(), &set, 2, 0),
	    KERN_SUCCESS);
	ck_assert_int_eq(ksim_lock_acquire(set, 2), KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(ksim_lock_acquire(LOCK_SET_NULL, 0), KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(ksim_lock_release(set, 0), KERN_INVALID_RIGHT);
	ck_assert_int_eq(ksim_lock_make_stable(set, 0), KERN_INVALID_RIGHT);
	ck_assert_int_eq(ksim_lock_handoff(set, 0), KERN_INVALID_RIGHT);
	ck_assert_int_eq(ksim_lock_acquire(set, 0), KERN_SUCCESS);
	ck_assert_int_eq(ksim_lock_acquire(set, 0), KERN_LOCK_OWNED_SELF);
	ck_assert_int_eq(ksim_lock_try(set, 0), KERN_LOCK_OWNED_SELF);
	ck_assert_int_eq(ksim_lock_handoff_accept(set, 0), KERN_LOCK_OWNED_SELF);
	ck_assert_int_eq(ksim_lock_release(set, 0), KERN_SUCCESS);
	ck_assert_int_eq(ksim_lock_try(set, 0), KERN_SUCCESS);
	ck_assert_int_eq(ksim_lock_release(set, 0), KERN_SUCCESS);
	ck_assert_int_eq(ksim_lock_set_destroy(kernel_task, set),
	    KERN_INVALID_RIGHT);
	ck_assert_int_eq(ksim_lock_set_destroy(current_task(), set), KERN_SUCCESS);
	ck_assert_int_eq(ksim_lock_set_destroy(current_task(), set),
	    KERN_LOCK_SET_DESTROYED);
	ck_assert_int_eq(ksim_lock_acquire(set, 0), KERN_LOCK_SET_DESTROYED);
	ls_release(set);
}
END_TEST

/* semaphore_signal_all wakes every waiter, however many, and leaves the
   count at zero; with none waiting it does nothing. */
START_TEST(semaphore_signal_all_wakes_every_waiter)
{
	semaphore_t sem;
	mach_port_name_t n;
	pthread_t t[4];
	void *res;
	int i;

	ck_assert_int_eq(ksim_semaphore_create(current_task(), &sem, 0, 0),
	    KERN_SUCCESS);
	n = sem_name(sem);
	ck_assert_int_eq(semaphore_signal_all(n), KERN_SUCCESS);
	ck_assert_int_eq(sem->count, 0);
	for (i = 0; i < 4; i++)
		pthread_create(&t[i], NULL, sem_waiter, (void *)(uintptr_t)n);
	wait_for_waiters(sem, 4);
	ck_assert_int_eq(semaphore_signal_all(n), KERN_SUCCESS);
	for (i = 0; i < 4; i++) {
		pthread_join(t[i], &res);
		ck_assert_int_eq((intptr_t)res, KERN_SUCCESS);
	}
	ck_assert_int_eq(sem->count, 0);
	ck_assert(waitq_empty(&sem->waiters));
	ck_assert_int_eq(semaphore_destroy_internal(current_task(), sem),
	    KERN_SUCCESS);
	ksim_mach_port_deallocate(kt_space(), n);
	sem_release(sem);
}
END_TEST

struct ls_arg {
	lock_set_t	set;
	int		op;	/* 0 acquire, 1 try, 2 accept, 3 acquire+exit */
};

static void *ls_thread(void *p)
{
	struct ls_arg *a = p;
	kern_return_t kr;

	switch (a->op) {
	case 0:
		kr = ksim_lock_acquire(a->set, 0);
		if (kr == KERN_SUCCESS || kr == KERN_LOCK_UNSTABLE)
			ksim_lock_release(a->set, 0);
		break;
	case 1:
		kr = ksim_lock_try(a->set, 0);
		break;
	case 2:
		kr = ksim_lock_handoff_accept(a->set, 0);
		if (kr == KERN_SUCCESS)
			ksim_lock_release(a->set, 0);
		break;
	default:
		kr = ksim_lock_acquire(a->set, 0);	/* exits holding it */
		break;
	}
	return (void *)(intptr_t)kr;
}

static void wait_ulock(struct waitq *wq)
{
	for (;;) {
		bool e;

		ksim_lock();
		e = waitq_empty(wq);
		ksim_unlock();
		if (!e)
			return;
		usleep(1000);
	}
}

static void *ls_release_other(void *p)
{
	struct ls_arg *a = p;

	return (void *)(intptr_t)ksim_lock_release(a->set, a->op);
}

/* Only the holder may release or make stable: another thread of the
   same task gets KERN_INVALID_RIGHT, and the lock stays held. */
START_TEST(lock_release_by_non_holder)
{
	lock_set_t set;
	struct ls_arg a;
	pthread_t t;
	void *res;

	ck_assert_int_eq(ksim_lock_set_create(current_task(), &set, 2, 0),
	    KERN_SUCCESS);
	ck_assert_int_eq(ksim_lock_acquire(set, 1), KERN_SUCCESS);
	a.set = set;
	a.op = 1;
	pthread_create(&t, NULL, ls_release_other, &a);
	pthread_join(t, &res);
	ck_assert_int_eq((intptr_t)res, KERN_INVALID_RIGHT);
	ck_assert_ptr_eq(set->ulocks[1].holder, current_thread());
	/* A free lock has no holder to be: the same answer. */
	a.op = 0;
	pthread_create(&t, NULL, ls_release_other, &a);
	pthread_join(t, &res);
	ck_assert_int_eq((intptr_t)res, KERN_INVALID_RIGHT);
	ck_assert_int_eq(ksim_lock_release(set, 0), KERN_INVALID_RIGHT);
	ck_assert_int_eq(ksim_lock_make_stable(set, 0), KERN_INVALID_RIGHT);
	ck_assert_ptr_eq(set->ulocks[0].holder, THREAD_NULL);
	ck_assert_ptr_eq(set->ulocks[1].holder, current_thread());
	ck_assert_int_eq(ksim_lock_release(set, 1), KERN_SUCCESS);
	ck_assert_int_eq(ksim_lock_release(set, 1), KERN_INVALID_RIGHT);
	ck_assert_int_eq(ksim_lock_set_destroy(current_task(), set),
	    KERN_SUCCESS);
	lock_set_dereference(set);
}
END_TEST

START_TEST(lock_set_contention_handoff_unstable)
{
	lock_set_t set;
	struct ls_arg a;
	pthread_t t;
	void *res;

	ck_assert_int_eq(ksim_lock_set_create(current_task(), &set, 1, 0), 0);
	a.set = set;
	ck_assert_int_eq(ksim_lock_acquire(set, 0), KERN_SUCCESS);
	a.op = 1;
	pthread_create(&t, NULL, ls_thread, &a);
	pthread_join(t, &res);
	ck_assert_int_eq((intptr_t)res, KERN_LOCK_OWNED);
	a.op = 0;
	pthread_create(&t, NULL, ls_thread, &a);
	wait_ulock(&set->ulocks[0].waiters);
	ck_assert_int_eq(ksim_lock_release(set, 0), KERN_SUCCESS);
	pthread_join(t, &res);
	ck_assert_int_eq((intptr_t)res, KERN_SUCCESS);
	/* handoff to an acceptor that arrives later */
	ck_assert_int_eq(ksim_lock_acquire(set, 0), KERN_SUCCESS);
	a.op = 2;
	pthread_create(&t, NULL, ls_thread, &a);
	wait_ulock(&set->ulocks[0].ho_acceptor);
	ck_assert_int_eq(ksim_lock_handoff(set, 0), KERN_SUCCESS);
	pthread_join(t, &res);
	ck_assert_int_eq((intptr_t)res, KERN_SUCCESS);
	/* owner death: unstable until made stable */
	a.op = 3;
	pthread_create(&t, NULL, ls_thread, &a);
	pthread_join(t, &res);
	ck_assert_int_eq((intptr_t)res, KERN_SUCCESS);
	ck_assert_int_eq(ksim_lock_acquire(set, 0), KERN_LOCK_UNSTABLE);
	ck_assert_int_eq(ksim_lock_make_stable(set, 0), KERN_SUCCESS);
	ck_assert_int_eq(ksim_lock_release(set, 0), KERN_SUCCESS);
	ck_assert_int_eq(ksim_lock_acquire(set, 0), KERN_SUCCESS);
	/* destroy wakes a blocked acquirer */
	a.op = 0;
	pthread_create(&t, NULL, ls_thread, &a);
	wait_ulock(&set->ulocks[0].waiters);
	ck_assert_int_eq(ksim_lock_set_destroy(current_task(), set), KERN_SUCCESS);
	pthread_join(t, &res);
	ck_assert_int_eq((intptr_t)res, KERN_LOCK_SET_DESTROYED);
	ls_release(set);
}
END_TEST

/* Wakes the one thread waiting on wq, taking the kernel lock to see it. */
static void *lock_waker_main(void *p)
{
	struct waitq *wq = p;
	bool woke = false;

	while (!woke) {
		ksim_lock();
		woke = waitq_wakeup_one(wq, THREAD_AWAKENED) != THREAD_NULL;
		ksim_unlock();
		if (!woke)
			usleep(1000);
	}
	return NULL;
}

/*
 * The kernel lock nests (<ksim/kern.h>): it is held until every level
 * is released, and a thread that blocks while holding it at any depth
 * releases it entirely while asleep (another thread takes it to wake
 * it) and holds it at the same depth again on return.
 */
START_TEST(kernel_lock_nests)
{
	struct waitq wq;
	struct timespec deadline;
	pthread_t waker;

	ck_assert(!ksim_locked());
	ksim_lock();
	ksim_lock();
	ck_assert(ksim_locked());
	ksim_unlock();
	ck_assert(ksim_locked());
	ksim_unlock();
	ck_assert(!ksim_locked());

	waitq_init(&wq, WAITQ_FIFO);
	ck_assert_int_eq(pthread_create(&waker, NULL, lock_waker_main, &wq),
	    0);
	ksim_lock();
	ksim_lock();
	ksim_deadline_ms(&deadline, 10000);
	ck_assert_int_eq(thread_block(&wq, &deadline), THREAD_AWAKENED);
	ck_assert(ksim_locked());
	ksim_unlock();
	ck_assert(ksim_locked());
	ksim_unlock();
	ck_assert(!ksim_locked());
	ck_assert_int_eq(pthread_join(waker, NULL), 0);
}
END_TEST

Suite *sync_suite(void)
{
	Suite *s = suite_create("sync");
	TCase *tc = kt_tcase("semaphore");

	tcase_add_test(tc, kernel_lock_nests);
	tcase_add_test(tc, semaphore_create_errors);
	tcase_add_test(tc, semaphore_counting_and_poll);
	tcase_add_test(tc, semaphore_wakeups_and_destroy);
	tcase_add_test(tc, semaphore_signal_all_wakes_every_waiter);
	tcase_add_test(tc, semaphore_abort_and_timeout);
	tcase_add_test(tc, semaphore_wait_signal_pingpong);
	tcase_add_test(tc, semaphore_user_create);
	suite_add_tcase(s, tc);
	tc = kt_tcase("lock_set");
	tcase_add_test(tc, lock_set_basic);
	tcase_add_test(tc, lock_set_contention_handoff_unstable);
	tcase_add_test(tc, lock_release_by_non_holder);
	suite_add_tcase(s, tc);
	return s;
}
