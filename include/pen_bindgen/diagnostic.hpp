#pragma once

#include "pen_bindgen/ir/location.hpp"

#include <string>
#include <vector>

namespace pen_bindgen {

enum class Severity { Note, Warning, Error };

// A message about the input, printed in compiler format so editors and CI pick it up:
// `file:line:col: warning: message [code]`.
struct Diagnostic {
  Severity severity = Severity::Warning;
  ir::Location location; // file empty: no location
  std::string message;
  std::string code; // empty: no [code] suffix

  friend bool operator==(const Diagnostic&, const Diagnostic&) = default;
};

std::string format_diagnostic(const Diagnostic& diagnostic);

} // namespace pen_bindgen
