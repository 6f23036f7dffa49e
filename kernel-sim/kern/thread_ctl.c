/*
 * thread_ctl.c - suspending, resuming, reading and writing real threads,
 * and threads made at a register state (MACH-SEMANTICS 7.1, 7.4).
 *
 * Every thread of every task is a pthread of this process.  One
 * real-time signal, KSIM_SIG_CONTROL (SIGRTMIN + 4), is the kernel's:
 * its handler runs on the thread it stops, which parks there on a futex
 * until nothing asks it to stop any more.  The handler's ucontext is the
 * thread's saved state: thread_get_state reads it, thread_set_state
 * writes it, and returning from the handler resumes the thread with
 * whatever registers it then holds.
 *
 *     suspender                          target
 *     ---------                          ------
 *     stop_requests = n > 0              (running user code)
 *     pthread_kill(SIG) ---------------> handler: lock held?
 *     wait on stopped                        yes: ksim_stop_pending, and
 *       (kernel lock released)                    park at ksim_unlock
 *                                            no:  stopped = 1, wake;
 *                       <---------------         wait on park_word
 *     get/set the ucontext                   ...
 *     stop_requests = 0, bump park_word -->  stopped = 0, return
 *
 * A thread is never parked while it holds the kernel lock: the request
 * waits until its last level is released.  A thread blocked in a kernel
 * wait has released the lock, and parks there; it goes on with its wait
 * when resumed (suspension does not end a wait; thread_abort does).
 *
 * Threads the kernel starts (thread_create, machsim_thread_spawn) have
 * an exit point in their first frame: terminating one, itself or from
 * another thread, jumps back there and the pthread ends normally.
 * thread_create's pthread starts parked; thread_set_state gives it the
 * registers (rip, rsp, rdi, ...) it resumes with, on a stack the caller
 * allocated in the task.  Resumed with no state set, it ends.
 */
#include <errno.h>
#include <limits.h>
#include <linux/futex.h>
#include <setjmp.h>
#include <signal.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

#include <mach/machine/thread_status.h>
#include <mach/policy.h>
#include <mach/thread_info.h>

#include <ksim/ipc.h>
#include <ksim/kern.h>
#include <ksim/processor.h>
#include <ksim/mig_convert.h>
#include <ksim/traps.h>
#include <ksim/vm.h>

#include <kernel/taskServer.h>
#include <kernel/thread_actServer.h>

#define KSIM_SIG_CONTROL	(SIGRTMIN + 4)

__thread bool ksim_stop_pending;

static pthread_once_t ctl_once = PTHREAD_ONCE_INIT;

static long ctl_futex(uint32_t *word, int op, uint32_t val,
    const struct timespec *rel)
{
	return syscall(SYS_futex, word, op, val, rel, NULL, 0);
}

static void ctl_wake_all(uint32_t *word)
{
	ctl_futex(word, FUTEX_WAKE_PRIVATE, INT_MAX, NULL);
}

/* The thread leaves for good: back to its first frame, or pthread_exit. */
static void thread_leave(thread_t th)
{
	if (th->exit_jmp != NULL)
		siglongjmp(*(sigjmp_buf *)th->exit_jmp, 1);
	pthread_exit(NULL);
}

/*
 * Routine:	thread_park
 * Purpose:	Stop here, on the thread itself, until no stop is asked
 *		for; uc is the state the thread resumes with.
 * Conditions:	Kernel unlocked; in the control signal's handler.
 */
static void thread_park(thread_t th, void *uc)
{
	/* A created thread's first stop is in its first frame: keep those
	   registers, the way back there when it ends. */
	if (th->created && !th->first_gregs_kept) {
		memcpy(th->first_gregs, ((ucontext_t *)uc)->uc_mcontext.gregs,
		    sizeof(gregset_t));
		th->first_gregs_kept = true;
	}
	th->stopped_in_kernel = ksim_kernel_busy > 0;
	th->stopped_ctx = uc;
	__atomic_store_n(&th->stopped, 1, __ATOMIC_RELEASE);
	ctl_wake_all(&th->stopped);
	for (;;) {
		uint32_t seen = __atomic_load_n(&th->park_word,
		    __ATOMIC_ACQUIRE);

		if (__atomic_load_n(&th->stop_requests, __ATOMIC_ACQUIRE) == 0 ||
		    __atomic_load_n(&th->terminate_req, __ATOMIC_ACQUIRE))
			break;
		ctl_futex(&th->park_word, FUTEX_WAIT_PRIVATE, seen, NULL);
	}
	__atomic_store_n(&th->stopped, 0, __ATOMIC_RELEASE);
	th->stopped_ctx = NULL;
	if (__atomic_load_n(&th->terminate_req, __ATOMIC_ACQUIRE)) {
		/* Inside a kernel call, the call ends first (its waits were
		   interrupted); the thread leaves as it releases the lock. */
		if (ksim_kernel_busy > 0) {
			ksim_stop_pending = true;
		} else if (th->created && th->first_gregs_kept) {
			/* Back to its first frame by the signal's return, on
			   its own stack: the stack it ran on (the task's
			   memory) is simply left. */
			memcpy(((ucontext_t *)uc)->uc_mcontext.gregs,
			    th->first_gregs, sizeof(gregset_t));
		} else {
			thread_leave(th);
		}
	}
}

