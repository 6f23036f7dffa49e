/*
 * <mach_debug/zone_info.h> - records of host_zone_info and mach_zone_info,
 * the kernel allocator's per-zone statistics.
 *
 * zone_info_t is Darwin's legacy record, laid out as on LP64: the byte
 * counts are vm_size_t, so the record is 56 bytes with 4 bytes of padding
 * after zi_count.  (Darwin's .defs still calls it nine 32-bit words, its
 * ILP32 size; machsim's mach_debug_types.defs gives the LP64 size so an
 * out-of-line array of them is copied whole.)  mach_zone_info_t is the
 * replacement, all 64-bit fields.
 */
#ifndef _MACH_DEBUG_ZONE_INFO_H_
#define _MACH_DEBUG_ZONE_INFO_H_

#include <stdint.h>

#include <mach/_machsim_cdefs.h>
#include <mach/boolean.h>
#include <mach/machine/vm_types.h>

#define ZONE_NAME_MAX_LEN	80

typedef struct zone_name {
	char		zn_name[ZONE_NAME_MAX_LEN];
} zone_name_t;

typedef zone_name_t	*zone_name_array_t;

typedef struct zone_info {
	integer_t	zi_count;	/* elements in use */
	vm_size_t	zi_cur_size;	/* bytes the zone holds now */
	vm_size_t	zi_max_size;	/* bytes it may grow to */
	vm_size_t	zi_elem_size;	/* bytes per element */
	vm_size_t	zi_alloc_size;	/* bytes added per refill */
	integer_t	zi_pageable;	/* boolean */
	integer_t	zi_sleepable;	/* boolean: block when empty */
	integer_t	zi_exhaustible;	/* boolean: fail when empty */
	integer_t	zi_collectable;	/* boolean: garbage-collected */
} zone_info_t;

typedef zone_info_t	*zone_info_array_t;

#define MACH_ZONE_NAME_MAX_LEN	80

typedef struct mach_zone_name {
	char		mzn_name[MACH_ZONE_NAME_MAX_LEN];
} mach_zone_name_t;

typedef mach_zone_name_t	*mach_zone_name_array_t;

typedef struct mach_zone_info_data {
	uint64_t	mzi_count;
	uint64_t	mzi_cur_size;
	uint64_t	mzi_max_size;
	uint64_t	mzi_elem_size;
	uint64_t	mzi_alloc_size;
	uint64_t	mzi_sum_size;	/* bytes ever allocated */
	uint64_t	mzi_exhaustible;
	uint64_t	mzi_collectable; /* bit 0: flag; the rest: bytes */
} mach_zone_info_t;

typedef mach_zone_info_t	*mach_zone_info_array_t;

#define GET_MZI_COLLECTABLE_BYTES(val)	((val) >> 1)
#define GET_MZI_COLLECTABLE_FLAG(val)	((val) & 1)

__MACHSIM_WIRE_SIZE(zone_name_t, 80);
__MACHSIM_WIRE_SIZE(zone_info_t, 56);
__MACHSIM_WIRE_SIZE(mach_zone_name_t, 80);
__MACHSIM_WIRE_SIZE(mach_zone_info_t, 64);

#endif /* _MACH_DEBUG_ZONE_INFO_H_ */
