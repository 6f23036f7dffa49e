/*
 * error_string.c - mach_error_string, mach_error, mach_error_type.
 */
#include <stdio.h>

#include <mach/mach_error.h>
#include <mach/message.h>
#include <mach/mig_errors.h>

struct err_text {
	mach_error_t	code;
	const char	*text;
};

static const struct err_text kern_texts[] = {
	{ KERN_SUCCESS, "(os/kern) successful" },
	{ KERN_INVALID_ADDRESS, "(os/kern) invalid address" },
	{ KERN_PROTECTION_FAILURE, "(os/kern) protection failure" },
	{ KERN_NO_SPACE, "(os/kern) no space available" },
	{ KERN_INVALID_ARGUMENT, "(os/kern) invalid argument" },
	{ KERN_FAILURE, "(os/kern) failure" },
	{ KERN_RESOURCE_SHORTAGE, "(os/kern) resource shortage" },
	{ KERN_NOT_RECEIVER, "(os/kern) not receiver" },
	{ KERN_NO_ACCESS, "(os/kern) no access" },
	{ KERN_MEMORY_FAILURE, "(os/kern) memory failure" },
	{ KERN_MEMORY_ERROR, "(os/kern) memory error" },
	{ KERN_ALREADY_IN_SET, "(os/kern) already in set" },
	{ KERN_NOT_IN_SET, "(os/kern) not in set" },
	{ KERN_NAME_EXISTS, "(os/kern) name exists" },
	{ KERN_ABORTED, "(os/kern) aborted" },
	{ KERN_INVALID_NAME, "(os/kern) invalid name" },
	{ KERN_INVALID_TASK, "(os/kern) invalid task" },
	{ KERN_INVALID_RIGHT, "(os/kern) invalid right" },
	{ KERN_INVALID_VALUE, "(os/kern) invalid value" },
	{ KERN_UREFS_OVERFLOW, "(os/kern) urefs overflow" },
	{ KERN_INVALID_CAPABILITY, "(os/kern) invalid capability" },
	{ KERN_RIGHT_EXISTS, "(os/kern) right exists" },
	{ KERN_INVALID_HOST, "(os/kern) invalid host" },
	{ KERN_MEMORY_PRESENT, "(os/kern) memory present" },
	{ KERN_MEMORY_DATA_MOVED, "(os/kern) memory data moved" },
	{ KERN_MEMORY_RESTART_COPY, "(os/kern) memory restart copy" },
	{ KERN_INVALID_PROCESSOR_SET, "(os/kern) invalid processor set" },
	{ KERN_POLICY_LIMIT, "(os/kern) policy limit" },
	{ KERN_INVALID_POLICY, "(os/kern) invalid policy" },
	{ KERN_INVALID_OBJECT, "(os/kern) invalid object" },
	{ KERN_ALREADY_WAITING, "(os/kern) already waiting" },
	{ KERN_DEFAULT_SET, "(os/kern) default set" },
	{ KERN_EXCEPTION_PROTECTED, "(os/kern) exception protected" },
	{ KERN_INVALID_LEDGER, "(os/kern) invalid ledger" },
	{ KERN_INVALID_MEMORY_CONTROL, "(os/kern) invalid memory control" },
	{ KERN_INVALID_SECURITY, "(os/kern) invalid security" },
	{ KERN_NOT_DEPRESSED, "(os/kern) not depressed" },
	{ KERN_TERMINATED, "(os/kern) terminated" },
	{ KERN_LOCK_SET_DESTROYED, "(os/kern) lock set destroyed" },
	{ KERN_LOCK_UNSTABLE, "(os/kern) lock unstable" },
	{ KERN_LOCK_OWNED, "(os/kern) lock owned" },
	{ KERN_LOCK_OWNED_SELF, "(os/kern) lock owned self" },
	{ KERN_SEMAPHORE_DESTROYED, "(os/kern) semaphore destroyed" },
	{ KERN_RPC_SERVER_TERMINATED, "(os/kern) rpc server terminated" },
	{ KERN_RPC_TERMINATE_ORPHAN, "(os/kern) rpc terminate orphan" },
	{ KERN_RPC_CONTINUE_ORPHAN, "(os/kern) rpc continue orphan" },
	{ KERN_NOT_SUPPORTED, "(os/kern) not supported" },
	{ KERN_NODE_DOWN, "(os/kern) node down" },
	{ KERN_NOT_WAITING, "(os/kern) not waiting" },
	{ KERN_OPERATION_TIMED_OUT, "(os/kern) operation timed out" },
	{ KERN_CODESIGN_ERROR, "(os/kern) codesign error" },
	{ KERN_POLICY_STATIC, "(os/kern) policy is static" },
	{ KERN_INSUFFICIENT_BUFFER_SIZE, "(os/kern) insufficient buffer size" },
	{ KERN_DENIED, "(os/kern) denied" },
	{ KERN_MISSING_KC, "(os/kern) missing kernel collection" },
	{ KERN_INVALID_KC, "(os/kern) invalid kernel collection" },
	{ KERN_NOT_FOUND, "(os/kern) not found" },
};

