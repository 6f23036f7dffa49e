/*
 * pager_bench.c - a page fault served by a user memory manager through
 * the generated memory_object_server, against a raw userfaultfd fault
 * served by a thread with UFFDIO_COPY (BENCHMARKING.md: the baseline is
 * timed in the same process and run, in interleaved pairs).
 *
 *   figure    a thread reads the first byte of each page of a vm_map'd
 *             memory object; every read faults, the kernel sends
 *             memory_object_data_request, the manager thread answers
 *             with memory_object_data_supply (its UPL calls)
 *   baseline  the same reads of anonymous memory registered with
 *             userfaultfd (missing pages); a thread reads the fault
 *             events and answers each with UFFDIO_COPY of a page
 *
 * Run once as machsim chooses (userfaultfd for first reads where the host
 * has it) and once with MACHSIM_PAGER_FAULTS=signal (bench.mk does both).
 * Between rounds the pages are dropped again (memory_object_lock_request
 * with DATA_FLUSH; MADV_DONTNEED), outside the timed part.  One CPU
 * (every thread pinned to it), then two cores when there are two.
 * Nothing is asserted; the target is printed beside the ratio.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/userfaultfd.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <mach/mach.h>
#include <mach/mach_error.h>
#include <mach/memory_object_control.h>
#include <machsim/pager.h>
#include <server/memory_objectServer.h>

#include "bench_util.h"

#define PAIRS	7
#define NPAGES	256		/* faults per round */
#define ROUNDS	8		/* rounds per measurement */
#define TARGET	1.5

static size_t pg;
static char *supply_page;	/* what both managers hand out */

/* Read the first byte of every page: one fault each. */
static unsigned touch_all(const volatile char *p)
{
	unsigned sum = 0;
	size_t i;

	for (i = 0; i < NPAGES; i++)
		sum += (unsigned char)p[i * pg];
	return sum;
}

/* ---- the user memory manager ------------------------------------------------------ */

static struct {
	mach_port_t	port;
	mach_port_t	control;
	atomic_bool	stop;
	int		cpu;
	atomic_bool	ready;
} mgr;

kern_return_t memory_object_init(memory_object_t memory_object,
    mach_port_t memory_control, vm_size_t memory_object_page_size)
{
	(void)memory_object;
	(void)memory_object_page_size;
	mgr.control = memory_control;
	atomic_store(&mgr.ready, true);
	return KERN_SUCCESS;
}

kern_return_t memory_object_data_request(memory_object_t memory_object,
    mach_port_t memory_control, memory_object_offset_t offset,
    vm_size_t length, vm_prot_t desired_access)
{
	(void)memory_object;
	(void)desired_access;
	CHECK("memory_object_data_supply", memory_object_data_supply(
	    memory_control, offset, supply_page, length, VM_PROT_NONE));
	(void)mach_port_deallocate(mach_task_self(), memory_control);
	return KERN_SUCCESS;
}

static void *manager_main(void *arg)
{
	struct {
		mach_msg_header_t	head;
		char			body[2048];
	} req;
	mig_reply_error_t rep;
	mach_msg_return_t mr;

	(void)arg;
	pin_self(mgr.cpu);
	while (!atomic_load(&mgr.stop)) {
		mr = mach_msg(&req.head, MACH_RCV_MSG, 0, sizeof(req),
		    mgr.port, MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL);
		if (mr != MACH_MSG_SUCCESS)
			bench_fail("mach_msg", mr);
		if (!memory_object_server(&req.head, &rep.Head) ||
		    (rep.RetCode != KERN_SUCCESS &&
		    rep.RetCode != MIG_NO_REPLY)) {
			req.head.msgh_remote_port = MACH_PORT_NULL;
			mach_msg_destroy(&req.head);
		}
	}
	return NULL;
}

