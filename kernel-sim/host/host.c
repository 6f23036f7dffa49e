/*
 * host.c - the host object: its name port, its privileged port and its
 * security port (MACH-SEMANTICS 9.2), and the routines of mach_host.defs,
 * host_priv.defs and host_security.defs that concern the host itself.
 *
 * One host, realhost, with three ports made at boot (host_boot): the
 * name port (host_port), the privileged port (host_priv_port: the
 * bootstrap task's host port, handed on only by that task) and the
 * security port (host_security_port: given to holders of the privileged
 * port by host_get_special_port).  host_page_size is answered here too,
 * though libmach answers it without a message, as Darwin's library does.
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include <mach/host_info.h>
#include <mach/host_reboot.h>
#include <mach/host_special_ports.h>
#include <mach/machine.h>
#include <mach/time_value.h>

#include <ksim/config.h>

#include <ksim/ipc.h>
#include <ksim/kern.h>
#include <ksim/mig_convert.h>
#include <ksim/processor.h>
#include <ksim/vm.h>

#include <kernel/host_privServer.h>
#include <kernel/host_securityServer.h>
#include <kernel/mach_hostServer.h>

struct host realhost;
ipc_port_t host_priv_port;
ipc_port_t host_security_port;

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

/* ---- the machine -------------------------------------------------------------- */

/* What host_info reports of the machine, read once at boot. */
static struct {
	integer_t	max_cpus;	/* configured */
	integer_t	logical;	/* online */
	integer_t	physical;	/* distinct (package, core) pairs */
	uint64_t	memory;		/* bytes */
	integer_t	min_timeout_ms;
	integer_t	min_quantum_ms;
} machine;

/* A small integer file such as a CPU's core_id; -1 when unreadable. */
static long read_long(const char *path)
{
	char buf[64];
	long v = -1;
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n > 0) {
		buf[n] = '\0';
		v = strtol(buf, NULL, 10);
	}
	return v;
}

/* Physical cores: the distinct (package, core) pairs of online CPUs. */
static integer_t count_cores(integer_t ncpu)
{
	long pairs[1024];
	char path[128];
	integer_t n = 0, cpu, i;

	for (cpu = 0; cpu < ncpu && cpu < 1024; cpu++) {
		long pkg, core, key;

		snprintf(path, sizeof(path), "/sys/devices/system/cpu/cpu%d/"
		    "topology/physical_package_id", (int)cpu);
		pkg = read_long(path);
		snprintf(path, sizeof(path), "/sys/devices/system/cpu/cpu%d/"
		    "topology/core_id", (int)cpu);
		core = read_long(path);
		if (pkg < 0 || core < 0)
			return ncpu;	/* no topology: one core per CPU */
		key = pkg << 20 | core;
		for (i = 0; i < n && pairs[i] != key; i++)
			;
		if (i == n)
			pairs[n++] = key;
	}
	return n > 0 ? n : ncpu;
}

static integer_t ms_ceil(const struct timespec *ts)
{
	uint64_t ns = (uint64_t)ts->tv_sec * 1000000000u +
	    (uint64_t)ts->tv_nsec;

	return (integer_t)((ns + 999999) / 1000000);
}

static void host_machine_read(void)
{
	struct timespec ts;
	long v;

	v = sysconf(_SC_NPROCESSORS_CONF);
	machine.max_cpus = v > 0 ? (integer_t)v : 1;
	v = sysconf(_SC_NPROCESSORS_ONLN);
	machine.logical = v > 0 ? (integer_t)v : 1;
	machine.physical = count_cores(machine.logical);
	machine.memory = (uint64_t)sysconf(_SC_PHYS_PAGES) *
	    (uint64_t)sysconf(_SC_PAGESIZE);
	/* The finest timeout the host's timers keep, and its round-robin
	   quantum (SCHED_RR's interval), in milliseconds. */
	machine.min_timeout_ms = clock_getres(CLOCK_MONOTONIC, &ts) == 0 ?
	    ms_ceil(&ts) : 1;
	if (machine.min_timeout_ms < 1)
		machine.min_timeout_ms = 1;
	machine.min_quantum_ms = sched_rr_get_interval(0, &ts) == 0 ?
	    ms_ceil(&ts) : 100;
	if (machine.min_quantum_ms < 1)
		machine.min_quantum_ms = 1;
}

