/*
 * <mach/kern_return.h> - result codes of Mach kernel calls.
 *
 * Values follow XNU: 0-49 are the classic set, 50-56 were added later.
 * Message-layer results (mach_msg_return_t, 0x1000xxxx) are in
 * <mach/message.h>; MIG's own codes (-300 ...) in <mach/mig_errors.h>.
 */
#ifndef _MACH_KERN_RETURN_H_
#define _MACH_KERN_RETURN_H_

#include <mach/machine/kern_return.h>

#define KERN_SUCCESS			0
#define KERN_INVALID_ADDRESS		1	/* address not valid or not allocated */
#define KERN_PROTECTION_FAILURE		2	/* access not permitted by protection */
#define KERN_NO_SPACE			3	/* address range exhausted */
#define KERN_INVALID_ARGUMENT		4
#define KERN_FAILURE			5	/* unspecified failure */
#define KERN_RESOURCE_SHORTAGE		6	/* a kernel resource ran out */
#define KERN_NOT_RECEIVER		7	/* caller lacks the receive right */
#define KERN_NO_ACCESS			8	/* bogus access restriction */
#define KERN_MEMORY_FAILURE		9	/* memory object destroyed or absent */
#define KERN_MEMORY_ERROR		10	/* memory object could not provide data */
#define KERN_ALREADY_IN_SET		11	/* port already in a port set */
#define KERN_NOT_IN_SET			12	/* port not in a port set */
#define KERN_NAME_EXISTS		13	/* name already names a right */
#define KERN_ABORTED			14	/* operation aborted (thread_abort etc.) */
#define KERN_INVALID_NAME		15	/* name does not denote a right */
#define KERN_INVALID_TASK		16	/* target task is not active */
#define KERN_INVALID_RIGHT		17	/* name denotes a right, but the wrong one */
#define KERN_INVALID_VALUE		18	/* blatant range error */
#define KERN_UREFS_OVERFLOW		19	/* user-reference count would overflow */
#define KERN_INVALID_CAPABILITY		20	/* not a port, or not the right port */
#define KERN_RIGHT_EXISTS		21	/* task already holds a right to the port */
#define KERN_INVALID_HOST		22	/* not a host port */
#define KERN_MEMORY_PRESENT		23	/* data already present for the page */
#define KERN_MEMORY_DATA_MOVED		24	/* data moved; memory_object_data_request */
#define KERN_MEMORY_RESTART_COPY	25	/* restart the copy operation */
#define KERN_INVALID_PROCESSOR_SET	26
#define KERN_POLICY_LIMIT		27	/* scheduling attributes over the limit */
#define KERN_INVALID_POLICY		28	/* policy not enabled in the set */
#define KERN_INVALID_OBJECT		29	/* external memory manager failure */
#define KERN_ALREADY_WAITING		30	/* a thread already waits on the event */
#define KERN_DEFAULT_SET		31	/* cannot destroy the default set */
#define KERN_EXCEPTION_PROTECTED	32	/* exception port is protected */
#define KERN_INVALID_LEDGER		33
#define KERN_INVALID_MEMORY_CONTROL	34
#define KERN_INVALID_SECURITY		35	/* not a host security port */
#define KERN_NOT_DEPRESSED		36	/* thread_depress_abort: not depressed */
#define KERN_TERMINATED			37	/* object has been terminated */
#define KERN_LOCK_SET_DESTROYED		38
#define KERN_LOCK_UNSTABLE		39	/* previous holder died */
#define KERN_LOCK_OWNED			40	/* lock held by another thread */
#define KERN_LOCK_OWNED_SELF		41	/* lock held by the caller */
#define KERN_SEMAPHORE_DESTROYED	42
#define KERN_RPC_SERVER_TERMINATED	43
#define KERN_RPC_TERMINATE_ORPHAN	44
#define KERN_RPC_CONTINUE_ORPHAN	45
#define KERN_NOT_SUPPORTED		46	/* operation not supported */
#define KERN_NODE_DOWN			47	/* remote node down or unreachable */
#define KERN_NOT_WAITING		48	/* no thread waits on the event */
#define KERN_OPERATION_TIMED_OUT	49	/* wait timed out */
#define KERN_CODESIGN_ERROR		50
#define KERN_POLICY_STATIC		51	/* policy cannot be changed */
#define KERN_INSUFFICIENT_BUFFER_SIZE	52	/* caller's buffer too small */
#define KERN_DENIED			53	/* denied by security policy */
#define KERN_MISSING_KC			54
#define KERN_INVALID_KC			55
#define KERN_NOT_FOUND			56

#define KERN_RETURN_MAX			0x100	/* codes below this are kernel's */

#endif /* _MACH_KERN_RETURN_H_ */
