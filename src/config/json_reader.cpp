#include "value.hpp"

#include <cstddef>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <set>

namespace pen_bindgen::config {

namespace {

// nlohmann::json keeps no source positions, so a second pass over the (already validated) text
// records where each value starts, in the same pre-order in which the conversion visits values.
// It also rejects duplicate keys, which nlohmann would silently resolve to the last one.
class PositionScanner {
public:
  PositionScanner(std::string_view text, const std::string& path) : text_(text), path_(path) {}

  std::optional<Diagnostic> scan() {
    skip_space();
    return value();
  }

  std::vector<ir::Location> positions;

private:
  std::string_view text_;
  const std::string& path_;
  std::size_t offset_ = 0;
  unsigned line_ = 1;
  unsigned column_ = 1;

  ir::Location here() const { return {path_, line_, column_}; }

  void advance() {
    if (text_[offset_] == '\n') {
      ++line_;
      column_ = 1;
    } else if ((static_cast<unsigned char>(text_[offset_]) & 0xC0) != 0x80) {
      ++column_; // columns count characters, not UTF-8 continuation bytes
    }
    ++offset_;
  }

  char peek() const { return offset_ < text_.size() ? text_[offset_] : '\0'; }

  void skip_space() {
    while (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r') {
      advance();
    }
  }

  std::string string() {
    std::string raw;
    advance(); // opening quote
    while (peek() != '"') {
      if (peek() == '\\') {
        raw += text_[offset_];
        advance();
      }
      raw += text_[offset_];
      advance();
    }
    advance();
    return raw;
  }

  std::optional<Diagnostic> value() {
    positions.push_back(here());
    const char c = peek();
    if (c == '{') {
      advance();
      skip_space();
      std::set<std::string> keys;
      while (peek() != '}') {
        const auto key_location = here();
        const auto key = string();
        if (!keys.insert(key).second) {
          return config_error(key_location, fmt::format("duplicate key \"{}\"", key));
        }
        skip_space();
        advance(); // ':'
        skip_space();
        if (auto error = value()) {
          return error;
        }
        skip_space();
        if (peek() == ',') {
          advance();
          skip_space();
        }
      }
      advance();
    } else if (c == '[') {
      advance();
      skip_space();
      while (peek() != ']') {
        if (auto error = value()) {
          return error;
        }
        skip_space();
        if (peek() == ',') {
          advance();
          skip_space();
        }
      }
      advance();
    } else if (c == '"') {
      string();
    } else {
      while (offset_ < text_.size() &&
             std::string_view(",]} \t\r\n").find(peek()) == std::string_view::npos) {
        advance();
      }
    }
    return std::nullopt;
  }
};

Value convert(const nlohmann::ordered_json& json, const std::vector<ir::Location>& positions,
              std::size_t& next) {
  Value value;
  value.location = positions.at(next++);
  switch (json.type()) {
  case nlohmann::ordered_json::value_t::string:
    value.kind = Value::Kind::String;
    value.string = json.get<std::string>();
    break;
  case nlohmann::ordered_json::value_t::number_integer:
    value.kind = Value::Kind::Integer;
    value.integer = json.get<std::int64_t>();
    break;
  case nlohmann::ordered_json::value_t::number_unsigned:
    value.kind = Value::Kind::Integer;
    value.integer = static_cast<std::int64_t>(json.get<std::uint64_t>());
    break;
  case nlohmann::ordered_json::value_t::number_float:
    value.kind = Value::Kind::Float;
    value.floating = json.get<double>();
    break;
  case nlohmann::ordered_json::value_t::boolean:
    value.kind = Value::Kind::Boolean;
    value.boolean = json.get<bool>();
    break;
  case nlohmann::ordered_json::value_t::array:
    value.kind = Value::Kind::Array;
    for (const auto& element : json) {
      value.array.push_back(convert(element, positions, next));
    }
    break;
  case nlohmann::ordered_json::value_t::object:
    value.kind = Value::Kind::Table;
    for (const auto& [key, child] : json.items()) {
      value.table.push_back({key, convert(child, positions, next)});
    }
    break;
  default:
    value.kind = Value::Kind::Other;
    value.other = "null";
    break;
  }
  return value;
}

// nlohmann reports the byte offset just past the offending token.
ir::Location location_of_byte(std::string_view text, std::size_t byte, const std::string& path) {
  ir::Location location{path, 1, 1};
  byte = std::min(byte == 0 ? 0 : byte - 1, text.size());
  for (std::size_t i = 0; i < byte; ++i) {
    if (text[i] == '\n') {
      ++location.line;
      location.column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++location.column;
    }
  }
  return location;
}

} // namespace

ReadResult read_json(std::string_view text, const std::string& path) {
  nlohmann::ordered_json json;
  try {
    json = nlohmann::ordered_json::parse(text.begin(), text.end());
  } catch (const nlohmann::json::parse_error& error) {
    // what() is "[json.exception.parse_error.101] parse error at line 1, column 5: ..."; keep
    // the part after the position, the position goes in front.
    std::string message = error.what();
    if (const auto colon = message.find(": "); colon != std::string::npos) {
      message = message.substr(colon + 2);
    }
    return config_error(location_of_byte(text, error.byte, path), message);
  }
  PositionScanner scanner(text, path);
  if (auto error = scanner.scan()) {
    return *error;
  }
  std::size_t next = 0;
  return convert(json, scanner.positions, next);
}

} // namespace pen_bindgen::config
