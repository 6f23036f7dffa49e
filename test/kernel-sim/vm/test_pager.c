/*
 * test_pager.c - external memory management and the default pager
 * (docs/pager.md): a memory manager in a thread of this test serves a
 * port through the generated memory_object_server; vm_map of that port,
 * then touching, writing, cleaning, flushing, locking, synchronizing and
 * unmapping the memory give the manager the messages the interface
 * names, and its answers (the UPL calls, memory_object_data_supply)
 * fill the pages.  The default pager's objects are paged out to a
 * backing store file and read back intact.  Each call's errors too.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include <default_pager/default_pager_types.h>
#include <mach/default_pager_object.h>
#include <mach/exc.h>
#include <mach/mach.h>
#include <mach/memory_object_control.h>
#include <machsim/machsim.h>
#include <machsim/pager.h>
#include <server/memory_objectServer.h>
#include <server/memory_object_defaultServer.h>

#include "../ksim_check.h"

Suite *pager_suite(void);

#define SELF	mach_task_self()
#define PG	((vm_size_t)getpagesize())
#define NPAGES	4

/* ---- the manager ----------------------------------------------------------------- */

/* What the manager does with a data_request for a page. */
enum answer { ANSWER_SUPPLY, ANSWER_SUPPLY_RO, ANSWER_UNAVAILABLE,
	ANSWER_ERROR, ANSWER_NONE };

static struct manager {
	mach_port_t	port;		/* the memory object (receive) */
	atomic_bool	stop;
	pthread_t	thread;
	char		store[NPAGES][4096];	/* the manager's data */
	enum answer	answer[NPAGES];
	/* what it saw */
	mach_port_t	control;
	atomic_int	inits, terminates, requests, unlocks, returns;
	atomic_int	dirty_returns, lock_completes, syncs, change_completes;
	atomic_int	others;
	memory_object_offset_t last_request, last_unlock;
	vm_prot_t	last_access;
	vm_size_t	init_page_size;
	memory_object_offset_t lock_offset;
	vm_size_t	lock_length;
	memory_object_flavor_t change_flavor;
} M;

kern_return_t memory_object_init(memory_object_t memory_object,
    mach_port_t memory_control, vm_size_t memory_object_page_size)
{
	ck_assert_uint_eq(memory_object, M.port);
	M.control = memory_control;
	M.init_page_size = memory_object_page_size;
	atomic_fetch_add(&M.inits, 1);
	return KERN_SUCCESS;
}

kern_return_t memory_object_terminate(mach_port_t memory_object,
    mach_port_t memory_control)
{
	/* The kernel's send right was the message's destination (moved:
	   the kernel holds none now); the control port's receive right
	   is the manager's, to destroy. */
	ck_assert_uint_eq(memory_object, M.port);
	(void)mach_port_mod_refs(SELF, memory_control,
	    MACH_PORT_RIGHT_RECEIVE, -1);
	(void)mach_port_deallocate(SELF, M.control);
	M.control = MACH_PORT_NULL;
	atomic_fetch_add(&M.terminates, 1);
	return KERN_SUCCESS;
}

kern_return_t memory_object_data_request(memory_object_t memory_object,
    mach_port_t memory_control, memory_object_offset_t offset,
    vm_size_t length, vm_prot_t desired_access)
{
	size_t page = (size_t)(offset / PG);

	(void)memory_object;
	ck_assert_uint_eq(length, PG);
	M.last_request = offset;
	M.last_access = desired_access;
	atomic_fetch_add(&M.requests, 1);
	switch (M.answer[page]) {
	case ANSWER_SUPPLY:
		ck_assert_int_eq(memory_object_data_supply(memory_control,
		    offset, M.store[page], PG, VM_PROT_NONE), KERN_SUCCESS);
		break;
	case ANSWER_SUPPLY_RO:
		ck_assert_int_eq(memory_object_data_supply(memory_control,
		    offset, M.store[page], PG, VM_PROT_WRITE), KERN_SUCCESS);
		break;
	case ANSWER_UNAVAILABLE:
		ck_assert_int_eq(memory_object_data_unavailable(
		    memory_control, offset, PG), KERN_SUCCESS);
		break;
	case ANSWER_ERROR:
		ck_assert_int_eq(memory_object_data_error(memory_control,
		    offset, PG, KERN_MEMORY_ERROR), KERN_SUCCESS);
		break;
	default:
		break;			/* never answered */
	}
	(void)mach_port_deallocate(SELF, memory_control);
	return KERN_SUCCESS;
}

kern_return_t memory_object_data_unlock(memory_object_t memory_object,
    mach_port_t memory_control, memory_object_offset_t offset,
    vm_size_t length, vm_prot_t desired_access)
{
	(void)memory_object;
	M.last_unlock = offset;
	ck_assert_int_eq(desired_access, VM_PROT_WRITE);
	atomic_fetch_add(&M.unlocks, 1);
	ck_assert_int_eq(memory_object_lock_request(memory_control, offset,
	    length, MEMORY_OBJECT_RETURN_NONE, 0, VM_PROT_NONE,
	    MACH_PORT_NULL), KERN_SUCCESS);
	(void)mach_port_deallocate(SELF, memory_control);
	return KERN_SUCCESS;
}

kern_return_t memory_object_lock_completed(mach_port_t memory_object,
    mach_port_t memory_control, memory_object_offset_t offset,
    vm_size_t length)
{
	(void)memory_object;
	M.lock_offset = offset;
	M.lock_length = length;
	atomic_fetch_add(&M.lock_completes, 1);
	(void)mach_port_deallocate(SELF, memory_control);
	return KERN_SUCCESS;
}

kern_return_t memory_object_data_return(memory_object_t memory_object,
    mach_port_t memory_control, memory_object_offset_t offset,
    vm_offset_t data, mach_msg_type_number_t dataCnt, boolean_t dirty,
    boolean_t kernel_copy)
{
	(void)memory_object;
	ck_assert_uint_eq(dataCnt, PG);
	ck_assert(!kernel_copy);
	memcpy(M.store[offset / PG], (void *)data, PG);
	if (dirty)
		atomic_fetch_add(&M.dirty_returns, 1);
	atomic_fetch_add(&M.returns, 1);
	(void)vm_deallocate(SELF, data, dataCnt);
	(void)mach_port_deallocate(SELF, memory_control);
	return KERN_SUCCESS;
}

kern_return_t memory_object_synchronize(memory_object_t memory_object,
    mach_port_t memory_control, memory_object_offset_t offset,
    vm_offset_t length, vm_sync_t sync_flags)
{
	(void)memory_object;
	(void)sync_flags;
	atomic_fetch_add(&M.syncs, 1);
	ck_assert_int_eq(memory_object_synchronize_completed(memory_control,
	    offset, length), KERN_SUCCESS);
	(void)mach_port_deallocate(SELF, memory_control);
	return KERN_SUCCESS;
}

kern_return_t memory_object_change_completed(mach_port_t memory_object,
    mach_port_t memory_control, memory_object_flavor_t flavor)
{
	(void)memory_object;
	M.change_flavor = flavor;
	atomic_fetch_add(&M.change_completes, 1);
	(void)mach_port_deallocate(SELF, memory_control);
	return KERN_SUCCESS;
}

/* The manager's loop: one request at a time, until told to stop. */
static void *manager_main(void *arg)
{
	union __RequestUnion__memory_object_subsystem *u;
	struct {
		mach_msg_header_t	head;
		char			body[sizeof(*u) + 256];
	} req;
	mig_reply_error_t rep;
	mach_msg_return_t mr;

	(void)arg;
	while (!atomic_load(&M.stop)) {
		mr = mach_msg(&req.head, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0,
		    sizeof(req), M.port, 20, MACH_PORT_NULL);
		if (mr == MACH_RCV_TIMED_OUT)
			continue;
		ck_assert_int_eq(mr, MACH_MSG_SUCCESS);
		if (!memory_object_server(&req.head, &rep.Head)) {
			atomic_fetch_add(&M.others, 1);
			mach_msg_destroy(&req.head);
		} else if (rep.RetCode != KERN_SUCCESS &&
		    rep.RetCode != MIG_NO_REPLY) {
			req.head.msgh_remote_port = MACH_PORT_NULL;
			mach_msg_destroy(&req.head);
		}
	}
	return NULL;
}

static void manager_start(void)
{
	size_t i;

	memset(&M, 0, sizeof(M));
	for (i = 0; i < NPAGES; i++)
		memset(M.store[i], 'A' + (int)i, sizeof(M.store[i]));
	ck_assert_int_eq(mach_port_allocate(SELF, MACH_PORT_RIGHT_RECEIVE,
	    &M.port), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_insert_right(SELF, M.port, M.port,
	    MACH_MSG_TYPE_MAKE_SEND), KERN_SUCCESS);
	ck_assert_int_eq(pthread_create(&M.thread, NULL, manager_main, NULL),
	    0);
}

