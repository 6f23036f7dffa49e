/*
 * <mach/mach.h> - the umbrella header of the Mach user interface.
 *
 * For now it gathers the type and message headers and declares the
 * server loops; the generated interface headers (mach_port.h, task.h,
 * ...) and <mach/mach_init.h> join it as they are added.
 */
#ifndef _MACH_MACH_H_
#define _MACH_MACH_H_

#include <mach/_machsim_cdefs.h>
#include <mach/boolean.h>
#include <mach/kern_return.h>
#include <mach/mach_types.h>
#include <mach/message.h>
#include <mach/mig_errors.h>
#include <mach/port.h>
#include <mach/std_types.h>

__MACHSIM_BEGIN_DECLS

/*
 * Receive requests on rcv_name, hand each to demux, send the reply it
 * builds (MIG-LANGUAGE.md 4.8 for the rules).  max_size bounds requests
 * and replies; options are extra receive options (trailer requests).
 * mach_msg_server_once serves one request; mach_msg_server loops until
 * an error.
 */
extern mach_msg_return_t mach_msg_server_once(
    boolean_t (*demux)(mach_msg_header_t *request, mach_msg_header_t *reply),
    mach_msg_size_t max_size, mach_port_t rcv_name,
    mach_msg_options_t options);

extern mach_msg_return_t mach_msg_server(
    boolean_t (*demux)(mach_msg_header_t *request, mach_msg_header_t *reply),
    mach_msg_size_t max_size, mach_port_t rcv_name,
    mach_msg_options_t options);

__MACHSIM_END_DECLS

#endif /* _MACH_MACH_H_ */
