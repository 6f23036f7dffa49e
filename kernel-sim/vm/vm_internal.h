/*
 * vm_internal.h - the map records as the VM files share them (vm_map.c
 * keeps them; vm_ops.c and vm_object.c act on them).  Kernel locked
 * throughout.
 */
#ifndef KSIM_VM_INTERNAL_H
#define KSIM_VM_INTERNAL_H

#include <mach/vm_region.h>

#include <ksim/vm.h>

/* Index of the first record whose end is above addr. */
size_t vm_region_search(struct vm_map *map, vm_offset_t addr);
/* Insert a copy of *r (its object reference is the caller's, handed on). */
void vm_region_insert(struct vm_map *map, const struct vm_region *r);
/* Split the record that strictly contains addr in two at addr. */
void vm_region_clip(struct vm_map *map, vm_offset_t addr);
/* Remove [start, end) from the records; with unmap, free the pages. */
void vm_region_cut(struct vm_map *map, vm_offset_t start, vm_offset_t end,
    bool unmap);
/* A fresh record of [start, end) with vm_allocate's attributes. */
struct vm_region vm_region_fresh(vm_offset_t start, vm_offset_t end);
/* Plain: private read/write memory with default attributes (poolable). */
bool vm_region_plain(const struct vm_region *r);
/* Every page of [start, end) is in a record. */
bool vm_map_covers(struct vm_map *map, vm_offset_t start, vm_offset_t end);
/* The page-rounded range of a call, false on wrap. */
bool vm_range_round(vm_address_t addr, vm_size_t size, vm_offset_t *start,
    vm_offset_t *end);
/* Unmap [start, end) of an object's mapping, except what another map
   still records (a SHARE region inherited at the same address). */
void vm_object_unmap(struct vm_map *self, struct vm_object *object,
    vm_offset_t start, vm_offset_t end);
/* The first live map (list through all_next). */
struct vm_map *vm_map_all_first(void);
/* Reserve [*addr, +size) for a new region: anywhere or fixed (8.2). */
kern_return_t vm_map_reserve(struct vm_map *map, vm_address_t *addr,
    vm_size_t size, vm_address_t mask, int flags);
/* Copy between memories the kernel owns or has checked, fault-safe,
   large copies unlocked: the kernel result of the side that faulted. */
kern_return_t vm_copy_memory(void *dst, const void *src, size_t size);

/* A copy between task memories in checked chunks (vm_ops.c). */
kern_return_t vm_copy_checked(struct vm_map *smap, const void *src,
    vm_prot_t sneed, struct vm_map *dmap, void *dst, vm_prot_t dneed,
    size_t size);

/* The MIG routines' shared bodies (vm_user.c), for mach_vm.c too. */
kern_return_t vm_read_list_common(vm_map_t map, vm_address_t *addrs,
    vm_size_t *sizes, size_t stride, natural_t count);
kern_return_t vm_map_common(vm_map_t map, vm_address_t *address,
    vm_size_t size, vm_address_t mask, int flags, mach_port_t object,
    vm_offset_t offset, boolean_t copy, vm_prot_t cur, vm_prot_t max,
    vm_inherit_t inh);
kern_return_t vm_remap_common(vm_map_t target, vm_address_t *addr,
    vm_size_t size, vm_address_t mask, int flags, vm_map_t src,
    vm_address_t src_addr, boolean_t copy, vm_prot_t *cur, vm_prot_t *max,
    vm_inherit_t inh, bool requested);
kern_return_t vm_page_info_common(vm_map_t map, vm_address_t address,
    vm_page_info_flavor_t flavor, int *info, mach_msg_type_number_t *count);
kern_return_t vm_page_range_query_common(vm_map_t map, vm_address_t address,
    vm_size_t size, vm_address_t dispositions, mach_vm_size_t *count);
kern_return_t vm_region_common(vm_map_t map, vm_address_t *address,
    vm_size_t *size, vm_region_flavor_t flavor, int *info,
    mach_msg_type_number_t *infoCnt, mach_port_t *object_name);
kern_return_t vm_region_recurse_common(vm_map_t map, vm_address_t *address,
    vm_size_t *size, natural_t *nesting_depth, int *info,
    mach_msg_type_number_t *infoCnt);

#endif /* KSIM_VM_INTERNAL_H */