static void manager_stop(void)
{
	atomic_store(&M.stop, true);
	pthread_join(M.thread, NULL);
	ck_assert_int_eq(mach_port_destroy(SELF, M.port), KERN_SUCCESS);
}

/* Wait (bounded) until *counter reaches n: the manager runs apart. */
static void wait_for(atomic_int *counter, int n)
{
	int i;

	for (i = 0; i < 10000 && atomic_load(counter) < n; i++)
		usleep(1000);
	ck_assert_int_eq(atomic_load(counter), n);
}

static vm_address_t map_object(mach_port_t object, vm_size_t size,
    vm_offset_t offset)
{
	vm_address_t a = 0;

	ck_assert_int_eq(vm_map(SELF, &a, size, 0, VM_FLAGS_ANYWHERE, object,
	    offset, FALSE, VM_PROT_DEFAULT, VM_PROT_DEFAULT,
	    VM_INHERIT_NONE), KERN_SUCCESS);
	return a;
}

/* Is the page of the mapping at a in memory (host page cache)? */
static bool resident(vm_address_t a)
{
	unsigned char v = 0;

	ck_assert_int_eq(mincore((void *)a, PG, &v), 0);
	return (v & 1) != 0;
}

/* ---- an external manager, end to end ---------------------------------------------------- */

START_TEST(external_pager_end_to_end)
{
	volatile char *p;
	vm_address_t a;

	manager_start();
	M.answer[2] = ANSWER_SUPPLY_RO;
	a = map_object(M.port, NPAGES * PG, 0);
	p = (volatile char *)a;
	/* Nothing is asked before the first touch. */
	ck_assert_int_eq(atomic_load(&M.inits), 0);
	ck_assert_int_eq(p[0], 'A');
	ck_assert_int_eq(atomic_load(&M.inits), 1);
	ck_assert_uint_eq(M.init_page_size, PG);
	ck_assert_int_eq(atomic_load(&M.requests), 1);
	ck_assert_int_eq(M.last_access, VM_PROT_READ);
	ck_assert_int_eq(p[PG + 7], 'B');
	ck_assert_int_eq(atomic_load(&M.requests), 2);
	ck_assert_uint_eq(M.last_request, PG);
	/* A resident page costs nothing more; a write makes it dirty. */
	p[1] = 'x';
	ck_assert_int_eq(p[1], 'x');
	ck_assert_int_eq(atomic_load(&M.requests), 2);
	/* A first touch by a write asks for write access. */
	p[3 * PG] = 'y';
	ck_assert_int_eq(M.last_access, VM_PROT_READ | VM_PROT_WRITE);
	ck_assert_int_eq(p[3 * PG + 1], 'D');
	/* Page 2 came write-locked: reading is free, writing unlocks. */
	ck_assert_int_eq(p[2 * PG], 'C');
	ck_assert_int_eq(atomic_load(&M.unlocks), 0);
	p[2 * PG] = 'z';
	ck_assert_int_eq(atomic_load(&M.unlocks), 1);
	ck_assert_uint_eq(M.last_unlock, 2 * PG);
	ck_assert_int_eq(p[2 * PG], 'z');
	ck_assert_int_eq(atomic_load(&M.inits), 1);

	/* Clean: the dirty pages (0, 2, 3) come back, then completion. */
	ck_assert_int_eq(memory_object_lock_request(M.control, 0,
	    NPAGES * PG, MEMORY_OBJECT_RETURN_DIRTY, 0, VM_PROT_NO_CHANGE,
	    M.port), KERN_SUCCESS);
	wait_for(&M.lock_completes, 1);
	ck_assert_int_eq(atomic_load(&M.returns), 3);
	ck_assert_int_eq(atomic_load(&M.dirty_returns), 3);
	ck_assert_uint_eq(M.lock_offset, 0);
	ck_assert_uint_eq(M.lock_length, NPAGES * PG);
	ck_assert_int_eq(M.store[0][1], 'x');
	ck_assert_int_eq(M.store[2][0], 'z');
	ck_assert_int_eq(M.store[3][0], 'y');
	/* Clean now: a second clean returns nothing. */
	ck_assert_int_eq(memory_object_lock_request(M.control, 0,
	    NPAGES * PG, MEMORY_OBJECT_RETURN_DIRTY, 0, VM_PROT_NO_CHANGE,
	    M.port), KERN_SUCCESS);
	wait_for(&M.lock_completes, 2);
	ck_assert_int_eq(atomic_load(&M.returns), 3);
	/* RETURN_ALL returns clean pages too (not dirty). */
	ck_assert_int_eq(memory_object_lock_request(M.control, PG, PG,
	    MEMORY_OBJECT_RETURN_ALL, 0, VM_PROT_NO_CHANGE, M.port),
	    KERN_SUCCESS);
	wait_for(&M.lock_completes, 3);
	ck_assert_int_eq(atomic_load(&M.returns), 4);
	ck_assert_int_eq(atomic_load(&M.dirty_returns), 3);

	/* Flush page 0: it leaves memory, and the next touch asks again
	   (the manager answers with what it got back). */
	M.store[0][5] = 'w';
	ck_assert_int_eq(memory_object_lock_request(M.control, 0, PG,
	    MEMORY_OBJECT_RETURN_NONE, MEMORY_OBJECT_DATA_FLUSH,
	    VM_PROT_NO_CHANGE, MACH_PORT_NULL), KERN_SUCCESS);
	ck_assert(!resident(a));
	ck_assert_int_eq(atomic_load(&M.requests), 4);
	ck_assert_int_eq(p[1], 'x');
	ck_assert_int_eq(p[5], 'w');
	ck_assert_int_eq(atomic_load(&M.requests), 5);

	/* Lock page 1 against writes from the manager's side. */
	ck_assert_int_eq(memory_object_lock_request(M.control, PG, PG,
	    MEMORY_OBJECT_RETURN_NONE, 0, VM_PROT_WRITE, MACH_PORT_NULL),
	    KERN_SUCCESS);
	p[PG] = 'q';
	ck_assert_int_eq(atomic_load(&M.unlocks), 2);
	ck_assert_uint_eq(M.last_unlock, PG);

	/* vm_msync: dirty pages back, then memory_object_synchronize. */
	ck_assert_int_eq(vm_msync(SELF, a, NPAGES * PG, VM_SYNC_SYNCHRONOUS),
	    KERN_SUCCESS);
	ck_assert_int_eq(atomic_load(&M.syncs), 1);
	ck_assert_int_eq(M.store[1][0], 'q');
	ck_assert_int_eq(vm_msync(SELF, a, PG,
	    VM_SYNC_SYNCHRONOUS | VM_SYNC_ASYNCHRONOUS),
	    KERN_INVALID_ARGUMENT);
	/* INVALIDATE drops the pages after returning them. */
	p[2] = 'v';
	ck_assert_int_eq(vm_msync(SELF, a, PG, VM_SYNC_SYNCHRONOUS |
	    VM_SYNC_INVALIDATE), KERN_SUCCESS);
	ck_assert_int_eq(atomic_load(&M.syncs), 2);
	ck_assert_int_eq(M.store[0][2], 'v');
	ck_assert(!resident(a));
	ck_assert_int_eq(p[2], 'v');

	/* The last mapping goes: memory_object_terminate. */
	ck_assert_int_eq(vm_deallocate(SELF, a, NPAGES * PG), KERN_SUCCESS);
	wait_for(&M.terminates, 1);
	/* Mapped again: a new object, initialized anew. */
	a = map_object(M.port, PG, PG);
	ck_assert_int_eq(((volatile char *)a)[0], 'q');
	ck_assert_int_eq(atomic_load(&M.inits), 2);
	ck_assert_uint_eq(M.last_request, PG);
	ck_assert_int_eq(vm_deallocate(SELF, a, PG), KERN_SUCCESS);
	wait_for(&M.terminates, 2);
	ck_assert_int_eq(atomic_load(&M.others), 0);
	manager_stop();
}
END_TEST

/* Two mappings share the object: one init, one request per page, and
   terminate only after the last is gone. */
