/*
 * thread.c - kernel thread objects, one per pthread, made on first use.
 *
 * A pthread that enters the kernel without a thread object becomes a
 * thread of the bootstrap task.  ksim_thread_spawn makes a pthread that
 * starts as a thread of a chosen task.  When the pthread exits, its
 * thread object terminates: held lock-set locks pass on as unstable, its
 * kobject port dies.
 */
#include <assert.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <ksim/ipc.h>
#include <ksim/kern.h>
#include <ksim/processor.h>
#include <ksim/mig_convert.h>
#include <ksim/sync.h>

#include <kernel/host_privServer.h>
#include <kernel/taskServer.h>
#include <kernel/thread_actServer.h>

static _Thread_local thread_t ksim_cur_thread;
static pthread_key_t thread_key;
static pthread_once_t thread_key_once = PTHREAD_ONCE_INIT;

static void thread_exit_hook(void *arg);

static void thread_key_init(void)
{
	pthread_key_create(&thread_key, thread_exit_hook);
}

/*
 * Routine:	thread_create_object
 * Purpose:	A thread object of task with its kobject port.
 * Conditions:	Kernel locked.
 */
thread_t thread_create_object(task_t task)
{
	thread_t th = calloc(1, sizeof(*th));

	if (th == NULL)
		abort();
	th->ref_count = 1;		/* the task's list */
	th->task = task;
	th->active = true;
	th->pset = task->pset;
	task_reference(task);
	th->ith_self = ipc_kobject_alloc_port(th, IKOT_THREAD);
	TAILQ_INSERT_TAIL(&task->threads, th, th_tasklink);
	return th;
}

/* The calling pthread becomes th.  The pthread holds a reference on it
   until its exit hook, taken by whoever made the pair (before the
   pthread could run): a thread terminated while its pthread still runs,
   or before it ever ran, stays readable, and its calls still reach its
   own task. */
void thread_attach(thread_t th)
{
	struct thread_start start;

	pthread_once(&thread_key_once, thread_key_init);
	ksim_cur_thread = th;
	/* The exit hook first: once th->pthread is set, a terminating
	   thread_signal may end this pthread at any point. */
	pthread_setspecific(thread_key, th);
	ksim_lock();			/* others read it under the lock */
	th->pthread = pthread_self();
	processor_thread_prepare(th, &start);
	ksim_unlock();
	thread_ctl_attach(th);
	/* Its set's CPUs and its task's policy, on itself, with no lock
	   taken: a stop asked meanwhile is acted on at its first call. */
	processor_thread_apply(&start);
}

thread_t current_thread(void)
{
	thread_t th = ksim_cur_thread;
	bool locked;

	if (th != THREAD_NULL)
		return th;
	ksim_boot();
	locked = ksim_locked();
	if (!locked)
		ksim_lock();
	th = thread_create_object(bootstrap_task);
	thread_reference(th);		/* the pthread's */
	if (!locked)
		ksim_unlock();
	thread_attach(th);
	return th;
}

/* The calling pthread's thread, or THREAD_NULL if it has none yet
   (a signal handler must not boot the kernel). */
thread_t thread_current_noboot(void)
{
	return ksim_cur_thread;
}

task_t current_task(void)
{
	return current_thread()->task;
}

ipc_space_t current_space(void)
{
	return current_thread()->task->itk_space;
}

/* The count is atomic: a deferred wakeup (startup.c) drops its
   reference after the kernel lock is released. */
void thread_reference(thread_t th)
{
	__atomic_add_fetch(&th->ref_count, 1, __ATOMIC_RELAXED);
}

/* Conditions: any; the last reference takes the kernel lock unless the
   caller holds it. */
void thread_deallocate(thread_t th)
{
	bool locked;

	if (th == THREAD_NULL ||
	    __atomic_sub_fetch(&th->ref_count, 1, __ATOMIC_ACQ_REL) != 0)
		return;
	locked = ksim_locked();
	if (!locked)
		ksim_lock();
	assert(th->wait_queue == NULL);
	task_deallocate(th->task);
	free(th->first_gregs);
	free(th);
	if (!locked)
		ksim_unlock();
}

static void thread_unwire_stack(thread_t th);

/*
 * Routine:	thread_terminate_locked
 * Purpose:	The thread's share of termination: locks, port, task link.
 * Conditions:	Kernel locked.  The thread is not waiting.
 */
void thread_terminate_object(thread_t th)
{
	ipc_port_t port = th->ith_self;

	if (!th->active)
		return;
	th->active = false;
	thread_unwire_stack(th);	/* its stack may be cached for reuse */
	lock_set_thread_terminate(th);
	exception_actions_release(th->exc_actions);
	th->ith_self = IP_NULL;
	ipc_kobject_destroy_port(port);
	TAILQ_REMOVE(&th->task->threads, th, th_tasklink);
	thread_deallocate(th);
}

