#include "pen_bindgen/mapping/pen_literals.hpp"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <stdexcept>

namespace pen_bindgen::mapping {

std::string pen_string_literal(const std::string& bytes) {
  const auto is_plain = [](unsigned char byte) {
    return byte >= 0x20 && byte <= 0x7E && byte != '"' && byte != '\\';
  };
  std::string literal;
  literal.reserve(bytes.size() + 2);
  literal += '"';
  // Runs of plain bytes are appended whole; a literal is made for every string macro.
  for (std::size_t start = 0; start < bytes.size();) {
    std::size_t end = start;
    while (end < bytes.size() && is_plain(static_cast<unsigned char>(bytes[end]))) {
      ++end;
    }
    literal.append(bytes, start, end - start);
    if (end < bytes.size()) {
      literal += fmt::format("\\x{:02X}", static_cast<unsigned char>(bytes[end]));
      ++end;
    }
    start = end;
  }
  literal += '"';
  return literal;
}

std::string pen_number_literal(double value) {
  if (std::isnan(value)) {
    throw std::invalid_argument("pen_number_literal: NaN has no Pen literal");
  }
  if (std::isinf(value)) {
    // Rust's f64 parser, which Pen uses, rounds an out-of-range decimal to infinity.
    return value > 0 ? "1e999" : "-1e999";
  }
  if (value == 0) {
    return std::signbit(value) ? "-0" : "0";
  }
  // An integral double below 2^63 converts to int64 exactly; plain digits read best.
  if (std::trunc(value) == value && std::fabs(value) < 9223372036854775808.0) {
    return fmt::format("{}", static_cast<std::int64_t>(value));
  }
  // Shortest round-trip text ("0.1", "1e+21", "5e-324"). Its exponent is tidied to "e21"/"e-7";
  // nom's recognize_float accepts either spelling and Rust parses it back exactly.
  std::string text = fmt::format("{}", value);
  if (const auto e = text.find('e'); e != std::string::npos) {
    std::string exponent = text.substr(e + 1);
    const bool negative = exponent.front() == '-';
    if (exponent.front() == '-' || exponent.front() == '+') {
      exponent.erase(0, 1);
    }
    exponent.erase(0, std::min(exponent.find_first_not_of('0'), exponent.size() - 1));
    text = text.substr(0, e + 1) + (negative ? "-" : "") + exponent;
  }
  return text;
}

// fmt::format_int: the decimal digits without parsing a format string (one per constant).
std::string pen_integer_literal(std::int64_t value) {
  return fmt::format_int(value).str();
}

std::string pen_integer_literal(std::uint64_t value) {
  return fmt::format_int(value).str();
}

} // namespace pen_bindgen::mapping
