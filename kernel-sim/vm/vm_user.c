/*
 * vm_user.c - the vm_map routines (MACH-SEMANTICS 8) as the generated
 * demuxer calls them on a task port: the map is the task's.  Each takes
 * the kernel lock and calls the map code (vm_map.c, vm_ops.c,
 * vm_object.c); the mach_vm routines (mach_vm.c) share the *_common
 * forms here.
 */
#include <stddef.h>
#include <string.h>

#include <mach/memory_object_types.h>
#include <mach/vm_region.h>

#include <ksim/ipc.h>
#include <ksim/kern.h>
#include <ksim/mig_convert.h>
#include <ksim/pager.h>
#include <ksim/vm.h>

#include <kernel/host_privServer.h>
#include <kernel/vm_mapServer.h>

#include "vm_internal.h"

/* ---- vm_map.defs, served ----------------------------------------------- */

/*
 * Routine:	map_enter / map_leave
 * Purpose:	Every routine's frame: a null or dead map is null_kr
 *		(KERN_INVALID_ARGUMENT, or KERN_INVALID_TASK for msync and
 *		wire, 8.1); the kernel lock is held between the two.
 */
static kern_return_t map_enter(vm_map_t map, kern_return_t null_kr)
{
	if (map == VM_MAP_NULL)
		return null_kr;
	ksim_lock();
	if (!map->active) {
		ksim_unlock();
		return null_kr;
	}
	return KERN_SUCCESS;
}

static kern_return_t map_leave(kern_return_t kr)
{
	ksim_unlock();
	return kr;
}

/* vm_allocate (3801, 8.2): as vm_map_allocate. */
kern_return_t ksim_vm_allocate(vm_map_t target_task, vm_address_t *address,
    vm_size_t size, int flags)
{
	kern_return_t kr = map_enter(target_task, KERN_INVALID_ARGUMENT);

	if (kr != KERN_SUCCESS)
		return kr;
	return map_leave(vm_map_allocate(target_task, address, size, flags));
}

/* vm_deallocate (3802, 8.2): as vm_map_remove. */
kern_return_t ksim_vm_deallocate(vm_map_t target_task, vm_address_t address,
    vm_size_t size)
{
	kern_return_t kr = map_enter(target_task, KERN_INVALID_ARGUMENT);

	if (kr != KERN_SUCCESS)
		return kr;
	return map_leave(vm_map_remove(target_task, address, size));
}

/* vm_protect (3803, 8.2): as vm_map_protect. */
kern_return_t ksim_vm_protect(vm_map_t target_task, vm_address_t address,
    vm_size_t size, boolean_t set_maximum, vm_prot_t new_protection)
{
	kern_return_t kr = map_enter(target_task, KERN_INVALID_ARGUMENT);

	if (kr != KERN_SUCCESS)
		return kr;
	return map_leave(vm_map_protect(target_task, address, size,
	    set_maximum, new_protection));
}

/* vm_inherit (3804, 8.2): as vm_map_inherit. */
kern_return_t ksim_vm_inherit(vm_map_t target_task, vm_address_t address,
    vm_size_t size, vm_inherit_t new_inheritance)
{
	kern_return_t kr = map_enter(target_task, KERN_INVALID_ARGUMENT);

	if (kr != KERN_SUCCESS)
		return kr;
	return map_leave(vm_map_inherit(target_task, address, size,
	    new_inheritance));
}

/*
 * Routine:	ksim_vm_read
 * Purpose:	vm_read (3805, 8.2): the copy travels in the reply, out of
 *		line, and becomes the caller's memory.
 * Returns:	As vm_map_read; KERN_INVALID_ARGUMENT (null map, a size
 *		that does not fit the reply's count).
 */
kern_return_t ksim_vm_read(vm_map_t target_task, vm_address_t address,
    vm_size_t size, vm_offset_t *data, mach_msg_type_number_t *dataCnt)
{
	kern_return_t kr = map_enter(target_task, KERN_INVALID_ARGUMENT);

	if (kr != KERN_SUCCESS)
		return kr;
	if (size > UINT32_MAX)
		return map_leave(KERN_INVALID_ARGUMENT);
	kr = vm_map_read(target_task, address, size, data);
	if (kr == KERN_SUCCESS)
		*dataCnt = (mach_msg_type_number_t)size;
	return map_leave(kr);
}

