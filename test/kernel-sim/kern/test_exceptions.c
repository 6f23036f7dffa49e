/*
 * test_exceptions.c - real faults become Mach exceptions: a thread of a
 * child task faults, a handler in this task receives the exception
 * through the generated exc_server or mach_exc_server, fixes the cause
 * (memory protection, registers) and the thread goes on; unhandled, the
 * child task ends; in the process's own task the process dies of the
 * signal.  The identity-protected behaviours send the thread's id and a
 * task identity token, which the handler turns into the task's port.
 */
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <mach/mach.h>
#include <mach/exc.h>
#include <mach/mach_exc.h>
#include <machsim/machsim.h>
#include <server/excServer.h>
#include <server/mach_excServer.h>

#include "../ksim_check.h"

Suite *exceptions_suite(void);

/* The kernel's count of live ports (<ksim/ipc.h>; this file has the user
   view of the Mach types, so it cannot include kernel headers). */
extern size_t ipc_port_count;

/* An address no mapping ever covers. */
static volatile int *volatile unmapped = (volatile int *)(uintptr_t)8;

#define SELF	mach_task_self()

/* What the handlers saw, and what they do. */
static struct {
	exception_type_t	exception;
	int64_t			code[2];
	int			flavor;
	void			*fix_page;	/* made read/write */
	uint64_t		set_rax;	/* into the state, if non-zero */
	uint64_t		set_rip;	/* likewise */
	int			calls;
	/* the identity-protected handlers */
	uint64_t		thread_id;	/* the message's */
	mach_port_t		expect_task;	/* the faulting task's port */
	bool			task_matched;	/* the token gave that port */
	kern_return_t		token_kr;	/* ... with this result */
} seen;

/* The codes of a message: 4-byte aligned, as Darwin's layout packs
   them, so read by copying. */
static void save_codes(const void *code, size_t each, mach_msg_type_number_t n)
{
	int64_t c = -1;
	int32_t c32;
	mach_msg_type_number_t i;

	for (i = 0; i < 2; i++) {
		c = -1;
		if (i < n && each == 8) {
			memcpy(&c, (const char *)code + 8 * i, 8);
		} else if (i < n) {
			memcpy(&c32, (const char *)code + 4 * i, 4);
			c = c32;
		}
		seen.code[i] = c;
	}
}

static void release_identity(mach_port_t thread, mach_port_t task)
{
	(void)mach_port_deallocate(SELF, thread);
	(void)mach_port_deallocate(SELF, task);
}

kern_return_t catch_mach_exception_raise(mach_port_t port, mach_port_t thread,
    mach_port_t task, exception_type_t exception, mach_exception_data_t code,
    mach_msg_type_number_t n)
{
	(void)port;
	seen.calls++;
	seen.exception = exception;
	save_codes(code, 8, n);
	release_identity(thread, task);
	if (seen.fix_page != NULL &&
	    mprotect(seen.fix_page, (size_t)getpagesize(),
	    PROT_READ | PROT_WRITE) == 0) {
		*(volatile int *)seen.fix_page = 42;
		return KERN_SUCCESS;
	}
	return KERN_FAILURE;
}

kern_return_t catch_exception_raise(mach_port_t port, mach_port_t thread,
    mach_port_t task, exception_type_t exception, exception_data_t code,
    mach_msg_type_number_t n)
{
	(void)port;
	seen.calls++;
	seen.exception = exception;
	save_codes(code, 4, n);
	release_identity(thread, task);
	if (seen.fix_page != NULL &&
	    mprotect(seen.fix_page, (size_t)getpagesize(),
	    PROT_READ | PROT_WRITE) == 0) {
		*(volatile int *)seen.fix_page = 43;
		return KERN_SUCCESS;
	}
	return KERN_FAILURE;
}

static kern_return_t fix_state(int flavor, const natural_t *old,
    mach_msg_type_number_t old_n, natural_t *new_state,
    mach_msg_type_number_t *new_n)
{
	x86_thread_state64_t ts;

	seen.flavor = flavor;
	if (flavor != x86_THREAD_STATE64 || old_n < x86_THREAD_STATE64_COUNT)
		return KERN_FAILURE;
	memcpy(&ts, old, sizeof(ts));
	if (seen.set_rax != 0)
		ts.__rax = seen.set_rax;
	if (seen.set_rip != 0) {
		ts.__rip = seen.set_rip;
		ts.__rsp = ((ts.__rsp - 512) & ~15ull) - 8;
	}
	memcpy(new_state, &ts, sizeof(ts));
	*new_n = x86_THREAD_STATE64_COUNT;
	return KERN_SUCCESS;
}

