/*
 * ipc_notify.c - the five kernel notifications (MACH-SEMANTICS 3.1).
 *
 * Each is a kernel message sent on a send-once right the user supplied:
 * bits MACH_MSGH_BITS(MOVE_SEND_ONCE, 0), no reply, the kernel's security
 * token.  They are sent with MACH_SEND_ALWAYS and never block.
 */
#include <stdlib.h>
#include <string.h>

#include <mach/ndr.h>
#include <mach/notify.h>

#include <ksim/ipc.h>

#pragma pack(push, 4)
typedef struct {
	mach_msg_header_t	head;
	NDR_record_t		ndr;
	uint32_t		value;
} notify_simple_t;

typedef struct {
	mach_msg_header_t		head;
	mach_msg_body_t			body;
	mach_msg_port_descriptor_t	port;
} notify_destroyed_t;
#pragma pack(pop)

_Static_assert(sizeof(notify_simple_t) == 36, "notification size");
_Static_assert(sizeof(notify_destroyed_t) == 40, "notification size");

static const NDR_record_t notify_ndr = { 0, 0, 0, 0, NDR_INT_LITTLE_ENDIAN,
	NDR_CHAR_ASCII, NDR_FLOAT_IEEE, 0 };

static ipc_kmsg_t notify_kmsg(ipc_port_t soright, mach_msg_size_t size,
    mach_msg_id_t id)
{
	ipc_kmsg_t kmsg = ipc_kmsg_alloc_kernel(size);
	mach_msg_header_t *h = kmsg->ikm_header;

	h->msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_PORT_SEND_ONCE, 0);
	h->msgh_id = id;
	kmsg->ikm_remote = soright;
	kmsg->ikm_remote_type = MACH_MSG_TYPE_PORT_SEND_ONCE;
	return kmsg;
}

static void notify_simple(ipc_port_t soright, mach_msg_id_t id,
    uint32_t value)
{
	ipc_kmsg_t kmsg;
	notify_simple_t *n;

	if (!IP_VALID(soright))
		return;
	kmsg = notify_kmsg(soright, sizeof(*n), id);
	n = (notify_simple_t *)(void *)kmsg->ikm_header;
	n->ndr = notify_ndr;
	n->value = value;
	(void)ipc_kmsg_send_kernel(kmsg);
}

void ipc_notify_port_deleted(ipc_port_t soright, mach_port_name_t name)
{
	notify_simple(soright, MACH_NOTIFY_PORT_DELETED, name);
}

void ipc_notify_no_senders(ipc_port_t soright, mach_port_mscount_t mscount)
{
	notify_simple(soright, MACH_NOTIFY_NO_SENDERS, mscount);
}

void ipc_notify_dead_name(ipc_port_t soright, mach_port_name_t name)
{
	notify_simple(soright, MACH_NOTIFY_DEAD_NAME, name);
}

/*
 * Routine:	ipc_notify_send_once
 * Purpose:	A send-once right is destroyed unused: send the
 *		notification through it.  A dead port just drops the right.
 * Conditions:	Kernel locked.  Consumes the right.
 */
void ipc_notify_send_once(ipc_port_t soright)
{
	if (!IP_VALID(soright))
		return;
	if (!soright->ip_active) {
		ipc_port_release_sonce(soright);
		return;
	}
	(void)ipc_kmsg_send_kernel(notify_kmsg(soright,
	    sizeof(mach_msg_header_t), MACH_NOTIFY_SEND_ONCE));
}

/*
 * Routine:	ipc_notify_port_destroyed
 * Purpose:	Hand a receive right (its reference included) to the
 *		port-destroyed request.  If that would make the port carry
 *		itself, the message is destroyed and the port dies.
 * Conditions:	Kernel locked.
 */
void ipc_notify_port_destroyed(ipc_port_t soright, ipc_port_t port)
{
	ipc_kmsg_t kmsg = notify_kmsg(soright, sizeof(notify_destroyed_t),
	    MACH_NOTIFY_PORT_DESTROYED);
	notify_destroyed_t *n = (notify_destroyed_t *)(void *)kmsg->ikm_header;

	n->head.msgh_bits |= MACH_MSGH_BITS_COMPLEX;
	n->body.msgh_descriptor_count = 1;
	n->port.type = MACH_MSG_PORT_DESCRIPTOR;
	n->port.disposition = MACH_MSG_TYPE_PORT_RECEIVE;
	kmsg->ikm_desc = calloc(1, sizeof(struct ipc_kdesc));
	if (kmsg->ikm_desc == NULL)
		abort();
	kmsg->ikm_ndesc = kmsg->ikm_ndesc_done = 1;
	kmsg->ikm_desc[0].kd_type = MACH_MSG_PORT_DESCRIPTOR;
	kmsg->ikm_desc[0].kd_offset = sizeof(mach_msg_base_t);
	kmsg->ikm_desc[0].kd_disp = MACH_MSG_TYPE_PORT_RECEIVE;
	kmsg->ikm_desc[0].kd_port = port;
	(void)ipc_kmsg_send_kernel(kmsg);
}
