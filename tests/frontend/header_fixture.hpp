#pragma once

#include "pen_bindgen/frontend/parser.hpp"
#include "scratch_directory.hpp"

#include <catch2/catch.hpp>
#include <string>

namespace pen_bindgen::frontend::testing {

// A fresh temporary directory with headers written into it, removed afterwards.
using HeaderDirectory = pen_bindgen::testing::ScratchDirectory;

inline ir::Library parse_ok(ParseOptions options) {
  auto result = parse_headers(options);
  for (const auto& diagnostic : result.diagnostics) {
    UNSCOPED_INFO(format_diagnostic(diagnostic));
  }
  REQUIRE(result.library.has_value());
  return std::move(*result.library);
}

inline ir::Library parse_header(const std::string& path, std::vector<std::string> clang_args = {}) {
  ParseOptions options;
  options.headers = {path};
  options.clang_args = std::move(clang_args);
  return parse_ok(options);
}

template <typename T>
const T* find_declaration(const ir::Library& library, const std::string& name) {
  for (const auto& declaration : library.declarations) {
    if (const auto* found = std::get_if<T>(&declaration); found && found->name == name) {
      return found;
    }
  }
  return nullptr;
}

template <typename T>
const T& get_declaration(const ir::Library& library, const std::string& name) {
  const T* found = find_declaration<T>(library, name);
  INFO("declaration " << name);
  REQUIRE(found != nullptr);
  return *found;
}

inline std::vector<std::string> names(const ir::Library& library) {
  std::vector<std::string> result;
  for (const auto& declaration : library.declarations) {
    result.push_back(ir::name_of(declaration));
  }
  return result;
}

} // namespace pen_bindgen::frontend::testing
