#include "pen_bindgen/emit/exports_module.hpp"

#include <fmt/format.h>
#include <set>

namespace pen_bindgen::emit {

namespace {

using mapping::PenType;

// The neutral value of each result type, so that the stub type-checks before it is implemented.
const char* neutral_value(PenType type) {
  switch (type) {
  case PenType::Number:
    return "0";
  case PenType::Boolean:
    return "false";
  case PenType::String:
    return "\"\"";
  default:
    return "none";
  }
}

std::string stub(const mapping::FunctionBinding& function) {
  std::string parameters;
  for (const auto& parameter : function.parameters) {
    parameters += fmt::format("{}{} {}", parameters.empty() ? "" : ", ", parameter.pen_name,
                              mapping::pen_type_spelling(parameter));
  }
  // A zero-argument Pen function is a memoized thunk (pen-abi §7.2): take `none` instead, which
  // the C side omits (§3), so the body runs on every call.
  if (parameters.empty()) {
    parameters = "_ none";
  }
  // A callback typedef's adapter is the shim's: show the typedef itself, with parameter names.
  auto what = function.c_prototype;
  if (!function.subject.empty()) {
    const std::string storage = "static ";
    const auto name_end = what.find('(');
    const auto name_start = what.find_last_of(" *", name_end) + 1;
    what = "the callback typedef " + what.substr(storage.size(), name_start - storage.size()) +
           "(*" + function.subject + ")" + what.substr(name_end);
  }
  return fmt::format("# TODO: implement {}\nforeign \"c\" {} = \\({}) {} {{\n  {}\n}}\n", what,
                     function.shim_symbol, parameters, mapping::pen_type_spelling(function.result),
                     neutral_value(function.result.pen_type));
}

} // namespace

std::string emit_exports_module(const mapping::Package& package) {
  std::string text = fmt::format(
      "# Pen implementations of C functions, called by the C adapters in ffi/{}_shim.c.\n"
      "# Written once by pen-bindgen and never overwritten: this file is yours to edit.\n",
      package.file_stem);
  // Handle types come from the package's one module, or from <Name>Types in a system package
  // (mapping/modules.hpp); the mapping allows handles in exports of one-header packages only.
  std::set<std::string> types;
  for (const auto& function : package.exports) {
    for (const auto& parameter : function.parameters) {
      if (parameter.pen_type == PenType::Named) {
        types.insert(parameter.pen_type_name);
      }
    }
  }
  if (!types.empty()) {
    text += fmt::format("\nimport '{}{} {{ {} }}\n", package.name, package.system ? "Types" : "",
                        fmt::join(types, ", "));
  }
  for (const auto& function : package.exports) {
    text += "\n" + stub(function);
  }
  return text;
}

std::string exports_module_path(const mapping::Package& package) {
  return package.name + "Exports.pen";
}

} // namespace pen_bindgen::emit
