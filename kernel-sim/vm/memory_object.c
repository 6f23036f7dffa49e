/*
 * memory_object.c - the control port a memory manager is given
 * (memory_object_control.defs): attributes, lock requests, the answer to
 * memory_object_synchronize, destroy, and universal page lists (UPLs),
 * through which a manager supplies the data a memory_object_data_request
 * asked for:
 *
 *   data_request --> vm_object_upl_request(control, offset, size) -> upl
 *                    vm_upl_map(task, upl, &addr); write the data;
 *                    vm_upl_unmap(task, upl);
 *                    vm_upl_commit(upl, ...)        : the pages are there
 *                    vm_upl_abort(upl, UNAVAILABLE) : zero-filled
 *                    vm_upl_abort(upl, ERROR)       : a memory error
 *
 * The libmach helpers memory_object_data_supply, _unavailable and _error
 * (runtime/memory_object_supply.c) are these sequences.  A UPL ends with
 * its commit or abort: its port dies then.  Both kinds of object behind
 * an IKOT_MEM_OBJ_CONTROL port start with a kind word (MO_KIND_*).
 */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <ksim/ipc.h>
#include <ksim/kern.h>
#include <ksim/mig_convert.h>
#include <ksim/pager.h>

#include <kernel/memory_object_controlServer.h>

#include "vm_internal.h"

/* ---- KernelServer translations (<ksim/mig_convert.h>) ------------------------ */

vm_object_t vm_object_lookup(mach_port_t name)
{
	vm_object_t object;

	ksim_lock();
	object = ipc_kobject_lookup(name, IKOT_MEM_OBJ_CONTROL);
	ksim_unlock();
	return object;
}

/* The UPL requests name the object by its control port too. */
vm_object_t convert_port_entry_to_object(mach_port_t name)
{
	return vm_object_lookup(name);
}

upl_t convert_port_to_upl(mach_port_t name)
{
	struct upl *upl;

	ksim_lock();
	upl = ipc_kobject_lookup(name, IKOT_MEM_OBJ_CONTROL);
	ksim_unlock();
	return upl != NULL && upl->kind == MO_KIND_UPL ? upl : NULL;
}

/* A UPL's lifetime is its commit or abort; lookups take no reference. */
void upl_deallocate(upl_t upl)
{
	(void)upl;
}

mach_port_t convert_upl_to_port(upl_t upl)
{
	return upl != NULL ? ipc_kobject_reply_send(upl->port) :
	    MACH_PORT_NULL;
}

/* ---- memory_object_control.defs ----------------------------------------- */

/* The attribute flavors and their sizes in ints. */
static mach_msg_type_number_t attr_count(memory_object_flavor_t flavor)
{
	switch (flavor) {
	case OLD_MEMORY_OBJECT_BEHAVIOR_INFO:
		return OLD_MEMORY_OBJECT_BEHAVE_INFO_COUNT;
	case MEMORY_OBJECT_PERFORMANCE_INFO:
		return MEMORY_OBJECT_PERF_INFO_COUNT;
	case OLD_MEMORY_OBJECT_ATTRIBUTE_INFO:
		return OLD_MEMORY_OBJECT_ATTR_INFO_COUNT;
	case MEMORY_OBJECT_ATTRIBUTE_INFO:
		return MEMORY_OBJECT_ATTR_INFO_COUNT;
	case MEMORY_OBJECT_BEHAVIOR_INFO:
		return MEMORY_OBJECT_BEHAVE_INFO_COUNT;
	default:
		return 0;
	}
}

/*
 * memory_object_get_attributes (2000): Read one flavor of the object's
 * attributes.  Returns KERN_INVALID_ARGUMENT (not a control port, an
 * unknown flavor, a count below the flavor's size).
 */
