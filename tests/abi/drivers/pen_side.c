#include "pen_side.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Every block carries a marker in front, so a block freed with free(), or a malloc'd pointer
   given to _pen_free, is caught (by the marker or by AddressSanitizer). */
#define MARKER_LIVE 0x50454e4c49564521ull
#define MARKER_DEAD 0x50454e4445414421ull
#define HEADER 16

static long live_blocks;
static int failures;

void pen_side_fail(const char* file, int line, const char* message) {
  fprintf(stderr, "%s:%d: check failed: %s\n", file, line, message);
  ++failures;
}

static void die(const char* message) {
  fprintf(stderr, "pen side: %s\n", message);
  abort();
}

void* _pen_malloc(uintptr_t size) {
  if (size == 0) {
    die("_pen_malloc(0)");
  }
  unsigned char* base = malloc(HEADER + size);
  if (!base) {
    die("out of memory");
  }
  uint64_t marker = MARKER_LIVE;
  memcpy(base, &marker, sizeof marker);
  ++live_blocks;
  return base + HEADER;
}

static unsigned char* checked_base(void* pointer, const char* function) {
  if (!pointer) {
    fprintf(stderr, "pen side: %s(NULL)\n", function);
    abort();
  }
  unsigned char* base = (unsigned char*)pointer - HEADER;
  uint64_t marker;
  memcpy(&marker, base, sizeof marker);
  if (marker != MARKER_LIVE) {
    fprintf(stderr, "pen side: %s of a block that is not a live _pen_malloc block\n", function);
    abort();
  }
  return base;
}

void* _pen_realloc(void* pointer, uintptr_t size) {
  if (size == 0) {
    die("_pen_realloc(p, 0)");
  }
  unsigned char* base = realloc(checked_base(pointer, "_pen_realloc"), HEADER + size);
  if (!base) {
    die("out of memory");
  }
  return base + HEADER;
}

void _pen_free(void* pointer) {
  unsigned char* base = checked_base(pointer, "_pen_free");
  uint64_t marker = MARKER_DEAD;
  memcpy(base, &marker, sizeof marker);
  --live_blocks;
  free(base);
}

long pen_side_live_blocks(void) {
  return live_blocks;
}

pen_side_string pen_side_string_new(const char* bytes, size_t length, intptr_t count) {
  if (length == 0) {
    return NULL;
  }
  intptr_t* block = _pen_malloc(sizeof(intptr_t) + sizeof(uintptr_t) + length);
  block[0] = count;
  pen_side_string string = (pen_side_string)(block + 1);
  string->length = length;
  memcpy(string->bytes, bytes, length);
  return string;
}

pen_side_string pen_side_cstring(const char* text, intptr_t count) {
  return pen_side_string_new(text, strlen(text), count);
}

intptr_t pen_side_count(pen_side_string string) {
  return ((intptr_t*)string)[-1];
}

void pen_side_drop(pen_side_string string) {
  if (!string) {
    return;
  }
  intptr_t* count = (intptr_t*)string - 1;
  if (*count == INTPTR_MIN) {
    return;
  }
  if (*count == 0 || *count == -1) {
    _pen_free(count);
  } else if (*count > 0) {
    --*count;
  } else {
    ++*count;
  }
}

void pen_side_expect_result(const char* file, int line, pen_side_string string, const char* bytes,
                            size_t length) {
  if (length == 0) {
    if (string) {
      pen_side_fail(file, line, "an empty result must be NULL");
      pen_side_drop(string);
    }
    return;
  }
  if (!string) {
    pen_side_fail(file, line, "result is empty");
    return;
  }
  if (pen_side_count(string) != 0) {
    pen_side_fail(file, line, "result string is not unique");
  }
  if (string->length != length || memcmp(string->bytes, bytes, length) != 0) {
    fprintf(stderr, "%s:%d: result is \"%.*s\" (%zu bytes), expected \"%.*s\"\n", file, line,
            (int)string->length, (const char*)string->bytes, (size_t)string->length, (int)length,
            bytes);
    ++failures;
  }
  pen_side_drop(string);
}

bool pen_side_same_double(double left, double right) {
  if (isnan(left) || isnan(right)) {
    return isnan(left) && isnan(right);
  }
  return left == right && signbit(left) == signbit(right);
}

int pen_side_finish(void) {
  if (live_blocks != 0) {
    fprintf(stderr, "pen side: %ld _pen_malloc blocks leaked\n", live_blocks);
    ++failures;
  }
  if (failures) {
    fprintf(stderr, "%d check(s) failed\n", failures);
    return 1;
  }
  puts("ok");
  return 0;
}
