/*
 * test_concurrency.c - several threads in several tasks sending,
 * receiving, moving and destroying rights at once.
 *
 *   rpc_storm       client threads in two tasks call the generated stubs
 *                   (rights in, rights back, send-once rights destroyed)
 *                   against two mach_msg_server threads on one port
 *   fifo_with_rights  sender threads in three tasks stream numbered
 *                   messages carrying rights and memory to receivers in
 *                   two tasks: nothing lost or duplicated, FIFO per
 *                   sender, one send-once notification per send-once
 *                   right destroyed
 *   relay           a receive right travels between two tasks in
 *                   messages while threads of two more keep sending to
 *                   it: the queue travels with it, in order
 *   churn           threads make ports, send rights of them to a sink
 *                   and destroy them at once, racing the receiver
 *   self_name       threads of two tasks take mach_task_self() and
 *                   exit: one name per task, its urefs unchanged
 *
 * Worker threads never call Check: each fills its own result, which the
 * test thread asserts after joining.  Every case ends with the tasks'
 * spaces equal to their snapshots (user references included), the
 * kernel's object counts back and the invariant walkers clean.  Sizes are
 * small enough to keep the suite near a second, and several seconds
 * under ThreadSanitizer.
 */
#include <check.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mach/mach.h>
#include <mach/task.h>
#include <mach/mach_init.h>
#include <mach/mach_traps.h>
#include <mach/mig.h>
#include <mach/notify.h>
#include <machsim/machsim.h>

#include "e2e.h"
#include "e2e_srv.h"
#include "e2e_util.h"

Suite *concurrency_suite(void);

#define ME		mach_task_self()
#define MAXT		8		/* tasks per case */
#define MAXW		16		/* worker threads per case */

/* One worker: what it was given and what it found. */
struct worker {
	pthread_t		th;
	int			id;
	mach_port_t		task;		/* in our space */
	mach_port_name_t	dest[2];	/* names in the worker's task */
	mach_port_name_t	self;		/* its mach_task_self() */
	unsigned		n;		/* messages to send */
	unsigned		got;		/* messages received / replies */
	char			err[160];	/* empty: all well */
	void			*ctx;
	bool			joined;
};

static void werr(struct worker *w, const char *what, kern_return_t kr)
{
	if (w->err[0] == '\0')
		snprintf(w->err, sizeof(w->err), "worker %d: %s: 0x%x", w->id,
		    what, kr);
}

/* The world of one case: tasks with their snapshots, and counts. */
static struct {
	mach_port_t		task[MAXT];
	int			ntask;
	struct eu_snap		snap[MAXT];
	struct eu_counts	counts;
	struct worker		w[MAXW];
	int			nw;
} cw;

static mach_port_t cw_task(void)
{
	ck_assert_int_lt(cw.ntask, MAXT);
	cw.task[cw.ntask] = eu_task_create();
	return cw.task[cw.ntask++];
}

static void cw_snap(void)
{
	int i;

	for (i = 0; i < cw.ntask; i++)
		eu_snap_take(cw.task[i], &cw.snap[i]);
}

/* Join workers [from, to) not joined yet. */
static void cw_join(int from, int to)
{
	int i;

	for (i = from; i < to; i++)
		if (!cw.w[i].joined) {
			pthread_join(cw.w[i].th, NULL);
			cw.w[i].joined = true;
		}
}

static void cw_spawn(struct worker *w, void *(*fn)(void *))
{
	ck_assert_int_eq(machsim_thread_spawn(w->task, fn, w, &w->th),
	    KERN_SUCCESS);
}

/*
 * A receive right in task under name, send rights to it under send_name
 * in each of the tasks of senders, and one here (returned) if keep.
 */
static mach_port_name_t cw_port(mach_port_t task, mach_port_name_t name,
    const mach_port_t *senders, int nsenders, mach_port_name_t send_name,
    bool keep)
{
	mach_port_name_t p = MACH_PORT_NULL;
	int i;

	ck_assert_int_eq(eu_allocate(ME, MACH_PORT_RIGHT_RECEIVE, &p),
	    KERN_SUCCESS);
	for (i = 0; i < nsenders; i++)
		ck_assert_int_eq(eu_insert_right(senders[i], send_name, p,
		    MACH_MSG_TYPE_MAKE_SEND), KERN_SUCCESS);
	if (keep)
		ck_assert_int_eq(eu_insert_right(ME, p, p,
		    MACH_MSG_TYPE_MAKE_SEND), KERN_SUCCESS);
	ck_assert_int_eq(eu_insert_right(task, name, p,
	    MACH_MSG_TYPE_MOVE_RECEIVE), KERN_SUCCESS);
	ck_assert_uint_eq(eu_type(ME, p), keep ? MACH_PORT_TYPE_SEND : 0);
	return keep ? p : MACH_PORT_NULL;
}

