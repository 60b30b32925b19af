#include "pen_bindgen/frontend/declaration_collector.hpp"

#include "pen_bindgen/frontend/cxx_declarations.hpp"
#include "pen_bindgen/frontend/record_table.hpp"
#include "pen_bindgen/frontend/type_translation.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <optional>
#include <set>
#include <string_view>
#include <unordered_set>
#include <utility>

namespace pen_bindgen::frontend {

namespace {

constexpr const char* unsupported_macro = "unsupported-macro";
constexpr const char* unsupported_declaration = "unsupported-declaration";

// Declarations that share a name but not a namespace are deduplicated separately.
enum class Category { Function, Variable, Record, Constant, FunctionLikeMacro };

// Entries are in visiting order: with its index, (file_order, offset) orders them totally.
struct Entry {
  unsigned file_order = 0;
  unsigned offset = 0;
  Category category = Category::Constant;
  ir::Declaration declaration;
  std::optional<std::size_t> macro_index; // a candidate awaiting clang's evaluation
  // What makes two declarations the same, when not the name: C++ functions by USR (overloads
  // share a name), C++ enum constants by qualified name.
  std::string key;
};

// A class of the headers (or a config-named instantiation), in source order like entries.
struct ClassEntry {
  unsigned file_order = 0;
  unsigned offset = 0;
  std::size_t sequence = 0;
  ir::CxxClass cxx_class;
};

// The class whose members are being visited.
struct Owner {
  std::string id;
  std::string name; // "Shape", "Box<int>"
  CXType type;      // the class type: a constructor's result
};

// Instantiated members are listed after everything else (no file of their own).
constexpr unsigned instantiation_file_order = std::numeric_limits<unsigned>::max();

std::string join_scope(const std::vector<std::string>& scope, const std::string& name) {
  std::string qualified;
  for (const auto& part : scope) {
    qualified += part + "::";
  }
  return qualified + name;
}

struct Position {
  const FileInfo* file = nullptr;
  unsigned line = 0;
  unsigned column = 0;
  unsigned offset = 0;

  ir::Location location() const { return {file->display_name, line, column}; }
};

// An anonymous enum or record waiting for the typedef that names it (`typedef struct {...} x;`).
struct AnonymousTag {
  CXCursor cursor;
  Position position;
  std::vector<std::size_t> constants; // entries of an enum's constants
};

bool is_identifier(const std::string& name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char character) {
    return (character >= 'a' && character <= 'z') || (character >= 'A' && character <= 'Z') ||
           (character >= '0' && character <= '9') || character == '_';
  });
}

// libclang 14 spells anonymous tags "", 16+ "struct (unnamed at ...)": only an identifier is a
// name.
std::optional<std::string> tag_name(CXCursor tag) {
  if (clang_Cursor_isAnonymous(tag)) {
    return std::nullopt;
  }
  auto name = take_string(clang_getCursorSpelling(tag));
  return is_identifier(name) ? std::optional(std::move(name)) : std::nullopt;
}

bool is_unsigned_integer(CXType type) {
  switch (clang_getCanonicalType(type).kind) {
  case CXType_Bool:
  case CXType_Char_U:
  case CXType_UChar:
  case CXType_UShort:
  case CXType_UInt:
  case CXType_ULong:
  case CXType_ULongLong:
  case CXType_UInt128:
    return true;
  default:
    return false;
  }
}

ir::Unbindable unbindable(std::string name, ir::Location location, std::string kind,
                          std::string reason, std::string code) {
  return ir::Unbindable{std::move(name), std::move(location), std::move(kind), std::move(reason),
                        std::move(code)};
}

class Collector {
public:
  Collector(const TranslationUnit& unit, FileTable& files, const NameSelection& selection,
            CxxCollection* cxx)
      : unit_(unit), files_(files), selection_(selection), cxx_(cxx),
        language_(cxx ? SourceLanguage::Cxx : SourceLanguage::C), class_traits_(unit.get()),
        types_(language_), records_(files, types_) {}

  std::vector<ir::RecordDefinition> take_records() { return records_.take(); }
  std::vector<ir::Function> take_function_typedefs() { return std::move(function_typedefs_); }

  void walk() {
    if (cxx_) {
      find_instantiations();
    }
    visit_children(unit_.cursor(), [this](CXCursor cursor, CXCursor) {
      visit(cursor);
      return CXChildVisit_Continue;
    });
    if (cxx_) {
      collect_instantiations();
    }
  }

  std::vector<ir::CxxClass> take_classes() {
    std::stable_sort(classes_.begin(), classes_.end(),
                     [](const ClassEntry& left, const ClassEntry& right) {
                       return std::tie(left.file_order, left.offset, left.sequence) <
                              std::tie(right.file_order, right.offset, right.sequence);
                     });
    std::set<std::string> ids;
    std::vector<ir::CxxClass> classes;
    for (auto& entry : classes_) {
      if (ids.insert(entry.cxx_class.id).second) {
        classes.push_back(std::move(entry.cxx_class));
      }
    }
    // Bases are bound only when they are classes of the library too.
    for (auto& cxx_class : classes) {
      std::erase_if(cxx_class.bases, [&](const std::string& id) { return !ids.contains(id); });
    }
    return classes;
  }

