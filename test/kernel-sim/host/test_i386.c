/*
 * test_i386.c - mach_i386.defs through the generated stubs: descriptors
 * written to and read from the host's real LDT (checked with
 * modify_ldt itself), and I/O devices added to and removed from the
 * calling thread's real I/O bitmap.  What the host allows differs from
 * machine to machine (a kernel without modify_ldt or ioperm, a process
 * without CAP_SYS_RAWIO); each test works out what this one allows from
 * the kernel and the process's capabilities, and asserts exactly that
 * behaviour: the call's effect, or its documented error.
 */
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <mach/mach.h>
#include <mach/mach_i386.h>

#include "../ksim_check.h"
#include "host_fixture.h"
#include "host_kernel.h"

Suite *i386_suite(void);

#define SELF		mach_task_self()
#define CAP_SYS_RAWIO	17
#define SEL(index)	((int)((index) << 3 | 7))	/* LDT, user level */
#define INDEX		100

/* A raw user (DPL 3) descriptor: present, S set, the given type. */
static descriptor_t desc(uint32_t base, uint32_t limit, unsigned type,
    unsigned flags /* AVL 1, L 2, D/B 4, G 8 */, int present)
{
	descriptor_t d;

	d.low_word = (limit & 0xffff) | (base & 0xffff) << 16;
	d.high_word = ((base >> 16) & 0xff) | (type & 0xf) << 8 |
	    1u << 12 | 3u << 13 | (present ? 1u << 15 : 0) |
	    (limit & 0xf0000) | (flags & 0xf) << 20 | (base & 0xff000000u);
	return d;
}

/*
 * What the LDT calls answer in this process, found by reading the LDT
 * (which needs no privilege): success; KERN_NOT_SUPPORTED on a kernel
 * without modify_ldt; KERN_NO_ACCESS where a system-call filter forbids
 * it (as container run-times' default seccomp profiles do).
 */
static kern_return_t ldt_expected(void)
{
	uint8_t b[8];

	if (syscall(SYS_modify_ldt, 0, b, sizeof(b)) != -1)
		return KERN_SUCCESS;
	return errno == ENOSYS ? KERN_NOT_SUPPORTED : KERN_NO_ACCESS;
}

/* The host's LDT entry index, read with modify_ldt. */
static descriptor_t host_entry(unsigned index)
{
	static uint8_t buf[(INDEX + 8) * 8];
	descriptor_t d;

	long got;

	ck_assert_uint_lt(index, INDEX + 8);
	memset(buf, 0, sizeof(buf));
	got = syscall(SYS_modify_ldt, 0, buf, sizeof(buf));
	/* 0: the process has no LDT yet (every entry empty). */
	ck_assert(got == 0 || got == (long)sizeof(buf));
	memcpy(&d, buf + index * 8, sizeof(d));
	return d;
}

