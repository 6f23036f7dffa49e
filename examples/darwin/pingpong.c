/*
 * pingpong.c - request/reply between two threads of one task, written as
 * for Darwin: a server thread echoes requests that carry a send-once
 * reply right (MACH_MSG_TYPE_MAKE_SEND_ONCE); the client sends and
 * receives in one mach_msg call (MACH_SEND_MSG|MACH_RCV_MSG).  Also:
 * receive timeouts (MACH_RCV_TIMED_OUT), send timeouts on a full queue
 * (MACH_SEND_TIMED_OUT), MACH_RCV_LARGE, and the seqno trailer.
 *
 *   cc pingpong.c $(pkg-config --cflags --libs machsim)
 */
#define _POSIX_C_SOURCE 200809L	/* clock_gettime, nanosleep */

#include <mach/mach.h>
#include <mach/mach_error.h>
#include <mach/message.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define FAIL(...) do { \
	fprintf(stderr, "pingpong: %s:%d: ", __FILE__, __LINE__); \
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

enum {
	MSG_ID_PING = 1000,
	MSG_ID_QUIT = 1001,
	MSG_ID_REPLY_OFFSET = 100,	/* MIG's convention: reply id = id + 100 */
	ROUNDS = 2000,
};

typedef struct {
	mach_msg_header_t header;
	int value;
	char text[32];
} ping_msg_t;

/* What a receiver needs room for: the message and the largest trailer. */
typedef struct {
	ping_msg_t msg;
	mach_msg_max_trailer_t trailer;
} ping_rcv_t;

static mach_port_t server_port;

/* The echo server: answer every request on its reply right, +1. */
static void *server_main(void *arg)
{
	(void)arg;
	for (;;) {
		ping_rcv_t in;
		ping_msg_t out;

		memset(&in, 0, sizeof in);
		CHECK_KR(mach_msg(&in.msg.header, MACH_RCV_MSG, 0, sizeof in,
				  server_port, MACH_MSG_TIMEOUT_NONE,
				  MACH_PORT_NULL));
		/* The client sent COPY_SEND for the destination and
		   MAKE_SEND_ONCE for the reply: we see them as PORT_SEND
		   (local) and PORT_SEND_ONCE (remote). */
		EXPECT(MACH_MSGH_BITS_LOCAL(in.msg.header.msgh_bits) ==
		       MACH_MSG_TYPE_PORT_SEND);
		EXPECT(MACH_MSGH_BITS_REMOTE(in.msg.header.msgh_bits) ==
		       MACH_MSG_TYPE_PORT_SEND_ONCE);
		EXPECT(in.msg.header.msgh_local_port == server_port);
		EXPECT(MACH_PORT_VALID(in.msg.header.msgh_remote_port));
		EXPECT(in.msg.header.msgh_size == sizeof(ping_msg_t));
		EXPECT(in.trailer.msgh_trailer_type ==
		       MACH_MSG_TRAILER_FORMAT_0);
		EXPECT(in.trailer.msgh_trailer_size >=
		       sizeof(mach_msg_trailer_t));

		memset(&out, 0, sizeof out);
		out.header.msgh_bits =
		    MACH_MSGH_BITS(MACH_MSG_TYPE_MOVE_SEND_ONCE, 0);
		out.header.msgh_remote_port = in.msg.header.msgh_remote_port;
		out.header.msgh_local_port = MACH_PORT_NULL;
		out.header.msgh_id = in.msg.header.msgh_id +
		    MSG_ID_REPLY_OFFSET;
		out.value = in.msg.value + 1;
		memcpy(out.text, in.msg.text, sizeof out.text);
		CHECK_KR(mach_msg(&out.header, MACH_SEND_MSG, sizeof out, 0,
				  MACH_PORT_NULL, MACH_MSG_TIMEOUT_NONE,
				  MACH_PORT_NULL));
		if (in.msg.header.msgh_id == MSG_ID_QUIT)
			return NULL;
	}
}

