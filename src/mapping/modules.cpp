#include "pen_bindgen/mapping/modules.hpp"

#include "pen_bindgen/ir/file_identity.hpp"
#include "pen_bindgen/mapping/names.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <functional>
#include <map>
#include <numeric>
#include <optional>
#include <set>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <variant>

namespace pen_bindgen::mapping {

namespace fs = std::filesystem;

namespace {

using ir::file_identity;

// The path as the user named it, made absolute: module names follow the names the user sees,
// not the targets of symbolic links.
std::string absolute_path(const std::string& path) {
  std::error_code error;
  return fs::absolute(path, error).lexically_normal().string();
}

// The directory every header is below, as path components.
std::vector<std::string> common_directory(const std::vector<ir::Header>& headers) {
  std::optional<std::vector<std::string>> common;
  for (const auto& header : headers) {
    std::vector<std::string> parts;
    for (const auto& part : fs::path(absolute_path(header.path)).parent_path()) {
      parts.push_back(part.string());
    }
    if (!common) {
      common = parts;
      continue;
    }
    std::size_t length = 0;
    while (length < common->size() && length < parts.size() && (*common)[length] == parts[length]) {
      ++length;
    }
    common->resize(length);
  }
  return common.value_or(std::vector<std::string>{});
}

// A public module path component (pen-abi §7.5): an UpperCamelCase identifier.
std::string module_component(const std::string& text) {
  std::string name = to_upper_camel(text);
  if (name.empty()) {
    return "Module";
  }
  if (name[0] >= '0' && name[0] <= '9') {
    name = "M" + name; // "2d" -> "M2d": upper case keeps it public
  }
  if (!is_pen_identifier(name)) {
    name = sanitize_identifier(name);
  }
  return name;
}

std::string join(const std::vector<std::string>& parts, const std::string& separator) {
  std::string text;
  for (const auto& part : parts) {
    text += (text.empty() ? "" : separator) + part;
  }
  return text;
}

// "struct cyc_a" and the typedef "cyc_a" of the same struct meet under one key.
std::string without_keyword(const std::string& c_type) {
  for (const std::string keyword : {"struct ", "union ", "enum "}) {
    if (c_type.starts_with(keyword)) {
      return c_type.substr(keyword.size());
    }
  }
  return c_type;
}

std::string lower(std::string text) {
  for (auto& c : text) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return text;
}

bool has_types(const Package& package) {
  return !package.records.empty() || !package.handles.empty();
}

Diagnostic note(std::string message) {
  Diagnostic diagnostic;
  diagnostic.severity = Severity::Note;
  diagnostic.message = std::move(message);
  diagnostic.code = "module-name";
  return diagnostic;
}

class Splitter {
public:
  Splitter(const Package& package, const ir::Library& library)
      : package_(package), library_(library) {}

