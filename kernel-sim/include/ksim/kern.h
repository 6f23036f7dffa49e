/*
 * <ksim/kern.h> - the embedded kernel's core: boot, the kernel lock, wait
 * queues, threads, tasks and kernel objects.
 *
 * Locking.  One kernel lock (ksim_lock) protects every IPC space, port,
 * port set, message queue, semaphore and lock set.  Routines documented
 * "Conditions: kernel locked" must be called with it held; they never
 * drop it unless they say so (the blocking waits do).  The lock nests: a
 * thread that holds it may take it again, and releases it when every
 * level is released; thread_block releases all levels while asleep.
 * Blocking waits end by timeout, by wakeup, or by thread_abort; each
 * waiter sleeps on its own futex word so that a wakeup reaches exactly
 * the thread chosen.
 */
#ifndef KSIM_KERN_H
#define KSIM_KERN_H

#include <pthread.h>
#include <sys/queue.h>
#include <time.h>

#include <ksim/types.h>

/* ---- the kernel lock ---------------------------------------------------- */

void ksim_boot(void);
void ksim_lock(void);
/* ksim_lock unless it would wait: true when taken (for a thread that
   must never wait for the lock: the pager's userfaultfd reader). */
bool ksim_trylock(void);
void ksim_unlock(void);
bool ksim_locked(void);

#define KSIM_ASSERT_LOCKED()	assert(ksim_locked())

/*
 * Release every level of the kernel lock the caller holds, for work too
 * long to do under it (large allocations and copies), and take them all
 * again.  The caller must hold no pointer into kernel state across the
 * gap that another thread could free; what it found before is checked
 * again after.
 */
unsigned ksim_unlock_all(void);
void ksim_relock(unsigned depth);

/*
 * Run fn(arg, size) once the calling thread releases the kernel lock
 * (at once if it does not hold it): for large frees and unmaps, whose
 * cost grows with their size and which touch no kernel state.
 */
void ksim_defer(void (*fn)(void *, size_t), void *arg, size_t size);
void ksim_run_deferred_now(void);

/* ---- copyin and copyout (copyio.c) ---------------------------------------- */

#include <signal.h>

/*
 * Copy between kernel memory and a task's memory, failing instead of
 * faulting: false when a byte could not be read (copyin) or written
 * (copyout).  Conditions: any.
 */
bool ksim_copyin(void *kdst, const void *usrc, size_t len);
bool ksim_copyout(void *udst, const void *ksrc, size_t len);

/*
 * The process's one SIGSEGV/SIGBUS handler.  A fault outside a copy goes
 * to the hook (true: handled, return to the faulting code), else to the
 * handler installed before the kernel's, or the default action.
 */
typedef bool (*ksim_fault_hook_t)(int sig, siginfo_t *si, void *uctx);
/*
 * Is the host thread tid inside a guarded copy right now?  Answered only
 * once ksim_copy_track_start was called (the pager's userfaultfd reader
 * asks: a fault taken inside a kernel copy is made to fail the copy, never
 * waited for).  Conditions: any.
 */
void ksim_copy_track_start(void);
bool ksim_copy_active(pid_t tid);
bool ksim_fault_handler_install(void);
void ksim_fault_hook_set(ksim_fault_hook_t hook);
void ksim_fault_forward(int sig, siginfo_t *si, void *uctx);

/* ---- wait queues ---------------------------------------------------------- */

/* Results of a wait. */
typedef int wait_result_t;
#define THREAD_AWAKENED		0	/* woken by the event */
#define THREAD_TIMED_OUT	1	/* deadline passed */
#define THREAD_INTERRUPTED	2	/* thread_abort */
#define THREAD_RESTART		3	/* the object changed; look again */
#define THREAD_TERMINATED	4	/* the object was destroyed */

/* How a wait queue orders its waiters (SYNC_POLICY_* order bits). */
#define WAITQ_FIFO		0
#define WAITQ_LIFO		2

struct waitq {
	TAILQ_HEAD(, thread)	wq_threads;
	int			wq_policy;
};

void waitq_init(struct waitq *wq, int policy);
bool waitq_empty(const struct waitq *wq);
thread_t waitq_wakeup_one(struct waitq *wq, wait_result_t result);
int waitq_wakeup_all(struct waitq *wq, wait_result_t result);
bool waitq_wakeup_thread(struct waitq *wq, thread_t thread,
    wait_result_t result);