/*
 * Routine:	vm_read_list_common
 * Purpose:	vm_read_list, mach_vm_read_list: each entry's range is
 *		copied into new memory of the calling task, and the
 *		entry's address becomes the copy's.  All or nothing: when
 *		one entry cannot be read, the copies made are freed (the
 *		error reply carries no list to name them).
 * Returns:	KERN_SUCCESS; KERN_INVALID_ARGUMENT (null map, count over
 *		VM_MAP_ENTRY_MAX); the failing entry's error.
 */
kern_return_t vm_read_list_common(vm_map_t map, vm_address_t *addrs,
    vm_size_t *sizes, size_t stride, natural_t count)
{
	kern_return_t kr = map_enter(map, KERN_INVALID_ARGUMENT);
	struct vm_map *caller;
	natural_t i;

	if (kr != KERN_SUCCESS)
		return kr;
	if (count > VM_MAP_ENTRY_MAX)
		return map_leave(KERN_INVALID_ARGUMENT);
	caller = current_task()->map;
	/* The list sits in the request at 4-byte alignment: memcpy only. */
	for (i = 0; i < count; i++) {
		char *ap = (char *)addrs + i * stride;
		vm_address_t addr, to = 0;
		vm_size_t size;
		kern_return_t ekr;

		memcpy(&addr, ap, sizeof(addr));
		memcpy(&size, (char *)sizes + i * stride, sizeof(size));
		if (size == 0)
			continue;
		ekr = vm_map_allocate(caller, &to, size, VM_FLAGS_ANYWHERE);
		if (ekr == KERN_SUCCESS) {
			ekr = vm_map_read_to(map, addr, size, caller, to);
			if (ekr != KERN_SUCCESS)
				(void)vm_map_remove(caller, to, size);
		}
		if (ekr != KERN_SUCCESS) {
			while (i-- > 0) {
				memcpy(&to, (char *)addrs + i * stride,
				    sizeof(to));
				memcpy(&size, (char *)sizes + i * stride,
				    sizeof(size));
				if (size != 0)
					(void)vm_map_remove(caller, to, size);
			}
			return map_leave(ekr);
		}
		memcpy(ap, &to, sizeof(to));
	}
	return map_leave(KERN_SUCCESS);
}

/* vm_read_list (3806): as vm_read_list_common. */
kern_return_t ksim_vm_read_list(vm_map_t target_task,
    vm_read_entry_t data_list, natural_t count)
{
	return vm_read_list_common(target_task,
	    (void *)((char *)data_list + offsetof(struct vm_read_entry,
	    address)), (void *)((char *)data_list +
	    offsetof(struct vm_read_entry, size)), sizeof(data_list[0]), count);
}

/*
 * Routine:	ksim_vm_write
 * Purpose:	vm_write (3807, 8.2): the data arrived out of line in the
 *		kernel's map and is consumed on success (on an error the
 *		dispatcher frees it).
 */
kern_return_t ksim_vm_write(vm_map_t target_task, vm_address_t address,
    vm_offset_t data, mach_msg_type_number_t dataCnt)
{
	kern_return_t kr = map_enter(target_task, KERN_INVALID_ARGUMENT);

	if (kr != KERN_SUCCESS)
		return kr;
	kr = vm_map_write(target_task, address, (const void *)data, dataCnt);
	if (kr == KERN_SUCCESS && dataCnt != 0)
		(void)vm_map_remove(kernel_task->map, data, dataCnt);
	return map_leave(kr);
}

/* vm_copy (3808, 8.2): as vm_map_copy. */
kern_return_t ksim_vm_copy(vm_map_t target_task, vm_address_t source_address,
    vm_size_t size, vm_address_t dest_address)
{
	kern_return_t kr = map_enter(target_task, KERN_INVALID_ARGUMENT);

	if (kr != KERN_SUCCESS)
		return kr;
	return map_leave(vm_map_copy(target_task, source_address, size,
	    dest_address));
}

