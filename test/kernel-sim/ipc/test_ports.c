/*
 * test_ports.c - the mach_port calls of section 4 and the right rules of
 * 1.6: success and each documented error, with the rights and urefs left.
 */
#define MACHSIM_KERNEL 1	/* the kernel view of the Mach types */
#include <mach/notify.h>

#include "../ksim_test.h"
#include <ksim/vm.h>

Suite *ipc_ports_suite(void);

START_TEST(allocate_rights)
{
	ipc_space_t sp = kt_space();
	mach_port_name_t n, m;

	ck_assert_int_eq(ksim_mach_port_allocate(sp, MACH_PORT_RIGHT_SEND, &n),
	    KERN_INVALID_VALUE);
	ck_assert_int_eq(ksim_mach_port_allocate(sp, MACH_PORT_RIGHT_SEND_ONCE, &n),
	    KERN_INVALID_VALUE);
	ck_assert_int_eq(ksim_mach_port_allocate(sp, 9, &n), KERN_INVALID_VALUE);
	ck_assert_int_eq(ksim_mach_port_allocate(NULL, MACH_PORT_RIGHT_RECEIVE,
	    &n), KERN_INVALID_TASK);
	ck_assert_int_eq(ksim_mach_port_allocate(sp, MACH_PORT_RIGHT_DEAD_NAME, &n),
	    KERN_SUCCESS);
	ck_assert_uint_eq(kt_type(n), MACH_PORT_TYPE_DEAD_NAME);
	ck_assert_int_eq(kt_refs(n, MACH_PORT_RIGHT_DEAD_NAME), 1);
	ck_assert_int_eq(ksim_mach_port_deallocate(sp, n), KERN_SUCCESS);
	ck_assert_uint_eq(kt_type(n), 0);
	m = kt_port();
	ck_assert_uint_ne(m, n);	/* a freed name is not reused at once */
	ck_assert_int_eq(ksim_mach_port_allocate_name(sp, MACH_PORT_RIGHT_RECEIVE,
	    0x12345), KERN_SUCCESS);
	ck_assert_int_eq(ksim_mach_port_allocate_name(sp, MACH_PORT_RIGHT_RECEIVE,
	    0x12345), KERN_NAME_EXISTS);
	ck_assert_int_eq(ksim_mach_port_allocate_name(sp, MACH_PORT_RIGHT_RECEIVE,
	    MACH_PORT_DEAD), KERN_INVALID_VALUE);
	ck_assert_uint_eq(kt_type(0x12345), MACH_PORT_TYPE_RECEIVE);
	ck_assert_int_eq(kt_refs(0x12345, MACH_PORT_RIGHT_RECEIVE), 1);
	ck_assert_int_eq(ksim_mach_port_destroy(sp, 0x12345), KERN_SUCCESS);
	ck_assert_int_eq(ksim_mach_port_destroy(sp, m), KERN_SUCCESS);
	ck_assert_int_eq(ksim_mach_port_destroy(sp, 0x12345), KERN_INVALID_NAME);
}
END_TEST

