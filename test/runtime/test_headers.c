/*
 * test_headers.c - the public Mach headers against Darwin's LP64 wire
 * format: struct sizes, field offsets, constant values and the bit
 * macros.  The headers assert the sizes at compile time already; these
 * tests pin the offsets of every field a message parser touches and the
 * values that travel in messages or come back from calls.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include <default_pager/default_pager_types.h>
#include <mach/boolean.h>
#include <mach/clock_types.h>
#include <mach/exception_types.h>
#include <mach/kern_return.h>
#include <mach/mach_types.h>
#include <mach/message.h>
#include <mach/mig.h>
#include <mach/mig_errors.h>
#include <mach/ndr.h>
#include <mach/notify.h>
#include <mach/default_pager_object.h>
#include <mach/vm_map.h>
#include <mach/port.h>
#include <mach/std_types.h>
#include <mach/vm_types.h>
#include <mach/i386/mach_i386_types.h>
#include <mach/kmod.h>
#include <mach_debug/mach_debug_types.h>

#include "support/harness.h"

Suite *headers_suite(void);

/* Byte offset of the descriptor's type byte: the top byte of word 2. */
static unsigned type_byte(const void *desc, size_t at)
{
	return ((const unsigned char *)desc)[at];
}

START_TEST(scalar_sizes)
{
	ck_assert_uint_eq(sizeof(natural_t), 4);
	ck_assert_uint_eq(sizeof(integer_t), 4);
	ck_assert_uint_eq(sizeof(boolean_t), 4);
	ck_assert_uint_eq(sizeof(kern_return_t), 4);
	ck_assert_uint_eq(sizeof(mach_port_t), 4);
	ck_assert_uint_eq(sizeof(mach_port_name_t), 4);
	ck_assert_uint_eq(sizeof(mach_msg_type_number_t), 4);
	ck_assert_uint_eq(sizeof(mach_msg_type_name_t), 4);
	ck_assert_uint_eq(sizeof(mach_msg_id_t), 4);
	ck_assert_uint_eq(sizeof(mach_msg_timeout_t), 4);
	ck_assert_uint_eq(sizeof(mach_msg_option_t), 4);
	ck_assert_uint_eq(sizeof(mach_port_seqno_t), 4);
	ck_assert_uint_eq(sizeof(vm_address_t), 8);
	ck_assert_uint_eq(sizeof(vm_offset_t), 8);
	ck_assert_uint_eq(sizeof(vm_size_t), 8);
	ck_assert_uint_eq(sizeof(mach_vm_address_t), 8);
	ck_assert_uint_eq(sizeof(mach_vm_size_t), 8);
	ck_assert_uint_eq(sizeof(mach_port_context_t), 8);
	ck_assert_uint_eq(sizeof(security_token_t), 8);
	ck_assert_uint_eq(sizeof(audit_token_t), 32);
	ck_assert_uint_eq(sizeof(task_t), 4);
	ck_assert_uint_eq(sizeof(thread_act_t), 4);
	ck_assert_uint_eq(sizeof(semaphore_t), 4);
	ck_assert_int_eq(TRUE, 1);
	ck_assert_int_eq(FALSE, 0);
}
END_TEST

START_TEST(header_layout)
{
	ck_assert_uint_eq(sizeof(mach_msg_header_t), 24);
	ck_assert_uint_eq(offsetof(mach_msg_header_t, msgh_bits), 0);
	ck_assert_uint_eq(offsetof(mach_msg_header_t, msgh_size), 4);
	ck_assert_uint_eq(offsetof(mach_msg_header_t, msgh_remote_port), 8);
	ck_assert_uint_eq(offsetof(mach_msg_header_t, msgh_local_port), 12);
	ck_assert_uint_eq(offsetof(mach_msg_header_t, msgh_voucher_port), 16);
	ck_assert_uint_eq(offsetof(mach_msg_header_t, msgh_reserved), 16);
	ck_assert_uint_eq(offsetof(mach_msg_header_t, msgh_id), 20);
	ck_assert_uint_eq(sizeof(mach_msg_body_t), 4);
	ck_assert_uint_eq(sizeof(mach_msg_base_t), 28);
	ck_assert_uint_eq(offsetof(mach_msg_base_t, body), 24);
	ck_assert_uint_eq(sizeof(NDR_record_t), 8);
	ck_assert_uint_eq(offsetof(NDR_record_t, int_rep), 4);
	ck_assert_uint_eq(offsetof(NDR_record_t, char_rep), 5);
	ck_assert_uint_eq(offsetof(NDR_record_t, float_rep), 6);
	ck_assert_uint_eq(sizeof(mig_reply_error_t), 36);
	ck_assert_uint_eq(offsetof(mig_reply_error_t, NDR), 24);
	ck_assert_uint_eq(offsetof(mig_reply_error_t, RetCode), 32);
}
END_TEST

START_TEST(header_bits)
{
	mach_msg_bits_t b;

	ck_assert_uint_eq(MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND,
	    MACH_MSG_TYPE_MAKE_SEND_ONCE), 0x1513);
	b = MACH_MSGH_BITS_SET(MACH_MSG_TYPE_MOVE_SEND,
	    MACH_MSG_TYPE_MAKE_SEND_ONCE, MACH_MSG_TYPE_COPY_SEND,
	    MACH_MSGH_BITS_COMPLEX);
	ck_assert_uint_eq(b, 0x80131511u);
	ck_assert_uint_eq(MACH_MSGH_BITS_REMOTE(b), 17);
	ck_assert_uint_eq(MACH_MSGH_BITS_LOCAL(b), 21);
	ck_assert_uint_eq(MACH_MSGH_BITS_VOUCHER(b), 19);
	ck_assert_uint_eq(MACH_MSGH_BITS_PORTS(b), 0x131511u);
	ck_assert_uint_eq(MACH_MSGH_BITS_OTHER(b), MACH_MSGH_BITS_COMPLEX);
	ck_assert(MACH_MSGH_BITS_IS_COMPLEX(b));
	ck_assert(MACH_MSGH_BITS_HAS_VOUCHER(b));
	ck_assert_uint_eq(MACH_MSGH_BITS_SET_PORTS(0xff, 0xff, 0xff), 0x1f1f1f);
	ck_assert_uint_eq(MACH_MSGH_BITS_REMOTE_MASK, 0x1f);
	ck_assert_uint_eq(MACH_MSGH_BITS_LOCAL_MASK, 0x1f00);
	ck_assert_uint_eq(MACH_MSGH_BITS_VOUCHER_MASK, 0x1f0000);
	ck_assert_uint_eq(MACH_MSGH_BITS_PORTS_MASK, 0x1f1f1f);
	ck_assert_uint_eq(MACH_MSGH_BITS_COMPLEX, 0x80000000u);
	ck_assert_uint_eq(MACH_MSGH_BITS_USER, 0x801f1f1fu);
	ck_assert_uint_eq(MACH_MSGH_BITS_CIRCULAR, 0x10000000u);
	ck_assert_uint_eq(MACH_MSGH_BITS_USED, 0xb01f1f1fu);
	ck_assert_uint_eq(MACH_MSGH_BITS_ZERO, 0);
}
END_TEST

