/*
 * <machsim/message_forms.h> - the message forms of calls that Darwin's
 * library answers by a trap or locally (DESIGN: both forms exist).
 *
 * libmach's semaphore_signal, semaphore_wait, ... are the traps and its
 * host_page_size is answered without a message, as on Darwin; the
 * generated stubs of semaphore.defs and of mach_host.defs routine 202
 * are in libmach under these names and send the same messages, with the
 * same ids, that the kernel serves.
 */
#ifndef _MACHSIM_MESSAGE_FORMS_H_
#define _MACHSIM_MESSAGE_FORMS_H_

#include <mach/_machsim_cdefs.h>
#include <mach/clock_types.h>
#include <mach/kern_return.h>
#include <mach/mach_types.h>

__MACHSIM_BEGIN_DECLS

/* mach_host.defs 202 (Darwin later renamed the routine so). */
extern kern_return_t _host_page_size(host_t host, vm_size_t *out_page_size);

/* semaphore.defs 617200-617206. */
extern kern_return_t _semaphore_signal(semaphore_t semaphore);
extern kern_return_t _semaphore_signal_all(semaphore_t semaphore);
extern kern_return_t _semaphore_wait(semaphore_t semaphore);
extern kern_return_t _semaphore_signal_thread(semaphore_t semaphore,
    thread_act_t thread);
extern kern_return_t _semaphore_timedwait(semaphore_t semaphore,
    mach_timespec_t wait_time);
extern kern_return_t _semaphore_wait_signal(semaphore_t wait_semaphore,
    semaphore_t signal_semaphore);
extern kern_return_t _semaphore_timedwait_signal(semaphore_t wait_semaphore,
    semaphore_t signal_semaphore, mach_timespec_t wait_time);

__MACHSIM_END_DECLS

#endif /* _MACHSIM_MESSAGE_FORMS_H_ */
