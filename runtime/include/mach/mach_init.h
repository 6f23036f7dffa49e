/*
 * <mach/mach_init.h> - the calling thread's self ports and page size.
 *
 * Darwin caches the task self port in the process variable
 * mach_task_self_ and makes mach_task_self() a macro over it.  In machsim
 * several tasks share one process, so the cache is per thread: the macro
 * reads the thread's cached name and asks the kernel on first use.  The
 * kernel gives every thread of a task the same name, under one send
 * right the task holds once (as Darwin's process-wide cache does), so
 * threads add no user references to it.  Reading mach_task_self_
 * directly is supported, but it holds MACH_PORT_NULL until the thread's
 * first mach_task_self().
 */
#ifndef _MACH_MACH_INIT_H_
#define _MACH_MACH_INIT_H_

#include <pthread.h>

#include <mach/_machsim_cdefs.h>
#include <mach/port.h>
#include <mach/vm_types.h>

__MACHSIM_BEGIN_DECLS

extern __thread mach_port_t mach_task_self_;

/* Fill mach_task_self_ for this thread and return it (no uref added). */
extern mach_port_t machsim_task_self(void);

#define mach_task_self() \
	(mach_task_self_ != MACH_PORT_NULL ? mach_task_self_ : \
	    machsim_task_self())
#define current_task()	mach_task_self()

/* A send right to the calling thread; each call adds a user reference. */
extern mach_port_t mach_thread_self(void);
/* A send right to the host name port; each call adds a user reference. */
extern mach_port_t mach_host_self(void);

/* The Mach thread port of a pthread in the caller's task (no user
   reference added); Darwin declares it in <pthread.h>, and so does the
   <pthread.h> machsim installs. */
extern mach_port_t pthread_mach_thread_np(pthread_t thread);

/*
 * The task's bootstrap port.  machsim runs no bootstrap server: it is
 * MACH_PORT_NULL until the program sets it.
 */
extern mach_port_t bootstrap_port;

extern vm_size_t vm_page_size;
extern vm_size_t vm_page_mask;
extern int vm_page_shift;

#define trunc_page(x)	((x) & (~(vm_page_size - 1)))
#define round_page(x)	trunc_page((x) + (vm_page_size - 1))

__MACHSIM_END_DECLS

#endif /* _MACH_MACH_INIT_H_ */
