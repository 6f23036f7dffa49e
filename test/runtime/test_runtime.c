/*
 * test_runtime.c - libmach: self ports, the reply-port cache, MIG string
 * and memory helpers, error strings, and mach_msg_server_once with the
 * reply rules of MIG-LANGUAGE 4.8.
 */
#include <stdint.h>
#include <string.h>

#include <mach/mach.h>
#include <mach/mach_error.h>
#include <mach/mach_init.h>
#include <mach/mach_traps.h>
#include <mach/mig.h>
#include <mach/notify.h>

#include "kernel-sim/ksim_check.h"

Suite *runtime_suite(void);

static mach_port_type_t type_of(mach_port_name_t n)
{
	mach_port_type_t t = 0;

	if (_kernelrpc_mach_port_type_trap(mach_task_self(), n, &t) !=
	    KERN_SUCCESS)
		return 0;
	return t;
}

START_TEST(self_ports)
{
	mach_port_t t = mach_task_self(), th, h;

	ck_assert_uint_ne(t, MACH_PORT_NULL);
	ck_assert_uint_eq(mach_task_self(), t);
	ck_assert_uint_eq(mach_task_self_, t);
	ck_assert_uint_eq(type_of(t), MACH_PORT_TYPE_SEND);
	th = mach_thread_self();
	h = mach_host_self();
	ck_assert_uint_eq(type_of(th), MACH_PORT_TYPE_SEND);
	ck_assert_uint_eq(type_of(h), MACH_PORT_TYPE_SEND);
	ck_assert_int_eq(_kernelrpc_mach_port_deallocate_trap(t, th), 0);
	ck_assert_int_eq(_kernelrpc_mach_port_deallocate_trap(t, h), 0);
	ck_assert_uint_eq(vm_page_size, 4096);
}
END_TEST

START_TEST(reply_port_cache)
{
	mach_port_t r = mig_get_reply_port(), r2;

	ck_assert_uint_eq(type_of(r), MACH_PORT_TYPE_RECEIVE);
	ck_assert_uint_eq(mig_get_reply_port(), r);
	mig_put_reply_port(r);
	mig_dealloc_reply_port(r);
	ck_assert_uint_eq(type_of(r), 0);
	r2 = mig_get_reply_port();
	ck_assert_uint_ne(r2, r);
	mig_dealloc_reply_port(r2);
}
END_TEST

START_TEST(mig_strings_and_memory)
{
	char buf[8];
	vm_address_t a = 0;

	memset(buf, 'q', sizeof(buf));
	ck_assert_int_eq(mig_strncpy(buf, "abc", 8), 4);
	ck_assert_str_eq(buf, "abc");
	ck_assert_int_eq(buf[4], 'q');
	ck_assert_int_eq(mig_strncpy_zerofill(buf, "abc", 8), 4);
	ck_assert_int_eq(buf[7], 0);
	ck_assert_int_eq(mig_strncpy(buf, "abcdefghij", 8), 8);
	ck_assert_str_eq(buf, "abcdefg");
	ck_assert_int_eq(mig_strncpy(buf, "x", 0), 0);
	mig_allocate(&a, 10000);
	ck_assert_uint_ne(a, 0);
	ck_assert_int_eq(((char *)a)[9999], 0);
	mig_deallocate(a, 10000);
}
END_TEST

START_TEST(error_strings)
{
	ck_assert_str_eq(mach_error_string(KERN_INVALID_NAME),
	    "(os/kern) invalid name");
	ck_assert_str_eq(mach_error_string(MACH_SEND_INVALID_DEST),
	    "(ipc/send) invalid destination port");
	ck_assert_str_eq(mach_error_string(MACH_RCV_BODY_ERROR |
	    MACH_MSG_IPC_SPACE), "(ipc/rcv) body error");
	ck_assert_str_eq(mach_error_string(MIG_BAD_ID),
	    "(ipc/mig) bad request message ID");
	ck_assert_str_eq(mach_error_string(0x7777777),
	    "(unknown) unknown error code");
	ck_assert_str_eq(mach_error_type(MACH_RCV_TIMED_OUT), "(ipc/rcv)");
	ck_assert_str_eq(mach_error_type(KERN_FAILURE), "(os/kern)");
}
END_TEST

