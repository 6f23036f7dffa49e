/*
 * test_host_security.c - security tokens through the host security port:
 * a task created with a token, or given one, sends messages whose
 * security and audit trailers carry it; the calls refused without the
 * security port.  And thread_wire, refused without the privileged host
 * port, wiring the thread's stack with it.
 */
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include <mach/mach.h>
#include <mach/host_priv.h>
#include <mach/host_special_ports.h>
#include <mach/host_security.h>
#include <mach/ledger.h>
#include <machsim/machsim.h>

#include "../ksim_check.h"
#include "host_fixture.h"
#include "host_test.h"

Suite *host_security_suite(void);

#define SELF	mach_task_self()
#define PG	((vm_size_t)getpagesize())

typedef struct {
	mach_msg_header_t	head;
	mach_msg_audit_trailer_t trailer;
} token_msg_t;

/* Run in the sending task: one empty message to the name in arg. */
static void *send_one(void *arg)
{
	mach_msg_header_t m;

	memset(&m, 0, sizeof(m));
	m.msgh_bits = MACH_MSGH_BITS(MACH_MSG_TYPE_COPY_SEND, 0);
	m.msgh_size = sizeof(m);
	m.msgh_remote_port = (mach_port_name_t)(uintptr_t)arg;
	m.msgh_id = 1307;
	return (void *)(uintptr_t)mach_msg(&m, MACH_SEND_MSG, sizeof(m), 0,
	    MACH_PORT_NULL, MACH_MSG_TIMEOUT_NONE, MACH_PORT_NULL);
}

static mach_port_name_t next_name = 0x1307;

/* The trailer of a message a thread of task sends to a port of ours. */
static void trailer_from(mach_port_t task, mach_msg_audit_trailer_t *t)
{
	mach_port_t p = MACH_PORT_NULL, dest;
	token_msg_t r;
	pthread_t pt;
	void *res;

	ck_assert_int_eq(mach_port_allocate(SELF, MACH_PORT_RIGHT_RECEIVE, &p),
	    KERN_SUCCESS);
	/* In our own space the port keeps its one name; in another, a new
	   name each time (the last one is a dead name there now). */
	dest = task == SELF ? p : next_name++;
	ck_assert_int_eq(mach_port_insert_right(task, dest, p,
	    MACH_MSG_TYPE_MAKE_SEND), KERN_SUCCESS);
	ck_assert_int_eq(machsim_thread_spawn(task, send_one,
	    (void *)(uintptr_t)dest, &pt), KERN_SUCCESS);
	pthread_join(pt, &res);
	ck_assert_ptr_null(res);
	memset(&r, 0, sizeof(r));
	ck_assert_int_eq(mach_msg(&r.head, MACH_RCV_MSG | MACH_RCV_TIMEOUT |
	    MACH_RCV_TRAILER_TYPE(MACH_MSG_TRAILER_FORMAT_0) |
	    MACH_RCV_TRAILER_ELEMENTS(MACH_RCV_TRAILER_AUDIT), 0, sizeof(r),
	    p, 5000, MACH_PORT_NULL), MACH_MSG_SUCCESS);
	ck_assert_int_eq(r.head.msgh_id, 1307);
	ck_assert_uint_eq(r.trailer.msgh_trailer_size,
	    sizeof(mach_msg_audit_trailer_t));
	*t = r.trailer;
	if (task == SELF)
		ck_assert_int_eq(mach_port_deallocate(SELF, p), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_mod_refs(SELF, p, MACH_PORT_RIGHT_RECEIVE,
	    -1), KERN_SUCCESS);
}

static void check_token(const mach_msg_audit_trailer_t *t, unsigned uid,
    unsigned gid)
{
	ck_assert_uint_eq(t->msgh_sender.val[0], uid);
	ck_assert_uint_eq(t->msgh_sender.val[1], gid);
	ck_assert_uint_eq(t->msgh_audit.val[1], uid);	/* euid */
	ck_assert_uint_eq(t->msgh_audit.val[2], gid);	/* egid */
	ck_assert_uint_eq(t->msgh_audit.val[5], (unsigned)getpid());
}

