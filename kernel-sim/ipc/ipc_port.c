/*
 * ipc_port.c - ports: allocation, kernel-held rights, requests, death.
 *
 * References: an entry naming the port holds one reference whatever rights
 * it holds; a receive right in a message holds one; every kernel-held
 * send or send-once right (in a message, a notification request or a
 * kernel object) holds one.  The port is freed with its last reference,
 * always after it has died.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include <ksim/ipc.h>
#include <ksim/kern.h>
#include <ksim/vm.h>

struct ipc_port_list ipc_all_ports = TAILQ_HEAD_INITIALIZER(ipc_all_ports);
size_t ipc_port_count;
static uint64_t ipc_port_clock;

static ipc_port_t port_new(void)
{
	ipc_port_t port = calloc(1, sizeof(*port));

	if (port == NULL)
		abort();
	port->ip_references = 1;
	port->ip_active = true;
	port->ip_qlimit = MACH_PORT_QLIMIT_DEFAULT;
	TAILQ_INIT(&port->ip_messages);
	waitq_init(&port->ip_receivers, WAITQ_FIFO);
	waitq_init(&port->ip_senders, WAITQ_FIFO);
	TAILQ_INSERT_TAIL(&ipc_all_ports, port, ip_all_link);
	ipc_port_count++;
	return port;
}

static void port_install(ipc_space_t space, ipc_entry_t e, ipc_port_t port)
{
	e->ie_bits = MACH_PORT_TYPE_RECEIVE;
	e->ie_urefs = 0;
	e->ie_object = port;
	port->ip_receiver = space;
	port->ip_receiver_name = e->ie_name;
	ipc_entry_hash_port(space, e);
}

/*
 * Routine:	ipc_port_alloc
 * Purpose:	A new port whose receive right the space holds under a
 *		kernel-chosen name.  The entry's reference is the port's
 *		first; *portp is not an extra reference.
 * Conditions:	Kernel locked; space active.
 * Returns:	KERN_SUCCESS; KERN_NO_SPACE.
 */
kern_return_t ipc_port_alloc(ipc_space_t space, mach_port_name_t *namep,
    ipc_port_t *portp)
{
	ipc_entry_t e;
	kern_return_t kr = ipc_entry_alloc(space, namep, &e);

	if (kr != KERN_SUCCESS)
		return kr;
	*portp = port_new();
	port_install(space, e, *portp);
	return KERN_SUCCESS;
}

/* As ipc_port_alloc, under the caller's name (KERN_NAME_EXISTS). */
kern_return_t ipc_port_alloc_name(ipc_space_t space, mach_port_name_t name,
    ipc_port_t *portp)
{
	ipc_entry_t e;
	kern_return_t kr = ipc_entry_alloc_name(space, name, &e);

	if (kr != KERN_SUCCESS)
		return kr;
	*portp = port_new();
	port_install(space, e, *portp);
	return KERN_SUCCESS;
}

void ipc_port_reference(ipc_port_t port)
{
	assert(IP_VALID(port) && port->ip_references > 0);
	port->ip_references++;
}

/*
 * Routine:	ipc_port_release
 * Purpose:	Drop a reference; free the port with the last one.
 * Conditions:	Kernel locked.
 */
void ipc_port_release(ipc_port_t port)
{
	if (!IP_VALID(port))
		return;
	assert(port->ip_references > 0);
	if (--port->ip_references > 0)
		return;
	assert(!port->ip_active && TAILQ_EMPTY(&port->ip_messages));
	TAILQ_REMOVE(&ipc_all_ports, port, ip_all_link);
	ipc_port_count--;
	free(port->ip_dnrequests);
	free(port);
}

/* ---- kernel-held rights --------------------------------------------------------- */

ipc_port_t ipc_port_make_send(ipc_port_t port)
{
	if (!IP_VALID(port))
		return port;
	if (!port->ip_active)
		return IP_DEAD;
	port->ip_mscount++;
	port->ip_srights++;
	ipc_port_reference(port);
	return port;
}

ipc_port_t ipc_port_copy_send(ipc_port_t port)
{
	if (!IP_VALID(port))
		return port;
	if (!port->ip_active)
		return IP_DEAD;
	port->ip_srights++;
	ipc_port_reference(port);
	return port;
}

