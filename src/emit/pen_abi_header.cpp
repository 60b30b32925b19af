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

/* Variants, closures and lists (pen-abi 4, 5, 6.1): nullable results, callbacks. */
typedef struct pen_type_info {
  uint64_t (*clone)(uint64_t payload);
  void (*drop)(uint64_t payload);
  void (*synchronize)(uint64_t payload);
  const void *extra;
} pen_type_info;
typedef struct pen_variant {
  const pen_type_info *tag;
  uint64_t payload;
} pen_variant;
typedef struct pen_closure_metadata {
  void (*drop)(uintptr_t closure);
  void (*synchronize)(uintptr_t closure);
} pen_closure_metadata;
typedef struct pen_closure {
  void *entry;
  const pen_closure_metadata *metadata;
} pen_closure;
typedef struct pen_list_body {
  pen_closure *node;
} pen_list_body;
typedef pen_list_body *pen_list;

/* Drops a closure the shim owns; its environment is dropped by the closure's own metadata. */
static inline void pen_closure_drop(pen_closure *closure) {
  if (pen_block_release(closure)) {
    closure->metadata->drop((uintptr_t)closure);
    pen_block_free(closure);
  }
}

/* Exported by Pen's standard `ffi` package, linked into every Pen program (pen-abi 5.3). They
   consume their arguments; results are owned. */
pen_variant pen_ffi_string_to_any(pen_string string);
pen_variant pen_ffi_none_to_any(void);
pen_list pen_ffi_list_create(void);
pen_list pen_ffi_list_prepend(pen_variant element, pen_list list);

/* `string | none` from a C string: none for NULL. */
static inline pen_variant pen_nullable_string_from_c(const char *c_string) {
  return c_string ? pen_ffi_string_to_any(pen_string_from_c(c_string)) : pen_ffi_none_to_any();
}

/* [string] from count C strings (sqlite3_exec's argv); NULL elements (SQL NULL) give "". */
static inline pen_list pen_string_list_from_c(const char *const *strings, int64_t count) {
  pen_list list = pen_ffi_list_create();
  for (int64_t index = count; strings && index-- > 0;) {
    list = pen_ffi_list_prepend(pen_ffi_string_to_any(pen_string_from_c(strings[index])), list);
  }
  return list;
}

/* A private copy of a string's bytes for a callee that may write to them; at least one byte, so
   "" is a valid pointer. Freed with pen_c_string_free. */
static inline uint8_t *pen_string_bytes_copy(pen_string string) {
  uintptr_t length = pen_string_len(string);
  if (length >= SIZE_MAX) {
    pen_abort("pen_abi: string too large");
  }
  uint8_t *copy = malloc(length ? (size_t)length : 1);
  if (!copy) {
    pen_abort("pen_abi: out of memory");
  }
  if (length) {
    memcpy(copy, pen_string_data(string), (size_t)length);
  }
  return copy;
}

/* Handles (pen-abi 5.4; docs/type-mapping.md): a handle is the record `type T { inner any }`,
   whose `any` carries a per-type static tag and, for a non-NULL pointer, a box in C-private
   memory. The box counts the `any` references; on the last drop it runs `finalize` once (memory
   the package allocated, or a destructor) and releases the boxes its struct members keep alive.
   Payload 0 is the NULL handle: no box. */
#if defined(__GNUC__) || defined(__clang__)
#define PEN_MAYBE_UNUSED __attribute__((unused)) /* generated conversions a package may not call */
#else
#define PEN_MAYBE_UNUSED
#endif

typedef struct pen_handle_box pen_handle_box;
struct pen_handle_box {
  _Atomic intptr_t references;
  void *pointer;                       /* the C pointer; NULL only after pen_handle_disarm */
  size_t size;                         /* bytes behind pointer when the package allocated them */
  void (*finalize)(pen_handle_box *box); /* NULL: the pointer is the library's */
  size_t keep_alive_count;
  pen_handle_box **keep_alive;         /* boxes of pointers stored into this struct's members */
  bool owning;                         /* in pen_owned_boxes: finalize is a destructor */
  pen_handle_box *next_owned;
};
typedef struct pen_handle_body {
  pen_variant inner;
} pen_handle_body;

static inline uint64_t pen_handle_clone(uint64_t payload) {
  if (payload) {
    atomic_fetch_add_explicit(&((pen_handle_box *)(uintptr_t)payload)->references, 1,
                              memory_order_relaxed);
  }
  return payload;
}

/* The boxes whose finalizer is a destructor (config `destructor`), by pointer: a function that
   returns a pointer such a box already holds (sqlite3_db_handle) shares that box, so the
   destructor still runs once, on the last drop of any of them. A spin lock guards the table; it
   is taken only when such boxes are made, disarmed or die. */
#define PEN_OWNED_BUCKETS 64
static PEN_MAYBE_UNUSED pen_handle_box *pen_owned_boxes[PEN_OWNED_BUCKETS];
static PEN_MAYBE_UNUSED atomic_flag pen_owned_lock = ATOMIC_FLAG_INIT;

