#pragma once

#include "pen_bindgen/ir/cxx.hpp"
#include "pen_bindgen/ir/declaration.hpp"
#include "pen_bindgen/ir/record.hpp"

#include <string>
#include <vector>

namespace pen_bindgen::ir {

// A header the library is bound from, and how the shim reaches it.
struct Header {
  std::string path;              // as given on the command line
  std::string include_spelling;  // what follows #include in the shim: "<zlib.h>"
  std::string include_directory; // a -I the shim needs for it (absolute), or empty
};

// Everything the frontend learned from the headers, free of libclang types.
struct Library {
  std::vector<Header> headers;
  // Selected declarations in source order (headers in inclusion order, then offset).
  std::vector<Declaration> declarations;
  // Struct and union definitions the declarations refer to (through record_id), in order of
  // first mention; the library's own definitions too, used or not.
  std::vector<RecordDefinition> records;
  // Function-pointer typedefs of the library's own files (`typedef int (*compare_fn)(int, int)`),
  // each as the function it points to under the typedef's name, in source order.
  std::vector<Function> function_typedefs;
  // Every file clang read, for depfiles.
  std::vector<std::string> files_read;

  // The headers were parsed as C++ (.hpp/.hh/.hxx/.H headers, or `-x c++` among the clang
  // arguments): declarations may carry ir::CxxFunction, and classes are listed here, in source
  // order (docs/cplusplus.md).
  bool is_cxx = false;
  std::vector<CxxClass> classes;
};

} // namespace pen_bindgen::ir
