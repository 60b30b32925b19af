#pragma once

#include "pen_bindgen/config/overrides.hpp"
#include "pen_bindgen/diagnostic.hpp"
#include "pen_bindgen/ir/library.hpp"
#include "pen_bindgen/mapping/package.hpp"

#include <vector>

namespace pen_bindgen::mapping {

// Decisions about handle types that need every function bound first (docs/type-mapping.md):
// the config's `[types.X] destructor`, and the Pen-exported `T -> any` conversion of each handle
// type some `T | none` result uses. A [types.X] entry naming no handle type is a warning.
void finish_handle_types(const ir::Library& library, const config::Overrides& overrides,
                         Package& package, std::vector<Diagnostic>& diagnostics);

} // namespace pen_bindgen::mapping
