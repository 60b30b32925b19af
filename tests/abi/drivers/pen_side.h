/* Pen's side of the C boundary for the ABI test drivers, written from pen-abi.md alone (never
   from the generated pen_abi.h, so the two are checked against each other): the runtime heap
   functions with a live-block count, Pen strings in every counting state, and checks. */
#ifndef PEN_SIDE_H
#define PEN_SIDE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* pen-abi 2.4: a pointer to {uintptr_t length; bytes}, count word before it; NULL is "". */
typedef struct pen_side_string_body {
  uintptr_t length;
  uint8_t bytes[];
} pen_side_string_body;
typedef pen_side_string_body* pen_side_string;

/* pen-abi 2.2, counting live blocks; a block not from here, a double free, _pen_malloc(0) or
   _pen_free(NULL) aborts the test. */
void* _pen_malloc(uintptr_t size);
void* _pen_realloc(void* pointer, uintptr_t size);
void _pen_free(void* pointer);
long pen_side_live_blocks(void);

/* A string as Pen makes it: `count` is the count word (0 unique, n > 0 shared, -1 synchronized
   unique, -1 - n synchronized shared). "" gives NULL. */
pen_side_string pen_side_string_new(const char* bytes, size_t length, intptr_t count);
pen_side_string pen_side_cstring(const char* text, intptr_t count);
intptr_t pen_side_count(pen_side_string string);
/* Drops a reference the way Pen does (pen-abi 1.4). */
void pen_side_drop(pen_side_string string);
/* Checks a result string: exactly these bytes, unique, NULL for "". Then drops it. */
void pen_side_expect_result(const char* file, int line, pen_side_string string, const char* bytes,
                            size_t length);

/* A static block, as Pen's literals are: count INTPTR_MIN, never freed. */
#define PEN_SIDE_STATIC_STRING(name, literal)                                                      \
  static struct {                                                                                  \
    intptr_t count;                                                                                \
    uintptr_t length;                                                                              \
    char bytes[sizeof(literal) - 1];                                                               \
  } name##_block = {INTPTR_MIN, sizeof(literal) - 1, literal};                                     \
  pen_side_string name = (pen_side_string)(void*)&name##_block.length

void pen_side_fail(const char* file, int line, const char* message);
int pen_side_finish(void);

#define CHECK(condition) ((condition) ? (void)0 : pen_side_fail(__FILE__, __LINE__, #condition))
/* Exact equality of doubles, NaN equal to NaN, and -0 distinct from +0. */
bool pen_side_same_double(double left, double right);
#define CHECK_NUMBER(actual, expected)                                                             \
  ((pen_side_same_double((actual), (expected)))                                                    \
       ? (void)0                                                                                   \
       : pen_side_fail(__FILE__, __LINE__, #actual " == " #expected))
#define CHECK_RESULT(string, literal)                                                              \
  pen_side_expect_result(__FILE__, __LINE__, (string), literal, sizeof(literal) - 1)
/* A boolean result as Pen reads it: the whole byte must be exactly 0 or 1. */
#define CHECK_BOOLEAN(actual, expected) CHECK((actual) == ((expected) ? 1 : 0))

#endif
