#include "overrides.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

unsigned long checksum(unsigned long crc, const unsigned char *buf, unsigned int len) {
  for (unsigned int i = 0; i < len; ++i) {
    crc = crc * 31 + buf[i];
  }
  return crc;
}

long scramble(unsigned char *buf, size_t len) {
  long sum = 0;
  for (size_t i = 0; i < len; ++i) {
    sum += buf[i];
    buf[i] = 0xFF;
  }
  return sum;
}

const char *lookup(int key) {
  return key == 1 ? "one" : key == 2 ? "two" : NULL;
}

static long released;

char *describe(int code) {
  if (code < 0) {
    return NULL;
  }
  char *text = malloc(32);
  snprintf(text, 32, "code %d", code);
  return text;
}

void release_description(void *description) {
  ++released;
  free(description);
}

long released_descriptions(void) {
  return released;
}

int sum_ints(int count, ...) {
  va_list arguments;
  va_start(arguments, count);
  int sum = 0;
  for (int i = 0; i < count; ++i) {
    sum += va_arg(arguments, int);
  }
  va_end(arguments);
  return sum;
}

const char *format_number(const char *format, ...) {
  static char buffer[64];
  va_list arguments;
  va_start(arguments, format);
  vsnprintf(buffer, sizeof buffer, format, arguments);
  va_end(arguments);
  return buffer;
}

int for_each_row(int rows, row_visitor visit, void *user) {
  static char *names[] = {"id", "name"};
  for (int row = 0; row < rows; ++row) {
    char id[16];
    snprintf(id, sizeof id, "%d", row);
    char *values[] = {id, row % 2 ? NULL : "even"};
    int stop = visit(user, 2, values, names);
    if (stop) {
      return stop;
    }
  }
  return 0;
}

double apply_twice(double (*function)(double x, void *context), void *context, double x) {
  return function(function(x, context), context);
}

void call_later(void (*function)(int)) {
  function(0);
}
