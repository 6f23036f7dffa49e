/*
 * arena.c - bump allocator with block list; see arena.h.
 */
#include "arena.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_BLOCK (64 * 1024)
#define ARENA_ALIGN 16

struct arena_block {
	struct arena_block *next;
	size_t size;
	_Alignas(ARENA_ALIGN) unsigned char data[];
};

static unsigned long alloc_count;
static unsigned long fail_at;

void arena_fail_after(unsigned long n) { fail_at = n; alloc_count = 0; }
unsigned long arena_alloc_count(void) { return alloc_count; }

void arena_init(struct arena *a)
{
	a->head = NULL;
	a->used = 0;
	a->failed = false;
}

void arena_free(struct arena *a)
{
	struct arena_block *b = a->head;
	while (b) {
		struct arena_block *next = b->next;
		free(b);
		b = next;
	}
	arena_init(a);
}

/* A new block big enough for size bytes becomes the head. */
static bool arena_grow(struct arena *a, size_t size)
{
	size_t cap = size > ARENA_BLOCK ? size : ARENA_BLOCK;
	struct arena_block *b = malloc(sizeof *b + cap);
	if (!b)
		return false;
	b->next = a->head;
	b->size = cap;
	a->head = b;
	a->used = 0;
	return true;
}

void *arena_alloc(struct arena *a, size_t size)
{
	alloc_count++;
	if (a->failed || (fail_at && alloc_count == fail_at) ||
	    size > SIZE_MAX / 2) {
		a->failed = true;
		return NULL;
	}
	size = (size + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
	if (size == 0)
		size = ARENA_ALIGN;
	if (!a->head || a->head->size - a->used < size) {
		if (!arena_grow(a, size)) {
			a->failed = true;
			return NULL;
		}
	}
	void *p = a->head->data + a->used;
	a->used += size;
	memset(p, 0, size);
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);
	if (!p)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

char *arena_vprintf(struct arena *a, const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0) {
		a->failed = true;
		return NULL;
	}
	char *p = arena_alloc(a, (size_t)n + 1);
	if (p)
		vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *p = arena_vprintf(a, fmt, ap);
	va_end(ap);
	return p;
}
