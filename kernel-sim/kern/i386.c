/*
 * i386.c - the i386 machine-dependent thread calls (mach_i386.defs), on
 * the host's real local descriptor table (modify_ldt(2)) and I/O
 * permission bitmap (ioperm(2)).  Sent to a thread port.
 *
 * The LDT.  Mach gives each thread its own LDT; Linux keeps one per
 * process, so here it is shared by every thread of every task (they all
 * live in the one process).  A selector names an LDT entry: index << 3,
 * the table bit (4) and user privilege (3); anything else is
 * KERN_INVALID_ARGUMENT, as in Mach.  A descriptor is the entry's two
 * raw words.  Linux's LDT holds only user (DPL 3) code and data segments
 * and empty entries: a system descriptor, a gate or another privilege
 * level is KERN_INVALID_ARGUMENT, and so is what Linux refuses (a
 * present conforming code segment).  Linux sets the accessed bit of
 * every segment it installs, so i386_get_ldt reads it set.  Entries past
 * the end of the table read as empty descriptors.
 *
 * The I/O bitmap.  Linux gives each thread its own, but lets a thread
 * change only its own: i386_io_port_add and _remove act on the calling
 * thread, and answer KERN_NOT_SUPPORTED for another.  A device names a
 * range of I/O ports.  machsim has no device server: the kernel makes
 * I/O devices with i386_io_device_create, and a device server would
 * hand their ports out from device_open.  What the host refuses is
 * answered with its meaning: EPERM (no CAP_SYS_RAWIO, or the kernel is
 * locked down) KERN_NO_ACCESS; ENOSYS (a kernel built without the call)
 * KERN_NOT_SUPPORTED.  Removing needs no privilege.
 *
 * Conditions throughout: the kernel lock (taken here when not held).
 */
#include <asm/ldt.h>
#include <assert.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/queue.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <ksim/i386.h>
#include <ksim/ipc.h>
#include <ksim/kern.h>
#include <ksim/mig_convert.h>
#include <ksim/vm.h>

#include <kernel/mach_i386Server.h>

/* ---- errors ------------------------------------------------------------------------ */

/* A host errno of modify_ldt or ioperm as a kernel return. */
static kern_return_t i386_errno(int err)
{
	switch (err) {
	case EPERM:
		return KERN_NO_ACCESS;
	case ENOSYS:
		return KERN_NOT_SUPPORTED;
	case ENOMEM:
		return KERN_RESOURCE_SHORTAGE;
	case EINVAL:
		return KERN_INVALID_ARGUMENT;
	default:
		return KERN_FAILURE;
	}
}

/* ---- the LDT ------------------------------------------------------------------------- */

/*
 * modify_ldt, and its error as an errno value, or 0.
 * The host call returns a 32-bit int: on x86-64 a failure can come back
 * zero-extended, which the C library does not see as one (modify_ldt(2),
 * NOTES); both forms are taken here.
 */
static int ldt_call(int func, void *ptr, unsigned long bytes)
{
	long r = syscall(SYS_modify_ldt, func, ptr, bytes);

	if (r == -1)
		return errno;
	return (int)r < 0 ? -(int)r : 0;
}

#define LDT_SEL_TI_RPL		7	/* table bit and user privilege */
#define LDT_MAX			8192	/* entries (LDT_ENTRIES) */

/* The first entry a selector names, or -1 if it is not an LDT one. */
static int ldt_index(int selector)
{
	if (selector < 0 || (selector & LDT_SEL_TI_RPL) != LDT_SEL_TI_RPL)
		return -1;
	return selector >> 3;
}

/* The range [index, index + count) of the LDT, or false. */
static bool ldt_range(int selector, uint64_t count, int *index)
{
	*index = ldt_index(selector);
	return *index >= 0 && (uint64_t)*index + count <= LDT_MAX;
}

/*
 * A raw descriptor as modify_ldt's user_desc for entry index; false if
 * Linux's LDT cannot hold it.  Raw layout: low word limit 15..0 and base
 * 15..0; high word base 23..16, type (4 bits), S, DPL (2), P, limit
 * 19..16, AVL, L, D/B, G, base 31..24.
 */
static bool ldt_desc_to_user(const descriptor_t *d, unsigned index,
    struct user_desc *u)
{
	uint32_t lo = d->low_word, hi = d->high_word;
	unsigned type = (hi >> 8) & 0xf;

