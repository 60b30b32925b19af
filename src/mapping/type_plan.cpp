#include "type_plan.hpp"

#include "pen_bindgen/mapping/names.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <map>
#include <stdexcept>
#include <unordered_set>
#include <utility>

namespace pen_bindgen::mapping {

namespace {

bool is_character(ir::IntegerKind kind) {
  return kind == ir::IntegerKind::Char || kind == ir::IntegerKind::SignedChar ||
         kind == ir::IntegerKind::UnsignedChar;
}

bool is_128_bit(ir::IntegerKind kind) {
  return kind == ir::IntegerKind::Int128 || kind == ir::IntegerKind::UnsignedInt128;
}

bool is_integral(const ir::Type& type) {
  return (type.kind == ir::TypeKind::Integer || type.kind == ir::TypeKind::Enum) &&
         !is_128_bit(type.integer);
}

// `char *`, `unsigned char *`, `Bytef *`: bytes the callee may write, so a Buffer.
bool is_mutable_byte_pointer(const ir::Type& type) {
  return type.kind == ir::TypeKind::Pointer && type.pointee &&
         type.pointee->kind == ir::TypeKind::Integer && is_character(type.pointee->integer) &&
         !type.pointee->is_const;
}

bool is_character_pointer(const ir::Type& type) {
  return type.kind == ir::TypeKind::Pointer && type.pointee &&
         type.pointee->kind == ir::TypeKind::Integer && is_character(type.pointee->integer);
}

std::string strip_keyword(const std::string& name) {
  for (const char* keyword : {"struct ", "union ", "enum "}) {
    if (name.rfind(keyword, 0) == 0) {
      return name.substr(std::string(keyword).size());
    }
  }
  return name;
}

std::string strip_const(std::string spelling) {
  while (spelling.rfind("const ", 0) == 0) {
    spelling = spelling.substr(6);
  }
  return spelling;
}

// A scalar C lvalue as a field: number or boolean, converted like a parameter.
std::optional<FieldBinding> scalar_field(const ir::Type& type) {
  FieldBinding field;
  if (type.kind == ir::TypeKind::Bool) {
    field.pen_type = PenType::Boolean;
    field.conversion = FieldConversion::Bool;
    return field;
  }
  if (is_integral(type)) {
    field.conversion = ir::is_unsigned(type.integer) ? FieldConversion::UnsignedInteger
                                                     : FieldConversion::SignedInteger;
    field.integer = type.integer;
    return field;
  }
  if (type.kind == ir::TypeKind::Floating && type.floating == ir::FloatKind::Double) {
    field.conversion = FieldConversion::Double;
    return field;
  }
  if (type.kind == ir::TypeKind::Floating && type.floating == ir::FloatKind::Float) {
    field.conversion = FieldConversion::Float;
    return field;
  }
  return std::nullopt;
}

bool is_va_list_record(const ir::Type& type) {
  return type.kind == ir::TypeKind::Record && type.name.find("__va_list") != std::string::npos;
}

// Why pointers to `pointee` have no handle type (TypePlan::handle_type said no).
std::string why_not_handle(const ir::Type& pointee) {
  if (is_va_list_record(pointee)) {
    return "va_list is the compiler's argument list of a variadic call, which Pen values cannot "
           "build";
  }
  if (pointee.kind == ir::TypeKind::Pointer && pointee.pointee &&
      pointee.pointee->kind == ir::TypeKind::Function) {
    return "pointers to function pointers are not supported";
  }
  if ((pointee.kind == ir::TypeKind::Pointer && pointee.pointee &&
       is_va_list_record(*pointee.pointee)) ||
      (pointee.kind == ir::TypeKind::Array && pointee.element &&
       is_va_list_record(*pointee.element))) {
    return "pointers to va_list are not supported";
  }
  if (pointee.kind == ir::TypeKind::Array) {
    return "pointers to arrays are not supported";
  }
  if (pointee.kind == ir::TypeKind::Record) {
    return "pointers to an anonymous record, which C cannot name, are not supported";
  }
  return "pointers to this type cannot be handles";
}

} // namespace

std::string c_type_text(const ir::Type& type, const ir::Library* library) {
  switch (type.kind) {
  case ir::TypeKind::Void:
    return "void";
  case ir::TypeKind::Bool:
    return "_Bool";
  case ir::TypeKind::Integer:
    return ir::c_spelling(type.integer);
  case ir::TypeKind::Floating:
    return ir::c_spelling(type.floating);
  case ir::TypeKind::Enum:
    return strip_const(type.spelling);
  case ir::TypeKind::Record: {
    if (library) {
      for (const auto& record : library->records) {
        if (record.id == type.record_id) {
          return record.name;
        }
      }
    }
    return type.name;
  }
  case ir::TypeKind::Pointer: {
    auto pointee = c_type_text(*type.pointee, library);
    if (pointee.empty()) {
      return {};
    }
    return pointee + (type.pointee->is_const ? " const *" : " *");
  }
  default:
    return {};
  }
}

TypePlan::TypePlan(const ir::Library& library, std::string prefix,
                   std::map<std::string, std::string> renames)
    : library_(library), renames_(std::move(renames)), prefix_(std::move(prefix)) {
  records_by_id_.reserve(library.records.size());
  macro_names_.reserve(library.declarations.size()); // most declarations of big headers are macros
  for (const auto& record : library.records) {
    records_by_id_.emplace(record.id, &record);
  }
  for (const auto& declaration : library.declarations) {
    if (const auto* constant = std::get_if<ir::Constant>(&declaration);
        constant && constant->origin == ir::Constant::Origin::Macro) {
      macro_names_.insert(constant->name);
    } else if (const auto* unbindable = std::get_if<ir::Unbindable>(&declaration);
               unbindable && unbindable->kind == "macro") {
      macro_names_.insert(unbindable->name);
    }
  }
  // The generic types' names are never taken by a C type.
  type_names_.insert("Buffer");
  type_names_.insert("Pointer");
  type_names_.insert("FunctionPointer");
}

const ir::RecordDefinition* TypePlan::definition_of(const ir::Type& type) const {
  if (type.kind != ir::TypeKind::Record) {
    return nullptr;
  }
  auto found = records_by_id_.find(type.record_id);
  return found == records_by_id_.end() ? nullptr : found->second;
}

std::string TypePlan::unique_type_name(const std::string& preferred) {
  std::string base = to_upper_camel(preferred);
  if (base.empty() || !(base.front() >= 'A' && base.front() <= 'Z') || is_pen_builtin(base)) {
    base = "C" + base;
  }
  std::string name = base;
  for (int suffix = 2; !type_names_.insert(name).second; ++suffix) {
    name = fmt::format("{}{}", base, suffix);
  }
  return name;
}

std::string TypePlan::type_name_for(const std::string& c_name, const std::string& preferred) {
  const auto rename = renames_.find(strip_keyword(c_name));
  if (rename != renames_.end() && type_names_.insert(rename->second).second) {
    return rename->second;
  }
  return unique_type_name(rename != renames_.end() ? rename->second : preferred);
}

// A field of a by-value record: scalars, strings, nested by-value records and handles.
std::optional<FieldBinding> TypePlan::value_field(const ir::Type& type) {
  if (auto scalar = scalar_field(type)) {
    return scalar;
  }
  FieldBinding field;
  if (is_character_pointer(type)) {
    field.pen_type = PenType::String;
    field.conversion = FieldConversion::String;
    return field;
  }
  if (const auto* record = definition_of(type)) {
    if (!is_by_value(*record)) {
      return std::nullopt;
    }
    field.pen_type = PenType::Named;
    field.conversion = FieldConversion::Record;
    field.pen_type_name = record_type(*record);
    field.c_type = record->name;
    return field;
  }
  if (type.kind == ir::TypeKind::Pointer && type.pointee->kind != ir::TypeKind::Function) {
    auto handle = handle_type(*type.pointee);
    if (!handle) {
      return std::nullopt;
    }
    const auto& info = handles_.at(*handle);
    field.pen_type = PenType::Named;
    field.conversion = FieldConversion::Handle;
    field.pen_type_name = info.type.pen_name;
    field.type_info = info.type.type_info;
    field.c_type = c_type_text(type, &library_);
    return field;
  }
  return std::nullopt;
}

// Complete, nameable structs (not unions) whose every member crosses by value; bitfields,
// arrays and anonymous members go through accessors instead.
bool TypePlan::is_by_value(const ir::RecordDefinition& record) {
  if (auto known = by_value_.find(record.id); known != by_value_.end()) {
    return known->second;
  }
  if (!record.is_complete || record.is_union || record.name.empty() || record.fields.empty() ||
      !by_value_in_progress_.insert(record.id).second) {
    return false;
  }
  bool mappable = true;
  for (const auto& field : record.fields) {
    if (field.name.empty() || field.bit_width >= 0 || macro_names_.contains(field.name)) {
      mappable = false;
      break;
    }
    // Handles in fields are fine; the check must not create types for a record that fails.
    const auto& type = *field.type;
    if (scalar_field(type) || is_character_pointer(type)) {
      continue;
    }
    if (const auto* nested = definition_of(type)) {
      if (!is_by_value(*nested)) {
        mappable = false;
        break;
      }
      continue;
    }
    if (type.kind == ir::TypeKind::Pointer && type.pointee->kind != ir::TypeKind::Function &&
        type.pointee->kind != ir::TypeKind::Array) {
      continue;
    }
    mappable = false;
    break;
  }
  by_value_in_progress_.erase(record.id);
  by_value_.emplace(record.id, mappable);
  return mappable;
}

std::string TypePlan::record_type(const ir::RecordDefinition& record) {
  if (auto known = records_.find(record.id); known != records_.end()) {
    return known->second.pen_name;
  }
  RecordType type;
  type.c_name = record.name;
  type.c_type = record.name;
  type.pen_name = type_name_for(record.name, strip_keyword(record.name));
  type.body = prefix_ + type.pen_name + "_body";
  const auto pen_name = type.pen_name;
  records_.emplace(record.id, type);
  std::vector<FieldBinding> fields;
  std::set<std::string> field_names;
  for (const auto& field : record.fields) {
    auto binding = value_field(*field.type);
    if (!binding) {
      continue; // is_by_value vouched for every field
    }
    binding->c_path = field.name;
    std::string name = to_upper_camel(field.name);
    if (name.empty() || !(name.front() >= 'A' && name.front() <= 'Z')) {
      name = "F" + name;
    }
    std::string unique = name;
    for (int suffix = 2; !field_names.insert(unique).second; ++suffix) {
      unique = fmt::format("{}{}", name, suffix);
    }
    binding->pen_name = unique;
    fields.push_back(std::move(*binding));
  }
  records_.at(record.id).fields = std::move(fields);
  return pen_name;
}

std::string TypePlan::buffer_type() {
  const std::string key = "buffer";
  if (!handles_.contains(key)) {
    HandleInfo info;
    info.type.c_name = "Buffer";
    info.type.pen_name = "Buffer";
    info.type.type_info = prefix_ + "Buffer_type";
    info.type.is_buffer = true;
    handles_.emplace(key, std::move(info));
  }
  return key;
}

std::optional<std::string> TypePlan::handle_type(const ir::Type& pointee) {
  std::string key;
  std::string name;
  std::string c_name;
  std::string renamed_c_name; // a struct whose handle carries its name: the config may rename it
  const ir::RecordDefinition* record = nullptr;
  switch (pointee.kind) {
  case ir::TypeKind::Void:
    // The generic handle: its name is reserved, never uniquified.
    if (!handles_.contains("void")) {
      HandleInfo info;
      info.type.c_name = "void";
      info.type.pen_name = "Pointer";
      info.type.type_info = prefix_ + "Pointer_type";
      handles_.emplace("void", std::move(info));
    }
    return std::string("void");
  case ir::TypeKind::Record:
    record = definition_of(pointee);
    c_name = record ? record->name : pointee.name;
    // An anonymous record C cannot name; va_list's compiler-internal record.
    if (c_name.empty() || c_name.find("__va_list") != std::string::npos) {
      return std::nullopt;
    }
    key = "record:" + (record ? record->id : pointee.name);
    name = strip_keyword(c_name);
    // The record type owns the plain name; pointers to it are a different Pen type.
    if (record && is_by_value(*record)) {
      name += "Ptr";
    } else {
      renamed_c_name = c_name;
    }
    break;
  case ir::TypeKind::Pointer: {
    if (pointee.pointee->kind == ir::TypeKind::Function) {
      return std::nullopt;
    }
    auto inner = handle_type(*pointee.pointee);
    if (!inner) {
      return std::nullopt;
    }
    const auto& inner_info = handles_.at(*inner);
    key = *inner + "*";
    name = (inner_info.type.is_buffer ? std::string("Char") : inner_info.type.pen_name) + "Pointer";
    c_name = inner_info.type.c_name + " *";
    break;
  }
  case ir::TypeKind::Function:
  case ir::TypeKind::Array:
    return std::nullopt;
  default:
    c_name = c_type_text(pointee, &library_);
    if (c_name.empty()) {
      c_name = strip_const(pointee.spelling);
    }
    key = "value:" + c_name;
    name = c_name;
    break;
  }
  if (!handles_.contains(key)) {
    HandleInfo info;
    info.type.c_name = c_name;
    if (record) {
      info.type.display_name = record->display_name;
    }
    info.type.pen_name =
        renamed_c_name.empty() ? unique_type_name(name) : type_name_for(renamed_c_name, name);
    info.type.type_info = prefix_ + info.type.pen_name + "_type";
    if (record && record->is_complete && !record->is_anonymous) {
      info.record_id = record->id;
      info.type.allocated_c_type = record->name;
    } else if (record && record->is_complete) {
      info.record_id = record->id;
      info.type.allocated_c_type = record->name; // named by its typedef
    }
    handles_.emplace(key, std::move(info));
  }
  return key;
}

// A typedef names the function-pointer type (`uv_close_cb`, `lua_CFunction`): one handle type
// per typedef; a type spelled out (`int (*)(EVP_PKEY_CTX *)`) shares the generic FunctionPointer.
// The box holds `void (*)(void)`; each use casts it to the type that use spells.
std::string TypePlan::function_pointer_type(const ir::Type& pointer) {
  const auto spelling = strip_const(pointer.spelling);
  const bool is_typedef =
      !spelling.empty() && std::all_of(spelling.begin(), spelling.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '_';
      });
  const std::string key = is_typedef ? "function:" + spelling : "function:";
  if (!handles_.contains(key)) {
    HandleInfo info;
    info.type.c_name = is_typedef ? spelling : "function pointer";
    info.type.pen_name = is_typedef ? unique_type_name(spelling) : "FunctionPointer";
    info.type.type_info = prefix_ + info.type.pen_name + "_type";
    info.type.is_function_pointer = true;
    handles_.emplace(key, std::move(info));
  }
  return key;
}

