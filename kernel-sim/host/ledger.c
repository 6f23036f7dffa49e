/*
 * ledger.c - ledgers: limits on the memory tasks may map, handed down a
 * tree (ledger.defs; <ksim/ledger.h> states the accounting).
 *
 *        root (unlimited, the bootstrap task's)
 *          | ledger_create(root, payer, &a, 64 KiB): root.spent += 64 KiB
 *          a  limit 64 KiB, balance = a.spent + bytes its tasks map
 *          | ledger_create(a, payer, &b, 16 KiB):   a.spent += 16 KiB
 *          b  limit 16 KiB
 *
 * A child's limit is paid out of its parent's, so each allocation only
 * has to fit in the ledger of the task that makes it: the ancestors
 * already hold what they gave.  Every amount is in bytes.  A finite
 * limit is at most what ledger_item_t (32 bits) can say per transfer,
 * but grows with each transfer; balances above 32 bits read as
 * LEDGER_ITEM_INFINITY - 1.
 *
 * The semantics, as machsim keeps them (the reference's ledger pages
 * give no more than each call's purpose):
 *   ledger_create(parent, payer, &new, transfer): a child of parent
 *	whose limit is transfer, taken from parent; payer is charged the
 *	new ledger's kernel storage.  Either unable to pay:
 *	KERN_RESOURCE_SHORTAGE.  transfer above INT32_MAX (a negative
 *	integer_t on the wire): KERN_INVALID_VALUE.
 *   ledger_transfer(parent, child, n): n > 0 moves n from parent's
 *	unspent limit to child's limit; n < 0 (integer_t) moves back from
 *	the child's unspent limit.  Not enough unspent:
 *	KERN_RESOURCE_SHORTAGE.  child not parent's child:
 *	KERN_INVALID_ARGUMENT.
 *   ledger_terminate(l): l's children are terminated first; its tasks
 *	are charged to its parent from then on, its limit goes back to
 *	the parent, its storage charge to its payer, and its port dies.
 *	The root cannot be terminated: KERN_INVALID_LEDGER.
 *   ledger_read(l, &balance, &limit); the root's limit reads
 *	LEDGER_ITEM_INFINITY.
 *   ledger_set_remote(l, service) / ledger_get_remote(l, host, &s): the
 *	ledger service this ledger answers to on another host (multi-
 *	computer Mach).  machsim has one host: set records the service
 *	ledger, get returns it (MACH_PORT_NULL if none) for any valid
 *	host.
 * A null, dead or terminated ledger anywhere: KERN_INVALID_LEDGER.
 *
 * How a program gets its first ledger: classic Mach gave each task's
 * ledgers as task special ports 5 and 6, numbers Darwin has since given
 * to TASK_INSPECT_PORT and TASK_READ_PORT.  machsim hands the root out
 * through machsim_host_ledger, to holders of the privileged host port;
 * a task created with ledgers is charged to the first.
 * Conditions throughout: the kernel lock (taken here when not held).
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>

#include <ksim/ipc.h>
#include <ksim/kern.h>
#include <ksim/ledger.h>
#include <ksim/mig_convert.h>
#include <ksim/traps.h>
#include <ksim/vm.h>

#include <kernel/ledgerServer.h>

static ledger_t root_ledger;

/* ---- the objects --------------------------------------------------------------- */

void ledger_reference(ledger_t ledger)
{
	ledger->l_refs++;
}

void ledger_deallocate(ledger_t ledger)
{
	ledger_t parent, payer;

	while (ledger != NULL && --ledger->l_refs == 0) {
		parent = ledger->l_parent;
		payer = ledger->l_payer;
		free(ledger);
		if (payer != NULL)
			ledger_deallocate(payer);
		ledger = parent;
	}
}