static void ctl_handler(int sig, siginfo_t *si, void *uc)
{
	thread_t th = thread_current_noboot();
	int saved = errno;

	(void)sig;
	(void)si;
	if (th == THREAD_NULL)
		return;
	if (ksim_locked()) {
		ksim_stop_pending = true;	/* at ksim_unlock */
	} else if (__atomic_load_n(&th->stop_requests, __ATOMIC_ACQUIRE) > 0 ||
	    __atomic_load_n(&th->terminate_req, __ATOMIC_ACQUIRE)) {
		thread_park(th, uc);
	}
	errno = saved;
}

static void ctl_install(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = ctl_handler;
	sa.sa_flags = SA_SIGINFO | SA_RESTART;
	sigemptyset(&sa.sa_mask);
	sigaction(KSIM_SIG_CONTROL, &sa, NULL);
}

/* The thread joins the kernel: its host id, the control signal. */
void thread_ctl_attach(thread_t th)
{
	pthread_once(&ctl_once, ctl_install);
	th->tid = (pid_t)syscall(SYS_gettid);
}

/* A thread starting up: stop (or leave) now if that was asked before
   its pthread could be signalled. */
void thread_stop_if_asked(thread_t th)
{
	if (__atomic_load_n(&th->stop_requests, __ATOMIC_ACQUIRE) > 0 ||
	    __atomic_load_n(&th->terminate_req, __ATOMIC_ACQUIRE))
		pthread_kill(pthread_self(), KSIM_SIG_CONTROL);
}

/* Signal th's pthread, if it has one yet.  Conditions: kernel locked. */
static void thread_signal(thread_t th)
{
	if (th->pthread != 0)
		pthread_kill(th->pthread, KSIM_SIG_CONTROL);
}

/* ksim_unlock's last level with a stop waiting: take it now. */
void thread_stop_point(void)
{
	ksim_stop_pending = false;
	pthread_kill(pthread_self(), KSIM_SIG_CONTROL);
}

/*
 * Routine:	thread_stop_update
 * Purpose:	Publish how many reasons the thread has to stop (its own
 *		suspend count and its task's); at none, release it.
 * Conditions:	Kernel locked.
 */
static void thread_stop_update(thread_t th)
{
	uint32_t n = (uint32_t)(th->suspend_count + th->task->suspend_count);

	__atomic_store_n(&th->stop_requests, n, __ATOMIC_RELEASE);
	if (n == 0) {
		__atomic_add_fetch(&th->park_word, 1, __ATOMIC_RELEASE);
		ctl_wake_all(&th->park_word);
	}
}

/*
 * Routine:	thread_stop_wait
 * Purpose:	Make th act on its stop request and wait until it has
 *		parked (or died).  The caller's own thread stops when it
 *		releases the kernel lock, so it is not waited for.
 * Conditions:	Kernel locked; released while waiting.  th referenced.
 */
static void thread_stop_wait(thread_t th)
{
	unsigned depth;

	if (th == current_thread()) {
		ksim_stop_pending = true;
		return;
	}
	if (!th->active ||
	    __atomic_load_n(&th->stopped, __ATOMIC_ACQUIRE))
		return;
	thread_signal(th);
	depth = ksim_unlock_all();
	while (!__atomic_load_n(&th->stopped, __ATOMIC_ACQUIRE)) {
		struct timespec rel = { 0, 10 * 1000 * 1000 };
		bool active;

		ctl_futex(&th->stopped, FUTEX_WAIT_PRIVATE, 0, &rel);
		ksim_lock();
		active = th->active;
		ksim_unlock();
		if (!active)
			break;
	}
	ksim_relock(depth);
}

/* ---- suspension ----------------------------------------------------------------- */

kern_return_t ksim_thread_suspend(thread_act_t th)
{
	kern_return_t kr = KERN_SUCCESS;

	if (th == THREAD_NULL)
		return KERN_INVALID_ARGUMENT;
	ksim_lock();
	if (!th->active) {
		kr = KERN_TERMINATED;
	} else {
		th->suspend_count++;
		thread_stop_update(th);
		thread_stop_wait(th);
	}
	ksim_unlock();
	return kr;
}

