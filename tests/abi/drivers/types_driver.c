/* Plays Pen against the shim of tests/abi/types/abi_types.h (prefix _types_). The shim
   prototypes are written here by hand from the fixed convention: that is the ABI check. */
#include "abi_types_probe.h"
#include "pen_side.h"

#include <float.h>
#include <limits.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

double _types_abi_echo_char(double);
double _types_abi_echo_schar(double);
double _types_abi_echo_uchar(double);
double _types_abi_echo_short(double);
double _types_abi_echo_ushort(double);
double _types_abi_echo_int(double);
double _types_abi_echo_uint(double);
double _types_abi_echo_long(double);
double _types_abi_echo_ulong(double);
double _types_abi_echo_ll(double);
double _types_abi_echo_ull(double);
double _types_abi_echo_i8(double);
double _types_abi_echo_i16(double);
double _types_abi_echo_i32(double);
double _types_abi_echo_i64(double);
double _types_abi_echo_u8(double);
double _types_abi_echo_u16(double);
double _types_abi_echo_u32(double);
double _types_abi_echo_u64(double);
double _types_abi_echo_size(double);
double _types_abi_echo_ptrdiff(double);
double _types_abi_echo_color(double);
double _types_abi_echo_flag(double);
/* Boolean results are read as the raw byte, to see that they are exactly 0 or 1. */
uint8_t _types_abi_not(uint8_t);
uint8_t _types_abi_and(uint8_t, uint8_t);
double _types_abi_bool_to_int(uint8_t);
uint8_t _types_abi_is_negative(double);
double _types_abi_echo_float(double);
double _types_abi_echo_double(double);
double _types_abi_mix(double, double, double, double);
double _types_abi_length(pen_side_string);
double _types_abi_unsigned_length(pen_side_string);
pen_side_string _types_abi_identity(pen_side_string);
pen_side_string _types_abi_after(pen_side_string, double);
pen_side_string _types_abi_join(pen_side_string, pen_side_string);
pen_side_string _types_abi_null_string(void);
pen_side_string _types_abi_empty_string(void);
double _types_abi_compare(pen_side_string, pen_side_string);
void _types_abi_set_counter(double);
double _types_abi_counter(void);
double _types_abi_inline_twice(double);

typedef double (*shim_function)(double);

/* One call of an integer shim: what C received and what came back must both be `expected`. */
static void expect_signed(const char* file, int line, shim_function shim, double input,
                          long long expected) {
  abi_seen_signed = 0x5a5a5a5a;
  double result = shim(input);
  if (abi_seen_signed != expected || !pen_side_same_double(result, (double)expected)) {
    char message[160];
    snprintf(message, sizeof message, "input %.17g: C saw %lld, result %.17g, expected %lld", input,
             abi_seen_signed, result, expected);
    pen_side_fail(file, line, message);
  }
}

static void expect_unsigned(const char* file, int line, shim_function shim, double input,
                            unsigned long long expected) {
  abi_seen_unsigned = 0x5a5a5a5a;
  double result = shim(input);
  if (abi_seen_unsigned != expected || !pen_side_same_double(result, (double)expected)) {
    char message[160];
    snprintf(message, sizeof message, "input %.17g: C saw %llu, result %.17g, expected %llu", input,
             abi_seen_unsigned, result, expected);
    pen_side_fail(file, line, message);
  }
}

#define SIGNED(shim, input, expected) expect_signed(__FILE__, __LINE__, shim, input, expected)
#define UNSIGNED(shim, input, expected) expect_unsigned(__FILE__, __LINE__, shim, input, expected)

