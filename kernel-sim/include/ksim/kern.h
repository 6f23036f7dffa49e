/*
 * <ksim/kern.h> - the embedded kernel's core: boot, the kernel lock, wait
 * queues, threads, tasks and kernel objects.
 *
 * Locking.  One kernel lock (ksim_lock) protects every IPC space, port,
 * port set, message queue, semaphore and lock set.  Routines documented
 * "Conditions: kernel locked" must be called with it held; they never
 * drop it unless they say so (the blocking waits do, through the thread's
 * condition variable).  Blocking waits end by timeout, by wakeup, or by
 * thread_abort; each waiter sleeps on its own condition variable so that
 * a wakeup reaches exactly the thread chosen.
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
void ksim_unlock(void);
bool ksim_locked(void);

#define KSIM_ASSERT_LOCKED()	assert(ksim_locked())

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
	pthread_cond_t		wait_cv;
	void			*wait_data;	/* handed over by the waker */

	/* the per-thread cached names (user side, per thread in machsim) */
	mach_port_name_t	reply_port;	/* mig_get_reply_port cache */
	int			lock_held_count;
	bool			exiting;
};

thread_t current_thread(void);
task_t current_task(void);
ipc_space_t current_space(void);
void thread_reference(thread_t thread);
void thread_deallocate(thread_t thread);
kern_return_t thread_abort(thread_t thread);

/* ---- tasks ---------------------------------------------------------------- */

struct vm_map;

struct task {
	int			ref_count;
	bool			active;
	ipc_space_t		itk_space;
	ipc_port_t		itk_self;	/* kobject port (TASK) */
	ipc_port_t		itk_sself;	/* send right given by task_self */
	struct vm_map		*map;
	TAILQ_HEAD(, thread)	threads;
	TAILQ_HEAD(, semaphore)	semaphores;
	TAILQ_HEAD(, lock_set)	lock_sets;
	TAILQ_ENTRY(task)	all_link;
	security_token_t	sec_token;
	audit_token_t		audit_token;
};

extern task_t kernel_task;
extern task_t bootstrap_task;
extern ipc_space_t ipc_space_kernel;

/*
 * task_create: a new task with an empty IPC space (holding only its self
 * send right) and an empty map.  A plain kernel function for now; the
 * MIG routine will wrap it.
 */
kern_return_t task_create(task_t parent, void *ledgers, unsigned count,
    boolean_t inherit_memory, task_t *child);
kern_return_t task_terminate(task_t task);
void task_reference(task_t task);
void task_deallocate(task_t task);

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
	IKOT_SEMAPHORE,
	IKOT_LOCK_SET,
	IKOT_MAX
} ipc_kobject_type_t;

/*
 * A demuxer for messages to kernel objects: MIG's <subsystem>_server
 * shape.  Request and reply are user-layout messages whose port names are
 * names in ipc_space_kernel.
 */
typedef boolean_t (*ipc_kobject_demux_t)(mach_msg_header_t *request,
    mach_msg_header_t *reply);

struct ipc_kobject_subsystem {
	ipc_kobject_type_t	kind;
	mach_msg_id_t		start;	/* first id */
	mach_msg_id_t		end;	/* last id + 1 */
	mach_msg_size_t		maxsize;	/* largest reply */
	ipc_kobject_demux_t	demux;
};

/* Register a demuxer for a kind of kernel object and an id range. */
kern_return_t ipc_kobject_register(const struct ipc_kobject_subsystem *sub);

ipc_port_t ipc_kobject_alloc_port(void *kobject, ipc_kobject_type_t kind);
void *ipc_kobject_get(ipc_port_t port, ipc_kobject_type_t kind);
void ipc_kobject_destroy_port(ipc_port_t port);

/* Conditions: kernel locked.  mach_msg_destroy on a message's names. */
struct vm_map;
void ipc_msg_destroy_names(ipc_space_t space, struct vm_map *map,
    mach_msg_header_t *h);

/* The host object. */
extern ipc_port_t host_port;

/* Port name in the current space -> kernel object (a reference on the port
 * is not taken; kernel locked). */
void *ipc_kobject_from_name(ipc_space_t space, mach_port_name_t name,
    ipc_kobject_type_t kind, kern_return_t *krp);

/*
 * Serve a message sent to a kernel port, in the sender's thread.
 * Conditions: kernel locked on entry and on return (dropped meanwhile).
 * Consumes kmsg; the reply, if any, is queued on the reply right.
 */
void ipc_kobject_server(ipc_kmsg_t kmsg);

#endif /* KSIM_KERN_H */
