#include "pen_bindgen/mapping/cxx_lowering.hpp"

#include "c_prototype.hpp"
#include "pen_bindgen/mapping/cxx_names.hpp"
#include "pen_bindgen/mapping/names.hpp"

#include <deque>
#include <fmt/format.h>
#include <map>
#include <optional>
#include <regex>
#include <set>
#include <string_view>
#include <utility>
#include <variant>

namespace pen_bindgen::mapping {

namespace {

constexpr const char* flat_prefix = "pen_cxx_";
constexpr const char* error_parameter_name = "pen_error";
constexpr const char* count_parameter_name = "pen_count";

std::string joined(const std::vector<std::string>& parts, const char* separator) {
  std::string text;
  for (const auto& part : parts) {
    text += (text.empty() ? "" : separator) + part;
  }
  return text;
}

// ---- C types of the layer, spelled for a C header ----

ir::TypePtr c_integer(ir::IntegerKind kind, unsigned bits, bool is_signed) {
  return ir::make_integer(kind, bits, is_signed, ir::c_spelling(kind));
}

ir::TypePtr size_type() {
  // The C++ side passes std::size_t; Linux targets are LP64 (docs/cplusplus.md).
  return ir::make_integer(ir::IntegerKind::UnsignedLong, 64, false, "size_t");
}

ir::TypePtr pointer_to(ir::TypePtr pointee) {
  const auto& spelling = pointee->spelling;
  return ir::make_pointer(pointee, spelling + (spelling.back() == '*' ? "*" : " *"));
}

ir::TypePtr char_pointer(bool is_const) {
  auto character = ir::make_integer(ir::IntegerKind::Char, 8, true, "char");
  return pointer_to(is_const ? ir::make_const(character) : character);
}

ir::TypePtr with_const(ir::TypePtr type, bool is_const) {
  return is_const ? ir::make_const(std::move(type)) : type;
}

// C's stdio stream, whatever the C library names its struct (glibc `_IO_FILE`, BSD `__sFILE`):
// C++ headers spell it through the typedef, `FILE` or `std::FILE`.
bool is_c_file(const ir::Type& type) {
  if (type.kind != ir::TypeKind::Record) {
    return false;
  }
  std::string_view spelling = type.spelling;
  for (const std::string_view prefix : {"const ", "std::"}) {
    if (spelling.starts_with(prefix)) {
      spelling.remove_prefix(prefix.size());
    }
  }
  return spelling == "FILE";
}

// The C spelling of a type that crosses the layer unchanged (scalars, `FILE` and pointers to
// them); nullptr for anything else.
ir::TypePtr plain_c_type(const ir::Type& type) {
  switch (type.kind) {
  case ir::TypeKind::Void:
    return with_const(ir::make_void("void"), type.is_const);
  case ir::TypeKind::Bool:
    return with_const(ir::make_bool("bool"), type.is_const);
  case ir::TypeKind::Integer:
    return with_const(c_integer(type.integer, type.bits, type.is_signed), type.is_const);
  case ir::TypeKind::Floating:
    return with_const(ir::make_floating(type.floating, type.bits, ir::c_spelling(type.floating)),
                      type.is_const);
  case ir::TypeKind::Pointer: {
    if (!type.pointee) {
      return nullptr;
    }
    auto pointee = plain_c_type(*type.pointee);
    if (!pointee) {
      return nullptr;
    }
    auto pointer = pointer_to(pointee);
    if (type.is_const) {
      auto edited = std::make_shared<ir::Type>(*pointer);
      edited->is_const = true;
      edited->spelling += "const";
      return edited;
    }
    return pointer;
  }
  case ir::TypeKind::Record:
    // The layer's header includes <stdio.h> (CxxLayer::includes_stdio): a `FILE *` reaches the
    // C pipeline as it would from a C header, a `File` handle.
    if (is_c_file(type)) {
      return with_const(ir::make_record("FILE", "FILE"), type.is_const);
    }
    return nullptr;
  default:
    return nullptr;
  }
}

bool is_scalar(const ir::Type& type) {
  return type.kind == ir::TypeKind::Bool || type.kind == ir::TypeKind::Integer ||
         type.kind == ir::TypeKind::Floating || type.kind == ir::TypeKind::Enum;
}

// The C type of a scalar: an enum becomes its underlying integer type.
ir::TypePtr scalar_c_type(const ir::Type& type) {
  if (type.kind == ir::TypeKind::Enum) {
    return c_integer(type.integer, type.bits, type.is_signed);
  }
  ir::Type unqualified = type;
  unqualified.is_const = false;
  return plain_c_type(unqualified);
}

// ---- The lowering ----

struct LoweredParameter {
  std::vector<ir::Parameter> c_parameters;
  std::string argument; // the C++ expression passed to the call
  bool non_null = false;
  std::optional<std::pair<std::string, std::string>> buffer;
  bool is_array = false;  // a std::vector: `const T *items, size_t items_size` (ir::ArrayParameter)
  bool has_sizes = false; // of strings: `const char *const *items, const size_t *items_sizes, ...`
};

struct LoweredResult {
  ir::TypePtr c_type;
  std::string before; // the C++ expression around the call's: before + call + after
  std::string after;
  bool borrowed = false;
  bool owned_string = false;
  bool is_array = false; // a std::vector: a malloc'd array, its size through `size_t *pen_count`
};

using Failure = std::string; // why a declaration cannot be lowered

class Lowering {
public:
  Lowering(const ir::Library& cxx, const config::Overrides& user, const std::string& file_stem)
      : cxx_(cxx), user_(user) {
    result_.library.is_cxx = false;
    result_.library.files_read = cxx.files_read;
    result_.layer.file_stem = file_stem;
    result_.layer.cxx_headers = cxx.headers;
    // pen-ffi.sh passes one -I, the first header's directory: a header found through another
    // one is included by its full path.
    for (std::size_t i = 1; i < cxx.headers.size(); ++i) {
      auto& header = result_.layer.cxx_headers[i];
      const auto& first_directory = cxx.headers.front().include_directory;
      if (!header.include_directory.empty() && header.include_directory != first_directory &&
          header.include_spelling.size() > 2) {
        header.include_spelling =
            "\"" + header.include_directory + "/" +
            header.include_spelling.substr(1, header.include_spelling.size() - 2) + "\"";
      }
    }
    if (!cxx.headers.empty()) {
      // The shim includes the layer's C header (next to it in ffi/); the path names the user's
      // header in banners, and pen-ffi.sh needs its directory for ffi/<stem>_cxx.cpp.
      const auto& first = cxx.headers.front();
      result_.library.headers.push_back(
          {first.path, "\"" + file_stem + "_cxx.h\"", first.include_directory});
    }
    result_.overrides = user;
    result_.overrides.functions.clear();
    result_.overrides.constants.clear();
    result_.overrides.types.clear();
    for (const auto& cls : cxx.classes) {
      classes_.emplace(cls.id, &cls);
    }
  }

