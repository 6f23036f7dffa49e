/*
 * test_processor.c - processors and processor sets (MACH-SEMANTICS 9.3):
 * the machine's CPUs as processors, their information, the default and
 * created sets, assignment changing where threads really run, set
 * policies and limits, task_set_policy / thread_set_policy.
 */
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <string.h>
#include <unistd.h>

#include <mach/mach.h>
#include <mach/policy.h>
#include <mach/processor_info.h>
#include <mach/thread_info.h>

#include "../ksim_check.h"
#include "../../support/suites.h"
#include "host_test.h"

#define SELF	mach_task_self()

static void free_ports(mach_port_t *list, mach_msg_type_number_t n)
{
	mach_msg_type_number_t i;

	for (i = 0; i < n; i++)
		ck_assert_int_eq(mach_port_deallocate(SELF, list[i]),
		    KERN_SUCCESS);
	ck_assert_int_eq(vm_deallocate(SELF, (vm_address_t)list,
	    n * sizeof(*list)), KERN_SUCCESS);
}

static int process_cpus(cpu_set_t *mask)
{
	ck_assert_int_eq(sched_getaffinity(0, sizeof(*mask), mask), 0);
	return CPU_COUNT(mask);
}

START_TEST(processors_are_the_machine_cpus)
{
	mach_port_t host = mach_host_self(), name = host_name_port();
	processor_array_t procs;
	mach_msg_type_number_t n = 0, cnt, i;
	integer_t slots[256];
	mach_msg_type_number_t nslots = 256;
	processor_info_array_t all;
	mach_msg_type_number_t allcnt = 0;
	natural_t count = 0;
	int masters = 0;
	cpu_set_t mask;
	mach_port_t h;

	process_cpus(&mask);
	ck_assert_int_eq(host_processors(host, &procs, &n), KERN_SUCCESS);
	ck_assert_uint_eq(n, (unsigned)CPU_COUNT(&mask));
	ck_assert_int_eq(host_processor_slots(name, slots, &nslots),
	    KERN_SUCCESS);
	ck_assert_uint_eq(nslots, n);
	for (i = 0; i < n; i++) {
		processor_basic_info_data_t bi;
		processor_cpu_load_info_data_t cl;

		cnt = PROCESSOR_BASIC_INFO_COUNT;
		ck_assert_int_eq(processor_info(procs[i], PROCESSOR_BASIC_INFO,
		    &h, (processor_info_t)&bi, &cnt), KERN_SUCCESS);
		ck_assert_uint_eq(cnt, PROCESSOR_BASIC_INFO_COUNT);
		ck_assert_uint_eq(h, name);
		ck_assert_int_eq(mach_port_deallocate(SELF, h), KERN_SUCCESS);
		ck_assert(CPU_ISSET(bi.slot_num, &mask));
		ck_assert_int_eq(bi.slot_num, slots[i]);
		ck_assert_int_eq(bi.cpu_type, CPU_TYPE_X86_64);
		ck_assert(bi.running);
		masters += bi.is_master;
		cnt = PROCESSOR_CPU_LOAD_INFO_COUNT;
		ck_assert_int_eq(processor_info(procs[i],
		    PROCESSOR_CPU_LOAD_INFO, &h, (processor_info_t)&cl, &cnt),
		    KERN_SUCCESS);
		ck_assert_int_eq(mach_port_deallocate(SELF, h), KERN_SUCCESS);
		ck_assert_uint_gt(cl.cpu_ticks[CPU_STATE_USER] +
		    cl.cpu_ticks[CPU_STATE_SYSTEM] +
		    cl.cpu_ticks[CPU_STATE_IDLE], 0);
		cnt = PROCESSOR_BASIC_INFO_COUNT - 1;
		ck_assert_int_eq(processor_info(procs[i], PROCESSOR_BASIC_INFO,
		    &h, (processor_info_t)&bi, &cnt), KERN_FAILURE);
		cnt = PROCESSOR_INFO_MAX;
		ck_assert_int_eq(processor_info(procs[i], 99, &h,
		    (processor_info_t)&bi, &cnt), KERN_INVALID_ARGUMENT);
		/* The machine's CPUs are not started or stopped from here. */
		ck_assert_int_eq(processor_start(procs[i]), KERN_NOT_SUPPORTED);
		ck_assert_int_eq(processor_exit(procs[i]), KERN_NOT_SUPPORTED);
		ck_assert_int_eq(processor_control(procs[i],
		    (processor_info_t)&bi, 1), KERN_NOT_SUPPORTED);
	}
	ck_assert_int_eq(masters, 1);
	/* Every processor at once. */
	ck_assert_int_eq(host_processor_info(name, PROCESSOR_CPU_LOAD_INFO,
	    &count, &all, &allcnt), KERN_SUCCESS);
	ck_assert_uint_eq(count, n);
	ck_assert_uint_eq(allcnt, n * PROCESSOR_CPU_LOAD_INFO_COUNT);
	ck_assert_int_eq(vm_deallocate(SELF, (vm_address_t)all,
	    allcnt * sizeof(integer_t)), KERN_SUCCESS);
	ck_assert_int_eq(host_processor_info(name, 7, &count, &all, &allcnt),
	    KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(host_processors(name, &procs, &cnt),
	    KERN_INVALID_HOST);
	free_ports(procs, n);
	ck_assert_int_eq(mach_port_deallocate(SELF, name), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, host), KERN_SUCCESS);
}
END_TEST

