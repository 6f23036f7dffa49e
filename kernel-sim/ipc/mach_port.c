/*
 * mach_port.c - the mach_port subsystem (MACH-SEMANTICS section 4).
 *
 * The ksim_mach_port_* work functions are the routines of
 * defs/mach_port.defs as the generated kernel demuxer calls them
 * (<kernel/mach_portServer.h> is their contract); each is served in the
 * caller's thread when a Darwin client stub sends to a task port.
 *
 * Each call validates everything first (space, right argument, names,
 * the entry's rights) and only then changes state with ipc_right_* and
 * ipc_port_* routines that cannot fail, so an error never leaves a
 * half-done change.
 */
#include <stdlib.h>
#include <string.h>

#include <mach/notify.h>

#include <ksim/config.h>
#include <ksim/ipc.h>
#include <ksim/mach_port.h>
#include <ksim/mig_convert.h>
#include <ksim/vm.h>

static bool space_ok(ipc_space_t space)
{
	return space != IPC_SPACE_NULL && space->is_active;
}

/* Lock and check the space; returns KERN_INVALID_TASK when dead. */
static kern_return_t enter(ipc_space_t space)
{
	ksim_boot();
	if (space == IPC_SPACE_NULL)
		return KERN_INVALID_TASK;
	ksim_lock();
	if (!space_ok(space)) {
		ksim_unlock();
		return KERN_INVALID_TASK;
	}
	return KERN_SUCCESS;
}

static kern_return_t leave(kern_return_t kr)
{
	ksim_unlock();
	return kr;
}

/*
 * Routine:	lookup_typed
 * Purpose:	The "name errors" of the port calls for a name that must
 *		denote a right of type (MACH_PORT_TYPE_RECEIVE or
 *		MACH_PORT_TYPE_PORT_SET): its object in *objp.
 * Conditions:	Kernel locked.
 */
static kern_return_t lookup_typed(ipc_space_t space, mach_port_name_t name,
    mach_port_type_t type, void **objp)
{
	ipc_entry_t e;
	kern_return_t kr;

	if (!MACH_PORT_VALID(name))
		return KERN_INVALID_RIGHT;
	kr = ipc_right_lookup(space, name, &e);
	if (kr != KERN_SUCCESS)
		return kr;
	if (!(e->ie_bits & type))
		return KERN_INVALID_RIGHT;
	*objp = e->ie_object;
	return KERN_SUCCESS;
}

static kern_return_t lookup_receive(ipc_space_t space, mach_port_name_t name,
    ipc_port_t *portp)
{
	void *obj;
	kern_return_t kr = lookup_typed(space, name, MACH_PORT_TYPE_RECEIVE,
	    &obj);

	if (kr == KERN_SUCCESS)
		*portp = obj;
	return kr;
}

static kern_return_t lookup_pset(ipc_space_t space, mach_port_name_t name,
    ipc_pset_t *psetp)
{
	void *obj;
	kern_return_t kr = lookup_typed(space, name, MACH_PORT_TYPE_PORT_SET,
	    &obj);

	if (kr == KERN_SUCCESS)
		*psetp = obj;
	return kr;
}

/* ---- allocation ------------------------------------------------------------------ */

static kern_return_t allocate_locked(ipc_space_t space,
    mach_port_right_t right, bool named, mach_port_name_t *namep)
{
	ipc_port_t port;
	ipc_pset_t pset;
	ipc_entry_t e;
	kern_return_t kr;

	switch (right) {
	case MACH_PORT_RIGHT_RECEIVE:
		return named ? ipc_port_alloc_name(space, *namep, &port) :
		    ipc_port_alloc(space, namep, &port);
	case MACH_PORT_RIGHT_PORT_SET:
		return named ? ipc_pset_alloc_name(space, *namep, &pset) :
		    ipc_pset_alloc(space, namep, &pset);
	case MACH_PORT_RIGHT_DEAD_NAME:
		kr = named ? ipc_entry_alloc_name(space, *namep, &e) :
		    ipc_entry_alloc(space, namep, &e);
		if (kr == KERN_SUCCESS) {
			e->ie_bits = MACH_PORT_TYPE_DEAD_NAME;
			e->ie_urefs = 1;
		}
		return kr;
	default:
		return KERN_INVALID_VALUE;
	}
}

/*
 * Routine:	ksim_mach_port_allocate
 * Purpose:	A receive right, an empty port set or a dead name.
 * Returns:	KERN_SUCCESS; KERN_INVALID_TASK; KERN_INVALID_VALUE (other
 *		rights); KERN_NO_SPACE.
 */
kern_return_t ksim_mach_port_allocate(ipc_space_t space, mach_port_right_t right,
    mach_port_name_t *namep)
{
	kern_return_t kr = enter(space);

	if (kr != KERN_SUCCESS)
		return kr;
	if (right != MACH_PORT_RIGHT_RECEIVE &&
	    right != MACH_PORT_RIGHT_PORT_SET &&
	    right != MACH_PORT_RIGHT_DEAD_NAME)
		return leave(KERN_INVALID_VALUE);
	return leave(allocate_locked(space, right, false, namep));
}

/* As mach_port_allocate under the caller's name (KERN_NAME_EXISTS). */
kern_return_t ksim_mach_port_allocate_name(ipc_space_t space,
    mach_port_right_t right, mach_port_name_t name)
{
	kern_return_t kr = enter(space);

	if (kr != KERN_SUCCESS)
		return kr;
	if (!MACH_PORT_VALID(name))
		return leave(KERN_INVALID_VALUE);
	return leave(allocate_locked(space, right, true, &name));
}