	memset(u, 0, sizeof(*u));
	u->entry_number = index;
	if (lo == 0 && hi == 0) {		/* empty: Linux's LDT_empty */
		u->read_exec_only = 1;
		u->seg_not_present = 1;
		return true;
	}
	if (!(hi & (1u << 12)) || ((hi >> 13) & 3) != 3)
		return false;			/* system, or not DPL 3 */
	u->base_addr = (lo >> 16) | ((hi & 0xff) << 16) | (hi & 0xff000000u);
	u->limit = (lo & 0xffff) | (hi & 0xf0000);
	u->contents = (type >> 2) & 3;
	u->read_exec_only = !(type & 2);
	u->seg_not_present = !(hi & (1u << 15));
	u->useable = (hi >> 20) & 1;
	u->lm = (hi >> 21) & 1;
	u->seg_32bit = (hi >> 22) & 1;
	u->limit_in_pages = (hi >> 23) & 1;
	return true;
}

/*
 * Routine:	ksim_i386_set_ldt (3803)
 * Purpose:	Install desc_listCnt descriptors in the (process's) LDT
 *		from first_selector's entry on.  All are checked before
 *		any is installed; a host failure part way leaves the
 *		entries before it installed.
 * Returns:	KERN_SUCCESS; KERN_INVALID_ARGUMENT (null thread, not a
 *		user LDT selector, past the table, a descriptor Linux's
 *		LDT cannot hold); KERN_NOT_SUPPORTED (no modify_ldt);
 *		KERN_NO_ACCESS.
 */
kern_return_t ksim_i386_set_ldt(thread_act_t target_act, int first_selector,
    descriptor_list_t desc_list, mach_msg_type_number_t desc_listCnt)
{
	struct user_desc *u;
	kern_return_t kr = KERN_SUCCESS;
	mach_msg_type_number_t i;
	int index, err;

	if (target_act == THREAD_NULL ||
	    !ldt_range(first_selector, desc_listCnt, &index) ||
	    (desc_listCnt != 0 && desc_list == NULL))
		return KERN_INVALID_ARGUMENT;
	if (desc_listCnt == 0)
		return KERN_SUCCESS;
	u = calloc(desc_listCnt, sizeof(*u));
	if (u == NULL)
		return KERN_RESOURCE_SHORTAGE;
	for (i = 0; i < desc_listCnt; i++)
		if (!ldt_desc_to_user(&desc_list[i], (unsigned)index + i,
		    &u[i])) {
			free(u);
			return KERN_INVALID_ARGUMENT;
		}
	ksim_lock();
	for (i = 0; i < desc_listCnt && kr == KERN_SUCCESS; i++)
		if ((err = ldt_call(0x11, &u[i], sizeof(u[i]))) != 0)
			kr = i386_errno(err);
	ksim_unlock();
	free(u);
	return kr;
}

/*
 * Routine:	ksim_i386_get_ldt (3804)
 * Purpose:	Read selector_count descriptors of the (process's) LDT
 *		from first_selector's entry on, as out-of-line memory.
 * Returns:	KERN_SUCCESS; KERN_INVALID_ARGUMENT (null thread, not a
 *		user LDT selector, a negative count, past the table);
 *		KERN_NOT_SUPPORTED (no modify_ldt); KERN_RESOURCE_SHORTAGE.
 */
kern_return_t ksim_i386_get_ldt(thread_act_t target_act, int first_selector,
    int selector_count, descriptor_list_t *desc_list,
    mach_msg_type_number_t *desc_listCnt)
{
	size_t bytes, want;
	vm_address_t addr = 0;
	kern_return_t kr = KERN_SUCCESS;
	uint8_t *buf;
	int index, err;

	if (target_act == THREAD_NULL || selector_count < 0 ||
	    !ldt_range(first_selector, (uint64_t)selector_count, &index))
		return KERN_INVALID_ARGUMENT;
	want = (size_t)selector_count * sizeof(descriptor_t);
	bytes = ((size_t)index + (size_t)selector_count) *
	    sizeof(descriptor_t);
	buf = calloc(1, bytes != 0 ? bytes : 1);
	if (buf == NULL)
		return KERN_RESOURCE_SHORTAGE;
	ksim_lock();
	err = bytes != 0 ? ldt_call(0, buf, bytes) : 0;
	if (err != 0)
		kr = i386_errno(err);
	else if (want != 0 && vm_map_allocate(kernel_task->map, &addr, want,
	    VM_FLAGS_ANYWHERE) != KERN_SUCCESS)
		kr = KERN_RESOURCE_SHORTAGE;
	ksim_unlock();
	if (kr == KERN_SUCCESS) {
		/* Linux zero-fills what lies past its table. */
		if (want != 0)
			memcpy((void *)addr, buf + bytes - want, want);
		*desc_list = (descriptor_list_t)addr;
		*desc_listCnt = (mach_msg_type_number_t)selector_count;
	}
	free(buf);
	return kr;
}

