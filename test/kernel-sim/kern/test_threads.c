/*
 * test_threads.c - real threads under Mach control, through the public
 * API: suspend and resume with counts, the registers of a suspended
 * thread read and changed, threads made at a register state in another
 * task, termination, task suspension, thread_info and task_threads.
 */
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include <sys/resource.h>
#include <unistd.h>

#include <mach/mach.h>
#include <machsim/machsim.h>

#include "../ksim_check.h"

Suite *threads_suite(void);

#define SELF	mach_task_self()

/* A worker that counts until told to stop, making a system call now and
   then (so that a sanitizer delivers its signals). */
struct spinner {
	atomic_ulong		count;
	atomic_bool		stop;
	atomic_uint		port;		/* its thread port, in our space */
	pthread_t		pt;
};

static void *spin_main(void *p)
{
	struct spinner *s = p;

	atomic_store(&s->port, mach_thread_self());
	while (!atomic_load(&s->stop)) {
		atomic_fetch_add(&s->count, 1);
		if ((atomic_load(&s->count) & 1023) == 0)
			sched_yield();
	}
	return NULL;
}

static void spinner_start(struct spinner *s, mach_port_t task)
{
	memset(s, 0, sizeof(*s));
	ck_assert_int_eq(machsim_thread_spawn(task, spin_main, s, &s->pt),
	    KERN_SUCCESS);
	while (atomic_load(&s->port) == MACH_PORT_NULL ||
	    atomic_load(&s->count) == 0)
		sched_yield();
}

