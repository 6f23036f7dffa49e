/*
 * host_security.c - host_security.defs: giving tasks their security
 * token, through the host security port.
 *
 * A task's security token ({euid, egid}) and audit token ({auid, euid,
 * egid, ruid, rgid, pid, asid, pidversion}, MACH-SEMANTICS 2.9) are what
 * the trailers of the messages it sends carry (mach_msg.c copies them at
 * send time).  The classic interface passes only the security token; the
 * audit token's euid and egid follow it, and its other fields stay what
 * the task had (a new task: its parent's).
 *
 * The host argument chooses the host port the task is given.  The
 * request carries it converted (convert_port_to_host), which does not
 * say whether the name or the privileged port was sent, so the task gets
 * the host name port in every case, as XNU does for a null host_priv.
 * Without the security port the request does not reach these routines
 * (the host's other ports do not serve host_security: MIG_BAD_ID); a
 * null security host here answers KERN_INVALID_SECURITY.
 */
#include <ksim/ipc.h>
#include <ksim/kern.h>
#include <ksim/mig_convert.h>

#include <kernel/host_securityServer.h>
#include <kernel/taskServer.h>

/*
 * Set task's tokens from sec_token and give it the host name port.
 * Conditions: kernel locked.
 */
static void task_token_set(task_t task, const security_token_t *sec_token)
{
	task->sec_token = *sec_token;
	task->audit_token.val[1] = sec_token->val[0];	/* euid */
	task->audit_token.val[2] = sec_token->val[1];	/* egid */
	if (IP_VALID(task->itk_host))
		ipc_port_release_send(task->itk_host);
	task->itk_host = IP_NULL;	/* reads as the host name port */
}

/*
 * Routine:	ksim_host_security_create_task_token (600)
 * Purpose:	task_create (ledgers and inherit_memory as there), the
 *		child carrying sec_token instead of its parent's.
 * Returns:	KERN_SUCCESS with a task reference in *child_task;
 *		KERN_INVALID_SECURITY (null security host); as
 *		task_create (KERN_INVALID_ARGUMENT, KERN_INVALID_LEDGER).
 */
kern_return_t ksim_host_security_create_task_token(
    host_security_t host_security, task_t parent_task,
    security_token_t sec_token, host_t host, ledger_array_t ledgers,
    mach_msg_type_number_t ledgersCnt, boolean_t inherit_memory,
    task_t *child_task)
{
	kern_return_t kr;

	(void)host;
	if (host_security == HOST_NULL)
		return KERN_INVALID_SECURITY;
	kr = ksim_task_create(parent_task, ledgers, ledgersCnt,
	    inherit_memory, child_task);
	if (kr != KERN_SUCCESS)
		return kr;
	ksim_lock();
	task_token_set(*child_task, &sec_token);
	ksim_unlock();
	return KERN_SUCCESS;
}

/*
 * Routine:	ksim_host_security_set_task_token (601)
 * Purpose:	Replace target_task's security token (and the audit
 *		token's euid and egid); its later messages carry them.
 * Returns:	KERN_SUCCESS; KERN_INVALID_ARGUMENT (null or terminated
 *		task); KERN_INVALID_SECURITY (null security host).
 */
kern_return_t ksim_host_security_set_task_token(host_security_t host_security,
    task_t target_task, security_token_t sec_token, host_t host)
{
	kern_return_t kr = KERN_SUCCESS;

	(void)host;
	if (target_task == TASK_NULL)
		return KERN_INVALID_ARGUMENT;
	if (host_security == HOST_NULL)
		return KERN_INVALID_SECURITY;
	ksim_lock();
	if (!target_task->active)
		kr = KERN_INVALID_ARGUMENT;
	else
		task_token_set(target_task, &sec_token);
	ksim_unlock();
	return kr;
}
