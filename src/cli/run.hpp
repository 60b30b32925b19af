#pragma once

#include "options.hpp"

#include <iosfwd>

namespace pen_bindgen::cli {

// Parses the headers, maps them, writes the package and returns the exit code (exit_code.hpp).
// Messages and diagnostics go to `err`. Nothing is written unless parsing and mapping succeed.
int run(const Options& options, std::ostream& err);

} // namespace pen_bindgen::cli
