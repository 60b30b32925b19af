#include "pen_bindgen/emit/exports_module.hpp"
#include "pen_bindgen/emit/shim.hpp"
#include "pen_bindgen/mapping/mapper.hpp"

#include <catch2/catch.hpp>

using namespace pen_bindgen;
using namespace pen_bindgen::mapping;

namespace {

ir::Function exported_function(std::string name, ir::TypePtr result,
                               std::vector<ir::Parameter> parameters) {
  ir::Function f;
  f.name = std::move(name);
  f.location = {"plugin.h", 1, 1};
  f.result = std::move(result);
  f.parameters = std::move(parameters);
  return f;
}

MappingResult map_exports(std::vector<ir::Declaration> declarations, std::string pattern) {
  ir::Library library;
  library.headers.push_back({"plugin.h", "\"plugin.h\"", ""});
  library.declarations = std::move(declarations);
  MappingOptions options;
  options.overrides.exports.push_back({std::move(pattern), {}});
  return map_library(library, options);
}

} // namespace

TEST_CASE("exported functions become Pen stubs and C adapters, not bindings", "[exports]") {
  const auto int_type = ir::make_integer(ir::IntegerKind::Int, 32, true);
  const auto c_string =
      ir::make_pointer(ir::make_const(ir::make_integer(ir::IntegerKind::Char, 8, true)));
  const auto result = map_exports({exported_function("plugin_init", int_type, {{"name", c_string}}),
                                   exported_function("plugin_count", int_type, {{"", int_type}}),
                                   exported_function("host_version", int_type, {})},
                                  "plugin_.*");
  const auto& package = result.package;
  REQUIRE(package.exports.size() == 2);
  CHECK(package.exports[0].shim_symbol == "_plugin_export_plugin_init");
  CHECK(package.exports[0].c_prototype == "int plugin_init(const char *name)");
  // An unnamed parameter is named for the adapter's definition.
  CHECK(package.exports[1].c_prototype == "int plugin_count(int pen_arg1)");
  CHECK(package.exports[1].parameters[0].c_name == "pen_arg1");
  // Only the host function is bound.
  REQUIRE(package.items.size() == 1);
  CHECK(std::get<FunctionBinding>(package.items[0]).c_name == "host_version");

  const auto stubs = emit::emit_exports_module(package);
  CHECK(
      stubs.find("# TODO: implement int plugin_init(const char *name)\n"
                 "foreign \"c\" _plugin_export_plugin_init = \\(name string) number {\n  0\n}\n") !=
      std::string::npos);
  CHECK(emit::exports_module_path(package) == "PluginExports.pen");
  const auto shim = emit::emit_shim(package);
  CHECK(shim.find("double _plugin_export_plugin_init(pen_string name);\n") != std::string::npos);
  CHECK(shim.find("int plugin_init(const char *name) {\n  return "
                  "(int)pen_number_to_i64(_plugin_export_plugin_init(pen_string_from_c((const "
                  "char *)name)), INT_MIN, INT_MAX);\n}\n") != std::string::npos);
}

TEST_CASE("exports with handles or mutable string results are skipped", "[exports]") {
  const auto int_type = ir::make_integer(ir::IntegerKind::Int, 32, true);
  const auto char_pointer = ir::make_pointer(ir::make_integer(ir::IntegerKind::Char, 8, true));
  const auto result =
      map_exports({exported_function("plugin_text", char_pointer, {{"n", int_type}})}, "plugin_.*");
  CHECK(result.package.exports.empty());
  REQUIRE(result.package.items.size() == 1);
  const auto& skipped = std::get<SkippedDeclaration>(result.package.items[0]);
  CHECK(skipped.code == "unsupported-export");
  CHECK(skipped.reason.find("not const") != std::string::npos);
}