static ledger_t ledger_alloc(ledger_t parent, ledger_t payer, uint64_t limit)
{
	ledger_t l = calloc(1, sizeof(*l));

	if (l == NULL)
		abort();
	l->l_refs = 1;			/* its own, until terminated */
	l->l_active = true;
	l->l_limit = limit;
	TAILQ_INIT(&l->l_children);
	TAILQ_INIT(&l->l_tasks);
	l->l_parent = parent;
	if (parent != NULL) {
		ledger_reference(parent);
		TAILQ_INSERT_TAIL(&parent->l_children, l, l_sibling);
	}
	l->l_payer = payer;
	if (payer != NULL)
		ledger_reference(payer);
	l->l_port = ipc_kobject_alloc_port(l, IKOT_LEDGER);
	return l;
}

/* The root: made on first use (task_boot charges the bootstrap task). */
ledger_t ledger_root(void)
{
	KSIM_ASSERT_LOCKED();
	if (root_ledger == NULL)
		root_ledger = ledger_alloc(NULL, NULL, LEDGER_UNLIMITED);
	return root_ledger;
}

uint64_t ledger_balance(ledger_t ledger)
{
	uint64_t sum = ledger->l_spent;
	task_t task;

	TAILQ_FOREACH(task, &ledger->l_tasks, ledger_link)
		if (task->map != NULL)
			sum += task->map->mapped_bytes;
	return sum;
}

/* Unspent limit: what the ledger may still give or let its tasks map. */
static uint64_t ledger_unspent(ledger_t ledger)
{
	uint64_t balance;

	if (ledger->l_limit == LEDGER_UNLIMITED)
		return LEDGER_UNLIMITED;
	balance = ledger_balance(ledger);
	return balance >= ledger->l_limit ? 0 : ledger->l_limit - balance;
}

ledger_t ledger_lookup_name(mach_port_name_t name)
{
	ledger_t l = ipc_kobject_lookup(name, IKOT_LEDGER);

	return l != NULL && l->l_active ? l : NULL;
}

void ledger_task_set(task_t task, ledger_t ledger)
{
	KSIM_ASSERT_LOCKED();
	if (task->ledger != NULL) {
		TAILQ_REMOVE(&task->ledger->l_tasks, task, ledger_link);
		ledger_deallocate(task->ledger);
	}
	task->ledger = ledger;
	if (ledger != NULL) {
		ledger_reference(ledger);
		TAILQ_INSERT_TAIL(&ledger->l_tasks, task, ledger_link);
	}
}

bool ledger_vm_admit(struct vm_map *map, vm_size_t size)
{
	ledger_t l;

	KSIM_ASSERT_LOCKED();
	if (map == NULL || map->task == TASK_NULL ||
	    (l = map->task->ledger) == NULL)
		return true;
	return ledger_unspent(l) >= size;
}

static bool ledger_verify_one(ledger_t l, char *why, size_t len)
{
	uint64_t given = 0;
	ledger_t c;
	task_t t;

#define FAIL(...)	do { snprintf(why, len, __VA_ARGS__); return false; } \
	while (0)
	if (!l->l_active || l->l_refs < 1 || l->l_port == IP_NULL)
		FAIL("ledger %p: inactive or unreferenced in the tree",
		    (void *)l);
	if (l->l_parent != NULL && l->l_limit == LEDGER_UNLIMITED)
		FAIL("ledger %p: unlimited under a parent", (void *)l);
	TAILQ_FOREACH(t, &l->l_tasks, ledger_link)
		if (t->ledger != l || !t->active)
			FAIL("ledger %p: task %p charged elsewhere or dead",
			    (void *)l, (void *)t);
	TAILQ_FOREACH(c, &l->l_children, l_sibling) {
		if (c->l_parent != l)
			FAIL("ledger %p: child %p names another parent",
			    (void *)l, (void *)c);
		given += c->l_limit;
		if (!ledger_verify_one(c, why, len))
			return false;
	}
	if (given > l->l_spent)
		FAIL("ledger %p: gave %llu, spent only %llu", (void *)l,
		    (unsigned long long)given,
		    (unsigned long long)l->l_spent);
#undef FAIL
	return true;
}

