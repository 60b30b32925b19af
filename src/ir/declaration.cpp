#include "pen_bindgen/ir/declaration.hpp"

namespace pen_bindgen::ir {

const std::string& name_of(const Declaration& declaration) {
  return std::visit([](const auto& value) -> const std::string& { return value.name; },
                    declaration);
}

const Location& location_of(const Declaration& declaration) {
  return std::visit([](const auto& value) -> const Location& { return value.location; },
                    declaration);
}

} // namespace pen_bindgen::ir
