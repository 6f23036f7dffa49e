/*
 * test_notify_server.c - notify_server, the notification demuxer libmach
 * carries: a notification the program handles reaches its do_ function;
 * one it leaves out is answered by the default, and the server loop
 * destroys what the notification carried.
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

Suite *notify_server_suite(void)
{
	Suite *s = suite_create("notify_server");
	TCase *tc = tcase_create("demux");
	tcase_add_test(tc, test_dead_name_reaches_handler);
	tcase_add_test(tc, test_default_destroys_unhandled);
	suite_add_tcase(s, tc);
	return s;
}
