#include "pen_bindgen/config/config.hpp"
#include "value.hpp"

#include <algorithm>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>

namespace pen_bindgen::config {

namespace {

// Thrown by the validators, caught once in parse_config: the first error ends the load, as a
// usage error does.
struct Invalid {
  Diagnostic diagnostic;
};

[[noreturn]] void fail(const Value& at, std::string message) {
  throw Invalid{config_error(at.location, std::move(message))};
}

std::string describe_keys(const std::vector<std::string_view>& keys) {
  std::string text;
  for (const auto key : keys) {
    text += (text.empty() ? "" : ", ") + std::string(key);
  }
  return text;
}

// Unknown keys are errors: a misspelt override would otherwise be silently ignored.
void check_keys(const Value& table, const std::string& where,
                const std::vector<std::string_view>& allowed) {
  for (const auto& [key, value] : table.table) {
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      fail(value, fmt::format("unknown key '{}' in {}; expected one of: {}", key, where,
                              describe_keys(allowed)));
    }
  }
}

void expect(const Value& value, Value::Kind kind, const std::string& what, const char* expected) {
  if (value.kind != kind) {
    fail(value, fmt::format("{} must be {}, not {}", what, expected, kind_name(value)));
  }
}

std::string string_of(const Value& value, const std::string& what) {
  expect(value, Value::Kind::String, what, "a string");
  return value.string;
}

std::vector<std::string> strings_of(const Value& value, const std::string& what) {
  expect(value, Value::Kind::Array, what, "an array of strings");
  std::vector<std::string> strings;
  for (const auto& element : value.array) {
    strings.push_back(string_of(element, what + " element"));
  }
  return strings;
}

const Value& table_of(const Value& value, const std::string& what) {
  expect(value, Value::Kind::Table, what, "a table");
  return value;
}

bool is_c_identifier(std::string_view text) {
  if (text.empty() || (text.front() >= '0' && text.front() <= '9')) {
    return false;
  }
  for (const char c : text) {
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) {
      return false;
    }
  }
  return true;
}

// Public Pen names start with an upper-case ASCII letter (pen-abi §7.1); keywords are lower case.
std::string public_name_of(const Value& value, const std::string& what) {
  auto name = string_of(value, what);
  if (!is_c_identifier(name) || !(name.front() >= 'A' && name.front() <= 'Z')) {
    fail(value,
         fmt::format("{} '{}' is not a public Pen identifier ([A-Z][A-Za-z0-9_]*)", what, name));
  }
  return name;
}

std::string c_identifier_of(const Value& value, const std::string& what) {
  auto name = string_of(value, what);
  if (!is_c_identifier(name)) {
    fail(value, fmt::format("{} '{}' is not a C identifier", what, name));
  }
  return name;
}

std::string regex_of(const Value& value, const std::string& what) {
  auto pattern = string_of(value, what);
  try {
    std::regex compiled(pattern, std::regex::ECMAScript);
  } catch (const std::regex_error& error) {
    fail(value,
         fmt::format("{} '{}' is not a valid regular expression: {}", what, pattern, error.what()));
  }
  return pattern;
}

std::string resolve(const std::string& path, const std::string& config_path) {
  if (path.empty() || std::filesystem::path(path).is_absolute()) {
    return path;
  }
  const auto directory = std::filesystem::path(config_path).parent_path();
  return directory.empty() ? path : (directory / path).lexically_normal().string();
}

CallbackOverride callback_of(const Value& value, const std::string& where) {
  const auto& table = table_of(value, where);
  check_keys(table, where, {"parameter", "user-data", "callback-user-data"});
  CallbackOverride callback;
  callback.location = value.location;
  for (const auto& [key, child] : table.table) {
    if (key == "parameter") {
      callback.parameter = c_identifier_of(child, where + ".parameter");
    } else if (key == "user-data") {
      callback.user_data = c_identifier_of(child, where + ".user-data");
    } else {
      expect(child, Value::Kind::Integer, where + ".callback-user-data", "an integer");
      if (child.integer < 0) {
        fail(child, where + ".callback-user-data must not be negative");
      }
      callback.callback_user_data = static_cast<std::size_t>(child.integer);
    }
  }
  if (callback.parameter.empty()) {
    fail(value, where + " needs 'parameter' (the function-pointer parameter)");
  }
  return callback;
}

ExceptionPolicy exception_policy_of(const Value& value, const std::string& what) {
  const auto policy = string_of(value, what);
  if (policy != "error" && policy != "abort") {
    fail(value, fmt::format("{} '{}' must be \"error\" or \"abort\"", what, policy));
  }
  return policy == "abort" ? ExceptionPolicy::Abort : ExceptionPolicy::Error;
}

// [cxx]: options of C++ headers (docs/cplusplus.md).
CxxOptions cxx_of(const Value& value) {
  const std::string where = "[cxx]";
  check_keys(table_of(value, where), where, {"instantiate", "exceptions"});
  CxxOptions cxx;
  for (const auto& [key, child] : value.table) {
    if (key == "instantiate") {
      cxx.instantiate = strings_of(child, where + " instantiate");
    } else {
      cxx.exceptions = exception_policy_of(child, where + " exceptions");
    }
  }
  return cxx;
}

