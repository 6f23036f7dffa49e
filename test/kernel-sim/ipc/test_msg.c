/*
 * test_msg.c - mach_msg: dispositions, header checks, trailers, sizes,
 * queue limits and timeouts, OOL memory and ports, pseudo-receive, and
 * messages to kernel objects (MACH-SEMANTICS section 2).
 */
#define MACHSIM_KERNEL 1	/* the kernel view of the Mach types */
#include <pthread.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

#include <mach/mig_errors.h>
#include <mach/notify.h>

#include "../ksim_test.h"
#include <ksim/vm.h>

Suite *ipc_msg_suite(void);

START_TEST(send_make_send_roundtrip)
{
	mach_port_name_t p = kt_port();
	kt_rcv_t r;

	ck_assert_int_eq(kt_send(p, MACH_MSG_TYPE_MAKE_SEND, 0, 0, 1234, 77,
	    0, 0), MACH_MSG_SUCCESS);
	ck_assert_int_eq(kt_recv(p, &r, MACH_RCV_TRAILER_ELEMENTS(
	    MACH_RCV_TRAILER_AUDIT), 0), MACH_MSG_SUCCESS);
	ck_assert_int_eq(r.head.msgh_id, 1234);
	ck_assert_int_eq(r.payload, 77);
	ck_assert_int_eq(r.head.msgh_size, sizeof(kt_msg_t));
	ck_assert_uint_eq(r.head.msgh_local_port, p);
	ck_assert_uint_eq(r.head.msgh_remote_port, MACH_PORT_NULL);
	ck_assert_uint_eq(r.head.msgh_bits,
	    MACH_MSGH_BITS(0, MACH_MSG_TYPE_PORT_SEND));
	ck_assert_uint_eq(r.trailer.msgh_trailer_size, 52);
	ck_assert_uint_eq(r.trailer.msgh_seqno, 0);
	ck_assert_uint_eq(r.trailer.msgh_sender.val[0], (unsigned)geteuid());
	ck_assert_uint_eq(kt_type(p), MACH_PORT_TYPE_RECEIVE);
	ck_assert_int_eq(ksim_mach_port_destroy(kt_space(), p), KERN_SUCCESS);
}
END_TEST

START_TEST(reply_send_once_swapped)
{
	mach_port_name_t p = kt_port(), reply = kt_port();
	kt_rcv_t r;

	ck_assert_int_eq(kt_send(p, MACH_MSG_TYPE_MAKE_SEND, reply,
	    MACH_MSG_TYPE_MAKE_SEND_ONCE, 5, 0, 0, 0), MACH_MSG_SUCCESS);
	ck_assert_int_eq(kt_recv(p, &r, 0, 0), MACH_MSG_SUCCESS);
	ck_assert_uint_eq(MACH_MSGH_BITS_REMOTE(r.head.msgh_bits),
	    MACH_MSG_TYPE_PORT_SEND_ONCE);
	ck_assert_uint_eq(kt_type(r.head.msgh_remote_port),
	    MACH_PORT_TYPE_SEND_ONCE);
	ck_assert_uint_ne(r.head.msgh_remote_port, reply);
	/* reply through it */
	ck_assert_int_eq(kt_send(r.head.msgh_remote_port,
	    MACH_MSG_TYPE_MOVE_SEND_ONCE, 0, 0, 105, 1, 0, 0),
	    MACH_MSG_SUCCESS);
	ck_assert_uint_eq(kt_type(r.head.msgh_remote_port), 0);
	ck_assert_int_eq(kt_recv(reply, &r, 0, 0), MACH_MSG_SUCCESS);
	ck_assert_int_eq(r.head.msgh_id, 105);
	ck_assert_uint_eq(MACH_MSGH_BITS_LOCAL(r.head.msgh_bits),
	    MACH_MSG_TYPE_PORT_SEND_ONCE);
	ksim_mach_port_destroy(kt_space(), p);
	ksim_mach_port_destroy(kt_space(), reply);
}
END_TEST

START_TEST(header_errors)
{
	mach_port_name_t p = kt_port(), dead;

	ck_assert_int_eq(kt_send(p, MACH_MSG_TYPE_MAKE_SEND | 0x100, 0, 0, 0,
	    0, 0, 0), MACH_SEND_INVALID_HEADER);
	ck_assert_int_eq(kt_send(p, MACH_MSG_TYPE_MOVE_RECEIVE, 0, 0, 0, 0,
	    0, 0), MACH_SEND_INVALID_HEADER);
	ck_assert_int_eq(kt_send(p, MACH_MSG_TYPE_MAKE_SEND, p, 0, 0, 0, 0,
	    0), MACH_SEND_INVALID_HEADER);
	ck_assert_int_eq(kt_send(MACH_PORT_NULL, MACH_MSG_TYPE_COPY_SEND, 0,
	    0, 0, 0, 0, 0), MACH_SEND_INVALID_DEST);
	ck_assert_int_eq(kt_send(0x4242, MACH_MSG_TYPE_COPY_SEND, 0, 0, 0, 0,
	    0, 0), MACH_SEND_INVALID_DEST);
	ck_assert_int_eq(kt_send(p, MACH_MSG_TYPE_COPY_SEND, 0, 0, 0, 0, 0,
	    0), MACH_SEND_INVALID_DEST);
	/* bad reply reported before a bad destination right */
	ck_assert_int_eq(kt_send(p, MACH_MSG_TYPE_COPY_SEND, 0x4242,
	    MACH_MSG_TYPE_MAKE_SEND, 0, 0, 0, 0), MACH_SEND_INVALID_REPLY);
	ck_assert_int_eq(ksim_mach_port_allocate(kt_space(),
	    MACH_PORT_RIGHT_DEAD_NAME, &dead), KERN_SUCCESS);
	ck_assert_int_eq(kt_send(dead, MACH_MSG_TYPE_COPY_SEND, 0, 0, 0, 0,
	    0, 0), MACH_SEND_INVALID_DEST);
	/* a dead name as reply under MOVE_SEND travels as DEAD */
	ck_assert_int_eq(kt_send(p, MACH_MSG_TYPE_MAKE_SEND, dead,
	    MACH_MSG_TYPE_MOVE_SEND, 0, 0, 0, 0), MACH_MSG_SUCCESS);
	ck_assert_uint_eq(kt_type(dead), 0);
	{
		kt_rcv_t r;

		ck_assert_int_eq(kt_recv(p, &r, 0, 0), MACH_MSG_SUCCESS);
		ck_assert_uint_eq(r.head.msgh_remote_port, MACH_PORT_DEAD);
	}
	ksim_mach_port_destroy(kt_space(), p);
}
END_TEST

