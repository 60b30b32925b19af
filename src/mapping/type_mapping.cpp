#include "type_mapping.hpp"

#include <string>

namespace pen_bindgen::mapping {

namespace {

bool is_128_bit(ir::IntegerKind kind) {
  return kind == ir::IntegerKind::Int128 || kind == ir::IntegerKind::UnsignedInt128;
}

bool is_character(ir::IntegerKind kind) {
  return kind == ir::IntegerKind::Char || kind == ir::IntegerKind::SignedChar ||
         kind == ir::IntegerKind::UnsignedChar;
}

// Integers and enums both carry their C integer type in `integer`.
bool is_integral(const ir::Type& type) {
  return type.kind == ir::TypeKind::Integer || type.kind == ir::TypeKind::Enum;
}

bool is_character_pointer(const ir::Type& type) {
  return type.kind == ir::TypeKind::Pointer && type.pointee &&
         type.pointee->kind == ir::TypeKind::Integer && is_character(type.pointee->integer);
}

Unsupported describe_unsupported(const ir::Type& type) {
  if (is_integral(type) && is_128_bit(type.integer)) {
    return {"128-bit integers do not fit in a Pen number"};
  }
  switch (type.kind) {
  case ir::TypeKind::Floating:
    return {std::string(ir::c_spelling(type.floating)) + " is not supported"};
  case ir::TypeKind::Pointer:
    if (is_character_pointer(type)) {
      return {"a mutable character buffer"};
    }
    return {"pointers are not supported yet"};
  case ir::TypeKind::Record:
    return {"records passed by value are not supported yet"};
  case ir::TypeKind::Function:
    return {"function types are not supported"};
  case ir::TypeKind::Unsupported:
    return {type.unsupported_reason};
  default:
    return {};
  }
}

} // namespace

std::variant<ParameterBinding, Unsupported> map_parameter_type(const ir::Type& type) {
  ParameterBinding binding;
  if (type.kind == ir::TypeKind::Bool) {
    binding.pen_type = PenType::Boolean;
    binding.conversion = ArgumentConversion::Bool;
    return binding;
  }
  if (is_integral(type) && !is_128_bit(type.integer)) {
    binding.pen_type = PenType::Number;
    // char's signedness depends on the target; CHAR_MIN/CHAR_MAX through the signed path is
    // right for both.
    binding.conversion = ir::is_unsigned(type.integer) ? ArgumentConversion::UnsignedInteger
                                                       : ArgumentConversion::SignedInteger;
    binding.integer = type.integer;
    return binding;
  }
  if (type.kind == ir::TypeKind::Floating && type.floating == ir::FloatKind::Double) {
    binding.pen_type = PenType::Number;
    binding.conversion = ArgumentConversion::Double;
    return binding;
  }
  if (type.kind == ir::TypeKind::Floating && type.floating == ir::FloatKind::Float) {
    binding.pen_type = PenType::Number;
    binding.conversion = ArgumentConversion::Float;
    return binding;
  }
  // Only read-only character pointers: the callee gets a temporary copy, so writes through a
  // mutable pointer would be lost.
  if (is_character_pointer(type) && type.pointee->is_const) {
    binding.pen_type = PenType::String;
    binding.conversion = ArgumentConversion::CString;
    binding.c_pointer_type = std::string("const ") + ir::c_spelling(type.pointee->integer) + " *";
    return binding;
  }
  return describe_unsupported(type);
}

std::variant<ResultBinding, Unsupported> map_result_type(const ir::Type& type) {
  ResultBinding binding;
  if (type.kind == ir::TypeKind::Void) {
    return binding;
  }
  if (type.kind == ir::TypeKind::Bool) {
    binding.pen_type = PenType::Boolean;
    binding.conversion = ResultConversion::Bool;
    return binding;
  }
  if (is_integral(type) && !is_128_bit(type.integer)) {
    binding.pen_type = PenType::Number;
    binding.conversion = ir::is_unsigned(type.integer) ? ResultConversion::UnsignedInteger
                                                       : ResultConversion::SignedInteger;
    binding.integer = type.integer;
    return binding;
  }
  if (type.kind == ir::TypeKind::Floating &&
      (type.floating == ir::FloatKind::Double || type.floating == ir::FloatKind::Float)) {
    binding.pen_type = PenType::Number;
    binding.conversion = ResultConversion::Floating;
    return binding;
  }
  // Copied into a fresh Pen string; a mutable result (strchr) is read the same way.
  if (is_character_pointer(type)) {
    binding.pen_type = PenType::String;
    binding.conversion = ResultConversion::CString;
    return binding;
  }
  return describe_unsupported(type);
}

} // namespace pen_bindgen::mapping