  std::vector<ir::Declaration> finish(const ReparseInput& reparse) {
    resolve_macros(reparse);
    // Sorting packed keys, not entries: moving declarations around costs more than the walk.
    // (file order, offset, index) is the entries' order.
    std::vector<std::pair<std::uint64_t, std::size_t>> order;
    order.reserve(entries_.size());
    for (std::size_t index = 0; index < entries_.size(); ++index) {
      const auto& entry = entries_[index];
      order.emplace_back(std::uint64_t{entry.file_order} << 32 | entry.offset, index);
    }
    std::sort(order.begin(), order.end());
    // Hashed sets of views into the entries: only looked up, and the walk of a large library
    // fills them with thousands. Nothing is moved out of the entries until the choice is made.
    std::unordered_set<std::string_view> function_names;
    for (const auto& entry : entries_) {
      if (entry.category == Category::Function) {
        function_names.insert(ir::name_of(entry.declaration));
      }
    }
    // Names by Category (FunctionLikeMacro is the last one).
    std::array<std::unordered_set<std::string_view>,
               static_cast<std::size_t>(Category::FunctionLikeMacro) + 1>
        seen;
    std::vector<std::size_t> kept;
    kept.reserve(entries_.size());
    for (const auto& [key, index] : order) {
      const auto& entry = entries_[index];
      std::string_view name = entry.key.empty() ? ir::name_of(entry.declaration) : entry.key;
      // A macro named like a function (`#define f(x) f(x)`, `#define f f`) only wraps it.
      bool wraps_function = (entry.category == Category::FunctionLikeMacro ||
                             (entry.category == Category::Constant &&
                              std::holds_alternative<ir::Unbindable>(entry.declaration))) &&
                            function_names.contains(name);
      if (wraps_function || !seen[static_cast<std::size_t>(entry.category)].insert(name).second) {
        continue;
      }
      kept.push_back(index);
    }
    std::vector<ir::Declaration> declarations;
    declarations.reserve(kept.size());
    for (auto index : kept) {
      declarations.push_back(std::move(entries_[index].declaration));
    }
    return declarations;
  }

private:
  // Each clang type is translated and noted once (type_translation.hpp, docs/performance.md).
  ir::TypePtr translated(CXType type, bool as_parameter = false) {
    return as_parameter ? types_.parameter_type(type) : types_.type(type);
  }

  void note_record_types(CXType type) { records_.note(type); }

  void visit(CXCursor cursor) {
    auto kind = clang_getCursorKind(cursor);
    if (cxx_ && visit_cxx(cursor, kind)) {
      return;
    }
    switch (kind) {
    case CXCursor_FunctionDecl:
    case CXCursor_EnumDecl:
    case CXCursor_VarDecl:
    case CXCursor_StructDecl:
    case CXCursor_UnionDecl:
    case CXCursor_TypedefDecl:
    case CXCursor_MacroDefinition:
      break;
    default:
      return; // macro expansions, inclusion directives, ...: the bulk of the cursors
    }
    auto position = position_of(cursor);
    if (!position) {
      return;
    }
    switch (kind) {
    case CXCursor_FunctionDecl:
      return visit_function(cursor, *position);
    case CXCursor_EnumDecl:
      return visit_enum(cursor, *position);
    case CXCursor_VarDecl:
      return visit_variable(cursor, *position);
    case CXCursor_StructDecl:
    case CXCursor_UnionDecl:
      return visit_record(cursor, *position);
    case CXCursor_TypedefDecl:
      visit_function_typedef(cursor, *position);
      return visit_typedef(cursor);
    default:
      return visit_macro(cursor, *position);
    }
  }

  // Where a cursor is, or nothing when it is not to be looked at: the umbrella, built-ins, and
  // (without allow patterns) files that are not the library's own.
  std::optional<Position> position_of(CXCursor cursor) {
    auto position = any_position(cursor);
    if (!position) {
      return std::nullopt;
    }
    if (position->file->is_umbrella ||
        (!selection_.considers_all_files() && !position->file->is_own)) {
      return std::nullopt;
    }
    return position;
  }

  std::size_t add(const Position& position, Category category, ir::Declaration declaration) {
    entries_.emplace_back(position.file->order, position.offset, category, std::move(declaration),
                          std::nullopt, std::string());
    return entries_.size() - 1;
  }

  // C++ declarations; false for the kinds C handles alike (typedefs, macros, C records).
  bool visit_cxx(CXCursor cursor, CXCursorKind kind) {
    switch (kind) {
    case CXCursor_Namespace:
    case CXCursor_LinkageSpec:
    case CXCursor_UnexposedDecl: // libclang 14's linkage specifications
    case CXCursor_ClassTemplate:
    case CXCursor_ClassTemplatePartialSpecialization:
    case CXCursor_FunctionTemplate:
    case CXCursor_CXXMethod:
    case CXCursor_FunctionDecl:
    case CXCursor_EnumDecl:
    case CXCursor_VarDecl:
      break;
    case CXCursor_StructDecl:
    case CXCursor_ClassDecl:
      if (!is_cxx_class(cursor)) {
        return false;
      }
      break;
    default:
      return false;
    }
    auto position = position_of(cursor);
    if (!position) {
      return true;
    }
    switch (kind) {
    case CXCursor_Namespace:
      visit_namespace(cursor);
      return true;
    case CXCursor_LinkageSpec:
    case CXCursor_UnexposedDecl:
      visit_children(cursor, [this](CXCursor child, CXCursor) {
        visit(child);
        return CXChildVisit_Continue;
      });
      return true;
    case CXCursor_StructDecl:
    case CXCursor_ClassDecl:
      visit_class(cursor, *position);
      return true;
    case CXCursor_ClassTemplate:
      visit_class_template(cursor, *position);
      return true;
    case CXCursor_FunctionTemplate:
      // A member template defined outside its class (tinyxml2's private
      // XMLDocument::CreateUnlinkedNode) was declared inside it, with its access.
      if (!clang_equalCursors(clang_getCursorSemanticParent(cursor),
                              clang_getCursorLexicalParent(cursor))) {
        return true;
      }
      visit_function_template(cursor, *position);
      return true;
    case CXCursor_FunctionDecl:
      visit_cxx_function(cursor, *position, nullptr, scope_);
      return true;
    case CXCursor_EnumDecl:
      visit_enum(cursor, *position);
      return true;
    case CXCursor_VarDecl:
      visit_variable(cursor, *position);
      return true;
    default:
      // Partial specializations are covered by their template's diagnostic; a member
      // function defined outside its class was declared inside it.
      return true;
    }
  }

