/*
 * clock.c - clocks (MACH-SEMANTICS 9.1): the system clock (time since
 * boot, the host's CLOCK_MONOTONIC, which every kernel deadline uses
 * too) and the calendar clock (the host's CLOCK_REALTIME), each with a
 * service port and a control port; clock_sleep; alarms; the mapped time.
 *
 * Alarms wait in a list ordered by deadline (and, at one deadline, by
 * posting), served by a kernel thread of the kernel task that sleeps
 * until the first one is due and sends each its clock_alarm_reply.
 *
 * clock_map_time gives a memory entry of one page holding a
 * mapping_t-style time ({seconds, nanoseconds, check seconds}); a kernel
 * thread rewrites it every CLOCK_MAP_TICK_NS while any mapping of it
 * may exist.  A reader reads check seconds, nanoseconds, then seconds,
 * and retries while check and seconds differ.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <mach/clock_types.h>
#include <mach/vm_prot.h>

#include <ksim/config.h>
#include <ksim/ipc.h>
#include <ksim/kern.h>
#include <ksim/mig_convert.h>
#include <ksim/traps.h>
#include <ksim/vm.h>

#include <kernel/clockServer.h>
#include <kernel/clock_privServer.h>
#include <kernel/host_privServer.h>
#include <kernel/mach_hostServer.h>

struct clock {
	ipc_port_t	serv_port;	/* kobject port (CLOCK) */
	ipc_port_t	ctrl_port;	/* kobject port (CLOCK_CTRL) */
	clock_id_t	id;
	clockid_t	host_clock;
};

static struct clock clocks[2];	/* SYSTEM_CLOCK, CALENDAR_CLOCK */

/* The system clock's alarm resolution (CLOCK_ALARM_CURRES), and its
   bounds. */
#define ALARM_MAXRES_NS	1000000000u		/* 1 s */
static uint32_t alarm_res_ns;
static uint32_t alarm_minres_ns;

/* ---- KernelServer translations (<ksim/mig_convert.h>) ------------------------ */

/* Clocks live as long as the kernel: no reference to take.  A control
   port also serves as a service port. */
clock_serv_t convert_port_to_clock(mach_port_t name)
{
	clock_serv_t clock;

	ksim_lock();
	clock = ipc_kobject_lookup(name, IKOT_CLOCK);
	if (clock == NULL)
		clock = ipc_kobject_lookup(name, IKOT_CLOCK_CTRL);
	ksim_unlock();
	return clock;
}

clock_ctrl_t convert_port_to_clock_ctrl(mach_port_t name)
{
	clock_ctrl_t clock;

	ksim_lock();
	clock = ipc_kobject_lookup(name, IKOT_CLOCK_CTRL);
	ksim_unlock();
	return clock;
}

mach_port_t convert_clock_to_port(clock_serv_t clock)
{
	mach_port_t name;

	if (clock == NULL)
		return MACH_PORT_NULL;
	ksim_lock();
	name = ipc_kobject_reply_send(clock->serv_port);
	ksim_unlock();
	return name;
}

mach_port_t convert_clock_ctrl_to_port(clock_ctrl_t clock)
{
	mach_port_t name;

	if (clock == NULL)
		return MACH_PORT_NULL;
	ksim_lock();
	name = ipc_kobject_reply_send(clock->ctrl_port);
	ksim_unlock();
	return name;
}

/* ---- time ------------------------------------------------------------------------ */

void clock_boot(void)
{
	struct timespec res;
	int i;

	for (i = 0; i < 2; i++) {
		clocks[i].id = i;
		clocks[i].host_clock = i == SYSTEM_CLOCK ? CLOCK_MONOTONIC :
		    CLOCK_REALTIME;
		clocks[i].serv_port = ipc_kobject_alloc_port(&clocks[i],
		    IKOT_CLOCK);
		clocks[i].ctrl_port = ipc_kobject_alloc_port(&clocks[i],
		    IKOT_CLOCK_CTRL);
	}
	alarm_minres_ns = clock_getres(CLOCK_MONOTONIC, &res) == 0 &&
	    res.tv_sec == 0 && res.tv_nsec > 0 ? (uint32_t)res.tv_nsec : 1;
	alarm_res_ns = ksim_config.alarm_resolution_ns;
	if (alarm_res_ns < alarm_minres_ns)
		alarm_res_ns = alarm_minres_ns;
}

