#pragma once

#include "pen_bindgen/ir/library.hpp"

#include <string>
#include <utility>
#include <vector>

// Builders of hand-made C++ IR for the `geo` fixture library (geo.hpp, namespace geo), shared by
// the C++ lowering and std::vector unit tests.
namespace pen_bindgen::testing::geo {

inline ir::Location at(unsigned line) {
  return {"geo.hpp", line, 1};
}

inline ir::TypePtr int_type() {
  return ir::make_integer(ir::IntegerKind::Int, 32, true, "int");
}

inline ir::TypePtr double_type() {
  return ir::make_floating(ir::FloatKind::Double, 64, "double");
}

// geo::<name>, a class of the library.
inline ir::TypePtr class_type(const std::string& name, bool is_const = false) {
  auto type = ir::make_record_ref("geo::" + name, "c:@N@geo@S@" + name, "geo::" + name);
  return is_const ? ir::make_const(type) : type;
}

// A function of namespace geo, or with `class_name` a member of geo::<class_name>.
inline ir::Function cxx_function(const std::string& name, ir::TypePtr result,
                                 std::vector<ir::Parameter> parameters, unsigned line,
                                 ir::CxxMember member = ir::CxxMember::None,
                                 const std::string& class_name = "") {
  ir::Function function;
  function.name = name;
  function.location = at(line);
  function.result = std::move(result);
  function.parameters = std::move(parameters);
  ir::CxxFunction cxx;
  cxx.scope = {"geo"};
  if (!class_name.empty()) {
    cxx.scope.push_back(class_name);
    cxx.class_id = "c:@N@geo@S@" + class_name;
  }
  cxx.qualified_name = member == ir::CxxMember::Constructor
                           ? "geo::" + class_name
                           : "geo::" + (class_name.empty() ? "" : class_name + "::") + name;
  cxx.member = member;
  function.cxx = cxx;
  return function;
}

} // namespace pen_bindgen::testing::geo
