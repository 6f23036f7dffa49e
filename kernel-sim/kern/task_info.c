/*
 * task_info.c - what a task reports of itself (task_info), from the
 * real threads' clocks and the task's real memory.
 *
 * The process's own task is the process: its sizes are the process's
 * (/proc/self/statm).  Another task's memory is what its map holds, and
 * of that, the pages the host has resident (mincore).  Thread times are
 * the host's per-thread accounting; machsim keeps no account of threads
 * that have ended, so the "terminated threads" times read zero.
 */
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <mach/policy.h>
#include <mach/task_info.h>

#include <ksim/ipc.h>
#include <ksim/kern.h>
#include <ksim/vm.h>

#include <kernel/taskServer.h>

/* Resident bytes of [start, end), by the host's page table. */
static uint64_t resident_bytes(vm_offset_t start, vm_offset_t end)
{
	size_t ps = vm_page_size_get(), n = 0, i;
	unsigned char vec[256];
	vm_offset_t at;

	for (at = start; at < end; at += sizeof(vec) * ps) {
		size_t len = end - at < sizeof(vec) * ps ? end - at :
		    sizeof(vec) * ps;
		size_t pages = (len + ps - 1) / ps;

		if (mincore((void *)at, len, vec) != 0)
			continue;
		for (i = 0; i < pages; i++)
			n += vec[i] & 1;
	}
	return (uint64_t)n * ps;
}

/* Virtual and resident sizes.  Conditions: kernel locked. */
static void task_sizes(task_t task, uint64_t *virt, uint64_t *res)
{
	struct vm_map *map = task->map;
	unsigned long vpages = 0, rpages = 0;
	size_t i;
	FILE *f;

	*virt = *res = 0;
	if (task == bootstrap_task &&
	    (f = fopen("/proc/self/statm", "r")) != NULL) {
		if (fscanf(f, "%lu %lu", &vpages, &rpages) == 2) {
			*virt = (uint64_t)vpages * (uint64_t)getpagesize();
			*res = (uint64_t)rpages * (uint64_t)getpagesize();
		}
		fclose(f);
		return;
	}
	if (map == NULL)
		return;
	*virt = map->mapped_bytes;
	for (i = 0; i < map->nregions; i++)
		*res += resident_bytes(map->regions[i].start,
		    map->regions[i].end);
}

static void time_add(time_value_t *to, const time_value_t *t)
{
	to->seconds += t->seconds;
	to->microseconds += t->microseconds;
	if (to->microseconds >= 1000000) {
		to->seconds++;
		to->microseconds -= 1000000;
	}
}

/* The live threads' times.  Conditions: kernel locked. */
static void task_thread_times(task_t task, time_value_t *user,
    time_value_t *sys)
{
	time_value_t u, s;
	thread_t th;

	memset(user, 0, sizeof(*user));
	memset(sys, 0, sizeof(*sys));
	TAILQ_FOREACH(th, &task->threads, th_tasklink) {
		thread_times(th, &u, &s);
		time_add(user, &u);
		time_add(sys, &s);
	}
}

static uint64_t time_ns(const time_value_t *t)
{
	return (uint64_t)t->seconds * 1000000000u +
	    (uint64_t)t->microseconds * 1000u;
}

/*
 * Routine:	ksim_task_info
 * Purpose:	TASK_BASIC_INFO_32/_64, MACH_TASK_BASIC_INFO,
 *		TASK_THREAD_TIMES_INFO, TASK_ABSOLUTETIME_INFO,
 *		TASK_SECURITY_TOKEN, TASK_AUDIT_TOKEN.
 * Returns:	KERN_SUCCESS; KERN_INVALID_ARGUMENT (null task, a flavor
 *		machsim does not keep, a count too small); KERN_FAILURE
 *		(terminated task).
 */
