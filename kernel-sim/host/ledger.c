/*
 * ledger.c - ledgers (classic resource accounting).  The ledger objects
 * come with a later issue; until then no port names a ledger.
 */
#include <ksim/ipc.h>
#include <ksim/kern.h>
#include <ksim/mig_convert.h>

#include <kernel/ledgerServer.h>

/* ---- KernelServer translations (<ksim/mig_convert.h>) ------------------------ */

ledger_t convert_port_to_ledger(mach_port_t name)
{
	ledger_t ledger;

	ksim_lock();
	ledger = ipc_kobject_lookup(name, IKOT_LEDGER);
	ksim_unlock();
	return ledger;
}

/* No ledger objects yet: nothing to name. */
mach_port_t convert_ledger_to_port(ledger_t ledger)
{
	(void)ledger;
	return MACH_PORT_NULL;
}

/* ---- ledger.defs: later issues (KERN_NOT_SUPPORTED) --------------------- */

/*
 * ledger_create (5000): Create a child ledger, funded by transfer from the
 * parent.
 */
kern_return_t ksim_ledger_create(ledger_t parent_ledger,
    ledger_t ledger_ledger, ledger_t *new_ledger, ledger_item_t transfer)
{
	(void)parent_ledger;
	(void)ledger_ledger;
	(void)new_ledger;
	(void)transfer;
	return KERN_NOT_SUPPORTED;
}

/*
 * ledger_terminate (5001): Destroy a ledger, returning its resources to
 * its parent.
 */
kern_return_t ksim_ledger_terminate(ledger_t ledger)
{
	(void)ledger;
	return KERN_NOT_SUPPORTED;
}

/*
 * ledger_transfer (5002): Move resources from a parent ledger to one of
 * its children.
 */
kern_return_t ksim_ledger_transfer(ledger_t parent_ledger,
    ledger_t child_ledger, ledger_item_t transfer)
{
	(void)parent_ledger;
	(void)child_ledger;
	(void)transfer;
	return KERN_NOT_SUPPORTED;
}

/* ledger_read (5003): Return a ledger's balance and limit. */
kern_return_t ksim_ledger_read(ledger_t ledger, ledger_item_t *balance,
    ledger_item_t *limit)
{
	(void)ledger;
	(void)balance;
	(void)limit;
	return KERN_NOT_SUPPORTED;
}

/*
 * ledger_get_remote (5004): Return the remote ledger service port of the
 * given host.
 */
kern_return_t ksim_ledger_get_remote(ledger_t ledger, host_t host,
    ledger_t *service_ledger)
{
	(void)ledger;
	(void)host;
	(void)service_ledger;
	return KERN_NOT_SUPPORTED;
}

/* ledger_set_remote (5005): Set this host's remote ledger service port. */
kern_return_t ksim_ledger_set_remote(ledger_t ledger, ledger_t service_ledger)
{
	(void)ledger;
	(void)service_ledger;
	return KERN_NOT_SUPPORTED;
}
