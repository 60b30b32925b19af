#include "pen_bindgen/emit/shim.hpp"

#include "comment_text.hpp"
#include "export_adapters.hpp"
#include "integer_limits.hpp"
#include "pen_bindgen/version.hpp"
#include "shim_lists.hpp"
#include "shim_locals.hpp"
#include "shim_types.hpp"

#include <fmt/format.h>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace pen_bindgen::emit {

namespace {

using mapping::ArgumentConversion;
using mapping::FunctionBinding;
using mapping::ParameterBinding;
using mapping::ResultConversion;

// The shim's own parameter types (the fixed convention; pen-abi §1.2, §3).
const char* shim_parameter_type(ArgumentConversion conversion) {
  switch (conversion) {
  case ArgumentConversion::Bool:
    return "uint8_t";
  case ArgumentConversion::CString:
  case ArgumentConversion::Buffer:
    return "pen_string";
  case ArgumentConversion::Callback:
    return "pen_closure *";
  case ArgumentConversion::List: // the array the Pen module built (shim_lists.cpp)
    return "pen_variant";
  case ArgumentConversion::Record: // a record block (pen-abi §1.3)
  case ArgumentConversion::RecordPointer:
    return "void *";
  case ArgumentConversion::Handle:
  case ArgumentConversion::BufferHandle:
    return "pen_handle_body *";
  case ArgumentConversion::OutHandle:    // no Pen argument: never in the prototype
  case ArgumentConversion::BufferLength: // no Pen argument: never in the prototype
  case ArgumentConversion::ErrorMessage:
  case ArgumentConversion::CallbackUserData:
  case ArgumentConversion::ListLength:
  case ArgumentConversion::ListSizes:
  case ArgumentConversion::ArrayCount:
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
  case ResultConversion::Record:
    return "void *";
  case ResultConversion::Handle:
    return "pen_handle_body *";
  case ResultConversion::List:
    return "pen_list";
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
    if (!mapping::has_pen_argument(function.parameters[index])) {
      continue;
    }
    if (!parameters.empty()) {
      parameters += ", ";
    }
    parameters += shim_parameter_type(function.parameters[index].conversion);
    parameters += ' ';
    parameters += shim_argument(index);
  }
  if (parameters.empty()) {
    parameters = "void";
  }
  return fmt::format("{} {}({})",
                     function.result.nullable || function.result.fallible ? "pen_variant"
                     : !function.out_record.empty()                       ? "void *"
                                                    : shim_result_type(function.result.conversion),
                     function.shim_symbol, parameters);
}

// The declaration of the local holding argument `index` as C wants it.
std::string convert_argument(const ParameterBinding& parameter, std::size_t index) {
  const auto argument = shim_argument(index);
  const auto local = shim_local(index);
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
  // The Pen string's own bytes when the callee only reads them (the string is dropped after the
  // call); a private copy when it may write.
  case ArgumentConversion::Buffer:
    if (parameter.c_pointer_type.rfind("const ", 0) == 0) {
      return fmt::format("  const uint8_t *{} = pen_string_data({});\n", local, argument);
    }
    return fmt::format("  uint8_t *{} = pen_string_bytes_copy({});\n", local, argument);
  case ArgumentConversion::BufferLength: {
    const char* type = ir::c_spelling(parameter.integer);
    const auto length = fmt::format("pen_length{}", index);
    return fmt::format("  uintptr_t {} = pen_string_len({});\n"
                       "  {} {} = ({})({} > (uintptr_t){} ? (uintptr_t){} : {});\n",
                       length, shim_argument(parameter.source), type, local, type, length,
                       maximum_macro(parameter.integer), maximum_macro(parameter.integer), length);
  }
  case ArgumentConversion::ErrorMessage: // the callee stores a malloc'd message on failure
    return "  char *pen_error_message = NULL;\n";
  case ArgumentConversion::List: // shim_lists.cpp: list_argument
  case ArgumentConversion::ListLength:
  case ArgumentConversion::ListSizes:
  case ArgumentConversion::ArrayCount:
    return {};
  case ArgumentConversion::Callback: // the closure travels as the user data
  case ArgumentConversion::CallbackUserData:
  case ArgumentConversion::Record: // shim_types.cpp: typed_argument
  case ArgumentConversion::RecordPointer:
  case ArgumentConversion::Handle:
  case ArgumentConversion::BufferHandle:
  case ArgumentConversion::OutHandle:
    return {};
  }
  return {};
}

