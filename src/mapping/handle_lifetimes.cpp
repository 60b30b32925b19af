#include "handle_lifetimes.hpp"

#include "overrides.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <set>
#include <string>
#include <string_view>
#include <unordered_set>
#include <variant>

namespace pen_bindgen::mapping {

namespace {

HandleType* handle_for(Package& package, const std::string& key) {
  for (auto& handle : package.handles) {
    // Function pointers are values: nothing to destroy (docs/type-mapping.md).
    if (!handle.is_buffer && !handle.is_function_pointer &&
        (handle.c_name == key || without_record_tag(handle.c_name) == without_record_tag(key))) {
      return &handle;
    }
  }
  return nullptr;
}

const FunctionBinding* function_named(const Package& package, const std::string& c_name) {
  for (const auto& item : package.items) {
    if (const auto* function = std::get_if<FunctionBinding>(&item);
        function && function->kind == FunctionKind::Call && function->c_name == c_name) {
      return function;
    }
  }
  return nullptr;
}

} // namespace

std::string without_record_tag(const std::string& c_name) {
  for (const std::string tag : {"struct ", "union "}) {
    if (c_name.rfind(tag, 0) == 0) {
      return c_name.substr(tag.size());
    }
  }
  return c_name;
}

void finish_handle_types(const ir::Library& library, const config::Overrides& overrides,
                         Package& package, std::vector<Diagnostic>& diagnostics) {
  // Only type overrides ask for the headers' function names, and most runs have none.
  std::unordered_set<std::string_view> functions;
  if (!overrides.types.empty()) {
    for (const auto& declaration : library.declarations) {
      if (const auto* function = std::get_if<ir::Function>(&declaration)) {
        functions.insert(function->name);
      }
    }
  }
  for (const auto& [key, entry] : overrides.types) {
    auto* handle = handle_for(package, key);
    if (!handle && entry.name && entry.destructor.empty() &&
        std::any_of(package.records.begin(), package.records.end(), [&](const RecordType& record) {
          return without_record_tag(record.c_name) == without_record_tag(key);
        })) {
      continue; // a rename of a by-value record type, applied when the type was planned
    }
    if (!handle) {
      diagnostics.push_back(override_warning(
          entry.location,
          fmt::format("[types.{}]: no handle type for pointers to '{}'", key, key)));
      continue;
    }
    if (entry.destructor.empty()) {
      continue;
    }
    // The finalizer calls it with the pointer alone, and C would convert `void *` to any other
    // pointer type silently: a function of the headers must take exactly this handle.
    if (functions.contains(entry.destructor)) {
      const auto* bound = function_named(package, entry.destructor);
      if (!bound || bound->parameters.size() != 1 ||
          bound->parameters.front().conversion != ArgumentConversion::Handle ||
          bound->parameters.front().pen_type_name != handle->pen_name) {
        diagnostics.push_back(override_warning(
            entry.location, fmt::format("[types.{}] destructor: '{}' must be bound and take one "
                                        "parameter, a '{} *'; not applied",
                                        key, entry.destructor, handle->c_name)));
        continue;
      }
    }
    // The shim sees the library's headers and <stdlib.h> (pen_abi.h), nothing else: a name from
    // neither is most likely a typo, and the shim would not compile.
    if (!functions.contains(entry.destructor) && entry.destructor != "free") {
      diagnostics.push_back(override_warning(
          entry.location,
          fmt::format("[types.{}] destructor: '{}' is not a function of the headers (or it "
                      "was filtered out); the shim must still see its declaration",
                      key, entry.destructor)));
    }
    handle->destructor = entry.destructor;
  }

  // `T | none` and `T | error` results: the shim makes the `any` through Pen's export.
  std::set<std::string> variant_types;
  for (const auto& item : package.items) {
    const auto* function = std::get_if<FunctionBinding>(&item);
    if (!function) {
      continue;
    }
    const auto& result = function->result;
    if ((result.nullable || result.fallible) && result.conversion == ResultConversion::Handle &&
        function->out_record.empty()) {
      variant_types.insert(result.pen_type_name);
    } else if (result.conversion == ResultConversion::List &&
               result.element == ResultConversion::Handle) {
      variant_types.insert(result.pen_type_name); // every element is an `any` (pen-abi 6.1)
    } else if (result.fallible &&
               (result.conversion == ResultConversion::Record || !function->out_record.empty())) {
      variant_types.insert(result.pen_type_name);
    }
  }
  for (auto& handle : package.handles) {
    if (variant_types.contains(handle.pen_name)) {
      handle.to_any_symbol = package.prefix + handle.pen_name + "_to_any";
    }
  }
  for (auto& record : package.records) {
    if (variant_types.contains(record.pen_name)) {
      record.to_any_symbol = package.prefix + record.pen_name + "_to_any";
    }
  }
}

} // namespace pen_bindgen::mapping