static void spinner_stop(struct spinner *s)
{
	atomic_store(&s->stop, true);
	pthread_join(s->pt, NULL);
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/* Does the count move in ms milliseconds? */
static bool moving(struct spinner *s, long ms)
{
	unsigned long before = atomic_load(&s->count);

	sleep_ms(ms);
	return atomic_load(&s->count) != before;
}

static thread_basic_info_data_t basic_info(mach_port_t th)
{
	thread_basic_info_data_t bi;
	mach_msg_type_number_t n = THREAD_BASIC_INFO_COUNT;

	memset(&bi, 0, sizeof(bi));
	ck_assert_int_eq(thread_info(th, THREAD_BASIC_INFO,
	    (thread_info_t)&bi, &n), KERN_SUCCESS);
	ck_assert_uint_eq(n, THREAD_BASIC_INFO_COUNT);
	return bi;
}

/* Suspend counts: two suspends need two resumes; a resume at 0 fails. */
START_TEST(suspend_resume_counts)
{
	struct spinner s;
	mach_port_t th;

	spinner_start(&s, SELF);
	th = atomic_load(&s.port);
	ck_assert(moving(&s, 20));
	ck_assert_int_eq(thread_suspend(th), KERN_SUCCESS);
	ck_assert(!moving(&s, 50));
	ck_assert_int_eq(basic_info(th).run_state, TH_STATE_STOPPED);
	ck_assert_int_eq(basic_info(th).suspend_count, 1);
	ck_assert_int_eq(thread_suspend(th), KERN_SUCCESS);
	ck_assert_int_eq(thread_resume(th), KERN_SUCCESS);
	ck_assert(!moving(&s, 50));
	ck_assert_int_eq(thread_resume(th), KERN_SUCCESS);
	ck_assert(moving(&s, 50));
	ck_assert_int_eq(basic_info(th).suspend_count, 0);
	ck_assert_int_eq(basic_info(th).run_state, TH_STATE_RUNNING);
	ck_assert_int_eq(thread_resume(th), KERN_FAILURE);
	spinner_stop(&s);
	ck_assert_int_eq(thread_suspend(th), MACH_SEND_INVALID_DEST);
	ck_assert_int_eq(mach_port_deallocate(SELF, th), KERN_SUCCESS);
}
END_TEST

/* The registers of a suspended thread, read; errors of the call. */
START_TEST(get_state_of_suspended_thread)
{
	struct spinner s;
	mach_port_t th;
	x86_thread_state64_t ts, ts2;
	x86_thread_state_t gen;
	x86_float_state64_t fs;
	mach_msg_type_number_t n;

	spinner_start(&s, SELF);
	th = atomic_load(&s.port);
	ck_assert_int_eq(thread_suspend(th), KERN_SUCCESS);
	n = x86_THREAD_STATE64_COUNT;
	ck_assert_int_eq(thread_get_state(th, x86_THREAD_STATE64,
	    (thread_state_t)&ts, &n), KERN_SUCCESS);
	ck_assert_uint_eq(n, x86_THREAD_STATE64_COUNT);
	ck_assert_uint_ne(ts.__rip, 0);
	ck_assert_uint_ne(ts.__rsp, 0);
	/* The same registers again: it is stopped. */
	n = x86_THREAD_STATE64_COUNT;
	ck_assert_int_eq(thread_get_state(th, x86_THREAD_STATE64,
	    (thread_state_t)&ts2, &n), KERN_SUCCESS);
	ck_assert_mem_eq(&ts, &ts2, sizeof(ts));
	n = x86_THREAD_STATE_COUNT;
	ck_assert_int_eq(thread_get_state(th, x86_THREAD_STATE,
	    (thread_state_t)&gen, &n), KERN_SUCCESS);
	ck_assert_uint_eq(gen.tsh.flavor, x86_THREAD_STATE64);
	ck_assert_uint_eq(gen.tsh.count, x86_THREAD_STATE64_COUNT);
	ck_assert_uint_eq(gen.uts.ts64.__rip, ts.__rip);
	n = x86_FLOAT_STATE64_COUNT;
	ck_assert_int_eq(thread_get_state(th, x86_FLOAT_STATE64,
	    (thread_state_t)&fs, &n), KERN_SUCCESS);
	ck_assert_uint_eq(fs.__fpu_mxcsr & 0xffc0, 0x1f80 & 0xffc0);
	/* Errors: a count too small, an unknown flavor, the caller. */
	n = x86_THREAD_STATE64_COUNT - 1;
	ck_assert_int_eq(thread_get_state(th, x86_THREAD_STATE64,
	    (thread_state_t)&ts, &n), KERN_INVALID_ARGUMENT);
	n = x86_THREAD_STATE64_COUNT;
	ck_assert_int_eq(thread_get_state(th, 999, (thread_state_t)&ts, &n),
	    KERN_INVALID_ARGUMENT);
	{
		mach_port_t me = mach_thread_self();

		n = x86_THREAD_STATE64_COUNT;
		ck_assert_int_eq(thread_get_state(me, x86_THREAD_STATE64,
		    (thread_state_t)&ts, &n), KERN_INVALID_ARGUMENT);
		ck_assert_int_eq(mach_port_deallocate(SELF, me),
		    KERN_SUCCESS);
	}
	ck_assert_int_eq(thread_resume(th), KERN_SUCCESS);
	ck_assert(moving(&s, 20));
	spinner_stop(&s);
	ck_assert_int_eq(mach_port_deallocate(SELF, th), KERN_SUCCESS);
}
END_TEST

/* A running thread's state is read by holding it for the call, as XNU
   does; it runs on afterwards. */
START_TEST(get_state_of_running_thread)
{
	struct spinner s;
	mach_port_t th;
	x86_thread_state64_t ts;
	mach_msg_type_number_t n = x86_THREAD_STATE64_COUNT;

	spinner_start(&s, SELF);
	th = atomic_load(&s.port);
	ck_assert_int_eq(thread_get_state(th, x86_THREAD_STATE64,
	    (thread_state_t)&ts, &n), KERN_SUCCESS);
	ck_assert_uint_ne(ts.__rip, 0);
	ck_assert(moving(&s, 20));
	ck_assert_int_eq(basic_info(th).suspend_count, 0);
	spinner_stop(&s);
	ck_assert_int_eq(mach_port_deallocate(SELF, th), KERN_SUCCESS);
}
END_TEST

/* thread_set_state: the suspended thread resumes where it is told. */
static atomic_ulong redirected;

static void redirect_target(uint64_t magic)
{
	atomic_store(&redirected, magic);
	(void)thread_terminate(mach_thread_self());
	for (;;)		/* never reached: terminate does not return */
		atomic_store(&redirected, 0);
}

START_TEST(set_state_redirects_thread)
{
	struct spinner s;
	mach_port_t th;
	x86_thread_state64_t ts;
	mach_msg_type_number_t n = x86_THREAD_STATE64_COUNT;

	atomic_store(&redirected, 0);
	spinner_start(&s, SELF);
	th = atomic_load(&s.port);
	ck_assert_int_eq(thread_suspend(th), KERN_SUCCESS);
	ck_assert_int_eq(thread_get_state(th, x86_THREAD_STATE64,
	    (thread_state_t)&ts, &n), KERN_SUCCESS);
	ts.__rip = (uint64_t)(uintptr_t)redirect_target;
	ts.__rdi = 0x5eed5eedull;
	ts.__rsp = ((ts.__rsp - 256) & ~15ull) - 8;	/* as after a call */
	ck_assert_int_eq(thread_set_state(th, x86_THREAD_STATE64,
	    (thread_state_t)&ts, x86_THREAD_STATE64_COUNT), KERN_SUCCESS);
	ck_assert_int_eq(thread_set_state(th, x86_THREAD_STATE64,
	    (thread_state_t)&ts, 3), KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(thread_resume(th), KERN_SUCCESS);
	pthread_join(s.pt, NULL);	/* it left through terminate */
	ck_assert_uint_eq(atomic_load(&redirected), 0x5eed5eedull);
	ck_assert_int_eq(thread_resume(th), MACH_SEND_INVALID_DEST);
	ck_assert_int_eq(mach_port_deallocate(SELF, th), KERN_SUCCESS);
}
END_TEST

/* A thread made with thread_create_running in a new task, on a stack
   allocated there, computes and reports by message. */
static void child_entry(uint64_t reply_name)
{
	struct {
		mach_msg_header_t	head;
		uint64_t		sum;
	} m;
	uint64_t i, sum = 0;

	for (i = 1; i <= 100; i++)
		sum += i * i;
	memset(&m, 0, sizeof(m));
	m.head.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0);
	m.head.msgh_remote_port = (mach_port_t)reply_name;
	m.head.msgh_id = (mach_msg_id_t)mach_task_self();
	m.sum = sum;
	(void)mach_msg(&m.head, MACH_SEND_MSG, sizeof(m), 0, MACH_PORT_NULL,
	    0, MACH_PORT_NULL);
	(void)thread_terminate(mach_thread_self());
	for (;;)
		;
}

START_TEST(create_running_in_new_task)
{
	mach_port_t child = MACH_PORT_NULL, th = MACH_PORT_NULL, port;
	thread_act_array_t list;
	mach_msg_type_number_t nlist;
	vm_address_t stack = 0;
	vm_size_t ssize = 256 * 1024;
	x86_thread_state64_t ts;
	struct {
		mach_msg_header_t	head;
		uint64_t		sum;
		mach_msg_max_trailer_t	trailer;
	} r;

	ck_assert_int_eq(mach_port_allocate(SELF, MACH_PORT_RIGHT_RECEIVE,
	    &port), KERN_SUCCESS);
	ck_assert_int_eq(task_create(SELF, NULL, 0, FALSE, &child),
	    KERN_SUCCESS);
	ck_assert_int_eq(mach_port_insert_right(child, 0x1703, port,
	    MACH_MSG_TYPE_MAKE_SEND), KERN_SUCCESS);
	ck_assert_int_eq(vm_allocate(child, &stack, ssize, VM_FLAGS_ANYWHERE),
	    KERN_SUCCESS);
	memset(&ts, 0, sizeof(ts));
	ts.__rip = (uint64_t)(uintptr_t)child_entry;
	ts.__rsp = stack + ssize - 8;
	ts.__rdi = 0x1703;
	ck_assert_int_eq(thread_create_running(child, 999, (thread_state_t)&ts,
	    x86_THREAD_STATE64_COUNT, &th), KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(thread_create_running(child, x86_THREAD_STATE64,
	    (thread_state_t)&ts, x86_THREAD_STATE64_COUNT, &th), KERN_SUCCESS);
	memset(&r, 0, sizeof(r));
	ck_assert_int_eq(mach_msg(&r.head, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0,
	    sizeof(r), port, 10000, MACH_PORT_NULL), MACH_MSG_SUCCESS);
	ck_assert_uint_eq(r.sum, 338350);
	/* It ran as a thread of the child: its mach_task_self is the
	   child's own name for its task, not ours. */
	ck_assert_int_ne(r.head.msgh_id, 0);
	/* task_threads: the child had that one thread, which has ended
	   or is ending. */
	ck_assert_int_eq(task_threads(child, &list, &nlist), KERN_SUCCESS);
	ck_assert_uint_le(nlist, 1);
	for (mach_msg_type_number_t i = 0; i < nlist; i++)
		ck_assert_int_eq(mach_port_deallocate(SELF, list[i]),
		    KERN_SUCCESS);
	if (nlist != 0)
		ck_assert_int_eq(vm_deallocate(SELF, (vm_address_t)list,
		    nlist * sizeof(*list)), KERN_SUCCESS);
	ck_assert_int_eq(task_terminate(child), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, child), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, th), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_mod_refs(SELF, port, MACH_PORT_RIGHT_RECEIVE,
	    -1), KERN_SUCCESS);
}
END_TEST

