/*
 * test_hostile.c - a hostile program against the kernel, through the
 * public API only: messages that run into unreadable pages, receive
 * buffers the kernel cannot write, out-of-line memory that is not the
 * sender's, huge and wrapping sizes.  Each call gets its documented
 * code, the process lives, nothing is left half done, and the checked
 * teardown verifies every space and port.
 */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <mach/mach.h>
#include <mach/mach_traps.h>

#include "../ksim_check.h"

Suite *hostile_suite(void);

#define SELF	mach_task_self()

static size_t page(void)
{
	return (size_t)getpagesize();
}

static mach_port_name_t new_port(void)
{
	mach_port_name_t n = MACH_PORT_NULL;

	ck_assert_int_eq(mach_port_allocate(SELF, MACH_PORT_RIGHT_RECEIVE, &n),
	    KERN_SUCCESS);
	ck_assert_int_eq(mach_port_insert_right(SELF, n, n,
	    MACH_MSG_TYPE_MAKE_SEND), KERN_SUCCESS);
	return n;
}

static void drop_port(mach_port_name_t n)
{
	ck_assert_int_eq(mach_port_mod_refs(SELF, n, MACH_PORT_RIGHT_RECEIVE,
	    -1), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, n), KERN_SUCCESS);
}

static mach_port_msgcount_t queued(mach_port_name_t n)
{
	mach_port_status_t st;
	mach_msg_type_number_t cnt = MACH_PORT_RECEIVE_STATUS_COUNT;

	ck_assert_int_eq(mach_port_get_attributes(SELF, n,
	    MACH_PORT_RECEIVE_STATUS, (mach_port_info_t)&st, &cnt),
	    KERN_SUCCESS);
	return st.mps_msgcount;
}

static mach_port_type_t type_of(mach_port_name_t n)
{
	mach_port_type_t t = 0;

	if (mach_port_type(SELF, n, &t) != KERN_SUCCESS)
		return 0;
	return t;
}

/* Two pages, the second inaccessible; returns the first. */
static uint8_t *guarded_pages(void)
{
	uint8_t *p = mmap(NULL, 2 * page(), PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	ck_assert_ptr_ne(p, MAP_FAILED);
	ck_assert_int_eq(mprotect(p + page(), page(), PROT_NONE), 0);
	return p;
}

static void unmap_pages(void *p, size_t n)
{
	ck_assert_int_eq(munmap(p, n * page()), 0);
}

/* A message with one OOL memory descriptor. */
typedef struct {
	mach_msg_header_t		head;
	mach_msg_body_t			body;
	mach_msg_ool_descriptor_t	ool;
} ool_msg_t;

typedef struct {
	ool_msg_t			m;
	mach_msg_max_trailer_t		trailer;
} ool_rcv_t;

/* A message with one port descriptor and some inline data. */
typedef struct {
	mach_msg_header_t		head;
	mach_msg_body_t			body;
	mach_msg_port_descriptor_t	port;
	uint8_t				data[48];
} port_msg_t;

static mach_msg_return_t send_ool(mach_port_name_t dest, const void *addr,
    mach_msg_size_t size, boolean_t dealloc)
{
	ool_msg_t m;

	memset(&m, 0, sizeof(m));
	m.head.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0) |
	    MACH_MSGH_BITS_COMPLEX;
	m.head.msgh_remote_port = dest;
	m.head.msgh_id = 7;
	m.body.msgh_descriptor_count = 1;
	m.ool.type = MACH_MSG_OOL_DESCRIPTOR;
	m.ool.address = (void *)(uintptr_t)addr;
	m.ool.size = size;
	m.ool.copy = MACH_MSG_VIRTUAL_COPY;
	m.ool.deallocate = dealloc;
	return mach_msg(&m.head, MACH_SEND_MSG | MACH_SEND_TIMEOUT,
	    sizeof(m), 0, MACH_PORT_NULL, 0, MACH_PORT_NULL);
}

/* Receive one OOL message; its region is the caller's to free. */
static mach_msg_return_t recv_ool(mach_port_name_t port, ool_rcv_t *r)
{
	memset(r, 0, sizeof(*r));
	return mach_msg(&r->m.head, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0,
	    sizeof(*r), port, 0, MACH_PORT_NULL);
}

/* Receive one OOL message of size bytes, check its first and last bytes
   and that it is a new region of ours, and free it. */
