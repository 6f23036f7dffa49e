/*
 * bench_util.c - the helpers of bench_util.h.
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <mach/mach_error.h>

#include "bench_util.h"

int cpu_first = -1, cpu_second = -1;

void bench_fail(const char *what, kern_return_t kr)
{
	fprintf(stderr, "%s: %s: %s (0x%x)\n", program_invocation_short_name,
	    what, mach_error_string(kr), kr);
	exit(1);
}

double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

void cpus_find(void)
{
	cpu_set_t set;
	int i;

	if (sched_getaffinity(0, sizeof(set), &set) != 0)
		return;
	for (i = 0; i < CPU_SETSIZE; i++) {
		if (!CPU_ISSET(i, &set))
			continue;
		if (cpu_first < 0)
			cpu_first = i;
		else if (cpu_second < 0)
			cpu_second = i;
	}
}

void pin_self(int cpu)
{
	cpu_set_t set;

	if (cpu < 0)
		return;
	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	if (pthread_setaffinity_np(pthread_self(), sizeof(set), &set) != 0) {
		fprintf(stderr, "%s: cannot pin to CPU %d\n",
		    program_invocation_short_name, cpu);
		exit(1);
	}
}
