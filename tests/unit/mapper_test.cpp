#include "pen_bindgen/mapping/mapper.hpp"

#include <algorithm>
#include <catch2/catch.hpp>

using namespace pen_bindgen;
using namespace pen_bindgen::mapping;

namespace {

ir::Location at(unsigned line) {
  return {"lib.h", line, 1};
}

ir::TypePtr ulong_type() {
  return ir::make_integer(ir::IntegerKind::UnsignedLong, 64, false, "uLong");
}
ir::TypePtr int_type() {
  return ir::make_integer(ir::IntegerKind::Int, 32, true);
}
ir::TypePtr const_char_pointer(ir::IntegerKind kind = ir::IntegerKind::Char) {
  return ir::make_pointer(
      ir::make_const(ir::make_integer(kind, 8, kind != ir::IntegerKind::UnsignedChar)));
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

ir::Constant integer_constant(std::string name, std::int64_t value, unsigned line = 1) {
  ir::Constant c;
  c.name = std::move(name);
  c.location = at(line);
  c.value_kind = ir::Constant::ValueKind::SignedInteger;
  c.signed_value = value;
  return c;
}

ir::Library library(std::vector<ir::Declaration> declarations) {
  ir::Library l;
  l.headers.push_back({"zlib.h", "<zlib.h>", ""});
  l.declarations = std::move(declarations);
  return l;
}

template <typename T> const T& item(const MappingResult& result, std::size_t index) {
  REQUIRE(index < result.package.items.size());
  const auto* value = std::get_if<T>(&result.package.items[index]);
  REQUIRE(value != nullptr);
  return *value;
}

} // namespace

TEST_CASE("package names and prefixes come from the first header", "[mapper]") {
  CHECK(package_name_from_header("/usr/include/zlib.h") == "Zlib");
  CHECK(package_name_from_header("curl/curl.h") == "Curl");
  CHECK(package_name_from_header("sqlite3.h") == "Sqlite3");
  CHECK(package_name_from_header("3d.h") == "C3d");
  const auto result = map_library(library({}), {});
  CHECK(result.package.name == "Zlib");
  CHECK(result.package.file_stem == "zlib");
  CHECK(result.package.prefix == "_zlib_");
  const auto named = map_library(library({}), {"MyLib", "_my_", {"z"}, {}});
  CHECK(named.package.name == "MyLib");
  CHECK(named.package.file_stem == "mylib");
  CHECK(named.package.prefix == "_my_");
  CHECK(named.package.links == std::vector<std::string>{"z"});
}

TEST_CASE("scalar functions map to numbers, booleans and strings", "[mapper]") {
  const auto result = map_library(
      library(
          {function("crc32", ulong_type(),
                    {{"crc", ulong_type()},
                     {"buf", const_char_pointer(ir::IntegerKind::UnsignedChar)},
                     {"len", ir::make_integer(ir::IntegerKind::UnsignedInt, 32, false, "uInt")}}),
           function("is_ok", ir::make_bool(),
                    {{"x", ir::make_floating(ir::FloatKind::Float, 32)},
                     {"y", ir::make_floating(ir::FloatKind::Double, 64)},
                     {"flag", ir::make_bool()}})}),
      {});
  CHECK(result.diagnostics.empty());
  const auto& crc = item<FunctionBinding>(result, 0);
  CHECK(crc.pen_name == "Crc32");
  CHECK(crc.shim_symbol == "_zlib_crc32");
  CHECK(crc.c_prototype == "uLong crc32(uLong crc, const unsigned char *buf, uInt len)");
  CHECK(crc.result.pen_type == PenType::Number);
  CHECK(crc.result.conversion == ResultConversion::UnsignedInteger);
  CHECK(crc.result.integer == ir::IntegerKind::UnsignedLong);
  REQUIRE(crc.parameters.size() == 3);
  CHECK(crc.parameters[0].conversion == ArgumentConversion::UnsignedInteger);
  CHECK(crc.parameters[1].pen_type == PenType::String);
  CHECK(crc.parameters[1].conversion == ArgumentConversion::CString);
  CHECK(crc.parameters[1].c_pointer_type == "const unsigned char *");
  CHECK(crc.parameters[2].integer == ir::IntegerKind::UnsignedInt);
  const auto& ok = item<FunctionBinding>(result, 1);
  CHECK(ok.result.conversion == ResultConversion::Bool);
  CHECK(ok.parameters[0].conversion == ArgumentConversion::Float);
  CHECK(ok.parameters[1].conversion == ArgumentConversion::Double);
  CHECK(ok.parameters[2].pen_type == PenType::Boolean);
}

TEST_CASE("enums use their underlying integer type; char results are strings", "[mapper]") {
  const auto color = ir::make_enum("color", ir::IntegerKind::UnsignedInt, 32, false, "color");
  auto mutable_char_pointer = ir::make_pointer(ir::make_integer(ir::IntegerKind::Char, 8, true));
  const auto result = map_library(library({function("paint", mutable_char_pointer,
                                                    {{"c", color}, {"", const_char_pointer()}})}),
                                  {});
  const auto& paint = item<FunctionBinding>(result, 0);
  CHECK(paint.result.conversion == ResultConversion::CString);
  CHECK(paint.parameters[0].conversion == ArgumentConversion::UnsignedInteger);
  CHECK(paint.parameters[0].integer == ir::IntegerKind::UnsignedInt);
  CHECK(paint.parameters[1].pen_name == "arg2");
  CHECK(paint.parameters[1].c_pointer_type == "const char *");
}

TEST_CASE("unsupported types skip the function with a diagnostic", "[mapper]") {
  auto variadic = function("printf", int_type(), {{"format", const_char_pointer()}}, 3);
  variadic.is_variadic = true;
  auto complex = ir::make_unsupported("_Complex", "double _Complex");
  const auto result = map_library(
      library({function("cabs", ir::make_floating(ir::FloatKind::Double, 64), {{"z", complex}}, 2),
               variadic,
               function("big", ir::make_integer(ir::IntegerKind::Int128, 128, true), {}, 5),
               function("ld", ir::make_floating(ir::FloatKind::LongDouble, 128), {}, 6),
               ir::Unbindable{"OF", at(7), "macro", "function-like macros are not supported",
                              "unsupported-macro"}}),
      {});
  REQUIRE(result.diagnostics.size() == 5);
  CHECK(format_diagnostic(result.diagnostics[0]) ==
        "lib.h:2:1: warning: skipped 'cabs': parameter 'z' has unsupported type "
        "'double _Complex' (_Complex) [unsupported-type]");
  CHECK(result.diagnostics[1].code == "unsupported-variadic");
  CHECK(result.diagnostics[2].message.find("128-bit") != std::string::npos);
  CHECK(result.diagnostics[3].message.find("long double") != std::string::npos);
  CHECK(result.diagnostics[4].code == "unsupported-macro");
  for (std::size_t i = 0; i < 5; ++i) {
    CHECK(std::holds_alternative<SkippedDeclaration>(result.package.items[i]));
  }
}

TEST_CASE("pointers become handles and mutable byte pointers take a Buffer", "[mapper]") {
  auto stream = ir::make_pointer(ir::make_record("z_stream"), "z_streamp");
  auto mutable_buffer = ir::make_pointer(ir::make_integer(ir::IntegerKind::Char, 8, true));
  const auto result = map_library(
      library({function("inflate", int_type(), {{"strm", stream}, {"flush", int_type()}}, 2),
               function("fill", ir::make_void(), {{"buf", mutable_buffer}}, 4)}),
      {});
  CHECK(result.diagnostics.empty());
  const auto& inflate = item<FunctionBinding>(result, 0);
  CHECK(inflate.parameters[0].conversion == ArgumentConversion::Handle);
  CHECK(inflate.parameters[0].pen_type == PenType::Named);
  CHECK(inflate.parameters[0].pen_type_name == "ZStream");
  const auto& fill = item<FunctionBinding>(result, 1);
  CHECK(fill.parameters[0].conversion == ArgumentConversion::BufferHandle);
  std::vector<std::string> handles;
  for (const auto& handle : result.package.handles) {
    handles.push_back(handle.pen_name);
  }
  CHECK(std::find(handles.begin(), handles.end(), "ZStream") != handles.end());
  CHECK(std::find(handles.begin(), handles.end(), "Buffer") != handles.end());
}

TEST_CASE("constants become literals", "[mapper]") {
  ir::Constant version;
  version.name = "ZLIB_VERSION";
  version.value_kind = ir::Constant::ValueKind::String;
  version.string_value = "1.2.13";
  ir::Constant huge;
  huge.name = "HUGE";
  huge.value_kind = ir::Constant::ValueKind::UnsignedInteger;
  huge.unsigned_value = 18446744073709551615u;
  ir::Constant half;
  half.name = "HALF";
  half.value_kind = ir::Constant::ValueKind::Floating;
  half.floating_value = 0.5;
  ir::Constant nan = half;
  nan.name = "NOT_A_NUMBER";
  nan.floating_value = std::nan("");
  const auto result =
      map_library(library({integer_constant("Z_NEED_DICT", -2), version, huge, half, nan}), {});
  CHECK(item<ConstantBinding>(result, 0).pen_literal == "-2");
  CHECK(item<ConstantBinding>(result, 0).pen_name == "ZNeedDict");
  CHECK(item<ConstantBinding>(result, 1).pen_type == PenType::String);
  CHECK(item<ConstantBinding>(result, 1).pen_literal == "\"1.2.13\"");
  CHECK(item<ConstantBinding>(result, 2).pen_literal == "18446744073709551615");
  CHECK(item<ConstantBinding>(result, 3).pen_literal == "0.5");
  CHECK(item<SkippedDeclaration>(result, 4).code == "unsupported-macro");
}

TEST_CASE("name collisions resolve deterministically, functions first", "[mapper]") {
  ir::Constant version;
  version.name = "ZLIB_VERSION";
  version.location = at(1);
  version.value_kind = ir::Constant::ValueKind::String;
  const auto result = map_library(
      library({version, function("zlibVersion", const_char_pointer(), {}, 2),
               integer_constant("zlib_version", 1, 3), integer_constant("_zlib_version", 1, 4)}),
      {});
  CHECK(item<FunctionBinding>(result, 1).pen_name == "ZlibVersion");
  CHECK(item<ConstantBinding>(result, 0).pen_name == "ZLIB_VERSION");
  CHECK(item<ConstantBinding>(result, 2).pen_name == "Zlib_version");
  CHECK(item<ConstantBinding>(result, 3).pen_name == "Zlib_version_2");
  REQUIRE(result.diagnostics.size() == 3);
  CHECK(format_diagnostic(result.diagnostics[0]) ==
        "lib.h:1:1: warning: 'ZLIB_VERSION' is named 'ZLIB_VERSION' in Pen because "
        "'ZlibVersion' is taken by 'zlibVersion' [name-collision]");
}

TEST_CASE("parameter names avoid keywords, built-ins and duplicates", "[mapper]") {
  const auto result = map_library(library({function("f", ir::make_void(),
                                                    {{"type", int_type()},
                                                     {"size", int_type()},
                                                     {"a_b", int_type()},
                                                     {"aB", int_type()},
                                                     {"", int_type()},
                                                     {"_", int_type()}})}),
                                  {});
  const auto& f = item<FunctionBinding>(result, 0);
  std::vector<std::string> names;
  for (const auto& parameter : f.parameters) {
    names.push_back(parameter.pen_name);
  }
  CHECK(names == std::vector<std::string>{"type_", "size_", "aB", "aB2", "arg5", "arg6"});
}

TEST_CASE("mapping is deterministic", "[mapper]") {
  const auto lib = library({function("b", int_type(), {{"x", int_type()}}),
                            integer_constant("B", 1), function("a", int_type(), {})});
  const auto first = map_library(lib, {});
  const auto second = map_library(lib, {});
  CHECK(first.diagnostics == second.diagnostics);
  REQUIRE(first.package.items.size() == second.package.items.size());
  CHECK(item<ConstantBinding>(first, 1).pen_name == "B_2");
}
