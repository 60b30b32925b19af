// The C++ lowering (docs/cplusplus.md): hand-built C++ IR in, the flat C library, the merged
// overrides and the extern "C" layer out.
#include "geo_ir.hpp"
#include "pen_bindgen/emit/cxx_layer.hpp"
#include "pen_bindgen/mapping/cxx_lowering.hpp"
#include "pen_bindgen/mapping/cxx_names.hpp"
#include "pen_bindgen/mapping/mapper.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <string>

using namespace pen_bindgen;
using namespace pen_bindgen::mapping;
using namespace pen_bindgen::testing::geo;

namespace {

ir::CxxClass make_class(const std::string& name, unsigned line) {
  ir::CxxClass cls;
  cls.id = "c:@N@geo@S@" + name;
  cls.name = name;
  cls.qualified_name = "geo::" + name;
  cls.scope = {"geo"};
  cls.location = at(line);
  cls.is_copy_constructible = true;
  cls.is_move_constructible = true;
  return cls;
}

// A small geo library: an abstract Shape, Circle derived from it, a standard-layout Point,
// free functions, overloads, strings, an enum class and an extern "C" function.
ir::Library geo_library() {
  ir::Library library;
  library.is_cxx = true;
  library.headers.push_back({"geo.hpp", "<geo.hpp>", "/src/geo"});
  library.files_read = {"/src/geo/geo.hpp"};

  auto shape = make_class("Shape", 10);
  shape.is_abstract = true;
  shape.is_copy_constructible = false;
  auto circle = make_class("Circle", 20);
  circle.bases = {shape.id};
  auto point = make_class("Point", 30);
  point.is_standard_layout = true;
  point.public_fields = {{"x", double_type(), -1, 0}, {"name", ir::make_std_string(), -1, 64}};
  library.classes = {shape, circle, point};

  auto area = cxx_function("area", double_type(), {}, 11, ir::CxxMember::Method, "Shape");
  area.cxx->is_const_method = true;
  auto make_circle = cxx_function("Circle", class_type("Circle"), {{"radius", double_type()}}, 21,
                                  ir::CxxMember::Constructor, "Circle");
  auto unit =
      cxx_function("unit", class_type("Circle"), {}, 22, ir::CxxMember::StaticMethod, "Circle");
  auto grow = cxx_function("grow", ir::make_void(), {{"factor", double_type()}}, 23,
                           ir::CxxMember::Method, "Circle");
  grow.cxx->is_noexcept = true;
  auto total = cxx_function("total_area", double_type(),
                            {{"a", ir::make_reference(class_type("Shape", true))},
                             {"b", ir::make_reference(class_type("Shape", true))}},
                            40);
  auto scale_double = cxx_function("scale", double_type(),
                                   {{"value", double_type()}, {"factor", double_type()}}, 41);
  auto scale_int =
      cxx_function("scale", int_type(), {{"value", int_type()}, {"factor", int_type()}}, 42);
  auto greet =
      cxx_function("greet", ir::make_std_string(),
                   {{"name", ir::make_reference(ir::make_const(ir::make_std_string()))}}, 43);
  auto color = ir::make_enum("geo::Color", ir::IntegerKind::Int, 32, true, "geo::Color");
  auto next = cxx_function("next_color", color, {{"color", color}}, 44);
  auto sum = cxx_function(
      "sum", double_type(),
      {{"values", ir::make_reference(ir::make_const(ir::make_std_vector(double_type())))}}, 45);
  auto checked = cxx_function("checked_sqrt", double_type(), {{"value", double_type()}}, 46);
  auto biggest = cxx_function("biggest", ir::make_reference(class_type("Shape")), {}, 47);
  ir::Function c_version;
  c_version.name = "geo_c_version";
  c_version.location = at(5);
  c_version.result = int_type();

  ir::Constant red;
  red.name = "Red";
  red.location = at(8);
  red.origin = ir::Constant::Origin::EnumConstant;
  red.scope = {"geo", "Color"};
  red.enum_name = "geo::Color";
  ir::Unbindable plus{"geo::operator+", at(50), "function", "operator overloads are not bound",
                      "unsupported-cxx"};

  library.declarations = {c_version, red,   area,         make_circle, unit,
                          grow,      total, scale_double, scale_int,   greet,
                          next,      sum,   checked,      biggest,     plus};
  return library;
}

const ir::Function* flat_function(const ir::Library& library, const std::string& name) {
  for (const auto& declaration : library.declarations) {
    if (const auto* function = std::get_if<ir::Function>(&declaration);
        function && function->name == name) {
      return function;
    }
  }
  return nullptr;
}

const CxxLayerFunction* layer_function(const CxxLayer& layer, const std::string& name) {
  for (const auto& function : layer.functions) {
    if (function.c_name == name) {
      return &function;
    }
  }
  return nullptr;
}

std::string pen_name(const CxxLowering& lowered, const std::string& c_name) {
  const auto found = lowered.overrides.functions.find(c_name);
  return found == lowered.overrides.functions.end() || !found->second.name ? ""
                                                                           : *found->second.name;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

} // namespace

TEST_CASE("C++ declarations lower to pen_cxx_ functions with Pen names", "[cxx]") {
  const auto lowered = lower_cxx(geo_library(), {}, "geo");
  const auto& flat = lowered.library;
  CHECK_FALSE(flat.is_cxx);
  REQUIRE(flat.headers.size() == 1);
  CHECK(flat.headers[0].include_spelling == "\"geo_cxx.h\"");
  CHECK(flat.headers[0].include_directory == "/src/geo");
  CHECK(flat.files_read == std::vector<std::string>{"/src/geo/geo.hpp"});

  const std::vector<std::pair<std::string, std::string>> expected = {
      {"pen_cxx_geo_c_version", "GeoCVersion"},
      {"pen_cxx_geo_Shape_area", "GeoShapeArea"},
      {"pen_cxx_geo_Shape_delete", "GeoShapeDelete"},
      {"pen_cxx_geo_Circle_new", "GeoCircleNew"},
      {"pen_cxx_geo_Circle_unit", "GeoCircleUnit"},
      {"pen_cxx_geo_Circle_grow", "GeoCircleGrow"},
      {"pen_cxx_geo_total_area", "GeoTotalArea"},
      {"pen_cxx_geo_scale_double_double", "GeoScaleDoubleDouble"},
      {"pen_cxx_geo_scale_int_int", "GeoScaleIntInt"},
      {"pen_cxx_geo_greet", "GeoGreet"},
      {"pen_cxx_geo_Point_get_x", "GeoPointGetX"},
      {"pen_cxx_geo_Point_set_x", "GeoPointSetX"},
      {"pen_cxx_geo_Point_get_name", "GeoPointGetName"},
      {"pen_cxx_geo_Point_set_name", "GeoPointSetName"},
  };
  for (const auto& [c_name, pen] : expected) {
    INFO(c_name);
    CHECK(flat_function(flat, c_name) != nullptr);
    CHECK(pen_name(lowered, c_name) == pen);
  }
}

TEST_CASE("C++ signatures lower to C types, conversions and exception handling", "[cxx]") {
  const auto lowered = lower_cxx(geo_library(), {}, "geo");
  const auto& layer = lowered.layer;
  const auto& flat = lowered.library;

  SECTION("a const method takes a const self and reports exceptions") {
    const auto* area = layer_function(layer, "pen_cxx_geo_Shape_area");
    REQUIRE(area);
    CHECK(area->c_prototype ==
          "double pen_cxx_geo_Shape_area(const pen_cxx_geo_Shape *self, char **pen_error)");
    CHECK(area->statement == "return reinterpret_cast<const geo::Shape *>(self)->area();");
    CHECK(area->non_null == std::vector<std::string>{"self"});
    CHECK(area->exceptions == CxxExceptionHandling::Report);
    CHECK(area->error_parameter == "pen_error");
    CHECK(flat_function(flat, "pen_cxx_geo_Shape_area")->error_parameter == 1u);
  }
  SECTION("constructors and by-value class results are owned handles") {
    const auto* make = layer_function(layer, "pen_cxx_geo_Circle_new");
    REQUIRE(make);
    CHECK(make->c_prototype ==
          "pen_cxx_geo_Circle *pen_cxx_geo_Circle_new(double radius, char **pen_error)");
    CHECK(make->statement ==
          "return reinterpret_cast<pen_cxx_geo_Circle *>(new geo::Circle(radius));");
    const auto* unit = layer_function(layer, "pen_cxx_geo_Circle_unit");
    REQUIRE(unit);
    CHECK(unit->statement ==
          "return reinterpret_cast<pen_cxx_geo_Circle *>(new geo::Circle(geo::Circle::unit()));");
    CHECK_FALSE(flat_function(flat, "pen_cxx_geo_Circle_unit")->result_borrowed);
  }
  SECTION("reference results are borrowed handles") {
    const auto* biggest = flat_function(flat, "pen_cxx_geo_biggest");
    REQUIRE(biggest);
    CHECK(biggest->result_borrowed);
    CHECK(contains(layer_function(layer, "pen_cxx_geo_biggest")->statement, "std::addressof"));
  }
  SECTION("class references are non-null const pointers, dereferenced") {
    const auto* total = layer_function(layer, "pen_cxx_geo_total_area");
    REQUIRE(total);
    CHECK(total->c_prototype == "double pen_cxx_geo_total_area(const pen_cxx_geo_Shape *a, "
                                "const pen_cxx_geo_Shape *b, char **pen_error)");
    CHECK(total->non_null == std::vector<std::string>{"a", "b"});
    CHECK(total->statement == "return geo::total_area(*reinterpret_cast<const geo::Shape *>(a), "
                              "*reinterpret_cast<const geo::Shape *>(b));");
  }
  SECTION("std::string parameters are byte buffers, results malloc'd copies") {
    const auto* greet = layer_function(layer, "pen_cxx_geo_greet");
    REQUIRE(greet);
    CHECK(greet->c_prototype ==
          "char *pen_cxx_geo_greet(const char *name, size_t name_size, char **pen_error)");
    CHECK(greet->statement ==
          "return pen_cxx_copy_string(geo::greet(pen_cxx_string(name, name_size)));");
    const auto& entry = lowered.overrides.functions.at("pen_cxx_geo_greet");
    CHECK(entry.owned == "free");
    CHECK(entry.buffers == std::vector<std::pair<std::string, std::string>>{{"name", "name_size"}});
  }
  SECTION("enums cross as their underlying integer type") {
    const auto* next = layer_function(layer, "pen_cxx_geo_next_color");
    REQUIRE(next);
    CHECK(next->c_prototype == "int pen_cxx_geo_next_color(int color, char **pen_error)");
    CHECK(next->statement ==
          "return static_cast<int>(geo::next_color(static_cast<geo::Color>(color)));");
  }
  SECTION("noexcept functions have no error parameter") {
    const auto* grow = layer_function(layer, "pen_cxx_geo_Circle_grow");
    REQUIRE(grow);
    CHECK(grow->c_prototype ==
          "void pen_cxx_geo_Circle_grow(pen_cxx_geo_Circle *self, double factor)");
    CHECK(grow->exceptions == CxxExceptionHandling::Abort);
    CHECK_FALSE(flat_function(flat, "pen_cxx_geo_Circle_grow")->error_parameter);
  }
  SECTION("extern \"C\" functions bind as C: a wrapper that calls them unqualified, no error") {
    const auto* version = layer_function(layer, "pen_cxx_geo_c_version");
    REQUIRE(version);
    CHECK(version->c_prototype == "int pen_cxx_geo_c_version(void)");
    CHECK(version->exceptions == CxxExceptionHandling::None);
    CHECK_FALSE(flat_function(flat, "pen_cxx_geo_c_version")->error_parameter);
    CHECK(version->statement == "return geo_c_version();");
  }
  SECTION("std::vector becomes an array (tests/unit/cxx_vector_test.cpp), unbindables are kept") {
    std::vector<std::string> skipped;
    for (const auto& declaration : flat.declarations) {
      if (const auto* unbindable = std::get_if<ir::Unbindable>(&declaration)) {
        skipped.push_back(unbindable->name + ": " + unbindable->reason);
      }
    }
    CHECK(skipped == std::vector<std::string>{"geo::operator+: operator overloads are not bound"});
    const auto* sum = flat_function(flat, "pen_cxx_geo_sum");
    REQUIRE(sum);
    CHECK(sum->array_parameters.size() == 1);
  }
}

TEST_CASE("classes become incomplete records with deleters, upcasts and accessors", "[cxx]") {
  const auto lowered = lower_cxx(geo_library(), {}, "geo");
  const auto& flat = lowered.library;
  REQUIRE(flat.records.size() == 3);
  const auto& circle = *std::find_if(flat.records.begin(), flat.records.end(),
                                     [](const auto& r) { return r.name == "pen_cxx_geo_Circle"; });
  CHECK_FALSE(circle.is_complete);
  REQUIRE(circle.bases.size() == 1);
  CHECK(circle.bases[0].record_id == "c:@N@geo@S@Shape");
  CHECK(circle.bases[0].upcast_function == "pen_cxx_geo_Circle_to_geo_Shape");
  // The upcast is declared by the layer only: binding it would make a second owner.
  CHECK(flat_function(flat, "pen_cxx_geo_Circle_to_geo_Shape") == nullptr);
  const auto* upcast = layer_function(lowered.layer, "pen_cxx_geo_Circle_to_geo_Shape");
  REQUIRE(upcast);
  CHECK(upcast->statement == "return reinterpret_cast<pen_cxx_geo_Shape *>(static_cast<geo::Shape "
                             "*>(reinterpret_cast<geo::Circle *>(self)));");

  const auto& types = lowered.overrides.types;
  CHECK(types.at("pen_cxx_geo_Shape").name == "GeoShape");
  CHECK(types.at("pen_cxx_geo_Shape").destructor == "pen_cxx_geo_Shape_delete");
  CHECK(types.at("pen_cxx_geo_Circle").name == "GeoCircle");
  CHECK(layer_function(lowered.layer, "pen_cxx_geo_Shape_delete")->statement ==
        "delete reinterpret_cast<geo::Shape *>(self);");

  const auto* get_x = layer_function(lowered.layer, "pen_cxx_geo_Point_get_x");
  REQUIRE(get_x);
  CHECK(get_x->c_prototype == "double pen_cxx_geo_Point_get_x(const pen_cxx_geo_Point *self)");
  CHECK(get_x->statement == "return reinterpret_cast<const geo::Point *>(self)->x;");
  const auto* set_name = layer_function(lowered.layer, "pen_cxx_geo_Point_set_name");
  REQUIRE(set_name);
  CHECK(set_name->c_prototype == "void pen_cxx_geo_Point_set_name(pen_cxx_geo_Point *self, "
                                 "const char *value, size_t value_size)");
  CHECK(set_name->statement ==
        "reinterpret_cast<geo::Point *>(self)->name = pen_cxx_string(value, value_size);");
  CHECK(lowered.overrides.functions.at("pen_cxx_geo_Point_get_name").owned == "free");
}

TEST_CASE("overload sets get suffixes from their parameter types and a note", "[cxx]") {
  const auto lowered = lower_cxx(geo_library(), {}, "geo");
  const auto notes =
      std::count_if(lowered.diagnostics.begin(), lowered.diagnostics.end(),
                    [](const Diagnostic& d) { return d.code == "overload-renamed"; });
  REQUIRE(notes == 1);
  const auto& note = lowered.diagnostics.front();
  CHECK(note.severity == Severity::Note);
  CHECK(note.location == at(41));
  CHECK(note.message == "overloads of 'geo::scale' are bound as GeoScaleDoubleDouble for "
                        "geo::scale(double, double), GeoScaleIntInt for geo::scale(int, int)");
}

TEST_CASE("the user's config is keyed by qualified C++ names and wins", "[cxx]") {
  config::Overrides user;
  config::FunctionOverride greet;
  greet.c_name = "geo::greet";
  greet.name = "Hello";
  user.functions["geo::greet"] = greet;
  config::FunctionOverride checked;
  checked.c_name = "geo::checked_sqrt";
  checked.exceptions = config::ExceptionPolicy::Abort;
  user.functions["geo::checked_sqrt"] = checked;
  config::FunctionOverride scale;
  scale.c_name = "geo::scale";
  scale.name = "Scale";
  user.functions["geo::scale"] = scale;
  config::FunctionOverride by_flat;
  by_flat.c_name = "pen_cxx_geo_scale_int_int";
  by_flat.name = "ScaleInt";
  user.functions["pen_cxx_geo_scale_int_int"] = by_flat;
  config::FunctionOverride c_api;
  c_api.c_name = "geo_c_version";
  c_api.name = "Version";
  user.functions["geo_c_version"] = c_api;
  config::TypeOverride shape;
  shape.c_name = "geo::Shape";
  shape.name = "Shape";
  user.types["geo::Shape"] = shape;
  config::ConstantOverride red{"geo::Color::Red", at(1), "Crimson"};
  user.constants["geo::Color::Red"] = red;
  config::FunctionOverride unknown;
  unknown.c_name = "nothing";
  user.functions["nothing"] = unknown;

  const auto lowered = lower_cxx(geo_library(), user, "geo");
  CHECK(pen_name(lowered, "pen_cxx_geo_greet") == "Hello");
  CHECK(pen_name(lowered, "pen_cxx_geo_c_version") == "Version");
  CHECK(pen_name(lowered, "pen_cxx_geo_scale_int_int") == "ScaleInt");
  // A name for a whole overload set cannot apply: the defaults stay, with a warning.
  CHECK(pen_name(lowered, "pen_cxx_geo_scale_double_double") == "GeoScaleDoubleDouble");
  CHECK(std::any_of(lowered.diagnostics.begin(), lowered.diagnostics.end(), [](const auto& d) {
    return d.severity == Severity::Warning && contains(d.message, "every overload of 'geo::scale'");
  }));
  CHECK(lowered.overrides.types.at("pen_cxx_geo_Shape").name == "Shape");
  CHECK(lowered.overrides.types.at("pen_cxx_geo_Shape").destructor == "pen_cxx_geo_Shape_delete");
  CHECK(lowered.overrides.constants.at("geo_Color_Red").name == "Crimson");
  // Qualified keys are consumed; keys naming nothing are passed on for the mapping to report.
  CHECK_FALSE(lowered.overrides.functions.contains("geo::greet"));
  CHECK_FALSE(lowered.overrides.types.contains("geo::Shape"));
  CHECK(lowered.overrides.functions.contains("nothing"));

  const auto* sqrt = layer_function(lowered.layer, "pen_cxx_geo_checked_sqrt");
  REQUIRE(sqrt);
  CHECK(sqrt->exceptions == CxxExceptionHandling::Abort);
  CHECK(sqrt->c_prototype == "double pen_cxx_geo_checked_sqrt(double value)");

  config::Overrides abort_all;
  abort_all.cxx.exceptions = config::ExceptionPolicy::Abort;
  const auto aborting = lower_cxx(geo_library(), abort_all, "geo");
  for (const auto& function : aborting.layer.functions) {
    // Deleters, upcasts and getters cannot throw: no try block at all.
    CHECK(function.exceptions != CxxExceptionHandling::Report);
  }
}

TEST_CASE("scoped constants get flat names", "[cxx]") {
  const auto lowered = lower_cxx(geo_library(), {}, "geo");
  const auto* red = std::get_if<ir::Constant>(&lowered.library.declarations[1]);
  REQUIRE(red);
  CHECK(red->name == "geo_Color_Red");
  CHECK(red->scope.empty());
}

TEST_CASE("overload suffixes are unique and readable", "[cxx]") {
  ir::Library library;
  library.is_cxx = true;
  library.headers.push_back({"geo.hpp", "<geo.hpp>", ""});
  auto point = make_class("Point", 1);
  library.classes = {point};
  const auto string_ref = ir::make_reference(ir::make_const(ir::make_std_string()));
  auto at_mutable = cxx_function("at", ir::make_reference(double_type()), {{"i", int_type()}}, 2,
                                 ir::CxxMember::Method, "Point");
  auto at_const = at_mutable;
  at_const.location = at(3);
  at_const.cxx->is_const_method = true;
  auto make_default =
      cxx_function("Point", class_type("Point"), {}, 4, ir::CxxMember::Constructor, "Point");
  auto make_named = cxx_function("Point", class_type("Point"), {{"name", string_ref}}, 5,
                                 ir::CxxMember::Constructor, "Point");
  auto make_copy = cxx_function("Point", class_type("Point"),
                                {{"other", ir::make_reference(class_type("Point", true))}}, 6,
                                ir::CxxMember::Constructor, "Point");
  auto name_cstring = cxx_function("put", ir::make_void(),
                                   {{"s", ir::make_pointer(ir::make_const(ir::make_integer(
                                              ir::IntegerKind::Char, 8, true, "char")))}},
                                   7);
  auto name_unsigned = cxx_function(
      "put", ir::make_void(),
      {{"n", ir::make_integer(ir::IntegerKind::UnsignedLong, 64, false, "std::size_t")}}, 8);
  library.declarations = {at_mutable, at_const,     make_default, make_named,
                          make_copy,  name_cstring, name_unsigned};
  const auto lowered = lower_cxx(library, {}, "geo");
  CHECK(pen_name(lowered, "pen_cxx_geo_Point_at_int") == "GeoPointAtInt");
  CHECK(pen_name(lowered, "pen_cxx_geo_Point_at_int_const") == "GeoPointAtIntConst");
  CHECK(pen_name(lowered, "pen_cxx_geo_Point_new") == "GeoPointNew");
  CHECK(pen_name(lowered, "pen_cxx_geo_Point_new_string") == "GeoPointNewString");
  CHECK(pen_name(lowered, "pen_cxx_geo_Point_new_point") == "GeoPointNewPoint");
  CHECK(pen_name(lowered, "pen_cxx_geo_put_c_string") == "GeoPutCString");
  CHECK(pen_name(lowered, "pen_cxx_geo_put_unsigned_long") == "GeoPutUnsignedLong");
  // A reference to a number is read: the result is a copy, not a handle.
  CHECK(layer_function(lowered.layer, "pen_cxx_geo_Point_at_int")->c_prototype ==
        "double pen_cxx_geo_Point_at_int(pen_cxx_geo_Point *self, int i, char **pen_error)");
}

TEST_CASE("the lowered library maps through the C pipeline", "[cxx]") {
  const auto lowered = lower_cxx(geo_library(), {}, "geo");
  MappingOptions options;
  options.overrides = lowered.overrides;
  const auto mapped = map_library(lowered.library, options);
  for (const auto& diagnostic : mapped.diagnostics) {
    INFO(format_diagnostic(diagnostic));
    CHECK(diagnostic.severity != Severity::Error);
    CHECK(diagnostic.code != "config");
  }
  std::vector<std::string> names;
  for (const auto& item : mapped.package.items) {
    if (const auto* function = std::get_if<FunctionBinding>(&item)) {
      names.push_back(function->pen_name);
    }
  }
  for (const std::string name : {"GeoArea", "GeoShapeArea", "GeoCircleNew", "GeoGreet",
                                 "GeoScaleIntInt", "GeoPointGetX", "GeoCVersion"}) {
    if (name == "GeoArea") {
      continue; // not part of this library
    }
    INFO(name);
    CHECK(std::find(names.begin(), names.end(), name) != names.end());
  }
  CHECK(std::any_of(
      mapped.package.handles.begin(), mapped.package.handles.end(), [](const HandleType& handle) {
        return handle.pen_name == "GeoShape" && handle.destructor == "pen_cxx_geo_Shape_delete";
      }));
}

TEST_CASE("the layer's header and source", "[cxx]") {
  const auto lowered = lower_cxx(geo_library(), {}, "geo");
  const auto header = emit::emit_cxx_layer_header(lowered.layer);
  CHECK(emit::cxx_layer_header_path(lowered.layer) == "ffi/geo_cxx.h");
  CHECK(emit::cxx_layer_source_path(lowered.layer) == "ffi/geo_cxx.cpp");
  CHECK(contains(header, "#ifndef PEN_CXX_GEO_CXX_H\n#define PEN_CXX_GEO_CXX_H\n"));
  CHECK(contains(header, "#ifdef __cplusplus\nextern \"C\" {\n#endif\n"));
  CHECK(contains(header, "typedef struct pen_cxx_geo_Shape pen_cxx_geo_Shape; /* geo::Shape */\n"));
  CHECK(contains(header, "double pen_cxx_geo_Shape_area(const pen_cxx_geo_Shape *self, "
                         "char **pen_error);\n"));
  CHECK(contains(header, "pen_cxx_geo_Shape *pen_cxx_geo_Circle_to_geo_Shape("
                         "pen_cxx_geo_Circle *self);\n"));

  const auto source = emit::emit_cxx_layer_source(lowered.layer);
  CHECK(contains(source, "#include <geo.hpp>\n\n#include \"geo_cxx.h\"\n"));
  CHECK(contains(
      source, "double pen_cxx_geo_total_area(const pen_cxx_geo_Shape *a, const pen_cxx_geo_Shape "
              "*b, char **pen_error) {\n"
              "  if (a == nullptr) {\n"
              "    pen_cxx_report_null(pen_error, \"geo::total_area\", \"a\");\n"
              "    return {};\n"
              "  }\n"));
  CHECK(contains(source, "  } catch (const std::exception &exception) {\n"
                         "    pen_cxx_report(pen_error, exception.what());\n"
                         "  } catch (...) {\n"
                         "    pen_cxx_report(pen_error, \"unknown C++ exception\");\n"
                         "  }\n"
                         "  return {};\n}\n"));
  CHECK(contains(source, "    pen_cxx_abort(\"geo::Circle::grow\", exception.what());\n"));
  CHECK(contains(source, "    pen_cxx_abort_null(\"geo::Circle::grow\", \"self\");\n"));
}

TEST_CASE("a class without bound functions maps without warnings", "[cxx]") {
  ir::Library library;
  library.is_cxx = true;
  library.headers.push_back({"geo.hpp", "<geo.hpp>", ""});
  auto hidden = make_class("Hidden", 1);
  hidden.has_public_destructor = false;
  auto plain = make_class("Plain", 2);
  library.classes = {hidden, plain};
  const auto lowered = lower_cxx(library, {}, "geo");
  MappingOptions options;
  options.overrides = lowered.overrides;
  const auto mapped = map_library(lowered.library, options);
  for (const auto& diagnostic : mapped.diagnostics) {
    FAIL_CHECK(format_diagnostic(diagnostic));
  }
  // Plain has a public destructor, so a deleter and a handle type.
  CHECK(std::any_of(
      mapped.package.handles.begin(), mapped.package.handles.end(), [](const HandleType& handle) {
        return handle.pen_name == "GeoPlain" && handle.destructor == "pen_cxx_geo_Plain_delete";
      }));
}

TEST_CASE("overload words for pointers and numbers", "[cxx]") {
  const ClassesById none;
  const auto character = ir::make_integer(ir::IntegerKind::Char, 8, true, "char");
  CHECK(overload_word(*ir::make_pointer(ir::make_const(character)), none) == "CString");
  CHECK(overload_word(*ir::make_pointer(character), none) == "CharPtr");
  CHECK(overload_word(*ir::make_pointer(int_type()), none) == "IntPtr");
  CHECK(overload_word(*ir::make_integer(ir::IntegerKind::UnsignedLongLong, 64, false), none) ==
        "UnsignedLongLong");
  CHECK(overload_word(*ir::make_floating(ir::FloatKind::LongDouble, 128), none) == "LongDouble");
  CHECK(overload_word(*ir::make_bool(), none) == "Bool");
  CHECK(overload_word(*ir::make_std_string(true), none) == "String");
  CHECK(overload_word(*ir::make_std_vector(double_type()), none) == "VectorDouble");
  CHECK(overload_word(*ir::make_enum("geo::Color", ir::IntegerKind::Int, 32, true), none) ==
        "Color");
  CHECK(overload_word(*ir::make_reference(ir::make_const(class_type("Shape"))), none) == "Shape");
  CHECK(flat_suffix("CStringUnsignedLong") == "c_string_unsigned_long");
  CHECK(identifier_part("Pair<int, geo::Point>") == "Pair_int_geo_Point");
  CHECK(flat_path({"geo", "Box<unsigned int>"}, "get") == "geo_Box_unsigned_int_get");
}

TEST_CASE("the layer includes headers of other directories by their full path", "[cxx]") {
  auto library = geo_library();
  library.headers.push_back({"kit.hpp", "<kit.hpp>", "/src/kit"});
  library.headers.push_back({"more.hpp", "<more.hpp>", "/src/geo"});
  const auto lowered = lower_cxx(library, {}, "geo");
  REQUIRE(lowered.layer.cxx_headers.size() == 3);
  CHECK(lowered.layer.cxx_headers[0].include_spelling == "<geo.hpp>");
  CHECK(lowered.layer.cxx_headers[1].include_spelling == "\"/src/kit/kit.hpp\"");
  CHECK(lowered.layer.cxx_headers[2].include_spelling == "<more.hpp>");
  REQUIRE(lowered.library.headers.size() == 1);
  CHECK(lowered.library.headers[0].include_directory == "/src/geo");
}

// ---- implicit constructors, display texts, renamed classes, variables, extern "C" in a
// namespace, owned factory results (docs/cplusplus.md) ----

namespace {

const FunctionBinding* binding_named(const MappingResult& mapped, const std::string& c_name) {
  for (const auto& item : mapped.package.items) {
    if (const auto* function = std::get_if<FunctionBinding>(&item);
        function && function->c_name == c_name) {
      return function;
    }
  }
  return nullptr;
}

} // namespace

TEST_CASE("a default-constructible class without a declared constructor gets New", "[cxx]") {
  auto library = geo_library();
  library.classes[2].is_default_constructible = true; // Point
  // Declared default constructors, `Counter()` and `Knob(int level = 0)`, are bound as
  // themselves.
  auto knob = make_class("Knob", 65);
  knob.is_default_constructible = true;
  library.classes.push_back(knob);
  library.declarations.push_back(cxx_function("Knob", class_type("Knob"), {{"level", int_type()}},
                                              66, ir::CxxMember::Constructor, "Knob"));
  auto counter = make_class("Counter", 60);
  counter.is_default_constructible = true;
  library.classes.push_back(counter);
  library.declarations.push_back(cxx_function("Counter", class_type("Counter"), {}, 61,
                                              ir::CxxMember::Constructor, "Counter"));
  auto abstract = make_class("Abstract", 70);
  abstract.is_abstract = true;
  abstract.is_default_constructible = true;
  library.classes.push_back(abstract);

  const auto lowered = lower_cxx(library, {}, "geo");
  const auto* point_new = layer_function(lowered.layer, "pen_cxx_geo_Point_new");
  REQUIRE(point_new);
  CHECK(point_new->statement == "return reinterpret_cast<pen_cxx_geo_Point *>(new geo::Point());");
  CHECK(point_new->c_prototype == "pen_cxx_geo_Point *pen_cxx_geo_Point_new(char **pen_error)");
  CHECK(point_new->exceptions == CxxExceptionHandling::Report);
  CHECK(pen_name(lowered, "pen_cxx_geo_Point_new") == "GeoPointNew");
  const auto* flat = flat_function(lowered.library, "pen_cxx_geo_Point_new");
  REQUIRE(flat);
  CHECK(flat->display_prototype == "geo::Point::Point() (implicit, value-initialised)");
  CHECK_FALSE(flat->result_borrowed);
  // A declared default constructor is bound once, as itself; abstract classes get none.
  CHECK(flat_function(lowered.library, "pen_cxx_geo_Counter_new") != nullptr);
  CHECK(flat_function(lowered.library, "pen_cxx_geo_Counter_new_2") == nullptr);
  REQUIRE(flat_function(lowered.library, "pen_cxx_geo_Knob_new") != nullptr);
  CHECK(flat_function(lowered.library, "pen_cxx_geo_Knob_new")->parameters.size() == 2);
  CHECK(flat_function(lowered.library, "pen_cxx_geo_Knob_new_2") == nullptr);
  CHECK(flat_function(lowered.library, "pen_cxx_geo_Abstract_new") == nullptr);
  // Without the flag (Circle, Shape) nothing is generated beyond the declared constructors.
  CHECK(flat_function(lowered.library, "pen_cxx_geo_Shape_new") == nullptr);
}

TEST_CASE("comments show the C++ declarations, not the layer's prototypes", "[cxx]") {
  auto library = geo_library();
  // libclang spells vector elements canonically, and (14) class names qualified, (19) as
  // written: comments name them the same either way.
  library.declarations.push_back(cxx_function(
      "join", ir::make_std_string(false, "std::string"),
      {{"parts", ir::make_reference(ir::make_const(
                     ir::make_std_vector(ir::make_std_string(false, "std::basic_string<char>"),
                                         "std::vector<std::basic_string<char>>")))},
       {"shape", ir::make_pointer(ir::make_record_ref("geo::Shape", "c:@N@geo@S@Shape", "Shape"),
                                  "Shape *")}},
      90));
  const auto lowered = lower_cxx(library, {}, "geo");
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"pen_cxx_geo_c_version", "int geo_c_version(void)"},
      {"pen_cxx_geo_Shape_area", "double geo::Shape::area() const"},
      {"pen_cxx_geo_Shape_delete", "geo::Shape::~Shape()"},
      {"pen_cxx_geo_Circle_new", "geo::Circle::Circle(double radius)"},
      {"pen_cxx_geo_Circle_unit", "static geo::Circle geo::Circle::unit()"},
      {"pen_cxx_geo_Circle_grow", "void geo::Circle::grow(double factor) noexcept"},
      {"pen_cxx_geo_total_area",
       "double geo::total_area(const geo::Shape &a, const geo::Shape &b)"},
      {"pen_cxx_geo_greet", "std::string geo::greet(const std::string &name)"},
      {"pen_cxx_geo_Point_get_x", "Reads double geo::Point::x"},
      {"pen_cxx_geo_Point_set_x", "Writes double geo::Point::x"},
      {"pen_cxx_geo_join",
       "std::string geo::join(const std::vector<std::string> &parts, geo::Shape *shape)"},
  };
  for (const auto& [c_name, text] : expected) {
    INFO(c_name);
    const auto* function = flat_function(lowered.library, c_name);
    REQUIRE(function);
    CHECK(function->display_prototype == text);
  }
  MappingOptions options;
  options.overrides = lowered.overrides;
  const auto mapped = map_library(lowered.library, options);
  const auto* area = binding_named(mapped, "pen_cxx_geo_Shape_area");
  REQUIRE(area);
  CHECK(area->c_prototype == "double geo::Shape::area() const");
  // The layer keeps its own C prototypes.
  CHECK(layer_function(lowered.layer, "pen_cxx_geo_Shape_area")->c_prototype ==
        "double pen_cxx_geo_Shape_area(const pen_cxx_geo_Shape *self, char **pen_error)");
  const auto shape = std::find_if(mapped.package.handles.begin(), mapped.package.handles.end(),
                                  [](const HandleType& h) { return h.pen_name == "GeoShape"; });
  REQUIRE(shape != mapped.package.handles.end());
  CHECK(shape->display_name == "geo::Shape");
  CHECK(shape->c_name == "pen_cxx_geo_Shape"); // messages and config matching keep the C name
}