/* vm_read_overwrite (3809, 8.2): into the calling task's buffer. */
kern_return_t ksim_vm_read_overwrite(vm_map_t target_task,
    vm_address_t address, vm_size_t size, vm_address_t data,
    vm_size_t *outsize)
{
	kern_return_t kr = map_enter(target_task, KERN_INVALID_ARGUMENT);

	if (kr != KERN_SUCCESS)
		return kr;
	kr = vm_map_read_to(target_task, address, size, current_task()->map,
	    data);
	*outsize = kr == KERN_SUCCESS ? size : 0;
	return map_leave(kr);
}

/* vm_msync (3810, 8.2): a null map is KERN_INVALID_TASK. */
kern_return_t ksim_vm_msync(vm_map_t target_task, vm_address_t address,
    vm_size_t size, vm_sync_t sync_flags)
{
	kern_return_t kr = map_enter(target_task, KERN_INVALID_TASK);

	if (kr != KERN_SUCCESS)
		return kr;
	return map_leave(vm_map_msync(target_task, address, size, sync_flags));
}

/* vm_behavior_set (3811, 8.2): as vm_map_behavior_set. */
kern_return_t ksim_vm_behavior_set(vm_map_t target_task, vm_address_t address,
    vm_size_t size, vm_behavior_t new_behavior)
{
	kern_return_t kr = map_enter(target_task, KERN_INVALID_ARGUMENT);

	if (kr != KERN_SUCCESS)
		return kr;
	return map_leave(vm_map_behavior_set(target_task, address, size,
	    new_behavior));
}

/*
 * The object a memory object port stands for (a name in the kernel
 * space): a default pager object's, or, for a port no kernel object
 * stands behind, an external manager's (made or found; the manager gets
 * memory_object_init at the first fault).  Returns a referenced object;
 * NULL with *krp set otherwise.
 */
static struct vm_object *memory_object_to_object(mach_port_t name,
    vm_offset_t offset, vm_size_t size, kern_return_t *krp)
{
	ipc_port_t port = ipc_kobject_peek_right(name, MACH_MSG_TYPE_PORT_SEND);
	struct vm_object *object;
	vm_size_t end = ksim_round_page(offset + size);

	*krp = KERN_INVALID_ARGUMENT;
	if (!IP_VALID(port) || !port->ip_active || offset + size < offset ||
	    end < offset + size)
		return NULL;
	if (port->ip_kotype != IKOT_NONE) {
		object = dp_object_lookup_port(port);
		if (object == NULL || end > object->size)
			return NULL;
		vm_object_reference(object);
		return object;
	}
	object = vm_pager_object_for_port(port, end);
	if (object == NULL)
		*krp = KERN_RESOURCE_SHORTAGE;
	return object;
}

/*
 * Routine:	vm_map_common
 * Purpose:	vm_map, vm_map_64 and mach_vm_map: fresh memory (a null
 *		object), a named entry's memory, whose protection bounds
 *		the mapping's and whose size bounds offset + size, or a
 *		memory object's (a default pager object, or a port a task
 *		serves memory_object.defs on: <ksim/pager.h>).
 * Returns:	As vm_map_enter; KERN_INVALID_ARGUMENT (a name that is no
 *		memory entry or memory object, past its end);
 *		KERN_INVALID_RIGHT (protections beyond the entry's);
 *		KERN_NOT_SUPPORTED (copy of a memory object).
 */
kern_return_t vm_map_common(vm_map_t map, vm_address_t *address,
    vm_size_t size, vm_address_t mask, int flags, mach_port_t object,
    vm_offset_t offset, boolean_t copy, vm_prot_t cur, vm_prot_t max,
    vm_inherit_t inh)
{
	kern_return_t kr = map_enter(map, KERN_INVALID_ARGUMENT);
	struct vm_named_entry *entry = NULL;
	struct vm_object *mo;

	if (kr != KERN_SUCCESS)
		return kr;
	if (MACH_PORT_VALID(object)) {
		entry = vm_named_entry_lookup(object);
		if (entry == NULL) {
			if (size == 0)
				return map_leave(KERN_INVALID_ARGUMENT);
			vm_upl_window_reap();
			mo = memory_object_to_object(object, offset, size, &kr);
			if (mo == NULL)
				return map_leave(kr);
			kr = vm_map_enter(map, address, size, mask, flags, mo,
			    offset, copy, cur, max, inh);
			vm_object_deallocate(mo);
			return map_leave(kr);
		}
		if (((cur | max) & VM_PROT_ALL) & ~entry->protection)
			return map_leave(KERN_INVALID_RIGHT);
		if (offset + size < offset ||
		    ksim_round_page(offset + size) > entry->size)
			return map_leave(KERN_INVALID_ARGUMENT);
	}
	return map_leave(vm_map_enter(map, address, size, mask, flags,
	    entry != NULL ? entry->object : NULL,
	    entry != NULL ? entry->offset + offset : 0, copy, cur, max, inh));
}

