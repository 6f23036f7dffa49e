/*
 * ipc_kobject.c - kernel objects behind ports, and the dispatch of
 * messages sent to them (DESIGN, decision 2).
 *
 * A kernel object's port has its receive right in ipc_space_kernel.  A
 * message to it is served in the sender's thread: it is received into
 * the kernel space (so its rights become names there, the user-server
 * view the generated KernelServer demuxers are compiled for), handed to
 * the demuxer that serves the object's kind and the message id, and the
 * reply is sent from the kernel space to the reply right, following
 * mach_msg_server's rules (MIG-LANGUAGE 4.8).  A request whose id no
 * kernel routine has gets a mig_reply_error_t carrying MIG_BAD_ID; one
 * sent to an object of another kind reaches its routine, which finds no
 * object of its type there (kobject_lookup).
 *
 *   sender --mach_msg--> kobject port --copyout--> ipc_space_kernel names
 *                                                      |
 *        kobject_table[kind]: ksim_<sub>_server(req, rep) -> ksim_<routine>
 *                                                      |
 *   reply port <--copyin (rights moved, memory moved)--+
 *
 * Rights.  Before the demuxer runs, every right the request carries is
 * recorded (struct ipc_kobject_request, hung on the thread).  A work
 * function that keeps one takes it with ipc_kobject_take_right, on its
 * success path only; after the call the dispatcher releases every
 * recorded right still in the kernel space, whatever the result, so an
 * error destroys the request (4.8) and a success leaves nothing behind.
 * A kernel reply carries only what was made for it: its COPY_SEND
 * rights are moved and its out-of-line regions deallocated on send.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include <mach/mig_errors.h>
#include <mach/ndr.h>

#include <ksim/ipc.h>
#include <ksim/kern.h>
#include <ksim/mig_convert.h>
#include <ksim/pager.h>
#include <ksim/vm.h>


#include <kernel/clockServer.h>
#include <kernel/clock_privServer.h>
#include <kernel/default_pager_objectServer.h>
#include <kernel/host_privServer.h>
#include <kernel/host_securityServer.h>
#include <kernel/ledgerServer.h>
#include <kernel/lock_setServer.h>
#include <kernel/mach_hostServer.h>
#include <kernel/mach_i386Server.h>
#include <kernel/mach_portServer.h>
#include <kernel/mach_vmServer.h>
#include <kernel/memory_object_controlServer.h>
#include <kernel/processorServer.h>
#include <kernel/processor_setServer.h>
#include <kernel/semaphoreServer.h>
#include <kernel/taskServer.h>
#include <kernel/thread_actServer.h>
#include <kernel/vm_mapServer.h>

/* ---- which demuxers serve which kind of object ---------------------------- */

typedef boolean_t (*kobject_demux_t)(mach_msg_header_t *, mach_msg_header_t *);
typedef mig_routine_t (*kobject_routine_t)(mach_msg_header_t *);

struct kobject_subsystem {
	ipc_kobject_type_t	kind;
	kobject_demux_t		demux;
	kobject_routine_t	routine;	/* non-null: the id is served */
	mach_msg_size_t		maxsize;	/* largest reply */
	const mach_msg_id_t	*start;		/* the subsystem's id range */
	const mach_msg_id_t	*end;		/* (its table's start, end) */
};

