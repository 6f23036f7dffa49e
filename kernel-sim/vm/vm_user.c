/*
 * vm_user.c - the vm_map routines (MACH-SEMANTICS 8) as the generated
 * demuxer calls them on a task port: the map is the task's.
 * vm_allocate and vm_deallocate are served; the rest of the VM calls
 * come with a later issue.
 */
#include <ksim/ipc.h>
#include <ksim/kern.h>
#include <ksim/mig_convert.h>
#include <ksim/vm.h>

#include <kernel/host_privServer.h>
#include <kernel/vm_mapServer.h>

/*
 * Routine:	ksim_vm_allocate
 * Purpose:	vm_allocate (8.2) in the task's map.
 * Returns:	As vm_map_allocate; KERN_INVALID_ARGUMENT (null or dead map).
 */
kern_return_t ksim_vm_allocate(vm_map_t target_task, vm_address_t *address,
    vm_size_t size, int flags)
{
	kern_return_t kr;

	if (target_task == VM_MAP_NULL)
		return KERN_INVALID_ARGUMENT;
	ksim_lock();
	kr = target_task->active ?
	    vm_map_allocate(target_task, address, size, flags) :
	    KERN_INVALID_ARGUMENT;
	ksim_unlock();
	return kr;
}

/*
 * Routine:	ksim_vm_deallocate
 * Purpose:	vm_deallocate (8.2) in the task's map.
 * Returns:	As vm_map_remove; KERN_INVALID_ARGUMENT (null or dead map).
 */
kern_return_t ksim_vm_deallocate(vm_map_t target_task, vm_address_t address,
    vm_size_t size)
{
	kern_return_t kr;

	if (target_task == VM_MAP_NULL)
		return KERN_INVALID_ARGUMENT;
	ksim_lock();
	kr = target_task->active ?
	    vm_map_remove(target_task, address, size) :
	    KERN_INVALID_ARGUMENT;
	ksim_unlock();
	return kr;
}

/* ---- vm_map.defs: later issues (KERN_NOT_SUPPORTED) --------------------- */

/*
 * vm_region (3800): Describe the region containing address, or the next
 * one above it: its start and size, one flavor of attributes, and its
 * object's name port.
 */
kern_return_t ksim_vm_region(vm_map_t target_task, vm_address_t *address,
    vm_size_t *size, vm_region_flavor_t flavor, vm_region_info_t info,
    mach_msg_type_number_t *infoCnt, mach_port_t *object_name)
{
	(void)target_task;
	(void)address;
	(void)size;
	(void)flavor;
	(void)info;
	(void)infoCnt;
	(void)object_name;
	return KERN_NOT_SUPPORTED;
}

/* vm_protect (3803): Set the current or the maximum protection of a range. */
kern_return_t ksim_vm_protect(vm_map_t target_task, vm_address_t address,
    vm_size_t size, boolean_t set_maximum, vm_prot_t new_protection)
{
	(void)target_task;
	(void)address;
	(void)size;
	(void)set_maximum;
	(void)new_protection;
	return KERN_NOT_SUPPORTED;
}

/* vm_inherit (3804): Set how a range is passed to child tasks. */
kern_return_t ksim_vm_inherit(vm_map_t target_task, vm_address_t address,
    vm_size_t size, vm_inherit_t new_inheritance)
{
	(void)target_task;
	(void)address;
	(void)size;
	(void)new_inheritance;
	return KERN_NOT_SUPPORTED;
}

/* vm_read (3805): Copy a range of the task's memory out to the caller. */
kern_return_t ksim_vm_read(vm_map_t target_task, vm_address_t address,
    vm_size_t size, vm_offset_t *data, mach_msg_type_number_t *dataCnt)
{
	(void)target_task;
	(void)address;
	(void)size;
	(void)data;
	(void)dataCnt;
	return KERN_NOT_SUPPORTED;
}

/*
 * vm_read_list (3806): vm_read for a list of ranges, each mapped into the
 * caller.
 */
kern_return_t ksim_vm_read_list(vm_map_t target_task,
    vm_read_entry_t data_list, natural_t count)
{
	(void)target_task;
	(void)data_list;
	(void)count;
	return KERN_NOT_SUPPORTED;
}

/* vm_write (3807): Copy the caller's data into the task at address. */
kern_return_t ksim_vm_write(vm_map_t target_task, vm_address_t address,
    vm_offset_t data, mach_msg_type_number_t dataCnt)
{
	(void)target_task;
	(void)address;
	(void)data;
	(void)dataCnt;
	return KERN_NOT_SUPPORTED;
}

/* vm_copy (3808): Copy one range of the task's memory to another. */
kern_return_t ksim_vm_copy(vm_map_t target_task, vm_address_t source_address,
    vm_size_t size, vm_address_t dest_address)
{
	(void)target_task;
	(void)source_address;
	(void)size;
	(void)dest_address;
	return KERN_NOT_SUPPORTED;
}

/*
 * vm_read_overwrite (3809): Copy a range of the task's memory into the
 * caller's buffer at data.
 */
