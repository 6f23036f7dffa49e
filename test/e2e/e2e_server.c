/*
 * e2e_server.c - the work functions of e2e.defs and their loop.
 *
 * Each follows the ownership convention of MIG-LANGUAGE 4.8: on success
 * it owns the rights and regions it was given (and frees or keeps them
 * as the suite expects); on error it touches nothing, so the loop can
 * destroy the request.  No Check here: this file is also linked into the
 * libFuzzer target.
 */
#include <stdlib.h>
#include <string.h>

#include <mach/mach.h>
#include <mach/task.h>
#include <mach/mach_init.h>
#include <mach/mach_traps.h>
#include <mach/mig.h>

#include "e2eServer.h"
#include "e2e_srv.h"

const mach_msg_size_t e2e_max_request =
    sizeof(union __RequestUnion__srv_e2e_subsystem);
const mach_msg_size_t e2e_max_reply =
    sizeof(union __ReplyUnion__srv_e2e_subsystem);

struct e2e_seen e2e_seen;
bool e2e_quiet;

void e2e_seen_reset(void)
{
	memset(&e2e_seen, 0, sizeof(e2e_seen));
}

mach_msg_return_t e2e_serve(mach_port_name_t port, mach_msg_options_t opts)
{
	return mach_msg_server(e2e_server, e2e_max_request, port, opts);
}

static mach_port_t self(void)
{
	return mach_task_self();
}

/* A new receive right, with a send right under the same name if asked. */
static mach_port_name_t new_port(bool with_send)
{
	mach_port_name_t n = MACH_PORT_NULL;

	if (mach_port_allocate(self(), MACH_PORT_RIGHT_RECEIVE,
	    &n) != KERN_SUCCESS)
		return MACH_PORT_NULL;
	if (with_send)
		(void)mach_port_insert_right(self(), n, n,
		    MACH_MSG_TYPE_MAKE_SEND);
	return n;
}

/* A send-once right to port (whose receive right we hold), under a name
   of its own: sent to ourselves as a reply right and received back. */
static mach_port_name_t new_send_once(mach_port_name_t port)
{
	struct {
		mach_msg_header_t	h;
		mach_msg_trailer_t	t;
	} m;

	memset(&m, 0, sizeof(m));
	m.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND,
	    MACH_MSG_TYPE_MAKE_SEND_ONCE);
	m.h.msgh_remote_port = port;
	m.h.msgh_local_port = port;
	if (mach_msg(&m.h, MACH_SEND_MSG | MACH_RCV_MSG | MACH_RCV_TIMEOUT,
	    sizeof(m.h), sizeof(m), port, 0, MACH_PORT_NULL) !=
	    MACH_MSG_SUCCESS)
		return MACH_PORT_NULL;
	return m.h.msgh_remote_port;
}

/* size bytes of our own, NULL if none (or size 0). */
static void *region(size_t size)
{
	vm_address_t a = 0;

	if (size != 0)
		mig_allocate(&a, size);
	return (void *)a;
}

kern_return_t srv_e2e_scalars(mach_port_t server, int a, int64_t b,
    triple_t t, int *acc, int64_t *sum, triple_t *tt)
{
	(void)server;
	__atomic_fetch_add(&e2e_seen.calls, 1, __ATOMIC_RELAXED);
	/* Wrapping arithmetic: requests may carry any values. */
	*acc = (int)((unsigned)*acc + (unsigned)a);
	*sum = (int64_t)((uint64_t)(int64_t)a + (uint64_t)b);
	tt->v[0] = (int)((unsigned)t.v[2] + 1);
	tt->v[1] = (int)((unsigned)t.v[1] + 1);
	tt->v[2] = (int)((unsigned)t.v[0] + 1);
	return KERN_SUCCESS;
}

