/*
 * <mach/i386/mach_i386_types.h> - the C types of mach_i386.defs: device
 * lists for the I/O-port calls and segment descriptors for the LDT calls.
 */
#ifndef _MACH_I386_MACH_I386_TYPES_H_
#define _MACH_I386_MACH_I386_TYPES_H_

#include <mach/_machsim_cdefs.h>
#include <mach/port.h>

/* A device, as the port device_open returned (user view). */
typedef mach_port_t	device_t;

#define DEVICE_NULL	((device_t) 0)

typedef device_t	*device_list_t;

/* One i386 segment descriptor: the two 32-bit words of the LDT entry. */
struct descriptor {
	unsigned int	low_word;
	unsigned int	high_word;
};

typedef struct descriptor	descriptor_t;
typedef struct descriptor	*descriptor_list_t;

__MACHSIM_WIRE_SIZE(descriptor_t, 8);

#endif /* _MACH_I386_MACH_I386_TYPES_H_ */