bool ledger_verify(char *why, size_t len)
{
	KSIM_ASSERT_LOCKED();
	return ledger_verify_one(ledger_root(), why, len);
}

/* A 64-bit amount as a ledger_item_t answer. */
static ledger_item_t ledger_item(uint64_t v)
{
	if (v == LEDGER_UNLIMITED)
		return LEDGER_ITEM_INFINITY;
	return v >= LEDGER_ITEM_INFINITY ? LEDGER_ITEM_INFINITY - 1 :
	    (ledger_item_t)v;
}

/* ---- KernelServer translations (<ksim/mig_convert.h>) ------------------------ */

/*
 * No reference is taken: ledger_t has no destructor in the defs, and
 * the demuxer runs under the kernel lock, which a terminate would need.
 */
ledger_t convert_port_to_ledger(mach_port_t name)
{
	ledger_t ledger;

	ksim_lock();
	ledger = ledger_lookup_name(name);
	ksim_unlock();
	return ledger;
}

/* Consumes a reference. */
mach_port_t convert_ledger_to_port(ledger_t ledger)
{
	mach_port_t name;

	if (ledger == NULL)
		return MACH_PORT_NULL;
	ksim_lock();
	name = ledger->l_active ? ipc_kobject_reply_send(ledger->l_port) :
	    MACH_PORT_NULL;
	ledger_deallocate(ledger);
	ksim_unlock();
	return name;
}

/* ---- ledger.defs ------------------------------------------------------------------ */

static bool ledger_usable(ledger_t ledger)
{
	return ledger != NULL && ledger->l_active;
}

/* Can a pay give and b pay storage (a and b possibly the same)? */
static bool ledger_can_pay(ledger_t a, uint64_t give, ledger_t b,
    uint64_t storage)
{
	if (a == b)
		return ledger_unspent(a) >= give + storage;
	return ledger_unspent(a) >= give && ledger_unspent(b) >= storage;
}

/*
 * Routine:	ksim_ledger_create (5000)
 * Purpose:	A child of parent_ledger with limit transfer, paid by the
 *		parent; ledger_ledger pays for its storage.
 * Returns:	KERN_SUCCESS with a reference in *new_ledger;
 *		KERN_INVALID_LEDGER (either ledger null or terminated);
 *		KERN_INVALID_VALUE (transfer negative as integer_t);
 *		KERN_RESOURCE_SHORTAGE (the parent cannot give transfer,
 *		or the payer cannot pay the storage); nothing changes on
 *		an error.
 */
kern_return_t ksim_ledger_create(ledger_t parent_ledger,
    ledger_t ledger_ledger, ledger_t *new_ledger, ledger_item_t transfer)
{
	const uint64_t storage = sizeof(struct ledger);
	uint64_t give = transfer;
	kern_return_t kr = KERN_SUCCESS;
	ledger_t l;

	if (new_ledger == NULL)
		return KERN_INVALID_ARGUMENT;
	ksim_lock();
	if (!ledger_usable(parent_ledger) || !ledger_usable(ledger_ledger))
		kr = KERN_INVALID_LEDGER;
	else if ((integer_t)transfer < 0)
		kr = KERN_INVALID_VALUE;
	else if (!ledger_can_pay(parent_ledger, give, ledger_ledger, storage))
		kr = KERN_RESOURCE_SHORTAGE;
	if (kr == KERN_SUCCESS) {
		l = ledger_alloc(parent_ledger, ledger_ledger, give);
		parent_ledger->l_spent += give;
		ledger_ledger->l_spent += storage;
		ledger_reference(l);		/* the caller's */
		*new_ledger = l;
	}
	ksim_unlock();
	return kr;
}

