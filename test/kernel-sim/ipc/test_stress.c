/*
 * test_stress.c - several threads in two tasks sending to one port for a
 * while: nothing lost or duplicated, FIFO per sender, counts back to the
 * start once the second task is gone.
 */
#define MACHSIM_KERNEL 1	/* the kernel view of the Mach types */
#include <pthread.h>
#include <string.h>

#include "../ksim_test.h"

Suite *ipc_stress_suite(void);

#define SENDERS		4
#define PER_SENDER	3000

static mach_port_name_t stress_dest_in_b;

static void *stress_sender(void *arg)
{
	uint32_t id = (uint32_t)(uintptr_t)arg, i;

	for (i = 0; i < PER_SENDER; i++)
		if (kt_send(stress_dest_in_b, MACH_MSG_TYPE_COPY_SEND, 0, 0,
		    (mach_msg_id_t)(id << 16 | i), i, 0, 0) != MACH_MSG_SUCCESS)
			return (void *)1;
	return NULL;
}

START_TEST(two_tasks_many_senders)
{
	struct ipc_counts before, after;
	mach_port_name_t p;
	uint32_t next[SENDERS] = { 0 }, total = 0;
	pthread_t th[SENDERS];
	task_t b;
	kt_rcv_t r;
	int i;

	(void)kt_space();		/* this thread's object exists */
	ipc_counts_get(&before);
	p = kt_port();
	ck_assert_int_eq(ksim_task_create(current_task(), NULL, 0, FALSE, &b),
	    KERN_SUCCESS);
	stress_dest_in_b = 0x5000;
	ck_assert_int_eq(ipc_space_insert_right(b->itk_space, 0x5000,
	    ipc_port_make_send_for_test(p), MACH_MSG_TYPE_PORT_SEND),
	    KERN_SUCCESS);
	for (i = 0; i < SENDERS; i++)
		ck_assert_int_eq(ksim_thread_spawn(b, stress_sender,
		    (void *)(uintptr_t)i, &th[i]), KERN_SUCCESS);
	while (total < SENDERS * PER_SENDER) {
		uint32_t s, seq;

		ck_assert_int_eq(kt_recv(p, &r, MACH_RCV_TIMEOUT, 5000),
		    MACH_MSG_SUCCESS);
		s = (uint32_t)r.head.msgh_id >> 16;
		seq = (uint32_t)r.head.msgh_id & 0xffff;
		ck_assert_uint_lt(s, SENDERS);
		ck_assert_uint_eq(seq, next[s]);	/* FIFO, no loss */
		next[s]++;
		total++;
	}
	for (i = 0; i < SENDERS; i++) {
		void *res;

		pthread_join(th[i], &res);
		ck_assert_ptr_null(res);
	}
	ck_assert_int_eq(kt_recv(p, &r, MACH_RCV_TIMEOUT, 0),
	    MACH_RCV_TIMED_OUT);			/* no duplicates */
	ck_assert_int_eq(ksim_task_terminate(b), KERN_SUCCESS);
	ksim_lock();
	task_deallocate(b);
	ksim_unlock();
	ck_assert_int_eq(ksim_mach_port_destroy(kt_space(), p), KERN_SUCCESS);
	ipc_counts_get(&after);
	ck_assert_uint_eq(after.ports, before.ports);
	ck_assert_uint_eq(after.kmsgs, before.kmsgs);
	ck_assert_uint_eq(after.spaces, before.spaces);
}
END_TEST

Suite *ipc_stress_suite(void)
{
	Suite *s = suite_create("ipc_stress");
	TCase *tc = kt_tcase("stress");

	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, two_tasks_many_senders);
	suite_add_tcase(s, tc);
	return s;
}