#define KSUB(kind, sub) { kind, ksim_##sub##_server, \
	ksim_##sub##_server_routine, \
	(mach_msg_size_t)sizeof(union __ReplyUnion__##sub##_subsystem), \
	&ksim_##sub##_subsystem.start, &ksim_##sub##_subsystem.end }

/*
 * DESIGN, "The defs": the kind of object first, then the id, so that
 * mach_i386 (thread) and vm_map (task), both at 3800, never meet.
 */
static const struct kobject_subsystem kobject_table[] = {
	KSUB(IKOT_TASK, mach_port),
	KSUB(IKOT_TASK, task),
	KSUB(IKOT_TASK, vm_map),
	KSUB(IKOT_TASK, mach_vm),
	KSUB(IKOT_TASK, memory_object_control),	/* vm_upl_map, _unmap */
	KSUB(IKOT_THREAD, thread_act),
	KSUB(IKOT_THREAD, mach_i386),
	KSUB(IKOT_HOST, mach_host),
	/* A privileged call through the name port reaches its routine,
	   whose host_priv_t is then null: KERN_INVALID_HOST, as in XNU. */
	KSUB(IKOT_HOST, host_priv),
	KSUB(IKOT_HOST_PRIV, host_priv),
	KSUB(IKOT_HOST_PRIV, mach_host),
	KSUB(IKOT_HOST_SECURITY, host_security),
	KSUB(IKOT_SEMAPHORE, semaphore),
	KSUB(IKOT_LOCK_SET, lock_set),
	KSUB(IKOT_CLOCK, clock),
	KSUB(IKOT_CLOCK_CTRL, clock_priv),
	KSUB(IKOT_CLOCK_CTRL, clock),
	KSUB(IKOT_PROCESSOR, processor),
	KSUB(IKOT_PSET, processor_set),
	KSUB(IKOT_PSET_NAME, processor_set),
	KSUB(IKOT_LEDGER, ledger),
	KSUB(IKOT_MEM_OBJ_CONTROL, memory_object_control),
	KSUB(IKOT_DEFAULT_PAGER, default_pager_object),
	/* task_identity_token_get_task_port is a task.defs routine sent to
	   the token; the others find no task behind it. */
	KSUB(IKOT_TASK_ID_TOKEN, task),
};

/*
 * Is id in [start, end)?  Computed in unsigned arithmetic, so that an id
 * near INT32_MIN or INT32_MAX never overflows (any id may arrive).
 */
static bool kobject_id_in(const struct kobject_subsystem *s, mach_msg_id_t id)
{
	uint32_t base = (uint32_t)*s->start;

	return (uint32_t)id - base < (uint32_t)*s->end - base;
}

/*
 * Routine:	kobject_lookup
 * Purpose:	The demuxer for a request to an object of this kind: one
 *		that serves the kind and the id; else, as XNU (which finds
 *		a kernel routine by id alone), any that serves the id, whose
 *		routine then finds no object of its type behind the port
 *		and answers as it does for a null one (task_info on a
 *		thread port: KERN_INVALID_ARGUMENT).  NULL: no kernel
 *		routine has the id (MIG_BAD_ID).
 */
static const struct kobject_subsystem *kobject_lookup(
    ipc_kobject_type_t kind, mach_msg_header_t *req)
{
	const size_t n = sizeof(kobject_table) / sizeof(kobject_table[0]);
	size_t i;
	int pass;

	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i < n; i++) {
			const struct kobject_subsystem *s = &kobject_table[i];

			if ((pass == 1 || s->kind == kind) &&
			    kobject_id_in(s, req->msgh_id) &&
			    s->routine(req) != 0)
				return s;
		}
	}
	return NULL;
}

/*
 * Routine:	ipc_kobject_reply_id
 * Purpose:	The reply id of a request id: id + 100, wrapping as XNU
 *		does ((mach_msg_id_t)((uint32_t)id + 100)), so that an id
 *		within 100 of INT32_MAX gives a negative reply id instead
 *		of a signed overflow.
 */
mach_msg_id_t ipc_kobject_reply_id(mach_msg_id_t id)
{
	return (mach_msg_id_t)((uint32_t)id + 100u);
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

/*
 * Routine:	ipc_kobject_no_senders
 * Purpose:	A kernel object's port lost its last send right: an object
 *		that lives only while it has senders goes, with its port.
 * Conditions:	Kernel locked.
 * Returns:	true when the object went (the port is dead); false for
 *		an object that outlives its senders.
 */
bool ipc_kobject_no_senders(ipc_port_t port)
{
	switch (port->ip_kotype) {
	case IKOT_NAMED_ENTRY:
		vm_named_entry_no_senders(port);	/* vm/vm_object.c */
		return true;
	case IKOT_TASK_ID_TOKEN:
		task_id_token_no_senders(port);		/* kern/task_ident.c */
		return true;
	case IKOT_DEFAULT_PAGER:
		return dp_object_no_senders(port);	/* vm/default_pager.c */
	default:
		return false;
	}
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
				(void)vm_map_remove(map, (vm_address_t)names,
				    d->count * sizeof(*names));
			p += sizeof(*d);
		} else if (t == MACH_MSG_OOL_DESCRIPTOR ||
		    t == MACH_MSG_OOL_VOLATILE_DESCRIPTOR) {
			mach_msg_ool_descriptor_t *d = (void *)p;

			if (d->address != NULL && d->size != 0 && map != NULL)
				(void)vm_map_remove(map,
				    (vm_address_t)d->address, d->size);
			p += sizeof(*d);
		} else {
			break;
		}
	}
}

/* ---- the rights a request brought ------------------------------------------------- */

struct kobject_right {
	mach_port_name_t	kr_name;	/* in ipc_space_kernel */
	mach_msg_type_name_t	kr_type;	/* PORT_RECEIVE/SEND/SEND_ONCE */
	ipc_port_t		kr_port;	/* referenced; NULL if dead */
	bool			kr_taken;
};

