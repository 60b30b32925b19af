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
#include <set>

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
  return std::any_of(clang_args.begin(), clang_args.end(), [](const std::string& argument) {
    return argument.starts_with("-x") || argument.starts_with("--language");
  });
}

// The language the clang arguments name (`-x c++`, `-xc++`, `--language=c++`, `--language
// c++`; the last one counts), if any.
std::optional<std::string> named_language(const std::vector<std::string>& clang_args) {
  std::optional<std::string> language;
  for (std::size_t index = 0; index < clang_args.size(); ++index) {
    const auto& argument = clang_args[index];
    bool takes_next = argument == "-x" || argument == "--language";
    if (takes_next && index + 1 < clang_args.size()) {
      language = clang_args[++index];
    } else if (argument.starts_with("--language=")) {
      language = argument.substr(std::string_view("--language=").size());
    } else if (argument.starts_with("-x") && argument.size() > 2) {
      language = argument.substr(2);
    }
  }
  return language;
}

bool is_cxx_header(const std::string& header) {
  auto extension = std::filesystem::path(header).extension().string();
  return extension == ".hpp" || extension == ".hh" || extension == ".hxx" || extension == ".H" ||
         extension == ".h++";
}

// C++ when the arguments say so, or when they name no language and any header is C++ (one
// translation unit: C headers parse as C++ too).
bool is_cxx(const ParseOptions& options) {
  if (auto language = named_language(options.clang_args)) {
    return language->starts_with("c++");
  }
  return std::any_of(options.headers.begin(), options.headers.end(), is_cxx_header);
}

