// std::vector as Pen lists (docs/cplusplus.md, docs/type-mapping.md "Lists"): the lowering to
// arrays with counts, the mapping of ir::ArrayParameter and ir::Function::array_count_parameter,
// and what the Pen module and the shim make of them.
#include "geo_ir.hpp"
#include "pen_bindgen/emit/cxx_layer.hpp"
#include "pen_bindgen/emit/pen_module.hpp"
#include "pen_bindgen/emit/shim.hpp"
#include "pen_bindgen/mapping/cxx_lowering.hpp"
#include "pen_bindgen/mapping/mapper.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <string>

using namespace pen_bindgen;
using namespace pen_bindgen::mapping;
using namespace pen_bindgen::testing::geo;

namespace {

bool contains(const std::string& text, const std::string& part) {
  if (text.find(part) != std::string::npos) {
    return true;
  }
  UNSCOPED_INFO("missing: " << part);
  return false;
}

ir::TypePtr size_pointer() {
  return ir::make_pointer(ir::make_integer(ir::IntegerKind::UnsignedLong, 64, false, "size_t"),
                          "size_t *");
}

ir::TypePtr color_type() {
  auto color = ir::make_enum("geo::Color", ir::IntegerKind::Int, 32, true, "geo::Color");
  auto edited = std::make_shared<ir::Type>(*color);
  edited->is_scoped_enum = true;
  return edited;
}

ir::TypePtr const_reference(ir::TypePtr type) {
  return ir::make_reference(ir::make_const(type), false, "const " + type->spelling + " &");
}

ir::Library vector_library() {
  ir::Library library;
  library.is_cxx = true;
  library.headers.push_back({"geo.hpp", "<geo.hpp>", "/src/geo"});
  ir::CxxClass point;
  point.id = "c:@N@geo@S@Point";
  point.name = "Point";
  point.qualified_name = "geo::Point";
  point.scope = {"geo"};
  point.location = at(9);
  point.has_public_destructor = true;
  point.is_copy_constructible = true;
  ir::CxxClass counter = point;
  counter.id = "c:@N@geo@S@Counter";
  counter.name = "Counter";
  counter.qualified_name = "geo::Counter";
  counter.is_copy_constructible = false;
  library.classes = {point, counter};
  auto& declarations = library.declarations;
  declarations.push_back(
      cxx_function("diagonal", ir::make_std_vector(class_type("Point")), {{"n", int_type()}}, 8));
  declarations.push_back(cxx_function(
      "counters", ir::make_std_vector(ir::make_record_ref("geo::Counter", counter.id)), {}, 10));
  declarations.push_back(
      cxx_function("make_range", ir::make_std_vector(double_type()), {{"n", int_type()}}, 1));
  declarations.push_back(
      cxx_function("next_colors", ir::make_std_vector(color_type()),
                   {{"colors", const_reference(ir::make_std_vector(color_type()))}}, 2));
  declarations.push_back(cxx_function("split", ir::make_std_vector(ir::make_std_string()),
                                      {{"text", ir::make_std_string()}}, 3));
  auto is_even = cxx_function("is_even", ir::make_std_vector(ir::make_bool("bool")),
                              {{"values", ir::make_std_vector(int_type())}}, 4);
  is_even.cxx->is_noexcept = true;
  declarations.push_back(is_even);
  declarations.push_back(
      cxx_function("join", ir::make_std_string(),
                   {{"parts", const_reference(ir::make_std_vector(ir::make_std_string()))}}, 5));
  // Not bound: a mutable vector reference, a vector of vectors.
  declarations.push_back(
      cxx_function("fill", ir::make_void("void"),
                   {{"out", ir::make_reference(ir::make_std_vector(double_type()), false,
                                               "std::vector<double> &")}},
                   6));
  declarations.push_back(
      cxx_function("nested", ir::make_std_vector(ir::make_std_vector(int_type())), {}, 7));
  return library;
}

const ir::Function& flat_function(const CxxLowering& lowered, const std::string& name) {
  for (const auto& declaration : lowered.library.declarations) {
    if (const auto* function = std::get_if<ir::Function>(&declaration);
        function && function->name == name) {
      return *function;
    }
  }
  FAIL("no flat function " << name);
  throw std::logic_error("unreachable");
}

const CxxLayerFunction& layer_function(const CxxLowering& lowered, const std::string& name) {
  for (const auto& function : lowered.layer.functions) {
    if (function.c_name == name) {
      return function;
    }
  }
  FAIL("no layer function " << name);
  throw std::logic_error("unreachable");
}

const ir::Unbindable* skipped(const CxxLowering& lowered, const std::string& name) {
  for (const auto& declaration : lowered.library.declarations) {
    if (const auto* unbindable = std::get_if<ir::Unbindable>(&declaration);
        unbindable && unbindable->name.rfind(name, 0) == 0) {
      return unbindable;
    }
  }
  return nullptr;
}

const FunctionBinding& binding(const Package& package, const std::string& c_name) {
  for (const auto& item : package.items) {
    if (const auto* function = std::get_if<FunctionBinding>(&item);
        function && function->c_name == c_name) {
      return *function;
    }
  }
  FAIL("no binding " << c_name);
  throw std::logic_error("unreachable");
}

} // namespace

