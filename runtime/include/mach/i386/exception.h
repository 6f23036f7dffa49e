/*
 * <mach/i386/exception.h> - where a Darwin program finds the x86 definitions
 * of <mach/machine/exception.h>.
 */
#ifndef _MACH_I386_EXCEPTION_H_
#define _MACH_I386_EXCEPTION_H_

#include <mach/machine/exception.h>

#endif