START_TEST(set_task_token)
{
	security_token_t tok = { { 1234, 5678 } };
	mach_port_t sec = ktf_security_port(), child = MACH_PORT_NULL;
	mach_msg_audit_trailer_t t;

	/* The privileged host port gives the security port. */
	{
		mach_port_t via = MACH_PORT_NULL, h = mach_host_self();

		ck_assert_int_eq(host_get_special_port(h, HOST_LOCAL_NODE,
		    HOST_SECURITY_PORT, &via), KERN_SUCCESS);
		ck_assert_uint_eq(via, sec);
		ck_assert_int_eq(mach_port_deallocate(SELF, via),
		    KERN_SUCCESS);
		ck_assert_int_eq(mach_port_deallocate(SELF, h), KERN_SUCCESS);
	}
	ck_assert_int_eq(task_create(SELF, NULL, 0, FALSE, &child),
	    KERN_SUCCESS);
	trailer_from(child, &t);		/* the parent's, inherited */
	check_token(&t, (unsigned)geteuid(), (unsigned)getegid());
	ck_assert_int_eq(host_security_set_task_token(sec, child, tok,
	    mach_host_self()), KERN_SUCCESS);
	trailer_from(child, &t);
	check_token(&t, 1234, 5678);
	/* Ours is unchanged. */
	trailer_from(SELF, &t);
	check_token(&t, (unsigned)geteuid(), (unsigned)getegid());
	ck_assert_int_eq(task_terminate(child), KERN_SUCCESS);
	/* A terminated task is no task. */
	ck_assert_int_eq(host_security_set_task_token(sec, child, tok,
	    mach_host_self()), KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(mach_port_deallocate(SELF, child), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, sec), KERN_SUCCESS);
}
END_TEST

START_TEST(create_task_token)
{
	security_token_t tok = { { 42, 43 } };
	mach_port_t sec = ktf_security_port(), child = MACH_PORT_NULL;
	mach_port_t root = ktf_root_ledger(), l = MACH_PORT_NULL;
	mach_msg_audit_trailer_t t;
	vm_address_t a = 0;

	ck_assert_int_eq(host_security_create_task_token(sec, SELF, tok,
	    mach_host_self(), NULL, 0, FALSE, &child), KERN_SUCCESS);
	trailer_from(child, &t);
	check_token(&t, 42, 43);
	ck_assert_int_eq(task_terminate(child), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, child), KERN_SUCCESS);
	/* With a ledger, as task_create. */
	ck_assert_int_eq(ledger_create(root, root, &l, PG), KERN_SUCCESS);
	ck_assert_int_eq(host_security_create_task_token(sec, SELF, tok,
	    mach_host_self(), &l, 1, FALSE, &child), KERN_SUCCESS);
	ck_assert(ktf_task_charged_to(child, l));
	ck_assert_int_eq(vm_allocate(child, &a, 2 * PG, VM_FLAGS_ANYWHERE),
	    KERN_RESOURCE_SHORTAGE);
	ck_assert_int_eq(task_terminate(child), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, child), KERN_SUCCESS);
	ck_assert_int_eq(ledger_terminate(l), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, l), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, root), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, sec), KERN_SUCCESS);
}
END_TEST

