/* Drives the generated extern "C" layer of tests/cxx/geo from C, without Pen: conversions,
   ownership and exceptions of ffi/geo_cxx.cpp (docs/cplusplus.md). Run under ASan and UBSan.
   `layer_driver abort` calls the function the config makes abort; it must not return. */
#include "geo_cxx.h"
#include "layer_checks.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char** argv) {
  char* error = NULL;
  if (argc > 1 && strcmp(argv[1], "abort") == 0) {
    pen_cxx_geo_throw_int(); /* [functions."geo::throw_int"] exceptions = "abort" */
    return 0;
  }

  check(pen_cxx_geo_c_version() == 3, "extern \"C\" function");

  /* Constructors are owned handles; methods take them first; the deleter frees them. */
  pen_cxx_geo_Circle* circle = pen_cxx_geo_Circle_new(2.0, &error);
  check(circle != NULL && error == NULL, "constructor");
  check(pen_cxx_geo_Circle_radius(circle, &error) == 2.0, "const method");
  check(fabs(pen_cxx_geo_Circle_area(circle, &error) - 12.566370614359172) < 1e-12, "override");

  /* A derived handle converts to its base; virtual calls go to the derived class. */
  pen_cxx_geo_Shape* shape = pen_cxx_geo_Circle_to_geo_Shape(circle);
  check(fabs(pen_cxx_geo_Shape_area(shape, &error) - 12.566370614359172) < 1e-12, "upcast");
  check_string(pen_cxx_geo_Shape_name(shape, &error), "shape with area 12.566371",
               "std::string result");

  pen_cxx_geo_Rect* rect = pen_cxx_geo_Rect_new(2.0, 3.0, &error);
  pen_cxx_geo_Rect_scale(rect, 2.0); /* noexcept: no error parameter */
  check(pen_cxx_geo_Rect_area(rect, &error) == 24.0, "noexcept method");
  check(fabs(pen_cxx_geo_total_area(shape, pen_cxx_geo_Rect_to_geo_Shape(rect), &error) -
             36.566370614359172) < 1e-12,
        "class references");

  /* A class returned by value becomes a new owned object. */
  pen_cxx_geo_Circle* unit = pen_cxx_geo_Circle_unit(&error);
  check(unit != NULL && unit != circle && pen_cxx_geo_Circle_radius(unit, &error) == 1.0,
        "class result by value");
  pen_cxx_geo_Circle_delete(unit);

  /* Overloads. */
  check(pen_cxx_geo_scale_double_double(1.5, 2.0, &error) == 3.0, "overload (double)");
  check(pen_cxx_geo_scale_int_int(3, 4, &error) == 12, "overload (int)");

  /* Strings: bytes and a length in, a malloc'd copy out. */
  check_string(pen_cxx_geo_greet("Pen", 3, &error), "Hello, Pen!", "std::string parameter");
  check_string(pen_cxx_geo_greet(NULL, 0, &error), "Hello, !", "empty string without bytes");
  check(pen_cxx_geo_count_chars("a\0ba", 4, 'a', &error) == 2, "string_view with a NUL");

  /* Enums cross as their underlying integers. */
  check(pen_cxx_geo_next_color(0, &error) == 5, "enum class");

  /* Exceptions become messages. */
  check(pen_cxx_geo_checked_sqrt(4.0, &error) == 2.0 && error == NULL, "no exception");
  pen_cxx_geo_checked_sqrt(-1.0, &error);
  check_string(error, "checked_sqrt: negative input", "std::exception what()");
  error = NULL;

  /* A NULL handle where C++ wants a reference or an object is an error, not a crash. */
  pen_cxx_geo_total_area(NULL, shape, &error);
  check_string(error, "NULL handle passed as 'a' to geo::total_area", "NULL reference");
  error = NULL;

  /* std::vector results: a malloc'd array (NULL when empty) and its size through pen_count;
     parameters: an array and a count (NULL with 0 for an empty list). */
  size_t count = 99;
  double* range = pen_cxx_geo_make_range(3, &count, &error);
  check(range != NULL && count == 3 && range[0] == 0.0 && range[2] == 2.0, "std::vector result");
  free(range);
  count = 99;
  check(pen_cxx_geo_make_range(0, &count, &error) == NULL && count == 0, "empty std::vector");
  count = 99;
  check(pen_cxx_geo_make_range(-1, &count, &error) == NULL && count == 0,
        "std::vector result of a call that threw");
  check_string(error, "make_range: negative count", "exception from a std::vector function");
  error = NULL;
  const double values[] = {1.5, 2.5};
  check(pen_cxx_geo_sum(values, 2, &error) == 4.0, "std::vector parameter");
  check(pen_cxx_geo_sum(NULL, 0, &error) == 0.0, "empty std::vector parameter");
  char** parts = pen_cxx_geo_split("x y", 3, ' ', &count, &error);
  check(parts != NULL && count == 2, "std::vector<std::string> result");
  if (parts != NULL && count == 2) {
    check_string(parts[0], "x", "first string element");
    check_string(parts[1], "y", "second string element");
  }
  free(parts);
  const char* const words[] = {"a\0b", NULL, "c"};
  const size_t word_sizes[] = {3, 0, 1};
  char* joined = pen_cxx_geo_join(words, word_sizes, 3, "-", 1, &error);
  check(joined != NULL && memcmp(joined, "a\0b--c", 6) == 0 && joined[6] == '\0',
        "std::vector<std::string> parameter with a NUL and an element without bytes");
  free(joined);
  const int integers[] = {3, 4};
  bool* even = pen_cxx_geo_is_even(integers, 2, &count);
  check(even != NULL && count == 2 && !even[0] && even[1], "std::vector<bool> result");
  free(even);
  const int colors[] = {0};
  int* next = pen_cxx_geo_next_colors(colors, 1, &count, &error);
  check(next != NULL && count == 1 && next[0] == 5, "std::vector of an enum");
  free(next);
  pen_cxx_geo_Point** points = pen_cxx_geo_diagonal(2, &count, &error);
  check(points != NULL && count == 2 && pen_cxx_geo_Point_get_x(points[1]) == 1.0,
        "std::vector of a class: new objects");
  for (size_t index = 0; points != NULL && index < count; ++index) {
    pen_cxx_geo_Point_delete(points[index]);
  }
  free(points);
  double* sides = pen_cxx_geo_Rect_sides(rect, &count, &error);
  check(sides != NULL && count == 2 && sides[0] == 4.0 && sides[1] == 6.0, "method's std::vector");
  free(sides);

  /* Template instantiations named in the config. */
  pen_cxx_geo_Box_int* box = pen_cxx_geo_Box_int_new(7, &error);
  pen_cxx_geo_Box_int_set(box, 9, &error);
  check(pen_cxx_geo_Box_int_get(box, &error) == 9, "template instantiation");
  pen_cxx_geo_Box_int_delete(box);

  /* A reference result is borrowed: the registry outlives every handle. */
  pen_cxx_geo_Registry* registry = pen_cxx_geo_Registry_instance(&error);
  check(registry != NULL && registry == pen_cxx_geo_Registry_instance(&error),
        "borrowed reference result");

  /* An implicit default constructor: `new geo::Point()`, members zeroed. */
  pen_cxx_geo_Point* origin = pen_cxx_geo_Point_new(&error);
  check(origin != NULL && pen_cxx_geo_Point_get_x(origin) == 0.0 &&
            pen_cxx_geo_Point_get_y(origin) == 0.0 && pen_cxx_geo_Point_get_tag(origin) == 0,
        "implicit default constructor");
  pen_cxx_geo_Point_delete(origin);
  pen_cxx_geo_Polygon* polygon = pen_cxx_geo_Polygon_new(&error);
  check(pen_cxx_geo_Polygon_get_sides(polygon) == 3, "default member initializer");
  pen_cxx_geo_Polygon_delete(polygon);

  /* An extern "C" function of namespace geo, called as geo::geo_c_twice. */
  check(pen_cxx_geo_c_twice(21) == 42, "extern \"C\" function in a namespace");

  /* A factory's object: the caller deletes it through the deleter of the result's class. */
  const int deleted = pen_cxx_geo_deleted_shapes();
  pen_cxx_geo_Shape* made = pen_cxx_geo_make_shape(3.0, false, &error);
  check(made != NULL && pen_cxx_geo_Shape_area(made, &error) == 9.0, "factory result");
  pen_cxx_geo_Shape_delete(made);
  check(pen_cxx_geo_deleted_shapes() == deleted + 1, "factory result deleted (virtual)");

  pen_cxx_geo_Circle_delete(circle);
  pen_cxx_geo_Rect_delete(rect);
  check(error == NULL, "no stray error");
  if (failures != 0) {
    return 1;
  }
  puts("layer driver: all checks passed");
  return 0;
}