static void recv_ool_expect(mach_port_name_t port, vm_size_t size,
    uint8_t first, uint8_t last)
{
	ool_rcv_t r;
	uint8_t *at;

	ck_assert_int_eq(recv_ool(port, &r), MACH_MSG_SUCCESS);
	ck_assert_uint_eq(r.m.ool.size, size);
	at = r.m.ool.address;
	ck_assert_uint_eq(at[0], first);
	ck_assert_uint_eq(at[size - 1], last);
	ck_assert_int_eq(vm_deallocate(SELF, (vm_address_t)at, size),
	    KERN_SUCCESS);
}

/* ---- the message itself ----------------------------------------------------------- */

/* A header at the end of a page, its body running into PROT_NONE. */
START_TEST(send_body_into_unreadable_page)
{
	mach_port_name_t p = new_port();
	uint8_t *pg = guarded_pages();
	mach_msg_header_t *h = (void *)(pg + page() - sizeof(*h));

	memset(h, 0, sizeof(*h));
	h->msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0);
	h->msgh_remote_port = p;
	ck_assert_int_eq(mach_msg(h, MACH_SEND_MSG, 88, 0, MACH_PORT_NULL, 0,
	    MACH_PORT_NULL), MACH_SEND_INVALID_DATA);
	/* The header alone is fine. */
	ck_assert_int_eq(mach_msg(h, MACH_SEND_MSG, sizeof(*h), 0,
	    MACH_PORT_NULL, 0, MACH_PORT_NULL), MACH_MSG_SUCCESS);
	ck_assert_uint_eq(queued(p), 1);
	/* A message wholly in the inaccessible page, and an unmapped one. */
	ck_assert_int_eq(mach_msg((void *)(pg + page()), MACH_SEND_MSG, 24, 0,
	    MACH_PORT_NULL, 0, MACH_PORT_NULL), MACH_SEND_INVALID_DATA);
	unmap_pages(pg, 2);
	ck_assert_int_eq(mach_msg((void *)pg, MACH_SEND_MSG, 24, 0,
	    MACH_PORT_NULL, 0, MACH_PORT_NULL), MACH_SEND_INVALID_DATA);
	drop_port(p);
}
END_TEST

/*
 * The last descriptor claims an out-of-line type (16 bytes) with only 12
 * left in the message: MACH_SEND_MSG_TOO_SMALL in the checking pass, so
 * the receive right the first descriptor moves is still ours.  The
 * bytes past send_size are readable, so only the size check stops it.
 */
START_TEST(descriptor_past_the_message)
{
	mach_port_name_t p = new_port(), moved = new_port();
	struct {
		mach_msg_header_t		head;
		mach_msg_body_t			body;
		mach_msg_port_descriptor_t	port;
		mach_msg_ool_descriptor_t	ool;
	} m;
	mach_msg_descriptor_type_t types[] = { MACH_MSG_OOL_DESCRIPTOR,
	    MACH_MSG_OOL_PORTS_DESCRIPTOR, MACH_MSG_OOL_VOLATILE_DESCRIPTOR };
	unsigned i;

	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		memset(&m, 0, sizeof(m));
		m.head.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0) |
		    MACH_MSGH_BITS_COMPLEX;
		m.head.msgh_remote_port = p;
		m.body.msgh_descriptor_count = 2;
		m.port.name = moved;
		m.port.disposition = MACH_MSG_TYPE_MOVE_RECEIVE;
		m.port.type = MACH_MSG_PORT_DESCRIPTOR;
		m.ool.type = types[i];
		m.ool.address = &m;
		m.ool.size = 8;
		ck_assert_int_eq(mach_msg(&m.head, MACH_SEND_MSG,
		    sizeof(m) - 4, 0, MACH_PORT_NULL, 0, MACH_PORT_NULL),
		    MACH_SEND_MSG_TOO_SMALL);
		ck_assert_uint_eq(type_of(moved), MACH_PORT_TYPE_SEND_RECEIVE);
		ck_assert_uint_eq(queued(p), 0);
	}
	/* The whole descriptor: accepted, the right moves. */
	ck_assert_int_eq(mach_msg(&m.head, MACH_SEND_MSG, sizeof(m), 0,
	    MACH_PORT_NULL, 0, MACH_PORT_NULL), MACH_MSG_SUCCESS);
	ck_assert_uint_eq(type_of(moved), MACH_PORT_TYPE_SEND);
	ck_assert_uint_eq(queued(p), 1);
	ck_assert_int_eq(mach_port_deallocate(SELF, moved), KERN_SUCCESS);
	drop_port(p);	/* destroys the queued message and its right */
}
END_TEST

/* A request to a kernel object from an unreadable buffer: the kernel
   call's fast path refuses it the same way. */
