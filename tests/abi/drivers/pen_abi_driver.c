/* Checks the generated pen_abi.h helpers directly, against pen-abi.md 1.4, 2.4 and 2.6 and the
   conversion rules of DESIGN 4, with Pen's heap played by pen_side.c. */
#include "pen_abi.h"
#include "pen_side.h"

#include <float.h>
#include <math.h>
#include <string.h>

static intptr_t count_of(const void* value) {
  return ((const intptr_t*)value)[-1];
}

static void test_integer_conversions(void) {
  CHECK(pen_number_to_i64(7.9, -5, 5) == 5);
  CHECK(pen_number_to_i64(-7.9, -5, 5) == -5);
  CHECK(pen_number_to_i64(4.9, -5, 5) == 4);
  CHECK(pen_number_to_i64(-4.9, -5, 5) == -4);
  CHECK(pen_number_to_i64(-0.9, -5, 5) == 0);
  CHECK(pen_number_to_i64(NAN, -5, 5) == 0);
  CHECK(pen_number_to_i64(-NAN, -5, 5) == 0);
  CHECK(pen_number_to_i64(NAN, 3, 5) == 0); /* NaN is 0 even outside the range: documented */
  CHECK(pen_number_to_i64(INFINITY, INT64_MIN, INT64_MAX) == INT64_MAX);
  CHECK(pen_number_to_i64(-INFINITY, INT64_MIN, INT64_MAX) == INT64_MIN);
  CHECK(pen_number_to_i64(9223372036854775808.0, INT64_MIN, INT64_MAX) == INT64_MAX);
  CHECK(pen_number_to_i64(-9223372036854775808.0, INT64_MIN, INT64_MAX) == INT64_MIN);
  CHECK(pen_number_to_i64(9223372036854774784.0, INT64_MIN, INT64_MAX) == 9223372036854774784LL);
  CHECK(pen_number_to_i64(1e300, 0, UCHAR_MAX) == UCHAR_MAX);

  CHECK(pen_number_to_u64(10.5, 10) == 10);
  CHECK(pen_number_to_u64(11.0, 10) == 10);
  CHECK(pen_number_to_u64(9.99, 10) == 9);
  CHECK(pen_number_to_u64(-1.0, 10) == 0);
  CHECK(pen_number_to_u64(-0.0, 10) == 0);
  CHECK(pen_number_to_u64(-INFINITY, 10) == 0);
  CHECK(pen_number_to_u64(NAN, 10) == 0);
  CHECK(pen_number_to_u64(18446744073709551616.0, UINT64_MAX) == UINT64_MAX);
  CHECK(pen_number_to_u64(18446744073709549568.0, UINT64_MAX) == 18446744073709549568ULL);
  CHECK(pen_number_to_u64(INFINITY, UINT64_MAX) == UINT64_MAX);
}

static void test_other_conversions(void) {
  CHECK(pen_number_to_float(0.5) == 0.5f);
  CHECK(pen_number_to_float(1e39) == INFINITY);
  CHECK(pen_number_to_float(-1e39) == -INFINITY);
  CHECK(pen_number_to_float(0x1.fffffefffffffp+127) == FLT_MAX);
  CHECK(pen_number_to_float(0x1.ffffffp+127) == INFINITY);
  CHECK(isnan(pen_number_to_float(NAN)));
  CHECK(signbit(pen_number_to_float(-0.0)));
  CHECK(pen_boolean_to_c(0x01) == true);
  CHECK(pen_boolean_to_c(0x03) == true);
  CHECK(pen_boolean_to_c(0xFE) == false);
  CHECK(pen_boolean_to_c(0x00) == false);
}

static void test_blocks(void) {
  void* block = pen_block_alloc(0); /* the count word alone: never _pen_malloc(0) */
  CHECK(count_of(block) == PEN_COUNT_UNIQUE);
  CHECK(pen_block_clone(block) == block);
  CHECK(count_of(block) == 1);
  CHECK(pen_block_release(block) == false);
  CHECK(count_of(block) == 0);
  CHECK(pen_block_release(block) == true);
  pen_block_free(block);
  CHECK(pen_side_live_blocks() == 0);

  block = pen_block_alloc(16);
  ((intptr_t*)block)[-1] = PEN_COUNT_SYNC_UNIQUE;
  pen_block_clone(block);
  CHECK(count_of(block) == -2);
  CHECK(pen_block_release(block) == false);
  CHECK(count_of(block) == -1);
  CHECK(pen_block_release(block) == true);
  pen_block_free(block);
  CHECK(pen_side_live_blocks() == 0);

  PEN_SIDE_STATIC_STRING(literal, "static");
  CHECK(pen_block_clone(literal) == literal);
  CHECK(count_of(literal) == PEN_COUNT_STATIC);
  CHECK(pen_block_release(literal) == false);
  CHECK(count_of(literal) == PEN_COUNT_STATIC);

  CHECK(pen_block_clone(NULL) == NULL);
  CHECK(pen_block_release(NULL) == false);
}

static void test_strings(void) {
  CHECK(pen_string_new("abc", 0) == NULL);
  CHECK(pen_string_len(NULL) == 0);
  CHECK(pen_string_data(NULL) != NULL);
  pen_string_drop(NULL);

  pen_string string = pen_string_new("a\0c", 3);
  CHECK(pen_side_live_blocks() == 1);
  CHECK(count_of(string) == 0);
  CHECK(pen_string_len(string) == 3 && memcmp(pen_string_data(string), "a\0c", 3) == 0);
  char* copy = pen_string_to_c(string);
  CHECK(memcmp(copy, "a\0c", 4) == 0); /* every byte, then a NUL */
  CHECK(strlen(copy) == 1);            /* what C sees */
  pen_c_string_free(copy);
  pen_block_clone(string);
  pen_string_drop(string);
  CHECK(pen_side_live_blocks() == 1);
  pen_string_drop(string);
  CHECK(pen_side_live_blocks() == 0);

  copy = pen_string_to_c(NULL);
  CHECK(copy[0] == '\0');
  free(copy);

  CHECK(pen_string_from_c(NULL) == NULL);
  CHECK(pen_string_from_c("") == NULL);
  string = pen_string_from_c("xyz");
  CHECK(pen_string_len(string) == 3 && memcmp(pen_string_data(string), "xyz", 3) == 0);
  CHECK(count_of(string) == 0);
  pen_string_drop(string);
  CHECK(pen_side_live_blocks() == 0);
}

int main(void) {
  test_integer_conversions();
  test_other_conversions();
  test_blocks();
  test_strings();
  return pen_side_finish();
}
