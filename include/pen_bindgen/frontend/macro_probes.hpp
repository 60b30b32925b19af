#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
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
// The scan only chooses what to ask clang; clang's values are the only source of truth, and a
// macro the scan missed is evaluated by the batched reparse as before (macro_evaluator.hpp).
class MacroProbes {
public:
  MacroProbes() = default;
  // `names` in a deterministic order, each once; `first_line` is the umbrella line the appended
  // text starts on.
  MacroProbes(std::vector<std::string> names, unsigned first_line);

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

private:
  std::vector<std::string> names_;
  std::unordered_map<std::string, std::size_t> indices_; // lookups only, never iterated
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

// The object-like macros one header text defines: name and replacement text (comments removed,
// continuation lines joined), in order. Exposed for tests.
struct RawMacro {
  std::string name;
  std::string body;
};
std::vector<RawMacro> raw_object_like_macros(std::string_view text);

// Whether a raw replacement text may be an expression worth asking clang about.
bool may_be_expression(std::string_view body);

} // namespace pen_bindgen::frontend