START_TEST(null_and_dead_names)
{
	ipc_space_t sp = kt_space();
	mach_port_urefs_t u;
	mach_port_type_t t;

	ck_assert_int_eq(ksim_mach_port_deallocate(sp, MACH_PORT_NULL),
	    KERN_SUCCESS);
	ck_assert_int_eq(ksim_mach_port_destroy(sp, MACH_PORT_DEAD), KERN_SUCCESS);
	ck_assert_int_eq(ksim_mach_port_mod_refs(sp, MACH_PORT_DEAD,
	    MACH_PORT_RIGHT_SEND, -1), KERN_SUCCESS);
	ck_assert_int_eq(ksim_mach_port_mod_refs(sp, MACH_PORT_DEAD,
	    MACH_PORT_RIGHT_RECEIVE, -1), KERN_INVALID_NAME);
	ck_assert_int_eq(ksim_mach_port_mod_refs(sp, MACH_PORT_NULL, 6, 0),
	    KERN_INVALID_VALUE);
	ck_assert_int_eq(ksim_mach_port_get_refs(sp, MACH_PORT_NULL,
	    MACH_PORT_RIGHT_SEND_ONCE, &u), KERN_SUCCESS);
	ck_assert_int_eq(u, 1);
	ck_assert_int_eq(ksim_mach_port_get_refs(sp, MACH_PORT_NULL,
	    MACH_PORT_RIGHT_DEAD_NAME, &u), KERN_INVALID_NAME);
	ck_assert_int_eq(ksim_mach_port_type(sp, MACH_PORT_NULL, &t),
	    KERN_INVALID_NAME);
	ck_assert_int_eq(ksim_mach_port_type(sp, MACH_PORT_DEAD, &t), KERN_SUCCESS);
	ck_assert_uint_eq(t, MACH_PORT_TYPE_DEAD_NAME);
	ck_assert_int_eq(ksim_mach_port_deallocate(sp, 0x5555), KERN_INVALID_NAME);
}
END_TEST

START_TEST(mod_refs_rules)
{
	ipc_space_t sp = kt_space();
	mach_port_name_t p = kt_port(), d;

	ck_assert_int_eq(ksim_mach_port_deallocate(sp, p), KERN_INVALID_RIGHT);
	ck_assert_int_eq(ksim_mach_port_mod_refs(sp, p, MACH_PORT_RIGHT_SEND, 1),
	    KERN_INVALID_RIGHT);
	ck_assert_int_eq(ksim_mach_port_mod_refs(sp, p, MACH_PORT_RIGHT_RECEIVE, 2),
	    KERN_INVALID_VALUE);
	ck_assert_int_eq(ksim_mach_port_mod_refs(sp, p, MACH_PORT_RIGHT_RECEIVE, 0),
	    KERN_SUCCESS);
	ck_assert_int_eq(ipc_space_insert_right(sp, p,
	    ipc_port_make_send_for_test(p), MACH_MSG_TYPE_PORT_SEND),
	    KERN_SUCCESS);
	ck_assert_uint_eq(kt_type(p), MACH_PORT_TYPE_SEND_RECEIVE);
	ck_assert_int_eq(ksim_mach_port_mod_refs(sp, p, MACH_PORT_RIGHT_SEND,
	    65533), KERN_SUCCESS);
	ck_assert_int_eq(kt_refs(p, MACH_PORT_RIGHT_SEND), 65534);
	ck_assert_int_eq(ksim_mach_port_mod_refs(sp, p, MACH_PORT_RIGHT_SEND, 1),
	    KERN_UREFS_OVERFLOW);
	ck_assert_int_eq(ksim_mach_port_mod_refs(sp, p, MACH_PORT_RIGHT_SEND,
	    -65535), KERN_INVALID_VALUE);
	ck_assert_int_eq(ksim_mach_port_mod_refs(sp, p, MACH_PORT_RIGHT_SEND,
	    -65534), KERN_SUCCESS);
	ck_assert_uint_eq(kt_type(p), MACH_PORT_TYPE_RECEIVE);
	ck_assert_int_eq(ksim_mach_port_mod_refs(sp, p, MACH_PORT_RIGHT_DEAD_NAME,
	    1), KERN_INVALID_RIGHT);
	ck_assert_int_eq(ksim_mach_port_mod_refs(sp, p, MACH_PORT_RIGHT_LABELH, 0),
	    KERN_INVALID_RIGHT);
	/* receive -1 with a send part: the send part becomes a dead name */
	ck_assert_int_eq(ipc_space_insert_right(sp, p,
	    ipc_port_make_send_for_test(p), MACH_MSG_TYPE_PORT_SEND),
	    KERN_SUCCESS);
	ck_assert_int_eq(ksim_mach_port_mod_refs(sp, p, MACH_PORT_RIGHT_SEND, 2),
	    KERN_SUCCESS);
	ck_assert_int_eq(ksim_mach_port_mod_refs(sp, p, MACH_PORT_RIGHT_RECEIVE,
	    -1), KERN_SUCCESS);
	ck_assert_uint_eq(kt_type(p), MACH_PORT_TYPE_DEAD_NAME);
	ck_assert_int_eq(kt_refs(p, MACH_PORT_RIGHT_DEAD_NAME), 3);
	ck_assert_int_eq(ksim_mach_port_mod_refs(sp, p, MACH_PORT_RIGHT_DEAD_NAME,
	    65533), KERN_UREFS_OVERFLOW);
	ck_assert_int_eq(ksim_mach_port_mod_refs(sp, p, MACH_PORT_RIGHT_DEAD_NAME,
	    65532), KERN_SUCCESS);
	ck_assert_int_eq(ksim_mach_port_mod_refs(sp, p, MACH_PORT_RIGHT_DEAD_NAME,
	    -65535), KERN_SUCCESS);
	ck_assert_uint_eq(kt_type(p), 0);
	d = kt_pset();
	ck_assert_int_eq(ksim_mach_port_deallocate(sp, d), KERN_INVALID_RIGHT);
	ck_assert_int_eq(ksim_mach_port_mod_refs(sp, d, MACH_PORT_RIGHT_PORT_SET,
	    -1), KERN_SUCCESS);
	ck_assert_uint_eq(kt_type(d), 0);
}
END_TEST