/* Drop the dead names left in tasks by a port that died. */
static void cw_drop_dead(const mach_port_t *tasks, int n,
    mach_port_name_t name)
{
	int i;

	for (i = 0; i < n; i++) {
		ck_assert_uint_eq(eu_type(tasks[i], name),
		    MACH_PORT_TYPE_DEAD_NAME);
		ck_assert_int_eq(eu_deallocate(tasks[i], name), KERN_SUCCESS);
	}
}

static void cw_setup(void)
{
	(void)mig_get_reply_port();
	memset(&cw, 0, sizeof(cw));
	eu_counts(&cw.counts);
	e2e_seen_reset();
	e2e_quiet = true;
}

/* Join every worker, assert their results, compare each task's space
   with its snapshot (the self name included: threads add no urefs to
   it), tear down, and check the counts. */
static void cw_finish(void)
{
	struct eu_counts c;
	char why[256] = "";
	int i;

	cw_join(0, cw.nw);
	for (i = 0; i < cw.nw; i++)
		ck_assert_msg(cw.w[i].err[0] == '\0', "%s", cw.w[i].err);
	for (i = 0; i < cw.ntask; i++) {
		struct eu_snap now;

		eu_snap_take(cw.task[i], &now);
		ck_assert_msg(eu_snap_same(&cw.snap[i], &now, why, sizeof(why)),
		    "task %d: %s", i, why);
		ck_assert_msg(eu_verify(cw.task[i], true, why, sizeof(why)),
		    "%s", why);
		eu_snap_free(&now);
		eu_snap_free(&cw.snap[i]);
	}
	for (i = 0; i < cw.ntask; i++)
		eu_task_destroy(cw.task[i]);
	e2e_quiet = false;
	eu_counts(&c);
	ck_assert_uint_eq(c.ports, cw.counts.ports);
	ck_assert_uint_eq(c.psets, cw.counts.psets);
	ck_assert_uint_eq(c.kmsgs, cw.counts.kmsgs);
	ck_assert_uint_eq(c.spaces, cw.counts.spaces);
	ck_assert_msg(eu_verify(ME, true, why, sizeof(why)), "%s", why);
}

/* ---- helpers the workers use (no Check) ---------------------------------- */

static mach_port_name_t w_port(struct worker *w, bool with_send)
{
	mach_port_name_t n = MACH_PORT_NULL;
	kern_return_t kr;

	kr = eu_allocate(ME, MACH_PORT_RIGHT_RECEIVE, &n);
	if (kr != KERN_SUCCESS)
		werr(w, "allocate", kr);
	else if (with_send && (kr = eu_insert_right(ME, n, n,
	    MACH_MSG_TYPE_MAKE_SEND)) != KERN_SUCCESS)
		werr(w, "insert_right", kr);
	return n;
}

static void w_destroy(struct worker *w, mach_port_name_t n)
{
	kern_return_t kr = mach_port_destroy(ME, n);

	if (kr != KERN_SUCCESS)
		werr(w, "destroy", kr);
}

/* ---- rpc_storm ------------------------------------------------------------ */

#define STORM_SVC	0x6001u
#define STORM_CALLS	2000

static void *storm_server(void *arg)
{
	struct worker *w = arg;
	mach_msg_return_t mr;

	w->self = ME;
	mr = e2e_serve(STORM_SVC, E2E_RCV_OPTIONS);
	if (mr != MACH_RCV_INVALID_NAME && mr != MACH_RCV_PORT_DIED)
		werr(w, "server loop", mr);
	return NULL;
}