START_TEST(dispositions)
{
	ck_assert_uint_eq(MACH_MSG_TYPE_PORT_NONE, 0);
	ck_assert_uint_eq(MACH_MSG_TYPE_PORT_NAME, 15);
	ck_assert_uint_eq(MACH_MSG_TYPE_MOVE_RECEIVE, 16);
	ck_assert_uint_eq(MACH_MSG_TYPE_MOVE_SEND, 17);
	ck_assert_uint_eq(MACH_MSG_TYPE_MOVE_SEND_ONCE, 18);
	ck_assert_uint_eq(MACH_MSG_TYPE_COPY_SEND, 19);
	ck_assert_uint_eq(MACH_MSG_TYPE_MAKE_SEND, 20);
	ck_assert_uint_eq(MACH_MSG_TYPE_MAKE_SEND_ONCE, 21);
	ck_assert_uint_eq(MACH_MSG_TYPE_COPY_RECEIVE, 22);
	ck_assert_uint_eq(MACH_MSG_TYPE_LAST, 22);
	ck_assert_uint_eq(MACH_MSG_TYPE_DISPOSE_RECEIVE, 24);
	ck_assert_uint_eq(MACH_MSG_TYPE_DISPOSE_SEND, 25);
	ck_assert_uint_eq(MACH_MSG_TYPE_DISPOSE_SEND_ONCE, 26);
	ck_assert_uint_eq(MACH_MSG_TYPE_PORT_RECEIVE, 16);
	ck_assert_uint_eq(MACH_MSG_TYPE_PORT_SEND, 17);
	ck_assert_uint_eq(MACH_MSG_TYPE_PORT_SEND_ONCE, 18);
	ck_assert_uint_eq(MACH_MSG_TYPE_POLYMORPHIC, 0xffffffffu);
	ck_assert(MACH_MSG_TYPE_PORT_ANY(16) && MACH_MSG_TYPE_PORT_ANY(21));
	ck_assert(!MACH_MSG_TYPE_PORT_ANY(15) && !MACH_MSG_TYPE_PORT_ANY(22));
	ck_assert(MACH_MSG_TYPE_PORT_ANY_SEND(17) && !MACH_MSG_TYPE_PORT_ANY_SEND(16));
	ck_assert(MACH_MSG_TYPE_PORT_ANY_RIGHT(18) && !MACH_MSG_TYPE_PORT_ANY_RIGHT(19));
}
END_TEST

START_TEST(descriptor_layout)
{
	mach_msg_port_descriptor_t p;
	mach_msg_ool_descriptor_t o;
	mach_msg_ool_ports_descriptor_t op;
	mach_msg_guarded_port_descriptor_t g;

	ck_assert_uint_eq(sizeof(mach_msg_type_descriptor_t), 12);
	ck_assert_uint_eq(sizeof(mach_msg_port_descriptor_t), 12);
	ck_assert_uint_eq(sizeof(mach_msg_ool_descriptor_t), 16);
	ck_assert_uint_eq(sizeof(mach_msg_ool_ports_descriptor_t), 16);
	ck_assert_uint_eq(sizeof(mach_msg_guarded_port_descriptor_t), 16);
	ck_assert_uint_eq(sizeof(mach_msg_ool_descriptor32_t), 12);
	ck_assert_uint_eq(sizeof(mach_msg_ool_descriptor64_t), 16);
	ck_assert_uint_eq(sizeof(mach_msg_descriptor_t), 16);
	ck_assert_uint_eq(offsetof(mach_msg_port_descriptor_t, name), 0);
	ck_assert_uint_eq(offsetof(mach_msg_port_descriptor_t, pad1), 4);
	ck_assert_uint_eq(offsetof(mach_msg_ool_descriptor_t, address), 0);
	ck_assert_uint_eq(offsetof(mach_msg_ool_descriptor_t, size), 12);
	ck_assert_uint_eq(offsetof(mach_msg_ool_ports_descriptor_t, count), 12);
	ck_assert_uint_eq(offsetof(mach_msg_guarded_port_descriptor_t, name), 12);

	/* The bitfields fill the third word from its low byte up. */
	memset(&p, 0, sizeof(p));
	p.disposition = MACH_MSG_TYPE_MAKE_SEND;
	p.type = MACH_MSG_PORT_DESCRIPTOR + 0x7f;
	ck_assert_uint_eq(type_byte(&p, 10), 20);
	ck_assert_uint_eq(type_byte(&p, 11), 0x7f);

	memset(&o, 0, sizeof(o));
	o.deallocate = 1;
	o.copy = MACH_MSG_VIRTUAL_COPY;
	o.type = MACH_MSG_OOL_DESCRIPTOR;
	ck_assert_uint_eq(type_byte(&o, 8), 1);
	ck_assert_uint_eq(type_byte(&o, 9), 1);
	ck_assert_uint_eq(type_byte(&o, 11), MACH_MSG_OOL_DESCRIPTOR);

	memset(&op, 0, sizeof(op));
	op.disposition = MACH_MSG_TYPE_COPY_SEND;
	op.type = MACH_MSG_OOL_PORTS_DESCRIPTOR;
	ck_assert_uint_eq(type_byte(&op, 10), 19);
	ck_assert_uint_eq(type_byte(&op, 11), MACH_MSG_OOL_PORTS_DESCRIPTOR);

	memset(&g, 0, sizeof(g));
	g.flags = MACH_MSG_GUARD_FLAGS_IMMOVABLE_RECEIVE;
	g.disposition = MACH_MSG_TYPE_MOVE_RECEIVE;
	g.type = MACH_MSG_GUARDED_PORT_DESCRIPTOR;
	ck_assert_uint_eq(type_byte(&g, 8), 1);
	ck_assert_uint_eq(type_byte(&g, 10), 16);
	ck_assert_uint_eq(type_byte(&g, 11), MACH_MSG_GUARDED_PORT_DESCRIPTOR);

	ck_assert_uint_eq(MACH_MSG_PORT_DESCRIPTOR, 0);
	ck_assert_uint_eq(MACH_MSG_OOL_DESCRIPTOR, 1);
	ck_assert_uint_eq(MACH_MSG_OOL_PORTS_DESCRIPTOR, 2);
	ck_assert_uint_eq(MACH_MSG_OOL_VOLATILE_DESCRIPTOR, 3);
	ck_assert_uint_eq(MACH_MSG_GUARDED_PORT_DESCRIPTOR, 4);
	ck_assert_uint_eq(MACH_MSG_PHYSICAL_COPY, 0);
	ck_assert_uint_eq(MACH_MSG_VIRTUAL_COPY, 1);
	ck_assert_uint_eq(MACH_MSG_ALLOCATE, 2);
	ck_assert_uint_eq(MACH_MSG_OVERWRITE, 3);
}
END_TEST

