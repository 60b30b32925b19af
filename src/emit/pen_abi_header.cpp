#include "pen_bindgen/emit/pen_abi_header.hpp"
// TEMPORARY placeholder, being written.
namespace pen_bindgen::emit {
std::string emit_pen_abi_header() { return {}; }
} // namespace pen_bindgen::emit
