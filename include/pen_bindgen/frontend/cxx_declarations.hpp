#pragma once

#include <clang-c/Index.h>
#include <map>
#include <string>
#include <vector>

namespace pen_bindgen::frontend {

// Facts about C++ declarations that libclang does not state directly (or not in libclang 14),
// derived from what it does state. Used by the declaration collector in C++ mode.

// `= delete` (libclang 14 has no clang_CXXMethod_isDeleted; the tokens say it in every version).
bool is_deleted(CXTranslationUnit unit, CXCursor function);

// Cannot throw: `noexcept`, `noexcept(<true>)` or `throw()`. Anything else may throw.
bool is_noexcept(CXCursor function);

// `operator+`, `operator[]`, `operator new`...: an overloaded operator's name.
bool is_operator_name(const std::string& name);

// A template with a parameter pack (`template <class... Ts>`).
bool is_variadic_template(CXTranslationUnit unit, CXCursor template_cursor);

// The members as declared: the children of a class definition or explicit specialization, and
// for an implicit or explicit instantiation (whose members libclang does not visit) those of
// the template it comes from.
std::vector<CXCursor> declared_members(CXCursor record_definition);

// The ids (USRs) of a class's public bases and, through public inheritance, theirs: nearest
// first, each once. Bases that depend on template parameters are left out.
std::vector<std::string> public_base_ids(CXCursor record_definition);

// What a class allows, as C++ would decide it for the implicit members libclang does not list.
struct ClassTraits {
  bool is_complete = false;
  bool is_abstract = false;
  bool has_virtual_functions = false; // its own or inherited
  bool has_public_destructor = true;
  bool destructor_usable_by_derived = true; // public or protected, not deleted
  bool is_copy_constructible = false;
  bool is_move_constructible = false;
  bool is_default_constructible = false; // `T()` works: declared or implicit, public, not deleted
  bool is_standard_layout = false;
  bool has_data_members = false; // it or a base has non-static data members
};

// Computes ClassTraits for record declarations, each class once (fields and bases of class
// type need the traits of their classes).
class ClassTraitsTable {
public:
  explicit ClassTraitsTable(CXTranslationUnit unit) : unit_(unit) {}
  ClassTraits of(CXCursor record_declaration);

private:
  ClassTraits compute(CXCursor definition);
  // The traits of a field's or base's class type, through arrays; false for other types.
  bool type_traits(CXType type, ClassTraits& traits);

  CXTranslationUnit unit_;
  std::map<std::string, ClassTraits> cache_; // by USR
};

} // namespace pen_bindgen::frontend
