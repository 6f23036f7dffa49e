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
#include <stdlib.h>
#include <string.h>

#include <ksim/ipc.h>
#include <ksim/kern.h>
#include <ksim/sync.h>

static _Thread_local thread_t ksim_cur_thread;
static pthread_key_t thread_key;
static pthread_once_t thread_key_once = PTHREAD_ONCE_INIT;

static void thread_exit_hook(void *arg);

static void thread_key_init(void)
{
	pthread_key_create(&thread_key, thread_exit_hook);
}

/*
 * Routine:	thread_alloc
 * Purpose:	A thread object of task with its kobject port.
 * Conditions:	Kernel locked.
 */
static thread_t thread_alloc(task_t task)
{
	thread_t th = calloc(1, sizeof(*th));
	pthread_condattr_t attr;

	if (th == NULL)
		abort();
	th->ref_count = 1;		/* the task's list */
	th->task = task;
	th->active = true;
	task_reference(task);
	pthread_condattr_init(&attr);
	pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
	pthread_cond_init(&th->wait_cv, &attr);
	pthread_condattr_destroy(&attr);
	th->ith_self = ipc_kobject_alloc_port(th, IKOT_THREAD);
	TAILQ_INSERT_TAIL(&task->threads, th, th_tasklink);
	return th;
}

static void thread_attach(thread_t th)
{
	pthread_once(&thread_key_once, thread_key_init);
	ksim_cur_thread = th;
	th->pthread = pthread_self();
	pthread_setspecific(thread_key, th);
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
	th = thread_alloc(bootstrap_task);
	if (!locked)
		ksim_unlock();
	thread_attach(th);
	return th;
}

task_t current_task(void)
{
	return current_thread()->task;
}

ipc_space_t current_space(void)
{
	return current_thread()->task->itk_space;
}

void thread_reference(thread_t th)
{
	th->ref_count++;
}

/* Conditions: kernel locked. */
void thread_deallocate(thread_t th)
{
	if (th == THREAD_NULL || --th->ref_count > 0)
		return;
	assert(th->wait_queue == NULL);
	pthread_cond_destroy(&th->wait_cv);
	task_deallocate(th->task);
	free(th);
}

/*
 * Routine:	thread_terminate_locked
 * Purpose:	The thread's share of termination: locks, port, task link.
 * Conditions:	Kernel locked.  The thread is not waiting.
 */
static void thread_terminate_locked(thread_t th)
{
	ipc_port_t port = th->ith_self;

	if (!th->active)
		return;
	th->active = false;
	lock_set_thread_terminate(th);
	th->ith_self = IP_NULL;
	ipc_kobject_destroy_port(port);
	TAILQ_REMOVE(&th->task->threads, th, th_tasklink);
	thread_deallocate(th);
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
	thread_terminate_locked(th);
	ksim_unlock();
	ksim_cur_thread = THREAD_NULL;
}

/*
 * Routine:	thread_abort
 * Purpose:	End the thread's interruptible wait, if it is in one.
 * Conditions:	Kernel unlocked.
 * Returns:	KERN_SUCCESS; KERN_INVALID_ARGUMENT for a null thread;
 *		KERN_TERMINATED for a terminated one.
 */
kern_return_t thread_abort(thread_t th)
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

static void *spawn_trampoline(void *p)
{
	struct spawn_args a = *(struct spawn_args *)p;

	free(p);
	thread_attach(a.th);
	return a.fn(a.arg);
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
	a->th = thread_alloc(task);
	ksim_unlock();
	a->fn = fn;
	a->arg = arg;
	if (pthread_create(&pt, NULL, spawn_trampoline, a) != 0) {
		ksim_lock();
		thread_terminate_locked(a->th);
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
