/*
 * vm_map.c - the regions a task owns, and the pool of pre-faulted pages
 * that carries out-of-line message data.
 *
 * Every task shares the process's address space; the map records what
 * the task owns, with each region's attributes (struct vm_region), so
 * that vm_deallocate never unmaps memory the task does not own (its
 * malloc heap, its stack, another task's regions) and vm_region can say
 * what a range is.  The calls that change attributes or contents are in
 * vm_ops.c; shared memory, vm_map, vm_remap and inheritance in
 * vm_object.c.
 *
 *   map->regions:  [start,end) prot/max/inh/behavior/wired object+offset
 *                  sorted, disjoint; clipped where a call acts on part
 *                  of a record, never merged (vm_region coalesces)
 */
#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <mach/vm_statistics.h>

#include <ksim/ipc.h>
#include <ksim/kern.h>
#include <ksim/ledger.h>
#include <ksim/mig_convert.h>
#include <ksim/vm.h>

#include "vm_internal.h"

#define VM_POOL_MAX_BYTES	(32u << 20)
#define VM_POOL_CLASSES		16	/* 1..16 pages, exact sizes */
#define VM_POOL_LARGE		16	/* larger regions kept, any size */

static size_t page_size_cached;
static void *pool_head[VM_POOL_CLASSES + 1];
static size_t pool_bytes;
static struct vm_map *all_maps;

struct vm_counters vm_counters;

static bool pool_evict(vm_offset_t start, vm_offset_t end);

size_t vm_page_size_get(void)
{
	if (page_size_cached == 0)
		page_size_cached = (size_t)sysconf(_SC_PAGESIZE);
	return page_size_cached;
}

/*
 * The host calls.  Every mapping the kernel makes or drops goes through
 * these, so that the set of held ranges (vm_held.c) stays exact.
 */

/* mmap, recorded.  Returns MAP_FAILED as mmap does. */
void *vm_host_map(void *addr, size_t size, int prot, int flags)
{
	void *p;

	/* An unmapping this thread deferred must not land on it later. */
	if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE))
		ksim_run_deferred_now();
	p = mmap(addr, size, prot, flags | MAP_PRIVATE | MAP_ANONYMOUS,
	    -1, 0);

	if (p != MAP_FAILED)
		vm_held_add((vm_offset_t)p, (vm_offset_t)p + size);
	return p;
}

/* A shared mapping of object's file at offset, recorded. */
void *vm_host_map_object(void *addr, size_t size, int prot, int flags,
    struct vm_object *object, vm_offset_t offset)
{
	void *p;

	if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE))
		ksim_run_deferred_now();
	p = mmap(addr, size, prot, flags | MAP_SHARED, object->fd,
	    (off_t)offset);

	if (p != MAP_FAILED)
		vm_held_add((vm_offset_t)p, (vm_offset_t)p + size);
	return p;
}

/* Unmapping costs time in proportion to the pages mapped: a large
   range is unmapped once the kernel lock is released. */
#define VM_UNMAP_DEFER_MIN	(1u << 20)

static void vm_host_unmap_now(void *addr, size_t size)
{
	if (munmap(addr, size) == 0)
		vm_held_remove((vm_offset_t)addr, (vm_offset_t)addr + size);
}

/* munmap, recorded.  The range stays held until it is really gone. */
void vm_host_unmap(void *addr, size_t size)
{
	if (size >= VM_UNMAP_DEFER_MIN)
		ksim_defer(vm_host_unmap_now, addr, size);
	else
		vm_host_unmap_now(addr, size);
}

struct vm_map *vm_map_create(task_t task)
{
	struct vm_map *map = calloc(1, sizeof(*map));

	if (map == NULL)
		abort();
	map->ref_count = 1;	/* the task's */
	map->active = true;
	map->task = task;
	map->all_next = all_maps;
	all_maps = map;
	return map;
}

struct vm_map *vm_map_all_first(void)
{
	return all_maps;
}

