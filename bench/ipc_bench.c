/*
 * ipc_bench.c - figures for the IPC core, each against a baseline timed
 * in the same process and run (BENCHMARKING.md).
 *
 *   null RPC     generated stub in task A -> mach_msg_server on the
 *                generated demuxer in task B -> reply, against a futex
 *                ping-pong between two threads; one CPU, then two cores
 *   kernel call  mach_port_type on an own name, through its stub,
 *                against getppid()
 *   one-way      64-byte messages from a thread of task A to a thread of
 *                task B, against a futex-signalled shared-memory ring of
 *                the same depth carrying the same 64 bytes
 *   OOL 1 MiB    out of line, against one 1 MiB memcpy: with deallocate,
 *                one region moving between two tasks (per move); without
 *                deallocate, a resident buffer sent again and again (the
 *                receiver vm_deallocates each copy); and, for information,
 *                a producer's whole cycle with a fresh region per message
 *   VM 1 MiB     vm_allocate, a write to every page, vm_deallocate,
 *                against mmap, the same writes, munmap
 *
 * Every figure is the median of PAIRS interleaved pairs (figure, then
 * baseline, PAIRS times); the ratio is the median of the per-pair ratios.
 * Nothing is asserted: the targets are printed beside the ratios.
 *
 *   exception    a fault caught by a mach_exc_server handler in another
 *                task that fixes the page, against a plain SIGSEGV handler
 *                fixing it plus one null RPC
 *   clock        clock_get_time through its stub against getppid(), and
 *                how late a 1 ms clock_sleep wakes against clock_nanosleep
 *
 * usage: ipc_bench [rpc] [kcall] [oneway] [ool] [stall] [threads] [vm]
 *        [clock] [exc]   (default: all)
 */
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <mach/mach.h>
#include <mach/clock.h>
#include <mach/mach_error.h>
#include <mach/mach_exc.h>
#include <machsim/machsim.h>

#include "bench.h"
#include "bench_util.h"
#include "benchServer.h"
#include <server/mach_excServer.h>

#define PAIRS		7
#define MEASURE_NS	40000000.0	/* aim for 40 ms per measurement */
#define OOL_SIZE	(1u << 20)
#define SMALL_MSG	64		/* bytes, header included */

#define MSG_DATA	1		/* message ids of the streams */
#define MSG_LAST	2		/* last of a batch: count it done */
#define MSG_BOUNCE	3		/* OOL: send the region back */
#define MSG_QUIT	3		/* ring only: the consumer exits */

/* ---- futexes ---------------------------------------------------------------- */

static void futex_wait(_Atomic uint32_t *word, uint32_t val)
{
	syscall(SYS_futex, (uint32_t *)word, FUTEX_WAIT_PRIVATE, val, NULL,
	    NULL, 0);
}

static void futex_wake(_Atomic uint32_t *word)
{
	syscall(SYS_futex, (uint32_t *)word, FUTEX_WAKE_PRIVATE, 1, NULL, NULL,
	    0);
}

/* Block until *word differs from val. */
static uint32_t futex_wait_change(_Atomic uint32_t *word, uint32_t val)
{
	uint32_t v;

	while ((v = atomic_load(word)) == val)
		futex_wait(word, val);
	return v;
}

/* ---- the pair protocol --------------------------------------------------------- */

/* Time n operations; returns nanoseconds. */
typedef double (*measure_fn)(void *ctx, long n);

struct side {
	measure_fn	fn;
	void		*ctx;
	long		n;	/* operations per measurement */
};

/* Find n so that one measurement takes about MEASURE_NS. */
static void calibrate(struct side *s)
{
	long n = 16;
	double t;

	s->fn(s->ctx, n);		/* warm up */
	for (;;) {
		t = s->fn(s->ctx, n);
		if (t >= MEASURE_NS / 8 || n >= (1L << 28))
			break;
		n *= 4;
	}
	n = (long)((double)n * MEASURE_NS / (t > 0 ? t : 1));
	s->n = n < 8 ? 8 : n;
}

struct result {
	double	a_ns, b_ns;	/* medians, per operation */
	double	ratio;		/* median of per-pair ratios */
};

/* PAIRS interleaved pairs: a, b, a, b, ... */
static struct result compare(struct side *a, struct side *b)
{
	double ta[PAIRS], tb[PAIRS], r[PAIRS];
	struct result res;
	int i;

	calibrate(a);
	calibrate(b);
	for (i = 0; i < PAIRS; i++) {
		ta[i] = a->fn(a->ctx, a->n) / (double)a->n;
		tb[i] = b->fn(b->ctx, b->n) / (double)b->n;
		r[i] = ta[i] / tb[i];
	}
	res.a_ns = median(ta, PAIRS);
	res.b_ns = median(tb, PAIRS);
	res.ratio = median(r, PAIRS);
	return res;
}

static void print_time(double ns)
{
	if (ns >= 1e3)
		printf("%8.2f us", ns / 1e3);
	else
		printf("%8.1f ns", ns);
}

static void report(const char *label, struct result res, const char *base,
    double target)
{
	printf("  %-22s", label);
	print_time(res.a_ns);
	printf("   %-20s", base);
	print_time(res.b_ns);
	printf("   ratio %6.3f   target <= %.1f  %s\n", res.ratio, target,
	    res.ratio <= target ? "PASS" : "MISS");
}

/* ---- tasks and rights ------------------------------------------------------------ */

static mach_port_t task_a, task_b;	/* client task, server task */

/*
 * A new port whose receive right lives in task rcv and a send right in
 * task snd, under the same name; the name is returned.  The port is made
 * in our own space and its rights handed over, as a parent task gives a
 * child its ports.
 */
static mach_port_name_t port_between(mach_port_t rcv, mach_port_t snd)
{
	mach_port_name_t name;

	CHECK("mach_port_allocate", mach_port_allocate(mach_task_self(),
	    MACH_PORT_RIGHT_RECEIVE, &name));
	CHECK("mach_port_insert_right (send)",
	    mach_port_insert_right(snd, name, name, MACH_MSG_TYPE_MAKE_SEND));
	CHECK("mach_port_insert_right (receive)",
	    mach_port_insert_right(rcv, name, name,
	    MACH_MSG_TYPE_MOVE_RECEIVE));
	return name;
}

