#include "shim_types.hpp"

#include "append_format.hpp"
#include "integer_limits.hpp"
#include "shim_locals.hpp"

#include <algorithm>
#include <fmt/compile.h>
#include <fmt/format.h>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pen_bindgen::emit {

namespace {

using mapping::ArgumentConversion;
using mapping::FieldBinding;
using mapping::FieldConversion;
using mapping::FunctionBinding;
using mapping::FunctionKind;
using mapping::Package;
using mapping::ParameterBinding;
using mapping::ResultConversion;

std::string body_of(const Package& package, const std::string& pen_type) {
  return package.prefix + pen_type + "_body";
}

std::string wrap_of(const std::string& type_info) {
  return type_info + "_wrap";
}

// The type named `name` of a package's handles or records, which are sorted by Pen name
// (mapping::Package): a binary search, since the shim asks once per argument.
template <typename Type>
const Type* type_named(const std::vector<Type>& types, std::string_view name) {
  const auto found =
      std::lower_bound(types.begin(), types.end(), name,
                       [](const Type& type, std::string_view key) { return type.pen_name < key; });
  return found != types.end() && found->pen_name == name ? &*found : nullptr;
}

const mapping::HandleType* handle_named(const Package& package, std::string_view name) {
  return type_named(package.handles, name);
}

const mapping::RecordType* record_named(const Package& package, std::string_view name) {
  return type_named(package.records, name);
}

// A pointer read from a struct member belongs to whoever stored it there: its handle never runs
// the type's destructor (the `_borrow` wrap of a type with one).
std::string borrow_of(const Package& package, const std::string& type_info) {
  for (const auto& handle : package.handles) {
    if (handle.type_info == type_info && !handle.destructor.empty()) {
      return type_info + "_borrow";
    }
  }
  return wrap_of(type_info);
}

// The C member type of a Pen record field (pen-abi §1.3); booleans as bytes read with & 1.
std::string field_c_type(const Package& package, const FieldBinding& field) {
  switch (field.pen_type) {
  case mapping::PenType::Boolean:
    return "uint8_t";
  case mapping::PenType::String:
    return "pen_string";
  case mapping::PenType::Named:
    return field.conversion == FieldConversion::Handle
               ? "pen_handle_body *"
               : body_of(package, field.pen_type_name) + " *";
  default:
    return "double";
  }
}

std::string field_name(const FieldBinding& field) {
  return "pen_" + field.pen_name;
}

// `target = <Pen value>` for a scalar C lvalue; bitfields saturate to their width.
std::string scalar_to_c_unchecked(const FieldBinding& field, const std::string& target,
                                  const std::string& value);

// Bitfields: the value is saturated to the field's width first, so the narrowing that
// -Wconversion reports cannot change it.
std::string scalar_to_c(const FieldBinding& field, const std::string& target,
                        const std::string& value) {
  auto assignment = scalar_to_c_unchecked(field, target, value);
  if (field.bit_width <= 0) {
    return assignment;
  }
  return "_Pragma(\"GCC diagnostic push\") _Pragma(\"GCC diagnostic ignored "
         "\\\"-Wconversion\\\"\") " +
         assignment + " _Pragma(\"GCC diagnostic pop\")";
}

std::string scalar_to_c_unchecked(const FieldBinding& field, const std::string& target,
                                  const std::string& value) {
  switch (field.conversion) {
  case FieldConversion::SignedInteger: {
    std::string minimum = minimum_macro(field.integer);
    std::string maximum = maximum_macro(field.integer);
    if (field.bit_width > 0 && field.bit_width < 64) {
      minimum = formatted(FMT_COMPILE("-(INT64_C(1) << {})"), field.bit_width - 1);
      maximum = formatted(FMT_COMPILE("(INT64_C(1) << {}) - 1"), field.bit_width - 1);
    }
    return formatted(FMT_COMPILE("{} = ({})pen_number_to_i64({}, {}, {});"), target,
                     ir::c_spelling(field.integer), value, minimum, maximum);
  }
  case FieldConversion::UnsignedInteger: {
    std::string maximum = maximum_macro(field.integer);
    if (field.bit_width > 0 && field.bit_width < 64) {
      maximum = formatted(FMT_COMPILE("(UINT64_C(1) << {}) - 1"), field.bit_width);
    }
    return formatted(FMT_COMPILE("{} = ({})pen_number_to_u64({}, {});"), target,
                     ir::c_spelling(field.integer), value, maximum);
  }
  case FieldConversion::Float:
    return formatted(FMT_COMPILE("{} = pen_number_to_float({});"), target, value);
  case FieldConversion::Double:
    return formatted(FMT_COMPILE("{} = {};"), target, value);
  case FieldConversion::Bool:
    return formatted(FMT_COMPILE("{} = ({} & 1) != 0;"), target, value);
  default:
    return {};
  }
}

std::string field_to_c(const Package& package, const FieldBinding& field) {
  const auto target = "c->" + field.c_path;
  const auto value = "pen->" + field_name(field);
  switch (field.conversion) {
  case FieldConversion::String:
    return formatted(FMT_COMPILE("  {} = (void *)pen_scratch_string(scratch, {});\n"), target,
                     value);
  case FieldConversion::Record:
    return formatted(FMT_COMPILE("  {}_to_c({}, &{}, scratch);\n"),
                     body_of(package, field.pen_type_name), value, target);
  case FieldConversion::Handle:
    return formatted(FMT_COMPILE("  {} = pen_handle_pointer({}, &{}, \"{}\", \"{}\");\n"), target,
                     value, field.type_info, field.c_path, field.pen_type_name);
  default:
    return "  " + scalar_to_c(field, target, value) + "\n";
  }
}

std::string value_from_c(const Package& package, const FieldBinding& field,
                         const std::string& source) {
  switch (field.conversion) {
  case FieldConversion::String:
    return formatted(FMT_COMPILE("pen_string_from_c((const char *){})"), source);
  case FieldConversion::Record:
    return formatted(FMT_COMPILE("{}_from_c(&{})"), body_of(package, field.pen_type_name), source);
  case FieldConversion::Handle:
    if (const auto* handle = handle_named(package, field.pen_type_name);
        handle && handle->is_function_pointer) {
      return formatted(FMT_COMPILE("{}((pen_function_pointer){})"), wrap_of(field.type_info),
                       source);
    }
    return formatted(FMT_COMPILE("{}((void *)(uintptr_t){})"), borrow_of(package, field.type_info),
                     source);
  case FieldConversion::Bool:
    return formatted(FMT_COMPILE("(uint8_t)({} ? 1 : 0)"), source);
  default:
    return formatted(FMT_COMPILE("(double){}"), source);
  }
}

std::string field_drop(const Package& package, const FieldBinding& field) {
  const auto value = "pen->" + field_name(field);
  switch (field.conversion) {
  case FieldConversion::String:
    return formatted(FMT_COMPILE("    pen_string_drop({});\n"), value);
  case FieldConversion::Record:
    return formatted(FMT_COMPILE("    {}_drop({});\n"), body_of(package, field.pen_type_name),
                     value);
  case FieldConversion::Handle:
    return formatted(FMT_COMPILE("    pen_handle_drop({});\n"), value);
  default:
    return {};
  }
}

// A handle argument of `handle`'s type as a C pointer, the tag checked: a type other handle
// types convert to has its own unwrap function (accepting_unwrap) for their tags too.
std::string handle_pointer(const mapping::HandleType& handle, const std::string& argument,
                           const std::string& function) {
  if (!handle.derived.empty()) {
    return formatted(FMT_COMPILE("{}_pointer({}, \"{}\", \"{}\")"), handle.type_info, argument,
                     function, handle.pen_name);
  }
  return formatted(FMT_COMPILE("pen_handle_pointer({}, &{}, \"{}\", \"{}\")"), argument,
                   handle.type_info, function, handle.pen_name);
}

// `<type_info>_pointer`: a handle of the type itself, or of a type derived from it (which an
// upcast helper put in a handle of this type) whose pointer the upcast functions convert.
std::string accepting_unwrap(const mapping::HandleType& handle) {
  std::string text = fmt::format(
      FMT_COMPILE("static inline PEN_MAYBE_UNUSED void *{}_pointer(const pen_handle_body *handle, "
                  "const char *function, const char *type) {{\n"),
      handle.type_info);
  for (const auto& derived : handle.derived) {
    std::string converted = "pen_derived";
    for (const auto& upcast : derived.upcasts) {
      converted = formatted(FMT_COMPILE("{}({})"), upcast, converted);
    }
    append_format(
        text,
        FMT_COMPILE("  if (handle && handle->inner.tag == &{0}) {{\n"
                    "    void *pen_derived = pen_handle_pointer(handle, &{0}, function, type);\n"
                    "    return pen_derived ? (void *)(uintptr_t){1} : NULL;\n"
                    "  }}\n"),
        derived.type_info, converted);
  }
  return text + formatted(FMT_COMPILE("  return pen_handle_pointer(handle, &{}, function, type);\n"
                                      "}}\n"),
                          handle.type_info);
}

bool has_fallible_function(const Package& package) {
  return std::any_of(package.items.begin(), package.items.end(), [](const mapping::Item& item) {
    const auto* function = std::get_if<FunctionBinding>(&item);
    return function && function->result.fallible;
  });
}

} // namespace

