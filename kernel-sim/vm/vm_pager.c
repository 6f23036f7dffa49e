/*
 * vm_pager.c - objects whose pages a memory manager supplies: the page
 * table, the faults that fill it, and the messages the kernel sends to
 * an external manager (memory_object.defs).
 *
 * Invariant: for every mapping (a region whose object has a pager) the
 * host protection of each page is vm_pager_host_prot() of that page's
 * state, so that every access the table cannot allow yet faults:
 *
 *   state                      host protection
 *   ERROR, destroyed           none
 *   not PRESENT                none; with the userfaultfd (pager->uffd),
 *                              region's & (read|execute) & ~lock, unless
 *                              read is locked
 *   PRESENT, clean             region's & ~lock & ~write
 *   PRESENT, DIRTY             region's & ~lock
 *
 * The data lives in the object's memfd; the kernel reads and writes it
 * through its own mapping (the window), never through a task's.  Pages
 * leave memory by a hole punched in the file (fallocate), so a dropped
 * page really goes, and comes back only through the manager.
 *
 * The kernel's messages to a manager are built here, in the layouts of
 * the generated <mach/memory_object.h> request types, and queued from
 * the kernel (they never block): the control right they carry is made
 * from the receive right only the kernel space holds, which a user-side
 * stub cannot express.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/userfaultfd.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <ucontext.h>
#include <unistd.h>

#include <mach/memory_object.h>
#include <mach/ndr.h>

#include <ksim/ipc.h>
#include <ksim/kern.h>
#include <ksim/mig_convert.h>
#include <ksim/pager.h>
#include <ksim/vm.h>

#include "vm_internal.h"

static struct vm_pager *pager_list;	/* external objects */
static unsigned pager_count;		/* objects with a pager (atomic) */

static const NDR_record_t mo_ndr = { 0, 0, 0, 0, NDR_INT_LITTLE_ENDIAN,
	NDR_CHAR_ASCII, NDR_FLOAT_IEEE, 0 };

static size_t pgsz(void)
{
	return vm_page_size_get();
}

/* ---- the page table ---------------------------------------------------------- */

/* Grow the table, the file and the window to cover size bytes. */
static bool pager_grow(struct vm_object *object, vm_size_t size)
{
	struct vm_pager *pager = object->pager;
	size_t n = size / pgsz();
	uint8_t *st, *lk;
	void *w;

	if (n <= pager->npages)
		return true;
	st = realloc(pager->state, n);
	if (st == NULL)
		return false;
	pager->state = st;
	lk = realloc(pager->lock, n);
	if (lk == NULL)
		return false;
	pager->lock = lk;
	lk = realloc(pager->applied, n);
	if (lk == NULL)
		return false;
	pager->applied = lk;
	memset(st + pager->npages, 0, n - pager->npages);
	memset(pager->lock + pager->npages, 0, n - pager->npages);
	memset(pager->applied + pager->npages, 0xff, n - pager->npages);
	if (ftruncate(object->fd, (off_t)size) != 0)
		return false;
	w = vm_host_map_object(NULL, size, PROT_READ | PROT_WRITE, 0, object,
	    0);
	if (w == MAP_FAILED)
		return false;
	if (pager->window != NULL)
		vm_host_unmap(pager->window, object->size);
	pager->window = w;
	pager->npages = n;
	object->size = size;
	return true;
}

static struct vm_pager *pager_alloc(struct vm_object *object)
{
	struct vm_pager *pager = calloc(1, sizeof(*pager));

	if (pager == NULL)
		return NULL;
	pager->kind = MO_KIND_CONTROL;
	pager->object = object;
	pager->copy_strategy = MEMORY_OBJECT_COPY_DELAY;
	pager->cluster_size = (memory_object_cluster_size_t)pgsz();
	pager->may_cache = TRUE;
	waitq_init(&pager->waiters, WAITQ_FIFO);
	waitq_init(&pager->syncers, WAITQ_FIFO);
	object->pager = pager;
	__atomic_add_fetch(&pager_count, 1, __ATOMIC_RELEASE);
	object->size = 0;
	return pager;
}

/* A pager object of size bytes (0 allowed: grown later). */
static struct vm_object *pager_object_new(vm_size_t size)
{
	struct vm_object *object = vm_object_create(0);
	struct vm_pager *pager;

	if (object == NULL)
		return NULL;
	pager = pager_alloc(object);
	if (pager == NULL || (size != 0 && !pager_grow(object, size))) {
		if (pager != NULL)
			vm_pager_object_free(object);
		else
			vm_object_deallocate(object);
		return NULL;
	}
	pager->control = ipc_kobject_alloc_port(pager, IKOT_MEM_OBJ_CONTROL);
	return object;
}

/*
 * Routine:	vm_pager_object_for_port
 * Purpose:	The object an external manager's port stands for: the one
 *		already made for that port while it is in use, else a new
 *		one holding a send right to the port.
 * Conditions:	Kernel locked.
 * Returns:	A referenced object covering size bytes, or NULL.
 */
struct vm_object *vm_pager_object_for_port(ipc_port_t port, vm_size_t size)
{
	struct vm_pager *p;
	struct vm_object *object;

	for (p = pager_list; p != NULL; p = p->next)
		if (p->mo_port == port && !p->destroyed) {
			if (!pager_grow(p->object, size))
				return NULL;
			vm_object_reference(p->object);
			return p->object;
		}
	object = pager_object_new(size);
	if (object == NULL)
		return NULL;
	p = object->pager;
	p->mo_port = ipc_port_copy_send(port);
	port->ip_kheld_srights++;
	p->next = pager_list;
	pager_list = p;
	return object;
}

