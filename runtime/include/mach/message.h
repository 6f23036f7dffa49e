/*
 * <mach/message.h> - the Mach message: header, descriptors, trailers,
 * options and result codes, as Darwin user space on LP64 x86-64 sees them.
 *
 * Layout summary (all structs 4-byte packed):
 *
 *   +0   mach_msg_header_t        24 bytes
 *   +24  mach_msg_body_t           4 bytes  \ only if MACH_MSGH_BITS_COMPLEX
 *   +28  descriptors, in order              / port 12, OOL 16, OOL ports 16
 *        inline data
 *   round_msg(msgh_size): trailer, 8..68 bytes, on receive only
 *
 * Descriptors differ in size on LP64, so a reader must step through them by
 * their type byte (offset 11 of each descriptor), never index an array.
 */
#ifndef _MACH_MESSAGE_H_
#define _MACH_MESSAGE_H_

#include <stddef.h>
#include <stdint.h>

#include <mach/_machsim_cdefs.h>
#include <mach/boolean.h>
#include <mach/kern_return.h>
#include <mach/machine/vm_types.h>
#include <mach/port.h>

/* Receive and send timeouts, in milliseconds. */
typedef natural_t mach_msg_timeout_t;

#define MACH_MSG_TIMEOUT_NONE	((mach_msg_timeout_t) 0)

/*
 * msgh_bits: the remote disposition in bits 0-4, the local (reply)
 * disposition in bits 8-12, the voucher disposition in bits 16-20, and
 * MACH_MSGH_BITS_COMPLEX when descriptors follow the header.
 */
#define MACH_MSGH_BITS_ZERO		0x00000000

#define MACH_MSGH_BITS_REMOTE_MASK	0x0000001f
#define MACH_MSGH_BITS_LOCAL_MASK	0x00001f00
#define MACH_MSGH_BITS_VOUCHER_MASK	0x001f0000

#define MACH_MSGH_BITS_PORTS_MASK \
	(MACH_MSGH_BITS_REMOTE_MASK | MACH_MSGH_BITS_LOCAL_MASK | \
	 MACH_MSGH_BITS_VOUCHER_MASK)

#define MACH_MSGH_BITS_COMPLEX		0x80000000U	/* descriptors follow */
#define MACH_MSGH_BITS_USER		0x801f1f1fU	/* bits a sender may set */
#define MACH_MSGH_BITS_RAISEIMP		0x20000000U	/* importance raised */
#define MACH_MSGH_BITS_DENAP		MACH_MSGH_BITS_RAISEIMP
#define MACH_MSGH_BITS_IMPHOLDASRT	0x10000000U	/* user-private */
#define MACH_MSGH_BITS_DENAPHOLDASRT	MACH_MSGH_BITS_IMPHOLDASRT
#define MACH_MSGH_BITS_CIRCULAR		0x10000000U	/* kernel-private */
#define MACH_MSGH_BITS_USED		0xb01f1f1fU

/* Building msgh_bits. */
#define MACH_MSGH_BITS(remote, local) \
	((remote) | ((local) << 8))
#define MACH_MSGH_BITS_SET_PORTS(remote, local, voucher) \
	(((remote) & MACH_MSGH_BITS_REMOTE_MASK) | \
	 (((local) << 8) & MACH_MSGH_BITS_LOCAL_MASK) | \
	 (((voucher) << 16) & MACH_MSGH_BITS_VOUCHER_MASK))
#define MACH_MSGH_BITS_SET(remote, local, voucher, other) \
	(MACH_MSGH_BITS_SET_PORTS((remote), (local), (voucher)) | \
	 ((other) & ~MACH_MSGH_BITS_PORTS_MASK))

/* Reading msgh_bits. */
#define MACH_MSGH_BITS_REMOTE(bits) \
	((bits) & MACH_MSGH_BITS_REMOTE_MASK)
#define MACH_MSGH_BITS_LOCAL(bits) \
	(((bits) & MACH_MSGH_BITS_LOCAL_MASK) >> 8)
#define MACH_MSGH_BITS_VOUCHER(bits) \
	(((bits) & MACH_MSGH_BITS_VOUCHER_MASK) >> 16)
#define MACH_MSGH_BITS_PORTS(bits) \
	((bits) & MACH_MSGH_BITS_PORTS_MASK)
#define MACH_MSGH_BITS_OTHER(bits) \
	((bits) & ~MACH_MSGH_BITS_PORTS_MASK)

