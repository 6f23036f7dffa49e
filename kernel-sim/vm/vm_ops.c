/*
 * vm_ops.c - the map side of the VM calls that change a range's
 * attributes or read and write its contents (MACH-SEMANTICS 8.2):
 * protect, inherit, behavior, msync, wire, machine attributes, region,
 * read, write, copy, page query, purgable control.
 *
 * The calls that change attributes check the whole range first and
 * then change it, so that an error leaves the map as it was.  Contents
 * move with vm_copy_checked (ksim_copyin under a fault guard, in chunks
 * checked under the kernel lock): a fault is an error code, never a
 * signal.  Memory the kernel never mapped (the
 * process's heap, stacks, static data) counts as the task's own for
 * reading and writing, as out-of-line memory does (vm_map_may_read);
 * attributes can be changed only on memory the map records.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <ksim/ipc.h>
#include <ksim/kern.h>
#include <ksim/mig_convert.h>
#include <ksim/pager.h>
#include <ksim/vm.h>

#include "vm_internal.h"

/* Clip the records at both ends and return the first index in range. */
static size_t range_clip(struct vm_map *map, vm_offset_t start,
    vm_offset_t end)
{
	vm_region_clip(map, start);
	vm_region_clip(map, end);
	return vm_region_search(map, start);
}

/*
 * Routine:	vm_map_protect
 * Purpose:	vm_protect (8.2): set the current or the maximum
 *		protection of every page of the range.
 * Conditions:	Kernel locked.
 * Returns:	KERN_SUCCESS; KERN_INVALID_ARGUMENT (prot, wrap);
 *		KERN_INVALID_ADDRESS (a hole); KERN_PROTECTION_FAILURE
 *		(beyond a region's maximum).  Nothing changes on an error.
 */
kern_return_t vm_map_protect(struct vm_map *map, vm_address_t addr,
    vm_size_t size, boolean_t set_maximum, vm_prot_t prot)
{
	vm_offset_t start, end;
	size_t i;

	if (prot & ~(VM_PROT_ALL | VM_PROT_COPY))
		return KERN_INVALID_ARGUMENT;
	if (!vm_range_round(addr, size, &start, &end))
		return KERN_INVALID_ARGUMENT;
	if (start == end)
		return KERN_SUCCESS;
	if (!vm_map_covers(map, start, end))
		return KERN_INVALID_ADDRESS;
	for (i = vm_region_search(map, start); i < map->nregions &&
	    map->regions[i].start < end; i++) {
		vm_prot_t max = map->regions[i].max_protection;

		if ((prot & VM_PROT_COPY) && !set_maximum)
			max |= VM_PROT_WRITE;
		if ((prot & VM_PROT_ALL) & ~max)
			return KERN_PROTECTION_FAILURE;
	}
	for (i = range_clip(map, start, end); i < map->nregions &&
	    map->regions[i].start < end; i++) {
		struct vm_region *r = &map->regions[i];
		size_t len = r->end - r->start;

		if (set_maximum) {
			r->max_protection = prot & VM_PROT_ALL;
			r->protection &= r->max_protection;
		} else {
			if ((prot & VM_PROT_COPY) && r->object != NULL) {
				/* A private copy ends the sharing. */
				void *tmp = vm_host_map(NULL, len,
				    PROT_READ | PROT_WRITE, 0);

				if (tmp == MAP_FAILED)
					return KERN_RESOURCE_SHORTAGE;
				if (!(r->protection & VM_PROT_READ))
					(void)mprotect((void *)r->start, len,
					    PROT_READ);
				(void)ksim_copyin(tmp, (void *)r->start, len);
				if (mremap(tmp, len, len, MREMAP_MAYMOVE |
				    MREMAP_FIXED, (void *)r->start) ==
				    MAP_FAILED) {
					vm_host_unmap(tmp, len);
					return KERN_RESOURCE_SHORTAGE;
				}
				vm_held_remove((vm_offset_t)tmp,
				    (vm_offset_t)tmp + len);
				vm_object_deallocate(r->object);
				r->object = NULL;
				r->offset = 0;
				if (r->wired)
					(void)mlock((void *)r->start, len);
			}
			if (prot & VM_PROT_COPY)
				r->max_protection |= VM_PROT_WRITE;
			r->protection = prot & VM_PROT_ALL;
		}
		r->pooled = false;
		(void)mprotect((void *)r->start, len, r->protection);
		vm_pager_protect_region(map, r);
	}
	return KERN_SUCCESS;
}