struct vm_object *vm_pager_object_internal(struct dp_object *dp,
    vm_size_t size)
{
	struct vm_object *object = pager_object_new(size);

	if (object != NULL) {
		object->pager->dp = dp;
		object->pager->initialized = true;
	}
	return object;
}

struct vm_pager *vm_pager_of_control(vm_object_t object)
{
	struct vm_pager *pager = (struct vm_pager *)(void *)object;

	if (pager == NULL || pager->kind != MO_KIND_CONTROL)
		return NULL;
	return pager;
}

void *vm_pager_page_addr(struct vm_pager *pager, size_t page)
{
	return (uint8_t *)pager->window + page * pgsz();
}

/* Drop pages [first, last) from memory: a hole in the file. */
static void pager_drop(struct vm_pager *pager, size_t first, size_t last)
{
	if (first >= last)
		return;
	(void)fallocate(pager->object->fd,
	    FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE,
	    (off_t)(first * pgsz()), (off_t)((last - first) * pgsz()));
}

/*
 * Routine:	vm_pager_drop_absent
 * Purpose:	Whatever was written to the absent pages of [first, last)
 *		(through a UPL's window, never committed) goes: the next
 *		access finds them missing and asks the manager again.
 * Conditions:	Kernel locked.
 */
void vm_pager_drop_absent(struct vm_pager *pager, size_t first, size_t last)
{
	size_t p, q;

	if (last > pager->npages)
		last = pager->npages;
	for (p = first; p < last; p = q + 1) {
		for (q = p; q < last && !(pager->state[q] & VPG_PRESENT); q++)
			;
		pager_drop(pager, p, q);	/* one hole per run */
	}
}

/* ---- userfaultfd ----------------------------------------------------------------- */

/*
 * Where the host allows it (a userfaultfd that handles user-mode faults
 * on shared memory, with thread ids), every mapping of a pager object is
 * registered for missing pages and its absent pages are readable: a
 * read of one blocks its thread in the host kernel, and the reader
 * thread below sends the data request; the commit wakes the thread
 * (vm_pager_wake).  Writes, locks and error pages still fault with a
 * signal.  MACHSIM_PAGER_FAULTS=signal turns the reader off.
 *
 * The reader never waits for the kernel lock: a kernel copy (which may
 * hold it) that touches an absent page is made to fail as it would with
 * a signal (ksim_copy_active: the page is made inaccessible in that
 * mapping and the thread retries into the copy's fault guard), and the
 * other faults wait in the reader until the lock is free.
 */
static int uffd_fd = -1;
static int uffd_state;			/* 0 untried, 1 on, -1 off */
static pid_t uffd_pid;

static struct vm_region *pager_region_at(vm_offset_t addr);
static void mo_send_range(struct vm_pager *pager, mach_msg_id_t id,
    memory_object_offset_t offset, vm_size_t length, vm_prot_t access);
static vm_prot_t table_prot(struct vm_pager *pager, size_t page);

static void uffd_wake_range(int fd, vm_offset_t start, vm_size_t len)
{
	struct uffdio_range range = { start, len };

	(void)ioctl(fd, UFFDIO_WAKE, &range);
}

/*
 * The pages of [*first, *last) that region r (a mapping of the pager's
 * object) maps: the range clipped to them in place, and the address of
 * the first; 0 when r maps none of them.
 */
static vm_offset_t region_clip(const struct vm_region *r, size_t *first,
    size_t *last)
{
	size_t rfirst = r->offset / pgsz();
	size_t rlast = rfirst + (r->end - r->start) / pgsz();

	if (*first < rfirst)
		*first = rfirst;
	if (*last > rlast)
		*last = rlast;
	return *first < *last ? r->start + (*first - rfirst) * pgsz() : 0;
}

void vm_pager_wake(struct vm_pager *pager, size_t first, size_t last,
    vm_offset_t woke_lo, vm_offset_t woke_hi)
{
	struct vm_map *map;
	size_t i, a, b;
	vm_offset_t s;

	if (!pager->uffd || uffd_fd < 0)
		return;
	for (map = vm_map_all_first(); map != NULL; map = map->all_next)
		for (i = 0; i < map->nregions; i++) {
			const struct vm_region *r = &map->regions[i];

			if (r->object != pager->object)
				continue;
			a = first;
			b = last;
			s = region_clip(r, &a, &b);
			if (s != 0 && (s < woke_lo ||
			    s + (b - a) * pgsz() > woke_hi))
				uffd_wake_range(uffd_fd, s, (b - a) * pgsz());
		}
}

/*
 * Routine:	vm_pager_fill_page
 * Purpose:	Put an absent page's data, from kernel memory src, straight
 *		into a mapping registered with the userfaultfd: the host
 *		makes the file's page and maps it there in one step, and
 *		the threads waiting there go on (the other mappings find
 *		the page in the file).
 * Conditions:	Kernel locked; the page is absent.
 * Returns:	The address the page was filled at; 0 when no mapping took
 *		it (no userfaultfd, no mapping of the page, or the host
 *		refused), with nothing done.
 */
