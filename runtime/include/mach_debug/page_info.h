/*
 * <mach_debug/page_info.h> - the resident page addresses that
 * vm_mapped_pages_info returns, one vm_offset_t (8 bytes on LP64) each.
 */
#ifndef _MACH_DEBUG_PAGE_INFO_H_
#define _MACH_DEBUG_PAGE_INFO_H_

#include <mach/machine/vm_types.h>

typedef vm_offset_t	*page_address_array_t;

#endif /* _MACH_DEBUG_PAGE_INFO_H_ */
