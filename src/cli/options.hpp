#pragma once

#include <iosfwd>
#include <string>
#include <variant>
#include <vector>

namespace pen_bindgen::cli {

enum class Verbosity { Quiet, Normal, Verbose };

// The command line, parsed and validated; free of CLI11 types.
struct Options {
  std::vector<std::string> headers;
  std::string output;
  std::string name;   // empty: derived from the first header
  std::string prefix; // empty: derived from the name
  std::vector<std::string> links;
  std::vector<std::string> allow;
  std::vector<std::string> block;
  std::vector<std::string> clang_args; // everything after the first literal `--`
  Verbosity verbosity = Verbosity::Normal;
};

// What parsing ends in: options to run with, or an exit code when there is nothing to run
// (--help and --version print to `out` and give 0; usage errors print to `err` and give 2).
using ParsedCommandLine = std::variant<Options, int>;

// `arguments` is argv without the program name.
ParsedCommandLine parse_command_line(const std::vector<std::string>& arguments, std::ostream& out,
                                     std::ostream& err);

} // namespace pen_bindgen::cli
