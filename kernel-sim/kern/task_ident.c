/*
 * task_ident.c - task identity tokens: kernel objects that name a task
 * without being one of its ports.  The identity-protected exception
 * behaviours send one instead of the task's port; only the kernel turns
 * a token back into a task port (task_identity_token_get_task_port).
 *
 * A token holds a reference to its task, so a token outlives the task it
 * names: then it names a dead task and yields no port.  Its port is made
 * when the token is handed out (the creation's reference becomes the
 * port's) and lives until its last send right goes; then the port is
 * destroyed and that reference dropped.  A call on the token holds its
 * own reference meanwhile (the intran's), so the last send right may go
 * while one runs.
 *
 *   task_create_identity_token --> token (refs 1) --outtran--> port
 *   last send right gone --> port destroyed, refs - 1 --> 0: task released
 */
#include <assert.h>
#include <stdlib.h>

#include <mach/task_special_ports.h>

#include <ksim/ipc.h>
#include <ksim/kern.h>
#include <ksim/mig_convert.h>

#include <kernel/taskServer.h>

struct task_id_token {
	int		tidt_refs;	/* the port's, and each call's */
	task_t		tidt_task;	/* referenced */
	ipc_port_t	tidt_port;	/* IP_NULL until handed out, and
					   after its last send right */
};

/* Drop a reference; the last frees the token.  Kernel locked. */
static void tidt_release_locked(task_id_token_t token)
{
	assert(token->tidt_refs > 0);
	if (--token->tidt_refs > 0)
		return;
	assert(token->tidt_port == IP_NULL);
	task_deallocate(token->tidt_task);
	free(token);
}

/*
 * Routine:	task_id_token_release
 * Purpose:	Drop the reference convert_port_to_task_id_token took.
 * Conditions:	Any; takes the kernel lock unless the caller holds it.
 */
void task_id_token_release(task_id_token_t token)
{
	bool locked;

	if (token == NULL)
		return;
	locked = ksim_locked();
	if (!locked)
		ksim_lock();
	tidt_release_locked(token);
	if (!locked)
		ksim_unlock();
}

/*
 * Routine:	task_id_token_no_senders
 * Purpose:	The token's port lost its last send right: destroy the port
 *		and drop the port's reference.
 * Conditions:	Kernel locked.
 */
void task_id_token_no_senders(ipc_port_t port)
{
	task_id_token_t token = ipc_kobject_get(port, IKOT_TASK_ID_TOKEN);

	if (token == NULL)
		return;
	token->tidt_port = IP_NULL;
	ipc_kobject_destroy_port(port);
	tidt_release_locked(token);
}

/* ---- KernelServer translations (<ksim/mig_convert.h>) ------------------------ */

task_id_token_t convert_port_to_task_id_token(mach_port_t name)
{
	task_id_token_t token;

	ksim_lock();
	token = ipc_kobject_lookup(name, IKOT_TASK_ID_TOKEN);
	if (token != NULL)
		token->tidt_refs++;
	ksim_unlock();
	return token;
}

/*
 * Routine:	convert_task_id_token_to_port
 * Purpose:	A new token's port, and a send right made for the reply.
 *		The token's creation reference becomes the port's: should
 *		the right not reach the caller, its loss frees the token.
 * Conditions:	Kernel unlocked (or locked: the lock nests).
 */
mach_port_t convert_task_id_token_to_port(task_id_token_t token)
{
	mach_port_t name;

	if (token == NULL)
		return MACH_PORT_NULL;
	ksim_lock();
	assert(token->tidt_port == IP_NULL);
	token->tidt_port = ipc_kobject_alloc_port(token, IKOT_TASK_ID_TOKEN);
	name = ipc_kobject_reply_right(ipc_port_make_send(token->tidt_port),
	    MACH_MSG_TYPE_PORT_SEND);
	ksim_unlock();
	return name;
}

/* ---- task.defs ---------------------------------------------------------------------- */

/*
 * Routine:	ksim_task_create_identity_token
 * Purpose:	task_create_identity_token (3457): a new token for the task.
 * Returns:	KERN_SUCCESS; KERN_INVALID_ARGUMENT (null or kernel task, a
 *		task that has ended).
 */
kern_return_t ksim_task_create_identity_token(task_t task,
    task_id_token_t *tokenp)
{
	task_id_token_t token;

	if (task == TASK_NULL || task == kernel_task || tokenp == NULL)
		return KERN_INVALID_ARGUMENT;
	token = calloc(1, sizeof(*token));
	if (token == NULL)
		return KERN_RESOURCE_SHORTAGE;
	ksim_lock();
	if (!task->active) {
		ksim_unlock();
		free(token);
		return KERN_INVALID_ARGUMENT;
	}
	token->tidt_refs = 1;		/* given to the port */
	token->tidt_task = task;
	task_reference(task);
	ksim_unlock();
	*tokenp = token;
	return KERN_SUCCESS;
}

/*
 * Routine:	ksim_task_identity_token_get_task_port
 * Purpose:	task_identity_token_get_task_port (3458): a send right to
 *		the port of the token's task that the flavor names.  A task
 *		has one port here (every view of a task is the task, as
 *		task_get_special_port's name port already is): CONTROL,
 *		READ, INSPECT and NAME all give the task's own port.
 * Returns:	KERN_SUCCESS; KERN_INVALID_ARGUMENT (not a token, a flavor
 *		past TASK_FLAVOR_NAME, the task has ended).
 */
kern_return_t ksim_task_identity_token_get_task_port(task_id_token_t token,
    task_flavor_t flavor, mach_port_t *task_port)
{
	int which;
	kern_return_t kr;

	if (token == NULL || task_port == NULL)
		return KERN_INVALID_ARGUMENT;
	switch (flavor) {
	case TASK_FLAVOR_CONTROL:
	case TASK_FLAVOR_READ:
	case TASK_FLAVOR_INSPECT:
		which = TASK_KERNEL_PORT;
		break;
	case TASK_FLAVOR_NAME:
		which = TASK_NAME_PORT;
		break;
	default:
		return KERN_INVALID_ARGUMENT;
	}
	ksim_lock();
	if (!token->tidt_task->active) {
		ksim_unlock();
		return KERN_INVALID_ARGUMENT;
	}
	kr = ksim_task_get_special_port(token->tidt_task, which, task_port);
	ksim_unlock();
	return kr;
}
