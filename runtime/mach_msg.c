/*
 * mach_msg.c - mach_msg and mach_msg_overwrite (the library wrappers that
 * retry interrupted phases, MACH-SEMANTICS 2.11), mach_msg_send,
 * mach_msg_receive and mach_msg_destroy.
 */
#include <mach/mach_init.h>
#include <mach/mach_traps.h>
#include <mach/message.h>

#define LIB_ONLY_OPTIONS	(MACH_SEND_INTERRUPT | MACH_RCV_INTERRUPT)

mach_msg_return_t mach_msg_overwrite(mach_msg_header_t *msg,
    mach_msg_option_t option, mach_msg_size_t send_size,
    mach_msg_size_t rcv_size, mach_port_name_t rcv_name,
    mach_msg_timeout_t timeout, mach_port_name_t notify,
    mach_msg_header_t *rcv_msg, mach_msg_size_t rcv_limit)
{
	mach_msg_option_t trap_option = option & ~LIB_ONLY_OPTIONS;
	mach_msg_return_t mr;

	do {
		mr = mach_msg_overwrite_trap(msg, trap_option, send_size,
		    rcv_size, rcv_name, timeout, notify, rcv_msg, rcv_limit);
	} while (mr == MACH_SEND_INTERRUPTED &&
	    !(option & MACH_SEND_INTERRUPT));
	while (mr == MACH_RCV_INTERRUPTED && !(option & MACH_RCV_INTERRUPT))
		mr = mach_msg_overwrite_trap(msg,
		    trap_option & ~MACH_SEND_MSG, 0, rcv_size, rcv_name,
		    timeout, notify, rcv_msg, rcv_limit);
	return mr;
}

mach_msg_return_t mach_msg(mach_msg_header_t *msg, mach_msg_option_t option,
    mach_msg_size_t send_size, mach_msg_size_t rcv_size,
    mach_port_name_t rcv_name, mach_msg_timeout_t timeout,
    mach_port_name_t notify)
{
	return mach_msg_overwrite(msg, option, send_size, rcv_size, rcv_name,
	    timeout, notify, NULL, 0);
}

mach_msg_return_t mach_msg_send(mach_msg_header_t *msg)
{
	return mach_msg(msg, MACH_SEND_MSG, msg->msgh_size, 0, MACH_PORT_NULL,
	    MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL);
}

mach_msg_return_t mach_msg_receive(mach_msg_header_t *msg)
{
	return mach_msg(msg, MACH_RCV_MSG, 0, msg->msgh_size,
	    msg->msgh_local_port, MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL);
}

/* Release one right of a received message, by its PORT_* type. */
static void destroy_right(mach_port_name_t name, mach_msg_type_name_t type)
{
	if (!MACH_PORT_VALID(name))
		return;
	switch (type) {
	case MACH_MSG_TYPE_PORT_SEND:
	case MACH_MSG_TYPE_PORT_SEND_ONCE:
		(void)_kernelrpc_mach_port_deallocate_trap(mach_task_self(),
		    name);
		break;
	case MACH_MSG_TYPE_PORT_RECEIVE:
		(void)_kernelrpc_mach_port_mod_refs_trap(mach_task_self(), name,
		    MACH_PORT_RIGHT_RECEIVE, -1);
		break;
	case MACH_MSG_TYPE_MAKE_SEND:
	case MACH_MSG_TYPE_MAKE_SEND_ONCE:
	default:
		break;
	}
}

static void destroy_memory(void *addr, uint64_t size)
{
	if (addr != NULL && size != 0)
		(void)_kernelrpc_mach_vm_deallocate_trap(mach_task_self(),
		    (uint64_t)(uintptr_t)addr, size);
}

/*
 * mach_msg_destroy: release every right and region a received message
 * holds: the reply right in msgh_remote_port (the destination right was
 * consumed on receive), port descriptors, OOL memory, OOL port arrays
 * (each element, then the array).
 */
void mach_msg_destroy(mach_msg_header_t *msg)
{
	mach_msg_bits_t bits = msg->msgh_bits;
	uint8_t *p;
	uint32_t i, n;

	destroy_right(msg->msgh_remote_port, MACH_MSGH_BITS_REMOTE(bits));
	if (!(bits & MACH_MSGH_BITS_COMPLEX))
		return;
	n = ((mach_msg_base_t *)(void *)msg)->body.msgh_descriptor_count;
	p = (uint8_t *)msg + sizeof(mach_msg_base_t);
	for (i = 0; i < n; i++) {
		mach_msg_descriptor_type_t t =
		    ((mach_msg_type_descriptor_t *)(void *)p)->type;

		if (t == MACH_MSG_PORT_DESCRIPTOR) {
			mach_msg_port_descriptor_t *d = (void *)p;

			destroy_right(d->name, d->disposition);
			p += sizeof(*d);
		} else if (t == MACH_MSG_OOL_DESCRIPTOR ||
		    t == MACH_MSG_OOL_VOLATILE_DESCRIPTOR) {
			mach_msg_ool_descriptor_t *d = (void *)p;

			destroy_memory(d->address, d->size);
			p += sizeof(*d);
		} else if (t == MACH_MSG_OOL_PORTS_DESCRIPTOR) {
			mach_msg_ool_ports_descriptor_t *d = (void *)p;
			mach_port_name_t *names = d->address;
			mach_msg_size_t j;

			for (j = 0; names != NULL && j < d->count; j++)
				destroy_right(names[j], d->disposition);
			destroy_memory(d->address,
			    (uint64_t)d->count * sizeof(mach_port_name_t));
			p += sizeof(*d);
		} else {
			break;
		}
	}
}
