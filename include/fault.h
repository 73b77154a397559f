#ifndef PROLO_FAULT_H
#define PROLO_FAULT_H

#include <stdio.h>

/*
 * A test hook for fault injection, in the way of curl's torture tests.
 * In a build with -DPROLO_FAULTS and PROLO_FAULT_WRITE=N in the
 * environment, the stream returned writes unbuffered and its Nth write
 * fails, so every write can be made to fail in turn.  In any other
 * build it returns the stream it was given.
 */
FILE	*fault_stream(FILE *);

#endif
