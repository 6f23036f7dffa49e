/*
 * processor_set.c - processor sets, their control and name ports, and
 * the assignment of processors, tasks and threads to them (MACH-SEMANTICS
 * 9.3, as the issue extends it: created sets are real).
 *
 * A set's processors are host CPUs; a thread assigned to a set runs only
 * on them (its host affinity follows every change: assignment of the
 * thread, of its task with its threads, of a processor, the set's
 * destruction).  A set with no processors cannot take tasks or threads,
 * since Linux cannot run a thread on no CPU; and the last processor of a
 * set that has tasks or threads cannot leave it.  Sets are never freed:
 * a destroyed set stays, inactive, its ports dead.
 */
#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mach/policy.h>
#include <mach/processor_info.h>

#include <ksim/config.h>
#include <ksim/ipc.h>
#include <ksim/kern.h>
#include <ksim/mig_convert.h>
#include <ksim/processor.h>
#include <ksim/vm.h>

#include <kernel/host_privServer.h>
#include <kernel/mach_hostServer.h>
#include <kernel/processorServer.h>
#include <kernel/processor_setServer.h>
#include <kernel/taskServer.h>
#include <kernel/thread_actServer.h>

struct processor_set *default_pset;
static TAILQ_HEAD(, processor_set) all_psets =
    TAILQ_HEAD_INITIALIZER(all_psets);

#define ALL_POLICIES	(POLICY_TIMESHARE | POLICY_RR | POLICY_FIFO)
#define MAXPRI		127
#define BASEPRI_DEFAULT	31
#define MAXPRI_USER	63

/* ---- KernelServer translations (<ksim/mig_convert.h>) ------------------------ */

/* Sets are never freed (above): no reference to take. */
processor_set_t convert_port_to_pset(mach_port_t name)
{
	processor_set_t pset;

	ksim_lock();
	pset = ipc_kobject_lookup(name, IKOT_PSET);
	ksim_unlock();
	return pset;
}

/* The name port; the control port also names the set. */
processor_set_t convert_port_to_pset_name(mach_port_t name)
{
	processor_set_t pset;

	ksim_lock();
	pset = ipc_kobject_lookup(name, IKOT_PSET_NAME);
	if (pset == NULL)
		pset = ipc_kobject_lookup(name, IKOT_PSET);
	ksim_unlock();
	return pset;
}

mach_port_t convert_pset_to_port(processor_set_t pset)
{
	mach_port_t name;

	if (pset == NULL || !pset->active)
		return MACH_PORT_NULL;
	ksim_lock();
	name = ipc_kobject_reply_send(pset->port);
	ksim_unlock();
	return name;
}

mach_port_t convert_pset_name_to_port(processor_set_t pset)
{
	mach_port_t name;

	if (pset == NULL || !pset->active)
		return MACH_PORT_NULL;
	ksim_lock();
	name = ipc_kobject_reply_send(pset->name_port);
	ksim_unlock();
	return name;
}

/* ---- sets ------------------------------------------------------------------------ */

/* A new, empty set with every policy enabled.  Kernel locked. */
static struct processor_set *pset_alloc(const char *name)
{
	struct processor_set *pset = calloc(1, sizeof(*pset));

	if (pset == NULL)
		abort();
	pset->active = true;
	snprintf(pset->name, sizeof(pset->name), "%s", name);
	pset->policies = ALL_POLICIES;
	pset->max_priority = MAXPRI;
	pset->timeshare = (struct pset_policy){ BASEPRI_DEFAULT, MAXPRI_USER,
	    0 };
	pset->rr = (struct pset_policy){ BASEPRI_DEFAULT, MAXPRI_USER, 10 };
	pset->fifo = (struct pset_policy){ BASEPRI_DEFAULT, MAXPRI_USER, 0 };
	pset->port = ipc_kobject_alloc_port(pset, IKOT_PSET);
	pset->name_port = ipc_kobject_alloc_port(pset, IKOT_PSET_NAME);
	TAILQ_INSERT_TAIL(&all_psets, pset, all_link);
	return pset;
}

