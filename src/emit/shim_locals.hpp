#pragma once

#include <cstddef>
#include <string>

namespace pen_bindgen::emit {

// Names of the shim's own parameters and locals. They never reuse C names, since a header may
// #define any of them; the `pen_` prefix is ours (pen_abi.h), so nothing a library declares can
// collide with it.
std::string shim_argument(std::size_t index); // pen_arg<i>: the Pen value as the shim receives it
std::string shim_local(std::size_t index);    // pen_c<i>: the argument converted for C
std::string shim_scratch(std::size_t index);  // pen_s<i>: storage an argument's C value points to

} // namespace pen_bindgen::emit
