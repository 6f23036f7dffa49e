/*
 * test_e2e.c - end to end through generated code: the stubs mig made
 * from e2e.defs, called by the test thread (a thread of the bootstrap
 * task B), through the kernel, to the generated demux run by
 * mach_msg_server (or mach_msg_server_once) on a thread of another task
 * S, and back.
 *
 * After each call the suite checks the values, and the rights and user
 * references left in both spaces; every test case ends with both spaces
 * equal to their snapshots from before it, the map region counts and the
 * kernel's object counts back, and the invariant walkers clean.  A second
 * test case sends malformed requests by hand and checks the MIG_* code
 * of each answer and that the request's rights and memory were destroyed
 * (notifications prove the rights died rather than leaked).
 */
#include <check.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <mach/mach.h>
#include <mach/task.h>
#include <mach/mach_init.h>
#include <mach/mach_traps.h>
#include <mach/mig.h>
#include <mach/mig_errors.h>
#include <mach/notify.h>
#include <machsim/machsim.h>

#include "e2e.h"
#include "e2e_srv.h"
#include "e2e_util.h"

Suite *e2e_suite(void);

/* The service port's name in the server task. */
#define SVC_NAME	0x5003u

#define ME		mach_task_self()

/* ---- the world: a server task, its loop, and snapshots ------------------- */

static struct {
	mach_port_t		S;	/* the server task */
	mach_port_name_t	svc;	/* our send right to the service */
	pthread_t		th;
	bool			once;	/* loop on mach_msg_server_once */
	mach_msg_options_t	opts;
	mach_msg_return_t	loop_rc;
	struct eu_counts	counts0;
	struct eu_snap		snapB, snapS;
	size_t			regionsB, regionsS;
} w;

static void *serve_main(void *arg)
{
	(void)arg;
	/* What this thread makes once (its self name's uref, its MIG reply
	   port) exists before the snapshots. */
	(void)mach_task_self();
	(void)mig_get_reply_port();
	if (!w.once) {
		w.loop_rc = e2e_serve(SVC_NAME, w.opts);
		return NULL;
	}
	do
		w.loop_rc = mach_msg_server_once(e2e_server, e2e_max_request,
		    SVC_NAME, w.opts);
	while (w.loop_rc == MACH_MSG_SUCCESS);
	return NULL;
}

static void check_verify(mach_port_t task)
{
	char why[256] = "";

	ck_assert_msg(eu_verify(task, true, why, sizeof(why)), "%s", why);
}

static void world_up(void)
{
	mach_port_name_t p = MACH_PORT_NULL;
	int acc = 0;
	int64_t sum;
	triple_t t = { { 1, 2, 3 } }, tt;

	(void)mig_get_reply_port();
	eu_counts(&w.counts0);
	e2e_seen_reset();
	e2e_quiet = false;
	w.S = eu_task_create();
	/* The service port: receive right into S, a send right kept here. */
	ck_assert_int_eq(eu_allocate(ME, MACH_PORT_RIGHT_RECEIVE, &p),
	    KERN_SUCCESS);
	ck_assert_int_eq(eu_insert_right(ME, p, p, MACH_MSG_TYPE_MAKE_SEND),
	    KERN_SUCCESS);
	ck_assert_int_eq(eu_insert_right(w.S, SVC_NAME, p,
	    MACH_MSG_TYPE_MOVE_RECEIVE), KERN_SUCCESS);
	ck_assert_uint_eq(eu_type(ME, p), MACH_PORT_TYPE_SEND);
	w.svc = p;
	ck_assert_int_eq(machsim_thread_spawn(w.S, serve_main, NULL, &w.th),
	    KERN_SUCCESS);
	/* One call so that everything lazily made exists before the
	   snapshots. */
	ck_assert_int_eq(e2e_scalars(w.svc, 1, 2, t, &acc, &sum, &tt),
	    KERN_SUCCESS);
	eu_snap_take(ME, &w.snapB);
	eu_snap_take(w.S, &w.snapS);
	w.regionsB = eu_regions(ME);
	w.regionsS = eu_regions(w.S);
}

static void world_up_server(void)
{
	w.once = false;
	w.opts = E2E_RCV_OPTIONS;
	world_up();
}

static void world_up_once_plain(void)
{
	w.once = true;
	w.opts = 0;
	world_up();
}

/* Both spaces as they were after world_up. */
static void check_spaces_back(void)
{
	struct eu_snap b, s;
	char why[256] = "";
	bool okb, oks;

	eu_snap_take(ME, &b);
	eu_snap_take(w.S, &s);
	okb = eu_snap_same(&w.snapB, &b, why, sizeof(why));
	ck_assert_msg(okb, "client %s", why);
	oks = eu_snap_same(&w.snapS, &s, why, sizeof(why));
	ck_assert_msg(oks, "server %s", why);
	eu_snap_free(&b);
	eu_snap_free(&s);
	ck_assert_uint_eq(eu_regions(ME), w.regionsB);
	ck_assert_uint_eq(eu_regions(w.S), w.regionsS);
	check_verify(w.S);
	check_verify(ME);
}

static void world_down(void)
{
	struct eu_counts c;

	check_spaces_back();
	eu_snap_free(&w.snapB);
	eu_snap_free(&w.snapS);
	ck_assert_int_eq(e2e_stop(w.svc), KERN_SUCCESS);
	pthread_join(w.th, NULL);
	ck_assert_msg(w.loop_rc == MACH_RCV_INVALID_NAME ||
	    w.loop_rc == MACH_RCV_PORT_DIED, "loop ended with 0x%x",
	    w.loop_rc);
	/* The service died: our send right reads as a dead name. */
	ck_assert_uint_eq(eu_type(ME, w.svc), MACH_PORT_TYPE_DEAD_NAME);
	ck_assert_uint_eq(eu_refs(ME, w.svc, MACH_PORT_RIGHT_DEAD_NAME), 1);
	ck_assert_int_eq(eu_deallocate(ME, w.svc), KERN_SUCCESS);
	eu_task_destroy(w.S);
	eu_counts(&c);
	ck_assert_uint_eq(c.ports, w.counts0.ports);
	ck_assert_uint_eq(c.psets, w.counts0.psets);
	ck_assert_uint_eq(c.kmsgs, w.counts0.kmsgs);
	ck_assert_uint_eq(c.spaces, w.counts0.spaces);
	check_verify(ME);
}

/* ---- helpers in the client's space ------------------------------------- */

static mach_port_name_t port_new(bool with_send)
{
	mach_port_name_t n = MACH_PORT_NULL;

	ck_assert_int_eq(eu_allocate(ME, MACH_PORT_RIGHT_RECEIVE, &n),
	    KERN_SUCCESS);
	if (with_send)
		ck_assert_int_eq(eu_insert_right(ME, n, n,
		    MACH_MSG_TYPE_MAKE_SEND), KERN_SUCCESS);
	return n;
}

static void port_destroy(mach_port_t task, mach_port_name_t n)
{
	ck_assert_int_eq(mach_port_destroy(task, n),
	    KERN_SUCCESS);
}

/* A send-once right to port under its own name (a message to ourselves). */
static mach_port_name_t sonce_new(mach_port_name_t port)
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
	ck_assert_int_eq(mach_msg(&m.h, MACH_SEND_MSG | MACH_RCV_MSG |
	    MACH_RCV_TIMEOUT, sizeof(m.h), sizeof(m), port, 0,
	    MACH_PORT_NULL), MACH_MSG_SUCCESS);
	ck_assert_uint_eq(eu_type(ME, m.h.msgh_remote_port),
	    MACH_PORT_TYPE_SEND_ONCE);
	return m.h.msgh_remote_port;
}

