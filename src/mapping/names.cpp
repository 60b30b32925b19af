#include "pen_bindgen/mapping/names.hpp"
// TEMPORARY placeholder, being written.
namespace pen_bindgen::mapping {
std::vector<std::string> split_words(std::string_view) { return {}; }
std::string to_upper_camel(std::string_view s) { return std::string(s); }
std::string to_lower_camel(std::string_view s) { return std::string(s); }
bool is_pen_keyword(std::string_view) { return false; }
bool is_pen_builtin(std::string_view) { return false; }
bool is_pen_identifier(std::string_view) { return true; }
bool has_reserved_prefix(std::string_view) { return false; }
std::string sanitize_identifier(std::string_view s) { return std::string(s); }
} // namespace pen_bindgen::mapping
