#pragma once

#include <string>

namespace pen_bindgen::ir {

// Where a declaration is, as the user would name the file (the path given on the command line or
// the include spelling clang resolved), 1-based line and column.
struct Location {
  std::string file;
  unsigned line = 0;
  unsigned column = 0;

  friend bool operator==(const Location&, const Location&) = default;
};

} // namespace pen_bindgen::ir