std::variant<ParameterBinding, Unsupported> TypePlan::parameter(const ir::Type& type,
                                                                bool allow_out) {
  ParameterBinding binding;
  if (const auto* record = definition_of(type)) {
    if (record->is_union) {
      return Unsupported{"unions passed by value are not supported"};
    }
    if (!is_by_value(*record)) {
      return Unsupported{"a struct passed by value whose members do not all cross"};
    }
    binding.pen_type = PenType::Named;
    binding.conversion = ArgumentConversion::Record;
    binding.pen_type_name = record_type(*record);
    binding.c_type = record->name;
    return binding;
  }
  if (type.kind != ir::TypeKind::Pointer) {
    return Unsupported{};
  }
  const auto& pointee = *type.pointee;
  if (pointee.kind == ir::TypeKind::Function) {
    // Not a callback with user data: an opaque value Pen can only pass on (NULL or from C).
    const auto& handle = handles_.at(function_pointer_type(type)).type;
    binding.pen_type = PenType::Named;
    binding.conversion = ArgumentConversion::Handle;
    binding.pen_type_name = handle.pen_name;
    binding.type_info = handle.type_info;
    binding.c_type = type.spelling;
    binding.function_pointer = true;
    return binding;
  }
  if (is_mutable_byte_pointer(type)) {
    binding.pen_type = PenType::Named;
    binding.conversion = ArgumentConversion::BufferHandle;
    binding.pen_type_name = "Buffer";
    binding.type_info = handles_.at(buffer_type()).type.type_info;
    return binding;
  }
  if (const auto* record = definition_of(pointee);
      record && pointee.is_const && is_by_value(*record)) {
    binding.pen_type = PenType::Named;
    binding.conversion = ArgumentConversion::RecordPointer;
    binding.pen_type_name = record_type(*record);
    binding.c_type = record->name;
    return binding;
  }
  // `T **` with T a struct or void, not const: the callee stores a pointer there.
  if (allow_out && pointee.kind == ir::TypeKind::Pointer && !pointee.is_const &&
      (pointee.pointee->kind == ir::TypeKind::Record ||
       pointee.pointee->kind == ir::TypeKind::Void)) {
    auto handle = handle_type(*pointee.pointee);
    auto c_type = c_type_text(pointee, &library_);
    if (handle && !c_type.empty()) {
      binding.pen_type = PenType::Named;
      binding.conversion = ArgumentConversion::OutHandle;
      const auto& out_handle = handles_.at(*handle).type;
      binding.pen_type_name = out_handle.pen_name;
      binding.type_info = out_handle.type_info;
      binding.c_type = c_type;
      return binding;
    }
  }
  auto handle = handle_type(pointee);
  if (!handle) {
    return Unsupported{why_not_handle(pointee)};
  }
  binding.pen_type = PenType::Named;
  binding.conversion = ArgumentConversion::Handle;
  const auto& handle_info = handles_.at(*handle).type; // one lookup of the long key
  binding.pen_type_name = handle_info.pen_name;
  binding.type_info = handle_info.type_info;
  // Typed, so function-like macros over the function (zlib's gzgetc) see the real type.
  binding.c_type = c_type_text(type, &library_);
  return binding;
}

