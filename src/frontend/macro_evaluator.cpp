#include "pen_bindgen/frontend/macro_evaluator.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <optional>
#include <string_view>

namespace pen_bindgen::frontend {

namespace {

constexpr std::string_view variable_prefix = "__pen_bindgen_m";
constexpr const char* not_constant = "does not expand to a constant expression";

// Tokens that never occur in a constant expression but do in declarations, attributes and
// statements; a macro holding one is a code fragment, and reparsing it could only fail.
bool is_declaration_token(std::string_view token) {
  static constexpr std::array<std::string_view, 28> tokens = {
      "extern",      "static",     "typedef",    "struct",       "union",         "enum",
      "inline",      "__inline",   "__inline__", "const",        "volatile",      "__attribute__",
      "__attribute", "__declspec", "asm",        "__asm",        "__asm__",       "register",
      "auto",        "restrict",   "__restrict", "_Noreturn",    "_Thread_local", "return",
      "#",           "##",         ";",          "__extension__"};
  return std::find(tokens.begin(), tokens.end(), token) != tokens.end();
}

bool has_balanced_brackets(const Tokens& tokens) {
  std::string open;
  for (unsigned index = 1; index < tokens.size(); ++index) {
    if (tokens.kind(index) != CXToken_Punctuation) {
      continue;
    }
    auto token = tokens.spelling(index);
    if (token == "(" || token == "[" || token == "{") {
      open.push_back(token[0]);
    } else if (token == ")" || token == "]" || token == "}") {
      char expected = token == ")" ? '(' : token == "]" ? '[' : '{';
      if (open.empty() || open.back() != expected) {
        return false;
      }
      open.pop_back();
    }
  }
  return open.empty();
}

// Decodes the spelling libclang gives a string literal expression: clang prints it in one
// normalized form (StringLiteral::outputString): printable bytes as is, \\ \" and the named
// escapes, every other byte as three octal digits.
std::optional<std::string> decode_string_literal(std::string_view spelling) {
  if (spelling.starts_with("u8")) {
    spelling.remove_prefix(2);
  }
  if (spelling.size() < 2 || spelling.front() != '"' || spelling.back() != '"') {
    return std::nullopt;
  }
  spelling = spelling.substr(1, spelling.size() - 2);
  std::string bytes;
  for (std::size_t index = 0; index < spelling.size(); ++index) {
    char character = spelling[index];
    if (character != '\\') {
      bytes.push_back(character);
      continue;
    }
    if (++index == spelling.size()) {
      return std::nullopt;
    }
    char escape = spelling[index];
    switch (escape) {
    case 'a':
      bytes.push_back('\a');
      continue;
    case 'b':
      bytes.push_back('\b');
      continue;
    case 'f':
      bytes.push_back('\f');
      continue;
    case 'n':
      bytes.push_back('\n');
      continue;
    case 'r':
      bytes.push_back('\r');
      continue;
    case 't':
      bytes.push_back('\t');
      continue;
    case 'v':
      bytes.push_back('\v');
      continue;
    case '\\':
    case '"':
    case '\'':
    case '?':
      bytes.push_back(escape);
      continue;
    default:
      break;
    }
    if (escape >= '0' && escape <= '7') {
      unsigned value = 0;
      std::size_t digits = 0;
      for (; digits < 3 && index < spelling.size() && spelling[index] >= '0' &&
             spelling[index] <= '7';
           ++digits, ++index) {
        value = value * 8 + static_cast<unsigned>(spelling[index] - '0');
      }
      --index;
      bytes.push_back(static_cast<char>(value & 0xff));
      continue;
    }
    if (escape == 'x') {
      unsigned value = 0;
      auto begin = spelling.data() + index + 1;
      auto [end, error] = std::from_chars(begin, spelling.data() + spelling.size(), value, 16);
      if (error != std::errc() || end == begin) {
        return std::nullopt;
      }
      index += static_cast<std::size_t>(end - begin);
      bytes.push_back(static_cast<char>(value & 0xff));
      continue;
    }
    return std::nullopt;
  }
  return bytes;
}

// The string literal a variable is initialized with, looking only through the implicit decay
// and parentheses: anything else (`"abc" + 1`, a cast) is not a string constant.
std::optional<std::string> string_initializer(CXCursor variable) {
  CXCursor expression = variable;
  for (;;) {
    std::optional<CXCursor> child;
    visit_children(expression, [&](CXCursor cursor, CXCursor) {
      child = cursor;
      return CXChildVisit_Break;
    });
    if (!child) {
      return std::nullopt;
    }
    auto kind = clang_getCursorKind(*child);
    if (kind == CXCursor_StringLiteral) {
      return decode_string_literal(take_string(clang_getCursorSpelling(*child)));
    }
    if (kind != CXCursor_UnexposedExpr && kind != CXCursor_ParenExpr) {
      return std::nullopt;
    }
    expression = *child;
  }
}

// The type of the expansion itself: the variable's type carries the `const` added above.
// Implicit conversions (libclang's unexposed expressions) are looked through: one of them adds
// the `const`.
std::string initializer_type_spelling(CXCursor variable) {
  std::string spelling;
  visit_children(variable, [&](CXCursor expression, CXCursor) {
    if (clang_getCursorKind(expression) == CXCursor_UnexposedExpr) {
      return CXChildVisit_Recurse;
    }
    spelling = take_string(clang_getTypeSpelling(clang_getCursorType(expression)));
    return CXChildVisit_Break;
  });
  return spelling;
}

bool is_character(CXTypeKind kind) {
  return kind == CXType_Char_S || kind == CXType_Char_U || kind == CXType_SChar ||
         kind == CXType_UChar;
}

MacroValue failure(std::string reason) {
  MacroValue value;
  value.failure_reason = std::move(reason);
  return value;
}

MacroValue evaluate_variable(CXCursor variable) {
  if (clang_isInvalidDeclaration(variable)) {
    return failure(not_constant);
  }
  auto type = clang_getCursorType(variable);
  auto canonical = clang_getCanonicalType(type);
  if (canonical.kind == CXType_Pointer) {
    auto pointee = clang_getCanonicalType(clang_getPointeeType(canonical));
    if (!is_character(pointee.kind)) {
      return failure("has pointer type '" + initializer_type_spelling(variable) + "'");
    }
    auto string = string_initializer(variable);
    if (!string) {
      return failure(not_constant);
    }
    MacroValue value;
    value.is_constant = true;
    value.kind = ir::Constant::ValueKind::String;
    value.string_value = std::move(*string);
    return value;
  }
  EvalResult result(variable);
  MacroValue value;
  switch (result.kind()) {
  case CXEval_Int:
    if (clang_Type_getSizeOf(canonical) > 8) {
      return failure("has type '" + take_string(clang_getTypeSpelling(type)) +
                     "', wider than 64 bits");
    }
    value.is_constant = true;
    if (clang_EvalResult_isUnsignedInt(result.get())) {
      value.kind = ir::Constant::ValueKind::UnsignedInteger;
      value.unsigned_value = clang_EvalResult_getAsUnsigned(result.get());
    } else {
      value.kind = ir::Constant::ValueKind::SignedInteger;
      value.signed_value = clang_EvalResult_getAsLongLong(result.get());
    }
    return value;
  case CXEval_Float:
    value.is_constant = true;
    value.kind = ir::Constant::ValueKind::Floating;
    value.floating_value = clang_EvalResult_getAsDouble(result.get());
    return value;
  default:
    return failure(not_constant);
  }
}

std::optional<std::size_t> variable_index(const std::string& name) {
  if (!name.starts_with(variable_prefix)) {
    return std::nullopt;
  }
  std::size_t index = 0;
  auto begin = name.data() + variable_prefix.size();
  auto end = name.data() + name.size();
  auto [last, error] = std::from_chars(begin, end, index);
  if (error != std::errc() || last != end) {
    return std::nullopt;
  }
  return index;
}

} // namespace

MacroShape classify_macro(CXTranslationUnit unit, CXCursor definition) {
  Tokens tokens(unit, clang_getCursorExtent(definition));
  // The first token is the macro's name.
  if (tokens.size() <= 1) {
    return MacroShape::Empty;
  }
  for (unsigned index = 1; index < tokens.size(); ++index) {
    auto kind = tokens.kind(index);
    if ((kind == CXToken_Keyword || kind == CXToken_Identifier || kind == CXToken_Punctuation) &&
        is_declaration_token(tokens.spelling(index))) {
      return MacroShape::NotAnExpression;
    }
  }
  return has_balanced_brackets(tokens) ? MacroShape::Candidate : MacroShape::NotAnExpression;
}

std::vector<MacroValue> evaluate_macros(const ReparseInput& input,
                                        const std::vector<std::string>& names) {
  std::vector<MacroValue> values(names.size(), failure(not_constant));
  if (names.empty()) {
    return values;
  }
  auto first_line = static_cast<unsigned>(std::count(input.umbrella_contents.begin(),
                                                     input.umbrella_contents.end(), '\n')) +
                    1;
  std::string contents = input.umbrella_contents;
  for (std::size_t index = 0; index < names.size(); ++index) {
    // `const` because libclang evaluates the initializers of constant variables. Without
    // parentheses around the name: the initializer is then exactly the expansion, a
    // comma expression fails as it must, and a string literal stays a (decayed) literal.
    contents += "static const __auto_type ";
    contents += variable_prefix;
    contents += std::to_string(index) + " = " + names[index] + ";\n";
  }
  TranslationUnit unit(input.index, input.umbrella_name, contents, input.arguments,
                       CXTranslationUnit_SkipFunctionBodies | CXTranslationUnit_KeepGoing);
  if (!unit.get()) {
    return values;
  }
  // clang recovers from an error in one initializer, sometimes with a value (`(1` gives 1),
  // so every line with an error is a failure whatever the declaration says.
  std::vector<bool> has_error(names.size(), false);
  auto diagnostic_count = clang_getNumDiagnostics(unit.get());
  for (unsigned index = 0; index < diagnostic_count; ++index) {
    auto diagnostic = clang_getDiagnostic(unit.get(), index);
    auto severity = clang_getDiagnosticSeverity(diagnostic);
    if (severity >= CXDiagnostic_Error) {
      CXFile file = nullptr;
      unsigned line = 0;
      clang_getExpansionLocation(clang_getDiagnosticLocation(diagnostic), &file, &line, nullptr,
                                 nullptr);
      if (file && clang_File_isEqual(file, unit.main_file()) && line >= first_line &&
          line - first_line < names.size()) {
        has_error[line - first_line] = true;
      }
    }
    clang_disposeDiagnostic(diagnostic);
  }
  visit_children(unit.cursor(), [&](CXCursor cursor, CXCursor) {
    if (clang_getCursorKind(cursor) != CXCursor_VarDecl) {
      return CXChildVisit_Continue;
    }
    CXFile file = nullptr;
    clang_getExpansionLocation(clang_getCursorLocation(cursor), &file, nullptr, nullptr, nullptr);
    if (!file || !clang_File_isEqual(file, unit.main_file())) {
      return CXChildVisit_Continue;
    }
    auto index = variable_index(take_string(clang_getCursorSpelling(cursor)));
    if (index && *index < names.size() && !has_error[*index]) {
      values[*index] = evaluate_variable(cursor);
    }
    return CXChildVisit_Continue;
  });
  return values;
}

} // namespace pen_bindgen::frontend