ipc_port_t ipc_port_make_sonce(ipc_port_t port)
{
	if (!IP_VALID(port))
		return port;
	if (!port->ip_active)
		return IP_DEAD;
	port->ip_sorights++;
	ipc_port_reference(port);
	return port;
}

/*
 * Routine:	ipc_port_release_send
 * Purpose:	Drop a kernel-held send right; no-senders may fire.
 * Conditions:	Kernel locked.
 */
void ipc_port_release_send(ipc_port_t port)
{
	if (!IP_VALID(port))
		return;
	assert(port->ip_srights > 0);
	port->ip_srights--;
	ipc_port_nsrequest_check(port);
	ipc_port_release(port);
}

/* Drop a send-once right that has been used (no notification). */
void ipc_port_release_sonce(ipc_port_t port)
{
	if (!IP_VALID(port))
		return;
	assert(port->ip_sorights > 0);
	port->ip_sorights--;
	ipc_port_release(port);
}

/* Destroy a kernel-held receive right (consumes its reference). */
void ipc_port_release_receive(ipc_port_t port)
{
	if (!IP_VALID(port))
		return;
	ipc_port_destroy(port);
}

/* ---- queue limit ---------------------------------------------------------------- */

/*
 * Routine:	ipc_port_set_qlimit
 * Purpose:	Set the queue limit; admit blocked senders up to it.
 * Conditions:	Kernel locked.
 */
void ipc_port_set_qlimit(ipc_port_t port, mach_port_msgcount_t qlimit)
{
	port->ip_qlimit = qlimit;
	while (port->ip_msgcount < port->ip_qlimit &&
	    !waitq_empty(&port->ip_senders)) {
		port->ip_msgcount++;	/* the slot the sender will use */
		waitq_wakeup_one(&port->ip_senders, THREAD_AWAKENED);
	}
}

/* ---- requests ------------------------------------------------------------------- */

/*
 * Routine:	ipc_port_nsrequest_check
 * Purpose:	Fire the no-senders request if srights reached 0.
 * Conditions:	Kernel locked.
 */
void ipc_port_nsrequest_check(ipc_port_t port)
{
	ipc_port_t ns = port->ip_nsrequest;

	if (port->ip_srights == 0 && port->ip_active &&
	    port->ip_kotype != IKOT_NONE &&
	    ipc_kobject_no_senders(port))		/* ipc_kobject.c */
		return;

	if (port->ip_srights != 0 || ns == IP_NULL || !port->ip_active)
		return;
	port->ip_nsrequest = IP_NULL;
	ipc_notify_no_senders(ns, port->ip_mscount);
}

kern_return_t ipc_port_dngrow(ipc_port_t port, uint32_t target)
{
	struct ipc_dnrequest *t;

	if (target <= port->ip_dnr_size)
		return KERN_SUCCESS;
	if (target > (1u << 20))
		return KERN_NO_SPACE;
	t = realloc(port->ip_dnrequests, target * sizeof(*t));
	if (t == NULL)
		return KERN_NO_SPACE;
	memset(t + port->ip_dnr_size, 0,
	    (target - port->ip_dnr_size) * sizeof(*t));
	port->ip_dnrequests = t;
	port->ip_dnr_size = target;
	return KERN_SUCCESS;
}

/*
 * Routine:	ipc_port_dnrequest
 * Purpose:	Record (space, name, soright); the slot takes the right.
 * Conditions:	Kernel locked; no request exists for (space, name).
 * Returns:	KERN_SUCCESS; KERN_NO_SPACE.
 */
kern_return_t ipc_port_dnrequest(ipc_port_t port, ipc_space_t space,
    mach_port_name_t name, ipc_port_t soright)
{
	uint32_t i;

	for (i = 0; i < port->ip_dnr_size; i++)
		if (port->ip_dnrequests[i].dn_space == IPC_SPACE_NULL)
			break;
	if (i == port->ip_dnr_size &&
	    ipc_port_dngrow(port, port->ip_dnr_size ?
	    port->ip_dnr_size * 2 : 4) != KERN_SUCCESS)
		return KERN_NO_SPACE;
	port->ip_dnrequests[i].dn_space = space;
	port->ip_dnrequests[i].dn_name = name;
	port->ip_dnrequests[i].dn_soright = soright;
	ipc_space_reference(space);
	return KERN_SUCCESS;
}

