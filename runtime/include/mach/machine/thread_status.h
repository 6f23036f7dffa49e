/*
 * <mach/machine/thread_status.h> - x86 thread state flavors and the
 * 64-bit register sets.
 */
#ifndef _MACH_MACHINE_THREAD_STATUS_H_
#define _MACH_MACHINE_THREAD_STATUS_H_

#include <stdint.h>

#include <mach/_machsim_cdefs.h>
#include <mach/machine/thread_state.h>
#include <mach/machine/vm_types.h>

#define x86_THREAD_STATE32	1
#define x86_FLOAT_STATE32	2
#define x86_EXCEPTION_STATE32	3
#define x86_THREAD_STATE64	4
#define x86_FLOAT_STATE64	5
#define x86_EXCEPTION_STATE64	6
#define x86_THREAD_STATE	7
#define x86_FLOAT_STATE		8
#define x86_EXCEPTION_STATE	9
#define x86_DEBUG_STATE32	10
#define x86_DEBUG_STATE64	11
#define x86_DEBUG_STATE		12
#define THREAD_STATE_NONE	13

#define VALID_THREAD_STATE_FLAVOR(x) \
	((x) == x86_THREAD_STATE32 || (x) == x86_FLOAT_STATE32 || \
	 (x) == x86_EXCEPTION_STATE32 || (x) == x86_DEBUG_STATE32 || \
	 (x) == x86_THREAD_STATE64 || (x) == x86_FLOAT_STATE64 || \
	 (x) == x86_EXCEPTION_STATE64 || (x) == x86_DEBUG_STATE64 || \
	 (x) == x86_THREAD_STATE || (x) == x86_FLOAT_STATE || \
	 (x) == x86_EXCEPTION_STATE || (x) == x86_DEBUG_STATE || \
	 (x) == THREAD_STATE_NONE)

/* General registers of a 32-bit thread. */
typedef struct {
	uint32_t	__eax;
	uint32_t	__ebx;
	uint32_t	__ecx;
	uint32_t	__edx;
	uint32_t	__edi;
	uint32_t	__esi;
	uint32_t	__ebp;
	uint32_t	__esp;
	uint32_t	__ss;
	uint32_t	__eflags;
	uint32_t	__eip;
	uint32_t	__cs;
	uint32_t	__ds;
	uint32_t	__es;
	uint32_t	__fs;
	uint32_t	__gs;
} x86_thread_state32_t;

#define x86_THREAD_STATE32_COUNT \
	((mach_msg_type_number_t)(sizeof(x86_thread_state32_t) / sizeof(int)))

__MACHSIM_WIRE_SIZE(x86_thread_state32_t, 64);

/* General registers of a 64-bit thread. */
typedef struct {
	uint64_t	__rax;
	uint64_t	__rbx;
	uint64_t	__rcx;
	uint64_t	__rdx;
	uint64_t	__rdi;
	uint64_t	__rsi;
	uint64_t	__rbp;
	uint64_t	__rsp;
	uint64_t	__r8;
	uint64_t	__r9;
	uint64_t	__r10;
	uint64_t	__r11;
	uint64_t	__r12;
	uint64_t	__r13;
	uint64_t	__r14;
	uint64_t	__r15;
	uint64_t	__rip;
	uint64_t	__rflags;
	uint64_t	__cs;
	uint64_t	__fs;
	uint64_t	__gs;
} x86_thread_state64_t;

/* What the processor reported about the last fault. */
typedef struct {
	uint16_t	__trapno;
	uint16_t	__cpu;
	uint32_t	__err;
	uint64_t	__faultvaddr;
} x86_exception_state64_t;

/* Debug registers. */
typedef struct {
	uint64_t	__dr0;
	uint64_t	__dr1;
	uint64_t	__dr2;
	uint64_t	__dr3;
	uint64_t	__dr4;
	uint64_t	__dr5;
	uint64_t	__dr6;
	uint64_t	__dr7;
} x86_debug_state64_t;

/* Header of the flavor-tagged x86_*_STATE forms. */
typedef struct {
	uint32_t	flavor;
	uint32_t	count;
} x86_state_hdr_t;

#define x86_THREAD_STATE64_COUNT \
	((mach_msg_type_number_t)(sizeof(x86_thread_state64_t) / sizeof(int)))
#define x86_EXCEPTION_STATE64_COUNT \
	((mach_msg_type_number_t)(sizeof(x86_exception_state64_t) / sizeof(int)))
#define x86_DEBUG_STATE64_COUNT \
	((mach_msg_type_number_t)(sizeof(x86_debug_state64_t) / sizeof(int)))

__MACHSIM_WIRE_SIZE(x86_thread_state64_t, 168);
__MACHSIM_WIRE_SIZE(x86_exception_state64_t, 16);
__MACHSIM_WIRE_SIZE(x86_debug_state64_t, 64);

/* The flavor a debugger uses for this machine's own threads. */
#define MACHINE_THREAD_STATE		x86_THREAD_STATE
#define MACHINE_THREAD_STATE_COUNT	x86_THREAD_STATE_COUNT

/* x86_THREAD_STATE: a header, then the 32- or 64-bit registers. */
typedef struct {
	x86_state_hdr_t			tsh;
	union {
		x86_thread_state32_t	ts32;
		x86_thread_state64_t	ts64;
	} uts;
} x86_thread_state_t;

#define x86_THREAD_STATE_COUNT \
	((mach_msg_type_number_t)(sizeof(x86_thread_state_t) / sizeof(int)))

__MACHSIM_WIRE_SIZE(x86_thread_state_t, 176);

#endif /* _MACH_MACHINE_THREAD_STATUS_H_ */
