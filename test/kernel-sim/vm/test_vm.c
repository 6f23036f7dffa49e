/*
 * test_vm.c - the virtual memory calls (MACH-SEMANTICS 8) as Darwin
 * programs make them, through the generated stubs, on real memory: each
 * call's success and its errors, within a task and across tasks, and
 * the map left as it was after an error.  The checked teardown verifies
 * every space, the held-range set and every map (vm_map_verify).
 */
#include <pthread.h>
#include <stdbool.h>
#include <string.h>
#include <unistd.h>

#include <mach/mach.h>
#include <mach/memory_object_types.h>
#include <mach/vm_region.h>

#include "../ksim_check.h"

Suite *vm_suite(void);

#define SELF	mach_task_self()
#define PG	((vm_size_t)getpagesize())

static vm_address_t alloc(mach_port_t task, vm_size_t size)
{
	vm_address_t a = 0;

	ck_assert_int_eq(vm_allocate(task, &a, size, VM_FLAGS_ANYWHERE),
	    KERN_SUCCESS);
	return a;
}

/* The basic information of the region at or above *a. */
static kern_return_t region(mach_port_t task, vm_address_t *a,
    vm_size_t *size, vm_region_basic_info_data_64_t *info)
{
	mach_msg_type_number_t n = VM_REGION_BASIC_INFO_COUNT_64;
	mach_port_t obj = 1;
	kern_return_t kr;

	kr = vm_region_64(task, a, size, VM_REGION_BASIC_INFO_64,
	    (vm_region_info_t)info, &n, &obj);
	if (kr == KERN_SUCCESS) {
		ck_assert_uint_eq(n, VM_REGION_BASIC_INFO_COUNT_64);
		ck_assert_uint_eq(obj, MACH_PORT_NULL);
	}
	return kr;
}

/* The region record containing exactly a: its start, size, attributes. */
static vm_region_basic_info_data_64_t info_at(mach_port_t task,
    vm_address_t a, vm_address_t *start, vm_size_t *size)
{
	vm_region_basic_info_data_64_t info;

	*start = a;
	ck_assert_int_eq(region(task, start, size, &info), KERN_SUCCESS);
	ck_assert_uint_le(*start, a);
	return info;
}

static mach_port_t child_task(boolean_t inherit)
{
	mach_port_t child = MACH_PORT_NULL;

	ck_assert_int_eq(task_create(SELF, NULL, 0, inherit, &child),
	    KERN_SUCCESS);
	return child;
}

static void child_end(mach_port_t child)
{
	ck_assert_int_eq(task_terminate(child), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, child), KERN_SUCCESS);
}

/* ---- allocate, deallocate ---------------------------------------------------- */

START_TEST(allocate_fixed_and_anywhere)
{
	vm_address_t a = alloc(SELF, 4 * PG), b, s;
	vm_region_basic_info_data_64_t info;
	vm_size_t size;

	/* Fresh memory: zero, read/write, max all, inherit copy. */
	ck_assert_int_eq(((volatile char *)a)[3 * PG], 0);
	info = info_at(SELF, a, &s, &size);
	ck_assert_uint_eq(s, a);
	ck_assert_uint_ge(size, 4 * PG);
	ck_assert_int_eq(info.protection, VM_PROT_DEFAULT);
	ck_assert_int_eq(info.max_protection, VM_PROT_ALL);
	ck_assert_uint_eq(info.inheritance, VM_INHERIT_COPY);
	ck_assert_int_eq(info.behavior, VM_BEHAVIOR_DEFAULT);
	ck_assert_int_eq(info.shared, FALSE);
	/* A hole, then FIXED into it, from an unaligned address. */
	ck_assert_int_eq(vm_deallocate(SELF, a + PG, PG), KERN_SUCCESS);
	b = a + PG + 17;
	ck_assert_int_eq(vm_allocate(SELF, &b, PG, VM_FLAGS_FIXED),
	    KERN_SUCCESS);
	ck_assert_uint_eq(b, a + PG);
	/* Occupied: KERN_NO_SPACE, the old contents stay. */
	((char *)a)[0] = 'x';
	b = a;
	ck_assert_int_eq(vm_allocate(SELF, &b, PG, VM_FLAGS_FIXED),
	    KERN_NO_SPACE);
	ck_assert_int_eq(((char *)a)[0], 'x');
	/* OVERWRITE replaces it with zero memory. */
	ck_assert_int_eq(vm_allocate(SELF, &b, PG,
	    VM_FLAGS_FIXED | VM_FLAGS_OVERWRITE), KERN_SUCCESS);
	ck_assert_int_eq(((char *)a)[0], 0);
	/* Address 0 and wrap-around: outside the map. */
	b = 0;
	ck_assert_int_eq(vm_allocate(SELF, &b, PG, VM_FLAGS_FIXED),
	    KERN_INVALID_ADDRESS);
	b = (vm_address_t)-PG;
	ck_assert_int_eq(vm_allocate(SELF, &b, 2 * PG, VM_FLAGS_FIXED),
	    KERN_INVALID_ADDRESS);
	/* A tag in the top byte is accepted; unknown flags are not. */
	b = 0;
	ck_assert_int_eq(vm_allocate(SELF, &b, PG, VM_FLAGS_ANYWHERE |
	    VM_MAKE_TAG(VM_MEMORY_APPLICATION_SPECIFIC_1)), KERN_SUCCESS);
	ck_assert_int_eq(vm_deallocate(SELF, b, PG), KERN_SUCCESS);
	ck_assert_int_eq(vm_allocate(SELF, &b, PG, 0x100), KERN_INVALID_ARGUMENT);
	ck_assert_int_ne(vm_allocate(MACH_PORT_NULL, &b, PG, 1), KERN_SUCCESS);
	ck_assert_int_eq(vm_deallocate(SELF, a, 4 * PG), KERN_SUCCESS);
	/* Deallocated: nothing at a any more. */
	s = a;
	ck_assert(region(SELF, &s, &size, &info) != KERN_SUCCESS || s > a);
}
END_TEST

