#pragma once

#include "pen_bindgen/mapping/package.hpp"

#include <string>

namespace pen_bindgen::emit {

// The Pen module (<Name>.pen): foreign imports of the shim symbols, then public wrappers,
// constants and comments for skipped declarations, in `pen format` layout (pen-abi §7.6).
std::string emit_pen_module(const mapping::Package& package);

} // namespace pen_bindgen::emit
