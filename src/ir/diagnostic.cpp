#include "pen_bindgen/diagnostic.hpp"

#include <fmt/format.h>

namespace pen_bindgen {

namespace {

const char* severity_name(Severity severity) {
  switch (severity) {
  case Severity::Note:
    return "note";
  case Severity::Warning:
    return "warning";
  case Severity::Error:
    return "error";
  }
  return "error";
}

} // namespace

std::string format_diagnostic(const Diagnostic& diagnostic) {
  std::string text;
  if (!diagnostic.location.file.empty()) {
    text = fmt::format("{}:{}:{}: ", diagnostic.location.file, diagnostic.location.line,
                       diagnostic.location.column);
  }
  text += fmt::format("{}: {}", severity_name(diagnostic.severity), diagnostic.message);
  if (!diagnostic.code.empty()) {
    text += fmt::format(" [{}]", diagnostic.code);
  }
  return text;
}

} // namespace pen_bindgen
