/*
 * <mach/kmod.h> - kernel module ids and the kmod_control flavors, as the
 * host_priv and mach_host interfaces use them.
 *
 * machsim loads no kernel modules: the calls exist so interfaces compile
 * and answer with an error; only the types and constants the messages use
 * are here.
 */
#ifndef _MACH_KMOD_H_
#define _MACH_KMOD_H_

#include <mach/_machsim_cdefs.h>
#include <mach/kern_return.h>

#define KMOD_MAX_NAME		64

#define KMOD_RETURN_SUCCESS	KERN_SUCCESS
#define KMOD_RETURN_FAILURE	KERN_FAILURE

/* A module's id (kmod_create, kmod_destroy, kmod_control). */
typedef int	kmod_t;

/* kmod_control flavors. */
typedef int	kmod_control_flavor_t;

#define KMOD_CNTL_START		1	/* run the module's start routine */
#define KMOD_CNTL_STOP		2	/* run its stop routine */
#define KMOD_CNTL_RETAIN	3	/* take a reference */
#define KMOD_CNTL_RELEASE	4	/* drop a reference */
#define KMOD_CNTL_GET_CMD	5	/* wait for a load request */

/* Module ids packed in pairs (from << 16 | to) in dependency requests. */
#define KMOD_PACK_IDS(from, to) \
	(((unsigned long)(from) << 16) | (unsigned long)(to))
#define KMOD_UNPACK_FROM_ID(i)	((unsigned long)(i) >> 16)
#define KMOD_UNPACK_TO_ID(i)	((unsigned long)(i) & 0xffff)

/* The out-of-line bytes of kmod_control and kmod_get_info. */
typedef void	*kmod_args_t;

__MACHSIM_WIRE_SIZE(kmod_t, 4);
__MACHSIM_WIRE_SIZE(kmod_control_flavor_t, 4);

#endif /* _MACH_KMOD_H_ */
