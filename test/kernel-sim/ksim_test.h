/*
 * ksim_test.h - helpers shared by the kernel-sim suites: rights and
 * urefs in the current space, small messages, and the invariant check
 * every test case runs in its teardown.  Its users see the kernel view
 * of the Mach types: they define MACHSIM_KERNEL before any #include.
 */
#ifndef TEST_KSIM_TEST_H
#define TEST_KSIM_TEST_H

#include <check.h>

#include <mach/message.h>
#include <mach/mach_traps.h>

#include <ksim/ipc.h>
#include <ksim/mach_port.h>
#include <ksim/verify.h>

#include <kernel/taskServer.h>
#include <kernel/thread_actServer.h>

/* Run ipc_verify_all (quiescent) and fail the test on a violation. */
void kt_verify(void);
/* A TCase with kt_verify as its checked teardown. */
TCase *kt_tcase(const char *name);

ipc_space_t kt_space(void);
mach_port_name_t kt_port(void);			/* a new receive right */
mach_port_name_t kt_pset(void);
mach_port_urefs_t kt_refs(mach_port_name_t n, mach_port_right_t r);
mach_port_type_t kt_type(mach_port_name_t n);	/* 0 if no such name */

/* A simple message: header only, plus a 4-byte payload. */
typedef struct {
	mach_msg_header_t	head;
	uint32_t		payload;
} kt_msg_t;

typedef struct {
	mach_msg_header_t	head;
	uint32_t		payload;
	mach_msg_max_trailer_t	trailer;
} kt_rcv_t;

mach_msg_return_t kt_send(mach_port_name_t dest, mach_msg_type_name_t dt,
    mach_port_name_t reply, mach_msg_type_name_t rt, mach_msg_id_t id,
    uint32_t payload, mach_msg_option_t extra, mach_msg_timeout_t timeout);
mach_msg_return_t kt_recv(mach_port_name_t name, kt_rcv_t *buf,
    mach_msg_option_t extra, mach_msg_timeout_t timeout);
/* Receive with a 0 timeout and destroy; returns the id or -1. */
mach_msg_id_t kt_drain_one(mach_port_name_t name);

/* A kernel-held send right made from a receive right name. */
ipc_port_t ipc_port_make_send_for_test(mach_port_name_t name);

#endif