/* Stop the manager: it sees the flag once this message wakes it. */
static void manager_stop(pthread_t mt)
{
	mach_msg_header_t m;

	atomic_store(&mgr.stop, true);
	memset(&m, 0, sizeof(m));
	m.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_MAKE_SEND, 0);
	m.msgh_size = sizeof(m);
	m.msgh_remote_port = mgr.port;
	m.msgh_id = 1;		/* no routine's id */
	CHECK("mach_msg", mach_msg(&m, MACH_SEND_MSG, sizeof(m), 0,
	    MACH_PORT_NULL, MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL));
	pthread_join(mt, NULL);
}

static vm_address_t pager_region;

static double pager_round(void)
{
	double t0, t1;

	t0 = now_ns();
	(void)touch_all((const volatile char *)pager_region);
	t1 = now_ns();
	CHECK("memory_object_lock_request", memory_object_lock_request(
	    mgr.control, 0, NPAGES * pg, MEMORY_OBJECT_RETURN_NONE,
	    MEMORY_OBJECT_DATA_FLUSH, VM_PROT_NO_CHANGE, MACH_PORT_NULL));
	return t1 - t0;
}

/* ---- the userfaultfd baseline ------------------------------------------------------ */

static struct {
	int		uffd;
	int		quit;		/* eventfd */
	char		*region;
	int		cpu;
} uf;

static void *uffd_main(void *arg)
{
	struct pollfd fds[2];
	struct uffd_msg msg;
	struct uffdio_copy copy;

	(void)arg;
	pin_self(uf.cpu);
	fds[0].fd = uf.uffd;
	fds[0].events = POLLIN;
	fds[1].fd = uf.quit;
	fds[1].events = POLLIN;
	for (;;) {
		if (poll(fds, 2, -1) < 0 && errno != EINTR)
			break;
		if (fds[1].revents & POLLIN)
			break;
		if (!(fds[0].revents & POLLIN))
			continue;
		if (read(uf.uffd, &msg, sizeof(msg)) != (ssize_t)sizeof(msg))
			continue;
		if (msg.event != UFFD_EVENT_PAGEFAULT)
			continue;
		copy.dst = msg.arg.pagefault.address & ~(uint64_t)(pg - 1);
		copy.src = (uint64_t)(uintptr_t)supply_page;
		copy.len = pg;
		copy.mode = 0;
		copy.copy = 0;
		(void)ioctl(uf.uffd, UFFDIO_COPY, &copy);
	}
	return NULL;
}