START_TEST(deallocate_partial)
{
	vm_address_t a = alloc(SELF, 5 * PG), s;
	vm_region_basic_info_data_64_t info;
	vm_size_t size;

	ck_assert_int_eq(vm_protect(SELF, a, 5 * PG, FALSE, VM_PROT_READ),
	    KERN_SUCCESS);
	/* The middle goes; the pieces keep their attributes. */
	ck_assert_int_eq(vm_deallocate(SELF, a + PG, 2 * PG), KERN_SUCCESS);
	info = info_at(SELF, a, &s, &size);
	ck_assert_uint_eq(size, PG);
	ck_assert_int_eq(info.protection, VM_PROT_READ);
	info = info_at(SELF, a + 3 * PG, &s, &size);
	ck_assert_uint_eq(s, a + 3 * PG);
	ck_assert_uint_eq(size, 2 * PG);
	ck_assert_int_eq(info.protection, VM_PROT_READ);
	/* The hole reads as the next region. */
	s = a + PG;
	ck_assert_int_eq(region(SELF, &s, &size, &info), KERN_SUCCESS);
	ck_assert_uint_eq(s, a + 3 * PG);
	/* Over the hole again: not an error (decision 7). */
	ck_assert_int_eq(vm_deallocate(SELF, a, 5 * PG), KERN_SUCCESS);
	ck_assert_int_eq(vm_deallocate(SELF, a, (vm_size_t)-1),
	    KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(vm_deallocate(SELF, a, 0), KERN_SUCCESS);
}
END_TEST

/* ---- protect, inherit, behavior -------------------------------------------- */

START_TEST(protect_current_and_max)
{
	vm_address_t a = alloc(SELF, 3 * PG), s;
	vm_region_basic_info_data_64_t info;
	vm_size_t size;

	ck_assert_int_eq(vm_protect(SELF, a, PG, FALSE, VM_PROT_READ),
	    KERN_SUCCESS);
	/* Writing it now fails: a vm_write is refused, not a fault. */
	ck_assert_int_eq(vm_write(SELF, a, (vm_offset_t)"hi", 2),
	    KERN_PROTECTION_FAILURE);
	info = info_at(SELF, a, &s, &size);
	ck_assert_int_eq(info.protection, VM_PROT_READ);
	ck_assert_int_eq(info.max_protection, VM_PROT_ALL);
	ck_assert_uint_eq(size, PG);
	/* Lower the maximum: current becomes current & max. */
	ck_assert_int_eq(vm_protect(SELF, a + PG, PG, TRUE, VM_PROT_READ),
	    KERN_SUCCESS);
	info = info_at(SELF, a + PG, &s, &size);
	ck_assert_int_eq(info.protection, VM_PROT_READ);
	ck_assert_int_eq(info.max_protection, VM_PROT_READ);
	/* Beyond the maximum: refused, and nothing changes, not even the
	   first page of the range, which would have allowed it. */
	ck_assert_int_eq(vm_protect(SELF, a, 2 * PG, FALSE, VM_PROT_DEFAULT),
	    KERN_PROTECTION_FAILURE);
	info = info_at(SELF, a, &s, &size);
	ck_assert_int_eq(info.protection, VM_PROT_READ);
	/* The maximum is never raised. */
	ck_assert_int_eq(vm_protect(SELF, a + PG, PG, TRUE, VM_PROT_ALL),
	    KERN_PROTECTION_FAILURE);
	/* VM_PROT_COPY: max gains write. */
	ck_assert_int_eq(vm_protect(SELF, a + PG, PG, FALSE,
	    VM_PROT_DEFAULT | VM_PROT_COPY), KERN_SUCCESS);
	info = info_at(SELF, a + PG, &s, &size);
	ck_assert_int_eq(info.protection, VM_PROT_DEFAULT);
	ck_assert(info.max_protection & VM_PROT_WRITE);
	((volatile char *)a)[PG] = 1;
	/* A hole: KERN_INVALID_ADDRESS, the mapped part unchanged. */
	ck_assert_int_eq(vm_deallocate(SELF, a + 2 * PG, PG), KERN_SUCCESS);
	ck_assert_int_eq(vm_protect(SELF, a + PG, 2 * PG, FALSE, VM_PROT_NONE),
	    KERN_INVALID_ADDRESS);
	info = info_at(SELF, a + PG, &s, &size);
	ck_assert_int_eq(info.protection, VM_PROT_DEFAULT);
	ck_assert_int_eq(vm_protect(SELF, a, PG, FALSE, 0x20),
	    KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(vm_protect(SELF, a, 0, FALSE, VM_PROT_NONE),
	    KERN_SUCCESS);
	ck_assert_int_eq(vm_deallocate(SELF, a, 2 * PG), KERN_SUCCESS);
}
END_TEST

START_TEST(inherit_and_behavior)
{
	vm_address_t a = alloc(SELF, 2 * PG), s;
	vm_region_basic_info_data_64_t info;
	vm_size_t size;

	strcpy((char *)a, "kept");
	ck_assert_int_eq(vm_inherit(SELF, a, PG, VM_INHERIT_SHARE),
	    KERN_SUCCESS);
	info = info_at(SELF, a, &s, &size);
	ck_assert_uint_eq(info.inheritance, VM_INHERIT_SHARE);
	ck_assert_uint_eq(size, PG);
	ck_assert_int_eq(vm_inherit(SELF, a, PG, VM_INHERIT_DONATE_COPY),
	    KERN_INVALID_ARGUMENT);
	info = info_at(SELF, a, &s, &size);
	ck_assert_uint_eq(info.inheritance, VM_INHERIT_SHARE);
	ck_assert_int_eq(vm_behavior_set(SELF, a, 2 * PG,
	    VM_BEHAVIOR_SEQUENTIAL), KERN_SUCCESS);
	info = info_at(SELF, a + PG, &s, &size);
	ck_assert_int_eq(info.behavior, VM_BEHAVIOR_SEQUENTIAL);
	/* Advice only: recorded behavior stays, contents never change. */
	ck_assert_int_eq(vm_behavior_set(SELF, a, 2 * PG,
	    VM_BEHAVIOR_DONTNEED), KERN_SUCCESS);
	ck_assert_str_eq((char *)a, "kept");
	info = info_at(SELF, a + PG, &s, &size);
	ck_assert_int_eq(info.behavior, VM_BEHAVIOR_SEQUENTIAL);
	ck_assert_int_eq(vm_behavior_set(SELF, a, PG, 99),
	    KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(vm_deallocate(SELF, a + PG, PG), KERN_SUCCESS);
	ck_assert_int_eq(vm_behavior_set(SELF, a, 2 * PG, VM_BEHAVIOR_RANDOM),
	    KERN_INVALID_ADDRESS);
	info = info_at(SELF, a, &s, &size);
	ck_assert_int_eq(info.behavior, VM_BEHAVIOR_SEQUENTIAL);
	ck_assert_int_eq(vm_deallocate(SELF, a, PG), KERN_SUCCESS);
}
END_TEST

/* ---- contents ---------------------------------------------------------------- */

START_TEST(read_write_copy)
{
	mach_port_t child = child_task(FALSE);
	vm_address_t a = alloc(child, 3 * PG), d = 0;
	mach_msg_type_number_t n = 0;
	vm_size_t out = 0;
	char buf[64];

	/* Write into another task, read it back three ways. */
	ck_assert_int_eq(vm_write(child, a + 100, (vm_offset_t)"across", 7),
	    KERN_SUCCESS);
	ck_assert_int_eq(vm_read(child, a + 100, 7, &d, &n), KERN_SUCCESS);
	ck_assert_uint_eq(n, 7);
	ck_assert_str_eq((char *)d, "across");
	ck_assert_uint_eq(d & (PG - 1), 100);	/* offset kept */
	ck_assert_int_eq(vm_deallocate(SELF, d, n), KERN_SUCCESS);
	memset(buf, 0, sizeof(buf));
	ck_assert_int_eq(vm_read_overwrite(child, a + 100, 7,
	    (vm_address_t)buf, &out), KERN_SUCCESS);
	ck_assert_uint_eq(out, 7);
	ck_assert_str_eq(buf, "across");
	/* vm_copy within the child, overlapping: as if read first. */
	memcpy((char *)a, "0123456789", 10);
	ck_assert_int_eq(vm_copy(child, a, 8, a + 2), KERN_SUCCESS);
	ck_assert_int_eq(memcmp((char *)a, "0101234567", 10), 0);
	/* Across pages. */
	ck_assert_int_eq(vm_copy(child, a, PG, a + 2 * PG), KERN_SUCCESS);
	ck_assert_int_eq(memcmp((char *)a + 2 * PG, "0101234567", 10), 0);
	/* Unreadable source, unwritable destination: protection failure,
	   and the destination unchanged. */
	ck_assert_int_eq(vm_protect(child, a + PG, PG, FALSE, VM_PROT_NONE),
	    KERN_SUCCESS);
	ck_assert_int_eq(vm_read(child, a + PG, 8, &d, &n),
	    KERN_PROTECTION_FAILURE);
	ck_assert_int_eq(vm_read_overwrite(child, a + PG, 8,
	    (vm_address_t)buf, &out), KERN_PROTECTION_FAILURE);
	ck_assert_int_eq(vm_copy(child, a + PG, 8, a), KERN_PROTECTION_FAILURE);
	ck_assert_int_eq(vm_copy(child, a, 8, a + PG), KERN_PROTECTION_FAILURE);
	ck_assert_int_eq(vm_write(child, a + PG, (vm_offset_t)"x", 1),
	    KERN_PROTECTION_FAILURE);
	ck_assert_int_eq(memcmp((char *)a, "0101234567", 10), 0);
	/* Not mapped: invalid address. */
	ck_assert_int_eq(vm_deallocate(child, a + PG, PG), KERN_SUCCESS);
	ck_assert_int_eq(vm_read(child, a + PG, 8, &d, &n),
	    KERN_INVALID_ADDRESS);
	ck_assert_int_eq(vm_read(child, a, 2 * PG, &d, &n),
	    KERN_INVALID_ADDRESS);
	ck_assert_int_eq(vm_write(child, a + PG - 1, (vm_offset_t)"xy", 2),
	    KERN_INVALID_ADDRESS);
	ck_assert_int_eq(((char *)a)[PG - 1], 0);
	ck_assert_int_eq(vm_copy(child, a, 8, a + PG), KERN_INVALID_ADDRESS);
	ck_assert_int_eq(vm_read_overwrite(child, a, 8, 0, &out),
	    KERN_INVALID_ADDRESS);
	/* Another task's memory is not the caller's to name. */
	ck_assert_int_eq(vm_read(SELF, a, 8, &d, &n), KERN_INVALID_ADDRESS);
	ck_assert_int_eq(vm_read(child, a, (vm_size_t)-1, &d, &n),
	    KERN_INVALID_ARGUMENT);
	/* Size 0 succeeds. */
	ck_assert_int_eq(vm_copy(child, a, 0, a + 2 * PG), KERN_SUCCESS);
	child_end(child);
}
END_TEST

/* Copies past one chunk (256 KiB) are made in several, lock released
   between them; the bytes must land where they belong. */
START_TEST(large_copies)
{
	mach_port_t child = child_task(FALSE);
	vm_size_t big = 3u << 20, half = big / 2, i;
	vm_address_t a = alloc(child, big), d = 0, r = 0, mine;
	mach_msg_type_number_t n = 0;
	vm_prot_t cur, max;
	vm_size_t out = 0;
	uint32_t *w = (uint32_t *)a;

	for (i = 0; i < big / 4; i++)
		w[i] = (uint32_t)i * 2654435761u;
	ck_assert_int_eq(vm_read(child, a + 12, big - 12, &d, &n),
	    KERN_SUCCESS);
	ck_assert_uint_eq(n, big - 12);
	ck_assert_int_eq(memcmp((void *)d, (void *)(a + 12), n), 0);
	/* Write it back shifted, into our own buffer, and compare. */
	mine = alloc(SELF, big);
	ck_assert_int_eq(vm_read_overwrite(child, a, big, mine, &out),
	    KERN_SUCCESS);
	ck_assert_int_eq(memcmp((void *)mine, (void *)a, big), 0);
	ck_assert_int_eq(vm_write(child, a + half, d, (mach_msg_type_number_t)
	    half), KERN_SUCCESS);
	ck_assert_int_eq(memcmp((void *)(a + half), (void *)d, half), 0);
	/* Overlapping vm_copy of 2 MiB: as if the source were read first. */
	memcpy((void *)mine, (void *)a, big);
	ck_assert_int_eq(vm_copy(child, a, 2u << 20, a + 4096 + 8),
	    KERN_SUCCESS);
	ck_assert_int_eq(memcmp((void *)(a + 4096 + 8), (void *)mine,
	    2u << 20), 0);
	/* A remapped copy. */
	ck_assert_int_eq(vm_remap(SELF, &r, big, 0, TRUE, child, a, TRUE,
	    &cur, &max, VM_INHERIT_NONE), KERN_SUCCESS);
	ck_assert_int_eq(memcmp((void *)r, (void *)a, big), 0);
	/* A hole past the first chunk: refused, not a fault. */
	ck_assert_int_eq(vm_deallocate(child, a + (1u << 20), 4096),
	    KERN_SUCCESS);
	ck_assert_int_eq(vm_read(child, a, big, &r, &n),
	    KERN_INVALID_ADDRESS);
	ck_assert_int_eq(vm_read_overwrite(child, a, big, mine, &out),
	    KERN_INVALID_ADDRESS);
	ck_assert_int_eq(vm_deallocate(SELF, d, big - 12), KERN_SUCCESS);
	ck_assert_int_eq(vm_deallocate(SELF, mine, big), KERN_SUCCESS);
	ck_assert_int_eq(vm_deallocate(SELF, r, big), KERN_SUCCESS);
	child_end(child);
}
END_TEST

START_TEST(read_list)
{
	vm_address_t a = alloc(SELF, PG);
	vm_read_entry_t list;

	memset(list, 0, sizeof(list));
	strcpy((char *)a, "list");
	list[0].address = a;
	list[0].size = 5;
	list[1].address = a + 1;
	list[1].size = 3;
	ck_assert_int_eq(vm_read_list(SELF, list, 2), KERN_SUCCESS);
	ck_assert_uint_ne(list[0].address, a);
	ck_assert_uint_ne(list[0].address, 0);
	ck_assert_str_eq((char *)list[0].address, "list");
	ck_assert_int_eq(memcmp((char *)list[1].address, "ist", 3), 0);
	ck_assert_int_eq(vm_deallocate(SELF, list[0].address, 5), KERN_SUCCESS);
	ck_assert_int_eq(vm_deallocate(SELF, list[1].address, 3), KERN_SUCCESS);
	/* One unreadable entry: the call fails, and leaves no copies. */
	list[0].address = a;
	list[1].address = 0;
	ck_assert_int_eq(vm_read_list(SELF, list, 2), KERN_INVALID_ADDRESS);
	ck_assert_int_eq(vm_read_list(SELF, list, VM_MAP_ENTRY_MAX + 1),
	    KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(vm_deallocate(SELF, a, PG), KERN_SUCCESS);
}
END_TEST

/* ---- region iteration -------------------------------------------------------- */

START_TEST(region_walk)
{
	mach_port_t child = child_task(FALSE);
	vm_address_t a = alloc(child, PG), b = alloc(child, 2 * PG), at = 0;
	vm_region_basic_info_data_t legacy;
	vm_region_basic_info_data_64_t info;
	mach_msg_type_number_t n;
	mach_port_t obj;
	vm_size_t size;
	int found = 0, count = 0;

	ck_assert_int_eq(vm_protect(child, b, 2 * PG, FALSE, VM_PROT_READ),
	    KERN_SUCCESS);
	/* Walk the whole map: addr += size until KERN_INVALID_ADDRESS. */
	for (;;) {
		kern_return_t kr = region(child, &at, &size, &info);

		if (kr == KERN_INVALID_ADDRESS)
			break;
		ck_assert_int_eq(kr, KERN_SUCCESS);
		if (at == a && size == PG &&
		    info.protection == VM_PROT_DEFAULT)
			found |= 1;
		if (at == b && size == 2 * PG &&
		    info.protection == VM_PROT_READ)
			found |= 2;
		count++;
		at += size;
	}
	ck_assert_int_eq(found, 3);
	ck_assert_int_eq(count, 2);
	/* The legacy flavor, and the flavor and count errors. */
	at = b;
	n = VM_REGION_BASIC_INFO_COUNT;
	ck_assert_int_eq(vm_region(child, &at, &size, VM_REGION_BASIC_INFO,
	    (vm_region_info_t)&legacy, &n, &obj), KERN_SUCCESS);
	ck_assert_uint_eq(n, VM_REGION_BASIC_INFO_COUNT);
	ck_assert_int_eq(legacy.protection, VM_PROT_READ);
	n = VM_REGION_BASIC_INFO_COUNT - 1;
	ck_assert_int_eq(vm_region(child, &at, &size, VM_REGION_BASIC_INFO,
	    (vm_region_info_t)&legacy, &n, &obj), KERN_INVALID_ARGUMENT);
	n = VM_REGION_BASIC_INFO_COUNT_64;
	ck_assert_int_eq(vm_region(child, &at, &size, 77,
	    (vm_region_info_t)&info, &n, &obj), KERN_INVALID_ARGUMENT);
	child_end(child);
}
END_TEST

/* ---- remap, vm_map, memory entries -------------------------------------------- */

START_TEST(remap_share_and_copy_across_tasks)
{
	mach_port_t child = child_task(FALSE);
	vm_address_t a = alloc(SELF, 2 * PG), s = 0, c = 0;
	vm_region_basic_info_data_64_t info;
	vm_prot_t cur = 0, max = 0;
	vm_size_t size;

	strcpy((char *)a, "before");
	ck_assert_int_eq(vm_protect(SELF, a + PG, PG, TRUE, VM_PROT_READ),
	    KERN_SUCCESS);
	/* Share: the child maps the same memory; writes go both ways. */
	ck_assert_int_eq(vm_remap(child, &s, 2 * PG, 0, TRUE, SELF, a, FALSE,
	    &cur, &max, VM_INHERIT_NONE), KERN_SUCCESS);
	ck_assert_int_eq(cur, VM_PROT_READ);	/* most restrictive */
	ck_assert_int_eq(max, VM_PROT_READ);
	ck_assert_str_eq((char *)s, "before");
	strcpy((char *)s, "child");
	ck_assert_str_eq((char *)a, "child");
	strcpy((char *)a, "parent");
	ck_assert_str_eq((char *)s, "parent");
	info = info_at(child, s, &s, &size);
	ck_assert_int_eq(info.shared, TRUE);
	ck_assert_uint_eq(info.inheritance, VM_INHERIT_NONE);
	ck_assert_int_eq(info.protection, VM_PROT_DEFAULT);
	/* Copy: a snapshot; later writes stay private. */
	ck_assert_int_eq(vm_remap(child, &c, PG, 0, TRUE, SELF, a, TRUE,
	    &cur, &max, VM_INHERIT_COPY), KERN_SUCCESS);
	ck_assert_str_eq((char *)c, "parent");
	strcpy((char *)a, "later");
	ck_assert_str_eq((char *)c, "parent");
	/* The parent deallocates; the child's shared mapping stays. */
	ck_assert_int_eq(vm_deallocate(SELF, a, 2 * PG), KERN_SUCCESS);
	ck_assert_str_eq((char *)s, "later");
	/* Errors: source not mapped, no room, bad inheritance, size 0. */
	ck_assert_int_eq(vm_remap(child, &c, PG, 0, TRUE, SELF, a, FALSE,
	    &cur, &max, VM_INHERIT_NONE), KERN_INVALID_ADDRESS);
	c = s;
	ck_assert_int_eq(vm_remap(child, &c, PG, 0, FALSE, child, s, FALSE,
	    &cur, &max, VM_INHERIT_NONE), KERN_NO_SPACE);
	ck_assert_int_eq(vm_remap(child, &c, PG, 0, TRUE, child, s, FALSE,
	    &cur, &max, 7), KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(vm_remap(child, &c, 0, 0, TRUE, child, s, FALSE,
	    &cur, &max, VM_INHERIT_NONE), KERN_INVALID_ARGUMENT);
	/* A mask: the chosen address has its bits clear. */
	c = 0;
	ck_assert_int_eq(vm_remap(child, &c, PG, 0xFFFF, TRUE, child, s, TRUE,
	    &cur, &max, VM_INHERIT_NONE), KERN_SUCCESS);
	ck_assert_uint_eq(c & 0xFFFF, 0);
	ck_assert_str_eq((char *)c, "later");
	child_end(child);
}
END_TEST

START_TEST(map_anonymous_and_memory_entry)
{
	mach_port_t child = child_task(FALSE), entry = MACH_PORT_NULL, sub, e2 = MACH_PORT_NULL;
	vm_address_t a = 0, m = 0, c = 0;
	vm_region_basic_info_data_64_t info;
	vm_size_t size = 2 * PG, s2;
	vm_address_t st;

	/* Anonymous memory with chosen protections. */
	ck_assert_int_eq(vm_map(child, &a, PG, 0, VM_FLAGS_ANYWHERE,
	    MACH_PORT_NULL, 0, FALSE, VM_PROT_READ, VM_PROT_DEFAULT,
	    VM_INHERIT_SHARE), KERN_SUCCESS);
	info = info_at(child, a, &st, &s2);
	ck_assert_int_eq(info.protection, VM_PROT_READ);
	ck_assert_int_eq(info.max_protection, VM_PROT_DEFAULT);
	ck_assert_uint_eq(info.inheritance, VM_INHERIT_SHARE);
	ck_assert_int_eq(((volatile char *)a)[0], 0);
	ck_assert_int_eq(vm_map(child, &a, 0, 0, VM_FLAGS_ANYWHERE,
	    MACH_PORT_NULL, 0, FALSE, VM_PROT_READ, VM_PROT_ALL,
	    VM_INHERIT_SHARE), KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(vm_map(child, &a, PG, 0, VM_FLAGS_ANYWHERE,
	    MACH_PORT_NULL, 0, FALSE, 0x40, VM_PROT_ALL, VM_INHERIT_SHARE),
	    KERN_INVALID_ARGUMENT);
	/* A memory entry for our memory, mapped into the child. */
	a = alloc(SELF, 2 * PG);
	strcpy((char *)a + PG, "entry");
	ck_assert_int_eq(mach_make_memory_entry(SELF, &size, a,
	    VM_PROT_DEFAULT, &entry, MACH_PORT_NULL), KERN_SUCCESS);
	ck_assert_uint_eq(size, 2 * PG);
	ck_assert_int_eq(vm_map(child, &m, PG, 0, VM_FLAGS_ANYWHERE, entry,
	    PG, FALSE, VM_PROT_DEFAULT, VM_PROT_DEFAULT, VM_INHERIT_NONE),
	    KERN_SUCCESS);
	ck_assert_str_eq((char *)m, "entry");
	strcpy((char *)m, "shared");
	ck_assert_str_eq((char *)a + PG, "shared");
	/* With copy: private. */
	ck_assert_int_eq(vm_map(child, &c, PG, 0, VM_FLAGS_ANYWHERE, entry,
	    PG, TRUE, VM_PROT_DEFAULT, VM_PROT_DEFAULT, VM_INHERIT_NONE),
	    KERN_SUCCESS);
	strcpy((char *)a + PG, "after");
	ck_assert_str_eq((char *)c, "shared");
	ck_assert_str_eq((char *)m, "after");
	/* Past the entry's end; beyond its protection. */
	ck_assert_int_eq(vm_map(child, &c, 2 * PG, 0, VM_FLAGS_ANYWHERE,
	    entry, PG, FALSE, VM_PROT_READ, VM_PROT_READ, VM_INHERIT_NONE),
	    KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(vm_map(child, &c, PG, 0, VM_FLAGS_ANYWHERE, entry,
	    0, FALSE, VM_PROT_ALL, VM_PROT_ALL, VM_INHERIT_NONE),
	    KERN_INVALID_RIGHT);
	/* A read-only sub-entry of the entry; more than that is refused. */
	s2 = PG;
	ck_assert_int_eq(mach_make_memory_entry(SELF, &s2, PG, VM_PROT_READ,
	    &sub, entry), KERN_SUCCESS);
	ck_assert_int_eq(vm_map(child, &c, PG, 0, VM_FLAGS_ANYWHERE, sub, 0,
	    FALSE, VM_PROT_DEFAULT, VM_PROT_DEFAULT, VM_INHERIT_NONE),
	    KERN_INVALID_RIGHT);
	ck_assert_int_eq(vm_map(child, &c, PG, 0, VM_FLAGS_ANYWHERE, sub, 0,
	    FALSE, VM_PROT_READ, VM_PROT_READ, VM_INHERIT_NONE),
	    KERN_SUCCESS);
	ck_assert_str_eq((char *)c, "after");
	s2 = 2 * PG;
	ck_assert_int_eq(mach_make_memory_entry(SELF, &s2, 0, VM_PROT_READ,
	    &sub, sub), KERN_INVALID_ARGUMENT);
	s2 = PG;
	ck_assert_int_eq(mach_make_memory_entry(SELF, &s2, 0, VM_PROT_DEFAULT,
	    &e2, sub), KERN_PROTECTION_FAILURE);
	/* Errors of the map form: not mapped, beyond the maximum. */
	ck_assert_int_eq(vm_protect(SELF, a, PG, TRUE, VM_PROT_READ),
	    KERN_SUCCESS);
	s2 = PG;
	ck_assert_int_eq(mach_make_memory_entry(SELF, &s2, a,
	    VM_PROT_DEFAULT, &e2, MACH_PORT_NULL), KERN_PROTECTION_FAILURE);
	ck_assert_int_eq(vm_deallocate(SELF, a, 2 * PG), KERN_SUCCESS);
	ck_assert_int_eq(mach_make_memory_entry(SELF, &s2, a, VM_PROT_READ,
	    &e2, MACH_PORT_NULL), KERN_INVALID_ADDRESS);
	/* A new object, mapped in two tasks. */
	s2 = 3 * PG;
	ck_assert_int_eq(mach_make_memory_entry(SELF, &s2, 0,
	    VM_PROT_DEFAULT | MAP_MEM_NAMED_CREATE, &e2, MACH_PORT_NULL),
	    KERN_SUCCESS);
	a = m = 0;
	ck_assert_int_eq(vm_map(SELF, &a, s2, 0, VM_FLAGS_ANYWHERE, e2, 0,
	    FALSE, VM_PROT_DEFAULT, VM_PROT_DEFAULT, VM_INHERIT_NONE),
	    KERN_SUCCESS);
	ck_assert_int_eq(vm_map(child, &m, s2, 0, VM_FLAGS_ANYWHERE, e2, 0,
	    FALSE, VM_PROT_DEFAULT, VM_PROT_DEFAULT, VM_INHERIT_NONE),
	    KERN_SUCCESS);
	((char *)a)[2 * PG] = 'o';
	ck_assert_int_eq(((char *)m)[2 * PG], 'o');
	ck_assert_int_eq(mach_port_deallocate(SELF, e2), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, sub), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, entry), KERN_SUCCESS);
	/* The mappings outlive the entries. */
	((char *)m)[0] = 'm';
	ck_assert_int_eq(((char *)a)[0], 'm');
	ck_assert_int_eq(vm_deallocate(SELF, a, s2), KERN_SUCCESS);
	child_end(child);
}
END_TEST

/* ---- msync, wire, machine attribute, page query ----------------------------- */

START_TEST(msync_wire_attribute)
{
	vm_address_t a = alloc(SELF, 2 * PG);
	vm_machine_attribute_val_t v;
	integer_t disp = -1, refs = -1;
	host_t host = mach_host_self();

	strcpy((char *)a, "synced");
	ck_assert_int_eq(vm_msync(SELF, a, 2 * PG, VM_SYNC_SYNCHRONOUS),
	    KERN_SUCCESS);
	ck_assert_str_eq((char *)a, "synced");
	ck_assert_int_eq(vm_msync(SELF, a, PG,
	    VM_SYNC_SYNCHRONOUS | VM_SYNC_ASYNCHRONOUS), KERN_INVALID_ARGUMENT);
	ck_assert_int_ne(vm_msync(MACH_PORT_NULL, a, PG, 0), KERN_SUCCESS);
	/* KILLPAGES discards private pages. */
	ck_assert_int_eq(vm_msync(SELF, a, PG, VM_SYNC_KILLPAGES),
	    KERN_SUCCESS);
	ck_assert_int_eq(((char *)a)[0], 0);
	ck_assert_int_eq(vm_map_page_query(SELF, a + PG, &disp, &refs),
	    KERN_SUCCESS);
	ck_assert_int_eq(disp, 0);	/* never touched */
	((volatile char *)a)[PG] = 1;
	ck_assert_int_eq(vm_map_page_query(SELF, a + PG, &disp, &refs),
	    KERN_SUCCESS);
	ck_assert_int_eq(disp & VM_PAGE_QUERY_PAGE_PRESENT,
	    VM_PAGE_QUERY_PAGE_PRESENT);
	ck_assert_int_eq(vm_deallocate(SELF, a + PG, PG), KERN_SUCCESS);
	ck_assert_int_eq(vm_map_page_query(SELF, a + PG, &disp, &refs),
	    KERN_INVALID_ADDRESS);
	ck_assert_int_eq(vm_msync(SELF, a, 2 * PG, VM_SYNC_ASYNCHRONOUS),
	    KERN_INVALID_ADDRESS);
	/* vm_wire needs the privileged host port, not the name port
	   (vm_kernel tests the wiring itself). */
	{
		mach_port_t name_port = MACH_PORT_NULL;

		ck_assert_int_eq(host_get_host_port(host, &name_port),
		    KERN_SUCCESS);
		ck_assert_int_ne(vm_wire(name_port, SELF, a, PG,
		    VM_PROT_READ), KERN_SUCCESS);
		ck_assert_int_eq(mach_port_deallocate(SELF, name_port),
		    KERN_SUCCESS);
	}
	/* Machine attributes: coherent caches. */
	v = MATTR_VAL_GET;
	ck_assert_int_eq(vm_machine_attribute(SELF, a, PG, MATTR_CACHE, &v),
	    KERN_SUCCESS);
	ck_assert_int_eq(v, MATTR_VAL_ON);
	v = MATTR_VAL_CACHE_FLUSH;
	ck_assert_int_eq(vm_machine_attribute(SELF, a, PG, MATTR_CACHE, &v),
	    KERN_SUCCESS);
	v = MATTR_VAL_GET;
	ck_assert_int_eq(vm_machine_attribute(SELF, a, PG, 0x40, &v),
	    KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(vm_machine_attribute(SELF, a, 2 * PG, MATTR_CACHE,
	    &v), KERN_INVALID_ADDRESS);
	ck_assert_int_eq(vm_deallocate(SELF, a, PG), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, host), KERN_SUCCESS);
}
END_TEST

/* ---- task_create's inheritance -------------------------------------------------- */

START_TEST(task_create_inherits)
{
	vm_address_t sh = alloc(SELF, PG), cp = alloc(SELF, PG),
	    no = alloc(SELF, PG), at = 0;
	vm_region_basic_info_data_64_t info;
	mach_port_t child;
	vm_size_t size;
	bool saw_sh = false, saw_no = false;
	vm_address_t copy_at = 0;

	strcpy((char *)sh, "share");
	strcpy((char *)cp, "copy");
	ck_assert_int_eq(vm_inherit(SELF, sh, PG, VM_INHERIT_SHARE),
	    KERN_SUCCESS);
	ck_assert_int_eq(vm_inherit(SELF, no, PG, VM_INHERIT_NONE),
	    KERN_SUCCESS);
	ck_assert_int_eq(vm_protect(SELF, cp, PG, FALSE, VM_PROT_READ),
	    KERN_SUCCESS);
	child = child_task(TRUE);
	/* Walk the child's map. */
	while (region(child, &at, &size, &info) == KERN_SUCCESS) {
		if (at == sh) {
			saw_sh = true;
			ck_assert_int_eq(info.shared, TRUE);
		}
		if (at == no)
			saw_no = true;
		if (at != sh && info.protection == VM_PROT_READ &&
		    size == PG && strcmp((char *)at, "copy") == 0)
			copy_at = at;
		at += size;
	}
	ck_assert(saw_sh);
	ck_assert(!saw_no);
	ck_assert_uint_ne(copy_at, 0);
	ck_assert_uint_ne(copy_at, cp);
	/* SHARE: the same memory; the child's write is ours. */
	ck_assert_int_eq(vm_write(child, sh, (vm_offset_t)"child", 6),
	    KERN_SUCCESS);
	ck_assert_str_eq((char *)sh, "child");
	/* COPY: a snapshot as of creation time. */
	ck_assert_int_eq(vm_protect(SELF, cp, PG, FALSE, VM_PROT_DEFAULT),
	    KERN_SUCCESS);
	strcpy((char *)cp, "later");
	ck_assert_str_eq((char *)copy_at, "copy");
	/* Unmapping in one leaves the shared pages to the other. */
	ck_assert_int_eq(vm_deallocate(SELF, sh, PG), KERN_SUCCESS);
	ck_assert_str_eq((char *)sh, "child");
	child_end(child);
	ck_assert_int_eq(vm_deallocate(SELF, cp, PG), KERN_SUCCESS);
	ck_assert_int_eq(vm_deallocate(SELF, no, PG), KERN_SUCCESS);
}
END_TEST

/* The _64 forms of vm_map.defs reach the same code. */
START_TEST(sixty_four_forms)
{
	vm_address_t a = alloc(SELF, 2 * PG), m = 0, at = a;
	memory_object_size_t size = 2 * PG;
	vm_region_submap_info_data_64_t sub;
	mach_msg_type_number_t n = VM_REGION_SUBMAP_INFO_COUNT_64;
	mach_port_t entry = MACH_PORT_NULL;
	natural_t depth = 3;
	vm_size_t rs;

	strcpy((char *)a + PG, "sixty-four");
	ck_assert_int_eq(mach_make_memory_entry_64(SELF, &size, a,
	    VM_PROT_READ, &entry, MACH_PORT_NULL), KERN_SUCCESS);
	ck_assert_int_eq(vm_map_64(SELF, &m, PG, 0, VM_FLAGS_ANYWHERE, entry,
	    PG, FALSE, VM_PROT_READ, VM_PROT_READ, VM_INHERIT_NONE),
	    KERN_SUCCESS);
	ck_assert_str_eq((char *)m, "sixty-four");
	ck_assert_int_eq(vm_map_64(SELF, &m, PG, 0, VM_FLAGS_ANYWHERE, entry,
	    PG, FALSE, VM_PROT_DEFAULT, VM_PROT_DEFAULT, VM_INHERIT_NONE),
	    KERN_INVALID_RIGHT);
	/* The source is shared now: recurse reports it so. */
	ck_assert_int_eq(vm_region_recurse_64(SELF, &at, &rs, &depth,
	    (vm_region_recurse_info_64_t)&sub, &n), KERN_SUCCESS);
	ck_assert_uint_eq(at, a);
	ck_assert_uint_eq(depth, 0);
	ck_assert_int_eq(sub.share_mode, SM_SHARED);
	ck_assert_uint_ge(sub.ref_count, 2);
	n = 3;
	ck_assert_int_eq(vm_region_recurse_64(SELF, &at, &rs, &depth,
	    (vm_region_recurse_info_64_t)&sub, &n), KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(mach_port_deallocate(SELF, entry), KERN_SUCCESS);
	ck_assert_int_eq(vm_deallocate(SELF, m, PG), KERN_SUCCESS);
	ck_assert_int_eq(vm_deallocate(SELF, a, 2 * PG), KERN_SUCCESS);
}
END_TEST

/* host_statistics(HOST_VM_INFO): the kernel's VM counters. */
START_TEST(statistics)
{
	host_t host = mach_host_self();
	vm_statistics_data_t before, after;
	mach_msg_type_number_t n = HOST_VM_INFO_COUNT;
	vm_address_t a;

	ck_assert_int_eq(host_statistics(host, HOST_VM_INFO,
	    (host_info_t)&before, &n), KERN_SUCCESS);
	ck_assert_uint_eq(n, HOST_VM_INFO_COUNT);
	ck_assert_uint_gt(before.free_count, 0);
	a = alloc(SELF, 4 * PG);
	n = HOST_VM_INFO_COUNT;
	ck_assert_int_eq(host_statistics(host, HOST_VM_INFO,
	    (host_info_t)&after, &n), KERN_SUCCESS);
	ck_assert_uint_ge(after.zero_fill_count, before.zero_fill_count + 4);
	ck_assert_uint_ge(after.active_count, before.active_count + 4);
	ck_assert_uint_gt(after.lookups, before.lookups);
	ck_assert_int_eq(vm_deallocate(SELF, a, 4 * PG), KERN_SUCCESS);
	/* The revisions: a count between them gets the older one. */
	n = HOST_VM_INFO_REV0_COUNT + 1;
	ck_assert_int_eq(host_statistics(host, HOST_VM_INFO,
	    (host_info_t)&after, &n), KERN_SUCCESS);
	ck_assert_uint_eq(n, HOST_VM_INFO_REV0_COUNT);
	n = HOST_VM_INFO_REV0_COUNT - 1;
	ck_assert_int_eq(host_statistics(host, HOST_VM_INFO,
	    (host_info_t)&after, &n), KERN_FAILURE);
	ck_assert_int_eq(mach_port_deallocate(SELF, host), KERN_SUCCESS);
}
END_TEST

/* ---- several threads at once ------------------------------------------------- */

struct vm_worker {
	mach_port_t	child;
	int		id;
	int		failures;
	pthread_t	thread;
};

/*
 * Each worker allocates in the shared child, writes and reads its
 * memory back through the kernel (copies large enough to release the
 * kernel lock between chunks), shares it into its own task and frees
 * it, while the others do the same and one walks the child's map.
 */
static void *vm_worker_main(void *arg)
{
	struct vm_worker *w = arg;
	vm_size_t size = 512u << 10;
	int i;

	for (i = 0; i < 20; i++) {
		vm_address_t a = 0, d = 0, r = 0;
		mach_msg_type_number_t n = 0;
		vm_prot_t cur, max;
		uint8_t tag = (uint8_t)(w->id * 31 + i);

		if (vm_allocate(w->child, &a, size, VM_FLAGS_ANYWHERE) !=
		    KERN_SUCCESS) {
			w->failures++;
			continue;
		}
		memset((void *)a, tag, size);
		if (vm_read(w->child, a, size, &d, &n) != KERN_SUCCESS ||
		    ((uint8_t *)d)[size - 1] != tag)
			w->failures++;
		if (d != 0 && vm_write(w->child, a, d, n) != KERN_SUCCESS)
			w->failures++;
		if (d != 0)
			(void)vm_deallocate(SELF, d, n);
		if (vm_remap(SELF, &r, size, 0, TRUE, w->child, a, FALSE,
		    &cur, &max, VM_INHERIT_NONE) != KERN_SUCCESS)
			w->failures++;
		else if (((uint8_t *)r)[size / 2] != tag)
			w->failures++;
		if (r != 0)
			(void)vm_deallocate(SELF, r, size);
		if (vm_deallocate(w->child, a, size) != KERN_SUCCESS)
			w->failures++;
	}
	return NULL;
}

static void *vm_walker_main(void *arg)
{
	struct vm_worker *w = arg;
	int i;

	for (i = 0; i < 200; i++) {
		vm_region_basic_info_data_64_t info;
		vm_address_t at = 0;
		vm_size_t size;

		while (region(w->child, &at, &size, &info) == KERN_SUCCESS) {
			if (size == 0 || info.protection != VM_PROT_DEFAULT)
				w->failures++;
			at += size;
		}
	}
	return NULL;
}

START_TEST(concurrent_calls)
{
	mach_port_t child = child_task(FALSE);
	struct vm_worker w[4];
	int i;

	for (i = 0; i < 4; i++) {
		w[i].child = child;
		w[i].id = i;
		w[i].failures = 0;
		ck_assert_int_eq(pthread_create(&w[i].thread, NULL,
		    i == 3 ? vm_walker_main : vm_worker_main, &w[i]), 0);
	}
	for (i = 0; i < 4; i++) {
		ck_assert_int_eq(pthread_join(w[i].thread, NULL), 0);
		ck_assert_int_eq(w[i].failures, 0);
	}
	child_end(child);
}
END_TEST

START_TEST(page_size)
{
	vm_size_t ps = 0;

	ck_assert_int_eq(host_page_size(mach_host_self(), &ps), KERN_SUCCESS);
	ck_assert_uint_eq(ps, (vm_size_t)getpagesize());
	ck_assert_uint_eq(vm_page_size, ps);
}
END_TEST

Suite *vm_suite(void)
{
	Suite *s = suite_create("vm");
	TCase *tc = kt_tcase("vm");

	tcase_add_test(tc, allocate_fixed_and_anywhere);
	tcase_add_test(tc, deallocate_partial);
	tcase_add_test(tc, protect_current_and_max);
	tcase_add_test(tc, inherit_and_behavior);
	tcase_add_test(tc, read_write_copy);
	tcase_add_test(tc, large_copies);
	tcase_add_test(tc, read_list);
	tcase_add_test(tc, region_walk);
	tcase_add_test(tc, remap_share_and_copy_across_tasks);
	tcase_add_test(tc, map_anonymous_and_memory_entry);
	tcase_add_test(tc, msync_wire_attribute);
	tcase_add_test(tc, task_create_inherits);
	tcase_add_test(tc, sixty_four_forms);
	tcase_add_test(tc, statistics);
	tcase_add_test(tc, concurrent_calls);
	tcase_add_test(tc, page_size);
	suite_add_tcase(s, tc);
	return s;
}
