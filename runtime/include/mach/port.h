/*
 * <mach/port.h> - port names, rights, types and port attributes.
 *
 * In user space a port is known by a 32-bit name, local to the task's IPC
 * space; mach_port_t and mach_port_name_t are the same 32-bit integer, on
 * LP64 too.  The two names are kept apart for source compatibility: a
 * mach_port_t argument moves a right, a mach_port_name_t is just a number.
 */
#ifndef _MACH_PORT_H_
#define _MACH_PORT_H_

#include <stddef.h>
#include <stdint.h>

#include <mach/_machsim_cdefs.h>
#include <mach/boolean.h>
#include <mach/machine/vm_types.h>

typedef natural_t		mach_port_name_t;
typedef mach_port_name_t	*mach_port_name_array_t;

typedef mach_port_name_t	mach_port_t;
typedef mach_port_t		*mach_port_array_t;

/* The two reserved names.  Neither ever denotes a right. */
#define MACH_PORT_NULL		0
#define MACH_PORT_DEAD		((mach_port_name_t) ~0)
#define MACH_PORT_VALID(name) \
	(((name) != MACH_PORT_NULL) && ((name) != MACH_PORT_DEAD))

/*
 * A name is an index into the space's table, shifted left 8, with an
 * 8-bit generation number in the low byte.  These convert between the two
 * views; the generation is kept in the top byte of the unpacked form.
 */
#define MACH_PORT_INDEX(name)		((name) >> 8)
#define MACH_PORT_GEN(name)		(((name) & 0xff) << 24)
#define MACH_PORT_MAKE(index, gen)	(((index) << 8) | ((gen) >> 24))

/* Kinds of rights (mach_port_allocate, mach_port_get_refs, ...). */
typedef natural_t mach_port_right_t;

#define MACH_PORT_RIGHT_SEND		((mach_port_right_t) 0)
#define MACH_PORT_RIGHT_RECEIVE		((mach_port_right_t) 1)
#define MACH_PORT_RIGHT_SEND_ONCE	((mach_port_right_t) 2)
#define MACH_PORT_RIGHT_PORT_SET	((mach_port_right_t) 3)
#define MACH_PORT_RIGHT_DEAD_NAME	((mach_port_right_t) 4)
#define MACH_PORT_RIGHT_LABELH		((mach_port_right_t) 5)	/* obsolete */
#define MACH_PORT_RIGHT_NUMBER		((mach_port_right_t) 6)

/* A name's type: one bit per right it holds, plus request bits. */
typedef natural_t mach_port_type_t;
typedef mach_port_type_t *mach_port_type_array_t;

#define MACH_PORT_TYPE(right) \
	((mach_port_type_t)(((mach_port_type_t) 1) << \
	    ((right) + ((mach_port_right_t) 16))))
#define MACH_PORT_TYPE_NONE	((mach_port_type_t) 0L)
#define MACH_PORT_TYPE_SEND	MACH_PORT_TYPE(MACH_PORT_RIGHT_SEND)
#define MACH_PORT_TYPE_RECEIVE	MACH_PORT_TYPE(MACH_PORT_RIGHT_RECEIVE)
#define MACH_PORT_TYPE_SEND_ONCE MACH_PORT_TYPE(MACH_PORT_RIGHT_SEND_ONCE)
#define MACH_PORT_TYPE_PORT_SET	MACH_PORT_TYPE(MACH_PORT_RIGHT_PORT_SET)
#define MACH_PORT_TYPE_DEAD_NAME MACH_PORT_TYPE(MACH_PORT_RIGHT_DEAD_NAME)
#define MACH_PORT_TYPE_LABELH	MACH_PORT_TYPE(MACH_PORT_RIGHT_LABELH)	/* obsolete */

/* Composite types. */
#define MACH_PORT_TYPE_SEND_RECEIVE \
	(MACH_PORT_TYPE_SEND | MACH_PORT_TYPE_RECEIVE)
#define MACH_PORT_TYPE_SEND_RIGHTS \
	(MACH_PORT_TYPE_SEND | MACH_PORT_TYPE_SEND_ONCE)
#define MACH_PORT_TYPE_PORT_RIGHTS \
	(MACH_PORT_TYPE_SEND_RIGHTS | MACH_PORT_TYPE_RECEIVE)
