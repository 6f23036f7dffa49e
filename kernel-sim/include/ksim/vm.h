/*
 * <ksim/vm.h> - a task's address-space bookkeeping, minimal.
 *
 * All tasks share the process's address space (DESIGN, decision 5); a
 * task's map is the list of regions it owns.  vm_allocate maps fresh
 * anonymous memory and records it; vm_deallocate unmaps only what the
 * task owns.  Out-of-line message memory travels as whole mappings: a
 * region moves from the sender's map to the message and on to the
 * receiver's map without copying when it can (deallocate on send of a
 * region the sender owns exactly), and is copied into pooled,
 * already-faulted pages otherwise.
 */
#ifndef KSIM_VM_H
#define KSIM_VM_H

#include <mach/vm_types.h>

#include <ksim/types.h>

struct vm_region {
	vm_offset_t	start;
	vm_offset_t	end;
	bool		pooled;		/* pages come from the OOL pool */
};

struct vm_map {
	int			ref_count;
	bool			active;		/* false once its task died */
	task_t			task;
	struct vm_region	*regions;	/* sorted by start */
	size_t			nregions;
	size_t			cap;
	size_t			limit_bytes;	/* 0: no limit */
	size_t			mapped_bytes;
};

struct vm_map *vm_map_create(task_t task);
/* The task dies: unmap everything, drop the task's reference. */
void vm_map_terminate(struct vm_map *map);
void vm_map_reference(struct vm_map *map);
/* vm_map_deallocate (<ksim/mig_convert.h>) drops a reference. */

/* The map side of vm_allocate and vm_deallocate (kernel locked). */
kern_return_t vm_map_allocate(struct vm_map *map, vm_address_t *addr,
    vm_size_t size, int flags);
kern_return_t vm_map_remove(struct vm_map *map, vm_address_t addr,
    vm_size_t size);

/*
 * True when every byte of [addr, addr+size) that the kernel holds is held
 * by this map (pages no task or kernel holder has mapped count as the
 * map's task's own): may the task send this range out of line?
 */
bool vm_map_may_read(struct vm_map *map, vm_address_t addr, vm_size_t size);

/* True when [addr, addr+size) lies inside one region the map owns. */
bool vm_map_owns(struct vm_map *map, vm_address_t addr, vm_size_t size);
size_t vm_map_region_count(struct vm_map *map);

/*
 * Take [addr, addr+size) (page-aligned) out of the map without unmapping
 * it: the caller now owns the pages.  Fails unless the map owns the range.
 */
kern_return_t vm_map_take(struct vm_map *map, vm_address_t addr,
    vm_size_t size);
/* Give pages the caller owns to the map. */
kern_return_t vm_map_give(struct vm_map *map, vm_address_t addr,
    vm_size_t size, bool pooled);

/*
 * Move kernel-held pages (one mapping) to an address the host chooses,
 * without a copy: the new address, or NULL when they stay put.
 */
void *vm_pages_relocate(void *addr, size_t size);

/* Reused page-multiple buffers for out-of-line data (vm_map.c). */
void *vm_pool_get(size_t bytes);
void *vm_pool_get_zeroed(size_t bytes);
void vm_pool_put(void *addr, size_t bytes);
void vm_pool_drain(void);

/*
 * The host ranges the kernel has mapped (vm_held.c), kept by the host
 * calls below: every mmap and munmap the kernel makes goes through them.
 */
void vm_held_add(vm_offset_t start, vm_offset_t end);
void vm_held_remove(vm_offset_t start, vm_offset_t end);
bool vm_held_meets(vm_offset_t start, vm_offset_t end);
uint64_t vm_held_generation(void);
bool vm_held_verify(void);

/* Anonymous private mmap (MAP_PRIVATE | MAP_ANONYMOUS added) and munmap,
   recorded in the held set. */
void *vm_host_map(void *addr, size_t size, int prot, int flags);
void vm_host_unmap(void *addr, size_t size);

size_t vm_page_size_get(void);
#define ksim_round_page(x) \
	(((x) + vm_page_size_get() - 1) & ~(vm_page_size_get() - 1))
#define ksim_trunc_page(x)	((x) & ~(vm_page_size_get() - 1))

#endif /* KSIM_VM_H */