kern_return_t ksim_memory_object_get_attributes(vm_object_t memory_control,
    memory_object_flavor_t flavor, memory_object_info_t attributes,
    mach_msg_type_number_t *attributesCnt)
{
	struct vm_pager *p = vm_pager_of_control(memory_control);
	mach_msg_type_number_t n = attr_count(flavor);
	int a[5] = { 0 };

	if (p == NULL || n == 0 || *attributesCnt < n)
		return KERN_INVALID_ARGUMENT;
	switch (flavor) {
	case OLD_MEMORY_OBJECT_BEHAVIOR_INFO:
		a[0] = p->copy_strategy; a[1] = p->temporary;
		a[2] = p->invalidate;
		break;
	case MEMORY_OBJECT_PERFORMANCE_INFO:
		a[0] = (int)p->cluster_size; a[1] = p->may_cache;
		break;
	case OLD_MEMORY_OBJECT_ATTRIBUTE_INFO:
		a[0] = TRUE; a[1] = p->may_cache; a[2] = p->copy_strategy;
		break;
	case MEMORY_OBJECT_ATTRIBUTE_INFO:
		a[0] = p->copy_strategy; a[1] = (int)p->cluster_size;
		a[2] = p->may_cache; a[3] = p->temporary;
		break;
	default:
		a[0] = p->copy_strategy; a[1] = p->temporary;
		a[2] = p->invalidate; a[3] = p->silent_overwrite;
		a[4] = p->advisory_pageout;
		break;
	}
	memcpy(attributes, a, n * sizeof(int));
	*attributesCnt = n;
	return KERN_SUCCESS;
}

/* A valid copy strategy and cluster size, as change_attributes takes. */
static bool attr_valid(int strategy, int cluster)
{
	return strategy >= MEMORY_OBJECT_COPY_NONE &&
	    strategy < MEMORY_OBJECT_COPY_INVALID && cluster > 0 &&
	    (size_t)cluster % vm_page_size_get() == 0;
}

/*
 * memory_object_change_attributes (2001): Change one flavor of the
 * object's attributes; then memory_object_change_completed goes to
 * reply_to, if given.  Errors (a simpleroutine: nothing is sent back):
 * KERN_INVALID_ARGUMENT for a port that is no control port, an unknown
 * flavor, a short count, a copy strategy outside NONE..SYMMETRIC or a
 * cluster size that is not a multiple of the page size.
 */
kern_return_t ksim_memory_object_change_attributes(vm_object_t memory_control,
    memory_object_flavor_t flavor, memory_object_info_t attributes,
    mach_msg_type_number_t attributesCnt, mach_port_t reply_to,
    mach_msg_type_name_t reply_toPoly)
{
	struct vm_pager *p = vm_pager_of_control(memory_control);
	mach_msg_type_number_t n = attr_count(flavor);
	int *a = attributes;
	ipc_port_t reply = IP_NULL;
	int cluster = (int)vm_page_size_get(), strategy;

	if (p == NULL || n == 0 || attributesCnt < n)
		return KERN_INVALID_ARGUMENT;
	strategy = flavor == MEMORY_OBJECT_PERFORMANCE_INFO ?
	    p->copy_strategy : flavor == OLD_MEMORY_OBJECT_ATTRIBUTE_INFO ?
	    a[2] : a[0];
	if (flavor == MEMORY_OBJECT_PERFORMANCE_INFO)
		cluster = a[0];
	else if (flavor == MEMORY_OBJECT_ATTRIBUTE_INFO)
		cluster = a[1];
	if (!attr_valid(strategy, cluster))
		return KERN_INVALID_ARGUMENT;
	if (ipc_kobject_take_right(reply_to, reply_toPoly, &reply) !=
	    KERN_SUCCESS)
		reply = IP_NULL;
	p->copy_strategy = strategy;
	switch (flavor) {
	case OLD_MEMORY_OBJECT_BEHAVIOR_INFO:
		p->temporary = a[1] != 0; p->invalidate = a[2] != 0;
		break;
	case MEMORY_OBJECT_PERFORMANCE_INFO:
		p->cluster_size = (memory_object_cluster_size_t)a[0];
		p->may_cache = a[1] != 0;
		break;
	case OLD_MEMORY_OBJECT_ATTRIBUTE_INFO:
		p->may_cache = a[1] != 0;
		break;
	case MEMORY_OBJECT_ATTRIBUTE_INFO:
		p->cluster_size = (memory_object_cluster_size_t)a[1];
		p->may_cache = a[2] != 0; p->temporary = a[3] != 0;
		break;
	default:
		p->temporary = a[1] != 0; p->invalidate = a[2] != 0;
		p->silent_overwrite = a[3] != 0;
		p->advisory_pageout = a[4] != 0;
		break;
	}
	if (reply != IP_DEAD)
		vm_pager_reply_completed(p, reply, reply_toPoly, 2208, 0, 0,
		    flavor);
	return KERN_SUCCESS;
}