static void map_unlist(struct vm_map *map)
{
	struct vm_map **link;

	for (link = &all_maps; *link != NULL; link = &(*link)->all_next) {
		if (*link == map) {
			*link = map->all_next;
			break;
		}
	}
	map->all_next = NULL;
}

/* Conditions: kernel locked. */
void vm_map_reference(struct vm_map *map)
{
	map->ref_count++;
}

/* Conditions: any; takes the kernel lock unless the caller holds it. */
void vm_map_deallocate(vm_map_t map)
{
	bool locked;

	if (map == NULL)
		return;
	locked = ksim_locked();
	if (!locked)
		ksim_lock();
	if (--map->ref_count == 0) {
		assert(map->nregions == 0);
		if (map->active)
			map_unlist(map);
		free(map->regions);
		free(map);
	}
	if (!locked)
		ksim_unlock();
}

/*
 * Routine:	vm_map_terminate
 * Purpose:	The map's task is dying: unmap everything the map owns and
 *		drop the task's reference; a map still referenced (by a
 *		call in progress) stays, empty and inactive.
 * Conditions:	Kernel locked.
 */
void vm_map_terminate(struct vm_map *map)
{
	if (map == NULL)
		return;
	vm_region_cut(map, 0, ~(vm_offset_t)0, true);
	map->nregions = 0;
	map->mapped_bytes = 0;
	map->active = false;
	map->task = TASK_NULL;
	map_unlist(map);
	vm_map_deallocate(map);
}

/* The map of the task a kernel-space name stands for, referenced. */
vm_map_t convert_port_to_map(mach_port_t name)
{
	vm_map_t map = NULL;
	task_t task;

	ksim_lock();
	task = ipc_kobject_lookup(name, IKOT_TASK);
	if (task != TASK_NULL && task->active && task->map != NULL) {
		map = task->map;
		vm_map_reference(map);
	}
	ksim_unlock();
	return map;
}

size_t vm_map_region_count(struct vm_map *map)
{
	return map->nregions;
}

/* ---- the records ---------------------------------------------------------------- */

size_t vm_region_search(struct vm_map *map, vm_offset_t addr)
{
	size_t lo = 0, hi = map->nregions;

	vm_counters.lookups++;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (map->regions[mid].end <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < map->nregions && map->regions[lo].start <= addr)
		vm_counters.hits++;
	return lo;
}

struct vm_region vm_region_fresh(vm_offset_t start, vm_offset_t end)
{
	struct vm_region r;

	memset(&r, 0, sizeof(r));
	r.start = start;
	r.end = end;
	r.protection = VM_PROT_DEFAULT;
	r.max_protection = VM_PROT_ALL;
	r.inheritance = VM_INHERIT_DEFAULT;
	r.behavior = VM_BEHAVIOR_DEFAULT;
	r.purgable = VM_PURGABLE_DENY;
	return r;
}

bool vm_region_plain(const struct vm_region *r)
{
	return r->object == NULL && r->protection == VM_PROT_DEFAULT &&
	    r->wired == 0 && r->behavior == VM_BEHAVIOR_DEFAULT;
}

void vm_region_insert(struct vm_map *map, const struct vm_region *r)
{
	size_t i = vm_region_search(map, r->start);

	if (map->nregions == map->cap) {
		map->cap = map->cap ? map->cap * 2 : 16;
		map->regions = realloc(map->regions,
		    map->cap * sizeof(*map->regions));
		if (map->regions == NULL)
			abort();
	}
	memmove(&map->regions[i + 1], &map->regions[i],
	    (map->nregions - i) * sizeof(*map->regions));
	map->regions[i] = *r;
	map->nregions++;
	map->mapped_bytes += r->end - r->start;
}

