#pragma once

#include "pen_bindgen/ir/library.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <variant>
#include <vector>

namespace pen_bindgen::mapping {

// The Pen types that cross the C boundary in this version.
enum class PenType {
  Number,
  Boolean,
  String,
  None,
  Named, // a record or handle type of the package; its name is in `pen_type_name`
};
const char* pen_spelling(PenType type);

// How the shim turns a Pen argument into a C argument.
enum class ArgumentConversion {
  SignedInteger,   // number -> integer: truncate toward zero, saturate, NaN -> 0
  UnsignedInteger, // likewise for an unsigned type
  Float,           // number -> float (overflow gives infinity, as IEEE rounding does)
  Double,          // number -> double, as is
  Bool,            // boolean (only bit 0 is defined) -> _Bool
  CString,         // string -> NUL-terminated copy for the duration of the call
  // Config overrides and callbacks (docs/config.md):
  Buffer,       // string -> its bytes (a copy when the C pointer is not const); pairs BufferLength
  BufferLength, // no Pen argument: the byte length of parameter `source`, saturated to `integer`
  Callback,     // a Pen function -> the shim's C trampoline for `callback`
  CallbackUserData, // no Pen argument: the Pen closure of parameter `source`, as the user data
  // Records and handles (docs/type-mapping.md):
  Record,        // record `pen_type_name` -> the C struct `c_type` by value
  RecordPointer, // record -> a C struct on the shim's stack; its address (`const T *` input)
  Handle,        // handle -> its C pointer, tag checked against `type_info`
  BufferHandle,  // Buffer handle -> its bytes (mutable byte pointers)
  OutHandle,     // no Pen argument: `T **` out-parameter; the pointer comes back in the result
  // Fallible results (docs/type-mapping.md): no Pen argument; the `char **` the callee stores a
  // malloc'd message in when it fails (the result is then a Pen error).
  ErrorMessage,
  // Lists (ir::ArrayParameter, ir::Function::array_count_parameter; docs/type-mapping.md):
  List,       // [T] -> the items pointer of the array the Pen wrapper built with `list_builder`
  ListLength, // no Pen argument: the element count of list parameter `source`, saturated
  ListSizes,  // no Pen argument: the byte counts of list-of-strings parameter `source`
  ArrayCount, // no Pen argument: the `integer *` the callee stores a List result's count in
};

// How the shim turns the C result into a Pen value.
enum class ResultConversion {
  None,            // void -> none
  SignedInteger,   // -> number, exact up to 2^53
  UnsignedInteger, // -> number, exact up to 2^53
  Floating,        // float or double -> number
  Bool,            // -> boolean, exactly 0 or 1
  CString,         // const char * -> fresh Pen string; NULL gives ""
  Record,          // a C struct by value -> a fresh record `pen_type_name`
  Handle,          // a pointer -> a fresh handle `pen_type_name` (tag `type_info`)
  List, // a malloc'd array of `element`s (count: the ArrayCount parameter) -> a fresh Pen list
};

struct ParameterBinding {
  std::string c_name;   // as in the header; may be empty
  std::string pen_name; // lowerCamel, unique in the function, never a keyword or built-in
  PenType pen_type = PenType::Number;
  ArgumentConversion conversion = ArgumentConversion::Double;
  // SignedInteger / UnsignedInteger: the C type whose range applies (an enum's underlying type).
  ir::IntegerKind integer = ir::IntegerKind::Int;
  // CString: the C pointer type to hand the copy over as, e.g. "const unsigned char *".
  // Buffer: likewise; a type without `const` makes the shim pass a private copy.
  std::string c_pointer_type;
  // BufferLength, CallbackUserData: the index of the parameter whose Pen argument supplies it.
  std::size_t source = 0;
  // Callback: the Pen function type, e.g. "\(number, [string], [string]) number".
  std::string pen_function_type;
  // Named: the Pen type ("Sqlite3", "Timeval").
  std::string pen_type_name;
  // Record / RecordPointer: the C struct type ("struct timeval"); OutHandle: the pointee's C
  // type ("sqlite3 *").
  std::string c_type;
  // Handle / OutHandle: the static pen_type_info of the handle type ("_sqlite3_Sqlite3_type").
  std::string type_info;
  // A variadic argument is passed as this C type (default argument promotions: float -> double,
  // small integers -> int); empty for fixed parameters.
  std::string promoted_type;
  // Handle of a function-pointer type: `c_type` is the C function-pointer type ("uv_close_cb",
  // "int (*)(EVP_PKEY_CTX *)") the boxed `void (*)(void)` is cast back to.
  bool function_pointer = false;
  // List: `pen_type` is the element's (Number, Boolean or String), `c_type` the C type the
  // elements are stored as ("int", "char *") and `c_pointer_type` the C parameter's type
  // ("const int *"); the Package's ListBuilder `list_builder` ("_geo_list_int") converts each
  // element.
  std::string list_builder;
};

// Parameters with a Pen argument: everything but BufferLength and CallbackUserData.
bool has_pen_argument(const ParameterBinding& parameter);

struct ResultBinding {
  PenType pen_type = PenType::None;
  ResultConversion conversion = ResultConversion::None;
  ir::IntegerKind integer = ir::IntegerKind::Int; // SignedInteger / UnsignedInteger
  // `T | none`: NULL becomes none (config `nullable`, or _Nullable in the header) for strings
  // and handles; the shim returns a pen_variant.
  bool nullable = false;
  // Named: the Pen type. With out-parameters this is the result record ("Sqlite3OpenResult")
  // while `conversion` still describes the C result, which becomes its `Result` field.
  std::string pen_type_name;
  // Record: the C struct type; Handle: the static pen_type_info.
  std::string c_type;
  std::string type_info;
  // CString: a C function the shim calls on the non-NULL result after copying it (config
  // `owned`), e.g. "free" or "sqlite3_free"; empty: the library keeps the memory.
  std::string owned_free;
  // Handle of a function-pointer type (HandleType::is_function_pointer).
  bool function_pointer = false;
  // `T | error` (ir::Function::error_parameter, config `error`): the function reports failure
  // through its ErrorMessage parameter; the shim returns a pen_variant.
  bool fallible = false;
  // Fallible: the C function the shim frees the message with (config `error_free`).
  std::string error_free = "free";
  // Handle: the pointer belongs to something else (ir::Function::result_borrowed, config
  // `borrowed`): its handle never runs the type's destructor.
  bool borrowed = false;
  // List: how each element becomes a Pen value (SignedInteger, UnsignedInteger, Floating, Bool,
  // CString, Handle: an owned handle `pen_type_name` with tag `type_info`); `pen_type` is the
  // element's, `integer` its integer type, `c_type` its C type ("double", "char *"). Fallible:
  // `to_any_symbol` is the Pen export giving `[T]` its tag inside `[T] | error` (a Package
  // ListExport).
  ResultConversion element = ResultConversion::None;
  std::string to_any_symbol;
};

// The Pen spelling of a parameter's or a result's type: "number", "string | none",
// "\(number) number".
std::string pen_type_spelling(const ParameterBinding& parameter);
std::string pen_type_spelling(const ResultBinding& result);

// How the shim's C trampoline turns one argument of a callback into a Pen value.
enum class CallbackArgumentConversion {
  UserData,        // the closure itself; no Pen argument
  SignedInteger,   // -> number
  UnsignedInteger, // -> number
  Floating,        // -> number
  Bool,            // -> boolean
  CString,         // char * -> a fresh Pen string; NULL gives ""
  CStringArray,    // char ** with `count` elements -> [string]; NULL elements give ""
  Handle,          // any other object pointer -> a handle `pen_type_name` that borrows it
};

struct CallbackArgument {
  CallbackArgumentConversion conversion = CallbackArgumentConversion::SignedInteger;
  std::string c_type;        // the trampoline's parameter type, as clang spells it: "char **"
  std::size_t count = 0;     // CStringArray: the callback parameter holding the element count
  std::string pen_type_name; // Handle: the Pen type ("GList", "Pointer")
  std::string type_info;     // Handle: its static pen_type_info
};

// A function-pointer parameter called back synchronously with the Pen function the caller
// passed (pen-abi §4.3): the shim passes `trampoline` as the function pointer and the closure as
// the user data; the trampoline calls the closure through the Pen-exported `export_symbol`.
struct CallbackBinding {
  std::size_t parameter = 0;     // the function-pointer parameter of the bound function
  std::size_t user_data = 0;     // the bound function's user-data parameter
  std::string export_symbol;     // "_sqlite3_call_sqlite3_exec_callback", foreign "c" in Pen
  std::string trampoline_symbol; // "pen_trampoline_sqlite3_exec_callback", static in the shim
  std::vector<CallbackArgument> arguments; // every C parameter of the callback, in order
  std::string c_result_type;               // "int", "void"
  ResultConversion pen_result = ResultConversion::None; // what the Pen function returns, as
  PenType pen_result_type = PenType::None;              // the C result type dictates
  ir::IntegerKind integer = ir::IntegerKind::Int;       // integer results: the C type's range
};

// How a value moves between a C lvalue (a struct member, an array element) and a Pen value,
// both ways: in by-value records and in accessor functions.
enum class FieldConversion {
  SignedInteger,   // number <-> integer (saturating, as parameters)
  UnsignedInteger, // number <-> unsigned integer
  Float,           // number <-> float
  Double,          // number <-> double
  Bool,            // boolean <-> _Bool
  String,          // string <- char * (a copy; NULL gives ""); -> a NUL-terminated copy
  Record,          // record `pen_type_name` <-> the C struct `c_type`
  Handle,          // handle `pen_type_name` <-> a pointer (tag `type_info`)
};

struct FieldBinding {
  std::string c_path;   // member designator inside the C struct: "tv_sec", "u.bits.flag"
  std::string pen_name; // public field or accessor name part: "TvSec"
  PenType pen_type = PenType::Number;
  std::string pen_type_name; // Named
  FieldConversion conversion = FieldConversion::Double;
  ir::IntegerKind integer = ir::IntegerKind::Int; // Signed/UnsignedInteger
  int bit_width = -1;            // a bitfield: its width, which bounds the saturation
  std::string c_type;            // Record: the C struct; Handle: the pointer's C type
  std::string type_info;         // Handle
  bool is_byte_pointer = false;  // Handle of a mutable byte pointer: setters take a Buffer
  std::uint64_t array_count = 0; // accessors of an array member's elements: the bound
};

// A Pen record type of the package: a C struct passed by value (fields converted one by one),
// or the result of a function with out-parameters (no C struct: `c_type` is empty).
struct RecordType {
  std::string c_name;   // the C type for messages and comments: "struct timeval"
  std::string pen_name; // "Timeval"
  std::string c_type;   // the C struct the fields are read from and written to
  std::string body;     // the shim's C typedef of the record block: "_zlib_Timeval_body"
  std::vector<FieldBinding> fields;
  // The Pen-exported `foreign "c" <symbol> = \(x T) any { x }` for fallible results of this
  // record type (pen-abi §5.3); empty: none needs it. "_zlib_Timeval_to_any".
  std::string to_any_symbol;
};

// Lists crossing the boundary (docs/type-mapping.md, Lists). A list parameter is built in C
// element by element: the Pen module's private recursive `<symbol>_fill` walks the list and
// calls the shim's `<symbol>_push` per element on the `any` from `<symbol>_new`, a C array
// with the static tag `<symbol>_type`; the shim then passes its items and count.
struct ListBuilder {
  std::string symbol;                 // "_geo_list_int"
  std::string c_type;                 // the element's C type: "int"
  PenType pen_type = PenType::Number; // Number, Boolean or String
  // number -> c_type, boolean -> bool, or CString: string -> a NUL-terminated copy and its size
  ArgumentConversion conversion = ArgumentConversion::Double;
  ir::IntegerKind integer = ir::IntegerKind::Int; // Signed/UnsignedInteger
};

// `foreign "c" <symbol> = \(x [T]) any { x }`: Pen's tag of `[T]` for `[T] | error` results.
struct ListExport {
  std::string symbol; // "_geo_list_number_to_any", "_geo_list_Point_to_any"
  PenType element = PenType::Number;
  std::string pen_type_name; // Named: the handle type
};

// A handle type whose handles a base handle type accepts (ir::RecordBase, config `bases`).
struct HandleSubtype {
  std::string pen_name;  // "Derived"
  std::string type_info; // "_pkg_Derived_type"
  // C functions `Base *f(Derived *)` applied in order: the nearest first, ending at the base.
  std::vector<std::string> upcasts;
};

// A handle type: `type Sqlite3 { inner any }`, the pointer boxed in the `any` (pen-abi §5.4).
struct HandleType {
  std::string c_name; // the pointee as C names it ("sqlite3", "void"), for messages
  // What comments call it instead, if set: a C++ class's name ("geo::Box<int>").
  std::string display_name;
  std::string pen_name;  // "Sqlite3"
  std::string type_info; // the shim's static pen_type_info: "_sqlite3_Sqlite3_type"
  // A complete struct the package can allocate (`<Name>New`): its C type, else empty.
  std::string allocated_c_type;
  // Pointer fields whose setters keep the assigned handle's box alive (one slot each).
  std::size_t keep_alive_slots = 0;
  // A C function run once on the pointer when the last reference dies (config `destructor`);
  // empty: only memory the package allocated itself is freed. It applies to pointers functions
  // return; calling it through the binding disarms the handle (docs/type-mapping.md).
  std::string destructor;
  bool is_buffer = false; // the generic Buffer type: bytes the shim allocated
  // The Pen-exported `foreign "c" <symbol> = \(x T) any { x }` through which the shim gets Pen's
  // tag of the record type for `T | none` results (pen-abi §5.3); empty: no nullable result uses
  // this type. "_sqlite3_Sqlite3_to_any".
  std::string to_any_symbol;
  // A C function pointer (docs/type-mapping.md): the box holds a malloc'd
  // `pen_function_box { void (*)(void) }`, since ISO C cannot store it in a `void *`.
  bool is_function_pointer = false;
  // Every handle type a pointer converts from (derived types, transitively), in Pen name order:
  // arguments of this type accept their tags and convert the pointer (docs/type-mapping.md).
  std::vector<HandleSubtype> derived;
};

// What the shim does for a FunctionBinding.
enum class FunctionKind {
  Call,             // call the C function `c_name`
  HandleNull,       // (_ none) -> the NULL handle of `subject`
  HandleIsNull,     // (h) -> boolean
  HandleSame,       // (a, b) -> boolean: the same C pointer
  StructNew,        // (_ none) -> a zeroed struct `subject` allocated by the package
  FieldGet,         // (h[, index]) -> the member `field` of the struct behind handle `subject`
  FieldSet,         // (h[, index], value) -> none
  BufferNew,        // (size) -> Buffer of that many zero bytes
  BufferFromString, // (s) -> Buffer holding the bytes of s
  BufferToString,   // (b, offset, length) -> string; out of range aborts
  BufferSize,       // (b) -> number
  // (h Derived) -> Base: a handle of `result.pen_type_name` sharing h's box (same `any`, cloned),
  // so the same finalizer runs once when the last of them dies.
  HandleUpcast,
};

struct FunctionBinding {
  std::string c_name;
  ir::Location location;
  std::string c_prototype; // "uLong crc32(uLong crc, const Bytef *buf, uInt len)", for comments
  std::string shim_symbol; // prefix + C name: "_zlib_crc32"; also the foreign import's name
  std::string pen_name;    // public wrapper: "Crc32"
  std::vector<ParameterBinding> parameters;
  ResultBinding result;
  // Marked pure in the config: side-effect free, so it needs no Context in a system package.
  bool is_pure = false;
  std::vector<CallbackBinding> callbacks;
  // Generated helpers (handle predicates, struct accessors, Buffer) are not C functions: `kind`
  // says what the shim does. `c_name` is then the subject for messages ("z_stream.avail_in").
  FunctionKind kind = FunctionKind::Call;
  std::string subject; // the HandleType's pen_name for helpers and accessors
  // FieldGet / FieldSet: the member, shared by its getter and setter; out of line, because
  // every item of a package is as large as a FunctionBinding (docs/performance.md).
  std::shared_ptr<const FieldBinding> field;
  std::size_t keep_alive_slot = 0; // FieldSet of a pointer member
  // Out-parameters: the result record (RecordType pen_name == result.pen_type_name); empty if
  // there are none.
  std::string out_record;
};

struct ConstantBinding {
  std::string c_name;
  ir::Location location;
  std::string pen_name; // "ZOk"
  PenType pen_type = PenType::Number;
  std::string pen_literal; // Pen source text of the value: "0", "-1", "0.5", "\"1.2.13\""
};

struct SkippedDeclaration {
  std::string c_name;
  ir::Location location;
  std::string reason; // "parameter 'strm' has unsupported type 'z_streamp'"
  std::string code;   // "unsupported-type"
};

using Item = std::variant<FunctionBinding, ConstantBinding, SkippedDeclaration>;

// Header trees (mapping/modules.hpp): the types a module uses from another module of the package,
// imported unqualified.
struct ModuleImport {
  std::string module;             // the module path inside the package: "'Net'Socket"
  std::vector<std::string> names; // sorted: "Socket", "SocketAddress"
};

// Everything the emitters need, decided; emitters only format.
struct Package {
  std::string name;      // package and top module name: "Zlib"
  std::string file_stem; // lower-case stem for file names: "zlib" (ffi/zlib_shim.c)
  std::string prefix;    // shim symbol prefix: "_zlib_"
  std::vector<ir::Header> headers;
  std::vector<std::string> links; // --link libraries, e.g. "z"
  // --package-type system: pen.json says "system", Context.pen and Context/context.pen exist,
  // and wrappers of functions not marked pure take `ctx Context` first (emit/context_module.hpp).
  bool system = false;
  std::vector<Item> items; // in source order
  // Type definitions, in the order the Pen module lists them (sorted by Pen name).
  std::vector<RecordType> records;
  std::vector<HandleType> handles;
  // Header trees: one Package per module; its internal imports, sorted by module path.
  std::vector<ModuleImport> imports;
  // Functions Pen implements (docs/exports.md): `shim_symbol` is the Pen export
  // ("_plugin_export_plugin_init"), `c_prototype` the C adapter's definition line with every
  // parameter named (parameters' `c_name`). Numbers, booleans and strings only; a Floating
  // result whose C type is float has `result.c_type` "float". An exported function-pointer
  // typedef has `subject` (its C name): its adapter is static (`c_prototype` starts with
  // "static "), and the shim's `<prefix>export_address_<subject>` returns the adapter's address.
  std::vector<FunctionBinding> exports;
  // The C++ lowering generated ffi/<file_stem>_cxx.cpp (docs/cplusplus.md): pen-ffi.sh compiles
  // ffi/*.cpp with a C++ compiler and bundles the C++ runtime into the archive.
  bool has_cxx_layer = false;
  // Lists (docs/type-mapping.md): the array builders of list parameters and the exports of
  // fallible list results, each sorted by symbol.
  std::vector<ListBuilder> list_builders;
  std::vector<ListExport> list_exports;
};

} // namespace pen_bindgen::mapping
