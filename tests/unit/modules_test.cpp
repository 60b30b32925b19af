#include "pen_bindgen/emit/pen_module.hpp"
#include "pen_bindgen/mapping/modules.hpp"

#include <catch2/catch.hpp>
#include <string>
#include <variant>
#include <vector>

namespace {

using namespace pen_bindgen;
using namespace pen_bindgen::mapping;

FunctionBinding function(const std::string& name, const std::string& file,
                         const std::vector<std::string>& parameter_types = {},
                         const std::string& result_type = "") {
  FunctionBinding binding;
  binding.c_name = name;
  binding.pen_name = name;
  binding.shim_symbol = "_t_" + name;
  binding.location = {file, 1, 1};
  for (const auto& type : parameter_types) {
    ParameterBinding parameter;
    parameter.pen_name = "p" + std::to_string(binding.parameters.size());
    parameter.pen_type = PenType::Named;
    parameter.pen_type_name = type;
    parameter.conversion = ArgumentConversion::Handle;
    binding.parameters.push_back(parameter);
  }
  if (!result_type.empty()) {
    binding.result.pen_type = PenType::Named;
    binding.result.pen_type_name = result_type;
    binding.result.conversion = ResultConversion::Handle;
  }
  return binding;
}

HandleType handle(const std::string& c_name, const std::string& pen_name) {
  HandleType type;
  type.c_name = c_name;
  type.pen_name = pen_name;
  type.type_info = "_t_" + pen_name + "_type";
  return type;
}

ir::RecordDefinition record(const std::string& name, const std::string& file) {
  ir::RecordDefinition definition;
  definition.id = "c:@S@" + name;
  definition.name = name;
  definition.location = {file, 1, 1};
  return definition;
}

Package tree_package(const std::vector<std::string>& headers) {
  Package package;
  package.name = "Lib";
  package.file_stem = "lib";
  package.prefix = "_t_";
  for (const auto& header : headers) {
    package.headers.push_back({header, "<" + header + ">", ""});
  }
  return package;
}

const Module* find_module(const ModuleSplit& split, const std::string& path) {
  for (const auto& module : split.modules) {
    if (module.path == path) {
      return &module;
    }
  }
  return nullptr;
}

std::vector<std::string> module_paths(const ModuleSplit& split) {
  std::vector<std::string> paths;
  for (const auto& module : split.modules) {
    paths.push_back(module.path);
  }
  return paths;
}

} // namespace

TEST_CASE("a single header is one module named after the package, unchanged") {
  auto package = tree_package({"inc/lib.h"});
  package.items.push_back(function("lib_open", "inc/lib.h"));
  const auto split = split_into_modules(package, {});
  REQUIRE(split.modules.size() == 1);
  CHECK(split.modules[0].path == "Lib");
  CHECK(emit::emit_pen_module(package, split.modules[0]) == emit::emit_pen_module(package));
  CHECK(split.diagnostics.empty());
}

TEST_CASE("one module per header, mirroring the tree below the common directory") {
  auto package = tree_package({"inc/lib/net/socket.h", "inc/lib/types.h", "inc/lib/2d.h"});
  package.items.push_back(function("lib_connect", "inc/lib/net/socket.h", {}, "Conn"));
  package.items.push_back(function("lib_area", "inc/lib/2d.h"));
  package.handles.push_back(handle("lib_conn", "Conn"));
  ir::Library library;
  library.records.push_back(record("lib_conn", "inc/lib/types.h"));

  const auto split = split_into_modules(package, library);
  CHECK(module_paths(split) == std::vector<std::string>{"M2d", "Net/Socket", "Types"});
  const auto* socket = find_module(split, "Net/Socket");
  REQUIRE(socket);
  REQUIRE(socket->items.size() == 1);
  CHECK(std::get<FunctionBinding>(package.items[socket->items[0]]).c_name == "lib_connect");
  REQUIRE(socket->imports.size() == 1);
  CHECK(socket->imports[0].module == "'Types");
  CHECK(socket->imports[0].names == std::vector<std::string>{"Conn"});
  const auto* types = find_module(split, "Types");
  REQUIRE(types);
  REQUIRE(types->handles.size() == 1);
  CHECK(package.handles[types->handles[0]].pen_name == "Conn");
  // "2d" is no identifier: reported.
  REQUIRE(split.diagnostics.size() == 1);
  CHECK(split.diagnostics[0].message == "header 'inc/lib/2d.h' is module 'M2d'");

  const auto text = emit::emit_pen_module(package, *socket);
  CHECK(text.find("\nimport 'Types { Conn }\n\nimport foreign \"c\" _t_lib_connect") !=
        std::string::npos);
}

