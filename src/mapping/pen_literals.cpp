#include "pen_bindgen/mapping/pen_literals.hpp"

#include <cmath>
#include <fmt/format.h>

namespace pen_bindgen::mapping {

std::string pen_string_literal(const std::string& bytes) {
  std::string literal = "\"";
  for (const char c : bytes) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte >= 0x20 && byte <= 0x7e && c != '"' && c != '\\') {
      literal += c;
    } else {
      literal += fmt::format("\\x{:02X}", byte);
    }
  }
  literal += '"';
  return literal;
}

std::string pen_number_literal(double value) {
  if (std::isinf(value)) {
    return value > 0 ? "1e999" : "-1e999";
  }
  if (value == 0) {
    return std::signbit(value) ? "-0" : "0";
  }
  // Below 2^63 an integral double converts to int64 exactly; plain digits read best.
  if (std::trunc(value) == value && std::fabs(value) < 9223372036854775808.0) {
    return fmt::format("{}", static_cast<std::int64_t>(value));
  }
  // fmt prints the shortest text that round-trips ("0.1", "1e+21", "5e-324"), all of which
  // match nom's recognize_float and parse back exactly with Rust's f64 parser.
  return fmt::format("{}", value);
}

std::string pen_integer_literal(std::int64_t value) {
  return fmt::format("{}", value);
}

std::string pen_integer_literal(std::uint64_t value) {
  return fmt::format("{}", value);
}

} // namespace pen_bindgen::mapping