/* A thread_create'd thread waits, suspended, until resumed. */
START_TEST(create_is_suspended)
{
	mach_port_t th = MACH_PORT_NULL;

	ck_assert_int_eq(thread_create(SELF, &th), KERN_SUCCESS);
	ck_assert_int_eq(basic_info(th).suspend_count, 1);
	ck_assert_int_eq(basic_info(th).run_state, TH_STATE_STOPPED);
	/* thread_terminate consumes the caller's send right. */
	ck_assert_int_eq(thread_terminate(th), KERN_SUCCESS);
	ck_assert_int_eq(thread_terminate(th), MACH_SEND_INVALID_DEST);
	ck_assert_int_eq(thread_create(MACH_PORT_NULL, &th),
	    MACH_SEND_INVALID_DEST);
}
END_TEST

/* thread_terminate of another running thread: it never runs user code
   again, and its pthread ends. */
START_TEST(terminate_other_thread)
{
	struct spinner s;
	mach_port_t th;

	spinner_start(&s, SELF);
	th = atomic_load(&s.port);
	ck_assert_int_eq(thread_terminate(th), KERN_SUCCESS);
	pthread_join(s.pt, NULL);
	ck_assert(!moving(&s, 20));
	ck_assert_int_eq(thread_suspend(th), MACH_SEND_INVALID_DEST);
}
END_TEST

/* task_suspend stops every thread of the task; counts as for threads. */
START_TEST(task_suspend_resume)
{
	mach_port_t child = MACH_PORT_NULL;
	struct spinner a, b;
	thread_act_array_t list;
	mach_msg_type_number_t n, i;

	ck_assert_int_eq(task_create(SELF, NULL, 0, FALSE, &child),
	    KERN_SUCCESS);
	spinner_start(&a, child);
	spinner_start(&b, child);
	ck_assert_int_eq(task_threads(child, &list, &n), KERN_SUCCESS);
	ck_assert_uint_eq(n, 2);
	for (i = 0; i < n; i++)
		ck_assert_int_eq(mach_port_deallocate(SELF, list[i]),
		    KERN_SUCCESS);
	ck_assert_int_eq(vm_deallocate(SELF, (vm_address_t)list,
	    n * sizeof(*list)), KERN_SUCCESS);
	ck_assert_int_eq(task_suspend(child), KERN_SUCCESS);
	ck_assert(!moving(&a, 40) && !moving(&b, 1));
	ck_assert_int_eq(task_suspend(child), KERN_SUCCESS);
	ck_assert_int_eq(task_resume(child), KERN_SUCCESS);
	ck_assert(!moving(&a, 40));
	ck_assert_int_eq(task_resume(child), KERN_SUCCESS);
	ck_assert(moving(&a, 40) && moving(&b, 40));
	ck_assert_int_eq(task_resume(child), KERN_FAILURE);
	spinner_stop(&a);
	spinner_stop(&b);
	ck_assert_int_eq(task_terminate(child), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, child), KERN_SUCCESS);
}
END_TEST

/* A thread suspended while blocked in mach_msg counts as stopped; it
   receives when resumed, and thread_abort still ends its wait. */
struct blocked {
	mach_port_t		port;
	atomic_uint		th;
	mach_msg_return_t	mr;
	pthread_t		pt;
};

static void *block_main(void *p)
{
	struct blocked *b = p;
	struct {
		mach_msg_header_t	head;
		mach_msg_max_trailer_t	trailer;
	} r;

	atomic_store(&b->th, mach_thread_self());
	b->mr = mach_msg(&r.head, MACH_RCV_MSG | MACH_RCV_INTERRUPT, 0,
	    sizeof(r), b->port, 0, MACH_PORT_NULL);
	return NULL;
}

START_TEST(suspend_and_abort_blocked_thread)
{
	struct blocked b;
	thread_basic_info_data_t bi;

	memset(&b, 0, sizeof(b));
	ck_assert_int_eq(mach_port_allocate(SELF, MACH_PORT_RIGHT_RECEIVE,
	    &b.port), KERN_SUCCESS);
	ck_assert_int_eq(pthread_create(&b.pt, NULL, block_main, &b), 0);
	do {
		sleep_ms(5);
	} while (atomic_load(&b.th) == 0 ||
	    basic_info(atomic_load(&b.th)).run_state != TH_STATE_WAITING);
	ck_assert_int_eq(thread_suspend(atomic_load(&b.th)), KERN_SUCCESS);
	bi = basic_info(atomic_load(&b.th));
	ck_assert_int_eq(bi.run_state, TH_STATE_STOPPED);
	ck_assert_int_eq(thread_abort_safely(atomic_load(&b.th)),
	    KERN_SUCCESS);
	sleep_ms(20);
	ck_assert_int_eq(thread_resume(atomic_load(&b.th)), KERN_SUCCESS);
	pthread_join(b.pt, NULL);
	ck_assert_int_eq(b.mr, MACH_RCV_INTERRUPTED);
	ck_assert_int_eq(mach_port_deallocate(SELF, atomic_load(&b.th)),
	    KERN_SUCCESS);
	ck_assert_int_eq(mach_port_mod_refs(SELF, b.port,
	    MACH_PORT_RIGHT_RECEIVE, -1), KERN_SUCCESS);
}
END_TEST

