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
#include <errno.h>
#include <sched.h>
#include <string.h>
#include <sys/resource.h>

#include <mach/thread_switch.h>

#include <mach/policy.h>
#include <mach/thread_policy.h>

#include <ksim/kern.h>
#include <ksim/processor.h>
#include <ksim/traps.h>

#include <kernel/taskServer.h>
#include <kernel/thread_actServer.h>

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
		(void)current_thread();
		sched_yield();
		return KERN_SUCCESS;
	case SWITCH_OPTION_DEPRESS: {
		thread_t th = current_thread();

		/* Depressed while it yields; running again ends it. */
		__atomic_store_n(&th->depressed, true, __ATOMIC_RELEASE);
		sched_yield();
		__atomic_store_n(&th->depressed, false, __ATOMIC_RELEASE);
		return KERN_SUCCESS;
	}
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

/*
 * Routine:	ksim_thread_depress_abort
 * Purpose:	End the thread's depression, if it is in one.
 * Returns:	KERN_SUCCESS; KERN_NOT_DEPRESSED; KERN_INVALID_ARGUMENT;
 *		KERN_TERMINATED.
 */
kern_return_t ksim_thread_depress_abort(thread_act_t th)
{
	if (th == THREAD_NULL)
		return KERN_INVALID_ARGUMENT;
	if (!th->active)
		return KERN_TERMINATED;
	return __atomic_exchange_n(&th->depressed, false, __ATOMIC_ACQ_REL) ?
	    KERN_SUCCESS : KERN_NOT_DEPRESSED;
}

/* ---- thread_policy_set / thread_policy_get ------------------------------------------ */

/*
 * The Mach policies on Linux's: standard (and extended with timeshare)
 * is SCHED_OTHER; fixed priority and time-constraint threads are
 * SCHED_RR (the time constraint's period, computation and constraint
 * are kept and reported, Linux's round robin does not use them);
 * precedence is the thread's nice value (importance 10 is nice -10);
 * the affinity tag is a hint, kept and reported.  Where the process may
 * not use a Linux policy (real time, a higher priority without
 * CAP_SYS_NICE), the call answers KERN_NO_ACCESS and changes nothing.
 */
#define RT_PRIORITY	10

/* The host's policy for a host thread (0: the caller): a real-time
   priority for SCHED_RR/SCHED_FIFO, a nice value for SCHED_OTHER. */
static kern_return_t host_sched_set(pid_t tid, int policy, int rt_prio,
    int nice)
{
	struct sched_param sp;

	memset(&sp, 0, sizeof(sp));
	sp.sched_priority = policy == SCHED_OTHER ? 0 : rt_prio;
	if (sched_setscheduler(tid, policy, &sp) != 0)
		return errno == EPERM ? KERN_NO_ACCESS : KERN_FAILURE;
	if (policy == SCHED_OTHER &&
	    setpriority(PRIO_PROCESS, (id_t)tid, nice) != 0)
		return errno == EACCES || errno == EPERM ? KERN_NO_ACCESS :
		    KERN_FAILURE;
	return KERN_SUCCESS;
}

static kern_return_t sched_apply(thread_t th, int policy, int nice)
{
	return host_sched_set(th->tid, policy, RT_PRIORITY, nice);
}

static int clamp_nice(int importance)
{
	int nice = -importance;

	return nice < -20 ? -20 : nice > 19 ? 19 : nice;
}

/*
 * Routine:	ksim_thread_policy_set
 * Returns:	KERN_SUCCESS; KERN_INVALID_ARGUMENT (null thread, unknown
 *		flavor, short count, a time constraint above its period);
 *		KERN_NO_ACCESS (the host policy needs a privilege the process
 *		lacks); KERN_TERMINATED.
 */