void pset_boot(void)
{
	default_pset = pset_alloc("default");
}

/* The configuration's sets take their CPUs from the default set; the
   default set keeps at least one (the configuration was checked for
   that when it was read). */
void pset_boot_config(void)
{
	unsigned i;
	int cpu;

	for (i = 0; i < ksim_config.npsets; i++) {
		struct processor_set *pset =
		    pset_alloc(ksim_config.psets[i].name);

		for (cpu = 0; cpu < CPU_SETSIZE; cpu++) {
			struct processor *p;

			if (!CPU_ISSET(cpu, &ksim_config.psets[i].cpus))
				continue;
			p = processor_of_slot(cpu);
			if (p != NULL && p->pset == default_pset &&
			    !p->is_master)
				p->pset = pset;
		}
	}
}

struct processor_set *task_pset(task_t task)
{
	return task->pset != NULL ? task->pset : default_pset;
}

struct processor_set *thread_pset(thread_t th)
{
	return th->pset != NULL ? th->pset : default_pset;
}

static const struct pset_policy *pset_policy_of(
    const struct processor_set *pset, int policy)
{
	switch (policy) {
	case POLICY_TIMESHARE:
		return &pset->timeshare;
	case POLICY_RR:
		return &pset->rr;
	case POLICY_FIFO:
		return &pset->fifo;
	default:
		return NULL;
	}
}

bool pset_policy_enabled(const struct processor_set *pset, int policy)
{
	return pset_policy_of(pset, policy) != NULL &&
	    (pset->policies & policy) != 0;
}

int pset_policy_limit(const struct processor_set *pset, int policy)
{
	const struct pset_policy *pp = pset_policy_of(pset, policy);
	int limit = pp != NULL ? pp->limit : MAXPRI_USER;

	return limit < pset->max_priority ? limit : pset->max_priority;
}

/* Give a thread its set's CPUs.  Kernel locked. */
static void pset_apply_thread(thread_t th)
{
	cpu_set_t mask;

	if (th->tid == 0 || !th->active)
		return;
	if (pset_cpus(thread_pset(th), &mask) == 0)
		return;			/* never assigned an empty set */
	(void)sched_setaffinity(th->tid, sizeof(mask), &mask);
}

/* Every live thread of every user task, with fn(th, arg).  Locked. */
static void for_each_thread(void (*fn)(thread_t, void *), void *arg)
{
	task_t task;
	thread_t th;

	TAILQ_FOREACH(task, &all_tasks, all_link) {
		if (task == kernel_task || !task->active)
			continue;
		TAILQ_FOREACH(th, &task->threads, th_tasklink)
			fn(th, arg);
	}
}

static void apply_if_in(thread_t th, void *arg)
{
	if (thread_pset(th) == arg)
		pset_apply_thread(th);
}

/* Does anything (a task, a thread) run in the set?  Kernel locked. */
static bool pset_in_use(const struct processor_set *pset)
{
	task_t task;
	thread_t th;

	TAILQ_FOREACH(task, &all_tasks, all_link) {
		if (task == kernel_task || !task->active)
			continue;
		if (task_pset(task) == pset)
			return true;
		TAILQ_FOREACH(th, &task->threads, th_tasklink)
			if (th->active && thread_pset(th) == pset)
				return true;
	}
	return false;
}

void processor_thread_prepare(thread_t th, struct thread_start *ts)
{
	KSIM_ASSERT_LOCKED();
	memset(ts, 0, sizeof(*ts));
	ts->set_cpus = thread_pset(th) != default_pset &&
	    pset_cpus(thread_pset(th), &ts->cpus) > 0;
	if (th->task->sched_policy != 0 &&
	    th->task->sched_policy != POLICY_TIMESHARE) {
		ts->policy = th->task->sched_policy;
		ts->base = th->task->base_priority;
		th->sched_policy = ts->policy;
		th->base_priority = ts->base;
		th->fixed_priority = true;
	}
}