/* One round trip: send on server_port, receive the reply in one call. */
static int call(mach_port_t reply_port, mach_msg_id_t id, int value)
{
	union {
		ping_msg_t req;
		ping_rcv_t rep;
	} u;

	memset(&u, 0, sizeof u);
	u.req.header.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND,
						MACH_MSG_TYPE_MAKE_SEND_ONCE);
	u.req.header.msgh_remote_port = server_port;
	u.req.header.msgh_local_port = reply_port;
	u.req.header.msgh_id = id;
	u.req.value = value;
	snprintf(u.req.text, sizeof u.req.text, "ping %d", value);

	CHECK_KR(mach_msg(&u.req.header, MACH_SEND_MSG | MACH_RCV_MSG,
			  sizeof u.req, sizeof u.rep, reply_port,
			  MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL));

	/* The reply came on the send-once right we made; it carries no
	   reply right of its own. */
	EXPECT(u.rep.msg.header.msgh_id == id + MSG_ID_REPLY_OFFSET);
	EXPECT(u.rep.msg.header.msgh_local_port == reply_port);
	EXPECT(u.rep.msg.header.msgh_remote_port == MACH_PORT_NULL);
	EXPECT(MACH_MSGH_BITS_LOCAL(u.rep.msg.header.msgh_bits) ==
	       MACH_MSG_TYPE_PORT_SEND_ONCE);
	EXPECT(MACH_MSGH_BITS_REMOTE(u.rep.msg.header.msgh_bits) == 0);
	char want[32];
	snprintf(want, sizeof want, "ping %d", value);
	EXPECT(strcmp(u.rep.msg.text, want) == 0);
	return u.rep.msg.value;
}

static double elapsed_ms(const struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) * 1e3 +
	    (double)(t1.tv_nsec - t0->tv_nsec) / 1e6;
}

/* A queue with no receiver fills up at its limit; with MACH_SEND_TIMEOUT
   the extra send fails and the message is handed back. */
static void check_send_timeout(void)
{
	mach_port_t self = mach_task_self();
	mach_port_t port;
	ping_msg_t msg;
	mach_port_limits_t limits;
	mach_msg_type_number_t count = MACH_PORT_LIMITS_INFO_COUNT;

	CHECK_KR(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &port));
	CHECK_KR(mach_port_insert_right(self, port, port,
					MACH_MSG_TYPE_MAKE_SEND));
	CHECK_KR(mach_port_get_attributes(self, port, MACH_PORT_LIMITS_INFO,
					  (mach_port_info_t)&limits, &count));
	EXPECT(limits.mpl_qlimit == MACH_PORT_QLIMIT_DEFAULT);

	for (unsigned i = 0; i <= limits.mpl_qlimit; i++) {
		memset(&msg, 0, sizeof msg);
		msg.header.msgh_bits =
		    MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0);
		msg.header.msgh_remote_port = port;
		msg.header.msgh_id = (mach_msg_id_t)i;
		mach_msg_return_t mr = mach_msg(&msg.header,
		    MACH_SEND_MSG | MACH_SEND_TIMEOUT, sizeof msg, 0,
		    MACH_PORT_NULL, 0, MACH_PORT_NULL);
		if (i < limits.mpl_qlimit)
			CHECK_KR(mr);
		else
			EXPECT_KR(mr, MACH_SEND_TIMED_OUT);
	}
	/* The refused message came back to us (pseudo-receive), with the
	   send right it had copied: one more reference on our name. */
	{
		mach_port_urefs_t refs;
		CHECK_KR(mach_port_get_refs(self, port, MACH_PORT_RIGHT_SEND,
					    &refs));
		EXPECT(refs == 2);
		CHECK_KR(mach_port_deallocate(self, port));
	}

	/* The queued ones come out in order, numbered by the seqno
	   trailer. */
	for (unsigned i = 0; i < limits.mpl_qlimit; i++) {
		ping_rcv_t in;
		memset(&in, 0, sizeof in);
		CHECK_KR(mach_msg(&in.msg.header,
		    MACH_RCV_MSG | MACH_RCV_TIMEOUT |
		    MACH_RCV_TRAILER_TYPE(MACH_MSG_TRAILER_FORMAT_0) |
		    MACH_RCV_TRAILER_ELEMENTS(MACH_RCV_TRAILER_SEQNO),
		    0, sizeof in, port, 0, MACH_PORT_NULL));
		EXPECT(in.msg.header.msgh_id == (mach_msg_id_t)i);
		EXPECT(in.trailer.msgh_trailer_size >=
		       sizeof(mach_msg_seqno_trailer_t));
		EXPECT(in.trailer.msgh_seqno == i);
	}
	CHECK_KR(mach_port_mod_refs(self, port, MACH_PORT_RIGHT_RECEIVE, -1));
	CHECK_KR(mach_port_deallocate(self, port));	/* the dead name */
	mach_port_type_t type;
	EXPECT_KR(mach_port_type(self, port, &type), KERN_INVALID_NAME);
}

/* MACH_RCV_LARGE: a too-small buffer leaves the message queued and
   learns its size. */
