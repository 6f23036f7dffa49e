/*
 * ipc_mqueue.c - message queues: admission and blocking of senders,
 * posting, and selecting the next message for a receiver (2.7, 2.8).
 *
 * msgcount counts queued messages plus slots reserved for blocked
 * senders that have been admitted: a dequeue hands its slot straight to
 * the first blocked sender, so senders are admitted in FIFO order and a
 * newcomer cannot overtake them.
 */
#include <assert.h>

#include <ksim/ipc.h>

/*
 * Routine:	ipc_mqueue_changed
 * Purpose:	Wake every receiver blocked on a port or set that changed.
 * Conditions:	Kernel locked.
 */
void ipc_mqueue_changed(struct waitq *receivers, wait_result_t why)
{
	waitq_wakeup_all(receivers, why);
}

/*
 * Routine:	ipc_mqueue_release_slot
 * Purpose:	A message left the queue (or a reserved slot went unused):
 *		give the slot to the first blocked sender, if any.
 * Conditions:	Kernel locked.
 */
void ipc_mqueue_release_slot(ipc_port_t port)
{
	assert(port->ip_msgcount > 0);
	port->ip_msgcount--;
	if (port->ip_msgcount < port->ip_qlimit &&
	    waitq_wakeup_one(&port->ip_senders, THREAD_AWAKENED) != NULL)
		port->ip_msgcount++;
}

static bool kmsg_is_circular(ipc_kmsg_t kmsg, ipc_port_t dest)
{
	uint32_t i, j;

	for (i = 0; i < kmsg->ikm_ndesc_done; i++) {
		struct ipc_kdesc *kd = &kmsg->ikm_desc[i];

		if (kd->kd_disp != MACH_MSG_TYPE_PORT_RECEIVE)
			continue;
		if (kd->kd_type == MACH_MSG_PORT_DESCRIPTOR) {
			if (IP_VALID(kd->kd_port) &&
			    ipc_port_check_circularity(kd->kd_port, dest))
				return true;
		} else if (kd->kd_type == MACH_MSG_OOL_PORTS_DESCRIPTOR) {
			for (j = 0; j < kd->kd_count; j++)
				if (IP_VALID(kd->kd_ports[j]) &&
				    ipc_port_check_circularity(kd->kd_ports[j],
				    dest))
					return true;
		}
	}
	return false;
}

/*
 * Routine:	ipc_mqueue_post
 * Purpose:	Queue a message whose slot is already counted in msgcount;
 *		wake a receiver of the port or of its set.  A message that
 *		would make a receive right carry itself is destroyed.
 * Conditions:	Kernel locked; port active.
 */
void ipc_mqueue_post(ipc_port_t port, ipc_kmsg_t kmsg)
{
	if (kmsg_is_circular(kmsg, port)) {
		ipc_mqueue_release_slot(port);
		ipc_kmsg_destroy(kmsg);
		return;
	}
	TAILQ_INSERT_TAIL(&port->ip_messages, kmsg, ikm_link);
	kmsg->ikm_queued = true;
	if (waitq_wakeup_one(&port->ip_receivers, THREAD_AWAKENED) == NULL &&
	    port->ip_pset != NULL)
		waitq_wakeup_one(&port->ip_pset->ips_receivers,
		    THREAD_AWAKENED);
}

static bool admit_now(ipc_port_t port, ipc_kmsg_t kmsg,
    mach_msg_option_t option)
{
	if (port->ip_msgcount < port->ip_qlimit &&
	    waitq_empty(&port->ip_senders))
		return true;
	return (kmsg->ikm_remote_type == MACH_MSG_TYPE_PORT_SEND_ONCE ||
	    (option & MACH_SEND_ALWAYS)) &&
	    port->ip_msgcount < MACH_PORT_QLIMIT_KERNEL;
}