/* vm_map (3812, 8.2): as vm_map_common. */
kern_return_t ksim_vm_map(vm_map_t target_task, vm_address_t *address,
    vm_size_t size, vm_address_t mask, int flags,
    memory_object_t memory_object, vm_offset_t offset, boolean_t copy,
    vm_prot_t cur_protection, vm_prot_t max_protection,
    vm_inherit_t inheritance)
{
	return vm_map_common(target_task, address, size, mask, flags,
	    memory_object, offset, copy, cur_protection, max_protection,
	    inheritance);
}

/* vm_map_64 (3826): vm_map with a 64-bit offset. */
kern_return_t ksim_vm_map_64(vm_map_t target_task, vm_address_t *address,
    vm_size_t size, vm_address_t mask, int flags,
    memory_object_t memory_object, memory_object_offset_t offset,
    boolean_t copy, vm_prot_t cur_protection, vm_prot_t max_protection,
    vm_inherit_t inheritance)
{
	return vm_map_common(target_task, address, size, mask, flags,
	    memory_object, offset, copy, cur_protection, max_protection,
	    inheritance);
}

/* vm_machine_attribute (3813): as vm_map_machine_attribute. */
kern_return_t ksim_vm_machine_attribute(vm_map_t target_task,
    vm_address_t address, vm_size_t size, vm_machine_attribute_t attribute,
    vm_machine_attribute_val_t *value)
{
	kern_return_t kr = map_enter(target_task, KERN_INVALID_ARGUMENT);

	if (kr != KERN_SUCCESS)
		return kr;
	return map_leave(vm_map_machine_attribute(target_task, address, size,
	    attribute, value));
}

/*
 * Routine:	vm_remap_common
 * Purpose:	vm_remap and mach_vm_remap (8.2) between any two tasks.
 * Returns:	As vm_map_remap; KERN_INVALID_ARGUMENT (a null or dead map
 *		on either side).
 */
kern_return_t vm_remap_common(vm_map_t target, vm_address_t *addr,
    vm_size_t size, vm_address_t mask, int flags, vm_map_t src,
    vm_address_t src_addr, boolean_t copy, vm_prot_t *cur, vm_prot_t *max,
    vm_inherit_t inh, bool requested)
{
	kern_return_t kr = map_enter(target, KERN_INVALID_ARGUMENT);

	if (kr != KERN_SUCCESS)
		return kr;
	if (src == VM_MAP_NULL || !src->active)
		return map_leave(KERN_INVALID_ARGUMENT);
	return map_leave(vm_map_remap(target, addr, size, mask, flags, src,
	    src_addr, copy, cur, max, inh, requested));
}

/* vm_remap (3814): anywhere is flags' VM_FLAGS_ANYWHERE bit. */
kern_return_t ksim_vm_remap(vm_map_t target_task, vm_address_t *target_address,
    vm_size_t size, vm_address_t mask, boolean_t anywhere, vm_map_t src_task,
    vm_address_t src_address, boolean_t copy, vm_prot_t *cur_protection,
    vm_prot_t *max_protection, vm_inherit_t inheritance)
{
	return vm_remap_common(target_task, target_address, size, mask,
	    anywhere ? VM_FLAGS_ANYWHERE : VM_FLAGS_FIXED, src_task,
	    src_address, copy, cur_protection, max_protection, inheritance,
	    false);
}

/*
 * Routine:	ksim_mach_make_memory_entry
 * Purpose:	mach_make_memory_entry (3816): a named entry port for a
 *		range of the task's memory (made shared), part of a parent
 *		entry, or a new object (MAP_MEM_NAMED_CREATE); vm_map maps
 *		it into any task.  The entry lives while a send right to
 *		it does.
 * Returns:	As vm_named_entry_create; KERN_INVALID_ARGUMENT (null map).
 */
