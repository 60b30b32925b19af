#include "pen_bindgen/frontend/macro_probes.hpp"

#include "pen_bindgen/frontend/file_selection.hpp"
#include "pen_bindgen/frontend/macro_evaluator.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <fstream>
#include <memory>
#include <set>
#include <sys/utsname.h>
#include <system_error>

namespace pen_bindgen::frontend {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view variable_prefix = "__pen_bindgen_m";

// By character: 1 may start an identifier, 2 may only continue one. A table, because the scan
// asks for every character of every macro name.
constexpr auto identifier_characters = [] {
  std::array<unsigned char, 256> table{};
  for (unsigned character = 0; character < 256; ++character) {
    const bool start = (character >= 'a' && character <= 'z') ||
                       (character >= 'A' && character <= 'Z') || character == '_' ||
                       character == '$' || character >= 0x80;
    const bool digit = character >= '0' && character <= '9';
    table[character] = start ? 1 : digit ? 2 : 0;
  }
  return table;
}();

bool is_identifier_start(char character) {
  return identifier_characters[static_cast<unsigned char>(character)] == 1;
}

bool is_identifier_character(char character) {
  return identifier_characters[static_cast<unsigned char>(character)] != 0;
}

bool is_blank(char character) {
  return character == ' ' || character == '\t' || character == '\f' || character == '\v' ||
         character == '\r';
}

// The end of the string or character literal starting at `begin` (one past the closing quote),
// or npos when it is not closed on its line.
std::size_t literal_end(std::string_view text, std::size_t begin) {
  char quote = text[begin];
  for (auto index = begin + 1; index < text.size(); ++index) {
    if (text[index] == '\\') {
      ++index;
    } else if (text[index] == quote) {
      return index + 1;
    } else if (text[index] == '\n') {
      return std::string_view::npos;
    }
  }
  return std::string_view::npos;
}

std::size_t skip_blanks(std::string_view line, std::size_t index) {
  while (index < line.size() && is_blank(line[index])) {
    ++index;
  }
  return index;
}

// The index after a backslash-newline that starts at `index` (clang accepts, and warns about,
// blanks between the two), or `index` itself when there is none.
std::size_t after_continuation(std::string_view text, std::size_t index) {
  if (index >= text.size() || text[index] != '\\') {
    return index;
  }
  auto next = skip_blanks(text, index + 1);
  return next < text.size() && text[next] == '\n' ? next + 1 : index;
}

// The index after the block comment whose `/*` starts at `index`.
std::size_t after_block_comment(std::string_view text, std::size_t index) {
  auto end = text.find("*/", index + 2);
  return end == std::string_view::npos ? text.size() : end + 2;
}

// The index of the newline that ends the line comment starting at `index` (or the end);
// a continuation line continues the comment.
std::size_t line_comment_end(std::string_view text, std::size_t index) {
  for (;;) {
    auto newline = text.find('\n', index);
    if (newline == std::string_view::npos) {
      return text.size();
    }
    auto backslash = newline;
    while (backslash > index && is_blank(text[backslash - 1])) {
      --backslash;
    }
    if (backslash == index || text[backslash - 1] != '\\') {
      return newline;
    }
    index = newline + 1;
  }
}

std::string_view identifier_at(std::string_view line, std::size_t index) {
  auto end = index;
  if (end < line.size() && is_identifier_start(line[end])) {
    while (end < line.size() && is_identifier_character(line[end])) {
      ++end;
    }
  }
  return line.substr(index, end - index);
}

std::string_view trimmed(std::string_view text) {
  auto begin = skip_blanks(text, 0);
  auto end = text.size();
  while (end > begin && is_blank(text[end - 1])) {
    --end;
  }
  return text.substr(begin, end - begin);
}

struct Include {
  std::string target;
  bool is_angled = false;
};

struct ScannedText {
  std::vector<RawMacro> macros;
  std::vector<std::string> function_like_macros;
  std::vector<Include> includes;
};

// Past a line's first token only newlines, continuations, comments and literals matter: the
// bulk of a header (declarations, comment text) and of a directive is skipped by this table.
constexpr auto matters_inside_line = [] {
  std::array<bool, 256> table{};
  for (unsigned char character : std::string_view("\n\\/\"'")) {
    table[character] = true;
  }
  return table;
}();

// The index of the first character at or after `index` that matters inside a line, or the end.
std::size_t next_that_matters(std::string_view text, std::size_t index) {
  while (index < text.size() && !matters_inside_line[static_cast<unsigned char>(text[index])]) {
    ++index;
  }
  return index;
}

// Collects the rest of a directive's logical line from `index` (just after the `#`) into
// `line`, as translation phases 2 and 3 leave it: continuation lines joined, comments replaced
// by a space, literals kept (so that `"/*"` is no comment). Returns the index after its newline.
std::size_t collect_directive(std::string_view text, std::size_t index, std::string& line) {
  line.clear();
  while (index < text.size()) {
    char character = text[index];
    if (character == '\n') {
      return index + 1;
    }
    if (auto next = after_continuation(text, index); next != index) {
      index = next;
    } else if (character == '/' && index + 1 < text.size() && text[index + 1] == '*') {
      index = after_block_comment(text, index);
      line.push_back(' ');
    } else if (character == '/' && index + 1 < text.size() && text[index + 1] == '/') {
      index = line_comment_end(text, index);
    } else if (character == '"' || character == '\'') {
      auto end = literal_end(text, index);
      if (end == std::string_view::npos) {
        end = std::min(text.find('\n', index), text.size());
      }
      line.append(text.substr(index, end - index));
      index = end;
    } else {
      // Up to the next character that may need one of the cases above, at once.
      auto run_end = next_that_matters(text, index + 1);
      line.append(text.substr(index, run_end - index));
      index = run_end;
    }
  }
  return index;
}

// One directive (the text after its `#`): an object-like #define or an #include.
void scan_directive(std::string_view line, ScannedText& scanned) {
  auto index = skip_blanks(line, 0);
  auto directive = identifier_at(line, index);
  index = skip_blanks(line, index + directive.size());
  if (directive == "define") {
    auto name = identifier_at(line, index);
    auto after = index + name.size();
    if (name.empty()) {
      return; // malformed
    }
    if (after < line.size() && line[after] == '(') {
      scanned.function_like_macros.emplace_back(name);
      return;
    }
    scanned.macros.push_back({std::string(name), std::string(trimmed(line.substr(after)))});
  } else if (directive == "include" || directive == "import") {
    if (index >= line.size() || (line[index] != '"' && line[index] != '<')) {
      return; // `#include MACRO`: left to the reparse
    }
    char close = line[index] == '"' ? '"' : '>';
    auto end = line.find(close, index + 1);
    if (end != std::string_view::npos) {
      scanned.includes.push_back(
          {std::string(line.substr(index + 1, end - index - 1)), close == '>'});
    }
  }
}

// The directives of one file that the scan cares about, in order. Only directive lines are
// copied; the rest is skipped, minding comments and literals.
ScannedText scan_text(std::string_view text) {
  ScannedText scanned;
  std::string line;
  bool at_line_start = true; // nothing but blanks and comments since the last newline
  for (std::size_t index = 0; index < text.size();) {
    if (!at_line_start) {
      index = next_that_matters(text, index);
      if (index == text.size()) {
        break;
      }
    }
    char character = text[index];
    if (character == '\n') {
      at_line_start = true;
      ++index;
    } else if (is_blank(character)) {
      ++index;
    } else if (auto next = after_continuation(text, index); next != index) {
      index = next;
    } else if (character == '/' && index + 1 < text.size() && text[index + 1] == '*') {
      index = after_block_comment(text, index);
    } else if (character == '/' && index + 1 < text.size() && text[index + 1] == '/') {
      index = line_comment_end(text, index);
    } else if (at_line_start && (character == '#' || text.substr(index, 2) == "%:")) {
      index = collect_directive(text, index + (character == '#' ? 1 : 2), line);
      scan_directive(line, scanned);
      at_line_start = true;
    } else if (character == '"' || character == '\'') {
      auto end = literal_end(text, index);
      index = end == std::string_view::npos ? std::min(text.find('\n', index), text.size()) : end;
      at_line_start = false;
    } else {
      at_line_start = false;
      ++index;
    }
  }
  return scanned;
}

// A file's bytes. Not a std::string: it would set every byte before the read overwrites it.
struct FileText {
  std::unique_ptr<char[]> bytes;
  std::size_t size = 0;

