/* Plays Pen against the package of the C++ test library tests/cxx/geo (the golden case
   tests/golden/cxx_geo's config): shim -> extern "C" layer -> C++. Constructors and by-value
   results are owned handles whose finalizer deletes the object (LeakSanitizer sees a miss),
   reference results are borrowed, derived handles are accepted where a base is expected,
   exceptions become `T | error` or abort, strings cross with their bytes, std::vectors cross as
   Pen lists (results built by the shim through the ffi exports, parameters fed to the shim's
   array builders as the Pen module's `_fill` functions do). Every Pen block must be freed at the
   end (pen_side_finish). */
#include "pen_values_side.h"

#include <stdio.h>
#include <string.h>

typedef pen_side_handle handle;
typedef pen_side_variant variant;

double _geo_pen_cxx_geo_c_version(void);
variant _geo_pen_cxx_geo_Shape_area(handle* shape);
variant _geo_pen_cxx_geo_Shape_name(handle* shape);
void _geo_pen_cxx_geo_Circle_delete(handle* circle);
variant _geo_pen_cxx_geo_Circle_new(double radius);
variant _geo_pen_cxx_geo_Circle_radius(handle* circle);
variant _geo_pen_cxx_geo_Circle_unit(void);
variant _geo_pen_cxx_geo_Rect_new(double width, double height);
void _geo_pen_cxx_geo_Rect_scale(handle* rect, double factor);
variant _geo_pen_cxx_geo_Rect_area(handle* rect);
variant _geo_pen_cxx_geo_total_area(handle* a, handle* b);
variant _geo_pen_cxx_geo_scale_double_double(double value, double factor);
variant _geo_pen_cxx_geo_scale_int_int(double value, double factor);
variant _geo_pen_cxx_geo_greet(pen_side_string name);
variant _geo_pen_cxx_geo_count_chars(pen_side_string text, double c);
variant _geo_pen_cxx_geo_checked_sqrt(double value);
void _geo_pen_cxx_geo_throw_int(void);
variant _geo_pen_cxx_geo_next_color(double color);
variant _geo_pen_cxx_geo_Counter_new(void);
variant _geo_pen_cxx_geo_Counter_next(handle* counter);
variant _geo_pen_cxx_geo_Registry_instance(void);
variant _geo_pen_cxx_geo_Registry_size(handle* registry);
variant _geo_pen_cxx_geo_Box_int_new(double value);
variant _geo_pen_cxx_geo_Box_int_get(handle* box);
variant _geo_pen_cxx_geo_Box_int_set(handle* box, double value);
variant _geo_pen_cxx_geo_make_range(double n);
variant _geo_pen_cxx_geo_sum(variant values);
variant _geo_pen_cxx_geo_split(pen_side_string text, double separator);
variant _geo_pen_cxx_geo_join(variant parts, pen_side_string separator);
variant _geo_list_string_new(void);
variant _geo_list_string_push(variant array, pen_side_string element);
pen_side_list* _geo_pen_cxx_geo_is_even(variant values);
variant _geo_pen_cxx_geo_next_colors(variant colors);
variant _geo_pen_cxx_geo_Rect_sides(handle* rect);
variant _geo_pen_cxx_geo_diagonal(double n);
double _geo_pen_cxx_geo_Point_get_x(handle* point);
variant _geo_list_double_new(void);
variant _geo_list_double_push(variant array, double element);
variant _geo_list_int_new(void);
variant _geo_list_int_push(variant array, double element);
handle* _geo_GeoCircleAsGeoShape(handle* circle);
variant _geo_pen_cxx_geo_Point_new(void);
double _geo_pen_cxx_geo_Point_get_x(handle* point);
void _geo_pen_cxx_geo_Point_set_x(handle* point, double value);
double _geo_pen_cxx_geo_Point_get_tag(handle* point);
variant _geo_pen_cxx_geo_Polygon_new(void);
double _geo_pen_cxx_geo_Polygon_get_sides(handle* polygon);
double _geo_pen_cxx_geo_c_twice(double value);
variant _geo_pen_cxx_geo_make_shape(double extent, uint8_t round);
double _geo_pen_cxx_geo_deleted_shapes(void);
handle* _geo_GeoShapeNull(void);
bool _geo_GeoCircleIsNull(handle* circle);

