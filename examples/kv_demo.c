/*
 * kv_demo.c - `make demo', second part: the key/value interface of
 * examples/demo.defs served over Mach IPC between tasks.
 *
 * The process (the bootstrap task) makes a server task and three client
 * tasks, gives each client a send right to the server's port and runs a
 * thread in each.  The clients call the server through the generated
 * stubs, ask for a dead-name notification on their send right, and the
 * server task is terminated: each client then receives its notification
 * and decodes it with notify_server, the generated demuxer of
 * generated/server/notifyServer.c, which calls the do_mach_notify_*
 * functions below.
 *
 * The bootstrap thread runs the script: it hands one step at a time to
 * one client and waits for it, so the output comes in a fixed order.
 */
#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mach/mach.h>
#include <mach/mach_error.h>
#include <mach/notify.h>
#include <machsim/machsim.h>

#include "kv.h"
#include "kv_demo.h"
#include "notifyServer.h"

#define NCLIENTS	3

struct client {
	int		id;
	char		who[16];
	mach_port_t	task;		/* send right, in the bootstrap space */
	mach_port_t	kv;		/* the server's port, in the client's space */
	mach_port_t	notify;		/* receives the client's notifications */
	mach_port_t	watch;		/* receives kv_watch messages, or NULL */
	bool		dead_seen;
	bool		nosenders_seen;
	pthread_t	thread;
	void		(*step)(struct client *);	/* to run, or NULL */
	bool		quit;
};

static struct client clients[NCLIENTS];
static pthread_mutex_t script_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t script_cv = PTHREAD_COND_INITIALIZER;
static __thread struct client *self;	/* the client this thread is */