vm_offset_t vm_pager_fill_page(struct vm_pager *pager, size_t page,
    const void *src)
{
	struct uffdio_copy copy;
	struct vm_map *map;
	size_t i, a, b;

	if (!pager->uffd || uffd_fd < 0 || page >= pager->npages)
		return 0;
	for (map = vm_map_all_first(); map != NULL; map = map->all_next)
		for (i = 0; i < map->nregions; i++) {
			const struct vm_region *r = &map->regions[i];

			a = page;
			b = page + 1;
			if (r->object != pager->object ||
			    (copy.dst = region_clip(r, &a, &b)) == 0)
				continue;
			copy.src = (uint64_t)(uintptr_t)src;
			copy.len = pgsz();
			copy.mode = 0;
			copy.copy = 0;
			if (ioctl(uffd_fd, UFFDIO_COPY, &copy) == 0 &&
			    copy.copy == (int64_t)pgsz())
				return (vm_offset_t)copy.dst;
			return 0;
		}
	return 0;
}

/*
 * A read fault the reader took from the host: ask for the page, or wake
 * the thread to find it (or to fault with a signal on a page the table
 * does not let it read).  Conditions: kernel locked.
 */
static void uffd_resolve(vm_offset_t addr)
{
	struct vm_region *r = pager_region_at(addr);
	struct vm_pager *pager;
	size_t page;

	if (r == NULL) {
		uffd_wake_range(uffd_fd, ksim_trunc_page(addr), pgsz());
		return;
	}
	pager = r->object->pager;
	page = (r->offset + ksim_trunc_page(addr) - r->start) / pgsz();
	if (page >= pager->npages || !(table_prot(pager, page) &
	    VM_PROT_READ) || !(r->protection & VM_PROT_READ)) {
		if (page < pager->npages)
			vm_pager_protect_force(pager, page, page + 1);
		uffd_wake_range(uffd_fd, ksim_trunc_page(addr), pgsz());
		return;
	}
	if (!(pager->state[page] & VPG_PRESENT) && pager->dp != NULL)
		dp_page_in(pager->dp, pager, page);
	if (pager->state[page] & (VPG_PRESENT | VPG_ERROR)) {
		vm_pager_wake(pager, page, page + 1, 0, 0);
		return;
	}
	if (!(pager->state[page] & VPG_REQUESTED)) {
		pager->state[page] |= VPG_REQUESTED;
		pager->data_requests++;
		mo_send_range(pager, 2202, (memory_object_offset_t)page *
		    pgsz(), pgsz(), VM_PROT_READ);
	}
}

#define UFFD_PENDING	64

/* The descriptor blocks, and a read that must not wait says so
   (RWF_NOWAIT, probed in uffd_ready); else it never blocks and poll
   waits. */
static bool uffd_blocking;

/*
 * Read up to max faults, all that are pending, in one read; with wait,
 * wait for the first.  Returns the bytes read, 0 or -1 (errno).
 */
static ssize_t uffd_take(int fd, struct uffd_msg *msg, size_t max,
    bool wait)
{
	struct iovec iov = { msg, max * sizeof(*msg) };
	struct pollfd pfd = { fd, POLLIN, 0 };

	if (max == 0)
		return 0;
	if (uffd_blocking)
		return wait ? read(fd, msg, iov.iov_len) :
		    preadv2(fd, &iov, 1, -1, RWF_NOWAIT);
	if (wait && poll(&pfd, 1, -1) < 0)
		return -1;
	return read(fd, msg, iov.iov_len);
}

static void *uffd_reader(void *arg)
{
	int fd = (int)(intptr_t)arg;
	struct { vm_offset_t addr; pid_t tid; } pend[UFFD_PENDING];
	struct uffd_msg msg[UFFD_PENDING];
	size_t n = 0, i, j;
	ssize_t got;

	for (;;) {
		/* With faults held back for the lock, let its holder run
		   and look again at once (a copy's fault may come); with
		   none, wait for one. */
		if (n != 0)
			(void)sched_yield();
		got = uffd_take(fd, msg, UFFD_PENDING - n, n == 0);
		if (got < 0 && errno != EINTR && errno != EAGAIN)
			break;
		for (i = 0; got > 0 && i < (size_t)got / sizeof(msg[0]); i++) {
			if (msg[i].event != UFFD_EVENT_PAGEFAULT)
				continue;
			pend[n].addr =
			    (vm_offset_t)msg[i].arg.pagefault.address;
			pend[n].tid = (pid_t)msg[i].arg.pagefault.feat.ptid;
			n++;
		}
		/* A kernel copy's fault: the copy fails, now. */
		for (i = j = 0; i < n; i++) {
			if (ksim_copy_active(pend[i].tid)) {
				vm_offset_t pa = ksim_trunc_page(pend[i].addr);

				(void)mprotect((void *)pa, pgsz(), PROT_NONE);
				uffd_wake_range(fd, pa, pgsz());
			} else {
				pend[j++] = pend[i];
			}
		}
		n = j;
		if (n == 0 || !ksim_trylock())
			continue;
		for (i = 0; i < n; i++)
			uffd_resolve(pend[i].addr);
		n = 0;
		ksim_unlock();
	}
	return NULL;
}

