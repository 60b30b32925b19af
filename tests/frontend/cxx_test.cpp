#include "header_fixture.hpp"

#include <algorithm>
#include <filesystem>

// C++ headers (docs/cplusplus.md): the IR the frontend produces for the test library
// tests/cxx/geo/geo.hpp and for the constructs it cannot bind.

using namespace pen_bindgen;
using namespace pen_bindgen::frontend;
using namespace pen_bindgen::frontend::testing;

namespace {

std::string geo_header() {
  return (std::filesystem::path(__FILE__).parent_path().parent_path() / "cxx" / "geo" / "geo.hpp")
      .string();
}

const ir::CxxClass& get_class(const ir::Library& library, const std::string& qualified_name) {
  auto found = std::find_if(
      library.classes.begin(), library.classes.end(),
      [&](const ir::CxxClass& candidate) { return candidate.qualified_name == qualified_name; });
  INFO("class " << qualified_name);
  REQUIRE(found != library.classes.end());
  return *found;
}

// Every function (or unbindable) with this qualified C++ name (overloads), in order.
std::vector<const ir::Function*> functions_named(const ir::Library& library,
                                                 const std::string& qualified_name) {
  std::vector<const ir::Function*> found;
  for (const auto& declaration : library.declarations) {
    const auto* function = std::get_if<ir::Function>(&declaration);
    if (function && function->cxx && function->cxx->qualified_name == qualified_name) {
      found.push_back(function);
    }
  }
  return found;
}

const ir::Function& get_function(const ir::Library& library, const std::string& qualified_name) {
  auto found = functions_named(library, qualified_name);
  INFO("function " << qualified_name);
  REQUIRE(found.size() == 1);
  return *found.front();
}

std::vector<const ir::Unbindable*> unbindables_named(const ir::Library& library,
                                                     const std::string& name) {
  std::vector<const ir::Unbindable*> found;
  for (const auto& declaration : library.declarations) {
    const auto* unbindable = std::get_if<ir::Unbindable>(&declaration);
    if (unbindable && unbindable->name == name) {
      found.push_back(unbindable);
    }
  }
  return found;
}

const ir::Constant& get_constant(const ir::Library& library, const std::string& name,
                                 const std::vector<std::string>& scope) {
  for (const auto& declaration : library.declarations) {
    const auto* constant = std::get_if<ir::Constant>(&declaration);
    if (constant && constant->name == name && constant->scope == scope) {
      return *constant;
    }
  }
  INFO("constant " << name);
  FAIL("no such constant");
  throw std::logic_error("unreachable");
}

ir::Library parse_geo() {
  ParseOptions options;
  options.headers = {geo_header()};
  options.instantiate = {"geo::Box<int>"};
  return parse_ok(options);
}

} // namespace

TEST_CASE("geo.hpp: classes", "[frontend][cxx]") {
  auto library = parse_geo();
  CHECK(library.is_cxx);
  // C++ classes are classes, never C records.
  CHECK(library.records.empty());

  std::vector<std::string> names;
  for (const auto& cxx_class : library.classes) {
    names.push_back(cxx_class.name);
  }
  CHECK(names == std::vector<std::string>{"Shape", "Circle", "Rect", "Point", "Counter", "Registry",
                                          "Polygon", "Anchor", "Box<int>"});

  const auto& shape = get_class(library, "geo::Shape");
  CHECK(shape.id == "c:@N@geo@S@Shape");
  CHECK(shape.scope == std::vector<std::string>{"geo"});
  CHECK(shape.location.file == geo_header());
  CHECK(shape.location.line > 0);
  CHECK(shape.is_abstract);
  CHECK(shape.has_public_destructor);
  CHECK_FALSE(shape.is_copy_constructible); // abstract: never an object of its own
  CHECK_FALSE(shape.is_move_constructible);
  CHECK_FALSE(shape.is_standard_layout); // virtual functions
  CHECK(shape.bases.empty());

  const auto& circle = get_class(library, "geo::Circle");
  CHECK(circle.bases == std::vector<std::string>{shape.id});
  CHECK_FALSE(circle.is_abstract);
  CHECK(circle.is_copy_constructible);
  CHECK(circle.is_move_constructible);
  CHECK(circle.public_fields.empty()); // radius_ is private
  CHECK(get_class(library, "geo::Rect").bases == std::vector<std::string>{shape.id});

  const auto& point = get_class(library, "geo::Point");
  CHECK(point.is_standard_layout);
  CHECK(point.is_copy_constructible);
  REQUIRE(point.public_fields.size() == 3);
  CHECK(point.public_fields[0].name == "x");
  CHECK(point.public_fields[0].type->kind == ir::TypeKind::Floating);
  CHECK(point.public_fields[2].name == "tag");
  CHECK(point.public_fields[2].type->kind == ir::TypeKind::Integer);

  const auto& counter = get_class(library, "geo::Counter");
  CHECK_FALSE(counter.is_copy_constructible); // deleted copy constructor
  CHECK(counter.is_move_constructible);       // declared noexcept move constructor

  const auto& registry = get_class(library, "geo::Registry");
  CHECK_FALSE(registry.has_public_destructor); // private destructor
}

