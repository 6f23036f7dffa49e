/*
 * test_clock.c - clocks (MACH-SEMANTICS 9.1): service and control ports,
 * the time and attributes, setting, clock_sleep and its abort, alarms
 * delivered to a clock_reply_server, the mapped time, mach_time.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <mach/clock.h>
#include <mach/clock_priv.h>
#include <mach/mach.h>
#include <mach/mach_time.h>
#include <server/clock_replyServer.h>

#include "../ksim_check.h"
#include "../../support/suites.h"
#include "host_test.h"

#define SELF	mach_task_self()

/* A time as nanoseconds. */
static uint64_t ns(mach_timespec_t t)
{
	return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

static uint64_t host_ns(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static mach_port_t clock_of(clock_id_t id)
{
	mach_port_t host = mach_host_self(), c = MACH_PORT_NULL;

	ck_assert_int_eq(host_get_clock_service(host, id, &c), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, host), KERN_SUCCESS);
	return c;
}

static mach_port_t control_of(clock_id_t id)
{
	mach_port_t host = mach_host_self(), c = MACH_PORT_NULL;

	ck_assert_int_eq(host_get_clock_control(host, id, &c), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, host), KERN_SUCCESS);
	return c;
}

START_TEST(clock_ports_and_time)
{
	mach_port_t sys = clock_of(SYSTEM_CLOCK), cal = clock_of(CALENDAR_CLOCK);
	mach_port_t host = mach_host_self(), name = host_name_port(), c;
	mach_timespec_t t;
	uint64_t before, after;

	ck_assert_uint_ne(sys, cal);
	c = clock_of(REALTIME_CLOCK);
	ck_assert_uint_eq(c, sys);
	ck_assert_int_eq(mach_port_deallocate(SELF, c), KERN_SUCCESS);
	before = host_ns(CLOCK_MONOTONIC);
	ck_assert_int_eq(clock_get_time(sys, &t), KERN_SUCCESS);
	after = host_ns(CLOCK_MONOTONIC);
	ck_assert_uint_ge(ns(t), before);
	ck_assert_uint_le(ns(t), after);
	before = host_ns(CLOCK_REALTIME);
	ck_assert_int_eq(clock_get_time(cal, &t), KERN_SUCCESS);
	after = host_ns(CLOCK_REALTIME);
	ck_assert_uint_ge(ns(t), before);
	ck_assert_uint_le(ns(t), after);
	ck_assert_int_lt(t.tv_nsec, 1000000000);
	/* Unknown clocks; the control port needs the privileged host. */
	ck_assert_int_eq(host_get_clock_service(host, 2, &c),
	    KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(host_get_clock_service(host, -1, &c),
	    KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(host_get_clock_control(host, 7, &c),
	    KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(host_get_clock_control(name, SYSTEM_CLOCK, &c),
	    KERN_INVALID_HOST);
	ck_assert_int_eq(host_get_clock_service(name, SYSTEM_CLOCK, &c),
	    KERN_SUCCESS);
	ck_assert_uint_eq(c, sys);
	/* A control port serves clock_get_time too. */
	c = control_of(CALENDAR_CLOCK);
	ck_assert_int_eq(clock_get_time(c, &t), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, c), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, sys), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, sys), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, cal), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, name), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, host), KERN_SUCCESS);
}
END_TEST

