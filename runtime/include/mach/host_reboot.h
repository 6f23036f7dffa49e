/*
 * <mach/host_reboot.h> - host_reboot's options (0 reboots).
 */
#ifndef _MACH_HOST_REBOOT_
#define _MACH_HOST_REBOOT_

#define HOST_REBOOT_HALT	0x0008	/* halt, do not restart */
#define HOST_REBOOT_UPSDELAY	0x0100	/* wait for the UPS */
#define HOST_REBOOT_DEBUGGER	0x1000	/* enter the kernel debugger */

#endif /* _MACH_HOST_REBOOT_ */
