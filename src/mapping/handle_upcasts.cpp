#include "handle_upcasts.hpp"

#include "handle_lifetimes.hpp"
#include "overrides.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <variant>

namespace pen_bindgen::mapping {

namespace {

const ir::RecordDefinition* record_named(const ir::Library& library, const std::string& name) {
  for (const auto& record : library.records) {
    if (!record.name.empty() && without_record_tag(record.name) == without_record_tag(name)) {
      return &record;
    }
  }
  return nullptr;
}

const ir::Function* function_named(const ir::Library& library, const std::string& name) {
  for (const auto& declaration : library.declarations) {
    if (const auto* function = std::get_if<ir::Function>(&declaration);
        function && function->name == name) {
      return function;
    }
  }
  return nullptr;
}

bool points_to(const ir::Type& type, const std::string& record_id) {
  return type.kind == ir::TypeKind::Pointer && type.pointee &&
         type.pointee->kind == ir::TypeKind::Record && type.pointee->record_id == record_id;
}

} // namespace

std::vector<UpcastEdge> collect_upcasts(const ir::Library& library,
                                        const config::Overrides& overrides,
                                        std::vector<Diagnostic>& diagnostics) {
  std::vector<UpcastEdge> edges;
  for (const auto& record : library.records) {
    for (const auto& base : record.bases) {
      edges.push_back({record.id, base.record_id, base.upcast_function});
    }
  }
  for (const auto& [key, entry] : overrides.types) {
    for (const auto& base : entry.bases) {
      const auto* derived = record_named(library, key);
      const auto* base_record = record_named(library, base.type);
      if (!derived || !base_record) {
        diagnostics.push_back(override_warning(
            base.location, fmt::format("[types.{}] bases: no struct or union '{}' in the headers",
                                       key, derived ? base.type : key)));
        continue;
      }
      const auto* upcast = function_named(library, base.upcast);
      if (!upcast || upcast->parameters.size() != 1 ||
          !points_to(*upcast->parameters.front().type, derived->id) ||
          !points_to(*upcast->result, base_record->id)) {
        diagnostics.push_back(override_warning(
            base.location,
            fmt::format("[types.{}] bases: '{}' must be a function of the headers taking a "
                        "pointer to '{}' and returning a pointer to '{}'",
                        key, base.upcast, key, base.type)));
        continue;
      }
      edges.push_back({derived->id, base_record->id, base.upcast});
    }
  }
  return edges;
}

bool is_upcast_function(const std::vector<UpcastEdge>& upcasts, const std::string& c_name) {
  return std::any_of(upcasts.begin(), upcasts.end(),
                     [&](const UpcastEdge& edge) { return edge.function == c_name; });
}

} // namespace pen_bindgen::mapping
