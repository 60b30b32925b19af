#pragma once

#include "pen_bindgen/ir/cxx.hpp"
#include "pen_bindgen/ir/declaration.hpp"

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace pen_bindgen::mapping {

// Names of the C++ layer (docs/cplusplus.md, "Names").

// A C++ name made a C identifier part: every run of other characters becomes one `_`, none at
// the ends ("Box<int>" -> "Box_int", "Pair<int, geo::Point>" -> "Pair_int_geo_Point").
std::string identifier_part(std::string_view cxx_name);

// Scope and name joined by `_`, each made an identifier part: {"geo", "Box<int>"} ->
// "geo_Box_int". The flat C names are "pen_cxx_" + this; the Pen names its UpperCamel form.
std::string flat_path(const std::vector<std::string>& scope, std::string_view name);

// Classes by id, to name class types in overload suffixes.
using ClassesById = std::map<std::string, const ir::CxxClass*>;

// The suffix word of one parameter type, UpperCamel: int -> "Int", double -> "Double",
// `const std::string &` -> "String", `geo::Shape const &` -> "Shape", `int *` -> "IntPtr",
// `const char *` -> "CString", `char *` -> "CharPtr". References and const do not show.
std::string overload_word(const ir::Type& type, const ClassesById& classes);

// The suffixes of one overload set (functions with the same qualified name), in its order,
// unique within the set: the words of the parameter types in order ("IntDouble"; "" for no
// parameters); a const method that would clash with its non-const twin gets "Const"; any
// remaining clash gets 2, 3, ... in declaration order.
std::vector<std::string> overload_suffixes(const std::vector<const ir::Function*>& overloads,
                                           const ClassesById& classes);

// The flat C form of a suffix: "IntDouble" -> "int_double".
std::string flat_suffix(std::string_view suffix);

} // namespace pen_bindgen::mapping
