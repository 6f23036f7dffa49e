/*
 * <mach/vm_prot.h> - memory protection bits.
 */
#ifndef _MACH_VM_PROT_H_
#define _MACH_VM_PROT_H_

typedef int vm_prot_t;

#define VM_PROT_NONE	((vm_prot_t) 0x00)
#define VM_PROT_READ	((vm_prot_t) 0x01)
#define VM_PROT_WRITE	((vm_prot_t) 0x02)
#define VM_PROT_EXECUTE	((vm_prot_t) 0x04)

/* The protection of newly allocated memory, and every permission. */
#define VM_PROT_DEFAULT	(VM_PROT_READ | VM_PROT_WRITE)
#define VM_PROT_ALL	(VM_PROT_READ | VM_PROT_WRITE | VM_PROT_EXECUTE)

/* Refuse a request that would change the protection of a page. */
#define VM_PROT_NO_CHANGE_LEGACY	((vm_prot_t) 0x08)
#define VM_PROT_NO_CHANGE		((vm_prot_t) 0x01000000)

/* vm_protect: make a private copy before granting write access. */
#define VM_PROT_COPY		((vm_prot_t) 0x10)
#define VM_PROT_WANTS_COPY	((vm_prot_t) 0x10)

#define VM_PROT_TRUSTED		((vm_prot_t) 0x20)
#define VM_PROT_IS_MASK		((vm_prot_t) 0x40)
#define VM_PROT_STRIP_READ	((vm_prot_t) 0x80)
#define VM_PROT_EXECUTE_ONLY	(VM_PROT_EXECUTE | VM_PROT_STRIP_READ)

#endif /* _MACH_VM_PROT_H_ */