TEST_CASE("std::vector results lower to a malloc'd array and a count", "[cxx][lists]") {
  const auto lowered = lower_cxx(vector_library(), {}, "geo");
  const auto& range = flat_function(lowered, "pen_cxx_geo_make_range");
  CHECK(range.array_count_parameter == std::optional<std::size_t>(1));
  CHECK(range.error_parameter == std::optional<std::size_t>(2));
  const auto& layer = layer_function(lowered, "pen_cxx_geo_make_range");
  CHECK(layer.c_prototype ==
        "double *pen_cxx_geo_make_range(int n, size_t *pen_count, char **pen_error)");
  CHECK(layer.statement ==
        "return (*pen_count = 0, pen_cxx_array<double>(geo::make_range(n), pen_count));");

  // Enums cross as their underlying type; strings as malloc'd C strings.
  CHECK(layer_function(lowered, "pen_cxx_geo_next_colors").c_prototype ==
        "int *pen_cxx_geo_next_colors(const int *colors, size_t colors_size, size_t *pen_count, "
        "char **pen_error)");
  CHECK(layer_function(lowered, "pen_cxx_geo_split").statement ==
        "return (*pen_count = 0, pen_cxx_string_array(geo::split(pen_cxx_string(text, "
        "text_size)), pen_count));");
  // Classes: a new object per element.
  CHECK(layer_function(lowered, "pen_cxx_geo_diagonal").c_prototype ==
        "pen_cxx_geo_Point **pen_cxx_geo_diagonal(int n, size_t *pen_count, char **pen_error)");
  CHECK(layer_function(lowered, "pen_cxx_geo_diagonal").statement ==
        "return (*pen_count = 0, pen_cxx_object_array<pen_cxx_geo_Point>(geo::diagonal(n), "
        "pen_count));");
  // noexcept: no error parameter, the count is still there.
  CHECK(layer_function(lowered, "pen_cxx_geo_is_even").c_prototype ==
        "bool *pen_cxx_geo_is_even(const int *values, size_t values_size, size_t *pen_count)");
}

TEST_CASE("std::vector parameters lower to an array and a count", "[cxx][lists]") {
  const auto lowered = lower_cxx(vector_library(), {}, "geo");
  const auto& colors = flat_function(lowered, "pen_cxx_geo_next_colors");
  REQUIRE(colors.array_parameters.size() == 1);
  CHECK(colors.array_parameters[0].items == 0);
  CHECK(colors.array_parameters[0].count == 1);
  CHECK(layer_function(lowered, "pen_cxx_geo_next_colors").statement ==
        "return (*pen_count = 0, pen_cxx_array<int>(geo::next_colors(pen_cxx_vector<geo::Color>("
        "colors, colors_size)), pen_count));");
  CHECK(layer_function(lowered, "pen_cxx_geo_is_even").statement ==
        "return (*pen_count = 0, pen_cxx_array<bool>(geo::is_even(pen_cxx_vector<int>(values, "
        "values_size)), pen_count));");

  // Strings: bytes and sizes, so NULs survive.
  const auto& join = flat_function(lowered, "pen_cxx_geo_join");
  REQUIRE(join.array_parameters.size() == 1);
  CHECK(join.array_parameters[0].items == 0);
  CHECK(join.array_parameters[0].sizes == std::optional<std::size_t>(1));
  CHECK(join.array_parameters[0].count == 2);
  CHECK(layer_function(lowered, "pen_cxx_geo_join").c_prototype ==
        "char *pen_cxx_geo_join(const char *const *parts, const size_t *parts_sizes, size_t "
        "parts_size, char **pen_error)");
  CHECK(layer_function(lowered, "pen_cxx_geo_join").statement ==
        "return pen_cxx_copy_string(geo::join(pen_cxx_string_vector<std::string>(parts, "
        "parts_sizes, parts_size)));");
  const auto* fill = skipped(lowered, "geo::fill");
  REQUIRE(fill);
  CHECK(fill->reason ==
        "parameter 'out': a non-const std::vector reference (an out-parameter) is not bound");
  const auto* counters = skipped(lowered, "geo::counters");
  REQUIRE(counters);
  CHECK(counters->reason == "result: std::vector of 'geo::Counter' is not bound: its elements "
                            "cannot be copied into handles");
  const auto* nested = skipped(lowered, "geo::nested");
  REQUIRE(nested);
  CHECK(nested->reason == "result: std::vector of 'std::vector<int>' is not bound (numbers, "
                          "booleans, enums and strings are)");
  CHECK_FALSE(skipped(lowered, "geo::join"));

  const auto source = emit::emit_cxx_layer_source(lowered.layer);
  CHECK(contains(source, "template <class T, class U> std::vector<T> pen_cxx_vector("));
  CHECK(contains(source, "#include <vector>\n"));
}