void processor_thread_apply(const struct thread_start *ts)
{
	if (ts->set_cpus)
		(void)sched_setaffinity(0, sizeof(ts->cpus), &ts->cpus);
	if (ts->policy != 0)
		(void)sched_host_apply(0, ts->policy, ts->base);
}

/* ---- mach_host.defs and host_priv.defs -------------------------------------------- */

kern_return_t ksim_processor_set_default(host_t host,
    processor_set_name_t *default_set)
{
	if (host == HOST_NULL)
		return KERN_INVALID_ARGUMENT;
	*default_set = default_pset;
	return KERN_SUCCESS;
}

/*
 * Routine:	ksim_processor_set_create
 * Purpose:	A new set, with no processors (processor_assign gives it
 *		some), every policy enabled; its control and name ports.
 */
kern_return_t ksim_processor_set_create(host_t host, processor_set_t *new_set,
    processor_set_name_t *new_name)
{
	struct processor_set *pset;

	if (host == HOST_NULL)
		return KERN_INVALID_ARGUMENT;
	ksim_lock();
	pset = pset_alloc("created");
	ksim_unlock();
	*new_set = pset;
	*new_name = pset;
	return KERN_SUCCESS;
}

/*
 * Routine:	ksim_host_processor_sets
 * Purpose:	The name port of every live set, out of line, the default
 *		set first.
 */
kern_return_t ksim_host_processor_sets(host_priv_t host_priv,
    processor_set_name_array_t *processor_sets,
    mach_msg_type_number_t *processor_setsCnt)
{
	struct processor_set *pset;
	mach_port_t *names;
	size_t n = 0, i = 0;

	if (host_priv == HOST_NULL)
		return KERN_INVALID_HOST;
	ksim_lock();
	TAILQ_FOREACH(pset, &all_psets, all_link)
		n += pset->active;
	names = vm_reply_array(n * sizeof(*names));
	if (names == NULL) {		/* the default set is always there */
		ksim_unlock();
		return KERN_RESOURCE_SHORTAGE;
	}
	TAILQ_FOREACH(pset, &all_psets, all_link)
		if (pset->active)
			names[i++] = ipc_kobject_reply_send(pset->name_port);
	ksim_unlock();
	*processor_sets = (processor_set_name_array_t)(void *)names;
	*processor_setsCnt = (mach_msg_type_number_t)n;
	return KERN_SUCCESS;
}

/* host_processor_set_priv (420): the control port behind a name port. */
kern_return_t ksim_host_processor_set_priv(host_priv_t host_priv,
    processor_set_name_t set_name, processor_set_t *set)
{
	if (host_priv == HOST_NULL)
		return KERN_INVALID_HOST;
	if (set_name == NULL || !set_name->active)
		return KERN_INVALID_ARGUMENT;
	*set = set_name;
	return KERN_SUCCESS;
}

/* ---- processor.defs: assignment ------------------------------------------------ */

/*
 * Routine:	ksim_processor_assign
 * Purpose:	Move a processor to another set; the threads of both sets
 *		run on their sets' new CPUs.  wait is moot: the move is
 *		done when the call returns.
 * Returns:	KERN_SUCCESS; KERN_INVALID_ARGUMENT (null processor or set);
 *		KERN_FAILURE (the set was destroyed; the processor is the
 *		last of a set that has tasks or threads).
 */
kern_return_t ksim_processor_assign(processor_t processor,
    processor_set_t new_set, boolean_t wait)
{
	struct processor_set *old;
	cpu_set_t mask;

	(void)wait;
	if (processor == NULL || new_set == NULL)
		return KERN_INVALID_ARGUMENT;
	ksim_lock();
	old = processor->pset;
	if (!new_set->active) {
		ksim_unlock();
		return KERN_FAILURE;
	}
	if (old == new_set) {
		ksim_unlock();
		return KERN_SUCCESS;
	}
	if (pset_cpus(old, &mask) == 1 && pset_in_use(old)) {
		ksim_unlock();
		return KERN_FAILURE;
	}
	processor->pset = new_set;
	for_each_thread(apply_if_in, old);
	for_each_thread(apply_if_in, new_set);
	ksim_unlock();
	return KERN_SUCCESS;
}