  std::string_view view() const { return {bytes.get(), size}; }
};

std::optional<FileText> read_file(const fs::path& path) {
  std::ifstream stream(path, std::ios::binary | std::ios::ate);
  if (!stream) {
    return std::nullopt;
  }
  const auto size = stream.tellg();
  if (size < 0) {
    return std::nullopt;
  }
  FileText text{std::make_unique_for_overwrite<char[]>(static_cast<std::size_t>(size)), 0};
  stream.seekg(0);
  stream.read(text.bytes.get(), size);
  text.size = static_cast<std::size_t>(std::max<std::streamsize>(stream.gcount(), 0));
  return text;
}

// The value of an option given as `-I dir` or `-Idir`, if `arguments[index]` is one.
std::optional<std::string> option_value(const std::vector<std::string>& arguments,
                                        std::size_t& index, std::string_view option) {
  const auto& argument = arguments[index];
  if (argument == option) {
    if (index + 1 < arguments.size()) {
      return arguments[++index];
    }
    return std::nullopt;
  }
  if (argument.starts_with(option)) {
    auto value = argument.substr(option.size());
    if (!value.empty() && value.front() == '=') {
      value.erase(0, 1); // --target=...
    }
    return value;
  }
  return std::nullopt;
}

// Where the preprocessor looks, in its order (quoted includes first look next to the includer).
struct SearchPath {
  std::vector<fs::path> quote;
  std::vector<fs::path> angle;
};

// The target clang will use, before clang is asked: --target when given, else this machine's,
// which is libclang's default on Linux. Only the scan depends on it (which directories are
// system roots), never a result.
std::string probable_target_triple(const std::vector<std::string>& clang_args) {
  for (std::size_t index = 0; index < clang_args.size(); ++index) {
    for (auto option : {"--target", "-target"}) {
      if (auto value = option_value(clang_args, index, option)) {
        return *value;
      }
    }
  }
  utsname machine{};
  if (uname(&machine) != 0) {
    return {};
  }
  return std::string(machine.machine) + "-pc-linux-gnu";
}

SearchPath search_path(const std::vector<std::string>& clang_args, const std::string& triple) {
  SearchPath path;
  std::vector<fs::path> user;
  std::vector<fs::path> system;
  std::vector<fs::path> after;
  for (std::size_t index = 0; index < clang_args.size(); ++index) {
    if (auto value = option_value(clang_args, index, "-iquote")) {
      path.quote.emplace_back(*value);
    } else if (auto value = option_value(clang_args, index, "-isystem")) {
      system.emplace_back(*value);
    } else if (auto value = option_value(clang_args, index, "-idirafter")) {
      after.emplace_back(*value);
    } else if (auto value = option_value(clang_args, index, "-I")) {
      user.emplace_back(*value);
    }
  }
  path.angle = user;
  path.angle.insert(path.angle.end(), system.begin(), system.end());
  auto multiarch = triple;
  if (auto first = triple.find('-'); first != std::string::npos) {
    if (auto second = triple.find('-', first + 1); second != std::string::npos) {
      auto vendor = triple.substr(first + 1, second - first - 1);
      if (vendor == "pc" || vendor == "unknown") {
        multiarch = triple.substr(0, first) + triple.substr(second);
      }
    }
  }
  for (const char* base : {"/usr/local/include", "/usr/include"}) {
    path.angle.push_back(fs::path(base) / multiarch);
    path.angle.emplace_back(base);
  }
  path.angle.insert(path.angle.end(), after.begin(), after.end());
  path.quote.insert(path.quote.end(), path.angle.begin(), path.angle.end());
  return path;
}

std::optional<fs::path> resolve(const Include& include, const fs::path& includer,
                                const SearchPath& search) {
  std::error_code error;
  if (!include.is_angled) {
    auto beside = includer.parent_path() / include.target;
    if (fs::is_regular_file(beside, error)) {
      return beside;
    }
  }
  for (const auto& directory : include.is_angled ? search.angle : search.quote) {
    auto candidate = directory / include.target;
    if (fs::is_regular_file(candidate, error)) {
      return candidate;
    }
  }
  return std::nullopt;
}

// Whether the brackets of a replacement text (outside its literals) pair up.
bool has_balanced_brackets(std::string_view body) {
  std::string open;
  for (std::size_t index = 0; index < body.size();) {
    char character = body[index];
    if (character == '"' || character == '\'') {
      index = literal_end(body, index);
      if (index == std::string_view::npos) {
        return false;
      }
      continue;
    }
    ++index;
    if (character == '(' || character == '[' || character == '{') {
      open.push_back(character);
    } else if (character == ')' || character == ']' || character == '}') {
      char expected = character == ')' ? '(' : character == ']' ? '[' : '{';
      if (open.empty() || open.back() != expected) {
        return false;
      }
      open.pop_back();
    }
  }
  return open.empty();
}

class Scanner {
public:
  Scanner(const OwnFiles& own_files, SearchPath search)
      : own_files_(own_files), search_(std::move(search)) {}