/* Destroy the port's receive right in rcv and the dead name left in snd. */
static void port_between_destroy(mach_port_name_t name, mach_port_t rcv,
    mach_port_t snd)
{
	CHECK("mach_port_destroy", mach_port_destroy(rcv, name));
	CHECK("mach_port_deallocate", mach_port_deallocate(snd, name));
}

static pthread_t spawn(mach_port_t task, void *(*fn)(void *), void *arg)
{
	pthread_t pt;

	CHECK("machsim_thread_spawn", machsim_thread_spawn(task, fn, arg,
	    &pt));
	return pt;
}

/* ---- null RPC ----------------------------------------------------------------------- */

kern_return_t do_bench_null(mach_port_t server)
{
	(void)server;
	return KERN_SUCCESS;
}

struct rpc_server {
	mach_port_name_t	port;
	int			cpu;
};

static void *rpc_server_main(void *p)
{
	struct rpc_server *s = p;
	mach_msg_return_t mr;

	pin_self(s->cpu);
	mr = mach_msg_server(bench_server,
	    sizeof(union __RequestUnion__do_bench_subsystem), s->port, 0);
	if (mr != MACH_RCV_PORT_DIED && mr != MACH_RCV_INVALID_NAME)
		bench_fail("mach_msg_server", mr);
	return NULL;
}

static double rpc_measure(void *ctx, long n)
{
	mach_port_name_t port = *(mach_port_name_t *)ctx;
	double t0 = now_ns();
	long i;

	for (i = 0; i < n; i++)
		CHECK("bench_null", bench_null(port));
	return now_ns() - t0;
}

/* The futex ping-pong: odd = request outstanding, even = answered. */
struct pingpong {
	_Atomic uint32_t	word;
	_Atomic uint32_t	quit;
	int			cpu;
};

static void *pingpong_echo_main(void *p)
{
	struct pingpong *pp = p;
	uint32_t seen = atomic_load(&pp->word);

	pin_self(pp->cpu);
	for (;;) {
		seen = futex_wait_change(&pp->word, seen);
		if (atomic_load(&pp->quit))
			return NULL;
		atomic_store(&pp->word, ++seen);
		futex_wake(&pp->word);
	}
}

static double pingpong_measure(void *ctx, long n)
{
	struct pingpong *pp = ctx;
	uint32_t w = atomic_load(&pp->word);
	double t0 = now_ns();
	long i;

	for (i = 0; i < n; i++) {
		atomic_store(&pp->word, ++w);
		futex_wake(&pp->word);
		w = futex_wait_change(&pp->word, w);
	}
	return now_ns() - t0;
}

static void pingpong_stop(struct pingpong *pp)
{
	atomic_store(&pp->quit, 1);
	atomic_fetch_add(&pp->word, 2);
	futex_wake(&pp->word);
}

/*
 * What a figure's client thread runs: its pair of sides, compared and
 * reported under label.
 */
struct client_job {
	int		cpu;
	const char	*label, *base;
	double		target;
	struct side	a, b;
	struct result	res;
};

static void *client_main(void *p)
{
	struct client_job *j = p;

	pin_self(j->cpu);
	j->res = compare(&j->a, &j->b);
	if (j->label != NULL)
		report(j->label, j->res, j->base, j->target);
	return NULL;
}

/* Run a job as a thread of the client task and wait for it. */
static void run_in_client(struct client_job *j)
{
	pthread_join(spawn(task_a, client_main, j), NULL);
}

struct placement {
	int		cpu_client, cpu_server;
	const char	*label;
};

static void rpc_figure(const struct placement *pl)
{
	struct rpc_server srv;
	struct pingpong pp;
	struct client_job j;
	pthread_t ts, te;

	srv.port = port_between(task_b, task_a);
	srv.cpu = pl->cpu_server;
	ts = spawn(task_b, rpc_server_main, &srv);
	atomic_init(&pp.word, 0);
	atomic_init(&pp.quit, 0);
	pp.cpu = pl->cpu_server;
	te = spawn(task_b, pingpong_echo_main, &pp);

	j = (struct client_job){ pl->cpu_client, pl->label, "futex ping-pong",
	    1.2, { rpc_measure, &srv.port, 0 }, { pingpong_measure, &pp, 0 },
	    { 0, 0, 0 } };
	run_in_client(&j);

	pingpong_stop(&pp);
	pthread_join(te, NULL);
	port_between_destroy(srv.port, task_b, task_a);
	pthread_join(ts, NULL);
}

/* ---- a kernel call ------------------------------------------------------------------ */

static double port_type_measure(void *ctx, long n)
{
	mach_port_name_t name = *(mach_port_name_t *)ctx;
	mach_port_type_t type;
	double t0 = now_ns();
	long i;

	for (i = 0; i < n; i++)
		CHECK("mach_port_type", mach_port_type(mach_task_self(), name,
		    &type));
	return now_ns() - t0;
}

static double getppid_measure(void *ctx, long n)
{
	volatile pid_t sink;
	double t0 = now_ns();
	long i;

	(void)ctx;
	for (i = 0; i < n; i++)
		sink = getppid();
	(void)sink;
	return now_ns() - t0;
}

/* mach_port_type on a name of the client task's own. */
static void kcall_figure(const struct placement *pl)
{
	mach_port_name_t name;
	struct client_job j;

	CHECK("mach_port_allocate", mach_port_allocate(task_a,
	    MACH_PORT_RIGHT_RECEIVE, &name));

	j = (struct client_job){ pl->cpu_client, pl->label, "getppid()", 1.0,
	    { port_type_measure, &name, 0 }, { getppid_measure, NULL, 0 },
	    { 0, 0, 0 } };
	run_in_client(&j);
	CHECK("mach_port_destroy", mach_port_destroy(task_a, name));
}

/* ---- streams: a sender in task A, a receiver in task B --------------------------------- */

/*
 * The receiver counts batches in done: the sender marks the last message
 * of a batch and waits for done to move, so a measurement ends when the
 * last message has been taken, not merely queued.
 */
struct stream {
	mach_port_name_t	port;
	mach_port_name_t	back;		/* OOL bounce: B -> A */
	int			cpu;
	_Atomic uint32_t	done;
	uint64_t		sum;		/* what the receiver read */
};

static void batch_done(struct stream *s)
{
	atomic_fetch_add(&s->done, 1);
	futex_wake(&s->done);
}

struct small_msg {
	mach_msg_header_t	head;
	uint64_t		seq;
	char			data[SMALL_MSG - sizeof(mach_msg_header_t) - 8];
};
_Static_assert(sizeof(struct small_msg) == SMALL_MSG, "64-byte message");