static kern_return_t allocate_qos_locked(ipc_space_t space,
    mach_port_right_t right, mach_port_qos_t *qos, mach_port_name_t *namep)
{
	kern_return_t kr;
	ipc_entry_t e;

	if (qos->prealloc && right != MACH_PORT_RIGHT_RECEIVE)
		return KERN_INVALID_VALUE;
	if (qos->prealloc && qos->len > IPC_KMSG_MAX_SIZE)
		return KERN_RESOURCE_SHORTAGE;
	if (qos->name && !MACH_PORT_VALID(*namep))
		return KERN_INVALID_VALUE;
	if (right != MACH_PORT_RIGHT_RECEIVE &&
	    right != MACH_PORT_RIGHT_PORT_SET &&
	    right != MACH_PORT_RIGHT_DEAD_NAME)
		return KERN_INVALID_VALUE;
	kr = allocate_locked(space, right, qos->name, namep);
	if (kr == KERN_SUCCESS && qos->prealloc) {
		e = ipc_entry_lookup(space, *namep);
		((ipc_port_t)e->ie_object)->ip_prealloc = qos->len;
	}
	return kr;
}

/*
 * Routine:	ksim_mach_port_allocate_qos
 * Returns:	As mach_port_allocate; KERN_INVALID_ARGUMENT (qos.name set);
 *		KERN_INVALID_VALUE (prealloc for another right);
 *		KERN_RESOURCE_SHORTAGE (oversized prealloc).
 */
kern_return_t ksim_mach_port_allocate_qos(ipc_space_t space,
    mach_port_right_t right, mach_port_qos_t *qosp, mach_port_name_t *namep)
{
	kern_return_t kr = enter(space);

	if (kr != KERN_SUCCESS)
		return kr;
	if (qosp == NULL || qosp->name)
		return leave(KERN_INVALID_ARGUMENT);
	return leave(allocate_qos_locked(space, right, qosp, namep));
}

/* As allocate_qos; qos.name uses *namep; subsystem must be NULL. */
kern_return_t ksim_mach_port_allocate_full(ipc_space_t space,
    mach_port_right_t right, subsystem_t subsystem, mach_port_qos_t *qosp,
    mach_port_name_t *namep)
{
	kern_return_t kr = enter(space);

	if (kr != KERN_SUCCESS)
		return kr;
	if (subsystem != MACH_PORT_NULL)
		return leave(KERN_INVALID_VALUE);
	if (qosp == NULL)
		return leave(KERN_INVALID_ARGUMENT);
	return leave(allocate_qos_locked(space, right, qosp, namep));
}

/* XNU dropped RPC subsystems (MACH-SEMANTICS 4). */
kern_return_t ksim_mach_port_allocate_subsystem(ipc_space_t space,
    subsystem_t subsystem, mach_port_name_t *namep)
{
	(void)space;
	(void)subsystem;
	(void)namep;
	return KERN_NOT_SUPPORTED;
}

/* ---- destroy, deallocate, refs ----------------------------------------------------- */

/*
 * Routine:	ksim_mach_port_destroy
 * Purpose:	Destroy every right the name holds (1.6).
 * Returns:	KERN_SUCCESS (also for NULL and DEAD); KERN_INVALID_TASK;
 *		KERN_INVALID_NAME.
 */
kern_return_t ksim_mach_port_destroy(ipc_space_t space, mach_port_name_t name)
{
	ipc_entry_t e;
	kern_return_t kr = enter(space);

	if (kr != KERN_SUCCESS)
		return kr;
	if (!MACH_PORT_VALID(name))
		return leave(KERN_SUCCESS);
	kr = ipc_right_lookup(space, name, &e);
	if (kr == KERN_SUCCESS)
		ipc_right_destroy(space, e);
	return leave(kr);
}

/*
 * Routine:	ksim_mach_port_deallocate
 * Purpose:	Drop one uref of a send right or dead name, or a send-once
 *		right (1.6).
 * Returns:	KERN_SUCCESS (also for NULL and DEAD); KERN_INVALID_TASK;
 *		KERN_INVALID_NAME; KERN_INVALID_RIGHT (receive only, set).
 */
kern_return_t ksim_mach_port_deallocate(ipc_space_t space, mach_port_name_t name)
{
	ipc_entry_t e;
	kern_return_t kr = enter(space);

	if (kr != KERN_SUCCESS)
		return kr;
	if (!MACH_PORT_VALID(name))
		return leave(KERN_SUCCESS);
	kr = ipc_right_lookup(space, name, &e);
	if (kr == KERN_SUCCESS)
		kr = ipc_right_dealloc(space, e);
	return leave(kr);
}

/*
 * Routine:	ksim_mach_port_get_refs
 * Returns:	KERN_SUCCESS; KERN_INVALID_TASK; KERN_INVALID_VALUE (right
 *		>= 6, checked first); KERN_INVALID_NAME.
 */
