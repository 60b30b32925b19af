#pragma once

#include "pen_bindgen/frontend/macro_probes.hpp"
#include "pen_bindgen/frontend/translation_unit.hpp"
#include "pen_bindgen/ir/declaration.hpp"

#include <clang-c/Index.h>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace pen_bindgen::frontend {

// What the tokens of an object-like macro say before clang evaluates anything.
enum class MacroShape {
  Empty,           // `#define GUARD_H`, `#define ZEXPORT`: nothing to bind, not worth a message
  NotAnExpression, // unbalanced brackets or a token that rules out a constant (below)
  Candidate,       // worth asking clang
};

// The bodies of object-like macro definitions the walk has read, by definition (CXCursor.data[0],
// the preprocessing record's entry): the one token when the body is one literal token, else
// empty. The probes' definitions are mostly these: read once, not twice.
using DefinitionLiterals = std::unordered_map<const void*, std::string>;

// `literals`, when given, receives the definition's entry.
MacroShape classify_macro(CXTranslationUnit unit, CXCursor definition,
                          DefinitionLiterals* literals = nullptr);

// A token that rules out a constant: one that never occurs in a constant expression but does in
// declarations, attributes and statements (`extern`, `__attribute__`, `;`, `#`...), or a
// built-in macro whose value depends on where or when pen-bindgen expands it (`__LINE__`,
// `__FILE__`, `__DATE__`...), not on the library.
bool rules_out_constant(std::string_view token);

// The umbrella and arguments of the first parse, to reparse with the macros appended.
struct ReparseInput {
  const Index& index;
  const std::string& umbrella_name;
  const std::string& umbrella_contents; // ends with a newline
  const std::vector<std::string>& arguments;
  // The first parse, when its umbrella also holds `probes` (macro_probes.hpp): probed macros
  // are read from it, only the others are reparsed.
  CXTranslationUnit probed_unit = nullptr;
  CXFile probed_umbrella = nullptr;
  const MacroProbes* probes = nullptr;
};

// Evaluates the macros named by clang itself: those the first parse probed from its own
// variables, the rest in one batched reparse: the umbrella followed by one `static const
// __auto_type` variable per macro, each on its own line so that an error in one never affects
// the others. One value per name, in order.
// `literals`: definitions of `input.probed_unit` already read (classify_macro).
std::vector<MacroValue> evaluate_macros(const ReparseInput& input,
                                        const std::vector<std::string>& names,
                                        const DefinitionLiterals* literals = nullptr);

} // namespace pen_bindgen::frontend
