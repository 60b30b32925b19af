#include "pen_bindgen/emit/build_files.hpp"
// TEMPORARY placeholder, being written.
namespace pen_bindgen::emit {
std::string emit_pen_json(const mapping::Package&) { return {}; }
std::string emit_pen_ffi_script(const mapping::Package&) { return {}; }
} // namespace pen_bindgen::emit