START_TEST(external_pager_shared_mappings)
{
	vm_address_t a, b;

	manager_start();
	a = map_object(M.port, 2 * PG, 0);
	b = map_object(M.port, PG, PG);
	ck_assert_int_eq(((volatile char *)b)[0], 'B');
	ck_assert_int_eq(((volatile char *)a)[PG], 'B');
	((volatile char *)a)[PG + 1] = 's';
	ck_assert_int_eq(((volatile char *)b)[1], 's');
	ck_assert_int_eq(atomic_load(&M.inits), 1);
	ck_assert_int_eq(atomic_load(&M.requests), 1);
	/* vm_remap without copy shares the object: its absent page 0 is
	   asked for on first touch there too. */
	{
		vm_address_t r = 0;
		vm_prot_t cur, max;

		ck_assert_int_eq(vm_remap(SELF, &r, 2 * PG, 0,
		    VM_FLAGS_ANYWHERE, SELF, a, FALSE, &cur, &max,
		    VM_INHERIT_NONE), KERN_SUCCESS);
		ck_assert_int_eq(((volatile char *)r)[PG + 1], 's');
		ck_assert_int_eq(atomic_load(&M.requests), 1);
		ck_assert_int_eq(((volatile char *)r)[0], 'A');
		ck_assert_int_eq(atomic_load(&M.requests), 2);
		ck_assert_int_eq(vm_deallocate(SELF, r, 2 * PG),
		    KERN_SUCCESS);
	}
	ck_assert_int_eq(vm_deallocate(SELF, a, 2 * PG), KERN_SUCCESS);
	ck_assert_int_eq(((volatile char *)b)[1], 's');
	ck_assert_int_eq(atomic_load(&M.terminates), 0);
	ck_assert_int_eq(vm_deallocate(SELF, b, PG), KERN_SUCCESS);
	wait_for(&M.terminates, 1);
	manager_stop();
}
END_TEST

/* Unavailable data reads as zeros. */
/* A thread the kernel knows (it has made a Mach call) reads a byte. */
static void *read_first_byte(void *arg)
{
	mach_port_t me = mach_thread_self();

	(void)mach_port_deallocate(SELF, me);
	return (void *)(intptr_t)*(volatile char *)arg;
}

/*
 * Two threads wait for the same absent page through two mappings; one
 * answer lets both go on, each reading the data.
 */
START_TEST(external_pager_one_answer_two_waiters)
{
	vm_address_t a, b;
	pthread_t t1, t2;
	struct timespec until;
	void *r1, *r2;
	int i;

	manager_start();
	M.answer[0] = ANSWER_SUPPLY;
	a = map_object(M.port, 2 * PG, 0);
	b = map_object(M.port, 2 * PG, 0);
	ck_assert_int_eq(((volatile char *)a)[0], 'A');	/* init */
	M.answer[1] = ANSWER_NONE;
	ck_assert_int_eq(pthread_create(&t1, NULL, read_first_byte,
	    (void *)(a + PG)), 0);
	ck_assert_int_eq(pthread_create(&t2, NULL, read_first_byte,
	    (void *)(b + PG)), 0);
	wait_for(&M.requests, 2);
	for (i = 0; i < 20; i++)
		usleep(5000);		/* both are waiting by now */
	ck_assert_int_eq(memory_object_data_supply(M.control, PG, M.store[1],
	    PG, VM_PROT_NONE), KERN_SUCCESS);
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += 20;
	ck_assert_int_eq(pthread_timedjoin_np(t1, &r1, &until), 0);
	ck_assert_int_eq(pthread_timedjoin_np(t2, &r2, &until), 0);
	ck_assert_int_eq((intptr_t)r1, 'B');
	ck_assert_int_eq((intptr_t)r2, 'B');
	ck_assert_int_eq(atomic_load(&M.requests), 2);
	ck_assert_int_eq(vm_deallocate(SELF, a, 2 * PG), KERN_SUCCESS);
	ck_assert_int_eq(vm_deallocate(SELF, b, 2 * PG), KERN_SUCCESS);
	wait_for(&M.terminates, 1);
	manager_stop();
}
END_TEST

START_TEST(external_pager_unavailable)
{
	vm_address_t a;

	manager_start();
	M.answer[0] = ANSWER_UNAVAILABLE;
	a = map_object(M.port, PG, 0);
	ck_assert_int_eq(((volatile char *)a)[100], 0);
	((volatile char *)a)[0] = 1;
	ck_assert_int_eq(vm_deallocate(SELF, a, PG), KERN_SUCCESS);
	wait_for(&M.terminates, 1);
	manager_stop();
}
END_TEST

/* The kernel's copies never wait for a manager: one from an absent page
   fails (as from unmapped memory) and asks nothing; a thread's own read
   of the page then gets it. */
START_TEST(external_pager_kernel_copy_fails)
{
	vm_offset_t data = 0;
	mach_msg_type_number_t cnt = 0;
	char buf[64];
	vm_size_t out = 0;
	vm_address_t a;

	manager_start();
	a = map_object(M.port, 2 * PG, 0);
	ck_assert_int_ne(vm_read(SELF, a, PG, &data, &cnt), KERN_SUCCESS);
	ck_assert_int_ne(vm_read_overwrite(SELF, a + PG, sizeof(buf),
	    (vm_address_t)buf, &out), KERN_SUCCESS);
	ck_assert_int_eq(atomic_load(&M.requests), 0);
	ck_assert_int_eq(((volatile char *)a)[0], 'A');
	ck_assert_int_eq(((volatile char *)a)[PG], 'B');
	ck_assert_int_eq(atomic_load(&M.requests), 2);
	/* Resident now: the copies go through. */
	ck_assert_int_eq(vm_read_overwrite(SELF, a + PG, sizeof(buf),
	    (vm_address_t)buf, &out), KERN_SUCCESS);
	ck_assert_int_eq(buf[0], 'B');
	ck_assert_int_eq(vm_deallocate(SELF, a, 2 * PG), KERN_SUCCESS);
	wait_for(&M.terminates, 1);
	manager_stop();
}
END_TEST

