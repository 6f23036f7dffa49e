/*
 * mig_support.c - what MIG-generated stubs call: the per-thread reply
 * port, string copies, page-granular allocation, reply setup.
 */
#include <pthread.h>
#include <string.h>

#include <mach/mach_init.h>
#include <mach/mach_traps.h>
#include <mach/mig.h>
#include <mach/mig_errors.h>
#include <mach/vm_statistics.h>

static __thread mach_port_t mig_reply_port;
static pthread_key_t mig_key;
static pthread_once_t mig_key_once = PTHREAD_ONCE_INIT;

/* At thread exit the cached reply port's receive right is destroyed. */
static void mig_thread_exit(void *arg)
{
	mach_port_t port = (mach_port_t)(uintptr_t)arg;

	if (port != MACH_PORT_NULL && port == mig_reply_port) {
		mig_reply_port = MACH_PORT_NULL;
		(void)_kernelrpc_mach_port_mod_refs_trap(mach_task_self(), port,
		    MACH_PORT_RIGHT_RECEIVE, -1);
	}
}

static void mig_key_init(void)
{
	pthread_key_create(&mig_key, mig_thread_exit);
}

mach_port_t mig_get_reply_port(void)
{
	if (mig_reply_port == MACH_PORT_NULL) {
		mig_reply_port = mach_reply_port();
		pthread_once(&mig_key_once, mig_key_init);
		pthread_setspecific(mig_key,
		    (void *)(uintptr_t)mig_reply_port);
	}
	return mig_reply_port;
}

void mig_dealloc_reply_port(mach_port_t reply_port)
{
	mach_port_t port = mig_reply_port;

	(void)reply_port;
	if (port == MACH_PORT_NULL)
		return;
	mig_reply_port = MACH_PORT_NULL;
	pthread_setspecific(mig_key, NULL);
	(void)_kernelrpc_mach_port_mod_refs_trap(mach_task_self(), port,
	    MACH_PORT_RIGHT_RECEIVE, -1);
}

void mig_put_reply_port(mach_port_t reply_port)
{
	(void)reply_port;
}

int mig_strncpy(char *dest, const char *src, int len)
{
	int i;

	if (len <= 0)
		return 0;
	if (src == NULL) {
		dest[0] = '\0';
		return 1;
	}
	for (i = 1; i < len; i++)
		if ((*dest++ = *src++) == '\0')
			return i;
	*dest = '\0';
	return i;
}

int mig_strncpy_zerofill(char *dest, const char *src, int len)
{
	int n = mig_strncpy(dest, src, len);

	if (n < len)
		memset(dest + n, 0, (size_t)(len - n));
	return n;
}

void mig_allocate(vm_address_t *addr, vm_size_t size)
{
	uint64_t a = 0;

	if (_kernelrpc_mach_vm_allocate_trap(mach_task_self(), &a, size,
	    VM_FLAGS_ANYWHERE) != KERN_SUCCESS)
		a = 0;
	*addr = (vm_address_t)a;
}

void mig_deallocate(vm_address_t addr, vm_size_t size)
{
	(void)_kernelrpc_mach_vm_deallocate_trap(mach_task_self(), addr, size);
}

void mig_reply_setup(mach_msg_header_t *request, mach_msg_header_t *reply)
{
	mig_reply_error_t *r = (mig_reply_error_t *)(void *)reply;

	reply->msgh_bits =
	    MACH_MSGH_BITS(MACH_MSGH_BITS_REMOTE(request->msgh_bits), 0);
	reply->msgh_size = sizeof(mig_reply_error_t);
	reply->msgh_remote_port = request->msgh_remote_port;
	reply->msgh_local_port = MACH_PORT_NULL;
	reply->msgh_voucher_port = MACH_PORT_NULL;
	/* As XNU: the reply id wraps, (uint32_t)id + 100; never a
	   signed overflow near INT32_MAX. */
	reply->msgh_id = (mach_msg_id_t)((uint32_t)request->msgh_id + 100u);
	r->NDR = NDR_record;
	r->RetCode = KERN_SUCCESS;
}
