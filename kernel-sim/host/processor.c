/*
 * processor.c - processors (MACH-SEMANTICS 9.3): one per host CPU the
 * process may run on at boot, named by the CPU's number.  Their
 * information comes from the machine (the CPU's ticks in /proc/stat);
 * starting, stopping and controlling a processor would act on the
 * machine's CPUs for every process, which the kernel inside this
 * process does not do (10, decision 14).
 */
#include <stdlib.h>
#include <string.h>

#include <mach/processor_info.h>

#include <ksim/config.h>
#include <ksim/ipc.h>
#include <ksim/kern.h>
#include <ksim/mig_convert.h>
#include <ksim/processor.h>
#include <ksim/vm.h>

#include <kernel/host_privServer.h>
#include <kernel/mach_hostServer.h>
#include <kernel/processorServer.h>

static struct processor *processors;
static int nprocessors;

/* ---- KernelServer translations (<ksim/mig_convert.h>) ------------------------ */

/* Processors live as long as the kernel: no reference to take. */
processor_t convert_port_to_processor(mach_port_t name)
{
	processor_t processor;

	ksim_lock();
	processor = ipc_kobject_lookup(name, IKOT_PROCESSOR);
	ksim_unlock();
	return processor;
}

mach_port_t convert_processor_to_port(processor_t processor)
{
	mach_port_t name;

	if (processor == NULL)
		return MACH_PORT_NULL;
	ksim_lock();
	name = ipc_kobject_reply_send(processor->port);
	ksim_unlock();
	return name;
}

/* ---- boot and the set's view -------------------------------------------------- */

/*
 * Routine:	processor_boot
 * Purpose:	A processor for each CPU of the process's affinity at boot,
 *		all in the default set; then the configuration's sets.
 * Conditions:	Kernel locked; once, from host_boot.
 */
void processor_boot(void)
{
	cpu_set_t mask;
	int cpu, n = 0;

	if (sched_getaffinity(0, sizeof(mask), &mask) != 0 ||
	    CPU_COUNT(&mask) == 0) {
		CPU_ZERO(&mask);
		CPU_SET(0, &mask);
	}
	processors = calloc((size_t)CPU_COUNT(&mask), sizeof(*processors));
	if (processors == NULL)
		abort();
	pset_boot();
	for (cpu = 0; cpu < CPU_SETSIZE; cpu++) {
		struct processor *p;

		if (!CPU_ISSET(cpu, &mask))
			continue;
		p = &processors[n];
		p->slot = cpu;
		p->is_master = n == 0;
		p->pset = default_pset;
		p->port = ipc_kobject_alloc_port(p, IKOT_PROCESSOR);
		n++;
	}
	nprocessors = n;
	pset_boot_config();
}

/* The processor in a given slot, or NULL. */
struct processor *processor_of_slot(int slot)
{
	int i;

	for (i = 0; i < nprocessors; i++)
		if (processors[i].slot == slot)
			return &processors[i];
	return NULL;
}

/* The CPUs of a set's processors; their count.  Kernel locked. */
int pset_cpus(const struct processor_set *pset, cpu_set_t *mask)
{
	int i, n = 0;

	CPU_ZERO(mask);
	for (i = 0; i < nprocessors; i++) {
		if (processors[i].pset == pset) {
			CPU_SET(processors[i].slot, mask);
			n++;
		}
	}
	return n;
}

/* Every processor, for iteration by the sets.  Kernel locked. */
struct processor *processor_at(int i)
{
	return i < nprocessors ? &processors[i] : NULL;
}

integer_t processor_running_count(void)
{
	return nprocessors > 0 ? nprocessors : host_cpu_count();
}

mach_msg_type_number_t processor_slots(integer_t *slots,
    mach_msg_type_number_t max)
{
	mach_msg_type_number_t n = 0;
	int i;

	for (i = 0; i < nprocessors && n < max; i++)
		slots[n++] = processors[i].slot;
	return n;
}

/* ---- host_priv.defs ----------------------------------------------------------- */

/*
 * Routine:	ksim_host_processors
 * Purpose:	A send right to every processor's port, out of line.
 * Returns:	KERN_SUCCESS; KERN_INVALID_HOST; KERN_RESOURCE_SHORTAGE.
 */
kern_return_t ksim_host_processors(host_priv_t host_priv,
    processor_array_t *processor_list,
    mach_msg_type_number_t *processor_listCnt)
{
	mach_port_t *names;
	int i;

	if (host_priv == HOST_NULL)
		return KERN_INVALID_HOST;
	ksim_lock();
	names = vm_reply_array((size_t)nprocessors * sizeof(*names));
	if (names == NULL) {
		ksim_unlock();
		return KERN_RESOURCE_SHORTAGE;
	}
	for (i = 0; i < nprocessors; i++)
		names[i] = ipc_kobject_reply_send(processors[i].port);
	ksim_unlock();
	*processor_list = (processor_array_t)(void *)names;
	*processor_listCnt = (mach_msg_type_number_t)nprocessors;
	return KERN_SUCCESS;
}