/* The userfaultfd and its reader, made once per process.  Kernel locked. */
static bool uffd_ready(void)
{
	const uint64_t need = UFFD_FEATURE_THREAD_ID |
	    UFFD_FEATURE_MISSING_SHMEM;
	struct uffdio_api api = { UFFD_API, need, 0 };
	const char *mode = getenv("MACHSIM_PAGER_FAULTS");
	struct uffd_msg probe;
	struct iovec probe_iov;
	pthread_attr_t attr;
	pthread_t th;
	int fd;

	if (uffd_state != 0 && uffd_pid == getpid())
		return uffd_state > 0;
	uffd_pid = getpid();
	uffd_state = -1;
	uffd_fd = -1;
	if (mode != NULL && strcmp(mode, "signal") == 0)
		return false;
	fd = (int)syscall(SYS_userfaultfd, O_CLOEXEC | UFFD_USER_MODE_ONLY);
	if (fd < 0)
		return false;
	if (ioctl(fd, UFFDIO_API, &api) != 0 || (api.features & need) != need) {
		close(fd);
		return false;
	}
	/* No fault can be pending yet: a read that may not wait fails
	   with EAGAIN where the host honours RWF_NOWAIT here. */
	probe_iov.iov_base = &probe;
	probe_iov.iov_len = sizeof(probe);
	uffd_blocking = preadv2(fd, &probe_iov, 1, -1, RWF_NOWAIT) < 0 &&
	    errno == EAGAIN;
	if (!uffd_blocking && fcntl(fd, F_SETFL, O_NONBLOCK) != 0) {
		close(fd);
		return false;
	}
	ksim_copy_track_start();
	if (pthread_attr_init(&attr) != 0) {
		close(fd);
		return false;
	}
	(void)pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	if (pthread_create(&th, &attr, uffd_reader, (void *)(intptr_t)fd) !=
	    0) {
		pthread_attr_destroy(&attr);
		close(fd);
		return false;
	}
	pthread_attr_destroy(&attr);
	uffd_fd = fd;
	uffd_state = 1;
	return true;
}

/*
 * A new mapping (or a changed one) of a pager object: registered for
 * missing pages.  The object's first mapping decides its mode; a later
 * one that cannot be registered turns the object to signal mode.
 */
static void pager_uffd_register(struct vm_pager *pager,
    const struct vm_region *r)
{
	struct uffdio_register reg;
	bool ok;

	memset(&reg, 0, sizeof(reg));
	reg.range.start = r->start;
	reg.range.len = r->end - r->start;
	reg.mode = UFFDIO_REGISTER_MODE_MISSING;
	ok = uffd_ready() && ioctl(uffd_fd, UFFDIO_REGISTER, &reg) == 0;
	if (!pager->uffd_decided) {
		pager->uffd_decided = true;
		pager->uffd = ok;
	} else if (pager->uffd && !ok) {
		pager->uffd = false;
		vm_pager_protect_force(pager, 0, pager->npages);
	}
}

/* ---- protections ------------------------------------------------------------- */

/*
 * What the table allows of a page, before the mapping's own protection
 * is applied: nothing for an absent page (in signal mode) or an error
 * page, read and execute for an absent page in userfaultfd mode and for
 * a clean page, everything for a dirty one; less what the manager locked.
 */
static vm_prot_t table_prot(struct vm_pager *pager, size_t page)
{
	uint8_t st;
	vm_prot_t allowed = VM_PROT_ALL;

	if (page >= pager->npages || pager->destroyed)
		return VM_PROT_NONE;
	st = pager->state[page];
	if (st & VPG_ERROR)
		return VM_PROT_NONE;
	if (!(st & VPG_PRESENT) && !pager->uffd)
		return VM_PROT_NONE;
	if (!(st & VPG_PRESENT) && (pager->lock[page] & VM_PROT_READ))
		return VM_PROT_NONE;
	if (!(st & VPG_DIRTY))
		allowed &= ~VM_PROT_WRITE;
	return allowed & ~(vm_prot_t)pager->lock[page];
}

int vm_pager_host_prot(struct vm_pager *pager, size_t page, vm_prot_t prot)
{
	return (int)(table_prot(pager, page) & prot & VM_PROT_ALL);
}

/* One region's pages of the object in [first, last), protected. */
static void protect_in_region(struct vm_pager *pager,
    const struct vm_region *r, size_t first, size_t last)
{
	vm_offset_t at = region_clip(r, &first, &last);
	size_t p, q;
	int prot;

	for (p = first; p < last; p = q) {
		prot = vm_pager_host_prot(pager, p, r->protection);
		for (q = p + 1; q < last &&
		    vm_pager_host_prot(pager, q, r->protection) == prot; q++)
			;
		(void)mprotect((void *)(at + (p - first) * pgsz()),
		    (q - p) * pgsz(), prot);
	}
}

static void protect_all_mappings(struct vm_pager *pager, size_t first,
    size_t last)
{
	struct vm_map *map;
	size_t i;

	for (map = vm_map_all_first(); map != NULL; map = map->all_next)
		for (i = 0; i < map->nregions; i++)
			if (map->regions[i].object == pager->object)
				protect_in_region(pager, &map->regions[i],
				    first, last);
}

void vm_pager_protect_force(struct vm_pager *pager, size_t first,
    size_t last)
{
	size_t p;

	if (last > pager->npages)
		last = pager->npages;
	for (p = first; p < last; p++)
		pager->applied[p] = (uint8_t)table_prot(pager, p);
	protect_all_mappings(pager, first, last);
}

void vm_pager_protect_pages(struct vm_pager *pager, size_t first, size_t last)
{
	size_t p, q;

	if (last > pager->npages)
		last = pager->npages;
	for (p = first; p < last; p = q) {
		/* A run of pages whose table protection changed. */
		while (p < last && pager->applied[p] ==
		    (uint8_t)table_prot(pager, p))
			p++;
		for (q = p; q < last && pager->applied[q] !=
		    (uint8_t)table_prot(pager, q); q++)
			pager->applied[q] = (uint8_t)table_prot(pager, q);
		if (p < q)
			protect_all_mappings(pager, p, q);
	}
}

