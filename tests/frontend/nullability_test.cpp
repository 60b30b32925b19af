#include "header_fixture.hpp"

using namespace pen_bindgen;
using namespace pen_bindgen::frontend::testing;

// Regression: libclang strips attribute sugar (and with it `_Nullable`) from the types it hands
// out unless the translation unit is parsed with CXTranslationUnit_IncludeAttributedTypes.
TEST_CASE("_Nullable and _Nonnull reach the IR, through typedefs too", "[frontend][types]") {
  HeaderDirectory directory;
  auto header = directory.write("nullable.h", R"(typedef struct db db;
typedef const char *_Nullable maybe_text;
db *_Nullable db_find(int key);
const char *_Nullable db_name(db *_Nonnull handle);
maybe_text db_label(db *handle);
db *db_open(void);
)");
  auto library = parse_header(header);

  const auto& find = get_declaration<ir::Function>(library, "db_find");
  CHECK(find.result->kind == ir::TypeKind::Pointer);
  CHECK(find.result->nullability == ir::Nullability::Nullable);
  CHECK(find.result->pointee->kind == ir::TypeKind::Record);
  CHECK(find.result->pointee->name == "db");
  const auto& name = get_declaration<ir::Function>(library, "db_name");
  CHECK(name.result->nullability == ir::Nullability::Nullable);
  CHECK(name.result->pointee->integer == ir::IntegerKind::Char);
  CHECK(name.parameters.at(0).type->nullability == ir::Nullability::NonNull);
  CHECK(name.parameters.at(0).type->pointee->name == "db");
  const auto& label = get_declaration<ir::Function>(library, "db_label");
  CHECK(label.result->nullability == ir::Nullability::Nullable);
  CHECK(label.parameters.at(0).type->nullability == ir::Nullability::Unspecified);
  const auto& open = get_declaration<ir::Function>(library, "db_open");
  CHECK(open.result->nullability == ir::Nullability::Unspecified);
}
