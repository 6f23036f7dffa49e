/*
 * <ksim/mach_port.h> - the mach_port subsystem, kernel side
 * (MACH-SEMANTICS section 4), with XNU's server-side signatures: the
 * target is an IPC space; rights passed in or out are kernel-held port
 * pointers with their carried type (MACH_MSG_TYPE_PORT_*).
 *
 * Every function takes and drops the kernel lock itself.  A null or dead
 * space gives KERN_INVALID_TASK.  Out-of-line arrays (mach_port_names,
 * mach_port_get_set_status) are allocated in the kernel task's map, as the
 * kernel side of a MIG out-of-line reply; free them with vm_deallocate on
 * kernel_task->map.  Rights passed in (insert_right, request_notification)
 * are consumed on success only: on failure the caller (the MIG server
 * loop, or a trap) destroys them.
 */
#ifndef KSIM_MACH_PORT_H
#define KSIM_MACH_PORT_H

#include <ksim/ipc.h>

kern_return_t mach_port_names(ipc_space_t space, mach_port_name_t **namesp,
    mach_msg_type_number_t *namesCnt, mach_port_type_t **typesp,
    mach_msg_type_number_t *typesCnt);
kern_return_t mach_port_type(ipc_space_t space, mach_port_name_t name,
    mach_port_type_t *typep);
kern_return_t mach_port_rename(ipc_space_t space, mach_port_name_t oname,
    mach_port_name_t nname);
kern_return_t mach_port_allocate_name(ipc_space_t space,
    mach_port_right_t right, mach_port_name_t name);
kern_return_t mach_port_allocate(ipc_space_t space, mach_port_right_t right,
    mach_port_name_t *namep);
kern_return_t mach_port_destroy(ipc_space_t space, mach_port_name_t name);
kern_return_t mach_port_deallocate(ipc_space_t space, mach_port_name_t name);
kern_return_t mach_port_get_refs(ipc_space_t space, mach_port_name_t name,
    mach_port_right_t right, mach_port_urefs_t *urefsp);
kern_return_t mach_port_mod_refs(ipc_space_t space, mach_port_name_t name,
    mach_port_right_t right, mach_port_delta_t delta);
kern_return_t mach_port_allocate_subsystem(ipc_space_t space,
    void *subsystem, mach_port_name_t *namep);
kern_return_t mach_port_set_mscount(ipc_space_t space, mach_port_name_t name,
    mach_port_mscount_t mscount);
kern_return_t mach_port_get_set_status(ipc_space_t space,
    mach_port_name_t name, mach_port_name_t **membersp,
    mach_msg_type_number_t *membersCnt);
kern_return_t mach_port_move_member(ipc_space_t space,
    mach_port_name_t member, mach_port_name_t after);
kern_return_t mach_port_request_notification(ipc_space_t space,
    mach_port_name_t name, mach_msg_id_t msgid, mach_port_mscount_t sync,
    ipc_port_t notify, ipc_port_t *previousp);
kern_return_t mach_port_insert_right(ipc_space_t space, mach_port_name_t name,
    ipc_port_t poly, mach_msg_type_name_t polyPoly);
kern_return_t mach_port_extract_right(ipc_space_t space,
    mach_port_name_t name, mach_msg_type_name_t msgt_name,
    ipc_port_t *polyp, mach_msg_type_name_t *polyPolyp);
kern_return_t mach_port_set_seqno(ipc_space_t space, mach_port_name_t name,
    mach_port_seqno_t seqno);
kern_return_t mach_port_get_attributes(ipc_space_t space,
    mach_port_name_t name, mach_port_flavor_t flavor, mach_port_info_t info,
    mach_msg_type_number_t *countp);
kern_return_t mach_port_set_attributes(ipc_space_t space,
    mach_port_name_t name, mach_port_flavor_t flavor, mach_port_info_t info,
    mach_msg_type_number_t count);
kern_return_t mach_port_allocate_qos(ipc_space_t space,
    mach_port_right_t right, mach_port_qos_t *qosp, mach_port_name_t *namep);
kern_return_t mach_port_allocate_full(ipc_space_t space,
    mach_port_right_t right, void *subsystem, mach_port_qos_t *qosp,
    mach_port_name_t *namep);
kern_return_t task_set_port_space(ipc_space_t space, int table_entries);
kern_return_t mach_port_get_srights(ipc_space_t space, mach_port_name_t name,
    mach_port_rights_t *srightsp);
kern_return_t mach_port_dnrequest_info(ipc_space_t space,
    mach_port_name_t name, unsigned int *totalp, unsigned int *usedp);
kern_return_t mach_port_insert_member(ipc_space_t space,
    mach_port_name_t name, mach_port_name_t pset);
kern_return_t mach_port_extract_member(ipc_space_t space,
    mach_port_name_t name, mach_port_name_t pset);
kern_return_t mach_port_get_context(ipc_space_t space, mach_port_name_t name,
    mach_port_context_t *contextp);
kern_return_t mach_port_set_context(ipc_space_t space, mach_port_name_t name,
    mach_port_context_t context);

#endif /* KSIM_MACH_PORT_H */
