/*
 * notify.c - kernel notifications, as for Darwin: dead-name and
 * no-senders requests with mach_port_request_notification, received
 * raw (mach_dead_name_notification_t, mach_no_senders_notification_t)
 * and served by mach_msg_server_once(notify_server, ...) calling the
 * program's do_mach_notify_* handlers (port-deleted, port-destroyed and
 * send-once too).  The ports that die belong to a second task made with
 * task_create, whose rights we hold through mach_port_extract_right.
 *
 *   cc notify.c $(pkg-config --cflags --libs machsim)
 */
#include <mach/mach.h>
#include <mach/mach_error.h>
#include <mach/message.h>
#include <mach/notify.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FAIL(...) do { \
	fprintf(stderr, "notify: %s:%d: ", __FILE__, __LINE__); \
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

/* The demuxer libmach carries (generated from notify.defs) and the work
   functions it calls, as mig's notifyServer.h declares them. */
extern boolean_t notify_server(mach_msg_header_t *InHeadP,
			       mach_msg_header_t *OutHeadP);
kern_return_t do_mach_notify_port_deleted(mach_port_t notify,
					  mach_port_name_t name);
kern_return_t do_mach_notify_port_destroyed(mach_port_t notify,
					    mach_port_t rights);
kern_return_t do_mach_notify_no_senders(mach_port_t notify,
					mach_port_mscount_t mscount);
kern_return_t do_mach_notify_send_once(mach_port_t notify);
kern_return_t do_mach_notify_dead_name(mach_port_t notify,
				       mach_port_name_t name);

/* What the handlers saw. */
static struct {
	int calls;
	mach_port_t notify;
	mach_port_name_t name;
	mach_port_mscount_t mscount;
	mach_port_t rights;
	mach_msg_id_t which;
} seen;

static void saw(mach_msg_id_t which, mach_port_t notify)
{
	seen.calls++;
	seen.which = which;
	seen.notify = notify;
}

kern_return_t do_mach_notify_port_deleted(mach_port_t notify,
					  mach_port_name_t name)
{
	saw(MACH_NOTIFY_PORT_DELETED, notify);
	seen.name = name;
	return KERN_SUCCESS;
}

kern_return_t do_mach_notify_port_destroyed(mach_port_t notify,
					    mach_port_t rights)
{
	saw(MACH_NOTIFY_PORT_DESTROYED, notify);
	seen.rights = rights;		/* a receive right: now ours */
	return KERN_SUCCESS;
}

kern_return_t do_mach_notify_no_senders(mach_port_t notify,
					mach_port_mscount_t mscount)
{
	saw(MACH_NOTIFY_NO_SENDERS, notify);
	seen.mscount = mscount;
	return KERN_SUCCESS;
}

kern_return_t do_mach_notify_send_once(mach_port_t notify)
{
	saw(MACH_NOTIFY_SEND_ONCE, notify);
	return KERN_SUCCESS;
}

kern_return_t do_mach_notify_dead_name(mach_port_t notify,
				       mach_port_name_t name)
{
	saw(MACH_NOTIFY_DEAD_NAME, notify);
	seen.name = name;
	/* The notification's extra reference on the dead name is ours. */
	return mach_port_deallocate(mach_task_self(), name);
}

/* Room for any notification with its trailer. */
#define NOTIFY_MAX_SIZE 256

static mach_port_t notify_port;

/* Serve exactly one notification, which must be `which`. */
static void serve_one(mach_msg_id_t which)
{
	memset(&seen, 0, sizeof seen);
	CHECK_KR(mach_msg_server_once(notify_server, NOTIFY_MAX_SIZE,
				      notify_port, MACH_RCV_TIMEOUT));
	EXPECT(seen.calls == 1);
	if (seen.which != which)
		FAIL("handled notification %d, want %d", seen.which, which);
	EXPECT(seen.notify == notify_port);
}

static void expect_nothing_queued(void)
{
	mach_port_status_t st;
	mach_msg_type_number_t count = MACH_PORT_RECEIVE_STATUS_COUNT;
	CHECK_KR(mach_port_get_attributes(mach_task_self(), notify_port,
	    MACH_PORT_RECEIVE_STATUS, (mach_port_info_t)&st, &count));
	if (st.mps_msgcount != 0)
		FAIL("%u unexpected message(s) on the notify port",
		     st.mps_msgcount);
}

static mach_port_type_t type_of(mach_port_t name)
{
	mach_port_type_t type;
	CHECK_KR(mach_port_type(mach_task_self(), name, &type));
	return type;
}

static mach_port_urefs_t refs_of(mach_port_t name, mach_port_right_t right)
{
	mach_port_urefs_t refs;
	CHECK_KR(mach_port_get_refs(mach_task_self(), name, right, &refs));
	return refs;
}

