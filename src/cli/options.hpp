#pragma once

#include "pen_bindgen/config/overrides.hpp"

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
  // --export REGEX: functions Pen implements (docs/exports.md); added to the config's list.
  std::vector<std::string> exports;
  bool regenerate_exports = false;     // --regenerate-exports: write <Name>Exports.pen.new
  std::vector<std::string> clang_args; // everything after the first literal `--`
  // Build integration (issue 5).
  bool check = false;                       // --check: write nothing, diff against the disk
  std::string depfile;                      // --depfile FILE
  std::vector<std::string> depfile_targets; // --depfile-target; default: the files generated
  std::string compile_commands;             // --compile-commands FILE
  std::string compile_commands_source;      // --compile-commands-source SRC
  std::string package_type = "library";     // --package-type library|system
  unsigned jobs = 1;                        // -j, --jobs: threads parsing a header tree
  // --config FILE (docs/config.md): its options fill in what the command line leaves unset.
  std::string config;
  config::Overrides overrides; // per-symbol overrides from the config file
  Verbosity verbosity = Verbosity::Normal;
  // --stats (also with -v): bound and skipped declarations by kind and diagnostic code.
  bool stats = false;
};

// What parsing ends in: options to run with, or an exit code when there is nothing to run
// (--help and --version print to `out` and give 0; usage errors print to `err` and give 2).
using ParsedCommandLine = std::variant<Options, int>;

// `arguments` is argv without the program name.
ParsedCommandLine parse_command_line(const std::vector<std::string>& arguments, std::ostream& out,
                                     std::ostream& err);

} // namespace pen_bindgen::cli
