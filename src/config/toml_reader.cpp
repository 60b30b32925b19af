#include "value.hpp"

#include <algorithm>
#include <toml++/toml.h>
#include <utility>

namespace pen_bindgen::config {

namespace {

ir::Location location_of(const toml::node& node, const std::string& path) {
  const auto& begin = node.source().begin;
  return {path, static_cast<unsigned>(begin.line), static_cast<unsigned>(begin.column)};
}

Value convert(const toml::node& node, const std::string& path) {
  Value value;
  value.location = location_of(node, path);
  if (const auto* string = node.as_string()) {
    value.kind = Value::Kind::String;
    value.string = string->get();
  } else if (const auto* integer = node.as_integer()) {
    value.kind = Value::Kind::Integer;
    value.integer = integer->get();
  } else if (const auto* floating = node.as_floating_point()) {
    value.kind = Value::Kind::Float;
    value.floating = floating->get();
  } else if (const auto* boolean = node.as_boolean()) {
    value.kind = Value::Kind::Boolean;
    value.boolean = boolean->get();
  } else if (const auto* array = node.as_array()) {
    value.kind = Value::Kind::Array;
    for (const auto& element : *array) {
      value.array.push_back(convert(element, path));
    }
  } else if (const auto* table = node.as_table()) {
    value.kind = Value::Kind::Table;
    for (const auto& [key, child] : *table) {
      value.table.push_back({std::string(key.str()), convert(child, path)});
    }
    // toml++ keeps keys sorted; file order reads better in messages and is what JSON gives.
    std::stable_sort(value.table.begin(), value.table.end(), [](const auto& a, const auto& b) {
      return std::pair(a.value.location.line, a.value.location.column) <
             std::pair(b.value.location.line, b.value.location.column);
    });
  } else {
    value.kind = Value::Kind::Other;
    value.other = "date or time";
  }
  return value;
}

} // namespace

ReadResult read_toml(std::string_view text, const std::string& path) {
  try {
    auto table = toml::parse(text, path);
    auto root = convert(table, path);
    root.location = {path, 1, 1};
    return root;
  } catch (const toml::parse_error& error) {
    const auto& begin = error.source().begin;
    return config_error(
        {path, static_cast<unsigned>(begin.line), static_cast<unsigned>(begin.column)},
        std::string(error.description()));
  }
}

} // namespace pen_bindgen::config
