#include "header_fixture.hpp"

using namespace pen_bindgen;
using namespace pen_bindgen::frontend::testing;

TEST_CASE("function types resolve through typedef chains", "[frontend][types]") {
  HeaderDirectory directory;
  auto header = directory.write("types.h", R"(#include <stddef.h>
#include <stdint.h>
typedef unsigned long uLong;
typedef unsigned int uInt;
typedef unsigned char Byte;
typedef Byte Bytef;
typedef enum { MODE_A = -1, MODE_B } mode_t_;
enum color { RED, GREEN };
typedef struct z_stream_s { int x; } z_stream;
typedef z_stream* z_streamp;
uLong crc32(uLong crc, const Bytef* buf, uInt len);
size_t measure(const char* text);
uint8_t narrow(int16_t value, _Bool flag, double d, float f);
mode_t_ set_mode(mode_t_ mode, enum color c);
int init(z_streamp strm);
void sum(int values[], int matrix[4], int (*callback)(int, char*));
long double precise(long double x);
_Complex double complex_value(void);
)");
  auto library = parse_header(header);

  auto& crc32 = get_declaration<ir::Function>(library, "crc32");
  REQUIRE(crc32.parameters.size() == 3);
  CHECK(crc32.result->kind == ir::TypeKind::Integer);
  CHECK(crc32.result->integer == ir::IntegerKind::UnsignedLong);
  CHECK(crc32.result->bits == 64);
  CHECK_FALSE(crc32.result->is_signed);
  CHECK(crc32.result->spelling == "uLong");
  CHECK(crc32.parameters[0].name == "crc");
  const auto& buf = *crc32.parameters[1].type;
  CHECK(buf.kind == ir::TypeKind::Pointer);
  CHECK(buf.spelling == "const Bytef *");
  CHECK(buf.pointee->kind == ir::TypeKind::Integer);
  CHECK(buf.pointee->integer == ir::IntegerKind::UnsignedChar);
  CHECK(buf.pointee->is_const);
  CHECK(buf.pointee->spelling == "const Bytef");
  CHECK(crc32.parameters[2].type->integer == ir::IntegerKind::UnsignedInt);
  CHECK(crc32.parameters[2].type->bits == 32);

  auto& measure = get_declaration<ir::Function>(library, "measure");
  CHECK(measure.result->integer == ir::IntegerKind::UnsignedLong);
  CHECK(measure.result->spelling == "size_t");
  CHECK(measure.parameters[0].type->pointee->integer == ir::IntegerKind::Char);
  CHECK(measure.parameters[0].type->pointee->is_signed);
  CHECK(measure.parameters[0].type->pointee->is_const);

  auto& narrow = get_declaration<ir::Function>(library, "narrow");
  CHECK(narrow.result->integer == ir::IntegerKind::UnsignedChar);
  CHECK(narrow.result->bits == 8);
  CHECK(narrow.parameters[0].type->integer == ir::IntegerKind::Short);
  CHECK(narrow.parameters[0].type->is_signed);
  CHECK(narrow.parameters[1].type->kind == ir::TypeKind::Bool);
  CHECK(narrow.parameters[2].type->floating == ir::FloatKind::Double);
  CHECK(narrow.parameters[3].type->floating == ir::FloatKind::Float);
  CHECK(narrow.parameters[3].type->bits == 32);

  auto& set_mode = get_declaration<ir::Function>(library, "set_mode");
  CHECK(set_mode.result->kind == ir::TypeKind::Enum);
  CHECK(set_mode.result->name == "mode_t_");
  CHECK(set_mode.result->is_signed);
  CHECK(set_mode.result->bits == 32);
  CHECK(set_mode.parameters[1].type->kind == ir::TypeKind::Enum);
  CHECK(set_mode.parameters[1].type->name == "color");
  CHECK(set_mode.parameters[1].type->integer == ir::IntegerKind::UnsignedInt);

  auto& init = get_declaration<ir::Function>(library, "init");
  const auto& strm = *init.parameters[0].type;
  CHECK(strm.kind == ir::TypeKind::Pointer);
  CHECK(strm.spelling == "z_streamp");
  CHECK(strm.pointee->kind == ir::TypeKind::Record);
  CHECK(strm.pointee->name == "z_stream");

  auto& sum = get_declaration<ir::Function>(library, "sum");
  REQUIRE(sum.parameters.size() == 3);
  CHECK(sum.result->kind == ir::TypeKind::Void);
  CHECK(sum.parameters[0].type->kind == ir::TypeKind::Pointer);
  CHECK(sum.parameters[0].type->pointee->integer == ir::IntegerKind::Int);
  CHECK(sum.parameters[1].type->kind == ir::TypeKind::Pointer);
  const auto& callback = *sum.parameters[2].type;
  REQUIRE(callback.kind == ir::TypeKind::Pointer);
  REQUIRE(callback.pointee->kind == ir::TypeKind::Function);
  CHECK(callback.pointee->parameters.size() == 2);
  CHECK(callback.pointee->parameters[1]->kind == ir::TypeKind::Pointer);

  CHECK(get_declaration<ir::Function>(library, "precise").result->floating ==
        ir::FloatKind::LongDouble);
  auto& complex_value = get_declaration<ir::Function>(library, "complex_value");
  CHECK(complex_value.result->kind == ir::TypeKind::Unsupported);
  CHECK(complex_value.result->unsupported_reason == "_Complex");
}

TEST_CASE("functions: static inline, variadic, redeclarations", "[frontend][functions]") {
  HeaderDirectory directory;
  auto header = directory.write("functions.h", R"(int print(const char* format, ...);
static inline int twice(int x) { return 2 * x; }
static int helper(void) { return 1; }
int twice_declared(int a);
int twice_declared(int b);
int no_names(int, char);
)");
  auto library = parse_header(header);
  auto& print = get_declaration<ir::Function>(library, "print");
  CHECK(print.is_variadic);
  CHECK_FALSE(print.is_inline);
  REQUIRE(print.parameters.size() == 1);
  CHECK(print.parameters[0].name == "format");
  auto& twice = get_declaration<ir::Function>(library, "twice");
  CHECK(twice.is_inline);
  CHECK_FALSE(twice.is_variadic);
  CHECK(get_declaration<ir::Function>(library, "helper").is_inline);
  auto& declared = get_declaration<ir::Function>(library, "twice_declared");
  CHECK(declared.parameters[0].name == "a");
  CHECK(declared.location.line == 4);
  auto all_names = names(library);
  CHECK(std::count(all_names.begin(), all_names.end(), std::string("twice_declared")) == 1);
  auto& no_names = get_declaration<ir::Function>(library, "no_names");
  REQUIRE(no_names.parameters.size() == 2);
  CHECK(no_names.parameters[0].name.empty());
}
