/*
 * test_host_kernel.c - the work functions' answers the user view cannot
 * reach: a null ledger, thread or out pointer (a message always names a
 * live object, or does not get through).  Part of the ledger and i386
 * suites.
 */
#define MACHSIM_KERNEL 1	/* the kernel view of the Mach types */
#include <assert.h>

#include <ksim/ipc.h>
#include <ksim/kern.h>
#include <ksim/ledger.h>

#include <kernel/ledgerServer.h>
#include <kernel/mach_i386Server.h>

#include "../ksim_test.h"
#include "host_kernel.h"

START_TEST(null_ledgers)
{
	ledger_t root, l = NULL;
	ledger_item_t b, lim;

	(void)current_task();
	ksim_lock();
	root = ledger_root();
	ksim_unlock();
	ck_assert_int_eq(ksim_ledger_create(NULL, root, &l, 0),
	    KERN_INVALID_LEDGER);
	ck_assert_int_eq(ksim_ledger_create(root, root, NULL, 0),
	    KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(ksim_ledger_read(NULL, &b, &lim), KERN_INVALID_LEDGER);
	ck_assert_int_eq(ksim_ledger_read(root, NULL, &lim),
	    KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(ksim_ledger_terminate(NULL), KERN_INVALID_LEDGER);
	ck_assert_int_eq(ksim_ledger_transfer(NULL, root, 1),
	    KERN_INVALID_LEDGER);
	ck_assert_int_eq(ksim_ledger_get_remote(NULL, &realhost, &l),
	    KERN_INVALID_LEDGER);
	ck_assert_int_eq(ksim_ledger_get_remote(root, &realhost, NULL),
	    KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(ksim_ledger_set_remote(NULL, root),
	    KERN_INVALID_LEDGER);
	ck_assert_ptr_null(l);
	/* A map with no task, or a task with no ledger, is never refused. */
	ksim_lock();
	ck_assert(ledger_vm_admit(NULL, 1));
	ck_assert(ledger_vm_admit(kernel_task->map, ~(vm_size_t)0));
	ksim_unlock();
}
END_TEST

START_TEST(null_threads)
{
	descriptor_t d = { 0, 0 }, *out = NULL;
	device_list_t list = NULL;
	mach_msg_type_number_t n = 0;

	ck_assert_int_eq(ksim_i386_set_ldt(THREAD_NULL, 7, &d, 1),
	    KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(ksim_i386_set_ldt(current_thread(), 7, NULL, 1),
	    KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(ksim_i386_get_ldt(THREAD_NULL, 7, 1, &out, &n),
	    KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(ksim_i386_io_port_add(THREAD_NULL, 1),
	    KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(ksim_i386_io_port_remove(THREAD_NULL, 1),
	    KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(ksim_i386_io_port_list(THREAD_NULL, &list, &n),
	    KERN_INVALID_ARGUMENT);
}
END_TEST

void host_kernel_ledger_tests(TCase *tc)
{
	tcase_add_test(tc, null_ledgers);
}

void host_kernel_i386_tests(TCase *tc)
{
	tcase_add_test(tc, null_threads);
}
