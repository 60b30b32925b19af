/* A tiny library covering every C type pen-bindgen binds, for the ABI tests (tests/abi).
   Each function echoes or combines its inputs, so a driver can check the exact C-side values
   the shim produced; abi_types_probe.h exposes what the library saw. */
#ifndef ABI_TYPES_H
#define ABI_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ABI_ANSWER 42
#define ABI_NEGATIVE (-7)
#define ABI_NAME "abi"

enum abi_color { ABI_RED = -1, ABI_GREEN = 1, ABI_BLUE = 2 };
/* No negative enumerator: gcc and clang give it the underlying type unsigned int. */
enum abi_flag { ABI_FLAG_LOW = 1, ABI_FLAG_HIGH = 0x40000000 };

char abi_echo_char(char value);
signed char abi_echo_schar(signed char value);
unsigned char abi_echo_uchar(unsigned char value);
short abi_echo_short(short value);
unsigned short abi_echo_ushort(unsigned short value);
int abi_echo_int(int value);
unsigned abi_echo_uint(unsigned value);
long abi_echo_long(long value);
unsigned long abi_echo_ulong(unsigned long value);
long long abi_echo_ll(long long value);
unsigned long long abi_echo_ull(unsigned long long value);

int8_t abi_echo_i8(int8_t value);
int16_t abi_echo_i16(int16_t value);
int32_t abi_echo_i32(int32_t value);
int64_t abi_echo_i64(int64_t value);
uint8_t abi_echo_u8(uint8_t value);
uint16_t abi_echo_u16(uint16_t value);
uint32_t abi_echo_u32(uint32_t value);
uint64_t abi_echo_u64(uint64_t value);
size_t abi_echo_size(size_t value);
ptrdiff_t abi_echo_ptrdiff(ptrdiff_t value);

enum abi_color abi_echo_color(enum abi_color value);
enum abi_flag abi_echo_flag(enum abi_flag value);

_Bool abi_not(_Bool value);
bool abi_and(bool left, bool right);
int abi_bool_to_int(bool value);
bool abi_is_negative(int value);

float abi_echo_float(float value);
double abi_echo_double(double value);
double abi_mix(int count, float scale, double offset, unsigned char byte);

size_t abi_length(const char* text);
size_t abi_unsigned_length(const unsigned char* bytes);
const char* abi_identity(const char* text);
const char* abi_after(const char* text, char separator);
const char* abi_join(const char* left, const char* right);
const char* abi_null_string(void);
const char* abi_empty_string(void);
int abi_compare(const char* left, const char* right);

void abi_set_counter(int value);
int abi_counter(void);

static inline int abi_inline_twice(short value) {
  return 2 * value;
}

/* Names a library header may well #define (debug allocators redefine free; short macro names are
   common). The shim must not use them: a shim calling free() would not compile. */
#ifndef ABI_TYPES_IMPLEMENTATION
#define free(pointer) abi_types_shim_must_not_call_free(pointer)
#define value (
#define text (
#define result (
#define count (
#endif

#endif
