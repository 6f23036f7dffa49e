/*
 * suites.h - every Check suite of the test program, one per source area.
 * test/check_main.c runs them all; CK_RUN_SUITE / CK_RUN_CASE select.
 */
#ifndef TEST_SUITES_H
#define TEST_SUITES_H

#include <check.h>

/* mig */
Suite *lexer_suite(void);
Suite *parser_suite(void);
Suite *check_suite(void);
Suite *emit_suite(void);
Suite *roundtrip_suite(void);
Suite *errors_suite(void);
Suite *golden_suite(void);
Suite *driver_suite(void);
Suite *corpus_suite(void);
Suite *fuzz_suite(void);
/* runtime */
Suite *headers_suite(void);
Suite *runtime_suite(void);
Suite *notify_server_suite(void);
Suite *traps_suite(void);
/* Darwin programs against the installed tree */
Suite *darwin_suite(void);
/* end to end, concurrency, kernel fuzzing */
Suite *e2e_suite(void);
Suite *concurrency_suite(void);
Suite *fuzz_kmsg_suite(void);
/* kernel-sim */
Suite *ipc_msg_suite(void);
Suite *ipc_ports_suite(void);
Suite *ipc_notify_suite(void);
Suite *ipc_stress_suite(void);
Suite *sync_suite(void);
Suite *stubs_suite(void);
Suite *hostile_suite(void);
Suite *threads_suite(void);
Suite *exceptions_suite(void);
Suite *task_stress_suite(void);
Suite *vm_suite(void);
Suite *vm_kernel_suite(void);
Suite *mach_vm_suite(void);
Suite *host_suite(void);
Suite *clock_suite(void);
Suite *processor_suite(void);
/* The host suite's boot probe (check_main.c runs it in a child). */
int host_boot_probe(void);
Suite *ledger_suite(void);
Suite *host_security_suite(void);
Suite *i386_suite(void);
Suite *pager_suite(void);

#endif
