/*
 * e2e_util.c - see e2e_util.h: what a user task can learn through the
 * Darwin calls (the user view of <mach/mach_types.h>).  e2e_kview.c has
 * what only the kernel knows: map regions, object totals, invariants.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mach/mach.h>
#include <mach/mach_init.h>
#include <mach/task.h>
#include <mach/vm_map.h>

#include "e2e_util.h"

mach_port_t eu_task_create(void)
{
	mach_port_t t = MACH_PORT_NULL;

	if (task_create(mach_task_self(), NULL, 0, FALSE, &t) != KERN_SUCCESS)
		abort();
	return t;
}

void eu_task_destroy(mach_port_t task)
{
	if (task_terminate(task) != KERN_SUCCESS)
		abort();
	(void)mach_port_deallocate(mach_task_self(), task);
}

kern_return_t eu_allocate(mach_port_t task, mach_port_right_t right,
    mach_port_name_t *name)
{
	return mach_port_allocate(task, right, name);
}

kern_return_t eu_deallocate(mach_port_t task, mach_port_name_t name)
{
	return mach_port_deallocate(task, name);
}

kern_return_t eu_mod_refs(mach_port_t task, mach_port_name_t name,
    mach_port_right_t right, mach_port_delta_t delta)
{
	return mach_port_mod_refs(task, name, right, delta);
}

kern_return_t eu_insert_right(mach_port_t task, mach_port_name_t name,
    mach_port_t poly, mach_msg_type_name_t poly_type)
{
	return mach_port_insert_right(task, name, poly, poly_type);
}

kern_return_t eu_vm_deallocate(mach_port_t task, const void *addr,
    size_t size)
{
	return vm_deallocate(task, (vm_address_t)(uintptr_t)addr, size);
}

mach_port_type_t eu_type(mach_port_t task, mach_port_name_t name)
{
	mach_port_type_t type = 0;

	if (mach_port_type(task, name, &type) != KERN_SUCCESS)
		return 0;
	return type;
}

mach_port_urefs_t eu_refs(mach_port_t task, mach_port_name_t name,
    mach_port_right_t right)
{
	mach_port_urefs_t u = 0;

	if (mach_port_get_refs(task, name, right, &u) != KERN_SUCCESS)
		return 0;
	return u;
}

static int eu_entry_cmp(const void *a, const void *b)
{
	const struct eu_entry *x = a, *y = b;

	return x->name < y->name ? -1 : x->name > y->name;
}

void eu_snap_take(mach_port_t task, struct eu_snap *s)
{
	mach_port_name_array_t names = NULL;
	mach_port_type_array_t types = NULL;
	mach_msg_type_number_t n = 0, nt = 0, i;

	if (mach_port_names(task, &names, &n, &types, &nt) != KERN_SUCCESS ||
	    n != nt)
		abort();
	s->n = n;
	s->e = calloc(n ? n : 1, sizeof(*s->e));
	if (s->e == NULL)
		abort();
	for (i = 0; i < n; i++) {
		struct eu_entry *e = &s->e[i];

		e->name = names[i];
		e->type = types[i];
		(void)mach_port_get_refs(task, e->name, MACH_PORT_RIGHT_SEND,
		    &e->send);
		(void)mach_port_get_refs(task, e->name,
		    MACH_PORT_RIGHT_DEAD_NAME, &e->dead);
	}
	(void)vm_deallocate(mach_task_self(), (vm_address_t)names,
	    n * sizeof(*names));
	(void)vm_deallocate(mach_task_self(), (vm_address_t)types,
	    nt * sizeof(*types));
	qsort(s->e, s->n, sizeof(*s->e), eu_entry_cmp);
}

void eu_snap_free(struct eu_snap *s)
{
	free(s->e);
	s->e = NULL;
	s->n = 0;
}

static void eu_entry_str(const struct eu_entry *e, char *buf, size_t len)
{
	if (e == NULL)
		snprintf(buf, len, "nothing");
	else
		snprintf(buf, len, "0x%x type 0x%x send %u dead %u", e->name,
		    e->type, e->send, e->dead);
}

bool eu_snap_same(const struct eu_snap *a, const struct eu_snap *b,
    char *why, size_t len)
{
	size_t i = 0, j = 0;
	char x[96], y[96];

	while (i < a->n || j < b->n) {
		const struct eu_entry *ea = i < a->n ? &a->e[i] : NULL;
		const struct eu_entry *eb = j < b->n ? &b->e[j] : NULL;

		if (ea != NULL && eb != NULL && ea->name == eb->name) {
			if (memcmp(ea, eb, sizeof(*ea)) != 0)
				goto differ;
			i++;
			j++;
			continue;
		}
		if (ea != NULL && (eb == NULL || ea->name < eb->name))
			eb = NULL;
		else
			ea = NULL;
differ:
		eu_entry_str(ea, x, sizeof(x));
		eu_entry_str(eb, y, sizeof(y));
		snprintf(why, len, "space changed: before %s, after %s", x, y);
		return false;
	}
	return true;
}
