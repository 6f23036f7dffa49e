/*
 * <mach/machine/vm_param.h> - the page geometry of x86-64: 4 KiB pages,
 * the same at the least and the most (Darwin's PAGE_MIN_* and
 * PAGE_MAX_*).
 */
#ifndef _MACH_MACHINE_VM_PARAM_H_
#define _MACH_MACHINE_VM_PARAM_H_

#define BYTE_SIZE		8	/* bits in a byte */

#define I386_PGBYTES		4096
#define I386_PGSHIFT		12

#define PAGE_SHIFT		I386_PGSHIFT
#define PAGE_SIZE		I386_PGBYTES
#define PAGE_MASK		(PAGE_SIZE - 1)

#define PAGE_MAX_SHIFT		PAGE_SHIFT
#define PAGE_MAX_SIZE		PAGE_SIZE
#define PAGE_MAX_MASK		PAGE_MASK

#define PAGE_MIN_SHIFT		PAGE_SHIFT
#define PAGE_MIN_SIZE		PAGE_SIZE
#define PAGE_MIN_MASK		PAGE_MASK

#endif /* _MACH_MACHINE_VM_PARAM_H_ */
