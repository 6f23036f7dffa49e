/*
 * syscall.c - the kernel side of the traps that are not mach_msg or
 * semaphores: self ports, reply ports, and the fast _kernelrpc paths for
 * a few mach_port and vm calls (as Darwin has them, so that libmach can
 * free rights and memory without a MIG round trip).
 */
#include <ksim/ipc.h>
#include <ksim/kern.h>
#include <ksim/mach_port.h>
#include <ksim/traps.h>
#include <ksim/vm.h>

#include <kernel/taskServer.h>

ipc_port_t host_port;

/*
 * Routine:	ipc_kobject_from_name
 * Purpose:	The kernel object a send right in space names.
 * Conditions:	Kernel locked.
 * Returns:	The object, or NULL with *krp KERN_INVALID_NAME (no such
 *		name), KERN_INVALID_RIGHT (not a send right),
 *		KERN_INVALID_ARGUMENT (dead, or another kind of object).
 */
void *ipc_kobject_from_name(ipc_space_t space, mach_port_name_t name,
    ipc_kobject_type_t kind, kern_return_t *krp)
{
	ipc_entry_t e;
	void *obj;

	*krp = KERN_INVALID_ARGUMENT;
	if (space == IPC_SPACE_NULL || !MACH_PORT_VALID(name))
		return NULL;
	*krp = ipc_right_lookup(space, name, &e);
	if (*krp != KERN_SUCCESS)
		return NULL;
	if (e->ie_bits & MACH_PORT_TYPE_DEAD_NAME) {
		*krp = KERN_INVALID_ARGUMENT;
		return NULL;
	}
	if (!(e->ie_bits & MACH_PORT_TYPE_SEND)) {
		*krp = KERN_INVALID_RIGHT;
		return NULL;
	}
	obj = ipc_kobject_get(e->ie_object, kind);
	*krp = obj != NULL ? KERN_SUCCESS : KERN_INVALID_ARGUMENT;
	return obj;
}

/* A send right for port, copied out into the caller's space.
   Conditions: kernel locked. */
static mach_port_name_t copyout_send_to_self_locked(ipc_port_t port)
{
	thread_t th = current_thread();
	mach_port_name_t name = MACH_PORT_NULL;
	ipc_port_t right;

	if (th->task->itk_space != IPC_SPACE_NULL &&
	    th->task->itk_space->is_active && IP_VALID(port)) {
		right = ipc_port_copy_send(port);
		if (ipc_right_copyout(th->task->itk_space, right,
		    MACH_MSG_TYPE_PORT_SEND, &name) != KERN_SUCCESS) {
			ipc_port_release_send(right);
			name = MACH_PORT_NULL;
		}
	}
	return name;
}

static mach_port_name_t copyout_send_to_self(ipc_port_t port)
{
	mach_port_name_t name;

	ksim_lock();
	name = copyout_send_to_self_locked(port);
	ksim_unlock();
	return name;
}

mach_port_name_t ksim_task_self_trap(void)
{
	task_t task = current_task();

	return copyout_send_to_self(task->itk_sself);
}

/*
 * Routine:	ksim_task_self_name_trap
 * Purpose:	The library's name for the caller's task (mach_task_self,
 *		cached per thread by the runtime; DESIGN decision 3).  The
 *		task keeps one send right for it, taken once per task (the
 *		one task_create leaves in its space): while that name still
 *		holds a send right to the task it is returned as it is, with
 *		no uref added, so threads come and go without leaving urefs
 *		behind.  Only if the task gave the right up is a new one
 *		copied out (one uref) and remembered.
 * Conditions:	Kernel unlocked.
 * Returns:	The name, or MACH_PORT_NULL (dead space, no room).
 */
mach_port_name_t ksim_task_self_name_trap(void)
{
	task_t task = current_task();
	ipc_space_t space;
	ipc_entry_t e;
	mach_port_name_t name;

	ksim_lock();
	space = task->itk_space;
	name = task->itk_self_name;
	if (space == IPC_SPACE_NULL || !space->is_active ||
	    !MACH_PORT_VALID(name) ||
	    (e = ipc_entry_lookup(space, name)) == NULL ||
	    !(e->ie_bits & MACH_PORT_TYPE_SEND) ||
	    e->ie_object != task->itk_self) {
		name = copyout_send_to_self_locked(task->itk_sself);
		task->itk_self_name = name;
	}
	ksim_unlock();
	return name;
}

mach_port_name_t ksim_thread_self_trap(void)
{
	thread_t th = current_thread();

	return copyout_send_to_self(th->ith_self);
}

