/* Function pointers without user data (tests/abi/drivers/fnptr_driver.c): Pen passes NULL or a
   function pointer C gave it back to C. */
#ifndef FNPTR_H
#define FNPTR_H

typedef int (*fnptr_op)(int value);

/* 0: NULL, 1: doubles, 2: negates. */
fnptr_op fnptr_get_op(int which);
/* `op` may be NULL: the value comes back unchanged. */
int fnptr_apply(fnptr_op op, int value);
/* A function-pointer type spelled out: the generic FunctionPointer handle. */
int (*fnptr_get_raw(void))(int);
int fnptr_apply_raw(int (*op)(int), int value);
/* `done` may be NULL (run without notification); returns how many notifications ran so far. */
int fnptr_run(int status, void (*done)(int status));

/* Function-pointer members: accessors read and assign them as handles. */
struct fnptr_table {
  int id;
  fnptr_op op;
  void (*done)(int status);
};
/* Applies table->op (NULL: the value unchanged). */
int fnptr_table_apply(const struct fnptr_table* table, int value);

#endif