/*
 * memory_object_synchronize_completed (2002): The manager has done the
 * memory_object_synchronize for [offset, offset+length): the vm_msync
 * waiting for it returns.  KERN_INVALID_ARGUMENT: not a control port.
 */
kern_return_t ksim_memory_object_synchronize_completed(
    vm_object_t memory_control, memory_object_offset_t offset,
    vm_offset_t length)
{
	struct vm_pager *p = vm_pager_of_control(memory_control);

	if (p == NULL)
		return KERN_INVALID_ARGUMENT;
	vm_pager_sync_completed(p, offset, length);
	return KERN_SUCCESS;
}

#define LOCK_FLAGS_ALL	(MEMORY_OBJECT_DATA_FLUSH | \
	MEMORY_OBJECT_DATA_NO_CHANGE | MEMORY_OBJECT_DATA_PURGE | \
	MEMORY_OBJECT_COPY_SYNC | MEMORY_OBJECT_DATA_SYNC)

/*
 * memory_object_lock_request (2004): For the resident pages of
 * [offset, offset+size): return them (should_return: RETURN_DIRTY the
 * dirty ones, RETURN_ALL or RETURN_ANYTHING every one) with
 * memory_object_data_return, drop them (DATA_FLUSH; DATA_PURGE drops
 * without returning), and set the access the manager forbids
 * (lock_value, or VM_PROT_NO_CHANGE); then memory_object_lock_completed
 * goes to reply_to, if given.  A thread waiting on a data_unlock retries.
 * Errors: KERN_INVALID_ARGUMENT (no control port, should_return above
 * RETURN_ANYTHING, unknown flags, a lock_value outside VM_PROT_ALL that
 * is not VM_PROT_NO_CHANGE, offset + size wrapping).
 */
kern_return_t ksim_memory_object_lock_request(vm_object_t memory_control,
    memory_object_offset_t offset, memory_object_size_t size,
    memory_object_return_t should_return, integer_t flags,
    vm_prot_t lock_value, mach_port_t reply_to,
    mach_msg_type_name_t reply_toPoly)
{
	struct vm_pager *p = vm_pager_of_control(memory_control);
	ipc_port_t reply = IP_NULL;

	if (p == NULL || should_return < MEMORY_OBJECT_RETURN_NONE ||
	    should_return > MEMORY_OBJECT_RETURN_ANYTHING ||
	    (flags & ~LOCK_FLAGS_ALL) || offset + size < offset ||
	    (lock_value != VM_PROT_NO_CHANGE && (lock_value & ~VM_PROT_ALL)))
		return KERN_INVALID_ARGUMENT;
	if (ipc_kobject_take_right(reply_to, reply_toPoly, &reply) !=
	    KERN_SUCCESS)
		reply = IP_NULL;
	if (flags & MEMORY_OBJECT_DATA_PURGE)
		should_return = MEMORY_OBJECT_RETURN_NONE;
	vm_pager_lock_range(p, offset, size, should_return,
	    (flags & (MEMORY_OBJECT_DATA_FLUSH | MEMORY_OBJECT_DATA_PURGE)) !=
	    0, lock_value);
	if (reply != IP_DEAD)
		vm_pager_reply_completed(p, reply, reply_toPoly, 2204, offset,
		    (vm_size_t)size, 0);
	return KERN_SUCCESS;
}