static bool uffd_setup(void)
{
	struct uffdio_api api = { .api = UFFD_API, .features = 0 };
	struct uffdio_register reg;

	uf.uffd = (int)syscall(SYS_userfaultfd, O_CLOEXEC | O_NONBLOCK);
	if (uf.uffd < 0) {
		printf("  skipped: userfaultfd: %s\n", strerror(errno));
		return false;
	}
	if (ioctl(uf.uffd, UFFDIO_API, &api) != 0) {
		printf("  skipped: UFFDIO_API: %s\n", strerror(errno));
		close(uf.uffd);
		return false;
	}
	uf.region = mmap(NULL, NPAGES * pg, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (uf.region == MAP_FAILED)
		return false;
	reg.range.start = (uint64_t)(uintptr_t)uf.region;
	reg.range.len = NPAGES * pg;
	reg.mode = UFFDIO_REGISTER_MODE_MISSING;
	if (ioctl(uf.uffd, UFFDIO_REGISTER, &reg) != 0) {
		printf("  skipped: UFFDIO_REGISTER: %s\n", strerror(errno));
		munmap(uf.region, NPAGES * pg);
		close(uf.uffd);
		return false;
	}
	uf.quit = eventfd(0, EFD_CLOEXEC);
	return uf.quit >= 0;
}

static double uffd_round(void)
{
	double t0, t1;

	t0 = now_ns();
	(void)touch_all((const volatile char *)uf.region);
	t1 = now_ns();
	(void)madvise(uf.region, NPAGES * pg, MADV_DONTNEED);
	return t1 - t0;
}

/* ---- one placement ------------------------------------------------------------------ */

static double measure(double (*round)(void))
{
	double t = 0;
	int i;

	for (i = 0; i < ROUNDS; i++)
		t += round();
	return t / (ROUNDS * (double)NPAGES);
}

static void figure(int client_cpu, int server_cpu, const char *label)
{
	pthread_t mt, ut;
	double ta[PAIRS], tb[PAIRS], r[PAIRS];
	uint64_t one = 1;
	int i;

	pin_self(client_cpu);
	mgr.cpu = server_cpu;
	uf.cpu = server_cpu;
	atomic_store(&mgr.stop, false);
	atomic_store(&mgr.ready, false);
	CHECK("mach_port_allocate", mach_port_allocate(mach_task_self(),
	    MACH_PORT_RIGHT_RECEIVE, &mgr.port));
	CHECK("mach_port_insert_right", mach_port_insert_right(
	    mach_task_self(), mgr.port, mgr.port, MACH_MSG_TYPE_MAKE_SEND));
	if (pthread_create(&mt, NULL, manager_main, NULL) != 0)
		bench_fail("pthread_create", KERN_FAILURE);
	pager_region = 0;
	CHECK("vm_map", vm_map(mach_task_self(), &pager_region, NPAGES * pg,
	    0, VM_FLAGS_ANYWHERE, mgr.port, 0, FALSE, VM_PROT_DEFAULT,
	    VM_PROT_DEFAULT, VM_INHERIT_NONE));
	if (!uffd_setup()) {
		manager_stop(mt);
		return;
	}
	if (pthread_create(&ut, NULL, uffd_main, NULL) != 0)
		bench_fail("pthread_create", KERN_FAILURE);
	(void)pager_round();		/* warm: init, first mappings */
	(void)uffd_round();
	for (i = 0; i < PAIRS; i++) {
		ta[i] = measure(pager_round);
		tb[i] = measure(uffd_round);
		r[i] = ta[i] / tb[i];
	}
	printf("  %-10s user pager %8.2f us   userfaultfd %8.2f us   "
	    "ratio %5.2fx (target <= %.1fx)\n", label, median(ta, PAIRS) / 1e3,
	    median(tb, PAIRS) / 1e3, median(r, PAIRS), TARGET);
	if (write(uf.quit, &one, sizeof(one)) != (ssize_t)sizeof(one))
		bench_fail("eventfd", KERN_FAILURE);
	pthread_join(ut, NULL);
	close(uf.quit);
	close(uf.uffd);
	munmap(uf.region, NPAGES * pg);
	CHECK("vm_deallocate", vm_deallocate(mach_task_self(), pager_region,
	    NPAGES * pg));
	manager_stop(mt);
	(void)mach_port_destroy(mach_task_self(), mgr.port);
}

int main(void)
{
	const char *mode;

	setvbuf(stdout, NULL, _IOLBF, 0);
	pg = (size_t)getpagesize();
	supply_page = aligned_alloc(pg, pg);
	if (supply_page == NULL)
		return 1;
	memset(supply_page, 0x5a, pg);
	cpus_find();
	mode = getenv("MACHSIM_PAGER_FAULTS");
	printf("pager bench: a page fault (per fault, %d faults a round), "
	    "medians of %d interleaved pairs;\nratio = median of per-pair "
	    "ratios.  First reads: %s (docs/pager.md).\n", NPAGES, PAIRS,
	    mode != NULL && strcmp(mode, "signal") == 0 ?
	    "protection faults (MACHSIM_PAGER_FAULTS=signal)" :
	    "machsim's userfaultfd where the host has one");
	printf("user pager (memory_object_server, data_supply) vs raw "
	    "userfaultfd (a thread, UFFDIO_COPY)\n");
	figure(cpu_first, cpu_first, "one CPU");
	if (cpu_second >= 0)
		figure(cpu_first, cpu_second, "two cores");
	else
		printf("  two cores: skipped, one CPU available\n");
	free(supply_page);
	return 0;
}
