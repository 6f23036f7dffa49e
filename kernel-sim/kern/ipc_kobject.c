/*
 * ipc_kobject.c - kernel objects behind ports, and the dispatch of
 * messages sent to them.
 *
 * A kernel object's port has its receive right in ipc_space_kernel.  A
 * message to it is served in the sender's thread: it is received into
 * the kernel space (so its rights become names there, as a generated
 * KernelServer demuxer expects), handed to the demuxer registered for
 * the object's kind and the message id, and the reply is sent from the
 * kernel space to the reply right, following mach_msg_server's rules
 * (MIG-LANGUAGE 4.8).  With no demuxer for the id, the reply is a
 * mig_reply_error_t carrying MIG_BAD_ID.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include <mach/mig_errors.h>
#include <mach/ndr.h>

#include <ksim/ipc.h>
#include <ksim/kern.h>
#include <ksim/vm.h>

#define KOBJECT_SUBSYSTEMS_MAX	64

static struct ipc_kobject_subsystem kobject_subsystems[KOBJECT_SUBSYSTEMS_MAX];
static size_t kobject_nsubsystems;

/*
 * Routine:	ipc_kobject_register
 * Purpose:	Add a demuxer for a kind of kernel object and id range.
 * Conditions:	Kernel unlocked.
 * Returns:	KERN_SUCCESS; KERN_INVALID_ARGUMENT; KERN_NO_SPACE.
 */
kern_return_t ipc_kobject_register(const struct ipc_kobject_subsystem *sub)
{
	kern_return_t kr = KERN_SUCCESS;

	if (sub == NULL || sub->demux == NULL || sub->kind <= IKOT_NONE ||
	    sub->kind >= IKOT_MAX || sub->end <= sub->start)
		return KERN_INVALID_ARGUMENT;
	ksim_boot();
	ksim_lock();
	if (kobject_nsubsystems == KOBJECT_SUBSYSTEMS_MAX)
		kr = KERN_NO_SPACE;
	else
		kobject_subsystems[kobject_nsubsystems++] = *sub;
	ksim_unlock();
	return kr;
}

static const struct ipc_kobject_subsystem *kobject_lookup(
    ipc_kobject_type_t kind, mach_msg_id_t id)
{
	size_t i;

	for (i = 0; i < kobject_nsubsystems; i++) {
		const struct ipc_kobject_subsystem *s = &kobject_subsystems[i];

		if (s->kind == kind && id >= s->start && id < s->end)
			return s;
	}
	return NULL;
}

/*
 * Routine:	ipc_kobject_alloc_port
 * Purpose:	A port for a kernel object; its receive right is in the
 *		kernel space.
 * Conditions:	Kernel locked.
 */
ipc_port_t ipc_kobject_alloc_port(void *kobject, ipc_kobject_type_t kind)
{
	mach_port_name_t name;
	ipc_port_t port;

	if (ipc_port_alloc(ipc_space_kernel, &name, &port) != KERN_SUCCESS)
		abort();
	port->ip_kotype = kind;
	port->ip_kobject = kobject;
	port->ip_qlimit = MACH_PORT_QLIMIT_KERNEL;
	return port;
}

/*
 * Routine:	ipc_kobject_destroy_port
 * Purpose:	The object is going away: destroy its port's receive right
 *		(every send right becomes a dead name).
 * Conditions:	Kernel locked.
 */
void ipc_kobject_destroy_port(ipc_port_t port)
{
	ipc_entry_t e;

	port->ip_kobject = NULL;
	port->ip_kotype = IKOT_NONE;
	e = ipc_entry_lookup_port(ipc_space_kernel, port);
	if (e != NULL)
		ipc_right_destroy(ipc_space_kernel, e);
}

void *ipc_kobject_get(ipc_port_t port, ipc_kobject_type_t kind)
{
	if (!IP_VALID(port) || !port->ip_active || port->ip_kotype != kind)
		return NULL;
	return port->ip_kobject;
}