const std::variant<ParameterBinding, Unsupported>& TypePlan::parameter(const ir::TypePtr& type,
                                                                       bool allow_out) {
  const auto key = std::pair{type.get(), allow_out};
  auto planned = planned_parameters_.find(key);
  if (planned == planned_parameters_.end()) {
    planned =
        planned_parameters_.emplace(key, PlannedParameter{type, parameter(*type, allow_out)}).first;
  }
  return planned->second.plan;
}

const std::variant<ResultBinding, Unsupported>& TypePlan::result(const ir::TypePtr& type) {
  auto planned = planned_results_.find(type.get());
  if (planned == planned_results_.end()) {
    planned = planned_results_.emplace(type.get(), PlannedResult{type, result(*type)}).first;
  }
  return planned->second.plan;
}

std::variant<ResultBinding, Unsupported> TypePlan::result(const ir::Type& type) {
  ResultBinding binding;
  if (const auto* record = definition_of(type)) {
    if (record->is_union || !is_by_value(*record)) {
      return Unsupported{record->is_union ? "unions returned by value are not supported"
                                          : "a struct whose members do not all cross"};
    }
    binding.pen_type = PenType::Named;
    binding.conversion = ResultConversion::Record;
    binding.pen_type_name = record_type(*record);
    binding.c_type = record->name;
    return binding;
  }
  if (type.kind != ir::TypeKind::Pointer) {
    return Unsupported{};
  }
  if (type.pointee->kind == ir::TypeKind::Function) {
    const auto& handle = handles_.at(function_pointer_type(type)).type;
    binding.pen_type = PenType::Named;
    binding.conversion = ResultConversion::Handle;
    binding.pen_type_name = handle.pen_name;
    binding.type_info = handle.type_info;
    binding.c_type = type.spelling;
    binding.function_pointer = true;
    return binding;
  }
  auto handle = handle_type(*type.pointee);
  if (!handle) {
    return Unsupported{why_not_handle(*type.pointee)};
  }
  // A nullable handle stays a handle: NULL is a valid handle and <Type>IsNull tests it.
  binding.pen_type = PenType::Named;
  binding.conversion = ResultConversion::Handle;
  binding.pen_type_name = handles_.at(*handle).type.pen_name;
  binding.type_info = handles_.at(*handle).type.type_info;
  return binding;
}

