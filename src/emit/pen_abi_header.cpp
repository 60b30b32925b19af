#include "pen_bindgen/emit/pen_abi_header.hpp"

#include "pen_bindgen/version.hpp"

#include <string>

namespace pen_bindgen::emit {

namespace {

// Everything after the banner. The representation and counting rules are pen-abi §1.3-§2.6 and
// Appendix A; the conversions are DESIGN §4. Every helper is defined for every input, because
// the values come from Pen programs, not from careful C callers.
constexpr const char* body = R"pen_abi(#ifndef PEN_ABI_H
#define PEN_ABI_H

#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Pen's runtime heap (pen-abi 2.2): provided by the linking system package or `pen test`.
   Only blocks that Pen sees come from here; never call _pen_malloc(0) or _pen_free(NULL). */
void *_pen_malloc(uintptr_t size);
void *_pen_realloc(void *pointer, uintptr_t size);
void _pen_free(void *pointer);

static inline void pen_abort(const char *message) {
  fputs(message, stderr);
  fputc('\n', stderr);
  abort();
}

/* Heap blocks (pen-abi 1.3, 1.4): a count word, then the payload the value points to.
   0 unique; n > 0 n + 1 references; -1 unique synchronized; -1 - n n + 1 references
   synchronized; INTPTR_MIN static (never counted, never freed). */
#define PEN_COUNT_UNIQUE ((intptr_t)0)
#define PEN_COUNT_SYNC_UNIQUE ((intptr_t)-1)
#define PEN_COUNT_STATIC INTPTR_MIN

static inline _Atomic intptr_t *pen_block_count(const void *value) {
  return (_Atomic intptr_t *)((char *)(uintptr_t)value - sizeof(intptr_t));
}

static inline void *pen_block_alloc(size_t payload) {
  if (payload > SIZE_MAX - sizeof(intptr_t)) {
    pen_abort("pen_abi: block too large");
  }
  /* Never 0 bytes: the count word is always there. */
  intptr_t *block = _pen_malloc(sizeof(intptr_t) + payload);
  if (!block) {
    pen_abort("pen_abi: out of memory");
  }
  block[0] = PEN_COUNT_UNIQUE;
  return block + 1;
}

static inline void pen_block_free(void *value) { _pen_free((intptr_t *)value - 1); }

static inline void *pen_block_clone(void *value) {
  if (value) {
    intptr_t count = atomic_load_explicit(pen_block_count(value), memory_order_relaxed);
    if (count >= 0) {
      atomic_store_explicit(pen_block_count(value), count + 1, memory_order_relaxed);
    } else if (count != PEN_COUNT_STATIC) {
      atomic_fetch_sub_explicit(pen_block_count(value), 1, memory_order_relaxed);
    }
  }
  return value;
}

/* Gives up one reference. True when it was the last one: the caller drops the children and
   calls pen_block_free. NULL and static blocks are never released. */
static inline bool pen_block_release(void *value) {
  if (!value) {
    return false;
  }
  intptr_t count = atomic_load_explicit(pen_block_count(value), memory_order_relaxed);
  if (count < 0) {
    if (count == PEN_COUNT_STATIC) {
      return false;
    }
    if (atomic_fetch_add_explicit(pen_block_count(value), 1, memory_order_release) ==
        PEN_COUNT_SYNC_UNIQUE) {
      atomic_thread_fence(memory_order_acquire);
      return true;
    }
    return false;
  }
  if (count == PEN_COUNT_UNIQUE) {
    return true;
  }
  atomic_store_explicit(pen_block_count(value), count - 1, memory_order_relaxed);
  return false;
}

/* Strings (pen-abi 2.4): length-prefixed bytes, not NUL-terminated; NULL is "". */
typedef struct pen_string_body {
  uintptr_t length;
  uint8_t bytes[];
} pen_string_body;
typedef pen_string_body *pen_string;

/* A fresh unique string holding a copy of n bytes; NULL for n == 0, as Pen makes "". */
static inline pen_string pen_string_new(const void *bytes, uintptr_t length) {
  if (length == 0) {
    return NULL;
  }
  if (length > SIZE_MAX - sizeof(uintptr_t)) {
    pen_abort("pen_abi: string too large");
  }
  pen_string string = pen_block_alloc(sizeof(uintptr_t) + length);
  string->length = length;
  memcpy(string->bytes, bytes, length);
  return string;
}

static inline uintptr_t pen_string_len(pen_string string) {
  return string ? string->length : 0;
}

static inline const uint8_t *pen_string_data(pen_string string) {
  return string ? string->bytes : (const uint8_t *)"";
}

static inline void pen_string_drop(pen_string string) {
  if (pen_block_release(string)) {
    pen_block_free(string);
  }
}

/* A NUL-terminated copy for C, owned by the caller (pen_c_string_free it). C reads only up to the first
   NUL byte, so a Pen string with embedded NULs looks truncated there, as any C string does. */
static inline char *pen_string_to_c(pen_string string) {
  uintptr_t length = pen_string_len(string);
  if (length >= SIZE_MAX) {
    pen_abort("pen_abi: string too large");
  }
  char *copy = malloc((size_t)length + 1);
  if (!copy) {
    pen_abort("pen_abi: out of memory");
  }
  if (length) {
    memcpy(copy, pen_string_data(string), (size_t)length);
  }
  copy[length] = '\0';
  return copy;
}

/* Frees a pen_string_to_c copy. The shim calls this rather than free(), which the library's
   headers, included after this one, might redefine. */
static inline void pen_c_string_free(char *copy) { free(copy); }

/* A fresh Pen string with the bytes of a C string; NULL and "" both give Pen's "". */
static inline pen_string pen_string_from_c(const char *c_string) {
  if (!c_string) {
    return NULL;
  }
  return pen_string_new(c_string, strlen(c_string));
}

/* Numbers to C integers: NaN gives 0, others truncate toward zero and saturate to
   [minimum, maximum] (minimum <= maximum). The bounds are compared as powers of two, which
   doubles represent exactly, so the final cast is always in range. */
static inline int64_t pen_number_to_i64(double number, int64_t minimum, int64_t maximum) {
  if (number != number) {
    return 0;
  }
  if (number >= 9223372036854775808.0) { /* 2^63 and +infinity */
    return maximum;
  }
  if (number < -9223372036854775808.0) { /* below -2^63 and -infinity */
    return minimum;
  }
  int64_t truncated = (int64_t)number;
  return truncated < minimum ? minimum : truncated > maximum ? maximum : truncated;
}

/* Likewise for unsigned types: NaN and everything below 1 give 0. */
static inline uint64_t pen_number_to_u64(double number, uint64_t maximum) {
  if (!(number > 0)) {
    return 0;
  }
  if (number >= 18446744073709551616.0) { /* 2^64 and +infinity */
    return maximum;
  }
  uint64_t truncated = (uint64_t)number;
  return truncated > maximum ? maximum : truncated;
}

/* Numbers to float with IEEE round-to-nearest: magnitudes from FLT_MAX + half an ulp
   (2^128 - 2^103) up overflow to infinity, those just above FLT_MAX round to it; NaN stays NaN.
   Spelled out because C leaves out-of-range conversions undefined. */
static inline float pen_number_to_float(double number) {
  const double overflow = 0x1.ffffffp+127;
  if (number != number) {
    return NAN;
  }
  if (number > (double)FLT_MAX) {
    return number >= overflow ? INFINITY : FLT_MAX;
  }
  if (number < -(double)FLT_MAX) {
    return number <= -overflow ? -INFINITY : -FLT_MAX;
  }
  return (float)number;
}

/* Pen booleans define only bit 0 (pen-abi 3). */
static inline bool pen_boolean_to_c(uint8_t boolean) { return (boolean & 1) != 0; }

#endif
)pen_abi";

} // namespace

std::string emit_pen_abi_header() {
  return std::string("/* Generated by pen-bindgen ") + version +
         " \xe2\x80\x94 do not edit.\n"
         "   Pen's value representation and the conversions the shim uses (pen-abi.md). */\n\n" +
         body;
}

} // namespace pen_bindgen::emit
