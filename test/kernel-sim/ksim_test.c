/*
 * ksim_test.c - see ksim_test.h.
 */
#define MACHSIM_KERNEL 1	/* the kernel view of the Mach types */
#include <string.h>

#include <ksim/vm.h>

#include "ksim_test.h"

void kt_verify(void)
{
	char why[256] = "";

	ck_assert_msg(ipc_verify_all(true, why, sizeof(why)), "%s", why);
	ck_assert_msg(ipc_space_verify(kt_space(), why, sizeof(why)), "%s",
	    why);
	ck_assert_msg(vm_held_verify(), "the held-range set is not sorted "
	    "and disjoint");
	ck_assert_msg(vm_map_verify_all(why, sizeof(why)), "%s", why);
}

TCase *kt_tcase(const char *name)
{
	TCase *tc = tcase_create(name);

	tcase_add_checked_fixture(tc, NULL, kt_verify);
	tcase_set_timeout(tc, 30);
	return tc;
}

ipc_space_t kt_space(void)
{
	return current_space();
}

mach_port_name_t kt_port(void)
{
	mach_port_name_t n = MACH_PORT_NULL;

	ck_assert_int_eq(ksim_mach_port_allocate(kt_space(),
	    MACH_PORT_RIGHT_RECEIVE, &n), KERN_SUCCESS);
	return n;
}

mach_port_name_t kt_pset(void)
{
	mach_port_name_t n = MACH_PORT_NULL;

	ck_assert_int_eq(ksim_mach_port_allocate(kt_space(),
	    MACH_PORT_RIGHT_PORT_SET, &n), KERN_SUCCESS);
	return n;
}

mach_port_urefs_t kt_refs(mach_port_name_t n, mach_port_right_t r)
{
	mach_port_urefs_t u = 12345;

	ck_assert_int_eq(ksim_mach_port_get_refs(kt_space(), n, r, &u),
	    KERN_SUCCESS);
	return u;
}

mach_port_type_t kt_type(mach_port_name_t n)
{
	mach_port_type_t t = 0;

	if (ksim_mach_port_type(kt_space(), n, &t) != KERN_SUCCESS)
		return 0;
	return t;
}

mach_msg_return_t kt_send(mach_port_name_t dest, mach_msg_type_name_t dt,
    mach_port_name_t reply, mach_msg_type_name_t rt, mach_msg_id_t id,
    uint32_t payload, mach_msg_option_t extra, mach_msg_timeout_t timeout)
{
	kt_msg_t m;

	memset(&m, 0, sizeof(m));
	m.head.msgh_bits = MACH_MSGH_BITS(dt, rt);
	m.head.msgh_remote_port = dest;
	m.head.msgh_local_port = reply;
	m.head.msgh_id = id;
	m.payload = payload;
	return mach_msg(&m.head, MACH_SEND_MSG | extra, sizeof(m), 0,
	    MACH_PORT_NULL, timeout, MACH_PORT_NULL);
}

mach_msg_return_t kt_recv(mach_port_name_t name, kt_rcv_t *buf,
    mach_msg_option_t extra, mach_msg_timeout_t timeout)
{
	memset(buf, 0xa5, sizeof(*buf));
	return mach_msg(&buf->head, MACH_RCV_MSG | extra, 0, sizeof(*buf),
	    name, timeout, MACH_PORT_NULL);
}

mach_msg_id_t kt_drain_one(mach_port_name_t name)
{
	union {
		mach_msg_header_t	h;
		uint8_t			b[4096];
	} u;
	mach_msg_return_t mr;

	mr = mach_msg(&u.h, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, sizeof(u),
	    name, 0, MACH_PORT_NULL);
	if (mr != MACH_MSG_SUCCESS)
		return -1;
	mach_msg_destroy(&u.h);
	return u.h.msgh_id;
}

ipc_port_t ipc_port_make_send_for_test(mach_port_name_t name)
{
	ipc_entry_t e;
	ipc_port_t p = IP_NULL;

	ksim_lock();
	if (ipc_right_lookup(kt_space(), name, &e) == KERN_SUCCESS &&
	    (e->ie_bits & MACH_PORT_TYPE_RECEIVE))
		p = ipc_port_make_send(e->ie_object);
	ksim_unlock();
	return p;
}