kern_return_t ksim_mach_make_memory_entry(vm_map_t target_task,
    vm_size_t *size, vm_offset_t offset, vm_prot_t permission,
    mach_port_t *object_handle, mem_entry_name_port_t parent_entry)
{
	kern_return_t kr = map_enter(target_task, KERN_INVALID_ARGUMENT);

	if (kr != KERN_SUCCESS)
		return kr;
	return map_leave(vm_named_entry_create(target_task, size, offset,
	    permission, object_handle, parent_entry));
}

/* mach_make_memory_entry_64 (3825): the same, 64-bit size and offset. */
kern_return_t ksim_mach_make_memory_entry_64(vm_map_t target_task,
    memory_object_size_t *size, memory_object_offset_t offset,
    vm_prot_t permission, mach_port_t *object_handle,
    mem_entry_name_port_t parent_entry)
{
	vm_size_t sz = (vm_size_t)*size;
	kern_return_t kr = ksim_mach_make_memory_entry(target_task, &sz,
	    (vm_offset_t)offset, permission, object_handle, parent_entry);

	*size = sz;
	return kr;
}

/* vm_map_page_query (3817): as vm_map_query_page. */
kern_return_t ksim_vm_map_page_query(vm_map_t target_map, vm_offset_t offset,
    integer_t *disposition, integer_t *ref_count)
{
	kern_return_t kr = map_enter(target_map, KERN_INVALID_ARGUMENT);

	if (kr != KERN_SUCCESS)
		return kr;
	return map_leave(vm_map_query_page(target_map, offset, disposition,
	    ref_count));
}

/*
 * Routine:	vm_page_info_common
 * Purpose:	mach_vm_page_info (4819): one flavor of what the map knows
 *		of the page at address (VM_PAGE_INFO_BASIC, as
 *		vm_map_page_info_basic).
 * Returns:	KERN_SUCCESS; KERN_INVALID_ARGUMENT (null or dead map,
 *		flavor, *count below the flavor's).
 */
kern_return_t vm_page_info_common(vm_map_t map, vm_address_t address,
    vm_page_info_flavor_t flavor, int *info, mach_msg_type_number_t *count)
{
	kern_return_t kr = map_enter(map, KERN_INVALID_ARGUMENT);
	vm_page_info_basic_data_t b;

	if (kr != KERN_SUCCESS)
		return kr;
	if (flavor != VM_PAGE_INFO_BASIC || *count < VM_PAGE_INFO_BASIC_COUNT)
		return map_leave(KERN_INVALID_ARGUMENT);
	vm_map_page_info_basic(map, address, &b);
	memcpy(info, &b, sizeof(b));
	*count = VM_PAGE_INFO_BASIC_COUNT;
	return map_leave(KERN_SUCCESS);
}

/*
 * Routine:	vm_page_range_query_common
 * Purpose:	mach_vm_page_range_query (4820): the disposition of each
 *		page of [address, address+size) of map (as
 *		vm_map_page_dispositions), at most *count of them, written
 *		as ints at dispositions in the caller's memory; *count
 *		becomes the number written.  The pages are read and
 *		written out a chunk at a time, so a range of any size
 *		needs no more kernel memory than one chunk.
 * Returns:	KERN_SUCCESS (nothing written when *count or size is 0);
 *		KERN_INVALID_ARGUMENT (null or dead map, a range that
 *		wraps); KERN_INVALID_ADDRESS or KERN_PROTECTION_FAILURE
 *		(dispositions is not the caller's memory, or not
 *		writable; the chunks before the failure are written).
 */
