/*
 * task_ports.c - the ports a task and a thread keep for others: special
 * ports, registered ports and exception handlers (MACH-SEMANTICS 6.3,
 * 7.5).
 *
 * Every slot holds a kernel-held send right or IP_NULL.  A set takes the
 * right the request carried (ipc_kobject_take_right, on success only)
 * and releases the old one; a get copies the right into the reply.  The
 * exception tables of tasks and threads are one mechanism: a slot per
 * exception type, each with its port, behaviour and flavor.
 */
#include <string.h>

#include <mach/exception_types.h>
#include <mach/task_special_ports.h>
#include <mach/thread_special_ports.h>

#include <ksim/ipc.h>
#include <ksim/kern.h>
#include <ksim/mig_convert.h>
#include <ksim/traps.h>
#include <ksim/vm.h>

#include <kernel/host_privServer.h>
#include <kernel/taskServer.h>
#include <kernel/thread_actServer.h>

#define TASK_PORT_REGISTER_MAX	3

/* ---- exception handler tables ----------------------------------------------------- */

void exception_actions_release(struct exception_action *tab)
{
	int i;

	for (i = 0; i < EXC_TYPES_COUNT; i++) {
		if (IP_VALID(tab[i].port))
			ipc_port_release_send(tab[i].port);
		tab[i].port = IP_NULL;
	}
}

void exception_actions_copy(struct exception_action *to,
    const struct exception_action *from)
{
	int i;

	for (i = 0; i < EXC_TYPES_COUNT; i++) {
		to[i] = from[i];
		if (IP_VALID(to[i].port))
			to[i].port = ipc_port_copy_send(to[i].port);
	}
}

/*
 * Mask, behaviour and flavor as 6.3 allows them, with Darwin's two
 * identity-protected behaviours.  Those exist only as mach_exc messages
 * (64-bit codes): without MACH_EXCEPTION_CODES they are refused.  (Darwin
 * refuses EXCEPTION_IDENTITY_PROTECTED so; it takes the state form and
 * then has no message to deliver it with.)
 */
static bool exc_args_ok(exception_mask_t mask, bool have_port,
    exception_behavior_t behavior, thread_state_flavor_t flavor)
{
	exception_behavior_t b = behavior & ~(exception_behavior_t)
	    MACH_EXCEPTION_MASK;

	if (mask & ~(exception_mask_t)EXC_MASK_VALID)
		return false;
	if (have_port && (b < EXCEPTION_DEFAULT ||
	    b > EXCEPTION_STATE_IDENTITY_PROTECTED))
		return false;
	if (ksim_exc_behavior_protected(behavior) &&
	    !(behavior & (exception_behavior_t)MACH_EXCEPTION_CODES))
		return false;
	return flavor == 0 || VALID_THREAD_STATE_FLAVOR(flavor);
}

/* Set every slot in mask to (port, behavior, flavor); port consumed.
   Conditions: kernel locked. */
static void exc_set(struct exception_action *tab, exception_mask_t mask,
    ipc_port_t port, exception_behavior_t behavior,
    thread_state_flavor_t flavor)
{
	int i;

	for (i = 1; i < EXC_TYPES_COUNT; i++) {
		if (!(mask & (1u << i)))
			continue;
		if (IP_VALID(tab[i].port))
			ipc_port_release_send(tab[i].port);
		tab[i].port = IP_VALID(port) ? ipc_port_copy_send(port) :
		    IP_NULL;
		tab[i].behavior = behavior;
		tab[i].flavor = flavor;
	}
	if (IP_VALID(port))
		ipc_port_release_send(port);
}

/*
 * Routine:	exc_get
 * Purpose:	The slots in mask, one entry per distinct (port, behaviour,
 *		flavor) with the mask of the types sharing it; ports as
 *		copied send rights named in the kernel space for the reply.
 * Conditions:	Kernel locked.
 */
