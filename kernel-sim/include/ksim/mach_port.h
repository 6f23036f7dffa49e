/*
 * <ksim/mach_port.h> - the mach_port subsystem, kernel side
 * (MACH-SEMANTICS section 4).
 *
 * The routines are the work functions of the generated demuxer,
 * declared by <kernel/mach_portServer.h> (the contract):
 * ksim_mach_port_allocate(ipc_space_t task, ...) and so on.  Each takes
 * and drops the kernel lock itself; a null or dead space gives
 * KERN_INVALID_TASK.  Out-of-line arrays (names, get_set_status) are
 * allocated in the kernel task's map, where a kernel reply moves them
 * from; kernel code calling them directly frees them with vm_map_remove
 * on kernel_task->map.  Rights a routine receives or returns are names in
 * ipc_space_kernel (<ksim/mig_convert.h>).
 *
 * The ipc_space_* functions below are the same operations on
 * kernel-held rights (port pointer plus carried type MACH_MSG_TYPE_PORT_*),
 * for the work functions and the _kernelrpc traps.  Rights passed in are
 * consumed on success only.
 */
#ifndef KSIM_MACH_PORT_H
#define KSIM_MACH_PORT_H

#include <ksim/ipc.h>

#include <kernel/mach_portServer.h>

kern_return_t ipc_space_request_notification(ipc_space_t space,
    mach_port_name_t name, mach_msg_id_t msgid, mach_port_mscount_t sync,
    ipc_port_t notify, ipc_port_t *previousp);
kern_return_t ipc_space_insert_right(ipc_space_t space, mach_port_name_t name,
    ipc_port_t poly, mach_msg_type_name_t polyPoly);
kern_return_t ipc_space_extract_right(ipc_space_t space,
    mach_port_name_t name, mach_msg_type_name_t msgt_name,
    ipc_port_t *polyp, mach_msg_type_name_t *polyPolyp);

#endif /* KSIM_MACH_PORT_H */
