#include "pen_bindgen/frontend/translation_unit.hpp"

namespace pen_bindgen::frontend {

std::string take_string(CXString string) {
  const char* characters = clang_getCString(string);
  std::string result = characters ? characters : "";
  clang_disposeString(string);
  return result;
}

Index::Index()
    : index_(clang_createIndex(/*excludeDeclarationsFromPCH=*/0, /*displayDiagnostics=*/0)) {}

Index::~Index() {
  clang_disposeIndex(index_);
}

TranslationUnit::TranslationUnit(const Index& index, const std::string& main_file_name,
                                 const std::string& main_file_contents,
                                 const std::vector<std::string>& arguments, unsigned flags) {
  std::vector<const char*> argv;
  argv.reserve(arguments.size());
  for (const auto& argument : arguments) {
    argv.push_back(argument.c_str());
  }
  CXUnsavedFile umbrella{main_file_name.c_str(), main_file_contents.data(),
                         static_cast<unsigned long>(main_file_contents.size())};
  error_ = clang_parseTranslationUnit2(index.get(), main_file_name.c_str(), argv.data(),
                                       static_cast<int>(argv.size()), &umbrella, 1, flags, &unit_);
  if (error_ != CXError_Success) {
    unit_ = nullptr;
    return;
  }
  main_file_ = clang_getFile(unit_, main_file_name.c_str());
}

TranslationUnit::~TranslationUnit() {
  if (unit_) {
    clang_disposeTranslationUnit(unit_);
  }
}

Tokens::Tokens(CXTranslationUnit unit, CXSourceRange range) : unit_(unit) {
  clang_tokenize(unit, range, &tokens_, &count_);
}

Tokens::~Tokens() {
  if (tokens_) {
    clang_disposeTokens(unit_, tokens_, count_);
  }
}

std::string Tokens::spelling(unsigned index) const {
  return take_string(clang_getTokenSpelling(unit_, tokens_[index]));
}

EvalResult::~EvalResult() {
  if (result_) {
    clang_EvalResult_dispose(result_);
  }
}

} // namespace pen_bindgen::frontend
