// Writes ffi/<stem>_shim.c and ffi/pen_abi.h for hand-built binding plans of the ABI test headers,
// as the mapping would decide them. It exercises the emitters without the frontend and mapping:
// `abi_package_fixtures -o <dir> <case>`, case one of types, zlib, libm, libc, empty.
#include "pen_bindgen/emit/pen_abi_header.hpp"
#include "pen_bindgen/emit/shim.hpp"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

namespace {

using namespace pen_bindgen;
using mapping::ArgumentConversion;
using mapping::PenType;
using mapping::ResultConversion;
using Kind = ir::IntegerKind;

mapping::ParameterBinding integer_parameter(Kind kind) {
  mapping::ParameterBinding parameter;
  parameter.pen_type = PenType::Number;
  parameter.conversion = ir::is_unsigned(kind) ? ArgumentConversion::UnsignedInteger
                                               : ArgumentConversion::SignedInteger;
  parameter.integer = kind;
  return parameter;
}

mapping::ParameterBinding plain_parameter(ArgumentConversion conversion) {
  mapping::ParameterBinding parameter;
  parameter.conversion = conversion;
  parameter.pen_type = conversion == ArgumentConversion::Bool      ? PenType::Boolean
                       : conversion == ArgumentConversion::CString ? PenType::String
                                                                   : PenType::Number;
  if (conversion == ArgumentConversion::CString) {
    parameter.c_pointer_type = "const char *";
  }
  return parameter;
}

mapping::ParameterBinding string_parameter(std::string pointer_type) {
  auto parameter = plain_parameter(ArgumentConversion::CString);
  parameter.c_pointer_type = std::move(pointer_type);
  return parameter;
}

mapping::ResultBinding integer_result(Kind kind) {
  mapping::ResultBinding result;
  result.pen_type = PenType::Number;
  result.conversion =
      ir::is_unsigned(kind) ? ResultConversion::UnsignedInteger : ResultConversion::SignedInteger;
  result.integer = kind;
  return result;
}

mapping::ResultBinding plain_result(ResultConversion conversion) {
  PenType type = conversion == ResultConversion::None      ? PenType::None
                 : conversion == ResultConversion::Bool    ? PenType::Boolean
                 : conversion == ResultConversion::CString ? PenType::String
                                                           : PenType::Number;
  mapping::ResultBinding result;
  result.pen_type = type;
  result.conversion = conversion;
  return result;
}

struct Builder {
  mapping::Package package;

  void function(const std::string& name, mapping::ResultBinding result,
                std::vector<mapping::ParameterBinding> parameters) {
    mapping::FunctionBinding binding;
    binding.c_name = name;
    binding.c_prototype = name + "(...)";
    binding.shim_symbol = package.prefix + name;
    binding.pen_name = name;
    binding.result = result;
    binding.parameters = std::move(parameters);
    package.items.emplace_back(std::move(binding));
  }

