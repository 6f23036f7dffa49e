/*
 * <ksim/pager.h> - memory objects whose pages a memory manager supplies
 * (external memory management) and the in-kernel default pager.
 *
 * An object with a pager is a vm_object (a memfd, as all shared memory
 * is) plus a page table the kernel keeps: which pages are resident,
 * dirty, asked for, or locked by the manager.  A mapping of such an
 * object is host-protected page by page from that table: a clean page
 * is read-only (so that the first write is seen and the page becomes
 * dirty), a page the manager locked lacks the locked access, a page not
 * resident is PROT_NONE, or readable with the mapping registered with
 * the kernel's userfaultfd (a read then waits in the host kernel while
 * the userfaultfd reader asks the manager).  The process's fault handler
 * (copyio.c, via exception.c's hook) calls vm_pager_fault first; a fault
 * it resolves never becomes an exception.  See docs/pager.md.
 *
 * Conditions: kernel locked throughout, unless a routine says otherwise.
 */
#ifndef KSIM_PAGER_H
#define KSIM_PAGER_H

#include <signal.h>

#include <mach/memory_object_types.h>
#include <machsim/pager.h>

#include <ksim/kern.h>
#include <ksim/vm.h>

/* Page states (struct vm_pager.state). */
#define VPG_PRESENT	0x01	/* resident: the memfd page holds the data */
#define VPG_DIRTY	0x02	/* written since supplied or cleaned */
#define VPG_REQUESTED	0x04	/* memory_object_data_request sent */
#define VPG_UNLOCKING	0x08	/* memory_object_data_unlock sent */
#define VPG_ERROR	0x10	/* the manager answered with an error */

/* The first word of every kobject behind an IKOT_MEM_OBJ_CONTROL port. */
#define MO_KIND_CONTROL	1
#define MO_KIND_UPL	2

struct dp_object;

/* One outstanding memory_object_synchronize (vm_msync SYNCHRONOUS). */
struct vm_pager_sync {
	memory_object_offset_t	offset;
	vm_size_t		length;
	bool			done;
	struct vm_pager_sync	*next;
};

/* A mapping vm_upl_map hands out, kept in one task's map. */
struct vm_upl_window {
	struct vm_map		*map;		/* referenced; NULL: none */
	vm_address_t		addr;
	vm_size_t		size;
	struct vm_object	*obj;		/* referenced */
	void			*kva;		/* the kernel's own mapping of
						   obj (the stage's), or NULL */
};

struct upl;

struct vm_pager {
	int			kind;		/* MO_KIND_CONTROL */
	struct vm_object	*object;	/* not referenced: it owns us */
	ipc_port_t		mo_port;	/* send right to the manager's
						   port; IP_NULL: internal */
	ipc_port_t		control;	/* kobject port (MEM_OBJ_CONTROL) */
	struct dp_object	*dp;		/* default pager object */
	bool			initialized;	/* memory_object_init sent */
	bool			destroyed;	/* memory_object_destroy */
	kern_return_t		destroy_reason;
	size_t			npages;
	uint8_t			*state;		/* VPG_* per page */
	uint8_t			*lock;		/* vm_prot_t the manager forbids */
	uint8_t			*applied;	/* the table's protection last
						   given to the mappings */
	bool			uffd_decided;	/* by the first mapping */
	bool			uffd;		/* mappings registered with the
						   userfaultfd: absent pages
						   are readable, and a read
						   waits in the host kernel */
	void			*window;	/* kernel mapping of the file */
	struct waitq		waiters;	/* threads faulting on a page */
	struct waitq		syncers;	/* vm_msync SYNCHRONOUS callers */
	struct vm_pager_sync	*syncs;
	/* attributes (memory_object_change_attributes) */
	memory_object_copy_strategy_t copy_strategy;
	memory_object_cluster_size_t cluster_size;
	boolean_t		may_cache;
	boolean_t		temporary;
	boolean_t		invalidate;
	boolean_t		silent_overwrite;
	boolean_t		advisory_pageout;
	/* Where vm_upl_map puts UPLs in the manager's task
	   (memory_object.c), each mapped once and kept, so that supplying
	   a page costs no host mmap or munmap: the window, the whole
	   object; the stage, a buffer the data of absent pages is
	   written to and moved from into the mappings by the commit. */
	struct vm_upl_window	win;
	struct vm_upl_window	stage;
	struct upl		*stage_user;	/* the UPL mapped there */
	uint64_t		data_requests;	/* counters, for the tests */
	uint64_t		data_returns;
	struct vm_pager		*next;		/* external objects, by port */
};

/* A universal page list: a range of an object's pages a manager fills. */
struct upl {
	int			kind;		/* MO_KIND_UPL */
	ipc_port_t		port;		/* kobject port (MEM_OBJ_CONTROL) */
	struct vm_object	*object;	/* referenced */
	vm_offset_t		offset;
	vm_size_t		size;
	struct vm_object	*alias;		/* plain object over the same
						   file, for vm_upl_map */
	struct vm_map		*map;		/* where vm_upl_map put it */
	vm_address_t		addr;
	bool			windowed;	/* mapped through the window */
	bool			staged;		/* its data is in the stage */
};

/*
 * The object of an external memory manager's port (a send right the
 * caller lends), made on first use and kept while mappings use it:
 * size grows to cover offset + size.  Returns a referenced object, or
 * NULL (host failure).
 */
struct vm_object *vm_pager_object_for_port(ipc_port_t port,
    vm_size_t size);
