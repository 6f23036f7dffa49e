/*
 * ksim_check.h - the invariant check, for suites that use the user view
 * of the Mach types (<mach/mach.h>) and so cannot include kernel headers.
 */
#ifndef TEST_KSIM_CHECK_H
#define TEST_KSIM_CHECK_H

#include <check.h>

/* ipc_verify_all and ipc_space_verify of the caller's space; fails the test. */
void kt_verify(void);
/* A TCase with kt_verify as its checked teardown. */
TCase *kt_tcase(const char *name);

#endif