START_TEST(trailer_layout)
{
	ck_assert_uint_eq(sizeof(mach_msg_trailer_t), 8);
	ck_assert_uint_eq(sizeof(mach_msg_seqno_trailer_t), 12);
	ck_assert_uint_eq(sizeof(mach_msg_security_trailer_t), 20);
	ck_assert_uint_eq(sizeof(mach_msg_format_0_trailer_t), 20);
	ck_assert_uint_eq(sizeof(mach_msg_audit_trailer_t), 52);
	ck_assert_uint_eq(sizeof(mach_msg_context_trailer_t), 60);
	ck_assert_uint_eq(sizeof(mach_msg_mac_trailer_t), 68);
	ck_assert_uint_eq(sizeof(mach_msg_max_trailer_t), 68);
	ck_assert_uint_eq(MAX_TRAILER_SIZE, 68);
	ck_assert_uint_eq(MACH_MSG_TRAILER_MINIMUM_SIZE, 8);
	ck_assert_uint_eq(MACH_MSG_TRAILER_FORMAT_0_SIZE, 20);
	ck_assert_uint_eq(offsetof(mach_msg_max_trailer_t, msgh_trailer_size), 4);
	ck_assert_uint_eq(offsetof(mach_msg_max_trailer_t, msgh_seqno), 8);
	ck_assert_uint_eq(offsetof(mach_msg_max_trailer_t, msgh_sender), 12);
	ck_assert_uint_eq(offsetof(mach_msg_max_trailer_t, msgh_audit), 20);
	ck_assert_uint_eq(offsetof(mach_msg_max_trailer_t, msgh_context), 52);
	ck_assert_uint_eq(offsetof(mach_msg_max_trailer_t, msgh_ad), 60);
	ck_assert_uint_eq(offsetof(mach_msg_max_trailer_t, msgh_labels), 64);
	ck_assert_uint_eq(MACH_MSG_TRAILER_FORMAT_0, 0);
}
END_TEST

START_TEST(trailer_requests)
{
	ck_assert_uint_eq(MACH_RCV_TRAILER_TYPE(MACH_MSG_TRAILER_FORMAT_0), 0);
	ck_assert_uint_eq(MACH_RCV_TRAILER_TYPE(1), 0x10000000u);
	ck_assert_uint_eq(MACH_RCV_TRAILER_ELEMENTS(MACH_RCV_TRAILER_SEQNO), 0x01000000);
	ck_assert_uint_eq(MACH_RCV_TRAILER_ELEMENTS(MACH_RCV_TRAILER_AUDIT), 0x03000000);
	ck_assert_uint_eq(MACH_RCV_TRAILER_ELEMENTS(0x1f), 0x0f000000);
	ck_assert_uint_eq(MACH_RCV_TRAILER_MASK, 0x0f000000);
	ck_assert_uint_eq(GET_RCV_ELEMENTS(MACH_RCV_MSG |
	    MACH_RCV_TRAILER_ELEMENTS(MACH_RCV_TRAILER_CTX)), 4);
	ck_assert_uint_eq(MACH_RCV_TRAILER_NULL, 0);
	ck_assert_uint_eq(MACH_RCV_TRAILER_SEQNO, 1);
	ck_assert_uint_eq(MACH_RCV_TRAILER_SENDER, 2);
	ck_assert_uint_eq(MACH_RCV_TRAILER_AUDIT, 3);
	ck_assert_uint_eq(MACH_RCV_TRAILER_CTX, 4);
	ck_assert_uint_eq(MACH_RCV_TRAILER_AV, 7);
	ck_assert_uint_eq(MACH_RCV_TRAILER_LABELS, 8);
	ck_assert_uint_eq(REQUESTED_TRAILER_SIZE(0), 8);
	ck_assert_uint_eq(REQUESTED_TRAILER_SIZE(MACH_RCV_TRAILER_ELEMENTS(1)), 12);
	ck_assert_uint_eq(REQUESTED_TRAILER_SIZE(MACH_RCV_TRAILER_ELEMENTS(2)), 20);
	ck_assert_uint_eq(REQUESTED_TRAILER_SIZE(MACH_RCV_TRAILER_ELEMENTS(3)), 52);
	ck_assert_uint_eq(REQUESTED_TRAILER_SIZE(MACH_RCV_TRAILER_ELEMENTS(4)), 60);
	ck_assert_uint_eq(REQUESTED_TRAILER_SIZE(MACH_RCV_TRAILER_ELEMENTS(7)), 68);
	ck_assert_uint_eq(REQUESTED_TRAILER_SIZE(MACH_RCV_TRAILER_ELEMENTS(8)), 68);
}
END_TEST

START_TEST(round_and_limits)
{
	ck_assert_uint_eq(round_msg(0), 0);
	ck_assert_uint_eq(round_msg(1), 4);
	ck_assert_uint_eq(round_msg(24), 24);
	ck_assert_uint_eq(round_msg(25), 28);
	ck_assert_uint_eq(round_msg(27), 28);
	ck_assert_uint_eq(round_msg(0xfffffff8u), 0xfffffff8u);
	ck_assert_uint_eq(MACH_MSG_SIZE_MAX, 0xffffffffu);
	ck_assert_uint_eq(MACH_MSG_TIMEOUT_NONE, 0);
}
END_TEST

