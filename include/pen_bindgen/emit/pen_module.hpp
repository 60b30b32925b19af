#pragma once

#include "pen_bindgen/mapping/modules.hpp"
#include "pen_bindgen/mapping/package.hpp"

#include <string>

namespace pen_bindgen::emit {

// The Pen module (<Name>.pen): foreign imports of the shim symbols, then public wrappers,
// constants and comments for skipped declarations, in `pen format` layout (pen-abi §7.6).
std::string emit_pen_module(const mapping::Package& package);
// One module of a header tree's package: what the split put in it.
std::string emit_pen_module(const mapping::Package& package, const mapping::Module& module);

// The `import foreign "c" <shim symbol> <function type>` line of a function, newline-terminated;
// Context/context.pen of a system package uses the same lines and types.
std::string foreign_import_line(const mapping::FunctionBinding& function);

} // namespace pen_bindgen::emit
