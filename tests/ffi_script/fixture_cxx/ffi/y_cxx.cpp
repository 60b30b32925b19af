// A hand-written stand-in for a generated C++ layer (ffi/<stem>_cxx.cpp): std::string and an
// exception caught into a malloc'd message, so the archive needs libstdc++ and libgcc_eh.
#include "y_cxx.h"

#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <string>

namespace {

char* copy_of(const std::string& text) {
  auto* copy = static_cast<char*>(std::malloc(text.size() + 1));
  if (copy) {
    std::memcpy(copy, text.c_str(), text.size() + 1);
  }
  return copy;
}

std::string greeting(const std::string& name, bool fail) {
  if (fail) {
    throw std::runtime_error("no greeting for " + name);
  }
  return "hello, " + name;
}

} // namespace

extern "C" char* pen_cxx_greet(const char* name, int fail, char** pen_error) {
  try {
    return copy_of(greeting(name, fail != 0));
  } catch (const std::exception& error) {
    *pen_error = copy_of(error.what());
    return nullptr;
  }
}