/* ---- mach_host.defs ------------------------------------------------------------ */

/* One processor's words of a flavor; false for an unknown flavor. */
static bool processor_info_words(const struct processor *p, int flavor,
    integer_t *out, mach_msg_type_number_t *n)
{
	switch (flavor) {
	case PROCESSOR_BASIC_INFO: {
		processor_basic_info_data_t bi;

		bi.cpu_type = CPU_TYPE_X86_64;
		bi.cpu_subtype = CPU_SUBTYPE_X86_64_ALL;
		bi.running = TRUE;
		bi.slot_num = p->slot;
		bi.is_master = p->is_master;
		memcpy(out, &bi, sizeof(bi));
		*n = PROCESSOR_BASIC_INFO_COUNT;
		return true;
	}
	case PROCESSOR_CPU_LOAD_INFO: {
		processor_cpu_load_info_data_t cl;

		if (!host_stat_cpu(p->slot, cl.cpu_ticks))
			memset(&cl, 0, sizeof(cl));	/* CPU gone offline */
		memcpy(out, &cl, sizeof(cl));
		*n = PROCESSOR_CPU_LOAD_INFO_COUNT;
		return true;
	}
	default:
		return false;
	}
}

/*
 * Routine:	ksim_host_processor_info
 * Purpose:	One flavor for every processor at once, out of line, in
 *		slot order: what Darwin's tools read the CPUs' load from.
 * Returns:	KERN_SUCCESS; KERN_INVALID_ARGUMENT (null host, unknown
 *		flavor); KERN_RESOURCE_SHORTAGE.
 */
kern_return_t ksim_host_processor_info(host_t host, processor_flavor_t flavor,
    natural_t *processor_count, processor_info_array_t *processor_info,
    mach_msg_type_number_t *processor_infoCnt)
{
	integer_t words[PROCESSOR_INFO_MAX];
	mach_msg_type_number_t per = 0;
	integer_t *out;
	int i;

	if (host == HOST_NULL ||
	    !processor_info_words(&processors[0], flavor, words, &per))
		return KERN_INVALID_ARGUMENT;
	ksim_lock();
	out = vm_reply_array((size_t)nprocessors * per * sizeof(integer_t));
	ksim_unlock();
	if (out == NULL)
		return KERN_RESOURCE_SHORTAGE;
	for (i = 0; i < nprocessors; i++)
		(void)processor_info_words(&processors[i], flavor,
		    out + (size_t)i * per, &per);
	*processor_count = (natural_t)nprocessors;
	*processor_info = (processor_info_array_t)out;
	*processor_infoCnt = (mach_msg_type_number_t)nprocessors * per;
	return KERN_SUCCESS;
}

/* ---- processor.defs ------------------------------------------------------------ */

/*
 * processor_start, processor_exit, processor_control: bringing a CPU
 * into or out of service, or sending it a machine command, acts on the
 * machine for every process (Linux's CPU hotplug); the kernel inside
 * this process does not (10, decision 14).  Answers KERN_NOT_SUPPORTED
 * for a valid processor, KERN_INVALID_ARGUMENT otherwise.
 */
kern_return_t ksim_processor_start(processor_t processor)
{
	return processor == NULL ? KERN_INVALID_ARGUMENT : KERN_NOT_SUPPORTED;
}

kern_return_t ksim_processor_exit(processor_t processor)
{
	return processor == NULL ? KERN_INVALID_ARGUMENT : KERN_NOT_SUPPORTED;
}

kern_return_t ksim_processor_control(processor_t processor,
    processor_info_t processor_cmd, mach_msg_type_number_t processor_cmdCnt)
{
	(void)processor_cmd;
	(void)processor_cmdCnt;
	return processor == NULL ? KERN_INVALID_ARGUMENT : KERN_NOT_SUPPORTED;
}

/*
 * Routine:	ksim_processor_info
 * Purpose:	One flavor of one processor, and the host's name port.
 * Returns:	KERN_SUCCESS; KERN_INVALID_ARGUMENT (null processor, unknown
 *		flavor); KERN_FAILURE (count below the flavor's).
 */
kern_return_t ksim_processor_info(processor_t processor,
    processor_flavor_t flavor, host_t *host,
    processor_info_t processor_info_out,
    mach_msg_type_number_t *processor_info_outCnt)
{
	integer_t words[PROCESSOR_INFO_MAX];
	mach_msg_type_number_t n = 0;

	if (processor == NULL ||
	    !processor_info_words(processor, flavor, words, &n))
		return KERN_INVALID_ARGUMENT;
	if (*processor_info_outCnt < n)
		return KERN_FAILURE;
	memcpy(processor_info_out, words, n * sizeof(integer_t));
	*processor_info_outCnt = n;
	*host = &realhost;
	return KERN_SUCCESS;
}
