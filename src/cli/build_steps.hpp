#pragma once

#include "options.hpp"
#include "pen_bindgen/ir/library.hpp"
#include "pen_bindgen/output/file_set.hpp"

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace pen_bindgen::cli {

// The headers the inputs name: a directory stands for every *.h below it, a pattern with *, ? or
// [ is expanded by glob(3), anything else is taken as is. Sorted and deduplicated, so that
// equivalent command lines give the same output. Returns an error message instead when a
// directory or pattern names no header.
struct ExpandedInputs {
  std::vector<std::string> headers;
  std::optional<std::string> error;
};
ExpandedInputs expand_inputs(const std::vector<std::string>& inputs);

// The package name for the first input as given: "zlib.h" -> "Zlib", "include/net/" -> "Net".
std::string default_package_name(const std::string& first_input);

// The clang arguments taken from --compile-commands (before the user's own, which win).
struct CompileCommandArgs {
  std::vector<std::string> clang_args;
  std::optional<std::string> error;
};
CompileCommandArgs compile_command_args(const Options& options,
                                        const std::vector<std::string>& headers);

// --check: compares the output directory with `files`, prints the diff to `out` and a one-line
// summary to `err`; returns the exit code (0 current, 1 differs, 4 unreadable output).
int check_output(const Options& options, const output::FileSet& files, std::ostream& out,
                 std::ostream& err);

// --depfile: every file read (headers, the compilation database, the config) as prerequisites
// of the generated files (or of --depfile-target), written atomically. Returns an error message.
std::optional<std::string> write_depfile(const Options& options, const output::FileSet& files,
                                         const ir::Library& library,
                                         const std::vector<std::string>& extra_inputs);

} // namespace pen_bindgen::cli
