// The implementations of kit.hpp.
#include "kit.hpp"

#include <cctype>
#include <utility>

namespace kit {

Buffer::Buffer() : mode_(Fast) {}
Buffer::Buffer(std::size_t size) : text_(size, '.'), mode_(Fast) {}
Buffer::Buffer(const Buffer& other) = default;
Buffer::Buffer(const std::string& text, bool upper) : text_(text), mode_(Safe) {
  if (upper) {
    for (auto& c : text_) {
      c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
  }
}
Buffer::~Buffer() = default;
bool Buffer::empty() const {
  return text_.empty();
}
std::size_t Buffer::size() const noexcept {
  return text_.size();
}
const std::string& Buffer::text() const {
  return text_;
}
std::string& Buffer::text() {
  return text_;
}
void Buffer::append(std::string_view more) {
  text_ += more;
}
void Buffer::append(const char* more, std::size_t length) {
  text_.append(more, length);
}
void Buffer::append(const Buffer& other) {
  text_ += other.text_;
}
void Buffer::absorb(Buffer&& other) {
  text_ += std::move(other.text_);
}
Buffer Buffer::join(const Buffer& a, const Buffer& b, char separator) {
  Buffer joined(a);
  joined.text_ += separator;
  joined.text_ += b.text_;
  return joined;
}
Mode Buffer::mode() const {
  return mode_;
}
void Buffer::set_mode(Mode mode) {
  mode_ = mode;
}
int Buffer::count_into(int& count) const {
  count += static_cast<int>(text_.size());
  return count;
}

Holder make_holder(std::int64_t big) {
  return Holder{Pair{1, 2.5, true, Safe}, big};
}
Pair* find_pair(Holder* holder) {
  return holder != nullptr ? &holder->pair : nullptr;
}
std::uint8_t checksum(const unsigned char* bytes, std::size_t length, int restrict) {
  unsigned sum = static_cast<unsigned>(restrict);
  for (std::size_t index = 0; index < length; ++index) {
    sum += bytes[index];
  }
  return static_cast<std::uint8_t>(sum);
}
bool is_fast(Mode mode) {
  return mode == Fast;
}
const char* version_string() {
  return "kit 1.0";
}
std::unique_ptr<Buffer> make_unique_buffer() {
  return std::make_unique<Buffer>();
}
void call_with(void (*callback)(int)) {
  callback(1);
}

namespace detail {
int depth() {
  return 2;
}
} // namespace detail

} // namespace kit
