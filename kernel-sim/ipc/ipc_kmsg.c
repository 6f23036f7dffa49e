/*
 * ipc_kmsg.c - kernel messages: copyin of a user message (header, then
 * body in two passes), copyout to a receiver (or back to the sender,
 * pseudo-receive), trailers, and destruction.
 *
 * A kmsg keeps the user layout in its buffer (inline data untouched) and
 * the rights it carries in side fields: the header's two ports, and one
 * ipc_kdesc per descriptor with its port, its OOL mapping, or its array
 * of ports.  Port fields in the buffer are rewritten only at copyout.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include <ksim/ipc.h>
#include <ksim/mig_convert.h>
#include <ksim/vm.h>

struct ipc_kmsg_list ipc_all_kmsgs = TAILQ_HEAD_INITIALIZER(ipc_all_kmsgs);
size_t ipc_kmsg_count;

static struct ipc_kmsg_list destroy_queue =
    TAILQ_HEAD_INITIALIZER(destroy_queue);
static bool destroying;

#define KD_PORT_SIZE	12
#define KD_OOL_SIZE	16


/* ---- allocation ------------------------------------------------------------- */

/*
 * The kmsg cache.  Most messages are small (MIG requests and replies,
 * notifications, short data): a kmsg with room for IKM_CACHE_SIZE bytes
 * and the largest trailer is one allocation, the buffer right behind the
 * struct, and a freed one goes on a free list of at most IKM_CACHE_MAX,
 * so the common send, receive and kernel-call paths never reach malloc.
 * One list for the process, not one per thread: a message is usually
 * allocated by its sender and freed by its receiver.  The kernel lock
 * guards it: a kmsg allocated or freed without the lock held (a large
 * send's copy, made before the lock is taken) bypasses it.  Under
 * AddressSanitizer nothing is cached, so that a use after free is still
 * caught.
 *
 *   ikm_cache -> kmsg -> kmsg -> ...   (linked through ikm_link)
 */
#define IKM_CACHE_SIZE	512
#define IKM_CACHE_MAX	64
#if defined(__SANITIZE_ADDRESS__)
#define IKM_CACHE_ON	false
#else
#define IKM_CACHE_ON	true
#endif

static ipc_kmsg_t ikm_cache;
static unsigned ikm_cache_len;

/* A cached kmsg, or NULL. */
static ipc_kmsg_t ikm_cache_get(void)
{
	ipc_kmsg_t kmsg;

	if (!IKM_CACHE_ON || !ksim_locked() || (kmsg = ikm_cache) == NULL)
		return NULL;
	ikm_cache = TAILQ_NEXT(kmsg, ikm_link);
	ikm_cache_len--;
	return kmsg;
}

/* Keep a kmsg of the cached kind; false when the list is full. */
static bool ikm_cache_put(ipc_kmsg_t kmsg)
{
	if (!IKM_CACHE_ON || !ksim_locked() || ikm_cache_len >= IKM_CACHE_MAX)
		return false;
	TAILQ_NEXT(kmsg, ikm_link) = ikm_cache;
	ikm_cache = kmsg;
	ikm_cache_len++;
	return true;
}

/*
 * Routine:	ipc_kmsg_alloc
 * Purpose:	A kmsg with room for size bytes and the largest trailer.
 * Conditions:	Any.
 * Returns:	The kmsg, or NULL when memory is short.
 */
ipc_kmsg_t ipc_kmsg_alloc(mach_msg_size_t size)
{
	ipc_kmsg_t kmsg;

	if (size <= IKM_CACHE_SIZE) {
		kmsg = ikm_cache_get();
		if (kmsg == NULL) {
			kmsg = malloc(sizeof(*kmsg) + IKM_CACHE_SIZE +
			    MAX_TRAILER_SIZE);
			if (kmsg == NULL)
				return NULL;
		}
		memset(kmsg, 0, sizeof(*kmsg));
		kmsg->ikm_header = (mach_msg_header_t *)(void *)(kmsg + 1);
		kmsg->ikm_inline = true;
		kmsg->ikm_size = size;
		return kmsg;
	}
	kmsg = calloc(1, sizeof(*kmsg));
	if (kmsg == NULL)
		return NULL;
	kmsg->ikm_header = malloc((size_t)size + MAX_TRAILER_SIZE);
	if (kmsg->ikm_header == NULL) {
		free(kmsg);
		return NULL;
	}
	kmsg->ikm_size = size;
	return kmsg;
}

/* Conditions: kernel locked (joins the list of live messages). */
static void kmsg_track(ipc_kmsg_t kmsg)
{
	TAILQ_INSERT_TAIL(&ipc_all_kmsgs, kmsg, ikm_all_link);
	ipc_kmsg_count++;
}

ipc_kmsg_t ipc_kmsg_alloc_kernel(mach_msg_size_t size)
{
	ipc_kmsg_t kmsg = ipc_kmsg_alloc(size);
	static const security_token_t ktok = KERNEL_SECURITY_TOKEN_VALUE;

	if (kmsg == NULL)
		abort();
	memset(kmsg->ikm_header, 0, size);
	kmsg->ikm_header->msgh_size = size;
	kmsg->ikm_sender = ktok;
	kmsg_track(kmsg);
	return kmsg;
}

