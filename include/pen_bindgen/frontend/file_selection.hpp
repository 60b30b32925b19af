#pragma once

#include <clang-c/Index.h>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace pen_bindgen::frontend {

// The path with symlinks resolved (what "the same file" means, DESIGN §10); the normalized
// absolute path when it does not exist.
std::filesystem::path real_path(const std::filesystem::path& path);

// Whether `file` lies under `directory` (both real paths), at any depth.
bool is_within(const std::filesystem::path& file, const std::filesystem::path& directory);

// Directories every package installs into (/usr/include, its multiarch directory, clang's
// builtin headers). A header directly in one does not make its neighbours the library's own,
// and #include spellings are relative to them.
class SystemIncludeRoots {
public:
  // `target_triple` as clang reports it ("x86_64-pc-linux-gnu") names the multiarch directory.
  explicit SystemIncludeRoots(const std::string& target_triple);

  bool is_root(const std::filesystem::path& real_directory) const;
  // The deepest root that contains the file, if any.
  std::optional<std::filesystem::path> root_of(const std::filesystem::path& real_file) const;

private:
  std::vector<std::filesystem::path> roots_;
};

// The library's own files: the named headers and everything below their directories, unless a
// directory is a system root (then only the header itself).
class OwnFiles {
public:
  OwnFiles(const std::vector<std::string>& headers, const SystemIncludeRoots& roots);
  bool contains(const std::filesystem::path& real_file) const;

private:
  // Real paths are normalized, so equal files have equal strings: hashed, because every file
  // of a translation unit is looked up and comparing paths goes component by component.
  std::unordered_set<std::string> files_;
  std::vector<std::filesystem::path> directories_;
};

struct FileInfo {
  bool is_umbrella = false;
  bool is_own = false;
  unsigned order = 0;       // position of the file's first inclusion
  std::string display_name; // the path as the user gave it for named headers, else clang's
};

// What the collector needs to know about each file of one translation unit, computed once per
// file so that walking cursors never touches the file system or allocates for known files.
class FileTable {
public:
  FileTable(CXTranslationUnit unit, CXFile umbrella, const OwnFiles& own_files,
            const std::vector<std::string>& headers);

  const FileInfo& info(CXFile file);
  // Every file the translation unit read except the umbrella, sorted, without duplicates.
  const std::vector<std::string>& files_read() const { return files_read_; }

private:
  CXFile umbrella_;
  const OwnFiles& own_files_;
  std::map<std::filesystem::path, std::string> given_names_; // real path -> as given
  std::map<std::filesystem::path, unsigned> order_;          // real path -> first inclusion
  std::unordered_map<CXFile, FileInfo> cache_;               // lookups only, never iterated
  std::vector<std::string> files_read_;
};

} // namespace pen_bindgen::frontend
