/*
 * mach_msg.c - the mach_msg trap: send phase, then receive phase
 * (MACH-SEMANTICS section 2).
 */
#include <stdlib.h>
#include <string.h>

#include <ksim/ipc.h>
#include <ksim/traps.h>
#include <ksim/vm.h>

/*
 * A send of at most this many bytes is copied in under the kernel lock:
 * the one the kernel-call fast path's guards took, when the message
 * turned out not to be a kernel call (the send phase's own take nests),
 * or one taken here; then the kmsg comes from the cache, which the lock
 * guards.  The lock is released, and the receiver woken, at the end of
 * the send phase, before the receive phase: on one CPU the woken
 * receiver usually runs at once and answers before this thread looks for
 * its reply, which is then already queued.  A larger message is copied
 * in before the lock is taken.
 */
#define MACH_MSG_HOLD_MAX	512

/* Options a user may pass; the kernel-only ones are stripped. */
#define MACH_SEND_USER_STRIP	(MACH_SEND_ALWAYS | MACH_SEND_KERNEL)

/*
 * Routine:	mach_msg_send
 * Purpose:	The send phase (2.4).
 * Conditions:	Kernel unlocked.
 * Returns:	See 2.10, send phase.
 */
static mach_msg_return_t kmsg_send_phase(mach_msg_header_t *msg,
    mach_msg_option_t option, mach_msg_size_t send_size,
    mach_msg_timeout_t timeout)
{
	thread_t th = current_thread();
	ipc_space_t space;
	struct vm_map *map;
	ipc_kmsg_t kmsg;
	mach_msg_return_t mr;

	option &= ~MACH_SEND_USER_STRIP;
	if (msg == NULL)
		return MACH_SEND_INVALID_DATA;
	if (send_size < sizeof(mach_msg_header_t) || (send_size & 3) != 0)
		return MACH_SEND_MSG_TOO_SMALL;
	if (send_size > IPC_KMSG_MAX_SIZE)
		return MACH_SEND_TOO_LARGE;
	kmsg = ipc_kmsg_alloc(send_size);
	if (kmsg == NULL)
		return MACH_SEND_NO_BUFFER;
	if (!ksim_copyin(kmsg->ikm_header, msg, send_size)) {
		ipc_kmsg_free(kmsg);
		return MACH_SEND_INVALID_DATA;
	}
	kmsg->ikm_header->msgh_size = send_size;
	if ((kmsg->ikm_header->msgh_bits & MACH_MSGH_BITS_COMPLEX) &&
	    send_size < sizeof(mach_msg_base_t)) {
		ipc_kmsg_free(kmsg);
		return MACH_SEND_MSG_TOO_SMALL;
	}

	ksim_lock();
	space = th->task->itk_space;
	map = th->task->map;
	mr = ipc_kmsg_copyin_header(kmsg, space);
	if (mr != MACH_MSG_SUCCESS) {
		ksim_unlock();
		ipc_kmsg_free(kmsg);
		return mr;
	}
	TAILQ_INSERT_TAIL(&ipc_all_kmsgs, kmsg, ikm_all_link);
	ipc_kmsg_count++;
	kmsg->ikm_sender = th->task->sec_token;
	kmsg->ikm_audit = th->task->audit_token;
	if (kmsg->ikm_header->msgh_bits & MACH_MSGH_BITS_COMPLEX) {
		mr = ipc_kmsg_copyin_body(kmsg, space, map);
		if (mr != MACH_MSG_SUCCESS) {
			ipc_kmsg_destroy(kmsg);
			ksim_unlock();
			return mr;
		}
	}
	mr = ipc_mqueue_send(kmsg, option, timeout);
	if (mr != MACH_MSG_SUCCESS) {
		mr |= ipc_kmsg_copyout_pseudo(kmsg, space, map);
		/* A send buffer that cannot take the message back (read
		   only since the send began): what was handed back to the
		   sender's space is destroyed, as a lost message. */
		if (!ksim_copyout(msg, kmsg->ikm_header, kmsg->ikm_size))
			ipc_msg_destroy_names(space, map, kmsg->ikm_header);
		ipc_kmsg_free(kmsg);
	}
	ksim_unlock();
	return mr;
}

/*
 * Routine:	deliver
 * Purpose:	Write a received message and its trailer, at most `limit'
 *		bytes, to the receiver's buffer (2.8 step 7).  A large
 *		message is written with the kernel lock released: the kmsg
 *		is off every queue and carries nothing any more.
 * Conditions:	Kernel locked; kmsg copied out into space and map.
 * Returns:	MACH_MSG_SUCCESS; MACH_RCV_INVALID_DATA when the buffer
 *		cannot be written: the message is lost, and what it gave
 *		the receiver (names, regions) is destroyed again.
 */
