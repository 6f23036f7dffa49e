/*
 * test_notify.c - the five notifications (MACH-SEMANTICS section 3):
 * formats, when each fires, registration errors.
 */
#define MACHSIM_KERNEL 1	/* the kernel view of the Mach types */
#include <mach/notify.h>

#include "../ksim_test.h"

Suite *ipc_notify_suite(void);

static ipc_port_t so_for(mach_port_name_t n)
{
	ipc_port_t so;
	mach_msg_type_name_t t;

	ck_assert_int_eq(ipc_space_extract_right(kt_space(), n,
	    MACH_MSG_TYPE_MAKE_SEND_ONCE, &so, &t), KERN_SUCCESS);
	return so;
}

START_TEST(dead_name_notification)
{
	ipc_space_t sp = kt_space();
	mach_port_name_t p = kt_port(), nport = kt_port(), s = 0x9100;
	ipc_port_t prev;
	mach_dead_name_notification_t n;

	ck_assert_int_eq(ipc_space_insert_right(sp, s, so_for(p),
	    MACH_MSG_TYPE_PORT_SEND_ONCE), KERN_SUCCESS);
	ck_assert_int_eq(ipc_space_request_notification(sp, s,
	    MACH_NOTIFY_DEAD_NAME, 0, so_for(nport), &prev), KERN_SUCCESS);
	ck_assert_ptr_null(prev);
	ck_assert_uint_eq(kt_type(s),
	    MACH_PORT_TYPE_SEND_ONCE | MACH_PORT_TYPE_DNREQUEST);
	ck_assert_int_eq(ksim_mach_port_destroy(sp, p), KERN_SUCCESS);
	ck_assert_int_eq(mach_msg(&n.not_header, MACH_RCV_MSG |
	    MACH_RCV_TIMEOUT | MACH_RCV_TRAILER_ELEMENTS(
	    MACH_RCV_TRAILER_SENDER), 0, sizeof(n), nport, 0, 0),
	    KERN_SUCCESS);
	ck_assert_int_eq(n.not_header.msgh_id, MACH_NOTIFY_DEAD_NAME);
	ck_assert_uint_eq(n.not_header.msgh_size, 36);
	ck_assert_uint_eq(n.not_port, s);
	ck_assert_uint_eq(n.not_header.msgh_bits,
	    MACH_MSGH_BITS(0, MACH_MSG_TYPE_PORT_SEND_ONCE));
	ck_assert_uint_eq(n.trailer.msgh_sender.val[1], 1);
	ck_assert_uint_eq(kt_type(s), MACH_PORT_TYPE_DEAD_NAME);
	ck_assert_int_eq(kt_refs(s, MACH_PORT_RIGHT_DEAD_NAME), 2);
	ck_assert_int_eq(ksim_mach_port_mod_refs(sp, s, MACH_PORT_RIGHT_DEAD_NAME,
	    -2), KERN_SUCCESS);
	/* immediate on a dead name with sync != 0 */
	ck_assert_int_eq(ksim_mach_port_allocate(sp, MACH_PORT_RIGHT_DEAD_NAME, &s),
	    KERN_SUCCESS);
	ck_assert_int_eq(ipc_space_request_notification(sp, s,
	    MACH_NOTIFY_DEAD_NAME, 0, IP_NULL, &prev), KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(ipc_space_request_notification(sp, s,
	    MACH_NOTIFY_DEAD_NAME, 1, so_for(nport), &prev), KERN_SUCCESS);
	ck_assert_int_eq(kt_refs(s, MACH_PORT_RIGHT_DEAD_NAME), 2);
	ck_assert_int_eq(kt_drain_one(nport), MACH_NOTIFY_DEAD_NAME);
	ck_assert_int_eq(ksim_mach_port_destroy(sp, s), KERN_SUCCESS);
	ck_assert_int_eq(ipc_space_request_notification(sp, MACH_PORT_NULL,
	    MACH_NOTIFY_DEAD_NAME, 0, IP_NULL, &prev), KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(ipc_space_request_notification(sp, nport, 1234, 0,
	    IP_NULL, &prev), KERN_INVALID_VALUE);
	ck_assert_int_eq(ipc_space_request_notification(sp, nport, 1234, 0,
	    IP_DEAD, &prev), KERN_INVALID_CAPABILITY);
	ksim_mach_port_destroy(sp, nport);
}
END_TEST

START_TEST(port_deleted_notification)
{
	ipc_space_t sp = kt_space();
	mach_port_name_t p = kt_port(), nport = kt_port(), s = 0x9200;
	ipc_port_t prev;
	mach_port_deleted_notification_t n;

	ck_assert_int_eq(ipc_space_insert_right(sp, s,
	    ipc_port_make_send_for_test(p), MACH_MSG_TYPE_PORT_SEND),
	    KERN_RIGHT_EXISTS);
	ck_assert_int_eq(ipc_space_insert_right(sp, s, so_for(p),
	    MACH_MSG_TYPE_PORT_SEND_ONCE), KERN_SUCCESS);
	ck_assert_int_eq(ipc_space_request_notification(sp, s,
	    MACH_NOTIFY_DEAD_NAME, 0, so_for(nport), &prev), KERN_SUCCESS);
	ck_assert_int_eq(ksim_mach_port_deallocate(sp, s), KERN_SUCCESS);
	ck_assert_int_eq(mach_msg(&n.not_header, MACH_RCV_MSG |
	    MACH_RCV_TIMEOUT, 0, sizeof(n), nport, 0, 0), KERN_SUCCESS);
	ck_assert_int_eq(n.not_header.msgh_id, MACH_NOTIFY_PORT_DELETED);
	ck_assert_uint_eq(n.not_port, s);
	/* the deallocated send-once right notified its own port */
	ck_assert_int_eq(kt_drain_one(p), MACH_NOTIFY_SEND_ONCE);
	ksim_mach_port_destroy(sp, p);
	ksim_mach_port_destroy(sp, nport);
}
END_TEST

START_TEST(no_senders_notification)
{
	ipc_space_t sp = kt_space();
	mach_port_name_t p = kt_port(), nport = kt_port();
	ipc_port_t prev;
	mach_no_senders_notification_t n;

	ck_assert_int_eq(ipc_space_request_notification(sp, p,
	    MACH_NOTIFY_NO_SENDERS, 1, so_for(nport), &prev), KERN_SUCCESS);
	ck_assert_int_eq(kt_drain_one(nport), -1);
	ck_assert_int_eq(ipc_space_insert_right(sp, p,
	    ipc_port_make_send_for_test(p), MACH_MSG_TYPE_PORT_SEND),
	    KERN_SUCCESS);
	ck_assert_int_eq(kt_send(p, MACH_MSG_TYPE_MOVE_SEND, 0, 0, 1, 0, 0, 0),
	    MACH_MSG_SUCCESS);
	ck_assert_int_eq(kt_drain_one(nport), -1);	/* still in message */
	ck_assert_int_eq(kt_drain_one(p), 1);		/* consumed: fires */
	ck_assert_int_eq(mach_msg(&n.not_header, MACH_RCV_MSG |
	    MACH_RCV_TIMEOUT, 0, sizeof(n), nport, 0, 0), KERN_SUCCESS);
	ck_assert_int_eq(n.not_header.msgh_id, MACH_NOTIFY_NO_SENDERS);
	ck_assert_uint_eq(n.not_count, 1);
	/* immediate: srights 0 and sync <= mscount */
	ck_assert_int_eq(ipc_space_request_notification(sp, p,
	    MACH_NOTIFY_NO_SENDERS, 0, so_for(nport), &prev), KERN_SUCCESS);
	ck_assert_int_eq(kt_drain_one(nport), MACH_NOTIFY_NO_SENDERS);
	ck_assert_int_eq(ipc_space_request_notification(sp, p,
	    MACH_NOTIFY_PORT_DESTROYED, 1, IP_NULL, &prev), KERN_INVALID_VALUE);
	ksim_mach_port_destroy(sp, p);
	ksim_mach_port_destroy(sp, nport);
}
END_TEST

START_TEST(port_destroyed_notification)
{
	ipc_space_t sp = kt_space();
	mach_port_name_t p = kt_port(), nport = kt_port();
	ipc_port_t prev;
	mach_port_destroyed_notification_t n;

	ck_assert_int_eq(kt_send(p, MACH_MSG_TYPE_MAKE_SEND, 0, 0, 42, 0, 0, 0),
	    MACH_MSG_SUCCESS);
	ck_assert_int_eq(ipc_space_request_notification(sp, p,
	    MACH_NOTIFY_PORT_DESTROYED, 0, so_for(nport), &prev), KERN_SUCCESS);
	ck_assert_int_eq(ksim_mach_port_destroy(sp, p), KERN_SUCCESS);
	ck_assert_uint_eq(kt_type(p), 0);
	ck_assert_int_eq(mach_msg(&n.not_header, MACH_RCV_MSG |
	    MACH_RCV_TIMEOUT, 0, sizeof(n), nport, 0, 0), KERN_SUCCESS);
	ck_assert_int_eq(n.not_header.msgh_id, MACH_NOTIFY_PORT_DESTROYED);
	ck_assert_uint_eq(n.not_header.msgh_size, 40);
	ck_assert_uint_eq(n.not_port.disposition, MACH_MSG_TYPE_PORT_RECEIVE);
	p = n.not_port.name;
	ck_assert_uint_eq(kt_type(p), MACH_PORT_TYPE_RECEIVE);
	ck_assert_int_eq(kt_drain_one(p), 42);		/* queue kept */
	ksim_mach_port_destroy(sp, p);
	ksim_mach_port_destroy(sp, nport);
}
END_TEST

Suite *ipc_notify_suite(void)
{
	Suite *s = suite_create("ipc_notify");
	TCase *tc = kt_tcase("notify");

	tcase_add_test(tc, dead_name_notification);
	tcase_add_test(tc, port_deleted_notification);
	tcase_add_test(tc, no_senders_notification);
	tcase_add_test(tc, port_destroyed_notification);
	suite_add_tcase(s, tc);
	return s;
}
