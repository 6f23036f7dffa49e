/*
 * default_pager.c - the in-kernel default pager: backing stores made of
 * host files, the anonymous memory objects it serves (vm_map-able), and
 * its object interface (default_pager_object.defs) on its port, which
 * host_default_memory_manager hands out.
 *
 * A backing store is one unlinked host file (O_TMPFILE in
 * $MACHSIM_PAGER_DIR, else /tmp); default_pager_add_segment gives it
 * room, page slots at the file offsets the segment names.  An object's
 * page is in memory (its memfd, see vm_pager.c), or in one slot of one
 * store, or nowhere (it reads as zeros).  Paging out writes the page to
 * a free slot of the store with the highest priority that has one and
 * punches the page out of the memfd; the next touch reads it back and
 * frees the slot.
 *
 * Every object behind an IKOT_DEFAULT_PAGER port (the pager, a store,
 * a memory object) starts with a kind word (DP_KIND_*).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <default_pager/default_pager_types.h>

#include <ksim/config.h>
#include <ksim/ipc.h>
#include <ksim/kern.h>
#include <ksim/mig_convert.h>
#include <ksim/pager.h>

#include <kernel/default_pager_objectServer.h>
#include <kernel/host_privServer.h>

#define DP_KIND_PAGER	1
#define DP_KIND_STORE	2
#define DP_KIND_OBJECT	3

/* A run of the store file's pages that default_pager_add_segment gave. */
struct dp_segment {
	off_t		file_offset;	/* of its first slot */
	size_t		first_slot;
	size_t		nslots;
};

struct dp_store {
	int			kind;		/* DP_KIND_STORE */
	ipc_port_t		port;
	int			priority;
	int			clsize;
	int			fd;
	struct dp_segment	*segs;
	size_t			nsegs;
	size_t			nslots;
	uint8_t			*used;		/* per slot */
	size_t			nused;
	struct backing_store_basic_info	stats;
	struct dp_store		*next;
};

/* Where an object's page is when it is not in memory. */
struct dp_slot {
	struct dp_store		*store;		/* NULL: nowhere (zeros) */
	size_t			slot;
};

struct dp_object {
	int			kind;		/* DP_KIND_OBJECT */
	ipc_port_t		port;
	struct vm_object	*object;	/* referenced while the port
						   has senders */
	bool			released;	/* the object went: slots
						   freed */
	vm_offset_t		serial;		/* default_pager_objects' id */
	size_t			npages;
	struct dp_slot		*slots;
	struct dp_object	*next;
};

static struct {
	int			kind;		/* DP_KIND_PAGER */
	ipc_port_t		port;
	struct dp_store		*stores;
	struct dp_object	*objects;
	uint64_t		pageins, pageouts, unavail;
	vm_offset_t		serials;
} dp = { DP_KIND_PAGER, NULL, NULL, NULL, 0, 0, 0, 0 };

static size_t pgsz(void)
{
	return vm_page_size_get();
}

/* The pager's port, made on first use.  Kernel locked. */
static ipc_port_t dp_port(void)
{
	if (dp.port == IP_NULL)
		dp.port = ipc_kobject_alloc_port(&dp, IKOT_DEFAULT_PAGER);
	return dp.port;
}

/* The kobject behind a kernel-space name, if it has the kind. */
static void *dp_lookup(mach_port_t name, int kind)
{
	int *k;

	ksim_lock();
	k = ipc_kobject_lookup(name, IKOT_DEFAULT_PAGER);
	ksim_unlock();
	return k != NULL && *k == kind ? k : NULL;
}

/* A name the reply can MAKE_SEND from: the kobject port's own. */
static mach_port_t dp_reply_name(ipc_port_t port)
{
	return port->ip_receiver_name;
}

/* ---- slots ------------------------------------------------------------------------- */

static off_t slot_offset(const struct dp_store *bs, size_t slot)
{
	size_t i;

	for (i = 0; i < bs->nsegs; i++)
		if (slot - bs->segs[i].first_slot < bs->segs[i].nslots)
			return bs->segs[i].file_offset +
			    (off_t)((slot - bs->segs[i].first_slot) * pgsz());
	return -1;
}

