/*
 * fuzz_kmsg.c - arbitrary bytes as Mach messages to the embedded kernel.
 *
 * Each input runs in a fresh task T, on one thread of it:
 *
 *   byte 0   where to: FK_TO_OWN (a receive right of T), FK_TO_KOBJECT
 *            (T's task port, its thread port or the host port, by
 *            byte0 >> 2), FK_TO_SERVER (a port T then serves with the
 *            generated e2e demux, mach_msg_server_once), FK_TO_ANY
 *   byte 1   options: bit 0 receive too (on the reply port, polling),
 *            bit 1 MACH_RCV_LARGE, bits 2-5 trailer elements, bit 6 a
 *            bad trailer type, bit 7 a small receive buffer
 *   rest     the message: header and body, sent with send_size = its
 *            length (up to FK_MAX_MSG), MACH_SEND_TIMEOUT 0
 *
 * Names below FK_MAP in the header and in port descriptors stand for T's
 * own rights (fk_names: its ports, a send-once right, a dead name, a port
 * set, the served port, its kernel ports); OOL addresses below FK_MAP
 * point into a buffer T owns, OOL port arrays into a table of those
 * names; other OOL memory sizes are cut to FK_RAW_OOL_MAX.  Everything
 * else goes to the kernel as it is.
 *
 * The contract: the send returns MACH_MSG_SUCCESS or a documented
 * MACH_SEND_* code (MACH-SEMANTICS 2.10, shortage bits allowed), the
 * receive a documented MACH_RCV_* code; every reply of the demux is
 * well formed and any MIG error in it is one of MIG_BAD_ID,
 * MIG_BAD_ARGUMENTS, MIG_TYPE_ERROR, MIG_TRAILER_ERROR; T's space passes
 * ipc_space_verify once everything is drained; and after T is terminated
 * the kernel's object counts are back and ipc_verify_all holds.  ASan
 * and UBSan (and LeakSanitizer under libFuzzer) watch the rest.
 *
 * Built into the test program (test_fuzz_kmsg.c replays the corpus) and,
 * with FUZZ_LIBFUZZER, as the libFuzzer target of `make fuzz-kmsg`.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mach/mach.h>
#include <mach/task.h>
#include <mach/mach_init.h>
#include <mach/mach_traps.h>
#include <mach/mig_errors.h>
#include <machsim/machsim.h>

#include "e2e/e2e_srv.h"
#include "e2e/e2e_util.h"
#include "fuzz/fuzz_kmsg.h"

char fuzz_kmsg_why[512];

#define FK_REGION	(64u * 1024)	/* T's buffer for OOL addresses */
/* A raw OOL address may land in readable process memory that is not a
   bug to copy, however large (the sanitizers' shadow memory is terabytes
   of it): such a copy is bounded by the host's memory, not the kernel's
   logic, so raw addresses carry at most this much. */
#define FK_RAW_OOL_MAX	(16u << 20)
#define FK_RCV_BIG	(FK_MAX_MSG + 4096)

/* One input's run inside T. */
struct fk_run {
	const uint8_t		*data;
	size_t			size;
	mach_msg_return_t	mr;
	bool			broken;
	char			why[256];
};

static void fk_fail(struct fk_run *r, const char *fmt, unsigned a,
    unsigned b)
{
	if (!r->broken) {
		r->broken = true;
		snprintf(r->why, sizeof(r->why), fmt, a, b);
	}
}

static void fk_fail_str(struct fk_run *r, const char *what, const char *why)
{
	if (!r->broken) {
		r->broken = true;
		snprintf(r->why, sizeof(r->why), "%s: %s", what, why);
	}
}

/* ---- T's rights -------------------------------------------------------- */

enum {
	FN_NULL, FN_DEST, FN_REPLY, FN_SONCE, FN_DEAD, FN_PSET, FN_SVC,
	FN_TASK, FN_THREAD, FN_HOST, FN_DEADNAME, FN_DEST2, FN_SONCE2
};

