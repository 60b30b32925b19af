#include "pen_bindgen/mapping/names.hpp"

#include <array>
#include <cctype>
#include <fmt/format.h>

namespace pen_bindgen::mapping {

namespace {

bool is_upper(char c) {
  return c >= 'A' && c <= 'Z';
}
bool is_lower(char c) {
  return c >= 'a' && c <= 'z';
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_alnum(char c) {
  return is_upper(c) || is_lower(c) || is_digit(c);
}
char to_upper(char c) {
  return is_lower(c) ? static_cast<char>(c - 'a' + 'A') : c;
}
char to_lower(char c) {
  return is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c;
}

// lib/parse/src/parser.rs KEYWORDS
constexpr std::array keywords{"as", "else",   "export", "for", "foreign",
                              "if", "import", "in",     "type"};

// lib/hir/src/analysis/built_in_{type,variable}_transformer.rs
constexpr std::array builtins{
    "any",    "boolean",        "error",          "none",  "number",
    "string", "true",           "false",          "debug", "delete",
    "go",     "keys",           "race",           "size",  "source",
    "values", "_reflect_debug", "_reflect_equal",
};

constexpr std::array reserved_prefixes{"_pen_", "pen_ffi_", "_fmm_"};

} // namespace

namespace {

// Calls `word` with each word of an identifier, a substring: words never span the separators
// they are split at. Names are made for every declaration, so no vector of strings is built for
// them (docs/performance.md).
template <typename Visit> void for_each_word(std::string_view identifier, Visit&& word) {
  std::size_t start = 0;
  std::size_t length = 0;
  for (std::size_t i = 0; i < identifier.size(); ++i) {
    const char c = identifier[i];
    if (!is_alnum(c)) {
      if (length != 0) {
        word(identifier.substr(start, length));
        length = 0;
      }
      continue;
    }
    if (length != 0 && is_upper(c)) {
      const char previous = identifier[i - 1];
      const bool next_is_lower = i + 1 < identifier.size() && is_lower(identifier[i + 1]);
      // "zlibVersion", "sqlite3Open": a capital after lower case or digits starts a word;
      // "HTTPServer": the last capital of an acronym starts the next word.
      if (is_lower(previous) || is_digit(previous) || (is_upper(previous) && next_is_lower)) {
        word(identifier.substr(start, length));
        length = 0;
      }
    }
    if (length == 0) {
      start = i;
    }
    ++length;
  }
  if (length != 0) {
    word(identifier.substr(start, length));
  }
}

void append_capitalized(std::string& result, std::string_view word) {
  result += to_upper(word.front());
  for (char c : word.substr(1)) {
    result += to_lower(c);
  }
}

void append_lowered(std::string& result, std::string_view word) {
  for (char c : word) {
    result += to_lower(c);
  }
}

} // namespace

std::vector<std::string> split_words(std::string_view identifier) {
  std::vector<std::string> words;
  for_each_word(identifier, [&](std::string_view word) { words.emplace_back(word); });
  return words;
}

std::string to_upper_camel(std::string_view identifier) {
  std::string result;
  result.reserve(identifier.size());
  for_each_word(identifier, [&](std::string_view word) { append_capitalized(result, word); });
  return result;
}

std::string to_lower_camel(std::string_view identifier) {
  std::string result;
  result.reserve(identifier.size());
  for_each_word(identifier, [&](std::string_view word) {
    if (result.empty()) {
      append_lowered(result, word);
    } else {
      append_capitalized(result, word);
    }
  });
  return result;
}

bool is_pen_keyword(std::string_view name) {
  for (const auto* keyword : keywords) {
    if (name == keyword) {
      return true;
    }
  }
  return false;
}

bool is_pen_builtin(std::string_view name) {
  for (const auto* builtin : builtins) {
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
  for (const auto* prefix : reserved_prefixes) {
    if (name.starts_with(prefix)) {
      return true;
    }
  }
  return false;
}

std::string sanitize_identifier(std::string_view identifier) {
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