/* Receive one message on port within 5 s; it must have this id. */
static void expect_msg(mach_port_name_t port, mach_msg_id_t id)
{
	union {
		mach_msg_header_t	h;
		uint8_t			b[1024];
	} u;

	ck_assert_int_eq(mach_msg(&u.h, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0,
	    sizeof(u), port, 5000, MACH_PORT_NULL), MACH_MSG_SUCCESS);
	ck_assert_int_eq(u.h.msgh_id, id);
	mach_msg_destroy(&u.h);
}

static void expect_empty(mach_port_name_t port)
{
	union {
		mach_msg_header_t	h;
		uint8_t			b[1024];
	} u;

	ck_assert_int_eq(mach_msg(&u.h, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0,
	    sizeof(u), port, 0, MACH_PORT_NULL), MACH_RCV_TIMED_OUT);
}

/* Arm a no-senders notification on port, sent to notify. */
static void arm_no_senders(mach_port_name_t port, mach_port_name_t notify)
{
	mach_port_name_t prev = MACH_PORT_NULL;

	/* sync = 1: wait for a send right to be made and to go */
	ck_assert_int_eq(mach_port_request_notification(ME,
	    port, MACH_NOTIFY_NO_SENDERS, 1, notify,
	    MACH_MSG_TYPE_MAKE_SEND_ONCE, &prev), KERN_SUCCESS);
	ck_assert_uint_eq(prev, MACH_PORT_NULL);
}

/* A region of ours holding pattern k. */
static uint8_t *region_new(unsigned k, size_t size)
{
	vm_address_t a = 0;
	size_t i;

	mig_allocate(&a, size);
	ck_assert(a != 0);
	for (i = 0; i < size; i++)
		((uint8_t *)a)[i] = e2e_pattern(k, i);
	return (uint8_t *)a;
}

static void region_free(const void *p, size_t size)
{
	ck_assert_int_eq(eu_vm_deallocate(ME, p, size), KERN_SUCCESS);
}

static bool region_is(const uint8_t *p, unsigned k, size_t size)
{
	size_t i;

	for (i = 0; i < size; i++)
		if (p[i] != e2e_pattern(k, i))
			return false;
	return true;
}

/* ---- data ------------------------------------------------------------------ */

START_TEST(scalars)
{
	triple_t t = { { 10, -20, 30 } }, tt;
	int64_t sum = 0;
	int acc = 5;

	ck_assert_int_eq(e2e_scalars(w.svc, -7, (int64_t)1 << 40, t, &acc,
	    &sum, &tt), KERN_SUCCESS);
	ck_assert_int_eq(acc, -2);
	ck_assert(sum == ((int64_t)1 << 40) - 7);
	ck_assert_int_eq(tt.v[0], 31);
	ck_assert_int_eq(tt.v[1], -19);
	ck_assert_int_eq(tt.v[2], 11);
}
END_TEST

START_TEST(inline_arrays)
{
	int4_t f = { 1, 2, 3, 4 }, ofx;
	intvar_t v, ov;
	bytes13_t c = "hello, world";
	mach_msg_type_number_t ovCnt, n;
	int otail = 0, i;
	uint32_t calls;

	for (i = 0; i < 16; i++)
		v[i] = i + 1;
	/* Every count from 0 to the bound: the tail moves with it. */
	for (n = 0; n <= 16; n++) {
		memset(ov, 0x55, sizeof(ov));
		ovCnt = 99;
		ck_assert_int_eq(e2e_inline(w.svc, f, v, n, 1000 + (int)n, c,
		    ofx, ov, &ovCnt, &otail), KERN_SUCCESS);
		ck_assert_uint_eq(ovCnt, n);
		ck_assert_int_eq(otail, 2 * (1000 + (int)n));
		for (i = 0; i < (int)n; i++)
			ck_assert_int_eq(ov[i], -v[n - 1 - (unsigned)i]);
		for (i = 0; i < 4; i++)
			ck_assert_int_eq(ofx[i], f[3 - i]);
		/* inout: the server flips the case of each byte */
		ck_assert_int_eq(c[0], (n % 2) ? 'h' : 'H');
	}
	/* A count above the bound is refused before anything is sent. */
	calls = e2e_seen.calls;
	ck_assert_int_eq(e2e_inline(w.svc, f, v, 17, 0, c, ofx, ov, &ovCnt,
	    &otail), MIG_ARRAY_TOO_LARGE);
	ck_assert_int_eq(e2e_inline(w.svc, f, v, 0, 0, c, ofx, ov, &ovCnt,
	    &otail), KERN_SUCCESS);
	ck_assert_uint_eq(e2e_seen.calls, calls + 1);
}
END_TEST

START_TEST(count_in_out)
{
	intvar_t wv;
	mach_msg_type_number_t cnt;
	int i;

	/* Room for all: the server sees capacity min(16, ours). */
	memset(wv, 0, sizeof(wv));
	cnt = 16;
	ck_assert_int_eq(e2e_countinout(w.svc, 10, wv, &cnt), KERN_SUCCESS);
	ck_assert_uint_eq(e2e_seen.cio_capacity, 16);
	ck_assert_uint_eq(cnt, 10);
	for (i = 0; i < 10; i++)
		ck_assert_int_eq(wv[i], 100 + i);
	cnt = 40;
	ck_assert_int_eq(e2e_countinout(w.svc, 3, wv, &cnt), KERN_SUCCESS);
	ck_assert_uint_eq(e2e_seen.cio_capacity, 16);
	ck_assert_uint_eq(cnt, 3);
	/* Too small: the first 4 copied, the real count and the error. */
	memset(wv, 0, sizeof(wv));
	cnt = 4;
	ck_assert_int_eq(e2e_countinout(w.svc, 10, wv, &cnt),
	    MIG_ARRAY_TOO_LARGE);
	ck_assert_uint_eq(e2e_seen.cio_capacity, 4);
	ck_assert_uint_eq(cnt, 10);
	for (i = 0; i < 4; i++)
		ck_assert_int_eq(wv[i], 100 + i);
	ck_assert_int_eq(wv[4], 0);
	/* A server error comes back as the routine's result. */
	cnt = 16;
	ck_assert_int_eq(e2e_countinout(w.svc, 17, wv, &cnt),
	    KERN_INVALID_ARGUMENT);
}
END_TEST

