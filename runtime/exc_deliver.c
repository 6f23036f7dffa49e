/*
 * exc_deliver.c - the faulting thread's side of an exception: the
 * message of the handler's behaviour, sent with the client stubs mig
 * generates from exc.defs and mach_exc.defs (kern/exception.c picks the
 * handler).  The thread and task arguments are send rights the handler
 * receives; the state comes from the signal's context and a successful
 * reply's state goes back into it, so the thread resumes with it.
 */
#include <stdbool.h>

#include <mach/exc.h>
#include <mach/mach.h>
#include <mach/mach_exc.h>

#include <ksim/traps.h>

kern_return_t machsim_exception_send(mach_port_name_t port, int behavior,
    int flavor, int exception, const int64_t code[2], void *uc)
{
	natural_t old_state[THREAD_STATE_MAX], new_state[THREAD_STATE_MAX];
	mach_msg_type_number_t old_cnt = THREAD_STATE_MAX;
	mach_msg_type_number_t new_cnt = THREAD_STATE_MAX;
	mach_exception_data_type_t codes[2] = { code[0], code[1] };
	exception_data_type_t codes32[2] = { (exception_data_type_t)code[0],
	    (exception_data_type_t)code[1] };
	bool wide = (behavior & MACH_EXCEPTION_CODES) != 0;
	int b = behavior & ~(int)MACH_EXCEPTION_MASK;
	mach_port_t thread, task = mach_task_self();
	kern_return_t kr;

	if (b != EXCEPTION_DEFAULT) {
		kr = machsim_uc_state_get(uc, flavor, old_state, &old_cnt);
		if (kr != KERN_SUCCESS)
			return kr;
	}
	thread = mach_thread_self();
	switch (b) {
	case EXCEPTION_DEFAULT:
		kr = wide ? mach_exception_raise(port, thread, task, exception,
		    codes, 2) : exception_raise(port, thread, task, exception,
		    codes32, 2);
		break;
	case EXCEPTION_STATE:
		kr = wide ? mach_exception_raise_state(port, exception, codes,
		    2, &flavor, old_state, old_cnt, new_state, &new_cnt) :
		    exception_raise_state(port, exception, codes32, 2, &flavor,
		    old_state, old_cnt, new_state, &new_cnt);
		break;
	default:
		kr = wide ? mach_exception_raise_state_identity(port, thread,
		    task, exception, codes, 2, &flavor, old_state, old_cnt,
		    new_state, &new_cnt) :
		    exception_raise_state_identity(port, thread, task,
		    exception, codes32, 2, &flavor, old_state, old_cnt,
		    new_state, &new_cnt);
		break;
	}
	if (kr == KERN_SUCCESS && b != EXCEPTION_DEFAULT)
		kr = machsim_uc_state_set(uc, flavor, new_state, new_cnt);
	(void)mach_port_deallocate(task, thread);
	return kr;
}
