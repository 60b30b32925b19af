#include "fnptr.h"

#include <stddef.h>

static int twice(int value) {
  return 2 * value;
}
static int negate(int value) {
  return -value;
}
static int notifications;

fnptr_op fnptr_get_op(int which) {
  return which == 1 ? twice : which == 2 ? negate : NULL;
}

int fnptr_apply(fnptr_op op, int value) {
  return op ? op(value) : value;
}

int (*fnptr_get_raw(void))(int) {
  return negate;
}

int fnptr_apply_raw(int (*op)(int), int value) {
  return op ? op(value) : value;
}

int fnptr_run(int status, void (*done)(int status)) {
  if (done) {
    done(status);
    ++notifications;
  }
  return notifications;
}

int fnptr_table_apply(const struct fnptr_table* table, int value) {
  return fnptr_apply(table->op, value);
}
