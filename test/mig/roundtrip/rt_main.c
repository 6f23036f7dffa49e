/*
 * rt_main.c - round-trip scenarios: generated client stub -> fake kernel
 * -> generated demux -> work function -> reply -> generated reply check.
 *
 *     rt_main NAME    run one scenario; exit status 0 when it passes
 *     rt_main         run them all
 */
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

#include "rt.h"
#include "rt_fake.h"
#include "rt_server.h"

/* The demux, declared here to keep the server header out of this file. */
extern boolean_t rt_server(mach_msg_header_t *InHeadP,
			   mach_msg_header_t *OutHeadP);
extern mig_routine_t rt_server_routine(mach_msg_header_t *InHeadP);

#define SERVER ((mach_port_t)0x707)

static int failures;

#define CHECK(cond) do { \
	if (!(cond)) { \
		fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, \
			__LINE__, #cond); \
		failures++; \
	} \
} while (0)

#define CHECK_EQ(a, b) do { \
	long long a_ = (long long)(a), b_ = (long long)(b); \
	if (a_ != b_) { \
		fprintf(stderr, "%s:%d: %s == %lld, expected %lld\n", \
			__FILE__, __LINE__, #a, a_, b_); \
		failures++; \
	} \
} while (0)

static void reset(void)
{
	rt_fake_reset(rt_server);
	memset(&rt_seen, 0, sizeof rt_seen);
}

/* ---- happy paths ---- */

static void t_add(void)
{
	int sum = 0;

	reset();
	CHECK_EQ(rt_add(SERVER, 2, 40, &sum), KERN_SUCCESS);
	CHECK_EQ(sum, 42);
	CHECK_EQ(rt_seen.server, SERVER);
	CHECK_EQ(rt_fake.sends, 1);
	CHECK_EQ(rt_fake.receives, 1);
	CHECK_EQ(rt_fake.destroyed, 0);
}

static void t_simple(void)
{
	reset();
	CHECK_EQ(rt_note(SERVER, 7), KERN_SUCCESS);
	CHECK_EQ(rt_seen.note, 7);
	CHECK_EQ(rt_fake.receives, 0);
	CHECK(rt_fake.pending == NULL);
}

static void t_fixed(void)
{
	int4_t f = { 1, 2, 3, 4 }, g = { 0 };
	bytes13_t c;
	int i;

	reset();
	for (i = 0; i < 13; i++)
		c[i] = (char)('a' + i);
	CHECK_EQ(rt_fixarr(SERVER, f, g, c), KERN_SUCCESS);
	for (i = 0; i < 4; i++)
		CHECK_EQ(g[i], 2 * f[i]);
	for (i = 0; i < 13; i++)
		CHECK_EQ(c[i], 'a' + i + 1);
}

static void t_bounded(void)
{
	int v[16], w[16];
	mach_msg_type_number_t wCnt = 0;
	int tail2 = 0, i;

	reset();
	memset(v, 0, sizeof v);
	for (i = 0; i < 5; i++)
		v[i] = 100 + i;
	CHECK_EQ(rt_vararr(SERVER, v, 5, 77, w, &wCnt, &tail2), KERN_SUCCESS);
	CHECK_EQ(rt_seen.count, 5);
	CHECK_EQ(rt_seen.tail, 77);       /* read after the packed array */
	CHECK_EQ(rt_seen.out_capacity, 16);
	CHECK_EQ(wCnt, 5);
	for (i = 0; i < 5; i++)
		CHECK_EQ(w[i], 104 - i);
	CHECK_EQ(tail2, 78);
	/* an empty array */
	CHECK_EQ(rt_vararr(SERVER, v, 0, 5, w, &wCnt, &tail2), KERN_SUCCESS);
	CHECK_EQ(wCnt, 0);
	CHECK_EQ(tail2, 6);
	/* a request that ends in its array: sized by its count */
	CHECK_EQ(rt_tail(SERVER, v, 3, &tail2), KERN_SUCCESS);
	CHECK_EQ(rt_seen.count, 3);
	CHECK_EQ(tail2, 100 + 101 + 102);
	CHECK_EQ(rt_tail(SERVER, v, 16, &tail2), KERN_SUCCESS);
	CHECK_EQ(rt_seen.count, 16);
	CHECK_EQ(rt_tail(SERVER, v, 0, &tail2), KERN_SUCCESS);
	CHECK_EQ(tail2, 0);
	CHECK_EQ(rt_tail(SERVER, v, 17, &tail2), MIG_ARRAY_TOO_LARGE);
}