kern_return_t srv_e2e_inline(mach_port_t server, int4_t f, intvar_t v,
    mach_msg_type_number_t vCnt, int tail, bytes13_t c, int4_t ofx,
    intvar_t ov, mach_msg_type_number_t *ovCnt, int *otail)
{
	mach_msg_type_number_t i;

	(void)server;
	__atomic_fetch_add(&e2e_seen.calls, 1, __ATOMIC_RELAXED);
	if (*ovCnt != 16)	/* preset to the bound (MIG-LANGUAGE 4.7) */
		return KERN_INVALID_VALUE;
	for (i = 0; i < 4; i++)
		ofx[i] = f[3 - i];
	for (i = 0; i < vCnt; i++)
		ov[i] = (int)(0u - (unsigned)v[vCnt - 1 - i]);
	*ovCnt = vCnt;
	*otail = (int)((unsigned)tail * 2);
	for (i = 0; i < 13; i++)
		c[i] = (char)(c[i] ^ 0x20);
	return KERN_SUCCESS;
}

kern_return_t srv_e2e_countinout(mach_port_t server, int n, intvar_t w,
    mach_msg_type_number_t *wCnt)
{
	int i;

	(void)server;
	__atomic_fetch_add(&e2e_seen.calls, 1, __ATOMIC_RELAXED);
	e2e_seen.cio_capacity = *wCnt;
	if (n < 0 || n > 16)
		return KERN_INVALID_ARGUMENT;
	for (i = 0; i < n; i++)
		w[i] = 100 + i;
	*wCnt = (mach_msg_type_number_t)n;
	return KERN_SUCCESS;
}

/* Record region k: its size and whether it holds pattern k. */
static void seen_region(unsigned k, const void *p, size_t size)
{
	const uint8_t *b = p;
	size_t i;

	e2e_seen.ool_sizes[k] = (uint32_t)size;
	e2e_seen.ool_ok[k] = size == 0 || p != NULL;
	for (i = 0; i < size && e2e_seen.ool_ok[k]; i++)
		if (b[i] != e2e_pattern(k, i))
			e2e_seen.ool_ok[k] = false;
}

kern_return_t srv_e2e_ool(mach_port_t server, ool_t a,
    mach_msg_type_number_t aCnt, ool_t d, mach_msg_type_number_t dCnt,
    ool_t dr, mach_msg_type_number_t drCnt, block16_t fx, small_t bd,
    mach_msg_type_number_t bdCnt, ints_t ints,
    mach_msg_type_number_t intsCnt, ool_t pc, mach_msg_type_number_t pcCnt,
    ool_t *back, mach_msg_type_number_t *backCnt, ool_t *backd,
    mach_msg_type_number_t *backdCnt, ints_t *oints,
    mach_msg_type_number_t *ointsCnt)
{
	mach_msg_type_number_t i;
	int *o;

	(void)server;
	__atomic_fetch_add(&e2e_seen.calls, 1, __ATOMIC_RELAXED);
	/* The replies' regions first: failing, we must not have touched
	   the request's. */
	*backCnt = aCnt;
	*back = region(aCnt);
	*backdCnt = 3 * 4096 + 5;
	*backd = region(*backdCnt);
	*ointsCnt = intsCnt;
	o = region((size_t)intsCnt * sizeof(int));
	if ((aCnt != 0 && *back == NULL) || *backd == NULL ||
	    (intsCnt != 0 && o == NULL)) {
		mig_deallocate((vm_address_t)*back, aCnt);
		mig_deallocate((vm_address_t)*backd, *backdCnt);
		mig_deallocate((vm_address_t)o, (size_t)intsCnt * sizeof(int));
		return KERN_RESOURCE_SHORTAGE;
	}
	seen_region(0, a, aCnt);
	seen_region(1, d, dCnt);
	seen_region(2, dr, drCnt);
	seen_region(3, fx, 16);
	seen_region(4, bd, bdCnt);
	seen_region(5, ints, intsCnt * sizeof(int));
	seen_region(6, pc, pcCnt);
	/* The regions are ours now, except `ints' (the stub frees it). */
	mig_deallocate((vm_address_t)a, aCnt);
	mig_deallocate((vm_address_t)d, dCnt);
	mig_deallocate((vm_address_t)dr, drCnt);
	mig_deallocate((vm_address_t)fx, 16);
	mig_deallocate((vm_address_t)bd, bdCnt);
	mig_deallocate((vm_address_t)pc, pcCnt);

	/* back: not Dealloc, so the server keeps its copy until later. */
	if (e2e_seen.kept != NULL)
		mig_deallocate((vm_address_t)e2e_seen.kept,
		    e2e_seen.kept_size);
	for (i = 0; i < aCnt; i++)
		(*back)[i] = e2e_pattern(10, i);
	e2e_seen.kept = *back;
	e2e_seen.kept_size = aCnt;
	/* backd: Dealloc, gone from the server's map once sent. */
	for (i = 0; i < *backdCnt; i++)
		(*backd)[i] = e2e_pattern(11, i);
	for (i = 0; i < intsCnt; i++)
		o[i] = (int)(i * i);
	*oints = o;
	return KERN_SUCCESS;
}

