// More C++ constructs for the extern "C" layer (tests/cxx/layer/run_cxx_layer_tests.sh): the
// generated layer must compile warning-free and behave (kit_driver.c).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace kit {

// An unscoped enum with a fixed underlying type.
enum Mode : unsigned char { Fast = 1, Safe = 2 };

// Overloaded constructors (default, size, copy, string + bool), const and non-const overloads,
// string_view and (pointer, length) parameters, an rvalue reference, a mutable int reference.
class Buffer {
public:
  Buffer();
  explicit Buffer(std::size_t size);
  Buffer(const Buffer& other);
  Buffer(const std::string& text, bool upper);
  ~Buffer();
  bool empty() const;
  std::size_t size() const noexcept;
  const std::string& text() const;
  std::string& text();
  void append(std::string_view more);
  void append(const char* more, std::size_t length);
  void append(const Buffer& other);
  void absorb(Buffer&& other);
  static Buffer join(const Buffer& a, const Buffer& b, char separator);
  Mode mode() const;
  void set_mode(Mode mode);
  int count_into(int& count) const;

private:
  std::string text_;
  Mode mode_;
};

// A standard-layout struct with an enum member and a bool.
struct Pair {
  int first;
  double second;
  bool flag;
  Mode mode;
};

// A member of class type: its getter returns a borrowed handle.
struct Holder {
  Pair pair;
  std::int64_t big;
};

Holder make_holder(std::int64_t big);
// A pointer result is borrowed; a pointer parameter may be NULL.
Pair* find_pair(Holder* holder);
// An unnamed parameter and one named like a C keyword.
std::uint8_t checksum(const unsigned char* bytes, std::size_t, int restrict);
bool is_fast(Mode mode);
const char* version_string();
// Skipped: a smart pointer and a function pointer.
std::unique_ptr<Buffer> make_unique_buffer();
void call_with(void (*callback)(int));

namespace detail {
// A nested namespace.
int depth();
} // namespace detail

} // namespace kit