void TypePlan::add_own_records() {
  for (const auto& record : library_.records) {
    if (!record.is_own || !record.is_complete || record.name.empty()) {
      continue;
    }
    if (!record.is_union && is_by_value(record)) {
      record_type(record);
    } else {
      handle_type(*ir::make_record_ref(record.name, record.id));
    }
  }
}

void TypePlan::plan_upcasts(const std::vector<UpcastEdge>& upcasts) {
  const auto handle_of = [&](const std::string& record_id) -> std::optional<std::string> {
    const auto found = records_by_id_.find(record_id);
    if (found == records_by_id_.end() || found->second->name.empty()) {
      return std::nullopt;
    }
    return handle_type(*ir::make_record_ref(found->second->name, record_id));
  };
  for (const auto& edge : upcasts) {
    const auto derived = handle_of(edge.derived_id);
    const auto base = handle_of(edge.base_id);
    if (derived && base && *derived != *base) {
      upcasts_.push_back({*derived, *base, edge.function});
    }
  }
  // Every ancestor accepts every descendant: breadth first from each derived type, so the
  // shortest chain of upcast functions wins (a direct one when the IR lists every ancestor).
  std::map<std::string, std::map<std::string, HandleSubtype>> accepted; // base key -> by Pen name
  for (const auto& [key, info] : handles_) {
    std::map<std::string, std::vector<std::string>> chains{{key, {}}};
    std::vector<std::string> frontier{key};
    while (!frontier.empty()) {
      std::vector<std::string> next;
      for (const auto& from : frontier) {
        for (const auto& upcast : upcasts_) {
          if (upcast.derived != from || chains.contains(upcast.base)) {
            continue;
          }
          auto chain = chains.at(from);
          chain.push_back(upcast.function);
          chains.emplace(upcast.base, chain);
          next.push_back(upcast.base);
          accepted[upcast.base].emplace(
              info.type.pen_name, HandleSubtype{info.type.pen_name, info.type.type_info, chain});
        }
      }
      frontier = std::move(next);
    }
  }
  for (auto& [key, subtypes] : accepted) {
    auto& derived = handles_.at(key).type.derived;
    derived.clear();
    for (auto& [name, subtype] : subtypes) {
      derived.push_back(std::move(subtype));
    }
  }
}

