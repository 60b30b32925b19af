#include "shim_locals.hpp"

#include <string>

namespace pen_bindgen::emit {

// Concatenated, not formatted: shims name their locals tens of thousands of times.

std::string shim_argument(std::size_t index) {
  return "pen_arg" + std::to_string(index);
}

std::string shim_local(std::size_t index) {
  return "pen_c" + std::to_string(index);
}

std::string shim_scratch(std::size_t index) {
  return "pen_s" + std::to_string(index);
}

} // namespace pen_bindgen::emit
