/*
 * ipc_space.c - IPC spaces and their entries.
 *
 * A space maps names to entries, and (for entries holding send or
 * receive rights) ports back to entries, with two chained hash tables of
 * the same size.  Kernel-chosen names are (index << 8) | generation as in
 * XNU: fresh indices are used until a batch of freed indices has built
 * up, and a freed index comes back with its generation bumped, so a name
 * just freed is not handed out again at once.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include <ksim/ipc.h>
#include <ksim/mig_convert.h>

struct ipc_space_list ipc_all_spaces = TAILQ_HEAD_INITIALIZER(ipc_all_spaces);

#define IPC_SPACE_MIN_BUCKETS	64
#define IPC_FREE_REUSE_AFTER	64	/* freed indices kept before reuse */
#define IPC_INDEX_MAX		0x00ffffffu

static size_t name_hash(mach_port_name_t name, size_t nb)
{
	return (size_t)((name * 2654435761u) >> 7) & (nb - 1);
}

static size_t obj_hash(const void *obj, size_t nb)
{
	uintptr_t v = (uintptr_t)obj;

	return (size_t)((v >> 4) * 0x9E3779B97F4A7C15ull >> 20) & (nb - 1);
}

/*
 * Routine:	ipc_space_create
 * Purpose:	An empty active space.
 * Conditions:	Kernel locked.
 * Returns:	KERN_SUCCESS (aborts on allocation failure).
 */
kern_return_t ipc_space_create(task_t task, ipc_space_t *spacep)
{
	ipc_space_t space = calloc(1, sizeof(*space));

	if (space == NULL)
		abort();
	space->is_references = 1;
	space->is_active = true;
	space->is_task = task;
	space->is_buckets = IPC_SPACE_MIN_BUCKETS;
	space->is_by_name = calloc(space->is_buckets, sizeof(ipc_entry_t));
	space->is_by_obj = calloc(space->is_buckets, sizeof(ipc_entry_t));
	if (space->is_by_name == NULL || space->is_by_obj == NULL)
		abort();
	space->is_limit = IPC_SPACE_DEFAULT_LIMIT;
	space->is_next_index = 1;
	TAILQ_INSERT_TAIL(&ipc_all_spaces, space, is_all_link);
	*spacep = space;
	return KERN_SUCCESS;
}

void ipc_space_reference(ipc_space_t space)
{
	space->is_references++;
}

void ipc_space_release(ipc_space_t space)
{
	if (space == IPC_SPACE_NULL || --space->is_references > 0)
		return;
	assert(!space->is_active && space->is_count == 0);
	free(space->is_by_name);
	free(space->is_by_obj);
	free(space->is_gens);
	free(space->is_free);
	free(space);
}

/* ---- lookup -------------------------------------------------------------------- */

ipc_entry_t ipc_entry_lookup(ipc_space_t space, mach_port_name_t name)
{
	ipc_entry_t e;

	if (!space->is_active)
		return NULL;
	for (e = space->is_by_name[name_hash(name, space->is_buckets)];
	    e != NULL; e = e->ie_next_name)
		if (e->ie_name == name)
			return e;
	return NULL;
}

/* The entry holding send and/or receive rights for port, if any. */
ipc_entry_t ipc_entry_lookup_port(ipc_space_t space, ipc_port_t port)
{
	ipc_entry_t e;

	for (e = space->is_by_obj[obj_hash(port, space->is_buckets)];
	    e != NULL; e = e->ie_next_obj)
		if (e->ie_object == port)
			return e;
	return NULL;
}

void ipc_entry_hash_port(ipc_space_t space, ipc_entry_t e)
{
	size_t b = obj_hash(e->ie_object, space->is_buckets);

	assert(ipc_entry_lookup_port(space, e->ie_object) == NULL);
	e->ie_next_obj = space->is_by_obj[b];
	space->is_by_obj[b] = e;
}

void ipc_entry_unhash_port(ipc_space_t space, ipc_entry_t e)
{
	ipc_entry_t *pp = &space->is_by_obj[obj_hash(e->ie_object,
	    space->is_buckets)];

	while (*pp != NULL && *pp != e)
		pp = &(*pp)->ie_next_obj;
	assert(*pp == e);
	*pp = e->ie_next_obj;
	e->ie_next_obj = NULL;
}

static bool entry_hashed_by_port(ipc_entry_t e)
{
	return (e->ie_bits & (MACH_PORT_TYPE_SEND | MACH_PORT_TYPE_RECEIVE)) &&
	    e->ie_object != NULL;
}

