/*
 * test_notify_server.c - notify_server, the notification demuxer libmach
 * carries: a notification the program handles reaches its do_ function;
 * one it leaves out is answered by the default, and the server loop
 * destroys what the notification carried.  The handlers named in these
 * tests (do_mach_notify_no_senders, do_mach_notify_send_once,
 * do_mach_notify_port_deleted) are libmach's defaults.
 */
#include <check.h>
#include <mach/mach.h>
#include <mach/notify.h>

#include "support/suites.h"

static mach_port_name_t dead_name_seen;
static mach_port_t dead_notify_port;
static int dead_calls;

/* The test program's own handler replaces libmach's weak default. */
kern_return_t do_mach_notify_dead_name(mach_port_t notify,
				       mach_port_name_t name);

kern_return_t do_mach_notify_dead_name(mach_port_t notify,
				       mach_port_name_t name)
{
	dead_calls++;
	dead_notify_port = notify;
	dead_name_seen = name;
	/* The notification's dead-name reference is ours: release it. */
	return mach_port_deallocate(mach_task_self(), name);
}

static mach_port_t new_receive(void)
{
	mach_port_t p;
	ck_assert_int_eq(mach_port_allocate(mach_task_self(),
					    MACH_PORT_RIGHT_RECEIVE, &p),
			 KERN_SUCCESS);
	return p;
}

START_TEST(test_dead_name_reaches_handler)
{
	mach_port_t self = mach_task_self();
	mach_port_t notify = new_receive(), target = new_receive();
	mach_port_t previous = MACH_PORT_NULL;

	/* target names the receive right and a send right; when the receive
	   right dies, the name lives on as a dead name. */
	ck_assert_int_eq(mach_port_insert_right(self, target, target,
						MACH_MSG_TYPE_MAKE_SEND),
			 KERN_SUCCESS);
	mach_port_t send = target;
	ck_assert_int_eq(mach_port_request_notification(self, send,
		MACH_NOTIFY_DEAD_NAME, 0, notify,
		MACH_MSG_TYPE_MAKE_SEND_ONCE, &previous), KERN_SUCCESS);
	ck_assert_uint_eq(previous, MACH_PORT_NULL);
	ck_assert_int_eq(mach_port_mod_refs(self, target,
					    MACH_PORT_RIGHT_RECEIVE, -1),
			 KERN_SUCCESS);

	dead_calls = 0;
	ck_assert_int_eq(mach_msg_server_once(notify_server, 1024, notify,
					      MACH_MSG_OPTION_NONE),
			 MACH_MSG_SUCCESS);
	ck_assert_int_eq(dead_calls, 1);
	ck_assert_uint_eq(dead_notify_port, notify);
	ck_assert_uint_eq(dead_name_seen, send);

	/* One dead-name reference is left: the right's own. */
	mach_port_type_t type;
	ck_assert_int_eq(mach_port_type(self, send, &type), KERN_SUCCESS);
	ck_assert_uint_eq(type, MACH_PORT_TYPE_DEAD_NAME);
	mach_port_urefs_t refs;
	ck_assert_int_eq(mach_port_get_refs(self, send,
					    MACH_PORT_RIGHT_DEAD_NAME, &refs),
			 KERN_SUCCESS);
	ck_assert_uint_eq(refs, 1);
	ck_assert_int_eq(mach_port_deallocate(self, send), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_mod_refs(self, notify,
					    MACH_PORT_RIGHT_RECEIVE, -1),
			 KERN_SUCCESS);
}
END_TEST