std::string handle_borrow_symbol(const Package& package, const std::string& type_info) {
  return borrow_of(package, type_info);
}

std::string shim_type_support(const Package& package) {
  std::string text;
  if (!package.handles.empty()) {
    text += "\n/* Handle types: a static tag each (pen-abi 5.4). */\n";
  }
  for (const auto& handle : package.handles) {
    std::string finalizer = "NULL";
    if (!handle.destructor.empty()) {
      finalizer = handle.type_info + "_destroy";
      append_format(text,
                    FMT_COMPILE("static void {}(pen_handle_box *box) {{\n"
                                "  (void){}(box->pointer);\n"
                                "}}\n"),
                    finalizer, handle.destructor);
    }
    append_format(text,
                  FMT_COMPILE("static const pen_type_info {} = {{pen_handle_clone, "
                              "pen_handle_drop_payload, pen_handle_synchronize, NULL}};\n"),
                  handle.type_info);
    if (handle.is_function_pointer) {
      append_format(text,
                    FMT_COMPILE("static inline PEN_MAYBE_UNUSED pen_handle_body "
                                "*{}(pen_function_pointer function) {{\n"
                                "  return pen_function_handle_new(&{}, function);\n"
                                "}}\n"),
                    wrap_of(handle.type_info), handle.type_info);
    } else if (handle.destructor.empty()) {
      append_format(
          text,
          FMT_COMPILE("static inline PEN_MAYBE_UNUSED pen_handle_body *{}(void *pointer) {{\n"
                      "  return pen_handle_new(&{}, pointer, 0, NULL, {});\n"
                      "}}\n"),
          wrap_of(handle.type_info), handle.type_info, handle.keep_alive_slots);
    } else {
      // Pointers the library returns are owned, member values borrowed; either way a pointer
      // with a live owning box gets that box (pen_handle_share).
      for (const auto& [wrap, owns] : {std::pair{wrap_of(handle.type_info), "true"},
                                       std::pair{handle.type_info + "_borrow", "false"}}) {
        append_format(
            text,
            FMT_COMPILE("static inline PEN_MAYBE_UNUSED pen_handle_body *{}(void *pointer) {{\n"
                        "  return pen_handle_share(&{}, pointer, {}, {}, {});\n"
                        "}}\n"),
            wrap, handle.type_info, finalizer, handle.keep_alive_slots, owns);
      }
    }
    if (!handle.to_any_symbol.empty()) {
      // Exported by the Pen module: only Pen knows its record type's tag (pen-abi §5.3).
      append_format(text, FMT_COMPILE("pen_variant {}(pen_handle_body *handle);\n"),
                    handle.to_any_symbol);
    }
  }
  // After every tag: a base type's unwrap compares against its derived types' tags.
  for (const auto& handle : package.handles) {
    if (!handle.derived.empty()) {
      text += accepting_unwrap(handle);
    }
  }
  if (has_fallible_function(package)) {
    text += "\n/* Fallible results (pen-abi 5.2): Pen's `error` is a block holding its source "
            "`any`;\n   the message becomes a Pen string. */\n"
            "typedef struct pen_error_body {\n  pen_variant source;\n} pen_error_body;\n"
            "pen_variant pen_ffi_error_to_any(pen_error_body *error);\n"
            "pen_variant pen_ffi_number_to_any(double number);\n"
            "pen_variant pen_ffi_boolean_to_any(bool boolean);\n"
            "static inline PEN_MAYBE_UNUSED pen_variant pen_error_from_message(const char "
            "*message) {\n  pen_error_body *error = pen_block_alloc(sizeof(pen_error_body));\n"
            "  error->source = pen_ffi_string_to_any(pen_string_from_c(message));\n"
            "  return pen_ffi_error_to_any(error);\n}\n";
  }
  if (package.records.empty()) {
    return text;
  }
  text += "\n/* Record blocks (pen-abi 1.3): fields in declaration order. */\n";
  // Declared first: records are in name order, and a field may point to any of them.
  for (const auto& record : package.records) {
    append_format(text, FMT_COMPILE("typedef struct {0} {0};\n"), record.body);
  }
  for (const auto& record : package.records) {
    text += "struct " + record.body + " {\n";
    for (const auto& field : record.fields) {
      append_format(text, FMT_COMPILE("  {} {};\n"), field_c_type(package, field),
                    field_name(field));
    }
    text += "};\n";
    if (!record.to_any_symbol.empty()) { // exported by the Pen module, as handles' are
      append_format(text, FMT_COMPILE("pen_variant {}({} *record);\n"), record.to_any_symbol,
                    record.body);
    }
  }
  for (const auto& record : package.records) {
    if (record.c_type.empty()) {
      continue;
    }
    append_format(text,
                  FMT_COMPILE("static inline PEN_MAYBE_UNUSED void {0}_to_c(const {0} *pen, {1} "
                              "*c, pen_scratch *scratch);\n"
                              "static inline PEN_MAYBE_UNUSED {0} *{0}_from_c(const {1} *c);\n"
                              "static inline PEN_MAYBE_UNUSED void {0}_drop({0} *pen);\n"),
                  record.body, record.c_type);
  }
  for (const auto& record : package.records) {
    if (record.c_type.empty()) {
      continue;
    }
    append_format(text,
                  FMT_COMPILE("\n"
                              "/* {} */\n"
                              "static inline PEN_MAYBE_UNUSED void {}_to_c(const {} *pen, {} *c, "
                              "pen_scratch *scratch) {{\n"
                              "  (void)scratch;\n"),
                  record.c_name, record.body, record.body, record.c_type);
    for (const auto& field : record.fields) {
      text += field_to_c(package, field);
    }
    text += "}\n";
    append_format(text,
                  FMT_COMPILE("static inline PEN_MAYBE_UNUSED {0} *{0}_from_c(const {1} *c) {{\n"
                              "  {0} *pen = pen_block_alloc(sizeof({0}));\n"),
                  record.body, record.c_type);
    for (const auto& field : record.fields) {
      append_format(text, FMT_COMPILE("  pen->{} = {};\n"), field_name(field),
                    value_from_c(package, field, "c->" + field.c_path));
    }
    text += "  return pen;\n}\n";
    append_format(text,
                  FMT_COMPILE("static inline PEN_MAYBE_UNUSED void {0}_drop({0} *pen) {{\n"
                              "  if (pen_block_release(pen)) {{\n"),
                  record.body);
    for (const auto& field : record.fields) {
      text += field_drop(package, field);
    }
    text += "    pen_block_free(pen);\n  }\n}\n";
  }
  return text;
}

