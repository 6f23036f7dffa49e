/*
 * test_vm_kernel.c - the VM calls the user view cannot reach yet: vm_wire
 * with the host-priv object (no task holds its port), and the map
 * invariant check itself.
 */
#define MACHSIM_KERNEL 1	/* the kernel view of the Mach types */
#include <string.h>
#include <unistd.h>

#include <ksim/vm.h>
#include <kernel/host_privServer.h>

#include "../ksim_test.h"

Suite *vm_kernel_suite(void);

#define PG	((vm_size_t)getpagesize())

START_TEST(wire_counts)
{
	struct vm_map *map = current_task()->map;
	vm_address_t a = 0;
	vm_statistics_data_t st;
	struct vm_region r;
	bool shared;
	vm_address_t at;
	vm_size_t size;
	natural_t wired0;

	ksim_lock();
	ck_assert_int_eq(vm_map_allocate(map, &a, 2 * PG, VM_FLAGS_ANYWHERE),
	    KERN_SUCCESS);
	vm_statistics_fill(&st);
	ksim_unlock();
	wired0 = st.wire_count;
	ck_assert_int_eq(ksim_vm_wire(HOST_NULL, map, a, PG, VM_PROT_READ),
	    KERN_INVALID_HOST);
	ck_assert_int_eq(ksim_vm_wire(&realhost, NULL, a, PG, VM_PROT_READ),
	    KERN_INVALID_TASK);
	ck_assert_int_eq(ksim_vm_wire(&realhost, map, a, PG, 0x10),
	    KERN_INVALID_ARGUMENT);
	/* Unwiring unwired memory fails and changes nothing. */
	ck_assert_int_eq(ksim_vm_wire(&realhost, map, a, PG, VM_PROT_NONE),
	    KERN_FAILURE);
	ck_assert_int_eq(ksim_vm_wire(&realhost, map, a, PG, VM_PROT_READ),
	    KERN_SUCCESS);
	ck_assert_int_eq(ksim_vm_wire(&realhost, map, a, PG, VM_PROT_READ),
	    KERN_SUCCESS);
	ksim_lock();
	at = a;
	ck_assert_int_eq(vm_map_region(map, &at, &size, &r, &shared),
	    KERN_SUCCESS);
	vm_statistics_fill(&st);
	ksim_unlock();
	ck_assert_uint_eq(r.wired, 2);
	ck_assert_uint_eq(size, PG);
	ck_assert_uint_eq(st.wire_count, wired0 + 1);
	/* A hole: nothing changes. */
	ck_assert_int_eq(ksim_vm_wire(&realhost, map, a, 3 * PG,
	    VM_PROT_READ), KERN_INVALID_ADDRESS);
	ck_assert_int_eq(ksim_vm_wire(&realhost, map, a, PG, VM_PROT_NONE),
	    KERN_SUCCESS);
	ck_assert_int_eq(ksim_vm_wire(&realhost, map, a, PG, VM_PROT_NONE),
	    KERN_SUCCESS);
	ksim_lock();
	vm_statistics_fill(&st);
	ck_assert_uint_eq(st.wire_count, wired0);
	ck_assert_int_eq(vm_map_remove(map, a, 2 * PG), KERN_SUCCESS);
	ksim_unlock();
}
END_TEST

/* The check catches a broken map (and is quiet on a sound one). */
START_TEST(verify_catches)
{
	struct vm_map *map = current_task()->map;
	vm_address_t a = 0;
	char why[256] = "";
	size_t i;

	ksim_lock();
	ck_assert_int_eq(vm_map_allocate(map, &a, PG, VM_FLAGS_ANYWHERE),
	    KERN_SUCCESS);
	ck_assert(vm_map_verify(map, why, sizeof(why)));
	for (i = 0; i < map->nregions && map->regions[i].start != a; i++)
		;
	ck_assert_uint_lt(i, map->nregions);
	map->regions[i].protection = VM_PROT_ALL;
	map->regions[i].max_protection = VM_PROT_READ;
	ck_assert(!vm_map_verify(map, why, sizeof(why)));
	ck_assert_ptr_nonnull(strstr(why, "outside max"));
	map->regions[i].protection = VM_PROT_DEFAULT;
	map->regions[i].max_protection = VM_PROT_ALL;
	map->mapped_bytes += PG;
	ck_assert(!vm_map_verify(map, why, sizeof(why)));
	map->mapped_bytes -= PG;
	ck_assert(vm_map_verify(map, why, sizeof(why)));
	ck_assert_int_eq(vm_map_remove(map, a, PG), KERN_SUCCESS);
	ksim_unlock();
}
END_TEST

Suite *vm_kernel_suite(void)
{
	Suite *s = suite_create("vm_kernel");
	TCase *tc = kt_tcase("vm_kernel");

	tcase_add_test(tc, wire_counts);
	tcase_add_test(tc, verify_catches);
	suite_add_tcase(s, tc);
	return s;
}
