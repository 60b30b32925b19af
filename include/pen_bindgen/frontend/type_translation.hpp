#pragma once

#include "pen_bindgen/ir/type.hpp"

#include <clang-c/Index.h>
#include <string>
#include <vector>

namespace pen_bindgen::frontend {

// The language the translation unit was parsed as. C++ adds references, std::string,
// std::string_view and std::vector, and names classes and enums by their qualified names.
enum class SourceLanguage { C, Cxx };

// A clang type as ir::Type: typedefs resolved through the canonical type, the written spelling
// kept for messages.
ir::TypePtr translate_type(CXType type, SourceLanguage language = SourceLanguage::C);

// A parameter's type: arrays and functions decay to pointers, as C adjusts them.
ir::TypePtr translate_parameter_type(CXType type, SourceLanguage language = SourceLanguage::C);

// C++: whether a struct or class declaration is bound as a C++ class (ir::CxxClass, a handle)
// rather than as a C record: a named struct or class outside any `extern "C"` block. Unions
// and records declared in `extern "C"` blocks (C headers included by C++ ones) stay C records.
bool is_cxx_class(CXCursor record_declaration);

// C++: whether the nearest linkage specification around a declaration is `extern "C"`.
bool is_in_c_linkage_block(CXCursor declaration);

// C++: the namespaces and classes enclosing a declaration, outermost first; inline namespaces
// are left out (`std::__cxx11::basic_string` is `std::basic_string`), anonymous ones appear as
// an empty string.
std::vector<std::string> enclosing_scope(CXCursor declaration);

} // namespace pen_bindgen::frontend