void vm_region_clip(struct vm_map *map, vm_offset_t addr)
{
	size_t i = vm_region_search(map, addr);
	struct vm_region tail;

	if (i >= map->nregions || map->regions[i].start >= addr)
		return;
	tail = map->regions[i];
	tail.offset += addr - tail.start;
	tail.start = addr;
	tail.pooled = false;
	map->regions[i].end = addr;
	map->regions[i].pooled = false;
	if (tail.object != NULL)
		vm_object_reference(tail.object);
	map->mapped_bytes -= tail.end - tail.start;
	vm_region_insert(map, &tail);
}

bool vm_map_covers(struct vm_map *map, vm_offset_t start, vm_offset_t end)
{
	size_t i = vm_region_search(map, start);
	vm_offset_t at = start;

	for (; i < map->nregions && at < end; i++) {
		if (map->regions[i].start > at)
			return false;
		at = map->regions[i].end;
	}
	return at >= end;
}

bool vm_range_round(vm_address_t addr, vm_size_t size, vm_offset_t *start,
    vm_offset_t *end)
{
	if (addr + size < addr)
		return false;
	*start = ksim_trunc_page(addr);
	*end = ksim_round_page(addr + size);
	if (*end < *start || (*end == 0 && addr + size != 0))
		return false;
	return true;
}

bool vm_map_owns(struct vm_map *map, vm_address_t addr, vm_size_t size)
{
	size_t i = vm_region_search(map, addr);

	return i < map->nregions && map->regions[i].start <= addr &&
	    addr + size <= map->regions[i].end;
}

/*
 * Routine:	vm_map_may_read
 * Purpose:	May the map's task send [addr, addr+size) out of line?
 *		Either the range lies wholly in the map's own regions, or
 *		it meets no memory the kernel holds at all (the process's
 *		heap, stacks, static data, which count as the task's own).
 *		A range that runs from a region of the task into anything
 *		else (another task's region, the pool, a message's pages,
 *		or memory past the region's end) is refused.
 * Conditions:	Kernel locked.
 */
bool vm_map_may_read(struct vm_map *map, vm_address_t addr, vm_size_t size)
{
	vm_offset_t at = addr, end = addr + size;
	size_t i;

	if (end < at)
		return false;
	if (!vm_held_meets(at, end))
		return true;
	if (map == NULL)
		return false;
	for (i = vm_region_search(map, at); i < map->nregions && at < end; i++) {
		if (map->regions[i].start > at)
			return false;		/* a gap */
		at = map->regions[i].end;
	}
	return at >= end;
}

/*
 * Routine:	vm_object_unmap
 * Purpose:	Unmap the pages of [start, end), which map self records
 *		with object, except those another map records with the
 *		same object at the same address (a SHARE region inherited
 *		by task_create): they stay mapped for that map.
 * Conditions:	Kernel locked.
 */
void vm_object_unmap(struct vm_map *self, struct vm_object *object,
    vm_offset_t start, vm_offset_t end)
{
	vm_offset_t at = start;

	while (at < end) {
		vm_offset_t next = end, skip = 0;
		struct vm_map *m;

		for (m = all_maps; m != NULL; m = m->all_next) {
			size_t i;

			if (m == self)
				continue;
			for (i = vm_region_search(m, at); i < m->nregions;
			    i++) {
				const struct vm_region *r = &m->regions[i];

				if (r->start >= next)
					break;
				if (r->object != object)
					continue;
				if (r->start <= at) {
					if (r->end > skip)
						skip = r->end;
				} else {
					next = r->start;
				}
				break;
			}
		}
		if (skip > at) {
			at = skip < end ? skip : end;
			continue;
		}
		vm_host_unmap((void *)at, next - at);
		at = next;
	}
}

/*
 * Routine:	vm_region_cut
 * Purpose:	Remove [start, end) from the map's records; with unmap,
 *		also free the pages: whole plain regions go back to the
 *		pool, shared ones are unmapped where no other map records
 *		them, the rest is unmapped.
 * Conditions:	Kernel locked.
 */
