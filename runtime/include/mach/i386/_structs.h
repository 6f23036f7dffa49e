/*
 * <mach/i386/_structs.h> - the x86 register-state structures
 * (struct __darwin_x86_thread_state64 and the rest), defined with their
 * flavors in <mach/machine/thread_status.h>.
 */
#ifndef _MACH_I386__STRUCTS_H_
#define _MACH_I386__STRUCTS_H_

#include <mach/machine/thread_status.h>

#endif
