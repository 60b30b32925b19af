#pragma once

#include "pen_bindgen/config/overrides.hpp"
#include "pen_bindgen/diagnostic.hpp"
#include "pen_bindgen/ir/declaration.hpp"
#include "pen_bindgen/mapping/package.hpp"

#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace pen_bindgen::mapping {

// Fallible and borrowed results (docs/type-mapping.md), from the IR (the C++ lowering) or from
// the config (`error`, `error_free`, `borrowed`; docs/config.md).

// The index of the function's `char **` error parameter, if it has one. A config entry naming a
// parameter that does not exist or is not a `char **` is a warning (and ignored); so is an IR
// index that is not one, which the binding then ignores too.
std::optional<std::size_t> error_parameter_of(const ir::Function& function,
                                              const config::FunctionOverride* entry,
                                              std::vector<Diagnostic>& diagnostics);

// The binding of that parameter: no Pen argument; the shim passes the address of its message.
ParameterBinding error_message_parameter();

// After the result is mapped and the config applied: `fallible` (with the free function) and
// `borrowed` (handle results only; a config `borrowed` on anything else is a warning).
void apply_result_ownership(FunctionBinding& binding, const ir::Function& function,
                            const config::FunctionOverride* entry, bool has_error_parameter,
                            std::vector<Diagnostic>& diagnostics);

} // namespace pen_bindgen::mapping