  void echo(const std::string& name, Kind kind) {
    function(name, integer_result(kind), {integer_parameter(kind)});
  }
};

Builder start(std::string name, std::string stem, std::string prefix, std::string include) {
  Builder builder;
  builder.package.name = std::move(name);
  builder.package.file_stem = std::move(stem);
  builder.package.prefix = std::move(prefix);
  builder.package.headers.push_back({include, "<" + include + ">", {}});
  return builder;
}

mapping::Package types_package() {
  auto b = start("AbiTypes", "abi_types", "_types_", "abi_types.h");
  b.echo("abi_echo_char", Kind::Char);
  b.echo("abi_echo_schar", Kind::SignedChar);
  b.echo("abi_echo_uchar", Kind::UnsignedChar);
  b.echo("abi_echo_short", Kind::Short);
  b.echo("abi_echo_ushort", Kind::UnsignedShort);
  b.echo("abi_echo_int", Kind::Int);
  b.echo("abi_echo_uint", Kind::UnsignedInt);
  b.echo("abi_echo_long", Kind::Long);
  b.echo("abi_echo_ulong", Kind::UnsignedLong);
  b.echo("abi_echo_ll", Kind::LongLong);
  b.echo("abi_echo_ull", Kind::UnsignedLongLong);
  b.echo("abi_echo_i8", Kind::SignedChar);
  b.echo("abi_echo_i16", Kind::Short);
  b.echo("abi_echo_i32", Kind::Int);
  b.echo("abi_echo_i64", Kind::Long);
  b.echo("abi_echo_u8", Kind::UnsignedChar);
  b.echo("abi_echo_u16", Kind::UnsignedShort);
  b.echo("abi_echo_u32", Kind::UnsignedInt);
  b.echo("abi_echo_u64", Kind::UnsignedLong);
  b.echo("abi_echo_size", Kind::UnsignedLong);
  b.echo("abi_echo_ptrdiff", Kind::Long);
  b.echo("abi_echo_color", Kind::Int);
  b.echo("abi_echo_flag", Kind::UnsignedInt);
  const auto boolean = plain_parameter(ArgumentConversion::Bool);
  b.function("abi_not", plain_result(ResultConversion::Bool), {boolean});
  b.function("abi_and", plain_result(ResultConversion::Bool), {boolean, boolean});
  b.function("abi_bool_to_int", integer_result(Kind::Int), {boolean});
  b.function("abi_is_negative", plain_result(ResultConversion::Bool),
             {integer_parameter(Kind::Int)});
  b.function("abi_echo_float", plain_result(ResultConversion::Floating),
             {plain_parameter(ArgumentConversion::Float)});
  b.function("abi_echo_double", plain_result(ResultConversion::Floating),
             {plain_parameter(ArgumentConversion::Double)});
  b.function("abi_mix", plain_result(ResultConversion::Floating),
             {integer_parameter(Kind::Int), plain_parameter(ArgumentConversion::Float),
              plain_parameter(ArgumentConversion::Double), integer_parameter(Kind::UnsignedChar)});
  const auto text = plain_parameter(ArgumentConversion::CString);
  const auto string = plain_result(ResultConversion::CString);
  b.function("abi_length", integer_result(Kind::UnsignedLong), {text});
  b.function("abi_unsigned_length", integer_result(Kind::UnsignedLong),
             {string_parameter("const unsigned char *")});
  b.function("abi_identity", string, {text});
  b.function("abi_after", string, {text, integer_parameter(Kind::Char)});
  b.function("abi_join", string, {text, text});
  b.function("abi_null_string", string, {});
  b.function("abi_empty_string", string, {});
  b.function("abi_compare", integer_result(Kind::Int), {text, text});
  b.function("abi_set_counter", plain_result(ResultConversion::None),
             {integer_parameter(Kind::Int)});
  b.function("abi_counter", integer_result(Kind::Int), {});
  b.function("abi_inline_twice", integer_result(Kind::Int), {integer_parameter(Kind::Short)});
  return b.package;
}

mapping::Package zlib_package() {
  auto b = start("Zlib", "zlib", "_zlib_", "zlib.h");
  const auto ulong = integer_parameter(Kind::UnsignedLong);
  const auto uint = integer_parameter(Kind::UnsignedInt);
  const auto bytes = string_parameter("const Bytef *");
  b.function("zlibVersion", plain_result(ResultConversion::CString), {});
  b.function("adler32", integer_result(Kind::UnsignedLong), {ulong, bytes, uint});
  b.function("crc32", integer_result(Kind::UnsignedLong), {ulong, bytes, uint});
  b.function("compressBound", integer_result(Kind::UnsignedLong), {ulong});
  return b.package;
}

mapping::Package libm_package() {
  auto b = start("Math", "math", "_math_", "math.h");
  const auto real = plain_parameter(ArgumentConversion::Double);
  const auto floating = plain_result(ResultConversion::Floating);
  b.function("sqrt", floating, {real});
  b.function("floor", floating, {real});
  b.function("fabs", floating, {real});
  b.function("pow", floating, {real, real});
  b.function("ldexp", floating, {real, integer_parameter(Kind::Int)});
  b.function("lround", integer_result(Kind::Long), {real});
  b.function("llround", integer_result(Kind::LongLong), {real});
  b.function("ilogb", integer_result(Kind::Int), {real});
  b.function("fmin", floating, {real, real});
  return b.package;
}

mapping::Package libc_package() {
  auto b = start("Libc", "libc", "_libc_", "string.h");
  b.package.headers.push_back({"stdlib.h", "<stdlib.h>", {}});
  b.package.headers.push_back({"ctype.h", "<ctype.h>", {}});
  const auto text = plain_parameter(ArgumentConversion::CString);
  const auto string = plain_result(ResultConversion::CString);
  const auto integer = integer_parameter(Kind::Int);
  b.function("strlen", integer_result(Kind::UnsignedLong), {text});
  b.function("strcmp", integer_result(Kind::Int), {text, text});
  b.function("strncmp", integer_result(Kind::Int),
             {text, text, integer_parameter(Kind::UnsignedLong)});
  b.function("strchr", string, {text, integer});
  b.function("strstr", string, {text, text});
  b.function("strspn", integer_result(Kind::UnsignedLong), {text, text});
  b.function("strerror", string, {integer});
  b.function("atoi", integer_result(Kind::Int), {text});
  b.function("abs", integer_result(Kind::Int), {integer});
  b.function("labs", integer_result(Kind::Long), {integer_parameter(Kind::Long)});
  b.function("toupper", integer_result(Kind::Int), {integer});
  return b.package;
}

void write(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

} // namespace

int main(int argc, char** argv) {
  std::string name;
  std::filesystem::path output;
  for (int index = 1; index < argc; ++index) {
    if (std::string(argv[index]) == "-o" && index + 1 < argc) {
      output = argv[++index];
    } else {
      name = argv[index];
    }
  }
  if (name.empty() || output.empty()) {
    std::cerr << "usage: abi_package_fixtures -o DIR types|zlib|libm|libc|empty\n";
    return 2;
  }
  mapping::Package package;
  if (name == "types") {
    package = types_package();
  } else if (name == "zlib") {
    package = zlib_package();
  } else if (name == "libm") {
    package = libm_package();
  } else if (name == "libc") {
    package = libc_package();
  } else if (name == "empty") {
    package = start("Empty", "empty", "_empty_", "stddef.h").package;
  } else {
    std::cerr << "unknown case " << name << "\n";
    return 2;
  }
  write(output / emit::shim_path(package), emit::emit_shim(package));
  write(output / "ffi/pen_abi.h", emit::emit_pen_abi_header());
  return 0;
}
