/*
 * rt_types.h - C types of rt.defs (round-trip test interface).
 */
#ifndef RT_TYPES_H
#define RT_TYPES_H

#include <mach/message.h>

typedef int int4_t[4];
typedef int *intvar_t;
typedef char bytes13_t[13];
typedef char *bytesvar_t;
typedef unsigned char *ool_t;
typedef int *ints_t;
typedef char name_t[32];
typedef char vname_t[32];
typedef mach_port_t *ports_t;

#endif
