/*
 * test_ledger.c - ledgers through the generated stubs: creation from a
 * parent with a limit, reading, transfers both ways, termination of a
 * subtree, the remote service ledger, each error, and a ledger's limit
 * refusing a task's allocation (every VM call that makes memory) with
 * the map left as it was, deallocation giving the room back.
 */
#include <pthread.h>
#include <string.h>
#include <unistd.h>

#include <mach/mach.h>
#include <mach/ledger.h>
#include <mach/mach_vm.h>
#include <machsim/machsim.h>

#include "../ksim_check.h"
#include "host_fixture.h"
#include "host_kernel.h"

Suite *ledger_suite(void);

#define SELF	mach_task_self()
#define PG	((vm_size_t)getpagesize())

static ledger_item_t balance_of(mach_port_t l)
{
	ledger_item_t balance = 1, limit = 1;

	ck_assert_int_eq(ledger_read(l, &balance, &limit), KERN_SUCCESS);
	return balance;
}

static ledger_item_t limit_of(mach_port_t l)
{
	ledger_item_t balance = 1, limit = 1;

	ck_assert_int_eq(ledger_read(l, &balance, &limit), KERN_SUCCESS);
	return limit;
}

/* A send right to the root ledger, as a program gets it (host_fixture.h). */
mach_port_t ktf_root_ledger(void)
{
	mach_port_t n = MACH_PORT_NULL, host = mach_host_self();

	ck_assert_int_eq(machsim_host_ledger(host, &n), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, host), KERN_SUCCESS);
	return n;
}

/* A child of parent with the given limit, paid for by parent. */
static mach_port_t child_ledger(mach_port_t parent, ledger_item_t limit)
{
	mach_port_t l = MACH_PORT_NULL;

	ck_assert_int_eq(ledger_create(parent, parent, &l, limit),
	    KERN_SUCCESS);
	ck_assert(MACH_PORT_VALID(l));
	return l;
}

static void drop(mach_port_t name)
{
	ck_assert_int_eq(mach_port_deallocate(SELF, name), KERN_SUCCESS);
}

/* The number of regions of a task's map, walked with vm_region. */
static unsigned regions_of(mach_port_t task)
{
	vm_region_basic_info_data_64_t info;
	mach_msg_type_number_t n;
	vm_address_t a = 0;
	vm_size_t size;
	mach_port_t obj;
	unsigned count = 0;

	for (;;) {
		n = VM_REGION_BASIC_INFO_COUNT_64;
		if (vm_region_64(task, &a, &size, VM_REGION_BASIC_INFO_64,
		    (vm_region_info_t)&info, &n, &obj) != KERN_SUCCESS)
			return count;
		count++;
		a += size;
	}
}

/*
 * machsim_host_ledger: the root, for the privileged host port only; one
 * more uref on the same name each time; every refusal leaves the space
 * as it was.
 */