/* ---- the I/O bitmap ---------------------------------------------------------------- */

/* A range of I/O ports a thread may be given. */
struct i386_io_device {
	ipc_port_t		port;		/* kobject port (I386_DEVICE) */
	unsigned		base;
	unsigned		count;
	LIST_ENTRY(i386_io_device) link;
};

/* One device given to one thread (the thread referenced). */
struct i386_io_grant {
	thread_t		thread;
	struct i386_io_device	*device;
	TAILQ_ENTRY(i386_io_grant) link;
};

/* Devices live as long as the kernel, like the machine's. */
static LIST_HEAD(, i386_io_device) io_devices =
    LIST_HEAD_INITIALIZER(io_devices);
static TAILQ_HEAD(, i386_io_grant) io_grants =
    TAILQ_HEAD_INITIALIZER(io_grants);

/*
 * Routine:	i386_io_device_create
 * Purpose:	A device for the I/O ports [base, base + count), and a
 *		send right to it in space.
 * Conditions:	Kernel unlocked.
 * Returns:	KERN_SUCCESS with the right's name in *name;
 *		KERN_INVALID_ARGUMENT (empty, or past port 0xffff).
 */
kern_return_t i386_io_device_create(ipc_space_t space, unsigned base,
    unsigned count, mach_port_name_t *name)
{
	struct i386_io_device *dev;
	kern_return_t kr;

	if (count == 0 || base > 0xffff || count > 0x10000 - base)
		return KERN_INVALID_ARGUMENT;
	dev = calloc(1, sizeof(*dev));
	if (dev == NULL)
		return KERN_RESOURCE_SHORTAGE;
	dev->base = base;
	dev->count = count;
	ksim_lock();
	dev->port = ipc_kobject_alloc_port(dev, IKOT_I386_DEVICE);
	LIST_INSERT_HEAD(&io_devices, dev, link);
	kr = ipc_right_copyout(space, ipc_port_make_send(dev->port),
	    MACH_MSG_TYPE_PORT_SEND, name);
	ksim_unlock();
	return kr;
}

/* Forget the grants of threads that have ended.  Kernel locked. */
static void io_grants_prune(void)
{
	struct i386_io_grant *g, *next;

	for (g = TAILQ_FIRST(&io_grants); g != NULL; g = next) {
		next = TAILQ_NEXT(g, link);
		if (g->thread->active)
			continue;
		TAILQ_REMOVE(&io_grants, g, link);
		thread_deallocate(g->thread);
		free(g);
	}
}

static struct i386_io_grant *io_grant_find(thread_t th,
    struct i386_io_device *dev)
{
	struct i386_io_grant *g;

	TAILQ_FOREACH(g, &io_grants, link)
		if (g->thread == th && g->device == dev)
			return g;
	return NULL;
}

/*
 * The device a request names and the checks add and remove share.
 * Kernel locked.
 */
static kern_return_t io_target(thread_act_t th, device_t device,
    struct i386_io_device **devp)
{
	if (th == THREAD_NULL || !th->active)
		return KERN_INVALID_ARGUMENT;
	*devp = ipc_kobject_lookup(device, IKOT_I386_DEVICE);
	if (*devp == NULL)
		return KERN_INVALID_ARGUMENT;
	if (th != current_thread())
		return KERN_NOT_SUPPORTED;	/* see the file comment */
	return KERN_SUCCESS;
}

