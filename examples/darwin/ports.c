/*
 * ports.c - port-right bookkeeping idioms, as for Darwin:
 * mach_port_names, mach_port_type, mach_port_get_refs / mod_refs,
 * mach_port_get_attributes(MACH_PORT_RECEIVE_STATUS),
 * mach_port_set_attributes(MACH_PORT_LIMITS_INFO),
 * mach_port_insert_right and mach_port_extract_right (also into and out
 * of a second task), mach_port_allocate_name, and mach_error_string on
 * the errors the calls answer.
 *
 *   cc ports.c $(pkg-config --cflags --libs machsim)
 */
#include <mach/mach.h>
#include <mach/mach_error.h>
#include <mach/message.h>
#include <mach/notify.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FAIL(...) do { \
	fprintf(stderr, "ports: %s:%d: ", __FILE__, __LINE__); \
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

/* The names of a space and their types, as mach_port_names gives them. */
struct names {
	mach_port_name_array_t names;
	mach_msg_type_number_t count;
	mach_port_type_array_t types;
	mach_msg_type_number_t tcount;
};

static void get_names(task_t task, struct names *n)
{
	memset(n, 0, sizeof *n);
	CHECK_KR(mach_port_names(task, &n->names, &n->count, &n->types,
				 &n->tcount));
	EXPECT(n->count == n->tcount);
}

static void free_names(struct names *n)
{
	if (n->count != 0) {
		CHECK_KR(vm_deallocate(mach_task_self(),
				       (vm_address_t)n->names,
				       n->count * sizeof n->names[0]));
		CHECK_KR(vm_deallocate(mach_task_self(),
				       (vm_address_t)n->types,
				       n->tcount * sizeof n->types[0]));
	}
}

/* The type mach_port_names reports for name, or 0 if it is not there. */
static mach_port_type_t listed_type(task_t task, mach_port_name_t name)
{
	struct names n;
	mach_port_type_t type = 0;
	get_names(task, &n);
	for (mach_msg_type_number_t i = 0; i < n.count; i++)
		if (n.names[i] == name)
			type = n.types[i];
	free_names(&n);
	return type;
}

static mach_msg_type_number_t name_count(task_t task)
{
	struct names n;
	get_names(task, &n);
	mach_msg_type_number_t c = n.count;
	free_names(&n);
	return c;
}

static mach_port_type_t type_of(task_t task, mach_port_name_t name)
{
	mach_port_type_t type;
	CHECK_KR(mach_port_type(task, name, &type));
	return type;
}

static mach_port_urefs_t refs(mach_port_name_t name, mach_port_right_t right)
{
	mach_port_urefs_t r;
	CHECK_KR(mach_port_get_refs(mach_task_self(), name, right, &r));
	return r;
}

static mach_port_status_t status_of(mach_port_t port)
{
	mach_port_status_t st;
	mach_msg_type_number_t count = MACH_PORT_RECEIVE_STATUS_COUNT;
	CHECK_KR(mach_port_get_attributes(mach_task_self(), port,
					  MACH_PORT_RECEIVE_STATUS,
					  (mach_port_info_t)&st, &count));
	EXPECT(count == MACH_PORT_RECEIVE_STATUS_COUNT);
	return st;
}

static mach_msg_return_t send_empty(mach_port_t port, mach_msg_timeout_t to)
{
	mach_msg_header_t h;
	memset(&h, 0, sizeof h);
	h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0);
	h.msgh_remote_port = port;
	h.msgh_id = 1;
	return mach_msg(&h, MACH_SEND_MSG | MACH_SEND_TIMEOUT, sizeof h, 0,
			MACH_PORT_NULL, to, MACH_PORT_NULL);
}

static void expect_error_string(mach_error_t err, const char *part)
{
	const char *s = mach_error_string(err);
	if (s == NULL || strstr(s, part) == NULL)
		FAIL("mach_error_string(0x%x) = \"%s\", want it to say \"%s\"",
		     err, s ? s : "(null)", part);
}