TEST_CASE("headers that give the same module path are numbered and reported") {
  auto package = tree_package({"inc/foo-bar.h", "inc/foo_bar.h"});
  const auto split = split_into_modules(package, {});
  CHECK(module_paths(split) == std::vector<std::string>{"FooBar", "FooBar2"});
  REQUIRE(split.diagnostics.size() == 1);
  CHECK(split.diagnostics[0].message ==
        "header 'inc/foo_bar.h' is module 'FooBar2' ('FooBar' is taken)");
}

TEST_CASE("module paths never differ only in case, and never enter a system package's Context") {
  auto package = tree_package({"inc/context/io.h", "inc/foo_bar.h", "inc/foobar.h"});
  package.system = true;
  const auto split = split_into_modules(package, {});
  CHECK(module_paths(split) == std::vector<std::string>{"Context2/Io", "FooBar", "Foobar2"});
  CHECK(split.diagnostics.size() == 2);
}

TEST_CASE("the header named like the package is the top module, with the generic types") {
  auto package = tree_package({"inc/lib.h", "inc/lib/extra.h"});
  package.items.push_back(function("lib_init", "inc/lib.h"));
  package.items.push_back(function("lib_extra", "inc/lib/extra.h", {"Pointer"}));
  package.handles.push_back(handle("void", "Pointer"));
  const auto split = split_into_modules(package, {});
  CHECK(module_paths(split) == std::vector<std::string>{"Lib", "Lib/Extra"});
  const auto* top = find_module(split, "Lib");
  REQUIRE(top);
  CHECK(top->headers.size() == 1);
  CHECK(top->handles.size() == 1);
  CHECK(find_module(split, "Lib/Extra")->imports[0].module == "'Lib");
  CHECK(split.diagnostics.empty());
}

TEST_CASE("types that would make modules import each other all move to the top module") {
  auto package = tree_package({"inc/a.h", "inc/b.h"});
  package.items.push_back(function("a_use_b", "inc/a.h", {"B"}));
  package.items.push_back(function("b_use_a", "inc/b.h", {"A"}));
  package.handles.push_back(handle("a", "A"));
  package.handles.push_back(handle("b", "B"));
  ir::Library library;
  library.records.push_back(record("a", "inc/a.h"));
  library.records.push_back(record("b", "inc/b.h"));

  const auto split = split_into_modules(package, library);
  CHECK(module_paths(split) == std::vector<std::string>{"A", "B", "Lib"});
  REQUIRE(split.diagnostics.size() == 1);
  CHECK(split.diagnostics[0].message.find("cycle (A -> B -> A)") != std::string::npos);
  const auto* top = find_module(split, "Lib");
  REQUIRE(top);
  CHECK(top->handles.size() == 2);
  CHECK(top->imports.empty());
  CHECK(find_module(split, "A")->imports[0].module == "'Lib");
}

TEST_CASE("a system package keeps its types in <Name>Types, imported by the context") {
  auto package = tree_package({"inc/lib.h"});
  package.system = true;
  package.items.push_back(function("lib_open", "inc/lib.h", {}, "Conn"));
  package.handles.push_back(handle("lib_conn", "Conn"));
  ir::Library library;
  library.records.push_back(record("lib_conn", "inc/lib.h"));

  const auto split = split_into_modules(package, library);
  CHECK(module_paths(split) == std::vector<std::string>{"Lib", "LibTypes"});
  REQUIRE(split.context_imports.size() == 1);
  CHECK(split.context_imports[0].module == "'LibTypes");
  CHECK(split.context_imports[0].names == std::vector<std::string>{"Conn"});
  // The types module has no context wrappers, so it does not import Context/context.pen.
  const auto types = emit::emit_pen_module(package, *find_module(split, "LibTypes"));
  CHECK(types.find("'Context'context") == std::string::npos);
  const auto top = emit::emit_pen_module(package, *find_module(split, "Lib"));
  CHECK(top.find("import 'Context'context { Context }\nimport 'LibTypes { Conn }\n") !=
        std::string::npos);
}
