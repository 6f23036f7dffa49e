/*
 * vm_object.c - memory shared between mappings: objects (host memfd
 * files), named memory entries, and the calls that map memory into a
 * map from somewhere else: vm_map, vm_remap and task_create's
 * inheritance.
 *
 * Private memory is plain anonymous memory.  It becomes an object's the
 * first time it must be shared (vm_remap without copy, a memory entry,
 * a SHARE region at task_create): its contents are copied into a new
 * memfd and the file is mapped over the same addresses (range_share).
 * Copies (vm_remap and vm_map with copy, COPY inheritance) are eager:
 * the new memory is written at once, so later writes on either side
 * stay private, as copy-on-write would keep them.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <mach/memory_object_types.h>

#include <ksim/ipc.h>
#include <ksim/kern.h>
#include <ksim/mig_convert.h>
#include <ksim/pager.h>
#include <ksim/vm.h>

#include "vm_internal.h"

/* Copies larger than this run with the kernel lock released. */
#define VM_COPY_UNLOCKED	(256u << 10)

/* ---- objects ------------------------------------------------------------------- */

/*
 * Routine:	vm_object_create
 * Purpose:	A new zero-filled object of size bytes (a memfd).
 * Returns:	The object with one reference, or NULL (host failure).
 */
struct vm_object *vm_object_create(vm_size_t size)
{
	struct vm_object *object;
	int fd = memfd_create("machsim-vm", MFD_CLOEXEC);

	if (fd < 0)
		return NULL;
	if (ftruncate(fd, (off_t)size) != 0) {
		close(fd);
		return NULL;
	}
	object = calloc(1, sizeof(*object));
	if (object == NULL) {
		close(fd);
		return NULL;
	}
	object->ref_count = 1;
	object->fd = fd;
	object->size = size;
	return object;
}

void vm_object_reference(struct vm_object *object)
{
	object->ref_count++;
}

/* The last reference closes the file (its pages go with its mappings). */
void vm_object_deallocate(struct vm_object *object)
{
	if (object == NULL || --object->ref_count > 0)
		return;
	if (object->pager != NULL)
		vm_pager_object_free(object);
	close(object->fd);
	free(object);
}

/* ---- copies -------------------------------------------------------------------- */

/* Is every page of [start, end) mapped in the host? */
static bool host_mapped(vm_offset_t start, vm_offset_t end)
{
	return msync((void *)start, end - start, MS_ASYNC) == 0 ||
	    errno != ENOMEM;
}

/*
 * Routine:	vm_copy_memory
 * Purpose:	Copy size bytes between task memories (the kernel's or a
 *		task's), failing instead of faulting; a large copy runs
 *		with the kernel lock released (the caller keeps no
 *		pointer into the map records across this call).
 * Conditions:	Kernel locked (released and retaken for a large copy).
 * Returns:	KERN_SUCCESS; KERN_INVALID_ADDRESS (a side not mapped);
 *		KERN_PROTECTION_FAILURE (mapped, but not accessible).
 */
kern_return_t vm_copy_memory(void *dst, const void *src, size_t size)
{
	vm_offset_t s = (vm_offset_t)src, d = (vm_offset_t)dst;
	bool ok;

	if (size == 0)
		return KERN_SUCCESS;
	if (size > VM_COPY_UNLOCKED) {
		unsigned depth = ksim_unlock_all();

		ok = ksim_copyin(dst, src, size);
		ksim_relock(depth);
	} else {
		ok = ksim_copyin(dst, src, size);
	}
	vm_counters.faults += ksim_round_page(size) / vm_page_size_get();
	if (ok)
		return KERN_SUCCESS;
	if (!host_mapped(ksim_trunc_page(s), ksim_round_page(s + size)) ||
	    !host_mapped(ksim_trunc_page(d), ksim_round_page(d + size)))
		return KERN_INVALID_ADDRESS;
	return KERN_PROTECTION_FAILURE;
}

