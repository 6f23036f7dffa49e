/*
 * <mach/machine/kern_return.h> - the machine's kern_return_t: a 32-bit int
 * on every Darwin target, and so on the wire (MIG type `int').
 */
#ifndef _MACH_MACHINE_KERN_RETURN_H_
#define _MACH_MACHINE_KERN_RETURN_H_

typedef int kern_return_t;

#endif /* _MACH_MACHINE_KERN_RETURN_H_ */
