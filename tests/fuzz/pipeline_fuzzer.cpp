// libFuzzer target: arbitrary header text through the whole pipeline (frontend -> mapping ->
// every emitter) into memory, checking what must hold for ANY input. A violated invariant
// aborts, so libFuzzer reports it as a crash with the input that caused it. docs/hardening.md.
#include "pen_bindgen/emit/build_files.hpp"
#include "pen_bindgen/emit/pen_abi_header.hpp"
#include "pen_bindgen/emit/pen_module.hpp"
#include "pen_bindgen/emit/shim.hpp"
#include "pen_bindgen/frontend/parser.hpp"
#include "pen_bindgen/mapping/mapper.hpp"
#include "pen_bindgen/mapping/names.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <string_view>
#include <unistd.h>

namespace {

using namespace pen_bindgen;

[[noreturn]] void fail(const char* what, std::string_view detail = {}) {
  std::fprintf(stderr, "pipeline_fuzzer: invariant violated: %s\n", what);
  if (!detail.empty()) {
    std::fprintf(stderr, "---\n%.*s\n---\n", static_cast<int>(detail.size()), detail.data());
  }
  std::abort();
}

void check(bool condition, const char* what, std::string_view detail = {}) {
  if (!condition) {
    fail(what, detail);
  }
}

// Well-formed UTF-8 (no overlongs, surrogates or code points above U+10FFFF).
bool is_utf8(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    std::size_t length = 1;
    unsigned char low = 0x80, high = 0xBF;
    if (lead < 0x80) {
      ++i;
      continue;
    } else if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      low = lead == 0xE0 ? 0xA0 : 0x80;
      high = lead == 0xED ? 0x9F : 0xBF;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      low = lead == 0xF0 ? 0x90 : 0x80;
      high = lead == 0xF4 ? 0x8F : 0xBF;
    } else {
      return false;
    }
    if (i + length > text.size()) {
      return false;
    }
    const auto first = static_cast<unsigned char>(text[i + 1]);
    if (first < low || first > high) {
      return false;
    }
    for (std::size_t k = i + 2; k < i + length; ++k) {
      const auto byte = static_cast<unsigned char>(text[k]);
      if (byte < 0x80 || byte > 0xBF) {
        return false;
      }
    }
    i += length;
  }
  return true;
}

// Generated text files: UTF-8, lines end in '\n' only, no other control byte (tabs included:
// `pen format` indents with spaces, and a stray CR or NUL would corrupt every consumer).
void check_text(const std::string& text, const char* file) {
  check(is_utf8(text), file, text);
  for (const char character : text) {
    const auto byte = static_cast<unsigned char>(character);
    if ((byte < 0x20 && byte != '\n') || byte == 0x7F) {
      fail(file, text);
    }
  }
  check(text.empty() || text.back() == '\n', "file does not end in a newline", text);
}

bool is_c_identifier(std::string_view name) {
  return mapping::is_pen_identifier(name); // the same character set: [A-Za-z_][A-Za-z0-9_]*
}

// Pen literal of a constant: a number (digits, '.', 'e', sign) or a string of printable ASCII
// with only \" \\ \xHH escapes.
void check_pen_literal(const mapping::ConstantBinding& constant) {
  const auto& literal = constant.pen_literal;
  check(!literal.empty(), "empty constant literal", constant.c_name);
  if (constant.pen_type == mapping::PenType::String) {
    check(literal.size() >= 2 && literal.front() == '"' && literal.back() == '"',
          "string literal not quoted", literal);
    for (std::size_t i = 1; i + 1 < literal.size(); ++i) {
      const char c = literal[i];
      check(c >= 0x20 && c <= 0x7E && c != '"', "raw byte in string literal", literal);
      if (c == '\\') {
        check(i + 4 < literal.size() && literal[i + 1] == 'x', "bad escape in literal", literal);
        i += 3;
      }
    }
  } else {
    check(constant.pen_type == mapping::PenType::Number, "constant neither number nor string",
          literal);
    check(literal.find_first_not_of("0123456789.-e") == std::string::npos,
          "malformed number literal", literal);
  }
}

// Every name the Pen module defines is a usable, unique identifier; every foreign import is a
// C identifier with the package prefix (so it cannot hit Pen's runtime or another package).
void check_package(const mapping::Package& package) {
  check(is_c_identifier(package.prefix) && !mapping::has_reserved_prefix(package.prefix),
        "bad prefix", package.prefix);
  check(mapping::is_pen_identifier(package.name), "bad package name", package.name);
  std::set<std::string> module_names;
  std::set<std::string> symbols;
  for (const auto& item : package.items) {
    if (const auto* function = std::get_if<mapping::FunctionBinding>(&item)) {
      check(is_c_identifier(function->shim_symbol) &&
                function->shim_symbol.starts_with(package.prefix),
            "shim symbol without prefix", function->shim_symbol);
      check(symbols.insert(function->shim_symbol).second, "duplicate shim symbol",
            function->shim_symbol);
      check(mapping::is_pen_identifier(function->pen_name) &&
                !mapping::is_pen_keyword(function->pen_name) &&
                !mapping::is_pen_builtin(function->pen_name),
            "bad wrapper name", function->pen_name);
      check(module_names.insert(function->pen_name).second, "duplicate Pen name",
            function->pen_name);
      std::set<std::string> parameters;
      for (const auto& parameter : function->parameters) {
        if (!mapping::has_pen_argument(parameter)) {
          continue; // a buffer length or callback user data: C only, no Pen name
        }
        // A parameter may shadow a built-in (generated helpers take `size`, `string`): Pen
        // resolves lambda arguments before built-ins (hir/src/analysis/variable_transformer.rs).
        // A keyword never parses.
        check(mapping::is_pen_identifier(parameter.pen_name) &&
                  !mapping::is_pen_keyword(parameter.pen_name),
              "bad parameter name", parameter.pen_name);
        check(parameters.insert(parameter.pen_name).second, "duplicate parameter",
              parameter.pen_name);
        check(parameter.pen_type != mapping::PenType::None, "none parameter", function->c_name);
      }
    } else if (const auto* constant = std::get_if<mapping::ConstantBinding>(&item)) {
      check(mapping::is_pen_identifier(constant->pen_name) &&
                !mapping::is_pen_keyword(constant->pen_name) &&
                !mapping::is_pen_builtin(constant->pen_name),
            "bad constant name", constant->pen_name);
      check(module_names.insert(constant->pen_name).second, "duplicate Pen name",
            constant->pen_name);
      check_pen_literal(*constant);
    }
  }
}