static void exc_get(const struct exception_action *tab, exception_mask_t mask,
    exception_mask_array_t masks, mach_msg_type_number_t *countp,
    mach_port_t *ports, exception_behavior_array_t behaviors,
    exception_flavor_array_t flavors)
{
	mach_msg_type_number_t n = 0, max = *countp, j;
	ipc_port_t seen[EXC_TYPES_COUNT];
	int i;

	if (max > EXC_TYPES_COUNT)
		max = EXC_TYPES_COUNT;
	for (i = 1; i < EXC_TYPES_COUNT; i++) {
		if (!(mask & (1u << i)))
			continue;
		for (j = 0; j < n; j++) {
			if (seen[j] == tab[i].port &&
			    behaviors[j] == tab[i].behavior &&
			    flavors[j] == tab[i].flavor) {
				masks[j] |= 1u << i;
				break;
			}
		}
		if (j < n || n == max)
			continue;
		seen[n] = tab[i].port;
		masks[n] = 1u << i;
		behaviors[n] = tab[i].behavior;
		flavors[n] = tab[i].flavor;
		n++;
	}
	for (j = 0; j < n; j++)
		ports[j] = IP_VALID(seen[j]) ? ipc_kobject_reply_right(
		    ipc_port_copy_send(seen[j]), MACH_MSG_TYPE_PORT_SEND) :
		    MACH_PORT_NULL;
	*countp = n;
}

/*
 * Routine:	exc_swap
 * Purpose:	set, get and swap on one table, checked first (6.3).
 * Conditions:	Kernel unlocked (the demuxer's level nests); *tab is
 *		found under the lock by tab_of.
 * Returns:	KERN_SUCCESS; KERN_INVALID_ARGUMENT; KERN_FAILURE (the
 *		target ended).
 */
static kern_return_t exc_swap(struct exception_action *(*tab_of)(void *),
    void *target, bool set, bool get, exception_mask_t mask,
    mach_port_t new_name, exception_behavior_t behavior,
    thread_state_flavor_t flavor, exception_mask_array_t masks,
    mach_msg_type_number_t *countp, mach_port_t *ports,
    exception_behavior_array_t behaviors, exception_flavor_array_t flavors)
{
	struct exception_action *tab;
	ipc_port_t port = IP_NULL;
	kern_return_t kr;

	if (target == NULL)
		return KERN_INVALID_ARGUMENT;
	if (set && !exc_args_ok(mask, MACH_PORT_VALID(new_name), behavior,
	    flavor))
		return KERN_INVALID_ARGUMENT;
	if (!set && (mask & ~(exception_mask_t)EXC_MASK_VALID))
		return KERN_INVALID_ARGUMENT;
	ksim_lock();
	tab = tab_of(target);
	if (tab == NULL) {
		ksim_unlock();
		return KERN_FAILURE;
	}
	if (get)
		exc_get(tab, mask, masks, countp, ports, behaviors, flavors);
	if (set) {
		kr = ipc_kobject_take_right(new_name, MACH_MSG_TYPE_PORT_SEND,
		    &port);
		if (kr != KERN_SUCCESS) {
			ksim_unlock();
			return KERN_INVALID_ARGUMENT;
		}
		if (port == IP_DEAD)
			port = IP_NULL;
		exc_set(tab, mask, port, behavior, flavor);
	}
	ksim_unlock();
	return KERN_SUCCESS;
}

static struct exception_action *task_tab(void *t)
{
	task_t task = t;

	return task->active ? task->exc_actions : NULL;
}

static struct exception_action *thread_tab(void *t)
{
	thread_t th = t;

	return th->active ? th->exc_actions : NULL;
}

kern_return_t ksim_task_set_exception_ports(task_t task,
    exception_mask_t exception_mask, mach_port_t new_port,
    exception_behavior_t behavior, thread_state_flavor_t new_flavor)
{
	return exc_swap(task_tab, task, true, false, exception_mask, new_port,
	    behavior, new_flavor, NULL, NULL, NULL, NULL, NULL);
}