TEST_CASE("handle arguments of exports need a one-header package", "[exports]") {
  const auto int_type = ir::make_integer(ir::IntegerKind::Int, 32, true);
  const auto state = ir::make_pointer(ir::make_record("struct plugin_state"));
  ir::Library library;
  library.headers.push_back({"plugin.h", "\"plugin.h\"", ""});
  library.declarations.push_back(exported_function("plugin_size", int_type, {{"state", state}}));
  MappingOptions options;
  options.overrides.exports.push_back({"plugin_.*", {}});
  const auto one_header = map_library(library, options);
  REQUIRE(one_header.package.exports.size() == 1);
  CHECK(one_header.package.exports[0].parameters[0].conversion == ArgumentConversion::Handle);

  library.headers.push_back({"other.h", "\"other.h\"", ""});
  const auto two_headers = map_library(library, options);
  CHECK(two_headers.package.exports.empty());
  // The items are the skip, then the handle type's helpers.
  REQUIRE(!two_headers.package.items.empty());
  const auto* skipped = std::get_if<SkippedDeclaration>(&two_headers.package.items[0]);
  REQUIRE(skipped != nullptr);
  CHECK(skipped->c_name == "plugin_size");
  CHECK(skipped->code == "unsupported-export");
}

TEST_CASE("exported callback typedefs get a static adapter and an accessor", "[exports]") {
  const auto int_type = ir::make_integer(ir::IntegerKind::Int, 32, true);
  ir::Library library;
  library.headers.push_back({"plugin.h", "\"plugin.h\"", ""});
  library.function_typedefs.push_back(
      exported_function("plugin_compare_fn", int_type, {{"a", int_type}, {"", int_type}}));
  library.function_typedefs.push_back(
      exported_function("host_notify_fn", ir::make_void(), {{"code", int_type}}));
  MappingOptions options;
  options.overrides.exports.push_back({"plugin_.*", {}});
  const auto result = map_library(library, options);
  const auto& package = result.package;
  // Only the matching typedef is exported; the other one is not a declaration of the library.
  REQUIRE(package.exports.size() == 1);
  const auto& callback = package.exports[0];
  CHECK(callback.subject == "plugin_compare_fn");
  CHECK(callback.shim_symbol == "_plugin_export_plugin_compare_fn");
  CHECK(callback.c_prototype ==
        "static int _plugin_export_adapter_plugin_compare_fn(int a, int pen_arg2)");
  // The accessor hands out the adapter as the typedef's function-pointer handle.
  REQUIRE(package.items.size() == 4); // the accessor, then the handle's Null, IsNull and Same
  const auto& accessor = std::get<FunctionBinding>(package.items[0]);
  CHECK(accessor.pen_name == "PluginCompareFnExport");
  CHECK(accessor.c_name == "_plugin_export_address_plugin_compare_fn");
  CHECK(accessor.parameters.empty());
  CHECK(accessor.result.pen_type_name == "PluginCompareFn");
  CHECK(accessor.result.function_pointer);

  CHECK(emit::emit_exports_module(package).find(
            "# TODO: implement the callback typedef int (*plugin_compare_fn)(int a, int "
            "pen_arg2)\nforeign \"c\" _plugin_export_plugin_compare_fn = \\(a number, arg2 "
            "number) number {\n  0\n}\n") != std::string::npos);
  const auto shim = emit::emit_shim(package);
  const auto declaration = shim.find("static plugin_compare_fn "
                                     "_plugin_export_address_plugin_compare_fn(void);\n");
  const auto use = shim.find("(_plugin_export_address_plugin_compare_fn)()");
  const auto definition = shim.find("static plugin_compare_fn "
                                    "_plugin_export_address_plugin_compare_fn(void) {\n  return "
                                    "_plugin_export_adapter_plugin_compare_fn;\n}\n");
  CHECK(declaration != std::string::npos);
  CHECK(use != std::string::npos);
  CHECK(definition != std::string::npos);
  CHECK(declaration < use); // declared before the shim function that calls it
  CHECK(use < definition);
}
