#pragma once

#include "pen_bindgen/ir/library.hpp"

#include <string>
#include <variant>
#include <vector>

namespace pen_bindgen::mapping {

// The Pen types that cross the C boundary in this version.
enum class PenType { Number, Boolean, String, None };
const char* pen_spelling(PenType type);

// How the shim turns a Pen argument into a C argument.
enum class ArgumentConversion {
  SignedInteger,   // number -> integer: truncate toward zero, saturate, NaN -> 0
  UnsignedInteger, // likewise for an unsigned type
  Float,           // number -> float (overflow gives infinity, as IEEE rounding does)
  Double,          // number -> double, as is
  Bool,            // boolean (only bit 0 is defined) -> _Bool
  CString,         // string -> NUL-terminated copy for the duration of the call
};

// How the shim turns the C result into a Pen value.
enum class ResultConversion {
  None,            // void -> none
  SignedInteger,   // -> number, exact up to 2^53
  UnsignedInteger, // -> number, exact up to 2^53
  Floating,        // float or double -> number
  Bool,            // -> boolean, exactly 0 or 1
  CString,         // const char * -> fresh Pen string; NULL gives ""
};

struct ParameterBinding {
  std::string c_name;   // as in the header; may be empty
  std::string pen_name; // lowerCamel, unique in the function, never a keyword or built-in
  PenType pen_type = PenType::Number;
  ArgumentConversion conversion = ArgumentConversion::Double;
  // SignedInteger / UnsignedInteger: the C type whose range applies (an enum's underlying type).
  ir::IntegerKind integer = ir::IntegerKind::Int;
  // CString: the C pointer type to hand the copy over as, e.g. "const unsigned char *".
  std::string c_pointer_type;
};

struct ResultBinding {
  PenType pen_type = PenType::None;
  ResultConversion conversion = ResultConversion::None;
  ir::IntegerKind integer = ir::IntegerKind::Int; // SignedInteger / UnsignedInteger
};

struct FunctionBinding {
  std::string c_name;
  ir::Location location;
  std::string c_prototype; // "uLong crc32(uLong crc, const Bytef *buf, uInt len)", for comments
  std::string shim_symbol; // prefix + C name: "_zlib_crc32"; also the foreign import's name
  std::string pen_name;    // public wrapper: "Crc32"
  std::vector<ParameterBinding> parameters;
  ResultBinding result;
};

struct ConstantBinding {
  std::string c_name;
  ir::Location location;
  std::string pen_name; // "ZOk"
  PenType pen_type = PenType::Number;
  std::string pen_literal; // Pen source text of the value: "0", "-1", "0.5", "\"1.2.13\""
};

struct SkippedDeclaration {
  std::string c_name;
  ir::Location location;
  std::string reason; // "parameter 'strm' has unsupported type 'z_streamp'"
  std::string code;   // "unsupported-type"
};

using Item = std::variant<FunctionBinding, ConstantBinding, SkippedDeclaration>;

// Everything the emitters need, decided; emitters only format.
struct Package {
  std::string name;      // package and top module name: "Zlib"
  std::string file_stem; // lower-case stem for file names: "zlib" (ffi/zlib_shim.c)
  std::string prefix;    // shim symbol prefix: "_zlib_"
  std::vector<ir::Header> headers;
  std::vector<std::string> links; // --link libraries, e.g. "z"
  std::vector<Item> items;        // in source order
};

} // namespace pen_bindgen::mapping