kern_return_t catch_mach_exception_raise_state(mach_port_t port,
    exception_type_t exception, const mach_exception_data_t code,
    mach_msg_type_number_t n, int *flavor, const thread_state_t old,
    mach_msg_type_number_t old_n, thread_state_t new_state,
    mach_msg_type_number_t *new_n)
{
	(void)port;
	seen.calls++;
	seen.exception = exception;
	save_codes(code, 8, n);
	return fix_state(*flavor, old, old_n, new_state, new_n);
}

kern_return_t catch_exception_raise_state_identity(mach_port_t port,
    mach_port_t thread, mach_port_t task, exception_type_t exception,
    exception_data_t code, mach_msg_type_number_t n, int *flavor,
    thread_state_t old, mach_msg_type_number_t old_n,
    thread_state_t new_state, mach_msg_type_number_t *new_n)
{
	(void)port;
	seen.calls++;
	seen.exception = exception;
	save_codes(code, 4, n);
	release_identity(thread, task);
	return fix_state(*flavor, old, old_n, new_state, new_n);
}

/*
 * The token of an identity-protected message: the task port it gives for
 * TASK_FLAVOR_CONTROL must be the faulting task's (one port, one name in
 * this space).
 */
static void check_token(mach_port_t token)
{
	mach_port_t task = MACH_PORT_NULL;

	seen.token_kr = task_identity_token_get_task_port(token,
	    TASK_FLAVOR_CONTROL, &task);
	seen.task_matched = seen.token_kr == KERN_SUCCESS &&
	    task == seen.expect_task;
	if (task != MACH_PORT_NULL)
		(void)mach_port_deallocate(SELF, task);
}

/* A handler that takes the exception owns the token's right and drops
   it; one that refuses leaves it to mach_msg_server, which destroys the
   request. */
static kern_return_t token_done(mach_port_t token, kern_return_t kr)
{
	if (kr == KERN_SUCCESS)
		(void)mach_port_deallocate(SELF, token);
	return kr;
}

kern_return_t catch_mach_exception_raise_identity_protected(mach_port_t port,
    uint64_t thread_id, task_id_token_t token, exception_type_t exception,
    mach_exception_data_t codes, mach_msg_type_number_t n)
{
	(void)port;
	seen.calls++;
	seen.exception = exception;
	seen.thread_id = thread_id;
	save_codes(codes, 8, n);
	check_token(token);
	if (seen.task_matched && seen.fix_page != NULL &&
	    mprotect(seen.fix_page, (size_t)getpagesize(),
	    PROT_READ | PROT_WRITE) == 0) {
		*(volatile int *)seen.fix_page = 44;
		return token_done(token, KERN_SUCCESS);
	}
	return token_done(token, KERN_FAILURE);
}

kern_return_t catch_mach_exception_raise_state_identity_protected(
    mach_port_t port, uint64_t thread_id, task_id_token_t token,
    exception_type_t exception, mach_exception_data_t codes,
    mach_msg_type_number_t n, int *flavor, thread_state_t old,
    mach_msg_type_number_t old_n, thread_state_t new_state,
    mach_msg_type_number_t *new_n)
{
	(void)port;
	seen.calls++;
	seen.exception = exception;
	seen.thread_id = thread_id;
	save_codes(codes, 8, n);
	check_token(token);
	if (!seen.task_matched)
		return token_done(token, KERN_FAILURE);
	return token_done(token, fix_state(*flavor, old, old_n, new_state,
	    new_n));
}

static mach_port_t handler_port(void)
{
	mach_port_t p;

	ck_assert_int_eq(mach_port_allocate(SELF, MACH_PORT_RIGHT_RECEIVE, &p),
	    KERN_SUCCESS);
	ck_assert_int_eq(mach_port_insert_right(SELF, p, p,
	    MACH_MSG_TYPE_MAKE_SEND), KERN_SUCCESS);
	return p;
}

static void handler_port_destroy(mach_port_t p)
{
	ck_assert_int_eq(mach_port_mod_refs(SELF, p, MACH_PORT_RIGHT_RECEIVE,
	    -1), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, p), KERN_SUCCESS);
}

/* A child task with one handler for mask, and a thread that runs fn. */
struct faulter {
	mach_port_t	task;
	pthread_t	pt;
	atomic_long	result;
	atomic_bool	done;
	uint64_t	thread_id;	/* THREAD_IDENTIFIER_INFO's, if asked */
};

/* The calling thread's id, as thread_info reports it. */
static uint64_t own_thread_id(void)
{
	thread_identifier_info_data_t info;
	mach_msg_type_number_t n = THREAD_IDENTIFIER_INFO_COUNT;
	mach_port_t th = mach_thread_self();
	uint64_t id = 0;

	if (thread_info(th, THREAD_IDENTIFIER_INFO, (thread_info_t)&info,
	    &n) == KERN_SUCCESS)
		id = info.thread_id;
	(void)mach_port_deallocate(SELF, th);
	return id;
}

