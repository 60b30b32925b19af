#include "pen_bindgen/emit/shim.hpp"

#include "append_format.hpp"
#include "comment_text.hpp"
#include "export_adapters.hpp"
#include "integer_limits.hpp"
#include "pen_bindgen/version.hpp"
#include "shim_lists.hpp"
#include "shim_locals.hpp"
#include "shim_types.hpp"

#include <fmt/compile.h>
#include <fmt/format.h>
#include <string>
#include <string_view>
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
  std::string prototype;
  // The result type with "(void)", and each "<type> pen_arg<i>, ", fit in 32 characters: one
  // allocation.
  prototype.reserve(function.shim_symbol.size() + 32 * (function.parameters.size() + 1));
  prototype += function.result.nullable || function.result.fallible ? "pen_variant"
               : !function.out_record.empty()                       ? "void *"
                                              : shim_result_type(function.result.conversion);
  prototype += ' ';
  prototype += function.shim_symbol;
  prototype += '(';
  const auto parameters_start = prototype.size();
  for (std::size_t index = 0; index < function.parameters.size(); ++index) {
    if (!mapping::has_pen_argument(function.parameters[index])) {
      continue;
    }
    if (prototype.size() != parameters_start) {
      prototype += ", ";
    }
    prototype += shim_parameter_type(function.parameters[index].conversion);
    prototype += ' ';
    prototype += shim_argument(index);
  }
  if (prototype.size() == parameters_start) {
    prototype += "void";
  }
  prototype += ')';
  return prototype;
}

// The declaration of the local holding argument `index` as C wants it.
void append_argument_conversion(std::string& out, const ParameterBinding& parameter,
                                std::size_t index) {
  switch (parameter.conversion) {
  case ArgumentConversion::SignedInteger: {
    const char* type = ir::c_spelling(parameter.integer);
    append_format(out, FMT_COMPILE("  {} {} = ({})pen_number_to_i64({}, {}, {});\n"), type,
                  shim_local(index), type, shim_argument(index), minimum_macro(parameter.integer),
                  maximum_macro(parameter.integer));
    return;
  }
  case ArgumentConversion::UnsignedInteger: {
    const char* type = ir::c_spelling(parameter.integer);
    append_format(out, FMT_COMPILE("  {} {} = ({})pen_number_to_u64({}, {});\n"), type,
                  shim_local(index), type, shim_argument(index), maximum_macro(parameter.integer));
    return;
  }
  case ArgumentConversion::Float:
    append_format(out, FMT_COMPILE("  float {} = pen_number_to_float({});\n"), shim_local(index),
                  shim_argument(index));
    return;
  case ArgumentConversion::Double:
    append_format(out, FMT_COMPILE("  double {} = {};\n"), shim_local(index), shim_argument(index));
    return;
  case ArgumentConversion::Bool:
    append_format(out, FMT_COMPILE("  bool {} = pen_boolean_to_c({});\n"), shim_local(index),
                  shim_argument(index));
    return;
  case ArgumentConversion::CString:
    // C owns every counted argument and drops it exactly once (pen-abi §2.1); the copy is all
    // the call needs.
    append_format(out,
                  FMT_COMPILE("  char *{0} = pen_string_to_c({1});\n"
                              "  pen_string_drop({1});\n"),
                  shim_local(index), shim_argument(index));
    return;
  // The Pen string's own bytes when the callee only reads them (the string is dropped after the
  // call); a private copy when it may write.
  case ArgumentConversion::Buffer:
    if (parameter.c_pointer_type.rfind("const ", 0) == 0) {
      append_format(out, FMT_COMPILE("  const uint8_t *{} = pen_string_data({});\n"),
                    shim_local(index), shim_argument(index));
    } else {
      append_format(out, FMT_COMPILE("  uint8_t *{} = pen_string_bytes_copy({});\n"),
                    shim_local(index), shim_argument(index));
    }
    return;
  case ArgumentConversion::BufferLength: {
    const char* type = ir::c_spelling(parameter.integer);
    const auto maximum = maximum_macro(parameter.integer);
    append_format(
        out,
        FMT_COMPILE("  uintptr_t pen_length{0} = pen_string_len({1});\n"
                    "  {2} {3} = "
                    "({2})(pen_length{0} > (uintptr_t){4} ? (uintptr_t){4} : pen_length{0});\n"),
        index, shim_argument(parameter.source), type, shim_local(index), maximum);
    return;
  }
  case ArgumentConversion::ErrorMessage: // the callee stores a malloc'd message on failure
    out += "  char *pen_error_message = NULL;\n";
    return;
  case ArgumentConversion::List: // shim_lists.cpp: list_argument
  case ArgumentConversion::ListLength:
  case ArgumentConversion::ListSizes:
  case ArgumentConversion::ArrayCount:
    return;
  case ArgumentConversion::Callback: // the closure travels as the user data
  case ArgumentConversion::CallbackUserData:
  case ArgumentConversion::Record: // shim_types.cpp: typed_argument
  case ArgumentConversion::RecordPointer:
  case ArgumentConversion::Handle:
  case ArgumentConversion::BufferHandle:
  case ArgumentConversion::OutHandle:
    return;
  }
}

