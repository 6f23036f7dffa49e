/*
 * <mach/host_info.h> - host_info and host_statistics flavors.
 */
#ifndef _MACH_HOST_INFO_H_
#define _MACH_HOST_INFO_H_

#include <stdint.h>

#include <mach/_machsim_cdefs.h>
#include <mach/machine.h>
#include <mach/machine/vm_types.h>
#include <mach/message.h>
#include <mach/vm_statistics.h>

typedef integer_t	*host_info_t;		/* variable-length array */
typedef integer_t	*host_info64_t;
#define HOST_INFO_MAX	(1024)
typedef integer_t	host_info_data_t[HOST_INFO_MAX];
typedef integer_t	host_flavor_t;

#define KERNEL_VERSION_MAX	(512)
typedef char	kernel_version_t[KERNEL_VERSION_MAX];

#define KERNEL_BOOT_INFO_MAX	(4096)
typedef char	kernel_boot_info_t[KERNEL_BOOT_INFO_MAX];

/* host_info flavors. */
#define HOST_BASIC_INFO		1	/* basic information */
#define HOST_SCHED_INFO		3	/* scheduling information */
#define HOST_RESOURCE_SIZES	4	/* kernel struct sizes */
#define HOST_PRIORITY_INFO	5	/* priority information */
#define HOST_SEMAPHORE_TRAPS	7	/* semaphore traps present */
#define HOST_MACH_MSG_TRAP	8	/* mach_msg trap present */
#define HOST_VM_PURGABLE	9	/* purgeable memory information */
#define HOST_DEBUG_INFO_INTERNAL 10
#define HOST_CAN_HAS_DEBUGGER	11
#define HOST_PREFERRED_USER_ARCH 12

/* host_statistics flavors. */
#define HOST_LOAD_INFO		1	/* load averages */
#define HOST_VM_INFO		2	/* virtual memory statistics */
#define HOST_CPU_LOAD_INFO	3	/* CPU load */
#define HOST_VM_INFO64		4	/* 64-bit VM statistics */
#define HOST_EXTMOD_INFO64	5
#define HOST_EXPIRED_TASK_INFO	6

#pragma pack(push, 4)

struct host_basic_info {
	integer_t		max_cpus;	/* CPUs possible */
	integer_t		avail_cpus;	/* CPUs available */
	natural_t		memory_size;	/* bytes, capped at 2 GiB */
	cpu_type_t		cpu_type;
	cpu_subtype_t		cpu_subtype;
	cpu_threadtype_t	cpu_threadtype;
	integer_t		physical_cpu;
	integer_t		physical_cpu_max;
	integer_t		logical_cpu;
	integer_t		logical_cpu_max;
	uint64_t		max_mem;	/* bytes of physical memory */
};

#pragma pack(pop)

typedef struct host_basic_info	host_basic_info_data_t;
typedef struct host_basic_info	*host_basic_info_t;
#define HOST_BASIC_INFO_COUNT \
	((mach_msg_type_number_t)(sizeof(host_basic_info_data_t) / sizeof(integer_t)))
#define HOST_BASIC_INFO_OLD_COUNT	((mach_msg_type_number_t) 5)

struct host_sched_info {
	integer_t	min_timeout;	/* milliseconds */
	integer_t	min_quantum;	/* milliseconds */
};
typedef struct host_sched_info	host_sched_info_data_t;
typedef struct host_sched_info	*host_sched_info_t;
#define HOST_SCHED_INFO_COUNT \
	((mach_msg_type_number_t)(sizeof(host_sched_info_data_t) / sizeof(integer_t)))

struct kernel_resource_sizes {
	natural_t	task;
	natural_t	thread;
	natural_t	port;
	natural_t	memory_region;
	natural_t	memory_object;
};
typedef struct kernel_resource_sizes	kernel_resource_sizes_data_t;
typedef struct kernel_resource_sizes	*kernel_resource_sizes_t;
#define HOST_RESOURCE_SIZES_COUNT \
	((mach_msg_type_number_t)(sizeof(kernel_resource_sizes_data_t) / sizeof(integer_t)))

struct host_priority_info {
	integer_t	kernel_priority;
	integer_t	system_priority;
	integer_t	server_priority;
	integer_t	user_priority;
	integer_t	depress_priority;
	integer_t	idle_priority;
	integer_t	minimum_priority;
	integer_t	maximum_priority;
};
typedef struct host_priority_info	host_priority_info_data_t;
typedef struct host_priority_info	*host_priority_info_t;
#define HOST_PRIORITY_INFO_COUNT \
	((mach_msg_type_number_t)(sizeof(host_priority_info_data_t) / sizeof(integer_t)))

/* Load averages and Mach factors, scaled by LOAD_SCALE. */
#define LOAD_SCALE	1000

struct host_load_info {
	integer_t	avenrun[3];	/* 5, 30 and 60 second averages */
	integer_t	mach_factor[3];
};
typedef struct host_load_info	host_load_info_data_t;
typedef struct host_load_info	*host_load_info_t;
#define HOST_LOAD_INFO_COUNT \
	((mach_msg_type_number_t)(sizeof(host_load_info_data_t) / sizeof(integer_t)))

struct host_cpu_load_info {
	natural_t	cpu_ticks[CPU_STATE_MAX];	/* CPU_STATE_* order */
};
typedef struct host_cpu_load_info	host_cpu_load_info_data_t;
typedef struct host_cpu_load_info	*host_cpu_load_info_t;
#define HOST_CPU_LOAD_INFO_COUNT \
	((mach_msg_type_number_t)(sizeof(host_cpu_load_info_data_t) / sizeof(integer_t)))

/* HOST_VM_INFO: the vm_statistics revisions, in words. */
#define HOST_VM_INFO_COUNT \
	((mach_msg_type_number_t)(sizeof(vm_statistics_data_t) / sizeof(integer_t)))
#define HOST_VM_INFO_REV0_COUNT	((mach_msg_type_number_t) 12)
#define HOST_VM_INFO_REV1_COUNT	((mach_msg_type_number_t) 14)
#define HOST_VM_INFO_REV2_COUNT	((mach_msg_type_number_t) 15)

/* HOST_VM_INFO64 (host_statistics64): vm_statistics64, by revision. */
#define HOST_VM_INFO64_COUNT \
	((mach_msg_type_number_t)(sizeof(vm_statistics64_data_t) / sizeof(integer_t)))
#define HOST_VM_INFO64_LATEST_COUNT	HOST_VM_INFO64_COUNT
#define HOST_VM_INFO64_REV0_COUNT	((mach_msg_type_number_t) 22)
#define HOST_VM_INFO64_REV1_COUNT	HOST_VM_INFO64_COUNT

__MACHSIM_WIRE_SIZE(host_basic_info_data_t, 48);
__MACHSIM_WIRE_SIZE(host_priority_info_data_t, 32);
__MACHSIM_WIRE_SIZE(host_load_info_data_t, 24);

#endif /* _MACH_HOST_INFO_H_ */
