#include "pen_bindgen/ir/file_identity.hpp"
#include "scratch_directory.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using pen_bindgen::ir::file_identity;
using pen_bindgen::ir::resolved_path;
using pen_bindgen::testing::ScratchDirectory;

namespace {

// What the memos must agree with: the resolution done afresh for every path.
fs::path uncached(const fs::path& path) {
  std::error_code error;
  auto resolved = fs::weakly_canonical(fs::absolute(path, error), error);
  return error ? fs::absolute(path, error).lexically_normal() : resolved;
}

} // namespace

TEST_CASE("resolved paths follow symlinks of files and directories, remembered or not",
          "[file_identity]") {
  ScratchDirectory scratch("identity");
  const auto& root = scratch.root();
  const fs::path real = scratch.write("real/include/thing.h", "int x;\n");
  scratch.write("real/include/other.h", "int x;\n");
  scratch.write("elsewhere/target.h", "int x;\n");
  fs::create_symlink(root / "real/include", root / "linked");
  // A symlinked file in a directory whose answer is remembered from a plain file before it.
  fs::create_symlink(root / "elsewhere/target.h", root / "real/include/alias.h");

  const std::vector<fs::path> paths = {
      root / "real/include/thing.h",
      root / "real/include/alias.h", // the file is the link
      root / "linked/thing.h",       // the directory is the link
      root / "linked/../real/include/other.h",
      root / "linked/alias.h",         // both
      root / "real/include/missing.h", // does not exist: the directory is still resolved
      root / "linked/missing.h",
      root / "nowhere/at/all.h", // nothing of it exists past the root
      root / "real/include/",    // a directory, spelled with its slash
      root / "real/include/.",
      root / "real/include/..",
  };
  // Twice each, in both orders: the memos must give the first answer again.
  for (int round = 0; round < 2; ++round) {
    for (const auto& path : paths) {
      INFO(path.string());
      CHECK(resolved_path(path) == uncached(path));
      CHECK(file_identity(path.string()) == uncached(path).string());
    }
  }
  CHECK(resolved_path(root / "linked/thing.h") == fs::canonical(real));
  CHECK(resolved_path(root / "real/include/alias.h") == fs::canonical(root / "elsewhere/target.h"));
  CHECK(resolved_path(root / "linked/missing.h") ==
        fs::canonical(root / "real/include") / "missing.h");

  // Relative spellings resolve against the working directory.
  auto previous = fs::current_path();
  fs::current_path(root / "linked");
  CHECK(resolved_path("thing.h") == fs::canonical(real));
  CHECK(resolved_path("./alias.h") == fs::canonical(root / "elsewhere/target.h"));
  CHECK(resolved_path("../linked/other.h") == uncached(root / "linked/../linked/other.h"));
  fs::current_path(previous);
}