struct small_rcv {
	struct small_msg	msg;
	mach_msg_trailer_t	trailer;
};

static void *small_receiver_main(void *p)
{
	struct stream *s = p;
	struct small_rcv buf;
	mach_msg_return_t mr;

	pin_self(s->cpu);
	for (;;) {
		mr = mach_msg(&buf.msg.head, MACH_RCV_MSG, 0, sizeof(buf),
		    s->port, MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL);
		if (mr == MACH_RCV_PORT_DIED || mr == MACH_RCV_INVALID_NAME)
			return NULL;
		if (mr != MACH_MSG_SUCCESS)
			bench_fail("mach_msg receive", mr);
		s->sum += buf.msg.seq + (uint8_t)buf.msg.data[0];
		if (buf.msg.head.msgh_id == MSG_LAST)
			batch_done(s);
	}
}

static double small_send_measure(void *ctx, long n)
{
	struct stream *s = ctx;
	uint32_t done = atomic_load(&s->done);
	struct small_msg m;
	double t0 = now_ns();
	long i;

	memset(&m, 'm', sizeof(m));
	for (i = 0; i < n; i++) {
		m.head.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0);
		m.head.msgh_size = sizeof(m);
		m.head.msgh_remote_port = s->port;
		m.head.msgh_local_port = MACH_PORT_NULL;
		m.head.msgh_voucher_port = MACH_PORT_NULL;
		m.head.msgh_id = i == n - 1 ? MSG_LAST : MSG_DATA;
		m.seq = (uint64_t)i;
		CHECK("mach_msg send", mach_msg(&m.head, MACH_SEND_MSG,
		    sizeof(m), 0, MACH_PORT_NULL, MACH_MSG_TIMEOUT_NONE,
		    MACH_PORT_NULL));
	}
	futex_wait_change(&s->done, done);
	return now_ns() - t0;
}

/*
 * The baseline: a single-producer single-consumer ring of 64-byte slots
 * in shared memory.  Each side sleeps on a futex when the ring is empty
 * (consumer) or full (producer) and is woken by the other side.
 */
#define RING_MAX	1024

struct ring {
	_Alignas(64) _Atomic uint32_t head;	/* next slot written */
	_Alignas(64) _Atomic uint32_t tail;	/* next slot read */
	_Alignas(64) _Atomic uint32_t cons_sleeping;
	_Atomic uint32_t	prod_sleeping;
	uint32_t		depth;
	int			cpu;
	_Atomic uint32_t	done;
	uint64_t		sum;
	_Alignas(64) unsigned char slot[RING_MAX][SMALL_MSG];
};

static void ring_push(struct ring *r, const void *msg)
{
	uint32_t h = atomic_load_explicit(&r->head, memory_order_relaxed);
	uint32_t t;

	while (h - (t = atomic_load(&r->tail)) >= r->depth) {
		atomic_store(&r->prod_sleeping, 1);
		if (h - atomic_load(&r->tail) >= r->depth)
			futex_wait(&r->tail, t);
		atomic_store(&r->prod_sleeping, 0);
	}
	memcpy(r->slot[h % r->depth], msg, SMALL_MSG);
	atomic_store(&r->head, h + 1);
	if (atomic_load(&r->cons_sleeping)) {
		atomic_store(&r->cons_sleeping, 0);
		futex_wake(&r->head);
	}
}

static void ring_pop(struct ring *r, void *msg)
{
	uint32_t t = atomic_load_explicit(&r->tail, memory_order_relaxed);

	while (atomic_load(&r->head) == t) {
		atomic_store(&r->cons_sleeping, 1);
		if (atomic_load(&r->head) == t)
			futex_wait(&r->head, t);
		atomic_store(&r->cons_sleeping, 0);
	}
	memcpy(msg, r->slot[t % r->depth], SMALL_MSG);
	atomic_store(&r->tail, t + 1);
	if (atomic_load(&r->prod_sleeping)) {
		atomic_store(&r->prod_sleeping, 0);
		futex_wake(&r->tail);
	}
}

static void *ring_consumer_main(void *p)
{
	struct ring *r = p;
	struct small_msg m;

	pin_self(r->cpu);
	for (;;) {
		ring_pop(r, &m);
		if (m.head.msgh_id == MSG_QUIT)
			return NULL;
		r->sum += m.seq + (uint8_t)m.data[0];
		if (m.head.msgh_id == MSG_LAST) {
			atomic_fetch_add(&r->done, 1);
			futex_wake(&r->done);
		}
	}
}

static double ring_measure(void *ctx, long n)
{
	struct ring *r = ctx;
	uint32_t done = atomic_load(&r->done);
	struct small_msg m;
	double t0 = now_ns();
	long i;

	memset(&m, 'm', sizeof(m));
	for (i = 0; i < n; i++) {
		m.head.msgh_id = i == n - 1 ? MSG_LAST : MSG_DATA;
		m.seq = (uint64_t)i;
		ring_push(r, &m);
	}
	futex_wait_change(&r->done, done);
	return now_ns() - t0;
}

static void ring_stop(struct ring *r)
{
	struct small_msg m;

	memset(&m, 0, sizeof(m));
	m.head.msgh_id = MSG_QUIT;
	ring_push(r, &m);
}

/* The port's queue limit: the ring gets the same depth. */
static uint32_t port_qlimit(mach_port_t task, mach_port_name_t name)
{
	mach_port_limits_t lim;
	mach_msg_type_number_t cnt = MACH_PORT_LIMITS_INFO_COUNT;

	CHECK("mach_port_get_attributes", mach_port_get_attributes(task, name,
	    MACH_PORT_LIMITS_INFO, (mach_port_info_t)&lim, &cnt));
	return lim.mpl_qlimit;
}