/* Terminate l and, first, its children.  Kernel locked. */
static void ledger_terminate_tree(ledger_t l)
{
	ledger_t parent = l->l_parent, child;
	task_t task;

	while ((child = TAILQ_FIRST(&l->l_children)) != NULL)
		ledger_terminate_tree(child);
	while ((task = TAILQ_FIRST(&l->l_tasks)) != NULL)
		ledger_task_set(task, parent);
	l->l_active = false;
	TAILQ_REMOVE(&parent->l_children, l, l_sibling);
	parent->l_spent -= l->l_limit;
	if (l->l_payer->l_active)
		l->l_payer->l_spent -= sizeof(struct ledger);
	if (l->l_remote != NULL) {
		ledger_deallocate(l->l_remote);
		l->l_remote = NULL;
	}
	ipc_kobject_destroy_port(l->l_port);
	l->l_port = IP_NULL;
	ledger_deallocate(l);		/* its own */
}

/*
 * Routine:	ksim_ledger_terminate (5001)
 * Purpose:	Destroy a ledger and its subtree (see the file comment).
 * Returns:	KERN_SUCCESS; KERN_INVALID_LEDGER (null, terminated, the
 *		root).
 */
kern_return_t ksim_ledger_terminate(ledger_t ledger)
{
	kern_return_t kr = KERN_SUCCESS;

	ksim_lock();
	if (!ledger_usable(ledger) || ledger->l_parent == NULL)
		kr = KERN_INVALID_LEDGER;
	else
		ledger_terminate_tree(ledger);
	ksim_unlock();
	return kr;
}

/*
 * Routine:	ksim_ledger_transfer (5002)
 * Purpose:	Move limit between a parent and one of its children; a
 *		negative transfer (as integer_t) moves it back up.
 * Returns:	KERN_SUCCESS; KERN_INVALID_LEDGER; KERN_INVALID_ARGUMENT
 *		(child_ledger is not parent_ledger's child);
 *		KERN_RESOURCE_SHORTAGE (the giver's unspent limit is too
 *		small); nothing changes on an error.
 */
kern_return_t ksim_ledger_transfer(ledger_t parent_ledger,
    ledger_t child_ledger, ledger_item_t transfer)
{
	int64_t n = (integer_t)transfer;
	kern_return_t kr = KERN_SUCCESS;

	ksim_lock();
	if (!ledger_usable(parent_ledger) || !ledger_usable(child_ledger))
		kr = KERN_INVALID_LEDGER;
	else if (child_ledger->l_parent != parent_ledger)
		kr = KERN_INVALID_ARGUMENT;
	else if (n > 0 && ledger_unspent(parent_ledger) < (uint64_t)n)
		kr = KERN_RESOURCE_SHORTAGE;
	else if (n < 0 && ledger_unspent(child_ledger) < (uint64_t)-n)
		kr = KERN_RESOURCE_SHORTAGE;
	if (kr == KERN_SUCCESS) {
		child_ledger->l_limit += (uint64_t)n;	/* wraps back for n < 0 */
		parent_ledger->l_spent += (uint64_t)n;
	}
	ksim_unlock();
	return kr;
}

/*
 * Routine:	ksim_ledger_read (5003)
 * Purpose:	The ledger's balance and limit.
 * Returns:	KERN_SUCCESS; KERN_INVALID_LEDGER.
 */
kern_return_t ksim_ledger_read(ledger_t ledger, ledger_item_t *balance,
    ledger_item_t *limit)
{
	kern_return_t kr = KERN_SUCCESS;

	if (balance == NULL || limit == NULL)
		return KERN_INVALID_ARGUMENT;
	ksim_lock();
	if (!ledger_usable(ledger)) {
		kr = KERN_INVALID_LEDGER;
	} else {
		*balance = ledger_item(ledger_balance(ledger));
		*limit = ledger_item(ledger->l_limit);
	}
	ksim_unlock();
	return kr;
}

