/*
 * <mach/vm_param.h> - page sizes and rounding (PAGE_SIZE, PAGE_MASK,
 * PAGE_MAX_SIZE, ...).  The run-time page size is vm_page_size
 * (<mach/mach_init.h>); on x86-64 it equals PAGE_SIZE.
 */
#ifndef _MACH_VM_PARAM_H_
#define _MACH_VM_PARAM_H_

#include <mach/machine/vm_param.h>
#include <mach/vm_types.h>

#define mach_vm_round_page(x) \
	(((mach_vm_offset_t)(x) + PAGE_MASK) & ~((mach_vm_offset_t)PAGE_MASK))
#define mach_vm_trunc_page(x) \
	((mach_vm_offset_t)(x) & ~((mach_vm_offset_t)PAGE_MASK))

#define round_page_32(x) \
	(((uint32_t)(x) + PAGE_MASK) & ~((uint32_t)PAGE_MASK))
#define trunc_page_32(x)	((uint32_t)(x) & ~((uint32_t)PAGE_MASK))
#define round_page_64(x) \
	(((uint64_t)(x) + PAGE_MASK) & ~((uint64_t)PAGE_MASK))
#define trunc_page_64(x)	((uint64_t)(x) & ~((uint64_t)PAGE_MASK))

#define atop(x)		((vm_address_t)(x) >> PAGE_SHIFT)
#define ptoa(x)		((vm_address_t)(x) << PAGE_SHIFT)

#endif /* _MACH_VM_PARAM_H_ */