kern_return_t ksim_task_get_exception_ports(task_t task,
    exception_mask_t exception_mask, exception_mask_array_t masks,
    mach_msg_type_number_t *masksCnt, exception_handler_array_t old_handlers,
    exception_behavior_array_t old_behaviors,
    exception_flavor_array_t old_flavors)
{
	return exc_swap(task_tab, task, false, true, exception_mask,
	    MACH_PORT_NULL, 0, 0, masks, masksCnt, old_handlers,
	    old_behaviors, old_flavors);
}

kern_return_t ksim_task_swap_exception_ports(task_t task,
    exception_mask_t exception_mask, mach_port_t new_port,
    exception_behavior_t behavior, thread_state_flavor_t new_flavor,
    exception_mask_array_t masks, mach_msg_type_number_t *masksCnt,
    exception_handler_array_t old_handlerss,
    exception_behavior_array_t old_behaviors,
    exception_flavor_array_t old_flavors)
{
	return exc_swap(task_tab, task, true, true, exception_mask, new_port,
	    behavior, new_flavor, masks, masksCnt, old_handlerss,
	    old_behaviors, old_flavors);
}

kern_return_t ksim_thread_set_exception_ports(thread_act_t thread,
    exception_mask_t exception_mask, mach_port_t new_port,
    exception_behavior_t behavior, thread_state_flavor_t new_flavor)
{
	return exc_swap(thread_tab, thread, true, false, exception_mask,
	    new_port, behavior, new_flavor, NULL, NULL, NULL, NULL, NULL);
}

kern_return_t ksim_thread_get_exception_ports(thread_act_t thread,
    exception_mask_t exception_mask, exception_mask_array_t masks,
    mach_msg_type_number_t *masksCnt, exception_handler_array_t old_handlers,
    exception_behavior_array_t old_behaviors,
    exception_flavor_array_t old_flavors)
{
	return exc_swap(thread_tab, thread, false, true, exception_mask,
	    MACH_PORT_NULL, 0, 0, masks, masksCnt, old_handlers,
	    old_behaviors, old_flavors);
}

kern_return_t ksim_thread_swap_exception_ports(thread_act_t thread,
    exception_mask_t exception_mask, mach_port_t new_port,
    exception_behavior_t behavior, thread_state_flavor_t new_flavor,
    exception_mask_array_t masks, mach_msg_type_number_t *masksCnt,
    exception_handler_array_t old_handlers,
    exception_behavior_array_t old_behaviors,
    exception_flavor_array_t old_flavors)
{
	return exc_swap(thread_tab, thread, true, true, exception_mask,
	    new_port, behavior, new_flavor, masks, masksCnt, old_handlers,
	    old_behaviors, old_flavors);
}

/* The host's handlers (6.2: tried after the thread's and the task's),
   set through the privileged port. */
static struct exception_action *host_tab(void *h)
{
	return ((struct host *)h)->exc_actions;
}

kern_return_t ksim_host_set_exception_ports(host_priv_t host_priv,
    exception_mask_t exception_mask, mach_port_t new_port,
    exception_behavior_t behavior, thread_state_flavor_t new_flavor)
{
	if (host_priv == HOST_NULL)
		return KERN_INVALID_HOST;
	return exc_swap(host_tab, host_priv, true, false, exception_mask,
	    new_port, behavior, new_flavor, NULL, NULL, NULL, NULL, NULL);
}

kern_return_t ksim_host_get_exception_ports(host_priv_t host_priv,
    exception_mask_t exception_mask, exception_mask_array_t masks,
    mach_msg_type_number_t *masksCnt, exception_handler_array_t old_handlers,
    exception_behavior_array_t old_behaviors,
    exception_flavor_array_t old_flavors)
{
	if (host_priv == HOST_NULL)
		return KERN_INVALID_HOST;
	return exc_swap(host_tab, host_priv, false, true, exception_mask,
	    MACH_PORT_NULL, 0, 0, masks, masksCnt, old_handlers,
	    old_behaviors, old_flavors);
}

