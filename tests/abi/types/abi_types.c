#define ABI_TYPES_IMPLEMENTATION
#include "abi_types.h"

#include "abi_types_probe.h"

#include <string.h>

long long abi_seen_signed;
unsigned long long abi_seen_unsigned;
double abi_seen_floating;
float abi_seen_float;
bool abi_seen_bool;
char abi_seen_text[256];
int abi_calls;

static long long seen_signed(long long value) {
  ++abi_calls;
  abi_seen_signed = value;
  return value;
}

static unsigned long long seen_unsigned(unsigned long long value) {
  ++abi_calls;
  abi_seen_unsigned = value;
  return value;
}

static void seen_text(const char* text) {
  ++abi_calls;
  strncpy(abi_seen_text, text, sizeof abi_seen_text - 1);
  abi_seen_text[sizeof abi_seen_text - 1] = '\0';
}

char abi_echo_char(char value) {
  return (char)seen_signed(value);
}
signed char abi_echo_schar(signed char value) {
  return (signed char)seen_signed(value);
}
unsigned char abi_echo_uchar(unsigned char value) {
  return (unsigned char)seen_unsigned(value);
}
short abi_echo_short(short value) {
  return (short)seen_signed(value);
}
unsigned short abi_echo_ushort(unsigned short value) {
  return (unsigned short)seen_unsigned(value);
}
int abi_echo_int(int value) {
  return (int)seen_signed(value);
}
unsigned abi_echo_uint(unsigned value) {
  return (unsigned)seen_unsigned(value);
}
long abi_echo_long(long value) {
  return (long)seen_signed(value);
}
unsigned long abi_echo_ulong(unsigned long value) {
  return (unsigned long)seen_unsigned(value);
}
long long abi_echo_ll(long long value) {
  return seen_signed(value);
}
unsigned long long abi_echo_ull(unsigned long long value) {
  return seen_unsigned(value);
}

int8_t abi_echo_i8(int8_t value) {
  return (int8_t)seen_signed(value);
}
int16_t abi_echo_i16(int16_t value) {
  return (int16_t)seen_signed(value);
}
int32_t abi_echo_i32(int32_t value) {
  return (int32_t)seen_signed(value);
}
int64_t abi_echo_i64(int64_t value) {
  return (int64_t)seen_signed(value);
}
uint8_t abi_echo_u8(uint8_t value) {
  return (uint8_t)seen_unsigned(value);
}
uint16_t abi_echo_u16(uint16_t value) {
  return (uint16_t)seen_unsigned(value);
}
uint32_t abi_echo_u32(uint32_t value) {
  return (uint32_t)seen_unsigned(value);
}
uint64_t abi_echo_u64(uint64_t value) {
  return (uint64_t)seen_unsigned(value);
}
size_t abi_echo_size(size_t value) {
  return (size_t)seen_unsigned(value);
}
ptrdiff_t abi_echo_ptrdiff(ptrdiff_t value) {
  return (ptrdiff_t)seen_signed(value);
}

enum abi_color abi_echo_color(enum abi_color value) {
  return (enum abi_color)seen_signed(value);
}
enum abi_flag abi_echo_flag(enum abi_flag value) {
  return (enum abi_flag)seen_unsigned(value);
}

_Bool abi_not(_Bool value) {
  ++abi_calls;
  abi_seen_bool = value;
  return !value;
}
bool abi_and(bool left, bool right) {
  ++abi_calls;
  return left && right;
}
int abi_bool_to_int(bool value) {
  ++abi_calls;
  abi_seen_bool = value;
  /* The raw byte, so a shim passing anything but 0 or 1 shows. */
  unsigned char byte;
  memcpy(&byte, &value, 1);
  return byte;
}
bool abi_is_negative(int value) {
  return seen_signed(value) < 0;
}

float abi_echo_float(float value) {
  ++abi_calls;
  abi_seen_float = value;
  return value;
}
double abi_echo_double(double value) {
  ++abi_calls;
  abi_seen_floating = value;
  return value;
}
double abi_mix(int count, float scale, double offset, unsigned char byte) {
  ++abi_calls;
  return count * (double)scale + offset + byte;
}

size_t abi_length(const char* text) {
  seen_text(text);
  return strlen(text);
}
size_t abi_unsigned_length(const unsigned char* bytes) {
  seen_text((const char*)bytes);
  return strlen((const char*)bytes);
}
const char* abi_identity(const char* text) {
  seen_text(text);
  return text;
}
const char* abi_after(const char* text, char separator) {
  seen_text(text);
  const char* found = strchr(text, separator);
  return found ? found + 1 : NULL;
}
const char* abi_join(const char* left, const char* right) {
  static char joined[512];
  ++abi_calls;
  size_t left_length = strlen(left) < 255 ? strlen(left) : 255;
  size_t right_length = strlen(right) < 255 ? strlen(right) : 255;
  memcpy(joined, left, left_length);
  memcpy(joined + left_length, right, right_length);
  joined[left_length + right_length] = '\0';
  return joined;
}
const char* abi_null_string(void) {
  ++abi_calls;
  return NULL;
}
const char* abi_empty_string(void) {
  ++abi_calls;
  return "";
}
int abi_compare(const char* left, const char* right) {
  ++abi_calls;
  int order = strcmp(left, right);
  return order < 0 ? -1 : order > 0 ? 1 : 0;
}

static int counter;
void abi_set_counter(int value) {
  ++abi_calls;
  counter = value;
}
int abi_counter(void) {
  ++abi_calls;
  return counter;
}
