#include "pen_bindgen/output/unified_diff.hpp"

#include <algorithm>
#include <dtl/dtl.hpp>
#include <fmt/format.h>
#include <vector>

namespace pen_bindgen::output {

namespace {

// Lines with their terminating newline, so that a missing newline at the end is a difference.
std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    const auto end = text.find('\n', start);
    const auto stop = end == std::string::npos ? text.size() : end + 1;
    lines.push_back(text.substr(start, stop - start));
    start = stop;
  }
  return lines;
}

enum class Edit { Common, Delete, Add };

struct Step {
  Edit edit;
  const std::string* line;
};

// The shortest edit script, computed by dtl (Wu's O(NP) algorithm). dtl's own hunk builder
// splits hunks that GNU diff merges and numbers empty ranges differently, so hunks are grouped
// here, as GNU diff and patch expect them.
std::vector<Step> edit_script(const std::vector<std::string>& old_lines,
                              const std::vector<std::string>& new_lines) {
  dtl::Diff<std::string, std::vector<std::string>> diff(old_lines, new_lines);
  diff.compose();
  std::vector<Step> steps;
  for (const auto& element : diff.getSes().getSequence()) {
    const auto& info = element.second;
    const Edit edit = info.type == dtl::SES_ADD      ? Edit::Add
                      : info.type == dtl::SES_DELETE ? Edit::Delete
                                                     : Edit::Common;
    // dtl's sequence holds copies; point into the caller's vectors, which outlive the script.
    const auto& source = edit == Edit::Add ? new_lines : old_lines;
    const auto index = static_cast<std::size_t>(edit == Edit::Add ? info.afterIdx : info.beforeIdx);
    steps.push_back({edit, &source.at(index - 1)});
  }
  // dtl may list a change's additions before its deletions; diff -u prints deletions first.
  for (auto run = steps.begin(); run != steps.end();) {
    auto end =
        std::find_if(run, steps.end(), [](const Step& step) { return step.edit == Edit::Common; });
    std::stable_partition(run, end, [](const Step& step) { return step.edit == Edit::Delete; });
    run = end == steps.end() ? end : end + 1;
  }
  return steps;
}

// "-3,4": the first line and the count; an empty range names the line before it (GNU diff).
std::string range(std::size_t lines_before, std::size_t count) {
  const std::size_t start = count == 0 ? lines_before : lines_before + 1;
  return count == 1 ? fmt::format("{}", start) : fmt::format("{},{}", start, count);
}

void append_line(std::string& out, char marker, const std::string& line) {
  out += marker;
  out += line;
  if (line.empty() || line.back() != '\n') {
    out += "\n\\ No newline at end of file\n";
  }
}

} // namespace

std::string unified_diff(const std::string& old_label, const std::string& new_label,
                         const std::string& old_text, const std::string& new_text, int context) {
  if (old_text == new_text) {
    return {};
  }
  const auto old_lines = split_lines(old_text);
  const auto new_lines = split_lines(new_text);
  const auto steps = edit_script(old_lines, new_lines);
  const auto context_lines = static_cast<std::size_t>(std::max(context, 0));

  std::string out = fmt::format("--- {}\n+++ {}\n", old_label, new_label);
  std::size_t old_before = 0; // old lines before steps[index]
  std::size_t new_before = 0;
  std::size_t index = 0;
  while (index < steps.size()) {
    // Find the next change; the hunk starts `context` steps before it.
    std::size_t first_change = index;
    while (first_change < steps.size() && steps[first_change].edit == Edit::Common) {
      ++first_change;
    }
    if (first_change == steps.size()) {
      break;
    }
    const std::size_t start = std::max(index, first_change - std::min(first_change, context_lines));
    for (std::size_t skipped = index; skipped < start; ++skipped) {
      ++old_before;
      ++new_before;
    }
    // Extend over changes separated by at most 2 * context common lines.
    std::size_t end = first_change; // one past the last change
    std::size_t cursor = first_change;
    while (cursor < steps.size()) {
      if (steps[cursor].edit != Edit::Common) {
        end = ++cursor;
        continue;
      }
      std::size_t run = cursor;
      while (run < steps.size() && steps[run].edit == Edit::Common) {
        ++run;
      }
      if (run == steps.size() || run - cursor > 2 * context_lines) {
        break;
      }
      cursor = run;
    }
    const std::size_t stop = std::min(steps.size(), end + context_lines);

    std::size_t old_count = 0;
    std::size_t new_count = 0;
    std::string body;
    for (std::size_t step = start; step < stop; ++step) {
      const auto& [edit, line] = steps[step];
      old_count += edit != Edit::Add ? 1 : 0;
      new_count += edit != Edit::Delete ? 1 : 0;
      append_line(body, edit == Edit::Common ? ' ' : edit == Edit::Delete ? '-' : '+', *line);
    }
    out +=
        fmt::format("@@ -{} +{} @@\n", range(old_before, old_count), range(new_before, new_count)) +
        body;
    old_before += old_count;
    new_before += new_count;
    index = stop;
  }
  return out;
}

} // namespace pen_bindgen::output
