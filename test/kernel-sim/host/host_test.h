/*
 * host_test.h - what the host, clock and processor suites share.
 */
#ifndef TEST_HOST_TEST_H
#define TEST_HOST_TEST_H

#include <stdbool.h>

#include <mach/mach.h>

#define HOST_TEST_CAP_SYS_TIME	25	/* <linux/capability.h> */

/* Does the process have a capability (its effective set)? */
bool process_has_cap(int cap);
/* A send right to the host's name port. */
mach_port_t host_name_port(void);

#endif
