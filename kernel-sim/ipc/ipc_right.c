/*
 * ipc_right.c - rights held under names: lookup, conversion of stale
 * rights to dead names, deallocation, destruction, user-reference
 * changes, and copyin/copyout of rights for messages.
 *
 * An entry's type bits say which rights it holds; ie_urefs counts the
 * send right's user references (or the dead name's), is 1 for a
 * send-once right and 0 otherwise.  Entries holding send or receive
 * rights are also hashed by port, so that a port has at most one such
 * name per space.
 */
#include <assert.h>

#include <ksim/ipc.h>

#define SEND_UREFS_MAX	(MACH_PORT_UREFS_MAX - 1)	/* one kept in reserve */
#define DEAD_UREFS_MAX	MACH_PORT_UREFS_MAX

static bool bits_hashed(mach_port_type_t bits)
{
	return (bits & (MACH_PORT_TYPE_SEND | MACH_PORT_TYPE_RECEIVE)) != 0;
}

/* Change an entry's rights, keeping its by-port hashing consistent. */
static void entry_set_bits(ipc_space_t space, ipc_entry_t e,
    mach_port_type_t bits)
{
	bool was = bits_hashed(e->ie_bits) && e->ie_object != NULL;
	bool now = bits_hashed(bits) && e->ie_object != NULL;

	if (was && !now)
		ipc_entry_unhash_port(space, e);
	e->ie_bits = bits;
	if (!was && now)
		ipc_entry_hash_port(space, e);
}

/*
 * Routine:	entry_cancel_dnrequest
 * Purpose:	The name stops denoting its right while the port lives: a
 *		registered dead-name request becomes port-deleted.
 */
static void entry_cancel_dnrequest(ipc_space_t space, ipc_entry_t e,
    ipc_port_t port)
{
	ipc_port_t so;

	if (!e->ie_dnrequest)
		return;
	e->ie_dnrequest = false;
	so = ipc_port_dncancel(port, space, e->ie_name);
	if (so != IP_NULL)
		ipc_notify_port_deleted(so, e->ie_name);
}

/*
 * Routine:	entry_free
 * Purpose:	The entry holds no right any more: free the name.  Returns
 *		the reference the entry held on its object, or NULL.
 */
static void *entry_free(ipc_space_t space, ipc_entry_t e)
{
	void *obj = e->ie_object;

	entry_set_bits(space, e, 0);
	e->ie_object = NULL;
	ipc_entry_dealloc(space, e);
	return obj;
}

/*
 * Routine:	ipc_right_check
 * Purpose:	A send or send-once right whose port has died becomes a dead
 *		name, as if converted at the moment of death: a send right
 *		keeps its urefs, a send-once right has 1; one more if a
 *		dead-name request was registered (it has fired).
 * Conditions:	Kernel locked.
 * Returns:	true when the entry was converted.
 */
bool ipc_right_check(ipc_space_t space, ipc_entry_t e)
{
	ipc_port_t port = e->ie_object;
	mach_port_urefs_t urefs;

	if (!(e->ie_bits & MACH_PORT_TYPE_SEND_RIGHTS) ||
	    (e->ie_bits & MACH_PORT_TYPE_RECEIVE) || port->ip_active)
		return false;
	urefs = (e->ie_bits & MACH_PORT_TYPE_SEND) ? e->ie_urefs : 1;
	if (e->ie_dnrequest)
		urefs++;
	e->ie_dnrequest = false;
	if (e->ie_bits & MACH_PORT_TYPE_SEND)
		port->ip_srights--;
	else
		port->ip_sorights--;
	entry_set_bits(space, e, 0);
	e->ie_object = NULL;
	e->ie_bits = MACH_PORT_TYPE_DEAD_NAME;
	e->ie_urefs = urefs;
	ipc_port_release(port);
	return true;
}

/*
 * Routine:	ipc_right_lookup
 * Purpose:	The entry for a valid name, stale rights converted.
 * Conditions:	Kernel locked.
 * Returns:	KERN_SUCCESS; KERN_INVALID_NAME (no entry);
 *		KERN_INVALID_TASK (space dead).
 */
kern_return_t ipc_right_lookup(ipc_space_t space, mach_port_name_t name,
    ipc_entry_t *entryp)
{
	ipc_entry_t e;

	if (!space->is_active)
		return KERN_INVALID_TASK;
	e = ipc_entry_lookup(space, name);
	if (e == NULL)
		return KERN_INVALID_NAME;
	ipc_right_check(space, e);
	*entryp = e;
	return KERN_SUCCESS;
}