  CxxLowering run() {
    for (const auto& cls : cxx_.classes) {
      declare_class(cls);
    }
    name_overloads();
    std::set<std::string> flushed;
    for (const auto& declaration : cxx_.declarations) {
      if (const auto* function = std::get_if<ir::Function>(&declaration)) {
        if (function->cxx && !function->cxx->class_id.empty() &&
            flushed.insert(function->cxx->class_id).second) {
          if (const auto found = classes_.find(function->cxx->class_id); found != classes_.end()) {
            lower_class_members(*found->second);
          }
        }
        lower_function(*function);
      } else if (const auto* constant = std::get_if<ir::Constant>(&declaration)) {
        lower_constant(*constant);
      } else {
        result_.library.declarations.push_back(declaration);
      }
    }
    for (const auto& cls : cxx_.classes) {
      if (flushed.insert(cls.id).second) {
        lower_class_members(cls);
      }
    }
    carry_user_overrides();
    return finish();
  }

private:
  const ir::Library& cxx_;
  const config::Overrides& user_;
  ClassesById classes_;
  std::map<std::string, std::string> class_flat_;     // id -> "pen_cxx_geo_Shape"
  std::map<std::string, std::string> class_path_;     // id -> "geo_Shape"
  std::map<std::string, std::string> class_pen_;      // id -> "GeoShape"
  std::map<const ir::Function*, std::string> suffix_; // overloaded functions -> "IntDouble"
  std::set<std::string> flat_names_;
  // User config entries consumed through their qualified C++ names.
  std::set<std::string> consumed_functions_;
  std::set<std::string> consumed_types_;
  std::set<std::string> consumed_constants_;
  CxxLowering result_;

  std::string unique_flat_name(std::string name) {
    const auto base = name;
    for (int n = 2; !flat_names_.insert(name).second; ++n) {
      name = fmt::format("{}_{}", base, n);
    }
    return name;
  }

  // ---- classes ----

  void declare_class(const ir::CxxClass& cls) {
    const auto path = flat_path(cls.scope, cls.name);
    const auto flat = unique_flat_name(flat_prefix + path);
    class_flat_[cls.id] = flat;
    class_path_[cls.id] = path;
    class_pen_[cls.id] = to_upper_camel(path);
    result_.layer.types.push_back({flat, cls.qualified_name});

    config::TypeOverride type;
    type.c_name = flat;
    type.location = cls.location;
    type.name = class_pen_[cls.id];
    for (const auto& key : std::vector<std::string>{cls.qualified_name, flat}) {
      if (const auto found = user_.types.find(key); found != user_.types.end()) {
        consumed_types_.insert(key);
        user_types_.insert(cls.id);
        type.location = found->second.location;
        if (found->second.name) {
          type.name = found->second.name;
          renamed_classes_.insert(cls.id);
        }
        if (!found->second.destructor.empty()) {
          type.destructor = found->second.destructor;
        }
        type.bases.insert(type.bases.end(), found->second.bases.begin(), found->second.bases.end());
      }
    }
    class_pen_[cls.id] = *type.name;
    result_.overrides.types[flat] = type;
  }

  // The Pen name of a member: the path of the class and the member in UpperCamel case
  // ("GeoPointGetX"), or after a class the config renamed, its name and the member's
  // ("PointGetX"), like the handle's own helpers (`PointIsNull`).
  std::string member_pen_name(const ir::CxxClass& cls, const std::string& member_path) const {
    if (renamed_classes_.contains(cls.id)) {
      return class_pen_.at(cls.id) + to_upper_camel(member_path);
    }
    return to_upper_camel(class_path_.at(cls.id) + "_" + member_path);
  }

  ir::TypePtr class_pointer(const ir::CxxClass& cls, bool is_const) const {
    const auto& flat = class_flat_.at(cls.id);
    auto record = ir::make_record_ref(flat, cls.id, flat);
    return pointer_to(with_const(record, is_const));
  }

  // The class a Record type names, if the library binds it.
  const ir::CxxClass* class_of(const ir::Type& type) const {
    if (type.kind != ir::TypeKind::Record) {
      return nullptr;
    }
    const auto found = classes_.find(type.record_id);
    return found == classes_.end() ? nullptr : found->second;
  }

  // The record, its deleter, its upcasts and its field accessors.
  void lower_class_members(const ir::CxxClass& cls) {
    const auto& flat = class_flat_.at(cls.id);
    ir::RecordDefinition record;
    record.id = cls.id;
    record.name = flat;
    record.display_name = cls.qualified_name;
    record.location = cls.location;
    record.is_own = true;
    for (const auto& base_id : cls.bases) {
      const auto base = classes_.find(base_id);
      if (base == classes_.end()) {
        continue;
      }
      const auto upcast = unique_flat_name(flat + "_to_" + class_path_.at(base_id));
      record.bases.push_back({base_id, upcast});
      ir::Function function;
      function.name = upcast;
      function.location = cls.location;
      function.result = class_pointer(*base->second, false);
      function.parameters = {{"self", class_pointer(cls, false)}};
      add_layer_function(function, cls.qualified_name + " -> " + base->second->qualified_name, {},
                         fmt::format("return reinterpret_cast<{} *>(static_cast<{} *>("
                                     "reinterpret_cast<{} *>(self)));",
                                     class_flat_.at(base_id), base->second->qualified_name,
                                     cls.qualified_name),
                         CxxExceptionHandling::None, false);
    }
    result_.library.records.push_back(std::move(record));

    if (cls.has_public_destructor) {
      ir::Function deleter;
      deleter.name = unique_flat_name(flat + "_delete");
      deleter.location = cls.location;
      deleter.result = ir::make_void("void");
      deleter.parameters = {{"self", class_pointer(cls, false)}};
      deleter.display_prototype = cls.qualified_name + "::~" + template_name(cls.name) + "()";
      add_flat_function(deleter, "~" + cls.qualified_name, {},
                        fmt::format("delete reinterpret_cast<{} *>(self);", cls.qualified_name),
                        CxxExceptionHandling::None, member_pen_name(cls, "delete"), {});
      // The user's destructor wins: a config may name a release function of the library.
      auto& type = result_.overrides.types[flat];
      if (type.destructor.empty()) {
        type.destructor = deleter.name;
      }
    }
    lower_implicit_constructor(cls);
    if (cls.is_standard_layout) {
      for (const auto& field : cls.public_fields) {
        lower_field(cls, field);
      }
    }
  }