kern_return_t ksim_task_info(task_t task, task_flavor_t flavor,
    task_info_t out, mach_msg_type_number_t *countp)
{
	union {
		task_basic_info_32_data_t	b32;
		task_basic_info_64_data_t	b64;
		mach_task_basic_info_data_t	mb;
		task_thread_times_info_data_t	tt;
		task_absolutetime_info_data_t	at;
		security_token_t		sec;
		audit_token_t			aud;
	} u;
	mach_msg_type_number_t need;
	time_value_t user, sys;
	uint64_t virt, res;

	if (task == TASK_NULL || out == NULL || countp == NULL)
		return KERN_INVALID_ARGUMENT;
	switch (flavor) {
	case TASK_BASIC_INFO_32: need = TASK_BASIC_INFO_32_COUNT; break;
	case TASK_BASIC_INFO_64: need = TASK_BASIC_INFO_64_COUNT; break;
	case MACH_TASK_BASIC_INFO: need = MACH_TASK_BASIC_INFO_COUNT; break;
	case TASK_THREAD_TIMES_INFO: need = TASK_THREAD_TIMES_INFO_COUNT; break;
	case TASK_ABSOLUTETIME_INFO: need = TASK_ABSOLUTETIME_INFO_COUNT; break;
	case TASK_SECURITY_TOKEN: need = TASK_SECURITY_TOKEN_COUNT; break;
	case TASK_AUDIT_TOKEN: need = TASK_AUDIT_TOKEN_COUNT; break;
	default:
		return KERN_INVALID_ARGUMENT;
	}
	if (*countp < need)
		return KERN_INVALID_ARGUMENT;
	memset(&u, 0, sizeof(u));
	ksim_lock();
	if (!task->active) {
		ksim_unlock();
		return KERN_FAILURE;
	}
	task_sizes(task, &virt, &res);
	task_thread_times(task, &user, &sys);
	switch (flavor) {
	case TASK_BASIC_INFO_32:
		u.b32.suspend_count = task->suspend_count;
		u.b32.virtual_size = (natural_t)(virt > 0xffffffffu ?
		    0xffffffffu : virt);
		u.b32.resident_size = (natural_t)(res > 0xffffffffu ?
		    0xffffffffu : res);
		u.b32.policy = POLICY_TIMESHARE;
		break;
	case TASK_BASIC_INFO_64:
		u.b64.suspend_count = task->suspend_count;
		u.b64.virtual_size = virt;
		u.b64.resident_size = res;
		u.b64.policy = POLICY_TIMESHARE;
		break;
	case MACH_TASK_BASIC_INFO:
		u.mb.virtual_size = virt;
		u.mb.resident_size = res;
		u.mb.resident_size_max = res;
		u.mb.policy = POLICY_TIMESHARE;
		u.mb.suspend_count = task->suspend_count;
		break;
	case TASK_THREAD_TIMES_INFO:
		u.tt.user_time = user;
		u.tt.system_time = sys;
		break;
	case TASK_ABSOLUTETIME_INFO:
		u.at.threads_user = u.at.total_user = time_ns(&user);
		u.at.threads_system = u.at.total_system = time_ns(&sys);
		break;
	case TASK_SECURITY_TOKEN:
		u.sec = task->sec_token;
		break;
	default:
		u.aud = task->audit_token;
		break;
	}
	ksim_unlock();
	memcpy(out, &u, need * sizeof(natural_t));
	*countp = need;
	return KERN_SUCCESS;
}

/*
 * task_set_info: none of the flavors machsim reports can be set (as in
 * XNU, where only debugging flavors can).
 * Returns: KERN_INVALID_ARGUMENT; KERN_FAILURE (terminated task).
 */
kern_return_t ksim_task_set_info(task_t task, task_flavor_t flavor,
    task_info_t in, mach_msg_type_number_t count)
{
	kern_return_t kr = KERN_INVALID_ARGUMENT;

	(void)flavor;
	(void)in;
	(void)count;
	if (task == TASK_NULL)
		return KERN_INVALID_ARGUMENT;
	ksim_lock();
	if (!task->active)
		kr = KERN_FAILURE;
	ksim_unlock();
	return kr;
}