/*
 * Routine:	vm_map_inherit
 * Purpose:	vm_inherit (8.2): the inheritance of the mapped pages of
 *		the range (holes are skipped).
 * Conditions:	Kernel locked.
 * Returns:	KERN_SUCCESS; KERN_INVALID_ARGUMENT (inh, wrap).
 */
kern_return_t vm_map_inherit(struct vm_map *map, vm_address_t addr,
    vm_size_t size, vm_inherit_t inh)
{
	vm_offset_t start, end;
	size_t i;

	if (inh > VM_INHERIT_NONE || !vm_range_round(addr, size, &start, &end))
		return KERN_INVALID_ARGUMENT;
	for (i = range_clip(map, start, end); i < map->nregions &&
	    map->regions[i].start < end; i++)
		map->regions[i].inheritance = inh;
	return KERN_SUCCESS;
}

/*
 * Routine:	vm_map_behavior_set
 * Purpose:	vm_behavior_set (8.2): DEFAULT, RANDOM, SEQUENTIAL and
 *		RSEQNTL are recorded (vm_region shows them) and given to
 *		the host as advice; WILLNEED and DONTNEED are one-time
 *		advice (prefetch; deactivate without discarding), not
 *		recorded, as on Darwin.  Contents never change.
 * Conditions:	Kernel locked.
 * Returns:	KERN_SUCCESS; KERN_INVALID_ARGUMENT (behavior, wrap);
 *		KERN_INVALID_ADDRESS (not all mapped; nothing changes).
 */
kern_return_t vm_map_behavior_set(struct vm_map *map, vm_address_t addr,
    vm_size_t size, vm_behavior_t behavior)
{
	static const int advice[] = { MADV_NORMAL, MADV_RANDOM,
		MADV_SEQUENTIAL, MADV_NORMAL, MADV_WILLNEED, MADV_COLD };
	vm_offset_t start, end;
	size_t i;

	if (behavior < VM_BEHAVIOR_DEFAULT || behavior > VM_BEHAVIOR_DONTNEED)
		return KERN_INVALID_ARGUMENT;
	if (!vm_range_round(addr, size, &start, &end))
		return KERN_INVALID_ARGUMENT;
	if (start == end)
		return KERN_SUCCESS;
	if (!vm_map_covers(map, start, end))
		return KERN_INVALID_ADDRESS;
	if (behavior <= VM_BEHAVIOR_RSEQNTL) {
		for (i = range_clip(map, start, end); i < map->nregions &&
		    map->regions[i].start < end; i++) {
			map->regions[i].behavior = behavior;
			map->regions[i].pooled = false;
		}
	}
	(void)madvise((void *)start, end - start, advice[behavior]);
	return KERN_SUCCESS;
}

/*
 * Routine:	vm_map_msync
 * Purpose:	vm_msync (8.2): write the mapped parts of the range back
 *		to their objects (msync, waiting with SYNCHRONOUS),
 *		INVALIDATE drops cached copies, KILLPAGES discards private
 *		pages (they read as zero), DEACTIVATE ages them.
 * Conditions:	Kernel locked.
 * Returns:	KERN_SUCCESS; KERN_INVALID_ARGUMENT (SYNCHRONOUS with
 *		ASYNCHRONOUS, wrap); KERN_INVALID_ADDRESS (a hole, after
 *		the mapped parts were synced).
 */
kern_return_t vm_map_msync(struct vm_map *map, vm_address_t addr,
    vm_size_t size, vm_sync_t flags)
{
	vm_offset_t start, end;
	bool hole;
	size_t i;

	if ((flags & VM_SYNC_SYNCHRONOUS) && (flags & VM_SYNC_ASYNCHRONOUS))
		return KERN_INVALID_ARGUMENT;
	if (!vm_range_round(addr, size, &start, &end))
		return KERN_INVALID_ARGUMENT;
	if (start == end)
		return KERN_SUCCESS;
	hole = !vm_map_covers(map, start, end);
	for (i = vm_region_search(map, start); start < end &&
	    i < map->nregions && map->regions[i].start < end; i++) {
		const struct vm_region *r = &map->regions[i];
		vm_offset_t s = r->start > start ? r->start : start;
		vm_offset_t e = r->end < end ? r->end : end;
		int mf = (flags & VM_SYNC_SYNCHRONOUS) ? MS_SYNC : MS_ASYNC;

		if (r->object != NULL && r->object->pager != NULL) {
			/* The manager's pages: returned, and with
			   SYNCHRONOUS waited for (the lock may go, so
			   look the rest of the range up again). */
			kern_return_t kr = vm_pager_msync(r->object,
			    r->offset + (s - r->start), e - s, flags);

			if (kr != KERN_SUCCESS)
				return kr;
			start = e;
			i = vm_region_search(map, start) - 1;
			continue;
		}
		if (flags & VM_SYNC_INVALIDATE)
			mf |= MS_INVALIDATE;
		(void)msync((void *)s, e - s, mf);
		if ((flags & VM_SYNC_KILLPAGES) && r->object == NULL &&
		    (r->protection & VM_PROT_WRITE))
			(void)madvise((void *)s, e - s, MADV_DONTNEED);
		else if (flags & VM_SYNC_DEACTIVATE)
			(void)madvise((void *)s, e - s, MADV_COLD);
	}
	return hole ? KERN_INVALID_ADDRESS : KERN_SUCCESS;
}