void vm_region_cut(struct vm_map *map, vm_offset_t start, vm_offset_t end,
    bool unmap)
{
	size_t i;

	vm_region_clip(map, start);
	vm_region_clip(map, end);
	i = vm_region_search(map, start);
	while (i < map->nregions && map->regions[i].start < end) {
		struct vm_region r = map->regions[i];
		vm_size_t len = r.end - r.start;

		memmove(&map->regions[i], &map->regions[i + 1],
		    (map->nregions - i - 1) * sizeof(r));
		map->nregions--;
		map->mapped_bytes -= len;
		if (r.wired != 0 && vm_counters.wired >= len /
		    vm_page_size_get())
			vm_counters.wired -= len / vm_page_size_get();
		if (unmap) {
			if (r.object != NULL)
				vm_object_unmap(map, r.object, r.start, r.end);
			else if (vm_region_plain(&r))
				vm_pool_put((void *)r.start, len);
			else
				vm_host_unmap((void *)r.start, len);
		}
		if (r.object != NULL)
			vm_object_deallocate(r.object);
	}
}

/* Fresh pages at exactly start, or MAP_FAILED (EEXIST: occupied). */
static void *map_fixed_noreplace(vm_offset_t start, vm_size_t size, int prot)
{
	return vm_host_map((void *)start, size, prot, MAP_FIXED_NOREPLACE);
}

/*
 * Routine:	vm_kernel_release
 * Purpose:	Free the host address range [start, end) of the pages the
 *		kernel holds there outside every map, so that a task may
 *		map it (8.2: a range a task deallocated, or sent away with
 *		deallocate, is free).  Two kinds of pages stay mapped when
 *		they leave a map, so that the hot paths do no page-table
 *		work: pooled regions (vm_deallocate), unmapped here; and
 *		out-of-line regions of messages in transit, which moved
 *		from the sender's map without a copy and are moved away
 *		here, again without a copy (ipc_kmsg_ool_relocate).  Only a
 *		fixed allocation that meets occupied pages comes here.
 * Conditions:	Kernel locked.
 * Returns:	true when something was released (worth trying again).
 */
static bool vm_kernel_release(vm_offset_t start, vm_offset_t end)
{
	bool released = pool_evict(start, end);

	return ipc_kmsg_ool_relocate(start, end) || released;
}

/*
 * Routine:	vm_pages_relocate
 * Purpose:	Move the pages of [addr, addr+size) to a new address the
 *		host chooses, contents and all, without copying (mremap).
 * Conditions:	Kernel locked; the range is one mapping the kernel holds.
 * Returns:	The new address, or NULL (the pages stay where they were).
 */
void *vm_pages_relocate(void *addr, size_t size)
{
	void *to, *p;

	to = vm_host_map(NULL, size, PROT_NONE, MAP_NORESERVE);
	if (to == MAP_FAILED)
		return NULL;
	p = mremap(addr, size, size, MREMAP_MAYMOVE | MREMAP_FIXED, to);
	if (p == MAP_FAILED) {
		vm_host_unmap(to, size);
		return NULL;
	}
	vm_held_remove((vm_offset_t)addr, (vm_offset_t)addr + size);
	return p;
}

/* Flags vm_allocate and vm_map accept (8.1). */
#define VM_FLAGS_KNOWN	(VM_FLAGS_ANYWHERE | VM_FLAGS_OVERWRITE | \
	VM_FLAGS_PURGABLE | (int)VM_FLAGS_ALIAS_MASK)

/*
 * Routine:	vm_map_reserve
 * Purpose:	Find and hold the address range of a new region (8.2):
 *		ANYWHERE, where the host has room and the mask's bits are
 *		clear; FIXED, at trunc_page(*addr), replacing the map's own
 *		regions there with OVERWRITE.  The range is left mapped
 *		PROT_NONE (or as the map's old regions were, with
 *		OVERWRITE), recorded as held, for the caller to map over
 *		with MAP_FIXED.
 * Conditions:	Kernel locked.
 * Returns:	KERN_SUCCESS with *addr set; KERN_INVALID_ARGUMENT (flags);
 *		KERN_INVALID_ADDRESS (outside the map); KERN_NO_SPACE
 *		(occupied, no room, mask not met).
 */
