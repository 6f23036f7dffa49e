/*
 * ipc_verify.c - invariant walkers over spaces, ports and messages.
 *
 * Rules checked (each failure says which):
 *   E1 an entry's type bits are one of SEND, RECEIVE, SEND|RECEIVE,
 *      SEND_ONCE, PORT_SET, DEAD_NAME;
 *   E2 urefs: send 1..65534, dead name 1..65535, send-once 1, else 0;
 *   E3 a receive entry is its port's receiver (space and name);
 *   E4 an entry with send or receive is the port's only such entry in
 *      the space (by-port hash);
 *   E5 a dead-name request flag on a live port matches its table;
 *   P1 srights of a live port = names with send + sends in messages +
 *      kernel-held sends; P2 the same for sorights, counting requests;
 *   P3 a live port's receive right has exactly one holder (a name, or a
 *      message carrying it); P4 quiescent: msgcount = queued messages.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include <ksim/ipc.h>
#include <ksim/verify.h>

struct vctx {
	char	*why;
	size_t	len;
	bool	ok;
};

static void fail(struct vctx *v, const char *fmt, ...)
{
	va_list ap;

	if (!v->ok)
		return;
	v->ok = false;
	va_start(ap, fmt);
	vsnprintf(v->why, v->len, fmt, ap);
	va_end(ap);
}

static bool bits_ok(mach_port_type_t b)
{
	return b == MACH_PORT_TYPE_SEND || b == MACH_PORT_TYPE_RECEIVE ||
	    b == MACH_PORT_TYPE_SEND_RECEIVE || b == MACH_PORT_TYPE_SEND_ONCE ||
	    b == MACH_PORT_TYPE_PORT_SET || b == MACH_PORT_TYPE_DEAD_NAME;
}

static bool has_dnrequest(ipc_port_t port, ipc_space_t space,
    mach_port_name_t name)
{
	uint32_t i;

	for (i = 0; i < port->ip_dnr_size; i++)
		if (port->ip_dnrequests[i].dn_space == space &&
		    port->ip_dnrequests[i].dn_name == name)
			return true;
	return false;
}

static void verify_entry(ipc_space_t space, ipc_entry_t e, void *arg)
{
	struct vctx *v = arg;
	mach_port_type_t b = e->ie_bits;
	mach_port_name_t n = e->ie_name;
	ipc_port_t port = e->ie_object;

	if (!MACH_PORT_VALID(n) || !bits_ok(b)) {
		fail(v, "E1: name 0x%x has bits 0x%x", n, b);
		return;
	}
	if ((b & MACH_PORT_TYPE_SEND) ? (e->ie_urefs < 1 ||
	    e->ie_urefs > MACH_PORT_UREFS_MAX - 1) :
	    (b == MACH_PORT_TYPE_DEAD_NAME) ? (e->ie_urefs < 1) :
	    (b == MACH_PORT_TYPE_SEND_ONCE) ? (e->ie_urefs != 1) :
	    (e->ie_urefs != 0))
		fail(v, "E2: name 0x%x bits 0x%x urefs %u", n, b, e->ie_urefs);
	if (b == MACH_PORT_TYPE_DEAD_NAME) {
		if (e->ie_object != NULL || e->ie_dnrequest)
			fail(v, "E1: dead name 0x%x holds an object", n);
		return;
	}
	if (port == NULL) {
		fail(v, "E1: name 0x%x has no object", n);
		return;
	}
	if (b == MACH_PORT_TYPE_PORT_SET) {
		ipc_pset_t ps = e->ie_object;

		if (ps->ips_space != space || ps->ips_name != n)
			fail(v, "E3: set 0x%x back pointer", n);
		return;
	}
	if ((b & MACH_PORT_TYPE_RECEIVE) &&
	    (port->ip_receiver != space || port->ip_receiver_name != n))
		fail(v, "E3: receive name 0x%x not the port's receiver", n);
	if ((b & (MACH_PORT_TYPE_SEND | MACH_PORT_TYPE_RECEIVE)) &&
	    ipc_entry_lookup_port(space, port) != e)
		fail(v, "E4: name 0x%x not the by-port entry", n);
	if (port->ip_active && e->ie_dnrequest != has_dnrequest(port, space, n))
		fail(v, "E5: name 0x%x dead-name request mismatch", n);
}

bool ipc_space_verify(ipc_space_t space, char *why, size_t len)
{
	struct vctx v = { why, len, true };

	ksim_lock();
	if (space->is_active)
		ipc_space_foreach(space, verify_entry, &v);
	ksim_unlock();
	return v.ok;
}

/* ---- global counts ------------------------------------------------------------ */