kern_return_t ipc_right_info(ipc_space_t space, ipc_entry_t e,
    mach_port_type_t *typep)
{
	ipc_right_check(space, e);
	*typep = e->ie_bits | (e->ie_dnrequest ? MACH_PORT_TYPE_DNREQUEST : 0);
	return KERN_SUCCESS;
}

/* ---- removing rights --------------------------------------------------------- */

/*
 * Routine:	right_drop_send
 * Purpose:	The entry's send right goes (urefs already irrelevant).
 *		If nothing else remains the name is freed.
 */
static void right_drop_send(ipc_space_t space, ipc_entry_t e)
{
	ipc_port_t port = e->ie_object;

	e->ie_urefs = 0;
	if (e->ie_bits & MACH_PORT_TYPE_RECEIVE) {
		entry_set_bits(space, e, MACH_PORT_TYPE_RECEIVE);
		port->ip_srights--;
		ipc_port_nsrequest_check(port);
		return;
	}
	entry_cancel_dnrequest(space, e, port);
	entry_free(space, e);
	port->ip_srights--;
	ipc_port_nsrequest_check(port);
	ipc_port_release(port);
}

/* The entry's send-once right is destroyed unused: notify its port. */
static void right_drop_sonce(ipc_space_t space, ipc_entry_t e)
{
	ipc_port_t port = e->ie_object;

	entry_cancel_dnrequest(space, e, port);
	entry_free(space, e);
	ipc_notify_send_once(port);	/* consumes the right and its ref */
}

/*
 * Routine:	right_destroy_receive
 * Purpose:	Destroy the entry's receive right (mod_refs RECEIVE -1).
 *		A send part under the name stays: it becomes a dead name
 *		when the port dies (the dead-name request, if any, fires
 *		as a dead-name notification), or stays a live send right
 *		when a port-destroyed request takes the receive right.
 */
static void right_destroy_receive(ipc_space_t space, ipc_entry_t e)
{
	ipc_port_t port = e->ie_object;

	if (e->ie_bits & MACH_PORT_TYPE_SEND) {
		entry_set_bits(space, e, MACH_PORT_TYPE_SEND);
		ipc_port_reference(port);
		ipc_port_destroy(port);
		ipc_right_check(space, e);
		return;
	}
	entry_cancel_dnrequest(space, e, port);
	entry_free(space, e);
	ipc_port_destroy(port);
}

static void right_dead_delta(ipc_space_t space, ipc_entry_t e,
    mach_port_urefs_t urefs)
{
	if (urefs == 0)
		entry_free(space, e);
	else
		e->ie_urefs = urefs;
}

/*
 * Routine:	ipc_right_destroy
 * Purpose:	mach_port_destroy of whatever the name holds (1.6).
 * Conditions:	Kernel locked; entry checked.
 */
void ipc_right_destroy(ipc_space_t space, ipc_entry_t e)
{
	mach_port_type_t bits = e->ie_bits;
	ipc_port_t port = e->ie_object;

	ipc_right_check(space, e);
	bits = e->ie_bits;
	port = e->ie_object;
	if (bits & MACH_PORT_TYPE_PORT_SET) {
		entry_free(space, e);
		ipc_pset_destroy((ipc_pset_t)port);
	} else if (bits & MACH_PORT_TYPE_DEAD_NAME) {
		entry_free(space, e);
	} else if (bits & MACH_PORT_TYPE_SEND_ONCE) {
		right_drop_sonce(space, e);
	} else if (bits & MACH_PORT_TYPE_RECEIVE) {
		entry_cancel_dnrequest(space, e, port);
		if (bits & MACH_PORT_TYPE_SEND)
			port->ip_srights--;	/* the port dies anyway */
		entry_free(space, e);
		ipc_port_destroy(port);
	} else if (bits & MACH_PORT_TYPE_SEND) {
		right_drop_send(space, e);
	}
}

/*
 * Routine:	ipc_right_dealloc
 * Purpose:	mach_port_deallocate: one uref of a send right or dead
 *		name, or the send-once right.
 * Conditions:	Kernel locked.
 * Returns:	KERN_SUCCESS; KERN_INVALID_RIGHT (receive only, port set).
 */
kern_return_t ipc_right_dealloc(ipc_space_t space, ipc_entry_t e)
{
	ipc_right_check(space, e);
	if (e->ie_bits & MACH_PORT_TYPE_DEAD_NAME) {
		right_dead_delta(space, e, e->ie_urefs - 1);
	} else if (e->ie_bits & MACH_PORT_TYPE_SEND_ONCE) {
		right_drop_sonce(space, e);
	} else if (e->ie_bits & MACH_PORT_TYPE_SEND) {
		if (--e->ie_urefs == 0)
			right_drop_send(space, e);
	} else {
		return KERN_INVALID_RIGHT;
	}
	return KERN_SUCCESS;
}