kern_return_t ksim_host_swap_exception_ports(host_priv_t host_priv,
    exception_mask_t exception_mask, mach_port_t new_port,
    exception_behavior_t behavior, thread_state_flavor_t new_flavor,
    exception_mask_array_t masks, mach_msg_type_number_t *masksCnt,
    exception_handler_array_t old_handlers,
    exception_behavior_array_t old_behaviors,
    exception_flavor_array_t old_flavors)
{
	if (host_priv == HOST_NULL)
		return KERN_INVALID_HOST;
	return exc_swap(host_tab, host_priv, true, true, exception_mask,
	    new_port, behavior, new_flavor, masks, masksCnt, old_handlers,
	    old_behaviors, old_flavors);
}

/* ---- special ports ---------------------------------------------------------------- */

/* The slot of a settable task special port, or NULL. */
static ipc_port_t *task_special_slot(task_t task, int which)
{
	switch (which) {
	case TASK_HOST_PORT:
		return &task->itk_host;
	case TASK_BOOTSTRAP_PORT:
		return &task->itk_bootstrap;
	case TASK_SEATBELT_PORT:
		return &task->itk_seatbelt;
	case TASK_ACCESS_PORT:
		return &task->itk_access;
	case TASK_DEBUG_CONTROL_PORT:
		return &task->itk_debug_control;
	case TASK_RESOURCE_NOTIFY_PORT:
		return &task->itk_resource_notify;
	default:
		return NULL;
	}
}

/*
 * Routine:	ksim_task_get_special_port
 * Purpose:	A copied send right to one of the task's special ports
 *		(7.5): its self port, its host port, its name port (machsim
 *		has no separate name port: the self port), or what was set.
 * Returns:	KERN_SUCCESS; KERN_INVALID_ARGUMENT (unknown);
 *		KERN_FAILURE (terminated task).
 */
kern_return_t ksim_task_get_special_port(task_t task, int which,
    mach_port_t *special_port)
{
	ipc_port_t port, *slot;

	if (task == TASK_NULL || special_port == NULL)
		return KERN_INVALID_ARGUMENT;
	slot = task_special_slot(task, which);
	if (slot == NULL && which != TASK_KERNEL_PORT &&
	    which != TASK_NAME_PORT)
		return KERN_INVALID_ARGUMENT;
	ksim_lock();
	if (!task->active) {
		ksim_unlock();
		return KERN_FAILURE;
	}
	if (slot == NULL)
		port = task->itk_sself;
	else if (which == TASK_HOST_PORT && !IP_VALID(*slot))
		port = task_default_host_port(task);
	else
		port = *slot;
	*special_port = IP_VALID(port) ? ipc_kobject_reply_right(
	    ipc_port_copy_send(port), MACH_MSG_TYPE_PORT_SEND) :
	    (port == IP_DEAD ? MACH_PORT_DEAD : MACH_PORT_NULL);
	ksim_unlock();
	return KERN_SUCCESS;
}

/*
 * Routine:	ksim_task_set_special_port
 * Purpose:	Replace one of the task's special ports; the caller's send
 *		right is consumed.  The seatbelt and access ports can be
 *		set once.
 * Returns:	KERN_SUCCESS; KERN_INVALID_ARGUMENT (unknown, the name
 *		port); KERN_NO_ACCESS (set once already; TASK_KERNEL_PORT,
 *		which machsim does not let a task replace); KERN_FAILURE.
 */
