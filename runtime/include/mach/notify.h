/*
 * <mach/notify.h> - kernel notifications (notify.defs, base 64 = 0100).
 *
 * The kernel sends these as simple routines on a send-once right the task
 * gave it (mach_port_request_notification, or a send-once right that died
 * unused).  The structs below are the messages as received with a
 * format-0 trailer; a receiver that asks for another trailer gets that
 * one instead.
 */
#ifndef _MACH_NOTIFY_H_
#define _MACH_NOTIFY_H_

#include <stddef.h>

#include <mach/_machsim_cdefs.h>
#include <mach/message.h>
#include <mach/ndr.h>
#include <mach/port.h>

#define MACH_NOTIFY_FIRST		0100
#define MACH_NOTIFY_PORT_DELETED	(MACH_NOTIFY_FIRST + 001)
					/* a send or send-once right died */
#define MACH_NOTIFY_SEND_POSSIBLE	(MACH_NOTIFY_FIRST + 002)
					/* a full queue has room again */
#define MACH_NOTIFY_PORT_DESTROYED	(MACH_NOTIFY_FIRST + 005)
					/* a receive right is handed back */
#define MACH_NOTIFY_NO_SENDERS		(MACH_NOTIFY_FIRST + 006)
					/* the last send right went away */
#define MACH_NOTIFY_SEND_ONCE		(MACH_NOTIFY_FIRST + 007)
					/* a send-once right died unused */
#define MACH_NOTIFY_DEAD_NAME		(MACH_NOTIFY_FIRST + 010)
					/* a send right's port died */
#define MACH_NOTIFY_LAST		(MACH_NOTIFY_FIRST + 015)

typedef mach_port_t notify_port_t;

#pragma pack(push, 4)

typedef struct {
	mach_msg_header_t		not_header;
	NDR_record_t			NDR;
	mach_port_name_t		not_port;
	mach_msg_format_0_trailer_t	trailer;
} mach_port_deleted_notification_t;

typedef struct {
	mach_msg_header_t		not_header;
	NDR_record_t			NDR;
	mach_port_name_t		not_port;
	mach_msg_format_0_trailer_t	trailer;
} mach_send_possible_notification_t;

typedef struct {
	mach_msg_header_t		not_header;
	mach_msg_body_t			not_body;
	mach_msg_port_descriptor_t	not_port;	/* the receive right */
	mach_msg_format_0_trailer_t	trailer;
} mach_port_destroyed_notification_t;

typedef struct {
	mach_msg_header_t		not_header;
	NDR_record_t			NDR;
	mach_msg_type_number_t		not_count;	/* make-send count */
	mach_msg_format_0_trailer_t	trailer;
} mach_no_senders_notification_t;

typedef struct {
	mach_msg_header_t		not_header;
	mach_msg_format_0_trailer_t	trailer;
} mach_send_once_notification_t;

typedef struct {
	mach_msg_header_t		not_header;
	NDR_record_t			NDR;
	mach_port_name_t		not_port;
	mach_msg_format_0_trailer_t	trailer;
} mach_dead_name_notification_t;

#pragma pack(pop)

/* Message sizes on the wire are the struct sizes minus the 20-byte trailer. */
__MACHSIM_WIRE_SIZE(mach_port_deleted_notification_t, 36 + 20);
__MACHSIM_WIRE_SIZE(mach_send_possible_notification_t, 36 + 20);
__MACHSIM_WIRE_SIZE(mach_port_destroyed_notification_t, 40 + 20);
__MACHSIM_WIRE_OFFSET(mach_port_destroyed_notification_t, not_port, 28);
__MACHSIM_WIRE_SIZE(mach_no_senders_notification_t, 36 + 20);
__MACHSIM_WIRE_OFFSET(mach_no_senders_notification_t, not_count, 32);
__MACHSIM_WIRE_SIZE(mach_send_once_notification_t, 24 + 20);
__MACHSIM_WIRE_SIZE(mach_dead_name_notification_t, 36 + 20);
__MACHSIM_WIRE_OFFSET(mach_dead_name_notification_t, not_port, 32);

__MACHSIM_BEGIN_DECLS
/*
 * The notification demuxer libmach provides (generated from notify.defs):
 * hand it to mach_msg_server to have do_mach_notify_port_deleted,
 * _port_destroyed, _no_senders, _send_once and _dead_name called; the
 * ones a program does not define answer KERN_FAILURE, which destroys the
 * notification.
 */
extern boolean_t notify_server(mach_msg_header_t *InHeadP,
			       mach_msg_header_t *OutHeadP);
__MACHSIM_END_DECLS

#endif /* _MACH_NOTIFY_H_ */