static void oneway_figure(const struct placement *pl)
{
	struct stream st;
	struct ring *r;
	struct client_job j;
	pthread_t tr, tc;
	char base[32];

	memset(&st, 0, sizeof(st));
	st.port = port_between(task_b, task_a);
	st.cpu = pl->cpu_server;
	tr = spawn(task_b, small_receiver_main, &st);

	r = aligned_alloc(64, sizeof(*r));
	if (r == NULL)
		bench_fail("aligned_alloc", KERN_RESOURCE_SHORTAGE);
	memset(r, 0, sizeof(*r));
	r->depth = port_qlimit(task_b, st.port);
	if (r->depth == 0 || r->depth > RING_MAX)
		bench_fail("queue limit out of range", KERN_FAILURE);
	r->cpu = pl->cpu_server;
	tc = spawn(task_b, ring_consumer_main, r);

	snprintf(base, sizeof(base), "ring, depth %u", r->depth);
	j = (struct client_job){ pl->cpu_client, pl->label, base, 1.5,
	    { small_send_measure, &st, 0 }, { ring_measure, r, 0 },
	    { 0, 0, 0 } };
	run_in_client(&j);

	ring_stop(r);
	pthread_join(tc, NULL);
	free(r);
	port_between_destroy(st.port, task_b, task_a);
	pthread_join(tr, NULL);
}

/* ---- out-of-line memory ---------------------------------------------------------------- */

struct ool_msg {
	mach_msg_header_t		head;
	mach_msg_body_t			body;
	mach_msg_ool_descriptor_t	data;
};

struct ool_rcv {
	struct ool_msg		msg;
	mach_msg_trailer_t	trailer;
};

static void ool_send(mach_port_name_t port, void *addr, bool dealloc,
    mach_msg_id_t id);

static void *ool_receiver_main(void *p)
{
	struct stream *s = p;
	struct ool_rcv buf;
	mach_msg_return_t mr;

	pin_self(s->cpu);
	for (;;) {
		mr = mach_msg(&buf.msg.head, MACH_RCV_MSG, 0, sizeof(buf),
		    s->port, MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL);
		if (mr == MACH_RCV_PORT_DIED || mr == MACH_RCV_INVALID_NAME)
			return NULL;
		if (mr != MACH_MSG_SUCCESS)
			bench_fail("mach_msg receive (OOL)", mr);
		if (buf.msg.data.address == NULL ||
		    buf.msg.data.size != OOL_SIZE)
			bench_fail("OOL region missing", KERN_FAILURE);
		s->sum += *(volatile uint8_t *)buf.msg.data.address;
		if (buf.msg.head.msgh_id == MSG_BOUNCE) {
			/* Hand the region back: it changes owner again. */
			ool_send(s->back, buf.msg.data.address, true,
			    MSG_BOUNCE);
			continue;
		}
		CHECK("vm_deallocate", vm_deallocate(mach_task_self(),
		    (vm_address_t)buf.msg.data.address, buf.msg.data.size));
		if (buf.msg.head.msgh_id == MSG_LAST)
			batch_done(s);
	}
}

struct ool_sender {
	struct stream	*s;
	void		*buf;		/* the resident region (no deallocate) */
	bool		dealloc;
	bool		fill;		/* write every page before sending */
};

static void ool_send(mach_port_name_t port, void *addr, bool dealloc,
    mach_msg_id_t id)
{
	struct ool_msg m;

	m.head.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0) |
	    MACH_MSGH_BITS_COMPLEX;
	m.head.msgh_size = sizeof(m);
	m.head.msgh_remote_port = port;
	m.head.msgh_local_port = MACH_PORT_NULL;
	m.head.msgh_voucher_port = MACH_PORT_NULL;
	m.head.msgh_id = id;
	m.body.msgh_descriptor_count = 1;
	m.data.address = addr;
	m.data.size = OOL_SIZE;
	m.data.deallocate = dealloc;
	m.data.copy = MACH_MSG_VIRTUAL_COPY;
	m.data.pad1 = 0;
	m.data.type = MACH_MSG_OOL_DESCRIPTOR;
	CHECK("mach_msg send (OOL)", mach_msg(&m.head, MACH_SEND_MSG,
	    sizeof(m), 0, MACH_PORT_NULL, MACH_MSG_TIMEOUT_NONE,
	    MACH_PORT_NULL));
}

/*
 * With deallocate the sender gives its region away, so each message
 * starts with a vm_allocate of a new one; the sender writes its first
 * word (or, with fill, every page) as a producer would.
 */
static double ool_measure(void *ctx, long n)
{
	struct ool_sender *o = ctx;
	uint32_t done = atomic_load(&o->s->done);
	double t0 = now_ns();
	long i;

	for (i = 0; i < n; i++) {
		mach_msg_id_t id = i == n - 1 ? MSG_LAST : MSG_DATA;
		vm_address_t addr = 0;

		if (!o->dealloc) {
			*(volatile uint64_t *)o->buf = (uint64_t)i;
			ool_send(o->s->port, o->buf, false, id);
			continue;
		}
		CHECK("vm_allocate", vm_allocate(mach_task_self(), &addr,
		    OOL_SIZE, VM_FLAGS_ANYWHERE));
		if (o->fill)
			memset((void *)addr, (int)i, OOL_SIZE);
		else
			*(volatile uint64_t *)addr = (uint64_t)i;
		ool_send(o->s->port, (void *)addr, true, id);
	}
	futex_wait_change(&o->s->done, done);
	return now_ns() - t0;
}

/*
 * The region changes owner and nothing else happens to it: one region
 * goes from task A to task B and back, with deallocate both ways.  The
 * time is per transfer (half a round trip); the region is made once,
 * outside the timing.
 */
static double ool_bounce_measure(void *ctx, long n)
{
	struct ool_sender *o = ctx;
	struct ool_rcv buf;
	vm_address_t addr = 0;
	double t0, t;
	long i;

	CHECK("vm_allocate", vm_allocate(mach_task_self(), &addr, OOL_SIZE,
	    VM_FLAGS_ANYWHERE));
	memset((void *)addr, 4, OOL_SIZE);
	t0 = now_ns();
	for (i = 0; i < n; i++) {
		ool_send(o->s->port, (void *)addr, true, MSG_BOUNCE);
		CHECK("mach_msg receive (OOL back)", mach_msg(&buf.msg.head,
		    MACH_RCV_MSG, 0, sizeof(buf), o->s->back,
		    MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL));
		if (buf.msg.data.size != OOL_SIZE)
			bench_fail("OOL region missing", KERN_FAILURE);
		addr = (vm_address_t)buf.msg.data.address;
	}
	t = now_ns() - t0;
	CHECK("vm_deallocate", vm_deallocate(mach_task_self(), addr,
	    OOL_SIZE));
	return t / 2;
}

struct copy_ctx {
	void	*src, *dst;
};