TEST_CASE("geo.hpp: functions and methods", "[frontend][cxx]") {
  auto library = parse_geo();
  const auto& shape_id = get_class(library, "geo::Shape").id;
  const auto& circle_id = get_class(library, "geo::Circle").id;

  // extern "C": exactly a C function.
  const auto& version = get_declaration<ir::Function>(library, "geo_c_version");
  CHECK_FALSE(version.cxx.has_value());
  CHECK(version.parameters.empty());

  const auto& area = get_function(library, "geo::Shape::area");
  CHECK(area.name == "area");
  CHECK(area.parameters.empty()); // no implicit `this`
  CHECK(area.result->kind == ir::TypeKind::Floating);
  CHECK(area.cxx->member == ir::CxxMember::Method);
  CHECK(area.cxx->class_id == shape_id);
  CHECK(area.cxx->scope == std::vector<std::string>{"geo", "Shape"});
  CHECK(area.cxx->is_const_method);
  CHECK_FALSE(area.cxx->is_noexcept);

  const auto& name = get_function(library, "geo::Shape::name");
  CHECK(name.result->kind == ir::TypeKind::StdString);
  CHECK_FALSE(name.result->is_string_view);

  const auto& constructor = get_function(library, "geo::Circle");
  CHECK(constructor.name == "Circle");
  CHECK(constructor.cxx->member == ir::CxxMember::Constructor);
  CHECK(constructor.cxx->class_id == circle_id);
  CHECK(constructor.result->kind == ir::TypeKind::Record);
  CHECK(constructor.result->record_id == circle_id);
  CHECK(constructor.result->name == "geo::Circle");
  REQUIRE(constructor.parameters.size() == 1);
  CHECK(constructor.parameters[0].name == "radius");

  const auto& unit = get_function(library, "geo::Circle::unit");
  CHECK(unit.cxx->member == ir::CxxMember::StaticMethod);
  CHECK(unit.result->kind == ir::TypeKind::Record);
  CHECK(unit.result->record_id == circle_id);

  const auto& scale = get_function(library, "geo::Rect::scale");
  CHECK(scale.cxx->is_noexcept);
  CHECK_FALSE(scale.cxx->is_const_method);
  // Destructors are no functions: has_public_destructor says it.
  CHECK(functions_named(library, "geo::Shape::~Shape").empty());

  const auto& total = get_function(library, "geo::total_area");
  CHECK(total.cxx->member == ir::CxxMember::None);
  CHECK(total.cxx->scope == std::vector<std::string>{"geo"});
  CHECK(total.cxx->class_id.empty());
  const auto& shape_reference = *total.parameters[0].type;
  REQUIRE(shape_reference.kind == ir::TypeKind::Reference);
  CHECK_FALSE(shape_reference.is_rvalue_reference);
  CHECK(shape_reference.pointee->kind == ir::TypeKind::Record);
  CHECK(shape_reference.pointee->is_const);
  CHECK(shape_reference.pointee->name == "geo::Shape");
  CHECK(shape_reference.pointee->record_id == shape_id);

  auto overloads = functions_named(library, "geo::scale");
  REQUIRE(overloads.size() == 2);
  CHECK(overloads[0]->result->kind == ir::TypeKind::Floating);
  CHECK(overloads[1]->result->kind == ir::TypeKind::Integer);

  const auto& greet = get_function(library, "geo::greet");
  CHECK(greet.result->kind == ir::TypeKind::StdString);
  CHECK(greet.parameters[0].type->kind == ir::TypeKind::StdString); // const std::string &
  CHECK(greet.parameters[0].type->is_const);

  const auto& count = get_function(library, "geo::count_chars");
  CHECK(count.parameters[0].type->kind == ir::TypeKind::StdString);
  CHECK(count.parameters[0].type->is_string_view);
  CHECK(count.result->kind == ir::TypeKind::Integer);

  const auto& next = get_function(library, "geo::next_color");
  CHECK(next.result->kind == ir::TypeKind::Enum);
  CHECK(next.result->name == "geo::Color");
  CHECK(next.result->is_scoped_enum);

  const auto& range = get_function(library, "geo::make_range");
  REQUIRE(range.result->kind == ir::TypeKind::StdVector);
  CHECK(range.result->element->kind == ir::TypeKind::Floating);
  const auto& values = *get_function(library, "geo::sum").parameters[0].type;
  REQUIRE(values.kind == ir::TypeKind::Reference);
  CHECK(values.pointee->kind == ir::TypeKind::StdVector);
  CHECK(values.pointee->is_const);

  const auto& midpoint = get_function(library, "geo::midpoint");
  CHECK(midpoint.result->kind == ir::TypeKind::Record);
  CHECK(midpoint.result->name == "geo::Point");
  CHECK(midpoint.parameters[1].type->record_id == get_class(library, "geo::Point").id);

  CHECK(get_function(library, "geo::checked_sqrt").cxx->is_noexcept == false);
  CHECK(get_function(library, "geo::throw_int").result->kind == ir::TypeKind::Void);
  CHECK(get_function(library, "geo::Registry::instance").result->kind == ir::TypeKind::Reference);
}

