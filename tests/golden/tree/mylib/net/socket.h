#ifndef MYLIB_NET_SOCKET_H
#define MYLIB_NET_SOCKET_H

#include "../types.h"

typedef struct mylib_socket {
  int fd;
  mylib_conn *conn;
} mylib_socket;

mylib_conn *mylib_connect(const char *host, int port);
int mylib_conn_close(mylib_conn *conn);
struct mylib_point mylib_conn_origin(const mylib_conn *conn);
mylib_socket *mylib_socket_of(mylib_conn *conn);

#endif