kern_return_t ksim_mach_port_get_refs(ipc_space_t space, mach_port_name_t name,
    mach_port_right_t right, mach_port_urefs_t *urefsp)
{
	ipc_entry_t e;
	kern_return_t kr = enter(space);

	if (kr != KERN_SUCCESS)
		return kr;
	if (right >= MACH_PORT_RIGHT_NUMBER)
		return leave(KERN_INVALID_VALUE);
	if (!MACH_PORT_VALID(name)) {
		if (right != MACH_PORT_RIGHT_SEND &&
		    right != MACH_PORT_RIGHT_SEND_ONCE)
			return leave(KERN_INVALID_NAME);
		*urefsp = 1;
		return leave(KERN_SUCCESS);
	}
	kr = ipc_right_lookup(space, name, &e);
	if (kr != KERN_SUCCESS)
		return leave(kr);
	if (right == MACH_PORT_RIGHT_LABELH ||
	    !(e->ie_bits & MACH_PORT_TYPE(right)))
		*urefsp = 0;
	else if (right == MACH_PORT_RIGHT_SEND ||
	    right == MACH_PORT_RIGHT_DEAD_NAME)
		*urefsp = e->ie_urefs;
	else
		*urefsp = 1;
	return leave(KERN_SUCCESS);
}

/*
 * Routine:	ksim_mach_port_mod_refs
 * Returns:	KERN_SUCCESS; KERN_INVALID_TASK; KERN_INVALID_VALUE;
 *		KERN_INVALID_NAME; KERN_INVALID_RIGHT; KERN_UREFS_OVERFLOW.
 */
kern_return_t ksim_mach_port_mod_refs(ipc_space_t space, mach_port_name_t name,
    mach_port_right_t right, mach_port_delta_t delta)
{
	ipc_entry_t e;
	kern_return_t kr = enter(space);

	if (kr != KERN_SUCCESS)
		return kr;
	if (right >= MACH_PORT_RIGHT_NUMBER)
		return leave(KERN_INVALID_VALUE);
	if (!MACH_PORT_VALID(name))
		return leave(right == MACH_PORT_RIGHT_SEND ||
		    right == MACH_PORT_RIGHT_SEND_ONCE ? KERN_SUCCESS :
		    KERN_INVALID_NAME);
	kr = ipc_right_lookup(space, name, &e);
	if (kr == KERN_SUCCESS)
		kr = ipc_right_delta(space, e, right, delta);
	return leave(kr);
}

/* ---- type, names, rename ------------------------------------------------------------ */

kern_return_t ksim_mach_port_type(ipc_space_t space, mach_port_name_t name,
    mach_port_type_t *typep)
{
	ipc_entry_t e;
	kern_return_t kr = enter(space);

	if (kr != KERN_SUCCESS)
		return kr;
	if (name == MACH_PORT_NULL)
		return leave(KERN_INVALID_NAME);
	if (name == MACH_PORT_DEAD) {
		*typep = MACH_PORT_TYPE_DEAD_NAME;
		return leave(KERN_SUCCESS);
	}
	kr = ipc_right_lookup(space, name, &e);
	if (kr == KERN_SUCCESS)
		kr = ipc_right_info(space, e, typep);
	return leave(kr);
}

/*
 * Routine:	ksim_mach_port_names
 * Purpose:	A consistent snapshot of every name and its type.
 * Returns:	KERN_SUCCESS; KERN_INVALID_TASK; KERN_RESOURCE_SHORTAGE.
 */
kern_return_t ksim_mach_port_names(ipc_space_t space, mach_port_name_t **namesp,
    mach_msg_type_number_t *namesCnt, mach_port_type_t **typesp,
    mach_msg_type_number_t *typesCnt)
{
	mach_port_name_t *all, *names;
	mach_port_type_t *types;
	size_t n, i;
	kern_return_t kr = enter(space);

	if (kr != KERN_SUCCESS)
		return kr;
	n = ipc_space_names(space, &all);
	names = vm_reply_array(n * sizeof(*names));
	types = vm_reply_array(n * sizeof(*types));
	if (n != 0 && (names == NULL || types == NULL)) {
		if (names != NULL)
			(void)vm_map_remove(kernel_task->map,
			    (vm_address_t)names, n * sizeof(*names));
		if (types != NULL)
			(void)vm_map_remove(kernel_task->map,
			    (vm_address_t)types, n * sizeof(*types));
		free(all);
		return leave(KERN_RESOURCE_SHORTAGE);
	}
	for (i = 0; i < n; i++) {
		ipc_entry_t e = ipc_entry_lookup(space, all[i]);

		names[i] = all[i];
		(void)ipc_right_info(space, e, &types[i]);
	}
	free(all);
	*namesp = names;
	*typesp = types;
	*namesCnt = *typesCnt = (mach_msg_type_number_t)n;
	return leave(KERN_SUCCESS);
}

/*
 * Routine:	ksim_mach_port_rename
 * Purpose:	Move an entry to a new name; requests follow the name.
 * Returns:	KERN_SUCCESS; KERN_INVALID_TASK; KERN_INVALID_NAME (old
 *		NULL, DEAD or unused); KERN_INVALID_VALUE (new NULL/DEAD);
 *		KERN_NAME_EXISTS.
 */
