/*
 * <mach/prof_types.h> - a buffer of profiling samples (program counter
 * values) as the profiling interfaces pass it: SAMPLE_MAX 32-bit words.
 */
#ifndef _MACH_PROF_TYPES_H
#define _MACH_PROF_TYPES_H

#include <mach/_machsim_cdefs.h>

#define SAMPLE_MAX	256		/* words in one sample array */

typedef unsigned	sample_array_t[SAMPLE_MAX];

__MACHSIM_WIRE_SIZE(sample_array_t, 1024);

#endif /* _MACH_PROF_TYPES_H */