kern_return_t ksim_vm_read_overwrite(vm_map_t target_task,
    vm_address_t address, vm_size_t size, vm_address_t data,
    vm_size_t *outsize)
{
	(void)target_task;
	(void)address;
	(void)size;
	(void)data;
	(void)outsize;
	return KERN_NOT_SUPPORTED;
}

/*
 * vm_msync (3810): Flush, invalidate or write back a range to its memory
 * objects.
 */
kern_return_t ksim_vm_msync(vm_map_t target_task, vm_address_t address,
    vm_size_t size, vm_sync_t sync_flags)
{
	(void)target_task;
	(void)address;
	(void)size;
	(void)sync_flags;
	return KERN_NOT_SUPPORTED;
}

/* vm_behavior_set (3811): Declare the expected access pattern of a range. */
kern_return_t ksim_vm_behavior_set(vm_map_t target_task, vm_address_t address,
    vm_size_t size, vm_behavior_t new_behavior)
{
	(void)target_task;
	(void)address;
	(void)size;
	(void)new_behavior;
	return KERN_NOT_SUPPORTED;
}

/*
 * vm_map (3812): Map a memory object (or fresh zero memory) at address or
 * anywhere, shared or copied, with the given protections and inheritance.
 */
kern_return_t ksim_vm_map(vm_map_t target_task, vm_address_t *address,
    vm_size_t size, vm_address_t mask, int flags,
    memory_object_t memory_object, vm_offset_t offset, boolean_t copy,
    vm_prot_t cur_protection, vm_prot_t max_protection,
    vm_inherit_t inheritance)
{
	(void)target_task;
	(void)address;
	(void)size;
	(void)mask;
	(void)flags;
	(void)memory_object;
	(void)offset;
	(void)copy;
	(void)cur_protection;
	(void)max_protection;
	(void)inheritance;
	return KERN_NOT_SUPPORTED;
}

/*
 * vm_machine_attribute (3813): Get or set a machine-specific attribute
 * (cacheability...) of a range.
 */
kern_return_t ksim_vm_machine_attribute(vm_map_t target_task,
    vm_address_t address, vm_size_t size, vm_machine_attribute_t attribute,
    vm_machine_attribute_val_t *value)
{
	(void)target_task;
	(void)address;
	(void)size;
	(void)attribute;
	(void)value;
	return KERN_NOT_SUPPORTED;
}

/*
 * vm_remap (3814): Map a range of another task's memory into this one,
 * shared or copied.
 */
kern_return_t ksim_vm_remap(vm_map_t target_task, vm_address_t *target_address,
    vm_size_t size, vm_address_t mask, boolean_t anywhere, vm_map_t src_task,
    vm_address_t src_address, boolean_t copy, vm_prot_t *cur_protection,
    vm_prot_t *max_protection, vm_inherit_t inheritance)
{
	(void)target_task;
	(void)target_address;
	(void)size;
	(void)mask;
	(void)anywhere;
	(void)src_task;
	(void)src_address;
	(void)copy;
	(void)cur_protection;
	(void)max_protection;
	(void)inheritance;
	return KERN_NOT_SUPPORTED;
}

/*
 * task_wire (3815): Make all future allocations of the task wired (or stop
 * doing so).
 */
kern_return_t ksim_task_wire(vm_map_t target_task, boolean_t must_wire)
{
	(void)target_task;
	(void)must_wire;
	return KERN_NOT_SUPPORTED;
}

/*
 * mach_make_memory_entry (3816): Create a named entry port for a range of
 * the task's memory.
 */
kern_return_t ksim_mach_make_memory_entry(vm_map_t target_task,
    vm_size_t *size, vm_offset_t offset, vm_prot_t permission,
    mach_port_t *object_handle, mem_entry_name_port_t parent_entry)
{
	(void)target_task;
	(void)size;
	(void)offset;
	(void)permission;
	(void)object_handle;
	(void)parent_entry;
	return KERN_NOT_SUPPORTED;
}

/*
 * vm_map_page_query (3817): Residency and reference state of the page at
 * offset.
 */
kern_return_t ksim_vm_map_page_query(vm_map_t target_map, vm_offset_t offset,
    integer_t *disposition, integer_t *ref_count)
{
	(void)target_map;
	(void)offset;
	(void)disposition;
	(void)ref_count;
	return KERN_NOT_SUPPORTED;
}

/* mach_vm_region_info (3818): Debug dump of a region and its object chain. */
kern_return_t ksim_mach_vm_region_info(vm_map_t task, vm_address_t address,
    vm_info_region_t *region, vm_info_object_array_t *objects,
    mach_msg_type_number_t *objectsCnt)
{
	(void)task;
	(void)address;
	(void)region;
	(void)objects;
	(void)objectsCnt;
	return KERN_NOT_SUPPORTED;
}

/*
 * vm_mapped_pages_info (3819): Debug list of the task's resident page
 * addresses.
 */
