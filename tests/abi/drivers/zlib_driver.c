/* Plays Pen against the shim of zlib.h (prefix _zlib_), linked with the real libz. */
#include "pen_side.h"

#include <limits.h>
#include <math.h>
#include <string.h>
#include <zlib.h>

double _zlib_crc32(double, pen_side_string, double);
double _zlib_adler32(double, pen_side_string, double);
pen_side_string _zlib_zlibVersion(void);
double _zlib_compressBound(double);

int main(void) {
  /* Reference values from Python's zlib module. */
  CHECK_NUMBER(_zlib_crc32(0, pen_side_cstring("hello", 0), 5), 907060870.0);
  CHECK_NUMBER(_zlib_crc32(0, pen_side_cstring("hello", 0), 3), 3842765083.0);
  CHECK_NUMBER(_zlib_crc32(_zlib_crc32(0, pen_side_cstring("hello ", 0), 6),
                           pen_side_cstring("world", 0), 5),
               222957957.0);
  /* The C copy keeps every byte, so an explicit length reaches past an embedded NUL. */
  CHECK_NUMBER(_zlib_crc32(0, pen_side_string_new("a\0b", 3, 0), 3), 367556721.0);
  CHECK_NUMBER(_zlib_crc32(0, NULL, 0), 0.0);
  CHECK_NUMBER(_zlib_crc32(0, pen_side_cstring("hello", 0), -7), 0.0); /* uInt saturates at 0 */
  CHECK_NUMBER(_zlib_crc32(NAN, pen_side_cstring("hello", 0), 5), 907060870.0);
  CHECK_NUMBER(_zlib_adler32(1, pen_side_cstring("hello", 0), 5), 103547413.0);
  CHECK_NUMBER(_zlib_adler32(1, pen_side_cstring("hello", 0), 0), 1.0);

  PEN_SIDE_STATIC_STRING(literal, "hello");
  CHECK_NUMBER(_zlib_crc32(0, literal, 5), 907060870.0);
  CHECK(pen_side_count(literal) == INTPTR_MIN);
  pen_side_string shared = pen_side_cstring("hello", 3);
  CHECK_NUMBER(_zlib_adler32(1, shared, 5), 103547413.0);
  CHECK(pen_side_count(shared) == 2);
  pen_side_string synchronized = pen_side_cstring("hello", -2);
  CHECK_NUMBER(_zlib_adler32(1, synchronized, 5), 103547413.0);
  CHECK(pen_side_count(synchronized) == -1);
  pen_side_drop(synchronized);
  pen_side_drop(shared);
  pen_side_drop(shared);
  pen_side_drop(shared);

  pen_side_string version = _zlib_zlibVersion();
  CHECK(version != NULL && version->length == strlen(zlibVersion()) &&
        memcmp(version->bytes, zlibVersion(), version->length) == 0);
  CHECK(version != NULL && pen_side_count(version) == 0);
  pen_side_drop(version);

  CHECK_NUMBER(_zlib_compressBound(1000), (double)compressBound(1000));
  CHECK_NUMBER(_zlib_compressBound(1000.99), (double)compressBound(1000));
  CHECK_NUMBER(_zlib_compressBound(-1), (double)compressBound(0));
  CHECK_NUMBER(_zlib_compressBound(INFINITY), (double)compressBound(ULONG_MAX));
  return pen_side_finish();
}
