/*
 * e2e_util.h - what the end-to-end, concurrency and kmsg-fuzz tests need
 * to look at a task from outside: its rights and user references, a
 * snapshot of its whole space to compare before and after, its mapped
 * regions, and the kernel's invariant walkers.
 *
 * Every call names a task by a send right in the caller's space (as the
 * Darwin calls do), so the same helper inspects the caller's own space
 * (mach_task_self()) or another task's.  None of them uses Check, so the
 * libFuzzer build links them too.
 */
#ifndef TEST_E2E_UTIL_H
#define TEST_E2E_UTIL_H

#include <stdbool.h>
#include <stddef.h>

#include <mach/kern_return.h>
#include <mach/message.h>
#include <mach/port.h>

/* A new task (machsim_task_create); aborts on failure. */
mach_port_t eu_task_create(void);
/* task_terminate it and drop the caller's send right. */
void eu_task_destroy(mach_port_t task);

/* mach_port_* on task's space. */
kern_return_t eu_allocate(mach_port_t task, mach_port_right_t right,
    mach_port_name_t *name);
kern_return_t eu_deallocate(mach_port_t task, mach_port_name_t name);
kern_return_t eu_mod_refs(mach_port_t task, mach_port_name_t name,
    mach_port_right_t right, mach_port_delta_t delta);
kern_return_t eu_insert_right(mach_port_t task, mach_port_name_t name,
    mach_port_t poly, mach_msg_type_name_t poly_type);
kern_return_t eu_vm_deallocate(mach_port_t task, const void *addr,
    size_t size);

/* User references of one right (0: the name does not hold it, or no
   such name); the port type bits (0: no such name). */
mach_port_urefs_t eu_refs(mach_port_t task, mach_port_name_t name,
    mach_port_right_t right);
mach_port_type_t eu_type(mach_port_t task, mach_port_name_t name);

/* Every name of a space with its type and its send and dead-name urefs,
   sorted by name. */
struct eu_entry {
	mach_port_name_t	name;
	mach_port_type_t	type;
	mach_port_urefs_t	send;
	mach_port_urefs_t	dead;
};
struct eu_snap {
	size_t			n;
	struct eu_entry		*e;
};
void eu_snap_take(mach_port_t task, struct eu_snap *s);
void eu_snap_free(struct eu_snap *s);
/* true when a and b hold the same entries; else the first difference. */
bool eu_snap_same(const struct eu_snap *a, const struct eu_snap *b,
    char *why, size_t len);

/* Regions the task's map owns (out-of-line memory it holds). */
size_t eu_regions(mach_port_t task);

/* Kernel object totals, for leak checks around a test. */
struct eu_counts {
	size_t	ports;
	size_t	psets;
	size_t	kmsgs;
	size_t	spaces;
};
void eu_counts(struct eu_counts *c);

/*
 * The kernel's invariant walkers: ipc_space_verify of task's space (or
 * only ipc_verify_all when task is MACH_PORT_NULL), and ipc_verify_all.
 * quiescent: no thread is between admission and enqueue.
 */
bool eu_verify(mach_port_t task, bool quiescent, char *why, size_t len);

#endif /* TEST_E2E_UTIL_H */
