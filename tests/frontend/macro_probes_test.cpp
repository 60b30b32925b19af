#include "header_fixture.hpp"
#include "pen_bindgen/frontend/macro_probes.hpp"

using namespace pen_bindgen;
using namespace pen_bindgen::frontend;
using namespace pen_bindgen::frontend::testing;

namespace {

std::vector<std::string> macro_names(const std::vector<RawMacro>& macros) {
  std::vector<std::string> result;
  for (const auto& macro : macros) {
    result.push_back(macro.name);
  }
  return result;
}

} // namespace

TEST_CASE("the raw scan finds object-like #define lines as the preprocessor does",
          "[frontend][macros][probes]") {
  auto macros = raw_object_like_macros(R"(#define A 1
  #  define B (2 + \
             3)
#define C(x) x
#define D /* a comment */ 4 // another
/* #define E 5
   #define F 6 */
#define G "/* not a comment */"
const char* s = "#define H 7";
#define I
%:define J 8
#define K 9 /* spans
              lines */
#define L\
 10
)");
  CHECK(macro_names(macros) == std::vector<std::string>{"A", "B", "D", "G", "I", "J", "K", "L"});
  REQUIRE(macros.size() == 8);
  CHECK(macros[1].body == "(2 +              3)");
  CHECK(macros[2].body == "4");
  CHECK(macros[3].body == "\"/* not a comment */\"");
  CHECK(macros[4].body.empty());
  CHECK(macros[6].body == "9");
  CHECK(macros[7].body == "10");
}

TEST_CASE("the raw pre-filter rejects what cannot be an expression", "[frontend][macros][probes]") {
  for (const char* body : {"1", "(1 << 8)", "((uint16_t)0xffff)", "\"a;b#c(\"", "'('", "1.5e+3f",
                           "sizeof(int[2])", "L\"wide\"", "X", "-1"}) {
    INFO(body);
    CHECK(may_be_expression(body));
  }
  for (const char* body :
       {"", "   ", "(1", "1)", "(]", "1;", "extern", "__attribute__((x))", "a ## b", "# a", "{0",
        "\"unterminated", "__LINE__", "__FILE__ \":\" \"x\"", "<:0", "OBJ_iso,2L", "1, 2"}) {
    INFO(body);
    CHECK_FALSE(may_be_expression(body));
  }
}

TEST_CASE("macro probes follow the own headers' includes", "[frontend][macros][probes]") {
  HeaderDirectory directory;
  directory.write("lib/sub/inner.h", "#define INNER 3\n#define BAD_ONE (1\n");
  directory.write("lib/other.h", "#define OTHER 4\n#include \"sub/inner.h\"\n");
  auto header = directory.write("lib/main.h", R"(#include "other.h"
#include <stdint.h>
#define OUTER (INNER + OTHER)
#define TWICE 1
#undef TWICE
#define TWICE 2
#define BAD_TWICE 1
#undef BAD_TWICE
#define BAD_TWICE (1
#define EXTERN_ONCE extern
#undef EXTERN_ONCE
#define EXTERN_ONCE 4
#define MAYBE_EMPTY
#undef MAYBE_EMPTY
#define MAYBE_EMPTY 3
#define ONLY_EMPTY
#define FUNCTION(x) x
)");
  auto names = scan_macro_names({header}, {});
  // System headers are not the library's: nothing from <stdint.h>.
  // Not BAD_TWICE (unbalanced in one definition) nor ONLY_EMPTY (nothing to evaluate).
  CHECK(names ==
        std::vector<std::string>{"OUTER", "TWICE", "EXTERN_ONCE", "MAYBE_EMPTY", "OTHER", "INNER"});

  MacroProbes probes(names, 5);
  CHECK(probes.index_of("TWICE") == 1u);
  CHECK_FALSE(probes.index_of("BAD_TWICE").has_value());
  CHECK(probes.index_at_line(7) == 0u);
  CHECK(probes.index_at_line(10) == 1u);
  CHECK_FALSE(probes.index_at_line(8).has_value());
  CHECK(probes.index_at_line(5 + 2 + 3 * 5) == 5u);
  CHECK_FALSE(probes.index_at_line(5 + 2 + 3 * 6).has_value());
  CHECK(probes.index_of_variable("__pen_bindgen_m5") == 5u);
  CHECK_FALSE(probes.index_of_variable("__pen_bindgen_m6").has_value());
  CHECK(probes.text().starts_with("typedef int __pen_bindgen_guard;\n#ifdef OUTER\n"));
}