/* A receive right in the child task and a send right to it here. */
static mach_port_t remote_send(task_t child, mach_port_name_t *child_name)
{
	mach_port_t send;
	mach_msg_type_name_t acquired;

	CHECK_KR(mach_port_allocate(child, MACH_PORT_RIGHT_RECEIVE,
				    child_name));
	CHECK_KR(mach_port_extract_right(child, *child_name,
					 MACH_MSG_TYPE_MAKE_SEND, &send,
					 &acquired));
	EXPECT(acquired == MACH_MSG_TYPE_PORT_SEND);
	EXPECT(type_of(send) == MACH_PORT_TYPE_SEND);
	return send;
}

static void request_dead_name(mach_port_t name)
{
	mach_port_t previous = MACH_PORT_NULL;
	CHECK_KR(mach_port_request_notification(mach_task_self(), name,
		MACH_NOTIFY_DEAD_NAME, 0, notify_port,
		MACH_MSG_TYPE_MAKE_SEND_ONCE, &previous));
	EXPECT(previous == MACH_PORT_NULL);
	EXPECT(type_of(name) & MACH_PORT_TYPE_DNREQUEST);
}

/* Dead name, received raw. */
static void dead_name_raw(task_t child)
{
	mach_port_name_t child_name;
	mach_port_t send = remote_send(child, &child_name);
	struct {
		mach_dead_name_notification_t n;
		mach_msg_max_trailer_t extra;	/* room for any trailer */
	} msg;

	request_dead_name(send);
	CHECK_KR(mach_port_destroy(child, child_name));

	memset(&msg, 0, sizeof msg);
	CHECK_KR(mach_msg(&msg.n.not_header, MACH_RCV_MSG | MACH_RCV_TIMEOUT,
			  0, sizeof msg, notify_port, 0, MACH_PORT_NULL));
	EXPECT(msg.n.not_header.msgh_id == MACH_NOTIFY_DEAD_NAME);
	EXPECT(msg.n.not_header.msgh_size ==
	       sizeof(mach_dead_name_notification_t) -
	       sizeof(mach_msg_format_0_trailer_t));
	EXPECT(msg.n.not_header.msgh_local_port == notify_port);
	EXPECT(msg.n.not_header.msgh_remote_port == MACH_PORT_NULL);
	EXPECT(MACH_MSGH_BITS_LOCAL(msg.n.not_header.msgh_bits) ==
	       MACH_MSG_TYPE_PORT_SEND_ONCE);
	EXPECT(!(msg.n.not_header.msgh_bits & MACH_MSGH_BITS_COMPLEX));
	EXPECT(msg.n.not_port == send);

	/* The send right became a dead name with one more reference, which
	   the notification handed to us. */
	EXPECT(type_of(send) == MACH_PORT_TYPE_DEAD_NAME);
	EXPECT(refs_of(send, MACH_PORT_RIGHT_DEAD_NAME) == 2);
	CHECK_KR(mach_port_deallocate(mach_task_self(), msg.n.not_port));
	CHECK_KR(mach_port_deallocate(mach_task_self(), send));
	{
		mach_port_type_t type;
		EXPECT_KR(mach_port_type(mach_task_self(), send, &type),
			  KERN_INVALID_NAME);
	}
	expect_nothing_queued();
}

/* No senders, received raw: our own port, its only send right given
   away and dropped. */
static void no_senders_raw(void)
{
	mach_port_t self = mach_task_self();
	mach_port_t port, previous = MACH_PORT_NULL;
	struct {
		mach_no_senders_notification_t n;
		mach_msg_max_trailer_t extra;
	} msg;

	CHECK_KR(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &port));
	CHECK_KR(mach_port_insert_right(self, port, port,
					MACH_MSG_TYPE_MAKE_SEND));
	CHECK_KR(mach_port_request_notification(self, port,
		MACH_NOTIFY_NO_SENDERS, 0, notify_port,
		MACH_MSG_TYPE_MAKE_SEND_ONCE, &previous));
	EXPECT(previous == MACH_PORT_NULL);
	{
		mach_port_status_t st;
		mach_msg_type_number_t count = MACH_PORT_RECEIVE_STATUS_COUNT;
		CHECK_KR(mach_port_get_attributes(self, port,
		    MACH_PORT_RECEIVE_STATUS, (mach_port_info_t)&st, &count));
		EXPECT(st.mps_nsrequest);
		EXPECT(st.mps_mscount == 1);
	}
	expect_nothing_queued();	/* a send right is still out there */

	CHECK_KR(mach_port_deallocate(self, port));
	EXPECT(type_of(port) == MACH_PORT_TYPE_RECEIVE);

	memset(&msg, 0, sizeof msg);
	CHECK_KR(mach_msg(&msg.n.not_header, MACH_RCV_MSG | MACH_RCV_TIMEOUT,
			  0, sizeof msg, notify_port, 0, MACH_PORT_NULL));
	EXPECT(msg.n.not_header.msgh_id == MACH_NOTIFY_NO_SENDERS);
	EXPECT(msg.n.not_header.msgh_size ==
	       sizeof(mach_no_senders_notification_t) -
	       sizeof(mach_msg_format_0_trailer_t));
	EXPECT(msg.n.not_count == 1);
	CHECK_KR(mach_port_mod_refs(self, port, MACH_PORT_RIGHT_RECEIVE, -1));
	expect_nothing_queued();
}

