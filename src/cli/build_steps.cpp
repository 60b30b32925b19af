#include "build_steps.hpp"

#include "exit_code.hpp"
#include "pen_bindgen/emit/depfile.hpp"
#include "pen_bindgen/frontend/compile_commands.hpp"
#include "pen_bindgen/mapping/mapper.hpp"
#include "pen_bindgen/output/check.hpp"

#include <algorithm>
#include <filesystem>
#include <glob.h>
#include <ostream>
#include <set>

namespace pen_bindgen::cli {

namespace fs = std::filesystem;

namespace {

bool is_pattern(const std::string& input) {
  return input.find_first_of("*?[") != std::string::npos;
}

// Every *.h below `directory`, hidden directories skipped, as `directory/relative`.
std::vector<std::string> headers_below(const std::string& directory) {
  std::vector<std::string> headers;
  std::error_code error;
  fs::recursive_directory_iterator it(directory, fs::directory_options::follow_directory_symlink,
                                      error);
  for (const fs::recursive_directory_iterator end; !error && it != end; it.increment(error)) {
    const auto name = it->path().filename().string();
    if (name.starts_with(".")) {
      if (it->is_directory(error)) {
        it.disable_recursion_pending();
      }
      continue;
    }
    if (it->path().extension() == ".h" && it->is_regular_file(error)) {
      headers.push_back((fs::path(directory) / it->path().lexically_relative(directory))
                            .lexically_normal()
                            .string());
    }
  }
  return headers;
}

std::vector<std::string> glob_matches(const std::string& pattern) {
  std::vector<std::string> matches;
  glob_t result{};
  if (::glob(pattern.c_str(), 0, nullptr, &result) == 0) {
    for (std::size_t index = 0; index < result.gl_pathc; ++index) {
      matches.emplace_back(result.gl_pathv[index]);
    }
  }
  ::globfree(&result);
  return matches;
}

std::string summary_list(const std::vector<std::string>& paths) {
  std::string list;
  for (const auto& path : paths) {
    list += (list.empty() ? "" : ", ") + path;
  }
  return list;
}

} // namespace

ExpandedInputs expand_inputs(const std::vector<std::string>& inputs) {
  ExpandedInputs result;
  std::set<std::string> headers;
  for (const auto& input : inputs) {
    std::error_code error;
    std::vector<std::string> found;
    if (fs::is_directory(input, error)) {
      found = headers_below(input);
    } else if (is_pattern(input) && !fs::exists(input, error)) {
      for (const auto& match : glob_matches(input)) {
        if (fs::is_directory(match, error)) {
          const auto below = headers_below(match);
          found.insert(found.end(), below.begin(), below.end());
        } else {
          found.push_back(match);
        }
      }
    } else {
      headers.insert(input); // a file, or a missing one that run reports as an I/O error
      continue;
    }
    if (found.empty()) {
      result.error = "'" + input + "' names no header (*.h)";
      return result;
    }
    for (auto& each : found) {
      headers.insert(fs::path(each).lexically_normal().string());
    }
  }
  result.headers.assign(headers.begin(), headers.end());
  return result;
}

std::string default_package_name(const std::string& first_input) {
  std::error_code error;
  if (!fs::is_directory(first_input, error)) {
    return mapping::package_name_from_header(first_input); // a header or a glob
  }
  auto path = fs::path(first_input).lexically_normal();
  if (path.filename().empty()) {
    path = path.parent_path(); // "include/net/" -> "include/net"
  }
  if (path.filename().empty() || path.filename() == "." || path.filename() == "..") {
    path = fs::absolute(path, error).lexically_normal();
  }
  return mapping::package_name_from_header(path.filename().string() + ".h");
}

CompileCommandArgs compile_command_args(const Options& options,
                                        const std::vector<std::string>& headers) {
  CompileCommandArgs result;
  if (options.compile_commands.empty()) {
    return result;
  }
  auto read = frontend::read_compile_commands(
      {options.compile_commands, options.compile_commands_source, headers});
  if (read.error) {
    result.error = "--compile-commands: " + *read.error;
    return result;
  }
  result.clang_args = std::move(read.clang_args);
  return result;
}

int check_output(const Options& options, const output::FileSet& files, std::ostream& out,
                 std::ostream& err) {
  const auto result = output::check_file_set(options.output, files);
  out << result.diff;
  out.flush();
  for (const auto& problem : result.unreadable) {
    err << "pen-bindgen: error: " << problem << '\n';
  }
  if (!result.unreadable.empty()) {
    return exit_io;
  }
  if (result.current()) {
    err << "pen-bindgen: " << options.output << " is up to date\n";
    return exit_success;
  }
  std::vector<std::string> parts;
  const auto add = [&](const std::vector<std::string>& paths, const char* what) {
    if (!paths.empty()) {
      parts.push_back(std::to_string(paths.size()) + " " + what + " (" + summary_list(paths) + ")");
    }
  };
  add(result.changed, "changed");
  add(result.missing, "missing");
  add(result.extra, "extra");
  add(result.mode_changed, "with a different mode");
  err << "pen-bindgen: " << options.output << " is out of date: " << summary_list(parts)
      << "; run without --check to update it\n";
  return exit_failure;
}

std::optional<std::string> write_depfile(const Options& options, const output::FileSet& files,
                                         const ir::Library& library,
                                         const std::vector<std::string>& extra_inputs) {
  std::vector<std::string> targets = options.depfile_targets;
  if (targets.empty()) {
    for (const auto& [relative, file] : files) {
      targets.push_back((fs::path(options.output) / relative).lexically_normal().string());
    }
  }
  std::vector<std::string> prerequisites = library.files_read;
  prerequisites.insert(prerequisites.end(), extra_inputs.begin(), extra_inputs.end());
  const fs::path depfile(options.depfile);
  output::FileSet depfile_set;
  depfile_set[depfile.filename().string()] = {emit::emit_depfile(targets, prerequisites), false};
  const auto directory = depfile.parent_path().empty() ? fs::path(".") : depfile.parent_path();
  const auto errors = output::write_file_set(directory, depfile_set);
  if (!errors.empty()) {
    return errors.front().message;
  }
  return std::nullopt;
}

} // namespace pen_bindgen::cli
