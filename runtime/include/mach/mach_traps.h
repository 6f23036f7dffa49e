/*
 * <mach/mach_traps.h> - the trap table: the only calls that cross into
 * the kernel without a message (DEFS-MAP 1.5).  In machsim they call the
 * embedded kernel directly; the first one boots it.
 */
#ifndef _MACH_MACH_TRAPS_H_
#define _MACH_MACH_TRAPS_H_

#include <stdint.h>

#include <mach/_machsim_cdefs.h>
#include <mach/boolean.h>
#include <mach/clock_types.h>
#include <mach/kern_return.h>
#include <mach/message.h>
#include <mach/port.h>

__MACHSIM_BEGIN_DECLS

extern mach_port_name_t mach_reply_port(void);
extern mach_port_name_t thread_self_trap(void);
extern mach_port_name_t task_self_trap(void);
extern mach_port_name_t host_self_trap(void);

extern mach_msg_return_t mach_msg_trap(mach_msg_header_t *msg,
    mach_msg_option_t option, mach_msg_size_t send_size,
    mach_msg_size_t rcv_size, mach_port_name_t rcv_name,
    mach_msg_timeout_t timeout, mach_port_name_t notify);
extern mach_msg_return_t mach_msg_overwrite_trap(mach_msg_header_t *msg,
    mach_msg_option_t option, mach_msg_size_t send_size,
    mach_msg_size_t rcv_size, mach_port_name_t rcv_name,
    mach_msg_timeout_t timeout, mach_port_name_t notify,
    mach_msg_header_t *rcv_msg, mach_msg_size_t rcv_limit);

extern kern_return_t semaphore_signal_trap(mach_port_name_t signal_name);
extern kern_return_t semaphore_signal_all_trap(mach_port_name_t signal_name);
extern kern_return_t semaphore_signal_thread_trap(mach_port_name_t signal_name,
    mach_port_name_t thread_name);
extern kern_return_t semaphore_wait_trap(mach_port_name_t wait_name);
extern kern_return_t semaphore_wait_signal_trap(mach_port_name_t wait_name,
    mach_port_name_t signal_name);
extern kern_return_t semaphore_timedwait_trap(mach_port_name_t wait_name,
    unsigned int sec, clock_res_t nsec);
extern kern_return_t semaphore_timedwait_signal_trap(mach_port_name_t wait_name,
    mach_port_name_t signal_name, unsigned int sec, clock_res_t nsec);

/* Sleep on a clock (MACH-SEMANTICS 9.1); clock_sleep is its library form. */
extern kern_return_t clock_sleep_trap(mach_port_name_t clock_name,
    sleep_type_t sleep_type, int sleep_sec, int sleep_nsec,
    mach_timespec_t *wakeup_time);

/* Fast paths for a few mach_port and vm calls (Darwin's _kernelrpc). */
extern kern_return_t _kernelrpc_mach_vm_allocate_trap(mach_port_name_t target,
    uint64_t *addr, uint64_t size, int flags);
extern kern_return_t _kernelrpc_mach_vm_deallocate_trap(
    mach_port_name_t target, uint64_t address, uint64_t size);
extern kern_return_t _kernelrpc_mach_port_allocate_trap(
    mach_port_name_t target, mach_port_right_t right, mach_port_name_t *name);
extern kern_return_t _kernelrpc_mach_port_destroy_trap(
    mach_port_name_t target, mach_port_name_t name);
extern kern_return_t _kernelrpc_mach_port_deallocate_trap(
    mach_port_name_t target, mach_port_name_t name);
extern kern_return_t _kernelrpc_mach_port_mod_refs_trap(
    mach_port_name_t target, mach_port_name_t name, mach_port_right_t right,
    mach_port_delta_t delta);
extern kern_return_t _kernelrpc_mach_port_move_member_trap(
    mach_port_name_t target, mach_port_name_t member, mach_port_name_t after);
extern kern_return_t _kernelrpc_mach_port_insert_right_trap(
    mach_port_name_t target, mach_port_name_t name, mach_port_name_t poly,
    mach_msg_type_name_t polyPoly);
extern kern_return_t _kernelrpc_mach_port_insert_member_trap(
    mach_port_name_t target, mach_port_name_t name, mach_port_name_t pset);
extern kern_return_t _kernelrpc_mach_port_extract_member_trap(
    mach_port_name_t target, mach_port_name_t name, mach_port_name_t pset);
extern kern_return_t _kernelrpc_mach_port_type_trap(mach_port_name_t target,
    mach_port_name_t name, mach_port_type_t *ptype);
extern kern_return_t _kernelrpc_mach_port_request_notification_trap(
    mach_port_name_t target, mach_port_name_t name, mach_msg_id_t msgid,
    mach_port_mscount_t sync, mach_port_name_t notify,
    mach_msg_type_name_t notifyPoly, mach_port_name_t *previous);
extern kern_return_t _kernelrpc_mach_port_get_attributes_trap(
    mach_port_name_t target, mach_port_name_t name, int flavor, int *info,
    unsigned int *count);

/* Yield, or block for a time (<mach/thread_switch.h>). */
extern kern_return_t thread_switch(mach_port_name_t thread_name, int option,
    mach_msg_timeout_t option_time);
extern boolean_t swtch_pri(int pri);
extern boolean_t swtch(void);

/*
 * Every task lives in this process: the process's own pid names its
 * bootstrap task, and every task's pid is the process's.  Any other pid:
 * KERN_FAILURE.
 */
extern kern_return_t task_for_pid(mach_port_name_t target_tport, int pid,
    mach_port_name_t *t);
extern kern_return_t pid_for_task(mach_port_name_t t, int *x);

__MACHSIM_END_DECLS

#endif /* _MACH_MACH_TRAPS_H_ */
