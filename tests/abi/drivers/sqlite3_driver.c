/* Plays Pen against the shim of the real sqlite3.h generated with abi/sqlite3/sqlite3.toml:
   sqlite3_open's out-parameter as a result record, sqlite3_exec calling a Pen function for each
   row, prepare_v2/step/column_*, a nullable handle result (next_stmt) and an owned string result
   (expanded_sql). The link wraps sqlite3_close and sqlite3_finalize (-Wl,--wrap), so every call
   the shim makes is counted per pointer: each destructor must run exactly once per object,
   whether on the last drop, through an explicit call, or both. */
#include "pen_values_side.h"

#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

typedef pen_side_handle handle;
typedef pen_side_variant variant;
typedef struct out_result { /* `type Sqlite3OpenResult { Result number  PpDb Sqlite3 }` */
  double result;
  handle* value;
} out_result;

void* _sqlite3_sqlite3_open(pen_side_string filename);
double _sqlite3_sqlite3_close(handle* db);
double _sqlite3_sqlite3_exec(handle* db, pen_side_string sql, pen_side_closure* callback,
                             handle* errmsg);
pen_side_string _sqlite3_sqlite3_errmsg(handle* db);
void* _sqlite3_sqlite3_prepare_v2(handle* db, pen_side_string sql, double bytes, handle* tail);
variant _sqlite3_sqlite3_expanded_sql(handle* stmt);
double _sqlite3_sqlite3_step(handle* stmt);
double _sqlite3_sqlite3_column_int(handle* stmt, double column);
pen_side_string _sqlite3_sqlite3_column_text(handle* stmt, double column);
double _sqlite3_sqlite3_finalize(handle* stmt);
handle* _sqlite3_sqlite3_db_handle(handle* stmt);
variant _sqlite3_sqlite3_next_stmt(handle* db, handle* stmt);
handle* _sqlite3_CharPointerNull(void);
handle* _sqlite3_Sqlite3Null(void);
bool _sqlite3_Sqlite3IsNull(handle* db);
bool _sqlite3_Sqlite3Same(handle* a, handle* b);
handle* _sqlite3_Sqlite3StmtNull(void);
bool _sqlite3_Sqlite3StmtIsNull(handle* stmt);
bool _sqlite3_Sqlite3StmtSame(handle* a, handle* b);

#define KEEP(h) ((handle*)pen_side_record_clone(h))
#define SQL(text) pen_side_cstring((text), 0)

/* Exported by the Pen module: foreign "c" _sqlite3_Sqlite3Stmt_to_any = \(x Sqlite3Stmt) any */
variant _sqlite3_Sqlite3Stmt_to_any(handle* stmt);
variant _sqlite3_Sqlite3Stmt_to_any(handle* stmt) {
  return pen_side_record_to_any(stmt);
}

/* Destructor calls the shim made, by pointer. */
typedef struct destructor_log {
  const void* pointers[16];
  int calls[16];
  int results[16];
  int null_calls;
} destructor_log;
static destructor_log closes, finalizes;
static void record_call(destructor_log* log, const void* pointer, int result) {
  if (!pointer) {
    ++log->null_calls;
    return;
  }
  for (int index = 0; index < 16; ++index) {
    if (log->pointers[index] == pointer || !log->pointers[index]) {
      log->pointers[index] = pointer;
      ++log->calls[index];
      log->results[index] = result;
      return;
    }
  }
}
static int calls_of(const destructor_log* log, const void* pointer) {
  for (int index = 0; index < 16; ++index) {
    if (log->pointers[index] == pointer) {
      return log->calls[index];
    }
  }
  return 0;
}
static int total_calls(const destructor_log* log) {
  int total = 0;
  for (int index = 0; index < 16; ++index) {
    total += log->calls[index];
  }
  return total;
}

int __real_sqlite3_close(sqlite3* db);
int __wrap_sqlite3_close(sqlite3* db);
int __wrap_sqlite3_close(sqlite3* db) {
  int result = __real_sqlite3_close(db);
  record_call(&closes, db, result);
  return result;
}
int __real_sqlite3_finalize(sqlite3_stmt* stmt);
int __wrap_sqlite3_finalize(sqlite3_stmt* stmt);
int __wrap_sqlite3_finalize(sqlite3_stmt* stmt) {
  int result = __real_sqlite3_finalize(stmt);
  record_call(&finalizes, stmt, result);
  return result;
}

