/*
 * fake_kernel.c - see rt_fake.h.
 */
#include "rt_fake.h"

#include <stdlib.h>
#include <string.h>

#include <mach/ndr.h>

struct rt_fake rt_fake;

/* The real one lives in libmach; the tests do not link it. */
__attribute__((weak)) NDR_record_t NDR_record = {
	0, 0, 0, 0, NDR_INT_LITTLE_ENDIAN, NDR_CHAR_ASCII, NDR_FLOAT_IEEE, 0
};

#define RT_BUF 16384

void rt_fake_reset(rt_demux_t demux)
{
	free(rt_fake.pending);
	memset(&rt_fake, 0, sizeof rt_fake);
	rt_fake.demux = demux;
}

/* The name a receiver sees for a disposition (SEM section 2.2). */
static mach_msg_type_name_t received(mach_msg_type_name_t d)
{
	switch (d) {
	case MACH_MSG_TYPE_MOVE_RECEIVE: case MACH_MSG_TYPE_COPY_RECEIVE:
		return MACH_MSG_TYPE_PORT_RECEIVE;
	case MACH_MSG_TYPE_MOVE_SEND: case MACH_MSG_TYPE_COPY_SEND:
	case MACH_MSG_TYPE_MAKE_SEND:
		return MACH_MSG_TYPE_PORT_SEND;
	case MACH_MSG_TYPE_MOVE_SEND_ONCE: case MACH_MSG_TYPE_MAKE_SEND_ONCE:
		return MACH_MSG_TYPE_PORT_SEND_ONCE;
	default:
		return d;
	}
}

static void *copy_region(const void *p, size_t n)
{
	void *q = malloc(n ? n : 1);

	if (q && n)
		memcpy(q, p, n);
	return q;
}

/* Convert every descriptor in place; copy OOL regions. */
static void convert_body(mach_msg_header_t *h)
{
	mach_msg_body_t *body = (mach_msg_body_t *)(h + 1);
	char *p = (char *)(body + 1);
	mach_msg_size_t i;

	if (!(h->msgh_bits & MACH_MSGH_BITS_COMPLEX))
		return;
	for (i = 0; i < body->msgh_descriptor_count; i++) {
		mach_msg_type_descriptor_t *t = (mach_msg_type_descriptor_t *)p;

		if (t->type == MACH_MSG_PORT_DESCRIPTOR) {
			mach_msg_port_descriptor_t *d = (void *)p;

			d->disposition = received(d->disposition);
			p += sizeof *d;
		} else if (t->type == MACH_MSG_OOL_DESCRIPTOR) {
			mach_msg_ool_descriptor_t *d = (void *)p;
			void *old = d->address;

			d->address = copy_region(old, d->size);
			if (d->deallocate)
				free(old);
			d->deallocate = 0;
			p += sizeof *d;
		} else {
			mach_msg_ool_ports_descriptor_t *d = (void *)p;
			void *old = d->address;

			d->address = copy_region(old,
					d->count * sizeof(mach_port_t));
			if (d->deallocate)
				free(old);
			d->disposition = received(d->disposition);
			d->deallocate = 0;
			p += sizeof *d;
		}
	}
}

/* Copy a message as the kernel delivers it: header swapped. */
static mach_msg_header_t *deliver(const mach_msg_header_t *src,
				  mach_msg_size_t size)
{
	mach_msg_header_t *h = calloc(1, RT_BUF);
	mach_msg_bits_t b;
	mach_port_t remote;

	if (!h)
		abort();
	memcpy(h, src, size);
	h->msgh_size = size;
	b = h->msgh_bits;
	remote = h->msgh_remote_port;
	h->msgh_bits = (b & MACH_MSGH_BITS_COMPLEX) |
		MACH_MSGH_BITS(received(MACH_MSGH_BITS_LOCAL(b)),
			       received(MACH_MSGH_BITS_REMOTE(b)));
	h->msgh_remote_port = h->msgh_local_port;
	h->msgh_local_port = remote;
	convert_body(h);
	return h;
}

static mach_msg_size_t trailer_bytes(unsigned elements)
{
	static const mach_msg_size_t sizes[] = { 8, 12, 20, 52, 60 };

	return elements < 5 ? sizes[elements] : 68;
}

/* Append the first tsize bytes of a format-0 trailer. */
static void put_trailer(mach_msg_header_t *h, mach_msg_size_t tsize)
{
	mach_msg_max_trailer_t t;

	memset(&t, 0, sizeof t);
	t.msgh_trailer_type = MACH_MSG_TRAILER_FORMAT_0;
	t.msgh_trailer_size = tsize;
	t.msgh_seqno = rt_fake.seqno;
	t.msgh_sender.val[0] = 501;
	t.msgh_sender.val[1] = 20;
	memset(&t.msgh_audit, 7, sizeof t.msgh_audit);
	t.msgh_context = 0x1234;
	memcpy((char *)h + ((h->msgh_size + 3) & ~3u), &t,
	       tsize < sizeof t ? tsize : sizeof t);
}

/* mach_msg_server's handling of the demux's reply (section 4.8). */
static void serve(mach_msg_header_t *req)
{
	mach_msg_header_t *rep = calloc(1, RT_BUF);
	mig_reply_error_t *err = (mig_reply_error_t *)rep;

	if (!rep)
		abort();
	rt_fake.demux_calls++;
	if (!rt_fake.demux(req, rep))
		rt_fake.demux_false++;
	if (!(rep->msgh_bits & MACH_MSGH_BITS_COMPLEX)) {
		rt_fake.last_retcode = err->RetCode;
		if (err->RetCode == MIG_NO_REPLY) {
			free(rep);
			return;
		}
		if (err->RetCode != KERN_SUCCESS) {
			req->msgh_remote_port = MACH_PORT_NULL;
			rt_mach_msg_destroy(req);
		}
	}
	if (rep->msgh_remote_port != MACH_PORT_NULL) {
		free(rt_fake.pending);
		rt_fake.pending = deliver(rep, rep->msgh_size);
	} else if (rep->msgh_bits & MACH_MSGH_BITS_COMPLEX) {
		rt_mach_msg_destroy(rep);
	}
	free(rep);
}