TEST_CASE("geo.hpp: enums, instantiations and skipped declarations", "[frontend][cxx]") {
  auto library = parse_geo();

  const auto& green = get_constant(library, "Green", {"geo", "Color"});
  CHECK(green.enum_name == "geo::Color");
  CHECK(green.origin == ir::Constant::Origin::EnumConstant);
  CHECK(green.signed_value == 5);
  CHECK(get_constant(library, "Blue", {"geo", "Color"}).signed_value == 6);
  const auto& large = get_constant(library, "Large", {"geo"});
  CHECK(large.enum_name == "geo::Size");
  CHECK((large.value_kind == ir::Constant::ValueKind::UnsignedInteger ? large.unsigned_value
                                                                      : large.signed_value) == 2);

  // The config's instantiation: a class named with its arguments, members with T = int.
  const auto& box = get_class(library, "geo::Box<int>");
  CHECK(box.name == "Box<int>");
  CHECK(box.scope == std::vector<std::string>{"geo"});
  CHECK(box.is_copy_constructible);
  CHECK(box.public_fields.empty());
  const auto& box_constructor = get_function(library, "geo::Box<int>");
  CHECK(box_constructor.name == "Box<int>");
  CHECK(box_constructor.cxx->member == ir::CxxMember::Constructor);
  CHECK(box_constructor.result->record_id == box.id);
  REQUIRE(box_constructor.parameters.size() == 1);
  CHECK(box_constructor.parameters[0].type->kind == ir::TypeKind::Integer);
  const auto& get = get_function(library, "geo::Box<int>::get");
  CHECK(get.cxx->scope == std::vector<std::string>{"geo", "Box<int>"});
  CHECK(get.cxx->class_id == box.id);
  CHECK(get.cxx->is_const_method);
  CHECK(get.result->kind == ir::TypeKind::Integer);
  CHECK(get_function(library, "geo::Box<int>::set").parameters[0].type->kind ==
        ir::TypeKind::Integer);
  // Only the declared constructor: not the implicit copy and move constructors.
  CHECK(functions_named(library, "geo::Box<int>").size() == 1);
  // Instantiated: no "not instantiated" diagnostic for the template.
  CHECK(unbindables_named(library, "geo::Box").empty());

  auto plus = unbindables_named(library, "geo::operator+");
  REQUIRE(plus.size() == 1);
  CHECK(plus[0]->reason.find("operator overload") != std::string::npos);
  CHECK(plus[0]->location.file == geo_header());
  CHECK(plus[0]->location.line > 0);
  auto deleted = unbindables_named(library, "geo::Counter");
  REQUIRE(deleted.size() == 1);
  CHECK(deleted[0]->reason == "deleted function");
  // The move constructor stays.
  CHECK(functions_named(library, "geo::Counter").size() == 2);
}

