/*
 * memory_object.c - memory objects as the kernel sees them: the control
 * port a manager is given, and universal page lists.  The VM objects come
 * with a later issue; until then no port names one.
 */
#include <ksim/ipc.h>
#include <ksim/kern.h>
#include <ksim/mig_convert.h>

#include <kernel/memory_object_controlServer.h>

/* ---- KernelServer translations (<ksim/mig_convert.h>) ------------------------ */

vm_object_t vm_object_lookup(mach_port_t name)
{
	vm_object_t object;

	ksim_lock();
	object = ipc_kobject_lookup(name, IKOT_MEM_OBJ_CONTROL);
	ksim_unlock();
	return object;
}

/* A named memory entry would name an object too; none exist yet. */
vm_object_t convert_port_entry_to_object(mach_port_t name)
{
	return vm_object_lookup(name);
}

/* No UPL objects yet. */
upl_t convert_port_to_upl(mach_port_t name)
{
	(void)name;
	return NULL;
}

void upl_deallocate(upl_t upl)
{
	(void)upl;
}

mach_port_t convert_upl_to_port(upl_t upl)
{
	(void)upl;
	return MACH_PORT_NULL;
}

/* ---- memory_object_control.defs: later issues (KERN_NOT_SUPPORTED) ------ */

/*
 * memory_object_get_attributes (2000): Read one flavor of the object's
 * attributes.
 */
kern_return_t ksim_memory_object_get_attributes(vm_object_t memory_control,
    memory_object_flavor_t flavor, memory_object_info_t attributes,
    mach_msg_type_number_t *attributesCnt)
{
	(void)memory_control;
	(void)flavor;
	(void)attributes;
	(void)attributesCnt;
	return KERN_NOT_SUPPORTED;
}

/*
 * memory_object_change_attributes (2001): Change one flavor of the
 * object's attributes; completion goes to reply_to as
 * memory_object_change_completed.
 */
kern_return_t ksim_memory_object_change_attributes(vm_object_t memory_control,
    memory_object_flavor_t flavor, memory_object_info_t attributes,
    mach_msg_type_number_t attributesCnt, mach_port_t reply_to,
    mach_msg_type_name_t reply_toPoly)
{
	(void)memory_control;
	(void)flavor;
	(void)attributes;
	(void)attributesCnt;
	(void)reply_to;
	(void)reply_toPoly;
	return KERN_NOT_SUPPORTED;
}

/*
 * memory_object_synchronize_completed (2002): A memory_object_synchronize
 * request has been carried out.
 */
kern_return_t ksim_memory_object_synchronize_completed(
    vm_object_t memory_control, memory_object_offset_t offset,
    vm_offset_t length)
{
	(void)memory_control;
	(void)offset;
	(void)length;
	return KERN_NOT_SUPPORTED;
}

/*
 * memory_object_lock_request (2004): Flush, clean or change the access of
 * a range of cached pages; completion goes to reply_to as
 * memory_object_lock_completed.
 */
kern_return_t ksim_memory_object_lock_request(vm_object_t memory_control,
    memory_object_offset_t offset, memory_object_size_t size,
    memory_object_return_t should_return, integer_t flags,
    vm_prot_t lock_value, mach_port_t reply_to,
    mach_msg_type_name_t reply_toPoly)
{
	(void)memory_control;
	(void)offset;
	(void)size;
	(void)should_return;
	(void)flags;
	(void)lock_value;
	(void)reply_to;
	(void)reply_toPoly;
	return KERN_NOT_SUPPORTED;
}

/*
 * memory_object_destroy (2006): Shut the object down; reason is passed to
 * its users.
 */
kern_return_t ksim_memory_object_destroy(vm_object_t memory_control,
    kern_return_t reason)
{
	(void)memory_control;
	(void)reason;
	return KERN_NOT_SUPPORTED;
}

/* vm_object_upl_request (2009): Make a UPL over a range of the object. */
kern_return_t ksim_vm_object_upl_request(vm_object_t object,
    memory_object_offset_t offset, vm_size_t size, mach_port_t *upl,
    upl_page_list_ptr_t page_list, mach_msg_type_number_t *page_listCnt,
    integer_t cntrl_flags)
{
	(void)object;
	(void)offset;
	(void)size;
	(void)upl;
	(void)page_list;
	(void)page_listCnt;
	(void)cntrl_flags;
	return KERN_NOT_SUPPORTED;
}

/*
 * vm_pager_upl_request (2010): vm_object_upl_request, growing the range up
 * to super_size.
 */
kern_return_t ksim_vm_pager_upl_request(vm_object_t object,
    memory_object_offset_t offset, vm_size_t size, vm_size_t super_size,
    mach_port_t *upl, upl_page_list_ptr_t page_list,
    mach_msg_type_number_t *page_listCnt, integer_t cntrl_flags)
{
	(void)object;
	(void)offset;
	(void)size;
	(void)super_size;
	(void)upl;
	(void)page_list;
	(void)page_listCnt;
	(void)cntrl_flags;
	return KERN_NOT_SUPPORTED;
}

/* vm_upl_map (2011): Map a UPL's pages into a task. */
kern_return_t ksim_vm_upl_map(vm_map_t map, upl_t upl, vm_offset_t *dst_addr)
{
	(void)map;
	(void)upl;
	(void)dst_addr;
	return KERN_NOT_SUPPORTED;
}

/* vm_upl_unmap (2012): Remove a UPL's mapping from a task. */
kern_return_t ksim_vm_upl_unmap(vm_map_t map, upl_t upl)
{
	(void)map;
	(void)upl;
	return KERN_NOT_SUPPORTED;
}

/*
 * vm_upl_abort (2013): Give up a UPL, leaving its pages as abort_cond
 * says.
 */
kern_return_t ksim_vm_upl_abort(upl_t upl_object, integer_t abort_cond)
{
	(void)upl_object;
	(void)abort_cond;
	return KERN_NOT_SUPPORTED;
}

/* vm_upl_commit (2014): Commit a whole UPL with the given page states. */
kern_return_t ksim_vm_upl_commit(upl_t upl_object,
    upl_page_list_ptr_t page_list, mach_msg_type_number_t page_listCnt)
{
	(void)upl_object;
	(void)page_list;
	(void)page_listCnt;
	return KERN_NOT_SUPPORTED;
}

/* vm_upl_commit_range (2015): Commit part of a UPL. */
kern_return_t ksim_vm_upl_commit_range(upl_t upl_object, vm_offset_t offset,
    vm_size_t size, upl_page_list_ptr_t page_list,
    mach_msg_type_number_t page_listCnt)
{
	(void)upl_object;
	(void)offset;
	(void)size;
	(void)page_list;
	(void)page_listCnt;
	return KERN_NOT_SUPPORTED;
}
