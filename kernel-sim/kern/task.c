/*
 * task.c - tasks: an IPC space, a map, threads, owned sync objects.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <ksim/ipc.h>
#include <ksim/kern.h>
#include <ksim/ledger.h>
#include <ksim/sync.h>
#include <ksim/mig_convert.h>
#include <ksim/vm.h>

#include <kernel/taskServer.h>

struct task_queue all_tasks = TAILQ_HEAD_INITIALIZER(all_tasks);

void task_boot(void);

void task_reference(task_t task)
{
	task->ref_count++;
}

/* Conditions: any; takes the kernel lock unless the caller holds it. */
void task_deallocate(task_t task)
{
	bool locked;

	if (task == TASK_NULL)
		return;
	locked = ksim_locked();
	if (!locked)
		ksim_lock();
	if (--task->ref_count == 0) {
		assert(!task->active);
		free(task);
	}
	if (!locked)
		ksim_unlock();
}

static task_t task_alloc(ipc_space_t space)
{
	task_t task = calloc(1, sizeof(*task));

	if (task == NULL)
		abort();
	task->ref_count = 1;	/* the all-tasks list, until terminated */
	task->active = true;
	TAILQ_INIT(&task->threads);
	TAILQ_INIT(&task->semaphores);
	TAILQ_INIT(&task->lock_sets);
	task->itk_space = space;
	TAILQ_INSERT_TAIL(&all_tasks, task, all_link);
	return task;
}

static void task_tokens_from_process(task_t task)
{
	task->sec_token.val[0] = (unsigned)geteuid();
	task->sec_token.val[1] = (unsigned)getegid();
	task->audit_token.val[0] = (unsigned)geteuid();	/* auid */
	task->audit_token.val[1] = (unsigned)geteuid();
	task->audit_token.val[2] = (unsigned)getegid();
	task->audit_token.val[3] = (unsigned)getuid();
	task->audit_token.val[4] = (unsigned)getgid();
	task->audit_token.val[5] = (unsigned)getpid();
}

/*
 * Routine:	task_setup_ports
 * Purpose:	Give task its self port, a kernel-held send right for
 *		task_self, and one send right in its own space.
 * Conditions:	Kernel locked.
 */
static void task_setup_ports(task_t task)
{
	mach_port_name_t name;

	task->itk_self = ipc_kobject_alloc_port(task, IKOT_TASK);
	task->itk_sself = ipc_port_make_send(task->itk_self);
	task->itk_self->ip_kheld_srights++;
	if (task->itk_space != ipc_space_kernel &&
	    ipc_right_copyout(task->itk_space,
	    ipc_port_make_send(task->itk_self), MACH_MSG_TYPE_PORT_SEND,
	    &name) == KERN_SUCCESS)
		task->itk_self_name = name;	/* mach_task_self's */
}

/*
 * Routine:	task_boot
 * Purpose:	Make the kernel task (ipc_space_kernel) and the bootstrap
 *		task the process becomes.
 * Conditions:	Called once, from ksim_boot.
 */
void task_boot(void)
{
	ipc_space_t space;

	ksim_lock();
	(void)ipc_space_create(TASK_NULL, &space);
	ipc_space_kernel = space;
	kernel_task = task_alloc(space);
	space->is_task = kernel_task;
	kernel_task->map = vm_map_create(kernel_task);
	host_boot();
	task_setup_ports(kernel_task);

	(void)ipc_space_create(TASK_NULL, &space);
	bootstrap_task = task_alloc(space);
	space->is_task = bootstrap_task;
	bootstrap_task->map = vm_map_create(bootstrap_task);
	task_tokens_from_process(bootstrap_task);
	ledger_task_set(bootstrap_task, ledger_root());
	task_setup_ports(bootstrap_task);
	ksim_unlock();
}

/*
 * The ledger a task_create charges the child to: the first of the array
 * (kernel-space names, as the request carried them), or with none the
 * parent's.  machsim keeps one memory ledger per task; classic Mach's
 * second (a separate ledger for wired memory) is not kept, so a second
 * entry is refused rather than ignored.  Conditions: kernel locked.
 */
