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

/* The processor's trap numbers, as x86_exception_state's __trapno. */
#define EXC_I386_DIVERR		0	/* divide error */
#define EXC_I386_SGLSTP		1	/* single step */
#define EXC_I386_NMIFLT		2	/* NMI */
#define EXC_I386_BPTFLT		3	/* breakpoint */
#define EXC_I386_INTOFLT	4	/* INTO overflow */
#define EXC_I386_BOUNDFLT	5	/* BOUND range exceeded */
#define EXC_I386_INVOPFLT	6	/* invalid opcode */
#define EXC_I386_NOEXTFLT	7	/* no FPU */
#define EXC_I386_DBLFLT		8	/* double fault */
#define EXC_I386_EXTOVRFLT	9	/* FPU segment overrun */
#define EXC_I386_INVTSSFLT	10	/* invalid TSS */
#define EXC_I386_SEGNPFLT	11	/* segment not present */
#define EXC_I386_STKFLT		12	/* stack fault */
#define EXC_I386_GPFLT		13	/* general protection */
#define EXC_I386_PGFLT		14	/* page fault */
#define EXC_I386_EXTERRFLT	16	/* FPU error */
#define EXC_I386_ALIGNFLT	17	/* alignment check */
#define EXC_I386_ENOEXTFLT	32	/* emulated: no FPU */
#define EXC_I386_ENDPERR	33	/* emulated: FPU error */

#endif /* _MACH_MACHINE_EXCEPTION_H_ */