START_TEST(kernel_call_from_unreadable_buffer)
{
	mach_port_name_t reply = mig_get_reply_port();
	uint8_t *pg = guarded_pages();
	mach_msg_header_t *h = (void *)(pg + page() - sizeof(*h));

	memset(h, 0, sizeof(*h));
	h->msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND,
	    MACH_MSG_TYPE_MAKE_SEND_ONCE);
	h->msgh_remote_port = SELF;
	h->msgh_local_port = reply;
	h->msgh_id = 3200;	/* mach_port_names */
	ck_assert_int_eq(mach_msg(h, MACH_SEND_MSG | MACH_RCV_MSG, 56, 128,
	    reply, 0, MACH_PORT_NULL), MACH_SEND_INVALID_DATA);
	ck_assert_uint_eq(type_of(reply), MACH_PORT_TYPE_RECEIVE);
	unmap_pages(pg, 2);
}
END_TEST

/* How many names the task's space holds. */
static mach_msg_type_number_t name_count(void)
{
	mach_port_name_array_t names;
	mach_port_type_array_t types;
	mach_msg_type_number_t n, nt;

	ck_assert_int_eq(mach_port_names(SELF, &names, &n, &types, &nt),
	    KERN_SUCCESS);
	ck_assert_int_eq(vm_deallocate(SELF, (vm_address_t)names,
	    n * sizeof(*names)), KERN_SUCCESS);
	ck_assert_int_eq(vm_deallocate(SELF, (vm_address_t)types,
	    nt * sizeof(*types)), KERN_SUCCESS);
	return n;
}

/* The traps' out arguments in bad memory: KERN_INVALID_ADDRESS, and
   what the call made for them undone. */
START_TEST(trap_out_arguments_in_bad_memory)
{
	uint8_t *pg = guarded_pages();
	void *bad = pg + page();
	mach_port_name_t p = new_port();
	mach_msg_type_number_t before = name_count();
	mach_port_type_t t;
	unsigned int *cnt = (void *)(pg + page() - sizeof(unsigned int));
	uint64_t *ro;

	ck_assert_int_eq(_kernelrpc_mach_port_allocate_trap(SELF,
	    MACH_PORT_RIGHT_RECEIVE, bad), KERN_INVALID_ADDRESS);
	ck_assert_uint_eq(name_count(), before);
	ck_assert_int_eq(_kernelrpc_mach_port_type_trap(SELF, p, bad),
	    KERN_INVALID_ADDRESS);
	ck_assert_int_eq(_kernelrpc_mach_port_type_trap(SELF, p, &t),
	    KERN_SUCCESS);
	ck_assert_uint_eq(t, MACH_PORT_TYPE_SEND_RECEIVE);
	*cnt = MACH_PORT_RECEIVE_STATUS_COUNT;
	ck_assert_int_eq(_kernelrpc_mach_port_get_attributes_trap(SELF, p,
	    MACH_PORT_RECEIVE_STATUS, bad, cnt), KERN_INVALID_ADDRESS);
	ck_assert_int_eq(_kernelrpc_mach_port_get_attributes_trap(SELF, p,
	    MACH_PORT_RECEIVE_STATUS, (int *)(void *)pg, bad),
	    KERN_INVALID_ADDRESS);
	ck_assert_int_eq(_kernelrpc_mach_vm_allocate_trap(SELF, bad, page(),
	    VM_FLAGS_ANYWHERE), KERN_INVALID_ADDRESS);
	/* Readable but not writable: the region made is given back. */
	ro = (uint64_t *)(void *)pg;
	*ro = 0;
	ck_assert_int_eq(mprotect(pg, page(), PROT_READ), 0);
	ck_assert_int_eq(_kernelrpc_mach_vm_allocate_trap(SELF, ro, page(),
	    VM_FLAGS_ANYWHERE), KERN_INVALID_ADDRESS);
	ck_assert_uint_eq(*ro, 0);
	unmap_pages(pg, 2);
	drop_port(p);
}
END_TEST

/* ---- the receive buffer ------------------------------------------------------------- */

/* A message carrying a send right, received into bad memory: the
   message is dequeued and destroyed, the right with it. */
