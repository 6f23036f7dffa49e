/*
 * msg_server.c - mach_msg_server and mach_msg_server_once, with the reply
 * rules of MIG-LANGUAGE 4.8.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <mach/mach.h>
#include <mach/mig_errors.h>

typedef boolean_t (*demux_t)(mach_msg_header_t *, mach_msg_header_t *);

/* Receive options the caller may add: trailer requests and LARGE. */
#define SERVER_RCV_OPTIONS \
	(MACH_RCV_TRAILER_MASK | MACH_RCV_LARGE | MACH_RCV_TIMEOUT | \
	 MACH_RCV_INTERRUPT | (mach_msg_options_t)0xf0000000u)

/*
 * Apply 4.8 to a built reply: decide whether it goes out, destroying the
 * request when the work function failed.  Returns true to send.
 */
static bool server_reply_rules(mach_msg_header_t *req, mach_msg_header_t *rep)
{
	if (!(rep->msgh_bits & MACH_MSGH_BITS_COMPLEX)) {
		kern_return_t rc = ((mig_reply_error_t *)(void *)rep)->RetCode;

		if (rc == MIG_NO_REPLY) {
			rep->msgh_remote_port = MACH_PORT_NULL;
		} else if (rc != KERN_SUCCESS) {
			req->msgh_remote_port = MACH_PORT_NULL;
			mach_msg_destroy(req);
		}
	}
	if (rep->msgh_remote_port == MACH_PORT_NULL) {
		if (rep->msgh_bits & MACH_MSGH_BITS_COMPLEX)
			mach_msg_destroy(rep);
		return false;
	}
	return true;
}

static mach_msg_return_t server_send_reply(mach_msg_header_t *rep)
{
	mach_msg_option_t opt = MACH_SEND_MSG;
	mach_msg_return_t mr;

	if (MACH_MSGH_BITS_REMOTE(rep->msgh_bits) != MACH_MSG_TYPE_MOVE_SEND_ONCE)
		opt |= MACH_SEND_TIMEOUT;
	mr = mach_msg(rep, opt, rep->msgh_size, 0, MACH_PORT_NULL,
	    MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL);
	if (mr == MACH_SEND_INVALID_DEST || mr == MACH_SEND_TIMED_OUT)
		mach_msg_destroy(rep);
	return mr;
}

/* Receive one request into *bufp (grown for MACH_RCV_LARGE). */
static mach_msg_return_t server_receive(mach_msg_header_t **bufp,
    mach_msg_size_t *sizep, mach_port_t rcv_name, mach_msg_options_t options)
{
	for (;;) {
		mach_msg_return_t mr = mach_msg(*bufp,
		    MACH_RCV_MSG | (options & SERVER_RCV_OPTIONS), 0, *sizep,
		    rcv_name, MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL);
		mach_msg_header_t *nb;

		if (mr != MACH_RCV_TOO_LARGE || !(options & MACH_RCV_LARGE))
			return mr;
		*sizep = (*bufp)->msgh_size + MAX_TRAILER_SIZE;
		nb = realloc(*bufp, *sizep);
		if (nb == NULL)
			return MACH_RCV_TOO_LARGE;
		*bufp = nb;
	}
}

static mach_msg_return_t server_once(demux_t demux, mach_msg_size_t max_size,
    mach_port_t rcv_name, mach_msg_options_t options, mach_msg_header_t **reqp,
    mach_msg_size_t *reqsize, mach_msg_header_t *rep)
{
	mach_msg_return_t mr;

	mr = server_receive(reqp, reqsize, rcv_name, options);
	if (mr != MACH_MSG_SUCCESS)
		return mr;
	memset(rep, 0, sizeof(mig_reply_error_t));
	(void)demux(*reqp, rep);
	(void)max_size;
	if (!server_reply_rules(*reqp, rep))
		return MACH_MSG_SUCCESS;
	return server_send_reply(rep);
}

mach_msg_return_t mach_msg_server_once(demux_t demux,
    mach_msg_size_t max_size, mach_port_t rcv_name,
    mach_msg_options_t options)
{
	mach_msg_size_t size = max_size + MAX_TRAILER_SIZE;
	mach_msg_header_t *req = malloc(size), *rep = malloc(size);
	mach_msg_return_t mr;

	if (req == NULL || rep == NULL || size < sizeof(mig_reply_error_t)) {
		free(req);
		free(rep);
		return MACH_RCV_TOO_LARGE;
	}
	mr = server_once(demux, max_size, rcv_name, options, &req, &size, rep);
	free(req);
	free(rep);
	return mr;
}

mach_msg_return_t mach_msg_server(demux_t demux, mach_msg_size_t max_size,
    mach_port_t rcv_name, mach_msg_options_t options)
{
	mach_msg_size_t size = max_size + MAX_TRAILER_SIZE;
	mach_msg_header_t *req = malloc(size), *rep = malloc(size);
	mach_msg_return_t mr;

	if (req == NULL || rep == NULL || size < sizeof(mig_reply_error_t)) {
		free(req);
		free(rep);
		return MACH_RCV_TOO_LARGE;
	}
	do {
		mr = server_once(demux, max_size, rcv_name, options, &req,
		    &size, rep);
	} while (mr == MACH_MSG_SUCCESS || mr == MACH_SEND_INVALID_DEST ||
	    mr == MACH_SEND_TIMED_OUT);
	free(req);
	free(rep);
	return mr;
}