static void faulter_start(struct faulter *f, exception_mask_t mask,
    mach_port_t port, exception_behavior_t behavior, int flavor,
    void *(*fn)(void *))
{
	memset(f, 0, sizeof(*f));
	ck_assert_int_eq(task_create(SELF, NULL, 0, FALSE, &f->task),
	    KERN_SUCCESS);
	if (port != MACH_PORT_NULL)
		ck_assert_int_eq(task_set_exception_ports(f->task, mask, port,
		    behavior, flavor), KERN_SUCCESS);
	ck_assert_int_eq(machsim_thread_spawn(f->task, fn, f, &f->pt),
	    KERN_SUCCESS);
}

static void faulter_end(struct faulter *f)
{
	pthread_join(f->pt, NULL);
	(void)task_terminate(f->task);
	ck_assert_int_eq(mach_port_deallocate(SELF, f->task), KERN_SUCCESS);
}

static void serve_one(mach_port_t p,
    boolean_t (*demux)(mach_msg_header_t *, mach_msg_header_t *))
{
	/* Blocks until the exception comes (the case's timeout bounds it). */
	ck_assert_int_eq(mach_msg_server_once(demux, 4096, p, 0),
	    MACH_MSG_SUCCESS);
}

/* ---- bad access, fixed by the handler ---------------------------------------------- */

