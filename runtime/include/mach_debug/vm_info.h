/*
 * <mach_debug/vm_info.h> - records of the VM debugging calls
 * (mach_vm_region_info and mach_vm_region_info_64).
 *
 * As in Darwin, the records are packed to 4 bytes, so the 64-bit fields
 * need not be 8-aligned: vm_info_region_64_t is 44 bytes, its offset at
 * byte 12.  vm_info_object_t carries one vm_offset_t (8 bytes on LP64),
 * which makes it 88 bytes, 22 words (Darwin's .defs still says 21, its
 * ILP32 size; machsim's mach_debug_types.defs gives the LP64 size).
 */
#ifndef _MACH_DEBUG_VM_INFO_H_
#define _MACH_DEBUG_VM_INFO_H_

#include <mach/_machsim_cdefs.h>
#include <mach/boolean.h>
#include <mach/machine/vm_types.h>
#include <mach/memory_object_types.h>
#include <mach/vm_inherit.h>
#include <mach/vm_prot.h>

#pragma pack(push, 4)

/* A region with 64-bit addresses. */
typedef struct mach_vm_info_region {
	mach_vm_offset_t	vir_start;
	mach_vm_offset_t	vir_end;
	mach_vm_offset_t	vir_object;	/* object identifier */
	memory_object_offset_t	vir_offset;	/* into the object */
	boolean_t		vir_needs_copy;
	vm_prot_t		vir_protection;
	vm_prot_t		vir_max_protection;
	vm_inherit_t		vir_inheritance;
	natural_t		vir_wired_count;
	natural_t		vir_user_wired_count;
} mach_vm_info_region_t;

/* A region with 32-bit addresses and a 64-bit object offset. */
typedef struct vm_info_region_64 {
	natural_t		vir_start;
	natural_t		vir_end;
	natural_t		vir_object;
	memory_object_offset_t	vir_offset;
	boolean_t		vir_needs_copy;
	vm_prot_t		vir_protection;
	vm_prot_t		vir_max_protection;
	vm_inherit_t		vir_inheritance;
	natural_t		vir_wired_count;
	natural_t		vir_user_wired_count;
} vm_info_region_64_t;

/* The classic all-32-bit region record. */
typedef struct vm_info_region {
	natural_t		vir_start;
	natural_t		vir_end;
	natural_t		vir_object;
	natural_t		vir_offset;
	boolean_t		vir_needs_copy;
	vm_prot_t		vir_protection;
	vm_prot_t		vir_max_protection;
	vm_inherit_t		vir_inheritance;
	natural_t		vir_wired_count;
	natural_t		vir_user_wired_count;
} vm_info_region_t;

/* One object of the chain behind a region. */
typedef struct vm_info_object {
	natural_t		vio_object;
	natural_t		vio_size;
	unsigned int		vio_ref_count;
	unsigned int		vio_resident_page_count;
	unsigned int		vio_absent_count;	/* requested, unfilled */
	natural_t		vio_copy;		/* copy object */
	natural_t		vio_shadow;		/* shadow object */
	natural_t		vio_shadow_offset;
	natural_t		vio_paging_offset;
	memory_object_copy_strategy_t vio_copy_strategy;
	vm_offset_t		vio_last_alloc;
	unsigned int		vio_paging_in_progress;
	boolean_t		vio_pager_created;
	boolean_t		vio_pager_initialized;
	boolean_t		vio_pager_ready;
	boolean_t		vio_can_persist;
	boolean_t		vio_internal;
	boolean_t		vio_temporary;
	boolean_t		vio_alive;
	boolean_t		vio_purgable;
	boolean_t		vio_purgable_volatile;
} vm_info_object_t;

#pragma pack(pop)

typedef vm_info_object_t	*vm_info_object_array_t;

__MACHSIM_WIRE_SIZE(mach_vm_info_region_t, 56);
__MACHSIM_WIRE_SIZE(vm_info_region_64_t, 44);
__MACHSIM_WIRE_SIZE(vm_info_region_t, 40);
__MACHSIM_WIRE_SIZE(vm_info_object_t, 88);

#endif /* _MACH_DEBUG_VM_INFO_H_ */