#define MACH_MSGH_BITS_HAS_REMOTE(bits) \
	(MACH_MSGH_BITS_REMOTE(bits) != MACH_MSGH_BITS_ZERO)
#define MACH_MSGH_BITS_HAS_LOCAL(bits) \
	(MACH_MSGH_BITS_LOCAL(bits) != MACH_MSGH_BITS_ZERO)
#define MACH_MSGH_BITS_HAS_VOUCHER(bits) \
	(MACH_MSGH_BITS_VOUCHER(bits) != MACH_MSGH_BITS_ZERO)
#define MACH_MSGH_BITS_IS_COMPLEX(bits) \
	(((bits) & MACH_MSGH_BITS_COMPLEX) != MACH_MSGH_BITS_ZERO)
#define MACH_MSGH_BITS_RAISED_IMPORTANCE(bits) \
	(((bits) & MACH_MSGH_BITS_RAISEIMP) != MACH_MSGH_BITS_ZERO)
#define MACH_MSGH_BITS_HOLDS_IMPORTANCE_ASSERTION(bits) \
	(((bits) & MACH_MSGH_BITS_IMPHOLDASRT) != MACH_MSGH_BITS_ZERO)

typedef unsigned int	mach_msg_bits_t;
typedef natural_t	mach_msg_size_t;
typedef integer_t	mach_msg_id_t;

#define MACH_MSG_SIZE_NULL	((mach_msg_size_t *) 0)

typedef unsigned int	mach_msg_priority_t;

#define MACH_MSG_PRIORITY_UNSPECIFIED	((mach_msg_priority_t) 0)

/*
 * Port dispositions: what the sender does with its right (16-21), and
 * what the receiver is given (15-18).
 */
typedef unsigned int mach_msg_type_name_t;

#define MACH_MSG_TYPE_MOVE_RECEIVE	16	/* sender must hold receive */
#define MACH_MSG_TYPE_MOVE_SEND		17	/* sender must hold send */
#define MACH_MSG_TYPE_MOVE_SEND_ONCE	18	/* sender must hold send-once */
#define MACH_MSG_TYPE_COPY_SEND		19	/* sender must hold send */
#define MACH_MSG_TYPE_MAKE_SEND		20	/* sender must hold receive */
#define MACH_MSG_TYPE_MAKE_SEND_ONCE	21	/* sender must hold receive */
#define MACH_MSG_TYPE_COPY_RECEIVE	22	/* not valid */
#define MACH_MSG_TYPE_DISPOSE_RECEIVE	24	/* not valid in messages */
#define MACH_MSG_TYPE_DISPOSE_SEND	25
#define MACH_MSG_TYPE_DISPOSE_SEND_ONCE	26

#define MACH_MSG_TYPE_PORT_NONE		0
#define MACH_MSG_TYPE_PORT_NAME		15	/* a name, no right (MIG) */
#define MACH_MSG_TYPE_PORT_RECEIVE	MACH_MSG_TYPE_MOVE_RECEIVE
#define MACH_MSG_TYPE_PORT_SEND		MACH_MSG_TYPE_MOVE_SEND
#define MACH_MSG_TYPE_PORT_SEND_ONCE	MACH_MSG_TYPE_MOVE_SEND_ONCE

#define MACH_MSG_TYPE_LAST		22

/* MIG only: the disposition is supplied at run time. */
#define MACH_MSG_TYPE_POLYMORPHIC	((mach_msg_type_name_t) -1)

#define MACH_MSG_TYPE_PORT_ANY(x) \
	(((x) >= MACH_MSG_TYPE_MOVE_RECEIVE) && \
	 ((x) <= MACH_MSG_TYPE_MAKE_SEND_ONCE))
#define MACH_MSG_TYPE_PORT_ANY_SEND(x) \
	(((x) >= MACH_MSG_TYPE_MOVE_SEND) && \
	 ((x) <= MACH_MSG_TYPE_MAKE_SEND_ONCE))
#define MACH_MSG_TYPE_PORT_ANY_RIGHT(x) \
	(((x) >= MACH_MSG_TYPE_MOVE_RECEIVE) && \
	 ((x) <= MACH_MSG_TYPE_MOVE_SEND_ONCE))

/* Out-of-line copy options. */
typedef unsigned int mach_msg_copy_options_t;

