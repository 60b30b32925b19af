#include "run.hpp"

#include "build_steps.hpp"
#include "exit_code.hpp"
#include "parallel_parse.hpp"
#include "pen_bindgen/diagnostic.hpp"
#include "pen_bindgen/emit/build_files.hpp"
#include "pen_bindgen/emit/context_module.hpp"
#include "pen_bindgen/emit/cxx_layer.hpp"
#include "pen_bindgen/emit/exports_module.hpp"
#include "pen_bindgen/emit/pen_abi_header.hpp"
#include "pen_bindgen/emit/pen_module.hpp"
#include "pen_bindgen/emit/shim.hpp"
#include "pen_bindgen/frontend/parser.hpp"
#include "pen_bindgen/mapping/cxx_lowering.hpp"
#include "pen_bindgen/mapping/mapper.hpp"
#include "pen_bindgen/mapping/modules.hpp"
#include "pen_bindgen/output/file_set.hpp"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <fcntl.h>
#include <filesystem>
#include <future>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <set>
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

// The Pen modules' texts, by index in the split, emitted by every thread that calls work(): each
// text goes to its index, so the files do not depend on the threads.
struct ModuleTexts {
  const mapping::Package& package;
  const mapping::ModuleSplit& split;
  bool single; // a package of one module (split is empty): the package itself is emitted
  std::vector<std::string> texts;
  std::atomic<std::size_t> next{0};

  void work() {
    for (std::size_t index = next++; index < texts.size(); index = next++) {
      texts[index] = single ? emit::emit_pen_module(package)
                            : emit::emit_pen_module(package, split.modules[index]);
    }
  }
};

// One Pen module per header of a tree (mapping/modules.hpp); one shim and build glue per package.
output::FileSet package_files(const mapping::Package& package, const mapping::ModuleSplit& split,
                              ModuleTexts& modules, std::string shim) {
  output::FileSet files;
  files["pen.json"] = {emit::emit_pen_json(package), false};
  for (std::size_t index = 0; index < modules.texts.size(); ++index) {
    const std::string& path = modules.single ? package.name : split.modules[index].path;
    files[path + ".pen"] = {std::move(modules.texts[index]), false};
  }
  files[emit::shim_path(package)] = {std::move(shim), false};
  files["ffi/pen_abi.h"] = {emit::emit_pen_abi_header(), false};
  files["pen-ffi.sh"] = {emit::emit_pen_ffi_script(package), true};
  if (package.system) {
    files["Context.pen"] = {emit::emit_context_module(package), false};
    mapping::Package context = package;
    context.imports = split.context_imports;
    files["Context/context.pen"] = {emit::emit_context_implementation(context), false};
  }
  return files;
}

// What a run bound and skipped. C functions declared by the headers are counted apart from the
// helpers the package generates (handle predicates, constructors, accessors, Buffer functions),
// so that `functions.bound / functions.declared` is the coverage of the library's API.
struct Statistics {
  std::size_t functions_declared = 0;
  std::size_t functions_skipped = 0;
  std::size_t variadic_instances = 0; // config [[variadic]] shims
  // Variadic functions still skipped (the diagnostic stays) but bound through at least one
  // config instance: they count as bound, since Pen code can call them.
  std::size_t variadic_bound = 0;
  std::size_t helpers = 0;
  std::size_t constants_bound = 0;
  std::size_t constants_skipped = 0; // constants and macros
  std::size_t fields_skipped = 0;    // struct members without accessors
  std::size_t others_skipped = 0;    // variables and other declarations
  std::size_t skipped = 0;
  std::map<std::string, std::size_t> skipped_by_code;           // every skip, sorted by code
  std::map<std::string, std::size_t> functions_skipped_by_code; // skipped C functions only
};

// Exported C functions; exported callback typedefs (with a `subject`) are not declared functions.
std::size_t exported_functions(const mapping::Package& package) {
  return static_cast<std::size_t>(std::count_if(
      package.exports.begin(), package.exports.end(),
      [](const mapping::FunctionBinding& function) { return function.subject.empty(); }));
}

