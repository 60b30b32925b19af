#pragma once

#include "pen_bindgen/ir/type.hpp"

#include <string>

namespace pen_bindgen::emit {

// The C expressions bounding a saturating conversion to integer type `kind`: its <limits.h>
// macros. 128-bit types have none (the mapping skips them); should one arrive, the shim still
// compiles and saturates to the 64-bit range, which is all a Pen number can carry.
std::string minimum_macro(ir::IntegerKind kind);
std::string maximum_macro(ir::IntegerKind kind);

} // namespace pen_bindgen::emit
