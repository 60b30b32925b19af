#pragma once

#include "pen_bindgen/mapping/package.hpp"

#include <string>

namespace pen_bindgen::emit {

// System packages (--package-type system, DESIGN §6, pen-abi §8.4). The foreign imports of every
// function not marked pure live in the private module Context/context.pen, behind a record of
// closures in the private field `inner` of `Context`; the public wrappers take `ctx Context` and
// call `context'Inner(ctx).<Name>(...)`. Without a Context no Pen code of another package can
// reach those C functions, and only the runtime makes one (`UnsafeNew`, called for `main`).

// True when the wrapper of `function` takes a Context: a C function of a system package, not
// marked pure (generated helpers never take one).
bool needs_context(const mapping::Package& package, const mapping::FunctionBinding& function);

// Context.pen: the public alias `type Context` and `UnsafeNew`, as packages/os/Context.pen.
std::string emit_context_module(const mapping::Package& package);

// Context/context.pen: the foreign imports, the record types and `UnsafeNew` and `Inner`;
// `package.imports` are the imports of the package's types its foreign imports name.
std::string emit_context_implementation(const mapping::Package& package);

// The import line a module with context wrappers starts with.
std::string context_import();

// What a context wrapper calls: "context'Inner(ctx).Crc32".
std::string context_call(const mapping::FunctionBinding& function);

} // namespace pen_bindgen::emit
