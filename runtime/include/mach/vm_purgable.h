/*
 * <mach/vm_purgable.h> - purgeable memory control.
 */
#ifndef _MACH_VM_PURGABLE_H_
#define _MACH_VM_PURGABLE_H_

typedef int vm_purgable_t;

/* vm_purgable_control operations. */
#define VM_PURGABLE_SET_STATE	((vm_purgable_t) 0)
#define VM_PURGABLE_GET_STATE	((vm_purgable_t) 1)
#define VM_PURGABLE_PURGE_ALL	((vm_purgable_t) 3)

/* States. */
#define VM_PURGABLE_NONVOLATILE	0	/* contents kept */
#define VM_PURGABLE_VOLATILE	1	/* may be discarded */
#define VM_PURGABLE_EMPTY	2	/* was discarded */
#define VM_PURGABLE_DENY	3	/* cannot become volatile */

#endif /* _MACH_VM_PURGABLE_H_ */
