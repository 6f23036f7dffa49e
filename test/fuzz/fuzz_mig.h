/* fuzz_mig.h - the compiler's fuzz entry (see fuzz_mig.c). */
#ifndef TEST_FUZZ_MIG_H
#define TEST_FUZZ_MIG_H

#include <stddef.h>
#include <stdint.h>

/* Compile data as a .defs; returns 0 (no errors) or 1; aborts on a
   broken contract. */
int fuzz_mig_one(const uint8_t *data, size_t size);

#endif
