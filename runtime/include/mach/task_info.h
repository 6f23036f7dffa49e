/*
 * <mach/task_info.h> - task_info flavors and their records.
 *
 * Counts are in 32-bit words.  The records are 4-byte packed, so 64-bit
 * fields may sit at offsets that are 4 mod 8, as on Darwin.
 */
#ifndef _MACH_TASK_INFO_H_
#define _MACH_TASK_INFO_H_

#include <stdint.h>

#include <mach/_machsim_cdefs.h>
#include <mach/machine/vm_types.h>
#include <mach/message.h>
#include <mach/policy.h>
#include <mach/time_value.h>

typedef natural_t	task_flavor_t;
typedef integer_t	*task_info_t;		/* variable-length array */
#define TASK_INFO_MAX	(1024)
typedef integer_t	task_info_data_t[TASK_INFO_MAX];

#pragma pack(push, 4)

/* TASK_BASIC_INFO_32: sizes truncated to 32 bits. */
#define TASK_BASIC_INFO_32	4
#define TASK_BASIC2_INFO_32	6

struct task_basic_info_32 {
	integer_t	suspend_count;	/* suspend count for the task */
	natural_t	virtual_size;	/* bytes */
	natural_t	resident_size;	/* bytes */
	time_value_t	user_time;	/* of terminated threads */
	time_value_t	system_time;	/* of terminated threads */
	policy_t	policy;		/* default policy of new threads */
};
typedef struct task_basic_info_32	task_basic_info_32_data_t;
typedef struct task_basic_info_32	*task_basic_info_32_t;
#define TASK_BASIC_INFO_32_COUNT \
	((mach_msg_type_number_t)(sizeof(task_basic_info_32_data_t) / sizeof(natural_t)))

/* TASK_BASIC_INFO_64: the same with 64-bit sizes. */
#define TASK_BASIC_INFO_64	5

struct task_basic_info_64 {
	integer_t		suspend_count;
	mach_vm_size_t		virtual_size;
	mach_vm_size_t		resident_size;
	time_value_t		user_time;
	time_value_t		system_time;
	policy_t		policy;
};
typedef struct task_basic_info_64	task_basic_info_64_data_t;
typedef struct task_basic_info_64	*task_basic_info_64_t;
#define TASK_BASIC_INFO_64_COUNT \
	((mach_msg_type_number_t)(sizeof(task_basic_info_64_data_t) / sizeof(natural_t)))

/* TASK_BASIC_INFO: on LP64 this is TASK_BASIC_INFO_64. */
struct task_basic_info {
	integer_t	suspend_count;
	vm_size_t	virtual_size;
	vm_size_t	resident_size;
	time_value_t	user_time;
	time_value_t	system_time;
	policy_t	policy;
};
typedef struct task_basic_info	task_basic_info_data_t;
typedef struct task_basic_info	*task_basic_info_t;
#define TASK_BASIC_INFO_COUNT \
	((mach_msg_type_number_t)(sizeof(task_basic_info_data_t) / sizeof(natural_t)))
#define TASK_BASIC_INFO		TASK_BASIC_INFO_64

#define TASK_EVENTS_INFO	2	/* various event counts */

struct task_events_info {
	integer_t	faults;			/* page faults */
	integer_t	pageins;		/* actual pageins */
	integer_t	cow_faults;		/* copy-on-write faults */
	integer_t	messages_sent;
	integer_t	messages_received;
	integer_t	syscalls_mach;		/* Mach traps */
	integer_t	syscalls_unix;		/* Unix system calls */
	integer_t	csw;			/* context switches */
};
typedef struct task_events_info	task_events_info_data_t;
typedef struct task_events_info	*task_events_info_t;
#define TASK_EVENTS_INFO_COUNT \
	((mach_msg_type_number_t)(sizeof(task_events_info_data_t) / sizeof(natural_t)))

#define TASK_THREAD_TIMES_INFO	3	/* times of live threads */

