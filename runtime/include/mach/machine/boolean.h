/*
 * <mach/machine/boolean.h> - the machine's boolean_t.
 *
 * Darwin user space on x86-64 makes boolean_t an unsigned int (the kernel
 * and 32-bit code use int).  machsim has only that one target.
 */
#ifndef _MACH_MACHINE_BOOLEAN_H_
#define _MACH_MACHINE_BOOLEAN_H_

typedef unsigned int boolean_t;

#endif /* _MACH_MACHINE_BOOLEAN_H_ */
