#pragma once

#include "pen_bindgen/config/overrides.hpp"
#include "pen_bindgen/diagnostic.hpp"
#include "pen_bindgen/ir/library.hpp"

#include <string>
#include <vector>

namespace pen_bindgen::mapping {

// A pointer to record `derived_id` converts to one to record `base_id` through `function`
// (`Base *function(Derived *)`): a C++ base class after lowering (ir::RecordDefinition::bases),
// or a config `[types.X] bases` entry (docs/config.md).
struct UpcastEdge {
  std::string derived_id;
  std::string base_id;
  std::string function;
};

// The records' bases and the config's, in record order then config order. A config entry naming
// an unknown type or a function that is not a one-parameter function of the headers is a warning.
std::vector<UpcastEdge> collect_upcasts(const ir::Library& library,
                                        const config::Overrides& overrides,
                                        std::vector<Diagnostic>& diagnostics);

// Upcast functions are bound as `<Derived>As<Base>` helpers (FunctionKind::HandleUpcast), which
// keep the derived handle's lifetime, instead of as plain functions.
bool is_upcast_function(const std::vector<UpcastEdge>& upcasts, const std::string& c_name);

} // namespace pen_bindgen::mapping