  // Anonymous namespaces are never the library's API; inline namespaces are transparent
  // (`geo::v1::f` is called as `geo::f`).
  void visit_namespace(CXCursor cursor) {
    if (clang_Cursor_isAnonymous(cursor)) {
      return;
    }
    bool named = !clang_Cursor_isInlineNamespace(cursor);
    if (named) {
      scope_.push_back(take_string(clang_getCursorSpelling(cursor)));
    }
    visit_children(cursor, [this](CXCursor child, CXCursor) {
      visit(child);
      return CXChildVisit_Continue;
    });
    if (named) {
      scope_.pop_back();
    }
  }

  void add_unbindable(const Position& position, const std::string& key, std::string name,
                      std::string kind, std::string reason) {
    auto index = add(position, Category::Function,
                     unbindable(std::move(name), position.location(), std::move(kind),
                                std::move(reason), unsupported_declaration));
    entries_[index].key = key;
  }

  std::string usr_of(CXCursor cursor) { return take_string(clang_getCursorUSR(cursor)); }

  void visit_class(CXCursor cursor, const Position& position) {
    // Only definitions; explicit specializations are bound only as config instantiations.
    if (!clang_isCursorDefinition(cursor) ||
        !clang_Cursor_isNull(clang_getSpecializedCursorTemplate(cursor))) {
      return;
    }
    auto name = take_string(clang_getCursorSpelling(cursor));
    auto qualified = join_scope(scope_, name);
    if (!selection_.selects(qualified)) {
      return;
    }
    auto id = usr_of(cursor);
    add_class(describe_class(cursor, id, name, qualified, scope_, position.location()), position);
    Owner owner{id, name, clang_getCursorType(cursor)};
    scope_.push_back(name);
    visit_children(cursor, [&](CXCursor member, CXCursor) {
      visit_member(member, owner);
      return CXChildVisit_Continue;
    });
    scope_.pop_back();
  }

  void add_class(ir::CxxClass cxx_class, const Position& position) {
    classes_.push_back(
        ClassEntry{position.file->order, position.offset, classes_.size(), std::move(cxx_class)});
  }

  ir::CxxClass describe_class(CXCursor definition, std::string id, std::string name,
                              std::string qualified, std::vector<std::string> scope,
                              ir::Location location) {
    ir::CxxClass cxx_class;
    cxx_class.id = std::move(id);
    cxx_class.name = std::move(name);
    cxx_class.qualified_name = std::move(qualified);
    cxx_class.scope = std::move(scope);
    cxx_class.location = std::move(location);
    cxx_class.bases = public_base_ids(definition);
    auto traits = class_traits_.of(definition);
    cxx_class.is_abstract = traits.is_abstract;
    cxx_class.has_public_destructor = traits.has_public_destructor;
    // An abstract class is never an object of its own: nothing copies or moves one.
    cxx_class.is_copy_constructible = traits.is_copy_constructible && !traits.is_abstract;
    cxx_class.is_move_constructible = traits.is_move_constructible && !traits.is_abstract;
    cxx_class.is_default_constructible = traits.is_default_constructible && !traits.is_abstract;
    cxx_class.is_standard_layout = traits.is_standard_layout;
    std::vector<CXCursor> fields;
    clang_Type_visitFields(
        clang_getCursorType(definition),
        [](CXCursor field, CXClientData data) {
          static_cast<std::vector<CXCursor>*>(data)->push_back(field);
          return CXVisit_Continue;
        },
        &fields);
    for (auto field_cursor : fields) {
      if (clang_getCXXAccessSpecifier(field_cursor) != CX_CXXPublic) {
        continue;
      }
      ir::Field field;
      field.name = take_string(clang_getCursorSpelling(field_cursor));
      field.type = translated(clang_getCursorType(field_cursor));
      if (clang_Cursor_isBitField(field_cursor)) {
        field.bit_width = clang_getFieldDeclBitWidth(field_cursor);
      }
      auto offset = clang_Cursor_getOffsetOfField(field_cursor);
      field.offset_bits = offset >= 0 ? offset : -1;
      note_record_types(clang_getCursorType(field_cursor));
      cxx_class.public_fields.push_back(std::move(field));
    }
    return cxx_class;
  }

