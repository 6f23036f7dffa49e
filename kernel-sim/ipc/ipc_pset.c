/*
 * ipc_pset.c - port sets.  A port is in at most one set; the set keeps
 * its members in service order (the member served goes to the back).
 */
#include <assert.h>
#include <stdlib.h>

#include <ksim/ipc.h>

struct ipc_pset_list ipc_all_psets = TAILQ_HEAD_INITIALIZER(ipc_all_psets);
size_t ipc_pset_count;

static ipc_pset_t pset_new(ipc_space_t space, ipc_entry_t e)
{
	ipc_pset_t pset = calloc(1, sizeof(*pset));

	if (pset == NULL)
		abort();
	pset->ips_references = 1;	/* the entry's */
	pset->ips_active = true;
	pset->ips_space = space;
	pset->ips_name = e->ie_name;
	TAILQ_INIT(&pset->ips_members);
	waitq_init(&pset->ips_receivers, WAITQ_FIFO);
	TAILQ_INSERT_TAIL(&ipc_all_psets, pset, ips_all_link);
	ipc_pset_count++;
	e->ie_bits = MACH_PORT_TYPE_PORT_SET;
	e->ie_urefs = 0;
	e->ie_object = pset;
	return pset;
}

/*
 * Routine:	ipc_pset_alloc
 * Purpose:	An empty port set under a kernel-chosen name.
 * Conditions:	Kernel locked.
 * Returns:	KERN_SUCCESS; KERN_NO_SPACE.
 */
kern_return_t ipc_pset_alloc(ipc_space_t space, mach_port_name_t *namep,
    ipc_pset_t *psetp)
{
	ipc_entry_t e;
	kern_return_t kr = ipc_entry_alloc(space, namep, &e);

	if (kr == KERN_SUCCESS)
		*psetp = pset_new(space, e);
	return kr;
}

/* As ipc_pset_alloc under the caller's name (KERN_NAME_EXISTS). */
kern_return_t ipc_pset_alloc_name(ipc_space_t space, mach_port_name_t name,
    ipc_pset_t *psetp)
{
	ipc_entry_t e;
	kern_return_t kr = ipc_entry_alloc_name(space, name, &e);

	if (kr == KERN_SUCCESS)
		*psetp = pset_new(space, e);
	return kr;
}

/*
 * Routine:	ipc_pset_add
 * Purpose:	Make port (in no set) a member.  Threads blocked receiving
 *		on the port itself get MACH_RCV_PORT_CHANGED; threads
 *		blocked on the set look again, for the port may hold
 *		messages.
 * Conditions:	Kernel locked.
 */
void ipc_pset_add(ipc_pset_t pset, ipc_port_t port)
{
	assert(port->ip_pset == NULL);
	port->ip_pset = pset;
	pset->ips_references++;
	TAILQ_INSERT_TAIL(&pset->ips_members, port, ip_pset_link);
	ipc_mqueue_changed(&port->ip_receivers, THREAD_RESTART);
	if (!TAILQ_EMPTY(&port->ip_messages))
		waitq_wakeup_all(&pset->ips_receivers, THREAD_AWAKENED);
}

/* Take port out of its set.  Conditions: kernel locked. */
void ipc_pset_remove(ipc_port_t port)
{
	ipc_pset_t pset = port->ip_pset;

	if (pset == NULL)
		return;
	TAILQ_REMOVE(&pset->ips_members, port, ip_pset_link);
	port->ip_pset = NULL;
	ipc_pset_release(pset);
}

void ipc_pset_release(ipc_pset_t pset)
{
	assert(pset->ips_references > 0);
	if (--pset->ips_references > 0)
		return;
	assert(!pset->ips_active && TAILQ_EMPTY(&pset->ips_members));
	TAILQ_REMOVE(&ipc_all_psets, pset, ips_all_link);
	ipc_pset_count--;
	free(pset);
}

/*
 * Routine:	ipc_pset_destroy
 * Purpose:	Members leave; receivers wake with MACH_RCV_PORT_DIED.
 *		Consumes the entry's reference.
 * Conditions:	Kernel locked; the entry is already gone.
 */
void ipc_pset_destroy(ipc_pset_t pset)
{
	ipc_port_t port;

	pset->ips_active = false;
	while ((port = TAILQ_FIRST(&pset->ips_members)) != NULL)
		ipc_pset_remove(port);
	ipc_mqueue_changed(&pset->ips_receivers, THREAD_TERMINATED);
	ipc_pset_release(pset);
}
