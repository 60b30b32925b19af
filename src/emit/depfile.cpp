#include "pen_bindgen/emit/depfile.hpp"

#include <set>

namespace pen_bindgen::emit {

std::string escape_make_path(const std::string& path) {
  std::string escaped;
  for (const char character : path) {
    if (character == ' ' || character == '#' || character == '\t') {
      escaped += '\\';
    } else if (character == '$') {
      escaped += '$';
    }
    escaped += character;
  }
  return escaped;
}

std::string emit_depfile(const std::vector<std::string>& targets,
                         const std::vector<std::string>& prerequisites) {
  const std::set<std::string> sorted(prerequisites.begin(), prerequisites.end());
  std::string rule;
  for (const auto& target : targets) {
    rule += (rule.empty() ? "" : " ") + escape_make_path(target);
  }
  rule += ":";
  for (const auto& prerequisite : sorted) {
    rule += " \\\n  " + escape_make_path(prerequisite);
  }
  rule += "\n";
  for (const auto& prerequisite : sorted) {
    rule += "\n" + escape_make_path(prerequisite) + ":\n";
  }
  return rule;
}

} // namespace pen_bindgen::emit
