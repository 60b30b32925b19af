#pragma once

#include "pen_bindgen/ir/declaration.hpp"

#include <string>

namespace pen_bindgen::mapping {

// The function's C prototype on one line, for doc comments: "uLong crc32(uLong crc, const Bytef
// *buf, uInt len)" is spelled "uLong crc32(uLong crc, const Bytef *buf, uInt len)".
std::string c_prototype(const ir::Function& function);

} // namespace pen_bindgen::mapping
