/*
 * portsets.c - one thread serving several ports through a port set, as
 * for Darwin: mach_port_allocate(MACH_PORT_RIGHT_PORT_SET),
 * mach_port_move_member in and out, receiving from the set (the message
 * says which member it came to), mach_port_get_set_status, and what
 * happens to members and blocked receivers when the set is destroyed.
 *
 *   cc portsets.c $(pkg-config --cflags --libs machsim)
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
	fprintf(stderr, "portsets: %s:%d: ", __FILE__, __LINE__); \
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

#define NPORTS 4
#define PER_PORT 25
#define PRE_QUEUED 4

typedef struct {
	mach_msg_header_t header;
	int port_index;
	int serial;
} work_msg_t;

typedef struct {
	work_msg_t msg;
	mach_msg_max_trailer_t trailer;
} work_rcv_t;

static mach_port_t ports[NPORTS];
static mach_port_t pset;

static void send_to(mach_port_t port, int index, int serial)
{
	work_msg_t msg;

	memset(&msg, 0, sizeof msg);
	msg.header.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0);
	msg.header.msgh_remote_port = port;
	msg.header.msgh_id = 500 + index;
	msg.port_index = index;
	msg.serial = serial;
	CHECK_KR(mach_msg(&msg.header, MACH_SEND_MSG, sizeof msg, 0,
			  MACH_PORT_NULL, MACH_MSG_TIMEOUT_NONE,
			  MACH_PORT_NULL));
}

static int index_of(mach_port_t name)
{
	for (int i = 0; i < NPORTS; i++)
		if (ports[i] == name)
			return i;
	return -1;
}

/* The set's members, sorted, in a plain array; returns their number. */
static unsigned set_members(mach_port_t set, mach_port_t *out, unsigned max)
{
	mach_port_name_array_t members = NULL;
	mach_msg_type_number_t count = 0;

	CHECK_KR(mach_port_get_set_status(mach_task_self(), set, &members,
					  &count));
	EXPECT(count <= max);
	for (unsigned i = 0; i < count; i++)
		out[i] = members[i];
	/* The array is out-of-line memory the reply gave us. */
	if (count != 0)
		CHECK_KR(vm_deallocate(mach_task_self(),
				       (vm_address_t)members,
				       count * sizeof members[0]));
	return count;
}

static boolean_t in_list(mach_port_t name, const mach_port_t *list,
			 unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		if (list[i] == name)
			return TRUE;
	return FALSE;
}

static unsigned pset_count(mach_port_t port)
{
	mach_port_status_t st;
	mach_msg_type_number_t count = MACH_PORT_RECEIVE_STATUS_COUNT;
	CHECK_KR(mach_port_get_attributes(mach_task_self(), port,
					  MACH_PORT_RECEIVE_STATUS,
					  (mach_port_info_t)&st, &count));
	return st.mps_pset;
}

/* A server thread: take PER_PORT messages per member from the set. */
static int served[NPORTS];

static void *serve_set(void *arg)
{
	(void)arg;
	int next_serial[NPORTS] = { 0 };

	for (int n = 0; n < NPORTS * PER_PORT; n++) {
		work_rcv_t in;
		memset(&in, 0, sizeof in);
		CHECK_KR(mach_msg(&in.msg.header, MACH_RCV_MSG, 0, sizeof in,
				  pset, MACH_MSG_TIMEOUT_NONE,
				  MACH_PORT_NULL));
		/* msgh_local_port names the member the message came to. */
		int i = index_of(in.msg.header.msgh_local_port);
		if (i < 0)
			FAIL("message on unknown port 0x%x",
			     in.msg.header.msgh_local_port);
		EXPECT(in.msg.port_index == i);
		EXPECT(in.msg.header.msgh_id == 500 + i);
		/* Per port, FIFO. */
		EXPECT(in.msg.serial == next_serial[i]);
		next_serial[i]++;
		served[i]++;
	}
	return NULL;
}

/* A thread blocked on a set until something happens to it. */
static mach_msg_return_t blocked_result;

static void *block_on_set(void *arg)
{
	mach_port_t set = *(mach_port_t *)arg;
	work_rcv_t in;
	memset(&in, 0, sizeof in);
	blocked_result = mach_msg(&in.msg.header, MACH_RCV_MSG, 0, sizeof in,
				  set, MACH_MSG_TIMEOUT_NONE,
				  MACH_PORT_NULL);
	return NULL;
}

static void pause_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	nanosleep(&ts, NULL);
}