kern_return_t ksim_thread_policy_set(thread_act_t th,
    thread_policy_flavor_t flavor, thread_policy_t info,
    mach_msg_type_number_t count)
{
	kern_return_t kr = KERN_SUCCESS;
	int nice;

	if (th == THREAD_NULL || (count > 0 && info == NULL))
		return KERN_INVALID_ARGUMENT;
	if (!th->active)
		return KERN_TERMINATED;
	nice = clamp_nice(th->importance);
	switch (flavor) {
	case THREAD_EXTENDED_POLICY: {
		bool fixed = count >= THREAD_EXTENDED_POLICY_COUNT &&
		    !((thread_extended_policy_t)(void *)info)->timeshare;

		kr = sched_apply(th, fixed ? SCHED_RR : SCHED_OTHER, nice);
		if (kr == KERN_SUCCESS) {
			th->fixed_priority = fixed;
			th->time_constraint = false;
		}
		break;
	}
	case THREAD_TIME_CONSTRAINT_POLICY: {
		thread_time_constraint_policy_t tc = (void *)info;

		if (count < THREAD_TIME_CONSTRAINT_POLICY_COUNT ||
		    tc->computation > tc->constraint ||
		    (tc->period != 0 && tc->constraint > tc->period))
			return KERN_INVALID_ARGUMENT;
		kr = sched_apply(th, SCHED_RR, nice);
		if (kr == KERN_SUCCESS) {
			th->time_constraint = true;
			th->tc_period = tc->period;
			th->tc_computation = tc->computation;
			th->tc_constraint = tc->constraint;
			th->tc_preemptible = tc->preemptible;
		}
		break;
	}
	case THREAD_PRECEDENCE_POLICY:
		if (count < THREAD_PRECEDENCE_POLICY_COUNT)
			return KERN_INVALID_ARGUMENT;
		if (!th->fixed_priority && !th->time_constraint)
			kr = sched_apply(th, SCHED_OTHER, clamp_nice(
			    ((thread_precedence_policy_t)(void *)info)->
			    importance));
		if (kr == KERN_SUCCESS)
			th->importance = ((thread_precedence_policy_t)
			    (void *)info)->importance;
		break;
	case THREAD_AFFINITY_POLICY:
		if (count < THREAD_AFFINITY_POLICY_COUNT)
			return KERN_INVALID_ARGUMENT;
		th->affinity_tag = ((thread_affinity_policy_t)(void *)info)->
		    affinity_tag;
		break;
	default:
		return KERN_INVALID_ARGUMENT;
	}
	if (kr == KERN_SUCCESS)
		th->policy_set |= 1u << flavor;
	return kr;
}

/*
 * Routine:	ksim_thread_policy_get
 * Purpose:	The flavor as set, or its default (*get_default TRUE on
 *		entry, or never set: then *get_default is TRUE on return).
 * Returns:	KERN_SUCCESS; KERN_INVALID_ARGUMENT; KERN_TERMINATED.
 */
kern_return_t ksim_thread_policy_get(thread_act_t th,
    thread_policy_flavor_t flavor, thread_policy_t info,
    mach_msg_type_number_t *countp, boolean_t *get_default)
{
	bool dflt;

	if (th == THREAD_NULL || info == NULL || countp == NULL ||
	    get_default == NULL)
		return KERN_INVALID_ARGUMENT;
	if (!th->active)
		return KERN_TERMINATED;
	if (flavor >= 32)
		return KERN_INVALID_ARGUMENT;
	dflt = *get_default || !(th->policy_set & (1u << flavor));
	switch (flavor) {
	case THREAD_EXTENDED_POLICY:
		if (*countp < THREAD_EXTENDED_POLICY_COUNT)
			return KERN_INVALID_ARGUMENT;
		((thread_extended_policy_t)(void *)info)->timeshare =
		    dflt || !th->fixed_priority;
		*countp = THREAD_EXTENDED_POLICY_COUNT;
		break;
	case THREAD_TIME_CONSTRAINT_POLICY: {
		thread_time_constraint_policy_t tc = (void *)info;

		if (*countp < THREAD_TIME_CONSTRAINT_POLICY_COUNT)
			return KERN_INVALID_ARGUMENT;
		memset(tc, 0, sizeof(*tc));
		if (!dflt) {
			tc->period = th->tc_period;
			tc->computation = th->tc_computation;
			tc->constraint = th->tc_constraint;
			tc->preemptible = th->tc_preemptible;
		} else {
			tc->preemptible = TRUE;
		}
		*countp = THREAD_TIME_CONSTRAINT_POLICY_COUNT;
		break;
	}
	case THREAD_PRECEDENCE_POLICY:
		if (*countp < THREAD_PRECEDENCE_POLICY_COUNT)
			return KERN_INVALID_ARGUMENT;
		((thread_precedence_policy_t)(void *)info)->importance =
		    dflt ? 0 : th->importance;
		*countp = THREAD_PRECEDENCE_POLICY_COUNT;
		break;
	case THREAD_AFFINITY_POLICY:
		if (*countp < THREAD_AFFINITY_POLICY_COUNT)
			return KERN_INVALID_ARGUMENT;
		((thread_affinity_policy_t)(void *)info)->affinity_tag =
		    dflt ? THREAD_AFFINITY_TAG_NULL : th->affinity_tag;
		*countp = THREAD_AFFINITY_POLICY_COUNT;
		break;
	default:
		return KERN_INVALID_ARGUMENT;
	}
	*get_default = dflt;
	return KERN_SUCCESS;
}