/*
 * Routine:	host_boot
 * Purpose:	The host's ports (name, privileged, security), its special
 *		port table and what it knows of the machine.  The privileged
 *		port is the bootstrap task's host port (task_boot).
 * Conditions:	Kernel locked; once, from task_boot.
 */
void host_boot(void)
{
	ksim_config_load();
	host_port = ipc_kobject_alloc_port(&realhost, IKOT_HOST);
	host_priv_port = ipc_kobject_alloc_port(&realhost, IKOT_HOST_PRIV);
	host_security_port = ipc_kobject_alloc_port(&realhost,
	    IKOT_HOST_SECURITY);
	host_machine_read();
	processor_boot();
	clock_boot();
	default_pager_boot();
}

integer_t host_cpu_count(void)
{
	return machine.logical;
}

/* ---- mach_host.defs ------------------------------------------------------------ */

/* Copy n words of an answer and say how many went. */
static kern_return_t info_out(host_info_t out, mach_msg_type_number_t *cnt,
    const void *info, mach_msg_type_number_t n)
{
	memcpy(out, info, n * sizeof(integer_t));
	*cnt = n;
	return KERN_SUCCESS;
}

/*
 * Routine:	ksim_host_info
 * Purpose:	One flavor of host information (9.2), from the machine.
 * Returns:	KERN_SUCCESS; KERN_INVALID_ARGUMENT (null host, unknown
 *		flavor); KERN_FAILURE (count below the flavor's minimum).
 */
kern_return_t ksim_host_info(host_t host, host_flavor_t flavor,
    host_info_t out, mach_msg_type_number_t *cnt)
{
	if (host == HOST_NULL)
		return KERN_INVALID_ARGUMENT;
	switch (flavor) {
	case HOST_BASIC_INFO: {
		host_basic_info_data_t bi;

		if (*cnt < HOST_BASIC_INFO_OLD_COUNT)
			return KERN_FAILURE;
		memset(&bi, 0, sizeof(bi));
		bi.max_cpus = machine.max_cpus;
		bi.avail_cpus = processor_running_count();
		bi.memory_size = machine.memory > 0x80000000u ? 0x80000000u :
		    (natural_t)machine.memory;
		bi.cpu_type = CPU_TYPE_X86_64;
		bi.cpu_subtype = CPU_SUBTYPE_X86_64_ALL;
		bi.cpu_threadtype = machine.physical < machine.logical ?
		    CPU_THREADTYPE_INTEL_HTT : CPU_THREADTYPE_NONE;
		bi.physical_cpu = machine.physical;
		bi.physical_cpu_max = machine.physical;
		bi.logical_cpu = machine.logical;
		bi.logical_cpu_max = machine.max_cpus;
		bi.max_mem = machine.memory;
		return info_out(out, cnt, &bi, *cnt >= HOST_BASIC_INFO_COUNT ?
		    HOST_BASIC_INFO_COUNT : HOST_BASIC_INFO_OLD_COUNT);
	}
	case HOST_SCHED_INFO: {
		host_sched_info_data_t si;

		if (*cnt < HOST_SCHED_INFO_COUNT)
			return KERN_FAILURE;
		si.min_timeout = machine.min_timeout_ms;
		si.min_quantum = machine.min_quantum_ms;
		return info_out(out, cnt, &si, HOST_SCHED_INFO_COUNT);
	}
	case HOST_RESOURCE_SIZES: {
		kernel_resource_sizes_data_t rs;

		if (*cnt < HOST_RESOURCE_SIZES_COUNT)
			return KERN_FAILURE;
		rs.task = sizeof(struct task);
		rs.thread = sizeof(struct thread);
		rs.port = sizeof(struct ipc_port);
		rs.memory_region = sizeof(struct vm_region);
		rs.memory_object = sizeof(struct vm_object);
		return info_out(out, cnt, &rs, HOST_RESOURCE_SIZES_COUNT);
	}
	case HOST_PRIORITY_INFO: {
		host_priority_info_data_t pi;

		if (*cnt < HOST_PRIORITY_INFO_COUNT)
			return KERN_FAILURE;
		/* Mach's priority bands (0..127), as Darwin reports them;
		   machsim maps them onto the host's (sched.c). */
		pi.kernel_priority = 80;
		pi.system_priority = 80;
		pi.server_priority = 64;
		pi.user_priority = 31;
		pi.depress_priority = 0;
		pi.idle_priority = 0;
		pi.minimum_priority = 0;
		pi.maximum_priority = 95;
		return info_out(out, cnt, &pi, HOST_PRIORITY_INFO_COUNT);
	}
	case HOST_SEMAPHORE_TRAPS:
	case HOST_MACH_MSG_TRAP:
		/* Present: nothing to report but success. */
		*cnt = 0;
		return KERN_SUCCESS;
	case HOST_CAN_HAS_DEBUGGER: {
		integer_t yes = 1;	/* ptrace is the host's affair */

		if (*cnt < 1)
			return KERN_FAILURE;
		return info_out(out, cnt, &yes, 1);
	}
	case HOST_PREFERRED_USER_ARCH: {
		integer_t arch[2] = { CPU_TYPE_X86_64, CPU_SUBTYPE_X86_64_ALL };

		if (*cnt < 2)
			return KERN_FAILURE;
		return info_out(out, cnt, arch, 2);
	}
	default:
		return KERN_INVALID_ARGUMENT;
	}
}