static mach_timespec_t to_mach(const struct timespec *ts)
{
	mach_timespec_t t = { (unsigned int)ts->tv_sec, (clock_res_t)ts->tv_nsec };

	return t;
}

static struct timespec from_mach(mach_timespec_t t)
{
	struct timespec ts = { (time_t)t.tv_sec, t.tv_nsec };

	return ts;
}

static void clock_now(const struct clock *clock, struct timespec *ts)
{
	clock_gettime(clock->host_clock, ts);
}

static bool ts_before(const struct timespec *a, const struct timespec *b)
{
	return a->tv_sec < b->tv_sec ||
	    (a->tv_sec == b->tv_sec && a->tv_nsec < b->tv_nsec);
}

/* now + t, normalised. */
static struct timespec ts_after(const struct timespec *now, mach_timespec_t t)
{
	struct timespec d = { now->tv_sec + (time_t)t.tv_sec,
	    now->tv_nsec + t.tv_nsec };

	if (d.tv_nsec >= (long)NSEC_PER_SEC) {
		d.tv_nsec -= (long)NSEC_PER_SEC;
		d.tv_sec++;
	}
	return d;
}

/* ---- mach_host.defs and host_priv.defs ------------------------------------------- */

/* host_get_clock_service (206): SYSTEM_CLOCK or CALENDAR_CLOCK. */
kern_return_t ksim_host_get_clock_service(host_t host, clock_id_t clock_id,
    clock_serv_t *clock_serv)
{
	if (host == HOST_NULL || clock_id < 0 || clock_id > CALENDAR_CLOCK)
		return KERN_INVALID_ARGUMENT;
	*clock_serv = &clocks[clock_id];
	return KERN_SUCCESS;
}

/* host_get_clock_control (408): a clock's control port, for the
   privileged host port only. */
kern_return_t ksim_host_get_clock_control(host_priv_t host_priv,
    clock_id_t clock_id, clock_ctrl_t *clock_ctrl)
{
	if (host_priv == HOST_NULL)
		return KERN_INVALID_HOST;
	if (clock_id < 0 || clock_id > CALENDAR_CLOCK)
		return KERN_INVALID_ARGUMENT;
	*clock_ctrl = &clocks[clock_id];
	return KERN_SUCCESS;
}

/* ---- clock.defs ---------------------------------------------------------------- */

/* clock_get_time (1000): the clock's time now. */
kern_return_t ksim_clock_get_time(clock_serv_t clock_serv,
    mach_timespec_t *cur_time)
{
	struct timespec ts;

	if (clock_serv == NULL)
		return KERN_INVALID_ARGUMENT;
	clock_now(clock_serv, &ts);
	*cur_time = to_mach(&ts);
	return KERN_SUCCESS;
}

/*
 * Routine:	ksim_clock_get_attributes
 * Purpose:	CLOCK_GET_TIME_RES (the host clock's resolution) and the
 *		alarm resolutions, in nanoseconds; the calendar clock has no
 *		alarms and reports 0 for them.
 * Returns:	KERN_SUCCESS; KERN_INVALID_ARGUMENT (null clock);
 *		KERN_FAILURE (count other than 1); KERN_INVALID_VALUE
 *		(flavor).
 */
kern_return_t ksim_clock_get_attributes(clock_serv_t clock_serv,
    clock_flavor_t flavor, clock_attr_t clock_attr,
    mach_msg_type_number_t *clock_attrCnt)
{
	struct timespec res;
	bool sys;

	if (clock_serv == NULL)
		return KERN_INVALID_ARGUMENT;
	if (*clock_attrCnt != 1)
		return KERN_FAILURE;
	sys = clock_serv->id == SYSTEM_CLOCK;
	switch (flavor) {
	case CLOCK_GET_TIME_RES:
		if (clock_getres(clock_serv->host_clock, &res) != 0)
			return KERN_FAILURE;
		clock_attr[0] = (int)(res.tv_sec * (long)NSEC_PER_SEC +
		    res.tv_nsec);
		break;
	case CLOCK_ALARM_CURRES:
		ksim_lock();
		clock_attr[0] = sys ? (int)alarm_res_ns : 0;
		ksim_unlock();
		break;
	case CLOCK_ALARM_MINRES:
		clock_attr[0] = sys ? (int)alarm_minres_ns : 0;
		break;
	case CLOCK_ALARM_MAXRES:
		clock_attr[0] = sys ? (int)ALARM_MAXRES_NS : 0;
		break;
	default:
		return KERN_INVALID_VALUE;
	}
	*clock_attrCnt = 1;
	return KERN_SUCCESS;
}

