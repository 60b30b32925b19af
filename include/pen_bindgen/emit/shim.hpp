#pragma once

#include "pen_bindgen/mapping/package.hpp"

#include <string>

namespace pen_bindgen::emit {

// The C shim (ffi/<stem>_shim.c): one C function per binding that converts Pen values to C,
// calls the real function, converts the result back and drops what it owns (pen-abi §2).
std::string emit_shim(const mapping::Package& package);

// The shim's file name inside the package: "ffi/zlib_shim.c".
std::string shim_path(const mapping::Package& package);

} // namespace pen_bindgen::emit
