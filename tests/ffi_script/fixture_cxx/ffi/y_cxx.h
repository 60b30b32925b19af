/* A hand-written stand-in for a generated C++ layer's header (ffi/<stem>_cxx.h). */
#ifndef Y_CXX_H
#define Y_CXX_H
#ifdef __cplusplus
extern "C" {
#endif
char *pen_cxx_greet(const char *name, int fail, char **pen_error);
#ifdef __cplusplus
}
#endif
#endif