/* Free a kmsg that carries nothing any more (tracked or not).
   Conditions: kernel locked if it is tracked. */
void ipc_kmsg_free(ipc_kmsg_t kmsg)
{
	if (kmsg->ikm_all_link.tqe_prev != NULL) {
		TAILQ_REMOVE(&ipc_all_kmsgs, kmsg, ikm_all_link);
		ipc_kmsg_count--;
	}
	free(kmsg->ikm_desc);
	if (!kmsg->ikm_inline)
		free(kmsg->ikm_header);
	else if (ikm_cache_put(kmsg))
		return;
	free(kmsg);
}

/* ---- destruction ------------------------------------------------------------- */

static void kdesc_clean(struct ipc_kdesc *kd)
{
	mach_msg_size_t i;

	switch (kd->kd_type) {
	case MACH_MSG_PORT_DESCRIPTOR:
		ipc_right_release(kd->kd_port, kd->kd_disp);
		kd->kd_port = IP_NULL;
		break;
	case MACH_MSG_OOL_DESCRIPTOR:
	case MACH_MSG_OOL_VOLATILE_DESCRIPTOR:
		if (kd->kd_map != NULL)
			vm_pool_put(kd->kd_map, kd->kd_map_size);
		kd->kd_map = NULL;
		break;
	case MACH_MSG_OOL_PORTS_DESCRIPTOR:
		for (i = 0; i < kd->kd_count; i++)
			ipc_right_release(kd->kd_ports[i], kd->kd_disp);
		free(kd->kd_ports);
		kd->kd_ports = NULL;
		kd->kd_count = 0;
		break;
	default:
		break;
	}
}

/*
 * Routine:	ipc_kmsg_clean
 * Purpose:	Release everything the message carries (1.7): header
 *		rights, then the descriptors copied in so far.
 * Conditions:	Kernel locked.
 */
void ipc_kmsg_clean(ipc_kmsg_t kmsg)
{
	uint32_t i;

	ipc_right_release(kmsg->ikm_remote, kmsg->ikm_remote_type);
	kmsg->ikm_remote = IP_NULL;
	ipc_right_release(kmsg->ikm_local, kmsg->ikm_local_type);
	kmsg->ikm_local = IP_NULL;
	for (i = 0; i < kmsg->ikm_ndesc_done; i++)
		kdesc_clean(&kmsg->ikm_desc[i]);
	kmsg->ikm_ndesc_done = 0;
}

/*
 * Routine:	ipc_kmsg_destroy_deferred
 * Purpose:	Destroy a message.  Receive rights inside it destroy their
 *		ports, whose queued messages are destroyed in turn; this
 *		is done from a work list, never by recursion.
 * Conditions:	Kernel locked.
 */
void ipc_kmsg_destroy_deferred(ipc_kmsg_t kmsg)
{
	TAILQ_INSERT_TAIL(&destroy_queue, kmsg, ikm_link);
	if (destroying)
		return;
	destroying = true;
	while ((kmsg = TAILQ_FIRST(&destroy_queue)) != NULL) {
		TAILQ_REMOVE(&destroy_queue, kmsg, ikm_link);
		ipc_kmsg_clean(kmsg);
		ipc_kmsg_free(kmsg);
	}
	destroying = false;
}

void ipc_kmsg_destroy(ipc_kmsg_t kmsg)
{
	ipc_kmsg_destroy_deferred(kmsg);
}

/*
 * Routine:	ipc_kmsg_ool_relocate
 * Purpose:	A region moved into a message by deallocate keeps its host
 *		address while the message is in transit (the move costs no
 *		page-table work); when a task maps that range again, the
 *		region moves out of its way.  Every live message is on
 *		ipc_all_kmsgs, and its regions not yet copied out are the
 *		kd_map of its first ikm_ndesc_done descriptors.
 * Conditions:	Kernel locked.
 * Returns:	true when a region moved.
 */
bool ipc_kmsg_ool_relocate(vm_offset_t start, vm_offset_t end)
{
	ipc_kmsg_t kmsg;
	bool moved = false;
	uint32_t i;

	TAILQ_FOREACH(kmsg, &ipc_all_kmsgs, ikm_all_link) {
		for (i = 0; i < kmsg->ikm_ndesc_done; i++) {
			struct ipc_kdesc *kd = &kmsg->ikm_desc[i];
			vm_offset_t s = (vm_offset_t)kd->kd_map;
			void *to;

			if ((kd->kd_type != MACH_MSG_OOL_DESCRIPTOR &&
			    kd->kd_type != MACH_MSG_OOL_VOLATILE_DESCRIPTOR) ||
			    kd->kd_map == NULL || s >= end ||
			    s + kd->kd_map_size <= start)
				continue;
			to = vm_pages_relocate(kd->kd_map, kd->kd_map_size);
			if (to != NULL) {
				kd->kd_map = to;
				moved = true;
			}
		}
	}
	return moved;
}

