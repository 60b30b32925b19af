/* Plays Pen against the shim of tests/abi/fnptr/fnptr.h: function pointers without user data are
   opaque handles. NULL handles reach C as NULL function pointers, function pointers C returned
   go back to C unchanged (cast back to the exact type), IsNull and Same compare the functions,
   and every box is freed (ASan's leak check). */
#include "pen_values_side.h"

typedef pen_side_handle handle;

handle* _fnptr_fnptr_get_op(double which);
double _fnptr_fnptr_apply(handle* op, double value);
handle* _fnptr_fnptr_get_raw(void);
double _fnptr_fnptr_apply_raw(handle* op, double value);
double _fnptr_fnptr_run(double status, handle* done);
handle* _fnptr_FnptrOpNull(void);
bool _fnptr_FnptrOpIsNull(handle* op);
bool _fnptr_FnptrOpSame(handle* a, handle* b);
handle* _fnptr_FunctionPointerNull(void);
bool _fnptr_FunctionPointerIsNull(handle* op);
bool _fnptr_FunctionPointerSame(handle* a, handle* b);
double _fnptr_fnptr_table_apply(handle* table, double value);
handle* _fnptr_FnptrTableNew(void);
handle* _fnptr_FnptrTableGetOp(handle* table);
void _fnptr_FnptrTableSetOp(handle* table, handle* op);
handle* _fnptr_FnptrTableGetDone(handle* table);
void _fnptr_FnptrTableSetDone(handle* table, handle* done);

/* The shim takes over one reference of each handle argument; Pen keeps its own. */
#define KEEP(h) ((handle*)pen_side_record_clone(h))

int main(void) {
  handle* null = _fnptr_FnptrOpNull();
  CHECK(_fnptr_FnptrOpIsNull(KEEP(null)));
  CHECK_NUMBER(_fnptr_fnptr_apply(KEEP(null), 5), 5.0);

  handle* twice = _fnptr_fnptr_get_op(1);
  handle* twice_again = _fnptr_fnptr_get_op(1);
  handle* negate = _fnptr_fnptr_get_op(2);
  handle* none = _fnptr_fnptr_get_op(0);
  CHECK(!_fnptr_FnptrOpIsNull(KEEP(twice)));
  CHECK(_fnptr_FnptrOpIsNull(KEEP(none)));
  CHECK_NUMBER(_fnptr_fnptr_apply(KEEP(twice), 21), 42.0);
  CHECK_NUMBER(_fnptr_fnptr_apply(KEEP(negate), 3), -3.0);
  /* Two boxes of one function are the same handle; different functions are not. */
  CHECK(_fnptr_FnptrOpSame(KEEP(twice), KEEP(twice_again)));
  CHECK(!_fnptr_FnptrOpSame(KEEP(twice), KEEP(negate)));
  CHECK(_fnptr_FnptrOpSame(KEEP(none), KEEP(null)));

  /* The generic FunctionPointer of a type spelled out. */
  handle* raw = _fnptr_fnptr_get_raw();
  CHECK(!_fnptr_FunctionPointerIsNull(KEEP(raw)));
  CHECK_NUMBER(_fnptr_fnptr_apply_raw(KEEP(raw), 7), -7.0);
  handle* raw_null = _fnptr_FunctionPointerNull();
  CHECK(_fnptr_FunctionPointerIsNull(KEEP(raw_null)));
  CHECK_NUMBER(_fnptr_fnptr_apply_raw(KEEP(raw_null), 7), 7.0);
  /* libuv's `uv_close(h, NULL)` pattern: a NULL notification function. */
  CHECK_NUMBER(_fnptr_fnptr_run(0, KEEP(raw_null)), 0.0);

  /* Members: a zeroed struct reads NULL; a function pointer C gave is stored and read back. */
  handle* table = _fnptr_FnptrTableNew();
  handle* initial = _fnptr_FnptrTableGetOp(KEEP(table));
  CHECK(_fnptr_FnptrOpIsNull(KEEP(initial)));
  handle* done = _fnptr_FnptrTableGetDone(KEEP(table));
  CHECK(_fnptr_FunctionPointerIsNull(KEEP(done)));
  CHECK_NUMBER(_fnptr_fnptr_table_apply(KEEP(table), 4), 4.0);
  _fnptr_FnptrTableSetOp(KEEP(table), KEEP(twice));
  CHECK_NUMBER(_fnptr_fnptr_table_apply(KEEP(table), 4), 8.0);
  handle* stored = _fnptr_FnptrTableGetOp(KEEP(table));
  CHECK(_fnptr_FnptrOpSame(KEEP(stored), KEEP(twice)));
  _fnptr_FnptrTableSetDone(KEEP(table), KEEP(raw_null));
  _fnptr_FnptrTableSetOp(KEEP(table), KEEP(null));
  CHECK_NUMBER(_fnptr_fnptr_table_apply(KEEP(table), 4), 4.0);

  for (handle** h = (handle*[]){null, twice, twice_again, negate, none, raw, raw_null, table,
                                initial, done, stored, NULL};
       *h; ++h) {
    pen_side_handle_drop(*h);
  }
  return pen_side_finish();
}