  // A default-constructible class without a declared default constructor (`struct Point
  // { double x, y; }`) gets `<Class>New`: `new T()`, value-initialised (members zeroed). It
  // lowers like a declared `T()`, so the config and exception policy apply as to one.
  void lower_implicit_constructor(const ir::CxxClass& cls) {
    if (!cls.is_default_constructible || cls.is_abstract) {
      return;
    }
    // A declared constructor suppresses the implicit one: the class is default constructible
    // through a declared `T()` (or `T(int = 0)`), bound as itself.
    for (const auto& declaration : cxx_.declarations) {
      const auto* function = std::get_if<ir::Function>(&declaration);
      if (function && function->cxx && function->cxx->member == ir::CxxMember::Constructor &&
          function->cxx->class_id == cls.id) {
        return;
      }
    }
    auto& constructor = implicit_constructors_.emplace_back();
    constructor.name = cls.name;
    constructor.location = cls.location;
    constructor.result = ir::make_record_ref(cls.qualified_name, cls.id, cls.qualified_name);
    ir::CxxFunction cxx;
    cxx.scope = cls.scope;
    cxx.scope.push_back(cls.name);
    cxx.qualified_name = cls.qualified_name;
    cxx.member = ir::CxxMember::Constructor;
    cxx.class_id = cls.id;
    constructor.cxx = cxx;
    lower_function(constructor, "(implicit, value-initialised)");
  }

  void lower_field(const ir::CxxClass& cls, const ir::Field& field) {
    const auto field_name = cls.qualified_name + "::" + field.name;
    if (field.name.empty()) {
      return; // an anonymous member: its own members are not reachable by name
    }
    const auto& type = *field.type;
    const auto access =
        fmt::format("reinterpret_cast<const {} *>(self)->{}", cls.qualified_name, field.name);
    // The getter reads the member as a reference would: class members are borrowed handles.
    const auto as_reference = ir::make_reference(field.type);
    auto getter_result = lower_result(*as_reference);
    if (auto* failure = std::get_if<Failure>(&getter_result)) {
      skip(field_name, cls.location, "field",
           fmt::format("member '{}' has type '{}': {}", field.name, type.spelling, *failure),
           "unsupported-field");
      return;
    }
    const auto& result = std::get<LoweredResult>(getter_result);
    const auto getter_path = class_path_.at(cls.id) + "_get_" + identifier_part(field.name);
    ir::Function getter;
    getter.name = unique_flat_name(flat_prefix + getter_path);
    getter.location = cls.location;
    getter.result = result.c_type;
    getter.result_borrowed = result.borrowed;
    getter.parameters = {{"self", class_pointer(cls, true)}};
    getter.display_prototype = "Reads " + with_name(display_type(type), field_name);
    add_flat_function(
        getter, field_name, {"self"}, "return " + result.before + access + result.after + ";",
        CxxExceptionHandling::None, member_pen_name(cls, "get_" + identifier_part(field.name)),
        result.owned_string ? "free" : "");

    // Setters assign scalars and strings; class members are changed through their handles.
    if (type.is_const || !(is_scalar(type) || type.kind == ir::TypeKind::StdString)) {
      return;
    }
    auto lowered = lower_parameter(type, "value");
    if (std::holds_alternative<Failure>(lowered)) {
      return;
    }
    const auto& value = std::get<LoweredParameter>(lowered);
    const auto setter_path = class_path_.at(cls.id) + "_set_" + identifier_part(field.name);
    ir::Function setter;
    setter.name = unique_flat_name(flat_prefix + setter_path);
    setter.location = cls.location;
    setter.result = ir::make_void("void");
    setter.parameters = {{"self", class_pointer(cls, false)}};
    setter.parameters.insert(setter.parameters.end(), value.c_parameters.begin(),
                             value.c_parameters.end());
    setter.display_prototype = "Writes " + with_name(display_type(type), field_name);
    std::vector<std::pair<std::string, std::string>> buffers;
    if (value.buffer) {
      buffers.push_back(*value.buffer);
    }
    add_flat_function(setter, field_name, {"self"},
                      fmt::format("reinterpret_cast<{} *>(self)->{} = {};", cls.qualified_name,
                                  field.name, value.argument),
                      value.buffer ? CxxExceptionHandling::Abort : CxxExceptionHandling::None,
                      member_pen_name(cls, "set_" + identifier_part(field.name)), "", buffers);
  }

  // ---- overloads ----

  static std::string set_key(const ir::Function& function) {
    const auto& cxx = *function.cxx;
    return (cxx.member == ir::CxxMember::Constructor ? "new " : "") + cxx.qualified_name;
  }

  // Pen copies handles, never moves from them: a move constructor has nothing to bind.
  static bool is_move_constructor(const ir::Function& function) {
    if (!function.cxx || function.cxx->member != ir::CxxMember::Constructor ||
        function.parameters.size() != 1) {
      return false;
    }
    const auto& type = *function.parameters.front().type;
    return type.kind == ir::TypeKind::Reference && type.is_rvalue_reference && type.pointee &&
           type.pointee->kind == ir::TypeKind::Record &&
           type.pointee->record_id == function.cxx->class_id;
  }

  void name_overloads() {
    std::map<std::string, std::vector<const ir::Function*>> sets;
    std::vector<std::string> order;
    for (const auto& declaration : cxx_.declarations) {
      const auto* function = std::get_if<ir::Function>(&declaration);
      if (!function || !function->cxx || is_move_constructor(*function)) {
        continue;
      }
      auto& set = sets[set_key(*function)];
      if (set.empty()) {
        order.push_back(set_key(*function));
      }
      set.push_back(function);
    }
    for (const auto& key : order) {
      const auto& set = sets[key];
      if (set.size() < 2) {
        continue;
      }
      const auto suffixes = overload_suffixes(set, classes_);
      for (std::size_t i = 0; i < set.size(); ++i) {
        suffix_[set[i]] = suffixes[i];
      }
    }
    overload_sets_ = std::move(sets);
    overload_order_ = std::move(order);
  }