/* One e2e_ool call; dr_dealloc chooses Dealloc[] at run time. */
static void ool_round(bool dr_dealloc, size_t asz)
{
	const size_t dsz = 5000, drsz = 3 * 4096, bdsz = 40, pcsz = 777;
	const mach_msg_type_number_t nints = 100;
	uint8_t *a = region_new(0, asz ? asz : 1), *d = region_new(1, dsz);
	uint8_t *dr = region_new(2, drsz), *fx = region_new(3, 16);
	uint8_t *bd = region_new(4, bdsz), *pc = region_new(6, pcsz);
	uint8_t *ints = region_new(5, nints * sizeof(int));
	ool_t back = NULL, backd = NULL;
	ints_t oints = NULL;
	mach_msg_type_number_t backCnt = 0, backdCnt = 0, ointsCnt = 0, i;
	size_t rb = eu_regions(ME), rs = eu_regions(w.S);
	unsigned k;

	ck_assert_int_eq(e2e_ool(w.svc, a, (mach_msg_type_number_t)asz, d,
	    (mach_msg_type_number_t)dsz, dr, (mach_msg_type_number_t)drsz,
	    dr_dealloc, fx, bd, (mach_msg_type_number_t)bdsz, (ints_t)ints,
	    nints, pc, (mach_msg_type_number_t)pcsz, &back, &backCnt, &backd,
	    &backdCnt, &oints, &ointsCnt), KERN_SUCCESS);
	/* What the server received. */
	ck_assert_uint_eq(e2e_seen.ool_sizes[0], asz);
	ck_assert_uint_eq(e2e_seen.ool_sizes[1], dsz);
	ck_assert_uint_eq(e2e_seen.ool_sizes[2], drsz);
	ck_assert_uint_eq(e2e_seen.ool_sizes[3], 16);
	ck_assert_uint_eq(e2e_seen.ool_sizes[4], bdsz);
	ck_assert_uint_eq(e2e_seen.ool_sizes[5], nints * sizeof(int));
	ck_assert_uint_eq(e2e_seen.ool_sizes[6], pcsz);
	for (k = 0; k < 7; k++)
		ck_assert_msg(e2e_seen.ool_ok[k], "region %u garbled", k);
	/* What came back. */
	ck_assert_uint_eq(backCnt, asz);
	ck_assert(asz == 0 ? back == NULL : region_is(back, 10, asz));
	ck_assert_uint_eq(backdCnt, 3 * 4096 + 5);
	ck_assert(region_is(backd, 11, backdCnt));
	ck_assert_uint_eq(ointsCnt, nints);
	for (i = 0; i < nints; i++)
		ck_assert_int_eq(oints[i], (int)(i * i));
	/* Maps: Dealloc regions left us (d, and dr when chosen); three
	   arrived (back, backd, oints; none for an empty back).  The server
	   freed what it was given and keeps only `back'. */
	ck_assert_uint_eq(eu_regions(ME), rb - 1 - (dr_dealloc ? 1 : 0) +
	    (asz ? 3 : 2));
	ck_assert_uint_eq(eu_regions(w.S), w.regionsS + (asz ? 1 : 0));
	(void)rs;
	/* The sender's copy is untouched (a snapshot was sent). */
	ck_assert(region_is(a, 0, asz));
	if (!dr_dealloc) {
		ck_assert(region_is(dr, 2, drsz));
		region_free(dr, drsz);
	}
	region_free(a, asz ? asz : 1);
	region_free(fx, 16);
	region_free(bd, bdsz);
	region_free(pc, pcsz);
	region_free(ints, nints * sizeof(int));
	if (asz)
		region_free(back, backCnt);
	region_free(backd, backdCnt);
	region_free(oints, ointsCnt * sizeof(int));
}

START_TEST(ool_data)
{
	uint8_t small[65];

	ool_round(true, 3 * 4096 + 123);
	ool_round(false, 1);
	ool_round(true, 0);
	/* The server kept the last `back' region; a new round frees it. */
	ool_round(false, 4096);
	ck_assert_uint_eq(eu_regions(w.S), w.regionsS + 1);
	/* A bounded OOL count above its bound is refused before sending. */
	memset(small, 0, sizeof(small));
	{
		ool_t back, backd;
		ints_t oints;
		mach_msg_type_number_t c1, c2, c3;

		ck_assert_int_eq(e2e_ool(w.svc, small, 1, small, 1, small, 1,
		    FALSE, small, small, 65, (ints_t)(void *)small, 1, small, 1,
		    &back, &c1, &backd, &c2, &oints, &c3),
		    MIG_ARRAY_TOO_LARGE);
	}
	/* world_down's snapshot check wants the kept region gone. */
	ool_round(false, 0);
	ck_assert_uint_eq(eu_regions(w.S), w.regionsS);
}
END_TEST

START_TEST(strings)
{
	name32_t s, os;
	vname32_t vs, ovs;
	char longs[64];

	strcpy(s, "fixed");
	strcpy(vs, "abcdef");
	ck_assert_int_eq(e2e_strings(w.svc, s, vs, os, ovs), KERN_SUCCESS);
	ck_assert_str_eq(os, "srv:fixed");
	ck_assert_str_eq(ovs, "fedcba");
	s[0] = vs[0] = '\0';
	ck_assert_int_eq(e2e_strings(w.svc, s, vs, os, ovs), KERN_SUCCESS);
	ck_assert_str_eq(os, "srv:");
	ck_assert_str_eq(ovs, "");
	/* A variable string longer than its bound is cut to 31 bytes, by
	   the client (the stub reads at most the bound). */
	memset(longs, 'x', sizeof(longs));
	longs[0] = 'a';
	longs[63] = '\0';
	strcpy(s, "a-31-byte-string-ends-right-her");
	ck_assert_int_eq(e2e_strings(w.svc, s, longs, os, ovs), KERN_SUCCESS);
	ck_assert_str_eq(os, "srv:a-31-byte-string-ends-right");
	ck_assert_uint_eq(strlen(ovs), 31);
	ck_assert_int_eq(ovs[30], 'a');
	ck_assert_int_eq(ovs[0], 'x');
}
END_TEST

/* ---- ports ------------------------------------------------------------------ */

START_TEST(ports_in)
{
	mach_port_name_t r = port_new(false), p = port_new(true);
	mach_port_name_t q = port_new(true), mo = port_new(false);
	mach_port_name_t so = sonce_new(q);
	struct { mach_port_name_t r, s, so, c, m, mo; } sn;

	/* r: MOVE_RECEIVE; p: MOVE_SEND of its only uref, then MAKE_SEND
	   from its receive right; q: COPY_SEND, and the send-once right;
	   mo: MAKE_SEND_ONCE. */
	ck_assert_int_eq(e2e_ports_in(w.svc, r, p, so, q, p, mo, 0x1234),
	    KERN_SUCCESS);
	sn.r = e2e_seen.in_r;
	sn.s = e2e_seen.in_s;
	sn.so = e2e_seen.in_so;
	sn.c = e2e_seen.in_c;
	sn.m = e2e_seen.in_m;
	sn.mo = e2e_seen.in_mo;
	ck_assert_uint_eq(e2e_seen.in_nm, 0x1234);	/* a plain name */
	/* Client: r and so are gone, p is receive-only, q and mo as they
	   were. */
	ck_assert_uint_eq(eu_type(ME, r), 0);
	ck_assert_uint_eq(eu_type(ME, so), 0);
	ck_assert_uint_eq(eu_type(ME, p), MACH_PORT_TYPE_RECEIVE);
	ck_assert_uint_eq(eu_type(ME, q), MACH_PORT_TYPE_SEND_RECEIVE);
	ck_assert_uint_eq(eu_refs(ME, q, MACH_PORT_RIGHT_SEND), 1);
	ck_assert_uint_eq(eu_type(ME, mo), MACH_PORT_TYPE_RECEIVE);
	/* Server: the moved and the made send right for p merged into one
	   name with 2 urefs; each send-once right has a name of its own. */
	ck_assert_uint_eq(eu_type(w.S, sn.r), MACH_PORT_TYPE_RECEIVE);
	ck_assert_uint_eq(sn.s, sn.m);
	ck_assert_uint_eq(eu_type(w.S, sn.s), MACH_PORT_TYPE_SEND);
	ck_assert_uint_eq(eu_refs(w.S, sn.s, MACH_PORT_RIGHT_SEND), 2);
	ck_assert_uint_eq(eu_type(w.S, sn.c), MACH_PORT_TYPE_SEND);
	ck_assert_uint_eq(eu_refs(w.S, sn.c, MACH_PORT_RIGHT_SEND), 1);
	ck_assert_uint_ne(sn.c, sn.s);
	ck_assert_uint_eq(eu_type(w.S, sn.so), MACH_PORT_TYPE_SEND_ONCE);
	ck_assert_uint_eq(eu_type(w.S, sn.mo), MACH_PORT_TYPE_SEND_ONCE);
	ck_assert_uint_ne(sn.so, sn.mo);
	check_verify(w.S);
	check_verify(ME);
	/* Destroying the server's send-once rights notifies their ports. */
	ck_assert_int_eq(eu_deallocate(w.S, sn.mo), KERN_SUCCESS);
	expect_msg(mo, MACH_NOTIFY_SEND_ONCE);
	ck_assert_int_eq(eu_deallocate(w.S, sn.so), KERN_SUCCESS);
	expect_msg(q, MACH_NOTIFY_SEND_ONCE);
	/* The server's receive right dies; its rights here go. */
	ck_assert_int_eq(eu_mod_refs(w.S, sn.s, MACH_PORT_RIGHT_SEND, -2),
	    KERN_SUCCESS);
	ck_assert_int_eq(eu_deallocate(w.S, sn.c), KERN_SUCCESS);
	port_destroy(w.S, sn.r);
	port_destroy(ME, p);
	port_destroy(ME, q);
	port_destroy(ME, mo);
}
END_TEST