static void t_too_large_client(void)
{
	int v[17] = { 0 }, w[16];
	mach_msg_type_number_t wCnt = 0;
	int tail2 = 0;

	reset();
	CHECK_EQ(rt_vararr(SERVER, v, 17, 1, w, &wCnt, &tail2),
		 MIG_ARRAY_TOO_LARGE);
	CHECK_EQ(rt_fake.sends, 0);
}

static void t_ool(void)
{
	unsigned char data[100];
	int ints[7];
	ool_t back = NULL;
	ints_t ints2 = NULL;
	mach_msg_type_number_t backCnt = 0, ints2Cnt = 0, i;

	reset();
	for (i = 0; i < 100; i++)
		data[i] = (unsigned char)i;
	for (i = 0; i < 7; i++)
		ints[i] = (int)i + 1;
	CHECK_EQ(rt_ool(SERVER, data, 100, &back, &backCnt, ints, 7, &ints2,
			&ints2Cnt), KERN_SUCCESS);
	CHECK_EQ(rt_seen.count, 100);
	CHECK_EQ(backCnt, 100);
	CHECK(back != NULL && back != data);
	for (i = 0; back && i < 100; i++)
		CHECK_EQ(back[i], 99 - i);
	CHECK_EQ(ints2Cnt, 7);
	for (i = 0; ints2 && i < 7; i++)
		CHECK_EQ(ints2[i], 3 * ((int)i + 1));
	/* the stub freed the in array[] region (implicit Auto) */
	CHECK_EQ(rt_fake.deallocated, 1);
	free(back);
	free(ints2);
}

/*
 * An inout out-of-line region: the server sees the bytes and the count
 * the client sent, through an aligned pointer, and what it hands back
 * (another region, one byte longer) is what the client gets.
 */
static void t_inool(void)
{
	unsigned char *d = malloc(9);
	mach_msg_type_number_t dCnt = 9, i;

	reset();
	CHECK(d != NULL);
	if (d == NULL)
		return;
	for (i = 0; i < 9; i++)
		d[i] = (unsigned char)('a' + i);
	CHECK_EQ(rt_inool(SERVER, &d, &dCnt), KERN_SUCCESS);
	CHECK_EQ(rt_seen.count, 9);
	CHECK_EQ(rt_seen.aligned, 1);
	CHECK_EQ(dCnt, 10);
	for (i = 0; d && i < 9; i++)
		CHECK_EQ(d[i], 'i' - i);
	CHECK(d && d[9] == '!');
	/* the region sent went with the request (Dealloc) */
	CHECK_EQ(rt_fake.deallocated, 0);
	free(d);
}

/* rt_poly's send-once port, on the wire as the sender chose (tamper). */
static mach_msg_type_name_t poly_s_disposition;

static void set_poly_s(mach_msg_header_t *h)
{
	__Request__rt_poly_t *rq = (__Request__rt_poly_t *)h;

	rq->s.disposition = poly_s_disposition;
}

/*
 * Polymorphic rights both ways: each goes as its sender says (the
 * client's pPoly, the work function's qPoly), arrives as the right it
 * became, and a send-once argument that comes as anything but a
 * send-once right is refused.
 */
