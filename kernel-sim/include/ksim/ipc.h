/*
 * <ksim/ipc.h> - IPC spaces, entries, ports, port sets, messages and
 * message queues.  Conditions for every routine here: kernel locked
 * (ksim_lock), unless the routine's comment says otherwise.
 *
 *   ipc_space                       ipc_port
 *   +----------------------+        +-----------------------------+
 *   | by name: name -> e ---+------> | receiver (space, name) or  |
 *   | by port: port -> e    |        |   destination (in transit)  |
 *   +----------------------+        | mscount srights sorights    |
 *     entry e: name, type bits,      | seqno qlimit msgcount       |
 *     urefs, object, dnrequest?      | messages: kmsg -> kmsg ...  |
 *                                    | pset, nsrequest, pdrequest, |
 *                                    | dnrequests[(space,name,so)] |
 *                                    +-----------------------------+
 *
 * A send or send-once right held by the kernel (in a message, in a
 * notification request, in a kernel object) is a port pointer plus a
 * count in srights/sorights plus a reference.  IP_DEAD stands for a right
 * whose port died; IP_NULL for no right.
 */
#ifndef KSIM_IPC_H
#define KSIM_IPC_H

#include <sys/queue.h>

#include <ksim/kern.h>
#include <ksim/types.h>

/* ---- entries and spaces ----------------------------------------------------- */

struct ipc_entry {
	mach_port_name_t	ie_name;
	mach_port_type_t	ie_bits;	/* MACH_PORT_TYPE_* rights only */
	mach_port_urefs_t	ie_urefs;	/* send/dead name: counted */
	void			*ie_object;	/* port or pset; NULL: dead */
	bool			ie_dnrequest;	/* a dead-name request on it */
	struct ipc_entry	*ie_next_name;	/* hash chain by name */
	struct ipc_entry	*ie_next_obj;	/* hash chain by port */
};

struct ipc_space {
	int			is_references;
	bool			is_active;
	task_t			is_task;
	struct ipc_entry	**is_by_name;
	struct ipc_entry	**is_by_obj;
	size_t			is_buckets;	/* a power of two */
	size_t			is_count;	/* entries */
	size_t			is_limit;	/* task_set_port_space */
	uint8_t			*is_gens;	/* generation per index */
	uint32_t		*is_free;	/* FIFO of freed indices */
	uint32_t		is_free_head, is_free_len, is_free_cap;
	uint32_t		is_next_index;	/* never-used indices start here */
	uint32_t		is_gens_cap;
	TAILQ_ENTRY(ipc_space)	is_all_link;
};

#define IPC_SPACE_DEFAULT_LIMIT	(1u << 20)
/* The most names task_set_port_space may allow (KERN_INVALID_VALUE past
   it): every name must fit the 24-bit index of a name. */
#define IPC_SPACE_MAX_LIMIT	(1u << 22)

kern_return_t ipc_space_create(task_t task, ipc_space_t *spacep);
void ipc_space_reference(ipc_space_t space);
void ipc_space_release(ipc_space_t space);
void ipc_space_terminate(ipc_space_t space);

ipc_entry_t ipc_entry_lookup(ipc_space_t space, mach_port_name_t name);
ipc_entry_t ipc_entry_lookup_port(ipc_space_t space, ipc_port_t port);
kern_return_t ipc_entry_alloc(ipc_space_t space, mach_port_name_t *namep,
    ipc_entry_t *entryp);
kern_return_t ipc_entry_alloc_name(ipc_space_t space, mach_port_name_t name,
    ipc_entry_t *entryp);
void ipc_entry_dealloc(ipc_space_t space, ipc_entry_t entry);
void ipc_entry_hash_port(ipc_space_t space, ipc_entry_t entry);
void ipc_entry_unhash_port(ipc_space_t space, ipc_entry_t entry);
bool ipc_space_has_room(ipc_space_t space, size_t n);

/* Visit every entry (the callback may not add or remove entries). */
void ipc_space_foreach(ipc_space_t space,
    void (*fn)(ipc_space_t, ipc_entry_t, void *), void *arg);