  std::map<std::string, std::vector<const ir::Function*>> overload_sets_;
  std::vector<std::string> overload_order_;
  std::map<const ir::Function*, std::string> chosen_pen_names_; // for the overload notes

  // "geo::scale(int)"
  static std::string signature(const ir::Function& function, const std::string& name) {
    std::string text = name + "(";
    for (std::size_t i = 0; i < function.parameters.size(); ++i) {
      text += (i == 0 ? "" : ", ") + function.parameters[i].type->spelling;
    }
    text += ")";
    if (function.cxx && function.cxx->is_const_method) {
      text += " const";
    }
    return text;
  }

  // A type as comments spell it, the same whatever libclang prints (14 qualifies class and enum
  // names, 19 keeps them as written): classes and enums by their qualified names.
  std::string display_type(const ir::Type& type) const {
    const std::string qualifier = type.is_const ? "const " : "";
    switch (type.kind) {
    case ir::TypeKind::Reference:
      if (type.pointee) {
        return display_type(*type.pointee) + (type.is_rvalue_reference ? " &&" : " &");
      }
      break;
    case ir::TypeKind::Pointer:
      if (type.pointee && type.pointee->kind != ir::TypeKind::Function) {
        return display_type(*type.pointee) + " *" + (type.is_const ? "const" : "");
      }
      break;
    case ir::TypeKind::Record:
      if (const auto* cls = class_of(type)) {
        return qualifier + cls->qualified_name;
      }
      break;
    case ir::TypeKind::Enum:
      if (!type.name.empty()) {
        return qualifier + type.name;
      }
      break;
    case ir::TypeKind::StdString:
      break; // as written, with its reference (which the IR does not keep for strings)
    case ir::TypeKind::StdVector:
      if (type.element) {
        // An element is spelled canonically ("std::basic_string<char>"): named here.
        const auto& element = *type.element;
        const auto element_text =
            element.kind != ir::TypeKind::StdString
                ? display_type(element)
                : (element.is_const ? "const " : "") +
                      std::string(element.is_string_view ? "std::string_view" : "std::string");
        return qualifier + "std::vector<" + element_text + ">";
      }
      break;
    default:
      break;
    }
    return type.spelling;
  }

  // A class's name as its constructors and destructor spell it: "Box<int>" -> "Box".
  static std::string template_name(const std::string& name) {
    return name.substr(0, name.find('<'));
  }

  // `type name`, spaced as C++ prints it: "const std::string &name", "double x".
  static std::string with_name(const std::string& type, const std::string& name) {
    if (name.empty()) {
      return type;
    }
    return type + (!type.empty() && (type.back() == '*' || type.back() == '&') ? "" : " ") + name;
  }

  // What comments show for a lowered function (ir::Function::display_prototype): the C++
  // declaration as the header has it, qualified: "double geo::Shape::area() const",
  // "geo::Circle::Circle(double radius)", "int geo_c_version(void)" for an extern "C" one.
  std::string declaration_text(const ir::Function& function) const {
    if (!function.cxx) {
      auto named = function;
      if (!function.cxx_callee.empty()) {
        named.name = function.cxx_callee;
      }
      return c_prototype(named);
    }
    const auto& cxx = *function.cxx;
    std::string text;
    if (cxx.member == ir::CxxMember::Constructor) {
      text = cxx.qualified_name + "::" + template_name(function.name);
    } else {
      text = with_name(display_type(*function.result), cxx.qualified_name);
      if (cxx.member == ir::CxxMember::StaticMethod) {
        text = "static " + text;
      }
    }
    text += "(";
    for (std::size_t i = 0; i < function.parameters.size(); ++i) {
      const auto& parameter = function.parameters[i];
      text += (i == 0 ? "" : ", ") + with_name(display_type(*parameter.type), parameter.name);
    }
    if (function.is_variadic) {
      text += function.parameters.empty() ? "..." : ", ...";
    }
    text += ")";
    if (cxx.is_const_method) {
      text += " const";
    }
    if (cxx.is_noexcept) {
      text += " noexcept";
    }
    return text;
  }

  // ---- parameters and results ----