/*
 * memory_object_destroy (2006): Shut the object down: its pages go, its
 * mappings fault with a memory error from now on, and the manager gets
 * memory_object_terminate (the control port with it).
 * KERN_INVALID_ARGUMENT: not a control port.
 */
kern_return_t ksim_memory_object_destroy(vm_object_t memory_control,
    kern_return_t reason)
{
	struct vm_pager *p = vm_pager_of_control(memory_control);

	if (p == NULL || p->destroyed)
		return KERN_INVALID_ARGUMENT;
	vm_pager_destroy(p, reason);
	return KERN_SUCCESS;
}

/* ---- UPLs ------------------------------------------------------------------------- */

/* State words of a UPL page list entry (word 0). */
#define UPL_PAGE_PRESENT	0x1
#define UPL_PAGE_DIRTY		0x2

/* A new UPL over [offset, offset+size) of the object; NULL on failure. */
static struct upl *upl_create(struct vm_pager *pager, vm_offset_t offset,
    vm_size_t size)
{
	struct vm_object *object = pager->object;
	struct upl *upl = calloc(1, sizeof(*upl));

	if (upl == NULL)
		return NULL;
	upl->kind = MO_KIND_UPL;
	upl->object = object;
	vm_object_reference(object);
	upl->offset = offset;
	upl->size = size;
	upl->port = ipc_kobject_alloc_port(upl, IKOT_MEM_OBJ_CONTROL);
	return upl;
}

/* The UPL ends: its port dies, its references go. */
static void upl_end(struct upl *upl)
{
	if (upl->staged && upl->object->pager != NULL &&
	    upl->object->pager->stage_user == upl)
		upl->object->pager->stage_user = NULL;
	ipc_kobject_destroy_port(upl->port);
	vm_object_deallocate(upl->alias);
	vm_object_deallocate(upl->object);
	free(upl);
}

static void upl_page_list(struct vm_pager *pager, vm_offset_t offset,
    vm_size_t size, upl_page_list_ptr_t list, mach_msg_type_number_t *cnt)
{
	size_t first = offset / vm_page_size_get(), i, n;

	n = size / vm_page_size_get();
	if (n > *cnt)
		n = *cnt;
	for (i = 0; i < n; i++) {
		uint8_t st = pager->state[first + i];

		memset(&list[i], 0, sizeof(list[i]));
		((integer_t *)(void *)&list[i])[0] =
		    ((st & VPG_PRESENT) ? UPL_PAGE_PRESENT : 0) |
		    ((st & VPG_DIRTY) ? UPL_PAGE_DIRTY : 0);
	}
	*cnt = (mach_msg_type_number_t)n;
}

/*
 * Routine:	upl_request_common
 * Purpose:	vm_object_upl_request and vm_pager_upl_request: a UPL over
 *		the pages of [offset, offset+size) (offset rounded down,
 *		the end rounded up), and their state in page_list.
 * Returns:	KERN_SUCCESS; KERN_INVALID_ARGUMENT (no control port,
 *		size 0, a range past the object's end, unknown flags);
 *		KERN_RESOURCE_SHORTAGE.
 */
static kern_return_t upl_request_common(vm_object_t object,
    memory_object_offset_t offset, vm_size_t size, mach_port_t *upl_out,
    upl_page_list_ptr_t page_list, mach_msg_type_number_t *cnt,
    integer_t flags)
{
	struct vm_pager *p = vm_pager_of_control(object);
	vm_offset_t start, end;
	struct upl *upl;

	if (p == NULL || size == 0 || flags != 0 || offset + size < offset)
		return KERN_INVALID_ARGUMENT;
	start = ksim_trunc_page((vm_offset_t)offset);
	end = ksim_round_page((vm_offset_t)offset + size);
	if (end > p->npages * vm_page_size_get())
		return KERN_INVALID_ARGUMENT;
	upl = upl_create(p, start, end - start);
	if (upl == NULL)
		return KERN_RESOURCE_SHORTAGE;
	upl_page_list(p, start, end - start, page_list, cnt);
	*upl_out = ipc_kobject_reply_send(upl->port);
	return KERN_SUCCESS;
}

