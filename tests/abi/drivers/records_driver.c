/* Plays Pen against the shim of tests/abi/records/records.h generated with records.toml:
   records both ways (pen-abi 1.3 blocks built with _pen_malloc, dropped as Pen drops them),
   handles with a destructor (runs once: last drop, explicit call, or both), NULL handles, tag
   checks, out-parameters, a nullable handle result, struct accessors (bitfields, arrays, a
   union, a nested struct, a Buffer and a handle member that the struct keeps alive) and Buffers. */
#include "pen_values_side.h"

#include <string.h>

typedef pen_side_handle handle;
typedef pen_side_variant variant;

/* Record blocks as Pen lays them out (fields in order, booleans as a byte). */
typedef struct point {
  double x;
  double y;
} point;
typedef struct shape {
  double area;
  uint8_t filled;
  pen_side_string label;
  point* origin;
  double kind;
  double id;
} shape;
typedef struct out_result {
  double result;
  handle* out;
} out_result;

point* _records_point_add(point* a, point* b);
shape* _records_shape_make(pen_side_string label, point* origin, uint8_t filled);
shape* _records_shape_moved(shape* s, double dx, double dy);
double _records_shape_weight(shape* s);
handle* _records_counter_open(double start);
double _records_counter_next(handle* c);
pen_side_string _records_counter_label(handle* c);
void _records_counter_close(handle* c);
out_result* _records_counter_open_checked(double start);
variant _records_counter_latest(void);
variant _records_counter_find(double start);
double _records_counters_alive(void);
double _records_counter_closes_of(double start);
double _records_settings_sum(handle* s);
handle* _records_BufferFromString(pen_side_string bytes);
pen_side_string _records_BufferToString(handle* buffer, double offset, double length);
double _records_BufferSize(handle* buffer);
handle* _records_CounterNull(void);
bool _records_CounterIsNull(handle* c);
bool _records_CounterSame(handle* a, handle* b);
handle* _records_SettingsNull(void);
handle* _records_SettingsNew(void);
double _records_SettingsGetFlags(handle* s);
void _records_SettingsSetFlags(handle* s, double value);
double _records_SettingsGetEnabled(handle* s);
void _records_SettingsSetEnabled(handle* s, double value);
double _records_SettingsGetDelta(handle* s);
void _records_SettingsSetDelta(handle* s, double value);
double _records_SettingsGetValues(handle* s, double index);
void _records_SettingsSetValues(handle* s, double index, double value);
double _records_SettingsGetUAsInt(handle* s);
void _records_SettingsSetUAsInt(handle* s, double value);
double _records_SettingsGetUAsFloat(handle* s);
void _records_SettingsSetUAsFloat(handle* s, double value);
double _records_SettingsGetNestedDepth(handle* s);
void _records_SettingsSetNestedDepth(handle* s, double value);
void _records_SettingsSetData(handle* s, handle* buffer);
void _records_SettingsSetDataLength(handle* s, double value);
handle* _records_SettingsGetOwner(handle* s);
void _records_SettingsSetOwner(handle* s, handle* c);

/* Exported by the Pen module for `Counter | none`. */
variant _records_Counter_to_any(handle* c);
variant _records_Counter_to_any(handle* c) {
  return pen_side_record_to_any(c);
}

#define KEEP(h) ((handle*)pen_side_record_clone(h))

static void* block(size_t size, intptr_t count) {
  intptr_t* words = _pen_malloc(sizeof(intptr_t) + size);
  words[0] = count;
  return words + 1;
}
static point* point_new(double x, double y, intptr_t count) {
  point* p = block(sizeof(point), count);
  p->x = x;
  p->y = y;
  return p;
}
static void point_drop(point* p) {
  if (pen_side_record_release(p)) {
    pen_side_record_free(p);
  }
}
static void shape_drop(shape* s) {
  if (pen_side_record_release(s)) {
    pen_side_drop(s->label);
    point_drop(s->origin);
    pen_side_record_free(s);
  }
}
static void out_result_drop(out_result* r) {
  if (pen_side_record_release(r)) {
    pen_side_handle_drop(r->out);
    pen_side_record_free(r);
  }
}
static intptr_t count_of(void* record) {
  return ((intptr_t*)record)[-1];
}