START_TEST(size_errors)
{
	mach_msg_header_t h;

	memset(&h, 0, sizeof(h));
	ck_assert_int_eq(mach_msg(&h, MACH_SEND_MSG, 20, 0, 0, 0, 0),
	    MACH_SEND_MSG_TOO_SMALL);
	ck_assert_int_eq(mach_msg(&h, MACH_SEND_MSG, 26, 0, 0, 0, 0),
	    MACH_SEND_MSG_TOO_SMALL);
	ck_assert_int_eq(mach_msg(NULL, MACH_SEND_MSG, 24, 0, 0, 0, 0),
	    MACH_SEND_INVALID_DATA);
	ck_assert_int_eq(mach_msg(&h, MACH_SEND_MSG, IPC_KMSG_MAX_SIZE + 4,
	    0, 0, 0, 0), MACH_SEND_TOO_LARGE);
	ck_assert_int_eq(mach_msg(&h, 0, 0, 0, 0, 0, 0), MACH_MSG_SUCCESS);
}
END_TEST

START_TEST(same_name_move_send_twice)
{
	mach_port_name_t p = kt_port();

	ck_assert_int_eq(ipc_space_insert_right(kt_space(), p,
	    ipc_port_make_send_for_test(p), MACH_MSG_TYPE_PORT_SEND),
	    KERN_SUCCESS);
	ck_assert_int_eq(kt_refs(p, MACH_PORT_RIGHT_SEND), 1);
	ck_assert_int_eq(kt_send(p, MACH_MSG_TYPE_MOVE_SEND, p,
	    MACH_MSG_TYPE_MOVE_SEND, 0, 0, 0, 0), MACH_SEND_INVALID_DEST);
	ck_assert_int_eq(kt_refs(p, MACH_PORT_RIGHT_SEND), 1);
	ck_assert_int_eq(kt_send(p, MACH_MSG_TYPE_MOVE_SEND, p,
	    MACH_MSG_TYPE_COPY_SEND, 0, 0, 0, 0), MACH_MSG_SUCCESS);
	ck_assert_int_eq(kt_refs(p, MACH_PORT_RIGHT_SEND), 0);
	ck_assert_int_eq(kt_send(p, MACH_MSG_TYPE_MAKE_SEND, p,
	    MACH_MSG_TYPE_MOVE_SEND_ONCE, 0, 0, 0, 0), MACH_SEND_INVALID_REPLY);
	ksim_mach_port_destroy(kt_space(), p);
}
END_TEST

START_TEST(rcv_errors)
{
	mach_port_name_t p = kt_port(), s = kt_pset();
	kt_rcv_t r;

	ck_assert_int_eq(kt_recv(MACH_PORT_NULL, &r, 0, 0),
	    MACH_RCV_INVALID_NAME);
	ck_assert_int_eq(kt_recv(0x777, &r, 0, 0), MACH_RCV_INVALID_NAME);
	ck_assert_int_eq(kt_recv(p, &r, MACH_RCV_TIMEOUT, 0),
	    MACH_RCV_TIMED_OUT);
	ck_assert_int_eq(kt_recv(p, &r, MACH_RCV_TIMEOUT, 20),
	    MACH_RCV_TIMED_OUT);
	ck_assert_int_eq(kt_recv(p, &r, MACH_RCV_TRAILER_TYPE(1), 0),
	    MACH_RCV_INVALID_TRAILER);
	ck_assert_int_eq(ksim_mach_port_move_member(kt_space(), p, s),
	    KERN_SUCCESS);
	ck_assert_int_eq(kt_recv(p, &r, MACH_RCV_TIMEOUT, 0),
	    MACH_RCV_IN_SET);
	ck_assert_int_eq(kt_recv(s, &r, MACH_RCV_TIMEOUT, 0),
	    MACH_RCV_TIMED_OUT);
	ksim_mach_port_destroy(kt_space(), p);
	ksim_mach_port_destroy(kt_space(), s);
}
END_TEST

START_TEST(rcv_too_large)
{
	mach_port_name_t p = kt_port();
	mach_msg_header_t small[3];

	ck_assert_int_eq(kt_send(p, MACH_MSG_TYPE_MAKE_SEND, 0, 0, 9, 0, 0, 0),
	    MACH_MSG_SUCCESS);
	ck_assert_int_eq(mach_msg(small, MACH_RCV_MSG | MACH_RCV_LARGE |
	    MACH_RCV_LARGE_IDENTITY, 0, 32, p, 0, 0),
	    MACH_RCV_TOO_LARGE);
	ck_assert_uint_eq(small[0].msgh_size, sizeof(kt_msg_t));
	ck_assert_uint_eq(small[0].msgh_local_port, p);
	/* still queued; without RCV_LARGE it is dequeued and destroyed */
	ck_assert_int_eq(mach_msg(small, MACH_RCV_MSG, 0, 32, p, 0, 0),
	    MACH_RCV_TOO_LARGE);
	ck_assert_uint_eq(small[0].msgh_size, 24);
	ck_assert_int_eq(small[0].msgh_id, 9);
	ck_assert_int_eq(kt_drain_one(p), -1);
	ksim_mach_port_destroy(kt_space(), p);
}
END_TEST

START_TEST(qlimit_timeout_and_pseudo_receive)
{
	mach_port_name_t p = kt_port(), reply = kt_port();
	mach_port_limits_t lim = { 1 };
	kt_msg_t m;

	ck_assert_int_eq(ksim_mach_port_set_attributes(kt_space(), p,
	    MACH_PORT_LIMITS_INFO, (mach_port_info_t)&lim,
	    MACH_PORT_LIMITS_INFO_COUNT), KERN_SUCCESS);
	ck_assert_int_eq(kt_send(p, MACH_MSG_TYPE_MAKE_SEND, 0, 0, 1, 0, 0, 0),
	    MACH_MSG_SUCCESS);
	memset(&m, 0, sizeof(m));
	m.head.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND,
	    MACH_MSG_TYPE_MAKE_SEND_ONCE);
	m.head.msgh_remote_port = p;
	m.head.msgh_local_port = reply;
	ck_assert_int_eq(mach_msg(&m.head, MACH_SEND_MSG | MACH_SEND_TIMEOUT,
	    sizeof(m), 0, 0, 0, 0), MACH_SEND_TIMED_OUT);
	/* handed back: a send right and a send-once right under names */
	ck_assert_uint_eq(MACH_MSGH_BITS_REMOTE(m.head.msgh_bits),
	    MACH_MSG_TYPE_PORT_SEND);
	ck_assert_uint_eq(m.head.msgh_remote_port, p);
	ck_assert_uint_eq(kt_type(p), MACH_PORT_TYPE_SEND_RECEIVE);
	ck_assert_uint_eq(kt_type(m.head.msgh_local_port),
	    MACH_PORT_TYPE_SEND_ONCE);
	ck_assert_int_eq(mach_msg(&m.head, MACH_SEND_MSG | MACH_SEND_TIMEOUT,
	    sizeof(m), 0, 0, 20, 0), MACH_SEND_TIMED_OUT);
	ck_assert_int_eq(kt_drain_one(p), 1);
	ck_assert_int_eq(mach_msg(&m.head, MACH_SEND_MSG, sizeof(m), 0, 0, 0,
	    0), MACH_MSG_SUCCESS);
	ck_assert_uint_eq(kt_type(p), MACH_PORT_TYPE_RECEIVE);
	ck_assert_int_eq(kt_drain_one(p), 0);
	/* the drained send-once reply right was destroyed: notification */
	ck_assert_int_eq(kt_drain_one(reply), MACH_NOTIFY_SEND_ONCE);
	ksim_mach_port_destroy(kt_space(), p);
	ksim_mach_port_destroy(kt_space(), reply);
}
END_TEST

