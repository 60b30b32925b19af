/* Plays Pen against the shim of tests/golden/errors_borrow/errors.h (with its errors.toml):
   `T | error` results of every kind both ways (the message text, the message freed with the
   configured function, a result the callee made before failing released), a borrowed handle
   result that never runs the destructor, and upcasts: a Circle accepted where a Shape is
   expected, `CircleAsShape` sharing the circle's lifetime, and a UnitCircle upcast twice. Every
   Pen block must be freed at the end (pen_side_finish). */
#include "errors_counters.h"
#include "pen_values_side.h"

#include <stdio.h>
#include <string.h>

typedef pen_side_handle handle;
typedef pen_side_variant variant;

typedef struct point_body { /* type Point { X number  Y number } */
  double x;
  double y;
} point_body;
typedef struct open_body { /* type CircleOpenResult { Result number  Circle Circle } */
  double result;
  handle* circle;
} open_body;

variant _errors_parse_number(pen_side_string text);
variant _errors_is_even(double value);
variant _errors_require_nonempty(pen_side_string text);
variant _errors_describe(double code);
variant _errors_lookup_name(double code);
variant _errors_circle_new(double radius);
void _errors_circle_destroy(handle* circle);
handle* _errors_unit_circle_new(void);
double _errors_shape_area(handle* shape);
handle* _errors_circle_default(void);
variant _errors_circle_find(double radius);
variant _errors_point_parse(pen_side_string text);
variant _errors_circle_open(double radius);
handle* _errors_CircleAsShape(handle* circle);
handle* _errors_UnitCircleAsCircle(handle* unit);
handle* _errors_ShapeNull(void);
bool _errors_ShapeSame(handle* a, handle* b);
bool _errors_ShapeIsNull(handle* shape);
bool _errors_CircleIsNull(handle* circle);

#define KEEP(h) ((handle*)pen_side_record_clone(h))
#define TEXT(text) pen_side_cstring((text), 0)

/* The Pen module's exports for the package's types inside `T | error` (pen-abi 5.3). */
variant _errors_Circle_to_any(handle* circle);
variant _errors_Circle_to_any(handle* circle) {
  return pen_side_record_to_any(circle);
}
static uint64_t point_clone(uint64_t payload) {
  return (uint64_t)(uintptr_t)pen_side_record_clone((void*)(uintptr_t)payload);
}
static void point_drop(uint64_t payload) {
  void* record = (void*)(uintptr_t)payload;
  if (pen_side_record_release(record)) {
    pen_side_record_free(record);
  }
}
static void no_synchronize(uint64_t payload) {
  (void)payload;
}
static const pen_side_type_info point_tag = {point_clone, point_drop, no_synchronize, NULL};
variant _errors_Point_to_any(point_body* point);
variant _errors_Point_to_any(point_body* point) {
  return (variant){&point_tag, (uint64_t)(uintptr_t)point};
}
static void open_drop(uint64_t payload) {
  open_body* record = (open_body*)(uintptr_t)payload;
  if (pen_side_record_release(record)) {
    pen_side_handle_drop(record->circle);
    pen_side_record_free(record);
  }
}
static const pen_side_type_info open_tag = {point_clone, open_drop, no_synchronize, NULL};
variant _errors_CircleOpenResult_to_any(open_body* result);
variant _errors_CircleOpenResult_to_any(open_body* result) {
  return (variant){&open_tag, (uint64_t)(uintptr_t)result};
}

static double number_of(variant value) {
  double number = 0;
  CHECK(value.tag == &pen_side_number_tag);
  memcpy(&number, &value.payload, sizeof number);
  return number;
}

static void scalars(void) {
  CHECK_NUMBER(number_of(_errors_parse_number(TEXT("2.5"))), 2.5);
  CHECK_ERROR(_errors_parse_number(TEXT("x1")), "not a number: x1");
  variant even = _errors_is_even(4);
  CHECK(even.tag == &pen_side_boolean_tag && even.payload == 1);
  variant odd = _errors_is_even(3);
  CHECK(odd.tag == &pen_side_boolean_tag && odd.payload == 0);
  CHECK_ERROR(_errors_is_even(0.5), "not an integer");
  CHECK(_errors_require_nonempty(TEXT("a")).tag == &pen_side_none_tag);
  CHECK_ERROR(_errors_require_nonempty(NULL), "empty");
}

static void strings(void) {
  variant described = _errors_describe(3);
  CHECK(described.tag == &pen_side_string_tag);
  CHECK_RESULT((pen_side_string)(uintptr_t)described.payload, "code 3");
  /* The owned result of a failed call is freed too (ASan's leak check) and not returned. */
  CHECK_ERROR(_errors_describe(-1), "negative code");
  CHECK(counters.descriptions == 2);

  variant zero = _errors_lookup_name(0);
  CHECK(zero.tag == &pen_side_string_tag);
  CHECK_RESULT((pen_side_string)(uintptr_t)zero.payload, "zero");
  CHECK(_errors_lookup_name(1).tag == &pen_side_none_tag);
  CHECK(counters.errors_frees == 0);
  CHECK_ERROR(_errors_lookup_name(5), "unknown code 5");
  CHECK(counters.errors_frees == 1); /* error_free = "errors_free", not free */
}