kern_return_t ksim_vm_mapped_pages_info(vm_map_t task,
    page_address_array_t *pages, mach_msg_type_number_t *pagesCnt)
{
	(void)task;
	(void)pages;
	(void)pagesCnt;
	return KERN_NOT_SUPPORTED;
}

/*
 * vm_region_object_create (3820): Create a named entry backed by a new,
 * empty submap of size bytes.
 */
kern_return_t ksim_vm_region_object_create(vm_map_t target_task,
    vm_size_t size, mach_port_t *region_object)
{
	(void)target_task;
	(void)size;
	(void)region_object;
	return KERN_NOT_SUPPORTED;
}

/*
 * vm_region_recurse (3821): vm_region that descends into submaps down to
 * nesting_depth.
 */
kern_return_t ksim_vm_region_recurse(vm_map_t target_task,
    vm_address_t *address, vm_size_t *size, natural_t *nesting_depth,
    vm_region_recurse_info_t info, mach_msg_type_number_t *infoCnt)
{
	(void)target_task;
	(void)address;
	(void)size;
	(void)nesting_depth;
	(void)info;
	(void)infoCnt;
	return KERN_NOT_SUPPORTED;
}

/*
 * vm_region_recurse_64 (3822): vm_region_recurse with 64-bit object
 * offsets in the answer.
 */
kern_return_t ksim_vm_region_recurse_64(vm_map_t target_task,
    vm_address_t *address, vm_size_t *size, natural_t *nesting_depth,
    vm_region_recurse_info_64_t info, mach_msg_type_number_t *infoCnt)
{
	(void)target_task;
	(void)address;
	(void)size;
	(void)nesting_depth;
	(void)info;
	(void)infoCnt;
	return KERN_NOT_SUPPORTED;
}

/*
 * mach_vm_region_info_64 (3823): mach_vm_region_info with 64-bit object
 * offsets.
 */
kern_return_t ksim_mach_vm_region_info_64(vm_map_t task, vm_address_t address,
    vm_info_region_64_t *region, vm_info_object_array_t *objects,
    mach_msg_type_number_t *objectsCnt)
{
	(void)task;
	(void)address;
	(void)region;
	(void)objects;
	(void)objectsCnt;
	return KERN_NOT_SUPPORTED;
}

/* vm_region_64 (3824): vm_region with 64-bit object offsets in the answer. */
kern_return_t ksim_vm_region_64(vm_map_t target_task, vm_address_t *address,
    vm_size_t *size, vm_region_flavor_t flavor, vm_region_info_64_t info,
    mach_msg_type_number_t *infoCnt, mach_port_t *object_name)
{
	(void)target_task;
	(void)address;
	(void)size;
	(void)flavor;
	(void)info;
	(void)infoCnt;
	(void)object_name;
	return KERN_NOT_SUPPORTED;
}

/*
 * mach_make_memory_entry_64 (3825): mach_make_memory_entry with 64-bit
 * offset and size.
 */
kern_return_t ksim_mach_make_memory_entry_64(vm_map_t target_task,
    memory_object_size_t *size, memory_object_offset_t offset,
    vm_prot_t permission, mach_port_t *object_handle,
    mem_entry_name_port_t parent_entry)
{
	(void)target_task;
	(void)size;
	(void)offset;
	(void)permission;
	(void)object_handle;
	(void)parent_entry;
	return KERN_NOT_SUPPORTED;
}

/* vm_map_64 (3826): vm_map with a 64-bit offset into the memory object. */
kern_return_t ksim_vm_map_64(vm_map_t target_task, vm_address_t *address,
    vm_size_t size, vm_address_t mask, int flags,
    memory_object_t memory_object, memory_object_offset_t offset,
    boolean_t copy, vm_prot_t cur_protection, vm_prot_t max_protection,
    vm_inherit_t inheritance)
{
	(void)target_task;
	(void)address;
	(void)size;
	(void)mask;
	(void)flags;
	(void)memory_object;
	(void)offset;
	(void)copy;
	(void)cur_protection;
	(void)max_protection;
	(void)inheritance;
	return KERN_NOT_SUPPORTED;
}

/* ---- host_priv.defs: later issues (KERN_NOT_SUPPORTED) ------------------ */

/*
 * vm_wire (404): Wire (or, with VM_PROT_NONE, unwire) a range of a task's
 * memory.
 */
kern_return_t ksim_vm_wire(host_priv_t host_priv, vm_map_t task,
    vm_address_t address, vm_size_t size, vm_prot_t access)
{
	(void)host_priv;
	(void)task;
	(void)address;
	(void)size;
	(void)access;
	return KERN_NOT_SUPPORTED;
}

/*
 * vm_allocate_cpm (406): Allocate wired, physically contiguous memory in a
 * task.
 */
kern_return_t ksim_vm_allocate_cpm(host_priv_t host_priv, vm_map_t task,
    vm_address_t *address, vm_size_t size, boolean_t anywhere)
{
	(void)host_priv;
	(void)task;
	(void)address;
	(void)size;
	(void)anywhere;
	return KERN_NOT_SUPPORTED;
}