/*
 * MACH-SEMANTICS 2.2: MOVE_SEND of one uref of a name that keeps others
 * adds a send right (srights++), so no-senders waits until the name's
 * own right goes too (it used to fire while a send right still existed).
 */
START_TEST(move_send_keeps_urefs)
{
	mach_port_name_t p = port_new(true), nfy = port_new(false);
	mach_port_name_t srv;

	ck_assert_int_eq(eu_mod_refs(ME, p, MACH_PORT_RIGHT_SEND, 1),
	    KERN_SUCCESS);			/* 2 urefs, one right */
	arm_no_senders(p, nfy);
	ck_assert_int_eq(e2e_note(w.svc, 1, p), KERN_SUCCESS);
	{
		triple_t t = { { 0, 0, 0 } }, tt;
		int64_t sum;
		int acc = 0;

		ck_assert_int_eq(e2e_scalars(w.svc, 0, 0, t, &acc, &sum, &tt),
		    KERN_SUCCESS);
	}
	srv = e2e_seen.note_p;
	ck_assert_uint_eq(eu_refs(ME, p, MACH_PORT_RIGHT_SEND), 1);
	check_verify(w.S);
	/* The server drops its right: ours still exists, so no-senders must
	   not fire. */
	ck_assert_int_eq(eu_deallocate(w.S, srv), KERN_SUCCESS);
	expect_empty(nfy);
	ck_assert_int_eq(eu_deallocate(ME, p), KERN_SUCCESS);
	expect_msg(nfy, MACH_NOTIFY_NO_SENDERS);
	port_destroy(ME, p);
	port_destroy(ME, nfy);
}
END_TEST

START_TEST(ports_out)
{
	mach_port_t r = 0, s = 0, so = 0, c = 0, m = 0, mo = 0;
	mach_port_name_t p1, p2;

	ck_assert_int_eq(e2e_ports_out(w.svc, &r, &s, &so, &c, &m, &mo),
	    KERN_SUCCESS);
	p1 = e2e_seen.out_p1;
	p2 = e2e_seen.out_p2;
	/* Client side. */
	ck_assert_uint_eq(eu_type(ME, r), MACH_PORT_TYPE_RECEIVE);
	ck_assert_uint_eq(eu_type(ME, s), MACH_PORT_TYPE_SEND);
	ck_assert_uint_eq(eu_refs(ME, s, MACH_PORT_RIGHT_SEND), 1);
	ck_assert_uint_eq(eu_type(ME, so), MACH_PORT_TYPE_SEND_ONCE);
	ck_assert_uint_eq(c, m);		/* copied and made: one name */
	ck_assert_uint_eq(eu_type(ME, c), MACH_PORT_TYPE_SEND);
	ck_assert_uint_eq(eu_refs(ME, c, MACH_PORT_RIGHT_SEND), 2);
	ck_assert_uint_eq(eu_type(ME, mo), MACH_PORT_TYPE_SEND_ONCE);
	ck_assert_uint_ne(so, mo);
	ck_assert_uint_ne(s, c);
	/* Server side: p1's send right moved away, p2's copied. */
	ck_assert_uint_eq(eu_type(w.S, p1), MACH_PORT_TYPE_RECEIVE);
	ck_assert_uint_eq(eu_type(w.S, p2), MACH_PORT_TYPE_SEND_RECEIVE);
	ck_assert_uint_eq(eu_refs(w.S, p2, MACH_PORT_RIGHT_SEND), 1);
	check_verify(w.S);
	check_verify(ME);
	/* The rights work: so and s reach p1, mo reaches p2. */
	ck_assert_int_eq(eu_deallocate(ME, so), KERN_SUCCESS);
	ck_assert_int_eq(eu_deallocate(ME, mo), KERN_SUCCESS);
	/* p1 dies: our send right becomes a dead name. */
	port_destroy(w.S, p1);
	ck_assert_uint_eq(eu_type(ME, s), MACH_PORT_TYPE_DEAD_NAME);
	ck_assert_int_eq(eu_deallocate(ME, s), KERN_SUCCESS);
	ck_assert_int_eq(eu_mod_refs(ME, c, MACH_PORT_RIGHT_SEND, -2),
	    KERN_SUCCESS);
	port_destroy(w.S, p2);
	port_destroy(ME, r);
}
END_TEST