Statistics gather_statistics(const ir::Library& library, const mapping::Package& package) {
  Statistics statistics;
  // Skips are told apart by what the header declared under that name.
  std::map<std::string, std::string> kind_by_name;
  for (const auto& declaration : library.declarations) {
    if (const auto* function = std::get_if<ir::Function>(&declaration)) {
      ++statistics.functions_declared;
      kind_by_name[function->name] = "function";
    } else if (const auto* constant = std::get_if<ir::Constant>(&declaration)) {
      kind_by_name.emplace(constant->name, "constant");
    } else {
      const auto& unbindable = std::get<ir::Unbindable>(declaration);
      // C++ functions that could not be lowered (docs/cplusplus.md) are declared functions too.
      if (unbindable.kind == "function") {
        ++statistics.functions_declared;
        kind_by_name.emplace(unbindable.name, "function");
      } else {
        kind_by_name.emplace(unbindable.name, unbindable.kind == "macro" ? "constant" : "other");
      }
    }
  }
  std::set<std::string> called; // C functions some Call binding calls (instances included)
  for (const auto& item : package.items) {
    if (const auto* function = std::get_if<mapping::FunctionBinding>(&item);
        function && function->kind == mapping::FunctionKind::Call) {
      called.insert(function->c_name);
    }
  }
  std::size_t calls = 0;
  for (const auto& item : package.items) {
    if (const auto* function = std::get_if<mapping::FunctionBinding>(&item)) {
      // The accessor of an exported callback typedef calls the shim's own function: a helper.
      if (function->kind == mapping::FunctionKind::Call &&
          function->c_name.rfind(package.prefix + "export_address_", 0) != 0) {
        ++calls;
      } else {
        ++statistics.helpers;
      }
    } else if (std::holds_alternative<mapping::ConstantBinding>(item)) {
      ++statistics.constants_bound;
    } else {
      const auto& skipped = std::get<mapping::SkippedDeclaration>(item);
      ++statistics.skipped;
      const std::string code = skipped.code.empty() ? "no-code" : skipped.code;
      ++statistics.skipped_by_code[code];
      const auto kind = kind_by_name.find(skipped.c_name);
      if (skipped.code == "unsupported-field" || kind == kind_by_name.end()) {
        ++statistics.fields_skipped;
      } else if (kind->second == "function" && skipped.code == "unsupported-variadic" &&
                 called.contains(skipped.c_name)) {
        ++statistics.variadic_bound;
      } else if (kind->second == "function") {
        ++statistics.functions_skipped;
        ++statistics.functions_skipped_by_code[code];
      } else if (kind->second == "constant") {
        ++statistics.constants_skipped;
      } else {
        ++statistics.others_skipped;
      }
    }
  }
  // Every declared function is bound once, exported or skipped; the rest are config instances.
  const std::size_t bound_directly = statistics.functions_declared - statistics.functions_skipped -
                                     statistics.variadic_bound - exported_functions(package);
  statistics.variadic_instances = calls > bound_directly ? calls - bound_directly : 0;
  return statistics;
}