/* Attributes: defaults, a change (with its completion), the errors. */
START_TEST(external_pager_attributes)
{
	memory_object_attr_info_data_t attr;
	memory_object_perf_info_data_t perf;
	memory_object_behave_info_data_t beh;
	mach_msg_type_number_t n;
	vm_address_t a;

	manager_start();
	a = map_object(M.port, PG, 0);
	ck_assert_int_eq(((volatile char *)a)[0], 'A');
	n = MEMORY_OBJECT_ATTR_INFO_COUNT;
	ck_assert_int_eq(memory_object_get_attributes(M.control,
	    MEMORY_OBJECT_ATTRIBUTE_INFO, (memory_object_info_t)&attr, &n),
	    KERN_SUCCESS);
	ck_assert_uint_eq(n, MEMORY_OBJECT_ATTR_INFO_COUNT);
	ck_assert_int_eq(attr.copy_strategy, MEMORY_OBJECT_COPY_DELAY);
	ck_assert_uint_eq(attr.cluster_size, PG);
	ck_assert(attr.may_cache_object);
	ck_assert(!attr.temporary);
	perf.cluster_size = (memory_object_cluster_size_t)(2 * PG);
	perf.may_cache = FALSE;
	ck_assert_int_eq(memory_object_change_attributes(M.control,
	    MEMORY_OBJECT_PERFORMANCE_INFO, (memory_object_info_t)&perf,
	    MEMORY_OBJECT_PERF_INFO_COUNT, M.port), KERN_SUCCESS);
	wait_for(&M.change_completes, 1);
	ck_assert_int_eq(M.change_flavor, MEMORY_OBJECT_PERFORMANCE_INFO);
	n = MEMORY_OBJECT_ATTR_INFO_COUNT;
	ck_assert_int_eq(memory_object_get_attributes(M.control,
	    MEMORY_OBJECT_ATTRIBUTE_INFO, (memory_object_info_t)&attr, &n),
	    KERN_SUCCESS);
	ck_assert_uint_eq(attr.cluster_size, 2 * PG);
	ck_assert(!attr.may_cache_object);
	memset(&beh, 0, sizeof(beh));
	beh.copy_strategy = MEMORY_OBJECT_COPY_NONE;
	beh.silent_overwrite = TRUE;
	ck_assert_int_eq(memory_object_change_attributes(M.control,
	    MEMORY_OBJECT_BEHAVIOR_INFO, (memory_object_info_t)&beh,
	    MEMORY_OBJECT_BEHAVE_INFO_COUNT, MACH_PORT_NULL), KERN_SUCCESS);
	memset(&beh, 0, sizeof(beh));
	n = MEMORY_OBJECT_BEHAVE_INFO_COUNT;
	ck_assert_int_eq(memory_object_get_attributes(M.control,
	    MEMORY_OBJECT_BEHAVIOR_INFO, (memory_object_info_t)&beh, &n),
	    KERN_SUCCESS);
	ck_assert_int_eq(beh.copy_strategy, MEMORY_OBJECT_COPY_NONE);
	ck_assert(beh.silent_overwrite);
	/* Errors: a flavor, a short count; a bad change changes nothing
	   and completes nothing. */
	n = MEMORY_OBJECT_ATTR_INFO_COUNT;
	ck_assert_int_eq(memory_object_get_attributes(M.control, 99,
	    (memory_object_info_t)&attr, &n), KERN_INVALID_ARGUMENT);
	n = MEMORY_OBJECT_ATTR_INFO_COUNT - 1;
	ck_assert_int_eq(memory_object_get_attributes(M.control,
	    MEMORY_OBJECT_ATTRIBUTE_INFO, (memory_object_info_t)&attr, &n),
	    KERN_INVALID_ARGUMENT);
	perf.cluster_size = 100;
	ck_assert_int_eq(memory_object_change_attributes(M.control,
	    MEMORY_OBJECT_PERFORMANCE_INFO, (memory_object_info_t)&perf,
	    MEMORY_OBJECT_PERF_INFO_COUNT, M.port), KERN_SUCCESS);
	beh.copy_strategy = 77;
	ck_assert_int_eq(memory_object_change_attributes(M.control,
	    MEMORY_OBJECT_BEHAVIOR_INFO, (memory_object_info_t)&beh,
	    MEMORY_OBJECT_BEHAVE_INFO_COUNT, M.port), KERN_SUCCESS);
	n = MEMORY_OBJECT_ATTR_INFO_COUNT;
	ck_assert_int_eq(memory_object_get_attributes(M.control,
	    MEMORY_OBJECT_ATTRIBUTE_INFO, (memory_object_info_t)&attr, &n),
	    KERN_SUCCESS);
	ck_assert_uint_eq(attr.cluster_size, 2 * PG);
	ck_assert_int_eq(attr.copy_strategy, MEMORY_OBJECT_COPY_NONE);
	ck_assert_int_eq(atomic_load(&M.change_completes), 1);
	/* Not a control port (the task port serves vm_upl_map of this
	   interface, and nothing else of it); an unknown name cannot be
	   sent to. */
	n = MEMORY_OBJECT_ATTR_INFO_COUNT;
	ck_assert_int_eq(memory_object_get_attributes(SELF,
	    MEMORY_OBJECT_ATTRIBUTE_INFO, (memory_object_info_t)&attr, &n),
	    KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(memory_object_get_attributes(0x12345678,
	    MEMORY_OBJECT_ATTRIBUTE_INFO, (memory_object_info_t)&attr, &n),
	    MACH_SEND_INVALID_DEST);
	ck_assert_int_eq(vm_deallocate(SELF, a, PG), KERN_SUCCESS);
	wait_for(&M.terminates, 1);
	manager_stop();
}
END_TEST

/* Lock request errors complete nothing; the valid one does. */
START_TEST(external_pager_lock_errors)
{
	vm_address_t a;

	manager_start();
	a = map_object(M.port, PG, 0);
	ck_assert_int_eq(((volatile char *)a)[0], 'A');
	ck_assert_int_eq(memory_object_lock_request(M.control, 0, PG, 7, 0,
	    VM_PROT_NO_CHANGE, M.port), KERN_SUCCESS);
	ck_assert_int_eq(memory_object_lock_request(M.control, 0, PG,
	    MEMORY_OBJECT_RETURN_NONE, 0x100, VM_PROT_NO_CHANGE, M.port),
	    KERN_SUCCESS);
	ck_assert_int_eq(memory_object_lock_request(M.control, 0, PG,
	    MEMORY_OBJECT_RETURN_NONE, 0, 0x40, M.port), KERN_SUCCESS);
	ck_assert_int_eq(memory_object_lock_request(M.control, ~0ull, 2,
	    MEMORY_OBJECT_RETURN_NONE, 0, VM_PROT_NO_CHANGE, M.port),
	    KERN_SUCCESS);
	ck_assert_int_eq(memory_object_lock_request(M.control, 0, PG,
	    MEMORY_OBJECT_RETURN_NONE, 0, VM_PROT_NO_CHANGE, M.port),
	    KERN_SUCCESS);
	wait_for(&M.lock_completes, 1);
	usleep(20000);
	ck_assert_int_eq(atomic_load(&M.lock_completes), 1);
	/* DATA_PURGE drops a dirty page without returning it. */
	((volatile char *)a)[0] = 'p';
	ck_assert_int_eq(memory_object_lock_request(M.control, 0, PG,
	    MEMORY_OBJECT_RETURN_DIRTY, MEMORY_OBJECT_DATA_PURGE,
	    VM_PROT_NO_CHANGE, M.port), KERN_SUCCESS);
	wait_for(&M.lock_completes, 2);
	ck_assert_int_eq(atomic_load(&M.returns), 0);
	ck_assert_int_eq(((volatile char *)a)[0], 'A');
	ck_assert_int_eq(vm_deallocate(SELF, a, PG), KERN_SUCCESS);
	wait_for(&M.terminates, 1);
	manager_stop();
}
END_TEST

/* memory_object_destroy: the manager gets terminate at once, while the
   mapping is still there. */
START_TEST(external_pager_destroy)
{
	vm_address_t a;
	mach_port_t control;

	manager_start();
	a = map_object(M.port, PG, 0);
	ck_assert_int_eq(((volatile char *)a)[0], 'A');
	control = M.control;
	ck_assert_int_eq(mach_port_mod_refs(SELF, control,
	    MACH_PORT_RIGHT_SEND, 1), KERN_SUCCESS);
	ck_assert_int_eq(memory_object_destroy(control, KERN_ABORTED),
	    KERN_SUCCESS);
	wait_for(&M.terminates, 1);
	ck_assert(!resident(a));
	/* The control port no longer stands for the object. */
	ck_assert_int_eq(memory_object_destroy(control, KERN_ABORTED),
	    MACH_SEND_INVALID_DEST);
	ck_assert_int_eq(vm_deallocate(SELF, a, PG), KERN_SUCCESS);
	(void)mach_port_deallocate(SELF, control);
	usleep(20000);
	ck_assert_int_eq(atomic_load(&M.terminates), 1);
	manager_stop();
}
END_TEST

/* ---- a memory error, as an exception ------------------------------------------------------ */

static void *touch(void *arg)
{
	(void)*(volatile char *)arg;
	return NULL;
}

/* A page the manager answers with an error is a bad access for the
   thread that touches it (here a child task's, whose exception port
   this test holds). */
START_TEST(external_pager_data_error)
{
	struct {
		__Request__exception_raise_t	req;
		char				trailer[256];
	} msg;
	mach_port_t child, exc;
	pthread_t pt;
	vm_address_t a;

	manager_start();
	M.answer[0] = ANSWER_ERROR;
	a = map_object(M.port, PG, 0);
	ck_assert_int_eq(task_create(SELF, NULL, 0, FALSE, &child),
	    KERN_SUCCESS);
	ck_assert_int_eq(mach_port_allocate(SELF, MACH_PORT_RIGHT_RECEIVE,
	    &exc), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_insert_right(SELF, exc, exc,
	    MACH_MSG_TYPE_MAKE_SEND), KERN_SUCCESS);
	ck_assert_int_eq(task_set_exception_ports(child, EXC_MASK_BAD_ACCESS,
	    exc, EXCEPTION_DEFAULT, 0), KERN_SUCCESS);
	ck_assert_int_eq(machsim_thread_spawn(child, touch, (void *)a, &pt),
	    KERN_SUCCESS);
	ck_assert_int_eq(mach_msg(&msg.req.Head, MACH_RCV_MSG, 0,
	    sizeof(msg), exc, 0, MACH_PORT_NULL), MACH_MSG_SUCCESS);
	ck_assert_int_eq(msg.req.Head.msgh_id, 2401);
	ck_assert_int_eq(msg.req.exception, EXC_BAD_ACCESS);
	ck_assert_int_eq(msg.req.code[1], (integer_t)a);
	ck_assert_int_eq(atomic_load(&M.requests), 1);
	/* No answer: the exception is unhandled, and the faulting thread
	   ends its task itself (a task_terminate from here would race
	   with that thread's receive of the reply). */
	mach_msg_destroy(&msg.req.Head);
	pthread_join(pt, NULL);
	ck_assert_int_eq(mach_port_deallocate(SELF, child), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_mod_refs(SELF, exc,
	    MACH_PORT_RIGHT_RECEIVE, -1), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, exc), KERN_SUCCESS);
	ck_assert_int_eq(vm_deallocate(SELF, a, PG), KERN_SUCCESS);
	wait_for(&M.terminates, 1);
	manager_stop();
}
END_TEST

