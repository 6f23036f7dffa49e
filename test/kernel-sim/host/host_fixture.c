/*
 * host_fixture.c - see host_fixture.h.  Kernel view of the Mach types.
 */
#define MACHSIM_KERNEL 1	/* the kernel view of the Mach types */
#include <assert.h>

#include <check.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ksim/i386.h>
#include <ksim/ipc.h>
#include <ksim/kern.h>
#include <ksim/ledger.h>

#include <kernel/host_privServer.h>
#include <kernel/host_securityServer.h>

#include "host_fixture.h"

/* A send right to a kernel object's port, copied out into our space. */
static mach_port_t give_send(ipc_port_t port)
{
	mach_port_name_t n = MACH_PORT_NULL;

	KSIM_ASSERT_LOCKED();
	ck_assert_int_eq(ipc_right_copyout(current_space(),
	    ipc_port_make_send(port), MACH_MSG_TYPE_PORT_SEND, &n),
	    KERN_SUCCESS);
	return n;
}

void ktf_ledger_verify(void)
{
	char why[256] = "";
	bool ok;

	(void)current_task();
	ksim_lock();
	ok = ledger_verify(why, sizeof(why));
	ksim_unlock();
	ck_assert_msg(ok, "%s", why);
}

mach_port_t ktf_security_port(void)
{
	mach_port_t n;

	(void)current_task();
	ksim_lock();
	n = give_send(host_security_port);
	ksim_unlock();
	return n;
}

static task_t task_of(mach_port_t name)
{
	task_t task;
	kern_return_t kr;

	ksim_lock();
	task = ipc_kobject_from_name(current_space(), name, IKOT_TASK, &kr);
	ksim_unlock();
	return task;
}

kern_return_t ktf_set_token_no_security(mach_port_t task)
{
	security_token_t tok = { { 7, 7 } };

	return ksim_host_security_set_task_token(HOST_NULL, task_of(task),
	    tok, &realhost);
}

kern_return_t ktf_create_token_no_security(void)
{
	security_token_t tok = { { 7, 7 } };
	task_t child = TASK_NULL;

	return ksim_host_security_create_task_token(HOST_NULL,
	    current_task(), tok, &realhost, NULL, 0, FALSE, &child);
}

kern_return_t ktf_thread_wire(mach_port_t thread, bool priv, bool wired)
{
	thread_t th;
	kern_return_t kr;

	ksim_lock();
	th = ipc_kobject_from_name(current_space(), thread, IKOT_THREAD, &kr);
	ksim_unlock();
	ck_assert_ptr_nonnull(th);
	return ksim_thread_wire(priv ? &realhost : HOST_NULL, th, wired);
}

kern_return_t ktf_thread_wire_null_thread(void)
{
	return ksim_thread_wire(&realhost, THREAD_NULL, TRUE);
}

bool ktf_task_charged_to(mach_port_t task, mach_port_t ledger)
{
	ledger_t l;
	task_t t;
	kern_return_t kr;
	bool same;

	ksim_lock();
	t = ipc_kobject_from_name(current_space(), task, IKOT_TASK, &kr);
	l = ipc_kobject_from_name(current_space(), ledger, IKOT_LEDGER, &kr);
	same = t != TASK_NULL && l != NULL && t->ledger == l;
	ksim_unlock();
	return same;
}

kern_return_t ktf_io_device(unsigned base, unsigned count, mach_port_t *name)
{
	(void)current_task();
	return i386_io_device_create(current_space(), base, count, name);
}

bool ktf_capable(int cap)
{
	char line[256];
	unsigned long long eff = 0;
	FILE *f = fopen("/proc/self/status", "r");

	ck_assert_ptr_nonnull(f);
	while (fgets(line, sizeof(line), f) != NULL)
		if (strncmp(line, "CapEff:", 7) == 0)
			eff = strtoull(line + 7, NULL, 16);
	fclose(f);
	return (eff >> cap) & 1;
}
