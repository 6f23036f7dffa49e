/*
 * <mach/vm_region.h> - vm_region information flavors.
 */
#ifndef _MACH_VM_REGION_H_
#define _MACH_VM_REGION_H_

#include <stdint.h>

#include <mach/_machsim_cdefs.h>
#include <mach/boolean.h>
#include <mach/machine/vm_types.h>
#include <mach/message.h>
#include <mach/memory_object_types.h>
#include <mach/vm_behavior.h>
#include <mach/vm_inherit.h>
#include <mach/vm_prot.h>
#include <mach/vm_types.h>

typedef int	*vm_region_info_t;
typedef int	*vm_region_info_64_t;
typedef int	*vm_region_recurse_info_t;
typedef int	*vm_region_recurse_info_64_t;
typedef int	vm_region_flavor_t;
typedef int	vm_region_info_data_t[1024];

#define VM_REGION_BASIC_INFO_64		9
#define VM_REGION_BASIC_INFO		10
#define VM_REGION_TOP_INFO		12
#define VM_REGION_EXTENDED_INFO		13

#pragma pack(push, 4)

/* The 64-bit form: offset is a 64-bit memory-object offset (36 bytes). */
struct vm_region_basic_info_64 {
	vm_prot_t		protection;
	vm_prot_t		max_protection;
	vm_inherit_t		inheritance;
	boolean_t		shared;
	boolean_t		reserved;
	memory_object_offset_t	offset;
	vm_behavior_t		behavior;
	unsigned short		user_wired_count;
};

/* The legacy form, with a 32-bit offset (32 bytes). */
struct vm_region_basic_info {
	vm_prot_t		protection;
	vm_prot_t		max_protection;
	vm_inherit_t		inheritance;
	boolean_t		shared;
	boolean_t		reserved;
	uint32_t		offset;
	vm_behavior_t		behavior;
	unsigned short		user_wired_count;
};

#pragma pack(pop)

typedef struct vm_region_basic_info_64	*vm_region_basic_info_64_t;
typedef struct vm_region_basic_info_64	vm_region_basic_info_data_64_t;
typedef struct vm_region_basic_info	*vm_region_basic_info_t;
typedef struct vm_region_basic_info	vm_region_basic_info_data_t;

#define VM_REGION_BASIC_INFO_COUNT_64 \
	((mach_msg_type_number_t)(sizeof(vm_region_basic_info_data_64_t) / sizeof(int)))
#define VM_REGION_BASIC_INFO_COUNT \
	((mach_msg_type_number_t)(sizeof(vm_region_basic_info_data_t) / sizeof(int)))

__MACHSIM_WIRE_SIZE(vm_region_basic_info_data_64_t, 36);
__MACHSIM_WIRE_SIZE(vm_region_basic_info_data_t, 32);

/* Share modes (extended and top information). */
#define SM_COW			1
#define SM_PRIVATE		2
#define SM_EMPTY		3
#define SM_SHARED		4
#define SM_TRUESHARED		5
#define SM_PRIVATE_ALIASED	6
#define SM_SHARED_ALIASED	7

/* vm_read_list / mach_vm_read_list: up to VM_MAP_ENTRY_MAX ranges
   (packed to 4, as Darwin's: the list travels at a four-byte offset). */
#define VM_MAP_ENTRY_MAX	(256)

#pragma pack(push, 4)
struct mach_vm_read_entry {
	mach_vm_address_t	address;
	mach_vm_size_t		size;
};

struct vm_read_entry {
	vm_address_t	address;
	vm_size_t	size;
};

typedef struct mach_vm_read_entry mach_vm_read_entry_t[VM_MAP_ENTRY_MAX];
typedef struct vm_read_entry	vm_read_entry_t[VM_MAP_ENTRY_MAX];
#pragma pack(pop)

__MACHSIM_WIRE_SIZE(vm_read_entry_t, 256 * 16);

/* mach_vm_region_recurse: a region and its memory's sharing (76 bytes). */

#pragma pack(push, 4)
struct vm_region_submap_info_64 {
	vm_prot_t		protection;
	vm_prot_t		max_protection;
	vm_inherit_t		inheritance;
	memory_object_offset_t	offset;
	unsigned int		user_tag;
	unsigned int		pages_resident;
	unsigned int		pages_shared_now_private;
	unsigned int		pages_swapped_out;
	unsigned int		pages_dirtied;
	unsigned int		ref_count;
	unsigned short		shadow_depth;
	unsigned char		external_pager;
	unsigned char		share_mode;
	boolean_t		is_submap;
	vm_behavior_t		behavior;
	uint32_t		object_id;
	unsigned short		user_wired_count;
	unsigned int		pages_reusable;
	uint64_t		object_id_full;
};
#pragma pack(pop)

typedef struct vm_region_submap_info_64	*vm_region_submap_info_64_t;
typedef struct vm_region_submap_info_64	vm_region_submap_info_data_64_t;

#define VM_REGION_SUBMAP_INFO_V0_COUNT_64	((mach_msg_type_number_t) 16)
#define VM_REGION_SUBMAP_INFO_V1_COUNT_64	((mach_msg_type_number_t) 17)
#define VM_REGION_SUBMAP_INFO_V2_COUNT_64	((mach_msg_type_number_t) 19)
#define VM_REGION_SUBMAP_INFO_COUNT_64	VM_REGION_SUBMAP_INFO_V2_COUNT_64

__MACHSIM_WIRE_SIZE(vm_region_submap_info_data_64_t, 76);

typedef int	*vm_page_info_t;
typedef int	vm_page_info_data_t[];
typedef int	vm_page_info_flavor_t;

/* mach_vm_page_info flavors. */
#define VM_PAGE_INFO_BASIC		1

struct vm_page_info_basic {
	int			disposition;	/* VM_PAGE_QUERY_* */
	int			ref_count;
	vm_object_id_t		object_id;
	memory_object_offset_t	offset;		/* in the object */
	int			depth;		/* in its shadow chain */
	int			__pad;
};
typedef struct vm_page_info_basic	*vm_page_info_basic_t;
typedef struct vm_page_info_basic	vm_page_info_basic_data_t;

#define VM_PAGE_INFO_BASIC_COUNT	((mach_msg_type_number_t) \
	(sizeof(vm_page_info_basic_data_t) / sizeof(int)))

__MACHSIM_WIRE_SIZE(vm_page_info_basic_data_t, 32);

#endif /* _MACH_VM_REGION_H_ */