  void scan(const fs::path& file) {
    auto real = real_path(file);
    if (!visited_.insert(real).second) {
      return;
    }
    auto text = read_file(real);
    if (!text) {
      return;
    }
    auto scanned = scan_text(text->view());
    for (auto& macro : scanned.macros) {
      // Any definition might be the active one. One that is no expression only fails on its
      // own probe line, unless its brackets are unbalanced: then clang's recovery could spill
      // into the next probes, so the name is left to the reparse. Only a definition that may be
      // an expression makes a probe worth its cost.
      bool harmless = has_balanced_brackets(macro.body);
      bool worth = may_be_expression(macro.body);
      auto [found, inserted] = seen_.emplace(macro.name, names_.size());
      if (inserted) {
        names_.push_back(std::move(macro.name));
        harmless_.push_back(harmless);
        worth_.push_back(worth);
        literal_.push_back(literal_value(macro.body).has_value());
        bodies_.push_back(std::move(macro.body));
      } else {
        auto index = found->second;
        harmless_[index] = harmless_[index] && harmless;
        worth_[index] = worth_[index] || worth;
        literal_[index] = literal_[index] && macro.body == bodies_[index];
      }
    }
    for (auto& name : scanned.function_like_macros) {
      // Harmless: a probe names a function-like macro without expanding it.
      auto [found, inserted] = seen_.emplace(name, names_.size());
      if (inserted) {
        names_.push_back(std::move(name));
        harmless_.push_back(true);
        worth_.push_back(false);
        literal_.push_back(false);
        bodies_.emplace_back();
      } else {
        literal_[found->second] = false;
      }
    }
    for (const auto& include : scanned.includes) {
      if (auto target = own_target(include, real)) {
        scan(*target);
      }
    }
  }

