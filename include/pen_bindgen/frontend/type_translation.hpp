#pragma once

#include "pen_bindgen/ir/type.hpp"

#include <clang-c/Index.h>
#include <cstddef>
#include <functional>
#include <string>
#include <unordered_map>
#include <utility>
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

// translate_type and translate_parameter_type for the types of one translation unit, each type
// translated once, the types it is made of too. libclang's types are uniqued per translation
// unit (one CXType.data[0], clang's QualType, per type), and headers name the same few types
// thousands of times (openssl's `SSL *`). Types are immutable, so the translations are shared.
class TypeTranslator {
public:
  explicit TypeTranslator(SourceLanguage language = SourceLanguage::C) : language_(language) {}

  SourceLanguage language() const { return language_; }
  ir::TypePtr type(CXType type) { return cached(type, false); }
  ir::TypePtr parameter_type(CXType type) { return cached(type, true); }

private:
  using Key = std::pair<const void*, bool>; // the type; whether as a parameter
  struct KeyHash {
    std::size_t operator()(const Key& key) const {
      return std::hash<const void*>()(key.first) ^ static_cast<std::size_t>(key.second);
    }
  };

  ir::TypePtr cached(CXType type, bool as_parameter);
  ir::TypePtr translate(CXType written);
  ir::TypePtr translate_parameter(CXType written);

  SourceLanguage language_;
  std::unordered_map<Key, ir::TypePtr, KeyHash> translations_; // lookups only, never iterated
};

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