START_TEST(default_set)
{
	mach_port_t host = mach_host_self(), name = host_name_port();
	processor_set_name_t dflt, *sets;
	processor_set_t ctl;
	mach_msg_type_number_t n = 0, cnt, i;
	processor_set_basic_info_data_t bi;
	processor_set_load_info_data_t li;
	task_array_t tasks;
	thread_act_array_t threads;
	mach_port_t h, me = mach_thread_self();
	bool found;
	cpu_set_t mask;

	ck_assert_int_eq(processor_set_default(name, &dflt), KERN_SUCCESS);
	ck_assert_int_eq(host_processor_sets(host, &sets, &n), KERN_SUCCESS);
	ck_assert_uint_ge(n, 1);
	ck_assert_uint_eq(sets[0], dflt);
	free_ports(sets, n);
	cnt = PROCESSOR_SET_BASIC_INFO_COUNT;
	ck_assert_int_eq(processor_set_info(dflt, PROCESSOR_SET_BASIC_INFO, &h,
	    (processor_set_info_t)&bi, &cnt), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, h), KERN_SUCCESS);
	ck_assert_int_eq(bi.processor_count, process_cpus(&mask));
	ck_assert_int_eq(bi.default_policy, POLICY_TIMESHARE);
	cnt = PROCESSOR_SET_LOAD_INFO_COUNT;
	ck_assert_int_eq(processor_set_statistics(dflt, PROCESSOR_SET_LOAD_INFO,
	    (processor_set_info_t)&li, &cnt), KERN_SUCCESS);
	ck_assert_int_ge(li.task_count, 1);
	ck_assert_int_ge(li.thread_count, 1);
	cnt = PROCESSOR_SET_LOAD_INFO_COUNT;
	ck_assert_int_eq(processor_set_statistics(dflt, 99,
	    (processor_set_info_t)&li, &cnt), KERN_INVALID_ARGUMENT);
	/* The name port gives no control; the privileged host turns it
	   into the control port. */
	ck_assert_int_ne(processor_set_tasks(dflt, &tasks, &cnt),
	    KERN_SUCCESS);
	ck_assert_int_eq(host_processor_set_priv(name, dflt, &ctl),
	    KERN_INVALID_HOST);
	ck_assert_int_eq(host_processor_set_priv(host, dflt, &ctl),
	    KERN_SUCCESS);
	ck_assert_int_eq(processor_set_tasks(ctl, &tasks, &cnt), KERN_SUCCESS);
	for (found = false, i = 0; i < cnt; i++)
		found |= tasks[i] == SELF;
	ck_assert(found);
	free_ports(tasks, cnt);
	ck_assert_int_eq(processor_set_threads(ctl, &threads, &cnt),
	    KERN_SUCCESS);
	for (found = false, i = 0; i < cnt; i++)
		found |= threads[i] == me;
	ck_assert(found);
	free_ports(threads, cnt);
	/* The default set cannot be destroyed. */
	ck_assert_int_eq(processor_set_destroy(ctl), KERN_FAILURE);
	ck_assert_int_eq(task_get_assignment(SELF, &h), KERN_SUCCESS);
	ck_assert_uint_eq(h, dflt);
	ck_assert_int_eq(mach_port_deallocate(SELF, h), KERN_SUCCESS);
	ck_assert_int_eq(thread_get_assignment(me, &h), KERN_SUCCESS);
	ck_assert_uint_eq(h, dflt);
	ck_assert_int_eq(mach_port_deallocate(SELF, h), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, ctl), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, dflt), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, me), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, name), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, host), KERN_SUCCESS);
}
END_TEST

