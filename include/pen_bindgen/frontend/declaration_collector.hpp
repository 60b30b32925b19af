#pragma once

#include "pen_bindgen/frontend/file_selection.hpp"
#include "pen_bindgen/frontend/macro_evaluator.hpp"
#include "pen_bindgen/frontend/translation_unit.hpp"
#include "pen_bindgen/ir/declaration.hpp"
#include "pen_bindgen/ir/record.hpp"

#include <regex>
#include <string>
#include <vector>

namespace pen_bindgen::frontend {

// --allow and --block: with allow patterns, exactly the declarations whose names match one,
// from any file; without, every declaration of the library's own files. Block always wins.
class NameSelection {
public:
  // Throws std::regex_error for an invalid pattern.
  NameSelection(const std::vector<std::string>& allow, const std::vector<std::string>& block);

  // Whether to look at declarations in files that are not the library's own at all.
  bool considers_all_files() const { return !allow_.empty(); }
  bool selects(const std::string& name) const;

private:
  std::vector<std::regex> allow_;
  std::vector<std::regex> block_;
};

// A class template specialization the config names ([cxx] instantiate, "geo::Box<int>"). The
// umbrella declares it on two lines of its own (parser.cpp): an explicit instantiation, and a
// struct deriving from it whose using-declarations name its members, because libclang lists
// the members of an instantiation only through such references.
struct TemplateInstantiation {
  std::string spelling;            // as the config writes it
  unsigned instantiation_line = 0; // `template class geo::Box<int>;`
  unsigned members_line = 0;       // `struct __pen_bindgen_i0 : geo::Box<int> { using ...; };`
};

// C++ mode: what the walk needs beyond C, and the classes it finds.
struct CxxCollection {
  std::vector<TemplateInstantiation> instantiations;
  // Out: the classes of the library's own headers in source order, then the instantiations
  // in config order.
  std::vector<ir::CxxClass> classes;
};

// Walks the translation unit and returns the selected declarations in source order (files in
// order of first inclusion, then offset), each name once (the first declaration wins). Macros
// are evaluated in one batched reparse described by `reparse`. `records`, when given, receives
// the struct and union definitions the declarations reach and the library's own ones;
// `function_typedefs`, when given, the function-pointer typedefs of the library's own files.
// `cxx`, when given, makes the walk C++: into namespaces, linkage specifications and classes,
// C++ names (qualified, "geo::area") for selection, and ir::CxxFunction on C++ functions;
// instantiated members come after all other declarations.
std::vector<ir::Declaration> collect_declarations(
    const TranslationUnit& unit, FileTable& files, const NameSelection& selection,
    const ReparseInput& reparse, std::vector<ir::RecordDefinition>* records = nullptr,
    std::vector<ir::Function>* function_typedefs = nullptr, CxxCollection* cxx = nullptr);

} // namespace pen_bindgen::frontend
