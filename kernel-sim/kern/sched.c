/*
 * sched.c - thread_switch and the yields (MACH-SEMANTICS 7.3).
 *
 * Linux schedules the process's threads; a Mach yield is sched_yield.
 * The thread named as a hint is only a hint, as on Mach, and is never
 * looked at: any thread the host can run may run next.  A depression
 * lasts "until the thread runs again", and a yielding thread runs again
 * when sched_yield returns, so SWITCH_OPTION_DEPRESS is a yield whose
 * depression has ended by the time the call returns.  SWITCH_OPTION_WAIT
 * is a real kernel wait of option_time milliseconds, which thread_abort
 * ends early.
 */
#include <sched.h>

#include <mach/thread_switch.h>

#include <ksim/kern.h>
#include <ksim/traps.h>

/*
 * Routine:	ksim_thread_switch_trap
 * Purpose:	thread_switch(thread_name, option, option_time).
 * Conditions:	Kernel unlocked.
 * Returns:	KERN_SUCCESS; KERN_INVALID_ARGUMENT for an option other
 *		than NONE, DEPRESS or WAIT.
 */
kern_return_t ksim_thread_switch_trap(mach_port_name_t thread_name,
    int option, mach_msg_timeout_t option_time)
{
	struct waitq wq;
	struct timespec deadline;

	(void)thread_name;
	switch (option) {
	case SWITCH_OPTION_NONE:
	case SWITCH_OPTION_DEPRESS:
		(void)current_thread();
		sched_yield();
		return KERN_SUCCESS;
	case SWITCH_OPTION_WAIT:
		(void)current_thread();		/* may boot: not locked */
		waitq_init(&wq, WAITQ_FIFO);
		ksim_deadline_ms(&deadline, option_time);
		ksim_lock();
		(void)thread_block(&wq, &deadline);
		ksim_unlock();
		return KERN_SUCCESS;
	default:
		return KERN_INVALID_ARGUMENT;
	}
}

/* swtch_pri: yield; TRUE, as other threads may be runnable. */
boolean_t ksim_swtch_pri_trap(int pri)
{
	(void)pri;
	sched_yield();
	return TRUE;
}

boolean_t ksim_swtch_trap(void)
{
	sched_yield();
	return TRUE;
}
