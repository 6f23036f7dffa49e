/*
 * e2e_srv.h - the server side of the e2e interface (e2e_server.c): the
 * work functions the generated demux calls, the loop that runs them, and
 * what they saw, for the suites to check once the reply is back.
 *
 * The state is written by the server thread before it replies and read
 * by the client after the reply arrives; the message through the kernel
 * orders the two.
 */
#ifndef TEST_E2E_SRV_H
#define TEST_E2E_SRV_H

#include <stdbool.h>
#include <stdint.h>

#include <mach/message.h>
#include <mach/port.h>

/* The maximum request and reply sizes of the interface. */
extern const mach_msg_size_t e2e_max_request;
extern const mach_msg_size_t e2e_max_reply;

/* The generated demux. */
boolean_t e2e_server(mach_msg_header_t *in, mach_msg_header_t *out);

/* Options every e2e loop receives with: the audit trailer. */
#define E2E_RCV_OPTIONS \
	(MACH_RCV_TRAILER_TYPE(MACH_MSG_TRAILER_FORMAT_0) | \
	 MACH_RCV_TRAILER_ELEMENTS(MACH_RCV_TRAILER_AUDIT))

/*
 * Serve port (a receive right of the calling thread's task) until
 * e2e_stop destroys it; returns the loop's final code, normally
 * MACH_RCV_INVALID_NAME or MACH_RCV_PORT_DIED.
 */
mach_msg_return_t e2e_serve(mach_port_name_t port, mach_msg_options_t opts);

/* e2e_poly's `which': what the server sends back in q. */
enum {
	E2E_POLY_MOVE_SEND,	/* p itself, MOVE_SEND */
	E2E_POLY_COPY_SEND,	/* p, COPY_SEND (the server keeps it) */
	E2E_POLY_MOVE_RECEIVE,	/* p (a receive right), MOVE_RECEIVE */
	E2E_POLY_NEW_RECEIVE,	/* a new port's receive right */
	E2E_POLY_MAKE_SEND_ONCE	/* a send-once right to a new port */
};

/* What the work functions saw, in the server task's names. */
struct e2e_seen {
	/* e2e_ool: sizes, and a check that each region held the pattern. */
	uint32_t		ool_sizes[7];
	bool			ool_ok[7];
	void			*kept;		/* e2e_ool's `back', still ours */
	uint32_t		kept_size;
	/* e2e_countinout: the capacity the server was given. */
	uint32_t		cio_capacity;
	/* e2e_ports_in */
	mach_port_name_t	in_r, in_s, in_so, in_c, in_m, in_mo, in_nm;
	/* e2e_ports_out: the server's own names for what it sent. */
	mach_port_name_t	out_p1, out_p2;
	/* e2e_poly */
	mach_port_name_t	poly_p, poly_once, poly_q;
	mach_msg_type_name_t	poly_pt, poly_oncet;
	/* e2e_port_arrays */
	mach_port_name_t	four[4], some[4], many[8];
	uint32_t		some_cnt, many_cnt;
	/* e2e_note */
	int			note_v;
	mach_port_name_t	note_p;
	uint32_t		notes;
	/* e2e_fail */
	uint32_t		fails;
	/* every routine: the request's seqno is not known; count calls */
	uint32_t		calls;
};
extern struct e2e_seen e2e_seen;
void e2e_seen_reset(void);

/*
 * Quiet mode, for several server threads at once (set it before they
 * start): e2e_ports_in, e2e_poly and e2e_note record nothing (only
 * `calls', atomically) and free every right they were given; e2e_poly
 * then sends p back with MOVE_SEND whatever `which' says.
 */
extern bool e2e_quiet;

/* Byte i of test pattern k (what the client sends in OOL regions). */
static inline uint8_t e2e_pattern(unsigned k, size_t i)
{
	return (uint8_t)(k * 37u + i * 7u + (i >> 8));
}

#endif /* TEST_E2E_SRV_H */
