/*
 * semaphore.c - the user-side semaphore calls: wrappers over the traps,
 * as libsystem has them.
 */
#include <mach/mach_traps.h>
#include <mach/semaphore.h>

kern_return_t semaphore_signal(mach_port_t sem)
{
	return semaphore_signal_trap(sem);
}

kern_return_t semaphore_signal_all(mach_port_t sem)
{
	return semaphore_signal_all_trap(sem);
}

kern_return_t semaphore_signal_thread(mach_port_t sem, mach_port_t thread)
{
	return semaphore_signal_thread_trap(sem, thread);
}

kern_return_t semaphore_wait(mach_port_t sem)
{
	return semaphore_wait_trap(sem);
}

kern_return_t semaphore_timedwait(mach_port_t sem, mach_timespec_t t)
{
	return semaphore_timedwait_trap(sem, t.tv_sec, t.tv_nsec);
}

kern_return_t semaphore_wait_signal(mach_port_t wait_sem,
    mach_port_t signal_sem)
{
	return semaphore_wait_signal_trap(wait_sem, signal_sem);
}

kern_return_t semaphore_timedwait_signal(mach_port_t wait_sem,
    mach_port_t signal_sem, mach_timespec_t t)
{
	return semaphore_timedwait_signal_trap(wait_sem, signal_sem, t.tv_sec,
	    t.tv_nsec);
}
