/* C names that need care in Pen: collisions after camel-casing, keywords and built-ins. */
#ifndef NAMES_H
#define NAMES_H

/* ZLIB_VERSION and zlibVersion both become ZlibVersion. */
#define ZLIB_VERSION "1.2.13"
const char *zlibVersion(void);

/* Three spellings of one Pen name. */
int foo_bar(int x);
int fooBar(int x);
#define FOO_BAR 3

/* Parameters named like Pen keywords and built-ins. */
int names_keywords(int type, int in, int as, int import, int foreign, int export);
int names_builtins(int error, int size, int none, int string, int number, int boolean, int any);
int names_values(int debug, int go, int race, int keys, int values, int source, int delete);

/* Parameters that collide after lower-camel-casing, and unnamed ones. */
int names_parameter_case(int buf_len, int bufLen, int BUF_LEN);
int names_unnamed(int, double);

/* Functions named like Pen keywords and built-ins. */
int type(int x);
int size(const char *s);
int error(void);

/* Unusual C identifiers. */
int _names_leading(int _x);
int names_trailing_(int x_);
int names__double__underscore(int a__b);
int HTTPServer(int x);
int sha256(int x);
int _(int __);
int names$dollar(int x$y);
#define NAMES_DOLLAR$ 7

#endif
