/*
 * ool.c - complex messages, as for Darwin: out-of-line memory
 * (mach_msg_ool_descriptor_t, moved with deallocate = TRUE and copied as
 * a snapshot), an out-of-line array of send rights
 * (mach_msg_ool_ports_descriptor_t), and port descriptors that move
 * receive rights (mach_msg_port_descriptor_t, MACH_MSG_TYPE_MOVE_RECEIVE).
 * The receiving thread checks what arrived and vm_deallocates the
 * regions the message gave it.
 *
 *   cc ool.c $(pkg-config --cflags --libs machsim)
 */
#include <mach/mach.h>
#include <mach/mach_error.h>
#include <mach/message.h>

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FAIL(...) do { \
	fprintf(stderr, "ool: %s:%d: ", __FILE__, __LINE__); \
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

#define MSG_ID_TRANSFER 4000
#define MSG_ID_TRAVELLER 4001
#define DATA_PAGES 16
#define SNAP_OFFSET 100
#define SNAP_SIZE 5000
#define NSENDS 3

typedef struct {
	mach_msg_header_t header;
	mach_msg_body_t body;
	mach_msg_ool_descriptor_t data;		/* moved: deallocate = TRUE */
	mach_msg_ool_descriptor_t snapshot;	/* copied, not deallocated */
	mach_msg_ool_descriptor_t empty;	/* size 0 */
	mach_msg_ool_ports_descriptor_t sends;	/* send rights */
	mach_msg_port_descriptor_t shared_rcv;	/* receive, we keep a send */
	mach_msg_port_descriptor_t lone_rcv;	/* receive only */
	/* inline data after the descriptors */
	vm_size_t data_size;
	uint32_t checksum;
} transfer_msg_t;

typedef struct {
	transfer_msg_t msg;
	mach_msg_max_trailer_t trailer;
} transfer_rcv_t;

typedef struct {
	mach_msg_header_t header;
	int payload;
} simple_msg_t;

typedef struct {
	simple_msg_t msg;
	mach_msg_max_trailer_t trailer;
} simple_rcv_t;

static mach_port_t inbox;		/* where the transfer goes */
static mach_port_t shared_port;		/* receive + send under one name */
static mach_port_t lone_port;		/* receive only */
static char *snap_src;			/* malloc'd, unaligned */

static uint32_t sum(const unsigned char *p, size_t n)
{
	uint32_t s = 0;
	for (size_t i = 0; i < n; i++)
		s = s * 31 + p[i];
	return s;
}

static mach_port_type_t type_of(mach_port_t name)
{
	mach_port_type_t type;
	CHECK_KR(mach_port_type(mach_task_self(), name, &type));
	return type;
}

static mach_port_urefs_t send_refs(mach_port_t name)
{
	mach_port_urefs_t refs;
	CHECK_KR(mach_port_get_refs(mach_task_self(), name,
				    MACH_PORT_RIGHT_SEND, &refs));
	return refs;
}

/* The receiving side, on its own thread. */
static void *receiver(void *arg)
{
	mach_port_t self = mach_task_self();
	transfer_rcv_t in;
	(void)arg;

	memset(&in, 0, sizeof in);
	CHECK_KR(mach_msg(&in.msg.header, MACH_RCV_MSG, 0, sizeof in, inbox,
			  MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL));
	transfer_msg_t *m = &in.msg;
	EXPECT(m->header.msgh_id == MSG_ID_TRANSFER);
	EXPECT(m->header.msgh_bits & MACH_MSGH_BITS_COMPLEX);
	EXPECT(m->header.msgh_size == sizeof(transfer_msg_t));
	EXPECT(m->body.msgh_descriptor_count == 6);

	/* Moved pages: a new region, ours to deallocate. */
	EXPECT(m->data.type == MACH_MSG_OOL_DESCRIPTOR);
	EXPECT(m->data.size == m->data_size);
	EXPECT(m->data.address != NULL);
	EXPECT(m->data.copy == MACH_MSG_VIRTUAL_COPY);
	EXPECT(m->data.deallocate == TRUE);
	EXPECT(sum(m->data.address, m->data.size) == m->checksum);
	{
		const unsigned char *p = m->data.address;
		for (vm_size_t i = 0; i < m->data.size; i += vm_page_size)
			EXPECT(p[i] == (unsigned char)(i / vm_page_size));
	}
	CHECK_KR(vm_deallocate(self, (vm_address_t)m->data.address,
			       m->data.size));

	/* The snapshot: as it was at send time, at the same offset in its
	   page, writable by us. */
	EXPECT(m->snapshot.type == MACH_MSG_OOL_DESCRIPTOR);
	EXPECT(m->snapshot.size == SNAP_SIZE);
	EXPECT(m->snapshot.copy == MACH_MSG_PHYSICAL_COPY);
	EXPECT(m->snapshot.deallocate == FALSE);
	EXPECT(((vm_address_t)m->snapshot.address & vm_page_mask) ==
	       ((vm_address_t)(snap_src + SNAP_OFFSET) & vm_page_mask));
	{
		char *p = m->snapshot.address;
		for (int i = 0; i < SNAP_SIZE; i++)
			if (p[i] != (char)('a' + i % 26))
				FAIL("snapshot byte %d is %d", i, p[i]);
		p[0] = '!';
	}
	CHECK_KR(vm_deallocate(self, (vm_address_t)m->snapshot.address,
			       m->snapshot.size));

	/* Size 0: no memory at all. */
	EXPECT(m->empty.address == NULL && m->empty.size == 0);

	/* The send rights merged into the names we already hold. */
	EXPECT(m->sends.type == MACH_MSG_OOL_PORTS_DESCRIPTOR);
	EXPECT(m->sends.disposition == MACH_MSG_TYPE_PORT_SEND);
	EXPECT(m->sends.count == NSENDS);
	{
		mach_port_t *names = m->sends.address;
		EXPECT(names[0] == inbox);
		EXPECT(names[1] == inbox);
		EXPECT(names[2] == MACH_PORT_NULL);
		CHECK_KR(mach_port_deallocate(self, names[0]));
		CHECK_KR(mach_port_deallocate(self, names[1]));
		CHECK_KR(vm_deallocate(self, (vm_address_t)names,
				       m->sends.count * sizeof names[0]));
	}

	/* The receive right whose send right stayed here comes back under
	   the send right's name; the other gets a name of its own. */
	EXPECT(m->shared_rcv.type == MACH_MSG_PORT_DESCRIPTOR);
	EXPECT(m->shared_rcv.disposition == MACH_MSG_TYPE_PORT_RECEIVE);
	EXPECT(m->shared_rcv.name == shared_port);
	EXPECT(type_of(shared_port) == MACH_PORT_TYPE_SEND_RECEIVE);

	EXPECT(m->lone_rcv.disposition == MACH_MSG_TYPE_PORT_RECEIVE);
	EXPECT(MACH_PORT_VALID(m->lone_rcv.name));
	EXPECT(type_of(m->lone_rcv.name) == MACH_PORT_TYPE_RECEIVE);
	lone_port = m->lone_rcv.name;

	/* The moved receive right's make-send count starts again at 0; the
	   message queued on it travelled with it. */
	{
		mach_port_status_t st;
		mach_msg_type_number_t count = MACH_PORT_RECEIVE_STATUS_COUNT;
		CHECK_KR(mach_port_get_attributes(self, shared_port,
		    MACH_PORT_RECEIVE_STATUS, (mach_port_info_t)&st, &count));
		EXPECT(st.mps_mscount == 0);
		EXPECT(st.mps_srights);
		EXPECT(st.mps_msgcount == 1);

		simple_rcv_t s;
		CHECK_KR(mach_msg(&s.msg.header,
				  MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0,
				  sizeof s, shared_port, 0, MACH_PORT_NULL));
		EXPECT(s.msg.header.msgh_id == MSG_ID_TRAVELLER);
		EXPECT(s.msg.payload == 31337);
		EXPECT(s.msg.header.msgh_local_port == shared_port);
	}
	return NULL;
}

int main(void)
{
	mach_port_t self = mach_task_self();
	vm_address_t data = 0;
	vm_size_t data_size = DATA_PAGES * vm_page_size;
	pthread_t thr;

	CHECK_KR(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &inbox));
	CHECK_KR(mach_port_insert_right(self, inbox, inbox,
					MACH_MSG_TYPE_MAKE_SEND));
	CHECK_KR(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE,
				    &shared_port));
	CHECK_KR(mach_port_insert_right(self, shared_port, shared_port,
					MACH_MSG_TYPE_MAKE_SEND));
	CHECK_KR(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE,
				    &lone_port));

	/* Pages to move. */
	CHECK_KR(vm_allocate(self, &data, data_size, VM_FLAGS_ANYWHERE));
	EXPECT(data != 0 && (data & vm_page_mask) == 0);
	{
		unsigned char *p = (unsigned char *)data;
		for (vm_size_t i = 0; i < data_size; i++)
			p[i] = (unsigned char)(i / vm_page_size +
					       (i % vm_page_size ? i * 7 : 0));
	}
	uint32_t checksum = sum((unsigned char *)data, data_size);

	/* Bytes to copy, not page-aligned. */
	snap_src = malloc(SNAP_OFFSET + SNAP_SIZE);
	if (snap_src == NULL)
		FAIL("malloc");
	for (int i = 0; i < SNAP_SIZE; i++)
		snap_src[SNAP_OFFSET + i] = (char)('a' + i % 26);

	mach_port_t send_names[NSENDS] = { inbox, inbox, MACH_PORT_NULL };
	mach_port_urefs_t inbox_refs = send_refs(inbox);

	transfer_msg_t msg;
	memset(&msg, 0, sizeof msg);
	msg.header.msgh_bits = MACH_MSGH_BITS_COMPLEX |
	    MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0);
	msg.header.msgh_remote_port = inbox;
	msg.header.msgh_local_port = MACH_PORT_NULL;
	msg.header.msgh_id = MSG_ID_TRANSFER;
	msg.body.msgh_descriptor_count = 6;

	msg.data.address = (void *)data;
	msg.data.size = (mach_msg_size_t)data_size;
	msg.data.deallocate = TRUE;
	msg.data.copy = MACH_MSG_VIRTUAL_COPY;
	msg.data.type = MACH_MSG_OOL_DESCRIPTOR;

	msg.snapshot.address = snap_src + SNAP_OFFSET;
	msg.snapshot.size = SNAP_SIZE;
	msg.snapshot.deallocate = FALSE;
	msg.snapshot.copy = MACH_MSG_PHYSICAL_COPY;
	msg.snapshot.type = MACH_MSG_OOL_DESCRIPTOR;

	msg.empty.address = NULL;
	msg.empty.size = 0;
	msg.empty.deallocate = FALSE;
	msg.empty.copy = MACH_MSG_VIRTUAL_COPY;
	msg.empty.type = MACH_MSG_OOL_DESCRIPTOR;

	msg.sends.address = send_names;
	msg.sends.count = NSENDS;
	msg.sends.deallocate = FALSE;
	msg.sends.copy = MACH_MSG_PHYSICAL_COPY;
	msg.sends.disposition = MACH_MSG_TYPE_COPY_SEND;
	msg.sends.type = MACH_MSG_OOL_PORTS_DESCRIPTOR;

	msg.shared_rcv.name = shared_port;
	msg.shared_rcv.disposition = MACH_MSG_TYPE_MOVE_RECEIVE;
	msg.shared_rcv.type = MACH_MSG_PORT_DESCRIPTOR;

	msg.lone_rcv.name = lone_port;
	msg.lone_rcv.disposition = MACH_MSG_TYPE_MOVE_RECEIVE;
	msg.lone_rcv.type = MACH_MSG_PORT_DESCRIPTOR;

	msg.data_size = data_size;
	msg.checksum = checksum;

	CHECK_KR(mach_msg(&msg.header, MACH_SEND_MSG, sizeof msg, 0,
			  MACH_PORT_NULL, MACH_MSG_TIMEOUT_NONE,
			  MACH_PORT_NULL));

	/* deallocate = TRUE took the pages from us: the range is free, so a
	   fixed allocation there succeeds. */
	{
		vm_address_t again = data;
		kern_return_t kr = vm_allocate(self, &again, data_size,
					       VM_FLAGS_FIXED);
		EXPECT(kr == KERN_SUCCESS);
		if (kr == KERN_SUCCESS) {
			EXPECT(again == data);
			CHECK_KR(vm_deallocate(self, again, data_size));
		}
	}
	/* The copied bytes are a snapshot: change them now. */
	memset(snap_src, 'X', SNAP_OFFSET + SNAP_SIZE);

	/* The receive rights are in transit: the shared name keeps only its
	   send right, the lone name is gone. */
	EXPECT(type_of(shared_port) == MACH_PORT_TYPE_SEND);
	{
		mach_port_type_t type;
		EXPECT_KR(mach_port_type(self, lone_port, &type),
			  KERN_INVALID_NAME);
	}
	/* The two copied send rights are counted on the port, not on our
	   name. */
	EXPECT(send_refs(inbox) == inbox_refs);

	/* A message sent to a port whose receive right is in a message
	   queues on it and travels with it. */
	{
		simple_msg_t s;
		memset(&s, 0, sizeof s);
		s.header.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0);
		s.header.msgh_remote_port = shared_port;
		s.header.msgh_id = MSG_ID_TRAVELLER;
		s.payload = 31337;
		CHECK_KR(mach_msg(&s.header, MACH_SEND_MSG, sizeof s, 0,
				  MACH_PORT_NULL, MACH_MSG_TIMEOUT_NONE,
				  MACH_PORT_NULL));
	}

	if (pthread_create(&thr, NULL, receiver, NULL) != 0)
		FAIL("pthread_create");
	if (pthread_join(thr, NULL) != 0)
		FAIL("pthread_join");

	EXPECT(send_refs(inbox) == inbox_refs);
	free(snap_src);

	/* A descriptor naming a right we do not hold destroys the message:
	   MACH_SEND_INVALID_RIGHT, and the destination stays usable. */
	{
		transfer_msg_t bad;
		memset(&bad, 0, sizeof bad);
		bad.header.msgh_bits = MACH_MSGH_BITS_COMPLEX |
		    MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0);
		bad.header.msgh_remote_port = inbox;
		bad.header.msgh_id = MSG_ID_TRANSFER;
		bad.body.msgh_descriptor_count = 1;
		bad.data.address = NULL;	/* a port descriptor here */
		mach_msg_port_descriptor_t *pd =
		    (mach_msg_port_descriptor_t *)&bad.data;
		pd->name = lone_port;
		pd->disposition = MACH_MSG_TYPE_MOVE_SEND;
		pd->type = MACH_MSG_PORT_DESCRIPTOR;
		EXPECT_KR(mach_msg(&bad.header, MACH_SEND_MSG,
				   sizeof(mach_msg_header_t) +
				   sizeof(mach_msg_body_t) +
				   sizeof(mach_msg_port_descriptor_t), 0,
				   MACH_PORT_NULL, MACH_MSG_TIMEOUT_NONE,
				   MACH_PORT_NULL), MACH_SEND_INVALID_RIGHT);
		transfer_rcv_t in;
		EXPECT_KR(mach_msg(&in.msg.header,
				   MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0,
				   sizeof in, inbox, 0, MACH_PORT_NULL),
			  MACH_RCV_TIMED_OUT);
		EXPECT(type_of(lone_port) == MACH_PORT_TYPE_RECEIVE);
	}

	CHECK_KR(mach_port_destroy(self, shared_port));
	CHECK_KR(mach_port_destroy(self, lone_port));
	CHECK_KR(mach_port_destroy(self, inbox));

	printf("ool: ok: %lu bytes moved, %d bytes copied, %d send rights "
	       "out of line, 2 receive rights moved\n",
	       (unsigned long)data_size, SNAP_SIZE, NSENDS);
	return 0;
}