START_TEST(ldt_set_and_get)
{
	descriptor_t in[2], *out = NULL, e;
	mach_msg_type_number_t n = 0;
	mach_port_t th = mach_thread_self();
	kern_return_t kr;

	/* data read/write, accessed; code execute/read, accessed */
	in[0] = desc(0x12345678, 0xabcde, 0x3, 1 | 4 | 8, 1);
	in[1] = desc(0x00100000, 0x00fff, 0xb, 4, 1);
	kr = i386_set_ldt(th, SEL(INDEX), in, 2);
	if (ldt_expected() != KERN_SUCCESS) {
		ck_assert_int_eq(kr, ldt_expected());
		ck_assert_int_eq(i386_get_ldt(th, SEL(INDEX), 2, &out, &n),
		    ldt_expected());
		return;
	}
	ck_assert_int_eq(kr, KERN_SUCCESS);
	/* The host's table has them, bit for bit. */
	e = host_entry(INDEX);
	ck_assert_uint_eq(e.low_word, in[0].low_word);
	ck_assert_uint_eq(e.high_word, in[0].high_word);
	e = host_entry(INDEX + 1);
	ck_assert_uint_eq(e.high_word, in[1].high_word);
	/* And i386_get_ldt reads them back, with what lies around. */
	ck_assert_int_eq(i386_get_ldt(th, SEL(INDEX - 1), 4, &out, &n),
	    KERN_SUCCESS);
	ck_assert_uint_eq(n, 4);
	ck_assert_uint_eq(out[0].low_word | out[0].high_word, 0);
	ck_assert_uint_eq(out[1].low_word, in[0].low_word);
	ck_assert_uint_eq(out[1].high_word, in[0].high_word);
	ck_assert_uint_eq(out[2].low_word, in[1].low_word);
	ck_assert_uint_eq(out[2].high_word, in[1].high_word);
	ck_assert_uint_eq(out[3].low_word | out[3].high_word, 0);
	ck_assert_int_eq(vm_deallocate(SELF, (vm_address_t)out,
	    n * sizeof(*out)), KERN_SUCCESS);
	/* Linux sets the accessed bit of what it installs. */
	in[0] = desc(0, 0xfffff, 0x2, 4 | 8, 1);
	ck_assert_int_eq(i386_set_ldt(th, SEL(INDEX), in, 1), KERN_SUCCESS);
	ck_assert_uint_eq(host_entry(INDEX).high_word, in[0].high_word | 1u << 8);
	/* Past the table's end: empty descriptors; none: nothing. */
	ck_assert_int_eq(i386_get_ldt(th, SEL(8000), 2, &out, &n),
	    KERN_SUCCESS);
	ck_assert_uint_eq(n, 2);
	ck_assert_uint_eq(out[1].low_word | out[1].high_word, 0);
	ck_assert_int_eq(vm_deallocate(SELF, (vm_address_t)out,
	    n * sizeof(*out)), KERN_SUCCESS);
	ck_assert_int_eq(i386_get_ldt(th, SEL(0), 0, &out, &n), KERN_SUCCESS);
	ck_assert_uint_eq(n, 0);
	/* Empty descriptors clear the entries. */
	memset(in, 0, sizeof(in));
	ck_assert_int_eq(i386_set_ldt(th, SEL(INDEX), in, 2), KERN_SUCCESS);
	e = host_entry(INDEX);
	ck_assert_uint_eq(e.low_word | e.high_word, 0);
	e = host_entry(INDEX + 1);
	ck_assert_uint_eq(e.low_word | e.high_word, 0);
	ck_assert_int_eq(mach_port_deallocate(SELF, th), KERN_SUCCESS);
}
END_TEST