FunctionOverride function_of(const std::string& c_name, const Value& value) {
  const auto where = "[functions." + c_name + "]";
  const auto& table = table_of(value, where);
  check_keys(table, where,
             {"name", "pure", "nullable", "owned", "buffers", "parameters", "callbacks", "export",
              "error", "error_free", "borrowed", "exceptions"});
  FunctionOverride function;
  function.c_name = c_name;
  function.location = value.location;
  for (const auto& [key, child] : table.table) {
    const auto what = where + " " + key;
    if (key == "name") {
      function.name = public_name_of(child, what);
    } else if (key == "pure") {
      expect(child, Value::Kind::Boolean, what, "a boolean");
      function.pure = child.boolean;
    } else if (key == "nullable") {
      expect(child, Value::Kind::Boolean, what, "a boolean");
      function.nullable = child.boolean;
    } else if (key == "export") {
      expect(child, Value::Kind::Boolean, what, "a boolean");
      function.exported = child.boolean;
    } else if (key == "owned") {
      function.owned = c_identifier_of(child, what);
    } else if (key == "exceptions") {
      function.exceptions = exception_policy_of(child, what);
    } else if (key == "error") {
      function.error = c_identifier_of(child, what);
    } else if (key == "error_free") {
      function.error_free = c_identifier_of(child, what);
    } else if (key == "borrowed") {
      expect(child, Value::Kind::Boolean, what, "a boolean");
      function.borrowed = child.boolean;
      function.owns_result = !child.boolean;
    } else if (key == "buffers") {
      expect(child, Value::Kind::Array, what, "an array of [pointer, length] pairs");
      for (const auto& pair : child.array) {
        if (pair.kind != Value::Kind::Array || pair.array.size() != 2) {
          fail(pair, what + " elements must be [\"pointer\", \"length\"] parameter name pairs");
        }
        function.buffers.emplace_back(c_identifier_of(pair.array[0], what + " pointer"),
                                      c_identifier_of(pair.array[1], what + " length"));
      }
    } else if (key == "parameters") {
      for (const auto& [parameter, type] : table_of(child, what).table) {
        const auto pen_type = string_of(type, what + "." + parameter);
        if (pen_type != "number" && pen_type != "boolean" && pen_type != "string") {
          fail(type, fmt::format("{}.{}: '{}' is not a Pen type an override can give; expected "
                                 "number, boolean or string",
                                 what, parameter, pen_type));
        }
        function.parameter_types[parameter] = pen_type;
      }
    } else {
      expect(child, Value::Kind::Array, what, "an array of tables");
      for (const auto& callback : child.array) {
        function.callbacks.push_back(callback_of(callback, what + " element"));
      }
    }
  }
  return function;
}

ConstantOverride constant_of(const std::string& c_name, const Value& value) {
  const auto where = "[constants." + c_name + "]";
  check_keys(table_of(value, where), where, {"name"});
  ConstantOverride constant{c_name, value.location, std::nullopt};
  for (const auto& [key, child] : value.table) {
    constant.name = public_name_of(child, where + " " + key);
  }
  return constant;
}

TypeBaseOverride base_of(const Value& value, const std::string& where) {
  const auto& table = table_of(value, where);
  check_keys(table, where, {"type", "upcast"});
  TypeBaseOverride base;
  base.location = value.location;
  for (const auto& [key, child] : table.table) {
    if (key == "type") {
      base.type = string_of(child, where + ".type");
    } else {
      base.upcast = c_identifier_of(child, where + ".upcast");
    }
  }
  if (base.type.empty() || base.upcast.empty()) {
    fail(value, where + " needs 'type' (the base type) and 'upcast' (its conversion function)");
  }
  return base;
}

TypeOverride type_of(const std::string& c_name, const Value& value) {
  const auto where = "[types." + c_name + "]";
  check_keys(table_of(value, where), where, {"name", "destructor", "bases"});
  TypeOverride type{c_name, value.location, std::nullopt, {}, {}};
  for (const auto& [key, child] : value.table) {
    if (key == "name") {
      type.name = public_name_of(child, where + " name");
    } else if (key == "bases") {
      expect(child, Value::Kind::Array, where + " bases", "an array of tables");
      for (const auto& base : child.array) {
        type.bases.push_back(base_of(base, where + " bases element"));
      }
    } else {
      type.destructor = c_identifier_of(child, where + " destructor");
    }
  }
  return type;
}

VariadicInstance variadic_of(const Value& value) {
  const std::string where = "[[variadic]]";
  check_keys(table_of(value, where), where, {"function", "name", "parameters"});
  VariadicInstance instance;
  instance.location = value.location;
  bool has_parameters = false;
  for (const auto& [key, child] : value.table) {
    if (key == "function") {
      instance.function = c_identifier_of(child, where + " function");
    } else if (key == "name") {
      instance.name = public_name_of(child, where + " name");
    } else {
      instance.parameters = strings_of(child, where + " parameters");
      has_parameters = true;
    }
  }
  if (instance.function.empty() || instance.name.empty() || !has_parameters) {
    fail(value, where + " needs 'function', 'name' and 'parameters'");
  }
  return instance;
}