/* Without the security port, or with another port, nothing changes. */
START_TEST(refused_without_security_port)
{
	security_token_t tok = { { 9, 9 } };
	mach_port_t sec = ktf_security_port(), child = 77;
	mach_msg_audit_trailer_t t;

	/* The host's other ports, or a task: no security port there. */
	ck_assert_int_eq(host_security_set_task_token(mach_host_self(), SELF,
	    tok, mach_host_self()), KERN_INVALID_SECURITY);
	ck_assert_int_eq(host_security_set_task_token(SELF, SELF, tok,
	    mach_host_self()), KERN_INVALID_SECURITY);
	ck_assert_int_eq(host_security_set_task_token(MACH_PORT_NULL, SELF,
	    tok, mach_host_self()), MACH_SEND_INVALID_DEST);
	ck_assert_int_eq(host_security_create_task_token(mach_host_self(),
	    SELF, tok, mach_host_self(), NULL, 0, FALSE, &child),
	    KERN_INVALID_SECURITY);
	ck_assert_uint_eq(child, 77);
	/* What the work functions answer for a null security host. */
	ck_assert_int_eq(ktf_set_token_no_security(SELF),
	    KERN_INVALID_SECURITY);
	ck_assert_int_eq(ktf_create_token_no_security(),
	    KERN_INVALID_SECURITY);
	/* The security port, without a task. */
	ck_assert_int_eq(host_security_set_task_token(sec, MACH_PORT_NULL,
	    tok, mach_host_self()), KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(host_security_create_task_token(sec, MACH_PORT_NULL,
	    tok, mach_host_self(), NULL, 0, FALSE, &child),
	    KERN_INVALID_ARGUMENT);
	ck_assert_uint_eq(child, 77);
	trailer_from(SELF, &t);
	check_token(&t, (unsigned)geteuid(), (unsigned)getegid());
	ck_assert_int_eq(mach_port_deallocate(SELF, sec), KERN_SUCCESS);
}
END_TEST

/* ---- thread_wire -------------------------------------------------------------------- */

#define CAP_IPC_LOCK	14
#define STACK		(256 * 1024)

/* The process's locked memory (VmLck), in bytes. */
static unsigned long vm_locked(void)
{
	char line[256];
	unsigned long kb = 0;
	FILE *f = fopen("/proc/self/status", "r");

	ck_assert_ptr_nonnull(f);
	while (fgets(line, sizeof(line), f) != NULL)
		if (strncmp(line, "VmLck:", 6) == 0)
			kb = strtoul(line + 6, NULL, 10);
	fclose(f);
	return kb * 1024;
}

static mach_port_t wire_port;
static sem_t wire_go, wire_done;

static void *wire_thread(void *arg)
{
	(void)arg;
	wire_port = mach_thread_self();
	sem_post(&wire_go);
	sem_wait(&wire_done);
	return NULL;
}

/*
 * thread_wire needs the privileged host port; with it, the thread's stack
 * is locked in memory (VmLck grows by its size), as far as the process
 * may lock memory: CAP_IPC_LOCK, or room under RLIMIT_MEMLOCK.
 */
START_TEST(thread_wire_privileged)
{
	pthread_attr_t attr;
	struct rlimit rl;
	unsigned long before;
	kern_return_t expect;
	size_t stack = 0;
	void *base;
	pthread_t pt;

	sem_init(&wire_go, 0, 0);
	sem_init(&wire_done, 0, 0);
	pthread_attr_init(&attr);
	ck_assert_int_eq(pthread_attr_setstacksize(&attr, STACK), 0);
	ck_assert_int_eq(pthread_create(&pt, &attr, wire_thread, NULL), 0);
	pthread_attr_destroy(&attr);
	sem_wait(&wire_go);
	/* Without the privileged port: the host name port is no
	   privileged host; a null one is no destination. */
	{
		mach_port_t name = host_name_port();

		ck_assert_int_eq(thread_wire(name, wire_port, TRUE),
		    KERN_INVALID_HOST);
		ck_assert_int_eq(mach_port_deallocate(mach_task_self(), name),
		    KERN_SUCCESS);
	}
	ck_assert_int_eq(thread_wire(MACH_PORT_NULL, wire_port, TRUE),
	    MACH_SEND_INVALID_DEST);
	ck_assert_int_eq(ktf_thread_wire(wire_port, false, TRUE),
	    KERN_INVALID_HOST);
	ck_assert_int_eq(ktf_thread_wire_null_thread(), KERN_INVALID_ARGUMENT);
	/* With it. */
	/* The whole stack the thread has (a sanitizer's run-time may have
	   made it larger than asked). */
	ck_assert_int_eq(pthread_getattr_np(pt, &attr), 0);
	ck_assert_int_eq(pthread_attr_getstack(&attr, &base, &stack), 0);
	pthread_attr_destroy(&attr);
	ck_assert_uint_ge(stack, STACK);
	before = vm_locked();
	ck_assert_int_eq(getrlimit(RLIMIT_MEMLOCK, &rl), 0);
	expect = ktf_capable(CAP_IPC_LOCK) || rl.rlim_cur == RLIM_INFINITY ||
	    before + stack + PG <= rl.rlim_cur ? KERN_SUCCESS :
	    KERN_RESOURCE_SHORTAGE;
	ck_assert_int_eq(ktf_thread_wire(wire_port, true, TRUE), expect);
	if (expect == KERN_SUCCESS) {
		unsigned long locked = vm_locked() - before;

		ck_assert_uint_ge(locked, stack - PG);
		ck_assert_uint_le(locked, stack + PG);
		/* Wiring again changes nothing; unwiring gives it back. */
		ck_assert_int_eq(ktf_thread_wire(wire_port, true, TRUE),
		    KERN_SUCCESS);
		ck_assert_uint_eq(vm_locked() - before, locked);
	}
	ck_assert_int_eq(ktf_thread_wire(wire_port, true, FALSE),
	    KERN_SUCCESS);
	ck_assert_uint_eq(vm_locked(), before);
	ck_assert_int_eq(ktf_thread_wire(wire_port, true, FALSE),
	    KERN_SUCCESS);
	/* A wired thread that ends leaves nothing locked. */
	ck_assert_int_eq(ktf_thread_wire(wire_port, true, TRUE), expect);
	sem_post(&wire_done);
	pthread_join(pt, NULL);
	ck_assert_uint_eq(vm_locked(), before);
	ck_assert_int_eq(mach_port_deallocate(SELF, wire_port), KERN_SUCCESS);
}
END_TEST

Suite *host_security_suite(void)
{
	Suite *s = suite_create("host_security");
	TCase *tc = kt_tcase("host_security");

	tcase_add_checked_fixture(tc, NULL, ktf_ledger_verify);

	tcase_add_test(tc, set_task_token);
	tcase_add_test(tc, create_task_token);
	tcase_add_test(tc, refused_without_security_port);
	tcase_add_test(tc, thread_wire_privileged);
	suite_add_tcase(s, tc);
	return s;
}