TEST_CASE("arrays map to list parameters and list results", "[cxx][lists]") {
  const auto lowered = lower_cxx(vector_library(), {}, "geo");
  MappingOptions options;
  options.overrides = lowered.overrides;
  const auto mapped = map_library(lowered.library, options);
  const auto& package = mapped.package;

  const auto& colors = binding(package, "pen_cxx_geo_next_colors");
  REQUIRE(colors.parameters.size() == 4);
  CHECK(colors.parameters[0].conversion == ArgumentConversion::List);
  CHECK(colors.parameters[0].pen_type == PenType::Number);
  CHECK(colors.parameters[0].list_builder == "_geo_list_int");
  CHECK(colors.parameters[0].c_pointer_type == "const int *");
  CHECK(pen_type_spelling(colors.parameters[0]) == "[number]");
  CHECK(colors.parameters[1].conversion == ArgumentConversion::ListLength);
  CHECK(colors.parameters[1].source == 0);
  CHECK_FALSE(has_pen_argument(colors.parameters[1]));
  CHECK(colors.parameters[2].conversion == ArgumentConversion::ArrayCount);
  CHECK_FALSE(has_pen_argument(colors.parameters[2]));
  CHECK(colors.result.conversion == ResultConversion::List);
  CHECK(colors.result.element == ResultConversion::SignedInteger);
  CHECK(colors.result.fallible);
  CHECK(colors.result.to_any_symbol == "_geo_list_number_to_any");
  CHECK(pen_type_spelling(colors.result) == "[number] | error");

  const auto& split = binding(package, "pen_cxx_geo_split");
  CHECK(split.result.element == ResultConversion::CString);
  CHECK(split.result.c_type == "char *");
  CHECK(pen_type_spelling(split.result) == "[string] | error");
  const auto& diagonal = binding(package, "pen_cxx_geo_diagonal");
  CHECK(diagonal.result.element == ResultConversion::Handle);
  CHECK(diagonal.result.type_info == "_geo_GeoPoint_type");
  CHECK(pen_type_spelling(diagonal.result) == "[GeoPoint] | error");
  CHECK(diagonal.result.to_any_symbol == "_geo_list_GeoPoint_to_any");
  const auto point =
      std::find_if(package.handles.begin(), package.handles.end(),
                   [](const HandleType& handle) { return handle.pen_name == "GeoPoint"; });
  REQUIRE(point != package.handles.end());
  CHECK(point->to_any_symbol == "_geo_GeoPoint_to_any");
  const auto& even = binding(package, "pen_cxx_geo_is_even");
  CHECK(pen_type_spelling(even.result) == "[boolean]");
  CHECK(even.result.to_any_symbol.empty());

  const auto& join = binding(package, "pen_cxx_geo_join");
  CHECK(join.parameters[0].conversion == ArgumentConversion::List);
  CHECK(join.parameters[0].pen_type == PenType::String);
  CHECK(join.parameters[0].list_builder == "_geo_list_string");
  CHECK(join.parameters[1].conversion == ArgumentConversion::ListSizes);
  CHECK(join.parameters[2].conversion == ArgumentConversion::ListLength);
  CHECK(pen_type_spelling(join.parameters[0]) == "[string]");

  // One builder per C element type, one export per fallible element type.
  REQUIRE(package.list_builders.size() == 2);
  CHECK(package.list_builders[0].symbol == "_geo_list_int");
  CHECK(package.list_builders[0].c_type == "int");
  CHECK(package.list_builders[0].conversion == ArgumentConversion::SignedInteger);
  CHECK(package.list_builders[1].symbol == "_geo_list_string");
  CHECK(package.list_builders[1].conversion == ArgumentConversion::CString);
  REQUIRE(package.list_exports.size() == 3);
  CHECK(package.list_exports[0].symbol == "_geo_list_GeoPoint_to_any");
  CHECK(package.list_exports[0].pen_type_name == "GeoPoint");
  CHECK(package.list_exports[1].symbol == "_geo_list_number_to_any");
  CHECK(package.list_exports[2].symbol == "_geo_list_string_to_any");
}