TEST_CASE("probed and reparsed macros give the values clang computes",
          "[frontend][macros][probes]") {
  HeaderDirectory directory;
  directory.write("include/version.h", "#define VERSION_MAJOR 2\n");
  auto header = directory.write("include/api.h", R"(#include <version.h>
#define API_VERSION (VERSION_MAJOR * 100 + 1)
#define REDEFINED 1
#undef REDEFINED
#define REDEFINED 5
#define UNDEFINED_LATER 7
#define LOCATION __FILE__
#define LINE_NUMBER __LINE__
#define NOT_CLOSED (1
#define AFTER 9
enum { SAME_NAME = 11 };
#define SAME_NAME SAME_NAME
#undef UNDEFINED_LATER
)");
  auto library = parse_header(header, {"-I" + (directory.root() / "include").string()});
  CHECK(get_declaration<ir::Constant>(library, "VERSION_MAJOR").signed_value == 2);
  CHECK(get_declaration<ir::Constant>(library, "API_VERSION").signed_value == 201);
  CHECK(get_declaration<ir::Constant>(library, "REDEFINED").signed_value == 5);
  CHECK(get_declaration<ir::Constant>(library, "AFTER").signed_value == 9);
  const auto& same_name = get_declaration<ir::Constant>(library, "SAME_NAME");
  CHECK(same_name.signed_value + static_cast<std::int64_t>(same_name.unsigned_value) == 11);
  // #undef'd by the header: no constant its users could name.
  CHECK(get_declaration<ir::Unbindable>(library, "UNDEFINED_LATER").reason ==
        "does not expand to a constant expression");
  for (const char* name : {"LOCATION", "LINE_NUMBER", "NOT_CLOSED"}) {
    INFO(name);
    CHECK(get_declaration<ir::Unbindable>(library, name).reason ==
          "does not expand to a constant expression");
  }
  // The probes are pen-bindgen's, never the library's declarations.
  for (const auto& name : names(library)) {
    CHECK_FALSE(name.starts_with("__pen_bindgen"));
  }
}

TEST_CASE("a header that is broken at its end still fails with its own errors",
          "[frontend][macros][probes]") {
  HeaderDirectory directory;
  auto unterminated = directory.write("unterminated.h", "#define ONE 1\nstruct open { int a;\n");
  auto missing_semicolon = directory.write("semicolon.h", "#define ONE 1\nint x\n");
  for (const auto& header : {unterminated, missing_semicolon}) {
    INFO(header);
    ParseOptions options;
    options.headers = {header};
    auto result = parse_headers(options);
    CHECK_FALSE(result.library.has_value());
    REQUIRE_FALSE(result.diagnostics.empty());
    for (const auto& diagnostic : result.diagnostics) {
      // What clang says about the headers alone: nothing about pen-bindgen's probes.
      CHECK(diagnostic.message.find("__pen_bindgen") == std::string::npos);
    }
  }
}

