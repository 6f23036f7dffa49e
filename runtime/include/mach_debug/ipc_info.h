/*
 * <mach_debug/ipc_info.h> - records of the IPC debugging calls
 * (mach_port_space_info, mach_port_dnrequest_info, ...).
 *
 * All fields are 32 bits, so the layouts are the same on ILP32 and LP64.
 * Object fields hold an identifier, never a kernel address.
 */
#ifndef _MACH_DEBUG_IPC_INFO_H_
#define _MACH_DEBUG_IPC_INFO_H_

#include <mach/_machsim_cdefs.h>
#include <mach/boolean.h>
#include <mach/machine/vm_types.h>
#include <mach/port.h>

/* A space as a whole: its table and (classic) splay tree. */
typedef struct ipc_info_space {
	natural_t	iis_genno_mask;	/* generation bits of a name */
	natural_t	iis_table_size;	/* entries in the table */
	natural_t	iis_table_next;	/* the size it would grow to */
	natural_t	iis_tree_size;	/* entries in the tree */
	natural_t	iis_tree_small;	/* small entries in the tree */
	natural_t	iis_tree_hash;	/* hashed entries in the tree */
} ipc_info_space_t;

typedef struct ipc_info_space_basic {
	natural_t	iisb_genno_mask;
	natural_t	iisb_table_size;
	natural_t	iisb_table_next;
	natural_t	iisb_table_inuse;	/* entries in use */
	natural_t	iisb_reserved[2];
} ipc_info_space_basic_t;

/* One name of the space. */
typedef struct ipc_info_name {
	mach_port_name_t	iin_name;	/* with its generation */
	integer_t		iin_collision;	/* boolean */
	mach_port_type_t	iin_type;
	mach_port_urefs_t	iin_urefs;
	natural_t		iin_object;	/* object identifier */
	natural_t		iin_next;	/* next free / request index */
	natural_t		iin_hash;	/* hash index */
} ipc_info_name_t;

typedef ipc_info_name_t		*ipc_info_name_array_t;

/* A name that lives in the splay tree, with its children. */
typedef struct ipc_info_tree_name {
	ipc_info_name_t		iitn_name;
	mach_port_name_t	iitn_lchild;
	mach_port_name_t	iitn_rchild;
} ipc_info_tree_name_t;

typedef ipc_info_tree_name_t	*ipc_info_tree_name_array_t;

__MACHSIM_WIRE_SIZE(ipc_info_space_t, 24);
__MACHSIM_WIRE_SIZE(ipc_info_space_basic_t, 24);
__MACHSIM_WIRE_SIZE(ipc_info_name_t, 28);
__MACHSIM_WIRE_SIZE(ipc_info_tree_name_t, 36);

#endif /* _MACH_DEBUG_IPC_INFO_H_ */