// The foreign imports in the emitted module are exactly the shim symbols.
void check_pen_module(const mapping::Package& package, const std::string& module) {
  check_text(module, "Pen module: control byte or bad UTF-8");
  std::set<std::string> imported;
  constexpr std::string_view marker = "import foreign \"c\" ";
  for (std::size_t start = 0; start < module.size();) {
    auto end = module.find('\n', start);
    std::string_view line(module.data() + start, end - start);
    if (line.starts_with(marker)) {
      auto name = line.substr(marker.size());
      name = name.substr(0, name.find(' '));
      check(is_c_identifier(name) && name.starts_with(package.prefix), "bad foreign import", line);
      imported.insert(std::string(name));
    }
    start = end + 1;
  }
  std::set<std::string> symbols;
  for (const auto& item : package.items) {
    if (const auto* function = std::get_if<mapping::FunctionBinding>(&item)) {
      symbols.insert(function->shim_symbol);
    }
  }
  check(imported == symbols, "foreign imports differ from shim symbols", module);
}

// C lexical sanity: every comment, string and character literal is closed on its line (or the
// comment at all), so text copied from the header can never leak out of a comment into code.
// Returns the code with comments and literals blanked out.
std::string c_code_only(const std::string& shim) {
  std::string code;
  for (std::size_t i = 0; i < shim.size();) {
    if (shim.compare(i, 2, "/*") == 0) {
      auto end = shim.find("*/", i + 2);
      check(end != std::string::npos, "unclosed comment in shim", shim);
      code += ' ';
      i = end + 2;
    } else if (shim.compare(i, 2, "//") == 0) {
      i = shim.find('\n', i);
    } else if (shim[i] == '"' || shim[i] == '\'') {
      const char quote = shim[i];
      std::size_t k = i + 1;
      while (k < shim.size() && shim[k] != quote) {
        check(shim[k] != '\n', "unterminated literal in shim", shim);
        k += shim[k] == '\\' ? 2 : 1;
      }
      check(k < shim.size(), "unterminated literal in shim", shim);
      code += "0";
      i = k + 1;
    } else {
      code += shim[i++];
    }
  }
  return code;
}

void check_shim(const mapping::Package& package, const std::string& shim) {
  check_text(shim, "shim: control byte or bad UTF-8");
  const auto code = c_code_only(shim);
  for (const auto& item : package.items) {
    if (const auto* function = std::get_if<mapping::FunctionBinding>(&item)) {
      check(code.find(function->shim_symbol + "(") != std::string::npos,
            "shim symbol not defined in the shim", function->shim_symbol);
    }
  }
}

struct Emitted {
  std::string module, shim, shim_file, abi, json, script;
  bool operator==(const Emitted&) const = default;
};

Emitted emit_all(const mapping::Package& package) {
  return {emit::emit_pen_module(package), emit::emit_shim(package),
          emit::shim_path(package),       emit::emit_pen_abi_header(),
          emit::emit_pen_json(package),   emit::emit_pen_ffi_script(package)};
}

std::filesystem::path scratch_directory() {
  // tmpfs when there is one: the header is rewritten on every input.
  std::filesystem::path base = std::filesystem::exists("/dev/shm") ? "/dev/shm" : "/tmp";
  return base / ("pen-bindgen-fuzz-" + std::to_string(::getpid()));
}

std::filesystem::path scratch_header() {
  std::filesystem::create_directories(scratch_directory());
  std::atexit([] {
    std::error_code ignored;
    std::filesystem::remove_all(scratch_directory(), ignored);
  });
  return scratch_directory() / "fuzz.h";
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const auto header = scratch_header();
  {
    std::ofstream file(header, std::ios::binary | std::ios::trunc);
    file.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }

  frontend::ParseOptions options;
  options.headers = {header.string()};
  const auto parsed = frontend::parse_headers(options);
  for (const auto& diagnostic : parsed.diagnostics) {
    check(!diagnostic.message.empty(), "diagnostic without a message");
  }
  if (!parsed.library) {
    return 0;
  }

  const auto mapped = mapping::map_library(*parsed.library, {});
  check(mapped.package.name == "Fuzz", "package name not derived from fuzz.h", mapped.package.name);
  check_package(mapped.package);

  const auto emitted = emit_all(mapped.package);
  check_pen_module(mapped.package, emitted.module);
  check_shim(mapped.package, emitted.shim);
  check(emitted.shim_file == "ffi/fuzz_shim.c", "unexpected shim path", emitted.shim_file);
  check_text(emitted.script, "pen-ffi.sh: control byte or bad UTF-8");
  check_text(emitted.json, "pen.json: control byte or bad UTF-8");
  check(nlohmann::json::accept(emitted.json), "pen.json is not JSON", emitted.json);

  // Determinism: the same library maps and emits to the same bytes.
  const auto again = mapping::map_library(*parsed.library, {});
  check(emit_all(again.package) == emitted, "mapping or emitting is not deterministic");
  return 0;
}