static mach_msg_return_t do_send(mach_msg_header_t *msg,
				 mach_msg_size_t send_size)
{
	mach_msg_header_t *req;

	rt_fake.sends++;
	if (rt_fake.send_result)
		return rt_fake.send_result;
	if (send_size < sizeof(mach_msg_header_t) || send_size > RT_BUF - 128)
		return MACH_SEND_MSG_TOO_SMALL;
	req = deliver(msg, send_size);
	put_trailer(req, rt_fake.server_trailer_size ?
		    rt_fake.server_trailer_size : 68);
	if (rt_fake.tamper_request)
		rt_fake.tamper_request(req);
	serve(req);
	free(req);
	return MACH_MSG_SUCCESS;
}

static mach_msg_return_t do_receive(mach_msg_header_t *msg,
				    mach_msg_option_t option,
				    mach_msg_size_t rcv_size)
{
	mach_msg_header_t *h = rt_fake.pending;
	unsigned elements = ((unsigned)option >> 24) & 0xf;
	mach_msg_size_t tsize = trailer_bytes(elements);

	rt_fake.receives++;
	if (!h)
		return MACH_RCV_TIMED_OUT;
	if (rt_fake.tamper_reply)
		rt_fake.tamper_reply(h);
	if (((h->msgh_size + 3) & ~3u) + tsize > rcv_size)
		return MACH_RCV_TOO_LARGE;
	memcpy(msg, h, h->msgh_size);
	put_trailer(msg, tsize);
	free(h);
	rt_fake.pending = NULL;
	return MACH_MSG_SUCCESS;
}

mach_msg_return_t rt_mach_msg(mach_msg_header_t *msg,
			      mach_msg_option_t option,
			      mach_msg_size_t send_size,
			      mach_msg_size_t rcv_size,
			      mach_port_name_t rcv_name,
			      mach_msg_timeout_t timeout,
			      mach_port_name_t notify)
{
	mach_msg_return_t mr;

	(void)rcv_name;
	(void)timeout;
	(void)notify;
	if (option & MACH_SEND_MSG) {
		mr = do_send(msg, send_size);
		if (mr != MACH_MSG_SUCCESS)
			return mr;
	}
	if (option & MACH_RCV_MSG)
		return do_receive(msg, option, rcv_size);
	return MACH_MSG_SUCCESS;
}

mach_port_t rt_mig_get_reply_port(void)
{
	return RT_REPLY_PORT;
}

void rt_mig_put_reply_port(mach_port_t reply_port)
{
	(void)reply_port;
	rt_fake.put_reply++;
}

void rt_mig_dealloc_reply_port(mach_port_t reply_port)
{
	(void)reply_port;
	rt_fake.dealloc_reply++;
}

/* The stubs' __MachMsgErrorWith[out]Timeout call these by their own
   names, without the -subrprefix, as Apple's do. */
void mig_put_reply_port(mach_port_t reply_port)
{
	rt_mig_put_reply_port(reply_port);
}

void mig_dealloc_reply_port(mach_port_t reply_port)
{
	rt_mig_dealloc_reply_port(reply_port);
}

void rt_mach_msg_destroy(mach_msg_header_t *h)
{
	mach_msg_body_t *body = (mach_msg_body_t *)(h + 1);
	char *p = (char *)(body + 1);
	mach_msg_size_t i;

	rt_fake.destroyed++;
	if (!(h->msgh_bits & MACH_MSGH_BITS_COMPLEX))
		return;
	for (i = 0; i < body->msgh_descriptor_count; i++) {
		mach_msg_type_descriptor_t *t = (mach_msg_type_descriptor_t *)p;

		if (t->type == MACH_MSG_PORT_DESCRIPTOR) {
			p += sizeof(mach_msg_port_descriptor_t);
		} else if (t->type == MACH_MSG_OOL_DESCRIPTOR) {
			mach_msg_ool_descriptor_t *d = (void *)p;

			free(d->address);
			d->address = NULL;
			p += sizeof *d;
		} else {
			mach_msg_ool_ports_descriptor_t *d = (void *)p;

			free(d->address);
			d->address = NULL;
			p += sizeof *d;
		}
	}
}

int rt_mig_strncpy(char *dest, const char *src, int len)
{
	int i;

	if (len <= 0)
		return 0;
	for (i = 1; i < len; i++)
		if (!(*dest++ = *src++))
			return i;
	*dest = '\0';
	return i;
}

int rt_mig_strncpy_zerofill(char *dest, const char *src, int len)
{
	int n = rt_mig_strncpy(dest, src, len);

	if (n < len)
		memset(dest + n, 0, (size_t)(len - n));
	return n;
}

void rt_mig_deallocate(vm_address_t addr, vm_size_t size)
{
	(void)size;
	rt_fake.deallocated++;
	free((void *)addr);
}

kern_return_t rt_mach_port_deallocate(mach_port_t task, mach_port_name_t name)
{
	(void)task;
	(void)name;
	return KERN_SUCCESS;
}

mach_port_t rt_mach_task_self(void)
{
	return RT_TASK_SELF;
}
