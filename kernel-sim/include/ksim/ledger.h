/*
 * <ksim/ledger.h> - ledgers (host/ledger.c): what the rest of the kernel
 * needs of them.
 *
 * A ledger has a limit, in bytes, and a balance.  Its balance is what it
 * has spent: the limits it handed to its child ledgers, the kernel
 * storage of the ledgers it pays for, and the bytes mapped by the tasks
 * charged to it.  The tasks' bytes are not copied into the ledger: the
 * balance reads them from the tasks' maps, so freeing memory credits the
 * ledger by itself and the two can never disagree.  Only growth is
 * checked, by ledger_vm_admit, before the VM adds memory to a map.  The
 * check and the growth are one step under the kernel lock, except for
 * the calls that copy large ranges with it released (vm_remap with
 * copy, vm_map of an object with copy): two of those racing in tasks of
 * one ledger can each pass the check and go over by what they copy.
 * Memory a task inherits SHARE at task_create is counted, not checked.
 */
#ifndef KSIM_LEDGER_H
#define KSIM_LEDGER_H

#include <sys/queue.h>

#include <mach/vm_types.h>

#include <ksim/types.h>

#define LEDGER_UNLIMITED	UINT64_MAX	/* the root's limit */

struct ledger {
	int			l_refs;
	bool			l_active;	/* false once terminated */
	ipc_port_t		l_port;		/* kobject port (LEDGER) */
	struct ledger		*l_parent;	/* referenced; NULL: root */
	struct ledger		*l_payer;	/* ledger_ledger, referenced */
	struct ledger		*l_remote;	/* ledger_set_remote's */
	uint64_t		l_limit;
	uint64_t		l_spent;	/* children's limits, storage */
	TAILQ_HEAD(, ledger)	l_children;	/* active children */
	TAILQ_ENTRY(ledger)	l_sibling;
	TAILQ_HEAD(, task)	l_tasks;	/* tasks charged here */
};

/* The root ledger: unlimited, the bootstrap task's (made at boot). */
ledger_t ledger_root(void);
void ledger_reference(ledger_t ledger);
/* Drop a reference; the last frees.  Kernel locked. */
void ledger_deallocate(ledger_t ledger);

/* The balance: spent plus the bytes its tasks map.  Kernel locked. */
uint64_t ledger_balance(ledger_t ledger);

/*
 * The active ledger a kernel-space name stands for (no reference), or
 * NULL.  Kernel locked.
 */
ledger_t ledger_lookup_name(mach_port_name_t name);

/*
 * Charge task to ledger (NULL: to none), leaving its former ledger.
 * Kernel locked.
 */
void ledger_task_set(task_t task, ledger_t ledger);

/*
 * May map grow by size bytes?  False when its task's ledger would go
 * over its limit.  The VM calls it before adding memory to a map, and
 * answers KERN_RESOURCE_SHORTAGE on false, the map unchanged.
 * Kernel locked.
 */
bool ledger_vm_admit(struct vm_map *map, vm_size_t size);

/*
 * The ledger tree's invariants, from the root: every ledger in it active
 * and referenced, its children's parent, its spending covering the
 * limits it gave them, its tasks live and charged to it.  False with a
 * reason in why.  Kernel locked.
 */
bool ledger_verify(char *why, size_t len);

#endif /* KSIM_LEDGER_H */