void vm_pager_protect_region(struct vm_map *map, const struct vm_region *r)
{
	(void)map;
	if (r->object == NULL || r->object->pager == NULL)
		return;
	pager_uffd_register(r->object->pager, r);
	protect_in_region(r->object->pager, r, 0, r->object->pager->npages);
}

/* ---- messages to the manager -------------------------------------------------- */

/*
 * A kernel message to the manager's port (a copy of the kernel's send
 * right) carrying a send right to the control port in its first
 * descriptor; size bytes, of which ndesc descriptors.
 */
static ipc_kmsg_t mo_kmsg(struct vm_pager *pager, ipc_port_t dest,
    mach_msg_type_name_t dest_type, mach_msg_id_t id, mach_msg_size_t size,
    uint32_t ndesc, mach_msg_type_name_t control_type)
{
	ipc_kmsg_t kmsg = ipc_kmsg_alloc_kernel(size);
	mach_msg_header_t *h = kmsg->ikm_header;
	mach_msg_base_t *base = (mach_msg_base_t *)(void *)h;
	mach_msg_port_descriptor_t *pd =
	    (mach_msg_port_descriptor_t *)(void *)(base + 1);
	ipc_port_t control = control_type == MACH_MSG_TYPE_PORT_RECEIVE ?
	    pager->control : ipc_port_make_send(pager->control);

	h->msgh_bits = MACH_MSGH_BITS(dest_type, 0) | MACH_MSGH_BITS_COMPLEX;
	h->msgh_id = id;
	kmsg->ikm_remote = dest;
	kmsg->ikm_remote_type = dest_type;
	base->body.msgh_descriptor_count = ndesc;
	pd->type = MACH_MSG_PORT_DESCRIPTOR;
	pd->disposition = control_type;
	kmsg->ikm_desc = calloc(ndesc, sizeof(struct ipc_kdesc));
	if (kmsg->ikm_desc == NULL)
		abort();
	kmsg->ikm_ndesc = kmsg->ikm_ndesc_done = ndesc;
	kmsg->ikm_desc[0].kd_type = MACH_MSG_PORT_DESCRIPTOR;
	kmsg->ikm_desc[0].kd_offset = sizeof(mach_msg_base_t);
	kmsg->ikm_desc[0].kd_disp = control_type;
	kmsg->ikm_desc[0].kd_port = control;
	return kmsg;
}

/* To the manager's own port, with a copy of the kernel's send right. */
static ipc_kmsg_t mo_kmsg_manager(struct vm_pager *pager, mach_msg_id_t id,
    mach_msg_size_t size, uint32_t ndesc)
{
	return mo_kmsg(pager, ipc_port_copy_send(pager->mo_port),
	    MACH_MSG_TYPE_PORT_SEND, id, size, ndesc,
	    MACH_MSG_TYPE_PORT_SEND);
}

/* memory_object_init (2200), once per object. */
static void mo_send_init(struct vm_pager *pager)
{
	__Request__memory_object_init_t *m;
	ipc_kmsg_t kmsg;

	if (pager->initialized || pager->mo_port == IP_NULL)
		return;
	pager->initialized = true;
	kmsg = mo_kmsg_manager(pager, 2200, sizeof(*m), 1);
	m = (void *)kmsg->ikm_header;
	m->NDR = mo_ndr;
	m->memory_object_page_size = pgsz();
	(void)ipc_kmsg_send_kernel(kmsg);
}

/* data_request (2202) and data_unlock (2203) share a layout. */
static void mo_send_range(struct vm_pager *pager, mach_msg_id_t id,
    memory_object_offset_t offset, vm_size_t length, vm_prot_t access)
{
	__Request__memory_object_data_request_t *m;
	ipc_kmsg_t kmsg;

	mo_send_init(pager);
	kmsg = mo_kmsg_manager(pager, id, sizeof(*m), 1);
	m = (void *)kmsg->ikm_header;
	m->NDR = mo_ndr;
	m->offset = offset;
	m->length = length;
	m->desired_access = access;
	(void)ipc_kmsg_send_kernel(kmsg);
}

_Static_assert(sizeof(__Request__memory_object_data_request_t) ==
    sizeof(__Request__memory_object_data_unlock_t), "same layout");

/*
 * memory_object_data_return (2206): the page's data, out of line, in
 * pages the message owns.
 */
static void mo_send_return(struct vm_pager *pager, size_t page, bool dirty)
{
	__Request__memory_object_data_return_t *m;
	struct ipc_kdesc *kd;
	ipc_kmsg_t kmsg;
	void *data = vm_pool_get(pgsz());

	if (data == NULL)
		return;
	memcpy(data, vm_pager_page_addr(pager, page), pgsz());
	kmsg = mo_kmsg_manager(pager, 2206, sizeof(*m), 2);
	m = (void *)kmsg->ikm_header;
	m->data.type = MACH_MSG_OOL_DESCRIPTOR;
	m->data.copy = MACH_MSG_VIRTUAL_COPY;
	m->data.deallocate = FALSE;
	m->data.size = (mach_msg_size_t)pgsz();
	kd = &kmsg->ikm_desc[1];
	kd->kd_type = MACH_MSG_OOL_DESCRIPTOR;
	kd->kd_offset = (uint32_t)offsetof(__Request__memory_object_data_return_t,
	    data);
	kd->kd_map = data;
	kd->kd_map_size = pgsz();
	kd->kd_off = 0;
	kd->kd_size = (mach_msg_size_t)pgsz();
	kd->kd_copy = MACH_MSG_VIRTUAL_COPY;
	m->NDR = mo_ndr;
	m->offset = (memory_object_offset_t)page * pgsz();
	m->dataCnt = (mach_msg_type_number_t)pgsz();
	m->dirty = dirty;
	m->kernel_copy = FALSE;
	pager->data_returns++;
	(void)ipc_kmsg_send_kernel(kmsg);
}

