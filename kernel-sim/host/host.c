/*
 * host.c - the host object: its name port, its privileged port and its
 * security port (MACH-SEMANTICS 9.2), and the routines of mach_host.defs,
 * host_priv.defs and host_security.defs that concern the host itself.
 *
 * One host, realhost.  Its name port is host_port (task_boot); the
 * privileged and security ports come with the host calls of a later
 * issue.  host_page_size is answered here too, though libmach answers it
 * without a message, as Darwin's library does.
 */
#include <string.h>

#include <mach/host_info.h>

#include <ksim/ipc.h>
#include <ksim/kern.h>
#include <ksim/mig_convert.h>
#include <ksim/vm.h>

#include <kernel/host_privServer.h>
#include <kernel/host_securityServer.h>
#include <kernel/mach_hostServer.h>

struct host realhost;

/* ---- KernelServer translations (<ksim/mig_convert.h>) ------------------------ */

/* The host is never freed: no reference to take. */
static host_t host_lookup(mach_port_t name, ipc_kobject_type_t k1,
    ipc_kobject_type_t k2)
{
	host_t host;

	ksim_lock();
	host = ipc_kobject_lookup(name, k1);
	if (host == HOST_NULL && k2 != IKOT_NONE)
		host = ipc_kobject_lookup(name, k2);
	ksim_unlock();
	return host;
}

/* The name port; the privileged port also names the host (XNU). */
host_t convert_port_to_host(mach_port_t name)
{
	return host_lookup(name, IKOT_HOST, IKOT_HOST_PRIV);
}

host_t convert_port_to_host_priv(mach_port_t name)
{
	return host_lookup(name, IKOT_HOST_PRIV, IKOT_NONE);
}

host_t convert_port_to_host_security(mach_port_t name)
{
	return host_lookup(name, IKOT_HOST_SECURITY, IKOT_NONE);
}

mach_port_t convert_host_to_port(host_t host)
{
	mach_port_t name;

	if (host == HOST_NULL)
		return MACH_PORT_NULL;
	ksim_lock();
	name = ipc_kobject_reply_send(host_port);
	ksim_unlock();
	return name;
}

/* ---- mach_host.defs ------------------------------------------------------------ */

/* host_page_size (202): the page size (8.1). */
kern_return_t ksim_host_page_size(host_t host, vm_size_t *page_size)
{
	if (host == HOST_NULL)
		return KERN_INVALID_ARGUMENT;
	*page_size = vm_page_size_get();
	return KERN_SUCCESS;
}

/* ---- mach_host.defs: later issues (KERN_NOT_SUPPORTED) ------------------ */

/*
 * host_info (200): Read one flavor of host information (basic, sched,
 * sizes...).
 */
kern_return_t ksim_host_info(host_t host, host_flavor_t flavor,
    host_info_t host_info_out, mach_msg_type_number_t *host_info_outCnt)
{
	(void)host;
	(void)flavor;
	(void)host_info_out;
	(void)host_info_outCnt;
	return KERN_NOT_SUPPORTED;
}

/* host_kernel_version (201): Return the kernel's version string. */
kern_return_t ksim_host_kernel_version(host_t host,
    kernel_version_t kernel_version)
{
	(void)host;
	(void)kernel_version;
	return KERN_NOT_SUPPORTED;
}

/*
 * mach_memory_object_memory_entry (203): Make a named entry port for an
 * unmapped memory object.
 */
kern_return_t ksim_mach_memory_object_memory_entry(host_t host,
    boolean_t internal, vm_size_t size, vm_prot_t permission,
    memory_object_t pager, mach_port_t *entry_handle)
{
	(void)host;
	(void)internal;
	(void)size;
	(void)permission;
	(void)pager;
	(void)entry_handle;
	return KERN_NOT_SUPPORTED;
}

/*
 * host_processor_info (204): Return one flavor of information for every
 * processor at once.
 */
kern_return_t ksim_host_processor_info(host_t host, processor_flavor_t flavor,
    natural_t *processor_count, processor_info_array_t *processor_info,
    mach_msg_type_number_t *processor_infoCnt)
{
	(void)host;
	(void)flavor;
	(void)processor_count;
	(void)processor_info;
	(void)processor_infoCnt;
	return KERN_NOT_SUPPORTED;
}

/* host_get_io_master (205): Return the I/O Kit master port. */
kern_return_t ksim_host_get_io_master(host_t host, io_master_t *io_master)
{
	(void)host;
	(void)io_master;
	return KERN_NOT_SUPPORTED;
}

