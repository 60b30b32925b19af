#include "pen_bindgen/config/config.hpp"

#include <catch2/catch.hpp>

using namespace pen_bindgen;
using namespace pen_bindgen::config;

namespace {

const Config& loaded(const LoadResult& result) {
  for (const auto& diagnostic : result.diagnostics) {
    INFO(format_diagnostic(diagnostic));
  }
  REQUIRE(result.diagnostics.empty());
  REQUIRE(result.config.has_value());
  return *result.config;
}

std::string error_of(const LoadResult& result) {
  REQUIRE_FALSE(result.config.has_value());
  REQUIRE(result.diagnostics.size() == 1);
  return format_diagnostic(result.diagnostics.front());
}

} // namespace

TEST_CASE("a TOML config holds the command-line options and overrides", "[config]") {
  const auto result = parse_config(R"(headers = ["zlib.h", "/usr/include/zconf.h"]
output = "out"
name = "Zlib"
prefix = "_z_"
package-type = "system"
link = ["z"]
allow = ["crc.*"]
block = ["deflate.*"]
clang-args = ["-DX=1"]
pure = ["adler32.*"]

[functions.crc32]
name = "Checksum"
pure = true
buffers = [["buf", "len"]]

[functions.zError]
nullable = true
owned = "free"
parameters = { err = "number" }
callbacks = [{ parameter = "cb", user-data = "arg", callback-user-data = 0 }]

[constants.Z_OK]
name = "Ok"

[types.sqlite3]
destructor = "sqlite3_close"

[[variadic]]
function = "printf"
name = "PrintfInt"
parameters = ["const char *", "int"]
)",
                                   "conf/zlib.toml", Format::Toml);
  const auto& config = loaded(result);
  CHECK(config.headers == std::vector<std::string>{"conf/zlib.h", "/usr/include/zconf.h"});
  CHECK(config.output == "conf/out");
  CHECK(config.name == "Zlib");
  CHECK(config.prefix == "_z_");
  CHECK(config.package_type == "system");
  CHECK(config.links == std::vector<std::string>{"z"});
  CHECK(config.allow == std::vector<std::string>{"crc.*"});
  CHECK(config.block == std::vector<std::string>{"deflate.*"});
  CHECK(config.clang_args == std::vector<std::string>{"-DX=1"});
  REQUIRE(config.overrides.pure.size() == 1);
  CHECK(config.overrides.pure[0].regex == "adler32.*");
  CHECK(config.overrides.pure[0].location == ir::Location{"conf/zlib.toml", 10, 9});

  const auto& crc32 = config.overrides.functions.at("crc32");
  CHECK(crc32.name == "Checksum");
  CHECK(crc32.pure == true);
  CHECK(crc32.buffers == std::vector<std::pair<std::string, std::string>>{{"buf", "len"}});
  const auto& z_error = config.overrides.functions.at("zError");
  CHECK(z_error.nullable);
  CHECK(z_error.owned == "free");
  CHECK(z_error.parameter_types.at("err") == "number");
  REQUIRE(z_error.callbacks.size() == 1);
  CHECK(z_error.callbacks[0].parameter == "cb");
  CHECK(z_error.callbacks[0].user_data == "arg");
  CHECK(z_error.callbacks[0].callback_user_data == 0u);
  CHECK(config.overrides.constants.at("Z_OK").name == "Ok");
  CHECK(config.overrides.types.at("sqlite3").destructor == "sqlite3_close");
  REQUIRE(config.overrides.variadic.size() == 1);
  CHECK(config.overrides.variadic[0].function == "printf");
  CHECK(config.overrides.variadic[0].name == "PrintfInt");
  CHECK(config.overrides.variadic[0].parameters == std::vector<std::string>{"const char *", "int"});
}

TEST_CASE("a JSON config reads the same, with positions", "[config]") {
  const auto result = parse_config(R"({
  "name": "Zlib",
  "functions": {"crc32": {"name": "Checksum", "buffers": [["buf", "len"]]}},
  "variadic": [{"function": "printf", "name": "PrintfInt", "parameters": ["const char *", "int"]}]
})",
                                   "zlib.json", Format::Json);
  const auto& config = loaded(result);
  CHECK(config.name == "Zlib");
  CHECK(!config.output.has_value());
  CHECK(config.overrides.functions.at("crc32").name == "Checksum");
  CHECK(config.overrides.functions.at("crc32").location == ir::Location{"zlib.json", 3, 26});
  CHECK(config.overrides.variadic.at(0).location == ir::Location{"zlib.json", 4, 16});
}

