#include "fallible_results.hpp"

#include "overrides.hpp"

#include <algorithm>
#include <fmt/format.h>

namespace pen_bindgen::mapping {

namespace {

// Exactly `char **`: the callee stores a `char *` it allocated; a `const char **` would be a
// message the library keeps, which the shim must not free.
bool is_message_pointer(const ir::Type& type) {
  if (type.kind != ir::TypeKind::Pointer || !type.pointee ||
      type.pointee->kind != ir::TypeKind::Pointer || type.pointee->is_const) {
    return false;
  }
  const auto* character = type.pointee->pointee.get();
  return character && character->kind == ir::TypeKind::Integer && !character->is_const &&
         character->integer == ir::IntegerKind::Char;
}

} // namespace

std::optional<std::size_t> error_parameter_of(const ir::Function& function,
                                              const config::FunctionOverride* entry,
                                              std::vector<Diagnostic>& diagnostics) {
  if (entry && !entry->error.empty()) {
    const auto& parameters = function.parameters;
    const auto found = std::find_if(parameters.begin(), parameters.end(),
                                    [&](const ir::Parameter& p) { return p.name == entry->error; });
    if (found == parameters.end()) {
      diagnostics.push_back(
          override_warning(entry->location, fmt::format("error: '{}' has no parameter '{}'",
                                                        function.name, entry->error)));
      return std::nullopt;
    }
    if (!is_message_pointer(*found->type)) {
      diagnostics.push_back(override_warning(
          entry->location,
          fmt::format("error: parameter '{}' of '{}' has type '{}'; an error parameter is a "
                      "'char **' the function stores a message it allocated in",
                      entry->error, function.name, found->type->spelling)));
      return std::nullopt;
    }
    return static_cast<std::size_t>(found - parameters.begin());
  }
  if (function.error_parameter) {
    const auto index = *function.error_parameter;
    if (index < function.parameters.size() &&
        is_message_pointer(*function.parameters[index].type)) {
      return index;
    }
    diagnostics.push_back(Diagnostic{
        Severity::Warning, function.location,
        fmt::format("'{}': error parameter {} is not a 'char **'; the result is not fallible",
                    function.name, index + 1),
        "invalid-error-parameter"});
  }
  return std::nullopt;
}

ParameterBinding error_message_parameter() {
  ParameterBinding binding;
  binding.pen_type = PenType::None;
  binding.conversion = ArgumentConversion::ErrorMessage;
  return binding;
}

void apply_result_ownership(FunctionBinding& binding, const ir::Function& function,
                            const config::FunctionOverride* entry, bool has_error_parameter,
                            std::vector<Diagnostic>& diagnostics) {
  if (has_error_parameter) {
    binding.result.fallible = true;
    if (entry && !entry->error_free.empty()) {
      binding.result.error_free = entry->error_free;
    }
  } else if (entry && !entry->error_free.empty()) {
    diagnostics.push_back(override_warning(
        entry->location,
        fmt::format("error_free: '{}' has no error parameter (config `error`)", binding.c_name)));
  }
  // With out-parameters the result is a field of the result record, always owned.
  const bool handle_result =
      binding.result.conversion == ResultConversion::Handle && !binding.result.function_pointer &&
      std::none_of(binding.parameters.begin(), binding.parameters.end(),
                   [](const ParameterBinding& parameter) {
                     return parameter.conversion == ArgumentConversion::OutHandle;
                   });
  if (function.result_borrowed && handle_result) {
    binding.result.borrowed = true;
  }
  if (entry && entry->borrowed) {
    if (handle_result) {
      binding.result.borrowed = true;
    } else {
      diagnostics.push_back(override_warning(
          entry->location,
          fmt::format("borrowed: the result of '{}' is not a handle", binding.c_name)));
    }
  }
}

} // namespace pen_bindgen::mapping
