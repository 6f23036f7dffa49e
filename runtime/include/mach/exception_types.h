/*
 * <mach/exception_types.h> - exception types, masks and behaviors.
 */
#ifndef _MACH_EXCEPTION_TYPES_H_
#define _MACH_EXCEPTION_TYPES_H_

#include <stdint.h>

#include <mach/machine/exception.h>
#include <mach/machine/vm_types.h>
#include <mach/port.h>
#include <mach/thread_status.h>

/* Exception types (0 is not one). */
#define EXC_BAD_ACCESS		1	/* code: kern_return_t, subcode: address */
#define EXC_BAD_INSTRUCTION	2	/* illegal or undefined instruction */
#define EXC_ARITHMETIC		3	/* arithmetic exception */
#define EXC_EMULATION		4	/* emulation instruction */
#define EXC_SOFTWARE		5	/* software-generated exception */
#define EXC_BREAKPOINT		6	/* trace, breakpoint, etc. */
#define EXC_SYSCALL		7	/* system call */
#define EXC_MACH_SYSCALL	8	/* Mach system call */
#define EXC_RPC_ALERT		9	/* RPC alert */
#define EXC_CRASH		10	/* abnormal process exit */
#define EXC_RESOURCE		11	/* resource limit hit */
#define EXC_GUARD		12	/* guard violation */
#define EXC_CORPSE_NOTIFY	13	/* corpse ready */

/* EXC_SOFTWARE code for a Unix signal. */
#define EXC_SOFT_SIGNAL		0x10003

/* Handler behaviors: which message the handler is sent. */
#define EXCEPTION_DEFAULT			1	/* exception_raise */
#define EXCEPTION_STATE				2	/* exception_raise_state */
#define EXCEPTION_STATE_IDENTITY		3	/* ..._state_identity */
#define EXCEPTION_IDENTITY_PROTECTED		4	/* thread id, task token */
#define EXCEPTION_STATE_IDENTITY_PROTECTED	5	/* ... with the state */

/* Flags ORed into the behavior. */
#define MACH_EXCEPTION_CODES		0x80000000	/* 64-bit codes */
#define MACH_EXCEPTION_ERRORS		0x40000000
#define MACH_EXCEPTION_BACKTRACE_PREFERRED 0x20000000
#define MACH_EXCEPTION_MASK \
	(MACH_EXCEPTION_CODES | MACH_EXCEPTION_ERRORS | \
	 MACH_EXCEPTION_BACKTRACE_PREFERRED)

/* Masks for the *_set_exception_ports calls. */
#define EXC_MASK_BAD_ACCESS	(1 << EXC_BAD_ACCESS)
#define EXC_MASK_BAD_INSTRUCTION (1 << EXC_BAD_INSTRUCTION)
#define EXC_MASK_ARITHMETIC	(1 << EXC_ARITHMETIC)
#define EXC_MASK_EMULATION	(1 << EXC_EMULATION)
#define EXC_MASK_SOFTWARE	(1 << EXC_SOFTWARE)
#define EXC_MASK_BREAKPOINT	(1 << EXC_BREAKPOINT)
#define EXC_MASK_SYSCALL	(1 << EXC_SYSCALL)
#define EXC_MASK_MACH_SYSCALL	(1 << EXC_MACH_SYSCALL)
#define EXC_MASK_RPC_ALERT	(1 << EXC_RPC_ALERT)
#define EXC_MASK_CRASH		(1 << EXC_CRASH)
#define EXC_MASK_RESOURCE	(1 << EXC_RESOURCE)
#define EXC_MASK_GUARD		(1 << EXC_GUARD)
#define EXC_MASK_CORPSE_NOTIFY	(1 << EXC_CORPSE_NOTIFY)

/* Everything a handler may register for (not CRASH or CORPSE_NOTIFY). */
#define EXC_MASK_ALL \
	(EXC_MASK_BAD_ACCESS | EXC_MASK_BAD_INSTRUCTION | \
	 EXC_MASK_ARITHMETIC | EXC_MASK_EMULATION | EXC_MASK_SOFTWARE | \
	 EXC_MASK_BREAKPOINT | EXC_MASK_SYSCALL | EXC_MASK_MACH_SYSCALL | \
	 EXC_MASK_RPC_ALERT | EXC_MASK_RESOURCE | EXC_MASK_GUARD | \
	 EXC_MASK_MACHINE)

#define EXC_MASK_VALID \
	(EXC_MASK_ALL | EXC_MASK_CRASH | EXC_MASK_CORPSE_NOTIFY)

#define FIRST_EXCEPTION		1	/* 0 is not an exception */

/* Code and subcode. */
#define EXCEPTION_CODE_MAX	2

typedef int			exception_type_t;
typedef integer_t		exception_data_type_t;
typedef int64_t			mach_exception_data_type_t;
typedef int			exception_behavior_t;
typedef exception_data_type_t	*exception_data_t;
typedef mach_exception_data_type_t *mach_exception_data_t;
typedef unsigned int		exception_mask_t;
typedef exception_mask_t	*exception_mask_array_t;
typedef exception_behavior_t	*exception_behavior_array_t;
typedef thread_state_flavor_t	*exception_flavor_array_t;
typedef mach_port_t		*exception_port_array_t;
typedef mach_exception_data_type_t mach_exception_code_t;
typedef mach_exception_data_type_t mach_exception_subcode_t;

#endif /* _MACH_EXCEPTION_TYPES_H_ */