START_TEST(options)
{
	ck_assert_int_eq(MACH_MSG_OPTION_NONE, 0);
	ck_assert_int_eq(MACH_SEND_MSG, 0x1);
	ck_assert_int_eq(MACH_RCV_MSG, 0x2);
	ck_assert_int_eq(MACH_RCV_LARGE, 0x4);
	ck_assert_int_eq(MACH_RCV_LARGE_IDENTITY, 0x8);
	ck_assert_int_eq(MACH_SEND_TIMEOUT, 0x10);
	ck_assert_int_eq(MACH_SEND_OVERRIDE, 0x20);
	ck_assert_int_eq(MACH_SEND_INTERRUPT, 0x40);
	ck_assert_int_eq(MACH_SEND_NOTIFY, 0x80);
	ck_assert_int_eq(MACH_RCV_TIMEOUT, 0x100);
	ck_assert_int_eq(MACH_RCV_NOTIFY, 0);
	ck_assert_int_eq(MACH_MSG_STRICT_REPLY, 0x200);
	ck_assert_int_eq(MACH_RCV_INTERRUPT, 0x400);
	ck_assert_int_eq(MACH_RCV_VOUCHER, 0x800);
	ck_assert_int_eq(MACH_RCV_OVERWRITE, 0);
	ck_assert_int_eq(MACH_RCV_GUARDED_DESC, 0x1000);
	ck_assert_int_eq(MACH_RCV_SYNC_WAIT, 0x4000);
	ck_assert_int_eq(MACH_RCV_SYNC_PEEK, 0x8000);
	ck_assert_int_eq(MACH_SEND_ALWAYS, 0x10000);
	ck_assert_int_eq(MACH_SEND_TRAILER, 0x20000);
	ck_assert_int_eq(MACH_SEND_NOIMPORTANCE, 0x40000);
	ck_assert_int_eq(MACH_SEND_IMPORTANCE, 0x80000);
	ck_assert_int_eq(MACH_SEND_SYNC_OVERRIDE, 0x100000);
	ck_assert_int_eq(MACH_SEND_PROPAGATE_QOS, 0x200000);
	ck_assert_int_eq(MACH_SEND_KERNEL, 0x400000);
	ck_assert_int_eq(MACH_SEND_SYNC_BOOTSTRAP_CHECKIN, 0x800000);
}
END_TEST

START_TEST(msg_returns)
{
	ck_assert_int_eq(MACH_MSG_SUCCESS, 0);
	ck_assert_int_eq(MACH_MSG_MASK, 0x3e00);
	ck_assert_int_eq(MACH_MSG_IPC_SPACE, 0x2000);
	ck_assert_int_eq(MACH_MSG_VM_SPACE, 0x1000);
	ck_assert_int_eq(MACH_MSG_IPC_KERNEL, 0x800);
	ck_assert_int_eq(MACH_MSG_VM_KERNEL, 0x400);
	ck_assert_int_eq(MACH_SEND_IN_PROGRESS, 0x10000001);
	ck_assert_int_eq(MACH_SEND_INVALID_DATA, 0x10000002);
	ck_assert_int_eq(MACH_SEND_INVALID_DEST, 0x10000003);
	ck_assert_int_eq(MACH_SEND_TIMED_OUT, 0x10000004);
	ck_assert_int_eq(MACH_SEND_INVALID_VOUCHER, 0x10000005);
	ck_assert_int_eq(MACH_SEND_INTERRUPTED, 0x10000007);
	ck_assert_int_eq(MACH_SEND_MSG_TOO_SMALL, 0x10000008);
	ck_assert_int_eq(MACH_SEND_INVALID_REPLY, 0x10000009);
	ck_assert_int_eq(MACH_SEND_INVALID_RIGHT, 0x1000000a);
	ck_assert_int_eq(MACH_SEND_INVALID_NOTIFY, 0x1000000b);
	ck_assert_int_eq(MACH_SEND_INVALID_MEMORY, 0x1000000c);
	ck_assert_int_eq(MACH_SEND_NO_BUFFER, 0x1000000d);
	ck_assert_int_eq(MACH_SEND_TOO_LARGE, 0x1000000e);
	ck_assert_int_eq(MACH_SEND_INVALID_TYPE, 0x1000000f);
	ck_assert_int_eq(MACH_SEND_INVALID_HEADER, 0x10000010);
	ck_assert_int_eq(MACH_SEND_INVALID_TRAILER, 0x10000011);
	ck_assert_int_eq(MACH_SEND_INVALID_CONTEXT, 0x10000012);
	ck_assert_int_eq(MACH_SEND_INVALID_OPTIONS, 0x10000013);
	ck_assert_int_eq(MACH_SEND_INVALID_RT_OOL_SIZE, 0x10000015);
	ck_assert_int_eq(MACH_SEND_NO_GRANT_DEST, 0x10000016);
	ck_assert_int_eq(MACH_SEND_MSG_FILTERED, 0x10000017);
	ck_assert_int_eq(MACH_SEND_AUX_TOO_SMALL, 0x10000018);
	ck_assert_int_eq(MACH_SEND_AUX_TOO_LARGE, 0x10000019);
	ck_assert_int_eq(MACH_RCV_IN_PROGRESS, 0x10004001);
	ck_assert_int_eq(MACH_RCV_INVALID_NAME, 0x10004002);
	ck_assert_int_eq(MACH_RCV_TIMED_OUT, 0x10004003);
	ck_assert_int_eq(MACH_RCV_TOO_LARGE, 0x10004004);
	ck_assert_int_eq(MACH_RCV_INTERRUPTED, 0x10004005);
	ck_assert_int_eq(MACH_RCV_PORT_CHANGED, 0x10004006);
	ck_assert_int_eq(MACH_RCV_INVALID_NOTIFY, 0x10004007);
	ck_assert_int_eq(MACH_RCV_INVALID_DATA, 0x10004008);
	ck_assert_int_eq(MACH_RCV_PORT_DIED, 0x10004009);
	ck_assert_int_eq(MACH_RCV_IN_SET, 0x1000400a);
	ck_assert_int_eq(MACH_RCV_HEADER_ERROR, 0x1000400b);
	ck_assert_int_eq(MACH_RCV_BODY_ERROR, 0x1000400c);
	ck_assert_int_eq(MACH_RCV_INVALID_TYPE, 0x1000400d);
	ck_assert_int_eq(MACH_RCV_SCATTER_SMALL, 0x1000400e);
	ck_assert_int_eq(MACH_RCV_INVALID_TRAILER, 0x1000400f);
	ck_assert_int_eq(MACH_RCV_IN_PROGRESS_TIMED, 0x10004011);
	ck_assert_int_eq(MACH_RCV_INVALID_REPLY, 0x10004012);
	ck_assert_int_eq(MACH_RCV_INVALID_ARGUMENTS, 0x10004013);
}
END_TEST