/* ---- destroying a received message by its names ------------------------------ */

static void name_release(ipc_space_t space, mach_port_name_t name,
    mach_msg_type_name_t type)
{
	ipc_entry_t e;

	if (!MACH_PORT_VALID(name) ||
	    ipc_right_lookup(space, name, &e) != KERN_SUCCESS)
		return;
	if (type == MACH_MSG_TYPE_PORT_RECEIVE)
		(void)ipc_right_delta(space, e, MACH_PORT_RIGHT_RECEIVE, -1);
	else
		(void)ipc_right_dealloc(space, e);
}

/*
 * Routine:	ipc_msg_destroy_names
 * Purpose:	mach_msg_destroy, kernel side: release every right and
 *		region a received message names in space.
 * Conditions:	Kernel locked.
 */
void ipc_msg_destroy_names(ipc_space_t space, struct vm_map *map,
    mach_msg_header_t *h)
{
	mach_msg_bits_t bits = h->msgh_bits;
	uint8_t *p;
	uint32_t i, n;

	name_release(space, h->msgh_remote_port, MACH_MSGH_BITS_REMOTE(bits));
	if (!(bits & MACH_MSGH_BITS_COMPLEX))
		return;
	n = ((mach_msg_base_t *)(void *)h)->body.msgh_descriptor_count;
	p = (uint8_t *)h + sizeof(mach_msg_base_t);
	for (i = 0; i < n; i++) {
		mach_msg_descriptor_type_t t =
		    ((mach_msg_type_descriptor_t *)(void *)p)->type;

		if (t == MACH_MSG_PORT_DESCRIPTOR) {
			mach_msg_port_descriptor_t *d = (void *)p;

			name_release(space, d->name, d->disposition);
			p += sizeof(*d);
		} else if (t == MACH_MSG_OOL_PORTS_DESCRIPTOR) {
			mach_msg_ool_ports_descriptor_t *d = (void *)p;
			mach_port_name_t *names = d->address;
			mach_msg_size_t j;

			for (j = 0; names != NULL && j < d->count; j++)
				name_release(space, names[j], d->disposition);
			if (names != NULL && map != NULL)
				(void)vm_deallocate(map, (vm_address_t)names,
				    d->count * sizeof(*names));
			p += sizeof(*d);
		} else if (t == MACH_MSG_OOL_DESCRIPTOR ||
		    t == MACH_MSG_OOL_VOLATILE_DESCRIPTOR) {
			mach_msg_ool_descriptor_t *d = (void *)p;

			if (d->address != NULL && d->size != 0 && map != NULL)
				(void)vm_deallocate(map,
				    (vm_address_t)d->address, d->size);
			p += sizeof(*d);
		} else {
			break;
		}
	}
}

/* ---- dispatch -------------------------------------------------------------------- */

static void bad_id_reply(const mach_msg_header_t *req, mig_reply_error_t *rep)
{
	static const NDR_record_t ndr = { 0, 0, 0, 0, NDR_INT_LITTLE_ENDIAN,
		NDR_CHAR_ASCII, NDR_FLOAT_IEEE, 0 };

	memset(rep, 0, sizeof(*rep));
	rep->Head.msgh_bits =
	    MACH_MSGH_BITS(MACH_MSGH_BITS_REMOTE(req->msgh_bits), 0);
	rep->Head.msgh_size = sizeof(*rep);
	rep->Head.msgh_remote_port = req->msgh_remote_port;
	rep->Head.msgh_local_port = MACH_PORT_NULL;
	rep->Head.msgh_id = req->msgh_id + 100;
	rep->NDR = ndr;
	rep->RetCode = MIG_BAD_ID;
}

