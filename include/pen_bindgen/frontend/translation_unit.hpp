#pragma once

#include <clang-c/Index.h>
#include <string>
#include <vector>

namespace pen_bindgen::frontend {

// Takes ownership of a CXString and copies it out.
std::string take_string(CXString string);

// One CXIndex per parse_headers call, shared by the parse and the macro reparse.
class Index {
public:
  Index();
  ~Index();
  Index(const Index&) = delete;
  Index& operator=(const Index&) = delete;

  CXIndex get() const { return index_; }

private:
  CXIndex index_;
};

// A translation unit whose main file exists only in memory (the umbrella that includes the
// headers), so nothing is ever written to disk.
class TranslationUnit {
public:
  TranslationUnit(const Index& index, const std::string& main_file_name,
                  const std::string& main_file_contents, const std::vector<std::string>& arguments,
                  unsigned flags);
  ~TranslationUnit();
  TranslationUnit(const TranslationUnit&) = delete;
  TranslationUnit& operator=(const TranslationUnit&) = delete;

  // Null when clang could not create the translation unit at all (as opposed to errors in it).
  CXTranslationUnit get() const { return unit_; }
  CXErrorCode error() const { return error_; }
  CXCursor cursor() const { return clang_getTranslationUnitCursor(unit_); }
  // The umbrella, to recognise (and never report) declarations in it.
  CXFile main_file() const { return main_file_; }

private:
  CXTranslationUnit unit_ = nullptr;
  CXErrorCode error_ = CXError_Success;
  CXFile main_file_ = nullptr;
};

// The tokens of a source range, e.g. a macro definition's name and body.
class Tokens {
public:
  Tokens(CXTranslationUnit unit, CXSourceRange range);
  ~Tokens();
  Tokens(const Tokens&) = delete;
  Tokens& operator=(const Tokens&) = delete;

  unsigned size() const { return count_; }
  CXTokenKind kind(unsigned index) const { return clang_getTokenKind(tokens_[index]); }
  std::string spelling(unsigned index) const;

private:
  CXTranslationUnit unit_;
  CXToken* tokens_ = nullptr;
  unsigned count_ = 0;
};

class EvalResult {
public:
  explicit EvalResult(CXCursor cursor) : result_(clang_Cursor_Evaluate(cursor)) {}
  ~EvalResult();
  EvalResult(const EvalResult&) = delete;
  EvalResult& operator=(const EvalResult&) = delete;

  CXEvalResult get() const { return result_; }
  CXEvalResultKind kind() const {
    return result_ ? clang_EvalResult_getKind(result_) : CXEval_UnExposed;
  }

private:
  CXEvalResult result_;
};

// Visits the children of `parent` with a lambda returning CXChildVisitResult.
template <typename Visitor> void visit_children(CXCursor parent, Visitor&& visitor) {
  clang_visitChildren(
      parent,
      [](CXCursor cursor, CXCursor cursor_parent, CXClientData data) {
        return (*static_cast<Visitor*>(data))(cursor, cursor_parent);
      },
      &visitor);
}

} // namespace pen_bindgen::frontend