static void *storm_client(void *arg)
{
	struct worker *w = arg;
	mach_port_name_t svc = w->dest[0], p = w_port(w, true);
	mach_port_name_t n = w_port(w, false);
	unsigned i;

	w->self = ME;
	for (i = 0; i < w->n && w->err[0] == '\0'; i++) {
		triple_t t = { { w->id, (int)i, 7 } }, tt;
		int acc = (int)i;
		int64_t sum = 0;
		mach_port_t q = MACH_PORT_NULL, r = MACH_PORT_NULL;
		mach_msg_type_name_t qt = 0;
		kern_return_t kr;

		switch (i % 4) {
		case 0:
			kr = e2e_scalars(svc, w->id, (int64_t)i << 33, t, &acc,
			    &sum, &tt);
			if (kr == KERN_SUCCESS && (sum != w->id +
			    ((int64_t)i << 33) || acc != (int)i + w->id ||
			    tt.v[0] != 8 || tt.v[2] != w->id + 1))
				werr(w, "scalars value", (kern_return_t)i);
			break;
		case 1:
			/* a receive right and send rights in; the server
			   frees them */
			r = w_port(w, false);
			kr = e2e_ports_in(svc, r, MACH_PORT_NULL, MACH_PORT_NULL,
			    p, p, p, 0);
			break;
		case 2:
			/* our send right out and back; a send-once right
			   destroyed over there notifies n */
			kr = e2e_poly(svc, p, MACH_MSG_TYPE_COPY_SEND, n, 0, &q,
			    &qt);
			if (kr == KERN_SUCCESS && (q != p ||
			    qt != MACH_MSG_TYPE_PORT_SEND))
				werr(w, "poly back", (kern_return_t)q);
			if (kr == KERN_SUCCESS)
				kr = eu_deallocate(ME, p);
			break;
		default:
			/* a simpleroutine moving a made right */
			kr = eu_insert_right(ME, p, p, MACH_MSG_TYPE_MAKE_SEND);
			if (kr == KERN_SUCCESS)
				kr = e2e_note(svc, (int)i, p);
			break;
		}
		if (kr != KERN_SUCCESS)
			werr(w, "call", kr);
		else
			w->got++;
	}
	/* one send-once notification per e2e_poly call */
	for (i = 0; i < w->n / 4 && w->err[0] == '\0'; i++) {
		union {
			mach_msg_header_t	h;
			uint8_t			b[256];
		} u;
		mach_msg_return_t mr = mach_msg(&u.h, MACH_RCV_MSG |
		    MACH_RCV_TIMEOUT, 0, sizeof(u), n, 10000, MACH_PORT_NULL);

		if (mr != MACH_MSG_SUCCESS)
			werr(w, "send-once notification", mr);
		else if (u.h.msgh_id != MACH_NOTIFY_SEND_ONCE)
			werr(w, "notification id", u.h.msgh_id);
	}
	if (eu_refs(ME, p, MACH_PORT_RIGHT_SEND) != 1)
		werr(w, "urefs of p", (kern_return_t)eu_refs(ME, p,
		    MACH_PORT_RIGHT_SEND));
	w_destroy(w, p);
	w_destroy(w, n);
	return NULL;
}

START_TEST(rpc_storm)
{
	mach_port_t S, C[2];
	mach_port_name_t svc;
	int i;

	cw_setup();
	S = cw_task();
	C[0] = cw_task();
	C[1] = cw_task();
	cw_snap();
	svc = cw_port(S, STORM_SVC, C, 2, 0x6100, true);
	for (i = 0; i < 2; i++) {
		struct worker *w = &cw.w[cw.nw++];

		w->id = i;
		w->task = S;
		cw_spawn(w, storm_server);
	}
	for (i = 0; i < 6; i++) {
		struct worker *w = &cw.w[cw.nw++];

		w->id = 10 + i;
		w->task = C[i % 2];
		w->dest[0] = 0x6100;
		w->n = STORM_CALLS;
		cw_spawn(w, storm_client);
	}
	cw_join(2, cw.nw);
	for (i = 2; i < cw.nw; i++)
		ck_assert_msg(cw.w[i].got == STORM_CALLS, "%s", cw.w[i].err);
	/* Stop after everything queued: every call, simpleroutines too,
	   reached a work function exactly once. */
	ck_assert_int_eq(e2e_stop(svc), KERN_SUCCESS);
	cw_join(0, 2);
	ck_assert_uint_eq(__atomic_load_n(&e2e_seen.calls, __ATOMIC_RELAXED),
	    6 * STORM_CALLS + 1);
	cw_drop_dead(C, 2, 0x6100);
	cw_drop_dead(&(mach_port_t){ ME }, 1, svc);
	cw_finish();
}
END_TEST

/* ---- fifo_with_rights -------------------------------------------------------- */

#define FIFO_DEST	0x6200u
#define FIFO_SEND	0x6300u
#define FIFO_MSGS	8000
#define FIFO_SENDERS	6
#define FIFO_RECEIVERS	2

#pragma pack(push, 4)
typedef struct {
	mach_msg_header_t		head;
	mach_msg_body_t			body;
	mach_msg_port_descriptor_t	port;
	mach_msg_ool_descriptor_t	ool;
	uint32_t			sender;
	uint32_t			seq;
} fifo_msg_t;
#pragma pack(pop)

