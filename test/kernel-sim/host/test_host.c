/*
 * test_host.c - the host (MACH-SEMANTICS 9.2): its ports and who holds
 * them, host_info and host_statistics from the machine, the version and
 * boot strings, time, special ports, reboot; the boot configuration.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <default_pager/default_pager_types.h>
#include <mach/default_pager_object.h>
#include <mach/host_info.h>
#include <mach/host_reboot.h>
#include <mach/mach.h>
#include <mach/mach_time.h>
#include <machsim/machsim.h>

#include "../ksim_check.h"
#include "../../support/suites.h"
#include "host_test.h"

#define SELF	mach_task_self()

bool process_has_cap(int cap)
{
	char line[256];
	unsigned long long eff = 0;
	FILE *f = fopen("/proc/self/status", "r");

	if (f == NULL)
		return false;
	while (fgets(line, sizeof(line), f) != NULL)
		if (sscanf(line, "CapEff: %llx", &eff) == 1)
			break;
	fclose(f);
	return (eff >> cap) & 1;
}

mach_port_t host_name_port(void)
{
	mach_port_t host = mach_host_self(), name = MACH_PORT_NULL;

	ck_assert_int_eq(host_get_host_port(host, &name), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, host), KERN_SUCCESS);
	return name;
}

/* ---- the ports and who holds them ---------------------------------------------- */

START_TEST(bootstrap_task_holds_the_privileged_port)
{
	mach_port_t host = mach_host_self(), priv = MACH_PORT_NULL;
	mach_port_t name = MACH_PORT_NULL, special = MACH_PORT_NULL;
	kernel_boot_info_t boot;

	/* The bootstrap task's host port is the privileged one. */
	ck_assert_int_eq(host_get_host_priv_port(host, &priv), KERN_SUCCESS);
	ck_assert_uint_eq(priv, host);
	ck_assert_int_eq(task_get_special_port(SELF, TASK_HOST_PORT,
	    &special), KERN_SUCCESS);
	ck_assert_uint_eq(special, host);
	ck_assert_int_eq(host_get_host_port(host, &name), KERN_SUCCESS);
	ck_assert_uint_ne(name, host);
	ck_assert_int_eq(host_get_boot_info(host, boot), KERN_SUCCESS);
	/* The name port does not open the privileged calls. */
	ck_assert_int_eq(host_get_boot_info(name, boot), KERN_INVALID_HOST);
	ck_assert_int_eq(host_get_host_priv_port(name, &special),
	    KERN_INVALID_HOST);
	ck_assert_int_eq(host_reboot(name, 0), KERN_INVALID_HOST);
	ck_assert_int_eq(mach_port_deallocate(SELF, name), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, priv), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, host), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, host), KERN_SUCCESS);
}
END_TEST

struct child_probe {
	kern_return_t	boot_kr;
	kern_return_t	psets_kr;
	kern_return_t	info_kr;
};

static void *child_main(void *arg)
{
	struct child_probe *c = arg;
	mach_port_t host = mach_host_self();
	kernel_boot_info_t boot;
	processor_set_name_array_t sets;
	mach_msg_type_number_t n = 0;
	host_basic_info_data_t bi;
	mach_msg_type_number_t cnt = HOST_BASIC_INFO_COUNT;

	c->boot_kr = host_get_boot_info(host, boot);
	c->psets_kr = host_processor_sets(host, &sets, &n);
	c->info_kr = host_info(host, HOST_BASIC_INFO, (host_info_t)&bi, &cnt);
	(void)mach_port_deallocate(mach_task_self(), host);
	return NULL;
}

/* A created task gets the name port; the privileged calls refuse it
   until the holder hands the privileged port on. */
