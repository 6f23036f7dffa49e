/*
 * <mach/thread_status.h> - machine-independent view of thread state:
 * an array of 32-bit words, interpreted according to a flavor.
 */
#ifndef _MACH_THREAD_STATUS_H_
#define _MACH_THREAD_STATUS_H_

#include <mach/machine/thread_state.h>
#include <mach/machine/thread_status.h>
#include <mach/machine/vm_types.h>
#include <mach/message.h>

typedef natural_t	*thread_state_t;	/* variable-length array */
typedef natural_t	thread_state_data_t[THREAD_STATE_MAX];

#define THREAD_STATE_FLAVOR_LIST	0	/* flavors this machine has */
#define THREAD_STATE_FLAVOR_LIST_NEW	128
#define THREAD_STATE_FLAVOR_LIST_10_9	129
#define THREAD_STATE_FLAVOR_LIST_10_13	130
#define THREAD_STATE_FLAVOR_LIST_10_15	131

typedef int			thread_state_flavor_t;
typedef thread_state_flavor_t	*thread_state_flavor_array_t;

#endif /* _MACH_THREAD_STATUS_H_ */