/* task_terminate ends every thread of the task at once. */
START_TEST(task_terminate_ends_threads)
{
	mach_port_t child = MACH_PORT_NULL;
	struct spinner a;

	ck_assert_int_eq(task_create(SELF, NULL, 0, FALSE, &child),
	    KERN_SUCCESS);
	spinner_start(&a, child);
	ck_assert_int_eq(task_terminate(child), KERN_SUCCESS);
	pthread_join(a.pt, NULL);	/* without being told to stop */
	ck_assert(!atomic_load(&a.stop));
	ck_assert(!moving(&a, 20));
	ck_assert_int_eq(mach_port_deallocate(SELF, child), KERN_SUCCESS);
}
END_TEST

static mach_port_urefs_t send_refs(mach_port_t n)
{
	mach_port_urefs_t u = 0;

	ck_assert_int_eq(mach_port_get_refs(SELF, n, MACH_PORT_RIGHT_SEND, &u),
	    KERN_SUCCESS);
	return u;
}

static mach_port_t handler_port(void)
{
	mach_port_t p;

	ck_assert_int_eq(mach_port_allocate(SELF, MACH_PORT_RIGHT_RECEIVE, &p),
	    KERN_SUCCESS);
	ck_assert_int_eq(mach_port_insert_right(SELF, p, p,
	    MACH_MSG_TYPE_MAKE_SEND), KERN_SUCCESS);
	return p;
}

/* Exception handlers: set per type, read back grouped, swapped; the
   documented errors; task_create copies the task's. */