/* A free slot of the best store (highest priority first). */
static struct dp_store *slot_alloc(size_t *slotp, struct dp_store *not)
{
	struct dp_store *bs, *best = NULL;
	size_t i;

	for (bs = dp.stores; bs != NULL; bs = bs->next)
		if (bs != not && bs->nused < bs->nslots &&
		    (best == NULL || bs->priority > best->priority))
			best = bs;
	if (best == NULL)
		return NULL;
	for (i = 0; i < best->nslots; i++)
		if (!best->used[i]) {
			best->used[i] = 1;
			best->nused++;
			*slotp = i;
			return best;
		}
	return NULL;
}

static void slot_free(struct dp_slot *s)
{
	if (s->store == NULL)
		return;
	s->store->used[s->slot] = 0;
	s->store->nused--;
	s->store = NULL;
}

/* Full reads and writes at an offset. */
static bool file_io(int fd, void *buf, size_t len, off_t off, bool write)
{
	ssize_t n;

	while (len > 0) {
		n = write ? pwrite(fd, buf, len, off) : pread(fd, buf, len, off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return false;
		buf = (uint8_t *)buf + n;
		len -= (size_t)n;
		off += n;
	}
	return true;
}

/* ---- paging ------------------------------------------------------------------------- */

static bool dp_grow(struct dp_object *o, size_t npages)
{
	struct dp_slot *s;

	if (npages <= o->npages)
		return true;
	s = realloc(o->slots, npages * sizeof(*s));
	if (s == NULL)
		return false;
	memset(s + o->npages, 0, (npages - o->npages) * sizeof(*s));
	o->slots = s;
	o->npages = npages;
	return true;
}

/*
 * Routine:	dp_page_in
 * Purpose:	Make an internal object's page resident: read from its
 *		slot (which is freed: the page is dirty again), or leave
 *		the zeros of the file's hole.  A read error makes the page
 *		an error page.
 * Conditions:	Kernel locked.
 */
void dp_page_in(struct dp_object *o, struct vm_pager *pager, size_t page)
{
	struct dp_slot *s = page < o->npages ? &o->slots[page] : NULL;
	struct dp_store *bs;
	bool ok = true;

	dp.pageins++;
	if (s == NULL || s->store == NULL) {
		/* Zeros, in the file: a hole would still be missing for a
		   mapping registered with the userfaultfd. */
		dp.unavail++;
		memset(vm_pager_page_addr(pager, page), 0, pgsz());
		pager->state[page] |= VPG_PRESENT;
	} else {
		bs = s->store;
		bs->stats.pagein_calls++;
		ok = file_io(bs->fd, vm_pager_page_addr(pager, page), pgsz(),
		    slot_offset(bs, s->slot), false);
		if (ok) {
			bs->stats.pages_in++;
			bs->stats.bs_pages_in++;
			slot_free(s);
			pager->state[page] |= VPG_PRESENT | VPG_DIRTY;
		} else {
			bs->stats.bs_pages_in_fail++;
			pager->state[page] |= VPG_ERROR;
		}
	}
	vm_pager_protect_pages(pager, page, page + 1);
}

/*
 * Routine:	dp_page_out
 * Purpose:	Write an internal object's resident page to a free slot.
 * Conditions:	Kernel locked.
 * Returns:	false when no store has room or the write failed (the
 *		page stays resident).
 */
bool dp_page_out(struct dp_object *o, struct vm_pager *pager, size_t page)
{
	struct dp_store *bs;
	size_t slot;

	if (!dp_grow(o, pager->npages))
		return false;
	if (o->slots[page].store != NULL)
		return true;			/* its copy is there */
	bs = slot_alloc(&slot, NULL);
	if (bs == NULL)
		return false;
	bs->stats.pageout_calls++;
	if (!file_io(bs->fd, vm_pager_page_addr(pager, page), pgsz(),
	    slot_offset(bs, slot), true)) {
		bs->used[slot] = 0;
		bs->nused--;
		bs->stats.bs_pages_out_fail++;
		return false;
	}
	bs->stats.pages_out++;
	bs->stats.bs_pages_out++;
	dp.pageouts++;
	o->slots[page].store = bs;
	o->slots[page].slot = slot;
	return true;
}

/* Unlink and free the record.  Kernel locked. */
static void dp_object_free(struct dp_object *o)
{
	struct dp_object **op;

	for (op = &dp.objects; *op != NULL; op = &(*op)->next)
		if (*op == o) {
			*op = o->next;
			break;
		}
	free(o->slots);
	free(o);
}

/* The object's pages in stores go (its vm_object is going); the record
   too, once its port has gone.  Kernel locked. */
void dp_object_release(struct dp_object *o)
{
	size_t i;

	for (i = 0; i < o->npages; i++)
		slot_free(&o->slots[i]);
	o->released = true;
	if (o->port == IP_NULL)
		dp_object_free(o);
}

/*
 * Routine:	dp_object_no_senders
 * Purpose:	A memory object's port lost its last send right: nobody can
 *		map it again, so the port goes and the port's reference to
 *		the object with it.  The object lives while a mapping or a
 *		memory entry holds it; when the last goes, its store pages
 *		are freed (dp_object_release) and the record with them.
 * Conditions:	Kernel locked.
 * Returns:	true for a memory object; false for the pager's port and
 *		the stores' (they outlive their senders).
 */
bool dp_object_no_senders(ipc_port_t port)
{
	struct dp_object *o = ipc_kobject_get(port, IKOT_DEFAULT_PAGER);
	struct vm_object *object;

	if (o == NULL || o->kind != DP_KIND_OBJECT)
		return false;
	o->port = IP_NULL;
	ipc_kobject_destroy_port(port);
	object = o->object;
	o->object = NULL;
	if (o->released)
		dp_object_free(o);
	vm_object_deallocate(object);	/* may release o, and free it */
	return true;
}

struct vm_object *dp_object_lookup_port(ipc_port_t port)
{
	struct dp_object *o = ipc_kobject_get(port, IKOT_DEFAULT_PAGER);

	return o != NULL && o->kind == DP_KIND_OBJECT ? o->object : NULL;
}

/* ---- host_default_memory_manager (host_priv.defs 403) ----------------------------- */

/*
 * host_default_memory_manager (403): Look up the host's default memory
 * manager: with a null *default_manager, a send right to the in-kernel
 * default pager's port.  machsim's default pager is the kernel's from
 * boot and is never replaced: a non-null *default_manager gets
 * KERN_FAILURE (the right is destroyed).  KERN_INVALID_HOST: not the
 * host-priv port; KERN_INVALID_ARGUMENT: cluster_size not a multiple of
 * the page size.
 */
kern_return_t ksim_host_default_memory_manager(host_priv_t host_priv,
    memory_object_default_t *default_manager, vm_size_t cluster_size)
{
	if (host_priv == NULL)
		return KERN_INVALID_HOST;
	if (cluster_size % pgsz() != 0)
		return KERN_INVALID_ARGUMENT;
	if (*default_manager != MACH_PORT_NULL)
		return KERN_FAILURE;
	ksim_lock();
	*default_manager = dp_reply_name(dp_port());
	ksim_unlock();
	return KERN_SUCCESS;
}

/* ---- default_pager_object.defs ----------------------------------------------- */

/* default_pager_add_file (a vnode) and default_pager_triggers (water
   marks) are not served: KERN_NOT_SUPPORTED (docs/pager.md).  A memory
   object lives while its port has senders or a mapping holds it
   (dp_object_no_senders). */

/*
 * default_pager_object_create (2275): A new zero-filled memory object of
 * object_size bytes (rounded up to pages), served by the default pager:
 * a send right to it, which vm_map maps; its data lives while a send
 * right or a mapping does.  KERN_INVALID_ARGUMENT: not the default pager's port;
 * KERN_RESOURCE_SHORTAGE.
 */
kern_return_t ksim_default_pager_object_create(mach_port_t default_pager,
    memory_object_t *memory_object, vm_size_t object_size)
{
	struct dp_object *o;
	vm_size_t size = ksim_round_page(object_size);

	if (dp_lookup(default_pager, DP_KIND_PAGER) == NULL ||
	    size < object_size)
		return KERN_INVALID_ARGUMENT;
	o = calloc(1, sizeof(*o));
	if (o == NULL)
		return KERN_RESOURCE_SHORTAGE;
	ksim_lock();
	o->kind = DP_KIND_OBJECT;
	o->object = vm_pager_object_internal(o, size);
	if (o->object == NULL) {
		ksim_unlock();
		free(o);
		return KERN_RESOURCE_SHORTAGE;
	}
	if (!dp_grow(o, size / pgsz())) {
		/* The object's end releases the record: it has no port. */
		vm_object_deallocate(o->object);
		ksim_unlock();
		return KERN_RESOURCE_SHORTAGE;
	}
	o->port = ipc_kobject_alloc_port(o, IKOT_DEFAULT_PAGER);
	o->serial = ++dp.serials;
	o->next = dp.objects;
	dp.objects = o;
	*memory_object = dp_reply_name(o->port);
	ksim_unlock();
	return KERN_SUCCESS;
}

/*
 * default_pager_info (2276): The bytes of all backing stores, the free
 * ones, and the page size.  KERN_INVALID_ARGUMENT: not the pager's port.
 */
kern_return_t ksim_default_pager_info(mach_port_t default_pager,
    default_pager_info_t *info)
{
	struct dp_store *bs;

	if (dp_lookup(default_pager, DP_KIND_PAGER) == NULL)
		return KERN_INVALID_ARGUMENT;
	memset(info, 0, sizeof(*info));
	ksim_lock();
	for (bs = dp.stores; bs != NULL; bs = bs->next) {
		info->dpi_total_space += bs->nslots * pgsz();
		info->dpi_free_space += (bs->nslots - bs->nused) * pgsz();
	}
	ksim_unlock();
	info->dpi_page_size = pgsz();
	return KERN_SUCCESS;
}

/* The pages of an object that are in a backing store. */
static size_t dp_stored(const struct dp_object *o)
{
	size_t i, n = 0;

	for (i = 0; i < o->npages; i++)
		n += o->slots[i].store != NULL;
	return n;
}

/*
 * default_pager_objects (2277): Every object the pager serves: for each,
 * an identifier (its creation number) and the backing store bytes it
 * uses, and a send right to its port.  KERN_INVALID_ARGUMENT: not the
 * pager's port; KERN_RESOURCE_SHORTAGE.
 */
kern_return_t ksim_default_pager_objects(mach_port_t default_pager,
    default_pager_object_array_t *objects, mach_msg_type_number_t *objectsCnt,
    mach_port_array_t *ports, mach_msg_type_number_t *portsCnt)
{
	struct dp_object *o;
	default_pager_object_t *recs;
	mach_port_t *names;
	size_t n = 0, i;

	if (dp_lookup(default_pager, DP_KIND_PAGER) == NULL)
		return KERN_INVALID_ARGUMENT;
	ksim_lock();
	for (o = dp.objects; o != NULL; o = o->next)
		n++;
	recs = vm_reply_array(n * sizeof(*recs));
	names = vm_reply_array(n * sizeof(*names));
	if (n != 0 && (recs == NULL || names == NULL)) {
		if (recs != NULL)
			(void)vm_map_remove(kernel_task->map,
			    (vm_address_t)recs, n * sizeof(*recs));
		if (names != NULL)
			(void)vm_map_remove(kernel_task->map,
			    (vm_address_t)names, n * sizeof(*names));
		ksim_unlock();
		return KERN_RESOURCE_SHORTAGE;
	}
	for (o = dp.objects, i = 0; o != NULL; o = o->next, i++) {
		recs[i].dpo_object = o->serial;
		recs[i].dpo_size = dp_stored(o) * pgsz();
		names[i] = ipc_kobject_reply_send(o->port);
	}
	ksim_unlock();
	*objects = recs;
	*ports = (mach_port_array_t)(void *)names;
	*objectsCnt = *portsCnt = (mach_msg_type_number_t)n;
	return KERN_SUCCESS;
}

/*
 * default_pager_object_pages (2278): The offsets of the object's pages
 * that are in a backing store.  KERN_INVALID_ARGUMENT: not the pager's
 * port, or memory_object is not one of its objects;
 * KERN_RESOURCE_SHORTAGE.
 */
kern_return_t ksim_default_pager_object_pages(mach_port_t default_pager,
    mach_port_t memory_object, default_pager_page_array_t *pages,
    mach_msg_type_number_t *pagesCnt)
{
	struct dp_object *o = dp_lookup(memory_object, DP_KIND_OBJECT);
	default_pager_page_t *recs;
	size_t n, i, k = 0;

	if (dp_lookup(default_pager, DP_KIND_PAGER) == NULL || o == NULL)
		return KERN_INVALID_ARGUMENT;
	ksim_lock();
	n = dp_stored(o);
	recs = vm_reply_array(n * sizeof(*recs));
	if (n != 0 && recs == NULL) {
		ksim_unlock();
		return KERN_RESOURCE_SHORTAGE;
	}
	for (i = 0; i < o->npages; i++)
		if (o->slots[i].store != NULL)
			recs[k++].dpp_offset = i * pgsz();
	ksim_unlock();
	*pages = recs;
	*pagesCnt = (mach_msg_type_number_t)n;
	return KERN_SUCCESS;
}

/* An unlinked file for a store, in $MACHSIM_PAGER_DIR or /tmp. */
static int store_file(void)
{
	const char *dir = getenv("MACHSIM_PAGER_DIR");
	char path[4096];
	int fd;

	if (dir == NULL || *dir == '\0')
		dir = "/tmp";
	fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
	if (fd >= 0)
		return fd;
	if (snprintf(path, sizeof(path), "%s/machsim-store-XXXXXX", dir) >=
	    (int)sizeof(path))
		return -1;
	fd = mkostemp(path, O_CLOEXEC);
	if (fd >= 0)
		(void)unlink(path);
	return fd;
}

/*
 * default_pager_backing_store_create (2280): A new backing store with
 * no room yet (default_pager_add_segment gives it some): its port.
 * priority 0..DEFAULT_PAGER_BACKING_STORE_MAXPRI, higher is used first;
 * clsize 0 (the default, one page) or a power of two number of pages.
 * KERN_INVALID_ARGUMENT: not the pager's port, a priority or clsize out
 * of range; KERN_RESOURCE_SHORTAGE: no host file.
 */
kern_return_t ksim_default_pager_backing_store_create(
    mach_port_t default_pager, int priority, int clsize,
    mach_port_t *backing_store)
{
	struct dp_store *bs;

	if (dp_lookup(default_pager, DP_KIND_PAGER) == NULL ||
	    priority < 0 || priority > DEFAULT_PAGER_BACKING_STORE_MAXPRI ||
	    clsize < 0 || (clsize & (clsize - 1)) != 0)
		return KERN_INVALID_ARGUMENT;
	bs = calloc(1, sizeof(*bs));
	if (bs == NULL)
		return KERN_RESOURCE_SHORTAGE;
	bs->fd = store_file();
	if (bs->fd < 0) {
		free(bs);
		return KERN_RESOURCE_SHORTAGE;
	}
	bs->kind = DP_KIND_STORE;
	bs->priority = priority;
	bs->clsize = clsize == 0 ? 1 : clsize;
	ksim_lock();
	bs->port = ipc_kobject_alloc_port(bs, IKOT_DEFAULT_PAGER);
	bs->next = dp.stores;
	dp.stores = bs;
	*backing_store = dp_reply_name(bs->port);
	ksim_unlock();
	return KERN_SUCCESS;
}

/*
 * Routine:	default_pager_boot
 * Purpose:	The configuration's backing stores (MACHSIM_CONFIG): each a
 *		host file at its path, opened or made, with one segment of
 *		its size; priority 0.  A store that cannot be made stops the
 *		boot (the kernel does not run half-configured).
 * Conditions:	Kernel locked; once, from host_boot.
 */
void default_pager_boot(void)
{
	unsigned i;

	for (i = 0; i < ksim_config.nstores; i++) {
		const struct ksim_config_store *c = &ksim_config.stores[i];
		struct dp_store *bs = calloc(1, sizeof(*bs));
		size_t n = (size_t)(c->size / pgsz());

		if (bs == NULL)
			abort();
		bs->fd = open(c->path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
		bs->segs = calloc(1, sizeof(*bs->segs));
		bs->used = calloc(n > 0 ? n : 1, 1);
		if (bs->fd < 0 || n == 0 || bs->segs == NULL ||
		    bs->used == NULL || ftruncate(bs->fd, (off_t)(n *
		    pgsz())) != 0) {
			fprintf(stderr, "machsim: %s: backing store '%s': %s\n"
			    "machsim: the kernel does not boot with a "
			    "configuration it cannot apply\n",
			    ksim_config.path, c->path, n == 0 ?
			    "smaller than a page" : strerror(errno));
			_exit(1);
		}
		bs->kind = DP_KIND_STORE;
		bs->clsize = 1;
		bs->segs[0].file_offset = 0;
		bs->segs[0].first_slot = 0;
		bs->segs[0].nslots = n;
		bs->nsegs = 1;
		bs->nslots = n;
		bs->port = ipc_kobject_alloc_port(bs, IKOT_DEFAULT_PAGER);
		bs->next = dp.stores;
		dp.stores = bs;
	}
}

/* Move every used slot of bs to the other stores; false: no room. */
static bool store_evacuate(struct dp_store *bs)
{
	struct dp_store *o;
	struct dp_object *obj;
	size_t room = 0, i, slot;
	void *buf;

	for (o = dp.stores; o != NULL; o = o->next)
		if (o != bs)
			room += o->nslots - o->nused;
	if (room < bs->nused)
		return false;
	buf = malloc(pgsz());
	if (buf == NULL)
		return false;
	for (obj = dp.objects; obj != NULL; obj = obj->next)
		for (i = 0; i < obj->npages; i++) {
			struct dp_slot *s = &obj->slots[i];

			if (s->store != bs)
				continue;
			o = slot_alloc(&slot, bs);
			if (o == NULL || !file_io(bs->fd, buf, pgsz(),
			    slot_offset(bs, s->slot), false) ||
			    !file_io(o->fd, buf, pgsz(),
			    slot_offset(o, slot), true)) {
				free(buf);
				return false;
			}
			slot_free(s);
			s->store = o;
			s->slot = slot;
		}
	free(buf);
	return true;
}

/*
 * default_pager_backing_store_delete (2281): Delete a backing store, its
 * pages moved to the other stores first.  KERN_INVALID_ARGUMENT: not a
 * store's port; KERN_FAILURE: the other stores have no room for its
 * pages (nothing moves; the store stays).
 */
kern_return_t ksim_default_pager_backing_store_delete(
    mach_port_t backing_store)
{
	struct dp_store *bs = dp_lookup(backing_store, DP_KIND_STORE), **pp;

	if (bs == NULL)
		return KERN_INVALID_ARGUMENT;
	ksim_lock();
	if (!store_evacuate(bs)) {
		ksim_unlock();
		return KERN_FAILURE;
	}
	for (pp = &dp.stores; *pp != NULL; pp = &(*pp)->next)
		if (*pp == bs) {
			*pp = bs->next;
			break;
		}
	ipc_kobject_destroy_port(bs->port);
	ksim_unlock();
	close(bs->fd);
	free(bs->segs);
	free(bs->used);
	free(bs);
	return KERN_SUCCESS;
}

/*
 * default_pager_backing_store_info (2282): BACKING_STORE_BASIC_INFO: the
 * store's counters, its pages (total, free), priority and cluster size.
 * KERN_INVALID_ARGUMENT: not a store's port, another flavor, a count
 * below BACKING_STORE_BASIC_INFO_COUNT.
 */
kern_return_t ksim_default_pager_backing_store_info(mach_port_t backing_store,
    backing_store_flavor_t flavor, backing_store_info_t info,
    mach_msg_type_number_t *infoCnt)
{
	struct dp_store *bs = dp_lookup(backing_store, DP_KIND_STORE);
	struct backing_store_basic_info bi;

	if (bs == NULL || flavor != BACKING_STORE_BASIC_INFO ||
	    *infoCnt < BACKING_STORE_BASIC_INFO_COUNT)
		return KERN_INVALID_ARGUMENT;
	ksim_lock();
	bi = bs->stats;
	bi.pageout_calls = (natural_t)dp.pageouts;
	bi.pagein_calls = (natural_t)dp.pageins;
	bi.pages_unavail = (natural_t)dp.unavail;
	bi.bs_pages_total = (natural_t)bs->nslots;
	bi.bs_pages_free = (natural_t)(bs->nslots - bs->nused);
	bi.bs_priority = bs->priority;
	bi.bs_clsize = bs->clsize;
	ksim_unlock();
	memcpy(info, &bi, sizeof(bi));
	*infoCnt = BACKING_STORE_BASIC_INFO_COUNT;
	return KERN_SUCCESS;
}

/* default_pager_add_file (2283): Add a file (by vnode) to a backing store. */
kern_return_t ksim_default_pager_add_file(mach_port_t backing_store,
    vnode_ptr_t vnode, int record_size, vm_size_t size)
{
	(void)backing_store;
	(void)vnode;
	(void)record_size;
	(void)size;
	return KERN_NOT_SUPPORTED;
}

/*
 * default_pager_triggers (2284): Set the high and low water marks and the
 * port alerted at them.
 */
kern_return_t ksim_default_pager_triggers(mach_port_t default_pager,
    int hi_wat, int lo_wat, int flags, mach_port_t trigger_port)
{
	(void)default_pager;
	(void)hi_wat;
	(void)lo_wat;
	(void)flags;
	(void)trigger_port;
	return KERN_NOT_SUPPORTED;
}

/*
 * default_pager_add_segment (2285): Give a backing store count records
 * of record_size bytes, from record offset, of its file.  machsim has no
 * device ports: device must be MACH_PORT_NULL, and the records are those
 * of the store's own file.  record_size must divide the page size, and
 * the segment must start on a page and hold whole pages.
 * KERN_INVALID_ARGUMENT: not a store's port, a device, a bad record size,
 * count 0, a misaligned or overflowing segment, one overlapping another;
 * KERN_RESOURCE_SHORTAGE: the file could not grow.
 */
kern_return_t ksim_default_pager_add_segment(mach_port_t backing_store,
    mach_port_t device, recnum_t offset, recnum_t count, int record_size)
{
	struct dp_store *bs = dp_lookup(backing_store, DP_KIND_STORE);
	struct dp_segment *segs;
	uint8_t *used;
	uint64_t start, len;
	size_t i, n;
	struct stat st;

	if (bs == NULL || device != MACH_PORT_NULL || record_size <= 0 ||
	    pgsz() % (size_t)record_size != 0 || count == 0)
		return KERN_INVALID_ARGUMENT;
	start = (uint64_t)offset * (uint64_t)record_size;
	len = (uint64_t)count * (uint64_t)record_size;
	if (start % pgsz() != 0 || len % pgsz() != 0 ||
	    start + len > ((uint64_t)1 << 40))
		return KERN_INVALID_ARGUMENT;
	n = (size_t)(len / pgsz());
	ksim_lock();
	for (i = 0; i < bs->nsegs; i++) {
		uint64_t s0 = (uint64_t)bs->segs[i].file_offset;
		uint64_t e0 = s0 + bs->segs[i].nslots * pgsz();

		if (start < e0 && s0 < start + len) {
			ksim_unlock();
			return KERN_INVALID_ARGUMENT;
		}
	}
	segs = realloc(bs->segs, (bs->nsegs + 1) * sizeof(*segs));
	if (segs != NULL)
		bs->segs = segs;
	used = segs == NULL ? NULL : realloc(bs->used, bs->nslots + n);
	if (used == NULL || fstat(bs->fd, &st) != 0 ||
	    ((uint64_t)st.st_size < start + len &&
	    ftruncate(bs->fd, (off_t)(start + len)) != 0)) {
		if (used != NULL)
			bs->used = used;
		ksim_unlock();
		return KERN_RESOURCE_SHORTAGE;
	}
	bs->used = used;
	memset(used + bs->nslots, 0, n);
	segs[bs->nsegs].file_offset = (off_t)start;
	segs[bs->nsegs].first_slot = bs->nslots;
	segs[bs->nsegs].nslots = n;
	bs->nsegs++;
	bs->nslots += n;
	ksim_unlock();
	return KERN_SUCCESS;
}