kern_return_t ksim_mach_port_rename(ipc_space_t space, mach_port_name_t oname,
    mach_port_name_t nname)
{
	ipc_entry_t oe, ne;
	kern_return_t kr = enter(space);
	uint32_t i;

	if (kr != KERN_SUCCESS)
		return kr;
	if (!MACH_PORT_VALID(oname))
		return leave(KERN_INVALID_NAME);
	if (!MACH_PORT_VALID(nname))
		return leave(KERN_INVALID_VALUE);
	kr = ipc_right_lookup(space, oname, &oe);
	if (kr != KERN_SUCCESS)
		return leave(kr);
	if (ipc_entry_lookup(space, nname) != NULL)
		return leave(KERN_NAME_EXISTS);
	kr = ipc_entry_alloc_name(space, nname, &ne);
	if (kr != KERN_SUCCESS)
		return leave(kr);
	oe = ipc_entry_lookup(space, oname);
	ne->ie_bits = oe->ie_bits;
	ne->ie_urefs = oe->ie_urefs;
	ne->ie_object = oe->ie_object;
	ne->ie_dnrequest = oe->ie_dnrequest;
	if ((oe->ie_bits & (MACH_PORT_TYPE_SEND | MACH_PORT_TYPE_RECEIVE)) &&
	    oe->ie_object != NULL) {
		ipc_entry_unhash_port(space, oe);
		ipc_entry_hash_port(space, ne);
	}
	if (oe->ie_bits & MACH_PORT_TYPE_RECEIVE)
		((ipc_port_t)oe->ie_object)->ip_receiver_name = nname;
	if (oe->ie_bits & MACH_PORT_TYPE_PORT_SET)
		((ipc_pset_t)oe->ie_object)->ips_name = nname;
	if (oe->ie_dnrequest) {
		ipc_port_t port = oe->ie_object;

		for (i = 0; i < port->ip_dnr_size; i++)
			if (port->ip_dnrequests[i].dn_space == space &&
			    port->ip_dnrequests[i].dn_name == oname)
				port->ip_dnrequests[i].dn_name = nname;
	}
	oe->ie_bits = 0;
	oe->ie_object = NULL;
	oe->ie_dnrequest = false;
	ipc_entry_dealloc(space, oe);
	return leave(KERN_SUCCESS);
}

/* ---- receive-right state ------------------------------------------------------------ */

kern_return_t ksim_mach_port_set_mscount(ipc_space_t space, mach_port_name_t name,
    mach_port_mscount_t mscount)
{
	ipc_port_t port;
	kern_return_t kr = enter(space);

	if (kr != KERN_SUCCESS)
		return kr;
	kr = lookup_receive(space, name, &port);
	if (kr == KERN_SUCCESS)
		port->ip_mscount = mscount;
	return leave(kr);
}

kern_return_t ksim_mach_port_set_seqno(ipc_space_t space, mach_port_name_t name,
    mach_port_seqno_t seqno)
{
	ipc_port_t port;
	kern_return_t kr = enter(space);

	if (kr != KERN_SUCCESS)
		return kr;
	kr = lookup_receive(space, name, &port);
	if (kr == KERN_SUCCESS)
		port->ip_seqno = seqno;
	return leave(kr);
}

kern_return_t ksim_mach_port_get_srights(ipc_space_t space, mach_port_name_t name,
    mach_port_rights_t *srightsp)
{
	ipc_port_t port;
	kern_return_t kr = enter(space);

	if (kr != KERN_SUCCESS)
		return kr;
	kr = lookup_receive(space, name, &port);
	if (kr == KERN_SUCCESS)
		*srightsp = port->ip_srights;
	return leave(kr);
}

kern_return_t ksim_mach_port_dnrequest_info(ipc_space_t space,
    mach_port_name_t name, unsigned *totalp, unsigned *usedp)
{
	ipc_port_t port;
	uint32_t i, used = 0;
	kern_return_t kr = enter(space);

	if (kr != KERN_SUCCESS)
		return kr;
	kr = lookup_receive(space, name, &port);
	if (kr != KERN_SUCCESS)
		return leave(kr);
	for (i = 0; i < port->ip_dnr_size; i++)
		if (port->ip_dnrequests[i].dn_space != IPC_SPACE_NULL)
			used++;
	*totalp = port->ip_dnr_size;
	*usedp = used;
	return leave(KERN_SUCCESS);
}

kern_return_t ksim_task_set_port_space(ipc_space_t space, int table_entries)
{
	kern_return_t kr = enter(space);

	if (kr != KERN_SUCCESS)
		return kr;
	if (table_entries < 0)
		return leave(KERN_INVALID_ARGUMENT);
	if ((size_t)table_entries > (ksim_config.port_space_limit != 0 ?
	    ksim_config.port_space_limit : IPC_SPACE_MAX_LIMIT))
		return leave(KERN_INVALID_VALUE);
	if ((size_t)table_entries < space->is_count)
		return leave(KERN_NO_SPACE);
	space->is_limit = (size_t)table_entries;
	return leave(KERN_SUCCESS);
}

/* ---- attributes ---------------------------------------------------------------------- */

static void receive_status(ipc_port_t port, mach_port_status_t *st)
{
	memset(st, 0, sizeof(*st));
	st->mps_pset = port->ip_pset != NULL ? 1 : 0;
	st->mps_seqno = port->ip_seqno;
	st->mps_mscount = port->ip_mscount;
	st->mps_qlimit = port->ip_qlimit;
	st->mps_msgcount = port->ip_msgcount;
	st->mps_sorights = port->ip_sorights;
	st->mps_srights = port->ip_srights > 0;
	st->mps_pdrequest = port->ip_pdrequest != IP_NULL;
	st->mps_nsrequest = port->ip_nsrequest != IP_NULL;
	st->mps_flags = 0;
}

/*
 * Routine:	ksim_mach_port_get_attributes
 * Returns:	KERN_SUCCESS; KERN_INVALID_TASK; KERN_INVALID_ARGUMENT
 *		(flavor); KERN_FAILURE (count too small); name errors.
 */