/* Double the tables when they fill up. */
static void ipc_space_grow(ipc_space_t space)
{
	size_t nb = space->is_buckets * 2, i;
	ipc_entry_t *byname = calloc(nb, sizeof(ipc_entry_t));
	ipc_entry_t *byobj = calloc(nb, sizeof(ipc_entry_t));

	if (byname == NULL || byobj == NULL)
		abort();
	for (i = 0; i < space->is_buckets; i++) {
		ipc_entry_t e = space->is_by_name[i], next;

		for (; e != NULL; e = next) {
			size_t b = name_hash(e->ie_name, nb);

			next = e->ie_next_name;
			e->ie_next_name = byname[b];
			byname[b] = e;
			if (entry_hashed_by_port(e)) {
				b = obj_hash(e->ie_object, nb);
				e->ie_next_obj = byobj[b];
				byobj[b] = e;
			}
		}
	}
	free(space->is_by_name);
	free(space->is_by_obj);
	space->is_by_name = byname;
	space->is_by_obj = byobj;
	space->is_buckets = nb;
}

bool ipc_space_has_room(ipc_space_t space, size_t n)
{
	return space->is_active && space->is_count + n <= space->is_limit;
}

/* ---- allocation ---------------------------------------------------------------- */

/*
 * Freed entries are kept for reuse on a short list (linked through
 * ie_next_name, guarded by the kernel lock like every space): a reply
 * right's entry is made and freed once per RPC, and malloc and free cost
 * more than the rest of its copyout.  Not under AddressSanitizer, so
 * that a use after free is still caught.
 */
#define ENTRY_CACHE_MAX	256
#if defined(__SANITIZE_ADDRESS__)
#define ENTRY_CACHE_ON	false
#else
#define ENTRY_CACHE_ON	true
#endif

static ipc_entry_t entry_cache;
static unsigned entry_cache_len;

static ipc_entry_t entry_get(void)
{
	ipc_entry_t e = entry_cache;

	if (e == NULL)
		return calloc(1, sizeof(*e));
	entry_cache = e->ie_next_name;
	entry_cache_len--;
	memset(e, 0, sizeof(*e));
	return e;
}

static void entry_put(ipc_entry_t e)
{
	if (!ENTRY_CACHE_ON || entry_cache_len >= ENTRY_CACHE_MAX) {
		free(e);
		return;
	}
	e->ie_next_name = entry_cache;
	entry_cache = e;
	entry_cache_len++;
}

static ipc_entry_t entry_insert(ipc_space_t space, mach_port_name_t name)
{
	ipc_entry_t e = entry_get();
	size_t b;

	if (e == NULL)
		abort();
	if (space->is_count >= space->is_buckets)
		ipc_space_grow(space);
	e->ie_name = name;
	b = name_hash(name, space->is_buckets);
	e->ie_next_name = space->is_by_name[b];
	space->is_by_name[b] = e;
	space->is_count++;
	return e;
}

static uint8_t *index_gen(ipc_space_t space, uint32_t index)
{
	if (index >= space->is_gens_cap) {
		uint32_t cap = space->is_gens_cap ? space->is_gens_cap : 256;

		while (cap <= index)
			cap *= 2;
		space->is_gens = realloc(space->is_gens, cap);
		if (space->is_gens == NULL)
			abort();
		memset(space->is_gens + space->is_gens_cap, 0,
		    cap - space->is_gens_cap);
		space->is_gens_cap = cap;
	}
	return &space->is_gens[index];
}

static bool free_pop(ipc_space_t space, uint32_t *indexp)
{
	if (space->is_free_len <= IPC_FREE_REUSE_AFTER &&
	    space->is_next_index < IPC_INDEX_MAX)
		return false;
	if (space->is_free_len == 0)
		return false;
	*indexp = space->is_free[space->is_free_head];
	space->is_free_head = (space->is_free_head + 1) % space->is_free_cap;
	space->is_free_len--;
	return true;
}

static void free_push(ipc_space_t space, uint32_t index)
{
	if (space->is_free_len == space->is_free_cap) {
		uint32_t cap = space->is_free_cap ? space->is_free_cap * 2 : 128;
		uint32_t *q = malloc(cap * sizeof(uint32_t)), i;

		if (q == NULL)
			abort();
		for (i = 0; i < space->is_free_len; i++)
			q[i] = space->is_free[(space->is_free_head + i) %
			    space->is_free_cap];
		free(space->is_free);
		space->is_free = q;
		space->is_free_head = 0;
		space->is_free_cap = cap;
	}
	space->is_free[(space->is_free_head + space->is_free_len) %
	    space->is_free_cap] = index;
	space->is_free_len++;
}

/*
 * Routine:	ipc_entry_alloc
 * Purpose:	A fresh entry under a kernel-chosen name.
 * Conditions:	Kernel locked; space active.
 * Returns:	KERN_SUCCESS; KERN_NO_SPACE when the space is full.
 */