  ModuleSplit run() {
    name_modules();
    for (const auto& record : library_.records) {
      if (!record.name.empty()) {
        record_files_.emplace(without_keyword(record.name), record.location.file); // first wins
      }
    }
    if (types_module_) {
      place_types(types_module_);
    } else {
      place_types(std::nullopt);
      if (auto cycle = find_cycle()) {
        result_.diagnostics.push_back(note("type imports between modules would form a cycle (" +
                                           *cycle + "); every type is defined in the top module '" +
                                           package_.name + "'"));
        place_types(0);
      }
    }
    result_.context_imports = context_imports();
    return build();
  }

private:
  // Module paths as components: the top module first, then one per header.
  void name_modules() {
    paths_.push_back({package_.name});
    // Compared in lower case, so that no two modules differ only in case (macOS, Windows).
    std::set<std::string> taken{lower(package_.name)};
    if (package_.system) {
      taken.insert("context"); // Context.pen and Context/context.pen (emit/context_module.hpp)
    }
    if (has_types(package_) && package_.system) {
      // Context/context.pen names the types and the modules with context wrappers import it, so
      // the types (and their helpers, which take no Context) need a module of their own.
      types_module_ = paths_.size();
      paths_.push_back({package_.name + "Types"});
      taken.insert(lower(package_.name + "Types"));
    }
    if (package_.headers.size() == 1) {
      header_modules_.emplace(file_identity(package_.headers.front().path), 0);
      module_headers_[0] = package_.headers;
      return;
    }
    const auto root = common_directory(package_.headers);
    for (const auto& header : package_.headers) {
      const fs::path path(absolute_path(header.path));
      std::vector<std::string> raw;
      std::size_t index = 0;
      for (const auto& part : path.parent_path()) {
        if (index++ >= root.size()) {
          raw.push_back(part.string());
        }
      }
      raw.push_back(path.stem().string());
      std::vector<std::string> components;
      for (const auto& part : raw) {
        components.push_back(module_component(part));
      }
      if (package_.system && components.size() > 1 && components.front() == "Context") {
        components.front() = "Context2"; // Context/ holds the system package's context.pen
      }
      const std::string wanted = join(components, "/");
      std::size_t module = 0;
      if (wanted == package_.name) {
        module = 0; // the header named like the package is the top module
      } else {
        std::string unique = wanted;
        for (int suffix = 2; taken.contains(lower(unique)); ++suffix) {
          unique = wanted + std::to_string(suffix);
        }
        if (unique != wanted || components != raw) {
          bool only_camel_case = unique == wanted;
          for (std::size_t i = 0; only_camel_case && i < raw.size(); ++i) {
            only_camel_case = to_upper_camel(raw[i]) == components[i];
          }
          if (!only_camel_case) {
            result_.diagnostics.push_back(
                note("header '" + header.path + "' is module '" + unique + "'" +
                     (unique != wanted ? " ('" + wanted + "' is taken)" : "")));
          }
        }
        taken.insert(lower(unique));
        module = paths_.size();
        auto parts = components;
        parts.back() = fs::path(unique).filename().string();
        paths_.push_back(parts);
      }
      header_modules_.emplace(file_identity(header.path), module);
      module_headers_[module].push_back(header);
    }
  }

  std::size_t module_of_file(const std::string& file) const {
    auto known = file_modules_.find(file);
    if (known == file_modules_.end()) {
      // The file system is asked once per file name, not once per declaration.
      auto found = header_modules_.find(file_identity(file));
      known = file_modules_.emplace(file, found == header_modules_.end() ? 0 : found->second).first;
    }
    return known->second;
  }

  std::size_t module_of_c_type(std::string c_type) const {
    // "sqlite3 *" and "const git_oid" live where the C type they point to does.
    for (bool changed = true; changed;) {
      changed = false;
      while (!c_type.empty() && (c_type.back() == '*' || c_type.back() == ' ')) {
        c_type.pop_back();
        changed = true;
      }
      for (const std::string qualifier : {"const ", "volatile "}) {
        if (c_type.starts_with(qualifier)) {
          c_type.erase(0, qualifier.size());
          changed = true;
        }
      }
    }
    auto found = record_files_.find(without_keyword(c_type));
    return found == record_files_.end() ? 0 : module_of_file(found->second);
  }

  // Each type in the module of its C type, or all of them in `everything_in`; then where each
  // item goes and what each module imports, computed once (trees have thousands of items and
  // hundreds of modules).
  void place_types(std::optional<std::size_t> everything_in) {
    type_modules_.clear();
    // The module of the last function returning each `<Function>Result` record.
    std::map<std::string, std::size_t> out_record_modules;
    if (!everything_in) {
      for (const auto& item : package_.items) {
        const auto* function = std::get_if<FunctionBinding>(&item);
        if (function && !function->out_record.empty()) {
          out_record_modules[function->out_record] = module_of_file(function->location.file);
        }
      }
    }
    for (const auto& handle : package_.handles) {
      type_modules_[handle.pen_name] = everything_in      ? *everything_in
                                       : handle.is_buffer ? 0
                                                          : module_of_c_type(handle.c_name);
    }
    for (const auto& record : package_.records) {
      std::size_t module = 0;
      if (everything_in) {
        module = *everything_in;
      } else if (!record.c_type.empty()) {
        module = module_of_c_type(record.c_type);
      } else if (auto found = out_record_modules.find(record.pen_name);
                 found != out_record_modules.end()) {
        module = found->second;
      }
      type_modules_[record.pen_name] = module;
    }
    item_modules_.clear();
    for (const auto& item : package_.items) {
      item_modules_.push_back(module_of_item(item));
    }
    imports_ = all_imports();
  }

