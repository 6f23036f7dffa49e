/*
 * <pthread.h>, as a Darwin program sees it: the system's, plus
 * pthread_mach_thread_np, which Darwin declares here.  Installed into
 * PREFIX/include; the system header is found with #include_next.
 */
#pragma GCC system_header
#include_next <pthread.h>

#ifndef _MACHSIM_PTHREAD_H_
#define _MACHSIM_PTHREAD_H_

#ifdef __cplusplus
extern "C" {
#endif

/* The Mach thread port (a mach_port_t) of a pthread, in the caller's
   task; no user reference is added.  <mach/mach_init.h> declares it too. */
extern unsigned int pthread_mach_thread_np(pthread_t thread);

#ifdef __cplusplus
}
#endif

#endif /* _MACHSIM_PTHREAD_H_ */
