#include "c_prototype.hpp"

#include <string_view>

namespace pen_bindgen::mapping {

namespace {

// std::isspace in the "C" locale (the program never sets another), without a library call per
// character.
bool is_space(char c) {
  return c == ' ' || (c >= '\t' && c <= '\r');
}

// Doc comments are single lines: appends `text` with each whitespace run folded to one space
// and none at either end (spellings can span lines). Runs are appended whole: a prototype is
// made for every function.
void append_one_line(std::string& out, std::string_view text) {
  bool in_space = false;
  bool any = false;
  std::size_t i = 0;
  while (i < text.size()) {
    if (is_space(text[i])) {
      in_space = true;
      ++i;
      continue;
    }
    std::size_t end = i + 1;
    while (end < text.size() && !is_space(text[end])) {
      ++end;
    }
    if (in_space && any) {
      out += ' ';
    }
    out.append(text.substr(i, end - i));
    any = true;
    in_space = false;
    i = end;
  }
}

// "int x", "char *name", or the type alone when the parameter has no name.
void append_declarator(std::string& out, std::string_view type, const std::string& name) {
  const auto start = out.size();
  append_one_line(out, type);
  if (name.empty()) {
    return;
  }
  if (out.size() == start || out.back() != '*') {
    out += ' ';
  }
  out += name;
}

} // namespace

std::string c_prototype(const ir::Function& function) {
  std::string text;
  text.reserve(128);
  append_declarator(text, function.result->spelling, function.name);
  text += '(';
  for (std::size_t i = 0; i < function.parameters.size(); ++i) {
    const auto& parameter = function.parameters[i];
    if (i != 0) {
      text += ", ";
    }
    append_declarator(text, parameter.type->spelling, parameter.name);
  }
  if (function.is_variadic) {
    text += function.parameters.empty() ? "..." : ", ...";
  } else if (function.parameters.empty()) {
    text += "void";
  }
  text += ')';
  return text;
}

} // namespace pen_bindgen::mapping
