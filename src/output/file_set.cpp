#include "pen_bindgen/output/file_set.hpp"
// TEMPORARY placeholder, being written.
namespace pen_bindgen::output {
std::vector<WriteError> write_file_set(const std::filesystem::path&, const FileSet&) { return {}; }
} // namespace pen_bindgen::output
