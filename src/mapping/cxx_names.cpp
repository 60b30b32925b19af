#include "pen_bindgen/mapping/cxx_names.hpp"

#include "pen_bindgen/mapping/names.hpp"

#include <cctype>
#include <fmt/format.h>
#include <set>

namespace pen_bindgen::mapping {

namespace {

bool is_identifier_character(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
}

std::string lower(std::string text) {
  for (auto& c : text) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return text;
}

// The last component of a qualified name: "geo::Color" -> "Color".
std::string_view unqualified(std::string_view name) {
  const auto colons = name.rfind("::");
  return colons == std::string_view::npos ? name : name.substr(colons + 2);
}

} // namespace

std::string identifier_part(std::string_view cxx_name) {
  std::string part;
  bool pending_separator = false;
  for (const char c : cxx_name) {
    if (!is_identifier_character(c)) {
      pending_separator = true;
      continue;
    }
    if (pending_separator && !part.empty()) {
      part += '_';
    }
    pending_separator = false;
    part += c;
  }
  return part;
}

std::string flat_path(const std::vector<std::string>& scope, std::string_view name) {
  std::string path;
  for (const auto& component : scope) {
    const auto part = identifier_part(component);
    if (!part.empty()) {
      path += (path.empty() ? "" : "_") + part;
    }
  }
  const auto part = identifier_part(name);
  if (!part.empty()) {
    path += (path.empty() ? "" : "_") + part;
  }
  return path;
}

std::string overload_word(const ir::Type& type, const ClassesById& classes) {
  switch (type.kind) {
  case ir::TypeKind::Void:
    return "Void";
  case ir::TypeKind::Bool:
    return "Bool";
  case ir::TypeKind::Integer:
    return to_upper_camel(ir::c_spelling(type.integer));
  case ir::TypeKind::Floating:
    return to_upper_camel(ir::c_spelling(type.floating));
  case ir::TypeKind::Enum:
    return to_upper_camel(identifier_part(unqualified(type.name)));
  case ir::TypeKind::Record: {
    const auto found = classes.find(type.record_id);
    const std::string name =
        found != classes.end() ? found->second->name : std::string(unqualified(type.name));
    return to_upper_camel(identifier_part(name));
  }
  case ir::TypeKind::StdString:
    return "String";
  case ir::TypeKind::StdVector:
    return "Vector" + (type.element ? overload_word(*type.element, classes) : std::string());
  case ir::TypeKind::Reference:
    return type.pointee ? overload_word(*type.pointee, classes) : "Ref";
  case ir::TypeKind::Pointer:
    // `const char *` is a C string; `char *` is usually a buffer the function writes.
    if (type.pointee && type.pointee->kind == ir::TypeKind::Integer &&
        type.pointee->integer == ir::IntegerKind::Char && type.pointee->is_const) {
      return "CString";
    }
    return (type.pointee ? overload_word(*type.pointee, classes) : std::string()) + "Ptr";
  case ir::TypeKind::Function:
    return "Function";
  case ir::TypeKind::Array:
    return (type.element ? overload_word(*type.element, classes) : std::string()) + "Array";
  case ir::TypeKind::Unsupported:
    break;
  }
  const auto spelled = to_upper_camel(identifier_part(type.spelling));
  return spelled.empty() ? "Other" : spelled;
}

std::vector<std::string> overload_suffixes(const std::vector<const ir::Function*>& overloads,
                                           const ClassesById& classes) {
  std::vector<std::string> suffixes;
  for (const auto* function : overloads) {
    std::string suffix;
    for (const auto& parameter : function->parameters) {
      suffix += overload_word(*parameter.type, classes);
    }
    suffixes.push_back(std::move(suffix));
  }
  const auto count = [&](const std::string& suffix) {
    std::size_t n = 0;
    for (const auto& each : suffixes) {
      n += each == suffix ? 1 : 0;
    }
    return n;
  };
  // `T &at(int)` and `const T &at(int) const`: the const one says so.
  for (std::size_t i = 0; i < overloads.size(); ++i) {
    const auto& cxx = overloads[i]->cxx;
    if (cxx && cxx->is_const_method && count(suffixes[i]) > 1) {
      suffixes[i] += "Const";
    }
  }
  std::set<std::string> taken;
  for (auto& suffix : suffixes) {
    if (taken.insert(suffix).second) {
      continue;
    }
    for (int n = 2;; ++n) {
      const auto numbered = fmt::format("{}{}", suffix, n);
      if (count(numbered) == 0 && taken.insert(numbered).second) {
        suffix = numbered;
        break;
      }
    }
  }
  return suffixes;
}

std::string flat_suffix(std::string_view suffix) {
  std::string flat;
  for (const auto& word : split_words(suffix)) {
    flat += (flat.empty() ? "" : "_") + lower(word);
  }
  return flat;
}

} // namespace pen_bindgen::mapping