kern_return_t vm_map_reserve(struct vm_map *map, vm_address_t *addr,
    vm_size_t size, vm_address_t mask, int flags)
{
	vm_offset_t start;
	vm_size_t align;
	void *p;

	if (flags & ~VM_FLAGS_KNOWN)
		return KERN_INVALID_ARGUMENT;
	if (map->limit_bytes && map->mapped_bytes + size > map->limit_bytes)
		return KERN_NO_SPACE;
	if (!ledger_vm_admit(map, flags & VM_FLAGS_OVERWRITE ? 0 : size))
		return KERN_RESOURCE_SHORTAGE;
	/* The mask's low run of ones is an alignment. */
	align = (mask & (mask + 1)) == 0 ? mask + 1 : 0;
	if (flags & VM_FLAGS_ANYWHERE) {
		vm_size_t extra = align > vm_page_size_get() ? align : 0;
		vm_offset_t a, lead;

		if (size + extra < size)
			return KERN_NO_SPACE;
		p = vm_host_map(NULL, size + extra, PROT_NONE, MAP_NORESERVE);
		if (p == MAP_FAILED)
			return KERN_NO_SPACE;
		a = (vm_offset_t)p;
		if (extra != 0) {
			start = (a + align - 1) & ~(align - 1);
			lead = start - a;
			if (lead != 0)
				vm_host_unmap(p, lead);
			if (extra - lead != 0)
				vm_host_unmap((void *)(start + size),
				    extra - lead);
		} else {
			start = a;
		}
		if (mask != 0 && (start & mask) != 0) {
			vm_host_unmap((void *)start, size);
			return KERN_NO_SPACE;
		}
		*addr = start;
		return KERN_SUCCESS;
	}
	start = ksim_trunc_page(*addr);
	if (start == 0 || start + size < start)
		return KERN_INVALID_ADDRESS;
	if ((start & mask) != 0)
		return KERN_NO_SPACE;
	if (flags & VM_FLAGS_OVERWRITE) {
		if (!vm_map_covers(map, start, start + size))
			return KERN_NO_SPACE;
		vm_region_cut(map, start, start + size, false);
		p = vm_host_map((void *)start, size, PROT_NONE,
		    MAP_FIXED | MAP_NORESERVE);
	} else {
		p = map_fixed_noreplace(start, size, PROT_NONE);
		if (p == MAP_FAILED && errno == EEXIST &&
		    vm_kernel_release(start, start + size))
			p = map_fixed_noreplace(start, size, PROT_NONE);
	}
	if (p == MAP_FAILED || (vm_offset_t)p != start) {
		if (p != MAP_FAILED)
			vm_host_unmap(p, size);
		return KERN_NO_SPACE;
	}
	*addr = start;
	return KERN_SUCCESS;
}

/*
 * Routine:	vm_map_allocate
 * Purpose:	Fresh zero-filled memory owned by the map (8.2).
 * Conditions:	Kernel locked.
 * Returns:	KERN_SUCCESS; KERN_INVALID_ARGUMENT (bad flags, wrap);
 *		KERN_NO_SPACE (overlap, no room); KERN_INVALID_ADDRESS.
 */
