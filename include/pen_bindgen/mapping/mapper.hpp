#pragma once

#include "pen_bindgen/config/overrides.hpp"
#include "pen_bindgen/diagnostic.hpp"
#include "pen_bindgen/ir/library.hpp"
#include "pen_bindgen/mapping/package.hpp"

#include <string>
#include <vector>

namespace pen_bindgen::mapping {

struct MappingOptions {
  std::string name;   // package name; empty: derived from the first header ("zlib.h" -> "Zlib")
  std::string prefix; // shim symbol prefix; empty: "_<name in lower case>_"
  std::vector<std::string> links;
  // Per-symbol overrides from --config (docs/config.md); an override that matches nothing is
  // reported as a warning at its place in the config file.
  config::Overrides overrides;
};

struct MappingResult {
  Package package;
  std::vector<Diagnostic> diagnostics; // one per skipped declaration, plus renames on collision
};

// Decides every binding: Pen names (collisions resolved deterministically and reported), Pen
// types and shim conversions. Declarations that cannot be bound become SkippedDeclaration items.
MappingResult map_library(const ir::Library& library, const MappingOptions& options);

// "zlib.h" -> "Zlib", "curl/curl.h" -> "Curl", "sqlite3.h" -> "Sqlite3".
std::string package_name_from_header(const std::string& header_path);

} // namespace pen_bindgen::mapping
