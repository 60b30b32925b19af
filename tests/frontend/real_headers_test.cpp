#include "header_fixture.hpp"

// The Debian development headers every build of pen-bindgen has (zlib1g-dev, libsqlite3-dev,
// libcurl4-openssl-dev): what the frontend makes of real inputs.

using namespace pen_bindgen;
using namespace pen_bindgen::frontend::testing;

TEST_CASE("zlib.h", "[frontend][real]") {
  auto library = parse_header("/usr/include/zlib.h");
  CHECK(library.headers[0].include_spelling == "<zlib.h>");
  auto& z_ok = get_declaration<ir::Constant>(library, "Z_OK");
  CHECK(z_ok.signed_value == 0);
  CHECK(z_ok.origin == ir::Constant::Origin::Macro);
  CHECK(get_declaration<ir::Constant>(library, "Z_NULL").signed_value == 0);
  CHECK(get_declaration<ir::Constant>(library, "Z_ERRNO").signed_value == -1);
  auto& version = get_declaration<ir::Constant>(library, "ZLIB_VERSION");
  CHECK(version.value_kind == ir::Constant::ValueKind::String);
  CHECK(version.string_value.starts_with("1."));

  auto& crc32 = get_declaration<ir::Function>(library, "crc32");
  REQUIRE(crc32.parameters.size() == 3);
  CHECK(crc32.result->integer == ir::IntegerKind::UnsignedLong);
  CHECK(crc32.parameters[0].type->integer == ir::IntegerKind::UnsignedLong);
  CHECK(crc32.parameters[0].type->bits == 64);
  const auto& buf = *crc32.parameters[1].type;
  REQUIRE(buf.kind == ir::TypeKind::Pointer);
  CHECK(buf.pointee->integer == ir::IntegerKind::UnsignedChar);
  CHECK(buf.pointee->is_const);
  CHECK(crc32.parameters[2].type->integer == ir::IntegerKind::UnsignedInt);
  CHECK(crc32.parameters[2].type->bits == 32);
  // zconf.h is in /usr/include, a shared root: not zlib's own file.
  CHECK(find_declaration<ir::Constant>(library, "MAX_MEM_LEVEL") == nullptr);
  CHECK(get_declaration<ir::Function>(library, "zlibVersion").location.file ==
        "/usr/include/zlib.h");
}

TEST_CASE("curl/curl.h: its directory is the library's own", "[frontend][real]") {
  std::string header = "/usr/include/x86_64-linux-gnu/curl/curl.h";
  if (!std::filesystem::exists(header)) {
    header = "/usr/include/curl/curl.h";
  }
  auto library = parse_header(header);
  CHECK(library.headers[0].include_spelling == "<curl/curl.h>");
  CHECK(library.headers[0].include_directory.empty());
  auto& easy_init = get_declaration<ir::Function>(library, "curl_easy_init");
  CHECK(easy_init.location.file.ends_with("curl/easy.h"));
  CHECK(get_declaration<ir::Function>(library, "curl_easy_setopt").is_variadic);
  CHECK(get_declaration<ir::Constant>(library, "CURLE_OK").origin ==
        ir::Constant::Origin::EnumConstant);
  CHECK(get_declaration<ir::Constant>(library, "LIBCURL_VERSION").value_kind ==
        ir::Constant::ValueKind::String);
  // The wrapper macro `#define curl_easy_setopt(handle,opt,param) ...` is not reported.
  CHECK(find_declaration<ir::Unbindable>(library, "curl_easy_setopt") == nullptr);
}

TEST_CASE("sqlite3.h", "[frontend][real]") {
  auto library = parse_header("/usr/include/sqlite3.h");
  CHECK(get_declaration<ir::Constant>(library, "SQLITE_IOERR_READ").signed_value ==
        (10 | (1 << 8)));
  CHECK(get_declaration<ir::Constant>(library, "SQLITE_VERSION").value_kind ==
        ir::Constant::ValueKind::String);
  auto& open = get_declaration<ir::Function>(library, "sqlite3_open");
  REQUIRE(open.parameters.size() == 2);
  CHECK(open.parameters[1].type->pointee->kind == ir::TypeKind::Pointer);
  CHECK(get_declaration<ir::Unbindable>(library, "sqlite3_version").kind == "variable");
}
