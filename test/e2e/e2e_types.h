/* C types the e2e interface names, sized as e2e.defs says. */
#ifndef E2E_TYPES_H
#define E2E_TYPES_H

#include <mach/std_types.h>
#include <mach/mach_types.h>

typedef int int4_t[4];
typedef int intvar_t[16];
typedef char bytes13_t[13];
typedef struct { int v[3]; } triple_t;
typedef unsigned char *ool_t;
typedef unsigned char *block16_t;
typedef unsigned char *small_t;
typedef int *ints_t;
typedef char name32_t[32];
typedef char vname32_t[32];
typedef mach_port_t port4_t[4];
typedef mach_port_t portvar_t[4];
typedef mach_port_t *oolports_t;

#endif