/* Per receiver: the next sequence number expected from each sender. */
struct fifo_rx {
	uint32_t	next[FIFO_SENDERS];
	unsigned	sonce;		/* send-once rights destroyed */
};

static void *fifo_sender(void *arg)
{
	struct worker *w = arg;
	mach_port_name_t q = w_port(w, true);	/* rights we send */
	unsigned i, sonce = 0, notes = 0;
	uint8_t data[100];
	fifo_msg_t m;

	w->self = ME;
	memset(data, w->id, sizeof(data));
	for (i = 0; i < w->n && w->err[0] == '\0'; i++) {
		mach_msg_return_t mr;

		memset(&m, 0, sizeof(m));
		m.head.msgh_bits = MACH_MSGH_BITS_COMPLEX |
		    MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0);
		m.head.msgh_remote_port = w->dest[i % FIFO_RECEIVERS];
		m.head.msgh_id = 1000 + w->id;
		m.body.msgh_descriptor_count = 2;
		m.port.type = MACH_MSG_PORT_DESCRIPTOR;
		m.ool.type = MACH_MSG_OOL_DESCRIPTOR;
		m.ool.copy = MACH_MSG_VIRTUAL_COPY;
		switch (i % 4) {
		case 0:
			m.port.name = q;
			m.port.disposition = MACH_MSG_TYPE_MAKE_SEND;
			break;
		case 1:
			m.port.name = q;
			m.port.disposition = MACH_MSG_TYPE_COPY_SEND;
			m.ool.address = data;
			m.ool.size = sizeof(data);
			break;
		case 2:
			m.port.name = q;
			m.port.disposition = MACH_MSG_TYPE_MAKE_SEND_ONCE;
			sonce++;
			break;
		default:
			m.port.name = MACH_PORT_NULL;
			m.port.disposition = MACH_MSG_TYPE_COPY_SEND;
			break;
		}
		m.sender = (uint32_t)w->id;
		m.seq = i / FIFO_RECEIVERS;
		mr = mach_msg(&m.head, MACH_SEND_MSG, sizeof(m), 0,
		    MACH_PORT_NULL, 0, MACH_PORT_NULL);
		if (mr != MACH_MSG_SUCCESS)
			werr(w, "send", mr);
	}
	/* Each send-once right, destroyed by a receiver, comes back. */
	while (notes < sonce && w->err[0] == '\0') {
		union {
			mach_msg_header_t	h;
			uint8_t			b[256];
		} u;
		mach_msg_return_t mr = mach_msg(&u.h, MACH_RCV_MSG |
		    MACH_RCV_TIMEOUT, 0, sizeof(u), q, 10000, MACH_PORT_NULL);

		if (mr != MACH_MSG_SUCCESS)
			werr(w, "notification", mr);
		else if (u.h.msgh_id != MACH_NOTIFY_SEND_ONCE)
			werr(w, "notification id", u.h.msgh_id);
		else
			notes++;
	}
	w->got = notes;
	w_destroy(w, q);
	return NULL;
}

static void *fifo_receiver(void *arg)
{
	struct worker *w = arg;
	struct fifo_rx *rx = w->ctx;
	unsigned total = 0;

	w->self = ME;
	while (total < w->n && w->err[0] == '\0') {
		union {
			fifo_msg_t		m;
			uint8_t			b[sizeof(fifo_msg_t) + 68];
		} u;
		mach_msg_return_t mr = mach_msg(&u.m.head, MACH_RCV_MSG |
		    MACH_RCV_TIMEOUT, 0, sizeof(u), FIFO_DEST, 10000,
		    MACH_PORT_NULL);
		uint32_t s;

		if (mr != MACH_MSG_SUCCESS) {
			werr(w, "receive", mr);
			break;
		}
		s = u.m.sender;
		if (s >= FIFO_SENDERS || u.m.head.msgh_id != (int)(1000 + s))
			werr(w, "sender", (kern_return_t)s);
		else if (u.m.seq != rx->next[s])
			werr(w, "order (sender << 16 | seq)",
			    (kern_return_t)(s << 16 | u.m.seq));
		else
			rx->next[s]++;
		if (u.m.ool.size != 0 && (u.m.ool.size != 100 ||
		    ((uint8_t *)u.m.ool.address)[99] != (uint8_t)s))
			werr(w, "ool", (kern_return_t)u.m.ool.size);
		if (u.m.port.disposition == MACH_MSG_TYPE_PORT_SEND_ONCE)
			rx->sonce++;
		mach_msg_destroy(&u.m.head);
		total++;
	}
	w->got = total;
	return NULL;
}

