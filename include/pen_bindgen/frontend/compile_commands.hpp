#pragma once

#include <optional>
#include <string>
#include <vector>

namespace pen_bindgen::frontend {

struct CompileCommandsRequest {
  std::string database; // compile_commands.json, or the directory that holds it
  std::string source;   // the entry's source file; empty: chosen from the headers (see below)
  std::vector<std::string> headers;
};

struct CompileCommandsResult {
  std::vector<std::string> clang_args; // the flags that matter for parsing headers
  std::string entry_file;              // the source file of the entry used
  std::optional<std::string> error;
};

// Reads a compilation database with libclang (CXCompilationDatabase) and returns the flags of one
// entry that change how headers parse: -I, -isystem, -iquote, -idirafter, -include, -D, -U,
// -std, --target/-target and -x; relative paths are made absolute against the entry's directory.
// Which entry: the one for `source` when given; else the first entry (in file order) with an
// include directory (-I, -isystem, -iquote, -idirafter) that contains the first header, since
// that entry can include it; else the first entry.
CompileCommandsResult read_compile_commands(const CompileCommandsRequest& request);

// The flags of one compiler command line (argv[0] first) that read_compile_commands keeps.
std::vector<std::string> parsing_flags(const std::vector<std::string>& command,
                                       const std::string& directory);

} // namespace pen_bindgen::frontend
