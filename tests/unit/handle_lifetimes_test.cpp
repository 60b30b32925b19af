#include "pen_bindgen/config/config.hpp"
#include "pen_bindgen/emit/pen_module.hpp"
#include "pen_bindgen/emit/shim.hpp"
#include "pen_bindgen/mapping/mapper.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

// Destructors from [types.X], explicit destructor calls and `T | none` handle results
// (docs/type-mapping.md "Handles"); the ABI behaviour is tested in abi.records and abi.sqlite3.
namespace {

using namespace pen_bindgen;

ir::Function make_function(std::string name, ir::TypePtr result,
                           std::vector<ir::Parameter> parameters) {
  ir::Function function;
  function.name = std::move(name);
  function.location = {"lib.h", 1, 1};
  function.result = std::move(result);
  function.parameters = std::move(parameters);
  return function;
}

ir::TypePtr database_pointer() {
  return ir::make_pointer(ir::make_record_ref("db", "c:@S@db", "db"), "db *");
}

mapping::MappingResult map_with(const std::string& toml) {
  const auto loaded = config::parse_config(toml, "c.toml", config::Format::Toml);
  REQUIRE(loaded.config);
  ir::Library library;
  library.headers.push_back({"lib.h", "<lib.h>", ""});
  library.declarations = {
      make_function("db_open", database_pointer(), {}),
      make_function("db_close", ir::make_integer(ir::IntegerKind::Int, 32, true),
                    {{"db", database_pointer()}}),
      make_function("db_find", ir::make_nullable(database_pointer(), ir::Nullability::Nullable),
                    {}),
      make_function("db_current", database_pointer(), {}),
      make_function("db_release", ir::make_void(),
                    {{"db", database_pointer()},
                     {"flags", ir::make_integer(ir::IntegerKind::Int, 32, true)}}),
  };
  mapping::MappingOptions options;
  options.overrides = loaded.config->overrides;
  return mapping::map_library(library, options);
}

const mapping::FunctionBinding& function_named(const mapping::Package& package,
                                               const std::string& c_name) {
  for (const auto& item : package.items) {
    if (const auto* function = std::get_if<mapping::FunctionBinding>(&item);
        function && function->c_name == c_name) {
      return *function;
    }
  }
  FAIL("no function " << c_name);
  throw;
}

bool contains(const std::string& text, const std::string& part) {
  INFO(part);
  return text.find(part) != std::string::npos;
}

} // namespace

TEST_CASE("a [types.X] destructor becomes the handle's finalizer and disarms explicit calls",
          "[handles][mapping]") {
  const auto result =
      map_with("[types.db]\ndestructor = \"db_close\"\n[functions.db_current]\nnullable = true\n");
  CHECK(result.diagnostics.empty());
  const auto& package = result.package;
  REQUIRE(package.handles.size() == 1);
  CHECK(package.handles[0].pen_name == "Db");
  CHECK(package.handles[0].destructor == "db_close");
  // _Nullable in the header and `nullable` in the config both give `Db | none`, which needs
  // the Pen exporter of Db's tag.
  CHECK(mapping::pen_type_spelling(function_named(package, "db_find").result) == "Db | none");
  CHECK(mapping::pen_type_spelling(function_named(package, "db_current").result) == "Db | none");
  CHECK(mapping::pen_type_spelling(function_named(package, "db_open").result) == "Db");
  CHECK(package.handles[0].to_any_symbol == "_lib_Db_to_any");

  const auto shim = emit::emit_shim(package);
  CHECK(contains(shim, "static void _lib_Db_type_destroy(pen_handle_box *box) {\n"
                       "  (void)db_close(box->pointer);\n}\n"));
  // Returned pointers own, member reads borrow; both share a live owning box.
  CHECK(contains(shim, "return pen_handle_share(&_lib_Db_type, pointer, _lib_Db_type_destroy, 0, "
                       "true);"));
  CHECK(contains(shim, "return pen_handle_share(&_lib_Db_type, pointer, _lib_Db_type_destroy, 0, "
                       "false);"));
  // Right after the call, in db_close's shim only.
  CHECK(contains(shim, "(pen_c0);\n  pen_handle_disarm(pen_arg0);\n"));
  const auto disarm = shim.find("pen_handle_disarm(");
  CHECK(shim.find("pen_handle_disarm(", disarm + 1) == std::string::npos);
  CHECK(shim.rfind("_lib_db_", disarm) == shim.rfind("_lib_db_close(", disarm));
  CHECK(contains(shim, "pen_variant _lib_Db_to_any(pen_handle_body *handle);\n"));
  CHECK(contains(shim, "pen_variant pen_return = pen_result ? "
                       "_lib_Db_to_any(_lib_Db_type_wrap(pen_result)) : pen_ffi_none_to_any();"));
  const auto module = emit::emit_pen_module(package);
  CHECK(contains(module, "foreign \"c\" _lib_Db_to_any = \\(x Db) any {\n  x\n}\n"));
}

TEST_CASE("without a destructor, handles own nothing and calls are not disarmed",
          "[handles][mapping]") {
  const auto result = map_with("");
  const auto& package = result.package;
  REQUIRE(package.handles.size() == 1);
  CHECK(package.handles[0].destructor.empty());
  const auto shim = emit::emit_shim(package);
  CHECK(!contains(shim, "pen_handle_disarm("));
  CHECK(!contains(shim, "pen_handle_share("));
  CHECK(contains(shim, "return pen_handle_new(&_lib_Db_type, pointer, 0, NULL, 0);"));
}

TEST_CASE("[types.X] naming no handle type, and nullable out-parameter results, warn",
          "[handles][mapping]") {
  const auto result = map_with("[types.nothing]\ndestructor = \"db_close\"\n"
                               "[types.db]\ndestructor = \"db_free\"\n");
  REQUIRE(result.diagnostics.size() == 2);
  std::vector<std::string> messages;
  for (const auto& diagnostic : result.diagnostics) {
    messages.push_back(diagnostic.message);
  }
  std::sort(messages.begin(), messages.end());
  CHECK(contains(messages[0], "[types.db] destructor: 'db_free' is not a function of the headers"));
  CHECK(contains(messages[1], "[types.nothing]: no handle type for pointers to 'nothing'"));
  // The destructor still applies: a function from another header is the user's call.
  CHECK(result.package.handles.at(0).destructor == "db_free");
}

TEST_CASE("a destructor of the wrong shape is not applied", "[handles][mapping]") {
  const auto result = map_with("[types.db]\ndestructor = \"db_release\"\n");
  REQUIRE(result.diagnostics.size() == 1);
  CHECK(contains(result.diagnostics[0].message,
                 "[types.db] destructor: 'db_release' must be bound and take one parameter, a "
                 "'db *'; not applied"));
  CHECK(result.package.handles.at(0).destructor.empty());
}

TEST_CASE("[types.X] name renames the handle type and its helpers", "[handles][mapping]") {
  const auto result =
      map_with("[types.\"struct db\"]\nname = \"Database\"\ndestructor = \"db_close\"\n");
  CHECK(result.diagnostics.empty());
  const auto& package = result.package;
  REQUIRE(package.handles.size() == 1);
  CHECK(package.handles[0].pen_name == "Database");
  CHECK(package.handles[0].destructor == "db_close");
  CHECK(function_named(package, "db_close").parameters[0].pen_type_name == "Database");
  const auto module = emit::emit_pen_module(package);
  CHECK(contains(module, "type Database {\n  inner any\n}\n"));
  CHECK(contains(module, "DatabaseIsNull = \\("));
  CHECK_FALSE(contains(module, "type Db {"));
}