static void t_poly(void)
{
	mach_port_t q = 0, io = 0x900;
	mach_msg_type_name_t qPoly = 0;

	reset();
	CHECK_EQ(rt_poly(SERVER, 0x700, MACH_MSG_TYPE_MAKE_SEND, 0x800,
			 MACH_MSG_TYPE_MAKE_SEND_ONCE, &q, &qPoly, &io), KERN_SUCCESS);
	CHECK_EQ(rt_seen.port_p, 0x700);
	CHECK_EQ(rt_seen.poly, MACH_MSG_TYPE_PORT_SEND);
	CHECK_EQ(rt_seen.port_r, 0x800);
	CHECK_EQ(q, 0x701);
	CHECK_EQ(qPoly, MACH_MSG_TYPE_PORT_SEND_ONCE);
	CHECK_EQ(rt_seen.note, 0x900);	/* the inout right, both ways */
	CHECK_EQ(io, 0x901);
	CHECK_EQ(rt_poly(SERVER, 0x710, MACH_MSG_TYPE_MOVE_RECEIVE, 0x810,
			 MACH_MSG_TYPE_MOVE_SEND_ONCE, &q, &qPoly, &io), KERN_SUCCESS);
	CHECK_EQ(rt_seen.poly, MACH_MSG_TYPE_PORT_RECEIVE);
	CHECK_EQ(q, 0x711);
	/* the send-once right as a send right, or as a receive right */
	reset();
	rt_fake.tamper_request = set_poly_s;
	poly_s_disposition = MACH_MSG_TYPE_PORT_SEND;
	rt_seen.port_p = 0;
	CHECK_EQ(rt_poly(SERVER, 0x720, MACH_MSG_TYPE_COPY_SEND, 0x820,
			 MACH_MSG_TYPE_MAKE_SEND_ONCE, &q, &qPoly, &io), MIG_TYPE_ERROR);
	poly_s_disposition = MACH_MSG_TYPE_PORT_RECEIVE;
	CHECK_EQ(rt_poly(SERVER, 0x720, MACH_MSG_TYPE_COPY_SEND, 0x820,
			 MACH_MSG_TYPE_MAKE_SEND_ONCE, &q, &qPoly, &io), MIG_TYPE_ERROR);
	CHECK_EQ(rt_seen.port_p, 0);	/* the work function never ran */
	/* as the right it is, or as it was made (Apple's check takes both) */
	poly_s_disposition = MACH_MSG_TYPE_MAKE_SEND_ONCE;
	CHECK_EQ(rt_poly(SERVER, 0x720, MACH_MSG_TYPE_COPY_SEND, 0x820,
			 MACH_MSG_TYPE_MAKE_SEND_ONCE, &q, &qPoly, &io), KERN_SUCCESS);
	CHECK_EQ(rt_seen.port_p, 0x720);
	rt_fake.tamper_request = NULL;
}

static void t_strings(void)
{
	name_t os, s = "hello";
	vname_t ovs, vs = "abc";

	reset();
	memset(os, 'x', sizeof os);
	memset(ovs, 'x', sizeof ovs);
	CHECK_EQ(rt_strings(SERVER, s, vs, os, ovs), KERN_SUCCESS);
	CHECK(strcmp(os, "got:hello") == 0);
	CHECK(strcmp(ovs, "cba") == 0);
	/* a variable string longer than its bound is truncated */
	{
		char longer[48] = "0123456789012345678901234567890123456789";

		CHECK_EQ(rt_strings(SERVER, s, longer, os, ovs), KERN_SUCCESS);
	}
	CHECK_EQ(strlen(ovs), 31);
}

static mach_msg_type_name_t seen_disp[3];

static void grab_dispositions(mach_msg_header_t *h)
{
	mach_msg_port_descriptor_t *d =
		(mach_msg_port_descriptor_t *)((mach_msg_body_t *)(h + 1) + 1);
	mach_msg_ool_ports_descriptor_t *o =
		(mach_msg_ool_ports_descriptor_t *)(d + 2);

	seen_disp[0] = d[0].disposition;
	seen_disp[1] = d[1].disposition;
	seen_disp[2] = o->disposition;
}

static void t_ports(void)
{
	mach_port_t q = 0, pa[3] = { 10, 20, 30 };

	reset();
	rt_fake.tamper_request = grab_dispositions;
	CHECK_EQ(rt_ports(SERVER, 0x500, &q, 0x600, pa, 3), KERN_SUCCESS);
	CHECK_EQ(rt_seen.port_p, 0x500);
	CHECK_EQ(rt_seen.port_r, 0x600);
	CHECK_EQ(rt_seen.count, 3);
	CHECK_EQ(rt_seen.port_sum, 60);
	CHECK_EQ(q, 0x501);
	CHECK_EQ(seen_disp[0], MACH_MSG_TYPE_PORT_SEND);  /* MAKE_SEND */
	CHECK_EQ(seen_disp[1], MACH_MSG_TYPE_PORT_SEND);  /* MOVE_SEND */
	CHECK_EQ(seen_disp[2], MACH_MSG_TYPE_PORT_SEND);  /* COPY_SEND */
	CHECK_EQ(rt_fake.deallocated, 1);  /* array[] of ports: Auto */
}

static void t_countinout(void)
{
	int w[16];
	mach_msg_type_number_t wCnt = 16;

	reset();
	CHECK_EQ(rt_cio(SERVER, w, &wCnt), KERN_SUCCESS);
	CHECK_EQ(rt_seen.out_capacity, 16);
	CHECK_EQ(wCnt, 10);
	CHECK_EQ(w[9], 9);
	wCnt = 4;
	memset(w, 0xff, sizeof w);
	CHECK_EQ(rt_cio(SERVER, w, &wCnt), MIG_ARRAY_TOO_LARGE);
	CHECK_EQ(rt_seen.out_capacity, 4);
	CHECK_EQ(wCnt, 10);
	CHECK_EQ(w[3], 3);
	CHECK_EQ(w[4], -1);             /* nothing past the capacity */
}

