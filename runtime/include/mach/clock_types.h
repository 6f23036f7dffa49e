/*
 * <mach/clock_types.h> - clock services: clock ids, attributes, alarm
 * types and mach_timespec_t.
 */
#ifndef _MACH_CLOCK_TYPES_H_
#define _MACH_CLOCK_TYPES_H_

#include <stdint.h>

#include <mach/_machsim_cdefs.h>
#include <mach/time_value.h>

typedef int	alarm_type_t;	/* alarm time type */
typedef int	sleep_type_t;	/* sleep time type */
typedef int	clock_id_t;	/* clock identification type */
typedef int	clock_flavor_t;	/* clock attribute flavor */
typedef int	*clock_attr_t;	/* clock attribute */
typedef int	clock_res_t;	/* clock resolution, nanoseconds */

/* A time as clocks give it: seconds and nanoseconds. */
struct mach_timespec {
	unsigned int	tv_sec;
	clock_res_t	tv_nsec;
};
typedef struct mach_timespec mach_timespec_t;

__MACHSIM_WIRE_SIZE(mach_timespec_t, 8);

/* Clocks known to host_get_clock_service / host_get_clock_control. */
#define SYSTEM_CLOCK		0
#define CALENDAR_CLOCK		1
#define REALTIME_CLOCK		0	/* obsolete name of SYSTEM_CLOCK */

/* clock_get_attributes flavors. */
#define CLOCK_GET_TIME_RES	1	/* resolution of clock_get_time */
#define CLOCK_ALARM_CURRES	3	/* current alarm resolution */
#define CLOCK_ALARM_MINRES	4	/* finest alarm resolution */
#define CLOCK_ALARM_MAXRES	5	/* coarsest alarm resolution */

#define NSEC_PER_USEC	1000ull
#define USEC_PER_SEC	1000000ull
#define NSEC_PER_SEC	1000000000ull
#define NSEC_PER_MSEC	1000000ull

#define BAD_MACH_TIMESPEC(t) \
	((t)->tv_nsec < 0 || (t)->tv_nsec >= (long)NSEC_PER_SEC)

/* <0, 0, >0 as *t1 is before, equal to, after *t2. */
#define CMP_MACH_TIMESPEC(t1, t2) \
	((t1)->tv_sec > (t2)->tv_sec ? (long)+NSEC_PER_SEC : \
	((t1)->tv_sec < (t2)->tv_sec ? (long)-NSEC_PER_SEC : \
	    (t1)->tv_nsec - (t2)->tv_nsec))

/* *t1 += *t2 and *t1 -= *t2, normalising the nanoseconds. */
#define ADD_MACH_TIMESPEC(t1, t2) do { \
	if (((t1)->tv_nsec += (t2)->tv_nsec) >= (long)NSEC_PER_SEC) { \
		(t1)->tv_nsec -= (long)NSEC_PER_SEC; \
		(t1)->tv_sec += 1; \
	} \
	(t1)->tv_sec += (t2)->tv_sec; \
} while (0)

#define SUB_MACH_TIMESPEC(t1, t2) do { \
	if (((t1)->tv_nsec -= (t2)->tv_nsec) < 0) { \
		(t1)->tv_nsec += (long)NSEC_PER_SEC; \
		(t1)->tv_sec -= 1; \
	} \
	(t1)->tv_sec -= (t2)->tv_sec; \
} while (0)

/* Alarm and sleep time types. */
#define ALRMTYPE	0xff	/* type mask */
#define TIME_ABSOLUTE	0x00	/* absolute time */
#define TIME_RELATIVE	0x01	/* relative time */

#define BAD_ALRMTYPE(t)	(((t) & ~TIME_RELATIVE) != 0)

#endif /* _MACH_CLOCK_TYPES_H_ */