TEST_CASE("config errors carry the file position", "[config]") {
  CHECK(error_of(parse_config("name = \"Zlib\"\n[functions.crc32]\nnmae = \"X\"\n", "c.toml",
                              Format::Toml)) ==
        "c.toml:3:8: error: unknown key 'nmae' in [functions.crc32]; expected one of: name, pure, "
        "nullable, owned, buffers, parameters, callbacks, export, error, error_free, borrowed, "
        "exceptions [config]");
  CHECK(error_of(parse_config("name = 3\n", "c.toml", Format::Toml)) ==
        "c.toml:1:8: error: name must be a string, not an integer [config]");
  CHECK(error_of(parse_config("name = \"zlib\"\n", "c.toml", Format::Toml)) ==
        "c.toml:1:8: error: name 'zlib' is not a public Pen identifier ([A-Z][A-Za-z0-9_]*) "
        "[config]");
  CHECK(error_of(parse_config("output = \"x\"\nfrobnicate = 1\n", "c.toml", Format::Toml)) ==
        "c.toml:2:14: error: unknown key 'frobnicate' in the top level; expected one of: headers, "
        "output, name, prefix, package-type, link, allow, block, clang-args, pure, export, "
        "functions, constants, types, variadic, cxx [config]");
  CHECK(error_of(parse_config("allow = [\"(\"]\n", "c.toml", Format::Toml))
            .rfind("c.toml:1:10: error: allow element '(' is not a valid regular expression", 0) ==
        0);
  CHECK(error_of(
            parse_config("[functions.f]\nparameters = { x = \"any\" }\n", "c.toml", Format::Toml))
            .rfind("c.toml:2:20: error: [functions.f] parameters.x: 'any' is not a Pen type", 0) ==
        0);
  CHECK(error_of(parse_config("[[variadic]]\nfunction = \"printf\"\n", "c.toml", Format::Toml)) ==
        "c.toml:1:1: error: [[variadic]] needs 'function', 'name' and 'parameters' [config]");
  // Syntax errors.
  CHECK(error_of(parse_config("name = \n", "c.toml", Format::Toml)).rfind("c.toml:1:", 0) == 0);
  CHECK(error_of(parse_config("{\n  \"name\": ,\n}", "c.json", Format::Json))
            .rfind("c.json:2:11: error: ", 0) == 0);
  CHECK(error_of(parse_config("{\"name\": \"A\",\n \"name\": \"B\"}", "c.json", Format::Json)) ==
        "c.json:2:2: error: duplicate key \"name\" [config]");
  CHECK(error_of(parse_config("{\"functions\": {\"f\": {\"pure\": \"yes\"}}}", "c.json",
                              Format::Json)) ==
        "c.json:1:30: error: [functions.f] pure must be a boolean, not a string [config]");
  CHECK(error_of(parse_config("[1]", "c.json", Format::Json)) ==
        "c.json:1:1: error: the config must be a table (a JSON object) [config]");
}

TEST_CASE("config files are chosen by extension", "[config]") {
  CHECK(error_of(load_config("settings.yaml")) ==
        "error: config file 'settings.yaml' must end in .toml or .json [config]");
  CHECK(error_of(load_config("/nonexistent/x.toml")) ==
        "error: cannot read config file '/nonexistent/x.toml' [config]");
}

// ---- Overrides applied by the mapping, on hand-built IR ----
#include "pen_bindgen/mapping/mapper.hpp"

namespace {

ir::Function make_function(std::string name, ir::TypePtr result,
                           std::vector<ir::Parameter> parameters, bool variadic = false) {
  ir::Function function;
  function.name = std::move(name);
  function.location = {"lib.h", 1, 1};
  function.result = std::move(result);
  function.parameters = std::move(parameters);
  function.is_variadic = variadic;
  return function;
}

mapping::MappingResult map_with(std::vector<ir::Declaration> declarations,
                                const std::string& toml) {
  const auto loaded = parse_config(toml, "c.toml", Format::Toml);
  REQUIRE(loaded.config);
  ir::Library library;
  library.headers.push_back({"lib.h", "<lib.h>", ""});
  library.declarations = std::move(declarations);
  mapping::MappingOptions options;
  options.overrides = loaded.config->overrides;
  return mapping::map_library(library, options);
}

ir::TypePtr int_type() {
  return ir::make_integer(ir::IntegerKind::Int, 32, true);
}
ir::TypePtr uint_type() {
  return ir::make_integer(ir::IntegerKind::UnsignedInt, 32, false);
}
ir::TypePtr bytes_type() {
  return ir::make_pointer(
      ir::make_const(ir::make_integer(ir::IntegerKind::UnsignedChar, 8, false)));
}
ir::TypePtr string_type() {
  return ir::make_pointer(ir::make_const(ir::make_integer(ir::IntegerKind::Char, 8, true)));
}

} // namespace