kern_return_t ksim_processor_get_assignment(processor_t processor,
    processor_set_name_t *assigned_set)
{
	if (processor == NULL)
		return KERN_INVALID_ARGUMENT;
	ksim_lock();
	*assigned_set = processor->pset;
	ksim_unlock();
	return KERN_SUCCESS;
}

/* A set a task or thread may be assigned to: live, with processors. */
static kern_return_t pset_assignable(struct processor_set *pset)
{
	cpu_set_t mask;

	if (!pset->active || pset_cpus(pset, &mask) == 0)
		return KERN_FAILURE;
	return KERN_SUCCESS;
}

/*
 * Routine:	ksim_task_assign
 * Purpose:	Assign the task (its future threads) to a set, and with
 *		assign_threads its present threads too.
 * Returns:	KERN_SUCCESS; KERN_INVALID_ARGUMENT (null task or set);
 *		KERN_FAILURE (terminated task; destroyed set or one with no
 *		processors).
 */
kern_return_t ksim_task_assign(task_t task, processor_set_t new_set,
    boolean_t assign_threads)
{
	kern_return_t kr;
	thread_t th;

	if (task == TASK_NULL || new_set == NULL)
		return KERN_INVALID_ARGUMENT;
	ksim_lock();
	kr = task->active ? pset_assignable(new_set) : KERN_FAILURE;
	if (kr == KERN_SUCCESS) {
		task->pset = new_set == default_pset ? NULL : new_set;
		if (assign_threads) {
			TAILQ_FOREACH(th, &task->threads, th_tasklink) {
				th->pset = task->pset;
				pset_apply_thread(th);
			}
		}
	}
	ksim_unlock();
	return kr;
}

kern_return_t ksim_task_assign_default(task_t task, boolean_t assign_threads)
{
	return ksim_task_assign(task, default_pset, assign_threads);
}

kern_return_t ksim_task_get_assignment(task_t task,
    processor_set_name_t *assigned_set)
{
	if (task == TASK_NULL)
		return KERN_INVALID_ARGUMENT;
	ksim_lock();
	*assigned_set = task->active ? task_pset(task) : NULL;
	ksim_unlock();
	return *assigned_set != NULL ? KERN_SUCCESS : KERN_FAILURE;
}

/* thread_assign (3621): as task_assign, for one thread. */
kern_return_t ksim_thread_assign(thread_act_t thread, processor_set_t new_set)
{
	kern_return_t kr;

	if (thread == THREAD_NULL || new_set == NULL)
		return KERN_INVALID_ARGUMENT;
	ksim_lock();
	kr = thread->active ? pset_assignable(new_set) : KERN_TERMINATED;
	if (kr == KERN_SUCCESS) {
		thread->pset = new_set == default_pset ? NULL : new_set;
		pset_apply_thread(thread);
	}
	ksim_unlock();
	return kr;
}

kern_return_t ksim_thread_assign_default(thread_act_t thread)
{
	return ksim_thread_assign(thread, default_pset);
}

kern_return_t ksim_thread_get_assignment(thread_act_t thread,
    processor_set_name_t *assigned_set)
{
	if (thread == THREAD_NULL)
		return KERN_INVALID_ARGUMENT;
	ksim_lock();
	*assigned_set = thread->active ? thread_pset(thread) : NULL;
	ksim_unlock();
	return *assigned_set != NULL ? KERN_SUCCESS : KERN_TERMINATED;
}

/* ---- processor_set.defs ------------------------------------------------------------ */

struct count_arg {
	const struct processor_set *pset;
	integer_t threads;
};

static void count_thread(thread_t th, void *arg)
{
	struct count_arg *c = arg;

	c->threads += th->active && thread_pset(th) == c->pset;
}

/*
 * Routine:	ksim_processor_set_statistics
 * Purpose:	PROCESSOR_SET_LOAD_INFO: the set's tasks and threads; its
 *		load average and Mach factor are the host's one-minute
 *		figures in the share of the set's processors.
 * Returns:	KERN_SUCCESS; KERN_INVALID_PROCESSOR_SET (null or destroyed
 *		set); KERN_INVALID_ARGUMENT (flavor); KERN_FAILURE (count).
 */