/* The task's host port (TASK_HOST_PORT), as in XNU: the privileged
   port for the bootstrap task, the name port for the others. */
mach_port_name_t ksim_host_self_trap(void)
{
	thread_t th = current_thread();
	mach_port_name_t name;

	ksim_lock();
	name = copyout_send_to_self_locked(IP_VALID(th->task->itk_host) ?
	    th->task->itk_host : task_default_host_port(th->task));
	ksim_unlock();
	return name;
}

/*
 * Routine:	ksim_mach_reply_port
 * Purpose:	A new receive right under a kernel-chosen name.
 * Returns:	The name, or MACH_PORT_NULL on any failure.
 */
mach_port_name_t ksim_mach_reply_port(void)
{
	thread_t th = current_thread();
	mach_port_name_t name = MACH_PORT_NULL;
	ipc_port_t port;

	ksim_lock();
	if (th->task->itk_space == IPC_SPACE_NULL ||
	    !th->task->itk_space->is_active ||
	    ipc_port_alloc(th->task->itk_space, &name, &port) != KERN_SUCCESS)
		name = MACH_PORT_NULL;
	ksim_unlock();
	return name;
}

/* The task a _kernelrpc trap names, looked up in the caller's space. */
static task_t trap_task(mach_port_name_t target)
{
	kern_return_t kr;
	task_t task;

	ksim_lock();
	task = ipc_kobject_from_name(current_space(), target, IKOT_TASK, &kr);
	if (task != TASK_NULL && task->active)
		task_reference(task);
	else
		task = TASK_NULL;
	ksim_unlock();
	return task;
}

static void trap_task_done(task_t task)
{
	ksim_lock();
	task_deallocate(task);
	ksim_unlock();
}

#define WITH_TASK(target, expr) do { \
	task_t t_ = trap_task(target); \
	kern_return_t kr_; \
	if (t_ == TASK_NULL) \
		return KERN_INVALID_TASK; \
	kr_ = (expr); \
	trap_task_done(t_); \
	return kr_; \
} while (0)

/*
 * The traps' out arguments are task memory: read and written with
 * ksim_copyin/ksim_copyout.  A pointer that faults is KERN_INVALID_ADDRESS,
 * and what the call made for it is undone, so nothing is left that the
 * caller cannot name.
 */
#define TRAP_BAD_POINTER	KERN_INVALID_ADDRESS

static kern_return_t vm_allocate_task(task_t task, uint64_t *addr,
    uint64_t size, int flags)
{
	uint64_t in;
	vm_address_t a;
	kern_return_t kr;

	if (addr == NULL)
		return KERN_INVALID_ARGUMENT;
	if (!ksim_copyin(&in, addr, sizeof(in)))
		return TRAP_BAD_POINTER;
	a = (vm_address_t)in;
	ksim_lock();
	kr = task->map != NULL ? vm_map_allocate(task->map, &a, size, flags) :
	    KERN_INVALID_ARGUMENT;
	ksim_unlock();
	if (kr != KERN_SUCCESS)
		return kr;
	in = a;
	if (ksim_copyout(addr, &in, sizeof(in)))
		return KERN_SUCCESS;
	ksim_lock();
	(void)vm_map_remove(task->map, a, size);
	ksim_unlock();
	return TRAP_BAD_POINTER;
}

static kern_return_t vm_deallocate_task(task_t task, uint64_t addr,
    uint64_t size)
{
	kern_return_t kr;

	ksim_lock();
	kr = vm_map_remove(task->map, addr, size);
	ksim_unlock();
	return kr;
}

kern_return_t ksim_kernelrpc_vm_allocate_trap(mach_port_name_t target,
    uint64_t *addr, uint64_t size, int flags)
{
	WITH_TASK(target, vm_allocate_task(t_, addr, size, flags));
}

kern_return_t ksim_kernelrpc_vm_deallocate_trap(mach_port_name_t target,
    uint64_t addr, uint64_t size)
{
	WITH_TASK(target, vm_deallocate_task(t_, addr, size));
}

static kern_return_t port_allocate_trap(task_t task, mach_port_right_t right,
    mach_port_name_t *namep)
{
	mach_port_name_t name = MACH_PORT_NULL;
	kern_return_t kr;

	if (namep == NULL)
		return KERN_INVALID_ARGUMENT;
	kr = ksim_mach_port_allocate(task->itk_space, right, &name);
	if (kr != KERN_SUCCESS || ksim_copyout(namep, &name, sizeof(name)))
		return kr;
	(void)ksim_mach_port_destroy(task->itk_space, name);
	return TRAP_BAD_POINTER;
}

