/*
 * <mach/semaphore.h> - semaphore operations, as libsystem has them: thin
 * wrappers over the semaphore traps.  semaphore_create and
 * semaphore_destroy are task routines (task.defs).
 */
#ifndef _MACH_SEMAPHORE_H_
#define _MACH_SEMAPHORE_H_

#include <mach/_machsim_cdefs.h>
#include <mach/clock_types.h>
#include <mach/kern_return.h>
#include <mach/port.h>
#include <mach/sync_policy.h>

__MACHSIM_BEGIN_DECLS

extern kern_return_t semaphore_signal(mach_port_t semaphore);
extern kern_return_t semaphore_signal_all(mach_port_t semaphore);
extern kern_return_t semaphore_signal_thread(mach_port_t semaphore,
    mach_port_t thread);
extern kern_return_t semaphore_wait(mach_port_t semaphore);
extern kern_return_t semaphore_timedwait(mach_port_t semaphore,
    mach_timespec_t wait_time);
extern kern_return_t semaphore_wait_signal(mach_port_t wait_semaphore,
    mach_port_t signal_semaphore);
extern kern_return_t semaphore_timedwait_signal(mach_port_t wait_semaphore,
    mach_port_t signal_semaphore, mach_timespec_t wait_time);

__MACHSIM_END_DECLS

#endif /* _MACH_SEMAPHORE_H_ */