START_TEST(clock_attributes)
{
	mach_port_t sys = clock_of(SYSTEM_CLOCK), cal = clock_of(CALENDAR_CLOCK);
	mach_port_t ctl = control_of(SYSTEM_CLOCK);
	int v[2], minres, maxres;
	mach_msg_type_number_t n = 1;
	struct timespec res;

	ck_assert_int_eq(clock_get_attributes(sys, CLOCK_GET_TIME_RES, v, &n),
	    KERN_SUCCESS);
	ck_assert_int_eq(clock_getres(CLOCK_MONOTONIC, &res), 0);
	ck_assert_int_eq(v[0], (int)res.tv_nsec);
	n = 1;
	ck_assert_int_eq(clock_get_attributes(sys, CLOCK_ALARM_MINRES, v, &n),
	    KERN_SUCCESS);
	minres = v[0];
	n = 1;
	ck_assert_int_eq(clock_get_attributes(sys, CLOCK_ALARM_MAXRES, v, &n),
	    KERN_SUCCESS);
	maxres = v[0];
	ck_assert_int_le(minres, maxres);
	n = 1;
	ck_assert_int_eq(clock_get_attributes(sys, CLOCK_ALARM_CURRES, v, &n),
	    KERN_SUCCESS);
	ck_assert_int_ge(v[0], minres);
	ck_assert_int_le(v[0], maxres);
	/* The calendar clock has no alarms. */
	n = 1;
	ck_assert_int_eq(clock_get_attributes(cal, CLOCK_ALARM_CURRES, v, &n),
	    KERN_SUCCESS);
	ck_assert_int_eq(v[0], 0);
	n = 1;
	ck_assert_int_eq(clock_get_attributes(sys, 2, v, &n),
	    KERN_INVALID_VALUE);
	n = 0;
	ck_assert_int_eq(clock_get_attributes(sys, CLOCK_GET_TIME_RES, v, &n),
	    KERN_FAILURE);
	/* The alarm resolution can be set within its bounds. */
	v[0] = 2000000;
	ck_assert_int_eq(clock_set_attributes(ctl, CLOCK_ALARM_CURRES, v, 1),
	    KERN_SUCCESS);
	n = 1;
	ck_assert_int_eq(clock_get_attributes(sys, CLOCK_ALARM_CURRES, v, &n),
	    KERN_SUCCESS);
	ck_assert_int_eq(v[0], 2000000);
	v[0] = maxres + 1;
	ck_assert_int_eq(clock_set_attributes(ctl, CLOCK_ALARM_CURRES, v, 1),
	    KERN_INVALID_VALUE);
	v[0] = 1000000;
	ck_assert_int_eq(clock_set_attributes(ctl, CLOCK_ALARM_CURRES, v, 1),
	    KERN_SUCCESS);
	ck_assert_int_eq(clock_set_attributes(ctl, CLOCK_GET_TIME_RES, v, 1),
	    KERN_FAILURE);
	ck_assert_int_eq(clock_set_attributes(ctl, 9, v, 1),
	    KERN_INVALID_VALUE);
	/* Setting through a service port is not a control call. */
	ck_assert_int_ne(clock_set_attributes(sys, CLOCK_ALARM_CURRES, v, 1),
	    KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, ctl), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, sys), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, cal), KERN_SUCCESS);
}
END_TEST

START_TEST(clock_set_time_rules)
{
	mach_port_t sys = control_of(SYSTEM_CLOCK);
	mach_port_t cal = control_of(CALENDAR_CLOCK);
	mach_timespec_t t = { 0, 0 };
	struct timespec now;

	ck_assert_int_eq(clock_set_time(sys, t), KERN_FAILURE);
	t.tv_nsec = 1000000000;
	ck_assert_int_eq(clock_set_time(cal, t), KERN_INVALID_VALUE);
	clock_gettime(CLOCK_REALTIME, &now);
	t.tv_sec = (unsigned int)now.tv_sec;
	t.tv_nsec = (clock_res_t)now.tv_nsec;
	ck_assert_int_eq(clock_set_time(cal, t),
	    process_has_cap(HOST_TEST_CAP_SYS_TIME) ? KERN_SUCCESS :
	    KERN_NO_ACCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, sys), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, cal), KERN_SUCCESS);
}
END_TEST

/* ---- clock_sleep --------------------------------------------------------------------- */

START_TEST(clock_sleep_relative_absolute_and_errors)
{
	mach_timespec_t t = { 0, 20000000 }, w, now;
	mach_port_t sys = clock_of(SYSTEM_CLOCK), cal = clock_of(CALENDAR_CLOCK);
	uint64_t start = host_ns(CLOCK_MONOTONIC);

	ck_assert_int_eq(clock_sleep(MACH_PORT_NULL, TIME_RELATIVE, t, &w),
	    KERN_SUCCESS);
	ck_assert_uint_ge(ns(w), start + 20000000u);
	ck_assert_uint_ge(host_ns(CLOCK_MONOTONIC), start + 20000000u);
	/* Absolute, on the named system clock. */
	ck_assert_int_eq(clock_get_time(sys, &now), KERN_SUCCESS);
	t.tv_sec = now.tv_sec;
	t.tv_nsec = now.tv_nsec + 10000000;
	if (t.tv_nsec >= 1000000000) {
		t.tv_nsec -= 1000000000;
		t.tv_sec++;
	}
	ck_assert_int_eq(clock_sleep_trap(sys, TIME_ABSOLUTE, (int)t.tv_sec,
	    t.tv_nsec, &w), KERN_SUCCESS);
	ck_assert_uint_ge(ns(w), ns(t));
	/* A time already past: at once, with now. */
	t.tv_sec = 0;
	t.tv_nsec = 5;
	start = host_ns(CLOCK_MONOTONIC);
	ck_assert_int_eq(clock_sleep(sys, TIME_ABSOLUTE, t, &w), KERN_SUCCESS);
	ck_assert_uint_ge(ns(w), start);
	ck_assert_uint_le(ns(w), host_ns(CLOCK_MONOTONIC));
	/* Errors. */
	ck_assert_int_eq(clock_sleep(MACH_PORT_NULL, 2, t, &w),
	    KERN_INVALID_VALUE);
	t.tv_nsec = -1;
	ck_assert_int_eq(clock_sleep(MACH_PORT_NULL, TIME_RELATIVE, t, &w),
	    KERN_INVALID_VALUE);
	t.tv_nsec = 0;
	ck_assert_int_eq(clock_sleep(cal, TIME_RELATIVE, t, &w), KERN_FAILURE);
	ck_assert_int_eq(clock_sleep(SELF, TIME_RELATIVE, t, &w),
	    KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(clock_sleep(MACH_PORT_NULL, TIME_RELATIVE, t,
	    (mach_timespec_t *)8), KERN_INVALID_ADDRESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, sys), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, cal), KERN_SUCCESS);
}
END_TEST