/* ---- alarms ------------------------------------------------------------------------ */

struct alarm {
	TAILQ_ENTRY(alarm)	link;
	struct timespec		deadline;	/* CLOCK_MONOTONIC */
	ipc_port_t		port;		/* the reply right */
	mach_msg_type_name_t	type;		/* its carried type */
	alarm_type_t		alarm_type;
};

static TAILQ_HEAD(, alarm) alarms = TAILQ_HEAD_INITIALIZER(alarms);
static struct waitq alarm_wq;		/* the alarm thread sleeps here */
static bool alarm_thread_started;

#pragma pack(push, 4)
typedef struct {
	mach_msg_header_t	head;
	NDR_record_t		ndr;
	kern_return_t		alarm_code;
	alarm_type_t		alarm_type;
	mach_timespec_t		alarm_time;
} alarm_reply_t;
#pragma pack(pop)

_Static_assert(sizeof(alarm_reply_t) == 48, "clock_alarm_reply size");

#define CLOCK_ALARM_REPLY_ID	3125107

static const NDR_record_t alarm_ndr = { 0, 0, 0, 0, NDR_INT_LITTLE_ENDIAN,
	NDR_CHAR_ASCII, NDR_FLOAT_IEEE, 0 };

/*
 * Routine:	alarm_reply
 * Purpose:	Send clock_alarm_reply (one way) through the right, which
 *		is consumed; the time is the system clock's now.
 * Conditions:	Kernel locked.
 */
static void alarm_reply(ipc_port_t port, mach_msg_type_name_t type,
    kern_return_t code, alarm_type_t alarm_type)
{
	ipc_kmsg_t kmsg;
	alarm_reply_t *r;
	struct timespec now;

	if (!IP_VALID(port))
		return;
	kmsg = ipc_kmsg_alloc_kernel(sizeof(*r));
	r = (alarm_reply_t *)(void *)kmsg->ikm_header;
	r->head.msgh_bits = MACH_MSGH_BITS(type, 0);
	r->head.msgh_id = CLOCK_ALARM_REPLY_ID;
	kmsg->ikm_remote = port;
	kmsg->ikm_remote_type = type;
	r->ndr = alarm_ndr;
	r->alarm_code = code;
	r->alarm_type = alarm_type;
	clock_gettime(CLOCK_MONOTONIC, &now);
	r->alarm_time = to_mach(&now);
	(void)ipc_kmsg_send_kernel(kmsg);
}

/* A queued alarm's reply right is the kernel's (ipc_verify counts it). */
static void alarm_held(struct alarm *a, int delta)
{
	if (a->type == MACH_MSG_TYPE_PORT_SEND_ONCE)
		a->port->ip_kheld_sorights += (uint32_t)delta;
	else
		a->port->ip_kheld_srights += (uint32_t)delta;
}

/* The alarm thread: send every alarm that is due, sleep until the next. */
static void *alarm_main(void *arg)
{
	struct timespec now, next;
	struct alarm *a;

	(void)arg;
	ksim_lock();
	for (;;) {
		clock_gettime(CLOCK_MONOTONIC, &now);
		while ((a = TAILQ_FIRST(&alarms)) != NULL &&
		    !ts_before(&now, &a->deadline)) {
			TAILQ_REMOVE(&alarms, a, link);
			alarm_held(a, -1);
			alarm_reply(a->port, a->type, KERN_SUCCESS,
			    a->alarm_type);
			free(a);
		}
		if (a != NULL) {
			next = a->deadline;
			(void)thread_block(&alarm_wq, &next);
		} else {
			(void)thread_block(&alarm_wq, NULL);
		}
	}
	return NULL;
}

/* Queue an alarm, after those due at or before its deadline; wake the
   alarm thread if it now comes first.  Kernel locked. */
static void alarm_post(struct alarm *a)
{
	struct alarm *at;

	TAILQ_FOREACH(at, &alarms, link)
		if (ts_before(&a->deadline, &at->deadline))
			break;
	if (at != NULL)
		TAILQ_INSERT_BEFORE(at, a, link);
	else
		TAILQ_INSERT_TAIL(&alarms, a, link);
	if (!alarm_thread_started) {
		alarm_thread_started = true;
		waitq_init(&alarm_wq, WAITQ_FIFO);
		if (ksim_thread_spawn(kernel_task, alarm_main, NULL, NULL) !=
		    KERN_SUCCESS)
			abort();
	} else if (TAILQ_FIRST(&alarms) == a) {
		(void)waitq_wakeup_one(&alarm_wq, THREAD_AWAKENED);
	}
}