static mach_msg_return_t deliver(mach_msg_header_t *buf, ipc_kmsg_t kmsg,
    ipc_space_t space, struct vm_map *map, mach_msg_option_t option,
    mach_msg_size_t limit)
{
	mach_msg_size_t len = kmsg->ikm_size + ipc_kmsg_trailer_size(option);
	bool ok;

	ipc_kmsg_add_trailer(kmsg, option);
	if (len > limit)
		len = limit;
	if (len > MACH_MSG_HOLD_MAX) {
		unsigned depth = ksim_unlock_all();

		ok = ksim_copyout(buf, kmsg->ikm_header, len);
		ksim_relock(depth);
	} else {
		ok = ksim_copyout(buf, kmsg->ikm_header, len);
	}
	if (ok)
		return MACH_MSG_SUCCESS;
	ipc_msg_destroy_names(space, map, kmsg->ikm_header);
	return MACH_RCV_INVALID_DATA;
}

/*
 * Routine:	mach_msg_receive
 * Purpose:	The receive phase (2.8).
 * Conditions:	Kernel unlocked.
 * Returns:	See 2.10, receive phase.
 */
static mach_msg_return_t kmsg_receive_phase(mach_msg_header_t *buf,
    mach_msg_option_t option, mach_msg_size_t rcv_size,
    mach_port_name_t rcv_name, mach_msg_timeout_t timeout)
{
	thread_t th = current_thread();
	ipc_space_t space;
	ipc_kmsg_t kmsg = NULL;
	mach_msg_size_t needed = 0;
	mach_port_name_t pname = MACH_PORT_NULL;
	mach_msg_return_t mr;

	if (((uint32_t)option >> 28) != MACH_MSG_TRAILER_FORMAT_0)
		return MACH_RCV_INVALID_TRAILER;
	ksim_lock();
	space = th->task->itk_space;
	mr = ipc_mqueue_receive(space, rcv_name, option, rcv_size, timeout,
	    &kmsg, &needed, &pname);
	if (mr == MACH_RCV_TOO_LARGE && (option & MACH_RCV_LARGE)) {
		ksim_unlock();
		if (!ksim_copyout(&buf->msgh_size, &needed, sizeof(needed)) ||
		    ((option & MACH_RCV_LARGE_IDENTITY) &&
		    !ksim_copyout(&buf->msgh_local_port, &pname,
		    sizeof(pname))))
			return MACH_RCV_INVALID_DATA;
		return mr;
	}
	if (mr != MACH_MSG_SUCCESS && mr != MACH_RCV_TOO_LARGE) {
		ksim_unlock();
		return mr;
	}
	if (buf == NULL) {
		ipc_kmsg_destroy(kmsg);
		ksim_unlock();
		return MACH_RCV_INVALID_DATA;
	}
	if (mr == MACH_RCV_TOO_LARGE)
		(void)ipc_kmsg_copyout_dest(kmsg, space);
	else
		mr = ipc_kmsg_copyout(kmsg, space, th->task->map, pname);
	if (deliver(buf, kmsg, space, th->task->map, option, rcv_size) !=
	    MACH_MSG_SUCCESS)
		mr = MACH_RCV_INVALID_DATA;
	ipc_kmsg_free(kmsg);
	ksim_unlock();
	return mr;
}


/*
 * Routine:	ksim_mach_msg_overwrite_trap
 * Purpose:	mach_msg_overwrite_trap: send from msg, then receive into
 *		rcv_msg (or msg when rcv_msg is NULL).
 * Conditions:	Kernel unlocked.
 */
mach_msg_return_t ksim_mach_msg_overwrite_trap(mach_msg_header_t *msg,
    mach_msg_option_t option, mach_msg_size_t send_size,
    mach_msg_size_t rcv_size, mach_port_name_t rcv_name,
    mach_msg_timeout_t timeout, mach_port_name_t notify,
    mach_msg_header_t *rcv_msg, mach_msg_size_t rcv_limit)
{
	mach_msg_header_t *rbuf = rcv_msg != NULL ? rcv_msg : msg;
	mach_msg_return_t mr = MACH_MSG_SUCCESS;
	bool rcv_slow = false, locked = false;

	(void)notify;
	(void)rcv_limit;
	if (ipc_kobject_fast_call(msg, option, send_size, rcv_size, rcv_name,
	    rbuf, &mr, &rcv_slow, &locked)) {
		if (!rcv_slow)
			return mr;
		return kmsg_receive_phase(rbuf, option, rcv_size, rcv_name,
		    timeout);
	}
	if (option & MACH_SEND_MSG) {
		if (!locked && send_size <= MACH_MSG_HOLD_MAX) {
			(void)current_thread();	/* may boot: not locked */
			ksim_lock();
			locked = true;
		}
		mr = kmsg_send_phase(msg, option, send_size, timeout);
	}
	if (locked)
		ksim_unlock();
	if (mr != MACH_MSG_SUCCESS)
		return mr;
	if (option & MACH_RCV_MSG)
		return kmsg_receive_phase(rbuf, option, rcv_size, rcv_name,
		    timeout);
	return MACH_MSG_SUCCESS;
}
