/* Property test of the conversion helpers in the generated ffi/pen_abi.h (docs/hardening.md).
   Each helper gets many inputs (random bit patterns for doubles, so NaN payloads, subnormals,
   ±0 and ±inf, plus values at and around every limit of every integer type) and its result is
   checked against an independent reference in long double / integer arithmetic. Built with
   -fsanitize=undefined,float-cast-overflow -fno-sanitize-recover=all, so any undefined
   behaviour in a helper, or in the casts the shim applies to its result, aborts the test.

     conversions_property [iterations] [seed] */
#include "pen_abi.h"

#include <inttypes.h>

/* pen_abi.h leaves Pen's heap to the linking package; plain malloc plays it here. */
void* _pen_malloc(uintptr_t size) {
  return malloc(size);
}
void* _pen_realloc(void* pointer, uintptr_t size) {
  return realloc(pointer, size);
}
void _pen_free(void* pointer) {
  free(pointer);
}

static unsigned long long checks = 0;
static unsigned long long failures = 0;

static void report(const char* what, double input, const char* detail) {
  if (++failures <= 20) {
    fprintf(stderr, "FAIL %s: input %a (%.17g): %s\n", what, input, input, detail);
  }
}

/* xorshift64*: deterministic, seedable. */
static uint64_t state = 0x9E3779B97F4A7C15u;
static uint64_t next_random(void) {
  state ^= state >> 12;
  state ^= state << 25;
  state ^= state >> 27;
  return state * 0x2545F4914F6CDD1Du;
}

static double from_bits(uint64_t bits) {
  double value;
  memcpy(&value, &bits, sizeof value);
  return value;
}

/* ---- numbers to signed integers: NaN -> 0, truncate toward zero, saturate ---- */

static int64_t reference_signed(double input, int64_t minimum, int64_t maximum) {
  if (isnan(input)) {
    return 0;
  }
  /* Every int64 and every double is exact in x87 long double (64-bit significand). */
  long double truncated = truncl((long double)input);
  if (truncated <= (long double)minimum) {
    return minimum;
  }
  if (truncated >= (long double)maximum) {
    return maximum;
  }
  return (int64_t)truncated;
}