static double memcpy_measure(void *ctx, long n)
{
	struct copy_ctx *c = ctx;
	double t0 = now_ns();
	long i;

	for (i = 0; i < n; i++) {
		((volatile char *)c->src)[i & 4095] = (char)i;
		memcpy(c->dst, c->src, OOL_SIZE);
		__asm__ __volatile__("" : : "r"(c->dst) : "memory");
	}
	return now_ns() - t0;
}

static void ool_figure(const struct placement *pl)
{
	struct stream st;
	struct ool_sender o;
	struct copy_ctx c;
	struct client_job j;
	pthread_t tr;

	memset(&st, 0, sizeof(st));
	st.port = port_between(task_b, task_a);
	st.back = port_between(task_a, task_b);
	st.cpu = pl->cpu_server;
	tr = spawn(task_b, ool_receiver_main, &st);

	/* Resident, already-faulted buffers for memcpy and the copy case. */
	c.src = malloc(OOL_SIZE);
	c.dst = malloc(OOL_SIZE);
	o.buf = malloc(OOL_SIZE);
	if (c.src == NULL || c.dst == NULL || o.buf == NULL)
		bench_fail("malloc", KERN_RESOURCE_SHORTAGE);
	memset(c.src, 1, OOL_SIZE);
	memset(c.dst, 2, OOL_SIZE);
	memset(o.buf, 3, OOL_SIZE);
	o.s = &st;

	printf("  (with deallocate: one region moves from task A to task B and "
	    "back, time per move)\n");
	j = (struct client_job){ pl->cpu_client, "with deallocate",
	    "memcpy 1 MiB", 0.1, { ool_bounce_measure, &o, 0 },
	    { memcpy_measure, &c, 0 }, { 0, 0, 0 } };
	run_in_client(&j);

	o.dealloc = false;
	j.a.fn = ool_measure;
	j.label = "without deallocate";
	j.target = 1.5;
	run_in_client(&j);

	/* A producer's whole cycle, for information: vm_allocate a fresh
	   region, write a word, send it away with deallocate; the receiver
	   vm_deallocates it. */
	o.dealloc = true;
	o.fill = false;
	j.label = NULL;
	run_in_client(&j);
	printf("  %-22s", "dealloc, fresh region");
	print_time(j.res.a_ns);
	printf("   %-20s", "memcpy 1 MiB");
	print_time(j.res.b_ns);
	printf("   ratio %6.3f   (no target: includes vm_allocate, a page "
	    "fault and vm_deallocate)\n", j.res.ratio);

	o.dealloc = true;
	o.fill = true;
	j.label = NULL;
	run_in_client(&j);
	printf("  %-22s", "dealloc, sender fills");
	print_time(j.res.a_ns);
	printf("   %-20s", "memcpy 1 MiB");
	print_time(j.res.b_ns);
	printf("   ratio %6.3f   (no target: every page written)\n",
	    j.res.ratio);

	free(c.src);
	free(c.dst);
	free(o.buf);
	port_between_destroy(st.port, task_b, task_a);
	port_between_destroy(st.back, task_a, task_b);
	pthread_join(tr, NULL);
}

/* ---- thread control ------------------------------------------------------------------ */

/*
 * thread_get_state of a suspended thread against a pthread_kill round
 * trip to a signal handler (the kernel's own mechanism, bare); and
 * task_suspend + task_resume of a task with 8 running threads against 8
 * such round trips.
 */
#define CTL_THREADS	8

static _Atomic uint32_t rt_acks[CTL_THREADS];
static __thread int rt_slot = -1;

static void rt_handler(int sig)
{
	(void)sig;
	if (rt_slot >= 0) {
		atomic_fetch_add(&rt_acks[rt_slot], 1);
		futex_wake(&rt_acks[rt_slot]);
	}
}

struct ctl_spinner {
	int		slot;
	atomic_bool	stop;
	atomic_uint	port;
	pthread_t	pt;
};

static void *ctl_spin_main(void *p)
{
	struct ctl_spinner *c = p;
	unsigned long n = 0;

	rt_slot = c->slot;
	atomic_store(&c->port, mach_thread_self());
	while (!atomic_load(&c->stop))
		if ((++n & 4095) == 0)
			sched_yield();
	return NULL;
}

struct ctl_ctx {
	struct ctl_spinner	s[CTL_THREADS];
	int			nthreads;
	mach_port_t		task;
};

static double rt_measure(void *ctx, long n)
{
	struct ctl_ctx *c = ctx;
	double t0 = now_ns();
	long i;
	int k;

	for (i = 0; i < n; i++) {
		for (k = 0; k < c->nthreads; k++) {
			uint32_t seen = atomic_load(&rt_acks[k]);

			pthread_kill(c->s[k].pt, SIGUSR2);
			futex_wait_change(&rt_acks[k], seen);
		}
	}
	return now_ns() - t0;
}

/* ---- memory: vm_allocate against mmap ---------------------------------------------------- */

#define VM_BENCH_SIZE	(1u << 20)

/* Touch one byte of every page, as a program's first use would. */
static void touch_pages(volatile char *p, size_t size)
{
	size_t off, ps = (size_t)getpagesize();

	for (off = 0; off < size; off += ps)
		p[off] = 1;
}

static double vm_cycle_measure(void *ctx, long n)
{
	double t0 = now_ns();
	vm_address_t a;
	long i;

	(void)ctx;
	for (i = 0; i < n; i++) {
		a = 0;
		CHECK("vm_allocate", vm_allocate(mach_task_self(), &a,
		    VM_BENCH_SIZE, VM_FLAGS_ANYWHERE));
		touch_pages((volatile char *)a, VM_BENCH_SIZE);
		CHECK("vm_deallocate", vm_deallocate(mach_task_self(), a,
		    VM_BENCH_SIZE));
	}
	return now_ns() - t0;
}

static double mmap_cycle_measure(void *ctx, long n)
{
	double t0 = now_ns();
	void *p;
	long i;

	(void)ctx;
	for (i = 0; i < n; i++) {
		p = mmap(NULL, VM_BENCH_SIZE, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED) {
			perror("mmap");
			exit(1);
		}
		touch_pages(p, VM_BENCH_SIZE);
		munmap(p, VM_BENCH_SIZE);
	}
	return now_ns() - t0;
}