kern_return_t ksim_thread_resume(thread_act_t th)
{
	kern_return_t kr = KERN_SUCCESS;

	if (th == THREAD_NULL)
		return KERN_INVALID_ARGUMENT;
	ksim_lock();
	if (!th->active)
		kr = KERN_TERMINATED;
	else if (th->suspend_count == 0)
		kr = KERN_FAILURE;
	else {
		th->suspend_count--;
		thread_stop_update(th);
	}
	ksim_unlock();
	return kr;
}

/*
 * Routine:	ksim_task_suspend
 * Purpose:	Raise the task's suspend count; every thread of it stops
 *		before the call returns (the caller's own, if it is one,
 *		when it leaves the kernel).
 * Returns:	KERN_SUCCESS; KERN_INVALID_ARGUMENT (null task);
 *		KERN_FAILURE (terminated task).
 */
kern_return_t ksim_task_suspend(task_t task)
{
	thread_t th;

	if (task == TASK_NULL)
		return KERN_INVALID_ARGUMENT;
	ksim_lock();
	if (!task->active) {
		ksim_unlock();
		return KERN_FAILURE;
	}
	task->suspend_count++;
	TAILQ_FOREACH(th, &task->threads, th_tasklink) {
		thread_stop_update(th);
		if (th != current_thread())
			thread_signal(th);
	}
	/* Then wait for each; the list may change while we wait. */
restart:
	TAILQ_FOREACH(th, &task->threads, th_tasklink) {
		if (th == current_thread()) {
			ksim_stop_pending = true;
			continue;
		}
		if (th->active &&
		    !__atomic_load_n(&th->stopped, __ATOMIC_ACQUIRE)) {
			thread_reference(th);
			thread_stop_wait(th);
			thread_deallocate(th);
			goto restart;
		}
	}
	ksim_unlock();
	return KERN_SUCCESS;
}

/* Returns: KERN_SUCCESS; KERN_INVALID_ARGUMENT; KERN_FAILURE (count 0 or
   terminated task). */
kern_return_t ksim_task_resume(task_t task)
{
	thread_t th;
	kern_return_t kr = KERN_SUCCESS;

	if (task == TASK_NULL)
		return KERN_INVALID_ARGUMENT;
	ksim_lock();
	if (!task->active || task->suspend_count == 0) {
		kr = KERN_FAILURE;
	} else {
		task->suspend_count--;
		TAILQ_FOREACH(th, &task->threads, th_tasklink)
			thread_stop_update(th);
	}
	ksim_unlock();
	return kr;
}

/* ---- machine state ---------------------------------------------------------------- */

static void state_from_ctx(const ucontext_t *uc, x86_thread_state64_t *s)
{
	const greg_t *g = uc->uc_mcontext.gregs;
	uint64_t csgsfs = (uint64_t)g[REG_CSGSFS];

	s->__rax = (uint64_t)g[REG_RAX];
	s->__rbx = (uint64_t)g[REG_RBX];
	s->__rcx = (uint64_t)g[REG_RCX];
	s->__rdx = (uint64_t)g[REG_RDX];
	s->__rdi = (uint64_t)g[REG_RDI];
	s->__rsi = (uint64_t)g[REG_RSI];
	s->__rbp = (uint64_t)g[REG_RBP];
	s->__rsp = (uint64_t)g[REG_RSP];
	s->__r8 = (uint64_t)g[REG_R8];
	s->__r9 = (uint64_t)g[REG_R9];
	s->__r10 = (uint64_t)g[REG_R10];
	s->__r11 = (uint64_t)g[REG_R11];
	s->__r12 = (uint64_t)g[REG_R12];
	s->__r13 = (uint64_t)g[REG_R13];
	s->__r14 = (uint64_t)g[REG_R14];
	s->__r15 = (uint64_t)g[REG_R15];
	s->__rip = (uint64_t)g[REG_RIP];
	s->__rflags = (uint64_t)g[REG_EFL];
	s->__cs = csgsfs & 0xffff;
	s->__gs = (csgsfs >> 16) & 0xffff;
	s->__fs = (csgsfs >> 32) & 0xffff;
}

/* The segment registers are the process's: cs, fs and gs are kept. */
static void state_to_ctx(ucontext_t *uc, const x86_thread_state64_t *s)
{
	greg_t *g = uc->uc_mcontext.gregs;

	g[REG_RAX] = (greg_t)s->__rax;
	g[REG_RBX] = (greg_t)s->__rbx;
	g[REG_RCX] = (greg_t)s->__rcx;
	g[REG_RDX] = (greg_t)s->__rdx;
	g[REG_RDI] = (greg_t)s->__rdi;
	g[REG_RSI] = (greg_t)s->__rsi;
	g[REG_RBP] = (greg_t)s->__rbp;
	g[REG_RSP] = (greg_t)s->__rsp;
	g[REG_R8] = (greg_t)s->__r8;
	g[REG_R9] = (greg_t)s->__r9;
	g[REG_R10] = (greg_t)s->__r10;
	g[REG_R11] = (greg_t)s->__r11;
	g[REG_R12] = (greg_t)s->__r12;
	g[REG_R13] = (greg_t)s->__r13;
	g[REG_R14] = (greg_t)s->__r14;
	g[REG_R15] = (greg_t)s->__r15;
	g[REG_RIP] = (greg_t)s->__rip;
	/* The user-settable flags only (CF PF AF ZF SF TF DF OF). */
	g[REG_EFL] = (greg_t)(((uint64_t)g[REG_EFL] & ~0xdd5ull) |
	    (s->__rflags & 0xdd5ull));
}