/* ---- header copyin ------------------------------------------------------------ */

static bool disp_is_send_any(mach_msg_type_name_t t)
{
	return t >= MACH_MSG_TYPE_MOVE_SEND && t <= MACH_MSG_TYPE_MAKE_SEND_ONCE;
}

static mach_msg_return_t check_header_bits(const mach_msg_header_t *h)
{
	mach_msg_bits_t bits = h->msgh_bits;
	mach_msg_type_name_t rt = MACH_MSGH_BITS_REMOTE(bits);
	mach_msg_type_name_t lt = MACH_MSGH_BITS_LOCAL(bits);

	if (bits & ~MACH_MSGH_BITS_USER)
		return MACH_SEND_INVALID_HEADER;
	if (!disp_is_send_any(rt))
		return MACH_SEND_INVALID_HEADER;
	if (lt == 0 ? h->msgh_local_port != MACH_PORT_NULL :
	    !disp_is_send_any(lt))
		return MACH_SEND_INVALID_HEADER;
	return MACH_MSG_SUCCESS;
}

static mach_msg_return_t check_voucher(const mach_msg_header_t *h)
{
	mach_msg_type_name_t vt = MACH_MSGH_BITS_VOUCHER(h->msgh_bits);

	if (vt == 0)
		return MACH_MSG_SUCCESS;
	if ((vt == MACH_MSG_TYPE_MOVE_SEND || vt == MACH_MSG_TYPE_COPY_SEND) &&
	    h->msgh_voucher_port == MACH_PORT_NULL)
		return MACH_MSG_SUCCESS;
	return MACH_SEND_INVALID_VOUCHER;
}

/* The destination must be a live right the disposition can use. */
static bool dest_right_ok(ipc_space_t space, ipc_entry_t e,
    mach_msg_type_name_t dt)
{
	return ipc_right_copyin_check(space, e, dt) &&
	    !(e->ie_bits & MACH_PORT_TYPE_DEAD_NAME);
}

/*
 * Routine:	ipc_kmsg_copyin_header
 * Purpose:	Copy in the destination and reply rights (2.2), checking
 *		in the documented order; all-or-nothing.
 * Conditions:	Kernel locked.
 * Returns:	MACH_MSG_SUCCESS; MACH_SEND_INVALID_HEADER,
 *		MACH_SEND_INVALID_DEST, MACH_SEND_INVALID_VOUCHER,
 *		MACH_SEND_INVALID_REPLY with no right changed.
 */
mach_msg_return_t ipc_kmsg_copyin_header(ipc_kmsg_t kmsg, ipc_space_t space)
{
	mach_msg_header_t *h = kmsg->ikm_header;
	mach_msg_type_name_t dt = MACH_MSGH_BITS_REMOTE(h->msgh_bits);
	mach_msg_type_name_t rt = MACH_MSGH_BITS_LOCAL(h->msgh_bits);
	mach_port_name_t dn = h->msgh_remote_port, rn = h->msgh_local_port;
	ipc_entry_t de, re = NULL;
	ipc_port_t dport, rport = IP_NULL;
	mach_msg_return_t mr;

	mr = check_header_bits(h);
	if (mr != MACH_MSG_SUCCESS)
		return mr;
	if (!MACH_PORT_VALID(dn) || space == IPC_SPACE_NULL ||
	    !space->is_active)
		return MACH_SEND_INVALID_DEST;
	mr = check_voucher(h);
	if (mr != MACH_MSG_SUCCESS)
		return mr;
	de = ipc_entry_lookup(space, dn);
	if (de == NULL)
		return MACH_SEND_INVALID_DEST;
	if (MACH_PORT_VALID(rn)) {
		re = ipc_entry_lookup(space, rn);
		if (re == NULL || !ipc_right_copyin_check(space, re, rt))
			return MACH_SEND_INVALID_REPLY;
	}
	if (!dest_right_ok(space, de, dt))
		return MACH_SEND_INVALID_DEST;
	if (re == de) {
		if (dt == MACH_MSG_TYPE_MOVE_SEND_ONCE ||
		    rt == MACH_MSG_TYPE_MOVE_SEND_ONCE)
			return MACH_SEND_INVALID_DEST;
		if (dt == MACH_MSG_TYPE_MOVE_SEND &&
		    rt == MACH_MSG_TYPE_MOVE_SEND && de->ie_urefs < 2)
			return MACH_SEND_INVALID_DEST;
	}

	/* Checks passed: copy in, a copy before a move of the same name. */
	if (re != NULL && rt != MACH_MSG_TYPE_MOVE_SEND) {
		(void)ipc_right_copyin(space, rn, rt, &rport);
		(void)ipc_right_copyin(space, dn, dt, &dport);
	} else {
		(void)ipc_right_copyin(space, dn, dt, &dport);
		if (re != NULL)
			(void)ipc_right_copyin(space, rn, rt, &rport);
	}
	if (rn == MACH_PORT_DEAD && rt != 0)
		rport = IP_DEAD;
	kmsg->ikm_remote = dport;
	kmsg->ikm_remote_type = ipc_object_copyin_type(dt);
	kmsg->ikm_local = rport;
	kmsg->ikm_local_type = rt ? ipc_object_copyin_type(rt) : 0;
	return MACH_MSG_SUCCESS;
}