  std::size_t module_of_item(const Item& item) const {
    if (const auto* function = std::get_if<FunctionBinding>(&item)) {
      if (function->kind != FunctionKind::Call) {
        auto found = type_modules_.find(function->subject);
        return found == type_modules_.end() ? 0 : found->second;
      }
      return module_of_file(function->location.file);
    }
    if (const auto* constant = std::get_if<ConstantBinding>(&item)) {
      return module_of_file(constant->location.file);
    }
    return module_of_file(std::get<SkippedDeclaration>(item).location.file);
  }

  // What each module imports: the Pen types its definitions name that other modules define.
  std::vector<std::map<std::size_t, std::set<std::string>>> all_imports() const {
    // The Pen types each module names, as views of the package's names: a tree's functions name
    // tens of thousands of types, mostly the same few per module.
    std::vector<std::unordered_set<std::string_view>> used(paths_.size());
    for (std::size_t index = 0; index < package_.items.size(); ++index) {
      const auto* function = std::get_if<FunctionBinding>(&package_.items[index]);
      if (!function) {
        continue;
      }
      auto& names = used[item_modules_[index]];
      for (const auto& parameter : function->parameters) {
        if (!parameter.pen_type_name.empty()) {
          names.insert(parameter.pen_type_name);
        }
      }
      if (!function->result.pen_type_name.empty()) {
        names.insert(function->result.pen_type_name);
      }
    }
    for (const auto& record : package_.records) {
      auto& names = used[type_modules_.at(record.pen_name)];
      for (const auto& field : record.fields) {
        if (!field.pen_type_name.empty()) {
          names.insert(field.pen_type_name);
        }
      }
    }
    std::vector<std::map<std::size_t, std::set<std::string>>> imports(paths_.size());
    for (std::size_t module = 0; module < paths_.size(); ++module) {
      for (const auto name : used[module]) {
        auto found = type_modules_.find(name);
        if (found != type_modules_.end() && found->second != module) {
          imports[module][found->second].emplace(name);
        }
      }
    }
    return imports;
  }

  const std::map<std::size_t, std::set<std::string>>& imports_of(std::size_t module) const {
    return imports_[module];
  }

  // System packages: the types the foreign imports of Context/context.pen name, by module.
  std::vector<ModuleImport> context_imports() const {
    std::map<std::size_t, std::set<std::string>> imports;
    for (const auto& item : package_.items) {
      const auto* function = std::get_if<FunctionBinding>(&item);
      if (!package_.system || !function || function->is_pure ||
          function->kind != FunctionKind::Call) {
        continue;
      }
      for (const auto& parameter : function->parameters) {
        if (!parameter.pen_type_name.empty()) {
          imports[type_modules_.at(parameter.pen_type_name)].insert(parameter.pen_type_name);
        }
      }
      if (!function->result.pen_type_name.empty()) {
        imports[type_modules_.at(function->result.pen_type_name)].insert(
            function->result.pen_type_name);
      }
    }
    std::vector<ModuleImport> result;
    for (const auto& [module, names] : imports) {
      result.push_back({"'" + join(paths_[module], "'"), {names.begin(), names.end()}});
    }
    std::sort(result.begin(), result.end(),
              [](const auto& a, const auto& b) { return a.module < b.module; });
    return result;
  }

