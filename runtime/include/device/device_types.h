/*
 * <device/device_types.h> - the C types of XNU's device interface
 * (device.defs, subsystem iokit), as XNU declares them: a buffer pointer
 * always, and with IOKIT the fixed-size names, strings and inline
 * argument blocks of the I/O Kit calls and the object port.
 */
#ifndef _DEVICE_DEVICE_TYPES_H_
#define _DEVICE_DEVICE_TYPES_H_

#include <mach/std_types.h>
#include <mach/port.h>

typedef char		*io_buf_ptr_t;

#ifdef IOKIT
typedef char		io_name_t[128];
typedef char		io_string_t[512];
typedef char		io_struct_inband_t[4096];
typedef int		io_scalar_inband_t[16];
typedef natural_t	io_async_ref_t[8];

#ifndef __IOKIT_PORTS_DEFINED__
#define __IOKIT_PORTS_DEFINED__
typedef mach_port_t	io_object_t;
#endif
#endif /* IOKIT */

#endif /* _DEVICE_DEVICE_TYPES_H_ */