/* ---- body copyin --------------------------------------------------------------- */

static mach_msg_descriptor_type_t desc_type(const uint8_t *d)
{
	return ((const mach_msg_type_descriptor_t *)(const void *)d)->type;
}

static uint32_t desc_size(mach_msg_descriptor_type_t t)
{
	switch (t) {
	case MACH_MSG_OOL_DESCRIPTOR:
	case MACH_MSG_OOL_PORTS_DESCRIPTOR:
	case MACH_MSG_OOL_VOLATILE_DESCRIPTOR:
		return KD_OOL_SIZE;
	default:
		return KD_PORT_SIZE;
	}
}

/*
 * Routine:	body_check
 * Purpose:	First pass over the descriptors: sizes, copy options,
 *		port-slot total.  Nothing is copied in.  There is no copy
 *		limit of the kernel's own: out-of-line memory is bounded by
 *		what the sender really has mapped and what the host can
 *		give (copyin_ool_desc).
 */
static mach_msg_return_t body_check(ipc_kmsg_t kmsg, uint32_t count)
{
	uint8_t *base = (uint8_t *)kmsg->ikm_header;
	uint32_t off = sizeof(mach_msg_base_t), i;
	uint64_t slots = 0;

	for (i = 0; i < count; i++) {
		uint8_t *d = base + off;
		mach_msg_descriptor_type_t t;

		if (off + KD_PORT_SIZE > kmsg->ikm_size)
			return MACH_SEND_MSG_TOO_SMALL;
		t = desc_type(d);
		if (off + desc_size(t) > kmsg->ikm_size)
			return MACH_SEND_MSG_TOO_SMALL;
		if (t == MACH_MSG_OOL_DESCRIPTOR ||
		    t == MACH_MSG_OOL_VOLATILE_DESCRIPTOR) {
			mach_msg_ool_descriptor_t *o = (void *)d;

			if (o->copy != MACH_MSG_PHYSICAL_COPY &&
			    o->copy != MACH_MSG_VIRTUAL_COPY)
				return MACH_SEND_INVALID_TYPE;
		} else if (t == MACH_MSG_OOL_PORTS_DESCRIPTOR) {
			slots += ((mach_msg_ool_ports_descriptor_t *)
			    (void *)d)->count;
		} else if (t == MACH_MSG_PORT_DESCRIPTOR) {
			slots++;
		}
		off += desc_size(t);
	}
	if (slots >= IPC_KMSG_MAX_PORTS)
		return MACH_SEND_TOO_LARGE;
	return MACH_MSG_SUCCESS;
}

static mach_msg_return_t copyin_port_desc(ipc_space_t space,
    struct ipc_kdesc *kd, mach_msg_port_descriptor_t *d)
{
	mach_msg_type_name_t disp = d->disposition;

	/* NULL and DEAD pass through whatever the disposition (as XNU). */
	kd->kd_disp = ipc_object_copyin_type(disp);
	if (d->name == MACH_PORT_NULL) {
		kd->kd_port = IP_NULL;
	} else if (d->name == MACH_PORT_DEAD) {
		kd->kd_port = IP_DEAD;
	} else if (ipc_right_copyin(space, d->name, disp, &kd->kd_port) !=
	    KERN_SUCCESS) {
		return MACH_SEND_INVALID_RIGHT;
	}
	return MACH_MSG_SUCCESS;
}

/*
 * Out-of-line copies larger than this are made with the kernel lock
 * released, so that one task's large send does not stall every other
 * task's calls.
 */
#define OOL_COPY_UNLOCKED	(256u << 10)

/*
 * Routine:	ool_copy
 * Purpose:	Snapshot [addr, addr+size) into fresh pages, keeping the
 *		offset within the page (off) and zeroing the rest of the
 *		msize bytes.  The range must be the sender's to read
 *		(vm_map_may_read): never another task's region, the pool
 *		or a message's pages.  A large copy runs with the kernel
 *		lock released; if the kernel mapped anything meanwhile, the
 *		range is checked again before the copy is accepted.
 * Conditions:	Kernel locked (released and retaken for a large copy).
 * Returns:	MACH_MSG_SUCCESS with *out set; MACH_SEND_INVALID_MEMORY
 *		(not the sender's, or unreadable); MACH_SEND_NO_BUFFER (the
 *		host has no memory for the copy).
 */
