/*
 * exc_deliver.c - the faulting thread's side of an exception: the
 * message of the handler's behaviour, sent with the client stubs mig
 * generates from exc.defs and mach_exc.defs (kern/exception.c picks the
 * handler).  The thread and task arguments are send rights the handler
 * receives; the identity-protected behaviours send the thread's id
 * (THREAD_IDENTIFIER_INFO's) and a new identity token of the task
 * instead.  The state comes from the signal's context and a successful
 * reply's state goes back into it, so the thread resumes with it.
 */
#include <stdbool.h>

#include <mach/exc.h>
#include <mach/mach.h>
#include <mach/mach_exc.h>
#include <mach/task.h>
#include <mach/thread_act.h>

#include <ksim/traps.h>

/* The thread's id as thread_info reports it (0 if it cannot say). */
static uint64_t exception_thread_id(mach_port_t thread)
{
	thread_identifier_info_data_t info;
	mach_msg_type_number_t n = THREAD_IDENTIFIER_INFO_COUNT;

	if (thread_info(thread, THREAD_IDENTIFIER_INFO, (thread_info_t)&info,
	    &n) != KERN_SUCCESS)
		return 0;
	return info.thread_id;
}

/*
 * The identity-protected messages (mach_exc only: they have no 32-bit
 * form).  The token is the task's new one; the handler receives a copy
 * of the send right and this side's goes when the message has been
 * answered, so the token lives as long as the handler keeps its right.
 */
static kern_return_t exception_send_protected(mach_port_name_t port, int b,
    mach_port_t thread, mach_port_t task, int exception,
    mach_exception_data_type_t codes[2], int *flavor, natural_t *old_state,
    mach_msg_type_number_t old_cnt, natural_t *new_state,
    mach_msg_type_number_t *new_cnt)
{
	uint64_t thread_id = exception_thread_id(thread);
	task_id_token_t token;
	kern_return_t kr;

	kr = task_create_identity_token(task, &token);
	if (kr != KERN_SUCCESS)
		return kr;
	if (b == EXCEPTION_IDENTITY_PROTECTED)
		kr = mach_exception_raise_identity_protected(port, thread_id,
		    token, exception, codes, 2);
	else
		kr = mach_exception_raise_state_identity_protected(port,
		    thread_id, token, exception, codes, 2, flavor, old_state,
		    old_cnt, new_state, new_cnt);
	(void)mach_port_deallocate(task, token);
	return kr;
}

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
	bool stateful = b == EXCEPTION_STATE || b == EXCEPTION_STATE_IDENTITY ||
	    b == EXCEPTION_STATE_IDENTITY_PROTECTED;
	mach_port_t thread, task = mach_task_self();
	kern_return_t kr;

	if (!wide && ksim_exc_behavior_protected(b))
		return KERN_FAILURE;	/* no such message; never set so */
	if (stateful) {
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
	case EXCEPTION_IDENTITY_PROTECTED:
	case EXCEPTION_STATE_IDENTITY_PROTECTED:
		kr = exception_send_protected(port, b, thread, task, exception,
		    codes, &flavor, old_state, old_cnt, new_state, &new_cnt);
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
	if (kr == KERN_SUCCESS && stateful)
		kr = machsim_uc_state_set(uc, flavor, new_state, new_cnt);
	(void)mach_port_deallocate(task, thread);
	return kr;
}
