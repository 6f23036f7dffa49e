/*
 * <mach/ndr.h> - the Network Data Representation record.
 *
 * MIG puts this 8-byte record after the header and descriptors of every
 * message that carries plain data, to say how the sender encodes integers,
 * characters and floats.  machsim has one little-endian target, so the
 * record always holds NDR_record's value and receivers never convert.
 */
#ifndef _MACH_NDR_H_
#define _MACH_NDR_H_

#include <stdint.h>

#include <mach/_machsim_cdefs.h>

typedef struct {
	unsigned char	mig_vers;
	unsigned char	if_vers;
	unsigned char	reserved1;
	unsigned char	mig_encoding;
	unsigned char	int_rep;	/* NDR_INT_* */
	unsigned char	char_rep;	/* NDR_CHAR_* */
	unsigned char	float_rep;	/* NDR_FLOAT_* */
	unsigned char	reserved2;
} NDR_record_t;

__MACHSIM_WIRE_SIZE(NDR_record_t, 8);

#define NDR_PROTOCOL_2_0	0

#define NDR_INT_BIG_ENDIAN	0
#define NDR_INT_LITTLE_ENDIAN	1

#define NDR_FLOAT_IEEE		0
#define NDR_FLOAT_VAX		1
#define NDR_FLOAT_CRAY		2
#define NDR_FLOAT_IBM		3

#define NDR_CHAR_ASCII		0
#define NDR_CHAR_EBCDIC		1

__MACHSIM_BEGIN_DECLS

/* This machine's record: {0, 0, 0, 0, NDR_INT_LITTLE_ENDIAN, 0, 0, 0}. */
extern NDR_record_t NDR_record;

__MACHSIM_END_DECLS

#endif /* _MACH_NDR_H_ */