namespace {

ParameterBinding named_parameter(std::string pen_name, ArgumentConversion conversion,
                                 const HandleType& handle) {
  ParameterBinding parameter;
  parameter.c_name = pen_name;
  parameter.pen_name = std::move(pen_name);
  parameter.pen_type = PenType::Named;
  parameter.pen_type_name = handle.pen_name;
  parameter.conversion = conversion;
  parameter.type_info = handle.type_info;
  return parameter;
}

ParameterBinding number_parameter(std::string pen_name) {
  ParameterBinding parameter;
  parameter.c_name = pen_name;
  parameter.pen_name = std::move(pen_name);
  parameter.conversion = ArgumentConversion::UnsignedInteger;
  parameter.integer = ir::IntegerKind::UnsignedLong;
  return parameter;
}

FunctionBinding helper(const std::string& prefix, FunctionKind kind, std::string name,
                       std::string documentation, const HandleType& subject,
                       const ir::Location& location) {
  FunctionBinding function;
  function.kind = kind;
  function.c_name = std::move(name);
  function.location = location;
  function.c_prototype = std::move(documentation);
  function.shim_symbol = prefix + function.c_name;
  function.subject = subject.pen_name;
  return function;
}

ResultBinding field_result(const FieldBinding& field) {
  ResultBinding result;
  result.pen_type = field.pen_type;
  result.pen_type_name = field.pen_type_name;
  result.integer = field.integer;
  result.c_type = field.c_type;
  result.type_info = field.type_info;
  switch (field.conversion) {
  case FieldConversion::SignedInteger:
    result.conversion = ResultConversion::SignedInteger;
    break;
  case FieldConversion::UnsignedInteger:
    result.conversion = ResultConversion::UnsignedInteger;
    break;
  case FieldConversion::Float:
  case FieldConversion::Double:
    result.conversion = ResultConversion::Floating;
    break;
  case FieldConversion::Bool:
    result.conversion = ResultConversion::Bool;
    break;
  case FieldConversion::String:
    result.conversion = ResultConversion::CString;
    break;
  case FieldConversion::Record:
    result.conversion = ResultConversion::Record;
    break;
  case FieldConversion::Handle:
    result.conversion = ResultConversion::Handle;
    break;
  }
  return result;
}

ParameterBinding field_parameter(const FieldBinding& field, const HandleType& buffer) {
  ParameterBinding parameter;
  parameter.c_name = "value";
  parameter.pen_name = "value";
  parameter.pen_type = field.pen_type;
  parameter.pen_type_name = field.pen_type_name;
  parameter.integer = field.integer;
  parameter.c_type = field.c_type;
  parameter.type_info = field.type_info;
  switch (field.conversion) {
  case FieldConversion::SignedInteger:
    parameter.conversion = ArgumentConversion::SignedInteger;
    break;
  case FieldConversion::UnsignedInteger:
    parameter.conversion = ArgumentConversion::UnsignedInteger;
    break;
  case FieldConversion::Float:
    parameter.conversion = ArgumentConversion::Float;
    break;
  case FieldConversion::Double:
    parameter.conversion = ArgumentConversion::Double;
    break;
  case FieldConversion::Bool:
    parameter.conversion = ArgumentConversion::Bool;
    break;
  case FieldConversion::Record:
    parameter.conversion = ArgumentConversion::Record;
    break;
  case FieldConversion::String:
  case FieldConversion::Handle:
    parameter.conversion = ArgumentConversion::Handle;
    break;
  }
  // The struct keeps the pointer: bytes come from a Buffer, which the handle keeps alive.
  if (field.is_byte_pointer) {
    parameter.pen_type = PenType::Named;
    parameter.pen_type_name = buffer.pen_name;
    parameter.conversion = ArgumentConversion::BufferHandle;
    parameter.type_info = buffer.type_info;
  }
  return parameter;
}

SkippedDeclaration skipped_field(const std::string& record, const std::string& path,
                                 const ir::Location& location, std::string reason) {
  return SkippedDeclaration{record + "." + path, location, std::move(reason), "unsupported-field"};
}

} // namespace