/*
 * Copy [src, src+size) of map's record with protection prot into dst,
 * kernel-held memory no map records yet.  Pages the protection forbids
 * reading are read by lifting the protection for the copy (a copy is the
 * kernel's, as copy-on-write is on Darwin); that copy is made with the
 * lock held throughout, so no call sees the lifted protection.
 * Conditions: kernel locked (released between chunks of a readable
 * source, which are checked again each time).
 */
static kern_return_t copy_region_contents(struct vm_map *map, void *dst,
    vm_offset_t src, size_t size, vm_prot_t prot)
{
	kern_return_t kr;

	if (prot & VM_PROT_READ)
		return vm_copy_checked(map, (void *)src, VM_PROT_READ, NULL,
		    dst, 0, size);
	(void)mprotect((void *)src, size, PROT_READ);
	kr = ksim_copyin(dst, (void *)src, size) ? KERN_SUCCESS :
	    KERN_INVALID_ADDRESS;
	(void)mprotect((void *)src, size, prot & VM_PROT_ALL);
	return kr;
}

/*
 * Routine:	range_share
 * Purpose:	Make every private record in [start, end) shared: one new
 *		object for the range, the records' contents copied into it
 *		and its file mapped over the same addresses, attributes
 *		kept.  Records already shared keep their objects.
 * Conditions:	Kernel locked; the range is page-aligned and covered.
 *		The copy is made with the lock held: no other call sees
 *		the range half converted.
 * Returns:	KERN_SUCCESS; KERN_RESOURCE_SHORTAGE (host failure; the
 *		records are as they were).
 */
static kern_return_t range_share(struct vm_map *map, vm_offset_t start,
    vm_offset_t end)
{
	struct vm_object *object = NULL;
	size_t i;
	void *tmp = MAP_FAILED;

	vm_region_clip(map, start);
	vm_region_clip(map, end);
	for (i = vm_region_search(map, start);
	    i < map->nregions && map->regions[i].start < end; i++) {
		struct vm_region *r = &map->regions[i];
		size_t len = r->end - r->start;
		void *p;

		if (r->object != NULL)
			continue;
		if (object == NULL) {
			object = vm_object_create(end - start);
			if (object == NULL)
				return KERN_RESOURCE_SHORTAGE;
			tmp = vm_host_map_object(NULL, end - start,
			    PROT_READ | PROT_WRITE, 0, object, 0);
			if (tmp == MAP_FAILED) {
				vm_object_deallocate(object);
				return KERN_RESOURCE_SHORTAGE;
			}
		}
		if (!(r->protection & VM_PROT_READ))
			(void)mprotect((void *)r->start, len, PROT_READ);
		if (!ksim_copyin((uint8_t *)tmp + (r->start - start),
		    (void *)r->start, len))
			(void)mprotect((void *)r->start, len,
			    r->protection & VM_PROT_ALL);
		p = vm_host_map_object((void *)r->start, len,
		    r->protection & VM_PROT_ALL, MAP_FIXED, object,
		    r->start - start);
		if (p == MAP_FAILED)
			continue;	/* stays private */
		vm_object_reference(object);
		r->object = object;
		r->offset = r->start - start;
		r->pooled = false;
		if (r->wired)
			(void)mlock((void *)r->start, len);
		vm_counters.cow_faults += len / vm_page_size_get();
	}
	if (object != NULL) {
		vm_host_unmap(tmp, end - start);
		vm_object_deallocate(object);	/* the records hold it now */
	}
	return KERN_SUCCESS;
}

/*
 * Routine:	vm_map_object_of
 * Purpose:	The object behind [addr, addr+size) of the map, made
 *		shared if it was private (mach_make_memory_entry): the
 *		range must be one object at contiguous offsets.
 * Conditions:	Kernel locked.
 * Returns:	KERN_SUCCESS with a reference in *object, the offset of
 *		trunc_page(addr) and the smallest maximum protection in
 *		*max; KERN_INVALID_ADDRESS (not all mapped);
 *		KERN_INVALID_ARGUMENT (several objects, wrap);
 *		KERN_RESOURCE_SHORTAGE.
 */