/* A new object with an internal (default pager) page table. */
struct vm_object *vm_pager_object_internal(struct dp_object *dp,
    vm_size_t size);
/* The object's last reference is gone: terminate, free the table. */
void vm_pager_object_free(struct vm_object *object);

/* The host protection of a mapping's page of a pager object. */
int vm_pager_host_prot(struct vm_pager *pager, size_t page, vm_prot_t prot);
/* Set the host protection of pages [first, last) in every mapping, where
   the table's changed since last set (force: everywhere). */
void vm_pager_protect_pages(struct vm_pager *pager, size_t first,
    size_t last);
void vm_pager_protect_force(struct vm_pager *pager, size_t first,
    size_t last);
/* Threads waiting in the host kernel (userfaultfd) on pages [first,
   last) retry their access; a mapping's range inside [woke_lo,
   woke_hi), whose threads a fill already woke, is left alone. */
void vm_pager_wake(struct vm_pager *pager, size_t first, size_t last,
    vm_offset_t woke_lo, vm_offset_t woke_hi);
/* Re-protect one mapping's pages after vm_map_enter or vm_protect. */
void vm_pager_protect_region(struct vm_map *map, const struct vm_region *r);

/*
 * The fault handler's first stop: a fault on a page of a pager object's
 * mapping asks the manager for the page (or its unlock) and waits.
 * Conditions: kernel unlocked, on the faulting thread, in its signal
 * handler.  Returns true when the access may be retried.
 */
bool vm_pager_fault(int sig, siginfo_t *si, void *uctx);

/*
 * Clean and/or flush [offset, offset+size) of the object: dirty (or, with
 * RETURN_ALL, all resident) pages are returned to the manager, written to
 * the backing store for the default pager; with flush they are dropped.
 * lock_value (or VM_PROT_NO_CHANGE) becomes the pages' lock.
 */
void vm_pager_lock_range(struct vm_pager *pager, memory_object_offset_t offset,
    memory_object_size_t size, memory_object_return_t should_return,
    bool flush, vm_prot_t lock_value);

/*
 * vm_msync of a pager object's range: return dirty pages, invalidate
 * with VM_SYNC_INVALIDATE, send memory_object_synchronize and, with
 * VM_SYNC_SYNCHRONOUS, wait for memory_object_synchronize_completed.
 * Conditions: kernel locked; released while waiting.  Returns
 * KERN_SUCCESS, KERN_ABORTED (thread_abort), KERN_MEMORY_ERROR (the
 * object was destroyed meanwhile).
 */
kern_return_t vm_pager_msync(struct vm_object *object, vm_offset_t offset,
    vm_size_t size, vm_sync_t flags);

/* memory_object_destroy: every page goes, the manager is told. */
void vm_pager_destroy(struct vm_pager *pager, kern_return_t reason);

/* memory_object_lock_completed (id 2204) or memory_object_change_completed
   (2208) to reply, a right the kernel holds of the carried type (consumed). */
void vm_pager_reply_completed(struct vm_pager *pager, ipc_port_t reply,
    mach_msg_type_name_t type, mach_msg_id_t id,
    memory_object_offset_t offset, vm_size_t length, int flavor);
/* memory_object_synchronize_completed: the matching vm_msync returns. */
void vm_pager_sync_completed(struct vm_pager *pager,
    memory_object_offset_t offset, vm_size_t length);

/* The supplied range [offset, offset+size) is resident; wake faulters
   (but for [woke_lo, woke_hi), as vm_pager_wake). */
void vm_pager_supplied(struct vm_pager *pager, vm_offset_t offset,
    vm_size_t size, bool error, vm_offset_t woke_lo, vm_offset_t woke_hi);

/* Absent pages of [first, last) lose what a UPL wrote to them. */
void vm_pager_drop_absent(struct vm_pager *pager, size_t first,
    size_t last);
/* The kernel's view of a page's data (the object's window). */
void *vm_pager_page_addr(struct vm_pager *pager, size_t page);
/* Fill an absent page from src straight into one of its mappings
   (UFFDIO_COPY), waking the threads waiting there: the address it went
   to, or 0 when no mapping could take it (the caller writes the page
   itself). */
vm_offset_t vm_pager_fill_page(struct vm_pager *pager, size_t page,
    const void *src);

/* The object's pager is going: its window and stage (if any) are
   dropped from the manager's map later, by vm_upl_window_reap
   (memory_object.c), never while a map operation may be under way. */
void vm_upl_window_retire(struct vm_pager *pager);
void vm_upl_window_reap(void);

/* The control port's object, with its kind checked. */
struct vm_pager *vm_pager_of_control(vm_object_t object);

/* ---- the default pager (default_pager.c) ---------------------------------- */

/* Fill an internal object's page from the backing store or with zeros. */
void dp_page_in(struct dp_object *dp, struct vm_pager *pager, size_t page);
/* Write an internal object's page to a backing store: false when there
   is no room (the page stays resident). */
bool dp_page_out(struct dp_object *dp, struct vm_pager *pager, size_t page);
/* The object goes: free its backing store slots (and the record, once
   its port has gone too). */
void dp_object_release(struct dp_object *dp);
/* Its port lost its last send right: the port goes, and the object with
   its last mapping; false for the pager's and the stores' ports. */
bool dp_object_no_senders(ipc_port_t port);
/* The vm_object behind a default pager memory object port (a name in
   the kernel space), or NULL. */
struct vm_object *dp_object_lookup_port(ipc_port_t port);

#endif /* KSIM_PAGER_H */
