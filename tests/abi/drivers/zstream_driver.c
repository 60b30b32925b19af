/* Plays Pen against the shim of the real zlib.h: compresses and uncompresses through z_stream
   handles made by ZStreamNew, whose members are set with Buffers (next_in/next_out) and numbers
   (avail_in/avail_out), calling the bound deflateInit_ and inflateInit_ (deflateInit is a macro)
   as ZLIB_VERSION and sizeof(z_stream) say. zlib's own uncompress checks the compressed bytes. */
#include "pen_values_side.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

typedef pen_side_handle handle;

/* The shim's functions as Pen imports them. */
handle* _zlib_ZStreamNew(void);
bool _zlib_ZStreamIsNull(handle* strm);
void _zlib_ZStreamSetNextIn(handle* strm, handle* buffer);
void _zlib_ZStreamSetAvailIn(handle* strm, double value);
void _zlib_ZStreamSetNextOut(handle* strm, handle* buffer);
void _zlib_ZStreamSetAvailOut(handle* strm, double value);
double _zlib_ZStreamGetAvailIn(handle* strm);
double _zlib_ZStreamGetAvailOut(handle* strm);
double _zlib_ZStreamGetTotalIn(handle* strm);
double _zlib_ZStreamGetTotalOut(handle* strm);
handle* _zlib_BufferNew(double size);
handle* _zlib_BufferFromString(pen_side_string bytes);
pen_side_string _zlib_BufferToString(handle* buffer, double offset, double length);
double _zlib_BufferSize(handle* buffer);
double _zlib_deflateInit_(handle* strm, double level, pen_side_string version, double size);
double _zlib_deflate(handle* strm, double flush);
double _zlib_deflateEnd(handle* strm);
double _zlib_inflateInit_(handle* strm, pen_side_string version, double size);
double _zlib_inflate(handle* strm, double flush);
double _zlib_inflateEnd(handle* strm);

/* Pen passes owned references: a value used again is cloned first. */
#define KEEP(h) ((handle*)pen_side_record_clone(h))

static pen_side_string version(void) {
  return pen_side_cstring(ZLIB_VERSION, 0);
}

int main(void) {
  char text[3000];
  for (size_t index = 0; index < sizeof text; ++index) {
    text[index] = "pen-bindgen z_stream "[index % 21];
  }
  text[100] = '\0'; /* bytes, not a C string: embedded NULs survive */

  /* Compress. */
  handle* deflater = _zlib_ZStreamNew();
  CHECK(!_zlib_ZStreamIsNull(KEEP(deflater)));
  CHECK_NUMBER(
      _zlib_deflateInit_(KEEP(deflater), Z_BEST_COMPRESSION, version(), (double)sizeof(z_stream)),
      Z_OK);
  handle* input = _zlib_BufferFromString(pen_side_string_new(text, sizeof text, 0));
  handle* compressed = _zlib_BufferNew(4096);
  CHECK_NUMBER(_zlib_BufferSize(KEEP(compressed)), 4096.0);
  _zlib_ZStreamSetNextIn(KEEP(deflater), KEEP(input));
  _zlib_ZStreamSetAvailIn(KEEP(deflater), _zlib_BufferSize(KEEP(input)));
  _zlib_ZStreamSetNextOut(KEEP(deflater), KEEP(compressed));
  _zlib_ZStreamSetAvailOut(KEEP(deflater), 4096);
  /* The stream keeps the Buffers alive: Pen's references can go before deflate runs. */
  pen_side_handle_drop(input);
  CHECK_NUMBER(_zlib_deflate(KEEP(deflater), Z_FINISH), Z_STREAM_END);
  CHECK_NUMBER(_zlib_ZStreamGetAvailIn(KEEP(deflater)), 0.0);
  CHECK_NUMBER(_zlib_ZStreamGetTotalIn(KEEP(deflater)), (double)sizeof text);
  double compressed_size = _zlib_ZStreamGetTotalOut(KEEP(deflater));
  CHECK(compressed_size > 0 && compressed_size < 200);
  CHECK_NUMBER(_zlib_ZStreamGetAvailOut(KEEP(deflater)), 4096 - compressed_size);
  CHECK_NUMBER(_zlib_deflateEnd(KEEP(deflater)), Z_OK);
  pen_side_handle_drop(deflater);
  pen_side_string bytes = _zlib_BufferToString(KEEP(compressed), 0, compressed_size);
  pen_side_handle_drop(compressed);
  CHECK(bytes && bytes->length == (uintptr_t)compressed_size);

  /* zlib itself agrees on what the bytes are. */
  unsigned char check[sizeof text];
  uLongf check_size = sizeof check;
  CHECK(uncompress(check, &check_size, bytes->bytes, (uLong)bytes->length) == Z_OK);
  CHECK(check_size == sizeof text && memcmp(check, text, sizeof text) == 0);

  /* Uncompress through another stream. */
  handle* inflater = _zlib_ZStreamNew();
  CHECK_NUMBER(_zlib_inflateInit_(KEEP(inflater), version(), (double)sizeof(z_stream)), Z_OK);
  handle* packed = _zlib_BufferFromString(bytes); /* consumes the string */
  handle* unpacked = _zlib_BufferNew(sizeof text + 10);
  _zlib_ZStreamSetNextIn(KEEP(inflater), KEEP(packed));
  _zlib_ZStreamSetAvailIn(KEEP(inflater), compressed_size);
  _zlib_ZStreamSetNextOut(KEEP(inflater), KEEP(unpacked));
  _zlib_ZStreamSetAvailOut(KEEP(inflater), sizeof text + 10);
  CHECK_NUMBER(_zlib_inflate(KEEP(inflater), Z_FINISH), Z_STREAM_END);
  CHECK_NUMBER(_zlib_ZStreamGetTotalOut(KEEP(inflater)), (double)sizeof text);
  CHECK_NUMBER(_zlib_inflateEnd(KEEP(inflater)), Z_OK);
  pen_side_string round_trip = _zlib_BufferToString(KEEP(unpacked), 0, sizeof text);
  CHECK(round_trip && round_trip->length == sizeof text &&
        memcmp(round_trip->bytes, text, sizeof text) == 0);
  pen_side_drop(round_trip);
  /* The stream's last reference goes first; the Buffers it kept alive go with it. */
  pen_side_handle_drop(inflater);
  pen_side_handle_drop(packed);
  pen_side_handle_drop(unpacked);
  return pen_side_finish();
}