static kern_return_t task_ledger_pick(task_t parent, ledger_array_t ledgers,
    mach_msg_type_number_t count, ledger_t *out)
{
	const mach_port_name_t *names = (const void *)ledgers;

	if (count == 0) {
		*out = parent->ledger;
		return KERN_SUCCESS;
	}
	if (count > 1 || names == NULL)
		return KERN_INVALID_ARGUMENT;
	*out = ledger_lookup_name(names[0]);
	return *out != NULL ? KERN_SUCCESS : KERN_INVALID_LEDGER;
}

/*
 * Routine:	ksim_task_create
 * Purpose:	A new task: empty space except its self send right, empty
 *		map, the parent's tokens, charged to the ledger the array
 *		names (or the parent's); inherit_memory fills the map from
 *		the parent's (8.3, vm_map_inherit_to) as far as that
 *		ledger allows.
 * Conditions:	Kernel unlocked.
 * Returns:	KERN_SUCCESS with a task reference in *child;
 *		KERN_INVALID_ARGUMENT (null or inactive parent, null child
 *		pointer, more than one ledger); KERN_INVALID_LEDGER (the
 *		ledger is not an active ledger's port).
 */
kern_return_t ksim_task_create(task_t parent, ledger_array_t ledgers,
    mach_msg_type_number_t count, boolean_t inherit_memory, task_t *child)
{
	ipc_space_t space;
	ledger_t ledger;
	kern_return_t kr;
	task_t task;

	if (parent == TASK_NULL || child == NULL)
		return KERN_INVALID_ARGUMENT;
	ksim_boot();
	ksim_lock();
	if (!parent->active) {
		ksim_unlock();
		return KERN_INVALID_ARGUMENT;
	}
	kr = task_ledger_pick(parent, ledgers, count, &ledger);
	if (kr != KERN_SUCCESS) {
		ksim_unlock();
		return kr;
	}
	(void)ipc_space_create(TASK_NULL, &space);
	task = task_alloc(space);
	space->is_task = task;
	task->map = vm_map_create(task);
	ledger_task_set(task, ledger);
	if (inherit_memory && parent->map != NULL)	/* 8.3, vm_object.c */
		(void)vm_map_inherit_to(parent->map, task->map);
	task->sec_token = parent->sec_token;
	task->audit_token = parent->audit_token;
	task_ports_inherit(task, parent);
	task_setup_ports(task);
	task_reference(task);		/* the caller's */
	ksim_unlock();
	*child = task;
	return KERN_SUCCESS;
}

/*
 * Routine:	ksim_task_terminate
 * Purpose:	MACH-SEMANTICS 7.4, for what the kernel has so far: mark
 *		inactive, end the threads' kernel presence, destroy owned
 *		sync objects, destroy the space, kill the self port, free
 *		the map.  The pthreads themselves keep running; their
 *		next kernel call finds a dead task.
 * Conditions:	Kernel unlocked.
 * Returns:	KERN_SUCCESS; KERN_INVALID_ARGUMENT (null, the kernel
 *		task); KERN_FAILURE (already terminated).
 */
kern_return_t ksim_task_terminate(task_t task)
{
	ipc_port_t port;

	if (task == TASK_NULL || task == kernel_task)
		return KERN_INVALID_ARGUMENT;
	ksim_lock();
	if (!task->active) {
		ksim_unlock();
		return KERN_FAILURE;
	}
	task->active = false;
	task_threads_terminate(task);
	semaphore_task_terminate(task);
	lock_set_task_terminate(task);
	ipc_space_terminate(task->itk_space);
	ipc_space_release(task->itk_space);
	task->itk_space = IPC_SPACE_NULL;
	port = task->itk_self;
	task->itk_self = IP_NULL;
	port->ip_kheld_srights--;
	ipc_port_release_send(task->itk_sself);
	task->itk_sself = IP_NULL;
	ipc_kobject_destroy_port(port);
	task_ports_release(task);
	vm_map_terminate(task->map);
	task->map = NULL;
	ledger_task_set(task, NULL);
	TAILQ_REMOVE(&all_tasks, task, all_link);
	task_deallocate(task);
	ksim_unlock();
	return KERN_SUCCESS;
}

/* ---- KernelServer translations (<ksim/mig_convert.h>) ------------------------ */

