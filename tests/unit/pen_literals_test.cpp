#include "pen_bindgen/mapping/pen_literals.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <random>
#include <regex>
#include <stdexcept>

using namespace pen_bindgen::mapping;

namespace {

// nom's recognize_float, which Pen's decimal_literal uses.
const std::regex pen_decimal(R"([+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?)");

} // namespace

TEST_CASE("number literals parse back to the same double", "[literals]") {
  CHECK(pen_number_literal(0) == "0");
  CHECK(pen_number_literal(-1) == "-1");
  CHECK(pen_number_literal(4294967295.0) == "4294967295");
  CHECK(pen_number_literal(0.5) == "0.5");
  CHECK(pen_number_literal(std::numeric_limits<double>::infinity()) == "1e999");
  CHECK(pen_number_literal(-std::numeric_limits<double>::infinity()) == "-1e999");
  CHECK(pen_number_literal(-0.0) == "-0");
  CHECK(pen_number_literal(1e21) == "1e21");
  CHECK_THROWS_AS(pen_number_literal(std::nan("")), std::invalid_argument);
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