#define KEEP(h) ((handle*)pen_side_record_clone(h))
#define TEXT(text) pen_side_cstring((text), 0)

/* The Pen module's exports for the package's handle types inside `T | error` (pen-abi 5.3). */
#define TO_ANY(type)                                                                               \
  variant _geo_##type##_to_any(handle* value);                                                     \
  variant _geo_##type##_to_any(handle* value) {                                                    \
    return pen_side_record_to_any(value);                                                          \
  }
TO_ANY(GeoBoxInt)
TO_ANY(GeoCircle)
TO_ANY(GeoCounter)
TO_ANY(GeoRect)
TO_ANY(GeoRegistry)
TO_ANY(Point)
TO_ANY(GeoShape)
TO_ANY(GeoPolygon)

/* The Pen module's exports for `[number] | error` and `[string] | error` results. */
variant _geo_list_number_to_any(pen_side_list* list);
variant _geo_list_number_to_any(pen_side_list* list) {
  return pen_side_list_to_any(list);
}
variant _geo_list_string_to_any(pen_side_list* list);
variant _geo_list_string_to_any(pen_side_list* list) {
  return pen_side_list_to_any(list);
}
variant _geo_list_Point_to_any(pen_side_list* list);
variant _geo_list_Point_to_any(pen_side_list* list) {
  return pen_side_list_to_any(list);
}

/* What the Pen module's `_geo_list_<type>_fill` does with a list: one push per element, the
   array's `any` threaded through (pen-abi 6.1). */
static variant doubles(variant (*new_array)(void), variant (*push)(variant, double),
                       const double* elements, size_t count) {
  variant array = new_array();
  for (size_t index = 0; index < count; ++index) {
    array = push(array, elements[index]);
  }
  return array;
}

static double number_of(variant value) {
  double number = 0;
  CHECK(value.tag == &pen_side_number_tag);
  memcpy(&number, &value.payload, sizeof number);
  return number;
}

static pen_side_string string_of(variant value) {
  CHECK(value.tag == &pen_side_string_tag);
  return (pen_side_string)(uintptr_t)value.payload;
}

/* Pen's `if xs = x as [T]`: the list inside a successful `[T] | error`. */
static pen_side_list* list_of(variant value) {
  CHECK(value.tag == &pen_side_list_tag);
  return (pen_side_list*)(uintptr_t)value.payload;
}

static void expect_numbers(const char* file, int line, pen_side_list* list, const double* numbers,
                           size_t count) {
  if (pen_side_list_length(list) != count) {
    pen_side_fail(file, line, "list length");
  }
  for (size_t index = 0; index < count && index < pen_side_list_length(list); ++index) {
    const pen_side_variant* element = pen_side_list_element(list, index);
    double number = 0;
    memcpy(&number, &element->payload, sizeof number);
    if (element->tag != &pen_side_number_tag || number != numbers[index]) {
      pen_side_fail(file, line, "list element");
    }
  }
  pen_side_list_drop(list);
}
#define CHECK_NUMBERS(list, ...)                                                                   \
  expect_numbers(__FILE__, __LINE__, (list), (const double[]){__VA_ARGS__},                        \
                 sizeof((const double[]){__VA_ARGS__}) / sizeof(double))

/* Pen's `if h = x as T`: the handle inside a successful `T | error`. */
static handle* handle_of(variant value) {
  CHECK(value.tag == &pen_side_record_tag);
  return (handle*)(uintptr_t)value.payload;
}