struct fk_world {
	mach_port_name_t	names[FK_MAP];
	mach_port_name_t	*ool_names;	/* FK_MAP names, in T's map */
	uint8_t			*region;	/* FK_REGION bytes, in T's map */
};

static mach_port_name_t fk_port(bool with_send)
{
	mach_port_name_t n = MACH_PORT_NULL;

	(void)mach_port_allocate(mach_task_self(),
	    MACH_PORT_RIGHT_RECEIVE, &n);
	if (with_send)
		(void)mach_port_insert_right(mach_task_self(),
		    n, n, MACH_MSG_TYPE_MAKE_SEND);
	return n;
}

/* A send-once right to port, under its own name. */
static mach_port_name_t fk_sonce(mach_port_name_t port)
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

static void fk_world_make(struct fk_world *w)
{
	mach_port_name_t *n = w->names;
	vm_address_t a = 0;
	unsigned i;

	memset(w, 0, sizeof(*w));
	n[FN_DEST] = fk_port(true);
	n[FN_REPLY] = fk_port(false);
	n[FN_SONCE] = fk_sonce(n[FN_DEST]);
	(void)mach_port_allocate(mach_task_self(),
	    MACH_PORT_RIGHT_DEAD_NAME, &n[FN_DEAD]);
	(void)mach_port_allocate(mach_task_self(),
	    MACH_PORT_RIGHT_PORT_SET, &n[FN_PSET]);
	n[FN_SVC] = fk_port(true);
	n[FN_TASK] = mach_task_self();
	n[FN_THREAD] = mach_thread_self();
	n[FN_HOST] = mach_host_self();
	n[FN_DEADNAME] = MACH_PORT_DEAD;
	n[FN_DEST2] = fk_port(false);
	n[FN_SONCE2] = fk_sonce(n[FN_REPLY]);
	for (i = FN_SONCE2 + 1; i < FK_MAP; i++)
		n[i] = i;			/* names T does not have */
	mig_allocate(&a, FK_REGION);
	w->region = (uint8_t *)a;
	if (w->region != NULL) {
		for (i = 0; i < FK_REGION; i++)
			w->region[i] = (uint8_t)(i * 31 + 7);
		/* the last FK_MAP words: the names, for OOL port arrays */
		w->ool_names = (mach_port_name_t *)(void *)(w->region +
		    FK_REGION - FK_MAP * sizeof(mach_port_name_t));
		memcpy(w->ool_names, n, FK_MAP * sizeof(mach_port_name_t));
	}
}

static mach_port_name_t fk_map_name(const struct fk_world *w,
    mach_port_name_t n)
{
	return n < FK_MAP ? w->names[n] : n;
}

/* ---- the message ------------------------------------------------------- */