/*
 * Routine:	vm_map_wire
 * Purpose:	vm_wire (8.2): a nonzero access wires the range once more
 *		(mlock on the first wire), VM_PROT_NONE unwires once
 *		(munlock on the last).
 * Conditions:	Kernel locked.
 * Returns:	KERN_SUCCESS; KERN_INVALID_ARGUMENT (access, wrap);
 *		KERN_INVALID_ADDRESS (a hole); KERN_FAILURE (unwiring
 *		unwired pages); KERN_RESOURCE_SHORTAGE (the host refused
 *		to lock).  Nothing changes on an error.
 */
kern_return_t vm_map_wire(struct vm_map *map, vm_address_t addr,
    vm_size_t size, vm_prot_t access)
{
	vm_offset_t start, end;
	size_t i;

	if (access & ~VM_PROT_ALL)
		return KERN_INVALID_ARGUMENT;
	if (!vm_range_round(addr, size, &start, &end))
		return KERN_INVALID_ARGUMENT;
	if (start == end)
		return KERN_SUCCESS;
	if (!vm_map_covers(map, start, end))
		return KERN_INVALID_ADDRESS;
	for (i = vm_region_search(map, start); i < map->nregions &&
	    map->regions[i].start < end; i++) {
		const struct vm_region *r = &map->regions[i];

		if (access == VM_PROT_NONE && r->wired == 0)
			return KERN_FAILURE;
		if (access != VM_PROT_NONE && r->wired == USHRT_MAX)
			return KERN_FAILURE;
		if (access & ~r->protection)
			return KERN_PROTECTION_FAILURE;
	}
	if (access != VM_PROT_NONE && mlock((void *)start, end - start) != 0)
		return errno == ENOMEM || errno == EAGAIN || errno == EPERM ?
		    KERN_RESOURCE_SHORTAGE : KERN_FAILURE;
	for (i = range_clip(map, start, end); i < map->nregions &&
	    map->regions[i].start < end; i++) {
		struct vm_region *r = &map->regions[i];
		size_t pages = (r->end - r->start) / vm_page_size_get();

		r->pooled = false;
		if (access != VM_PROT_NONE) {
			if (r->wired++ == 0)
				vm_counters.wired += pages;
		} else if (--r->wired == 0) {
			(void)munlock((void *)r->start, r->end - r->start);
			vm_counters.wired -= pages;
		}
	}
	return KERN_SUCCESS;
}

/*
 * Routine:	vm_map_machine_attribute
 * Purpose:	vm_machine_attribute: x86-64 caches are coherent, so the
 *		cache attribute reads as on and its flushes succeed with
 *		nothing to do; migration and replication have no meaning
 *		on one host.
 * Conditions:	Kernel locked.
 * Returns:	KERN_SUCCESS; KERN_INVALID_ARGUMENT (attribute, value,
 *		wrap); KERN_INVALID_ADDRESS (a hole).
 */
kern_return_t vm_map_machine_attribute(struct vm_map *map,
    vm_address_t addr, vm_size_t size, vm_machine_attribute_t attribute,
    vm_machine_attribute_val_t *value)
{
	vm_offset_t start, end;

	if (!vm_range_round(addr, size, &start, &end))
		return KERN_INVALID_ARGUMENT;
	if (attribute != MATTR_CACHE && attribute != MATTR_MIGRATE &&
	    attribute != MATTR_REPLICATE)
		return KERN_INVALID_ARGUMENT;
	if (!vm_map_covers(map, start, end))
		return KERN_INVALID_ADDRESS;
	switch (*value) {
	case MATTR_VAL_GET:
		*value = attribute == MATTR_CACHE ? MATTR_VAL_ON :
		    MATTR_VAL_OFF;
		return KERN_SUCCESS;
	case MATTR_VAL_ON:
	case MATTR_VAL_CACHE_FLUSH:
	case MATTR_VAL_DCACHE_FLUSH:
	case MATTR_VAL_ICACHE_FLUSH:
	case MATTR_VAL_CACHE_SYNC:
		return attribute == MATTR_CACHE ? KERN_SUCCESS :
		    KERN_INVALID_ARGUMENT;
	case MATTR_VAL_OFF:
		return attribute == MATTR_CACHE ? KERN_INVALID_ARGUMENT :
		    KERN_SUCCESS;
	default:
		return KERN_INVALID_ARGUMENT;
	}
}