kern_return_t vm_page_range_query_common(vm_map_t map, vm_address_t address,
    vm_size_t size, vm_address_t dispositions, mach_vm_size_t *count)
{
	const vm_size_t pg = vm_page_size_get();
	kern_return_t kr = map_enter(map, KERN_INVALID_ARGUMENT);
	vm_offset_t s, e;
	mach_vm_size_t want = *count, done = 0, n;
	int chunk[1024];

	if (kr != KERN_SUCCESS)
		return kr;
	*count = 0;
	if (want == 0 || size == 0)
		return map_leave(KERN_SUCCESS);
	if (!vm_range_round(address, size, &s, &e))
		return map_leave(KERN_INVALID_ARGUMENT);
	if (want > (e - s) / pg)
		want = (e - s) / pg;
	while (done < want && kr == KERN_SUCCESS) {
		n = want - done;
		if (n > sizeof(chunk) / sizeof(chunk[0]))
			n = sizeof(chunk) / sizeof(chunk[0]);
		if (!map->active)
			break;		/* died while we copied out */
		vm_map_page_dispositions(map, s + done * pg, (size_t)n, chunk);
		kr = vm_copy_checked(NULL, chunk, 0, current_task()->map,
		    (void *)(dispositions + done * sizeof(int)), VM_PROT_WRITE,
		    (size_t)n * sizeof(int));
		if (kr == KERN_SUCCESS)
			done += n;
	}
	*count = done;
	return map_leave(kr);
}

/*
 * Routine:	vm_region_common
 * Purpose:	vm_region, vm_region_64, mach_vm_region (8.2): the region
 *		at or above *address, flavor BASIC_INFO (the legacy form,
 *		32-bit offset) or BASIC_INFO_64; object_name is always
 *		MACH_PORT_NULL.
 * Returns:	KERN_SUCCESS; KERN_INVALID_ARGUMENT (null map, flavor,
 *		count too small); KERN_INVALID_ADDRESS (nothing at or
 *		above).
 */
kern_return_t vm_region_common(vm_map_t map, vm_address_t *address,
    vm_size_t *size, vm_region_flavor_t flavor, int *info,
    mach_msg_type_number_t *infoCnt, mach_port_t *object_name)
{
	kern_return_t kr = map_enter(map, KERN_INVALID_ARGUMENT);
	struct vm_region r;
	bool shared;

	if (kr != KERN_SUCCESS)
		return kr;
	*object_name = MACH_PORT_NULL;
	if ((flavor != VM_REGION_BASIC_INFO_64 &&
	    flavor != VM_REGION_BASIC_INFO) ||
	    (flavor == VM_REGION_BASIC_INFO_64 &&
	    *infoCnt < VM_REGION_BASIC_INFO_COUNT_64) ||
	    (flavor == VM_REGION_BASIC_INFO &&
	    *infoCnt < VM_REGION_BASIC_INFO_COUNT))
		return map_leave(KERN_INVALID_ARGUMENT);
	kr = vm_map_region(map, address, size, &r, &shared);
	if (kr != KERN_SUCCESS)
		return map_leave(kr);
	if (flavor == VM_REGION_BASIC_INFO_64) {
		vm_region_basic_info_data_64_t b;

		memset(&b, 0, sizeof(b));
		b.protection = r.protection;
		b.max_protection = r.max_protection;
		b.inheritance = r.inheritance;
		b.shared = shared;
		b.offset = r.offset;
		b.behavior = r.behavior;
		b.user_wired_count = r.wired;
		memcpy(info, &b, sizeof(b));
		*infoCnt = VM_REGION_BASIC_INFO_COUNT_64;
	} else {
		vm_region_basic_info_data_t b;

		memset(&b, 0, sizeof(b));
		b.protection = r.protection;
		b.max_protection = r.max_protection;
		b.inheritance = r.inheritance;
		b.shared = shared;
		b.offset = (uint32_t)r.offset;
		b.behavior = r.behavior;
		b.user_wired_count = r.wired;
		memcpy(info, &b, sizeof(b));
		*infoCnt = VM_REGION_BASIC_INFO_COUNT;
	}
	return map_leave(KERN_SUCCESS);
}

/* vm_region (3800): as vm_region_common. */
kern_return_t ksim_vm_region(vm_map_t target_task, vm_address_t *address,
    vm_size_t *size, vm_region_flavor_t flavor, vm_region_info_t info,
    mach_msg_type_number_t *infoCnt, mach_port_t *object_name)
{
	return vm_region_common(target_task, address, size, flavor, info,
	    infoCnt, object_name);
}

