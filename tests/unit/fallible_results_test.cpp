#include "pen_bindgen/config/config.hpp"
#include "pen_bindgen/emit/build_files.hpp"
#include "pen_bindgen/emit/pen_module.hpp"
#include "pen_bindgen/emit/shim.hpp"
#include "pen_bindgen/mapping/mapper.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

// Fallible results (ir::Function::error_parameter, config `error`), borrowed results
// (result_borrowed, config `borrowed`) and upcasts (RecordDefinition::bases, config `bases`),
// from hand-built IR (docs/type-mapping.md); the ABI behaviour is tested in abi.errors and
// abi.errors_sqlite3, the C++ runtime in pen-ffi.sh by the ffi_script test.
namespace {

using namespace pen_bindgen;

ir::Function make_function(std::string name, ir::TypePtr result,
                           std::vector<ir::Parameter> parameters) {
  ir::Function function;
  function.name = std::move(name);
  function.location = {"lib.h", 3, 1};
  function.result = std::move(result);
  function.parameters = std::move(parameters);
  return function;
}

ir::TypePtr message_pointer() {
  return ir::make_pointer(
      ir::make_pointer(ir::make_integer(ir::IntegerKind::Char, 8, true), "char *"), "char **");
}

ir::TypePtr integer() {
  return ir::make_integer(ir::IntegerKind::Int, 32, true, "int");
}

ir::TypePtr c_string() {
  return ir::make_pointer(ir::make_const(ir::make_integer(ir::IntegerKind::Char, 8, true)),
                          "const char *");
}

ir::TypePtr pointer_to(const std::string& record) {
  return ir::make_pointer(ir::make_record_ref(record, "c:@S@" + record, record), record + " *");
}

ir::RecordDefinition incomplete(const std::string& name) {
  ir::RecordDefinition record;
  record.id = "c:@S@" + name;
  record.name = name;
  record.location = {"lib.h", 1, 1};
  return record;
}

ir::Library library_of(std::vector<ir::Declaration> declarations,
                       std::vector<ir::RecordDefinition> records = {}) {
  ir::Library library;
  library.headers.push_back({"lib.h", "<lib.h>", ""});
  library.declarations = std::move(declarations);
  library.records = std::move(records);
  return library;
}

mapping::MappingResult map_with(const ir::Library& library, const std::string& toml = "") {
  mapping::MappingOptions options;
  if (!toml.empty()) {
    const auto loaded = config::parse_config(toml, "c.toml", config::Format::Toml);
    REQUIRE(loaded.config);
    options.overrides = loaded.config->overrides;
  }
  return mapping::map_library(library, options);
}

const mapping::FunctionBinding* find_function(const mapping::Package& package,
                                              const std::string& c_name) {
  for (const auto& item : package.items) {
    if (const auto* function = std::get_if<mapping::FunctionBinding>(&item);
        function && function->c_name == c_name) {
      return function;
    }
  }
  return nullptr;
}

const mapping::FunctionBinding& function_named(const mapping::Package& package,
                                               const std::string& c_name) {
  const auto* function = find_function(package, c_name);
  if (!function) {
    FAIL("no function " << c_name);
  }
  return *function;
}

const mapping::HandleType& handle_named(const mapping::Package& package, const std::string& name) {
  for (const auto& handle : package.handles) {
    if (handle.pen_name == name) {
      return handle;
    }
  }
  FAIL("no handle type " << name);
  throw;
}

bool contains(const std::string& text, const std::string& part) {
  INFO(part);
  return text.find(part) != std::string::npos;
}

bool has_diagnostic(const mapping::MappingResult& result, const std::string& part) {
  return std::any_of(result.diagnostics.begin(), result.diagnostics.end(),
                     [&](const Diagnostic& diagnostic) {
                       return diagnostic.message.find(part) != std::string::npos;
                     });
}

} // namespace

