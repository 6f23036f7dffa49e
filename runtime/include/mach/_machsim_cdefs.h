/*
 * <mach/_machsim_cdefs.h> - private helpers shared by the machsim Mach
 * headers.  Not a Darwin header; programs should not include it directly.
 *
 * The public headers must compile as C11 and as C++, so the two spellings
 * of a compile-time assertion and of an extern "C" block are hidden here.
 */
#ifndef _MACH_MACHSIM_CDEFS_H_
#define _MACH_MACHSIM_CDEFS_H_

#ifdef __cplusplus
#define __MACHSIM_BEGIN_DECLS	extern "C" {
#define __MACHSIM_END_DECLS	}
#define __MACHSIM_STATIC_ASSERT(expr, why)	static_assert(expr, why)
#else
#define __MACHSIM_BEGIN_DECLS
#define __MACHSIM_END_DECLS
#define __MACHSIM_STATIC_ASSERT(expr, why)	_Static_assert(expr, why)
#endif

/*
 * Wire-format checks: the size of a struct that travels in a message, and
 * the offset of one of its fields, as Darwin's LP64 x86-64 ABI has them.
 */
#define __MACHSIM_WIRE_SIZE(type, bytes) \
	__MACHSIM_STATIC_ASSERT(sizeof(type) == (bytes), \
	    #type " must be " #bytes " bytes on the wire")
#define __MACHSIM_WIRE_OFFSET(type, field, at) \
	__MACHSIM_STATIC_ASSERT(offsetof(type, field) == (at), \
	    #type "." #field " must sit at byte " #at)

/*
 * Darwin's weak_import attribute (a declaration whose symbol may be
 * missing at run time, so its address may be null) is ELF's weak one.
 * mig's generated headers declare mig_strncpy_zerofill with it, and the
 * stubs test its address; spelt as Darwin spells it, it would be an
 * unknown attribute here.
 */
#if !defined(__APPLE__) && !defined(weak_import)
#define weak_import	weak
#endif

#endif /* _MACH_MACHSIM_CDEFS_H_ */
