/* A C host calling the adapters of tests/golden/exports/plugin.h (pen-bindgen --export
   'plugin_.*'). The Pen side is stood in for by the Pen exports below, written from pen-abi.md
   alone: they consume their arguments (pen-abi 2.1: the strings are dropped) and return owned
   values, which the adapters must drop. Every _pen_malloc block must be freed at the end. */
#include "pen_side.h"
#include "pen_values_side.h"

#include <float.h>
#include <limits.h>
#include <math.h>
#include <plugin.h>
#include <stdint.h>
#include <string.h>

/* The Pen exports, prototyped from the fixed convention (pen-abi 1.2, 3): numbers are double,
   booleans to Pen are bool (exactly 0 or 1), from Pen uint8_t (bit 0 only), strings pen_string,
   none parameters omitted. */
double _plugin_export_plugin_init(pen_side_string name);
double _plugin_export_plugin_scale(double x, double n);
pen_side_string _plugin_export_plugin_name(void);
uint8_t _plugin_export_plugin_enabled(double flags);
double _plugin_export_plugin_ratio(double a);
double _plugin_export_plugin_level(double argument);
void _plugin_export_plugin_log(pen_side_string message, bool urgent);
double _plugin_export_plugin_state_size(pen_side_handle* state);
double _plugin_export_plugin_compare_fn(double a, double b);
/* The shims of the host's bound functions and of the callback's accessor, as Pen imports them. */
double _plugin_host_state_size(pen_side_handle* state);
double _plugin_host_sort_pair(double a, double b, pen_side_handle* compare);
pen_side_handle* _plugin_plugin_compare_fn_export(void);
bool _plugin_PluginCompareFnIsNull(pen_side_handle* handle);

static bool string_is(pen_side_string string, const char* bytes) {
  const size_t length = strlen(bytes);
  if (length == 0) {
    return string == NULL; /* "" is NULL (pen-abi 2.4) */
  }
  return string != NULL && string->length == length && memcmp(string->bytes, bytes, length) == 0;
}

/* plugin_init returns a number chosen by the name, to test the saturating conversion to int. */
double _plugin_export_plugin_init(pen_side_string name) {
  CHECK(name == NULL || pen_side_count(name) == 0); /* a fresh, unique string */
  double result = -7;
  if (string_is(name, "demo")) {
    result = 42.9;
  } else if (string_is(name, "big")) {
    result = 1e300;
  } else if (string_is(name, "small")) {
    result = -1e300;
  } else if (string_is(name, "nan")) {
    result = NAN;
  } else if (string_is(name, "")) {
    result = -2.9;
  }
  pen_side_drop(name); /* Pen consumes its arguments */
  return result;
}

double _plugin_export_plugin_scale(double x, double n) {
  return x * n;
}

/* What plugin_name returns next: 0 a fresh string, 1 a shared one (count checked after the
   call), 2 a static literal, 3 "" (NULL). */
static int name_mode;
static pen_side_string shared_name;
pen_side_string _plugin_export_plugin_name(void) {
  switch (name_mode) {
  case 0:
    return pen_side_cstring("pen plugin", 0);
  case 1:
    shared_name = pen_side_cstring("shared name", 1); /* two references: ours and the result */
    return shared_name;
  case 2: {
    PEN_SIDE_STATIC_STRING(literal, "static name");
    return literal;
  }
  default:
    return NULL;
  }
}

/* Only bit 0 of a boolean from Pen is defined: the other bits are garbage here. */
uint8_t _plugin_export_plugin_enabled(double flags) {
  return (uint8_t)(0xF0u | (flags == 1 ? 1u : 0u));
}

double _plugin_export_plugin_ratio(double a) {
  return a == 0 ? 1e300 : a / 2;
}

double _plugin_export_plugin_level(double argument) {
  if (argument == 3) {
    return 300; /* saturates to UINT8_MAX */
  }
  if (argument == 4) {
    return -5; /* saturates to 0 */
  }
  return argument;
}

static int log_calls;
static bool last_urgent;
void _plugin_export_plugin_log(pen_side_string message, bool urgent) {
  CHECK(string_is(message, "hello"));
  CHECK(pen_side_count(message) == 0);
  unsigned char byte;
  memcpy(&byte, &urgent, 1);
  CHECK(byte == 0 || byte == 1); /* a real bool crosses to Pen */
  last_urgent = urgent;
  ++log_calls;
  pen_side_drop(message);
}

