/* C types of demo.defs, sized as the .defs declares them. */
#ifndef KV_TYPES_H
#define KV_TYPES_H

#include <mach/std_types.h>

typedef char kv_key_t[64];          /* c_string[*:64] */
typedef char kv_value_t[256];       /* array[*:256] of char */
typedef uint8_t *kv_blob_t;         /* ^array[] of byte: out of line */

#endif