struct sleeper {
	atomic_uint	thread;
	atomic_int	kr;
	mach_timespec_t	deadline, wake;
	bool		wait_until;
};

static void *sleeper_main(void *arg)
{
	struct sleeper *s = arg;
	mach_port_t sys = clock_of(SYSTEM_CLOCK);
	mach_timespec_t now;

	ck_assert_int_eq(clock_get_time(sys, &now), KERN_SUCCESS);
	s->deadline.tv_sec = now.tv_sec + 30;
	s->deadline.tv_nsec = now.tv_nsec;
	atomic_store(&s->thread, mach_thread_self());
	if (s->wait_until)
		atomic_store(&s->kr, mach_wait_until(mach_absolute_time() +
		    30000000000ull));
	else
		atomic_store(&s->kr, clock_sleep(sys, TIME_ABSOLUTE,
		    s->deadline, &s->wake));
	(void)mach_port_deallocate(SELF, sys);
	return NULL;
}

static void abort_sleeper(struct sleeper *s)
{
	mach_port_t th;
	pthread_t pt;
	int i;

	ck_assert_int_eq(pthread_create(&pt, NULL, sleeper_main, s), 0);
	while ((th = atomic_load(&s->thread)) == 0)
		usleep(1000);
	/* Keep aborting until the sleep has begun and ended. */
	for (i = 0; i < 2000 && atomic_load(&s->kr) == KERN_SUCCESS - 1;
	    i++) {
		ck_assert_int_eq(thread_abort(th), KERN_SUCCESS);
		usleep(1000);
	}
	pthread_join(pt, NULL);
	ck_assert_int_eq(mach_port_deallocate(SELF, th), KERN_SUCCESS);
}

START_TEST(clock_sleep_aborted)
{
	struct sleeper s;
	uint64_t start = host_ns(CLOCK_MONOTONIC);

	memset(&s, 0, sizeof(s));
	atomic_store(&s.kr, KERN_SUCCESS - 1);
	abort_sleeper(&s);
	ck_assert_int_eq(atomic_load(&s.kr), KERN_ABORTED);
	/* wakeup holds the deadline that was asked for. */
	ck_assert_uint_eq(ns(s.wake), ns(s.deadline));
	ck_assert_uint_lt(host_ns(CLOCK_MONOTONIC) - start, 20000000000ull);
	memset(&s, 0, sizeof(s));
	atomic_store(&s.kr, KERN_SUCCESS - 1);
	s.wait_until = true;
	abort_sleeper(&s);
	ck_assert_int_eq(atomic_load(&s.kr), KERN_ABORTED);
}
END_TEST

START_TEST(mach_time_is_the_system_clock)
{
	mach_timebase_info_data_t tb;
	mach_port_t sys = clock_of(SYSTEM_CLOCK);
	mach_timespec_t t;
	uint64_t a, b;

	ck_assert_int_eq(mach_timebase_info(&tb), KERN_SUCCESS);
	ck_assert_uint_eq(tb.numer, 1);
	ck_assert_uint_eq(tb.denom, 1);
	a = mach_absolute_time();
	ck_assert_int_eq(clock_get_time(sys, &t), KERN_SUCCESS);
	b = mach_absolute_time();
	ck_assert_uint_le(a, ns(t));
	ck_assert_uint_le(ns(t), b);
	ck_assert_uint_ge(mach_continuous_time(), a);
	ck_assert_uint_gt(mach_approximate_time(), 0);
	a = mach_absolute_time();
	ck_assert_int_eq(mach_wait_until(a + 5000000), KERN_SUCCESS);
	ck_assert_uint_ge(mach_absolute_time(), a + 5000000);
	ck_assert_int_eq(mach_port_deallocate(SELF, sys), KERN_SUCCESS);
}
END_TEST