START_TEST(fifo_with_rights)
{
	mach_port_t R[FIFO_RECEIVERS], S[3];
	struct fifo_rx rx[FIFO_RECEIVERS];
	unsigned sonce = 0, notes = 0;
	int i, j;

	cw_setup();
	memset(rx, 0, sizeof(rx));
	for (i = 0; i < FIFO_RECEIVERS; i++)
		R[i] = cw_task();
	for (i = 0; i < 3; i++)
		S[i] = cw_task();
	cw_snap();
	for (i = 0; i < FIFO_RECEIVERS; i++)
		(void)cw_port(R[i], FIFO_DEST, S, 3, FIFO_SEND + (unsigned)i,
		    false);
	for (i = 0; i < FIFO_RECEIVERS; i++) {
		struct worker *w = &cw.w[cw.nw++];

		w->id = i;
		w->task = R[i];
		w->n = FIFO_SENDERS * FIFO_MSGS / FIFO_RECEIVERS;
		w->ctx = &rx[i];
		cw_spawn(w, fifo_receiver);
	}
	for (i = 0; i < FIFO_SENDERS; i++) {
		struct worker *w = &cw.w[cw.nw++];

		w->id = i;
		w->task = S[i % 3];
		w->n = FIFO_MSGS;
		for (j = 0; j < FIFO_RECEIVERS; j++)
			w->dest[j] = FIFO_SEND + (unsigned)j;
		cw_spawn(w, fifo_sender);
	}
	cw_join(0, cw.nw);
	for (i = 0; i < cw.nw; i++)
		ck_assert_msg(cw.w[i].err[0] == '\0', "%s", cw.w[i].err);
	/* Nothing lost, nothing duplicated, each receiver saw each sender's
	   half complete and in order. */
	for (i = 0; i < FIFO_RECEIVERS; i++) {
		for (j = 0; j < FIFO_SENDERS; j++)
			ck_assert_uint_eq(rx[i].next[j],
			    FIFO_MSGS / FIFO_RECEIVERS);
		sonce += rx[i].sonce;
		ck_assert_int_eq(mach_port_destroy(R[i],
		    FIFO_DEST), KERN_SUCCESS);
	}
	for (i = FIFO_RECEIVERS; i < cw.nw; i++)
		notes += cw.w[i].got;
	ck_assert_uint_eq(sonce, notes);
	ck_assert_uint_eq(notes, FIFO_SENDERS * (FIFO_MSGS / 4));
	for (i = 0; i < FIFO_RECEIVERS; i++)
		cw_drop_dead(S, 3, FIFO_SEND + (unsigned)i);
	cw_finish();
}
END_TEST

/* ---- relay -------------------------------------------------------------------- */

#define RELAY_PORT	0x6400u		/* the travelling receive right */
#define RELAY_INBOX	0x6500u		/* each holder's own port */
#define RELAY_PEER	0x6600u		/* send right to the other's inbox */
#define RELAY_HOME	0x6700u		/* send right to our port, for the end */
#define RELAY_SEND	0x6800u		/* senders' right to the relay port */
#define RELAY_MSGS	6000
#define RELAY_BATCH	37

/* The receive order, across both holders (they never hold it at once). */
static struct {
	pthread_mutex_t	lock;
	uint32_t	next[4];
	unsigned	total, expected;
	bool		bad;
} relay;

#pragma pack(push, 4)
typedef struct {
	mach_msg_header_t		head;
	mach_msg_body_t			body;
	mach_msg_port_descriptor_t	port;
	uint32_t			done;
} relay_pass_t;
#pragma pack(pop)

/* Hand the receive right (our name `name') to dest. */
static mach_msg_return_t relay_pass(mach_port_name_t dest,
    mach_port_name_t name, uint32_t done)
{
	relay_pass_t m;

	memset(&m, 0, sizeof(m));
	m.head.msgh_bits = MACH_MSGH_BITS_COMPLEX |
	    MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0);
	m.head.msgh_remote_port = dest;
	m.head.msgh_id = 77;
	m.body.msgh_descriptor_count = 1;
	m.port.name = name;
	m.port.disposition = name ? MACH_MSG_TYPE_MOVE_RECEIVE :
	    MACH_MSG_TYPE_COPY_SEND;
	m.port.type = MACH_MSG_PORT_DESCRIPTOR;
	m.done = done;
	return mach_msg(&m.head, MACH_SEND_MSG, sizeof(m), 0, MACH_PORT_NULL,
	    0, MACH_PORT_NULL);
}

