/* The library of tests/golden/errors_borrow/errors.h for the errors ABI test: messages through
   `char **error`, circles that are shapes (a unit circle is a circle), and counters the driver
   reads to check every object and message is released exactly once. */
#define _POSIX_C_SOURCE 200809L
#include "errors.h"
#include "errors_counters.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

errors_counters counters;

struct shape {
  double area;
};
struct circle {
  shape base;
  double radius;
  int is_default;
};
struct unit_circle {
  circle base;
  double marker;
};

static char *message(const char *text) {
  char *copy = strdup(text);
  if (!copy) {
    abort();
  }
  ++counters.messages;
  return copy;
}

double parse_number(const char *text, char **error) {
  char *end = NULL;
  const double value = strtod(text, &end);
  if (!*text || *end) {
    char buffer[128];
    snprintf(buffer, sizeof buffer, "not a number: %s", text);
    *error = message(buffer);
    return 0;
  }
  return value;
}

bool is_even(double value, char **error) {
  if (value != floor(value)) {
    *error = message("not an integer");
    return false;
  }
  return fmod(value, 2) == 0;
}

void require_nonempty(const char *text, char **error) {
  if (!*text) {
    *error = message("empty");
  }
}

char *describe(int code, char **error) {
  char buffer[32];
  snprintf(buffer, sizeof buffer, "code %d", code);
  if (code < 0) {
    *error = message("negative code");
  }
  ++counters.descriptions;
  return strdup(buffer);
}

const char *lookup_name(int code, char **error) {
  if (code == 0) {
    return "zero";
  }
  if (code == 1) {
    return NULL;
  }
  char buffer[64];
  snprintf(buffer, sizeof buffer, "unknown code %d", code);
  *error = message(buffer);
  return NULL;
}

void errors_free(void *text) {
  ++counters.errors_frees;
  free(text);
}

static circle *make_circle(double radius) {
  circle *made = calloc(1, sizeof(circle));
  if (!made) {
    abort();
  }
  made->radius = radius;
  made->base.area = 3 * radius * radius;
  ++counters.circles_made;
  return made;
}

circle *circle_new(double radius, char **error) {
  if (radius < 0) {
    *error = message("negative radius");
    return NULL;
  }
  if (radius == 0) {
    *error = message("degenerate");
  }
  return make_circle(radius);
}

void circle_destroy(circle *destroyed) {
  if (!destroyed || destroyed->is_default) {
    ++counters.bad_destroys;
    return;
  }
  ++counters.circles_destroyed;
  free(destroyed);
}

shape *circle_as_shape(circle *derived) {
  ++counters.upcasts;
  return derived ? &derived->base : NULL;
}

unit_circle *unit_circle_new(void) {
  unit_circle *made = calloc(1, sizeof(unit_circle));
  if (!made) {
    abort();
  }
  made->base.radius = 1;
  made->base.base.area = 3;
  made->marker = 42;
  ++counters.units_made;
  return made;
}

void unit_circle_destroy(unit_circle *destroyed) {
  if (!destroyed || destroyed->marker != 42) {
    ++counters.bad_destroys;
    return;
  }
  ++counters.units_destroyed;
  free(destroyed);
}

circle *unit_circle_as_circle(unit_circle *derived) {
  ++counters.upcasts;
  return derived ? &derived->base : NULL;
}

double shape_area(const shape *measured) {
  return measured ? measured->area : -1;
}

static circle default_circle = {{12}, 2, 1};

circle *circle_default(void) {
  return &default_circle;
}

circle *circle_find(double radius, char **error) {
  if (radius < 0) {
    *error = message("no such circle");
    return NULL;
  }
  return radius == 1 ? NULL : make_circle(radius);
}

point point_parse(const char *text, char **error) {
  point parsed = {0, 0};
  int consumed = 0;
  if (sscanf(text, "%lf,%lf%n", &parsed.x, &parsed.y, &consumed) != 2 ||
      text[consumed] != '\0') {
    *error = message("not a point");
  }
  return parsed;
}

int circle_open(double radius, circle **opened, char **error) {
  *opened = make_circle(fabs(radius));
  if (radius < 0) {
    *error = message("negative radius");
    return -1;
  }
  return 7;
}
