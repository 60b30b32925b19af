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

// clang recovers from an error in one initializer, sometimes with a value (`(1` gives 1), so
// every line with an error is a failure whatever the declaration says. `index_at_line` maps an
// umbrella line to the index of the variable declared on it.
template <typename IndexAtLine>
std::vector<bool> variables_with_errors(CXTranslationUnit unit, CXFile umbrella, std::size_t count,
                                        IndexAtLine index_at_line) {
  std::vector<bool> has_error(count, false);
  auto diagnostic_count = clang_getNumDiagnostics(unit);
  for (unsigned index = 0; index < diagnostic_count; ++index) {
    auto diagnostic = clang_getDiagnostic(unit, index);
    if (clang_getDiagnosticSeverity(diagnostic) >= CXDiagnostic_Error) {
      CXFile file = nullptr;
      unsigned line = 0;
      clang_getExpansionLocation(clang_getDiagnosticLocation(diagnostic), &file, &line, nullptr,
                                 nullptr);
      if (file && clang_File_isEqual(file, umbrella)) {
        if (std::optional<std::size_t> variable = index_at_line(line)) {
          has_error[*variable] = true;
        }
      }
    }
    clang_disposeDiagnostic(diagnostic);
  }
  return has_error;
}

// The values of the probed macros among `names` from the first parse's own variables; none for
// a name that was not probed. A probe skipped by its #ifdef is a macro the headers #undef: not
// a constant their users can name.
std::vector<std::optional<MacroValue>> probed_values(const ReparseInput& input,
                                                     const std::vector<std::string>& names) {
  const auto& probes = *input.probes;
  std::vector<std::optional<std::size_t>> probe_of(names.size());
  std::vector<bool> wanted(probes.names().size(), false);
  for (std::size_t index = 0; index < names.size(); ++index) {
    probe_of[index] = probes.index_of(names[index]);
    if (probe_of[index]) {
      wanted[*probe_of[index]] = true;
    }
  }
  auto has_error =
      variables_with_errors(input.probed_unit, input.probed_umbrella, probes.names().size(),
                            [&](unsigned line) { return probes.index_at_line(line); });
  std::vector<MacroValue> probe_values(probes.names().size(), failure(not_constant));
  visit_children(clang_getTranslationUnitCursor(input.probed_unit), [&](CXCursor cursor, CXCursor) {
    if (clang_getCursorKind(cursor) != CXCursor_VarDecl) {
      return CXChildVisit_Continue;
    }
    CXFile file = nullptr;
    clang_getExpansionLocation(clang_getCursorLocation(cursor), &file, nullptr, nullptr, nullptr);
    if (!file || !clang_File_isEqual(file, input.probed_umbrella)) {
      return CXChildVisit_Continue;
    }
    auto index = probes.index_of_variable(take_string(clang_getCursorSpelling(cursor)));
    if (index && wanted[*index] && !has_error[*index]) {
      probe_values[*index] = evaluate_variable(cursor);
    }
    return CXChildVisit_Continue;
  });
  std::vector<std::optional<MacroValue>> values(names.size());
  for (std::size_t index = 0; index < names.size(); ++index) {
    if (probe_of[index]) {
      values[index] = probe_values[*probe_of[index]];
    }
  }
  return values;
}

// The batched reparse: the umbrella (without probes) and one variable per name.
std::vector<MacroValue> reparsed_values(const ReparseInput& input,
                                        const std::vector<std::string>& names) {
  std::vector<MacroValue> values(names.size(), failure(not_constant));
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
  auto has_error = variables_with_errors(
      unit.get(), unit.main_file(), names.size(), [&](unsigned line) -> std::optional<std::size_t> {
        if (line >= first_line && line - first_line < names.size()) {
          return line - first_line;
        }
        return std::nullopt;
      });
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

} // namespace

bool rules_out_constant(std::string_view token) {
  static constexpr std::array<std::string_view, 37> tokens = {"extern",
                                                              "static",
                                                              "typedef",
                                                              "struct",
                                                              "union",
                                                              "enum",
                                                              "inline",
                                                              "__inline",
                                                              "__inline__",
                                                              "const",
                                                              "volatile",
                                                              "__attribute__",
                                                              "__attribute",
                                                              "__declspec",
                                                              "asm",
                                                              "__asm",
                                                              "__asm__",
                                                              "register",
                                                              "auto",
                                                              "restrict",
                                                              "__restrict",
                                                              "_Noreturn",
                                                              "_Thread_local",
                                                              "return",
                                                              "#",
                                                              "##",
                                                              ";",
                                                              "__extension__",
                                                              "__LINE__",
                                                              "__FILE__",
                                                              "__FILE_NAME__",
                                                              "__BASE_FILE__",
                                                              "__INCLUDE_LEVEL__",
                                                              "__COUNTER__",
                                                              "__DATE__",
                                                              "__TIME__",
                                                              "__TIMESTAMP__"};
  return std::find(tokens.begin(), tokens.end(), token) != tokens.end();
}

MacroShape classify_macro(CXTranslationUnit unit, CXCursor definition) {
  Tokens tokens(unit, clang_getCursorExtent(definition));
  // The first token is the macro's name.
  if (tokens.size() <= 1) {
    return MacroShape::Empty;
  }
  for (unsigned index = 1; index < tokens.size(); ++index) {
    auto kind = tokens.kind(index);
    if ((kind == CXToken_Keyword || kind == CXToken_Identifier || kind == CXToken_Punctuation) &&
        rules_out_constant(tokens.spelling(index))) {
      return MacroShape::NotAnExpression;
    }
  }
  return has_balanced_brackets(tokens) ? MacroShape::Candidate : MacroShape::NotAnExpression;
}

std::vector<MacroValue> evaluate_macros(const ReparseInput& input,
                                        const std::vector<std::string>& names) {
  std::vector<MacroValue> values(names.size());
  std::vector<std::size_t> unprobed; // indices into names
  if (input.probes && input.probed_unit && !input.probes->empty()) {
    auto probed = probed_values(input, names);
    for (std::size_t index = 0; index < names.size(); ++index) {
      if (probed[index]) {
        values[index] = std::move(*probed[index]);
      } else {
        unprobed.push_back(index);
      }
    }
  } else {
    for (std::size_t index = 0; index < names.size(); ++index) {
      unprobed.push_back(index);
    }
  }
  if (unprobed.empty()) {
    return values;
  }
  std::vector<std::string> reparsed_names;
  for (auto index : unprobed) {
    reparsed_names.push_back(names[index]);
  }
  auto reparsed = reparsed_values(input, reparsed_names);
  for (std::size_t index = 0; index < unprobed.size(); ++index) {
    values[unprobed[index]] = std::move(reparsed[index]);
  }
  return values;
}

} // namespace pen_bindgen::frontend
