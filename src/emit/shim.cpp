#include "pen_bindgen/emit/shim.hpp"

#include "pen_bindgen/version.hpp"

#include <fmt/format.h>
#include <string>
#include <variant>
#include <vector>

namespace pen_bindgen::emit {

namespace {

using mapping::ArgumentConversion;
using mapping::FunctionBinding;
using mapping::ParameterBinding;
using mapping::ResultConversion;

// Shim identifiers never reuse C names: a header may #define any of them. The `pen_` prefix is
// ours (pen_abi.h), so nothing the library declares can collide with it.
std::string argument_name(std::size_t index) {
  return fmt::format("pen_arg{}", index);
}
std::string converted_name(std::size_t index) {
  return fmt::format("pen_c{}", index);
}

// Text for inside a C comment: a path or prototype must neither end it early nor open a nested
// comment (-Wcomment).
std::string comment_safe(std::string text) {
  for (const char* token : {"*/", "/*"}) {
    for (auto position = text.find(token); position != std::string::npos;
         position = text.find(token, position)) {
      text.insert(position + 1, " ");
    }
  }
  return text;
}

// The shim's own parameter types (the fixed convention; pen-abi §1.2, §3).
const char* shim_parameter_type(ArgumentConversion conversion) {
  switch (conversion) {
  case ArgumentConversion::Bool:
    return "uint8_t";
  case ArgumentConversion::CString:
    return "pen_string";
  case ArgumentConversion::SignedInteger:
  case ArgumentConversion::UnsignedInteger:
  case ArgumentConversion::Float:
  case ArgumentConversion::Double:
    return "double";
  }
  return "double";
}

const char* shim_result_type(ResultConversion conversion) {
  switch (conversion) {
  case ResultConversion::None:
    return "void";
  case ResultConversion::Bool:
    return "bool";
  case ResultConversion::CString:
    return "pen_string";
  case ResultConversion::SignedInteger:
  case ResultConversion::UnsignedInteger:
  case ResultConversion::Floating:
    return "double";
  }
  return "void";
}

std::string shim_prototype(const FunctionBinding& function) {
  std::string parameters;
  for (std::size_t index = 0; index < function.parameters.size(); ++index) {
    if (index > 0) {
      parameters += ", ";
    }
    parameters += fmt::format("{} {}", shim_parameter_type(function.parameters[index].conversion),
                              argument_name(index));
  }
  if (parameters.empty()) {
    parameters = "void";
  }
  return fmt::format("{} {}({})", shim_result_type(function.result.conversion),
                     function.shim_symbol, parameters);
}

// <limits.h> has no macros for 128-bit types (the mapping skips them anyway); should one arrive,
// the shim still compiles and saturates to the 64-bit range, which is all a number can carry.
std::string minimum_macro(ir::IntegerKind kind) {
  const std::string macro = ir::c_minimum_macro(kind);
  return macro.empty() ? "INT64_MIN" : macro;
}

std::string maximum_macro(ir::IntegerKind kind) {
  const std::string macro = ir::c_maximum_macro(kind);
  if (!macro.empty()) {
    return macro;
  }
  return ir::is_unsigned(kind) ? "UINT64_MAX" : "INT64_MAX";
}

// The declaration of the local holding argument `index` as C wants it.
std::string convert_argument(const ParameterBinding& parameter, std::size_t index) {
  const auto argument = argument_name(index);
  const auto local = converted_name(index);
  switch (parameter.conversion) {
  case ArgumentConversion::SignedInteger: {
    const char* type = ir::c_spelling(parameter.integer);
    return fmt::format("  {} {} = ({})pen_number_to_i64({}, {}, {});\n", type, local, type,
                       argument, minimum_macro(parameter.integer),
                       maximum_macro(parameter.integer));
  }
  case ArgumentConversion::UnsignedInteger: {
    const char* type = ir::c_spelling(parameter.integer);
    return fmt::format("  {} {} = ({})pen_number_to_u64({}, {});\n", type, local, type, argument,
                       maximum_macro(parameter.integer));
  }
  case ArgumentConversion::Float:
    return fmt::format("  float {} = pen_number_to_float({});\n", local, argument);
  case ArgumentConversion::Double:
    return fmt::format("  double {} = {};\n", local, argument);
  case ArgumentConversion::Bool:
    return fmt::format("  bool {} = pen_boolean_to_c({});\n", local, argument);
  case ArgumentConversion::CString:
    // C owns every counted argument and drops it exactly once (pen-abi §2.1); the copy is all
    // the call needs.
    return fmt::format("  char *{} = pen_string_to_c({});\n  pen_string_drop({});\n", local,
                       argument, argument);
  }
  return {};
}

std::string call_argument(const ParameterBinding& parameter, std::size_t index) {
  if (parameter.conversion == ArgumentConversion::CString) {
    const std::string type =
        parameter.c_pointer_type.empty() ? "const char *" : parameter.c_pointer_type;
    return fmt::format("({}){}", type, converted_name(index));
  }
  return converted_name(index);
}

// The local that receives the C result, in a canonical type the conversion back starts from.
std::string result_declaration(const mapping::ResultBinding& result) {
  switch (result.conversion) {
  case ResultConversion::None:
    return {};
  case ResultConversion::SignedInteger:
  case ResultConversion::UnsignedInteger:
    return fmt::format("{} pen_result = ", ir::c_spelling(result.integer));
  case ResultConversion::Floating:
    return "double pen_result = (double)";
  case ResultConversion::Bool:
    return "bool pen_result = ";
  // Whatever character type the library spells (`const unsigned char *` too).
  case ResultConversion::CString:
    return "const char *pen_result = (const char *)";
  }
  return {};
}

std::string result_return(const mapping::ResultBinding& result) {
  switch (result.conversion) {
  case ResultConversion::None:
    return {};
  case ResultConversion::SignedInteger:
  case ResultConversion::UnsignedInteger:
    return "  return (double)pen_result;\n";
  case ResultConversion::Floating:
  case ResultConversion::Bool:
    return "  return pen_result;\n";
  case ResultConversion::CString:
    return "  return pen_string_result;\n";
  }
  return {};
}

std::string shim_function(const FunctionBinding& function) {
  std::string text = fmt::format("/* {} */\n{} {{\n", comment_safe(function.c_prototype),
                                 shim_prototype(function));

  std::vector<std::string> arguments;
  for (std::size_t index = 0; index < function.parameters.size(); ++index) {
    text += convert_argument(function.parameters[index], index);
    arguments.push_back(call_argument(function.parameters[index], index));
  }
  text += fmt::format("  {}{}({});\n", result_declaration(function.result), function.c_name,
                      fmt::join(arguments, ", "));

  // A string result may point into an argument's copy (strchr), so it is copied into a Pen
  // string before the copies are freed.
  if (function.result.conversion == ResultConversion::CString) {
    text += "  pen_string pen_string_result = pen_string_from_c(pen_result);\n";
  }
  for (std::size_t index = 0; index < function.parameters.size(); ++index) {
    if (function.parameters[index].conversion == ArgumentConversion::CString) {
      text += fmt::format("  pen_c_string_free({});\n", converted_name(index));
    }
  }
  return text + result_return(function.result) + "}\n";
}

std::vector<const FunctionBinding*> functions_of(const mapping::Package& package) {
  std::vector<const FunctionBinding*> functions;
  for (const auto& item : package.items) {
    if (const auto* function = std::get_if<FunctionBinding>(&item)) {
      functions.push_back(function);
    }
  }
  return functions;
}

} // namespace

std::string emit_shim(const mapping::Package& package) {
  // The same banner as the Pen module's.
  std::string headers;
  for (const auto& header : package.headers) {
    headers += (headers.empty() ? " from " : ", ") + header.path;
  }
  std::string text =
      "/* " +
      comment_safe(fmt::format("Generated by pen-bindgen {}{}. Do not edit.", version, headers)) +
      "\n";
  text += "   Converts Pen values to C, calls the library and converts the results back. */\n\n"
          "#include \"pen_abi.h\"\n\n"
          "#include <limits.h>\n"
          "#include <stdbool.h>\n"
          "#include <stdint.h>\n";
  if (!package.headers.empty()) {
    text += "\n";
  }
  for (const auto& header : package.headers) {
    text += fmt::format("#include {}\n", header.include_spelling);
  }

  const auto functions = functions_of(package);
  if (functions.empty()) {
    return text;
  }
  // Prototypes first: the functions have external linkage, and -Wmissing-prototypes wants one.
  text += "\n";
  for (const auto* function : functions) {
    text += shim_prototype(*function) + ";\n";
  }
  for (const auto* function : functions) {
    text += "\n" + shim_function(*function);
  }
  return text;
}

std::string shim_path(const mapping::Package& package) {
  return "ffi/" + package.file_stem + "_shim.c";
}

} // namespace pen_bindgen::emit