/* ---- alarms ---------------------------------------------------------------------------- */

static struct {
	int		count;
	kern_return_t	code[4];
	alarm_type_t	type[4];
	mach_timespec_t	time[4];
} alarms_seen;

/* clock_reply_server's work routine (libmach's default is replaced). */
kern_return_t clock_alarm_reply(mach_port_t alarm_port,
    kern_return_t alarm_code, alarm_type_t alarm_type,
    mach_timespec_t alarm_time)
{
	int i = alarms_seen.count++;

	(void)alarm_port;
	if (i < 4) {
		alarms_seen.code[i] = alarm_code;
		alarms_seen.type[i] = alarm_type;
		alarms_seen.time[i] = alarm_time;
	}
	return KERN_SUCCESS;
}

/* Receive one message on p (within timeout_ms) and serve it. */
static mach_msg_return_t serve_alarm(mach_port_t p, unsigned timeout_ms)
{
	union {
		mach_msg_header_t h;
		char buf[256];
	} req, rep;
	mach_msg_return_t mr;

	mr = mach_msg(&req.h, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, sizeof(req),
	    p, timeout_ms, MACH_PORT_NULL);
	if (mr != MACH_MSG_SUCCESS)
		return mr;
	ck_assert_int_eq(req.h.msgh_id, 3125107);
	ck_assert_uint_eq(req.h.msgh_size, 48);
	ck_assert(clock_reply_server(&req.h, &rep.h));
	return MACH_MSG_SUCCESS;
}

START_TEST(clock_alarm_delivered_to_reply_server)
{
	mach_port_t sys = clock_of(SYSTEM_CLOCK), cal = clock_of(CALENDAR_CLOCK);
	mach_port_t p;
	mach_timespec_t t, now;
	uint64_t posted;

	ck_assert_int_eq(mach_port_allocate(SELF, MACH_PORT_RIGHT_RECEIVE, &p),
	    KERN_SUCCESS);
	memset(&alarms_seen, 0, sizeof(alarms_seen));
	/* Two alarms, the later posted first: delivered in time order. */
	ck_assert_int_eq(clock_get_time(sys, &now), KERN_SUCCESS);
	posted = ns(now);
	t.tv_sec = 3;
	t.tv_nsec = 0;
	ck_assert_int_eq(clock_alarm(sys, TIME_RELATIVE, t, p), KERN_SUCCESS);
	t.tv_sec = 0;
	t.tv_nsec = 30000000;
	ck_assert_int_eq(clock_alarm(sys, TIME_RELATIVE, t, p), KERN_SUCCESS);
	/* Nothing comes before its time; the earlier one comes long before
	   the later one is due. */
	ck_assert_int_eq(serve_alarm(p, 10), MACH_RCV_TIMED_OUT);
	ck_assert_int_eq(serve_alarm(p, 2000), MACH_MSG_SUCCESS);
	ck_assert_int_eq(alarms_seen.count, 1);
	ck_assert_uint_lt(ns(alarms_seen.time[0]), posted + 3000000000u);
	ck_assert_int_eq(serve_alarm(p, 10000), MACH_MSG_SUCCESS);
	ck_assert_int_eq(alarms_seen.count, 2);
	ck_assert_int_eq(alarms_seen.code[0], KERN_SUCCESS);
	ck_assert_int_eq(alarms_seen.type[0], TIME_RELATIVE);
	ck_assert_uint_ge(ns(alarms_seen.time[0]), posted + 30000000u);
	ck_assert_uint_ge(ns(alarms_seen.time[1]), posted + 3000000000u);
	/* A time already past: at once, with success. */
	t.tv_sec = 1;
	t.tv_nsec = 0;
	ck_assert_int_eq(clock_alarm(sys, TIME_ABSOLUTE, t, p), KERN_SUCCESS);
	ck_assert_int_eq(serve_alarm(p, 0), MACH_MSG_SUCCESS);
	ck_assert_int_eq(alarms_seen.code[2], KERN_SUCCESS);
	/* A bad time: the call succeeds, the reply says why. */
	t.tv_nsec = 2000000000;
	ck_assert_int_eq(clock_alarm(sys, TIME_RELATIVE, t, p), KERN_SUCCESS);
	ck_assert_int_eq(serve_alarm(p, 0), MACH_MSG_SUCCESS);
	ck_assert_int_eq(alarms_seen.code[3], KERN_INVALID_VALUE);
	/* The calendar clock has no alarms; a reply port is needed. */
	t.tv_nsec = 0;
	ck_assert_int_eq(clock_alarm(cal, TIME_RELATIVE, t, p), KERN_FAILURE);
	ck_assert_int_eq(clock_alarm(sys, TIME_RELATIVE, t, MACH_PORT_NULL),
	    KERN_INVALID_CAPABILITY);
	/* The refused call's send-once right was destroyed unused: its
	   notification is all that comes. */
	{
		union {
			mach_msg_header_t h;
			char buf[256];
		} m;

		ck_assert_int_eq(mach_msg(&m.h, MACH_RCV_MSG | MACH_RCV_TIMEOUT,
		    0, sizeof(m), p, 0, MACH_PORT_NULL), MACH_MSG_SUCCESS);
		ck_assert_int_eq(m.h.msgh_id, MACH_NOTIFY_SEND_ONCE);
	}
	ck_assert_int_eq(serve_alarm(p, 0), MACH_RCV_TIMED_OUT);
	ck_assert_int_eq(alarms_seen.count, 4);
	ck_assert_int_eq(mach_port_mod_refs(SELF, p, MACH_PORT_RIGHT_RECEIVE,
	    -1), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, sys), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, cal), KERN_SUCCESS);
}
END_TEST

