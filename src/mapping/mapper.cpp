#include "pen_bindgen/mapping/mapper.hpp"

#include "c_prototype.hpp"
#include "name_registry.hpp"
#include "pen_bindgen/mapping/names.hpp"
#include "pen_bindgen/mapping/pen_literals.hpp"
#include "type_mapping.hpp"

#include <cmath>
#include <filesystem>
#include <fmt/format.h>
#include <map>
#include <set>

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

std::variant<FunctionBinding, SkippedDeclaration> bind_function(const ir::Function& function,
                                                                const std::string& prefix) {
  if (function.is_variadic) {
    return skip(function.name, function.location, "variadic functions are not supported",
                "unsupported-variadic");
  }
  FunctionBinding binding;
  binding.c_name = function.name;
  binding.location = function.location;
  binding.c_prototype = c_prototype(function);
  binding.shim_symbol = prefix + sanitize_identifier(function.name);

  auto result = map_result_type(*function.result);
  if (const auto* unsupported = std::get_if<Unsupported>(&result)) {
    return skip(function.name, function.location,
                unsupported_reason("result", *function.result, *unsupported), "unsupported-type");
  }
  binding.result = std::get<ResultBinding>(result);

  ParameterNames names;
  for (std::size_t i = 0; i < function.parameters.size(); ++i) {
    const auto& parameter = function.parameters[i];
    auto mapped = map_parameter_type(*parameter.type);
    if (const auto* unsupported = std::get_if<Unsupported>(&mapped)) {
      return skip(function.name, function.location,
                  unsupported_reason(quoted_parameter(parameter, i), *parameter.type, *unsupported),
                  "unsupported-type");
    }
    auto parameter_binding = std::get<ParameterBinding>(mapped);
    parameter_binding.c_name = parameter.name;
    parameter_binding.pen_name = names.assign(parameter.name, i);
    binding.parameters.push_back(std::move(parameter_binding));
  }
  return binding;
}

std::variant<ConstantBinding, SkippedDeclaration> bind_constant(const ir::Constant& constant) {
  ConstantBinding binding;
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
  return binding;
}

// Renames are kept by item index so diagnostics can be reported in source order.
template <typename Binding>
void assign_names(Package& package, NameRegistry& names,
                  std::map<std::size_t, Diagnostic>& renames) {
  for (std::size_t index = 0; index < package.items.size(); ++index) {
    if (auto* binding = std::get_if<Binding>(&package.items[index])) {
      auto assignment = names.assign(binding->c_name, binding->location);
      binding->pen_name = assignment.pen_name;
      if (assignment.rename) {
        renames.emplace(index, *assignment.rename);
      }
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

  std::set<std::string> shim_symbols;
  for (const auto& declaration : library.declarations) {
    if (const auto* function = std::get_if<ir::Function>(&declaration)) {
      auto bound = bind_function(*function, package.prefix);
      if (auto* binding = std::get_if<FunctionBinding>(&bound)) {
        // sanitize_identifier is injective on real C names; this guards the theoretical clash.
        while (!shim_symbols.insert(binding->shim_symbol).second) {
          binding->shim_symbol += '_';
        }
        package.items.emplace_back(std::move(*binding));
      } else {
        package.items.emplace_back(std::get<SkippedDeclaration>(std::move(bound)));
      }
    } else if (const auto* constant = std::get_if<ir::Constant>(&declaration)) {
      auto bound = bind_constant(*constant);
      if (auto* binding = std::get_if<ConstantBinding>(&bound)) {
        package.items.emplace_back(std::move(*binding));
      } else {
        package.items.emplace_back(std::get<SkippedDeclaration>(std::move(bound)));
      }
    } else {
      const auto& unbindable = std::get<ir::Unbindable>(declaration);
      package.items.emplace_back(
          skip(unbindable.name, unbindable.location, unbindable.reason, unbindable.code));
    }
  }

  // Functions claim their names before constants, so adding a macro never renames a function.
  NameRegistry names;
  std::map<std::size_t, Diagnostic> renames;
  assign_names<FunctionBinding>(package, names, renames);
  assign_names<ConstantBinding>(package, names, renames);

  for (std::size_t index = 0; index < package.items.size(); ++index) {
    if (const auto* skipped = std::get_if<SkippedDeclaration>(&package.items[index])) {
      result.diagnostics.push_back(skip_diagnostic(*skipped));
    } else if (const auto rename = renames.find(index); rename != renames.end()) {
      result.diagnostics.push_back(rename->second);
    }
  }
  return result;
}

} // namespace pen_bindgen::mapping