kern_return_t ksim_mach_port_get_attributes(ipc_space_t space,
    mach_port_name_t name, mach_port_flavor_t flavor, mach_port_info_t info,
    mach_msg_type_number_t *countp)
{
	mach_msg_type_number_t need;
	ipc_port_t port;
	kern_return_t kr = enter(space);

	if (kr != KERN_SUCCESS)
		return kr;
	switch (flavor) {
	case MACH_PORT_LIMITS_INFO:
		need = MACH_PORT_LIMITS_INFO_COUNT;
		break;
	case MACH_PORT_RECEIVE_STATUS:
		need = MACH_PORT_RECEIVE_STATUS_COUNT;
		break;
	case MACH_PORT_DNREQUESTS_SIZE:
		need = MACH_PORT_DNREQUESTS_SIZE_COUNT;
		break;
	default:
		return leave(KERN_INVALID_ARGUMENT);
	}
	if (countp == NULL || *countp < need)
		return leave(KERN_FAILURE);
	if (!MACH_PORT_VALID(name) && flavor == MACH_PORT_LIMITS_INFO) {
		*countp = 0;
		return leave(KERN_SUCCESS);
	}
	if (!MACH_PORT_VALID(name) && flavor == MACH_PORT_DNREQUESTS_SIZE) {
		info[0] = 0;
		*countp = need;
		return leave(KERN_SUCCESS);
	}
	kr = lookup_receive(space, name, &port);
	if (kr != KERN_SUCCESS)
		return leave(kr);
	if (flavor == MACH_PORT_LIMITS_INFO)
		((mach_port_limits_t *)(void *)info)->mpl_qlimit =
		    port->ip_qlimit;
	else if (flavor == MACH_PORT_RECEIVE_STATUS)
		receive_status(port, (mach_port_status_t *)(void *)info);
	else
		info[0] = (integer_t)port->ip_dnr_size;
	*countp = need;
	return leave(KERN_SUCCESS);
}

/*
 * Routine:	ksim_mach_port_set_attributes
 * Returns:	KERN_SUCCESS; KERN_INVALID_TASK; KERN_FAILURE (count);
 *		KERN_INVALID_VALUE (qlimit > 1024, before the name);
 *		KERN_NO_SPACE; KERN_INVALID_ARGUMENT (flavor); name errors.
 */
kern_return_t ksim_mach_port_set_attributes(ipc_space_t space,
    mach_port_name_t name, mach_port_flavor_t flavor, mach_port_info_t info,
    mach_msg_type_number_t count)
{
	ipc_port_t port;
	kern_return_t kr = enter(space);

	if (kr != KERN_SUCCESS)
		return kr;
	switch (flavor) {
	case MACH_PORT_LIMITS_INFO: {
		mach_port_msgcount_t q;

		if (count < MACH_PORT_LIMITS_INFO_COUNT)
			return leave(KERN_FAILURE);
		q = ((mach_port_limits_t *)(void *)info)->mpl_qlimit;
		if (q > MACH_PORT_QLIMIT_MAX)
			return leave(KERN_INVALID_VALUE);
		kr = lookup_receive(space, name, &port);
		if (kr == KERN_SUCCESS)
			ipc_port_set_qlimit(port, q);
		return leave(kr);
	}
	case MACH_PORT_DNREQUESTS_SIZE:
		if (count < MACH_PORT_DNREQUESTS_SIZE_COUNT)
			return leave(KERN_FAILURE);
		kr = lookup_receive(space, name, &port);
		if (kr == KERN_SUCCESS)
			kr = ipc_port_dngrow(port, (uint32_t)info[0]);
		return leave(kr);
	default:
		return leave(KERN_INVALID_ARGUMENT);
	}
}

/* ---- port sets ---------------------------------------------------------------------- */

/*
 * Routine:	ksim_mach_port_get_set_status
 * Purpose:	The names of the set's members.
 * Returns:	KERN_SUCCESS; KERN_INVALID_TASK; name errors;
 *		KERN_RESOURCE_SHORTAGE.
 */
kern_return_t ksim_mach_port_get_set_status(ipc_space_t space,
    mach_port_name_t name, mach_port_name_t **membersp,
    mach_msg_type_number_t *membersCnt)
{
	ipc_pset_t pset;
	ipc_port_t port;
	mach_port_name_t *names;
	size_t n = 0;
	kern_return_t kr = enter(space);

	if (kr != KERN_SUCCESS)
		return kr;
	kr = lookup_pset(space, name, &pset);
	if (kr != KERN_SUCCESS)
		return leave(kr);
	TAILQ_FOREACH(port, &pset->ips_members, ip_pset_link)
		n++;
	names = vm_reply_array(n * sizeof(*names));
	if (n != 0 && names == NULL)
		return leave(KERN_RESOURCE_SHORTAGE);
	n = 0;
	TAILQ_FOREACH(port, &pset->ips_members, ip_pset_link)
		names[n++] = port->ip_receiver_name;
	*membersp = names;
	*membersCnt = (mach_msg_type_number_t)n;
	return leave(KERN_SUCCESS);
}

/*
 * Routine:	ksim_mach_port_move_member
 * Purpose:	Take member out of its set and put it into after (or no
 *		set for MACH_PORT_NULL).
 * Returns:	KERN_SUCCESS; KERN_INVALID_TASK; name errors;
 *		KERN_NOT_IN_SET (after NULL, member in no set).
 */