kern_return_t vm_map_object_of(struct vm_map *map, vm_address_t addr,
    vm_size_t size, struct vm_object **object, vm_offset_t *offset,
    vm_prot_t *max)
{
	vm_offset_t start, end;
	struct vm_object *o = NULL;
	vm_offset_t next_off = 0;
	vm_prot_t m = VM_PROT_ALL;
	kern_return_t kr;
	size_t i;

	if (!vm_range_round(addr, size, &start, &end) || start == end)
		return KERN_INVALID_ARGUMENT;
	if (!vm_map_covers(map, start, end))
		return KERN_INVALID_ADDRESS;
	kr = range_share(map, start, end);
	if (kr != KERN_SUCCESS)
		return kr;
	for (i = vm_region_search(map, start);
	    i < map->nregions && map->regions[i].start < end; i++) {
		const struct vm_region *r = &map->regions[i];

		if (o == NULL) {
			o = r->object;
			*offset = r->offset;
		} else if (r->object != o || r->offset != next_off) {
			return KERN_INVALID_ARGUMENT;
		}
		if (o == NULL)
			return KERN_RESOURCE_SHORTAGE;
		next_off = r->offset + (r->end - r->start);
		m &= r->max_protection;
	}
	vm_object_reference(o);
	*object = o;
	*max = m;
	return KERN_SUCCESS;
}

/* ---- mapping ------------------------------------------------------------------- */

/*
 * Routine:	vm_map_enter
 * Purpose:	vm_map (8.2): fresh zero-filled memory (object NULL), or
 *		size bytes of an object from offset, shared (copy FALSE)
 *		or as a private copy (copy TRUE), placed as vm_allocate
 *		places memory, with mask bits clear in the address.
 * Conditions:	Kernel locked.
 * Returns:	KERN_SUCCESS with *addr set; KERN_INVALID_ARGUMENT
 *		(size 0, protections or inheritance out of range, past
 *		the object's end); as vm_map_reserve.
 */
kern_return_t vm_map_enter(struct vm_map *map, vm_address_t *addr,
    vm_size_t size, vm_address_t mask, int flags, struct vm_object *object,
    vm_offset_t offset, boolean_t copy, vm_prot_t cur, vm_prot_t max,
    vm_inherit_t inh)
{
	struct vm_region r;
	vm_address_t start = *addr;
	kern_return_t kr;
	void *p;

	if (size == 0 || (cur & ~VM_PROT_ALL) || (max & ~VM_PROT_ALL) ||
	    inh > VM_INHERIT_NONE)
		return KERN_INVALID_ARGUMENT;
	size = ksim_round_page(size);
	if (size == 0 || (offset & (vm_page_size_get() - 1)))
		return KERN_INVALID_ARGUMENT;
	if (object != NULL && (offset + size < offset ||
	    offset + size > object->size))
		return KERN_INVALID_ARGUMENT;
	cur &= max;
	/* A copy of a manager's pages would need every page now. */
	if (object != NULL && object->pager != NULL && copy)
		return KERN_NOT_SUPPORTED;
	kr = vm_map_reserve(map, &start, size, mask, flags);
	if (kr != KERN_SUCCESS)
		return kr;
	r = vm_region_fresh(start, start + size);
	r.protection = cur;
	r.max_protection = max;
	r.inheritance = inh;
	if (object != NULL && !copy) {
		p = vm_host_map_object((void *)start, size,
		    object->pager != NULL ? PROT_NONE : cur, MAP_FIXED,
		    object, offset);
		if (p == MAP_FAILED) {
			vm_host_unmap((void *)start, size);
			return KERN_RESOURCE_SHORTAGE;
		}
		vm_object_reference(object);
		r.object = object;
		r.offset = offset;
	} else {
		p = vm_host_map((void *)start, size, PROT_READ | PROT_WRITE,
		    MAP_FIXED);
		if (p == MAP_FAILED) {
			vm_host_unmap((void *)start, size);
			return KERN_RESOURCE_SHORTAGE;
		}
		if (object != NULL) {
			void *src = vm_host_map_object(NULL, size, PROT_READ,
			    0, object, offset);

			kr = src == MAP_FAILED ? KERN_RESOURCE_SHORTAGE :
			    vm_copy_memory(p, src, size);
			if (src != MAP_FAILED)
				vm_host_unmap(src, size);
			if (kr == KERN_SUCCESS && !map->active)
				kr = KERN_INVALID_ARGUMENT;
			if (kr != KERN_SUCCESS) {
				vm_host_unmap(p, size);
				return kr;
			}
			vm_counters.cow_faults += size / vm_page_size_get();
		} else {
			vm_counters.zero_fill += size / vm_page_size_get();
		}
		if (cur != VM_PROT_DEFAULT)
			(void)mprotect(p, size, cur);
	}
	vm_region_insert(map, &r);
	vm_pager_protect_region(map, &r);
	*addr = start;
	return KERN_SUCCESS;
}