/*
 * Routine:	ksim_host_kernel_version
 * Purpose:	The version string: the boot configuration's, else
 *		machsim's with the host kernel's release and machine.
 */
kern_return_t ksim_host_kernel_version(host_t host,
    kernel_version_t kernel_version)
{
	struct utsname u;

	if (host == HOST_NULL)
		return KERN_INVALID_ARGUMENT;
	if (ksim_config.kernel_version[0] != '\0') {
		snprintf(kernel_version, KERNEL_VERSION_MAX, "%s",
		    ksim_config.kernel_version);
		return KERN_SUCCESS;
	}
	if (uname(&u) != 0)
		memset(&u, 0, sizeof(u));
	snprintf(kernel_version, KERNEL_VERSION_MAX,
	    "machsim Kernel Version %s: on Linux %s %s; %s\n",
	    MACHSIM_VERSION, u.release, u.version, u.machine);
	return KERN_SUCCESS;
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
 * Routine:	host_stat_cpu
 * Purpose:	The host's CPU ticks (user, system, idle, nice, in the
 *		host's USER_HZ ticks, as Darwin's are 100 Hz) from the
 *		/proc/stat line of cpu ("cpu" for all, "cpuN" for one).
 * Returns:	true when the line was found.
 */
bool host_stat_cpu(int cpu, natural_t ticks[CPU_STATE_MAX])
{
	char line[512], want[32];
	unsigned long long user, nice, sys, idle;
	bool found = false;
	size_t wl;
	FILE *f;

	if (cpu < 0)
		snprintf(want, sizeof(want), "cpu ");
	else
		snprintf(want, sizeof(want), "cpu%d ", cpu);
	wl = strlen(want);
	f = fopen("/proc/stat", "re");
	if (f == NULL)
		return false;
	while (fgets(line, sizeof(line), f) != NULL) {
		if (strncmp(line, want, wl) != 0)
			continue;
		if (sscanf(line + wl, "%llu %llu %llu %llu", &user, &nice, &sys,
		    &idle) == 4) {
			ticks[CPU_STATE_USER] = (natural_t)user;
			ticks[CPU_STATE_SYSTEM] = (natural_t)sys;
			ticks[CPU_STATE_IDLE] = (natural_t)idle;
			ticks[CPU_STATE_NICE] = (natural_t)nice;
			found = true;
		}
		break;
	}
	fclose(f);
	return found;
}

