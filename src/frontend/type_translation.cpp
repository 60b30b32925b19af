#include "pen_bindgen/frontend/type_translation.hpp"

#include "pen_bindgen/frontend/translation_unit.hpp"

#include <algorithm>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>

namespace pen_bindgen::frontend {

namespace {

struct IntegerInfo {
  ir::IntegerKind kind;
  bool is_signed;
};

std::optional<IntegerInfo> integer_info(CXTypeKind kind) {
  switch (kind) {
  case CXType_Char_S:
    return IntegerInfo{ir::IntegerKind::Char, true};
  case CXType_Char_U:
    return IntegerInfo{ir::IntegerKind::Char, false};
  case CXType_SChar:
    return IntegerInfo{ir::IntegerKind::SignedChar, true};
  case CXType_UChar:
    return IntegerInfo{ir::IntegerKind::UnsignedChar, false};
  case CXType_Short:
    return IntegerInfo{ir::IntegerKind::Short, true};
  case CXType_UShort:
    return IntegerInfo{ir::IntegerKind::UnsignedShort, false};
  case CXType_Int:
    return IntegerInfo{ir::IntegerKind::Int, true};
  case CXType_UInt:
    return IntegerInfo{ir::IntegerKind::UnsignedInt, false};
  case CXType_Long:
    return IntegerInfo{ir::IntegerKind::Long, true};
  case CXType_ULong:
    return IntegerInfo{ir::IntegerKind::UnsignedLong, false};
  case CXType_LongLong:
    return IntegerInfo{ir::IntegerKind::LongLong, true};
  case CXType_ULongLong:
    return IntegerInfo{ir::IntegerKind::UnsignedLongLong, false};
  case CXType_Int128:
    return IntegerInfo{ir::IntegerKind::Int128, true};
  case CXType_UInt128:
    return IntegerInfo{ir::IntegerKind::UnsignedInt128, false};
  default:
    return std::nullopt;
  }
}

std::optional<ir::FloatKind> float_kind(CXTypeKind kind) {
  switch (kind) {
  case CXType_Float:
    return ir::FloatKind::Float;
  case CXType_Double:
    return ir::FloatKind::Double;
  case CXType_LongDouble:
    return ir::FloatKind::LongDouble;
  case CXType_Float128:
    return ir::FloatKind::Float128;
  case CXType_Half:
  case CXType_Float16:
    return ir::FloatKind::Half;
  default:
    return std::nullopt;
  }
}

const char* unsupported_reason(CXTypeKind kind) {
  switch (kind) {
  case CXType_Complex:
    return "_Complex";
  case CXType_Vector:
  case CXType_ExtVector:
    return "vector type";
  case CXType_ConstantArray:
  case CXType_IncompleteArray:
  case CXType_VariableArray:
  case CXType_DependentSizedArray:
    return "array type";
  case CXType_BlockPointer:
    return "block pointer";
  case CXType_Atomic:
    return "_Atomic";
  case CXType_MemberPointer:
    return "pointer to member";
  case CXType_NullPtr:
    return "std::nullptr_t";
  default:
    return "unsupported type";
  }
}

unsigned bits_of(CXType type) {
  auto size = clang_Type_getSizeOf(type);
  return size > 0 ? static_cast<unsigned>(size * 8) : 0;
}

// One level of sugar that is not a typedef: `struct x` written with its keyword (clang 16+
// wraps every written type in Elaborated) or an attribute.
std::optional<CXType> strip_non_typedef_sugar(CXType type) {
  switch (type.kind) {
  case CXType_Elaborated:
    return clang_Type_getNamedType(type);
  case CXType_Attributed:
    return clang_Type_getModifiedType(type);
  default:
    return std::nullopt;
  }
}

// The written type with keyword and attribute sugar removed, typedefs kept.
CXType strip_to_typedef(CXType type) {
  while (auto inner = strip_non_typedef_sugar(type)) {
    type = *inner;
  }
  return type;
}

bool is_pointer_or_reference(CXTypeKind kind) {
  return kind == CXType_Pointer || kind == CXType_LValueReference || kind == CXType_RValueReference;
}

// The pointee (or the referred type of a C++ reference) as written: through typedefs of
// pointers (`z_streamp`) to the pointer, so the pointee keeps its own typedef name
// (`z_stream`). Falls back to the canonical pointee.
CXType written_pointee(CXType type) {
  for (;;) {
    type = strip_to_typedef(type);
    if (is_pointer_or_reference(type.kind)) {
      return clang_getPointeeType(type);
    }
    if (type.kind != CXType_Typedef) {
      return clang_getPointeeType(clang_getCanonicalType(type));
    }
    type = clang_getTypedefDeclUnderlyingType(clang_getTypeDeclaration(type));
  }
}

bool is_identifier(const std::string& name) {
  if (name.empty()) {
    return false;
  }
  for (char character : name) {
    bool word = (character >= 'a' && character <= 'z') || (character >= 'A' && character <= 'Z') ||
                (character >= '0' && character <= '9') || character == '_';
    if (!word) {
      return false;
    }
  }
  return true;
}

// A typedef name if the type was written through one, else the tag (with `keyword ` for
// records: "struct timeval"), else empty for an anonymous tag. Anonymous tags are spelled
// differently by libclang 14 ("") and 16+ ("struct (unnamed at ...)"), so only an identifier
// counts as a tag name.
std::string tag_or_typedef_name(CXType written, CXType canonical, const char* keyword,
                                SourceLanguage language = SourceLanguage::C) {
  auto stripped = strip_to_typedef(written);
  if (stripped.kind == CXType_Typedef) {
    return take_string(clang_getCursorSpelling(clang_getTypeDeclaration(stripped)));
  }
  auto declaration = clang_getTypeDeclaration(canonical);
  if (clang_Cursor_isAnonymous(declaration)) {
    return {};
  }
  // `typedef struct {...} x;` gives the record x as its name for linkage: clang spells the
  // type "x", and C has no `struct x`. C++ spells every record without keyword; there the
  // USR tells (c:@SA@x, c:@UA@x).
  auto usr = take_string(clang_getCursorUSR(declaration));
  bool named_for_linkage = language == SourceLanguage::C || usr.find("@SA@") != std::string::npos ||
                           usr.find("@UA@") != std::string::npos;
  if (keyword && named_for_linkage) {
    auto canonical_spelling = take_string(clang_getTypeSpelling(canonical));
    if (is_identifier(canonical_spelling)) {
      return canonical_spelling;
    }
  }
  auto tag = take_string(clang_getCursorSpelling(declaration));
  if (!is_identifier(tag)) {
    return {};
  }
  return keyword ? std::string(keyword) + " " + tag : tag;
}

// _Nullable and _Nonnull are attribute sugar on the written type (through typedefs of it).
ir::Nullability nullability_of(CXType written) {
  for (;;) {
    switch (clang_Type_getNullability(written)) {
    case CXTypeNullability_Nullable:
    case CXTypeNullability_NullableResult:
      return ir::Nullability::Nullable;
    case CXTypeNullability_NonNull:
      return ir::Nullability::NonNull;
    default:
      break;
    }
    auto stripped = strip_to_typedef(written);
    if (stripped.kind != CXType_Typedef) {
      return ir::Nullability::Unspecified;
    }
    written = clang_getTypedefDeclUnderlyingType(clang_getTypeDeclaration(stripped));
  }
}

const char* record_keyword(CXCursor declaration) {
  return clang_getCursorKind(declaration) == CXCursor_UnionDecl ? "union" : "struct";
}

std::shared_ptr<ir::Type> make_type(ir::TypeKind kind, std::string spelling, bool is_const) {
  auto type = std::make_shared<ir::Type>();
  type->kind = kind;
  type->spelling = std::move(spelling);
  type->is_const = is_const;
  return type;
}

void fill_integer(ir::Type& type, CXType canonical_integer) {
  if (auto info = integer_info(canonical_integer.kind)) {
    type.integer = info->kind;
    type.is_signed = info->is_signed;
  }
  type.bits = bits_of(canonical_integer);
}

ir::TypePtr translate_function(CXType canonical, std::shared_ptr<ir::Type> type,
                               TypeTranslator& translator) {
  type->result = translator.type(clang_getResultType(canonical));
  auto count = clang_getNumArgTypes(canonical); // -1 for a K&R declaration without prototype
  for (int index = 0; index < count; ++index) {
    type->parameters.push_back(
        translator.parameter_type(clang_getArgType(canonical, static_cast<unsigned>(index))));
  }
  type->is_variadic = clang_isFunctionTypeVariadic(canonical) != 0;
  return type;
}

bool is_record_declaration(CXCursorKind kind) {
  return kind == CXCursor_StructDecl || kind == CXCursor_ClassDecl;
}

// "geo::Shape", "geo::Box<int>", "std::basic_string<char>": how C++ code names the type of a
// class or enum declaration (clang leaves inline namespaces out).
std::string qualified_type_name(CXCursor declaration) {
  return take_string(clang_getTypeSpelling(clang_getCursorType(declaration)));
}

// "std::basic_string" for std::basic_string<char>: the qualified name of the template a
// specialization was instantiated from, or empty.
std::string template_name(CXCursor declaration) {
  auto pattern = clang_getSpecializedCursorTemplate(declaration);
  if (clang_Cursor_isNull(pattern)) {
    return {};
  }
  std::string name;
  for (const auto& scope : enclosing_scope(pattern)) {
    name += scope + "::";
  }
  return name + take_string(clang_getCursorSpelling(pattern));
}

bool has_char_argument(CXType canonical) {
  if (clang_Type_getNumTemplateArguments(canonical) < 1) {
    return false;
  }
  auto argument = clang_getCanonicalType(clang_Type_getTemplateArgumentAsType(canonical, 0));
  return argument.kind == CXType_Char_S || argument.kind == CXType_Char_U;
}

// std::string, std::string_view and std::vector<T>, recognised by the template they come from
// (libstdc++ spells std::string std::__cxx11::basic_string<char>), whatever typedef names them.
ir::TypePtr translate_std_type(CXType canonical, CXCursor declaration, const std::string& spelling,
                               bool is_const, TypeTranslator& translator) {
  auto name = template_name(declaration);
  if ((name == "std::basic_string" || name == "std::basic_string_view") &&
      has_char_argument(canonical)) {
    auto type = make_type(ir::TypeKind::StdString, spelling, is_const);
    type->is_string_view = name == "std::basic_string_view";
    return type;
  }
  if (name == "std::vector" && clang_Type_getNumTemplateArguments(canonical) >= 1) {
    auto type = make_type(ir::TypeKind::StdVector, spelling, is_const);
    type->element = translator.type(clang_Type_getTemplateArgumentAsType(canonical, 0));
    return type;
  }
  return nullptr;
}

// `T &` and `T &&`; a reference to std::string or std::string_view is the string itself
// (ir::TypeKind::StdString is "any cv/ref").
ir::TypePtr translate_reference(CXType written, CXType canonical, std::string spelling,
                                TypeTranslator& translator) {
  auto referred = translator.type(written_pointee(written));
  if (referred->kind == ir::TypeKind::StdString) {
    auto type = std::make_shared<ir::Type>(*referred);
    type->spelling = std::move(spelling);
    return type;
  }
  auto type = make_type(ir::TypeKind::Reference, std::move(spelling), false);
  type->pointee = std::move(referred);
  type->is_rvalue_reference = canonical.kind == CXType_RValueReference;
  return type;
}

// "C" or "C++" when `tokens` start with `extern "C"` or `extern "C++"` at `first`.
std::string language_after_extern(const Tokens& tokens, unsigned first) {
  if (tokens.size() < first + 2 || tokens.spelling(first) != "extern") {
    return {};
  }
  auto language = tokens.spelling(first + 1);
  return language == "\"C\"" || language == "\"C++\"" ? language.substr(1, language.size() - 2)
                                                      : std::string();
}

// "C" for `extern "C" {`, "C++" for `extern "C++" {`, empty for other declarations: the first
// tokens of a linkage specification, which libclang 14 exposes only as an UnexposedDecl.
// Reads a few bytes, not the whole block. A macro that expands to the specification
// (`__BEGIN_DECLS`) is read from its definition: libclang 14's spelling locations are the
// expansion's.
std::string linkage_language(CXCursor cursor) {
  auto start = clang_getRangeStart(clang_getCursorExtent(cursor));
  CXFile file = nullptr;
  unsigned offset = 0;
  clang_getSpellingLocation(start, &file, nullptr, nullptr, &offset);
  auto unit = clang_Cursor_getTranslationUnit(cursor);
  std::size_t size = 0;
  if (!file || !unit || !clang_getFileContents(unit, file, &size) || offset >= size) {
    return {};
  }
  constexpr unsigned prefix = 16; // `extern "C"` with some spacing
  auto end = static_cast<unsigned>(std::min<std::size_t>(size, offset + prefix));
  Tokens tokens(unit, clang_getRange(start, clang_getLocationForOffset(unit, file, end)));
  if (auto language = language_after_extern(tokens, 0); !language.empty()) {
    return language;
  }
  // libclang 14: the token at the start is the macro's `extern`, annotated with the macro's
  // definition.
  CXToken* first = nullptr;
  unsigned count = 0;
  clang_tokenize(unit, clang_getRange(start, start), &first, &count);
  if (!first) {
    return {};
  }
  CXCursor annotation = clang_getNullCursor();
  clang_annotateTokens(unit, first, 1, &annotation);
  clang_disposeTokens(unit, first, count);
  if (clang_getCursorKind(annotation) != CXCursor_MacroDefinition) {
    return {};
  }
  Tokens macro(unit, clang_getCursorExtent(annotation));
  return language_after_extern(macro, 1); // after the macro's name
}

} // namespace

bool is_cxx_class(CXCursor declaration) {
  if (!is_record_declaration(clang_getCursorKind(declaration)) ||
      clang_Cursor_isAnonymous(declaration)) {
    return false;
  }
  auto name = take_string(clang_getCursorSpelling(declaration));
  return is_identifier(name) && !is_in_c_linkage_block(declaration);
}

bool is_in_c_linkage_block(CXCursor declaration) {
  // libclang 14 exposes linkage specifications as UnexposedDecl, 16+ as LinkageSpec.
  for (auto parent = clang_getCursorSemanticParent(declaration);
       !clang_Cursor_isNull(parent) && !clang_isInvalid(clang_getCursorKind(parent)) &&
       clang_getCursorKind(parent) != CXCursor_TranslationUnit;
       parent = clang_getCursorSemanticParent(parent)) {
    auto kind = clang_getCursorKind(parent);
    if (kind == CXCursor_LinkageSpec || kind == CXCursor_UnexposedDecl) {
      auto language = linkage_language(parent);
      if (!language.empty()) {
        return language == "C"; // the nearest linkage specification decides
      }
    }
  }
  return false;
}

std::vector<std::string> enclosing_scope(CXCursor declaration) {
  std::vector<std::string> scope;
  for (auto parent = clang_getCursorSemanticParent(declaration);
       !clang_Cursor_isNull(parent) && !clang_isInvalid(clang_getCursorKind(parent)) &&
       clang_getCursorKind(parent) != CXCursor_TranslationUnit;
       parent = clang_getCursorSemanticParent(parent)) {
    switch (clang_getCursorKind(parent)) {
    case CXCursor_Namespace:
      if (clang_Cursor_isInlineNamespace(parent)) {
        break;
      }
      scope.push_back(clang_Cursor_isAnonymous(parent)
                          ? std::string()
                          : take_string(clang_getCursorSpelling(parent)));
      break;
    case CXCursor_StructDecl:
    case CXCursor_ClassDecl:
    case CXCursor_UnionDecl:
    case CXCursor_ClassTemplate: {
      // A specialization is named with its arguments ("Box<int>"), as C++ code names it.
      auto name = qualified_type_name(parent);
      auto separator = name.rfind("::", name.find('<'));
      scope.push_back(clang_getCursorKind(parent) != CXCursor_ClassTemplate &&
                              separator != std::string::npos
                          ? name.substr(separator + 2)
                          : take_string(clang_getCursorSpelling(parent)));
      break;
    }
    default:
      break; // linkage specifications and other transparent contexts
    }
  }
  return {scope.rbegin(), scope.rend()};
}

ir::TypePtr translate_type(CXType type, SourceLanguage language) {
  return TypeTranslator(language).type(type);
}

ir::TypePtr translate_parameter_type(CXType type, SourceLanguage language) {
  return TypeTranslator(language).parameter_type(type);
}

ir::TypePtr TypeTranslator::cached(CXType type, bool as_parameter) {
  const Key key{type.data[0], as_parameter};
  if (auto known = translations_.find(key); known != translations_.end()) {
    return known->second;
  }
  auto translation = as_parameter ? translate_parameter(type) : translate(type);
  translations_.emplace(key, translation);
  return translation;
}

ir::TypePtr TypeTranslator::translate(CXType written) {
  auto canonical = clang_getCanonicalType(written);
  auto spelling = take_string(clang_getTypeSpelling(written));
  bool is_const = clang_isConstQualifiedType(canonical) != 0;

  if (canonical.kind == CXType_Void) {
    return make_type(ir::TypeKind::Void, std::move(spelling), is_const);
  }
  if (canonical.kind == CXType_Bool) {
    auto type = make_type(ir::TypeKind::Bool, std::move(spelling), is_const);
    type->bits = bits_of(canonical);
    return type;
  }
  if (integer_info(canonical.kind)) {
    auto type = make_type(ir::TypeKind::Integer, std::move(spelling), is_const);
    fill_integer(*type, canonical);
    return type;
  }
  if (auto kind = float_kind(canonical.kind)) {
    auto type = make_type(ir::TypeKind::Floating, std::move(spelling), is_const);
    type->floating = *kind;
    type->bits = bits_of(canonical);
    return type;
  }
  switch (canonical.kind) {
  case CXType_Enum: {
    auto type = make_type(ir::TypeKind::Enum, std::move(spelling), is_const);
    auto declaration = clang_getTypeDeclaration(canonical);
    fill_integer(*type, clang_getCanonicalType(clang_getEnumDeclIntegerType(declaration)));
    type->name = tag_or_typedef_name(written, canonical, nullptr);
    if (language_ == SourceLanguage::Cxx) {
      auto tag = take_string(clang_getCursorSpelling(declaration));
      if (!clang_Cursor_isAnonymous(declaration) && is_identifier(tag)) {
        type->name = qualified_type_name(declaration);
      }
      type->is_scoped_enum = clang_EnumDecl_isScoped(declaration) != 0;
    }
    return type;
  }
  case CXType_Pointer: {
    auto type = make_type(ir::TypeKind::Pointer, std::move(spelling), is_const);
    type->pointee = this->type(written_pointee(written));
    type->nullability = nullability_of(written);
    return type;
  }
  case CXType_LValueReference:
  case CXType_RValueReference:
    return translate_reference(written, canonical, std::move(spelling), *this);
  case CXType_Record: {
    auto declaration = clang_getTypeDeclaration(canonical);
    if (language_ == SourceLanguage::Cxx) {
      if (auto std_type = translate_std_type(canonical, declaration, spelling, is_const, *this)) {
        return std_type;
      }
    }
    auto type = make_type(ir::TypeKind::Record, std::move(spelling), is_const);
    type->name =
        language_ == SourceLanguage::Cxx && is_cxx_class(declaration)
            ? qualified_type_name(declaration)
            : tag_or_typedef_name(written, canonical, record_keyword(declaration), language_);
    type->record_id = take_string(clang_getCursorUSR(declaration));
    return type;
  }
  case CXType_ConstantArray:
  case CXType_IncompleteArray: {
    auto type = make_type(ir::TypeKind::Array, std::move(spelling), is_const);
    type->element = this->type(clang_getArrayElementType(canonical));
    if (canonical.kind == CXType_ConstantArray) {
      auto count = clang_getArraySize(canonical);
      type->array_count = count > 0 ? static_cast<std::uint64_t>(count) : 0;
    }
    return type;
  }
  case CXType_FunctionProto:
  case CXType_FunctionNoProto:
    return translate_function(
        canonical, make_type(ir::TypeKind::Function, std::move(spelling), is_const), *this);
  default: {
    auto type = make_type(ir::TypeKind::Unsupported, std::move(spelling), is_const);
    type->unsupported_reason = unsupported_reason(canonical.kind);
    return type;
  }
  }
}

ir::TypePtr TypeTranslator::translate_parameter(CXType written) {
  auto canonical = clang_getCanonicalType(written);
  switch (canonical.kind) {
  case CXType_ConstantArray:
  case CXType_IncompleteArray:
  case CXType_VariableArray:
  case CXType_DependentSizedArray: {
    auto type =
        make_type(ir::TypeKind::Pointer, take_string(clang_getTypeSpelling(written)), false);
    type->pointee = this->type(clang_getArrayElementType(canonical));
    return type;
  }
  case CXType_FunctionProto:
  case CXType_FunctionNoProto: {
    auto type =
        make_type(ir::TypeKind::Pointer, take_string(clang_getTypeSpelling(written)), false);
    type->pointee = this->type(written);
    return type;
  }
  default:
    return this->type(written);
  }
}

} // namespace pen_bindgen::frontend
