#define _POSIX_C_SOURCE 200809L
#include "pen_values_side.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static uint64_t same_payload(uint64_t payload) {
  return payload;
}
static void string_payload_drop(uint64_t payload) {
  pen_side_drop((pen_side_string)(uintptr_t)payload);
}
static void nothing(uint64_t payload) {
  (void)payload;
}

/* Strings are cloned by their count word in Pen; the drivers never clone strings in variants. */
const pen_side_type_info pen_side_string_tag = {same_payload, string_payload_drop, nothing, NULL};
const pen_side_type_info pen_side_none_tag = {same_payload, nothing, nothing, NULL};

pen_side_variant pen_ffi_string_to_any(pen_side_string string) {
  return (pen_side_variant){&pen_side_string_tag, (uint64_t)(uintptr_t)string};
}
pen_side_variant pen_ffi_none_to_any(void) {
  return (pen_side_variant){&pen_side_none_tag, 0};
}

static void* block_new(size_t size) {
  intptr_t* block = _pen_malloc(sizeof(intptr_t) + size);
  block[0] = 0;
  return block + 1;
}

void* pen_side_record_clone(void* record) {
  intptr_t* count = (intptr_t*)record - 1;
  if (*count < 0) {
    fprintf(stderr, "pen side: the drivers never synchronize records\n");
    abort();
  }
  ++*count;
  return record;
}

bool pen_side_record_release(void* record) {
  intptr_t* count = (intptr_t*)record - 1;
  if (*count == 0) {
    return true;
  }
  --*count;
  return false;
}

void pen_side_record_free(void* record) {
  _pen_free((intptr_t*)record - 1);
}

/* The list code sits after the record helpers it uses. */
static void list_closure_drop(uintptr_t closure);
static void list_closure_synchronize(uintptr_t closure) {
  (void)closure;
  fprintf(stderr, "pen side: the drivers never synchronize lists\n");
  abort();
}
typedef struct list_metadata {
  void (*drop)(uintptr_t);
  void (*synchronize)(uintptr_t);
} list_metadata;
static const list_metadata list_closure_metadata = {list_closure_drop, list_closure_synchronize};

/* A closure block (pen-abi 4.1) whose value is already computed: Pen's evaluated thunk. */
struct pen_side_list_closure {
  void* entry;
  const list_metadata* metadata;
  pen_side_variant value;
};
/* The prelude's private `node` record. */
typedef struct list_node {
  pen_side_list_closure* first;
  pen_side_list_closure* rest;
} list_node;

static pen_side_list_closure* list_closure_new(pen_side_variant value) {
  pen_side_list_closure* closure = block_new(sizeof(pen_side_list_closure));
  closure->entry = NULL;
  closure->metadata = &list_closure_metadata;
  closure->value = value;
  return closure;
}
static void list_closure_release(pen_side_list_closure* closure) {
  if (pen_side_record_release(closure)) {
    closure->metadata->drop((uintptr_t)closure);
    pen_side_record_free(closure);
  }
}
static void list_closure_drop(uintptr_t closure) {
  pen_side_variant value = ((pen_side_list_closure*)closure)->value;
  value.tag->drop(value.payload);
}

static uint64_t node_payload_clone(uint64_t payload) {
  return (uint64_t)(uintptr_t)pen_side_record_clone((void*)(uintptr_t)payload);
}
static void node_payload_drop(uint64_t payload) {
  list_node* node = (list_node*)(uintptr_t)payload;
  if (pen_side_record_release(node)) {
    list_closure_release(node->first);
    list_closure_release(node->rest);
    pen_side_record_free(node);
  }
}
static const pen_side_type_info node_tag = {node_payload_clone, node_payload_drop, nothing, NULL};

pen_side_list* pen_ffi_list_create(void) {
  pen_side_list* list = block_new(sizeof(pen_side_list));
  list->node = list_closure_new(pen_ffi_none_to_any());
  return list;
}