/* ---- thread_policy / task_policy: the classic interface --------------------------- */

/*
 * Routine:	sched_host_apply, sched_thread_apply
 * Purpose:	POLICY_TIMESHARE, _RR or _FIFO with a base priority (Mach's
 *		0..127, 31 the default) as Linux's SCHED_OTHER (the nice
 *		value follows the distance from 31), SCHED_RR or SCHED_FIFO
 *		(priority 1..99), and remember them.
 * Returns:	KERN_SUCCESS; KERN_NO_ACCESS (no privilege for it).
 */
kern_return_t sched_host_apply(pid_t tid, int policy, int base)
{
	int lpolicy = policy == POLICY_TIMESHARE ? SCHED_OTHER :
	    policy == POLICY_RR ? SCHED_RR : SCHED_FIFO;

	return host_sched_set(tid, lpolicy, base < 1 ? 1 : base > 99 ? 99 :
	    base, clamp_nice(base - 31));
}

kern_return_t sched_thread_apply(thread_t th, int policy, int base)
{
	kern_return_t kr;

	/* Not running yet: it takes the policy at its start. */
	kr = th->tid == 0 ? KERN_SUCCESS :
	    sched_host_apply(th->tid, policy, base);
	if (kr == KERN_SUCCESS) {
		th->sched_policy = policy;
		th->base_priority = base;
		th->fixed_priority = policy != POLICY_TIMESHARE;
		if (policy == POLICY_TIMESHARE)
			th->time_constraint = false;
	}
	return kr;
}

/* The base words each policy takes. */
static mach_msg_type_number_t base_count(policy_t policy)
{
	return policy == POLICY_RR ? POLICY_RR_BASE_COUNT :
	    policy == POLICY_FIFO ? POLICY_FIFO_BASE_COUNT :
	    POLICY_TIMESHARE_BASE_COUNT;
}

/*
 * Routine:	policy_check
 * Purpose:	A policy and base a thread of pset may take: the policy is
 *		one the set enables, the base has the policy's words and a
 *		priority in 0..127; the priority comes back within the
 *		set's limit for the policy and the caller's (limit, or -1).
 * Returns:	KERN_SUCCESS; KERN_INVALID_POLICY (not a policy, or not
 *		enabled in the set); KERN_INVALID_ARGUMENT.
 * Conditions:	Kernel locked.
 */
static kern_return_t policy_check(const struct processor_set *pset,
    policy_t policy, const integer_t *base, mach_msg_type_number_t count,
    int limit, int *priop)
{
	int prio, max;

	if (invalid_policy(policy) || !pset_policy_enabled(pset, policy))
		return KERN_INVALID_POLICY;
	if (base == NULL || count < base_count(policy))
		return KERN_INVALID_ARGUMENT;
	prio = base[0];
	if (prio < 0 || prio > 127 || (policy == POLICY_RR && base[1] <= 0))
		return KERN_INVALID_ARGUMENT;
	max = pset_policy_limit(pset, policy);
	if (limit >= 0 && limit < max)
		max = limit;
	*priop = prio < max ? prio : max;
	return KERN_SUCCESS;
}

/* The limit argument of the *_set_policy calls: one priority word. */
static kern_return_t limit_check(const integer_t *limit,
    mach_msg_type_number_t count, int *limitp)
{
	if (limit == NULL || count < 1 || limit[0] < 0 || limit[0] > 127)
		return KERN_INVALID_ARGUMENT;
	*limitp = limit[0];
	return KERN_SUCCESS;
}

/* The task's threads, and those it makes later, take the policy. */
static kern_return_t task_policy_apply(task_t task, policy_t policy, int prio,
    boolean_t change)
{
	kern_return_t kr = KERN_SUCCESS;
	thread_t th;

	if (change)
		TAILQ_FOREACH(th, &task->threads, th_tasklink)
			if (th->active && kr == KERN_SUCCESS)
				kr = sched_thread_apply(th, policy, prio);
	if (kr == KERN_SUCCESS) {
		task->sched_policy = policy;
		task->base_priority = prio;
	}
	return kr;
}