/* Map the names and addresses of the input's message (size bytes). */
static void fk_map_message(const struct fk_world *w, uint8_t *buf,
    size_t size, unsigned target, unsigned sel)
{
	mach_msg_header_t *h = (mach_msg_header_t *)(void *)buf;
	static const unsigned kobj[3] = { FN_TASK, FN_THREAD, FN_HOST };
	uint32_t count, i;
	size_t off;

	if (size < sizeof(*h))
		return;
	switch (target) {
	case FK_TO_OWN:
		h->msgh_remote_port = w->names[FN_DEST];
		break;
	case FK_TO_KOBJECT:
		h->msgh_remote_port = w->names[kobj[sel % 3]];
		break;
	case FK_TO_SERVER:
		h->msgh_remote_port = w->names[FN_SVC];
		break;
	default:
		h->msgh_remote_port = fk_map_name(w, h->msgh_remote_port);
		break;
	}
	h->msgh_local_port = fk_map_name(w, h->msgh_local_port);
	h->msgh_voucher_port = fk_map_name(w, h->msgh_voucher_port);
	if (!(h->msgh_bits & MACH_MSGH_BITS_COMPLEX) ||
	    size < sizeof(*h) + sizeof(mach_msg_body_t))
		return;
	memcpy(&count, buf + sizeof(*h), sizeof(count));
	off = sizeof(*h) + sizeof(mach_msg_body_t);
	for (i = 0; i < count && off + 12 <= size; i++) {
		mach_msg_descriptor_t *d = (void *)(buf + off);
		unsigned type = d->type.type;

		if (type == MACH_MSG_PORT_DESCRIPTOR) {
			d->port.name = fk_map_name(w, d->port.name);
			off += 12;
			continue;
		}
		if (type > MACH_MSG_OOL_VOLATILE_DESCRIPTOR ||
		    off + 16 > size) {
			off += 12;
			continue;
		}
		if (w->region != NULL &&
		    (uintptr_t)d->out_of_line.address < FK_MAP) {
			uintptr_t k = (uintptr_t)d->out_of_line.address;

			if (type == MACH_MSG_OOL_PORTS_DESCRIPTOR)
				d->ool_ports.address = w->ool_names + k;
			else
				d->out_of_line.address = w->region + k * 4096 +
				    k * 8;
		} else if (type != MACH_MSG_OOL_PORTS_DESCRIPTOR &&
		    d->out_of_line.size > FK_RAW_OOL_MAX) {
			d->out_of_line.size = FK_RAW_OOL_MAX;
		}
		off += 16;
	}
}

/* The send and receive codes the contract allows. */
static bool fk_send_code_ok(mach_msg_return_t mr)
{
	switch (mr & ~(mach_msg_return_t)MACH_MSG_MASK) {
	case MACH_MSG_SUCCESS:
	case MACH_SEND_INVALID_DATA:
	case MACH_SEND_INVALID_DEST:
	case MACH_SEND_TIMED_OUT:
	case MACH_SEND_INVALID_VOUCHER:
	case MACH_SEND_MSG_TOO_SMALL:
	case MACH_SEND_INVALID_REPLY:
	case MACH_SEND_INVALID_RIGHT:
	case MACH_SEND_INVALID_MEMORY:
	case MACH_SEND_NO_BUFFER:
	case MACH_SEND_TOO_LARGE:
	case MACH_SEND_INVALID_TYPE:
	case MACH_SEND_INVALID_HEADER:
		return true;
	default:
		return false;
	}
}

static bool fk_rcv_code_ok(mach_msg_return_t mr)
{
	switch (mr & ~(mach_msg_return_t)MACH_MSG_MASK) {
	case MACH_MSG_SUCCESS:
	case MACH_RCV_INVALID_NAME:
	case MACH_RCV_IN_SET:
	case MACH_RCV_TIMED_OUT:
	case MACH_RCV_PORT_DIED:
	case MACH_RCV_PORT_CHANGED:
	case MACH_RCV_INVALID_TRAILER:
	case MACH_RCV_TOO_LARGE:
	case MACH_RCV_HEADER_ERROR:
	case MACH_RCV_INVALID_DATA:
	case MACH_RCV_BODY_ERROR:
		return true;
	default:
		return false;
	}
}

/* A received message is sane, and a demux reply keeps MIG's contract. */
static void fk_check_received(struct fk_run *r, const mach_msg_header_t *h,
    size_t cap, mach_msg_id_t req_id)
{
	const mig_reply_error_t *e = (const void *)h;

	if (h->msgh_size > cap || h->msgh_size < sizeof(*h) ||
	    h->msgh_size % 4 != 0)
		fk_fail(r, "received msgh_size %u (buffer %u)", h->msgh_size,
		    (unsigned)cap);
	if (h->msgh_id != (mach_msg_id_t)((uint32_t)req_id + 100) ||
	    (h->msgh_bits & MACH_MSGH_BITS_COMPLEX) ||
	    h->msgh_size != sizeof(*e))
		return;
	if (e->RetCode <= MIG_TYPE_ERROR && e->RetCode >= -399 &&
	    e->RetCode != MIG_BAD_ID && e->RetCode != MIG_BAD_ARGUMENTS &&
	    e->RetCode != MIG_TYPE_ERROR && e->RetCode != MIG_TRAILER_ERROR)
		fk_fail(r, "demux answered id %u with MIG code %d",
		    (unsigned)req_id, (unsigned)e->RetCode);
}