/*
 * Routine:	ksim_clock_alarm
 * Purpose:	Arm an alarm on the system clock (9.1): its reply goes to
 *		alarm_port when the time comes (at once for a time already
 *		past; at once with KERN_INVALID_VALUE for a bad type or
 *		time).  The time is rounded up to the alarm resolution.
 * Returns:	KERN_SUCCESS; KERN_INVALID_ARGUMENT (null clock);
 *		KERN_FAILURE (the calendar clock); KERN_INVALID_CAPABILITY
 *		(no valid reply right).
 */
kern_return_t ksim_clock_alarm(clock_serv_t clock_serv,
    alarm_type_t alarm_type, mach_timespec_t alarm_time,
    clock_reply_t alarm_port, mach_msg_type_name_t alarm_portPoly)
{
	struct timespec now, deadline;
	struct alarm *a;
	ipc_port_t port = IP_NULL;
	uint64_t ns, res;

	if (clock_serv == NULL)
		return KERN_INVALID_ARGUMENT;
	if (clock_serv->id != SYSTEM_CLOCK)
		return KERN_FAILURE;
	if (!MACH_PORT_VALID(alarm_port))
		return KERN_INVALID_CAPABILITY;
	a = calloc(1, sizeof(*a));
	if (a == NULL)
		return KERN_RESOURCE_SHORTAGE;
	ksim_lock();
	if (ipc_kobject_take_right(alarm_port, alarm_portPoly, &port) !=
	    KERN_SUCCESS || !IP_VALID(port)) {
		ksim_unlock();
		free(a);
		return KERN_INVALID_CAPABILITY;
	}
	if (BAD_ALRMTYPE(alarm_type) || BAD_MACH_TIMESPEC(&alarm_time)) {
		alarm_reply(port, alarm_portPoly, KERN_INVALID_VALUE,
		    alarm_type);
		ksim_unlock();
		free(a);
		return KERN_SUCCESS;
	}
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (alarm_type & TIME_RELATIVE)
		deadline = ts_after(&now, alarm_time);
	else
		deadline = from_mach(alarm_time);
	if (!ts_before(&now, &deadline)) {
		alarm_reply(port, alarm_portPoly, KERN_SUCCESS, alarm_type);
		ksim_unlock();
		free(a);
		return KERN_SUCCESS;
	}
	/* Round up to the alarm resolution. */
	res = alarm_res_ns;
	ns = (uint64_t)deadline.tv_nsec;
	ns = (ns + res - 1) / res * res;
	deadline.tv_sec += (time_t)(ns / NSEC_PER_SEC);
	deadline.tv_nsec = (long)(ns % NSEC_PER_SEC);
	a->deadline = deadline;
	a->port = port;
	a->type = alarm_portPoly;
	a->alarm_type = alarm_type;
	alarm_held(a, 1);
	alarm_post(a);
	ksim_unlock();
	return KERN_SUCCESS;
}

/* ---- clock_sleep ---------------------------------------------------------------- */

/*
 * Sleep on the system clock until deadline (a CLOCK_MONOTONIC time, as
 * every kernel wait's), or until thread_abort.  Kernel unlocked.
 * Returns THREAD_TIMED_OUT (also for a deadline already past) or
 * THREAD_INTERRUPTED.
 */
static wait_result_t sleep_until(const struct timespec *deadline)
{
	struct timespec now;
	struct waitq wq;
	wait_result_t wr;

	(void)current_thread();
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (!ts_before(&now, deadline))
		return THREAD_TIMED_OUT;
	waitq_init(&wq, WAITQ_FIFO);
	ksim_lock();
	wr = thread_block(&wq, deadline);
	ksim_unlock();
	return wr;
}

/*
 * Routine:	ksim_clock_sleep_trap
 * Purpose:	Sleep on the system clock until an absolute time or for a
 *		relative one (9.1); wakeup gets the time at waking, or the
 *		requested deadline when thread_abort ended the sleep.
 * Conditions:	Kernel unlocked.
 * Returns:	KERN_SUCCESS; KERN_INVALID_VALUE (type, timespec);
 *		KERN_INVALID_ARGUMENT (a name that is no clock); KERN_FAILURE
 *		(the calendar clock); KERN_ABORTED; KERN_INVALID_ADDRESS
 *		(wakeup cannot be written).
 */
