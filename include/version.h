#ifndef PROLO_VERSION_H
#define PROLO_VERSION_H

/*
 * Set by the Makefile: the release, the compiled-in data folder, and
 * what --version adds after the release: "" for the release build,
 * " (asan build)" for a variant.
 */
extern const char prolo_version[];
extern const char prolo_datadir[];
extern const char prolo_build[];

#endif