static mach_msg_return_t ool_copy(struct vm_map *map, vm_address_t addr,
    size_t size, size_t off, size_t msize, void **out)
{
	uint8_t last, *to;
	bool ok;

	if (!vm_map_may_read(map, addr, size))
		return MACH_SEND_INVALID_MEMORY;
	/* The last byte first, so that a region shorter than claimed fails
	   before a page is mapped; then the copy stops at the first
	   unreadable page and faults in no more than it wrote. */
	if (!ksim_copyin(&last, (void *)(addr + size - 1), 1))
		return MACH_SEND_INVALID_MEMORY;
	to = vm_pool_get(msize);
	if (to == NULL)
		return MACH_SEND_NO_BUFFER;
	if (size > OOL_COPY_UNLOCKED) {
		uint64_t gen = vm_held_generation();
		unsigned depth;

		if (map != NULL)
			vm_map_reference(map);
		depth = ksim_unlock_all();
		ok = ksim_copyin(to + off, (void *)addr, size);
		ksim_relock(depth);
		if (ok && vm_held_generation() != gen)
			ok = vm_map_may_read(map, addr, size);
		if (map != NULL)
			vm_map_deallocate(map);
	} else {
		ok = ksim_copyin(to + off, (void *)addr, size);
	}
	if (!ok) {
		vm_pool_put(to, msize);
		return MACH_SEND_INVALID_MEMORY;
	}
	memset(to, 0, off);
	memset(to + off + size, 0, msize - off - size);
	*out = to;
	return MACH_MSG_SUCCESS;
}

/*
 * Routine:	copyin_ool_desc
 * Purpose:	Snapshot OOL memory.  A deallocated range the sender owns
 *		page for page moves into the message without a copy;
 *		anything else is copied (ool_copy) and then deallocated if
 *		asked.
 * Conditions:	Kernel locked (released during a large copy).
 * Returns:	MACH_MSG_SUCCESS; MACH_SEND_INVALID_MEMORY (null address,
 *		wrap, not the sender's memory, unreadable);
 *		MACH_SEND_NO_BUFFER (no memory for the copy).
 */
static mach_msg_return_t copyin_ool_desc(struct vm_map *map,
    struct ipc_kdesc *kd, mach_msg_ool_descriptor_t *d)
{
	vm_address_t addr = (vm_address_t)d->address, start;
	size_t size = d->size, off, msize;
	mach_msg_return_t mr;

	kd->kd_size = d->size;
	kd->kd_copy = d->copy;
	kd->kd_dealloc = d->deallocate;
	if (size == 0)
		return MACH_MSG_SUCCESS;
	if (addr == 0 || addr + size < addr)
		return MACH_SEND_INVALID_MEMORY;
	start = ksim_trunc_page(addr);
	off = addr - start;
	msize = ksim_round_page(off + size);
	if (d->deallocate && map != NULL && vm_map_owns(map, start, msize) &&
	    vm_map_take(map, start, msize) == KERN_SUCCESS) {
		kd->kd_map = (void *)start;
	} else {
		mr = ool_copy(map, addr, size, off, msize, &kd->kd_map);
		if (mr != MACH_MSG_SUCCESS)
			return mr;
		if (d->deallocate && map != NULL)
			(void)vm_map_remove(map, start, msize);
	}
	kd->kd_map_size = msize;
	kd->kd_off = off;
	return MACH_MSG_SUCCESS;
}

static mach_msg_return_t copyin_ool_ports_desc(ipc_space_t space,
    struct vm_map *map, struct ipc_kdesc *kd,
    mach_msg_ool_ports_descriptor_t *d)
{
	mach_msg_type_name_t disp = d->disposition;
	mach_port_name_t *names;
	mach_msg_size_t i, n = d->count;

	if (d->copy != MACH_MSG_PHYSICAL_COPY && d->copy != MACH_MSG_VIRTUAL_COPY)
		return MACH_SEND_INVALID_TYPE;
	if (n != 0 && (d->address == NULL || !vm_map_may_read(map,
	    (vm_address_t)d->address, (vm_size_t)n * sizeof(*names))))
		return MACH_SEND_INVALID_MEMORY;
	names = malloc((n ? n : 1) * sizeof(*names));
	kd->kd_ports = calloc(n ? n : 1, sizeof(ipc_port_t));
	if (names == NULL || kd->kd_ports == NULL) {
		free(names);
		free(kd->kd_ports);
		kd->kd_ports = NULL;
		return MACH_SEND_NO_BUFFER;
	}
	if (!ksim_copyin(names, d->address, n * sizeof(*names))) {
		free(names);
		free(kd->kd_ports);
		kd->kd_ports = NULL;
		return MACH_SEND_INVALID_MEMORY;
	}
	if (d->deallocate && n != 0 && map != NULL) {
		vm_address_t a = (vm_address_t)d->address;

		(void)vm_map_remove(map, ksim_trunc_page(a),
		    ksim_round_page(a + n * sizeof(*names)) -
		    ksim_trunc_page(a));
	}
	kd->kd_disp = ipc_object_copyin_type(disp);
	for (i = 0; i < n; i++) {
		mach_port_name_t nm = names[i];

		if (nm == MACH_PORT_NULL || nm == MACH_PORT_DEAD) {
			kd->kd_ports[i] = nm ? IP_DEAD : IP_NULL;
			continue;
		}
		if (ipc_right_copyin(space, nm, disp, &kd->kd_ports[i]) ==
		    KERN_SUCCESS)
			continue;
		kd->kd_count = i;
		kdesc_clean(kd);
		free(names);
		return MACH_SEND_INVALID_RIGHT;
	}
	kd->kd_count = n;
	free(names);
	return MACH_MSG_SUCCESS;
}

