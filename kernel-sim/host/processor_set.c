/*
 * processor_set.c - processor sets, their control and name ports
 * (MACH-SEMANTICS 9.3).  The set objects come with a later issue; until
 * then no port names a processor set.
 */
#include <ksim/ipc.h>
#include <ksim/kern.h>
#include <ksim/mig_convert.h>

#include <kernel/host_privServer.h>
#include <kernel/mach_hostServer.h>
#include <kernel/processor_setServer.h>

/* ---- KernelServer translations (<ksim/mig_convert.h>) ------------------------ */

processor_set_t convert_port_to_pset(mach_port_t name)
{
	processor_set_t pset;

	ksim_lock();
	pset = ipc_kobject_lookup(name, IKOT_PSET);
	ksim_unlock();
	return pset;
}

/* The name port; the control port also names the set. */
processor_set_t convert_port_to_pset_name(mach_port_t name)
{
	processor_set_t pset;

	ksim_lock();
	pset = ipc_kobject_lookup(name, IKOT_PSET_NAME);
	if (pset == NULL)
		pset = ipc_kobject_lookup(name, IKOT_PSET);
	ksim_unlock();
	return pset;
}

/* No processor set objects yet: nothing to name. */
mach_port_t convert_pset_to_port(processor_set_t pset)
{
	(void)pset;
	return MACH_PORT_NULL;
}

mach_port_t convert_pset_name_to_port(processor_set_t pset)
{
	(void)pset;
	return MACH_PORT_NULL;
}

/* ---- mach_host.defs: later issues (KERN_NOT_SUPPORTED) ------------------ */

/*
 * processor_set_default (213): Return the name port of the default
 * processor set.
 */
kern_return_t ksim_processor_set_default(host_t host,
    processor_set_name_t *default_set)
{
	(void)host;
	(void)default_set;
	return KERN_NOT_SUPPORTED;
}

/*
 * processor_set_create (214): Create a processor set; returns its control
 * and name ports.
 */
kern_return_t ksim_processor_set_create(host_t host, processor_set_t *new_set,
    processor_set_name_t *new_name)
{
	(void)host;
	(void)new_set;
	(void)new_name;
	return KERN_NOT_SUPPORTED;
}

/* ---- host_priv.defs: later issues (KERN_NOT_SUPPORTED) ------------------ */

/* host_processor_sets (419): Return the name ports of all processor sets. */
kern_return_t ksim_host_processor_sets(host_priv_t host_priv,
    processor_set_name_array_t *processor_sets,
    mach_msg_type_number_t *processor_setsCnt)
{
	(void)host_priv;
	(void)processor_sets;
	(void)processor_setsCnt;
	return KERN_NOT_SUPPORTED;
}

/*
 * host_processor_set_priv (420): Turn a processor set's name port into its
 * control port.
 */
kern_return_t ksim_host_processor_set_priv(host_priv_t host_priv,
    processor_set_name_t set_name, processor_set_t *set)
{
	(void)host_priv;
	(void)set_name;
	(void)set;
	return KERN_NOT_SUPPORTED;
}

/* ---- processor_set.defs: later issues (KERN_NOT_SUPPORTED) -------------- */

/*
 * processor_set_statistics (4000): Read one flavor of scheduling
 * statistics (load...).
 */
kern_return_t ksim_processor_set_statistics(processor_set_name_t pset,
    processor_set_flavor_t flavor, processor_set_info_t info_out,
    mach_msg_type_number_t *info_outCnt)
{
	(void)pset;
	(void)flavor;
	(void)info_out;
	(void)info_outCnt;
	return KERN_NOT_SUPPORTED;
}

/*
 * processor_set_destroy (4001): Destroy the set; its processors, tasks and
 * threads go to the default.
 */
kern_return_t ksim_processor_set_destroy(processor_set_t set)
{
	(void)set;
	return KERN_NOT_SUPPORTED;
}

/*
 * processor_set_max_priority (4002): Set the set's maximum priority,
 * optionally for its threads too.
 */
kern_return_t ksim_processor_set_max_priority(processor_set_t processor_set,
    int max_priority, boolean_t change_threads)
{
	(void)processor_set;
	(void)max_priority;
	(void)change_threads;
	return KERN_NOT_SUPPORTED;
}

/*
 * processor_set_policy_enable (4003): Allow a scheduling policy in the
 * set.
 */
kern_return_t ksim_processor_set_policy_enable(processor_set_t processor_set,
    int policy)
{
	(void)processor_set;
	(void)policy;
	return KERN_NOT_SUPPORTED;
}

/*
 * processor_set_policy_disable (4004): Forbid a scheduling policy in the
 * set, optionally moving threads off it.
 */
kern_return_t ksim_processor_set_policy_disable(processor_set_t processor_set,
    int policy, boolean_t change_threads)
{
	(void)processor_set;
	(void)policy;
	(void)change_threads;
	return KERN_NOT_SUPPORTED;
}

/* processor_set_tasks (4005): Return the tasks assigned to the set. */
kern_return_t ksim_processor_set_tasks(processor_set_t processor_set,
    task_array_t *task_list, mach_msg_type_number_t *task_listCnt)
{
	(void)processor_set;
	(void)task_list;
	(void)task_listCnt;
	return KERN_NOT_SUPPORTED;
}

/* processor_set_threads (4006): Return the threads assigned to the set. */
kern_return_t ksim_processor_set_threads(processor_set_t processor_set,
    thread_act_array_t *thread_list, mach_msg_type_number_t *thread_listCnt)
{
	(void)processor_set;
	(void)thread_list;
	(void)thread_listCnt;
	return KERN_NOT_SUPPORTED;
}

/*
 * processor_set_policy_control (4007): Change the set's enabled policies
 * or per-policy base and limit.
 */
kern_return_t ksim_processor_set_policy_control(processor_set_t pset,
    processor_set_flavor_t flavor, processor_set_info_t policy_info,
    mach_msg_type_number_t policy_infoCnt, boolean_t change)
{
	(void)pset;
	(void)flavor;
	(void)policy_info;
	(void)policy_infoCnt;
	(void)change;
	return KERN_NOT_SUPPORTED;
}

/*
 * processor_set_stack_usage (4008): Debug statistics of the kernel stacks
 * of the set's threads.
 */
kern_return_t ksim_processor_set_stack_usage(processor_set_t pset,
    unsigned *total, vm_size_t *space, vm_size_t *resident,
    vm_size_t *maxusage, vm_offset_t *maxstack)
{
	(void)pset;
	(void)total;
	(void)space;
	(void)resident;
	(void)maxusage;
	(void)maxstack;
	return KERN_NOT_SUPPORTED;
}

/*
 * processor_set_info (4009): Read one flavor of set information, and the
 * host's port.
 */
kern_return_t ksim_processor_set_info(processor_set_name_t set_name,
    int flavor, host_t *host, processor_set_info_t info_out,
    mach_msg_type_number_t *info_outCnt)
{
	(void)set_name;
	(void)flavor;
	(void)host;
	(void)info_out;
	(void)info_outCnt;
	return KERN_NOT_SUPPORTED;
}
