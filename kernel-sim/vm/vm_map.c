/*
 * vm_map.c - the regions a task owns, and the pool of pre-faulted pages
 * that carries out-of-line message data.
 *
 * Every task shares the process's address space; the map only records
 * ownership, so that vm_deallocate never unmaps memory the task does not
 * own (its malloc heap, its stack, another task's regions).
 */
#include <assert.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <mach/vm_statistics.h>

#include <ksim/ipc.h>
#include <ksim/kern.h>
#include <ksim/mig_convert.h>
#include <ksim/vm.h>

#define VM_POOL_MAX_BYTES	(32u << 20)
#define VM_POOL_CLASSES		16	/* 1..16 pages, exact sizes */
#define VM_POOL_LARGE		16	/* larger regions kept, any size */

static size_t page_size_cached;
static void *pool_head[VM_POOL_CLASSES + 1];
static size_t pool_bytes;

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
	void *p = mmap(addr, size, prot, flags | MAP_PRIVATE | MAP_ANONYMOUS,
	    -1, 0);

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
	return map;
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
	size_t i;

	if (map == NULL)
		return;
	for (i = 0; i < map->nregions; i++)
		vm_host_unmap((void *)map->regions[i].start,
		    map->regions[i].end - map->regions[i].start);
	map->nregions = 0;
	map->mapped_bytes = 0;
	map->active = false;
	map->task = TASK_NULL;
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

/* Index of the first region whose end is above addr. */
static size_t region_search(struct vm_map *map, vm_offset_t addr)
{
	size_t lo = 0, hi = map->nregions;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (map->regions[mid].end <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static void region_insert(struct vm_map *map, vm_offset_t start,
    vm_offset_t end)
{
	size_t i = region_search(map, start);

	if (map->nregions == map->cap) {
		map->cap = map->cap ? map->cap * 2 : 16;
		map->regions = realloc(map->regions,
		    map->cap * sizeof(*map->regions));
		if (map->regions == NULL)
			abort();
	}
	memmove(&map->regions[i + 1], &map->regions[i],
	    (map->nregions - i) * sizeof(*map->regions));
	map->regions[i].start = start;
	map->regions[i].end = end;
	map->regions[i].pooled = false;
	map->nregions++;
	map->mapped_bytes += end - start;
}

bool vm_map_owns(struct vm_map *map, vm_address_t addr, vm_size_t size)
{
	size_t i = region_search(map, addr);

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
	for (i = region_search(map, at); i < map->nregions && at < end; i++) {
		if (map->regions[i].start > at)
			return false;		/* a gap */
		at = map->regions[i].end;
	}
	return at >= end;
}

/*
 * Routine:	region_cut
 * Purpose:	Remove [start, end) from the map's records; with unmap,
 *		also unmap the pages (whole regions go back to the pool).
 */
static void region_cut(struct vm_map *map, vm_offset_t start,
    vm_offset_t end, bool unmap)
{
	size_t i = region_search(map, start);

	while (i < map->nregions && map->regions[i].start < end) {
		struct vm_region r = map->regions[i];
		vm_offset_t cs = r.start > start ? r.start : start;
		vm_offset_t ce = r.end < end ? r.end : end;

		map->mapped_bytes -= ce - cs;
		if (unmap) {
			if (cs == r.start && ce == r.end)
				vm_pool_put((void *)cs, ce - cs);
			else
				vm_host_unmap((void *)cs, ce - cs);
		}
		if (cs == r.start && ce == r.end) {
			memmove(&map->regions[i], &map->regions[i + 1],
			    (map->nregions - i - 1) * sizeof(r));
			map->nregions--;
			continue;
		}
		if (cs == r.start) {
			map->regions[i].start = ce;
		} else if (ce == r.end) {
			map->regions[i].end = cs;
		} else {
			map->regions[i].end = cs;
			map->mapped_bytes -= r.end - ce;
			region_insert(map, ce, r.end);
		}
		i++;
	}
}

/* Fresh pages at exactly start, or MAP_FAILED (EEXIST: occupied). */
static void *map_fixed_noreplace(vm_offset_t start, vm_size_t size)
{
	return vm_host_map((void *)start, size, PROT_READ | PROT_WRITE,
	    MAP_FIXED_NOREPLACE);
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
	int known = VM_FLAGS_ANYWHERE | VM_FLAGS_OVERWRITE | (int)0xff000000;
	vm_offset_t start;
	void *p;

	if (map == NULL || addr == NULL || (flags & ~known))
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
	if (flags & VM_FLAGS_ANYWHERE) {
		/* A pooled range of the size, zeroed, before a new one. */
		p = vm_pool_get_zeroed(size);
		if (p == NULL)
			p = vm_host_map(NULL, size, PROT_READ | PROT_WRITE, 0);
		if (p == MAP_FAILED)
			return KERN_NO_SPACE;
		start = (vm_offset_t)p;
	} else {
		start = ksim_trunc_page(*addr);
		if (start == 0 || start + size < start)
			return KERN_INVALID_ADDRESS;
		if (flags & VM_FLAGS_OVERWRITE) {
			if (!vm_map_owns(map, start, size))
				return KERN_NO_SPACE;
			region_cut(map, start, start + size, false);
			p = vm_host_map((void *)start, size,
			    PROT_READ | PROT_WRITE, MAP_FIXED);
		} else {
			p = map_fixed_noreplace(start, size);
			if (p == MAP_FAILED && errno == EEXIST &&
			    vm_kernel_release(start, start + size))
				p = map_fixed_noreplace(start, size);
		}
		if (p == MAP_FAILED || (vm_offset_t)p != start) {
			if (p != MAP_FAILED)
				vm_host_unmap(p, size);
			return KERN_NO_SPACE;
		}
	}
	region_insert(map, start, start + size);
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
	if (addr + size < addr)
		return KERN_INVALID_ARGUMENT;
	start = ksim_trunc_page(addr);
	end = ksim_round_page(addr + size);
	region_cut(map, start, end, true);
	return KERN_SUCCESS;
}

kern_return_t vm_map_take(struct vm_map *map, vm_address_t addr,
    vm_size_t size)
{
	if (!vm_map_owns(map, addr, size))
		return KERN_INVALID_ADDRESS;
	region_cut(map, addr, addr + size, false);
	return KERN_SUCCESS;
}

kern_return_t vm_map_give(struct vm_map *map, vm_address_t addr,
    vm_size_t size, bool pooled)
{
	(void)pooled;
	if (map->limit_bytes && map->mapped_bytes + size > map->limit_bytes)
		return KERN_NO_SPACE;
	region_insert(map, addr, addr + size);
	return KERN_SUCCESS;
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