  std::variant<LoweredParameter, Failure> lower_parameter(const ir::Type& given,
                                                          const std::string& name) {
    LoweredParameter lowered;
    const bool is_reference = given.kind == ir::TypeKind::Reference;
    if (is_reference && !given.pointee) {
      return Failure("reference to an unknown type");
    }
    const auto& type = is_reference ? *given.pointee : given;
    const bool is_rvalue = is_reference && given.is_rvalue_reference;
    switch (type.kind) {
    case ir::TypeKind::StdString: {
      if (is_reference && !is_rvalue && !type.is_const) {
        return Failure("a non-const std::string reference (an out-parameter) is not bound");
      }
      const auto size = name + "_size";
      lowered.c_parameters = {{name, char_pointer(true)}, {size, size_type()}};
      lowered.argument = fmt::format(
          "{}({}, {})", type.is_string_view ? "pen_cxx_string_view" : "pen_cxx_string", name, size);
      lowered.buffer = std::pair(name, size);
      return lowered;
    }
    case ir::TypeKind::Record: {
      const auto* cls = class_of(type);
      if (!cls) {
        return Failure(fmt::format("'{}' is not a class of the bound headers", type.spelling));
      }
      const bool copies = !is_reference || is_rvalue;
      if (copies && !cls->is_copy_constructible) {
        return Failure(fmt::format("'{}' is passed by value but cannot be copied from a handle",
                                   cls->qualified_name));
      }
      const bool is_const = copies || type.is_const;
      lowered.c_parameters = {{name, class_pointer(*cls, is_const)}};
      const auto object = fmt::format("*reinterpret_cast<{}{} *>({})", is_const ? "const " : "",
                                      cls->qualified_name, name);
      // An rvalue reference gets a copy, so the handle's object is never moved from.
      lowered.argument = is_rvalue ? fmt::format("{}({})", cls->qualified_name, object) : object;
      lowered.non_null = true;
      return lowered;
    }
    case ir::TypeKind::Pointer: {
      if (!type.pointee) {
        return Failure("pointer to an unknown type");
      }
      if (const auto* cls = class_of(*type.pointee)) {
        const bool is_const = type.pointee->is_const;
        lowered.c_parameters = {{name, class_pointer(*cls, is_const)}};
        lowered.argument = fmt::format("reinterpret_cast<{}{} *>({})", is_const ? "const " : "",
                                       cls->qualified_name, name);
        return lowered;
      }
      auto plain = plain_c_type(type);
      if (!plain) {
        return Failure(fmt::format("type '{}' is not bound", given.spelling));
      }
      lowered.c_parameters = {{name, plain}};
      lowered.argument = name;
      return lowered;
    }
    case ir::TypeKind::Enum:
    case ir::TypeKind::Bool:
    case ir::TypeKind::Integer:
    case ir::TypeKind::Floating: {
      auto c_type = scalar_c_type(type);
      const auto value = type.kind == ir::TypeKind::Enum
                             ? fmt::format("static_cast<{}>({})", type.name, name)
                             : name;
      if (is_reference && !is_rvalue && !type.is_const) {
        // A mutable reference: the caller passes a pointer to the value, as C would.
        if (type.kind == ir::TypeKind::Enum) {
          return Failure("a non-const reference to an enum is not bound");
        }
        lowered.c_parameters = {{name, pointer_to(c_type)}};
        lowered.argument = "*" + name;
        lowered.non_null = true;
        return lowered;
      }
      lowered.c_parameters = {{name, c_type}};
      lowered.argument = value;
      return lowered;
    }
    case ir::TypeKind::StdVector: {
      if (is_reference && !is_rvalue && !type.is_const) {
        return Failure("a non-const std::vector reference (an out-parameter) is not bound");
      }
      const auto element = vector_element(type);
      if (auto* failure = std::get_if<Failure>(&element)) {
        return *failure;
      }
      // A copy into a new vector: by value, const & and && alike (docs/cplusplus.md).
      const auto size = name + "_size";
      lowered.is_array = true;
      if (type.element->kind == ir::TypeKind::StdString) {
        // Every byte of every element: the copies and their sizes.
        auto strings = std::make_shared<ir::Type>(*char_pointer(true));
        strings->is_const = true;
        strings->spelling += "const";
        const auto sizes = name + "_sizes";
        lowered.c_parameters = {{name, pointer_to(strings)},
                                {sizes, pointer_to(ir::make_const(size_type()))},
                                {size, size_type()}};
        lowered.argument = fmt::format(
            "pen_cxx_string_vector<{}>({}, {}, {})",
            type.element->is_string_view ? "std::string_view" : "std::string", name, sizes, size);
        lowered.has_sizes = true;
        return lowered;
      }
      lowered.c_parameters = {{name, pointer_to(ir::make_const(scalar_c_type(*type.element)))},
                              {size, size_type()}};
      lowered.argument = fmt::format("pen_cxx_vector<{}>({}, {})",
                                     type.element->kind == ir::TypeKind::Enum
                                         ? type.element->name
                                         : scalar_c_type(*type.element)->spelling,
                                     name, size);
      return lowered;
    }
    default:
      return Failure(fmt::format("type '{}' is not bound", given.spelling));
    }
  }

  // Why a std::vector's elements cannot cross as a Pen list (numbers, booleans, enums, strings),
  // or nothing.
  static std::variant<std::monostate, Failure> vector_element(const ir::Type& vector) {
    const auto* element = vector.element.get();
    const auto unsupported = [&] {
      return Failure(
          fmt::format("std::vector of '{}' is not bound (numbers, booleans, enums and strings are)",
                      element ? element->spelling : std::string("?")));
    };
    if (!element) {
      return unsupported();
    }
    switch (element->kind) {
    case ir::TypeKind::Bool:
      return std::monostate{};
    case ir::TypeKind::Integer:
    case ir::TypeKind::Enum:
      if (element->integer == ir::IntegerKind::Int128 ||
          element->integer == ir::IntegerKind::UnsignedInt128) {
        return unsupported();
      }
      return std::monostate{};
    case ir::TypeKind::Floating:
      if (element->floating != ir::FloatKind::Double && element->floating != ir::FloatKind::Float) {
        return unsupported();
      }
      return std::monostate{};
    case ir::TypeKind::StdString:
      return std::monostate{};
    default:
      return unsupported();
    }
  }