kern_return_t ksim_processor_set_statistics(processor_set_name_t pset,
    processor_set_flavor_t flavor, processor_set_info_t info_out,
    mach_msg_type_number_t *info_outCnt)
{
	processor_set_load_info_data_t li;
	struct count_arg c;
	cpu_set_t mask;
	double avg[1];
	integer_t mine, all = processor_running_count();
	task_t task;

	if (pset == NULL || !pset->active)
		return KERN_INVALID_PROCESSOR_SET;
	if (flavor != PROCESSOR_SET_LOAD_INFO)
		return KERN_INVALID_ARGUMENT;
	if (*info_outCnt < PROCESSOR_SET_LOAD_INFO_COUNT)
		return KERN_FAILURE;
	memset(&li, 0, sizeof(li));
	c.pset = pset;
	c.threads = 0;
	ksim_lock();
	TAILQ_FOREACH(task, &all_tasks, all_link)
		li.task_count += task != kernel_task && task->active &&
		    task_pset(task) == pset;
	for_each_thread(count_thread, &c);
	mine = pset_cpus(pset, &mask);
	ksim_unlock();
	li.thread_count = c.threads;
	if (getloadavg(avg, 1) == 1 && all > 0) {
		double load = avg[0] * mine / all;

		li.load_average = (integer_t)(load * LOAD_SCALE + 0.5);
		li.mach_factor = mine > load ? (integer_t)((mine - load) *
		    LOAD_SCALE + 0.5) : 0;
	}
	memcpy(info_out, &li, sizeof(li));
	*info_outCnt = PROCESSOR_SET_LOAD_INFO_COUNT;
	return KERN_SUCCESS;
}

static void to_default(thread_t th, void *arg)
{
	if (th->pset == arg) {
		th->pset = NULL;
		pset_apply_thread(th);
	}
}

/*
 * Routine:	ksim_processor_set_destroy
 * Purpose:	The set's processors, tasks and threads go to the default
 *		set; its ports die.
 * Returns:	KERN_SUCCESS; KERN_INVALID_ARGUMENT (null); KERN_FAILURE
 *		(the default set, or destroyed already).
 */
kern_return_t ksim_processor_set_destroy(processor_set_t set)
{
	task_t task;
	int i;

	if (set == NULL)
		return KERN_INVALID_ARGUMENT;
	ksim_lock();
	if (set == default_pset || !set->active) {
		ksim_unlock();
		return KERN_FAILURE;
	}
	for (i = 0; processor_at(i) != NULL; i++)
		if (processor_at(i)->pset == set)
			processor_at(i)->pset = default_pset;
	TAILQ_FOREACH(task, &all_tasks, all_link)
		if (task->pset == set)
			task->pset = NULL;
	for_each_thread(to_default, set);
	for_each_thread(apply_if_in, default_pset);
	set->active = false;
	ipc_kobject_destroy_port(set->port);
	ipc_kobject_destroy_port(set->name_port);
	set->port = IP_NULL;
	set->name_port = IP_NULL;
	ksim_unlock();
	return KERN_SUCCESS;
}

static bool one_policy(int policy)
{
	return policy == POLICY_TIMESHARE || policy == POLICY_RR ||
	    policy == POLICY_FIFO;
}

struct retune {
	const struct processor_set *pset;
	int policy;		/* 0: any */
	int limit;		/* lower threads above it */
	bool to_timeshare;	/* move them to timeshare */
};

/* A thread of the set that breaks a new rule is brought within it. */
static void retune_thread(thread_t th, void *arg)
{
	const struct retune *r = arg;
	int policy = th->sched_policy != 0 ? th->sched_policy :
	    POLICY_TIMESHARE;
	int base = th->base_priority != 0 ? th->base_priority :
	    BASEPRI_DEFAULT;

	if (!th->active || thread_pset(th) != r->pset)
		return;
	if (r->policy != 0 && policy != r->policy)
		return;
	if (r->to_timeshare)
		policy = POLICY_TIMESHARE;
	if (base > r->limit)
		base = r->limit;
	(void)sched_thread_apply(th, policy, base);
}