/*
 * vm_object_upl_request (2009): Make a UPL over a range of the object.
 * cntrl_flags must be 0 (machsim has no UPL options).
 */
kern_return_t ksim_vm_object_upl_request(vm_object_t object,
    memory_object_offset_t offset, vm_size_t size, mach_port_t *upl,
    upl_page_list_ptr_t page_list, mach_msg_type_number_t *page_listCnt,
    integer_t cntrl_flags)
{
	return upl_request_common(object, offset, size, upl, page_list,
	    page_listCnt, cntrl_flags);
}

/*
 * vm_pager_upl_request (2010): vm_object_upl_request, the range grown to
 * super_size when that is larger (and still inside the object).
 */
kern_return_t ksim_vm_pager_upl_request(vm_object_t object,
    memory_object_offset_t offset, vm_size_t size, vm_size_t super_size,
    mach_port_t *upl, upl_page_list_ptr_t page_list,
    mach_msg_type_number_t *page_listCnt, integer_t cntrl_flags)
{
	struct vm_pager *p = vm_pager_of_control(object);

	if (p != NULL && super_size > size && offset + super_size > offset &&
	    offset + super_size <= p->npages * vm_page_size_get())
		size = super_size;
	return upl_request_common(object, offset, size, upl, page_list,
	    page_listCnt, cntrl_flags);
}

/* ---- the window ---------------------------------------------------------------- */

/*
 * Windows and stages of objects whose pager went, still in their task's
 * map (the pager may go in the middle of an operation on that very map,
 * so they are removed later, from a call that holds no map record).
 */
struct upl_retired {
	struct vm_upl_window	w;
	struct upl_retired	*next;
};
static struct upl_retired *retired_windows;

/* A plain object over the same file as object (a dup of its fd). */
static struct vm_object *alias_of(struct vm_object *object)
{
	struct vm_object *alias;
	int fd = dup(object->fd);

	if (fd < 0)
		return NULL;
	alias = calloc(1, sizeof(*alias));
	if (alias == NULL) {
		close(fd);
		return NULL;
	}
	alias->ref_count = 1;
	alias->fd = fd;
	alias->size = object->size;
	return alias;
}

/* Is the window still mapped as it was made (not deallocated since)? */
static bool window_intact(const struct vm_upl_window *w)
{
	size_t i;

	if (w->map == NULL || !w->map->active)
		return false;
	i = vm_region_search(w->map, w->addr);
	return i < w->map->nregions && w->map->regions[i].start == w->addr &&
	    w->map->regions[i].end == w->addr + w->size &&
	    w->map->regions[i].object == w->obj &&
	    w->map->regions[i].offset == 0;
}

/* Give up a window: the kernel's mapping now, the task's at the reap. */
static void window_retire(struct vm_upl_window *w)
{
	struct upl_retired *r;

	if (w->kva != NULL)
		vm_host_unmap(w->kva, w->size);
	w->kva = NULL;
	if (w->map == NULL)
		return;
	r = calloc(1, sizeof(*r));
	if (r == NULL) {
		vm_map_deallocate(w->map);
		vm_object_deallocate(w->obj);
	} else {
		r->w = *w;
		r->next = retired_windows;
		retired_windows = r;
	}
	memset(w, 0, sizeof(*w));
}

void vm_upl_window_retire(struct vm_pager *pager)
{
	window_retire(&pager->win);
	window_retire(&pager->stage);
	pager->stage_user = NULL;
}

/*
 * Routine:	vm_upl_window_reap
 * Purpose:	Unmap the windows of objects that have gone.
 * Conditions:	Kernel locked; no map record held by the caller.
 */
void vm_upl_window_reap(void)
{
	struct upl_retired *r;

	while ((r = retired_windows) != NULL) {
		retired_windows = r->next;
		if (window_intact(&r->w))
			(void)vm_map_remove(r->w.map, r->w.addr, r->w.size);
		vm_map_deallocate(r->w.map);
		vm_object_deallocate(r->w.obj);
		free(r);
	}
}