/* vm_region_64 (3824): as vm_region_common. */
kern_return_t ksim_vm_region_64(vm_map_t target_task, vm_address_t *address,
    vm_size_t *size, vm_region_flavor_t flavor, vm_region_info_64_t info,
    mach_msg_type_number_t *infoCnt, mach_port_t *object_name)
{
	return vm_region_common(target_task, address, size, flavor, info,
	    infoCnt, object_name);
}

/*
 * Routine:	vm_region_recurse_common
 * Purpose:	vm_region_recurse_64, mach_vm_region_recurse: the region
 *		at or above *address as vm_region_submap_info_64, in the
 *		V0, V1 or V2 form the count allows (there are no submaps:
 *		*nesting_depth comes back 0).
 * Returns:	KERN_SUCCESS; KERN_INVALID_ARGUMENT (null map, count below
 *		the V0 form); KERN_INVALID_ADDRESS (nothing at or above).
 */
kern_return_t vm_region_recurse_common(vm_map_t map, vm_address_t *address,
    vm_size_t *size, natural_t *nesting_depth, int *info,
    mach_msg_type_number_t *infoCnt)
{
	kern_return_t kr = map_enter(map, KERN_INVALID_ARGUMENT);
	vm_region_submap_info_data_64_t b;
	mach_msg_type_number_t n;
	struct vm_region r;
	bool shared;

	if (kr != KERN_SUCCESS)
		return kr;
	if (*infoCnt < VM_REGION_SUBMAP_INFO_V0_COUNT_64)
		return map_leave(KERN_INVALID_ARGUMENT);
	kr = vm_map_region(map, address, size, &r, &shared);
	if (kr != KERN_SUCCESS)
		return map_leave(kr);
	memset(&b, 0, sizeof(b));
	b.protection = r.protection;
	b.max_protection = r.max_protection;
	b.inheritance = r.inheritance;
	b.offset = r.offset;
	b.ref_count = r.object != NULL ? (unsigned)r.object->ref_count : 1;
	b.share_mode = shared ? SM_SHARED : SM_PRIVATE;
	b.behavior = r.behavior;
	b.user_wired_count = r.wired;
	b.object_id_full = (uint64_t)(uintptr_t)r.object;
	b.object_id = (uint32_t)b.object_id_full;
	if (*infoCnt >= VM_REGION_SUBMAP_INFO_V2_COUNT_64)
		n = VM_REGION_SUBMAP_INFO_V2_COUNT_64;
	else if (*infoCnt >= VM_REGION_SUBMAP_INFO_V1_COUNT_64)
		n = VM_REGION_SUBMAP_INFO_V1_COUNT_64;
	else
		n = VM_REGION_SUBMAP_INFO_V0_COUNT_64;
	memcpy(info, &b, n * sizeof(int));
	*infoCnt = n;
	*nesting_depth = 0;
	return map_leave(KERN_SUCCESS);
}

/* vm_region_recurse_64 (3822): as vm_region_recurse_common. */
kern_return_t ksim_vm_region_recurse_64(vm_map_t target_task,
    vm_address_t *address, vm_size_t *size, natural_t *nesting_depth,
    vm_region_recurse_info_64_t info, mach_msg_type_number_t *infoCnt)
{
	return vm_region_recurse_common(target_task, address, size,
	    nesting_depth, info, infoCnt);
}

/* ---- host_priv.defs -------------------------------------------------------- */

/*
 * Routine:	ksim_vm_wire
 * Purpose:	vm_wire (404, 8.2), through the host-priv port.
 * Returns:	As vm_map_wire; KERN_INVALID_HOST (null host);
 *		KERN_INVALID_TASK (null or dead map).
 */
kern_return_t ksim_vm_wire(host_priv_t host_priv, vm_map_t task,
    vm_address_t address, vm_size_t size, vm_prot_t access)
{
	kern_return_t kr;

	if (host_priv == HOST_NULL)
		return KERN_INVALID_HOST;
	kr = map_enter(task, KERN_INVALID_TASK);
	if (kr != KERN_SUCCESS)
		return kr;
	return map_leave(vm_map_wire(task, address, size, access));
}

/* ---- vm_map.defs: later issues (KERN_NOT_SUPPORTED) --------------------- */

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

/* ---- host_priv.defs: later issues (KERN_NOT_SUPPORTED) ------------------ */

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
