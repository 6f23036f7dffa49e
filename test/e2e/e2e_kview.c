/*
 * e2e_kview.c - the parts of e2e_util.h that look inside the kernel (the
 * kernel view of the Mach types): a task's map, the object totals and
 * the invariant walkers.
 */
#define MACHSIM_KERNEL 1

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ksim/ipc.h>
#include <ksim/kern.h>
#include <ksim/verify.h>
#include <ksim/vm.h>

#include "e2e_util.h"

/* The task behind a send right of the caller, referenced; aborts if none. */
static task_t kv_task_ref(mach_port_name_t name)
{
	kern_return_t kr;
	task_t t;

	ksim_lock();
	t = ipc_kobject_from_name(current_space(), name, IKOT_TASK, &kr);
	if (t != TASK_NULL)
		task_reference(t);
	ksim_unlock();
	return t;
}

static void kv_task_unref(task_t t)
{
	ksim_lock();
	task_deallocate(t);
	ksim_unlock();
}

size_t eu_regions(mach_port_t task)
{
	task_t t = kv_task_ref(task);
	size_t n;

	ksim_lock();
	n = t->map != NULL ? vm_map_region_count(t->map) : 0;
	ksim_unlock();
	kv_task_unref(t);
	return n;
}

void eu_counts(struct eu_counts *c)
{
	struct ipc_counts k;

	ipc_counts_get(&k);
	c->ports = k.ports;
	c->psets = k.psets;
	c->kmsgs = k.kmsgs;
	c->spaces = k.spaces;
}

bool eu_verify(mach_port_t task, bool quiescent, char *why, size_t len)
{
	bool ok = true;

	if (task != MACH_PORT_NULL) {
		task_t t = kv_task_ref(task);

		if (t == TASK_NULL) {
			snprintf(why, len, "0x%x names no task", task);
			return false;
		}
		ok = t->itk_space == IPC_SPACE_NULL ||
		    ipc_space_verify(t->itk_space, why, len);
		kv_task_unref(t);
	}
	return ok && ipc_verify_all(quiescent, why, len);
}