/*
 * Routine:	ipc_port_dncancel
 * Purpose:	Remove the request of (space, name) and hand back its
 *		send-once right (IP_NULL if there was none).
 * Conditions:	Kernel locked.
 */
ipc_port_t ipc_port_dncancel(ipc_port_t port, ipc_space_t space,
    mach_port_name_t name)
{
	uint32_t i;

	for (i = 0; i < port->ip_dnr_size; i++) {
		struct ipc_dnrequest *d = &port->ip_dnrequests[i];
		ipc_port_t so;

		if (d->dn_space != space || d->dn_name != name)
			continue;
		so = d->dn_soright;
		d->dn_space = IPC_SPACE_NULL;
		d->dn_soright = IP_NULL;
		ipc_space_release(space);
		return so;
	}
	return IP_NULL;
}

/*
 * Routine:	ipc_port_check_circularity
 * Purpose:	Would queueing a message carrying port's receive right on
 *		dest make port reachable only through itself?  If not,
 *		record dest as port's destination.
 * Conditions:	Kernel locked.
 * Returns:	true when circular (nothing recorded).
 */
bool ipc_port_check_circularity(ipc_port_t port, ipc_port_t dest)
{
	ipc_port_t p;

	for (p = dest; IP_VALID(p); p = p->ip_destination) {
		if (p == port)
			return true;
		if (p->ip_receiver != IPC_SPACE_NULL || !p->ip_active)
			break;
	}
	port->ip_destination = dest;
	return false;
}

/* ---- receiver changes --------------------------------------------------------- */

/*
 * Routine:	ipc_port_clear_receiver
 * Purpose:	The receive right leaves its space: out of its set, blocked
 *		receivers see MACH_RCV_PORT_DIED, mscount and seqno reset.
 * Conditions:	Kernel locked.
 */
void ipc_port_clear_receiver(ipc_port_t port)
{
	if (port->ip_pset != NULL)
		ipc_pset_remove(port);
	ipc_mqueue_changed(&port->ip_receivers, THREAD_TERMINATED);
	port->ip_receiver = IPC_SPACE_NULL;
	port->ip_receiver_name = MACH_PORT_NULL;
	port->ip_mscount = 0;
	port->ip_seqno = 0;
}

/*
 * Routine:	ipc_port_destroy
 * Purpose:	Destroy a receive right (MACH-SEMANTICS 1.5): hand it to the
 *		port-destroyed request if one is registered, else kill the
 *		port.  The receive right has already been taken from its
 *		holder, which passes its reference here.
 * Conditions:	Kernel locked.
 */
void ipc_port_destroy(ipc_port_t port)
{
	ipc_port_t pd = port->ip_pdrequest, ns = port->ip_nsrequest;
	ipc_kmsg_t kmsg;
	uint32_t i;

	ipc_port_clear_receiver(port);
	port->ip_destination = IP_NULL;
	if (pd != IP_NULL) {
		port->ip_pdrequest = IP_NULL;
		port->ip_nsrequest = IP_NULL;
		if (ns != IP_NULL)
			ipc_notify_send_once(ns);
		ipc_notify_port_destroyed(pd, port);
		return;
	}
	port->ip_active = false;
	port->ip_timestamp = ++ipc_port_clock;
	port->ip_nsrequest = IP_NULL;
	if (ns != IP_NULL)
		ipc_notify_send_once(ns);
	while ((kmsg = TAILQ_FIRST(&port->ip_messages)) != NULL) {
		TAILQ_REMOVE(&port->ip_messages, kmsg, ikm_link);
		kmsg->ikm_queued = false;
		port->ip_msgcount--;
		ipc_kmsg_destroy_deferred(kmsg);
	}
	for (i = 0; i < port->ip_dnr_size; i++) {
		struct ipc_dnrequest *d = &port->ip_dnrequests[i];
		ipc_port_t so = d->dn_soright;
		mach_port_name_t name = d->dn_name;

		if (d->dn_space == IPC_SPACE_NULL)
			continue;
		ipc_space_release(d->dn_space);
		d->dn_space = IPC_SPACE_NULL;
		d->dn_soright = IP_NULL;
		ipc_notify_dead_name(so, name);
	}
	waitq_wakeup_all(&port->ip_senders, THREAD_TERMINATED);
	port->ip_kotype = IKOT_NONE;
	port->ip_kobject = NULL;
	ipc_port_release(port);
}