static const struct err_text ipc_texts[] = {
	{ MACH_SEND_IN_PROGRESS, "(ipc/send) in progress" },
	{ MACH_SEND_INVALID_DATA, "(ipc/send) invalid data" },
	{ MACH_SEND_INVALID_DEST, "(ipc/send) invalid destination port" },
	{ MACH_SEND_TIMED_OUT, "(ipc/send) timed out" },
	{ MACH_SEND_INVALID_VOUCHER, "(ipc/send) invalid voucher" },
	{ MACH_SEND_INTERRUPTED, "(ipc/send) interrupted" },
	{ MACH_SEND_MSG_TOO_SMALL, "(ipc/send) message size changed while being copied" },
	{ MACH_SEND_INVALID_REPLY, "(ipc/send) invalid reply port" },
	{ MACH_SEND_INVALID_RIGHT, "(ipc/send) invalid port right" },
	{ MACH_SEND_INVALID_NOTIFY, "(ipc/send) invalid notify port" },
	{ MACH_SEND_INVALID_MEMORY, "(ipc/send) invalid out-of-line memory" },
	{ MACH_SEND_NO_BUFFER, "(ipc/send) no space in ipc buffers" },
	{ MACH_SEND_TOO_LARGE, "(ipc/send) message too large" },
	{ MACH_SEND_INVALID_TYPE, "(ipc/send) invalid data type" },
	{ MACH_SEND_INVALID_HEADER, "(ipc/send) invalid header" },
	{ MACH_SEND_INVALID_TRAILER, "(ipc/send) invalid trailer" },
	{ MACH_RCV_IN_PROGRESS, "(ipc/rcv) in progress" },
	{ MACH_RCV_INVALID_NAME, "(ipc/rcv) invalid name" },
	{ MACH_RCV_TIMED_OUT, "(ipc/rcv) timed out" },
	{ MACH_RCV_TOO_LARGE, "(ipc/rcv) message too large" },
	{ MACH_RCV_INTERRUPTED, "(ipc/rcv) interrupted" },
	{ MACH_RCV_PORT_CHANGED, "(ipc/rcv) port moved into a set" },
	{ MACH_RCV_INVALID_NOTIFY, "(ipc/rcv) invalid notify port" },
	{ MACH_RCV_INVALID_DATA, "(ipc/rcv) invalid message buffer" },
	{ MACH_RCV_PORT_DIED, "(ipc/rcv) port died" },
	{ MACH_RCV_IN_SET, "(ipc/rcv) port is in a set" },
	{ MACH_RCV_HEADER_ERROR, "(ipc/rcv) header error" },
	{ MACH_RCV_BODY_ERROR, "(ipc/rcv) body error" },
	{ MACH_RCV_INVALID_TYPE, "(ipc/rcv) invalid data type" },
	{ MACH_RCV_SCATTER_SMALL, "(ipc/rcv) scatter list too small" },
	{ MACH_RCV_INVALID_TRAILER, "(ipc/rcv) invalid trailer" },
};

static const struct err_text mig_texts[] = {
	{ MIG_TYPE_ERROR, "(ipc/mig) type check failure in message interface" },
	{ MIG_REPLY_MISMATCH, "(ipc/mig) wrong reply message ID" },
	{ MIG_REMOTE_ERROR, "(ipc/mig) server detected error" },
	{ MIG_BAD_ID, "(ipc/mig) bad request message ID" },
	{ MIG_BAD_ARGUMENTS, "(ipc/mig) server found wrong arguments" },
	{ MIG_NO_REPLY, "(ipc/mig) no reply should be sent" },
	{ MIG_EXCEPTION, "(ipc/mig) server raised exception" },
	{ MIG_ARRAY_TOO_LARGE, "(ipc/mig) array not large enough" },
	{ MIG_SERVER_DIED, "(ipc/mig) server died" },
	{ MIG_TRAILER_ERROR, "(ipc/mig) trailer has an unknown format" },
};

static const char *find(const struct err_text *t, size_t n, mach_error_t c)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (t[i].code == c)
			return t[i].text;
	return NULL;
}

#define FIND(tab, c)	find(tab, sizeof(tab) / sizeof(tab[0]), c)

const char *mach_error_string(mach_error_t error_value)
{
	const char *s;

	s = FIND(kern_texts, error_value);
	if (s == NULL)
		s = FIND(ipc_texts, error_value & ~MACH_MSG_MASK);
	if (s == NULL)
		s = FIND(mig_texts, error_value);
	return s != NULL ? s : "(unknown) unknown error code";
}

const char *mach_error_type(mach_error_t error_value)
{
	if (FIND(mig_texts, error_value) != NULL)
		return "(ipc/mig)";
	switch (err_get_system(error_value)) {
	case 0:
		return err_get_sub(error_value) == 0 ? "(os/kern)" :
		    "(os/unknown)";
	case 4:
		return err_get_sub(error_value) == 0 ? "(ipc/send)" :
		    err_get_sub(error_value) == 1 ? "(ipc/rcv)" :
		    err_get_sub(error_value) == 2 ? "(ipc/mig)" :
		    "(ipc/unknown)";
	default:
		return "(unknown/unknown)";
	}
}

void mach_error(const char *str, mach_error_t error_value)
{
	fprintf(stderr, "%s %s (0x%x)\n", str != NULL ? str : "",
	    mach_error_string(error_value), (unsigned)error_value);
}
