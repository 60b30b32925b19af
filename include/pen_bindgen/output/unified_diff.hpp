#pragma once

#include <string>

namespace pen_bindgen::output {

// A unified diff (`diff -u` / `patch` format) from `old_text` to `new_text`, with `context` lines
// of context, headed by `--- old_label` and `+++ new_label`. Empty when the texts are equal. A
// last line without a newline gets `\ No newline at end of file`, as GNU diff prints it.
std::string unified_diff(const std::string& old_label, const std::string& new_label,
                         const std::string& old_text, const std::string& new_text, int context = 3);

} // namespace pen_bindgen::output