#define MACH_PORT_TYPE_PORT_OR_DEAD \
	(MACH_PORT_TYPE_PORT_RIGHTS | MACH_PORT_TYPE_DEAD_NAME)
#define MACH_PORT_TYPE_ALL_RIGHTS \
	(MACH_PORT_TYPE_PORT_OR_DEAD | MACH_PORT_TYPE_PORT_SET)

/* Pending requests recorded in the type bits. */
#define MACH_PORT_TYPE_DNREQUEST		0x80000000
#define MACH_PORT_TYPE_SPREQUEST		0x40000000
#define MACH_PORT_TYPE_SPREQUEST_DELAYED	0x20000000

/* Counters and deltas of rights. */
typedef natural_t	mach_port_urefs_t;
typedef integer_t	mach_port_delta_t;	/* change to a uref count */

#define MACH_PORT_UREFS_MAX	((mach_port_urefs_t) ((1 << 16) - 1))

/* True when adding delta to urefs would pass MACH_PORT_UREFS_MAX. */
#define MACH_PORT_UREFS_OVERFLOW(urefs, delta) \
	(((delta) > 0) && \
	 ((((urefs) + (delta)) <= (urefs)) || \
	  (((urefs) + (delta)) > MACH_PORT_UREFS_MAX)))

/* True when adding delta to urefs would go below zero. */
#define MACH_PORT_UREFS_UNDERFLOW(urefs, delta) \
	(((delta) < 0) && (((mach_port_urefs_t)-(delta)) > (urefs)))

typedef natural_t	mach_port_seqno_t;	/* sequence number */
typedef natural_t	mach_port_mscount_t;	/* make-send count */
typedef natural_t	mach_port_msgcount_t;	/* number of messages */
typedef natural_t	mach_port_rights_t;	/* number of rights */

/* mach_port_get_srights: whether any send right exists. */
typedef unsigned int	mach_port_srights_t;

#define MACH_PORT_SRIGHTS_NONE		0
#define MACH_PORT_SRIGHTS_PRESENT	1

/*
 * A receive right's state, as MACH_PORT_RECEIVE_STATUS reports it.  Ten
 * 32-bit words: MIG carries it as struct[10] of integer_t.
 */
typedef struct mach_port_status {
	mach_port_rights_t	mps_pset;	/* count of containing port sets */
	mach_port_seqno_t	mps_seqno;	/* sequence number */
	mach_port_mscount_t	mps_mscount;	/* make-send count */
	mach_port_msgcount_t	mps_qlimit;	/* queue limit */
	mach_port_msgcount_t	mps_msgcount;	/* messages queued */
	mach_port_rights_t	mps_sorights;	/* send-once rights */
	boolean_t		mps_srights;	/* any send rights? */
	boolean_t		mps_pdrequest;	/* port-deleted requested? */
	boolean_t		mps_nsrequest;	/* no-senders requested? */
	natural_t		mps_flags;	/* MACH_PORT_STATUS_FLAG_* */
} mach_port_status_t;

__MACHSIM_WIRE_SIZE(mach_port_status_t, 40);

#define MACH_PORT_STATUS_FLAG_TEMPOWNER			0x01
#define MACH_PORT_STATUS_FLAG_GUARDED			0x02
#define MACH_PORT_STATUS_FLAG_STRICT_GUARD		0x04
#define MACH_PORT_STATUS_FLAG_IMP_DONATION		0x08
#define MACH_PORT_STATUS_FLAG_REVIVE			0x10
#define MACH_PORT_STATUS_FLAG_TASKPTR			0x20
#define MACH_PORT_STATUS_FLAG_GUARD_IMMOVABLE_RECEIVE	0x40
#define MACH_PORT_STATUS_FLAG_NO_GRANT			0x80

/* Queue limits. */
#define MACH_PORT_QLIMIT_ZERO		0
#define MACH_PORT_QLIMIT_BASIC		5
#define MACH_PORT_QLIMIT_SMALL		16
#define MACH_PORT_QLIMIT_LARGE		1024
#define MACH_PORT_QLIMIT_KERNEL		65534
#define MACH_PORT_QLIMIT_MIN		MACH_PORT_QLIMIT_ZERO
#define MACH_PORT_QLIMIT_DEFAULT	MACH_PORT_QLIMIT_BASIC
#define MACH_PORT_QLIMIT_MAX		MACH_PORT_QLIMIT_LARGE

