/*
 * <mach/vm_types.h> - machine-independent VM types.
 */
#ifndef _MACH_VM_TYPES_H_
#define _MACH_VM_TYPES_H_

#include <stdint.h>

#include <mach/port.h>
#include <mach/machine/vm_types.h>

typedef vm_offset_t	pointer_t;	/* MIG's out-of-line data address */
typedef vm_offset_t	vm_address_t;

typedef uint64_t	addr64_t;	/* a 64-bit physical address */
typedef uint32_t	reg64_t;
typedef uint32_t	ppnum_t;	/* a physical page number */

/*
 * A task's address space, named by its task port in user space; inside
 * the kernel (MACHSIM_KERNEL) the map itself, from <ksim/types.h>.
 */
#ifdef MACHSIM_KERNEL
#include <ksim/types.h>
#else
typedef mach_port_t	vm_map_t;
typedef mach_port_t	vm_map_read_t;
typedef mach_port_t	vm_map_inspect_t;
typedef mach_port_t	upl_t;
#endif

#define VM_MAP_NULL		((vm_map_t) 0)
#define VM_MAP_INSPECT_NULL	((vm_map_inspect_t) 0)
#define VM_MAP_READ_NULL	((vm_map_read_t) 0)

typedef uint64_t	vm_object_offset_t;
typedef uint64_t	vm_object_size_t;

typedef mach_port_t	vm_named_entry_t;

#define UPL_NULL		((upl_t) 0)
#define VM_NAMED_ENTRY_NULL	((vm_named_entry_t) 0)

#endif /* _MACH_VM_TYPES_H_ */
