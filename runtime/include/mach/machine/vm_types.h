/*
 * <mach/machine/vm_types.h> - machine-sized Mach integer and VM types,
 * x86-64 LP64 (machsim's only target).
 *
 * natural_t and integer_t stay 32 bits on LP64 (Darwin kept them tied to
 * int); the vm_* types follow the pointer width; the mach_vm_* types are
 * 64 bits everywhere.
 */
#ifndef _MACH_MACHINE_VM_TYPES_H_
#define _MACH_MACHINE_VM_TYPES_H_

#include <stdint.h>

#include <mach/_machsim_cdefs.h>

typedef unsigned int	natural_t;
typedef int		integer_t;

typedef uintptr_t	vm_offset_t;	/* a location in some address space */
typedef uintptr_t	vm_size_t;	/* a difference of two vm_offset_t */

typedef uint64_t	mach_vm_address_t;
typedef uint64_t	mach_vm_offset_t;
typedef uint64_t	mach_vm_size_t;

typedef uint64_t	vm_map_offset_t;
typedef uint64_t	vm_map_address_t;
typedef uint64_t	vm_map_size_t;

typedef mach_vm_address_t	mach_port_context_t;

/* For code that builds messages by hand. */
#define MACH_MSG_TYPE_INTEGER_T	MACH_MSG_TYPE_INTEGER_32

__MACHSIM_STATIC_ASSERT(sizeof(natural_t) == 4 && sizeof(integer_t) == 4,
    "natural_t and integer_t are 32 bits");
__MACHSIM_STATIC_ASSERT(sizeof(vm_offset_t) == 8 && sizeof(vm_size_t) == 8,
    "vm_offset_t and vm_size_t are 64 bits on LP64");

#endif /* _MACH_MACHINE_VM_TYPES_H_ */
