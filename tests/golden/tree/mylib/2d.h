#ifndef MYLIB_2D_H
#define MYLIB_2D_H

#include "net/socket.h"

int mylib_socket_fd(const mylib_socket *socket);

#endif