TEST_CASE("geo.hpp: a class template without instantiation", "[frontend][cxx]") {
  ParseOptions options;
  options.headers = {geo_header()};
  auto library = parse_ok(options);
  auto box = unbindables_named(library, "geo::Box");
  REQUIRE(box.size() == 1);
  CHECK(box[0]->kind == "class template");
  CHECK(box[0]->reason.find("instantiate") != std::string::npos);
  CHECK(functions_named(library, "geo::Box<int>::get").empty());
  CHECK(library.classes.size() == 8);
}

TEST_CASE("C++ constructs the frontend walks or skips", "[frontend][cxx]") {
  HeaderDirectory directory;
  // extern "C" from a macro of another header, as glibc's __BEGIN_DECLS.
  directory.write("c_macros.h", R"(#define CONSTRUCTS_BEGIN_C extern "C" {
#define CONSTRUCTS_END_C }
)");
  auto header = directory.write("constructs.hpp", R"(#include "c_macros.h"
#include <memory>
#include <stdio.h>
#include <string>
#include <vector>
#define CONSTRUCTS_VERSION 3
#define CONSTRUCTS_NAME "constructs"
#define CONSTRUCTS_RATIO 1.5
extern "C" {
struct c_point { int x; };
typedef struct { int y; } c_anonymous;
int c_length(const struct c_point* point, c_anonymous* other);
static inline int c_twice(int x) { return 2 * x; }
extern "C++" {
struct cxx_inside_c { int z; };
}
}
CONSTRUCTS_BEGIN_C
struct c_wrapped { int w; };
CONSTRUCTS_END_C
namespace outer {
inline namespace v1 {
int versioned(int x);
}
namespace {
int hidden(int x);
}
namespace inner {
class Widget {
public:
  enum Mode { Fast, Slow };
  enum class Level : unsigned char { Low = 1, High };
  struct Options { int depth; };
  Widget();
  operator bool() const;
  static int count;
  template <class T> void take(T value);
  int mode(Mode mode, Level level) const;
  Options options;
protected:
  void protected_method();
private:
  void private_method();
  template <class T> T private_template();
  int secret;
};
// Out-of-line member template definitions: reported (or not) with their declaration only.
template <class T> void Widget::take(T) {}
template <class T> T Widget::private_template() { return T(); }
}
template <class... Ts> struct Tuple {};
class Abstract {
public:
  explicit Abstract(int seed);
  virtual int value() const = 0;
};
template <class T> T identity(T value);
int global_counter;
void consume(std::string&& text);
std::vector<std::string> names();
void deleted(int) = delete;
int may_throw(int) noexcept(false);
int never_throws(int) noexcept(true);
int no_throw_spec(int) throw();
int load(FILE* file);
}
)");
  auto library = parse_header(header);
  CHECK(library.is_cxx);

  // Macros are evaluated in C++ too.
  CHECK(get_declaration<ir::Constant>(library, "CONSTRUCTS_VERSION").signed_value == 3);
  CHECK(get_declaration<ir::Constant>(library, "CONSTRUCTS_NAME").string_value == "constructs");
  CHECK(get_declaration<ir::Constant>(library, "CONSTRUCTS_RATIO").floating_value == 1.5);

  // extern "C" declarations are C: records with C names, functions without C++ information.
  const auto& length = get_declaration<ir::Function>(library, "c_length");
  CHECK_FALSE(length.cxx.has_value());
  const auto& twice = get_declaration<ir::Function>(library, "c_twice");
  CHECK_FALSE(twice.cxx.has_value()); // static: C++ mangles it, but it is C code
  CHECK(twice.is_inline);
  CHECK(length.parameters[0].type->pointee->name == "struct c_point");
  CHECK(length.parameters[1].type->pointee->name == "c_anonymous");
  REQUIRE(library.records.size() >= 3);
  CHECK(library.records[0].name == "struct c_point");
  CHECK(library.records[2].name == "struct c_wrapped"); // extern "C" from a macro
  // glibc's structs are C records too (declared in __BEGIN_DECLS).
  const auto& file = *get_function(library, "outer::load").parameters[0].type->pointee;
  CHECK(file.kind == ir::TypeKind::Record);
  CHECK(file.name == "FILE");
  CHECK(
      std::any_of(library.records.begin(), library.records.end(),
                  [&](const ir::RecordDefinition& record) { return record.id == file.record_id; }));

  // extern "C++" inside extern "C" is C++ again.
  CHECK(get_class(library, "cxx_inside_c").public_fields.size() == 1);

  // Inline namespaces are transparent, anonymous ones never selected.
  const auto& versioned = get_function(library, "outer::versioned");
  CHECK(versioned.cxx->scope == std::vector<std::string>{"outer"});
  CHECK(find_declaration<ir::Function>(library, "hidden") == nullptr);

  // Nested classes and enums carry their whole scope.
  const auto& widget = get_class(library, "outer::inner::Widget");
  CHECK(widget.scope == std::vector<std::string>{"outer", "inner"});
  const auto& options = get_class(library, "outer::inner::Widget::Options");
  CHECK(options.name == "Options");
  CHECK(options.scope == std::vector<std::string>{"outer", "inner", "Widget"});
  REQUIRE(widget.public_fields.size() == 1); // `secret` is private
  CHECK(widget.public_fields[0].type->record_id == options.id);
  CHECK(get_constant(library, "Slow", {"outer", "inner", "Widget"}).enum_name ==
        "outer::inner::Widget::Mode");
  const auto& high = get_constant(library, "High", {"outer", "inner", "Widget", "Level"});
  CHECK(high.unsigned_value == 2);
  const auto& mode = get_function(library, "outer::inner::Widget::mode");
  CHECK(mode.parameters[0].type->name == "outer::inner::Widget::Mode");
  CHECK_FALSE(mode.parameters[0].type->is_scoped_enum);
  CHECK(mode.parameters[1].type->name == "outer::inner::Widget::Level");
  CHECK(mode.parameters[1].type->is_scoped_enum);
  CHECK(mode.parameters[1].type->bits == 8);

  // Protected and private members are no API: left out without a word.
  CHECK(functions_named(library, "outer::inner::Widget::protected_method").empty());
  CHECK(unbindables_named(library, "outer::inner::Widget::protected_method").empty());
  CHECK(functions_named(library, "outer::inner::Widget::private_method").empty());
  CHECK(unbindables_named(library, "outer::inner::Widget::private_template").empty());
  CHECK(unbindables_named(library, "outer::inner::private_template").empty());

  struct Skipped {
    std::string name;
    std::string kind;
    std::string reason;
  };
  for (const auto& skipped : std::vector<Skipped>{
           {"outer::inner::Widget::operator bool", "function", "conversion function"},
           {"outer::inner::Widget::count", "variable", "static data member"},
           {"outer::inner::Widget::take", "function template", "function template"},
           {"outer::Tuple", "class template", "variadic template"},
           {"outer::identity", "function template", "function template"},
           {"outer::global_counter", "variable", "global variable"},
           {"outer::deleted", "function", "deleted function"},
           {"outer::Abstract", "function", "abstract class"},
       }) {
    INFO(skipped.name);
    auto found = unbindables_named(library, skipped.name);
    REQUIRE(found.size() == 1);
    CHECK(found[0]->kind == skipped.kind);
    CHECK(found[0]->reason.find(skipped.reason) != std::string::npos);
    CHECK(found[0]->location.file == header);
  }

  const auto& consume = get_function(library, "outer::consume");
  CHECK(consume.parameters[0].type->kind == ir::TypeKind::StdString); // std::string &&
  const auto& names = get_function(library, "outer::names");
  REQUIRE(names.result->kind == ir::TypeKind::StdVector);
  CHECK(names.result->element->kind == ir::TypeKind::StdString);

  CHECK_FALSE(get_function(library, "outer::may_throw").cxx->is_noexcept);
  CHECK(get_function(library, "outer::never_throws").cxx->is_noexcept);
  CHECK(get_function(library, "outer::no_throw_spec").cxx->is_noexcept);
}