/* The load averages, scaled by LOAD_SCALE, and the Mach factors (the
   processors' capacity left: processors minus load, at least 0). */
static bool host_load(host_load_info_data_t *li)
{
	double avg[3];
	integer_t ncpu = processor_running_count();
	int i;

	if (getloadavg(avg, 3) != 3)
		return false;
	for (i = 0; i < 3; i++) {
		double left = (double)ncpu - avg[i];

		li->avenrun[i] = (integer_t)(avg[i] * LOAD_SCALE + 0.5);
		li->mach_factor[i] = left > 0 ? (integer_t)(left * LOAD_SCALE +
		    0.5) : 0;
	}
	return true;
}

/*
 * Routine:	ksim_host_statistics
 * Purpose:	HOST_LOAD_INFO, HOST_VM_INFO (the VM counters, by revision:
 *		the count asked chooses it) and HOST_CPU_LOAD_INFO (9.2).
 * Returns:	KERN_SUCCESS; KERN_INVALID_HOST (null host);
 *		KERN_INVALID_ARGUMENT (unknown flavor); KERN_FAILURE (count
 *		below the flavor's minimum, the host's figures unreadable).
 */
kern_return_t ksim_host_statistics(host_t host_priv, host_flavor_t flavor,
    host_info_t out, mach_msg_type_number_t *cnt)
{
	if (host_priv == HOST_NULL)
		return KERN_INVALID_HOST;
	switch (flavor) {
	case HOST_LOAD_INFO: {
		host_load_info_data_t li;

		if (*cnt < HOST_LOAD_INFO_COUNT || !host_load(&li))
			return KERN_FAILURE;
		return info_out(out, cnt, &li, HOST_LOAD_INFO_COUNT);
	}
	case HOST_VM_INFO: {
		vm_statistics_data_t st;
		mach_msg_type_number_t n = *cnt;

		if (n < HOST_VM_INFO_REV0_COUNT)
			return KERN_FAILURE;
		n = n >= HOST_VM_INFO_REV2_COUNT ? HOST_VM_INFO_REV2_COUNT :
		    n >= HOST_VM_INFO_REV1_COUNT ? HOST_VM_INFO_REV1_COUNT :
		    HOST_VM_INFO_REV0_COUNT;
		ksim_lock();
		vm_statistics_fill(&st);
		ksim_unlock();
		return info_out(out, cnt, &st, n);
	}
	case HOST_CPU_LOAD_INFO: {
		host_cpu_load_info_data_t cl;

		if (*cnt < HOST_CPU_LOAD_INFO_COUNT ||
		    !host_stat_cpu(-1, cl.cpu_ticks))
			return KERN_FAILURE;
		return info_out(out, cnt, &cl, HOST_CPU_LOAD_INFO_COUNT);
	}
	default:
		return KERN_INVALID_ARGUMENT;
	}
}

/* host_get_time (217): the calendar clock's time (9.2). */
kern_return_t ksim_host_get_time(host_t host, time_value_t *current_time)
{
	struct timespec ts;

	if (host == HOST_NULL)
		return KERN_INVALID_ARGUMENT;
	clock_gettime(CLOCK_REALTIME, &ts);
	current_time->seconds = (integer_t)ts.tv_sec;
	current_time->microseconds = (integer_t)(ts.tv_nsec / 1000);
	return KERN_SUCCESS;
}

/*
 * Routine:	ksim_host_processor_slots
 * Purpose:	The slot numbers (host CPU numbers) of the running
 *		processors, as many as the caller's array holds.
 */
kern_return_t ksim_host_processor_slots(host_t host, processor_slot_t slots,
    mach_msg_type_number_t *slotsCnt)
{
	if (host == HOST_NULL)
		return KERN_INVALID_ARGUMENT;
	*slotsCnt = processor_slots(slots, *slotsCnt);
	return KERN_SUCCESS;
}