TEST_CASE("members of a class the config renames follow its Pen name", "[cxx]") {
  auto library = geo_library();
  library.classes[2].is_default_constructible = true; // Point
  config::Overrides user;
  config::TypeOverride point;
  point.c_name = "geo::Point";
  point.name = "Pt";
  user.types["geo::Point"] = point;
  config::TypeOverride circle;
  circle.c_name = "pen_cxx_geo_Circle"; // by the flat name works alike
  circle.name = "Round";
  user.types["pen_cxx_geo_Circle"] = circle;
  const auto lowered = lower_cxx(library, user, "geo");
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"pen_cxx_geo_Point_get_x", "PtGetX"},      {"pen_cxx_geo_Point_set_x", "PtSetX"},
      {"pen_cxx_geo_Point_new", "PtNew"},         {"pen_cxx_geo_Point_delete", "PtDelete"},
      {"pen_cxx_geo_Circle_new", "RoundNew"},     {"pen_cxx_geo_Circle_unit", "RoundUnit"},
      {"pen_cxx_geo_Circle_grow", "RoundGrow"},   {"pen_cxx_geo_Shape_area", "GeoShapeArea"},
      {"pen_cxx_geo_total_area", "GeoTotalArea"},
  };
  for (const auto& [c_name, pen] : expected) {
    INFO(c_name);
    CHECK(pen_name(lowered, c_name) == pen);
  }
}

