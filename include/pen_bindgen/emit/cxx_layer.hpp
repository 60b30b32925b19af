#pragma once

#include "pen_bindgen/mapping/cxx_lowering.hpp"

#include <string>

namespace pen_bindgen::emit {

// The generated extern "C" layer of a C++ library (docs/cplusplus.md).

// ffi/<stem>_cxx.h: a C header (include guard, `extern "C"` under C++) with an opaque typedef
// per class and the prototype of every layer function. The shim includes it.
std::string emit_cxx_layer_header(const mapping::CxxLayer& layer);

// ffi/<stem>_cxx.cpp: includes the user's C++ headers and the header above, and defines each
// layer function: NULL checks, the call with its conversions, and the exception handling.
std::string emit_cxx_layer_source(const mapping::CxxLayer& layer);

// "ffi/geo_cxx.h" and "ffi/geo_cxx.cpp".
std::string cxx_layer_header_path(const mapping::CxxLayer& layer);
std::string cxx_layer_source_path(const mapping::CxxLayer& layer);

} // namespace pen_bindgen::emit