/* Snapshot of all names (malloc'd). */
size_t ipc_space_names(ipc_space_t space, mach_port_name_t **namesp);

/* ---- ports ------------------------------------------------------------------- */

struct ipc_dnrequest {
	ipc_space_t		dn_space;	/* NULL: free slot */
	mach_port_name_t	dn_name;
	ipc_port_t		dn_soright;
};

struct ipc_port {
	int			ip_references;
	bool			ip_active;
	ipc_space_t		ip_receiver;	/* NULL: in transit or dead */
	mach_port_name_t	ip_receiver_name;
	ipc_port_t		ip_destination;	/* in transit: carried on */
	mach_port_mscount_t	ip_mscount;
	mach_port_rights_t	ip_srights;
	mach_port_rights_t	ip_sorights;
	mach_port_seqno_t	ip_seqno;
	mach_port_msgcount_t	ip_qlimit;
	mach_port_msgcount_t	ip_msgcount;	/* queued + reserved */
	TAILQ_HEAD(, ipc_kmsg)	ip_messages;
	ipc_pset_t		ip_pset;
	TAILQ_ENTRY(ipc_port)	ip_pset_link;
	ipc_port_t		ip_nsrequest;
	ipc_port_t		ip_pdrequest;
	struct ipc_dnrequest	*ip_dnrequests;
	uint32_t		ip_dnr_size;
	struct waitq		ip_receivers;
	struct waitq		ip_senders;
	ipc_kobject_type_t	ip_kotype;
	void			*ip_kobject;
	uint32_t		ip_kheld_srights;	/* held by kernel objects */
	uint32_t		ip_kheld_sorights;
	mach_port_context_t	ip_context;
	uint64_t		ip_timestamp;
	size_t			ip_prealloc;	/* allocate_qos prealloc len */
	TAILQ_ENTRY(ipc_port)	ip_all_link;
};

kern_return_t ipc_port_alloc(ipc_space_t space, mach_port_name_t *namep,
    ipc_port_t *portp);
kern_return_t ipc_port_alloc_name(ipc_space_t space, mach_port_name_t name,
    ipc_port_t *portp);
ipc_port_t ipc_port_alloc_kernel(void);
void ipc_port_reference(ipc_port_t port);
void ipc_port_release(ipc_port_t port);
void ipc_port_destroy(ipc_port_t port);
void ipc_port_set_qlimit(ipc_port_t port, mach_port_msgcount_t qlimit);
void ipc_port_clear_receiver(ipc_port_t port);

/* Kernel-held rights. */
ipc_port_t ipc_port_make_send(ipc_port_t port);
ipc_port_t ipc_port_copy_send(ipc_port_t port);
ipc_port_t ipc_port_make_sonce(ipc_port_t port);
void ipc_port_release_send(ipc_port_t port);
void ipc_port_release_sonce(ipc_port_t port);
void ipc_port_release_receive(ipc_port_t port);

/* No-senders and dead-name requests. */
void ipc_port_nsrequest_check(ipc_port_t port);
kern_return_t ipc_port_dnrequest(ipc_port_t port, ipc_space_t space,
    mach_port_name_t name, ipc_port_t soright);
ipc_port_t ipc_port_dncancel(ipc_port_t port, ipc_space_t space,
    mach_port_name_t name);
kern_return_t ipc_port_dngrow(ipc_port_t port, uint32_t target);
bool ipc_port_check_circularity(ipc_port_t port, ipc_port_t dest);

/* ---- port sets --------------------------------------------------------------- */

struct ipc_pset {
	int			ips_references;
	bool			ips_active;
	ipc_space_t		ips_space;
	mach_port_name_t	ips_name;
	TAILQ_HEAD(, ipc_port)	ips_members;
	struct waitq		ips_receivers;
	TAILQ_ENTRY(ipc_pset)	ips_all_link;
};

kern_return_t ipc_pset_alloc(ipc_space_t space, mach_port_name_t *namep,
    ipc_pset_t *psetp);
