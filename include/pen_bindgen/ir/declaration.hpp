#pragma once

#include "pen_bindgen/ir/location.hpp"
#include "pen_bindgen/ir/type.hpp"

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace pen_bindgen::ir {

struct Parameter {
  std::string name; // may be empty: unnamed in the header
  TypePtr type;
};

struct Function {
  std::string name;
  Location location;
  TypePtr result;
  std::vector<Parameter> parameters;
  bool is_variadic = false;
  bool is_inline = false; // static inline: exists only in the header, the shim compiles it
};

// A compile-time constant: an enum constant or an object-like macro whose value clang computed.
struct Constant {
  enum class Origin { Macro, EnumConstant };
  enum class ValueKind { SignedInteger, UnsignedInteger, Floating, String };

  std::string name;
  Location location;
  Origin origin = Origin::Macro;
  ValueKind value_kind = ValueKind::SignedInteger;
  std::int64_t signed_value = 0;
  std::uint64_t unsigned_value = 0;
  double floating_value = 0;
  std::string string_value; // bytes, without the terminating NUL
  std::string enum_name;    // the enum an enum constant belongs to, if named
};

// A declaration of the library that the frontend cannot represent at all (a global variable,
// a function-like macro, a macro that is not a constant, a struct definition not yet bound).
// The mapping turns it into a diagnostic and a comment at its place in the output.
struct Unbindable {
  std::string name;
  Location location;
  std::string kind;   // "macro", "variable", "struct", ...
  std::string reason; // "does not expand to a constant expression"
  std::string code;   // diagnostic code: "unsupported-macro", "unsupported-declaration", ...
};

using Declaration = std::variant<Function, Constant, Unbindable>;

const std::string& name_of(const Declaration& declaration);
const Location& location_of(const Declaration& declaration);

} // namespace pen_bindgen::ir
