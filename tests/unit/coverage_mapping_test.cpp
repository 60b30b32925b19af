// Mapping and shim fixes found by binding whole real libraries (tests/coverage): members hidden
// by macros, out-parameters beside handle, record and string results, precise skip reasons,
// record blocks that point at each other, and calls that bypass function-like macros.
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
  return {"lib.h", line, 1};
}

ir::TypePtr int_type() {
  return ir::make_integer(ir::IntegerKind::Int, 32, true);
}

ir::Function function(std::string name, ir::TypePtr result, std::vector<ir::Parameter> parameters,
                      unsigned line = 1) {
  ir::Function f;
  f.name = std::move(name);
  f.location = at(line);
  f.result = std::move(result);
  f.parameters = std::move(parameters);
  return f;
}

ir::RecordDefinition record(std::string name, std::string id,
                            std::vector<std::pair<std::string, ir::TypePtr>> fields) {
  ir::RecordDefinition definition;
  definition.id = std::move(id);
  definition.name = std::move(name);
  definition.location = at(1);
  definition.is_complete = true;
  definition.is_own = true;
  for (auto& [field_name, type] : fields) {
    definition.fields.push_back({field_name, type, -1, -1});
  }
  return definition;
}

ir::Library library(std::vector<ir::Declaration> declarations,
                    std::vector<ir::RecordDefinition> records = {}) {
  ir::Library l;
  l.headers.push_back({"lib.h", "<lib.h>", ""});
  l.declarations = std::move(declarations);
  l.records = std::move(records);
  return l;
}

// `obj`, an opaque struct only used through pointers.
ir::TypePtr object() {
  return ir::make_record_ref("obj", "c:@S@obj");
}

const FunctionBinding* bound(const MappingResult& result, const std::string& c_name) {
  for (const auto& item : result.package.items) {
    if (const auto* function = std::get_if<FunctionBinding>(&item);
        function && function->kind == FunctionKind::Call && function->c_name == c_name) {
      return function;
    }
  }
  return nullptr;
}

const SkippedDeclaration* skipped(const MappingResult& result, const std::string& c_name) {
  for (const auto& item : result.package.items) {
    if (const auto* skip = std::get_if<SkippedDeclaration>(&item); skip && skip->c_name == c_name) {
      return skip;
    }
  }
  return nullptr;
}

const RecordType* record_named(const Package& package, const std::string& pen_name) {
  for (const auto& record : package.records) {
    if (record.pen_name == pen_name) {
      return &record;
    }
  }
  return nullptr;
}

} // namespace

TEST_CASE("a member named like a macro of the headers gets no accessor", "[coverage]") {
  ir::Unbindable macro{"version", at(2), "macro", "expands to a call", "unsupported-macro"};
  ir::Constant constant;
  constant.name = "count";
  constant.location = at(3);
  constant.origin = ir::Constant::Origin::Macro;
  ir::Constant enumerator = constant;
  enumerator.name = "size";
  enumerator.origin = ir::Constant::Origin::EnumConstant;
  const auto state = ir::make_record_ref("state", "c:@S@state");
  const auto result = map_library(
      library({macro, constant, enumerator,
               function("use", ir::make_void(), {{"s", ir::make_pointer(state)}}, 4)},
              {record("state", "c:@S@state",
                      {{"version", int_type()}, {"count", int_type()}, {"size", int_type()}})}),
      {});
  // Not a by-value record: `s.version` would expand the macro.
  CHECK(result.package.records.empty());
  for (const auto* member : {"state.version", "state.count"}) {
    const auto* skip = skipped(result, member);
    REQUIRE(skip != nullptr);
    CHECK(skip->code == "unsupported-field");
    CHECK(skip->reason == "a macro of the same name hides the member from C");
  }
  // Enum constants live in another name space than members.
  CHECK(skipped(result, "state.size") == nullptr);
  bool has_getter = false;
  for (const auto& item : result.package.items) {
    if (const auto* helper = std::get_if<FunctionBinding>(&item)) {
      has_getter = has_getter || helper->c_name == "StateGetSize";
    }
  }
  CHECK(has_getter);
}