/* The same kinds through notify_server and the do_ handlers. */
static void via_notify_server(task_t child)
{
	mach_port_t self = mach_task_self();
	mach_port_t previous;

	/* Dead name: the handler gets the name and releases its ref. */
	{
		mach_port_name_t child_name;
		mach_port_t send = remote_send(child, &child_name);
		request_dead_name(send);
		CHECK_KR(mach_port_mod_refs(child, child_name,
					    MACH_PORT_RIGHT_RECEIVE, -1));
		serve_one(MACH_NOTIFY_DEAD_NAME);
		EXPECT(seen.name == send);
		EXPECT(type_of(send) == MACH_PORT_TYPE_DEAD_NAME);
		EXPECT(refs_of(send, MACH_PORT_RIGHT_DEAD_NAME) == 1);
		CHECK_KR(mach_port_deallocate(self, send));
	}

	/* No senders, with a make-send count of 3. */
	{
		mach_port_t port;
		CHECK_KR(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE,
					    &port));
		for (int i = 0; i < 3; i++)
			CHECK_KR(mach_port_insert_right(self, port, port,
						MACH_MSG_TYPE_MAKE_SEND));
		EXPECT(refs_of(port, MACH_PORT_RIGHT_SEND) == 3);
		previous = MACH_PORT_NULL;
		CHECK_KR(mach_port_request_notification(self, port,
			MACH_NOTIFY_NO_SENDERS, 0, notify_port,
			MACH_MSG_TYPE_MAKE_SEND_ONCE, &previous));
		EXPECT(previous == MACH_PORT_NULL);
		CHECK_KR(mach_port_mod_refs(self, port, MACH_PORT_RIGHT_SEND,
					    -3));
		serve_one(MACH_NOTIFY_NO_SENDERS);
		EXPECT(seen.mscount == 3);

		/* Already without senders and sync <= mscount: it fires at
		   once. */
		previous = MACH_PORT_NULL;
		CHECK_KR(mach_port_request_notification(self, port,
			MACH_NOTIFY_NO_SENDERS, 3, notify_port,
			MACH_MSG_TYPE_MAKE_SEND_ONCE, &previous));
		serve_one(MACH_NOTIFY_NO_SENDERS);
		EXPECT(seen.mscount == 3);
		CHECK_KR(mach_port_mod_refs(self, port,
					    MACH_PORT_RIGHT_RECEIVE, -1));
	}

	/* Port deleted: a watched send right goes away while its port
	   lives. */
	{
		mach_port_name_t child_name;
		mach_port_t send = remote_send(child, &child_name);
		request_dead_name(send);
		CHECK_KR(mach_port_deallocate(self, send));
		serve_one(MACH_NOTIFY_PORT_DELETED);
		EXPECT(seen.name == send);
		CHECK_KR(mach_port_destroy(child, child_name));
		expect_nothing_queued();
	}

	/* Send once: a send-once right dies unused; the notification goes
	   to its own port.  Replacing a registered request hands the old
	   right back as `previous`. */
	{
		mach_port_t so;
		mach_msg_type_name_t acquired;
		CHECK_KR(mach_port_extract_right(self, notify_port,
						 MACH_MSG_TYPE_MAKE_SEND_ONCE,
						 &so, &acquired));
		EXPECT(acquired == MACH_MSG_TYPE_PORT_SEND_ONCE);
		EXPECT(type_of(so) == MACH_PORT_TYPE_SEND_ONCE);
		CHECK_KR(mach_port_deallocate(self, so));
		serve_one(MACH_NOTIFY_SEND_ONCE);

		mach_port_t port;
		CHECK_KR(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE,
					    &port));
		CHECK_KR(mach_port_insert_right(self, port, port,
						MACH_MSG_TYPE_MAKE_SEND));
		previous = MACH_PORT_NULL;
		CHECK_KR(mach_port_request_notification(self, port,
			MACH_NOTIFY_NO_SENDERS, 0, notify_port,
			MACH_MSG_TYPE_MAKE_SEND_ONCE, &previous));
		CHECK_KR(mach_port_request_notification(self, port,
			MACH_NOTIFY_NO_SENDERS, 0, MACH_PORT_NULL,
			MACH_MSG_TYPE_MAKE_SEND_ONCE, &previous));
		EXPECT(MACH_PORT_VALID(previous));
		EXPECT(type_of(previous) == MACH_PORT_TYPE_SEND_ONCE);
		CHECK_KR(mach_port_deallocate(self, previous));
		serve_one(MACH_NOTIFY_SEND_ONCE);
		CHECK_KR(mach_port_destroy(self, port));
		expect_nothing_queued();
	}

	/* Port destroyed: instead of dying, the receive right comes back in
	   the notification, with its queued messages. */
	{
		mach_port_t port;
		mach_msg_header_t hello;
		CHECK_KR(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE,
					    &port));
		memset(&hello, 0, sizeof hello);
		hello.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0);
		hello.msgh_remote_port = port;
		hello.msgh_id = 4711;
		CHECK_KR(mach_msg(&hello, MACH_SEND_MSG, sizeof hello, 0,
				  MACH_PORT_NULL, MACH_MSG_TIMEOUT_NONE,
				  MACH_PORT_NULL));
		previous = MACH_PORT_NULL;
		CHECK_KR(mach_port_request_notification(self, port,
			MACH_NOTIFY_PORT_DESTROYED, 0, notify_port,
			MACH_MSG_TYPE_MAKE_SEND_ONCE, &previous));
		EXPECT(previous == MACH_PORT_NULL);
		CHECK_KR(mach_port_destroy(self, port));
		serve_one(MACH_NOTIFY_PORT_DESTROYED);
		EXPECT(MACH_PORT_VALID(seen.rights));
		EXPECT(type_of(seen.rights) == MACH_PORT_TYPE_RECEIVE);
		struct {
			mach_msg_header_t h;
			mach_msg_max_trailer_t t;
		} in;
		CHECK_KR(mach_msg(&in.h, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0,
				  sizeof in, seen.rights, 0, MACH_PORT_NULL));
		EXPECT(in.h.msgh_id == 4711);
		CHECK_KR(mach_port_mod_refs(self, seen.rights,
					    MACH_PORT_RIGHT_RECEIVE, -1));
		expect_nothing_queued();
	}

	/* A message notify_server does not know: FALSE and MIG_BAD_ID. */
	{
		struct {
			mach_msg_header_t h;
			mach_msg_max_trailer_t t;
		} in;
		union {
			mig_reply_error_t err;
			char buf[NOTIFY_MAX_SIZE];
		} out;
		memset(&in, 0, sizeof in);
		memset(&out, 0, sizeof out);
		in.h.msgh_bits = MACH_MSGH_BITS(0, MACH_MSG_TYPE_PORT_SEND_ONCE);
		in.h.msgh_size = sizeof in.h;
		in.h.msgh_local_port = notify_port;
		in.h.msgh_id = 12345;
		EXPECT(!notify_server(&in.h, &out.err.Head));
		EXPECT(out.err.RetCode == MIG_BAD_ID);
	}
}

