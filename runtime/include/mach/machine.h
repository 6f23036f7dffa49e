/*
 * <mach/machine.h> - processor types and CPU time states.
 */
#ifndef _MACH_MACHINE_H_
#define _MACH_MACHINE_H_

#include <stdint.h>

#include <mach/boolean.h>
#include <mach/machine/vm_types.h>

typedef integer_t	cpu_type_t;
typedef integer_t	cpu_subtype_t;
typedef integer_t	cpu_threadtype_t;

/* Indices into the cpu_ticks arrays of load information. */
#define CPU_STATE_MAX		4
#define CPU_STATE_USER		0
#define CPU_STATE_SYSTEM	1
#define CPU_STATE_IDLE		2
#define CPU_STATE_NICE		3

#define CPU_ARCH_MASK		0xff000000	/* ABI capability bits */
#define CPU_ARCH_ABI64		0x01000000	/* 64-bit ABI */
#define CPU_ARCH_ABI64_32	0x02000000	/* ILP32 on 64-bit hardware */

#define CPU_TYPE_ANY		((cpu_type_t) -1)
#define CPU_TYPE_X86		((cpu_type_t) 7)
#define CPU_TYPE_I386		CPU_TYPE_X86
#define CPU_TYPE_X86_64		(CPU_TYPE_X86 | CPU_ARCH_ABI64)
#define CPU_TYPE_ARM		((cpu_type_t) 12)
#define CPU_TYPE_ARM64		(CPU_TYPE_ARM | CPU_ARCH_ABI64)
#define CPU_TYPE_POWERPC	((cpu_type_t) 18)
#define CPU_TYPE_POWERPC64	(CPU_TYPE_POWERPC | CPU_ARCH_ABI64)

#define CPU_SUBTYPE_MASK	0xff000000	/* feature bits */
#define CPU_SUBTYPE_LIB64	0x80000000

#define CPU_SUBTYPE_MULTIPLE	((cpu_subtype_t) -1)
#define CPU_SUBTYPE_X86_ALL	((cpu_subtype_t) 3)
#define CPU_SUBTYPE_X86_64_ALL	((cpu_subtype_t) 3)
#define CPU_SUBTYPE_X86_ARCH1	((cpu_subtype_t) 4)
#define CPU_SUBTYPE_X86_64_H	((cpu_subtype_t) 8)	/* Haswell and later */

#define CPU_THREADTYPE_NONE	((cpu_threadtype_t) 0)
#define CPU_THREADTYPE_INTEL_HTT	((cpu_threadtype_t) 1)

#endif /* _MACH_MACHINE_H_ */