/*
 * Routine:	ipc_kmsg_copyin_body
 * Purpose:	Check every descriptor, then copy them in front to back.
 *		On failure the descriptors already copied in stay recorded
 *		(ikm_ndesc_done) so that destroying the message releases
 *		them with the header rights.
 * Conditions:	Kernel locked; header copied in.
 * Returns:	MACH_MSG_SUCCESS or the error of 2.4 step 3.
 */
mach_msg_return_t ipc_kmsg_copyin_body(ipc_kmsg_t kmsg, ipc_space_t space,
    struct vm_map *map)
{
	uint8_t *base = (uint8_t *)kmsg->ikm_header;
	uint32_t count = ((mach_msg_base_t *)(void *)base)->body.msgh_descriptor_count;
	uint32_t off = sizeof(mach_msg_base_t), i;
	mach_msg_return_t mr;

	mr = body_check(kmsg, count);
	if (mr != MACH_MSG_SUCCESS)
		return mr;
	kmsg->ikm_desc = calloc(count ? count : 1, sizeof(struct ipc_kdesc));
	if (kmsg->ikm_desc == NULL)
		return MACH_SEND_NO_BUFFER;
	kmsg->ikm_ndesc = count;
	for (i = 0; i < count; i++) {
		struct ipc_kdesc *kd = &kmsg->ikm_desc[i];
		void *d = base + off;
		mach_msg_descriptor_type_t t = desc_type(d);

		kd->kd_type = t;
		kd->kd_offset = off;
		switch (t) {
		case MACH_MSG_PORT_DESCRIPTOR:
			mr = copyin_port_desc(space, kd, d);
			break;
		case MACH_MSG_OOL_DESCRIPTOR:
		case MACH_MSG_OOL_VOLATILE_DESCRIPTOR:
			mr = copyin_ool_desc(map, kd, d);
			break;
		case MACH_MSG_OOL_PORTS_DESCRIPTOR:
			mr = copyin_ool_ports_desc(space, map, kd, d);
			break;
		default:
			mr = MACH_SEND_INVALID_TYPE;
			break;
		}
		if (mr != MACH_MSG_SUCCESS)
			return mr;
		kmsg->ikm_ndesc_done = i + 1;
		off += desc_size(t);
	}
	return MACH_MSG_SUCCESS;
}

/* ---- copyout --------------------------------------------------------------------- */

static mach_msg_return_t copyout_right(ipc_space_t space, ipc_port_t *portp,
    mach_msg_type_name_t type, mach_port_name_t *namep)
{
	ipc_port_t port = *portp;

	*portp = IP_NULL;
	if (ipc_right_copyout(space, port, type, namep) == KERN_SUCCESS)
		return MACH_MSG_SUCCESS;
	ipc_right_release(port, type);
	*namep = MACH_PORT_NULL;
	return MACH_MSG_IPC_SPACE;
}

static mach_msg_return_t copyout_ool(struct vm_map *map,
    struct ipc_kdesc *kd, mach_msg_ool_descriptor_t *d)
{
	mach_msg_return_t mr = MACH_MSG_SUCCESS;
	void *addr = NULL;
	mach_msg_size_t size = kd->kd_size;

	if (kd->kd_map != NULL) {
		if (map != NULL && vm_map_give(map, (vm_address_t)kd->kd_map,
		    kd->kd_map_size, true) == KERN_SUCCESS) {
			addr = (uint8_t *)kd->kd_map + kd->kd_off;
		} else {
			vm_pool_put(kd->kd_map, kd->kd_map_size);
			size = 0;
			mr = MACH_MSG_VM_SPACE;
		}
		kd->kd_map = NULL;
	}
	d->address = addr;
	d->size = size;
	d->pad1 = 0;
	d->copy = kd->kd_copy;
	d->deallocate = (kd->kd_copy == MACH_MSG_VIRTUAL_COPY);
	return mr;
}

