/*
 * <mach/i386/vm_param.h> - where a Darwin program finds the x86 definitions
 * of <mach/machine/vm_param.h>.
 */
#ifndef _MACH_I386_VM_PARAM_H_
#define _MACH_I386_VM_PARAM_H_

#include <mach/machine/vm_param.h>

#endif