static void receive_into(uint8_t *buf, mach_msg_size_t size)
{
	mach_port_name_t p = new_port(), carried = new_port();
	port_msg_t m;

	memset(&m, 0, sizeof(m));
	m.head.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0) |
	    MACH_MSGH_BITS_COMPLEX;
	m.head.msgh_remote_port = p;
	m.body.msgh_descriptor_count = 1;
	m.port.name = carried;
	m.port.disposition = MACH_MSG_TYPE_MAKE_SEND;
	m.port.type = MACH_MSG_PORT_DESCRIPTOR;
	ck_assert_int_eq(mach_msg(&m.head, MACH_SEND_MSG, sizeof(m), 0,
	    MACH_PORT_NULL, 0, MACH_PORT_NULL), MACH_MSG_SUCCESS);
	ck_assert_int_eq(mach_msg((mach_msg_header_t *)(void *)buf,
	    MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, size, p, 0, MACH_PORT_NULL),
	    MACH_RCV_INVALID_DATA);
	ck_assert_uint_eq(queued(p), 0);
	/* The made send right died with the message: one send right of
	   our own (new_port's), one uref. */
	{
		mach_port_urefs_t u = 0;

		ck_assert_int_eq(mach_port_get_refs(SELF, carried,
		    MACH_PORT_RIGHT_SEND, &u), KERN_SUCCESS);
		ck_assert_uint_eq(u, 1);
	}
	drop_port(carried);
	drop_port(p);
}

START_TEST(receive_into_read_only_buffer)
{
	uint8_t *pg = guarded_pages();

	ck_assert_int_eq(mprotect(pg, page(), PROT_READ), 0);
	receive_into(pg, 256);
	unmap_pages(pg, 2);
}
END_TEST

START_TEST(receive_into_prot_none_buffer)
{
	uint8_t *pg = guarded_pages();

	receive_into(pg + page(), 256);
	unmap_pages(pg, 2);
}
END_TEST

START_TEST(receive_buffer_crossing_into_prot_none)
{
	uint8_t *pg = guarded_pages();

	receive_into(pg + page() - 40, 256);
	unmap_pages(pg, 2);
}
END_TEST

/* mach_msg_overwrite's receive area is written the same guarded way. */
START_TEST(overwrite_receive_area_read_only)
{
	mach_port_name_t p = new_port();
	uint8_t *pg = guarded_pages();
	mach_msg_header_t h;

	ck_assert_int_eq(mprotect(pg, page(), PROT_READ), 0);
	memset(&h, 0, sizeof(h));
	h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0);
	h.msgh_remote_port = p;
	ck_assert_int_eq(mach_msg_overwrite(&h, MACH_SEND_MSG | MACH_RCV_MSG |
	    MACH_RCV_TIMEOUT, sizeof(h), 128, p, 0, MACH_PORT_NULL,
	    (mach_msg_header_t *)(void *)pg, 0), MACH_RCV_INVALID_DATA);
	ck_assert_uint_eq(queued(p), 0);
	unmap_pages(pg, 2);
	drop_port(p);
}
END_TEST

/* MACH_RCV_LARGE writes only the size word; when it cannot, the
   message stays queued. */
START_TEST(receive_large_size_word_unwritable)
{
	mach_port_name_t p = new_port();
	uint8_t *pg = guarded_pages();
	mach_msg_header_t h;

	ck_assert_int_eq(mprotect(pg, page(), PROT_READ), 0);
	memset(&h, 0, sizeof(h));
	h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0);
	h.msgh_remote_port = p;
	ck_assert_int_eq(mach_msg(&h, MACH_SEND_MSG, sizeof(h), 0,
	    MACH_PORT_NULL, 0, MACH_PORT_NULL), MACH_MSG_SUCCESS);
	ck_assert_int_eq(mach_msg((mach_msg_header_t *)(void *)pg,
	    MACH_RCV_MSG | MACH_RCV_LARGE | MACH_RCV_TIMEOUT, 0, 8, p, 0,
	    MACH_PORT_NULL), MACH_RCV_INVALID_DATA);
	ck_assert_uint_eq(queued(p), 1);
	unmap_pages(pg, 2);
	drop_port(p);
}
END_TEST

/* A kernel call whose reply buffer is read-only: the fast path's
   delivery fails as the slow path's would. */
START_TEST(kernel_call_reply_read_only)
{
	mach_port_name_t reply = mig_get_reply_port();
	uint8_t *pg = guarded_pages();
	struct {
		mach_msg_header_t	head;
		NDR_record_t		ndr;
		mach_port_name_t	name;
	} *req = (void *)pg;

	memset(req, 0, sizeof(*req));
	req->head.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND,
	    MACH_MSG_TYPE_MAKE_SEND_ONCE);
	req->head.msgh_remote_port = SELF;
	req->head.msgh_local_port = reply;
	req->head.msgh_id = 3201;	/* mach_port_type */
	req->ndr = NDR_record;
	req->name = reply;
	ck_assert_int_eq(mprotect(pg, page(), PROT_READ), 0);
	ck_assert_int_eq(mach_msg(&req->head, MACH_SEND_MSG | MACH_RCV_MSG,
	    sizeof(*req), 128, reply, 0, MACH_PORT_NULL),
	    MACH_RCV_INVALID_DATA);
	ck_assert_uint_eq(queued(reply), 0);
	unmap_pages(pg, 2);
}
END_TEST

