#include "shim_locals.hpp"

#include <fmt/format.h>

namespace pen_bindgen::emit {

std::string shim_argument(std::size_t index) {
  return fmt::format("pen_arg{}", index);
}

std::string shim_local(std::size_t index) {
  return fmt::format("pen_c{}", index);
}

std::string shim_scratch(std::size_t index) {
  return fmt::format("pen_s{}", index);
}

} // namespace pen_bindgen::emit
