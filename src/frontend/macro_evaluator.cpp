#include "pen_bindgen/frontend/macro_evaluator.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
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

std::optional<int> digit_value(char character, int base) {
  int value = character >= '0' && character <= '9'   ? character - '0'
              : character >= 'a' && character <= 'f' ? character - 'a' + 10
              : character >= 'A' && character <= 'F' ? character - 'A' + 10
                                                     : base;
  return value < base ? std::optional(value) : std::nullopt;
}

// The bytes a C string literal's body (between its quotes) stands for: C's simple escapes and
// octal (up to three digits) and hexadecimal escapes of at most 0xff. Nothing for what clang
// rejects or warns about (an unknown or out-of-range escape, a lone backslash) and for a raw
// quote or newline (two literals, or none).
std::optional<std::string> unescape_string_body(std::string_view inner) {
  std::string bytes;
  for (std::size_t index = 0; index < inner.size(); ++index) {
    char character = inner[index];
    if (character == '"' || character == '\n') {
      return std::nullopt;
    }
    if (character != '\\') {
      bytes.push_back(character);
      continue;
    }
    if (++index == inner.size()) {
      return std::nullopt;
    }
    char escape = inner[index];
    static constexpr std::string_view simple = "abfnrtv\\\"'?";
    static constexpr std::string_view meaning = "\a\b\f\n\r\t\v\\\"'?";
    if (auto found = simple.find(escape); found != std::string_view::npos) {
      bytes.push_back(meaning[found]);
      continue;
    }
    int base = escape == 'x' ? 16 : 8;
    std::size_t digits_begin = escape == 'x' ? index + 1 : index;
    std::size_t max_digits = escape == 'x' ? inner.size() : 3;
    unsigned value = 0;
    std::size_t digits = 0;
    for (; digits_begin + digits < inner.size() && digits < max_digits; ++digits) {
      auto digit = digit_value(inner[digits_begin + digits], base);
      if (!digit) {
        break;
      }
      value = value * static_cast<unsigned>(base) + static_cast<unsigned>(*digit);
      if (value > 0xff) {
        return std::nullopt; // out of range: clang's error
      }
    }
    if (digits == 0) {
      return std::nullopt; // an unknown escape (clang warns and keeps the character) or `\x`
    }
    bytes.push_back(static_cast<char>(value));
    index = digits_begin + digits - 1;
  }
  return bytes;
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
  return unescape_string_body(spelling.substr(1, spelling.size() - 2));
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
  // The count of the unit's own set, which clang_getDiagnostic reads: clang_getNumDiagnostics
  // would build the set again whenever the unit has notes (it compares the set's size, notes
  // not counted, with clang's, notes counted).
  auto diagnostic_count = clang_getNumDiagnosticsInSet(clang_getDiagnosticSetFromTU(unit));
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

std::optional<MacroValue> integer_literal(std::string_view token, bool int_is_32_bits) {
  int base = 10;
  std::size_t index = 0;
  if (token.starts_with("0x") || token.starts_with("0X")) {
    base = 16;
    index = 2;
  } else if (token.starts_with("0")) {
    base = 8;
  }
  const std::size_t first_digit = index;
  std::uint64_t value = 0;
  for (; index < token.size(); ++index) {
    auto digit = digit_value(token[index], base);
    if (!digit) {
      break;
    }
    if (value > (UINT64_MAX - static_cast<std::uint64_t>(*digit)) / static_cast<unsigned>(base)) {
      return std::nullopt; // too large: clang's error, let it say so
    }
    value = value * static_cast<unsigned>(base) + static_cast<std::uint64_t>(*digit);
  }
  if (index == first_digit) {
    return std::nullopt;
  }
  static constexpr std::array<std::string_view, 23> suffixes = {
      "",   "u",  "U",  "l",   "L",   "ul",  "uL",  "Ul",  "UL",  "lu",  "lU", "Lu",
      "LU", "ll", "LL", "ull", "uLL", "Ull", "ULL", "llu", "llU", "LLu", "LLU"};
  const auto suffix = token.substr(index);
  if (std::find(suffixes.begin(), suffixes.end(), suffix) == suffixes.end() || !int_is_32_bits) {
    return std::nullopt;
  }
  const bool is_unsigned = suffix.find_first_of("uU") != std::string_view::npos;
  const bool is_long = suffix.find_first_of("lL") != std::string_view::npos;
  MacroValue result;
  result.is_constant = true;
  if (is_unsigned || (base != 10 && !is_long && value > INT32_MAX && value <= UINT32_MAX)) {
    // C11 6.4.4.1: unsigned by its suffix, or an octal or hexadecimal int that only fits
    // unsigned int.
    result.kind = ir::Constant::ValueKind::UnsignedInteger;
    result.unsigned_value = value;
    return result;
  }
  if (value > INT32_MAX) {
    return std::nullopt; // long or long long: their widths differ between targets
  }
  result.kind = ir::Constant::ValueKind::SignedInteger;
  result.signed_value = static_cast<std::int64_t>(value);
  return result;
}

std::optional<MacroValue> string_literal(std::string_view token) {
  if (token.size() < 2 || token.front() != '"' || token.back() != '"') {
    return std::nullopt;
  }
  auto bytes = unescape_string_body(token.substr(1, token.size() - 2));
  if (!bytes) {
    return std::nullopt;
  }
  MacroValue result;
  result.is_constant = true;
  result.kind = ir::Constant::ValueKind::String;
  result.string_value = std::move(*bytes);
  return result;
}

// The values of the probes that are an #ifdef alone (the first probes, macro_probes.hpp), by
// probe index. `expansions` holds, per probe, the macro expansion clang's preprocessing record
// has for its #ifdef's name: the definition the #ifdef saw, read from its one token; a null
// cursor when there is none (the headers #undef the macro). Nothing for a probe whose definition
// is no literal_value after all (one the scan did not read): the reparse decides.
std::vector<std::optional<MacroValue>> literal_probe_values(const ReparseInput& input,
                                                            const std::vector<CXCursor>& expansions,
                                                            bool int_is_32_bits,
                                                            const DefinitionLiterals* literals) {
  std::vector<std::optional<MacroValue>> values(expansions.size());
  for (std::size_t probe = 0; probe < expansions.size(); ++probe) {
    if (clang_Cursor_isNull(expansions[probe])) {
      values[probe] = failure(not_constant); // not defined at the end
      continue;
    }
    auto definition = clang_getCursorReferenced(expansions[probe]);
    if (literals) {
      if (auto known = literals->find(definition.data[0]); known != literals->end()) {
        if (!known->second.empty()) {
          values[probe] = literal_value(known->second, int_is_32_bits);
        }
        continue;
      }
    }
    if (clang_getCursorKind(definition) != CXCursor_MacroDefinition ||
        clang_Cursor_isMacroFunctionLike(definition)) {
      continue;
    }
    Tokens body(input.probed_unit, clang_getCursorExtent(definition));
    if (body.size() == 2 && body.kind(1) == CXToken_Literal) {
      values[probe] = literal_value(body.spelling(1), int_is_32_bits);
    }
  }
  return values;
}

// Whether the target's int has 32 bits, from the probes' guard typedef.
bool int_is_32_bits(const ReparseInput& input) {
  auto location =
      clang_getLocation(input.probed_unit, input.probed_umbrella, input.probes->guard_line(), 1);
  auto guard = clang_getCursor(input.probed_unit, location);
  return clang_getCursorKind(guard) == CXCursor_TypedefDecl &&
         clang_Type_getSizeOf(clang_getTypedefDeclUnderlyingType(guard)) == 4;
}

// Whether a top-level cursor is one the probes may have made: a variable or a macro expansion
// of the umbrella.
bool is_probe_cursor(CXCursor cursor, CXFile umbrella) {
  auto kind = clang_getCursorKind(cursor);
  if (kind != CXCursor_VarDecl && kind != CXCursor_MacroExpansion) {
    return false;
  }
  auto location = clang_getCursorLocation(cursor);
  // Expansions are recorded at file locations, and the umbrella is the main file: most
  // expansions are in the headers, and this test costs less than the file.
  if (kind == CXCursor_MacroExpansion && !clang_Location_isFromMainFile(location)) {
    return false;
  }
  CXFile file = nullptr;
  clang_getExpansionLocation(location, &file, nullptr, nullptr, nullptr);
  return file && clang_File_isEqual(file, umbrella);
}

// The values of the probed macros among `names` from the first parse's own variables; none for
// a name that was not probed. A probe skipped by its #ifdef is a macro the headers #undef: not
// a constant their users can name.
std::vector<std::optional<MacroValue>> probed_values(const ReparseInput& input,
                                                     const std::vector<std::string>& names,
                                                     const DefinitionLiterals* literals) {
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
  // None: not a constant (a failure is made only for the names that ask for it).
  std::vector<std::optional<MacroValue>> probe_values(probes.names().size());
  std::vector<bool> unresolved(probes.names().size(), false); // left to the reparse
  std::size_t literal_count = 0;
  while (literal_count < probes.names().size() && probes.is_literal(literal_count)) {
    ++literal_count;
  }
  // The probes' variables and the expansions the literal probes' #ifdefs recorded, found among
  // the top-level cursors: cheaper than tokenizing and annotating the probes.
  std::vector<CXCursor> ifdef_expansions(literal_count, clang_getNullCursor());
  const auto visit_probe_cursor = [&](CXCursor cursor) {
    if (clang_getCursorKind(cursor) == CXCursor_MacroExpansion) {
      unsigned line = 0;
      unsigned column = 0;
      clang_getExpansionLocation(clang_getCursorLocation(cursor), nullptr, &line, &column, nullptr);
      const unsigned first_line = probes.ifdef_line(0);
      if (column == MacroProbes::ifdef_name_column && line >= first_line &&
          (line - first_line) % 3 == 0 && (line - first_line) / 3 < literal_count) {
        ifdef_expansions[(line - first_line) / 3] = cursor;
      }
      return;
    }
    auto index = probes.index_of_variable(take_string(clang_getCursorSpelling(cursor)));
    if (index && wanted[*index] && !has_error[*index]) {
      probe_values[*index] = evaluate_variable(cursor);
    }
  };
  visit_children(clang_getTranslationUnitCursor(input.probed_unit), [&](CXCursor cursor, CXCursor) {
    if (is_probe_cursor(cursor, input.probed_umbrella)) {
      visit_probe_cursor(cursor);
    }
    return CXChildVisit_Continue;
  });
  if (literal_count > 0) {
    auto literal_values =
        literal_probe_values(input, ifdef_expansions, int_is_32_bits(input), literals);
    for (std::size_t index = 0; index < literal_count; ++index) {
      if (literal_values[index]) {
        probe_values[index] = std::move(literal_values[index]);
      } else {
        unresolved[index] = true;
      }
    }
  }
  std::vector<std::optional<MacroValue>> values(names.size());
  for (std::size_t index = 0; index < names.size(); ++index) {
    if (probe_of[index] && !unresolved[*probe_of[index]]) {
      const auto& value = probe_values[*probe_of[index]];
      values[index] = value ? *value : failure(not_constant);
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

std::optional<MacroValue> literal_value(std::string_view token, bool int_is_32_bits) {
  if (!token.empty() && token.front() == '"') {
    return string_literal(token);
  }
  if (!token.empty() && token.front() >= '0' && token.front() <= '9') {
    return integer_literal(token, int_is_32_bits);
  }
  return std::nullopt;
}

MacroShape classify_macro(CXTranslationUnit unit, CXCursor definition,
                          DefinitionLiterals* literals) {
  Tokens tokens(unit, clang_getCursorExtent(definition));
  if (literals) {
    const bool one_literal = tokens.size() == 2 && tokens.kind(1) == CXToken_Literal;
    (*literals)[definition.data[0]] = one_literal ? tokens.spelling(1) : std::string();
  }
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
                                        const std::vector<std::string>& names,
                                        const DefinitionLiterals* literals) {
  std::vector<MacroValue> values(names.size());
  std::vector<std::size_t> unprobed; // indices into names
  if (input.probes && input.probed_unit && !input.probes->empty()) {
    auto probed = probed_values(input, names, literals);
    for (std::size_t index = 0; index < names.size(); ++index) {
      if (probed[index]) {
        values[index] = std::move(*probed[index]);
      } else if (input.probes->is_never_constant(names[index])) {
        // libclang can call a function-like definition object-like (one the headers #undef
        // later): a whole reparse for openssl's `ossl_bio__attr__` alone, to learn nothing.
        values[index] = failure(not_constant);
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
