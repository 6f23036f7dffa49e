/*
 * <mach/thread_switch.h> - the options of thread_switch
 * (<mach/mach_traps.h>; MACH-SEMANTICS 7.3).
 */
#ifndef _MACH_THREAD_SWITCH_H_
#define _MACH_THREAD_SWITCH_H_

#include <mach/kern_return.h>
#include <mach/message.h>
#include <mach/port.h>

#define SWITCH_OPTION_NONE		0	/* yield */
#define SWITCH_OPTION_DEPRESS		1	/* yield at the lowest priority */
#define SWITCH_OPTION_WAIT		2	/* block for the time given */
#define SWITCH_OPTION_DISPATCH_CONTENTION 3	/* Darwin's; not accepted */
#define SWITCH_OPTION_OSLOCK_DEPRESS	4	/* Darwin's; not accepted */
#define SWITCH_OPTION_OSLOCK_WAIT	5	/* Darwin's; not accepted */

#define valid_switch_option(opt) \
	(SWITCH_OPTION_NONE <= (opt) && (opt) <= SWITCH_OPTION_WAIT)

#endif /* _MACH_THREAD_SWITCH_H_ */