std::string call_argument(const FunctionBinding& function, std::size_t index) {
  const auto& parameter = function.parameters[index];
  if (!parameter.promoted_type.empty()) { // a variadic argument: promoted explicitly
    return fmt::format("({}){}", parameter.promoted_type, shim_local(index));
  }
  switch (parameter.conversion) {
  case ArgumentConversion::Buffer:
    return fmt::format("({}){}", parameter.c_pointer_type, shim_local(index));
  case ArgumentConversion::Callback:
    return function.callbacks[parameter.source].trampoline_symbol;
  case ArgumentConversion::CallbackUserData:
    return fmt::format("(void *){}", shim_argument(parameter.source));
  case ArgumentConversion::ErrorMessage:
    return "&pen_error_message";
  case ArgumentConversion::ArrayCount:
    return "&pen_array_count";
  case ArgumentConversion::Record:
  case ArgumentConversion::RecordPointer:
  case ArgumentConversion::Handle:
  case ArgumentConversion::BufferHandle:
  case ArgumentConversion::OutHandle:
    return typed_call_argument(parameter, index);
  default:
    break;
  }
  if (parameter.conversion == ArgumentConversion::CString) {
    const std::string type =
        parameter.c_pointer_type.empty() ? "const char *" : parameter.c_pointer_type;
    return fmt::format("({}){}", type, shim_local(index));
  }
  return shim_local(index);
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
  case ResultConversion::Record:
  case ResultConversion::Handle:
    return typed_result_declaration(result);
  case ResultConversion::List: { // a malloc'd array, whatever const the library spells
    const auto pointer = result.c_type + (result.c_type.back() == '*' ? "*" : " *");
    return fmt::format("{}pen_result = ({})(uintptr_t)", pointer, pointer);
  }
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
  case ResultConversion::List:
    return "  return pen_list_result;\n";
  case ResultConversion::Record: // shim_types.cpp: typed_return
  case ResultConversion::Handle:
    return {};
  }
  return {};
}

// `prototype` is shim_prototype(function), which emit_shim made for the prototypes already.
std::string shim_function(const FunctionBinding& function, const std::string& prototype,
                          const mapping::Package& package) {
  std::string text =
      fmt::format("/* {} */\n{} {{\n", comment_safe(function.c_prototype), prototype);
  // Handle helpers and struct accessors (shim_types.cpp).
  if (function.kind != mapping::FunctionKind::Call) {
    return std::move(text) + helper_body(function, package) + "}\n";
  }
  const bool typed = uses_typed_values(function);

  std::vector<std::string> arguments;
  for (std::size_t index = 0; index < function.parameters.size(); ++index) {
    text += convert_argument(function.parameters[index], index);
    text += list_argument(function, index);
    if (typed) {
      text += typed_argument(function, index, package);
    }
    arguments.push_back(call_argument(function, index));
  }
  // `(name)(...)`: the declared function itself, never a function-like macro of the same name
  // (glib's g_once_init_enter asserts on its argument's type; zlib's gzgetc reads the struct).
  text += fmt::format("  {}({})({});\n", result_declaration(function.result), function.c_name,
                      fmt::join(arguments, ", "));
  // Records, handles and out-parameters become Pen values before arguments are released.
  if (typed) {
    text += typed_result_conversion(function, package);
  }
  if (function.result.conversion == ResultConversion::List) {
    text += list_result_conversion(function, package);
  }

  // A string result may point into an argument's copy (strchr), so it is copied into a Pen
  // string before the copies are freed.
  // With out-parameters the copy is already the out record's `Result` field.
  if (function.result.conversion == ResultConversion::CString) {
    if (function.out_record.empty()) {
      text += function.result.nullable
                  ? "  pen_variant pen_variant_result = pen_nullable_string_from_c(pen_result);\n"
                  : "  pen_string pen_string_result = pen_string_from_c(pen_result);\n";
    }
    // config `owned`: the copy is Pen's, so the library's memory goes back now, exactly once.
    if (!function.result.owned_free.empty()) {
      text += fmt::format("  if (pen_result) {{\n    {}((void *)(uintptr_t)pen_result);\n  }}\n",
                          function.result.owned_free);
    }
  }
  for (std::size_t index = 0; index < function.parameters.size(); ++index) {
    const auto& parameter = function.parameters[index];
    if (parameter.conversion == ArgumentConversion::CString) {
      text += fmt::format("  pen_c_string_free({});\n", shim_local(index));
    } else if (parameter.conversion == ArgumentConversion::Buffer) {
      if (parameter.c_pointer_type.rfind("const ", 0) != 0) {
        text += fmt::format("  pen_c_string_free((char *){});\n", shim_local(index));
      }
      text += fmt::format("  pen_string_drop({});\n", shim_argument(index));
    } else if (parameter.conversion == ArgumentConversion::Callback) {
      // The shim owned the closure for the whole call; the trampoline cloned it per call.
      text += fmt::format("  pen_closure_drop({});\n", shim_argument(index));
    } else if (parameter.conversion == ArgumentConversion::List) {
      // The shim owns the array's `any`: its last reference frees the array.
      text += fmt::format("  {0}.tag->drop({0}.payload);\n", shim_argument(index));
    } else if (typed) {
      text += typed_cleanup(parameter, index, package);
    }
  }
  if (function.result.fallible) {
    return std::move(text) + fallible_return(function, package) + "}\n";
  }
  if (typed && !typed_return(function).empty()) {
    return std::move(text) + typed_return(function) + "}\n";
  }
  if (function.result.nullable) {
    return std::move(text) + "  return pen_variant_result;\n}\n";
  }
  return std::move(text) + result_return(function.result) + "}\n";
}