/*
 * Routine:	thread_exit_self
 * Purpose:	A thread the kernel started leaves its first frame: the
 *		thread object ends now, on its own pthread (if nobody
 *		terminated it already).
 * Conditions:	Kernel unlocked; called on th's pthread.
 */
void thread_exit_self(thread_t th)
{
	/* The pthread's exit hook still runs, as this (dead) thread, so
	   that the library's cleanup acts in this thread's own task. */
	ksim_lock();
	thread_terminate_object(th);
	ksim_unlock();
}

/*
 * The pthread is exiting.  The first round of key destructors only
 * re-arms this one, so that other destructors (the runtime's reply-port
 * cleanup) can still make kernel calls as this thread; the next round
 * terminates the thread object.
 */
static void thread_exit_hook(void *arg)
{
	thread_t th = arg;

	if (!th->exiting) {
		th->exiting = true;
		pthread_setspecific(thread_key, th);
		return;
	}
	ksim_lock();
	thread_terminate_object(th);
	ksim_unlock();
	ksim_cur_thread = THREAD_NULL;
	ipc_kobject_thread_exit();
	thread_deallocate(th);		/* thread_attach's */
}

/*
 * Routine:	thread_abort
 * Purpose:	End the thread's interruptible wait, if it is in one.
 * Conditions:	Kernel unlocked.
 * Returns:	KERN_SUCCESS; KERN_INVALID_ARGUMENT for a null thread;
 *		KERN_TERMINATED for a terminated one.
 */
kern_return_t ksim_thread_abort(thread_act_t th)
{
	kern_return_t kr = KERN_SUCCESS;

	if (th == THREAD_NULL)
		return KERN_INVALID_ARGUMENT;
	ksim_lock();
	if (!th->active)
		kr = KERN_TERMINATED;
	else if (th->wait_queue != NULL)
		waitq_wakeup_thread(th->wait_queue, th, THREAD_INTERRUPTED);
	ksim_unlock();
	return kr;
}

struct spawn_args {
	thread_t	th;
	void		*(*fn)(void *);
	void		*arg;
};

/* A spawned thread's first frame, its exit point for thread_terminate. */
static void *spawn_trampoline(void *p)
{
	struct spawn_args a = *(struct spawn_args *)p;
	sigjmp_buf exit_jmp;
	void *volatile ret = NULL;

	free(p);
	thread_attach(a.th);
	a.th->exit_jmp = &exit_jmp;
	if (sigsetjmp(exit_jmp, 0) == 0) {
		/* Stopped or ended before it ever ran: that first. */
		thread_stop_if_asked(a.th);
		ret = a.fn(a.arg);
	}
	a.th->exit_jmp = NULL;
	return ret;
}

/*
 * Routine:	ksim_thread_spawn
 * Purpose:	Run fn(arg) on a new pthread that is a thread of task.
 * Conditions:	Kernel unlocked.
 * Returns:	KERN_SUCCESS; KERN_INVALID_ARGUMENT (null task or fn);
 *		KERN_FAILURE (inactive task); KERN_RESOURCE_SHORTAGE.
 */
kern_return_t ksim_thread_spawn(task_t task, void *(*fn)(void *), void *arg,
    pthread_t *out)
{
	struct spawn_args *a;
	pthread_t pt;

	if (task == TASK_NULL || fn == NULL)
		return KERN_INVALID_ARGUMENT;
	ksim_boot();
	a = malloc(sizeof(*a));
	if (a == NULL)
		return KERN_RESOURCE_SHORTAGE;
	ksim_lock();
	if (!task->active) {
		ksim_unlock();
		free(a);
		return KERN_FAILURE;
	}
	a->th = thread_create_object(task);
	thread_reference(a->th);	/* the new pthread's */
	ksim_unlock();
	a->fn = fn;
	a->arg = arg;
	if (pthread_create(&pt, NULL, spawn_trampoline, a) != 0) {
		ksim_lock();
		thread_terminate_object(a->th);
		thread_deallocate(a->th);	/* the pthread's */
		ksim_unlock();
		free(a);
		return KERN_RESOURCE_SHORTAGE;
	}
	if (out != NULL)
		*out = pt;
	else
		pthread_detach(pt);
	return KERN_SUCCESS;
}

/* ---- KernelServer translations (<ksim/mig_convert.h>) ------------------------ */

thread_t convert_port_to_thread(mach_port_t name)
{
	thread_t th;

	ksim_lock();
	th = ipc_kobject_lookup(name, IKOT_THREAD);
	if (th != THREAD_NULL)
		thread_reference(th);
	ksim_unlock();
	return th;
}

