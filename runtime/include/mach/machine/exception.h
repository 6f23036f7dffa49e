/*
 * <mach/machine/exception.h> - x86 exception codes and counts.
 */
#ifndef _MACH_MACHINE_EXCEPTION_H_
#define _MACH_MACHINE_EXCEPTION_H_

/* Number of exception types (EXC_* values are below this). */
#define EXC_TYPES_COUNT		14

/* No machine-specific exception types on x86. */
#define EXC_MASK_MACHINE	0

/* EXC_BAD_INSTRUCTION codes. */
#define EXC_I386_INVOP		1	/* invalid opcode */

/* EXC_ARITHMETIC codes. */
#define EXC_I386_DIV		1	/* integer divide by zero */
#define EXC_I386_INTO		2	/* overflow */
#define EXC_I386_NOEXT		3	/* no FPU */
#define EXC_I386_EXTOVR		4	/* FPU segment overrun */
#define EXC_I386_EXTERR		5	/* FPU error */
#define EXC_I386_EMERR		6	/* emulation error */
#define EXC_I386_BOUND		7	/* bound instruction fault */
#define EXC_I386_SSEEXTERR	8	/* SSE floating-point error */

/* EXC_BREAKPOINT codes. */
#define EXC_I386_SGL		1	/* single step */
#define EXC_I386_BPT		2	/* breakpoint instruction */

#endif /* _MACH_MACHINE_EXCEPTION_H_ */
