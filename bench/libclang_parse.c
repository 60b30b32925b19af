/* The least any libclang-based generator pays for a header: libclang loaded, the header parsed
 * with pen-bindgen's parse options (macro definitions recorded, function bodies skipped), and
 * every top-level cursor asked which file it is in. bench/run.sh times it beside clang and
 * pen-bindgen ("libclang" column, docs/performance.md).
 *
 *   libclang_parse HEADER [CLANG ARGUMENTS...]
 */
#include <clang-c/Index.h>
#include <stdio.h>

static enum CXChildVisitResult visit(CXCursor cursor, CXCursor parent, CXClientData data) {
  (void)parent;
  CXFile file = NULL;
  clang_getExpansionLocation(clang_getCursorLocation(cursor), &file, NULL, NULL, NULL);
  if (file) {
    ++*(unsigned long*)data;
  }
  return CXChildVisit_Continue;
}

int main(int argc, char** argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: %s HEADER [CLANG ARGUMENTS...]\n", argv[0]);
    return 2;
  }
  const unsigned options = CXTranslationUnit_DetailedPreprocessingRecord |
                           CXTranslationUnit_SkipFunctionBodies | CXTranslationUnit_KeepGoing |
                           CXTranslationUnit_IncludeAttributedTypes;
  CXIndex index = clang_createIndex(0, 0);
  CXTranslationUnit unit = NULL;
  enum CXErrorCode error = clang_parseTranslationUnit2(index, argv[1], (const char* const*)argv + 2,
                                                       argc - 2, NULL, 0, options, &unit);
  if (error != CXError_Success || !unit) {
    fprintf(stderr, "libclang could not parse %s (error %d)\n", argv[1], (int)error);
    return 1;
  }
  unsigned long cursors = 0;
  clang_visitChildren(clang_getTranslationUnitCursor(unit), visit, &cursors);
  printf("%lu top-level cursors\n", cursors);
  clang_disposeTranslationUnit(unit);
  clang_disposeIndex(index);
  return 0;
}
