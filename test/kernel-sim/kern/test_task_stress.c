/*
 * test_task_stress.c - tasks created and terminated while their threads
 * run and block and their ports sit in messages elsewhere: every thread
 * leaves, every dead-name notification arrives exactly once, the
 * messages that carried the dead task's rights are received with dead
 * names, and the checked teardown finds every space and port
 * consistent.
 */
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <string.h>

#include <mach/mach.h>
#include <mach/notify.h>
#include <machsim/machsim.h>

#include "../ksim_check.h"

Suite *task_stress_suite(void);

#define SELF		mach_task_self()
#define ROUNDS		24
#define SENDS		4

struct victim {
	mach_port_t	task;		/* our send right to it */
	mach_port_t	sink;		/* ours: receives what it sends */
	mach_port_t	its_port;	/* a receive right in the task */
	pthread_t	blocker, spinner, sender;
	atomic_int	tried;		/* sends begun */
	atomic_int	sent;		/* sends seen to succeed */
	atomic_bool	stop;
};

/* Blocks in mach_msg on a port of its own task until the task ends. */
static void *blocker_main(void *p)
{
	struct victim *v = p;
	mach_port_t port;
	struct {
		mach_msg_header_t	head;
		mach_msg_max_trailer_t	trailer;
	} r;

	if (mach_port_allocate(mach_task_self(), MACH_PORT_RIGHT_RECEIVE,
	    &port) != KERN_SUCCESS)
		return NULL;
	(void)mach_msg(&r.head, MACH_RCV_MSG, 0, sizeof(r), port, 0,
	    MACH_PORT_NULL);
	(void)v;
	return NULL;
}

static void *spinner_main(void *p)
{
	struct victim *v = p;
	unsigned long n = 0;

	while (!atomic_load(&v->stop))
		if ((++n & 1023) == 0)
			sched_yield();
	return NULL;
}

/* Sends SENDS messages to our sink, each carrying a send right to a
   receive right its task holds (name 0x5503 there), then waits. */
static void *sender_main(void *p)
{
	struct victim *v = p;
	struct {
		mach_msg_header_t		head;
		mach_msg_body_t			body;
		mach_msg_port_descriptor_t	port;
	} m;
	int i;

	for (i = 0; i < SENDS; i++) {
		memset(&m, 0, sizeof(m));
		m.head.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0) |
		    MACH_MSGH_BITS_COMPLEX;
		m.head.msgh_remote_port = 0x1703;	/* the sink, there */
		m.body.msgh_descriptor_count = 1;
		m.port.name = 0x5503;
		m.port.disposition = MACH_MSG_TYPE_MAKE_SEND;
		m.port.type = MACH_MSG_PORT_DESCRIPTOR;
		atomic_fetch_add(&v->tried, 1);
		if (mach_msg(&m.head, MACH_SEND_MSG, sizeof(m), 0,
		    MACH_PORT_NULL, 0, MACH_PORT_NULL) == MACH_MSG_SUCCESS)
			atomic_fetch_add(&v->sent, 1);
	}
	while (!atomic_load(&v->stop))
		sched_yield();
	return NULL;
}

