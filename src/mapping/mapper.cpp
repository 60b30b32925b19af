#include "pen_bindgen/mapping/mapper.hpp"
// TEMPORARY placeholder, being written.
namespace pen_bindgen::mapping {
const char* pen_spelling(PenType) { return "number"; }
MappingResult map_library(const ir::Library&, const MappingOptions&) { return {}; }
std::string package_name_from_header(const std::string&) { return "X"; }
} // namespace pen_bindgen::mapping
