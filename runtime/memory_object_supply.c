/*
 * memory_object_supply.c - a memory manager's answers to
 * memory_object_data_request (<machsim/pager.h>), each a sequence of the
 * control port's UPL calls: a UPL over the range, its pages mapped into
 * the manager, the data written, the UPL committed; or the UPL aborted
 * as unavailable (zeros) or in error.
 */
#include <string.h>

#include <mach/mach.h>
#include <mach/memory_object_control.h>
#include <machsim/pager.h>

/* A UPL over [offset, offset+size); its port's name in *upl. */
static kern_return_t upl_over(memory_object_control_t control,
    memory_object_offset_t offset, vm_size_t size, mach_port_t *upl)
{
	upl_page_info_t list[1];
	mach_msg_type_number_t cnt = 0;

	if (size == 0 || (offset & (vm_page_size - 1)) != 0)
		return KERN_INVALID_ARGUMENT;
	return vm_object_upl_request(control, offset, size, upl, list, &cnt,
	    0);
}

kern_return_t memory_object_data_supply(memory_object_control_t control,
    memory_object_offset_t offset, const void *data, vm_size_t size,
    vm_prot_t lock_value)
{
	mach_port_t upl = MACH_PORT_NULL;
	upl_page_info_t none[1];
	vm_offset_t addr = 0;
	vm_size_t mapped = (size + vm_page_size - 1) & ~(vm_page_size - 1);
	kern_return_t kr;

	if (data == NULL)
		return KERN_INVALID_ARGUMENT;
	kr = upl_over(control, offset, size, &upl);
	if (kr != KERN_SUCCESS)
		return kr;
	kr = vm_upl_map(mach_task_self(), upl, &addr);
	if (kr != KERN_SUCCESS) {
		(void)vm_upl_abort(upl, UPL_ABORT_RESTART);
		(void)mach_port_deallocate(mach_task_self(), upl);
		return kr;
	}
	memcpy((void *)addr, data, size);
	memset((char *)addr + size, 0, mapped - size);
	/* The lock first, so no access slips in between; the commit (or
	   the abort) takes the mapping away with the UPL. */
	if (lock_value != VM_PROT_NONE)
		kr = memory_object_lock_request(control, offset, mapped,
		    MEMORY_OBJECT_RETURN_NONE, 0, lock_value, MACH_PORT_NULL);
	if (kr == KERN_SUCCESS)
		kr = vm_upl_commit(upl, none, 0);
	else
		(void)vm_upl_abort(upl, UPL_ABORT_RESTART);
	(void)mach_port_deallocate(mach_task_self(), upl);
	return kr;
}

/* Abort a UPL over the range with cond. */
static kern_return_t upl_abort_range(memory_object_control_t control,
    memory_object_offset_t offset, vm_size_t size, int cond)
{
	mach_port_t upl = MACH_PORT_NULL;
	kern_return_t kr = upl_over(control, offset, size, &upl);

	if (kr != KERN_SUCCESS)
		return kr;
	kr = vm_upl_abort(upl, cond);
	(void)mach_port_deallocate(mach_task_self(), upl);
	return kr;
}

kern_return_t memory_object_data_unavailable(memory_object_control_t control,
    memory_object_offset_t offset, vm_size_t size)
{
	return upl_abort_range(control, offset, size, UPL_ABORT_UNAVAILABLE);
}

kern_return_t memory_object_data_error(memory_object_control_t control,
    memory_object_offset_t offset, vm_size_t size, kern_return_t error)
{
	(void)error;
	return upl_abort_range(control, offset, size, UPL_ABORT_ERROR);
}