START_TEST(kern_returns)
{
	/* Spot the ends and the middle of the dense 0..56 range. */
	ck_assert_int_eq(KERN_SUCCESS, 0);
	ck_assert_int_eq(KERN_INVALID_ADDRESS, 1);
	ck_assert_int_eq(KERN_PROTECTION_FAILURE, 2);
	ck_assert_int_eq(KERN_NO_SPACE, 3);
	ck_assert_int_eq(KERN_INVALID_ARGUMENT, 4);
	ck_assert_int_eq(KERN_FAILURE, 5);
	ck_assert_int_eq(KERN_RESOURCE_SHORTAGE, 6);
	ck_assert_int_eq(KERN_NOT_RECEIVER, 7);
	ck_assert_int_eq(KERN_NO_ACCESS, 8);
	ck_assert_int_eq(KERN_ABORTED, 14);
	ck_assert_int_eq(KERN_INVALID_NAME, 15);
	ck_assert_int_eq(KERN_INVALID_TASK, 16);
	ck_assert_int_eq(KERN_INVALID_RIGHT, 17);
	ck_assert_int_eq(KERN_INVALID_VALUE, 18);
	ck_assert_int_eq(KERN_UREFS_OVERFLOW, 19);
	ck_assert_int_eq(KERN_INVALID_CAPABILITY, 20);
	ck_assert_int_eq(KERN_RIGHT_EXISTS, 21);
	ck_assert_int_eq(KERN_INVALID_HOST, 22);
	ck_assert_int_eq(KERN_INVALID_PROCESSOR_SET, 26);
	ck_assert_int_eq(KERN_INVALID_POLICY, 28);
	ck_assert_int_eq(KERN_DEFAULT_SET, 31);
	ck_assert_int_eq(KERN_INVALID_LEDGER, 33);
	ck_assert_int_eq(KERN_INVALID_SECURITY, 35);
	ck_assert_int_eq(KERN_NOT_DEPRESSED, 36);
	ck_assert_int_eq(KERN_TERMINATED, 37);
	ck_assert_int_eq(KERN_LOCK_SET_DESTROYED, 38);
	ck_assert_int_eq(KERN_LOCK_UNSTABLE, 39);
	ck_assert_int_eq(KERN_LOCK_OWNED, 40);
	ck_assert_int_eq(KERN_LOCK_OWNED_SELF, 41);
	ck_assert_int_eq(KERN_SEMAPHORE_DESTROYED, 42);
	ck_assert_int_eq(KERN_RPC_SERVER_TERMINATED, 43);
	ck_assert_int_eq(KERN_NOT_SUPPORTED, 46);
	ck_assert_int_eq(KERN_NODE_DOWN, 47);
	ck_assert_int_eq(KERN_NOT_WAITING, 48);
	ck_assert_int_eq(KERN_OPERATION_TIMED_OUT, 49);
	ck_assert_int_eq(KERN_CODESIGN_ERROR, 50);
	ck_assert_int_eq(KERN_DENIED, 53);
	ck_assert_int_eq(KERN_NOT_FOUND, 56);
	ck_assert_int_eq(KERN_RETURN_MAX, 0x100);

	ck_assert_int_eq(MIG_TYPE_ERROR, -300);
	ck_assert_int_eq(MIG_REPLY_MISMATCH, -301);
	ck_assert_int_eq(MIG_REMOTE_ERROR, -302);
	ck_assert_int_eq(MIG_BAD_ID, -303);
	ck_assert_int_eq(MIG_BAD_ARGUMENTS, -304);
	ck_assert_int_eq(MIG_NO_REPLY, -305);
	ck_assert_int_eq(MIG_EXCEPTION, -306);
	ck_assert_int_eq(MIG_ARRAY_TOO_LARGE, -307);
	ck_assert_int_eq(MIG_SERVER_DIED, -308);
	ck_assert_int_eq(MIG_TRAILER_ERROR, -309);
}
END_TEST

START_TEST(ports)
{
	ck_assert_uint_eq(MACH_PORT_NULL, 0);
	ck_assert_uint_eq(MACH_PORT_DEAD, 0xffffffffu);
	ck_assert(!MACH_PORT_VALID(MACH_PORT_NULL));
	ck_assert(!MACH_PORT_VALID(MACH_PORT_DEAD));
	ck_assert(MACH_PORT_VALID(0x103));
	ck_assert_uint_eq(MACH_PORT_INDEX(0x1203u), 0x12);
	ck_assert_uint_eq(MACH_PORT_GEN(0x1203u), 0x03000000u);
	ck_assert_uint_eq(MACH_PORT_MAKE(0x12u, 0x03000000u), 0x1203u);

	ck_assert_uint_eq(MACH_PORT_RIGHT_SEND, 0);
	ck_assert_uint_eq(MACH_PORT_RIGHT_RECEIVE, 1);
	ck_assert_uint_eq(MACH_PORT_RIGHT_SEND_ONCE, 2);
	ck_assert_uint_eq(MACH_PORT_RIGHT_PORT_SET, 3);
	ck_assert_uint_eq(MACH_PORT_RIGHT_DEAD_NAME, 4);
	ck_assert_uint_eq(MACH_PORT_RIGHT_NUMBER, 6);
	ck_assert_uint_eq(MACH_PORT_TYPE_NONE, 0);
	ck_assert_uint_eq(MACH_PORT_TYPE_SEND, 0x10000);
	ck_assert_uint_eq(MACH_PORT_TYPE_RECEIVE, 0x20000);
	ck_assert_uint_eq(MACH_PORT_TYPE_SEND_ONCE, 0x40000);
	ck_assert_uint_eq(MACH_PORT_TYPE_PORT_SET, 0x80000);
	ck_assert_uint_eq(MACH_PORT_TYPE_DEAD_NAME, 0x100000);
	ck_assert_uint_eq(MACH_PORT_TYPE_DNREQUEST, 0x80000000u);
	ck_assert_uint_eq(MACH_PORT_TYPE_SPREQUEST, 0x40000000u);
	ck_assert_uint_eq(MACH_PORT_TYPE_SEND_RECEIVE, 0x30000);
	ck_assert_uint_eq(MACH_PORT_TYPE_SEND_RIGHTS, 0x50000);
	ck_assert_uint_eq(MACH_PORT_TYPE_PORT_RIGHTS, 0x70000);
	ck_assert_uint_eq(MACH_PORT_TYPE_PORT_OR_DEAD, 0x170000);
	ck_assert_uint_eq(MACH_PORT_TYPE_ALL_RIGHTS, 0x1f0000);

	ck_assert_uint_eq(sizeof(mach_port_status_t), 40);
	ck_assert_uint_eq(offsetof(mach_port_status_t, mps_qlimit), 12);
	ck_assert_uint_eq(offsetof(mach_port_status_t, mps_srights), 24);
	ck_assert_uint_eq(offsetof(mach_port_status_t, mps_flags), 36);
	ck_assert_uint_eq(MACH_PORT_RECEIVE_STATUS_COUNT, 10);
	ck_assert_uint_eq(MACH_PORT_LIMITS_INFO_COUNT, 1);
	ck_assert_uint_eq(MACH_PORT_DNREQUESTS_SIZE_COUNT, 1);
	ck_assert_uint_eq(MACH_PORT_INFO_EXT_COUNT, 17);
	ck_assert_int_eq(MACH_PORT_LIMITS_INFO, 1);
	ck_assert_int_eq(MACH_PORT_RECEIVE_STATUS, 2);
	ck_assert_int_eq(MACH_PORT_DNREQUESTS_SIZE, 3);
	ck_assert_int_eq(MACH_PORT_QLIMIT_ZERO, 0);
	ck_assert_int_eq(MACH_PORT_QLIMIT_BASIC, 5);
	ck_assert_int_eq(MACH_PORT_QLIMIT_SMALL, 16);
	ck_assert_int_eq(MACH_PORT_QLIMIT_LARGE, 1024);
	ck_assert_int_eq(MACH_PORT_QLIMIT_KERNEL, 65534);
	ck_assert_int_eq(MACH_PORT_QLIMIT_DEFAULT, 5);
	ck_assert_int_eq(MACH_PORT_QLIMIT_MAX, 1024);
	ck_assert_uint_eq(MACH_PORT_UREFS_MAX, 65535);
	ck_assert(MACH_PORT_UREFS_OVERFLOW(65535u, 1));
	ck_assert(!MACH_PORT_UREFS_OVERFLOW(65534u, 1));
	ck_assert(MACH_PORT_UREFS_UNDERFLOW(1u, -2));
	ck_assert(!MACH_PORT_UREFS_UNDERFLOW(2u, -2));
	ck_assert_uint_eq(sizeof(mach_port_qos_t), 8);
	ck_assert_int_eq(MACH_PORT_SRIGHTS_NONE, 0);
	ck_assert_int_eq(MACH_PORT_SRIGHTS_PRESENT, 1);
}
END_TEST

