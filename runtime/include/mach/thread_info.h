/*
 * <mach/thread_info.h> - thread_info flavors and their records.
 */
#ifndef _MACH_THREAD_INFO_H_
#define _MACH_THREAD_INFO_H_

#include <stdint.h>

#include <mach/_machsim_cdefs.h>
#include <mach/boolean.h>
#include <mach/machine/vm_types.h>
#include <mach/message.h>
#include <mach/policy.h>
#include <mach/time_value.h>

typedef natural_t	thread_flavor_t;
typedef integer_t	*thread_info_t;		/* variable-length array */
#define THREAD_INFO_MAX	(32)
typedef integer_t	thread_info_data_t[THREAD_INFO_MAX];

#define THREAD_BASIC_INFO	3	/* basic information */

struct thread_basic_info {
	time_value_t	user_time;	/* user run time */
	time_value_t	system_time;	/* system run time */
	integer_t	cpu_usage;	/* scaled by TH_USAGE_SCALE */
	policy_t	policy;		/* scheduling policy in effect */
	integer_t	run_state;	/* TH_STATE_* */
	integer_t	flags;		/* TH_FLAGS_* */
	integer_t	suspend_count;
	integer_t	sleep_time;	/* seconds asleep */
};
typedef struct thread_basic_info	thread_basic_info_data_t;
typedef struct thread_basic_info	*thread_basic_info_t;
#define THREAD_BASIC_INFO_COUNT \
	((mach_msg_type_number_t)(sizeof(thread_basic_info_data_t) / sizeof(natural_t)))

#define THREAD_IDENTIFIER_INFO	4

struct thread_identifier_info {
	uint64_t	thread_id;	/* system-wide unique id */
	uint64_t	thread_handle;
	uint64_t	dispatch_qaddr;
};
typedef struct thread_identifier_info	thread_identifier_info_data_t;
typedef struct thread_identifier_info	*thread_identifier_info_t;
#define THREAD_IDENTIFIER_INFO_COUNT \
	((mach_msg_type_number_t)(sizeof(thread_identifier_info_data_t) / sizeof(natural_t)))

/* Scale of cpu_usage: 1000 means one full CPU. */
#define TH_USAGE_SCALE	1000

#define TH_STATE_RUNNING	1	/* running normally */
#define TH_STATE_STOPPED	2	/* stopped */
#define TH_STATE_WAITING	3	/* waiting normally */
#define TH_STATE_UNINTERRUPTIBLE 4	/* waiting, cannot be interrupted */
#define TH_STATE_HALTED		5	/* halted at a clean point */

#define TH_FLAGS_SWAPPED		0x1	/* swapped out */
#define TH_FLAGS_IDLE			0x2	/* the idle thread */
#define TH_FLAGS_GLOBAL_FORCED_IDLE	0x4

#define THREAD_EXTENDED_INFO	5
#define MAXTHREADNAMESIZE	64

struct thread_extended_info {
	uint64_t	pth_user_time;		/* nanoseconds */
	uint64_t	pth_system_time;	/* nanoseconds */
	int32_t		pth_cpu_usage;
	int32_t		pth_policy;
	int32_t		pth_run_state;
	int32_t		pth_flags;
	int32_t		pth_sleep_time;
	int32_t		pth_curpri;
	int32_t		pth_priority;
	int32_t		pth_maxpriority;
	char		pth_name[MAXTHREADNAMESIZE];
};
typedef struct thread_extended_info	thread_extended_info_data_t;
typedef struct thread_extended_info	*thread_extended_info_t;
#define THREAD_EXTENDED_INFO_COUNT \
	((mach_msg_type_number_t)(sizeof(thread_extended_info_data_t) / sizeof(natural_t)))

/* Scheduling flavors: they return the policy's info record. */
#define THREAD_SCHED_TIMESHARE_INFO	10
#define THREAD_SCHED_RR_INFO		11
#define THREAD_SCHED_FIFO_INFO		12

__MACHSIM_WIRE_SIZE(thread_basic_info_data_t, 40);
__MACHSIM_WIRE_SIZE(thread_identifier_info_data_t, 24);
__MACHSIM_WIRE_SIZE(thread_extended_info_data_t, 112);

#endif /* _MACH_THREAD_INFO_H_ */
