#pragma once

#include <string>

namespace pen_bindgen::ir {

// The same file whether clang spells it relative, absolute or through "..": its canonical path
// (or the normalized absolute path of a file that does not exist).
std::string file_identity(const std::string& path);

} // namespace pen_bindgen::ir