struct pinned {
	atomic_uint	thread;
	atomic_bool	stop;
	cpu_set_t	mask;
	atomic_int	mask_seen;	/* 0 unset, 1 read */
	atomic_bool	read_now;
};

static void *pinned_main(void *arg)
{
	struct pinned *p = arg;

	atomic_store(&p->thread, mach_thread_self());
	while (!atomic_load(&p->stop)) {
		if (atomic_load(&p->read_now)) {
			sched_getaffinity(0, sizeof(p->mask), &p->mask);
			atomic_store(&p->read_now, false);
			atomic_store(&p->mask_seen, 1);
		}
		usleep(500);
	}
	return NULL;
}

/* The thread's own view of its CPUs. */
static int thread_cpus(struct pinned *p, cpu_set_t *mask)
{
	atomic_store(&p->mask_seen, 0);
	atomic_store(&p->read_now, true);
	while (atomic_load(&p->mask_seen) == 0)
		usleep(500);
	*mask = p->mask;
	return CPU_COUNT(mask);
}

/*
 * A created set with the last processor: a thread assigned to it runs on
 * that CPU only; destroying the set brings it back to every CPU.
 */
START_TEST(created_set_moves_threads)
{
	mach_port_t host = mach_host_self(), child;
	processor_set_t set, dflt_ctl;
	processor_set_name_t set_name, dflt, h;
	processor_array_t procs;
	mach_msg_type_number_t n = 0, cnt;
	processor_set_basic_info_data_t bi;
	processor_basic_info_data_t pbi;
	struct pinned p;
	cpu_set_t all, mask;
	pthread_t pt;
	int nall = process_cpus(&all);

	ck_assert_int_eq(processor_set_default(host, &dflt), KERN_SUCCESS);
	ck_assert_int_eq(host_processor_set_priv(host, dflt, &dflt_ctl),
	    KERN_SUCCESS);
	ck_assert_int_eq(processor_set_create(host, &set, &set_name),
	    KERN_SUCCESS);
	cnt = PROCESSOR_SET_BASIC_INFO_COUNT;
	ck_assert_int_eq(processor_set_info(set_name, PROCESSOR_SET_BASIC_INFO,
	    &h, (processor_set_info_t)&bi, &cnt), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, h), KERN_SUCCESS);
	ck_assert_int_eq(bi.processor_count, 0);
	memset(&p, 0, sizeof(p));
	ck_assert_int_eq(pthread_create(&pt, NULL, pinned_main, &p), 0);
	while (atomic_load(&p.thread) == 0)
		usleep(500);
	/* No processors: nothing can be assigned to it. */
	ck_assert_int_eq(thread_assign(p.thread, set), KERN_FAILURE);
	ck_assert_int_eq(task_create(SELF, NULL, 0, FALSE, &child),
	    KERN_SUCCESS);
	ck_assert_int_eq(task_assign(child, set, TRUE), KERN_FAILURE);
	ck_assert_int_eq(host_processors(host, &procs, &n), KERN_SUCCESS);
	cnt = PROCESSOR_BASIC_INFO_COUNT;
	ck_assert_int_eq(processor_info(procs[n - 1], PROCESSOR_BASIC_INFO, &h,
	    (processor_info_t)&pbi, &cnt), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, h), KERN_SUCCESS);
	if (nall == 1) {
		/* The default set's last processor, with tasks in it. */
		ck_assert_int_eq(processor_assign(procs[0], set, TRUE),
		    KERN_FAILURE);
	} else {
		ck_assert_int_eq(processor_assign(procs[n - 1], set, TRUE),
		    KERN_SUCCESS);
		ck_assert_int_eq(processor_get_assignment(procs[n - 1], &h),
		    KERN_SUCCESS);
		ck_assert_uint_eq(h, set_name);
		ck_assert_int_eq(mach_port_deallocate(SELF, h), KERN_SUCCESS);
		/* The default set's threads left that CPU. */
		ck_assert_int_eq(thread_cpus(&p, &mask), nall - 1);
		ck_assert(!CPU_ISSET(pbi.slot_num, &mask));
		ck_assert_int_eq(thread_assign(p.thread, set), KERN_SUCCESS);
		ck_assert_int_eq(thread_cpus(&p, &mask), 1);
		ck_assert(CPU_ISSET(pbi.slot_num, &mask));
		ck_assert_int_eq(thread_get_assignment(p.thread, &h),
		    KERN_SUCCESS);
		ck_assert_uint_eq(h, set_name);
		ck_assert_int_eq(mach_port_deallocate(SELF, h), KERN_SUCCESS);
		/* Back to the default set, which lacks that CPU now; and
		   into the set again. */
		ck_assert_int_eq(thread_assign_default(p.thread), KERN_SUCCESS);
		ck_assert_int_eq(thread_cpus(&p, &mask), nall - 1);
		ck_assert_int_eq(thread_assign(p.thread, set), KERN_SUCCESS);
		ck_assert_int_eq(thread_cpus(&p, &mask), 1);
		/* A thread policy under another set than its own fails. */
		{
			integer_t base[2] = { 31, 10 }, limit = 63;

			ck_assert_int_eq(thread_set_policy(p.thread, dflt_ctl,
			    POLICY_TIMESHARE, base, 1, &limit, 1),
			    KERN_FAILURE);
			ck_assert_int_eq(thread_set_policy(p.thread, set,
			    POLICY_TIMESHARE, base, 1, &limit, 1),
			    KERN_SUCCESS);
		}
		/* A task with threads: its new set takes them along. */
		ck_assert_int_eq(task_assign(child, set, TRUE), KERN_SUCCESS);
		ck_assert_int_eq(task_get_assignment(child, &h), KERN_SUCCESS);
		ck_assert_uint_eq(h, set_name);
		ck_assert_int_eq(mach_port_deallocate(SELF, h), KERN_SUCCESS);
		/* The set's last processor stays while it has users. */
		ck_assert_int_eq(processor_assign(procs[n - 1], dflt_ctl,
		    TRUE), KERN_FAILURE);
		/* Destroyed: processor, task and thread go back. */
		ck_assert_int_eq(processor_set_destroy(set), KERN_SUCCESS);
		ck_assert_int_eq(thread_cpus(&p, &mask), nall);
		ck_assert_int_eq(task_get_assignment(child, &h), KERN_SUCCESS);
		ck_assert_uint_eq(h, dflt);
		ck_assert_int_eq(mach_port_deallocate(SELF, h), KERN_SUCCESS);
		ck_assert_int_eq(processor_get_assignment(procs[n - 1], &h),
		    KERN_SUCCESS);
		ck_assert_uint_eq(h, dflt);
		ck_assert_int_eq(mach_port_deallocate(SELF, h), KERN_SUCCESS);
		ck_assert_int_eq(processor_set_destroy(set),
		    MACH_SEND_INVALID_DEST);
	}
	if (nall == 1)
		ck_assert_int_eq(processor_set_destroy(set), KERN_SUCCESS);
	ck_assert_int_eq(task_assign_default(child, TRUE), KERN_SUCCESS);
	ck_assert_int_eq(thread_assign_default(p.thread), KERN_SUCCESS);
	ck_assert_int_eq(thread_cpus(&p, &mask), nall);
	atomic_store(&p.stop, true);
	pthread_join(pt, NULL);
	free_ports(procs, n);
	ck_assert_int_eq(task_terminate(child), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, child), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, p.thread), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, set), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, set_name), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, dflt_ctl), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, dflt), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, host), KERN_SUCCESS);
}
END_TEST