TEST_CASE("C++ class traits follow the rules for implicit members", "[frontend][cxx]") {
  HeaderDirectory directory;
  auto header = directory.write("traits.hh", R"(#include <memory>
#include <string>
struct Plain { int a; double b; };
struct Owning { std::unique_ptr<int> value; };
struct MoveOnly { MoveOnly(MoveOnly&&); };
struct WithDestructor { ~WithDestructor(); std::unique_ptr<int> value; };
class Locked { ~Locked(); };
struct Derived : Locked { int x; };
struct Mixed { int a; private: int b; };
struct Base { int a; };
struct Extended : Base { int b; };
struct Empty : Base {};
struct Text { std::string text; };
class Virtual { public: virtual void f(); };
struct Referencing { int& target; };
struct Protected { protected: ~Protected(); };
struct FromProtected : Protected { int x; };
struct Shared : Base {};
struct Hidden : private Base {};
struct Indirect : Extended {};
)");
  auto library = parse_header(header);

  // Standard layout of classes with standard library members depends on the library's
  // implementation: not checked (-1).
  struct Expected {
    std::string name;
    bool copy, move, destructor;
    int standard_layout;
  };
  for (const auto& expected : std::vector<Expected>{
           {"Plain", true, true, true, 1},
           {"Owning", false, true, true, -1},
           {"MoveOnly", false, true, true, 1},
           // A declared destructor suppresses the implicit move constructor: no way to move.
           {"WithDestructor", false, false, true, -1},
           {"Locked", true, true, false, 1},
           {"Derived", false, false, false, 1},
           {"Mixed", true, true, true, 0},
           {"Extended", true, true, true, 0},
           {"Empty", true, true, true, 1},
           {"Text", true, true, true, -1},
           {"Virtual", true, true, true, 0},
           {"Referencing", true, true, true, 0},
           {"FromProtected", true, true, true, 1},
       }) {
    INFO(expected.name);
    const auto& cxx_class = get_class(library, expected.name);
    CHECK(cxx_class.is_copy_constructible == expected.copy);
    CHECK(cxx_class.is_move_constructible == expected.move);
    CHECK(cxx_class.has_public_destructor == expected.destructor);
    if (expected.standard_layout >= 0) {
      CHECK(cxx_class.is_standard_layout == (expected.standard_layout == 1));
    }
  }
  const auto& base = get_class(library, "Base");
  const auto& extended = get_class(library, "Extended");
  CHECK(get_class(library, "Shared").bases == std::vector<std::string>{base.id});
  CHECK(get_class(library, "Hidden").bases.empty()); // private inheritance
  CHECK(get_class(library, "Indirect").bases == std::vector<std::string>{extended.id, base.id});
}