TEST_CASE("an IR error parameter makes the result `T | error` without a Pen argument",
          "[fallible][mapping]") {
  auto parse =
      make_function("parse", integer(), {{"text", c_string()}, {"err", message_pointer()}});
  parse.error_parameter = 1;
  auto check = make_function("check", ir::make_void(), {{"err", message_pointer()}});
  check.error_parameter = 0;
  auto name =
      make_function("name_of", c_string(), {{"code", integer()}, {"err", message_pointer()}});
  name.error_parameter = 1;
  const auto result = map_with(library_of({parse, check, name}),
                               "[functions.name_of]\nnullable = true\nerror_free = \"lib_free\"\n");
  CHECK(result.diagnostics.empty());
  const auto& package = result.package;

  const auto& parse_binding = function_named(package, "parse");
  REQUIRE(parse_binding.parameters.size() == 2);
  CHECK(parse_binding.parameters[1].conversion == mapping::ArgumentConversion::ErrorMessage);
  CHECK_FALSE(mapping::has_pen_argument(parse_binding.parameters[1]));
  CHECK(parse_binding.parameters[1].pen_name.empty());
  CHECK(parse_binding.result.fallible);
  CHECK(parse_binding.result.error_free == "free");
  CHECK(mapping::pen_type_spelling(parse_binding.result) == "number | error");
  CHECK(mapping::pen_type_spelling(function_named(package, "check").result) == "none | error");
  const auto& name_binding = function_named(package, "name_of");
  CHECK(mapping::pen_type_spelling(name_binding.result) == "string | none | error");
  CHECK(name_binding.result.error_free == "lib_free");

  const auto module = emit::emit_pen_module(package);
  CHECK(contains(module, "import foreign \"c\" _lib_parse \\(string) number | error\n"));
  CHECK(contains(module, "Parse = \\(text string) number | error {\n  _lib_parse(text)\n}"));
  CHECK(contains(module, "Check = \\(_ none) none | error {"));
  const auto shim = emit::emit_shim(package);
  CHECK(contains(shim, "pen_variant _lib_parse(pen_string pen_arg0) {"));
  CHECK(contains(shim, "  char *pen_error_message = NULL;\n"));
  CHECK(contains(shim, "(parse)((const char *)pen_c0, &pen_error_message);"));
  CHECK(contains(shim, "    pen_variant pen_error = pen_error_from_message(pen_error_message);\n"
                       "    free(pen_error_message);\n    return pen_error;\n"));
  CHECK(contains(shim, "  return pen_ffi_number_to_any((double)pen_result);\n"));
  CHECK(contains(shim, "  return pen_ffi_none_to_any();\n"));
  // A string | none result made before the failure is dropped; the message goes to lib_free.
  CHECK(contains(shim, "    pen_variant_result.tag->drop(pen_variant_result.payload);\n"));
  CHECK(contains(shim, "    lib_free(pen_error_message);\n"));
  CHECK(contains(shim, "pen_variant pen_ffi_error_to_any(pen_error_body *error);"));
}

TEST_CASE("packages without fallible functions emit none of their support", "[fallible][emit]") {
  const auto result = map_with(library_of({make_function("f", integer(), {{"x", integer()}})}));
  const auto shim = emit::emit_shim(result.package);
  CHECK_FALSE(contains(shim, "pen_error"));
}

TEST_CASE("error parameters that are not `char **` are reported and ignored",
          "[fallible][mapping]") {
  auto wrong = make_function("wrong", integer(), {{"err", c_string()}});
  wrong.error_parameter = 0;
  auto outside = make_function("outside", integer(), {});
  outside.error_parameter = 3;
  const auto configured = make_function(
      "configured", integer(), {{"message", ir::make_pointer(c_string(), "const char **")}});
  const auto plain = make_function("plain", integer(), {{"x", integer()}});
  const auto result =
      map_with(library_of({wrong, outside, configured, plain}),
               "[functions.configured]\nerror = \"message\"\n[functions.plain]\nerror = "
               "\"nothing\"\nerror_free = \"lib_free\"\n");
  CHECK_FALSE(function_named(result.package, "wrong").result.fallible);
  CHECK_FALSE(function_named(result.package, "outside").result.fallible);
  CHECK_FALSE(function_named(result.package, "configured").result.fallible);
  CHECK_FALSE(function_named(result.package, "plain").result.fallible);
  CHECK(has_diagnostic(result, "'wrong': error parameter 1 is not a 'char **'"));
  CHECK(has_diagnostic(result, "'outside': error parameter 4 is not a 'char **'"));
  CHECK(has_diagnostic(result, "error: parameter 'message' of 'configured' has type 'const char "
                               "**'"));
  CHECK(has_diagnostic(result, "error: 'plain' has no parameter 'nothing'"));
  CHECK(has_diagnostic(result, "error_free: 'plain' has no error parameter"));
}

