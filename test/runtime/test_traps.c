/*
 * test_traps.c - the traps a Darwin program calls directly that no other
 * suite names: mach_reply_port.
 */
#include <check.h>
#include <mach/mach.h>

#include "support/suites.h"

START_TEST(test_reply_port_is_fresh_receive_right)
{
	mach_port_t self = mach_task_self();
	mach_port_t a = mach_reply_port(), b = mach_reply_port();
	mach_port_type_t type;
	mach_port_urefs_t refs;

	ck_assert_uint_ne(a, MACH_PORT_NULL);
	ck_assert_uint_ne(b, MACH_PORT_NULL);
	ck_assert_uint_ne(a, b);
	/* A receive right alone: no send right comes with it. */
	ck_assert_int_eq(mach_port_type(self, a, &type), KERN_SUCCESS);
	ck_assert_uint_eq(type, MACH_PORT_TYPE_RECEIVE);
	ck_assert_int_eq(mach_port_get_refs(self, a, MACH_PORT_RIGHT_RECEIVE,
					    &refs), KERN_SUCCESS);
	ck_assert_uint_eq(refs, 1);
	ck_assert_int_eq(mach_port_get_refs(self, a, MACH_PORT_RIGHT_SEND,
					    &refs), KERN_SUCCESS);
	ck_assert_uint_eq(refs, 0);

	/* It receives: a message sent to a send-once right made from it. */
	mach_msg_header_t m = {
		.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND_ONCE, 0),
		.msgh_size = sizeof m, .msgh_remote_port = a, .msgh_id = 7,
	};
	ck_assert_int_eq(mach_msg(&m, MACH_SEND_MSG, sizeof m, 0,
				  MACH_PORT_NULL, MACH_MSG_TIMEOUT_NONE,
				  MACH_PORT_NULL), MACH_MSG_SUCCESS);
	struct { mach_msg_header_t h; mach_msg_trailer_t t; } r;
	ck_assert_int_eq(mach_msg(&r.h, MACH_RCV_MSG, 0, sizeof r, a,
				  MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL),
			 MACH_MSG_SUCCESS);
	ck_assert_int_eq(r.h.msgh_id, 7);

	ck_assert_int_eq(mach_port_mod_refs(self, a, MACH_PORT_RIGHT_RECEIVE,
					    -1), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_mod_refs(self, b, MACH_PORT_RIGHT_RECEIVE,
					    -1), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_type(self, a, &type), KERN_INVALID_NAME);
}
END_TEST

Suite *traps_suite(void)
{
	Suite *s = suite_create("traps");
	TCase *tc = tcase_create("traps");
	tcase_add_test(tc, test_reply_port_is_fresh_receive_right);
	suite_add_tcase(s, tc);
	return s;
}