START_TEST(child_task_is_unprivileged_until_handed_on)
{
	mach_port_t child, hp = MACH_PORT_NULL, name = host_name_port();
	mach_port_t host = mach_host_self();
	struct child_probe c;
	pthread_t pt;

	ck_assert_int_eq(task_create(SELF, NULL, 0, FALSE, &child),
	    KERN_SUCCESS);
	ck_assert_int_eq(task_get_special_port(child, TASK_HOST_PORT, &hp),
	    KERN_SUCCESS);
	ck_assert_uint_eq(hp, name);
	ck_assert_int_eq(mach_port_deallocate(SELF, hp), KERN_SUCCESS);
	memset(&c, 0, sizeof(c));
	ck_assert_int_eq(machsim_thread_spawn(child, child_main, &c, &pt),
	    KERN_SUCCESS);
	pthread_join(pt, NULL);
	ck_assert_int_eq(c.boot_kr, KERN_INVALID_HOST);
	ck_assert_int_eq(c.psets_kr, KERN_INVALID_HOST);
	ck_assert_int_eq(c.info_kr, KERN_SUCCESS);
	/* Handed on: now the child's calls work. */
	ck_assert_int_eq(task_set_special_port(child, TASK_HOST_PORT, host),
	    KERN_SUCCESS);
	memset(&c, 0, sizeof(c));
	ck_assert_int_eq(machsim_thread_spawn(child, child_main, &c, &pt),
	    KERN_SUCCESS);
	pthread_join(pt, NULL);
	ck_assert_int_eq(c.boot_kr, KERN_SUCCESS);
	ck_assert_int_eq(c.psets_kr, KERN_SUCCESS);
	ck_assert_int_eq(task_terminate(child), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, child), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, name), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, host), KERN_SUCCESS);
}
END_TEST

/* ---- host_info ------------------------------------------------------------------------ */

START_TEST(host_info_basic_from_the_machine)
{
	mach_port_t host = host_name_port();
	host_basic_info_data_t bi;
	mach_msg_type_number_t cnt = HOST_BASIC_INFO_COUNT;
	cpu_set_t mask;

	memset(&bi, 0xee, sizeof(bi));
	ck_assert_int_eq(host_info(host, HOST_BASIC_INFO, (host_info_t)&bi,
	    &cnt), KERN_SUCCESS);
	ck_assert_uint_eq(cnt, HOST_BASIC_INFO_COUNT);
	ck_assert_int_eq(bi.max_cpus, (int)sysconf(_SC_NPROCESSORS_CONF));
	ck_assert_int_eq(bi.logical_cpu, (int)sysconf(_SC_NPROCESSORS_ONLN));
	ck_assert(sched_getaffinity(0, sizeof(mask), &mask) == 0);
	ck_assert_int_le(bi.avail_cpus, CPU_COUNT(&mask));
	ck_assert_int_ge(bi.avail_cpus, 1);
	ck_assert_uint_eq(bi.max_mem, (uint64_t)sysconf(_SC_PHYS_PAGES) *
	    (uint64_t)sysconf(_SC_PAGESIZE));
	ck_assert_uint_eq(bi.memory_size, bi.max_mem > 0x80000000u ?
	    0x80000000u : bi.max_mem);
	ck_assert_int_eq(bi.cpu_type, CPU_TYPE_X86_64);
	ck_assert_int_eq(bi.cpu_subtype, CPU_SUBTYPE_X86_64_ALL);
	ck_assert_int_ge(bi.physical_cpu, 1);
	ck_assert_int_le(bi.physical_cpu, bi.logical_cpu);
	/* The old count gets the first five words only. */
	memset(&bi, 0xee, sizeof(bi));
	cnt = HOST_BASIC_INFO_OLD_COUNT;
	ck_assert_int_eq(host_info(host, HOST_BASIC_INFO, (host_info_t)&bi,
	    &cnt), KERN_SUCCESS);
	ck_assert_uint_eq(cnt, HOST_BASIC_INFO_OLD_COUNT);
	ck_assert_int_eq(bi.cpu_type, CPU_TYPE_X86_64);
	ck_assert_int_eq(bi.cpu_threadtype, (int)0xeeeeeeee);
	cnt = HOST_BASIC_INFO_OLD_COUNT - 1;
	ck_assert_int_eq(host_info(host, HOST_BASIC_INFO, (host_info_t)&bi,
	    &cnt), KERN_FAILURE);
	ck_assert_int_eq(mach_port_deallocate(SELF, host), KERN_SUCCESS);
}
END_TEST