/* Truncation, NaN and saturation at both ends for a signed type within +-2^53. */
#define SMALL_SIGNED(shim, minimum, maximum)                                                       \
  do {                                                                                             \
    SIGNED(shim, 0.0, 0);                                                                          \
    SIGNED(shim, -0.0, 0);                                                                         \
    SIGNED(shim, 1.9, 1);                                                                          \
    SIGNED(shim, -1.9, -1);                                                                        \
    SIGNED(shim, NAN, 0);                                                                          \
    SIGNED(shim, (double)(maximum), maximum);                                                      \
    SIGNED(shim, (double)(maximum) + 0.5, maximum);                                                \
    SIGNED(shim, (double)(maximum) + 1, maximum);                                                  \
    SIGNED(shim, (double)(maximum)-0.5, (maximum)-1);                                              \
    SIGNED(shim, (double)(minimum), minimum);                                                      \
    SIGNED(shim, (double)(minimum)-0.5, minimum);                                                  \
    SIGNED(shim, (double)(minimum)-1, minimum);                                                    \
    SIGNED(shim, 1e300, maximum);                                                                  \
    SIGNED(shim, -1e300, minimum);                                                                 \
    SIGNED(shim, INFINITY, maximum);                                                               \
    SIGNED(shim, -INFINITY, minimum);                                                              \
  } while (0)

#define SMALL_UNSIGNED(shim, maximum)                                                              \
  do {                                                                                             \
    UNSIGNED(shim, 0.0, 0);                                                                        \
    UNSIGNED(shim, -0.0, 0);                                                                       \
    UNSIGNED(shim, 2.7, 2);                                                                        \
    UNSIGNED(shim, -0.5, 0);                                                                       \
    UNSIGNED(shim, -1, 0);                                                                         \
    UNSIGNED(shim, -1e300, 0);                                                                     \
    UNSIGNED(shim, -INFINITY, 0);                                                                  \
    UNSIGNED(shim, NAN, 0);                                                                        \
    UNSIGNED(shim, (double)(maximum), maximum);                                                    \
    UNSIGNED(shim, (double)(maximum)-0.5, (maximum)-1);                                            \
    UNSIGNED(shim, (double)(maximum) + 1, maximum);                                                \
    UNSIGNED(shim, 1e300, maximum);                                                                \
    UNSIGNED(shim, INFINITY, maximum);                                                             \
  } while (0)

/* 64-bit types: 2^63 and 2^64 are where (double)MAX rounds up. */
static const double two_63 = 9223372036854775808.0;
static const double two_64 = 18446744073709551616.0;
static const double below_two_63 = 9223372036854774784.0;  /* largest double < 2^63 */
static const double below_two_64 = 18446744073709549568.0; /* largest double < 2^64 */

#define LARGE_SIGNED(shim)                                                                         \
  do {                                                                                             \
    SIGNED(shim, 0.0, 0);                                                                          \
    SIGNED(shim, NAN, 0);                                                                          \
    SIGNED(shim, -2.5, -2);                                                                        \
    SIGNED(shim, 9007199254740994.0, 9007199254740994LL);                                          \
    SIGNED(shim, below_two_63, 9223372036854774784LL);                                             \
    SIGNED(shim, -below_two_63, -9223372036854774784LL);                                           \
    SIGNED(shim, two_63, INT64_MAX);                                                               \
    SIGNED(shim, -two_63, INT64_MIN);                                                              \
    SIGNED(shim, -two_63 - 4096.0, INT64_MIN);                                                     \
    SIGNED(shim, two_64, INT64_MAX);                                                               \
    SIGNED(shim, INFINITY, INT64_MAX);                                                             \
    SIGNED(shim, -INFINITY, INT64_MIN);                                                            \
  } while (0)

#define LARGE_UNSIGNED(shim)                                                                       \
  do {                                                                                             \
    UNSIGNED(shim, 0.0, 0);                                                                        \
    UNSIGNED(shim, NAN, 0);                                                                        \
    UNSIGNED(shim, -1.0, 0);                                                                       \
    UNSIGNED(shim, -two_63, 0);                                                                    \
    UNSIGNED(shim, 3.99, 3);                                                                       \
    UNSIGNED(shim, two_63, 9223372036854775808ULL);                                                \
    UNSIGNED(shim, below_two_64, 18446744073709549568ULL);                                         \
    UNSIGNED(shim, two_64, UINT64_MAX);                                                            \
    UNSIGNED(shim, 1e300, UINT64_MAX);                                                             \
    UNSIGNED(shim, INFINITY, UINT64_MAX);                                                          \
  } while (0)

