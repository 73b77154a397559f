#include "version.h"

#ifndef PROLO_VERSION
#define PROLO_VERSION "unknown"
#endif
#ifndef PROLO_DATADIR
#define PROLO_DATADIR "data"
#endif

const char prolo_version[] = PROLO_VERSION;
const char prolo_datadir[] = PROLO_DATADIR;

/*
 * A variant build (asan, valgrind, cov ...) says so after its version,
 * so that its binary, many times slower, is never taken for the
 * release, which says nothing more.
 */
#ifdef PROLO_VARIANT
const char prolo_build[] = " (" PROLO_VARIANT " build)";
#else
const char prolo_build[] = "";
#endif