kern_return_t srv_e2e_strings(mach_port_t server, name32_t s, vname32_t vs,
    name32_t os, vname32_t ovs)
{
	size_t n = strlen(vs), i;

	(void)server;
	__atomic_fetch_add(&e2e_seen.calls, 1, __ATOMIC_RELAXED);
	strcpy(os, "srv:");
	strncat(os, s, 27);
	for (i = 0; i < n; i++)
		ovs[i] = vs[n - 1 - i];
	ovs[n] = '\0';
	return KERN_SUCCESS;
}

kern_return_t srv_e2e_ports_in(mach_port_t server, mach_port_t r,
    mach_port_t s, mach_port_t so, mach_port_t c, mach_port_t m,
    mach_port_t mo, mach_port_name_t nm)
{
	(void)server;
	__atomic_fetch_add(&e2e_seen.calls, 1, __ATOMIC_RELAXED);
	if (e2e_quiet) {
		(void)mach_port_mod_refs(self(), r,
		    MACH_PORT_RIGHT_RECEIVE, -1);
		(void)mach_port_deallocate(self(), s);
		(void)mach_port_deallocate(self(), so);
		(void)mach_port_deallocate(self(), c);
		(void)mach_port_deallocate(self(), m);
		(void)mach_port_deallocate(self(), mo);
		return KERN_SUCCESS;
	}
	e2e_seen.in_r = r;
	e2e_seen.in_s = s;
	e2e_seen.in_so = so;
	e2e_seen.in_c = c;
	e2e_seen.in_m = m;
	e2e_seen.in_mo = mo;
	e2e_seen.in_nm = nm;
	return KERN_SUCCESS;	/* the suite inspects and frees them */
}

kern_return_t srv_e2e_ports_out(mach_port_t server, mach_port_t *r,
    mach_port_t *s, mach_port_t *so, mach_port_t *c, mach_port_t *m,
    mach_port_t *mo)
{
	mach_port_name_t p1 = new_port(true), p2 = new_port(true);

	(void)server;
	__atomic_fetch_add(&e2e_seen.calls, 1, __ATOMIC_RELAXED);
	e2e_seen.out_p1 = p1;
	e2e_seen.out_p2 = p2;
	*r = new_port(false);		/* MOVE_RECEIVE: leaves us */
	*s = p1;			/* MOVE_SEND: p1 is receive-only after */
	*so = new_send_once(p1);	/* MOVE_SEND_ONCE */
	*c = p2;			/* COPY_SEND: we keep ours */
	*m = p2;			/* MAKE_SEND */
	*mo = p2;			/* MAKE_SEND_ONCE */
	return KERN_SUCCESS;
}

kern_return_t srv_e2e_poly(mach_port_t server, mach_port_t p,
    mach_msg_type_name_t pPoly, mach_port_t once,
    mach_msg_type_name_t oncePoly, int which, mach_port_t *q,
    mach_msg_type_name_t *qPoly)
{
	(void)server;
	__atomic_fetch_add(&e2e_seen.calls, 1, __ATOMIC_RELAXED);
	if (e2e_quiet) {
		(void)mach_port_deallocate(self(), once);
		*q = p;
		*qPoly = MACH_MSG_TYPE_MOVE_SEND;
		return KERN_SUCCESS;
	}
	e2e_seen.poly_p = p;
	e2e_seen.poly_pt = pPoly;
	e2e_seen.poly_once = once;
	e2e_seen.poly_oncet = oncePoly;
	e2e_seen.poly_q = MACH_PORT_NULL;
	switch (which) {
	case E2E_POLY_MOVE_SEND:
		*q = p;
		*qPoly = MACH_MSG_TYPE_MOVE_SEND;
		break;
	case E2E_POLY_COPY_SEND:
		*q = p;
		*qPoly = MACH_MSG_TYPE_COPY_SEND;
		break;
	case E2E_POLY_MOVE_RECEIVE:
		*q = p;
		*qPoly = MACH_MSG_TYPE_MOVE_RECEIVE;
		break;
	case E2E_POLY_NEW_RECEIVE:
		*q = e2e_seen.poly_q = new_port(false);
		*qPoly = MACH_MSG_TYPE_MOVE_RECEIVE;
		break;
	case E2E_POLY_MAKE_SEND_ONCE:
		*q = e2e_seen.poly_q = new_port(false);
		*qPoly = MACH_MSG_TYPE_MAKE_SEND_ONCE;
		break;
	default:
		return KERN_INVALID_ARGUMENT;
	}
	return KERN_SUCCESS;
}

