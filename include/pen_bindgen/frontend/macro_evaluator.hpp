#pragma once

#include "pen_bindgen/frontend/translation_unit.hpp"
#include "pen_bindgen/ir/declaration.hpp"

#include <clang-c/Index.h>
#include <string>
#include <vector>

namespace pen_bindgen::frontend {

// What the tokens of an object-like macro say before clang evaluates anything.
enum class MacroShape {
  Empty,           // `#define GUARD_H`, `#define ZEXPORT`: nothing to bind, not worth a message
  NotAnExpression, // a keyword, `#`, `;` or unbalanced brackets: cannot be a constant
  Candidate,       // worth asking clang
};

MacroShape classify_macro(CXTranslationUnit unit, CXCursor definition);

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

// The umbrella and arguments of the first parse, to reparse with the macros appended.
struct ReparseInput {
  const Index& index;
  const std::string& umbrella_name;
  const std::string& umbrella_contents; // ends with a newline
  const std::vector<std::string>& arguments;
};

// Evaluates the macros named by clang itself in one batched reparse: the umbrella followed by
// one `static const __auto_type` variable per macro, each on its own line so that an error in
// one never affects the others. One value per name, in order.
std::vector<MacroValue> evaluate_macros(const ReparseInput& input,
                                        const std::vector<std::string>& names);

} // namespace pen_bindgen::frontend