bool uses_typed_values(const FunctionBinding& function) {
  if (function.kind != FunctionKind::Call || !function.out_record.empty() ||
      function.result.conversion == ResultConversion::Record ||
      function.result.conversion == ResultConversion::Handle) {
    return true;
  }
  for (const auto& parameter : function.parameters) {
    switch (parameter.conversion) {
    case ArgumentConversion::Record:
    case ArgumentConversion::RecordPointer:
    case ArgumentConversion::Handle:
    case ArgumentConversion::BufferHandle:
    case ArgumentConversion::OutHandle:
      return true;
    default:
      break;
    }
  }
  return false;
}

void append_typed_argument(std::string& out, const FunctionBinding& function, std::size_t index,
                           const Package& package) {
  const auto& parameter = function.parameters[index];
  switch (parameter.conversion) {
  case ArgumentConversion::Record:
  case ArgumentConversion::RecordPointer:
    append_format(out,
                  FMT_COMPILE("  pen_scratch {0} = {{NULL, 0, 0}};\n"
                              "  {1} {2};\n"
                              "  {3}_to_c(({3} *){4}, &{2}, &{0});\n"),
                  shim_scratch(index), parameter.c_type, shim_local(index),
                  body_of(package, parameter.pen_type_name), shim_argument(index));
    return;
  case ArgumentConversion::Handle:
  case ArgumentConversion::BufferHandle: {
    if (parameter.function_pointer) {
      append_format(
          out,
          FMT_COMPILE(
              "  pen_function_pointer {} = pen_function_handle_get({}, &{}, \"{}\", \"{}\");\n"),
          shim_local(index), shim_argument(index), parameter.type_info, function.c_name,
          parameter.pen_type_name);
      return;
    }
    const std::string_view c_type =
        parameter.c_type.empty() ? std::string_view("void *") : parameter.c_type;
    if (const auto* handle = handle_named(package, parameter.pen_type_name);
        handle && !handle->derived.empty()) {
      append_format(out, FMT_COMPILE("  {} {} = {};\n"), c_type, shim_local(index),
                    handle_pointer(*handle, shim_argument(index), function.c_name));
      return;
    }
    append_format(out, FMT_COMPILE("  {} {} = pen_handle_pointer({}, &{}, \"{}\", \"{}\");\n"),
                  c_type, shim_local(index), shim_argument(index), parameter.type_info,
                  function.c_name, parameter.pen_type_name);
    return;
  }
  case ArgumentConversion::OutHandle:
    append_format(out, FMT_COMPILE("  {} {} = NULL;\n"), parameter.c_type, shim_local(index));
    return;
  default:
    return;
  }
}