struct ipc_kobject_request {
	struct kobject_right	*rights;
	size_t			n, cap;
};

static void request_add(struct ipc_kobject_request *r, mach_port_name_t name,
    mach_msg_type_name_t type)
{
	struct kobject_right *k;
	ipc_entry_t e;

	if (!MACH_PORT_VALID(name) || !MACH_MSG_TYPE_PORT_ANY_RIGHT(type))
		return;
	if (r->n == r->cap) {
		r->cap = r->cap != 0 ? r->cap * 2 : 8;
		r->rights = realloc(r->rights, r->cap * sizeof(*r->rights));
		if (r->rights == NULL)
			abort();
	}
	k = &r->rights[r->n++];
	k->kr_name = name;
	k->kr_type = type;
	k->kr_port = NULL;
	k->kr_taken = false;
	e = ipc_entry_lookup(ipc_space_kernel, name);
	if (e != NULL && e->ie_object != NULL &&
	    !(e->ie_bits & MACH_PORT_TYPE_PORT_SET)) {
		k->kr_port = e->ie_object;
		ipc_port_reference(k->kr_port);
	}
}

/*
 * Walking a complex message's descriptors: desc_first gives the first
 * (and their count in *n; 0 for a simple message), desc_size the size of
 * one by its type, 0 for a type no walk should step over.
 */
static uint8_t *desc_first(const mach_msg_header_t *h, uint32_t *n)
{
	if (!(h->msgh_bits & MACH_MSGH_BITS_COMPLEX)) {
		*n = 0;
		return NULL;
	}
	*n = ((const mach_msg_base_t *)(const void *)h)->body
	    .msgh_descriptor_count;
	return (uint8_t *)(uintptr_t)h + sizeof(mach_msg_base_t);
}

static size_t desc_size(const uint8_t *p, mach_msg_descriptor_type_t *tp)
{
	*tp = ((const mach_msg_type_descriptor_t *)(const void *)p)->type;
	switch (*tp) {
	case MACH_MSG_PORT_DESCRIPTOR:
		return sizeof(mach_msg_port_descriptor_t);
	case MACH_MSG_OOL_PORTS_DESCRIPTOR:
		return sizeof(mach_msg_ool_ports_descriptor_t);
	case MACH_MSG_OOL_DESCRIPTOR:
	case MACH_MSG_OOL_VOLATILE_DESCRIPTOR:
		return sizeof(mach_msg_ool_descriptor_t);
	default:
		return 0;
	}
}

/*
 * Routine:	request_record
 * Purpose:	Note every right a received request carries in the kernel
 *		space (port and out-of-line port descriptors; the header's
 *		request port carries none, its reply right is the reply's).
 * Conditions:	Kernel locked.
 */
static void request_record(struct ipc_kobject_request *r,
    const mach_msg_header_t *h)
{
	mach_msg_descriptor_type_t t;
	uint32_t i, n;
	size_t sz;
	uint8_t *p = desc_first(h, &n);

	for (i = 0; i < n && (sz = desc_size(p, &t)) != 0; i++, p += sz) {
		if (t == MACH_MSG_PORT_DESCRIPTOR) {
			const mach_msg_port_descriptor_t *d = (const void *)p;

			request_add(r, d->name, d->disposition);
		} else if (t == MACH_MSG_OOL_PORTS_DESCRIPTOR) {
			const mach_msg_ool_ports_descriptor_t *d =
			    (const void *)p;
			const mach_port_name_t *names = d->address;
			mach_msg_size_t j;

			for (j = 0; names != NULL && j < d->count; j++)
				request_add(r, names[j], d->disposition);
		}
	}
}

/*
 * Routine:	request_release
 * Purpose:	Release every recorded right not taken that is still in
 *		the kernel space under its name (the port may have died
 *		meanwhile: then the dead name goes).
 * Conditions:	Kernel locked.
 */
static void request_release(struct ipc_kobject_request *r)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		struct kobject_right *k = &r->rights[i];
		ipc_entry_t e;

		if (!k->kr_taken &&
		    ipc_right_lookup(ipc_space_kernel, k->kr_name, &e) ==
		    KERN_SUCCESS &&
		    (e->ie_object == k->kr_port ||
		    (e->ie_bits & MACH_PORT_TYPE_DEAD_NAME))) {
			if (k->kr_type == MACH_MSG_TYPE_PORT_RECEIVE)
				(void)ipc_right_delta(ipc_space_kernel, e,
				    MACH_PORT_RIGHT_RECEIVE, -1);
			else
				(void)ipc_right_dealloc(ipc_space_kernel, e);
		}
		if (k->kr_port != NULL)
			ipc_port_release(k->kr_port);
	}
	free(r->rights);
	r->rights = NULL;
	r->n = r->cap = 0;
}

