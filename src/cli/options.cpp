#include "options.hpp"

#include "exit_code.hpp"
#include "pen_bindgen/config/config.hpp"
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

// Options for running inside builds and CI (issue 5).
void add_build_options(CLI::App& app, Options& options) {
  app.add_flag("--check", options.check,
               "Write nothing; exit 1 and print a unified diff if the files on disk differ");
  app.add_option("--depfile", options.depfile, "Write a Makefile-syntax list of every file read")
      ->type_name("FILE");
  app.add_option("--depfile-target", options.depfile_targets,
                 "The target of the depfile's rule (repeatable; default: the files generated)")
      ->type_name("PATH")
      ->allow_extra_args(false);
  app.add_option("--compile-commands", options.compile_commands,
                 "Take include paths, defines and the target from a compile_commands.json")
      ->type_name("FILE");
  app.add_option("--compile-commands-source", options.compile_commands_source,
                 "The source file whose entry to use (default: the first entry with an include "
                 "directory that contains the first header, else the first entry)")
      ->type_name("SRC");
  app.add_option("--package-type", options.package_type,
                 "library (default) or system: wrappers take a Context (DESIGN §6)")
      ->type_name("TYPE")
      ->check(CLI::IsMember({"library", "system"}));
  app.add_option("-j,--jobs", options.jobs,
                 "Parse a header tree in N threads (default 1; the output is the same for any N)")
      ->type_name("N")
      ->check(CLI::Range(1, 256));
}

void add_options(CLI::App& app, Options& options, bool& quiet, bool& verbose) {
  app.set_version_flag("--version", fmt::format("{} {}", program, pen_bindgen::version),
                       "Print the version and exit");
  // Required unless the config file names them; checked after it is merged.
  app.add_option("headers", options.headers, "C headers to bind")->type_name("HEADER");
  app.add_option("-o,--output", options.output, "The package directory to write")->type_name("DIR");
  app.add_option("--config", options.config,
                 "A .toml or .json file with the same options plus per-symbol overrides; the "
                 "command line takes precedence")
      ->type_name("FILE");
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
  app.add_option("--export", options.exports,
                 "Generate Pen stubs and C adapters for functions whose C name fully matches, "
                 "which Pen implements (repeatable; docs/exports.md)")
      ->type_name("REGEX")
      ->allow_extra_args(false);
  app.add_flag("--regenerate-exports", options.regenerate_exports,
               "Write the exports module to <Name>Exports.pen.new when <Name>Exports.pen exists");
  add_build_options(app, options);
  auto* quiet_flag = app.add_flag("-q,--quiet", quiet, "Print errors only");
  app.add_flag("-v,--verbose", verbose, "Print statistics after generating")->excludes(quiet_flag);
  app.add_flag("--stats", options.stats,
               "Print what was bound and skipped, by kind and diagnostic code, as `key: value` "
               "lines on stderr");
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
  if (auto error = check_patterns(options.exports, "--export")) {
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

// The command line takes precedence: a config value applies only where its option was not given
// (list options given on the command line replace the config's list).
void merge_config(const config::Config& config, const CLI::App& app, Options& options) {
  const auto given = [&](const char* option) { return app.count(option) > 0; };
  if (!given("headers")) {
    options.headers = config.headers;
  }
  if (!given("--output") && config.output) {
    options.output = *config.output;
  }
  if (!given("--name") && config.name) {
    options.name = *config.name;
  }
  if (!given("--prefix") && config.prefix) {
    options.prefix = *config.prefix;
  }
  if (!given("--package-type") && config.package_type) {
    options.package_type = *config.package_type;
  }
  if (!given("--link") && config.links) {
    options.links = *config.links;
  }
  if (!given("--allow") && config.allow) {
    options.allow = *config.allow;
  }
  if (!given("--block") && config.block) {
    options.block = *config.block;
  }
  if (options.clang_args.empty() && config.clang_args) {
    options.clang_args = *config.clang_args;
  }
  options.overrides = config.overrides;
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
  if (!options.config.empty()) {
    const auto loaded = config::load_config(options.config);
    if (!loaded.config) {
      for (const auto& diagnostic : loaded.diagnostics) {
        err << format_diagnostic(diagnostic) << '\n';
      }
      return exit_usage;
    }
    merge_config(*loaded.config, app, options);
  }
  if (options.headers.empty()) {
    return usage_error(err, "headers is required (on the command line or as `headers` in the "
                            "--config file)");
  }
  if (options.output.empty()) {
    return usage_error(err, "--output is required (on the command line or as `output` in the "
                            "--config file)");
  }
  if (auto error = validate(options)) {
    return usage_error(err, error->message);
  }
  return options;
}

} // namespace pen_bindgen::cli
