#include "pen_bindgen/frontend/include_spelling.hpp"

#include <system_error>

namespace pen_bindgen::frontend {

namespace fs = std::filesystem;

namespace {

// "<" + path + ">", built by appending: GCC 12 at -O3 warns falsely (-Wrestrict) on
// `"literal" + std::string`.
std::string angle_bracketed(const std::string& path) {
  std::string spelling;
  spelling.reserve(path.size() + 2);
  spelling += '<';
  spelling += path;
  spelling += '>';
  return spelling;
}

std::string absolute_directory(const fs::path& directory) {
  std::error_code error;
  auto normal = fs::absolute(directory, error).lexically_normal();
  // "/work/." normalizes to "/work/"; a -I is spelled without the trailing separator.
  if (!normal.has_filename() && normal != normal.root_path()) {
    normal = normal.parent_path();
  }
  return normal.string();
}

} // namespace

std::vector<std::string> user_include_directories(const std::vector<std::string>& clang_args) {
  std::vector<std::string> directories;
  for (std::size_t index = 0; index < clang_args.size(); ++index) {
    const auto& argument = clang_args[index];
    if (argument == "-I" && index + 1 < clang_args.size()) {
      directories.push_back(clang_args[++index]);
    } else if (argument.starts_with("-I") && argument.size() > 2) {
      directories.push_back(argument.substr(2));
    }
  }
  return directories;
}

ir::Header describe_header(const std::string& given_path, const SystemIncludeRoots& roots,
                           const std::vector<std::string>& include_directories) {
  ir::Header header;
  header.path = given_path;
  auto real = real_path(given_path);
  if (auto root = roots.root_of(real)) {
    header.include_spelling = angle_bracketed(real.lexically_relative(*root).generic_string());
    return header;
  }
  // The deepest -I directory gives the shortest spelling; any containing one would do.
  std::string best_directory;
  fs::path best_relative;
  for (const auto& directory : include_directories) {
    auto real_directory = real_path(directory);
    if (!is_within(real, real_directory)) {
      continue;
    }
    auto relative = real.lexically_relative(real_directory);
    if (best_directory.empty() || std::distance(relative.begin(), relative.end()) <
                                      std::distance(best_relative.begin(), best_relative.end())) {
      best_directory = directory;
      best_relative = relative;
    }
  }
  if (!best_directory.empty()) {
    header.include_spelling = angle_bracketed(best_relative.generic_string());
    header.include_directory = absolute_directory(best_directory);
    return header;
  }
  fs::path given(given_path);
  header.include_spelling = angle_bracketed(given.filename().string());
  header.include_directory =
      absolute_directory(given.parent_path().empty() ? fs::path(".") : given.parent_path());
  return header;
}

} // namespace pen_bindgen::frontend
