#include "version.h"

#ifndef PROLO_VERSION
#define PROLO_VERSION "unknown"
#endif
#ifndef PROLO_DATADIR
#define PROLO_DATADIR "data"
#endif

const char prolo_version[] = PROLO_VERSION;
const char prolo_datadir[] = PROLO_DATADIR;
