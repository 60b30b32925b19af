#include "pen_bindgen/frontend/file_selection.hpp"

#include "pen_bindgen/frontend/translation_unit.hpp"
#include "pen_bindgen/ir/file_identity.hpp"

#include <algorithm>

namespace pen_bindgen::frontend {

namespace fs = std::filesystem;

namespace {

// Debian's multiarch directory drops the vendor: x86_64-pc-linux-gnu -> x86_64-linux-gnu.
std::string multiarch_name(const std::string& triple) {
  auto first_dash = triple.find('-');
  if (first_dash == std::string::npos) {
    return triple;
  }
  auto second_dash = triple.find('-', first_dash + 1);
  if (second_dash == std::string::npos) {
    return triple;
  }
  auto vendor = triple.substr(first_dash + 1, second_dash - first_dash - 1);
  if (vendor == "pc" || vendor == "unknown") {
    return triple.substr(0, first_dash) + triple.substr(second_dash);
  }
  return triple;
}

// clang's builtin headers live in <prefix>/lib*/clang/<version>/include, whatever the prefix
// and version of the libclang that is loaded.
bool is_clang_resource_include(const fs::path& directory) {
  if (directory.filename() != "include") {
    return false;
  }
  auto clang_directory = directory.parent_path().parent_path();
  return clang_directory.filename() == "clang" &&
         clang_directory.parent_path().filename().string().starts_with("lib");
}

} // namespace

fs::path real_path(const fs::path& path) {
  return ir::resolved_path(path);
}

bool is_within(const fs::path& file, const fs::path& directory) {
  auto relative = file.lexically_relative(directory);
  return !relative.empty() && *relative.begin() != ".." && relative != ".";
}

SystemIncludeRoots::SystemIncludeRoots(const std::string& target_triple) {
  auto multiarch = multiarch_name(target_triple);
  for (const char* base : {"/usr/include", "/usr/local/include"}) {
    roots_.push_back(real_path(base));
    roots_.push_back(real_path(fs::path(base) / multiarch));
  }
}

bool SystemIncludeRoots::is_root(const fs::path& real_directory) const {
  return std::find(roots_.begin(), roots_.end(), real_directory) != roots_.end() ||
         is_clang_resource_include(real_directory);
}

std::optional<fs::path> SystemIncludeRoots::root_of(const fs::path& real_file) const {
  for (auto directory = real_file.parent_path(); directory != directory.root_path();
       directory = directory.parent_path()) {
    if (is_root(directory)) {
      return directory;
    }
  }
  return std::nullopt;
}

OwnFiles::OwnFiles(const std::vector<std::string>& headers, const SystemIncludeRoots& roots) {
  for (const auto& header : headers) {
    auto file = real_path(header);
    files_.insert(file.string());
    auto directory = file.parent_path();
    // Each directory once: a tree's headers mostly share a few.
    if (!roots.is_root(directory) &&
        std::find(directories_.begin(), directories_.end(), directory) == directories_.end()) {
      directories_.push_back(std::move(directory));
    }
  }
}

bool OwnFiles::contains(const fs::path& real_file) const {
  return files_.contains(real_file.string()) ||
         std::any_of(directories_.begin(), directories_.end(),
                     [&](const fs::path& directory) { return is_within(real_file, directory); });
}

FileTable::FileTable(CXTranslationUnit unit, CXFile umbrella, const OwnFiles& own_files,
                     const std::vector<std::string>& headers)
    : umbrella_(umbrella), own_files_(own_files) {
  for (const auto& header : headers) {
    given_names_.emplace(real_path(header), header);
  }
  // clang_getInclusions reports files in the order they were entered: first inclusion order.
  std::vector<CXFile> files;
  clang_getInclusions(
      unit,
      [](CXFile file, CXSourceLocation*, unsigned, CXClientData data) {
        static_cast<std::vector<CXFile>*>(data)->push_back(file);
      },
      &files);
  for (CXFile file : files) {
    if (file == umbrella_ || clang_File_isEqual(file, umbrella_)) {
      continue;
    }
    auto name = take_string(clang_getFileName(file));
    order_.emplace(real_path(name), static_cast<unsigned>(order_.size()));
    files_read_.push_back(name);
  }
  std::sort(files_read_.begin(), files_read_.end());
  files_read_.erase(std::unique(files_read_.begin(), files_read_.end()), files_read_.end());
}

const FileInfo& FileTable::info(CXFile file) {
  auto cached = cache_.find(file);
  if (cached != cache_.end()) {
    return cached->second;
  }
  FileInfo info;
  if (file == umbrella_ || clang_File_isEqual(file, umbrella_)) {
    info.is_umbrella = true;
    return cache_.emplace(file, info).first->second;
  }
  auto name = take_string(clang_getFileName(file));
  auto real = real_path(name);
  info.is_own = own_files_.contains(real);
  auto order = order_.emplace(real, static_cast<unsigned>(order_.size())).first;
  info.order = order->second;
  auto given = given_names_.find(real);
  info.display_name = given != given_names_.end() ? given->second : name;
  return cache_.emplace(file, std::move(info)).first->second;
}

} // namespace pen_bindgen::frontend
