/*
 * <mach/host_special_ports.h> - the host's special ports
 * (host_get_special_port / host_set_special_port).  Ports up to
 * HOST_MAX_SPECIAL_KERNEL_PORT belong to the kernel; the rest are set by
 * user-space servers.
 */
#ifndef _MACH_HOST_SPECIAL_PORTS_H_
#define _MACH_HOST_SPECIAL_PORTS_H_

#define HOST_SECURITY_PORT		0
#define HOST_PORT			1
#define HOST_PRIV_PORT			2
#define HOST_IO_MAIN_PORT		3
#define HOST_IO_MASTER_PORT		HOST_IO_MAIN_PORT
#define HOST_MAX_SPECIAL_KERNEL_PORT	7

#define HOST_DYNAMIC_PAGER_PORT		(1 + HOST_MAX_SPECIAL_KERNEL_PORT)
#define HOST_AUDIT_CONTROL_PORT		(2 + HOST_MAX_SPECIAL_KERNEL_PORT)
#define HOST_USER_NOTIFICATION_PORT	(3 + HOST_MAX_SPECIAL_KERNEL_PORT)
#define HOST_AUTOMOUNTD_PORT		(4 + HOST_MAX_SPECIAL_KERNEL_PORT)
#define HOST_LOCKD_PORT			(5 + HOST_MAX_SPECIAL_KERNEL_PORT)

/* Special-port ids are node-local; this is the local node. */
#define HOST_LOCAL_NODE			(-1)

#define host_get_host_port(host, port) \
	(host_get_special_port((host), HOST_LOCAL_NODE, HOST_PORT, (port)))
#define host_get_host_priv_port(host, port) \
	(host_get_special_port((host), HOST_LOCAL_NODE, HOST_PRIV_PORT, (port)))

#endif /* _MACH_HOST_SPECIAL_PORTS_H_ */