  // A class member; protected and private ones are not API and are left out silently.
  void visit_member(CXCursor member, const Owner& owner) {
    auto kind = clang_getCursorKind(member);
    if (kind == CXCursor_CXXAccessSpecifier || kind == CXCursor_CXXBaseSpecifier ||
        clang_getCXXAccessSpecifier(member) != CX_CXXPublic) {
      return;
    }
    auto position = position_of(member);
    if (!position) {
      return;
    }
    switch (kind) {
    case CXCursor_CXXMethod:
    case CXCursor_Constructor:
      visit_cxx_function(member, *position, &owner, scope_);
      return;
    case CXCursor_ConversionFunction: {
      auto name = join_scope(scope_, take_string(clang_getCursorSpelling(member)));
      if (selection_.selects(name)) {
        add_unbindable(*position, usr_of(member), name, "function",
                       "conversion functions are not supported");
      }
      return;
    }
    case CXCursor_FunctionTemplate:
      visit_function_template(member, *position);
      return;
    case CXCursor_StructDecl:
    case CXCursor_ClassDecl:
      if (is_cxx_class(member)) {
        visit_class(member, *position);
      }
      return;
    case CXCursor_ClassTemplate:
      visit_class_template(member, *position);
      return;
    case CXCursor_EnumDecl:
      visit_enum(member, *position);
      return;
    case CXCursor_VarDecl:
      visit_variable(member, *position, "static data members are not supported");
      return;
    default:
      return; // fields (CxxClass::public_fields), the destructor, typedefs, friends...
    }
  }

  // extern "C" functions are C functions: their symbol is their name. Static functions in an
  // extern "C" block have no language linkage (C++ mangles their names), but are C code too.
  bool has_c_linkage(CXCursor function) {
    return take_string(clang_Cursor_getMangling(function)) ==
               take_string(clang_getCursorSpelling(function)) ||
           is_in_c_linkage_block(function);
  }

  void visit_cxx_function(CXCursor cursor, const Position& position, const Owner* owner,
                          const std::vector<std::string>& scope) {
    auto name = take_string(clang_getCursorSpelling(cursor));
    bool is_constructor = clang_getCursorKind(cursor) == CXCursor_Constructor;
    auto qualified = is_constructor ? join_scope({scope.begin(), scope.end() - 1}, owner->name)
                                    : join_scope(scope, name);
    if (!owner) {
      // Selection first: mangling every function of a large header costs.
      bool selected_as_c = selection_.selects(name);
      if (!selected_as_c && !selection_.selects(qualified)) {
        return;
      }
      if (has_c_linkage(cursor)) {
        if (selected_as_c) {
          const auto count = entries_.size();
          visit_function(cursor, position);
          // C++ code names it through its namespace; its symbol and C name stay `name`.
          if (entries_.size() > count && !scope.empty()) {
            if (auto* function = std::get_if<ir::Function>(&entries_.back().declaration)) {
              function->cxx_callee = qualified;
            }
          }
        }
        return;
      }
    }
    if (!selection_.selects(qualified)) {
      return;
    }
    auto usr = usr_of(cursor);
    if (is_constructor && clang_CXXRecord_isAbstract(clang_getTypeDeclaration(owner->type))) {
      add_unbindable(position, usr, qualified, "function",
                     "constructor of an abstract class (only derived classes are objects)");
      return;
    }
    if (is_operator_name(name)) {
      add_unbindable(position, usr, qualified, "function", "operator overloads are not supported");
      return;
    }
    if (is_deleted(unit_.get(), cursor)) {
      add_unbindable(position, usr, qualified, "function", "deleted function");
      return;
    }
    ir::Function function;
    function.name = is_constructor ? owner->name : name;
    function.location = position.location();
    auto type = clang_getCursorType(cursor);
    if (is_constructor) {
      function.result = translated(owner->type);
    } else {
      function.result = translated(clang_getResultType(type));
      note_record_types(clang_getResultType(type));
    }
    auto type_parameters = clang_getNumArgTypes(type);
    auto named_parameters = clang_Cursor_getNumArguments(cursor);
    for (int index = 0; index < type_parameters; ++index) {
      ir::Parameter parameter;
      if (index < named_parameters) {
        parameter.name = take_string(clang_getCursorSpelling(
            clang_Cursor_getArgument(cursor, static_cast<unsigned>(index))));
      }
      auto argument = clang_getArgType(type, static_cast<unsigned>(index));
      parameter.type = translated(argument, true);
      note_record_types(argument);
      function.parameters.push_back(std::move(parameter));
    }
    function.is_variadic = clang_isFunctionTypeVariadic(type) != 0;
    function.is_inline = clang_Cursor_isFunctionInlined(cursor) != 0 ||
                         clang_Cursor_getStorageClass(cursor) == CX_SC_Static;
    ir::CxxFunction cxx;
    cxx.scope = scope;
    cxx.qualified_name = std::move(qualified);
    if (owner) {
      cxx.class_id = owner->id;
      cxx.member = is_constructor                     ? ir::CxxMember::Constructor
                   : clang_CXXMethod_isStatic(cursor) ? ir::CxxMember::StaticMethod
                                                      : ir::CxxMember::Method;
      cxx.is_const_method = clang_CXXMethod_isConst(cursor) != 0;
    }
    cxx.is_noexcept = is_noexcept(cursor);
    function.cxx = std::move(cxx);
    auto index = add(position, Category::Function, std::move(function));
    entries_[index].key = std::move(usr);
  }

  void visit_function_template(CXCursor cursor, const Position& position) {
    auto spelling = take_string(clang_getCursorSpelling(cursor));
    if (spelling.starts_with("<deduction guide")) {
      return; // not a function anyone calls
    }
    auto name = join_scope(scope_, spelling);
    if (!selection_.selects(name)) {
      return;
    }
    add_unbindable(position, usr_of(cursor), name, "function template",
                   is_variadic_template(unit_.get(), cursor)
                       ? "variadic templates are not supported"
                       : "function templates are not supported");
  }