/*
 * Routine:	ipc_mqueue_send
 * Purpose:	Deliver a copied-in message to its destination: serve it
 *		(kernel object), queue it, or block for room.
 * Conditions:	Kernel locked (dropped while blocked).  Consumes kmsg
 *		unless an error is returned.
 * Returns:	MACH_MSG_SUCCESS (also when the port is or becomes dead:
 *		the message is destroyed); MACH_SEND_TIMED_OUT,
 *		MACH_SEND_INTERRUPTED, MACH_SEND_NO_BUFFER: kmsg is the
 *		caller's again.
 */
mach_msg_return_t ipc_mqueue_send(ipc_kmsg_t kmsg, mach_msg_option_t option,
    mach_msg_timeout_t timeout)
{
	ipc_port_t port = kmsg->ikm_remote;
	struct timespec deadline;
	wait_result_t wr;

	if (!IP_VALID(port) || !port->ip_active) {
		ipc_kmsg_destroy(kmsg);
		return MACH_MSG_SUCCESS;
	}
	if (port->ip_kotype != IKOT_NONE &&
	    port->ip_receiver == ipc_space_kernel) {
		if (option & MACH_SEND_KERNEL)
			ipc_kmsg_destroy(kmsg);
		else
			ipc_kobject_server(kmsg);
		return MACH_MSG_SUCCESS;
	}
	if (admit_now(port, kmsg, option)) {
		port->ip_msgcount++;
		ipc_mqueue_post(port, kmsg);
		return MACH_MSG_SUCCESS;
	}
	if (port->ip_msgcount >= MACH_PORT_QLIMIT_KERNEL)
		return MACH_SEND_NO_BUFFER;
	if ((option & MACH_SEND_TIMEOUT) && timeout == 0)
		return MACH_SEND_TIMED_OUT;
	if (option & MACH_SEND_TIMEOUT)
		ksim_deadline_ms(&deadline, timeout);
	ipc_port_reference(port);
	wr = thread_block(&port->ip_senders,
	    (option & MACH_SEND_TIMEOUT) ? &deadline : NULL);
	ipc_port_release(port);
	switch (wr) {
	case THREAD_AWAKENED:
		if (!port->ip_active) {
			ipc_kmsg_destroy(kmsg);
			return MACH_MSG_SUCCESS;
		}
		ipc_mqueue_post(port, kmsg);	/* slot reserved by waker */
		return MACH_MSG_SUCCESS;
	case THREAD_TIMED_OUT:
		return MACH_SEND_TIMED_OUT;
	case THREAD_INTERRUPTED:
		return MACH_SEND_INTERRUPTED;
	default:				/* the port died */
		ipc_kmsg_destroy(kmsg);
		return MACH_MSG_SUCCESS;
	}
}

/* Send a kernel-made message; it never blocks. */
mach_msg_return_t ipc_kmsg_send_kernel(ipc_kmsg_t kmsg)
{
	mach_msg_return_t mr = ipc_mqueue_send(kmsg,
	    MACH_SEND_ALWAYS | MACH_SEND_KERNEL | MACH_SEND_TIMEOUT, 0);

	if (mr != MACH_MSG_SUCCESS)
		ipc_kmsg_destroy(kmsg);
	return mr;
}

/* ---- receiving ------------------------------------------------------------------ */

/* The next member of pset with a message, rotated to the back. */
static ipc_port_t pset_select(ipc_pset_t pset)
{
	ipc_port_t port;

	TAILQ_FOREACH(port, &pset->ips_members, ip_pset_link) {
		if (TAILQ_EMPTY(&port->ip_messages))
			continue;
		TAILQ_REMOVE(&pset->ips_members, port, ip_pset_link);
		TAILQ_INSERT_TAIL(&pset->ips_members, port, ip_pset_link);
		return port;
	}
	return IP_NULL;
}

