#pragma once

#include "pen_bindgen/frontend/parser.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>
#include <unistd.h>

namespace pen_bindgen::frontend::testing {

// A fresh temporary directory with headers written into it, removed afterwards.
class HeaderDirectory {
public:
  HeaderDirectory() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "pen-bindgen-frontend-XXXXXX").string();
    REQUIRE(mkdtemp(pattern.data()) != nullptr);
    root_ = pattern;
  }
  ~HeaderDirectory() {
    std::error_code error;
    std::filesystem::remove_all(root_, error);
  }
  HeaderDirectory(const HeaderDirectory&) = delete;
  HeaderDirectory& operator=(const HeaderDirectory&) = delete;

  std::string write(const std::string& relative, const std::string& contents) const {
    auto path = root_ / relative;
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path) << contents;
    return path.string();
  }
  const std::filesystem::path& root() const { return root_; }

private:
  std::filesystem::path root_;
};

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