kern_return_t ipc_kobject_take_right(mach_port_name_t name,
    mach_msg_type_name_t type, ipc_port_t *portp)
{
	struct ipc_kobject_request *r = current_thread()->ith_kreq;
	kern_return_t kr;
	size_t i;

	KSIM_ASSERT_LOCKED();
	*portp = IP_NULL;
	if (name == MACH_PORT_NULL)
		return KERN_SUCCESS;
	if (name == MACH_PORT_DEAD) {
		*portp = IP_DEAD;
		return KERN_SUCCESS;
	}
	kr = ipc_right_copyin(ipc_space_kernel, name, type, portp);
	if (kr != KERN_SUCCESS || r == NULL)
		return kr;
	for (i = 0; i < r->n; i++) {
		struct kobject_right *k = &r->rights[i];

		if (!k->kr_taken && k->kr_name == name && k->kr_type == type) {
			k->kr_taken = true;
			break;
		}
	}
	return KERN_SUCCESS;
}

ipc_port_t ipc_kobject_peek_right(mach_port_name_t name,
    mach_msg_type_name_t type)
{
	ipc_entry_t e;

	KSIM_ASSERT_LOCKED();
	if (name == MACH_PORT_DEAD)
		return IP_DEAD;
	if (!MACH_PORT_VALID(name) ||
	    ipc_right_lookup(ipc_space_kernel, name, &e) != KERN_SUCCESS)
		return IP_NULL;
	(void)ipc_right_check(ipc_space_kernel, e);
	if (e->ie_bits & MACH_PORT_TYPE_DEAD_NAME)
		return IP_DEAD;
	if (!ipc_right_copyin_check(ipc_space_kernel, e, type))
		return IP_NULL;
	return e->ie_object;
}

mach_port_t ipc_kobject_reply_right(ipc_port_t right,
    mach_msg_type_name_t type)
{
	mach_port_name_t name;

	KSIM_ASSERT_LOCKED();
	if (right == IP_NULL)
		return MACH_PORT_NULL;
	if (right == IP_DEAD)
		return MACH_PORT_DEAD;
	if (ipc_right_copyout(ipc_space_kernel, right, type, &name) !=
	    KERN_SUCCESS) {
		ipc_right_release(right, type);
		return MACH_PORT_NULL;
	}
	return name;
}

mach_port_t ipc_kobject_reply_send(ipc_port_t kobject_port)
{
	KSIM_ASSERT_LOCKED();
	if (!IP_VALID(kobject_port) || !kobject_port->ip_active)
		return MACH_PORT_NULL;
	return ipc_kobject_reply_right(ipc_port_make_send(kobject_port),
	    MACH_MSG_TYPE_PORT_SEND);
}

void *ipc_kobject_lookup(mach_port_name_t name, ipc_kobject_type_t kind)
{
	ipc_entry_t e;

	KSIM_ASSERT_LOCKED();
	if (!MACH_PORT_VALID(name) ||
	    ipc_right_lookup(ipc_space_kernel, name, &e) != KERN_SUCCESS ||
	    !(e->ie_bits & (MACH_PORT_TYPE_RECEIVE | MACH_PORT_TYPE_SEND)))
		return NULL;
	return ipc_kobject_get(e->ie_object, kind);
}

/* ---- replies ------------------------------------------------------------------------ */

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
	rep->Head.msgh_id = ipc_kobject_reply_id(req->msgh_id);
	rep->NDR = ndr;
	rep->RetCode = MIG_BAD_ID;
}

/*
 * A kernel reply moves what it carries: the rights and regions in it
 * were made for it (outtran, out-of-line results), like the naked rights
 * and copy objects of XNU's kernel replies.
 */
static void reply_moves(mach_msg_header_t *rep)
{
	mach_msg_descriptor_type_t t;
	uint32_t i, n;
	size_t sz;
	uint8_t *p = desc_first(rep, &n);

	for (i = 0; i < n && (sz = desc_size(p, &t)) != 0; i++, p += sz) {
		if (t == MACH_MSG_PORT_DESCRIPTOR) {
			mach_msg_port_descriptor_t *d = (void *)p;

			if (d->disposition == MACH_MSG_TYPE_COPY_SEND)
				d->disposition = MACH_MSG_TYPE_MOVE_SEND;
		} else if (t == MACH_MSG_OOL_PORTS_DESCRIPTOR) {
			mach_msg_ool_ports_descriptor_t *d = (void *)p;

			if (d->disposition == MACH_MSG_TYPE_COPY_SEND)
				d->disposition = MACH_MSG_TYPE_MOVE_SEND;
			d->deallocate = TRUE;
		} else {
			((mach_msg_ool_descriptor_t *)(void *)p)->deallocate =
			    TRUE;
		}
	}
}