/* memory_object_synchronize (2207). */
static void mo_send_synchronize(struct vm_pager *pager,
    memory_object_offset_t offset, vm_size_t length, vm_sync_t flags)
{
	__Request__memory_object_synchronize_t *m;
	ipc_kmsg_t kmsg;

	mo_send_init(pager);
	kmsg = mo_kmsg_manager(pager, 2207, sizeof(*m), 1);
	m = (void *)kmsg->ikm_header;
	m->NDR = mo_ndr;
	m->offset = offset;
	m->length = length;
	m->sync_flags = flags;
	(void)ipc_kmsg_send_kernel(kmsg);
}

/*
 * Routine:	vm_pager_reply_completed
 * Purpose:	memory_object_lock_completed (2204) or
 *		memory_object_change_completed (2208) to reply_to, a right
 *		the kernel holds (consumed).
 */
void vm_pager_reply_completed(struct vm_pager *pager, ipc_port_t reply,
    mach_msg_type_name_t type, mach_msg_id_t id,
    memory_object_offset_t offset, vm_size_t length, int flavor)
{
	ipc_kmsg_t kmsg;

	if (!IP_VALID(reply))
		return;
	if (id == 2204) {
		__Request__memory_object_lock_completed_t *m;

		kmsg = mo_kmsg(pager, reply, type, id, sizeof(*m), 1,
		    MACH_MSG_TYPE_PORT_SEND);
		m = (void *)kmsg->ikm_header;
		m->NDR = mo_ndr;
		m->offset = offset;
		m->length = length;
	} else {
		__Request__memory_object_change_completed_t *m;

		kmsg = mo_kmsg(pager, reply, type, id, sizeof(*m), 1,
		    MACH_MSG_TYPE_PORT_SEND);
		m = (void *)kmsg->ikm_header;
		m->NDR = mo_ndr;
		m->flavor = flavor;
	}
	(void)ipc_kmsg_send_kernel(kmsg);
}

/*
 * memory_object_terminate (2201): the manager gets the kernel's send
 * right to its port (moved) and the control port's receive right; the
 * control port no longer stands for the object.
 */
static void mo_send_terminate(struct vm_pager *pager)
{
	ipc_port_t control = pager->control, mo = pager->mo_port;
	ipc_entry_t e;
	ipc_kmsg_t kmsg;

	pager->control = IP_NULL;
	pager->mo_port = IP_NULL;
	if (mo != IP_NULL)
		mo->ip_kheld_srights--;
	if (control == IP_NULL) {
		if (mo != IP_NULL)
			ipc_port_release_send(mo);
		return;
	}
	if (mo == IP_NULL || !pager->initialized) {
		ipc_kobject_destroy_port(control);
		if (mo != IP_NULL)
			ipc_port_release_send(mo);
		return;
	}
	control->ip_kobject = NULL;
	control->ip_kotype = IKOT_NONE;
	e = ipc_entry_lookup_port(ipc_space_kernel, control);
	if (e == NULL || ipc_right_copyin(ipc_space_kernel, e->ie_name,
	    MACH_MSG_TYPE_MOVE_RECEIVE, &control) != KERN_SUCCESS) {
		ipc_port_release_send(mo);
		return;
	}
	pager->control = control;	/* mo_kmsg moves it into the message */
	kmsg = mo_kmsg(pager, mo, MACH_MSG_TYPE_PORT_SEND, 2201,
	    sizeof(__Request__memory_object_terminate_t), 1,
	    MACH_MSG_TYPE_PORT_RECEIVE);
	pager->control = IP_NULL;
	(void)ipc_kmsg_send_kernel(kmsg);
}

/* ---- the object's end -------------------------------------------------------------- */

/*
 * Routine:	vm_pager_object_free
 * Purpose:	The last mapping (or UPL) of the object is gone: the
 *		manager gets memory_object_terminate, faulters and msync
 *		waiters wake, and the table goes with the object.
 * Conditions:	Kernel locked.
 */
void vm_pager_object_free(struct vm_object *object)
{
	struct vm_pager *pager = object->pager, **pp;
	struct vm_pager_sync *s;

	for (pp = &pager_list; *pp != NULL; pp = &(*pp)->next)
		if (*pp == pager) {
			*pp = pager->next;
			break;
		}
	pager->destroyed = true;
	mo_send_terminate(pager);
	(void)waitq_wakeup_all(&pager->waiters, THREAD_RESTART);
	for (s = pager->syncs; s != NULL; s = s->next)
		s->done = true;
	(void)waitq_wakeup_all(&pager->syncers, THREAD_RESTART);
	if (pager->dp != NULL)
		dp_object_release(pager->dp);
	vm_upl_window_retire(pager);
	if (pager->window != NULL)
		vm_host_unmap(pager->window, object->size);
	free(pager->state);
	free(pager->lock);
	free(pager->applied);
	free(pager);
	object->pager = NULL;
	__atomic_sub_fetch(&pager_count, 1, __ATOMIC_RELEASE);
}

/*
 * Routine:	vm_pager_destroy
 * Purpose:	memory_object_destroy: the object's pages are gone for
 *		good; later accesses through its mappings are memory
 *		errors (exceptions).  The manager gets terminate now.
 */