TEST_CASE("out-parameters keep the kind of a handle or record result", "[coverage]") {
  const auto point = ir::make_record_ref("struct point", "c:@S@point");
  const auto out = ir::make_pointer(ir::make_pointer(object()));
  const auto result = map_library(
      library({function("make", ir::make_pointer(object()), {{"out", out}}, 2),
               function("locate", point, {{"out", out}}, 3),
               function("name",
                        ir::make_pointer(
                            ir::make_const(ir::make_integer(ir::IntegerKind::Char, 8, true))),
                        {{"out", out}}, 4)},
              {record("struct point", "c:@S@point", {{"x", int_type()}, {"y", int_type()}})}),
      {});
  const auto* make = bound(result, "make");
  REQUIRE(make != nullptr);
  const auto* make_record = record_named(result.package, make->out_record);
  REQUIRE(make_record != nullptr);
  REQUIRE(make_record->fields.size() == 2);
  CHECK(make_record->fields[0].conversion == FieldConversion::Handle);
  CHECK(make_record->fields[0].type_info == make->parameters[0].type_info);

  const auto* locate = bound(result, "locate");
  REQUIRE(locate != nullptr);
  const auto* locate_record = record_named(result.package, locate->out_record);
  REQUIRE(locate_record != nullptr);
  CHECK(locate_record->fields[0].conversion == FieldConversion::Record);
  CHECK(locate_record->fields[0].pen_type_name == "Point");

  const auto shim = emit::emit_shim(result.package);
  // The handle result is boxed into the out record, the struct converted by its own record.
  CHECK(shim.find("pen_return->pen_Result = _lib_Obj_type_wrap(pen_result);") != std::string::npos);
  CHECK(shim.find("pen_return->pen_Result = _lib_Point_body_from_c(&pen_result);") !=
        std::string::npos);
  // The string result is copied once, into the record.
  CHECK(shim.find("pen_return->pen_Result = pen_string_from_c(pen_result);") != std::string::npos);
  CHECK(shim.find("pen_string_result") == std::string::npos);
}

TEST_CASE("va_list and pointers to function pointers are skipped; function pointers are handles",
          "[coverage]") {
  const auto va_list_tag = ir::make_record("struct __va_list_tag");
  auto callback = std::make_shared<ir::Type>();
  callback->kind = ir::TypeKind::Function;
  callback->spelling = "int (int)";
  callback->result = int_type();
  callback->parameters = {int_type()};
  const ir::TypePtr callback_pointer = ir::make_pointer(callback, "int (*)(int)");
  const auto result =
      map_library(library({function("vlog", ir::make_void(),
                                    {{"format", ir::make_pointer(ir::make_const(ir::make_integer(
                                                    ir::IntegerKind::Char, 8, true)))},
                                     {"arguments", ir::make_pointer(va_list_tag, "va_list")}},
                                    2),
                           function("get_hook", callback_pointer, {}, 3),
                           function("hook_slot", ir::make_void(),
                                    {{"slot", ir::make_pointer(callback_pointer)}}, 4)}),
                  {});
  const auto* vlog = skipped(result, "vlog");
  REQUIRE(vlog != nullptr);
  CHECK(vlog->reason.find("va_list is the compiler's argument list") != std::string::npos);
  // A function-pointer type spelled out (no typedef) is the generic FunctionPointer handle.
  CHECK(skipped(result, "get_hook") == nullptr);
  const mapping::FunctionBinding* get_hook = nullptr;
  for (const auto& item : result.package.items) {
    if (const auto* bound = std::get_if<mapping::FunctionBinding>(&item);
        bound && bound->c_name == "get_hook") {
      get_hook = bound;
    }
  }
  REQUIRE(get_hook != nullptr);
  CHECK(get_hook->result.conversion == mapping::ResultConversion::Handle);
  CHECK(get_hook->result.function_pointer);
  CHECK(get_hook->result.pen_type_name == "FunctionPointer");
  CHECK(get_hook->result.c_type == "int (*)(int)");
  const auto handle = std::find_if(
      result.package.handles.begin(), result.package.handles.end(),
      [](const mapping::HandleType& type) { return type.pen_name == "FunctionPointer"; });
  REQUIRE(handle != result.package.handles.end());
  CHECK(handle->is_function_pointer);
  const auto shim = emit::emit_shim(result.package);
  // The C result goes through `void (*)(void)`, never through `void *` (ISO C).
  CHECK(shim.find("pen_function_pointer pen_result = (pen_function_pointer)(get_hook)();") !=
        std::string::npos);
  CHECK(shim.find("pen_function_handle_new(&_lib_FunctionPointer_type, function)") !=
        std::string::npos);
  const auto* hook_slot = skipped(result, "hook_slot");
  REQUIRE(hook_slot != nullptr);
  CHECK(hook_slot->reason.find("pointers to function pointers are not supported") !=
        std::string::npos);
}

