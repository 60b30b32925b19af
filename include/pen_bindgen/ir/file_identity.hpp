#pragma once

#include <filesystem>
#include <string>

namespace pen_bindgen::ir {

// The path with symlinks resolved: the canonical path of a file (or the normalized absolute path
// of one that does not exist), what "the same file" means (DESIGN §10) whether clang spells it
// relative, absolute or through "..". Answers are remembered per thread for the run (the file
// system is not expected to change under a run): a large header tree asks about the same files
// and directories thousands of times, and each uncached answer is about ten system calls.
std::filesystem::path resolved_path(const std::filesystem::path& path);

// resolved_path as a string.
std::string file_identity(const std::string& path);

} // namespace pen_bindgen::ir
