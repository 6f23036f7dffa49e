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
typedef struct __darwin_i386_thread_state {
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
typedef struct __darwin_x86_thread_state64 {
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
typedef struct __darwin_x86_exception_state64 {
	uint16_t	__trapno;
	uint16_t	__cpu;
	uint32_t	__err;
	uint64_t	__faultvaddr;
} x86_exception_state64_t;

/* Debug registers. */
typedef struct __darwin_x86_debug_state64 {
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
typedef struct x86_state_hdr {
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

/* ---- the floating-point, 32-bit exception and debug states ---- */

/* The x87 control word (FP_PREC_*, FP_RND_* below). */
struct __darwin_fp_control {
	unsigned short	__invalid	:1,
			__denorm	:1,
			__zdiv		:1,
			__ovrfl		:1,
			__undfl		:1,
			__precis	:1,
					:2,
			__pc		:2,
			__rc		:2,
					:1,
					:3;
};
typedef struct __darwin_fp_control	fp_control_t;

#define FP_PREC_24B	0
#define FP_PREC_53B	2
#define FP_PREC_64B	3
#define FP_RND_NEAR	0
#define FP_RND_DOWN	1
#define FP_RND_UP	2
#define FP_CHOP		3

/* The x87 status word. */
struct __darwin_fp_status {
	unsigned short	__invalid	:1,
			__denorm	:1,
			__zdiv		:1,
			__ovrfl		:1,
			__undfl		:1,
			__precis	:1,
			__stkflt	:1,
			__errsumm	:1,
			__c0		:1,
			__c1		:1,
			__c2		:1,
			__tos		:3,
			__c3		:1,
			__busy		:1;
};
typedef struct __darwin_fp_status	fp_status_t;

/* One x87/MMX register (80 bits, padded) and one XMM register. */
struct __darwin_mmst_reg {
	char	__mmst_reg[10];
	char	__mmst_rsrv[6];
};
struct __darwin_xmm_reg {
	char	__xmm_reg[16];
};

/* The FXSAVE image common to both widths, up to the MMX registers. */
#define __MACHSIM_FPU_HEAD \
	int				__fpu_reserved[2]; \
	struct __darwin_fp_control	__fpu_fcw; \
	struct __darwin_fp_status	__fpu_fsw; \
	uint8_t				__fpu_ftw; \
	uint8_t				__fpu_rsrv1; \
	uint16_t			__fpu_fop; \
	uint32_t			__fpu_ip; \
	uint16_t			__fpu_cs; \
	uint16_t			__fpu_rsrv2; \
	uint32_t			__fpu_dp; \
	uint16_t			__fpu_ds; \
	uint16_t			__fpu_rsrv3; \
	uint32_t			__fpu_mxcsr; \
	uint32_t			__fpu_mxcsrmask; \
	struct __darwin_mmst_reg	__fpu_stmm0; \
	struct __darwin_mmst_reg	__fpu_stmm1; \
	struct __darwin_mmst_reg	__fpu_stmm2; \
	struct __darwin_mmst_reg	__fpu_stmm3; \
	struct __darwin_mmst_reg	__fpu_stmm4; \
	struct __darwin_mmst_reg	__fpu_stmm5; \
	struct __darwin_mmst_reg	__fpu_stmm6; \
	struct __darwin_mmst_reg	__fpu_stmm7; \
	struct __darwin_xmm_reg		__fpu_xmm0; \
	struct __darwin_xmm_reg		__fpu_xmm1; \
	struct __darwin_xmm_reg		__fpu_xmm2; \
	struct __darwin_xmm_reg		__fpu_xmm3; \
	struct __darwin_xmm_reg		__fpu_xmm4; \
	struct __darwin_xmm_reg		__fpu_xmm5; \
	struct __darwin_xmm_reg		__fpu_xmm6; \
	struct __darwin_xmm_reg		__fpu_xmm7

/* Floating-point state of a 32-bit thread: 8 XMM registers. */
typedef struct __darwin_i386_float_state {
	__MACHSIM_FPU_HEAD;
	char				__fpu_rsrv4[14 * 16];
	int				__fpu_reserved1;
} x86_float_state32_t;

/* Floating-point state of a 64-bit thread: 16 XMM registers. */
typedef struct __darwin_x86_float_state64 {
	__MACHSIM_FPU_HEAD;
	struct __darwin_xmm_reg		__fpu_xmm8;
	struct __darwin_xmm_reg		__fpu_xmm9;
	struct __darwin_xmm_reg		__fpu_xmm10;
	struct __darwin_xmm_reg		__fpu_xmm11;
	struct __darwin_xmm_reg		__fpu_xmm12;
	struct __darwin_xmm_reg		__fpu_xmm13;
	struct __darwin_xmm_reg		__fpu_xmm14;
	struct __darwin_xmm_reg		__fpu_xmm15;
	char				__fpu_rsrv4[6 * 16];
	int				__fpu_reserved1;
} x86_float_state64_t;

/* The last fault of a 32-bit thread. */
typedef struct __darwin_i386_exception_state {
	uint16_t	__trapno;
	uint16_t	__cpu;
	uint32_t	__err;
	uint32_t	__faultvaddr;
} x86_exception_state32_t;

/* Debug registers of a 32-bit thread. */
typedef struct __darwin_x86_debug_state32 {
	unsigned int	__dr0;
	unsigned int	__dr1;
	unsigned int	__dr2;
	unsigned int	__dr3;
	unsigned int	__dr4;
	unsigned int	__dr5;
	unsigned int	__dr6;
	unsigned int	__dr7;
} x86_debug_state32_t;

/* The flavor-tagged forms: a header, then the 32- or 64-bit state. */
typedef struct x86_float_state {
	x86_state_hdr_t			fsh;
	union {
		x86_float_state32_t	fs32;
		x86_float_state64_t	fs64;
	} ufs;
} x86_float_state_t;

typedef struct x86_exception_state {
	x86_state_hdr_t			esh;
	union {
		x86_exception_state32_t	es32;
		x86_exception_state64_t	es64;
	} ues;
} x86_exception_state_t;

typedef struct x86_debug_state {
	x86_state_hdr_t			dsh;
	union {
		x86_debug_state32_t	ds32;
		x86_debug_state64_t	ds64;
	} uds;
} x86_debug_state_t;

#define x86_FLOAT_STATE32_COUNT \
	((mach_msg_type_number_t)(sizeof(x86_float_state32_t) / sizeof(int)))
#define x86_FLOAT_STATE64_COUNT \
	((mach_msg_type_number_t)(sizeof(x86_float_state64_t) / sizeof(int)))
#define x86_EXCEPTION_STATE32_COUNT \
	((mach_msg_type_number_t)(sizeof(x86_exception_state32_t) / sizeof(int)))
#define x86_DEBUG_STATE32_COUNT \
	((mach_msg_type_number_t)(sizeof(x86_debug_state32_t) / sizeof(int)))
#define x86_FLOAT_STATE_COUNT \
	((mach_msg_type_number_t)(sizeof(x86_float_state_t) / sizeof(int)))
#define x86_EXCEPTION_STATE_COUNT \
	((mach_msg_type_number_t)(sizeof(x86_exception_state_t) / sizeof(int)))
#define x86_DEBUG_STATE_COUNT \
	((mach_msg_type_number_t)(sizeof(x86_debug_state_t) / sizeof(int)))

/* The i386_* names of the 32-bit flavors and their types. */
#define i386_THREAD_STATE	1
#define i386_FLOAT_STATE	2
#define i386_EXCEPTION_STATE	3
typedef x86_thread_state32_t	i386_thread_state_t;
typedef x86_float_state32_t	i386_float_state_t;
typedef x86_exception_state32_t	i386_exception_state_t;
#define i386_THREAD_STATE_COUNT		x86_THREAD_STATE32_COUNT
#define i386_FLOAT_STATE_COUNT		x86_FLOAT_STATE32_COUNT
#define i386_EXCEPTION_STATE_COUNT	x86_EXCEPTION_STATE32_COUNT

/* The struct names Darwin's headers spell with _STRUCT_ macros. */
#define _STRUCT_X86_THREAD_STATE32	struct __darwin_i386_thread_state
#define _STRUCT_X86_THREAD_STATE64	struct __darwin_x86_thread_state64
#define _STRUCT_X86_FLOAT_STATE32	struct __darwin_i386_float_state
#define _STRUCT_X86_FLOAT_STATE64	struct __darwin_x86_float_state64
#define _STRUCT_X86_EXCEPTION_STATE32	struct __darwin_i386_exception_state
#define _STRUCT_X86_EXCEPTION_STATE64	struct __darwin_x86_exception_state64
#define _STRUCT_X86_DEBUG_STATE32	struct __darwin_x86_debug_state32
#define _STRUCT_X86_DEBUG_STATE64	struct __darwin_x86_debug_state64
#define _STRUCT_FP_CONTROL		struct __darwin_fp_control
#define _STRUCT_FP_STATUS		struct __darwin_fp_status
#define _STRUCT_MMST_REG		struct __darwin_mmst_reg
#define _STRUCT_XMM_REG			struct __darwin_xmm_reg

__MACHSIM_WIRE_SIZE(struct __darwin_fp_control, 2);
__MACHSIM_WIRE_SIZE(struct __darwin_fp_status, 2);
__MACHSIM_WIRE_SIZE(x86_float_state32_t, 524);
__MACHSIM_WIRE_SIZE(x86_float_state64_t, 524);
__MACHSIM_WIRE_SIZE(x86_exception_state32_t, 12);
__MACHSIM_WIRE_SIZE(x86_debug_state32_t, 32);
__MACHSIM_WIRE_SIZE(x86_float_state_t, 532);
__MACHSIM_WIRE_SIZE(x86_exception_state_t, 24);
__MACHSIM_WIRE_SIZE(x86_debug_state_t, 72);

#endif /* _MACH_MACHINE_THREAD_STATUS_H_ */