START_TEST(set_policies_and_limits)
{
	mach_port_t host = mach_host_self(), h, me = mach_thread_self();
	processor_set_t set;
	processor_set_name_t set_name, dflt;
	integer_t w[4], base[2] = { 31, 10 }, limit = 63;
	mach_msg_type_number_t cnt;

	ck_assert_int_eq(processor_set_create(host, &set, &set_name),
	    KERN_SUCCESS);
	cnt = 4;
	ck_assert_int_eq(processor_set_info(set_name,
	    PROCESSOR_SET_ENABLED_POLICIES, &h, w, &cnt), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, h), KERN_SUCCESS);
	ck_assert_int_eq(w[0], POLICY_TIMESHARE | POLICY_RR | POLICY_FIFO);
	ck_assert_int_eq(processor_set_policy_disable(set, POLICY_RR, FALSE),
	    KERN_SUCCESS);
	cnt = 4;
	ck_assert_int_eq(processor_set_info(set_name,
	    PROCESSOR_SET_ENABLED_POLICIES, &h, w, &cnt), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, h), KERN_SUCCESS);
	ck_assert_int_eq(w[0], POLICY_TIMESHARE | POLICY_FIFO);
	ck_assert_int_eq(processor_set_policy_enable(set, POLICY_RR),
	    KERN_SUCCESS);
	ck_assert_int_eq(processor_set_policy_disable(set, POLICY_TIMESHARE,
	    FALSE), KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(processor_set_policy_enable(set, 3),
	    KERN_INVALID_ARGUMENT);
	/* Limits: set, read back, bounded by the set's maximum. */
	w[0] = 40;
	ck_assert_int_eq(processor_set_policy_control(set,
	    PROCESSOR_SET_TIMESHARE_LIMITS, w, 1, FALSE), KERN_SUCCESS);
	cnt = 4;
	ck_assert_int_eq(processor_set_info(set_name,
	    PROCESSOR_SET_TIMESHARE_LIMITS, &h, w, &cnt), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, h), KERN_SUCCESS);
	ck_assert_uint_eq(cnt, 1);
	ck_assert_int_eq(w[0], 40);
	ck_assert_int_eq(processor_set_max_priority(set, 30, FALSE),
	    KERN_SUCCESS);
	cnt = 4;
	ck_assert_int_eq(processor_set_info(set_name,
	    PROCESSOR_SET_TIMESHARE_LIMITS, &h, w, &cnt), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, h), KERN_SUCCESS);
	ck_assert_int_eq(w[0], 30);
	ck_assert_int_eq(processor_set_max_priority(set, 128, FALSE),
	    KERN_INVALID_ARGUMENT);
	w[0] = 20;
	w[1] = 0;
	ck_assert_int_eq(processor_set_policy_control(set,
	    PROCESSOR_SET_RR_DEFAULT, w, 2, FALSE), KERN_INVALID_ARGUMENT);
	w[1] = 5;
	ck_assert_int_eq(processor_set_policy_control(set,
	    PROCESSOR_SET_RR_DEFAULT, w, 2, FALSE), KERN_SUCCESS);
	cnt = 4;
	ck_assert_int_eq(processor_set_info(set_name, PROCESSOR_SET_RR_DEFAULT,
	    &h, w, &cnt), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, h), KERN_SUCCESS);
	ck_assert_uint_eq(cnt, 2);
	ck_assert_int_eq(w[0], 20);
	ck_assert_int_eq(w[1], 5);
	w[0] = POLICY_RR;
	ck_assert_int_eq(processor_set_policy_control(set,
	    PROCESSOR_SET_ENABLED_POLICIES, w, 1, FALSE),
	    KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(processor_set_policy_control(set, 77, w, 1, FALSE),
	    KERN_INVALID_ARGUMENT);
	cnt = 4;
	ck_assert_int_eq(processor_set_info(set_name, 77, &h, w, &cnt),
	    KERN_INVALID_ARGUMENT);
	/* Under the default set: the task's own set, timesharing. */
	ck_assert_int_eq(processor_set_default(host, &dflt), KERN_SUCCESS);
	ck_assert_int_eq(task_set_policy(SELF, set, POLICY_TIMESHARE, base, 1,
	    &limit, 1, FALSE), KERN_FAILURE);
	ck_assert_int_eq(thread_set_policy(me, set, POLICY_TIMESHARE, base, 1,
	    &limit, 1), KERN_FAILURE);
	ck_assert_int_eq(thread_set_policy(me, dflt, POLICY_TIMESHARE, base, 1,
	    &limit, 1), KERN_INVALID_ARGUMENT); /* the name port: no control */
	ck_assert_int_eq(processor_set_destroy(set), KERN_SUCCESS);
	/* A destroyed set's control calls find a dead name. */
	ck_assert_int_eq(processor_set_max_priority(set, 30, FALSE),
	    MACH_SEND_INVALID_DEST);
	ck_assert_int_eq(mach_port_deallocate(SELF, set), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, set_name), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, dflt), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, me), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, host), KERN_SUCCESS);
}
END_TEST