int main(void)
{
	task_t self = mach_task_self();
	mach_port_t port;
	mach_msg_type_number_t baseline = name_count(self);

	/* A receive right: listed, typed, one reference. */
	CHECK_KR(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &port));
	EXPECT(MACH_PORT_VALID(port));
	EXPECT(name_count(self) == baseline + 1);
	EXPECT(listed_type(self, port) == MACH_PORT_TYPE_RECEIVE);
	EXPECT(type_of(self, port) == MACH_PORT_TYPE_RECEIVE);
	EXPECT(refs(port, MACH_PORT_RIGHT_RECEIVE) == 1);
	EXPECT(refs(port, MACH_PORT_RIGHT_SEND) == 0);

	mach_port_status_t st = status_of(port);
	EXPECT(st.mps_pset == 0 && st.mps_seqno == 0 && st.mps_mscount == 0);
	EXPECT(st.mps_qlimit == MACH_PORT_QLIMIT_DEFAULT);
	EXPECT(st.mps_msgcount == 0 && st.mps_sorights == 0);
	EXPECT(!st.mps_srights && !st.mps_pdrequest && !st.mps_nsrequest);

	/* A send right joins the receive right's name. */
	CHECK_KR(mach_port_insert_right(self, port, port,
					MACH_MSG_TYPE_MAKE_SEND));
	EXPECT(type_of(self, port) == MACH_PORT_TYPE_SEND_RECEIVE);
	EXPECT(listed_type(self, port) == MACH_PORT_TYPE_SEND_RECEIVE);
	EXPECT(name_count(self) == baseline + 1);
	EXPECT(refs(port, MACH_PORT_RIGHT_SEND) == 1);
	st = status_of(port);
	EXPECT(st.mps_mscount == 1 && st.mps_srights);

	/* User references. */
	CHECK_KR(mach_port_mod_refs(self, port, MACH_PORT_RIGHT_SEND, 2));
	EXPECT(refs(port, MACH_PORT_RIGHT_SEND) == 3);
	EXPECT_KR(mach_port_mod_refs(self, port, MACH_PORT_RIGHT_SEND, -4),
		  KERN_INVALID_VALUE);
	EXPECT_KR(mach_port_mod_refs(self, port, MACH_PORT_RIGHT_RECEIVE, 1),
		  KERN_INVALID_VALUE);
	EXPECT_KR(mach_port_mod_refs(self, port, MACH_PORT_RIGHT_DEAD_NAME,
				     1), KERN_INVALID_RIGHT);
	CHECK_KR(mach_port_deallocate(self, port));
	EXPECT(refs(port, MACH_PORT_RIGHT_SEND) == 2);

	/* extract_right: COPY_SEND comes back under the same name (one more
	   reference); MAKE_SEND_ONCE under a new name of its own. */
	{
		mach_port_t right;
		mach_msg_type_name_t acquired;
		CHECK_KR(mach_port_extract_right(self, port,
						 MACH_MSG_TYPE_COPY_SEND,
						 &right, &acquired));
		EXPECT(acquired == MACH_MSG_TYPE_PORT_SEND);
		EXPECT(right == port);
		EXPECT(refs(port, MACH_PORT_RIGHT_SEND) == 3);

		CHECK_KR(mach_port_extract_right(self, port,
						 MACH_MSG_TYPE_MAKE_SEND_ONCE,
						 &right, &acquired));
		EXPECT(acquired == MACH_MSG_TYPE_PORT_SEND_ONCE);
		EXPECT(right != port && MACH_PORT_VALID(right));
		EXPECT(type_of(self, right) == MACH_PORT_TYPE_SEND_ONCE);
		EXPECT(refs(right, MACH_PORT_RIGHT_SEND_ONCE) == 1);
		EXPECT(status_of(port).mps_sorights == 1);
		/* Destroying it unused sends a send-once notification to the
		   port. */
		CHECK_KR(mach_port_deallocate(self, right));
		struct {
			mach_msg_header_t h;
			mach_msg_max_trailer_t t;
		} in;
		CHECK_KR(mach_msg(&in.h, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0,
				  sizeof in, port, 0, MACH_PORT_NULL));
		EXPECT(in.h.msgh_id == MACH_NOTIFY_SEND_ONCE);
		/* The right the notification travelled on is used up. */
		EXPECT(status_of(port).mps_sorights == 0);
		CHECK_KR(mach_port_mod_refs(self, port, MACH_PORT_RIGHT_SEND,
					    -2));
	}

	/* Queue limit: set to 1, the second send times out; above
	   MACH_PORT_QLIMIT_MAX is refused. */
	{
		mach_port_limits_t lim = { .mpl_qlimit = 1 };
		mach_msg_type_number_t count = MACH_PORT_LIMITS_INFO_COUNT;
		CHECK_KR(mach_port_set_attributes(self, port,
			MACH_PORT_LIMITS_INFO, (mach_port_info_t)&lim,
			MACH_PORT_LIMITS_INFO_COUNT));
		lim.mpl_qlimit = 0;
		CHECK_KR(mach_port_get_attributes(self, port,
			MACH_PORT_LIMITS_INFO, (mach_port_info_t)&lim,
			&count));
		EXPECT(count == MACH_PORT_LIMITS_INFO_COUNT);
		EXPECT(lim.mpl_qlimit == 1);
		CHECK_KR(send_empty(port, 0));
		EXPECT(refs(port, MACH_PORT_RIGHT_SEND) == 1);
		EXPECT_KR(send_empty(port, 10), MACH_SEND_TIMED_OUT);
		/* The timed-out message was handed back (pseudo-receive),
		   with the send right it had copied: one more reference. */
		EXPECT(refs(port, MACH_PORT_RIGHT_SEND) == 2);
		CHECK_KR(mach_port_deallocate(self, port));
		st = status_of(port);
		EXPECT(st.mps_qlimit == 1 && st.mps_msgcount == 1);

		lim.mpl_qlimit = MACH_PORT_QLIMIT_MAX + 1;
		EXPECT_KR(mach_port_set_attributes(self, port,
			MACH_PORT_LIMITS_INFO, (mach_port_info_t)&lim,
			MACH_PORT_LIMITS_INFO_COUNT), KERN_INVALID_VALUE);
		lim.mpl_qlimit = MACH_PORT_QLIMIT_MAX;
		CHECK_KR(mach_port_set_attributes(self, port,
			MACH_PORT_LIMITS_INFO, (mach_port_info_t)&lim,
			MACH_PORT_LIMITS_INFO_COUNT));
		CHECK_KR(send_empty(port, 0));
		EXPECT(status_of(port).mps_msgcount == 2);

		/* Too small a count is KERN_FAILURE; an unknown flavor
		   KERN_INVALID_ARGUMENT. */
		count = 0;
		EXPECT_KR(mach_port_get_attributes(self, port,
			MACH_PORT_RECEIVE_STATUS, (mach_port_info_t)&st,
			&count), KERN_FAILURE);
		count = MACH_PORT_RECEIVE_STATUS_COUNT;
		EXPECT_KR(mach_port_get_attributes(self, port, 77,
			(mach_port_info_t)&st, &count),
			KERN_INVALID_ARGUMENT);
	}

	/* A name of our choosing; a dead name allocated outright. */
	{
		mach_port_name_t mine = 0x5503, dead;
		CHECK_KR(mach_port_allocate_name(self,
						 MACH_PORT_RIGHT_RECEIVE,
						 mine));
		EXPECT(type_of(self, mine) == MACH_PORT_TYPE_RECEIVE);
		EXPECT_KR(mach_port_allocate_name(self,
						  MACH_PORT_RIGHT_RECEIVE,
						  mine), KERN_NAME_EXISTS);
		CHECK_KR(mach_port_destroy(self, mine));

		CHECK_KR(mach_port_allocate(self, MACH_PORT_RIGHT_DEAD_NAME,
					    &dead));
		EXPECT(type_of(self, dead) == MACH_PORT_TYPE_DEAD_NAME);
		EXPECT(refs(dead, MACH_PORT_RIGHT_DEAD_NAME) == 1);
		CHECK_KR(mach_port_mod_refs(self, dead,
					    MACH_PORT_RIGHT_DEAD_NAME, 4));
		EXPECT(refs(dead, MACH_PORT_RIGHT_DEAD_NAME) == 5);
		CHECK_KR(mach_port_mod_refs(self, dead,
					    MACH_PORT_RIGHT_DEAD_NAME, -5));
		mach_port_type_t type;
		EXPECT_KR(mach_port_type(self, dead, &type),
			  KERN_INVALID_NAME);
		EXPECT_KR(mach_port_allocate(self, MACH_PORT_RIGHT_SEND,
					     &dead), KERN_INVALID_VALUE);
	}

	/* Into and out of another task's space. */
	{
		task_t child;
		mach_port_name_t there = 0x1207;
		CHECK_KR(task_create(self, NULL, 0, FALSE, &child));
		mach_msg_type_number_t child_base = name_count(child);

		CHECK_KR(mach_port_insert_right(child, there, port,
						MACH_MSG_TYPE_MAKE_SEND));
		EXPECT(type_of(child, there) == MACH_PORT_TYPE_SEND);
		EXPECT(listed_type(child, there) == MACH_PORT_TYPE_SEND);
		EXPECT(name_count(child) == child_base + 1);
		/* One send right per space and port: not under a second
		   name. */
		EXPECT_KR(mach_port_insert_right(child, there + 0x100, port,
						 MACH_MSG_TYPE_MAKE_SEND),
			  KERN_RIGHT_EXISTS);
		/* Our own send right and receive right share one name. */
		EXPECT_KR(mach_port_insert_right(self, port + 0x100, port,
						 MACH_MSG_TYPE_MAKE_SEND),
			  KERN_RIGHT_EXISTS);
		EXPECT_KR(mach_port_insert_right(child, MACH_PORT_NULL, port,
						 MACH_MSG_TYPE_MAKE_SEND),
			  KERN_INVALID_VALUE);
		st = status_of(port);
		EXPECT(st.mps_srights);

		/* Take it back out, moving it: the child's name goes. */
		mach_port_t back;
		mach_msg_type_name_t acquired;
		CHECK_KR(mach_port_extract_right(child, there,
						 MACH_MSG_TYPE_MOVE_SEND,
						 &back, &acquired));
		EXPECT(acquired == MACH_MSG_TYPE_PORT_SEND);
		EXPECT(back == port);	/* merged with our receive right */
		EXPECT(type_of(self, port) == MACH_PORT_TYPE_SEND_RECEIVE);
		mach_port_type_t type;
		EXPECT_KR(mach_port_type(child, there, &type),
			  KERN_INVALID_NAME);
		EXPECT_KR(mach_port_extract_right(child, there,
						  MACH_MSG_TYPE_MOVE_SEND,
						  &back, &acquired),
			  KERN_INVALID_NAME);
		EXPECT(name_count(child) == child_base);
		EXPECT(refs(port, MACH_PORT_RIGHT_SEND) == 2);
		CHECK_KR(mach_port_mod_refs(self, port, MACH_PORT_RIGHT_SEND,
					    -2));
		EXPECT(type_of(self, port) == MACH_PORT_TYPE_RECEIVE);

		CHECK_KR(task_terminate(child));
		CHECK_KR(mach_port_deallocate(self, child));
	}

	/* Errors, and what mach_error_string says about them. */
	{
		mach_port_type_t type;
		mach_port_urefs_t r;
		EXPECT_KR(mach_port_type(self, 0x7f7f03, &type),
			  KERN_INVALID_NAME);
		EXPECT_KR(mach_port_type(self, MACH_PORT_NULL, &type),
			  KERN_INVALID_NAME);
		CHECK_KR(mach_port_type(self, MACH_PORT_DEAD, &type));
		EXPECT(type == MACH_PORT_TYPE_DEAD_NAME);
		EXPECT_KR(mach_port_get_refs(self, port, 6, &r),
			  KERN_INVALID_VALUE);
		EXPECT_KR(mach_port_deallocate(self, port),
			  KERN_INVALID_RIGHT);
		EXPECT_KR(mach_port_move_member(self, port, MACH_PORT_NULL),
			  KERN_NOT_IN_SET);
		EXPECT_KR(send_empty(0x7f7f03, 0), MACH_SEND_INVALID_DEST);

		expect_error_string(KERN_SUCCESS, "success");
		expect_error_string(KERN_INVALID_NAME, "invalid name");
		expect_error_string(KERN_INVALID_RIGHT, "invalid right");
		expect_error_string(KERN_INVALID_VALUE, "invalid value");
		expect_error_string(KERN_NAME_EXISTS, "name exists");
		expect_error_string(KERN_NOT_IN_SET, "not in set");
		expect_error_string(MACH_SEND_INVALID_DEST, "invalid destination");
		expect_error_string(MACH_SEND_TIMED_OUT, "timed out");
		expect_error_string(MACH_RCV_TIMED_OUT, "timed out");
		expect_error_string(MACH_RCV_INVALID_NAME, "invalid name");
	}

	CHECK_KR(mach_port_mod_refs(self, port, MACH_PORT_RIGHT_RECEIVE, -1));
	{
		mach_port_type_t type;
		EXPECT_KR(mach_port_type(self, port, &type),
			  KERN_INVALID_NAME);
	}
	/* Everything we made is gone again. */
	EXPECT(name_count(self) == baseline);

	printf("ports: ok: %u names at start and end; types, refs, "
	       "attributes, queue limits, insert/extract across tasks, "
	       "error strings\n", baseline);
	return 0;
}
