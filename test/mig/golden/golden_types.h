/* Types the golden .defs name, sized as the .defs say. */
#ifndef GOLDEN_TYPES_H
#define GOLDEN_TYPES_H

#include <mach/std_types.h>
#include <mach/mach_types.h>

typedef char name13_t[13];
typedef struct { int v[3]; } triple_t;
typedef int int4_t[4];
typedef int ints_t[64];
typedef char label_t[32];
typedef char label_var_t[32];
typedef char string32_t[32];
typedef int64_t i64_t;
typedef uint64_t u64_t;
typedef unsigned char byte_t;
typedef byte_t *bytes_t;
typedef byte_t *block16_t;
typedef byte_t *small_t;
typedef char chars_t[100];
typedef mach_port_t *port_array_t;
typedef int *int_array_t;
typedef mach_port_t port4_t[4];
typedef mach_port_t port_list_t[4];
typedef struct { char c; int i; short s; long long l; } mixed_t;
typedef float real_t;
typedef char name_t[32];
typedef double real64_t;
typedef int count_t;
typedef struct { int a, b; } pair_t;
typedef pair_t *pair_array_t;
typedef pair_t small_pairs_t[8];

/* translated types */
typedef struct widget *widget_t;
widget_t widget_lookup(mach_port_t port);
mach_port_t widget_to_port(widget_t w);
void widget_release(widget_t w);
typedef int celsius_t;
typedef int kelvin_t;
kelvin_t to_kelvin(celsius_t c);
celsius_t to_celsius(kelvin_t k);
#define BAD_INT (-1)

/* The support calls under -subrprefix sub_ (split.defs). */
#include <mach/message.h>
mach_msg_return_t sub_mach_msg(mach_msg_header_t *msg,
			       mach_msg_option_t option,
			       mach_msg_size_t send_size,
			       mach_msg_size_t rcv_size,
			       mach_port_name_t rcv_name,
			       mach_msg_timeout_t timeout,
			       mach_port_name_t notify);
mach_port_t sub_mig_get_reply_port(void);
void sub_mig_put_reply_port(mach_port_t reply_port);
void sub_mig_dealloc_reply_port(mach_port_t reply_port);
void sub_mach_msg_destroy(mach_msg_header_t *msg);
int sub_mig_strncpy(char *dest, const char *src, int len);
int sub_mig_strncpy_zerofill(char *dest, const char *src, int len);
void sub_mig_deallocate(vm_address_t addr, vm_size_t size);
kern_return_t sub_mach_port_deallocate(mach_port_t task, mach_port_name_t name);
mach_port_t sub_mach_task_self(void);
#endif