kern_return_t ipc_pset_alloc_name(ipc_space_t space, mach_port_name_t name,
    ipc_pset_t *psetp);
void ipc_pset_add(ipc_pset_t pset, ipc_port_t port);
void ipc_pset_remove(ipc_port_t port);
void ipc_pset_destroy(ipc_pset_t pset);
void ipc_pset_release(ipc_pset_t pset);

/* ---- rights ------------------------------------------------------------------- */

/* Stale send/send-once right whose port died: convert to a dead name. */
bool ipc_right_check(ipc_space_t space, ipc_entry_t entry);
kern_return_t ipc_right_lookup(ipc_space_t space, mach_port_name_t name,
    ipc_entry_t *entryp);
void ipc_right_destroy(ipc_space_t space, ipc_entry_t entry);
kern_return_t ipc_right_dealloc(ipc_space_t space, ipc_entry_t entry);
kern_return_t ipc_right_delta(ipc_space_t space, ipc_entry_t entry,
    mach_port_right_t right, mach_port_delta_t delta);
kern_return_t ipc_right_info(ipc_space_t space, ipc_entry_t entry,
    mach_port_type_t *typep);
bool ipc_right_copyin_check(ipc_space_t space, ipc_entry_t entry,
    mach_msg_type_name_t msgt_name);
kern_return_t ipc_right_copyin(ipc_space_t space, mach_port_name_t name,
    mach_msg_type_name_t msgt_name, ipc_port_t *portp);
kern_return_t ipc_right_copyout(ipc_space_t space, ipc_port_t port,
    mach_msg_type_name_t msgt_name, mach_port_name_t *namep);
void ipc_right_release(ipc_port_t port, mach_msg_type_name_t msgt_name);
mach_msg_type_name_t ipc_object_copyin_type(mach_msg_type_name_t msgt_name);

/* ---- messages ----------------------------------------------------------------- */

struct ipc_kdesc {
	mach_msg_descriptor_type_t kd_type;
	uint32_t		kd_offset;	/* of the descriptor in the body */
	mach_msg_type_name_t	kd_disp;	/* carried PORT_* type */
	ipc_port_t		kd_port;	/* port descriptor */
	void			*kd_map;	/* OOL: page-aligned mapping */
	size_t			kd_map_size;	/* its size in bytes */
	size_t			kd_off;		/* data offset in the mapping */
	mach_msg_size_t		kd_size;	/* OOL: size in bytes */
	mach_msg_copy_options_t	kd_copy;
	bool			kd_dealloc;
	ipc_port_t		*kd_ports;	/* OOL ports */
	mach_msg_size_t		kd_count;
};

struct ipc_kmsg {
	TAILQ_ENTRY(ipc_kmsg)	ikm_link;	/* on a port's queue */
	TAILQ_ENTRY(ipc_kmsg)	ikm_all_link;
	mach_msg_size_t		ikm_size;	/* msgh_size */
	mach_msg_header_t	*ikm_header;	/* ikm_size + MAX_TRAILER_SIZE */
	ipc_port_t		ikm_remote;
	ipc_port_t		ikm_local;
	mach_msg_type_name_t	ikm_remote_type;	/* carried PORT_* */
	mach_msg_type_name_t	ikm_local_type;
	uint32_t		ikm_ndesc;
	uint32_t		ikm_ndesc_done;	/* copied in so far */
	struct ipc_kdesc	*ikm_desc;
	security_token_t	ikm_sender;
	audit_token_t		ikm_audit;
	mach_port_seqno_t	ikm_seqno;
	mach_port_context_t	ikm_context;	/* receiving port's, at dequeue */
	bool			ikm_queued;
	bool			ikm_inline;	/* header behind the struct:
						   a cached kmsg */
};

/* The largest message: 3/4 of 64 MiB minus the largest trailer. */
#define IPC_KMSG_MAX_SIZE	((64u << 20) / 4 * 3 - MAX_TRAILER_SIZE)
#define IPC_KMSG_MAX_PORTS	16383


