#include "pen_bindgen/frontend/declaration_collector.hpp"

#include "pen_bindgen/frontend/record_table.hpp"
#include "pen_bindgen/frontend/type_translation.hpp"

#include <algorithm>
#include <optional>
#include <set>
#include <utility>

namespace pen_bindgen::frontend {

namespace {

constexpr const char* unsupported_macro = "unsupported-macro";
constexpr const char* unsupported_declaration = "unsupported-declaration";

// Declarations that share a name but not a namespace are deduplicated separately.
enum class Category { Function, Variable, Record, Constant, FunctionLikeMacro };

struct Entry {
  unsigned file_order = 0;
  unsigned offset = 0;
  std::size_t sequence = 0; // visiting order: a total order for declarations at one offset
  Category category = Category::Constant;
  ir::Declaration declaration;
  std::optional<std::size_t> macro_index; // a candidate awaiting clang's evaluation
};

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
  Collector(const TranslationUnit& unit, FileTable& files, const NameSelection& selection)
      : unit_(unit), files_(files), selection_(selection), records_(files) {}

  std::vector<ir::RecordDefinition> take_records() { return records_.take(); }
  std::vector<ir::Function> take_function_typedefs() { return std::move(function_typedefs_); }

  void walk() {
    visit_children(unit_.cursor(), [this](CXCursor cursor, CXCursor) {
      visit(cursor);
      return CXChildVisit_Continue;
    });
  }

  std::vector<ir::Declaration> finish(const ReparseInput& reparse) {
    resolve_macros(reparse);
    // Sorting indices, not entries: moving declarations around costs more than the walk.
    std::vector<std::size_t> order(entries_.size());
    for (std::size_t index = 0; index < order.size(); ++index) {
      order[index] = index;
    }
    std::sort(order.begin(), order.end(), [this](std::size_t left, std::size_t right) {
      return std::tie(entries_[left].file_order, entries_[left].offset, entries_[left].sequence) <
             std::tie(entries_[right].file_order, entries_[right].offset, entries_[right].sequence);
    });
    std::set<std::string> function_names;
    for (const auto& entry : entries_) {
      if (entry.category == Category::Function) {
        function_names.insert(ir::name_of(entry.declaration));
      }
    }
    std::set<std::pair<Category, std::string>> seen;
    std::vector<ir::Declaration> declarations;
    declarations.reserve(entries_.size());
    for (auto index : order) {
      auto& entry = entries_[index];
      const auto& name = ir::name_of(entry.declaration);
      // A macro named like a function (`#define f(x) f(x)`, `#define f f`) only wraps it.
      bool wraps_function = (entry.category == Category::FunctionLikeMacro ||
                             (entry.category == Category::Constant &&
                              std::holds_alternative<ir::Unbindable>(entry.declaration))) &&
                            function_names.contains(name);
      if (wraps_function || !seen.emplace(entry.category, name).second) {
        continue;
      }
      declarations.push_back(std::move(entry.declaration));
    }
    return declarations;
  }

private:
  void visit(CXCursor cursor) {
    auto kind = clang_getCursorKind(cursor);
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
    CXFile file = nullptr;
    Position position;
    clang_getExpansionLocation(clang_getCursorLocation(cursor), &file, &position.line,
                               &position.column, &position.offset);
    if (!file) {
      return std::nullopt;
    }
    position.file = &files_.info(file);
    if (position.file->is_umbrella ||
        (!selection_.considers_all_files() && !position.file->is_own)) {
      return std::nullopt;
    }
    return position;
  }

  std::size_t add(const Position& position, Category category, ir::Declaration declaration) {
    entries_.push_back(Entry{position.file->order, position.offset, entries_.size(), category,
                             std::move(declaration), std::nullopt});
    return entries_.size() - 1;
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
    function.result = translate_type(clang_getResultType(type));
    records_.note(clang_getResultType(type));
    auto type_parameters = clang_getNumArgTypes(type); // -1 without a prototype
    auto named_parameters = clang_Cursor_getNumArguments(cursor);
    for (int index = 0; index < type_parameters; ++index) {
      ir::Parameter parameter;
      if (index < named_parameters) {
        parameter.name = take_string(clang_getCursorSpelling(
            clang_Cursor_getArgument(cursor, static_cast<unsigned>(index))));
      }
      parameter.type =
          translate_parameter_type(clang_getArgType(type, static_cast<unsigned>(index)));
      records_.note(clang_getArgType(type, static_cast<unsigned>(index)));
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
      if (!selection_.selects(name)) {
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
      anonymous.constants.push_back(
          add(*constant_position, Category::Constant, std::move(constant)));
      return CXChildVisit_Continue;
    });
    if (!enum_name && !anonymous.constants.empty()) {
      anonymous_tags_.push_back(std::move(anonymous));
    }
  }

  void visit_variable(CXCursor cursor, const Position& position) {
    auto name = take_string(clang_getCursorSpelling(cursor));
    if (!selection_.selects(name)) {
      return;
    }
    add(position, Category::Variable,
        unbindable(std::move(name), position.location(), "variable",
                   "global variables are not supported", unsupported_declaration));
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
    function.result = translate_type(clang_getResultType(type));
    records_.note(clang_getResultType(type));
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
      parameter.type = translate_parameter_type(argument);
      records_.note(argument);
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
    switch (classify_macro(unit_.get(), cursor)) {
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
    auto values = evaluate_macros(reparse, macro_names_);
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
  std::vector<Entry> entries_;
  std::vector<AnonymousTag> anonymous_tags_;
  std::vector<std::string> macro_names_;
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

std::vector<ir::Declaration> collect_declarations(const TranslationUnit& unit, FileTable& files,
                                                  const NameSelection& selection,
                                                  const ReparseInput& reparse,
                                                  std::vector<ir::RecordDefinition>* records,
                                                  std::vector<ir::Function>* function_typedefs) {
  Collector collector(unit, files, selection);
  collector.walk();
  auto declarations = collector.finish(reparse);
  if (records) {
    *records = collector.take_records();
  }
  if (function_typedefs) {
    *function_typedefs = collector.take_function_typedefs();
  }
  return declarations;
}

} // namespace pen_bindgen::frontend