// C -> Pen types of a callback's Pen-exported caller (pen-abi §1.2, §3: booleans from C are
// exactly 0 or 1; booleans from Pen are read with & 1).
const char* export_argument_type(mapping::CallbackArgumentConversion conversion) {
  switch (conversion) {
  case mapping::CallbackArgumentConversion::Bool:
    return "bool";
  case mapping::CallbackArgumentConversion::CString:
    return "pen_string";
  case mapping::CallbackArgumentConversion::CStringArray:
    return "pen_list";
  case mapping::CallbackArgumentConversion::Handle:
    return "pen_handle_body *";
  default:
    return "double";
  }
}

const char* export_result_type(ResultConversion conversion) {
  switch (conversion) {
  case ResultConversion::None:
    return "void";
  case ResultConversion::Bool:
    return "uint8_t";
  default:
    return "double";
  }
}

std::string export_prototype(const mapping::CallbackBinding& callback) {
  std::string parameters = "pen_closure *f";
  for (std::size_t index = 0; index < callback.arguments.size(); ++index) {
    const auto conversion = callback.arguments[index].conversion;
    if (conversion != mapping::CallbackArgumentConversion::UserData) {
      parameters += fmt::format(", {} x{}", export_argument_type(conversion), index);
    }
  }
  return fmt::format("{} {}({})", export_result_type(callback.pen_result), callback.export_symbol,
                     parameters);
}

std::string trampoline_argument(const mapping::CallbackBinding& callback, std::size_t index,
                                const mapping::Package& package) {
  const auto& argument = callback.arguments[index];
  const auto name = fmt::format("pen_p{}", index);
  switch (argument.conversion) {
  case mapping::CallbackArgumentConversion::Bool:
    return fmt::format("{} ? true : false", name);
  case mapping::CallbackArgumentConversion::CString:
    return fmt::format("pen_string_from_c((const char *){})", name);
  case mapping::CallbackArgumentConversion::CStringArray:
    return fmt::format("pen_string_list_from_c((const char *const *){}, (int64_t)pen_p{})", name,
                       argument.count);
  case mapping::CallbackArgumentConversion::Handle:
    // The caller of the callback keeps ownership: the handle never runs a destructor.
    return fmt::format("{}((void *)(uintptr_t){})",
                       handle_borrow_symbol(package, argument.type_info), name);
  default:
    return fmt::format("(double){}", name);
  }
}

