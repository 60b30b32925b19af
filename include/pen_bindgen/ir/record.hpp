#pragma once

#include "pen_bindgen/ir/location.hpp"
#include "pen_bindgen/ir/type.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace pen_bindgen::ir {

// One member of a struct or union, in declaration order.
struct Field {
  std::string name;   // empty for an anonymous member (`struct { int a; };` inside a record)
  TypePtr type;       // Record types of nested definitions carry their record_id
  int bit_width = -1; // -1: not a bitfield
  std::int64_t offset_bits = -1; // from the start of the record; -1 when clang cannot tell
};

// A record a pointer to this one converts to (a C++ base class, after lowering): the handle
// type of `record_id` accepts handles of this record, converting the pointer with
// `upcast_function` (`Base *f(Derived *)`, a function of the headers).
struct RecordBase {
  std::string record_id;
  std::string upcast_function;
};

// A struct or union that a selected declaration mentions (directly, through pointers or through
// the fields of other records), or that the library's own headers define.
struct RecordDefinition {
  std::string id; // clang's USR; ir::Type::record_id refers to it
  // How C names the type: a typedef name ("z_stream", "div_t") or the tag with its keyword
  // ("struct timeval"). Empty when it has neither (an anonymous member's type).
  std::string name;
  Location location;
  bool is_union = false;
  bool is_complete = false;  // false: only declared (`typedef struct sqlite3 sqlite3;`)
  bool is_anonymous = false; // clang_Cursor_isAnonymous: no tag of its own
  bool is_own = false;       // defined in one of the library's own headers
  std::uint64_t size_bytes = 0;
  std::vector<Field> fields;
  std::vector<RecordBase> bases; // nearest first; empty in C headers
  // What comments call the type instead of `name` (a C++ class: "geo::Box<int>"); empty: `name`.
  std::string display_name;
};

} // namespace pen_bindgen::ir