static void test_integers(void) {
  SMALL_SIGNED(_types_abi_echo_char, CHAR_MIN, CHAR_MAX);
  SMALL_SIGNED(_types_abi_echo_schar, SCHAR_MIN, SCHAR_MAX);
  SMALL_UNSIGNED(_types_abi_echo_uchar, UCHAR_MAX);
  SMALL_SIGNED(_types_abi_echo_short, SHRT_MIN, SHRT_MAX);
  SMALL_UNSIGNED(_types_abi_echo_ushort, USHRT_MAX);
  SMALL_SIGNED(_types_abi_echo_int, INT_MIN, INT_MAX);
  SMALL_UNSIGNED(_types_abi_echo_uint, UINT_MAX);
  SMALL_SIGNED(_types_abi_echo_i8, INT8_MIN, INT8_MAX);
  SMALL_SIGNED(_types_abi_echo_i16, INT16_MIN, INT16_MAX);
  SMALL_SIGNED(_types_abi_echo_i32, INT32_MIN, INT32_MAX);
  SMALL_UNSIGNED(_types_abi_echo_u8, UINT8_MAX);
  SMALL_UNSIGNED(_types_abi_echo_u16, UINT16_MAX);
  SMALL_UNSIGNED(_types_abi_echo_u32, UINT32_MAX);
  SMALL_SIGNED(_types_abi_echo_color, INT_MIN, INT_MAX);
  SIGNED(_types_abi_echo_color, -1.0, -1);
  SMALL_UNSIGNED(_types_abi_echo_flag, UINT_MAX);
  UNSIGNED(_types_abi_echo_flag, 2147483648.0, 0x80000000u);
  /* LP64 (pen-abi covers 64-bit targets only): long, size_t and ptrdiff_t are 64 bits. */
  LARGE_SIGNED(_types_abi_echo_long);
  LARGE_SIGNED(_types_abi_echo_ll);
  LARGE_SIGNED(_types_abi_echo_i64);
  LARGE_SIGNED(_types_abi_echo_ptrdiff);
  LARGE_UNSIGNED(_types_abi_echo_ulong);
  LARGE_UNSIGNED(_types_abi_echo_ull);
  LARGE_UNSIGNED(_types_abi_echo_u64);
  LARGE_UNSIGNED(_types_abi_echo_size);
  /* static inline, compiled into the shim. */
  CHECK_NUMBER(_types_abi_inline_twice(-3.5), -6.0);
  CHECK_NUMBER(_types_abi_inline_twice(1e9), 2.0 * SHRT_MAX);
  CHECK_NUMBER(_types_abi_inline_twice(-1e9), 2.0 * SHRT_MIN);
}

static void test_booleans(void) {
  /* Only bit 0 of a Pen boolean is defined (pen-abi 3). */
  CHECK_BOOLEAN(_types_abi_not(0xFE), true);
  CHECK(abi_seen_bool == false);
  CHECK_BOOLEAN(_types_abi_not(0x03), false);
  CHECK(abi_seen_bool == true);
  CHECK_BOOLEAN(_types_abi_not(0x00), true);
  CHECK_BOOLEAN(_types_abi_not(0x01), false);
  CHECK_NUMBER(_types_abi_bool_to_int(0xFF), 1.0);
  CHECK_NUMBER(_types_abi_bool_to_int(0x02), 0.0);
  CHECK_NUMBER(_types_abi_bool_to_int(0x81), 1.0);
  CHECK_BOOLEAN(_types_abi_and(0x03, 0xFF), true);
  CHECK_BOOLEAN(_types_abi_and(0x03, 0xFE), false);
  CHECK_BOOLEAN(_types_abi_and(0xF0, 0x01), false);
  CHECK_BOOLEAN(_types_abi_is_negative(-5.0), true);
  CHECK_BOOLEAN(_types_abi_is_negative(-0.5), false);
  CHECK_BOOLEAN(_types_abi_is_negative(5.0), false);
}

