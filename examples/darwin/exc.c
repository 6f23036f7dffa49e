/*
 * exc.c - an exception server of the classic kind, as Darwin programs
 * write one: only the three catch_mach_exception_raise* routines, served
 * by mach_exc_server (which libmach carries, as Darwin's programs
 * generate it from mach_exc.defs).  The program links although libmach's
 * mach_exc_server also knows the identity-protected messages (2408,
 * 2410): libmach's own handlers for those refuse them (KERN_FAILURE),
 * and the refused request, with the task identity token it carried, is
 * destroyed.  A second thread sends the messages through the mach_exc
 * client stubs; this one serves them.
 *
 *   cc exc.c $(pkg-config --cflags --libs machsim)
 */
#include <mach/mach.h>
#include <mach/mach_error.h>
#include <mach/mach_exc.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#define FAIL(...) do { \
	fprintf(stderr, "exc: %s:%d: ", __FILE__, __LINE__); \
	fprintf(stderr, __VA_ARGS__); \
	fputc('\n', stderr); \
	exit(1); \
} while (0)

#define EXPECT_KR(expr, want) do { \
	kern_return_t kr_ = (expr); \
	if (kr_ != (want)) \
		FAIL("%s: got %s (0x%x), want %s (0x%x)", #expr, \
		     mach_error_string(kr_), kr_, \
		     mach_error_string(want), (want)); \
} while (0)

/* The demuxer and the routines it calls, as mig's mach_excServer.h
   declares them. */
extern boolean_t mach_exc_server(mach_msg_header_t *InHeadP,
				 mach_msg_header_t *OutHeadP);
kern_return_t catch_mach_exception_raise(mach_port_t exception_port,
    mach_port_t thread, mach_port_t task, exception_type_t exception,
    mach_exception_data_t code, mach_msg_type_number_t codeCnt);
kern_return_t catch_mach_exception_raise_state(mach_port_t exception_port,
    exception_type_t exception, const mach_exception_data_t code,
    mach_msg_type_number_t codeCnt, int *flavor,
    const thread_state_t old_state, mach_msg_type_number_t old_stateCnt,
    thread_state_t new_state, mach_msg_type_number_t *new_stateCnt);
kern_return_t catch_mach_exception_raise_state_identity(
    mach_port_t exception_port, mach_port_t thread, mach_port_t task,
    exception_type_t exception, mach_exception_data_t code,
    mach_msg_type_number_t codeCnt, int *flavor, thread_state_t old_state,
    mach_msg_type_number_t old_stateCnt, thread_state_t new_state,
    mach_msg_type_number_t *new_stateCnt);

static int raised;

kern_return_t catch_mach_exception_raise(mach_port_t exception_port,
    mach_port_t thread, mach_port_t task, exception_type_t exception,
    mach_exception_data_t code, mach_msg_type_number_t codeCnt)
{
	(void)exception_port; (void)code;
	raised++;
	mach_port_deallocate(mach_task_self(), thread);
	mach_port_deallocate(mach_task_self(), task);
	return exception == EXC_BREAKPOINT && codeCnt == 2 ? KERN_SUCCESS :
	    KERN_FAILURE;
}

kern_return_t catch_mach_exception_raise_state(mach_port_t exception_port,
    exception_type_t exception, const mach_exception_data_t code,
    mach_msg_type_number_t codeCnt, int *flavor,
    const thread_state_t old_state, mach_msg_type_number_t old_stateCnt,
    thread_state_t new_state, mach_msg_type_number_t *new_stateCnt)
{
	(void)exception_port; (void)exception; (void)code; (void)codeCnt;
	(void)flavor; (void)old_state; (void)old_stateCnt; (void)new_state;
	(void)new_stateCnt;
	return KERN_FAILURE;
}

