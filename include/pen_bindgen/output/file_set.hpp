#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace pen_bindgen::output {

struct OutputFile {
  std::string contents;
  bool executable = false;
};

// The generated files, by path relative to the output directory; ordered, so iteration and
// output are deterministic.
using FileSet = std::map<std::string, OutputFile>;

struct WriteError {
  std::string message; // "cannot write 'out/Zlib.pen': Permission denied"
};

// Writes every file atomically (a temporary file in the same directory, then rename). Files whose
// contents are already current are not touched, so their timestamps stay and builds stay quiet.
// Nothing is written unless every directory can be created. Returns the errors, if any.
std::vector<WriteError> write_file_set(const std::filesystem::path& directory,
                                       const FileSet& files);

} // namespace pen_bindgen::output