typedef struct mach_port_limits {
	mach_port_msgcount_t	mpl_qlimit;	/* number of messages */
} mach_port_limits_t;

__MACHSIM_WIRE_SIZE(mach_port_limits_t, 4);

/* MACH_PORT_INFO_EXT: the status plus later additions (17 words). */
typedef struct mach_port_info_ext {
	mach_port_status_t	mpie_status;
	mach_port_msgcount_t	mpie_boost_cnt;	/* importance boosts */
	uint32_t		reserved[6];
} mach_port_info_ext_t;

__MACHSIM_WIRE_SIZE(mach_port_info_ext_t, 68);

typedef struct mach_port_guard_info {
	uint64_t	mpgi_guard;	/* guard value */
} mach_port_guard_info_t;

/* mach_port_get_attributes / mach_port_set_attributes. */
typedef integer_t	*mach_port_info_t;	/* varying array of integer_t */
typedef int		mach_port_flavor_t;

#define MACH_PORT_LIMITS_INFO		1	/* mach_port_limits_t */
#define MACH_PORT_RECEIVE_STATUS	2	/* mach_port_status_t */
#define MACH_PORT_DNREQUESTS_SIZE	3	/* int: dead-name table size */
#define MACH_PORT_TEMPOWNER		4
#define MACH_PORT_IMPORTANCE_RECEIVER	5
#define MACH_PORT_DENAP_RECEIVER	6
#define MACH_PORT_INFO_EXT		7	/* mach_port_info_ext_t */
#define MACH_PORT_GUARD_INFO		8	/* mach_port_guard_info_t */
#define MACH_PORT_SERVICE_THROTTLED	9	/* boolean_t */

#define MACH_PORT_LIMITS_INFO_COUNT \
	((natural_t)(sizeof(mach_port_limits_t) / sizeof(natural_t)))
#define MACH_PORT_RECEIVE_STATUS_COUNT \
	((natural_t)(sizeof(mach_port_status_t) / sizeof(natural_t)))
#define MACH_PORT_DNREQUESTS_SIZE_COUNT	1
#define MACH_PORT_INFO_EXT_COUNT \
	((natural_t)(sizeof(mach_port_info_ext_t) / sizeof(natural_t)))
#define MACH_PORT_GUARD_INFO_COUNT \
	((natural_t)(sizeof(mach_port_guard_info_t) / sizeof(natural_t)))
#define MACH_PORT_SERVICE_THROTTLED_COUNT 1

/*
 * mach_port_allocate_qos / mach_port_allocate_full.  Two words: MIG
 * carries it as struct[2] of integer_t.
 */
typedef struct mach_port_qos {
	unsigned int	name:1;		/* the caller supplies the name */
	unsigned int	prealloc:1;	/* preallocate a message buffer */
	boolean_t	pad1:30;
	natural_t	len;		/* size of the preallocated message */
} mach_port_qos_t;

__MACHSIM_WIRE_SIZE(mach_port_qos_t, 8);

/* mach_port_construct options (struct[3] of uint64_t in MIG). */
#define MPO_CONTEXT_AS_GUARD		0x01
#define MPO_QLIMIT			0x02
#define MPO_TEMPOWNER			0x04
#define MPO_IMPORTANCE_RECEIVER		0x08
#define MPO_INSERT_SEND_RIGHT		0x10
#define MPO_STRICT			0x20
#define MPO_DENAP_RECEIVER		0x40
#define MPO_IMMOVABLE_RECEIVE		0x80
#define MPO_FILTER_MSG			0x100
#define MPO_TG_BLOCK_TRACKING		0x200
#define MPO_SERVICE_PORT		0x400
#define MPO_CONNECTION_PORT		0x800

typedef struct mach_port_options {
	uint32_t		flags;		/* MPO_* */
	mach_port_limits_t	mpl;		/* used with MPO_QLIMIT */
	union {
		uint64_t		reserved[2];
		mach_port_name_t	work_interval_port;
		mach_port_name_t	service_port_name;
	};
} mach_port_options_t;

typedef mach_port_options_t *mach_port_options_ptr_t;

__MACHSIM_WIRE_SIZE(mach_port_options_t, 24);

#endif /* _MACH_PORT_H_ */
