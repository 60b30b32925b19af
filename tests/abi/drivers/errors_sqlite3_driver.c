/* Plays Pen against the shim of the real sqlite3.h generated with abi/errors/sqlite3_errors.toml:
   sqlite3_exec's `char **errmsg` as a `number | error` result. Success gives the number
   SQLITE_OK; a syntax error or a Pen callback that stops the query gives an error holding
   sqlite3's message, which the shim frees with sqlite3_free (the link wraps it to count the
   shim's calls). */
#include "pen_values_side.h"

#include <sqlite3.h>
#include <string.h>

typedef pen_side_handle handle;
typedef pen_side_variant variant;
typedef struct out_result { /* `type Sqlite3OpenResult { Result number  PpDb Sqlite3 }` */
  double result;
  handle* value;
} out_result;

void* _sqlite3_sqlite3_open(pen_side_string filename);
variant _sqlite3_sqlite3_exec(handle* db, pen_side_string sql, pen_side_closure* callback);

#define KEEP(h) ((handle*)pen_side_record_clone(h))
#define SQL(text) pen_side_cstring((text), 0)

/* The shim's sqlite3_free calls with a non-NULL pointer: the messages it releases. */
static int message_frees;
void __real_sqlite3_free(void* pointer);
void __wrap_sqlite3_free(void* pointer);
void __wrap_sqlite3_free(void* pointer) {
  if (pointer) {
    ++message_frees;
  }
  __real_sqlite3_free(pointer);
}

typedef struct rows {
  int calls;
  int stop_at; /* the callback returns non-zero on this call: sqlite3 aborts the query */
} rows;
double _sqlite3_call_sqlite3_exec_callback(pen_side_closure* f, double columns,
                                           pen_side_list* values, pen_side_list* names);
double _sqlite3_call_sqlite3_exec_callback(pen_side_closure* f, double columns,
                                           pen_side_list* values, pen_side_list* names) {
  (void)columns;
  rows* log = f->environment;
  const int call = ++log->calls;
  pen_side_list_drop(values);
  pen_side_list_drop(names);
  pen_side_closure_release(f);
  return call == log->stop_at ? 1 : 0;
}

static void expect_ok(const char* file, int line, variant value) {
  double number = -1;
  memcpy(&number, &value.payload, sizeof number);
  if (value.tag != &pen_side_number_tag || number != SQLITE_OK) {
    pen_side_fail(file, line, "expected the number SQLITE_OK");
  }
}
#define CHECK_OK(value) expect_ok(__FILE__, __LINE__, (value))

int main(void) {
  out_result* opened = _sqlite3_sqlite3_open(SQL(":memory:"));
  CHECK_NUMBER(opened->result, SQLITE_OK);
  handle* db = opened->value;

  rows created = {0, 0};
  CHECK_OK(_sqlite3_sqlite3_exec(KEEP(db),
                                 SQL("create table t(id integer);"
                                     "insert into t values (1), (2), (3);"),
                                 pen_side_closure_new(&created)));
  rows all = {0, 0};
  CHECK_OK(_sqlite3_sqlite3_exec(KEEP(db), SQL("select id from t"), pen_side_closure_new(&all)));
  CHECK(all.calls == 3);
  CHECK(message_frees == 0);

  rows none = {0, 0};
  CHECK_ERROR(_sqlite3_sqlite3_exec(KEEP(db), SQL("selec id from t"), pen_side_closure_new(&none)),
              "near \"selec\": syntax error");
  CHECK(message_frees == 1);
  CHECK(none.calls == 0);

  rows stopped = {0, 2};
  CHECK_ERROR(
      _sqlite3_sqlite3_exec(KEEP(db), SQL("select id from t"), pen_side_closure_new(&stopped)),
      "query aborted");
  CHECK(stopped.calls == 2);
  CHECK(message_frees == 2);
  CHECK(pen_side_closure_environment_drops() == 4);

  if (pen_side_record_release(opened)) {
    pen_side_handle_drop(opened->value);
    pen_side_record_free(opened);
  }
  return pen_side_finish();
}
