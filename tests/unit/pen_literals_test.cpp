#include "pen_bindgen/mapping/pen_literals.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <random>
#include <regex>

using namespace pen_bindgen::mapping;

namespace {

// Pen's decoder (lib/ast-hir/src/string.rs): sequential replace passes, then \xHH.
std::string decode_like_pen(std::string text) {
  auto replace_all = [&](const std::string& from, const std::string& to) {
    for (std::size_t at = 0; (at = text.find(from, at)) != std::string::npos; at += to.size()) {
      text.replace(at, from.size(), to);
    }
  };
  replace_all("\\\\", "\\");
  replace_all("\\\"", "\"");
  replace_all("\\n", "\n");
  replace_all("\\r", "\r");
  replace_all("\\t", "\t");
  std::string decoded;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 3 < text.size() && text[i + 1] == 'x' &&
        std::isxdigit(static_cast<unsigned char>(text[i + 2])) &&
        std::isxdigit(static_cast<unsigned char>(text[i + 3]))) {
      decoded += static_cast<char>(std::stoi(text.substr(i + 2, 2), nullptr, 16));
      i += 3;
    } else {
      decoded += text[i];
    }
  }
  return decoded;
}

// nom's recognize_float, which Pen's decimal_literal uses.
const std::regex pen_decimal(R"([+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?)");

} // namespace

TEST_CASE("string literals round-trip every byte through Pen's decoder", "[literals]") {
  CHECK(pen_string_literal("1.2.13") == "\"1.2.13\"");
  CHECK(pen_string_literal("") == "\"\"");
  CHECK(pen_string_literal("a\"b\\n") == "\"a\\x22b\\x5Cn\"");
  std::string all;
  for (int byte = 0; byte < 256; ++byte) {
    all += static_cast<char>(byte);
  }
  // The tricky sequences: a backslash followed by what would be an escape.
  for (const std::string& bytes : {all, std::string("\\\\n"), std::string("\\x41"),
                                   std::string("\\\""), std::string("\n\r\t")}) {
    const auto literal = pen_string_literal(bytes);
    REQUIRE(literal.front() == '"');
    REQUIRE(literal.back() == '"');
    CHECK(decode_like_pen(literal.substr(1, literal.size() - 2)) == bytes);
  }
}

TEST_CASE("number literals parse back to the same double", "[literals]") {
  CHECK(pen_number_literal(0) == "0");
  CHECK(pen_number_literal(-1) == "-1");
  CHECK(pen_number_literal(4294967295.0) == "4294967295");
  CHECK(pen_number_literal(0.5) == "0.5");
  CHECK(pen_number_literal(std::numeric_limits<double>::infinity()) == "1e999");
  CHECK(pen_number_literal(-std::numeric_limits<double>::infinity()) == "-1e999");
  CHECK(pen_number_literal(-0.0) == "-0");
  std::mt19937_64 random(42);
  std::vector<double> values{0.1,
                             1e21,
                             5e-324,
                             1.7976931348623157e308,
                             9007199254740993.0,
                             9223372036854775808.0,
                             -9223372036854775808.0,
                             1e-7,
                             123456.789};
  for (int i = 0; i < 2000; ++i) {
    double value;
    const auto bits = random();
    std::memcpy(&value, &bits, sizeof value);
    if (std::isfinite(value)) {
      values.push_back(value);
    }
  }
  for (const double value : values) {
    const auto literal = pen_number_literal(value);
    INFO(literal);
    CHECK(std::regex_match(literal, pen_decimal));
    CHECK(std::strtod(literal.c_str(), nullptr) == value);
  }
}

TEST_CASE("integer literals are exact decimal text", "[literals]") {
  CHECK(pen_integer_literal(std::int64_t{-9223372036854775807 - 1}) == "-9223372036854775808");
  CHECK(pen_integer_literal(std::uint64_t{18446744073709551615u}) == "18446744073709551615");
}