static bool region_same(const struct vm_region *a, const struct vm_region *b)
{
	return a->end == b->start && a->protection == b->protection &&
	    a->max_protection == b->max_protection &&
	    a->inheritance == b->inheritance &&
	    a->behavior == b->behavior && a->wired == b->wired &&
	    a->object == b->object && a->purgable == b->purgable &&
	    (a->object == NULL ||
	    a->offset + (a->end - a->start) == b->offset);
}

/*
 * Routine:	vm_map_region
 * Purpose:	vm_region (8.2): the region containing *addr, or failing
 *		that the first above it; a region is a run of records
 *		with the same attributes.  *info gets the first record's
 *		attributes; *shared: its memory is shared with another
 *		mapping.
 * Conditions:	Kernel locked.
 * Returns:	KERN_SUCCESS with *addr, *size set; KERN_INVALID_ADDRESS
 *		(nothing at or above).
 */
kern_return_t vm_map_region(struct vm_map *map, vm_address_t *addr,
    vm_size_t *size, struct vm_region *info, bool *shared)
{
	size_t i = vm_region_search(map, *addr), j;

	if (i >= map->nregions)
		return KERN_INVALID_ADDRESS;
	*info = map->regions[i];
	for (j = i + 1; j < map->nregions &&
	    region_same(&map->regions[j - 1], &map->regions[j]); j++)
		;
	*addr = map->regions[i].start;
	*size = map->regions[j - 1].end - map->regions[i].start;
	*shared = info->object != NULL && info->object->ref_count > 1;
	return KERN_SUCCESS;
}

/*
 * Routine:	range_access
 * Purpose:	May the map's task read (need READ) or write (need WRITE)
 *		[start, end)?  Records must grant the access; memory no
 *		record covers must be memory the kernel never mapped and
 *		the host has mapped (the task's own heap, stack, data).
 * Conditions:	Kernel locked.
 * Returns:	KERN_SUCCESS; KERN_INVALID_ADDRESS (a hole, another
 *		holder's memory); KERN_PROTECTION_FAILURE.
 */
static kern_return_t range_access(struct vm_map *map, vm_offset_t start,
    vm_offset_t end, vm_prot_t need)
{
	vm_offset_t at = start;
	kern_return_t prot_kr = KERN_SUCCESS;
	size_t i;

	for (i = vm_region_search(map, start); at < end; i++) {
		vm_offset_t gap_end = end;

		if (i < map->nregions && map->regions[i].start < end)
			gap_end = map->regions[i].start;
		if (gap_end > at) {
			if (vm_held_meets(at, gap_end) ||
			    (msync((void *)at, gap_end - at, MS_ASYNC) != 0 &&
			    errno == ENOMEM))
				return KERN_INVALID_ADDRESS;
			at = gap_end;
		}
		if (i >= map->nregions || at >= end)
			break;
		if ((map->regions[i].protection & need) != need)
			prot_kr = KERN_PROTECTION_FAILURE;
		at = map->regions[i].end;
	}
	return prot_kr;
}

/* The most a checked copy moves with the kernel lock held. */
#define VM_COPY_CHUNK	(256u << 10)

/*
 * Routine:	vm_reply_array
 * Purpose:	Room for a routine's out-of-line reply data: bytes of
 *		zeroed memory in the kernel's map, which the reply then
 *		moves to the receiver.
 * Conditions:	Kernel locked.
 * Returns:	The memory; NULL for 0 bytes, or when the kernel's map has
 *		no room (the caller answers KERN_RESOURCE_SHORTAGE).
 */
void *vm_reply_array(size_t bytes)
{
	vm_address_t addr = 0;

	if (bytes == 0 || vm_map_allocate(kernel_task->map, &addr, bytes,
	    VM_FLAGS_ANYWHERE) != KERN_SUCCESS)
		return NULL;
	return (void *)addr;
}

