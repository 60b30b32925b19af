#pragma once

#include "pen_bindgen/frontend/file_selection.hpp"
#include "pen_bindgen/frontend/type_translation.hpp"
#include "pen_bindgen/ir/record.hpp"

#include <clang-c/Index.h>
#include <map>
#include <string>
#include <vector>

namespace pen_bindgen::frontend {

// The struct and union definitions reachable from the types of selected declarations: through
// pointers, arrays, function types and the fields of other records, each once (recursive types
// end at the second visit). Order: first mention. In C++ only C records are listed: classes
// are ir::CxxClass (is_cxx_class), std::string and std::vector are types of their own.
class RecordTable {
public:
  explicit RecordTable(FileTable& files, SourceLanguage language = SourceLanguage::C)
      : files_(files), language_(language) {}

  // Notes every record `type` reaches.
  void note(CXType type);
  // Notes a definition of the library's own headers, used or not; `written` names it (its
  // typedef for `typedef struct {...} x;`).
  void note_own(CXType written);

  std::vector<ir::RecordDefinition> take();

private:
  void note_record(CXType canonical, const std::string& written_name);
  ir::Location location_of(CXCursor cursor);

  FileTable& files_;
  SourceLanguage language_;
  std::vector<ir::RecordDefinition> records_;
  std::map<std::string, std::size_t> index_by_id_;
};

} // namespace pen_bindgen::frontend
