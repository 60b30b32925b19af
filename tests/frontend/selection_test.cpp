#include "header_fixture.hpp"

using namespace pen_bindgen;
using namespace pen_bindgen::frontend::testing;

TEST_CASE("own files: the named header's directory, not the system", "[frontend][selection]") {
  HeaderDirectory directory;
  directory.write("lib/detail/inner.h", "int inner_function(void);\n#define INNER 1\n");
  directory.write("other/outside.h", "int outside_function(void);\n");
  auto header = directory.write("lib/main.h", R"(#include <string.h>
#include "detail/inner.h"
#include "../other/outside.h"
int main_function(void);
#define MAIN 2
)");
  auto library = parse_header(header);
  CHECK(names(library) ==
        std::vector<std::string>{"main_function", "MAIN", "inner_function", "INNER"});
  CHECK(get_declaration<ir::Function>(library, "main_function").location.file == header);
  CHECK(get_declaration<ir::Function>(library, "inner_function").location.file ==
        (directory.root() / "lib/detail/inner.h").string());
  CHECK(find_declaration<ir::Function>(library, "strlen") == nullptr);
  CHECK(std::find(library.files_read.begin(), library.files_read.end(), "/usr/include/string.h") !=
        library.files_read.end());
  CHECK(std::is_sorted(library.files_read.begin(), library.files_read.end()));
}

TEST_CASE("allow pulls declarations from system headers; block always wins",
          "[frontend][selection]") {
  HeaderDirectory directory;
  auto header = directory.write("uses_string.h", R"(#include <string.h>
int own_one(void);
int own_two(void);
)");
  frontend::ParseOptions options;
  options.headers = {header};
  options.allow = {"strlen|own_.*"};
  options.block = {"own_two"};
  auto library = parse_ok(options);
  CHECK(names(library) == std::vector<std::string>{"own_one", "strlen"});
  auto& strlen_function = get_declaration<ir::Function>(library, "strlen");
  CHECK(strlen_function.location.file == "/usr/include/string.h");
  CHECK(strlen_function.result->integer == ir::IntegerKind::UnsignedLong);

  options.allow = {"strle"}; // a full match is required
  CHECK(parse_ok(options).declarations.empty());
}

TEST_CASE("source order: headers by first inclusion, then offset", "[frontend][selection]") {
  HeaderDirectory directory;
  auto second =
      directory.write("b.h", "int b_first(void);\n#define B_MACRO 1\nint b_second(void);\n");
  auto first = directory.write("a.h", "#include \"b.h\"\nint a_function(void);\n");
  frontend::ParseOptions options;
  options.headers = {second, first};
  auto library = parse_ok(options);
  CHECK(names(library) == std::vector<std::string>{"b_first", "B_MACRO", "b_second", "a_function"});
  // The same inputs give the same result.
  CHECK(names(parse_ok(options)) == names(library));
}

TEST_CASE("headers: path as given and how the shim includes it", "[frontend][headers]") {
  HeaderDirectory directory;
  auto header = directory.write("include/pkg/api.h", "int api(void);\n");
  auto lone = directory.write("lone/lone.h", "int lone(void);\n");
  frontend::ParseOptions options;
  options.headers = {header, lone, "/usr/include/zlib.h"};
  options.clang_args = {"-I", (directory.root() / "include").string()};
  auto library = parse_ok(options);
  REQUIRE(library.headers.size() == 3);
  CHECK(library.headers[0].path == header);
  CHECK(library.headers[0].include_spelling == "<pkg/api.h>");
  CHECK(library.headers[0].include_directory == (directory.root() / "include").string());
  CHECK(library.headers[1].include_spelling == "<lone.h>");
  CHECK(library.headers[1].include_directory == (directory.root() / "lone").string());
  CHECK(library.headers[2].include_spelling == "<zlib.h>");
  CHECK(library.headers[2].include_directory.empty());
}

TEST_CASE("headers that do not parse give clang's errors and no library", "[frontend][errors]") {
  HeaderDirectory directory;
  auto header = directory.write("broken.h", "int fine(void);\nint broken(unknown_type x);\n");
  frontend::ParseOptions options;
  options.headers = {header};
  auto result = frontend::parse_headers(options);
  CHECK_FALSE(result.library.has_value());
  REQUIRE_FALSE(result.diagnostics.empty());
  const auto& diagnostic = result.diagnostics.front();
  CHECK(diagnostic.severity == Severity::Error);
  CHECK(diagnostic.location.file == header);
  CHECK(diagnostic.location.line == 2);
  CHECK(diagnostic.location.column == 12);
  CHECK(diagnostic.message == "unknown type name 'unknown_type'");

  options.headers = {(directory.root() / "missing.h").string()};
  result = frontend::parse_headers(options);
  CHECK_FALSE(result.library.has_value());
  REQUIRE(result.diagnostics.size() == 1);
  CHECK(result.diagnostics[0].message.find("missing.h' file not found") != std::string::npos);

  options.headers = {header};
  options.allow = {"("};
  result = frontend::parse_headers(options);
  CHECK_FALSE(result.library.has_value());
  REQUIRE(result.diagnostics.size() == 1);
}

TEST_CASE("headers given by relative path and through symlinks", "[frontend][headers]") {
  HeaderDirectory directory;
  auto real = directory.write("real/thing.h", "int thing(void);\n#define THING 3\n");
  std::filesystem::create_directories(directory.root() / "links");
  std::filesystem::create_symlink(real, directory.root() / "links/thing.h");
  auto previous = std::filesystem::current_path();
  std::filesystem::current_path(directory.root());
  auto library = parse_header("links/thing.h");
  std::filesystem::current_path(previous);
  CHECK(names(library) == std::vector<std::string>{"thing", "THING"});
  CHECK(get_declaration<ir::Function>(library, "thing").location.file == "links/thing.h");
  CHECK(library.headers[0].include_spelling == "<thing.h>");
  CHECK(library.headers[0].include_directory == (directory.root() / "links").string());
}