kern_return_t catch_mach_exception_raise_state_identity(
    mach_port_t exception_port, mach_port_t thread, mach_port_t task,
    exception_type_t exception, mach_exception_data_t code,
    mach_msg_type_number_t codeCnt, int *flavor, thread_state_t old_state,
    mach_msg_type_number_t old_stateCnt, thread_state_t new_state,
    mach_msg_type_number_t *new_stateCnt)
{
	(void)exception_port; (void)thread; (void)task; (void)exception;
	(void)code; (void)codeCnt; (void)flavor; (void)old_state;
	(void)old_stateCnt; (void)new_state; (void)new_stateCnt;
	return KERN_FAILURE;
}

static mach_port_t exc_port;

/* The faulting side, by hand: one classic message, two protected ones. */
static void *sender(void *arg)
{
	mach_exception_data_type_t codes[2] = { 1, 0x1000 };
	natural_t old_state[4] = { 0 }, new_state[THREAD_STATE_MAX];
	mach_msg_type_number_t new_cnt = THREAD_STATE_MAX;
	mach_port_t self = mach_task_self(), thread = mach_thread_self();
	task_id_token_t token = TASK_ID_TOKEN_NULL;
	int flavor = 1;

	(void)arg;
	EXPECT_KR(mach_exception_raise(exc_port, thread, self, EXC_BREAKPOINT,
	    codes, 2), KERN_SUCCESS);
	EXPECT_KR(task_create_identity_token(self, &token), KERN_SUCCESS);
	EXPECT_KR(mach_exception_raise_identity_protected(exc_port, 1, token,
	    EXC_BREAKPOINT, codes, 2), KERN_FAILURE);
	EXPECT_KR(mach_exception_raise_state_identity_protected(exc_port, 1,
	    token, EXC_BREAKPOINT, codes, 2, &flavor, old_state, 4, new_state,
	    &new_cnt), KERN_FAILURE);
	EXPECT_KR(mach_port_deallocate(self, token), KERN_SUCCESS);
	EXPECT_KR(mach_port_deallocate(self, thread), KERN_SUCCESS);
	return NULL;
}

static mach_msg_type_number_t name_count(void)
{
	mach_port_name_array_t names;
	mach_port_type_array_t types;
	mach_msg_type_number_t n, nt;

	EXPECT_KR(mach_port_names(mach_task_self(), &names, &n, &types, &nt),
	    KERN_SUCCESS);
	vm_deallocate(mach_task_self(), (vm_address_t)names,
	    n * sizeof(*names));
	vm_deallocate(mach_task_self(), (vm_address_t)types,
	    nt * sizeof(*types));
	return n;
}

int main(void)
{
	mach_port_t self = mach_task_self();
	mach_msg_type_number_t before, after;
	pthread_t pt;
	int i;

	EXPECT_KR(mach_port_allocate(self, MACH_PORT_RIGHT_RECEIVE, &exc_port),
	    KERN_SUCCESS);
	EXPECT_KR(mach_port_insert_right(self, exc_port, exc_port,
	    MACH_MSG_TYPE_MAKE_SEND), KERN_SUCCESS);
	before = name_count();
	if (pthread_create(&pt, NULL, sender, NULL) != 0)
		FAIL("pthread_create");
	for (i = 0; i < 3; i++)
		EXPECT_KR(mach_msg_server_once(mach_exc_server, 16384,
		    exc_port, 0), MACH_MSG_SUCCESS);
	pthread_join(pt, NULL);
	if (raised != 1)
		FAIL("catch_mach_exception_raise called %d times, want 1",
		    raised);
	after = name_count();
	if (after != before)
		FAIL("%u names after, %u before", after, before);
	EXPECT_KR(mach_port_mod_refs(self, exc_port, MACH_PORT_RIGHT_RECEIVE,
	    -1), KERN_SUCCESS);
	EXPECT_KR(mach_port_deallocate(self, exc_port), KERN_SUCCESS);
	printf("exc: ok: classic handlers only; mach_exception_raise served, "
	    "the identity-protected forms refused by libmach's defaults\n");
	return 0;
}