static void records(void) {
  /* By value in and out; arguments are consumed, a shared one only loses a reference. */
  point* shared = point_new(10, 20, 1);
  point* sum = _records_point_add(point_new(1, 2, 0), shared);
  CHECK(count_of(shared) == 0 && count_of(sum) == 0);
  CHECK_NUMBER(sum->x, 11.0);
  CHECK_NUMBER(sum->y, 22.0);
  point_drop(sum);
  point_drop(shared);
  /* Numbers convert into int fields as parameters do: saturated, NaN is 0. */
  point* saturated = _records_point_add(point_new(1e300, 0.0 / 0.0, 0), point_new(-0.5, -1e300, 0));
  CHECK_NUMBER(saturated->x, 2147483647.0);
  CHECK_NUMBER(saturated->y, -2147483648.0);
  point_drop(saturated);

  /* A struct result with a boolean, a string and a nested struct. */
  shape* made = _records_shape_make(pen_side_cstring("x", 0), point_new(3, 4, 0), 0xff);
  CHECK_NUMBER(made->area, 2.5);
  CHECK_BOOLEAN(made->filled, true);
  CHECK(made->label && made->label->length == 4 && memcmp(made->label->bytes, "made", 4) == 0);
  CHECK(made->label && pen_side_count(made->label) == 0);
  CHECK(count_of(made->origin) == 0);
  CHECK_NUMBER(made->origin->x, 3.0);
  CHECK_NUMBER(made->origin->y, 4.0);
  CHECK_NUMBER(made->kind, 7.0);
  CHECK_NUMBER(made->id, 1099511627776.0);
  /* A NULL char * field is "". */
  shape* unnamed = _records_shape_make(NULL, point_new(0, 0, 0), 2); /* only bit 0 counts */
  CHECK(unnamed->label == NULL);
  CHECK_BOOLEAN(unnamed->filled, false);
  shape_drop(unnamed);

  /* Both ways: the label the C function returns points into the shim's copy of ours, so the
     result's string is copied before the copy goes. */
  made->label = (pen_side_drop(made->label), pen_side_cstring("label", 0));
  shape* moved = _records_shape_moved((shape*)pen_side_record_clone(made), 1, -1);
  CHECK(count_of(made) == 0);
  CHECK(moved->label && moved->label->length == 5 && memcmp(moved->label->bytes, "label", 5) == 0);
  CHECK_NUMBER(moved->origin->x, 4.0);
  CHECK_NUMBER(moved->origin->y, 3.0);
  CHECK_BOOLEAN(moved->filled, true);
  shape_drop(moved);
  /* const T *: the struct on the shim's stack. */
  CHECK_NUMBER(_records_shape_weight(made), 2.5 * 2 + 7 + 1099511627776.0 + 3 + 4);
}

static void next_of_settings(void* s) {
  _records_counter_next(KEEP(s));
}
static void depth_of_null(void* unused) {
  (void)unused;
  _records_SettingsGetNestedDepth(_records_SettingsNull());
}
static void value_out_of_range(void* s) {
  _records_SettingsGetValues(KEEP(s), 4);
}
static void bytes_out_of_range(void* buffer) {
  _records_BufferToString(KEEP(buffer), 1, 3);
}

