/*
 * traps.c - the trap table: the one boundary between libmach and the
 * kernel (DESIGN decision 1).  Every trap forwards to the embedded
 * kernel; a kernel in another process would replace only this file.
 */
#include <mach/mach.h>
#include <mach/mach_init.h>
#include <mach/mach_time.h>
#include <mach/mach_traps.h>
#include <machsim/machsim.h>

#include <ksim/traps.h>

mach_port_name_t mach_reply_port(void)
{
	return ksim_mach_reply_port();
}

mach_port_name_t thread_self_trap(void)
{
	return ksim_thread_self_trap();
}

mach_port_name_t task_self_trap(void)
{
	return ksim_task_self_trap();
}

/*
 * mach_task_self's trap (mach_init.c, not exported): the task's cached
 * self name, with no uref added per call.
 */
__attribute__((visibility("hidden")))
mach_port_name_t machsim_task_self_name_trap(void);

mach_port_name_t machsim_task_self_name_trap(void)
{
	return ksim_task_self_name_trap();
}

mach_port_name_t host_self_trap(void)
{
	return ksim_host_self_trap();
}

mach_msg_return_t mach_msg_trap(mach_msg_header_t *msg,
    mach_msg_option_t option, mach_msg_size_t send_size,
    mach_msg_size_t rcv_size, mach_port_name_t rcv_name,
    mach_msg_timeout_t timeout, mach_port_name_t notify)
{
	return ksim_mach_msg_overwrite_trap(msg, option, send_size, rcv_size,
	    rcv_name, timeout, notify, NULL, 0);
}

mach_msg_return_t mach_msg_overwrite_trap(mach_msg_header_t *msg,
    mach_msg_option_t option, mach_msg_size_t send_size,
    mach_msg_size_t rcv_size, mach_port_name_t rcv_name,
    mach_msg_timeout_t timeout, mach_port_name_t notify,
    mach_msg_header_t *rcv_msg, mach_msg_size_t rcv_limit)
{
	return ksim_mach_msg_overwrite_trap(msg, option, send_size, rcv_size,
	    rcv_name, timeout, notify, rcv_msg, rcv_limit);
}

kern_return_t semaphore_signal_trap(mach_port_name_t s)
{
	return ksim_semaphore_signal_trap(s);
}

kern_return_t semaphore_signal_all_trap(mach_port_name_t s)
{
	return ksim_semaphore_signal_all_trap(s);
}

kern_return_t semaphore_signal_thread_trap(mach_port_name_t s,
    mach_port_name_t t)
{
	return ksim_semaphore_signal_thread_trap(s, t);
}

kern_return_t semaphore_wait_trap(mach_port_name_t s)
{
	return ksim_semaphore_wait_trap(s);
}

kern_return_t semaphore_wait_signal_trap(mach_port_name_t w,
    mach_port_name_t s)
{
	return ksim_semaphore_wait_signal_trap(w, s);
}

kern_return_t semaphore_timedwait_trap(mach_port_name_t s, unsigned int sec,
    clock_res_t nsec)
{
	return ksim_semaphore_timedwait_trap(s, sec, nsec);
}

kern_return_t clock_sleep_trap(mach_port_name_t clock_name,
    sleep_type_t sleep_type, int sleep_sec, int sleep_nsec,
    mach_timespec_t *wakeup_time)
{
	return ksim_clock_sleep_trap(clock_name, sleep_type, sleep_sec,
	    sleep_nsec, wakeup_time);
}

kern_return_t clock_sleep(mach_port_t clock_name, int clock_type,
    mach_timespec_t sleep_time, mach_timespec_t *wake_time)
{
	return ksim_clock_sleep_trap(clock_name, clock_type,
	    (int)sleep_time.tv_sec, sleep_time.tv_nsec, wake_time);
}

kern_return_t mach_wait_until(uint64_t deadline)
{
	return ksim_mach_wait_until_trap(deadline);
}

kern_return_t semaphore_timedwait_signal_trap(mach_port_name_t w,
    mach_port_name_t s, unsigned int sec, clock_res_t nsec)
{
	return ksim_semaphore_timedwait_signal_trap(w, s, sec, nsec);
}

kern_return_t _kernelrpc_mach_vm_allocate_trap(mach_port_name_t target,
    uint64_t *addr, uint64_t size, int flags)
{
	return ksim_kernelrpc_vm_allocate_trap(target, addr, size, flags);
}

kern_return_t _kernelrpc_mach_vm_deallocate_trap(mach_port_name_t target,
    uint64_t address, uint64_t size)
{
	return ksim_kernelrpc_vm_deallocate_trap(target, address, size);
}

