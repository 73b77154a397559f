/*
 * Allocation failure on demand, linked into the fault-injection build
 * with -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc and a static
 * libyaml, so prolo's and libyaml's allocations both go through here.
 * PROLO_FAULT_ALLOC=N makes the Nth allocation return NULL.
 */
#include <stdlib.h>

void	*__real_malloc(size_t);
void	*__real_calloc(size_t, size_t);
void	*__real_realloc(void *, size_t);
void	*__wrap_malloc(size_t);
void	*__wrap_calloc(size_t, size_t);
void	*__wrap_realloc(void *, size_t);

static long left = -2;		/* -2: not read yet; -1: never fail */

static int
fail_now(void)
{
	const char *env;

	if (left == -2) {
		env = getenv("PROLO_FAULT_ALLOC");
		left = env && *env ? strtol(env, NULL, 10) - 1 : -1;
	}
	if (left < 0)
		return 0;
	return left-- == 0;
}

void *
__wrap_malloc(size_t size)
{
	return fail_now() ? NULL : __real_malloc(size);
}

void *
__wrap_calloc(size_t n, size_t size)
{
	return fail_now() ? NULL : __real_calloc(n, size);
}

void *
__wrap_realloc(void *p, size_t size)
{
	return fail_now() ? NULL : __real_realloc(p, size);
}