  // Names with unbalanced brackets in some definition are in neither list: the reparse decides.
  ScannedMacros result() && {
    ScannedMacros result;
    for (std::size_t index = 0; index < names_.size(); ++index) {
      if (harmless_[index] && worth_[index]) {
        result.probed.push_back(std::move(names_[index]));
        result.literal.push_back(literal_[index]);
      } else if (harmless_[index]) {
        result.never_constant.push_back(std::move(names_[index]));
      }
    }
    return result;
  }

private:
  // The real path of the own file an #include names, if it names one. Angled includes resolve
  // alike from every file, and most files include the same few: resolved once each.
  std::optional<fs::path> own_target(const Include& include, const fs::path& includer) {
    auto key = include.is_angled ? "<" + include.target
                                 : includer.parent_path().string() + '"' + include.target;
    auto cached = own_targets_.find(key);
    if (cached != own_targets_.end()) {
      return cached->second;
    }
    std::optional<fs::path> own;
    if (auto target = resolve(include, includer, search_)) {
      auto real = real_path(*target);
      if (own_files_.contains(real)) {
        own = std::move(real);
      }
    }
    return own_targets_.emplace(std::move(key), std::move(own)).first->second;
  }

  const OwnFiles& own_files_;
  SearchPath search_;
  std::unordered_map<std::string, std::optional<fs::path>> own_targets_; // never iterated
  std::set<fs::path> visited_;
  std::unordered_map<std::string, std::size_t> seen_; // lookups only, never iterated
  std::vector<std::string> names_;                    // first-definition order
  std::vector<bool> harmless_;      // no definition could break the probes after it
  std::vector<bool> worth_;         // some definition may be an expression
  std::vector<bool> literal_;       // every definition is the same literal (literal_value)
  std::vector<std::string> bodies_; // the first definition's replacement text
};

} // namespace

