/* Plays Pen against the package of the C++ test library tests/cxx/geo (the golden case
   tests/golden/cxx_geo's config): shim -> extern "C" layer -> C++. Constructors and by-value
   results are owned handles whose finalizer deletes the object (LeakSanitizer sees a miss),
   reference results are borrowed, derived handles are accepted where a base is expected,
   exceptions become `T | error` or abort, strings cross with their bytes. Every Pen block must be
   freed at the end (pen_side_finish). */
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
handle* _geo_GeoCircleAsGeoShape(handle* circle);
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

static bool same_text(pen_side_string string, const char* text) {
  const size_t length = strlen(text);
  return length == 0
             ? string == NULL
             : string && string->length == length && memcmp(string->bytes, text, length) == 0;
}

static void expect_error(const char* file, int line, variant value, const char* text) {
  if (value.tag != &pen_side_error_tag) {
    pen_side_fail(file, line, "expected an error");
    return;
  }
  const pen_side_error* error = (const pen_side_error*)(uintptr_t)value.payload;
  if (error->source.tag != &pen_side_string_tag ||
      !same_text((pen_side_string)(uintptr_t)error->source.payload, text)) {
    pen_side_fail(file, line, text);
  }
  pen_side_variant_drop(value);
}
#define CHECK_ERROR(value, text) expect_error(__FILE__, __LINE__, (value), (text))

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

int main(void) {
  functions();
  strings();
  exceptions();
  handles();
  /* [functions."geo::throw_int"] exceptions = "abort". */
  CHECK_ABORTS(throw_int, NULL,
               "pen-bindgen: uncaught C++ exception in geo::throw_int: unknown C++ exception");
  return pen_side_finish();
}