#pragma pack(push, 4)
typedef struct {
	mach_msg_header_t		head;
	mach_msg_body_t			body;
	mach_msg_port_descriptor_t	port;
	mach_msg_ool_descriptor_t	ool;
	mach_msg_ool_ports_descriptor_t	oolp;
	mach_msg_max_trailer_t		trailer;
} cx_msg_t;
#pragma pack(pop)

static void cx_init(cx_msg_t *m, mach_port_name_t dest)
{
	memset(m, 0, sizeof(*m));
	m->head.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0) |
	    MACH_MSGH_BITS_COMPLEX;
	m->head.msgh_remote_port = dest;
	m->body.msgh_descriptor_count = 3;
	m->port.type = MACH_MSG_PORT_DESCRIPTOR;
	m->ool.type = MACH_MSG_OOL_DESCRIPTOR;
	m->oolp.type = MACH_MSG_OOL_PORTS_DESCRIPTOR;
}

START_TEST(complex_roundtrip)
{
	mach_port_name_t p = kt_port(), q = kt_port(), names[2];
	static char data[10000];
	cx_msg_t m;
	mach_port_name_t *got;

	memset(data, 'x', sizeof(data));
	cx_init(&m, p);
	m.port.name = q;
	m.port.disposition = MACH_MSG_TYPE_MAKE_SEND;
	m.ool.address = data + 3;
	m.ool.size = 5000;
	m.ool.copy = MACH_MSG_VIRTUAL_COPY;
	names[0] = q;
	names[1] = MACH_PORT_DEAD;
	m.oolp.address = names;
	m.oolp.count = 2;
	m.oolp.disposition = MACH_MSG_TYPE_MAKE_SEND;
	/* the sender's pad bytes (whatever its stack held) */
	m.port.pad1 = 0xdeadbeef;
	m.port.pad2 = 0xbeef;
	m.ool.pad1 = 0x5a;
	ck_assert_int_eq(mach_msg(&m.head, MACH_SEND_MSG, sizeof(m) -
	    sizeof(m.trailer), 0, 0, 0, 0), MACH_MSG_SUCCESS);
	data[3] = 'y';			/* snapshot taken at send */
	memset(&m, 0xff, sizeof(m));
	ck_assert_int_eq(mach_msg(&m.head, MACH_RCV_MSG, 0, sizeof(m), p, 0,
	    0), MACH_MSG_SUCCESS);
	/* no pad of a descriptor reaches the receiver */
	ck_assert_uint_eq(m.port.pad1, 0);
	ck_assert_uint_eq(m.port.pad2, 0);
	ck_assert_uint_eq(m.ool.pad1, 0);
	ck_assert_uint_eq(m.port.name, q);
	ck_assert_uint_eq(m.port.disposition, MACH_MSG_TYPE_PORT_SEND);
	ck_assert_int_eq(kt_refs(q, MACH_PORT_RIGHT_SEND), 2);
	ck_assert_ptr_nonnull(m.ool.address);
	ck_assert_uint_eq(m.ool.size, 5000);
	ck_assert_int_eq(((char *)m.ool.address)[0], 'x');
	ck_assert_uint_eq(((uintptr_t)m.ool.address) & 4095,
	    ((uintptr_t)(data + 3)) & 4095);
	ck_assert_uint_eq(m.ool.deallocate, TRUE);
	got = m.oolp.address;
	ck_assert_uint_eq(m.oolp.count, 2);
	ck_assert_uint_eq(got[0], q);
	ck_assert_uint_eq(got[1], MACH_PORT_DEAD);
	ck_assert_int_eq(kt_refs(q, MACH_PORT_RIGHT_SEND), 2);
	mach_msg_destroy(&m.head);
	ck_assert_int_eq(kt_refs(q, MACH_PORT_RIGHT_SEND), 0);
	ck_assert_uint_eq(vm_map_region_count(current_task()->map), 0);
	ksim_mach_port_destroy(kt_space(), p);
	ksim_mach_port_destroy(kt_space(), q);
}
END_TEST

START_TEST(complex_body_failure_destroys)
{
	mach_port_name_t p = kt_port(), q = kt_port();
	cx_msg_t m;

	cx_init(&m, p);
	m.head.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND,
	    MACH_MSG_TYPE_MAKE_SEND_ONCE) | MACH_MSGH_BITS_COMPLEX;
	m.head.msgh_local_port = q;
	m.port.name = 0x999;		/* no such name */
	m.port.disposition = MACH_MSG_TYPE_COPY_SEND;
	ck_assert_int_eq(mach_msg(&m.head, MACH_SEND_MSG, sizeof(m) -
	    sizeof(m.trailer), 0, 0, 0, 0), MACH_SEND_INVALID_RIGHT);
	/* the made send-once reply right was destroyed: notification */
	ck_assert_int_eq(kt_drain_one(q), MACH_NOTIFY_SEND_ONCE);
	ck_assert_int_eq(kt_drain_one(p), -1);
	cx_init(&m, p);
	m.ool.copy = 7;
	ck_assert_int_eq(mach_msg(&m.head, MACH_SEND_MSG, sizeof(m) -
	    sizeof(m.trailer), 0, 0, 0, 0), MACH_SEND_INVALID_TYPE);
	cx_init(&m, p);
	ck_assert_int_eq(mach_msg(&m.head, MACH_SEND_MSG, 40, 0, 0, 0, 0),
	    MACH_SEND_MSG_TOO_SMALL);
	{
		void *none = mmap(NULL, 4096, PROT_NONE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		cx_init(&m, p);
		m.ool.address = none;
		m.ool.size = 100;
		ck_assert_int_eq(mach_msg(&m.head, MACH_SEND_MSG, sizeof(m) -
		    sizeof(m.trailer), 0, 0, 0, 0), MACH_SEND_INVALID_MEMORY);
		cx_init(&m, p);
		m.oolp.address = (void *)(uintptr_t)16;
		m.oolp.count = 2;
		m.oolp.disposition = MACH_MSG_TYPE_COPY_SEND;
		ck_assert_int_eq(mach_msg(&m.head, MACH_SEND_MSG, sizeof(m) -
		    sizeof(m.trailer), 0, 0, 0, 0), MACH_SEND_INVALID_MEMORY);
		munmap(none, 4096);
		ck_assert_int_eq(kt_drain_one(p), -1);
	}
	ksim_mach_port_destroy(kt_space(), p);
	ksim_mach_port_destroy(kt_space(), q);
}
END_TEST