/*
 * Routine:	state_get
 * Purpose:	One flavor of a parked thread's state into out (count
 *		words at most); *countp becomes the flavor's count.
 * Returns:	KERN_SUCCESS; KERN_INVALID_ARGUMENT (unknown flavor, count
 *		too small).
 */
static kern_return_t state_get(const ucontext_t *uc, int flavor,
    natural_t *out, mach_msg_type_number_t *countp)
{
	mach_msg_type_number_t need;

	switch (flavor) {
	case x86_THREAD_STATE64:
		need = x86_THREAD_STATE64_COUNT;
		if (*countp < need)
			return KERN_INVALID_ARGUMENT;
		state_from_ctx(uc, (x86_thread_state64_t *)(void *)out);
		break;
	case x86_THREAD_STATE: {
		x86_thread_state_t *s = (void *)out;

		need = x86_THREAD_STATE_COUNT;
		if (*countp < need)
			return KERN_INVALID_ARGUMENT;
		memset(s, 0, sizeof(*s));
		s->tsh.flavor = x86_THREAD_STATE64;
		s->tsh.count = x86_THREAD_STATE64_COUNT;
		state_from_ctx(uc, &s->uts.ts64);
		break;
	}
	case x86_FLOAT_STATE64: {
		x86_float_state64_t *f = (void *)out;

		need = x86_FLOAT_STATE64_COUNT;
		if (*countp < need)
			return KERN_INVALID_ARGUMENT;
		memset(f, 0, sizeof(*f));
		/* Darwin's float state is the FXSAVE image behind 8 bytes. */
		if (uc->uc_mcontext.fpregs != NULL)
			memcpy(&f->__fpu_fcw, uc->uc_mcontext.fpregs, 512);
		break;
	}
	case x86_EXCEPTION_STATE64: {
		x86_exception_state64_t *e = (void *)out;

		need = x86_EXCEPTION_STATE64_COUNT;
		if (*countp < need)
			return KERN_INVALID_ARGUMENT;
		memset(e, 0, sizeof(*e));
		e->__trapno = (uint16_t)uc->uc_mcontext.gregs[REG_TRAPNO];
		e->__err = (uint32_t)uc->uc_mcontext.gregs[REG_ERR];
		e->__faultvaddr = (uint64_t)uc->uc_mcontext.gregs[REG_CR2];
		break;
	}
	case x86_DEBUG_STATE64:
		/* No debug register is ever set in machsim's threads. */
		need = x86_DEBUG_STATE64_COUNT;
		if (*countp < need)
			return KERN_INVALID_ARGUMENT;
		memset(out, 0, need * sizeof(natural_t));
		break;
	default:
		return KERN_INVALID_ARGUMENT;
	}
	*countp = need;
	return KERN_SUCCESS;
}

/* Returns: KERN_SUCCESS; KERN_INVALID_ARGUMENT (unknown flavor, count
   too small, a 32-bit state); KERN_NOT_SUPPORTED (debug registers). */
static kern_return_t state_set(ucontext_t *uc, int flavor,
    const natural_t *in, mach_msg_type_number_t count)
{
	switch (flavor) {
	case x86_THREAD_STATE64:
		if (count < x86_THREAD_STATE64_COUNT)
			return KERN_INVALID_ARGUMENT;
		state_to_ctx(uc, (const x86_thread_state64_t *)(const void *)in);
		return KERN_SUCCESS;
	case x86_THREAD_STATE: {
		const x86_thread_state_t *s = (const void *)in;

		if (count < x86_THREAD_STATE_COUNT ||
		    s->tsh.flavor != x86_THREAD_STATE64)
			return KERN_INVALID_ARGUMENT;
		state_to_ctx(uc, &s->uts.ts64);
		return KERN_SUCCESS;
	}
	case x86_FLOAT_STATE64: {
		const x86_float_state64_t *f = (const void *)in;

		if (count < x86_FLOAT_STATE64_COUNT)
			return KERN_INVALID_ARGUMENT;
		if (uc->uc_mcontext.fpregs != NULL)
			memcpy(uc->uc_mcontext.fpregs, &f->__fpu_fcw, 512);
		return KERN_SUCCESS;
	}
	case x86_EXCEPTION_STATE64:
		return count < x86_EXCEPTION_STATE64_COUNT ?
		    KERN_INVALID_ARGUMENT : KERN_SUCCESS;
	case x86_DEBUG_STATE64: {
		const x86_debug_state64_t *d = (const void *)in;

		if (count < x86_DEBUG_STATE64_COUNT)
			return KERN_INVALID_ARGUMENT;
		/* Debug registers of a thread of the process itself cannot
		   be set on Linux (ptrace reaches other processes only). */
		return d->__dr7 == 0 ? KERN_SUCCESS : KERN_NOT_SUPPORTED;
	}
	default:
		return KERN_INVALID_ARGUMENT;
	}
}