static kern_return_t urefs_add(mach_port_urefs_t urefs,
    mach_port_delta_t delta, mach_port_urefs_t max, mach_port_urefs_t *outp)
{
	int64_t v = (int64_t)urefs + delta;

	if (v < 0)
		return KERN_INVALID_VALUE;
	if (v > (int64_t)max)
		return KERN_UREFS_OVERFLOW;
	*outp = (mach_port_urefs_t)v;
	return KERN_SUCCESS;
}

/*
 * Routine:	ipc_right_delta
 * Purpose:	mach_port_mod_refs on one right of the name (1.6).
 * Conditions:	Kernel locked; right < MACH_PORT_RIGHT_NUMBER.
 * Returns:	KERN_SUCCESS; KERN_INVALID_RIGHT (name lacks the right);
 *		KERN_INVALID_VALUE (bad delta); KERN_UREFS_OVERFLOW.
 */
kern_return_t ipc_right_delta(ipc_space_t space, ipc_entry_t e,
    mach_port_right_t right, mach_port_delta_t delta)
{
	mach_port_type_t bits;
	mach_port_urefs_t urefs;
	kern_return_t kr;

	ipc_right_check(space, e);
	bits = e->ie_bits;
	if (right == MACH_PORT_RIGHT_LABELH ||
	    !(bits & MACH_PORT_TYPE(right)))
		return KERN_INVALID_RIGHT;
	switch (right) {
	case MACH_PORT_RIGHT_RECEIVE:
	case MACH_PORT_RIGHT_PORT_SET:
	case MACH_PORT_RIGHT_SEND_ONCE:
		if (delta == 0)
			return KERN_SUCCESS;
		if (delta != -1)
			return KERN_INVALID_VALUE;
		if (right == MACH_PORT_RIGHT_RECEIVE)
			right_destroy_receive(space, e);
		else if (right == MACH_PORT_RIGHT_PORT_SET)
			ipc_right_destroy(space, e);
		else
			right_drop_sonce(space, e);
		return KERN_SUCCESS;
	case MACH_PORT_RIGHT_DEAD_NAME:
		kr = urefs_add(e->ie_urefs, delta, DEAD_UREFS_MAX, &urefs);
		if (kr == KERN_SUCCESS)
			right_dead_delta(space, e, urefs);
		return kr;
	case MACH_PORT_RIGHT_SEND:
		kr = urefs_add(e->ie_urefs, delta, SEND_UREFS_MAX, &urefs);
		if (kr != KERN_SUCCESS)
			return kr;
		if (urefs == 0)
			right_drop_send(space, e);
		else
			e->ie_urefs = urefs;
		return KERN_SUCCESS;
	default:
		return KERN_INVALID_RIGHT;
	}
}

/* ---- copyin -------------------------------------------------------------------- */

/* The PORT_* type a disposition carries in a message. */
mach_msg_type_name_t ipc_object_copyin_type(mach_msg_type_name_t msgt)
{
	switch (msgt) {
	case MACH_MSG_TYPE_MOVE_RECEIVE:
		return MACH_MSG_TYPE_PORT_RECEIVE;
	case MACH_MSG_TYPE_MOVE_SEND_ONCE:
	case MACH_MSG_TYPE_MAKE_SEND_ONCE:
		return MACH_MSG_TYPE_PORT_SEND_ONCE;
	case MACH_MSG_TYPE_MOVE_SEND:
	case MACH_MSG_TYPE_MAKE_SEND:
	case MACH_MSG_TYPE_COPY_SEND:
		return MACH_MSG_TYPE_PORT_SEND;
	default:
		return MACH_MSG_TYPE_PORT_NONE;
	}
}

/*
 * Routine:	ipc_right_copyin_check
 * Purpose:	Could the entry's right be copied in with msgt?  Changes
 *		nothing except converting a stale right to a dead name.
 * Conditions:	Kernel locked.
 */
