#include "pen_bindgen/mapping/names.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <fmt/format.h>
#include <string_view>

namespace pen_bindgen::mapping {

namespace {

// ASCII classes by byte, so is_alnum is one load: names are made for every declaration, one
// character at a time.
enum CharClass : unsigned char { Upper = 1, Lower = 2, Digit = 4 };
constexpr auto char_classes = [] {
  std::array<unsigned char, 256> classes{};
  for (int c = 'A'; c <= 'Z'; ++c) {
    classes[c] = Upper;
  }
  for (int c = 'a'; c <= 'z'; ++c) {
    classes[c] = Lower;
  }
  for (int c = '0'; c <= '9'; ++c) {
    classes[c] = Digit;
  }
  return classes;
}();

unsigned char char_class(char c) {
  return char_classes[static_cast<unsigned char>(c)];
}
bool is_upper(char c) {
  return (char_class(c) & Upper) != 0;
}
bool is_lower(char c) {
  return (char_class(c) & Lower) != 0;
}
bool is_digit(char c) {
  return (char_class(c) & Digit) != 0;
}
bool is_alnum(char c) {
  return char_class(c) != 0;
}
char to_upper(char c) {
  return is_lower(c) ? static_cast<char>(c - 'a' + 'A') : c;
}
char to_lower(char c) {
  return is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c;
}

// Views, not C strings: a comparison checks the length first instead of measuring each word.
// lib/parse/src/parser.rs KEYWORDS
constexpr std::string_view keywords[]{"as", "else",   "export", "for", "foreign",
                                      "if", "import", "in",     "type"};

// lib/hir/src/analysis/built_in_{type,variable}_transformer.rs
constexpr std::string_view builtins[]{
    "any",    "boolean",        "error",          "none",  "number",
    "string", "true",           "false",          "debug", "delete",
    "go",     "keys",           "race",           "size",  "source",
    "values", "_reflect_debug", "_reflect_equal",
};

constexpr std::string_view reserved_prefixes[]{"_pen_", "pen_ffi_", "_fmm_"};

} // namespace

namespace {

// Calls `letter(c, starts_word)` with each letter and digit of an identifier, in order, telling
// whether it starts a word; every other character separates words. Names are made for every
// declaration, so no vector of word strings is built for them (docs/performance.md).
template <typename Visit> void for_each_word_letter(std::string_view identifier, Visit&& letter) {
  bool in_word = false;
  for (std::size_t i = 0; i < identifier.size(); ++i) {
    const char c = identifier[i];
    if (!is_alnum(c)) {
      in_word = false;
      continue;
    }
    bool starts_word = !in_word;
    if (in_word && is_upper(c)) {
      const char previous = identifier[i - 1];
      const bool next_is_lower = i + 1 < identifier.size() && is_lower(identifier[i + 1]);
      // "zlibVersion", "sqlite3Open": a capital after lower case or digits starts a word;
      // "HTTPServer": the last capital of an acronym starts the next word.
      starts_word =
          is_lower(previous) || is_digit(previous) || (is_upper(previous) && next_is_lower);
    }
    letter(c, starts_word);
    in_word = true;
  }
}

} // namespace

std::vector<std::string> split_words(std::string_view identifier) {
  std::vector<std::string> words;
  for_each_word_letter(identifier, [&](char c, bool starts_word) {
    if (starts_word) {
      words.emplace_back();
    }
    words.back() += c;
  });
  return words;
}

// The camel cases fill a buffer sized to the identifier (a name is never longer), so no append
// checks the capacity per character.
std::string to_upper_camel(std::string_view identifier) {
  std::string result(identifier.size(), '\0');
  char* out = result.data();
  for_each_word_letter(identifier, [&](char c, bool starts_word) {
    *out++ = starts_word ? to_upper(c) : to_lower(c);
  });
  result.resize(static_cast<std::size_t>(out - result.data()));
  return result;
}

std::string to_lower_camel(std::string_view identifier) {
  std::string result(identifier.size(), '\0');
  char* const begin = result.data();
  char* out = begin;
  for_each_word_letter(identifier, [&](char c, bool starts_word) {
    const bool capital = starts_word && out != begin; // the first word stays lower case
    *out++ = capital ? to_upper(c) : to_lower(c);
  });
  result.resize(static_cast<std::size_t>(out - begin));
  return result;
}

bool is_pen_keyword(std::string_view name) {
  for (const auto keyword : keywords) {
    if (name == keyword) {
      return true;
    }
  }
  return false;
}

bool is_pen_builtin(std::string_view name) {
  for (const auto builtin : builtins) {
    if (name == builtin) {
      return true;
    }
  }
  return false;
}

bool is_pen_identifier(std::string_view name) {
  if (name.empty() || is_digit(name.front())) {
    return false;
  }
  for (char c : name) {
    if (!is_alnum(c) && c != '_') {
      return false;
    }
  }
  return true;
}

bool has_reserved_prefix(std::string_view name) {
  for (const auto prefix : reserved_prefixes) {
    if (name.starts_with(prefix)) {
      return true;
    }
  }
  return false;
}

std::string sanitize_identifier(std::string_view identifier) {
  // Real C names are already identifiers: one copy, not an append per character.
  if (!identifier.empty() && !is_digit(identifier.front()) &&
      std::all_of(identifier.begin(), identifier.end(),
                  [](char c) { return is_alnum(c) || c == '_'; })) {
    return std::string(identifier);
  }
  std::string result;
  for (char c : identifier) {
    if (is_alnum(c) || c == '_') {
      result += c;
    } else {
      result += fmt::format("_x{:02X}_", static_cast<unsigned char>(c));
    }
  }
  if (!result.empty() && is_digit(result.front())) {
    result = "_" + result;
  }
  return result;
}

} // namespace pen_bindgen::mapping