static inline void pen_owned_acquire(void) {
  while (atomic_flag_test_and_set_explicit(&pen_owned_lock, memory_order_acquire)) {
  }
}
static inline void pen_owned_release(void) {
  atomic_flag_clear_explicit(&pen_owned_lock, memory_order_release);
}
static inline pen_handle_box **pen_owned_bucket(const void *pointer) {
  return &pen_owned_boxes[((uintptr_t)pointer >> 4) % PEN_OWNED_BUCKETS];
}
/* Takes `box` out of the table; the lock is held. */
static inline void pen_owned_remove(pen_handle_box *box) {
  for (pen_handle_box **link = pen_owned_bucket(box->pointer); *link; link = &(*link)->next_owned) {
    if (*link == box) {
      *link = box->next_owned;
      break;
    }
  }
  box->owning = false;
}

static inline void pen_handle_box_release(pen_handle_box *box) {
  if (!box || atomic_fetch_sub_explicit(&box->references, 1, memory_order_acq_rel) != 1) {
    return;
  }
  if (box->owning) {
    pen_owned_acquire();
    pen_owned_remove(box);
    pen_owned_release();
  }
  if (box->finalize) {
    box->finalize(box);
  }
  for (size_t index = 0; index < box->keep_alive_count; ++index) {
    pen_handle_box_release(box->keep_alive[index]);
  }
  free(box->keep_alive);
  free(box);
}

static inline void pen_handle_drop_payload(uint64_t payload) {
  pen_handle_box_release((pen_handle_box *)(uintptr_t)payload);
}

/* The count is atomic already; there is nothing else to synchronize. */
static inline void pen_handle_synchronize(uint64_t payload) { (void)payload; }

/* A fresh handle record (count 0) for `pointer`; NULL gives the NULL handle. */
static inline pen_handle_body *pen_handle_new(const pen_type_info *tag, void *pointer, size_t size,
                                              void (*finalize)(pen_handle_box *),
                                              size_t keep_alive_count) {
  pen_handle_body *handle = pen_block_alloc(sizeof(pen_handle_body));
  handle->inner.tag = tag;
  handle->inner.payload = 0;
  if (pointer) {
    pen_handle_box *box = malloc(sizeof(pen_handle_box));
    pen_handle_box **keep_alive =
        keep_alive_count ? calloc(keep_alive_count, sizeof(pen_handle_box *)) : NULL;
    if (!box || (keep_alive_count && !keep_alive)) {
      pen_abort("pen_abi: out of memory");
    }
    atomic_init(&box->references, 1);
    box->pointer = pointer;
    box->size = size;
    box->finalize = finalize;
    box->keep_alive_count = keep_alive_count;
    box->keep_alive = keep_alive;
    box->owning = false;
    box->next_owned = NULL;
    handle->inner.payload = (uint64_t)(uintptr_t)box;
  }
  return handle;
}

/* A handle for a pointer of a type with a destructor `finalize`: the live box that owns the
   pointer already, with one more reference, if there is one; else a new box, which owns the
   pointer (and runs `finalize` on the last drop) when `owns`, and only borrows it otherwise
   (a pointer read from a struct member belongs to whoever stored it). */
static inline pen_handle_body *pen_handle_share(const pen_type_info *tag, void *pointer,
                                                void (*finalize)(pen_handle_box *),
                                                size_t keep_alive_count, bool owns) {
  if (!pointer) {
    return pen_handle_new(tag, NULL, 0, NULL, 0);
  }
  pen_owned_acquire();
  for (pen_handle_box *box = *pen_owned_bucket(pointer); box; box = box->next_owned) {
    if (box->pointer != pointer || box->finalize != finalize) {
      continue;
    }
    /* A box on its way out (no references left) cannot be revived. */
    intptr_t count = atomic_load_explicit(&box->references, memory_order_relaxed);
    while (count > 0 && !atomic_compare_exchange_weak_explicit(&box->references, &count, count + 1,
                                                               memory_order_relaxed,
                                                               memory_order_relaxed)) {
    }
    if (count > 0) {
      pen_owned_release();
      pen_handle_body *handle = pen_block_alloc(sizeof(pen_handle_body));
      handle->inner.tag = tag;
      handle->inner.payload = (uint64_t)(uintptr_t)box;
      return handle;
    }
  }
  pen_handle_body *handle = pen_handle_new(tag, pointer, 0, owns ? finalize : NULL,
                                           keep_alive_count);
  if (owns) {
    pen_handle_box *box = (pen_handle_box *)(uintptr_t)handle->inner.payload;
    box->owning = true;
    box->next_owned = *pen_owned_bucket(pointer);
    *pen_owned_bucket(pointer) = box;
  }
  pen_owned_release();
  return handle;
}