  void visit_class_template(CXCursor cursor, const Position& position) {
    if (!clang_isCursorDefinition(cursor)) {
      return; // the definition is reported (or, elsewhere, not the library's)
    }
    auto usr = usr_of(cursor);
    auto name = join_scope(scope_, take_string(clang_getCursorSpelling(cursor)));
    if (instantiated_templates_.contains(usr) || !selection_.selects(name)) {
      return;
    }
    add_unbindable(position, usr, name, "class template",
                   is_variadic_template(unit_.get(), cursor)
                       ? "variadic templates are not supported"
                       : "class template not instantiated: name its instantiations in the "
                         "config ([cxx] instantiate = [\"" +
                             name + "<...>\"])");
  }

  // Where a cursor is, whichever file holds it (instantiations of templates of other files).
  std::optional<Position> any_position(CXCursor cursor) {
    CXFile file = nullptr;
    Position position;
    clang_getExpansionLocation(clang_getCursorLocation(cursor), &file, &position.line,
                               &position.column, &position.offset);
    if (!file) {
      return std::nullopt;
    }
    position.file = &files_.info(file);
    return position;
  }

  // The umbrella's top-level cursors on a line.
  std::vector<CXCursor> umbrella_cursors(unsigned line) {
    std::vector<CXCursor> found;
    visit_children(unit_.cursor(), [&](CXCursor cursor, CXCursor) {
      CXFile file = nullptr;
      unsigned cursor_line = 0;
      clang_getExpansionLocation(clang_getCursorLocation(cursor), &file, &cursor_line, nullptr,
                                 nullptr);
      if (file && files_.info(file).is_umbrella && cursor_line == line) {
        found.push_back(cursor);
      }
      return CXChildVisit_Continue;
    });
    return found;
  }

  void find_instantiations() {
    for (const auto& instantiation : cxx_->instantiations) {
      CXCursor specialization = clang_getNullCursor();
      for (auto cursor : umbrella_cursors(instantiation.instantiation_line)) {
        auto declaration =
            clang_getTypeDeclaration(clang_getCanonicalType(clang_getCursorType(cursor)));
        if (!clang_Cursor_isNull(clang_getSpecializedCursorTemplate(declaration))) {
          specialization = declaration;
        }
      }
      specializations_.push_back(specialization);
      if (!clang_Cursor_isNull(specialization)) {
        instantiated_templates_.insert(usr_of(clang_getSpecializedCursorTemplate(specialization)));
      }
    }
  }

  // The config's instantiations: a class each, and their members found through the
  // using-declarations of the umbrella's deriving struct (TemplateInstantiation).
  void collect_instantiations() {
    for (std::size_t index = 0; index < specializations_.size(); ++index) {
      auto specialization = specializations_[index];
      if (clang_Cursor_isNull(specialization)) {
        continue; // parser.cpp reported it
      }
      auto pattern = clang_getSpecializedCursorTemplate(specialization);
      auto position = any_position(pattern);
      if (!position) {
        continue;
      }
      auto qualified = take_string(clang_getTypeSpelling(clang_getCursorType(specialization)));
      auto scope = enclosing_scope(pattern);
      auto name = qualified.substr(join_scope(scope, "").size());
      if (!selection_.selects(qualified)) {
        continue;
      }
      auto id = usr_of(specialization);
      auto first_entry = entries_.size();
      auto cxx_class =
          describe_class(specialization, id, name, qualified, scope, position->location());
      classes_.push_back(ClassEntry{instantiation_file_order, static_cast<unsigned>(index),
                                    classes_.size(), std::move(cxx_class)});
      Owner owner{id, name, clang_getCursorType(specialization)};
      auto member_scope = scope;
      member_scope.push_back(name);
      for (auto member : instantiated_members(cxx_->instantiations[index].members_line, pattern)) {
        if (auto member_position = any_position(member)) {
          visit_cxx_function(member, *member_position, &owner, member_scope);
        }
      }
      for (auto entry = first_entry; entry < entries_.size(); ++entry) {
        entries_[entry].file_order = instantiation_file_order;
        entries_[entry].offset = static_cast<unsigned>(index);
      }
    }
  }

  // The public constructors and methods of an instantiation as its template declares them
  // (not the implicit copy and move constructors the inheriting using-declaration also
  // names), in source order.
  std::vector<CXCursor> instantiated_members(unsigned members_line, CXCursor pattern) {
    std::vector<CXCursor> declared;
    for (auto member : declared_members(pattern)) {
      auto kind = clang_getCursorKind(member);
      if (kind == CXCursor_CXXMethod || kind == CXCursor_Constructor) {
        declared.push_back(member);
      }
    }
    std::vector<std::pair<unsigned, CXCursor>> members;
    for (auto probe : umbrella_cursors(members_line)) {
      visit_children(probe, [&](CXCursor using_declaration, CXCursor) {
        visit_children(using_declaration, [&](CXCursor reference, CXCursor) {
          if (clang_getCursorKind(reference) != CXCursor_OverloadedDeclRef) {
            return CXChildVisit_Continue;
          }
          auto count = clang_getNumOverloadedDecls(reference);
          for (unsigned index = 0; index < count; ++index) {
            auto member = clang_getOverloadedDecl(reference, index);
            auto location = clang_getCursorLocation(member);
            bool is_declared =
                std::any_of(declared.begin(), declared.end(), [&](CXCursor candidate) {
                  return clang_equalLocations(clang_getCursorLocation(candidate), location);
                });
            if (!is_declared || clang_getCXXAccessSpecifier(member) != CX_CXXPublic) {
              continue;
            }
            unsigned offset = 0;
            clang_getExpansionLocation(location, nullptr, nullptr, nullptr, &offset);
            members.emplace_back(offset, member);
          }
          return CXChildVisit_Continue;
        });
        return CXChildVisit_Continue;
      });
    }
    std::stable_sort(members.begin(), members.end(),
                     [](const auto& left, const auto& right) { return left.first < right.first; });
    std::vector<CXCursor> result;
    for (const auto& member : members) {
      result.push_back(member.second);
    }
    return result;
  }

