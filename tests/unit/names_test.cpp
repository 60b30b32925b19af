#include "pen_bindgen/mapping/names.hpp"

#include <catch2/catch.hpp>

using namespace pen_bindgen::mapping;

TEST_CASE("C identifiers split into words", "[names]") {
  CHECK(split_words("deflate_init") == std::vector<std::string>{"deflate", "init"});
  CHECK(split_words("zlibVersion") == std::vector<std::string>{"zlib", "Version"});
  CHECK(split_words("HTTPServer") == std::vector<std::string>{"HTTP", "Server"});
  CHECK(split_words("crc32") == std::vector<std::string>{"crc32"});
  CHECK(split_words("sqlite3Open") == std::vector<std::string>{"sqlite3", "Open"});
  CHECK(split_words("__a__b__") == std::vector<std::string>{"a", "b"});
  CHECK(split_words("").empty());
}

TEST_CASE("Pen names are UpperCamelCase for public and lowerCamelCase for locals", "[names]") {
  CHECK(to_upper_camel("deflate_init") == "DeflateInit");
  CHECK(to_upper_camel("z_stream") == "ZStream");
  CHECK(to_upper_camel("Z_OK") == "ZOk");
  CHECK(to_upper_camel("zlibVersion") == "ZlibVersion");
  CHECK(to_upper_camel("ZLIB_VERSION") == "ZlibVersion");
  CHECK(to_upper_camel("SQLITE_IOERR_READ") == "SqliteIoerrRead");
  CHECK(to_upper_camel("deflateInit2_") == "DeflateInit2");
  CHECK(to_upper_camel("_") == "");
  CHECK(to_lower_camel("buf_len") == "bufLen");
  CHECK(to_lower_camel("BufLen") == "bufLen");
  CHECK(to_lower_camel("URL") == "url");
}

TEST_CASE("keywords, built-ins and identifiers follow Pen's parser", "[names]") {
  for (const auto* keyword :
       {"as", "else", "export", "for", "foreign", "if", "import", "in", "type"}) {
    CHECK(is_pen_keyword(keyword));
  }
  CHECK_FALSE(is_pen_keyword("Type"));
  CHECK(is_pen_builtin("size"));
  CHECK(is_pen_builtin("error"));
  CHECK(is_pen_builtin("none"));
  CHECK_FALSE(is_pen_builtin("sizes"));
  CHECK(is_pen_identifier("_a1"));
  CHECK(is_pen_identifier("_"));
  CHECK_FALSE(is_pen_identifier("1a"));
  CHECK_FALSE(is_pen_identifier("a$b"));
  CHECK_FALSE(is_pen_identifier(""));
  CHECK(has_reserved_prefix("_pen_x"));
  CHECK(has_reserved_prefix("pen_ffi_x"));
  CHECK(has_reserved_prefix("_fmm_x"));
  CHECK_FALSE(has_reserved_prefix("_zlib_x"));
}

TEST_CASE("sanitize_identifier makes any C name a Pen identifier", "[names]") {
  CHECK(sanitize_identifier("crc32") == "crc32");
  CHECK(sanitize_identifier("a$b") == "a_x24_b");
  CHECK(is_pen_identifier(sanitize_identifier("$")));
}