/*
 * Routine:	vm_copy_checked
 * Purpose:	Copy size bytes from src to dst, either side task memory
 *		(smap's, dmap's; NULL: memory the kernel owns), in chunks:
 *		each chunk's ranges are checked (range_access, needing
 *		sneed and dneed) and copied with the kernel lock held, and
 *		the lock is released between chunks, so a large copy never
 *		stalls the kernel and never touches memory that changed
 *		hands meanwhile.  Overlap is the caller's business.
 * Conditions:	Kernel locked (released between chunks).
 * Returns:	KERN_SUCCESS; KERN_INVALID_ADDRESS; KERN_PROTECTION_FAILURE
 *		(what the chunk's check or its fault found).  The chunks
 *		before the failure are copied.
 */
kern_return_t vm_copy_checked(struct vm_map *smap, const void *src,
    vm_prot_t sneed, struct vm_map *dmap, void *dst, vm_prot_t dneed,
    size_t size)
{
	vm_offset_t s = (vm_offset_t)src, d = (vm_offset_t)dst;
	size_t off, n;
	kern_return_t kr;

	for (off = 0; off < size; off += n) {
		n = size - off < VM_COPY_CHUNK ? size - off : VM_COPY_CHUNK;
		if (off != 0)
			ksim_relock(ksim_unlock_all());
		if (smap != NULL && (kr = range_access(smap,
		    ksim_trunc_page(s + off), ksim_round_page(s + off + n),
		    sneed)) != KERN_SUCCESS)
			return kr;
		if (dmap != NULL && (kr = range_access(dmap,
		    ksim_trunc_page(d + off), ksim_round_page(d + off + n),
		    dneed)) != KERN_SUCCESS)
			return kr;
		kr = vm_copy_memory((void *)(d + off), (void *)(s + off), n);
		if (kr != KERN_SUCCESS)
			return kr;
	}
	return KERN_SUCCESS;
}

/*
 * Routine:	vm_map_read
 * Purpose:	vm_read (8.2): a copy of [addr, addr+size) in new kernel
 *		memory, at the same offset within its first page, for an
 *		out-of-line reply.
 * Conditions:	Kernel locked (released between the copy's chunks).
 * Returns:	KERN_SUCCESS with *data; KERN_INVALID_ARGUMENT (wrap);
 *		KERN_INVALID_ADDRESS; KERN_PROTECTION_FAILURE;
 *		KERN_RESOURCE_SHORTAGE.
 */
kern_return_t vm_map_read(struct vm_map *map, vm_address_t addr,
    vm_size_t size, vm_offset_t *data)
{
	vm_offset_t start, end;
	vm_address_t buf = 0;
	kern_return_t kr;

	if (!vm_range_round(addr, size, &start, &end))
		return KERN_INVALID_ARGUMENT;
	if (size == 0) {
		*data = 0;
		return KERN_SUCCESS;
	}
	kr = range_access(map, start, end, VM_PROT_READ);
	if (kr != KERN_SUCCESS)
		return kr;
	if (vm_map_allocate(kernel_task->map, &buf, end - start,
	    VM_FLAGS_ANYWHERE) != KERN_SUCCESS)
		return KERN_RESOURCE_SHORTAGE;
	kr = vm_copy_checked(map, (void *)addr, VM_PROT_READ, NULL,
	    (void *)(buf + (addr - start)), 0, size);
	if (kr != KERN_SUCCESS) {
		(void)vm_map_remove(kernel_task->map, buf, end - start);
		return kr;
	}
	*data = buf + (addr - start);
	return KERN_SUCCESS;
}

/*
 * Routine:	vm_map_read_to
 * Purpose:	vm_read_overwrite (8.2): copy [addr, addr+size) of map
 *		into [dst, dst+size) of dst_map.
 * Conditions:	Kernel locked (released between the copy's chunks).
 * Returns:	KERN_SUCCESS; KERN_INVALID_ARGUMENT (wrap);
 *		KERN_INVALID_ADDRESS; KERN_PROTECTION_FAILURE.
 */
kern_return_t vm_map_read_to(struct vm_map *map, vm_address_t addr,
    vm_size_t size, struct vm_map *dst_map, vm_address_t dst)
{
	vm_offset_t s, e, ds, de;
	kern_return_t kr;

	if (!vm_range_round(addr, size, &s, &e) ||
	    !vm_range_round(dst, size, &ds, &de))
		return KERN_INVALID_ARGUMENT;
	if (size == 0)
		return KERN_SUCCESS;
	kr = range_access(map, s, e, VM_PROT_READ);
	if (kr == KERN_SUCCESS)
		kr = range_access(dst_map, ds, de, VM_PROT_WRITE);
	if (kr != KERN_SUCCESS)
		return kr;
	return vm_copy_checked(map, (void *)addr, VM_PROT_READ, dst_map,
	    (void *)dst, VM_PROT_WRITE, size);
}

