#pragma once

#include "pen_bindgen/mapping/package.hpp"

#include <string>

namespace pen_bindgen::emit {

// The Pen module (<Name>.pen): foreign imports of the shim symbols, then public wrappers,
// constants and comments for skipped declarations, in `pen format` layout (pen-abi §7.6).
std::string emit_pen_module(const mapping::Package& package);

// A Pen string literal for arbitrary bytes: printable ASCII as is, everything else (and `"`
// and `\`) as \xHH, which Pen's decoder reads back exactly (pen-abi §7.3).
std::string pen_string_literal(const std::string& bytes);

// A Pen number literal for a double: shortest round-trip decimal; infinities as 1e999 and
// -1e999. NaN has no literal: callers must not pass it.
std::string pen_number_literal(double value);

} // namespace pen_bindgen::emit