void append_typed_call_argument(std::string& out, const ParameterBinding& parameter,
                                std::size_t index) {
  switch (parameter.conversion) {
  case ArgumentConversion::RecordPointer:
  case ArgumentConversion::OutHandle:
    out += '&';
    break;
  case ArgumentConversion::Handle:
    // Back to the exact type C declared: calling through another type would be undefined.
    if (parameter.function_pointer) {
      out += '(';
      out += parameter.c_type;
      out += ')';
    }
    break;
  default:
    break;
  }
  out += shim_local(index);
}

void append_typed_result_declaration(std::string& out, const mapping::ResultBinding& result) {
  if (result.conversion == ResultConversion::Record) {
    out += result.c_type;
    out += " pen_result = ";
  } else if (result.conversion == ResultConversion::Handle && result.function_pointer) {
    out += "pen_function_pointer pen_result = (pen_function_pointer)";
  } else if (result.conversion == ResultConversion::Handle) {
    out += "void *pen_result = (void *)(uintptr_t)";
  }
}

namespace {

// Whether `function` is the destructor of its first parameter's handle type.
bool destroys_first_argument(const FunctionBinding& function, const Package& package) {
  if (function.parameters.empty() ||
      function.parameters.front().conversion != ArgumentConversion::Handle) {
    return false;
  }
  const auto* handle = handle_named(package, function.parameters.front().pen_type_name);
  return handle && handle->destructor == function.c_name;
}

} // namespace

