#include "pen_bindgen/emit/shim.hpp"
// TEMPORARY placeholder, being written.
namespace pen_bindgen::emit {
std::string emit_shim(const mapping::Package&) { return {}; }
std::string shim_path(const mapping::Package&) { return {}; }
} // namespace pen_bindgen::emit