/*
 * Routine:	ksim_processor_set_max_priority
 * Purpose:	The highest priority a thread of the set may have; with
 *		change_threads, threads above it are lowered to it.
 * Returns:	KERN_SUCCESS; KERN_INVALID_ARGUMENT (null set, priority
 *		outside 0..127); KERN_FAILURE (destroyed set).
 */
kern_return_t ksim_processor_set_max_priority(processor_set_t processor_set,
    int max_priority, boolean_t change_threads)
{
	struct retune r;

	if (processor_set == NULL || max_priority < 0 ||
	    max_priority > MAXPRI)
		return KERN_INVALID_ARGUMENT;
	ksim_lock();
	if (!processor_set->active) {
		ksim_unlock();
		return KERN_FAILURE;
	}
	processor_set->max_priority = max_priority;
	if (change_threads) {
		r = (struct retune){ processor_set, 0, max_priority, false };
		for_each_thread(retune_thread, &r);
	}
	ksim_unlock();
	return KERN_SUCCESS;
}

/*
 * Routine:	ksim_processor_set_policy_enable / _disable
 * Purpose:	Allow or forbid a policy in the set.  Timesharing, every
 *		set's default policy, cannot be forbidden.  With
 *		change_threads, the set's threads on a forbidden policy go
 *		to timesharing.
 * Returns:	KERN_SUCCESS; KERN_INVALID_ARGUMENT (null set, not one
 *		policy, timesharing disabled); KERN_FAILURE (destroyed).
 */
kern_return_t ksim_processor_set_policy_enable(processor_set_t processor_set,
    int policy)
{
	if (processor_set == NULL || !one_policy(policy))
		return KERN_INVALID_ARGUMENT;
	ksim_lock();
	if (!processor_set->active) {
		ksim_unlock();
		return KERN_FAILURE;
	}
	processor_set->policies |= policy;
	ksim_unlock();
	return KERN_SUCCESS;
}

kern_return_t ksim_processor_set_policy_disable(processor_set_t processor_set,
    int policy, boolean_t change_threads)
{
	struct retune r;

	if (processor_set == NULL || !one_policy(policy) ||
	    policy == POLICY_TIMESHARE)
		return KERN_INVALID_ARGUMENT;
	ksim_lock();
	if (!processor_set->active) {
		ksim_unlock();
		return KERN_FAILURE;
	}
	processor_set->policies &= ~policy;
	if (change_threads) {
		r = (struct retune){ processor_set, policy,
		    pset_policy_limit(processor_set, POLICY_TIMESHARE), true };
		for_each_thread(retune_thread, &r);
	}
	ksim_unlock();
	return KERN_SUCCESS;
}

/* The set's tasks or threads as send rights, out of line. */
struct collect {
	const struct processor_set *pset;
	mach_port_t *names;
	size_t n;
	bool count_only;
};

static void collect_thread(thread_t th, void *arg)
{
	struct collect *c = arg;

	if (!th->active || thread_pset(th) != c->pset)
		return;
	if (!c->count_only) {
		thread_reference(th);
		c->names[c->n] = convert_thread_to_port(th);
	}
	c->n++;
}

static void collect_tasks(struct collect *c)
{
	task_t task;

	TAILQ_FOREACH(task, &all_tasks, all_link) {
		if (task == kernel_task || !task->active ||
		    task_pset(task) != c->pset)
			continue;
		if (!c->count_only) {
			task_reference(task);
			c->names[c->n] = convert_task_to_port(task);
		}
		c->n++;
	}
}