kern_return_t ksim_mach_port_move_member(ipc_space_t space,
    mach_port_name_t member, mach_port_name_t after)
{
	ipc_port_t port;
	ipc_pset_t pset = NULL;
	kern_return_t kr = enter(space);

	if (kr != KERN_SUCCESS)
		return kr;
	kr = lookup_receive(space, member, &port);
	if (kr != KERN_SUCCESS)
		return leave(kr);
	if (after != MACH_PORT_NULL) {
		kr = lookup_pset(space, after, &pset);
		if (kr != KERN_SUCCESS)
			return leave(kr);
	} else if (port->ip_pset == NULL) {
		return leave(KERN_NOT_IN_SET);
	}
	if (port->ip_pset == pset && pset != NULL)
		return leave(KERN_SUCCESS);
	ipc_pset_remove(port);
	if (pset != NULL)
		ipc_pset_add(pset, port);
	return leave(KERN_SUCCESS);
}

/* Returns KERN_ALREADY_IN_SET when the port is in any set. */
kern_return_t ksim_mach_port_insert_member(ipc_space_t space,
    mach_port_name_t name, mach_port_name_t psname)
{
	ipc_port_t port;
	ipc_pset_t pset;
	kern_return_t kr = enter(space);

	if (kr != KERN_SUCCESS)
		return kr;
	kr = lookup_receive(space, name, &port);
	if (kr == KERN_SUCCESS)
		kr = lookup_pset(space, psname, &pset);
	if (kr != KERN_SUCCESS)
		return leave(kr);
	if (port->ip_pset != NULL)
		return leave(KERN_ALREADY_IN_SET);
	ipc_pset_add(pset, port);
	return leave(KERN_SUCCESS);
}

/* Returns KERN_NOT_IN_SET when the port is not in that set. */
kern_return_t ksim_mach_port_extract_member(ipc_space_t space,
    mach_port_name_t name, mach_port_name_t psname)
{
	ipc_port_t port;
	ipc_pset_t pset;
	kern_return_t kr = enter(space);

	if (kr != KERN_SUCCESS)
		return kr;
	kr = lookup_receive(space, name, &port);
	if (kr == KERN_SUCCESS)
		kr = lookup_pset(space, psname, &pset);
	if (kr != KERN_SUCCESS)
		return leave(kr);
	if (port->ip_pset != pset)
		return leave(KERN_NOT_IN_SET);
	ipc_pset_remove(port);
	return leave(KERN_SUCCESS);
}

/* ---- notifications ------------------------------------------------------------------ */

static kern_return_t request_receive(ipc_space_t space,
    mach_port_name_t name, mach_msg_id_t msgid, mach_port_mscount_t sync,
    ipc_port_t notify, ipc_port_t *previousp)
{
	ipc_port_t port, prev;
	kern_return_t kr;

	if (msgid == MACH_NOTIFY_PORT_DESTROYED && sync != 0)
		return KERN_INVALID_VALUE;
	kr = lookup_receive(space, name, &port);
	if (kr != KERN_SUCCESS)
		return kr;
	if (msgid == MACH_NOTIFY_PORT_DESTROYED) {
		*previousp = port->ip_pdrequest;
		port->ip_pdrequest = notify;
		return KERN_SUCCESS;
	}
	prev = port->ip_nsrequest;
	if (port->ip_srights == 0 && sync <= port->ip_mscount &&
	    notify != IP_NULL) {
		port->ip_nsrequest = IP_NULL;
		*previousp = prev;
		ipc_notify_no_senders(notify, port->ip_mscount);
		return KERN_SUCCESS;
	}
	port->ip_nsrequest = notify;
	*previousp = prev;
	return KERN_SUCCESS;
}

static kern_return_t request_dead_name(ipc_space_t space,
    mach_port_name_t name, mach_port_mscount_t sync, ipc_port_t notify,
    ipc_port_t *previousp)
{
	ipc_entry_t e;
	ipc_port_t port;
	kern_return_t kr;

	if (!MACH_PORT_VALID(name))
		return KERN_INVALID_ARGUMENT;
	kr = ipc_right_lookup(space, name, &e);
	if (kr != KERN_SUCCESS)
		return kr;
	if (e->ie_bits & MACH_PORT_TYPE_DEAD_NAME) {
		if (sync == 0 || notify == IP_NULL)
			return KERN_INVALID_ARGUMENT;
		if (e->ie_urefs >= MACH_PORT_UREFS_MAX)
			return KERN_UREFS_OVERFLOW;
		e->ie_urefs++;
		*previousp = IP_NULL;
		ipc_notify_dead_name(notify, name);
		return KERN_SUCCESS;
	}
	if (!(e->ie_bits & MACH_PORT_TYPE_PORT_RIGHTS))
		return KERN_INVALID_RIGHT;
	port = e->ie_object;
	if (notify != IP_NULL && !e->ie_dnrequest &&
	    ipc_port_dnrequest(port, space, name, IP_NULL) != KERN_SUCCESS)
		return KERN_NO_SPACE;
	*previousp = ipc_port_dncancel(port, space, name);
	e->ie_dnrequest = false;
	if (notify != IP_NULL) {
		(void)ipc_port_dnrequest(port, space, name, notify);
		e->ie_dnrequest = true;
	}
	return KERN_SUCCESS;
}

