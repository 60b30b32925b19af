#include "pen_bindgen/ir/type.hpp"

#include <string>
#include <utility>

namespace pen_bindgen::ir {

namespace {

std::shared_ptr<Type> make(TypeKind kind, std::string spelling) {
  auto type = std::make_shared<Type>();
  type->kind = kind;
  type->spelling = std::move(spelling);
  return type;
}

} // namespace

TypePtr make_void(std::string spelling) {
  return make(TypeKind::Void, std::move(spelling));
}

TypePtr make_bool(std::string spelling) {
  return make(TypeKind::Bool, std::move(spelling));
}

TypePtr make_integer(IntegerKind kind, unsigned bits, bool is_signed, std::string spelling) {
  auto type = make(TypeKind::Integer, spelling.empty() ? c_spelling(kind) : std::move(spelling));
  type->integer = kind;
  type->bits = bits;
  type->is_signed = is_signed;
  return type;
}

TypePtr make_enum(std::string name, IntegerKind underlying, unsigned bits, bool is_signed,
                  std::string spelling) {
  auto type = make(TypeKind::Enum, spelling.empty() ? "enum " + name : std::move(spelling));
  type->name = std::move(name);
  type->integer = underlying;
  type->bits = bits;
  type->is_signed = is_signed;
  return type;
}

TypePtr make_floating(FloatKind kind, unsigned bits, std::string spelling) {
  auto type = make(TypeKind::Floating, spelling.empty() ? c_spelling(kind) : std::move(spelling));
  type->floating = kind;
  type->bits = bits;
  return type;
}

TypePtr make_pointer(TypePtr pointee, std::string spelling) {
  if (spelling.empty()) {
    spelling = pointee->spelling + " *";
  }
  auto type = make(TypeKind::Pointer, std::move(spelling));
  type->pointee = std::move(pointee);
  return type;
}

TypePtr make_const(TypePtr type) {
  auto copy = std::make_shared<Type>(*type);
  copy->is_const = true;
  copy->spelling = "const " + type->spelling;
  return copy;
}

TypePtr make_record(std::string name, std::string spelling) {
  auto type = make(TypeKind::Record, spelling.empty() ? name : std::move(spelling));
  type->name = std::move(name);
  return type;
}

TypePtr make_unsupported(std::string reason, std::string spelling) {
  auto type = make(TypeKind::Unsupported, std::move(spelling));
  type->unsupported_reason = std::move(reason);
  return type;
}

TypePtr make_array(TypePtr element, std::uint64_t count, std::string spelling) {
  auto type = make(TypeKind::Array, spelling.empty()
                                        ? element->spelling + "[" +
                                              (count ? std::to_string(count) : std::string()) + "]"
                                        : std::move(spelling));
  type->element = std::move(element);
  type->array_count = count;
  return type;
}

TypePtr make_record_ref(std::string name, std::string record_id, std::string spelling) {
  auto type = make(TypeKind::Record, spelling.empty() ? name : std::move(spelling));
  type->name = std::move(name);
  type->record_id = std::move(record_id);
  return type;
}

TypePtr make_nullable(TypePtr pointer, Nullability nullability) {
  auto copy = std::make_shared<Type>(*pointer);
  copy->nullability = nullability;
  return copy;
}

TypePtr make_reference(TypePtr referred, bool is_rvalue, std::string spelling) {
  auto type =
      make(TypeKind::Reference, spelling.empty() ? referred->spelling + (is_rvalue ? " &&" : " &")
                                                 : std::move(spelling));
  type->pointee = std::move(referred);
  type->is_rvalue_reference = is_rvalue;
  return type;
}

TypePtr make_std_string(bool is_view, std::string spelling) {
  auto type =
      make(TypeKind::StdString,
           spelling.empty() ? (is_view ? "std::string_view" : "std::string") : std::move(spelling));
  type->is_string_view = is_view;
  return type;
}

TypePtr make_std_vector(TypePtr element, std::string spelling) {
  auto type = make(TypeKind::StdVector, spelling.empty() ? "std::vector<" + element->spelling + ">"
                                                         : std::move(spelling));
  type->element = std::move(element);
  return type;
}

const char* c_spelling(IntegerKind kind) {
  switch (kind) {
  case IntegerKind::Char:
    return "char";
  case IntegerKind::SignedChar:
    return "signed char";
  case IntegerKind::UnsignedChar:
    return "unsigned char";
  case IntegerKind::Short:
    return "short";
  case IntegerKind::UnsignedShort:
    return "unsigned short";
  case IntegerKind::Int:
    return "int";
  case IntegerKind::UnsignedInt:
    return "unsigned int";
  case IntegerKind::Long:
    return "long";
  case IntegerKind::UnsignedLong:
    return "unsigned long";
  case IntegerKind::LongLong:
    return "long long";
  case IntegerKind::UnsignedLongLong:
    return "unsigned long long";
  case IntegerKind::Int128:
    return "__int128";
  case IntegerKind::UnsignedInt128:
    return "unsigned __int128";
  }
  return "int";
}

const char* c_minimum_macro(IntegerKind kind) {
  switch (kind) {
  case IntegerKind::Char:
    return "CHAR_MIN";
  case IntegerKind::SignedChar:
    return "SCHAR_MIN";
  case IntegerKind::Short:
    return "SHRT_MIN";
  case IntegerKind::Int:
    return "INT_MIN";
  case IntegerKind::Long:
    return "LONG_MIN";
  case IntegerKind::LongLong:
    return "LLONG_MIN";
  case IntegerKind::UnsignedChar:
  case IntegerKind::UnsignedShort:
  case IntegerKind::UnsignedInt:
  case IntegerKind::UnsignedLong:
  case IntegerKind::UnsignedLongLong:
    return "0";
  case IntegerKind::Int128:
  case IntegerKind::UnsignedInt128:
    return "";
  }
  return "";
}

const char* c_maximum_macro(IntegerKind kind) {
  switch (kind) {
  case IntegerKind::Char:
    return "CHAR_MAX";
  case IntegerKind::SignedChar:
    return "SCHAR_MAX";
  case IntegerKind::UnsignedChar:
    return "UCHAR_MAX";
  case IntegerKind::Short:
    return "SHRT_MAX";
  case IntegerKind::UnsignedShort:
    return "USHRT_MAX";
  case IntegerKind::Int:
    return "INT_MAX";
  case IntegerKind::UnsignedInt:
    return "UINT_MAX";
  case IntegerKind::Long:
    return "LONG_MAX";
  case IntegerKind::UnsignedLong:
    return "ULONG_MAX";
  case IntegerKind::LongLong:
    return "LLONG_MAX";
  case IntegerKind::UnsignedLongLong:
    return "ULLONG_MAX";
  case IntegerKind::Int128:
  case IntegerKind::UnsignedInt128:
    return "";
  }
  return "";
}

bool is_unsigned(IntegerKind kind) {
  switch (kind) {
  case IntegerKind::UnsignedChar:
  case IntegerKind::UnsignedShort:
  case IntegerKind::UnsignedInt:
  case IntegerKind::UnsignedLong:
  case IntegerKind::UnsignedLongLong:
  case IntegerKind::UnsignedInt128:
    return true;
  default:
    return false;
  }
}

const char* c_spelling(FloatKind kind) {
  switch (kind) {
  case FloatKind::Float:
    return "float";
  case FloatKind::Double:
    return "double";
  case FloatKind::LongDouble:
    return "long double";
  case FloatKind::Float128:
    return "__float128";
  case FloatKind::Half:
    return "_Float16";
  }
  return "double";
}

} // namespace pen_bindgen::ir