/* The box of a handle argument after checking its tag: a wrong tag is a bug in the caller, so
   the process stops with a message naming the function and the expected type. */
static inline pen_handle_box *pen_handle_box_of(const pen_handle_body *handle,
                                                const pen_type_info *tag, const char *function,
                                                const char *type) {
  if (!handle || handle->inner.tag != tag) {
    fprintf(stderr, "%s: expected a %s handle, got another value\n", function, type);
    abort();
  }
  return (pen_handle_box *)(uintptr_t)handle->inner.payload;
}

static inline void *pen_handle_pointer(const pen_handle_body *handle, const pen_type_info *tag,
                                       const char *function, const char *type) {
  pen_handle_box *box = pen_handle_box_of(handle, tag, function, type);
  return box ? box->pointer : NULL;
}

/* Gives up the shim's reference to a handle record (pen-abi 2.5): on the last one, the `any`
   inside is dropped through its tag, then the block is freed. */
static inline void pen_handle_drop(pen_handle_body *handle) {
  if (pen_block_release(handle)) {
    handle->inner.tag->drop(handle->inner.payload);
    pen_block_free(handle);
  }
}

/* Stores `box` (one more reference) in a keep-alive slot, releasing what was there. */
static inline void pen_handle_keep_alive(pen_handle_box *owner, size_t slot, pen_handle_box *box) {
  if (!owner || slot >= owner->keep_alive_count) {
    return;
  }
  if (box) {
    atomic_fetch_add_explicit(&box->references, 1, memory_order_relaxed);
  }
  pen_handle_box_release(owner->keep_alive[slot]);
  owner->keep_alive[slot] = box;
}

/* Memory the package allocated (struct constructors, Buffers). */
static inline void pen_handle_free_pointer(pen_handle_box *box) { free(box->pointer); }

/* A C function pointer in a handle: ISO C cannot convert it to `void *`, so the box points to a
   malloc'd pen_function_box holding it as `void (*)(void)` (any function pointer type converts
   to another and back unchanged); each use casts it back to the exact type. NULL is the NULL
   handle. */
typedef void (*pen_function_pointer)(void);
typedef struct {
  pen_function_pointer function;
} pen_function_box;

static inline PEN_MAYBE_UNUSED pen_handle_body *pen_function_handle_new(const pen_type_info *tag,
                                                                        pen_function_pointer function) {
  if (!function) {
    return pen_handle_new(tag, NULL, 0, NULL, 0);
  }
  pen_function_box *box = malloc(sizeof(pen_function_box));
  if (!box) {
    pen_abort("pen_abi: out of memory");
  }
  box->function = function;
  return pen_handle_new(tag, box, sizeof(pen_function_box), pen_handle_free_pointer, 0);
}

static inline PEN_MAYBE_UNUSED pen_function_pointer pen_function_handle_get(
    const pen_handle_body *handle, const pen_type_info *tag, const char *function,
    const char *type) {
  const pen_function_box *box = pen_handle_pointer(handle, tag, function, type);
  return box ? box->function : NULL;
}

/* After the handle type's destructor was called explicitly through the binding: the box forgets
   the pointer, so the last drop does not destroy it again and the handle reads as NULL from now
   on. Memory the package allocated stays until the last drop, which frees it. */
static inline void pen_handle_disarm(const pen_handle_body *handle) {
  pen_handle_box *box = (pen_handle_box *)(uintptr_t)handle->inner.payload;
  if (box && box->finalize != pen_handle_free_pointer) {
    if (box->owning) {
      pen_owned_acquire();
      pen_owned_remove(box);
      pen_owned_release();
    }
    box->pointer = NULL;
    box->finalize = NULL;
  }
}

/* Buffers: `size` bytes plus a NUL after them, so char * members see a C string. */
static inline void *pen_buffer_alloc(size_t size) {
  if (size >= SIZE_MAX) {
    pen_abort("pen_abi: buffer too large");
  }
  void *bytes = calloc(size + 1, 1);
  if (!bytes) {
    pen_abort("pen_abi: out of memory");
  }
  return bytes;
}

/* Temporary C copies made while converting one call's arguments, freed after the call. */
typedef struct pen_scratch {
  void **items;
  size_t count;
  size_t capacity;
} pen_scratch;

static inline char *pen_scratch_string(pen_scratch *scratch, pen_string string) {
  if (scratch->count == scratch->capacity) {
    size_t capacity = scratch->capacity ? scratch->capacity * 2 : 4;
    void **items = realloc(scratch->items, capacity * sizeof(void *));
    if (!items) {
      pen_abort("pen_abi: out of memory");
    }
    scratch->items = items;
    scratch->capacity = capacity;
  }
  char *copy = pen_string_to_c(string);
  scratch->items[scratch->count++] = copy;
  return copy;
}

static inline void pen_scratch_free(pen_scratch *scratch) {
  for (size_t index = 0; index < scratch->count; ++index) {
    free(scratch->items[index]);
  }
  free(scratch->items);
}

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