void vm_pager_destroy(struct vm_pager *pager, kern_return_t reason)
{
	struct vm_pager *p, **pp;
	struct vm_pager_sync *s;

	for (pp = &pager_list; (p = *pp) != NULL; pp = &p->next)
		if (p == pager) {
			*pp = p->next;
			break;
		}
	pager->next = NULL;
	pager->destroyed = true;
	pager->destroy_reason = reason;
	pager_drop(pager, 0, pager->npages);
	memset(pager->state, 0, pager->npages);
	vm_pager_protect_pages(pager, 0, pager->npages);
	vm_pager_wake(pager, 0, pager->npages, 0, 0);
	mo_send_terminate(pager);
	(void)waitq_wakeup_all(&pager->waiters, THREAD_RESTART);
	for (s = pager->syncs; s != NULL; s = s->next)
		s->done = true;
	(void)waitq_wakeup_all(&pager->syncers, THREAD_RESTART);
}

/* ---- supplying, cleaning, flushing ------------------------------------------------ */

void vm_pager_supplied(struct vm_pager *pager, vm_offset_t offset,
    vm_size_t size, bool error, vm_offset_t woke_lo, vm_offset_t woke_hi)
{
	size_t first = offset / pgsz(), last = (offset + size) / pgsz(), p;

	if (last > pager->npages)
		last = pager->npages;
	for (p = first; p < last; p++) {
		if (error) {
			pager->state[p] |= VPG_ERROR;
		} else {
			pager->state[p] |= VPG_PRESENT;
			pager->state[p] &= (uint8_t)~(VPG_ERROR | VPG_DIRTY);
		}
		pager->state[p] &= (uint8_t)~VPG_REQUESTED;
	}
	vm_pager_protect_pages(pager, first, last);
	vm_pager_wake(pager, first, last, woke_lo, woke_hi);
	(void)waitq_wakeup_all(&pager->waiters, THREAD_AWAKENED);
}

/* Return (or page out) one resident page; false when it must stay. */
static bool pager_clean_page(struct vm_pager *pager, size_t p, bool all)
{
	uint8_t st = pager->state[p];

	if (!(st & VPG_PRESENT) || (!(st & VPG_DIRTY) && !all))
		return true;
	if (pager->dp != NULL) {
		if (!dp_page_out(pager->dp, pager, p))
			return false;
	} else if (pager->mo_port != IP_NULL) {
		mo_send_return(pager, p, (st & VPG_DIRTY) != 0);
	}
	pager->state[p] &= (uint8_t)~VPG_DIRTY;
	return true;
}

void vm_pager_lock_range(struct vm_pager *pager, memory_object_offset_t offset,
    memory_object_size_t size, memory_object_return_t should_return,
    bool flush, vm_prot_t lock_value)
{
	size_t first = (size_t)(offset / pgsz());
	size_t last = (size_t)((offset + size + pgsz() - 1) / pgsz()), p;
	bool ret = should_return != MEMORY_OBJECT_RETURN_NONE;
	bool all = should_return == MEMORY_OBJECT_RETURN_ALL ||
	    should_return == MEMORY_OBJECT_RETURN_ANYTHING;

	if (last > pager->npages)
		last = pager->npages;
	/* The default pager keeps what it drops: flushing pages out. */
	if (pager->dp != NULL && flush)
		ret = true;
	for (p = first; p < last; p++) {
		bool kept = !ret || pager_clean_page(pager, p, all);

		if (lock_value != VM_PROT_NO_CHANGE)
			pager->lock[p] = (uint8_t)(lock_value & VM_PROT_ALL);
		if (flush && kept && (pager->state[p] & VPG_PRESENT)) {
			pager->state[p] &= (uint8_t)~(VPG_PRESENT | VPG_DIRTY);
			pager_drop(pager, p, p + 1);
		}
		pager->state[p] &= (uint8_t)~VPG_UNLOCKING;
	}
	vm_pager_protect_pages(pager, first, last);
	(void)waitq_wakeup_all(&pager->waiters, THREAD_AWAKENED);
}

kern_return_t vm_pager_msync(struct vm_object *object, vm_offset_t offset,
    vm_size_t size, vm_sync_t flags)
{
	struct vm_pager *pager = object->pager;
	struct vm_pager_sync s = { offset, size, false, NULL }, **sp;
	wait_result_t wr = THREAD_AWAKENED;

	if (pager->destroyed)
		return KERN_MEMORY_ERROR;
	vm_pager_lock_range(pager, offset, size, MEMORY_OBJECT_RETURN_DIRTY,
	    (flags & (VM_SYNC_INVALIDATE | VM_SYNC_KILLPAGES)) != 0,
	    VM_PROT_NO_CHANGE);
	if (pager->mo_port == IP_NULL)
		return KERN_SUCCESS;		/* the default pager: done */
	mo_send_synchronize(pager, offset, size, flags);
	if (!(flags & VM_SYNC_SYNCHRONOUS))
		return KERN_SUCCESS;
	s.next = pager->syncs;
	pager->syncs = &s;
	vm_object_reference(object);
	while (!s.done && wr != THREAD_INTERRUPTED)
		wr = thread_block(&pager->syncers, NULL);
	/* The object may have lost its pager meanwhile (terminated). */
	pager = object->pager;
	if (pager != NULL)
		for (sp = &pager->syncs; *sp != NULL; sp = &(*sp)->next)
			if (*sp == &s) {
				*sp = s.next;
				break;
			}
	vm_object_deallocate(object);
	if (wr == THREAD_INTERRUPTED && !s.done)
		return KERN_ABORTED;
	return pager == NULL || pager->destroyed ? KERN_MEMORY_ERROR :
	    KERN_SUCCESS;
}