/* ---- out-of-line memory that is not the sender's ------------------------------------ */

START_TEST(ool_from_unmapped_memory)
{
	mach_port_name_t p = new_port();
	uint8_t *pg = guarded_pages();

	ck_assert_int_eq(send_ool(p, pg + page(), 16, FALSE),
	    MACH_SEND_INVALID_MEMORY);
	ck_assert_int_eq(send_ool(p, pg + page() - 8, 16, FALSE),
	    MACH_SEND_INVALID_MEMORY);
	unmap_pages(pg, 2);
	ck_assert_int_eq(send_ool(p, pg, 16, FALSE), MACH_SEND_INVALID_MEMORY);
	ck_assert_int_eq(send_ool(p, (void *)8, 16, FALSE),
	    MACH_SEND_INVALID_MEMORY);
	ck_assert_uint_eq(queued(p), 0);
	drop_port(p);
}
END_TEST

/* A region the task gave back is the kernel's again (the pool keeps its
   pages): sending from its old address must not hand them out. */
START_TEST(ool_from_deallocated_region)
{
	mach_port_name_t p = new_port();
	vm_address_t a = 0;
	vm_size_t sz = 1u << 20;

	ck_assert_int_eq(vm_allocate(SELF, &a, sz, VM_FLAGS_ANYWHERE),
	    KERN_SUCCESS);
	memset((void *)a, 's', sz);
	ck_assert_int_eq(vm_deallocate(SELF, a, sz), KERN_SUCCESS);
	ck_assert_int_eq(send_ool(p, (void *)a, (mach_msg_size_t)sz, FALSE),
	    MACH_SEND_INVALID_MEMORY);
	ck_assert_int_eq(send_ool(p, (void *)(a + 100), 10, FALSE),
	    MACH_SEND_INVALID_MEMORY);
	ck_assert_uint_eq(queued(p), 0);
	drop_port(p);
}
END_TEST

/* Pages in transit in another message are the kernel's. */
START_TEST(ool_from_pages_in_transit)
{
	mach_port_name_t p = new_port();
	vm_address_t a = 0;
	vm_size_t sz = 4 * page();

	ck_assert_int_eq(vm_allocate(SELF, &a, sz, VM_FLAGS_ANYWHERE),
	    KERN_SUCCESS);
	memset((void *)a, 't', sz);
	/* Moved into the message without a copy: the pages stay at a. */
	ck_assert_int_eq(send_ool(p, (void *)a, (mach_msg_size_t)sz, TRUE),
	    MACH_MSG_SUCCESS);
	ck_assert_int_eq(send_ool(p, (void *)a, (mach_msg_size_t)sz, FALSE),
	    MACH_SEND_INVALID_MEMORY);
	ck_assert_uint_eq(queued(p), 1);
	recv_ool_expect(p, sz, 't', 't');
	drop_port(p);
}
END_TEST

/* Another task's region is not ours to send, in whole or in part. */
START_TEST(ool_from_another_tasks_region)
{
	mach_port_name_t p = new_port(), child = MACH_PORT_NULL;
	vm_address_t a = 0, mine = 0;

	ck_assert_int_eq(task_create(SELF, NULL, 0, FALSE, &child),
	    KERN_SUCCESS);
	ck_assert_int_eq(vm_allocate(child, &a, 2 * page(),
	    VM_FLAGS_ANYWHERE), KERN_SUCCESS);
	memset((void *)a, 'c', 2 * page());
	ck_assert_int_eq(send_ool(p, (void *)a, 64, FALSE),
	    MACH_SEND_INVALID_MEMORY);
	ck_assert_int_eq(send_ool(p, (void *)(a + page()), 64, TRUE),
	    MACH_SEND_INVALID_MEMORY);
	/* Our own region next to nothing of theirs is fine. */
	ck_assert_int_eq(vm_allocate(SELF, &mine, page(), VM_FLAGS_ANYWHERE),
	    KERN_SUCCESS);
	ck_assert_int_eq(send_ool(p, (void *)mine, 64, FALSE),
	    MACH_MSG_SUCCESS);
	/* Still the child's after the failed deallocating send. */
	ck_assert_int_eq(vm_deallocate(child, a, 2 * page()), KERN_SUCCESS);
	ck_assert_int_eq(vm_deallocate(SELF, mine, page()), KERN_SUCCESS);
	ck_assert_int_eq(task_terminate(child), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, child), KERN_SUCCESS);
	ck_assert_uint_eq(queued(p), 1);
	drop_port(p);
}
END_TEST