/* Map obj whole into map as w (its reference passes to w). */
static bool window_make(struct vm_upl_window *w, struct vm_map *map,
    struct vm_object *obj, vm_size_t size)
{
	vm_address_t addr = 0;

	if (obj == NULL)
		return false;
	if (vm_map_enter(map, &addr, size, 0, VM_FLAGS_ANYWHERE, obj, 0,
	    FALSE, VM_PROT_READ | VM_PROT_WRITE, VM_PROT_READ | VM_PROT_WRITE,
	    VM_INHERIT_NONE) != KERN_SUCCESS) {
		vm_object_deallocate(obj);
		return false;
	}
	vm_map_reference(map);
	w->map = map;
	w->addr = addr;
	w->size = size;
	w->obj = obj;
	return true;
}

/*
 * The pager's window in map, made on first use (one task per object has
 * one: the manager's); false when the UPL must be mapped on its own.
 */
static bool window_for(struct vm_pager *p, struct vm_map *map,
    struct upl *upl)
{
	if (p->win.map != NULL && !window_intact(&p->win))
		window_retire(&p->win);
	if (p->win.map == NULL && !window_make(&p->win, map,
	    alias_of(upl->object), p->npages * vm_page_size_get()))
		return false;
	return p->win.map == map && upl->offset + upl->size <= p->win.size;
}

/* Are all the UPL's pages absent (no data anywhere yet)? */
static bool upl_all_absent(struct vm_pager *p, struct upl *upl)
{
	size_t first = upl->offset / vm_page_size_get(), i;

	for (i = 0; i < upl->size / vm_page_size_get(); i++)
		if (first + i >= p->npages ||
		    (p->state[first + i] & VPG_PRESENT))
			return false;
	return true;
}

/*
 * The pager's stage in map, for a UPL of absent pages: a zeroed buffer
 * of the UPL's size that one UPL at a time uses, kept in the manager's
 * map (and in the kernel's) between UPLs.  Only where the mappings take
 * a page whole from the userfaultfd; false otherwise.
 */
static bool stage_for(struct vm_pager *p, struct vm_map *map,
    struct upl *upl)
{
	struct vm_upl_window *w = &p->stage;

	if (!p->uffd || p->stage_user != NULL || !upl_all_absent(p, upl))
		return false;
	if (w->map != NULL && (!window_intact(w) || (w->map == map &&
	    w->size < upl->size)))
		window_retire(w);
	if (w->map == NULL) {
		if (!window_make(w, map, vm_object_create(upl->size),
		    upl->size))
			return false;
		w->kva = vm_host_map_object(NULL, w->size,
		    PROT_READ | PROT_WRITE, 0, w->obj, 0);
		if (w->kva == MAP_FAILED) {
			w->kva = NULL;
			window_retire(w);
			return false;
		}
	}
	if (w->map != map)
		return false;
	memset(w->kva, 0, upl->size);
	p->stage_user = upl;
	upl->staged = true;
	return true;
}

/* The stage's data goes to the object's pages; the stage is free. */
static void upl_unstage(struct upl *upl)
{
	struct vm_pager *p = upl->object->pager;

	if (!upl->staged)
		return;
	upl->staged = false;
	if (p == NULL || p->stage_user != upl)
		return;
	p->stage_user = NULL;
	memcpy(vm_pager_page_addr(p, upl->offset / vm_page_size_get()),
	    p->stage.kva, upl->size);
}

/*
 * vm_upl_map (2011): Map a UPL's pages, shared and writable, into a task;
 * *dst_addr is set.  The pages are those of a window over the whole
 * object that the kernel maps once in the first task that maps one of
 * its UPLs and keeps there until the object goes (docs/pager.md); in
 * another task, the UPL's pages alone are mapped.  Returns
 * KERN_INVALID_ARGUMENT (no UPL, no task), KERN_FAILURE (already
 * mapped), KERN_RESOURCE_SHORTAGE, or vm_map_enter's errors.
 */