#define MACH_MSG_PHYSICAL_COPY		0
#define MACH_MSG_VIRTUAL_COPY		1
#define MACH_MSG_ALLOCATE		2
#define MACH_MSG_OVERWRITE		3	/* deprecated */

/* Guarded port descriptor flags. */
typedef unsigned int mach_msg_guard_flags_t;

#define MACH_MSG_GUARD_FLAGS_NONE			0x0000
#define MACH_MSG_GUARD_FLAGS_IMMOVABLE_RECEIVE		0x0001
#define MACH_MSG_GUARD_FLAGS_UNGUARDED_ON_SEND		0x0002
#define MACH_MSG_GUARD_FLAGS_MASK			0x0003

/* Descriptor kinds: the top byte of each descriptor's flag word. */
typedef unsigned int mach_msg_descriptor_type_t;

#define MACH_MSG_PORT_DESCRIPTOR		0
#define MACH_MSG_OOL_DESCRIPTOR			1
#define MACH_MSG_OOL_PORTS_DESCRIPTOR		2
#define MACH_MSG_OOL_VOLATILE_DESCRIPTOR	3
#define MACH_MSG_GUARDED_PORT_DESCRIPTOR	4

#define MACH_MSG_DESCRIPTOR_MAX	MACH_MSG_GUARDED_PORT_DESCRIPTOR

#pragma pack(push, 4)

/* The common view: enough to read the type of any descriptor. */
typedef struct {
	natural_t			pad1;
	mach_msg_size_t			pad2;
	unsigned int			pad3 : 24;
	mach_msg_descriptor_type_t	type : 8;
} mach_msg_type_descriptor_t;

/* One port right: 12 bytes. */
typedef struct {
	mach_port_t			name;
	mach_msg_size_t			pad1;
	unsigned int			pad2 : 16;
	mach_msg_type_name_t		disposition : 8;
	mach_msg_descriptor_type_t	type : 8;
} mach_msg_port_descriptor_t;

/* Out-of-line memory, the 32-bit and 64-bit encodings. */
typedef struct {
	uint32_t			address;
	mach_msg_size_t			size;
	boolean_t			deallocate : 8;
	mach_msg_copy_options_t		copy : 8;
	unsigned int			pad1 : 8;
	mach_msg_descriptor_type_t	type : 8;
} mach_msg_ool_descriptor32_t;

typedef struct {
	uint64_t			address;
	boolean_t			deallocate : 8;
	mach_msg_copy_options_t		copy : 8;
	unsigned int			pad1 : 8;
	mach_msg_descriptor_type_t	type : 8;
	mach_msg_size_t			size;
} mach_msg_ool_descriptor64_t;

/* Out-of-line memory as an LP64 program builds it: 16 bytes. */
typedef struct {
	void				*address;
	boolean_t			deallocate : 8;
	mach_msg_copy_options_t		copy : 8;
	unsigned int			pad1 : 8;
	mach_msg_descriptor_type_t	type : 8;
	mach_msg_size_t			size;
} mach_msg_ool_descriptor_t;

/* An out-of-line array of port names, one disposition for all. */
typedef struct {
	uint32_t			address;
	mach_msg_size_t			count;
	boolean_t			deallocate : 8;
	mach_msg_copy_options_t		copy : 8;
	mach_msg_type_name_t		disposition : 8;
	mach_msg_descriptor_type_t	type : 8;
} mach_msg_ool_ports_descriptor32_t;

typedef struct {
	uint64_t			address;
	boolean_t			deallocate : 8;
	mach_msg_copy_options_t		copy : 8;
	mach_msg_type_name_t		disposition : 8;
	mach_msg_descriptor_type_t	type : 8;
	mach_msg_size_t			count;
} mach_msg_ool_ports_descriptor64_t;

typedef struct {
	void				*address;
	boolean_t			deallocate : 8;
	mach_msg_copy_options_t		copy : 8;
	mach_msg_type_name_t		disposition : 8;
	mach_msg_descriptor_type_t	type : 8;
	mach_msg_size_t			count;
} mach_msg_ool_ports_descriptor_t;

/* A receive right with a guard (context). */
typedef struct {
	uint32_t			context;
	mach_port_name_t		name;
	mach_msg_guard_flags_t		flags : 16;
	mach_msg_type_name_t		disposition : 8;
	mach_msg_descriptor_type_t	type : 8;
} mach_msg_guarded_port_descriptor32_t;