/*
 * Routine:	vm_map_write
 * Purpose:	vm_write (8.2): store size bytes of kernel memory at addr
 *		in the map's existing, writable memory.
 * Conditions:	Kernel locked (released between the copy's chunks).
 * Returns:	KERN_SUCCESS; KERN_INVALID_ARGUMENT (wrap);
 *		KERN_INVALID_ADDRESS; KERN_PROTECTION_FAILURE.
 */
kern_return_t vm_map_write(struct vm_map *map, vm_address_t addr,
    const void *data, vm_size_t size)
{
	vm_offset_t s, e;
	kern_return_t kr;

	if (!vm_range_round(addr, size, &s, &e))
		return KERN_INVALID_ARGUMENT;
	if (size == 0)
		return KERN_SUCCESS;
	kr = range_access(map, s, e, VM_PROT_WRITE);
	if (kr != KERN_SUCCESS)
		return kr;
	return vm_copy_checked(NULL, data, 0, map, (void *)addr,
	    VM_PROT_WRITE, size);
}

/*
 * Routine:	vm_map_copy
 * Purpose:	vm_copy (8.2): copy [src, src+size) to dst in one map, as
 *		if the source were read first (overlap allowed: through a
 *		kernel buffer).
 * Conditions:	Kernel locked (released between the copy's chunks).
 * Returns:	KERN_SUCCESS; KERN_INVALID_ARGUMENT (wrap);
 *		KERN_INVALID_ADDRESS; KERN_PROTECTION_FAILURE;
 *		KERN_RESOURCE_SHORTAGE.
 */
kern_return_t vm_map_copy(struct vm_map *map, vm_address_t src,
    vm_size_t size, vm_address_t dst)
{
	vm_offset_t s, e, ds, de;
	vm_address_t buf = 0;
	kern_return_t kr;

	if (!vm_range_round(src, size, &s, &e) ||
	    !vm_range_round(dst, size, &ds, &de))
		return KERN_INVALID_ARGUMENT;
	if (size == 0)
		return KERN_SUCCESS;
	kr = range_access(map, s, e, VM_PROT_READ);
	if (kr == KERN_SUCCESS)
		kr = range_access(map, ds, de, VM_PROT_WRITE);
	if (kr != KERN_SUCCESS)
		return kr;
	if (dst + size <= src || src + size <= dst)
		return vm_copy_checked(map, (void *)src, VM_PROT_READ, map,
		    (void *)dst, VM_PROT_WRITE, size);
	if (vm_map_allocate(kernel_task->map, &buf, size, VM_FLAGS_ANYWHERE) !=
	    KERN_SUCCESS)
		return KERN_RESOURCE_SHORTAGE;
	kr = vm_copy_checked(map, (void *)src, VM_PROT_READ, NULL,
	    (void *)buf, 0, size);
	if (kr == KERN_SUCCESS)
		kr = vm_copy_checked(NULL, (void *)buf, 0, map, (void *)dst,
		    VM_PROT_WRITE, size);
	(void)vm_map_remove(kernel_task->map, buf, size);
	return kr;
}

/*
 * The host's page table entry of each page (Linux's
 * Documentation/admin-guide/mm/pagemap.rst): bit 63 present, 62 in
 * swap, 56 mapped by this process alone.  Private memory that was only
 * read maps the host's shared zero page, which is never "alone".
 */
#define PAGEMAP_PRESENT		(1ULL << 63)
#define PAGEMAP_SWAPPED		(1ULL << 62)
#define PAGEMAP_EXCLUSIVE	(1ULL << 56)

static int pagemap_fd = -1;
static pid_t pagemap_pid;	/* the process pagemap_fd describes */

/* n entries from page into pm; false when the host will not say.
   Conditions: kernel locked. */
static bool pagemap_read(vm_offset_t page, size_t n, uint64_t *pm)
{
	size_t len = n * sizeof(*pm);
	off_t at = (off_t)(page / vm_page_size_get() * sizeof(*pm));

	if (pagemap_fd >= 0 && pagemap_pid != getpid()) {
		(void)close(pagemap_fd);	/* inherited across fork */
		pagemap_fd = -1;
	}
	if (pagemap_fd < 0) {
		pagemap_fd = open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC);
		if (pagemap_fd < 0)
			return false;
		pagemap_pid = getpid();
	}
	return pread(pagemap_fd, pm, len, at) == (ssize_t)len;
}

