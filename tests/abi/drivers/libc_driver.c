/* Plays Pen against the shim of string.h, stdlib.h and ctype.h (prefix _libc_), linked with the
   real C library. */
#include "pen_side.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

double _libc_strlen(pen_side_string);
double _libc_strcmp(pen_side_string, pen_side_string);
double _libc_strncmp(pen_side_string, pen_side_string, double);
pen_side_string _libc_strchr(pen_side_string, double);
pen_side_string _libc_strstr(pen_side_string, pen_side_string);
double _libc_strspn(pen_side_string, pen_side_string);
pen_side_string _libc_strerror(double);
double _libc_atoi(pen_side_string);
double _libc_abs(double);
double _libc_labs(double);
double _libc_toupper(double);

static double sign(double value) {
  return value < 0 ? -1 : value > 0 ? 1 : 0;
}

int main(void) {
  CHECK_NUMBER(_libc_strlen(pen_side_cstring("hello", 0)), 5.0);
  CHECK_NUMBER(_libc_strlen(NULL), 0.0);
  CHECK_NUMBER(_libc_strlen(pen_side_string_new("ab\0cd", 5, 0)), 2.0);

  CHECK_NUMBER(sign(_libc_strcmp(pen_side_cstring("abc", 0), pen_side_cstring("abd", 0))), -1.0);
  CHECK_NUMBER(_libc_strcmp(NULL, NULL), 0.0);
  pen_side_string same = pen_side_cstring("same", 1); /* f(s, s): two references */
  CHECK_NUMBER(_libc_strcmp(same, same), 0.0);
  CHECK_NUMBER(_libc_strncmp(pen_side_cstring("abc", 0), pen_side_cstring("abd", 0), 2), 0.0);
  CHECK_NUMBER(_libc_strncmp(pen_side_cstring("abc", 0), pen_side_cstring("abd", 0), -1), 0.0);
  CHECK_NUMBER(
      sign(_libc_strncmp(pen_side_cstring("abc", 0), pen_side_cstring("abd", 0), INFINITY)), -1.0);

  /* The results point into the argument: the shim copies them before freeing its copy. */
  CHECK_RESULT(_libc_strchr(pen_side_cstring("hello", 0), 'l'), "llo");
  CHECK_RESULT(_libc_strchr(pen_side_cstring("hello", 0), 'z'), "");
  CHECK_RESULT(_libc_strchr(pen_side_cstring("hello", 0), 0), "");
  CHECK_RESULT(_libc_strchr(NULL, 'a'), "");
  pen_side_string shared = pen_side_cstring("a/b/c", 2);
  CHECK_RESULT(_libc_strchr(shared, '/'), "/b/c");
  CHECK(pen_side_count(shared) == 1);
  CHECK_RESULT(_libc_strstr(shared, pen_side_cstring("b/", 0)), "b/c");
  CHECK(pen_side_count(shared) == 0);
  pen_side_drop(shared);
  CHECK_RESULT(_libc_strstr(pen_side_cstring("haystack", 0), pen_side_cstring("st", 0)), "stack");
  CHECK_RESULT(_libc_strstr(pen_side_cstring("haystack", 0), NULL), "haystack");
  CHECK_RESULT(_libc_strstr(pen_side_cstring("haystack", 0), pen_side_cstring("needle", 0)), "");
  CHECK_NUMBER(_libc_strspn(pen_side_cstring("aaab", 0), pen_side_cstring("a", -1)), 3.0);

  const char* message = strerror(EDOM);
  char expected[256];
  snprintf(expected, sizeof expected, "%s", message);
  pen_side_string error = _libc_strerror(EDOM);
  CHECK(error != NULL && error->length == strlen(expected) &&
        memcmp(error->bytes, expected, error->length) == 0);
  pen_side_drop(error);

  CHECK_NUMBER(_libc_atoi(pen_side_cstring("  -42x", 0)), -42.0);
  CHECK_NUMBER(_libc_atoi(NULL), 0.0);
  CHECK_NUMBER(_libc_abs(-5.9), 5.0);
  CHECK_NUMBER(_libc_abs(1e300), (double)INT_MAX);
  CHECK_NUMBER(_libc_labs(-4611686018427387904.0), 4611686018427387904.0);
  CHECK_NUMBER(_libc_toupper('a'), 'A');
  CHECK_NUMBER(_libc_toupper(-1), -1.0); /* EOF */
  CHECK_NUMBER(_libc_toupper(NAN), 0.0);
  return pen_side_finish();
}
