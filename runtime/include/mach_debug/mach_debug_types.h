/*
 * <mach_debug/mach_debug_types.h> - the C types behind
 * <mach/mach_debug_types.defs>: every record of the kernel debugging
 * calls, and the symbol-table name of host_load_symbol_table.
 */
#ifndef _MACH_DEBUG_MACH_DEBUG_TYPES_H_
#define _MACH_DEBUG_MACH_DEBUG_TYPES_H_

#include <mach_debug/hash_info.h>
#include <mach_debug/ipc_info.h>
#include <mach_debug/lockgroup_info.h>
#include <mach_debug/page_info.h>
#include <mach_debug/vm_info.h>
#include <mach_debug/zone_info.h>

typedef char	symtab_name_t[32];

#endif /* _MACH_DEBUG_MACH_DEBUG_TYPES_H_ */