/* Receive and destroy everything queued on name. */
static void fk_drain(struct fk_run *r, mach_port_name_t name,
    mach_msg_id_t req_id)
{
	static __thread uint8_t buf[FK_RCV_BIG] __attribute__((aligned(8)));
	mach_msg_header_t *h = (mach_msg_header_t *)(void *)buf;
	int i;

	for (i = 0; i < 64; i++) {
		mach_msg_return_t mr = mach_msg(h, MACH_RCV_MSG |
		    MACH_RCV_TIMEOUT | MACH_RCV_LARGE, 0, sizeof(buf), name, 0,
		    MACH_PORT_NULL);

		if (mr == MACH_RCV_TIMED_OUT || mr == MACH_RCV_INVALID_NAME ||
		    mr == MACH_RCV_IN_SET || mr == MACH_RCV_PORT_DIED)
			return;
		if (mr == MACH_RCV_TOO_LARGE) {
			fk_fail(r, "a message of %u bytes on 0x%x",
			    h->msgh_size, name);
			return;
		}
		if ((mr & ~(mach_msg_return_t)MACH_MSG_MASK) ==
		    MACH_RCV_HEADER_ERROR)
			continue;
		if (mr != MACH_MSG_SUCCESS &&
		    (mr & ~(mach_msg_return_t)MACH_MSG_MASK) !=
		    MACH_RCV_BODY_ERROR) {
			fk_fail(r, "drain 0x%x: 0x%x", name, (unsigned)mr);
			return;
		}
		fk_check_received(r, h, sizeof(buf) - MAX_TRAILER_SIZE,
		    req_id);
		mach_msg_destroy(h);
	}
}

static void *fk_task_main(void *arg)
{
	struct fk_run *r = arg;
	static __thread uint8_t msg[FK_RCV_BIG] __attribute__((aligned(8)));
	size_t len = r->size - FK_HDR;
	unsigned target = r->data[0] % FK_TARGETS, opt = r->data[1];
	mach_msg_option_t option = MACH_SEND_MSG | MACH_SEND_TIMEOUT;
	mach_msg_size_t rcv_size = 0;
	mach_msg_id_t req_id;
	struct fk_world w;
	int i;

	fk_world_make(&w);
	if (len > FK_MAX_MSG)
		len = FK_MAX_MSG;
	memset(msg, 0, sizeof(mach_msg_header_t));
	memcpy(msg, r->data + FK_HDR, len);
	fk_map_message(&w, msg, len, target, r->data[0] >> 2);
	req_id = ((mach_msg_header_t *)(void *)msg)->msgh_id;
	if (opt & 1) {
		option |= MACH_RCV_MSG | MACH_RCV_TIMEOUT |
		    MACH_RCV_TRAILER_ELEMENTS((opt >> 2) & 0xf);
		if (opt & 2)
			option |= MACH_RCV_LARGE;
		if (opt & 0x40)
			option |= MACH_RCV_TRAILER_TYPE(1);
		rcv_size = (opt & 0x80) ? 64 : sizeof(msg);
	}
	r->mr = mach_msg((mach_msg_header_t *)(void *)msg, option,
	    (mach_msg_size_t)len, rcv_size, w.names[FN_REPLY], 0,
	    MACH_PORT_NULL);
	if ((r->mr & 0x4000) == 0 ? !fk_send_code_ok(r->mr) :
	    !fk_rcv_code_ok(r->mr))
		fk_fail(r, "mach_msg returned 0x%x (option 0x%x)",
		    (unsigned)r->mr, (unsigned)option);
	else if (r->mr == MACH_MSG_SUCCESS && (option & MACH_RCV_MSG))
		mach_msg_destroy((mach_msg_header_t *)(void *)msg);
	if (target == FK_TO_SERVER || target == FK_TO_ANY)
		for (i = 0; i < 8; i++)
			if (mach_msg_server_once(e2e_server, e2e_max_request,
			    w.names[FN_SVC], MACH_RCV_TIMEOUT |
			    E2E_RCV_OPTIONS) != MACH_MSG_SUCCESS)
				break;
	for (i = 0; i < FN_SONCE2 + 1; i++)
		if (i != FN_TASK && i != FN_THREAD && i != FN_HOST)
			fk_drain(r, w.names[i], req_id);
	return NULL;
}