  std::variant<LoweredResult, Failure> lower_result(const ir::Type& given) {
    LoweredResult lowered;
    const bool is_reference = given.kind == ir::TypeKind::Reference;
    if (is_reference && !given.pointee) {
      return Failure("reference to an unknown type");
    }
    const auto& type = is_reference ? *given.pointee : given;
    switch (type.kind) {
    case ir::TypeKind::Void:
      if (is_reference) {
        break;
      }
      lowered.c_type = ir::make_void("void");
      return lowered;
    case ir::TypeKind::StdString:
      // A malloc'd NUL-terminated copy, freed by the shim once it made the Pen string.
      lowered.c_type = char_pointer(false);
      lowered.before = "pen_cxx_copy_string(";
      lowered.after = ")";
      lowered.owned_string = true;
      return lowered;
    case ir::TypeKind::Record: {
      const auto* cls = class_of(type);
      if (!cls) {
        return Failure(fmt::format("'{}' is not a class of the bound headers", type.spelling));
      }
      // Pen has no const: handles are plain pointers (docs/cplusplus.md).
      const auto& flat = class_flat_.at(cls->id);
      lowered.c_type = class_pointer(*cls, false);
      if (is_reference) {
        lowered.before = fmt::format("reinterpret_cast<{} *>(const_cast<{} *>(std::addressof(",
                                     flat, cls->qualified_name);
        lowered.after = ")))";
        lowered.borrowed = true;
      } else {
        if (cls->is_abstract) {
          return Failure(fmt::format("'{}' is abstract", cls->qualified_name));
        }
        // A prvalue initialises the new object directly (C++17): no copy or move needed.
        lowered.before = fmt::format("reinterpret_cast<{} *>(new {}(", flat, cls->qualified_name);
        lowered.after = "))";
      }
      return lowered;
    }
    case ir::TypeKind::Pointer: {
      if (is_reference || !type.pointee) {
        break;
      }
      if (const auto* cls = class_of(*type.pointee)) {
        const auto& flat = class_flat_.at(cls->id);
        lowered.c_type = class_pointer(*cls, false);
        lowered.before =
            fmt::format("reinterpret_cast<{} *>(const_cast<{} *>(", flat, cls->qualified_name);
        lowered.after = "))";
        lowered.borrowed = true;
        return lowered;
      }
      auto plain = plain_c_type(type);
      if (!plain) {
        break;
      }
      lowered.c_type = plain;
      return lowered;
    }
    case ir::TypeKind::Enum:
    case ir::TypeKind::Bool:
    case ir::TypeKind::Integer:
    case ir::TypeKind::Floating:
      lowered.c_type = scalar_c_type(type);
      if (type.kind == ir::TypeKind::Enum) {
        lowered.before = fmt::format("static_cast<{}>(", lowered.c_type->spelling);
        lowered.after = ")";
      }
      return lowered;
    case ir::TypeKind::StdVector: {
      const auto element = vector_element(type);
      if (auto* failure = std::get_if<Failure>(&element); failure && !class_of(*type.element)) {
        return *failure;
      }
      // A malloc'd copy of the elements (strings: malloc'd copies too), freed by the shim once
      // it made the Pen list; NULL when empty. The count is 0 first, so a call that throws
      // leaves NULL and 0 (the comma operator runs the assignment before the call).
      const auto reset = fmt::format("(*{} = 0, ", count_parameter_name);
      if (const auto* cls = class_of(*type.element)) {
        // A new object per element, owned by its handle (docs/cplusplus.md).
        if (!cls->is_copy_constructible || cls->is_abstract) {
          return Failure(fmt::format("std::vector of '{}' is not bound: its elements cannot be "
                                     "copied into handles",
                                     cls->qualified_name));
        }
        lowered.c_type = pointer_to(class_pointer(*cls, false));
        lowered.before = reset + fmt::format("pen_cxx_object_array<{}>(", class_flat_.at(cls->id));
      } else if (type.element->kind == ir::TypeKind::StdString) {
        lowered.c_type = pointer_to(char_pointer(false));
        lowered.before = reset + "pen_cxx_string_array(";
      } else {
        lowered.c_type = pointer_to(scalar_c_type(*type.element));
        lowered.before =
            reset + fmt::format("pen_cxx_array<{}>(", scalar_c_type(*type.element)->spelling);
      }
      lowered.after = fmt::format(", {}))", count_parameter_name);
      lowered.is_array = true;
      return lowered;
    }
    default:
      break;
    }
    return Failure(fmt::format("type '{}' is not bound", given.spelling));
  }

  // ---- functions ----

  const config::FunctionOverride* user_function(const std::string& key) {
    const auto found = user_.functions.find(key);
    return found == user_.functions.end() ? nullptr : &found->second;
  }

  config::ExceptionPolicy policy_of(const std::vector<const config::FunctionOverride*>& entries) {
    auto policy = user_.cxx.exceptions;
    for (const auto* entry : entries) {
      if (entry && entry->exceptions) {
        policy = *entry->exceptions;
      }
    }
    return policy;
  }