TEST_CASE("the Pen module feeds lists to the builders and the shim converts arrays",
          "[cxx][lists]") {
  const auto lowered = lower_cxx(vector_library(), {}, "geo");
  MappingOptions options;
  options.overrides = lowered.overrides;
  const auto package = map_library(lowered.library, options).package;

  const auto pen = emit::emit_pen_module(package);
  CHECK(contains(pen, "import foreign \"c\" _geo_pen_cxx_geo_next_colors \\(any) [number] | "
                      "error\n"));
  CHECK(contains(pen, "import foreign \"c\" _geo_list_int_new \\() any\n"
                      "import foreign \"c\" _geo_list_int_push \\(any, number) any\n"));
  CHECK(contains(pen, "GeoNextColors = \\(colors [number]) [number] | error {\n"
                      "  _geo_pen_cxx_geo_next_colors(_geo_list_int_fill(_geo_list_int_new(), "
                      "colors))\n}\n"));
  CHECK(contains(pen, "\n_geo_list_int_fill = \\(a any, xs [number]) any {\n"
                      "  if [x, ...xs] = xs {\n"
                      "    _geo_list_int_fill(_geo_list_int_push(a, x()), xs)\n"
                      "  } else {\n"
                      "    a\n"
                      "  }\n"
                      "}\n"));
  CHECK(contains(pen, "\nforeign \"c\" _geo_list_string_to_any = \\(x [string]) any {\n  x\n}\n"));
  CHECK(contains(pen, "\nforeign \"c\" _geo_list_GeoPoint_to_any = \\(x [GeoPoint]) any {\n"));
  // Each helper once, though two functions use `_geo_list_int`.
  CHECK(pen.find("_geo_list_int_fill = ") == pen.rfind("_geo_list_int_fill = "));

  const auto shim = emit::emit_shim(package);
  CHECK(contains(shim, "pen_variant _geo_list_int_push(pen_variant pen_array, double "
                       "pen_element) {\n"
                       "  int *pen_slot = pen_array_push(pen_array, &_geo_list_int_type, "
                       "\"_geo_list_int_push\", sizeof(int), NULL);\n"
                       "  *pen_slot = (int)pen_number_to_i64(pen_element, INT_MIN, INT_MAX);\n"));
  CHECK(contains(shim, "  pen_array_box *pen_array0 = pen_array_box_of(pen_arg0, "
                       "&_geo_list_int_type, \"pen_cxx_geo_next_colors\");\n"
                       "  const int *pen_c0 = (const int *)pen_array0->items;\n"));
  CHECK(contains(shim, "  int *pen_result = (int *)(uintptr_t)(pen_cxx_geo_next_colors)(pen_c0, "
                       "pen_c1, &pen_array_count, &pen_error_message);\n"));
  CHECK(contains(shim, "  pen_arg0.tag->drop(pen_arg0.payload);\n"));
  CHECK(contains(shim, "  return _geo_list_number_to_any(pen_list_result);\n"));
  // A list of strings: each element a NUL-terminated copy and its size.
  CHECK(contains(shim, "pen_variant _geo_list_string_push(pen_variant pen_array, pen_string "
                       "pen_element) {\n  size_t *pen_size = NULL;\n"
                       "  char **pen_slot = pen_array_push(pen_array, &_geo_list_string_type, "
                       "\"_geo_list_string_push\", sizeof(char *), &pen_size);\n"
                       "  *pen_slot = pen_string_to_c(pen_element);\n"
                       "  *pen_size = (size_t)pen_string_len(pen_element);\n"
                       "  pen_string_drop(pen_element);\n"));
  CHECK(contains(shim, "  const char *const *pen_c0 = (const char *const *)pen_array0->items;\n"
                       "  const size_t *pen_c1 = pen_array0->sizes;\n"));
  CHECK(contains(pen, "import foreign \"c\" _geo_list_string_push \\(any, string) any\n"));
  // Strings: each element freed after the copy, then the array.
  CHECK(contains(shim, "      pen_list_result = pen_ffi_list_prepend(pen_ffi_string_to_any("
                       "pen_string_from_c(pen_result[pen_index])), pen_list_result);\n"));
  CHECK(contains(shim, "    free(pen_result[pen_index]);\n  }\n  free(pen_result);\n"));
  // Handles: each element owned, made an `any` by the Pen module's export.
  CHECK(contains(shim, "pen_ffi_list_prepend(_geo_GeoPoint_to_any(_geo_GeoPoint_type_wrap((void "
                       "*)(uintptr_t)pen_result[pen_index])), pen_list_result);\n"));
  // Not fallible: the list is built unconditionally and returned as is.
  CHECK(contains(shim, "pen_list _geo_pen_cxx_geo_is_even(pen_variant pen_arg0) {\n"));
  CHECK(contains(shim, "  return pen_list_result;\n"));
}