struct task_thread_times_info {
	time_value_t	user_time;
	time_value_t	system_time;
};
typedef struct task_thread_times_info	task_thread_times_info_data_t;
typedef struct task_thread_times_info	*task_thread_times_info_t;
#define TASK_THREAD_TIMES_INFO_COUNT \
	((mach_msg_type_number_t)(sizeof(task_thread_times_info_data_t) / sizeof(natural_t)))

#define TASK_ABSOLUTETIME_INFO	1

struct task_absolutetime_info {
	uint64_t	total_user;
	uint64_t	total_system;
	uint64_t	threads_user;	/* of live threads only */
	uint64_t	threads_system;
};
typedef struct task_absolutetime_info	task_absolutetime_info_data_t;
typedef struct task_absolutetime_info	*task_absolutetime_info_t;
#define TASK_ABSOLUTETIME_INFO_COUNT \
	((mach_msg_type_number_t)(sizeof(task_absolutetime_info_data_t) / sizeof(natural_t)))

/* Scheduling: these return the policy's base record. */
#define TASK_SCHED_TIMESHARE_INFO	10
#define TASK_SCHED_RR_INFO		11
#define TASK_SCHED_FIFO_INFO		12

#define TASK_SECURITY_TOKEN		13	/* security_token_t */
#define TASK_SECURITY_TOKEN_COUNT \
	((mach_msg_type_number_t)(sizeof(security_token_t) / sizeof(natural_t)))

#define TASK_AUDIT_TOKEN		15	/* audit_token_t */
#define TASK_AUDIT_TOKEN_COUNT \
	((mach_msg_type_number_t)(sizeof(audit_token_t) / sizeof(natural_t)))

#define TASK_AFFINITY_TAG_INFO		16

#define TASK_DYLD_INFO			17

struct task_dyld_info {
	mach_vm_address_t	all_image_info_addr;
	mach_vm_size_t		all_image_info_size;
	integer_t		all_image_info_format;	/* TASK_DYLD_ALL_IMAGE_INFO_* */
};
typedef struct task_dyld_info	task_dyld_info_data_t;
typedef struct task_dyld_info	*task_dyld_info_t;
#define TASK_DYLD_INFO_COUNT \
	((mach_msg_type_number_t)(sizeof(task_dyld_info_data_t) / sizeof(natural_t)))
#define TASK_DYLD_ALL_IMAGE_INFO_32	0
#define TASK_DYLD_ALL_IMAGE_INFO_64	1

#define MACH_TASK_BASIC_INFO		20	/* always 64-bit sizes */

struct mach_task_basic_info {
	mach_vm_size_t	virtual_size;
	mach_vm_size_t	resident_size;
	mach_vm_size_t	resident_size_max;
	time_value_t	user_time;	/* of terminated threads */
	time_value_t	system_time;
	policy_t	policy;
	integer_t	suspend_count;
};
typedef struct mach_task_basic_info	mach_task_basic_info_data_t;
typedef struct mach_task_basic_info	*mach_task_basic_info_t;
#define MACH_TASK_BASIC_INFO_COUNT \
	((mach_msg_type_number_t)(sizeof(mach_task_basic_info_data_t) / sizeof(natural_t)))

#pragma pack(pop)

__MACHSIM_WIRE_SIZE(task_basic_info_32_data_t, 32);
__MACHSIM_WIRE_SIZE(task_basic_info_64_data_t, 40);
__MACHSIM_WIRE_OFFSET(task_basic_info_64_data_t, virtual_size, 4);
__MACHSIM_WIRE_SIZE(task_basic_info_data_t, 40);
__MACHSIM_WIRE_SIZE(task_events_info_data_t, 32);
__MACHSIM_WIRE_SIZE(task_thread_times_info_data_t, 16);
__MACHSIM_WIRE_SIZE(task_absolutetime_info_data_t, 32);
__MACHSIM_WIRE_SIZE(task_dyld_info_data_t, 20);
__MACHSIM_WIRE_SIZE(mach_task_basic_info_data_t, 48);

/* Classic flavor, kept for old sources. */
#define TASK_SCHED_INFO		14

#endif /* _MACH_TASK_INFO_H_ */