typedef struct {
	uint64_t			context;
	mach_msg_guard_flags_t		flags : 16;
	mach_msg_type_name_t		disposition : 8;
	mach_msg_descriptor_type_t	type : 8;
	mach_port_name_t		name;
} mach_msg_guarded_port_descriptor64_t;

typedef struct {
	mach_port_context_t		context;
	mach_msg_guard_flags_t		flags : 16;
	mach_msg_type_name_t		disposition : 8;
	mach_msg_descriptor_type_t	type : 8;
	mach_port_name_t		name;
} mach_msg_guarded_port_descriptor_t;

/*
 * Any descriptor.  On LP64 the members differ in size, so this union (16
 * bytes) only serves to look at one descriptor, not to index an array.
 */
typedef union {
	mach_msg_port_descriptor_t		port;
	mach_msg_ool_descriptor_t		out_of_line;
	mach_msg_ool_ports_descriptor_t		ool_ports;
	mach_msg_type_descriptor_t		type;
	mach_msg_guarded_port_descriptor_t	guarded_port;
} mach_msg_descriptor_t;

typedef struct {
	mach_msg_size_t		msgh_descriptor_count;
} mach_msg_body_t;

#define MACH_MSG_BODY_NULL		((mach_msg_body_t *) 0)
#define MACH_MSG_DESCRIPTOR_NULL	((mach_msg_descriptor_t *) 0)

typedef struct {
	mach_msg_bits_t		msgh_bits;
	mach_msg_size_t		msgh_size;	/* bytes, header included */
	mach_port_t		msgh_remote_port;	/* destination */
	mach_port_t		msgh_local_port;	/* reply port */
	mach_port_name_t	msgh_voucher_port;
	mach_msg_id_t		msgh_id;
} mach_msg_header_t;

/* The older name of the fifth field. */
#define msgh_reserved		msgh_voucher_port
#define MACH_MSG_NULL		((mach_msg_header_t *) 0)

typedef struct {
	mach_msg_header_t	header;
	mach_msg_body_t		body;
} mach_msg_base_t;

/*
 * Trailers.  The kernel appends one to every received message, at
 * round_msg(msgh_size); the receive option MACH_RCV_TRAILER_ELEMENTS(n)
 * chooses how much of the largest one is delivered.
 */
typedef unsigned int	mach_msg_trailer_type_t;

#define MACH_MSG_TRAILER_FORMAT_0	0

typedef unsigned int	mach_msg_trailer_size_t;
typedef char		*mach_msg_trailer_info_t;

typedef struct {
	mach_msg_trailer_type_t	msgh_trailer_type;
	mach_msg_trailer_size_t	msgh_trailer_size;
} mach_msg_trailer_t;

/* msgh_seqno: the port's sequence number when the message was dequeued. */
typedef struct {
	mach_msg_trailer_type_t	msgh_trailer_type;
	mach_msg_trailer_size_t	msgh_trailer_size;
	mach_port_seqno_t	msgh_seqno;
} mach_msg_seqno_trailer_t;

typedef struct {
	unsigned int	val[2];
} security_token_t;

typedef struct {
	mach_msg_trailer_type_t	msgh_trailer_type;
	mach_msg_trailer_size_t	msgh_trailer_size;
	mach_port_seqno_t	msgh_seqno;
	security_token_t	msgh_sender;
} mach_msg_security_trailer_t;

/* An opaque identity of the sending task, for the audit system. */
typedef struct {
	unsigned int	val[8];
} audit_token_t;

#define INVALID_AUDIT_TOKEN_VALUE {{ \
	UINT32_MAX, UINT32_MAX, UINT32_MAX, UINT32_MAX, \
	UINT32_MAX, UINT32_MAX, UINT32_MAX, UINT32_MAX }}

typedef struct {
	mach_msg_trailer_type_t	msgh_trailer_type;
	mach_msg_trailer_size_t	msgh_trailer_size;
	mach_port_seqno_t	msgh_seqno;
	security_token_t	msgh_sender;
	audit_token_t		msgh_audit;
} mach_msg_audit_trailer_t;

typedef struct {
	mach_msg_trailer_type_t	msgh_trailer_type;
	mach_msg_trailer_size_t	msgh_trailer_size;
	mach_port_seqno_t	msgh_seqno;
	security_token_t	msgh_sender;
	audit_token_t		msgh_audit;
	mach_port_context_t	msgh_context;
} mach_msg_context_trailer_t;