/* kmod_get_info (207): Return the list of loaded kernel modules. */
kern_return_t ksim_kmod_get_info(host_t host, kmod_args_t *modules,
    mach_msg_type_number_t *modulesCnt)
{
	(void)host;
	(void)modules;
	(void)modulesCnt;
	return KERN_NOT_SUPPORTED;
}

/* host_zone_info (208): Debug statistics of the kernel's memory zones. */
kern_return_t ksim_host_zone_info(host_t host, zone_name_array_t *names,
    mach_msg_type_number_t *namesCnt, zone_info_array_t *info,
    mach_msg_type_number_t *infoCnt)
{
	(void)host;
	(void)names;
	(void)namesCnt;
	(void)info;
	(void)infoCnt;
	return KERN_NOT_SUPPORTED;
}

/*
 * host_virtual_physical_table_info (209): Debug statistics of the virtual-
 * to-physical hash table.
 */
kern_return_t ksim_host_virtual_physical_table_info(host_t host,
    hash_info_bucket_array_t *info, mach_msg_type_number_t *infoCnt)
{
	(void)host;
	(void)info;
	(void)infoCnt;
	return KERN_NOT_SUPPORTED;
}

/*
 * host_ipc_hash_info (210): Debug statistics of the IPC reverse hash
 * table.
 */
kern_return_t ksim_host_ipc_hash_info(host_t host,
    hash_info_bucket_array_t *info, mach_msg_type_number_t *infoCnt)
{
	(void)host;
	(void)info;
	(void)infoCnt;
	return KERN_NOT_SUPPORTED;
}

/*
 * enable_bluebox (211): Enable the Blue Box (Classic) environment for a
 * task.
 */
kern_return_t ksim_enable_bluebox(host_t host, unsigned taskID,
    unsigned TWI_TableStart, unsigned Desc_TableStart)
{
	(void)host;
	(void)taskID;
	(void)TWI_TableStart;
	(void)Desc_TableStart;
	return KERN_NOT_SUPPORTED;
}

/* disable_bluebox (212): Disable the Blue Box environment. */
kern_return_t ksim_disable_bluebox(host_t host)
{
	(void)host;
	return KERN_NOT_SUPPORTED;
}

/*
 * mach_memory_object_memory_entry_64 (215):
 * mach_memory_object_memory_entry with a 64-bit size.
 */
kern_return_t ksim_mach_memory_object_memory_entry_64(host_t host,
    boolean_t internal, memory_object_size_t size, vm_prot_t permission,
    memory_object_t pager, mach_port_t *entry_handle)
{
	(void)host;
	(void)internal;
	(void)size;
	(void)permission;
	(void)pager;
	(void)entry_handle;
	return KERN_NOT_SUPPORTED;
}

/*
 * host_statistics (216): Read one flavor of host statistics (load, VM, CPU
 * load).
 */
kern_return_t ksim_host_statistics(host_t host_priv, host_flavor_t flavor,
    host_info_t host_info_out, mach_msg_type_number_t *host_info_outCnt)
{
	vm_statistics_data_t st;
	mach_msg_type_number_t n;

	if (host_priv == HOST_NULL)
		return KERN_INVALID_HOST;
	if (flavor != HOST_VM_INFO)	/* the other flavors: later */
		return KERN_NOT_SUPPORTED;
	/* HOST_VM_INFO: the VM counters (vm/vm_ops.c), by revision. */
	if (*host_info_outCnt < HOST_VM_INFO_REV0_COUNT)
		return KERN_FAILURE;
	n = *host_info_outCnt < HOST_VM_INFO_COUNT ? *host_info_outCnt :
	    HOST_VM_INFO_COUNT;
	if (n != HOST_VM_INFO_REV2_COUNT && n != HOST_VM_INFO_REV1_COUNT)
		n = n > HOST_VM_INFO_REV1_COUNT ? HOST_VM_INFO_REV1_COUNT :
		    HOST_VM_INFO_REV0_COUNT;
	ksim_lock();
	vm_statistics_fill(&st);
	ksim_unlock();
	memcpy(host_info_out, &st, n * sizeof(integer_t));
	*host_info_outCnt = n;
	return KERN_SUCCESS;
}

/* host_get_time (217): Return the host's current time of day. */
kern_return_t ksim_host_get_time(host_t host, time_value_t *current_time)
{
	(void)host;
	(void)current_time;
	return KERN_NOT_SUPPORTED;
}