TEST_CASE("C++ mode: chosen by extension or -x c++", "[frontend][cxx]") {
  HeaderDirectory directory;
  auto c_header =
      directory.write("plain.h", "struct point { int x; };\nint length(struct point* p);\n");
  auto cxx_header = directory.write("extra.hpp", "namespace extra { int twice(int x); }\n");

  auto c_library = parse_header(c_header);
  CHECK_FALSE(c_library.is_cxx);
  CHECK(c_library.classes.empty());
  CHECK_FALSE(get_declaration<ir::Function>(c_library, "length").cxx.has_value());
  CHECK(c_library.records.at(0).name == "struct point");

  auto forced = parse_header(c_header, {"-x", "c++"});
  CHECK(forced.is_cxx);
  CHECK(get_declaration<ir::Function>(forced, "length").cxx.has_value());
  CHECK(get_class(forced, "point").name == "point");
  CHECK(parse_header(c_header, {"--language=c++"}).is_cxx);
  CHECK(parse_header(c_header, {"-xc++"}).is_cxx);

  // One translation unit: a C++ header makes the C headers C++ too.
  ParseOptions mixed;
  mixed.headers = {c_header, cxx_header};
  auto mixed_library = parse_ok(mixed);
  CHECK(mixed_library.is_cxx);
  CHECK(get_function(mixed_library, "extra::twice").cxx->scope ==
        std::vector<std::string>{"extra"});

  // -std=c++17 by default; the user's -std wins.
  auto modern = directory.write("modern.hpp", "template <class T> concept Small = sizeof(T) < 4;\n"
                                              "int after_concept(int x);\n");
  ParseOptions default_options;
  default_options.headers = {modern};
  auto default_standard = parse_headers(default_options);
  CHECK_FALSE(default_standard.library.has_value());
  CHECK(parse_header(modern, {"-std=c++20"}).is_cxx);

  // Allow and block patterns see qualified names.
  ParseOptions blocked;
  blocked.headers = {cxx_header};
  blocked.block = {"extra::.*"};
  CHECK(parse_ok(blocked).declarations.empty());

  // Instantiations need C++.
  ParseOptions c_instantiation;
  c_instantiation.headers = {c_header};
  c_instantiation.instantiate = {"Box<int>"};
  auto refused = parse_headers(c_instantiation);
  CHECK_FALSE(refused.library.has_value());
  REQUIRE(refused.diagnostics.size() == 1);
  CHECK(refused.diagnostics[0].message.find("instantiate") != std::string::npos);
}