void append_typed_result_conversion(std::string& out, const FunctionBinding& function,
                                    const Package& package) {
  const auto& result = function.result;
  // An explicit destructor call: the handle's box must not run it again on the last drop.
  const auto append_disarm = [&] {
    if (destroys_first_argument(function, package)) {
      append_format(out, FMT_COMPILE("  pen_handle_disarm({});\n"), shim_argument(0));
    }
  };
  std::string value;
  switch (result.conversion) {
  case ResultConversion::Record: {
    // With out-parameters the result is the out record; the C struct is its `Result` field.
    const auto* type = &result.pen_type_name;
    if (const auto* record = record_named(package, function.out_record);
        record && !record->fields.empty()) {
      type = &record->fields.front().pen_type_name;
    }
    value = formatted(FMT_COMPILE("{}_from_c(&pen_result)"), body_of(package, *type));
    break;
  }
  case ResultConversion::Handle:
    // A borrowed pointer belongs to something else: its handle never runs the destructor.
    value = formatted(FMT_COMPILE("{}(pen_result)"), result.borrowed
                                                         ? borrow_of(package, result.type_info)
                                                         : wrap_of(result.type_info));
    break;
  case ResultConversion::SignedInteger:
  case ResultConversion::UnsignedInteger:
  case ResultConversion::Floating:
    value = "(double)pen_result";
    break;
  case ResultConversion::Bool:
    value = "(uint8_t)(pen_result ? 1 : 0)";
    break;
  case ResultConversion::CString:
    value = "pen_string_from_c(pen_result)";
    break;
  case ResultConversion::None:
  case ResultConversion::List: // shim_lists.cpp: list_result_conversion
    break;
  }
  if (function.out_record.empty()) {
    if (result.conversion == ResultConversion::Record) {
      append_format(out, FMT_COMPILE("  {} *pen_return = {};\n"),
                    body_of(package, result.pen_type_name), value);
      return;
    }
    append_disarm();
    if (result.conversion == ResultConversion::Handle && result.nullable) {
      // The mapping gives every handle type of a nullable result its conversion to `any`.
      const auto* handle = handle_named(package, result.pen_type_name);
      append_format(
          out,
          FMT_COMPILE("  pen_variant pen_return = pen_result ? {}({}) : pen_ffi_none_to_any();\n"),
          handle ? std::string_view(handle->to_any_symbol) : std::string_view(), value);
    } else if (result.conversion == ResultConversion::Handle) {
      append_format(out, FMT_COMPILE("  pen_handle_body *pen_return = {};\n"), value);
    }
    return;
  }
  append_disarm();
  append_format(out, FMT_COMPILE("  {0} *pen_return = pen_block_alloc(sizeof({0}));\n"),
                body_of(package, function.out_record));
  const auto* record = record_named(package, function.out_record);
  std::size_t field = 0;
  if (result.conversion != ResultConversion::None && record) {
    append_format(out, FMT_COMPILE("  pen_return->{} = {};\n"), field_name(record->fields[field++]),
                  value);
  }
  for (std::size_t index = 0; index < function.parameters.size(); ++index) {
    const auto& parameter = function.parameters[index];
    if (parameter.conversion == ArgumentConversion::OutHandle && record &&
        field < record->fields.size()) {
      append_format(out, FMT_COMPILE("  pen_return->{} = {}((void *)(uintptr_t){});\n"),
                    field_name(record->fields[field++]), wrap_of(parameter.type_info),
                    shim_local(index));
    }
  }
}

