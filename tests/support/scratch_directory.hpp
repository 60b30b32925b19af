#pragma once

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>
#include <unistd.h>

namespace pen_bindgen::testing {

// A fresh directory under the system's temporary directory for one test, removed at its end,
// with files written into it. Shared by the unit and frontend tests.
class ScratchDirectory {
public:
  explicit ScratchDirectory(const std::string& purpose = "test") {
    auto pattern =
        (std::filesystem::temp_directory_path() / ("pen-bindgen-" + purpose + "-XXXXXX")).string();
    REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    root_ = pattern;
  }
  ~ScratchDirectory() {
    namespace fs = std::filesystem;
    // Undo any chmod a test made, so that removal works.
    std::error_code error;
    for (auto it = fs::recursive_directory_iterator(root_, error);
         !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
      if (it->is_directory()) {
        fs::permissions(it->path(), fs::perms::owner_all, fs::perm_options::add, error);
      }
    }
    fs::permissions(root_, fs::perms::owner_all, fs::perm_options::add, error);
    fs::remove_all(root_, error);
  }
  ScratchDirectory(const ScratchDirectory&) = delete;
  ScratchDirectory& operator=(const ScratchDirectory&) = delete;

  const std::filesystem::path& root() const { return root_; }

  // Writes `contents` to `relative` below the directory, making its directories; its path.
  std::string write(const std::string& relative, const std::string& contents) const {
    auto path = root_ / relative;
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << contents;
    return path.string();
  }

private:
  std::filesystem::path root_;
};

} // namespace pen_bindgen::testing
