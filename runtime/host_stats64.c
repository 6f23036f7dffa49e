/*
 * host_stats64.c - host_statistics64, as Darwin's library offers it:
 * HOST_VM_INFO64 is the kernel's HOST_VM_INFO widened to 64-bit counters
 * (the compressor's and swap counters are 0: machsim keeps none); the
 * other flavors are host_statistics's, whose records are the same.
 */
#include <string.h>

#include <mach/mach.h>
#include <mach/host_info.h>

kern_return_t host_statistics64(host_t host_priv, host_flavor_t flavor,
    host_info64_t out, mach_msg_type_number_t *cnt)
{
	vm_statistics_data_t vs;
	vm_statistics64_data_t v64;
	mach_msg_type_number_t n = HOST_VM_INFO_COUNT;
	kern_return_t kr;

	if (flavor != HOST_VM_INFO64)
		return host_statistics(host_priv, flavor, (host_info_t)out,
		    cnt);
	if (*cnt < HOST_VM_INFO64_REV0_COUNT)
		return KERN_FAILURE;
	kr = host_statistics(host_priv, HOST_VM_INFO, (host_info_t)&vs, &n);
	if (kr != KERN_SUCCESS)
		return kr;
	memset(&v64, 0, sizeof(v64));
	v64.free_count = vs.free_count;
	v64.active_count = vs.active_count;
	v64.inactive_count = vs.inactive_count;
	v64.wire_count = vs.wire_count;
	v64.zero_fill_count = vs.zero_fill_count;
	v64.reactivations = vs.reactivations;
	v64.pageins = vs.pageins;
	v64.pageouts = vs.pageouts;
	v64.faults = vs.faults;
	v64.cow_faults = vs.cow_faults;
	v64.lookups = vs.lookups;
	v64.hits = vs.hits;
	v64.purges = vs.purges;
	v64.purgeable_count = vs.purgeable_count;
	v64.speculative_count = vs.speculative_count;
	n = *cnt >= HOST_VM_INFO64_COUNT ? HOST_VM_INFO64_COUNT :
	    HOST_VM_INFO64_REV0_COUNT;
	memcpy(out, &v64, n * sizeof(integer_t));
	*cnt = n;
	return KERN_SUCCESS;
}
