#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace pen_bindgen::ir {

// The C builtin integer types. The shim names the C type and its <limits.h> bounds from the
// kind, so conversions stay correct for the target the shim is compiled for.
enum class IntegerKind {
  Char,
  SignedChar,
  UnsignedChar,
  Short,
  UnsignedShort,
  Int,
  UnsignedInt,
  Long,
  UnsignedLong,
  LongLong,
  UnsignedLongLong,
  Int128,
  UnsignedInt128,
};

enum class FloatKind { Float, Double, LongDouble, Float128, Half };

enum class TypeKind {
  Void,
  Bool,
  Integer,
  Enum,
  Floating,
  Pointer,
  Record,
  Function,
  Array, // a constant-size or flexible array (record fields only; parameters decay to pointers)
  // C++ only (ir/cxx.hpp):
  Reference, // `T &` or `T &&`: `pointee` is T (with its const); `is_rvalue_reference` tells
  StdString, // std::string (or std::string_view when `is_string_view`): bytes, by value
  StdVector, // std::vector<element>
  Unsupported,
};

// Clang's _Nullable / _Nonnull on a pointer type; Unspecified when the header says nothing.
enum class Nullability { Unspecified, Nullable, NonNull };

struct Type;
using TypePtr = std::shared_ptr<const Type>;

// A C type with typedefs resolved. `spelling` keeps what the header wrote, for messages.
struct Type {
  TypeKind kind = TypeKind::Unsupported;
  std::string spelling;
  bool is_const = false;

  // Integer, and the underlying integer type of an Enum.
  IntegerKind integer = IntegerKind::Int;
  // Width in bits on the parse target (Integer, Enum, Floating) and signedness (Integer, Enum).
  unsigned bits = 0;
  bool is_signed = false;

  FloatKind floating = FloatKind::Double;

  // Pointer: the pointed-to type.
  TypePtr pointee;

  // Enum and Record: the tag or typedef name ("z_stream", "struct timeval").
  std::string name;

  // Function: its result and parameter types.
  TypePtr result;
  std::vector<TypePtr> parameters;
  bool is_variadic = false;

  // Unsupported: why, in a few words ("_Complex", "vector type").
  std::string unsupported_reason;

  // Record: identifies the definition in Library::records (clang's USR, "c:@S@z_stream_s");
  // empty for hand-built IR without definitions.
  std::string record_id;

  // Array: the element type and the number of elements (0 for a flexible array member `x[]`).
  TypePtr element;
  std::uint64_t array_count = 0;

  // Pointer: what the header's nullability attributes say.
  Nullability nullability = Nullability::Unspecified;

  // Reference: `T &&` rather than `T &`.
  bool is_rvalue_reference = false;
  // StdString: std::string_view (the callee must not keep it beyond the call).
  bool is_string_view = false;
  // Enum: a C++ `enum class`, whose constants need their enum's name to be spelled.
  bool is_scoped_enum = false;
};

// Constructors for hand-built IR (tests, and the frontend).
TypePtr make_void(std::string spelling = "void");
TypePtr make_bool(std::string spelling = "_Bool");
TypePtr make_integer(IntegerKind kind, unsigned bits, bool is_signed, std::string spelling = {});
TypePtr make_enum(std::string name, IntegerKind underlying, unsigned bits, bool is_signed,
                  std::string spelling = {});
TypePtr make_floating(FloatKind kind, unsigned bits, std::string spelling = {});
TypePtr make_pointer(TypePtr pointee, std::string spelling = {});
TypePtr make_const(TypePtr type);
TypePtr make_record(std::string name, std::string spelling = {});
TypePtr make_unsupported(std::string reason, std::string spelling);
TypePtr make_array(TypePtr element, std::uint64_t count, std::string spelling = {});
// A record type naming the definition `record_id` in Library::records.
TypePtr make_record_ref(std::string name, std::string record_id, std::string spelling = {});
TypePtr make_nullable(TypePtr pointer, Nullability nullability);
TypePtr make_reference(TypePtr referred, bool is_rvalue = false, std::string spelling = {});
TypePtr make_std_string(bool is_view = false, std::string spelling = {});
TypePtr make_std_vector(TypePtr element, std::string spelling = {});

// The C spelling of a builtin integer type ("unsigned long").
const char* c_spelling(IntegerKind kind);
// The <limits.h> macros bounding a builtin integer type ("LONG_MIN", "LONG_MAX"); the minimum
// of an unsigned type is "0". 128-bit types have no macros and yield empty strings.
const char* c_minimum_macro(IntegerKind kind);
const char* c_maximum_macro(IntegerKind kind);
bool is_unsigned(IntegerKind kind);
const char* c_spelling(FloatKind kind);

} // namespace pen_bindgen::ir
