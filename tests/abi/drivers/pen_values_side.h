/* Pen's side of variants, records, lists and closures for the ABI drivers of records and handles,
   written from pen-abi.md alone (like pen_side.h): the `ffi` package exports the shims call
   (pen_ffi_string_to_any, pen_ffi_none_to_any, pen_ffi_list_create, pen_ffi_list_prepend), and
   clone/drop of record blocks as Pen's generated code does them. */
#ifndef PEN_VALUES_SIDE_H
#define PEN_VALUES_SIDE_H

#include "pen_side.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* pen-abi 5.1 */
typedef struct pen_side_type_info {
  uint64_t (*clone)(uint64_t payload);
  void (*drop)(uint64_t payload);
  void (*synchronize)(uint64_t payload);
  const void* extra;
} pen_side_type_info;
typedef struct pen_side_variant {
  const pen_side_type_info* tag;
  uint64_t payload;
} pen_side_variant;

/* The tags Pen's ffi package gives strings and none (tests compare against them). */
extern const pen_side_type_info pen_side_string_tag;
extern const pen_side_type_info pen_side_none_tag;

pen_side_variant pen_ffi_string_to_any(pen_side_string string);
pen_side_variant pen_ffi_none_to_any(void);

/* A list as Pen lays it out (pen-abi 6.1): the prelude record `List { node \() node | none }`, a
   block holding a closure; the closure's value is a variant, `none` or a `node` record block
   `{first \() any, rest \() node | none}` of two more closures. Pen's closures are lazy; here
   each holds its value already (the shim only builds lists through the ffi exports, and the
   drivers read them back as Pen's `if [x, ...xs] = xs` would). */
typedef struct pen_side_list_closure pen_side_list_closure;
typedef struct pen_side_list {
  pen_side_list_closure* node;
} pen_side_list;
/* Consume their arguments, as the ffi exports do (pen-abi 2.1, 5.3). */
pen_side_list* pen_ffi_list_create(void);
pen_side_list* pen_ffi_list_prepend(pen_side_variant element, pen_side_list* list);
/* The number of elements, and element `index` (the value its thunk returns), or NULL past the
   end; the list stays the caller's. */
size_t pen_side_list_length(const pen_side_list* list);
const pen_side_variant* pen_side_list_element(const pen_side_list* list, size_t index);
/* Drops a list as Pen does: the record, its closure, the node records and elements. */
void pen_side_list_drop(pen_side_list* list);
/* The tag Pen gives a list inside a variant (pen-abi 5.1: `[number]` and `[string]` have their
   own tags), and the Pen module's export for `[T] | error` results. */
extern const pen_side_type_info pen_side_list_tag;
pen_side_variant pen_side_list_to_any(pen_side_list* list);

/* A handle is the record `type T { inner any }`: a block holding one variant (pen-abi 1.3). */
typedef struct pen_side_handle {
  pen_side_variant inner;
} pen_side_handle;

/* Record blocks: another reference (count word + 1), and Pen's drop of a handle record: on the
   last reference, the `any` inside is dropped through its tag, then the block is freed. */
void* pen_side_record_clone(void* record);
bool pen_side_record_release(void* record); /* true: the caller drops the fields and frees */
void pen_side_record_free(void* record);
void pen_side_handle_drop(pen_side_handle* handle);
/* Pen copying the `any` out of a handle into a new handle record, as a record update would:
   the payload is cloned through the tag. */
pen_side_handle* pen_side_handle_copy(const pen_side_handle* handle);

/* The tag Pen gives a handle record type inside a variant, and the exporter the shims call for
   `T | none` results (foreign "c" _pkg_T_to_any = \(x T) any { x }). */
extern const pen_side_type_info pen_side_record_tag;
pen_side_variant pen_side_record_to_any(pen_side_handle* handle);

/* Fallible results (pen-abi 5.2, 5.3): numbers and booleans travel in the payload; an error is a
   record block holding its source `any`. */
extern const pen_side_type_info pen_side_number_tag;
extern const pen_side_type_info pen_side_boolean_tag;
extern const pen_side_type_info pen_side_error_tag;
typedef struct pen_side_error {
  pen_side_variant source;
} pen_side_error;
pen_side_variant pen_ffi_number_to_any(double number);
pen_side_variant pen_ffi_boolean_to_any(bool boolean);
pen_side_variant pen_ffi_error_to_any(pen_side_error* error);
/* Drops a variant as Pen does: through its tag. */
void pen_side_variant_drop(pen_side_variant value);
/* Whether `string` holds exactly `text`; the empty text is Pen's empty string, NULL. */
bool pen_side_same_text(pen_side_string string, const char* text);
/* Checks that `value` is an error whose source is the string `text`, and drops it. */
void pen_side_expect_error(const char* file, int line, pen_side_variant value, const char* text);
#define CHECK_ERROR(value, text) pen_side_expect_error(__FILE__, __LINE__, (value), (text))

/* Closures (pen-abi 4.1) whose environment is a caller-chosen pointer; the count of
   environment drops shows the shim released its reference. */
typedef struct pen_side_closure {
  void* entry;
  const void* metadata;
  void* environment;
} pen_side_closure;
pen_side_closure* pen_side_closure_new(void* environment);
/* What Pen's closure call does with the reference it was given (pen-abi 2.1). */
void pen_side_closure_release(pen_side_closure* closure);
int pen_side_closure_environment_drops(void);

/* Runs `body` in a child process and checks it dies of SIGABRT with `message` in its stderr. */
void pen_side_expect_abort(const char* file, int line, void (*body)(void* context), void* context,
                           const char* message);
#define CHECK_ABORTS(body, context, message)                                                       \
  pen_side_expect_abort(__FILE__, __LINE__, (body), (context), (message))

#endif