typedef struct {
	mach_port_name_t	sender;
} msg_labels_t;

typedef int mach_msg_filter_id;

#define MACH_MSG_FILTER_POLICY_ALLOW	((mach_msg_filter_id) 0)

typedef struct {
	mach_msg_trailer_type_t	msgh_trailer_type;
	mach_msg_trailer_size_t	msgh_trailer_size;
	mach_port_seqno_t	msgh_seqno;
	security_token_t	msgh_sender;
	audit_token_t		msgh_audit;
	mach_port_context_t	msgh_context;
	mach_msg_filter_id	msgh_ad;
	msg_labels_t		msgh_labels;
} mach_msg_mac_trailer_t;

#define MACH_MSG_TRAILER_MINIMUM_SIZE	sizeof(mach_msg_trailer_t)

/* The largest trailer this header knows; a receive buffer's worst case. */
typedef mach_msg_mac_trailer_t mach_msg_max_trailer_t;

#define MAX_TRAILER_SIZE ((mach_msg_size_t) sizeof(mach_msg_max_trailer_t))

/* Legacy: the format-0 trailer of old code stops at the sender token. */
typedef mach_msg_security_trailer_t mach_msg_format_0_trailer_t;

#define MACH_MSG_TRAILER_FORMAT_0_SIZE	sizeof(mach_msg_format_0_trailer_t)

#define KERNEL_SECURITY_TOKEN_VALUE	{ {0, 1} }
#define KERNEL_AUDIT_TOKEN_VALUE	{ {0, 0, 0, 0, 0, 0, 0, 0} }

typedef integer_t mach_msg_options_t;

typedef struct {
	mach_msg_header_t	header;
} mach_msg_empty_send_t;

typedef struct {
	mach_msg_header_t	header;
	mach_msg_trailer_t	trailer;
} mach_msg_empty_rcv_t;

typedef union {
	mach_msg_empty_send_t	send;
	mach_msg_empty_rcv_t	rcv;
} mach_msg_empty_t;

#pragma pack(pop)

/* Wire layouts (LP64 user space). */
__MACHSIM_WIRE_SIZE(mach_msg_header_t, 24);
__MACHSIM_WIRE_OFFSET(mach_msg_header_t, msgh_bits, 0);
__MACHSIM_WIRE_OFFSET(mach_msg_header_t, msgh_size, 4);
__MACHSIM_WIRE_OFFSET(mach_msg_header_t, msgh_remote_port, 8);
__MACHSIM_WIRE_OFFSET(mach_msg_header_t, msgh_local_port, 12);
__MACHSIM_WIRE_OFFSET(mach_msg_header_t, msgh_voucher_port, 16);
__MACHSIM_WIRE_OFFSET(mach_msg_header_t, msgh_id, 20);
__MACHSIM_WIRE_SIZE(mach_msg_body_t, 4);
__MACHSIM_WIRE_SIZE(mach_msg_base_t, 28);
__MACHSIM_WIRE_SIZE(mach_msg_type_descriptor_t, 12);
__MACHSIM_WIRE_SIZE(mach_msg_port_descriptor_t, 12);
__MACHSIM_WIRE_OFFSET(mach_msg_port_descriptor_t, name, 0);
__MACHSIM_WIRE_SIZE(mach_msg_ool_descriptor32_t, 12);
__MACHSIM_WIRE_SIZE(mach_msg_ool_descriptor64_t, 16);
__MACHSIM_WIRE_SIZE(mach_msg_ool_descriptor_t, 16);
__MACHSIM_WIRE_OFFSET(mach_msg_ool_descriptor_t, address, 0);
__MACHSIM_WIRE_OFFSET(mach_msg_ool_descriptor_t, size, 12);
__MACHSIM_WIRE_SIZE(mach_msg_ool_ports_descriptor32_t, 12);
__MACHSIM_WIRE_SIZE(mach_msg_ool_ports_descriptor64_t, 16);
__MACHSIM_WIRE_SIZE(mach_msg_ool_ports_descriptor_t, 16);
__MACHSIM_WIRE_OFFSET(mach_msg_ool_ports_descriptor_t, address, 0);
__MACHSIM_WIRE_OFFSET(mach_msg_ool_ports_descriptor_t, count, 12);
__MACHSIM_WIRE_SIZE(mach_msg_guarded_port_descriptor32_t, 12);
__MACHSIM_WIRE_SIZE(mach_msg_guarded_port_descriptor64_t, 16);
__MACHSIM_WIRE_SIZE(mach_msg_guarded_port_descriptor_t, 16);
__MACHSIM_WIRE_OFFSET(mach_msg_guarded_port_descriptor_t, context, 0);
__MACHSIM_WIRE_OFFSET(mach_msg_guarded_port_descriptor_t, name, 12);
__MACHSIM_WIRE_SIZE(mach_msg_descriptor_t, 16);
__MACHSIM_WIRE_SIZE(security_token_t, 8);
__MACHSIM_WIRE_SIZE(audit_token_t, 32);
__MACHSIM_WIRE_SIZE(mach_msg_trailer_t, 8);
__MACHSIM_WIRE_SIZE(mach_msg_seqno_trailer_t, 12);
__MACHSIM_WIRE_SIZE(mach_msg_security_trailer_t, 20);
__MACHSIM_WIRE_SIZE(mach_msg_audit_trailer_t, 52);
__MACHSIM_WIRE_SIZE(mach_msg_context_trailer_t, 60);
__MACHSIM_WIRE_OFFSET(mach_msg_context_trailer_t, msgh_context, 52);
__MACHSIM_WIRE_SIZE(mach_msg_mac_trailer_t, 68);
__MACHSIM_WIRE_OFFSET(mach_msg_mac_trailer_t, msgh_ad, 60);
__MACHSIM_WIRE_OFFSET(mach_msg_mac_trailer_t, msgh_labels, 64);
__MACHSIM_WIRE_SIZE(mach_msg_empty_rcv_t, 32);

