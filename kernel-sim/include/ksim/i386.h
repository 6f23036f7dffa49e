/*
 * <ksim/i386.h> - the i386 support's kernel side (kern/i386.c): the I/O
 * devices the I/O-port calls give threads.
 */
#ifndef KSIM_I386_H
#define KSIM_I386_H

#include <ksim/types.h>

/*
 * Make a device for the I/O ports [base, base + count) and copy a send
 * right to it out into space (*name).  machsim has no device server;
 * this is what one would call for device_open.  Kernel unlocked.
 * KERN_INVALID_ARGUMENT: empty, or past port 0xffff.
 */
kern_return_t i386_io_device_create(ipc_space_t space, unsigned base,
    unsigned count, mach_port_name_t *name);

#endif /* KSIM_I386_H */