static mach_msg_return_t copyout_ool_ports(ipc_space_t space,
    struct vm_map *map, struct ipc_kdesc *kd,
    mach_msg_ool_ports_descriptor_t *d)
{
	mach_msg_return_t mr = MACH_MSG_SUCCESS;
	mach_msg_size_t i, n = kd->kd_count;
	mach_port_name_t *names = NULL;
	size_t msize = ksim_round_page((size_t)n * sizeof(mach_port_name_t));

	if (n != 0) {
		names = vm_pool_get(msize);
		if (names != NULL && (map == NULL ||
		    vm_map_give(map, (vm_address_t)names, msize, true) !=
		    KERN_SUCCESS)) {
			vm_pool_put(names, msize);
			names = NULL;
		}
	}
	for (i = 0; i < n; i++) {
		mach_port_name_t nm;

		if (names == NULL) {
			ipc_right_release(kd->kd_ports[i], kd->kd_disp);
			continue;
		}
		mr |= copyout_right(space, &kd->kd_ports[i], kd->kd_disp, &nm);
		names[i] = nm;
	}
	if (n != 0 && names == NULL)
		mr |= MACH_MSG_VM_SPACE;
	if (names != NULL)
		memset(names + n, 0, msize - n * sizeof(*names));
	free(kd->kd_ports);
	kd->kd_ports = NULL;
	kd->kd_count = 0;
	d->address = names;
	d->count = names != NULL ? n : 0;
	d->disposition = kd->kd_disp;
	d->copy = MACH_MSG_VIRTUAL_COPY;
	d->deallocate = TRUE;
	return mr;
}

/*
 * Routine:	copyout_body
 * Purpose:	Copy out every descriptor; what cannot be delivered reads
 *		NULL or 0 and its shortage bits are returned.
 */
static mach_msg_return_t copyout_body(ipc_kmsg_t kmsg, ipc_space_t space,
    struct vm_map *map)
{
	uint8_t *base = (uint8_t *)kmsg->ikm_header;
	mach_msg_return_t mr = MACH_MSG_SUCCESS;
	uint32_t i;

	for (i = 0; i < kmsg->ikm_ndesc_done; i++) {
		struct ipc_kdesc *kd = &kmsg->ikm_desc[i];
		void *d = base + kd->kd_offset;

		switch (kd->kd_type) {
		case MACH_MSG_PORT_DESCRIPTOR: {
			mach_msg_port_descriptor_t *pd = d;
			mach_port_name_t nm;

			mr |= copyout_right(space, &kd->kd_port, kd->kd_disp,
			    &nm);
			pd->name = nm;
			pd->disposition = kd->kd_disp;
			/* nothing of the sender's but the right */
			pd->pad1 = 0;
			pd->pad2 = 0;
			break;
		}
		case MACH_MSG_OOL_DESCRIPTOR:
		case MACH_MSG_OOL_VOLATILE_DESCRIPTOR:
			mr |= copyout_ool(map, kd, d);
			break;
		case MACH_MSG_OOL_PORTS_DESCRIPTOR:
			mr |= copyout_ool_ports(space, map, kd, d);
			break;
		default:
			break;
		}
	}
	kmsg->ikm_ndesc_done = 0;
	return mr;
}

/* The name of the destination for the receiver (2.8 step 6). */
static mach_port_name_t dest_name_for(ipc_port_t dest, ipc_space_t space)
{
	if (!IP_VALID(dest))
		return dest == IP_DEAD ? MACH_PORT_DEAD : MACH_PORT_NULL;
	if (!dest->ip_active)
		return MACH_PORT_DEAD;
	if (dest->ip_receiver == space)
		return dest->ip_receiver_name;
	return MACH_PORT_NULL;
}

/* Consume the destination right that carried the message. */
static void release_dest(ipc_kmsg_t kmsg)
{
	ipc_port_t dest = kmsg->ikm_remote;

	kmsg->ikm_remote = IP_NULL;
	if (!IP_VALID(dest))
		return;
	if (kmsg->ikm_remote_type == MACH_MSG_TYPE_PORT_SEND)
		ipc_port_release_send(dest);
	else
		ipc_port_release_sonce(dest);
}

/*
 * Routine:	ipc_kmsg_copyout_dest
 * Purpose:	Deliver only the header of a message the receiver cannot
 *		take (too large, no name for the reply right): the reply
 *		right and the body are destroyed; msgh_size becomes 24.
 * Conditions:	Kernel locked.
 */
mach_msg_return_t ipc_kmsg_copyout_dest(ipc_kmsg_t kmsg, ipc_space_t space)
{
	mach_msg_header_t *h = kmsg->ikm_header;
	mach_msg_type_name_t rt = kmsg->ikm_local_type;
	mach_msg_type_name_t dt = kmsg->ikm_remote_type;
	mach_port_name_t dn = dest_name_for(kmsg->ikm_remote, space);

	release_dest(kmsg);
	ipc_kmsg_clean(kmsg);
	h->msgh_bits = MACH_MSGH_BITS(rt, dt) |
	    (h->msgh_bits & MACH_MSGH_BITS_COMPLEX);
	h->msgh_size = sizeof(mach_msg_header_t);
	h->msgh_remote_port = MACH_PORT_NULL;
	h->msgh_local_port = dn;
	h->msgh_voucher_port = MACH_PORT_NULL;
	kmsg->ikm_size = sizeof(mach_msg_header_t);
	return MACH_MSG_SUCCESS;
}