TEST_CASE("C++ instantiations that do not compile are errors naming them", "[frontend][cxx]") {
  HeaderDirectory directory;
  auto header = directory.write("solo.hpp", R"(namespace geo {
template <class T> struct Solo { T value; T get() const; };
struct NotATemplate {};
}
)");
  ParseOptions options;
  options.headers = {header};

  options.instantiate = {"geo::Solo<double>"};
  auto library = parse_ok(options);
  const auto& solo = get_class(library, "geo::Solo<double>");
  REQUIRE(solo.public_fields.size() == 1);
  CHECK(solo.public_fields[0].type->kind == ir::TypeKind::Floating);
  CHECK(get_function(library, "geo::Solo<double>::get").result->kind == ir::TypeKind::Floating);

  for (const auto& spelling : {"geo::Solo<void>", "geo::NotATemplate", "geo::Missing<int>"}) {
    INFO(spelling);
    options.instantiate = {spelling};
    auto result = parse_headers(options);
    CHECK_FALSE(result.library.has_value());
    REQUIRE_FALSE(result.diagnostics.empty());
    CHECK(result.diagnostics[0].severity == Severity::Error);
    CHECK(result.diagnostics[0].message.starts_with(std::string("cannot instantiate ") + spelling));
  }
}

TEST_CASE("C++ default constructibility: declared, implicit or deleted", "[frontend][cxx]") {
  HeaderDirectory directory;
  auto header = directory.write("construct.hh", R"(#include <string>
struct Plain { int a; double b; };
struct WithInit { int a = 1; const int b = 2; int& c = a; };
struct ConstMember { const int a; };
struct Referencing { int& target; };
struct Declared { Declared(int); };
struct Defaulted { Defaulted() = default; int a; };
struct Deleted { Deleted() = delete; };
struct DefaultArgument { DefaultArgument(int a = 0); };
class Private { Private(); };
struct HasDeclared { Declared d; };
struct Texts { std::string text; Plain plain; };
struct FromDeclared : Declared {};
struct Abstract { virtual void f() = 0; };
struct Concrete : Abstract { void f() override; };
class Locked { ~Locked(); };
struct HoldsLocked { Locked locked; };
)");
  auto library = parse_header(header);
  for (const auto& [name, expected] : std::vector<std::pair<std::string, bool>>{
           {"Plain", true},
           {"WithInit", true},
           {"ConstMember", false},
           {"Referencing", false},
           {"Declared", false},
           {"Defaulted", true},
           {"Deleted", false},
           {"DefaultArgument", true},
           {"Private", false},
           {"HasDeclared", false},
           {"Texts", true},
           {"FromDeclared", false},
           {"Abstract", false},
           {"Concrete", true},
           {"HoldsLocked", false},
       }) {
    INFO(name);
    CHECK(get_class(library, name).is_default_constructible == expected);
  }
}

