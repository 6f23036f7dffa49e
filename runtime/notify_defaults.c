/*
 * notify_defaults.c - what notify_server does for a notification its
 * user did not implement.
 *
 * libmach carries notify_server, the demuxer mig generates from
 * notify.defs (generated/server/notifyServer.c).  It calls the work
 * functions do_mach_notify_*, which a program that serves notifications
 * defines.  These weak definitions stand in for the ones it leaves out:
 * each answers KERN_FAILURE, so mach_msg_server destroys the notification
 * (and any right it carries, such as the receive right of a
 * port-destroyed notification) as MIG-LANGUAGE 4.8 describes.  A program
 * that defines one of them replaces the default.
 */
#include <mach/kern_return.h>
#include <mach/message.h>
#include <mach/notify.h>
#include <mach/port.h>

#include <server/notifyServer.h>

#define NOTIFY_DEFAULT __attribute__((weak))

NOTIFY_DEFAULT kern_return_t
do_mach_notify_port_deleted(mach_port_t notify, mach_port_name_t name)
{
	(void)notify;
	(void)name;
	return KERN_FAILURE;
}

NOTIFY_DEFAULT kern_return_t
do_mach_notify_port_destroyed(mach_port_t notify, mach_port_t rights)
{
	(void)notify;
	(void)rights;
	return KERN_FAILURE;
}

NOTIFY_DEFAULT kern_return_t
do_mach_notify_no_senders(mach_port_t notify, mach_port_mscount_t mscount)
{
	(void)notify;
	(void)mscount;
	return KERN_FAILURE;
}

NOTIFY_DEFAULT kern_return_t
do_mach_notify_send_once(mach_port_t notify)
{
	(void)notify;
	return KERN_FAILURE;
}

NOTIFY_DEFAULT kern_return_t
do_mach_notify_dead_name(mach_port_t notify, mach_port_name_t name)
{
	(void)notify;
	(void)name;
	return KERN_FAILURE;
}