static void functions(void) {
  /* extern "C": bound exactly as C, so a plain number. */
  CHECK_NUMBER(_geo_pen_cxx_geo_c_version(), 3);
  CHECK_NUMBER(number_of(_geo_pen_cxx_geo_scale_double_double(1.5, 2)), 3);
  /* The int overload: numbers are truncated to int by the shim. */
  CHECK_NUMBER(number_of(_geo_pen_cxx_geo_scale_int_int(3.7, 2)), 6);
  CHECK_NUMBER(number_of(_geo_pen_cxx_geo_next_color(0)), 5);
  CHECK_NUMBER(number_of(_geo_pen_cxx_geo_checked_sqrt(6.25)), 2.5);
}

static void strings(void) {
  CHECK_RESULT(string_of(_geo_pen_cxx_geo_greet(TEXT("Pen"))), "Hello, Pen!");
  CHECK_RESULT(string_of(_geo_pen_cxx_geo_greet(NULL)), "Hello, !");
  /* std::string_view parameters get every byte, embedded NULs included. */
  pen_side_string with_nul = pen_side_string_new("a\0ba", 4, 0);
  CHECK_NUMBER(number_of(_geo_pen_cxx_geo_count_chars(with_nul, 'a')), 2);
}

static void lists(void) {
  /* Results: a fresh list each time, elements in order. */
  CHECK_NUMBERS(list_of(_geo_pen_cxx_geo_make_range(4)), 0, 1, 2, 3);
  pen_side_list* empty = list_of(_geo_pen_cxx_geo_make_range(0));
  CHECK(pen_side_list_length(empty) == 0);
  pen_side_list_drop(empty);
  CHECK_ERROR(_geo_pen_cxx_geo_make_range(-1), "make_range: negative count");

  /* Parameters: the array built element by element; an empty list is a NULL array. */
  const double values[] = {1.5, 2.5, 3};
  CHECK_NUMBER(number_of(_geo_pen_cxx_geo_sum(
                   doubles(_geo_list_double_new, _geo_list_double_push, values, 3))),
               7);
  CHECK_NUMBER(number_of(_geo_pen_cxx_geo_sum(
                   doubles(_geo_list_double_new, _geo_list_double_push, NULL, 0))),
               0);
  /* Enough elements to grow the array several times. */
  double many[100];
  for (size_t index = 0; index < 100; ++index) {
    many[index] = (double)index;
  }
  CHECK_NUMBER(number_of(_geo_pen_cxx_geo_sum(
                   doubles(_geo_list_double_new, _geo_list_double_push, many, 100))),
               4950);

  /* Strings: each element a Pen string, "" as NULL. */
  pen_side_list* parts = list_of(_geo_pen_cxx_geo_split(TEXT("a,,bc"), ','));
  CHECK(pen_side_list_length(parts) == 3);
  CHECK(pen_side_same_text(string_of(*pen_side_list_element(parts, 0)), "a"));
  CHECK(pen_side_same_text(string_of(*pen_side_list_element(parts, 1)), ""));
  CHECK(pen_side_same_text(string_of(*pen_side_list_element(parts, 2)), "bc"));
  CHECK(pen_side_list_element(parts, 3) == NULL);
  pen_side_list_drop(parts);

  /* A list of strings as a parameter ("" is Pen's NULL string; the layer test shows NULs inside
     elements arrive, which a string result would cut). */
  variant words = _geo_list_string_new();
  words = _geo_list_string_push(words, TEXT("ab"));
  words = _geo_list_string_push(words, NULL);
  words = _geo_list_string_push(words, TEXT("c"));
  CHECK_RESULT(string_of(_geo_pen_cxx_geo_join(words, TEXT("-"))), "ab--c");
  CHECK_RESULT(string_of(_geo_pen_cxx_geo_join(_geo_list_string_new(), TEXT("-"))), "");

  /* int elements are truncated and saturated like int parameters; a noexcept function's list
     is not fallible; booleans are exactly 0 or 1. */
  const double integers[] = {1, 2, -4.5, 1e300, -1e300};
  pen_side_list* even =
      _geo_pen_cxx_geo_is_even(doubles(_geo_list_int_new, _geo_list_int_push, integers, 5));
  const uint64_t expected[] = {0, 1, 1, 0, 1}; /* -4, INT_MAX, INT_MIN */
  CHECK(pen_side_list_length(even) == 5);
  for (size_t index = 0; index < 5; ++index) {
    const pen_side_variant* element = pen_side_list_element(even, index);
    CHECK(element->tag == &pen_side_boolean_tag && element->payload == expected[index]);
  }
  pen_side_list_drop(even);

  /* Enums both ways as their underlying int. */
  const double colors[] = {0, 5};
  CHECK_NUMBERS(list_of(_geo_pen_cxx_geo_next_colors(
                    doubles(_geo_list_int_new, _geo_list_int_push, colors, 2))),
                5, 6);

  /* A list of handles: each element owns a copy, deleted when the list's last reference goes
     (LeakSanitizer sees a miss); an element kept beyond the list stays valid. */
  pen_side_list* points = list_of(_geo_pen_cxx_geo_diagonal(3));
  CHECK(pen_side_list_length(points) == 3);
  handle* kept = NULL;
  for (size_t index = 0; index < 3; ++index) {
    const pen_side_variant* element = pen_side_list_element(points, index);
    CHECK(element->tag == &pen_side_record_tag);
    handle* point = (handle*)(uintptr_t)element->payload;
    CHECK_NUMBER(_geo_pen_cxx_geo_Point_get_x(KEEP(point)), (double)index);
    if (index == 2) {
      kept = KEEP(point);
    }
  }
  pen_side_list_drop(points);
  CHECK_NUMBER(_geo_pen_cxx_geo_Point_get_x(kept), 2);

  /* A method's list result. */
  handle* rect = handle_of(_geo_pen_cxx_geo_Rect_new(2, 3));
  CHECK_NUMBERS(list_of(_geo_pen_cxx_geo_Rect_sides(rect)), 2, 3);
}

