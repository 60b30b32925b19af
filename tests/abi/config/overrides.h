/* A library exercising every config override (tests/golden/config, tests/abi). */
#ifndef OVERRIDES_H
#define OVERRIDES_H

#include <stddef.h>

#define LIMIT 10

/* zlib's crc32 shape: a pointer and a length. */
unsigned long checksum(unsigned long crc, const unsigned char *buf, unsigned int len);
/* Writes to its buffer: the shim passes a copy. Returns the sum of the bytes it saw. */
long scramble(unsigned char *buf, size_t len);
/* NULL for unknown keys. */
const char *lookup(int key);
/* A malloc'd string the caller frees. */
char *describe(int code);
/* Counts the calls of the function passed as owned free function. */
void release_description(void *description);
long released_descriptions(void);
int sum_ints(int count, ...);
const char *format_number(const char *format, ...);

typedef int (*row_visitor)(void *user, int columns, char **values, char **names);
/* Calls `visit` for each of `rows` rows of two columns, as sqlite3_exec does; stops when it
   returns non-zero and returns that. */
int for_each_row(int rows, row_visitor visit, void *user);
/* The user data comes last in the callback. */
double apply_twice(double (*function)(double x, void *context), void *context, double x);
/* No user data: skipped. */
void call_later(void (*function)(int));

#endif