TEST_CASE("literal_value reads the plain literals as clang types them",
          "[frontend][macros][probes]") {
  using Kind = ir::Constant::ValueKind;
  const auto is_signed = [](const char* token, std::int64_t expected) {
    auto value = literal_value(token);
    return value && value->is_constant && value->kind == Kind::SignedInteger &&
           value->signed_value == expected;
  };
  const auto is_unsigned = [](const char* token, std::uint64_t expected) {
    auto value = literal_value(token);
    return value && value->is_constant && value->kind == Kind::UnsignedInteger &&
           value->unsigned_value == expected;
  };
  CHECK(is_signed("390", 390));
  CHECK(is_signed("0", 0));
  CHECK(is_signed("077", 63));
  CHECK(is_signed("0x7fffffff", 2147483647));
  CHECK(is_signed("12L", 12));
  CHECK(is_unsigned("0xFFFFFFFF", 4294967295u)); // hexadecimal: unsigned int
  CHECK(is_unsigned("0x80000000", 2147483648u));
  CHECK(is_unsigned("1UL", 1));
  CHECK(is_unsigned("18446744073709551615ULL", UINT64_MAX));
  // long, long long or unsigned long by the target: clang decides.
  for (const char* token : {"2147483648", "0x80000000L", "0x100000000", "08", "0x", "1.5", "1e3",
                            "1lL", "1uu", "'a'", "18446744073709551616u", "0b101", "X"}) {
    INFO(token);
    CHECK_FALSE(literal_value(token).has_value());
  }
  CHECK_FALSE(literal_value("1", false).has_value()); // int is not 32 bits
  auto string = literal_value(R"("a\x41\101\n\"")");
  REQUIRE(string);
  CHECK(string->kind == Kind::String);
  CHECK(string->string_value == "aAA\n\"");
  CHECK(literal_value(R"("")")->string_value.empty());
  for (const char* token : {R"("a" "b")", R"(L"wide")", R"("\x100")", R"("\777")", R"("\q")",
                            R"("\u00e9")", R"("open)", R"("a\")"}) {
    INFO(token);
    CHECK_FALSE(literal_value(token).has_value());
  }
}

TEST_CASE("literal probes are an #ifdef alone and give clang's values",
          "[frontend][macros][probes]") {
  HeaderDirectory directory;
  auto header = directory.write("literals.h", R"(#define PLAIN 390
#define HEX 0xFFFFFFFF
#define TEXT "a\x41\101"
#define GONE 5
#undef GONE
#define SAME_TWICE 1
#undef SAME_TWICE
#define SAME_TWICE 1
#define OTHER_TWICE 1
#undef OTHER_TWICE
#define OTHER_TWICE 2
#define EXPRESSION (PLAIN + 1)
#define LIST 1, 2
)");
  auto scanned = scan_macros({header}, {});
  CHECK(scanned.probed == std::vector<std::string>{"PLAIN", "HEX", "TEXT", "GONE", "SAME_TWICE",
                                                   "OTHER_TWICE", "EXPRESSION"});
  CHECK(scanned.literal == std::vector<bool>{true, true, true, true, true, false, false});
  CHECK(scanned.never_constant == std::vector<std::string>{"LIST"});
  MacroProbes probes(scanned.probed, 3, scanned.never_constant, scanned.literal);
  CHECK(probes.text().find("#ifdef PLAIN\n\n#endif\n") != std::string::npos);
  CHECK(probes.ifdef_line(1) == 3 + 1 + 3);
  CHECK(probes.is_never_constant("LIST"));

  auto library = parse_header(header);
  CHECK(get_declaration<ir::Constant>(library, "PLAIN").signed_value == 390);
  CHECK(get_declaration<ir::Constant>(library, "HEX").unsigned_value == 4294967295u);
  CHECK(get_declaration<ir::Constant>(library, "TEXT").string_value == "aAA");
  CHECK(get_declaration<ir::Constant>(library, "SAME_TWICE").signed_value == 1);
  CHECK(get_declaration<ir::Constant>(library, "OTHER_TWICE").signed_value == 2);
  CHECK(get_declaration<ir::Constant>(library, "EXPRESSION").signed_value == 391);
  for (const char* name : {"GONE", "LIST"}) {
    INFO(name);
    CHECK(get_declaration<ir::Unbindable>(library, name).reason ==
          "does not expand to a constant expression");
  }
}