  void visit_function(CXCursor cursor, const Position& position) {
    auto name = take_string(clang_getCursorSpelling(cursor));
    if (!selection_.selects(name)) {
      return;
    }
    ir::Function function;
    function.name = std::move(name);
    function.location = position.location();
    auto type = clang_getCursorType(cursor);
    function.result = translated(clang_getResultType(type));
    note_record_types(clang_getResultType(type));
    auto type_parameters = clang_getNumArgTypes(type); // -1 without a prototype
    auto named_parameters = clang_Cursor_getNumArguments(cursor);
    for (int index = 0; index < type_parameters; ++index) {
      ir::Parameter parameter;
      if (index < named_parameters) {
        parameter.name = take_string(clang_getCursorSpelling(
            clang_Cursor_getArgument(cursor, static_cast<unsigned>(index))));
      }
      parameter.type = translated(clang_getArgType(type, static_cast<unsigned>(index)), true);
      note_record_types(clang_getArgType(type, static_cast<unsigned>(index)));
      function.parameters.push_back(std::move(parameter));
    }
    // An old-style `f()` declares no parameters; libclang calls it variadic, but calling it with
    // none is what C code does (and what bindgen binds), so it is bound as `f(void)`.
    function.is_variadic = clang_getCanonicalType(type).kind == CXType_FunctionProto &&
                           clang_isFunctionTypeVariadic(type) != 0;
    // A static function exists only in the header, inline or not: the shim must compile it.
    function.is_inline = clang_Cursor_isFunctionInlined(cursor) != 0 ||
                         clang_Cursor_getStorageClass(cursor) == CX_SC_Static;
    add(position, Category::Function, std::move(function));
  }

  void visit_enum(CXCursor cursor, const Position& position) {
    if (!clang_isCursorDefinition(cursor)) {
      return;
    }
    auto enum_name = tag_name(cursor);
    bool is_unsigned = is_unsigned_integer(clang_getEnumDeclIntegerType(cursor));
    // C++: geo::Color::Red for an enum class, geo::Small for an enum in namespace geo.
    std::vector<std::string> constant_scope = scope_;
    if (cxx_ && enum_name && clang_EnumDecl_isScoped(cursor)) {
      constant_scope.push_back(*enum_name);
    }
    if (cxx_ && enum_name) {
      enum_name = join_scope(scope_, *enum_name);
    }
    AnonymousTag anonymous{cursor, position, {}};
    visit_children(cursor, [&](CXCursor constant_cursor, CXCursor) {
      if (clang_getCursorKind(constant_cursor) != CXCursor_EnumConstantDecl) {
        return CXChildVisit_Continue;
      }
      auto constant_position = position_of(constant_cursor);
      if (!constant_position) {
        return CXChildVisit_Continue;
      }
      auto name = take_string(clang_getCursorSpelling(constant_cursor));
      auto qualified = join_scope(constant_scope, name);
      if (!selection_.selects(qualified)) {
        return CXChildVisit_Continue;
      }
      ir::Constant constant;
      constant.name = std::move(name);
      constant.location = constant_position->location();
      constant.origin = ir::Constant::Origin::EnumConstant;
      if (is_unsigned) {
        constant.value_kind = ir::Constant::ValueKind::UnsignedInteger;
        constant.unsigned_value = clang_getEnumConstantDeclUnsignedValue(constant_cursor);
      } else {
        constant.value_kind = ir::Constant::ValueKind::SignedInteger;
        constant.signed_value = clang_getEnumConstantDeclValue(constant_cursor);
      }
      constant.enum_name = enum_name.value_or("");
      constant.scope = constant_scope;
      auto index = add(*constant_position, Category::Constant, std::move(constant));
      if (cxx_) {
        entries_[index].key = std::move(qualified);
      }
      anonymous.constants.push_back(index);
      return CXChildVisit_Continue;
    });
    if (!enum_name && !anonymous.constants.empty()) {
      anonymous_tags_.push_back(std::move(anonymous));
    }
  }

  void visit_variable(CXCursor cursor, const Position& position,
                      const char* reason = "global variables are not supported") {
    auto spelling = take_string(clang_getCursorSpelling(cursor));
    auto name = join_scope(scope_, spelling);
    if (!selection_.selects(name)) {
      return;
    }
    if (cxx_) {
      if (auto constant = constant_variable(cursor)) {
        constant->name = std::move(spelling);
        constant->location = position.location();
        constant->scope = scope_;
        auto index = add(position, Category::Constant, std::move(*constant));
        entries_[index].key = std::move(name);
        return;
      }
    }
    add(position, Category::Variable,
        unbindable(std::move(name), position.location(), "variable", reason,
                   unsupported_declaration));
  }

