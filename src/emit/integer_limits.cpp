#include "integer_limits.hpp"

namespace pen_bindgen::emit {

std::string minimum_macro(ir::IntegerKind kind) {
  const std::string macro = ir::c_minimum_macro(kind);
  return macro.empty() ? "INT64_MIN" : macro;
}

std::string maximum_macro(ir::IntegerKind kind) {
  const std::string macro = ir::c_maximum_macro(kind);
  if (!macro.empty()) {
    return macro;
  }
  return ir::is_unsigned(kind) ? "UINT64_MAX" : "INT64_MAX";
}

} // namespace pen_bindgen::emit
