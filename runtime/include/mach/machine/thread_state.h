/*
 * <mach/machine/thread_state.h> - the largest thread state, in 32-bit
 * words.  This bounds MIG's thread_state_t (array[*:THREAD_STATE_MAX]).
 */
#ifndef _MACH_MACHINE_THREAD_STATE_H_
#define _MACH_MACHINE_THREAD_STATE_H_

#define I386_THREAD_STATE_MAX	(614)
#define THREAD_STATE_MAX	I386_THREAD_STATE_MAX

#endif /* _MACH_MACHINE_THREAD_STATE_H_ */
