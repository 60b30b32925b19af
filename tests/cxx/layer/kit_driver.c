/* Drives the generated extern "C" layer of kit.hpp from C (tests/cxx/layer): overloaded
   constructors, const overloads, copies for rvalue references, enums with a fixed underlying
   type, mutable references, class members as borrowed handles and pointer results. */
#include "kit_cxx.h"
#include "layer_checks.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void) {
  char* error = NULL;
  pen_cxx_kit_Buffer* empty = pen_cxx_kit_Buffer_new(&error);
  check(pen_cxx_kit_Buffer_empty(empty, &error), "default constructor");
  pen_cxx_kit_Buffer* dots = pen_cxx_kit_Buffer_new_unsigned_long(3, &error);
  check_string(pen_cxx_kit_Buffer_text_const(dots, &error), "...", "size constructor");
  pen_cxx_kit_Buffer* upper = pen_cxx_kit_Buffer_new_string_bool("ab", 2, true, &error);
  check_string(pen_cxx_kit_Buffer_text(upper, &error), "AB", "string and bool constructor");
  pen_cxx_kit_Buffer* copy = pen_cxx_kit_Buffer_new_buffer(upper, &error);
  pen_cxx_kit_Buffer_append_string(copy, "cd", 2, &error);
  pen_cxx_kit_Buffer_append_c_string_unsigned_long(copy, "efgh", 2, &error);
  pen_cxx_kit_Buffer_append_buffer(copy, dots, &error);
  check_string(pen_cxx_kit_Buffer_text_const(copy, &error), "ABcdef...", "append overloads");
  check_string(pen_cxx_kit_Buffer_text_const(upper, &error), "AB", "copy constructor copies");

  /* An rvalue reference gets a copy: the handle's object is never moved from. */
  pen_cxx_kit_Buffer_absorb(empty, upper, &error);
  check_string(pen_cxx_kit_Buffer_text_const(upper, &error), "AB", "rvalue reference copies");
  check(pen_cxx_kit_Buffer_size(empty) == 2, "noexcept method");

  pen_cxx_kit_Buffer* joined = pen_cxx_kit_Buffer_join(upper, dots, '-', &error);
  check_string(pen_cxx_kit_Buffer_text_const(joined, &error), "AB-...", "static method by value");

  check(pen_cxx_kit_Buffer_mode(upper, &error) == 2, "enum result");
  pen_cxx_kit_Buffer_set_mode(upper, 1, &error);
  check(pen_cxx_kit_is_fast(pen_cxx_kit_Buffer_mode(upper, &error), &error), "enum parameter");

  int count = 10;
  check(pen_cxx_kit_Buffer_count_into(dots, &count, &error) == 13 && count == 13,
        "mutable int reference");
  pen_cxx_kit_Buffer_count_into(dots, NULL, &error);
  check(error != NULL && strcmp(error, "NULL handle passed as 'count' to "
                                       "kit::Buffer::count_into") == 0,
        "NULL for a reference");
  free(error);
  error = NULL;

  /* A member of class type is a borrowed handle into its owner. */
  pen_cxx_kit_Holder* holder = pen_cxx_kit_make_holder(1234567890123LL, &error);
  check(pen_cxx_kit_Holder_get_big(holder) == 1234567890123LL, "int64 member");
  pen_cxx_kit_Pair* pair = pen_cxx_kit_Holder_get_pair(holder);
  check(pen_cxx_kit_Pair_get_first(pair) == 1 && pen_cxx_kit_Pair_get_second(pair) == 2.5 &&
            pen_cxx_kit_Pair_get_flag(pair) && pen_cxx_kit_Pair_get_mode(pair) == 2,
        "member getters");
  pen_cxx_kit_Pair_set_first(pair, 7);
  check(pen_cxx_kit_Pair_get_first(pen_cxx_kit_find_pair(holder, &error)) == 7,
        "setter through a borrowed handle, pointer result");
  check(pen_cxx_kit_find_pair(NULL, &error) == NULL, "NULL pointer parameter");

  const unsigned char bytes[] = {1, 2, 3};
  check(pen_cxx_kit_checksum(bytes, 3, 4, &error) == 10, "unnamed and renamed parameters");
  check(strcmp(pen_cxx_kit_version_string(&error), "kit 1.0") == 0, "C string result");
  check(pen_cxx_kit_detail_depth(&error) == 2, "nested namespace");

  pen_cxx_kit_Holder_delete(holder);
  pen_cxx_kit_Buffer_delete(joined);
  pen_cxx_kit_Buffer_delete(copy);
  pen_cxx_kit_Buffer_delete(upper);
  pen_cxx_kit_Buffer_delete(dots);
  pen_cxx_kit_Buffer_delete(empty);
  check(error == NULL, "no stray error");
  if (failures != 0) {
    return 1;
  }
  puts("kit driver: all checks passed");
  return 0;
}
