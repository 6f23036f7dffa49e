/*
 * <ksim/processor.h> - processors and processor sets (MACH-SEMANTICS
 * 9.3; host/processor.c, host/processor_set.c).
 *
 * One processor per host CPU the process may run on at boot, named by
 * its CPU number (its slot).  Every processor belongs to one set; the
 * default set holds them all at boot, and the boot configuration or
 * processor_set_create / processor_assign make others.  A task and each
 * of its threads are assigned to a set (NULL: the default set); a
 * thread's host affinity is the CPUs of its set's processors, so that
 * assignment decides where the thread really runs.
 *
 * Conditions: every field is read and written with the kernel locked.
 */
#ifndef KSIM_PROCESSOR_H
#define KSIM_PROCESSOR_H

#include <sched.h>
#include <sys/queue.h>

#include <ksim/kern.h>
#include <ksim/types.h>

struct processor {
	ipc_port_t		port;		/* kobject port (PROCESSOR) */
	int			slot;		/* host CPU number */
	bool			is_master;	/* the first one */
	struct processor_set	*pset;
};

/* A policy's base priority and limit in a set (PROCESSOR_SET_*_DEFAULT,
   PROCESSOR_SET_*_LIMITS). */
struct pset_policy {
	int			base;		/* base priority */
	int			limit;		/* maximum priority */
	int			quantum;	/* ms (round robin) */
};

struct processor_set {
	ipc_port_t		port;		/* control (PSET) */
	ipc_port_t		name_port;	/* name (PSET_NAME) */
	bool			active;
	char			name[64];
	int			policies;	/* enabled POLICY_* bits */
	int			max_priority;
	struct pset_policy	timeshare, rr, fifo;
	TAILQ_ENTRY(processor_set) all_link;
};

extern struct processor_set *default_pset;

/* Boot: the processors, the default set, the configuration's sets.
   Kernel locked, from host_boot. */
void processor_boot(void);
void pset_boot(void);		/* the default set */
void pset_boot_config(void);	/* the configuration's sets */

/* Processors by slot and by index; a set's CPUs (and their count).
   Kernel locked. */
struct processor *processor_of_slot(int slot);
struct processor *processor_at(int i);
int pset_cpus(const struct processor_set *pset, cpu_set_t *mask);

/* The set a task or thread is assigned to (never NULL). */
struct processor_set *task_pset(task_t task);
struct processor_set *thread_pset(thread_t th);

/*
 * A thread begins to run on its pthread: what it must take on (its
 * set's CPUs, its task's policy) is read with the kernel locked
 * (prepare), then applied by the thread to itself with no lock (apply).
 */
struct thread_start {
	bool		set_cpus;
	cpu_set_t	cpus;
	int		policy;		/* 0: leave as it is */
	int		base;
};
void processor_thread_prepare(thread_t th, struct thread_start *ts);
void processor_thread_apply(const struct thread_start *ts);

/* Is policy enabled in the set, and the set's limit for it. */
bool pset_policy_enabled(const struct processor_set *pset, int policy);
int pset_policy_limit(const struct processor_set *pset, int policy);

/* Give a thread a policy and base priority on the host (sched.c).
   KERN_NO_ACCESS where the process lacks the privilege.  Any lock.
   sched_host_apply does the host's part for a host thread id (0: the
   caller). */
kern_return_t sched_thread_apply(thread_t th, int policy, int base);
kern_return_t sched_host_apply(pid_t tid, int policy, int base);

#endif /* KSIM_PROCESSOR_H */
