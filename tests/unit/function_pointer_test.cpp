// Function pointers without user data are opaque handles (docs/type-mapping.md "Function
// pointers"): one handle type per typedef, the generic FunctionPointer otherwise; parameters,
// results and struct members; callbacks with user data keep their Pen functions.
#include "pen_bindgen/config/config.hpp"
#include "pen_bindgen/emit/shim.hpp"
#include "pen_bindgen/mapping/mapper.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <memory>
#include <string>

using namespace pen_bindgen;
using namespace pen_bindgen::mapping;

namespace {

ir::Location at(unsigned line) {
  return {"fp.h", line, 1};
}

ir::TypePtr int_type() {
  return ir::make_integer(ir::IntegerKind::Int, 32, true);
}

// `int (int)` behind a pointer spelled `spelling` (a typedef name or the type written out).
ir::TypePtr function_pointer(const std::string& spelling) {
  auto callback = std::make_shared<ir::Type>();
  callback->kind = ir::TypeKind::Function;
  callback->spelling = "int (int)";
  callback->result = int_type();
  callback->parameters = {int_type()};
  return ir::make_pointer(callback, spelling);
}

ir::Function function(std::string name, ir::TypePtr result, std::vector<ir::Parameter> parameters,
                      unsigned line) {
  ir::Function f;
  f.name = std::move(name);
  f.location = at(line);
  f.result = std::move(result);
  f.parameters = std::move(parameters);
  return f;
}

ir::Library library(std::vector<ir::Declaration> declarations,
                    std::vector<ir::RecordDefinition> records = {}) {
  ir::Library l;
  l.headers.push_back({"fp.h", "<fp.h>", ""});
  l.declarations = std::move(declarations);
  l.records = std::move(records);
  return l;
}

const FunctionBinding* bound(const MappingResult& result, const std::string& name) {
  for (const auto& item : result.package.items) {
    if (const auto* function = std::get_if<FunctionBinding>(&item);
        function && function->c_name == name) {
      return function;
    }
  }
  return nullptr;
}

const HandleType* handle(const MappingResult& result, const std::string& name) {
  const auto& handles = result.package.handles;
  const auto found = std::find_if(handles.begin(), handles.end(),
                                  [&](const HandleType& type) { return type.pen_name == name; });
  return found == handles.end() ? nullptr : &*found;
}

} // namespace

TEST_CASE("typedef'd function pointers get one handle type each, named after the typedef",
          "[function-pointer]") {
  const auto result = map_library(
      library({function("set_op", ir::make_void(), {{"op", function_pointer("fp_op_cb")}}, 1),
               function("get_op", function_pointer("fp_op_cb"), {}, 2),
               function("raw", int_type(), {{"f", function_pointer("int (*)(int)")}}, 3)}),
      {});
  const auto* set_op = bound(result, "set_op");
  REQUIRE(set_op != nullptr);
  REQUIRE(set_op->parameters.size() == 1);
  CHECK(set_op->parameters[0].conversion == ArgumentConversion::Handle);
  CHECK(set_op->parameters[0].function_pointer);
  CHECK(set_op->parameters[0].pen_type_name == "FpOpCb");
  CHECK(set_op->parameters[0].c_type == "fp_op_cb");
  CHECK(pen_type_spelling(set_op->parameters[0]) == "FpOpCb");
  const auto* get_op = bound(result, "get_op");
  REQUIRE(get_op != nullptr);
  CHECK(get_op->result.pen_type_name == "FpOpCb"); // the same type both ways
  CHECK(get_op->result.function_pointer);
  const auto* raw = bound(result, "raw");
  REQUIRE(raw != nullptr);
  CHECK(raw->parameters[0].pen_type_name == "FunctionPointer");

  const auto* typed = handle(result, "FpOpCb");
  REQUIRE(typed != nullptr);
  CHECK(typed->is_function_pointer);
  CHECK(typed->destructor.empty());
  // Null, IsNull and Same helpers, like every handle type.
  for (const char* helper : {"FpOpCbNull", "FpOpCbIsNull", "FpOpCbSame", "FunctionPointerNull"}) {
    CHECK(std::any_of(result.package.items.begin(), result.package.items.end(),
                      [&](const Item& item) {
                        const auto* f = std::get_if<FunctionBinding>(&item);
                        return f && f->c_name == helper;
                      }));
  }

  const auto shim = emit::emit_shim(result.package);
  // Cast back to the exact type before C sees it; results go through void (*)(void).
  CHECK(shim.find("pen_function_pointer pen_c0 = pen_function_handle_get(pen_arg0, "
                  "&_fp_FpOpCb_type, \"set_op\", \"FpOpCb\");") != std::string::npos);
  CHECK(shim.find("(set_op)((fp_op_cb)pen_c0);") != std::string::npos);
  CHECK(shim.find("(int (*)(int))pen_c0") != std::string::npos);
  CHECK(shim.find("void *pen_result") == std::string::npos);
  // Same compares the functions, not the boxes.
  CHECK(shim.find("bool pen_same = pen_function_handle_get(pen_arg0, &_fp_FpOpCb_type") !=
        std::string::npos);
}