/* A thread waiting for a page that never comes still ends with its
   task; a thread_abort lets it leave the wait (and fault again). */
START_TEST(external_pager_wait_ends_with_task)
{
	mach_port_t child;
	pthread_t pt;
	vm_address_t a;
	thread_act_array_t threads;
	mach_msg_type_number_t n;

	manager_start();
	M.answer[0] = ANSWER_NONE;
	a = map_object(M.port, PG, 0);
	ck_assert_int_eq(task_create(SELF, NULL, 0, FALSE, &child),
	    KERN_SUCCESS);
	ck_assert_int_eq(machsim_thread_spawn(child, touch, (void *)a, &pt),
	    KERN_SUCCESS);
	wait_for(&M.requests, 1);
	ck_assert_int_eq(task_threads(child, &threads, &n), KERN_SUCCESS);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(thread_abort(threads[0]), KERN_SUCCESS);
	(void)mach_port_deallocate(SELF, threads[0]);
	(void)vm_deallocate(SELF, (vm_address_t)threads, n * sizeof(*threads));
	/* Still one request: the retried access finds it pending. */
	usleep(20000);
	ck_assert_int_eq(atomic_load(&M.requests), 1);
	ck_assert_int_eq(task_terminate(child), KERN_SUCCESS);
	pthread_join(pt, NULL);
	ck_assert_int_eq(mach_port_deallocate(SELF, child), KERN_SUCCESS);
	ck_assert_int_eq(vm_deallocate(SELF, a, PG), KERN_SUCCESS);
	wait_for(&M.terminates, 1);
	manager_stop();
}
END_TEST

/* ---- vm_map and UPL errors ---------------------------------------------------------------- */