  // `implicit`: a constructor the class does not declare, said after its shown declaration.
  void lower_function(const ir::Function& function, const std::string& implicit = "") {
    const auto& cxx = function.cxx;
    const auto qualified = cxx ? cxx->qualified_name : function.name;
    const auto shown = signature(function, qualified);
    cxx_function_names_.insert(qualified);
    if (is_move_constructor(function)) {
      return;
    }
    if (function.is_variadic) {
      skip(shown, function.location, "function", "C++ variadic functions are not bound",
           "unsupported-variadic");
      return;
    }

    // Names: the path of scopes and name, the overload suffix, and for constructors "new".
    std::string path;
    const ir::CxxClass* cls = nullptr;
    if (cxx && !cxx->class_id.empty()) {
      const auto found = classes_.find(cxx->class_id);
      if (found == classes_.end()) {
        skip(shown, function.location, "function", "its class is not bound", "unsupported-type");
        return;
      }
      cls = found->second;
    }
    std::string pen_name;
    if (!cxx) {
      path = function.name;
      pen_name = to_upper_camel(path);
    } else if (cxx->member == ir::CxxMember::Constructor) {
      path = class_path_.at(cls->id) + "_new";
      pen_name = member_pen_name(*cls, "new");
    } else {
      path = flat_path(cxx->scope, function.name);
      pen_name = cls ? member_pen_name(*cls, identifier_part(function.name)) : to_upper_camel(path);
    }
    if (const auto suffix = suffix_.find(&function); suffix != suffix_.end()) {
      if (!suffix->second.empty()) {
        path += "_" + flat_suffix(suffix->second);
        pen_name += suffix->second;
      }
    }
    const auto flat_name = unique_flat_name(flat_prefix + path);

    const auto* by_qualified = user_function(qualified);
    const auto* by_flat = user_function(flat_name);
    const bool is_noexcept = cxx && cxx->is_noexcept;
    const auto policy = policy_of({by_qualified, by_flat});
    // extern "C" functions bind exactly as C ones (issue 8): a C API reports failure its own
    // way, so its Pen result stays `T`, and the wrapper only forwards the call.
    const auto handling = !cxx ? CxxExceptionHandling::None
                          : is_noexcept || policy == config::ExceptionPolicy::Abort
                              ? CxxExceptionHandling::Abort
                              : CxxExceptionHandling::Report;

    ir::Function flat;
    flat.name = flat_name;
    flat.location = function.location;
    flat.display_prototype = declaration_text(function) + (implicit.empty() ? "" : " " + implicit);
    std::vector<std::string> non_null;
    std::vector<std::string> arguments;
    std::vector<std::pair<std::string, std::string>> buffers;
    // `restrict` is an identifier in C++ but a keyword in the C header.
    std::set<std::string> parameter_names = {"self", error_parameter_name, count_parameter_name,
                                             "restrict"};
    std::string object;
    if (cxx && cxx->member == ir::CxxMember::Method) {
      flat.parameters.push_back({"self", class_pointer(*cls, cxx->is_const_method)});
      non_null.push_back("self");
      object = fmt::format("reinterpret_cast<{}{} *>(self)->", cxx->is_const_method ? "const " : "",
                           cls->qualified_name);
    }
    for (std::size_t i = 0; i < function.parameters.size(); ++i) {
      const auto& parameter = function.parameters[i];
      auto name = parameter.name.empty() ? fmt::format("arg{}", i + 1) : parameter.name;
      // A std::vector of strings also takes `<name>_sizes`.
      const auto* referred = parameter.type->kind == ir::TypeKind::Reference
                                 ? parameter.type->pointee.get()
                                 : parameter.type.get();
      const bool has_sizes = referred && referred->kind == ir::TypeKind::StdVector &&
                             referred->element &&
                             referred->element->kind == ir::TypeKind::StdString;
      while (!parameter_names.insert(name).second ||
             !parameter_names.insert(name + "_size").second ||
             (has_sizes && !parameter_names.insert(name + "_sizes").second)) {
        name += "_";
      }
      auto lowered = lower_parameter(*parameter.type, name);
      if (auto* failure = std::get_if<Failure>(&lowered)) {
        skip(shown, function.location, "function",
             fmt::format("parameter '{}': {}", name, *failure), "unsupported-type");
        return;
      }
      auto& each = std::get<LoweredParameter>(lowered);
      flat.parameters.insert(flat.parameters.end(), each.c_parameters.begin(),
                             each.c_parameters.end());
      if (each.non_null) {
        non_null.push_back(name);
      }
      if (each.buffer) {
        buffers.push_back(*each.buffer);
      }
      if (each.is_array && each.has_sizes) {
        const auto items = flat.parameters.size() - 3;
        flat.array_parameters.push_back({items, items + 2, items + 1});
      } else if (each.is_array) {
        const auto items = flat.parameters.size() - 2;
        flat.array_parameters.push_back({items, items + 1, std::nullopt});
      }
      arguments.push_back(each.argument);
    }

    std::string call;
    LoweredResult result;
    if (cxx && cxx->member == ir::CxxMember::Constructor) {
      if (cls->is_abstract) {
        skip(shown, function.location, "function", "the class is abstract", "unsupported-type");
        return;
      }
      result.c_type = class_pointer(*cls, false);
      result.before = fmt::format("reinterpret_cast<{} *>(", class_flat_.at(cls->id));
      result.after = ")";
      call = fmt::format("new {}({})", cls->qualified_name, joined(arguments, ", "));
    } else {
      auto lowered = lower_result(*function.result);
      if (auto* failure = std::get_if<Failure>(&lowered)) {
        skip(shown, function.location, "function", "result: " + *failure, "unsupported-type");
        return;
      }
      result = std::get<LoweredResult>(lowered);
      const auto callee = !object.empty()                ? object + function.name
                          : !function.cxx_callee.empty() ? function.cxx_callee
                                                         : qualified;
      call = fmt::format("{}({})", callee, joined(arguments, ", "));
    }
    flat.result = result.c_type;
    flat.result_borrowed = result.borrowed;
    if (result.is_array) {
      flat.array_count_parameter = flat.parameters.size();
      flat.parameters.push_back({count_parameter_name, pointer_to(size_type())});
    }
    // `borrowed = false`: the pointer result is the caller's to delete (a factory's `new T`).
    for (const auto* entry : {by_qualified, by_flat}) {
      if (entry && entry->owns_result) {
        if (result.borrowed) {
          flat.result_borrowed = false;
        } else if (cxx && warned_.insert("borrowed " + qualified).second) {
          result_.diagnostics.push_back(
              {Severity::Warning, entry->location,
               fmt::format("borrowed = false: the result of '{}' is not a class pointer or "
                           "reference (those are borrowed by default)",
                           qualified),
               "config"});
        }
      }
    }
    if (handling == CxxExceptionHandling::Report) {
      flat.error_parameter = flat.parameters.size();
      flat.parameters.push_back({error_parameter_name, pointer_to(char_pointer(false))});
    }
    const bool returns_value = result.c_type->kind != ir::TypeKind::Void;
    const auto statement = returns_value ? "return " + result.before + call + result.after + ";"
                                         : result.before + call + result.after + ";";

    // Config: the user's entries by qualified name and by flat name (the latter win).
    if (by_qualified) {
      consumed_functions_.insert(qualified);
    }
    if (by_flat) {
      consumed_functions_.insert(flat_name);
    }
    const auto overloads = cxx ? overload_sets_.find(set_key(function)) : overload_sets_.end();
    const bool is_overloaded = overloads != overload_sets_.end() && overloads->second.size() > 1;
    std::vector<const config::FunctionOverride*> entries;
    if (by_qualified) {
      if (is_overloaded && by_qualified->name && !by_flat) {
        if (warned_.insert(qualified).second) {
          result_.diagnostics.push_back(
              {Severity::Warning, by_qualified->location,
               fmt::format("[functions.\"{}\"]: 'name' cannot name every overload of '{}'; key "
                           "each overload by its C name (pen_cxx_...) instead",
                           qualified, qualified),
               "config"});
        }
        auto& without_name = qualified_copies_.emplace_back(*by_qualified);
        without_name.name.reset();
        entries.push_back(&without_name);
      } else {
        entries.push_back(by_qualified);
      }
    }
    if (by_flat) {
      entries.push_back(by_flat);
    }
    chosen_pen_names_[&function] =
        add_flat_function(flat, qualified, non_null, statement, handling, pen_name,
                          result.owned_string ? "free" : "", buffers, entries);
  }

  // Adds a function to the flat library and the layer, with its default overrides merged with
  // the user's `entries` (later entries win); returns its Pen name.
  std::string
  add_flat_function(const ir::Function& flat, const std::string& cxx_name,
                    const std::vector<std::string>& non_null, const std::string& statement,
                    CxxExceptionHandling handling, const std::string& pen_name,
                    const std::string& owned,
                    const std::vector<std::pair<std::string, std::string>>& buffers = {},
                    const std::vector<const config::FunctionOverride*>& entries = {}) {
    config::FunctionOverride entry;
    entry.c_name = flat.name;
    entry.location = flat.location;
    entry.name = pen_name;
    entry.owned = owned;
    entry.buffers = buffers;
    bool pure = false;
    for (const auto& pattern : user_.pure) {
      pure = pure || std::regex_match(cxx_name, std::regex(pattern.regex, std::regex::ECMAScript));
    }
    if (pure) {
      entry.pure = true;
    }
    for (const auto* user : entries) {
      entry.location = user->location;
      if (user->name) {
        entry.name = user->name;
      }
      if (user->pure) {
        entry.pure = user->pure;
      }
      entry.nullable = entry.nullable || user->nullable;
      if (!user->owned.empty()) {
        entry.owned = user->owned;
      }
      entry.buffers.insert(entry.buffers.end(), user->buffers.begin(), user->buffers.end());
      for (const auto& [parameter, type] : user->parameter_types) {
        entry.parameter_types[parameter] = type;
      }
      entry.callbacks.insert(entry.callbacks.end(), user->callbacks.begin(), user->callbacks.end());
      entry.exported = entry.exported || user->exported;
      entry.borrowed = entry.borrowed || user->borrowed;
      if (!user->error.empty()) {
        entry.error = user->error;
      }
      if (!user->error_free.empty()) {
        entry.error_free = user->error_free;
      }
      entry.exceptions = user->exceptions;
    }
    result_.overrides.functions[flat.name] = entry;
    result_.library.declarations.push_back(flat);
    add_layer_function(flat, cxx_name, non_null, statement, handling,
                       flat.error_parameter.has_value());
    return *entry.name;
  }

