#include "pen_bindgen/mapping/mapper.hpp"

#include "c_prototype.hpp"
#include "fallible_results.hpp"
#include "handle_lifetimes.hpp"
#include "handle_upcasts.hpp"
#include "list_values.hpp"
#include "name_registry.hpp"
#include "overrides.hpp"
#include "pen_bindgen/mapping/names.hpp"
#include "pen_bindgen/mapping/pen_literals.hpp"
#include "type_mapping.hpp"
#include "type_plan.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fmt/format.h>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <unordered_set>

namespace pen_bindgen::mapping {

namespace {

std::string lower_case(std::string text) {
  for (auto& c : text) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return text;
}

std::string quoted_parameter(const ir::Parameter& parameter, std::size_t index) {
  return parameter.name.empty() ? fmt::format("parameter {}", index + 1)
                                : fmt::format("parameter '{}'", parameter.name);
}

std::string unsupported_reason(const std::string& what, const ir::Type& type,
                               const Unsupported& unsupported) {
  std::string reason = fmt::format("{} has unsupported type '{}'", what, type.spelling);
  if (!unsupported.why.empty()) {
    reason += fmt::format(" ({})", unsupported.why);
  }
  return reason;
}

SkippedDeclaration skip(const std::string& name, const ir::Location& location, std::string reason,
                        std::string code) {
  return SkippedDeclaration{name, location, std::move(reason), std::move(code)};
}

// Fills `binding` (default-constructed) with the binding of `function`, or returns why the
// function is skipped. It fills the caller's binding, which may be the package's item already:
// a FunctionBinding is large, and each move of one costs (docs/performance.md).
std::optional<SkippedDeclaration>
bind_function_into(FunctionBinding& binding, const ir::Function& function,
                   const std::string& prefix, const config::Overrides& overrides,
                   std::vector<Diagnostic>& override_diagnostics, TypePlan& types) {
  if (function.is_variadic) {
    return skip(function.name, function.location,
                "variadic functions are not supported (the config can declare fixed-arity "
                "instances: [[variadic]])",
                "unsupported-variadic");
  }
  // Config overrides and callbacks decide some parameters before the default mapping does.
  const auto entry = overrides.functions.find(function.name);
  const auto* override_entry = entry == overrides.functions.end() ? nullptr : &entry->second;
  // A pointer a callback receives becomes a handle of the type a parameter would get.
  const CallbackHandleResolver handles =
      [&types](const ir::Type& pointer) -> std::optional<std::pair<std::string, std::string>> {
    const auto planned = types.parameter(pointer, false);
    const auto* binding = std::get_if<ParameterBinding>(&planned);
    // A function pointer received by a callback is not bound (the trampoline wraps object
    // pointers only).
    if (!binding || binding->conversion != ArgumentConversion::Handle ||
        binding->function_pointer) {
      return std::nullopt;
    }
    return std::pair{binding->pen_type_name, binding->type_info};
  };
  auto plan = plan_parameters(function, override_entry, prefix, override_diagnostics, handles);
  if (plan.skip) {
    return *plan.skip;
  }
  // Lists (docs/type-mapping.md): array parameters and the element count of an array result.
  if (const auto why = plan_list_parameters(function, prefix, plan.parameters)) {
    return skip(function.name, function.location, *why, "unsupported-type");
  }
  // `T | error` (docs/type-mapping.md): the message pointer has no Pen argument.
  const auto error_parameter = error_parameter_of(function, override_entry, override_diagnostics);
  if (error_parameter) {
    plan.parameters[*error_parameter] = error_message_parameter();
  }
  binding.c_name = function.name;
  binding.location = function.location;
  binding.c_prototype =
      function.display_prototype.empty() ? c_prototype(function) : function.display_prototype;
  binding.shim_symbol = prefix + sanitize_identifier(function.name);

  auto result = function.array_count_parameter ? list_result(function, types)
                                               : map_result_type(*function.result);
  if (std::holds_alternative<Unsupported>(result) && !function.array_count_parameter) {
    // The plan's reason is the more precise one ("function pointers are not supported").
    if (const auto& planned = types.result(function.result);
        std::holds_alternative<ResultBinding>(planned) ||
        !std::get<Unsupported>(planned).why.empty()) {
      result = planned;
    }
  }
  if (const auto* unsupported = std::get_if<Unsupported>(&result)) {
    return skip(function.name, function.location,
                unsupported_reason("result", *function.result, *unsupported), "unsupported-type");
  }
  binding.result = std::get<ResultBinding>(std::move(result));
  // _Nullable in the header: a string or handle result becomes `string | none` or `T | none`.
  if (function.result->kind == ir::TypeKind::Pointer &&
      function.result->nullability == ir::Nullability::Nullable &&
      (binding.result.conversion == ResultConversion::CString ||
       binding.result.conversion == ResultConversion::Handle)) {
    binding.result.nullable = true;
  }

  ParameterNames names;
  binding.parameters.reserve(function.parameters.size());
  for (std::size_t i = 0; i < function.parameters.size(); ++i) {
    const auto& parameter = function.parameters[i];
    auto mapped = plan.parameters[i]
                      ? std::variant<ParameterBinding, Unsupported>(std::move(*plan.parameters[i]))
                      : map_parameter_type(*parameter.type);
    // The type plan's answer is shared by every parameter of that type: copied, not moved.
    const std::variant<ParameterBinding, Unsupported>* chosen = &mapped;
    if (std::holds_alternative<Unsupported>(mapped) && !plan.parameters[i]) {
      const auto& planned = types.parameter(parameter.type, true);
      if (std::holds_alternative<ParameterBinding>(planned) ||
          !std::get<Unsupported>(planned).why.empty()) {
        chosen = &planned;
      }
    }
    if (const auto* unsupported = std::get_if<Unsupported>(chosen)) {
      return skip(function.name, function.location,
                  unsupported_reason(quoted_parameter(parameter, i), *parameter.type, *unsupported),
                  "unsupported-type");
    }
    auto& parameter_binding =
        chosen == &mapped
            ? binding.parameters.emplace_back(std::get<ParameterBinding>(std::move(mapped)))
            : binding.parameters.emplace_back(std::get<ParameterBinding>(*chosen));
    parameter_binding.c_name = parameter.name;
    if (has_pen_argument(parameter_binding)) {
      parameter_binding.pen_name = names.assign(parameter.name, i);
    }
  }
  binding.callbacks = std::move(plan.callbacks);
  binding.is_pure = matches_pure_pattern(function.name, overrides);
  if (override_entry) {
    apply_function_override(binding, *override_entry, override_diagnostics);
  }
  apply_result_ownership(binding, function, override_entry, error_parameter.has_value(),
                         override_diagnostics);
  return std::nullopt;
}

std::variant<FunctionBinding, SkippedDeclaration>
bind_function(const ir::Function& function, const std::string& prefix,
              const config::Overrides& overrides, std::vector<Diagnostic>& override_diagnostics,
              TypePlan& types) {
  FunctionBinding binding;
  if (auto skipped =
          bind_function_into(binding, function, prefix, overrides, override_diagnostics, types)) {
    return std::move(*skipped);
  }
  return binding;
}

bool is_exported(const std::string& c_name, const config::Overrides& overrides) {
  if (const auto entry = overrides.functions.find(c_name); entry != overrides.functions.end()) {
    if (entry->second.exported) {
      return true;
    }
  }
  return std::any_of(overrides.exports.begin(), overrides.exports.end(), [&](const auto& pattern) {
    return std::regex_match(c_name, std::regex(pattern.regex, std::regex::ECMAScript));
  });
}

// What an export's C adapter can hand to Pen. A handle borrows the caller's pointer; it is
// spelled unqualified in the exports module, which imports it from the package's one module.
bool crosses_to_pen(const ParameterBinding& parameter, bool single_module) {
  switch (parameter.conversion) {
  case ArgumentConversion::Handle:
    return single_module && !parameter.function_pointer;
  case ArgumentConversion::SignedInteger:
  case ArgumentConversion::UnsignedInteger:
  case ArgumentConversion::Float:
  case ArgumentConversion::Double:
  case ArgumentConversion::Bool:
  case ArgumentConversion::CString:
    return true;
  default:
    return false;
  }
}

// A function Pen implements: the mapping of its import, read the other way round (C arguments
// become Pen values, the Pen result becomes the C result). `adapter` names the C adapter when
// it is not the function itself: a function-pointer typedef's gets a static function.
std::variant<FunctionBinding, SkippedDeclaration>
bind_export(const ir::Function& function, const std::string& prefix, bool single_module,
            std::vector<Diagnostic>& diagnostics, TypePlan& types,
            const std::string& adapter = {}) {
  const auto unsupported = [&](const std::string& what) {
    return skip(function.name, function.location,
                fmt::format("{} is not supported in an export (numbers, booleans, strings and, "
                            "in one-header packages, handle arguments only)",
                            what),
                "unsupported-export");
  };
  if (function.is_variadic) {
    return unsupported("a variadic parameter list");
  }
  // Rejected before binding, which would plan a function-pointer handle type nothing uses.
  for (std::size_t index = 0; index < function.parameters.size(); ++index) {
    const auto& type = *function.parameters[index].type;
    if (type.kind == ir::TypeKind::Function ||
        (type.kind == ir::TypeKind::Pointer && type.pointee &&
         type.pointee->kind == ir::TypeKind::Function)) {
      return unsupported(quoted_parameter(function.parameters[index], index));
    }
  }
  // No overrides: a config entry's buffers or callbacks describe the import direction.
  auto bound = bind_function(function, prefix, config::Overrides{}, diagnostics, types);
  if (auto* skipped = std::get_if<SkippedDeclaration>(&bound)) {
    skipped->c_name = function.name;
    skipped->code = "unsupported-export";
    return bound;
  }
  auto binding = std::get<FunctionBinding>(std::move(bound));
  for (std::size_t index = 0; index < binding.parameters.size(); ++index) {
    if (!crosses_to_pen(binding.parameters[index], single_module)) {
      return unsupported(quoted_parameter(function.parameters[index], index));
    }
  }
  const auto& result = binding.result;
  switch (result.conversion) {
  case ResultConversion::None:
  case ResultConversion::SignedInteger:
  case ResultConversion::UnsignedInteger:
  case ResultConversion::Floating:
  case ResultConversion::Bool:
    break;
  case ResultConversion::CString:
    // The adapter keeps the string; a caller of a `char *` result may expect to free it.
    if (function.result->kind != ir::TypeKind::Pointer || !function.result->pointee ||
        !function.result->pointee->is_const) {
      return unsupported("a result of type '" + function.result->spelling + "' (not const)");
    }
    break;
  default:
    return unsupported("the result");
  }
  if (result.nullable) {
    return unsupported("a nullable result");
  }
  if (result.conversion == ResultConversion::Floating) {
    if (function.result->floating == ir::FloatKind::Float) {
      binding.result.c_type = "float";
    }
  }
  // Unnamed parameters get C names: the adapter's definition must refer to them.
  ir::Function named = function;
  for (std::size_t index = 0; index < named.parameters.size(); ++index) {
    if (named.parameters[index].name.empty()) {
      named.parameters[index].name = fmt::format("pen_arg{}", index + 1);
      binding.parameters[index].c_name = named.parameters[index].name;
    }
  }
  if (!adapter.empty()) {
    named.name = adapter;
  }
  binding.c_prototype = (adapter.empty() ? "" : "static ") + c_prototype(named);
  binding.shim_symbol = prefix + "export_" + sanitize_identifier(function.name);
  binding.pen_name.clear();
  return binding;
}

// The [[variadic]] instances of `variadic`, bound as fixed-arity functions with their own shims.
std::vector<FunctionBinding> bind_variadic_instances(const ir::Function& variadic,
                                                     const std::string& prefix,
                                                     const config::Overrides& overrides,
                                                     std::vector<Diagnostic>& diagnostics,
                                                     TypePlan& types) {
  std::vector<FunctionBinding> bindings;
  for (const auto& instance : overrides.variadic) {
    if (instance.function != variadic.name) {
      continue;
    }
    const auto function = variadic_instance(variadic, instance, diagnostics);
    if (!function) {
      continue;
    }
    auto bound = bind_function(*function, prefix, overrides, diagnostics, types);
    if (const auto* skipped = std::get_if<SkippedDeclaration>(&bound)) {
      diagnostics.push_back(override_warning(
          instance.location, fmt::format("variadic instance '{}' of '{}' cannot be bound: {}",
                                         instance.name, variadic.name, skipped->reason)));
      continue;
    }
    auto binding = std::get<FunctionBinding>(std::move(bound));
    for (std::size_t index = variadic.parameters.size(); index < binding.parameters.size();
         ++index) {
      binding.parameters[index].promoted_type = promoted_type(*function->parameters[index].type);
    }
    binding.c_prototype = fmt::format("{} as {}({})", binding.c_prototype, instance.function,
                                      fmt::join(instance.parameters, ", "));
    binding.shim_symbol = prefix + sanitize_identifier(instance.name);
    binding.pen_name = instance.name;
    bindings.push_back(std::move(binding));
  }
  return bindings;
}

// Fills `binding` (default-constructed), the package's item already, or returns why the
// constant is skipped: no move of the binding (a header can have thousands of macros).
std::optional<SkippedDeclaration> bind_constant_into(ConstantBinding& binding,
                                                     const ir::Constant& constant) {
  binding.c_name = constant.name;
  binding.location = constant.location;
  switch (constant.value_kind) {
  case ir::Constant::ValueKind::SignedInteger:
    binding.pen_literal = pen_integer_literal(constant.signed_value);
    break;
  case ir::Constant::ValueKind::UnsignedInteger:
    binding.pen_literal = pen_integer_literal(constant.unsigned_value);
    break;
  case ir::Constant::ValueKind::Floating:
    if (std::isnan(constant.floating_value)) {
      return skip(constant.name, constant.location, "the value is NaN, which Pen cannot spell",
                  "unsupported-macro");
    }
    binding.pen_literal = pen_number_literal(constant.floating_value);
    break;
  case ir::Constant::ValueKind::String:
    binding.pen_type = PenType::String;
    binding.pen_literal = pen_string_literal(constant.string_value);
    break;
  }
  return std::nullopt;
}

// Renames are kept by item index so diagnostics can be reported in source order.
// Names the config asks for are claimed first; two config entries asking for one name are an
// error in the config, reported at the second.
template <typename Binding>
void reserve_names(Package& package, NameRegistry& names, std::vector<Diagnostic>& diagnostics) {
  for (auto& item : package.items) {
    if (auto* binding = std::get_if<Binding>(&item); binding && !binding->pen_name.empty()) {
      if (const auto holder = names.reserve(binding->pen_name, binding->c_name)) {
        diagnostics.push_back(override_warning(
            binding->location, fmt::format("'{}' cannot be named '{}': '{}' has that name",
                                           binding->c_name, binding->pen_name, *holder)));
        binding->pen_name.clear(); // falls back to the automatic name
      }
    }
  }
}

template <typename Binding>
void assign_names(Package& package, NameRegistry& names,
                  std::map<std::size_t, Diagnostic>& renames) {
  for (std::size_t index = 0; index < package.items.size(); ++index) {
    if (auto* binding = std::get_if<Binding>(&package.items[index]);
        binding && binding->pen_name.empty()) {
      auto assignment = names.assign(binding->c_name, binding->location);
      binding->pen_name = std::move(assignment.pen_name);
      if (assignment.rename) {
        renames.emplace(index, std::move(*assignment.rename));
      }
    }
  }
}

// An override naming nothing in the headers is almost always a typo or a stale config.
void report_unused_overrides(const ir::Library& library, const config::Overrides& overrides,
                             std::vector<Diagnostic>& diagnostics) {
  // Without overrides (most runs) there is nothing to report: no sets of every name.
  if (overrides.functions.empty() && overrides.constants.empty() && overrides.variadic.empty()) {
    return;
  }
  std::set<std::string> functions;
  std::set<std::string> constants;
  for (const auto& declaration : library.declarations) {
    if (const auto* function = std::get_if<ir::Function>(&declaration)) {
      functions.insert(function->name);
    } else if (const auto* constant = std::get_if<ir::Constant>(&declaration)) {
      constants.insert(constant->name);
    }
  }
  for (const auto& [name, entry] : overrides.functions) {
    if (!functions.contains(name)) {
      diagnostics.push_back(override_warning(
          entry.location,
          fmt::format("[functions.{}]: no function '{}' in the headers", name, name)));
    }
  }
  for (const auto& [name, entry] : overrides.constants) {
    if (!constants.contains(name)) {
      diagnostics.push_back(override_warning(
          entry.location,
          fmt::format("[constants.{}]: no constant '{}' in the headers", name, name)));
    }
  }
  for (const auto& instance : overrides.variadic) {
    if (!functions.contains(instance.function)) {
      diagnostics.push_back(override_warning(
          instance.location,
          fmt::format("[[variadic]]: no function '{}' in the headers", instance.function)));
    }
  }
}

Diagnostic skip_diagnostic(const SkippedDeclaration& skipped) {
  return Diagnostic{Severity::Warning, skipped.location,
                    fmt::format("skipped '{}': {}", skipped.c_name, skipped.reason), skipped.code};
}

} // namespace

const char* pen_spelling(PenType type) {
  switch (type) {
  case PenType::Number:
    return "number";
  case PenType::Boolean:
    return "boolean";
  case PenType::String:
    return "string";
  case PenType::None:
    return "none";
  case PenType::Named: // spelled by its pen_type_name (pen_type_spelling)
    break;
  }
  return "none";
}

std::string package_name_from_header(const std::string& header_path) {
  auto stem = std::filesystem::path(header_path).stem().string();
  auto name = to_upper_camel(stem);
  if (name.empty() || !(name.front() >= 'A' && name.front() <= 'Z')) {
    name = "C" + name;
  }
  return is_pen_identifier(name) ? name : "Bindings";
}

MappingResult map_library(const ir::Library& library, const MappingOptions& options) {
  MappingResult result;
  auto& package = result.package;
  package.name = !options.name.empty()     ? options.name
                 : library.headers.empty() ? std::string("Bindings")
                                           : package_name_from_header(library.headers.front().path);
  package.file_stem = lower_case(package.name);
  package.prefix = options.prefix.empty() ? "_" + package.file_stem + "_" : options.prefix;
  package.headers = library.headers;
  package.links = options.links;

  const auto& overrides = options.overrides;
  std::vector<Diagnostic> override_diagnostics;
  std::unordered_set<std::string> shim_symbols;
  std::map<std::string, std::string> type_renames;
  for (const auto& [c_name, type] : overrides.types) {
    if (type.name) {
      const bool tagged = c_name.rfind("struct ", 0) == 0 || c_name.rfind("union ", 0) == 0;
      type_renames.emplace(tagged ? c_name.substr(c_name.find(' ') + 1) : c_name, *type.name);
    }
  }
  TypePlan types(library, package.prefix, std::move(type_renames));
  const auto upcasts = collect_upcasts(library, overrides, override_diagnostics);
  const auto claim_shim_symbol = [&](FunctionBinding& binding) {
    // sanitize_identifier is injective on real C names; this guards the theoretical clash.
    while (!shim_symbols.insert(binding.shim_symbol).second) {
      binding.shim_symbol += '_';
    }
  };
  const auto add_function = [&](FunctionBinding&& binding) {
    claim_shim_symbol(binding);
    package.items.emplace_back(std::move(binding));
  };
  // Most declarations become one item, and the handle helpers and accessors come after them
  // (8 to 22 per record in the bench headers; a guess): growing the vector would move every
  // binding again.
  package.items.reserve(library.declarations.size() + 20 * library.records.size());
  shim_symbols.reserve(library.declarations.size());
  for (const auto& declaration : library.declarations) {
    if (const auto* function = std::get_if<ir::Function>(&declaration);
        function && is_exported(function->name, overrides)) {
      auto bound = bind_export(*function, package.prefix, library.headers.size() <= 1,
                               override_diagnostics, types);
      if (auto* binding = std::get_if<FunctionBinding>(&bound)) {
        claim_shim_symbol(*binding);
        package.exports.push_back(std::move(*binding));
      } else {
        package.items.emplace_back(std::get<SkippedDeclaration>(std::move(bound)));
      }
    } else if (const auto* function = std::get_if<ir::Function>(&declaration);
               function && is_upcast_function(upcasts, function->name)) {
      continue; // bound as a `<Derived>As<Base>` helper (types.plan_upcasts)
    } else if (const auto* function = std::get_if<ir::Function>(&declaration)) {
      // Bound in its item: no move of the binding.
      auto& item = package.items.emplace_back(std::in_place_type<FunctionBinding>);
      if (auto skipped =
              bind_function_into(std::get<FunctionBinding>(item), *function, package.prefix,
                                 overrides, override_diagnostics, types)) {
        item = std::move(*skipped);
      } else {
        claim_shim_symbol(std::get<FunctionBinding>(item));
      }
      if (function->is_variadic) {
        for (auto& instance : bind_variadic_instances(*function, package.prefix, overrides,
                                                      override_diagnostics, types)) {
          add_function(std::move(instance));
        }
      }
    } else if (const auto* constant = std::get_if<ir::Constant>(&declaration)) {
      auto& item = package.items.emplace_back(std::in_place_type<ConstantBinding>);
      if (auto skipped = bind_constant_into(std::get<ConstantBinding>(item), *constant)) {
        item = std::move(*skipped);
      } else if (const auto entry = overrides.constants.find(constant->name);
                 entry != overrides.constants.end() && entry->second.name) {
        std::get<ConstantBinding>(item).pen_name = *entry->second.name;
      }
    } else {
      const auto& unbindable = std::get<ir::Unbindable>(declaration);
      package.items.emplace_back(
          skip(unbindable.name, unbindable.location, unbindable.reason, unbindable.code));
    }
  }

  // Exported function-pointer typedefs (docs/exports.md): a Pen export and a static C adapter
  // like a function's, and `<Typedef>Export`, which hands Pen the adapter's address as the
  // typedef's function-pointer handle, for the bound functions that take one.
  for (const auto& typedef_function : library.function_typedefs) {
    if (!is_exported(typedef_function.name, overrides)) {
      continue;
    }
    const auto symbol = sanitize_identifier(typedef_function.name);
    auto bound =
        bind_export(typedef_function, package.prefix, library.headers.size() <= 1,
                    override_diagnostics, types, package.prefix + "export_adapter_" + symbol);
    if (auto* skipped = std::get_if<SkippedDeclaration>(&bound)) {
      package.items.emplace_back(std::move(*skipped));
      continue;
    }
    auto binding = std::get<FunctionBinding>(std::move(bound));
    claim_shim_symbol(binding);
    binding.subject = typedef_function.name;
    package.exports.push_back(std::move(binding));

    auto function_type = std::make_shared<ir::Type>();
    function_type->kind = ir::TypeKind::Function;
    function_type->result = typedef_function.result;
    for (const auto& parameter : typedef_function.parameters) {
      function_type->parameters.push_back(parameter.type);
    }
    function_type->is_variadic = typedef_function.is_variadic;
    auto pointer = std::make_shared<ir::Type>();
    pointer->kind = ir::TypeKind::Pointer;
    pointer->spelling = typedef_function.name;
    pointer->pointee = function_type;
    ir::Function address;
    address.name = typedef_function.name + "_export";
    address.location = typedef_function.location;
    address.result = pointer;
    auto accessor =
        bind_function(address, package.prefix, config::Overrides{}, override_diagnostics, types);
    if (auto* accessor_binding = std::get_if<FunctionBinding>(&accessor)) {
      // The shim calls the adapter section's accessor, which returns the adapter's address.
      accessor_binding->c_name = package.prefix + "export_address_" + symbol;
      accessor_binding->pen_name = to_upper_camel(address.name);
      accessor_binding->c_prototype =
          fmt::format("The {} that {}Exports.pen implements, for the functions that take one.",
                      typedef_function.name, package.name);
      add_function(std::move(*accessor_binding));
    }
  }

  // Handle helpers, struct constructors and accessors, after the header's functions (which
  // claim their names first).
  types.add_own_records();
  types.plan_upcasts(upcasts);
  const std::size_t first_helper = package.items.size();
  types.helper_items(package.items);
  for (std::size_t index = first_helper; index < package.items.size(); ++index) {
    if (auto* helper = std::get_if<FunctionBinding>(&package.items[index])) {
      claim_shim_symbol(*helper);
    }
  }
  collect_list_types(package, shim_symbols);

  // Functions claim their names before constants, so adding a macro never renames a function.
  NameRegistry names;
  std::map<std::size_t, Diagnostic> renames;
  reserve_names<FunctionBinding>(package, names, override_diagnostics);
  reserve_names<ConstantBinding>(package, names, override_diagnostics);
  assign_names<FunctionBinding>(package, names, renames);
  assign_names<ConstantBinding>(package, names, renames);
  for (auto& item : package.items) {
    if (auto* function = std::get_if<FunctionBinding>(&item)) {
      const auto& parameters = function->parameters;
      if (std::any_of(parameters.begin(), parameters.end(), [](const ParameterBinding& p) {
            return p.conversion == ArgumentConversion::OutHandle;
          })) {
        types.add_out_record(*function);
      }
    }
  }
  package.records = types.take_records();
  package.handles = types.take_handles();
  finish_handle_types(library, overrides, package, override_diagnostics);

  for (std::size_t index = 0; index < package.items.size(); ++index) {
    if (const auto* skipped = std::get_if<SkippedDeclaration>(&package.items[index])) {
      result.diagnostics.push_back(skip_diagnostic(*skipped));
    } else if (const auto rename = renames.find(index); rename != renames.end()) {
      result.diagnostics.push_back(rename->second);
    }
  }
  report_unused_overrides(library, overrides, override_diagnostics);
  result.diagnostics.insert(result.diagnostics.end(), override_diagnostics.begin(),
                            override_diagnostics.end());
  return result;
}

} // namespace pen_bindgen::mapping