TEST_CASE("record blocks are declared before any is defined; calls bypass macros", "[coverage]") {
  // `outer` (named first) holds an `inner` by value: its block points at inner's.
  const auto inner = ir::make_record_ref("struct inner", "c:@S@inner");
  const auto outer = ir::make_record_ref("struct a_outer", "c:@S@a_outer");
  const auto result =
      map_library(library({function("take", int_type(), {{"value", outer}}, 2)},
                          {record("struct inner", "c:@S@inner", {{"x", int_type()}}),
                           record("struct a_outer", "c:@S@a_outer", {{"in", inner}})}),
                  {});
  REQUIRE(result.package.records.size() == 2);
  const auto shim = emit::emit_shim(result.package);
  const auto declaration = shim.find("typedef struct _lib_Inner_body _lib_Inner_body;");
  const auto use = shim.find("_lib_Inner_body * pen_In;");
  REQUIRE(declaration != std::string::npos);
  REQUIRE(use != std::string::npos);
  CHECK(declaration < use);
  CHECK(shim.find("int pen_result = (take)(") != std::string::npos);
  // Headers read in the GNU dialect: a strict -std=c11 shim asks for the same declarations.
  CHECK(shim.find("#define _DEFAULT_SOURCE 1\n") < shim.find("#include \"pen_abi.h\""));
}

TEST_CASE("a pointer a callback receives becomes a handle borrowing it", "[coverage]") {
  auto callback = std::make_shared<ir::Type>();
  callback->kind = ir::TypeKind::Function;
  callback->spelling = "void (struct obj *, void *)";
  callback->result = ir::make_void();
  callback->parameters = {ir::make_pointer(object()), ir::make_pointer(ir::make_void())};
  const auto result = map_library(
      library({function(
          "each", ir::make_void(),
          {{"fn", ir::make_pointer(callback)}, {"data", ir::make_pointer(ir::make_void())}}, 2)}),
      {});
  const auto* each = bound(result, "each");
  REQUIRE(each != nullptr);
  REQUIRE(each->callbacks.size() == 1);
  const auto& argument = each->callbacks[0].arguments[0];
  CHECK(argument.conversion == CallbackArgumentConversion::Handle);
  CHECK(argument.pen_type_name == "Obj");
  CHECK(argument.type_info == "_lib_Obj_type");
  CHECK(each->parameters[0].pen_function_type == "\\(Obj) none");
  const auto shim = emit::emit_shim(result.package);
  CHECK(shim.find("void _lib_call_each_fn(pen_closure *f, pen_handle_body * x0);") !=
        std::string::npos);
  CHECK(shim.find("_lib_call_each_fn((pen_closure *)pen_block_clone((void *)(uintptr_t)pen_p1), "
                  "_lib_Obj_type_wrap((void *)(uintptr_t)pen_p0));") != std::string::npos);
}