void TypePlan::flatten_fields(const ir::RecordDefinition& record, const std::string& path,
                              const std::string& pen_prefix, HandleInfo& handle,
                              AccessorSlots& slots) {
  const auto& owner = handle.type;
  for (const auto& field : record.fields) {
    const auto& type = *field.type;
    const auto* nested = definition_of(type);
    if (field.name.empty()) {
      if (nested && nested->is_complete) {
        flatten_fields(*nested, path, pen_prefix, handle, slots); // C11 anonymous member
      }
      continue;
    }
    const std::string c_path = path + field.name;
    const std::string pen_name = pen_prefix + to_upper_camel(field.name);
    if (macro_names_.contains(field.name)) {
      slots.add([&] {
        return skipped_field(owner.allocated_c_type, c_path, record.location,
                             "a macro of the same name hides the member from C");
      });
      continue;
    }
    std::optional<FieldBinding> binding;
    std::uint64_t array_count = 0;
    if (field.bit_width >= 0) {
      binding = scalar_field(type);
      if (binding) {
        binding->bit_width = field.bit_width;
      }
    } else if (nested && nested->is_complete && !is_by_value(*nested)) {
      flatten_fields(*nested, c_path + ".", pen_name, handle, slots);
      continue;
    } else if (type.kind == ir::TypeKind::Array) {
      if (type.array_count == 0) {
        slots.add([&] {
          return skipped_field(owner.allocated_c_type, c_path, record.location,
                               "flexible array members have no known bound");
        });
        continue;
      }
      binding = scalar_field(*type.element);
      array_count = type.array_count;
    } else if (type.kind == ir::TypeKind::Pointer && type.pointee->kind == ir::TypeKind::Function) {
      // An opaque function-pointer handle: read, and assigned from NULL or a value C gave.
      const auto& info = handles_.at(function_pointer_type(type)).type;
      binding = FieldBinding{};
      binding->pen_type = PenType::Named;
      binding->conversion = FieldConversion::Handle;
      binding->pen_type_name = info.pen_name;
      binding->type_info = info.type_info;
      binding->c_type = type.spelling;
    } else if (is_character_pointer(type) && type.pointee->integer == ir::IntegerKind::Char) {
      // A C string: read as a copy; assigned from a Buffer (NUL-terminated, kept alive).
      binding = FieldBinding{};
      binding->pen_type = PenType::String;
      binding->conversion = FieldConversion::String;
      binding->is_byte_pointer = true;
    } else if (is_character_pointer(type)) {
      // Bytes (`Bytef *next_in`): read as a raw handle, assigned from a Buffer.
      if (auto pointee = handle_type(*type.pointee)) {
        const auto& info = handles_.at(*pointee).type;
        binding = FieldBinding{};
        binding->pen_type = PenType::Named;
        binding->conversion = FieldConversion::Handle;
        binding->pen_type_name = info.pen_name;
        binding->type_info = info.type_info;
        binding->c_type = c_type_text(type, &library_);
        binding->is_byte_pointer = true;
      }
    } else {
      binding = value_field(type);
    }
    if (!binding) {
      slots.add([&] {
        return skipped_field(owner.allocated_c_type, c_path, record.location,
                             fmt::format("member type '{}' is not supported", type.spelling));
      });
      continue;
    }
    // A const member cannot be assigned in C. A record member is read only: its strings would
    // be the shim's temporary copies.
    const bool settable = !type.is_const &&
                          !(type.kind == ir::TypeKind::Array && type.element->is_const) &&
                          binding->conversion != FieldConversion::Record;
    // The setter of a byte pointer takes a Buffer: planned here, where the setter asks for it.
    const auto buffer = settable && binding->is_byte_pointer
                            ? std::optional<std::string>(buffer_type())
                            : std::nullopt;
    if (slots.planning()) {
      slots.count += settable ? 2 : 1;
      continue;
    }
    binding->c_path = c_path;
    binding->pen_name = pen_name;
    binding->array_count = array_count;
    const auto field_binding = std::make_shared<const FieldBinding>(std::move(*binding));

    // What the getter and the setter share: the member, the handle, an array member's index.
    const auto accessor = [&](FunctionKind kind, const char* verb, std::string documentation) {
      auto function = helper(prefix_, kind, owner.pen_name + verb + pen_name,
                             std::move(documentation), owner, record.location);
      function.field = field_binding;
      function.parameters.push_back(named_parameter("handle", ArgumentConversion::Handle, owner));
      if (array_count) {
        function.parameters.push_back(number_parameter("index"));
      }
      return function;
    };
    slots.add([&] {
      auto getter = accessor(FunctionKind::FieldGet, "Get",
                             fmt::format("{}.{} (read in C).", owner.allocated_c_type, c_path));
      getter.result = field_result(*field_binding);
      return getter;
    });
    if (!settable) {
      continue;
    }
    slots.add([&] {
      auto setter =
          accessor(FunctionKind::FieldSet, "Set",
                   fmt::format("Sets {}.{} (written in C).", owner.allocated_c_type, c_path));
      setter.parameters.push_back(
          field_parameter(*field_binding, buffer ? handles_.at(*buffer).type : HandleType{}));
      if (type.kind == ir::TypeKind::Pointer && type.pointee->kind == ir::TypeKind::Function) {
        // A function pointer is a value: nothing to keep alive.
        setter.parameters.back().function_pointer = true;
        setter.parameters.back().c_type = field_binding->c_type;
      } else if (setter.parameters.back().conversion == ArgumentConversion::Handle ||
                 setter.parameters.back().conversion == ArgumentConversion::BufferHandle) {
        setter.keep_alive_slot = handle.type.keep_alive_slots++;
      }
      return setter;
    });
  }
}