START_TEST(notifications)
{
	ck_assert_int_eq(MACH_NOTIFY_FIRST, 64);
	ck_assert_int_eq(MACH_NOTIFY_PORT_DELETED, 65);
	ck_assert_int_eq(MACH_NOTIFY_SEND_POSSIBLE, 66);
	ck_assert_int_eq(MACH_NOTIFY_PORT_DESTROYED, 69);
	ck_assert_int_eq(MACH_NOTIFY_NO_SENDERS, 70);
	ck_assert_int_eq(MACH_NOTIFY_SEND_ONCE, 71);
	ck_assert_int_eq(MACH_NOTIFY_DEAD_NAME, 72);
	ck_assert_int_eq(MACH_NOTIFY_LAST, 77);
	/* Wire size = struct size minus the 20-byte format-0 trailer. */
	ck_assert_uint_eq(offsetof(mach_port_deleted_notification_t, trailer), 36);
	ck_assert_uint_eq(offsetof(mach_port_destroyed_notification_t, trailer), 40);
	ck_assert_uint_eq(offsetof(mach_no_senders_notification_t, trailer), 36);
	ck_assert_uint_eq(offsetof(mach_send_once_notification_t, trailer), 24);
	ck_assert_uint_eq(offsetof(mach_dead_name_notification_t, trailer), 36);
	ck_assert_uint_eq(offsetof(mach_dead_name_notification_t, not_port), 32);
}
END_TEST

START_TEST(mig_interface)
{
	struct routine_descriptor rd;

	ck_assert_uint_eq(sizeof(rd.argc), 4);
	ck_assert_uint_eq(offsetof(struct mig_subsystem, start), 8);
	ck_assert_uint_eq(offsetof(struct mig_subsystem, end), 12);
	ck_assert_uint_eq(offsetof(struct mig_subsystem, maxsize), 16);
	ck_assert_uint_eq(offsetof(struct mig_subsystem, reserved), 24);
	ck_assert_uint_eq(offsetof(struct mig_subsystem, routine), 32);
	ck_assert_uint_eq(NDR_INT_LITTLE_ENDIAN, 1);
	ck_assert_uint_eq(NDR_CHAR_ASCII, 0);
	ck_assert_uint_eq(NDR_FLOAT_IEEE, 0);
	ck_assert_uint_eq(NDR_PROTOCOL_2_0, 0);
	ck_assert_int_eq(__MigPackStructs, 1);
}
END_TEST

START_TEST(other_constants)
{
	ck_assert_int_eq(VM_PROT_DEFAULT, 3);
	ck_assert_int_eq(VM_PROT_ALL, 7);
	ck_assert_int_eq(VM_PROT_COPY, 0x10);
	ck_assert_uint_eq(VM_INHERIT_DEFAULT, 1);
	ck_assert_int_eq(VM_FLAGS_ANYWHERE, 1);
	ck_assert_int_eq(EXC_BAD_ACCESS, 1);
	ck_assert_int_eq(EXC_CORPSE_NOTIFY, 13);
	ck_assert_int_eq(EXC_MASK_ALL, 0x1bfe);
	ck_assert_int_eq(EXC_MASK_VALID, 0x3ffe);
	ck_assert_int_eq(EXC_TYPES_COUNT, 14);
	ck_assert_uint_eq(MACH_EXCEPTION_CODES, 0x80000000u);
	ck_assert_int_eq(TASK_BASIC_INFO, 5);
	ck_assert_uint_eq(TASK_BASIC_INFO_COUNT, 10);
	ck_assert_uint_eq(TASK_BASIC_INFO_32_COUNT, 8);
	ck_assert_uint_eq(MACH_TASK_BASIC_INFO_COUNT, 12);
	ck_assert_uint_eq(TASK_EVENTS_INFO_COUNT, 8);
	ck_assert_uint_eq(TASK_THREAD_TIMES_INFO_COUNT, 4);
	ck_assert_uint_eq(THREAD_BASIC_INFO_COUNT, 10);
	ck_assert_uint_eq(HOST_BASIC_INFO_COUNT, 12);
	ck_assert_uint_eq(HOST_SCHED_INFO_COUNT, 2);
	ck_assert_uint_eq(HOST_PRIORITY_INFO_COUNT, 8);
	ck_assert_uint_eq(HOST_LOAD_INFO_COUNT, 6);
	ck_assert_uint_eq(HOST_CPU_LOAD_INFO_COUNT, 4);
	ck_assert_uint_eq(HOST_VM_INFO_COUNT, 15);
	ck_assert_uint_eq(PROCESSOR_BASIC_INFO_COUNT, 5);
	ck_assert_uint_eq(PROCESSOR_SET_BASIC_INFO_COUNT, 2);
	ck_assert_uint_eq(PROCESSOR_SET_LOAD_INFO_COUNT, 4);
	ck_assert_uint_eq(POLICY_TIMESHARE_INFO_COUNT, 5);
	ck_assert_uint_eq(POLICY_RR_INFO_COUNT, 5);
	ck_assert_uint_eq(POLICY_FIFO_INFO_COUNT, 4);
	ck_assert_uint_eq(VM_REGION_BASIC_INFO_COUNT_64, 9);
	ck_assert_uint_eq(VM_REGION_BASIC_INFO_COUNT, 8);
	ck_assert_uint_eq(MEMORY_OBJECT_ATTR_INFO_COUNT, 4);
	ck_assert_uint_eq(MEMORY_OBJECT_PERF_INFO_COUNT, 2);
	ck_assert_uint_eq(x86_THREAD_STATE64_COUNT, 42);
	ck_assert_uint_eq(x86_EXCEPTION_STATE64_COUNT, 4);
	ck_assert_int_eq(THREAD_STATE_MAX, 614);
	ck_assert_uint_eq(sizeof(mach_timespec_t), 8);
	ck_assert_uint_eq(sizeof(time_value_t), 8);
	ck_assert_int_eq(TASK_BOOTSTRAP_PORT, 4);
	ck_assert_int_eq(SYNC_POLICY_LIFO, 2);
	ck_assert_int_eq(POLICY_RR, 2);
	ck_assert_int_eq(POLICY_FIFO, 4);
}
END_TEST