kern_return_t vm_map_allocate(struct vm_map *map, vm_address_t *addr,
    vm_size_t size, int flags)
{
	struct vm_region r;
	vm_offset_t start;
	kern_return_t kr;
	void *p;

	if (map == NULL || addr == NULL || (flags & ~VM_FLAGS_KNOWN))
		return KERN_INVALID_ARGUMENT;
	if (size == 0) {
		*addr = 0;
		return KERN_SUCCESS;
	}
	size = ksim_round_page(size);
	if (size == 0)
		return KERN_INVALID_ARGUMENT;
	if (map->limit_bytes && map->mapped_bytes + size > map->limit_bytes)
		return KERN_NO_SPACE;
	if (!ledger_vm_admit(map, size))
		return KERN_RESOURCE_SHORTAGE;
	p = NULL;
	if (flags & VM_FLAGS_ANYWHERE) {
		/* A pooled range of the size, zeroed, before a new one. */
		p = vm_pool_get_zeroed(size);
		if (p == NULL) {
			p = vm_host_map(NULL, size, PROT_READ | PROT_WRITE, 0);
			if (p == MAP_FAILED)
				return KERN_NO_SPACE;
		}
		start = (vm_offset_t)p;
	} else {
		start = *addr;
		kr = vm_map_reserve(map, &start, size, 0, flags);
		if (kr != KERN_SUCCESS)
			return kr;
		if (mprotect((void *)start, size, PROT_READ | PROT_WRITE) != 0) {
			vm_host_unmap((void *)start, size);
			return KERN_NO_SPACE;
		}
	}
	r = vm_region_fresh(start, start + size);
	if (flags & VM_FLAGS_PURGABLE)
		r.purgable = VM_PURGABLE_NONVOLATILE;
	vm_region_insert(map, &r);
	vm_counters.zero_fill += size / vm_page_size_get();
	*addr = start;
	return KERN_SUCCESS;
}

/*
 * Routine:	vm_map_remove
 * Purpose:	Unmap the pages of the range that the map owns (8.2; pages
 *		never mapped are not an error).
 * Conditions:	Kernel locked.
 * Returns:	KERN_SUCCESS; KERN_INVALID_ARGUMENT (null map, wrap).
 */
kern_return_t vm_map_remove(struct vm_map *map, vm_address_t addr,
    vm_size_t size)
{
	vm_offset_t start, end;

	if (map == NULL)
		return KERN_INVALID_ARGUMENT;
	if (size == 0)
		return KERN_SUCCESS;
	if (!vm_range_round(addr, size, &start, &end))
		return KERN_INVALID_ARGUMENT;
	vm_region_cut(map, start, end, true);
	return KERN_SUCCESS;
}

/*
 * Routine:	vm_map_take
 * Purpose:	Move [addr, addr+size) out of the map without unmapping
 *		it (out-of-line memory sent with deallocate).  Only plain
 *		memory moves: a shared, wired or protected region is
 *		copied by the caller instead.
 * Conditions:	Kernel locked.
 */
kern_return_t vm_map_take(struct vm_map *map, vm_address_t addr,
    vm_size_t size)
{
	size_t i;

	if (!vm_map_owns(map, addr, size))
		return KERN_INVALID_ADDRESS;
	i = vm_region_search(map, addr);
	if (!vm_region_plain(&map->regions[i]))
		return KERN_INVALID_ADDRESS;
	vm_region_cut(map, addr, addr + size, false);
	return KERN_SUCCESS;
}

kern_return_t vm_map_give(struct vm_map *map, vm_address_t addr,
    vm_size_t size, bool pooled)
{
	struct vm_region r;

	if (map->limit_bytes && map->mapped_bytes + size > map->limit_bytes)
		return KERN_NO_SPACE;
	if (!ledger_vm_admit(map, size))
		return KERN_RESOURCE_SHORTAGE;
	r = vm_region_fresh(addr, addr + size);
	r.pooled = pooled;
	vm_region_insert(map, &r);
	return KERN_SUCCESS;
}

/*
 * Routine:	vm_map_verify
 * Purpose:	The map's invariants: records sorted, disjoint, non-empty
 *		and page-aligned; attributes in range (current within
 *		maximum, known inheritance and behavior); every record's
 *		pages held by the kernel; a live object behind every
 *		shared record, inside its size; mapped_bytes the sum.
 * Conditions:	Kernel locked.
 */