/* thread_policy and task_policy answer to the set's enabled policies. */
START_TEST(default_set_policy_rules)
{
	mach_port_t host = mach_host_self(), me = mach_thread_self();
	processor_set_name_t dflt;
	processor_set_t ctl;
	integer_t base[2] = { 31, 10 }, limit = 63;

	ck_assert_int_eq(processor_set_default(host, &dflt), KERN_SUCCESS);
	ck_assert_int_eq(host_processor_set_priv(host, dflt, &ctl),
	    KERN_SUCCESS);
	ck_assert_int_eq(task_set_policy(SELF, ctl, POLICY_TIMESHARE, base, 1,
	    &limit, 1, FALSE), KERN_SUCCESS);
	ck_assert_int_eq(thread_set_policy(me, ctl, POLICY_TIMESHARE, base, 1,
	    &limit, 1), KERN_SUCCESS);
	ck_assert_int_eq(thread_set_policy(me, ctl, POLICY_TIMESHARE, base, 0,
	    &limit, 1), KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(thread_set_policy(me, ctl, POLICY_TIMESHARE, base, 1,
	    &limit, 0), KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(thread_set_policy(me, ctl, 3, base, 1, &limit, 1),
	    KERN_INVALID_POLICY);
	ck_assert_int_eq(processor_set_policy_disable(ctl, POLICY_FIFO, FALSE),
	    KERN_SUCCESS);
	ck_assert_int_eq(thread_policy(me, POLICY_FIFO, base, 1, FALSE),
	    KERN_INVALID_POLICY);
	ck_assert_int_eq(task_policy(SELF, POLICY_FIFO, base, 1, FALSE, FALSE),
	    KERN_INVALID_POLICY);
	ck_assert_int_eq(processor_set_policy_enable(ctl, POLICY_FIFO),
	    KERN_SUCCESS);
	ck_assert_int_eq(thread_policy(me, POLICY_TIMESHARE, base, 1, FALSE),
	    KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, ctl), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, dflt), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, me), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, host), KERN_SUCCESS);
}
END_TEST