MacroProbes::MacroProbes(std::vector<std::string> names, unsigned first_line,
                         std::vector<std::string> never_constant, std::vector<bool> literals)
    : names_(std::move(names)), never_constant_(std::make_move_iterator(never_constant.begin()),
                                                std::make_move_iterator(never_constant.end())),
      literals_(std::move(literals)), first_variable_line_(first_line + 2) {
  if (names_.empty()) {
    return;
  }
  // The guard is a complete declaration: a header that ends inside a declaration or a record
  // gets its error here (a header error) rather than on a probe.
  text_ = "typedef int __pen_bindgen_guard;\n";
  for (std::size_t index = 0; index < names_.size(); ++index) {
    indices_.emplace(names_[index], index);
    text_ += "#ifdef ";
    text_ += names_[index];
    if (is_literal(index)) {
      text_ += "\n\n#endif\n"; // three lines like the others: index_at_line stays simple
      continue;
    }
    text_ += "\nstatic const __auto_type ";
    text_ += variable_prefix;
    text_ += std::to_string(index);
    text_ += " = ";
    text_ += names_[index];
    text_ += ";\n#endif\n";
  }
}

std::optional<std::size_t> MacroProbes::index_of(const std::string& name) const {
  auto found = indices_.find(name);
  return found == indices_.end() ? std::nullopt : std::optional(found->second);
}

std::optional<std::size_t> MacroProbes::index_at_line(unsigned line) const {
  if (names_.empty() || line < first_variable_line_ || (line - first_variable_line_) % 3 != 0) {
    return std::nullopt;
  }
  std::size_t index = (line - first_variable_line_) / 3;
  return index < names_.size() ? std::optional(index) : std::nullopt;
}

std::optional<std::size_t> MacroProbes::index_of_variable(std::string_view variable) const {
  if (!variable.starts_with(variable_prefix)) {
    return std::nullopt;
  }
  std::size_t index = 0;
  auto begin = variable.data() + variable_prefix.size();
  auto end = variable.data() + variable.size();
  auto [last, error] = std::from_chars(begin, end, index);
  if (error != std::errc() || last != end || index >= names_.size()) {
    return std::nullopt;
  }
  return index;
}