/*
 * host_processor_slots (218): Return the slot numbers of the host's active
 * processors.
 */
kern_return_t ksim_host_processor_slots(host_t host, processor_slot_t slots,
    mach_msg_type_number_t *slotsCnt)
{
	(void)host;
	(void)slots;
	(void)slotsCnt;
	return KERN_NOT_SUPPORTED;
}

/* ---- host_priv.defs: later issues (KERN_NOT_SUPPORTED) ------------------ */

/* host_get_boot_info (400): Return the operator's boot information string. */
kern_return_t ksim_host_get_boot_info(host_priv_t host_priv,
    kernel_boot_info_t boot_info)
{
	(void)host_priv;
	(void)boot_info;
	return KERN_NOT_SUPPORTED;
}

/* host_reboot (401): Reboot or halt the host. */
kern_return_t ksim_host_reboot(host_priv_t host_priv, int options)
{
	(void)host_priv;
	(void)options;
	return KERN_NOT_SUPPORTED;
}

/* host_priv_statistics (402): host_statistics through the privileged port. */
kern_return_t ksim_host_priv_statistics(host_priv_t host_priv,
    host_flavor_t flavor, host_info_t host_info_out,
    mach_msg_type_number_t *host_info_outCnt)
{
	(void)host_priv;
	(void)flavor;
	(void)host_info_out;
	(void)host_info_outCnt;
	return KERN_NOT_SUPPORTED;
}

/* host_default_memory_manager (403) is the default pager's
   (vm/default_pager.c). */

/* kmod_create (409): Register a kernel module loaded at info. */
kern_return_t ksim_kmod_create(host_priv_t host_priv, vm_address_t info,
    kmod_t *module)
{
	(void)host_priv;
	(void)info;
	(void)module;
	return KERN_NOT_SUPPORTED;
}

/* kmod_destroy (410): Unregister a kernel module. */
kern_return_t ksim_kmod_destroy(host_priv_t host_priv, kmod_t module)
{
	(void)host_priv;
	(void)module;
	return KERN_NOT_SUPPORTED;
}

/* kmod_control (411): Start, stop or query a kernel module. */
kern_return_t ksim_kmod_control(host_priv_t host_priv, kmod_t module,
    kmod_control_flavor_t flavor, kmod_args_t *data,
    mach_msg_type_number_t *dataCnt)
{
	(void)host_priv;
	(void)module;
	(void)flavor;
	(void)data;
	(void)dataCnt;
	return KERN_NOT_SUPPORTED;
}

/* host_get_special_port (412): Return one of a node's special ports. */
kern_return_t ksim_host_get_special_port(host_priv_t host_priv, int node,
    int which, mach_port_t *port)
{
	(void)host_priv;
	(void)node;
	(void)which;
	(void)port;
	return KERN_NOT_SUPPORTED;
}

/*
 * host_set_special_port (413): Replace one of the local node's special
 * ports.
 */
kern_return_t ksim_host_set_special_port(host_priv_t host_priv, int which,
    mach_port_t port)
{
	(void)host_priv;
	(void)which;
	(void)port;
	return KERN_NOT_SUPPORTED;
}

/*
 * host_set_exception_ports (414): Install a host-wide handler for the
 * exceptions in the mask.
 */
kern_return_t ksim_host_set_exception_ports(host_priv_t host_priv,
    exception_mask_t exception_mask, mach_port_t new_port,
    exception_behavior_t behavior, thread_state_flavor_t new_flavor)
{
	(void)host_priv;
	(void)exception_mask;
	(void)new_port;
	(void)behavior;
	(void)new_flavor;
	return KERN_NOT_SUPPORTED;
}

/*
 * host_get_exception_ports (415): Return the host-wide handlers for the
 * exceptions in the mask.
 */
kern_return_t ksim_host_get_exception_ports(host_priv_t host_priv,
    exception_mask_t exception_mask, exception_mask_array_t masks,
    mach_msg_type_number_t *masksCnt, exception_handler_array_t old_handlers,
    exception_behavior_array_t old_behaviors,
    exception_flavor_array_t old_flavors)
{
	(void)host_priv;
	(void)exception_mask;
	(void)masks;
	(void)masksCnt;
	(void)old_handlers;
	(void)old_behaviors;
	(void)old_flavors;
	return KERN_NOT_SUPPORTED;
}