mach_port_t convert_thread_to_port(thread_t th)
{
	mach_port_t name;

	if (th == THREAD_NULL)
		return MACH_PORT_NULL;
	ksim_lock();
	name = ipc_kobject_reply_send(th->ith_self);
	thread_deallocate(th);
	ksim_unlock();
	return name;
}

/* ---- task.defs: later issues (KERN_NOT_SUPPORTED) ----------------------- */

/* ---- thread_act.defs: later issues (KERN_NOT_SUPPORTED) ----------------- */

/*
 * thread_sample (3619): Start (or stop, with a null port) sampling the
 * thread's PC.
 */
kern_return_t ksim_thread_sample(thread_act_t thread, mach_port_t reply)
{
	(void)thread;
	(void)reply;
	return KERN_NOT_SUPPORTED;
}

/* etap_trace_thread (3620): Turn event tracing for the thread on or off. */
kern_return_t ksim_etap_trace_thread(thread_act_t target_act,
    boolean_t trace_status)
{
	(void)target_act;
	(void)trace_status;
	return KERN_NOT_SUPPORTED;
}

/* ---- host_priv.defs ------------------------------------------------------------- */

/* The host stack of a thread: its pthread's, from its top down to the
   caller's stack pointer when it is the caller (a main thread's stack
   below that may not be mapped yet).  False: no host thread yet. */
static bool thread_stack_range(thread_t th, void **lo, size_t *len)
{
	pthread_attr_t attr;
	uintptr_t base, top, sp = (uintptr_t)&attr;
	size_t size, page = (size_t)sysconf(_SC_PAGESIZE);
	void *addr;

	if (th->pthread == 0 || pthread_getattr_np(th->pthread, &attr) != 0)
		return false;
	if (pthread_attr_getstack(&attr, &addr, &size) != 0) {
		pthread_attr_destroy(&attr);
		return false;
	}
	pthread_attr_destroy(&attr);
	base = (uintptr_t)addr;
	top = base + size;
	if (th == current_thread() && sp > base && sp < top)
		base = sp & ~(uintptr_t)(page - 1);
	*lo = (void *)base;
	*len = top - base;
	return true;
}

/* Undo thread_wire.  Kernel locked. */
static void thread_unwire_stack(thread_t th)
{
	if (th->wired_stack == NULL)
		return;
	/* The system call itself, as for mlock2: sanitizer run-times make
	   the library's munlock a no-op. */
	(void)syscall(SYS_munlock, th->wired_stack, th->wired_size);
	th->wired_stack = NULL;
	th->wired_size = 0;
}

/*
 * Routine:	ksim_thread_wire (405)
 * Purpose:	thread_wire: mark the thread privileged with respect to
 *		kernel memory, so that memory pressure does not hold it
 *		up.  XNU lets such a thread take pages from a reserve;
 *		Linux has no reserve a process can be given, so machsim
 *		gives the nearest meaning: the thread's stack is locked in
 *		memory (mlock2, MLOCK_ONFAULT: each page stays resident
 *		once touched, and never waits on swap).  wired FALSE
 *		unlocks it.  Wiring a wired thread, or unwiring an unwired
 *		one, changes nothing.  The lock counts against the
 *		process's RLIMIT_MEMLOCK unless it has CAP_IPC_LOCK.
 * Returns:	KERN_SUCCESS; KERN_INVALID_HOST (not the privileged host
 *		port); KERN_INVALID_ARGUMENT (null or ended thread);
 *		KERN_FAILURE (no host thread yet: created, never run);
 *		KERN_RESOURCE_SHORTAGE (the host would not lock it: over
 *		the locked-memory limit).
 */
kern_return_t ksim_thread_wire(host_priv_t host_priv, thread_act_t thread,
    boolean_t wired)
{
	kern_return_t kr = KERN_SUCCESS;
	void *lo;
	size_t len;

	if (host_priv == HOST_NULL)
		return KERN_INVALID_HOST;
	if (thread == THREAD_NULL)
		return KERN_INVALID_ARGUMENT;
	ksim_lock();
	if (!thread->active) {
		kr = KERN_INVALID_ARGUMENT;
	} else if (wired && thread->wired_stack == NULL) {
		if (!thread_stack_range(thread, &lo, &len)) {
			kr = KERN_FAILURE;
		} else if (syscall(SYS_mlock2, lo, len, MLOCK_ONFAULT) != 0) {
			kr = KERN_RESOURCE_SHORTAGE;
		} else {
			thread->wired_stack = lo;
			thread->wired_size = len;
		}
	} else if (!wired) {
		thread_unwire_stack(thread);
	}
	ksim_unlock();
	return kr;
}