TEST_CASE("constant variables lower like enum constants", "[cxx]") {
  ir::Library library;
  library.is_cxx = true;
  library.headers.push_back({"geo.hpp", "<geo.hpp>", ""});
  ir::Constant pi;
  pi.name = "pi";
  pi.location = at(3);
  pi.origin = ir::Constant::Origin::Variable;
  pi.value_kind = ir::Constant::ValueKind::Floating;
  pi.floating_value = 3.5;
  pi.scope = {"geo"};
  ir::Constant sides = pi;
  sides.name = "min_sides";
  sides.value_kind = ir::Constant::ValueKind::SignedInteger;
  sides.signed_value = 3;
  sides.scope = {"geo", "Polygon"};
  library.declarations = {pi, sides};
  config::Overrides user;
  user.constants["geo::pi"] = config::ConstantOverride{"geo::pi", at(1), "Pi"};
  const auto lowered = lower_cxx(library, user, "geo");
  MappingOptions options;
  options.overrides = lowered.overrides;
  const auto mapped = map_library(lowered.library, options);
  std::vector<std::pair<std::string, std::string>> constants;
  for (const auto& item : mapped.package.items) {
    if (const auto* constant = std::get_if<ConstantBinding>(&item)) {
      constants.emplace_back(constant->pen_name, constant->pen_literal);
    }
  }
  CHECK(constants == std::vector<std::pair<std::string, std::string>>{{"Pi", "3.5"},
                                                                      {"GeoPolygonMinSides", "3"}});
}