/* Ordinary process memory (static data, the stack, the heap) counts as
   the sending task's own. */
static const char static_text[] = "static data of the process";

START_TEST(ool_from_process_memory)
{
	mach_port_name_t p = new_port();
	char stack_text[] = "on the stack";
	ool_rcv_t r;

	ck_assert_int_eq(send_ool(p, static_text, sizeof(static_text), FALSE),
	    MACH_MSG_SUCCESS);
	ck_assert_int_eq(send_ool(p, stack_text, sizeof(stack_text), FALSE),
	    MACH_MSG_SUCCESS);
	ck_assert_int_eq(recv_ool(p, &r), MACH_MSG_SUCCESS);
	ck_assert_str_eq(r.m.ool.address, static_text);
	ck_assert_int_eq(vm_deallocate(SELF, (vm_address_t)r.m.ool.address,
	    r.m.ool.size), KERN_SUCCESS);
	ck_assert_int_eq(recv_ool(p, &r), MACH_MSG_SUCCESS);
	ck_assert_str_eq(r.m.ool.address, "on the stack");
	ck_assert_int_eq(vm_deallocate(SELF, (vm_address_t)r.m.ool.address,
	    r.m.ool.size), KERN_SUCCESS);
	drop_port(p);
}
END_TEST

/* An OOL port array in memory that is not the sender's, or unreadable. */
START_TEST(ool_ports_from_bad_memory)
{
	mach_port_name_t p = new_port(), child = MACH_PORT_NULL;
	uint8_t *pg = guarded_pages();
	vm_address_t a = 0;
	struct {
		mach_msg_header_t		head;
		mach_msg_body_t			body;
		mach_msg_ool_ports_descriptor_t	ports;
	} m;
	void *addrs[3];
	int i;

	ck_assert_int_eq(task_create(SELF, NULL, 0, FALSE, &child),
	    KERN_SUCCESS);
	ck_assert_int_eq(vm_allocate(child, &a, page(), VM_FLAGS_ANYWHERE),
	    KERN_SUCCESS);
	addrs[0] = (void *)a;
	addrs[1] = pg + page();
	addrs[2] = pg + page() - 4;
	for (i = 0; i < 3; i++) {
		memset(&m, 0, sizeof(m));
		m.head.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0) |
		    MACH_MSGH_BITS_COMPLEX;
		m.head.msgh_remote_port = p;
		m.body.msgh_descriptor_count = 1;
		m.ports.type = MACH_MSG_OOL_PORTS_DESCRIPTOR;
		m.ports.address = addrs[i];
		m.ports.count = 2;
		m.ports.disposition = MACH_MSG_TYPE_COPY_SEND;
		ck_assert_int_eq(mach_msg(&m.head, MACH_SEND_MSG, sizeof(m), 0,
		    MACH_PORT_NULL, 0, MACH_PORT_NULL),
		    MACH_SEND_INVALID_MEMORY);
	}
	ck_assert_uint_eq(queued(p), 0);
	ck_assert_int_eq(task_terminate(child), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, child), KERN_SUCCESS);
	unmap_pages(pg, 2);
	drop_port(p);
}
END_TEST

/* ---- sizes ------------------------------------------------------------------------ */

/* A region larger than any old copy limit, mapped by the task: copied,
   and moved whole with deallocate.  Past the region: refused. */