void append_call_argument(std::string& out, const FunctionBinding& function, std::size_t index) {
  const auto& parameter = function.parameters[index];
  if (!parameter.promoted_type.empty()) { // a variadic argument: promoted explicitly
    append_format(out, FMT_COMPILE("({}){}"), parameter.promoted_type, shim_local(index));
    return;
  }
  switch (parameter.conversion) {
  case ArgumentConversion::Buffer:
    append_format(out, FMT_COMPILE("({}){}"), parameter.c_pointer_type, shim_local(index));
    return;
  case ArgumentConversion::Callback:
    out += function.callbacks[parameter.source].trampoline_symbol;
    return;
  case ArgumentConversion::CallbackUserData:
    append_format(out, FMT_COMPILE("(void *){}"), shim_argument(parameter.source));
    return;
  case ArgumentConversion::ErrorMessage:
    out += "&pen_error_message";
    return;
  case ArgumentConversion::ArrayCount:
    out += "&pen_array_count";
    return;
  case ArgumentConversion::Record:
  case ArgumentConversion::RecordPointer:
  case ArgumentConversion::Handle:
  case ArgumentConversion::BufferHandle:
  case ArgumentConversion::OutHandle:
    append_typed_call_argument(out, parameter, index);
    return;
  default:
    break;
  }
  if (parameter.conversion == ArgumentConversion::CString) {
    append_format(out, FMT_COMPILE("({}){}"),
                  parameter.c_pointer_type.empty() ? std::string_view("const char *")
                                                   : std::string_view(parameter.c_pointer_type),
                  shim_local(index));
    return;
  }
  out += shim_local(index);
}

// The local that receives the C result, in a canonical type the conversion back starts from.
void append_result_declaration(std::string& out, const mapping::ResultBinding& result) {
  switch (result.conversion) {
  case ResultConversion::None:
    return;
  case ResultConversion::SignedInteger:
  case ResultConversion::UnsignedInteger:
    out += ir::c_spelling(result.integer);
    out += " pen_result = ";
    return;
  case ResultConversion::Floating:
    out += "double pen_result = (double)";
    return;
  case ResultConversion::Bool:
    out += "bool pen_result = ";
    return;
  // Whatever character type the library spells (`const unsigned char *` too).
  case ResultConversion::CString:
    out += "const char *pen_result = (const char *)";
    return;
  case ResultConversion::Record:
  case ResultConversion::Handle:
    append_typed_result_declaration(out, result);
    return;
  case ResultConversion::List: { // a malloc'd array, whatever const the library spells
    const char* star = result.c_type.back() == '*' ? "*" : " *";
    append_format(out, FMT_COMPILE("{0}{1}pen_result = ({0}{1})(uintptr_t)"), result.c_type, star);
    return;
  }
  }
}