START_TEST(ool_deallocate_moves_region)
{
	mach_port_name_t p = kt_port();
	vm_address_t a = 0;
	cx_msg_t m;

	ksim_lock();
	ck_assert_int_eq(vm_map_allocate(current_task()->map, &a, 8192, 1),
	    KERN_SUCCESS);
	ksim_unlock();
	memset((void *)a, 'z', 8192);
	cx_init(&m, p);
	m.body.msgh_descriptor_count = 2;
	m.port.name = MACH_PORT_NULL;
	m.port.disposition = MACH_MSG_TYPE_COPY_SEND;
	m.ool.address = (void *)a;
	m.ool.size = 8192;
	m.ool.deallocate = TRUE;
	ck_assert_int_eq(mach_msg(&m.head, MACH_SEND_MSG, 28 + 12 + 16, 0, 0,
	    0, 0), MACH_MSG_SUCCESS);
	ck_assert_uint_eq(vm_map_region_count(current_task()->map), 0);
	ck_assert_int_eq(mach_msg(&m.head, MACH_RCV_MSG, 0, sizeof(m), p, 0,
	    0), MACH_MSG_SUCCESS);
	ck_assert_ptr_eq(m.ool.address, (void *)a);	/* moved, not copied */
	ck_assert_int_eq(((char *)m.ool.address)[8191], 'z');
	ck_assert_uint_eq(m.port.name, MACH_PORT_NULL);
	mach_msg_destroy(&m.head);
	ck_assert_uint_eq(vm_map_region_count(current_task()->map), 0);
	ksim_mach_port_destroy(kt_space(), p);
}
END_TEST

/*
 * 2.5: memory sent with deallocate leaves the sender's map "as by
 * vm_deallocate", so the range is free at once, while the message is
 * still queued: a fixed vm_allocate there gets fresh zero-filled pages,
 * and the message still delivers the bytes it carried, copy-free.  The
 * same holds for a range freed by vm_deallocate itself, whose pages the
 * kernel may keep for reuse.
 */