/* ---- host_priv.defs --------------------------------------------------------- */

/*
 * Routine:	ksim_host_get_boot_info
 * Purpose:	The boot configuration string (9.2): the configuration's
 *		boot_info, else the file it was read from, else empty.
 */
kern_return_t ksim_host_get_boot_info(host_priv_t host_priv,
    kernel_boot_info_t boot_info)
{
	if (host_priv == HOST_NULL)
		return KERN_INVALID_HOST;
	if (ksim_config.boot_info[0] != '\0')
		snprintf(boot_info, KERNEL_BOOT_INFO_MAX, "%s",
		    ksim_config.boot_info);
	else if (ksim_config.path[0] != '\0')
		snprintf(boot_info, KERNEL_BOOT_INFO_MAX, "config=%s",
		    ksim_config.path);
	else
		boot_info[0] = '\0';
	return KERN_SUCCESS;
}

/*
 * Routine:	ksim_host_reboot
 * Purpose:	Rebooting, halting or entering the debugger would act on
 *		the whole machine, not on the kernel inside this process
 *		(10, decision 14): refused once the caller has shown the
 *		privilege and valid options.
 * Returns:	KERN_NOT_SUPPORTED; KERN_INVALID_HOST (not the privileged
 *		port); KERN_INVALID_ARGUMENT (unknown option bits).
 */
kern_return_t ksim_host_reboot(host_priv_t host_priv, int options)
{
	if (host_priv == HOST_NULL)
		return KERN_INVALID_HOST;
	if (options & ~(HOST_REBOOT_HALT | HOST_REBOOT_UPSDELAY |
	    HOST_REBOOT_DEBUGGER))
		return KERN_INVALID_ARGUMENT;
	return KERN_NOT_SUPPORTED;
}