static void *relay_holder(void *arg)
{
	struct worker *w = arg;
	mach_port_name_t port = w->id == 0 ? RELAY_PORT : MACH_PORT_NULL;

	w->self = ME;
	for (;;) {
		union {
			relay_pass_t		p;
			uint8_t			b[256];
		} u;
		mach_msg_return_t mr;
		unsigned k;
		bool done;

		if (port == MACH_PORT_NULL) {
			/* wait for the right, or for the end */
			mr = mach_msg(&u.p.head, MACH_RCV_MSG | MACH_RCV_TIMEOUT,
			    0, sizeof(u), RELAY_INBOX, 20000, MACH_PORT_NULL);
			if (mr != MACH_MSG_SUCCESS) {
				werr(w, "inbox", mr);
				return NULL;
			}
			if (u.p.done)
				return NULL;
			port = u.p.port.name;
			if (u.p.port.disposition != MACH_MSG_TYPE_PORT_RECEIVE ||
			    eu_type(ME, port) != MACH_PORT_TYPE_RECEIVE) {
				werr(w, "relayed right", (kern_return_t)port);
				return NULL;
			}
		}
		for (k = 0; k < RELAY_BATCH; k++) {
			mr = mach_msg(&u.p.head, MACH_RCV_MSG | MACH_RCV_TIMEOUT,
			    0, sizeof(u), port, 1, MACH_PORT_NULL);
			if (mr == MACH_RCV_TIMED_OUT)
				break;
			if (mr != MACH_MSG_SUCCESS) {
				werr(w, "receive", mr);
				return NULL;
			}
			pthread_mutex_lock(&relay.lock);
			if (u.p.head.msgh_id < 0 || u.p.head.msgh_id >= 4 ||
			    u.p.done != relay.next[u.p.head.msgh_id])
				relay.bad = true;
			else
				relay.next[u.p.head.msgh_id]++;
			relay.total++;
			pthread_mutex_unlock(&relay.lock);
			w->got++;
		}
		pthread_mutex_lock(&relay.lock);
		done = relay.total == relay.expected || relay.bad;
		pthread_mutex_unlock(&relay.lock);
		if (done) {
			/* the right goes home; the peer is told to stop */
			mr = relay_pass(RELAY_HOME, port, 1);
			if (mr == MACH_MSG_SUCCESS)
				mr = relay_pass(RELAY_PEER, MACH_PORT_NULL, 1);
			if (mr != MACH_MSG_SUCCESS)
				werr(w, "finish", mr);
			return NULL;
		}
		mr = relay_pass(RELAY_PEER, port, 0);
		if (mr != MACH_MSG_SUCCESS) {
			werr(w, "pass", mr);
			return NULL;
		}
		port = MACH_PORT_NULL;
	}
}

static void *relay_sender(void *arg)
{
	struct worker *w = arg;
	unsigned i;

	w->self = ME;
	for (i = 0; i < w->n && w->err[0] == '\0'; i++) {
		relay_pass_t m;
		mach_msg_return_t mr;

		memset(&m, 0, sizeof(m));
		m.head.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0);
		m.head.msgh_remote_port = RELAY_SEND;
		m.head.msgh_id = w->id;
		m.done = i;
		/* the body past the header is the sequence number */
		mr = mach_msg(&m.head, MACH_SEND_MSG, sizeof(m), 0,
		    MACH_PORT_NULL, 0, MACH_PORT_NULL);
		if (mr != MACH_MSG_SUCCESS)
			werr(w, "send", mr);
	}
	return NULL;
}

