/*
 * kv_demo.h - what the two halves of the key/value demo share: the
 * server's entry point, the message it sends to watchers, and the
 * logging helper that keeps the output in order.
 */
#ifndef KV_DEMO_H
#define KV_DEMO_H

#include <mach/mach.h>

/*
 * The message the server sends to every watcher port (kv_watch) after a
 * kv_put changes the store: a plain message, no reply expected.
 */
#define KV_CHANGED_ID	4299

typedef struct {
	mach_msg_header_t	head;
	int			seqno;		/* watch sequence number */
	char			key[64];	/* the key that changed */
} kv_changed_msg_t;

/*
 * Serve the kv interface on the receive right named port (in the
 * calling thread's task) until the right dies; a pthread start routine
 * taking the name cast to a pointer.
 */
void *kv_server_main(void *port);

/* Print one line, prefixed with who says it. */
void kv_say(const char *who, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif /* KV_DEMO_H */
