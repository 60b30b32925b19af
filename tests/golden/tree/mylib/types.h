#ifndef MYLIB_TYPES_H
#define MYLIB_TYPES_H

/* A point, passed by value. */
struct mylib_point {
  int x;
  int y;
};

/* An opaque connection. */
typedef struct mylib_conn mylib_conn;

#define MYLIB_VERSION 3

int mylib_point_sum(struct mylib_point point);

#endif