static double get_state_measure(void *ctx, long n)
{
	struct ctl_ctx *c = ctx;
	x86_thread_state64_t ts;
	double t0 = now_ns();
	long i;

	for (i = 0; i < n; i++) {
		mach_msg_type_number_t cnt = x86_THREAD_STATE64_COUNT;

		CHECK("thread_get_state", thread_get_state(
		    atomic_load(&c->s[0].port), x86_THREAD_STATE64,
		    (thread_state_t)&ts, &cnt));
	}
	return now_ns() - t0;
}

static double task_suspend_measure(void *ctx, long n)
{
	struct ctl_ctx *c = ctx;
	double t0 = now_ns();
	long i;

	for (i = 0; i < n; i++) {
		CHECK("task_suspend", task_suspend(c->task));
		CHECK("task_resume", task_resume(c->task));
	}
	return now_ns() - t0;
}

/* nthreads spinners in a new task, or in ours (own: their ports are
   then names in our space). */
static void ctl_start(struct ctl_ctx *c, int nthreads, bool own)
{
	int k;

	memset(c, 0, sizeof(*c));
	c->nthreads = nthreads;
	if (own)
		c->task = mach_task_self();
	else
		CHECK("task_create", task_create(mach_task_self(), NULL, 0,
		    FALSE, &c->task));
	for (k = 0; k < nthreads; k++) {
		c->s[k].slot = k;
		c->s[k].pt = spawn(c->task, ctl_spin_main, &c->s[k]);
		while (atomic_load(&c->s[k].port) == MACH_PORT_NULL)
			sched_yield();
	}
}

static void ctl_stop(struct ctl_ctx *c)
{
	int k;

	for (k = 0; k < c->nthreads; k++) {
		atomic_store(&c->s[k].stop, true);
		pthread_join(c->s[k].pt, NULL);
	}
	if (c->task == mach_task_self())
		return;
	CHECK("task_terminate", task_terminate(c->task));
	CHECK("mach_port_deallocate", mach_port_deallocate(mach_task_self(),
	    c->task));
}

static void threads_figure(void)
{
	struct ctl_ctx one, eight;
	struct side a, b;
	struct result res;

	signal(SIGUSR2, rt_handler);
	ctl_start(&one, 1, true);
	CHECK("thread_suspend", thread_suspend(atomic_load(&one.s[0].port)));
	a = (struct side){ get_state_measure, &one, 0 };
	ctl_start(&eight, CTL_THREADS, false);
	b = (struct side){ rt_measure, &eight, 0 };
	eight.nthreads = 1;
	res = compare(&a, &b);
	report("thread_get_state", res, "pthread_kill trip", 2.0);
	CHECK("thread_resume", thread_resume(atomic_load(&one.s[0].port)));
	ctl_stop(&one);
	eight.nthreads = CTL_THREADS;
	a = (struct side){ task_suspend_measure, &eight, 0 };
	b = (struct side){ rt_measure, &eight, 0 };
	res = compare(&a, &b);
	report("task_suspend+resume", res, "8 pthread_kill trips", 2.0);
	ctl_stop(&eight);
}

/* ---- another task's largest calls ---------------------------------------------------- */

/*
 * While task B makes the largest calls the kernel's limits allow, over
 * and over (a lock set of LOCK_SET_MAX locks made and destroyed, a
 * 64 MiB out-of-line copy sent to itself and received), task A times
 * each of its own mach_port_type calls.  The kernel does large work with
 * its lock released, so task A's worst call stays short.
 */
#define STALL_CALLS	20000
#define STALL_LOCKS	65536
#define STALL_OOL	(64u << 20)
#define STALL_BIG	20	/* large calls to measure across */

struct stall {
	_Atomic bool	stop;
	long		big_calls;
	int		cpu;
};

static void *stall_hog_main(void *p)
{
	struct stall *st = p;
	mach_port_t self = mach_task_self();
	mach_port_name_t port;
	vm_address_t buf = 0;
	struct {
		mach_msg_header_t		head;
		mach_msg_body_t			body;
		mach_msg_ool_descriptor_t	ool;
		mach_msg_max_trailer_t		trailer;
	} m;

	pin_self(st->cpu);
	CHECK("mach_port_allocate", mach_port_allocate(self,
	    MACH_PORT_RIGHT_RECEIVE, &port));
	CHECK("mach_port_insert_right", mach_port_insert_right(self, port,
	    port, MACH_MSG_TYPE_MAKE_SEND));
	CHECK("vm_allocate", vm_allocate(self, &buf, STALL_OOL,
	    VM_FLAGS_ANYWHERE));
	memset((void *)buf, 1, STALL_OOL);
	while (!atomic_load(&st->stop)) {
		lock_set_t ls;

		CHECK("lock_set_create", lock_set_create(self, &ls,
		    STALL_LOCKS, SYNC_POLICY_FIFO));
		CHECK("lock_set_destroy", lock_set_destroy(self, ls));
		CHECK("mach_port_deallocate", mach_port_deallocate(self, ls));
		memset(&m, 0, sizeof(m));
		m.head.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0) |
		    MACH_MSGH_BITS_COMPLEX;
		m.head.msgh_remote_port = port;
		m.body.msgh_descriptor_count = 1;
		m.ool.type = MACH_MSG_OOL_DESCRIPTOR;
		m.ool.address = (void *)buf;
		m.ool.size = STALL_OOL;
		m.ool.copy = MACH_MSG_VIRTUAL_COPY;
		CHECK("mach_msg (ool)", mach_msg(&m.head, MACH_SEND_MSG |
		    MACH_RCV_MSG, offsetof(__typeof__(m), trailer),
		    sizeof(m), port, 0, MACH_PORT_NULL));
		CHECK("vm_deallocate", vm_deallocate(self,
		    (vm_address_t)m.ool.address, STALL_OOL));
		__atomic_add_fetch(&st->big_calls, 2, __ATOMIC_RELAXED);
	}
	CHECK("vm_deallocate", vm_deallocate(self, buf, STALL_OOL));
	CHECK("mach_port_destroy", mach_port_destroy(self, port));
	return NULL;
}

