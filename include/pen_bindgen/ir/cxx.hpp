#pragma once

#include "pen_bindgen/ir/location.hpp"
#include "pen_bindgen/ir/record.hpp"

#include <string>
#include <vector>

namespace pen_bindgen::ir {

// C++ headers (docs/cplusplus.md). The frontend describes C++ declarations here, still free of
// libclang types; mapping/cxx_lowering.hpp turns them into plain C declarations of a generated
// extern "C" layer, which the rest of the pipeline binds like any C header.

// What a C++ function is, beyond its C-like signature in ir::Function.
enum class CxxMember {
  None,         // a free function (in a namespace or not)
  Method,       // a non-static member function: the object is an implicit first argument
  StaticMethod, // a static member function
  Constructor,  // a public constructor: `result` is the class type by value
};

struct CxxFunction {
  // Enclosing namespaces and classes, outermost first: {"geo"} for geo::area,
  // {"geo", "Shape"} for geo::Shape::area. Anonymous namespaces are never selected.
  std::vector<std::string> scope;
  // How C++ code calls it: "geo::area", "geo::Shape::area" (method calls use `name` on the
  // object), "geo::Shape" for a constructor.
  std::string qualified_name;
  CxxMember member = CxxMember::None;
  std::string class_id;         // Method, StaticMethod, Constructor: the CxxClass's id
  bool is_const_method = false; // `int size() const`
  bool is_noexcept = false;     // cannot throw: no `T | error` result
};

// A class or struct of a C++ header (or a template instantiation the config names): bound as a
// handle type.
struct CxxClass {
  std::string id;             // clang's USR; ir::Type::record_id of its Record types refers to it
  std::string name;           // as written in its scope: "Shape", "Box<int>"
  std::string qualified_name; // usable in C++ code: "geo::Shape", "geo::Box<int>"
  std::vector<std::string> scope; // {"geo"}
  Location location;
  // Public, non-virtual or virtual bases that are themselves in Library::classes, by id, nearest
  // first; a handle of this class is accepted where one of a base is expected.
  std::vector<std::string> bases;
  bool is_abstract = false;
  bool has_public_destructor = true;  // false: handles never delete the object
  bool is_copy_constructible = false; // by-value results and arguments need a copy (or a move)
  bool is_move_constructible = false;
  bool is_standard_layout = false; // public data members get getters and setters only then
  // `new T()` compiles: a public non-deleted default constructor, declared (`T()`,
  // `T() = default`) or implicit (no declared constructor; every base and member default
  // constructible and destructible; no reference or const scalar member without an initializer).
  // An implicit one is bound as `<Class>New` (value-initialised).
  bool is_default_constructible = false;
  // Public non-static data members, in declaration order (offsets are not used).
  std::vector<Field> public_fields;
};

} // namespace pen_bindgen::ir