/* One record's part of a remapped range, kept across an unlocked copy. */
struct remap_piece {
	vm_offset_t		start;		/* in the source */
	vm_offset_t		end;
	vm_prot_t		protection;	/* the new region's */
	vm_prot_t		max_protection;
	vm_prot_t		src_protection;	/* the source's */
	struct vm_object	*object;	/* referenced (share) */
	vm_offset_t		offset;
};

/*
 * Routine:	vm_map_remap
 * Purpose:	vm_remap (8.2): map [src_addr, src_addr+size) of src into
 *		target, placed as vm_allocate places memory.  copy FALSE:
 *		both map the same memory (the source made shared first);
 *		copy TRUE: the target gets a snapshot.  requested FALSE:
 *		each new region keeps its source's protections; *cur and
 *		*max return the most restrictive found.  requested TRUE
 *		(mach_vm_remap_new): *cur and *max are the protections
 *		every new region gets, and the source must allow them.
 * Conditions:	Kernel locked (released during a large copy).
 * Returns:	KERN_SUCCESS; KERN_INVALID_ARGUMENT (size 0, wrap,
 *		inheritance); KERN_INVALID_ADDRESS (source not all
 *		mapped); KERN_PROTECTION_FAILURE (requested protections
 *		the source does not allow); KERN_NO_SPACE;
 *		KERN_RESOURCE_SHORTAGE.  Nothing changes on failure.
 */