pen_side_list* pen_ffi_list_prepend(pen_side_variant element, pen_side_list* rest) {
  list_node* node = block_new(sizeof(list_node));
  node->first = list_closure_new(element);
  node->rest = pen_side_record_clone(rest->node);
  pen_side_list_drop(rest);
  pen_side_list* list = block_new(sizeof(pen_side_list));
  list->node = list_closure_new((pen_side_variant){&node_tag, (uint64_t)(uintptr_t)node});
  return list;
}

/* The node a `\() node | none` closure returns, or NULL for none. */
static const list_node* node_of(const pen_side_list_closure* closure) {
  if (closure->value.tag == &node_tag) {
    return (const list_node*)(uintptr_t)closure->value.payload;
  }
  if (closure->value.tag != &pen_side_none_tag) {
    fprintf(stderr, "pen side: a list node is a node record or none\n");
    abort();
  }
  return NULL;
}

size_t pen_side_list_length(const pen_side_list* list) {
  size_t length = 0;
  for (const list_node* node = node_of(list->node); node; node = node_of(node->rest)) {
    ++length;
  }
  return length;
}

const pen_side_variant* pen_side_list_element(const pen_side_list* list, size_t index) {
  for (const list_node* node = node_of(list->node); node; node = node_of(node->rest)) {
    if (index-- == 0) {
      return &node->first->value;
    }
  }
  return NULL;
}

void pen_side_list_drop(pen_side_list* list) {
  if (pen_side_record_release(list)) {
    list_closure_release(list->node);
    pen_side_record_free(list);
  }
}

static uint64_t list_payload_clone(uint64_t payload) {
  return (uint64_t)(uintptr_t)pen_side_record_clone((void*)(uintptr_t)payload);
}
static void list_payload_drop(uint64_t payload) {
  pen_side_list_drop((pen_side_list*)(uintptr_t)payload);
}
const pen_side_type_info pen_side_list_tag = {list_payload_clone, list_payload_drop, nothing, NULL};

pen_side_variant pen_side_list_to_any(pen_side_list* list) {
  if (!list) {
    fprintf(stderr, "pen side: a list is never NULL\n");
    abort();
  }
  return (pen_side_variant){&pen_side_list_tag, (uint64_t)(uintptr_t)list};
}

void pen_side_handle_drop(pen_side_handle* handle) {
  if (pen_side_record_release(handle)) {
    handle->inner.tag->drop(handle->inner.payload); /* pen-abi 5.1: no NULL check */
    pen_side_record_free(handle);
  }
}

pen_side_handle* pen_side_handle_copy(const pen_side_handle* handle) {
  pen_side_handle* copy = block_new(sizeof(pen_side_handle));
  copy->inner.tag = handle->inner.tag;
  copy->inner.payload = handle->inner.tag->clone(handle->inner.payload);
  return copy;
}

static uint64_t record_payload_clone(uint64_t payload) {
  return (uint64_t)(uintptr_t)pen_side_record_clone((void*)(uintptr_t)payload);
}
static void record_payload_drop(uint64_t payload) {
  pen_side_handle_drop((pen_side_handle*)(uintptr_t)payload);
}
const pen_side_type_info pen_side_record_tag = {record_payload_clone, record_payload_drop, nothing,
                                                NULL};

pen_side_variant pen_side_record_to_any(pen_side_handle* handle) {
  if (!handle) {
    fprintf(stderr, "pen side: a record is never NULL\n");
    abort();
  }
  return (pen_side_variant){&pen_side_record_tag, (uint64_t)(uintptr_t)handle};
}

const pen_side_type_info pen_side_number_tag = {same_payload, nothing, nothing, NULL};
const pen_side_type_info pen_side_boolean_tag = {same_payload, nothing, nothing, NULL};

pen_side_variant pen_ffi_number_to_any(double number) {
  uint64_t bits;
  memcpy(&bits, &number, sizeof bits);
  return (pen_side_variant){&pen_side_number_tag, bits};
}
pen_side_variant pen_ffi_boolean_to_any(bool boolean) {
  return (pen_side_variant){&pen_side_boolean_tag, boolean ? 1 : 0};
}

