/*
 * <mach/processor_info.h> - processor and processor set information.
 */
#ifndef _MACH_PROCESSOR_INFO_H_
#define _MACH_PROCESSOR_INFO_H_

#include <mach/boolean.h>
#include <mach/machine.h>
#include <mach/machine/vm_types.h>
#include <mach/message.h>
#include <mach/policy.h>

typedef integer_t	*processor_info_t;	/* variable-length array */
typedef integer_t	*processor_info_array_t;
#define PROCESSOR_INFO_MAX	(1024)
typedef integer_t	processor_info_data_t[PROCESSOR_INFO_MAX];

typedef integer_t	*processor_set_info_t;
#define PROCESSOR_SET_INFO_MAX	(1024)
typedef integer_t	processor_set_info_data_t[PROCESSOR_SET_INFO_MAX];

/* host_processor_slots: the slot numbers of the active processors. */
typedef int	*processor_slot_t;

typedef int	processor_flavor_t;
#define PROCESSOR_BASIC_INFO	1	/* basic information */
#define PROCESSOR_CPU_LOAD_INFO	2	/* CPU load */

struct processor_basic_info {
	cpu_type_t	cpu_type;
	cpu_subtype_t	cpu_subtype;
	boolean_t	running;	/* is it running? */
	int		slot_num;	/* slot number */
	boolean_t	is_master;	/* the boot processor? */
};
typedef struct processor_basic_info	processor_basic_info_data_t;
typedef struct processor_basic_info	*processor_basic_info_t;
#define PROCESSOR_BASIC_INFO_COUNT \
	((mach_msg_type_number_t)(sizeof(processor_basic_info_data_t) / sizeof(natural_t)))

struct processor_cpu_load_info {
	unsigned int	cpu_ticks[CPU_STATE_MAX];	/* CPU_STATE_* order */
};
typedef struct processor_cpu_load_info	processor_cpu_load_info_data_t;
typedef struct processor_cpu_load_info	*processor_cpu_load_info_t;
#define PROCESSOR_CPU_LOAD_INFO_COUNT \
	((mach_msg_type_number_t)(sizeof(processor_cpu_load_info_data_t) / sizeof(natural_t)))

/* Processor set flavors (processor_set_info, processor_set_statistics). */
typedef int	processor_set_flavor_t;
#define PROCESSOR_SET_BASIC_INFO	5	/* basic information */
#define PROCESSOR_SET_LOAD_INFO		4	/* load statistics */

struct processor_set_basic_info {
	int	processor_count;	/* processors in the set */
	int	default_policy;		/* policy for new threads */
};
typedef struct processor_set_basic_info	processor_set_basic_info_data_t;
typedef struct processor_set_basic_info	*processor_set_basic_info_t;
#define PROCESSOR_SET_BASIC_INFO_COUNT \
	((mach_msg_type_number_t)(sizeof(processor_set_basic_info_data_t) / sizeof(natural_t)))

struct processor_set_load_info {
	integer_t	task_count;	/* tasks assigned */
	integer_t	thread_count;	/* threads assigned */
	integer_t	load_average;	/* scaled */
	integer_t	mach_factor;	/* scaled */
};
typedef struct processor_set_load_info	processor_set_load_info_data_t;
typedef struct processor_set_load_info	*processor_set_load_info_t;
#define PROCESSOR_SET_LOAD_INFO_COUNT \
	((mach_msg_type_number_t)(sizeof(processor_set_load_info_data_t) / sizeof(natural_t)))

/* Policy flavors of processor_set_info / processor_set_policy_control. */
#define PROCESSOR_SET_ENABLED_POLICIES		3
#define PROCESSOR_SET_ENABLED_POLICIES_COUNT \
	((mach_msg_type_number_t)(sizeof(policy_t) / sizeof(natural_t)))
#define PROCESSOR_SET_TIMESHARE_DEFAULT		10
#define PROCESSOR_SET_TIMESHARE_LIMITS		11
#define PROCESSOR_SET_RR_DEFAULT		20
#define PROCESSOR_SET_RR_LIMITS			21
#define PROCESSOR_SET_FIFO_DEFAULT		30
#define PROCESSOR_SET_FIFO_LIMITS		31

#endif /* _MACH_PROCESSOR_INFO_H_ */