/* The debugging records: Darwin's LP64 layouts (vm_info packed to 4). */
START_TEST(debug_layouts)
{
	/* vm_read_list's entries are packed to 4, as Darwin's: the list
	   sits at a four-byte offset in the reply the work function fills */
	ck_assert_uint_eq(sizeof(struct vm_read_entry), 16);
	ck_assert_uint_eq(_Alignof(struct vm_read_entry), 4);
	ck_assert_uint_eq(_Alignof(struct mach_vm_read_entry), 4);
	ck_assert_uint_eq(sizeof(vm_read_entry_t), 256 * 16);

	ck_assert_uint_eq(sizeof(zone_name_t), 80);
	ck_assert_uint_eq(sizeof(zone_info_t), 56);
	ck_assert_uint_eq(offsetof(zone_info_t, zi_count), 0);
	ck_assert_uint_eq(offsetof(zone_info_t, zi_cur_size), 8);
	ck_assert_uint_eq(offsetof(zone_info_t, zi_max_size), 16);
	ck_assert_uint_eq(offsetof(zone_info_t, zi_elem_size), 24);
	ck_assert_uint_eq(offsetof(zone_info_t, zi_alloc_size), 32);
	ck_assert_uint_eq(offsetof(zone_info_t, zi_pageable), 40);
	ck_assert_uint_eq(offsetof(zone_info_t, zi_collectable), 52);
	ck_assert_uint_eq(sizeof(mach_zone_info_t), 64);
	ck_assert_uint_eq(offsetof(mach_zone_info_t, mzi_collectable), 56);
	ck_assert_int_eq(ZONE_NAME_MAX_LEN, 80);

	ck_assert_uint_eq(sizeof(hash_info_bucket_t), 4);

	ck_assert_uint_eq(sizeof(ipc_info_space_t), 24);
	ck_assert_uint_eq(offsetof(ipc_info_space_t, iis_tree_hash), 20);
	ck_assert_uint_eq(sizeof(ipc_info_space_basic_t), 24);
	ck_assert_uint_eq(offsetof(ipc_info_space_basic_t, iisb_table_inuse), 12);
	ck_assert_uint_eq(sizeof(ipc_info_name_t), 28);
	ck_assert_uint_eq(offsetof(ipc_info_name_t, iin_type), 8);
	ck_assert_uint_eq(offsetof(ipc_info_name_t, iin_urefs), 12);
	ck_assert_uint_eq(offsetof(ipc_info_name_t, iin_object), 16);
	ck_assert_uint_eq(offsetof(ipc_info_name_t, iin_hash), 24);
	ck_assert_uint_eq(sizeof(ipc_info_tree_name_t), 36);
	ck_assert_uint_eq(offsetof(ipc_info_tree_name_t, iitn_lchild), 28);
	ck_assert_uint_eq(offsetof(ipc_info_tree_name_t, iitn_rchild), 32);

	ck_assert_uint_eq(sizeof(vm_info_region_t), 40);
	ck_assert_uint_eq(offsetof(vm_info_region_t, vir_offset), 12);
	ck_assert_uint_eq(offsetof(vm_info_region_t, vir_user_wired_count), 36);
	ck_assert_uint_eq(sizeof(vm_info_region_64_t), 44);
	ck_assert_uint_eq(offsetof(vm_info_region_64_t, vir_offset), 12);
	ck_assert_uint_eq(offsetof(vm_info_region_64_t, vir_needs_copy), 20);
	ck_assert_uint_eq(offsetof(vm_info_region_64_t, vir_user_wired_count), 40);
	ck_assert_uint_eq(sizeof(mach_vm_info_region_t), 56);
	ck_assert_uint_eq(offsetof(mach_vm_info_region_t, vir_offset), 24);
	ck_assert_uint_eq(offsetof(mach_vm_info_region_t, vir_needs_copy), 32);
	ck_assert_uint_eq(sizeof(vm_info_object_t), 88);
	ck_assert_uint_eq(offsetof(vm_info_object_t, vio_copy_strategy), 36);
	ck_assert_uint_eq(offsetof(vm_info_object_t, vio_last_alloc), 40);
	ck_assert_uint_eq(offsetof(vm_info_object_t, vio_paging_in_progress), 48);
	ck_assert_uint_eq(offsetof(vm_info_object_t, vio_purgable_volatile), 84);

	ck_assert_uint_eq(sizeof(symtab_name_t), 32);
	ck_assert_uint_eq(sizeof(*(page_address_array_t)0), 8);
}
END_TEST

