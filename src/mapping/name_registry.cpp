#include "name_registry.hpp"

#include "pen_bindgen/mapping/names.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <utility>

namespace pen_bindgen::mapping {

namespace {

bool is_public_identifier(const std::string& name) {
  return is_pen_identifier(name) && name.front() >= 'A' && name.front() <= 'Z';
}

// The C name itself, made public: "ZLIB_VERSION" stays, "_foo" -> "Foo", "zlib_version" ->
// "Zlib_version". C names are unique, so this usually resolves a camel-case collision.
std::string public_spelling(const std::string& c_name) {
  std::string name = sanitize_identifier(c_name);
  const auto first = name.find_first_not_of('_');
  name = first == std::string::npos ? std::string() : name.substr(first);
  if (!name.empty() && name.front() >= 'a' && name.front() <= 'z') {
    name.front() = static_cast<char>(name.front() - 'a' + 'A');
  }
  return name;
}

} // namespace

bool NameRegistry::is_free(const std::string& name) const {
  return is_public_identifier(name) && !c_name_by_pen_name_.contains(name);
}

NameRegistry::Assignment NameRegistry::assign(const std::string& c_name,
                                              const ir::Location& location) {
  std::string preferred = to_upper_camel(c_name);
  Assignment assignment;
  // The usual case, with one hash of the name: the preferred name is free and claimed. It is
  // spelled with letters and digits only, so a capital first makes it a public identifier.
  if (!preferred.empty() && preferred.front() >= 'A' && preferred.front() <= 'Z' &&
      c_name_by_pen_name_.try_emplace(preferred, c_name).second) {
    assignment.pen_name = std::move(preferred);
    return assignment;
  }
  std::string candidate = public_spelling(c_name);
  if (!is_public_identifier(candidate)) {
    candidate = "C" + sanitize_identifier(c_name);
  }
  const std::string base = candidate;
  for (int suffix = 2; !is_free(candidate); ++suffix) {
    candidate = fmt::format("{}_{}", base, suffix);
  }
  assignment.pen_name = candidate;
  const auto holder = c_name_by_pen_name_.find(preferred);
  const std::string why = holder != c_name_by_pen_name_.end()
                              ? fmt::format("'{}' is taken by '{}'", preferred, holder->second)
                          : preferred.empty()
                              ? std::string("the name has no letters or digits")
                              : fmt::format("'{}' is not a public Pen name", preferred);
  assignment.rename =
      Diagnostic{Severity::Warning, location,
                 fmt::format("'{}' is named '{}' in Pen because {}", c_name, candidate, why),
                 "name-collision"};
  c_name_by_pen_name_.emplace(assignment.pen_name, c_name);
  return assignment;
}

std::optional<std::string> NameRegistry::reserve(const std::string& pen_name,
                                                 const std::string& c_name) {
  const auto [holder, inserted] = c_name_by_pen_name_.emplace(pen_name, c_name);
  if (inserted) {
    return std::nullopt;
  }
  return holder->second;
}

std::string ParameterNames::assign(const std::string& c_name, std::size_t index) {
  std::string name = to_lower_camel(c_name);
  if (!is_pen_identifier(name)) {
    name = fmt::format("arg{}", index + 1);
  } else if (is_pen_keyword(name) || is_pen_builtin(name)) {
    name += '_';
  }
  if (is_taken(name)) {
    const std::string base = name;
    for (int suffix = 2; is_taken(name); ++suffix) {
      name = fmt::format("{}{}", base, suffix);
    }
  }
  taken_.push_back(name);
  return name;
}

bool ParameterNames::is_taken(const std::string& name) const {
  return std::find(taken_.begin(), taken_.end(), name) != taken_.end();
}

} // namespace pen_bindgen::mapping