static void t_server_error(void)
{
	int never = 0;

	reset();
	CHECK_EQ(rt_fail(SERVER, KERN_INVALID_ARGUMENT, &never),
		 KERN_INVALID_ARGUMENT);
	CHECK_EQ(never, 0);
	CHECK_EQ(rt_fake.last_retcode, KERN_INVALID_ARGUMENT);
}

static void t_send_error(void)
{
	int sum = 0;

	reset();
	rt_fake.send_result = MACH_SEND_INVALID_DEST;
	CHECK_EQ(rt_add(SERVER, 1, 2, &sum), MACH_SEND_INVALID_DEST);
	CHECK_EQ(rt_fake.put_reply, 1);
	reset();
	rt_fake.send_result = MACH_SEND_TIMED_OUT;
	CHECK_EQ(rt_add(SERVER, 1, 2, &sum), MACH_SEND_TIMED_OUT);
	CHECK_EQ(rt_fake.dealloc_reply, 1);
}

/* ---- reply checks (section 4.6) ---- */

static void bump_id(mach_msg_header_t *h) { h->msgh_id++; }
static void id_71(mach_msg_header_t *h) { h->msgh_id = 71; }
static void shrink(mach_msg_header_t *h) { h->msgh_size -= 4; }
static void remote(mach_msg_header_t *h) { h->msgh_remote_port = 0x99; }

static void make_complex(mach_msg_header_t *h)
{
	h->msgh_bits |= MACH_MSGH_BITS_COMPLEX;
}

static void bad_count(mach_msg_header_t *h)
{
	((__Reply__rt_vararr_t *)h)->wCnt = 17;
}

/* rt_cio's reply (10 ints): a count the size does not match. */
static void cio_count_low(mach_msg_header_t *h)
{
	((__Reply__rt_cio_t *)h)->wCnt = 9;
}

static void cio_count_high(mach_msg_header_t *h)
{
	((__Reply__rt_cio_t *)h)->wCnt = 11;
}

static void cio_count_past_bound(mach_msg_header_t *h)
{
	((__Reply__rt_cio_t *)h)->wCnt = 17;
}

static void bad_disposition(mach_msg_header_t *h)
{
	((__Reply__rt_ports_t *)h)->q.disposition = MACH_MSG_TYPE_PORT_RECEIVE;
}

static kern_return_t add_with(void (*tamper)(mach_msg_header_t *))
{
	int sum = 0;

	reset();
	rt_fake.tamper_reply = tamper;
	return rt_add(SERVER, 1, 2, &sum);
}

static void t_reply_checks(void)
{
	int v[4] = { 1, 2, 3, 4 }, w[16], tail2;
	mach_msg_type_number_t wCnt;
	mach_port_t q, pa[1] = { 1 };

	CHECK_EQ(add_with(bump_id), MIG_REPLY_MISMATCH);
	CHECK_EQ(rt_fake.destroyed, 1);
	CHECK_EQ(add_with(id_71), MIG_SERVER_DIED);
	CHECK_EQ(add_with(shrink), MIG_TYPE_ERROR);
	CHECK_EQ(add_with(remote), MIG_TYPE_ERROR);
	CHECK_EQ(add_with(make_complex), MIG_TYPE_ERROR);
	reset();
	rt_fake.tamper_reply = bad_count;
	CHECK_EQ(rt_vararr(SERVER, v, 4, 0, w, &wCnt, &tail2), MIG_TYPE_ERROR);
	reset();
	rt_fake.tamper_reply = bad_disposition;
	CHECK_EQ(rt_ports(SERVER, 1, &q, 2, pa, 1), MIG_TYPE_ERROR);
	/* a trailing array whose count and size disagree */
	wCnt = 16;
	reset();
	rt_fake.tamper_reply = cio_count_low;
	CHECK_EQ(rt_cio(SERVER, w, &wCnt), MIG_TYPE_ERROR);
	reset();
	rt_fake.tamper_reply = cio_count_high;
	CHECK_EQ(rt_cio(SERVER, w, &wCnt), MIG_TYPE_ERROR);
	reset();
	rt_fake.tamper_reply = cio_count_past_bound;
	CHECK_EQ(rt_cio(SERVER, w, &wCnt), MIG_TYPE_ERROR);
	reset();
	rt_fake.tamper_reply = shrink;
	CHECK_EQ(rt_cio(SERVER, w, &wCnt), MIG_TYPE_ERROR);
	reset();
	CHECK_EQ(rt_cio(SERVER, w, &wCnt), KERN_SUCCESS);
	CHECK_EQ(wCnt, 10);
}

