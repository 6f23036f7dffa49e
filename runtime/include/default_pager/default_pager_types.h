/*
 * <default_pager/default_pager_types.h> - the C types behind
 * <mach/default_pager_types.defs>: the default pager's statistics, its
 * per-object and per-page records, and backing-store information.
 *
 * Layouts are Darwin's on LP64: sizes and offsets are vm_size_t and
 * vm_offset_t, 8 bytes each, so default_pager_info_t is 24 bytes and the
 * object and page records 16 and 8.  (Darwin's .defs still gives their
 * ILP32 sizes; machsim's default_pager_types.defs spells the fields in
 * vm_size_t/vm_offset_t so the two agree on every word size.)
 */
#ifndef _DEFAULT_PAGER_DEFAULT_PAGER_TYPES_H_
#define _DEFAULT_PAGER_DEFAULT_PAGER_TYPES_H_

#include <mach/_machsim_cdefs.h>
#include <mach/machine/vm_types.h>
#include <mach/mach_types.h>
#include <mach/memory_object_types.h>

typedef memory_object_default_t	default_pager_t;

/* default_pager_info: the whole pager. */
typedef struct default_pager_info {
	vm_size_t	dpi_total_space;	/* bytes of backing store */
	vm_size_t	dpi_free_space;		/* of which unused */
	vm_size_t	dpi_page_size;		/* the pager's page size */
} default_pager_info_t;

/*
 * default_pager_info_64: the same with 64-bit space counts on every word
 * size, and flags (DPI_ENCRYPTED: the swap files are encrypted).  32
 * bytes on LP64: the int is followed by four bytes of padding.
 */
typedef struct default_pager_info_64 {
	memory_object_size_t	dpi_total_space;	/* bytes of backing store */
	memory_object_size_t	dpi_free_space;		/* of which unused */
	vm_size_t		dpi_page_size;		/* the pager's page size */
	int			dpi_flags;		/* DPI_ flags */
} default_pager_info_64_t;

#define DPI_ENCRYPTED	0x1

/* default_pager_objects: one record per object the pager manages. */
typedef struct default_pager_object {
	vm_offset_t	dpo_object;	/* object identifier */
	vm_size_t	dpo_size;	/* backing store it uses */
} default_pager_object_t;

typedef default_pager_object_t	*default_pager_object_array_t;

/* default_pager_object_pages: one record per page in backing store. */
typedef struct default_pager_page {
	vm_offset_t	dpp_offset;	/* offset of the page in its object */
} default_pager_page_t;

typedef default_pager_page_t	*default_pager_page_array_t;

/* default_pager_backing_store_info. */
typedef integer_t	*backing_store_info_t;
typedef int		backing_store_flavor_t;

#define BACKING_STORE_BASIC_INFO	1

struct backing_store_basic_info {
	natural_t	pageout_calls;
	natural_t	pagein_calls;
	natural_t	pages_in;
	natural_t	pages_out;
	natural_t	pages_unavail;		/* zero-filled */
	natural_t	pages_init;
	natural_t	pages_init_writes;

	natural_t	bs_pages_total;
	natural_t	bs_pages_free;
	natural_t	bs_pages_in;
	natural_t	bs_pages_in_fail;
	natural_t	bs_pages_out;
	natural_t	bs_pages_out_fail;

	integer_t	bs_priority;
	integer_t	bs_clsize;
};

typedef struct backing_store_basic_info	*backing_store_basic_info_t;

#define BACKING_STORE_BASIC_INFO_COUNT \
	((mach_msg_type_number_t)(sizeof(struct backing_store_basic_info) / \
	    sizeof(integer_t)))

#define DEFAULT_PAGER_BACKING_STORE_MAXPRI	4

/*
 * default_pager_add_file names the file by its vnode, a kernel pointer.
 * Declared as XNU declares it; the .defs' `array[1] of int' travels as
 * the C type lays it out, the pointer itself (mig gives the type the
 * shape of uintptr_t, as Apple's message struct has it).
 */
typedef int		*vnode_ptr_t;

/* A record number on a paging device (default_pager_add_segment). */
typedef natural_t	recnum_t;

/* default_pager_triggers flags. */
#define HI_WAT_ALERT		0x01
#define LO_WAT_ALERT		0x02
#define SWAP_ENCRYPT_ON		0x04
#define SWAP_ENCRYPT_OFF	0x08

__MACHSIM_WIRE_SIZE(default_pager_info_t, 24);
#ifdef __LP64__
__MACHSIM_WIRE_SIZE(default_pager_info_64_t, 32);
#endif
__MACHSIM_WIRE_SIZE(default_pager_object_t, 16);
__MACHSIM_WIRE_SIZE(default_pager_page_t, 8);
__MACHSIM_WIRE_SIZE(struct backing_store_basic_info, 60);

#endif /* _DEFAULT_PAGER_DEFAULT_PAGER_TYPES_H_ */
