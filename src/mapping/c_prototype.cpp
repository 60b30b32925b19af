#include "c_prototype.hpp"

#include <cctype>

namespace pen_bindgen::mapping {

namespace {

// Doc comments are single lines: fold any whitespace run (spellings can span lines).
std::string one_line(const std::string& text) {
  std::string result;
  bool in_space = false;
  for (const char c : text) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      in_space = true;
      continue;
    }
    if (in_space && !result.empty()) {
      result += ' ';
    }
    in_space = false;
    result += c;
  }
  return result;
}

std::string declarator(const std::string& type, const std::string& name) {
  if (name.empty()) {
    return type;
  }
  if (!type.empty() && type.back() == '*') {
    return type + name;
  }
  return type + " " + name;
}

} // namespace

std::string c_prototype(const ir::Function& function) {
  std::string text = declarator(one_line(function.result->spelling), function.name) + "(";
  for (std::size_t i = 0; i < function.parameters.size(); ++i) {
    const auto& parameter = function.parameters[i];
    text += (i == 0 ? "" : ", ") + declarator(one_line(parameter.type->spelling), parameter.name);
  }
  if (function.is_variadic) {
    text += function.parameters.empty() ? "..." : ", ...";
  } else if (function.parameters.empty()) {
    text += "void";
  }
  return text + ")";
}

} // namespace pen_bindgen::mapping