struct tally {
	ipc_port_t	port;
	uint64_t	s, so, r;
};

static void tally_right(struct tally *t, ipc_port_t p,
    mach_msg_type_name_t type)
{
	if (p != t->port)
		return;
	if (type == MACH_MSG_TYPE_PORT_SEND)
		t->s++;
	else if (type == MACH_MSG_TYPE_PORT_SEND_ONCE)
		t->so++;
	else if (type == MACH_MSG_TYPE_PORT_RECEIVE)
		t->r++;
}

static void tally_kmsg(struct tally *t, ipc_kmsg_t k)
{
	uint32_t i, j;

	tally_right(t, k->ikm_remote, k->ikm_remote_type);
	tally_right(t, k->ikm_local, k->ikm_local_type);
	for (i = 0; i < k->ikm_ndesc_done; i++) {
		struct ipc_kdesc *kd = &k->ikm_desc[i];

		if (kd->kd_type == MACH_MSG_PORT_DESCRIPTOR)
			tally_right(t, kd->kd_port, kd->kd_disp);
		else if (kd->kd_type == MACH_MSG_OOL_PORTS_DESCRIPTOR)
			for (j = 0; j < kd->kd_count; j++)
				tally_right(t, kd->kd_ports[j], kd->kd_disp);
	}
}

static void tally_entry(ipc_space_t space, ipc_entry_t e, void *arg)
{
	struct tally *t = arg;

	(void)space;
	if (e->ie_object != t->port)
		return;
	if (e->ie_bits & MACH_PORT_TYPE_SEND)
		t->s++;
	if (e->ie_bits & MACH_PORT_TYPE_SEND_ONCE)
		t->so++;
	if (e->ie_bits & MACH_PORT_TYPE_RECEIVE)
		t->r++;
}

static void tally_requests(struct tally *t)
{
	ipc_port_t q;
	uint32_t i;

	TAILQ_FOREACH(q, &ipc_all_ports, ip_all_link) {
		if (q->ip_nsrequest == t->port)
			t->so++;
		if (q->ip_pdrequest == t->port)
			t->so++;
		for (i = 0; i < q->ip_dnr_size; i++)
			if (q->ip_dnrequests[i].dn_space != NULL &&
			    q->ip_dnrequests[i].dn_soright == t->port)
				t->so++;
	}
}

static void verify_port(struct vctx *v, ipc_port_t port, bool quiescent)
{
	struct tally t = { port, 0, 0, 0 };
	ipc_space_t space;
	ipc_kmsg_t k;
	uint32_t queued = 0;

	TAILQ_FOREACH(space, &ipc_all_spaces, is_all_link)
		ipc_space_foreach(space, tally_entry, &t);
	TAILQ_FOREACH(k, &ipc_all_kmsgs, ikm_all_link)
		tally_kmsg(&t, k);
	tally_requests(&t);
	t.s += port->ip_kheld_srights;
	t.so += port->ip_kheld_sorights;
	if (t.s != port->ip_srights)
		fail(v, "P1: port %p srights %u, found %llu", (void *)port,
		    port->ip_srights, (unsigned long long)t.s);
	if (t.so != port->ip_sorights)
		fail(v, "P2: port %p sorights %u, found %llu", (void *)port,
		    port->ip_sorights, (unsigned long long)t.so);
	if (t.r != 1)
		fail(v, "P3: port %p has %llu receive holders", (void *)port,
		    (unsigned long long)t.r);
	TAILQ_FOREACH(k, &port->ip_messages, ikm_link)
		queued++;
	if (quiescent && queued != port->ip_msgcount)
		fail(v, "P4: port %p msgcount %u, queued %u", (void *)port,
		    port->ip_msgcount, queued);
}

bool ipc_verify_all(bool quiescent, char *why, size_t len)
{
	struct vctx v = { why, len, true };
	ipc_space_t space;
	ipc_port_t port;

	ksim_boot();
	ksim_lock();
	TAILQ_FOREACH(space, &ipc_all_spaces, is_all_link)
		ipc_space_foreach(space, verify_entry, &v);
	TAILQ_FOREACH(port, &ipc_all_ports, ip_all_link)
		if (port->ip_active)
			verify_port(&v, port, quiescent);
	ksim_unlock();
	return v.ok;
}

void ipc_counts_get(struct ipc_counts *c)
{
	ipc_space_t space;

	ksim_boot();
	ksim_lock();
	c->ports = ipc_port_count;
	c->psets = ipc_pset_count;
	c->kmsgs = ipc_kmsg_count;
	c->spaces = 0;
	TAILQ_FOREACH(space, &ipc_all_spaces, is_all_link)
		c->spaces++;
	ksim_unlock();
}