ipc_kmsg_t ipc_kmsg_alloc(mach_msg_size_t size);
void ipc_kmsg_free(ipc_kmsg_t kmsg);
void ipc_kmsg_destroy(ipc_kmsg_t kmsg);
void ipc_kmsg_clean(ipc_kmsg_t kmsg);
mach_msg_return_t ipc_kmsg_copyin_header(ipc_kmsg_t kmsg, ipc_space_t space);
mach_msg_return_t ipc_kmsg_copyin_body(ipc_kmsg_t kmsg, ipc_space_t space,
    struct vm_map *map);
mach_msg_return_t ipc_kmsg_copyout(ipc_kmsg_t kmsg, ipc_space_t space,
    struct vm_map *map, mach_port_name_t dest_name_hint);
mach_msg_return_t ipc_kmsg_copyout_pseudo(ipc_kmsg_t kmsg, ipc_space_t space,
    struct vm_map *map);
mach_msg_return_t ipc_kmsg_copyout_dest(ipc_kmsg_t kmsg, ipc_space_t space);
void ipc_kmsg_add_trailer(ipc_kmsg_t kmsg, mach_msg_option_t option);
mach_msg_size_t ipc_kmsg_trailer_size(mach_msg_option_t option);
void ipc_trailer_write(void *at, mach_msg_size_t tsize,
    mach_port_seqno_t seqno, const security_token_t *sender,
    const audit_token_t *audit, mach_port_context_t context);

/*
 * Move the out-of-line regions of messages in transit that meet
 * [start, end) elsewhere (vm_pages_relocate), so that the range can be
 * mapped again; true when one moved.  Conditions: kernel locked.
 */
bool ipc_kmsg_ool_relocate(vm_offset_t start, vm_offset_t end);

/* Kernel-made messages. */
ipc_kmsg_t ipc_kmsg_alloc_kernel(mach_msg_size_t size);
mach_msg_return_t ipc_kmsg_send_kernel(ipc_kmsg_t kmsg);

/* ---- message queues ----------------------------------------------------------- */

mach_msg_return_t ipc_mqueue_send(ipc_kmsg_t kmsg, mach_msg_option_t option,
    mach_msg_timeout_t timeout);
void ipc_mqueue_post(ipc_port_t port, ipc_kmsg_t kmsg);
mach_msg_return_t ipc_mqueue_receive(ipc_space_t space,
    mach_port_name_t name, mach_msg_option_t option,
    mach_msg_size_t max_size, mach_msg_timeout_t timeout,
    ipc_kmsg_t *kmsgp, mach_msg_size_t *sizep, mach_port_name_t *namep);
void ipc_mqueue_changed(struct waitq *receivers, wait_result_t why);
void ipc_mqueue_release_slot(ipc_port_t port);

/* ---- notifications ------------------------------------------------------------ */

void ipc_notify_port_deleted(ipc_port_t soright, mach_port_name_t name);
void ipc_notify_port_destroyed(ipc_port_t soright, ipc_port_t port);
void ipc_notify_no_senders(ipc_port_t soright, mach_port_mscount_t mscount);
void ipc_notify_send_once(ipc_port_t soright);
void ipc_notify_dead_name(ipc_port_t soright, mach_port_name_t name);

/* ---- deferred destruction ------------------------------------------------------- */

/* Destroy messages iteratively: nested ports die without recursion. */
void ipc_kmsg_destroy_deferred(ipc_kmsg_t kmsg);

/* ---- global object lists (for verification) --------------------------------- */

TAILQ_HEAD(ipc_port_list, ipc_port);
TAILQ_HEAD(ipc_space_list, ipc_space);
TAILQ_HEAD(ipc_kmsg_list, ipc_kmsg);
TAILQ_HEAD(ipc_pset_list, ipc_pset);
extern struct ipc_port_list ipc_all_ports;
extern struct ipc_space_list ipc_all_spaces;
extern struct ipc_kmsg_list ipc_all_kmsgs;
extern struct ipc_pset_list ipc_all_psets;
extern size_t ipc_port_count, ipc_kmsg_count, ipc_pset_count;

#endif /* KSIM_IPC_H */
