/*
 * <ksim/verify.h> - invariant walkers.  Each returns true when every
 * invariant holds; otherwise false with a description in why.
 */
#ifndef KSIM_VERIFY_H
#define KSIM_VERIFY_H

#include <ksim/ipc.h>

/* One space: type bits, urefs, names, back pointers (kernel unlocked). */
bool ipc_space_verify(ipc_space_t space, char *why, size_t len);

/*
 * Every space, port and message: each live port's srights and sorights
 * equal the rights held by names, messages, requests and kernel objects;
 * its receive right has exactly one holder; with quiescent=true also
 * msgcount == queued messages.  Kernel unlocked.
 */
bool ipc_verify_all(bool quiescent, char *why, size_t len);

/* Live object counts (for leak checks around a test). */
struct ipc_counts {
	size_t	ports;
	size_t	psets;
	size_t	kmsgs;
	size_t	spaces;
};
void ipc_counts_get(struct ipc_counts *c);

#endif /* KSIM_VERIFY_H */