/* mig_reply_setup: reply id = request id + 100, wrapping as XNU does
   (a signed overflow near INT32_MAX would abort under UBSan). */
START_TEST(reply_setup_id_wraps)
{
	static const mach_msg_id_t ids[] = { 0, 3200, INT32_MAX,
		INT32_MAX - 99, INT32_MIN, -100 };
	mach_msg_header_t in;
	mig_reply_error_t out;
	size_t i;

	for (i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		memset(&in, 0, sizeof(in));
		in.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MOVE_SEND_ONCE, 0);
		in.msgh_remote_port = 7;
		in.msgh_id = ids[i];
		mig_reply_setup(&in, &out.Head);
		ck_assert_int_eq(out.Head.msgh_id,
		    (mach_msg_id_t)((uint32_t)ids[i] + 100u));
		ck_assert_uint_eq(out.Head.msgh_remote_port, 7);
		ck_assert_int_eq(out.RetCode, KERN_SUCCESS);
	}
	in.msgh_id = INT32_MAX;
	mig_reply_setup(&in, &out.Head);
	ck_assert_int_eq(out.Head.msgh_id, INT32_MIN + 99);
}
END_TEST

/* ---- the server loop ------------------------------------------------------------ */

#pragma pack(push, 4)
typedef struct {
	mach_msg_header_t		head;
	mach_msg_body_t			body;
	mach_msg_port_descriptor_t	port;
} req_t;
#pragma pack(pop)

static kern_return_t demux_code;
static mach_port_t demux_reply_right;

static boolean_t test_demux(mach_msg_header_t *in, mach_msg_header_t *out)
{
	mig_reply_error_t *r = (mig_reply_error_t *)(void *)out;

	mig_reply_setup(in, out);
	demux_reply_right = in->msgh_remote_port;
	if (in->msgh_id != 500) {
		r->RetCode = MIG_BAD_ID;
		return FALSE;
	}
	r->RetCode = demux_code;
	return TRUE;
}

static mach_port_t new_port(void)
{
	mach_port_t p = MACH_PORT_NULL;

	ck_assert_int_eq(_kernelrpc_mach_port_allocate_trap(mach_task_self(),
	    MACH_PORT_RIGHT_RECEIVE, &p), KERN_SUCCESS);
	return p;
}

static void send_request(mach_port_t server, mach_port_t reply,
    mach_port_t carried, mach_msg_id_t id)
{
	req_t m;

	memset(&m, 0, sizeof(m));
	m.head.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND,
	    MACH_MSG_TYPE_MAKE_SEND_ONCE) | MACH_MSGH_BITS_COMPLEX;
	m.head.msgh_remote_port = server;
	m.head.msgh_local_port = reply;
	m.head.msgh_id = id;
	m.body.msgh_descriptor_count = 1;
	m.port.name = carried;
	m.port.disposition = MACH_MSG_TYPE_MAKE_SEND;
	m.port.type = MACH_MSG_PORT_DESCRIPTOR;
	ck_assert_int_eq(mach_msg(&m.head, MACH_SEND_MSG, sizeof(m), 0, 0, 0,
	    0), MACH_MSG_SUCCESS);
}

static kern_return_t get_reply(mach_port_t reply, mach_msg_id_t *idp)
{
	union {
		mig_reply_error_t	r;
		char			b[256];
	} u;
	mach_msg_return_t mr = mach_msg(&u.r.Head, MACH_RCV_MSG |
	    MACH_RCV_TIMEOUT, 0, sizeof(u), reply, 0, 0);

	if (mr != MACH_MSG_SUCCESS)
		return mr;
	*idp = u.r.Head.msgh_id;
	return u.r.RetCode;
}

