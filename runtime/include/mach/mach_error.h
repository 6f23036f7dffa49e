/*
 * <mach/mach_error.h> - describing Mach error codes.
 */
#ifndef _MACH_MACH_ERROR_H_
#define _MACH_MACH_ERROR_H_

#include <mach/_machsim_cdefs.h>
#include <mach/error.h>

__MACHSIM_BEGIN_DECLS

/* A short text for the code ("(os/kern) invalid name", ...). */
extern const char *mach_error_string(mach_error_t error_value);
/* Print "str text (code)" on stderr. */
extern void mach_error(const char *str, mach_error_t error_value);
/* The code's system and subsystem, as text. */
extern const char *mach_error_type(mach_error_t error_value);

__MACHSIM_END_DECLS

#endif /* _MACH_MACH_ERROR_H_ */