/* The disposition of one mapped page: from its pagemap entry when
   have_pm, else from mincore. */
static int page_disposition(const struct vm_region *r, vm_offset_t page,
    uint64_t pm, bool have_pm)
{
	unsigned char vec = 0;
	int d = 0;

	if (r->object != NULL && r->object->pager != NULL)
		d |= VM_PAGE_QUERY_PAGE_EXTERNAL;
	if (!have_pm) {
		if (mincore((void *)page, vm_page_size_get(), &vec) == 0 &&
		    (vec & 1))
			d |= VM_PAGE_QUERY_PAGE_PRESENT | VM_PAGE_QUERY_PAGE_REF;
		return d;
	}
	if (pm & PAGEMAP_SWAPPED)
		return d | VM_PAGE_QUERY_PAGE_PAGED_OUT;
	if (!(pm & PAGEMAP_PRESENT))
		return d;
	d |= VM_PAGE_QUERY_PAGE_PRESENT | VM_PAGE_QUERY_PAGE_REF;
	if (r->object != NULL || (pm & PAGEMAP_EXCLUSIVE))
		d |= VM_PAGE_QUERY_PAGE_DIRTY;
	return d;
}

/*
 * Routine:	vm_map_page_dispositions
 * Purpose:	The VM_PAGE_QUERY_* word of each of n pages from start
 *		(page-aligned), as the host's page tables show them:
 *		PRESENT and REF for a resident page; DIRTY for a written
 *		one (private memory: the page is the task's own, no longer
 *		the host's zero page; shared memory: every resident page,
 *		since its file is memory and holds data nowhere else);
 *		PAGED_OUT for a page in swap; EXTERNAL for a page a memory
 *		manager supplies.  An unmapped page is 0.  Where the host
 *		has no /proc/self/pagemap, PRESENT and REF from mincore.
 * Conditions:	Kernel locked.
 */
void vm_map_page_dispositions(struct vm_map *map, vm_offset_t start,
    size_t n, int *disp)
{
	const vm_size_t pg = vm_page_size_get();
	uint64_t pm[64];
	bool have_pm = false;
	size_t i = vm_region_search(map, start), k;

	for (k = 0; k < n; k++) {
		vm_offset_t page = start + k * pg;

		if (k % 64 == 0)
			have_pm = pagemap_read(page, n - k < 64 ? n - k : 64,
			    pm);
		while (i < map->nregions && map->regions[i].end <= page)
			i++;
		if (i >= map->nregions || map->regions[i].start > page)
			disp[k] = 0;
		else
			disp[k] = page_disposition(&map->regions[i], page,
			    pm[k % 64], have_pm);
	}
}

/* The reference count mach_vm_page_query and mach_vm_page_info report
   for a resident page of r: its object's, 1 for private memory. */
static int page_ref_count(const struct vm_region *r, int disposition)
{
	if (!(disposition & VM_PAGE_QUERY_PAGE_PRESENT))
		return 0;
	return r->object != NULL ? r->object->ref_count : 1;
}

/*
 * Routine:	vm_map_query_page
 * Purpose:	vm_map_page_query: the page's disposition (as
 *		vm_map_page_dispositions) and how many mappings share its
 *		memory.
 * Conditions:	Kernel locked.
 * Returns:	KERN_SUCCESS; KERN_INVALID_ADDRESS (not mapped).
 */
kern_return_t vm_map_query_page(struct vm_map *map, vm_address_t addr,
    integer_t *disposition, integer_t *ref_count)
{
	vm_offset_t page = ksim_trunc_page(addr);
	size_t i = vm_region_search(map, page);

	*disposition = 0;
	*ref_count = 0;
	if (i >= map->nregions || map->regions[i].start > page)
		return KERN_INVALID_ADDRESS;
	vm_map_page_dispositions(map, page, 1, disposition);
	*ref_count = page_ref_count(&map->regions[i], *disposition);
	return KERN_SUCCESS;
}

/*
 * Routine:	vm_map_page_info_basic
 * Purpose:	mach_vm_page_info's VM_PAGE_INFO_BASIC: the page's
 *		disposition and reference count (as vm_map_query_page),
 *		its object's identity (as vm_region reports it; 0 for
 *		private memory) and offset in it, depth 0 (no shadow
 *		chains).  An unmapped page is all zeros, as Darwin's.
 * Conditions:	Kernel locked.
 */