START_TEST(stale_send_reads_dead)
{
	ipc_space_t sp = kt_space();
	mach_port_name_t p = kt_port(), s = 0x7700;
	ipc_port_t so;

	ck_assert_int_eq(ipc_space_insert_right(sp, s,
	    ipc_port_make_send_for_test(p), MACH_MSG_TYPE_PORT_SEND),
	    KERN_RIGHT_EXISTS);
	ck_assert_int_eq(ipc_space_extract_right(sp, p,
	    MACH_MSG_TYPE_MAKE_SEND_ONCE, &so, &(mach_msg_type_name_t){0}),
	    KERN_SUCCESS);
	ck_assert_int_eq(ipc_space_insert_right(sp, s, so,
	    MACH_MSG_TYPE_PORT_SEND_ONCE), KERN_SUCCESS);
	ck_assert_uint_eq(kt_type(s), MACH_PORT_TYPE_SEND_ONCE);
	ck_assert_int_eq(ksim_mach_port_destroy(sp, p), KERN_SUCCESS);
	ck_assert_uint_eq(kt_type(s), MACH_PORT_TYPE_DEAD_NAME);
	ck_assert_int_eq(kt_refs(s, MACH_PORT_RIGHT_DEAD_NAME), 1);
	ck_assert_int_eq(ksim_mach_port_mod_refs(sp, s, MACH_PORT_RIGHT_SEND_ONCE,
	    -1), KERN_INVALID_RIGHT);
	ck_assert_int_eq(ksim_mach_port_deallocate(sp, s), KERN_SUCCESS);
	ck_assert_uint_eq(kt_type(s), 0);
}
END_TEST