kern_return_t ksim_kernelrpc_port_allocate_trap(mach_port_name_t target,
    mach_port_right_t right, mach_port_name_t *name)
{
	WITH_TASK(target, port_allocate_trap(t_, right, name));
}

kern_return_t ksim_kernelrpc_port_destroy_trap(mach_port_name_t target,
    mach_port_name_t name)
{
	WITH_TASK(target, ksim_mach_port_destroy(t_->itk_space, name));
}

kern_return_t ksim_kernelrpc_port_deallocate_trap(mach_port_name_t target,
    mach_port_name_t name)
{
	WITH_TASK(target, ksim_mach_port_deallocate(t_->itk_space, name));
}

kern_return_t ksim_kernelrpc_port_mod_refs_trap(mach_port_name_t target,
    mach_port_name_t name, mach_port_right_t right, mach_port_delta_t delta)
{
	WITH_TASK(target, ksim_mach_port_mod_refs(t_->itk_space, name, right,
	    delta));
}

kern_return_t ksim_kernelrpc_port_move_member_trap(mach_port_name_t target,
    mach_port_name_t member, mach_port_name_t after)
{
	WITH_TASK(target, ksim_mach_port_move_member(t_->itk_space, member, after));
}

kern_return_t ksim_kernelrpc_port_insert_member_trap(mach_port_name_t target,
    mach_port_name_t name, mach_port_name_t pset)
{
	WITH_TASK(target, ksim_mach_port_insert_member(t_->itk_space, name, pset));
}

kern_return_t ksim_kernelrpc_port_extract_member_trap(mach_port_name_t target,
    mach_port_name_t name, mach_port_name_t pset)
{
	WITH_TASK(target, ksim_mach_port_extract_member(t_->itk_space, name, pset));
}

static kern_return_t port_type_trap(task_t task, mach_port_name_t name,
    mach_port_type_t *ptype)
{
	mach_port_type_t type = 0;
	kern_return_t kr;

	if (ptype == NULL)
		return KERN_INVALID_ARGUMENT;
	kr = ksim_mach_port_type(task->itk_space, name, &type);
	if (kr == KERN_SUCCESS && !ksim_copyout(ptype, &type, sizeof(type)))
		return TRAP_BAD_POINTER;
	return kr;
}

kern_return_t ksim_kernelrpc_port_type_trap(mach_port_name_t target,
    mach_port_name_t name, mach_port_type_t *ptype)
{
	WITH_TASK(target, port_type_trap(t_, name, ptype));
}

/*
 * The insert_right trap: the right comes from the caller's own space
 * (poly, with disposition polyPoly), as MIG would copy it in.
 */
static kern_return_t insert_right_trap(task_t task, mach_port_name_t name,
    mach_port_name_t poly, mach_msg_type_name_t polyPoly)
{
	ipc_port_t port = IP_NULL;
	kern_return_t kr;

	if (!MACH_MSG_TYPE_PORT_ANY(polyPoly))
		return KERN_INVALID_VALUE;
	ksim_lock();
	if (poly == MACH_PORT_DEAD)
		port = IP_DEAD;
	else if (poly != MACH_PORT_NULL &&
	    ipc_right_copyin(current_space(), poly, polyPoly, &port) !=
	    KERN_SUCCESS) {
		ksim_unlock();
		return KERN_INVALID_CAPABILITY;
	}
	ksim_unlock();
	kr = ipc_space_insert_right(task->itk_space, name, port,
	    ipc_object_copyin_type(polyPoly));
	return kr;
}

kern_return_t ksim_kernelrpc_port_insert_right_trap(mach_port_name_t target,
    mach_port_name_t name, mach_port_name_t poly,
    mach_msg_type_name_t polyPoly)
{
	WITH_TASK(target, insert_right_trap(t_, name, poly, polyPoly));
}