void TypePlan::helper_items(std::vector<Item>& items) {
  // Two passes over the structs behind handles. The first expands each as its accessors will be,
  // which creates the handle types of pointer members (whose structs are expanded in turn) in
  // the one order that names them, and counts each struct's accessors; the second builds them
  // from the finished plan straight into their places in `items`, which are in type name order
  // (built into a list per struct, then moved twice, they were written three times:
  // docs/performance.md).
  std::vector<std::string> keys;
  std::unordered_set<std::string> listed; // the keys, for lookups: a scan per key was quadratic
  for (const auto& [key, info] : handles_) {
    keys.push_back(key);
    listed.insert(key);
  }
  struct Expanded {
    HandleInfo* handle;
    const ir::RecordDefinition* record;
    std::size_t count;     // the constructor and the accessors (and the skipped members)
    std::size_t first = 0; // its first slot in `items`
  };
  std::map<std::string, Expanded> expanded; // by handle Pen name
  for (std::size_t index = 0; index < keys.size(); ++index) {
    auto& info = handles_.at(keys[index]);
    if (info.record_id.empty() || info.type.allocated_c_type.empty()) {
      continue;
    }
    const auto& record = *records_by_id_.at(info.record_id);
    AccessorSlots counting;
    flatten_fields(record, "", "", info, counting);
    expanded[info.type.pen_name] = {&info, &record, 1 + counting.count};
    // Pointer members may have added handle types (handle types are never removed, so an
    // unchanged count means none was added).
    if (handles_.size() != listed.size()) {
      for (const auto& [key, other] : handles_) {
        if (listed.insert(key).second) {
          keys.push_back(key);
        }
      }
    }
  }
  const std::size_t planned_handles = handles_.size();
  const std::size_t planned_records = records_.size();

  std::map<std::string, const HandleType*> by_name;
  for (const auto& [key, info] : handles_) {
    by_name.emplace(info.type.pen_name, &info.type);
  }
  // Null, IsNull and Same per handle type, the Buffer's four, upcasts and accessors, each in its
  // slot: growing the vector instead would move every binding again.
  std::size_t slot = items.size();
  std::size_t item_count = 3 * by_name.size() + upcasts_.size();
  for (const auto& [name, handle] : by_name) {
    item_count += handle->is_buffer ? 4 : 0;
  }
  for (const auto& [name, each] : expanded) {
    item_count += each.count;
  }
  items.resize(items.size() + item_count);
  const auto put = [&](FunctionBinding&& function) {
    std::get<FunctionBinding>(items[slot++]) = std::move(function);
  };
  for (const auto& [name, handle] : by_name) {
    const ir::Location location{};
    auto handle_parameter = named_parameter("handle", ArgumentConversion::Handle, *handle);
    ResultBinding handle_result;
    handle_result.pen_type = PenType::Named;
    handle_result.pen_type_name = handle->pen_name;
    handle_result.conversion = ResultConversion::Handle;
    handle_result.type_info = handle->type_info;
    ResultBinding boolean;
    boolean.pen_type = PenType::Boolean;
    boolean.conversion = ResultConversion::Bool;

    if (handle->is_buffer) {
      auto make =
          helper(prefix_, FunctionKind::BufferNew, "BufferNew",
                 "A new Buffer of `size` zero bytes (plus a NUL after them).", *handle, location);
      make.parameters.push_back(number_parameter("size"));
      make.result = handle_result;
      put(std::move(make));
      auto from = helper(prefix_, FunctionKind::BufferFromString, "BufferFromString",
                         "A new Buffer holding the bytes of a string (plus a NUL after them).",
                         *handle, location);
      ParameterBinding string;
      string.c_name = string.pen_name = "string";
      string.pen_type = PenType::String;
      string.conversion = ArgumentConversion::CString;
      from.parameters.push_back(string);
      from.result = handle_result;
      put(std::move(from));
      auto to = helper(prefix_, FunctionKind::BufferToString, "BufferToString",
                       "The bytes [offset, offset + length) of a Buffer; out of range aborts.",
                       *handle, location);
      to.parameters.push_back(handle_parameter);
      to.parameters.push_back(number_parameter("offset"));
      to.parameters.push_back(number_parameter("length"));
      to.result.pen_type = PenType::String;
      to.result.conversion = ResultConversion::CString;
      put(std::move(to));
      auto size = helper(prefix_, FunctionKind::BufferSize, "BufferSize",
                         "The size of a Buffer in bytes (0 for NULL).", *handle, location);
      size.parameters.push_back(handle_parameter);
      size.result.pen_type = PenType::Number;
      size.result.conversion = ResultConversion::UnsignedInteger;
      size.result.integer = ir::IntegerKind::UnsignedLong;
      put(std::move(size));
    }
    auto null = helper(prefix_, FunctionKind::HandleNull, name + "Null",
                       fmt::format("The NULL {} handle.", name), *handle, location);
    null.result = handle_result;
    put(std::move(null));
    auto is_null = helper(prefix_, FunctionKind::HandleIsNull, name + "IsNull",
                          fmt::format("Whether a {} handle holds NULL.", name), *handle, location);
    is_null.parameters.push_back(handle_parameter);
    is_null.result = boolean;
    put(std::move(is_null));
    auto same = helper(prefix_, FunctionKind::HandleSame, name + "Same",
                       fmt::format("Whether two {} handles hold the same pointer.", name), *handle,
                       location);
    same.parameters.push_back(handle_parameter);
    auto other = handle_parameter;
    other.c_name = other.pen_name = "other";
    same.parameters.push_back(other);
    same.result = boolean;
    put(std::move(same));
    for (const auto& upcast : upcasts_) {
      const auto& derived = handles_.at(upcast.derived).type;
      if (derived.pen_name != name) {
        continue;
      }
      const auto& base = handles_.at(upcast.base).type;
      auto as_base =
          helper(prefix_, FunctionKind::HandleUpcast, name + "As" + base.pen_name,
                 fmt::format("The {} as a {} ({}), sharing its lifetime: the {} stays alive while "
                             "either handle does.",
                             name, base.pen_name, upcast.function, name),
                 *handle, location);
      as_base.parameters.push_back(handle_parameter);
      as_base.result.pen_type = PenType::Named;
      as_base.result.pen_type_name = base.pen_name;
      as_base.result.conversion = ResultConversion::Handle;
      as_base.result.type_info = base.type_info;
      put(std::move(as_base));
    }
    if (auto found = expanded.find(name); found != expanded.end()) {
      found->second.first = slot;
      slot += found->second.count;
    }
  }
  if (slot != items.size()) {
    throw std::logic_error("type plan: the helper items do not fill the slots counted for them");
  }

  for (auto& [name, each] : expanded) {
    auto& info = *each.handle;
    auto constructor =
        helper(prefix_, FunctionKind::StructNew, info.type.pen_name + "New",
               fmt::format("A new {}, zeroed (calloc); freed when the last reference dies.",
                           info.type.allocated_c_type),
               info.type, each.record->location);
    constructor.result.pen_type = PenType::Named;
    constructor.result.pen_type_name = info.type.pen_name;
    constructor.result.conversion = ResultConversion::Handle;
    constructor.result.type_info = info.type.type_info;
    std::get<FunctionBinding>(items[each.first]) = std::move(constructor);
    AccessorSlots slots{&items[each.first + 1]};
    flatten_fields(*each.record, "", "", info, slots);
  }
  if (handles_.size() != planned_handles || records_.size() != planned_records) {
    throw std::logic_error("type plan: building the accessors created a type their planning did "
                           "not");
  }
}

