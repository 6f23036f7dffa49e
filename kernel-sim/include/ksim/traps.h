/*
 * <ksim/traps.h> - the kernel side of the trap table.  runtime/traps.c is
 * the only user of this header: it defines the public trap symbols
 * (<mach/mach_traps.h>) and forwards each to the function here.  A
 * kernel in another process would implement the same table over a
 * socket.
 */
#ifndef KSIM_TRAPS_H
#define KSIM_TRAPS_H

#include <pthread.h>
#include <stdbool.h>

#include <mach/clock_types.h>
#include <mach/exception_types.h>
#include <mach/kern_return.h>
#include <mach/message.h>
#include <mach/port.h>

mach_msg_return_t ksim_mach_msg_overwrite_trap(mach_msg_header_t *msg,
    mach_msg_option_t option, mach_msg_size_t send_size,
    mach_msg_size_t rcv_size, mach_port_name_t rcv_name,
    mach_msg_timeout_t timeout, mach_port_name_t notify,
    mach_msg_header_t *rcv_msg, mach_msg_size_t rcv_limit);
mach_port_name_t ksim_mach_reply_port(void);
mach_port_name_t ksim_task_self_trap(void);
/* mach_task_self's name: one send right per task, no uref per call. */
mach_port_name_t ksim_task_self_name_trap(void);
mach_port_name_t ksim_thread_self_trap(void);
mach_port_name_t ksim_host_self_trap(void);

kern_return_t ksim_semaphore_signal_trap(mach_port_name_t sem);
kern_return_t ksim_semaphore_signal_all_trap(mach_port_name_t sem);
kern_return_t ksim_semaphore_signal_thread_trap(mach_port_name_t sem,
    mach_port_name_t thread);
kern_return_t ksim_semaphore_wait_trap(mach_port_name_t sem);
kern_return_t ksim_semaphore_wait_signal_trap(mach_port_name_t wait,
    mach_port_name_t signal);
kern_return_t ksim_semaphore_timedwait_trap(mach_port_name_t sem,
    unsigned int sec, clock_res_t nsec);
kern_return_t ksim_semaphore_timedwait_signal_trap(mach_port_name_t wait,
    mach_port_name_t signal, unsigned int sec, clock_res_t nsec);

kern_return_t ksim_kernelrpc_vm_allocate_trap(mach_port_name_t target,
    uint64_t *addr, uint64_t size, int flags);
kern_return_t ksim_kernelrpc_vm_deallocate_trap(mach_port_name_t target,
    uint64_t addr, uint64_t size);
kern_return_t ksim_kernelrpc_port_allocate_trap(mach_port_name_t target,
    mach_port_right_t right, mach_port_name_t *name);
kern_return_t ksim_kernelrpc_port_destroy_trap(mach_port_name_t target,
    mach_port_name_t name);
kern_return_t ksim_kernelrpc_port_deallocate_trap(mach_port_name_t target,
    mach_port_name_t name);
kern_return_t ksim_kernelrpc_port_mod_refs_trap(mach_port_name_t target,
    mach_port_name_t name, mach_port_right_t right,
    mach_port_delta_t delta);
kern_return_t ksim_kernelrpc_port_move_member_trap(mach_port_name_t target,
    mach_port_name_t member, mach_port_name_t after);
kern_return_t ksim_kernelrpc_port_insert_right_trap(mach_port_name_t target,
    mach_port_name_t name, mach_port_name_t poly,
    mach_msg_type_name_t polyPoly);
kern_return_t ksim_kernelrpc_port_insert_member_trap(mach_port_name_t target,
    mach_port_name_t name, mach_port_name_t pset);
kern_return_t ksim_kernelrpc_port_extract_member_trap(mach_port_name_t target,
    mach_port_name_t name, mach_port_name_t pset);
kern_return_t ksim_kernelrpc_port_type_trap(mach_port_name_t target,
    mach_port_name_t name, mach_port_type_t *ptype);
kern_return_t ksim_kernelrpc_port_request_notification_trap(
    mach_port_name_t target, mach_port_name_t name, mach_msg_id_t msgid,
    mach_port_mscount_t sync, mach_port_name_t notify,
    mach_msg_type_name_t notifyPoly, mach_port_name_t *previous);
kern_return_t ksim_kernelrpc_port_get_attributes_trap(mach_port_name_t target,
    mach_port_name_t name, int flavor, int *info, unsigned int *count);

/* machsim's own calls (<machsim/machsim.h>). */
kern_return_t ksim_thread_spawn_trap(mach_port_name_t task,
    void *(*fn)(void *), void *arg, pthread_t *out);
kern_return_t ksim_task_create_trap(mach_port_name_t parent,
    mach_port_name_t *child);
kern_return_t ksim_task_terminate_trap(mach_port_name_t task);
kern_return_t ksim_semaphore_create_trap(mach_port_name_t task,
    mach_port_name_t *sem, int policy, int value);
kern_return_t ksim_semaphore_destroy_trap(mach_port_name_t task,
    mach_port_name_t sem);
kern_return_t ksim_host_ledger_trap(mach_port_name_t host_priv,
    mach_port_name_t *ledger);

/* Darwin's process-level calls (syscall.c). */
mach_port_name_t ksim_pthread_mach_thread_trap(pthread_t pt);
kern_return_t ksim_task_for_pid_trap(mach_port_name_t target, int pid,
    mach_port_name_t *tp);
kern_return_t ksim_pid_for_task_trap(mach_port_name_t t, int *pidp);

/* thread_switch and the yields (sched.c). */
kern_return_t ksim_clock_sleep_trap(mach_port_name_t clock_name,
    sleep_type_t sleep_type, int sleep_sec, int sleep_nsec,
    mach_timespec_t *wakeup_time);
kern_return_t ksim_mach_wait_until_trap(uint64_t deadline_ns);

kern_return_t ksim_thread_switch_trap(mach_port_name_t thread_name,
    int option, mach_msg_timeout_t option_time);
boolean_t ksim_swtch_pri_trap(int pri);
boolean_t ksim_swtch_trap(void);

/*
 * Exception delivery's user half (runtime/exc_deliver.c): send the
 * exception message of behavior to port (a send right the faulting
 * thread's space names) with the generated exc/mach_exc stubs, the
 * state taken from and given back to the signal's ucontext uc.
 * Returns the handler's answer.
 */
kern_return_t machsim_exception_send(mach_port_name_t port, int behavior,
    int flavor, int exception, const int64_t code[2], void *uc);

/* Is behavior (its MACH_EXCEPTION_CODES bit aside) one of Darwin's
   identity-protected behaviours?  Those exist only as mach_exc
   messages: they need MACH_EXCEPTION_CODES. */
static inline bool ksim_exc_behavior_protected(int behavior)
{
	int b = behavior & ~(int)MACH_EXCEPTION_MASK;

	return b == EXCEPTION_IDENTITY_PROTECTED ||
	    b == EXCEPTION_STATE_IDENTITY_PROTECTED;
}

/* One flavor of a signal context's state (thread_ctl.c), as
   thread_get_state and thread_set_state read and write it. */
kern_return_t machsim_uc_state_get(void *uc, int flavor, unsigned int *out,
    mach_msg_type_number_t *count);
kern_return_t machsim_uc_state_set(void *uc, int flavor,
    const unsigned int *in, mach_msg_type_number_t count);

#endif /* KSIM_TRAPS_H */