/*
 * Routine:	ksim_thread_policy
 * Purpose:	The thread takes the policy and base, within its set's
 *		limit (set_limit: the base is not raised past it either).
 * Returns:	as policy_check; KERN_TERMINATED; KERN_NO_ACCESS.
 */
kern_return_t ksim_thread_policy(thread_act_t th, policy_t policy,
    policy_base_t base, mach_msg_type_number_t baseCnt, boolean_t set_limit)
{
	kern_return_t kr;
	int prio;

	(void)set_limit;
	if (th == THREAD_NULL)
		return KERN_INVALID_ARGUMENT;
	ksim_lock();
	if (!th->active)
		kr = KERN_TERMINATED;
	else
		kr = policy_check(thread_pset(th), policy,
		    (const integer_t *)base, baseCnt, -1, &prio);
	if (kr == KERN_SUCCESS)
		kr = sched_thread_apply(th, policy, prio);
	ksim_unlock();
	return kr;
}

/*
 * Routine:	ksim_task_policy
 * Purpose:	The task's policy for threads it makes from now on; with
 *		change, every present thread takes it too.
 * Returns:	as thread_policy; KERN_FAILURE (terminated task).
 */
kern_return_t ksim_task_policy(task_t task, policy_t policy,
    policy_base_t base, mach_msg_type_number_t baseCnt, boolean_t set_limit,
    boolean_t change)
{
	kern_return_t kr;
	int prio;

	(void)set_limit;
	if (task == TASK_NULL)
		return KERN_INVALID_ARGUMENT;
	ksim_lock();
	if (!task->active)
		kr = KERN_FAILURE;
	else
		kr = policy_check(task_pset(task), policy,
		    (const integer_t *)base, baseCnt, -1, &prio);
	if (kr == KERN_SUCCESS)
		kr = task_policy_apply(task, policy, prio, change);
	ksim_unlock();
	return kr;
}

/*
 * Routine:	ksim_task_set_policy
 * Purpose:	task_policy under a named set, which must be the task's,
 *		with an explicit limit (the lower of it and the set's).
 * Returns:	KERN_SUCCESS; KERN_INVALID_ARGUMENT; KERN_FAILURE (not the
 *		task's set, terminated task); KERN_INVALID_POLICY;
 *		KERN_NO_ACCESS.
 */
kern_return_t ksim_task_set_policy(task_t task, processor_set_t pset,
    policy_t policy, policy_base_t base, mach_msg_type_number_t baseCnt,
    policy_limit_t limit, mach_msg_type_number_t limitCnt, boolean_t change)
{
	kern_return_t kr;
	int lim, prio;

	if (task == TASK_NULL || pset == NULL)
		return KERN_INVALID_ARGUMENT;
	kr = limit_check((const integer_t *)limit, limitCnt, &lim);
	if (kr != KERN_SUCCESS)
		return kr;
	ksim_lock();
	if (!task->active || task_pset(task) != pset)
		kr = KERN_FAILURE;
	else
		kr = policy_check(pset, policy, (const integer_t *)base,
		    baseCnt, lim, &prio);
	if (kr == KERN_SUCCESS)
		kr = task_policy_apply(task, policy, prio, change);
	ksim_unlock();
	return kr;
}

/* thread_set_policy (3624): thread_policy under the thread's own set. */
kern_return_t ksim_thread_set_policy(thread_act_t th, processor_set_t pset,
    policy_t policy, policy_base_t base, mach_msg_type_number_t baseCnt,
    policy_limit_t limit, mach_msg_type_number_t limitCnt)
{
	kern_return_t kr;
	int lim, prio;

	if (th == THREAD_NULL || pset == NULL)
		return KERN_INVALID_ARGUMENT;
	kr = limit_check((const integer_t *)limit, limitCnt, &lim);
	if (kr != KERN_SUCCESS)
		return kr;
	ksim_lock();
	if (!th->active)
		kr = KERN_TERMINATED;
	else if (thread_pset(th) != pset)
		kr = KERN_FAILURE;
	else
		kr = policy_check(pset, policy, (const integer_t *)base,
		    baseCnt, lim, &prio);
	if (kr == KERN_SUCCESS)
		kr = sched_thread_apply(th, policy, prio);
	ksim_unlock();
	return kr;
}
