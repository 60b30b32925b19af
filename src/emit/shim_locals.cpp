#include "shim_locals.hpp"

#include <fmt/format.h>
#include <string>
#include <string_view>

namespace pen_bindgen::emit {

namespace {

// Appended, not formatted: shims name their locals tens of thousands of times.
std::string indexed_name(std::string_view prefix, std::size_t index) {
  const fmt::format_int digits(index);
  std::string name(prefix); // short enough for the string's own buffer: no allocation
  name.append(digits.data(), digits.size());
  return name;
}

} // namespace

std::string shim_argument(std::size_t index) {
  return indexed_name("pen_arg", index);
}

std::string shim_local(std::size_t index) {
  return indexed_name("pen_c", index);
}

std::string shim_scratch(std::size_t index) {
  return indexed_name("pen_s", index);
}

} // namespace pen_bindgen::emit