std::vector<RawMacro> raw_object_like_macros(std::string_view text) {
  return scan_text(text).macros;
}

bool may_be_expression(std::string_view body) {
  std::string open;
  bool has_token = false;
  for (std::size_t index = 0; index < body.size();) {
    char character = body[index];
    if (is_blank(character) || character == '\n') {
      ++index;
      continue;
    }
    has_token = true;
    if (character == '"' || character == '\'') {
      index = literal_end(body, index);
      if (index == std::string_view::npos) {
        return false;
      }
      continue;
    }
    if (is_identifier_start(character)) {
      auto identifier = identifier_at(body, index);
      if (rules_out_constant(identifier)) {
        return false;
      }
      index += identifier.size();
      continue;
    }
    if ((character >= '0' && character <= '9') ||
        (character == '.' && index + 1 < body.size() && body[index + 1] >= '0' &&
         body[index + 1] <= '9')) {
      // A pp-number: digits, letters, `.`, and a sign after an exponent letter.
      ++index;
      while (index < body.size() &&
             (is_identifier_character(body[index]) || body[index] == '.' ||
              ((body[index] == '+' || body[index] == '-') &&
               std::string_view("eEpP").find(body[index - 1]) != std::string_view::npos))) {
        ++index;
      }
      continue;
    }
    auto pair = body.substr(index, 2);
    if (character == '#' || character == ';' || pair == "%:") {
      return false;
    }
    if (character == ',' && open.empty()) {
      // `#define OBJ_member_body OBJ_iso,2L`: the probe's declarator ends at the comma, an
      // error (openssl has a thousand of them, and clang's errors cost more than its probes).
      return false;
    }
    // Digraphs count as the brackets they are: stricter than clang's token check, never looser.
    char bracket = pair == "<:"   ? '['
                   : pair == "<%" ? '{'
                   : pair == ":>" ? ']'
                   : pair == "%>" ? '}'
                                  : character;
    index += bracket != character ? 2 : 1;
    if (bracket == '(' || bracket == '[' || bracket == '{') {
      open.push_back(bracket);
    } else if (bracket == ')' || bracket == ']' || bracket == '}') {
      char expected = bracket == ')' ? '(' : bracket == ']' ? '[' : '{';
      if (open.empty() || open.back() != expected) {
        return false;
      }
      open.pop_back();
    }
  }
  return has_token && open.empty();
}

namespace {

ScannedMacros scan_in_order(const std::vector<std::string>& headers,
                            const std::vector<std::string>& clang_args) {
  auto triple = probable_target_triple(clang_args);
  SystemIncludeRoots roots(triple);
  OwnFiles own_files(headers, roots);
  Scanner scanner(own_files, search_path(clang_args, triple));
  for (const auto& header : headers) {
    scanner.scan(header);
  }
  return std::move(scanner).result();
}

} // namespace

ScannedMacros scan_macros(const std::vector<std::string>& headers,
                          const std::vector<std::string>& clang_args) {
  auto scanned = scan_in_order(headers, clang_args);
  // The literal probes first, in one block of the umbrella that the evaluator reads at once.
  std::vector<std::size_t> order(scanned.probed.size());
  for (std::size_t index = 0; index < order.size(); ++index) {
    order[index] = index;
  }
  std::stable_partition(order.begin(), order.end(),
                        [&](std::size_t index) { return scanned.literal[index]; });
  ScannedMacros ordered;
  ordered.never_constant = std::move(scanned.never_constant);
  for (auto index : order) {
    ordered.probed.push_back(std::move(scanned.probed[index]));
    ordered.literal.push_back(scanned.literal[index]);
  }
  return ordered;
}

std::vector<std::string> scan_macro_names(const std::vector<std::string>& headers,
                                          const std::vector<std::string>& clang_args) {
  return scan_in_order(headers, clang_args).probed;
}

} // namespace pen_bindgen::frontend
