/*
 * <kern/exc_guard.h> - how an EXC_GUARD exception's code is laid out:
 * the guard type in bits 63..61, a flavor in 60..32, a target in 31..0.
 */
#ifndef _KERN_EXC_GUARD_H_
#define _KERN_EXC_GUARD_H_

#include <stdint.h>

#define EXC_GUARD_DECODE_GUARD_TYPE(code) \
	((((uint64_t)(code)) >> 61) & 0x7ull)
#define EXC_GUARD_DECODE_GUARD_FLAVOR(code) \
	((((uint64_t)(code)) >> 32) & 0x1fffffffull)
#define EXC_GUARD_DECODE_GUARD_TARGET(code) \
	((uint32_t)(uint64_t)(code))

#define GUARD_TYPE_NONE		0x0	/* none */
#define GUARD_TYPE_MACH_PORT	0x1	/* a guarded Mach port */
#define GUARD_TYPE_FD		0x2	/* a guarded file descriptor */
#define GUARD_TYPE_USER		0x3	/* raised by user code */
#define GUARD_TYPE_VN		0x4	/* a guarded vnode */
#define GUARD_TYPE_VIRT_MEMORY	0x5	/* a VM operation against a guard */
#define GUARD_TYPE_REJECTED_SC	0x6	/* a rejected system call */

#endif /* _KERN_EXC_GUARD_H_ */