  // C++: a `constexpr` or `const` variable (or static data member) of arithmetic, enum or C
  // string type (`const char *const`, `const char []`) whose initializer clang evaluates is a
  // constant, like an enum constant. Anything else (no initializer, a class type, a value only
  // known at run time) stays a variable.
  static std::optional<ir::Constant> constant_variable(CXCursor cursor) {
    auto canonical = clang_getCanonicalType(clang_getCursorType(cursor));
    if (!clang_isConstQualifiedType(canonical)) {
      return std::nullopt;
    }
    const auto is_char = [](CXType type) {
      auto kind = clang_getCanonicalType(type).kind;
      return kind == CXType_Char_S || kind == CXType_Char_U || kind == CXType_SChar ||
             kind == CXType_UChar;
    };
    ir::Constant constant;
    constant.origin = ir::Constant::Origin::Variable;
    if (canonical.kind == CXType_Pointer || canonical.kind == CXType_ConstantArray) {
      auto element = canonical.kind == CXType_Pointer ? clang_getPointeeType(canonical)
                                                      : clang_getArrayElementType(canonical);
      if (!is_char(element)) {
        return std::nullopt;
      }
      // libclang evaluates a character pointer or array only when it is a string literal (the
      // bytes up to the first NUL).
      EvalResult result(cursor);
      if (result.kind() != CXEval_StrLiteral) {
        return std::nullopt;
      }
      constant.value_kind = ir::Constant::ValueKind::String;
      constant.string_value = clang_EvalResult_getAsStr(result.get());
      return constant;
    }
    const bool arithmetic = (canonical.kind >= CXType_Bool && canonical.kind <= CXType_LongDouble &&
                             canonical.kind != CXType_Int128 && canonical.kind != CXType_UInt128) ||
                            canonical.kind == CXType_Enum;
    if (!arithmetic || clang_Type_getSizeOf(canonical) > 8) {
      return std::nullopt;
    }
    EvalResult result(cursor);
    switch (result.kind()) {
    case CXEval_Int:
      if (clang_EvalResult_isUnsignedInt(result.get())) {
        constant.value_kind = ir::Constant::ValueKind::UnsignedInteger;
        constant.unsigned_value = clang_EvalResult_getAsUnsigned(result.get());
      } else {
        constant.value_kind = ir::Constant::ValueKind::SignedInteger;
        constant.signed_value = clang_EvalResult_getAsLongLong(result.get());
      }
      return constant;
    case CXEval_Float:
      constant.value_kind = ir::Constant::ValueKind::Floating;
      constant.floating_value = clang_EvalResult_getAsDouble(result.get());
      return constant;
    default:
      return std::nullopt;
    }
  }

  // Records are not declarations of their own: the mapping binds those the functions use and
  // the library's own definitions (ir::Library::records).
  void add_record(CXType written, const std::string& name) {
    if (!selection_.selects(name)) {
      return;
    }
    records_.note_own(written);
  }

  void visit_record(CXCursor cursor, const Position& position) {
    if (!clang_isCursorDefinition(cursor)) {
      return; // a forward declaration
    }
    if (auto name = tag_name(cursor)) {
      add_record(clang_getCursorType(cursor), *name);
    } else {
      anonymous_tags_.push_back(AnonymousTag{cursor, position, {}});
    }
  }

  // Names an anonymous enum or record by the typedef that declares it; typedefs themselves are
  // not declarations of the library.
  void visit_typedef(CXCursor cursor) {
    if (anonymous_tags_.empty()) {
      return;
    }
    auto underlying = clang_getTypedefDeclUnderlyingType(cursor);
    if (underlying.kind == CXType_Elaborated) {
      underlying = clang_Type_getNamedType(underlying);
    }
    auto declaration = clang_getTypeDeclaration(underlying);
    auto tag = std::find_if(anonymous_tags_.begin(), anonymous_tags_.end(),
                            [&](const AnonymousTag& candidate) {
                              return clang_equalCursors(candidate.cursor, declaration) != 0;
                            });
    if (tag == anonymous_tags_.end()) {
      return;
    }
    auto name = take_string(clang_getCursorSpelling(cursor));
    if (clang_getCursorKind(tag->cursor) == CXCursor_EnumDecl) {
      if (cxx_) {
        name = join_scope(scope_, name);
      }
      for (auto index : tag->constants) {
        std::get<ir::Constant>(entries_[index].declaration).enum_name = name;
      }
    } else {
      add_record(clang_getCursorType(cursor), name);
    }
    anonymous_tags_.erase(tag);
  }

  // A function-pointer typedef of the library's own files, as the function it points to under
  // the typedef's name: the mapping can export it (docs/exports.md). Parameter names come from
  // the declaration; the sugared types keep the header's spellings.
  void visit_function_typedef(CXCursor cursor, const Position& position) {
    auto underlying = clang_getTypedefDeclUnderlyingType(cursor);
    auto canonical = clang_getCanonicalType(underlying);
    if (!position.file->is_own || canonical.kind != CXType_Pointer ||
        clang_getPointeeType(canonical).kind != CXType_FunctionProto) {
      return;
    }
    auto name = take_string(clang_getCursorSpelling(cursor));
    if (!function_typedef_names_.insert(name).second) {
      return; // C11 allows repeating a typedef; the first one wins, as for declarations
    }
    auto type = clang_getPointeeType(underlying);
    ir::Function function;
    function.name = std::move(name);
    function.location = position.location();
    function.result = translated(clang_getResultType(type));
    note_record_types(clang_getResultType(type));
    std::vector<std::string> names;
    visit_children(cursor, [&](CXCursor child, CXCursor) {
      if (clang_getCursorKind(child) == CXCursor_ParmDecl) {
        names.push_back(take_string(clang_getCursorSpelling(child)));
      }
      return CXChildVisit_Continue;
    });
    auto count = clang_getNumArgTypes(type);
    for (int index = 0; index < count; ++index) {
      ir::Parameter parameter;
      if (static_cast<std::size_t>(index) < names.size()) {
        parameter.name = names[static_cast<std::size_t>(index)];
      }
      auto argument = clang_getArgType(type, static_cast<unsigned>(index));
      parameter.type = translated(argument, true);
      note_record_types(argument);
      function.parameters.push_back(std::move(parameter));
    }
    function.is_variadic = clang_isFunctionTypeVariadic(type) != 0;
    function_typedefs_.push_back(std::move(function));
  }

