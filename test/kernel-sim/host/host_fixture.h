/*
 * host_fixture.h - kernel-side helpers of the host suites (ledger,
 * host_security, i386, thread_wire), callable from the user view of the
 * Mach types: every argument and result is a port name in the caller's
 * space or a plain C type.
 */
#ifndef TEST_HOST_FIXTURE_H
#define TEST_HOST_FIXTURE_H

#include <stdbool.h>
#include <stdint.h>

#include <mach/kern_return.h>
#include <mach/port.h>

/* Fail the test unless the ledger tree keeps its invariants. */
void ktf_ledger_verify(void);

/* A send right to the root ledger, from machsim_host_ledger. */
mach_port_t ktf_root_ledger(void);

/*
 * A send right to a host security port.  The host hands its own out with
 * host_get_special_port (host.c); these suites make one for the host
 * object, which is all the host_security routines look at.
 */
mach_port_t ktf_security_port(void);

/* The work functions with a null security host or host_priv. */
kern_return_t ktf_set_token_no_security(mach_port_t task);
kern_return_t ktf_create_token_no_security(void);

/* thread_wire with the host-priv object (or a null one), and a null
   thread. */
kern_return_t ktf_thread_wire(mach_port_t thread, bool priv, bool wired);
kern_return_t ktf_thread_wire_null_thread(void);
/* An I/O device for ports [base, base + count), a send right in *name. */
kern_return_t ktf_io_device(unsigned base, unsigned count, mach_port_t *name);
/* Is capability cap (CAP_*) in the process's effective set? */
bool ktf_capable(int cap);
/* The task's ledger is the one ledger names (kernel pointers compared). */
bool ktf_task_charged_to(mach_port_t task, mach_port_t ledger);

#endif