/* ---- the mapped time -------------------------------------------------------------------- */

struct mapped {
	volatile int	seconds;
	volatile int	nanoseconds;
	volatile int	check_seconds;
};

static uint64_t read_mapped(const struct mapped *m)
{
	int s, n;

	do {
		s = m->check_seconds;
		n = m->nanoseconds;
	} while (s != m->seconds);
	return (uint64_t)s * 1000000000u + (uint64_t)n;
}

START_TEST(clock_map_time_advances)
{
	mach_port_t sys = clock_of(SYSTEM_CLOCK), cal = clock_of(CALENDAR_CLOCK);
	mach_port_t obj = MACH_PORT_NULL, obj2 = MACH_PORT_NULL;
	vm_address_t a = 0;
	const struct mapped *m;
	uint64_t t1, t2;

	ck_assert_int_eq(clock_map_time(sys, &obj), KERN_SUCCESS);
	ck_assert_uint_ne(obj, MACH_PORT_NULL);
	ck_assert_int_eq(vm_map(SELF, &a, (vm_size_t)getpagesize(), 0,
	    VM_FLAGS_ANYWHERE, obj, 0, FALSE, VM_PROT_READ, VM_PROT_READ,
	    VM_INHERIT_NONE), KERN_SUCCESS);
	m = (const struct mapped *)a;
	t1 = read_mapped(m);
	ck_assert_uint_le(t1, host_ns(CLOCK_MONOTONIC));
	usleep(20000);
	t2 = read_mapped(m);
	ck_assert_uint_gt(t2, t1);
	/* Read only: the entry gives no write permission. */
	ck_assert_int_eq(vm_protect(SELF, a, (vm_size_t)getpagesize(), FALSE,
	    VM_PROT_READ | VM_PROT_WRITE), KERN_PROTECTION_FAILURE);
	/* Another caller gets the same page. */
	ck_assert_int_eq(clock_map_time(sys, &obj2), KERN_SUCCESS);
	ck_assert_uint_eq(obj2, obj);
	ck_assert_int_eq(clock_map_time(cal, &obj2), KERN_FAILURE);
	ck_assert_int_eq(vm_deallocate(SELF, a, (vm_size_t)getpagesize()),
	    KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, obj), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, obj), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, sys), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, cal), KERN_SUCCESS);
}
END_TEST

Suite *clock_suite(void)
{
	Suite *s = suite_create("clock");
	TCase *tc = kt_tcase("clock");

	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, clock_ports_and_time);
	tcase_add_test(tc, clock_attributes);
	tcase_add_test(tc, clock_set_time_rules);
	tcase_add_test(tc, clock_sleep_relative_absolute_and_errors);
	tcase_add_test(tc, clock_sleep_aborted);
	tcase_add_test(tc, mach_time_is_the_system_clock);
	tcase_add_test(tc, clock_alarm_delivered_to_reply_server);
	tcase_add_test(tc, clock_map_time_advances);
	suite_add_tcase(s, tc);
	return s;
}
