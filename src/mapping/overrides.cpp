#include "overrides.hpp"

#include "pen_bindgen/mapping/names.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <regex>

namespace pen_bindgen::mapping {

namespace {

bool is_integral(const ir::Type& type) {
  return (type.kind == ir::TypeKind::Integer || type.kind == ir::TypeKind::Enum) &&
         type.integer != ir::IntegerKind::Int128 && type.integer != ir::IntegerKind::UnsignedInt128;
}

bool is_character(const ir::Type& type) {
  return type.kind == ir::TypeKind::Integer &&
         (type.integer == ir::IntegerKind::Char || type.integer == ir::IntegerKind::SignedChar ||
          type.integer == ir::IntegerKind::UnsignedChar);
}

bool is_pointer_to(const ir::Type& type, bool (*pointee)(const ir::Type&)) {
  return type.kind == ir::TypeKind::Pointer && type.pointee && pointee(*type.pointee);
}

bool is_void(const ir::Type& type) {
  return type.kind == ir::TypeKind::Void;
}

bool is_byte_or_void(const ir::Type& type) {
  return is_character(type) || is_void(type);
}

bool is_void_pointer(const ir::Type& type) {
  return is_pointer_to(type, is_void);
}

bool is_function_pointer(const ir::Type& type) {
  return type.kind == ir::TypeKind::Pointer && type.pointee &&
         type.pointee->kind == ir::TypeKind::Function;
}

bool is_character_pointer(const ir::Type& type) {
  return is_pointer_to(type, is_character);
}

bool is_string_array(const ir::Type& type) {
  return type.kind == ir::TypeKind::Pointer && type.pointee && is_character_pointer(*type.pointee);
}

// "const unsigned char *", "void *": the pointer type to hand the bytes over as.
std::string byte_pointer_type(const ir::Type& pointer) {
  const auto& pointee = *pointer.pointee;
  const std::string base = is_void(pointee) ? "void" : ir::c_spelling(pointee.integer);
  return (pointee.is_const ? "const " : "") + base + " *";
}

std::string parameter_label(const ir::Function& function, std::size_t index) {
  const auto& name = function.parameters[index].name;
  return name.empty() ? fmt::format("{}", index + 1) : fmt::format("'{}'", name);
}

std::optional<std::size_t> find_parameter(const ir::Function& function, const std::string& name) {
  for (std::size_t index = 0; index < function.parameters.size(); ++index) {
    if (function.parameters[index].name == name) {
      return index;
    }
  }
  return std::nullopt;
}

SkippedDeclaration skip_callback(const ir::Function& function, std::string reason) {
  return SkippedDeclaration{function.name, function.location, std::move(reason),
                            "unsupported-callback"};
}

// The callback's own parameters and result, or why they cannot cross.
std::variant<CallbackBinding, std::string> map_callback(const ir::Type& callback,
                                                        std::size_t user_data_index,
                                                        const CallbackHandleResolver& handles) {
  CallbackBinding binding;
  const auto& parameters = callback.parameters;
  std::optional<std::size_t> last_count;
  for (std::size_t index = 0; index < parameters.size(); ++index) {
    const auto& type = *parameters[index];
    CallbackArgument argument;
    argument.c_type = type.spelling;
    if (index == user_data_index) {
      argument.conversion = CallbackArgumentConversion::UserData;
    } else if (type.kind == ir::TypeKind::Bool) {
      argument.conversion = CallbackArgumentConversion::Bool;
    } else if (is_integral(type)) {
      argument.conversion = ir::is_unsigned(type.integer)
                                ? CallbackArgumentConversion::UnsignedInteger
                                : CallbackArgumentConversion::SignedInteger;
      last_count = index;
    } else if (type.kind == ir::TypeKind::Floating &&
               (type.floating == ir::FloatKind::Double || type.floating == ir::FloatKind::Float)) {
      argument.conversion = CallbackArgumentConversion::Floating;
    } else if (is_character_pointer(type)) {
      argument.conversion = CallbackArgumentConversion::CString;
    } else if (is_string_array(type) && last_count) {
      // sqlite3_exec's (argc, argv, colnames): an array's length is the closest integer
      // parameter before it.
      argument.conversion = CallbackArgumentConversion::CStringArray;
      argument.count = *last_count;
    } else if (is_string_array(type)) {
      return fmt::format("callback parameter {} ('{}') is a string array without a preceding "
                         "count parameter",
                         index + 1, type.spelling);
    } else if (auto handle =
                   type.kind == ir::TypeKind::Pointer && handles ? handles(type) : std::nullopt) {
      // GFunc's `gpointer data`, sqlite3's `sqlite3_context *`: a handle borrowing the pointer.
      argument.conversion = CallbackArgumentConversion::Handle;
      argument.pen_type_name = handle->first;
      argument.type_info = handle->second;
    } else {
      return fmt::format("callback parameter {} has unsupported type '{}'", index + 1,
                         type.spelling);
    }
    binding.arguments.push_back(std::move(argument));
  }
  const auto& result = *callback.result;
  binding.c_result_type = result.spelling;
  if (is_void(result)) {
    binding.pen_result = ResultConversion::None;
    binding.pen_result_type = PenType::None;
  } else if (result.kind == ir::TypeKind::Bool) {
    binding.pen_result = ResultConversion::Bool;
    binding.pen_result_type = PenType::Boolean;
  } else if (is_integral(result)) {
    binding.pen_result = ir::is_unsigned(result.integer) ? ResultConversion::UnsignedInteger
                                                         : ResultConversion::SignedInteger;
    binding.pen_result_type = PenType::Number;
    binding.integer = result.integer;
  } else if (result.kind == ir::TypeKind::Floating && (result.floating == ir::FloatKind::Double ||
                                                       result.floating == ir::FloatKind::Float)) {
    binding.pen_result = ResultConversion::Floating;
    binding.pen_result_type = PenType::Number;
  } else {
    return fmt::format("the callback's result type '{}' is not supported", result.spelling);
  }
  return binding;
}

std::string pen_function_type(const CallbackBinding& callback) {
  std::string arguments;
  for (const auto& argument : callback.arguments) {
    const char* type = nullptr;
    switch (argument.conversion) {
    case CallbackArgumentConversion::UserData:
      continue;
    case CallbackArgumentConversion::SignedInteger:
    case CallbackArgumentConversion::UnsignedInteger:
    case CallbackArgumentConversion::Floating:
      type = "number";
      break;
    case CallbackArgumentConversion::Bool:
      type = "boolean";
      break;
    case CallbackArgumentConversion::CString:
      type = "string";
      break;
    case CallbackArgumentConversion::CStringArray:
      type = "[string]";
      break;
    case CallbackArgumentConversion::Handle:
      type = argument.pen_type_name.c_str();
      break;
    }
    arguments += (arguments.empty() ? "" : ", ") + std::string(type);
  }
  return fmt::format("\\({}) {}", arguments, pen_spelling(callback.pen_result_type));
}

// The callback's user-data parameter: named in the config, else its first `void *` parameter,
// else its last.
std::optional<std::size_t> callback_user_data(const ir::Type& callback,
                                              const config::CallbackOverride* entry) {
  if (entry && entry->callback_user_data) {
    if (*entry->callback_user_data < callback.parameters.size() &&
        is_void_pointer(*callback.parameters[*entry->callback_user_data])) {
      return entry->callback_user_data;
    }
    return std::nullopt;
  }
  const auto& parameters = callback.parameters;
  if (!parameters.empty() && is_void_pointer(*parameters.front())) {
    return 0;
  }
  if (!parameters.empty() && is_void_pointer(*parameters.back())) {
    return parameters.size() - 1;
  }
  return std::nullopt;
}

void plan_buffers(const ir::Function& function, const config::FunctionOverride& entry,
                  ParameterPlan& plan, std::vector<Diagnostic>& diagnostics) {
  for (const auto& [pointer_name, length_name] : entry.buffers) {
    const auto pointer = find_parameter(function, pointer_name);
    const auto length = find_parameter(function, length_name);
    if (!pointer || !length) {
      diagnostics.push_back(override_warning(
          entry.location, fmt::format("buffers: '{}' has no parameter '{}'", function.name,
                                      pointer ? length_name : pointer_name)));
      continue;
    }
    const auto& pointer_type = *function.parameters[*pointer].type;
    const auto& length_type = *function.parameters[*length].type;
    if (!is_pointer_to(pointer_type, is_byte_or_void) || !is_integral(length_type)) {
      diagnostics.push_back(override_warning(
          entry.location,
          fmt::format("buffers: '{}' needs a pointer to bytes or void and an integer length; "
                      "'{}' is '{}' and '{}' is '{}'",
                      function.name, pointer_name, pointer_type.spelling, length_name,
                      length_type.spelling)));
      continue;
    }
    ParameterBinding bytes;
    bytes.pen_type = PenType::String;
    bytes.conversion = ArgumentConversion::Buffer;
    bytes.c_pointer_type = byte_pointer_type(pointer_type);
    ParameterBinding size;
    size.pen_type = PenType::Number;
    size.conversion = ArgumentConversion::BufferLength;
    size.integer = length_type.integer;
    size.source = *pointer;
    plan.parameters[*pointer] = bytes;
    plan.parameters[*length] = size;
  }
}

void plan_parameter_types(const ir::Function& function, const config::FunctionOverride& entry,
                          ParameterPlan& plan, std::vector<Diagnostic>& diagnostics) {
  for (const auto& [name, pen_type] : entry.parameter_types) {
    const auto index = find_parameter(function, name);
    if (!index) {
      diagnostics.push_back(
          override_warning(entry.location, fmt::format("parameters: '{}' has no parameter '{}'",
                                                       function.name, name)));
      continue;
    }
    const auto& type = *function.parameters[*index].type;
    ParameterBinding binding;
    if (pen_type == "string" && is_pointer_to(type, is_byte_or_void)) {
      // The callee sees a NUL-terminated copy; writes through a mutable pointer are lost, which
      // is what overriding a mutable pointer to `string` asserts is fine.
      binding.pen_type = PenType::String;
      binding.conversion = ArgumentConversion::CString;
      binding.c_pointer_type = byte_pointer_type(type);
    } else if (pen_type == "boolean" && (is_integral(type) || type.kind == ir::TypeKind::Bool)) {
      binding.pen_type = PenType::Boolean;
      binding.conversion = ArgumentConversion::Bool;
    } else if (pen_type == "number" && is_integral(type)) {
      binding.pen_type = PenType::Number;
      binding.conversion = ir::is_unsigned(type.integer) ? ArgumentConversion::UnsignedInteger
                                                         : ArgumentConversion::SignedInteger;
      binding.integer = type.integer;
    } else {
      diagnostics.push_back(override_warning(
          entry.location, fmt::format("parameters: '{}' of '{}' has type '{}', which cannot be "
                                      "passed as a Pen {}",
                                      name, function.name, type.spelling, pen_type)));
      continue;
    }
    plan.parameters[*index] = binding;
  }
}

const config::CallbackOverride* callback_entry(const config::FunctionOverride* entry,
                                               const std::string& parameter) {
  if (!entry) {
    return nullptr;
  }
  for (const auto& callback : entry->callbacks) {
    if (callback.parameter == parameter) {
      return &callback;
    }
  }
  return nullptr;
}

// The function's user-data parameter for the callback at `index`: named in the config, else the
// one `void *` parameter the function has besides the callback.
std::optional<std::size_t> function_user_data(const ir::Function& function, std::size_t index,
                                              const config::CallbackOverride* entry) {
  if (entry && !entry->user_data.empty()) {
    const auto named = find_parameter(function, entry->user_data);
    if (named && is_void_pointer(*function.parameters[*named].type)) {
      return named;
    }
    return std::nullopt;
  }
  std::optional<std::size_t> found;
  for (std::size_t other = 0; other < function.parameters.size(); ++other) {
    if (other != index && is_void_pointer(*function.parameters[other].type)) {
      if (found) {
        return std::nullopt; // two candidates: ambiguous, the config must say
      }
      found = other;
    }
  }
  return found;
}

void plan_callbacks(const ir::Function& function, const config::FunctionOverride* entry,
                    const std::string& prefix, const CallbackHandleResolver& handles,
                    ParameterPlan& plan) {
  for (std::size_t index = 0; index < function.parameters.size() && !plan.skip; ++index) {
    const auto& type = *function.parameters[index].type;
    if (!is_function_pointer(type) || plan.parameters[index]) {
      continue;
    }
    const auto* callback_override = callback_entry(entry, function.parameters[index].name);
    const auto& callback = *type.pointee;
    const auto user_data = function_user_data(function, index, callback_override);
    const auto callback_data = callback_user_data(callback, callback_override);
    if (!user_data || !callback_data || plan.parameters[*user_data] || callback.is_variadic) {
      if (!callback_override) {
        continue; // no Pen function can go there: an opaque function-pointer handle (type_plan)
      }
      plan.skip = skip_callback(
          function, fmt::format("parameter {} is a function pointer without a user-data pointer "
                                "to carry a Pen function (name them in the config: callbacks)",
                                parameter_label(function, index)));
      return;
    }
    auto mapped = map_callback(callback, *callback_data, handles);
    if (const auto* why = std::get_if<std::string>(&mapped)) {
      if (!callback_override) {
        continue; // likewise: the trampoline cannot convert it, the value can still be passed on
      }
      plan.skip = skip_callback(
          function, fmt::format("parameter {}: {}", parameter_label(function, index), *why));
      return;
    }
    auto binding = std::get<CallbackBinding>(std::move(mapped));
    binding.parameter = index;
    binding.user_data = *user_data;
    const auto suffix = sanitize_identifier(function.name) + "_" +
                        (function.parameters[index].name.empty()
                             ? fmt::format("arg{}", index + 1)
                             : sanitize_identifier(function.parameters[index].name));
    binding.export_symbol = prefix + "call_" + suffix;
    binding.trampoline_symbol = "pen_trampoline_" + suffix;

    ParameterBinding closure;
    closure.conversion = ArgumentConversion::Callback;
    closure.pen_function_type = pen_function_type(binding);
    closure.source = plan.callbacks.size();
    ParameterBinding data;
    data.conversion = ArgumentConversion::CallbackUserData;
    data.source = index;
    plan.parameters[index] = closure;
    plan.parameters[*user_data] = data;
    plan.callbacks.push_back(std::move(binding));
  }
}

// Builtin C types a [[variadic]] instance may name.
std::optional<ir::TypePtr> parse_c_type(const std::string& spelling) {
  std::string text;
  for (const char c : spelling) { // normalize "const char*" and runs of spaces
    if (c == '*') {
      if (!text.empty() && text.back() != ' ') {
        text += ' ';
      }
      text += '*';
    } else if (c == ' ' || c == '\t') {
      if (!text.empty() && text.back() != ' ') {
        text += ' ';
      }
    } else {
      text += c;
    }
  }
  while (!text.empty() && text.back() == ' ') {
    text.pop_back();
  }
  struct Integer {
    const char* spelling;
    ir::IntegerKind kind;
    unsigned bits;
    bool is_signed;
  };
  static const Integer integers[] = {
      {"char", ir::IntegerKind::Char, 8, true},
      {"signed char", ir::IntegerKind::SignedChar, 8, true},
      {"unsigned char", ir::IntegerKind::UnsignedChar, 8, false},
      {"short", ir::IntegerKind::Short, 16, true},
      {"unsigned short", ir::IntegerKind::UnsignedShort, 16, false},
      {"int", ir::IntegerKind::Int, 32, true},
      {"unsigned", ir::IntegerKind::UnsignedInt, 32, false},
      {"unsigned int", ir::IntegerKind::UnsignedInt, 32, false},
      {"long", ir::IntegerKind::Long, 64, true},
      {"unsigned long", ir::IntegerKind::UnsignedLong, 64, false},
      {"long long", ir::IntegerKind::LongLong, 64, true},
      {"unsigned long long", ir::IntegerKind::UnsignedLongLong, 64, false},
  };
  for (const auto& integer : integers) {
    if (text == integer.spelling) {
      return ir::make_integer(integer.kind, integer.bits, integer.is_signed, text);
    }
  }
  if (text == "double") {
    return ir::make_floating(ir::FloatKind::Double, 64, text);
  }
  if (text == "float") {
    return ir::make_floating(ir::FloatKind::Float, 32, text);
  }
  if (text == "_Bool" || text == "bool") {
    return ir::make_bool(text);
  }
  if (text == "const char *" || text == "char const *") {
    return ir::make_pointer(ir::make_const(ir::make_integer(ir::IntegerKind::Char, 8, true)),
                            "const char *");
  }
  return std::nullopt;
}

} // namespace

Diagnostic override_warning(const ir::Location& location, std::string message) {
  return Diagnostic{Severity::Warning, location, std::move(message), "config-override"};
}

bool has_pen_argument(const ParameterBinding& parameter) {
  return parameter.conversion != ArgumentConversion::BufferLength &&
         parameter.conversion != ArgumentConversion::CallbackUserData &&
         parameter.conversion != ArgumentConversion::ErrorMessage &&
         parameter.conversion != ArgumentConversion::OutHandle &&
         parameter.conversion != ArgumentConversion::ListLength &&
         parameter.conversion != ArgumentConversion::ListSizes &&
         parameter.conversion != ArgumentConversion::ArrayCount;
}

std::string pen_type_spelling(const ParameterBinding& parameter) {
  if (parameter.conversion == ArgumentConversion::Callback) {
    return parameter.pen_function_type;
  }
  if (parameter.conversion == ArgumentConversion::List) {
    return fmt::format("[{}]", pen_spelling(parameter.pen_type));
  }
  return parameter.pen_type == PenType::Named ? parameter.pen_type_name
                                              : pen_spelling(parameter.pen_type);
}

std::string pen_type_spelling(const ResultBinding& result) {
  std::string type =
      result.pen_type == PenType::Named ? result.pen_type_name : pen_spelling(result.pen_type);
  if (result.conversion == ResultConversion::List) {
    type = "[" + type + "]";
  }
  if (result.nullable) {
    type += " | none";
  }
  return result.fallible ? type + " | error" : type;
}

ParameterPlan plan_parameters(const ir::Function& function,
                              const config::FunctionOverride* override_entry,
                              const std::string& prefix, std::vector<Diagnostic>& diagnostics,
                              const CallbackHandleResolver& handles) {
  ParameterPlan plan;
  plan.parameters.resize(function.parameters.size());
  if (override_entry) {
    plan_buffers(function, *override_entry, plan, diagnostics);
    plan_parameter_types(function, *override_entry, plan, diagnostics);
    for (const auto& callback : override_entry->callbacks) {
      const auto index = find_parameter(function, callback.parameter);
      if (!index || !is_function_pointer(*function.parameters[*index].type)) {
        diagnostics.push_back(override_warning(
            callback.location, fmt::format("callbacks: '{}' has no function-pointer parameter '{}'",
                                           function.name, callback.parameter)));
      }
    }
  }
  plan_callbacks(function, override_entry, prefix, handles, plan);
  return plan;
}

void apply_function_override(FunctionBinding& binding, const config::FunctionOverride& entry,
                             std::vector<Diagnostic>& diagnostics) {
  if (entry.name) {
    binding.pen_name = *entry.name;
  }
  if (entry.pure) {
    binding.is_pure = *entry.pure;
  }
  const bool string_result = binding.result.conversion == ResultConversion::CString;
  // A handle result with out-parameters is a field of the result record, which stays a handle.
  const bool handle_result =
      binding.result.conversion == ResultConversion::Handle &&
      std::none_of(binding.parameters.begin(), binding.parameters.end(),
                   [](const ParameterBinding& parameter) {
                     return parameter.conversion == ArgumentConversion::OutHandle;
                   });
  if (entry.nullable) {
    if (string_result || handle_result) {
      binding.result.nullable = true;
    } else {
      diagnostics.push_back(override_warning(
          entry.location,
          fmt::format("nullable: the result of '{}' is not a pointer the binding can make "
                      "nullable",
                      binding.c_name)));
    }
  }
  if (!entry.owned.empty()) {
    if (string_result) {
      binding.result.owned_free = entry.owned;
    } else {
      diagnostics.push_back(override_warning(
          entry.location, fmt::format("owned: the result of '{}' is not a string the shim copies",
                                      binding.c_name)));
    }
  }
}

bool matches_pure_pattern(const std::string& c_name, const config::Overrides& overrides) {
  for (const auto& pattern : overrides.pure) {
    if (std::regex_match(c_name, std::regex(pattern.regex, std::regex::ECMAScript))) {
      return true;
    }
  }
  return false;
}

std::optional<ir::Function> variadic_instance(const ir::Function& variadic,
                                              const config::VariadicInstance& instance,
                                              std::vector<Diagnostic>& diagnostics) {
  const auto fixed = variadic.parameters.size();
  if (instance.parameters.size() < fixed) {
    diagnostics.push_back(override_warning(
        instance.location,
        fmt::format("variadic: '{}' has {} fixed parameter(s); 'parameters' lists {} type(s)",
                    variadic.name, fixed, instance.parameters.size())));
    return std::nullopt;
  }
  ir::Function function = variadic;
  function.is_variadic = false;
  for (std::size_t index = fixed; index < instance.parameters.size(); ++index) {
    auto type = parse_c_type(instance.parameters[index]);
    if (!type) {
      diagnostics.push_back(override_warning(
          instance.location,
          fmt::format("variadic: '{}' is not a type a variadic instance can pass (builtin "
                      "integer and floating types, _Bool, const char *)",
                      instance.parameters[index])));
      return std::nullopt;
    }
    function.parameters.push_back({fmt::format("arg{}", index + 1), *type});
  }
  return function;
}

std::string promoted_type(const ir::Type& type) {
  if (type.kind == ir::TypeKind::Floating && type.floating == ir::FloatKind::Float) {
    return "double";
  }
  if (type.kind == ir::TypeKind::Bool) {
    return "int";
  }
  if (type.kind == ir::TypeKind::Integer &&
      (type.integer == ir::IntegerKind::Char || type.integer == ir::IntegerKind::SignedChar ||
       type.integer == ir::IntegerKind::UnsignedChar || type.integer == ir::IntegerKind::Short ||
       type.integer == ir::IntegerKind::UnsignedShort)) {
    return "int";
  }
  return {};
}

} // namespace pen_bindgen::mapping
