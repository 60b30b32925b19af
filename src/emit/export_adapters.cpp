#include "export_adapters.hpp"

#include "integer_limits.hpp"
#include "pen_bindgen/mapping/names.hpp"
#include "shim_types.hpp"

#include <fmt/format.h>
#include <vector>

namespace pen_bindgen::emit {

namespace {

using mapping::ArgumentConversion;
using mapping::FunctionBinding;
using mapping::ResultConversion;

// C -> Pen argument types of a Pen export (pen-abi §1.2, §3: booleans to Pen are exactly 0 or 1).
const char* pen_argument_type(ArgumentConversion conversion) {
  switch (conversion) {
  case ArgumentConversion::Bool:
    return "bool";
  case ArgumentConversion::CString:
    return "pen_string";
  case ArgumentConversion::Handle:
    return "pen_handle_body *";
  default:
    return "double";
  }
}

// Pen -> C result types of a Pen export (booleans from Pen are read with & 1).
const char* pen_result_type(ResultConversion conversion) {
  switch (conversion) {
  case ResultConversion::None:
    return "void";
  case ResultConversion::Bool:
    return "uint8_t";
  case ResultConversion::CString:
    return "pen_string";
  default:
    return "double";
  }
}

std::string export_prototype(const FunctionBinding& function) {
  std::vector<std::string> parameters;
  for (const auto& parameter : function.parameters) {
    const std::string type = pen_argument_type(parameter.conversion);
    parameters.push_back(type + (type.back() == '*' ? "" : " ") + parameter.c_name);
  }
  return fmt::format("{} {}({})", pen_result_type(function.result.conversion), function.shim_symbol,
                     parameters.empty() ? "void" : fmt::format("{}", fmt::join(parameters, ", ")));
}

std::string pen_argument(const mapping::ParameterBinding& parameter,
                         const mapping::Package& package) {
  switch (parameter.conversion) {
  case ArgumentConversion::Handle:
    // The C caller keeps the pointer: the handle borrows it and never runs a destructor.
    return fmt::format("{}((void *)(uintptr_t){})",
                       handle_borrow_symbol(package, parameter.type_info), parameter.c_name);
  case ArgumentConversion::Bool:
    return fmt::format("{} ? true : false", parameter.c_name);
  case ArgumentConversion::CString: // NULL gives ""
    return fmt::format("pen_string_from_c((const char *){})", parameter.c_name);
  default:
    return fmt::format("(double){}", parameter.c_name);
  }
}

// Pen consumes the arguments (the fresh strings) and C owns the result (pen-abi §2.1): the
// adapter drops a string result once it has copied it.
std::string adapter(const FunctionBinding& function, const mapping::Package& package) {
  std::vector<std::string> arguments;
  for (const auto& parameter : function.parameters) {
    arguments.push_back(pen_argument(parameter, package));
  }
  const auto call = fmt::format("{}({})", function.shim_symbol, fmt::join(arguments, ", "));
  const auto& result = function.result;
  std::string body;
  switch (result.conversion) {
  case ResultConversion::None:
    body = fmt::format("  {};\n", call);
    break;
  case ResultConversion::Bool:
    body = fmt::format("  return ({} & 1) != 0;\n", call);
    break;
  case ResultConversion::SignedInteger:
    body =
        fmt::format("  return ({})pen_number_to_i64({}, {}, {});\n", ir::c_spelling(result.integer),
                    call, minimum_macro(result.integer), maximum_macro(result.integer));
    break;
  case ResultConversion::UnsignedInteger:
    body = fmt::format("  return ({})pen_number_to_u64({}, {});\n", ir::c_spelling(result.integer),
                       call, maximum_macro(result.integer));
    break;
  case ResultConversion::CString:
    // The C caller does not free a `const char *` result: the copy lives in a per-thread slot
    // until the same function's next call on that thread.
    body = fmt::format("  static _Thread_local char *pen_export_result = NULL;\n"
                       "  pen_string pen_result = {};\n"
                       "  pen_c_string_free(pen_export_result);\n"
                       "  pen_export_result = pen_string_to_c(pen_result);\n"
                       "  pen_string_drop(pen_result);\n"
                       "  return pen_export_result;\n",
                       call);
    break;
  default:
    body = result.c_type == "float" ? fmt::format("  return pen_number_to_float({});\n", call)
                                    : fmt::format("  return {};\n", call);
    break;
  }
  return fmt::format("{} {{\n{}}}\n", function.c_prototype, body);
}

// The static function that hands out a callback typedef's adapter (FunctionBinding::subject).
std::string address_prototype(const FunctionBinding& function, const mapping::Package& package) {
  return fmt::format("static {} {}export_address_{}(void)", function.subject, package.prefix,
                     mapping::sanitize_identifier(function.subject));
}

std::string adapter_name(const FunctionBinding& function, const mapping::Package& package) {
  return package.prefix + "export_adapter_" + mapping::sanitize_identifier(function.subject);
}

} // namespace

std::string export_adapter_declarations(const mapping::Package& package) {
  std::string text;
  for (const auto& function : package.exports) {
    if (!function.subject.empty()) {
      text += function.c_prototype + ";\n" + address_prototype(function, package) + ";\n";
    }
  }
  return text;
}

std::string export_adapters(const mapping::Package& package) {
  if (package.exports.empty()) {
    return "";
  }
  std::string text =
      "\n/* Functions the Pen package implements (docs/exports.md): Pen's exports, and the C "
      "functions\n   the headers declare, which convert their arguments and call them. */\n";
  for (const auto& function : package.exports) {
    text += export_prototype(function) + ";\n";
  }
  for (const auto& function : package.exports) {
    text += "\n" + adapter(function, package);
    if (!function.subject.empty()) {
      text += fmt::format("\n{} {{\n  return {};\n}}\n", address_prototype(function, package),
                          adapter_name(function, package));
    }
  }
  return text;
}

} // namespace pen_bindgen::emit