  // A cycle of module imports, spelled "A -> B -> A", if there is one.
  std::optional<std::string> find_cycle() const {
    std::vector<int> state(paths_.size(), 0); // 0 new, 1 on the stack, 2 done
    std::vector<std::size_t> stack;
    std::optional<std::string> cycle;
    std::function<void(std::size_t)> visit = [&](std::size_t module) {
      state[module] = 1;
      stack.push_back(module);
      for (const auto& [imported, names] : imports_of(module)) {
        if (cycle) {
          break;
        }
        if (state[imported] == 1) {
          std::vector<std::string> parts;
          auto start = std::find(stack.begin(), stack.end(), imported);
          for (auto it = start; it != stack.end(); ++it) {
            parts.push_back(join(paths_[*it], "/"));
          }
          parts.push_back(join(paths_[imported], "/"));
          cycle = join(parts, " -> ");
        } else if (state[imported] == 0) {
          visit(imported);
        }
      }
      stack.pop_back();
      state[module] = 2;
    };
    for (std::size_t module = 0; module < paths_.size() && !cycle; ++module) {
      if (state[module] == 0) {
        visit(module);
      }
    }
    return cycle;
  }

  ModuleSplit build() {
    std::vector<Module> modules(paths_.size());
    for (std::size_t index = 0; index < paths_.size(); ++index) {
      modules[index].path = join(paths_[index], "/");
      modules[index].headers = module_headers_[index];
    }
    for (std::size_t index = 0; index < package_.items.size(); ++index) {
      modules[item_modules_[index]].items.push_back(index);
    }
    for (std::size_t index = 0; index < package_.records.size(); ++index) {
      modules[type_modules_.at(package_.records[index].pen_name)].records.push_back(index);
    }
    for (std::size_t index = 0; index < package_.handles.size(); ++index) {
      modules[type_modules_.at(package_.handles[index].pen_name)].handles.push_back(index);
    }
    std::vector<Module> kept;
    for (std::size_t index = 0; index < paths_.size(); ++index) {
      auto& module = modules[index];
      for (const auto& [imported, names] : imports_of(index)) {
        module.imports.push_back({"'" + join(paths_[imported], "'"),
                                  std::vector<std::string>(names.begin(), names.end())});
      }
      std::sort(module.imports.begin(), module.imports.end(),
                [](const auto& a, const auto& b) { return a.module < b.module; });
      const bool empty = module.items.empty() && module.records.empty() && module.handles.empty() &&
                         module.headers.empty();
      if (!empty) {
        kept.push_back(std::move(module));
      }
    }
    std::sort(kept.begin(), kept.end(),
              [](const Module& a, const Module& b) { return a.path < b.path; });
    result_.modules = std::move(kept);
    return std::move(result_);
  }

  const Package& package_;
  const ir::Library& library_;
  std::vector<std::vector<std::string>> paths_;       // by module index; 0 is the top module
  std::map<std::string, std::size_t> header_modules_; // file_identity of a header -> module
  mutable std::unordered_map<std::string, std::size_t> file_modules_; // spelling -> module (cache)
  std::map<std::size_t, std::vector<ir::Header>> module_headers_;
  std::map<std::string, std::string> record_files_;              // C record name -> declaring file
  std::map<std::string, std::size_t, std::less<>> type_modules_; // Pen type name -> module
  std::vector<std::size_t> item_modules_;                        // by index in package_.items
  std::vector<std::map<std::size_t, std::set<std::string>>> imports_; // by module
  std::optional<std::size_t> types_module_; // system packages: <Name>Types
  ModuleSplit result_;
};

} // namespace

bool is_single_module(const Package& package) {
  return package.headers.size() <= 1 && !(package.system && has_types(package));
}

Module whole_package_module(const Package& package) {
  const auto all = [](std::size_t count) {
    std::vector<std::size_t> indices(count);
    std::iota(indices.begin(), indices.end(), std::size_t{0});
    return indices;
  };
  return Module{package.name,
                package.headers,
                all(package.items.size()),
                all(package.records.size()),
                all(package.handles.size()),
                package.imports};
}

ModuleSplit split_into_modules(const Package& package, const ir::Library& library) {
  if (is_single_module(package)) {
    ModuleSplit split;
    split.modules.push_back(whole_package_module(package));
    return split;
  }
  return Splitter(package, library).run();
}

} // namespace pen_bindgen::mapping
