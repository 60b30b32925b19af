/* The checks of the C drivers of generated extern "C" layers (tests/cxx/layer): each failed
   check is printed and counted in `failures`, which the driver's main returns on. */
#ifndef LAYER_CHECKS_H
#define LAYER_CHECKS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures = 0;

static void check(int condition, const char* what) {
  if (!condition) {
    fprintf(stderr, "FAILED: %s\n", what);
    ++failures;
  }
}

/* `actual` is a string the layer allocated: compared, then freed. */
static void check_string(char* actual, const char* expected, const char* what) {
  check(actual != NULL && strcmp(actual, expected) == 0, what);
  if (actual != NULL && strcmp(actual, expected) != 0) {
    fprintf(stderr, "  got '%s', expected '%s'\n", actual, expected);
  }
  free(actual);
}

#endif