kern_return_t ksim_task_set_special_port(task_t task, int which,
    mach_port_t special_port)
{
	ipc_port_t port = IP_NULL, old, *slot;
	bool *once = NULL;
	kern_return_t kr;

	if (task == TASK_NULL)
		return KERN_INVALID_ARGUMENT;
	slot = task_special_slot(task, which);
	if (which == TASK_KERNEL_PORT)
		return KERN_NO_ACCESS;	/* the self port is the task's identity
					   here: every thread finds its task
					   through it */
	if (slot == NULL)
		return KERN_INVALID_ARGUMENT;
	if (which == TASK_SEATBELT_PORT)
		once = &task->itk_seatbelt_set;
	else if (which == TASK_ACCESS_PORT)
		once = &task->itk_access_set;
	ksim_lock();
	if (!task->active) {
		ksim_unlock();
		return KERN_FAILURE;
	}
	if (once != NULL && *once) {
		ksim_unlock();
		return KERN_NO_ACCESS;
	}
	kr = ipc_kobject_take_right(special_port, MACH_MSG_TYPE_PORT_SEND,
	    &port);
	if (kr != KERN_SUCCESS) {
		ksim_unlock();
		return KERN_INVALID_ARGUMENT;
	}
	old = *slot;
	*slot = port;
	if (once != NULL)
		*once = true;
	if (IP_VALID(old))
		ipc_port_release_send(old);
	ksim_unlock();
	return KERN_SUCCESS;
}

/* THREAD_KERNEL_PORT is the thread's own port; nothing else is kept. */
kern_return_t ksim_thread_get_special_port(thread_act_t th, int which,
    mach_port_t *special_port)
{
	if (th == THREAD_NULL || special_port == NULL)
		return KERN_INVALID_ARGUMENT;
	if (which != THREAD_KERNEL_PORT && which != THREAD_INSPECT_PORT &&
	    which != THREAD_READ_PORT)
		return KERN_INVALID_ARGUMENT;
	ksim_lock();
	if (!th->active) {
		ksim_unlock();
		return KERN_FAILURE;
	}
	*special_port = ipc_kobject_reply_send(th->ith_self);
	ksim_unlock();
	return KERN_SUCCESS;
}

/* A thread's own port is its identity here: it cannot be replaced. */
kern_return_t ksim_thread_set_special_port(thread_act_t th, int which,
    mach_port_t special_port)
{
	(void)special_port;
	if (th == THREAD_NULL)
		return KERN_INVALID_ARGUMENT;
	if (which != THREAD_KERNEL_PORT)
		return KERN_INVALID_ARGUMENT;
	return KERN_NO_ACCESS;
}

/* ---- registered ports ------------------------------------------------------------- */

/*
 * Routine:	ksim_mach_ports_register
 * Purpose:	Replace the task's three registered send rights with the
 *		array's (missing slots NULL); the array's rights consumed.
 * Returns:	KERN_SUCCESS; KERN_INVALID_ARGUMENT (null task, more than
 *		TASK_PORT_REGISTER_MAX, a bad right, terminated task).
 */
kern_return_t ksim_mach_ports_register(task_t task,
    mach_port_array_t ports, mach_msg_type_number_t count)
{
	ipc_port_t got[TASK_PORT_REGISTER_MAX] = { IP_NULL, IP_NULL, IP_NULL };
	mach_port_t *names = (mach_port_t *)(void *)ports;
	mach_msg_type_number_t i;

	if (task == TASK_NULL || count > TASK_PORT_REGISTER_MAX ||
	    (count != 0 && names == NULL))
		return KERN_INVALID_ARGUMENT;
	ksim_lock();
	if (!task->active) {
		ksim_unlock();
		return KERN_INVALID_ARGUMENT;
	}
	for (i = 0; i < count; i++) {
		if (ipc_kobject_take_right(names[i], MACH_MSG_TYPE_PORT_SEND,
		    &got[i]) != KERN_SUCCESS) {
			while (i-- > 0)
				if (IP_VALID(got[i]))
					ipc_port_release_send(got[i]);
			ksim_unlock();
			return KERN_INVALID_ARGUMENT;
		}
	}
	for (i = 0; i < TASK_PORT_REGISTER_MAX; i++) {
		if (IP_VALID(task->itk_registered[i]))
			ipc_port_release_send(task->itk_registered[i]);
		task->itk_registered[i] = got[i] == IP_DEAD ? IP_NULL : got[i];
	}
	ksim_unlock();
	return KERN_SUCCESS;
}

