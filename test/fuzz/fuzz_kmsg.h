/* fuzz_kmsg.h - the kernel's message fuzz entry (see fuzz_kmsg.c). */
#ifndef TEST_FUZZ_KMSG_H
#define TEST_FUZZ_KMSG_H

#include <stddef.h>
#include <stdint.h>

/*
 * Send data as a message (byte 0: where to, byte 1: options, the rest:
 * header and body) from a fresh task, then drain and tear down.  Returns
 * the send's mach_msg_return_t; on a broken contract (an undocumented
 * return code, an inconsistent kernel, a leak) writes why to
 * fuzz_kmsg_why and returns -1 (libFuzzer's entry aborts).
 */
int fuzz_kmsg_one(const uint8_t *data, size_t size);
extern char fuzz_kmsg_why[512];

/* Input layout. */
enum {
	FK_TO_OWN,		/* a port of the sender's own */
	FK_TO_KOBJECT,		/* the task, thread or host port */
	FK_TO_SERVER,		/* the e2e demux, through mach_msg_server_once */
	FK_TO_ANY,		/* msgh_remote_port as the input says */
	FK_TARGETS
};
#define FK_HDR		2	/* target byte, option byte */
#define FK_MAX_MSG	8192	/* larger inputs are cut */
/* Names and OOL addresses below FK_MAP in the input denote the
   harness's own rights and buffers (fuzz_kmsg.c, fk_names). */
#define FK_MAP		16u

#endif