bool vm_map_verify(struct vm_map *map, char *why, size_t len)
{
	size_t i, ps = vm_page_size_get(), bytes = 0;

#define FAIL(...)	do { snprintf(why, len, __VA_ARGS__); return false; } \
	while (0)
	for (i = 0; i < map->nregions; i++) {
		const struct vm_region *r = &map->regions[i];

		if (r->start >= r->end || (r->start & (ps - 1)) ||
		    (r->end & (ps - 1)))
			FAIL("region %zu [%#lx, %#lx) empty or unaligned", i,
			    (unsigned long)r->start, (unsigned long)r->end);
		if (i > 0 && map->regions[i - 1].end > r->start)
			FAIL("regions %zu and %zu overlap or are unsorted",
			    i - 1, i);
		if ((r->protection & ~r->max_protection) ||
		    (r->max_protection & ~VM_PROT_ALL))
			FAIL("region %zu protection %#x outside max %#x", i,
			    r->protection, r->max_protection);
		if (r->inheritance > VM_INHERIT_NONE ||
		    r->behavior > VM_BEHAVIOR_RSEQNTL)
			FAIL("region %zu inheritance %d behavior %d", i,
			    r->inheritance, r->behavior);
		if (!vm_held_meets(r->start, r->end))
			FAIL("region %zu [%#lx, %#lx) not held", i,
			    (unsigned long)r->start, (unsigned long)r->end);
		if (r->object != NULL && (r->object->ref_count <= 0 ||
		    r->offset + (r->end - r->start) > r->object->size))
			FAIL("region %zu object refs %d, offset %#lx past "
			    "size %#lx", i, r->object->ref_count,
			    (unsigned long)r->offset,
			    (unsigned long)r->object->size);
		bytes += r->end - r->start;
	}
	if (bytes != map->mapped_bytes)
		FAIL("mapped_bytes %zu, regions hold %zu", map->mapped_bytes,
		    bytes);
#undef FAIL
	return true;
}

bool vm_map_verify_all(char *why, size_t len)
{
	struct vm_map *m;
	bool ok = true;

	ksim_lock();
	for (m = all_maps; m != NULL && ok; m = m->all_next)
		ok = vm_map_verify(m, why, len);
	ksim_unlock();
	return ok;
}

/* ---- the pool ----------------------------------------------------------------- */

/*
 * The pool keeps whole private read/write anonymous mappings that left a
 * map (vm_deallocate of a whole region, a received region freed) or a
 * message, so that the next out-of-line copy or vm_allocate reuses an
 * address range and its page tables instead of mmap, first touch and
 * munmap (BENCHMARKING: never map or first-touch fresh pages on a
 * per-message path).
 *
 *   small:  pool_head[pages] -> region -> region ...  (1..16 pages, the
 *           link in the region's first word)
 *   large:  pool_large[0 .. pool_nlarge-1], newest last, exact sizes
 *
 * Regions keep their contents: an out-of-line copy overwrites every byte
 * it hands on, and vm_allocate zeroes what it takes (MADV_DONTNEED).  The
 * pool holds at most VM_POOL_MAX_BYTES; beyond that pages are unmapped.
 */
struct pool_region {
	void	*addr;
	size_t	bytes;
};

static struct pool_region pool_large[VM_POOL_LARGE];
static size_t pool_nlarge;

/* Take a pooled region of exactly bytes, or NULL.  Conditions: locked. */
static void *pool_take(size_t bytes)
{
	size_t pages = bytes / vm_page_size_get(), i;
	void *p;

	if (pages <= VM_POOL_CLASSES) {
		p = pool_head[pages];
		if (p != NULL) {
			pool_head[pages] = *(void **)p;
			pool_bytes -= bytes;
		}
		return p;
	}
	for (i = pool_nlarge; i-- > 0;) {
		if (pool_large[i].bytes != bytes)
			continue;
		p = pool_large[i].addr;
		pool_large[i] = pool_large[--pool_nlarge];
		pool_bytes -= bytes;
		return p;
	}
	return NULL;
}

