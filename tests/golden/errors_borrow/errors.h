/* Fallible results, borrowed results and upcasts from C (docs/type-mapping.md): the failing
   functions store a malloc'd message through `char **error`; circles are shapes. */
#ifndef ERRORS_H
#define ERRORS_H

#include <stdbool.h>

/* "not a number: <text>" unless text is a decimal number. */
double parse_number(const char *text, char **error);
/* "not an integer" unless value is one. */
bool is_even(double value, char **error);
/* "empty" for "". */
void require_nonempty(const char *text, char **error);
/* A malloc'd "code <n>"; for a negative code also the message "negative code" (the caller frees
   both). */
char *describe(int code, char **error);
/* 0: "zero", 1: NULL, otherwise the message "unknown code <n>", freed with errors_free. */
const char *lookup_name(int code, char **error);
void errors_free(void *message);

typedef struct shape shape;
typedef struct circle circle;
typedef struct unit_circle unit_circle;

/* A negative radius fails with NULL; radius 0 gives a circle and the message "degenerate". */
circle *circle_new(double radius, char **error);
void circle_destroy(circle *circle);
shape *circle_as_shape(circle *circle);
unit_circle *unit_circle_new(void);
void unit_circle_destroy(unit_circle *unit);
circle *unit_circle_as_circle(unit_circle *unit);
double shape_area(const shape *shape);
/* The library's own circle: never destroyed by its users. */
circle *circle_default(void);
/* NULL for radius 1, an error for a negative radius, else a new circle. */
circle *circle_find(double radius, char **error);

typedef struct point {
  double x;
  double y;
} point;
/* "x,y"; anything else fails. */
point point_parse(const char *text, char **error);
/* Out-parameter and error: a negative radius fails after storing a circle anyway. */
int circle_open(double radius, circle **circle, char **error);

#endif