void append_typed_cleanup(std::string& out, const ParameterBinding& parameter, std::size_t index,
                          const Package& package) {
  switch (parameter.conversion) {
  case ArgumentConversion::Record:
  case ArgumentConversion::RecordPointer:
    append_format(out,
                  FMT_COMPILE("  {0}_drop(({0} *){1});\n"
                              "  pen_scratch_free(&{2});\n"),
                  body_of(package, parameter.pen_type_name), shim_argument(index),
                  shim_scratch(index));
    return;
  case ArgumentConversion::Handle:
  case ArgumentConversion::BufferHandle:
    out += "  pen_handle_drop(";
    out += shim_argument(index);
    out += ");\n";
    return;
  default:
    return;
  }
}

std::string_view typed_return(const FunctionBinding& function) {
  if (!function.out_record.empty() || function.result.conversion == ResultConversion::Record ||
      function.result.conversion == ResultConversion::Handle) {
    return "  return pen_return;\n";
  }
  return {};
}

void append_helper_body(std::string& out, const FunctionBinding& function, const Package& package) {
  const auto* handle = handle_named(package, function.subject);
  if (!handle) {
    out += "  abort();\n";
    return;
  }
  const auto& info = handle->type_info;
  const auto pointer_of = [&](std::size_t index) {
    return handle_pointer(*handle, shim_argument(index), function.c_name);
  };
  const auto box_of = [&](std::size_t index) {
    return formatted(FMT_COMPILE("pen_handle_box_of({}, &{}, \"{}\", \"{}\")"),
                     shim_argument(index), info, function.c_name, handle->pen_name);
  };
  switch (function.kind) {
  case FunctionKind::Call:
    return;
  case FunctionKind::HandleNull:
    append_format(out, FMT_COMPILE("  return {}(NULL);\n"), wrap_of(info));
    return;
  case FunctionKind::HandleIsNull:
    append_format(out,
                  FMT_COMPILE("  bool pen_null = {} == NULL;\n"
                              "  pen_handle_drop(pen_arg0);\n"
                              "  return pen_null;\n"),
                  pointer_of(0));
    return;
  case FunctionKind::HandleSame:
    if (handle->is_function_pointer) { // boxes differ; the functions compare
      append_format(
          out,
          FMT_COMPILE("  bool pen_same = pen_function_handle_get(pen_arg0, &{0}, \"{1}\", \"{2}\") "
                      "== pen_function_handle_get(pen_arg1, &{0}, \"{1}\", \"{2}\");\n"
                      "  pen_handle_drop(pen_arg0);\n"
                      "  pen_handle_drop(pen_arg1);\n"
                      "  return pen_same;\n"),
          info, function.c_name, handle->pen_name);
      return;
    }
    append_format(out,
                  FMT_COMPILE("  bool pen_same = {} == {};\n"
                              "  pen_handle_drop(pen_arg0);\n"
                              "  pen_handle_drop(pen_arg1);\n"
                              "  return pen_same;\n"),
                  pointer_of(0), pointer_of(1));
    return;
  case FunctionKind::StructNew:
    append_format(out,
                  FMT_COMPILE("  void *pen_object = calloc(1, sizeof({0}));\n"
                              "  if (!pen_object) {{\n"
                              "    pen_abort(\"{1}: out of memory\");\n"
                              "  }}\n"
                              "  return pen_handle_new(&{2}, pen_object, sizeof({0}), "
                              "pen_handle_free_pointer, {3});\n"),
                  handle->allocated_c_type, function.c_name, info, handle->keep_alive_slots);
    return;
  case FunctionKind::BufferNew:
    append_format(
        out,
        FMT_COMPILE("  size_t pen_size = (size_t)pen_number_to_u64(pen_arg0, SIZE_MAX - 1);\n"
                    "  return pen_handle_new(&{}, pen_buffer_alloc(pen_size), pen_size, "
                    "pen_handle_free_pointer, 0);\n"),
        info);
    return;
  case FunctionKind::BufferFromString:
    append_format(
        out,
        FMT_COMPILE(
            "  size_t pen_size = (size_t)pen_string_len(pen_arg0);\n"
            "  void *pen_bytes = pen_buffer_alloc(pen_size);\n"
            "  if (pen_size) {{\n"
            "    memcpy(pen_bytes, pen_string_data(pen_arg0), pen_size);\n"
            "  }}\n"
            "  pen_string_drop(pen_arg0);\n"
            "  return pen_handle_new(&{}, pen_bytes, pen_size, pen_handle_free_pointer, 0);\n"),
        info);
    return;
  case FunctionKind::BufferToString:
    append_format(
        out,
        FMT_COMPILE(
            "  pen_handle_box *pen_box = {};\n  size_t pen_size = pen_box ? pen_box->size : 0;\n  "
            "uint64_t pen_offset = pen_number_to_u64(pen_arg1, UINT64_MAX);\n  uint64_t pen_length "
            "= pen_number_to_u64(pen_arg2, UINT64_MAX);\n  if (pen_offset > pen_size || pen_length "
            "> pen_size - pen_offset) {{\n    fprintf(stderr, \"BufferToString: bytes [%llu, "
            "+%llu) are outside a Buffer of %llu bytes\\n\", (unsigned long long)pen_offset, "
            "(unsigned long long)pen_length, (unsigned long long)pen_size);\n    abort();\n  }}\n  "
            "pen_string pen_string_result = pen_length ? pen_string_new((const uint8_t "
            "*)pen_box->pointer + pen_offset, (uintptr_t)pen_length) : NULL;\n  "
            "pen_handle_drop(pen_arg0);\n  return pen_string_result;\n"),
        box_of(0));
    return;
  case FunctionKind::BufferSize:
    append_format(out,
                  FMT_COMPILE("  pen_handle_box *pen_box = {};\n"
                              "  double pen_size = pen_box ? (double)pen_box->size : 0;\n"
                              "  pen_handle_drop(pen_arg0);\n"
                              "  return pen_size;\n"),
                  box_of(0));
    return;
  case FunctionKind::HandleUpcast:
    // The tag check (a handle of the derived type or of one derived from it), then the same
    // `any` in a handle record of the base type: one more reference to the same box.
    append_format(
        out,
        FMT_COMPILE(
            "  (void){};\n"
            "  pen_handle_body *pen_upcast = pen_block_alloc(sizeof(pen_handle_body));\n"
            "  pen_upcast->inner.tag = pen_arg0->inner.tag;\n"
            "  pen_upcast->inner.payload = pen_arg0->inner.tag->clone(pen_arg0->inner.payload);\n"
            "  pen_handle_drop(pen_arg0);\n"
            "  return pen_upcast;\n"),
        pointer_of(0));
    return;
  case FunctionKind::FieldGet:
  case FunctionKind::FieldSet:
    break;
  }

  const auto& field = *function.field;
  append_format(out,
                FMT_COMPILE("  {} *pen_object = {};\n"
                            "  if (!pen_object) {{\n"
                            "    pen_abort(\"{}: the {} handle is NULL\");\n"
                            "  }}\n"),
                handle->allocated_c_type, pointer_of(0), function.c_name, handle->pen_name);
  std::string lvalue = "pen_object->" + field.c_path;
  std::size_t value_index = 1;
  if (field.array_count) {
    append_format(
        out,
        FMT_COMPILE("  uint64_t pen_index = pen_number_to_u64(pen_arg1, UINT64_MAX);\n  if "
                    "(pen_index >= {0}u) {{\n    fprintf(stderr, \"{1}: index %llu is outside [0, "
                    "{0})\\n\", (unsigned long long)pen_index);\n    abort();\n  }}\n"),
        field.array_count, function.c_name);
    lvalue += "[pen_index]";
    value_index = 2;
  }
  if (function.kind == FunctionKind::FieldGet) {
    std::string type;
    switch (function.result.conversion) {
    case ResultConversion::Bool:
      type = "bool";
      break;
    case ResultConversion::CString:
      type = "pen_string";
      break;
    case ResultConversion::Record:
      type = body_of(package, field.pen_type_name) + " *";
      break;
    case ResultConversion::Handle:
      type = "pen_handle_body *";
      break;
    default:
      type = "double";
      break;
    }
    append_format(out,
                  FMT_COMPILE("  {} pen_value = {};\n"
                              "  pen_handle_drop(pen_arg0);\n"
                              "  return pen_value;\n"),
                  type, value_from_c(package, field, lvalue));
    return;
  }
  const auto value = shim_argument(value_index);
  const auto& parameter = function.parameters[value_index];
  if (parameter.function_pointer) {
    append_format(out,
                  FMT_COMPILE("  {} = ({})pen_function_handle_get({}, &{}, \"{}\", \"{}\");\n"
                              "  pen_handle_drop({});\n"),
                  lvalue, parameter.c_type, value, parameter.type_info, function.c_name,
                  parameter.pen_type_name, value);
  } else if (parameter.conversion == ArgumentConversion::Handle ||
             parameter.conversion == ArgumentConversion::BufferHandle) {
    // The struct keeps the pointer: the handle's box stays alive with it.
    append_format(
        out,
        FMT_COMPILE("  pen_handle_box *pen_box = pen_handle_box_of({}, &{}, \"{}\", \"{}\");\n"
                    "  {} = (void *)(pen_box ? pen_box->pointer : NULL);\n"
                    "  pen_handle_keep_alive({}, {}, pen_box);\n"
                    "  pen_handle_drop({});\n"),
        value, parameter.type_info, function.c_name, parameter.pen_type_name, lvalue, box_of(0),
        function.keep_alive_slot, value);
  } else if (parameter.conversion == ArgumentConversion::Record) {
    append_format(out,
                  FMT_COMPILE("  pen_scratch pen_s = {{NULL, 0, 0}};\n"
                              "  {0}_to_c(({0} *){1}, &{2}, &pen_s);\n"
                              "  {0}_drop(({0} *){1});\n"
                              "  pen_scratch_free(&pen_s);\n"),
                  body_of(package, field.pen_type_name), value, lvalue);
  } else {
    out += "  ";
    out += scalar_to_c(field, lvalue, value);
    out += '\n';
  }
  out += "  pen_handle_drop(pen_arg0);\n";
}

} // namespace pen_bindgen::emit