std::string_view result_return(const mapping::ResultBinding& result) {
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

// The releases after the call, in parameter order.
void append_argument_releases(std::string& out, const FunctionBinding& function, bool typed,
                              const mapping::Package& package) {
  for (std::size_t index = 0; index < function.parameters.size(); ++index) {
    const auto& parameter = function.parameters[index];
    if (parameter.conversion == ArgumentConversion::CString) {
      append_format(out, FMT_COMPILE("  pen_c_string_free({});\n"), shim_local(index));
    } else if (parameter.conversion == ArgumentConversion::Buffer) {
      if (parameter.c_pointer_type.rfind("const ", 0) != 0) {
        append_format(out, FMT_COMPILE("  pen_c_string_free((char *){});\n"), shim_local(index));
      }
      append_format(out, FMT_COMPILE("  pen_string_drop({});\n"), shim_argument(index));
    } else if (parameter.conversion == ArgumentConversion::Callback) {
      // The shim owned the closure for the whole call; the trampoline cloned it per call.
      append_format(out, FMT_COMPILE("  pen_closure_drop({});\n"), shim_argument(index));
    } else if (parameter.conversion == ArgumentConversion::List) {
      // The shim owns the array's `any`: its last reference frees the array.
      append_format(out, FMT_COMPILE("  {0}.tag->drop({0}.payload);\n"), shim_argument(index));
    } else if (typed) {
      append_typed_cleanup(out, parameter, index, package);
    }
  }
}

// `prototype` is shim_prototype(function), which emit_shim made for the prototypes already.
void append_shim_function(std::string& out, const FunctionBinding& function,
                          const std::string& prototype, const mapping::Package& package) {
  out += "/* ";
  append_comment_safe(out, function.c_prototype);
  out += " */\n";
  out += prototype;
  out += " {\n";
  // Handle helpers and struct accessors (shim_types.cpp).
  if (function.kind != mapping::FunctionKind::Call) {
    append_helper_body(out, function, package);
    out += "}\n";
    return;
  }
  const bool typed = uses_typed_values(function);

  std::string arguments;
  for (std::size_t index = 0; index < function.parameters.size(); ++index) {
    append_argument_conversion(out, function.parameters[index], index);
    out += list_argument(function, index);
    if (typed) {
      append_typed_argument(out, function, index, package);
    }
    if (index > 0) {
      arguments += ", ";
    }
    append_call_argument(arguments, function, index);
  }
  // `(name)(...)`: the declared function itself, never a function-like macro of the same name
  // (glib's g_once_init_enter asserts on its argument's type; zlib's gzgetc reads the struct).
  out += "  ";
  append_result_declaration(out, function.result);
  out += '(';
  out += function.c_name;
  out += ")(";
  out += arguments;
  out += ");\n";
  // Records, handles and out-parameters become Pen values before arguments are released.
  if (typed) {
    append_typed_result_conversion(out, function, package);
  }
  if (function.result.conversion == ResultConversion::List) {
    out += list_result_conversion(function, package);
  }

  // A string result may point into an argument's copy (strchr), so it is copied into a Pen
  // string before the copies are freed.
  // With out-parameters the copy is already the out record's `Result` field.
  if (function.result.conversion == ResultConversion::CString) {
    if (function.out_record.empty()) {
      out += function.result.nullable
                 ? "  pen_variant pen_variant_result = pen_nullable_string_from_c(pen_result);\n"
                 : "  pen_string pen_string_result = pen_string_from_c(pen_result);\n";
    }
    // config `owned`: the copy is Pen's, so the library's memory goes back now, exactly once.
    if (!function.result.owned_free.empty()) {
      append_format(out,
                    FMT_COMPILE("  if (pen_result) {{\n"
                                "    {}((void *)(uintptr_t)pen_result);\n"
                                "  }}\n"),
                    function.result.owned_free);
    }
  }
  append_argument_releases(out, function, typed, package);
  if (function.result.fallible) {
    append_fallible_return(out, function, package);
  } else if (typed && !typed_return(function).empty()) {
    out += typed_return(function);
  } else if (function.result.nullable) {
    out += "  return pen_variant_result;\n";
  } else {
    out += result_return(function.result);
  }
  out += "}\n";
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
      append_format(parameters, FMT_COMPILE(", {} x{}"), export_argument_type(conversion), index);
    }
  }
  return formatted(FMT_COMPILE("{} {}({})"), export_result_type(callback.pen_result),
                   callback.export_symbol, parameters);
}