kern_return_t srv_e2e_port_arrays(mach_port_t server, port4_t four,
    portvar_t some, mach_msg_type_number_t someCnt, oolports_t many,
    mach_msg_type_number_t manyCnt, oolports_t *back,
    mach_msg_type_number_t *backCnt)
{
	mach_msg_type_number_t i;

	(void)server;
	__atomic_fetch_add(&e2e_seen.calls, 1, __ATOMIC_RELAXED);
	if (manyCnt > 8)
		return KERN_INVALID_ARGUMENT;
	for (i = 0; i < 4; i++)
		e2e_seen.four[i] = four[i];
	e2e_seen.some_cnt = someCnt;
	for (i = 0; i < someCnt; i++)
		e2e_seen.some[i] = some[i];
	e2e_seen.many_cnt = manyCnt;
	for (i = 0; i < manyCnt; i++)
		e2e_seen.many[i] = many[i];
	/* The `many' rights go back, moved, in an array we let go of. */
	*backCnt = manyCnt;
	*back = region(manyCnt * sizeof(mach_port_t));
	if (manyCnt != 0 && *back == NULL)
		return KERN_RESOURCE_SHORTAGE;
	if (manyCnt != 0)
		memcpy(*back, many, manyCnt * sizeof(mach_port_t));
	mig_deallocate((vm_address_t)many, manyCnt * sizeof(mach_port_t));
	return KERN_SUCCESS;
}

kern_return_t srv_e2e_trailer(mach_port_t server, mach_port_seqno_t seq,
    security_token_t tok, audit_token_t aud, mach_port_seqno_t *oseq,
    security_token_t *otok, audit_token_t *oaud)
{
	(void)server;
	__atomic_fetch_add(&e2e_seen.calls, 1, __ATOMIC_RELAXED);
	*oseq = seq;
	*otok = tok;
	*oaud = aud;
	return KERN_SUCCESS;
}

kern_return_t srv_e2e_note(mach_port_t server, int v, mach_port_t p)
{
	(void)server;
	__atomic_fetch_add(&e2e_seen.calls, 1, __ATOMIC_RELAXED);
	if (e2e_quiet) {
		(void)v;
		(void)mach_port_deallocate(self(), p);
		return KERN_SUCCESS;
	}
	e2e_seen.notes++;
	e2e_seen.note_v = v;
	e2e_seen.note_p = p;	/* kept; the suite checks and frees it */
	return KERN_SUCCESS;
}

kern_return_t srv_e2e_fail(mach_port_t server, int code, mach_port_t p,
    ool_t d, mach_msg_type_number_t dCnt, int *never)
{
	(void)server;
	__atomic_fetch_add(&e2e_seen.calls, 1, __ATOMIC_RELAXED);
	if (code != KERN_SUCCESS) {
		e2e_seen.fails++;
		return code;	/* p and d stay in the request */
	}
	(void)mach_port_deallocate(self(), p);
	mig_deallocate((vm_address_t)d, dCnt);
	*never = 1;
	return KERN_SUCCESS;
}

kern_return_t srv_e2e_stop(mach_port_t server)
{
	__atomic_fetch_add(&e2e_seen.calls, 1, __ATOMIC_RELAXED);
	if (e2e_seen.kept != NULL) {
		mig_deallocate((vm_address_t)e2e_seen.kept,
		    e2e_seen.kept_size);
		e2e_seen.kept = NULL;
	}
	/* Our receive right goes; the loop's next receive ends it. */
	return mach_port_mod_refs(self(), server,
	    MACH_PORT_RIGHT_RECEIVE, -1);
}