kern_return_t ksim_vm_upl_map(vm_map_t map, upl_t upl, vm_offset_t *dst_addr)
{
	struct vm_pager *p;
	vm_address_t addr = 0;
	kern_return_t kr;

	if (upl == NULL || map == NULL || !map->active)
		return KERN_INVALID_ARGUMENT;
	if (upl->map != NULL)
		return KERN_FAILURE;
	vm_upl_window_reap();
	p = upl->object->pager;
	if (p != NULL && upl->staged && p->stage.map == map &&
	    window_intact(&p->stage)) {
		upl->map = map;
		upl->addr = p->stage.addr;
		*dst_addr = upl->addr;
		return KERN_SUCCESS;
	}
	upl_unstage(upl);
	if (p != NULL && (stage_for(p, map, upl) || window_for(p, map, upl))) {
		upl->map = map;
		upl->windowed = !upl->staged;
		upl->addr = upl->staged ? p->stage.addr :
		    p->win.addr + upl->offset;
		*dst_addr = upl->addr;
		return KERN_SUCCESS;
	}
	if (upl->alias == NULL) {
		upl->alias = alias_of(upl->object);
		if (upl->alias == NULL)
			return KERN_RESOURCE_SHORTAGE;
	}
	kr = vm_map_enter(map, &addr, upl->size, 0, VM_FLAGS_ANYWHERE,
	    upl->alias, upl->offset, FALSE, VM_PROT_READ | VM_PROT_WRITE,
	    VM_PROT_READ | VM_PROT_WRITE, VM_INHERIT_NONE);
	if (kr != KERN_SUCCESS)
		return kr;
	upl->map = map;
	upl->addr = addr;
	*dst_addr = addr;
	return KERN_SUCCESS;
}

/*
 * vm_upl_unmap (2012): The task is done with a UPL's pages (its own
 * mapping goes; the window stays).  KERN_INVALID_ARGUMENT: no UPL, or
 * not mapped in that task.
 */
kern_return_t ksim_vm_upl_unmap(vm_map_t map, upl_t upl)
{
	if (upl == NULL || map == NULL || upl->map != map)
		return KERN_INVALID_ARGUMENT;
	if (!upl->windowed && !upl->staged)
		(void)vm_map_remove(map, upl->addr, upl->size);
	upl->map = NULL;
	upl->addr = 0;
	upl->windowed = false;
	return KERN_SUCCESS;
}

/*
 * vm_upl_abort (2013): Give up a UPL.  abort_cond: UPL_ABORT_UNAVAILABLE
 * (the manager has no data: the pages read as zeros),
 * UPL_ABORT_ERROR (the pages are in error: an access is a memory
 * exception), else (UPL_ABORT_RESTART, 0) the pages stay absent and the
 * next access asks again; what was written to absent pages through the
 * UPL is gone.  The UPL ends.  KERN_INVALID_ARGUMENT: no UPL.
 */
kern_return_t ksim_vm_upl_abort(upl_t upl_object, integer_t abort_cond)
{
	struct upl *upl = upl_object;
	struct vm_pager *p;
	size_t first, last, i;

	if (upl == NULL)
		return KERN_INVALID_ARGUMENT;
	p = upl->object->pager;
	first = upl->offset / vm_page_size_get();
	last = first + upl->size / vm_page_size_get();
	if (p != NULL && !(abort_cond & UPL_ABORT_UNAVAILABLE))
		vm_pager_drop_absent(p, first, last);
	if (p != NULL && (abort_cond & UPL_ABORT_ERROR)) {
		vm_pager_supplied(p, upl->offset, upl->size, true, 0, 0);
	} else if (p != NULL && (abort_cond & UPL_ABORT_UNAVAILABLE)) {
		for (i = first; i < last && i < p->npages; i++)
			if (!(p->state[i] & VPG_PRESENT))
				memset(vm_pager_page_addr(p, i), 0,
				    vm_page_size_get());
		vm_pager_supplied(p, upl->offset, upl->size, false, 0, 0);
	} else if (p != NULL) {
		for (i = first; i < last && i < p->npages; i++)
			p->state[i] &= (uint8_t)~VPG_REQUESTED;
		vm_pager_wake(p, first, last, 0, 0);
		(void)waitq_wakeup_all(&p->waiters, THREAD_AWAKENED);
	}
	if (upl->map != NULL)
		(void)ksim_vm_upl_unmap(upl->map, upl);
	upl_end(upl);
	return KERN_SUCCESS;
}

