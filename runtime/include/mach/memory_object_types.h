/*
 * <mach/memory_object_types.h> - external memory management types.
 */
#ifndef _MACH_MEMORY_OBJECT_TYPES_H_
#define _MACH_MEMORY_OBJECT_TYPES_H_

#include <mach/_machsim_cdefs.h>
#include <mach/boolean.h>
#include <mach/machine/vm_types.h>
#include <mach/message.h>
#include <mach/port.h>
#include <mach/vm_prot.h>
#include <mach/vm_sync.h>

typedef unsigned long long	memory_object_offset_t;
typedef unsigned long long	memory_object_size_t;
typedef natural_t		memory_object_cluster_size_t;
typedef natural_t		*memory_object_fault_info_t;

typedef unsigned long long	vm_object_id_t;

/* In user space every memory-object handle is a port. */
typedef mach_port_t		memory_object_t;
typedef mach_port_t		memory_object_control_t;
typedef mach_port_t		memory_object_name_t;
typedef mach_port_t		memory_object_default_t;
typedef mach_port_t		mem_entry_name_port_t;
/* The server-side name of a moved entry right (mach_vm.defs). */
typedef mach_port_t		mem_entry_name_port_move_send_t;
typedef memory_object_t		*memory_object_array_t;

#define MEMORY_OBJECT_NULL		((memory_object_t) 0)
#define MEMORY_OBJECT_CONTROL_NULL	((memory_object_control_t) 0)
#define MEMORY_OBJECT_NAME_NULL		((memory_object_name_t) 0)
#define MEMORY_OBJECT_DEFAULT_NULL	((memory_object_default_t) 0)

/* Copy strategies. */
typedef int memory_object_copy_strategy_t;

#define MEMORY_OBJECT_COPY_NONE		0	/* copy by reading data */
#define MEMORY_OBJECT_COPY_CALL		1	/* ask the manager */
#define MEMORY_OBJECT_COPY_DELAY	2	/* copy on write, kernel-managed */
#define MEMORY_OBJECT_COPY_TEMPORARY	3	/* like DELAY, no manager */
#define MEMORY_OBJECT_COPY_SYMMETRIC	4
#define MEMORY_OBJECT_COPY_INVALID	5

/* Which pages memory_object_lock_request returns to the manager. */
typedef int memory_object_return_t;

#define MEMORY_OBJECT_RETURN_NONE	0
#define MEMORY_OBJECT_RETURN_DIRTY	1
#define MEMORY_OBJECT_RETURN_ALL	2
#define MEMORY_OBJECT_RETURN_ANYTHING	3

/* memory_object_lock_request flags. */
#define MEMORY_OBJECT_DATA_FLUSH	0x1
#define MEMORY_OBJECT_DATA_NO_CHANGE	0x2
#define MEMORY_OBJECT_DATA_PURGE	0x4
#define MEMORY_OBJECT_COPY_SYNC		0x8
#define MEMORY_OBJECT_DATA_SYNC		0x10

/* Attributes (memory_object_get_attributes / change_attributes). */
typedef int		*memory_object_info_t;
typedef int		memory_object_flavor_t;
typedef int		memory_object_info_data_t[1024];

#define OLD_MEMORY_OBJECT_BEHAVIOR_INFO		10
#define MEMORY_OBJECT_PERFORMANCE_INFO		11
#define OLD_MEMORY_OBJECT_ATTRIBUTE_INFO	12
#define MEMORY_OBJECT_ATTRIBUTE_INFO		14
#define MEMORY_OBJECT_BEHAVIOR_INFO		15

struct old_memory_object_behave_info {
	memory_object_copy_strategy_t	copy_strategy;
	boolean_t			temporary;
	boolean_t			invalidate;
};

struct old_memory_object_attr_info {
	boolean_t			object_ready;
	boolean_t			may_cache;
	memory_object_copy_strategy_t	copy_strategy;
};

struct memory_object_perf_info {
	memory_object_cluster_size_t	cluster_size;
	boolean_t			may_cache;
};

