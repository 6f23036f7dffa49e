/*
 * hostinfo.c - what a Darwin system tool asks of the host, as it asks
 * it: the basic host information, the CPUs' load through
 * host_processor_info, the load averages and VM counters through
 * host_statistics, the calendar and system clocks through their service
 * ports, mach_absolute_time and its timebase, clock_sleep, and the
 * default processor set's task count.
 *
 *   cc hostinfo.c $(pkg-config --cflags --libs machsim)
 */
#include <mach/mach.h>
#include <mach/mach_error.h>
#include <mach/mach_time.h>
#include <mach/clock.h>
#include <mach/processor_info.h>

#include <stdio.h>
#include <stdlib.h>

#define FAIL(...) do { \
	fprintf(stderr, "hostinfo: %s:%d: ", __FILE__, __LINE__); \
	fprintf(stderr, __VA_ARGS__); \
	fputc('\n', stderr); \
	exit(1); \
} while (0)

#define CHECK_KR(expr) do { \
	kern_return_t kr_ = (expr); \
	if (kr_ != KERN_SUCCESS) \
		FAIL("%s: %s (0x%x)", #expr, mach_error_string(kr_), kr_); \
} while (0)

#define EXPECT(cond) do { \
	if (!(cond)) \
		FAIL("expected %s", #cond); \
} while (0)

int main(void)
{
	host_t host = mach_host_self();
	host_basic_info_data_t basic;
	host_load_info_data_t load;
	vm_statistics_data_t vm;
	mach_msg_type_number_t count;
	processor_info_array_t cpu_info;
	mach_msg_type_number_t cpu_info_count;
	natural_t ncpu, i;
	clock_serv_t cal, sys;
	mach_timespec_t now, woke, nap = { 0, 5000000 };
	mach_timebase_info_data_t tb;
	uint64_t t0, t1;
	processor_set_name_t pset;
	processor_set_load_info_data_t pload;

	count = HOST_BASIC_INFO_COUNT;
	CHECK_KR(host_info(host, HOST_BASIC_INFO, (host_info_t)&basic,
	    &count));
	EXPECT(basic.avail_cpus >= 1 && basic.max_mem > 0);
	printf("cpus %d/%d, memory %llu MiB, type 0x%x\n", basic.avail_cpus,
	    basic.max_cpus, (unsigned long long)(basic.max_mem >> 20),
	    basic.cpu_type);

	CHECK_KR(host_processor_info(host, PROCESSOR_CPU_LOAD_INFO, &ncpu,
	    &cpu_info, &cpu_info_count));
	EXPECT(ncpu == (natural_t)basic.avail_cpus);
	EXPECT(cpu_info_count == ncpu * CPU_STATE_MAX);
	for (i = 0; i < ncpu; i++) {
		processor_cpu_load_info_t c =
		    (processor_cpu_load_info_t)cpu_info + i;

		printf("cpu %u: user %u system %u idle %u\n", i,
		    c->cpu_ticks[CPU_STATE_USER],
		    c->cpu_ticks[CPU_STATE_SYSTEM],
		    c->cpu_ticks[CPU_STATE_IDLE]);
	}
	CHECK_KR(vm_deallocate(mach_task_self(), (vm_address_t)cpu_info,
	    cpu_info_count * sizeof(integer_t)));

	count = HOST_LOAD_INFO_COUNT;
	CHECK_KR(host_statistics(host, HOST_LOAD_INFO, (host_info_t)&load,
	    &count));
	printf("load %.2f\n", (double)load.avenrun[0] / LOAD_SCALE);
	count = HOST_VM_INFO_COUNT;
	CHECK_KR(host_statistics(host, HOST_VM_INFO, (host_info_t)&vm,
	    &count));
	{
		vm_statistics64_data_t vm64;

		count = HOST_VM_INFO64_COUNT;
		CHECK_KR(host_statistics64(host, HOST_VM_INFO64,
		    (host_info64_t)&vm64, &count));
		printf("faults %llu, wired pages %u\n",
		    (unsigned long long)vm64.faults, vm64.wire_count);
	}

	CHECK_KR(host_get_clock_service(host, CALENDAR_CLOCK, &cal));
	CHECK_KR(clock_get_time(cal, &now));
	EXPECT(now.tv_sec > 1600000000u);
	CHECK_KR(host_get_clock_service(host, SYSTEM_CLOCK, &sys));
	CHECK_KR(mach_timebase_info(&tb));
	EXPECT(tb.denom != 0);
	t0 = mach_absolute_time();
	CHECK_KR(clock_sleep(sys, TIME_RELATIVE, nap, &woke));
	t1 = mach_absolute_time();
	EXPECT((t1 - t0) * tb.numer / tb.denom >= 5000000u);
	CHECK_KR(mach_port_deallocate(mach_task_self(), cal));
	CHECK_KR(mach_port_deallocate(mach_task_self(), sys));

	CHECK_KR(processor_set_default(host, &pset));
	count = PROCESSOR_SET_LOAD_INFO_COUNT;
	CHECK_KR(processor_set_statistics(pset, PROCESSOR_SET_LOAD_INFO,
	    (processor_set_info_t)&pload, &count));
	EXPECT(pload.task_count >= 1);
	CHECK_KR(mach_port_deallocate(mach_task_self(), pset));
	CHECK_KR(mach_port_deallocate(mach_task_self(), host));
	printf("hostinfo: ok\n");
	return 0;
}
