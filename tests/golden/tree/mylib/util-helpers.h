#ifndef MYLIB_UTIL_HELPERS_H
#define MYLIB_UTIL_HELPERS_H

#include <stddef.h>

double mylib_clamp(double value, double low, double high);
void *mylib_alloc(size_t size);

#endif