/* The Pen function given to sqlite3_exec: \(number, [string], [string]) number. */
typedef struct rows {
  int calls;
  char text[256];
} rows;
static void append(char* out, const pen_side_variant* element) {
  if (element->tag != &pen_side_string_tag) {
    strcat(out, "?");
  } else if (element->payload) {
    pen_side_string s = (pen_side_string)(uintptr_t)element->payload;
    strncat(out, (const char*)s->bytes, s->length);
  }
}
double _sqlite3_call_sqlite3_exec_callback(pen_side_closure* f, double columns,
                                           pen_side_list* values, pen_side_list* names);
double _sqlite3_call_sqlite3_exec_callback(pen_side_closure* f, double columns,
                                           pen_side_list* values, pen_side_list* names) {
  rows* log = f->environment;
  ++log->calls;
  CHECK_NUMBER(columns, 2.0);
  const size_t count = pen_side_list_length(values);
  CHECK(pen_side_list_length(names) == count);
  for (size_t index = 0; index < count; ++index) {
    append(log->text, pen_side_list_element(names, index));
    strcat(log->text, "=");
    append(log->text, pen_side_list_element(values, index));
    strcat(log->text, ";");
  }
  pen_side_list_drop(values);
  pen_side_list_drop(names);
  pen_side_closure_release(f);
  return 0;
}

static out_result* open_memory(void) {
  out_result* opened = _sqlite3_sqlite3_open(SQL(":memory:"));
  CHECK_NUMBER(opened->result, SQLITE_OK);
  CHECK(!_sqlite3_Sqlite3IsNull(KEEP(opened->value)));
  return opened;
}
/* Pen's drop of a result record: its handle field, then the block. */
static void drop_out_result(out_result* record) {
  if (pen_side_record_release(record)) {
    pen_side_handle_drop(record->value);
    pen_side_record_free(record);
  }
}
static out_result* prepare(handle* db, const char* sql) {
  out_result* prepared =
      _sqlite3_sqlite3_prepare_v2(KEEP(db), SQL(sql), -1, _sqlite3_CharPointerNull());
  CHECK_NUMBER(prepared->result, SQLITE_OK);
  return prepared;
}

static void step_with_a_database_handle(void* db) {
  _sqlite3_sqlite3_step(KEEP(db));
}