bool ipc_right_copyin_check(ipc_space_t space, ipc_entry_t e,
    mach_msg_type_name_t msgt)
{
	mach_port_type_t bits;

	ipc_right_check(space, e);
	bits = e->ie_bits;
	switch (msgt) {
	case MACH_MSG_TYPE_MOVE_RECEIVE:
	case MACH_MSG_TYPE_MAKE_SEND:
	case MACH_MSG_TYPE_MAKE_SEND_ONCE:
		return (bits & MACH_PORT_TYPE_RECEIVE) != 0;
	case MACH_MSG_TYPE_MOVE_SEND:
	case MACH_MSG_TYPE_COPY_SEND:
		return (bits & (MACH_PORT_TYPE_SEND |
		    MACH_PORT_TYPE_DEAD_NAME)) != 0;
	case MACH_MSG_TYPE_MOVE_SEND_ONCE:
		return (bits & (MACH_PORT_TYPE_SEND_ONCE |
		    MACH_PORT_TYPE_DEAD_NAME)) != 0;
	default:
		return false;
	}
}

/*
 * Routine:	right_copyin_receive
 * Purpose:	MOVE_RECEIVE: the space loses the receive right; a send
 *		right under the name stays.  The port leaves its set, its
 *		receivers wake, mscount and seqno reset, and its no-senders
 *		request is cancelled (machsim, 3.3).
 */
static ipc_port_t right_copyin_receive(ipc_space_t space, ipc_entry_t e)
{
	ipc_port_t port = e->ie_object, ns;

	if (e->ie_bits & MACH_PORT_TYPE_SEND) {
		entry_set_bits(space, e, MACH_PORT_TYPE_SEND);
		ipc_port_reference(port);
	} else {
		entry_cancel_dnrequest(space, e, port);
		entry_free(space, e);
	}
	ipc_port_clear_receiver(port);
	ns = port->ip_nsrequest;
	port->ip_nsrequest = IP_NULL;
	if (ns != IP_NULL)
		ipc_notify_send_once(ns);
	return port;
}

/*
 * Routine:	ipc_right_copyin
 * Purpose:	Take a right out of the space for a message.
 * Conditions:	Kernel locked; name valid.
 * Returns:	KERN_SUCCESS with *portp a port or IP_DEAD (dead name);
 *		KERN_INVALID_NAME; KERN_INVALID_RIGHT.  Nothing changes
 *		on failure (except stale rights becoming dead names).
 */
kern_return_t ipc_right_copyin(ipc_space_t space, mach_port_name_t name,
    mach_msg_type_name_t msgt, ipc_port_t *portp)
{
	ipc_entry_t e;
	ipc_port_t port;
	kern_return_t kr = ipc_right_lookup(space, name, &e);

	if (kr != KERN_SUCCESS)
		return kr;
	if (!ipc_right_copyin_check(space, e, msgt))
		return KERN_INVALID_RIGHT;
	port = e->ie_object;
	if (e->ie_bits & MACH_PORT_TYPE_DEAD_NAME) {
		if (msgt != MACH_MSG_TYPE_COPY_SEND)
			right_dead_delta(space, e, e->ie_urefs - 1);
		*portp = IP_DEAD;
		return KERN_SUCCESS;
	}
	switch (msgt) {
	case MACH_MSG_TYPE_MOVE_RECEIVE:
		*portp = right_copyin_receive(space, e);
		break;
	case MACH_MSG_TYPE_MAKE_SEND:
		*portp = ipc_port_make_send(port);
		break;
	case MACH_MSG_TYPE_MAKE_SEND_ONCE:
		*portp = ipc_port_make_sonce(port);
		break;
	case MACH_MSG_TYPE_COPY_SEND:
		*portp = ipc_port_copy_send(port);
		break;
	case MACH_MSG_TYPE_MOVE_SEND:
		if (--e->ie_urefs > 0) {
			/* The name keeps its send right, so the message
			   carries a new one (2.2; 1.1: srights counts
			   rights, not urefs). */
			port->ip_srights++;
			ipc_port_reference(port);
		} else if (e->ie_bits & MACH_PORT_TYPE_RECEIVE) {
			entry_set_bits(space, e, MACH_PORT_TYPE_RECEIVE);
			ipc_port_reference(port);
		} else {
			entry_cancel_dnrequest(space, e, port);
			entry_free(space, e);
		}
		*portp = port;
		break;
	case MACH_MSG_TYPE_MOVE_SEND_ONCE:
		entry_cancel_dnrequest(space, e, port);
		entry_free(space, e);
		*portp = port;
		break;
	default:
		return KERN_INVALID_RIGHT;
	}
	return KERN_SUCCESS;
}

/* ---- copyout and release --------------------------------------------------------- */

/*
 * Routine:	ipc_right_release
 * Purpose:	Destroy a right carried in a message (1.7): a send right
 *		lowers srights, a send-once right notifies its port, a
 *		receive right destroys its port.
 * Conditions:	Kernel locked.
 */
