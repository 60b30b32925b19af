#pragma once

#include "pen_bindgen/frontend/file_selection.hpp"
#include "pen_bindgen/ir/library.hpp"

#include <string>
#include <vector>

namespace pen_bindgen::frontend {

// The directories of -I options among clang's arguments, in order, as written.
std::vector<std::string> user_include_directories(const std::vector<std::string>& clang_args);

// How the shim includes a named header: relative to a system root (<curl/curl.h>), else to a
// user -I directory, else by its base name with its own directory as -I.
ir::Header describe_header(const std::string& given_path, const SystemIncludeRoots& roots,
                           const std::vector<std::string>& include_directories);

} // namespace pen_bindgen::frontend