/*
 * Routine:	ipc_space_request_notification
 * Purpose:	Register (or cancel, with IP_NULL) a port-destroyed,
 *		no-senders or dead-name request, swapping it with the one
 *		registered (3.2).  notify is a kernel-held send-once right,
 *		consumed on success; *previousp is handed to the caller.
 * Returns:	KERN_SUCCESS; KERN_INVALID_TASK; KERN_INVALID_CAPABILITY
 *		(notify dead); KERN_INVALID_VALUE; KERN_INVALID_ARGUMENT;
 *		KERN_INVALID_NAME; KERN_INVALID_RIGHT; KERN_UREFS_OVERFLOW.
 */
kern_return_t ipc_space_request_notification(ipc_space_t space,
    mach_port_name_t name, mach_msg_id_t msgid, mach_port_mscount_t sync,
    ipc_port_t notify, ipc_port_t *previousp)
{
	kern_return_t kr = enter(space);

	if (kr != KERN_SUCCESS)
		return kr;
	*previousp = IP_NULL;
	if (notify == IP_DEAD)
		return leave(KERN_INVALID_CAPABILITY);
	switch (msgid) {
	case MACH_NOTIFY_PORT_DESTROYED:
	case MACH_NOTIFY_NO_SENDERS:
		kr = request_receive(space, name, msgid, sync, notify,
		    previousp);
		break;
	case MACH_NOTIFY_DEAD_NAME:
		kr = request_dead_name(space, name, sync, notify, previousp);
		break;
	default:
		kr = KERN_INVALID_VALUE;
		break;
	}
	return leave(kr);
}

/* ---- inserting and extracting rights ---------------------------------------------- */

static kern_return_t insert_check(ipc_space_t space, mach_port_name_t name,
    ipc_port_t port, mach_msg_type_name_t type, ipc_entry_t *ep)
{
	ipc_entry_t e = ipc_entry_lookup(space, name);
	ipc_entry_t pe = ipc_entry_lookup_port(space, port);

	if (e != NULL)
		ipc_right_check(space, e);
	if (type == MACH_MSG_TYPE_PORT_SEND_ONCE)
		return e != NULL ? KERN_NAME_EXISTS : KERN_SUCCESS;
	if (pe != NULL && pe != e)
		return KERN_RIGHT_EXISTS;
	if (e != NULL && e != pe)
		return KERN_NAME_EXISTS;
	if (e != NULL && type == MACH_MSG_TYPE_PORT_SEND &&
	    (e->ie_bits & MACH_PORT_TYPE_SEND) &&
	    e->ie_urefs >= MACH_PORT_UREFS_MAX - 1)
		return KERN_UREFS_OVERFLOW;
	if (e != NULL && type == MACH_MSG_TYPE_PORT_RECEIVE &&
	    (e->ie_bits & MACH_PORT_TYPE_RECEIVE))
		return KERN_NAME_EXISTS;
	*ep = e;
	return KERN_SUCCESS;
}

/*
 * Routine:	ipc_space_insert_right
 * Purpose:	Put a right into the space under name, as if received.
 * Conditions:	poly is a kernel-held right of carried type polyPoly
 *		(MACH_MSG_TYPE_PORT_*), consumed on success.
 * Returns:	KERN_SUCCESS; KERN_INVALID_TASK; KERN_INVALID_VALUE;
 *		KERN_INVALID_CAPABILITY; KERN_RIGHT_EXISTS;
 *		KERN_NAME_EXISTS; KERN_UREFS_OVERFLOW; KERN_NO_SPACE.
 */
kern_return_t ipc_space_insert_right(ipc_space_t space, mach_port_name_t name,
    ipc_port_t poly, mach_msg_type_name_t polyPoly)
{
	ipc_entry_t e = NULL;
	mach_port_name_t got;
	kern_return_t kr = enter(space);

	if (kr != KERN_SUCCESS)
		return kr;
	if (!MACH_PORT_VALID(name) ||
	    (polyPoly != MACH_MSG_TYPE_PORT_SEND &&
	    polyPoly != MACH_MSG_TYPE_PORT_SEND_ONCE &&
	    polyPoly != MACH_MSG_TYPE_PORT_RECEIVE))
		return leave(KERN_INVALID_VALUE);
	if (!IP_VALID(poly) || !poly->ip_active)
		return leave(KERN_INVALID_CAPABILITY);
	kr = insert_check(space, name, poly, polyPoly, &e);
	if (kr != KERN_SUCCESS)
		return leave(kr);
	if (e == NULL) {
		/* A fresh name: place the right there, then copy it out. */
		ipc_entry_t ne;

		kr = ipc_entry_alloc_name(space, name, &ne);
		if (kr != KERN_SUCCESS)
			return leave(kr);
		ne->ie_object = poly;
		if (polyPoly == MACH_MSG_TYPE_PORT_SEND_ONCE) {
			ne->ie_bits = MACH_PORT_TYPE_SEND_ONCE;
			ne->ie_urefs = 1;
			return leave(KERN_SUCCESS);
		}
		ne->ie_bits = polyPoly == MACH_MSG_TYPE_PORT_SEND ?
		    MACH_PORT_TYPE_SEND : MACH_PORT_TYPE_RECEIVE;
		ne->ie_urefs = polyPoly == MACH_MSG_TYPE_PORT_SEND ? 1 : 0;
		ipc_entry_hash_port(space, ne);
		if (polyPoly == MACH_MSG_TYPE_PORT_RECEIVE) {
			poly->ip_receiver = space;
			poly->ip_receiver_name = name;
			poly->ip_destination = IP_NULL;
			poly->ip_mscount = 0;
			poly->ip_seqno = 0;
		}
		return leave(KERN_SUCCESS);
	}
	kr = ipc_right_copyout(space, poly, polyPoly, &got);
	return leave(kr);
}