/* A fresh inaccessible page for the handler to fix; seen cleared. */
static void *page_to_fix(void)
{
	void *page = mmap(NULL, (size_t)getpagesize(), PROT_NONE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	ck_assert_ptr_ne(page, MAP_FAILED);
	memset(&seen, 0, sizeof(seen));
	seen.fix_page = page;
	return page;
}

static void *touch_page(void *arg)
{
	struct faulter *f = arg;

	atomic_store(&f->result, *(volatile int *)seen.fix_page);
	atomic_store(&f->done, true);
	return NULL;
}

static void *write_page(void *arg)
{
	struct faulter *f = arg;

	*(volatile int *)seen.fix_page = 99;
	atomic_store(&f->done, true);
	return NULL;
}

START_TEST(bad_access_fixed_by_handler)
{
	mach_port_t p = handler_port();
	struct faulter f;
	void *page = page_to_fix();

	faulter_start(&f, EXC_MASK_BAD_ACCESS, p, EXCEPTION_DEFAULT |
	    (exception_behavior_t)MACH_EXCEPTION_CODES, 0, touch_page);
	serve_one(p, mach_exc_server);
	faulter_end(&f);
	ck_assert(atomic_load(&f.done));
	ck_assert_int_eq(atomic_load(&f.result), 42);
	ck_assert_int_eq(seen.calls, 1);
	ck_assert_int_eq(seen.exception, EXC_BAD_ACCESS);
	ck_assert_int_eq(seen.code[0], KERN_PROTECTION_FAILURE);
	ck_assert_int_eq(seen.code[1], (int64_t)(uintptr_t)page);
	munmap(page, (size_t)getpagesize());
	handler_port_destroy(p);
}
END_TEST

/* No thread or task handler: the host's handler (set through the
   privileged port) gets the exception and fixes it (6.2). */
START_TEST(bad_access_reaches_host_handler)
{
	mach_port_t p = handler_port(), host = mach_host_self();
	exception_mask_t masks[EXC_TYPES_COUNT];
	mach_port_t ports[EXC_TYPES_COUNT];
	exception_behavior_t behaviors[EXC_TYPES_COUNT];
	thread_state_flavor_t flavors[EXC_TYPES_COUNT];
	mach_msg_type_number_t n = EXC_TYPES_COUNT;
	struct faulter f;
	void *page = page_to_fix();

	ck_assert_int_eq(host_set_exception_ports(host, EXC_MASK_BAD_ACCESS, p,
	    EXCEPTION_DEFAULT | (exception_behavior_t)MACH_EXCEPTION_CODES, 0),
	    KERN_SUCCESS);
	ck_assert_int_eq(host_get_exception_ports(host, EXC_MASK_BAD_ACCESS,
	    masks, &n, ports, behaviors, flavors), KERN_SUCCESS);
	ck_assert_uint_eq(n, 1);
	ck_assert_uint_eq(masks[0], EXC_MASK_BAD_ACCESS);
	ck_assert_uint_eq(ports[0], p);
	ck_assert_int_eq(mach_port_deallocate(SELF, ports[0]), KERN_SUCCESS);
	faulter_start(&f, 0, MACH_PORT_NULL, 0, 0, touch_page);
	serve_one(p, mach_exc_server);
	faulter_end(&f);
	ck_assert(atomic_load(&f.done));
	ck_assert_int_eq(atomic_load(&f.result), 42);
	ck_assert_int_eq(seen.calls, 1);
	ck_assert_int_eq(seen.exception, EXC_BAD_ACCESS);
	/* Swap the handler out: the old one comes back. */
	n = EXC_TYPES_COUNT;
	ck_assert_int_eq(host_swap_exception_ports(host, EXC_MASK_BAD_ACCESS,
	    MACH_PORT_NULL, EXCEPTION_DEFAULT, 0, masks, &n, ports, behaviors,
	    flavors), KERN_SUCCESS);
	ck_assert_uint_eq(n, 1);
	ck_assert_uint_eq(ports[0], p);
	ck_assert_int_eq(mach_port_deallocate(SELF, ports[0]), KERN_SUCCESS);
	/* Bad arguments, and the name port, are refused. */
	ck_assert_int_eq(host_set_exception_ports(host, 1u << 30, p,
	    EXCEPTION_DEFAULT, 0), KERN_INVALID_ARGUMENT);
	munmap(page, (size_t)getpagesize());
	handler_port_destroy(p);
	ck_assert_int_eq(mach_port_deallocate(SELF, host), KERN_SUCCESS);
}
END_TEST

/* The same with 32-bit codes through exc_server; the page was never
   mapped read/write, so the code is a protection failure still. */
START_TEST(bad_access_default_32bit_codes)
{
	mach_port_t p = handler_port();
	struct faulter f;
	void *page = mmap(NULL, (size_t)getpagesize(), PROT_READ,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	ck_assert_ptr_ne(page, MAP_FAILED);
	memset(&seen, 0, sizeof(seen));
	seen.fix_page = page;
	faulter_start(&f, EXC_MASK_BAD_ACCESS, p, EXCEPTION_DEFAULT, 0,
	    write_page);
	serve_one(p, exc_server);
	faulter_end(&f);
	ck_assert(atomic_load(&f.done));
	ck_assert_int_eq(*(volatile int *)page, 99);
	ck_assert_int_eq(seen.exception, EXC_BAD_ACCESS);
	ck_assert_int_eq(seen.code[0], KERN_PROTECTION_FAILURE);
	ck_assert_int_eq(seen.code[1], (int32_t)(uintptr_t)page);
	munmap(page, (size_t)getpagesize());
	handler_port_destroy(p);
}
END_TEST

/* ---- a breakpoint; the handler changes a register --------------------------------- */

static void *hit_breakpoint(void *arg)
{
	struct faulter *f = arg;
	uint64_t rax = 0;

	__asm__ volatile("int3" : "+a"(rax) : : "memory");
	atomic_store(&f->result, (long)rax);
	atomic_store(&f->done, true);
	return NULL;
}

START_TEST(breakpoint_state_changed_by_handler)
{
	mach_port_t p = handler_port();
	struct faulter f;

	memset(&seen, 0, sizeof(seen));
	seen.set_rax = 0x4242;
	faulter_start(&f, EXC_MASK_BREAKPOINT, p, EXCEPTION_STATE |
	    (exception_behavior_t)MACH_EXCEPTION_CODES, x86_THREAD_STATE64,
	    hit_breakpoint);
	serve_one(p, mach_exc_server);
	faulter_end(&f);
	ck_assert(atomic_load(&f.done));
	ck_assert_int_eq(atomic_load(&f.result), 0x4242);
	ck_assert_int_eq(seen.exception, EXC_BREAKPOINT);
	ck_assert_int_eq(seen.code[0], EXC_I386_BPT);
	ck_assert_int_eq(seen.flavor, x86_THREAD_STATE64);
	handler_port_destroy(p);
}
END_TEST

/* ---- division by zero; the handler moves the thread on ------------------------------ */

static atomic_int recovered;

static void recover(void)
{
	atomic_store(&recovered, 1);
	(void)thread_terminate(mach_thread_self());
}

static void *divide_by_zero(void *arg)
{
	struct faulter *f = arg;
	int32_t lo = 7, hi = 0, zero = 0;

	/* The processor's divide error, not C's undefined division. */
	__asm__ volatile("idivl %2" : "+a"(lo), "+d"(hi) : "r"(zero));
	atomic_store(&f->result, lo);
	atomic_store(&f->done, true);	/* never: the handler moved it */
	return NULL;
}

START_TEST(arithmetic_state_identity)
{
	mach_port_t p = handler_port();
	struct faulter f;

	memset(&seen, 0, sizeof(seen));
	atomic_store(&recovered, 0);
	seen.set_rip = (uint64_t)(uintptr_t)recover;
	faulter_start(&f, EXC_MASK_ARITHMETIC, p, EXCEPTION_STATE_IDENTITY,
	    x86_THREAD_STATE64, divide_by_zero);
	serve_one(p, exc_server);
	faulter_end(&f);
	ck_assert(!atomic_load(&f.done));
	ck_assert_int_eq(atomic_load(&recovered), 1);
	ck_assert_int_eq(seen.exception, EXC_ARITHMETIC);
	ck_assert_int_eq(seen.code[0], EXC_I386_DIV);
	handler_port_destroy(p);
}
END_TEST

/* ---- the identity-protected behaviours ---------------------------------------------- */

static void *touch_page_with_id(void *arg)
{
	struct faulter *f = arg;

	f->thread_id = own_thread_id();
	return touch_page(arg);
}

static void *hit_breakpoint_with_id(void *arg)
{
	struct faulter *f = arg;

	f->thread_id = own_thread_id();
	return hit_breakpoint(arg);
}

/* EXCEPTION_IDENTITY_PROTECTED: the thread's id and a token of its task;
   the handler finds the task through the token and fixes the page. */
START_TEST(identity_protected_fixed_by_handler)
{
	mach_port_t p = handler_port();
	struct faulter f;
	void *page = page_to_fix();

	faulter_start(&f, EXC_MASK_BAD_ACCESS, p, EXCEPTION_IDENTITY_PROTECTED |
	    (exception_behavior_t)MACH_EXCEPTION_CODES, 0, touch_page_with_id);
	seen.expect_task = f.task;
	serve_one(p, mach_exc_server);
	faulter_end(&f);
	ck_assert_int_eq(seen.token_kr, KERN_SUCCESS);
	ck_assert(seen.task_matched);
	ck_assert(atomic_load(&f.done));
	ck_assert_int_eq(atomic_load(&f.result), 44);
	ck_assert_int_eq(seen.calls, 1);
	ck_assert_int_eq(seen.exception, EXC_BAD_ACCESS);
	ck_assert_int_eq(seen.code[0], KERN_PROTECTION_FAILURE);
	ck_assert_int_eq(seen.code[1], (int64_t)(uintptr_t)page);
	ck_assert_uint_ne(f.thread_id, 0);
	ck_assert_uint_eq(seen.thread_id, f.thread_id);
	munmap(page, (size_t)getpagesize());
	handler_port_destroy(p);
}
END_TEST

/* EXCEPTION_STATE_IDENTITY_PROTECTED: the same with the thread's state,
   which the handler changes; the thread resumes with it. */
START_TEST(state_identity_protected_changes_registers)
{
	mach_port_t p = handler_port();
	struct faulter f;

	memset(&seen, 0, sizeof(seen));
	seen.set_rax = 0x4343;
	faulter_start(&f, EXC_MASK_BREAKPOINT, p,
	    EXCEPTION_STATE_IDENTITY_PROTECTED |
	    (exception_behavior_t)MACH_EXCEPTION_CODES, x86_THREAD_STATE64,
	    hit_breakpoint_with_id);
	seen.expect_task = f.task;
	serve_one(p, mach_exc_server);
	faulter_end(&f);
	ck_assert_int_eq(seen.token_kr, KERN_SUCCESS);
	ck_assert(seen.task_matched);
	ck_assert(atomic_load(&f.done));
	ck_assert_int_eq(atomic_load(&f.result), 0x4343);
	ck_assert_int_eq(seen.exception, EXC_BREAKPOINT);
	ck_assert_int_eq(seen.code[0], EXC_I386_BPT);
	ck_assert_int_eq(seen.flavor, x86_THREAD_STATE64);
	ck_assert_uint_ne(f.thread_id, 0);
	ck_assert_uint_eq(seen.thread_id, f.thread_id);
	handler_port_destroy(p);
}
END_TEST

static void *read_unmapped(void *arg)
{
	struct faulter *f = arg;

	atomic_store(&f->result, *unmapped);
	atomic_store(&f->done, true);
	return NULL;
}

/* The handler refuses (KERN_FAILURE): mach_msg_server destroys the
   request, the token's right with it; nobody else takes the exception
   and the child task ends.  No name is left in this space. */
START_TEST(identity_protected_refused_ends_task)
{
	mach_port_t p = handler_port();
	mach_msg_type_number_t before_names, after_names, nt;
	mach_port_name_array_t names;
	mach_port_type_array_t types;
	struct faulter f;

	memset(&seen, 0, sizeof(seen));
	ck_assert_int_eq(mach_port_names(SELF, &names, &before_names, &types,
	    &nt), KERN_SUCCESS);
	(void)vm_deallocate(SELF, (vm_address_t)names,
	    before_names * sizeof(*names));
	(void)vm_deallocate(SELF, (vm_address_t)types, nt * sizeof(*types));
	faulter_start(&f, EXC_MASK_BAD_ACCESS, p, EXCEPTION_IDENTITY_PROTECTED |
	    (exception_behavior_t)MACH_EXCEPTION_CODES, 0, read_unmapped);
	seen.expect_task = f.task;
	serve_one(p, mach_exc_server);
	pthread_join(f.pt, NULL);
	ck_assert(!atomic_load(&f.done));
	ck_assert_int_eq(seen.calls, 1);
	ck_assert_int_eq(seen.exception, EXC_BAD_ACCESS);
	ck_assert_int_eq(seen.code[0], KERN_INVALID_ADDRESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, f.task), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_names(SELF, &names, &after_names, &types,
	    &nt), KERN_SUCCESS);
	(void)vm_deallocate(SELF, (vm_address_t)names,
	    after_names * sizeof(*names));
	(void)vm_deallocate(SELF, (vm_address_t)types, nt * sizeof(*types));
	ck_assert_uint_eq(after_names, before_names);
	handler_port_destroy(p);
}
END_TEST

/* The protected behaviours exist only with 64-bit codes; every table
   (thread, task, host) takes them with MACH_EXCEPTION_CODES. */
START_TEST(protected_behaviors_need_64bit_codes)
{
	const exception_behavior_t codes =
	    (exception_behavior_t)MACH_EXCEPTION_CODES;
	mach_port_t p = handler_port(), host = mach_host_self();
	mach_port_t th = mach_thread_self(), task;
	exception_mask_t masks[EXC_TYPES_COUNT];
	mach_port_t ports[EXC_TYPES_COUNT];
	exception_behavior_t behaviors[EXC_TYPES_COUNT];
	thread_state_flavor_t flavors[EXC_TYPES_COUNT];
	mach_msg_type_number_t n = EXC_TYPES_COUNT;

	ck_assert_int_eq(task_create(SELF, NULL, 0, FALSE, &task),
	    KERN_SUCCESS);
	ck_assert_int_eq(task_set_exception_ports(task, EXC_MASK_BAD_ACCESS, p,
	    EXCEPTION_IDENTITY_PROTECTED, 0), KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(task_set_exception_ports(task, EXC_MASK_BAD_ACCESS, p,
	    EXCEPTION_STATE_IDENTITY_PROTECTED, x86_THREAD_STATE64),
	    KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(task_set_exception_ports(task, EXC_MASK_BAD_ACCESS, p,
	    (EXCEPTION_STATE_IDENTITY_PROTECTED + 1) | codes, 0),
	    KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(task_set_exception_ports(task, EXC_MASK_BAD_ACCESS, p,
	    EXCEPTION_IDENTITY_PROTECTED | codes, 0), KERN_SUCCESS);
	ck_assert_int_eq(task_swap_exception_ports(task, EXC_MASK_BAD_ACCESS, p,
	    EXCEPTION_STATE_IDENTITY_PROTECTED | codes, x86_THREAD_STATE64,
	    masks, &n, ports, behaviors, flavors), KERN_SUCCESS);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(behaviors[0], EXCEPTION_IDENTITY_PROTECTED | codes);
	ck_assert_int_eq(mach_port_deallocate(SELF, ports[0]), KERN_SUCCESS);
	n = EXC_TYPES_COUNT;
	ck_assert_int_eq(task_get_exception_ports(task, EXC_MASK_BAD_ACCESS,
	    masks, &n, ports, behaviors, flavors), KERN_SUCCESS);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(behaviors[0],
	    EXCEPTION_STATE_IDENTITY_PROTECTED | codes);
	ck_assert_int_eq(flavors[0], x86_THREAD_STATE64);
	ck_assert_int_eq(mach_port_deallocate(SELF, ports[0]), KERN_SUCCESS);
	(void)task_terminate(task);
	ck_assert_int_eq(mach_port_deallocate(SELF, task), KERN_SUCCESS);

	ck_assert_int_eq(thread_set_exception_ports(th, EXC_MASK_ARITHMETIC, p,
	    EXCEPTION_IDENTITY_PROTECTED, 0), KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(thread_set_exception_ports(th, EXC_MASK_ARITHMETIC, p,
	    EXCEPTION_IDENTITY_PROTECTED | codes, 0), KERN_SUCCESS);
	ck_assert_int_eq(thread_set_exception_ports(th, EXC_MASK_ARITHMETIC,
	    MACH_PORT_NULL, EXCEPTION_DEFAULT, 0), KERN_SUCCESS);

	ck_assert_int_eq(host_set_exception_ports(host, EXC_MASK_ARITHMETIC, p,
	    EXCEPTION_STATE_IDENTITY_PROTECTED, x86_THREAD_STATE64),
	    KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(host_set_exception_ports(host, EXC_MASK_ARITHMETIC, p,
	    EXCEPTION_STATE_IDENTITY_PROTECTED | codes, x86_THREAD_STATE64),
	    KERN_SUCCESS);
	ck_assert_int_eq(host_set_exception_ports(host, EXC_MASK_ARITHMETIC,
	    MACH_PORT_NULL, EXCEPTION_DEFAULT, 0), KERN_SUCCESS);

	ck_assert_int_eq(mach_port_deallocate(SELF, th), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, host), KERN_SUCCESS);
	handler_port_destroy(p);
}
END_TEST

/* ---- task identity tokens ----------------------------------------------------------- */

/* Every flavor gives the task's port (machsim's task has one); a flavor
   past TASK_FLAVOR_NAME, a port that is no token, none at all, and a
   token whose task has ended do not. */
START_TEST(identity_token_calls)
{
	mach_port_t token, other, t, child, th = mach_thread_self();
	mach_task_flavor_t flavor;

	ck_assert_int_eq(task_create_identity_token(SELF, &token),
	    KERN_SUCCESS);
	ck_assert_uint_ne(token, MACH_PORT_NULL);
	ck_assert_uint_ne(token, SELF);
	ck_assert_int_eq(task_create_identity_token(SELF, &other),
	    KERN_SUCCESS);
	ck_assert_uint_ne(other, token);	/* a new token each time */
	for (flavor = TASK_FLAVOR_CONTROL; flavor <= TASK_FLAVOR_MAX;
	    flavor++) {
		t = MACH_PORT_NULL;
		ck_assert_int_eq(task_identity_token_get_task_port(token,
		    flavor, &t), KERN_SUCCESS);
		ck_assert_uint_eq(t, SELF);
		ck_assert_int_eq(mach_port_deallocate(SELF, t), KERN_SUCCESS);
	}
	ck_assert_int_eq(task_identity_token_get_task_port(token,
	    TASK_FLAVOR_MAX + 1, &t), KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(task_identity_token_get_task_port(token, ~0u, &t),
	    KERN_INVALID_ARGUMENT);
	/* Not a token: a task port; none; a dead name. */
	ck_assert_int_eq(task_identity_token_get_task_port(SELF,
	    TASK_FLAVOR_CONTROL, &t), KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(task_identity_token_get_task_port(MACH_PORT_NULL,
	    TASK_FLAVOR_CONTROL, &t), MACH_SEND_INVALID_DEST);
	ck_assert_int_eq(task_identity_token_get_task_port(MACH_PORT_DEAD,
	    TASK_FLAVOR_CONTROL, &t), MACH_SEND_INVALID_DEST);
	/* A token is no task: task calls sent to it find none. */
	ck_assert_int_eq(task_create_identity_token(token, &t),
	    KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(task_suspend(token), KERN_INVALID_ARGUMENT);
	/* Nor a thread's port a task's. */
	ck_assert_int_ne(task_create_identity_token(th, &t), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, other), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, token), KERN_SUCCESS);

	/* A token outlives its task, and then gives no port. */
	ck_assert_int_eq(task_create(SELF, NULL, 0, FALSE, &child),
	    KERN_SUCCESS);
	ck_assert_int_eq(task_create_identity_token(child, &token),
	    KERN_SUCCESS);
	ck_assert_int_eq(task_identity_token_get_task_port(token,
	    TASK_FLAVOR_NAME, &t), KERN_SUCCESS);
	ck_assert_uint_eq(t, child);
	ck_assert_int_eq(mach_port_deallocate(SELF, t), KERN_SUCCESS);
	ck_assert_int_eq(task_terminate(child), KERN_SUCCESS);
	ck_assert_int_eq(task_identity_token_get_task_port(token,
	    TASK_FLAVOR_CONTROL, &t), KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(task_identity_token_get_task_port(token,
	    TASK_FLAVOR_NAME, &t), KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(mach_port_deallocate(SELF, token), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, child), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, th), KERN_SUCCESS);
}
END_TEST

/* A token's port lives while it has senders: copies keep it, the last
   send right's going destroys it (and frees the token); nothing is left
   behind, whether the task lives on or ends first. */
START_TEST(identity_token_lifetime)
{
	mach_port_t token, child, t;
	mach_port_urefs_t refs = 0;
	mach_port_type_t type = 0;
	size_t base;

	/* Warm up: this thread's reply port and the kernel's buffers. */
	ck_assert_int_eq(task_create_identity_token(SELF, &token),
	    KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, token), KERN_SUCCESS);
	base = ipc_port_count;

	ck_assert_int_eq(task_create_identity_token(SELF, &token),
	    KERN_SUCCESS);
	ck_assert_uint_eq(ipc_port_count, base + 1);
	ck_assert_int_eq(mach_port_type(SELF, token, &type), KERN_SUCCESS);
	ck_assert_uint_eq(type, MACH_PORT_TYPE_SEND);
	ck_assert_int_eq(mach_port_mod_refs(SELF, token, MACH_PORT_RIGHT_SEND,
	    1), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_get_refs(SELF, token, MACH_PORT_RIGHT_SEND,
	    &refs), KERN_SUCCESS);
	ck_assert_uint_eq(refs, 2);
	ck_assert_int_eq(mach_port_deallocate(SELF, token), KERN_SUCCESS);
	ck_assert_uint_eq(ipc_port_count, base + 1);	/* one right left */
	ck_assert_int_eq(task_identity_token_get_task_port(token,
	    TASK_FLAVOR_CONTROL, &t), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, t), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, token), KERN_SUCCESS);
	ck_assert_uint_eq(ipc_port_count, base);
	ck_assert_int_eq(mach_port_type(SELF, token, &type),
	    KERN_INVALID_NAME);

	/* The task ends first: the token holds only what it needs, and
	   goes with its last right. */
	ck_assert_int_eq(task_create(SELF, NULL, 0, FALSE, &child),
	    KERN_SUCCESS);
	base = ipc_port_count;
	ck_assert_int_eq(task_create_identity_token(child, &token),
	    KERN_SUCCESS);
	ck_assert_uint_eq(ipc_port_count, base + 1);
	ck_assert_int_eq(task_terminate(child), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, child), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, token), KERN_SUCCESS);
	ck_assert_uint_lt(ipc_port_count, base);	/* child's port too */
}
END_TEST

/* A delivered token is the handler's: once it drops it (token_done),
   nothing of the exception's is left (ports, names). */
START_TEST(identity_protected_leaves_nothing)
{
	mach_port_t p = handler_port();
	struct faulter f;
	size_t base;
	void *page = mmap(NULL, (size_t)getpagesize(), PROT_NONE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	ck_assert_ptr_ne(page, MAP_FAILED);
	memset(&seen, 0, sizeof(seen));
	/* Warm up this thread's reply port. */
	{
		mach_port_t tok;

		ck_assert_int_eq(task_create_identity_token(SELF, &tok),
		    KERN_SUCCESS);
		ck_assert_int_eq(mach_port_deallocate(SELF, tok),
		    KERN_SUCCESS);
	}
	base = ipc_port_count;
	seen.fix_page = page;
	faulter_start(&f, EXC_MASK_BAD_ACCESS, p, EXCEPTION_IDENTITY_PROTECTED |
	    (exception_behavior_t)MACH_EXCEPTION_CODES, 0, touch_page);
	seen.expect_task = f.task;
	serve_one(p, mach_exc_server);
	faulter_end(&f);
	ck_assert(seen.task_matched);
	ck_assert(atomic_load(&f.done));
	ck_assert_uint_eq(ipc_port_count, base);
	munmap(page, (size_t)getpagesize());
	handler_port_destroy(p);
}
END_TEST

/* ---- nobody handles it --------------------------------------------------------------- */

static void *fault_unhandled(void *arg)
{
	struct faulter *f = arg;

	atomic_store(&f->result, *unmapped);
	atomic_store(&f->done, true);
	return NULL;
}

/* The child task ends; this process goes on. */
START_TEST(unhandled_ends_the_task)
{
	struct faulter f;
	mach_port_type_t t = 0;

	faulter_start(&f, 0, MACH_PORT_NULL, 0, 0, fault_unhandled);
	pthread_join(f.pt, NULL);
	ck_assert(!atomic_load(&f.done));
	ck_assert_int_eq(mach_port_type(SELF, f.task, &t), KERN_SUCCESS);
	ck_assert_uint_eq(t, MACH_PORT_TYPE_DEAD_NAME);
	ck_assert_int_eq(mach_port_deallocate(SELF, f.task), KERN_SUCCESS);
}
END_TEST

/* In the process's own task, the process dies of the signal (under
   AddressSanitizer, whose handler was there first, of its report). */
START_TEST(unhandled_in_bootstrap_task_kills_process)
{
	int status = 0;
	pid_t pid = fork();

	ck_assert_int_ne(pid, -1);
	if (pid == 0) {
		(void)mach_task_self();
		(void)*unmapped;
		_exit(0);
	}
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
#if defined(__SANITIZE_ADDRESS__)
	ck_assert(WIFSIGNALED(status) ||
	    (WIFEXITED(status) && WEXITSTATUS(status) != 0));
#else
	ck_assert(WIFSIGNALED(status));
	ck_assert_int_eq(WTERMSIG(status), SIGSEGV);
#endif
}
END_TEST

Suite *exceptions_suite(void)
{
	Suite *s = suite_create("exceptions");
	TCase *tc = kt_tcase("delivery");

	tcase_add_test(tc, bad_access_fixed_by_handler);
	tcase_add_test(tc, bad_access_reaches_host_handler);
	tcase_add_test(tc, bad_access_default_32bit_codes);
	tcase_add_test(tc, breakpoint_state_changed_by_handler);
	tcase_add_test(tc, arithmetic_state_identity);
	tcase_add_test(tc, identity_protected_fixed_by_handler);
	tcase_add_test(tc, state_identity_protected_changes_registers);
	tcase_add_test(tc, identity_protected_refused_ends_task);
	tcase_add_test(tc, protected_behaviors_need_64bit_codes);
	tcase_add_test(tc, identity_token_calls);
	tcase_add_test(tc, identity_token_lifetime);
	tcase_add_test(tc, identity_protected_leaves_nothing);
	tcase_add_test(tc, unhandled_ends_the_task);
	tcase_add_test(tc, unhandled_in_bootstrap_task_kills_process);
	suite_add_tcase(s, tc);
	return s;
}
