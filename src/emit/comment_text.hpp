#pragma once

#include <string>
#include <string_view>

namespace pen_bindgen::emit {

// Text made fit for one `#` comment line (Pen or sh) whatever it came from: every run of
// whitespace or control characters becomes one space, the ends are trimmed (`pen format` trims
// the end), and bytes that are not well-formed UTF-8 become '?' (Pen reads modules as UTF-8).
std::string comment_text(std::string_view text);

// Text for inside a C or C++ block comment: a path or prototype must neither end it early nor
// open a nested comment (-Wcomment).
std::string comment_safe(std::string_view text);
void append_comment_safe(std::string& out, std::string_view text);

} // namespace pen_bindgen::emit
