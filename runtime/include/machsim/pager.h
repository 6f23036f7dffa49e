/*
 * <machsim/pager.h> - what a memory manager needs beyond the generated
 * interfaces: the answers to memory_object_data_request, and the UPL
 * abort conditions.
 *
 * A manager receives the kernel's requests with memory_object_server
 * (<mach/memory_object.h> routines, which it defines; libmach's defaults
 * answer KERN_FAILURE for the ones it leaves out, so the request's rights
 * are released).  It supplies data through a universal page list of the
 * control port (vm_object_upl_request, vm_upl_map, vm_upl_commit or
 * vm_upl_abort, <mach/memory_object_control.h>).  The three calls below
 * are those sequences; their names are OSF Mach's, their arguments
 * machsim's (OSF's data_supply also took dealloc, precious and reply
 * arguments, which machsim has no use for).  See docs/pager.md.
 */
#ifndef _MACHSIM_PAGER_H_
#define _MACHSIM_PAGER_H_

#include <mach/_machsim_cdefs.h>
#include <mach/kern_return.h>
#include <mach/memory_object_types.h>
#include <mach/vm_prot.h>
#include <mach/vm_types.h>

__MACHSIM_BEGIN_DECLS

/* vm_upl_abort's abort_cond (Darwin's values). */
#define UPL_ABORT_RESTART	0x1	/* leave the pages absent: ask again */
#define UPL_ABORT_UNAVAILABLE	0x2	/* no data: the pages read as zeros */
#define UPL_ABORT_ERROR		0x4	/* the pages are in error */

/*
 * Supply size bytes of data for [offset, offset+size) of the object
 * (offset page-aligned; a partial last page is zero-filled): the pages
 * become resident, and threads waiting for them go on.  lock_value is
 * the access the manager forbids for now (VM_PROT_NONE: none; e.g.
 * VM_PROT_WRITE: a write asks memory_object_data_unlock first).
 * KERN_INVALID_ARGUMENT: offset not page-aligned, size 0, data NULL;
 * otherwise the errors of the UPL calls.
 */
extern kern_return_t memory_object_data_supply(
    memory_object_control_t control, memory_object_offset_t offset,
    const void *data, vm_size_t size, vm_prot_t lock_value);

/* No data for the range: its pages read as zeros. */
extern kern_return_t memory_object_data_unavailable(
    memory_object_control_t control, memory_object_offset_t offset,
    vm_size_t size);

/* The range cannot be supplied: an access to it is a memory exception
   (EXC_BAD_ACCESS), whatever error is (it is not passed on). */
extern kern_return_t memory_object_data_error(
    memory_object_control_t control, memory_object_offset_t offset,
    vm_size_t size, kern_return_t error);

__MACHSIM_END_DECLS

#endif /* _MACHSIM_PAGER_H_ */
