#pragma once

#include <fmt/compile.h>
#include <fmt/format.h>
#include <string>

namespace pen_bindgen::emit {

// Appends `format` (an FMT_COMPILE string: parsed at compile time) formatted with `args` to
// `out`. Formatted in fmt's stack buffer, then appended at once: fmt writing to a std::string
// resizes it once per piece.
template <typename Format, typename... Args>
void append_format(std::string& out, const Format& format, const Args&... args) {
  fmt::memory_buffer buffer;
  fmt::format_to(fmt::appender(buffer), format, args...);
  out.append(buffer.data(), buffer.size());
}

// The same as a new string (fmt::format of a compiled format also writes piece by piece).
template <typename Format, typename... Args>
std::string formatted(const Format& format, const Args&... args) {
  fmt::memory_buffer buffer;
  fmt::format_to(fmt::appender(buffer), format, args...);
  return fmt::to_string(buffer);
}

} // namespace pen_bindgen::emit