START_TEST(relay_receive_right)
{
	mach_port_t H[2], S[2];
	mach_port_name_t home = MACH_PORT_NULL, inbox[2];
	union {
		relay_pass_t	p;
		uint8_t		b[256];
	} u;
	int i;

	cw_setup();
	memset(&relay, 0, sizeof(relay));
	pthread_mutex_init(&relay.lock, NULL);
	relay.expected = 4 * RELAY_MSGS;
	H[0] = cw_task();
	H[1] = cw_task();
	S[0] = cw_task();
	S[1] = cw_task();
	cw_snap();
	(void)cw_port(H[0], RELAY_PORT, S, 2, RELAY_SEND, false);
	for (i = 0; i < 2; i++) {
		inbox[i] = cw_port(H[i], RELAY_INBOX, &H[1 - i], 1, RELAY_PEER,
		    true);
	}
	ck_assert_int_eq(eu_allocate(ME, MACH_PORT_RIGHT_RECEIVE, &home),
	    KERN_SUCCESS);
	for (i = 0; i < 2; i++)
		ck_assert_int_eq(eu_insert_right(H[i], RELAY_HOME, home,
		    MACH_MSG_TYPE_MAKE_SEND), KERN_SUCCESS);
	for (i = 0; i < 2; i++) {
		struct worker *w = &cw.w[cw.nw++];

		w->id = i;
		w->task = H[i];
		cw_spawn(w, relay_holder);
	}
	for (i = 0; i < 4; i++) {
		struct worker *w = &cw.w[cw.nw++];

		w->id = i;
		w->task = S[i % 2];
		w->n = RELAY_MSGS;
		cw_spawn(w, relay_sender);
	}
	cw_join(0, cw.nw);
	for (i = 0; i < cw.nw; i++)
		ck_assert_msg(cw.w[i].err[0] == '\0', "%s", cw.w[i].err);
	ck_assert(!relay.bad);
	ck_assert_uint_eq(relay.total, relay.expected);
	for (i = 0; i < 4; i++)
		ck_assert_uint_eq(relay.next[i], RELAY_MSGS);
	ck_assert_uint_gt(cw.w[0].got, 0);
	ck_assert_uint_gt(cw.w[1].got, 0);
	/* The right came home, its queue empty. */
	ck_assert_int_eq(mach_msg(&u.p.head, MACH_RCV_MSG | MACH_RCV_TIMEOUT,
	    0, sizeof(u), home, 5000, MACH_PORT_NULL), MACH_MSG_SUCCESS);
	ck_assert_uint_eq(u.p.port.disposition, MACH_MSG_TYPE_PORT_RECEIVE);
	ck_assert_int_eq(mach_msg(&u.p.head, MACH_RCV_MSG | MACH_RCV_TIMEOUT,
	    0, sizeof(u), u.p.port.name, 0, MACH_PORT_NULL),
	    MACH_RCV_TIMED_OUT);
	ck_assert_int_eq(mach_port_destroy(ME, u.p.port.name),
	    KERN_SUCCESS);
	ck_assert_int_eq(mach_port_destroy(ME, home),
	    KERN_SUCCESS);
	for (i = 0; i < 2; i++) {
		ck_assert_int_eq(mach_port_destroy(H[i],
		    RELAY_INBOX), KERN_SUCCESS);
		ck_assert_int_eq(eu_deallocate(ME, inbox[i]), KERN_SUCCESS);
	}
	cw_drop_dead(S, 2, RELAY_SEND);
	cw_drop_dead(H, 2, RELAY_PEER);
	cw_drop_dead(H, 2, RELAY_HOME);
	pthread_mutex_destroy(&relay.lock);
	cw_finish();
}
END_TEST

/* ---- churn ---------------------------------------------------------------------- */

#define CHURN_SINK	0x6900u
#define CHURN_SEND	0x6a00u
#define CHURN_ROUNDS	4000

static void *churn_maker(void *arg)
{
	struct worker *w = arg;
	unsigned i;

	w->self = ME;
	for (i = 0; i < w->n && w->err[0] == '\0'; i++) {
		mach_port_name_t p = w_port(w, true);
		fifo_msg_t m;
		mach_msg_return_t mr;

		memset(&m, 0, sizeof(m));
		m.head.msgh_bits = MACH_MSGH_BITS_COMPLEX |
		    MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND,
		    i % 2 ? MACH_MSG_TYPE_MAKE_SEND_ONCE : MACH_MSG_TYPE_COPY_SEND);
		m.head.msgh_remote_port = CHURN_SEND;
		m.head.msgh_local_port = p;
		m.head.msgh_id = w->id;
		m.body.msgh_descriptor_count = 2;
		m.port.name = p;
		m.port.disposition = i % 3 ? MACH_MSG_TYPE_MOVE_SEND :
		    MACH_MSG_TYPE_MOVE_RECEIVE;
		m.port.type = MACH_MSG_PORT_DESCRIPTOR;
		m.ool.type = MACH_MSG_OOL_DESCRIPTOR;
		m.sender = (uint32_t)w->id;
		m.seq = i;
		mr = mach_msg(&m.head, MACH_SEND_MSG, sizeof(m), 0,
		    MACH_PORT_NULL, 0, MACH_PORT_NULL);
		if (mr != MACH_MSG_SUCCESS)
			werr(w, "send", mr);
		/* whatever is left of p here dies now, racing the sink */
		if (eu_type(ME, p) & MACH_PORT_TYPE_RECEIVE)
			w_destroy(w, p);
		else if (eu_type(ME, p) != 0)
			(void)eu_deallocate(ME, p);
	}
	return NULL;
}

