/*
 * host_kernel.h - the kernel-view cases of the host suites
 * (test_host_kernel.c), added to their TCases.
 */
#ifndef TEST_HOST_KERNEL_H
#define TEST_HOST_KERNEL_H

#include <check.h>

void host_kernel_ledger_tests(TCase *tc);
void host_kernel_i386_tests(TCase *tc);

#endif