kern_return_t ipc_entry_alloc(ipc_space_t space, mach_port_name_t *namep,
    ipc_entry_t *entryp)
{
	for (;;) {
		uint32_t index;
		mach_port_name_t name;

		if (!ipc_space_has_room(space, 1))
			return KERN_NO_SPACE;
		if (!free_pop(space, &index)) {
			if (space->is_next_index >= IPC_INDEX_MAX)
				return KERN_NO_SPACE;
			index = space->is_next_index++;
		}
		name = (index << 8) | *index_gen(space, index);
		if (!MACH_PORT_VALID(name) ||
		    ipc_entry_lookup(space, name) != NULL)
			continue;
		*entryp = entry_insert(space, name);
		*namep = name;
		return KERN_SUCCESS;
	}
}

/*
 * Routine:	ipc_entry_alloc_name
 * Purpose:	A fresh entry under the caller's name.
 * Conditions:	Kernel locked; name valid.
 * Returns:	KERN_SUCCESS; KERN_NAME_EXISTS; KERN_NO_SPACE.
 */
kern_return_t ipc_entry_alloc_name(ipc_space_t space, mach_port_name_t name,
    ipc_entry_t *entryp)
{
	assert(MACH_PORT_VALID(name));
	if (ipc_entry_lookup(space, name) != NULL)
		return KERN_NAME_EXISTS;
	if (!ipc_space_has_room(space, 1))
		return KERN_NO_SPACE;
	*entryp = entry_insert(space, name);
	return KERN_SUCCESS;
}

/*
 * Routine:	ipc_entry_dealloc
 * Purpose:	Free an entry that holds no right any more.
 * Conditions:	Kernel locked; entry unhashed by port, no dead-name request.
 */
void ipc_entry_dealloc(ipc_space_t space, ipc_entry_t e)
{
	mach_port_name_t name = e->ie_name;
	ipc_entry_t *pp = &space->is_by_name[name_hash(name,
	    space->is_buckets)];
	uint32_t index = name >> 8;

	assert(!e->ie_dnrequest);
	while (*pp != NULL && *pp != e)
		pp = &(*pp)->ie_next_name;
	assert(*pp == e);
	*pp = e->ie_next_name;
	space->is_count--;
	entry_put(e);
	if (index != 0 && index < space->is_next_index &&
	    (name & 0xff) == *index_gen(space, index)) {
		*index_gen(space, index) += 1;
		free_push(space, index);
	}
}

/* ---- walking ------------------------------------------------------------------- */

void ipc_space_foreach(ipc_space_t space,
    void (*fn)(ipc_space_t, ipc_entry_t, void *), void *arg)
{
	size_t i;

	for (i = 0; i < space->is_buckets; i++) {
		ipc_entry_t e, next;

		for (e = space->is_by_name[i]; e != NULL; e = next) {
			next = e->ie_next_name;
			fn(space, e, arg);
		}
	}
}

size_t ipc_space_names(ipc_space_t space, mach_port_name_t **namesp)
{
	mach_port_name_t *names = malloc((space->is_count + 1) *
	    sizeof(*names));
	size_t i, n = 0;

	if (names == NULL)
		abort();
	for (i = 0; i < space->is_buckets; i++) {
		ipc_entry_t e;

		for (e = space->is_by_name[i]; e != NULL; e = e->ie_next_name)
			names[n++] = e->ie_name;
	}
	*namesp = names;
	return n;
}

/*
 * Routine:	ipc_space_terminate
 * Purpose:	Destroy every entry as mach_port_destroy would, then mark
 *		the space dead.
 * Conditions:	Kernel locked.
 */
void ipc_space_terminate(ipc_space_t space)
{
	mach_port_name_t *names;
	size_t n, i;

	if (!space->is_active)
		return;
	n = ipc_space_names(space, &names);
	for (i = 0; i < n; i++) {
		ipc_entry_t e = ipc_entry_lookup(space, names[i]);

		if (e != NULL)
			ipc_right_destroy(space, e);
	}
	free(names);
	space->is_active = false;
	TAILQ_REMOVE(&ipc_all_spaces, space, is_all_link);
}

/* ---- the space a task port names (KernelServer intran) -------------------------- */

/*
 * Routine:	convert_port_to_space
 * Purpose:	The IPC space of the task a kernel-space name stands for,
 *		referenced; IPC_SPACE_NULL for anything else or a dead task.
 * Conditions:	Kernel unlocked.
 */
ipc_space_t convert_port_to_space(mach_port_t name)
{
	ipc_space_t space = IPC_SPACE_NULL;
	task_t task;

	ksim_lock();
	task = ipc_kobject_lookup(name, IKOT_TASK);
	if (task != TASK_NULL && task->active &&
	    task->itk_space != IPC_SPACE_NULL) {
		space = task->itk_space;
		ipc_space_reference(space);
	}
	ksim_unlock();
	return space;
}

/* Conditions: any; takes the kernel lock unless the caller holds it. */
void space_deallocate(ipc_space_t space)
{
	bool locked;

	if (space == IPC_SPACE_NULL)
		return;
	locked = ksim_locked();
	if (!locked)
		ksim_lock();
	ipc_space_release(space);
	if (!locked)
		ksim_unlock();
}