kern_return_t _kernelrpc_mach_port_allocate_trap(mach_port_name_t target,
    mach_port_right_t right, mach_port_name_t *name)
{
	return ksim_kernelrpc_port_allocate_trap(target, right, name);
}

kern_return_t _kernelrpc_mach_port_destroy_trap(mach_port_name_t target,
    mach_port_name_t name)
{
	return ksim_kernelrpc_port_destroy_trap(target, name);
}

kern_return_t _kernelrpc_mach_port_deallocate_trap(mach_port_name_t target,
    mach_port_name_t name)
{
	return ksim_kernelrpc_port_deallocate_trap(target, name);
}

kern_return_t _kernelrpc_mach_port_mod_refs_trap(mach_port_name_t target,
    mach_port_name_t name, mach_port_right_t right, mach_port_delta_t delta)
{
	return ksim_kernelrpc_port_mod_refs_trap(target, name, right, delta);
}

kern_return_t _kernelrpc_mach_port_move_member_trap(mach_port_name_t target,
    mach_port_name_t member, mach_port_name_t after)
{
	return ksim_kernelrpc_port_move_member_trap(target, member, after);
}

kern_return_t _kernelrpc_mach_port_insert_right_trap(mach_port_name_t target,
    mach_port_name_t name, mach_port_name_t poly,
    mach_msg_type_name_t polyPoly)
{
	return ksim_kernelrpc_port_insert_right_trap(target, name, poly,
	    polyPoly);
}

kern_return_t _kernelrpc_mach_port_insert_member_trap(mach_port_name_t target,
    mach_port_name_t name, mach_port_name_t pset)
{
	return ksim_kernelrpc_port_insert_member_trap(target, name, pset);
}

kern_return_t _kernelrpc_mach_port_extract_member_trap(
    mach_port_name_t target, mach_port_name_t name, mach_port_name_t pset)
{
	return ksim_kernelrpc_port_extract_member_trap(target, name, pset);
}

kern_return_t _kernelrpc_mach_port_type_trap(mach_port_name_t target,
    mach_port_name_t name, mach_port_type_t *ptype)
{
	return ksim_kernelrpc_port_type_trap(target, name, ptype);
}

kern_return_t _kernelrpc_mach_port_request_notification_trap(
    mach_port_name_t target, mach_port_name_t name, mach_msg_id_t msgid,
    mach_port_mscount_t sync, mach_port_name_t notify,
    mach_msg_type_name_t notifyPoly, mach_port_name_t *previous)
{
	return ksim_kernelrpc_port_request_notification_trap(target, name,
	    msgid, sync, notify, notifyPoly, previous);
}

kern_return_t _kernelrpc_mach_port_get_attributes_trap(
    mach_port_name_t target, mach_port_name_t name, int flavor, int *info,
    unsigned int *count)
{
	return ksim_kernelrpc_port_get_attributes_trap(target, name, flavor,
	    info, count);
}

/* ---- machsim's own calls ------------------------------------------------------- */

kern_return_t machsim_thread_spawn(mach_port_t task, void *(*fn)(void *),
    void *arg, pthread_t *out)
{
	return ksim_thread_spawn_trap(task, fn, arg, out);
}

kern_return_t machsim_task_create(mach_port_t parent, mach_port_t *child)
{
	return ksim_task_create_trap(parent, child);
}

kern_return_t machsim_task_terminate(mach_port_t task)
{
	return ksim_task_terminate_trap(task);
}

kern_return_t machsim_semaphore_create(mach_port_t task,
    mach_port_t *semaphore, int policy, int value)
{
	return ksim_semaphore_create_trap(task, semaphore, policy, value);
}

kern_return_t machsim_semaphore_destroy(mach_port_t task,
    mach_port_t semaphore)
{
	return ksim_semaphore_destroy_trap(task, semaphore);
}

kern_return_t machsim_host_ledger(mach_port_t host_priv, mach_port_t *ledger)
{
	return ksim_host_ledger_trap(host_priv, ledger);
}

kern_return_t thread_switch(mach_port_name_t thread_name, int option,
    mach_msg_timeout_t option_time)
{
	return ksim_thread_switch_trap(thread_name, option, option_time);
}

boolean_t swtch_pri(int pri)
{
	return ksim_swtch_pri_trap(pri);
}

boolean_t swtch(void)
{
	return ksim_swtch_trap();
}

kern_return_t task_for_pid(mach_port_name_t target_tport, int pid,
    mach_port_name_t *t)
{
	return ksim_task_for_pid_trap(target_tport, pid, t);
}

kern_return_t pid_for_task(mach_port_name_t t, int *x)
{
	return ksim_pid_for_task_trap(t, x);
}

mach_port_t pthread_mach_thread_np(pthread_t thread)
{
	return ksim_pthread_mach_thread_trap(thread);
}