/* The host's own functions, which the package binds the usual way. */
int host_version(void) {
  return 3;
}

struct plugin_state {
  int size;
};
int host_state_size(struct plugin_state* state) {
  return state ? state->size : -1;
}

/* Pen hands the handle it received (and consumes) to the host's bound function, which owns and
   drops it (pen-abi 2.1). */
double _plugin_export_plugin_state_size(pen_side_handle* state) {
  CHECK(state != NULL);
  return _plugin_host_state_size(state);
}

/* The exported callback typedef plugin_compare_fn: Pen compares by absolute value. */
static int compare_calls;
static double compared_a, compared_b;
double _plugin_export_plugin_compare_fn(double a, double b) {
  ++compare_calls;
  compared_a = a;
  compared_b = b;
  return fabs(a) > fabs(b) ? 1.5 : fabs(a) < fabs(b) ? -1.5 : 0;
}

/* The host orders a pair with the comparison it is given and returns the first. */
int host_sort_pair(int a, int b, plugin_compare_fn compare) {
  return compare(a, b) > 0 ? b : a;
}

int main(void) {
  CHECK(plugin_init("demo") == 42);
  CHECK(plugin_init("big") == INT_MAX);
  CHECK(plugin_init("small") == INT_MIN);
  CHECK(plugin_init("nan") == 0);
  CHECK(plugin_init("") == -2);
  CHECK(plugin_init(NULL) == -2); /* NULL arrives as "" */
  CHECK(plugin_init("other") == -7);

  CHECK_NUMBER(plugin_scale(2.5, 3), 7.5);
  CHECK_NUMBER(plugin_scale(-0.0, 1), -0.0);
  CHECK_NUMBER(plugin_scale(1e308, INT_MAX), INFINITY);

  name_mode = 0;
  const char* name = plugin_name();
  CHECK(name != NULL && strcmp(name, "pen plugin") == 0);
  name_mode = 1;
  name = plugin_name();
  CHECK(name != NULL && strcmp(name, "shared name") == 0);
  CHECK(pen_side_count(shared_name) == 0); /* the adapter dropped its reference */
  pen_side_drop(shared_name);
  name_mode = 2;
  name = plugin_name();
  CHECK(name != NULL && strcmp(name, "static name") == 0);
  name_mode = 3;
  name = plugin_name();
  CHECK(name != NULL && strcmp(name, "") == 0);

  CHECK(plugin_enabled(1) == true);
  CHECK(plugin_enabled(0) == false);
  CHECK(plugin_enabled(2) == false);

  CHECK(plugin_ratio(3.0f) == 1.5f);
  CHECK(isinf(plugin_ratio(0.0f)) && plugin_ratio(0.0f) > 0); /* overflow: no UB, infinity */

  CHECK(plugin_level(7) == 7);
  CHECK(plugin_level(3) == UINT8_MAX);
  CHECK(plugin_level(4) == 0);

  plugin_log("hello", true);
  CHECK(last_urgent == true);
  plugin_log("hello", false);
  CHECK(last_urgent == false);
  CHECK(log_calls == 2);

  struct plugin_state state = {12};
  CHECK(plugin_state_size(&state) == 12);
  CHECK(plugin_state_size(NULL) == -1);
  CHECK(state.size == 12); /* borrowed: the handle never frees or destroys the host's struct */

  /* Pen gets the adapter of its callback as a handle and passes it to the host's bound
     function (which consumes it), as `HostSortPair(5, -3, PluginCompareFnExport(none))`. */
  pen_side_handle* compare = _plugin_plugin_compare_fn_export();
  CHECK(!_plugin_PluginCompareFnIsNull((pen_side_handle*)pen_side_record_clone(compare)));
  CHECK_NUMBER(_plugin_host_sort_pair(5, -3, (pen_side_handle*)pen_side_record_clone(compare)),
               -3.0);
  CHECK(compare_calls == 1 && compared_a == 5 && compared_b == -3);
  CHECK_NUMBER(_plugin_host_sort_pair(-2, 7, compare), -2.0);
  CHECK(compare_calls == 2 && compared_a == -2 && compared_b == 7);
  /* Getting the handle calls nothing; IsNull consumes it, and ASan checks the box is freed. */
  CHECK(!_plugin_PluginCompareFnIsNull(_plugin_plugin_compare_fn_export()));
  CHECK(compare_calls == 2);

  return pen_side_finish();
}