/*
 * Routine:	ksim_ledger_get_remote (5004)
 * Purpose:	The service ledger set for ledger with ledger_set_remote;
 *		machsim has one host, so any valid host is it.
 * Returns:	KERN_SUCCESS with a reference in *service_ledger, or NULL
 *		when none is set; KERN_INVALID_LEDGER; KERN_INVALID_HOST
 *		(null host).
 */
kern_return_t ksim_ledger_get_remote(ledger_t ledger, host_t host,
    ledger_t *service_ledger)
{
	kern_return_t kr = KERN_SUCCESS;

	if (service_ledger == NULL)
		return KERN_INVALID_ARGUMENT;
	ksim_lock();
	if (!ledger_usable(ledger)) {
		kr = KERN_INVALID_LEDGER;
	} else if (host == HOST_NULL) {
		kr = KERN_INVALID_HOST;
	} else {
		*service_ledger = ledger->l_remote;
		if (ledger->l_remote != NULL)
			ledger_reference(ledger->l_remote);
	}
	ksim_unlock();
	return kr;
}

/*
 * Routine:	ksim_ledger_set_remote (5005)
 * Purpose:	Record service_ledger as the ledger's remote service
 *		ledger, replacing the one set before.
 * Returns:	KERN_SUCCESS; KERN_INVALID_LEDGER (either ledger null or
 *		terminated).
 */
kern_return_t ksim_ledger_set_remote(ledger_t ledger, ledger_t service_ledger)
{
	kern_return_t kr = KERN_SUCCESS;

	ksim_lock();
	if (!ledger_usable(ledger) || !ledger_usable(service_ledger)) {
		kr = KERN_INVALID_LEDGER;
	} else {
		ledger_reference(service_ledger);
		if (ledger->l_remote != NULL)
			ledger_deallocate(ledger->l_remote);
		ledger->l_remote = service_ledger;
	}
	ksim_unlock();
	return kr;
}

/*
 * Routine:	ksim_host_ledger_trap
 * Purpose:	machsim_host_ledger: a send right to the root ledger,
 *		named in the caller's space, for the holder of the
 *		privileged host port.
 * Returns:	KERN_SUCCESS; KERN_INVALID_HOST (host_priv names another
 *		object, the host's name port included); KERN_INVALID_NAME,
 *		KERN_INVALID_RIGHT (no send right by that name);
 *		KERN_INVALID_ARGUMENT (ledgerp not writable: the right is
 *		not made); KERN_RESOURCE_SHORTAGE (no room in the space).
 */
kern_return_t ksim_host_ledger_trap(mach_port_name_t host_priv,
    mach_port_name_t *ledgerp)
{
	mach_port_name_t name = MACH_PORT_NULL;
	kern_return_t kr;
	ipc_port_t right;

	ksim_boot();
	if (ledgerp == NULL || !ksim_copyout(ledgerp, &name, sizeof(name)))
		return KERN_INVALID_ARGUMENT;
	ksim_lock();
	if (ipc_kobject_from_name(current_space(), host_priv, IKOT_HOST_PRIV,
	    &kr) == NULL) {
		if (kr == KERN_INVALID_ARGUMENT)
			kr = KERN_INVALID_HOST;
		ksim_unlock();
		return kr;
	}
	right = ipc_port_make_send(ledger_root()->l_port);
	kr = ipc_right_copyout(current_space(), right, MACH_MSG_TYPE_PORT_SEND,
	    &name);
	if (kr != KERN_SUCCESS) {
		ipc_port_release_send(right);
		kr = KERN_RESOURCE_SHORTAGE;
	} else if (!ksim_copyout(ledgerp, &name, sizeof(name))) {
		ipc_entry_t e;

		/* the caller unmapped it meanwhile: take the right back */
		if (ipc_right_lookup(current_space(), name, &e) ==
		    KERN_SUCCESS)
			(void)ipc_right_dealloc(current_space(), e);
		kr = KERN_INVALID_ARGUMENT;
	}
	ksim_unlock();
	return kr;
}