kern_return_t vm_map_remap(struct vm_map *target, vm_address_t *addr,
    vm_size_t size, vm_address_t mask, int flags, struct vm_map *src,
    vm_address_t src_addr, boolean_t copy, vm_prot_t *cur, vm_prot_t *max,
    vm_inherit_t inh, bool requested)
{
	vm_offset_t s, e, t;
	struct remap_piece *pc;
	size_t n = 0, i, j;
	vm_prot_t c = VM_PROT_ALL, m = VM_PROT_ALL;
	kern_return_t kr = KERN_SUCCESS;
	vm_address_t at = *addr;

	if (size == 0 || inh > VM_INHERIT_NONE ||
	    !vm_range_round(src_addr, size, &s, &e))
		return KERN_INVALID_ARGUMENT;
	if (!vm_map_covers(src, s, e))
		return KERN_INVALID_ADDRESS;
	if (requested) {
		for (j = vm_region_search(src, s); j < src->nregions &&
		    src->regions[j].start < e; j++) {
			c &= src->regions[j].protection;
			m &= src->regions[j].max_protection;
		}
		if ((*cur & ~c) != 0 || (*max & ~m) != 0)
			return KERN_PROTECTION_FAILURE;
		c = *cur;
		m = *max;
	}
	kr = vm_map_reserve(target, &at, e - s, mask,
	    flags & ~VM_FLAGS_OVERWRITE);
	if (kr != KERN_SUCCESS)
		return kr;
	if (!copy && range_share(src, s, e) != KERN_SUCCESS) {
		vm_host_unmap((void *)at, e - s);
		return KERN_RESOURCE_SHORTAGE;
	}
	vm_region_clip(src, s);
	vm_region_clip(src, e);
	i = vm_region_search(src, s);
	for (j = i; j < src->nregions && src->regions[j].start < e; j++)
		n++;
	pc = calloc(n, sizeof(*pc));
	if (pc == NULL) {
		vm_host_unmap((void *)at, e - s);
		return KERN_RESOURCE_SHORTAGE;
	}
	for (j = 0; j < n; j++) {
		const struct vm_region *r = &src->regions[i + j];

		pc[j].start = r->start;
		pc[j].end = r->end;
		pc[j].protection = requested ? c : r->protection;
		pc[j].max_protection = requested ? m : r->max_protection;
		pc[j].src_protection = r->protection;
		pc[j].object = copy ? NULL : r->object;
		pc[j].offset = r->offset;
		if (pc[j].object != NULL)
			vm_object_reference(pc[j].object);
		c &= pc[j].protection;
		m &= pc[j].max_protection;
	}
	if (copy) {
		void *p = vm_host_map((void *)at, e - s,
		    PROT_READ | PROT_WRITE, MAP_FIXED);

		if (p == MAP_FAILED)
			kr = KERN_RESOURCE_SHORTAGE;
		for (j = 0; j < n && kr == KERN_SUCCESS; j++)
			kr = copy_region_contents(src,
			    (void *)(at + pc[j].start - s), pc[j].start,
			    pc[j].end - pc[j].start, pc[j].src_protection);
	} else {
		for (j = 0; j < n && kr == KERN_SUCCESS; j++) {
			t = at + pc[j].start - s;
			if (pc[j].object == NULL ||
			    vm_host_map_object((void *)t, pc[j].end -
			    pc[j].start, pc[j].protection, MAP_FIXED,
			    pc[j].object, pc[j].offset) == MAP_FAILED)
				kr = KERN_RESOURCE_SHORTAGE;
		}
	}
	if (kr == KERN_SUCCESS && !target->active)
		kr = KERN_INVALID_ARGUMENT;	/* died while we copied */
	for (j = 0; j < n; j++) {
		struct vm_region r;

		if (kr != KERN_SUCCESS) {
			vm_object_deallocate(pc[j].object);
			continue;
		}
		t = at + pc[j].start - s;
		r = vm_region_fresh(t, t + pc[j].end - pc[j].start);
		r.protection = pc[j].protection;
		r.max_protection = pc[j].max_protection;
		r.inheritance = inh;
		r.object = pc[j].object;	/* its reference */
		r.offset = pc[j].offset;
		if (copy && r.protection != VM_PROT_DEFAULT)
			(void)mprotect((void *)t, r.end - r.start,
			    r.protection);
		if (copy)
			vm_counters.cow_faults += (r.end - r.start) /
			    vm_page_size_get();
		vm_region_insert(target, &r);
		vm_pager_protect_region(target, &r);
	}
	free(pc);
	if (kr != KERN_SUCCESS) {
		vm_host_unmap((void *)at, e - s);
		return kr;
	}
	*addr = at;
	*cur = c;
	*max = m;
	return KERN_SUCCESS;
}

