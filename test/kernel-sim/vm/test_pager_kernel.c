/*
 * test_pager_kernel.c - what the pager suite needs of the kernel view:
 * host_default_memory_manager called with the host-priv object (no task
 * holds the host-priv port yet), its answer turned into a send right in
 * the caller's space.
 */
#define MACHSIM_KERNEL 1	/* the kernel view of the Mach types */
#include <ksim/ipc.h>
#include <ksim/kern.h>
#include <kernel/host_privServer.h>

/* (test_pager.c) */
kern_return_t kt_default_memory_manager(int privileged,
    mach_port_name_t *manager, vm_size_t cluster_size);

/*
 * host_default_memory_manager on the host-priv object (privileged) or on
 * none; *manager in: MACH_PORT_NULL to look up, anything else to
 * register; out: a send right to the manager in the caller's space.
 */
kern_return_t kt_default_memory_manager(int privileged,
    mach_port_name_t *manager, vm_size_t cluster_size)
{
	memory_object_default_t name = *manager;
	kern_return_t kr;
	ipc_entry_t e;

	kr = ksim_host_default_memory_manager(privileged ? &realhost : NULL,
	    &name, cluster_size);
	if (kr != KERN_SUCCESS)
		return kr;
	ksim_lock();
	e = ipc_entry_lookup(ipc_space_kernel, name);
	if (e == NULL || ipc_right_copyout(current_space(),
	    ipc_port_make_send(e->ie_object), MACH_MSG_TYPE_PORT_SEND,
	    manager) != KERN_SUCCESS)
		kr = KERN_FAILURE;
	ksim_unlock();
	return kr;
}
