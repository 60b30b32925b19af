#include "pen_bindgen/frontend/cxx_declarations.hpp"

#include "pen_bindgen/frontend/translation_unit.hpp"

#include <algorithm>
#include <set>

namespace pen_bindgen::frontend {

namespace {

std::vector<CXCursor> children_of(CXCursor parent) {
  std::vector<CXCursor> children;
  visit_children(parent, [&](CXCursor child, CXCursor) {
    children.push_back(child);
    return CXChildVisit_Continue;
  });
  return children;
}

bool is_member_declaration(CXCursorKind kind) {
  switch (kind) {
  case CXCursor_FieldDecl:
  case CXCursor_CXXMethod:
  case CXCursor_Constructor:
  case CXCursor_Destructor:
  case CXCursor_ConversionFunction:
  case CXCursor_CXXBaseSpecifier:
  case CXCursor_CXXAccessSpecifier:
  case CXCursor_FunctionTemplate:
  case CXCursor_VarDecl:
  case CXCursor_StructDecl:
  case CXCursor_ClassDecl:
  case CXCursor_UnionDecl:
  case CXCursor_EnumDecl:
  case CXCursor_TypedefDecl:
  case CXCursor_TypeAliasDecl:
  case CXCursor_ClassTemplate:
  case CXCursor_FriendDecl:
  case CXCursor_UsingDeclaration:
    return true;
  default:
    return false;
  }
}

// The definition of the class a type names (through arrays), or a null cursor.
CXCursor class_definition(CXType type) {
  auto canonical = clang_getCanonicalType(type);
  while (canonical.kind == CXType_ConstantArray || canonical.kind == CXType_IncompleteArray) {
    canonical = clang_getCanonicalType(clang_getArrayElementType(canonical));
  }
  if (canonical.kind != CXType_Record) {
    return clang_getNullCursor();
  }
  return clang_getCursorDefinition(clang_getTypeDeclaration(canonical));
}

bool is_public(CXCursor member) {
  return clang_getCXXAccessSpecifier(member) == CX_CXXPublic;
}

CXVisitorResult collect_field(CXCursor field, CXClientData data) {
  static_cast<std::vector<CXCursor>*>(data)->push_back(field);
  return CXVisit_Continue;
}

// A default member initializer (`int n = 0;`, `int n{};`) or a default argument (`int n = 0`):
// its tokens say `=` or `{` (a bitfield's width or an array bound would be an expression child).
bool has_initializer(CXTranslationUnit unit, CXCursor declaration) {
  Tokens tokens(unit, clang_getCursorExtent(declaration));
  for (unsigned index = 0; index < tokens.size(); ++index) {
    if (tokens.kind(index) == CXToken_Punctuation &&
        (tokens.spelling(index) == "=" || tokens.spelling(index) == "{")) {
      return true;
    }
  }
  return false;
}

// A constructor callable without arguments: none declared, or each with a default argument.
bool takes_no_arguments(CXTranslationUnit unit, CXCursor constructor) {
  const int count = clang_Cursor_getNumArguments(constructor);
  for (int index = 0; index < count; ++index) {
    if (!has_initializer(unit,
                         clang_Cursor_getArgument(constructor, static_cast<unsigned>(index)))) {
      return false;
    }
  }
  return true;
}

} // namespace

namespace {

bool says_deleted(const Tokens& tokens, unsigned first) {
  return first + 1 < tokens.size() && tokens.kind(first) == CXToken_Punctuation &&
         tokens.spelling(first) == "=" && tokens.kind(first + 1) == CXToken_Keyword &&
         tokens.spelling(first + 1) == "delete";
}

} // namespace

bool is_deleted(CXTranslationUnit unit, CXCursor function) {
  auto extent = clang_getCursorExtent(function);
  Tokens tokens(unit, extent);
  for (unsigned index = 0; index + 1 < tokens.size(); ++index) {
    if (says_deleted(tokens, index)) {
      return true;
    }
  }
  // A namespace-scope function's extent ends before its `= delete`: read the next tokens.
  CXFile file = nullptr;
  unsigned end = 0;
  clang_getSpellingLocation(clang_getRangeEnd(extent), &file, nullptr, nullptr, &end);
  std::size_t size = 0;
  if (!file || !clang_getFileContents(unit, file, &size) || end >= size) {
    return false;
  }
  constexpr unsigned lookahead = 32; // bytes: `= delete` with some spacing or a comment
  auto last = static_cast<unsigned>(std::min<std::size_t>(size, end + lookahead));
  Tokens following(unit, clang_getRange(clang_getLocationForOffset(unit, file, end),
                                        clang_getLocationForOffset(unit, file, last)));
  return says_deleted(following, 0);
}

bool is_noexcept(CXCursor function) {
  switch (clang_getCursorExceptionSpecificationType(function)) {
  case CXCursor_ExceptionSpecificationKind_DynamicNone:
  case CXCursor_ExceptionSpecificationKind_BasicNoexcept:
  case CXCursor_ExceptionSpecificationKind_NoThrow:
    return true;
  case CXCursor_ExceptionSpecificationKind_ComputedNoexcept: {
    // noexcept(true) and noexcept(false) share this kind; clang prints the canonical function
    // type of the first with a trailing `noexcept`, of the second without.
    auto spelling =
        take_string(clang_getTypeSpelling(clang_getCanonicalType(clang_getCursorType(function))));
    return spelling.ends_with("noexcept");
  }
  default:
    return false;
  }
}

bool is_operator_name(const std::string& name) {
  constexpr std::string_view keyword = "operator";
  if (!name.starts_with(keyword)) {
    return false;
  }
  if (name.size() == keyword.size()) {
    return true;
  }
  char next = name[keyword.size()];
  bool continues_identifier = (next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z') ||
                              (next >= '0' && next <= '9') || next == '_';
  return !continues_identifier;
}

bool is_variadic_template(CXTranslationUnit unit, CXCursor template_cursor) {
  for (auto child : children_of(template_cursor)) {
    auto kind = clang_getCursorKind(child);
    if (kind != CXCursor_TemplateTypeParameter && kind != CXCursor_NonTypeTemplateParameter &&
        kind != CXCursor_TemplateTemplateParameter) {
      continue;
    }
    Tokens tokens(unit, clang_getCursorExtent(child));
    for (unsigned index = 0; index < tokens.size(); ++index) {
      if (tokens.spelling(index) == "...") {
        return true;
      }
    }
  }
  return false;
}

std::vector<CXCursor> declared_members(CXCursor record_definition) {
  auto children = children_of(record_definition);
  for (auto child : children) {
    if (is_member_declaration(clang_getCursorKind(child))) {
      return children;
    }
  }
  // The template's definition: the declaration libclang names may be a forward one
  // (<bits/stringfwd.h> declares std::basic_string before <bits/basic_string.h> defines it).
  auto pattern = clang_getSpecializedCursorTemplate(record_definition);
  if (clang_Cursor_isNull(pattern)) {
    return children;
  }
  auto defined = clang_getCursorDefinition(pattern);
  return children_of(clang_Cursor_isNull(defined) ? pattern : defined);
}

std::vector<std::string> public_base_ids(CXCursor record_definition) {
  std::vector<std::string> ids;
  std::set<std::string> seen;
  std::vector<CXCursor> queue{record_definition};
  for (std::size_t next = 0; next < queue.size(); ++next) {
    for (auto member : declared_members(queue[next])) {
      if (clang_getCursorKind(member) != CXCursor_CXXBaseSpecifier || !is_public(member)) {
        continue;
      }
      auto base = class_definition(clang_getCursorType(member));
      if (clang_Cursor_isNull(base)) {
        continue; // depends on a template parameter
      }
      auto id = take_string(clang_getCursorUSR(base));
      if (seen.insert(id).second) {
        ids.push_back(std::move(id));
        queue.push_back(base);
      }
    }
  }
  return ids;
}

ClassTraits ClassTraitsTable::of(CXCursor record_declaration) {
  auto definition = clang_getCursorDefinition(record_declaration);
  if (clang_Cursor_isNull(definition)) {
    return ClassTraits{}; // incomplete: nothing can be copied, moved or laid out
  }
  auto id = take_string(clang_getCursorUSR(definition));
  if (auto known = cache_.find(id); known != cache_.end()) {
    return known->second;
  }
  // A class cannot contain itself by value; the entry only ends a cycle through pointers
  // that a malformed header might produce.
  cache_.emplace(id, ClassTraits{});
  auto traits = compute(definition);
  cache_[id] = traits;
  return traits;
}

bool ClassTraitsTable::type_traits(CXType type, ClassTraits& traits) {
  auto definition = class_definition(type);
  if (clang_Cursor_isNull(definition)) {
    return false;
  }
  traits = of(definition);
  return true;
}

// The rules of [class.copy.ctor] and [class.dtor] for the members libclang does not list:
// - a declared copy (move) constructor decides by being public and not deleted;
// - otherwise the implicit copy constructor exists unless the class declares a move
//   constructor or move assignment, and works when every base and class-type member is copy
//   constructible and destructible, and no member is an rvalue reference;
// - without a declared move constructor, `T(std::move(t))` uses the implicit move constructor
//   (declared when the class declares no copy constructor, copy or move assignment or
//   destructor, and working when bases and members are move constructible) or else the copy
//   constructor;
// - an implicit destructor is public unless a base's is private or deleted or a member's is not
//   public.
// Copy assignment is recognised as any `operator=` not taking an rvalue reference, which can
// only make the rules stricter. Abstractness is not applied here: an abstract class's copy
// constructor still copies its base subobjects (the collector applies it).
ClassTraits ClassTraitsTable::compute(CXCursor definition) {
  ClassTraits traits;
  traits.is_complete = true;
  traits.is_abstract = clang_CXXRecord_isAbstract(definition) != 0;

  bool user_copy = false, copy_ok = false, user_move = false, move_ok = false;
  bool user_constructor = false, default_ok = false, bases_default = true;
  bool user_copy_assign = false, user_move_assign = false, user_destructor = false;
  bool own_virtual = false, virtual_base = false;
  bool bases_copy = true, bases_move = true, bases_destructible = true, bases_standard = true;
  unsigned bases_with_data = 0;

  for (auto member : declared_members(definition)) {
    switch (clang_getCursorKind(member)) {
    case CXCursor_Constructor: {
      bool usable = is_public(member) && !is_deleted(unit_, member);
      user_constructor = true;
      default_ok = default_ok || (usable && takes_no_arguments(unit_, member));
      if (clang_CXXConstructor_isCopyConstructor(member)) {
        user_copy = true;
        copy_ok = copy_ok || usable;
      }
      if (clang_CXXConstructor_isMoveConstructor(member)) {
        user_move = true;
        move_ok = move_ok || usable;
      }
      break;
    }
    case CXCursor_Destructor: {
      user_destructor = true;
      bool deleted = is_deleted(unit_, member);
      traits.has_public_destructor = is_public(member) && !deleted;
      traits.destructor_usable_by_derived =
          clang_getCXXAccessSpecifier(member) != CX_CXXPrivate && !deleted;
      own_virtual = own_virtual || clang_CXXMethod_isVirtual(member);
      break;
    }
    case CXCursor_CXXMethod: {
      own_virtual = own_virtual || clang_CXXMethod_isVirtual(member);
      if (take_string(clang_getCursorSpelling(member)) == "operator=" &&
          clang_Cursor_getNumArguments(member) == 1) {
        auto parameter = clang_getCanonicalType(clang_getArgType(clang_getCursorType(member), 0));
        (parameter.kind == CXType_RValueReference ? user_move_assign : user_copy_assign) = true;
      }
      break;
    }
    case CXCursor_CXXBaseSpecifier: {
      virtual_base = virtual_base || clang_isVirtualBase(member);
      ClassTraits base;
      if (!type_traits(clang_getCursorType(member), base)) {
        break; // depends on a template parameter: nothing known against it
      }
      bases_copy = bases_copy && base.is_copy_constructible;
      bases_move = bases_move && base.is_move_constructible;
      bases_default = bases_default && base.is_default_constructible;
      bases_destructible = bases_destructible && base.destructor_usable_by_derived;
      bases_standard = bases_standard && base.is_standard_layout;
      traits.has_virtual_functions = traits.has_virtual_functions || base.has_virtual_functions;
      bases_with_data += base.has_data_members ? 1 : 0;
      break;
    }
    default:
      break;
    }
  }

  // Fields through the type: for an instantiation they have their substituted types.
  std::vector<CXCursor> fields;
  clang_Type_visitFields(clang_getCursorType(definition), collect_field, &fields);
  bool fields_copy = true, fields_move = true, fields_destructible = true, fields_standard = true;
  bool rvalue_reference_member = false, reference_member = false, mixed_access = false;
  bool fields_default = true;
  for (std::size_t index = 0; index < fields.size(); ++index) {
    auto field = fields[index];
    mixed_access = mixed_access || clang_getCXXAccessSpecifier(field) !=
                                       clang_getCXXAccessSpecifier(fields.front());
    auto type = clang_getCanonicalType(clang_getCursorType(field));
    if (type.kind == CXType_LValueReference || type.kind == CXType_RValueReference) {
      reference_member = true;
      rvalue_reference_member = rvalue_reference_member || type.kind == CXType_RValueReference;
      // [class.default.ctor]: a reference member needs its initializer.
      fields_default = fields_default && has_initializer(unit_, field);
      continue;
    }
    ClassTraits member;
    if (!type_traits(type, member)) {
      // scalars, pointers and enums copy, move and destroy trivially; a const one needs an
      // initializer to be default constructed.
      fields_default =
          fields_default && (!clang_isConstQualifiedType(type) || has_initializer(unit_, field));
      continue;
    }
    // A class member with an initializer is not default constructed (a const one without could
    // be, with a user-provided default constructor: not told apart, so refused).
    fields_default =
        fields_default && (has_initializer(unit_, field) ||
                           (member.is_default_constructible && !clang_isConstQualifiedType(type)));
    fields_copy = fields_copy && member.is_copy_constructible;
    fields_move = fields_move && member.is_move_constructible;
    fields_destructible = fields_destructible && member.has_public_destructor;
    fields_standard = fields_standard && member.is_standard_layout;
  }

  if (!user_destructor) {
    traits.has_public_destructor = bases_destructible && fields_destructible;
    traits.destructor_usable_by_derived = traits.has_public_destructor;
  }
  bool destructible_parts = bases_destructible && fields_destructible;
  traits.is_copy_constructible = user_copy ? copy_ok
                                           : !user_move && !user_move_assign && bases_copy &&
                                                 fields_copy && destructible_parts &&
                                                 !rvalue_reference_member;
  // [class.default.ctor]: no declared constructor declares the implicit default one.
  // (As a base: an abstract class's own objects are refused by the collector.)
  traits.is_default_constructible =
      user_constructor ? default_ok : bases_default && fields_default && destructible_parts;
  bool implicit_move = !user_copy && !user_copy_assign && !user_move_assign && !user_destructor;
  traits.is_move_constructible =
      user_move ? move_ok
                : traits.is_copy_constructible ||
                      (implicit_move && bases_move && fields_move && destructible_parts);

  traits.has_virtual_functions = traits.has_virtual_functions || own_virtual;
  bool own_data = !fields.empty();
  traits.has_data_members = own_data || bases_with_data > 0;
  // [class.prop]: no virtual functions or bases, one access for all data members, standard
  // layout members and bases, and data members in at most one class of the hierarchy. (The
  // rule about a first member of a base's type is not checked.)
  traits.is_standard_layout = !traits.has_virtual_functions && !virtual_base && !mixed_access &&
                              !reference_member && fields_standard && bases_standard &&
                              bases_with_data <= (own_data ? 0u : 1u);
  return traits;
}

} // namespace pen_bindgen::frontend
