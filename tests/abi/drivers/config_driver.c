/* Plays Pen against the shim of tests/abi/config/overrides.h generated with overrides.toml:
   pointer+length buffers, owned and nullable results, variadic instances and callbacks. It also
   plays Pen's `ffi` package (variants, lists) and the Pen-exported callback callers. */
#include "pen_side.h"

#include <stdlib.h>
#include <string.h>

typedef struct type_info {
  uint64_t (*clone)(uint64_t);
  void (*drop)(uint64_t);
  void (*synchronize)(uint64_t);
  const void* extra;
} type_info;
typedef struct variant {
  const type_info* tag;
  uint64_t payload;
} variant;

static uint64_t string_clone(uint64_t payload) { return payload; }
static void string_drop(uint64_t payload) { pen_side_drop((pen_side_string)(uintptr_t)payload); }
static void no_sync(uint64_t payload) { (void)payload; }
static const type_info string_tag = {string_clone, string_drop, no_sync, NULL};
static const type_info none_tag = {string_clone, no_sync, no_sync, NULL};

variant pen_ffi_string_to_any(pen_side_string string);
variant pen_ffi_none_to_any(void);
variant pen_ffi_string_to_any(pen_side_string string) {
  return (variant){&string_tag, (uint64_t)(uintptr_t)string};
}
variant pen_ffi_none_to_any(void) { return (variant){&none_tag, 0}; }

/* A list as this driver represents it: the shim only passes it on. */
typedef struct list {
  variant head;
  struct list* tail;
} list;
list* pen_ffi_list_create(void);
list* pen_ffi_list_prepend(variant element, list* tail);
list* pen_ffi_list_create(void) { return NULL; }
list* pen_ffi_list_prepend(variant element, list* tail) {
  list* node = (list*)((intptr_t*)_pen_malloc(sizeof(intptr_t) + sizeof(list)) + 1);
  ((intptr_t*)node)[-1] = 0;
  node->head = element;
  node->tail = tail;
  return node;
}
static void list_drop(list* node) {
  while (node) {
    list* tail = node->tail;
    node->head.tag->drop(node->head.payload);
    _pen_free((intptr_t*)node - 1);
    node = tail;
  }
}

/* Closures: {entry, metadata, environment}; the environment is the test's call log. */
typedef struct metadata {
  void (*drop)(uintptr_t);
  void (*synchronize)(uintptr_t);
} metadata;
typedef struct log {
  int calls;
  int stop_at;
  char rows[256];
} log;
typedef struct closure {
  void* entry;
  const metadata* meta;
  log* environment;
} closure;
static int environment_drops;
static void closure_drop_environment(uintptr_t value) {
  (void)value;
  ++environment_drops;
}
static const metadata closure_metadata = {closure_drop_environment, closure_drop_environment};
static closure* closure_new(log* environment) {
  intptr_t* block = _pen_malloc(sizeof(intptr_t) + sizeof(closure));
  block[0] = 0;
  closure* f = (closure*)(block + 1);
  f->entry = NULL;
  f->meta = &closure_metadata;
  f->environment = environment;
  return f;
}
/* Pen's closure call consumes the reference (pen-abi 2.1). */
static void closure_release(closure* f) {
  intptr_t* count = (intptr_t*)f - 1;
  if (*count == 0) {
    f->meta->drop((uintptr_t)f);
    _pen_free(count);
  } else {
    --*count;
  }
}

static void append_string(char* out, const variant* value) {
  if (value->tag == &string_tag && value->payload) {
    pen_side_string s = (pen_side_string)(uintptr_t)value->payload;
    strncat(out, (const char*)s->bytes, s->length);
  } else {
    strcat(out, value->tag == &string_tag ? "" : "?");
  }
}

/* foreign "c" _overrides_call_for_each_row_visit = \(f \(number, [string], [string]) number,
   ...) number { f(x1, x2, x3) } */
double _overrides_call_for_each_row_visit(closure* f, double columns, list* values, list* names);
double _overrides_call_for_each_row_visit(closure* f, double columns, list* values, list* names) {
  log* environment = f->environment;
  ++environment->calls;
  CHECK_NUMBER(columns, 2.0);
  for (list *value = values, *name = names; value && name; value = value->tail, name = name->tail) {
    append_string(environment->rows, &name->head);
    strcat(environment->rows, "=");
    append_string(environment->rows, &value->head);
    strcat(environment->rows, ";");
  }
  list_drop(values);
  list_drop(names);
  double result = environment->calls == environment->stop_at ? 7 : 0;
  closure_release(f);
  return result;
}

