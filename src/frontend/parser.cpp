#include "pen_bindgen/frontend/parser.hpp"
// TEMPORARY placeholder, being written.
namespace pen_bindgen::frontend {
ParseResult parse_headers(const ParseOptions&) { return {}; }
} // namespace pen_bindgen::frontend