static void test_floating(void) {
  const double float_overflow = 0x1.ffffffp+127; /* FLT_MAX + half an ulp */
  CHECK_NUMBER(_types_abi_echo_float(0.1), (double)0.1f);
  CHECK(abi_seen_float == 0.1f);
  CHECK_NUMBER(_types_abi_echo_float(-0.0), -0.0);
  CHECK_NUMBER(_types_abi_echo_float(FLT_MAX), (double)FLT_MAX);
  CHECK_NUMBER(_types_abi_echo_float(0x1.fffffefffffffp+127), (double)FLT_MAX);
  CHECK_NUMBER(_types_abi_echo_float(-0x1.fffffefffffffp+127), -(double)FLT_MAX);
  CHECK_NUMBER(_types_abi_echo_float(float_overflow), INFINITY);
  CHECK_NUMBER(_types_abi_echo_float(-float_overflow), -INFINITY);
  CHECK_NUMBER(_types_abi_echo_float(1e39), INFINITY);
  CHECK_NUMBER(_types_abi_echo_float(-1e300), -INFINITY);
  CHECK_NUMBER(_types_abi_echo_float(INFINITY), INFINITY);
  CHECK_NUMBER(_types_abi_echo_float(-INFINITY), -INFINITY);
  CHECK_NUMBER(_types_abi_echo_float(NAN), NAN);
  CHECK(isnan(abi_seen_float));
  CHECK_NUMBER(_types_abi_echo_float(1e-50), 0.0);
  CHECK_NUMBER(_types_abi_echo_double(0.1), 0.1);
  CHECK_NUMBER(_types_abi_echo_double(-0.0), -0.0);
  CHECK_NUMBER(_types_abi_echo_double(DBL_MAX), DBL_MAX);
  CHECK_NUMBER(_types_abi_echo_double(DBL_TRUE_MIN), DBL_TRUE_MIN);
  CHECK_NUMBER(_types_abi_echo_double(-INFINITY), -INFINITY);
  CHECK_NUMBER(_types_abi_echo_double(NAN), NAN);
  CHECK(isnan(abi_seen_floating));
  /* int 3, float 0.5, double 0.25, unsigned char saturated to 255. */
  CHECK_NUMBER(_types_abi_mix(3.7, 0.5, 0.25, 300.0), 256.75);
  CHECK_NUMBER(_types_abi_mix(-2.0, 1e39, 0.0, -4.0), -INFINITY);
}