TEST_CASE("an extern \"C\" function of a namespace is called through it", "[cxx]") {
  ir::Library library;
  library.is_cxx = true;
  library.headers.push_back({"geo.hpp", "<geo.hpp>", ""});
  ir::Function twice;
  twice.name = "geo_c_twice";
  twice.location = at(4);
  twice.result = int_type();
  twice.parameters = {{"value", int_type()}};
  twice.cxx_callee = "geo::geo_c_twice";
  library.declarations = {twice};
  const auto lowered = lower_cxx(library, {}, "geo");
  const auto* layer = layer_function(lowered.layer, "pen_cxx_geo_c_twice");
  REQUIRE(layer);
  CHECK(layer->statement == "return geo::geo_c_twice(value);");
  CHECK(layer->exceptions == CxxExceptionHandling::None);
  CHECK(pen_name(lowered, "pen_cxx_geo_c_twice") == "GeoCTwice");
  CHECK(flat_function(lowered.library, "pen_cxx_geo_c_twice")->display_prototype ==
        "int geo::geo_c_twice(int value)");
}

TEST_CASE("borrowed = false makes a factory's pointer result owned", "[cxx]") {
  auto library = geo_library();
  library.declarations.push_back(cxx_function("make_shape",
                                              ir::make_pointer(class_type("Shape"), "geo::Shape *"),
                                              {{"extent", double_type()}}, 80));
  library.declarations.push_back(
      cxx_function("find_shape", ir::make_pointer(class_type("Shape"), "geo::Shape *"), {}, 81));
  config::Overrides user;
  config::FunctionOverride make;
  make.c_name = "geo::make_shape";
  make.owns_result = true;
  user.functions["geo::make_shape"] = make;
  const auto lowered = lower_cxx(library, user, "geo");
  CHECK_FALSE(flat_function(lowered.library, "pen_cxx_geo_make_shape")->result_borrowed);
  CHECK(flat_function(lowered.library, "pen_cxx_geo_find_shape")->result_borrowed);

  MappingOptions options;
  options.overrides = lowered.overrides;
  const auto mapped = map_library(lowered.library, options);
  const auto* made = binding_named(mapped, "pen_cxx_geo_make_shape");
  const auto* found = binding_named(mapped, "pen_cxx_geo_find_shape");
  REQUIRE(made);
  REQUIRE(found);
  CHECK_FALSE(made->result.borrowed);
  CHECK(found->result.borrowed);
  CHECK(std::none_of(lowered.diagnostics.begin(), lowered.diagnostics.end(),
                     [](const Diagnostic& d) { return d.code == "config"; }));

  // On a result that is not borrowed anyway, the key is a warning.
  config::Overrides on_number;
  config::FunctionOverride sqrt;
  sqrt.c_name = "geo::checked_sqrt";
  sqrt.owns_result = true;
  on_number.functions["geo::checked_sqrt"] = sqrt;
  const auto warned = lower_cxx(library, on_number, "geo");
  CHECK(std::count_if(warned.diagnostics.begin(), warned.diagnostics.end(), [](const auto& d) {
          return d.severity == Severity::Warning && d.code == "config" &&
                 contains(d.message, "borrowed = false: the result of 'geo::checked_sqrt'");
        }) == 1);
}