/* ---- malformed requests straight into the demux (section 4.7) ---- */

union rt_buf {
	mach_msg_header_t head;
	char bytes[4096];
};

static kern_return_t demux_retcode(union rt_buf *in, boolean_t *handled)
{
	union rt_buf out;

	memset(&out, 0, sizeof out);
	*handled = rt_server(&in->head, &out.head);
	return ((mig_reply_error_t *)&out)->RetCode;
}

static void add_request(union rt_buf *b)
{
	__Request__rt_add_t *r = (__Request__rt_add_t *)b;

	memset(b, 0, sizeof *b);
	r->Head.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_PORT_SEND_ONCE, 0);
	r->Head.msgh_size = sizeof *r;
	r->Head.msgh_local_port = SERVER;
	r->Head.msgh_remote_port = RT_REPLY_PORT;
	r->Head.msgh_id = 5000;
	r->NDR = NDR_record;
	r->a = 1;
	r->b = 2;
}

/* An rt_tail request of n ints whose count says cnt. */
static void tail_request(union rt_buf *b, mach_msg_type_number_t n,
			 mach_msg_type_number_t cnt)
{
	__Request__rt_tail_t *t = (__Request__rt_tail_t *)b;
	mach_msg_type_number_t i;

	memset(b, 0, sizeof *b);
	t->Head.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_PORT_SEND_ONCE, 0);
	t->Head.msgh_size = (mach_msg_size_t)(sizeof(*t) -
	    sizeof(t->v) + n * sizeof(int));
	t->Head.msgh_local_port = SERVER;
	t->Head.msgh_remote_port = RT_REPLY_PORT;
	t->Head.msgh_id = 5010;
	t->NDR = NDR_record;
	t->vCnt = cnt;
	for (i = 0; i < n && i < 16; i++)
		t->v[i] = (int)i + 1;
}