static void wrong_array(void* context) {
  (void)context;
  /* An array of another element type where doubles are expected. */
  (void)_geo_pen_cxx_geo_sum(_geo_list_int_new());
}

static void exceptions(void) {
  CHECK_ERROR(_geo_pen_cxx_geo_checked_sqrt(-1), "checked_sqrt: negative input");
  /* A NULL handle where C++ needs a reference is an error, not a crash. */
  variant circle = _geo_pen_cxx_geo_Circle_new(1);
  CHECK_ERROR(_geo_pen_cxx_geo_total_area(_geo_GeoShapeNull(), handle_of(circle)),
              "NULL handle passed as 'a' to geo::total_area");
}

static void throw_int(void* context) {
  (void)context;
  _geo_pen_cxx_geo_throw_int();
}

static void handles(void) {
  handle* circle = handle_of(_geo_pen_cxx_geo_Circle_new(2));
  CHECK_NUMBER(number_of(_geo_pen_cxx_geo_Circle_radius(KEEP(circle))), 2);
  /* Virtual dispatch through the base handle. */
  CHECK_NUMBER(number_of(_geo_pen_cxx_geo_Shape_area(_geo_GeoCircleAsGeoShape(KEEP(circle)))),
               12.566370614359172);
  CHECK_RESULT(string_of(_geo_pen_cxx_geo_Shape_name(_geo_GeoCircleAsGeoShape(KEEP(circle)))),
               "shape with area 12.566371");

  /* Derived handles where the base is expected; a noexcept method returns its result directly. */
  handle* rect = handle_of(_geo_pen_cxx_geo_Rect_new(2, 3));
  _geo_pen_cxx_geo_Rect_scale(KEEP(rect), 2);
  CHECK_NUMBER(number_of(_geo_pen_cxx_geo_Rect_area(KEEP(rect))), 24);
  CHECK_NUMBER(number_of(_geo_pen_cxx_geo_total_area(KEEP(circle), rect)), 36.566370614359172);

  /* A class by value is a new owned object. */
  handle* unit = handle_of(_geo_pen_cxx_geo_Circle_unit());
  CHECK_NUMBER(number_of(_geo_pen_cxx_geo_Circle_radius(unit)), 1);

  /* Calling the destructor disarms the handle: the last drop deletes nothing twice. */
  _geo_pen_cxx_geo_Circle_delete(KEEP(circle));
  CHECK(_geo_GeoCircleIsNull(KEEP(circle)));
  CHECK_ERROR(_geo_pen_cxx_geo_Circle_radius(circle), "NULL handle passed as 'self' to "
                                                      "geo::Circle::radius");

  /* A move-only class; its handle deletes it on the last drop. */
  handle* counter = handle_of(_geo_pen_cxx_geo_Counter_new());
  CHECK_NUMBER(number_of(_geo_pen_cxx_geo_Counter_next(KEEP(counter))), 1);
  CHECK_NUMBER(number_of(_geo_pen_cxx_geo_Counter_next(counter)), 2);

  /* A template instantiation named in the config. */
  handle* box = handle_of(_geo_pen_cxx_geo_Box_int_new(7));
  CHECK(_geo_pen_cxx_geo_Box_int_set(KEEP(box), 9).tag == &pen_side_none_tag);
  CHECK_NUMBER(number_of(_geo_pen_cxx_geo_Box_int_get(box)), 9);

  /* A reference result is borrowed: the registry (private destructor) is never deleted. */
  handle* registry = handle_of(_geo_pen_cxx_geo_Registry_instance());
  CHECK_NUMBER(number_of(_geo_pen_cxx_geo_Registry_size(registry)), 7);
  CHECK_NUMBER(
      number_of(_geo_pen_cxx_geo_Registry_size(handle_of(_geo_pen_cxx_geo_Registry_instance()))),
      7);
}

