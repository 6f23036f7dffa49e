/*
 * compat.c - what a Darwin program takes from <mach/mach.h> alone, and
 * from <pthread.h> and <kern/exc_guard.h>: mach_error_t and
 * mach_error_string, the MIG and RPC types, thread_switch and its
 * options, the page sizes, bootstrap_port, task_for_pid and pid_for_task,
 * pthread_mach_thread_np, the x86 thread-state flavors and counts, the
 * EXC_I386_* codes and the guard types, and task identity tokens (the
 * TASK_FLAVOR_* views and the protected exception behaviors).
 *
 *   cc compat.c $(pkg-config --cflags --libs machsim)
 */
#define _POSIX_C_SOURCE 200809L	/* clock_gettime */

#include <mach/mach.h>
#include <kern/exc_guard.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#define FAIL(...) do { \
	fprintf(stderr, "compat: %s:%d: ", __FILE__, __LINE__); \
	fprintf(stderr, __VA_ARGS__); \
	fputc('\n', stderr); \
	exit(1); \
} while (0)

#define EXPECT_EQ(a, b) do { \
	long long a_ = (long long)(a), b_ = (long long)(b); \
	if (a_ != b_) \
		FAIL("%s is %lld, want %lld", #a, a_, b_); \
} while (0)

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* mach_error_t, mach_error_string and mach_error from <mach/mach.h>. */
static void errors(void)
{
	mach_error_t e = KERN_INVALID_ARGUMENT;
	const char *s = mach_error_string(e);

	if (s == NULL || s[0] == '\0')
		FAIL("mach_error_string gave nothing");
	if (mach_error_string(MACH_SEND_INVALID_DEST) == s)
		FAIL("two codes, one string");
}

/* The page sizes, at compile time and at run time. */
static void pages(void)
{
	EXPECT_EQ(PAGE_SIZE, vm_page_size);
	EXPECT_EQ(PAGE_MASK, vm_page_size - 1);
	EXPECT_EQ(PAGE_MAX_SIZE >= PAGE_SIZE, 1);
	EXPECT_EQ(mach_vm_round_page(1), PAGE_SIZE);
	EXPECT_EQ(mach_vm_trunc_page(PAGE_SIZE + 1), PAGE_SIZE);
}

/* thread_switch: a yield, a wait of the time asked, a bad option. */
static void switches(void)
{
	double t0;

	EXPECT_EQ(thread_switch(MACH_PORT_NULL, SWITCH_OPTION_NONE, 0),
	    KERN_SUCCESS);
	EXPECT_EQ(thread_switch(MACH_PORT_NULL, SWITCH_OPTION_DEPRESS, 5),
	    KERN_SUCCESS);
	t0 = now_ms();
	EXPECT_EQ(thread_switch(MACH_PORT_NULL, SWITCH_OPTION_WAIT, 20),
	    KERN_SUCCESS);
	if (now_ms() - t0 < 19.0)
		FAIL("SWITCH_OPTION_WAIT of 20 ms took %.1f ms", now_ms() - t0);
	EXPECT_EQ(thread_switch(MACH_PORT_NULL, 7, 0), KERN_INVALID_ARGUMENT);
	EXPECT_EQ(swtch_pri(0), TRUE);
	EXPECT_EQ(valid_switch_option(SWITCH_OPTION_WAIT), 1);
}

/* The process's own pid names its task; no other pid has one here. */
static void pids(void)
{
	mach_port_t t = MACH_PORT_NULL;
	int pid = 0;

	EXPECT_EQ(bootstrap_port, MACH_PORT_NULL);
	EXPECT_EQ(task_for_pid(mach_task_self(), getpid(), &t), KERN_SUCCESS);
	EXPECT_EQ(t, mach_task_self());
	EXPECT_EQ(pid_for_task(t, &pid), KERN_SUCCESS);
	EXPECT_EQ(pid, getpid());
	EXPECT_EQ(mach_port_deallocate(mach_task_self(), t), KERN_SUCCESS);
	EXPECT_EQ(task_for_pid(mach_task_self(), getpid() + 100000, &t),
	    KERN_FAILURE);
	EXPECT_EQ(pid_for_task(MACH_PORT_NULL, &pid), KERN_FAILURE);
}

/* pthread_mach_thread_np names the same port mach_thread_self does,
   and adds no reference of its own. */
static void *other_thread(void *arg)
{
	*(mach_port_t *)arg = mach_thread_self();
	return NULL;
}

static void threads(void)
{
	mach_port_t self = mach_thread_self(), other = MACH_PORT_NULL;
	mach_port_urefs_t before, after;
	pthread_t pt;

	EXPECT_EQ(pthread_mach_thread_np(pthread_self()), self);
	EXPECT_EQ(mach_port_get_refs(mach_task_self(), self,
	    MACH_PORT_RIGHT_SEND, &before), KERN_SUCCESS);
	EXPECT_EQ(pthread_mach_thread_np(pthread_self()), self);
	EXPECT_EQ(mach_port_get_refs(mach_task_self(), self,
	    MACH_PORT_RIGHT_SEND, &after), KERN_SUCCESS);
	EXPECT_EQ(after, before);
	EXPECT_EQ(mach_port_deallocate(mach_task_self(), self), KERN_SUCCESS);
	if (pthread_create(&pt, NULL, other_thread, &other) != 0)
		FAIL("pthread_create");
	pthread_join(pt, NULL);
	if (other == MACH_PORT_NULL || other == self)
		FAIL("the other thread's port is %u", other);
}

