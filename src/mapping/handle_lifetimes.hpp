#pragma once

#include "pen_bindgen/config/overrides.hpp"
#include "pen_bindgen/diagnostic.hpp"
#include "pen_bindgen/ir/library.hpp"
#include "pen_bindgen/mapping/package.hpp"

#include <string>
#include <vector>

namespace pen_bindgen::mapping {

// "struct sqlite3" and "sqlite3" name the same type in a [types.X] key or a config entry.
std::string without_record_tag(const std::string& c_name);

// Decisions about handle types that need every function bound first (docs/type-mapping.md):
// the config's `[types.X] destructor`, and the Pen-exported `T -> any` conversion of each handle
// type some `T | none` result uses. A [types.X] entry naming no handle type is a warning.
void finish_handle_types(const ir::Library& library, const config::Overrides& overrides,
                         Package& package, std::vector<Diagnostic>& diagnostics);

} // namespace pen_bindgen::mapping
