/* Everything pen-bindgen binds: scalar types, strings, enums and constant macros. */
#ifndef BASIC_H
#define BASIC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Typedef chains resolve to the builtin type. */
typedef unsigned char basic_u8;
typedef basic_u8 basic_byte;
typedef basic_byte basic_octet;
typedef long basic_offset;
typedef basic_offset basic_position;

char basic_char(char c);
signed char basic_schar(signed char c);
basic_octet basic_uchar(basic_octet c);
short basic_short(short s);
unsigned short basic_ushort(unsigned short s);
int basic_int(int i);
unsigned basic_uint(unsigned int u);
long basic_long(long l);
basic_position basic_seek(basic_position position);
unsigned long basic_ulong(unsigned long l);
long long basic_llong(long long l);
unsigned long long basic_ullong(unsigned long long l);
int8_t basic_int8(int8_t value);
uint8_t basic_uint8(uint8_t value);
int16_t basic_int16(int16_t value);
uint16_t basic_uint16(uint16_t value);
int32_t basic_int32(int32_t value);
uint32_t basic_uint32(uint32_t value);
int64_t basic_int64(int64_t value);
uint64_t basic_uint64(uint64_t value);
size_t basic_size(size_t size_in_bytes);
intptr_t basic_intptr(intptr_t value);
int basic_mixed(char c, short s, long l, unsigned long long u, double d);

float basic_float(float f);
double basic_double(double d);
float basic_scale(float x, double factor);

bool basic_bool(bool flag);
_Bool basic_not(_Bool flag);

const char *basic_greeting(const char *name);
const char *basic_version(void);
int basic_length(const char *text);
const unsigned char *basic_bytes(const unsigned char *data, unsigned int length);
void basic_log(const char *message, int level);

void basic_reset(void);
int basic_count(void);

static inline int basic_add(int a, int b) { return a + b; }
static inline double basic_average(double a, double b) { return (a + b) / 2; }

enum basic_color { BASIC_RED, BASIC_GREEN = 5, BASIC_BLUE };
enum { BASIC_ANONYMOUS = -3 };
typedef enum { BASIC_SMALL = 1u, BASIC_LARGE = 0x80000000u } basic_size_class;

int basic_paint(enum basic_color color);
basic_size_class basic_classify(basic_size_class size_class);

#define BASIC_ONE 1
#define BASIC_NEGATIVE (-42)
#define BASIC_TWO (BASIC_ONE + BASIC_ONE)
#define BASIC_KIBI (1 << 10)
#define BASIC_MASK 0xFFu
#define BASIC_BIG 0xFFFFFFFFFFFFFFFFull
#define BASIC_MIN_LONG (-9223372036854775807L - 1)
#define BASIC_TRUNCATED ((unsigned char)300)
#define BASIC_COLOR_COUNT (BASIC_BLUE + 1)
#define BASIC_LETTER 'A'
#define BASIC_HALF 0.5
#define BASIC_THIRD ((float)1 / 3)
#define BASIC_HUGE 1e300
#define BASIC_NAME "basic"
#define BASIC_JOINED "bas" "ic"
#define BASIC_ESCAPES "tab\there \"quoted\" back\\slash \x7f end"
#define BASIC_EMPTY_STRING ""

#endif