static kern_return_t request_notification_trap(task_t task,
    mach_port_name_t name, mach_msg_id_t msgid, mach_port_mscount_t sync,
    mach_port_name_t notify, mach_msg_type_name_t notifyPoly,
    mach_port_name_t *previous)
{
	ipc_port_t so = IP_NULL, prev = IP_NULL;
	kern_return_t kr;

	ksim_lock();
	if (notify == MACH_PORT_DEAD) {
		so = IP_DEAD;
	} else if (notify != MACH_PORT_NULL) {
		if (notifyPoly != MACH_MSG_TYPE_MAKE_SEND_ONCE &&
		    notifyPoly != MACH_MSG_TYPE_MOVE_SEND_ONCE) {
			ksim_unlock();
			return KERN_INVALID_VALUE;
		}
		if (ipc_right_copyin(current_space(), notify, notifyPoly,
		    &so) != KERN_SUCCESS) {
			ksim_unlock();
			return KERN_INVALID_CAPABILITY;
		}
	}
	ksim_unlock();
	kr = ipc_space_request_notification(task->itk_space, name, msgid,
	    sync, so, &prev);
	ksim_lock();
	if (kr == KERN_SUCCESS) {
		mach_port_name_t pname = MACH_PORT_NULL;

		if (previous == NULL ||
		    ipc_right_copyout(current_space(), prev,
		    MACH_MSG_TYPE_PORT_SEND_ONCE, &pname) != KERN_SUCCESS) {
			ipc_notify_send_once(prev);
		} else if (!ksim_copyout(previous, &pname, sizeof(pname))) {
			/* The previous right has no name the caller can
			   learn: it fires, as if the caller let it go. */
			(void)ksim_mach_port_deallocate(current_space(),
			    pname);
			kr = TRAP_BAD_POINTER;
		}
	} else if (IP_VALID(so)) {
		ipc_notify_send_once(so);	/* MIG destroys it on failure */
	}
	ksim_unlock();
	return kr;
}

kern_return_t ksim_kernelrpc_port_request_notification_trap(
    mach_port_name_t target, mach_port_name_t name, mach_msg_id_t msgid,
    mach_port_mscount_t sync, mach_port_name_t notify,
    mach_msg_type_name_t notifyPoly, mach_port_name_t *previous)
{
	WITH_TASK(target, request_notification_trap(t_, name, msgid, sync,
	    notify, notifyPoly, previous));
}

/* The largest attribute flavor, in ints (MACH_PORT_INFO_EXT is 17). */
#define PORT_INFO_MAX	32

static kern_return_t get_attributes_trap(task_t task, mach_port_name_t name,
    int flavor, int *info, unsigned int *countp)
{
	int buf[PORT_INFO_MAX];
	unsigned int count;
	kern_return_t kr;

	if (info == NULL || countp == NULL)
		return KERN_INVALID_ARGUMENT;
	if (!ksim_copyin(&count, countp, sizeof(count)))
		return TRAP_BAD_POINTER;
	if (count > PORT_INFO_MAX)
		count = PORT_INFO_MAX;
	memset(buf, 0, sizeof(buf));
	kr = ksim_mach_port_get_attributes(task->itk_space, name, flavor, buf,
	    &count);
	if (kr != KERN_SUCCESS)
		return kr;
	if (!ksim_copyout(info, buf, count * sizeof(int)) ||
	    !ksim_copyout(countp, &count, sizeof(count)))
		return TRAP_BAD_POINTER;
	return KERN_SUCCESS;
}

kern_return_t ksim_kernelrpc_port_get_attributes_trap(mach_port_name_t target,
    mach_port_name_t name, int flavor, int *info, unsigned int *count)
{
	WITH_TASK(target, get_attributes_trap(t_, name, flavor, info, count));
}

/* ---- machsim's own calls --------------------------------------------------------- */

static task_t task_from_name_ref(mach_port_name_t name)
{
	kern_return_t kr;
	task_t task;

	ksim_lock();
	task = ipc_kobject_from_name(current_space(), name, IKOT_TASK, &kr);
	if (task != TASK_NULL)
		task_reference(task);
	ksim_unlock();
	return task;
}

kern_return_t ksim_thread_spawn_trap(mach_port_name_t tname,
    void *(*fn)(void *), void *arg, pthread_t *out)
{
	task_t task = task_from_name_ref(tname);
	kern_return_t kr;

	if (task == TASK_NULL)
		return KERN_INVALID_ARGUMENT;
	{
		pthread_t pt;

		kr = ksim_thread_spawn(task, fn, arg, &pt);
		if (kr == KERN_SUCCESS && out != NULL &&
		    !ksim_copyout(out, &pt, sizeof(pt))) {
			/* The thread runs; only its handle is lost. */
			pthread_detach(pt);
			kr = TRAP_BAD_POINTER;
		}
	}
	trap_task_done(task);
	return kr;
}

