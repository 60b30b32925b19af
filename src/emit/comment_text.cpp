#include "comment_text.hpp"

namespace pen_bindgen::emit {

namespace {

// Length of the well-formed UTF-8 sequence at `text[index]`, or 0.
std::size_t utf8_sequence_length(std::string_view text, std::size_t index) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  const unsigned char lead = byte(index);
  std::size_t length = 0;
  unsigned char low = 0x80, high = 0xBF; // allowed range of the first continuation byte
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    low = lead == 0xE0 ? 0xA0 : 0x80;  // no overlong forms
    high = lead == 0xED ? 0x9F : 0xBF; // no surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    low = lead == 0xF0 ? 0x90 : 0x80;
    high = lead == 0xF4 ? 0x8F : 0xBF; // nothing above U+10FFFF
  } else {
    return 0;
  }
  if (index + length > text.size() || byte(index + 1) < low || byte(index + 1) > high) {
    return 0;
  }
  for (std::size_t i = index + 2; i < index + length; ++i) {
    if (byte(i) < 0x80 || byte(i) > 0xBF) {
      return 0;
    }
  }
  return length;
}

} // namespace

std::string comment_text(std::string_view text) {
  std::string result;
  result.reserve(text.size()); // never longer than the text
  bool pending_space = false;
  for (std::size_t index = 0; index < text.size();) {
    const auto byte = static_cast<unsigned char>(text[index]);
    if (byte <= 0x20 || byte == 0x7F) {
      pending_space = !result.empty();
      ++index;
      continue;
    }
    if (pending_space) {
      result += ' ';
      pending_space = false;
    }
    if (byte < 0x80) {
      // The run of printable ASCII starting here, appended at once (comments are mostly that).
      auto end = index + 1;
      while (end < text.size() && static_cast<unsigned char>(text[end]) > 0x20 &&
             static_cast<unsigned char>(text[end]) < 0x7F) {
        ++end;
      }
      result.append(text.substr(index, end - index));
      index = end;
    } else if (const auto length = utf8_sequence_length(text, index); length > 0) {
      result.append(text.substr(index, length));
      index += length;
    } else {
      result += '?';
      ++index;
    }
  }
  return result;
}

void append_comment_safe(std::string& out, std::string_view text) {
  // A space between the characters of every `*/` and `/*`, whose slash is found by memchr;
  // the runs between go at once.
  std::size_t run_start = 0;
  for (auto slash = text.find('/'); slash != std::string_view::npos;
       slash = text.find('/', slash + 1)) {
    if (slash > 0 && text[slash - 1] == '*') {
      out.append(text.substr(run_start, slash - run_start));
      out += ' ';
      run_start = slash;
    }
    if (slash + 1 < text.size() && text[slash + 1] == '*') {
      out.append(text.substr(run_start, slash + 1 - run_start));
      out += ' ';
      run_start = slash + 1;
    }
  }
  out.append(text.substr(run_start));
}

std::string comment_safe(std::string_view text) {
  std::string safe;
  safe.reserve(text.size());
  append_comment_safe(safe, text);
  return safe;
}

} // namespace pen_bindgen::emit
