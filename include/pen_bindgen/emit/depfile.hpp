#pragma once

#include <string>
#include <vector>

namespace pen_bindgen::emit {

// A Makefile-syntax dependency file, as `gcc -MD -MP` writes it: one rule `targets: prerequisites`
// and an empty rule per prerequisite, so that make and Ninja do not fail when a header is deleted.
// Prerequisites are sorted and deduplicated; spaces, `#` and `$` are escaped (`\ `, `\#`, `$$`),
// which both make and Ninja's depfile parser read back.
std::string emit_depfile(const std::vector<std::string>& targets,
                         const std::vector<std::string>& prerequisites);

// One path, escaped for a Makefile rule.
std::string escape_make_path(const std::string& path);

} // namespace pen_bindgen::emit
