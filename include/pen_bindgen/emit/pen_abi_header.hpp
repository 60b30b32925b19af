#pragma once

#include <string>

namespace pen_bindgen::emit {

// ffi/pen_abi.h: Pen's value representation and the conversion helpers the shim uses
// (pen-abi Appendix A). The same text for every package.
std::string emit_pen_abi_header();

} // namespace pen_bindgen::emit