/* An absolute CLOCK_MONOTONIC deadline `ms' milliseconds from now. */
void ksim_deadline_ms(struct timespec *ts, uint64_t ms);
void ksim_deadline_ns(struct timespec *ts, uint64_t ns);

/*
 * Block the current thread on wq until woken, until deadline (NULL: no
 * deadline), or until aborted.  Conditions: kernel locked; the lock is
 * released while asleep and held again on return.
 */
wait_result_t thread_block(struct waitq *wq, const struct timespec *deadline);

/* ---- exception handlers (task_ports.c) ---------------------------------- */

#include <mach/exception_types.h>

/* One slot of a thread's, task's or host's exception handlers. */
struct exception_action {
	ipc_port_t		port;		/* send right, or IP_NULL */
	exception_behavior_t	behavior;
	thread_state_flavor_t	flavor;
};

/* Faults of task threads become exceptions (exception.c); at boot. */
void exception_init(void);

/* Release every handler of a table.  Conditions: kernel locked. */
void exception_actions_release(struct exception_action *tab);
/* Copy a table's handlers (send rights copied).  Kernel locked. */
void exception_actions_copy(struct exception_action *to,
    const struct exception_action *from);

/* ---- threads -------------------------------------------------------------- */

struct thread {
	int			ref_count;
	task_t			task;
	ipc_port_t		ith_self;	/* kobject port (THREAD) */
	bool			active;
	pthread_t		pthread;
	TAILQ_ENTRY(thread)	th_tasklink;	/* task->threads */

	/* wait state: valid while wait_queue != NULL */
	struct waitq		*wait_queue;
	TAILQ_ENTRY(thread)	wait_link;
	wait_result_t		wait_result;
	uint32_t		wait_word;	/* bumped by each wakeup
						   (a futex word) */
	void			*wait_data;	/* handed over by the waker */

	/* the per-thread cached names (user side, per thread in machsim) */
	mach_port_name_t	reply_port;	/* mig_get_reply_port cache */
	struct ipc_kobject_request *ith_kreq;	/* request being served */
	int			lock_held_count;
	bool			exiting;

	/* control from other threads (thread_ctl.c) */
	pid_t			tid;		/* the host thread's id */
	int			suspend_count;	/* thread_suspend's */
	uint32_t		stop_requests;	/* suspend counts of thread
						   and task (atomic) */
	uint32_t		park_word;	/* futex: bumped on resume */
	uint32_t		stopped;	/* futex: 1 while parked */
	void			*stopped_ctx;	/* ucontext_t while parked */
	bool			created;	/* by thread_create */
	bool			stopped_in_kernel; /* parked inside a call */
	struct exception_action	exc_actions[EXC_TYPES_COUNT];

	/* scheduling (sched.c) */
	struct processor_set	*pset;		/* assigned set, NULL: the
						   default (ksim/processor.h) */
	int			sched_policy;	/* POLICY_*, 0: timeshare */
	int			base_priority;	/* Mach's 0..127, 0: 31 */
	bool			depressed;	/* in a depressing switch */
	bool			fixed_priority;	/* EXTENDED timeshare FALSE */
	bool			time_constraint;
	uint32_t		tc_period, tc_computation, tc_constraint;
	bool			tc_preemptible;
	int			importance;	/* PRECEDENCE */
	int			affinity_tag;
	unsigned		policy_set;	/* flavors set (1 << flavor) */
	bool			terminate_req;	/* leave at the next stop */
	void			*exit_jmp;	/* sigjmp_buf * of a spawned
						   thread's first frame */
	void			*first_gregs;	/* a created thread's registers
						   at its first stop (room made
						   at creation: the stop is in
						   a signal handler) */
	bool			first_gregs_kept;
	void			*wired_stack;	/* thread_wire's locked stack */
	size_t			wired_size;
};

thread_t current_thread(void);

/*
 * Thread control (thread_ctl.c).  A stop request a thread cannot act on
 * at once (it holds the kernel lock) waits until it releases the lock:
 * ksim_unlock calls thread_stop_point when the thread's last level goes.
 */
extern __thread bool ksim_stop_pending;
/* > 0 while the thread is inside a kernel call with the lock released
   (a wait, a large copy): it may stop there, not leave. */
