#pragma once

#include "pen_bindgen/ir/location.hpp"

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace pen_bindgen::config {

// Per-symbol overrides from the config file (DESIGN §5). Every entry keeps where the config file
// says it, so the mapping can point at the config when an override does not apply.

// A function-pointer parameter called back synchronously with a user-data pointer; both
// parameters are named explicitly when the heuristic (docs/config.md) is not enough.
struct CallbackOverride {
  std::string parameter; // the function-pointer parameter of the C function
  std::string user_data; // the `void *` parameter of the C function passed back to the callback
  // Which parameter of the callback is the user data (0-based); empty: the heuristic decides.
  std::optional<std::size_t> callback_user_data;
  ir::Location location;
};

// What the C++ layer does with an exception escaping a C++ function (docs/cplusplus.md).
enum class ExceptionPolicy {
  Error, // the Pen result becomes `T | error` with the exception's what() as the message
  Abort, // print the message to stderr and abort the program
};

// The [cxx] table (docs/cplusplus.md).
struct CxxOptions {
  // Class template instantiations to bind, as C++ spells them: "geo::Box<int>".
  std::vector<std::string> instantiate;
  ExceptionPolicy exceptions = ExceptionPolicy::Error;
};

struct FunctionOverride {
  std::string c_name;
  ir::Location location;
  std::optional<std::string> name; // public Pen name
  std::optional<bool> pure;
  bool nullable = false; // the result becomes `T | none`, none for NULL
  std::string owned;     // free function called on the result after it is copied; empty: none
  // (pointer parameter, length parameter) pairs that become one Pen `string`.
  std::vector<std::pair<std::string, std::string>> buffers;
  // parameter C name -> Pen type ("number", "boolean", "string").
  std::map<std::string, std::string> parameter_types;
  std::vector<CallbackOverride> callbacks;
  bool exported = false; // `export = true`: Pen implements it (docs/exports.md)
  // `error = "<parameter>"`: a `char **` through which the function reports failure; the result
  // becomes `T | error`. `error_free`: the function that frees the message (empty: "free").
  std::string error;
  std::string error_free;
  bool borrowed = false; // the handle result never runs the type's destructor
  // `borrowed = false` given: a class pointer result, which the C++ lowering borrows by default,
  // is owned (a factory's `new T`): its handle runs the class's destructor.
  bool owns_result = false;
  // C++ functions (docs/cplusplus.md): `exceptions = "abort"` overrides [cxx] exceptions.
  std::optional<ExceptionPolicy> exceptions;
};

struct ConstantOverride {
  std::string c_name;
  ir::Location location;
  std::optional<std::string> name;
};

// A type a pointer to this one converts to through `upcast` (`Base *upcast(Derived *)`).
struct TypeBaseOverride {
  std::string type; // the base's C name, as a [types.X] key spells it
  std::string upcast;
  ir::Location location;
};

struct TypeOverride {
  std::string c_name;
  ir::Location location;
  std::optional<std::string> name;
  std::string destructor; // C function run once when the last Pen reference dies; empty: none
  // `bases = [{ type = "base", upcast = "derived_as_base" }]`: like ir::RecordDefinition::bases.
  std::vector<TypeBaseOverride> bases;
};

// A fixed-arity instance of a variadic function: its own shim calls `function` with exactly
// these argument types (the fixed parameters first, then the variadic ones).
struct VariadicInstance {
  std::string function;
  std::string name;                    // public Pen name of the instance
  std::vector<std::string> parameters; // C type spellings: "const char *", "int", "double"
  ir::Location location;
};

// A regular expression over C function names (full match) marking functions pure.
struct PurePattern {
  std::string regex;
  ir::Location location;
};

struct Overrides {
  std::map<std::string, FunctionOverride> functions; // by C name
  std::map<std::string, ConstantOverride> constants;
  std::map<std::string, TypeOverride> types;
  std::vector<VariadicInstance> variadic; // in file order
  std::vector<PurePattern> pure;
  // Functions Pen implements (top-level `export`, --export; docs/exports.md): same shape.
  std::vector<PurePattern> exports;
  CxxOptions cxx; // C++ headers only
};

} // namespace pen_bindgen::config
