/*
 * task.c - tasks: an IPC space, a map, threads, owned sync objects.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <ksim/ipc.h>
#include <ksim/kern.h>
#include <ksim/sync.h>
#include <ksim/vm.h>

static TAILQ_HEAD(, task) all_tasks = TAILQ_HEAD_INITIALIZER(all_tasks);

void task_boot(void);

void task_reference(task_t task)
{
	task->ref_count++;
}

/* Conditions: kernel locked. */
void task_deallocate(task_t task)
{
	if (task == TASK_NULL || --task->ref_count > 0)
		return;
	assert(!task->active);
	free(task);
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
	if (task->itk_space != ipc_space_kernel)
		(void)ipc_right_copyout(task->itk_space,
		    ipc_port_make_send(task->itk_self),
		    MACH_MSG_TYPE_PORT_SEND, &name);
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
	host_port = ipc_kobject_alloc_port(NULL, IKOT_HOST);
	task_setup_ports(kernel_task);

	(void)ipc_space_create(TASK_NULL, &space);
	bootstrap_task = task_alloc(space);
	space->is_task = bootstrap_task;
	bootstrap_task->map = vm_map_create(bootstrap_task);
	task_tokens_from_process(bootstrap_task);
	task_setup_ports(bootstrap_task);
	ksim_unlock();
}

/*
 * Routine:	task_create
 * Purpose:	A new task: empty space except its self send right, empty
 *		map, the parent's tokens.
 * Conditions:	Kernel unlocked.
 * Returns:	KERN_SUCCESS; KERN_INVALID_ARGUMENT (null or inactive
 *		parent, null child pointer).
 */
kern_return_t task_create(task_t parent, void *ledgers, unsigned count,
    boolean_t inherit_memory, task_t *child)
{
	ipc_space_t space;
	task_t task;

	(void)ledgers;
	(void)count;
	(void)inherit_memory;
	if (parent == TASK_NULL || child == NULL)
		return KERN_INVALID_ARGUMENT;
	ksim_boot();
	ksim_lock();
	if (!parent->active) {
		ksim_unlock();
		return KERN_INVALID_ARGUMENT;
	}
	(void)ipc_space_create(TASK_NULL, &space);
	task = task_alloc(space);
	space->is_task = task;
	task->map = vm_map_create(task);
	task->sec_token = parent->sec_token;
	task->audit_token = parent->audit_token;
	task_setup_ports(task);
	task_reference(task);		/* the caller's */
	ksim_unlock();
	*child = task;
	return KERN_SUCCESS;
}

/*
 * Routine:	task_terminate
 * Purpose:	MACH-SEMANTICS 7.4, for what the kernel has so far: mark
 *		inactive, end the threads' kernel presence, destroy owned
 *		sync objects, destroy the space, kill the self port, free
 *		the map.  The pthreads themselves keep running; their
 *		next kernel call finds a dead task.
 * Conditions:	Kernel unlocked.
 * Returns:	KERN_SUCCESS; KERN_INVALID_ARGUMENT (null, the kernel
 *		task); KERN_FAILURE (already terminated).
 */
kern_return_t task_terminate(task_t task)
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
	vm_map_destroy(task->map);
	task->map = NULL;
	TAILQ_REMOVE(&all_tasks, task, all_link);
	task_deallocate(task);
	ksim_unlock();
	return KERN_SUCCESS;
}
