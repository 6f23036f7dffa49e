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
#include <mach/vm_attributes.h>
#include <mach/vm_behavior.h>
#include <mach/vm_inherit.h>
#include <mach/vm_prot.h>
#include <mach/vm_purgable.h>
#include <mach/vm_region.h>
#include <mach/vm_sync.h>
#include <mach/vm_statistics.h>

#include <ksim/types.h>

/*
 * Memory several mappings share (vm_remap without copy, a SHARE region at
 * task_create, a named memory entry): a host shared-memory file (memfd),
 * mapped MAP_SHARED wherever the memory appears.  Private memory has no
 * object: it is plain anonymous memory, copied when it must be copied.
 */
struct vm_object {
	int		ref_count;	/* regions and named entries */
	int		fd;
	vm_size_t	size;
	struct vm_pager	*pager;		/* NULL: plain memory; else its pages
					   come from a memory manager
					   (<ksim/pager.h>) */
};

/*
 * A run of pages a map owns, all with the same attributes.  Records never
 * overlap within a map; neighbours with equal attributes may stay separate
 * records (vm_region reports them as one region).
 */
struct vm_region {
	vm_offset_t		start;
	vm_offset_t		end;
	bool			pooled;		/* pages come from the OOL pool */
	vm_prot_t		protection;
	vm_prot_t		max_protection;
	vm_inherit_t		inheritance;
	vm_behavior_t		behavior;
	unsigned short		wired;		/* user wire count */
	int			purgable;	/* VM_PURGABLE_*; DENY: not
						   purgable */
	struct vm_object	*object;	/* NULL: private anonymous */
	vm_offset_t		offset;		/* of start, in object */
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
	struct vm_map		*all_next;	/* every live map */
};

/* A named memory entry (mach_make_memory_entry): part of an object. */
struct vm_named_entry {
	ipc_port_t		port;		/* kobject port (NAMED_ENTRY) */
	struct vm_object	*object;
	vm_offset_t		offset;
	vm_size_t		size;
	vm_prot_t		protection;
};

/* The machsim-wide VM counters (host_statistics HOST_VM_INFO). */
struct vm_counters {
	uint64_t	zero_fill;	/* pages vm_allocate'd */
	uint64_t	faults;		/* pages touched by kernel copies */
	uint64_t	cow_faults;	/* pages copied for COPY semantics */
	uint64_t	lookups;	/* region lookups */
	uint64_t	hits;		/* lookups that found a region */
	uint64_t	wired;		/* pages wired now */
	uint64_t	purges;
};
extern struct vm_counters vm_counters;

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

/* The rest of MACH-SEMANTICS 8.2, the map side (kernel locked). */
kern_return_t vm_map_protect(struct vm_map *map, vm_address_t addr,
    vm_size_t size, boolean_t set_maximum, vm_prot_t prot);
kern_return_t vm_map_inherit(struct vm_map *map, vm_address_t addr,
    vm_size_t size, vm_inherit_t inh);
kern_return_t vm_map_behavior_set(struct vm_map *map, vm_address_t addr,
    vm_size_t size, vm_behavior_t behavior);
kern_return_t vm_map_msync(struct vm_map *map, vm_address_t addr,
    vm_size_t size, vm_sync_t flags);
kern_return_t vm_map_wire(struct vm_map *map, vm_address_t addr,
    vm_size_t size, vm_prot_t access);
kern_return_t vm_map_machine_attribute(struct vm_map *map,
    vm_address_t addr, vm_size_t size, vm_machine_attribute_t attribute,
    vm_machine_attribute_val_t *value);
/* The region at or above *addr, coalesced with equal neighbours. */
kern_return_t vm_map_region(struct vm_map *map, vm_address_t *addr,
    vm_size_t *size, struct vm_region *info, bool *shared);
/* Contents: read into kernel memory, write from it, copy within. */
kern_return_t vm_map_read(struct vm_map *map, vm_address_t addr,
    vm_size_t size, vm_offset_t *data);
kern_return_t vm_map_read_to(struct vm_map *map, vm_address_t addr,
    vm_size_t size, struct vm_map *dst_map, vm_address_t dst);
kern_return_t vm_map_write(struct vm_map *map, vm_address_t addr,
    const void *data, vm_size_t size);
kern_return_t vm_map_copy(struct vm_map *map, vm_address_t src,
    vm_size_t size, vm_address_t dst);
/* Map memory: fresh (object NULL) or an object's, shared or copied. */
kern_return_t vm_map_enter(struct vm_map *map, vm_address_t *addr,
    vm_size_t size, vm_address_t mask, int flags, struct vm_object *object,
    vm_offset_t offset, boolean_t copy, vm_prot_t cur, vm_prot_t max,
    vm_inherit_t inh);
kern_return_t vm_map_remap(struct vm_map *target, vm_address_t *addr,
    vm_size_t size, vm_address_t mask, int flags, struct vm_map *src,
    vm_address_t src_addr, boolean_t copy, vm_prot_t *cur, vm_prot_t *max,
    vm_inherit_t inh, bool requested);
/* The object behind [addr, addr+size), made shared if it was private. */
kern_return_t vm_map_object_of(struct vm_map *map, vm_address_t addr,
    vm_size_t size, struct vm_object **object, vm_offset_t *offset,
    vm_prot_t *max);
/* Kernel-map memory for an out-of-line reply (NULL: 0 bytes or none). */
void *vm_reply_array(size_t bytes);
kern_return_t vm_map_query_page(struct vm_map *map, vm_address_t addr,
    integer_t *disposition, integer_t *ref_count);
void vm_map_page_dispositions(struct vm_map *map, vm_offset_t start,
    size_t n, int *disp);
void vm_map_page_info_basic(struct vm_map *map, vm_address_t addr,
    vm_page_info_basic_data_t *info);
/* task_create's inherit_memory (8.3): fill child from parent. */
kern_return_t vm_map_inherit_to(struct vm_map *parent, struct vm_map *child);
/* The map's invariants; false with a reason in why. */
bool vm_map_verify(struct vm_map *map, char *why, size_t len);
/* vm_map_verify on every live map. */
bool vm_map_verify_all(char *why, size_t len);

struct vm_object *vm_object_create(vm_size_t size);
void vm_object_reference(struct vm_object *object);
void vm_object_deallocate(struct vm_object *object);
struct vm_named_entry *vm_named_entry_lookup(mach_port_name_t name);
kern_return_t vm_named_entry_create(struct vm_map *map, vm_size_t *size,
    vm_offset_t offset, vm_prot_t permission, mach_port_t *handle,
    mach_port_name_t parent);
kern_return_t vm_map_purgable_control(struct vm_map *map,
    vm_address_t addr, vm_purgable_t control, int *state);
/* The counters as host_statistics reports them. */
void vm_statistics_fill(vm_statistics_data_t *st);
/* The entry's last send right is gone (ipc_port.c): free it. */
void vm_named_entry_no_senders(ipc_port_t port);

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
/* A shared mapping of an object's file, recorded. */
void *vm_host_map_object(void *addr, size_t size, int prot, int flags,
    struct vm_object *object, vm_offset_t offset);

size_t vm_page_size_get(void);
#define ksim_round_page(x) \
	(((x) + vm_page_size_get() - 1) & ~(vm_page_size_get() - 1))
#define ksim_trunc_page(x)	((x) & ~(vm_page_size_get() - 1))

#endif /* KSIM_VM_H */
