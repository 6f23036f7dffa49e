/*
 * kv_server.c - the server half of the key/value demo: the work
 * functions of examples/demo.defs behind the generated demuxer
 * (do_kv_server, made with `mig -prefix do_` so that they do not clash
 * with the client stubs linked into the same program), and the thread
 * that runs mach_msg_server on them.
 *
 * The store is a small table owned by the one server thread.  Watchers
 * (kv_watch) get a kv_changed_msg_t after every kv_put.
 */
#include <stdio.h>
#include <string.h>

#include <mach/mach.h>
#include <mach/mach_error.h>

#include "kvServer.h"
#include "kv_demo.h"

#define KV_SLOTS	16
#define KV_WATCHERS	4

static struct {
	char		key[sizeof(kv_key_t)];
	char		value[sizeof(kv_value_t)];
	unsigned	len;
} store[KV_SLOTS];
static unsigned nstore;

static mach_port_t watchers[KV_WATCHERS];
static unsigned nwatchers;
static int watch_seqno;

static int slot_find(const char *key)
{
	unsigned i;

	for (i = 0; i < nstore; i++)
		if (strcmp(store[i].key, key) == 0)
			return (int)i;
	return -1;
}

/* Tell every watcher that key changed; a watcher that is gone is dropped. */
static void watchers_notify(const char *key)
{
	kv_changed_msg_t m;
	unsigned i;

	for (i = 0; i < nwatchers; i++) {
		mach_msg_return_t mr;

		memset(&m, 0, sizeof(m));
		m.head.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0);
		m.head.msgh_size = sizeof(m);
		m.head.msgh_remote_port = watchers[i];
		m.head.msgh_id = KV_CHANGED_ID;
		m.seqno = ++watch_seqno;
		snprintf(m.key, sizeof(m.key), "%s", key);
		mr = mach_msg(&m.head, MACH_SEND_MSG | MACH_SEND_TIMEOUT,
		    sizeof(m), 0, MACH_PORT_NULL, 0, MACH_PORT_NULL);
		if (mr != MACH_MSG_SUCCESS)
			kv_say("server", "watcher 0x%x: %s", watchers[i],
			    mach_error_string(mr));
	}
}

kern_return_t do_kv_put(mach_port_t server, kv_key_t key, kv_value_t value,
    mach_msg_type_number_t valueCnt, int *old_len)
{
	int i = slot_find(key);

	(void)server;
	if (i < 0) {
		if (nstore == KV_SLOTS)
			return KERN_NO_SPACE;
		i = (int)nstore++;
		snprintf(store[i].key, sizeof(store[i].key), "%s", key);
		store[i].len = 0;
	}
	*old_len = (int)store[i].len;
	memcpy(store[i].value, value, valueCnt);
	store[i].len = valueCnt;
	kv_say("server", "put \"%s\" = \"%.*s\" (was %d bytes)", key,
	    (int)valueCnt, value, *old_len);
	watchers_notify(key);
	return KERN_SUCCESS;
}

kern_return_t do_kv_get(mach_port_t server, kv_key_t key, kv_value_t value,
    mach_msg_type_number_t *valueCnt)
{
	int i = slot_find(key);

	(void)server;
	if (i < 0) {
		kv_say("server", "get \"%s\": no such key", key);
		return KERN_NOT_FOUND;
	}
	memcpy(value, store[i].value, store[i].len);
	*valueCnt = store[i].len;
	kv_say("server", "get \"%s\" -> %u bytes", key, store[i].len);
	return KERN_SUCCESS;
}

/*
 * The blob is ours once we return KERN_SUCCESS (MIG-LANGUAGE 4.8): read
 * it, then give the region back.
 */
kern_return_t do_kv_load(mach_port_t server, kv_blob_t blob,
    mach_msg_type_number_t blobCnt)
{
	size_t lines = 0, i;

	(void)server;
	for (i = 0; i < blobCnt; i++)
		lines += blob[i] == '\n';
	kv_say("server", "load: %u bytes out of line, %zu lines, first: "
	    "\"%.*s\"", blobCnt, lines,
	    (int)strcspn((const char *)blob, "\n"), (const char *)blob);
	return vm_deallocate(mach_task_self(), (vm_address_t)blob, blobCnt);
}

kern_return_t do_kv_watch(mach_port_t server, mach_port_t watcher, int *seqno)
{
	(void)server;
	if (nwatchers == KV_WATCHERS)
		return KERN_NO_SPACE;
	watchers[nwatchers++] = watcher;	/* the send right is ours now */
	*seqno = watch_seqno;
	kv_say("server", "watch: watcher %u registered at seqno %d",
	    nwatchers, watch_seqno);
	return KERN_SUCCESS;
}

void *kv_server_main(void *arg)
{
	mach_port_t port = (mach_port_t)(uintptr_t)arg;
	mach_msg_return_t mr;

	mr = mach_msg_server(do_kv_server,
	    sizeof(union __RequestUnion__kv_subsystem), port, 0);
	kv_say("server", "mach_msg_server returned: %s",
	    mach_error_string(mr));
	return NULL;
}