START_TEST(ool_large_regions)
{
	mach_port_name_t p = new_port();
	vm_size_t copy_sz = 160u << 20, move_sz = 1u << 30;
	vm_address_t a = 0, b = 0;

	/* One page more than the region, unmapped below before it is
	   needed: the page past the region is then surely nobody's (the
	   host may otherwise put the process's own memory there). */
	ck_assert_int_eq(vm_allocate(SELF, &a, copy_sz + page(),
	    VM_FLAGS_ANYWHERE), KERN_SUCCESS);
	((uint8_t *)a)[0] = 'a';
	((uint8_t *)a)[copy_sz - 1] = 'z';
	ck_assert_int_eq(send_ool(p, (void *)a, (mach_msg_size_t)copy_sz,
	    FALSE), MACH_MSG_SUCCESS);
	((uint8_t *)a)[0] = 'b';	/* a snapshot: not seen */
	recv_ool_expect(p, copy_sz, 'a', 'z');
	/* One page past the region's end. */
	ck_assert_int_eq(vm_deallocate(SELF, a + copy_sz, page()),
	    KERN_SUCCESS);
	ck_assert_int_eq(send_ool(p, (void *)a,
	    (mach_msg_size_t)(copy_sz + page()), FALSE),
	    MACH_SEND_INVALID_MEMORY);
	ck_assert_int_eq(vm_deallocate(SELF, a, copy_sz), KERN_SUCCESS);

	ck_assert_int_eq(vm_allocate(SELF, &b, move_sz, VM_FLAGS_ANYWHERE),
	    KERN_SUCCESS);
	((uint8_t *)b)[move_sz - 1] = 'm';
	ck_assert_int_eq(send_ool(p, (void *)b, (mach_msg_size_t)move_sz,
	    TRUE), MACH_MSG_SUCCESS);
	recv_ool_expect(p, move_sz, 0, 'm');
	drop_port(p);
}
END_TEST

/* Wrapping and oversized claims from a small buffer. */
START_TEST(ool_wrapping_sizes)
{
	mach_port_name_t p = new_port();
	static uint8_t small[100];

	ck_assert_int_eq(send_ool(p, small, 0xffffffffu, FALSE),
	    MACH_SEND_INVALID_MEMORY);
	ck_assert_int_eq(send_ool(p, (void *)(uintptr_t)-4096, 8192, FALSE),
	    MACH_SEND_INVALID_MEMORY);
	ck_assert_int_eq(send_ool(p, (void *)(uintptr_t)-16, 100, TRUE),
	    MACH_SEND_INVALID_MEMORY);
	ck_assert_uint_eq(queued(p), 0);
	drop_port(p);
}
END_TEST

/* ---- counts a caller chooses -------------------------------------------------------- */

/* Lock sets: 65536 locks a set, 2^20 in all of a task's sets; past
   either, KERN_RESOURCE_SHORTAGE and nothing made. */
START_TEST(lock_set_counts_bounded)
{
	lock_set_t sets[16], extra = MACH_PORT_NULL;
	int i;

	ck_assert_int_eq(lock_set_create(SELF, &extra, 10000000,
	    SYNC_POLICY_FIFO), KERN_RESOURCE_SHORTAGE);
	ck_assert_int_eq(lock_set_create(SELF, &extra, 0x7fffffff,
	    SYNC_POLICY_FIFO), KERN_RESOURCE_SHORTAGE);
	ck_assert_int_eq(lock_set_create(SELF, &extra, 65537,
	    SYNC_POLICY_FIFO), KERN_RESOURCE_SHORTAGE);
	ck_assert_uint_eq(extra, MACH_PORT_NULL);
	for (i = 0; i < 16; i++)
		ck_assert_int_eq(lock_set_create(SELF, &sets[i], 65536,
		    SYNC_POLICY_FIFO), KERN_SUCCESS);
	/* The last lock of the largest set works. */
	ck_assert_int_eq(lock_acquire(sets[15], 65535), KERN_SUCCESS);
	ck_assert_int_eq(lock_release(sets[15], 65535), KERN_SUCCESS);
	ck_assert_int_eq(lock_acquire(sets[15], 65536), KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(lock_set_create(SELF, &extra, 1, SYNC_POLICY_FIFO),
	    KERN_RESOURCE_SHORTAGE);
	/* Destroying a set gives its locks back to the task's budget. */
	ck_assert_int_eq(lock_set_destroy(SELF, sets[0]), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, sets[0]), KERN_SUCCESS);
	ck_assert_int_eq(lock_set_create(SELF, &sets[0], 65536,
	    SYNC_POLICY_FIFO), KERN_SUCCESS);
	for (i = 0; i < 16; i++) {
		ck_assert_int_eq(lock_set_destroy(SELF, sets[i]), KERN_SUCCESS);
		ck_assert_int_eq(mach_port_deallocate(SELF, sets[i]),
		    KERN_SUCCESS);
	}
}
END_TEST