void kv_say(const char *who, const char *fmt, ...)
{
	va_list ap;

	printf("  %-9s ", who);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

static void check(const char *what, kern_return_t kr)
{
	if (kr == KERN_SUCCESS)
		return;
	fprintf(stderr, "kv_demo: %s: %s (0x%x)\n", what,
	    mach_error_string(kr), kr);
	exit(1);
}

static void section(const char *title)
{
	printf("\n== %s\n", title);
	fflush(stdout);
}

/* ---- the script: one step at a time, on the client's own thread ------------------ */

static void *client_main(void *arg)
{
	struct client *c = arg;

	self = c;
	pthread_mutex_lock(&script_lock);
	for (;;) {
		while (c->step == NULL && !c->quit)
			pthread_cond_wait(&script_cv, &script_lock);
		if (c->step == NULL)
			break;
		pthread_mutex_unlock(&script_lock);
		c->step(c);
		pthread_mutex_lock(&script_lock);
		c->step = NULL;
		pthread_cond_broadcast(&script_cv);
	}
	pthread_mutex_unlock(&script_lock);
	return NULL;
}

/* Run step on client c's thread and wait until it is done. */
static void run(struct client *c, void (*step)(struct client *))
{
	pthread_mutex_lock(&script_lock);
	c->step = step;
	pthread_cond_broadcast(&script_cv);
	while (c->step != NULL)
		pthread_cond_wait(&script_cv, &script_lock);
	pthread_mutex_unlock(&script_lock);
}

static void run_all(void (*step)(struct client *))
{
	int i;

	for (i = 0; i < NCLIENTS; i++)
		run(&clients[i], step);
}

/* ---- client steps ------------------------------------------------------------------ */

/* kv_put with the key and value in buffers of the interface's sizes. */
static kern_return_t put_quiet(struct client *c, const char *key,
    const char *value, int *old_len)
{
	kv_key_t k;
	kv_value_t v;
	size_t n = strlen(value) < sizeof(v) ? strlen(value) : sizeof(v);

	snprintf(k, sizeof(k), "%s", key);
	memcpy(v, value, n);
	return kv_put(c->kv, k, v, (mach_msg_type_number_t)n, old_len);
}

static void put(struct client *c, const char *key, const char *value)
{
	int old_len;
	kern_return_t kr;

	kv_say(c->who, "kv_put(\"%s\", \"%s\")", key, value);
	kr = put_quiet(c, key, value, &old_len);
	if (kr == KERN_SUCCESS)
		kv_say(c->who, "  -> ok, previous value was %d bytes", old_len);
	else
		kv_say(c->who, "  -> %s", mach_error_string(kr));
}

static kern_return_t get_quiet(struct client *c, const char *key,
    kv_value_t v, mach_msg_type_number_t *n)
{
	kv_key_t k;

	snprintf(k, sizeof(k), "%s", key);
	*n = sizeof(kv_value_t);
	return kv_get(c->kv, k, v, n);
}

static void get_said(struct client *c, kern_return_t kr, kv_value_t v,
    mach_msg_type_number_t n)
{
	if (kr == KERN_SUCCESS)
		kv_say(c->who, "  -> \"%.*s\"", (int)n, v);
	else
		kv_say(c->who, "  -> %s", mach_error_string(kr));
}

static void get(struct client *c, const char *key)
{
	kv_value_t v;
	mach_msg_type_number_t n;
	kern_return_t kr;

	kv_say(c->who, "kv_get(\"%s\")", key);
	kr = get_quiet(c, key, v, &n);
	get_said(c, kr, v, n);
}

static void step_put_color(struct client *c)
{
	put(c, "color", "blue");
}

/* A region of our own, handed over out of line with Dealloc. */
static void step_get_and_load(struct client *c)
{
	static const char line[] = "a line of bulk data for the store\n";
	vm_size_t size = 2 * vm_page_size;
	vm_address_t blob = 0;
	size_t off;
	kv_value_t v;
	mach_msg_type_number_t n;
	kern_return_t kr;

	get(c, "color");
	check("vm_allocate", vm_allocate(mach_task_self(), &blob, size,
	    VM_FLAGS_ANYWHERE));
	for (off = 0; off + sizeof(line) - 1 <= size; off += sizeof(line) - 1)
		memcpy((char *)blob + off, line, sizeof(line) - 1);
	kv_say(c->who, "kv_load(%lu bytes out of line, deallocated on send), "
	    "then kv_get(\"color\")", (unsigned long)size);
	/*
	 * The simpleroutine has no reply and the server may print at once:
	 * nothing is printed here until the kv_get behind it has returned.
	 */
	check("kv_load", kv_load(c->kv, (kv_blob_t)blob,
	    (mach_msg_type_number_t)size));
	kr = get_quiet(c, "color", v, &n);
	get_said(c, kr, v, n);
}

static void step_watch(struct client *c)
{
	int seqno;

	check("mach_port_allocate", mach_port_allocate(mach_task_self(),
	    MACH_PORT_RIGHT_RECEIVE, &c->watch));
	kv_say(c->who, "kv_watch(port 0x%x)", c->watch);
	check("kv_watch", kv_watch(c->kv, c->watch, &seqno));
	kv_say(c->who, "  -> watching from seqno %d", seqno);
}

static void step_put_more(struct client *c)
{
	put(c, "color", "green");
	put(c, "shape", "circle");
}

/* Take what the server sent to the watch port, without waiting. */
static void step_read_watch(struct client *c)
{
	struct {
		kv_changed_msg_t	msg;
		mach_msg_trailer_t	trailer;
	} buf;

	while (mach_msg(&buf.msg.head, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0,
	    sizeof(buf), c->watch, 0, MACH_PORT_NULL) == MACH_MSG_SUCCESS) {
		if (buf.msg.head.msgh_id != KV_CHANGED_ID)
			continue;
		kv_say(c->who, "watch port: \"%.*s\" changed (seqno %d)",
		    (int)sizeof(buf.msg.key), buf.msg.key, buf.msg.seqno);
	}
	get(c, "size");
}

static void step_request_dead_name(struct client *c)
{
	mach_port_t previous;

	check("mach_port_allocate", mach_port_allocate(mach_task_self(),
	    MACH_PORT_RIGHT_RECEIVE, &c->notify));
	check("mach_port_request_notification",
	    mach_port_request_notification(mach_task_self(), c->kv,
	    MACH_NOTIFY_DEAD_NAME, 0, c->notify,
	    MACH_MSG_TYPE_MAKE_SEND_ONCE, &previous));
	kv_say(c->who, "dead-name request on 0x%x, notifications to 0x%x "
	    "(previous request: %s)", c->kv, c->notify,
	    previous == MACH_PORT_NULL ? "none" : "replaced");
	if (c->watch == MACH_PORT_NULL)
		return;
	check("mach_port_request_notification",
	    mach_port_request_notification(mach_task_self(), c->watch,
	    MACH_NOTIFY_NO_SENDERS, 0, c->notify,
	    MACH_MSG_TYPE_MAKE_SEND_ONCE, &previous));
	kv_say(c->who, "no-senders request on the watch port 0x%x", c->watch);
}

/*
 * Receive notifications until the ones asked for have come; each goes
 * through notify_server, which calls do_mach_notify_* below.
 */
static void step_notifications(struct client *c)
{
	while (!c->dead_seen || (c->watch != MACH_PORT_NULL &&
	    !c->nosenders_seen))
		check("mach_msg_server_once",
		    mach_msg_server_once(notify_server,
		    sizeof(union __RequestUnion__do_notify_subsystem),
		    c->notify, 0));
}

/* The dead name no longer reaches anyone; then give up our rights. */
static void step_after(struct client *c)
{
	mach_port_type_t type;
	kern_return_t kr;
	int old_len;

	check("mach_port_type", mach_port_type(mach_task_self(), c->kv,
	    &type));
	kr = put_quiet(c, "color", "red", &old_len);
	kv_say(c->who, "0x%x is %s; kv_put through it: %s", c->kv,
	    type == MACH_PORT_TYPE_DEAD_NAME ? "a dead name" : "alive",
	    mach_error_string(kr));
	check("mach_port_deallocate", mach_port_deallocate(mach_task_self(),
	    c->kv));
	check("mach_port_mod_refs", mach_port_mod_refs(mach_task_self(),
	    c->notify, MACH_PORT_RIGHT_RECEIVE, -1));
	if (c->watch != MACH_PORT_NULL)
		check("mach_port_mod_refs", mach_port_mod_refs(
		    mach_task_self(), c->watch, MACH_PORT_RIGHT_RECEIVE, -1));
}

/* ---- notifications: the work functions of notify_server --------------------------------- */

kern_return_t do_mach_notify_dead_name(mach_port_t notify,
    mach_port_name_t name)
{
	kv_say(self->who, "notify_server: dead-name notification on 0x%x: "
	    "0x%x is dead%s", notify, name,
	    name == self->kv ? " (the kv server's port)" : "");
	if (name == self->kv)
		self->dead_seen = true;
	/* The notification carries one user reference of the dead name. */
	return mach_port_deallocate(mach_task_self(), name);
}

kern_return_t do_mach_notify_no_senders(mach_port_t notify,
    mach_port_mscount_t mscount)
{
	kv_say(self->who, "notify_server: no-senders notification on 0x%x "
	    "(make-send count %u): the server dropped its watch right",
	    notify, mscount);
	self->nosenders_seen = true;
	return KERN_SUCCESS;
}

kern_return_t do_mach_notify_port_deleted(mach_port_t notify,
    mach_port_name_t name)
{
	kv_say(self->who, "notify_server: port-deleted 0x%x (on 0x%x)", name,
	    notify);
	return KERN_SUCCESS;
}

kern_return_t do_mach_notify_port_destroyed(mach_port_t notify,
    mach_port_t rights)
{
	kv_say(self->who, "notify_server: port-destroyed, receive right 0x%x "
	    "(on 0x%x)", rights, notify);
	return mach_port_mod_refs(mach_task_self(), rights,
	    MACH_PORT_RIGHT_RECEIVE, -1);
}

kern_return_t do_mach_notify_send_once(mach_port_t notify)
{
	kv_say(self->who, "notify_server: send-once notification on 0x%x",
	    notify);
	return KERN_SUCCESS;
}

/* ---- main ----------------------------------------------------------------------------- */

int main(void)
{
	mach_port_t server_task, port;
	pthread_t server_thread;
	int i;

	setvbuf(stdout, NULL, _IOFBF, 0);
	section("tasks");
	check("task_create", task_create(mach_task_self(), NULL, 0, FALSE,
	    &server_task));
	check("mach_port_allocate", mach_port_allocate(mach_task_self(),
	    MACH_PORT_RIGHT_RECEIVE, &port));
	for (i = 0; i < NCLIENTS; i++) {
		struct client *c = &clients[i];

		c->id = i + 1;
		snprintf(c->who, sizeof(c->who), "client %d", c->id);
		check("task_create", task_create(mach_task_self(), NULL, 0,
		    FALSE, &c->task));
		/* The same name in the client's space: a send right. */
		check("mach_port_insert_right", mach_port_insert_right(c->task,
		    port, port, MACH_MSG_TYPE_MAKE_SEND));
		c->kv = port;
	}
	check("mach_port_insert_right", mach_port_insert_right(server_task,
	    port, port, MACH_MSG_TYPE_MOVE_RECEIVE));
	kv_say("bootstrap", "made a server task and %d client tasks", NCLIENTS);
	kv_say("bootstrap", "kv port 0x%x: receive right moved to the server "
	    "task, a send right inserted in each client", port);
	check("machsim_thread_spawn", machsim_thread_spawn(server_task,
	    kv_server_main, (void *)(uintptr_t)port, &server_thread));
	for (i = 0; i < NCLIENTS; i++)
		check("machsim_thread_spawn", machsim_thread_spawn(
		    clients[i].task, client_main, &clients[i],
		    &clients[i].thread));

	section("calls through the generated stubs");
	run(&clients[0], step_put_color);
	run(&clients[1], step_get_and_load);
	run(&clients[2], step_watch);
	run(&clients[0], step_put_more);
	run(&clients[2], step_read_watch);

	section("dead-name requests");
	run_all(step_request_dead_name);

	section("the server task terminates");
	kv_say("bootstrap", "task_terminate(server task)");
	check("task_terminate", task_terminate(server_task));
	pthread_join(server_thread, NULL);
	check("mach_port_deallocate", mach_port_deallocate(mach_task_self(),
	    server_task));

	section("notifications");
	run_all(step_notifications);

	section("after");
	run_all(step_after);

	pthread_mutex_lock(&script_lock);
	for (i = 0; i < NCLIENTS; i++)
		clients[i].quit = true;
	pthread_cond_broadcast(&script_cv);
	pthread_mutex_unlock(&script_lock);
	for (i = 0; i < NCLIENTS; i++) {
		pthread_join(clients[i].thread, NULL);
		check("task_terminate", task_terminate(clients[i].task));
		check("mach_port_deallocate", mach_port_deallocate(
		    mach_task_self(), clients[i].task));
	}
	printf("\nkv demo: done\n");
	return 0;
}
