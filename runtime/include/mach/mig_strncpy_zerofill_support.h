/*
 * <mach/mig_strncpy_zerofill_support.h> - says that mig_strncpy_zerofill
 * is there.
 *
 * Nothing to include: mig's generated headers test for this file with
 * __has_include and, when it exists, define USING_MIG_STRNCPY_ZEROFILL
 * and declare mig_strncpy_zerofill (weak_import).  The user stubs then
 * copy a request's C strings with it, so the bytes after a string's
 * terminating NUL go out as zeros, not as whatever the stack held.
 * libmach defines it (<mach/mig.h>).
 */
#ifndef _MACH_MIG_STRNCPY_ZEROFILL_SUPPORT_H_
#define _MACH_MIG_STRNCPY_ZEROFILL_SUPPORT_H_
#endif