template <typename Override, typename Make>
void read_section(const Value& value, const std::string& section,
                  std::map<std::string, Override>& into, Make make) {
  for (const auto& [c_name, child] : table_of(value, "[" + section + "]").table) {
    into.emplace(c_name, make(c_name, child));
  }
}

Config config_of(const Value& root, const std::string& path) {
  check_keys(root, "the top level",
             {"headers", "output", "name", "prefix", "package-type", "link", "allow", "block",
              "clang-args", "pure", "export", "functions", "constants", "types", "variadic",
              "cxx"});
  Config config;
  config.path = path;
  for (const auto& [key, value] : root.table) {
    if (key == "headers") {
      for (const auto& header : strings_of(value, key)) {
        config.headers.push_back(resolve(header, path));
      }
    } else if (key == "output") {
      config.output = resolve(string_of(value, key), path);
    } else if (key == "name") {
      config.name = public_name_of(value, key);
    } else if (key == "prefix") {
      config.prefix = c_identifier_of(value, key);
    } else if (key == "package-type") {
      const auto type = string_of(value, key);
      if (type != "library" && type != "system") {
        fail(value, fmt::format("package-type '{}' must be \"library\" or \"system\"", type));
      }
      config.package_type = type;
    } else if (key == "link") {
      config.links = strings_of(value, key);
    } else if (key == "allow" || key == "block") {
      expect(value, Value::Kind::Array, key, "an array of regular expressions");
      std::vector<std::string> patterns;
      for (const auto& element : value.array) {
        patterns.push_back(regex_of(element, key + " element"));
      }
      (key == "allow" ? config.allow : config.block) = std::move(patterns);
    } else if (key == "clang-args") {
      config.clang_args = strings_of(value, key);
    } else if (key == "pure") {
      expect(value, Value::Kind::Array, key, "an array of regular expressions");
      for (const auto& element : value.array) {
        config.overrides.pure.push_back({regex_of(element, "pure element"), element.location});
      }
    } else if (key == "export") {
      expect(value, Value::Kind::Array, key, "an array of regular expressions");
      for (const auto& element : value.array) {
        config.overrides.exports.push_back({regex_of(element, "export element"), element.location});
      }
    } else if (key == "functions") {
      read_section(value, key, config.overrides.functions, function_of);
    } else if (key == "constants") {
      read_section(value, key, config.overrides.constants, constant_of);
    } else if (key == "types") {
      read_section(value, key, config.overrides.types, type_of);
    } else if (key == "cxx") {
      config.overrides.cxx = cxx_of(value);
    } else {
      expect(value, Value::Kind::Array, "variadic", "an array of tables ([[variadic]])");
      for (const auto& element : value.array) {
        config.overrides.variadic.push_back(variadic_of(element));
      }
    }
  }
  return config;
}

} // namespace

const char* kind_name(const Value& value) {
  switch (value.kind) {
  case Value::Kind::String:
    return "a string";
  case Value::Kind::Integer:
    return "an integer";
  case Value::Kind::Float:
    return "a float";
  case Value::Kind::Boolean:
    return "a boolean";
  case Value::Kind::Array:
    return "an array";
  case Value::Kind::Table:
    return "a table";
  case Value::Kind::Other:
    return value.other == "null" ? "null" : "a date or time";
  }
  return "a value";
}

Diagnostic config_error(ir::Location location, std::string message) {
  return Diagnostic{Severity::Error, std::move(location), std::move(message), "config"};
}

LoadResult parse_config(std::string_view text, const std::string& path, Format format) {
  LoadResult result;
  auto read = format == Format::Toml ? read_toml(text, path) : read_json(text, path);
  if (auto* error = std::get_if<Diagnostic>(&read)) {
    result.diagnostics.push_back(std::move(*error));
    return result;
  }
  const auto& root = std::get<Value>(read);
  try {
    if (root.kind != Value::Kind::Table) {
      fail(root, "the config must be a table (a JSON object)");
    }
    result.config = config_of(root, path);
  } catch (const Invalid& invalid) {
    result.diagnostics.push_back(invalid.diagnostic);
  }
  return result;
}

LoadResult load_config(const std::string& path) {
  const auto extension = std::filesystem::path(path).extension().string();
  if (extension != ".toml" && extension != ".json") {
    return {std::nullopt,
            {config_error({}, fmt::format("config file '{}' must end in .toml or .json", path))}};
  }
  std::ifstream file(path, std::ios::binary);
  std::ostringstream text;
  if (!file || !(text << file.rdbuf())) {
    return {std::nullopt, {config_error({}, fmt::format("cannot read config file '{}'", path))}};
  }
  return parse_config(text.str(), path, extension == ".toml" ? Format::Toml : Format::Json);
}

} // namespace pen_bindgen::config
