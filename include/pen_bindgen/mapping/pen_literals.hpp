#pragma once

#include <cstdint>
#include <string>

namespace pen_bindgen::mapping {

// A Pen string literal for arbitrary bytes: printable ASCII as is, everything else (and `"` and
// `\`) as \xHH. Pen's decoder runs sequential replace passes (pen-abi §7.3), so this is the one
// encoding whose round trip is exact: it never produces `\\` or `\n`-style escapes.
std::string pen_string_literal(const std::string& bytes);

// A Pen number literal that Pen's parser reads back as exactly `value`: integers in plain decimal,
// other values in shortest round-trip form, infinities as 1e999 (Rust's f64 parse saturates).
// NaN has no literal: throws std::invalid_argument; callers check first.
std::string pen_number_literal(double value);

// Exact decimal text of a C integer constant; Pen rounds it to the nearest double when parsing.
std::string pen_integer_literal(std::int64_t value);
std::string pen_integer_literal(std::uint64_t value);

} // namespace pen_bindgen::mapping
