#include "pen_bindgen/frontend/parser.hpp"

#include "pen_bindgen/frontend/declaration_collector.hpp"
#include "pen_bindgen/frontend/file_selection.hpp"
#include "pen_bindgen/frontend/include_spelling.hpp"
#include "pen_bindgen/frontend/macro_evaluator.hpp"
#include "pen_bindgen/frontend/macro_probes.hpp"
#include "pen_bindgen/frontend/translation_unit.hpp"

#include <algorithm>
#include <filesystem>
#include <optional>
#include <regex>

namespace pen_bindgen::frontend {

namespace {

// The in-memory main file. Its directory does not exist, so it can never shadow a real file.
constexpr const char* umbrella_name = "/__pen_bindgen__/umbrella.c";

std::string umbrella_contents(const std::vector<std::string>& headers) {
  std::string contents;
  for (const auto& header : headers) {
    std::error_code error;
    contents += "#include \"" +
                std::filesystem::absolute(header, error).lexically_normal().string() + "\"\n";
  }
  return contents;
}

bool names_language(const std::vector<std::string>& clang_args) {
  return std::any_of(clang_args.begin(), clang_args.end(),
                     [](const std::string& argument) { return argument.starts_with("-x"); });
}

std::vector<std::string> clang_arguments(const std::vector<std::string>& clang_args) {
  std::vector<std::string> arguments;
  if (!names_language(clang_args)) {
    arguments = {"-x", "c"};
  }
  arguments.insert(arguments.end(), clang_args.begin(), clang_args.end());
  arguments.push_back("-ferror-limit=0");
  return arguments;
}

std::string target_triple(CXTranslationUnit unit) {
  auto target = clang_getTranslationUnitTargetInfo(unit);
  if (!target) {
    return {};
  }
  auto triple = take_string(clang_TargetInfo_getTriple(target));
  clang_TargetInfo_dispose(target);
  return triple;
}

Diagnostic error(std::string message) {
  Diagnostic diagnostic;
  diagnostic.severity = Severity::Error;
  diagnostic.message = std::move(message);
  return diagnostic;
}

// Whether an error is on a macro probe's line: the macro is no constant, the headers are fine.
bool is_probe_error(CXDiagnostic diagnostic, FileTable& files, const MacroProbes& probes) {
  if (probes.empty()) {
    return false;
  }
  CXFile file = nullptr;
  unsigned line = 0;
  clang_getExpansionLocation(clang_getDiagnosticLocation(diagnostic), &file, &line, nullptr,
                             nullptr);
  return file && files.info(file).is_umbrella && probes.index_at_line(line).has_value();
}

// clang's errors, located as declarations are (the umbrella's own lines have no location).
std::vector<Diagnostic> clang_errors(CXTranslationUnit unit, FileTable& files,
                                     const MacroProbes& probes) {
  std::vector<Diagnostic> diagnostics;
  auto count = clang_getNumDiagnostics(unit);
  // A binary or otherwise non-C file gives hundreds of thousands of errors (-ferror-limit=0);
  // the first ones tell the story, the rest are counted (docs/hardening.md).
  constexpr std::size_t shown_errors = 50;
  std::size_t errors_not_shown = 0;
  for (unsigned index = 0; index < count; ++index) {
    auto diagnostic = clang_getDiagnostic(unit, index);
    if (diagnostics.size() >= shown_errors) {
      errors_not_shown += clang_getDiagnosticSeverity(diagnostic) >= CXDiagnostic_Error ? 1 : 0;
      clang_disposeDiagnostic(diagnostic);
      continue;
    }
    if (clang_getDiagnosticSeverity(diagnostic) >= CXDiagnostic_Error &&
        !is_probe_error(diagnostic, files, probes)) {
      Diagnostic result;
      result.severity = Severity::Error;
      result.message = take_string(clang_getDiagnosticSpelling(diagnostic));
      // An empty `#error` (or `#pragma GCC error ""`) has no text; never print a bare "error: "
      // (found by the fuzzer, docs/hardening.md).
      if (result.message.empty()) {
        result.message = "error directive without a message";
      }
      CXFile file = nullptr;
      unsigned line = 0;
      unsigned column = 0;
      clang_getSpellingLocation(clang_getDiagnosticLocation(diagnostic), &file, &line, &column,
                                nullptr);
      if (file && !files.info(file).is_umbrella) {
        result.location = {files.info(file).display_name, line, column};
      }
      diagnostics.push_back(std::move(result));
    }
    clang_disposeDiagnostic(diagnostic);
  }
  if (errors_not_shown > 0) {
    diagnostics.push_back(error(std::to_string(errors_not_shown) + " more errors not shown"));
  }
  return diagnostics;
}

} // namespace

ParseResult parse_headers(const ParseOptions& options) {
  ParseResult result;
  std::optional<NameSelection> selection;
  try {
    selection.emplace(options.allow, options.block);
  } catch (const std::regex_error& exception) {
    result.diagnostics.push_back(
        error(std::string("invalid regular expression: ") + exception.what()));
    return result;
  }

  Index index;
  auto contents = umbrella_contents(options.headers);
  auto arguments = clang_arguments(options.clang_args);
  // The own headers' object-like macros are evaluated in this same parse (macro_probes.hpp).
  MacroProbes probes(scan_macro_names(options.headers, options.clang_args),
                     static_cast<unsigned>(std::count(contents.begin(), contents.end(), '\n')) + 1);
  // IncludeAttributedTypes: without it libclang strips attribute sugar from every type it hands
  // out, and `_Nullable` on a result (nullability_of) is never seen.
  constexpr unsigned flags = CXTranslationUnit_DetailedPreprocessingRecord |
                             CXTranslationUnit_SkipFunctionBodies | CXTranslationUnit_KeepGoing |
                             CXTranslationUnit_IncludeAttributedTypes;
  std::optional<TranslationUnit> unit;
  unit.emplace(index, umbrella_name, contents + probes.text(), arguments, flags);
  if (!unit->get()) {
    result.diagnostics.push_back(error("libclang could not parse the headers (error " +
                                       std::to_string(unit->error()) + ")"));
    return result;
  }

  SystemIncludeRoots roots(target_triple(unit->get()));
  OwnFiles own_files(options.headers, roots);
  std::optional<FileTable> files;
  files.emplace(unit->get(), unit->main_file(), own_files, options.headers);
  result.diagnostics = clang_errors(unit->get(), *files, probes);
  if (!result.diagnostics.empty() && !probes.empty()) {
    // An error outside the probes' lines: the headers alone decide, as if there were no probes
    // (the same messages, and no probe can have caused it).
    probes = MacroProbes();
    files.reset();
    unit.emplace(index, umbrella_name, contents, arguments, flags);
    if (!unit->get()) {
      result.diagnostics = {error("libclang could not parse the headers (error " +
                                  std::to_string(unit->error()) + ")")};
      return result;
    }
    files.emplace(unit->get(), unit->main_file(), own_files, options.headers);
    result.diagnostics = clang_errors(unit->get(), *files, probes);
  }
  if (!result.diagnostics.empty()) {
    return result;
  }

  ir::Library library;
  auto include_directories = user_include_directories(options.clang_args);
  for (const auto& header : options.headers) {
    library.headers.push_back(describe_header(header, roots, include_directories));
  }
  library.declarations =
      collect_declarations(*unit, *files, *selection,
                           ReparseInput{index, umbrella_name, contents, arguments, unit->get(),
                                        unit->main_file(), &probes},
                           &library.records, &library.function_typedefs);
  library.files_read = files->files_read();
  result.library = std::move(library);
  return result;
}

} // namespace pen_bindgen::frontend