kern_return_t ksim_task_create_trap(mach_port_name_t parent,
    mach_port_name_t *childp)
{
	task_t ptask = task_from_name_ref(parent), child;
	kern_return_t kr;

	if (ptask == TASK_NULL || childp == NULL)
		return KERN_INVALID_ARGUMENT;
	kr = ksim_task_create(ptask, NULL, 0, FALSE, &child);
	trap_task_done(ptask);
	if (kr != KERN_SUCCESS)
		return kr;
	{
		mach_port_name_t name = copyout_send_to_self(child->itk_sself);

		if (!ksim_copyout(childp, &name, sizeof(name))) {
			(void)ksim_task_terminate(child);
			(void)ksim_mach_port_deallocate(current_space(), name);
			trap_task_done(child);
			return TRAP_BAD_POINTER;
		}
	}
	trap_task_done(child);
	return KERN_SUCCESS;
}

kern_return_t ksim_task_terminate_trap(mach_port_name_t tname)
{
	task_t task = task_from_name_ref(tname);
	kern_return_t kr;

	if (task == TASK_NULL)
		return KERN_INVALID_ARGUMENT;
	kr = ksim_task_terminate(task);
	trap_task_done(task);
	return kr;
}

/* ---- Darwin's process-level calls --------------------------------------------------- */

/*
 * Routine:	ksim_pthread_mach_thread_trap
 * Purpose:	pthread_mach_thread_np: the caller's name for the thread
 *		port of the kernel thread a pthread is.  As on Darwin the
 *		name is the one the space already has for the port (no
 *		user reference is added for it); else a send right is made.
 * Returns:	The name, or MACH_PORT_NULL when the pthread is no thread
 *		of any task (it never entered the kernel, or it ended).
 */
mach_port_name_t ksim_pthread_mach_thread_trap(pthread_t pt)
{
	thread_t self = current_thread(), th, found = THREAD_NULL;
	ipc_space_t sp, mine;
	mach_port_name_t name = MACH_PORT_NULL;

	ksim_lock();
	if (pthread_equal(pt, pthread_self())) {
		found = self;
	} else {
		TAILQ_FOREACH(sp, &ipc_all_spaces, is_all_link) {
			if (sp->is_task == TASK_NULL)
				continue;
			TAILQ_FOREACH(th, &sp->is_task->threads, th_tasklink)
				if (th->active && pthread_equal(th->pthread, pt))
					found = th;
		}
	}
	mine = self->task->itk_space;
	if (found != THREAD_NULL && IP_VALID(found->ith_self) &&
	    mine != IPC_SPACE_NULL && mine->is_active) {
		ipc_entry_t e = ipc_entry_lookup_port(mine, found->ith_self);

		if (e != NULL && (e->ie_bits & MACH_PORT_TYPE_SEND))
			name = e->ie_name;
		else
			name = copyout_send_to_self_locked(found->ith_self);
	}
	ksim_unlock();
	return name;
}

/*
 * Routine:	ksim_task_for_pid_trap
 * Purpose:	task_for_pid: every task of machsim lives in this process,
 *		so the process's own pid names its bootstrap task, the
 *		process itself; no other pid has a task here.
 * Returns:	KERN_SUCCESS with a send right; KERN_FAILURE (target not
 *		a task, another pid, a bad out pointer), as Darwin answers
 *		a pid it may not or cannot reach.
 */
kern_return_t ksim_task_for_pid_trap(mach_port_name_t target, int pid,
    mach_port_name_t *tp)
{
	task_t caller = trap_task(target);
	mach_port_name_t name;

	if (caller == TASK_NULL)
		return KERN_FAILURE;
	trap_task_done(caller);
	if (tp == NULL || pid != (int)getpid() || bootstrap_task == TASK_NULL)
		return KERN_FAILURE;
	name = copyout_send_to_self(bootstrap_task->itk_sself);
	if (name == MACH_PORT_NULL)
		return KERN_FAILURE;
	if (!ksim_copyout(tp, &name, sizeof(name))) {
		(void)ksim_mach_port_deallocate(current_space(), name);
		return KERN_FAILURE;
	}
	return KERN_SUCCESS;
}

/*
 * Routine:	ksim_pid_for_task_trap
 * Purpose:	pid_for_task: every task is in this process.
 * Returns:	KERN_SUCCESS; KERN_FAILURE (not a task, a bad pointer).
 */
kern_return_t ksim_pid_for_task_trap(mach_port_name_t t, int *pidp)
{
	task_t task = trap_task(t);
	int pid = (int)getpid();

	if (task == TASK_NULL)
		return KERN_FAILURE;
	trap_task_done(task);
	if (pidp == NULL || !ksim_copyout(pidp, &pid, sizeof(pid)))
		return KERN_FAILURE;
	return KERN_SUCCESS;
}
