/*
 * i386.c - the i386 machine-dependent thread calls (mach_i386.defs: I/O
 * port access and the local descriptor table), sent to a thread port.
 * Linux gives a process neither per-thread I/O bitmaps nor a way to run
 * them for another thread here; they come, or are documented as
 * impossible, with a later issue.
 */
#include <ksim/ipc.h>
#include <ksim/kern.h>
#include <ksim/mig_convert.h>

#include <kernel/mach_i386Server.h>

/* ---- mach_i386.defs: later issues (KERN_NOT_SUPPORTED) ------------------ */

/* i386_io_port_add (3800): Let the thread use the I/O ports of a device. */
kern_return_t ksim_i386_io_port_add(thread_act_t target_act, device_t device)
{
	(void)target_act;
	(void)device;
	return KERN_NOT_SUPPORTED;
}

/*
 * i386_io_port_remove (3801): Take back the thread's access to a device's
 * I/O ports.
 */
kern_return_t ksim_i386_io_port_remove(thread_act_t target_act,
    device_t device)
{
	(void)target_act;
	(void)device;
	return KERN_NOT_SUPPORTED;
}

/*
 * i386_io_port_list (3802): List the devices whose I/O ports the thread
 * may use.
 */
kern_return_t ksim_i386_io_port_list(thread_act_t target_act,
    device_list_t *device_list, mach_msg_type_number_t *device_listCnt)
{
	(void)target_act;
	(void)device_list;
	(void)device_listCnt;
	return KERN_NOT_SUPPORTED;
}

/*
 * i386_set_ldt (3803): Install descriptors in the thread's LDT from
 * first_selector on.
 */
kern_return_t ksim_i386_set_ldt(thread_act_t target_act, int first_selector,
    descriptor_list_t desc_list, mach_msg_type_number_t desc_listCnt)
{
	(void)target_act;
	(void)first_selector;
	(void)desc_list;
	(void)desc_listCnt;
	return KERN_NOT_SUPPORTED;
}

/*
 * i386_get_ldt (3804): Read selector_count descriptors of the thread's
 * LDT.
 */
kern_return_t ksim_i386_get_ldt(thread_act_t target_act, int first_selector,
    int selector_count, descriptor_list_t *desc_list,
    mach_msg_type_number_t *desc_listCnt)
{
	(void)target_act;
	(void)first_selector;
	(void)selector_count;
	(void)desc_list;
	(void)desc_listCnt;
	return KERN_NOT_SUPPORTED;
}