/* The cast the shim applies: `(T)pen_number_to_i64(x, T_MIN, T_MAX)`. */
#define CHECK_SIGNED(type, minimum, maximum)                                                       \
  do {                                                                                             \
    int64_t expected = reference_signed(input, (int64_t)(minimum), (int64_t)(maximum));            \
    type converted = (type)pen_number_to_i64(input, (minimum), (maximum));                         \
    ++checks;                                                                                      \
    if ((int64_t)converted != expected) {                                                          \
      char detail[160];                                                                            \
      snprintf(detail, sizeof detail, "got %" PRId64 ", expected %" PRId64, (int64_t)converted,    \
               expected);                                                                          \
      report("pen_number_to_i64 as " #type, input, detail);                                        \
    }                                                                                              \
  } while (0)

/* ---- numbers to unsigned integers: NaN and below 1 -> 0, truncate, saturate ---- */

static uint64_t reference_unsigned(double input, uint64_t maximum) {
  if (isnan(input) || input < 1) {
    return 0;
  }
  long double truncated = truncl((long double)input);
  if (truncated >= (long double)maximum) {
    return maximum;
  }
  return (uint64_t)truncated;
}

#define CHECK_UNSIGNED(type, maximum)                                                              \
  do {                                                                                             \
    uint64_t expected = reference_unsigned(input, (uint64_t)(maximum));                            \
    type converted = (type)pen_number_to_u64(input, (maximum));                                    \
    ++checks;                                                                                      \
    if ((uint64_t)converted != expected) {                                                         \
      char detail[160];                                                                            \
      snprintf(detail, sizeof detail, "got %" PRIu64 ", expected %" PRIu64, (uint64_t)converted,   \
               expected);                                                                          \
      report("pen_number_to_u64 as " #type, input, detail);                                        \
    }                                                                                              \
  } while (0)

/* ---- numbers to float: IEEE round to nearest even, overflow to infinity, NaN stays NaN ---- */

static int float_mantissa_is_even(float value) {
  uint32_t bits;
  memcpy(&bits, &value, sizeof bits);
  return (bits & 1) == 0;
}

static void check_float(double input) {
  float converted = pen_number_to_float(input);
  ++checks;
  if (isnan(input)) {
    if (!isnan(converted)) {
      report("pen_number_to_float", input, "NaN did not stay NaN");
    }
    return;
  }
  /* The halfway point between FLT_MAX and 2^128, computed exactly: 2^128 - 2^103. */
  const long double halfway = ldexpl(1, 128) - ldexpl(1, 103);
  const long double exact = (long double)input;
  if (fabsl(exact) >= halfway) {
    if (!isinf(converted) || !signbit(converted) != !signbit(input)) {
      report("pen_number_to_float", input, "did not overflow to a signed infinity");
    }
    return;
  }
  if (!isfinite(converted) || !signbit(converted) != !signbit(input)) {
    report("pen_number_to_float", input, "finite input gave a non-finite or sign-flipped float");
    return;
  }
  /* Nearest: neither neighbour is closer; on a tie, the even significand wins. The
     differences are exact in long double (both operands within a factor of two). */
  long double error = fabsl(exact - (long double)converted);
  float below = nextafterf(converted, -INFINITY);
  float above = nextafterf(converted, INFINITY);
  long double error_below = isinf(below) ? INFINITY : fabsl(exact - (long double)below);
  long double error_above = isinf(above) ? INFINITY : fabsl(exact - (long double)above);
  if (error > error_below || error > error_above) {
    report("pen_number_to_float", input, "not the nearest float");
  } else if ((error == error_below || error == error_above) && error != 0 &&
             !float_mantissa_is_even(converted)) {
    report("pen_number_to_float", input, "tie not rounded to even");
  }
}

static void check_number(double input) {
  CHECK_SIGNED(signed char, SCHAR_MIN, SCHAR_MAX);
  CHECK_SIGNED(char, CHAR_MIN, CHAR_MAX);
  CHECK_SIGNED(short, SHRT_MIN, SHRT_MAX);
  CHECK_SIGNED(int, INT_MIN, INT_MAX);
  CHECK_SIGNED(long, LONG_MIN, LONG_MAX);
  CHECK_SIGNED(long long, LLONG_MIN, LLONG_MAX);
  CHECK_SIGNED(int8_t, INT8_MIN, INT8_MAX);
  CHECK_SIGNED(int16_t, INT16_MIN, INT16_MAX);
  CHECK_SIGNED(int32_t, INT32_MIN, INT32_MAX);
  CHECK_SIGNED(int64_t, INT64_MIN, INT64_MAX);
  CHECK_SIGNED(ptrdiff_t, PTRDIFF_MIN, PTRDIFF_MAX);
  CHECK_SIGNED(wchar_t, WCHAR_MIN, WCHAR_MAX);
  CHECK_SIGNED(int, 0, 7);   /* an enum's range is a sub-range of its underlying type */
  CHECK_SIGNED(int, -3, -3); /* minimum == maximum */
  CHECK_UNSIGNED(unsigned char, UCHAR_MAX);
  CHECK_UNSIGNED(unsigned short, USHRT_MAX);
  CHECK_UNSIGNED(unsigned int, UINT_MAX);
  CHECK_UNSIGNED(unsigned long, ULONG_MAX);
  CHECK_UNSIGNED(unsigned long long, ULLONG_MAX);
  CHECK_UNSIGNED(uint8_t, UINT8_MAX);
  CHECK_UNSIGNED(uint16_t, UINT16_MAX);
  CHECK_UNSIGNED(uint32_t, UINT32_MAX);
  CHECK_UNSIGNED(uint64_t, UINT64_MAX);
  CHECK_UNSIGNED(size_t, SIZE_MAX);
  CHECK_UNSIGNED(uintptr_t, UINTPTR_MAX);
  CHECK_UNSIGNED(_Bool, 1);
  check_float(input);
}

/* Every limit of every integer type and power of two, each with its neighbours. */
static void check_limits(void) {
  const long double limits[] = {
      0,        1,         SCHAR_MIN, SCHAR_MAX,        UCHAR_MAX,    SHRT_MIN,
      SHRT_MAX, USHRT_MAX, INT_MIN,   INT_MAX,          UINT_MAX,     LONG_MIN,
      LONG_MAX, ULONG_MAX, LLONG_MIN, LLONG_MAX,        ULLONG_MAX,   FLT_MAX,
      FLT_MIN,  DBL_MAX,   DBL_MIN,   FLT_TRUE_MIN,     DBL_TRUE_MIN, 9007199254740992.0L,
      0.5L,     7,         -3,        0x1.ffffffp+127L, /* halfway between FLT_MAX and 2^128:
                                                           overflows to infinity */
  };
  for (size_t i = 0; i < sizeof limits / sizeof limits[0]; ++i) {
    for (int sign = -1; sign <= 1; sign += 2) {
      double base = (double)(sign * limits[i]);
      const double around[] = {base,
                               nextafter(base, INFINITY),
                               nextafter(base, -INFINITY),
                               nextafter(nextafter(base, INFINITY), INFINITY),
                               base + 0.5,
                               base - 0.5,
                               base + 1,
                               base - 1,
                               (double)nextafterf((float)base, INFINITY),
                               (double)nextafterf((float)base, -INFINITY)};
      for (size_t k = 0; k < sizeof around / sizeof around[0]; ++k) {
        check_number(around[k]);
      }
    }
  }
  for (int exponent = -1080; exponent <= 1030; ++exponent) {
    double power = ldexp(1, exponent);
    check_number(power);
    check_number(-power);
    check_number(nextafter(power, 0));
    check_number(-nextafter(power, INFINITY));
    /* halfway between two floats at this scale, the tie cases of pen_number_to_float */
    check_number(power * (1 + 0x1p-24));
    check_number(power * (1 + 0x1p-23 + 0x1p-24));
  }
  const double specials[] = {INFINITY,
                             -INFINITY,
                             NAN,
                             -NAN,
                             0.0,
                             -0.0,
                             from_bits(0x7FF0000000000001u),
                             from_bits(0xFFF8000000000001u),
                             from_bits(0x7FF4000000000000u),
                             from_bits(0x0000000000000001u),
                             from_bits(0x800FFFFFFFFFFFFFu)};
  for (size_t i = 0; i < sizeof specials / sizeof specials[0]; ++i) {
    check_number(specials[i]);
  }
}

/* ---- booleans: only bit 0 is defined ---- */

static void check_booleans(void) {
  for (unsigned value = 0; value < 256; ++value) {
    bool converted = pen_boolean_to_c((uint8_t)value);
    ++checks;
    if (converted != ((value & 1) == 1)) {
      report("pen_boolean_to_c", value, "not bit 0");
    }
  }
}

/* ---- strings: embedded NULs truncate in C, "" is NULL ---- */

static void check_string(const uint8_t* bytes, uintptr_t length) {
  pen_string string = pen_string_new(bytes, length);
  ++checks;
  if ((string == NULL) != (length == 0) || pen_string_len(string) != length ||
      (length && memcmp(pen_string_data(string), bytes, length) != 0)) {
    report("pen_string_new", (double)length, "wrong length or bytes");
  }
  char* copy = pen_string_to_c(string);
  const uint8_t* nul = memchr(bytes, 0, length);
  size_t visible = nul ? (size_t)(nul - bytes) : length;
  if (memcmp(copy, bytes, length) != 0 || copy[length] != '\0' || strlen(copy) != visible) {
    report("pen_string_to_c", (double)length, "copy differs or is not truncated at the first NUL");
  }
  pen_string back = pen_string_from_c(copy);
  if (pen_string_len(back) != visible ||
      (visible && memcmp(pen_string_data(back), bytes, visible) != 0)) {
    report("pen_string_from_c", (double)length, "round trip is not the bytes before the NUL");
  }
  pen_string_drop(back);
  pen_c_string_free(copy);
  pen_string_drop(string);
}

static void check_strings(void) {
  ++checks;
  if (pen_string_from_c(NULL) != NULL || pen_string_from_c("") != NULL ||
      strcmp(pen_string_data(NULL) ? (const char*)pen_string_data(NULL) : "x", "") != 0) {
    report("pen_string_from_c", 0, "NULL and \"\" must both be Pen's \"\" (NULL)");
  }
  char* empty = pen_string_to_c(NULL);
  if (strcmp(empty, "") != 0) {
    report("pen_string_to_c", 0, "NULL must give \"\"");
  }
  pen_c_string_free(empty);
  uint8_t bytes[300];
  for (int round = 0; round < 20000; ++round) {
    uintptr_t length = next_random() % sizeof bytes;
    for (uintptr_t i = 0; i < length; ++i) {
      uint64_t r = next_random();
      bytes[i] = (r & 7) == 0 ? 0 : (uint8_t)(r >> 8); /* NULs often */
    }
    check_string(bytes, length);
  }
}

int main(int argc, char** argv) {
  unsigned long long iterations = argc > 1 ? strtoull(argv[1], NULL, 10) : 2000000;
  if (argc > 2) {
    state = strtoull(argv[2], NULL, 0) | 1;
  }
  const uint64_t seed = state;
  check_limits();
  check_booleans();
  check_strings();
  for (unsigned long long i = 0; i < iterations; ++i) {
    uint64_t bits = next_random();
    switch (i % 4) {
    case 0: /* any bit pattern: NaN payloads, subnormals, infinities */
      check_number(from_bits(bits));
      break;
    case 1: /* magnitudes where the integer limits are: exponents 2^-2 .. 2^70 */
      check_number(from_bits((bits & 0x800FFFFFFFFFFFFFu) | ((uint64_t)(1021 + bits % 73) << 52)));
      break;
    case 2: /* integers and halves near them */
      check_number((double)(int64_t)bits / (double)(1u << (bits % 4)));
      break;
    default: /* the float overflow boundary */
      check_number(ldexp(1 + (double)(bits >> 11) * 0x1p-53, 127) * ((bits & 1) ? -1 : 1));
      break;
    }
  }
  printf("conversions_property: seed %#" PRIx64 ", %llu checks, %llu failures\n", seed, checks,
         failures);
  return failures == 0 ? 0 : 1;
}