// The C function passed as the function pointer: it calls the Pen function carried in the user
// data through the Pen export, which consumes a reference, so it clones one per call; the shim
// drops its own reference once the C function returns (synchronous callbacks only).
std::string trampoline(const mapping::CallbackBinding& callback, const mapping::Package& package) {
  std::string parameters;
  std::string closure;
  std::vector<std::string> arguments;
  for (std::size_t index = 0; index < callback.arguments.size(); ++index) {
    const auto& argument = callback.arguments[index];
    parameters +=
        fmt::format("{}{} pen_p{}", parameters.empty() ? "" : ", ", argument.c_type, index);
    if (argument.conversion == mapping::CallbackArgumentConversion::UserData) {
      // Through uintptr_t: the user data may be declared `const void *` (glib's gconstpointer).
      closure = fmt::format("(pen_closure *)pen_block_clone((void *)(uintptr_t)pen_p{})", index);
    } else {
      arguments.push_back(trampoline_argument(callback, index, package));
    }
  }
  const auto call = fmt::format("{}({}{}{})", callback.export_symbol, closure,
                                arguments.empty() ? "" : ", ", fmt::join(arguments, ", "));
  std::string body;
  switch (callback.pen_result) {
  case ResultConversion::None:
    body = fmt::format("  {};\n", call);
    break;
  case ResultConversion::Bool:
    body = fmt::format("  return ({} & 1) != 0;\n", call);
    break;
  case ResultConversion::SignedInteger:
    body = fmt::format("  return ({})pen_number_to_i64({}, {}, {});\n",
                       ir::c_spelling(callback.integer), call, minimum_macro(callback.integer),
                       maximum_macro(callback.integer));
    break;
  case ResultConversion::UnsignedInteger:
    body = fmt::format("  return ({})pen_number_to_u64({}, {});\n",
                       ir::c_spelling(callback.integer), call, maximum_macro(callback.integer));
    break;
  default:
    body = callback.c_result_type == "float"
               ? fmt::format("  return pen_number_to_float({});\n", call)
               : fmt::format("  return {};\n", call);
    break;
  }
  return fmt::format("{};\n\nstatic {} {}({}) {{\n{}}}\n", export_prototype(callback),
                     callback.c_result_type, callback.trampoline_symbol,
                     parameters.empty() ? "void" : parameters, body);
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
          // The headers were read in the GNU dialect, where glibc declares POSIX and BSD
          // interfaces (pthread_rwlock_t, tm_gmtoff); a strict -std=c11 must see them too.
          "#ifndef _DEFAULT_SOURCE\n"
          "#define _DEFAULT_SOURCE 1\n"
          "#endif\n\n"
          "#include \"pen_abi.h\"\n\n"
          "/* Deprecated functions are bound on purpose; the header's notice is for callers. */\n"
          "#if defined(__GNUC__) || defined(__clang__)\n"
          "#pragma GCC diagnostic ignored \"-Wdeprecated-declarations\"\n"
          "#endif\n\n"
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
    return std::move(text) + export_adapters(package);
  }
  text += shim_type_support(package);
  text += shim_list_support(package);
  // Prototypes first: the functions have external linkage, and -Wmissing-prototypes wants one.
  text += "\n";
  std::vector<std::string> prototypes;
  prototypes.reserve(functions.size());
  for (const auto* function : functions) {
    prototypes.push_back(shim_prototype(*function));
    text += prototypes.back();
    text += ";\n";
  }
  text += shim_list_builder_prototypes(package);
  text += export_adapter_declarations(package);
  for (const auto* function : functions) {
    for (const auto& callback : function->callbacks) {
      text += "\n" + trampoline(callback, package);
    }
  }
  for (std::size_t index = 0; index < functions.size(); ++index) {
    text += '\n'; // appended apart: `"\n" + function` would copy every function once more
    text += shim_function(*functions[index], prototypes[index], package);
  }
  text += shim_list_builder_definitions(package);
  return std::move(text) + export_adapters(package);
}

std::string shim_path(const mapping::Package& package) {
  return "ffi/" + package.file_stem + "_shim.c";
}

} // namespace pen_bindgen::emit