START_TEST(test_default_destroys_unhandled)
{
	mach_port_t self = mach_task_self();
	mach_port_t notify = new_receive(), port = new_receive();
	mach_port_t previous = MACH_PORT_NULL;

	/* Port-destroyed: the receive right travels in the notification.
	   No do_mach_notify_port_destroyed here, so the default answers
	   and the server loop destroys the right. */
	ck_assert_int_eq(mach_port_request_notification(self, port,
		MACH_NOTIFY_PORT_DESTROYED, 0, notify,
		MACH_MSG_TYPE_MAKE_SEND_ONCE, &previous), KERN_SUCCESS);
	/* Another task holds a send right, to watch the receive right. */
	task_t child;
	ck_assert_int_eq(task_create(self, NULL, 0, FALSE, &child),
			 KERN_SUCCESS);
	mach_port_name_t watcher = port;
	ck_assert_int_eq(mach_port_insert_right(child, watcher, port,
						MACH_MSG_TYPE_MAKE_SEND),
			 KERN_SUCCESS);
	/* Destroying the name moves the receive right into the message. */
	ck_assert_int_eq(mach_port_destroy(self, port), KERN_SUCCESS);
	mach_port_type_t type;
	ck_assert_int_eq(mach_port_type(child, watcher, &type), KERN_SUCCESS);
	ck_assert_uint_eq(type, MACH_PORT_TYPE_SEND);

	ck_assert_int_eq(mach_msg_server_once(notify_server, 1024, notify,
					      MACH_MSG_OPTION_NONE),
			 MACH_MSG_SUCCESS);
	/* The receive right was destroyed: the send right is now dead. */
	ck_assert_int_eq(mach_port_type(child, watcher, &type), KERN_SUCCESS);
	ck_assert_uint_eq(type, MACH_PORT_TYPE_DEAD_NAME);
	ck_assert_int_eq(task_terminate(child), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(self, child), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_mod_refs(self, notify,
					    MACH_PORT_RIGHT_RECEIVE, -1),
			 KERN_SUCCESS);
}
END_TEST

/* Messages queued on a receive right. */
static natural_t queued(mach_port_t port)
{
	mach_port_status_t st;
	mach_msg_type_number_t n = MACH_PORT_RECEIVE_STATUS_COUNT;
	ck_assert_int_eq(mach_port_get_attributes(mach_task_self(), port,
		MACH_PORT_RECEIVE_STATUS, (mach_port_info_t)&st, &n),
		KERN_SUCCESS);
	return st.mps_msgcount;
}

/* Serve the one notification queued on notify; it must be consumed. */
static void serve_one(mach_port_t notify)
{
	ck_assert_uint_eq(queued(notify), 1);
	ck_assert_int_eq(mach_msg_server_once(notify_server, 1024, notify,
					      MACH_MSG_OPTION_NONE),
			 MACH_MSG_SUCCESS);
	ck_assert_uint_eq(queued(notify), 0);
}

START_TEST(test_defaults_for_the_others)
{
	mach_port_t self = mach_task_self();
	mach_port_t notify = new_receive(), port = new_receive();
	mach_port_t previous = MACH_PORT_NULL, so;
	mach_msg_type_name_t got;

	/* No-senders: no send right exists, so it fires at once. */
	ck_assert_int_eq(mach_port_request_notification(self, port,
		MACH_NOTIFY_NO_SENDERS, 0, notify,
		MACH_MSG_TYPE_MAKE_SEND_ONCE, &previous), KERN_SUCCESS);
	serve_one(notify);

	/* Send-once: a send-once right to notify dies unused. */
	ck_assert_int_eq(mach_port_extract_right(self, notify,
						 MACH_MSG_TYPE_MAKE_SEND_ONCE,
						 &so, &got), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(self, so), KERN_SUCCESS);
	serve_one(notify);

	/* Port-deleted: the name a dead-name request watches goes away. */
	task_t child;
	ck_assert_int_eq(task_create(self, NULL, 0, FALSE, &child),
			 KERN_SUCCESS);
	ck_assert_int_eq(mach_port_insert_right(child, port, port,
						MACH_MSG_TYPE_MAKE_SEND),
			 KERN_SUCCESS);
	ck_assert_int_eq(mach_port_request_notification(child, port,
		MACH_NOTIFY_DEAD_NAME, 0, notify,
		MACH_MSG_TYPE_MAKE_SEND_ONCE, &previous), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(child, port), KERN_SUCCESS);
	serve_one(notify);

	ck_assert_int_eq(task_terminate(child), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(self, child), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_mod_refs(self, port,
					    MACH_PORT_RIGHT_RECEIVE, -1),
			 KERN_SUCCESS);
	ck_assert_int_eq(mach_port_mod_refs(self, notify,
					    MACH_PORT_RIGHT_RECEIVE, -1),
			 KERN_SUCCESS);
}
END_TEST

Suite *notify_server_suite(void)
{
	Suite *s = suite_create("notify_server");
	TCase *tc = tcase_create("demux");
	tcase_add_test(tc, test_dead_name_reaches_handler);
	tcase_add_test(tc, test_default_destroys_unhandled);
	tcase_add_test(tc, test_defaults_for_the_others);
	suite_add_tcase(s, tc);
	return s;
}