START_TEST(root_from_the_privileged_port)
{
	mach_port_t host = mach_host_self(), name = MACH_PORT_NULL;
	mach_port_t root = MACH_PORT_NULL, again = MACH_PORT_NULL, l, rcv;
	mach_port_urefs_t refs = 0;
	vm_address_t ro = 0;

	ck_assert_int_eq(machsim_host_ledger(host, &root), KERN_SUCCESS);
	ck_assert_uint_eq(limit_of(root), LEDGER_ITEM_INFINITY);
	ck_assert_int_eq(machsim_host_ledger(host, &again), KERN_SUCCESS);
	ck_assert_uint_eq(again, root);
	ck_assert_int_eq(mach_port_get_refs(SELF, root, MACH_PORT_RIGHT_SEND,
	    &refs), KERN_SUCCESS);
	ck_assert_uint_eq(refs, 2);
	l = child_ledger(root, 4 * PG);
	ck_assert_uint_eq(limit_of(l), 4 * PG);
	ck_assert_int_eq(ledger_terminate(l), KERN_SUCCESS);
	drop(l);
	/* Refusals. */
	ck_assert_int_eq(host_get_host_port(host, &name), KERN_SUCCESS);
	again = 77;
	ck_assert_int_eq(machsim_host_ledger(name, &again), KERN_INVALID_HOST);
	ck_assert_int_eq(machsim_host_ledger(SELF, &again), KERN_INVALID_HOST);
	ck_assert_int_eq(machsim_host_ledger(root, &again), KERN_INVALID_HOST);
	ck_assert_uint_eq(again, MACH_PORT_NULL);
	ck_assert_int_eq(machsim_host_ledger(0x7e57, &again),
	    KERN_INVALID_NAME);
	ck_assert_int_eq(mach_port_allocate(SELF, MACH_PORT_RIGHT_RECEIVE,
	    &rcv), KERN_SUCCESS);
	ck_assert_int_eq(machsim_host_ledger(rcv, &again), KERN_INVALID_RIGHT);
	ck_assert_int_eq(machsim_host_ledger(host, NULL), KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(vm_allocate(SELF, &ro, PG, VM_FLAGS_ANYWHERE),
	    KERN_SUCCESS);
	ck_assert_int_eq(vm_protect(SELF, ro, PG, FALSE, VM_PROT_READ),
	    KERN_SUCCESS);
	ck_assert_int_eq(machsim_host_ledger(host, (mach_port_t *)ro),
	    KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(mach_port_get_refs(SELF, root, MACH_PORT_RIGHT_SEND,
	    &refs), KERN_SUCCESS);
	ck_assert_uint_eq(refs, 2);		/* nothing made */
	ck_assert_int_eq(vm_deallocate(SELF, ro, PG), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_mod_refs(SELF, rcv, MACH_PORT_RIGHT_RECEIVE,
	    -1), KERN_SUCCESS);
	drop(name);
	drop(root);
	drop(root);
	drop(host);
	ktf_ledger_verify();
}
END_TEST

START_TEST(create_and_read)
{
	mach_port_t root = ktf_root_ledger(), a, b;
	ledger_item_t root0 = balance_of(root), storage;

	ck_assert_uint_eq(limit_of(root), LEDGER_ITEM_INFINITY);
	a = child_ledger(root, 16 * PG);
	ck_assert_uint_eq(limit_of(a), 16 * PG);
	ck_assert_uint_eq(balance_of(a), 0);
	/* a pays b's limit and b's storage: its balance says how much. */
	b = child_ledger(a, 4 * PG);
	storage = balance_of(a) - 4 * PG;
	ck_assert_uint_gt(storage, 0);
	ck_assert_uint_lt(storage, PG);
	ck_assert_uint_eq(limit_of(b), 4 * PG);
	ck_assert_uint_eq(balance_of(root), root0 + 16 * PG + storage);
	/* A ledger other than the parent may pay for the storage. */
	{
		mach_port_t c = MACH_PORT_NULL;

		ck_assert_int_eq(ledger_create(a, b, &c, PG), KERN_SUCCESS);
		ck_assert_uint_eq(balance_of(b), storage);
		ck_assert_uint_eq(balance_of(a), 5 * PG + storage);
		ck_assert_int_eq(ledger_terminate(c), KERN_SUCCESS);
		ck_assert_uint_eq(balance_of(b), 0);
		drop(c);
	}
	ck_assert_int_eq(ledger_terminate(a), KERN_SUCCESS);
	ck_assert_uint_eq(balance_of(root), root0);
	drop(a);
	drop(b);
	drop(root);
}
END_TEST

START_TEST(create_errors)
{
	mach_port_t root = ktf_root_ledger(), a, z, l = 77;

	a = child_ledger(root, 4 * PG);
	ck_assert_int_eq(ledger_create(MACH_PORT_NULL, root, &l, 0),
	    MACH_SEND_INVALID_DEST);
	/* Not a ledger: the payer converts to null; the request sent to a
	   task port is not a ledger request at all. */
	ck_assert_int_eq(ledger_create(root, MACH_PORT_NULL, &l, 0),
	    KERN_INVALID_LEDGER);
	ck_assert_int_eq(ledger_create(root, SELF, &l, 0),
	    KERN_INVALID_LEDGER);
	/* Sent to a task: the routine finds no ledger there. */
	ck_assert_int_eq(ledger_create(SELF, root, &l, 0),
	    KERN_INVALID_LEDGER);
	/* More than the parent has left, or a negative amount. */
	ck_assert_int_eq(ledger_create(a, a, &l, 4 * PG),
	    KERN_RESOURCE_SHORTAGE);
	ck_assert_int_eq(ledger_create(a, a, &l, 0x80000000u),
	    KERN_INVALID_VALUE);
	/* A payer with nothing left cannot pay for the storage. */
	z = child_ledger(root, 0);
	ck_assert_int_eq(ledger_create(root, z, &l, 0),
	    KERN_RESOURCE_SHORTAGE);
	ck_assert_uint_eq(l, 77);
	ck_assert_uint_eq(balance_of(z), 0);
	ck_assert_uint_eq(balance_of(a), 0);
	/* A terminated ledger: its name is dead. */
	ck_assert_int_eq(ledger_terminate(z), KERN_SUCCESS);
	ck_assert_int_eq(ledger_create(root, z, &l, 0), KERN_INVALID_LEDGER);
	ck_assert_int_eq(ledger_create(z, root, &l, 0),
	    MACH_SEND_INVALID_DEST);
	ck_assert_int_eq(ledger_terminate(a), KERN_SUCCESS);
	drop(a);
	drop(z);
	drop(root);
}
END_TEST

START_TEST(transfer)
{
	mach_port_t root = ktf_root_ledger(), a, b, c;

	a = child_ledger(root, 8 * PG);
	b = child_ledger(a, 2 * PG);
	c = child_ledger(root, PG);
	ck_assert_int_eq(ledger_transfer(a, b, 3 * PG), KERN_SUCCESS);
	ck_assert_uint_eq(limit_of(b), 5 * PG);
	ck_assert_int_eq(ledger_transfer(a, b, 0), KERN_SUCCESS);
	/* Back up: a negative amount. */
	ck_assert_int_eq(ledger_transfer(a, b, (ledger_item_t)-(integer_t)PG),
	    KERN_SUCCESS);
	ck_assert_uint_eq(limit_of(b), 4 * PG);
	/* a has 8 - 4 - b's storage left: 4 pages is too much. */
	ck_assert_int_eq(ledger_transfer(a, b, 4 * PG),
	    KERN_RESOURCE_SHORTAGE);
	ck_assert_int_eq(ledger_transfer(a, b,
	    (ledger_item_t)-(integer_t)(5 * PG)), KERN_RESOURCE_SHORTAGE);
	ck_assert_uint_eq(limit_of(b), 4 * PG);
	/* Only between a parent and its own child. */
	ck_assert_int_eq(ledger_transfer(root, b, PG), KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(ledger_transfer(b, a, PG), KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(ledger_transfer(a, c, PG), KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(ledger_transfer(a, MACH_PORT_NULL, PG),
	    KERN_INVALID_LEDGER);
	ck_assert_int_eq(ledger_transfer(MACH_PORT_NULL, b, PG),
	    MACH_SEND_INVALID_DEST);
	/* From the root, without limit. */
	ck_assert_int_eq(ledger_transfer(root, c, 1000 * PG), KERN_SUCCESS);
	ck_assert_uint_eq(limit_of(c), 1001 * PG);
	ck_assert_int_eq(ledger_terminate(a), KERN_SUCCESS);
	ck_assert_int_eq(ledger_terminate(c), KERN_SUCCESS);
	drop(a);
	drop(b);
	drop(c);
	drop(root);
}
END_TEST

START_TEST(terminate)
{
	mach_port_t root = ktf_root_ledger(), a, b, c, l;
	ledger_item_t root0 = balance_of(root), bal, lim;

	a = child_ledger(root, 8 * PG);
	b = child_ledger(a, 2 * PG);
	c = child_ledger(b, PG);
	/* A subtree goes with its root; the limit goes back up. */
	ck_assert_int_eq(ledger_terminate(b), KERN_SUCCESS);
	ck_assert_uint_eq(balance_of(a), 0);
	ck_assert_int_eq(ledger_read(b, &bal, &lim), MACH_SEND_INVALID_DEST);
	ck_assert_int_eq(ledger_read(c, &bal, &lim), MACH_SEND_INVALID_DEST);
	ck_assert_int_eq(ledger_terminate(c), MACH_SEND_INVALID_DEST);
	ck_assert_int_eq(ledger_create(a, a, &l, PG * 9), KERN_RESOURCE_SHORTAGE);
	/* The root stays. */
	ck_assert_int_eq(ledger_terminate(root), KERN_INVALID_LEDGER);
	ck_assert_int_eq(ledger_terminate(a), KERN_SUCCESS);
	ck_assert_uint_eq(balance_of(root), root0);
	ck_assert_int_eq(ledger_read(MACH_PORT_NULL, &bal, &lim),
	    MACH_SEND_INVALID_DEST);
	drop(a);
	drop(b);
	drop(c);
	drop(root);
}
END_TEST

START_TEST(remote)
{
	mach_port_t root = ktf_root_ledger(), a, b, s = 77;

	a = child_ledger(root, PG);
	b = child_ledger(root, PG);
	ck_assert_int_eq(ledger_get_remote(a, mach_host_self(), &s),
	    KERN_SUCCESS);
	ck_assert_uint_eq(s, MACH_PORT_NULL);
	ck_assert_int_eq(ledger_set_remote(a, b), KERN_SUCCESS);
	ck_assert_int_eq(ledger_get_remote(a, mach_host_self(), &s),
	    KERN_SUCCESS);
	ck_assert_uint_eq(s, b);	/* the same port, the same name */
	drop(s);
	/* Replaced, then errors. */
	ck_assert_int_eq(ledger_set_remote(a, root), KERN_SUCCESS);
	ck_assert_int_eq(ledger_get_remote(a, mach_host_self(), &s),
	    KERN_SUCCESS);
	ck_assert_uint_eq(s, root);
	drop(s);
	ck_assert_int_eq(ledger_set_remote(a, MACH_PORT_NULL),
	    KERN_INVALID_LEDGER);
	ck_assert_int_eq(ledger_set_remote(a, SELF), KERN_INVALID_LEDGER);
	ck_assert_int_eq(ledger_get_remote(a, MACH_PORT_NULL, &s),
	    KERN_INVALID_HOST);
	ck_assert_int_eq(ledger_get_remote(MACH_PORT_NULL, mach_host_self(),
	    &s), MACH_SEND_INVALID_DEST);
	ck_assert_int_eq(ledger_terminate(b), KERN_SUCCESS);
	ck_assert_int_eq(ledger_set_remote(a, b), KERN_INVALID_LEDGER);
	ck_assert_int_eq(ledger_terminate(a), KERN_SUCCESS);
	drop(a);
	drop(b);
	drop(root);
}
END_TEST

/*
 * A task created with a ledger of 4 pages: each call that makes memory
 * is refused past the limit with KERN_RESOURCE_SHORTAGE, the map as it
 * was; deallocation gives the room back.
 */
START_TEST(limit_refuses_allocation)
{
	mach_port_t root = ktf_root_ledger(), l, child = MACH_PORT_NULL;
	vm_address_t a = 0, b = 0, c = 0, fixed;
	mach_vm_address_t m = 0;
	vm_prot_t cur, max;
	unsigned n;

	l = child_ledger(root, 4 * PG);
	ck_assert_int_eq(task_create(SELF, &l, 1, FALSE, &child),
	    KERN_SUCCESS);
	ck_assert(ktf_task_charged_to(child, l));
	ck_assert_int_eq(vm_allocate(child, &a, 3 * PG, VM_FLAGS_ANYWHERE),
	    KERN_SUCCESS);
	ck_assert_uint_eq(balance_of(l), 3 * PG);
	n = regions_of(child);
	ck_assert_int_eq(vm_allocate(child, &b, 2 * PG, VM_FLAGS_ANYWHERE),
	    KERN_RESOURCE_SHORTAGE);
	ck_assert_int_eq(mach_vm_allocate(child, &m, 2 * PG,
	    VM_FLAGS_ANYWHERE), KERN_RESOURCE_SHORTAGE);
	ck_assert_int_eq(vm_map(child, &b, 2 * PG, 0, VM_FLAGS_ANYWHERE,
	    MACH_PORT_NULL, 0, FALSE, VM_PROT_DEFAULT, VM_PROT_ALL,
	    VM_INHERIT_DEFAULT), KERN_RESOURCE_SHORTAGE);
	/* FIXED, at a free address of ours */
	fixed = 0;
	ck_assert_int_eq(vm_allocate(SELF, &fixed, 2 * PG, VM_FLAGS_ANYWHERE),
	    KERN_SUCCESS);
	ck_assert_int_eq(vm_deallocate(SELF, fixed, 2 * PG), KERN_SUCCESS);
	ck_assert_int_eq(vm_allocate(child, &fixed, 2 * PG, VM_FLAGS_FIXED),
	    KERN_RESOURCE_SHORTAGE);
	/* Our memory remapped into the child counts too. */
	ck_assert_int_eq(vm_allocate(SELF, &c, 2 * PG, VM_FLAGS_ANYWHERE),
	    KERN_SUCCESS);
	b = 0;
	ck_assert_int_eq(vm_remap(child, &b, 2 * PG, 0, VM_FLAGS_ANYWHERE,
	    SELF, c, TRUE, &cur, &max, VM_INHERIT_DEFAULT),
	    KERN_RESOURCE_SHORTAGE);
	ck_assert_uint_eq(regions_of(child), n);
	ck_assert_uint_eq(balance_of(l), 3 * PG);
	/* Exactly to the limit, then one page more. */
	b = 0;
	ck_assert_int_eq(vm_remap(child, &b, PG, 0, VM_FLAGS_ANYWHERE,
	    SELF, c, TRUE, &cur, &max, VM_INHERIT_DEFAULT), KERN_SUCCESS);
	ck_assert_uint_eq(balance_of(l), 4 * PG);
	ck_assert_int_eq(vm_allocate(child, &b, PG, VM_FLAGS_ANYWHERE),
	    KERN_RESOURCE_SHORTAGE);
	/* Deallocation credits the ledger. */
	ck_assert_int_eq(vm_deallocate(child, a, 2 * PG), KERN_SUCCESS);
	ck_assert_uint_eq(balance_of(l), 2 * PG);
	ck_assert_int_eq(mach_vm_allocate(child, &m, 2 * PG,
	    VM_FLAGS_ANYWHERE), KERN_SUCCESS);
	ck_assert_uint_eq(balance_of(l), 4 * PG);
	/* More limit, more room. */
	ck_assert_int_eq(ledger_transfer(root, l, PG), KERN_SUCCESS);
	b = 0;
	ck_assert_int_eq(vm_allocate(child, &b, PG, VM_FLAGS_ANYWHERE),
	    KERN_SUCCESS);
	/* The task's end gives all of it back. */
	ck_assert_int_eq(task_terminate(child), KERN_SUCCESS);
	ck_assert_uint_eq(balance_of(l), 0);
	ck_assert_int_eq(vm_deallocate(SELF, c, 2 * PG), KERN_SUCCESS);
	ck_assert_int_eq(ledger_terminate(l), KERN_SUCCESS);
	drop(child);
	drop(l);
	drop(root);
}
END_TEST

/* Run in a task whose ledger holds one page: read its page back out of
   line; the reply's memory would be a second page. */
struct ool_probe {
	kern_return_t	alloc, read;
	vm_address_t	data;
};

static void *read_own_page(void *arg)
{
	struct ool_probe *p = arg;
	mach_msg_type_number_t n = 0;
	vm_offset_t data = 0;
	vm_address_t a = 0;

	p->alloc = vm_allocate(SELF, &a, PG, VM_FLAGS_ANYWHERE);
	p->read = vm_read(SELF, a, PG, &data, &n);
	p->data = data;
	return NULL;
}

/* Memory received out of line is charged to the receiver's ledger. */
START_TEST(limit_refuses_ool_reply)
{
	mach_port_t root = ktf_root_ledger(), l, child = MACH_PORT_NULL;
	struct ool_probe probe = { 77, 77, 77 };
	pthread_t pt;

	l = child_ledger(root, PG);
	ck_assert_int_eq(task_create(SELF, &l, 1, FALSE, &child),
	    KERN_SUCCESS);
	ck_assert_int_eq(machsim_thread_spawn(child, read_own_page, &probe,
	    &pt), KERN_SUCCESS);
	pthread_join(pt, NULL);
	ck_assert_int_eq(probe.alloc, KERN_SUCCESS);
	ck_assert_int_eq(probe.read, MACH_RCV_BODY_ERROR | MACH_MSG_VM_SPACE);
	ck_assert_uint_eq(probe.data, 0);
	ck_assert_uint_eq(balance_of(l), PG);
	ck_assert_uint_eq(regions_of(child), 1);
	ck_assert_int_eq(task_terminate(child), KERN_SUCCESS);
	ck_assert_int_eq(ledger_terminate(l), KERN_SUCCESS);
	drop(child);
	drop(l);
	drop(root);
}
END_TEST

/*
 * inherit_memory: what the child inherits is charged to its ledger; a
 * region that does not fit is left out (8.3 as far as the ledger goes).
 */
START_TEST(inherit_within_limit)
{
	mach_port_t root = ktf_root_ledger(), small, big, parent = 0;
	mach_port_t child = MACH_PORT_NULL;
	vm_address_t a = 0;

	small = child_ledger(root, 2 * PG);
	big = child_ledger(root, 4 * PG);
	ck_assert_int_eq(task_create(SELF, NULL, 0, FALSE, &parent),
	    KERN_SUCCESS);
	ck_assert_int_eq(vm_allocate(parent, &a, 3 * PG, VM_FLAGS_ANYWHERE),
	    KERN_SUCCESS);
	ck_assert_int_eq(task_create(parent, &small, 1, TRUE, &child),
	    KERN_SUCCESS);
	ck_assert_uint_eq(regions_of(child), 0);
	ck_assert_uint_eq(balance_of(small), 0);
	ck_assert_int_eq(task_terminate(child), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, child), KERN_SUCCESS);
	ck_assert_int_eq(task_create(parent, &big, 1, TRUE, &child),
	    KERN_SUCCESS);
	ck_assert_uint_eq(regions_of(child), 1);
	ck_assert_uint_eq(balance_of(big), 3 * PG);
	ck_assert_int_eq(task_terminate(child), KERN_SUCCESS);
	ck_assert_int_eq(task_terminate(parent), KERN_SUCCESS);
	ck_assert_int_eq(ledger_terminate(small), KERN_SUCCESS);
	ck_assert_int_eq(ledger_terminate(big), KERN_SUCCESS);
	drop(child);
	drop(parent);
	drop(small);
	drop(big);
	drop(root);
}
END_TEST

/* Children made without ledgers are charged to their parent's. */
START_TEST(inherited_and_terminated)
{
	mach_port_t root = ktf_root_ledger(), l, child = MACH_PORT_NULL;
	mach_port_t grandchild = MACH_PORT_NULL;
	vm_address_t a = 0;

	l = child_ledger(root, 2 * PG);
	ck_assert_int_eq(task_create(SELF, &l, 1, FALSE, &child),
	    KERN_SUCCESS);
	ck_assert_int_eq(task_create(child, NULL, 0, FALSE, &grandchild),
	    KERN_SUCCESS);
	ck_assert(ktf_task_charged_to(grandchild, l));
	ck_assert_int_eq(vm_allocate(grandchild, &a, 2 * PG,
	    VM_FLAGS_ANYWHERE), KERN_SUCCESS);
	ck_assert_int_eq(vm_allocate(child, &a, PG, VM_FLAGS_ANYWHERE),
	    KERN_RESOURCE_SHORTAGE);
	ck_assert_uint_eq(balance_of(l), 2 * PG);
	/* The ledger ends: its tasks are charged to its parent, the root. */
	ck_assert_int_eq(ledger_terminate(l), KERN_SUCCESS);
	ck_assert(ktf_task_charged_to(child, root));
	ck_assert_int_eq(vm_allocate(child, &a, PG, VM_FLAGS_ANYWHERE),
	    KERN_SUCCESS);
	ck_assert_int_eq(task_terminate(grandchild), KERN_SUCCESS);
	ck_assert_int_eq(task_terminate(child), KERN_SUCCESS);
	drop(grandchild);
	drop(child);
	drop(l);
	drop(root);
}
END_TEST

START_TEST(task_create_errors)
{
	mach_port_t root = ktf_root_ledger(), l, child = 77, two[2];

	l = child_ledger(root, PG);
	two[0] = l;
	two[1] = l;
	ck_assert_int_eq(task_create(SELF, two, 2, FALSE, &child),
	    KERN_INVALID_ARGUMENT);
	two[0] = SELF;
	ck_assert_int_eq(task_create(SELF, two, 1, FALSE, &child),
	    KERN_INVALID_LEDGER);
	ck_assert_int_eq(ledger_terminate(l), KERN_SUCCESS);
	ck_assert_int_eq(task_create(SELF, &l, 1, FALSE, &child),
	    KERN_INVALID_LEDGER);
	ck_assert_uint_eq(child, 77);
	drop(l);
	drop(root);
}
END_TEST

Suite *ledger_suite(void)
{
	Suite *s = suite_create("ledger");
	TCase *tc = kt_tcase("ledger");

	tcase_add_checked_fixture(tc, NULL, ktf_ledger_verify);

	tcase_add_test(tc, root_from_the_privileged_port);
	tcase_add_test(tc, create_and_read);
	tcase_add_test(tc, create_errors);
	tcase_add_test(tc, transfer);
	tcase_add_test(tc, terminate);
	tcase_add_test(tc, remote);
	tcase_add_test(tc, limit_refuses_allocation);
	tcase_add_test(tc, limit_refuses_ool_reply);
	tcase_add_test(tc, inherit_within_limit);
	tcase_add_test(tc, inherited_and_terminated);
	tcase_add_test(tc, task_create_errors);
	host_kernel_ledger_tests(tc);
	suite_add_tcase(s, tc);
	return s;
}
