/*
 * check_main.c - the test program: every suite, one runner.
 *
 * Select with Check's own variables: CK_RUN_SUITE=errors, CK_RUN_CASE=...,
 * CK_VERBOSITY=verbose.  Exit status 0 only when every test passed.
 */
#include <stdlib.h>

#include "support/suites.h"

static Suite *(*const suites[])(void) = {
	headers_suite,
	runtime_suite,
	notify_server_suite,
	traps_suite,
	ipc_ports_suite,
	ipc_msg_suite,
	ipc_notify_suite,
	sync_suite,
	stubs_suite,
	hostile_suite,
	threads_suite,
	exceptions_suite,
	task_stress_suite,
	vm_suite,
	vm_kernel_suite,
	mach_vm_suite,
	ledger_suite,
	host_security_suite,
	i386_suite,
	pager_suite,
	ipc_stress_suite,
	e2e_suite,
	concurrency_suite,
	fuzz_kmsg_suite,
	darwin_suite,
	lexer_suite,
	parser_suite,
	check_suite,
	emit_suite,
	roundtrip_suite,
	errors_suite,
	golden_suite,
	driver_suite,
	corpus_suite,
	fuzz_suite,
	host_suite,
	clock_suite,
	processor_suite,
};

int main(void)
{
	/* A child the host suite starts to boot a kernel from a given
	   configuration (test/kernel-sim/host/test_host.c). */
	if (getenv("MACHSIM_TEST_BOOT_PROBE") != NULL)
		return host_boot_probe();

	SRunner *sr = srunner_create(NULL);
	for (size_t i = 0; i < sizeof suites / sizeof suites[0]; i++)
		srunner_add_suite(sr, suites[i]());
	srunner_run_all(sr, CK_ENV);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
