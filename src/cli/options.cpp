#include "options.hpp"

#include "exit_code.hpp"
#include "pen_bindgen/mapping/names.hpp"
#include "pen_bindgen/version.hpp"

#include <CLI/CLI.hpp>
#include <algorithm>
#include <fmt/format.h>
#include <optional>
#include <ostream>
#include <regex>

namespace pen_bindgen::cli {

namespace {

constexpr const char* program = "pen-bindgen";

struct UsageError {
  std::string message;
};

void add_options(CLI::App& app, Options& options, bool& quiet, bool& verbose) {
  app.set_version_flag("--version", fmt::format("{} {}", program, pen_bindgen::version),
                       "Print the version and exit");
  app.add_option("headers", options.headers, "C headers to bind")->required()->type_name("HEADER");
  app.add_option("-o,--output", options.output, "The package directory to write")
      ->required()
      ->type_name("DIR");
  app.add_option("--name", options.name,
                 "Package and top module name (default: from the first header, zlib.h -> Zlib)")
      ->type_name("NAME");
  app.add_option("--prefix", options.prefix,
                 "Prefix of every shim C symbol (default: _<name in lower case>_)")
      ->type_name("PFX");
  // One value per occurrence, so that `--link z zlib.h` leaves zlib.h a header.
  app.add_option("--link", options.links, "A C library to put into the archive (repeatable)")
      ->type_name("LIB")
      ->allow_extra_args(false);
  app.add_option("--allow", options.allow,
                 "Generate only declarations whose C name fully matches (repeatable)")
      ->type_name("REGEX")
      ->allow_extra_args(false);
  app.add_option("--block", options.block,
                 "Never generate declarations whose C name fully matches (repeatable)")
      ->type_name("REGEX")
      ->allow_extra_args(false);
  auto* quiet_flag = app.add_flag("-q,--quiet", quiet, "Print errors only");
  app.add_flag("-v,--verbose", verbose, "Print statistics after generating")->excludes(quiet_flag);
}

std::optional<UsageError> check_patterns(const std::vector<std::string>& patterns,
                                         const char* option) {
  for (const auto& pattern : patterns) {
    try {
      std::regex compiled(pattern, std::regex::ECMAScript);
    } catch (const std::regex_error& error) {
      return UsageError{fmt::format("{} '{}' is not a valid regular expression: {}", option,
                                    pattern, error.what())};
    }
  }
  return std::nullopt;
}

bool is_upper_ascii(char c) {
  return c >= 'A' && c <= 'Z';
}

std::optional<UsageError> validate(const Options& options) {
  if (auto error = check_patterns(options.allow, "--allow")) {
    return error;
  }
  if (auto error = check_patterns(options.block, "--block")) {
    return error;
  }
  if (!options.name.empty() &&
      !(is_upper_ascii(options.name.front()) && mapping::is_pen_identifier(options.name))) {
    return UsageError{fmt::format("--name '{}' is not a public Pen identifier ([A-Z][A-Za-z0-9_]*)",
                                  options.name)};
  }
  if (!options.prefix.empty()) {
    if (!mapping::is_pen_identifier(options.prefix)) {
      return UsageError{fmt::format(
          "--prefix '{}' is not a C and Pen identifier ([A-Za-z_][A-Za-z0-9_]*)", options.prefix)};
    }
    if (mapping::has_reserved_prefix(options.prefix)) {
      return UsageError{fmt::format("--prefix '{}' starts with a prefix reserved by Pen's runtime "
                                    "(_pen_, pen_ffi_, _fmm_)",
                                    options.prefix)};
    }
  }
  return std::nullopt;
}

int usage_error(std::ostream& err, const std::string& message) {
  err << program << ": error: " << message << '\n' << "Run '" << program << " --help' for usage.\n";
  return exit_usage;
}

} // namespace

ParsedCommandLine parse_command_line(const std::vector<std::string>& arguments, std::ostream& out,
                                     std::ostream& err) {
  // Everything after the first `--` goes to clang untouched; CLI11 never sees it.
  const auto separator = std::find(arguments.begin(), arguments.end(), "--");
  Options options;
  options.clang_args.assign(separator == arguments.end() ? separator : separator + 1,
                            arguments.end());

  std::vector<const char*> argv{program};
  for (auto it = arguments.begin(); it != separator; ++it) {
    argv.push_back(it->c_str());
  }

  CLI::App app{"Generates Pen bindings (a Pen module, a C shim and build glue) from C headers.",
               program};
  app.footer("Arguments after `--` go to clang, e.g. `-- -Iinclude -DAPI=`.\n"
             "Exit codes: 0 success, 1 internal error, 2 usage error, 3 the headers do not parse, "
             "4 I/O error.\n");
  bool quiet = false;
  bool verbose = false;
  add_options(app, options, quiet, verbose);
  try {
    app.parse(static_cast<int>(argv.size()), argv.data());
  } catch (const CLI::CallForHelp& request) {
    return app.exit(request, out, err);
  } catch (const CLI::CallForAllHelp& request) {
    return app.exit(request, out, err);
  } catch (const CLI::CallForVersion& request) {
    return app.exit(request, out, err);
  } catch (const CLI::ParseError& error) {
    return usage_error(err, error.what());
  }

  options.verbosity = quiet ? Verbosity::Quiet : verbose ? Verbosity::Verbose : Verbosity::Normal;
  if (auto error = validate(options)) {
    return usage_error(err, error->message);
  }
  return options;
}

} // namespace pen_bindgen::cli