/*
 * A staged UPL's data for [offset, offset+size) (UPL-relative) goes to
 * the object: each absent page straight into a mapping, where one takes
 * it, else into the object's file.  *lo, *hi: the host range the fills
 * made and woke, when it is one run (else empty).
 */
static void upl_take_stage(struct upl *upl, vm_offset_t offset,
    vm_size_t size, vm_offset_t *lo, vm_offset_t *hi)
{
	struct vm_pager *p = upl->object->pager;
	size_t pg = vm_page_size_get(), page, i;
	bool run = true;
	vm_offset_t at;
	const char *src;

	*lo = *hi = 0;
	if (!upl->staged || p->stage_user != upl)
		return;
	for (i = 0; i < size / pg; i++) {
		page = (upl->offset + offset) / pg + i;
		src = (const char *)p->stage.kva + offset + i * pg;
		if (page >= p->npages)
			break;
		at = (p->state[page] & VPG_PRESENT) ? 0 :
		    vm_pager_fill_page(p, page, src);
		if (at == 0) {
			memcpy(vm_pager_page_addr(p, page), src, pg);
			run = false;
		} else if (*hi == 0) {
			*lo = at;
			*hi = at + pg;
		} else if (at == *hi) {
			*hi += pg;
		} else {
			run = false;
		}
	}
	if (!run)
		*lo = *hi = 0;
}

/* Commit [offset, offset+size) of the UPL (UPL-relative). */
static kern_return_t upl_commit(struct upl *upl, vm_offset_t offset,
    vm_size_t size, mach_msg_type_number_t cnt)
{
	vm_offset_t lo, hi;

	if (offset + size < offset || offset + size > upl->size ||
	    cnt > upl->size / vm_page_size_get())
		return KERN_INVALID_ARGUMENT;
	if (upl->object->pager != NULL) {
		upl_take_stage(upl, offset, size, &lo, &hi);
		vm_pager_supplied(upl->object->pager, upl->offset + offset,
		    size, false, lo, hi);
	}
	return KERN_SUCCESS;
}

/*
 * vm_upl_commit (2014): The UPL's pages hold the object's data: they
 * become resident (clean), faulting threads go on.  The page list is
 * not read (it may not be longer than the UPL).  The UPL ends.
 * KERN_INVALID_ARGUMENT: no UPL, a page list longer than the UPL.
 */
kern_return_t ksim_vm_upl_commit(upl_t upl_object,
    upl_page_list_ptr_t page_list, mach_msg_type_number_t page_listCnt)
{
	kern_return_t kr;

	(void)page_list;
	if (upl_object == NULL)
		return KERN_INVALID_ARGUMENT;
	kr = upl_commit(upl_object, 0, upl_object->size, page_listCnt);
	if (kr != KERN_SUCCESS)
		return kr;
	if (upl_object->map != NULL)
		(void)ksim_vm_upl_unmap(upl_object->map, upl_object);
	upl_end(upl_object);
	return KERN_SUCCESS;
}

/*
 * vm_upl_commit_range (2015): Commit part of a UPL (offset and size
 * relative to it, page-rounded); the UPL stays for the rest.
 * KERN_INVALID_ARGUMENT: no UPL, a range past its end.
 */
kern_return_t ksim_vm_upl_commit_range(upl_t upl_object, vm_offset_t offset,
    vm_size_t size, upl_page_list_ptr_t page_list,
    mach_msg_type_number_t page_listCnt)
{
	vm_offset_t start, end;

	(void)page_list;
	if (upl_object == NULL || offset + size < offset)
		return KERN_INVALID_ARGUMENT;
	start = ksim_trunc_page(offset);
	end = ksim_round_page(offset + size);
	return upl_commit(upl_object, start, end - start, page_listCnt);
}
