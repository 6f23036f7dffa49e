/*
 * <mach/time_value.h> - seconds and microseconds, as task and thread
 * information report CPU times.
 */
#ifndef _MACH_TIME_VALUE_H_
#define _MACH_TIME_VALUE_H_

#include <mach/_machsim_cdefs.h>
#include <mach/machine/vm_types.h>

typedef struct time_value {
	integer_t	seconds;
	integer_t	microseconds;	/* 0 .. TIME_MICROS_MAX - 1 */
} time_value_t;

__MACHSIM_WIRE_SIZE(time_value_t, 8);

#define TIME_MICROS_MAX	(1000000)

/* Add usec microseconds to *val, carrying into seconds. */
#define time_value_add_usec(val, usec) do { \
	if (((val)->microseconds += (usec)) >= TIME_MICROS_MAX) { \
		(val)->microseconds -= TIME_MICROS_MAX; \
		(val)->seconds++; \
	} \
} while (0)

/* Subtract usec microseconds from *val, borrowing from seconds. */
#define time_value_sub_usec(val, usec) do { \
	if (((val)->microseconds -= (usec)) < 0) { \
		(val)->microseconds += TIME_MICROS_MAX; \
		(val)->seconds--; \
	} \
} while (0)

/* *result += *addend. */
#define time_value_add(result, addend) do { \
	(result)->microseconds += (addend)->microseconds; \
	(result)->seconds += (addend)->seconds; \
	if ((result)->microseconds >= TIME_MICROS_MAX) { \
		(result)->microseconds -= TIME_MICROS_MAX; \
		(result)->seconds++; \
	} \
} while (0)

/* *result -= *subtrahend. */
#define time_value_sub(result, subtrahend) do { \
	(result)->microseconds -= (subtrahend)->microseconds; \
	(result)->seconds -= (subtrahend)->seconds; \
	if ((result)->microseconds < 0) { \
		(result)->microseconds += TIME_MICROS_MAX; \
		(result)->seconds--; \
	} \
} while (0)

#endif /* _MACH_TIME_VALUE_H_ */
