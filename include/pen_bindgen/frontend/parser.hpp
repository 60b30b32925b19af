#pragma once

#include "pen_bindgen/diagnostic.hpp"
#include "pen_bindgen/ir/library.hpp"

#include <optional>
#include <string>
#include <vector>

namespace pen_bindgen::frontend {

struct ParseOptions {
  std::vector<std::string> headers;    // as given on the command line
  std::vector<std::string> clang_args; // after `--`
  // Regular expressions (ECMAScript, full match) on C names. With allow patterns only matching
  // declarations are generated, from any header (so system declarations can be named);
  // without, every declaration of the library's own headers. Block patterns always win.
  std::vector<std::string> allow;
  std::vector<std::string> block;
  // C++ headers: class template instantiations to bind, as C++ spells them ("geo::Box<int>";
  // config [cxx] instantiate, docs/cplusplus.md).
  std::vector<std::string> instantiate;
};

struct ParseResult {
  std::optional<ir::Library> library;  // empty when the headers do not parse
  std::vector<Diagnostic> diagnostics; // clang's errors (and warnings with verbose) and ours
};

// Parses the headers in one translation unit and collects the selected declarations. Object-like
// macros are evaluated by clang itself, in one batched reparse. Headers named .hpp, .hh, .hxx,
// .H or .h++, or `-x c++` among the clang arguments, make the whole translation unit C++
// (docs/cplusplus.md): -std=c++17 unless the arguments name a standard, and allow and block
// patterns match qualified C++ names ("geo::area").
ParseResult parse_headers(const ParseOptions& options);

} // namespace pen_bindgen::frontend
