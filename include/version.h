#ifndef PROLO_VERSION_H
#define PROLO_VERSION_H

/* Set by the Makefile: the release and the compiled-in data folder. */
extern const char prolo_version[];
extern const char prolo_datadir[];

#endif
