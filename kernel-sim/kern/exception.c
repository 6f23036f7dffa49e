/*
 * exception.c - a fault in a task's thread becomes a Mach exception
 * (MACH-SEMANTICS 6.2).
 *
 * The kernel's signal handlers (SIGSEGV and SIGBUS through copyio.c's
 * fault hook; SIGFPE, SIGILL and SIGTRAP here) run on the faulting
 * thread.  If that thread is a task's thread in user code, the handler
 * turns the signal into the exception's type and codes and raises it at
 * the thread's handler, then the task's: the message is sent by the
 * thread itself, which waits for the reply as it would in XNU's kernel.
 * KERN_SUCCESS resumes it with the state the handler returned (the
 * handler may also have fixed what faulted); nobody handling it
 * terminates the task, and for the process's own task the signal takes
 * its ordinary course (the handler installed before ours, or death by
 * the signal).  Faults inside the kernel are not exceptions.
 */
#include <signal.h>
#include <string.h>

#include <mach/exception_types.h>

#include <ksim/ipc.h>
#include <ksim/kern.h>
#include <ksim/mig_convert.h>
#include <ksim/pager.h>
#include <ksim/traps.h>

#include <kernel/mach_portServer.h>
#include <kernel/taskServer.h>

static const int exc_signals[] = { SIGFPE, SIGILL, SIGTRAP };
static struct sigaction exc_prev[3];

/* The exception and codes a signal stands for (6.1). */
static void exception_of(int sig, const siginfo_t *si, exception_type_t *exc,
    int64_t code[2])
{
	code[1] = 0;
	switch (sig) {
	case SIGSEGV:
	case SIGBUS:
		*exc = EXC_BAD_ACCESS;
		code[0] = (sig == SIGSEGV && si->si_code == SEGV_MAPERR) ?
		    KERN_INVALID_ADDRESS : KERN_PROTECTION_FAILURE;
		code[1] = (int64_t)(uintptr_t)si->si_addr;
		break;
	case SIGILL:
		*exc = EXC_BAD_INSTRUCTION;
		code[0] = EXC_I386_INVOP;
		break;
	case SIGFPE:
		*exc = EXC_ARITHMETIC;
		code[0] = si->si_code == FPE_INTDIV ? EXC_I386_DIV :
		    si->si_code == FPE_INTOVF ? EXC_I386_INTO : EXC_I386_EXTERR;
		break;
	default:
		*exc = EXC_BREAKPOINT;
		code[0] = si->si_code == TRAP_TRACE ? EXC_I386_SGL :
		    EXC_I386_BPT;
		break;
	}
}

/*
 * Routine:	exception_raise_level
 * Purpose:	Raise at one handler table: a send right to its port for
 *		the exception, named in the thread's space, and the message.
 * Conditions:	Kernel unlocked; on the faulting thread.
 * Returns:	true when that handler answered KERN_SUCCESS.
 */
static bool exception_raise_level(thread_t th, struct exception_action *tab,
    exception_type_t exc, const int64_t code[2], void *uc)
{
	ipc_space_t space;
	mach_port_name_t name = MACH_PORT_NULL;
	exception_behavior_t behavior;
	thread_state_flavor_t flavor;
	kern_return_t kr;

	ksim_lock();
	space = th->task->itk_space;
	if (!IP_VALID(tab[exc].port) || !tab[exc].port->ip_active ||
	    space == IPC_SPACE_NULL || !space->is_active ||
	    ipc_right_copyout(space, ipc_port_copy_send(tab[exc].port),
	    MACH_MSG_TYPE_PORT_SEND, &name) != KERN_SUCCESS) {
		ksim_unlock();
		return false;
	}
	behavior = tab[exc].behavior;
	flavor = tab[exc].flavor;
	ksim_unlock();
	kr = machsim_exception_send(name, behavior, flavor, exc, code, uc);
	(void)ksim_mach_port_deallocate(space, name);
	return kr == KERN_SUCCESS;
}

/*
 * Routine:	exception_from_signal
 * Purpose:	The thread's handler, the task's, then the host's;
 *		unhandled, the task
 *		ends (not the process's own: its signal goes on).
 * Returns:	true when the thread may go on (handled); false when the
 *		signal takes its ordinary course.
 */
static bool exception_from_signal(int sig, siginfo_t *si, void *uc)
{
	thread_t th = thread_current_noboot();
	exception_type_t exc;
	int64_t code[2];

	if (th == THREAD_NULL || ksim_locked() || ksim_kernel_busy > 0 ||
	    !th->active)
		return false;
	exception_of(sig, si, &exc, code);
	if (exception_raise_level(th, th->exc_actions, exc, code, uc) ||
	    exception_raise_level(th, th->task->exc_actions, exc, code, uc) ||
	    exception_raise_level(th, realhost.exc_actions, exc, code, uc))
		return true;
	if (th->task == bootstrap_task)
		return false;
	/* Nobody handled it: the task ends, this thread with it (it leaves
	   as the call releases the kernel lock, and never returns here). */
	(void)ksim_task_terminate(th->task);
	return true;
}

static bool exception_fault_hook(int sig, siginfo_t *si, void *uc)
{
	/* A page a memory manager has yet to supply is no exception. */
	if (vm_pager_fault(sig, si, uc))
		return true;
	return exception_from_signal(sig, si, uc);
}

static void exception_signal(int sig, siginfo_t *si, void *uc)
{
	struct sigaction *prev = NULL;
	size_t i;

	if (exception_from_signal(sig, si, uc))
		return;
	for (i = 0; i < sizeof(exc_signals) / sizeof(exc_signals[0]); i++)
		if (exc_signals[i] == sig)
			prev = &exc_prev[i];
	if (prev != NULL && (prev->sa_flags & SA_SIGINFO) &&
	    prev->sa_sigaction != NULL) {
		prev->sa_sigaction(sig, si, uc);
	} else if (prev != NULL && prev->sa_handler != SIG_DFL &&
	    prev->sa_handler != SIG_IGN) {
		prev->sa_handler(sig);
	} else {
		/* The default action, now: a breakpoint's instruction is
		   not run again, so the signal is raised anew. */
		signal(sig, SIG_DFL);
		raise(sig);
	}
}

/* At boot: the fault hook and the other three signals. */
void exception_init(void)
{
	struct sigaction sa;
	size_t i;

	(void)ksim_fault_handler_install();
	ksim_fault_hook_set(exception_fault_hook);
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = exception_signal;
	sa.sa_flags = SA_SIGINFO | SA_NODEFER;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof(exc_signals) / sizeof(exc_signals[0]); i++)
		sigaction(exc_signals[i], &sa, &exc_prev[i]);
}