  void add_layer_function(const ir::Function& flat, const std::string& cxx_name,
                          const std::vector<std::string>& non_null, const std::string& statement,
                          CxxExceptionHandling handling, bool reports) {
    CxxLayerFunction function;
    function.c_name = flat.name;
    function.c_prototype = c_prototype(flat);
    function.cxx_name = cxx_name;
    function.non_null = non_null;
    function.statement = statement;
    function.returns_value = flat.result->kind != ir::TypeKind::Void;
    const auto mentions_file = [](const ir::Type& type) {
      const auto* inner = &type;
      while (inner->kind == ir::TypeKind::Pointer && inner->pointee) {
        inner = inner->pointee.get();
      }
      return is_c_file(*inner);
    };
    for (const auto& parameter : flat.parameters) {
      result_.layer.includes_stdio = result_.layer.includes_stdio || mentions_file(*parameter.type);
    }
    result_.layer.includes_stdio = result_.layer.includes_stdio || mentions_file(*flat.result);
    function.exceptions = reports ? CxxExceptionHandling::Report : handling;
    if (reports) {
      function.error_parameter = flat.parameters[*flat.error_parameter].name;
    }
    result_.layer.functions.push_back(std::move(function));
  }

  void skip(const std::string& name, const ir::Location& location, const std::string& kind,
            const std::string& reason, const std::string& code = "unsupported-type") {
    result_.library.declarations.push_back(ir::Unbindable{name, location, kind, reason, code});
  }

  // ---- constants ----

  void lower_constant(const ir::Constant& constant) {
    ir::Constant flat = constant;
    flat.scope.clear();
    if (!constant.scope.empty()) {
      flat.name = flat_path(constant.scope, constant.name);
      const auto qualified = joined(constant.scope, "::") + "::" + constant.name;
      if (const auto found = user_.constants.find(qualified); found != user_.constants.end()) {
        consumed_constants_.insert(qualified);
        auto entry = found->second;
        entry.c_name = flat.name;
        result_.overrides.constants[flat.name] = entry;
      }
    }
    result_.library.declarations.push_back(std::move(flat));
  }

  // ---- notes and the rest of the config ----

  void note_overloads() {
    for (const auto& key : overload_order_) {
      const auto& set = overload_sets_.at(key);
      if (set.size() < 2) {
        continue;
      }
      std::string list;
      for (const auto* function : set) {
        const auto chosen = chosen_pen_names_.find(function);
        list += (list.empty() ? "" : ", ") +
                (chosen != chosen_pen_names_.end() ? chosen->second : std::string("(skipped)")) +
                " for " + signature(*function, function->cxx->qualified_name);
      }
      const auto& first = *set.front();
      const auto name = first.cxx->member == ir::CxxMember::Constructor
                            ? "constructors of '" + first.cxx->qualified_name + "'"
                            : "overloads of '" + first.cxx->qualified_name + "'";
      result_.diagnostics.push_back({Severity::Note, first.location,
                                     fmt::format("{} are bound as {}", name, list),
                                     "overload-renamed"});
    }
  }

  // Entries that named no C++ declaration stay as they are: a flat C name the lowering did not
  // generate, or a typo the mapping reports.
  void carry_user_overrides() {
    for (const auto& [key, entry] : user_.functions) {
      if (!consumed_functions_.contains(key) && !result_.overrides.functions.contains(key) &&
          !cxx_function_names_.contains(key)) {
        result_.overrides.functions.emplace(key, entry);
      }
    }
    for (const auto& [key, entry] : user_.types) {
      if (!consumed_types_.contains(key) && !result_.overrides.types.contains(key)) {
        result_.overrides.types.emplace(key, entry);
      }
    }
    for (const auto& [key, entry] : user_.constants) {
      if (!consumed_constants_.contains(key) && !result_.overrides.constants.contains(key)) {
        result_.overrides.constants.emplace(key, entry);
      }
    }
  }

  // A class no bound function mentions has no handle type: a default name for it would be a
  // warning about a config entry the user never wrote.
  void drop_unused_type_names() {
    std::set<std::string> used;
    const auto note = [&](const ir::TypePtr& type) {
      for (auto each = type; each; each = each->pointee) {
        if (each->kind == ir::TypeKind::Record) {
          used.insert(each->record_id);
        }
      }
    };
    for (const auto& declaration : result_.library.declarations) {
      if (const auto* function = std::get_if<ir::Function>(&declaration)) {
        note(function->result);
        for (const auto& parameter : function->parameters) {
          note(parameter.type);
        }
      }
    }
    for (const auto& cls : cxx_.classes) {
      if (!used.contains(cls.id) && !user_types_.contains(cls.id)) {
        result_.overrides.types.erase(class_flat_.at(cls.id));
      }
    }
  }

  std::set<std::string> user_types_;               // ids of classes the user's [types] entries name
  std::set<std::string> renamed_classes_;          // ids of classes the config gives a Pen name
  std::deque<ir::Function> implicit_constructors_; // lowered like declared ones (stable addresses)
  std::set<std::string> warned_;
  std::set<std::string> cxx_function_names_; // qualified names: never passed on as C names
  std::deque<config::FunctionOverride> qualified_copies_;

public:
  CxxLowering finish() {
    note_overloads();
    drop_unused_type_names();
    return std::move(result_);
  }
};

} // namespace

CxxLowering lower_cxx(const ir::Library& cxx_library, const config::Overrides& overrides,
                      const std::string& file_stem) {
  return Lowering(cxx_library, overrides, file_stem).run();
}

} // namespace pen_bindgen::mapping