static mach_msg_return_t wait_result_to_rcv(wait_result_t wr)
{
	switch (wr) {
	case THREAD_TIMED_OUT:
		return MACH_RCV_TIMED_OUT;
	case THREAD_INTERRUPTED:
		return MACH_RCV_INTERRUPTED;
	case THREAD_RESTART:
		return MACH_RCV_PORT_CHANGED;
	case THREAD_TERMINATED:
		return MACH_RCV_PORT_DIED;
	default:
		return MACH_MSG_SUCCESS;
	}
}

/*
 * Routine:	ipc_mqueue_receive
 * Purpose:	Take the next message for a receive right or port set
 *		(2.8 steps 1-5).  The message is dequeued, with its seqno,
 *		unless it is too large and MACH_RCV_LARGE was given.
 * Conditions:	Kernel locked (dropped while blocked).
 * Returns:	MACH_MSG_SUCCESS with *kmsgp; MACH_RCV_TOO_LARGE with
 *		*kmsgp (dequeued unless RCV_LARGE; *sizep the size needed,
 *		*namep the port's name); or a failure with nothing taken.
 */
mach_msg_return_t ipc_mqueue_receive(ipc_space_t space,
    mach_port_name_t name, mach_msg_option_t option,
    mach_msg_size_t max_size, mach_msg_timeout_t timeout,
    ipc_kmsg_t *kmsgp, mach_msg_size_t *sizep, mach_port_name_t *namep)
{
	struct timespec deadline;
	bool timed = (option & MACH_RCV_TIMEOUT) && timeout != 0;
	mach_msg_size_t tsize = ipc_kmsg_trailer_size(option);
	ipc_entry_t e;

	if (timed)
		ksim_deadline_ms(&deadline, timeout);
	for (;;) {
		ipc_port_t port;
		ipc_kmsg_t kmsg;
		struct waitq *wq;
		wait_result_t wr;
		void *obj;
		bool is_set;

		if (space == IPC_SPACE_NULL || !MACH_PORT_VALID(name) ||
		    (e = ipc_entry_lookup(space, name)) == NULL ||
		    !(e->ie_bits & (MACH_PORT_TYPE_RECEIVE |
		    MACH_PORT_TYPE_PORT_SET)))
			return MACH_RCV_INVALID_NAME;
		obj = e->ie_object;
		if (e->ie_bits & MACH_PORT_TYPE_PORT_SET) {
			port = pset_select(obj);
			wq = &((ipc_pset_t)obj)->ips_receivers;
		} else {
			port = obj;
			if (port->ip_pset != NULL)
				return MACH_RCV_IN_SET;
			wq = &port->ip_receivers;
			if (TAILQ_EMPTY(&port->ip_messages))
				port = IP_NULL;
		}
		if (port != IP_NULL) {
			kmsg = TAILQ_FIRST(&port->ip_messages);
			*kmsgp = kmsg;
			*namep = port->ip_receiver_name;
			*sizep = kmsg->ikm_size;
			if (kmsg->ikm_size + tsize > max_size &&
			    (option & MACH_RCV_LARGE))
				return MACH_RCV_TOO_LARGE;
			TAILQ_REMOVE(&port->ip_messages, kmsg, ikm_link);
			kmsg->ikm_queued = false;
			kmsg->ikm_seqno = port->ip_seqno++;
			kmsg->ikm_context = port->ip_context;
			ipc_mqueue_release_slot(port);
			if (kmsg->ikm_size + tsize > max_size)
				return MACH_RCV_TOO_LARGE;
			return MACH_MSG_SUCCESS;
		}
		if ((option & MACH_RCV_TIMEOUT) && timeout == 0)
			return MACH_RCV_TIMED_OUT;
		is_set = (e->ie_bits & MACH_PORT_TYPE_PORT_SET) != 0;
		if (is_set)
			((ipc_pset_t)obj)->ips_references++;
		else
			ipc_port_reference(obj);
		wr = thread_block(wq, timed ? &deadline : NULL);
		if (is_set)
			ipc_pset_release(obj);
		else
			ipc_port_release(obj);
		if (wr != THREAD_AWAKENED)
			return wait_result_to_rcv(wr);
	}
}