static kern_return_t pset_list(processor_set_t pset, bool threads,
    mach_port_t **listp, mach_msg_type_number_t *countp)
{
	struct collect c = { pset, NULL, 0, true };

	if (pset == NULL)
		return KERN_INVALID_ARGUMENT;
	ksim_lock();
	if (!pset->active) {
		ksim_unlock();
		return KERN_FAILURE;
	}
	if (threads)
		for_each_thread(collect_thread, &c);
	else
		collect_tasks(&c);
	c.names = vm_reply_array(c.n * sizeof(mach_port_t));
	if (c.n != 0 && c.names == NULL) {
		ksim_unlock();
		return KERN_RESOURCE_SHORTAGE;
	}
	c.n = 0;
	c.count_only = false;
	if (threads)
		for_each_thread(collect_thread, &c);
	else
		collect_tasks(&c);
	ksim_unlock();
	*listp = c.names;
	*countp = (mach_msg_type_number_t)c.n;
	return KERN_SUCCESS;
}

/* processor_set_tasks (4005): a send right to every task of the set
   (the kernel's own task excepted). */
kern_return_t ksim_processor_set_tasks(processor_set_t processor_set,
    task_array_t *task_list, mach_msg_type_number_t *task_listCnt)
{
	mach_port_t *list = NULL;
	kern_return_t kr = pset_list(processor_set, false, &list,
	    task_listCnt);

	*task_list = (task_array_t)(void *)list;
	return kr;
}

/* processor_set_threads (4006): a send right to every thread of the set. */
kern_return_t ksim_processor_set_threads(processor_set_t processor_set,
    thread_act_array_t *thread_list, mach_msg_type_number_t *thread_listCnt)
{
	mach_port_t *list = NULL;
	kern_return_t kr = pset_list(processor_set, true, &list,
	    thread_listCnt);

	*thread_list = (thread_act_array_t)(void *)list;
	return kr;
}

/* The policy and whether a flavor is its default or its limits. */
static int flavor_policy(int flavor, bool *limits)
{
	*limits = flavor % 10 == 1;
	switch (flavor) {
	case PROCESSOR_SET_TIMESHARE_DEFAULT:
	case PROCESSOR_SET_TIMESHARE_LIMITS:
		return POLICY_TIMESHARE;
	case PROCESSOR_SET_RR_DEFAULT:
	case PROCESSOR_SET_RR_LIMITS:
		return POLICY_RR;
	case PROCESSOR_SET_FIFO_DEFAULT:
	case PROCESSOR_SET_FIFO_LIMITS:
		return POLICY_FIFO;
	default:
		return 0;
	}
}

/*
 * Routine:	ksim_processor_set_policy_control
 * Purpose:	Set the enabled policies (PROCESSOR_SET_ENABLED_POLICIES:
 *		timesharing must stay), a policy's base (*_DEFAULT: base
 *		priority, and the quantum for round robin) or its limit
 *		(*_LIMITS); with change, the set's threads are brought
 *		within the new limit or off a forbidden policy.
 * Returns:	KERN_SUCCESS; KERN_INVALID_ARGUMENT (null set, flavor,
 *		short count, values out of range); KERN_FAILURE
 *		(destroyed set).
 */
kern_return_t ksim_processor_set_policy_control(processor_set_t pset,
    processor_set_flavor_t flavor, processor_set_info_t policy_info,
    mach_msg_type_number_t policy_infoCnt, boolean_t change)
{
	struct pset_policy *pp;
	struct retune r;
	bool limits;
	int policy, v;

	if (pset == NULL || policy_infoCnt < 1)
		return KERN_INVALID_ARGUMENT;
	v = policy_info[0];
	policy = flavor_policy(flavor, &limits);
	if (flavor == PROCESSOR_SET_ENABLED_POLICIES) {
		if ((v & ~ALL_POLICIES) || !(v & POLICY_TIMESHARE))
			return KERN_INVALID_ARGUMENT;
	} else if (policy == 0 || v < 0 || v > MAXPRI ||
	    (flavor == PROCESSOR_SET_RR_DEFAULT && (policy_infoCnt < 2 ||
	    policy_info[1] <= 0))) {
		return KERN_INVALID_ARGUMENT;
	}
	ksim_lock();
	if (!pset->active) {
		ksim_unlock();
		return KERN_FAILURE;
	}
	r = (struct retune){ pset, 0, MAXPRI, false };
	if (flavor == PROCESSOR_SET_ENABLED_POLICIES) {
		pset->policies = v;
		if (change) {
			r.limit = pset_policy_limit(pset, POLICY_TIMESHARE);
			r.to_timeshare = true;
			if (!(v & POLICY_RR)) {
				r.policy = POLICY_RR;
				for_each_thread(retune_thread, &r);
			}
			if (!(v & POLICY_FIFO)) {
				r.policy = POLICY_FIFO;
				for_each_thread(retune_thread, &r);
			}
		}
	} else {
		pp = (struct pset_policy *)pset_policy_of(pset, policy);
		if (limits) {
			pp->limit = v;
			if (change) {
				r.policy = policy;
				r.limit = v;
				for_each_thread(retune_thread, &r);
			}
		} else {
			pp->base = v;
			if (policy == POLICY_RR)
				pp->quantum = policy_info[1];
		}
	}
	ksim_unlock();
	return KERN_SUCCESS;
}

