#pragma once

#include "pen_bindgen/mapping/package.hpp"

#include <string>

namespace pen_bindgen::emit {

// The shim's C side of the functions Pen implements (docs/exports.md): for each, the prototype
// of the Pen export and a C function with the header's prototype that calls it. Empty when the
// package exports nothing.
std::string export_adapters(const mapping::Package& package);

// Prototypes of the static adapters of exported callback typedefs and of the functions that
// hand out their addresses, which the shim functions call before the definitions.
std::string export_adapter_declarations(const mapping::Package& package);

} // namespace pen_bindgen::emit
