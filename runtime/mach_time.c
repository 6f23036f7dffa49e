/*
 * mach_time.c - <mach/mach_time.h>: the absolute time is read locally,
 * without a trap, as Darwin's library reads its commpage.
 */
#include <time.h>

#include <mach/mach_time.h>

static uint64_t ns_of(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

kern_return_t mach_timebase_info(mach_timebase_info_t info)
{
	info->numer = 1;
	info->denom = 1;
	return KERN_SUCCESS;
}

uint64_t mach_absolute_time(void)
{
	return ns_of(CLOCK_MONOTONIC);
}

uint64_t mach_approximate_time(void)
{
	return ns_of(CLOCK_MONOTONIC_COARSE);
}

uint64_t mach_continuous_time(void)
{
	return ns_of(CLOCK_BOOTTIME);
}

uint64_t mach_continuous_approximate_time(void)
{
	return ns_of(CLOCK_BOOTTIME);
}