/* Message sizes are rounded up to a multiple of 4 (sizeof(natural_t)). */
#define round_msg(x) \
	(((mach_msg_size_t)(x) + sizeof(natural_t) - 1) & \
	 ~(sizeof(natural_t) - 1))

/* There is no fixed upper bound on a message's size. */
#define MACH_MSG_SIZE_MAX	((mach_msg_size_t) ~0)
/* Larger messages may fail to send for lack of kernel memory. */
#define MACH_MSG_SIZE_RELIABLE	((mach_msg_size_t) 256 * 1024)

/* Compatibility with the msgh_kind of old headers. */
#define MACH_MSGH_KIND_NORMAL		0x00000000
#define MACH_MSGH_KIND_NOTIFICATION	0x00000001
#define msgh_kind			msgh_seqno
#define mach_msg_kind_t			mach_port_seqno_t

typedef natural_t mach_msg_type_size_t;
typedef natural_t mach_msg_type_number_t;	/* element counts in MIG */

/* mach_msg options. */
typedef integer_t mach_msg_option_t;

#define MACH_MSG_OPTION_NONE	0x00000000

#define MACH_SEND_MSG		0x00000001
#define MACH_RCV_MSG		0x00000002

#define MACH_RCV_LARGE		0x00000004	/* report a too-large message */
#define MACH_RCV_LARGE_IDENTITY	0x00000008	/* ... and its port */

#define MACH_SEND_TIMEOUT	0x00000010	/* timeout bounds the send */
#define MACH_SEND_OVERRIDE	0x00000020	/* priority override */
#define MACH_SEND_INTERRUPT	0x00000040	/* don't restart interrupted sends */
#define MACH_SEND_NOTIFY	0x00000080	/* arm send-possible notification */
#define MACH_SEND_CANCEL	0x00000080	/* classic name of the same bit */
#define MACH_SEND_ALWAYS	0x00010000	/* ignore qlimit; kernel only */
#define MACH_SEND_FILTER_NONFATAL 0x00010000	/* user only; same bit */
#define MACH_SEND_TRAILER	0x00020000	/* sender supplies a trailer */
#define MACH_SEND_NOIMPORTANCE	0x00040000	/* carries no importance */
#define MACH_SEND_NODENAP	MACH_SEND_NOIMPORTANCE
#define MACH_SEND_IMPORTANCE	0x00080000	/* kernel only */
#define MACH_SEND_SYNC_OVERRIDE	0x00100000
#define MACH_SEND_PROPAGATE_QOS	0x00200000
#define MACH_SEND_SYNC_USE_THRPRI MACH_SEND_PROPAGATE_QOS
#define MACH_SEND_KERNEL	0x00400000	/* kernel only */
#define MACH_SEND_SYNC_BOOTSTRAP_CHECKIN 0x00800000