/* docs/cplusplus.md: implicit default constructors, extern "C" in a namespace, and a factory's
   raw pointer owned through `borrowed = false`. */
static void implicit_and_owned(void) {
  /* `new geo::Point()` value-initialises: every member zero. */
  handle* point = handle_of(_geo_pen_cxx_geo_Point_new());
  CHECK_NUMBER(_geo_pen_cxx_geo_Point_get_x(KEEP(point)), 0);
  CHECK_NUMBER(_geo_pen_cxx_geo_Point_get_tag(KEEP(point)), 0);
  _geo_pen_cxx_geo_Point_set_x(KEEP(point), 1.25);
  CHECK_NUMBER(_geo_pen_cxx_geo_Point_get_x(point), 1.25);
  /* A default member initializer runs. */
  CHECK_NUMBER(_geo_pen_cxx_geo_Polygon_get_sides(handle_of(_geo_pen_cxx_geo_Polygon_new())), 3);

  CHECK_NUMBER(_geo_pen_cxx_geo_c_twice(21), 42);

  /* The factory's object is deleted when its last handle dies (here, inside the call that
     consumes it); a borrowed handle would leak it (LeakSanitizer) and not count. */
  const double deleted = _geo_pen_cxx_geo_deleted_shapes();
  handle* shape = handle_of(_geo_pen_cxx_geo_make_shape(2, 0));
  CHECK_NUMBER(number_of(_geo_pen_cxx_geo_Shape_area(KEEP(shape))), 4);
  CHECK_NUMBER(_geo_pen_cxx_geo_deleted_shapes(), deleted);
  CHECK_NUMBER(number_of(_geo_pen_cxx_geo_Shape_area(shape)), 4);
  CHECK_NUMBER(_geo_pen_cxx_geo_deleted_shapes(), deleted + 1);
  CHECK_ERROR(_geo_pen_cxx_geo_make_shape(-1, 1), "make_shape: negative extent");
}

int main(void) {
  functions();
  implicit_and_owned();
  strings();
  lists();
  CHECK_ABORTS(wrong_array, NULL, "pen_cxx_geo_sum: the argument is not an array of this type");
  exceptions();
  handles();
  /* [functions."geo::throw_int"] exceptions = "abort". */
  CHECK_ABORTS(throw_int, NULL,
               "pen-bindgen: uncaught C++ exception in geo::throw_int: unknown C++ exception");
  return pen_side_finish();
}
