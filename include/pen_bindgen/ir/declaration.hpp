#pragma once

#include "pen_bindgen/ir/cxx.hpp"
#include "pen_bindgen/ir/location.hpp"
#include "pen_bindgen/ir/type.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace pen_bindgen::ir {

struct Parameter {
  std::string name; // may be empty: unnamed in the header
  TypePtr type;
};

// A pointer parameter holding as many elements as parameter `count` says (the C++ lowering's
// `const T *items, size_t count` for a std::vector): Pen passes one list for the pair.
struct ArrayParameter {
  std::size_t items = 0;
  std::size_t count = 0;
  // An array of strings (`const char *const *`): the `const size_t *` parameter holding each
  // element's byte count (elements may contain NULs).
  std::optional<std::size_t> sizes;
};

struct Function {
  std::string name;
  Location location;
  TypePtr result;
  std::vector<Parameter> parameters;
  bool is_variadic = false;
  bool is_inline = false; // static inline: exists only in the header, the shim compiles it

  // A `char **` parameter through which the function reports failure: NULL before the call,
  // a malloc'd NUL-terminated message after a failed one (the shim frees it). The Pen result
  // becomes `T | error` and the parameter has no Pen argument. Set by the C++ lowering for
  // functions that may throw, and by config `error = "<parameter>"` (sqlite3_exec's errmsg).
  std::optional<std::size_t> error_parameter;
  // The pointer result belongs to something else (an object's member, a reference into a
  // container): its handle never runs the type's destructor. Without it, pointers a function
  // returns are owned when their type has a destructor.
  bool result_borrowed = false;
  // The pointer result is a malloc'd array (freed with free(); NULL when empty) of as many
  // elements as the function stores through this `size_t *` parameter; string elements are
  // malloc'd too. The Pen result is a list and the parameter has no Pen argument. Set by the
  // C++ lowering for std::vector results.
  std::optional<std::size_t> array_count_parameter;
  // Array parameters: the Pen wrapper takes a list for each pair (std::vector parameters).
  std::vector<ArrayParameter> array_parameters;

  // C++ declarations only (ir/cxx.hpp); empty for C and for extern "C" functions.
  std::optional<CxxFunction> cxx;
  // An extern "C" function declared in a C++ namespace: how C++ code names it ("geo::c_api");
  // empty: `name`.
  std::string cxx_callee;
  // What comments show instead of the C prototype (the C++ lowering: the C++ declaration,
  // "double geo::Shape::area() const"); empty: the C prototype.
  std::string display_prototype;
};

// A compile-time constant: an enum constant, an object-like macro whose value clang computed,
// or (C++) a const variable of arithmetic or C string type with a constant initializer
// (`constexpr double pi = 3.14;`, `static constexpr int sides = 4;` in a class).
struct Constant {
  enum class Origin { Macro, EnumConstant, Variable };
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
  // C++: enclosing namespaces and classes, outermost first, and for an `enum class` its enum
  // ({"geo", "Color"} for geo::Color::Red); empty in C.
  std::vector<std::string> scope;
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