/*
 * Routine:	vm_map_inherit_to
 * Purpose:	task_create's inherit_memory (8.3), in one address space.
 *		NONE: omitted.  SHARE: the child records the same pages at
 *		the same address (made shared first), so writes on either
 *		side are seen by the other, and unmapping in one task
 *		leaves them mapped for the other.  COPY: the child gets a
 *		snapshot of the region's contents at a new address (the
 *		parent's address is the parent's memory), with the same
 *		attributes; later writes on either side stay private.
 * Conditions:	Kernel locked (released during large copies); child is
 *		new and empty.
 * Returns:	KERN_SUCCESS; KERN_RESOURCE_SHORTAGE (what was inherited
 *		so far stays).
 */
kern_return_t vm_map_inherit_to(struct vm_map *parent, struct vm_map *child)
{
	vm_offset_t at = 0;
	size_t i;

	for (;;) {
		struct vm_region r, c;
		vm_address_t to;
		kern_return_t kr;

		i = vm_region_search(parent, at);
		if (i >= parent->nregions)
			return KERN_SUCCESS;
		r = parent->regions[i];
		at = r.end;
		if (r.inheritance == VM_INHERIT_NONE)
			continue;
		if (r.inheritance == VM_INHERIT_SHARE) {
			if (range_share(parent, r.start, r.end) !=
			    KERN_SUCCESS)
				return KERN_RESOURCE_SHORTAGE;
			c = parent->regions[vm_region_search(parent, r.start)];
			if (c.object == NULL)
				return KERN_RESOURCE_SHORTAGE;
			c.wired = 0;
			c.pooled = false;
			vm_object_reference(c.object);
			vm_region_insert(child, &c);
			continue;
		}
		/* COPY */
		to = 0;
		kr = vm_map_reserve(child, &to, r.end - r.start, 0,
		    VM_FLAGS_ANYWHERE);
		if (kr != KERN_SUCCESS ||
		    vm_host_map((void *)to, r.end - r.start,
		    PROT_READ | PROT_WRITE, MAP_FIXED) == MAP_FAILED) {
			if (kr == KERN_SUCCESS)
				vm_host_unmap((void *)to, r.end - r.start);
			return KERN_RESOURCE_SHORTAGE;
		}
		(void)copy_region_contents(parent, (void *)to, r.start,
		    r.end - r.start, r.protection);
		c = r;
		c.start = to;
		c.end = to + (r.end - r.start);
		c.object = NULL;
		c.offset = 0;
		c.wired = 0;
		c.pooled = false;
		if (c.protection != VM_PROT_DEFAULT)
			(void)mprotect((void *)to, c.end - c.start,
			    c.protection);
		if (c.behavior == VM_BEHAVIOR_RANDOM)
			(void)madvise((void *)to, c.end - c.start, MADV_RANDOM);
		else if (c.behavior == VM_BEHAVIOR_SEQUENTIAL)
			(void)madvise((void *)to, c.end - c.start,
			    MADV_SEQUENTIAL);
		vm_counters.cow_faults += (c.end - c.start) /
		    vm_page_size_get();
		vm_region_insert(child, &c);
	}
}

/* ---- named entries -------------------------------------------------------------- */

struct vm_named_entry *vm_named_entry_lookup(mach_port_name_t name)
{
	return ipc_kobject_lookup(name, IKOT_NAMED_ENTRY);
}

/*
 * Routine:	vm_named_entry_no_senders
 * Purpose:	The entry's port lost its last send right: destroy the
 *		port and free the entry (its mappings keep the object).
 * Conditions:	Kernel locked.
 */
void vm_named_entry_no_senders(ipc_port_t port)
{
	struct vm_named_entry *entry = ipc_kobject_get(port, IKOT_NAMED_ENTRY);

	if (entry == NULL)
		return;
	entry->port = IP_NULL;
	ipc_kobject_destroy_port(port);
	vm_object_deallocate(entry->object);
	free(entry);
}