/* Semaphores: 65536 a task, then KERN_RESOURCE_SHORTAGE. */
START_TEST(semaphore_count_bounded)
{
	static semaphore_t sems[65536];
	semaphore_t extra = MACH_PORT_NULL;
	int i;

	for (i = 0; i < 65536; i++)
		ck_assert_int_eq(semaphore_create(SELF, &sems[i],
		    SYNC_POLICY_FIFO, 0), KERN_SUCCESS);
	ck_assert_int_eq(semaphore_create(SELF, &extra, SYNC_POLICY_FIFO, 0),
	    KERN_RESOURCE_SHORTAGE);
	ck_assert_uint_eq(extra, MACH_PORT_NULL);
	ck_assert_int_eq(semaphore_destroy(SELF, sems[0]), KERN_SUCCESS);
	ck_assert_int_eq(semaphore_create(SELF, &sems[0], SYNC_POLICY_FIFO,
	    0), KERN_SUCCESS);
	for (i = 0; i < 65536; i++)
		ck_assert_int_eq(semaphore_destroy(SELF, sems[i]),
		    KERN_SUCCESS);
}
END_TEST

/* Names, queue limits, port slots in a message. */
START_TEST(name_and_queue_counts_bounded)
{
	mach_port_name_t p = new_port();
	mach_port_limits_t lim = { MACH_PORT_QLIMIT_MAX + 1 };
	struct {
		mach_msg_header_t		head;
		mach_msg_body_t			body;
		mach_msg_ool_ports_descriptor_t	ports;
	} m;
	mach_port_name_t names[4] = { 0 };

	ck_assert_int_eq(task_set_port_space(SELF, 0x7fffffff),
	    KERN_INVALID_VALUE);
	ck_assert_int_eq(task_set_port_space(SELF, -1),
	    KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(mach_port_set_attributes(SELF, p,
	    MACH_PORT_LIMITS_INFO, (mach_port_info_t)&lim,
	    MACH_PORT_LIMITS_INFO_COUNT), KERN_INVALID_VALUE);
	memset(&m, 0, sizeof(m));
	m.head.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0) |
	    MACH_MSGH_BITS_COMPLEX;
	m.head.msgh_remote_port = p;
	m.body.msgh_descriptor_count = 1;
	m.ports.type = MACH_MSG_OOL_PORTS_DESCRIPTOR;
	m.ports.address = names;
	m.ports.count = 0xffffffffu;
	m.ports.disposition = MACH_MSG_TYPE_COPY_SEND;
	ck_assert_int_eq(mach_msg(&m.head, MACH_SEND_MSG, sizeof(m), 0,
	    MACH_PORT_NULL, 0, MACH_PORT_NULL), MACH_SEND_TOO_LARGE);
	m.body.msgh_descriptor_count = 0xffffffffu;
	ck_assert_int_eq(mach_msg(&m.head, MACH_SEND_MSG, sizeof(m), 0,
	    MACH_PORT_NULL, 0, MACH_PORT_NULL), MACH_SEND_MSG_TOO_SMALL);
	ck_assert_uint_eq(queued(p), 0);
	drop_port(p);
}
END_TEST

Suite *hostile_suite(void)
{
	Suite *s = suite_create("hostile");
	TCase *tc = kt_tcase("message");

	tcase_add_test(tc, send_body_into_unreadable_page);
	tcase_add_test(tc, descriptor_past_the_message);
	tcase_add_test(tc, kernel_call_from_unreadable_buffer);
	tcase_add_test(tc, trap_out_arguments_in_bad_memory);
	suite_add_tcase(s, tc);
	tc = kt_tcase("receive");
	tcase_add_test(tc, receive_into_read_only_buffer);
	tcase_add_test(tc, receive_into_prot_none_buffer);
	tcase_add_test(tc, receive_buffer_crossing_into_prot_none);
	tcase_add_test(tc, overwrite_receive_area_read_only);
	tcase_add_test(tc, receive_large_size_word_unwritable);
	tcase_add_test(tc, kernel_call_reply_read_only);
	suite_add_tcase(s, tc);
	tc = kt_tcase("ool");
	tcase_add_test(tc, ool_from_unmapped_memory);
	tcase_add_test(tc, ool_from_deallocated_region);
	tcase_add_test(tc, ool_from_pages_in_transit);
	tcase_add_test(tc, ool_from_another_tasks_region);
	tcase_add_test(tc, ool_from_process_memory);
	tcase_add_test(tc, ool_ports_from_bad_memory);
	suite_add_tcase(s, tc);
	tc = kt_tcase("sizes");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, ool_large_regions);
	tcase_add_test(tc, ool_wrapping_sizes);
	suite_add_tcase(s, tc);
	tc = kt_tcase("counts");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, lock_set_counts_bounded);
	tcase_add_test(tc, semaphore_count_bounded);
	tcase_add_test(tc, name_and_queue_counts_bounded);
	suite_add_tcase(s, tc);
	return s;
}