static void t_bad_requests(void)
{
	union rt_buf b;
	boolean_t handled;
	__Request__rt_vararr_t *va = (__Request__rt_vararr_t *)&b;
	__Request__rt_ool_t *oo = (__Request__rt_ool_t *)&b;
	__Request__rt_strings_t *st = (__Request__rt_strings_t *)&b;

	reset();
	add_request(&b);
	CHECK_EQ(demux_retcode(&b, &handled), KERN_SUCCESS);
	CHECK(handled);

	add_request(&b);
	b.head.msgh_size = 36;           /* short */
	CHECK_EQ(demux_retcode(&b, &handled), MIG_BAD_ARGUMENTS);

	add_request(&b);
	b.head.msgh_id = 5099;           /* unknown */
	CHECK_EQ(demux_retcode(&b, &handled), MIG_BAD_ID);
	CHECK(!handled);

	/* Ids at both ends of the range: no signed overflow anywhere (the
	   sanitizer build aborts on one), the reply id wraps. */
	{
		union rt_buf out;

		add_request(&b);
		b.head.msgh_id = INT32_MAX;
		memset(&out, 0, sizeof out);
		CHECK(!rt_server(&b.head, &out.head));
		CHECK_EQ(((mig_reply_error_t *)&out)->RetCode, MIG_BAD_ID);
		CHECK_EQ(out.head.msgh_id, (mach_msg_id_t)(INT32_MIN + 99));
		CHECK(rt_server_routine(&b.head) == 0);
		b.head.msgh_id = INT32_MIN;
		CHECK(!rt_server(&b.head, &out.head));
		CHECK(rt_server_routine(&b.head) == 0);
	}

	/* The edges of the range: rt.defs has fourteen slots from 5000
	   (thirteen routines and a skip), so 5013 is the last routine
	   (rt_poly, whose request this is not: a simple message where a
	   complex one belongs, an error after the id was accepted), and
	   5014, one past it, and 4999, one before the base, are not this
	   server's. */
	add_request(&b);
	b.head.msgh_id = 5013;
	CHECK_EQ(demux_retcode(&b, &handled), MIG_BAD_ARGUMENTS);
	CHECK(handled);
	CHECK(rt_server_routine(&b.head) != 0);
	add_request(&b);
	b.head.msgh_id = 5014;
	CHECK_EQ(demux_retcode(&b, &handled), MIG_BAD_ID);
	CHECK(!handled);
	CHECK(rt_server_routine(&b.head) == 0);
	add_request(&b);
	b.head.msgh_id = 4999;
	CHECK_EQ(demux_retcode(&b, &handled), MIG_BAD_ID);
	CHECK(!handled);
	CHECK(rt_server_routine(&b.head) == 0);

	/* A request that ends in its array: the count must be the size's,
	   and within the array's bound. */
	reset();
	tail_request(&b, 3, 3);
	CHECK_EQ(demux_retcode(&b, &handled), KERN_SUCCESS);
	CHECK_EQ(rt_seen.count, 3);
	tail_request(&b, 0, 0);
	CHECK_EQ(demux_retcode(&b, &handled), KERN_SUCCESS);
	tail_request(&b, 3, 2);
	CHECK_EQ(demux_retcode(&b, &handled), MIG_BAD_ARGUMENTS);
	tail_request(&b, 3, 4);
	CHECK_EQ(demux_retcode(&b, &handled), MIG_BAD_ARGUMENTS);
	tail_request(&b, 16, 17);
	CHECK_EQ(demux_retcode(&b, &handled), MIG_BAD_ARGUMENTS);
	tail_request(&b, 3, 3);
	b.head.msgh_size += 4;
	CHECK_EQ(demux_retcode(&b, &handled), MIG_BAD_ARGUMENTS);
	CHECK_EQ(rt_seen.count, 0);

	add_request(&b);
	b.head.msgh_id = 5008;           /* the skipped slot */
	CHECK_EQ(demux_retcode(&b, &handled), MIG_BAD_ID);
	CHECK(!handled);

	add_request(&b);
	b.head.msgh_bits |= MACH_MSGH_BITS_COMPLEX;
	CHECK_EQ(demux_retcode(&b, &handled), MIG_BAD_ARGUMENTS);

	/* an oversized inline count */
	add_request(&b);
	b.head.msgh_id = 5003;
	va->vCnt = 17;
	b.head.msgh_size = sizeof *va;
	CHECK_EQ(demux_retcode(&b, &handled), MIG_BAD_ARGUMENTS);
	/* a count that does not match the size */
	va->vCnt = 3;
	CHECK_EQ(demux_retcode(&b, &handled), MIG_BAD_ARGUMENTS);

	/* wrong descriptor count */
	add_request(&b);
	b.head.msgh_id = 5004;
	b.head.msgh_bits |= MACH_MSGH_BITS_COMPLEX;
	b.head.msgh_size = sizeof *oo;
	oo->msgh_body.msgh_descriptor_count = 1;
	CHECK_EQ(demux_retcode(&b, &handled), MIG_BAD_ARGUMENTS);
	/* wrong descriptor type */
	oo->msgh_body.msgh_descriptor_count = 2;
	oo->data.type = MACH_MSG_PORT_DESCRIPTOR;
	oo->ints.type = MACH_MSG_OOL_DESCRIPTOR;
	CHECK_EQ(demux_retcode(&b, &handled), MIG_TYPE_ERROR);
	/* OOL size not matching its count */
	oo->data.type = MACH_MSG_OOL_DESCRIPTOR;
	oo->data.size = 5;
	oo->dataCnt = 6;
	CHECK_EQ(demux_retcode(&b, &handled), MIG_TYPE_ERROR);

	/* a string without its NUL */
	add_request(&b);
	b.head.msgh_id = 5005;
	memset(st->s, 'a', sizeof st->s);
	st->vsCnt = 1;
	b.head.msgh_size = sizeof *st - 32 + 4;
	CHECK_EQ(demux_retcode(&b, &handled), MIG_BAD_ARGUMENTS);

	/* a server trailer-free routine ignores a small trailer */
	reset();
	rt_fake.server_trailer_size = 8;
	{
		int sum = 0;

		CHECK_EQ(rt_add(SERVER, 3, 4, &sum), KERN_SUCCESS);
		CHECK_EQ(sum, 7);
	}
}

/*
 * The ids just outside the subsystem: base - 1 and base + routine count
 * (one past the last routine, rt_poly at 5013).  Both are MIG_BAD_ID,
 * unhandled, with no routine; the demux must not read its routine table
 * past the end (the test suite also runs this scenario in a build under
 * AddressSanitizer, where such a read aborts).
 */
static void t_bad_id_edges(void)
{
	static const mach_msg_id_t outside[] = { 4999, 5014 };
	union rt_buf b;
	boolean_t handled;
	size_t i;

	reset();
	for (i = 0; i < sizeof outside / sizeof outside[0]; i++) {
		add_request(&b);
		b.head.msgh_id = outside[i];
		CHECK_EQ(demux_retcode(&b, &handled), MIG_BAD_ID);
		CHECK(!handled);
		CHECK(rt_server_routine(&b.head) == 0);
	}
	/* The first and last routines are there. */
	add_request(&b);
	CHECK(rt_server_routine(&b.head) != 0);
	b.head.msgh_id = 5013;
	CHECK(rt_server_routine(&b.head) != 0);
}