/*
 * Routine:	pool_evict
 * Purpose:	Unmap every pooled region that meets [start, end).
 * Conditions:	Kernel locked.
 * Returns:	true when one was found.
 */
static bool pool_evict(vm_offset_t start, vm_offset_t end)
{
	size_t pages, i, ps = vm_page_size_get();
	bool found = false;
	void **link;

	for (pages = 1; pages <= VM_POOL_CLASSES; pages++) {
		link = &pool_head[pages];
		while (*link != NULL) {
			vm_offset_t s = (vm_offset_t)*link;
			void *next = *(void **)*link;

			if (s < end && start < s + pages * ps) {
				vm_host_unmap(*link, pages * ps);
				pool_bytes -= pages * ps;
				*link = next;
				found = true;
			} else {
				link = (void **)*link;
			}
		}
	}
	for (i = pool_nlarge; i-- > 0;) {
		vm_offset_t s = (vm_offset_t)pool_large[i].addr;

		if (s < end && start < s + pool_large[i].bytes) {
			vm_host_unmap(pool_large[i].addr, pool_large[i].bytes);
			pool_bytes -= pool_large[i].bytes;
			pool_large[i] = pool_large[--pool_nlarge];
			found = true;
		}
	}
	return found;
}

/*
 * Routine:	vm_pool_get
 * Purpose:	bytes (a page multiple) of private read/write memory for an
 *		out-of-line copy.  A pooled region comes with its pages
 *		already faulted; a new one is mapped without populating it,
 *		so that only the pages the copy writes are ever faulted in.
 * Conditions:	Kernel locked.
 * Returns:	The pages (contents undefined), or NULL when memory is
 *		short.
 */
void *vm_pool_get(size_t bytes)
{
	void *p = pool_take(bytes);

	if (p != NULL)
		return p;
	p = vm_host_map(NULL, bytes, PROT_READ | PROT_WRITE, 0);
	return p == MAP_FAILED ? NULL : p;
}

/*
 * Routine:	vm_pool_get_zeroed
 * Purpose:	A pooled region of exactly bytes, zero-filled as a fresh
 *		anonymous mapping is (its pages are dropped with
 *		MADV_DONTNEED and fault in as zero pages on first touch).
 * Conditions:	Kernel locked.
 * Returns:	The region, or NULL when the pool has none of that size.
 */
void *vm_pool_get_zeroed(size_t bytes)
{
	void *p = pool_take(bytes);

	if (p != NULL && madvise(p, bytes, MADV_DONTNEED) != 0) {
		vm_host_unmap(p, bytes);
		p = NULL;
	}
	return p;
}

/* Give pages back: kept for reuse while the pool is small, else unmapped. */
void vm_pool_put(void *addr, size_t bytes)
{
	size_t pages = bytes / vm_page_size_get();

	if (pool_bytes + bytes <= VM_POOL_MAX_BYTES) {
		if (pages <= VM_POOL_CLASSES) {
			*(void **)addr = pool_head[pages];
			pool_head[pages] = addr;
			pool_bytes += bytes;
			return;
		}
		if (pool_nlarge < VM_POOL_LARGE) {
			pool_large[pool_nlarge].addr = addr;
			pool_large[pool_nlarge].bytes = bytes;
			pool_nlarge++;
			pool_bytes += bytes;
			return;
		}
	}
	vm_host_unmap(addr, bytes);
}

void vm_pool_drain(void)
{
	size_t i;

	for (i = 1; i <= VM_POOL_CLASSES; i++) {
		while (pool_head[i] != NULL) {
			void *p = pool_head[i];

			pool_head[i] = *(void **)p;
			vm_host_unmap(p, i * vm_page_size_get());
		}
	}
	for (i = 0; i < pool_nlarge; i++)
		vm_host_unmap(pool_large[i].addr, pool_large[i].bytes);
	pool_nlarge = 0;
	pool_bytes = 0;
}