TEST_CASE("fallible handle and record results convert through the Pen module's _to_any",
          "[fallible][mapping][emit]") {
  ir::RecordDefinition point;
  point.id = "c:@S@point";
  point.name = "point";
  point.is_complete = true;
  point.is_own = true;
  point.size_bytes = 16;
  point.fields = {{"x", ir::make_floating(ir::FloatKind::Double, 64, "double"), -1, 0},
                  {"y", ir::make_floating(ir::FloatKind::Double, 64, "double"), -1, 64}};
  auto open = make_function("conn_open", pointer_to("conn"), {{"err", message_pointer()}});
  auto origin = make_function("origin", ir::make_record_ref("point", "c:@S@point", "point"),
                              {{"err", message_pointer()}});
  const auto result = map_with(library_of({open, origin}, {incomplete("conn"), point}),
                               "[types.conn]\ndestructor = \"conn_close\"\n[functions.conn_open]\n"
                               "error = \"err\"\n[functions.origin]\nerror = \"err\"\n");
  const auto& package = result.package;
  CHECK(handle_named(package, "Conn").to_any_symbol == "_lib_Conn_to_any");
  REQUIRE(package.records.size() == 1);
  CHECK(package.records[0].to_any_symbol == "_lib_Point_to_any");
  const auto module = emit::emit_pen_module(package);
  CHECK(contains(module, "foreign \"c\" _lib_Point_to_any = \\(x Point) any {\n  x\n}\n"));
  CHECK(contains(module, "foreign \"c\" _lib_Conn_to_any = \\(x Conn) any {\n  x\n}\n"));
  const auto shim = emit::emit_shim(package);
  // A handle the callee returned before failing is dropped (its destructor runs).
  CHECK(contains(shim, "  if (pen_error_message) {\n    pen_handle_drop(pen_return);\n"));
  CHECK(contains(shim, "  return _lib_Conn_to_any(pen_return);\n"));
  CHECK(contains(shim, "    _lib_Point_body_drop(pen_return);\n"));
  CHECK(contains(shim, "  return _lib_Point_to_any(pen_return);\n"));
  CHECK(contains(shim, "pen_variant _lib_Point_to_any(_lib_Point_body *record);\n"));
}

TEST_CASE("borrowed handle results never run the destructor", "[borrowed][mapping][emit]") {
  auto owner = make_function("conn_owner", pointer_to("conn"), {});
  owner.result_borrowed = true;
  const auto fresh = make_function("conn_new", pointer_to("conn"), {});
  const auto configured = make_function("conn_current", pointer_to("conn"), {});
  const auto number = make_function("count", integer(), {});
  const auto result = map_with(library_of({owner, fresh, configured, number}, {incomplete("conn")}),
                               "[types.conn]\ndestructor = \"conn_close\"\n"
                               "[functions.conn_current]\nborrowed = true\n"
                               "[functions.count]\nborrowed = true\n");
  const auto& package = result.package;
  CHECK(function_named(package, "conn_owner").result.borrowed);
  CHECK(function_named(package, "conn_current").result.borrowed);
  CHECK_FALSE(function_named(package, "conn_new").result.borrowed);
  CHECK(has_diagnostic(result, "borrowed: the result of 'count' is not a handle"));
  const auto shim = emit::emit_shim(package);
  CHECK(contains(shim, "(conn_owner)();\n  pen_handle_body *pen_return = "
                       "_lib_Conn_type_borrow(pen_result);\n"));
  CHECK(contains(shim, "(conn_current)();\n  pen_handle_body *pen_return = "
                       "_lib_Conn_type_borrow(pen_result);\n"));
  CHECK(contains(shim, "(conn_new)();\n  pen_handle_body *pen_return = "
                       "_lib_Conn_type_wrap(pen_result);\n"));
}