/* Always three entries, copied send rights or NULL.  Returns
   KERN_SUCCESS; KERN_INVALID_ARGUMENT; KERN_RESOURCE_SHORTAGE. */
kern_return_t ksim_mach_ports_lookup(task_t task,
    mach_port_array_t *ports, mach_msg_type_number_t *countp)
{
	vm_address_t addr = 0;
	mach_port_t *names;
	int i;

	if (task == TASK_NULL || ports == NULL || countp == NULL)
		return KERN_INVALID_ARGUMENT;
	ksim_lock();
	if (!task->active) {
		ksim_unlock();
		return KERN_INVALID_ARGUMENT;
	}
	if (vm_map_allocate(kernel_task->map, &addr,
	    TASK_PORT_REGISTER_MAX * sizeof(*names), VM_FLAGS_ANYWHERE) !=
	    KERN_SUCCESS) {
		ksim_unlock();
		return KERN_RESOURCE_SHORTAGE;
	}
	names = (mach_port_t *)addr;
	for (i = 0; i < TASK_PORT_REGISTER_MAX; i++)
		names[i] = IP_VALID(task->itk_registered[i]) ?
		    ipc_kobject_reply_right(ipc_port_copy_send(
		    task->itk_registered[i]), MACH_MSG_TYPE_PORT_SEND) :
		    MACH_PORT_NULL;
	ksim_unlock();
	*ports = (mach_port_array_t)(void *)names;
	*countp = TASK_PORT_REGISTER_MAX;
	return KERN_SUCCESS;
}

/* ---- creation and death ------------------------------------------------------------ */

static ipc_port_t copy_send_or_null(ipc_port_t port)
{
	return IP_VALID(port) ? ipc_port_copy_send(port) : IP_NULL;
}

/* A task's host port when none was set: the privileged port for the
   bootstrap task (9.2), the name port for the others. */
ipc_port_t task_default_host_port(task_t task)
{
	return task == bootstrap_task ? host_priv_port : host_port;
}

/* task_create: the host and bootstrap ports, the registered ports and
   the task-level exception handlers come from the parent (7.5); the
   privileged host port is not inherited (9.2): the child gets the name
   port until a holder hands the privileged one on. */
void task_ports_inherit(task_t child, task_t parent)
{
	int i;

	child->itk_host = parent->itk_host == host_priv_port ? IP_NULL :
	    copy_send_or_null(parent->itk_host);
	child->itk_bootstrap = copy_send_or_null(parent->itk_bootstrap);
	for (i = 0; i < TASK_PORT_REGISTER_MAX; i++)
		child->itk_registered[i] =
		    copy_send_or_null(parent->itk_registered[i]);
	exception_actions_copy(child->exc_actions, parent->exc_actions);
}

void task_ports_release(task_t task)
{
	ipc_port_t *slots[] = { &task->itk_host, &task->itk_bootstrap,
	    &task->itk_seatbelt, &task->itk_access, &task->itk_debug_control,
	    &task->itk_resource_notify, &task->itk_registered[0],
	    &task->itk_registered[1], &task->itk_registered[2] };
	size_t i;

	for (i = 0; i < sizeof(slots) / sizeof(slots[0]); i++) {
		if (IP_VALID(*slots[i]))
			ipc_port_release_send(*slots[i]);
		*slots[i] = IP_NULL;
	}
	exception_actions_release(task->exc_actions);
}