/*
 * Routine:	ksim_i386_io_port_add (3800)
 * Purpose:	Let the calling thread use the device's I/O ports (its
 *		host I/O bitmap); adding a device twice is no change.
 * Returns:	KERN_SUCCESS; KERN_INVALID_ARGUMENT (null or ended
 *		thread, not an I/O device); KERN_NOT_SUPPORTED (another
 *		thread; a kernel without ioperm); KERN_NO_ACCESS (the
 *		process may not).
 */
kern_return_t ksim_i386_io_port_add(thread_act_t target_act, device_t device)
{
	struct i386_io_device *dev;
	struct i386_io_grant *g;
	kern_return_t kr;

	ksim_lock();
	io_grants_prune();
	kr = io_target(target_act, device, &dev);
	if (kr == KERN_SUCCESS && io_grant_find(target_act, dev) == NULL) {
		if (syscall(SYS_ioperm, (unsigned long)dev->base,
		    (unsigned long)dev->count, 1) != 0) {
			kr = i386_errno(errno);
		} else {
			g = calloc(1, sizeof(*g));
			if (g == NULL)
				abort();
			g->thread = target_act;
			thread_reference(target_act);
			g->device = dev;
			TAILQ_INSERT_TAIL(&io_grants, g, link);
		}
	}
	ksim_unlock();
	return kr;
}

/*
 * Routine:	ksim_i386_io_port_remove (3801)
 * Purpose:	Take back the calling thread's access to the device's
 *		ports; ports another of its devices covers stay usable.
 * Returns:	KERN_SUCCESS; KERN_INVALID_ARGUMENT (null or ended
 *		thread, not an I/O device, not given to the thread);
 *		KERN_NOT_SUPPORTED (another thread; no ioperm).
 */
kern_return_t ksim_i386_io_port_remove(thread_act_t target_act,
    device_t device)
{
	struct i386_io_device *dev;
	struct i386_io_grant *g;
	kern_return_t kr;

	ksim_lock();
	io_grants_prune();
	kr = io_target(target_act, device, &dev);
	g = kr == KERN_SUCCESS ? io_grant_find(target_act, dev) : NULL;
	if (kr == KERN_SUCCESS && g == NULL)
		kr = KERN_INVALID_ARGUMENT;
	if (kr == KERN_SUCCESS && syscall(SYS_ioperm,
	    (unsigned long)dev->base, (unsigned long)dev->count, 0) != 0)
		kr = i386_errno(errno);
	if (kr == KERN_SUCCESS) {
		TAILQ_REMOVE(&io_grants, g, link);
		thread_deallocate(g->thread);
		free(g);
		TAILQ_FOREACH(g, &io_grants, link)
			if (g->thread == target_act)
				(void)syscall(SYS_ioperm,
				    (unsigned long)g->device->base,
				    (unsigned long)g->device->count, 1);
	}
	ksim_unlock();
	return kr;
}

/*
 * Routine:	ksim_i386_io_port_list (3802)
 * Purpose:	Send rights to the devices the thread has been given, as
 *		an out-of-line port array.
 * Returns:	KERN_SUCCESS; KERN_INVALID_ARGUMENT (null or ended
 *		thread); KERN_RESOURCE_SHORTAGE.
 */
kern_return_t ksim_i386_io_port_list(thread_act_t target_act,
    device_list_t *device_list, mach_msg_type_number_t *device_listCnt)
{
	struct i386_io_grant *g;
	mach_port_name_t *names;
	mach_msg_type_number_t n = 0, i = 0;

	if (target_act == THREAD_NULL)
		return KERN_INVALID_ARGUMENT;
	ksim_lock();
	io_grants_prune();
	if (!target_act->active) {
		ksim_unlock();
		return KERN_INVALID_ARGUMENT;
	}
	TAILQ_FOREACH(g, &io_grants, link)
		n += g->thread == target_act;
	names = vm_reply_array(n * sizeof(*names));
	if (n != 0 && names == NULL) {
		ksim_unlock();
		return KERN_RESOURCE_SHORTAGE;
	}
	TAILQ_FOREACH(g, &io_grants, link)
		if (g->thread == target_act)
			names[i++] = ipc_kobject_reply_send(g->device->port);
	ksim_unlock();
	*device_list = (device_list_t)(void *)names;
	*device_listCnt = n;
	return KERN_SUCCESS;
}
