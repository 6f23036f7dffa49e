/*
 * exc_defaults.c - what exc_server and mach_exc_server do for a handler
 * routine their user did not write: KERN_FAILURE, so the exception goes
 * on to the next handler, as with Darwin's.  A program that defines one
 * of the catch_ routines replaces the default.
 */
#include <mach/mach.h>

#include <server/excServer.h>
#include <server/mach_excServer.h>

#define EXC_DEFAULT __attribute__((weak))

EXC_DEFAULT kern_return_t catch_exception_raise(mach_port_t exception_port,
    mach_port_t thread, mach_port_t task, exception_type_t exception,
    exception_data_t code, mach_msg_type_number_t codeCnt)
{
	(void)exception_port; (void)thread; (void)task; (void)exception;
	(void)code; (void)codeCnt;
	return KERN_FAILURE;
}

EXC_DEFAULT kern_return_t catch_exception_raise_state(
    mach_port_t exception_port, exception_type_t exception,
    const exception_data_t code, mach_msg_type_number_t codeCnt,
    int *flavor, const thread_state_t old_state,
    mach_msg_type_number_t old_stateCnt, thread_state_t new_state,
    mach_msg_type_number_t *new_stateCnt)
{
	(void)exception_port; (void)exception; (void)code; (void)codeCnt;
	(void)flavor; (void)old_state; (void)old_stateCnt; (void)new_state;
	(void)new_stateCnt;
	return KERN_FAILURE;
}

EXC_DEFAULT kern_return_t catch_exception_raise_state_identity(
    mach_port_t exception_port, mach_port_t thread, mach_port_t task,
    exception_type_t exception, exception_data_t code,
    mach_msg_type_number_t codeCnt, int *flavor, thread_state_t old_state,
    mach_msg_type_number_t old_stateCnt, thread_state_t new_state,
    mach_msg_type_number_t *new_stateCnt)
{
	(void)exception_port; (void)thread; (void)task; (void)exception;
	(void)code; (void)codeCnt; (void)flavor; (void)old_state;
	(void)old_stateCnt; (void)new_state; (void)new_stateCnt;
	return KERN_FAILURE;
}

EXC_DEFAULT kern_return_t catch_mach_exception_raise(
    mach_port_t exception_port, mach_port_t thread, mach_port_t task,
    exception_type_t exception, mach_exception_data_t code,
    mach_msg_type_number_t codeCnt)
{
	(void)exception_port; (void)thread; (void)task; (void)exception;
	(void)code; (void)codeCnt;
	return KERN_FAILURE;
}

EXC_DEFAULT kern_return_t catch_mach_exception_raise_state(
    mach_port_t exception_port, exception_type_t exception,
    const mach_exception_data_t code, mach_msg_type_number_t codeCnt,
    int *flavor, const thread_state_t old_state,
    mach_msg_type_number_t old_stateCnt, thread_state_t new_state,
    mach_msg_type_number_t *new_stateCnt)
{
	(void)exception_port; (void)exception; (void)code; (void)codeCnt;
	(void)flavor; (void)old_state; (void)old_stateCnt; (void)new_state;
	(void)new_stateCnt;
	return KERN_FAILURE;
}

EXC_DEFAULT kern_return_t catch_mach_exception_raise_state_identity(
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

/* The identity-protected forms (Darwin's 2408 and 2410): a program that
   sets those behaviours defines these. */
EXC_DEFAULT kern_return_t catch_mach_exception_raise_identity_protected(
    mach_port_t exception_port, uint64_t thread_id,
    task_id_token_t task_id_token, exception_type_t exception,
    mach_exception_data_t codes, mach_msg_type_number_t codesCnt)
{
	(void)exception_port; (void)thread_id; (void)task_id_token;
	(void)exception; (void)codes; (void)codesCnt;
	return KERN_FAILURE;
}

EXC_DEFAULT kern_return_t catch_mach_exception_raise_state_identity_protected(
    mach_port_t exception_port, uint64_t thread_id,
    task_id_token_t task_id_token, exception_type_t exception,
    mach_exception_data_t codes, mach_msg_type_number_t codesCnt,
    int *flavor, thread_state_t old_state,
    mach_msg_type_number_t old_stateCnt, thread_state_t new_state,
    mach_msg_type_number_t *new_stateCnt)
{
	(void)exception_port; (void)thread_id; (void)task_id_token;
	(void)exception; (void)codes; (void)codesCnt; (void)flavor;
	(void)old_state; (void)old_stateCnt; (void)new_state;
	(void)new_stateCnt;
	return KERN_FAILURE;
}