std::string trampoline_argument(const mapping::CallbackBinding& callback, std::size_t index,
                                const mapping::Package& package) {
  const auto& argument = callback.arguments[index];
  const auto name = formatted(FMT_COMPILE("pen_p{}"), index);
  switch (argument.conversion) {
  case mapping::CallbackArgumentConversion::Bool:
    return formatted(FMT_COMPILE("{} ? true : false"), name);
  case mapping::CallbackArgumentConversion::CString:
    return formatted(FMT_COMPILE("pen_string_from_c((const char *){})"), name);
  case mapping::CallbackArgumentConversion::CStringArray:
    return fmt::format(
        FMT_COMPILE("pen_string_list_from_c((const char *const *){}, (int64_t)pen_p{})"), name,
        argument.count);
  case mapping::CallbackArgumentConversion::Handle:
    // The caller of the callback keeps ownership: the handle never runs a destructor.
    return formatted(FMT_COMPILE("{}((void *)(uintptr_t){})"),
                     handle_borrow_symbol(package, argument.type_info), name);
  default:
    return formatted(FMT_COMPILE("(double){}"), name);
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
    append_format(parameters, FMT_COMPILE("{}{} pen_p{}"), parameters.empty() ? "" : ", ",
                  argument.c_type, index);
    if (argument.conversion == mapping::CallbackArgumentConversion::UserData) {
      // Through uintptr_t: the user data may be declared `const void *` (glib's gconstpointer).
      closure = fmt::format(
          FMT_COMPILE("(pen_closure *)pen_block_clone((void *)(uintptr_t)pen_p{})"), index);
    } else {
      arguments.push_back(trampoline_argument(callback, index, package));
    }
  }
  const auto call = formatted(FMT_COMPILE("{}({}{}{})"), callback.export_symbol, closure,
                              arguments.empty() ? "" : ", ", fmt::join(arguments, ", "));
  std::string body;
  switch (callback.pen_result) {
  case ResultConversion::None:
    body = formatted(FMT_COMPILE("  {};\n"), call);
    break;
  case ResultConversion::Bool:
    body = formatted(FMT_COMPILE("  return ({} & 1) != 0;\n"), call);
    break;
  case ResultConversion::SignedInteger:
    body = formatted(FMT_COMPILE("  return ({})pen_number_to_i64({}, {}, {});\n"),
                     ir::c_spelling(callback.integer), call, minimum_macro(callback.integer),
                     maximum_macro(callback.integer));
    break;
  case ResultConversion::UnsignedInteger:
    body = formatted(FMT_COMPILE("  return ({})pen_number_to_u64({}, {});\n"),
                     ir::c_spelling(callback.integer), call, maximum_macro(callback.integer));
    break;
  default:
    body = callback.c_result_type == "float"
               ? formatted(FMT_COMPILE("  return pen_number_to_float({});\n"), call)
               : formatted(FMT_COMPILE("  return {};\n"), call);
    break;
  }
  return formatted(FMT_COMPILE("{};\n"
                               "\n"
                               "static {} {}({}) {{\n"
                               "{}}}\n"),
                   export_prototype(callback), callback.c_result_type, callback.trampoline_symbol,
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
      comment_safe(
          formatted(FMT_COMPILE("Generated by pen-bindgen {}{}. Do not edit."), version, headers)) +
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
    append_format(text, FMT_COMPILE("#include {}\n"), header.include_spelling);
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
  // A function takes 500-700 bytes (prototype and definition): room for all of them at once
  // spares the copies of the whole text that growing it by doubling makes.
  text.reserve(text.size() + functions.size() * 1024);
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
    text += '\n';
    append_shim_function(text, *functions[index], prototypes[index], package);
  }
  text += shim_list_builder_definitions(package);
  return std::move(text) + export_adapters(package);
}

std::string shim_path(const mapping::Package& package) {
  return "ffi/" + package.file_stem + "_shim.c";
}

} // namespace pen_bindgen::emit
