#pragma once

#include "pen_bindgen/diagnostic.hpp"
#include "pen_bindgen/ir/library.hpp"
#include "pen_bindgen/mapping/package.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace pen_bindgen::mapping {

// One Pen module of a package: its file path without `.pen` ("Net/Socket") and which of the
// package's items and types it holds, by index: the split copies no bindings, since copying the
// items of a large tree cost as much as emitting them (docs/performance.md).
struct Module {
  std::string path;
  std::vector<ir::Header> headers;   // the headers whose declarations it binds
  std::vector<std::size_t> items;    // indices into Package::items, in source order
  std::vector<std::size_t> records;  // indices into Package::records, in the package's order
  std::vector<std::size_t> handles;  // indices into Package::handles, in the package's order
  std::vector<ModuleImport> imports; // the types it uses from other modules, sorted by module
};

struct ModuleSplit {
  std::vector<Module> modules; // sorted by path
  // System packages: what Context/context.pen imports for the types its foreign imports name.
  std::vector<ModuleImport> context_imports;
  std::vector<Diagnostic> diagnostics;
};

// Header trees (docs/header-trees.md). A package of one header is one module, `<Name>`, holding
// everything. A package of several headers gets one module per header, mirroring the tree below
// the headers' common directory ("net/socket.h" -> "Net/Socket"); each declaration goes to the
// module of the header that declares it, each record and handle type (with its helper functions)
// to the module of the header that declares its C type, and modules import the types they use
// from other modules. Types without a header of the package (Buffer, Pointer, types of system
// headers) live in the top module `<Name>`; so do all types when imports between modules would
// form a cycle, which Pen cannot build. Module names that are not valid or that collide are made
// unique deterministically and reported as notes.
//
// A system package with types (even of one header) keeps them and their helper functions in a
// module `<Name>Types` that imports nothing: Context/context.pen imports the types from there,
// and the modules with context wrappers import Context/context.pen.
ModuleSplit split_into_modules(const Package& package, const ir::Library& library);

// Whether the package is one module, `<Name>`, holding the whole package (one header, and not a
// system package with types); callers can then emit the package itself and skip the split.
bool is_single_module(const Package& package);

// The module `<Name>` holding everything of the package: what a one-module package's split is.
Module whole_package_module(const Package& package);

} // namespace pen_bindgen::mapping
