// Writes <directory>/pen-ffi.sh for a package with the given stem and --link libraries, for the
// ffi_script test, which runs the script for real.
// usage: write_ffi_script <directory> <stem> [--cxx] [-I<include directory>]... [<link>]...
// --cxx: the package has a C++ layer (Package::has_cxx_layer).
#include "pen_bindgen/emit/build_files.hpp"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <string_view>

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: write_ffi_script <directory> <stem> [-I<dir>]... [<link>]...\n";
    return 2;
  }
  pen_bindgen::mapping::Package package;
  package.name = "Test";
  package.file_stem = argv[2];
  package.prefix = "_" + package.file_stem + "_";
  for (int i = 3; i < argc; ++i) {
    const std::string_view argument = argv[i];
    if (argument == "--cxx") {
      package.has_cxx_layer = true;
    } else if (argument.starts_with("-I")) {
      package.headers.push_back({"test.h", "<test.h>", std::string(argument.substr(2))});
    } else {
      package.links.emplace_back(argument);
    }
  }
  const auto path = std::filesystem::path(argv[1]) / "pen-ffi.sh";
  std::ofstream(path, std::ios::binary) << pen_bindgen::emit::emit_pen_ffi_script(package);
  using std::filesystem::perms;
  std::filesystem::permissions(path, perms::owner_all | perms::group_read | perms::group_exec |
                                         perms::others_read | perms::others_exec);
  return 0;
}
