#pragma once

#include "pen_bindgen/config/overrides.hpp"
#include "pen_bindgen/diagnostic.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pen_bindgen::config {

// The options a config file can hold: the command line's, plus per-symbol overrides. An option
// the file does not set stays empty, so that the command line can tell "not given" apart.
// Paths (headers, output) are resolved against the config file's directory.
struct Config {
  std::string path; // the config file, as given
  std::vector<std::string> headers;
  std::optional<std::string> output;
  std::optional<std::string> name;
  std::optional<std::string> prefix;
  std::optional<std::string> package_type; // "library" or "system"
  std::optional<std::vector<std::string>> links;
  std::optional<std::vector<std::string>> allow;
  std::optional<std::vector<std::string>> block;
  std::optional<std::vector<std::string>> clang_args;
  Overrides overrides;
};

enum class Format { Toml, Json };

struct LoadResult {
  std::optional<Config> config;        // empty when there is an error
  std::vector<Diagnostic> diagnostics; // errors as `file:line:col: error: ... [config]`
};

// Reads the file; the format follows the extension (.toml or .json).
LoadResult load_config(const std::string& path);

// Parses `text` as if read from `path` (used for positions and relative paths).
LoadResult parse_config(std::string_view text, const std::string& path, Format format);

} // namespace pen_bindgen::config
