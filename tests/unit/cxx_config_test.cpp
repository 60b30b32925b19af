// The config's C++ options (docs/cplusplus.md): the [cxx] table and per-function `exceptions`.
#include "pen_bindgen/config/config.hpp"

#include <catch2/catch.hpp>

using namespace pen_bindgen;
using namespace pen_bindgen::config;

namespace {

std::string error_of(const LoadResult& result) {
  REQUIRE_FALSE(result.config.has_value());
  REQUIRE(result.diagnostics.size() == 1);
  return format_diagnostic(result.diagnostics.front());
}

} // namespace

TEST_CASE("[cxx] names instantiations and the exception policy", "[config][cxx]") {
  const auto result = parse_config(R"([cxx]
instantiate = ["geo::Box<int>", "geo::Box<double>"]
exceptions = "abort"

[functions."geo::checked_sqrt"]
exceptions = "error"
name = "CheckedSqrt"
)",
                                   "geo.toml", Format::Toml);
  REQUIRE(result.diagnostics.empty());
  const auto& overrides = result.config->overrides;
  CHECK(overrides.cxx.instantiate == std::vector<std::string>{"geo::Box<int>", "geo::Box<double>"});
  CHECK(overrides.cxx.exceptions == ExceptionPolicy::Abort);
  const auto& function = overrides.functions.at("geo::checked_sqrt");
  CHECK(function.exceptions == ExceptionPolicy::Error);
  CHECK(function.name == "CheckedSqrt");
}

TEST_CASE("[cxx] defaults to reporting exceptions as errors", "[config][cxx]") {
  const auto result = parse_config(R"({"cxx": {"instantiate": []}})", "geo.json", Format::Json);
  REQUIRE(result.diagnostics.empty());
  CHECK(result.config->overrides.cxx.exceptions == ExceptionPolicy::Error);
  CHECK(result.config->overrides.cxx.instantiate.empty());
  CHECK_FALSE(parse_config("name = \"Geo\"\n", "geo.toml", Format::Toml)
                  .config->overrides.functions.contains("geo::area"));
}

TEST_CASE("[cxx] rejects unknown keys and policies", "[config][cxx]") {
  CHECK(error_of(parse_config("[cxx]\ninstantiat = []\n", "geo.toml", Format::Toml)) ==
        "geo.toml:2:14: error: unknown key 'instantiat' in [cxx]; expected one of: instantiate, "
        "exceptions [config]");
  CHECK(error_of(parse_config("[cxx]\nexceptions = \"ignore\"\n", "geo.toml", Format::Toml)) ==
        "geo.toml:2:14: error: [cxx] exceptions 'ignore' must be \"error\" or \"abort\" [config]");
  CHECK(error_of(
            parse_config("[cxx]\ninstantiate = \"geo::Box<int>\"\n", "geo.toml", Format::Toml)) ==
        "geo.toml:2:15: error: [cxx] instantiate must be an array of strings, not a string "
        "[config]");
  CHECK(error_of(parse_config("[functions.f]\nexceptions = true\n", "geo.toml", Format::Toml)) ==
        "geo.toml:2:14: error: [functions.f] exceptions must be a string, not a boolean [config]");
}

TEST_CASE("borrowed = false says a pointer result is owned; true borrows it", "[config][cxx]") {
  const auto result = parse_config(R"([functions."geo::make_shape"]
borrowed = false

[functions."geo::find_shape"]
borrowed = true

[functions."geo::area"]
name = "Area"
)",
                                   "geo.toml", Format::Toml);
  REQUIRE(result.diagnostics.empty());
  const auto& functions = result.config->overrides.functions;
  CHECK(functions.at("geo::make_shape").owns_result);
  CHECK_FALSE(functions.at("geo::make_shape").borrowed);
  CHECK_FALSE(functions.at("geo::find_shape").owns_result);
  CHECK(functions.at("geo::find_shape").borrowed);
  CHECK_FALSE(functions.at("geo::area").owns_result); // not said: the lowering's default
}