namespace pen_bindgen::emit {

namespace {

// Two more spaces before every line: field drops nested one block deeper.
std::string indented(const std::string& lines) {
  std::string text;
  bool line_start = true;
  for (const char c : lines) {
    if (line_start && c != '\n') {
      text += "  ";
    }
    text += c;
    line_start = c == '\n';
  }
  return text;
}

// Gives up the result the shim made when the call failed after all.
std::string release_result(const FunctionBinding& function, const Package& package) {
  const auto& result = function.result;
  if (!function.out_record.empty()) {
    const auto* record = record_named(package, function.out_record);
    // The record has no C struct, so no `_drop` of its own: its fields are dropped here.
    std::string drops;
    if (record) {
      for (const auto& field : record->fields) {
        drops += field_drop(package, field);
      }
    }
    for (auto position = drops.find("pen->"); position != std::string::npos;
         position = drops.find("pen->", position)) {
      drops.replace(position, 5, "pen_return->");
    }
    return formatted(FMT_COMPILE("    if (pen_block_release(pen_return)) {{\n"
                                 "{}      pen_block_free(pen_return);\n"
                                 "    }}\n"),
                     indented(drops));
  }
  switch (result.conversion) {
  case ResultConversion::CString:
    return result.nullable ? "    pen_variant_result.tag->drop(pen_variant_result.payload);\n"
                           : "    pen_string_drop(pen_string_result);\n";
  case ResultConversion::Record:
    return formatted(FMT_COMPILE("    {}_drop(pen_return);\n"),
                     body_of(package, result.pen_type_name));
  case ResultConversion::Handle:
    return result.nullable ? "    pen_return.tag->drop(pen_return.payload);\n"
                           : "    pen_handle_drop(pen_return);\n";
  default:
    return {};
  }
}

// The successful result as an `any` (pen-abi 5.3): Pen's own conversions for its built-in
// types, the Pen module's `_to_any` exports for the package's records and handles.
std::string success_value(const FunctionBinding& function, const Package& package) {
  const auto& result = function.result;
  if (!function.out_record.empty() || result.conversion == ResultConversion::Record) {
    const auto* record = record_named(package, result.pen_type_name);
    return formatted(FMT_COMPILE("{}(pen_return)"), record ? record->to_any_symbol : std::string());
  }
  switch (result.conversion) {
  case ResultConversion::None:
    return "pen_ffi_none_to_any()";
  case ResultConversion::SignedInteger:
  case ResultConversion::UnsignedInteger:
  case ResultConversion::Floating:
    return "pen_ffi_number_to_any((double)pen_result)";
  case ResultConversion::Bool:
    return "pen_ffi_boolean_to_any(pen_result)";
  case ResultConversion::CString:
    return result.nullable ? "pen_variant_result" : "pen_ffi_string_to_any(pen_string_result)";
  case ResultConversion::Handle: {
    if (result.nullable) {
      return "pen_return";
    }
    const auto* handle = handle_named(package, result.pen_type_name);
    return formatted(FMT_COMPILE("{}(pen_return)"), handle ? handle->to_any_symbol : std::string());
  }
  case ResultConversion::List: // the Pen module's export gives `[T]` its tag (pen-abi 5.1)
    return formatted(FMT_COMPILE("{}(pen_list_result)"), result.to_any_symbol);
  case ResultConversion::Record:
    break;
  }
  return "pen_ffi_none_to_any()";
}

} // namespace

void append_fallible_return(std::string& out, const FunctionBinding& function,
                            const Package& package) {
  append_format(
      out,
      FMT_COMPILE("  if (pen_error_message) {{\n"
                  "{}    pen_variant pen_error = pen_error_from_message(pen_error_message);\n"
                  "    {}(pen_error_message);\n"
                  "    return pen_error;\n"
                  "  }}\n"
                  "  return {};\n"),
      release_result(function, package), function.result.error_free,
      success_value(function, package));
}

} // namespace pen_bindgen::emit
