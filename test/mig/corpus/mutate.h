/*
 * mutate.h - hooks for variant 5 of the gnumach corpus test (-imacros).
 *
 * gnumach's .defs leave conversion functions and extra imports to the
 * includer through these macros.  Defining them all reaches the
 * constructs no other variant reaches: intran, intranpayload, outtran and
 * destructor on user-side types, and imports placed by macro.  Every
 * translated type is the server's own type, mach_port_t.
 */

/*
 * intranpayload takes "type function" with no argument list; the
 * function maps a payload back to the server type.
 */
#define MACH_PAYLOAD_TO_PORT		corpus_payload_to_port

#define DEVICE_INTRAN			mach_port_t corpus_device_intran(mach_port_t)
#define DEVICE_INTRAN_PAYLOAD		mach_port_t corpus_device_intran_payload
#define DEVICE_OUTTRAN			mach_port_t corpus_device_outtran(mach_port_t)
#define DEVICE_DESTRUCTOR		corpus_device_destructor(mach_port_t)
#define DEVICE_IMPORTS			import "corpus_device.h";

#define MEMORY_OBJECT_INTRAN		mach_port_t corpus_memobj_intran(mach_port_t)
#define MEMORY_OBJECT_INTRAN_PAYLOAD	mach_port_t corpus_memobj_intran_payload
#define MEMORY_OBJECT_OUTTRAN		mach_port_t corpus_memobj_outtran(mach_port_t)
#define MEMORY_OBJECT_DESTRUCTOR	corpus_memobj_destructor(mach_port_t)
#define MEMORY_OBJECT_IMPORTS		import "corpus_memobj.h";

#define NOTIFY_INTRAN			mach_port_t corpus_notify_intran(mach_port_t)
#define NOTIFY_INTRAN_PAYLOAD		mach_port_t corpus_notify_intran_payload
#define NOTIFY_OUTTRAN			mach_port_t corpus_notify_outtran(mach_port_t)
#define NOTIFY_DESTRUCTOR		corpus_notify_destructor(mach_port_t)
#define NOTIFY_IMPORTS			import "corpus_notify.h";

#define TASK_NOTIFY_INTRAN		mach_port_t corpus_task_notify_intran(mach_port_t)
#define TASK_NOTIFY_INTRAN_PAYLOAD	mach_port_t corpus_task_notify_intran_payload
#define TASK_NOTIFY_OUTTRAN		mach_port_t corpus_task_notify_outtran(mach_port_t)
#define TASK_NOTIFY_DESTRUCTOR		corpus_task_notify_destructor(mach_port_t)
#define TASK_NOTIFY_IMPORTS		import "corpus_task_notify.h";

#define GNUMACH_IMPORTS			import "corpus_gnumach.h";
#define MACH_IMPORTS			import "corpus_mach.h";
#define MACH_HOST_IMPORTS		import "corpus_mach_host.h";
#define MACH_I386_IMPORTS		import "corpus_mach_i386.h";
