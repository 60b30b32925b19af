#include "header_fixture.hpp"

using namespace pen_bindgen;
using namespace pen_bindgen::frontend::testing;

namespace {

const ir::Constant& constant(const ir::Library& library, const std::string& name) {
  return get_declaration<ir::Constant>(library, name);
}

const ir::Unbindable& unbindable(const ir::Library& library, const std::string& name) {
  return get_declaration<ir::Unbindable>(library, name);
}

} // namespace

TEST_CASE("object-like macros are evaluated by clang", "[frontend][macros]") {
  HeaderDirectory directory;
  auto header = directory.write("macros.h", R"(#ifndef MACROS_H
#define MACROS_H
#include <stdint.h>
#define EMPTY
#define BAD (1
#define Z_NULL 0
#define SQLITE_IOERR 10
#define SQLITE_IOERR_READ (SQLITE_IOERR | (1<<8))
#define X ((uint16_t)0xffff)
#define NEG (-5)
#define BIG 0xffffffffffffffffULL
#define F 1.5f
#define S "a\"b"
#define PARENTHESIZED ("paren" "thesized")
#define ESCAPES "\x01\n\\\0end\377"
#define C 'x'
#define P ((void*)0)
#define KW extern
#define SEMI 1;
#define TYPE long
#define COMMA 1, 2
#define UNDEFINED_NAME (no_such_identifier + 1)
#define WIDE L"wide"
#define FUNCTION_LIKE(x) ((x) + 1)
#define AFTER_ERRORS 42
#endif
)");
  auto library = parse_header(header);

  CHECK(find_declaration<ir::Constant>(library, "EMPTY") == nullptr);
  CHECK(find_declaration<ir::Unbindable>(library, "EMPTY") == nullptr);
  CHECK(find_declaration<ir::Constant>(library, "MACROS_H") == nullptr);
  CHECK(find_declaration<ir::Unbindable>(library, "MACROS_H") == nullptr);

  CHECK(constant(library, "Z_NULL").value_kind == ir::Constant::ValueKind::SignedInteger);
  CHECK(constant(library, "Z_NULL").signed_value == 0);
  CHECK(constant(library, "Z_NULL").origin == ir::Constant::Origin::Macro);
  CHECK(constant(library, "Z_NULL").location.line == 6);
  CHECK(constant(library, "Z_NULL").location.column == 9);
  CHECK(constant(library, "Z_NULL").location.file == header);
  CHECK(constant(library, "SQLITE_IOERR_READ").signed_value == 266);
  CHECK(constant(library, "X").value_kind == ir::Constant::ValueKind::UnsignedInteger);
  CHECK(constant(library, "X").unsigned_value == 0xffff);
  CHECK(constant(library, "NEG").value_kind == ir::Constant::ValueKind::SignedInteger);
  CHECK(constant(library, "NEG").signed_value == -5);
  CHECK(constant(library, "BIG").value_kind == ir::Constant::ValueKind::UnsignedInteger);
  CHECK(constant(library, "BIG").unsigned_value == 0xffffffffffffffffULL);
  CHECK(constant(library, "F").value_kind == ir::Constant::ValueKind::Floating);
  CHECK(constant(library, "F").floating_value == 1.5);
  CHECK(constant(library, "S").value_kind == ir::Constant::ValueKind::String);
  CHECK(constant(library, "S").string_value == "a\"b");
  CHECK(constant(library, "PARENTHESIZED").string_value == "parenthesized");
  CHECK(constant(library, "ESCAPES").string_value == std::string("\x01\n\\\0end\377", 8));
  CHECK(constant(library, "C").signed_value == 'x');
  CHECK(constant(library, "AFTER_ERRORS").signed_value == 42);

  CHECK(unbindable(library, "P").reason == "has pointer type 'void *'");
  CHECK(unbindable(library, "WIDE").reason.starts_with("has pointer type"));
  for (const char* name : {"BAD", "KW", "SEMI", "TYPE", "COMMA", "UNDEFINED_NAME"}) {
    INFO(name);
    const auto& entry = unbindable(library, name);
    CHECK(entry.kind == "macro");
    CHECK(entry.reason == "does not expand to a constant expression");
    CHECK(entry.code == "unsupported-macro");
  }
  const auto& function_like = unbindable(library, "FUNCTION_LIKE");
  CHECK(function_like.reason == "function-like macros are not supported");
  CHECK(function_like.code == "unsupported-macro");
}

TEST_CASE("enum constants carry the enum's signedness and name", "[frontend][enums]") {
  HeaderDirectory directory;
  auto header = directory.write("enums.h", R"(enum status { STATUS_FAIL = -1, STATUS_OK = 0 };
enum flags { FLAG_A = 1, FLAG_HIGH = 0x80000000u };
typedef enum { LEVEL_LOW = 3 } level_t;
enum { ANONYMOUS_VALUE = 7 };
)");
  auto library = parse_header(header);
  CHECK(constant(library, "STATUS_FAIL").value_kind == ir::Constant::ValueKind::SignedInteger);
  CHECK(constant(library, "STATUS_FAIL").signed_value == -1);
  CHECK(constant(library, "STATUS_FAIL").origin == ir::Constant::Origin::EnumConstant);
  CHECK(constant(library, "STATUS_FAIL").enum_name == "status");
  CHECK(constant(library, "FLAG_HIGH").value_kind == ir::Constant::ValueKind::UnsignedInteger);
  CHECK(constant(library, "FLAG_HIGH").unsigned_value == 0x80000000u);
  CHECK(constant(library, "LEVEL_LOW").enum_name == "level_t");
  CHECK(constant(library, "LEVEL_LOW").unsigned_value +
            constant(library, "LEVEL_LOW").signed_value ==
        3);
  CHECK(constant(library, "ANONYMOUS_VALUE").enum_name.empty());
}

TEST_CASE("declarations the frontend cannot represent are Unbindable", "[frontend][unbindable]") {
  HeaderDirectory directory;
  auto header = directory.write("unbindable.h", R"(extern int global_counter;
struct point { int x; int y; };
union value { int i; float f; };
typedef struct { int a; } anonymous_t;
struct forward;
typedef struct point point_t;
struct { int unnamed; } unnamed_variable;
)");
  auto library = parse_header(header);
  auto& counter = unbindable(library, "global_counter");
  CHECK(counter.kind == "variable");
  CHECK(counter.reason == "global variables are not supported");
  CHECK(counter.code == "unsupported-declaration");
  // Record definitions are not declarations: they are in library.records (own ones, used or
  // not), named by their typedef when they have one.
  CHECK(find_declaration<ir::Unbindable>(library, "point") == nullptr);
  CHECK(find_declaration<ir::Unbindable>(library, "forward") == nullptr);
  CHECK(find_declaration<ir::Unbindable>(library, "point_t") == nullptr);
  CHECK(unbindable(library, "unnamed_variable").kind == "variable");
  CHECK(names(library) == std::vector<std::string>{"global_counter", "unnamed_variable"});
  std::vector<std::string> records;
  for (const auto& record : library.records) {
    CHECK(record.is_own);
    CHECK(record.is_complete);
    records.push_back(record.name);
  }
  CHECK(records == std::vector<std::string>{"struct point", "union value", "anonymous_t"});
  CHECK(library.records[1].is_union);
  CHECK(library.records[2].is_anonymous);
  REQUIRE(library.records[0].fields.size() == 2);
  CHECK(library.records[0].fields[1].name == "y");
  CHECK(library.records[0].fields[1].offset_bits == 32);
}
