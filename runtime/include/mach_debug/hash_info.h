/*
 * <mach_debug/hash_info.h> - one bucket of a kernel hash table, as
 * host_ipc_hash_info reports it.
 */
#ifndef _MACH_DEBUG_HASH_INFO_H_
#define _MACH_DEBUG_HASH_INFO_H_

#include <mach/_machsim_cdefs.h>
#include <mach/machine/vm_types.h>

typedef struct hash_info_bucket {
	natural_t	hib_count;	/* records chained in the bucket */
} hash_info_bucket_t;

typedef hash_info_bucket_t	*hash_info_bucket_array_t;

__MACHSIM_WIRE_SIZE(hash_info_bucket_t, 4);

#endif /* _MACH_DEBUG_HASH_INFO_H_ */