#define MACH_RCV_TIMEOUT	0x00000100	/* timeout bounds the receive */
#define MACH_RCV_NOTIFY		0x00000000	/* legacy; was 0x200 */
#define MACH_RCV_INTERRUPT	0x00000400	/* don't restart interrupted receives */
#define MACH_RCV_VOUCHER	0x00000800	/* willing to receive a voucher */
#define MACH_RCV_OVERWRITE	0x00000000	/* legacy; was 0x1000 */
#define MACH_RCV_GUARDED_DESC	0x00001000	/* accepts guarded descriptors */
#define MACH_RCV_SYNC_WAIT	0x00004000
#define MACH_RCV_SYNC_PEEK	0x00008000

#define MACH_MSG_STRICT_REPLY	0x00000200

/*
 * Trailer requests in the receive options: format in bits 28-31, number
 * of elements in bits 24-27.
 */
#define MACH_RCV_TRAILER_NULL	0
#define MACH_RCV_TRAILER_SEQNO	1
#define MACH_RCV_TRAILER_SENDER	2
#define MACH_RCV_TRAILER_AUDIT	3
#define MACH_RCV_TRAILER_CTX	4
#define MACH_RCV_TRAILER_AV	7
#define MACH_RCV_TRAILER_LABELS	8

#define MACH_RCV_TRAILER_TYPE(x)	(((x) & 0xf) << 28)
#define MACH_RCV_TRAILER_ELEMENTS(x)	(((x) & 0xf) << 24)
#define MACH_RCV_TRAILER_MASK		((0xf << 24))

#define GET_RCV_ELEMENTS(y)		(((y) >> 24) & 0xf)

/* Size of the trailer that receive options y ask for. */
#define REQUESTED_TRAILER_SIZE(y) \
	((mach_msg_trailer_size_t) \
	 ((GET_RCV_ELEMENTS(y) == MACH_RCV_TRAILER_NULL) ? \
	  sizeof(mach_msg_trailer_t) : \
	 ((GET_RCV_ELEMENTS(y) == MACH_RCV_TRAILER_SEQNO) ? \
	  sizeof(mach_msg_seqno_trailer_t) : \
	 ((GET_RCV_ELEMENTS(y) == MACH_RCV_TRAILER_SENDER) ? \
	  sizeof(mach_msg_security_trailer_t) : \
	 ((GET_RCV_ELEMENTS(y) == MACH_RCV_TRAILER_AUDIT) ? \
	  sizeof(mach_msg_audit_trailer_t) : \
	 ((GET_RCV_ELEMENTS(y) == MACH_RCV_TRAILER_CTX) ? \
	  sizeof(mach_msg_context_trailer_t) : \
	 ((GET_RCV_ELEMENTS(y) == MACH_RCV_TRAILER_AV) ? \
	  sizeof(mach_msg_mac_trailer_t) : \
	  sizeof(mach_msg_max_trailer_t))))))))

/*
 * Results of mach_msg.  IPC errors are system 4 in <mach/error.h> terms:
 * send errors subsystem 0, receive errors subsystem 1.  Some errors have
 * extra bits ORed in (MACH_MSG_MASK) saying which resource ran out.
 */
typedef kern_return_t mach_msg_return_t;

#define MACH_MSG_SUCCESS		0x00000000

#define MACH_MSG_MASK			0x00003e00
#define MACH_MSG_IPC_SPACE		0x00002000	/* no room for a name */
#define MACH_MSG_VM_SPACE		0x00001000	/* no room for OOL memory */
#define MACH_MSG_IPC_KERNEL		0x00000800	/* kernel short of IPC */
#define MACH_MSG_VM_KERNEL		0x00000400	/* kernel short of VM */