/* Send a reply built in the kernel space.  Conditions: kernel locked. */
static void kobject_send_reply(mach_msg_header_t *rep)
{
	mach_msg_size_t size = rep->msgh_size;
	ipc_kmsg_t kmsg;
	mach_msg_return_t mr;

	if (size < sizeof(mach_msg_header_t) || (size & 3) ||
	    (kmsg = ipc_kmsg_alloc(size)) == NULL) {
		ipc_msg_destroy_names(ipc_space_kernel, kernel_task->map, rep);
		return;
	}
	memcpy(kmsg->ikm_header, rep, size);
	mr = ipc_kmsg_copyin_header(kmsg, ipc_space_kernel);
	if (mr != MACH_MSG_SUCCESS) {
		free(kmsg->ikm_header);
		free(kmsg);
		ipc_msg_destroy_names(ipc_space_kernel, kernel_task->map, rep);
		return;
	}
	TAILQ_INSERT_TAIL(&ipc_all_kmsgs, kmsg, ikm_all_link);
	ipc_kmsg_count++;
	{
		static const security_token_t ktok = KERNEL_SECURITY_TOKEN_VALUE;

		kmsg->ikm_sender = ktok;
	}
	if (rep->msgh_bits & MACH_MSGH_BITS_COMPLEX) {
		mr = ipc_kmsg_copyin_body(kmsg, ipc_space_kernel,
		    kernel_task->map);
		if (mr != MACH_MSG_SUCCESS) {
			ipc_kmsg_destroy(kmsg);
			return;
		}
	}
	mr = ipc_mqueue_send(kmsg, MACH_SEND_ALWAYS | MACH_SEND_KERNEL |
	    MACH_SEND_TIMEOUT, 0);
	if (mr != MACH_MSG_SUCCESS)
		ipc_kmsg_destroy(kmsg);
}

/*
 * Routine:	ipc_kobject_server
 * Purpose:	Serve a message sent to a kernel object's port.
 * Conditions:	Kernel locked on entry and return; dropped around the
 *		demuxer.  Consumes kmsg.
 */
void ipc_kobject_server(ipc_kmsg_t kmsg)
{
	ipc_port_t port = kmsg->ikm_remote;
	ipc_kobject_type_t kind = port->ip_kotype;
	const struct ipc_kobject_subsystem *sub;
	mach_msg_header_t *req, *rep;
	mach_msg_size_t rsize;
	boolean_t handled = FALSE;

	kmsg->ikm_seqno = port->ip_seqno++;
	(void)ipc_kmsg_copyout(kmsg, ipc_space_kernel, kernel_task->map,
	    MACH_PORT_NULL);
	req = kmsg->ikm_header;
	sub = kobject_lookup(kind, req->msgh_id);
	rsize = sub != NULL && sub->maxsize > sizeof(mig_reply_error_t) ?
	    sub->maxsize : sizeof(mig_reply_error_t);
	rep = calloc(1, rsize + MAX_TRAILER_SIZE);
	if (rep == NULL)
		abort();
	if (sub != NULL) {
		ksim_unlock();
		handled = sub->demux(req, rep);
		ksim_lock();
	}
	if (!handled)
		bad_id_reply(req, (mig_reply_error_t *)(void *)rep);
	if (!(rep->msgh_bits & MACH_MSGH_BITS_COMPLEX)) {
		kern_return_t rc = ((mig_reply_error_t *)(void *)rep)->RetCode;

		if (rc == MIG_NO_REPLY) {
			rep->msgh_remote_port = MACH_PORT_NULL;
		} else if (rc != KERN_SUCCESS) {
			req->msgh_remote_port = MACH_PORT_NULL;
			ipc_msg_destroy_names(ipc_space_kernel,
			    kernel_task->map, req);
		}
	}
	if (rep->msgh_remote_port == MACH_PORT_NULL) {
		if (rep->msgh_bits & MACH_MSGH_BITS_COMPLEX)
			ipc_msg_destroy_names(ipc_space_kernel,
			    kernel_task->map, rep);
	} else {
		kobject_send_reply(rep);
	}
	free(rep);
	ipc_kmsg_free(kmsg);
}