  void visit_macro(CXCursor cursor, const Position& position) {
    if (clang_Cursor_isMacroBuiltin(cursor)) {
      return;
    }
    auto name = take_string(clang_getCursorSpelling(cursor));
    if (!selection_.selects(name)) {
      return;
    }
    if (clang_Cursor_isMacroFunctionLike(cursor)) {
      add(position, Category::FunctionLikeMacro,
          unbindable(std::move(name), position.location(), "macro",
                     "function-like macros are not supported", unsupported_macro));
      return;
    }
    switch (classify_macro(unit_.get(), cursor, &definition_literals_)) {
    case MacroShape::Empty:
      return;
    case MacroShape::NotAnExpression:
      add(position, Category::Constant,
          unbindable(std::move(name), position.location(), "macro",
                     "does not expand to a constant expression", unsupported_macro));
      return;
    case MacroShape::Candidate: {
      ir::Constant constant;
      constant.name = name;
      constant.location = position.location();
      constant.origin = ir::Constant::Origin::Macro;
      auto index = add(position, Category::Constant, std::move(constant));
      entries_[index].macro_index = macro_names_.size();
      macro_names_.push_back(std::move(name));
      return;
    }
    }
  }

  void resolve_macros(const ReparseInput& reparse) {
    if (macro_names_.empty()) {
      return;
    }
    // What the walk read is of this unit: the evaluator need not read it again.
    auto values =
        evaluate_macros(reparse, macro_names_,
                        reparse.probed_unit == unit_.get() ? &definition_literals_ : nullptr);
    for (auto& entry : entries_) {
      if (!entry.macro_index) {
        continue;
      }
      auto& value = values[*entry.macro_index];
      auto constant = std::get<ir::Constant>(std::move(entry.declaration));
      if (!value.is_constant) {
        entry.declaration = unbindable(std::move(constant.name), std::move(constant.location),
                                       "macro", std::move(value.failure_reason), unsupported_macro);
        continue;
      }
      constant.value_kind = value.kind;
      constant.signed_value = value.signed_value;
      constant.unsigned_value = value.unsigned_value;
      constant.floating_value = value.floating_value;
      constant.string_value = std::move(value.string_value);
      entry.declaration = std::move(constant);
    }
  }

  const TranslationUnit& unit_;
  FileTable& files_;
  const NameSelection& selection_;
  CxxCollection* cxx_;
  SourceLanguage language_;
  // C++: the enclosing namespaces and classes of the cursor being visited.
  std::vector<std::string> scope_;
  std::vector<ClassEntry> classes_;
  ClassTraitsTable class_traits_;
  // C++: per config instantiation, its specialization (null when not found) and the USRs of
  // the templates instantiated (their "not instantiated" diagnostic is not due).
  std::vector<CXCursor> specializations_;
  std::set<std::string> instantiated_templates_;
  std::vector<Entry> entries_;
  std::vector<AnonymousTag> anonymous_tags_;
  std::vector<std::string> macro_names_;
  DefinitionLiterals definition_literals_; // what visit_macro read, for evaluate_macros
  TypeTranslator types_;
  RecordTable records_;
  std::vector<ir::Function> function_typedefs_;
  std::set<std::string> function_typedef_names_;
};

} // namespace

NameSelection::NameSelection(const std::vector<std::string>& allow,
                             const std::vector<std::string>& block) {
  for (const auto& pattern : allow) {
    allow_.emplace_back(pattern, std::regex::ECMAScript | std::regex::optimize);
  }
  for (const auto& pattern : block) {
    block_.emplace_back(pattern, std::regex::ECMAScript | std::regex::optimize);
  }
}

bool NameSelection::selects(const std::string& name) const {
  auto matches = [&](const std::regex& pattern) { return std::regex_match(name, pattern); };
  if (std::any_of(block_.begin(), block_.end(), matches)) {
    return false;
  }
  return allow_.empty() || std::any_of(allow_.begin(), allow_.end(), matches);
}

std::vector<ir::Declaration>
collect_declarations(const TranslationUnit& unit, FileTable& files, const NameSelection& selection,
                     const ReparseInput& reparse, std::vector<ir::RecordDefinition>* records,
                     std::vector<ir::Function>* function_typedefs, CxxCollection* cxx) {
  Collector collector(unit, files, selection, cxx);
  collector.walk();
  auto declarations = collector.finish(reparse);
  if (cxx) {
    cxx->classes = collector.take_classes();
  }
  if (records) {
    *records = collector.take_records();
  }
  if (function_typedefs) {
    *function_typedefs = collector.take_function_typedefs();
  }
  return declarations;
}

} // namespace pen_bindgen::frontend