/*
 * processor_set_stack_usage (4008): kernel stack statistics, which a
 * kernel running on its tasks' own stacks does not keep.
 */
kern_return_t ksim_processor_set_stack_usage(processor_set_t pset,
    unsigned *total, vm_size_t *space, vm_size_t *resident,
    vm_size_t *maxusage, vm_offset_t *maxstack)
{
	(void)pset;
	(void)total;
	(void)space;
	(void)resident;
	(void)maxusage;
	(void)maxstack;
	return KERN_NOT_SUPPORTED;
}

/* Copy a flavor's words out, the count checked. */
static kern_return_t words_out(processor_set_info_t out,
    mach_msg_type_number_t *cnt, const integer_t *w, mach_msg_type_number_t n)
{
	if (*cnt < n)
		return KERN_FAILURE;
	memcpy(out, w, n * sizeof(integer_t));
	*cnt = n;
	return KERN_SUCCESS;
}

/*
 * Routine:	ksim_processor_set_info
 * Purpose:	PROCESSOR_SET_BASIC_INFO (processors, default policy),
 *		PROCESSOR_SET_ENABLED_POLICIES, and each policy's default
 *		and limits; and the host's name port.
 * Returns:	KERN_SUCCESS; KERN_INVALID_ARGUMENT (null or destroyed set,
 *		unknown flavor); KERN_FAILURE (count below the flavor's).
 */
kern_return_t ksim_processor_set_info(processor_set_name_t set_name,
    int flavor, host_t *host, processor_set_info_t info_out,
    mach_msg_type_number_t *info_outCnt)
{
	const struct pset_policy *pp;
	integer_t w[2];
	cpu_set_t mask;
	bool limits;
	kern_return_t kr;
	int policy;

	if (set_name == NULL || !set_name->active)
		return KERN_INVALID_ARGUMENT;
	ksim_lock();
	policy = flavor_policy(flavor, &limits);
	if (flavor == PROCESSOR_SET_BASIC_INFO) {
		w[0] = pset_cpus(set_name, &mask);
		w[1] = POLICY_TIMESHARE;
		kr = words_out(info_out, info_outCnt, w,
		    PROCESSOR_SET_BASIC_INFO_COUNT);
	} else if (flavor == PROCESSOR_SET_ENABLED_POLICIES) {
		w[0] = set_name->policies;
		kr = words_out(info_out, info_outCnt, w, 1);
	} else if (policy != 0) {
		pp = pset_policy_of(set_name, policy);
		if (limits) {
			w[0] = pset_policy_limit(set_name, policy);
			kr = words_out(info_out, info_outCnt, w, 1);
		} else {
			w[0] = pp->base;
			w[1] = pp->quantum;
			kr = words_out(info_out, info_outCnt, w,
			    policy == POLICY_RR ? 2 : 1);
		}
	} else {
		kr = KERN_INVALID_ARGUMENT;
	}
	ksim_unlock();
	if (kr == KERN_SUCCESS)
		*host = &realhost;
	return kr;
}