static void check_rcv_large(mach_port_t port)
{
	ping_msg_t msg;
	mach_msg_header_t small;

	memset(&msg, 0, sizeof msg);
	msg.header.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0);
	msg.header.msgh_remote_port = port;
	msg.header.msgh_id = 77;
	msg.value = 4242;
	CHECK_KR(mach_msg(&msg.header, MACH_SEND_MSG, sizeof msg, 0,
			  MACH_PORT_NULL, MACH_MSG_TIMEOUT_NONE,
			  MACH_PORT_NULL));

	memset(&small, 0, sizeof small);
	EXPECT_KR(mach_msg(&small, MACH_RCV_MSG | MACH_RCV_LARGE |
			   MACH_RCV_TIMEOUT, 0, sizeof small, port, 0,
			   MACH_PORT_NULL), MACH_RCV_TOO_LARGE);
	EXPECT(small.msgh_size == sizeof(ping_msg_t));

	ping_rcv_t in;
	memset(&in, 0, sizeof in);
	CHECK_KR(mach_msg(&in.msg.header, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0,
			  sizeof in, port, 0, MACH_PORT_NULL));
	EXPECT(in.msg.header.msgh_id == 77 && in.msg.value == 4242);
}

int main(void)
{
	mach_port_t self = mach_task_self();
	mach_port_t reply_port;
	pthread_t server;

	CHECK_KR(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE,
				    &server_port));
	CHECK_KR(mach_port_insert_right(self, server_port, server_port,
					MACH_MSG_TYPE_MAKE_SEND));
	CHECK_KR(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE,
				    &reply_port));

	/* Nothing there yet: a poll and a bounded wait both time out. */
	{
		ping_rcv_t in;
		struct timespec t0;

		EXPECT_KR(mach_msg(&in.msg.header,
				   MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0,
				   sizeof in, reply_port, 0, MACH_PORT_NULL),
			  MACH_RCV_TIMED_OUT);
		clock_gettime(CLOCK_MONOTONIC, &t0);
		EXPECT_KR(mach_msg(&in.msg.header,
				   MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0,
				   sizeof in, reply_port, 50, MACH_PORT_NULL),
			  MACH_RCV_TIMED_OUT);
		double ms = elapsed_ms(&t0);
		if (ms < 45.0)
			FAIL("50 ms receive timeout returned after %.1f ms",
			     ms);
	}

	if (pthread_create(&server, NULL, server_main, NULL) != 0)
		FAIL("pthread_create");

	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (int i = 0; i < ROUNDS; i++) {
		int got = call(reply_port, MSG_ID_PING, i);
		if (got != i + 1)
			FAIL("round %d: echoed %d", i, got);
	}
	double ms = elapsed_ms(&t0);
	(void)call(reply_port, MSG_ID_QUIT, -1);
	if (pthread_join(server, NULL) != 0)
		FAIL("pthread_join");

	/* Every send-once reply right was used up by its reply. */
	{
		mach_port_status_t st;
		mach_msg_type_number_t count = MACH_PORT_RECEIVE_STATUS_COUNT;
		CHECK_KR(mach_port_get_attributes(self, reply_port,
		    MACH_PORT_RECEIVE_STATUS, (mach_port_info_t)&st, &count));
		EXPECT(st.mps_sorights == 0);
		EXPECT(st.mps_msgcount == 0);
		EXPECT(st.mps_seqno == ROUNDS + 1);
	}

	check_send_timeout();
	check_rcv_large(reply_port);

	/* With the receive right gone, sending to the server fails. */
	CHECK_KR(mach_port_mod_refs(self, server_port,
				    MACH_PORT_RIGHT_RECEIVE, -1));
	{
		mach_port_type_t type;
		CHECK_KR(mach_port_type(self, server_port, &type));
		EXPECT(type == MACH_PORT_TYPE_DEAD_NAME);
		ping_msg_t msg;
		memset(&msg, 0, sizeof msg);
		msg.header.msgh_bits =
		    MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0);
		msg.header.msgh_remote_port = server_port;
		EXPECT_KR(mach_msg(&msg.header, MACH_SEND_MSG, sizeof msg, 0,
				   MACH_PORT_NULL, MACH_MSG_TIMEOUT_NONE,
				   MACH_PORT_NULL), MACH_SEND_INVALID_DEST);
	}
	CHECK_KR(mach_port_deallocate(self, server_port));
	CHECK_KR(mach_port_destroy(self, reply_port));

	printf("pingpong: ok: %d round trips (%.1f us each), timeouts, "
	       "queue limit, RCV_LARGE\n", ROUNDS, ms * 1e3 / ROUNDS);
	return 0;
}