START_TEST(exception_ports_set_get_swap)
{
	mach_port_t p = handler_port(), q = handler_port(), child;
	exception_mask_t masks[EXC_TYPES_COUNT];
	mach_port_t ports[EXC_TYPES_COUNT];
	exception_behavior_t behaviors[EXC_TYPES_COUNT];
	thread_state_flavor_t flavors[EXC_TYPES_COUNT];
	mach_msg_type_number_t n = EXC_TYPES_COUNT, i;
	exception_behavior_t beh = EXCEPTION_STATE_IDENTITY |
	    (exception_behavior_t)MACH_EXCEPTION_CODES;

	ck_assert_int_eq(task_set_exception_ports(SELF, 1u << 20, p,
	    EXCEPTION_DEFAULT, 0), KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(task_set_exception_ports(SELF, EXC_MASK_BAD_ACCESS, p,
	    9, 0), KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(task_set_exception_ports(SELF, EXC_MASK_BAD_ACCESS, p,
	    EXCEPTION_DEFAULT, 999), KERN_INVALID_ARGUMENT);
	ck_assert_uint_eq(send_refs(p), 1);
	ck_assert_int_eq(task_set_exception_ports(SELF, EXC_MASK_BAD_ACCESS |
	    EXC_MASK_ARITHMETIC, p, beh, x86_THREAD_STATE64), KERN_SUCCESS);
	ck_assert_uint_eq(send_refs(p), 1);	/* the kernel holds its own */
	ck_assert_int_eq(task_get_exception_ports(SELF, EXC_MASK_BAD_ACCESS |
	    EXC_MASK_ARITHMETIC | EXC_MASK_SOFTWARE, masks, &n, ports,
	    behaviors, flavors), KERN_SUCCESS);
	ck_assert_uint_eq(n, 2);
	ck_assert_uint_eq(masks[0], EXC_MASK_BAD_ACCESS | EXC_MASK_ARITHMETIC);
	ck_assert_uint_eq(ports[0], p);
	ck_assert_int_eq(behaviors[0], beh);
	ck_assert_int_eq(flavors[0], x86_THREAD_STATE64);
	ck_assert_uint_eq(masks[1], EXC_MASK_SOFTWARE);
	ck_assert_uint_eq(ports[1], MACH_PORT_NULL);
	ck_assert_uint_eq(send_refs(p), 2);	/* the copy we got */
	ck_assert_int_eq(mach_port_deallocate(SELF, p), KERN_SUCCESS);
	/* A child task starts with the same handlers. */
	ck_assert_int_eq(task_create(SELF, NULL, 0, FALSE, &child),
	    KERN_SUCCESS);
	n = EXC_TYPES_COUNT;
	ck_assert_int_eq(task_get_exception_ports(child, EXC_MASK_ARITHMETIC,
	    masks, &n, ports, behaviors, flavors), KERN_SUCCESS);
	ck_assert_uint_eq(n, 1);
	ck_assert_uint_eq(ports[0], p);
	ck_assert_int_eq(mach_port_deallocate(SELF, p), KERN_SUCCESS);
	ck_assert_int_eq(task_terminate(child), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, child), KERN_SUCCESS);
	/* Swap: the old handler comes back, the new one is in place. */
	n = EXC_TYPES_COUNT;
	ck_assert_int_eq(task_swap_exception_ports(SELF, EXC_MASK_ARITHMETIC,
	    q, EXCEPTION_DEFAULT, 0, masks, &n, ports, behaviors, flavors),
	    KERN_SUCCESS);
	ck_assert_uint_eq(n, 1);
	ck_assert_uint_eq(ports[0], p);
	ck_assert_int_eq(mach_port_deallocate(SELF, p), KERN_SUCCESS);
	n = EXC_TYPES_COUNT;
	ck_assert_int_eq(task_get_exception_ports(SELF, EXC_MASK_ARITHMETIC,
	    masks, &n, ports, behaviors, flavors), KERN_SUCCESS);
	ck_assert_uint_eq(ports[0], q);
	ck_assert_int_eq(behaviors[0], EXCEPTION_DEFAULT);
	ck_assert_int_eq(mach_port_deallocate(SELF, q), KERN_SUCCESS);
	/* Clear them all; the kernel's rights go. */
	ck_assert_int_eq(task_set_exception_ports(SELF, EXC_MASK_ALL,
	    MACH_PORT_NULL, EXCEPTION_DEFAULT, 0), KERN_SUCCESS);
	ck_assert_uint_eq(send_refs(p), 1);
	ck_assert_uint_eq(send_refs(q), 1);
	/* A thread's own table. */
	{
		mach_port_t me = mach_thread_self();

		ck_assert_int_eq(thread_set_exception_ports(me,
		    EXC_MASK_BREAKPOINT, q, EXCEPTION_STATE,
		    x86_THREAD_STATE64), KERN_SUCCESS);
		n = EXC_TYPES_COUNT;
		ck_assert_int_eq(thread_get_exception_ports(me,
		    EXC_MASK_BREAKPOINT, masks, &n, ports, behaviors, flavors),
		    KERN_SUCCESS);
		ck_assert_uint_eq(n, 1);
		ck_assert_uint_eq(ports[0], q);
		ck_assert_int_eq(mach_port_deallocate(SELF, q), KERN_SUCCESS);
		ck_assert_int_eq(thread_set_exception_ports(me,
		    EXC_MASK_BREAKPOINT, MACH_PORT_NULL, EXCEPTION_DEFAULT, 0),
		    KERN_SUCCESS);
		ck_assert_int_eq(mach_port_deallocate(SELF, me),
		    KERN_SUCCESS);
	}
	for (i = 0; i < 2; i++) {
		mach_port_t r = i == 0 ? p : q;

		ck_assert_int_eq(mach_port_mod_refs(SELF, r,
		    MACH_PORT_RIGHT_RECEIVE, -1), KERN_SUCCESS);
		ck_assert_int_eq(mach_port_deallocate(SELF, r), KERN_SUCCESS);
	}
}
END_TEST

/* Special and registered ports of a task. */
START_TEST(special_and_registered_ports)
{
	mach_port_t p = handler_port(), got = MACH_PORT_NULL, child;
	mach_port_t host = mach_host_self();
	mach_port_array_t regs;
	mach_msg_type_number_t n;
	mach_port_t four[4] = { p, p, p, p };

	ck_assert_int_eq(task_get_bootstrap_port(SELF, &got), KERN_SUCCESS);
	ck_assert_uint_eq(got, MACH_PORT_NULL);
	ck_assert_int_eq(task_set_bootstrap_port(SELF, p), KERN_SUCCESS);
	ck_assert_int_eq(task_get_bootstrap_port(SELF, &got), KERN_SUCCESS);
	ck_assert_uint_eq(got, p);
	ck_assert_int_eq(mach_port_deallocate(SELF, got), KERN_SUCCESS);
	ck_assert_int_eq(task_get_special_port(SELF, TASK_KERNEL_PORT, &got),
	    KERN_SUCCESS);
	ck_assert_uint_eq(got, SELF);
	ck_assert_int_eq(mach_port_deallocate(SELF, got), KERN_SUCCESS);
	ck_assert_int_eq(task_get_special_port(SELF, TASK_HOST_PORT, &got),
	    KERN_SUCCESS);
	ck_assert_uint_eq(got, host);
	ck_assert_int_eq(mach_port_deallocate(SELF, got), KERN_SUCCESS);
	ck_assert_int_eq(task_get_special_port(SELF, 99, &got),
	    KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(task_set_special_port(SELF, TASK_NAME_PORT, p),
	    KERN_INVALID_ARGUMENT);
	/* A child inherits the bootstrap port. */
	ck_assert_int_eq(task_create(SELF, NULL, 0, FALSE, &child),
	    KERN_SUCCESS);
	ck_assert_int_eq(task_get_bootstrap_port(child, &got), KERN_SUCCESS);
	ck_assert_uint_eq(got, p);
	ck_assert_int_eq(mach_port_deallocate(SELF, got), KERN_SUCCESS);
	/* The seatbelt port is set once. */
	ck_assert_int_eq(task_set_special_port(child, TASK_SEATBELT_PORT, p),
	    KERN_SUCCESS);
	ck_assert_int_eq(task_set_special_port(child, TASK_SEATBELT_PORT, p),
	    KERN_NO_ACCESS);
	/* Registered ports: at most three; lookup always gives three. */
	ck_assert_int_eq(mach_ports_register(child, four, 4),
	    KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(mach_ports_register(child, four, 1), KERN_SUCCESS);
	ck_assert_int_eq(mach_ports_lookup(child, &regs, &n), KERN_SUCCESS);
	ck_assert_uint_eq(n, 3);
	ck_assert_uint_eq(regs[0], p);
	ck_assert_uint_eq(regs[1], MACH_PORT_NULL);
	ck_assert_uint_eq(regs[2], MACH_PORT_NULL);
	ck_assert_int_eq(mach_port_deallocate(SELF, regs[0]), KERN_SUCCESS);
	ck_assert_int_eq(vm_deallocate(SELF, (vm_address_t)regs,
	    n * sizeof(*regs)), KERN_SUCCESS);
	ck_assert_int_eq(task_terminate(child), KERN_SUCCESS);
	ck_assert_int_eq(task_get_bootstrap_port(child, &got),
	    MACH_SEND_INVALID_DEST);
	ck_assert_int_eq(mach_port_deallocate(SELF, child), KERN_SUCCESS);
	/* Ours goes back to NULL; every kernel-held right is released. */
	ck_assert_int_eq(task_set_bootstrap_port(SELF, MACH_PORT_NULL),
	    KERN_SUCCESS);
	ck_assert_uint_eq(send_refs(p), 1);
	ck_assert_int_eq(mach_port_deallocate(SELF, host), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_mod_refs(SELF, p, MACH_PORT_RIGHT_RECEIVE,
	    -1), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, p), KERN_SUCCESS);
}
END_TEST

/* task_info from real memory and real clocks. */
START_TEST(task_info_flavors)
{
	mach_task_basic_info_data_t mb;
	task_basic_info_data_t b;
	task_thread_times_info_data_t tt;
	security_token_t sec;
	mach_msg_type_number_t n;
	mach_port_t child = MACH_PORT_NULL;
	vm_address_t a = 0;
	struct spinner sp;
	int i;

	n = MACH_TASK_BASIC_INFO_COUNT;
	ck_assert_int_eq(task_info(SELF, MACH_TASK_BASIC_INFO,
	    (task_info_t)&mb, &n), KERN_SUCCESS);
	ck_assert_uint_eq(n, MACH_TASK_BASIC_INFO_COUNT);
	ck_assert_uint_gt(mb.virtual_size, mb.resident_size);
	ck_assert_uint_gt(mb.resident_size, 0);
	n = TASK_BASIC_INFO_COUNT;
	ck_assert_int_eq(task_info(SELF, TASK_BASIC_INFO, (task_info_t)&b, &n),
	    KERN_SUCCESS);
	ck_assert_uint_gt(b.virtual_size, 0);
	n = TASK_BASIC_INFO_COUNT - 1;
	ck_assert_int_eq(task_info(SELF, TASK_BASIC_INFO, (task_info_t)&b, &n),
	    KERN_INVALID_ARGUMENT);
	n = TASK_INFO_MAX;
	ck_assert_int_eq(task_info(SELF, 999, (task_info_t)&b, &n),
	    KERN_INVALID_ARGUMENT);
	n = TASK_SECURITY_TOKEN_COUNT;
	ck_assert_int_eq(task_info(SELF, TASK_SECURITY_TOKEN,
	    (task_info_t)&sec, &n), KERN_SUCCESS);
	ck_assert_uint_eq(sec.val[0], (unsigned)geteuid());
	ck_assert_uint_eq(sec.val[1], (unsigned)getegid());
	ck_assert_int_eq(task_set_info(SELF, TASK_BASIC_INFO, (task_info_t)&b,
	    TASK_BASIC_INFO_COUNT), KERN_INVALID_ARGUMENT);

	/* A child: its map's memory, resident as it is touched; its
	   threads' CPU time; its suspend count. */
	ck_assert_int_eq(task_create(SELF, NULL, 0, FALSE, &child),
	    KERN_SUCCESS);
	ck_assert_int_eq(vm_allocate(child, &a, 1u << 20, VM_FLAGS_ANYWHERE),
	    KERN_SUCCESS);
	for (i = 0; i < 16; i++)
		((volatile char *)a)[i * getpagesize()] = 1;
	n = MACH_TASK_BASIC_INFO_COUNT;
	ck_assert_int_eq(task_info(child, MACH_TASK_BASIC_INFO,
	    (task_info_t)&mb, &n), KERN_SUCCESS);
	ck_assert_uint_eq(mb.virtual_size, 1u << 20);
	ck_assert_uint_eq(mb.resident_size, 16u * (unsigned)getpagesize());
	spinner_start(&sp, child);
	/* The spinner's CPU time shows within a few clock ticks of its
	   running (on a busy machine it may run later: up to 5 s). */
	for (i = 0; i < 100; i++) {
		sleep_ms(50);
		n = TASK_THREAD_TIMES_INFO_COUNT;
		ck_assert_int_eq(task_info(child, TASK_THREAD_TIMES_INFO,
		    (task_info_t)&tt, &n), KERN_SUCCESS);
		if (tt.user_time.seconds > 0 || tt.user_time.microseconds > 0 ||
		    tt.system_time.seconds > 0 || tt.system_time.microseconds > 0)
			break;
	}
	ck_assert_msg(i < 100, "no CPU time after %lu rounds",
	    (unsigned long)atomic_load(&sp.count));
	ck_assert_int_eq(task_suspend(child), KERN_SUCCESS);
	n = MACH_TASK_BASIC_INFO_COUNT;
	ck_assert_int_eq(task_info(child, MACH_TASK_BASIC_INFO,
	    (task_info_t)&mb, &n), KERN_SUCCESS);
	ck_assert_int_eq(mb.suspend_count, 1);
	ck_assert_int_eq(task_resume(child), KERN_SUCCESS);
	spinner_stop(&sp);
	ck_assert_int_eq(task_terminate(child), KERN_SUCCESS);
	n = MACH_TASK_BASIC_INFO_COUNT;
	ck_assert_int_eq(task_info(child, MACH_TASK_BASIC_INFO,
	    (task_info_t)&mb, &n), MACH_SEND_INVALID_DEST);
	ck_assert_int_eq(mach_port_deallocate(SELF, child), KERN_SUCCESS);
}
END_TEST

/* thread_policy_set and _get on a sleeping thread; thread_switch's
   depression as seen by thread_depress_abort. */
static atomic_int sleeper_nice;

static void *sleeper_main(void *p)
{
	struct spinner *s = p;

	atomic_store(&s->port, mach_thread_self());
	atomic_store(&s->count, 1);
	while (!atomic_load(&s->stop)) {
		/* On Linux, a thread's own nice value. */
		atomic_store(&sleeper_nice, getpriority(PRIO_PROCESS, 0));
		sleep_ms(5);
	}
	return NULL;
}

START_TEST(policies)
{
	struct spinner s;
	mach_port_t th;
	thread_precedence_policy_data_t prec = { 5 };
	thread_affinity_policy_data_t aff = { 7 };
	thread_time_constraint_policy_data_t tc = { 1000000, 50000, 100000,
	    TRUE }, bad = { 1000, 5000, 100, TRUE };
	thread_extended_policy_data_t ext;
	mach_msg_type_number_t n;
	boolean_t dflt;
	kern_return_t kr;

	memset(&s, 0, sizeof(s));
	ck_assert_int_eq(machsim_thread_spawn(SELF, sleeper_main, &s, &s.pt),
	    KERN_SUCCESS);
	while (atomic_load(&s.port) == MACH_PORT_NULL)
		sched_yield();
	th = atomic_load(&s.port);
	/* Never set: defaults, and get_default says so. */
	n = THREAD_AFFINITY_POLICY_COUNT;
	dflt = FALSE;
	ck_assert_int_eq(thread_policy_get(th, THREAD_AFFINITY_POLICY,
	    (thread_policy_t)&aff, &n, &dflt), KERN_SUCCESS);
	ck_assert(dflt);
	ck_assert_int_eq(aff.affinity_tag, THREAD_AFFINITY_TAG_NULL);
	aff.affinity_tag = 7;
	ck_assert_int_eq(thread_policy_set(th, THREAD_AFFINITY_POLICY,
	    (thread_policy_t)&aff, THREAD_AFFINITY_POLICY_COUNT), KERN_SUCCESS);
	aff.affinity_tag = 0;
	dflt = FALSE;
	ck_assert_int_eq(thread_policy_get(th, THREAD_AFFINITY_POLICY,
	    (thread_policy_t)&aff, &n, &dflt), KERN_SUCCESS);
	ck_assert(!dflt);
	ck_assert_int_eq(aff.affinity_tag, 7);
	/* Lower precedence (a higher nice) is always allowed. */
	prec.importance = -5;
	ck_assert_int_eq(thread_policy_set(th, THREAD_PRECEDENCE_POLICY,
	    (thread_policy_t)&prec, THREAD_PRECEDENCE_POLICY_COUNT),
	    KERN_SUCCESS);
	n = THREAD_PRECEDENCE_POLICY_COUNT;
	dflt = FALSE;
	prec.importance = 0;
	ck_assert_int_eq(thread_policy_get(th, THREAD_PRECEDENCE_POLICY,
	    (thread_policy_t)&prec, &n, &dflt), KERN_SUCCESS);
	ck_assert_int_eq(prec.importance, -5);
	/* A constraint above its period is refused; a good one is taken
	   (as root) or refused for want of the privilege. */
	ck_assert_int_eq(thread_policy_set(th, THREAD_TIME_CONSTRAINT_POLICY,
	    (thread_policy_t)&bad, THREAD_TIME_CONSTRAINT_POLICY_COUNT),
	    KERN_INVALID_ARGUMENT);
	kr = thread_policy_set(th, THREAD_TIME_CONSTRAINT_POLICY,
	    (thread_policy_t)&tc, THREAD_TIME_CONSTRAINT_POLICY_COUNT);
	ck_assert(kr == KERN_SUCCESS || kr == KERN_NO_ACCESS);
	if (kr == KERN_SUCCESS) {
		memset(&tc, 0, sizeof(tc));
		n = THREAD_TIME_CONSTRAINT_POLICY_COUNT;
		dflt = FALSE;
		ck_assert_int_eq(thread_policy_get(th,
		    THREAD_TIME_CONSTRAINT_POLICY, (thread_policy_t)&tc, &n,
		    &dflt), KERN_SUCCESS);
		ck_assert_uint_eq(tc.computation, 50000);
	}
	ext.timeshare = TRUE;
	ck_assert_int_eq(thread_policy_set(th, THREAD_EXTENDED_POLICY,
	    (thread_policy_t)&ext, THREAD_EXTENDED_POLICY_COUNT), KERN_SUCCESS);
	ck_assert_int_eq(thread_policy_set(th, 99, (thread_policy_t)&ext, 1),
	    KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(thread_policy_set(th, THREAD_PRECEDENCE_POLICY,
	    (thread_policy_t)&prec, 0), KERN_INVALID_ARGUMENT);
	/* The thread's special port is the thread; its handlers swap. */
	{
		mach_port_t sp = MACH_PORT_NULL;

		ck_assert_int_eq(thread_get_special_port(th, THREAD_KERNEL_PORT,
		    &sp), KERN_SUCCESS);
		ck_assert_uint_eq(sp, th);
		ck_assert_int_eq(mach_port_deallocate(SELF, sp), KERN_SUCCESS);
		ck_assert_int_eq(thread_get_special_port(th, 99, &sp),
		    KERN_INVALID_ARGUMENT);
	}
	{
		exception_mask_t masks[EXC_TYPES_COUNT];
		mach_port_t ports[EXC_TYPES_COUNT];
		exception_behavior_t behs[EXC_TYPES_COUNT];
		thread_state_flavor_t flavs[EXC_TYPES_COUNT];
		mach_msg_type_number_t m = EXC_TYPES_COUNT;

		ck_assert_int_eq(thread_swap_exception_ports(th,
		    EXC_MASK_SOFTWARE, MACH_PORT_NULL, EXCEPTION_DEFAULT, 0,
		    masks, &m, ports, behs, flavs), KERN_SUCCESS);
		ck_assert_uint_eq(m, 1);
		ck_assert_uint_eq(ports[0], MACH_PORT_NULL);
		ck_assert_uint_eq(masks[0], EXC_MASK_SOFTWARE);
	}
	/* The classic interface: a timeshare base priority 5 below the
	   default is nice 5; bad policies and priorities refused. */
	{
		integer_t base = 26;

		ck_assert_int_eq(thread_policy(th, POLICY_TIMESHARE, &base, 1,
		    FALSE), KERN_SUCCESS);
		sleep_ms(30);
		ck_assert_int_eq(atomic_load(&sleeper_nice), 5);
		ck_assert_int_eq(thread_policy(th, 3, &base, 1, FALSE),
		    KERN_INVALID_POLICY);
		base = 200;
		ck_assert_int_eq(thread_policy(th, POLICY_TIMESHARE, &base, 1,
		    FALSE), KERN_INVALID_ARGUMENT);
		base = 31;
		ck_assert_int_eq(task_policy(SELF, POLICY_TIMESHARE, &base, 1,
		    FALSE, FALSE), KERN_SUCCESS);
		ck_assert_int_eq(thread_policy(th, POLICY_TIMESHARE, &base, 1,
		    FALSE), KERN_SUCCESS);
		sleep_ms(30);
		ck_assert_int_eq(atomic_load(&sleeper_nice), 0);
	}
	/* No depression outside a depressing switch. */
	ck_assert_int_eq(thread_depress_abort(th), KERN_NOT_DEPRESSED);
	spinner_stop(&s);
	ck_assert_int_eq(mach_port_deallocate(SELF, th), KERN_SUCCESS);
}
END_TEST

/*
 * The calls Linux gives no meaning here (system-call emulation, PC
 * sampling, RPC subsystem objects) answer KERN_NOT_SUPPORTED, for this
 * task and another, and change nothing: no out argument is written, the
 * samplers' reply port gets no message and keeps no right the request
 * made.  A thread's own port cannot be replaced (KERN_NO_ACCESS).  A
 * dead task's port is a dead destination.
 */
START_TEST(calls_linux_cannot_serve)
{
	vm_offset_t vec[2] = { 0x1000, 0x2000 };
	char user_subsys[64];
	mach_port_t child, reply, thread = mach_thread_self(), targets[2];
	mach_port_t subsys = 77;
	emulation_vector_t got = NULL;
	mach_msg_type_number_t cnt = 77;
	mach_port_urefs_t refs = 9;
	mach_port_status_t st;
	mach_msg_type_number_t stcnt = MACH_PORT_RECEIVE_STATUS_COUNT;
	int start = 77, i;

	memset(user_subsys, 0, sizeof(user_subsys));
	ck_assert_int_eq(task_create(SELF, NULL, 0, FALSE, &child),
	    KERN_SUCCESS);
	ck_assert_int_eq(mach_port_allocate(SELF, MACH_PORT_RIGHT_RECEIVE,
	    &reply), KERN_SUCCESS);
	targets[0] = SELF;
	targets[1] = child;
	for (i = 0; i < 2; i++) {
		ck_assert_int_eq(task_set_emulation(targets[i], 0x1000, 3),
		    KERN_NOT_SUPPORTED);
		ck_assert_int_eq(task_get_emulation_vector(targets[i], &start,
		    &got, &cnt), KERN_NOT_SUPPORTED);
		ck_assert_int_eq(start, 77);
		ck_assert_ptr_null(got);
		ck_assert_uint_eq(cnt, 77);
		ck_assert_int_eq(task_set_emulation_vector(targets[i], 0, vec,
		    2), KERN_NOT_SUPPORTED);
		ck_assert_int_eq(task_sample(targets[i], reply),
		    KERN_NOT_SUPPORTED);
		ck_assert_int_eq(mach_subsystem_create(targets[i],
		    (user_subsystem_t)user_subsys, sizeof(user_subsys),
		    &subsys), KERN_NOT_SUPPORTED);
		ck_assert_uint_eq(subsys, 77);
	}
	ck_assert_int_eq(thread_sample(thread, reply), KERN_NOT_SUPPORTED);
	/* A thread's own port is its identity: it cannot be replaced. */
	{
		mach_port_t kp = MACH_PORT_NULL;

		ck_assert_int_eq(mach_port_insert_right(SELF, reply, reply,
		    MACH_MSG_TYPE_MAKE_SEND), KERN_SUCCESS);
		ck_assert_int_eq(thread_set_special_port(thread,
		    THREAD_KERNEL_PORT, reply), KERN_NO_ACCESS);
		ck_assert_int_eq(thread_set_special_port(thread, 99, reply),
		    KERN_INVALID_ARGUMENT);
		ck_assert_int_eq(thread_get_special_port(thread,
		    THREAD_KERNEL_PORT, &kp), KERN_SUCCESS);
		ck_assert_uint_eq(kp, thread);
		ck_assert_int_eq(mach_port_deallocate(SELF, kp), KERN_SUCCESS);
		ck_assert_int_eq(mach_port_deallocate(SELF, reply),
		    KERN_SUCCESS);
	}
	/* The send rights the requests made went with them. */
	ck_assert_int_eq(mach_port_get_refs(SELF, reply, MACH_PORT_RIGHT_SEND,
	    &refs), KERN_SUCCESS);
	ck_assert_uint_eq(refs, 0);
	ck_assert_int_eq(mach_port_get_attributes(SELF, reply,
	    MACH_PORT_RECEIVE_STATUS, (mach_port_info_t)&st, &stcnt),
	    KERN_SUCCESS);
	ck_assert_uint_eq(st.mps_msgcount, 0);
	ck_assert_int_eq(task_terminate(child), KERN_SUCCESS);
	ck_assert_int_eq(task_set_emulation(child, 0x1000, 3),
	    MACH_SEND_INVALID_DEST);
	ck_assert_int_eq(task_sample(child, reply), MACH_SEND_INVALID_DEST);
	ck_assert_int_eq(mach_port_deallocate(SELF, child), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, thread), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_mod_refs(SELF, reply,
	    MACH_PORT_RIGHT_RECEIVE, -1), KERN_SUCCESS);
}
END_TEST

Suite *threads_suite(void)
{
	Suite *s = suite_create("threads");
	TCase *tc = kt_tcase("control");

	tcase_add_test(tc, suspend_resume_counts);
	tcase_add_test(tc, get_state_of_suspended_thread);
	tcase_add_test(tc, get_state_of_running_thread);
	tcase_add_test(tc, set_state_redirects_thread);
	tcase_add_test(tc, terminate_other_thread);
	tcase_add_test(tc, suspend_and_abort_blocked_thread);
	suite_add_tcase(s, tc);
	tc = kt_tcase("create");
	tcase_add_test(tc, create_is_suspended);
	tcase_add_test(tc, create_running_in_new_task);
	tcase_add_test(tc, task_suspend_resume);
	tcase_add_test(tc, task_terminate_ends_threads);
	suite_add_tcase(s, tc);
	tc = kt_tcase("ports");
	tcase_add_test(tc, exception_ports_set_get_swap);
	tcase_add_test(tc, special_and_registered_ports);
	tcase_add_test(tc, task_info_flavors);
	tcase_add_test(tc, policies);
	tcase_add_test(tc, calls_linux_cannot_serve);
	suite_add_tcase(s, tc);
	return s;
}
