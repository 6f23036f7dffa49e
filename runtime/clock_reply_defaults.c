/*
 * clock_reply_defaults.c - what clock_reply_server does with an alarm
 * reply for a program that did not write clock_alarm_reply: nothing,
 * with KERN_FAILURE, so that the message's resources are released.  A
 * program that defines clock_alarm_reply replaces this one.
 */
#include <mach/mach.h>

#include <server/clock_replyServer.h>

__attribute__((weak)) kern_return_t clock_alarm_reply(mach_port_t alarm_port,
    kern_return_t alarm_code, alarm_type_t alarm_type,
    mach_timespec_t alarm_time)
{
	(void)alarm_port;
	(void)alarm_code;
	(void)alarm_type;
	(void)alarm_time;
	return KERN_FAILURE;
}