/* thread_info's flavors, from the thread's real settings. */
START_TEST(thread_info_flavors)
{
	mach_port_t me = mach_thread_self();
	integer_t w[64];
	mach_msg_type_number_t cnt;
	thread_basic_info_t bi = (thread_basic_info_t)w;
	thread_identifier_info_t ii = (thread_identifier_info_t)w;
	thread_extended_info_t ei = (thread_extended_info_t)w;
	policy_timeshare_info_t ts = (policy_timeshare_info_t)w;
	integer_t base = 31;

	ck_assert_int_eq(thread_policy(me, POLICY_TIMESHARE, &base, 1, FALSE),
	    KERN_SUCCESS);
	cnt = 64;
	ck_assert_int_eq(thread_info(me, THREAD_BASIC_INFO, w, &cnt),
	    KERN_SUCCESS);
	ck_assert_uint_eq(cnt, THREAD_BASIC_INFO_COUNT);
	ck_assert_int_eq(bi->policy, POLICY_TIMESHARE);
	ck_assert_int_eq(bi->run_state, TH_STATE_RUNNING);
	cnt = 64;
	ck_assert_int_eq(thread_info(me, THREAD_IDENTIFIER_INFO, w, &cnt),
	    KERN_SUCCESS);
	ck_assert_uint_eq(cnt, THREAD_IDENTIFIER_INFO_COUNT);
	ck_assert_uint_eq(ii->thread_id, (uint64_t)gettid());
	ck_assert_uint_eq(ii->thread_handle, (uint64_t)(uintptr_t)pthread_self());
	ck_assert_int_eq(pthread_setname_np(pthread_self(), "machsim-info"), 0);
	cnt = 64;
	ck_assert_int_eq(thread_info(me, THREAD_EXTENDED_INFO, w, &cnt),
	    KERN_SUCCESS);
	ck_assert_uint_eq(cnt, THREAD_EXTENDED_INFO_COUNT);
	ck_assert_str_eq(ei->pth_name, "machsim-info");
	ck_assert_int_eq(ei->pth_priority, 31);
	ck_assert_int_eq(ei->pth_policy, POLICY_TIMESHARE);
	cnt = 64;
	ck_assert_int_eq(thread_info(me, THREAD_SCHED_TIMESHARE_INFO, w, &cnt),
	    KERN_SUCCESS);
	ck_assert_uint_eq(cnt, POLICY_TIMESHARE_INFO_COUNT);
	ck_assert_int_eq(ts->base_priority, 31);
	ck_assert_int_ge(ts->max_priority, 31);
	ck_assert_int_eq(ts->depressed, FALSE);
	/* Another policy's flavor; short counts; unknown flavors. */
	cnt = 64;
	ck_assert_int_eq(thread_info(me, THREAD_SCHED_RR_INFO, w, &cnt),
	    KERN_INVALID_POLICY);
	cnt = 64;
	ck_assert_int_eq(thread_info(me, THREAD_SCHED_FIFO_INFO, w, &cnt),
	    KERN_INVALID_POLICY);
	cnt = THREAD_IDENTIFIER_INFO_COUNT - 1;
	ck_assert_int_eq(thread_info(me, THREAD_IDENTIFIER_INFO, w, &cnt),
	    KERN_INVALID_ARGUMENT);
	cnt = 64;
	ck_assert_int_eq(thread_info(me, 99, w, &cnt), KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(mach_port_deallocate(SELF, me), KERN_SUCCESS);
}
END_TEST

Suite *processor_suite(void)
{
	Suite *s = suite_create("processor");
	TCase *tc = kt_tcase("processor");

	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, processors_are_the_machine_cpus);
	tcase_add_test(tc, default_set);
	tcase_add_test(tc, created_set_moves_threads);
	tcase_add_test(tc, set_policies_and_limits);
	tcase_add_test(tc, default_set_policy_rules);
	tcase_add_test(tc, thread_info_flavors);
	suite_add_tcase(s, tc);
	return s;
}