static void *churn_sink(void *arg)
{
	struct worker *w = arg;
	uint32_t next[8] = { 0 };

	w->self = ME;
	while (w->got < w->n && w->err[0] == '\0') {
		union {
			fifo_msg_t		m;
			uint8_t			b[sizeof(fifo_msg_t) + 68];
		} u;
		mach_msg_return_t mr = mach_msg(&u.m.head, MACH_RCV_MSG |
		    MACH_RCV_TIMEOUT, 0, sizeof(u), CHURN_SINK, 10000,
		    MACH_PORT_NULL);

		if (mr != MACH_MSG_SUCCESS) {
			werr(w, "receive", mr);
			break;
		}
		if (u.m.sender >= 8 || u.m.seq != next[u.m.sender]++)
			werr(w, "order", (kern_return_t)u.m.seq);
		mach_msg_destroy(&u.m.head);
		w->got++;
	}
	return NULL;
}

START_TEST(churn)
{
	mach_port_t K, M[3];
	int i;

	cw_setup();
	K = cw_task();
	for (i = 0; i < 3; i++)
		M[i] = cw_task();
	cw_snap();
	(void)cw_port(K, CHURN_SINK, M, 3, CHURN_SEND, false);
	{
		struct worker *w = &cw.w[cw.nw++];

		w->task = K;
		w->n = 6 * CHURN_ROUNDS;
		cw_spawn(w, churn_sink);
	}
	for (i = 0; i < 6; i++) {
		struct worker *w = &cw.w[cw.nw++];

		w->id = i;
		w->task = M[i % 3];
		w->n = CHURN_ROUNDS;
		cw_spawn(w, churn_maker);
	}
	cw_join(0, cw.nw);
	for (i = 0; i < cw.nw; i++)
		ck_assert_msg(cw.w[i].err[0] == '\0', "%s", cw.w[i].err);
	ck_assert_uint_eq(cw.w[0].got, 6 * CHURN_ROUNDS);
	ck_assert_int_eq(mach_port_destroy(K, CHURN_SINK),
	    KERN_SUCCESS);
	cw_drop_dead(M, 3, CHURN_SEND);
	cw_finish();
}
END_TEST

/* ---- self_name ------------------------------------------------------------ */

#define SELF_THREADS	8

static void *self_worker(void *arg)
{
	struct worker *w = arg;

	w->self = ME;
	if (w->self == MACH_PORT_NULL)
		werr(w, "mach_task_self", KERN_FAILURE);
	else if (mach_task_self() != w->self || mach_task_self_ != w->self)
		werr(w, "mach_task_self changed", KERN_FAILURE);
	return NULL;
}

/*
 * Threads of this task (plain pthreads) and of a new task each take
 * mach_task_self() and exit: every thread of a task sees the one name
 * the task holds, and its send urefs are what they were before.
 */
START_TEST(self_name)
{
	mach_port_t t;
	mach_port_urefs_t mine;
	int i;

	cw_setup();
	mine = eu_refs(ME, ME, MACH_PORT_RIGHT_SEND);
	ck_assert_uint_ge(mine, 1);
	t = cw_task();
	cw_snap();
	for (i = 0; i < 2 * SELF_THREADS; i++) {
		struct worker *w = &cw.w[cw.nw++];

		w->id = i;
		if (i < SELF_THREADS) {
			w->task = ME;
			ck_assert_int_eq(pthread_create(&w->th, NULL,
			    self_worker, w), 0);
		} else {
			w->task = t;
			cw_spawn(w, self_worker);
		}
	}
	cw_join(0, cw.nw);
	for (i = 0; i < cw.nw; i++) {
		ck_assert_msg(cw.w[i].err[0] == '\0', "%s", cw.w[i].err);
		if (i < SELF_THREADS)
			ck_assert_uint_eq(cw.w[i].self, ME);
		else
			ck_assert_uint_eq(cw.w[i].self,
			    cw.w[SELF_THREADS].self);
	}
	ck_assert_uint_eq(eu_refs(ME, ME, MACH_PORT_RIGHT_SEND), mine);
	ck_assert_uint_eq(eu_refs(t, cw.w[SELF_THREADS].self,
	    MACH_PORT_RIGHT_SEND), 1);
	cw_finish();
}
END_TEST

Suite *concurrency_suite(void)
{
	Suite *s = suite_create("concurrency");
	TCase *tc = tcase_create("tasks");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, rpc_storm);
	tcase_add_test(tc, fifo_with_rights);
	tcase_add_test(tc, relay_receive_right);
	tcase_add_test(tc, churn);
	tcase_add_test(tc, self_name);
	suite_add_tcase(s, tc);
	return s;
}
