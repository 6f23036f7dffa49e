/*
 * test_mach_vm.c - the 64-bit mach_vm calls (mach_vm.defs, 4800-4818)
 * as a 64-bit Darwin program makes them, including only <mach/mach.h>
 * and <mach/mach_vm.h>: each reaches the same map code as its vm_*
 * form, with success and error paths, across tasks.
 */
#include <string.h>
#include <unistd.h>

#include <mach/mach.h>
#include <mach/mach_vm.h>
#include <mach/memory_object_types.h>
#include <mach/vm_region.h>

#include "../ksim_check.h"

Suite *mach_vm_suite(void);

#define SELF	mach_task_self()
#define PG	((mach_vm_size_t)getpagesize())

static mach_vm_address_t alloc(mach_port_t task, mach_vm_size_t size,
    int flags)
{
	mach_vm_address_t a = 0;

	ck_assert_int_eq(mach_vm_allocate(task, &a, size,
	    VM_FLAGS_ANYWHERE | flags), KERN_SUCCESS);
	return a;
}

START_TEST(allocate_protect_region)
{
	mach_vm_address_t a = alloc(SELF, 3 * PG, 0), at, fixed;
	vm_region_basic_info_data_64_t info;
	vm_region_submap_info_data_64_t sub;
	mach_msg_type_number_t n;
	mach_vm_size_t size;
	natural_t depth = 5;
	mach_port_t obj;

	ck_assert_int_eq(mach_vm_protect(SELF, a + PG, PG, FALSE,
	    VM_PROT_READ), KERN_SUCCESS);
	ck_assert_int_eq(mach_vm_inherit(SELF, a + PG, PG, VM_INHERIT_NONE),
	    KERN_SUCCESS);
	ck_assert_int_eq(mach_vm_behavior_set(SELF, a + PG, PG,
	    VM_BEHAVIOR_RANDOM), KERN_SUCCESS);
	at = a + PG;
	n = VM_REGION_BASIC_INFO_COUNT_64;
	ck_assert_int_eq(mach_vm_region(SELF, &at, &size,
	    VM_REGION_BASIC_INFO_64, (vm_region_info_t)&info, &n, &obj),
	    KERN_SUCCESS);
	ck_assert_uint_eq(at, a + PG);
	ck_assert_uint_eq(size, PG);
	ck_assert_int_eq(info.protection, VM_PROT_READ);
	ck_assert_uint_eq(info.inheritance, VM_INHERIT_NONE);
	ck_assert_int_eq(info.behavior, VM_BEHAVIOR_RANDOM);
	ck_assert_uint_eq(obj, MACH_PORT_NULL);
	/* The submap form: no submaps, so depth comes back 0. */
	at = a;
	n = VM_REGION_SUBMAP_INFO_COUNT_64;
	ck_assert_int_eq(mach_vm_region_recurse(SELF, &at, &size, &depth,
	    (vm_region_recurse_info_t)&sub, &n), KERN_SUCCESS);
	ck_assert_uint_eq(n, VM_REGION_SUBMAP_INFO_COUNT_64);
	ck_assert_uint_eq(depth, 0);
	ck_assert_uint_eq(at, a);
	ck_assert_uint_eq(size, PG);
	ck_assert_int_eq(sub.protection, VM_PROT_DEFAULT);
	ck_assert_int_eq(sub.share_mode, SM_PRIVATE);
	n = VM_REGION_SUBMAP_INFO_V0_COUNT_64 - 1;
	ck_assert_int_eq(mach_vm_region_recurse(SELF, &at, &size, &depth,
	    (vm_region_recurse_info_t)&sub, &n), KERN_INVALID_ARGUMENT);
	/* Errors as vm_*: beyond max, a hole, bad arguments. */
	ck_assert_int_eq(mach_vm_protect(SELF, a + PG, PG, TRUE, VM_PROT_READ),
	    KERN_SUCCESS);
	ck_assert_int_eq(mach_vm_protect(SELF, a + PG, PG, FALSE,
	    VM_PROT_DEFAULT), KERN_PROTECTION_FAILURE);
	fixed = a + PG;
	ck_assert_int_eq(mach_vm_allocate(SELF, &fixed, PG, VM_FLAGS_FIXED),
	    KERN_NO_SPACE);
	ck_assert_int_eq(mach_vm_deallocate(SELF, a + 2 * PG, PG),
	    KERN_SUCCESS);
	ck_assert_int_eq(mach_vm_protect(SELF, a, 3 * PG, FALSE,
	    VM_PROT_READ), KERN_INVALID_ADDRESS);
	ck_assert_int_eq(mach_vm_inherit(SELF, a, PG, 9),
	    KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(mach_vm_behavior_set(SELF, a, 3 * PG,
	    VM_BEHAVIOR_DEFAULT), KERN_INVALID_ADDRESS);
	ck_assert_int_eq(mach_vm_deallocate(SELF, a, 2 * PG), KERN_SUCCESS);
	at = a;
	n = VM_REGION_BASIC_INFO_COUNT_64;
	ck_assert(mach_vm_region(SELF, &at, &size, VM_REGION_BASIC_INFO_64,
	    (vm_region_info_t)&info, &n, &obj) != KERN_SUCCESS || at > a);
}
END_TEST

START_TEST(contents_across_tasks)
{
	mach_port_t child = MACH_PORT_NULL;
	mach_vm_address_t a, r = 0, list_to;
	mach_vm_read_entry_t list;
	mach_msg_type_number_t cnt = 0;
	mach_vm_size_t out = 0;
	vm_offset_t data = 0;
	char buf[16];

	ck_assert_int_eq(task_create(SELF, NULL, 0, FALSE, &child),
	    KERN_SUCCESS);
	a = alloc(child, 2 * PG, 0);
	ck_assert_int_eq(mach_vm_write(child, a + 8, (vm_offset_t)"wide", 5),
	    KERN_SUCCESS);
	ck_assert_int_eq(mach_vm_read(child, a + 8, 5, &data, &cnt),
	    KERN_SUCCESS);
	ck_assert_uint_eq(cnt, 5);
	ck_assert_str_eq((char *)data, "wide");
	ck_assert_int_eq(mach_vm_deallocate(SELF, data, cnt), KERN_SUCCESS);
	ck_assert_int_eq(mach_vm_copy(child, a, PG, a + PG), KERN_SUCCESS);
	ck_assert_int_eq(mach_vm_read_overwrite(child, a + PG + 8, 5,
	    (mach_vm_address_t)buf, &out), KERN_SUCCESS);
	ck_assert_uint_eq(out, 5);
	ck_assert_str_eq(buf, "wide");
	memset(list, 0, sizeof(list));
	list[0].address = a + 8;
	list[0].size = 5;
	ck_assert_int_eq(mach_vm_read_list(child, list, 1), KERN_SUCCESS);
	list_to = list[0].address;
	ck_assert_str_eq((char *)list_to, "wide");
	ck_assert_int_eq(mach_vm_deallocate(SELF, list_to, 5), KERN_SUCCESS);
	ck_assert_int_eq(mach_vm_msync(child, a, 2 * PG, VM_SYNC_SYNCHRONOUS),
	    KERN_SUCCESS);
	/* Errors. */
	ck_assert_int_eq(mach_vm_protect(child, a + PG, PG, FALSE,
	    VM_PROT_NONE), KERN_SUCCESS);
	ck_assert_int_eq(mach_vm_read(child, a + PG, 5, &data, &cnt),
	    KERN_PROTECTION_FAILURE);
	ck_assert_int_eq(mach_vm_write(child, a + PG, (vm_offset_t)"x", 1),
	    KERN_PROTECTION_FAILURE);
	ck_assert_int_eq(mach_vm_copy(child, a, 8, a + PG),
	    KERN_PROTECTION_FAILURE);
	ck_assert_int_eq(mach_vm_msync(child, a, PG,
	    VM_SYNC_SYNCHRONOUS | VM_SYNC_ASYNCHRONOUS), KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(mach_vm_deallocate(child, a + PG, PG), KERN_SUCCESS);
	ck_assert_int_eq(mach_vm_read_overwrite(child, a + PG, 5,
	    (mach_vm_address_t)buf, &out), KERN_INVALID_ADDRESS);
	ck_assert_int_eq(mach_vm_msync(child, a, 2 * PG, VM_SYNC_ASYNCHRONOUS),
	    KERN_INVALID_ADDRESS);
	/* Remap with the flags form, share then copy. */
	{
		vm_prot_t cur, max;

		ck_assert_int_eq(mach_vm_remap(SELF, &r, PG, 0,
		    VM_FLAGS_ANYWHERE, child, a, FALSE, &cur, &max,
		    VM_INHERIT_NONE), KERN_SUCCESS);
		ck_assert_int_eq(cur, VM_PROT_DEFAULT);
		((char *)r)[100] = 's';
		ck_assert_int_eq(((char *)a)[100], 's');
		ck_assert_int_eq(mach_vm_deallocate(SELF, r, PG), KERN_SUCCESS);
		ck_assert_int_eq(mach_vm_remap(SELF, &r, PG, 0,
		    VM_FLAGS_ANYWHERE, child, a + PG, TRUE, &cur, &max,
		    VM_INHERIT_NONE), KERN_INVALID_ADDRESS);
		ck_assert_int_eq(mach_vm_remap(SELF, &r, PG, 0, 0x100, child,
		    a, TRUE, &cur, &max, VM_INHERIT_NONE),
		    KERN_INVALID_ARGUMENT);
	}
	ck_assert_int_eq(task_terminate(child), KERN_SUCCESS);
	ck_assert_int_eq(mach_port_deallocate(SELF, child), KERN_SUCCESS);
}
END_TEST

START_TEST(map_entry_attribute_query_purgable)
{
	memory_object_size_t size = 2 * PG;
	mach_port_t entry = MACH_PORT_NULL;
	mach_vm_address_t m = 0, p;
	vm_machine_attribute_val_t v = MATTR_VAL_GET;
	integer_t disp = 0, refs = 0;
	int state;

	ck_assert_int_eq(_mach_make_memory_entry(SELF, &size, 0,
	    VM_PROT_DEFAULT | MAP_MEM_NAMED_CREATE, &entry, MACH_PORT_NULL),
	    KERN_SUCCESS);
	ck_assert_uint_eq(size, 2 * PG);
	ck_assert_int_eq(mach_vm_map(SELF, &m, size, 0, VM_FLAGS_ANYWHERE,
	    entry, 0, FALSE, VM_PROT_DEFAULT, VM_PROT_DEFAULT,
	    VM_INHERIT_NONE), KERN_SUCCESS);
	p = 0;
	ck_assert_int_eq(mach_vm_map(SELF, &p, PG, 0, VM_FLAGS_ANYWHERE,
	    entry, PG, FALSE, VM_PROT_READ, VM_PROT_READ, VM_INHERIT_NONE),
	    KERN_SUCCESS);
	((char *)m)[PG] = 'e';
	ck_assert_int_eq(((char *)p)[0], 'e');
	ck_assert_int_eq(mach_vm_map(SELF, &p, PG, 0, VM_FLAGS_ANYWHERE,
	    entry, 2 * PG, FALSE, VM_PROT_READ, VM_PROT_READ,
	    VM_INHERIT_NONE), KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(mach_vm_page_query(SELF, m + PG, &disp, &refs),
	    KERN_SUCCESS);
	ck_assert_int_eq(disp & VM_PAGE_QUERY_PAGE_PRESENT,
	    VM_PAGE_QUERY_PAGE_PRESENT);
	ck_assert_int_ge(refs, 2);	/* two mappings and the entry */
	ck_assert_int_eq(mach_vm_machine_attribute(SELF, m, PG, MATTR_CACHE,
	    &v), KERN_SUCCESS);
	ck_assert_int_eq(v, MATTR_VAL_ON);
	ck_assert_int_eq(mach_port_deallocate(SELF, entry), KERN_SUCCESS);
	ck_assert_int_eq(mach_vm_deallocate(SELF, m, 2 * PG), KERN_SUCCESS);
	ck_assert_int_eq(mach_vm_deallocate(SELF, p, PG), KERN_SUCCESS);
	/* Purgable memory: its state is kept and purging empties it. */
	p = alloc(SELF, PG, VM_FLAGS_PURGABLE);
	((char *)p)[0] = 'v';
	state = -1;
	ck_assert_int_eq(mach_vm_purgable_control(SELF, p,
	    VM_PURGABLE_GET_STATE, &state), KERN_SUCCESS);
	ck_assert_int_eq(state, VM_PURGABLE_NONVOLATILE);
	state = VM_PURGABLE_VOLATILE;
	ck_assert_int_eq(mach_vm_purgable_control(SELF, p,
	    VM_PURGABLE_SET_STATE, &state), KERN_SUCCESS);
	ck_assert_int_eq(state, VM_PURGABLE_NONVOLATILE);	/* the old one */
	ck_assert_int_eq(mach_vm_purgable_control(SELF, 0,
	    VM_PURGABLE_PURGE_ALL, &state), KERN_SUCCESS);
	ck_assert_int_eq(mach_vm_purgable_control(SELF, p,
	    VM_PURGABLE_GET_STATE, &state), KERN_SUCCESS);
	ck_assert_int_eq(state, VM_PURGABLE_EMPTY);
	ck_assert_int_eq(((char *)p)[0], 0);
	ck_assert_int_eq(mach_vm_purgable_control(SELF, p, 7, &state),
	    KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(mach_vm_deallocate(SELF, p, PG), KERN_SUCCESS);
	/* Not purgable; not mapped. */
	p = alloc(SELF, PG, 0);
	ck_assert_int_eq(mach_vm_purgable_control(SELF, p,
	    VM_PURGABLE_GET_STATE, &state), KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(mach_vm_deallocate(SELF, p, PG), KERN_SUCCESS);
	ck_assert_int_eq(mach_vm_purgable_control(SELF, p,
	    VM_PURGABLE_GET_STATE, &state), KERN_INVALID_ADDRESS);
}
END_TEST

/*
 * mach_vm_page_info and mach_vm_page_range_query: each page's
 * disposition as the host's page tables show it (untouched, read only,
 * written, unmapped, shared), in this task and another, the count in
 * as the room and out as the number written, and each error path.
 */
START_TEST(page_info_and_range_query)
{
	mach_vm_address_t a = alloc(SELF, 4 * PG, 0), ro, m = 0;
	memory_object_size_t esize = PG;
	mach_port_t child, entry = MACH_PORT_NULL;
	vm_page_info_basic_data_t bi;
	mach_msg_type_number_t cnt;
	mach_vm_size_t n;
	int disp[8], i;
	volatile char c;

	c = ((volatile char *)a)[PG];		/* page 1: read, never written */
	(void)c;
	((char *)a)[2 * PG] = 'w';		/* page 2: written */
	ck_assert_int_eq(mach_vm_deallocate(SELF, a + 3 * PG, PG),
	    KERN_SUCCESS);			/* page 3: a hole */
	for (i = 0; i < 8; i++)
		disp[i] = 0x5a5a;
	n = 8;
	ck_assert_int_eq(mach_vm_page_range_query(SELF, a, 4 * PG,
	    (mach_vm_address_t)disp, &n), KERN_SUCCESS);
	ck_assert_uint_eq(n, 4);
	ck_assert_int_eq(disp[0], 0);
	ck_assert_int_eq(disp[1], VM_PAGE_QUERY_PAGE_PRESENT |
	    VM_PAGE_QUERY_PAGE_REF);
	ck_assert_int_eq(disp[2], VM_PAGE_QUERY_PAGE_PRESENT |
	    VM_PAGE_QUERY_PAGE_REF | VM_PAGE_QUERY_PAGE_DIRTY);
	ck_assert_int_eq(disp[3], 0);
	ck_assert_int_eq(disp[4], 0x5a5a);	/* past the range: untouched */
	/* The count in is the room: two asked for, two written. */
	disp[2] = 0x5a5a;
	n = 2;
	ck_assert_int_eq(mach_vm_page_range_query(SELF, a + 1, 4 * PG,
	    (mach_vm_address_t)disp, &n), KERN_SUCCESS);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(disp[1], VM_PAGE_QUERY_PAGE_PRESENT |
	    VM_PAGE_QUERY_PAGE_REF);
	ck_assert_int_eq(disp[2], 0x5a5a);
	n = 0;
	ck_assert_int_eq(mach_vm_page_range_query(SELF, a, PG,
	    (mach_vm_address_t)disp, &n), KERN_SUCCESS);
	ck_assert_uint_eq(n, 0);
	n = 4;
	ck_assert_int_eq(mach_vm_page_range_query(SELF, a, 0,
	    (mach_vm_address_t)disp, &n), KERN_SUCCESS);
	ck_assert_uint_eq(n, 0);
	n = 4;
	ck_assert_int_eq(mach_vm_page_range_query(SELF, a, (mach_vm_size_t)-PG,
	    (mach_vm_address_t)disp, &n), KERN_INVALID_ARGUMENT);
	/* Dispositions into memory the caller cannot write. */
	ro = alloc(SELF, PG, 0);
	ck_assert_int_eq(mach_vm_protect(SELF, ro, PG, FALSE, VM_PROT_READ),
	    KERN_SUCCESS);
	n = 4;
	ck_assert_int_eq(mach_vm_page_range_query(SELF, a, 4 * PG, ro, &n),
	    KERN_PROTECTION_FAILURE);
	ck_assert_int_eq(((char *)ro)[0], 0);
	ck_assert_int_eq(mach_vm_deallocate(SELF, ro, PG), KERN_SUCCESS);
	ck_assert_int_eq(mach_vm_page_range_query(SELF, a, 4 * PG, ro, &n),
	    KERN_INVALID_ADDRESS);

	/* One page's info. */
	cnt = VM_PAGE_INFO_BASIC_COUNT;
	ck_assert_uint_eq(cnt, 8);
	ck_assert_int_eq(mach_vm_page_info(SELF, a + 2 * PG + 7,
	    VM_PAGE_INFO_BASIC, (vm_page_info_t)&bi, &cnt), KERN_SUCCESS);
	ck_assert_uint_eq(cnt, VM_PAGE_INFO_BASIC_COUNT);
	ck_assert_int_eq(bi.disposition, disp[0] = VM_PAGE_QUERY_PAGE_PRESENT |
	    VM_PAGE_QUERY_PAGE_REF | VM_PAGE_QUERY_PAGE_DIRTY);
	ck_assert_int_eq(bi.ref_count, 1);
	ck_assert_uint_eq(bi.object_id, 0);	/* private memory */
	ck_assert_uint_eq(bi.offset, 2 * PG);
	ck_assert_int_eq(bi.depth, 0);
	memset(&bi, 0x5a, sizeof(bi));
	ck_assert_int_eq(mach_vm_page_info(SELF, a + 3 * PG,
	    VM_PAGE_INFO_BASIC, (vm_page_info_t)&bi, &cnt), KERN_SUCCESS);
	ck_assert_int_eq(bi.disposition, 0);	/* unmapped: all zeros */
	ck_assert_int_eq(bi.ref_count, 0);
	ck_assert_uint_eq(bi.object_id, 0);
	ck_assert_uint_eq(bi.offset, 0);
	ck_assert_int_eq(mach_vm_page_info(SELF, a, 2, (vm_page_info_t)&bi,
	    &cnt), KERN_INVALID_ARGUMENT);
	cnt = VM_PAGE_INFO_BASIC_COUNT - 1;
	ck_assert_int_eq(mach_vm_page_info(SELF, a, VM_PAGE_INFO_BASIC,
	    (vm_page_info_t)&bi, &cnt), KERN_INVALID_ARGUMENT);

	/* Shared memory: two mappings of one entry name one object. */
	ck_assert_int_eq(_mach_make_memory_entry(SELF, &esize, 0,
	    VM_PROT_DEFAULT | MAP_MEM_NAMED_CREATE, &entry, MACH_PORT_NULL),
	    KERN_SUCCESS);
	ck_assert_int_eq(mach_vm_map(SELF, &m, PG, 0, VM_FLAGS_ANYWHERE,
	    entry, 0, FALSE, VM_PROT_DEFAULT, VM_PROT_DEFAULT,
	    VM_INHERIT_NONE), KERN_SUCCESS);
	((char *)m)[0] = 's';
	cnt = VM_PAGE_INFO_BASIC_COUNT;
	ck_assert_int_eq(mach_vm_page_info(SELF, m, VM_PAGE_INFO_BASIC,
	    (vm_page_info_t)&bi, &cnt), KERN_SUCCESS);
	ck_assert_int_eq(bi.disposition & VM_PAGE_QUERY_PAGE_DIRTY,
	    VM_PAGE_QUERY_PAGE_DIRTY);
	ck_assert_uint_ne(bi.object_id, 0);
	ck_assert_int_ge(bi.ref_count, 2);	/* the mapping and the entry */
	ck_assert_int_eq(mach_port_deallocate(SELF, entry), KERN_SUCCESS);
	ck_assert_int_eq(mach_vm_deallocate(SELF, m, PG), KERN_SUCCESS);
	ck_assert_int_eq(mach_vm_deallocate(SELF, a, 3 * PG), KERN_SUCCESS);

	/* Another task's pages, the answer in ours. */
	ck_assert_int_eq(task_create(SELF, NULL, 0, FALSE, &child),
	    KERN_SUCCESS);
	a = alloc(child, 2 * PG, 0);
	ck_assert_int_eq(mach_vm_write(child, a + PG, (vm_offset_t)"x", 1),
	    KERN_SUCCESS);
	n = 2;
	ck_assert_int_eq(mach_vm_page_range_query(child, a, 2 * PG,
	    (mach_vm_address_t)disp, &n), KERN_SUCCESS);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(disp[0], 0);
	ck_assert_int_eq(disp[1] & VM_PAGE_QUERY_PAGE_DIRTY,
	    VM_PAGE_QUERY_PAGE_DIRTY);
	ck_assert_int_eq(task_terminate(child), KERN_SUCCESS);
	n = 2;
	ck_assert_int_eq(mach_vm_page_range_query(child, a, 2 * PG,
	    (mach_vm_address_t)disp, &n), MACH_SEND_INVALID_DEST);
	ck_assert_int_eq(mach_vm_page_info(child, a, VM_PAGE_INFO_BASIC,
	    (vm_page_info_t)&bi, &cnt), MACH_SEND_INVALID_DEST);
	ck_assert_int_eq(mach_port_deallocate(SELF, child), KERN_SUCCESS);
}
END_TEST

/*
 * mach_vm_remap_new: the new mapping has the protections asked for,
 * which the source must allow; the address returned is the source's
 * first byte; a failure changes neither map.
 */
START_TEST(remap_new_protections)
{
	mach_vm_address_t a = alloc(SELF, 2 * PG, 0), r = 0, r2 = 0, q;
	vm_region_basic_info_data_64_t info;
	mach_msg_type_number_t cnt;
	mach_vm_size_t size;
	mach_port_t obj;
	vm_prot_t cur = VM_PROT_READ, max = VM_PROT_READ;

	((char *)a)[100] = 'a';
	ck_assert_int_eq(mach_vm_remap_new(SELF, &r, PG, 0, VM_FLAGS_ANYWHERE,
	    SELF, a + 100, FALSE, &cur, &max, VM_INHERIT_NONE), KERN_SUCCESS);
	ck_assert_uint_eq(r % PG, 100);		/* the data's address */
	ck_assert_int_eq(cur, VM_PROT_READ);
	ck_assert_int_eq(max, VM_PROT_READ);
	ck_assert_int_eq(*(char *)r, 'a');
	((char *)a)[100] = 'b';			/* shared: seen through it */
	ck_assert_int_eq(*(char *)r, 'b');
	q = r;
	cnt = VM_REGION_BASIC_INFO_COUNT_64;
	ck_assert_int_eq(mach_vm_region(SELF, &q, &size,
	    VM_REGION_BASIC_INFO_64, (vm_region_info_t)&info, &cnt, &obj),
	    KERN_SUCCESS);
	ck_assert_uint_eq(q, r - 100);
	ck_assert_int_eq(info.protection, VM_PROT_READ);
	ck_assert_int_eq(info.max_protection, VM_PROT_READ);
	ck_assert_int_eq(mach_vm_deallocate(SELF, r - 100, PG), KERN_SUCCESS);

	/* A copy with the protections asked for. */
	cur = VM_PROT_READ;
	max = VM_PROT_DEFAULT;
	ck_assert_int_eq(mach_vm_remap_new(SELF, &r, PG, 0, VM_FLAGS_ANYWHERE,
	    SELF, a, TRUE, &cur, &max, VM_INHERIT_NONE), KERN_SUCCESS);
	((char *)a)[100] = 'c';
	ck_assert_int_eq(((char *)r)[100], 'b');
	q = r;
	cnt = VM_REGION_BASIC_INFO_COUNT_64;
	ck_assert_int_eq(mach_vm_region(SELF, &q, &size,
	    VM_REGION_BASIC_INFO_64, (vm_region_info_t)&info, &cnt, &obj),
	    KERN_SUCCESS);
	ck_assert_int_eq(info.protection, VM_PROT_READ);
	ck_assert_int_eq(info.max_protection, VM_PROT_DEFAULT);
	ck_assert_int_eq(mach_vm_deallocate(SELF, r, PG), KERN_SUCCESS);

	/* Protections that are not protections, or cur above max. */
	cur = VM_PROT_DEFAULT;
	max = VM_PROT_READ;
	ck_assert_int_eq(mach_vm_remap_new(SELF, &r2, PG, 0,
	    VM_FLAGS_ANYWHERE, SELF, a, FALSE, &cur, &max, VM_INHERIT_NONE),
	    KERN_INVALID_ARGUMENT);
	cur = 0x10;
	max = VM_PROT_ALL | 0x10;
	ck_assert_int_eq(mach_vm_remap_new(SELF, &r2, PG, 0,
	    VM_FLAGS_ANYWHERE, SELF, a, FALSE, &cur, &max, VM_INHERIT_NONE),
	    KERN_INVALID_ARGUMENT);
	ck_assert_int_eq(mach_vm_deallocate(SELF, a, 2 * PG), KERN_SUCCESS);
	/* More than the source allows: refused, nothing mapped or made
	   shared. */
	a = alloc(SELF, 2 * PG, 0);
	ck_assert_int_eq(mach_vm_protect(SELF, a + PG, PG, TRUE, VM_PROT_READ),
	    KERN_SUCCESS);			/* page 1: max READ */
	cur = VM_PROT_READ;
	max = VM_PROT_DEFAULT;
	r2 = 0;
	ck_assert_int_eq(mach_vm_remap_new(SELF, &r2, 2 * PG, 0,
	    VM_FLAGS_ANYWHERE, SELF, a, FALSE, &cur, &max, VM_INHERIT_NONE),
	    KERN_PROTECTION_FAILURE);
	ck_assert_uint_eq(r2, 0);
	ck_assert_int_eq(mach_vm_protect(SELF, a, PG, FALSE, VM_PROT_READ),
	    KERN_SUCCESS);			/* page 0: cur READ */
	cur = VM_PROT_DEFAULT;
	max = VM_PROT_DEFAULT;
	ck_assert_int_eq(mach_vm_remap_new(SELF, &r2, PG, 0,
	    VM_FLAGS_ANYWHERE, SELF, a, FALSE, &cur, &max, VM_INHERIT_NONE),
	    KERN_PROTECTION_FAILURE);
	ck_assert_int_eq(mach_vm_remap_new(SELF, &r2, PG, 0,
	    VM_FLAGS_ANYWHERE, SELF, a, TRUE, &cur, &max, VM_INHERIT_NONE),
	    KERN_PROTECTION_FAILURE);
	q = a;
	cnt = VM_REGION_BASIC_INFO_COUNT_64;
	ck_assert_int_eq(mach_vm_region(SELF, &q, &size,
	    VM_REGION_BASIC_INFO_64, (vm_region_info_t)&info, &cnt, &obj),
	    KERN_SUCCESS);
	ck_assert_uint_eq(q, a);
	ck_assert_uint_eq(size, PG);
	ck_assert_int_eq(info.protection, VM_PROT_READ);
	ck_assert_int_eq(info.shared, FALSE);	/* never made shared */
	ck_assert_uint_eq(r2, 0);
	ck_assert_int_eq(mach_vm_remap_new(SELF, &r2, PG, 0,
	    VM_FLAGS_ANYWHERE, SELF, a + 2 * PG, FALSE, &cur, &max,
	    VM_INHERIT_NONE), KERN_INVALID_ADDRESS);
	ck_assert_int_eq(mach_vm_deallocate(SELF, a, 2 * PG), KERN_SUCCESS);
}
END_TEST

Suite *mach_vm_suite(void)
{
	Suite *s = suite_create("mach_vm");
	TCase *tc = kt_tcase("mach_vm");

	tcase_add_test(tc, allocate_protect_region);
	tcase_add_test(tc, contents_across_tasks);
	tcase_add_test(tc, map_entry_attribute_query_purgable);
	tcase_add_test(tc, page_info_and_range_query);
	tcase_add_test(tc, remap_new_protections);
	suite_add_tcase(s, tc);
	return s;
}