int main(void)
{
	mach_port_t self = mach_task_self();
	mach_port_t members[NPORTS + 1];
	mach_port_type_t type;
	pthread_t thr;

	CHECK_KR(mach_port_allocate(self, MACH_PORT_RIGHT_PORT_SET, &pset));
	CHECK_KR(mach_port_type(self, pset, &type));
	EXPECT(type == MACH_PORT_TYPE_PORT_SET);
	EXPECT(set_members(pset, members, NPORTS + 1) == 0);

	/* An empty set can be received from: it just times out. */
	{
		work_rcv_t in;
		EXPECT_KR(mach_msg(&in.msg.header,
				   MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0,
				   sizeof in, pset, 0, MACH_PORT_NULL),
			  MACH_RCV_TIMED_OUT);
	}

	for (int i = 0; i < NPORTS; i++) {
		CHECK_KR(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE,
					    &ports[i]));
		EXPECT(pset_count(ports[i]) == 0);
		CHECK_KR(mach_port_move_member(self, ports[i], pset));
		EXPECT(pset_count(ports[i]) == 1);
	}
	EXPECT(set_members(pset, members, NPORTS + 1) == NPORTS);
	for (int i = 0; i < NPORTS; i++)
		EXPECT(in_list(ports[i], members, NPORTS));

	/* A member of a set is received from through the set
	   (MACH-SEMANTICS 2.8: MACH_RCV_IN_SET; XNU would allow it). */
	{
		work_rcv_t in;
		EXPECT_KR(mach_msg(&in.msg.header,
				   MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0,
				   sizeof in, ports[0], 0, MACH_PORT_NULL),
			  MACH_RCV_IN_SET);
	}

	/* Messages queued before (within the default queue limit of 5)
	   and while a thread serves the set. */
	for (int s = 0; s < PRE_QUEUED; s++)
		for (int i = 0; i < NPORTS; i++)
			send_to(ports[i], i, s);
	if (pthread_create(&thr, NULL, serve_set, NULL) != 0)
		FAIL("pthread_create");
	for (int s = PRE_QUEUED; s < PER_PORT; s++)
		for (int i = NPORTS - 1; i >= 0; i--)
			send_to(ports[i], i, s);
	if (pthread_join(thr, NULL) != 0)
		FAIL("pthread_join");
	for (int i = 0; i < NPORTS; i++)
		EXPECT(served[i] == PER_PORT);

	/* Moving a member out: it leaves the set and can be received from
	   directly; its queued message is no longer seen through the set.
	   Moving a port in no set to MACH_PORT_NULL is KERN_NOT_IN_SET. */
	send_to(ports[1], 1, 99);
	CHECK_KR(mach_port_move_member(self, ports[1], MACH_PORT_NULL));
	EXPECT(pset_count(ports[1]) == 0);
	EXPECT_KR(mach_port_move_member(self, ports[1], MACH_PORT_NULL),
		  KERN_NOT_IN_SET);
	EXPECT(set_members(pset, members, NPORTS + 1) == NPORTS - 1);
	EXPECT(!in_list(ports[1], members, NPORTS - 1));
	{
		work_rcv_t in;
		EXPECT_KR(mach_msg(&in.msg.header,
				   MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0,
				   sizeof in, pset, 0, MACH_PORT_NULL),
			  MACH_RCV_TIMED_OUT);
		CHECK_KR(mach_msg(&in.msg.header,
				  MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0,
				  sizeof in, ports[1], 0, MACH_PORT_NULL));
		EXPECT(in.msg.serial == 99);
		EXPECT(in.msg.header.msgh_local_port == ports[1]);
	}

	/* A member moved straight from one set to another. */
	{
		mach_port_t pset2;
		CHECK_KR(mach_port_allocate(self, MACH_PORT_RIGHT_PORT_SET,
					    &pset2));
		CHECK_KR(mach_port_move_member(self, ports[2], pset2));
		EXPECT(pset_count(ports[2]) == 1);
		EXPECT(set_members(pset, members, NPORTS + 1) == NPORTS - 2);
		EXPECT(set_members(pset2, members, NPORTS + 1) == 1);
		EXPECT(members[0] == ports[2]);
		send_to(ports[2], 2, 7);
		work_rcv_t in;
		CHECK_KR(mach_msg(&in.msg.header,
				  MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0,
				  sizeof in, pset2, 0, MACH_PORT_NULL));
		EXPECT(in.msg.header.msgh_local_port == ports[2]);
		CHECK_KR(mach_port_destroy(self, pset2));
		EXPECT(pset_count(ports[2]) == 0);
	}

	/* A thread blocked on the set receives a message sent to a port
	   that joins the set while it waits. */
	if (pthread_create(&thr, NULL, block_on_set, &pset) != 0)
		FAIL("pthread_create");
	pause_ms(20);
	CHECK_KR(mach_port_move_member(self, ports[1], pset));
	send_to(ports[1], 1, 1);
	if (pthread_join(thr, NULL) != 0)
		FAIL("pthread_join");
	CHECK_KR(blocked_result);

	/* Destroying a set wakes a thread blocked on it with
	   MACH_RCV_PORT_DIED.  (If the thread was too slow to block before
	   the set went, it sees MACH_RCV_INVALID_NAME instead: try again,
	   waiting longer.) */
	for (int attempt = 1;; attempt++) {
		mach_port_t doomed;
		CHECK_KR(mach_port_allocate(self, MACH_PORT_RIGHT_PORT_SET,
					    &doomed));
		if (pthread_create(&thr, NULL, block_on_set, &doomed) != 0)
			FAIL("pthread_create");
		pause_ms(20L * attempt);
		CHECK_KR(mach_port_destroy(self, doomed));
		if (pthread_join(thr, NULL) != 0)
			FAIL("pthread_join");
		if (blocked_result == MACH_RCV_INVALID_NAME && attempt < 5)
			continue;
		EXPECT_KR(blocked_result, MACH_RCV_PORT_DIED);
		break;
	}

	/* Destroying a set with members: they leave it. */
	CHECK_KR(mach_port_destroy(self, pset));
	EXPECT_KR(mach_port_type(self, pset, &type), KERN_INVALID_NAME);
	for (int i = 0; i < NPORTS; i++) {
		EXPECT(pset_count(ports[i]) == 0);
		CHECK_KR(mach_port_mod_refs(self, ports[i],
					    MACH_PORT_RIGHT_RECEIVE, -1));
	}

	printf("portsets: ok: %d ports, %d messages served through a set, "
	       "move_member, get_set_status, set destruction\n", NPORTS,
	       NPORTS * PER_PORT);
	return 0;
}