/* Task death kills the ports it held receive rights for. */
static void task_death(task_t child)
{
	mach_port_name_t n1, n2;
	mach_port_t s1 = remote_send(child, &n1);
	mach_port_t s2 = remote_send(child, &n2);

	request_dead_name(s1);
	request_dead_name(s2);
	CHECK_KR(task_terminate(child));
	for (int i = 0; i < 2; i++) {
		serve_one(MACH_NOTIFY_DEAD_NAME);
		EXPECT(seen.name == s1 || seen.name == s2);
	}
	EXPECT(type_of(s1) == MACH_PORT_TYPE_DEAD_NAME);
	EXPECT(type_of(s2) == MACH_PORT_TYPE_DEAD_NAME);
	CHECK_KR(mach_port_deallocate(mach_task_self(), s1));
	CHECK_KR(mach_port_deallocate(mach_task_self(), s2));
	expect_nothing_queued();
}

int main(void)
{
	mach_port_t self = mach_task_self();
	task_t child;

	CHECK_KR(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE,
				    &notify_port));
	CHECK_KR(task_create(self, NULL, 0, FALSE, &child));

	/* Nothing pending: the server loop times out. */
	EXPECT_KR(mach_msg_server_once(notify_server, NOTIFY_MAX_SIZE,
				       notify_port, MACH_RCV_TIMEOUT),
		  MACH_RCV_TIMED_OUT);

	dead_name_raw(child);
	no_senders_raw();
	via_notify_server(child);
	task_death(child);
	CHECK_KR(mach_port_deallocate(self, child));

	CHECK_KR(mach_port_mod_refs(self, notify_port,
				    MACH_PORT_RIGHT_RECEIVE, -1));
	printf("notify: ok: dead-name and no-senders raw; dead-name, "
	       "no-senders, port-deleted, send-once, port-destroyed through "
	       "notify_server; task death\n");
	return 0;
}