double _overrides_call_apply_twice_function(closure* f, double x);
double _overrides_call_apply_twice_function(closure* f, double x) {
  ++f->environment->calls;
  closure_release(f);
  return x * 3;
}

double _overrides_checksum(double crc, pen_side_string buf);
double _overrides_scramble(pen_side_string buf);
variant _overrides_lookup(double key);
variant _overrides_describe(double code);
double _overrides_released_descriptions(void);
double _overrides_SumTwo(double count, double a, double b);
pen_side_string _overrides_FormatDouble(pen_side_string format, double x);
double _overrides_for_each_row(double rows, closure* visit);
double _overrides_apply_twice(closure* function, double x);

static void expect_string_variant(variant value, const char* text) {
  CHECK(value.tag == &string_tag);
  if (value.tag == &string_tag) {
    CHECK_RESULT((pen_side_string)(uintptr_t)value.payload, "");
    (void)text;
  }
}

int main(void) {
  /* Buffers: the Pen string's bytes and length, embedded NULs included; "" is NULL. */
  CHECK_NUMBER(_overrides_checksum(0, pen_side_string_new("a\0b", 3, 0)),
               (double)((97ul * 31 + 0) * 31 + 98));
  CHECK_NUMBER(_overrides_checksum(5, NULL), 5.0);
  pen_side_string shared = pen_side_cstring("xyz", 1);
  CHECK_NUMBER(_overrides_checksum(0, shared), (double)((120ul * 31 + 121) * 31 + 122));
  CHECK(pen_side_count(shared) == 0);
  /* A mutable buffer gets a copy: the Pen string is never written. */
  CHECK_NUMBER(_overrides_scramble(shared), 120.0 + 121 + 122);
  CHECK_NUMBER(_overrides_scramble(NULL), 0.0);
  CHECK(pen_side_live_blocks() == 0);

  /* Nullable results: none for NULL. */
  variant one = _overrides_lookup(1);
  CHECK(one.tag == &string_tag);
  pen_side_expect_result(__FILE__, __LINE__, (pen_side_string)(uintptr_t)one.payload, "one", 3);
  CHECK(_overrides_lookup(3).tag == &none_tag);

  /* Owned: copied, then freed with the named function exactly once; NULL is not freed. */
  variant description = _overrides_describe(42);
  CHECK(description.tag == &string_tag);
  pen_side_expect_result(__FILE__, __LINE__, (pen_side_string)(uintptr_t)description.payload,
                         "code 42", 7);
  CHECK_NUMBER(_overrides_released_descriptions(), 1.0);
  CHECK(_overrides_describe(-1).tag == &none_tag);
  CHECK_NUMBER(_overrides_released_descriptions(), 1.0);

  /* Variadic instances, with default argument promotions. */
  CHECK_NUMBER(_overrides_SumTwo(2, 40, 2.9), 42.0);
  CHECK_NUMBER(_overrides_SumTwo(2, 1, 70000), 32768.0); /* short saturates at SHRT_MAX */
  CHECK_RESULT(_overrides_FormatDouble(pen_side_cstring("%.2f", 0), 0.1), "0.10");

  /* Callbacks: each call gets the closure cloned; the shim drops its reference after. */
  log rows = {0, 0, ""};
  CHECK_NUMBER(_overrides_for_each_row(3, closure_new(&rows)), 0.0);
  CHECK(rows.calls == 3);
  CHECK(strcmp(rows.rows, "id=0;name=even;id=1;name=;id=2;name=even;") == 0);
  CHECK(environment_drops == 1);
  log stopping = {0, 2, ""};
  CHECK_NUMBER(_overrides_for_each_row(5, closure_new(&stopping)), 7.0);
  CHECK(stopping.calls == 2);
  CHECK(environment_drops == 2);
  log twice = {0, 0, ""};
  CHECK_NUMBER(_overrides_apply_twice(closure_new(&twice), 2), 18.0);
  CHECK(twice.calls == 2);
  CHECK(environment_drops == 3);
  (void)expect_string_variant;
  return pen_side_finish();
}
