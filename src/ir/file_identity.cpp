#include "pen_bindgen/ir/file_identity.hpp"

#include <filesystem>

namespace pen_bindgen::ir {

std::string file_identity(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code error;
  auto canonical = fs::weakly_canonical(path, error);
  return error ? fs::absolute(path, error).lexically_normal().string() : canonical.string();
}

} // namespace pen_bindgen::ir