START_TEST(pager_map_and_upl_errors)
{
	mach_port_t upl = MACH_PORT_NULL, upl2 = MACH_PORT_NULL;
	upl_page_info_t list[4];
	mach_msg_type_number_t n = 4;
	vm_address_t a = 0, m = 0;
	vm_offset_t at = 0;

	manager_start();
	/* size 0, a kernel object's port, a copy. */
	ck_assert_int_eq(vm_map(SELF, &a, 0, 0, VM_FLAGS_ANYWHERE, M.port, 0,
	    FALSE, VM_PROT_DEFAULT, VM_PROT_DEFAULT, VM_INHERIT_NONE),
	    KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(vm_map(SELF, &a, PG, 0, VM_FLAGS_ANYWHERE, SELF, 0,
	    FALSE, VM_PROT_DEFAULT, VM_PROT_DEFAULT, VM_INHERIT_NONE),
	    KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(vm_map(SELF, &a, PG, 0, VM_FLAGS_ANYWHERE, M.port, 0,
	    TRUE, VM_PROT_DEFAULT, VM_PROT_DEFAULT, VM_INHERIT_NONE),
	    KERN_NOT_SUPPORTED);
	a = map_object(M.port, 2 * PG, 0);
	ck_assert_int_eq(((volatile char *)a)[0], 'A');
	/* UPL requests: size 0, flags, past the end. */
	ck_assert_int_eq(vm_object_upl_request(M.control, 0, 0, &upl, list,
	    &n, 0), KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(vm_object_upl_request(M.control, 0, PG, &upl, list,
	    &n, 1), KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(vm_object_upl_request(M.control, 2 * PG, PG, &upl,
	    list, &n, 0), KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(vm_object_upl_request(SELF, 0, PG, &upl, list, &n,
	    0), KERN_INVALID_ARGUMENT);
	/* A UPL over both pages: their state in the page list. */
	n = 4;
	ck_assert_int_eq(vm_pager_upl_request(M.control, 0, PG, 2 * PG, &upl,
	    list, &n, 0), KERN_SUCCESS);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(((integer_t *)(void *)&list[0])[0], 1);
	ck_assert_int_eq(((integer_t *)(void *)&list[1])[0], 0);
	ck_assert_int_eq(vm_upl_map(SELF, upl, &at), KERN_SUCCESS);
	ck_assert_int_eq(((char *)at)[0], 'A');
	ck_assert_int_eq(vm_upl_map(SELF, upl, &m), KERN_FAILURE);
	memset((char *)at + PG, 'u', PG);
	ck_assert_int_eq(vm_upl_commit_range(upl, PG, 2 * PG, list, 0),
	    KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(vm_upl_commit(upl, list, 3), KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(vm_upl_commit_range(upl, PG, PG, list, 0),
	    KERN_SUCCESS);
	/* Committed: page 1 is there without a request. */
	ck_assert_int_eq(((volatile char *)a)[PG], 'u');
	ck_assert_int_eq(atomic_load(&M.requests), 1);
	ck_assert_int_eq(vm_upl_unmap(SELF, upl), KERN_SUCCESS);
	ck_assert_int_eq(vm_upl_unmap(SELF, upl), KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(vm_upl_commit(upl, list, 0), KERN_SUCCESS);
	/* The UPL has ended: its port is dead. */
	ck_assert_int_eq(vm_upl_abort(upl, 0), MACH_SEND_INVALID_DEST);
	(void)mach_port_deallocate(SELF, upl);
	/* Abort with restart: the page is asked for again. */
	ck_assert_int_eq(memory_object_lock_request(M.control, 0, PG,
	    MEMORY_OBJECT_RETURN_NONE, MEMORY_OBJECT_DATA_FLUSH,
	    VM_PROT_NO_CHANGE, MACH_PORT_NULL), KERN_SUCCESS);
	n = 0;
	ck_assert_int_eq(vm_object_upl_request(M.control, 0, PG, &upl2, list,
	    &n, 0), KERN_SUCCESS);
	ck_assert_int_eq(vm_upl_abort(upl2, UPL_ABORT_RESTART), KERN_SUCCESS);
	(void)mach_port_deallocate(SELF, upl2);
	ck_assert_int_eq(((volatile char *)a)[0], 'A');
	ck_assert_int_eq(atomic_load(&M.requests), 2);
	/* A UPL mapped in another task: its pages alone, there. */
	{
		mach_port_t child, upl3 = MACH_PORT_NULL;
		vm_offset_t cat = 0;

		ck_assert_int_eq(task_create(SELF, NULL, 0, FALSE, &child),
		    KERN_SUCCESS);
		n = 0;
		ck_assert_int_eq(vm_object_upl_request(M.control, PG, PG,
		    &upl3, list, &n, 0), KERN_SUCCESS);
		ck_assert_int_eq(vm_upl_map(child, upl3, &cat), KERN_SUCCESS);
		ck_assert_int_eq(((char *)cat)[0], 'u');
		ck_assert_int_eq(vm_upl_unmap(SELF, upl3),
		    KERN_INVALID_ARGUMENT);
		ck_assert_int_eq(vm_upl_unmap(child, upl3), KERN_SUCCESS);
		ck_assert_int_eq(vm_upl_abort(upl3, UPL_ABORT_RESTART),
		    KERN_SUCCESS);
		(void)mach_port_deallocate(SELF, upl3);
		ck_assert_int_eq(task_terminate(child), KERN_SUCCESS);
		(void)mach_port_deallocate(SELF, child);
	}
	/* The helpers check their arguments. */
	ck_assert_int_eq(memory_object_data_supply(M.control, 1, "x", 1,
	    VM_PROT_NONE), KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(memory_object_data_supply(M.control, 0, NULL, PG,
	    VM_PROT_NONE), KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(memory_object_data_unavailable(M.control, 0, 0),
	    KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(vm_deallocate(SELF, a, 2 * PG), KERN_SUCCESS);
	wait_for(&M.terminates, 1);
	manager_stop();
}
END_TEST

/* A UPL of an absent page, mapped: zeros, whatever an earlier UPL wrote. */
static mach_port_t upl_of_absent(size_t page, vm_offset_t *at)
{
	mach_port_t upl = MACH_PORT_NULL;
	upl_page_info_t list[1];
	mach_msg_type_number_t n = 1;
	size_t i;

	ck_assert_int_eq(vm_object_upl_request(M.control, page * PG, PG,
	    &upl, list, &n, 0), KERN_SUCCESS);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(((integer_t *)(void *)&list[0])[0], 0);
	ck_assert_int_eq(vm_upl_map(SELF, upl, at), KERN_SUCCESS);
	for (i = 0; i < PG; i++)
		ck_assert_int_eq(((char *)*at)[i], 0);
	return upl;
}

/*
 * UPLs of absent pages (a manager's answers to data requests): each
 * mapped UPL shows zeros, never what an earlier one wrote; what is
 * written stays until the commit, across an unmap and a map again, in
 * this task or another; two at once each keep their own data; only the
 * commit makes it the object's, with no data request.
 */
START_TEST(pager_upl_absent_pages)
{
	mach_port_t upl, upl2, child;
	upl_page_info_t list[1];
	vm_offset_t at = 0, at2 = 0, cat = 0;
	vm_address_t a;
	int i;

	manager_start();
	for (i = 0; i < NPAGES; i++)
		M.answer[i] = ANSWER_NONE;
	M.answer[1] = ANSWER_SUPPLY;
	a = map_object(M.port, NPAGES * PG, 0);
	ck_assert_int_eq(((volatile char *)a)[PG], 'B');
	ck_assert_int_eq(atomic_load(&M.requests), 1);
	/* Written, then aborted: the next UPL sees none of it. */
	upl = upl_of_absent(2, &at);
	memset((char *)at, 'x', PG);
	ck_assert_int_eq(vm_upl_abort(upl, UPL_ABORT_RESTART), KERN_SUCCESS);
	(void)mach_port_deallocate(SELF, upl);
	upl = upl_of_absent(2, &at);
	memset((char *)at, 'y', PG);
	/* Unmapped and mapped again: still there. */
	ck_assert_int_eq(vm_upl_unmap(SELF, upl), KERN_SUCCESS);
	ck_assert_int_eq(vm_upl_map(SELF, upl, &at), KERN_SUCCESS);
	ck_assert_int_eq(((char *)at)[PG - 1], 'y');
	/* A second UPL meanwhile: its own zeros, its own data. */
	upl2 = upl_of_absent(0, &at2);
	memset((char *)at2, 'p', PG);
	ck_assert_int_eq(((char *)at)[0], 'y');
	ck_assert_int_eq(vm_upl_commit(upl2, list, 0), KERN_SUCCESS);
	(void)mach_port_deallocate(SELF, upl2);
	ck_assert_int_eq(vm_upl_commit(upl, list, 0), KERN_SUCCESS);
	(void)mach_port_deallocate(SELF, upl);
	ck_assert_int_eq(((volatile char *)a)[0], 'p');
	ck_assert_int_eq(((volatile char *)a)[2 * PG + PG - 1], 'y');
	ck_assert_int_eq(atomic_load(&M.requests), 1);
	/* Written here, mapped in another task, committed from there. */
	ck_assert_int_eq(task_create(SELF, NULL, 0, FALSE, &child),
	    KERN_SUCCESS);
	upl = upl_of_absent(3, &at);
	memset((char *)at, 'z', PG);
	ck_assert_int_eq(vm_upl_unmap(SELF, upl), KERN_SUCCESS);
	ck_assert_int_eq(vm_upl_map(child, upl, &cat), KERN_SUCCESS);
	ck_assert_int_eq(((char *)cat)[0], 'z');
	ck_assert_int_eq(vm_upl_commit(upl, list, 0), KERN_SUCCESS);
	(void)mach_port_deallocate(SELF, upl);
	ck_assert_int_eq(((volatile char *)a)[3 * PG], 'z');
	ck_assert_int_eq(atomic_load(&M.requests), 1);
	ck_assert_int_eq(task_terminate(child), KERN_SUCCESS);
	(void)mach_port_deallocate(SELF, child);
	/* Flushed, written through a UPL and aborted: the next read asks
	   and gets the manager's data, not what the UPL held. */
	ck_assert_int_eq(memory_object_lock_request(M.control, 3 * PG, PG,
	    MEMORY_OBJECT_RETURN_NONE, MEMORY_OBJECT_DATA_FLUSH,
	    VM_PROT_NO_CHANGE, MACH_PORT_NULL), KERN_SUCCESS);
	upl = upl_of_absent(3, &at);
	memset((char *)at, 'x', PG);
	ck_assert_int_eq(vm_upl_abort(upl, UPL_ABORT_RESTART), KERN_SUCCESS);
	(void)mach_port_deallocate(SELF, upl);
	M.answer[3] = ANSWER_SUPPLY;
	ck_assert_int_eq(((volatile char *)a)[3 * PG], 'D');
	ck_assert_int_eq(atomic_load(&M.requests), 2);
	ck_assert_int_eq(vm_deallocate(SELF, a, NPAGES * PG), KERN_SUCCESS);
	wait_for(&M.terminates, 1);
	manager_stop();
}
END_TEST

/* ---- the default pager ---------------------------------------------------------------------- */

/* (test_pager_kernel.c: the host-priv port is no task's yet) */
kern_return_t kt_default_memory_manager(int privileged,
    mach_port_t *manager, vm_size_t cluster_size);

static mach_port_t default_pager(void)
{
	mach_port_t dp = MACH_PORT_NULL;

	(void)SELF;			/* the kernel boots */
	ck_assert_int_eq(kt_default_memory_manager(1, &dp, 0), KERN_SUCCESS);
	ck_assert(MACH_PORT_VALID(dp));
	return dp;
}

static natural_t store_free(mach_port_t bs, natural_t *pages_out)
{
	struct backing_store_basic_info bi;
	mach_msg_type_number_t n = BACKING_STORE_BASIC_INFO_COUNT;

	ck_assert_int_eq(default_pager_backing_store_info(bs,
	    BACKING_STORE_BASIC_INFO, (backing_store_info_t)&bi, &n),
	    KERN_SUCCESS);
	ck_assert_uint_eq(n, BACKING_STORE_BASIC_INFO_COUNT);
	if (pages_out != NULL)
		*pages_out = bi.bs_pages_out;
	return bi.bs_pages_free;
}

START_TEST(default_pager_manager_lookup)
{
	mach_port_t dm = MACH_PORT_NULL, dp;

	dp = default_pager();
	/* The same port each time. */
	ck_assert_int_eq(kt_default_memory_manager(1, &dm, PG), KERN_SUCCESS);
	ck_assert_uint_eq(dm, dp);
	/* Not replaceable; cluster size; not the privileged port. */
	ck_assert_int_eq(kt_default_memory_manager(1, &dm, 0), KERN_FAILURE);
	dm = MACH_PORT_NULL;
	ck_assert_int_eq(kt_default_memory_manager(1, &dm, 100),
	    KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(kt_default_memory_manager(0, &dm, 0),
	    KERN_INVALID_HOST);
	/* Through the bootstrap task's host port, the privileged one: the
	   same manager; through the name port: no privilege. */
	{
		mach_port_t host = mach_host_self(), name = MACH_PORT_NULL;

		dm = MACH_PORT_NULL;
		ck_assert_int_eq(host_default_memory_manager(host, &dm, 0),
		    KERN_SUCCESS);
		ck_assert_uint_eq(dm, dp);
		(void)mach_port_deallocate(SELF, dm);
		ck_assert_int_eq(host_get_host_port(host, &name),
		    KERN_SUCCESS);
		dm = MACH_PORT_NULL;
		ck_assert_int_eq(host_default_memory_manager(name, &dm, 0),
		    KERN_INVALID_HOST);
		(void)mach_port_deallocate(SELF, name);
		(void)mach_port_deallocate(SELF, host);
	}
	(void)mach_port_deallocate(SELF, dp);
	(void)mach_port_deallocate(SELF, dp);
}
END_TEST

START_TEST(default_pager_paged_out_and_back)
{
	mach_port_t dp = default_pager(), bs, mo;
	default_pager_info_t info0, info;
	vm_address_t a, b;
	natural_t out0, out;
	size_t i;

	ck_assert_int_eq(default_pager_info(dp, &info0), KERN_SUCCESS);
	ck_assert_uint_eq(info0.dpi_page_size, PG);
	ck_assert_int_eq(default_pager_backing_store_create(dp, 2, 0, &bs),
	    KERN_SUCCESS);
	ck_assert_int_eq(default_pager_add_segment(bs, MACH_PORT_NULL, 0, 8,
	    (int)PG), KERN_SUCCESS);
	ck_assert_int_eq(default_pager_info(dp, &info), KERN_SUCCESS);
	ck_assert_uint_eq(info.dpi_total_space, info0.dpi_total_space + 8 * PG);
	ck_assert_uint_eq(info.dpi_free_space, info0.dpi_free_space + 8 * PG);
	ck_assert_uint_eq(store_free(bs, &out0), 8);

	ck_assert_int_eq(default_pager_object_create(dp, &mo, 3 * PG),
	    KERN_SUCCESS);
	a = map_object(mo, 3 * PG, 0);
	for (i = 0; i < 3; i++) {
		ck_assert_int_eq(((volatile char *)a)[i * PG], 0);
		memset((char *)a + i * PG, 'a' + (int)i, PG);
	}
	/* Out: every page to the store, and out of memory. */
	ck_assert_int_eq(vm_msync(SELF, a, 3 * PG, VM_SYNC_SYNCHRONOUS |
	    VM_SYNC_INVALIDATE), KERN_SUCCESS);
	ck_assert_uint_eq(store_free(bs, &out), 5);
	ck_assert_uint_eq(out, out0 + 3);
	for (i = 0; i < 3; i++)
		ck_assert(!resident(a + i * PG));
	/* The pager lists the object, its stored pages and their bytes. */
	{
		default_pager_page_array_t pages = NULL;
		default_pager_object_array_t objs = NULL;
		mach_port_array_t ports = NULL;
		mach_msg_type_number_t np = 0, no = 0, nports = 0, k;
		bool found = false;

		ck_assert_int_eq(default_pager_object_pages(dp, mo, &pages,
		    &np), KERN_SUCCESS);
		ck_assert_uint_eq(np, 3);
		for (k = 0; k < np; k++)
			ck_assert_uint_eq(pages[k].dpp_offset, k * PG);
		ck_assert_int_eq(vm_deallocate(SELF, (vm_address_t)pages,
		    np * sizeof(*pages)), KERN_SUCCESS);
		ck_assert_int_eq(default_pager_objects(dp, &objs, &no, &ports,
		    &nports), KERN_SUCCESS);
		ck_assert_uint_eq(no, nports);
		for (k = 0; k < no; k++) {
			if (ports[k] == mo) {
				found = true;
				ck_assert_uint_eq(objs[k].dpo_size, 3 * PG);
			}
			ck_assert_int_eq(mach_port_deallocate(SELF, ports[k]),
			    KERN_SUCCESS);
		}
		ck_assert(found);
		(void)vm_deallocate(SELF, (vm_address_t)objs,
		    no * sizeof(*objs));
		(void)vm_deallocate(SELF, (vm_address_t)ports,
		    nports * sizeof(*ports));
		ck_assert_int_eq(default_pager_object_pages(dp, bs, &pages,
		    &np), KERN_INVALID_ARGUMENT);
		ck_assert_int_eq(default_pager_objects(bs, &objs, &no, &ports,
		    &nports), KERN_INVALID_ARGUMENT);
	}
	/* And back, intact; the slots are free again. */
	for (i = 0; i < 3; i++) {
		char want[4096];

		memset(want, 'a' + (int)i, PG);
		ck_assert(memcmp((char *)a + i * PG, want, PG) == 0);
	}
	ck_assert_uint_eq(store_free(bs, NULL), 8);
	/* A second mapping of the object sees the same memory. */
	b = map_object(mo, PG, 2 * PG);
	ck_assert_int_eq(((volatile char *)b)[10], 'c');
	((volatile char *)b)[0] = 'C';
	ck_assert_int_eq(((volatile char *)a)[2 * PG], 'C');
	ck_assert_int_eq(vm_deallocate(SELF, b, PG), KERN_SUCCESS);
	/* The object outlives its mappings. */
	ck_assert_int_eq(vm_deallocate(SELF, a, 3 * PG), KERN_SUCCESS);
	a = map_object(mo, 3 * PG, 0);
	ck_assert_int_eq(((volatile char *)a)[2 * PG], 'C');
	ck_assert_int_eq(((volatile char *)a)[1], 'a');

	/* Deleting a store moves its pages to another one. */
	ck_assert_int_eq(vm_msync(SELF, a, 3 * PG, VM_SYNC_INVALIDATE),
	    KERN_SUCCESS);
	ck_assert_uint_eq(store_free(bs, NULL), 5);
	{
		mach_port_t bs2;

		ck_assert_int_eq(default_pager_backing_store_create(dp, 1, 0,
		    &bs2), KERN_SUCCESS);
		ck_assert_int_eq(default_pager_add_segment(bs2,
		    MACH_PORT_NULL, 0, 2, (int)PG), KERN_SUCCESS);
		/* Two free pages cannot take three. */
		ck_assert_int_eq(default_pager_backing_store_delete(bs),
		    KERN_FAILURE);
		ck_assert_int_eq(default_pager_add_segment(bs2,
		    MACH_PORT_NULL, 4, 4, (int)(PG / 2)), KERN_SUCCESS);
		ck_assert_uint_eq(store_free(bs2, NULL), 4);
		ck_assert_int_eq(default_pager_backing_store_delete(bs),
		    KERN_SUCCESS);
		ck_assert_uint_eq(store_free(bs2, NULL), 1);
		ck_assert_int_eq(((volatile char *)a)[2 * PG], 'C');
		ck_assert_int_eq(((volatile char *)a)[PG + 9], 'b');
		ck_assert_int_eq(((volatile char *)a)[3], 'a');
		ck_assert_uint_eq(store_free(bs2, NULL), 4);
		ck_assert_int_eq(default_pager_backing_store_delete(bs2),
		    KERN_SUCCESS);
		(void)mach_port_deallocate(SELF, bs2);
	}
	/* With no store left, paging out keeps the pages in memory. */
	ck_assert_int_eq(default_pager_info(dp, &info), KERN_SUCCESS);
	if (info.dpi_total_space == 0) {
		((volatile char *)a)[0] = 'k';
		ck_assert_int_eq(vm_msync(SELF, a, PG, VM_SYNC_INVALIDATE),
		    KERN_SUCCESS);
		ck_assert_int_eq(((volatile char *)a)[0], 'k');
	}
	ck_assert_int_eq(vm_deallocate(SELF, a, 3 * PG), KERN_SUCCESS);
	(void)mach_port_deallocate(SELF, bs);
	(void)mach_port_deallocate(SELF, mo);
	(void)mach_port_deallocate(SELF, dp);
}
END_TEST

/* How many objects the default pager lists (their rights dropped). */
static mach_msg_type_number_t pager_objects(mach_port_t dp)
{
	default_pager_object_array_t objs = NULL;
	mach_port_array_t ports = NULL;
	mach_msg_type_number_t no = 0, nports = 0, k;

	ck_assert_int_eq(default_pager_objects(dp, &objs, &no, &ports,
	    &nports), KERN_SUCCESS);
	for (k = 0; k < nports; k++)
		if (MACH_PORT_VALID(ports[k]))
			ck_assert_int_eq(mach_port_deallocate(SELF, ports[k]),
			    KERN_SUCCESS);
	(void)vm_deallocate(SELF, (vm_address_t)objs, no * sizeof(*objs));
	(void)vm_deallocate(SELF, (vm_address_t)ports,
	    nports * sizeof(*ports));
	return no;
}

/*
 * A default-pager object lives while a send right to it or a mapping
 * does: its last right gone, a mapping still reads its paged-out data;
 * its last mapping gone too, its store pages are free again and the
 * pager no longer lists it.  An object never mapped goes with its
 * right.
 */
START_TEST(default_pager_object_freed_with_last_use)
{
	mach_port_t dp = default_pager(), bs, mo, mo2;
	mach_port_type_t type;
	mach_msg_type_number_t n0;
	vm_address_t a;
	natural_t free0;

	ck_assert_int_eq(default_pager_backing_store_create(dp, 3, 0, &bs),
	    KERN_SUCCESS);
	ck_assert_int_eq(default_pager_add_segment(bs, MACH_PORT_NULL, 0, 8,
	    (int)PG), KERN_SUCCESS);
	free0 = store_free(bs, NULL);
	n0 = pager_objects(dp);

	/* Never mapped: gone with its only right. */
	ck_assert_int_eq(default_pager_object_create(dp, &mo2, PG),
	    KERN_SUCCESS);
	ck_assert_uint_eq(pager_objects(dp), n0 + 1);
	ck_assert_int_eq(mach_port_deallocate(SELF, mo2), KERN_SUCCESS);
	ck_assert_uint_eq(pager_objects(dp), n0);

	/* Mapped, paged out, its right dropped: the mapping keeps it. */
	ck_assert_int_eq(default_pager_object_create(dp, &mo, 2 * PG),
	    KERN_SUCCESS);
	a = map_object(mo, 2 * PG, 0);
	memset((char *)a, 'p', 2 * PG);
	ck_assert_int_eq(mach_port_deallocate(SELF, mo), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_type(SELF, mo, &type), KERN_INVALID_NAME);
	ck_assert_int_eq(vm_msync(SELF, a, 2 * PG, VM_SYNC_SYNCHRONOUS |
	    VM_SYNC_INVALIDATE), KERN_SUCCESS);
	ck_assert_uint_eq(store_free(bs, NULL) + 2, free0);
	ck_assert_uint_eq(pager_objects(dp), n0 + 1);
	ck_assert_int_eq(((volatile char *)a)[PG + 5], 'p');
	ck_assert_int_eq(vm_msync(SELF, a, 2 * PG, VM_SYNC_SYNCHRONOUS |
	    VM_SYNC_INVALIDATE), KERN_SUCCESS);
	ck_assert_uint_eq(store_free(bs, NULL) + 2, free0);
	/* The last mapping goes: so do its store pages and the object. */
	ck_assert_int_eq(vm_deallocate(SELF, a, 2 * PG), KERN_SUCCESS);
	ck_assert_uint_eq(store_free(bs, NULL), free0);
	ck_assert_uint_eq(pager_objects(dp), n0);

	ck_assert_int_eq(default_pager_backing_store_delete(bs), KERN_SUCCESS);
	(void)mach_port_deallocate(SELF, bs);
	(void)mach_port_deallocate(SELF, dp);
}
END_TEST

START_TEST(default_pager_errors)
{
	mach_port_t dp = default_pager(), bs, mo = MACH_PORT_NULL, x;
	struct backing_store_basic_info bi;
	mach_msg_type_number_t n;
	default_pager_info_t info;
	vm_address_t a = 0;

	/* Stores: priority, cluster size, not the pager's port. */
	ck_assert_int_eq(default_pager_backing_store_create(dp, 99, 0, &x),
	    KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(default_pager_backing_store_create(dp, -1, 0, &x),
	    KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(default_pager_backing_store_create(dp, 0, 3, &x),
	    KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(default_pager_backing_store_create(dp, 0, 4, &bs),
	    KERN_SUCCESS);
	ck_assert_int_eq(default_pager_backing_store_create(bs, 0, 0, &x),
	    KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(default_pager_backing_store_create(SELF, 0, 0, &x),
	    KERN_INVALID_ARGUMENT);	/* a task is no default pager */
	/* Segments: a device, a record size, a count, alignment, overlap. */
	ck_assert_int_eq(default_pager_add_segment(bs, SELF, 0, 4, (int)PG),
	    KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(default_pager_add_segment(bs, MACH_PORT_NULL, 0, 4,
	    3), KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(default_pager_add_segment(bs, MACH_PORT_NULL, 0, 4,
	    0), KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(default_pager_add_segment(bs, MACH_PORT_NULL, 0, 0,
	    (int)PG), KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(default_pager_add_segment(bs, MACH_PORT_NULL, 1, 8,
	    (int)(PG / 2)), KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(default_pager_add_segment(bs, MACH_PORT_NULL, 0, 3,
	    (int)(PG / 2)), KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(default_pager_add_segment(dp, MACH_PORT_NULL, 0, 4,
	    (int)PG), KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(default_pager_add_segment(bs, MACH_PORT_NULL, 2, 2,
	    (int)PG), KERN_SUCCESS);
	ck_assert_int_eq(default_pager_add_segment(bs, MACH_PORT_NULL, 3, 2,
	    (int)PG), KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(default_pager_add_segment(bs, MACH_PORT_NULL, 0, 2,
	    (int)PG), KERN_SUCCESS);
	/* Info: flavor, count, not a store. */
	n = BACKING_STORE_BASIC_INFO_COUNT;
	ck_assert_int_eq(default_pager_backing_store_info(bs, 2,
	    (backing_store_info_t)&bi, &n), KERN_INVALID_ARGUMENT);
	n = BACKING_STORE_BASIC_INFO_COUNT - 1;
	ck_assert_int_eq(default_pager_backing_store_info(bs,
	    BACKING_STORE_BASIC_INFO, (backing_store_info_t)&bi, &n),
	    KERN_INVALID_ARGUMENT);
	n = BACKING_STORE_BASIC_INFO_COUNT;
	ck_assert_int_eq(default_pager_backing_store_info(dp,
	    BACKING_STORE_BASIC_INFO, (backing_store_info_t)&bi, &n),
	    KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(default_pager_backing_store_info(bs,
	    BACKING_STORE_BASIC_INFO, (backing_store_info_t)&bi, &n),
	    KERN_SUCCESS);
	ck_assert_int_eq(bi.bs_pages_total, 4);
	ck_assert_int_eq(bi.bs_priority, 0);
	ck_assert_int_eq(bi.bs_clsize, 4);
	/* The pager's calls on a store's port, and the reverse. */
	ck_assert_int_eq(default_pager_info(bs, &info), KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(default_pager_object_create(bs, &mo, PG),
	    KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(default_pager_backing_store_delete(dp),
	    KERN_INVALID_ARGUMENT);
	/* Objects: mapped past their end. */
	ck_assert_int_eq(default_pager_object_create(dp, &mo, PG),
	    KERN_SUCCESS);
	ck_assert_int_eq(vm_map(SELF, &a, 2 * PG, 0, VM_FLAGS_ANYWHERE, mo,
	    0, FALSE, VM_PROT_DEFAULT, VM_PROT_DEFAULT, VM_INHERIT_NONE),
	    KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(vm_map(SELF, &a, PG, 0, VM_FLAGS_ANYWHERE, mo,
	    PG, FALSE, VM_PROT_DEFAULT, VM_PROT_DEFAULT, VM_INHERIT_NONE),
	    KERN_INVALID_ARGUMENT);
	/* The rest of the interface is not served yet. */
	ck_assert_int_eq(default_pager_triggers(dp, 0, 0, 0, MACH_PORT_NULL),
	    KERN_NOT_SUPPORTED);
	/* A file by vnode: the request (the pointer inline, as Apple's)
	   reaches the pager, which has no vnodes on Linux. */
	{
		int word = 0;

		ck_assert_int_eq(default_pager_add_file(bs, &word, 512,
		    PG), KERN_NOT_SUPPORTED);
	}
	/* A deleted store's port is dead. */
	ck_assert_int_eq(default_pager_backing_store_delete(bs), KERN_SUCCESS);
	ck_assert_int_eq(default_pager_backing_store_delete(bs),
	    MACH_SEND_INVALID_DEST);
	(void)mach_port_deallocate(SELF, bs);
	(void)mach_port_deallocate(SELF, mo);
	(void)mach_port_deallocate(SELF, dp);
}
END_TEST

/* ---- the default server ------------------------------------------------------------------- */

/* memory_object_default_server is libmach's: a request it serves with
   the default routine fails, so it reports the error; an id outside the
   subsystem is not its. */
START_TEST(default_server_exported)
{
	mig_reply_error_t rep;
	mach_msg_header_t req;

	memset(&req, 0, sizeof(req));
	req.msgh_id = 2260;
	req.msgh_size = sizeof(req);
	ck_assert(!memory_object_default_server(&req, &rep.Head));
	ck_assert_int_eq(rep.RetCode, MIG_BAD_ID);
	req.msgh_id = 2250;
	ck_assert(memory_object_default_server(&req, &rep.Head));
	ck_assert_int_eq(rep.RetCode, MIG_BAD_ARGUMENTS);
	req.msgh_id = 2210;
	ck_assert(!memory_object_server(&req, &rep.Head));
	/* Routines a program leaves out are libmach's defaults, which
	   fail so that the server destroys the request. */
	{
		mach_port_t out = MACH_PORT_NULL;

		ck_assert_int_eq(memory_object_create(MACH_PORT_NULL, PG,
		    &out), KERN_FAILURE);
		ck_assert_int_eq(memory_object_data_initialize(MACH_PORT_NULL,
		    MACH_PORT_NULL, 0, 0, 0), KERN_FAILURE);
	}
}
END_TEST

Suite *pager_suite(void)
{
	Suite *s = suite_create("pager");
	TCase *tc = kt_tcase("pager");

	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, external_pager_end_to_end);
	tcase_add_test(tc, external_pager_shared_mappings);
	tcase_add_test(tc, external_pager_one_answer_two_waiters);
	tcase_add_test(tc, external_pager_unavailable);
	tcase_add_test(tc, external_pager_kernel_copy_fails);
	tcase_add_test(tc, external_pager_attributes);
	tcase_add_test(tc, external_pager_lock_errors);
	tcase_add_test(tc, external_pager_destroy);
	tcase_add_test(tc, external_pager_data_error);
	tcase_add_test(tc, external_pager_wait_ends_with_task);
	tcase_add_test(tc, pager_map_and_upl_errors);
	tcase_add_test(tc, pager_upl_absent_pages);
	tcase_add_test(tc, default_pager_manager_lookup);
	tcase_add_test(tc, default_pager_paged_out_and_back);
	tcase_add_test(tc, default_pager_object_freed_with_last_use);
	tcase_add_test(tc, default_pager_errors);
	tcase_add_test(tc, default_server_exported);
	suite_add_tcase(s, tc);
	return s;
}
