/*
 * <mach/i386/thread_status.h> - where a Darwin program finds the x86 definitions
 * of <mach/machine/thread_status.h>.
 */
#ifndef _MACH_I386_THREAD_STATUS_H_
#define _MACH_I386_THREAD_STATUS_H_

#include <mach/machine/thread_status.h>

#endif
