/*
 * copyio.c - the kernel's only way into a task's memory: copyin and
 * copyout that fail instead of faulting, and the one SIGSEGV/SIGBUS
 * handler of the process.
 *
 * User memory is hostile.  In this single address space any memory of
 * the process may be a task's, so the kernel reads and writes whatever
 * the task names and must return an error, never take a signal, when
 * the memory is not there or not accessible, as XNU's copyin/copyout
 * do.  The choices, and why this one:
 *
 * - process_vm_readv/writev on our own pid: exact, but a system call
 *   and a page-table walk with page pinning per copy; a 1 MiB copy costs
 *   about 1.7 times a memcpy.
 * - /proc/self/maps, parsed and cached: stale as soon as anything in
 *   the process maps, unmaps or protects memory.
 * - mincore, msync, madvise: they find unmapped pages, not PROT_NONE or
 *   read-only ones.
 * - memcpy under a fault guard: no system call; a fault in the copy
 *   ends it.  Chosen.
 *
 * The guard: one SIGSEGV and SIGBUS handler, installed once (SA_NODEFER,
 * so the signal is not left blocked after the jump out), and a
 * per-thread sigjmp_buf set only around a copy.  A fault with the guard
 * set jumps back and the copy fails.  Any other fault goes first to the
 * kernel's fault hook (the exception path, which turns a task thread's
 * fault into an exception message), then to the handler that was
 * installed before ours, or to the default action, as if ours were not
 * there.  A program that installs its own SIGSEGV handler later must
 * chain to the previous one, as the sanitizers and most runtimes do.
 *
 * The sanitizer builds use process_vm_readv/writev (their memcpy checks
 * their own shadow first, and their signal handling is theirs); so does
 * a process where the handler could not be installed.
 */
#include <errno.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include <ksim/kern.h>

#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
#define KSIM_SANITIZED	1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__) || \
    defined(KSIM_SANITIZED)
#define KSIM_COPY_GUARD	false
#else
#define KSIM_COPY_GUARD	true
#endif

static __thread sigjmp_buf *copy_guard;
static struct sigaction fault_prev[2];		/* SIGSEGV, SIGBUS */
static pthread_once_t fault_once = PTHREAD_ONCE_INIT;
static bool fault_handler_on;
static ksim_fault_hook_t fault_hook;

/* Hand a fault nobody in the kernel claims to whoever had it before. */
static void fault_chain(int sig, siginfo_t *si, void *ctx)
{
	struct sigaction *prev = &fault_prev[sig == SIGBUS];

	if (prev->sa_flags & SA_SIGINFO) {
		prev->sa_sigaction(sig, si, ctx);
	} else if (prev->sa_handler == SIG_DFL ||
	    prev->sa_handler == SIG_IGN) {
		/* The faulting instruction runs again and takes the
		   default action. */
		sigaction(sig, prev, NULL);
	} else {
		prev->sa_handler(sig);
	}
}

static void fault_handler(int sig, siginfo_t *si, void *ctx)
{
	sigjmp_buf *g = copy_guard;
	ksim_fault_hook_t hook;

	if (g != NULL) {
		copy_guard = NULL;
		siglongjmp(*g, 1);
	}
	hook = __atomic_load_n(&fault_hook, __ATOMIC_ACQUIRE);
	if (hook != NULL && hook(sig, si, ctx))
		return;
	fault_chain(sig, si, ctx);
}

static void fault_install(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = fault_handler;
	sa.sa_flags = SA_SIGINFO | SA_NODEFER | SA_ONSTACK;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGSEGV, &sa, &fault_prev[0]) != 0)
		return;
	if (sigaction(SIGBUS, &sa, &fault_prev[1]) != 0) {
		sigaction(SIGSEGV, &fault_prev[0], NULL);
		return;
	}
	fault_handler_on = true;
}

/*
 * Routine:	ksim_fault_handler_install
 * Purpose:	Install the process's fault handler (once).
 * Returns:	true when it is in place.
 */
bool ksim_fault_handler_install(void)
{
	pthread_once(&fault_once, fault_install);
	return fault_handler_on;
}

void ksim_fault_hook_set(ksim_fault_hook_t hook)
{
	__atomic_store_n(&fault_hook, hook, __ATOMIC_RELEASE);
}