START_TEST(polymorphic)
{
	mach_port_name_t p = port_new(true), n = port_new(false), q = 0;
	mach_msg_type_name_t qt = 0;

	/* COPY_SEND in, MOVE_SEND back: we end with 2 urefs on p. */
	ck_assert_int_eq(e2e_poly(w.svc, p, MACH_MSG_TYPE_COPY_SEND, n,
	    E2E_POLY_MOVE_SEND, &q, &qt), KERN_SUCCESS);
	ck_assert_uint_eq(e2e_seen.poly_pt, MACH_MSG_TYPE_PORT_SEND);
	ck_assert_uint_eq(e2e_seen.poly_oncet, MACH_MSG_TYPE_PORT_SEND_ONCE);
	ck_assert_uint_eq(eu_type(w.S, e2e_seen.poly_once),
	    MACH_PORT_TYPE_SEND_ONCE);
	ck_assert_uint_eq(eu_type(w.S, e2e_seen.poly_p), 0);
	ck_assert_uint_eq(q, p);
	ck_assert_uint_eq(qt, MACH_MSG_TYPE_PORT_SEND);
	ck_assert_uint_eq(eu_refs(ME, p, MACH_PORT_RIGHT_SEND), 2);
	ck_assert_int_eq(eu_deallocate(w.S, e2e_seen.poly_once),
	    KERN_SUCCESS);
	expect_msg(n, MACH_NOTIFY_SEND_ONCE);

	/* MAKE_SEND in, COPY_SEND back: the server keeps one. */
	ck_assert_int_eq(e2e_poly(w.svc, p, MACH_MSG_TYPE_MAKE_SEND, n,
	    E2E_POLY_COPY_SEND, &q, &qt), KERN_SUCCESS);
	ck_assert_uint_eq(e2e_seen.poly_pt, MACH_MSG_TYPE_PORT_SEND);
	ck_assert_uint_eq(eu_type(w.S, e2e_seen.poly_p), MACH_PORT_TYPE_SEND);
	ck_assert_uint_eq(eu_refs(w.S, e2e_seen.poly_p, MACH_PORT_RIGHT_SEND),
	    1);
	ck_assert_uint_eq(q, p);
	ck_assert_uint_eq(eu_refs(ME, p, MACH_PORT_RIGHT_SEND), 3);
	ck_assert_int_eq(eu_deallocate(w.S, e2e_seen.poly_p), KERN_SUCCESS);
	ck_assert_int_eq(eu_deallocate(w.S, e2e_seen.poly_once),
	    KERN_SUCCESS);
	expect_msg(n, MACH_NOTIFY_SEND_ONCE);

	/* MOVE_RECEIVE in and back: the send part stayed under p, so the
	   receive right comes home to the same name. */
	ck_assert_int_eq(e2e_poly(w.svc, p, MACH_MSG_TYPE_MOVE_RECEIVE, n,
	    E2E_POLY_MOVE_RECEIVE, &q, &qt), KERN_SUCCESS);
	ck_assert_uint_eq(e2e_seen.poly_pt, MACH_MSG_TYPE_PORT_RECEIVE);
	ck_assert_uint_eq(eu_type(w.S, e2e_seen.poly_p), 0);
	ck_assert_uint_eq(qt, MACH_MSG_TYPE_PORT_RECEIVE);
	ck_assert_uint_eq(q, p);
	ck_assert_uint_eq(eu_type(ME, p), MACH_PORT_TYPE_SEND_RECEIVE);
	ck_assert_uint_eq(eu_refs(ME, p, MACH_PORT_RIGHT_SEND), 3);
	ck_assert_int_eq(eu_deallocate(w.S, e2e_seen.poly_once),
	    KERN_SUCCESS);
	expect_msg(n, MACH_NOTIFY_SEND_ONCE);

	/* A new receive right, then a send-once right, from the server. */
	ck_assert_int_eq(e2e_poly(w.svc, MACH_PORT_NULL,
	    MACH_MSG_TYPE_COPY_SEND, n, E2E_POLY_NEW_RECEIVE, &q, &qt),
	    KERN_SUCCESS);
	ck_assert_uint_eq(e2e_seen.poly_p, MACH_PORT_NULL);
	ck_assert_uint_eq(qt, MACH_MSG_TYPE_PORT_RECEIVE);
	ck_assert_uint_eq(eu_type(ME, q), MACH_PORT_TYPE_RECEIVE);
	ck_assert_uint_eq(eu_type(w.S, e2e_seen.poly_q), 0);
	port_destroy(ME, q);
	ck_assert_int_eq(eu_deallocate(w.S, e2e_seen.poly_once),
	    KERN_SUCCESS);
	expect_msg(n, MACH_NOTIFY_SEND_ONCE);

	ck_assert_int_eq(e2e_poly(w.svc, MACH_PORT_DEAD,
	    MACH_MSG_TYPE_MOVE_SEND, n, E2E_POLY_MAKE_SEND_ONCE, &q, &qt),
	    KERN_SUCCESS);
	ck_assert_uint_eq(e2e_seen.poly_p, MACH_PORT_DEAD);
	ck_assert_uint_eq(qt, MACH_MSG_TYPE_PORT_SEND_ONCE);
	ck_assert_uint_eq(eu_type(ME, q), MACH_PORT_TYPE_SEND_ONCE);
	ck_assert_uint_eq(eu_type(w.S, e2e_seen.poly_q),
	    MACH_PORT_TYPE_RECEIVE);
	/* Our send-once right dies with its port: a dead name here. */
	port_destroy(w.S, e2e_seen.poly_q);
	ck_assert_uint_eq(eu_type(ME, q), MACH_PORT_TYPE_DEAD_NAME);
	ck_assert_int_eq(eu_deallocate(ME, q), KERN_SUCCESS);
	ck_assert_int_eq(eu_deallocate(w.S, e2e_seen.poly_once),
	    KERN_SUCCESS);
	expect_msg(n, MACH_NOTIFY_SEND_ONCE);
	expect_empty(n);

	port_destroy(ME, p);
	port_destroy(ME, n);
}
END_TEST

START_TEST(port_arrays)
{
	mach_port_name_t a = port_new(true), b = port_new(true);
	mach_port_t four[4], some[4], many[3], *back = NULL;
	mach_msg_type_number_t backCnt = 0, i;
	mach_port_name_t srv_a;

	ck_assert_int_eq(eu_mod_refs(ME, a, MACH_PORT_RIGHT_SEND, 2),
	    KERN_SUCCESS);				/* a: 3 urefs */
	four[0] = a;
	four[1] = b;
	four[2] = MACH_PORT_NULL;
	four[3] = MACH_PORT_DEAD;
	some[0] = b;
	some[1] = a;
	many[0] = a;
	many[1] = b;
	many[2] = a;
	ck_assert_int_eq(e2e_port_arrays(w.svc, four, some, 2, many, 3, &back,
	    &backCnt), KERN_SUCCESS);
	/* Server: NULL and DEAD passed through; copies merged per port. */
	srv_a = e2e_seen.four[0];
	ck_assert_uint_eq(e2e_seen.four[2], MACH_PORT_NULL);
	ck_assert_uint_eq(e2e_seen.four[3], MACH_PORT_DEAD);
	ck_assert_uint_eq(e2e_seen.some_cnt, 2);
	ck_assert_uint_eq(e2e_seen.some[1], srv_a);
	ck_assert_uint_eq(e2e_seen.some[0], e2e_seen.four[1]);
	ck_assert_uint_eq(e2e_seen.many_cnt, 3);
	ck_assert_uint_eq(e2e_seen.many[0], srv_a);
	ck_assert_uint_eq(e2e_seen.many[2], srv_a);
	/* a: four[0], some[1] copied, many[0] and many[2] moved back out;
	   b: four[1], some[0] copied. */
	ck_assert_uint_eq(eu_refs(w.S, srv_a, MACH_PORT_RIGHT_SEND), 2);
	ck_assert_uint_eq(eu_refs(w.S, e2e_seen.four[1], MACH_PORT_RIGHT_SEND),
	    2);
	/* Client: the moved rights came back in `back'. */
	ck_assert_uint_eq(backCnt, 3);
	ck_assert_uint_eq(back[0], a);
	ck_assert_uint_eq(back[1], b);
	ck_assert_uint_eq(back[2], a);
	ck_assert_uint_eq(eu_refs(ME, a, MACH_PORT_RIGHT_SEND), 3);
	ck_assert_uint_eq(eu_refs(ME, b, MACH_PORT_RIGHT_SEND), 1);
	region_free(back, backCnt * sizeof(mach_port_t));
	for (i = 0; i < 2; i++)
		ck_assert_int_eq(eu_mod_refs(w.S, e2e_seen.four[i],
		    MACH_PORT_RIGHT_SEND, -2), KERN_SUCCESS);
	port_destroy(ME, a);
	port_destroy(ME, b);
}
END_TEST