struct memory_object_attr_info {
	memory_object_copy_strategy_t	copy_strategy;
	memory_object_cluster_size_t	cluster_size;
	boolean_t			may_cache_object;
	boolean_t			temporary;
};

struct memory_object_behave_info {
	memory_object_copy_strategy_t	copy_strategy;
	boolean_t			temporary;
	boolean_t			invalidate;
	boolean_t			silent_overwrite;
	boolean_t			advisory_pageout;
};

typedef struct old_memory_object_behave_info *old_memory_object_behave_info_t;
typedef struct old_memory_object_behave_info old_memory_object_behave_info_data_t;
typedef struct old_memory_object_attr_info *old_memory_object_attr_info_t;
typedef struct old_memory_object_attr_info old_memory_object_attr_info_data_t;
typedef struct memory_object_perf_info	*memory_object_perf_info_t;
typedef struct memory_object_perf_info	memory_object_perf_info_data_t;
typedef struct memory_object_attr_info	*memory_object_attr_info_t;
typedef struct memory_object_attr_info	memory_object_attr_info_data_t;
typedef struct memory_object_behave_info *memory_object_behave_info_t;
typedef struct memory_object_behave_info memory_object_behave_info_data_t;

#define OLD_MEMORY_OBJECT_BEHAVE_INFO_COUNT \
	((mach_msg_type_number_t)(sizeof(old_memory_object_behave_info_data_t) / sizeof(int)))
#define OLD_MEMORY_OBJECT_ATTR_INFO_COUNT \
	((mach_msg_type_number_t)(sizeof(old_memory_object_attr_info_data_t) / sizeof(int)))
#define MEMORY_OBJECT_PERF_INFO_COUNT \
	((mach_msg_type_number_t)(sizeof(memory_object_perf_info_data_t) / sizeof(int)))
#define MEMORY_OBJECT_ATTR_INFO_COUNT \
	((mach_msg_type_number_t)(sizeof(memory_object_attr_info_data_t) / sizeof(int)))
#define MEMORY_OBJECT_BEHAVE_INFO_COUNT \
	((mach_msg_type_number_t)(sizeof(memory_object_behave_info_data_t) / sizeof(int)))

/*
 * One page of a universal page list (vm_object_upl_request, vm_upl_commit):
 * the page's state as two opaque words, as Darwin exports it to user space.
 */
struct upl_page_info {
	unsigned int	opaque[2];
};

typedef struct upl_page_info	upl_page_info_t;
typedef upl_page_info_t		*upl_page_info_array_t;
typedef upl_page_info_array_t	upl_page_list_ptr_t;

/* A page-aligned byte offset and size within a universal page list;
   32 bits on every word size, as Darwin declares them. */
typedef uint32_t		upl_offset_t;
typedef uint32_t		upl_size_t;

__MACHSIM_WIRE_SIZE(old_memory_object_behave_info_data_t, 12);
__MACHSIM_WIRE_SIZE(old_memory_object_attr_info_data_t, 12);
__MACHSIM_WIRE_SIZE(memory_object_perf_info_data_t, 8);
__MACHSIM_WIRE_SIZE(memory_object_attr_info_data_t, 16);
__MACHSIM_WIRE_SIZE(memory_object_behave_info_data_t, 20);
__MACHSIM_WIRE_SIZE(upl_page_info_t, 8);
__MACHSIM_WIRE_SIZE(upl_offset_t, 4);
__MACHSIM_WIRE_SIZE(upl_size_t, 4);

/* mach_make_memory_entry: flags above the protection bits. */
#define MAP_MEM_PROT_MASK		0xFF
#define MAP_MEM_ONLY			0x010000
#define MAP_MEM_NAMED_CREATE		0x020000	/* a new object */
#define MAP_MEM_PURGABLE		0x040000
#define MAP_MEM_NAMED_REUSE		0x080000
#define MAP_MEM_USE_DATA_ADDR		0x100000
#define MAP_MEM_VM_COPY			0x200000
#define MAP_MEM_VM_SHARE		0x400000

#endif /* _MACH_MEMORY_OBJECT_TYPES_H_ */