static void stall_figure(const struct placement *pl)
{
	static double lat[STALL_CALLS];
	struct stall st = { .stop = false, .big_calls = 0, .cpu = pl->cpu_server };
	mach_port_t self;
	mach_port_type_t t;
	pthread_t hog;
	double worst = 0;
	int i;

	hog = spawn(task_b, stall_hog_main, &st);
	pin_self(pl->cpu_client);
	self = mach_task_self();
	/* Calls spread over at least STALL_BIG of the hog's large calls. */
	for (i = 0; i < STALL_CALLS ||
	    __atomic_load_n(&st.big_calls, __ATOMIC_RELAXED) < STALL_BIG;
	    i++) {
		double t0 = now_ns(), d;

		CHECK("mach_port_type", mach_port_type(self, self, &t));
		d = now_ns() - t0;
		lat[i % STALL_CALLS] = d;
		if (d > worst)
			worst = d;
		if (i % 64 == 0)
			usleep(50);
	}
	atomic_store(&st.stop, true);
	pthread_join(hog, NULL);
	qsort(lat, STALL_CALLS, sizeof(lat[0]), cmp_double);
	printf("  %-22s median", pl->label);
	print_time(lat[STALL_CALLS / 2]);
	printf("   99.9%%");
	print_time(lat[STALL_CALLS - STALL_CALLS / 1000]);
	printf("   worst");
	print_time(worst);
	printf("   target worst <= 1 ms  %s   (%ld large calls meanwhile)\n",
	    worst <= 1e6 ? "ok" : "MISSED", st.big_calls);
	pin_self(cpu_first);
}

/* vm_allocate + touch + vm_deallocate of 1 MiB against the host's own. */
static void vm_figure(void)
{
	struct side a = { vm_cycle_measure, NULL, 0 };
	struct side b = { mmap_cycle_measure, NULL, 0 };

	report("one CPU", compare(&a, &b), "mmap+touch+munmap", 1.1);
}

/* ---- a caught exception ----------------------------------------------------------------- */

static volatile char *exc_page;
static size_t exc_page_size;

/* The handler (task B, through mach_exc_server): fix the page. */
kern_return_t catch_mach_exception_raise(mach_port_t port, mach_port_t thread,
    mach_port_t task, exception_type_t exception, mach_exception_data_t code,
    mach_msg_type_number_t n)
{
	(void)port;
	(void)exception;
	(void)code;
	(void)n;
	mprotect((void *)exc_page, exc_page_size, PROT_READ | PROT_WRITE);
	(void)mach_port_deallocate(mach_task_self(), thread);
	(void)mach_port_deallocate(mach_task_self(), task);
	return KERN_SUCCESS;
}

struct exc_ctx {
	mach_port_name_t	handler;	/* in task A: the handler port */
	mach_port_name_t	rpc;		/* in task A: the null RPC */
};

static void *exc_server_main(void *p)
{
	mach_port_name_t port = *(mach_port_name_t *)p;
	mach_msg_return_t mr;

	mr = mach_msg_server(mach_exc_server, 4096, port, 0);
	if (mr != MACH_RCV_PORT_DIED && mr != MACH_RCV_INVALID_NAME)
		bench_fail("mach_msg_server", mr);
	return NULL;
}

/* A fault the handler in task B fixes; the thread goes on. */
static double exc_measure(void *ctx, long n)
{
	struct exc_ctx *c = ctx;
	double t0;
	long i;

	CHECK("task_set_exception_ports", task_set_exception_ports(
	    mach_task_self(), EXC_MASK_BAD_ACCESS, c->handler,
	    EXCEPTION_DEFAULT | (exception_behavior_t)MACH_EXCEPTION_CODES, 0));
	t0 = now_ns();
	for (i = 0; i < n; i++) {
		mprotect((void *)exc_page, exc_page_size, PROT_NONE);
		exc_page[0] = 1;
	}
	t0 = now_ns() - t0;
	CHECK("task_set_exception_ports", task_set_exception_ports(
	    mach_task_self(), EXC_MASK_BAD_ACCESS, MACH_PORT_NULL,
	    EXCEPTION_DEFAULT, 0));
	return t0;
}

static void plain_segv(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)si;
	(void)uc;
	mprotect((void *)exc_page, exc_page_size, PROT_READ | PROT_WRITE);
}

/* The baseline: the same fault caught by a plain handler that fixes the
   page, and one null RPC to task B. */
static double segv_rpc_measure(void *ctx, long n)
{
	struct exc_ctx *c = ctx;
	struct sigaction sa, old;
	double t0;
	long i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = plain_segv;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGSEGV, &sa, &old);
	t0 = now_ns();
	for (i = 0; i < n; i++) {
		mprotect((void *)exc_page, exc_page_size, PROT_NONE);
		exc_page[0] = 1;
		CHECK("bench_null", bench_null(c->rpc));
	}
	t0 = now_ns() - t0;
	sigaction(SIGSEGV, &old, NULL);
	return t0;
}

