/*
 * <mach/mach_time.h> - the absolute time: nanoseconds of the system
 * clock (the host's CLOCK_MONOTONIC), so the timebase is 1/1.
 */
#ifndef _MACH_MACH_TIME_H_
#define _MACH_MACH_TIME_H_

#include <stdint.h>

#include <mach/_machsim_cdefs.h>
#include <mach/kern_return.h>

struct mach_timebase_info {
	uint32_t	numer;
	uint32_t	denom;
};
typedef struct mach_timebase_info	*mach_timebase_info_t;
typedef struct mach_timebase_info	mach_timebase_info_data_t;

__MACHSIM_BEGIN_DECLS

/* Ticks of mach_absolute_time, as numer/denom nanoseconds (1/1). */
extern kern_return_t mach_timebase_info(mach_timebase_info_t info);

/* Sleep until mach_absolute_time() reaches deadline; thread_abort ends
   the sleep early with KERN_ABORTED. */
extern kern_return_t mach_wait_until(uint64_t deadline);

/* Time since boot, not counting time asleep (CLOCK_MONOTONIC). */
extern uint64_t mach_absolute_time(void);
/* The same, at the host's cheaper, coarser resolution. */
extern uint64_t mach_approximate_time(void);
/* Time since boot, counting time asleep (CLOCK_BOOTTIME). */
extern uint64_t mach_continuous_time(void);
extern uint64_t mach_continuous_approximate_time(void);

__MACHSIM_END_DECLS

#endif /* _MACH_MACH_TIME_H_ */