TEST_CASE("overrides rename, pair buffers and mark results", "[config][mapping]") {
  const auto result =
      map_with({make_function("crc32", uint_type(),
                              {{"crc", uint_type()}, {"buf", bytes_type()}, {"len", uint_type()}}),
                make_function("message", string_type(), {{"code", int_type()}})},
               "pure = [\"crc.*\"]\n[functions.crc32]\nname = \"Checksum\"\nbuffers = "
               "[[\"buf\", \"len\"]]\n[functions.message]\nnullable = true\nowned = \"free\"\n");
  const auto& crc32 = std::get<mapping::FunctionBinding>(result.package.items.at(0));
  CHECK(crc32.pen_name == "Checksum");
  CHECK(crc32.is_pure);
  REQUIRE(crc32.parameters.size() == 3);
  CHECK(crc32.parameters[1].conversion == mapping::ArgumentConversion::Buffer);
  CHECK(crc32.parameters[1].c_pointer_type == "const unsigned char *");
  CHECK(crc32.parameters[2].conversion == mapping::ArgumentConversion::BufferLength);
  CHECK(crc32.parameters[2].source == 1u);
  CHECK(!mapping::has_pen_argument(crc32.parameters[2]));
  const auto& message = std::get<mapping::FunctionBinding>(result.package.items.at(1));
  CHECK(!message.is_pure);
  CHECK(mapping::pen_type_spelling(message.result) == "string | none");
  CHECK(message.result.owned_free == "free");
  CHECK(result.diagnostics.empty());
}

TEST_CASE("callbacks with user data become Pen functions", "[config][mapping]") {
  auto callback = std::make_shared<ir::Type>();
  callback->kind = ir::TypeKind::Function;
  callback->result = int_type();
  auto void_pointer = ir::make_pointer(ir::make_void(), "void *");
  auto string_array = ir::make_pointer(
      ir::make_pointer(ir::make_integer(ir::IntegerKind::Char, 8, true), "char *"), "char **");
  callback->parameters = {void_pointer, int_type(), string_array, string_array};
  const auto result = map_with(
      {make_function("exec", int_type(),
                     {{"sql", string_type()},
                      {"cb", ir::make_pointer(callback, "callback")},
                      {"arg", void_pointer}}),
       make_function("later", ir::make_void(), {{"cb", ir::make_pointer(callback, "callback")}})},
      "");
  const auto& exec = std::get<mapping::FunctionBinding>(result.package.items.at(0));
  REQUIRE(exec.callbacks.size() == 1);
  CHECK(exec.callbacks[0].export_symbol == "_lib_call_exec_cb");
  CHECK(exec.callbacks[0].user_data == 2u);
  CHECK(exec.callbacks[0].arguments[2].conversion ==
        mapping::CallbackArgumentConversion::CStringArray);
  CHECK(exec.callbacks[0].arguments[2].count == 1u);
  CHECK(mapping::pen_type_spelling(exec.parameters[1]) == "\\(number, [string], [string]) number");
  // Without user data the function pointer is an opaque handle named after its typedef.
  const auto& later = std::get<mapping::FunctionBinding>(result.package.items.at(1));
  REQUIRE(later.parameters.size() == 1);
  CHECK(later.callbacks.empty());
  CHECK(later.parameters[0].conversion == mapping::ArgumentConversion::Handle);
  CHECK(later.parameters[0].function_pointer);
  CHECK(later.parameters[0].pen_type_name == "Callback");
  CHECK(later.parameters[0].c_type == "callback");
}

TEST_CASE("variadic instances get their own shims; unused overrides warn", "[config][mapping]") {
  const auto result =
      map_with({make_function("printf", int_type(), {{"format", string_type()}}, true)},
               "[[variadic]]\nfunction = \"printf\"\nname = \"PrintfFloat\"\nparameters = "
               "[\"const char *\", \"float\"]\n[functions.nothing]\npure = true\n");
  REQUIRE(result.package.items.size() == 2);
  CHECK(std::holds_alternative<mapping::SkippedDeclaration>(result.package.items[0]));
  const auto& instance = std::get<mapping::FunctionBinding>(result.package.items[1]);
  CHECK(instance.pen_name == "PrintfFloat");
  CHECK(instance.c_name == "printf");
  CHECK(instance.shim_symbol == "_lib_PrintfFloat");
  REQUIRE(instance.parameters.size() == 2);
  CHECK(instance.parameters[1].conversion == mapping::ArgumentConversion::Float);
  CHECK(instance.parameters[1].promoted_type == "double");
  REQUIRE(!result.diagnostics.empty());
  CHECK(format_diagnostic(result.diagnostics.back()) ==
        "c.toml:5:1: warning: [functions.nothing]: no function 'nothing' in the headers "
        "[config-override]");
}