/* The default pager's records, the i386 descriptor, UPL pages, kmod. */
START_TEST(pager_and_machine_layouts)
{
	ck_assert_uint_eq(sizeof(default_pager_info_t), 24);
	ck_assert_uint_eq(offsetof(default_pager_info_t, dpi_free_space), 8);
	ck_assert_uint_eq(offsetof(default_pager_info_t, dpi_page_size), 16);
	ck_assert_uint_eq(sizeof(default_pager_object_t), 16);
	ck_assert_uint_eq(offsetof(default_pager_object_t, dpo_size), 8);
	ck_assert_uint_eq(sizeof(default_pager_page_t), 8);
	ck_assert_uint_eq(sizeof(struct backing_store_basic_info), 60);
	ck_assert_uint_eq(offsetof(struct backing_store_basic_info,
				   bs_pages_total), 28);
	ck_assert_uint_eq(offsetof(struct backing_store_basic_info,
				   bs_clsize), 56);
	ck_assert_uint_eq(BACKING_STORE_BASIC_INFO_COUNT, 15);
	ck_assert_int_eq(BACKING_STORE_BASIC_INFO, 1);
	ck_assert_int_eq(DEFAULT_PAGER_BACKING_STORE_MAXPRI, 4);
	ck_assert_int_eq(HI_WAT_ALERT, 1);
	ck_assert_int_eq(LO_WAT_ALERT, 2);
	/* XNU's `int *', and the request carries the pointer, as Apple's */
	{
		int word = 7;
		vnode_ptr_t vp = &word;

		ck_assert_int_eq(*vp, 7);
		ck_assert_uint_eq(sizeof(vnode_ptr_t), sizeof(int *));
		ck_assert_uint_eq(offsetof(__Request__default_pager_add_file_t,
					   vnode), 32);
		ck_assert_uint_eq(offsetof(__Request__default_pager_add_file_t,
					   record_size), 32 + sizeof(int *));
		ck_assert_uint_eq(sizeof(__Request__default_pager_add_file_t),
				  44 + sizeof(int *));
	}
	ck_assert_uint_eq(sizeof(recnum_t), 4);

	ck_assert_uint_eq(sizeof(descriptor_t), 8);
	ck_assert_uint_eq(offsetof(descriptor_t, high_word), 4);
	ck_assert_uint_eq(sizeof(device_t), 4);

	ck_assert_uint_eq(sizeof(upl_page_info_t), 8);
	ck_assert_uint_eq(sizeof(upl_object_t), 4);
	ck_assert_uint_eq(sizeof(vm_object_t), 4);

	ck_assert_uint_eq(sizeof(kmod_t), 4);
	ck_assert_uint_eq(sizeof(kmod_control_flavor_t), 4);
	ck_assert_int_eq(KMOD_CNTL_START, 1);
	ck_assert_int_eq(KMOD_CNTL_STOP, 2);
	ck_assert_int_eq(KMOD_CNTL_RETAIN, 3);
	ck_assert_int_eq(KMOD_CNTL_RELEASE, 4);
	ck_assert_int_eq(KMOD_CNTL_GET_CMD, 5);
	ck_assert_uint_eq(sizeof(*(processor_slot_t)0), 4);
}
END_TEST

/*
 * A header this tree lacks must be an error, never a fall-back to the
 * host's: Debian ships GNU Mach's headers under
 * /usr/include/x86_64-linux-gnu/{mach,mach_debug,...}, whose layouts are
 * not Darwin's.  Returns the first Mach header outside the source tree
 * that a dependency list (cc -M output, cut up in place) names, or NULL.
 */
static const char *foreign_mach_header(char *deps, const char *top)
{
	static const char *const dirs[] = {
		"/mach/", "/mach_debug/", "/default_pager/", "/device/",
	};
	for (char *tok = strtok(deps, " \\\n"); tok;
	     tok = strtok(NULL, " \\\n")) {
		if (tok[0] != '/' || strncmp(tok, top, strlen(top)) == 0)
			continue;
		for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++)
			if (strstr(tok, dirs[i]))
				return tok;
	}
	return NULL;
}

/* Run cc -M in the source tree; fail on errors and foreign headers. */
static void check_deps(const char *what, const char *args)
{
	const char *cc = getenv("MACHSIM_CC");
	char *cmd = h_fmt("%s -std=c11 -D_GNU_SOURCE -Iruntime/include "
			  "-Igenerated/include -Igenerated/include/mach "
			  "-Igenerated/server -M %s", cc ? cc : "cc", args);
	struct run_result r;

	ck_assert(h_sh(cmd, h_top(), &r));
	ck_assert_msg(r.status == 0, "%s: cc -M fails:\n%s", what, r.err);
	const char *bad = foreign_mach_header(r.out, h_top());
	ck_assert_msg(!bad, "%s reads the host's %s", what, bad);
	h_result_free(&r);
	free(cmd);
}

/* Every generated stub and server compiles against our headers only. */
START_TEST(generated_uses_own_headers)
{
	static const char *const dirs[] = { "generated/user", "generated/server" };
	char leak[] = "a.o: a.c /src/runtime/include/mach/port.h \\\n"
		      " /usr/include/x86_64-linux-gnu/mach_debug/vm_info.h\n";
	char clean[] = "a.o: a.c /src/runtime/include/mach_debug/vm_info.h \\\n"
		       " /usr/include/string.h\n";
	int n = 0;

	/* The detector itself: it flags the host's header, not ours. */
	ck_assert_str_eq(foreign_mach_header(leak, "/src"),
			 "/usr/include/x86_64-linux-gnu/mach_debug/vm_info.h");
	ck_assert_ptr_null(foreign_mach_header(clean, "/src"));

	for (size_t d = 0; d < 2; d++) {
		char *dir = h_fmt("%s/%s", h_top(), dirs[d]);
		char **list = h_list_dir(dir, ".c");
		for (char **p = list; *p; p++, n++) {
			char *path = h_fmt("%s/%s", dirs[d], *p);
			check_deps(path, path);
			free(path);
		}
		h_free_list(list);
		free(dir);
	}
	ck_assert_msg(n >= 40, "only %d generated files", n);
}
END_TEST

/* So does each header this change added, included on its own. */
START_TEST(headers_use_own_headers)
{
	static const char *const headers[] = {
		"mach_debug/mach_debug_types.h", "mach_debug/zone_info.h",
		"mach_debug/ipc_info.h", "mach_debug/vm_info.h",
		"mach_debug/hash_info.h", "mach_debug/page_info.h",
		"default_pager/default_pager_types.h",
		"mach/i386/mach_i386_types.h", "mach/kmod.h", "mach/mach_types.h",
	};
	for (size_t i = 0; i < sizeof headers / sizeof headers[0]; i++) {
		char *args = h_fmt("-x c - <<'EOF'\n#include <%s>\nEOF\n",
				   headers[i]);
		check_deps(headers[i], args);
		free(args);
	}
}
END_TEST

Suite *headers_suite(void)
{
	Suite *s = suite_create("headers");
	TCase *tc = tcase_create("wire");

	tcase_add_test(tc, scalar_sizes);
	tcase_add_test(tc, header_layout);
	tcase_add_test(tc, header_bits);
	tcase_add_test(tc, dispositions);
	tcase_add_test(tc, descriptor_layout);
	tcase_add_test(tc, trailer_layout);
	tcase_add_test(tc, trailer_requests);
	tcase_add_test(tc, round_and_limits);
	tcase_add_test(tc, options);
	tcase_add_test(tc, msg_returns);
	tcase_add_test(tc, kern_returns);
	tcase_add_test(tc, ports);
	tcase_add_test(tc, notifications);
	tcase_add_test(tc, mig_interface);
	tcase_add_test(tc, other_constants);
	tcase_add_test(tc, debug_layouts);
	tcase_add_test(tc, pager_and_machine_layouts);
	suite_add_tcase(s, tc);

	/* The generated code and the headers never fall back on the host's. */
	TCase *own = tcase_create("own-headers");
	tcase_set_timeout(own, 120);
	tcase_add_test(own, generated_uses_own_headers);
	tcase_add_test(own, headers_use_own_headers);
	suite_add_tcase(s, own);
	return s;
}