static void test_string_arguments(void) {
  pen_side_string unique = pen_side_cstring("hello", 0);
  CHECK_NUMBER(_types_abi_length(unique), 5.0);
  CHECK(pen_side_live_blocks() == 0); /* unique: C dropped the last reference */

  pen_side_string shared = pen_side_cstring("shared", 2);
  CHECK_NUMBER(_types_abi_length(shared), 6.0);
  CHECK(pen_side_count(shared) == 1);
  pen_side_drop(shared);
  CHECK(pen_side_count(shared) == 0);
  pen_side_drop(shared);
  CHECK(pen_side_live_blocks() == 0);

  pen_side_string synchronized_unique = pen_side_cstring("sync", -1);
  CHECK_NUMBER(_types_abi_length(synchronized_unique), 4.0);
  CHECK(pen_side_live_blocks() == 0);

  pen_side_string synchronized_shared = pen_side_cstring("sync shared", -3);
  CHECK_NUMBER(_types_abi_length(synchronized_shared), 11.0);
  CHECK(pen_side_count(synchronized_shared) == -2);
  pen_side_drop(synchronized_shared);
  pen_side_drop(synchronized_shared);
  CHECK(pen_side_live_blocks() == 0);

  PEN_SIDE_STATIC_STRING(literal, "static literal");
  CHECK_NUMBER(_types_abi_length(literal), 14.0);
  CHECK(pen_side_count(literal) == INTPTR_MIN);
  CHECK_NUMBER(_types_abi_length(literal), 14.0);
  CHECK(pen_side_count(literal) == INTPTR_MIN);

  CHECK_NUMBER(_types_abi_length(NULL), 0.0);
  CHECK(abi_seen_text[0] == '\0');

  /* C sees a string with a NUL byte cut there. */
  CHECK_NUMBER(_types_abi_length(pen_side_string_new("ab\0cd", 5, 0)), 2.0);
  CHECK_NUMBER(_types_abi_unsigned_length(pen_side_cstring("xyz", 0)), 3.0);
  CHECK(abi_seen_text[0] == 'x' && abi_seen_text[3] == '\0');

  char long_text[10001];
  for (size_t index = 0; index < sizeof long_text - 1; ++index) {
    long_text[index] = (char)('a' + index % 26);
  }
  long_text[sizeof long_text - 1] = '\0';
  CHECK_NUMBER(_types_abi_length(pen_side_cstring(long_text, 0)), 10000.0);

  /* f(s, s): Pen passes two counted references to one block; C drops both. */
  pen_side_string twice = pen_side_cstring("ab", 1);
  CHECK_RESULT(_types_abi_join(twice, twice), "abab");
  pen_side_string once_more = pen_side_cstring("x", 2);
  CHECK_RESULT(_types_abi_join(once_more, once_more), "xx");
  CHECK(pen_side_count(once_more) == 0);
  pen_side_drop(once_more);

  CHECK_NUMBER(_types_abi_compare(pen_side_cstring("a", 0), pen_side_cstring("b", 0)), -1.0);
  CHECK_NUMBER(_types_abi_compare(NULL, NULL), 0.0);
  CHECK_NUMBER(_types_abi_compare(pen_side_cstring("b", 0), NULL), 1.0);
  CHECK(pen_side_live_blocks() == 0);
}

static void test_string_results(void) {
  /* The result points into the argument's C copy: it must be copied before that is freed. */
  CHECK_RESULT(_types_abi_identity(pen_side_cstring("pen", 0)), "pen");
  CHECK_RESULT(_types_abi_identity(NULL), "");
  CHECK_RESULT(_types_abi_after(pen_side_cstring("key=value", 0), '='), "value");
  CHECK_RESULT(_types_abi_after(pen_side_cstring("key=", 0), '='), "");
  CHECK_RESULT(_types_abi_after(pen_side_cstring("novalue", 0), '='), "");
  CHECK_RESULT(_types_abi_after(pen_side_cstring("a:b", 0), 58.9), "b");
  CHECK_RESULT(_types_abi_null_string(), "");
  CHECK_RESULT(_types_abi_empty_string(), "");
  pen_side_string shared = pen_side_cstring("cat", 1);
  CHECK_RESULT(_types_abi_join(pen_side_cstring("con", 0), shared), "concat");
  CHECK(pen_side_count(shared) == 0); /* lost exactly one reference */
  pen_side_drop(shared);
}

static void test_none_and_no_parameters(void) {
  abi_calls = 0;
  _types_abi_set_counter(-12.9);
  CHECK_NUMBER(_types_abi_counter(), -12.0);
  _types_abi_set_counter(1e100);
  CHECK_NUMBER(_types_abi_counter(), (double)INT_MAX);
  CHECK(abi_calls == 4);
}

int main(void) {
  test_integers();
  test_booleans();
  test_floating();
  test_string_arguments();
  test_string_results();
  test_none_and_no_parameters();
  return pen_side_finish();
}