START_TEST(server_once_rules)
{
	mach_port_t server = new_port(), reply = new_port(),
	    carried = new_port(), t = mach_task_self();
	mach_msg_id_t id = 0;

	/* success: the reply goes out, the work function keeps the right */
	demux_code = KERN_SUCCESS;
	send_request(server, reply, carried, 500);
	ck_assert_int_eq(mach_msg_server_once(test_demux, 256, server, 0),
	    MACH_MSG_SUCCESS);
	ck_assert_int_eq(get_reply(reply, &id), KERN_SUCCESS);
	ck_assert_int_eq(id, 600);
	ck_assert_uint_eq(type_of(carried), MACH_PORT_TYPE_SEND_RECEIVE);
	ck_assert_int_eq(_kernelrpc_mach_port_deallocate_trap(t, carried), 0);
	/* error: the request is destroyed, the error reply still sent */
	demux_code = KERN_INVALID_ARGUMENT;
	send_request(server, reply, carried, 500);
	ck_assert_int_eq(mach_msg_server_once(test_demux, 256, server, 0),
	    MACH_MSG_SUCCESS);
	ck_assert_int_eq(get_reply(reply, &id), KERN_INVALID_ARGUMENT);
	ck_assert_uint_eq(type_of(carried), MACH_PORT_TYPE_RECEIVE);
	/* unknown id */
	send_request(server, reply, carried, 501);
	ck_assert_int_eq(mach_msg_server_once(test_demux, 256, server, 0),
	    MACH_MSG_SUCCESS);
	ck_assert_int_eq(get_reply(reply, &id), MIG_BAD_ID);
	ck_assert_int_eq(id, 601);
	ck_assert_uint_eq(type_of(carried), MACH_PORT_TYPE_RECEIVE);
	/* MIG_NO_REPLY: nothing sent, nothing destroyed */
	demux_code = MIG_NO_REPLY;
	send_request(server, reply, carried, 500);
	ck_assert_int_eq(mach_msg_server_once(test_demux, 256, server, 0),
	    MACH_MSG_SUCCESS);
	ck_assert_int_eq(get_reply(reply, &id), MACH_RCV_TIMED_OUT);
	ck_assert_uint_eq(type_of(carried), MACH_PORT_TYPE_SEND_RECEIVE);
	ck_assert_uint_eq(type_of(demux_reply_right), MACH_PORT_TYPE_SEND_ONCE);
	_kernelrpc_mach_port_destroy_trap(t, carried);
	/* the kept send-once reply right: dropping it notifies reply */
	ck_assert_int_eq(_kernelrpc_mach_port_deallocate_trap(t,
	    demux_reply_right), KERN_SUCCESS);
	id = 0;
	(void)get_reply(reply, &id);
	ck_assert_int_eq(id, MACH_NOTIFY_SEND_ONCE);
	_kernelrpc_mach_port_destroy_trap(t, server);
	_kernelrpc_mach_port_destroy_trap(t, reply);
}
END_TEST

START_TEST(server_once_grows_for_large)
{
	mach_port_t server = new_port(), reply = new_port(),
	    carried = new_port(), t = mach_task_self();
	mach_msg_id_t id = 0;

	demux_code = KERN_SUCCESS;
	send_request(server, reply, carried, 500);
	ck_assert_int_eq(mach_msg_server_once(test_demux, 36, server,
	    MACH_RCV_LARGE), MACH_MSG_SUCCESS);
	ck_assert_int_eq(get_reply(reply, &id), KERN_SUCCESS);
	_kernelrpc_mach_port_destroy_trap(t, carried);
	_kernelrpc_mach_port_destroy_trap(t, server);
	_kernelrpc_mach_port_destroy_trap(t, reply);
}
END_TEST

Suite *runtime_suite(void)
{
	Suite *s = suite_create("runtime");
	TCase *tc = kt_tcase("libmach");

	tcase_add_test(tc, self_ports);
	tcase_add_test(tc, reply_port_cache);
	tcase_add_test(tc, mig_strings_and_memory);
	tcase_add_test(tc, error_strings);
	tcase_add_test(tc, reply_setup_id_wraps);
	tcase_add_test(tc, server_once_rules);
	tcase_add_test(tc, server_once_grows_for_large);
	suite_add_tcase(s, tc);
	return s;
}