/*
 * Routine:	ipc_space_extract_right
 * Purpose:	Take a right out of the space as if sent with msgt_name.
 * Returns:	KERN_SUCCESS with *polyp (IP_DEAD from a dead name) and
 *		its carried type; KERN_INVALID_TASK; KERN_INVALID_VALUE;
 *		name errors.
 */
kern_return_t ipc_space_extract_right(ipc_space_t space,
    mach_port_name_t name, mach_msg_type_name_t msgt_name,
    ipc_port_t *polyp, mach_msg_type_name_t *polyPolyp)
{
	kern_return_t kr = enter(space);

	if (kr != KERN_SUCCESS)
		return kr;
	if (!MACH_MSG_TYPE_PORT_ANY(msgt_name))
		return leave(KERN_INVALID_VALUE);
	if (!MACH_PORT_VALID(name))
		return leave(KERN_INVALID_RIGHT);
	kr = ipc_right_copyin(space, name, msgt_name, polyp);
	if (kr == KERN_SUCCESS)
		*polyPolyp = ipc_object_copyin_type(msgt_name);
	return leave(kr);
}

/* ---- the routines that carry rights ------------------------------------------------ */

/*
 * The right a request brought (a name in the kernel space) becomes a
 * kernel-held right for the ipc_space_* function; on its failure the
 * right is destroyed here, as the server loop would destroy it.
 */
static void release_taken(ipc_port_t port, mach_msg_type_name_t type)
{
	if (!IP_VALID(port))
		return;
	ksim_lock();
	ipc_right_release(port, type);
	ksim_unlock();
}

kern_return_t ksim_mach_port_request_notification(ipc_space_t task,
    mach_port_name_t name, mach_msg_id_t msgid, mach_port_mscount_t sync,
    mach_port_t notify, mach_port_t *previous,
    mach_msg_type_name_t *previousPoly)
{
	ipc_port_t so, prev = IP_NULL;
	kern_return_t kr;

	if (task == IPC_SPACE_NULL)
		return KERN_INVALID_TASK;
	ksim_lock();
	kr = ipc_kobject_take_right(notify, MACH_MSG_TYPE_PORT_SEND_ONCE, &so);
	ksim_unlock();
	if (kr != KERN_SUCCESS)
		return KERN_INVALID_CAPABILITY;
	kr = ipc_space_request_notification(task, name, msgid, sync, so,
	    &prev);
	if (kr != KERN_SUCCESS) {
		release_taken(so, MACH_MSG_TYPE_PORT_SEND_ONCE);
		return kr;
	}
	ksim_lock();
	*previous = ipc_kobject_reply_right(prev, MACH_MSG_TYPE_PORT_SEND_ONCE);
	ksim_unlock();
	*previousPoly = MACH_MSG_TYPE_MOVE_SEND_ONCE;
	return KERN_SUCCESS;
}

kern_return_t ksim_mach_port_insert_right(ipc_space_t task,
    mach_port_name_t name, mach_port_t poly, mach_msg_type_name_t polyPoly)
{
	ipc_port_t port;
	kern_return_t kr;

	if (task == IPC_SPACE_NULL)
		return KERN_INVALID_TASK;
	if (!MACH_MSG_TYPE_PORT_ANY_RIGHT(polyPoly))
		return KERN_INVALID_VALUE;
	ksim_lock();
	kr = ipc_kobject_take_right(poly, polyPoly, &port);
	ksim_unlock();
	if (kr != KERN_SUCCESS)
		return KERN_INVALID_CAPABILITY;
	kr = ipc_space_insert_right(task, name, port, polyPoly);
	if (kr != KERN_SUCCESS)
		release_taken(port, polyPoly);
	return kr;
}

kern_return_t ksim_mach_port_extract_right(ipc_space_t task,
    mach_port_name_t name, mach_msg_type_name_t msgt_name, mach_port_t *poly,
    mach_msg_type_name_t *polyPoly)
{
	ipc_port_t port;
	mach_msg_type_name_t type;
	kern_return_t kr;

	kr = ipc_space_extract_right(task, name, msgt_name, &port, &type);
	if (kr != KERN_SUCCESS)
		return kr;
	ksim_lock();
	*poly = ipc_kobject_reply_right(port, type);
	ksim_unlock();
	*polyPoly = type;
	return KERN_SUCCESS;
}

/* ---- the debugging interface: a later issue ------------------------------------------ */

/* The space's table, as mach_debug's ipc_info records: not yet. */
kern_return_t ksim_mach_port_space_info(ipc_space_t task,
    ipc_info_space_t *info, ipc_info_name_array_t *table_info,
    mach_msg_type_number_t *table_infoCnt,
    ipc_info_tree_name_array_t *tree_info,
    mach_msg_type_number_t *tree_infoCnt)
{
	(void)task;
	(void)info;
	(void)table_info;
	(void)table_infoCnt;
	(void)tree_info;
	(void)tree_infoCnt;
	return KERN_NOT_SUPPORTED;
}

/* The kernel object behind a name (mach_debug): not yet. */
kern_return_t ksim_mach_port_kernel_object(ipc_space_t task,
    mach_port_name_t name, unsigned *object_type, vm_offset_t *object_addr)
{
	(void)task;
	(void)name;
	(void)object_type;
	(void)object_addr;
	return KERN_NOT_SUPPORTED;
}