// A one-line summary, then `  key: value` lines a script can parse (keys never change meaning).
void print_statistics(std::ostream& err, const ir::Library& library,
                      const mapping::Package& package) {
  const auto statistics = gather_statistics(library, package);
  // Functions Pen implements (docs/exports.md) are neither bound nor skipped.
  const std::size_t exported = exported_functions(package);
  const std::size_t bound = statistics.functions_declared - statistics.functions_skipped - exported;
  err << program << ": bound " << bound << " functions, " << statistics.constants_bound
      << " constants and " << statistics.helpers << " helpers; skipped " << statistics.skipped
      << " declarations\n";
  const auto line = [&err](const std::string& key, std::size_t value) {
    err << "  " << key << ": " << value << '\n';
  };
  line("functions.declared", statistics.functions_declared);
  line("functions.bound", bound);
  line("functions.skipped", statistics.functions_skipped);
  if (exported != 0) {
    line("functions.exported", exported);
  }
  for (const auto& [code, count] : statistics.functions_skipped_by_code) {
    line("functions.skipped." + code, count);
  }
  line("functions.variadic-instances", statistics.variadic_instances);
  line("functions.variadic-bound", statistics.variadic_bound);
  line("helpers", statistics.helpers);
  line("constants.bound", statistics.constants_bound);
  line("constants.skipped", statistics.constants_skipped);
  line("fields.skipped", statistics.fields_skipped);
  line("others.skipped", statistics.others_skipped);
  line("types.records", package.records.size());
  line("types.handles", package.handles.size());
  line("skipped", statistics.skipped);
  for (const auto& [code, count] : statistics.skipped_by_code) {
    line("skipped." + code, count);
  }
}

mapping::MappingOptions mapping_options(const Options& options) {
  mapping::MappingOptions mapping;
  mapping.name = options.name;
  mapping.prefix = options.prefix;
  mapping.links = options.links;
  mapping.overrides = options.overrides;
  for (const auto& pattern : options.exports) {
    mapping.overrides.exports.push_back({pattern, ir::Location{}});
  }
  return mapping;
}

} // namespace

