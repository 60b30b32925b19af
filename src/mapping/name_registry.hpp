#pragma once

#include "pen_bindgen/diagnostic.hpp"

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace pen_bindgen::mapping {

// The public names of one Pen module. C names that become the same Pen name (`zlibVersion` and
// `ZLIB_VERSION` both camel-case to `ZlibVersion`) are resolved first come, first served; the
// caller fixes the order (functions before constants, then source order), so results are stable.
class NameRegistry {
public:
  struct Assignment {
    std::string pen_name;
    std::optional<Diagnostic> rename; // set when the preferred name was taken or unusable
  };

  Assignment assign(const std::string& c_name, const ir::Location& location);
  // A name the config asks for (docs/config.md); claimed before any automatic name. Returns the
  // C name already holding it, if any.
  std::optional<std::string> reserve(const std::string& pen_name, const std::string& c_name);

private:
  bool is_free(const std::string& name) const;

  // Hashed: only ever looked up (never iterated, so the order cannot show in the output).
  std::unordered_map<std::string, std::string> c_name_by_pen_name_;
};

// Parameter names of one wrapper: lowerCamel, unique, never a keyword or built-in.
class ParameterNames {
public:
  std::string assign(const std::string& c_name, std::size_t index);

private:
  bool is_taken(const std::string& name) const;

  // A function has a handful of parameters: a scan is cheaper than hashing each name.
  std::vector<std::string> taken_;
};

} // namespace pen_bindgen::mapping
