#pragma once

#include "pen_bindgen/mapping/package.hpp"

#include <string>

namespace pen_bindgen::emit {

// pen.json (pen-abi §8.1).
std::string emit_pen_json(const mapping::Package& package);

// pen-ffi.sh: Pen runs `pen-ffi.sh -t <target> <archive>`; it compiles ffi/*.c with -fPIC and
// writes one self-contained static archive with the objects of every --link library (pen-abi §8.2).
// Named with an extension because Pen finds the script by the glob `pen-ffi.*`.
std::string emit_pen_ffi_script(const mapping::Package& package);

} // namespace pen_bindgen::emit