/* memory_object_synchronize_completed: wake the matching msync. */
void vm_pager_sync_completed(struct vm_pager *pager,
    memory_object_offset_t offset, vm_size_t length)
{
	struct vm_pager_sync *s;

	for (s = pager->syncs; s != NULL; s = s->next)
		if (!s->done && s->offset == offset && s->length == length) {
			s->done = true;
			break;
		}
	(void)waitq_wakeup_all(&pager->syncers, THREAD_AWAKENED);
}

/* ---- faults ------------------------------------------------------------------------------ */

/* The region (of any map: one address space) with a pager at addr. */
static struct vm_region *pager_region_at(vm_offset_t addr)
{
	struct vm_map *map;
	struct vm_region *r;
	size_t i;

	for (map = vm_map_all_first(); map != NULL; map = map->all_next) {
		i = vm_region_search(map, addr);
		if (i >= map->nregions)
			continue;
		r = &map->regions[i];
		if (r->start <= addr && r->object != NULL &&
		    r->object->pager != NULL)
			return r;
	}
	return NULL;
}

/* The access a fault asked for, from the x86-64 page-fault error code. */
static vm_prot_t fault_access(void *uctx)
{
	ucontext_t *uc = uctx;
	greg_t err = uc != NULL ? uc->uc_mcontext.gregs[REG_ERR] : 0;

	if (err & 0x10)
		return VM_PROT_EXECUTE;
	return (err & 0x2) ? VM_PROT_WRITE : VM_PROT_READ;
}

enum fault_step { FAULT_DONE, FAULT_WAIT, FAULT_FAIL, FAULT_AGAIN };

/*
 * One look at the faulting page: resolve it now (DONE), ask the manager
 * and wait (WAIT), or give up (FAIL: a real protection fault, an error
 * page, a destroyed object).  Conditions: kernel locked.
 */
static enum fault_step fault_step(vm_offset_t addr, vm_prot_t need,
    bool first)
{
	struct vm_region *r = pager_region_at(addr);
	struct vm_pager *pager;
	size_t page;
	uint8_t st;

	if (r == NULL)
		return FAULT_FAIL;
	pager = r->object->pager;
	page = (r->offset + ksim_trunc_page(addr) - r->start) / pgsz();
	if ((r->protection & need) != need || pager->destroyed ||
	    page >= pager->npages)
		return FAULT_FAIL;
	st = pager->state[page];
	if (st & VPG_ERROR)
		return FAULT_FAIL;
	if (!(st & VPG_PRESENT)) {
		if (pager->dp != NULL) {
			dp_page_in(pager->dp, pager, page);
			return FAULT_AGAIN;
		}
		if (!(st & VPG_REQUESTED)) {
			pager->state[page] |= VPG_REQUESTED;
			pager->data_requests++;
			mo_send_range(pager, 2202,
			    (memory_object_offset_t)page * pgsz(), pgsz(),
			    need | VM_PROT_READ);
		}
		return FAULT_WAIT;
	}
	if (need & pager->lock[page]) {
		if (pager->mo_port == IP_NULL)
			return FAULT_FAIL;
		if (!(st & VPG_UNLOCKING)) {
			pager->state[page] |= VPG_UNLOCKING;
			mo_send_range(pager, 2203,
			    (memory_object_offset_t)page * pgsz(), pgsz(),
			    need & pager->lock[page]);
		}
		return FAULT_WAIT;
	}
	if ((need & VM_PROT_WRITE) && !(st & VPG_DIRTY)) {
		pager->state[page] |= VPG_DIRTY;
		vm_pager_protect_pages(pager, page, page + 1);
	} else if (first) {
		/* Nothing changed, yet the access faulted: a mapping's
		   protection is behind the table; bring it up to date.
		   (After a wait, the answer that woke us did that.) */
		vm_pager_protect_force(pager, page, page + 1);
	}
	return FAULT_DONE;
}

/*
 * Routine:	vm_pager_fault
 * Purpose:	See <ksim/pager.h>.  A thread not known to the kernel, or
 *		one holding the kernel lock (a kernel copy), is never made
 *		to wait here: its fault takes the ordinary course.
 */
bool vm_pager_fault(int sig, siginfo_t *si, void *uctx)
{
	vm_offset_t addr = (vm_offset_t)si->si_addr;
	vm_prot_t need;
	thread_t th = thread_current_noboot();
	enum fault_step step;
	bool first = true;
	struct waitq *wq;
	struct vm_region *r;

	if (sig != SIGSEGV || th == THREAD_NULL || ksim_locked() ||
	    ksim_kernel_busy > 0 ||
	    __atomic_load_n(&pager_count, __ATOMIC_ACQUIRE) == 0)
		return false;
	need = fault_access(uctx);
	ksim_lock();
	for (;;) {
		step = fault_step(addr, need, first);
		first = false;
		if (step == FAULT_DONE || step == FAULT_FAIL)
			break;
		if (step == FAULT_AGAIN)
			continue;
		r = pager_region_at(addr);
		wq = &r->object->pager->waiters;
		if (thread_block(wq, NULL) == THREAD_INTERRUPTED) {
			/* thread_abort, a suspension or the thread's end:
			   leave the handler (the unlock is a stop point);
			   the access faults again if it still must. */
			step = FAULT_DONE;
			break;
		}
	}
	ksim_unlock();
	return step == FAULT_DONE;
}