/* host_priv_statistics (402): host_statistics through the privileged port. */
kern_return_t ksim_host_priv_statistics(host_priv_t host_priv,
    host_flavor_t flavor, host_info_t host_info_out,
    mach_msg_type_number_t *host_info_outCnt)
{
	return ksim_host_statistics(host_priv, flavor, host_info_out,
	    host_info_outCnt);
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

/*
 * Routine:	ksim_host_get_special_port
 * Purpose:	One of the host's special ports: the kernel's own (name,
 *		privileged, security) or one a server registered.  Any node
 *		names the local one (there is one host).
 * Returns:	KERN_SUCCESS (MACH_PORT_NULL when none is registered);
 *		KERN_INVALID_HOST; KERN_INVALID_ARGUMENT (id out of range,
 *		the I/O Kit port, which Linux has no registry for).
 */
kern_return_t ksim_host_get_special_port(host_priv_t host_priv, int node,
    int which, mach_port_t *port)
{
	ipc_port_t p;

	(void)node;
	if (host_priv == HOST_NULL)
		return KERN_INVALID_HOST;
	if (which < HOST_MIN_SPECIAL_PORT || which > HOST_MAX_SPECIAL_PORT ||
	    which == HOST_IO_MAIN_PORT)
		return KERN_INVALID_ARGUMENT;
	ksim_lock();
	switch (which) {
	case HOST_SECURITY_PORT:
		p = host_security_port;
		break;
	case HOST_PORT:
		p = host_port;
		break;
	case HOST_PRIV_PORT:
		p = host_priv_port;
		break;
	default:
		p = realhost.special[which];
		break;
	}
	*port = IP_VALID(p) ? ipc_kobject_reply_right(ipc_port_copy_send(p),
	    MACH_MSG_TYPE_PORT_SEND) : MACH_PORT_NULL;
	ksim_unlock();
	return KERN_SUCCESS;
}

/*
 * Routine:	ksim_host_set_special_port
 * Purpose:	Register a server's special port (the caller's send right
 *		is kept); MACH_PORT_NULL clears it.
 * Returns:	KERN_SUCCESS; KERN_INVALID_HOST; KERN_INVALID_ARGUMENT (a
 *		kernel port's id, or out of range); KERN_INVALID_RIGHT.
 */
kern_return_t ksim_host_set_special_port(host_priv_t host_priv, int which,
    mach_port_t port)
{
	ipc_port_t p = IP_NULL, old;
	kern_return_t kr;

	if (host_priv == HOST_NULL)
		return KERN_INVALID_HOST;
	if (which <= HOST_MAX_SPECIAL_KERNEL_PORT ||
	    which > HOST_MAX_SPECIAL_PORT)
		return KERN_INVALID_ARGUMENT;
	ksim_lock();
	if (MACH_PORT_VALID(port)) {
		kr = ipc_kobject_take_right(port, MACH_MSG_TYPE_PORT_SEND, &p);
		if (kr != KERN_SUCCESS) {
			ksim_unlock();
			return KERN_INVALID_RIGHT;
		}
		if (p == IP_DEAD)
			p = IP_NULL;
	}
	old = realhost.special[which];
	realhost.special[which] = p;
	if (IP_VALID(old))
		ipc_port_release_send(old);
	ksim_unlock();
	return KERN_SUCCESS;
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

/*
 * Routine:	host_calendar_set
 * Purpose:	Set the host's calendar time (CLOCK_REALTIME): the machine's
 *		clock, for every process, so Linux asks for CAP_SYS_TIME.
 * Returns:	KERN_SUCCESS; KERN_NO_ACCESS (the process lacks the
 *		privilege); KERN_INVALID_VALUE (a time the host refuses).
 */
kern_return_t host_calendar_set(const struct timespec *ts)
{
	if (clock_settime(CLOCK_REALTIME, ts) == 0)
		return KERN_SUCCESS;
	return errno == EPERM ? KERN_NO_ACCESS : KERN_INVALID_VALUE;
}

static bool time_value_ok(const time_value_t *t)
{
	return t->microseconds >= 0 && t->microseconds < TIME_MICROS_MAX;
}

/*
 * Routine:	ksim_host_set_time
 * Purpose:	Set the calendar clock (9.2), with the privileged port and
 *		the host's own privilege (host_calendar_set).
 * Returns:	KERN_SUCCESS; KERN_INVALID_HOST; KERN_INVALID_VALUE (bad
 *		microseconds, a negative time); KERN_NO_ACCESS.
 */
kern_return_t ksim_host_set_time(host_priv_t host_priv, time_value_t new_time)
{
	struct timespec ts;

	if (host_priv == HOST_NULL)
		return KERN_INVALID_HOST;
	if (!time_value_ok(&new_time) || new_time.seconds < 0)
		return KERN_INVALID_VALUE;
	ts.tv_sec = new_time.seconds;
	ts.tv_nsec = (long)new_time.microseconds * 1000;
	return host_calendar_set(&ts);
}

/*
 * Routine:	ksim_host_adjust_time
 * Purpose:	Slew the calendar clock by new_adjustment (adjtime) and
 *		return the adjustment that was still pending.
 * Returns:	KERN_SUCCESS; KERN_INVALID_HOST; KERN_INVALID_VALUE;
 *		KERN_NO_ACCESS (no CAP_SYS_TIME).
 */
kern_return_t ksim_host_adjust_time(host_priv_t host_priv,
    time_value_t new_adjustment, time_value_t *old_adjustment)
{
	struct timeval delta, old;

	if (host_priv == HOST_NULL)
		return KERN_INVALID_HOST;
	if (!time_value_ok(&new_adjustment))
		return KERN_INVALID_VALUE;
	delta.tv_sec = new_adjustment.seconds;
	delta.tv_usec = new_adjustment.microseconds;
	if (adjtime(&delta, &old) != 0)
		return errno == EPERM ? KERN_NO_ACCESS : KERN_INVALID_VALUE;
	old_adjustment->seconds = (integer_t)old.tv_sec;
	old_adjustment->microseconds = (integer_t)old.tv_usec;
	return KERN_SUCCESS;
}
