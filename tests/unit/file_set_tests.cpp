#include "pen_bindgen/output/file_set.hpp"

#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <sys/stat.h>
#include <unistd.h>

namespace fs = std::filesystem;
using pen_bindgen::output::FileSet;
using pen_bindgen::output::write_file_set;

namespace {

// A fresh directory under the system's temporary directory, removed at the end of the test.
class TemporaryDirectory {
public:
  TemporaryDirectory() {
    std::string pattern = (fs::temp_directory_path() / "pen-bindgen-file-set-XXXXXX").string();
    REQUIRE(::mkdtemp(pattern.data()) != nullptr);
    path_ = pattern;
  }
  ~TemporaryDirectory() {
    // Undo any chmod a test made, so that removal works.
    std::error_code error;
    for (auto it = fs::recursive_directory_iterator(path_, error);
         !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
      if (it->is_directory()) {
        fs::permissions(it->path(), fs::perms::owner_all, fs::perm_options::add, error);
      }
    }
    fs::permissions(path_, fs::perms::owner_all, fs::perm_options::add, error);
    fs::remove_all(path_, error);
  }
  TemporaryDirectory(const TemporaryDirectory&) = delete;
  TemporaryDirectory& operator=(const TemporaryDirectory&) = delete;

  const fs::path& path() const { return path_; }

private:
  fs::path path_;
};

std::string read(const fs::path& path) {
  std::ifstream stream(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(stream), std::istreambuf_iterator<char>()};
}

void write(const fs::path& path, const std::string& contents) {
  std::ofstream stream(path, std::ios::binary);
  stream << contents;
}

mode_t mode_of(const fs::path& path) {
  struct stat info {};
  REQUIRE(::stat(path.c_str(), &info) == 0);
  return info.st_mode & 07777;
}

// Every entry below `directory`, as relative paths, sorted.
std::vector<std::string> tree(const fs::path& directory) {
  std::vector<std::string> entries;
  for (const auto& entry : fs::recursive_directory_iterator(directory)) {
    entries.push_back(fs::relative(entry.path(), directory).string());
  }
  std::sort(entries.begin(), entries.end());
  return entries;
}

const FileSet sample_files{
    {"pen.json", {"{}\n", false}},
    {"Zlib.pen", {"# module\n", false}},
    {"ffi/zlib_shim.c", {"/* shim */\n", false}},
    {"pen-ffi.sh", {"#!/bin/sh\n", true}},
};

} // namespace

TEST_CASE("write_file_set creates the directories and writes every file", "[file_set]") {
  TemporaryDirectory temporary;
  const auto output = temporary.path() / "out" / "zlib";

  REQUIRE(write_file_set(output, sample_files).empty());

  CHECK(tree(output) ==
        std::vector<std::string>{"Zlib.pen", "ffi", "ffi/zlib_shim.c", "pen-ffi.sh", "pen.json"});
  CHECK(read(output / "pen.json") == "{}\n");
  CHECK(read(output / "ffi/zlib_shim.c") == "/* shim */\n");
}

TEST_CASE("write_file_set sets 0755 on executables and 0644 otherwise, whatever the umask",
          "[file_set]") {
  TemporaryDirectory temporary;
  const mode_t previous = ::umask(077);
  const auto errors = write_file_set(temporary.path(), sample_files);
  ::umask(previous);

  REQUIRE(errors.empty());
  CHECK(mode_of(temporary.path() / "pen-ffi.sh") == 0755);
  CHECK(mode_of(temporary.path() / "pen.json") == 0644);
}

