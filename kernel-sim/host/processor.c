/*
 * processor.c - processors (MACH-SEMANTICS 9.3).  The processor objects
 * come with a later issue; until then no port names a processor.
 */
#include <ksim/ipc.h>
#include <ksim/kern.h>
#include <ksim/mig_convert.h>

#include <kernel/host_privServer.h>
#include <kernel/processorServer.h>

/* ---- KernelServer translations (<ksim/mig_convert.h>) ------------------------ */

processor_t convert_port_to_processor(mach_port_t name)
{
	processor_t processor;

	ksim_lock();
	processor = ipc_kobject_lookup(name, IKOT_PROCESSOR);
	ksim_unlock();
	return processor;
}

/* No processor objects yet: nothing to name. */
mach_port_t convert_processor_to_port(processor_t processor)
{
	(void)processor;
	return MACH_PORT_NULL;
}

/* ---- host_priv.defs: later issues (KERN_NOT_SUPPORTED) ------------------ */

/* host_processors (407): Return the ports of all processors. */
kern_return_t ksim_host_processors(host_priv_t host_priv,
    processor_array_t *processor_list,
    mach_msg_type_number_t *processor_listCnt)
{
	(void)host_priv;
	(void)processor_list;
	(void)processor_listCnt;
	return KERN_NOT_SUPPORTED;
}

/* ---- processor.defs: later issues (KERN_NOT_SUPPORTED) ------------------ */

/* processor_start (3000): Bring the processor into service. */
kern_return_t ksim_processor_start(processor_t processor)
{
	(void)processor;
	return KERN_NOT_SUPPORTED;
}

/* processor_exit (3001): Take the processor out of service. */
kern_return_t ksim_processor_exit(processor_t processor)
{
	(void)processor;
	return KERN_NOT_SUPPORTED;
}

/*
 * processor_info (3002): Read one flavor of processor information, and the
 * host's port.
 */
kern_return_t ksim_processor_info(processor_t processor,
    processor_flavor_t flavor, host_t *host,
    processor_info_t processor_info_out,
    mach_msg_type_number_t *processor_info_outCnt)
{
	(void)processor;
	(void)flavor;
	(void)host;
	(void)processor_info_out;
	(void)processor_info_outCnt;
	return KERN_NOT_SUPPORTED;
}

/*
 * processor_control (3003): Send a machine-dependent command to the
 * processor.
 */
kern_return_t ksim_processor_control(processor_t processor,
    processor_info_t processor_cmd, mach_msg_type_number_t processor_cmdCnt)
{
	(void)processor;
	(void)processor_cmd;
	(void)processor_cmdCnt;
	return KERN_NOT_SUPPORTED;
}

/*
 * processor_assign (3004): Move the processor to a processor set,
 * optionally waiting.
 */
kern_return_t ksim_processor_assign(processor_t processor,
    processor_set_t new_set, boolean_t wait)
{
	(void)processor;
	(void)new_set;
	(void)wait;
	return KERN_NOT_SUPPORTED;
}

/*
 * processor_get_assignment (3005): Return the name port of the processor's
 * set.
 */
kern_return_t ksim_processor_get_assignment(processor_t processor,
    processor_set_name_t *assigned_set)
{
	(void)processor;
	(void)assigned_set;
	return KERN_NOT_SUPPORTED;
}
