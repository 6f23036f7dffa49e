/*
 * rt_server.h - what the rt.defs work functions saw (rt_server.c).
 */
#ifndef RT_SERVER_H
#define RT_SERVER_H

#include <mach/message.h>

struct rt_seen {
	mach_port_t server, port_p, port_r;
	unsigned port_sum;
	int note, tail;
	mach_msg_type_number_t count, out_capacity;
	int aligned;	/* rt_inool's pointer argument was aligned */
	mach_msg_type_name_t poly;	/* rt_poly's p came as this */
};

extern struct rt_seen rt_seen;

#endif