START_TEST(names_rename_attributes)
{
	ipc_space_t sp = kt_space();
	mach_port_name_t p = kt_port(), *names;
	mach_port_type_t *types;
	mach_msg_type_number_t n, tn, i, cnt;
	mach_port_status_t st;
	bool found = false;

	ck_assert_int_eq(ksim_mach_port_names(sp, &names, &n, &types, &tn),
	    KERN_SUCCESS);
	ck_assert_uint_eq(n, tn);
	for (i = 0; i < n; i++)
		if (names[i] == p && types[i] == MACH_PORT_TYPE_RECEIVE)
			found = true;
	ck_assert(found);
	ksim_lock();
	vm_map_remove(kernel_task->map, (vm_address_t)names, n * 4);
	vm_map_remove(kernel_task->map, (vm_address_t)types, n * 4);
	ksim_unlock();
	ck_assert_int_eq(ksim_mach_port_rename(sp, p, MACH_PORT_NULL),
	    KERN_INVALID_VALUE);
	ck_assert_int_eq(ksim_mach_port_rename(sp, MACH_PORT_NULL, 0x888),
	    KERN_INVALID_NAME);
	ck_assert_int_eq(ksim_mach_port_rename(sp, p, 0x888), KERN_SUCCESS);
	ck_assert_uint_eq(kt_type(0x888), MACH_PORT_TYPE_RECEIVE);
	ck_assert_uint_eq(kt_type(p), 0);
	cnt = 1;
	ck_assert_int_eq(ksim_mach_port_get_attributes(sp, 0x888,
	    MACH_PORT_RECEIVE_STATUS, (mach_port_info_t)&st, &cnt),
	    KERN_FAILURE);
	cnt = MACH_PORT_RECEIVE_STATUS_COUNT;
	ck_assert_int_eq(ksim_mach_port_get_attributes(sp, 0x888, 99,
	    (mach_port_info_t)&st, &cnt), KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(ksim_mach_port_get_attributes(sp, MACH_PORT_NULL,
	    MACH_PORT_RECEIVE_STATUS, (mach_port_info_t)&st, &cnt),
	    KERN_INVALID_RIGHT);
	ck_assert_int_eq(ksim_mach_port_set_seqno(sp, 0x888, 7), KERN_SUCCESS);
	ck_assert_int_eq(ksim_mach_port_get_attributes(sp, 0x888,
	    MACH_PORT_RECEIVE_STATUS, (mach_port_info_t)&st, &cnt),
	    KERN_SUCCESS);
	ck_assert_uint_eq(st.mps_seqno, 7);
	ck_assert_uint_eq(st.mps_qlimit, MACH_PORT_QLIMIT_DEFAULT);
	{
		mach_port_limits_t l = { 2000 };

		ck_assert_int_eq(ksim_mach_port_set_attributes(sp, 0x888,
		    MACH_PORT_LIMITS_INFO, (mach_port_info_t)&l, 1),
		    KERN_INVALID_VALUE);
	}
	ck_assert_int_eq(ksim_mach_port_destroy(sp, 0x888), KERN_SUCCESS);
}
END_TEST

START_TEST(port_sets)
{
	ipc_space_t sp = kt_space();
	mach_port_name_t a = kt_port(), b = kt_port(), s = kt_pset(), *m;
	mach_msg_type_number_t n;
	kt_rcv_t r;

	ck_assert_int_eq(ksim_mach_port_move_member(sp, a, MACH_PORT_NULL),
	    KERN_NOT_IN_SET);
	ck_assert_int_eq(ksim_mach_port_move_member(sp, a, MACH_PORT_DEAD),
	    KERN_INVALID_RIGHT);
	ck_assert_int_eq(ksim_mach_port_move_member(sp, a, b), KERN_INVALID_RIGHT);
	ck_assert_int_eq(ksim_mach_port_insert_member(sp, a, s), KERN_SUCCESS);
	ck_assert_int_eq(ksim_mach_port_insert_member(sp, a, s),
	    KERN_ALREADY_IN_SET);
	ck_assert_int_eq(ksim_mach_port_move_member(sp, b, s), KERN_SUCCESS);
	ck_assert_int_eq(ksim_mach_port_get_set_status(sp, s, &m, &n),
	    KERN_SUCCESS);
	ck_assert_uint_eq(n, 2);
	ksim_lock();
	vm_map_remove(kernel_task->map, (vm_address_t)m, n * 4);
	ksim_unlock();
	ck_assert_int_eq(kt_send(a, MACH_MSG_TYPE_MAKE_SEND, 0, 0, 1, 0, 0, 0),
	    0);
	ck_assert_int_eq(kt_send(a, MACH_MSG_TYPE_MAKE_SEND, 0, 0, 2, 0, 0, 0),
	    0);
	ck_assert_int_eq(kt_send(b, MACH_MSG_TYPE_MAKE_SEND, 0, 0, 3, 0, 0, 0),
	    0);
	/* round robin between members */
	ck_assert_int_eq(kt_recv(s, &r, MACH_RCV_TIMEOUT, 0), 0);
	ck_assert_int_eq(r.head.msgh_id, 1);
	ck_assert_int_eq(kt_recv(s, &r, MACH_RCV_TIMEOUT, 0), 0);
	ck_assert_int_eq(r.head.msgh_id, 3);
	ck_assert_uint_eq(r.head.msgh_local_port, b);
	ck_assert_int_eq(ksim_mach_port_extract_member(sp, a, s), KERN_SUCCESS);
	ck_assert_int_eq(ksim_mach_port_extract_member(sp, a, s), KERN_NOT_IN_SET);
	ck_assert_int_eq(kt_recv(s, &r, MACH_RCV_TIMEOUT, 0),
	    MACH_RCV_TIMED_OUT);
	ck_assert_int_eq(kt_recv(a, &r, MACH_RCV_TIMEOUT, 0), 0);
	ck_assert_int_eq(r.head.msgh_id, 2);
	ck_assert_int_eq(ksim_mach_port_destroy(sp, s), KERN_SUCCESS);
	ck_assert_int_eq(ksim_mach_port_destroy(sp, a), KERN_SUCCESS);
	ck_assert_int_eq(ksim_mach_port_destroy(sp, b), KERN_SUCCESS);
}
END_TEST


START_TEST(insert_extract_errors)
{
	ipc_space_t sp = kt_space();
	mach_port_name_t p = kt_port(), q = kt_port();
	ipc_port_t r;
	mach_msg_type_name_t t;

	ck_assert_int_eq(ipc_space_insert_right(sp, MACH_PORT_NULL,
	    IP_NULL, MACH_MSG_TYPE_PORT_SEND), KERN_INVALID_VALUE);
	ck_assert_int_eq(ipc_space_insert_right(sp, 0x3100, IP_DEAD,
	    MACH_MSG_TYPE_PORT_SEND), KERN_INVALID_CAPABILITY);
	r = ipc_port_make_send_for_test(p);
	ck_assert_int_eq(ipc_space_insert_right(sp, q, r,
	    MACH_MSG_TYPE_PORT_SEND), KERN_RIGHT_EXISTS);
	ck_assert_int_eq(ipc_space_insert_right(sp, p, r,
	    MACH_MSG_TYPE_PORT_SEND), KERN_SUCCESS);
	ck_assert_int_eq(kt_refs(p, MACH_PORT_RIGHT_SEND), 1);
	ck_assert_int_eq(ipc_space_extract_right(sp, p, 30, &r, &t),
	    KERN_INVALID_VALUE);
	ck_assert_int_eq(ipc_space_extract_right(sp, MACH_PORT_NULL,
	    MACH_MSG_TYPE_COPY_SEND, &r, &t), KERN_INVALID_RIGHT);
	ck_assert_int_eq(ipc_space_extract_right(sp, 0x3333,
	    MACH_MSG_TYPE_COPY_SEND, &r, &t), KERN_INVALID_NAME);
	ck_assert_int_eq(ipc_space_extract_right(sp, p,
	    MACH_MSG_TYPE_MOVE_SEND, &r, &t), KERN_SUCCESS);
	ck_assert_uint_eq(t, MACH_MSG_TYPE_PORT_SEND);
	ck_assert_uint_eq(kt_type(p), MACH_PORT_TYPE_RECEIVE);
	/* the receive right is still here under p: RIGHT_EXISTS */
	ck_assert_int_eq(ipc_space_insert_right(sp, q, r,
	    MACH_MSG_TYPE_PORT_SEND), KERN_RIGHT_EXISTS);
	{
		ipc_port_t rr;

		ck_assert_int_eq(ipc_space_extract_right(sp, p,
		    MACH_MSG_TYPE_MOVE_RECEIVE, &rr, &t), KERN_SUCCESS);
		ck_assert_uint_eq(t, MACH_MSG_TYPE_PORT_RECEIVE);
		ck_assert_uint_eq(kt_type(p), 0);
		/* q names another right */
		ck_assert_int_eq(ipc_space_insert_right(sp, q, r,
		    MACH_MSG_TYPE_PORT_SEND), KERN_NAME_EXISTS);
		ck_assert_int_eq(ipc_space_insert_right(sp, 0x3200, r,
		    MACH_MSG_TYPE_PORT_SEND), KERN_SUCCESS);
		ck_assert_uint_eq(kt_type(0x3200), MACH_PORT_TYPE_SEND);
		/* receive onto its send name makes SEND_RECEIVE */
		ck_assert_int_eq(ipc_space_insert_right(sp, 0x3200, rr,
		    MACH_MSG_TYPE_PORT_RECEIVE), KERN_SUCCESS);
		ck_assert_uint_eq(kt_type(0x3200), MACH_PORT_TYPE_SEND_RECEIVE);
	}
	/* a dead name yields DEAD, a move uses a uref */
	ck_assert_int_eq(ksim_mach_port_allocate(sp, MACH_PORT_RIGHT_DEAD_NAME, &p),
	    KERN_SUCCESS);
	ck_assert_int_eq(ipc_space_extract_right(sp, p,
	    MACH_MSG_TYPE_MOVE_SEND, &r, &t), KERN_SUCCESS);
	ck_assert_ptr_eq(r, IP_DEAD);
	ck_assert_uint_eq(kt_type(p), 0);
	ksim_mach_port_destroy(sp, 0x3200);
	ksim_mach_port_destroy(sp, q);
}
END_TEST

START_TEST(allocate_qos_full)
{
	ipc_space_t sp = kt_space();
	mach_port_qos_t qos = { 0, 0, 0, 0 };
	mach_port_name_t n = 0x4400;

	qos.name = 1;
	ck_assert_int_eq(ksim_mach_port_allocate_qos(sp, MACH_PORT_RIGHT_RECEIVE,
	    &qos, &n), KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(ksim_mach_port_allocate_full(sp, MACH_PORT_RIGHT_RECEIVE,
	    0x1234, &qos, &n), KERN_INVALID_VALUE);
	ck_assert_int_eq(ksim_mach_port_allocate_full(sp, MACH_PORT_RIGHT_RECEIVE,
	    MACH_PORT_NULL, &qos, &n), KERN_SUCCESS);
	ck_assert_uint_eq(kt_type(0x4400), MACH_PORT_TYPE_RECEIVE);
	qos.name = 0;
	qos.prealloc = 1;
	qos.len = 1024;
	ck_assert_int_eq(ksim_mach_port_allocate_qos(sp, MACH_PORT_RIGHT_PORT_SET,
	    &qos, &n), KERN_INVALID_VALUE);
	qos.len = 0x7fffffff;
	ck_assert_int_eq(ksim_mach_port_allocate_qos(sp, MACH_PORT_RIGHT_RECEIVE,
	    &qos, &n), KERN_RESOURCE_SHORTAGE);
	qos.len = 1024;
	ck_assert_int_eq(ksim_mach_port_allocate_qos(sp, MACH_PORT_RIGHT_RECEIVE,
	    &qos, &n), KERN_SUCCESS);
	ck_assert_uint_ne(n, 0x4400);
	ck_assert_int_eq(ksim_mach_port_allocate_subsystem(sp, MACH_PORT_NULL, &n),
	    KERN_NOT_SUPPORTED);
	ksim_mach_port_destroy(sp, n);
	ksim_mach_port_destroy(sp, 0x4400);
}
END_TEST

START_TEST(move_send_once_port_deleted_and_ns_cancel)
{
	ipc_space_t sp = kt_space();
	mach_port_name_t p = kt_port(), d = kt_port(), np = kt_port(),
	    so = 0x6600;
	ipc_port_t prev, r;
	mach_msg_type_name_t t;

	ck_assert_int_eq(ipc_space_extract_right(sp, p,
	    MACH_MSG_TYPE_MAKE_SEND_ONCE, &r, &t), KERN_SUCCESS);
	ck_assert_int_eq(ipc_space_insert_right(sp, so, r, t), KERN_SUCCESS);
	ck_assert_int_eq(ipc_space_extract_right(sp, np,
	    MACH_MSG_TYPE_MAKE_SEND_ONCE, &r, &t), KERN_SUCCESS);
	ck_assert_int_eq(ipc_space_request_notification(sp, so,
	    MACH_NOTIFY_DEAD_NAME, 0, r, &prev), KERN_SUCCESS);
	/* a send-once right used as a destination: port-deleted */
	ck_assert_int_eq(kt_send(so, MACH_MSG_TYPE_MOVE_SEND_ONCE, 0, 0, 1, 0,
	    0, 0), MACH_MSG_SUCCESS);
	ck_assert_int_eq(kt_drain_one(np), MACH_NOTIFY_PORT_DELETED);
	ck_assert_int_eq(kt_drain_one(p), 1);
	/* moving a receive right cancels its no-senders request */
	ck_assert_int_eq(ipc_space_extract_right(sp, np,
	    MACH_MSG_TYPE_MAKE_SEND_ONCE, &r, &t), KERN_SUCCESS);
	ck_assert_int_eq(ipc_space_insert_right(sp, p,
	    ipc_port_make_send_for_test(p), MACH_MSG_TYPE_PORT_SEND),
	    KERN_SUCCESS);
	ck_assert_int_eq(ipc_space_request_notification(sp, p,
	    MACH_NOTIFY_NO_SENDERS, 0, r, &prev), KERN_SUCCESS);
	ck_assert_int_eq(kt_drain_one(np), -1);
	ck_assert_int_eq(ipc_space_extract_right(sp, p,
	    MACH_MSG_TYPE_MOVE_RECEIVE, &r, &t), KERN_SUCCESS);
	ck_assert_uint_eq(kt_type(p), MACH_PORT_TYPE_SEND);
	ck_assert_int_eq(kt_drain_one(np), MACH_NOTIFY_SEND_ONCE);
	ck_assert_int_eq(ipc_space_insert_right(sp, 0x6700, r, t),
	    KERN_RIGHT_EXISTS);
	ck_assert_int_eq(ipc_space_insert_right(sp, p, r, t), KERN_SUCCESS);
	ck_assert_uint_eq(kt_type(p), MACH_PORT_TYPE_SEND_RECEIVE);
	ksim_mach_port_destroy(sp, p);
	ksim_mach_port_destroy(sp, d);
	ksim_mach_port_destroy(sp, np);
}
END_TEST

Suite *ipc_ports_suite(void)
{
	Suite *s = suite_create("ipc_ports");
	TCase *tc = kt_tcase("ports");

	tcase_add_test(tc, allocate_rights);
	tcase_add_test(tc, null_and_dead_names);
	tcase_add_test(tc, mod_refs_rules);
	tcase_add_test(tc, stale_send_reads_dead);
	tcase_add_test(tc, names_rename_attributes);
	tcase_add_test(tc, port_sets);
	tcase_add_test(tc, insert_extract_errors);
	tcase_add_test(tc, allocate_qos_full);
	tcase_add_test(tc, move_send_once_port_deleted_and_ns_cancel);
	suite_add_tcase(s, tc);
	return s;
}