/*
 * Two variable arrays then data, both ways (the request and the reply
 * each in three segments): what the client packed arrives, what the
 * server packed comes back, and a request whose counts and size
 * disagree anywhere is refused.
 */
static uint32_t walign(uint32_t n) { return (n + 3) & ~3u; }

static void grow(mach_msg_header_t *h) { h->msgh_size += 4; }

/* the counts of an rt_twovar reply of three ints (yCnt after them) */
static mach_msg_type_number_t *twovar_count(mach_msg_header_t *h, int which)
{
	char *p = (char *)h + sizeof *h + sizeof(NDR_record_t) + 4;

	return (mach_msg_type_number_t *)(which ? p + 4 + 3 * 4 : p);
}

static void twovar_x_more(mach_msg_header_t *h) { *twovar_count(h, 0) = 4; }
static void twovar_x_less(mach_msg_header_t *h) { *twovar_count(h, 0) = 2; }
static void twovar_y_word_more(mach_msg_header_t *h)
{
	*twovar_count(h, 1) = 9;
}
/* eleven bytes: past the bound of ten, in a size that fits them */
static void twovar_y_past_bound(mach_msg_header_t *h)
{
	*twovar_count(h, 1) = 11;
	h->msgh_size += 4;
}

/* An rt_twovar request, packed by hand: na ints counted as ca, nb bytes
   counted as cb, then c; extra bytes at the end. */
static void twovar_request(union rt_buf *b, uint32_t na, uint32_t ca,
			   uint32_t nb, uint32_t cb, uint32_t extra)
{
	char *p = b->bytes + sizeof(mach_msg_header_t);
	mach_msg_header_t *h = &b->head;
	uint32_t i;
	int c = 1000;

	memset(b, 0, sizeof *b);
	h->msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_PORT_SEND_ONCE, 0);
	h->msgh_local_port = SERVER;
	h->msgh_remote_port = RT_REPLY_PORT;
	h->msgh_id = 5011;
	memcpy(p, &NDR_record, sizeof NDR_record);
	p += sizeof NDR_record;
	memcpy(p, &ca, 4);
	p += 4;
	for (i = 0; i < na; i++, p += 4)
		memcpy(p, &(int){ (int)i + 1 }, 4);
	memcpy(p, &cb, 4);
	p += 4;
	for (i = 0; i < nb; i++)
		p[i] = (char)('a' + i);
	p += walign(nb);
	memcpy(p, &c, 4);
	p += 4 + extra;
	h->msgh_size = (mach_msg_size_t)(p - b->bytes);
}

