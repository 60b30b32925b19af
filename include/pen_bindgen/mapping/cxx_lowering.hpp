#pragma once

#include "pen_bindgen/config/overrides.hpp"
#include "pen_bindgen/diagnostic.hpp"
#include "pen_bindgen/ir/library.hpp"

#include <string>
#include <vector>

namespace pen_bindgen::mapping {

// C++ headers are bound through a generated extern "C" layer (docs/cplusplus.md): the lowering
// turns the C++ IR into the C declarations of that layer, which map_library binds like any C
// header, plus the description of the C++ code behind each declaration, which emit/cxx_layer.hpp
// formats into ffi/<stem>_cxx.h and ffi/<stem>_cxx.cpp.

// What a wrapper does when the C++ call throws.
enum class CxxExceptionHandling {
  Report, // store a malloc'd copy of what() through the trailing `char **pen_error`
  Abort,  // print `pen-bindgen: uncaught C++ exception in <name>: <what>` and abort
  None,   // cannot throw (deleters, upcasts, getters): no try block
};

// One extern "C" function of the layer.
struct CxxLayerFunction {
  std::string c_name; // "pen_cxx_geo_area"
  // "double pen_cxx_geo_area(const pen_cxx_geo_Shape *shape, char **pen_error)"
  std::string c_prototype;
  std::string cxx_name; // what it wraps, for messages: "geo::area", "~geo::Shape"
  // Pointer parameters that must not be NULL (references, objects by value, `self`): a NULL
  // one is reported (Report) or aborts (Abort, None) before the call, naming the parameter.
  std::vector<std::string> non_null;
  // The C++ statement that calls and converts: "return <expression>;", or "<expression>;" for
  // a void result.
  std::string statement;
  bool returns_value = false;
  CxxExceptionHandling exceptions = CxxExceptionHandling::Report;
  // Report: the name of the `char **` parameter ("pen_error").
  std::string error_parameter;
};

// An opaque C type standing for a C++ class.
struct CxxLayerType {
  std::string c_name;   // "pen_cxx_geo_Shape"
  std::string cxx_name; // "geo::Shape"
};

struct CxxLayer {
  std::string file_stem; // "geo": ffi/geo_cxx.h and ffi/geo_cxx.cpp
  // The user's C++ headers, which ffi/<stem>_cxx.cpp includes (their include spellings).
  std::vector<ir::Header> cxx_headers;
  std::vector<CxxLayerType> types;         // in class order
  std::vector<CxxLayerFunction> functions; // in declaration order; upcasts and deleters included
  // Some prototype takes or returns `FILE *`: the C header includes <stdio.h>.
  bool includes_stdio = false;
};

struct CxxLowering {
  // The layer's C declarations (is_cxx false): pen_cxx_* functions, an incomplete record per
  // class (with its bases), constants with flat names, unbindable declarations (those of the
  // frontend and the C++ constructs that cannot be lowered). One header: the layer's.
  ir::Library library;
  // The caller's overrides, re-keyed to the flat C names, with a Pen name for every flat
  // function and type (the user's win), buffers for std::string parameters, `owned = "free"`
  // for std::string results and a destructor per class.
  config::Overrides overrides;
  CxxLayer layer;
  // Notes listing the names chosen for overload sets [overload-renamed], warnings for config
  // entries that do not apply.
  std::vector<Diagnostic> diagnostics;
};

// `file_stem` is the package's (Package::file_stem): the flat library's header is spelled
// "\"<stem>_cxx.h\"".
CxxLowering lower_cxx(const ir::Library& cxx_library, const config::Overrides& overrides,
                      const std::string& file_stem);

} // namespace pen_bindgen::mapping