void ksim_fault_forward(int sig, siginfo_t *si, void *ctx)
{
	fault_chain(sig, si, ctx);
}

/*
 * The threads inside a guarded copy, by host thread id, once tracking is
 * on (vm/vm_pager.c's userfaultfd reader turns it on): a copy claims a
 * free slot for its duration.  With every slot taken a copy goes
 * untracked, as all do before tracking starts.
 */
#define COPY_SLOTS	64
static pid_t copy_tids[COPY_SLOTS];
static bool copy_tracking;
static __thread pid_t copy_self;

void ksim_copy_track_start(void)
{
	__atomic_store_n(&copy_tracking, true, __ATOMIC_SEQ_CST);
}

bool ksim_copy_active(pid_t tid)
{
	size_t i;

	for (i = 0; i < COPY_SLOTS; i++)
		if (__atomic_load_n(&copy_tids[i], __ATOMIC_SEQ_CST) == tid)
			return true;
	return false;
}

/* Claim a slot for the calling thread: its index, or -1. */
static int copy_track_enter(void)
{
	pid_t none = 0;
	int i;

	if (!__atomic_load_n(&copy_tracking, __ATOMIC_RELAXED))
		return -1;
	if (copy_self == 0)
		copy_self = (pid_t)syscall(SYS_gettid);
	for (i = 0; i < COPY_SLOTS; i++) {
		none = 0;
		if (__atomic_compare_exchange_n(&copy_tids[i], &none,
		    copy_self, false, __ATOMIC_SEQ_CST, __ATOMIC_RELAXED))
			return i;
	}
	return -1;
}

static void copy_track_leave(int slot)
{
	if (slot >= 0)
		__atomic_store_n(&copy_tids[slot], 0, __ATOMIC_SEQ_CST);
}

/* memcpy, false if it faulted (the bytes before the fault are copied). */
static bool copy_guarded(void *dst, const void *src, size_t len)
{
	sigjmp_buf env;
	volatile int slot = copy_track_enter();

	if (sigsetjmp(env, 0) != 0) {
		copy_track_leave(slot);
		return false;
	}
	__atomic_store_n(&copy_guard, &env, __ATOMIC_RELAXED);
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	memcpy(dst, src, len);
	__atomic_signal_fence(__ATOMIC_SEQ_CST);
	__atomic_store_n(&copy_guard, NULL, __ATOMIC_RELAXED);
	copy_track_leave(slot);
	return true;
}

static bool copy_use_guard(void)
{
	return KSIM_COPY_GUARD && ksim_fault_handler_install();
}

/*
 * Copy len bytes from src to dst, one of which is the task's address
 * `user': guarded, or through process_vm_readv/writev.
 */
static bool copy_user(void *dst, const void *src, size_t len,
    const void *user)
{
	struct iovec to = { dst, len };
	struct iovec from = { (void *)(uintptr_t)src, len };
	ssize_t n;

	if (len == 0)
		return true;
	if (user == NULL || (uintptr_t)user + len < (uintptr_t)user)
		return false;
	if (copy_use_guard())
		return copy_guarded(dst, src, len);
	n = user == src ?
	    process_vm_readv(getpid(), &to, 1, &from, 1, 0) :
	    process_vm_writev(getpid(), &from, 1, &to, 1, 0);
	if (n == (ssize_t)len)
		return true;
	if (n < 0 && (errno == ENOSYS || errno == EPERM)) {
		memcpy(dst, src, len);
		return true;
	}
	return false;
}

/*
 * Routine:	ksim_copyin
 * Purpose:	Copy len bytes from a task's address usrc into the kernel
 *		buffer kdst.
 * Conditions:	Any; kdst is kernel memory the caller owns.
 * Returns:	true; false when some byte of the source could not be
 *		read (kdst then holds the bytes before the fault).
 */
bool ksim_copyin(void *kdst, const void *usrc, size_t len)
{
	return copy_user(kdst, usrc, len, usrc);
}

/*
 * Routine:	ksim_copyout
 * Purpose:	Copy len bytes from the kernel buffer ksrc to a task's
 *		address udst.
 * Conditions:	Any.
 * Returns:	true; false when some byte of the destination could not
 *		be written (the bytes before the fault are written).
 */
bool ksim_copyout(void *udst, const void *ksrc, size_t len)
{
	return copy_user(udst, ksrc, len, udst);
}
