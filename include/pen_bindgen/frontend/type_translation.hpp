#pragma once

#include "pen_bindgen/ir/type.hpp"

#include <clang-c/Index.h>

namespace pen_bindgen::frontend {

// A clang type as ir::Type: typedefs resolved through the canonical type, the written spelling
// kept for messages.
ir::TypePtr translate_type(CXType type);

// A parameter's type: arrays and functions decay to pointers, as C adjusts them.
ir::TypePtr translate_parameter_type(CXType type);

} // namespace pen_bindgen::frontend
