/*
 * bench_util.h - what every benchmark program of make bench shares:
 * failing loudly, the clock, the median, and the two CPUs a figure pins
 * its sides to.
 */
#ifndef BENCH_UTIL_H
#define BENCH_UTIL_H

#include <mach/kern_return.h>

/* Print "<program>: what: <error> (0x...)" and exit 1. */
_Noreturn void bench_fail(const char *what, kern_return_t kr);

#define CHECK(what, expr) do { \
	kern_return_t kr_ = (expr); \
	if (kr_ != KERN_SUCCESS) \
		bench_fail(what, kr_); \
} while (0)

/* CLOCK_MONOTONIC, in nanoseconds. */
double now_ns(void);

/* qsort's order for doubles. */
int cmp_double(const void *a, const void *b);

/* The median of v[0..n) (v is sorted in place). */
double median(double *v, int n);

/* The first two CPUs this process may run on (-1: none). */
extern int cpu_first, cpu_second;
void cpus_find(void);

/* Pin the calling thread to cpu (nothing for -1); a failure exits 1. */
void pin_self(int cpu);

#endif /* BENCH_UTIL_H */
