#include "pen_bindgen/ir/file_identity.hpp"

#include <system_error>
#include <unordered_map>

namespace pen_bindgen::ir {

namespace fs = std::filesystem;

namespace {

// The answer without memos: weakly_canonical stats every leading directory and realpath reads
// every component's link.
fs::path resolve(const fs::path& path) {
  std::error_code error;
  auto resolved = fs::weakly_canonical(fs::absolute(path, error), error);
  if (error) {
    return fs::absolute(path, error).lexically_normal();
  }
  return resolved;
}

// A file that is not a symlink resolves to its resolved directory and its own name; a symlink,
// ".", ".." or a path without a directory is resolved whole.
fs::path resolve_through_directory(const fs::path& path,
                                   std::unordered_map<std::string, fs::path>& directories) {
  const auto name = path.filename();
  if (name.empty() || name == "." || name == ".." || !path.has_parent_path()) {
    return resolve(path);
  }
  std::error_code error;
  const auto status = fs::symlink_status(path, error);
  if ((error && error != std::errc::no_such_file_or_directory) || fs::is_symlink(status)) {
    return resolve(path);
  }
  const auto directory = path.parent_path();
  auto found = directories.find(directory.native());
  if (found == directories.end()) {
    found = directories.emplace(directory.native(), resolve(directory)).first;
  }
  return found->second / name;
}

} // namespace

fs::path resolved_path(const fs::path& given) {
  // Remembered by absolute path, so that a change of the working directory cannot make an
  // answer stale; per thread: the parse groups of a tree run on their own threads
  // (cli/parallel_parse.cpp).
  thread_local std::unordered_map<std::string, fs::path> files;
  thread_local std::unordered_map<std::string, fs::path> directories;
  std::error_code error;
  const auto path = given.is_absolute() ? given : fs::absolute(given, error);
  if (error) {
    return resolve(given);
  }
  const auto& key = path.native();
  if (auto found = files.find(key); found != files.end()) {
    return found->second;
  }
  return files.emplace(key, resolve_through_directory(path, directories)).first->second;
}

std::string file_identity(const std::string& path) {
  return resolved_path(path).string();
}

} // namespace pen_bindgen::ir
