/* A hand-written stand-in for a generated shim over a C++ layer: plain C calling the layer. */
#include "y_cxx.h"

#include <stdlib.h>
#include <string.h>

int _y_greeting_length(const char *name, int fail);

/* The greeting's length, or -1 and the exception's message length negated when it threw. */
int _y_greeting_length(const char *name, int fail) {
  char *error = NULL;
  char *greeting = pen_cxx_greet(name, fail, &error);
  int length = greeting ? (int)strlen(greeting) : -(int)strlen(error);
  free(greeting);
  free(error);
  return length;
}