/* Send a reply built in the kernel space.  Conditions: kernel locked. */
static void kobject_send_reply(mach_msg_header_t *rep)
{
	mach_msg_size_t size = rep->msgh_size;
	ipc_kmsg_t kmsg;
	mach_msg_return_t mr;

	reply_moves(rep);
	if (size < sizeof(mach_msg_header_t) || (size & 3) ||
	    (kmsg = ipc_kmsg_alloc(size)) == NULL) {
		ipc_msg_destroy_names(ipc_space_kernel, kernel_task->map, rep);
		return;
	}
	memcpy(kmsg->ikm_header, rep, size);
	mr = ipc_kmsg_copyin_header(kmsg, ipc_space_kernel);
	if (mr != MACH_MSG_SUCCESS) {
		ipc_kmsg_free(kmsg);
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
 * Free the out-of-line regions a failed request still names (its rights
 * went with request_release).  Conditions: kernel locked.
 */
static void request_free_memory(mach_msg_header_t *h)
{
	mach_msg_descriptor_type_t t;
	uint32_t i, n;
	size_t sz;
	uint8_t *p = desc_first(h, &n);

	for (i = 0; i < n && (sz = desc_size(p, &t)) != 0; i++, p += sz) {
		if (t == MACH_MSG_OOL_PORTS_DESCRIPTOR) {
			mach_msg_ool_ports_descriptor_t *d = (void *)p;

			if (d->address != NULL && d->count != 0)
				(void)vm_map_remove(kernel_task->map,
				    (vm_address_t)d->address,
				    d->count * sizeof(mach_port_name_t));
		} else if (t != MACH_MSG_PORT_DESCRIPTOR) {
			mach_msg_ool_descriptor_t *d = (void *)p;

			if (d->address != NULL && d->size != 0)
				(void)vm_map_remove(kernel_task->map,
				    (vm_address_t)d->address, d->size);
		}
	}
}

/* ---- dispatch -------------------------------------------------------------------- */

/*
 * Each thread keeps the buffer its last kernel reply was built in and
 * reuses it for the next call (a call made from inside a work function
 * finds it busy and allocates its own).  Freed when the thread exits.
 */
static __thread mach_msg_header_t *kobject_rep_buf;
static __thread size_t kobject_rep_cap;
static __thread bool kobject_rep_busy;

/*
 * A reply buffer of size bytes for the calling thread, its first
 * sizeof(mig_reply_error_t) bytes zeroed.  The generated server stubs
 * write every field of the reply they send (pads included, MIG-LANGUAGE
 * 4.7), so the rest needs no clearing; a reused buffer holds only the
 * thread's own earlier replies.
 */
static mach_msg_header_t *kobject_rep_get(size_t size)
{
	mach_msg_header_t *rep;

	if (kobject_rep_busy) {
		rep = calloc(1, size);
		if (rep == NULL)
			abort();
		return rep;
	}
	if (size > kobject_rep_cap) {
		/* Cache-line aligned: the memset below and the copy out
		   run at a speed that depends on the heap's layout
		   otherwise (stores split across lines). */
		size = (size + 63) & ~(size_t)63;
		free(kobject_rep_buf);
		kobject_rep_buf = aligned_alloc(64, size);
		if (kobject_rep_buf == NULL)
			abort();
		kobject_rep_cap = size;
	}
	kobject_rep_busy = true;
	memset(kobject_rep_buf, 0, sizeof(mig_reply_error_t));
	return kobject_rep_buf;
}

static void kobject_rep_put(mach_msg_header_t *rep)
{
	if (rep == kobject_rep_buf)
		kobject_rep_busy = false;
	else
		free(rep);
}

/* The calling thread exits: free its reply buffer. */
void ipc_kobject_thread_exit(void)
{
	free(kobject_rep_buf);
	kobject_rep_buf = NULL;
	kobject_rep_cap = 0;
}

/*
 * Routine:	kobject_call
 * Purpose:	Run the demuxer that serves sub on a request in the kernel
 *		space's view, with record as the rights it brought.
 * Conditions:	Kernel locked, and held across the demuxer: the work
 *		functions take it again (it nests) instead of taking it
 *		anew, and one that blocks releases it while asleep
 *		(thread_block), as before.
 * Returns:	The reply, built in the thread's reply buffer (release it
 *		with kobject_reply); *handledp: the demuxer took the id.
 */
/* The room a reply of sub needs (the largest of its replies). */
static mach_msg_size_t kobject_rsize(const struct kobject_subsystem *sub)
{
	return sub != NULL && sub->maxsize > sizeof(mig_reply_error_t) ?
	    sub->maxsize : sizeof(mig_reply_error_t);
}

static mach_msg_header_t *kobject_call(const struct kobject_subsystem *sub,
    mach_msg_header_t *req, struct ipc_kobject_request *record,
    boolean_t *handledp)
{
	thread_t self = current_thread();
	struct ipc_kobject_request *outer;
	mach_msg_header_t *rep;

	rep = kobject_rep_get(kobject_rsize(sub) + MAX_TRAILER_SIZE);
	*handledp = FALSE;
	if (sub != NULL) {
		outer = self->ith_kreq;
		self->ith_kreq = record;
		*handledp = sub->demux(req, rep);
		self->ith_kreq = outer;
	}
	return rep;
}

/*
 * Routine:	kobject_reply
 * Purpose:	What follows the demuxer (MIG-LANGUAGE 4.8): the bad-id
 *		reply, the request's rights released (and its memory on an
 *		error), then the reply sent or destroyed.
 * Conditions:	Kernel locked.  Consumes rep and the record.
 */
static void kobject_reply(mach_msg_header_t *req, mach_msg_header_t *rep,
    struct ipc_kobject_request *record, boolean_t handled)
{
	kern_return_t rc = KERN_SUCCESS;

	if (!handled)
		bad_id_reply(req, (mig_reply_error_t *)(void *)rep);
	if (!(rep->msgh_bits & MACH_MSGH_BITS_COMPLEX)) {
		rc = ((mig_reply_error_t *)(void *)rep)->RetCode;
		if (rc == MIG_NO_REPLY)
			rep->msgh_remote_port = MACH_PORT_NULL;
	}
	request_release(record);
	if (rc != KERN_SUCCESS && rc != MIG_NO_REPLY)
		request_free_memory(req);
	if (rep->msgh_remote_port == MACH_PORT_NULL) {
		if (rep->msgh_bits & MACH_MSGH_BITS_COMPLEX)
			ipc_msg_destroy_names(ipc_space_kernel,
			    kernel_task->map, rep);
	} else {
		kobject_send_reply(rep);
	}
	kobject_rep_put(rep);
}

/*
 * Routine:	ipc_kobject_server
 * Purpose:	Serve a message sent to a kernel object's port, in the
 *		sender's thread.
 * Conditions:	Kernel locked on entry and return; released only if a
 *		work function blocks.  Consumes kmsg.
 */
void ipc_kobject_server(ipc_kmsg_t kmsg)
{
	ipc_port_t port = kmsg->ikm_remote;
	struct ipc_kobject_request record = { NULL, 0, 0 };
	mach_msg_header_t *req, *rep;
	boolean_t handled;

	kmsg->ikm_seqno = port->ip_seqno++;
	(void)ipc_kmsg_copyout(kmsg, ipc_space_kernel, kernel_task->map,
	    MACH_PORT_NULL);
	req = kmsg->ikm_header;
	request_record(&record, req);
	rep = kobject_call(kobject_lookup(port->ip_kotype, req), req, &record,
	    &handled);
	kobject_reply(req, rep, &record, handled);
	ipc_kmsg_free(kmsg);
}

/* ---- the fast path ---------------------------------------------------------------- */

/*
 * A kernel call (a MIG stub's request to a kernel object's port, the
 * reply received at once on the reply port) served without the queue.
 * It is a guarded copy of the slow path: send phase, ipc_kobject_server,
 * receive phase.  Each guard states a condition under which the slow
 * path would do exactly what the fast path does; when one fails before
 * the demuxer runs nothing has changed and the caller takes the slow
 * path; when one fails after, the reply joins the slow path where it
 * stands (queued on the reply port, or sent from the kernel space).
 *
 * What it saves: the request's kmsg and its copy into the kernel space
 * (the reply right gets no kernel-space name: the demuxer sees
 * KOBJECT_FAST_REPLY, which no kernel-space name can be, as names there
 * stay below 2^28), the reply's kmsg and queueing, and a second lock
 * round trip for the receive.
 */
#define KOBJECT_FAST_REPLY	((mach_port_name_t)0xfffffff0u)
#define KOBJECT_FAST_MAX	512	/* larger requests: slow path */

/*
 * Routine:	kobject_fast_receiver_ok
 * Purpose:	Would the receive phase take this reply at once, with
 *		nothing else to choose from?  rcv_name still names rport's
 *		receive right in space, outside any set, its queue empty and
 *		no other thread waiting on it; the reply and its trailer fit.
 * Conditions:	Kernel locked.
 */
static bool kobject_fast_receiver_ok(ipc_space_t space,
    mach_port_name_t rcv_name, ipc_port_t rport, mach_msg_size_t need,
    mach_msg_size_t rcv_size)
{
	ipc_entry_t e;

	return space->is_active && rport->ip_active &&
	    rport->ip_receiver == space &&
	    (e = ipc_entry_lookup(space, rcv_name)) != NULL &&
	    (e->ie_bits & MACH_PORT_TYPE_RECEIVE) && e->ie_object == rport &&
	    rport->ip_pset == NULL &&
	    TAILQ_EMPTY(&rport->ip_messages) &&
	    waitq_empty(&rport->ip_receivers) && need <= rcv_size;
}

/*
 * Routine:	kobject_fast_deliver
 * Purpose:	The receive phase for a reply taken straight from the
 *		demuxer: the header as copyout makes it (no reply right,
 *		the send-once destination consumed, the receive right's
 *		name), the reply port's seqno and context in the trailer,
 *		the kernel's tokens.
 * Conditions:	Kernel locked; kobject_fast_receiver_ok held.  Consumes
 *		the send-once right rport.
 * Returns:	false when the buffer could not be written (the reply,
 *		which carries no right, is lost).
 */
static bool kobject_fast_deliver(mach_msg_header_t *rep, ipc_port_t rport,
    mach_msg_option_t option, mach_msg_header_t *buf)
{
	static const security_token_t ktok = KERNEL_SECURITY_TOKEN_VALUE;
	static const audit_token_t kaudit;
	mach_msg_size_t size = rep->msgh_size;
	mach_msg_size_t tsize = ipc_kmsg_trailer_size(option);

	rep->msgh_bits = MACH_MSGH_BITS(0, MACH_MSG_TYPE_PORT_SEND_ONCE);
	rep->msgh_remote_port = MACH_PORT_NULL;
	rep->msgh_local_port = rport->ip_receiver_name;
	rep->msgh_voucher_port = MACH_PORT_NULL;
	ipc_trailer_write((uint8_t *)rep + size, tsize, rport->ip_seqno++,
	    &ktok, &kaudit, rport->ip_context);
	ipc_port_release_sonce(rport);
	return ksim_copyout(buf, rep, size + tsize);
}

/*
 * Routine:	ipc_kobject_fast_call
 * Purpose:	mach_msg with MACH_SEND_MSG | MACH_RCV_MSG of a simple
 *		request to a kernel object, COPY_SEND destination and a
 *		MAKE_SEND_ONCE reply right made from rcv_name: served and
 *		answered in place when every guard holds.
 * Conditions:	Kernel unlocked.
 * Returns:	false: nothing was done, take the slow path; with *lockedp
 *		set, the kernel lock is held (a guard under it failed) and
 *		the caller releases it.  true: the request was sent
 *		(served), the lock released; *mrp is the result of the
 *		whole call, or *rcv_slowp is set and the reply waits on the
 *		reply port for the ordinary receive phase.
 */
bool ipc_kobject_fast_call(mach_msg_header_t *msg, mach_msg_option_t option,
    mach_msg_size_t send_size, mach_msg_size_t rcv_size,
    mach_port_name_t rcv_name, mach_msg_header_t *rcv_buf,
    mach_msg_return_t *mrp, bool *rcv_slowp, bool *lockedp)
{
	union {
		mach_msg_header_t	h;
		uint8_t			b[KOBJECT_FAST_MAX];
	} req;
	struct ipc_kobject_request record = { NULL, 0, 0 };
	const struct kobject_subsystem *sub;
	mach_msg_header_t *rep;
	thread_t self;
	ipc_space_t space;
	ipc_port_t port, rport;
	ipc_entry_t de, re;
	boolean_t handled;

	/* Guards on the call alone. */
	if ((option & (MACH_SEND_MSG | MACH_RCV_MSG)) !=
	    (MACH_SEND_MSG | MACH_RCV_MSG) || msg == NULL ||
	    ((uint32_t)option >> 28) != MACH_MSG_TRAILER_FORMAT_0 ||
	    send_size < sizeof(mach_msg_header_t) || (send_size & 3) != 0 ||
	    send_size > sizeof(req))
		return false;
	if (!ksim_copyin(&req, msg, send_size))
		return false;	/* the send phase says why */
	if (req.h.msgh_bits != MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND,
	    MACH_MSG_TYPE_MAKE_SEND_ONCE) ||
	    req.h.msgh_local_port != rcv_name || !MACH_PORT_VALID(rcv_name) ||
	    !MACH_PORT_VALID(req.h.msgh_remote_port) ||
	    req.h.msgh_voucher_port != MACH_PORT_NULL)
		return false;

	/* Guards on the rights, under the lock: the destination a live
	   kernel object's port, the reply port idle (as above).  If one
	   fails the lock stays held for the caller's send phase. */
	self = current_thread();	/* before the lock: may boot */
	ksim_lock();
	*lockedp = true;
	space = self->task->itk_space;
	if (space == IPC_SPACE_NULL || !space->is_active ||
	    (de = ipc_entry_lookup(space, req.h.msgh_remote_port)) == NULL ||
	    !(de->ie_bits & MACH_PORT_TYPE_SEND) ||
	    (port = de->ie_object) == IP_NULL || !port->ip_active ||
	    port->ip_kotype == IKOT_NONE ||
	    port->ip_receiver != ipc_space_kernel ||
	    (re = ipc_entry_lookup(space, rcv_name)) == NULL ||
	    !(re->ie_bits & MACH_PORT_TYPE_RECEIVE) ||
	    !kobject_fast_receiver_ok(space, rcv_name, re->ie_object, 0, 0) ||
	    (sub = kobject_lookup(port->ip_kotype, &req.h)) == NULL)
		return false;
	*lockedp = false;

	/* The send phase and the copyout into the kernel space, in short:
	   the destination right is copied and consumed at once (no net
	   change), the reply right is a send-once right the kernel holds. */
	rport = ipc_port_make_sonce(re->ie_object);
	port->ip_seqno++;
	req.h.msgh_size = send_size;
	req.h.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_PORT_SEND_ONCE,
	    MACH_MSG_TYPE_PORT_SEND);
	req.h.msgh_remote_port = KOBJECT_FAST_REPLY;
	req.h.msgh_local_port = port->ip_receiver_name;

	rep = kobject_call(sub, &req.h, &record, &handled);

	if (handled && !(rep->msgh_bits & MACH_MSGH_BITS_COMPLEX) &&
	    rep->msgh_bits == MACH_MSGH_BITS(MACH_MSG_TYPE_MOVE_SEND_ONCE, 0) &&
	    rep->msgh_remote_port == KOBJECT_FAST_REPLY &&
	    rep->msgh_local_port == MACH_PORT_NULL &&
	    rep->msgh_size >= sizeof(mig_reply_error_t) &&
	    rep->msgh_size <= kobject_rsize(sub) &&
	    (rep->msgh_size & 3) == 0 &&
	    ((mig_reply_error_t *)(void *)rep)->RetCode != MIG_NO_REPLY) {
		mach_msg_size_t need = rep->msgh_size +
		    ipc_kmsg_trailer_size(option);

		/* The task may have died meanwhile, and its space with it:
		   compare before looking inside. */
		if (self->task->itk_space == space &&
		    kobject_fast_receiver_ok(space, rcv_name, rport, need,
		    rcv_size)) {
			bool ok = kobject_fast_deliver(rep, rport, option,
			    rcv_buf);

			kobject_rep_put(rep);
			ksim_unlock();
			*mrp = ok ? MACH_MSG_SUCCESS : MACH_RCV_INVALID_DATA;
			*rcv_slowp = false;
			return true;
		}
	}

	/* A guard failed after the demuxer: the reply right gets its
	   kernel-space name, and the reply goes the slow way. */
	{
		mach_port_name_t kname = MACH_PORT_NULL;

		if (ipc_right_copyout(ipc_space_kernel, rport,
		    MACH_MSG_TYPE_PORT_SEND_ONCE, &kname) != KERN_SUCCESS) {
			ipc_right_release(rport, MACH_MSG_TYPE_PORT_SEND_ONCE);
			kname = MACH_PORT_NULL;
		}
		req.h.msgh_remote_port = kname;
		if (rep->msgh_remote_port == KOBJECT_FAST_REPLY)
			rep->msgh_remote_port = kname;
	}
	kobject_reply(&req.h, rep, &record, handled);
	ksim_unlock();
	*rcv_slowp = true;
	return true;
}