START_TEST(host_info_other_flavors)
{
	mach_port_t host = host_name_port();
	integer_t w[HOST_INFO_MAX];
	mach_msg_type_number_t cnt;
	host_sched_info_t si = (host_sched_info_t)w;
	kernel_resource_sizes_t rs = (kernel_resource_sizes_t)w;
	host_priority_info_t pi = (host_priority_info_t)w;

	cnt = HOST_INFO_MAX;
	ck_assert_int_eq(host_info(host, HOST_SCHED_INFO, w, &cnt),
	    KERN_SUCCESS);
	ck_assert_uint_eq(cnt, HOST_SCHED_INFO_COUNT);
	ck_assert_int_ge(si->min_timeout, 1);
	ck_assert_int_ge(si->min_quantum, 1);
	cnt = HOST_INFO_MAX;
	ck_assert_int_eq(host_info(host, HOST_RESOURCE_SIZES, w, &cnt),
	    KERN_SUCCESS);
	ck_assert_uint_eq(cnt, HOST_RESOURCE_SIZES_COUNT);
	ck_assert_uint_gt(rs->task, 0);
	ck_assert_uint_gt(rs->thread, 0);
	ck_assert_uint_gt(rs->port, 0);
	cnt = HOST_INFO_MAX;
	ck_assert_int_eq(host_info(host, HOST_PRIORITY_INFO, w, &cnt),
	    KERN_SUCCESS);
	ck_assert_uint_eq(cnt, HOST_PRIORITY_INFO_COUNT);
	ck_assert_int_eq(pi->user_priority, 31);
	ck_assert_int_lt(pi->minimum_priority, pi->maximum_priority);
	cnt = HOST_INFO_MAX;
	ck_assert_int_eq(host_info(host, HOST_SEMAPHORE_TRAPS, w, &cnt),
	    KERN_SUCCESS);
	ck_assert_uint_eq(cnt, 0);
	cnt = HOST_INFO_MAX;
	ck_assert_int_eq(host_info(host, HOST_MACH_MSG_TRAP, w, &cnt),
	    KERN_SUCCESS);
	ck_assert_uint_eq(cnt, 0);
	/* Short counts and unknown flavors. */
	cnt = HOST_SCHED_INFO_COUNT - 1;
	ck_assert_int_eq(host_info(host, HOST_SCHED_INFO, w, &cnt),
	    KERN_FAILURE);
	cnt = HOST_PRIORITY_INFO_COUNT - 1;
	ck_assert_int_eq(host_info(host, HOST_PRIORITY_INFO, w, &cnt),
	    KERN_FAILURE);
	cnt = HOST_INFO_MAX;
	ck_assert_int_eq(host_info(host, 2, w, &cnt), KERN_INVALID_ARGUMENT);
	cnt = HOST_INFO_MAX;
	ck_assert_int_eq(host_info(host, 999, w, &cnt), KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(mach_port_deallocate(SELF, host), KERN_SUCCESS);
}
END_TEST

START_TEST(host_statistics_flavors)
{
	mach_port_t host = host_name_port();
	host_load_info_data_t li;
	host_cpu_load_info_data_t c1, c2;
	vm_statistics_data_t vs;
	mach_msg_type_number_t cnt;
	double avg[3];
	volatile unsigned long spin = 0;
	uint64_t t0, sum1 = 0, sum2 = 0;
	int i;

	cnt = HOST_LOAD_INFO_COUNT;
	ck_assert_int_eq(host_statistics(host, HOST_LOAD_INFO,
	    (host_info_t)&li, &cnt), KERN_SUCCESS);
	ck_assert_uint_eq(cnt, HOST_LOAD_INFO_COUNT);
	ck_assert_int_eq(getloadavg(avg, 3), 3);
	/* The same averages, scaled (they may move between the reads). */
	ck_assert_int_le(abs(li.avenrun[2] - (int)(avg[2] * LOAD_SCALE)),
	    LOAD_SCALE);
	ck_assert_int_ge(li.mach_factor[0], 0);
	cnt = HOST_CPU_LOAD_INFO_COUNT;
	ck_assert_int_eq(host_statistics(host, HOST_CPU_LOAD_INFO,
	    (host_info_t)&c1, &cnt), KERN_SUCCESS);
	t0 = mach_absolute_time();
	while (mach_absolute_time() - t0 < 50000000ull)	/* 50 ms busy */
		spin++;
	cnt = HOST_CPU_LOAD_INFO_COUNT;
	ck_assert_int_eq(host_statistics(host, HOST_CPU_LOAD_INFO,
	    (host_info_t)&c2, &cnt), KERN_SUCCESS);
	for (i = 0; i < CPU_STATE_MAX; i++) {
		ck_assert_uint_ge(c2.cpu_ticks[i], c1.cpu_ticks[i]);
		sum1 += c1.cpu_ticks[i];
		sum2 += c2.cpu_ticks[i];
	}
	ck_assert_uint_gt(sum2, sum1);		/* the machine's ticks run */
	cnt = HOST_VM_INFO_COUNT;
	ck_assert_int_eq(host_statistics(host, HOST_VM_INFO,
	    (host_info_t)&vs, &cnt), KERN_SUCCESS);
	ck_assert_uint_eq(cnt, HOST_VM_INFO_REV2_COUNT);
	cnt = HOST_VM_INFO_REV0_COUNT;
	ck_assert_int_eq(host_statistics(host, HOST_VM_INFO,
	    (host_info_t)&vs, &cnt), KERN_SUCCESS);
	ck_assert_uint_eq(cnt, HOST_VM_INFO_REV0_COUNT);
	/* The 64-bit form: the same counters, widened. */
	{
		vm_statistics64_data_t v64;

		cnt = HOST_VM_INFO64_COUNT;
		ck_assert_int_eq(host_statistics64(host, HOST_VM_INFO64,
		    (host_info64_t)&v64, &cnt), KERN_SUCCESS);
		ck_assert_uint_eq(cnt, HOST_VM_INFO64_COUNT);
		ck_assert_uint_eq(cnt, 38);
		ck_assert_uint_ge(v64.faults, vs.faults);
		ck_assert_uint_ge(v64.zero_fill_count, vs.zero_fill_count);
		cnt = HOST_VM_INFO64_REV0_COUNT - 1;
		ck_assert_int_eq(host_statistics64(host, HOST_VM_INFO64,
		    (host_info64_t)&v64, &cnt), KERN_FAILURE);
		cnt = HOST_LOAD_INFO_COUNT;
		ck_assert_int_eq(host_statistics64(host, HOST_LOAD_INFO,
		    (host_info64_t)&li, &cnt), KERN_SUCCESS);
		ck_assert_uint_eq(cnt, HOST_LOAD_INFO_COUNT);
	}
	cnt = HOST_LOAD_INFO_COUNT - 1;
	ck_assert_int_eq(host_statistics(host, HOST_LOAD_INFO,
	    (host_info_t)&li, &cnt), KERN_FAILURE);
	cnt = HOST_CPU_LOAD_INFO_COUNT - 1;
	ck_assert_int_eq(host_statistics(host, HOST_CPU_LOAD_INFO,
	    (host_info_t)&c1, &cnt), KERN_FAILURE);
	cnt = HOST_LOAD_INFO_COUNT;
	ck_assert_int_eq(host_statistics(host, 77, (host_info_t)&li, &cnt),
	    KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(host_statistics(MACH_PORT_NULL, HOST_LOAD_INFO,
	    (host_info_t)&li, &cnt), MACH_SEND_INVALID_DEST);
	ck_assert_int_eq(mach_port_deallocate(SELF, host), KERN_SUCCESS);
}
END_TEST

/* ---- strings, time, reboot ------------------------------------------------------------ */

START_TEST(version_boot_info_and_time)
{
	mach_port_t host = mach_host_self(), name = host_name_port();
	kernel_version_t v;
	kernel_boot_info_t boot;
	time_value_t t, old;
	struct timespec now;
	kern_return_t kr;

	ck_assert_int_eq(host_kernel_version(name, v), KERN_SUCCESS);
	ck_assert_ptr_nonnull(strstr(v, "machsim Kernel Version"));
	ck_assert_uint_lt(strlen(v), KERNEL_VERSION_MAX);
	memset(boot, 'x', sizeof(boot));
	ck_assert_int_eq(host_get_boot_info(host, boot), KERN_SUCCESS);
	ck_assert_uint_lt(strlen(boot), KERNEL_BOOT_INFO_MAX);
	ck_assert_int_eq(host_get_time(name, &t), KERN_SUCCESS);
	clock_gettime(CLOCK_REALTIME, &now);
	ck_assert_int_le(labs((long)now.tv_sec - t.seconds), 1);
	ck_assert_int_lt(t.microseconds, TIME_MICROS_MAX);
	/* Setting the time: the privileged port, then the host's own
	   privilege (CAP_SYS_TIME); set to now, so nothing moves. */
	t.microseconds = TIME_MICROS_MAX;
	ck_assert_int_eq(host_set_time(host, t), KERN_INVALID_VALUE);
	ck_assert_int_eq(host_set_time(name, t), KERN_INVALID_HOST);
	clock_gettime(CLOCK_REALTIME, &now);
	t.seconds = (int)now.tv_sec;
	t.microseconds = (int)(now.tv_nsec / 1000);
	kr = host_set_time(host, t);
	ck_assert_int_eq(kr, process_has_cap(HOST_TEST_CAP_SYS_TIME) ?
	    KERN_SUCCESS : KERN_NO_ACCESS);
	t.seconds = 0;
	t.microseconds = 0;
	kr = host_adjust_time(host, t, &old);
	ck_assert_int_eq(kr, process_has_cap(HOST_TEST_CAP_SYS_TIME) ?
	    KERN_SUCCESS : KERN_NO_ACCESS);
	t.microseconds = -1;
	ck_assert_int_eq(host_adjust_time(host, t, &old), KERN_INVALID_VALUE);
	ck_assert_int_eq(host_adjust_time(name, t, &old), KERN_INVALID_HOST);
	/* Reboot acts on the machine: refused, after the checks. */
	ck_assert_int_eq(host_reboot(host, HOST_REBOOT_HALT),
	    KERN_NOT_SUPPORTED);
	ck_assert_int_eq(host_reboot(host, 0), KERN_NOT_SUPPORTED);
	ck_assert_int_eq(host_reboot(host, 0x2), KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(mach_port_deallocate(SELF, name), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, host), KERN_SUCCESS);
}
END_TEST

/* ---- special ports --------------------------------------------------------------------- */

START_TEST(special_ports)
{
	mach_port_t host = mach_host_self(), p, got = MACH_PORT_NULL;
	mach_port_urefs_t refs;

	ck_assert_int_eq(mach_port_allocate(SELF, MACH_PORT_RIGHT_RECEIVE, &p),
	    KERN_SUCCESS);
	ck_assert_int_eq(mach_port_insert_right(SELF, p, p,
	    MACH_MSG_TYPE_MAKE_SEND), KERN_SUCCESS);
	ck_assert_int_eq(host_get_automountd_port(host, &got), KERN_SUCCESS);
	ck_assert_uint_eq(got, MACH_PORT_NULL);
	ck_assert_int_eq(host_set_automountd_port(host, p), KERN_SUCCESS);
	/* The caller keeps its right; the host holds another. */
	ck_assert_int_eq(mach_port_get_refs(SELF, p, MACH_PORT_RIGHT_SEND,
	    &refs), KERN_SUCCESS);
	ck_assert_uint_eq(refs, 1);
	ck_assert_int_eq(host_get_automountd_port(host, &got), KERN_SUCCESS);
	ck_assert_uint_eq(got, p);
	ck_assert_int_eq(mach_port_deallocate(SELF, got), KERN_SUCCESS);
	ck_assert_int_eq(host_set_automountd_port(host, MACH_PORT_NULL),
	    KERN_SUCCESS);
	ck_assert_int_eq(host_get_automountd_port(host, &got), KERN_SUCCESS);
	ck_assert_uint_eq(got, MACH_PORT_NULL);
	/* The kernel's ids are not set; ids out of range are refused. */
	ck_assert_int_eq(host_set_special_port(host, HOST_PRIV_PORT, p),
	    KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(host_set_special_port(host,
	    HOST_MAX_SPECIAL_PORT + 1, p), KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(host_get_special_port(host, HOST_LOCAL_NODE, -1,
	    &got), KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(host_get_special_port(host, HOST_LOCAL_NODE,
	    HOST_MAX_SPECIAL_PORT + 1, &got), KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(host_get_special_port(host, HOST_LOCAL_NODE,
	    HOST_IO_MAIN_PORT, &got), KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(host_set_special_port(host, HOST_LOCKD_PORT, 0x1234),
	    MACH_SEND_INVALID_RIGHT);
	ck_assert_int_eq(mach_port_mod_refs(SELF, p, MACH_PORT_RIGHT_RECEIVE,
	    -1), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, p), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, host), KERN_SUCCESS);
}
END_TEST

/* ---- the boot configuration --------------------------------------------------------- */

/* Run the test program's kernel in a child with MACHSIM_CONFIG set to a
   file of the given text; its stderr into err; its exit status. */
static int boot_child(const char *yaml, char *err, size_t errlen,
    char *version, size_t vlen)
{
	char path[] = "/tmp/machsim-config-XXXXXX";
	int fd = mkstemp(path), pfd[2], status;
	ssize_t n;
	size_t got = 0;
	pid_t pid;

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, yaml, strlen(yaml)), (ssize_t)strlen(yaml));
	close(fd);
	ck_assert_int_eq(pipe(pfd), 0);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		char *argv[] = { (char *)"check", NULL };

		dup2(pfd[1], 2);
		close(pfd[0]);
		setenv("MACHSIM_CONFIG", path, 1);
		setenv("MACHSIM_TEST_BOOT_PROBE", "1", 1);
		execv("/proc/self/exe", argv);
		_exit(127);
	}
	close(pfd[1]);
	while (got + 1 < errlen && (n = read(pfd[0], err + got,
	    errlen - 1 - got)) > 0)
		got += (size_t)n;
	err[got] = '\0';
	close(pfd[0]);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	unlink(path);
	if (version != NULL) {
		const char *s = strstr(err, "VERSION["), *e;

		version[0] = '\0';
		if (s != NULL && (e = strrchr(s, ']')) != NULL) {
			s += 8;
			snprintf(version, vlen, "%.*s", (int)(e - s), s);
		}
	}
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

/* In the re-executed child: boot, and say the version. */
int host_boot_probe(void)
{
	kernel_version_t v;
	mach_port_t host = mach_host_self();

	mach_port_t dp = MACH_PORT_NULL;
	default_pager_info_t info;

	if (host_kernel_version(host, v) != KERN_SUCCESS)
		return 3;
	if (host_default_memory_manager(host, &dp, 0) != KERN_SUCCESS ||
	    default_pager_info(dp, &info) != KERN_SUCCESS)
		return 4;
	fprintf(stderr, "STORES[%llu]", (unsigned long long)
	    info.dpi_total_space);
	{
		processor_set_name_array_t sets;
		mach_msg_type_number_t n = 0;

		if (host_processor_sets(host, &sets, &n) != KERN_SUCCESS)
			return 5;
		fprintf(stderr, "PSETS[%u]", n);
	}
	fprintf(stderr, "VERSION[%s]", v);
	return 0;
}

START_TEST(config_read_at_boot)
{
	char err[4096], v[600];

	char yaml[1024], store[] = "/tmp/machsim-store-test-XXXXXX";
	int fd = mkstemp(store);

	ck_assert_int_ge(fd, 0);
	close(fd);
	snprintf(yaml, sizeof(yaml),
	    "host:\n"
	    "  name: testhost\n"
	    "  kernel_version: \"Test Kernel 1.2\"\n"
	    "clock:\n"
	    "  alarm_resolution_ns: 2000000\n"
	    "default_pager:\n"
	    "  stores:\n"
	    "    - path: %s\n"
	    "      size: 64K\n"
	    "processor_sets:\n"
	    "  - name: rt\n"
	    "    cpus: [0]\n"
	    "limits:\n"
	    "  task_semaphores: 10\n", store);
	ck_assert_int_eq(boot_child(yaml, err, sizeof(err), v, sizeof(v)), 0);
	ck_assert_str_eq(v, "Test Kernel 1.2");
	/* The store is the pager's, at its size. */
	ck_assert_ptr_nonnull(strstr(err, "STORES[65536]"));
	ck_assert_ptr_nonnull(strstr(err, "PSETS[2]"));
	/* A store that cannot be made stops the boot. */
	ck_assert_int_eq(boot_child("default_pager:\n  stores:\n"
	    "    - path: /nonexistent-dir/x\n      size: 1M\n", err,
	    sizeof(err), NULL, 0), 1);
	ck_assert_ptr_nonnull(strstr(err, "backing store '/nonexistent-dir/x'"));
	unlink(store);
	/* An empty file configures nothing. */
	ck_assert_int_eq(boot_child("", err, sizeof(err), v, sizeof(v)), 0);
	ck_assert_ptr_nonnull(strstr(v, "machsim Kernel Version"));
	ck_assert_ptr_nonnull(strstr(err, "STORES[0]"));
	ck_assert_ptr_nonnull(strstr(err, "PSETS[1]"));
}
END_TEST

START_TEST(config_errors_stop_the_boot)
{
	char err[4096];

	/* An unknown key, at its place. */
	ck_assert_int_eq(boot_child("host:\n  nmae: x\n", err, sizeof(err),
	    NULL, 0), 1);
	ck_assert_ptr_nonnull(strstr(err, ":2:3: error: unknown key 'nmae'"));
	ck_assert_ptr_null(strstr(err, "VERSION["));
	/* A value out of range. */
	ck_assert_int_eq(boot_child("clock:\n  alarm_resolution_ns: 5\n",
	    err, sizeof(err), NULL, 0), 1);
	ck_assert_ptr_nonnull(strstr(err, ":2:24: error: "
	    "clock.alarm_resolution_ns: '5' is not a number"));
	/* A YAML syntax error. */
	ck_assert_int_eq(boot_child("host: [1, 2\n", err, sizeof(err), NULL,
	    0), 1);
	ck_assert_ptr_nonnull(strstr(err, "error: "));
	/* Wrong kinds. */
	ck_assert_int_eq(boot_child("processor_sets:\n  name: x\n", err,
	    sizeof(err), NULL, 0), 1);
	ck_assert_ptr_nonnull(strstr(err, ":2:3: error: processor_sets must "
	    "be a list"));
	ck_assert_int_eq(boot_child("processor_sets:\n  - name: x\n"
	    "    cpus: \"3-1\"\n", err, sizeof(err), NULL, 0), 1);
	ck_assert_ptr_nonnull(strstr(err, ":3:11: error: cpus must be"));
	ck_assert_int_eq(boot_child("default_pager:\n  stores:\n"
	    "    - path: /tmp/x\n      size: 12Q\n", err, sizeof(err), NULL,
	    0), 1);
	ck_assert_ptr_nonnull(strstr(err, ":4:13: error: "
	    "default_pager.stores[].size"));
}
END_TEST

Suite *host_suite(void)
{
	Suite *s = suite_create("host");
	TCase *tc = kt_tcase("host");

	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, bootstrap_task_holds_the_privileged_port);
	tcase_add_test(tc, child_task_is_unprivileged_until_handed_on);
	tcase_add_test(tc, host_info_basic_from_the_machine);
	tcase_add_test(tc, host_info_other_flavors);
	tcase_add_test(tc, host_statistics_flavors);
	tcase_add_test(tc, version_boot_info_and_time);
	tcase_add_test(tc, special_ports);
	tcase_add_test(tc, config_read_at_boot);
	tcase_add_test(tc, config_errors_stop_the_boot);
	suite_add_tcase(s, tc);
	return s;
}