kern_return_t machsim_uc_state_get(void *uc, int flavor, unsigned int *out,
    mach_msg_type_number_t *count)
{
	return state_get(uc, flavor, out, count);
}

kern_return_t machsim_uc_state_set(void *uc, int flavor,
    const unsigned int *in, mach_msg_type_number_t count)
{
	return state_set(uc, flavor, in, count);
}

/*
 * Routine:	thread_state_access
 * Purpose:	Get or set a thread's state: on a suspended thread its
 *		parked registers; a running thread is held for the access,
 *		as XNU does.  The caller's own state is live in its
 *		registers and cannot be reached this way.
 * Returns:	As state_get/state_set; KERN_INVALID_ARGUMENT (null thread,
 *		the caller itself); KERN_TERMINATED; KERN_FAILURE (setting
 *		the state of a thread stopped inside a kernel call, whose
 *		registers are the kernel's until the call ends).
 */
static kern_return_t thread_state_access(thread_t th, bool set, int flavor,
    natural_t *state, mach_msg_type_number_t *countp)
{
	kern_return_t kr;
	bool held = false;

	if (th == THREAD_NULL || state == NULL || countp == NULL)
		return KERN_INVALID_ARGUMENT;
	if (th == current_thread())
		return KERN_INVALID_ARGUMENT;
	ksim_lock();
	if (!th->active) {
		ksim_unlock();
		return KERN_TERMINATED;
	}
	if (__atomic_load_n(&th->stop_requests, __ATOMIC_ACQUIRE) == 0) {
		th->suspend_count++;
		held = true;
		thread_stop_update(th);
	}
	thread_stop_wait(th);
	if (!th->active || th->stopped_ctx == NULL)
		kr = KERN_TERMINATED;
	else if (set && th->stopped_in_kernel)
		kr = KERN_FAILURE;	/* stopped inside a kernel call */
	else if (set)
		kr = state_set(th->stopped_ctx, flavor, state, *countp);
	else
		kr = state_get(th->stopped_ctx, flavor, state, countp);
	if (held) {
		th->suspend_count--;
		thread_stop_update(th);
	}
	ksim_unlock();
	return kr;
}

kern_return_t ksim_thread_get_state(thread_act_t th,
    thread_state_flavor_t flavor, thread_state_t old_state,
    mach_msg_type_number_t *old_stateCnt)
{
	return thread_state_access(th, false, flavor, old_state, old_stateCnt);
}

kern_return_t ksim_thread_set_state(thread_act_t th,
    thread_state_flavor_t flavor, thread_state_t new_state,
    mach_msg_type_number_t new_stateCnt)
{
	return thread_state_access(th, true, flavor, new_state, &new_stateCnt);
}

kern_return_t ksim_act_get_state(thread_act_t th, int flavor,
    thread_state_t old_state, mach_msg_type_number_t *old_stateCnt)
{
	return thread_state_access(th, false, flavor, old_state, old_stateCnt);
}

kern_return_t ksim_act_set_state(thread_act_t th, int flavor,
    thread_state_t new_state, mach_msg_type_number_t new_stateCnt)
{
	return thread_state_access(th, true, flavor, new_state, &new_stateCnt);
}

/* ---- threads made at a state ------------------------------------------------------ */

/*
 * A created thread's first frame: park at once (the registers of this
 * stop are kept); run the state it is given; come back here to end,
 * when resumed with no state set or when terminated, by resuming the
 * kept registers.  No jump crosses from the task's stack to this one.
 */
static void *created_main(void *p)
{
	thread_t th = p;

	thread_attach(th);
	pthread_kill(pthread_self(), KSIM_SIG_CONTROL);
	thread_exit_self(th);
	return NULL;
}

/*
 * Routine:	ksim_thread_create
 * Purpose:	A new thread of the task, suspended (count 1), parked on a
 *		pthread of its own until thread_resume.
 * Returns:	KERN_SUCCESS; KERN_INVALID_ARGUMENT (null task);
 *		KERN_FAILURE (terminated task); KERN_RESOURCE_SHORTAGE.
 */