TEST_CASE("a function-pointer type name that collides gets the next free name",
          "[function-pointer]") {
  // A struct `fp_op_cb` takes the name first (source order), the typedef gets a suffix.
  ir::RecordDefinition clash;
  clash.id = "c:@S@FpOpCb";
  clash.name = "FpOpCb";
  clash.location = at(1);
  const auto result = map_library(
      library({function("use", ir::make_void(),
                        {{"a", ir::make_pointer(ir::make_record_ref("FpOpCb", "c:@S@FpOpCb"))},
                         {"op", function_pointer("fp_op_cb")}},
                        1)},
              {clash}),
      {});
  const auto* use = bound(result, "use");
  REQUIRE(use != nullptr);
  CHECK(use->parameters[0].pen_type_name == "FpOpCb");
  CHECK(use->parameters[1].pen_type_name == "FpOpCb2");
}

TEST_CASE("function-pointer members of structs used through pointers get accessors",
          "[function-pointer]") {
  ir::RecordDefinition table;
  table.id = "c:@S@table";
  table.name = "struct table";
  table.location = at(1);
  table.is_complete = true;
  table.is_own = true;
  table.fields.push_back({"id", int_type(), -1, -1});
  table.fields.push_back({"op", function_pointer("fp_op_cb"), -1, -1});
  const auto result = map_library(
      library(
          {function("table_use", int_type(),
                    {{"t", ir::make_pointer(ir::make_record_ref("struct table", table.id))}}, 2)},
          {table}),
      {});
  const auto* getter = bound(result, "TableGetOp");
  REQUIRE(getter != nullptr);
  CHECK(getter->result.pen_type_name == "FpOpCb");
  const auto* setter = bound(result, "TableSetOp");
  REQUIRE(setter != nullptr);
  CHECK(setter->parameters.back().function_pointer);
  CHECK(setter->keep_alive_slot == 0u);
  CHECK(handle(result, "Table")->keep_alive_slots == 0u); // a value: nothing to keep alive
  const auto shim = emit::emit_shim(result.package);
  CHECK(shim.find("_fp_FpOpCb_type_wrap((pen_function_pointer)pen_object->op)") !=
        std::string::npos);
  CHECK(shim.find("pen_object->op = (fp_op_cb)pen_function_handle_get(pen_arg1, &_fp_FpOpCb_type, "
                  "\"TableSetOp\", \"FpOpCb\");") != std::string::npos);
  for (const auto& item : result.package.items) {
    CHECK(!std::holds_alternative<SkippedDeclaration>(item));
  }
}

TEST_CASE("pointers to function pointers stay skipped", "[function-pointer]") {
  const auto result = map_library(
      library({function("get_slot", ir::make_void(),
                        {{"slot", ir::make_pointer(function_pointer("fp_op_cb"))}}, 1)}),
      {});
  REQUIRE(result.package.items.size() == 1);
  const auto* skipped = std::get_if<SkippedDeclaration>(&result.package.items[0]);
  REQUIRE(skipped != nullptr);
  CHECK(skipped->code == "unsupported-type");
  CHECK(skipped->reason.find("pointers to function pointers are not supported") !=
        std::string::npos);
}

namespace {

MappingResult map_with_config(std::vector<ir::Declaration> declarations, const std::string& toml) {
  const auto loaded = config::parse_config(toml, "c.toml", config::Format::Toml);
  REQUIRE(loaded.config);
  MappingOptions options;
  options.overrides = loaded.config->overrides;
  return map_library(library(std::move(declarations)), options);
}

} // namespace

TEST_CASE("a callback the config names stays skipped when it cannot be bound",
          "[function-pointer]") {
  const auto result = map_with_config(
      {function("later", ir::make_void(), {{"cb", function_pointer("fp_op_cb")}}, 1)},
      "[functions.later]\ncallbacks = [{ parameter = \"cb\" }]\n");
  REQUIRE(!result.package.items.empty());
  const auto* skipped = std::get_if<SkippedDeclaration>(&result.package.items[0]);
  REQUIRE(skipped != nullptr);
  CHECK(skipped->code == "unsupported-callback");
}

TEST_CASE("function-pointer types take no destructor", "[function-pointer]") {
  const auto result = map_with_config(
      {function("set_op", ir::make_void(), {{"op", function_pointer("fp_op_cb")}}, 1)},
      "[types.fp_op_cb]\ndestructor = \"free\"\n");
  const auto* typed = handle(result, "FpOpCb");
  REQUIRE(typed != nullptr);
  CHECK(typed->destructor.empty());
  CHECK(std::any_of(result.diagnostics.begin(), result.diagnostics.end(),
                    [](const Diagnostic& diagnostic) {
                      return diagnostic.message.find("[types.fp_op_cb]") != std::string::npos;
                    }));
}
