/*
 * arena.h - the compiler's allocator.
 *
 * Every object the compiler makes (tokens' text, AST nodes, model objects,
 * output buffers) comes from one arena and is freed at once with it.
 * Allocation failure is reported, never ignored: arena_alloc returns NULL
 * and sets arena->failed, so callers can unwind and the driver reports
 * "out of memory".  A test hook can make the Nth allocation fail, so
 * out-of-memory paths are exercised (see arena_fail_after).
 */
#ifndef MIG_ARENA_H
#define MIG_ARENA_H

#include <stddef.h>
#include <stdbool.h>
#include <stdarg.h>

struct arena_block;

struct arena {
	struct arena_block *head;   /* newest block first */
	size_t used;                /* bytes used in head */
	bool failed;                /* an allocation has failed */
};

void arena_init(struct arena *a);
void arena_free(struct arena *a);

/* Zeroed memory aligned for any object; NULL (and a->failed) on failure. */
void *arena_alloc(struct arena *a, size_t size);
/* Copy of s[0..n) plus NUL; NULL on failure. */
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s);
/* printf into the arena; NULL on failure. */
char *arena_printf(struct arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
char *arena_vprintf(struct arena *a, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));

/*
 * Fault injection (tests only): the allocation numbered n (counting from 1,
 * process wide, arena_alloc and every helper above) fails; 0 turns it off.
 * arena_alloc_count() says how many allocations were made so far.
 */
void arena_fail_after(unsigned long n);
unsigned long arena_alloc_count(void);

#endif
