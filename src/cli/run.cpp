#include "run.hpp"

#include "exit_code.hpp"
#include "pen_bindgen/diagnostic.hpp"
#include "pen_bindgen/emit/build_files.hpp"
#include "pen_bindgen/emit/pen_abi_header.hpp"
#include "pen_bindgen/emit/pen_module.hpp"
#include "pen_bindgen/emit/shim.hpp"
#include "pen_bindgen/frontend/parser.hpp"
#include "pen_bindgen/mapping/mapper.hpp"
#include "pen_bindgen/output/file_set.hpp"

#include <cerrno>
#include <fcntl.h>
#include <map>
#include <optional>
#include <ostream>
#include <sys/stat.h>
#include <system_error>
#include <unistd.h>

namespace pen_bindgen::cli {

namespace {

constexpr const char* program = "pen-bindgen";

void print_error(std::ostream& err, const std::string& message) {
  err << program << ": error: " << message << '\n';
}

// Errors always show; warnings and notes are silenced by -q.
void print_diagnostics(std::ostream& err, const std::vector<Diagnostic>& diagnostics,
                       Verbosity verbosity) {
  for (const auto& diagnostic : diagnostics) {
    if (verbosity == Verbosity::Quiet && diagnostic.severity != Severity::Error) {
      continue;
    }
    err << format_diagnostic(diagnostic) << '\n';
  }
}

bool has_error(const std::vector<Diagnostic>& diagnostics) {
  for (const auto& diagnostic : diagnostics) {
    if (diagnostic.severity == Severity::Error) {
      return true;
    }
  }
  return false;
}

// A missing or unreadable header is an I/O error (exit 4), told apart from one that does not
// parse (exit 3) before clang sees it.
std::optional<std::string> check_readable(const std::string& header) {
  const int descriptor = ::open(header.c_str(), O_RDONLY | O_CLOEXEC);
  if (descriptor < 0) {
    return std::generic_category().message(errno);
  }
  struct stat info {};
  int error = ::fstat(descriptor, &info) != 0 ? errno : S_ISDIR(info.st_mode) ? EISDIR : 0;
  ::close(descriptor);
  if (error != 0) {
    return std::generic_category().message(error);
  }
  return std::nullopt;
}

output::FileSet package_files(const mapping::Package& package) {
  output::FileSet files;
  files["pen.json"] = {emit::emit_pen_json(package), false};
  files[package.name + ".pen"] = {emit::emit_pen_module(package), false};
  files[emit::shim_path(package)] = {emit::emit_shim(package), false};
  files["ffi/pen_abi.h"] = {emit::emit_pen_abi_header(), false};
  files["pen-ffi.sh"] = {emit::emit_pen_ffi_script(package), true};
  return files;
}

void print_statistics(std::ostream& err, const mapping::Package& package) {
  std::size_t functions = 0;
  std::size_t constants = 0;
  std::size_t skipped = 0;
  std::map<std::string, std::size_t> skipped_by_code; // sorted by code
  for (const auto& item : package.items) {
    if (std::holds_alternative<mapping::FunctionBinding>(item)) {
      ++functions;
    } else if (std::holds_alternative<mapping::ConstantBinding>(item)) {
      ++constants;
    } else {
      ++skipped;
      ++skipped_by_code[std::get<mapping::SkippedDeclaration>(item).code];
    }
  }
  err << program << ": bound " << functions << " functions and " << constants
      << " constants; skipped " << skipped << " declarations\n";
  for (const auto& [code, count] : skipped_by_code) {
    err << "  " << (code.empty() ? "(no code)" : code) << ": " << count << '\n';
  }
}

} // namespace

int run(const Options& options, std::ostream& err) {
  for (const auto& header : options.headers) {
    if (auto error = check_readable(header)) {
      print_error(err, "cannot read '" + header + "': " + *error);
      return exit_io;
    }
  }

  const auto parsed =
      frontend::parse_headers({options.headers, options.clang_args, options.allow, options.block});
  print_diagnostics(err, parsed.diagnostics, options.verbosity);
  if (!parsed.library || has_error(parsed.diagnostics)) {
    print_error(err, "the headers do not parse");
    return exit_parse;
  }

  const auto mapped =
      mapping::map_library(*parsed.library, {options.name, options.prefix, options.links});
  print_diagnostics(err, mapped.diagnostics, options.verbosity);
  if (has_error(mapped.diagnostics)) {
    print_error(err, "cannot generate bindings for these headers");
    return exit_failure;
  }

  const auto errors = output::write_file_set(options.output, package_files(mapped.package));
  for (const auto& error : errors) {
    print_error(err, error.message);
  }
  if (!errors.empty()) {
    return exit_io;
  }

  if (options.verbosity == Verbosity::Verbose) {
    print_statistics(err, mapped.package);
  }
  return exit_success;
}

} // namespace pen_bindgen::cli