START_TEST(trailer_tokens)
{
	mach_port_seqno_t s1 = 0, s2 = 0;
	security_token_t tok;
	audit_token_t aud;

	ck_assert_int_eq(e2e_trailer(w.svc, &s1, &tok, &aud), KERN_SUCCESS);
	ck_assert_uint_eq(tok.val[0], (unsigned)geteuid());
	ck_assert_uint_eq(tok.val[1], (unsigned)getegid());
	ck_assert_uint_eq(aud.val[1], (unsigned)geteuid());
	ck_assert_uint_eq(aud.val[2], (unsigned)getegid());
	ck_assert_uint_eq(aud.val[5], (unsigned)getpid());
	ck_assert_int_eq(e2e_trailer(w.svc, &s2, &tok, &aud), KERN_SUCCESS);
	ck_assert_uint_eq(s2, s1 + 1);
	/* The setup call and this test's first: seqnos start at 0 for a
	   port that moved into the server with MOVE_RECEIVE. */
	ck_assert_uint_eq(s1, 1);
}
END_TEST

START_TEST(simpleroutine)
{
	mach_port_name_t p = port_new(true), nfy = port_new(false);
	triple_t t = { { 0, 0, 0 } }, tt;
	int64_t sum;
	int acc = 0;

	arm_no_senders(p, nfy);
	ck_assert_int_eq(e2e_note(w.svc, 42, p), KERN_SUCCESS);
	/* p's only send right moved; p is receive-only here now. */
	ck_assert_uint_eq(eu_type(ME, p), MACH_PORT_TYPE_RECEIVE);
	/* A routine after it: FIFO, so the note was handled first. */
	ck_assert_int_eq(e2e_scalars(w.svc, 0, 0, t, &acc, &sum, &tt),
	    KERN_SUCCESS);
	ck_assert_uint_eq(e2e_seen.notes, 1);
	ck_assert_int_eq(e2e_seen.note_v, 42);
	ck_assert_uint_eq(eu_type(w.S, e2e_seen.note_p), MACH_PORT_TYPE_SEND);
	expect_empty(nfy);
	ck_assert_int_eq(eu_deallocate(w.S, e2e_seen.note_p), KERN_SUCCESS);
	expect_msg(nfy, MACH_NOTIFY_NO_SENDERS);
	port_destroy(ME, p);
	port_destroy(ME, nfy);
}
END_TEST

START_TEST(failing_work_function)
{
	mach_port_name_t p = port_new(true), nfy = port_new(false);
	uint8_t *d = region_new(0, 6000);
	int never = 0;

	/* An error: the loop destroys the request, right and region. */
	arm_no_senders(p, nfy);
	ck_assert_int_eq(e2e_fail(w.svc, KERN_INVALID_VALUE, p, d, 6000,
	    &never), KERN_INVALID_VALUE);
	ck_assert_int_eq(never, 0);
	ck_assert_uint_eq(e2e_seen.fails, 1);
	expect_msg(nfy, MACH_NOTIFY_NO_SENDERS);
	ck_assert_uint_eq(eu_regions(w.S), w.regionsS);
	/* Success: the work function frees them itself. */
	ck_assert_int_eq(eu_insert_right(ME, p, p, MACH_MSG_TYPE_MAKE_SEND),
	    KERN_SUCCESS);
	arm_no_senders(p, nfy);
	ck_assert_int_eq(e2e_fail(w.svc, KERN_SUCCESS, p, d, 6000, &never),
	    KERN_SUCCESS);
	ck_assert_int_eq(never, 1);
	expect_msg(nfy, MACH_NOTIFY_NO_SENDERS);
	ck_assert_uint_eq(eu_regions(w.S), w.regionsS);
	region_free(d, 6000);
	port_destroy(ME, p);
	port_destroy(ME, nfy);
}
END_TEST

/* ---- malformed requests by hand ------------------------------------------- */

static mach_port_name_t raw_reply;

/*
 * Send msg (size bytes, header filled but for the ports) to the service
 * with a send-once reply right, and wait for the answer for id + 100: a
 * simple reply; returns its RetCode (an error reply must be a bare
 * mig_reply_error_t).
 */
static kern_return_t raw_call(mach_msg_header_t *h, mach_msg_size_t size)
{
	union {
		mig_reply_error_t	r;
		uint8_t			b[256];
	} u;
	mach_msg_id_t id = (mach_msg_id_t)((uint32_t)h->msgh_id + 100);

	h->msgh_bits = (h->msgh_bits & MACH_MSGH_BITS_COMPLEX) |
	    MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND,
	    MACH_MSG_TYPE_MAKE_SEND_ONCE);
	h->msgh_remote_port = w.svc;
	h->msgh_local_port = raw_reply;
	h->msgh_voucher_port = MACH_PORT_NULL;
	memset(&u, 0, sizeof(u));
	ck_assert_int_eq(mach_msg_overwrite(h, MACH_SEND_MSG | MACH_RCV_MSG |
	    MACH_RCV_TIMEOUT, size, sizeof(u), raw_reply, 5000,
	    MACH_PORT_NULL, &u.r.Head, 0), MACH_MSG_SUCCESS);
	ck_assert_int_eq(u.r.Head.msgh_id, id);
	ck_assert(!(u.r.Head.msgh_bits & MACH_MSGH_BITS_COMPLEX));
	ck_assert_uint_eq(u.r.Head.msgh_remote_port, MACH_PORT_NULL);
	if (u.r.RetCode != KERN_SUCCESS)
		ck_assert_uint_eq(u.r.Head.msgh_size,
		    sizeof(mig_reply_error_t));
	return u.r.RetCode;
}

#pragma pack(push, 4)
typedef struct {
	mach_msg_header_t		head;
	mach_msg_body_t			body;
	mach_msg_port_descriptor_t	port;
	mach_msg_ool_descriptor_t	ool;
	uint8_t				data[256];
} raw_msg_t;
#pragma pack(pop)

/* A complex message of id with one port descriptor (disposition disp of
   port) and one OOL region; returns the size up to the region. */
static mach_msg_size_t raw_complex(raw_msg_t *m, mach_msg_id_t id,
    mach_port_name_t port, mach_msg_type_name_t disp, void *ool,
    mach_msg_size_t olen)
{
	memset(m, 0, sizeof(*m));
	m->head.msgh_bits = MACH_MSGH_BITS_COMPLEX;
	m->head.msgh_id = id;
	m->body.msgh_descriptor_count = 2;
	m->port.name = port;
	m->port.disposition = disp;
	m->port.type = MACH_MSG_PORT_DESCRIPTOR;
	m->ool.address = ool;
	m->ool.size = olen;
	m->ool.copy = MACH_MSG_VIRTUAL_COPY;
	m->ool.type = MACH_MSG_OOL_DESCRIPTOR;
	return (mach_msg_size_t)offsetof(raw_msg_t, data);
}

/* The request's rights and region died: p's no-senders fired on nfy,
   the server's space and map are as before. */
static void check_destroyed(mach_port_name_t nfy)
{
	expect_msg(nfy, MACH_NOTIFY_NO_SENDERS);
	check_spaces_back();
}