int run(const Options& given, std::ostream& err) {
  // Directories and globs become the sorted header list; a compilation database adds flags
  // before the user's own.
  const auto expanded = expand_inputs(given.headers);
  if (expanded.error) {
    print_error(err, *expanded.error);
    return exit_usage;
  }
  Options options = given;
  options.headers = expanded.headers;
  if (options.name.empty() && !given.headers.empty()) {
    // The documented default comes from the first input as given (a directory names the tree),
    // not from the first header after sorting.
    options.name = default_package_name(given.headers.front());
  }
  const auto from_database = compile_command_args(options, options.headers);
  if (from_database.error) {
    print_error(err, *from_database.error);
    return exit_io;
  }
  options.clang_args.insert(options.clang_args.begin(), from_database.clang_args.begin(),
                            from_database.clang_args.end());

  for (const auto& header : options.headers) {
    if (auto error = check_readable(header)) {
      print_error(err, "cannot read '" + header + "': " + *error);
      return exit_io;
    }
  }

  // The progress line is for people watching a terminal, never for logs or pipes.
  constexpr std::size_t progress_threshold = 3; // a line for 4 headers and more
  std::ostream* progress = &err == &std::cerr && ::isatty(STDERR_FILENO) == 1 &&
                                   options.headers.size() > progress_threshold &&
                                   options.verbosity != Verbosity::Quiet
                               ? &err
                               : nullptr;
  const auto parsed = parse_in_parallel({options.headers, options.clang_args, options.allow,
                                         options.block, options.overrides.cxx.instantiate},
                                        options.jobs, progress);
  print_diagnostics(err, parsed.diagnostics, options.verbosity);
  if (!parsed.library || has_error(parsed.diagnostics)) {
    print_error(err, "the headers do not parse");
    return exit_parse;
  }

  // C++ headers are bound through a generated extern "C" layer (docs/cplusplus.md): the C
  // pipeline maps the layer's flat C declarations with the overrides the lowering merged.
  std::optional<mapping::CxxLowering> lowered;
  auto bound_options = mapping_options(options);
  if (parsed.library->is_cxx) {
    const auto name = options.name.empty() && !parsed.library->headers.empty()
                          ? mapping::package_name_from_header(parsed.library->headers.front().path)
                          : options.name;
    std::string stem = name.empty() ? "bindings" : name;
    std::transform(stem.begin(), stem.end(), stem.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    lowered = mapping::lower_cxx(*parsed.library, bound_options.overrides, stem);
    print_diagnostics(err, lowered->diagnostics, options.verbosity);
    bound_options.overrides = lowered->overrides;
  }
  const ir::Library& library = lowered ? lowered->library : *parsed.library;
  auto mapped = mapping::map_library(library, bound_options);
  print_diagnostics(err, mapped.diagnostics, options.verbosity);
  if (has_error(mapped.diagnostics)) {
    print_error(err, "cannot generate bindings for these headers");
    return exit_failure;
  }

  // Moved, not copied: a copy of a large package costs as much as emitting it.
  mapping::Package package = std::move(mapped.package);
  package.system = options.package_type == "system";
  package.has_cxx_layer = lowered.has_value();
  // With -j 2 and more the shim, as large as all modules together, is emitted on a second thread
  // while the package is split, and that thread then helps emit the modules
  // (docs/performance.md); the files are the same either way.
  const bool single = mapping::is_single_module(package);
  mapping::ModuleSplit split;
  ModuleTexts modules{package, split, single, {}};
  std::promise<void> split_done;
  std::future<std::string> shim;
  if (options.jobs > 1) {
    shim = std::async(std::launch::async, [&package, &modules, ready = split_done.get_future()] {
      auto text = emit::emit_shim(package);
      ready.wait();
      modules.work();
      return text;
    });
  }
  {
    // Set however the split ends, so that the shim's thread never waits forever.
    const auto signal = [&split_done](void*) { split_done.set_value(); };
    std::unique_ptr<void, decltype(signal)> on_exit(&split_done, signal);
    // A one-header package needs no split (a copy of the whole package): see ModuleTexts.
    if (!single) {
      split = mapping::split_into_modules(package, library);
    }
    modules.texts.resize(single ? 1 : split.modules.size());
  }
  print_diagnostics(err, split.diagnostics, options.verbosity);
  std::vector<std::future<void>> helpers; // -j 3 and more
  for (unsigned helper = 2; helper < options.jobs && helper < modules.texts.size(); ++helper) {
    helpers.push_back(std::async(std::launch::async, [&modules] { modules.work(); }));
  }
  modules.work();
  for (auto& helper : helpers) {
    helper.get();
  }
  // After the shim's thread has finished its modules too.
  std::string shim_text = shim.valid() ? shim.get() : emit::emit_shim(package);
  auto files = package_files(package, split, modules, std::move(shim_text));
  if (lowered) {
    files[emit::cxx_layer_header_path(lowered->layer)] = {
        emit::emit_cxx_layer_header(lowered->layer), false};
    files[emit::cxx_layer_source_path(lowered->layer)] = {
        emit::emit_cxx_layer_source(lowered->layer), false};
  }
  // The exports module is the user's once it exists (docs/exports.md): never overwritten.
  if (!package.exports.empty()) {
    const auto path = emit::exports_module_path(package);
    if (!std::filesystem::exists(std::filesystem::path(options.output) / path)) {
      files[path] = {emit::emit_exports_module(package), false};
    } else if (options.regenerate_exports) {
      files[path + ".new"] = {emit::emit_exports_module(package), false};
    }
  }
  if (options.check) {
    return check_output(options, files, std::cout, err);
  }
  const auto errors = output::write_file_set(options.output, files);
  for (const auto& error : errors) {
    print_error(err, error.message);
  }
  if (!errors.empty()) {
    return exit_io;
  }
  if (!options.depfile.empty()) {
    std::vector<std::string> inputs;
    if (!options.compile_commands.empty()) {
      inputs.push_back(options.compile_commands);
    }
    if (!options.config.empty()) {
      inputs.push_back(options.config); // --config: a changed override regenerates too
    }
    if (auto error = write_depfile(options, files, library, inputs)) {
      print_error(err, *error);
      return exit_io;
    }
  }

  if (options.stats || options.verbosity == Verbosity::Verbose) {
    print_statistics(err, library, package);
  }
  return exit_success;
}

} // namespace pen_bindgen::cli