static void t_twovar(void)
{
	int a[16], x[16], z = 0;
	char bb[10] = "ABCDEFGHIJ", y[10];
	mach_msg_type_number_t xCnt = 0, yCnt = 0, i;
	union rt_buf b;
	boolean_t handled;

	reset();
	for (i = 0; i < 16; i++)
		a[i] = (int)i * 10;
	CHECK_EQ(rt_twovar(SERVER, a, 3, bb, 5, 7, x, &xCnt, y, &yCnt, &z),
		 KERN_SUCCESS);
	CHECK_EQ(xCnt, 3);
	CHECK_EQ(yCnt, 5);
	CHECK_EQ(x[0], 20);
	CHECK_EQ(x[2], 0);
	CHECK(memcmp(y, "BCDEF", 5) == 0);
	CHECK_EQ(z, 7 + 0 + 10 + 20 + 'A' + 'B' + 'C' + 'D' + 'E');
	CHECK_EQ(rt_seen.tail, 7);
	CHECK_EQ(rt_twovar(SERVER, a, 0, bb, 0, 9, x, &xCnt, y, &yCnt, &z),
		 KERN_SUCCESS);
	CHECK_EQ(xCnt, 0);
	CHECK_EQ(yCnt, 0);
	CHECK_EQ(z, 9);
	CHECK_EQ(rt_twovar(SERVER, a, 16, bb, 10, 1, x, &xCnt, y, &yCnt, &z),
		 KERN_SUCCESS);
	CHECK_EQ(xCnt, 16);
	CHECK_EQ(yCnt, 10);
	CHECK_EQ(x[0], 150);
	CHECK_EQ(y[9], 'K');
	/* the server's work function counts past a bound */
	xCnt = yCnt = 99;
	CHECK_EQ(rt_twovar(SERVER, a, 2, bb, 3, -1, x, &xCnt, y, &yCnt, &z),
		 MIG_ARRAY_TOO_LARGE);
	CHECK_EQ(xCnt, 99);

	/* by hand: well formed, then each way of lying about a count */
	twovar_request(&b, 3, 3, 5, 5, 0);
	CHECK_EQ(demux_retcode(&b, &handled), KERN_SUCCESS);
	CHECK_EQ(rt_seen.tail, 1000);
	CHECK_EQ(rt_seen.count, 3);
	twovar_request(&b, 0, 0, 0, 0, 0);
	CHECK_EQ(demux_retcode(&b, &handled), KERN_SUCCESS);
	twovar_request(&b, 3, 3, 5, 6, 0);   /* same words: still right */
	CHECK_EQ(demux_retcode(&b, &handled), KERN_SUCCESS);
	rt_seen.tail = 0;
	twovar_request(&b, 3, 3, 5, 5, 4);   /* a word too many */
	CHECK_EQ(demux_retcode(&b, &handled), MIG_BAD_ARGUMENTS);
	twovar_request(&b, 3, 4, 5, 5, 0);   /* first count too large */
	CHECK_EQ(demux_retcode(&b, &handled), MIG_BAD_ARGUMENTS);
	twovar_request(&b, 3, 2, 5, 5, 0);   /* first count too small */
	CHECK_EQ(demux_retcode(&b, &handled), MIG_BAD_ARGUMENTS);
	twovar_request(&b, 3, 3, 5, 9, 0);   /* second count a word over */
	CHECK_EQ(demux_retcode(&b, &handled), MIG_BAD_ARGUMENTS);
	twovar_request(&b, 3, 3, 8, 4, 0);   /* second count a word under */
	CHECK_EQ(demux_retcode(&b, &handled), MIG_BAD_ARGUMENTS);
	twovar_request(&b, 16, 17, 0, 0, 0); /* past the first bound */
	CHECK_EQ(demux_retcode(&b, &handled), MIG_BAD_ARGUMENTS);
	twovar_request(&b, 0, 0, 12, 11, 0); /* past the second bound */
	CHECK_EQ(demux_retcode(&b, &handled), MIG_BAD_ARGUMENTS);
	twovar_request(&b, 0, 0, 0, 0, 0);
	b.head.msgh_size -= 4;               /* c cut off */
	CHECK_EQ(demux_retcode(&b, &handled), MIG_BAD_ARGUMENTS);
	CHECK_EQ(rt_seen.tail, 0);

	/* replies (of three ints and five bytes) that lie the same ways */
	{
		static void (*const lies[])(mach_msg_header_t *) = {
			grow, shrink, twovar_x_more, twovar_x_less,
			twovar_y_word_more, twovar_y_past_bound,
		};

		for (i = 0; i < sizeof lies / sizeof lies[0]; i++) {
			reset();
			rt_fake.tamper_reply = lies[i];
			xCnt = yCnt = 99;
			CHECK_EQ(rt_twovar(SERVER, a, 3, bb, 5, 7, x, &xCnt, y,
					   &yCnt, &z), MIG_TYPE_ERROR);
			CHECK_EQ(xCnt, 99);
		}
	}
}

static const struct scenario {
	const char *name;
	void (*fn)(void);
} scenarios[] = {
	{ "add", t_add },
	{ "simple", t_simple },
	{ "fixed", t_fixed },
	{ "bounded", t_bounded },
	{ "too_large_client", t_too_large_client },
	{ "ool", t_ool },
	{ "strings", t_strings },
	{ "ports", t_ports },
	{ "countinout", t_countinout },
	{ "server_error", t_server_error },
	{ "send_error", t_send_error },
	{ "reply_checks", t_reply_checks },
	{ "bad_requests", t_bad_requests },
	{ "bad_id_edges", t_bad_id_edges },
	{ "twovar", t_twovar },
	{ "inool", t_inool },
	{ "poly", t_poly },
};

int main(int argc, char **argv)
{
	size_t i;
	int ran = 0;

	for (i = 0; i < sizeof scenarios / sizeof scenarios[0]; i++) {
		if (argc > 1 && strcmp(argv[1], scenarios[i].name) != 0)
			continue;
		scenarios[i].fn();
		ran++;
	}
	rt_fake_reset(NULL);
	if (!ran) {
		fprintf(stderr, "no scenario '%s'\n", argv[1]);
		return 2;
	}
	return failures ? 1 : 0;
}