START_TEST(malformed)
{
	mach_port_name_t p = port_new(false), nfy = port_new(false);
	uint8_t *d = region_new(0, 9000);
	raw_msg_t m;
	mach_msg_size_t sz;
	struct {
		mach_msg_header_t	head;
		NDR_record_t		ndr;
		uint32_t		w[40];
	} s;
	static const mach_msg_id_t bad_ids[] = {
		7299, 7312, 7314, 7400, 7200, -1, 0x7fffff00, 0,
		(mach_msg_id_t)0x80000000u
	};
	struct eu_snap orig = w.snapB;
	size_t orig_regions = w.regionsB, i;

	/* The reply port and the others are new: snapshot again, and
	   compare with the original at the end. */
	raw_reply = port_new(false);
	eu_snap_take(ME, &w.snapB);
	w.regionsB = eu_regions(ME);

	/* Short: e2e_scalars as a bare header. */
	memset(&s, 0, sizeof(s));
	s.head.msgh_id = 7300;
	ck_assert_int_eq(raw_call(&s.head, sizeof(mach_msg_header_t)),
	    MIG_BAD_ARGUMENTS);
	/* Short by one word. */
	s.head.msgh_id = 7300;
	s.ndr = NDR_record;
	ck_assert_int_eq(raw_call(&s.head, 24 + 8 + 4 + 8 + 12),
	    MIG_BAD_ARGUMENTS);
	check_spaces_back();

	/* Simple where complex is expected, and complex where simple is. */
	s.head.msgh_id = 7305;
	ck_assert_int_eq(raw_call(&s.head, 24 + 8 + 4), MIG_BAD_ARGUMENTS);
	arm_no_senders(p, nfy);
	sz = raw_complex(&m, 7304, p, MACH_MSG_TYPE_MAKE_SEND, d, 9000);
	ck_assert_int_eq(raw_call(&m.head, sz + 8 + 32 + 8 + 32),
	    MIG_BAD_ARGUMENTS);
	check_destroyed(nfy);

	/* Wrong descriptor count: e2e_ports_in wants 6, here 2. */
	arm_no_senders(p, nfy);
	sz = raw_complex(&m, 7305, p, MACH_MSG_TYPE_MAKE_SEND, d, 9000);
	ck_assert_int_eq(raw_call(&m.head, sz + 8 + 4), MIG_BAD_ARGUMENTS);
	check_destroyed(nfy);
	/* ... and a count that says 6 with the room for 6, kinds wrong. */
	arm_no_senders(p, nfy);
	sz = raw_complex(&m, 7305, p, MACH_MSG_TYPE_MAKE_SEND, d, 9000);
	m.body.msgh_descriptor_count = 1;
	ck_assert_int_eq(raw_call(&m.head, sz), MIG_BAD_ARGUMENTS);
	check_destroyed(nfy);

	/* Wrong disposition: e2e_note (a simpleroutine, answered here
	   because we gave a reply right) wants PORT_SEND; a send-once
	   arrives.  Its destruction notifies p. */
	{
		struct {
			mach_msg_header_t		head;
			mach_msg_body_t			body;
			mach_msg_port_descriptor_t	port;
			NDR_record_t			ndr;
			int				v;
		} n;

		memset(&n, 0, sizeof(n));
		n.head.msgh_bits = MACH_MSGH_BITS_COMPLEX;
		n.head.msgh_id = 7310;
		n.body.msgh_descriptor_count = 1;
		n.port.name = p;
		n.port.disposition = MACH_MSG_TYPE_MAKE_SEND_ONCE;
		n.port.type = MACH_MSG_PORT_DESCRIPTOR;
		n.ndr = NDR_record;
		n.v = 1;
		ck_assert_int_eq(raw_call(&n.head, sizeof(n)), MIG_TYPE_ERROR);
		expect_msg(p, MACH_NOTIFY_SEND_ONCE);
		check_spaces_back();
		ck_assert_uint_eq(e2e_seen.notes, 0);
	}
	/* e2e_fail (7311): port descriptor p, OOL d.  Swap the kinds while
	   keeping the sizes: an OOL-ports descriptor where OOL data goes. */
	{
		struct {
			mach_msg_header_t		head;
			mach_msg_body_t			body;
			mach_msg_port_descriptor_t	port;
			mach_msg_ool_descriptor_t	ool;
			NDR_record_t			ndr;
			int				code;
			mach_msg_type_number_t		dCnt;
		} f;
		mach_port_t names[2];

		names[0] = p;
		names[1] = p;
		memset(&f, 0, sizeof(f));
		f.head.msgh_bits = MACH_MSGH_BITS_COMPLEX;
		f.head.msgh_id = 7311;
		f.body.msgh_descriptor_count = 2;
		f.port.name = p;
		f.port.disposition = MACH_MSG_TYPE_MAKE_SEND;
		f.port.type = MACH_MSG_PORT_DESCRIPTOR;
		f.ndr = NDR_record;
		f.dCnt = 100;
		/* The well-formed request first, failing in the work
		   function: the loop destroys it. */
		arm_no_senders(p, nfy);
		f.ool.address = d;
		f.ool.size = 100;
		f.ool.copy = MACH_MSG_VIRTUAL_COPY;
		f.ool.type = MACH_MSG_OOL_DESCRIPTOR;
		f.code = KERN_NO_SPACE;
		ck_assert_int_eq(raw_call(&f.head, sizeof(f)), KERN_NO_SPACE);
		check_destroyed(nfy);
		/* Kind: OOL ports where OOL data is expected. */
		arm_no_senders(p, nfy);
		{
			mach_msg_ool_ports_descriptor_t *op =
			    (void *)&f.ool;

			memset(op, 0, sizeof(*op));
			op->address = names;
			op->count = 2;
			op->disposition = MACH_MSG_TYPE_MAKE_SEND;
			op->copy = MACH_MSG_VIRTUAL_COPY;
			op->type = MACH_MSG_OOL_PORTS_DESCRIPTOR;
		}
		ck_assert_int_eq(raw_call(&f.head, sizeof(f)), MIG_TYPE_ERROR);
		check_destroyed(nfy);
		/* Kind: a port descriptor's disposition wrong (send-once). */
		f.ool.address = d;
		f.ool.size = 100;
		f.ool.deallocate = FALSE;
		f.ool.copy = MACH_MSG_VIRTUAL_COPY;
		f.ool.pad1 = 0;
		f.ool.type = MACH_MSG_OOL_DESCRIPTOR;
		f.port.disposition = MACH_MSG_TYPE_MAKE_SEND_ONCE;
		ck_assert_int_eq(raw_call(&f.head, sizeof(f)), MIG_TYPE_ERROR);
		expect_msg(p, MACH_NOTIFY_SEND_ONCE);
		check_spaces_back();
		/* Oversized: the OOL size disagrees with its count. */
		arm_no_senders(p, nfy);
		f.port.disposition = MACH_MSG_TYPE_MAKE_SEND;
		f.dCnt = 101;
		ck_assert_int_eq(raw_call(&f.head, sizeof(f)), MIG_TYPE_ERROR);
		check_destroyed(nfy);
	}

	/* Oversized inline count: e2e_inline's vCnt 17 (bound 16). */
	{
		__Request__e2e_inline_t r;

		memset(&r, 0, sizeof(r));
		r.Head.msgh_id = 7301;
		r.NDR = NDR_record;
		r.vCnt = 17;
		ck_assert_int_eq(raw_call(&r.Head, sizeof(r)),
		    MIG_BAD_ARGUMENTS);
		/* A count that fits but disagrees with the size. */
		r.vCnt = 3;
		ck_assert_int_eq(raw_call(&r.Head, sizeof(r)),
		    MIG_BAD_ARGUMENTS);
		r.vCnt = 16;
		ck_assert_int_eq(raw_call(&r.Head, sizeof(r)), KERN_SUCCESS);
	}
	/* Strings: a fixed string without its NUL; a variable count of 0. */
	{
		__Request__e2e_strings_t r;

		memset(&r, 0, sizeof(r));
		r.Head.msgh_id = 7304;
		r.NDR = NDR_record;
		memset(r.s, 'x', sizeof(r.s));
		r.vsCnt = 1;
		ck_assert_int_eq(raw_call(&r.Head,
		    (mach_msg_size_t)(sizeof(r) - 32 + 4)),
		    MIG_BAD_ARGUMENTS);
		r.s[0] = '\0';
		r.vsCnt = 0;
		ck_assert_int_eq(raw_call(&r.Head,
		    (mach_msg_size_t)(sizeof(r) - 32)), MIG_BAD_ARGUMENTS);
		r.vsCnt = 4;
		memcpy(r.vs, "abcd", 4);		/* no NUL within 4 */
		ck_assert_int_eq(raw_call(&r.Head,
		    (mach_msg_size_t)(sizeof(r) - 32 + 4)),
		    MIG_BAD_ARGUMENTS);
		r.vs[3] = '\0';
		ck_assert_int_eq(raw_call(&r.Head,
		    (mach_msg_size_t)(sizeof(r) - 32 + 4)), KERN_SUCCESS);
	}
	/* A bounded OOL count above its bound (e2e_ool's bd, 64). */
	{
		__Request__e2e_ool_t r;

		memset(&r, 0, sizeof(r));
		r.Head.msgh_bits = MACH_MSGH_BITS_COMPLEX;
		r.Head.msgh_id = 7303;
		r.msgh_body.msgh_descriptor_count = 7;
		r.a.type = r.d.type = r.dr.type = r.fx.type = r.bd.type =
		    r.ints.type = r.pc.type = MACH_MSG_OOL_DESCRIPTOR;
		r.fx.address = d;
		r.fx.size = 16;
		r.bd.address = d;
		r.bd.size = 65;
		r.bdCnt = 65;
		r.ints.address = d;
		r.ints.size = 4000;
		r.intsCnt = 1000;
		r.NDR = NDR_record;
		ck_assert_int_eq(raw_call(&r.Head, sizeof(r)), MIG_TYPE_ERROR);
		check_spaces_back();
		/* A fixed OOL of the wrong size. */
		r.bd.size = 64;
		r.bdCnt = 64;
		r.fx.size = 15;
		ck_assert_int_eq(raw_call(&r.Head, sizeof(r)), MIG_TYPE_ERROR);
		check_spaces_back();
	}

	/* Unknown ids, including the skipped slot, with rights and memory
	   aboard. */
	for (i = 0; i < sizeof(bad_ids) / sizeof(bad_ids[0]); i++) {
		arm_no_senders(p, nfy);
		sz = raw_complex(&m, bad_ids[i], p, MACH_MSG_TYPE_MAKE_SEND, d,
		    9000);
		ck_assert_int_eq(raw_call(&m.head, sz + 12), MIG_BAD_ID);
		check_destroyed(nfy);
	}
	/* The service still works. */
	{
		triple_t t = { { 0, 0, 0 } }, tt;
		int64_t sum;
		int acc = 0;

		ck_assert_int_eq(e2e_scalars(w.svc, 3, 4, t, &acc, &sum, &tt),
		    KERN_SUCCESS);
		ck_assert(sum == 7);
	}
	expect_empty(p);
	expect_empty(nfy);
	region_free(d, 9000);
	port_destroy(ME, p);
	port_destroy(ME, nfy);
	port_destroy(ME, raw_reply);
	eu_snap_free(&w.snapB);
	w.snapB = orig;
	w.regionsB = orig_regions;
}
END_TEST