static void handles(void) {
  /* Predicates and NULL. */
  handle* null = _records_CounterNull();
  CHECK(null->inner.payload == 0);
  CHECK(_records_CounterIsNull(KEEP(null)));
  CHECK_NUMBER(_records_counter_next(KEEP(null)), -1.0);
  handle* c5 = _records_counter_open(5);
  CHECK(!_records_CounterIsNull(KEEP(c5)));
  CHECK(!_records_CounterSame(KEEP(c5), KEEP(null)));
  CHECK(_records_CounterSame(KEEP(c5), KEEP(c5)));
  CHECK_NUMBER(_records_counter_next(KEEP(c5)), 5.0);
  CHECK_NUMBER(_records_counter_next(KEEP(c5)), 6.0);
  CHECK_RESULT(_records_counter_label(KEEP(c5)), "counter");
  pen_side_handle_drop(null);

  /* The destructor runs on the last drop of the last copy of the `any`, once. */
  handle* copy = pen_side_handle_copy(c5);
  pen_side_handle_drop(c5);
  CHECK_NUMBER(_records_counters_alive(), 1.0);
  CHECK_NUMBER(_records_counter_next(KEEP(copy)), 7.0);
  pen_side_handle_drop(copy);
  CHECK_NUMBER(_records_counter_closes_of(5), 1.0);
  CHECK_NUMBER(_records_counters_alive(), 0.0);

  /* Explicitly: once; afterwards the handle is NULL, and neither a second call nor the last
     drop closes anything. */
  handle* c6 = _records_counter_open(6);
  handle* c6_copy = pen_side_handle_copy(c6);
  _records_counter_close(KEEP(c6));
  CHECK_NUMBER(_records_counter_closes_of(6), 1.0);
  CHECK(_records_CounterIsNull(KEEP(c6)));
  CHECK(_records_CounterIsNull(KEEP(c6_copy)));
  CHECK_NUMBER(_records_counter_next(KEEP(c6)), -1.0);
  _records_counter_close(KEEP(c6_copy));
  pen_side_handle_drop(c6);
  pen_side_handle_drop(c6_copy);
  CHECK_NUMBER(_records_counter_closes_of(6), 1.0);

  /* Out-parameters: the result code and the handle in one record. */
  out_result* opened = _records_counter_open_checked(7);
  CHECK_NUMBER(opened->result, 0.0);
  CHECK(!_records_CounterIsNull(KEEP(opened->out)));
  out_result* failed = _records_counter_open_checked(-1);
  CHECK_NUMBER(failed->result, -1.0);
  CHECK(failed->out && failed->out->inner.payload == 0);
  out_result_drop(failed);

  /* A nullable handle result: the Pen exporter tags it; a pointer the package owns already
     comes back in its box. */
  variant latest = _records_counter_latest();
  CHECK(latest.tag == &pen_side_record_tag);
  if (latest.tag == &pen_side_record_tag) {
    handle* found = (handle*)(uintptr_t)latest.payload;
    CHECK(found->inner.payload == opened->out->inner.payload);
    CHECK(_records_CounterSame(KEEP(found), KEEP(opened->out)));
  }
  latest.tag->drop(latest.payload);
  /* _Nullable in the header does the same without config. */
  variant found = _records_counter_find(7);
  CHECK(found.tag == &pen_side_record_tag);
  if (found.tag == &pen_side_record_tag) {
    CHECK(((handle*)(uintptr_t)found.payload)->inner.payload == opened->out->inner.payload);
  }
  found.tag->drop(found.payload);
  CHECK(_records_counter_find(8).tag == &pen_side_none_tag);
  CHECK_NUMBER(_records_counter_closes_of(7), 0.0);
  out_result_drop(opened);
  CHECK_NUMBER(_records_counter_closes_of(7), 1.0);
  variant none = _records_counter_latest();
  CHECK(none.tag == &pen_side_none_tag);

  /* Accessors of a struct the package allocates. */
  handle* settings = _records_SettingsNew();
  _records_SettingsSetFlags(KEEP(settings), 9); /* 3 bits: saturates at 7 */
  CHECK_NUMBER(_records_SettingsGetFlags(KEEP(settings)), 7.0);
  _records_SettingsSetEnabled(KEEP(settings), 1);
  CHECK_NUMBER(_records_SettingsGetEnabled(KEEP(settings)), 1.0);
  _records_SettingsSetDelta(KEEP(settings), -20); /* signed 4 bits: -8 */
  CHECK_NUMBER(_records_SettingsGetDelta(KEEP(settings)), -8.0);
  for (int index = 0; index < 4; ++index) {
    _records_SettingsSetValues(KEEP(settings), index, 100.0 * (index + 1));
  }
  CHECK_NUMBER(_records_SettingsGetValues(KEEP(settings), 3), 400.0);
  _records_SettingsSetUAsFloat(KEEP(settings), 1.5);
  CHECK_NUMBER(_records_SettingsGetUAsFloat(KEEP(settings)), 1.5);
  _records_SettingsSetUAsInt(KEEP(settings), 3);
  CHECK_NUMBER(_records_SettingsGetUAsInt(KEEP(settings)), 3.0);
  _records_SettingsSetNestedDepth(KEEP(settings), 70000);
  CHECK_NUMBER(_records_SettingsGetNestedDepth(KEEP(settings)), 32767.0);
  handle* bytes = _records_BufferFromString(pen_side_cstring("\x01\x02\x03", 0));
  CHECK_NUMBER(_records_BufferSize(KEEP(bytes)), 3.0);
  CHECK_RESULT(_records_BufferToString(KEEP(bytes), 1, 2), "\x02\x03");
  CHECK_ABORTS(bytes_out_of_range, bytes, "outside a Buffer of 3 bytes");
  _records_SettingsSetData(KEEP(settings), bytes); /* the struct keeps the Buffer alive */
  _records_SettingsSetDataLength(KEEP(settings), 3);
  /* A handle member keeps its box alive, and reading it back shares that box: only the last of
     all of them closes the counter. */
  handle* owner = _records_counter_open(9);
  _records_SettingsSetOwner(KEEP(settings), KEEP(owner));
  pen_side_handle_drop(owner);
  CHECK_NUMBER(_records_counters_alive(), 1.0);
  handle* read_back = _records_SettingsGetOwner(KEEP(settings));
  CHECK_NUMBER(_records_counter_next(KEEP(read_back)), 9.0);
  CHECK_NUMBER(_records_settings_sum(KEEP(settings)), 7 + 1 - 8 + 1000 + 3 + 32767 + 6 + 10);
  CHECK_ABORTS(value_out_of_range, settings, "index 4 is outside [0, 4)");
  CHECK_ABORTS(depth_of_null, NULL, "the Settings handle is NULL");
  CHECK_ABORTS(next_of_settings, settings, "counter_next: expected a Counter handle");
  pen_side_handle_drop(settings);
  CHECK_NUMBER(_records_counter_closes_of(9), 0.0);
  pen_side_handle_drop(read_back);
  CHECK_NUMBER(_records_counter_closes_of(9), 1.0);
  CHECK_NUMBER(_records_counters_alive(), 0.0);
}

int main(void) {
  records();
  handles();
  return pen_side_finish();
}
