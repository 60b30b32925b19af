#include "list_values.hpp"

#include "pen_bindgen/mapping/names.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <map>

namespace pen_bindgen::mapping {

namespace {

std::string quoted(const ir::Function& function, std::size_t index) {
  const auto& name = function.parameters[index].name;
  return name.empty() ? fmt::format("parameter {}", index + 1) : "parameter '" + name + "'";
}

// The C type an element is stored as in the builder's array (canonical spellings, so one
// builder serves every parameter of that type).
std::string element_c_type(const ParameterBinding& element) {
  switch (element.conversion) {
  case ArgumentConversion::CString:
    return "char *";
  case ArgumentConversion::Bool:
    return "bool";
  case ArgumentConversion::Float:
    return "float";
  case ArgumentConversion::Double:
    return "double";
  default:
    return ir::c_spelling(element.integer);
  }
}

ArgumentConversion builder_conversion(const ParameterBinding& list) {
  if (list.pen_type == PenType::String) {
    return ArgumentConversion::CString;
  }
  if (list.pen_type == PenType::Boolean) {
    return ArgumentConversion::Bool;
  }
  if (list.c_type == "double") {
    return ArgumentConversion::Double;
  }
  if (list.c_type == "float") {
    return ArgumentConversion::Float;
  }
  return ir::is_unsigned(list.integer) ? ArgumentConversion::UnsignedInteger
                                       : ArgumentConversion::SignedInteger;
}

bool is_integer_pointer(const ir::Type& type) {
  return type.kind == ir::TypeKind::Pointer && type.pointee &&
         type.pointee->kind == ir::TypeKind::Integer && !type.pointee->is_const;
}

// `const size_t *` (LP64: unsigned long), as the builder stores string sizes.
bool is_size_array(const ir::Type& type) {
  return type.kind == ir::TypeKind::Pointer && type.pointee &&
         type.pointee->kind == ir::TypeKind::Integer &&
         type.pointee->integer == ir::IntegerKind::UnsignedLong;
}

} // namespace

std::optional<std::string>
plan_list_parameters(const ir::Function& function, const std::string& prefix,
                     std::vector<std::optional<ParameterBinding>>& planned) {
  const auto count = function.parameters.size();
  for (const auto& array : function.array_parameters) {
    // The shim reads the array's count and sizes after the array itself.
    if (array.items >= count || array.count >= count || array.items >= array.count ||
        (array.sizes &&
         (*array.sizes >= count || array.items >= *array.sizes || *array.sizes == array.count))) {
      return fmt::format("array parameter {} with count {} does not name parameters after it",
                         array.items + 1, array.count + 1);
    }
    const auto& items = *function.parameters[array.items].type;
    if (items.kind != ir::TypeKind::Pointer || !items.pointee) {
      return quoted(function, array.items) + " is an array but not a pointer";
    }
    auto element = *items.pointee;
    element.is_const = false;
    auto mapped = map_parameter_type(element);
    auto* binding = std::get_if<ParameterBinding>(&mapped);
    // Strings need their sizes (elements may contain NULs).
    const bool is_string = binding && binding->conversion == ArgumentConversion::CString;
    if (!binding || (is_string != array.sizes.has_value()) ||
        (binding->conversion != ArgumentConversion::SignedInteger &&
         binding->conversion != ArgumentConversion::UnsignedInteger &&
         binding->conversion != ArgumentConversion::Float &&
         binding->conversion != ArgumentConversion::Double &&
         binding->conversion != ArgumentConversion::Bool && !is_string)) {
      return fmt::format("{}: lists of '{}' are not supported as parameters (numbers, booleans "
                         "and, with sizes, strings are)",
                         quoted(function, array.items), element.spelling);
    }
    if (array.sizes && !is_size_array(*function.parameters[*array.sizes].type)) {
      return quoted(function, *array.sizes) + " holds string sizes but is not a 'const size_t *'";
    }
    ParameterBinding list = *binding;
    list.c_type = element_c_type(*binding);
    list.conversion = ArgumentConversion::List;
    list.c_pointer_type = items.spelling;
    list.list_builder =
        prefix + "list_" + (is_string ? "string" : sanitize_identifier(list.c_type));
    for (auto& c : list.list_builder) {
      c = c == ' ' ? '_' : c;
    }

    auto length = map_parameter_type(*function.parameters[array.count].type);
    auto* length_binding = std::get_if<ParameterBinding>(&length);
    if (!length_binding || (length_binding->conversion != ArgumentConversion::SignedInteger &&
                            length_binding->conversion != ArgumentConversion::UnsignedInteger)) {
      return quoted(function, array.count) + " counts an array but is not an integer";
    }
    ParameterBinding list_length;
    list_length.pen_type = PenType::None;
    list_length.conversion = ArgumentConversion::ListLength;
    list_length.integer = length_binding->integer;
    list_length.source = array.items;
    planned[array.items] = std::move(list);
    planned[array.count] = std::move(list_length);
    if (array.sizes) {
      ParameterBinding sizes;
      sizes.pen_type = PenType::None;
      sizes.conversion = ArgumentConversion::ListSizes;
      sizes.source = array.items;
      planned[*array.sizes] = std::move(sizes);
    }
  }
  if (function.array_count_parameter) {
    const auto index = *function.array_count_parameter;
    if (index >= count || !is_integer_pointer(*function.parameters[index].type)) {
      return fmt::format("the element count of the array result (parameter {}) is not a "
                         "pointer to an integer",
                         index + 1);
    }
    ParameterBinding array_count;
    array_count.pen_type = PenType::None;
    array_count.conversion = ArgumentConversion::ArrayCount;
    array_count.integer = function.parameters[index].type->pointee->integer;
    planned[index] = std::move(array_count);
  }
  return std::nullopt;
}

std::variant<ResultBinding, Unsupported> list_result(const ir::Function& function,
                                                     TypePlan& types) {
  const auto& type = *function.result;
  if (type.kind != ir::TypeKind::Pointer || !type.pointee) {
    return Unsupported{"an array result must be a pointer"};
  }
  auto element = *type.pointee;
  element.is_const = false;
  auto mapped = map_result_type(element);
  if (std::holds_alternative<Unsupported>(mapped) && element.kind == ir::TypeKind::Pointer &&
      element.pointee && element.pointee->kind == ir::TypeKind::Record) {
    mapped = types.result(element);
  }
  const auto* binding = std::get_if<ResultBinding>(&mapped);
  const bool is_handle =
      binding && binding->conversion == ResultConversion::Handle && !binding->function_pointer;
  if (!binding || binding->conversion == ResultConversion::None ||
      binding->conversion == ResultConversion::Record ||
      (binding->conversion == ResultConversion::Handle && !is_handle)) {
    return Unsupported{fmt::format("arrays of '{}' are not supported (numbers, booleans and "
                                   "strings are)",
                                   element.spelling)};
  }
  ResultBinding list;
  list.conversion = ResultConversion::List;
  list.element = binding->conversion;
  list.pen_type = binding->pen_type;
  list.integer = binding->integer;
  list.pen_type_name = binding->pen_type_name;
  list.type_info = binding->type_info;
  switch (binding->conversion) {
  case ResultConversion::Handle:
    list.c_type = element.spelling;
    break;
  case ResultConversion::CString:
    list.c_type = "char *";
    break;
  case ResultConversion::Floating:
    list.c_type = ir::c_spelling(element.floating);
    break;
  case ResultConversion::Bool:
    list.c_type = "bool";
    break;
  default:
    list.c_type = ir::c_spelling(binding->integer);
    break;
  }
  return list;
}

void collect_list_types(Package& package, std::unordered_set<std::string>& shim_symbols) {
  std::map<std::string, ListBuilder> builders;
  std::map<std::string, ListExport> exports;
  for (auto& item : package.items) {
    auto* function = std::get_if<FunctionBinding>(&item);
    if (!function) {
      continue;
    }
    for (const auto& parameter : function->parameters) {
      if (parameter.conversion == ArgumentConversion::List) {
        builders.emplace(parameter.list_builder,
                         ListBuilder{parameter.list_builder, parameter.c_type, parameter.pen_type,
                                     builder_conversion(parameter), parameter.integer});
      }
    }
    auto& result = function->result;
    if (result.conversion == ResultConversion::List && result.fallible) {
      result.to_any_symbol = fmt::format("{}list_{}_to_any", package.prefix,
                                         result.pen_type == PenType::Named
                                             ? result.pen_type_name
                                             : std::string(pen_spelling(result.pen_type)));
      exports.emplace(result.to_any_symbol,
                      ListExport{result.to_any_symbol, result.pen_type, result.pen_type_name});
    }
  }
  // A C function whose shim symbol is one of the generated ones keeps it; the generated
  // symbol moves aside.
  std::map<std::string, std::string> renamed;
  const auto clashes = [&](const std::string& symbol, std::initializer_list<const char*> suffixes) {
    return std::any_of(suffixes.begin(), suffixes.end(),
                       [&](const char* suffix) { return shim_symbols.contains(symbol + suffix); });
  };
  for (auto& [symbol, builder] : builders) {
    auto chosen = symbol;
    while (clashes(chosen, {"_new", "_push", "_fill", "_type"})) {
      chosen += '_';
    }
    for (const char* suffix : {"_new", "_push", "_fill", "_type"}) {
      shim_symbols.insert(chosen + suffix);
    }
    builder.symbol = chosen;
    renamed[symbol] = chosen;
    package.list_builders.push_back(builder);
  }
  for (auto& [symbol, list_export] : exports) {
    auto chosen = symbol;
    while (clashes(chosen, {""})) {
      chosen += '_';
    }
    shim_symbols.insert(chosen);
    list_export.symbol = chosen;
    renamed[symbol] = chosen;
    package.list_exports.push_back(list_export);
  }
  for (auto& item : package.items) {
    if (auto* function = std::get_if<FunctionBinding>(&item)) {
      for (auto& parameter : function->parameters) {
        if (parameter.conversion == ArgumentConversion::List) {
          parameter.list_builder = renamed.at(parameter.list_builder);
        }
      }
      if (!function->result.to_any_symbol.empty() &&
          function->result.conversion == ResultConversion::List) {
        function->result.to_any_symbol = renamed.at(function->result.to_any_symbol);
      }
    }
  }
  const auto by_symbol = [](const auto& a, const auto& b) { return a.symbol < b.symbol; };
  std::sort(package.list_builders.begin(), package.list_builders.end(), by_symbol);
  std::sort(package.list_exports.begin(), package.list_exports.end(), by_symbol);
}

} // namespace pen_bindgen::mapping
