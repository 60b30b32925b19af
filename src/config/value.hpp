#pragma once

#include "pen_bindgen/diagnostic.hpp"
#include "pen_bindgen/ir/location.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace pen_bindgen::config {

// A config document as both formats read it, each value with its position in the file, so one
// validator gives the same messages for TOML and JSON.
struct TableEntry;

struct Value {
  enum class Kind { String, Integer, Float, Boolean, Array, Table, Other };

  Kind kind = Kind::Other;
  ir::Location location;
  std::string string;
  std::int64_t integer = 0;
  double floating = 0;
  bool boolean = false;
  std::vector<Value> array;
  std::vector<TableEntry> table; // in file order, keys unique
  std::string other;             // Other: what it is ("date", "null"), for messages
};

// A key and its value; a struct rather than std::pair because Value is incomplete above, which
// std::pair (unlike std::vector) does not allow, and clang rejects.
struct TableEntry {
  std::string key;
  Value value;
};

const char* kind_name(const Value& value);

// Either the document's root table or the syntax error.
using ReadResult = std::variant<Value, Diagnostic>;

ReadResult read_toml(std::string_view text, const std::string& path);
ReadResult read_json(std::string_view text, const std::string& path);

Diagnostic config_error(ir::Location location, std::string message);

} // namespace pen_bindgen::config