std::vector<std::string> clang_arguments(const std::vector<std::string>& clang_args, bool cxx) {
  std::vector<std::string> arguments;
  if (!names_language(clang_args)) {
    arguments = {"-x", cxx ? "c++" : "c"};
  }
  bool names_standard =
      std::any_of(clang_args.begin(), clang_args.end(), [](const std::string& argument) {
        return argument.starts_with("-std") || argument.starts_with("--std");
      });
  if (cxx && !names_standard) {
    arguments.push_back("-std=c++17");
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

// The config instantiation a diagnostic is about: its location or one of its notes ("in
// instantiation of ... requested here") on one of the instantiation's umbrella lines.
const TemplateInstantiation* instantiation_of(CXDiagnostic diagnostic, FileTable& files,
                                              const std::vector<TemplateInstantiation>& list) {
  if (list.empty()) {
    return nullptr;
  }
  auto on_line = [&](CXSourceLocation location) -> const TemplateInstantiation* {
    CXFile file = nullptr;
    unsigned line = 0;
    clang_getExpansionLocation(location, &file, &line, nullptr, nullptr);
    if (!file || !files.info(file).is_umbrella) {
      return nullptr;
    }
    for (const auto& instantiation : list) {
      if (line == instantiation.instantiation_line || line == instantiation.members_line) {
        return &instantiation;
      }
    }
    return nullptr;
  };
  if (auto found = on_line(clang_getDiagnosticLocation(diagnostic))) {
    return found;
  }
  auto notes = clang_getChildDiagnostics(diagnostic);
  auto count = clang_getNumDiagnosticsInSet(notes);
  for (unsigned index = 0; index < count; ++index) {
    auto note = clang_getDiagnosticInSet(notes, index);
    auto found = on_line(clang_getDiagnosticLocation(note));
    clang_disposeDiagnostic(note);
    if (found) {
      return found;
    }
  }
  return nullptr;
}

// clang's errors, located as declarations are (the umbrella's own lines have no location).
std::vector<Diagnostic> clang_errors(CXTranslationUnit unit, FileTable& files,
                                     const MacroProbes& probes,
                                     const std::vector<TemplateInstantiation>& instantiations) {
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
      if (auto instantiation = instantiation_of(diagnostic, files, instantiations)) {
        result.message = "cannot instantiate " + instantiation->spelling +
                         " ([cxx] instantiate): " + result.message;
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

// The umbrella lines that instantiate the config's templates, after `contents` (which ends
// with a newline): first one explicit instantiation each, then one struct each naming the
// instantiation's members (TemplateInstantiation). The members are read from a parse of the
// explicit instantiations alone. Empty text and no error without instantiations.
struct InstantiationText {
  std::string text;
  std::vector<TemplateInstantiation> instantiations;
  std::vector<Diagnostic> errors;
};

InstantiationText instantiation_text(const ParseOptions& options, const Index& index,
                                     const std::string& contents,
                                     const std::vector<std::string>& arguments) {
  InstantiationText result;
  if (options.instantiate.empty()) {
    return result;
  }
  auto first_line = static_cast<unsigned>(std::count(contents.begin(), contents.end(), '\n')) + 1;
  std::string explicit_text;
  for (std::size_t position = 0; position < options.instantiate.size(); ++position) {
    TemplateInstantiation instantiation;
    instantiation.spelling = options.instantiate[position];
    instantiation.instantiation_line = first_line + static_cast<unsigned>(position);
    instantiation.members_line =
        instantiation.instantiation_line + static_cast<unsigned>(options.instantiate.size());
    result.instantiations.push_back(std::move(instantiation));
    explicit_text += "template class " + options.instantiate[position] + ";\n";
  }
  TranslationUnit unit(index, umbrella_name, contents + explicit_text, arguments,
                       CXTranslationUnit_SkipFunctionBodies | CXTranslationUnit_KeepGoing);
  if (!unit.get()) {
    result.errors.push_back(
        error("libclang could not parse the headers (error " + std::to_string(unit.error()) + ")"));
    return result;
  }
  SystemIncludeRoots roots(target_triple(unit.get()));
  OwnFiles own_files(options.headers, roots);
  FileTable files(unit.get(), unit.main_file(), own_files, options.headers);
  result.errors = clang_errors(unit.get(), files, MacroProbes(), result.instantiations);
  if (!result.errors.empty()) {
    return result;
  }
  // The explicit instantiations' specializations, by line.
  std::vector<CXCursor> patterns(result.instantiations.size(), clang_getNullCursor());
  visit_children(unit.cursor(), [&](CXCursor cursor, CXCursor) {
    CXFile file = nullptr;
    unsigned line = 0;
    clang_getExpansionLocation(clang_getCursorLocation(cursor), &file, &line, nullptr, nullptr);
    if (file && files.info(file).is_umbrella && line >= first_line &&
        line - first_line < patterns.size()) {
      auto declaration =
          clang_getTypeDeclaration(clang_getCanonicalType(clang_getCursorType(cursor)));
      patterns[line - first_line] = clang_getSpecializedCursorTemplate(declaration);
    }
    return CXChildVisit_Continue;
  });
  std::string members_text;
  for (std::size_t position = 0; position < patterns.size(); ++position) {
    const auto& spelling = result.instantiations[position].spelling;
    if (clang_Cursor_isNull(patterns[position])) {
      result.errors.push_back(error("cannot instantiate " + spelling +
                                    " ([cxx] instantiate): not a class template specialization"));
      continue;
    }
    // Using-declarations name the members: the inheriting constructor declaration names the
    // constructors, one per name the methods (every overload at once).
    std::string usings;
    std::set<std::string> names;
    visit_children(patterns[position], [&](CXCursor member, CXCursor) {
      auto kind = clang_getCursorKind(member);
      if ((kind != CXCursor_CXXMethod && kind != CXCursor_Constructor) ||
          clang_getCXXAccessSpecifier(member) != CX_CXXPublic) {
        return CXChildVisit_Continue;
      }
      auto name = kind == CXCursor_Constructor
                      ? take_string(clang_getCursorSpelling(patterns[position]))
                      : take_string(clang_getCursorSpelling(member));
      if (name.starts_with("operator") || !names.insert(name).second) {
        return CXChildVisit_Continue;
      }
      usings += " using " + spelling + "::" + name + ";";
      return CXChildVisit_Continue;
    });
    members_text += "struct __pen_bindgen_i" + std::to_string(position) + " : " + spelling + " {" +
                    usings + " };\n";
  }
  if (result.errors.empty()) {
    result.text = explicit_text + members_text;
  }
  return result;
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
  const bool cxx = is_cxx(options);
  auto arguments = clang_arguments(options.clang_args, cxx);
  if (!cxx && !options.instantiate.empty()) {
    result.diagnostics.push_back(error("template instantiations ([cxx] instantiate) need C++ "
                                       "headers, but the headers are parsed as C"));
    return result;
  }
  CxxCollection cxx_collection;
  if (!options.instantiate.empty()) {
    auto instantiations = instantiation_text(options, index, contents, arguments);
    if (!instantiations.errors.empty()) {
      result.diagnostics = std::move(instantiations.errors);
      return result;
    }
    contents += instantiations.text;
    cxx_collection.instantiations = std::move(instantiations.instantiations);
  }
  // The own headers' object-like macros are evaluated in this same parse (macro_probes.hpp).
  auto scanned_macros = scan_macros(options.headers, options.clang_args);
  MacroProbes probes(std::move(scanned_macros.probed),
                     static_cast<unsigned>(std::count(contents.begin(), contents.end(), '\n')) + 1,
                     std::move(scanned_macros.never_constant), std::move(scanned_macros.literal));
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
  result.diagnostics = clang_errors(unit->get(), *files, probes, cxx_collection.instantiations);
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
    result.diagnostics = clang_errors(unit->get(), *files, probes, cxx_collection.instantiations);
  }
  if (!result.diagnostics.empty()) {
    return result;
  }

  ir::Library library;
  auto include_directories = user_include_directories(options.clang_args);
  for (const auto& header : options.headers) {
    library.headers.push_back(describe_header(header, roots, include_directories));
  }
  library.declarations = collect_declarations(
      *unit, *files, *selection,
      ReparseInput{index, umbrella_name, contents, arguments, unit->get(), unit->main_file(),
                   &probes},
      &library.records, &library.function_typedefs, cxx ? &cxx_collection : nullptr);
  library.files_read = files->files_read();
  library.is_cxx = cxx;
  library.classes = std::move(cxx_collection.classes);
  result.library = std::move(library);
  return result;
}

} // namespace pen_bindgen::frontend
