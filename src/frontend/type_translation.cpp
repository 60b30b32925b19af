#include "pen_bindgen/frontend/type_translation.hpp"

#include "pen_bindgen/frontend/translation_unit.hpp"

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

// The pointee as written: through typedefs of pointers (`z_streamp`) to the pointer, so the
// pointee keeps its own typedef name (`z_stream`). Falls back to the canonical pointee.
CXType written_pointee(CXType type) {
  for (;;) {
    type = strip_to_typedef(type);
    if (type.kind == CXType_Pointer) {
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
std::string tag_or_typedef_name(CXType written, CXType canonical, const char* keyword) {
  auto stripped = strip_to_typedef(written);
  if (stripped.kind == CXType_Typedef) {
    return take_string(clang_getCursorSpelling(clang_getTypeDeclaration(stripped)));
  }
  auto declaration = clang_getTypeDeclaration(canonical);
  if (clang_Cursor_isAnonymous(declaration)) {
    return {};
  }
  // `typedef struct {...} x;` gives the record x as its name for linkage: clang spells the
  // type "x", and C has no `struct x`.
  if (keyword) {
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

ir::TypePtr translate_function(CXType canonical, std::shared_ptr<ir::Type> type) {
  type->result = translate_type(clang_getResultType(canonical));
  auto count = clang_getNumArgTypes(canonical); // -1 for a K&R declaration without prototype
  for (int index = 0; index < count; ++index) {
    type->parameters.push_back(
        translate_parameter_type(clang_getArgType(canonical, static_cast<unsigned>(index))));
  }
  type->is_variadic = clang_isFunctionTypeVariadic(canonical) != 0;
  return type;
}

} // namespace

ir::TypePtr translate_type(CXType written) {
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
    return type;
  }
  case CXType_Pointer: {
    auto type = make_type(ir::TypeKind::Pointer, std::move(spelling), is_const);
    type->pointee = translate_type(written_pointee(written));
    type->nullability = nullability_of(written);
    return type;
  }
  case CXType_Record: {
    auto type = make_type(ir::TypeKind::Record, std::move(spelling), is_const);
    auto declaration = clang_getTypeDeclaration(canonical);
    type->name = tag_or_typedef_name(written, canonical, record_keyword(declaration));
    type->record_id = take_string(clang_getCursorUSR(declaration));
    return type;
  }
  case CXType_ConstantArray:
  case CXType_IncompleteArray: {
    auto type = make_type(ir::TypeKind::Array, std::move(spelling), is_const);
    type->element = translate_type(clang_getArrayElementType(canonical));
    if (canonical.kind == CXType_ConstantArray) {
      auto count = clang_getArraySize(canonical);
      type->array_count = count > 0 ? static_cast<std::uint64_t>(count) : 0;
    }
    return type;
  }
  case CXType_FunctionProto:
  case CXType_FunctionNoProto:
    return translate_function(canonical,
                              make_type(ir::TypeKind::Function, std::move(spelling), is_const));
  default: {
    auto type = make_type(ir::TypeKind::Unsupported, std::move(spelling), is_const);
    type->unsupported_reason = unsupported_reason(canonical.kind);
    return type;
  }
  }
}

ir::TypePtr translate_parameter_type(CXType written) {
  auto canonical = clang_getCanonicalType(written);
  switch (canonical.kind) {
  case CXType_ConstantArray:
  case CXType_IncompleteArray:
  case CXType_VariableArray:
  case CXType_DependentSizedArray: {
    auto type =
        make_type(ir::TypeKind::Pointer, take_string(clang_getTypeSpelling(written)), false);
    type->pointee = translate_type(clang_getArrayElementType(canonical));
    return type;
  }
  case CXType_FunctionProto:
  case CXType_FunctionNoProto: {
    auto type =
        make_type(ir::TypeKind::Pointer, take_string(clang_getTypeSpelling(written)), false);
    type->pointee = translate_type(written);
    return type;
  }
  default:
    return translate_type(written);
  }
}

} // namespace pen_bindgen::frontend
