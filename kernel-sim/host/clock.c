/*
 * clock.c - clocks (MACH-SEMANTICS 9.1): the clock service and control
 * ports and the clock routines.  The clock objects come with a later
 * issue; until then no port names a clock.
 */
#include <ksim/ipc.h>
#include <ksim/kern.h>
#include <ksim/mig_convert.h>

#include <kernel/clockServer.h>
#include <kernel/clock_privServer.h>
#include <kernel/host_privServer.h>
#include <kernel/mach_hostServer.h>

/* ---- KernelServer translations (<ksim/mig_convert.h>) ------------------------ */

clock_serv_t convert_port_to_clock(mach_port_t name)
{
	clock_serv_t clock;

	ksim_lock();
	clock = ipc_kobject_lookup(name, IKOT_CLOCK);
	if (clock == NULL)
		clock = ipc_kobject_lookup(name, IKOT_CLOCK_CTRL);
	ksim_unlock();
	return clock;
}

clock_ctrl_t convert_port_to_clock_ctrl(mach_port_t name)
{
	clock_ctrl_t clock;

	ksim_lock();
	clock = ipc_kobject_lookup(name, IKOT_CLOCK_CTRL);
	ksim_unlock();
	return clock;
}

/* No clock objects yet: nothing to name. */
mach_port_t convert_clock_to_port(clock_serv_t clock)
{
	(void)clock;
	return MACH_PORT_NULL;
}

mach_port_t convert_clock_ctrl_to_port(clock_ctrl_t clock)
{
	(void)clock;
	return MACH_PORT_NULL;
}

/* ---- mach_host.defs: later issues (KERN_NOT_SUPPORTED) ------------------ */

/*
 * host_get_clock_service (206): Return the service port of a clock
 * (system, calendar...).
 */
kern_return_t ksim_host_get_clock_service(host_t host, clock_id_t clock_id,
    clock_serv_t *clock_serv)
{
	(void)host;
	(void)clock_id;
	(void)clock_serv;
	return KERN_NOT_SUPPORTED;
}

/* ---- host_priv.defs: later issues (KERN_NOT_SUPPORTED) ------------------ */

/* host_get_clock_control (408): Return the control port of a clock. */
kern_return_t ksim_host_get_clock_control(host_priv_t host_priv,
    clock_id_t clock_id, clock_ctrl_t *clock_ctrl)
{
	(void)host_priv;
	(void)clock_id;
	(void)clock_ctrl;
	return KERN_NOT_SUPPORTED;
}

/* ---- clock.defs: later issues (KERN_NOT_SUPPORTED) ---------------------- */

/* clock_get_time (1000): Return the clock's current time. */
kern_return_t ksim_clock_get_time(clock_serv_t clock_serv,
    mach_timespec_t *cur_time)
{
	(void)clock_serv;
	(void)cur_time;
	return KERN_NOT_SUPPORTED;
}

/*
 * clock_get_attributes (1001): Read one attribute of the clock
 * (resolution, alarm limits...).
 */
kern_return_t ksim_clock_get_attributes(clock_serv_t clock_serv,
    clock_flavor_t flavor, clock_attr_t clock_attr,
    mach_msg_type_number_t *clock_attrCnt)
{
	(void)clock_serv;
	(void)flavor;
	(void)clock_attr;
	(void)clock_attrCnt;
	return KERN_NOT_SUPPORTED;
}

/*
 * clock_alarm (1002): Arm an alarm for an absolute or relative time; when
 * it rings the kernel sends clock_alarm_reply (clock_reply.defs) to
 * alarm_port. The caller names a receive right; a send-once right made
 * from it travels.
 */
kern_return_t ksim_clock_alarm(clock_serv_t clock_serv,
    alarm_type_t alarm_type, mach_timespec_t alarm_time,
    clock_reply_t alarm_port, mach_msg_type_name_t alarm_portPoly)
{
	(void)clock_serv;
	(void)alarm_type;
	(void)alarm_time;
	(void)alarm_port;
	(void)alarm_portPoly;
	return KERN_NOT_SUPPORTED;
}

/*
 * clock_map_time (1003): Return a memory object that maps the clock's time
 * read-only.
 */
kern_return_t ksim_clock_map_time(clock_serv_t clock_serv,
    memory_object_t *clock_memory)
{
	(void)clock_serv;
	(void)clock_memory;
	return KERN_NOT_SUPPORTED;
}

/* ---- clock_priv.defs: later issues (KERN_NOT_SUPPORTED) ----------------- */

/* clock_set_time (1200): Set the clock's time. */
kern_return_t ksim_clock_set_time(clock_ctrl_t clock_ctrl,
    mach_timespec_t new_time)
{
	(void)clock_ctrl;
	(void)new_time;
	return KERN_NOT_SUPPORTED;
}

/* clock_set_attributes (1201): Change one attribute of the clock. */
kern_return_t ksim_clock_set_attributes(clock_ctrl_t clock_ctrl,
    clock_flavor_t flavor, clock_attr_t clock_attr,
    mach_msg_type_number_t clock_attrCnt)
{
	(void)clock_ctrl;
	(void)flavor;
	(void)clock_attr;
	(void)clock_attrCnt;
	return KERN_NOT_SUPPORTED;
}