#define MACH_SEND_IN_PROGRESS		0x10000001	/* internal */
#define MACH_SEND_INVALID_DATA		0x10000002	/* unreadable buffer */
#define MACH_SEND_INVALID_DEST		0x10000003	/* bad destination */
#define MACH_SEND_TIMED_OUT		0x10000004
#define MACH_SEND_INVALID_VOUCHER	0x10000005
#define MACH_SEND_INTERRUPTED		0x10000007
#define MACH_SEND_MSG_TOO_SMALL		0x10000008	/* incomplete message */
#define MACH_SEND_INVALID_REPLY		0x10000009	/* bad reply port */
#define MACH_SEND_INVALID_RIGHT		0x1000000a	/* bad right in the body */
#define MACH_SEND_INVALID_NOTIFY	0x1000000b
#define MACH_SEND_INVALID_MEMORY	0x1000000c	/* bad OOL memory */
#define MACH_SEND_NO_BUFFER		0x1000000d
#define MACH_SEND_TOO_LARGE		0x1000000e
#define MACH_SEND_INVALID_TYPE		0x1000000f	/* bad descriptor */
#define MACH_SEND_INVALID_HEADER	0x10000010
#define MACH_SEND_INVALID_TRAILER	0x10000011
#define MACH_SEND_INVALID_CONTEXT	0x10000012
#define MACH_SEND_INVALID_OPTIONS	0x10000013
#define MACH_SEND_INVALID_RT_OOL_SIZE	0x10000015	/* no longer returned */
#define MACH_SEND_NO_GRANT_DEST		0x10000016
#define MACH_SEND_MSG_FILTERED		0x10000017
#define MACH_SEND_AUX_TOO_SMALL		0x10000018
#define MACH_SEND_AUX_TOO_LARGE		0x10000019

#define MACH_RCV_IN_PROGRESS		0x10004001	/* internal */
#define MACH_RCV_INVALID_NAME		0x10004002	/* bad port or set name */
#define MACH_RCV_TIMED_OUT		0x10004003
#define MACH_RCV_TOO_LARGE		0x10004004	/* buffer too small */
#define MACH_RCV_INTERRUPTED		0x10004005
#define MACH_RCV_PORT_CHANGED		0x10004006	/* no longer returned */
#define MACH_RCV_INVALID_NOTIFY		0x10004007
#define MACH_RCV_INVALID_DATA		0x10004008	/* unwritable buffer */
#define MACH_RCV_PORT_DIED		0x10004009	/* port went away */
#define MACH_RCV_IN_SET			0x1000400a	/* no longer returned */
#define MACH_RCV_HEADER_ERROR		0x1000400b
#define MACH_RCV_BODY_ERROR		0x1000400c
#define MACH_RCV_INVALID_TYPE		0x1000400d
#define MACH_RCV_SCATTER_SMALL		0x1000400e
#define MACH_RCV_INVALID_TRAILER	0x1000400f	/* unknown trailer request */
#define MACH_RCV_IN_PROGRESS_TIMED	0x10004011	/* internal */
#define MACH_RCV_INVALID_REPLY		0x10004012
#define MACH_RCV_INVALID_ARGUMENTS	0x10004013

__MACHSIM_BEGIN_DECLS

/* The sender token the kernel stamps on its own messages: {0, 1}. */
extern const security_token_t KERNEL_SECURITY_TOKEN;
/* The kernel's audit token: all zeros. */
extern const audit_token_t KERNEL_AUDIT_TOKEN;

/*
 * Send and/or receive a message.  An interrupted send or receive is
 * restarted unless MACH_SEND_INTERRUPT / MACH_RCV_INTERRUPT is set.
 */
extern mach_msg_return_t mach_msg(mach_msg_header_t *msg,
    mach_msg_option_t option, mach_msg_size_t send_size,
    mach_msg_size_t rcv_size, mach_port_name_t rcv_name,
    mach_msg_timeout_t timeout, mach_port_name_t notify);

/* As mach_msg, receiving into rcv_msg when it is not NULL. */
extern mach_msg_return_t mach_msg_overwrite(mach_msg_header_t *msg,
    mach_msg_option_t option, mach_msg_size_t send_size,
    mach_msg_size_t rcv_size, mach_port_name_t rcv_name,
    mach_msg_timeout_t timeout, mach_port_name_t notify,
    mach_msg_header_t *rcv_msg, mach_msg_size_t rcv_limit);

/* Send msg (msgh_size bytes), no timeout. */
extern mach_msg_return_t mach_msg_send(mach_msg_header_t *msg);

/* Receive on msg->msgh_local_port into msg, at most msgh_size bytes. */
extern mach_msg_return_t mach_msg_receive(mach_msg_header_t *msg);

/* Release every right and out-of-line region a received message carries. */
extern void mach_msg_destroy(mach_msg_header_t *msg);

__MACHSIM_END_DECLS

#endif /* _MACH_MESSAGE_H_ */