static void exc_figure(const struct placement *pl)
{
	struct rpc_server srv;
	struct exc_ctx c;
	struct client_job j;
	mach_port_name_t hport;
	pthread_t ts, th;

	exc_page_size = (size_t)getpagesize();
	exc_page = mmap(NULL, exc_page_size, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (exc_page == MAP_FAILED)
		bench_fail("mmap", KERN_FAILURE);
	srv.port = port_between(task_b, task_a);
	srv.cpu = pl->cpu_server;
	ts = spawn(task_b, rpc_server_main, &srv);
	hport = port_between(task_b, task_a);
	th = spawn(task_b, exc_server_main, &hport);
	c.handler = hport;
	c.rpc = srv.port;
	j = (struct client_job){ pl->cpu_client, pl->label,
	    "SIGSEGV fix + null RPC", 1.5, { exc_measure, &c, 0 },
	    { segv_rpc_measure, &c, 0 }, { 0, 0, 0 } };
	run_in_client(&j);
	port_between_destroy(hport, task_b, task_a);
	pthread_join(th, NULL);
	port_between_destroy(srv.port, task_b, task_a);
	pthread_join(ts, NULL);
	munmap((void *)exc_page, exc_page_size);
}

/* ---- clocks ------------------------------------------------------------------------------ */

static double clock_get_time_measure(void *ctx, long n)
{
	clock_serv_t clock = *(clock_serv_t *)ctx;
	mach_timespec_t t;
	double t0 = now_ns();
	long i;

	for (i = 0; i < n; i++)
		CHECK("clock_get_time", clock_get_time(clock, &t));
	return now_ns() - t0;
}

#define SLEEPS		300
#define SLEEP_NS	1000000L

/* How late a 1 ms sleep wakes: clock_sleep and clock_nanosleep in turn. */
static void sleep_lateness(double *mach, double *host)
{
	struct timespec rel = { 0, SLEEP_NS };
	mach_timespec_t mrel = { 0, (clock_res_t)SLEEP_NS }, woke;
	int i;

	for (i = 0; i < SLEEPS; i++) {
		double t0 = now_ns();

		CHECK("clock_sleep", clock_sleep(MACH_PORT_NULL,
		    TIME_RELATIVE, mrel, &woke));
		mach[i] = now_ns() - t0 - (double)SLEEP_NS;
		t0 = now_ns();
		(void)clock_nanosleep(CLOCK_MONOTONIC, 0, &rel, NULL);
		host[i] = now_ns() - t0 - (double)SLEEP_NS;
	}
	qsort(mach, SLEEPS, sizeof(*mach), cmp_double);
	qsort(host, SLEEPS, sizeof(*host), cmp_double);
}

static void clock_figure(void)
{
	static double mach[SLEEPS], host[SLEEPS];
	clock_serv_t clock;
	mach_port_t h = mach_host_self();
	struct side a, b = { getppid_measure, NULL, 0 };
	int p99 = SLEEPS * 99 / 100;

	CHECK("host_get_clock_service", host_get_clock_service(h,
	    SYSTEM_CLOCK, &clock));
	a = (struct side){ clock_get_time_measure, &clock, 0 };
	report("one CPU", compare(&a, &b), "getppid()", 1.0);
	sleep_lateness(mach, host);
	printf("  clock_sleep 1 ms late  median");
	print_time(mach[SLEEPS / 2]);
	printf("   99%%");
	print_time(mach[p99]);
	printf("   clock_nanosleep median");
	print_time(host[SLEEPS / 2]);
	printf("   99%%");
	print_time(host[p99]);
	printf("\n  %-22s ratio median %5.2f  99%% %5.2f   target <= 1.2  %s\n",
	    "lateness", mach[SLEEPS / 2] / host[SLEEPS / 2],
	    mach[p99] / host[p99], mach[SLEEPS / 2] <= 1.2 *
	    host[SLEEPS / 2] && mach[p99] <= 1.2 * host[p99] ? "PASS" :
	    "MISS");
	CHECK("mach_port_deallocate", mach_port_deallocate(mach_task_self(),
	    clock));
	CHECK("mach_port_deallocate", mach_port_deallocate(mach_task_self(),
	    h));
}

/* ---- main ----------------------------------------------------------------------------- */

static int nwanted;
static char **wanted;

/* With no arguments every figure runs; else those named (rpc, kcall, ...). */
static bool want(const char *figure)
{
	int i;

	for (i = 0; i < nwanted; i++)
		if (strcmp(wanted[i], figure) == 0)
			return true;
	return nwanted == 0;
}

int main(int argc, char **argv)
{
	struct placement one, two;
	bool have_two;
	int i;

	nwanted = argc - 1;
	wanted = argv + 1;
	for (i = 0; i < nwanted; i++) {
		if (strcmp(wanted[i], "rpc") != 0 &&
		    strcmp(wanted[i], "kcall") != 0 &&
		    strcmp(wanted[i], "oneway") != 0 &&
		    strcmp(wanted[i], "ool") != 0 &&
		    strcmp(wanted[i], "stall") != 0 &&
		    strcmp(wanted[i], "threads") != 0 &&
		    strcmp(wanted[i], "vm") != 0 &&
		    strcmp(wanted[i], "clock") != 0 &&
		    strcmp(wanted[i], "exc") != 0) {
			fprintf(stderr, "usage: ipc_bench [rpc] [kcall] "
			    "[oneway] [ool] [stall] [threads] [vm] [clock] "
			    "[exc]\n");
			return 2;
		}
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	cpus_find();
	have_two = cpu_second >= 0;
	pin_self(cpu_first);
	CHECK("task_create", task_create(mach_task_self(), NULL, 0, FALSE,
	    &task_a));
	CHECK("task_create", task_create(mach_task_self(), NULL, 0, FALSE,
	    &task_b));
	one = (struct placement){ cpu_first, cpu_first, "one CPU" };
	two = (struct placement){ cpu_first, cpu_second, "two cores" };

	printf("ipc bench: medians of %d interleaved pairs (figure, baseline, "
	    "...); ratio = median of per-pair ratios\n", PAIRS);
	printf("one CPU: every thread pinned to CPU %d", cpu_first);
	if (have_two)
		printf("; two cores: client on CPU %d, server on CPU %d",
		    cpu_first, cpu_second);
	printf("\n\n");

	if (want("rpc")) {
		printf("null RPC: generated stub (task A) -> mach_msg_server "
		    "+ demuxer (task B) -> reply\n");
		rpc_figure(&one);
		if (have_two)
			rpc_figure(&two);
		else
			printf("  two cores: skipped, one CPU available\n");
	}
	if (want("kcall")) {
		printf("\nkernel call: mach_port_type stub on an own name "
		    "(one thread)\n");
		kcall_figure(&one);
	}
	if (want("oneway")) {
		printf("\none-way %d-byte messages, task A -> task B "
		    "(per message)\n", SMALL_MSG);
		oneway_figure(&one);
		if (have_two)
			oneway_figure(&two);
		else
			printf("  two cores: skipped, one CPU available\n");
	}
	if (want("ool")) {
		printf("\n1 MiB out of line between task A and task B "
		    "(per message, one CPU)\n");
		ool_figure(&one);
	}
	if (want("vm")) {
		printf("\n1 MiB vm_allocate + touch + vm_deallocate "
		    "(per cycle, one CPU)\n");
		vm_figure();
	}
	if (want("exc")) {
		printf("\na caught exception: a fault in task A, mach_exc_server "
		    "in task B fixes the page, the thread goes on\n");
		exc_figure(&one);
		if (have_two)
			exc_figure(&two);
		else
			printf("  two cores: skipped, one CPU available\n");
	}
	if (want("clock")) {
		printf("\nclock_get_time through its stub on the system clock; "
		    "clock_sleep of 1 ms against clock_nanosleep\n");
		clock_figure();
	}

	if (want("threads")) {
		printf("\nthread control (one CPU), a task's threads spinning\n");
		threads_figure();
	}
	if (want("stall")) {
		printf("\nmach_port_type latency in task A while task B makes "
		    "the largest calls the limits allow\n");
		if (have_two)
			stall_figure(&two);
		else
			printf("  two cores: skipped, one CPU available\n");
	}

	CHECK("task_terminate", task_terminate(task_a));
	CHECK("task_terminate", task_terminate(task_b));
	return 0;
}
