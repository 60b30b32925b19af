#include "pen_bindgen/emit/pen_module.hpp"
// TEMPORARY placeholder, being written.
namespace pen_bindgen::emit {
std::string emit_pen_module(const mapping::Package&) { return {}; }
std::string pen_string_literal(const std::string&) { return {}; }
std::string pen_number_literal(double) { return {}; }
} // namespace pen_bindgen::emit