/* Every x86 flavor and count a debugger uses, and the codes. */
static void machine(void)
{
	x86_thread_state64_t ts64;
	x86_float_state64_t fs64;
	x86_thread_state_t ts;
	x86_float_state_t fs;
	x86_exception_state_t es;
	x86_debug_state_t ds;
	_STRUCT_X86_THREAD_STATE64 *tsp = &ts64;
	rpc_subsystem_t sub = RPC_SUBSYSTEM_NULL;

	EXPECT_EQ(x86_THREAD_STATE32_COUNT, 16);
	EXPECT_EQ(x86_THREAD_STATE64_COUNT, 42);
	EXPECT_EQ(x86_FLOAT_STATE32_COUNT, 131);
	EXPECT_EQ(x86_FLOAT_STATE64_COUNT, 131);
	EXPECT_EQ(x86_EXCEPTION_STATE32_COUNT, 3);
	EXPECT_EQ(x86_EXCEPTION_STATE64_COUNT, 4);
	EXPECT_EQ(x86_DEBUG_STATE32_COUNT, 8);
	EXPECT_EQ(x86_DEBUG_STATE64_COUNT, 16);
	EXPECT_EQ(x86_THREAD_STATE_COUNT, 44);
	EXPECT_EQ(x86_FLOAT_STATE_COUNT, 133);
	EXPECT_EQ(x86_EXCEPTION_STATE_COUNT, 6);
	EXPECT_EQ(x86_DEBUG_STATE_COUNT, 18);
	EXPECT_EQ(x86_THREAD_STATE64, 4);
	EXPECT_EQ(x86_FLOAT_STATE64, 5);
	EXPECT_EQ(x86_EXCEPTION_STATE64, 6);
	EXPECT_EQ(x86_DEBUG_STATE64, 11);
	EXPECT_EQ(x86_THREAD_STATE, 7);
	EXPECT_EQ(sizeof(fs64.__fpu_xmm15), 16);
	EXPECT_EQ(sizeof(fs.ufs.fs64), sizeof(fs64));
	EXPECT_EQ(sizeof(es.ues.es64.__faultvaddr), 8);
	EXPECT_EQ(sizeof(ds.uds.ds64.__dr7), 8);
	EXPECT_EQ(sizeof(ts.uts.ts64), sizeof(ts64));
	tsp->__rip = 1;
	EXPECT_EQ(ts64.__rip, 1);
	EXPECT_EQ(EXC_I386_DIV, 1);
	EXPECT_EQ(EXC_I386_INVOP, 1);
	EXPECT_EQ(EXC_I386_BPT, 2);
	EXPECT_EQ(EXC_I386_GPFLT, 13);
	EXPECT_EQ(EXC_I386_PGFLT, 14);
	EXPECT_EQ(EXC_I386_ENDPERR, 33);
	EXPECT_EQ(GUARD_TYPE_MACH_PORT, 1);
	EXPECT_EQ(GUARD_TYPE_REJECTED_SC, 6);
	EXPECT_EQ(EXC_GUARD_DECODE_GUARD_TYPE((uint64_t)GUARD_TYPE_FD << 61),
	    GUARD_TYPE_FD);
	EXPECT_EQ(sub == RPC_SUBSYSTEM_NULL, 1);
}

/* A task identity token names the task; the kernel gives its port back
   (any flavor here: a machsim task has one port). */
static void identity_tokens(void)
{
	task_id_token_t token = TASK_ID_TOKEN_NULL;
	mach_port_t t = MACH_PORT_NULL;

	EXPECT_EQ(TASK_FLAVOR_CONTROL, 0);
	EXPECT_EQ(TASK_FLAVOR_READ, 1);
	EXPECT_EQ(TASK_FLAVOR_INSPECT, 2);
	EXPECT_EQ(TASK_FLAVOR_NAME, 3);
	EXPECT_EQ(THREAD_FLAVOR_INSPECT, 2);
	EXPECT_EQ(EXCEPTION_IDENTITY_PROTECTED, 4);
	EXPECT_EQ(EXCEPTION_STATE_IDENTITY_PROTECTED, 5);
	EXPECT_EQ(task_create_identity_token(mach_task_self(), &token),
	    KERN_SUCCESS);
	EXPECT_EQ(task_identity_token_get_task_port(token, TASK_FLAVOR_CONTROL,
	    &t), KERN_SUCCESS);
	EXPECT_EQ(t, mach_task_self());
	EXPECT_EQ(task_identity_token_get_task_port(token, TASK_FLAVOR_NAME + 1,
	    &t), KERN_INVALID_ARGUMENT);
	EXPECT_EQ(mach_port_deallocate(mach_task_self(), t), KERN_SUCCESS);
	EXPECT_EQ(mach_port_deallocate(mach_task_self(), token), KERN_SUCCESS);
}

int main(void)
{
	errors();
	pages();
	switches();
	pids();
	threads();
	machine();
	identity_tokens();
	printf("compat: ok: errors, pages, thread_switch, pids, "
	    "pthread_mach_thread_np, x86 states, identity tokens\n");
	return 0;
}