/*
 * A request id within 100 of INT32_MAX: the reply id wraps as XNU's does,
 * (mach_msg_id_t)((uint32_t)id + 100), in the generated demux, in
 * mig_reply_setup and in the kernel's kobject server; never a signed
 * overflow (UBSan, SAN=1, aborts on one).
 */
START_TEST(reply_id_overflow)
{
	mach_port_name_t p = port_new(false), nfy = port_new(false);
	raw_msg_t m;
	mach_msg_size_t sz;

	raw_reply = port_new(false);
	arm_no_senders(p, nfy);
	sz = raw_complex(&m, 0x7fffffff, p, MACH_MSG_TYPE_MAKE_SEND, NULL, 0);
	ck_assert_int_eq(raw_call(&m.head, sz + 12), MIG_BAD_ID);
	expect_msg(nfy, MACH_NOTIFY_NO_SENDERS);
	port_destroy(ME, p);
	port_destroy(ME, nfy);
	port_destroy(ME, raw_reply);
}
END_TEST

/* Without the audit trailer requested, the stub refuses with
   MIG_TRAILER_ERROR, and the request's rights are destroyed. */
START_TEST(trailer_missing)
{
	mach_port_seqno_t s = 0;
	security_token_t tok;
	audit_token_t aud;

	ck_assert_int_eq(e2e_trailer(w.svc, &s, &tok, &aud),
	    MIG_TRAILER_ERROR);
	/* Routines without trailer arguments do not care. */
	{
		triple_t t = { { 1, 1, 1 } }, tt;
		int64_t sum;
		int acc = 0;

		ck_assert_int_eq(e2e_scalars(w.svc, 1, 1, t, &acc, &sum, &tt),
		    KERN_SUCCESS);
		ck_assert(sum == 2);
	}
}
END_TEST

Suite *e2e_suite(void)
{
	Suite *s = suite_create("e2e");
	TCase *tc = tcase_create("calls");
	TCase *bad = tcase_create("malformed");
	TCase *once = tcase_create("server_once");

	tcase_add_checked_fixture(tc, world_up_server, world_down);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, scalars);
	tcase_add_test(tc, inline_arrays);
	tcase_add_test(tc, count_in_out);
	tcase_add_test(tc, ool_data);
	tcase_add_test(tc, strings);
	tcase_add_test(tc, ports_in);
	tcase_add_test(tc, ports_out);
	tcase_add_test(tc, polymorphic);
	tcase_add_test(tc, port_arrays);
	tcase_add_test(tc, trailer_tokens);
	tcase_add_test(tc, simpleroutine);
	tcase_add_test(tc, failing_work_function);
	tcase_add_test(tc, move_send_keeps_urefs);
	tcase_add_test(tc, reply_id_overflow);
	suite_add_tcase(s, tc);

	tcase_add_checked_fixture(bad, world_up_server, world_down);
	tcase_set_timeout(bad, 30);
	tcase_add_test(bad, malformed);
	suite_add_tcase(s, bad);

	tcase_add_checked_fixture(once, world_up_once_plain, world_down);
	tcase_set_timeout(once, 30);
	tcase_add_test(once, trailer_missing);
	tcase_add_test(once, scalars);
	tcase_add_test(once, ports_in);
	tcase_add_test(once, malformed);
	suite_add_tcase(s, once);

	return s;
}