START_TEST(tasks_die_with_threads_and_rights_in_flight)
{
	mach_port_t notify;
	int round, dead_names = 0;

	ck_assert_int_eq(mach_port_allocate(SELF, MACH_PORT_RIGHT_RECEIVE,
	    &notify), KERN_SUCCESS);
	for (round = 0; round < ROUNDS; round++) {
		struct victim v;
		mach_port_t prev = MACH_PORT_NULL, its = MACH_PORT_NULL;
		int got = 0;

		memset(&v, 0, sizeof(v));
		ck_assert_int_eq(task_create(SELF, NULL, 0, FALSE, &v.task),
		    KERN_SUCCESS);
		ck_assert_int_eq(mach_port_allocate(SELF,
		    MACH_PORT_RIGHT_RECEIVE, &v.sink), KERN_SUCCESS);
		ck_assert_int_eq(mach_port_insert_right(v.task, 0x1703, v.sink,
		    MACH_MSG_TYPE_MAKE_SEND), KERN_SUCCESS);
		/* A receive right in the task, and our send right to it with
		   a dead-name request: it must fire exactly once. */
		ck_assert_int_eq(mach_port_allocate(SELF,
		    MACH_PORT_RIGHT_RECEIVE, &its), KERN_SUCCESS);
		ck_assert_int_eq(mach_port_insert_right(SELF, its, its,
		    MACH_MSG_TYPE_MAKE_SEND), KERN_SUCCESS);
		ck_assert_int_eq(mach_port_insert_right(v.task, 0x5503, its,
		    MACH_MSG_TYPE_MOVE_RECEIVE), KERN_SUCCESS);
		ck_assert_int_eq(mach_port_request_notification(SELF, its,
		    MACH_NOTIFY_DEAD_NAME, 0, notify,
		    MACH_MSG_TYPE_MAKE_SEND_ONCE, &prev), KERN_SUCCESS);
		ck_assert_int_eq(machsim_thread_spawn(v.task, blocker_main, &v,
		    &v.blocker), KERN_SUCCESS);
		ck_assert_int_eq(machsim_thread_spawn(v.task, spinner_main, &v,
		    &v.spinner), KERN_SUCCESS);
		ck_assert_int_eq(machsim_thread_spawn(v.task, sender_main, &v,
		    &v.sender), KERN_SUCCESS);
		/* Let some of it happen, a different amount each round. */
		for (int k = 0; k < round % 5; k++)
			sched_yield();
		ck_assert_int_eq(task_terminate(v.task), KERN_SUCCESS);
		/* Every thread leaves without being told to stop. */
		pthread_join(v.blocker, NULL);
		pthread_join(v.spinner, NULL);
		pthread_join(v.sender, NULL);
		ck_assert(!atomic_load(&v.stop));
		/* The messages it sent arrive; their rights name a dead port. */
		for (;;) {
			struct {
				mach_msg_header_t		head;
				mach_msg_body_t			body;
				mach_msg_port_descriptor_t	port;
				mach_msg_max_trailer_t		trailer;
			} r;

			if (mach_msg(&r.head, MACH_RCV_MSG | MACH_RCV_TIMEOUT,
			    0, sizeof(r), v.sink, 0, MACH_PORT_NULL) !=
			    MACH_MSG_SUCCESS)
				break;
			got++;
			ck_assert(r.port.name == its ||
			    r.port.name == MACH_PORT_DEAD);
			if (r.port.name == its)
				ck_assert_int_eq(mach_port_deallocate(SELF,
				    its), KERN_SUCCESS);
		}
		/* Every send that returned success arrived.  One more may
		   have: the task can end between the message being queued
		   and mach_msg returning into the thread, which then never
		   returns; no message arrives that was not begun. */
		ck_assert_int_ge(got, atomic_load(&v.sent));
		ck_assert_int_le(got, atomic_load(&v.tried));
		ck_assert_int_eq(mach_port_deallocate(SELF, its), KERN_SUCCESS);
		ck_assert_int_eq(mach_port_mod_refs(SELF, v.sink,
		    MACH_PORT_RIGHT_RECEIVE, -1), KERN_SUCCESS);
		ck_assert_int_eq(mach_port_deallocate(SELF, v.task),
		    KERN_SUCCESS);
	}
	/* Exactly one dead-name notification a round. */
	for (;;) {
		struct {
			mach_dead_name_notification_t	n;
			mach_msg_max_trailer_t		trailer;
		} r;

		if (mach_msg(&r.n.not_header, MACH_RCV_MSG | MACH_RCV_TIMEOUT,
		    0, sizeof(r), notify, 0, MACH_PORT_NULL) != MACH_MSG_SUCCESS)
			break;
		ck_assert_int_eq(r.n.not_header.msgh_id, MACH_NOTIFY_DEAD_NAME);
		dead_names++;
		/* The notification's own dead-name uref. */
		ck_assert_int_eq(mach_port_deallocate(SELF, r.n.not_port),
		    KERN_SUCCESS);
	}
	ck_assert_int_eq(dead_names, ROUNDS);
	ck_assert_int_eq(mach_port_mod_refs(SELF, notify,
	    MACH_PORT_RIGHT_RECEIVE, -1), KERN_SUCCESS);
}
END_TEST

Suite *task_stress_suite(void)
{
	Suite *s = suite_create("task_stress");
	TCase *tc = kt_tcase("terminate");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, tasks_die_with_threads_and_rights_in_flight);
	suite_add_tcase(s, tc);
	return s;
}