TEST_CASE("FILE * crosses the layer as a C pointer and maps to a File handle", "[cxx]") {
  // tinyxml2's `XMLPrinter(FILE *file = 0, ...)`: glibc's struct behind the `FILE` typedef.
  auto file = ir::make_pointer(ir::make_record_ref("_IO_FILE", "c:@S@_IO_FILE", "FILE"), "FILE *");
  auto library = geo_library();
  library.declarations.push_back(
      cxx_function("save", int_type(), {{"out", file}, {"flags", int_type()}}, 90));
  const auto lowered = lower_cxx(library, {}, "geo");
  const auto* save = layer_function(lowered.layer, "pen_cxx_geo_save");
  REQUIRE(save);
  CHECK(save->c_prototype == "int pen_cxx_geo_save(FILE *out, int flags, char **pen_error)");
  CHECK(save->statement == "return geo::save(out, flags);");
  CHECK(lowered.layer.includes_stdio);
  CHECK(contains(emit::emit_cxx_layer_header(lowered.layer),
                 "#include <stddef.h>\n#include <stdio.h>\n\n"));
  // Without a FILE the header stays as it was.
  CHECK_FALSE(lower_cxx(geo_library(), {}, "geo").layer.includes_stdio);
  CHECK_FALSE(
      contains(emit::emit_cxx_layer_header(lower_cxx(geo_library(), {}, "geo").layer), "stdio.h"));

  MappingOptions options;
  options.overrides = lowered.overrides;
  const auto mapped = map_library(lowered.library, options);
  const auto* bound = binding_named(mapped, "pen_cxx_geo_save");
  REQUIRE(bound);
  CHECK(std::any_of(
      mapped.package.handles.begin(), mapped.package.handles.end(), [](const HandleType& handle) {
        return handle.pen_name == "File" && handle.c_name == "FILE" && handle.destructor.empty();
      }));
}