/*
 * Routine:	ipc_kmsg_copyout
 * Purpose:	Receive-side copyout (2.8 steps 6-8): the header reversed,
 *		then the body.
 * Conditions:	Kernel locked; space active.
 * Returns:	MACH_MSG_SUCCESS; MACH_RCV_HEADER_ERROR | bits (header
 *		only delivered); MACH_RCV_BODY_ERROR | bits.
 */
mach_msg_return_t ipc_kmsg_copyout(ipc_kmsg_t kmsg, ipc_space_t space,
    struct vm_map *map, mach_port_name_t dest_name_hint)
{
	mach_msg_header_t *h = kmsg->ikm_header;
	mach_msg_type_name_t rt = kmsg->ikm_local_type;
	mach_msg_type_name_t dt = kmsg->ikm_remote_type;
	mach_port_name_t rn = MACH_PORT_NULL, dn;
	mach_msg_return_t mr;

	(void)dest_name_hint;
	if (kmsg->ikm_local != IP_NULL) {
		mr = copyout_right(space, &kmsg->ikm_local, rt, &rn);
		if (mr != MACH_MSG_SUCCESS) {
			ipc_kmsg_copyout_dest(kmsg, space);
			return MACH_RCV_HEADER_ERROR | mr;
		}
	}
	dn = dest_name_for(kmsg->ikm_remote, space);
	release_dest(kmsg);
	h->msgh_bits = MACH_MSGH_BITS(rt, dt) |
	    (h->msgh_bits & MACH_MSGH_BITS_COMPLEX);
	h->msgh_size = kmsg->ikm_size;
	h->msgh_remote_port = rn;
	h->msgh_local_port = dn;
	h->msgh_voucher_port = MACH_PORT_NULL;
	mr = copyout_body(kmsg, space, map);
	return mr == MACH_MSG_SUCCESS ? mr : (MACH_RCV_BODY_ERROR | mr);
}

/*
 * Routine:	ipc_kmsg_copyout_pseudo
 * Purpose:	Hand a message that could not be queued back to its sender
 *		(2.4 step 4): every right and region copied out, the header
 *		not swapped, no trailer.
 * Conditions:	Kernel locked.
 * Returns:	The shortage bits, or MACH_MSG_SUCCESS.
 */
mach_msg_return_t ipc_kmsg_copyout_pseudo(ipc_kmsg_t kmsg, ipc_space_t space,
    struct vm_map *map)
{
	mach_msg_header_t *h = kmsg->ikm_header;
	mach_msg_type_name_t dt = kmsg->ikm_remote_type;
	mach_msg_type_name_t rt = kmsg->ikm_local_type;
	mach_port_name_t dn = MACH_PORT_NULL, rn = MACH_PORT_NULL;
	mach_msg_return_t mr;

	mr = copyout_right(space, &kmsg->ikm_remote, dt, &dn);
	if (kmsg->ikm_local != IP_NULL)
		mr |= copyout_right(space, &kmsg->ikm_local, rt, &rn);
	else if (rt != 0)
		rn = MACH_PORT_NULL;
	h->msgh_bits = MACH_MSGH_BITS(dt, rt) |
	    (h->msgh_bits & MACH_MSGH_BITS_COMPLEX);
	h->msgh_size = kmsg->ikm_size;
	h->msgh_remote_port = dn;
	h->msgh_local_port = rn;
	h->msgh_voucher_port = MACH_PORT_NULL;
	mr |= copyout_body(kmsg, space, map);
	return mr;
}

/* ---- trailers ---------------------------------------------------------------------- */

mach_msg_size_t ipc_kmsg_trailer_size(mach_msg_option_t option)
{
	return REQUESTED_TRAILER_SIZE(option);
}

/*
 * Routine:	ipc_kmsg_add_trailer
 * Purpose:	Write the trailer the receive options ask for after the
 *		message (2.9).
 */
void ipc_kmsg_add_trailer(ipc_kmsg_t kmsg, mach_msg_option_t option)
{
	ipc_trailer_write((uint8_t *)kmsg->ikm_header + kmsg->ikm_size,
	    ipc_kmsg_trailer_size(option), kmsg->ikm_seqno, &kmsg->ikm_sender,
	    &kmsg->ikm_audit, kmsg->ikm_context);
}

/*
 * Routine:	ipc_trailer_write
 * Purpose:	Write a whole trailer at `at' (a kernel buffer with room for
 *		the largest one), tsize its announced size.  Field by field:
 *		on the per-message path a memset and a variable copy cost
 *		more than the stores.
 */
void ipc_trailer_write(void *at, mach_msg_size_t tsize,
    mach_port_seqno_t seqno, const security_token_t *sender,
    const audit_token_t *audit, mach_port_context_t context)
{
	mach_msg_max_trailer_t *t = at;

	t->msgh_trailer_type = MACH_MSG_TRAILER_FORMAT_0;
	t->msgh_trailer_size = tsize;
	t->msgh_seqno = seqno;
	t->msgh_sender = *sender;
	t->msgh_audit = *audit;
	t->msgh_context = context;
	t->msgh_ad = 0;
	t->msgh_labels.sender = 0;
}