task_t convert_port_to_task(mach_port_t name)
{
	task_t task;

	ksim_lock();
	task = ipc_kobject_lookup(name, IKOT_TASK);
	if (task != TASK_NULL && task->active)
		task_reference(task);
	else
		task = TASK_NULL;
	ksim_unlock();
	return task;
}

mach_port_t convert_task_to_port(task_t task)
{
	mach_port_t name;

	if (task == TASK_NULL)
		return MACH_PORT_NULL;
	ksim_lock();
	name = ipc_kobject_reply_send(task->itk_self);
	task_deallocate(task);
	ksim_unlock();
	return name;
}

/* ---- task.defs: later issues (KERN_NOT_SUPPORTED) ----------------------- */

/* task_policy_set (3420): Set one flavor of the task's scheduling policy. */
kern_return_t ksim_task_policy_set(task_t task, task_policy_flavor_t flavor,
    task_policy_t policy_info, mach_msg_type_number_t policy_infoCnt)
{
	(void)task;
	(void)flavor;
	(void)policy_info;
	(void)policy_infoCnt;
	return KERN_NOT_SUPPORTED;
}

/*
 * task_policy_get (3421): Read one flavor of the task's (or the default)
 * scheduling policy.
 */
kern_return_t ksim_task_policy_get(task_t task, task_policy_flavor_t flavor,
    task_policy_t policy_info, mach_msg_type_number_t *policy_infoCnt,
    boolean_t *get_default)
{
	(void)task;
	(void)flavor;
	(void)policy_info;
	(void)policy_infoCnt;
	(void)get_default;
	return KERN_NOT_SUPPORTED;
}

/*
 * task_sample (3422): Start (or stop, with a null port) sampling the
 * task's PCs.
 */
kern_return_t ksim_task_sample(task_t task, mach_port_t reply)
{
	(void)task;
	(void)reply;
	return KERN_NOT_SUPPORTED;
}

/*
 * task_set_emulation (3424): Install a user-level handler for one system
 * call number.
 */
kern_return_t ksim_task_set_emulation(task_t target_port,
    vm_address_t routine_entry_pt, int routine_number)
{
	(void)target_port;
	(void)routine_entry_pt;
	(void)routine_number;
	return KERN_NOT_SUPPORTED;
}

/*
 * task_get_emulation_vector (3425): Return the task's table of system-call
 * handlers.
 */
kern_return_t ksim_task_get_emulation_vector(task_t task, int *vector_start,
    emulation_vector_t *emulation_vector,
    mach_msg_type_number_t *emulation_vectorCnt)
{
	(void)task;
	(void)vector_start;
	(void)emulation_vector;
	(void)emulation_vectorCnt;
	return KERN_NOT_SUPPORTED;
}

/*
 * task_set_emulation_vector (3426): Install handlers for a range of system
 * call numbers.
 */
kern_return_t ksim_task_set_emulation_vector(task_t task, int vector_start,
    emulation_vector_t emulation_vector,
    mach_msg_type_number_t emulation_vectorCnt)
{
	(void)task;
	(void)vector_start;
	(void)emulation_vector;
	(void)emulation_vectorCnt;
	return KERN_NOT_SUPPORTED;
}

/*
 * task_set_ras_pc (3427): Register the PC range of a restartable atomic
 * sequence.
 */
kern_return_t ksim_task_set_ras_pc(task_t target_task, vm_address_t basepc,
    vm_address_t boundspc)
{
	(void)target_task;
	(void)basepc;
	(void)boundspc;
	return KERN_NOT_SUPPORTED;
}

/*
 * kernel_task_create (3428): Create a task whose map covers a given range
 * of the kernel's.
 */
kern_return_t ksim_kernel_task_create(task_t target_task, vm_offset_t map_base,
    vm_size_t map_size, task_t *child_task)
{
	(void)target_task;
	(void)map_base;
	(void)map_size;
	(void)child_task;
	return KERN_NOT_SUPPORTED;
}

/*
 * mach_subsystem_create (3433): Register an RPC subsystem description with
 * the kernel.
 */
kern_return_t ksim_mach_subsystem_create(task_t task,
    user_subsystem_t user_subsys, mach_msg_type_number_t user_subsysCnt,
    subsystem_t *subsys)
{
	(void)task;
	(void)user_subsys;
	(void)user_subsysCnt;
	(void)subsys;
	return KERN_NOT_SUPPORTED;
}