void TypePlan::add_out_record(FunctionBinding& function) {
  RecordType record;
  record.c_name = function.c_name;
  record.pen_name = unique_type_name(function.pen_name + "Result");
  record.body = prefix_ + record.pen_name + "_body";
  std::set<std::string> names;
  if (function.result.conversion != ResultConversion::None) {
    FieldBinding result;
    result.pen_name = "Result";
    result.pen_type = function.result.pen_type;
    result.pen_type_name = function.result.pen_type_name;
    // Named results are laid out by kind: a handle's box or a record's block.
    if (function.result.conversion == ResultConversion::Handle) {
      result.conversion = FieldConversion::Handle;
      result.type_info = function.result.type_info;
    } else if (function.result.conversion == ResultConversion::Record) {
      result.conversion = FieldConversion::Record;
      result.c_type = function.result.c_type;
    }
    names.insert("Result");
    record.fields.push_back(result);
  }
  for (const auto& parameter : function.parameters) {
    if (parameter.conversion != ArgumentConversion::OutHandle) {
      continue;
    }
    FieldBinding field;
    field.c_path = parameter.c_name;
    std::string name = to_upper_camel(parameter.c_name);
    if (name.empty() || !(name.front() >= 'A' && name.front() <= 'Z')) {
      name = "Out" + name;
    }
    std::string unique = name;
    for (int suffix = 2; !names.insert(unique).second; ++suffix) {
      unique = fmt::format("{}{}", name, suffix);
    }
    field.pen_name = unique;
    field.pen_type = PenType::Named;
    field.pen_type_name = parameter.pen_type_name;
    field.conversion = FieldConversion::Handle;
    field.type_info = parameter.type_info;
    record.fields.push_back(field);
  }
  function.out_record = record.pen_name;
  function.result.pen_type = PenType::Named;
  function.result.pen_type_name = record.pen_name;
  result_records_.push_back(std::move(record));
}

std::vector<RecordType> TypePlan::take_records() {
  std::map<std::string, RecordType> by_name;
  for (auto& [id, record] : records_) {
    by_name.emplace(record.pen_name, std::move(record));
  }
  for (auto& record : result_records_) {
    by_name.emplace(record.pen_name, std::move(record));
  }
  std::vector<RecordType> records;
  for (auto& [name, record] : by_name) {
    records.push_back(std::move(record));
  }
  return records;
}

std::vector<HandleType> TypePlan::take_handles() {
  std::map<std::string, HandleType> by_name;
  for (auto& [key, info] : handles_) {
    by_name.emplace(info.type.pen_name, std::move(info.type));
  }
  std::vector<HandleType> handles;
  for (auto& [name, handle] : by_name) {
    handles.push_back(std::move(handle));
  }
  return handles;
}

} // namespace pen_bindgen::mapping
