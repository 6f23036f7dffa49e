/*
 * mach_vm.c - the mach_vm routines (mach_vm.defs, ids 4800-4821): the
 * 64-bit forms of the vm_map routines, on a task port, served by the
 * same map code (vm_user.c's *_common bodies and the vm_map_* calls).
 * On LP64 the address and size types are the same width as vm_address_t
 * and vm_size_t, so each routine hands its arguments on unchanged.
 */
#include <stddef.h>
#include <string.h>

#include <mach/memory_object_types.h>
#include <mach/vm_region.h>

#include <ksim/ipc.h>
#include <ksim/kern.h>
#include <ksim/mig_convert.h>
#include <ksim/vm.h>

#include <kernel/mach_vmServer.h>
#include <kernel/vm_mapServer.h>

#include "vm_internal.h"

/* mach_vm_allocate (4800): vm_allocate. */
kern_return_t ksim_mach_vm_allocate(vm_map_t target,
    mach_vm_address_t *address, mach_vm_size_t size, int flags)
{
	return ksim_vm_allocate(target, address, size, flags);
}

/* mach_vm_deallocate (4801): vm_deallocate. */
kern_return_t ksim_mach_vm_deallocate(vm_map_t target,
    mach_vm_address_t address, mach_vm_size_t size)
{
	return ksim_vm_deallocate(target, address, size);
}

/* mach_vm_protect (4802): vm_protect. */
kern_return_t ksim_mach_vm_protect(vm_map_t target_task,
    mach_vm_address_t address, mach_vm_size_t size, boolean_t set_maximum,
    vm_prot_t new_protection)
{
	return ksim_vm_protect(target_task, address, size, set_maximum,
	    new_protection);
}

/* mach_vm_inherit (4803): vm_inherit. */
kern_return_t ksim_mach_vm_inherit(vm_map_t target_task,
    mach_vm_address_t address, mach_vm_size_t size,
    vm_inherit_t new_inheritance)
{
	return ksim_vm_inherit(target_task, address, size, new_inheritance);
}

/* mach_vm_read (4804): vm_read. */
kern_return_t ksim_mach_vm_read(vm_map_read_t target_task,
    mach_vm_address_t address, mach_vm_size_t size, vm_offset_t *data,
    mach_msg_type_number_t *dataCnt)
{
	return ksim_vm_read(target_task, address, size, data, dataCnt);
}

/* mach_vm_read_list (4805): vm_read_list over 64-bit entries. */
kern_return_t ksim_mach_vm_read_list(vm_map_read_t target_task,
    mach_vm_read_entry_t data_list, natural_t count)
{
	return vm_read_list_common(target_task,
	    (void *)((char *)data_list + offsetof(struct mach_vm_read_entry,
	    address)), (void *)((char *)data_list +
	    offsetof(struct mach_vm_read_entry, size)), sizeof(data_list[0]),
	    count);
}

/* mach_vm_write (4806): vm_write. */
kern_return_t ksim_mach_vm_write(vm_map_t target_task,
    mach_vm_address_t address, vm_offset_t data,
    mach_msg_type_number_t dataCnt)
{
	return ksim_vm_write(target_task, address, data, dataCnt);
}

/* mach_vm_copy (4807): vm_copy. */
kern_return_t ksim_mach_vm_copy(vm_map_t target_task,
    mach_vm_address_t source_address, mach_vm_size_t size,
    mach_vm_address_t dest_address)
{
	return ksim_vm_copy(target_task, source_address, size, dest_address);
}

/* mach_vm_read_overwrite (4808): vm_read_overwrite. */
kern_return_t ksim_mach_vm_read_overwrite(vm_map_read_t target_task,
    mach_vm_address_t address, mach_vm_size_t size, mach_vm_address_t data,
    mach_vm_size_t *outsize)
{
	return ksim_vm_read_overwrite(target_task, address, size, data,
	    outsize);
}

/* mach_vm_msync (4809): vm_msync. */
kern_return_t ksim_mach_vm_msync(vm_map_t target_task,
    mach_vm_address_t address, mach_vm_size_t size, vm_sync_t sync_flags)
{
	return ksim_vm_msync(target_task, address, size, sync_flags);
}

/* mach_vm_behavior_set (4810): vm_behavior_set. */
kern_return_t ksim_mach_vm_behavior_set(vm_map_t target_task,
    mach_vm_address_t address, mach_vm_size_t size,
    vm_behavior_t new_behavior)
{
	return ksim_vm_behavior_set(target_task, address, size, new_behavior);
}

/* mach_vm_map (4811): vm_map, with a 64-bit offset. */
kern_return_t ksim_mach_vm_map(vm_map_t target_task,
    mach_vm_address_t *address, mach_vm_size_t size, mach_vm_offset_t mask,
    int flags, mem_entry_name_port_t object, memory_object_offset_t offset,
    boolean_t copy, vm_prot_t cur_protection, vm_prot_t max_protection,
    vm_inherit_t inheritance)
{
	return vm_map_common(target_task, address, size, mask, flags, object,
	    (vm_offset_t)offset, copy, cur_protection, max_protection,
	    inheritance);
}

/* mach_vm_machine_attribute (4812): vm_machine_attribute. */
kern_return_t ksim_mach_vm_machine_attribute(vm_map_t target_task,
    mach_vm_address_t address, mach_vm_size_t size,
    vm_machine_attribute_t attribute, vm_machine_attribute_val_t *value)
{
	return ksim_vm_machine_attribute(target_task, address, size, attribute,
	    value);
}