void ipc_right_release(ipc_port_t port, mach_msg_type_name_t type)
{
	if (!IP_VALID(port))
		return;
	switch (type) {
	case MACH_MSG_TYPE_PORT_SEND:
		ipc_port_release_send(port);
		break;
	case MACH_MSG_TYPE_PORT_SEND_ONCE:
		ipc_notify_send_once(port);
		break;
	case MACH_MSG_TYPE_PORT_RECEIVE:
		ipc_port_release_receive(port);
		break;
	default:
		assert(!"bad carried type");
	}
}

static kern_return_t copyout_send(ipc_space_t space, ipc_port_t port,
    mach_port_name_t *namep)
{
	ipc_entry_t e = ipc_entry_lookup_port(space, port);
	kern_return_t kr;

	if (e != NULL) {
		if (!(e->ie_bits & MACH_PORT_TYPE_SEND)) {
			e->ie_urefs = 1;
			entry_set_bits(space, e,
			    e->ie_bits | MACH_PORT_TYPE_SEND);
		} else {
			if (e->ie_urefs < SEND_UREFS_MAX)
				e->ie_urefs++;
			port->ip_srights--;	/* merged into the name */
		}
		ipc_port_release(port);
		*namep = e->ie_name;
		return KERN_SUCCESS;
	}
	kr = ipc_entry_alloc(space, namep, &e);
	if (kr != KERN_SUCCESS)
		return kr;
	e->ie_object = port;
	e->ie_urefs = 1;
	entry_set_bits(space, e, MACH_PORT_TYPE_SEND);
	return KERN_SUCCESS;
}

static kern_return_t copyout_receive(ipc_space_t space, ipc_port_t port,
    mach_port_name_t *namep)
{
	ipc_entry_t e = ipc_entry_lookup_port(space, port);
	kern_return_t kr;

	if (e != NULL) {
		entry_set_bits(space, e, e->ie_bits | MACH_PORT_TYPE_RECEIVE);
		ipc_port_release(port);
	} else {
		kr = ipc_entry_alloc(space, namep, &e);
		if (kr != KERN_SUCCESS)
			return kr;
		e->ie_object = port;
		e->ie_urefs = 0;
		entry_set_bits(space, e, MACH_PORT_TYPE_RECEIVE);
	}
	*namep = e->ie_name;
	port->ip_receiver = space;
	port->ip_receiver_name = e->ie_name;
	port->ip_destination = IP_NULL;
	port->ip_mscount = 0;
	port->ip_seqno = 0;
	return KERN_SUCCESS;
}

/*
 * Routine:	ipc_right_copyout
 * Purpose:	Put a carried right into the space (2.6).  The right and
 *		its reference are consumed on success.
 * Conditions:	Kernel locked; space active.
 * Returns:	KERN_SUCCESS with the name (MACH_PORT_NULL / MACH_PORT_DEAD
 *		for no right / a dead port); KERN_NO_SPACE (right not
 *		consumed).
 */
kern_return_t ipc_right_copyout(ipc_space_t space, ipc_port_t port,
    mach_msg_type_name_t type, mach_port_name_t *namep)
{
	ipc_entry_t e;
	kern_return_t kr;

	if (port == IP_NULL) {
		*namep = MACH_PORT_NULL;
		return KERN_SUCCESS;
	}
	if (port == IP_DEAD) {
		*namep = MACH_PORT_DEAD;
		return KERN_SUCCESS;
	}
	if (!port->ip_active && type != MACH_MSG_TYPE_PORT_RECEIVE) {
		if (type == MACH_MSG_TYPE_PORT_SEND)
			ipc_port_release_send(port);
		else
			ipc_port_release_sonce(port);
		*namep = MACH_PORT_DEAD;
		return KERN_SUCCESS;
	}
	switch (type) {
	case MACH_MSG_TYPE_PORT_SEND:
		return copyout_send(space, port, namep);
	case MACH_MSG_TYPE_PORT_RECEIVE:
		return copyout_receive(space, port, namep);
	case MACH_MSG_TYPE_PORT_SEND_ONCE:
		kr = ipc_entry_alloc(space, namep, &e);
		if (kr != KERN_SUCCESS)
			return kr;
		e->ie_object = port;
		e->ie_urefs = 1;
		e->ie_bits = MACH_PORT_TYPE_SEND_ONCE;
		return KERN_SUCCESS;
	default:
		assert(!"bad carried type");
		return KERN_INVALID_VALUE;
	}
}
