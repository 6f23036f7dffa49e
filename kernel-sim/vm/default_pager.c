/*
 * default_pager.c - the default pager's object interface
 * (default_pager_object.defs), served on the default pager's port.  The
 * in-kernel default pager comes with a later issue.
 */
#include <ksim/ipc.h>
#include <ksim/kern.h>
#include <ksim/mig_convert.h>

#include <kernel/default_pager_objectServer.h>

/* ---- default_pager_object.defs: later issues (KERN_NOT_SUPPORTED) ------- */

/*
 * default_pager_object_create (2275): Create a zero-filled temporary
 * object for sharing via vm_map.
 */
kern_return_t ksim_default_pager_object_create(mach_port_t default_pager,
    memory_object_t *memory_object, vm_size_t object_size)
{
	(void)default_pager;
	(void)memory_object;
	(void)object_size;
	return KERN_NOT_SUPPORTED;
}

/*
 * default_pager_info (2276): Return the pager's total and free space and
 * its page size.
 */
kern_return_t ksim_default_pager_info(mach_port_t default_pager,
    default_pager_info_t *info)
{
	(void)default_pager;
	(void)info;
	return KERN_NOT_SUPPORTED;
}

/*
 * default_pager_objects (2277): List the pager's objects with their sizes
 * and ports.
 */
kern_return_t ksim_default_pager_objects(mach_port_t default_pager,
    default_pager_object_array_t *objects, mach_msg_type_number_t *objectsCnt,
    mach_port_array_t *ports, mach_msg_type_number_t *portsCnt)
{
	(void)default_pager;
	(void)objects;
	(void)objectsCnt;
	(void)ports;
	(void)portsCnt;
	return KERN_NOT_SUPPORTED;
}

/*
 * default_pager_object_pages (2278): List the pages of one object that are
 * in backing store.
 */
kern_return_t ksim_default_pager_object_pages(mach_port_t default_pager,
    mach_port_t memory_object, default_pager_page_array_t *pages,
    mach_msg_type_number_t *pagesCnt)
{
	(void)default_pager;
	(void)memory_object;
	(void)pages;
	(void)pagesCnt;
	return KERN_NOT_SUPPORTED;
}

/*
 * default_pager_backing_store_create (2280): Create a backing store with a
 * priority and a cluster size.
 */
kern_return_t ksim_default_pager_backing_store_create(
    mach_port_t default_pager, int priority, int clsize,
    mach_port_t *backing_store)
{
	(void)default_pager;
	(void)priority;
	(void)clsize;
	(void)backing_store;
	return KERN_NOT_SUPPORTED;
}

/*
 * default_pager_backing_store_delete (2281): Delete a backing store,
 * paging its contents elsewhere first.
 */
kern_return_t ksim_default_pager_backing_store_delete(
    mach_port_t backing_store)
{
	(void)backing_store;
	return KERN_NOT_SUPPORTED;
}

/*
 * default_pager_backing_store_info (2282): Read one flavor of a backing
 * store's information.
 */
kern_return_t ksim_default_pager_backing_store_info(mach_port_t backing_store,
    backing_store_flavor_t flavor, backing_store_info_t info,
    mach_msg_type_number_t *infoCnt)
{
	(void)backing_store;
	(void)flavor;
	(void)info;
	(void)infoCnt;
	return KERN_NOT_SUPPORTED;
}

/* default_pager_add_file (2283): Add a file (by vnode) to a backing store. */
kern_return_t ksim_default_pager_add_file(mach_port_t backing_store,
    vnode_ptr_t vnode, int record_size, vm_size_t size)
{
	(void)backing_store;
	(void)vnode;
	(void)record_size;
	(void)size;
	return KERN_NOT_SUPPORTED;
}

/*
 * default_pager_triggers (2284): Set the high and low water marks and the
 * port alerted at them.
 */
kern_return_t ksim_default_pager_triggers(mach_port_t default_pager,
    int hi_wat, int lo_wat, int flags, mach_port_t trigger_port)
{
	(void)default_pager;
	(void)hi_wat;
	(void)lo_wat;
	(void)flags;
	(void)trigger_port;
	return KERN_NOT_SUPPORTED;
}

/*
 * default_pager_add_segment (2285): Add count records of a device, from
 * offset, to a backing store.
 */
kern_return_t ksim_default_pager_add_segment(mach_port_t backing_store,
    mach_port_t device, recnum_t offset, recnum_t count, int record_size)
{
	(void)backing_store;
	(void)device;
	(void)offset;
	(void)count;
	(void)record_size;
	return KERN_NOT_SUPPORTED;
}
