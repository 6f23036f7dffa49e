/*
 * vm_held.c - the host address ranges the kernel has mapped: every
 * task's regions, the out-of-line pool, regions of messages in transit.
 *
 * All tasks share the process's address space, so a task may name any
 * address in a message.  Memory the kernel never mapped (the process's
 * heap, stacks, static data) counts as the sender's own, as it would on
 * Darwin; memory the kernel mapped belongs to exactly one holder (a
 * task's map, the pool, a message), and only a map's own task may send
 * from it.  This set answers "did the kernel map any of this range?";
 * the map answers "is it mine?".
 *
 * The set is a sorted array of disjoint, non-adjacent intervals:
 *
 *   held[0]        held[1]             held[n-1]
 *   [s0, e0)  gap  [s1, e1)   ...      [s, e)        s0 < e0 < s1 < e1 ...
 *
 * Adding a range merges it with every interval it meets or touches;
 * removing one cuts it out, splitting an interval in two at most once.
 * Every host mmap, munmap and mremap the kernel makes goes through
 * vm_map.c's vm_host_* helpers, which keep the set current.  A
 * generation count moves on every addition, so that a copy made with
 * the kernel lock released can tell whether anything was mapped
 * meanwhile.  Its own mutex: the set is consulted on paths that do not
 * hold the kernel lock.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include <ksim/vm.h>

struct held_range {
	vm_offset_t	start;
	vm_offset_t	end;
};

static pthread_mutex_t held_lock = PTHREAD_MUTEX_INITIALIZER;
static struct held_range *held;
static size_t held_n, held_cap;
static uint64_t held_gen;

/* Index of the first interval whose end is at or above addr. */
static size_t held_search(vm_offset_t addr)
{
	size_t lo = 0, hi = held_n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (held[mid].end < addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static bool held_grow(void)
{
	size_t cap = held_cap ? held_cap * 2 : 64;
	struct held_range *n = realloc(held, cap * sizeof(*n));

	if (n == NULL)
		return false;
	held = n;
	held_cap = cap;
	return true;
}

/*
 * Routine:	vm_held_add
 * Purpose:	Record that the kernel mapped [start, end).
 * Conditions:	Any.  Aborts only if the process is out of memory for
 *		the set itself (a kernel that cannot account for its
 *		mappings cannot keep tasks apart).
 */
void vm_held_add(vm_offset_t start, vm_offset_t end)
{
	size_t i, j;

	if (start >= end)
		return;
	pthread_mutex_lock(&held_lock);
	held_gen++;
	i = held_search(start);		/* first that meets or touches */
	j = i;
	while (j < held_n && held[j].start <= end)
		j++;
	if (i == j) {
		if (held_n == held_cap && !held_grow())
			abort();
		memmove(&held[i + 1], &held[i], (held_n - i) * sizeof(*held));
		held[i].start = start;
		held[i].end = end;
		held_n++;
	} else {
		if (held[i].start < start)
			start = held[i].start;
		if (held[j - 1].end > end)
			end = held[j - 1].end;
		held[i].start = start;
		held[i].end = end;
		memmove(&held[i + 1], &held[j], (held_n - j) * sizeof(*held));
		held_n -= j - i - 1;
	}
	pthread_mutex_unlock(&held_lock);
}

/*
 * Routine:	vm_held_remove
 * Purpose:	Record that the kernel unmapped [start, end) (or handed
 *		the pages to the host for good).
 * Conditions:	Any.
 */
void vm_held_remove(vm_offset_t start, vm_offset_t end)
{
	size_t i;

	if (start >= end)
		return;
	pthread_mutex_lock(&held_lock);
	i = held_search(start);
	if (i < held_n && held[i].end == start)
		i++;
	while (i < held_n && held[i].start < end) {
		struct held_range r = held[i];

		if (r.start < start && r.end > end) {
			/* Split: the one place the set grows on removal. */
			if (held_n == held_cap && !held_grow())
				abort();
			memmove(&held[i + 2], &held[i + 1],
			    (held_n - i - 1) * sizeof(*held));
			held[i].end = start;
			held[i + 1].start = end;
			held[i + 1].end = r.end;
			held_n++;
			break;
		}
		if (r.start < start) {
			held[i].end = start;
			i++;
		} else if (r.end > end) {
			held[i].start = end;
			break;
		} else {
			memmove(&held[i], &held[i + 1],
			    (held_n - i - 1) * sizeof(*held));
			held_n--;
		}
	}
	pthread_mutex_unlock(&held_lock);
}

/*
 * Routine:	vm_held_meets
 * Purpose:	Does [start, end) share a byte with memory the kernel
 *		mapped?
 * Conditions:	Any.
 */
bool vm_held_meets(vm_offset_t start, vm_offset_t end)
{
	size_t i;
	bool meets;

	if (start >= end)
		return false;
	pthread_mutex_lock(&held_lock);
	i = held_search(start);
	if (i < held_n && held[i].end == start)
		i++;
	meets = i < held_n && held[i].start < end;
	pthread_mutex_unlock(&held_lock);
	return meets;
}

uint64_t vm_held_generation(void)
{
	uint64_t g;

	pthread_mutex_lock(&held_lock);
	g = held_gen;
	pthread_mutex_unlock(&held_lock);
	return g;
}

/*
 * Routine:	vm_held_verify
 * Purpose:	The set's invariant: sorted, disjoint, non-adjacent,
 *		non-empty intervals.
 * Returns:	true when it holds.
 */
bool vm_held_verify(void)
{
	size_t i;
	bool ok = true;

	pthread_mutex_lock(&held_lock);
	for (i = 0; i < held_n && ok; i++) {
		if (held[i].start >= held[i].end)
			ok = false;
		if (i > 0 && held[i - 1].end >= held[i].start)
			ok = false;
	}
	pthread_mutex_unlock(&held_lock);
	return ok;
}