TEST_CASE("array parameters and results are a C feature too", "[lists]") {
  ir::Library library;
  library.headers.push_back({"stats.h", "<stats.h>", "/src"});
  ir::Function mean;
  mean.name = "mean";
  mean.result = double_type();
  mean.parameters = {
      {"values",
       ir::make_pointer(ir::make_const(ir::make_floating(ir::FloatKind::Float, 32, "float")),
                        "const float *")},
      {"count", int_type()}};
  mean.array_parameters = {{0, 1, std::nullopt}};
  ir::Function ranks;
  ranks.name = "ranks";
  ranks.result = ir::make_pointer(
      ir::make_integer(ir::IntegerKind::UnsignedInt, 32, false, "unsigned int"), "unsigned int *");
  ranks.parameters = {{"length", size_pointer()}};
  ranks.array_count_parameter = 0;
  // A C function whose shim symbol is a builder's: the builder moves aside.
  ir::Function clash;
  clash.name = "list_float_new";
  clash.result = int_type();
  library.declarations = {mean, ranks, clash};

  const auto mapped = map_library(library, {});
  const auto& package = mapped.package;
  const auto& bound_mean = binding(package, "mean");
  CHECK(bound_mean.parameters[0].conversion == ArgumentConversion::List);
  CHECK(bound_mean.parameters[0].list_builder == "_stats_list_float_");
  CHECK(bound_mean.parameters[1].conversion == ArgumentConversion::ListLength);
  REQUIRE(package.list_builders.size() == 1);
  CHECK(package.list_builders[0].conversion == ArgumentConversion::Float);
  const auto& bound_ranks = binding(package, "ranks");
  CHECK(bound_ranks.result.conversion == ResultConversion::List);
  CHECK(bound_ranks.result.element == ResultConversion::UnsignedInteger);
  CHECK(pen_type_spelling(bound_ranks.result) == "[number]");
  CHECK(package.list_exports.empty());

  const auto shim = emit::emit_shim(package);
  CHECK(contains(shim, "  *pen_slot = pen_number_to_float(pen_element);\n"));
  // An int count saturates.
  CHECK(contains(shim, "  int pen_c1 = (int)(pen_length1 > (uintptr_t)INT_MAX ? "
                       "(uintptr_t)INT_MAX : pen_length1);\n"));
  CHECK(contains(shim, "  unsigned long pen_array_count = 0;\n"));

  // An array whose count is not an integer is skipped with a reason.
  ir::Function broken = mean;
  broken.name = "broken";
  broken.parameters[1].type = double_type();
  library.declarations = {broken};
  const auto skipped_broken = map_library(library, {});
  REQUIRE(skipped_broken.diagnostics.size() == 1);
  CHECK(skipped_broken.diagnostics[0].message ==
        "skipped 'broken': parameter 'count' counts an array but is not an integer");
}