kern_return_t ksim_thread_create(task_t task, thread_act_t *child)
{
	pthread_attr_t attr;
	pthread_t pt;
	thread_t th;
	int rc;

	if (task == TASK_NULL || child == NULL)
		return KERN_INVALID_ARGUMENT;
	ksim_lock();
	if (!task->active) {
		ksim_unlock();
		return KERN_FAILURE;
	}
	th = thread_create_object(task);
	th->first_gregs = malloc(sizeof(gregset_t));
	if (th->first_gregs == NULL) {
		thread_terminate_object(th);
		ksim_unlock();
		return KERN_RESOURCE_SHORTAGE;
	}
	th->created = true;
	th->suspend_count = 1;
	thread_stop_update(th);
	thread_reference(th);		/* the caller's */
	thread_reference(th);		/* the new pthread's */
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	rc = pthread_create(&pt, &attr, created_main, th);
	pthread_attr_destroy(&attr);
	if (rc != 0) {
		thread_terminate_object(th);
		thread_deallocate(th);
		thread_deallocate(th);
		ksim_unlock();
		return KERN_RESOURCE_SHORTAGE;
	}
	/* Returned parked, so that set_state finds its registers: the new
	   pthread parks itself (its attach, which records th->pthread,
	   happens before it says it has stopped). */
	{
		unsigned depth = ksim_unlock_all();

		while (!__atomic_load_n(&th->stopped, __ATOMIC_ACQUIRE))
			ctl_futex(&th->stopped, FUTEX_WAIT_PRIVATE, 0, NULL);
		ksim_relock(depth);
	}
	ksim_unlock();
	*child = th;
	return KERN_SUCCESS;
}

kern_return_t ksim_thread_create_running(task_t task,
    thread_state_flavor_t flavor, thread_state_t new_state,
    mach_msg_type_number_t new_stateCnt, thread_act_t *child)
{
	thread_t th = THREAD_NULL;
	kern_return_t kr;

	kr = ksim_thread_create(task, &th);
	if (kr != KERN_SUCCESS)
		return kr;
	kr = thread_state_access(th, true, flavor, new_state, &new_stateCnt);
	if (kr == KERN_SUCCESS)
		kr = ksim_thread_resume(th);
	if (kr != KERN_SUCCESS) {
		(void)ksim_thread_terminate(th);
		thread_deallocate(th);
		return kr;
	}
	*child = th;
	return KERN_SUCCESS;
}

/*
 * Routine:	ksim_thread_terminate
 * Purpose:	End the thread: its waits, locks and port now; its pthread
 *		leaves at once (a thread the kernel started returns to its
 *		first frame, any other ends with pthread_exit).  The caller
 *		itself does not return.
 * Returns:	KERN_SUCCESS; KERN_INVALID_ARGUMENT; KERN_TERMINATED.
 */
kern_return_t ksim_thread_terminate(thread_act_t th)
{
	bool self;

	if (th == THREAD_NULL)
		return KERN_INVALID_ARGUMENT;
	self = th == current_thread();
	ksim_lock();
	if (!th->active || th->terminate_req) {
		ksim_unlock();
		return KERN_TERMINATED;
	}
	__atomic_store_n(&th->terminate_req, true, __ATOMIC_RELEASE);
	if (th->wait_queue != NULL)
		waitq_wakeup_thread(th->wait_queue, th, THREAD_INTERRUPTED);
	if (!self) {
		/* Dead now: its port, its locks; its pthread leaves at its
		   next stop. */
		thread_reference(th);
		thread_terminate_object(th);
	}
	if (self) {
		/* The call returns to the kernel's exit, not to the caller:
		   the thread leaves as it releases the lock. */
		ksim_stop_pending = true;
		ksim_unlock();
		return KERN_SUCCESS;
	}
	__atomic_add_fetch(&th->park_word, 1, __ATOMIC_RELEASE);
	ctl_wake_all(&th->park_word);
	thread_signal(th);
	thread_deallocate(th);
	ksim_unlock();
	return KERN_SUCCESS;
}

/*
 * Routine:	task_threads_terminate
 * Purpose:	task_terminate's share for threads (7.4): every thread of
 *		the task dies now and never runs user code again; the
 *		caller, if it is one of them, leaves as it releases the
 *		kernel lock.
 * Conditions:	Kernel locked.
 */
void task_threads_terminate(task_t task)
{
	thread_t th, next, self = current_thread();

	for (th = TAILQ_FIRST(&task->threads); th != THREAD_NULL; th = next) {
		next = TAILQ_NEXT(th, th_tasklink);
		__atomic_store_n(&th->terminate_req, true, __ATOMIC_RELEASE);
		if (th->wait_queue != NULL)
			waitq_wakeup_thread(th->wait_queue, th,
			    THREAD_INTERRUPTED);
		if (th == self) {
			ksim_stop_pending = true;
			continue;
		}
		thread_reference(th);
		thread_terminate_object(th);
		__atomic_add_fetch(&th->park_word, 1, __ATOMIC_RELEASE);
		ctl_wake_all(&th->park_word);
		thread_signal(th);
		thread_deallocate(th);
	}
}

