/*
 * rt_fake.h - a tiny in-process stand-in for the kernel, for round-trip
 * tests of generated stubs (stubs generated with -subrprefix rt_ call these
 * instead of mach_msg & co).
 *
 * rt_mach_msg takes the client's request, converts it as the kernel would
 * (dispositions MAKE_SEND/COPY_SEND -> PORT_SEND 17, MAKE_SEND_ONCE -> 18,
 * MOVE_RECEIVE -> 16; remote and local swapped; OOL regions copied into
 * fresh malloc'd memory), appends a trailer, calls the demux directly,
 * treats the reply as mach_msg_server would (MIG_NO_REPLY, error replies,
 * null reply port) and hands it back converted the same way.
 */
#ifndef RT_FAKE_H
#define RT_FAKE_H

#include <mach/message.h>
#include <mach/mig_errors.h>
#include <mach/vm_types.h>

#define RT_REPLY_PORT	((mach_port_t)0x1103)
#define RT_TASK_SELF	((mach_port_t)0x0203)

typedef boolean_t (*rt_demux_t)(mach_msg_header_t *, mach_msg_header_t *);

struct rt_fake {
	rt_demux_t demux;                       /* the server */
	void (*tamper_request)(mach_msg_header_t *);  /* after conversion */
	void (*tamper_reply)(mach_msg_header_t *);    /* before delivery */
	mach_msg_return_t send_result;          /* forced send error, or 0 */
	mach_msg_size_t server_trailer_size;    /* 0: the largest (68) */
	mach_port_seqno_t seqno;

	/* what happened */
	int sends, receives, demux_calls, demux_false;
	int destroyed, deallocated, put_reply, dealloc_reply;
	kern_return_t last_retcode;             /* simple reply RetCode */
	mach_msg_header_t *pending;             /* queued reply */
};

extern struct rt_fake rt_fake;

void rt_fake_reset(rt_demux_t demux);

mach_msg_return_t rt_mach_msg(mach_msg_header_t *msg,
			      mach_msg_option_t option,
			      mach_msg_size_t send_size,
			      mach_msg_size_t rcv_size,
			      mach_port_name_t rcv_name,
			      mach_msg_timeout_t timeout,
			      mach_port_name_t notify);
mach_port_t rt_mig_get_reply_port(void);
void rt_mig_put_reply_port(mach_port_t reply_port);
void rt_mig_dealloc_reply_port(mach_port_t reply_port);
void rt_mach_msg_destroy(mach_msg_header_t *msg);
int rt_mig_strncpy(char *dest, const char *src, int len);
int rt_mig_strncpy_zerofill(char *dest, const char *src, int len);
void rt_mig_deallocate(vm_address_t addr, vm_size_t size);
kern_return_t rt_mach_port_deallocate(mach_port_t task,
				      mach_port_name_t name);
mach_port_t rt_mach_task_self(void);

#endif