TEST_CASE("record bases: base handle types accept derived handles, transitively",
          "[upcast][mapping][emit]") {
  auto shape = incomplete("shape");
  auto circle = incomplete("circle");
  auto unit = incomplete("unit");
  circle.bases = {{shape.id, "circle_to_shape"}};
  unit.bases = {{circle.id, "unit_to_circle"}};
  const auto library = library_of(
      {make_function("circle_to_shape", pointer_to("shape"), {{"c", pointer_to("circle")}}),
       make_function("unit_to_circle", pointer_to("circle"), {{"u", pointer_to("unit")}}),
       make_function("shape_area", integer(), {{"s", pointer_to("shape")}}),
       make_function("unit_new", pointer_to("unit"), {})},
      {shape, circle, unit});
  const auto result = map_with(library);
  CHECK(result.diagnostics.empty());
  const auto& package = result.package;
  // The upcast functions are the `<Derived>As<Base>` helpers, not plain bindings.
  CHECK_FALSE(find_function(package, "circle_to_shape"));
  CHECK_FALSE(find_function(package, "unit_to_circle"));

  const auto& shape_type = handle_named(package, "Shape");
  REQUIRE(shape_type.derived.size() == 2);
  CHECK(shape_type.derived[0].pen_name == "Circle");
  CHECK(shape_type.derived[0].upcasts == std::vector<std::string>{"circle_to_shape"});
  CHECK(shape_type.derived[1].pen_name == "Unit");
  CHECK(shape_type.derived[1].upcasts ==
        std::vector<std::string>{"unit_to_circle", "circle_to_shape"});
  REQUIRE(handle_named(package, "Circle").derived.size() == 1);
  CHECK(handle_named(package, "Unit").derived.empty());

  const auto& as_shape = function_named(package, "CircleAsShape");
  CHECK(as_shape.kind == mapping::FunctionKind::HandleUpcast);
  CHECK(as_shape.pen_name == "CircleAsShape");
  CHECK(as_shape.subject == "Circle");
  CHECK(as_shape.result.pen_type_name == "Shape");
  CHECK(function_named(package, "UnitAsCircle").result.pen_type_name == "Circle");

  const auto shim = emit::emit_shim(package);
  CHECK(contains(shim, "static inline PEN_MAYBE_UNUSED void *_lib_Shape_type_pointer("));
  CHECK(contains(shim, "  if (handle && handle->inner.tag == &_lib_Unit_type) {\n"));
  CHECK(contains(shim, "(void *)(uintptr_t)circle_to_shape(unit_to_circle(pen_derived))"));
  CHECK(contains(shim, "_lib_Shape_type_pointer(pen_arg0, \"shape_area\", \"Shape\");"));
  CHECK(contains(shim, "  pen_upcast->inner.payload = "
                       "pen_arg0->inner.tag->clone(pen_arg0->inner.payload);\n"));
  const auto module = emit::emit_pen_module(package);
  CHECK(contains(module, "CircleAsShape = \\(handle Circle) Shape {\n"));
}

TEST_CASE("config bases name C types and an upcast function of the headers",
          "[upcast][config][mapping]") {
  const auto library =
      library_of({make_function("as_base", pointer_to("base"), {{"d", pointer_to("derived")}}),
                  make_function("use", integer(), {{"b", pointer_to("base")}})},
                 {incomplete("base"), incomplete("derived")});
  const auto good =
      map_with(library, "[types.derived]\nbases = [{ type = \"base\", upcast = \"as_base\" }]\n");
  CHECK(good.diagnostics.empty());
  CHECK(handle_named(good.package, "Base").derived.size() == 1);
  CHECK(find_function(good.package, "DerivedAsBase"));

  const auto bad =
      map_with(library, "[types.derived]\nbases = [{ type = \"nothing\", upcast = \"as_base\" }, "
                        "{ type = \"base\", upcast = \"use\" }]\n");
  CHECK(has_diagnostic(bad, "[types.derived] bases: no struct or union 'nothing' in the headers"));
  CHECK(has_diagnostic(bad, "[types.derived] bases: 'use' must be a function of the headers"));
  CHECK(find_function(bad.package, "as_base")); // no base: a plain function
  CHECK(handle_named(bad.package, "Base").derived.empty());

  const auto error = config::parse_config("[types.derived]\nbases = [{ type = \"base\" }]\n",
                                          "c.toml", config::Format::Toml);
  CHECK_FALSE(error.config);
}

TEST_CASE("pen-ffi.sh compiles a C++ layer and bundles the C++ runtime only when there is one",
          "[build][cxx]") {
  mapping::Package package;
  package.name = "Geo";
  package.file_stem = "geo";
  const auto c_only = emit::emit_pen_ffi_script(package);
  CHECK_FALSE(contains(c_only, "CXX"));
  CHECK_FALSE(contains(c_only, "libstdc++"));
  CHECK(contains(c_only, "\\( -name '*.c' -o -name '*.h' -o -name \"$script\" \\)"));
  package.has_cxx_layer = true;
  const auto cxx = emit::emit_pen_ffi_script(package);
  CHECK(contains(cxx, "cxxflags=${CXXFLAGS:--O2 -std=c++17}\n"));
  CHECK(contains(cxx, "  \"$@\" libstdc++.a\n  \"$@\" libgcc_eh.a\n"));
  CHECK(contains(cxx, "for source in ffi/*.cpp; do\n"));
  CHECK(contains(cxx, "key=\"$key cxx=$cxx cxx_target_flag=$cxx_target_flag cxxflags=$cxxflags\""));
  CHECK(contains(cxx, "-name '*.c' -o -name '*.h' -o -name '*.cpp' -o -name '*.hpp' -o -name"));
  CHECK(contains(cxx, "$ar xN \"$index\" \"$library\" \"$name\""));
}