void vm_map_page_info_basic(struct vm_map *map, vm_address_t addr,
    vm_page_info_basic_data_t *info)
{
	vm_offset_t page = ksim_trunc_page(addr);
	size_t i = vm_region_search(map, page);
	const struct vm_region *r;

	memset(info, 0, sizeof(*info));
	if (i >= map->nregions || map->regions[i].start > page)
		return;
	r = &map->regions[i];
	vm_map_page_dispositions(map, page, 1, &info->disposition);
	info->ref_count = page_ref_count(r, info->disposition);
	info->object_id = (vm_object_id_t)(uintptr_t)r->object;
	info->offset = r->offset + (page - r->start);
}

/*
 * Routine:	vm_map_purgable_control
 * Purpose:	mach_vm_purgable_control: read or set the purgable state
 *		of the region at addr (made with VM_FLAGS_PURGABLE), or
 *		purge every volatile region (its pages read as zero,
 *		state EMPTY).
 * Conditions:	Kernel locked.
 * Returns:	KERN_SUCCESS with the old state in *state;
 *		KERN_INVALID_ARGUMENT (control, state, not purgable);
 *		KERN_INVALID_ADDRESS (not mapped).
 */
kern_return_t vm_map_purgable_control(struct vm_map *map,
    vm_address_t addr, vm_purgable_t control, int *state)
{
	struct vm_region *r;
	size_t i;
	int old;

	if (control == VM_PURGABLE_PURGE_ALL) {
		struct vm_map *m;

		for (m = vm_map_all_first(); m != NULL; m = m->all_next) {
			for (i = 0; i < m->nregions; i++) {
				r = &m->regions[i];
				if (r->purgable != VM_PURGABLE_VOLATILE)
					continue;
				(void)madvise((void *)r->start,
				    r->end - r->start, MADV_DONTNEED);
				r->purgable = VM_PURGABLE_EMPTY;
				vm_counters.purges++;
			}
		}
		return KERN_SUCCESS;
	}
	if (control != VM_PURGABLE_SET_STATE &&
	    control != VM_PURGABLE_GET_STATE)
		return KERN_INVALID_ARGUMENT;
	if (control == VM_PURGABLE_SET_STATE &&
	    (*state & 3) > VM_PURGABLE_EMPTY)
		return KERN_INVALID_ARGUMENT;
	i = vm_region_search(map, addr);
	if (i >= map->nregions || map->regions[i].start > addr)
		return KERN_INVALID_ADDRESS;
	r = &map->regions[i];
	if (r->purgable == VM_PURGABLE_DENY)
		return KERN_INVALID_ARGUMENT;
	old = r->purgable;
	if (control == VM_PURGABLE_SET_STATE) {
		size_t j;

		/* The whole allocation changes state together. */
		for (j = i; j > 0 && map->regions[j - 1].end ==
		    map->regions[j].start &&
		    map->regions[j - 1].purgable != VM_PURGABLE_DENY; j--)
			;
		for (; j < map->nregions &&
		    map->regions[j].purgable != VM_PURGABLE_DENY; j++) {
			if (j > i && map->regions[j - 1].end !=
			    map->regions[j].start)
				break;
			if ((*state & 3) == VM_PURGABLE_EMPTY)
				(void)madvise((void *)map->regions[j].start,
				    map->regions[j].end -
				    map->regions[j].start, MADV_DONTNEED);
			map->regions[j].purgable = *state & 3;
		}
	}
	*state = old;
	return KERN_SUCCESS;
}

/* The counters as vm_statistics (HOST_VM_INFO) reports them, in pages. */
void vm_statistics_fill(vm_statistics_data_t *st)
{
	long avail = sysconf(_SC_AVPHYS_PAGES);
	struct vm_map *m;
	uint64_t active = 0;
	size_t ps = vm_page_size_get();

	memset(st, 0, sizeof(*st));
	for (m = vm_map_all_first(); m != NULL; m = m->all_next)
		active += m->mapped_bytes / ps;
	st->free_count = avail > 0 ? (natural_t)avail : 0;
	st->active_count = (natural_t)active;
	st->wire_count = (natural_t)vm_counters.wired;
	st->zero_fill_count = (natural_t)vm_counters.zero_fill;
	st->faults = (natural_t)vm_counters.faults;
	st->cow_faults = (natural_t)vm_counters.cow_faults;
	st->lookups = (natural_t)vm_counters.lookups;
	st->hits = (natural_t)vm_counters.hits;
	st->purges = (natural_t)vm_counters.purges;
}