static void handles(void) {
  variant made = _errors_circle_new(2);
  CHECK(made.tag == &pen_side_record_tag);
  handle* circle = (handle*)(uintptr_t)made.payload; /* Pen's `if c = x as Circle` */
  CHECK(!_errors_CircleIsNull(KEEP(circle)));
  CHECK_NUMBER(_errors_shape_area(_errors_CircleAsShape(KEEP(circle))), 12);
  pen_side_handle_drop(circle);
  CHECK(counters.circles_destroyed == 1);

  CHECK_ERROR(_errors_circle_new(-1), "negative radius");
  /* The callee made a circle before failing: the shim's fresh handle destroys it. */
  CHECK_ERROR(_errors_circle_new(0), "degenerate");
  CHECK(counters.circles_made == 2 && counters.circles_destroyed == 2);

  variant found = _errors_circle_find(3);
  CHECK(found.tag == &pen_side_record_tag);
  pen_side_variant_drop(found);
  CHECK(_errors_circle_find(1).tag == &pen_side_none_tag);
  CHECK_ERROR(_errors_circle_find(-1), "no such circle");
  CHECK(counters.circles_made == 3 && counters.circles_destroyed == 3);
}

static void records(void) {
  variant parsed = _errors_point_parse(TEXT("1.5,-2"));
  CHECK(parsed.tag == &point_tag);
  const point_body* point = (const point_body*)(uintptr_t)parsed.payload;
  CHECK_NUMBER(point->x, 1.5);
  CHECK_NUMBER(point->y, -2);
  pen_side_variant_drop(parsed);
  CHECK_ERROR(_errors_point_parse(TEXT("1.5")), "not a point");

  variant opened = _errors_circle_open(1);
  CHECK(opened.tag == &open_tag);
  const open_body* result = (const open_body*)(uintptr_t)opened.payload;
  CHECK_NUMBER(result->result, 7);
  CHECK_NUMBER(_errors_shape_area(_errors_CircleAsShape(KEEP(result->circle))), 3);
  pen_side_variant_drop(opened);
  /* The out-parameter's circle of a failed call is destroyed with the result record. */
  CHECK_ERROR(_errors_circle_open(-2), "negative radius");
  CHECK(counters.circles_made == 5 && counters.circles_destroyed == 5);
}

static void borrowed(void) {
  handle* library_circle = _errors_circle_default();
  CHECK_NUMBER(_errors_shape_area(_errors_CircleAsShape(KEEP(library_circle))), 12);
  pen_side_handle_drop(library_circle);
  CHECK(counters.bad_destroys == 0); /* the library's own circle is never destroyed */
}

static void upcasts(void) {
  variant made = _errors_circle_new(1);
  handle* circle = (handle*)(uintptr_t)made.payload;
  handle* shape = _errors_CircleAsShape(KEEP(circle));
  /* A Shape handle holding the circle's box: the same pointer, converted. */
  CHECK(shape->inner.tag == circle->inner.tag && shape->inner.payload == circle->inner.payload);
  handle* again = _errors_CircleAsShape(KEEP(circle));
  CHECK(_errors_ShapeSame(KEEP(shape), again));
  /* The circle lives while the Shape handle does. */
  pen_side_handle_drop(circle);
  CHECK(counters.circles_destroyed == 5);
  CHECK(!_errors_ShapeIsNull(KEEP(shape)));
  CHECK_NUMBER(_errors_shape_area(KEEP(shape)), 3);
  pen_side_handle_drop(shape);
  CHECK(counters.circles_destroyed == 6);

  /* UnitCircle -> Circle -> Shape: its own destructor runs once, on the last handle. */
  handle* unit = _errors_unit_circle_new();
  handle* as_circle = _errors_UnitCircleAsCircle(KEEP(unit));
  handle* as_shape = _errors_CircleAsShape(KEEP(as_circle));
  pen_side_handle_drop(unit);
  pen_side_handle_drop(as_circle);
  CHECK(counters.units_destroyed == 0);
  const int upcasts_before = counters.upcasts;
  CHECK_NUMBER(_errors_shape_area(KEEP(as_shape)), 3);
  CHECK(counters.upcasts == upcasts_before + 2); /* unit_circle_as_circle, circle_as_shape */
  pen_side_handle_drop(as_shape);
  CHECK(counters.units_destroyed == 1 && counters.circles_destroyed == 6);

  /* An explicit destructor call disarms the box: the last drop does not destroy it again. */
  variant second = _errors_circle_new(1);
  handle* destroyed = (handle*)(uintptr_t)second.payload;
  _errors_circle_destroy(KEEP(destroyed));
  CHECK(counters.circles_destroyed == 7);
  CHECK(_errors_CircleIsNull(KEEP(destroyed)));
  pen_side_handle_drop(destroyed);
  CHECK(counters.circles_destroyed == 7 && counters.bad_destroys == 0);
}

typedef struct wrong_tag_context {
  handle* value;
} wrong_tag_context;

static void pass_as_circle(void* context) {
  (void)_errors_CircleAsShape(((wrong_tag_context*)context)->value);
}

static void wrong_tag(void) {
  /* A UnitCircle handle is accepted where a Circle is expected (a derived type) ... */
  handle* unit = _errors_unit_circle_new();
  CHECK_NUMBER(_errors_shape_area(_errors_CircleAsShape(unit)), 3);
  CHECK(counters.units_destroyed == 2);
  /* ... a Shape handle of the Shape type itself is not: the existing message, then abort. */
  wrong_tag_context context = {_errors_ShapeNull()};
  CHECK_ABORTS(pass_as_circle, &context,
               "CircleAsShape: expected a Circle handle, got another value");
  pen_side_handle_drop(context.value);
}

int main(void) {
  scalars();
  strings();
  handles();
  records();
  borrowed();
  upcasts();
  wrong_tag();
  CHECK(counters.bad_destroys == 0);
  return pen_side_finish();
}
