/* A library for tests/abi/drivers/records_driver.c: structs by value (numbers, a boolean, a
   string, a nested struct), `const T *` inputs, structs returned; an opaque handle type with a
   destructor (config records.toml), out-parameters, a nullable handle result, and a struct used
   through pointers whose members are bitfields, arrays, a union and a nested struct. */
#ifndef RECORDS_H
#define RECORDS_H

#include <stdbool.h>
#include <stddef.h>

/* counter_find's _Nullable is a clang extension that asks for nullability on every pointer. */
#if defined(__clang__)
#pragma clang diagnostic push
#pragma clang diagnostic ignored "-Wnullability-extension"
#pragma clang diagnostic ignored "-Wnullability-completeness"
#endif

struct point {
  int x;
  int y;
};

typedef struct shape {
  double area;
  bool filled;
  const char* label;
  struct point origin;
  unsigned char kind;
  long long id;
} shape;

struct point point_add(struct point a, struct point b);
/* The label is "made", or NULL for an empty one. */
shape shape_make(const char* label, struct point origin, bool filled);
/* The same shape, moved; the label is the caller's. */
shape shape_moved(shape s, int dx, int dy);
double shape_weight(const shape* s);

/* An opaque handle with a destructor. */
typedef struct counter counter;
counter* counter_open(int start);
int counter_next(counter* c);
const char* counter_label(const counter* c);
void counter_close(counter* c);
/* 0 and a new counter, or -1 and NULL for a negative start. */
int counter_open_checked(int start, counter** out);
/* The counter most recently opened and not closed, or NULL. */
counter* counter_latest(void);
/* The open counter that started at `start`, or NULL: nullable by the header's attribute, which
   only clang knows (and libclang reads). */
#if !defined(__clang__) && !defined(_Nullable)
#define _Nullable
#endif
counter* _Nullable counter_find(int start);
int counters_alive(void);
int counters_closed(void);
int counter_closes_of(int start);

/* A struct the package allocates and reaches through accessors. */
struct settings {
  unsigned int flags : 3;
  unsigned int enabled : 1;
  signed int delta : 4;
  int values[4];
  union {
    int as_int;
    float as_float;
  } u;
  struct {
    short depth;
  } nested;
  unsigned char* data;
  size_t data_length;
  counter* owner;
};
/* flags + enabled + delta + values + u.as_int + nested.depth + the data bytes + owner's value. */
long settings_sum(const struct settings* s);

#if defined(__clang__)
#pragma clang diagnostic pop
#endif

#endif