/* thread_abort_safely: every wait of machsim's can be restarted. */
kern_return_t ksim_thread_abort_safely(thread_act_t th)
{
	return ksim_thread_abort(th);
}

/* ---- information ------------------------------------------------------------------ */

/* The thread's user and system times, from the host's accounting. */
void thread_times(thread_t th, time_value_t *user, time_value_t *sys)
{
	char path[64], buf[512], *p;
	unsigned long ut = 0, st = 0;
	long hz = sysconf(_SC_CLK_TCK);
	FILE *f;

	memset(user, 0, sizeof(*user));
	memset(sys, 0, sizeof(*sys));
	snprintf(path, sizeof(path), "/proc/self/task/%d/stat", (int)th->tid);
	f = fopen(path, "r");
	if (f == NULL)
		return;
	if (fgets(buf, sizeof(buf), f) != NULL &&
	    (p = strrchr(buf, ')')) != NULL &&
	    sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu",
	    &ut, &st) == 2 && hz > 0) {
		user->seconds = (integer_t)(ut / (unsigned long)hz);
		user->microseconds = (integer_t)((ut % (unsigned long)hz) *
		    1000000ul / (unsigned long)hz);
		sys->seconds = (integer_t)(st / (unsigned long)hz);
		sys->microseconds = (integer_t)((st % (unsigned long)hz) *
		    1000000ul / (unsigned long)hz);
	}
	fclose(f);
}

/* The run state of a live thread.  Kernel locked. */
static int thread_run_state(thread_t th)
{
	if (__atomic_load_n(&th->stopped, __ATOMIC_ACQUIRE) ||
	    th->task->suspend_count > 0 || th->suspend_count > 0)
		return TH_STATE_STOPPED;
	if (th->wait_queue != NULL)
		return TH_STATE_WAITING;
	return TH_STATE_RUNNING;
}