TEST_CASE("geo.hpp: constant variables, extern \"C\" in a namespace, implicit New",
          "[frontend][cxx]") {
  const auto library = parse_geo();
  const auto& pi = get_constant(library, "pi", {"geo"});
  CHECK(pi.origin == ir::Constant::Origin::Variable);
  CHECK(pi.value_kind == ir::Constant::ValueKind::Floating);
  CHECK(pi.floating_value == 3.141592653589793);
  const auto& max_sides = get_constant(library, "max_sides", {"geo"});
  CHECK(max_sides.value_kind == ir::Constant::ValueKind::SignedInteger);
  CHECK(max_sides.signed_value == 8);
  const auto& big = get_constant(library, "big", {"geo"});
  CHECK(big.value_kind == ir::Constant::ValueKind::UnsignedInteger);
  CHECK(big.unsigned_value == (1ULL << 40));
  const auto& name = get_constant(library, "library_name", {"geo"});
  CHECK(name.value_kind == ir::Constant::ValueKind::String);
  CHECK(name.string_value == "geo");
  const auto& unit = get_constant(library, "unit_name", {"geo"});
  CHECK(unit.value_kind == ir::Constant::ValueKind::String);
  CHECK(unit.string_value == "metre");
  CHECK(get_constant(library, "favourite_color", {"geo"}).signed_value == 6);
  CHECK(get_constant(library, "min_sides", {"geo", "Polygon"}).signed_value == 3);
  // A variable that is not constant stays a skipped variable.
  REQUIRE(unbindables_named(library, "geo::call_count").size() == 1);
  CHECK(unbindables_named(library, "geo::call_count")[0]->kind == "variable");

  const ir::Function* twice = nullptr;
  for (const auto& declaration : library.declarations) {
    if (const auto* function = std::get_if<ir::Function>(&declaration);
        function && function->name == "geo_c_twice") {
      twice = function;
    }
  }
  REQUIRE(twice);
  CHECK_FALSE(twice->cxx);
  CHECK(twice->cxx_callee == "geo::geo_c_twice");
  const ir::Function* version = nullptr;
  for (const auto& declaration : library.declarations) {
    if (const auto* function = std::get_if<ir::Function>(&declaration);
        function && function->name == "geo_c_version") {
      version = function;
    }
  }
  REQUIRE(version);
  CHECK(version->cxx_callee.empty()); // at global scope: its name is how C++ calls it

  CHECK(get_class(library, "geo::Point").is_default_constructible);
  CHECK(get_class(library, "geo::Polygon").is_default_constructible);
  CHECK_FALSE(get_class(library, "geo::Anchor").is_default_constructible);
  CHECK(get_class(library, "geo::Counter").is_default_constructible);        // declared Counter()
  CHECK_FALSE(get_class(library, "geo::Registry").is_default_constructible); // private
  CHECK_FALSE(get_class(library, "geo::Shape").is_default_constructible);    // abstract
  CHECK_FALSE(get_class(library, "geo::Circle").is_default_constructible);
  CHECK_FALSE(get_class(library, "geo::Box<int>").is_default_constructible);
}
