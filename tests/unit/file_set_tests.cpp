#include "pen_bindgen/output/file_set.hpp"
#include "scratch_directory.hpp"

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
using pen_bindgen::testing::ScratchDirectory;

namespace {

std::string read(const fs::path& path) {
  std::ifstream stream(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(stream), std::istreambuf_iterator<char>()};
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
  ScratchDirectory temporary("file-set");
  const auto output = temporary.root() / "out" / "zlib";

  REQUIRE(write_file_set(output, sample_files).empty());

  CHECK(tree(output) ==
        std::vector<std::string>{"Zlib.pen", "ffi", "ffi/zlib_shim.c", "pen-ffi.sh", "pen.json"});
  CHECK(read(output / "pen.json") == "{}\n");
  CHECK(read(output / "ffi/zlib_shim.c") == "/* shim */\n");
}

TEST_CASE("write_file_set sets 0755 on executables and 0644 otherwise, whatever the umask",
          "[file_set]") {
  ScratchDirectory temporary("file-set");
  const mode_t previous = ::umask(077);
  const auto errors = write_file_set(temporary.root(), sample_files);
  ::umask(previous);

  REQUIRE(errors.empty());
  CHECK(mode_of(temporary.root() / "pen-ffi.sh") == 0755);
  CHECK(mode_of(temporary.root() / "pen.json") == 0644);
}

TEST_CASE("write_file_set leaves current files untouched and rewrites stale ones", "[file_set]") {
  ScratchDirectory temporary("file-set");
  REQUIRE(write_file_set(temporary.root(), sample_files).empty());

  // Age every file, so that any rewrite would show as a newer modification time.
  const auto old_time = fs::file_time_type::clock::now() - std::chrono::hours(1);
  for (const auto& [relative, file] : sample_files) {
    fs::last_write_time(temporary.root() / relative, old_time);
  }

  FileSet changed = sample_files;
  changed["Zlib.pen"].contents = "# changed\n";
  changed["pen.json"].executable = true; // a mode change alone also counts as stale
  REQUIRE(write_file_set(temporary.root(), changed).empty());

  CHECK(fs::last_write_time(temporary.root() / "ffi/zlib_shim.c") == old_time);
  CHECK(fs::last_write_time(temporary.root() / "pen-ffi.sh") == old_time);
  CHECK(fs::last_write_time(temporary.root() / "Zlib.pen") != old_time);
  CHECK(read(temporary.root() / "Zlib.pen") == "# changed\n");
  CHECK(mode_of(temporary.root() / "pen.json") == 0755);
}

TEST_CASE("write_file_set keeps files that are not in the set", "[file_set]") {
  ScratchDirectory temporary("file-set");
  temporary.write("NOTES.md", "mine\n");

  REQUIRE(write_file_set(temporary.root(), sample_files).empty());

  CHECK(read(temporary.root() / "NOTES.md") == "mine\n");
}

TEST_CASE("write_file_set refuses an output path that is a file", "[file_set]") {
  ScratchDirectory temporary("file-set");
  const auto output = temporary.root() / "out";
  temporary.write("out", "not a directory\n");

  const auto errors = write_file_set(output, sample_files);

  REQUIRE(errors.size() == 1);
  CHECK(errors[0].message == "cannot create directory '" + output.string() + "': Not a directory");
  CHECK(read(output) == "not a directory\n");
}

TEST_CASE("write_file_set reports an unwritable directory and leaves no temporary files",
          "[file_set]") {
  ScratchDirectory temporary("file-set");
  fs::path output;
  if (::geteuid() == 0) {
    // root writes anywhere regardless of permissions; a path below a regular file still fails.
    temporary.write("file", "x\n");
    output = temporary.root() / "file" / "out";
  } else {
    output = temporary.root() / "read-only";
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
    // Staging stops at the first error (Zlib.pen sorts first): ffi/zlib_shim.c, whose directory
    // is writable, is never written, and no temporary is left.
    CHECK(errors.size() == 1);
    fs::permissions(output, fs::perms::owner_all);
    CHECK(tree(output) == std::vector<std::string>{"ffi"});
  }
}

TEST_CASE("write_file_set leaves no temporary files after success", "[file_set]") {
  ScratchDirectory temporary("file-set");
  REQUIRE(write_file_set(temporary.root(), sample_files).empty());
  FileSet changed = sample_files;
  for (auto& [relative, file] : changed) {
    file.contents += "more\n";
  }
  REQUIRE(write_file_set(temporary.root(), changed).empty());

  CHECK(tree(temporary.root()) ==
        std::vector<std::string>{"Zlib.pen", "ffi", "ffi/zlib_shim.c", "pen-ffi.sh", "pen.json"});
}

TEST_CASE("write_file_set reports a target that is a directory and cleans up", "[file_set]") {
  ScratchDirectory temporary("file-set");
  fs::create_directory(temporary.root() / "Zlib.pen");

  const auto errors = write_file_set(temporary.root(), sample_files);

  REQUIRE(errors.size() == 1);
  CHECK(errors[0].message ==
        "cannot write '" + (temporary.root() / "Zlib.pen").string() + "': Is a directory");
  CHECK(tree(temporary.root()) ==
        std::vector<std::string>{"Zlib.pen", "ffi", "ffi/zlib_shim.c", "pen-ffi.sh", "pen.json"});
}

TEST_CASE("write_file_set writes nothing when a file cannot be staged, even for root",
          "[file_set]") {
  // A name the file system takes (250 bytes) whose temporary (".<name>.tmp-<pid>-<n>") it does
  // not: staging fails whoever runs the test, where permissions do not stop root.
  const std::string long_name = "file" + std::string(246, 'a');
  FileSet files = sample_files;
  files[long_name] = {"long\n", false};
  ScratchDirectory temporary("file-set");

  const auto errors = write_file_set(temporary.root(), files);

  REQUIRE(errors.size() == 1);
  CHECK(errors[0].message ==
        "cannot write '" + (temporary.root() / long_name).string() + "': File name too long");
  // Zlib.pen and ffi/zlib_shim.c sort before it and were staged: they are gone again.
  CHECK(tree(temporary.root()) == std::vector<std::string>{"ffi"});
}
