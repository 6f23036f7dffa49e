/*
 * mach_init.c - the per-thread self-port cache, the page size, and the
 * library's constant records.
 */
#include <unistd.h>

#include <mach/mach_host.h>
#include <mach/mach_init.h>
#include <mach/mach_traps.h>
#include <mach/message.h>
#include <mach/ndr.h>

__thread mach_port_t mach_task_self_;
mach_port_t bootstrap_port = MACH_PORT_NULL;

vm_size_t vm_page_size = 4096;
vm_size_t vm_page_mask = 4095;
int vm_page_shift = 12;

NDR_record_t NDR_record = { 0, 0, 0, 0, NDR_INT_LITTLE_ENDIAN,
	NDR_CHAR_ASCII, NDR_FLOAT_IEEE, 0 };

const security_token_t KERNEL_SECURITY_TOKEN = KERNEL_SECURITY_TOKEN_VALUE;
const audit_token_t KERNEL_AUDIT_TOKEN = KERNEL_AUDIT_TOKEN_VALUE;

__attribute__((constructor)) static void mach_init_page_size(void)
{
	long ps = sysconf(_SC_PAGESIZE);

	if (ps <= 0)
		return;
	vm_page_size = (vm_size_t)ps;
	vm_page_mask = vm_page_size - 1;
	vm_page_shift = __builtin_ctzl((unsigned long)ps);
}

/* traps.c: the task's one cached self name, no uref taken per call. */
__attribute__((visibility("hidden")))
mach_port_name_t machsim_task_self_name_trap(void);

/*
 * Darwin takes the task self name once per process; machsim keeps the
 * cache per thread (DESIGN decision 3) but the kernel hands every thread
 * of a task the same name under one send right, taken once per task, so
 * threads that exit leave no urefs behind.
 */
mach_port_t machsim_task_self(void)
{
	if (mach_task_self_ == MACH_PORT_NULL)
		mach_task_self_ = machsim_task_self_name_trap();
	return mach_task_self_;
}

mach_port_t mach_thread_self(void)
{
	return thread_self_trap();
}

mach_port_t mach_host_self(void)
{
	return host_self_trap();
}

/* host_page_size: answered locally, as Darwin's library does (DEFS-MAP 1.5). */
kern_return_t host_page_size(host_t host, vm_size_t *out_page_size)
{
	(void)host;
	*out_page_size = vm_page_size;
	return KERN_SUCCESS;
}