extern __thread unsigned ksim_kernel_busy;
void thread_stop_point(void);
void thread_ctl_attach(thread_t th);
void thread_stop_if_asked(thread_t th);

/* thread.c, for thread_ctl.c. */
thread_t thread_current_noboot(void);
void thread_attach(thread_t th);
thread_t thread_create_object(task_t task);	/* kernel locked */
void thread_terminate_object(thread_t th);	/* kernel locked */
void thread_exit_self(thread_t th);		/* unlocked, on th */
/* A thread's CPU times, from the host (thread_ctl.c).  Any conditions. */
#include <mach/time_value.h>
void thread_times(thread_t th, time_value_t *user, time_value_t *sys);
task_t current_task(void);
ipc_space_t current_space(void);
void thread_reference(thread_t thread);
void thread_deallocate(thread_t thread);
/* thread_abort is ksim_thread_abort (<kernel/thread_actServer.h>). */

/* ---- tasks ---------------------------------------------------------------- */

struct vm_map;

struct task {
	int			ref_count;
	bool			active;
	ipc_space_t		itk_space;
	ipc_port_t		itk_self;	/* kobject port (TASK) */
	ipc_port_t		itk_sself;	/* send right given by task_self */
	mach_port_name_t	itk_self_name;	/* mach_task_self's name in
						   itk_space (one send right
						   per task) */
	struct vm_map		*map;
	TAILQ_HEAD(, thread)	threads;
	TAILQ_HEAD(, semaphore)	semaphores;
	TAILQ_HEAD(, lock_set)	lock_sets;
	TAILQ_ENTRY(task)	all_link;
	security_token_t	sec_token;
	audit_token_t		audit_token;
	int			suspend_count;	/* task_suspend's */
	/* special and registered ports (send rights, or IP_NULL) */
	ipc_port_t		itk_host;	/* IP_NULL: the host port */
	ipc_port_t		itk_bootstrap;
	ipc_port_t		itk_seatbelt;
	ipc_port_t		itk_access;
	ipc_port_t		itk_debug_control;
	ipc_port_t		itk_resource_notify;
	bool			itk_seatbelt_set, itk_access_set;
	ipc_port_t		itk_registered[3];
	struct exception_action	exc_actions[EXC_TYPES_COUNT];
	struct processor_set	*pset;		/* assigned set, NULL: the
						   default (ksim/processor.h) */
	int			sched_policy;	/* for new threads, 0: none */
	int			base_priority;
	uint32_t		n_semaphores;	/* on the list above */
	uint32_t		n_ulocks;	/* in all lock_sets */
	struct ledger		*ledger;	/* charged for its memory
						   (referenced), or NULL */
	TAILQ_ENTRY(task)	ledger_link;	/* ledger->l_tasks */
};

extern task_t kernel_task;
extern task_t bootstrap_task;
/* Every task, the kernel's first (kern/task.c).  Kernel locked. */
TAILQ_HEAD(task_queue, task);
extern struct task_queue all_tasks;
extern ipc_space_t ipc_space_kernel;

/*
 * task_create and task_terminate are ksim_task_create and
 * ksim_task_terminate (<kernel/taskServer.h>).  task_deallocate and
 * thread_deallocate take the kernel lock unless the caller holds it.
 */
void task_reference(task_t task);
void task_deallocate(task_t task);

/* task_create's inheritance of ports, and their release at termination
   (task_ports.c).  Conditions: kernel locked. */
void task_ports_inherit(task_t child, task_t parent);
ipc_port_t task_default_host_port(task_t task);
void task_ports_release(task_t task);
/* Every thread of the task ends (thread_ctl.c).  Kernel locked. */
void task_threads_terminate(task_t task);

/* Run fn(arg) on a new pthread that is a thread of task. */
kern_return_t ksim_thread_spawn(task_t task, void *(*fn)(void *), void *arg,
    pthread_t *out);

/* ---- kernel objects ------------------------------------------------------- */

typedef enum {
	IKOT_NONE = 0,
	IKOT_THREAD,
	IKOT_TASK,
	IKOT_HOST,
	IKOT_HOST_PRIV,
	IKOT_HOST_SECURITY,
	IKOT_SEMAPHORE,
	IKOT_LOCK_SET,
	IKOT_CLOCK,
	IKOT_CLOCK_CTRL,
	IKOT_PROCESSOR,
	IKOT_PSET,
	IKOT_PSET_NAME,
	IKOT_LEDGER,
	IKOT_MEM_OBJ_CONTROL,
	IKOT_DEFAULT_PAGER,
	IKOT_NAMED_ENTRY,
	IKOT_I386_DEVICE,	/* kern/i386.c */
	IKOT_TASK_ID_TOKEN,	/* kern/task_ident.c */
	IKOT_MAX
} ipc_kobject_type_t;