/* A new entry and its port, for a reply: a send right's name. */
static mach_port_t named_entry_make(struct vm_object *object,
    vm_offset_t offset, vm_size_t size, vm_prot_t prot)
{
	struct vm_named_entry *entry = calloc(1, sizeof(*entry));

	if (entry == NULL) {
		vm_object_deallocate(object);
		return MACH_PORT_NULL;
	}
	entry->object = object;		/* its reference */
	entry->offset = offset;
	entry->size = size;
	entry->protection = prot;
	entry->port = ipc_kobject_alloc_port(entry, IKOT_NAMED_ENTRY);
	return ipc_kobject_reply_send(entry->port);
}

/*
 * Routine:	vm_named_entry_create
 * Purpose:	mach_make_memory_entry: a named entry for *size bytes at
 *		offset of the map (made shared), of the parent entry, or
 *		of a new object (MAP_MEM_NAMED_CREATE).
 * Conditions:	Kernel locked.
 * Returns:	KERN_SUCCESS with *size rounded and a send right's name in
 *		*handle; KERN_INVALID_ARGUMENT (size 0, wrap, past the
 *		parent, unknown flags); KERN_INVALID_ADDRESS (not mapped);
 *		KERN_PROTECTION_FAILURE (permission beyond the memory's
 *		maximum or the parent's); KERN_RESOURCE_SHORTAGE.
 */
kern_return_t vm_named_entry_create(struct vm_map *map, vm_size_t *size,
    vm_offset_t offset, vm_prot_t permission, mach_port_t *handle,
    mach_port_name_t parent)
{
	vm_prot_t prot = permission & VM_PROT_ALL, max;
	vm_offset_t start, end, off;
	struct vm_named_entry *pe = NULL;
	struct vm_object *object;
	kern_return_t kr;

	if (permission & ~(VM_PROT_ALL | MAP_MEM_NAMED_CREATE |
	    MAP_MEM_VM_SHARE | MAP_MEM_USE_DATA_ADDR | 0xFF000000u))
		return KERN_INVALID_ARGUMENT;
	if (MACH_PORT_VALID(parent)) {
		pe = vm_named_entry_lookup(parent);
		if (pe == NULL)
			return KERN_INVALID_ARGUMENT;
	}
	if (*size == 0 || offset + *size < offset)
		return KERN_INVALID_ARGUMENT;
	start = ksim_trunc_page(offset);
	end = ksim_round_page(offset + *size);
	if (end <= start)
		return KERN_INVALID_ARGUMENT;
	if (permission & MAP_MEM_NAMED_CREATE) {
		object = vm_object_create(end - start);
		if (object == NULL)
			return KERN_RESOURCE_SHORTAGE;
		*size = end - start;
		*handle = named_entry_make(object, 0, end - start, prot);
		return *handle == MACH_PORT_NULL ? KERN_RESOURCE_SHORTAGE :
		    KERN_SUCCESS;
	}
	if (pe != NULL) {
		if (end > pe->size)
			return KERN_INVALID_ARGUMENT;
		if (prot & ~pe->protection)
			return KERN_PROTECTION_FAILURE;
		vm_object_reference(pe->object);
		*size = end - start;
		*handle = named_entry_make(pe->object, pe->offset + start,
		    end - start, prot);
		return *handle == MACH_PORT_NULL ? KERN_RESOURCE_SHORTAGE :
		    KERN_SUCCESS;
	}
	if (!vm_map_covers(map, start, end))
		return KERN_INVALID_ADDRESS;
	{
		size_t i;

		for (i = vm_region_search(map, start); i < map->nregions &&
		    map->regions[i].start < end; i++)
			if (prot & ~map->regions[i].max_protection)
				return KERN_PROTECTION_FAILURE;
	}
	kr = vm_map_object_of(map, start, end - start, &object, &off, &max);
	if (kr != KERN_SUCCESS)
		return kr;
	*size = end - start;
	*handle = named_entry_make(object, off, end - start, prot);
	return *handle == MACH_PORT_NULL ? KERN_RESOURCE_SHORTAGE :
	    KERN_SUCCESS;
}