TEST_CASE("write_file_set leaves current files untouched and rewrites stale ones", "[file_set]") {
  TemporaryDirectory temporary;
  REQUIRE(write_file_set(temporary.path(), sample_files).empty());

  // Age every file, so that any rewrite would show as a newer modification time.
  const auto old_time = fs::file_time_type::clock::now() - std::chrono::hours(1);
  for (const auto& [relative, file] : sample_files) {
    fs::last_write_time(temporary.path() / relative, old_time);
  }

  FileSet changed = sample_files;
  changed["Zlib.pen"].contents = "# changed\n";
  changed["pen.json"].executable = true; // a mode change alone also counts as stale
  REQUIRE(write_file_set(temporary.path(), changed).empty());

  CHECK(fs::last_write_time(temporary.path() / "ffi/zlib_shim.c") == old_time);
  CHECK(fs::last_write_time(temporary.path() / "pen-ffi.sh") == old_time);
  CHECK(fs::last_write_time(temporary.path() / "Zlib.pen") != old_time);
  CHECK(read(temporary.path() / "Zlib.pen") == "# changed\n");
  CHECK(mode_of(temporary.path() / "pen.json") == 0755);
}

TEST_CASE("write_file_set keeps files that are not in the set", "[file_set]") {
  TemporaryDirectory temporary;
  write(temporary.path() / "NOTES.md", "mine\n");

  REQUIRE(write_file_set(temporary.path(), sample_files).empty());

  CHECK(read(temporary.path() / "NOTES.md") == "mine\n");
}

TEST_CASE("write_file_set refuses an output path that is a file", "[file_set]") {
  TemporaryDirectory temporary;
  const auto output = temporary.path() / "out";
  write(output, "not a directory\n");

  const auto errors = write_file_set(output, sample_files);

  REQUIRE(errors.size() == 1);
  CHECK(errors[0].message == "cannot create directory '" + output.string() + "': Not a directory");
  CHECK(read(output) == "not a directory\n");
}

TEST_CASE("write_file_set reports an unwritable directory and leaves no temporary files",
          "[file_set]") {
  TemporaryDirectory temporary;
  fs::path output;
  if (::geteuid() == 0) {
    // root writes anywhere regardless of permissions; a path below a regular file still fails.
    write(temporary.path() / "file", "x\n");
    output = temporary.path() / "file" / "out";
  } else {
    output = temporary.path() / "read-only";
    fs::create_directory(output);
    fs::create_directory(output / "ffi");
    fs::permissions(output, fs::perms::owner_read | fs::perms::owner_exec);
  }

  const auto errors = write_file_set(output, sample_files);

  REQUIRE_FALSE(errors.empty());
  if (::geteuid() == 0) {
    CHECK(errors[0].message ==
          "cannot create directory '" + output.string() + "': Not a directory");
  } else {
    CHECK(errors[0].message ==
          "cannot write '" + (output / "Zlib.pen").string() + "': Permission denied");
    CHECK(errors.size() == 3); // everything but ffi/zlib_shim.c, whose directory is writable
    fs::permissions(output, fs::perms::owner_all);
    CHECK(tree(output) == std::vector<std::string>{"ffi", "ffi/zlib_shim.c"});
  }
}

TEST_CASE("write_file_set leaves no temporary files after success", "[file_set]") {
  TemporaryDirectory temporary;
  REQUIRE(write_file_set(temporary.path(), sample_files).empty());
  FileSet changed = sample_files;
  for (auto& [relative, file] : changed) {
    file.contents += "more\n";
  }
  REQUIRE(write_file_set(temporary.path(), changed).empty());

  CHECK(tree(temporary.path()) ==
        std::vector<std::string>{"Zlib.pen", "ffi", "ffi/zlib_shim.c", "pen-ffi.sh", "pen.json"});
}

TEST_CASE("write_file_set reports a target that is a directory and cleans up", "[file_set]") {
  TemporaryDirectory temporary;
  fs::create_directory(temporary.path() / "Zlib.pen");

  const auto errors = write_file_set(temporary.path(), sample_files);

  REQUIRE(errors.size() == 1);
  CHECK(errors[0].message ==
        "cannot write '" + (temporary.path() / "Zlib.pen").string() + "': Is a directory");
  CHECK(tree(temporary.path()) ==
        std::vector<std::string>{"Zlib.pen", "ffi", "ffi/zlib_shim.c", "pen-ffi.sh", "pen.json"});
}