ipc_port_t ipc_kobject_alloc_port(void *kobject, ipc_kobject_type_t kind);
void *ipc_kobject_get(ipc_port_t port, ipc_kobject_type_t kind);
void ipc_kobject_destroy_port(ipc_port_t port);
/*
 * A kernel object's port lost its last send right (ipc_port.c calls it
 * for the kinds that live only while they have senders: named entries,
 * task identity tokens).  Conditions: kernel locked.
 */
bool ipc_kobject_no_senders(ipc_port_t port);
/* A task identity token's port lost its last send right (task_ident.c). */
void task_id_token_no_senders(ipc_port_t port);

/* Conditions: kernel locked.  mach_msg_destroy on a message's names. */
struct vm_map;
void ipc_msg_destroy_names(ipc_space_t space, struct vm_map *map,
    mach_msg_header_t *h);

/* The host object (host/host.c) and its ports. */
#include <mach/host_special_ports.h>
struct host {
	/* registered special ports (send rights; kernel ids unused) */
	ipc_port_t		special[HOST_MAX_SPECIAL_PORT + 1];
	struct exception_action	exc_actions[EXC_TYPES_COUNT];
};
extern struct host realhost;
extern ipc_port_t host_port;		/* name port */
extern ipc_port_t host_priv_port;	/* privileged port */
extern ipc_port_t host_security_port;
/* Make the host's ports (kernel locked, once, from task_boot); the
   clocks (host/clock.c), from host_boot. */
void host_boot(void);
void clock_boot(void);
/* The configuration's backing stores (vm/default_pager.c), from host_boot. */
void default_pager_boot(void);
/* The host's CPU ticks (user, system, idle, nice) of one CPU, or of all
   (cpu -1), from /proc/stat. */
#include <mach/machine.h>
bool host_stat_cpu(int cpu, natural_t ticks[CPU_STATE_MAX]);
integer_t host_cpu_count(void);
/* Set the calendar clock (CLOCK_REALTIME); KERN_NO_ACCESS without the
   host's privilege. */
kern_return_t host_calendar_set(const struct timespec *ts);

/* Processors (host/processor.c): how many run, and their slots. */
integer_t processor_running_count(void);
mach_msg_type_number_t processor_slots(integer_t *slots,
    mach_msg_type_number_t max);

/* Port name in the current space -> kernel object (a reference on the port
 * is not taken; kernel locked). */
void *ipc_kobject_from_name(ipc_space_t space, mach_port_name_t name,
    ipc_kobject_type_t kind, kern_return_t *krp);

/*
 * Serve a message sent to a kernel port, in the sender's thread.
 * Conditions: kernel locked on entry and on return (released meanwhile
 * only if a work function blocks).
 * Consumes kmsg; the reply, if any, is queued on the reply right.
 */
void ipc_kobject_server(ipc_kmsg_t kmsg);

/*
 * The kernel-call fast path (ipc_kobject.c): a send-and-receive of a
 * simple MIG request to a kernel object, served in place.  false: nothing
 * done, take the slow path (*lockedp: with the kernel lock held, for the
 * caller to release).  true: sent; then either *mrp is the call's
 * result, or *rcv_slowp says the reply is queued for the receive phase.
 * Conditions: kernel unlocked; *lockedp false on entry.
 */
bool ipc_kobject_fast_call(mach_msg_header_t *msg, mach_msg_option_t option,
    mach_msg_size_t send_size, mach_msg_size_t rcv_size,
    mach_port_name_t rcv_name, mach_msg_header_t *rcv_buf,
    mach_msg_return_t *mrp, bool *rcv_slowp, bool *lockedp);

/* The calling thread exits: free its kernel-call reply buffer. */
void ipc_kobject_thread_exit(void);

/* A request id's reply id: id + 100, wrapping (never signed overflow). */
mach_msg_id_t ipc_kobject_reply_id(mach_msg_id_t id);

#endif /* KSIM_KERN_H */