/* The host thread's name (its comm), or "" when it is gone. */
static void thread_host_name(pid_t tid, char *name, size_t len)
{
	char path[64];
	ssize_t n = 0;
	int fd;

	name[0] = '\0';
	if (tid == 0)
		return;
	snprintf(path, sizeof(path), "/proc/self/task/%d/comm", (int)tid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	n = read(fd, name, len - 1);
	close(fd);
	if (n <= 0) {
		name[0] = '\0';
		return;
	}
	name[n] = '\0';
	if (name[n - 1] == '\n')
		name[n - 1] = '\0';
}

static uint64_t tv_ns(const time_value_t *t)
{
	return (uint64_t)t->seconds * 1000000000u +
	    (uint64_t)t->microseconds * 1000u;
}

/*
 * Routine:	ksim_thread_info
 * Purpose:	THREAD_BASIC_INFO (real CPU times, run state, policy,
 *		suspend count), THREAD_IDENTIFIER_INFO (the host thread id
 *		and the pthread), THREAD_EXTENDED_INFO (with the host
 *		thread's name), and the scheduling flavor of the thread's
 *		policy (THREAD_SCHED_TIMESHARE_INFO, _RR_INFO, _FIFO_INFO)
 *		with its base, current and maximum priorities.
 * Returns:	KERN_SUCCESS; KERN_INVALID_ARGUMENT (null thread, unknown
 *		flavor, count too small); KERN_INVALID_POLICY (a scheduling
 *		flavor not the thread's policy); KERN_TERMINATED.
 */
kern_return_t ksim_thread_info(thread_act_t th, thread_flavor_t flavor,
    thread_info_t out, mach_msg_type_number_t *countp)
{
	union {
		thread_basic_info_data_t	basic;
		thread_identifier_info_data_t	ident;
		thread_extended_info_data_t	ext;
		struct policy_timeshare_info	ts;
		struct policy_rr_info		rr;
		struct policy_fifo_info		fifo;
	} u;
	mach_msg_type_number_t n;
	time_value_t user, sys;
	int policy, base, max;
	pthread_t pt;
	pid_t tid;

	if (th == THREAD_NULL || out == NULL || countp == NULL)
		return KERN_INVALID_ARGUMENT;
	switch (flavor) {
	case THREAD_BASIC_INFO:
		n = THREAD_BASIC_INFO_COUNT;
		break;
	case THREAD_IDENTIFIER_INFO:
		n = THREAD_IDENTIFIER_INFO_COUNT;
		break;
	case THREAD_EXTENDED_INFO:
		n = THREAD_EXTENDED_INFO_COUNT;
		break;
	case THREAD_SCHED_TIMESHARE_INFO:
		n = POLICY_TIMESHARE_INFO_COUNT;
		break;
	case THREAD_SCHED_RR_INFO:
		n = POLICY_RR_INFO_COUNT;
		break;
	case THREAD_SCHED_FIFO_INFO:
		n = POLICY_FIFO_INFO_COUNT;
		break;
	default:
		return KERN_INVALID_ARGUMENT;
	}
	if (*countp < n)
		return KERN_INVALID_ARGUMENT;
	memset(&u, 0, sizeof(u));
	thread_times(th, &user, &sys);
	ksim_lock();
	if (!th->active) {
		ksim_unlock();
		return KERN_TERMINATED;
	}
	policy = th->sched_policy != 0 ? th->sched_policy : POLICY_TIMESHARE;
	base = th->base_priority != 0 ? th->base_priority : 31;
	max = pset_policy_limit(thread_pset(th), policy);
	if (base > max)
		max = base;
	pt = th->pthread;
	tid = th->tid;
	switch (flavor) {
	case THREAD_BASIC_INFO:
		u.basic.user_time = user;
		u.basic.system_time = sys;
		u.basic.policy = policy;
		u.basic.suspend_count = th->suspend_count;
		u.basic.run_state = thread_run_state(th);
		break;
	case THREAD_IDENTIFIER_INFO:
		u.ident.thread_id = (uint64_t)th->tid;
		u.ident.thread_handle = (uint64_t)(uintptr_t)pt;
		break;
	case THREAD_EXTENDED_INFO:
		u.ext.pth_user_time = tv_ns(&user);
		u.ext.pth_system_time = tv_ns(&sys);
		u.ext.pth_policy = policy;
		u.ext.pth_run_state = thread_run_state(th);
		u.ext.pth_curpri = th->depressed ? 0 : base;
		u.ext.pth_priority = base;
		u.ext.pth_maxpriority = max;
		break;
	default:
		if ((flavor == THREAD_SCHED_TIMESHARE_INFO &&
		    policy != POLICY_TIMESHARE) ||
		    (flavor == THREAD_SCHED_RR_INFO && policy != POLICY_RR) ||
		    (flavor == THREAD_SCHED_FIFO_INFO &&
		    policy != POLICY_FIFO)) {
			ksim_unlock();
			return KERN_INVALID_POLICY;
		}
		if (flavor == THREAD_SCHED_TIMESHARE_INFO) {
			u.ts.max_priority = max;
			u.ts.base_priority = base;
			u.ts.cur_priority = th->depressed ? 0 : base;
			u.ts.depressed = th->depressed;
		} else if (flavor == THREAD_SCHED_RR_INFO) {
			u.rr.max_priority = max;
			u.rr.base_priority = base;
			u.rr.quantum = thread_pset(th)->rr.quantum;
			u.rr.depressed = th->depressed;
		} else {
			u.fifo.max_priority = max;
			u.fifo.base_priority = base;
			u.fifo.depressed = th->depressed;
		}
		break;
	}
	ksim_unlock();
	if (flavor == THREAD_EXTENDED_INFO)
		thread_host_name(tid, u.ext.pth_name, sizeof(u.ext.pth_name));
	memcpy(out, &u, n * sizeof(natural_t));
	*countp = n;
	return KERN_SUCCESS;
}

/*
 * Routine:	ksim_task_threads
 * Purpose:	A send right to every live thread of the task, in an
 *		out-of-line array.
 * Conditions:	Kernel unlocked (the demuxer's level nests).
 * Returns:	KERN_SUCCESS; KERN_INVALID_ARGUMENT; KERN_FAILURE
 *		(terminated); KERN_RESOURCE_SHORTAGE.
 */
kern_return_t ksim_task_threads(task_t task, thread_act_array_t *listp,
    mach_msg_type_number_t *countp)
{
	mach_port_t *names;
	thread_t th;
	size_t n = 0, i = 0;

	if (task == TASK_NULL || listp == NULL || countp == NULL)
		return KERN_INVALID_ARGUMENT;
	ksim_lock();
	if (!task->active) {
		ksim_unlock();
		return KERN_FAILURE;
	}
	TAILQ_FOREACH(th, &task->threads, th_tasklink)
		n++;
	/* The reply carries the ports, as names in the kernel's space, in
	   an out-of-line port array (XNU converts its list the same way). */
	names = vm_reply_array(n * sizeof(*names));
	if (n != 0 && names == NULL) {
		ksim_unlock();
		return KERN_RESOURCE_SHORTAGE;
	}
	TAILQ_FOREACH(th, &task->threads, th_tasklink) {
		thread_reference(th);
		names[i++] = convert_thread_to_port(th);
	}
	ksim_unlock();
	*listp = (thread_act_array_t)(void *)names;
	*countp = (mach_msg_type_number_t)n;
	return KERN_SUCCESS;
}