kern_return_t ksim_clock_sleep_trap(mach_port_name_t clock_name,
    sleep_type_t sleep_type, int sleep_sec, int sleep_nsec,
    mach_timespec_t *wakeup_time)
{
	mach_timespec_t t = { (unsigned int)sleep_sec, sleep_nsec }, out;
	struct timespec now, deadline;
	struct clock *clock = &clocks[SYSTEM_CLOCK];
	wait_result_t wr;
	kern_return_t kr;

	if (clock_name != MACH_PORT_NULL) {
		ksim_lock();
		clock = ipc_kobject_from_name(current_space(), clock_name,
		    IKOT_CLOCK, &kr);
		if (clock == NULL)
			clock = ipc_kobject_from_name(current_space(),
			    clock_name, IKOT_CLOCK_CTRL, &kr);
		ksim_unlock();
		if (clock == NULL)
			return KERN_INVALID_ARGUMENT;
	}
	if (clock->id != SYSTEM_CLOCK)
		return KERN_FAILURE;
	if ((sleep_type != TIME_ABSOLUTE && sleep_type != TIME_RELATIVE) ||
	    BAD_MACH_TIMESPEC(&t))
		return KERN_INVALID_VALUE;
	clock_gettime(CLOCK_MONOTONIC, &now);
	deadline = sleep_type == TIME_RELATIVE ? ts_after(&now, t) :
	    from_mach(t);
	wr = sleep_until(&deadline);
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (wr == THREAD_INTERRUPTED) {
		out = to_mach(&deadline);
		kr = KERN_ABORTED;
	} else {
		out = to_mach(&now);
		kr = KERN_SUCCESS;
	}
	if (wakeup_time != NULL && !ksim_copyout(wakeup_time, &out,
	    sizeof(out)))
		return KERN_INVALID_ADDRESS;
	return kr;
}

/*
 * Routine:	ksim_mach_wait_until_trap
 * Purpose:	Sleep until an absolute mach_absolute_time (nanoseconds of
 *		the system clock); thread_abort ends it early.
 * Returns:	KERN_SUCCESS; KERN_ABORTED.
 */
kern_return_t ksim_mach_wait_until_trap(uint64_t deadline_ns)
{
	struct timespec deadline = {
		(time_t)(deadline_ns / NSEC_PER_SEC),
		(long)(deadline_ns % NSEC_PER_SEC) };

	return sleep_until(&deadline) == THREAD_INTERRUPTED ? KERN_ABORTED :
	    KERN_SUCCESS;
}

/* ---- the mapped time --------------------------------------------------------------- */

/* What the mapped page holds (Mach's mapping_t). */
struct clock_mapped {
	volatile int	seconds;
	volatile int	nanoseconds;
	volatile int	check_seconds;
};

#define CLOCK_MAP_TICK_NS	1000000u	/* 1 ms */

static struct clock_mapped *mapped_time;	/* the kernel's view */
static ipc_port_t mapped_entry;			/* the kernel's send right */

static void mapped_time_write(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	/* Seconds first into check, then nanoseconds, then seconds: a
	   reader that sees check == seconds saw one time. */
	__atomic_store_n(&mapped_time->check_seconds, (int)now.tv_sec,
	    __ATOMIC_RELEASE);
	__atomic_store_n(&mapped_time->nanoseconds, (int)now.tv_nsec,
	    __ATOMIC_RELEASE);
	__atomic_store_n(&mapped_time->seconds, (int)now.tv_sec,
	    __ATOMIC_RELEASE);
}

static void *mapped_time_main(void *arg)
{
	struct timespec tick = { 0, CLOCK_MAP_TICK_NS };

	(void)arg;
	for (;;) {
		mapped_time_write();
		nanosleep(&tick, NULL);
	}
	return NULL;
}

/*
 * Routine:	ksim_clock_map_time
 * Purpose:	A read-only memory entry of one page that shows the system
 *		clock's time, rewritten every millisecond; vm_map it to
 *		read the time without a call.  Every caller gets the same
 *		page.  The calendar clock has no mapped time.
 * Returns:	KERN_SUCCESS; KERN_INVALID_ARGUMENT (null clock);
 *		KERN_FAILURE (calendar clock); KERN_RESOURCE_SHORTAGE.
 */
