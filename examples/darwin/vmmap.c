/*
 * vmmap.c - what a memory-inspection tool for macOS does with
 * <mach/mach_vm.h>: make memory, walk the task's regions with
 * mach_vm_region, ask which pages are resident and written with
 * mach_vm_page_range_query and mach_vm_page_info, alias a range read-only
 * with mach_vm_remap_new, and read memory back with
 * mach_vm_read_overwrite.
 *
 *   cc vmmap.c $(pkg-config --cflags --libs machsim)
 */
#include <mach/mach.h>
#include <mach/mach_vm.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FAIL(...) do { \
	fprintf(stderr, "vmmap: %s:%d: ", __FILE__, __LINE__); \
	fprintf(stderr, __VA_ARGS__); \
	fputc('\n', stderr); \
	exit(1); \
} while (0)

#define CHECK(expr) do { \
	kern_return_t kr_ = (expr); \
	if (kr_ != KERN_SUCCESS) \
		FAIL("%s: %s (%d)", #expr, mach_error_string(kr_), kr_); \
} while (0)

#define EXPECT_EQ(a, b) do { \
	long long a_ = (long long)(a), b_ = (long long)(b); \
	if (a_ != b_) \
		FAIL("%s is %lld, want %lld", #a, a_, b_); \
} while (0)

/* The region containing or above *addr; returns its protection. */
static vm_prot_t region_at(mach_vm_address_t *addr, mach_vm_size_t *size)
{
	vm_region_basic_info_data_64_t info;
	mach_msg_type_number_t count = VM_REGION_BASIC_INFO_COUNT_64;
	mach_port_t object = MACH_PORT_NULL;

	CHECK(mach_vm_region(mach_task_self(), addr, size,
	    VM_REGION_BASIC_INFO_64, (vm_region_info_t)&info, &count,
	    &object));
	return info.protection;
}

int main(void)
{
	const mach_vm_size_t pg = vm_page_size;
	mach_vm_address_t base = 0, alias = 0, at;
	mach_vm_size_t size, n = 4, outsize = 0;
	vm_prot_t cur = VM_PROT_READ, max = VM_PROT_READ;
	vm_page_info_basic_data_t info;
	mach_msg_type_number_t count = VM_PAGE_INFO_BASIC_COUNT;
	int disp[4];
	char buf[16];
	volatile char c;

	CHECK(mach_vm_allocate(mach_task_self(), &base, 4 * pg,
	    VM_FLAGS_ANYWHERE));
	c = ((volatile char *)base)[pg];	/* read, never written */
	(void)c;
	strcpy((char *)(base + 2 * pg), "hello, pages");

	/* Which pages are there, and which were written. */
	CHECK(mach_vm_page_range_query(mach_task_self(), base, 4 * pg,
	    (mach_vm_address_t)disp, &n));
	EXPECT_EQ(n, 4);
	EXPECT_EQ(disp[0] & VM_PAGE_QUERY_PAGE_PRESENT, 0);
	EXPECT_EQ(disp[2] & VM_PAGE_QUERY_PAGE_DIRTY, VM_PAGE_QUERY_PAGE_DIRTY);
	EXPECT_EQ(disp[3], 0);
	CHECK(mach_vm_page_info(mach_task_self(), base + 2 * pg,
	    VM_PAGE_INFO_BASIC, (vm_page_info_t)&info, &count));
	EXPECT_EQ(info.disposition, disp[2]);
	EXPECT_EQ(info.offset, 2 * pg);

	/* A read-only alias of the written page, at the string's address. */
	CHECK(mach_vm_remap_new(mach_task_self(), &alias, pg, 0,
	    VM_FLAGS_ANYWHERE, mach_task_self(), base + 2 * pg + 7, FALSE,
	    &cur, &max, VM_INHERIT_NONE));
	if (strcmp((const char *)alias, "pages") != 0)
		FAIL("the alias reads \"%s\"", (const char *)alias);
	at = alias;
	EXPECT_EQ(region_at(&at, &size), VM_PROT_READ);
	EXPECT_EQ(at, alias - 7);
	cur = VM_PROT_READ | VM_PROT_WRITE;
	EXPECT_EQ(mach_vm_remap_new(mach_task_self(), &at, pg, 0,
	    VM_FLAGS_ANYWHERE, mach_task_self(), alias, FALSE, &cur, &max,
	    VM_INHERIT_NONE), KERN_INVALID_ARGUMENT);	/* cur above max */

	/* Read through the alias as a debugger reads another task. */
	CHECK(mach_vm_read_overwrite(mach_task_self(), alias - 7,
	    sizeof(buf), (mach_vm_address_t)buf, &outsize));
	EXPECT_EQ(outsize, sizeof(buf));
	if (memcmp(buf, "hello, pages", 13) != 0)
		FAIL("read back \"%.13s\"", buf);

	/* The walk finds our allocation with its protection. */
	at = base;
	EXPECT_EQ(region_at(&at, &size), VM_PROT_DEFAULT);
	EXPECT_EQ(at, base);

	CHECK(mach_vm_deallocate(mach_task_self(), alias - 7, pg));
	CHECK(mach_vm_deallocate(mach_task_self(), base, 4 * pg));
	printf("vmmap: ok: %d pages queried, an alias read back\n", 4);
	return 0;
}
