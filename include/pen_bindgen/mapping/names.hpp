#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pen_bindgen::mapping {

// Splits a C identifier into words at underscores, lower-to-upper case changes, the end of an
// acronym ("HTTPServer" -> HTTP, Server) and nowhere inside digit runs ("crc32" stays one word).
std::vector<std::string> split_words(std::string_view identifier);

// Pen's public style: "deflate_init" -> "DeflateInit", "Z_OK" -> "ZOk", "zlibVersion" ->
// "ZlibVersion". Empty when the identifier has no letters or digits.
std::string to_upper_camel(std::string_view identifier);
// Pen's local style for parameters: "buf_len" -> "bufLen".
std::string to_lower_camel(std::string_view identifier);

// Keywords are never accepted as identifiers by Pen's parser (pen-abi §7.1).
bool is_pen_keyword(std::string_view name);
// Built-in types and values; never generated, because a module-level name shadows them.
bool is_pen_builtin(std::string_view name);
// [A-Za-z_][A-Za-z0-9_]*
bool is_pen_identifier(std::string_view name);
// Prefixes that belong to Pen's runtime and ffi package; shim symbols must avoid them.
bool has_reserved_prefix(std::string_view name);

// A C identifier made a valid Pen identifier by spelling each other byte as _xHH_ ("a$b" ->
// "a_x24_b"); identity for ordinary identifiers.
std::string sanitize_identifier(std::string_view identifier);

} // namespace pen_bindgen::mapping