kern_return_t ksim_clock_map_time(clock_serv_t clock_serv,
    memory_object_t *clock_memory)
{
	vm_address_t addr = 0;
	vm_size_t size;
	mach_port_t handle = MACH_PORT_NULL;
	kern_return_t kr = KERN_SUCCESS;

	if (clock_serv == NULL)
		return KERN_INVALID_ARGUMENT;
	if (clock_serv->id != SYSTEM_CLOCK)
		return KERN_FAILURE;
	ksim_lock();
	if (mapped_time == NULL) {
		size = vm_page_size_get();
		kr = vm_map_allocate(kernel_task->map, &addr, size,
		    VM_FLAGS_ANYWHERE);
		if (kr == KERN_SUCCESS)
			kr = vm_named_entry_create(kernel_task->map, &size,
			    addr, VM_PROT_READ, &handle, MACH_PORT_NULL);
		if (kr != KERN_SUCCESS) {
			ksim_unlock();
			return KERN_RESOURCE_SHORTAGE;
		}
		/* The kernel keeps a send right, so the entry lives on
		   when every task has let go of it. */
		mapped_entry = ipc_port_make_send(
		    vm_named_entry_lookup(handle)->port);
		mapped_entry->ip_kheld_srights++;
		mapped_time = (struct clock_mapped *)addr;
		mapped_time_write();
		if (ksim_thread_spawn(kernel_task, mapped_time_main, NULL,
		    NULL) != KERN_SUCCESS)
			abort();
		*clock_memory = handle;
	} else {
		*clock_memory = ipc_kobject_reply_send(mapped_entry);
	}
	ksim_unlock();
	return KERN_SUCCESS;
}

/* ---- clock_priv.defs ------------------------------------------------------------- */

/*
 * Routine:	ksim_clock_set_time
 * Purpose:	Set the calendar clock (host_calendar_set: the machine's
 *		clock, for which Linux asks CAP_SYS_TIME).  The system
 *		clock counts from boot and is never set.
 * Returns:	KERN_SUCCESS; KERN_INVALID_ARGUMENT (null clock);
 *		KERN_INVALID_VALUE (bad timespec); KERN_FAILURE (system
 *		clock); KERN_NO_ACCESS.
 */
kern_return_t ksim_clock_set_time(clock_ctrl_t clock_ctrl,
    mach_timespec_t new_time)
{
	struct timespec ts;

	if (clock_ctrl == NULL)
		return KERN_INVALID_ARGUMENT;
	if (BAD_MACH_TIMESPEC(&new_time))
		return KERN_INVALID_VALUE;
	if (clock_ctrl->id != CALENDAR_CLOCK)
		return KERN_FAILURE;
	ts = from_mach(new_time);
	return host_calendar_set(&ts);
}

/*
 * Routine:	ksim_clock_set_attributes
 * Purpose:	CLOCK_ALARM_CURRES of the system clock, between its minimum
 *		and maximum: the granularity alarms are rounded up to.  The
 *		other attributes are the host's and read only.
 * Returns:	KERN_SUCCESS; KERN_INVALID_ARGUMENT (null clock);
 *		KERN_FAILURE (count other than 1; a read-only attribute;
 *		the calendar clock); KERN_INVALID_VALUE (flavor, value).
 */
kern_return_t ksim_clock_set_attributes(clock_ctrl_t clock_ctrl,
    clock_flavor_t flavor, clock_attr_t clock_attr,
    mach_msg_type_number_t clock_attrCnt)
{
	if (clock_ctrl == NULL)
		return KERN_INVALID_ARGUMENT;
	if (clock_attrCnt != 1)
		return KERN_FAILURE;
	switch (flavor) {
	case CLOCK_ALARM_CURRES:
		if (clock_ctrl->id != SYSTEM_CLOCK)
			return KERN_FAILURE;
		if (clock_attr[0] < (int)alarm_minres_ns ||
		    (uint32_t)clock_attr[0] > ALARM_MAXRES_NS)
			return KERN_INVALID_VALUE;
		ksim_lock();
		alarm_res_ns = (uint32_t)clock_attr[0];
		ksim_unlock();
		return KERN_SUCCESS;
	case CLOCK_GET_TIME_RES:
	case CLOCK_ALARM_MINRES:
	case CLOCK_ALARM_MAXRES:
		return KERN_FAILURE;
	default:
		return KERN_INVALID_VALUE;
	}
}
