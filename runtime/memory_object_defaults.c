/*
 * memory_object_defaults.c - what memory_object_server and
 * memory_object_default_server do for a routine their user did not
 * write: KERN_FAILURE, so that the server destroys the request and the
 * rights it carried (a manager that leaves memory_object_terminate out
 * still loses the control port it no longer needs).  A program that
 * defines one of these routines replaces the default.
 */
#include <mach/mach.h>

#include <server/memory_objectServer.h>
#include <server/memory_object_defaultServer.h>

#define MO_DEFAULT __attribute__((weak))

MO_DEFAULT kern_return_t memory_object_init(memory_object_t memory_object,
    mach_port_t memory_control, vm_size_t memory_object_page_size)
{
	(void)memory_object; (void)memory_control;
	(void)memory_object_page_size;
	return KERN_FAILURE;
}

MO_DEFAULT kern_return_t memory_object_terminate(mach_port_t memory_object,
    mach_port_t memory_control)
{
	(void)memory_object; (void)memory_control;
	return KERN_FAILURE;
}

MO_DEFAULT kern_return_t memory_object_data_request(
    memory_object_t memory_object, mach_port_t memory_control,
    memory_object_offset_t offset, vm_size_t length,
    vm_prot_t desired_access)
{
	(void)memory_object; (void)memory_control; (void)offset;
	(void)length; (void)desired_access;
	return KERN_FAILURE;
}

MO_DEFAULT kern_return_t memory_object_data_unlock(
    memory_object_t memory_object, mach_port_t memory_control,
    memory_object_offset_t offset, vm_size_t length,
    vm_prot_t desired_access)
{
	(void)memory_object; (void)memory_control; (void)offset;
	(void)length; (void)desired_access;
	return KERN_FAILURE;
}

MO_DEFAULT kern_return_t memory_object_lock_completed(
    mach_port_t memory_object, mach_port_t memory_control,
    memory_object_offset_t offset, vm_size_t length)
{
	(void)memory_object; (void)memory_control; (void)offset;
	(void)length;
	return KERN_FAILURE;
}

MO_DEFAULT kern_return_t memory_object_data_return(
    memory_object_t memory_object, mach_port_t memory_control,
    memory_object_offset_t offset, vm_offset_t data,
    mach_msg_type_number_t dataCnt, boolean_t dirty, boolean_t kernel_copy)
{
	(void)memory_object; (void)memory_control; (void)offset;
	(void)data; (void)dataCnt; (void)dirty; (void)kernel_copy;
	return KERN_FAILURE;
}

MO_DEFAULT kern_return_t memory_object_synchronize(
    memory_object_t memory_object, mach_port_t memory_control,
    memory_object_offset_t offset, vm_offset_t length, vm_sync_t sync_flags)
{
	(void)memory_object; (void)memory_control; (void)offset;
	(void)length; (void)sync_flags;
	return KERN_FAILURE;
}

MO_DEFAULT kern_return_t memory_object_change_completed(
    mach_port_t memory_object, mach_port_t memory_control,
    memory_object_flavor_t flavor)
{
	(void)memory_object; (void)memory_control; (void)flavor;
	return KERN_FAILURE;
}

MO_DEFAULT kern_return_t memory_object_create(mach_port_t old_memory_object,
    vm_size_t new_object_size, mach_port_t *new_memory_object)
{
	(void)old_memory_object; (void)new_object_size;
	(void)new_memory_object;
	return KERN_FAILURE;
}

MO_DEFAULT kern_return_t memory_object_data_initialize(
    memory_object_default_t memory_object, mach_port_t memory_control_port,
    memory_object_offset_t offset, vm_offset_t data,
    mach_msg_type_number_t dataCnt)
{
	(void)memory_object; (void)memory_control_port; (void)offset;
	(void)data; (void)dataCnt;
	return KERN_FAILURE;
}