/* mach_vm_remap (4813): vm_remap, with vm_allocate's flags. */
kern_return_t ksim_mach_vm_remap(vm_map_t target_task,
    mach_vm_address_t *target_address, mach_vm_size_t size,
    mach_vm_offset_t mask, int flags, vm_map_t src_task,
    mach_vm_address_t src_address, boolean_t copy,
    vm_prot_t *cur_protection, vm_prot_t *max_protection,
    vm_inherit_t inheritance)
{
	return vm_remap_common(target_task, target_address, size, mask, flags,
	    src_task, src_address, copy, cur_protection, max_protection,
	    inheritance, false);
}

/* mach_vm_page_query (4814): vm_map_page_query. */
kern_return_t ksim_mach_vm_page_query(vm_map_read_t target_map,
    mach_vm_offset_t offset, integer_t *disposition, integer_t *ref_count)
{
	return ksim_vm_map_page_query(target_map, offset, disposition,
	    ref_count);
}

/* mach_vm_region_recurse (4815): vm_region_recurse_64. */
kern_return_t ksim_mach_vm_region_recurse(vm_map_read_t target_task,
    mach_vm_address_t *address, mach_vm_size_t *size,
    natural_t *nesting_depth, vm_region_recurse_info_t info,
    mach_msg_type_number_t *infoCnt)
{
	return vm_region_recurse_common(target_task, address, size,
	    nesting_depth, info, infoCnt);
}

/* mach_vm_region (4816): vm_region_64. */
kern_return_t ksim_mach_vm_region(vm_map_read_t target_task,
    mach_vm_address_t *address, mach_vm_size_t *size,
    vm_region_flavor_t flavor, vm_region_info_t info,
    mach_msg_type_number_t *infoCnt, mach_port_t *object_name)
{
	return vm_region_common(target_task, address, size, flavor, info,
	    infoCnt, object_name);
}

/* _mach_make_memory_entry (4817): mach_make_memory_entry_64. */
kern_return_t ksim__mach_make_memory_entry(vm_map_t target_task,
    memory_object_size_t *size, memory_object_offset_t offset,
    vm_prot_t permission, mach_port_t *object_handle,
    mem_entry_name_port_t parent_handle)
{
	return ksim_mach_make_memory_entry_64(target_task, size, offset,
	    permission, object_handle, parent_handle);
}

/*
 * Routine:	ksim_mach_vm_purgable_control
 * Purpose:	mach_vm_purgable_control (4818): as vm_map_purgable_control
 *		(memory made with VM_FLAGS_PURGABLE).
 * Returns:	As vm_map_purgable_control; KERN_INVALID_ARGUMENT (null or
 *		dead map).
 */
kern_return_t ksim_mach_vm_purgable_control(vm_map_t target_task,
    mach_vm_address_t address, vm_purgable_t control, int *state)
{
	kern_return_t kr;

	if (target_task == VM_MAP_NULL)
		return KERN_INVALID_ARGUMENT;
	ksim_lock();
	kr = target_task->active ? vm_map_purgable_control(target_task,
	    address, control, state) : KERN_INVALID_ARGUMENT;
	ksim_unlock();
	return kr;
}

/* mach_vm_page_info (4819). */
kern_return_t ksim_mach_vm_page_info(vm_map_read_t target_task,
    mach_vm_address_t address, vm_page_info_flavor_t flavor,
    vm_page_info_t info, mach_msg_type_number_t *infoCnt)
{
	return vm_page_info_common(target_task, address, flavor, info,
	    infoCnt);
}

/* mach_vm_page_range_query (4820). */
kern_return_t ksim_mach_vm_page_range_query(vm_map_read_t target_map,
    mach_vm_offset_t address, mach_vm_size_t size,
    mach_vm_address_t dispositions, mach_vm_size_t *dispositions_count)
{
	return vm_page_range_query_common(target_map, address, size,
	    dispositions, dispositions_count);
}

/*
 * Routine:	ksim_mach_vm_remap_new
 * Purpose:	mach_vm_remap_new (4821): vm_remap with the protections
 *		given (vm_map_remap's requested form) and the address of
 *		the source's first byte returned, as Darwin's.
 * Returns:	As vm_map_remap; KERN_INVALID_ARGUMENT (protections
 *		outside VM_PROT_ALL, or a current protection the maximum
 *		does not include).
 */
kern_return_t ksim_mach_vm_remap_new(vm_map_t target_task,
    mach_vm_address_t *target_address, mach_vm_size_t size,
    mach_vm_offset_t mask, int flags, vm_map_read_t src_task,
    mach_vm_address_t src_address, boolean_t copy,
    vm_prot_t *cur_protection, vm_prot_t *max_protection,
    vm_inherit_t inheritance)
{
	vm_prot_t cur = *cur_protection, max = *max_protection;
	kern_return_t kr;

	if ((cur & ~VM_PROT_ALL) != 0 || (max & ~VM_PROT_ALL) != 0 ||
	    (cur & max) != cur)
		return KERN_INVALID_ARGUMENT;
	kr = vm_remap_common(target_task, target_address, size, mask, flags,
	    src_task, src_address, copy, &cur, &max, inheritance, true);
	if (kr == KERN_SUCCESS)
		*target_address += src_address & (vm_page_size_get() - 1);
	return kr;
}