static uint64_t error_payload_clone(uint64_t payload) {
  return (uint64_t)(uintptr_t)pen_side_record_clone((void*)(uintptr_t)payload);
}
static void error_payload_drop(uint64_t payload) {
  pen_side_error* error = (pen_side_error*)(uintptr_t)payload;
  if (pen_side_record_release(error)) {
    error->source.tag->drop(error->source.payload);
    pen_side_record_free(error);
  }
}
const pen_side_type_info pen_side_error_tag = {error_payload_clone, error_payload_drop, nothing,
                                               NULL};

pen_side_variant pen_ffi_error_to_any(pen_side_error* error) {
  if (!error) {
    fprintf(stderr, "pen side: an error is never NULL\n");
    abort();
  }
  return (pen_side_variant){&pen_side_error_tag, (uint64_t)(uintptr_t)error};
}

void pen_side_variant_drop(pen_side_variant value) {
  value.tag->drop(value.payload);
}

bool pen_side_same_text(pen_side_string string, const char* text) {
  const size_t length = strlen(text);
  return length == 0
             ? string == NULL
             : string && string->length == length && memcmp(string->bytes, text, length) == 0;
}

void pen_side_expect_error(const char* file, int line, pen_side_variant value, const char* text) {
  if (value.tag != &pen_side_error_tag) {
    pen_side_fail(file, line, "expected an error");
    return;
  }
  const pen_side_error* error = (const pen_side_error*)(uintptr_t)value.payload;
  if (error->source.tag != &pen_side_string_tag ||
      !pen_side_same_text((pen_side_string)(uintptr_t)error->source.payload, text)) {
    pen_side_fail(file, line, text);
  }
  pen_side_variant_drop(value);
}

static int environment_drops;
static void environment_drop(uintptr_t closure) {
  (void)closure;
  ++environment_drops;
}
typedef struct closure_metadata {
  void (*drop)(uintptr_t);
  void (*synchronize)(uintptr_t);
} closure_metadata;
static const closure_metadata metadata = {environment_drop, environment_drop};

pen_side_closure* pen_side_closure_new(void* environment) {
  pen_side_closure* closure = block_new(sizeof(pen_side_closure));
  closure->entry = NULL;
  closure->metadata = &metadata;
  closure->environment = environment;
  return closure;
}

void pen_side_closure_release(pen_side_closure* closure) {
  if (pen_side_record_release(closure)) {
    ((const closure_metadata*)closure->metadata)->drop((uintptr_t)closure);
    pen_side_record_free(closure);
  }
}

int pen_side_closure_environment_drops(void) {
  return environment_drops;
}

void pen_side_expect_abort(const char* file, int line, void (*body)(void* context), void* context,
                           const char* message) {
  int pipe_ends[2];
  if (pipe(pipe_ends) != 0) {
    pen_side_fail(file, line, "pipe");
    return;
  }
  fflush(stdout);
  fflush(stderr);
  pid_t child = fork();
  if (child == 0) {
    dup2(pipe_ends[1], 2);
    close(pipe_ends[0]);
    body(context);
    _exit(0); /* not reached when the shim aborts */
  }
  close(pipe_ends[1]);
  char output[4096];
  size_t length = 0;
  ssize_t got;
  while (length < sizeof output - 1 &&
         (got = read(pipe_ends[0], output + length, sizeof output - 1 - length)) > 0) {
    length += (size_t)got;
  }
  output[length] = '\0';
  close(pipe_ends[0]);
  int status = 0;
  waitpid(child, &status, 0);
  if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGABRT) {
    fprintf(stderr, "%s:%d: expected an abort; child status %d, stderr: %s\n", file, line, status,
            output);
    pen_side_fail(file, line, "no abort");
  } else if (!strstr(output, message)) {
    fprintf(stderr, "%s:%d: abort message \"%s\" lacks \"%s\"\n", file, line, output, message);
    pen_side_fail(file, line, "abort message");
  }
}