/* Run one input in a fresh task; *r gets what it found. */
static void fk_run_in_task(struct fk_run *r)
{
	mach_port_t t;
	pthread_t th;
	char why[256] = "";

	e2e_seen_reset();
	e2e_quiet = false;
	t = eu_task_create();
	if (machsim_thread_spawn(t, fk_task_main, r, &th) != KERN_SUCCESS) {
		fk_fail(r, "spawn failed%.0u%.0u", 0, 0);
		return;
	}
	pthread_join(th, NULL);
	/* T's space, verified through the creator's name for T: the input
	   may have given away T's own self name, or terminated T (then the
	   name is dead and there is no space left to check). */
	mach_port_type_t type = 0;
	if (mach_port_type(mach_task_self(), t, &type) == KERN_SUCCESS &&
	    (type & MACH_PORT_TYPE_SEND) &&
	    !eu_verify(t, true, why, sizeof(why)))
		fk_fail_str(r, "space", why);
	/* The input may have terminated T itself (a task_terminate). */
	(void)task_terminate(t);
	(void)eu_deallocate(mach_task_self(), t);
}

int fuzz_kmsg_one(const uint8_t *data, size_t size)
{
	static bool warm;
	struct eu_counts before, after;
	struct fk_run r;
	char why[256] = "";

	fuzz_kmsg_why[0] = '\0';
	if (size < FK_HDR)
		return 0;
	if (!warm) {
		/* What the first task and thread make once (the caller's own
		   kernel objects) must not count as a leak of this input. */
		static const uint8_t nop[FK_HDR] = { FK_TO_OWN, 0 };

		memset(&r, 0, sizeof(r));
		r.data = nop;
		r.size = sizeof(nop);
		fk_run_in_task(&r);
		warm = true;
	}
	memset(&r, 0, sizeof(r));
	r.data = data;
	r.size = size;
	eu_counts(&before);
	fk_run_in_task(&r);
	eu_counts(&after);
	if (!eu_verify(MACH_PORT_NULL, true, why, sizeof(why)))
		fk_fail_str(&r, "kernel", why);
	/* Kernel objects an input created on purpose (a task_create through
	   T's task port) outlive T; only count when no space was added. */
	if (!r.broken && after.spaces == before.spaces &&
	    (after.ports != before.ports || after.kmsgs != before.kmsgs ||
	    after.psets != before.psets))
		fk_fail(&r, "leak: ports %u -> %u", (unsigned)before.ports,
		    (unsigned)after.ports);
	if (!r.broken && after.kmsgs != before.kmsgs)
		fk_fail(&r, "leak: kmsgs %u -> %u", (unsigned)before.kmsgs,
		    (unsigned)after.kmsgs);
	if (r.broken) {
		snprintf(fuzz_kmsg_why, sizeof(fuzz_kmsg_why), "%s", r.why);
		return -1;
	}
	return (int)r.mr;
}

#ifdef FUZZ_LIBFUZZER
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (fuzz_kmsg_one(data, size) == -1) {
		fprintf(stderr, "fuzz_kmsg: %s\n", fuzz_kmsg_why);
		abort();
	}
	return 0;
}
#endif
