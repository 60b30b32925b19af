#pragma once

#include "pen_bindgen/frontend/file_selection.hpp"
#include "pen_bindgen/frontend/type_translation.hpp"
#include "pen_bindgen/ir/record.hpp"

#include <clang-c/Index.h>
#include <map>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace pen_bindgen::frontend {

// The struct and union definitions reachable from the types of selected declarations: through
// pointers, arrays, function types and the fields of other records, each once (recursive types
// end at the second visit). Order: first mention. In C++ only C records are listed: classes
// are ir::CxxClass (is_cxx_class), std::string and std::vector are types of their own.
class RecordTable {
public:
  // `types` translates the types of the same translation unit (the walk's, shared).
  RecordTable(FileTable& files, TypeTranslator& types)
      : files_(files), types_(types), language_(types.language()) {}

  // Notes every record `type` reaches (each type once: noting it again adds nothing).
  void note(CXType type);
  // Notes a definition of the library's own headers, used or not; `written` names it (its
  // typedef for `typedef struct {...} x;`).
  void note_own(CXType written);

  std::vector<ir::RecordDefinition> take();

private:
  // The record's index in records_.
  std::size_t note_record(CXType canonical, const std::string& written_name);
  ir::Location location_of(CXCursor cursor);

  FileTable& files_;
  TypeTranslator& types_;
  SourceLanguage language_;
  std::vector<ir::RecordDefinition> records_;
  std::map<std::string, std::size_t> index_by_id_;
  // Caches of what libclang computes slowly: types already noted, and the record index of a
  // canonical type (its USR, the record's id, costs more than the rest of a lookup).
  std::unordered_set<const void*> noted_types_;
  std::unordered_map<const void*, std::size_t> index_by_canonical_;
};

} // namespace pen_bindgen::frontend
