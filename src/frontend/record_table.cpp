#include "pen_bindgen/frontend/record_table.hpp"

#include "pen_bindgen/frontend/translation_unit.hpp"
#include "pen_bindgen/frontend/type_translation.hpp"

#include <utility>

namespace pen_bindgen::frontend {

namespace {

// The pointee as written, so a typedef naming the record (`z_stream`) survives a typedef of
// the pointer (`z_streamp`).
CXType written_pointee(CXType type) {
  for (;;) {
    if (type.kind == CXType_Elaborated) {
      type = clang_Type_getNamedType(type);
    } else if (type.kind == CXType_Attributed) {
      type = clang_Type_getModifiedType(type);
    } else if (type.kind == CXType_Pointer || type.kind == CXType_LValueReference ||
               type.kind == CXType_RValueReference) {
      return clang_getPointeeType(type);
    } else if (type.kind == CXType_Typedef) {
      type = clang_getTypedefDeclUnderlyingType(clang_getTypeDeclaration(type));
    } else {
      return clang_getPointeeType(clang_getCanonicalType(type));
    }
  }
}

// A typedef name is how C programs name the type; prefer it to `struct tag`.
bool is_better_name(const std::string& candidate, const std::string& current) {
  if (candidate.empty()) {
    return false;
  }
  if (current.empty()) {
    return true;
  }
  return current.find(' ') != std::string::npos && candidate.find(' ') == std::string::npos;
}

struct FieldVisit {
  std::vector<CXCursor> fields;
};

CXVisitorResult collect_field(CXCursor field, CXClientData data) {
  static_cast<FieldVisit*>(data)->fields.push_back(field);
  return CXVisit_Continue;
}

} // namespace

void RecordTable::note(CXType type) {
  if (!noted_types_.insert(type.data[0]).second) {
    return;
  }
  auto canonical = clang_getCanonicalType(type);
  switch (canonical.kind) {
  case CXType_Pointer:
  case CXType_LValueReference:
  case CXType_RValueReference:
    note(written_pointee(type));
    return;
  case CXType_Record: {
    auto translated = types_.type(type);
    if (translated->kind == ir::TypeKind::StdVector) {
      note(clang_Type_getTemplateArgumentAsType(canonical, 0));
    }
    if (translated->kind != ir::TypeKind::Record ||
        (language_ == SourceLanguage::Cxx && is_cxx_class(clang_getTypeDeclaration(canonical)))) {
      return;
    }
    note_record(canonical, translated->name);
    return;
  }
  case CXType_ConstantArray:
  case CXType_IncompleteArray:
  case CXType_VariableArray:
    note(clang_getArrayElementType(canonical));
    return;
  case CXType_FunctionProto: {
    note(clang_getResultType(canonical));
    auto count = clang_getNumArgTypes(canonical);
    for (int index = 0; index < count; ++index) {
      note(clang_getArgType(canonical, static_cast<unsigned>(index)));
    }
    return;
  }
  default:
    return;
  }
}

void RecordTable::note_own(CXType written) {
  auto canonical = clang_getCanonicalType(written);
  if (canonical.kind != CXType_Record) {
    return;
  }
  records_[note_record(canonical, types_.type(written)->name)].is_own = true;
}

ir::Location RecordTable::location_of(CXCursor cursor) {
  CXFile file = nullptr;
  unsigned line = 0;
  unsigned column = 0;
  clang_getExpansionLocation(clang_getCursorLocation(cursor), &file, &line, &column, nullptr);
  if (!file) {
    return {};
  }
  return {files_.info(file).display_name, line, column};
}

std::size_t RecordTable::note_record(CXType canonical, const std::string& written_name) {
  const auto better_name = [&](std::size_t index) {
    auto& record = records_[index];
    if (is_better_name(written_name, record.name)) {
      record.name = written_name;
    }
    return index;
  };
  if (auto known = index_by_canonical_.find(canonical.data[0]);
      known != index_by_canonical_.end()) {
    return better_name(known->second);
  }
  auto declaration = clang_getTypeDeclaration(canonical);
  auto id = take_string(clang_getCursorUSR(declaration));
  if (auto known = index_by_id_.find(id); known != index_by_id_.end()) {
    index_by_canonical_.emplace(canonical.data[0], known->second);
    return better_name(known->second);
  }
  auto definition = clang_getCursorDefinition(declaration);
  ir::RecordDefinition record;
  record.id = id;
  record.name = written_name;
  record.is_union = clang_getCursorKind(declaration) == CXCursor_UnionDecl;
  record.is_complete = !clang_Cursor_isNull(definition);
  // Anonymous, or named only by a typedef for linkage (clang spells its type without keyword).
  const auto spelling = take_string(clang_getTypeSpelling(canonical));
  record.is_anonymous = clang_Cursor_isAnonymous(record.is_complete ? definition : declaration) ||
                        (!spelling.empty() && spelling.find(' ') == std::string::npos);
  record.location = location_of(record.is_complete ? definition : declaration);
  auto size = clang_Type_getSizeOf(canonical);
  record.size_bytes = size > 0 ? static_cast<std::uint64_t>(size) : 0;
  const auto index = records_.size();
  index_by_id_.emplace(id, index);
  index_by_canonical_.emplace(canonical.data[0], index);
  records_.push_back(std::move(record));
  if (!records_[index].is_complete) {
    return index;
  }

  FieldVisit visit;
  clang_Type_visitFields(canonical, collect_field, &visit);
  std::vector<ir::Field> fields;
  for (auto cursor : visit.fields) {
    auto type = clang_getCursorType(cursor);
    ir::Field field;
    // An anonymous member (`union { int a; float b; };`): its fields are the record's own.
    // Asked of the declaration, never read from the spelling (libclang 16+ spells it
    // "(unnamed at ...)").
    auto field_declaration = clang_getTypeDeclaration(clang_getCanonicalType(type));
    bool anonymous_member = !clang_Cursor_isNull(field_declaration) &&
                            clang_Cursor_isAnonymousRecordDecl(field_declaration) != 0;
    field.name = anonymous_member ? std::string() : take_string(clang_getCursorSpelling(cursor));
    field.type = types_.type(type);
    if (clang_Cursor_isBitField(cursor)) {
      field.bit_width = clang_getFieldDeclBitWidth(cursor);
    }
    auto offset = clang_Cursor_getOffsetOfField(cursor);
    field.offset_bits = offset >= 0 ? offset : -1;
    fields.push_back(std::move(field));
    note(type);
  }
  records_[index].fields = std::move(fields);
  return index;
}

std::vector<ir::RecordDefinition> RecordTable::take() {
  index_by_id_.clear();
  index_by_canonical_.clear();
  noted_types_.clear();
  return std::move(records_);
}

} // namespace pen_bindgen::frontend