int main(void) {
  out_result* opened = open_memory();
  handle* db = opened->value;

  /* sqlite3_exec with a Pen function: the shim drops its closure once, after the call. */
  rows created = {0, ""};
  CHECK_NUMBER(
      _sqlite3_sqlite3_exec(KEEP(db),
                            SQL("create table t(id integer, name text);"
                                "insert into t values (1, 'one'), (2, NULL), (3, 'three');"),
                            pen_side_closure_new(&created), _sqlite3_CharPointerNull()),
      SQLITE_OK);
  CHECK(created.calls == 0);
  rows selected = {0, ""};
  CHECK_NUMBER(_sqlite3_sqlite3_exec(KEEP(db), SQL("select id, name from t order by id"),
                                     pen_side_closure_new(&selected), _sqlite3_CharPointerNull()),
               SQLITE_OK);
  CHECK(selected.calls == 3);
  CHECK(strcmp(selected.text, "id=1;name=one;id=2;name=;id=3;name=three;") == 0);
  CHECK(pen_side_closure_environment_drops() == 2);
  CHECK_RESULT(_sqlite3_sqlite3_errmsg(KEEP(db)), "not an error");

  /* Reading rows with a statement. */
  out_result* prepared = prepare(db, "select id, name from t order by id");
  handle* stmt = prepared->value;
  variant sql = _sqlite3_sqlite3_expanded_sql(KEEP(stmt)); /* owned: freed with sqlite3_free */
  CHECK(sql.tag == &pen_side_string_tag);
  pen_side_expect_result(__FILE__, __LINE__, (pen_side_string)(uintptr_t)sql.payload,
                         "select id, name from t order by id", 34);
  const char* expected_names[] = {"one", "", "three"};
  for (int row = 0; row < 3; ++row) {
    CHECK_NUMBER(_sqlite3_sqlite3_step(KEEP(stmt)), SQLITE_ROW);
    CHECK_NUMBER(_sqlite3_sqlite3_column_int(KEEP(stmt), 0), row + 1.0);
    pen_side_string name = _sqlite3_sqlite3_column_text(KEEP(stmt), 1);
    pen_side_expect_result(__FILE__, __LINE__, name, expected_names[row],
                           strlen(expected_names[row]));
  }
  CHECK_NUMBER(_sqlite3_sqlite3_step(KEEP(stmt)), SQLITE_DONE);

  /* A pointer the package owns already comes back in the same box: sqlite3_db_handle's result
     is the connection, so dropping it must not close anything. */
  handle* same_db = _sqlite3_sqlite3_db_handle(KEEP(stmt));
  CHECK(_sqlite3_Sqlite3Same(KEEP(same_db), KEEP(db)));
  CHECK(same_db->inner.payload == db->inner.payload);
  pen_side_handle_drop(same_db);
  CHECK(total_calls(&closes) == 0);

  /* A nullable handle result: the statement, tagged by the Pen exporter, in the same box. */
  variant next = _sqlite3_sqlite3_next_stmt(KEEP(db), _sqlite3_Sqlite3StmtNull());
  CHECK(next.tag == &pen_side_record_tag);
  if (next.tag == &pen_side_record_tag) {
    handle* found = (handle*)(uintptr_t)next.payload;
    CHECK(_sqlite3_Sqlite3StmtSame(KEEP(found), KEEP(stmt)));
    CHECK(found->inner.payload == stmt->inner.payload);
  }
  next.tag->drop(next.payload);
  CHECK(total_calls(&finalizes) == 0);

  /* The wrong handle type stops the process with a message naming function and type. */
  CHECK_ABORTS(step_with_a_database_handle, db, "sqlite3_step: expected a Sqlite3Stmt handle");

  /* An explicit destructor call runs it once; the handle reads as NULL afterwards, a second
     call passes NULL, and the last drop runs nothing. */
  CHECK_NUMBER(_sqlite3_sqlite3_finalize(KEEP(stmt)), SQLITE_OK);
  CHECK(total_calls(&finalizes) == 1 && finalizes.null_calls == 0);
  CHECK(_sqlite3_Sqlite3StmtIsNull(KEEP(stmt)));
  CHECK_NUMBER(_sqlite3_sqlite3_finalize(KEEP(stmt)), SQLITE_OK);
  CHECK(total_calls(&finalizes) == 1 && finalizes.null_calls == 1);
  drop_out_result(prepared);
  CHECK(total_calls(&finalizes) == 1);
  variant none = _sqlite3_sqlite3_next_stmt(KEEP(db), _sqlite3_Sqlite3StmtNull());
  CHECK(none.tag == &pen_side_none_tag);

  /* A statement nobody finalizes: its last drop does, once, even with copies of the `any`. */
  out_result* unfinished = prepare(db, "select name from t");
  CHECK_NUMBER(_sqlite3_sqlite3_step(KEEP(unfinished->value)), SQLITE_ROW);
  handle* copy = pen_side_handle_copy(unfinished->value);
  drop_out_result(unfinished);
  CHECK(total_calls(&finalizes) == 1);
  pen_side_handle_drop(copy);
  CHECK(total_calls(&finalizes) == 2);
  for (int index = 0; index < 2; ++index) {
    CHECK(finalizes.calls[index] == 1 && finalizes.results[index] == SQLITE_OK);
  }

  /* The connection closes on its last drop, exactly once. */
  drop_out_result(opened);
  CHECK(total_calls(&closes) == 1 && closes.calls[0] == 1 && closes.results[0] == SQLITE_OK);

  /* Explicit close, then the last drop: one close; a closed handle is the NULL handle. */
  out_result* second = open_memory();
  CHECK_NUMBER(_sqlite3_sqlite3_close(KEEP(second->value)), SQLITE_OK);
  CHECK(total_calls(&closes) == 2 && closes.calls[1] == 1 && closes.results[1] == SQLITE_OK);
  CHECK(_sqlite3_Sqlite3IsNull(KEEP(second->value)));
  CHECK_NUMBER(_sqlite3_sqlite3_close(KEEP(second->value)), SQLITE_OK);
  CHECK(closes.null_calls == 1);
  drop_out_result(second);
  CHECK(total_calls(&closes) == 2 && closes.null_calls == 1);
  CHECK(closes.pointers[0] != closes.pointers[1] || closes.calls[1] == 1);
  CHECK(calls_of(&closes, NULL) == 0);

  /* NULL handles: nothing to destroy. */
  handle* null_db = _sqlite3_Sqlite3Null();
  CHECK(_sqlite3_Sqlite3IsNull(KEEP(null_db)));
  CHECK_NUMBER(_sqlite3_sqlite3_close(null_db), SQLITE_OK);
  CHECK(closes.null_calls == 2 && total_calls(&closes) == 2);
  return pen_side_finish();
}
