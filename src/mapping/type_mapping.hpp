#pragma once

#include "pen_bindgen/ir/type.hpp"
#include "pen_bindgen/mapping/package.hpp"

#include <optional>
#include <string>
#include <variant>

namespace pen_bindgen::mapping {

// Why a C type cannot cross the boundary, for the skip diagnostic.
struct Unsupported {
  std::string why; // optional detail: "128-bit integers do not fit in a Pen number"
};

// How one C parameter type crosses from Pen to C, or why it cannot.
std::variant<ParameterBinding, Unsupported> map_parameter_type(const ir::Type& type);

// How one C result type crosses from C to Pen, or why it cannot.
std::variant<ResultBinding, Unsupported> map_result_type(const ir::Type& type);

} // namespace pen_bindgen::mapping