/*
 * host_swap_exception_ports (416): Install a host-wide handler and return
 * the replaced ones.
 */
kern_return_t ksim_host_swap_exception_ports(host_priv_t host_priv,
    exception_mask_t exception_mask, mach_port_t new_port,
    exception_behavior_t behavior, thread_state_flavor_t new_flavor,
    exception_mask_array_t masks, mach_msg_type_number_t *masksCnt,
    exception_handler_array_t old_handlerss,
    exception_behavior_array_t old_behaviors,
    exception_flavor_array_t old_flavors)
{
	(void)host_priv;
	(void)exception_mask;
	(void)new_port;
	(void)behavior;
	(void)new_flavor;
	(void)masks;
	(void)masksCnt;
	(void)old_handlerss;
	(void)old_behaviors;
	(void)old_flavors;
	return KERN_NOT_SUPPORTED;
}

/*
 * host_load_symbol_table (417): Hand a symbol table to the kernel
 * debugger.
 */
kern_return_t ksim_host_load_symbol_table(host_priv_t host, task_t task,
    symtab_name_t name, vm_offset_t symtab, mach_msg_type_number_t symtabCnt)
{
	(void)host;
	(void)task;
	(void)name;
	(void)symtab;
	(void)symtabCnt;
	return KERN_NOT_SUPPORTED;
}

/* task_swappable (418): Allow or forbid swapping a task out. */
kern_return_t ksim_task_swappable(host_priv_t host_priv, task_t target_task,
    boolean_t make_swappable)
{
	(void)host_priv;
	(void)target_task;
	(void)make_swappable;
	return KERN_NOT_SUPPORTED;
}

/* set_dp_control_port (421): Register the dynamic pager's control port. */
kern_return_t ksim_set_dp_control_port(host_priv_t host,
    mach_port_t control_port)
{
	(void)host;
	(void)control_port;
	return KERN_NOT_SUPPORTED;
}

/* get_dp_control_port (422): Return the dynamic pager's control port. */
kern_return_t ksim_get_dp_control_port(host_priv_t host,
    mach_port_t *contorl_port)
{
	(void)host;
	(void)contorl_port;
	return KERN_NOT_SUPPORTED;
}

/* host_set_UNDServer (423): Register the user-notification daemon's port. */
kern_return_t ksim_host_set_UNDServer(host_priv_t host, UNDServerRef server)
{
	(void)host;
	(void)server;
	return KERN_NOT_SUPPORTED;
}

/* host_get_UNDServer (424): Return the user-notification daemon's port. */
kern_return_t ksim_host_get_UNDServer(host_priv_t host, UNDServerRef *server)
{
	(void)host;
	(void)server;
	return KERN_NOT_SUPPORTED;
}

/* host_set_time (425): Set the host's time of day. */
kern_return_t ksim_host_set_time(host_priv_t host_priv, time_value_t new_time)
{
	(void)host_priv;
	(void)new_time;
	return KERN_NOT_SUPPORTED;
}

/*
 * host_adjust_time (426): Slew the host's clock by new_adjustment; return
 * the pending one.
 */
kern_return_t ksim_host_adjust_time(host_priv_t host_priv,
    time_value_t new_adjustment, time_value_t *old_adjustment)
{
	(void)host_priv;
	(void)new_adjustment;
	(void)old_adjustment;
	return KERN_NOT_SUPPORTED;
}

/* ---- host_security.defs: later issues (KERN_NOT_SUPPORTED) -------------- */

/*
 * host_security_create_task_token (600): task_create, but the child
 * carries the given security token.
 */
kern_return_t ksim_host_security_create_task_token(
    host_security_t host_security, task_t parent_task,
    security_token_t sec_token, host_t host, ledger_array_t ledgers,
    mach_msg_type_number_t ledgersCnt, boolean_t inherit_memory,
    task_t *child_task)
{
	(void)host_security;
	(void)parent_task;
	(void)sec_token;
	(void)host;
	(void)ledgers;
	(void)ledgersCnt;
	(void)inherit_memory;
	(void)child_task;
	return KERN_NOT_SUPPORTED;
}

/*
 * host_security_set_task_token (601): Replace a task's security token (and
 * its host port).
 */
kern_return_t ksim_host_security_set_task_token(host_security_t host_security,
    task_t target_task, security_token_t sec_token, host_t host)
{
	(void)host_security;
	(void)target_task;
	(void)sec_token;
	(void)host;
	return KERN_NOT_SUPPORTED;
}
