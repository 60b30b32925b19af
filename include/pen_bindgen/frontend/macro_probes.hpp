#pragma once

#include "pen_bindgen/ir/declaration.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace pen_bindgen::frontend {

// Object-like macros of the library's own headers, found by reading their text before clang
// parses them, so that clang evaluates them in the one parse instead of a second one: after the
// umbrella's #include lines comes one block per macro,
//
//   #ifdef NAME
//   static const __auto_type __pen_bindgen_mN = NAME;
//   #endif
//
// or, for a macro that every definition the scan read defines as one and the same literal
// (`#define SSL_R_BAD_DATA 390`, `#define SN_undef "UNDEF"`), the same without the declaration,
// which costs clang several times the #ifdef: clang's preprocessing record then tells which
// definition the #ifdef saw, if any, and the value is read from that definition's one token
// (literal_value below).
//
// The scan only chooses what to ask clang; clang's values are the only source of truth, and a
// macro the scan missed is evaluated by the batched reparse as before (macro_evaluator.hpp).
class MacroProbes {
public:
  MacroProbes() = default;
  // `names` in a deterministic order, each once; `first_line` is the umbrella line the appended
  // text starts on. `never_constant`: names the scan saw defined, but never as an expression.
  // `literals`: by name, whether its probe is the #ifdef alone (empty: none is).
  MacroProbes(std::vector<std::string> names, unsigned first_line,
              std::vector<std::string> never_constant = {}, std::vector<bool> literals = {});

  bool empty() const { return names_.empty(); }
  const std::vector<std::string>& names() const { return names_; }
  // Appended to the umbrella (which must end with a newline). Starts with a guard declaration
  // that absorbs whatever a broken header left open, so that its errors never land on a probe.
  const std::string& text() const { return text_; }

  std::optional<std::size_t> index_of(const std::string& name) const;
  // The probe whose variable is declared on this umbrella line, if any.
  std::optional<std::size_t> index_at_line(unsigned line) const;
  // The probe a variable name (`__pen_bindgen_m12`) belongs to.
  std::optional<std::size_t> index_of_variable(std::string_view variable) const;
  // Whether every definition of `name` the scan read is function-like, empty or no expression
  // (and none has unbalanced brackets): then no value can come of a reparse either, which
  // evaluates the last definition, one of those.
  bool is_never_constant(const std::string& name) const { return never_constant_.contains(name); }
  // Whether probe `index` is the #ifdef alone; the umbrella line and column of its #ifdef's name.
  bool is_literal(std::size_t index) const { return index < literals_.size() && literals_[index]; }
  unsigned ifdef_line(std::size_t index) const {
    return first_variable_line_ - 1 + 3 * static_cast<unsigned>(index);
  }
  static constexpr unsigned ifdef_name_column = 8; // after "#ifdef "
  // The line of the guard typedef (of `int`, whose size literal_value needs).
  unsigned guard_line() const { return first_variable_line_ - 2; }

private:
  std::vector<std::string> names_;
  std::unordered_map<std::string, std::size_t> indices_; // lookups only, never iterated
  std::unordered_set<std::string> never_constant_;       // lookups only, never iterated
  std::vector<bool> literals_;                           // by index
  unsigned first_variable_line_ = 0;
  std::string text_;
};

// Names of the object-like macros defined in `headers` and in the own files they include
// (followed through #include lines resolved against the headers' directories, the -I, -iquote,
// -isystem and -idirafter directories of `clang_args` and the system include directories,
// whatever the #if conditions say), with a definition that may be an expression and none with
// unbalanced brackets.
// Own files are the frontend's (file_selection.hpp): the named headers and, unless a header sits
// directly in a system include root, the files below its directory. In first-definition order.
std::vector<std::string> scan_macro_names(const std::vector<std::string>& headers,
                                          const std::vector<std::string>& clang_args);

// The same scan, the names whose every definition is one same literal first (their probes are
// an #ifdef alone, read in one block), with the names it saw defined but that no definition
// makes worth a probe.
struct ScannedMacros {
  std::vector<std::string> probed;         // scan_macro_names
  std::vector<bool> literal;               // by probed name: every definition one same literal
  std::vector<std::string> never_constant; // MacroProbes::is_never_constant
};
ScannedMacros scan_macros(const std::vector<std::string>& headers,
                          const std::vector<std::string>& clang_args);

// The object-like macros one header text defines: name and replacement text (comments removed,
// continuation lines joined), in order. Exposed for tests.
struct RawMacro {
  std::string name;
  std::string body;
};
std::vector<RawMacro> raw_object_like_macros(std::string_view text);

// The value of one macro as clang computed it, or why there is none.
struct MacroValue {
  bool is_constant = false;
  ir::Constant::ValueKind kind = ir::Constant::ValueKind::SignedInteger;
  std::int64_t signed_value = 0;
  std::uint64_t unsigned_value = 0;
  double floating_value = 0;
  std::string string_value;
  std::string failure_reason; // when not a constant
};

// The value of a macro whose whole replacement is one literal token, as clang would compute it
// for the probe (macro_probes.hpp), or nothing when the token is not one of the plain forms read
// here: a decimal, octal or hexadecimal integer with an optional u, l, ll suffix whose type is the
// same on every target with a 32-bit int (at most INT_MAX, or unsigned; `int_is_32_bits` says
// whether the target's is), or a string literal without prefix whose escapes are the simple,
// octal and hexadecimal ones, each at most 0xff.
std::optional<MacroValue> literal_value(std::string_view token, bool int_is_32_bits = true);

// Whether a raw replacement text may be an expression worth asking clang about.
bool may_be_expression(std::string_view body);

} // namespace pen_bindgen::frontend