START_TEST(ldt_errors)
{
	descriptor_t d[1], *out = NULL;
	mach_msg_type_number_t n = 0;
	mach_port_t th = mach_thread_self();
	kern_return_t host = ldt_expected();

	d[0] = desc(0, 0xfff, 0x3, 0, 1);
	/* Not an LDT selector, or not user level; past the table. */
	ck_assert_int_eq(i386_set_ldt(th, INDEX << 3, d, 1),
	    KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(i386_set_ldt(th, INDEX << 3 | 4, d, 1),
	    KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(i386_set_ldt(th, -1, d, 1), KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(i386_set_ldt(th, SEL(8192), d, 1),
	    KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(i386_get_ldt(th, SEL(8191), 2, &out, &n),
	    KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(i386_get_ldt(th, SEL(0), -1, &out, &n),
	    KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(i386_get_ldt(th, INDEX << 3, 1, &out, &n),
	    KERN_INVALID_ARGUMENT);
	/* Descriptors Linux's LDT cannot hold: kernel level, a system
	   segment (a call gate), nothing installed. */
	d[0].high_word &= ~(3u << 13);
	ck_assert_int_eq(i386_set_ldt(th, SEL(INDEX), d, 1),
	    KERN_INVALID_ARGUMENT);
	d[0] = desc(0, 0, 0xc, 0, 1);
	d[0].high_word &= ~(1u << 12);
	ck_assert_int_eq(i386_set_ldt(th, SEL(INDEX), d, 1),
	    KERN_INVALID_ARGUMENT);
	if (host == KERN_SUCCESS)
		ck_assert_uint_eq(host_entry(INDEX).high_word, 0);
	/* A present conforming code segment: Linux refuses it. */
	d[0] = desc(0, 0xfff, 0xf, 4, 1);
	ck_assert_int_eq(i386_set_ldt(th, SEL(INDEX), d, 1),
	    host == KERN_SUCCESS ? KERN_INVALID_ARGUMENT : host);
	/* No thread. */
	ck_assert_int_eq(i386_set_ldt(MACH_PORT_NULL, SEL(INDEX), d, 1),
	    MACH_SEND_INVALID_DEST);
	ck_assert_int_eq(mach_port_deallocate(SELF, th), KERN_SUCCESS);
}
END_TEST

/* ---- the I/O bitmap ---------------------------------------------------------------- */

/*
 * What adding I/O ports answers in this process.  Turning ports off
 * needs no privilege, so that probe fails only for a kernel without
 * ioperm (KERN_NOT_SUPPORTED) or a system-call filter (KERN_NO_ACCESS).
 * Then: a locked-down kernel, or no CAP_SYS_RAWIO, KERN_NO_ACCESS; else
 * success.
 */
static kern_return_t io_expected(void)
{
	char mode[128] = "";
	FILE *f;

	if (syscall(SYS_ioperm, 0x80ul, 1ul, 0) != 0)
		return errno == ENOSYS ? KERN_NOT_SUPPORTED : KERN_NO_ACCESS;
	/* A kernel locked down for integrity refuses even the capable. */
	f = fopen("/sys/kernel/security/lockdown", "r");
	if (f != NULL) {
		if (fgets(mode, sizeof(mode), f) == NULL)
			mode[0] = '\0';
		fclose(f);
	}
	if (strstr(mode, "[integrity]") || strstr(mode, "[confidentiality]"))
		return KERN_NO_ACCESS;
	return ktf_capable(CAP_SYS_RAWIO) ? KERN_SUCCESS : KERN_NO_ACCESS;
}

static mach_msg_type_number_t io_list(mach_port_t th, mach_port_t *first)
{
	device_list_t list = NULL;
	mach_msg_type_number_t n = 99, i;

	ck_assert_int_eq(i386_io_port_list(th, &list, &n), KERN_SUCCESS);
	*first = n != 0 ? list[0] : MACH_PORT_NULL;
	for (i = 0; i < n; i++)
		ck_assert_int_eq(mach_port_deallocate(SELF, list[i]),
		    KERN_SUCCESS);
	if (n != 0)
		ck_assert_int_eq(vm_deallocate(SELF, (vm_address_t)list,
		    n * sizeof(*list)), KERN_SUCCESS);
	return n;
}

static mach_port_t other_port;
static sem_t other_go, other_done;

static void *other_thread(void *arg)
{
	(void)arg;
	other_port = mach_thread_self();
	sem_post(&other_go);
	sem_wait(&other_done);
	return NULL;
}

START_TEST(io_ports)
{
	mach_port_t th = mach_thread_self(), dev = MACH_PORT_NULL, d2, first;
	kern_return_t expect = io_expected();
	pthread_t pt;

	ck_assert_int_eq(ktf_io_device(0x80, 1, &dev), KERN_SUCCESS);
	ck_assert_int_eq(i386_io_port_add(th, dev), expect);
	if (expect == KERN_SUCCESS) {
		unsigned char v;

		/* The bitmap is real: the port can be read. */
		__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"((uint16_t)0x80));
		(void)v;
		ck_assert_uint_eq(io_list(th, &first), 1);
		ck_assert_uint_eq(first, dev);
		ck_assert_int_eq(i386_io_port_add(th, dev), KERN_SUCCESS);
		ck_assert_uint_eq(io_list(th, &first), 1);
		ck_assert_int_eq(i386_io_port_remove(th, dev), KERN_SUCCESS);
	}
	ck_assert_uint_eq(io_list(th, &first), 0);
	ck_assert_int_eq(i386_io_port_remove(th, dev), KERN_INVALID_ARGUMENT);
	/* Another thread's bitmap is not ours to change. */
	sem_init(&other_go, 0, 0);
	sem_init(&other_done, 0, 0);
	ck_assert_int_eq(pthread_create(&pt, NULL, other_thread, NULL), 0);
	sem_wait(&other_go);
	ck_assert_int_eq(i386_io_port_add(other_port, dev),
	    KERN_NOT_SUPPORTED);
	ck_assert_int_eq(i386_io_port_remove(other_port, dev),
	    KERN_NOT_SUPPORTED);
	ck_assert_uint_eq(io_list(other_port, &first), 0);
	sem_post(&other_done);
	pthread_join(pt, NULL);
	ck_assert_int_eq(mach_port_deallocate(SELF, other_port), KERN_SUCCESS);
	/* Not devices. */
	ck_assert_int_eq(i386_io_port_add(th, SELF), KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(i386_io_port_add(th, MACH_PORT_NULL),
	    KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(i386_io_port_remove(th, SELF),
	    KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(i386_io_port_list(MACH_PORT_NULL, NULL, NULL),
	    MACH_SEND_INVALID_DEST);
	/* Devices are ranges of real ports. */
	ck_assert_int_eq(ktf_io_device(0x80, 0, &d2), KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(ktf_io_device(0xfff0, 0x20, &d2),
	    KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(mach_port_deallocate(SELF, dev), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, th), KERN_SUCCESS);
}
END_TEST

Suite *i386_suite(void)
{
	Suite *s = suite_create("i386");
	TCase *tc = kt_tcase("i386");

	tcase_add_test(tc, ldt_set_and_get);
	tcase_add_test(tc, ldt_errors);
	tcase_add_test(tc, io_ports);
	host_kernel_i386_tests(tc);
	suite_add_tcase(s, tc);
	return s;
}
