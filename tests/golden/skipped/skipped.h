/* Declarations pen-bindgen cannot bind yet: each gives a diagnostic and a comment. */
#ifndef SKIPPED_H
#define SKIPPED_H

#include <stdarg.h>

struct skipped_point {
  int x;
  int y;
};
typedef struct skipped_opaque skipped_opaque;
union skipped_union {
  int i;
  float f;
};

/* One function that binds, so the package is not empty. */
int skipped_ok(int x);

int skipped_pointer(int *p);
char *skipped_mutable_string(char *s);
void skipped_struct(struct skipped_point p);
struct skipped_point skipped_struct_result(void);
skipped_opaque *skipped_open(const char *path);
void skipped_close(skipped_opaque *handle);
int skipped_union_param(union skipped_union u);
int skipped_printf(const char *format, ...);
int skipped_vprintf(const char *format, va_list arguments);
long double skipped_long_double(long double x);
__int128 skipped_int128(void);
int skipped_callback(void (*callback)(int));
int skipped_array(int values[4]);

extern int skipped_global;
extern const char *skipped_global_name;

#define SKIPPED_MAX(a, b) ((a) > (b) ? (a) : (b))
#define SKIPPED_EMPTY
#define SKIPPED_KEYWORD static
#define SKIPPED_CALL skipped_ok(1)
#define SKIPPED_GLOBAL skipped_global
#define SKIPPED_TYPE unsigned int

#endif
