#pragma once

#include "pen_bindgen/mapping/package.hpp"

#include <string>

namespace pen_bindgen::emit {

// The module of Pen stubs for the functions Pen implements (docs/exports.md): one
// `foreign "c"` definition per export, whose body type-checks and says what to implement.
// The user owns the file; the CLI writes it only when it does not exist.
std::string emit_exports_module(const mapping::Package& package);

// "PluginExports.pen".
std::string exports_module_path(const mapping::Package& package);

} // namespace pen_bindgen::emit