START_TEST(ool_deallocate_frees_sender_range)
{
	mach_port_name_t p = kt_port();
	struct vm_map *map = current_task()->map;
	vm_address_t a = 0, again, b = 0;
	size_t i;
	cx_msg_t m;

	ksim_lock();
	ck_assert_int_eq(vm_map_allocate(map, &a, 3 * 4096, 1), KERN_SUCCESS);
	ksim_unlock();
	memset((void *)a, 'z', 3 * 4096);
	cx_init(&m, p);
	m.body.msgh_descriptor_count = 2;
	m.port.name = MACH_PORT_NULL;
	m.port.disposition = MACH_MSG_TYPE_COPY_SEND;
	m.ool.address = (void *)(a + 4096);
	m.ool.size = 4096 + 100;
	m.ool.deallocate = TRUE;
	ck_assert_int_eq(mach_msg(&m.head, MACH_SEND_MSG, 28 + 12 + 16, 0, 0,
	    0, 0), MACH_MSG_SUCCESS);

	/* The two pages it overlaps left the map; their range is free. */
	again = a + 4096;
	ksim_lock();
	ck_assert_int_eq(vm_map_allocate(map, &again, 2 * 4096, 0),
	    KERN_SUCCESS);
	ksim_unlock();
	ck_assert_uint_eq(again, a + 4096);
	for (i = 0; i < 2 * 4096; i++)
		ck_assert_int_eq(((char *)a)[4096 + i], 0);
	ck_assert_int_eq(((char *)a)[4095], 'z');
	memset((void *)a, 'n', 3 * 4096);

	ck_assert_int_eq(mach_msg(&m.head, MACH_RCV_MSG, 0, sizeof(m), p, 0,
	    0), MACH_MSG_SUCCESS);
	ck_assert_ptr_nonnull(m.ool.address);
	ck_assert_ptr_ne(m.ool.address, (void *)(a + 4096));
	ck_assert_uint_eq(m.ool.size, 4096 + 100);
	for (i = 0; i < 4096 + 100; i++)
		ck_assert_int_eq(((char *)m.ool.address)[i], 'z');
	mach_msg_destroy(&m.head);

	/* vm_deallocate, then a fixed allocation of the same range. */
	ksim_lock();
	ck_assert_int_eq(vm_map_remove(map, a, 3 * 4096), KERN_SUCCESS);
	again = a;
	ck_assert_int_eq(vm_map_allocate(map, &again, 3 * 4096, 0),
	    KERN_SUCCESS);
	ck_assert_uint_eq(again, a);
	ck_assert_int_eq(((char *)a)[4096], 0);
	ck_assert_int_eq(vm_map_remove(map, a, 3 * 4096), KERN_SUCCESS);

	/* Memory the map does not own still refuses a fixed allocation. */
	b = (vm_address_t)mmap(NULL, 4096, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ck_assert_uint_ne(b, (vm_address_t)MAP_FAILED);
	again = b;
	ck_assert_int_eq(vm_map_allocate(map, &again, 4096, 0),
	    KERN_NO_SPACE);
	ksim_unlock();
	ck_assert_int_eq(munmap((void *)b, 4096), 0);
	ck_assert_uint_eq(vm_map_region_count(map), 0);
	ksim_mach_port_destroy(kt_space(), p);
}
END_TEST

/* Minor page faults of the calling thread so far. */
static long thread_minflt(void)
{
	struct rusage ru;

	ck_assert_int_eq(getrusage(RUSAGE_THREAD, &ru), 0);
	return ru.ru_minflt;
}

/* A one-descriptor OOL message to p claiming size bytes at addr. */
static mach_msg_return_t ool_send_claim(mach_port_name_t p, void *addr,
    mach_msg_size_t size)
{
	cx_msg_t m;

	cx_init(&m, p);
	m.body.msgh_descriptor_count = 2;
	m.port.name = MACH_PORT_NULL;
	m.port.disposition = MACH_MSG_TYPE_COPY_SEND;
	m.ool.address = addr;
	m.ool.size = size;
	m.ool.copy = MACH_MSG_PHYSICAL_COPY;
	return mach_msg(&m.head, MACH_SEND_MSG, 28 + 12 + 16, 0, 0, 0, 0);
}

/*
 * OOL copyin checks the claim before it maps anything: a claim longer
 * than the readable memory behind it (2 GB over 64 KiB, or 64 MiB) is
 * MACH_SEND_INVALID_MEMORY, never a kernel limit's code, and the pages
 * faulted in on the way are at most those actually copied, never the
 * claimed size.
 */
START_TEST(ool_claim_checked_before_mapping)
{
	mach_port_name_t p = kt_port();
	size_t ps = (size_t)getpagesize();
	uint8_t *r;
	long before;

	/* 64 KiB readable, then 64 KiB inaccessible. */
	r = mmap(NULL, 128 * 1024, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ck_assert_ptr_ne(r, MAP_FAILED);
	memset(r, 'r', 128 * 1024);
	ck_assert_int_eq(mprotect(r + 64 * 1024, 64 * 1024, PROT_NONE), 0);

	before = thread_minflt();
	ck_assert_int_eq(ool_send_claim(p, r + 64 * 1024, 0x80000000u),
	    MACH_SEND_INVALID_MEMORY);
	ck_assert_int_eq(ool_send_claim(p, r, 0x80000000u),
	    MACH_SEND_INVALID_MEMORY);
	ck_assert_int_eq(ool_send_claim(p, r, 0xffffffffu),
	    MACH_SEND_INVALID_MEMORY);
	/* 64 MiB over 64 KiB of readable memory. */
	ck_assert_int_eq(ool_send_claim(p, r, 64u << 20),
	    MACH_SEND_INVALID_MEMORY);
	/* Readable first and last page, a hole between. */
	ck_assert_int_eq(mprotect(r + 64 * 1024, 64 * 1024, PROT_READ), 0);
	ck_assert_int_eq(mprotect(r + 32 * 1024, ps, PROT_NONE), 0);
	ck_assert_int_eq(ool_send_claim(p, r, 128 * 1024),
	    MACH_SEND_INVALID_MEMORY);
	/* The old copyin populated the 64 MiB claim: 16384 faults.  A
	   sanitizer's shadow memory adds a few hundred of its own. */
	ck_assert_msg(thread_minflt() - before < 4096,
	    "%ld page faults for failed OOL sends",
	    thread_minflt() - before);
	ck_assert_int_eq(kt_drain_one(p), -1);

	/* The readable part still goes through, byte for byte. */
	ck_assert_int_eq(ool_send_claim(p, r + 5, 32 * 1024 - 5),
	    MACH_MSG_SUCCESS);
	{
		cx_msg_t m;

		ck_assert_int_eq(mach_msg(&m.head, MACH_RCV_MSG, 0, sizeof(m),
		    p, 0, 0), MACH_MSG_SUCCESS);
		ck_assert_uint_eq(m.ool.size, 32 * 1024 - 5);
		ck_assert_int_eq(((uint8_t *)m.ool.address)[0], 'r');
		ck_assert_int_eq(((uint8_t *)m.ool.address)[32 * 1024 - 6],
		    'r');
		mach_msg_destroy(&m.head);
	}
	ck_assert_int_eq(munmap(r, 128 * 1024), 0);
	ksim_mach_port_destroy(kt_space(), p);
}
END_TEST

START_TEST(move_receive_and_circularity)
{
	mach_port_name_t p = kt_port(), q = kt_port();
	cx_msg_t m;

	ck_assert_int_eq(kt_send(q, MACH_MSG_TYPE_MAKE_SEND, 0, 0, 3, 0, 0, 0),
	    MACH_MSG_SUCCESS);
	cx_init(&m, p);
	m.body.msgh_descriptor_count = 1;
	m.port.name = q;
	m.port.disposition = MACH_MSG_TYPE_MOVE_RECEIVE;
	ck_assert_int_eq(mach_msg(&m.head, MACH_SEND_MSG, 40, 0, 0, 0, 0),
	    MACH_MSG_SUCCESS);
	ck_assert_uint_eq(kt_type(q), 0);
	ck_assert_int_eq(mach_msg(&m.head, MACH_RCV_MSG, 0, sizeof(m), p, 0,
	    0), MACH_MSG_SUCCESS);
	ck_assert_uint_eq(m.port.disposition, MACH_MSG_TYPE_PORT_RECEIVE);
	q = m.port.name;
	ck_assert_uint_eq(kt_type(q), MACH_PORT_TYPE_RECEIVE);
	ck_assert_int_eq(kt_drain_one(q), 3);	/* queued message travelled */
	/* send q to itself: circular, destroyed, q dies */
	cx_init(&m, q);
	m.body.msgh_descriptor_count = 1;
	m.port.name = q;
	m.port.disposition = MACH_MSG_TYPE_MOVE_RECEIVE;
	m.head.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0) |
	    MACH_MSGH_BITS_COMPLEX;
	ck_assert_int_eq(mach_msg(&m.head, MACH_SEND_MSG, 40, 0, 0, 0, 0),
	    MACH_MSG_SUCCESS);
	ck_assert_uint_eq(kt_type(q), 0);
	ksim_mach_port_destroy(kt_space(), p);
}
END_TEST

START_TEST(kobject_bad_id_reply)
{
	mach_port_name_t task = task_self_trap(), reply = kt_port();
	union {
		mig_reply_error_t	r;
		uint8_t			b[256];
	} u;

	ck_assert_uint_ne(task, MACH_PORT_NULL);
	ck_assert_int_eq(kt_send(task, MACH_MSG_TYPE_COPY_SEND, reply,
	    MACH_MSG_TYPE_MAKE_SEND_ONCE, 99999, 0, 0, 0), MACH_MSG_SUCCESS);
	ck_assert_int_eq(mach_msg(&u.r.Head, MACH_RCV_MSG | MACH_RCV_TIMEOUT,
	    0, sizeof(u), reply, 0, 0), MACH_MSG_SUCCESS);
	ck_assert_int_eq(u.r.Head.msgh_id, 99999 + 100);
	ck_assert_int_eq(u.r.RetCode, MIG_BAD_ID);
	ck_assert_uint_eq(u.r.Head.msgh_size, sizeof(mig_reply_error_t));
	ksim_mach_port_deallocate(kt_space(), task);
	ksim_mach_port_destroy(kt_space(), reply);
}
END_TEST

/*
 * Request ids at both ends of the range: the reply id wraps as in XNU,
 * (mach_msg_id_t)((uint32_t)id + 100), and the id lookup never
 * overflows (UBSan, SAN=1, aborts on a signed overflow).
 */
START_TEST(kobject_reply_id_wraps)
{
	static const mach_msg_id_t ids[] = { INT32_MAX, INT32_MAX - 99,
		INT32_MAX - 100, INT32_MIN, INT32_MIN + 1, -1, -100 };
	mach_port_name_t task = task_self_trap(), reply = kt_port();
	union {
		mig_reply_error_t	r;
		uint8_t			b[256];
	} u;
	size_t i;

	for (i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		ck_assert_int_eq(kt_send(task, MACH_MSG_TYPE_COPY_SEND, reply,
		    MACH_MSG_TYPE_MAKE_SEND_ONCE, ids[i], 0, 0, 0),
		    MACH_MSG_SUCCESS);
		ck_assert_int_eq(mach_msg(&u.r.Head,
		    MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, sizeof(u), reply, 0,
		    0), MACH_MSG_SUCCESS);
		ck_assert_int_eq(u.r.Head.msgh_id,
		    (mach_msg_id_t)((uint32_t)ids[i] + 100u));
		ck_assert_int_eq(u.r.RetCode, MIG_BAD_ID);
	}
	ck_assert_int_eq(ipc_kobject_reply_id(INT32_MAX), INT32_MIN + 99);
	ck_assert_int_eq(ipc_kobject_reply_id(-100), 0);
	ksim_mach_port_deallocate(kt_space(), task);
	ksim_mach_port_destroy(kt_space(), reply);
}
END_TEST

static void *blocked_sender(void *arg)
{
	mach_port_name_t p = (mach_port_name_t)(uintptr_t)arg;

	return (void *)(intptr_t)kt_send(p, MACH_MSG_TYPE_COPY_SEND, 0, 0, 2,
	    0, 0, 0);
}

START_TEST(blocked_sender_admitted_fifo)
{
	mach_port_name_t p = kt_port();
	mach_port_limits_t lim = { 1 };
	pthread_t t;
	void *res;

	ck_assert_int_eq(ksim_mach_port_set_attributes(kt_space(), p,
	    MACH_PORT_LIMITS_INFO, (mach_port_info_t)&lim, 1), KERN_SUCCESS);
	ck_assert_int_eq(ipc_space_insert_right(kt_space(), p,
	    ipc_port_make_send_for_test(p), MACH_MSG_TYPE_PORT_SEND),
	    KERN_SUCCESS);
	ck_assert_int_eq(kt_send(p, MACH_MSG_TYPE_COPY_SEND, 0, 0, 1, 0, 0, 0),
	    MACH_MSG_SUCCESS);
	pthread_create(&t, NULL, blocked_sender, (void *)(uintptr_t)p);
	usleep(20000);
	ck_assert_int_eq(kt_drain_one(p), 1);
	pthread_join(t, &res);
	ck_assert_int_eq((intptr_t)res, MACH_MSG_SUCCESS);
	ck_assert_int_eq(kt_drain_one(p), 2);
	ksim_mach_port_destroy(kt_space(), p);
}
END_TEST


/* ---- blocked receivers ----------------------------------------------------------- */

struct rcv_arg {
	mach_port_name_t	name;
	mach_msg_option_t	opt;
	thread_t		self;
	mach_msg_return_t	mr;
	mach_msg_id_t		id;
};

static void *blocked_receiver(void *p)
{
	struct rcv_arg *a = p;
	kt_rcv_t r;

	thread_t self = current_thread();

	/* Published under the kernel lock, which wait_blocked reads it under. */
	ksim_lock();
	a->self = self;
	ksim_unlock();
	a->mr = kt_recv(a->name, &r, a->opt, 0);
	a->id = a->mr == MACH_MSG_SUCCESS ? r.head.msgh_id : -1;
	return NULL;
}

static void wait_blocked(struct rcv_arg *a)
{
	for (;;) {
		bool b;

		ksim_lock();
		b = a->self != THREAD_NULL && a->self->wait_queue != NULL;
		ksim_unlock();
		if (b)
			return;
		usleep(1000);
	}
}

static void start_receiver(pthread_t *t, struct rcv_arg *a,
    mach_port_name_t name, mach_msg_option_t opt)
{
	memset(a, 0, sizeof(*a));
	a->name = name;
	a->opt = opt;
	pthread_create(t, NULL, blocked_receiver, a);
	wait_blocked(a);
}

START_TEST(receiver_wakeups)
{
	mach_port_name_t p = kt_port(), s = kt_pset();
	struct rcv_arg a;
	pthread_t t;

	/* a message for a blocked receiver */
	start_receiver(&t, &a, p, 0);
	ck_assert_int_eq(kt_send(p, MACH_MSG_TYPE_MAKE_SEND, 0, 0, 8, 0, 0, 0),
	    MACH_MSG_SUCCESS);
	pthread_join(t, NULL);
	ck_assert_int_eq(a.mr, MACH_MSG_SUCCESS);
	ck_assert_int_eq(a.id, 8);
	/* thread_abort: interrupted with MACH_RCV_INTERRUPT ... */
	start_receiver(&t, &a, p, MACH_RCV_INTERRUPT);
	ck_assert_int_eq(ksim_thread_abort(a.self), KERN_SUCCESS);
	pthread_join(t, NULL);
	ck_assert_int_eq(a.mr, MACH_RCV_INTERRUPTED);
	/* ... and retried by the library without it */
	start_receiver(&t, &a, p, 0);
	ck_assert_int_eq(ksim_thread_abort(a.self), KERN_SUCCESS);
	wait_blocked(&a);
	ck_assert_int_eq(kt_send(p, MACH_MSG_TYPE_MAKE_SEND, 0, 0, 9, 0, 0, 0),
	    MACH_MSG_SUCCESS);
	pthread_join(t, NULL);
	ck_assert_int_eq(a.mr, MACH_MSG_SUCCESS);
	ck_assert_int_eq(a.id, 9);
	/* moved into a set while waiting: PORT_CHANGED */
	start_receiver(&t, &a, p, 0);
	ck_assert_int_eq(ksim_mach_port_move_member(kt_space(), p, s), KERN_SUCCESS);
	pthread_join(t, NULL);
	ck_assert_int_eq(a.mr, MACH_RCV_PORT_CHANGED);
	/* a receiver on the set gets messages of members */
	start_receiver(&t, &a, s, 0);
	ck_assert_int_eq(kt_send(p, MACH_MSG_TYPE_MAKE_SEND, 0, 0, 10, 0, 0,
	    0), MACH_MSG_SUCCESS);
	pthread_join(t, NULL);
	ck_assert_int_eq(a.id, 10);
	/* the set destroyed while waiting: PORT_DIED */
	start_receiver(&t, &a, s, 0);
	ck_assert_int_eq(ksim_mach_port_destroy(kt_space(), s), KERN_SUCCESS);
	pthread_join(t, NULL);
	ck_assert_int_eq(a.mr, MACH_RCV_PORT_DIED);
	/* the port destroyed while waiting: PORT_DIED */
	start_receiver(&t, &a, p, 0);
	ck_assert_int_eq(ksim_mach_port_destroy(kt_space(), p), KERN_SUCCESS);
	pthread_join(t, NULL);
	ck_assert_int_eq(a.mr, MACH_RCV_PORT_DIED);
}
END_TEST

START_TEST(sender_blocked_port_dies)
{
	mach_port_name_t p = kt_port();
	mach_port_limits_t lim = { 0 };
	pthread_t t;
	void *res;

	ck_assert_int_eq(ksim_mach_port_set_attributes(kt_space(), p,
	    MACH_PORT_LIMITS_INFO, (mach_port_info_t)&lim, 1), KERN_SUCCESS);
	ck_assert_int_eq(ipc_space_insert_right(kt_space(), p,
	    ipc_port_make_send_for_test(p), MACH_MSG_TYPE_PORT_SEND),
	    KERN_SUCCESS);
	pthread_create(&t, NULL, blocked_sender, (void *)(uintptr_t)p);
	for (;;) {
		bool b;

		ksim_lock();
		b = !waitq_empty(&((ipc_port_t)ipc_entry_lookup(kt_space(),
		    p)->ie_object)->ip_senders);
		ksim_unlock();
		if (b)
			break;
		usleep(1000);
	}
	ck_assert_int_eq(ksim_mach_port_mod_refs(kt_space(), p,
	    MACH_PORT_RIGHT_RECEIVE, -1), KERN_SUCCESS);
	pthread_join(t, &res);
	ck_assert_int_eq((intptr_t)res, MACH_MSG_SUCCESS);
	ck_assert_uint_eq(kt_type(p), MACH_PORT_TYPE_DEAD_NAME);
	ck_assert_int_eq(ksim_mach_port_deallocate(kt_space(), p), KERN_SUCCESS);
}
END_TEST

START_TEST(voucher_and_header_space_error)
{
	mach_port_name_t p = kt_port(), reply = kt_port();
	kt_msg_t m;
	kt_rcv_t r;

	memset(&m, 0, sizeof(m));
	m.head.msgh_bits = MACH_MSGH_BITS_SET(MACH_MSG_TYPE_MAKE_SEND, 0,
	    MACH_MSG_TYPE_COPY_SEND, 0);
	m.head.msgh_remote_port = p;
	ck_assert_int_eq(mach_msg(&m.head, MACH_SEND_MSG, sizeof(m), 0, 0, 0,
	    0), MACH_MSG_SUCCESS);		/* NULL voucher: ignored */
	m.head.msgh_voucher_port = 0x1234;
	ck_assert_int_eq(mach_msg(&m.head, MACH_SEND_MSG, sizeof(m), 0, 0, 0,
	    0), MACH_SEND_INVALID_VOUCHER);
	ck_assert_int_eq(kt_recv(p, &r, 0, 0), MACH_MSG_SUCCESS);
	ck_assert_uint_eq(MACH_MSGH_BITS_VOUCHER(r.head.msgh_bits), 0);
	/* a full space: the reply right cannot be named */
	ck_assert_int_eq(kt_send(p, MACH_MSG_TYPE_MAKE_SEND, reply,
	    MACH_MSG_TYPE_MAKE_SEND_ONCE, 77, 5, 0, 0), MACH_MSG_SUCCESS);
	ck_assert_int_eq(ksim_task_set_port_space(kt_space(),
	    (int)kt_space()->is_count), KERN_SUCCESS);
	ck_assert_int_eq(kt_recv(p, &r, 0, 0),
	    MACH_RCV_HEADER_ERROR | MACH_MSG_IPC_SPACE);
	ck_assert_uint_eq(r.head.msgh_size, 24);
	ck_assert_uint_eq(r.head.msgh_remote_port, MACH_PORT_NULL);
	ck_assert_uint_eq(r.head.msgh_local_port, p);
	ck_assert_int_eq(r.head.msgh_id, 77);
	ck_assert_int_eq(ksim_task_set_port_space(kt_space(), 1), KERN_NO_SPACE);
	ck_assert_int_eq(ksim_task_set_port_space(kt_space(), 1 << 20),
	    KERN_SUCCESS);
	ck_assert_int_eq(kt_drain_one(reply), MACH_NOTIFY_SEND_ONCE);
	ksim_mach_port_destroy(kt_space(), p);
	ksim_mach_port_destroy(kt_space(), reply);
}
END_TEST

START_TEST(seqno_and_trailers)
{
	mach_port_name_t p = kt_port();
	kt_rcv_t r;
	int i;

	for (i = 0; i < 3; i++)
		ck_assert_int_eq(kt_send(p, MACH_MSG_TYPE_MAKE_SEND, 0, 0, i,
		    0, 0, 0), MACH_MSG_SUCCESS);
	ck_assert_int_eq(kt_recv(p, &r, MACH_RCV_TRAILER_ELEMENTS(
	    MACH_RCV_TRAILER_SEQNO), 0), 0);
	ck_assert_uint_eq(r.trailer.msgh_trailer_size, 12);
	ck_assert_uint_eq(r.trailer.msgh_seqno, 0);
	ck_assert_int_eq(kt_recv(p, &r, MACH_RCV_TRAILER_ELEMENTS(
	    MACH_RCV_TRAILER_NULL), 0), 0);
	ck_assert_uint_eq(r.trailer.msgh_trailer_size, 8);
	ck_assert_uint_eq(r.trailer.msgh_seqno, 0xa5a5a5a5);	/* untouched */
	ck_assert_int_eq(kt_recv(p, &r, MACH_RCV_TRAILER_ELEMENTS(6), 0), 0);
	ck_assert_uint_eq(r.trailer.msgh_trailer_size, MAX_TRAILER_SIZE);
	ck_assert_uint_eq(r.trailer.msgh_seqno, 2);
	ksim_mach_port_destroy(kt_space(), p);
}
END_TEST

/*
 * The trailer carries the sending task's identity as it was at send
 * time, field for field: a known token with no zero in it (running as
 * root, euid and egid are 0, the same as a token never filled in), and
 * an audit token whose eight words all differ.  A task created
 * afterwards inherits them.
 */
START_TEST(sender_tokens_in_trailers)
{
	task_t self = current_task();
	security_token_t saved_sec = self->sec_token;
	audit_token_t saved_audit = self->audit_token;
	const security_token_t sec = { { 4242, 4343 } };
	audit_token_t audit;
	mach_port_name_t p = kt_port();
	mach_msg_return_t mr;
	kt_rcv_t r;
	unsigned i;

	for (i = 0; i < 8; i++)
		audit.val[i] = 1000 + i * 111;
	ksim_lock();
	self->sec_token = sec;
	self->audit_token = audit;
	ksim_unlock();
	mr = kt_send(p, MACH_MSG_TYPE_MAKE_SEND, 0, 0, 1, 0, 0, 0);
	ksim_lock();
	self->sec_token = saved_sec;
	self->audit_token = saved_audit;
	ksim_unlock();
	ck_assert_int_eq(mr, MACH_MSG_SUCCESS);
	/* Restored before the receive: the trailer is the send's. */
	memset(&r, 0xa5, sizeof(r));
	ck_assert_int_eq(kt_recv(p, &r, MACH_RCV_TRAILER_ELEMENTS(
	    MACH_RCV_TRAILER_AUDIT), 0), MACH_MSG_SUCCESS);
	ck_assert_uint_eq(r.trailer.msgh_trailer_size,
	    sizeof(mach_msg_audit_trailer_t));
	ck_assert_uint_eq(r.trailer.msgh_sender.val[0], 4242);
	ck_assert_uint_eq(r.trailer.msgh_sender.val[1], 4343);
	for (i = 0; i < 8; i++)
		ck_assert_uint_eq(r.trailer.msgh_audit.val[i], 1000 + i * 111);
	/* The sender trailer alone stops before the audit token. */
	ck_assert_int_eq(kt_send(p, MACH_MSG_TYPE_MAKE_SEND, 0, 0, 2, 0, 0,
	    0), MACH_MSG_SUCCESS);
	memset(&r, 0xa5, sizeof(r));
	ck_assert_int_eq(kt_recv(p, &r, MACH_RCV_TRAILER_ELEMENTS(
	    MACH_RCV_TRAILER_SENDER), 0), MACH_MSG_SUCCESS);
	ck_assert_uint_eq(r.trailer.msgh_trailer_size,
	    sizeof(mach_msg_security_trailer_t));
	ck_assert_uint_eq(r.trailer.msgh_sender.val[0], saved_sec.val[0]);
	ck_assert_uint_eq(r.trailer.msgh_sender.val[1], saved_sec.val[1]);
	ck_assert_uint_eq(r.trailer.msgh_audit.val[0], 0xa5a5a5a5);
	ck_assert_int_eq(ksim_mach_port_destroy(kt_space(), p), KERN_SUCCESS);
}
END_TEST

/* The real identity of the process, in every field of the audit token. */
START_TEST(audit_token_is_the_process)
{
	mach_port_name_t p = kt_port();
	kt_rcv_t r;

	ck_assert_int_eq(kt_send(p, MACH_MSG_TYPE_MAKE_SEND, 0, 0, 1, 0, 0, 0),
	    MACH_MSG_SUCCESS);
	ck_assert_int_eq(kt_recv(p, &r, MACH_RCV_TRAILER_ELEMENTS(
	    MACH_RCV_TRAILER_AUDIT), 0), MACH_MSG_SUCCESS);
	ck_assert_uint_eq(r.trailer.msgh_audit.val[1], (unsigned)geteuid());
	ck_assert_uint_eq(r.trailer.msgh_audit.val[2], (unsigned)getegid());
	ck_assert_uint_eq(r.trailer.msgh_audit.val[3], (unsigned)getuid());
	ck_assert_uint_eq(r.trailer.msgh_audit.val[4], (unsigned)getgid());
	ck_assert_uint_eq(r.trailer.msgh_audit.val[5],
	    current_task()->audit_token.val[5]);
	ck_assert_uint_ne(r.trailer.msgh_audit.val[5], 0);
	ck_assert_uint_eq(r.trailer.msgh_sender.val[0], (unsigned)geteuid());
	ck_assert_uint_eq(r.trailer.msgh_sender.val[1], (unsigned)getegid());
	ck_assert_int_eq(ksim_mach_port_destroy(kt_space(), p), KERN_SUCCESS);
}
END_TEST

Suite *ipc_msg_suite(void)
{
	Suite *s = suite_create("ipc_msg");
	TCase *tc = kt_tcase("msg");

	tcase_add_test(tc, send_make_send_roundtrip);
	tcase_add_test(tc, reply_send_once_swapped);
	tcase_add_test(tc, header_errors);
	tcase_add_test(tc, size_errors);
	tcase_add_test(tc, same_name_move_send_twice);
	tcase_add_test(tc, rcv_errors);
	tcase_add_test(tc, rcv_too_large);
	tcase_add_test(tc, qlimit_timeout_and_pseudo_receive);
	tcase_add_test(tc, complex_roundtrip);
	tcase_add_test(tc, complex_body_failure_destroys);
	tcase_add_test(tc, ool_deallocate_moves_region);
	tcase_add_test(tc, ool_deallocate_frees_sender_range);
	tcase_add_test(tc, ool_claim_checked_before_mapping);
	tcase_add_test(tc, move_receive_and_circularity);
	tcase_add_test(tc, kobject_bad_id_reply);
	tcase_add_test(tc, kobject_reply_id_wraps);
	tcase_add_test(tc, blocked_sender_admitted_fifo);
	tcase_add_test(tc, receiver_wakeups);
	tcase_add_test(tc, sender_blocked_port_dies);
	tcase_add_test(tc, voucher_and_header_space_error);
	tcase_add_test(tc, seqno_and_trailers);
	tcase_add_test(tc, sender_tokens_in_trailers);
	tcase_add_test(tc, audit_token_is_the_process);
	suite_add_tcase(s, tc);
	return s;
}
