#pragma once

#include "pen_bindgen/config/overrides.hpp"
#include "pen_bindgen/diagnostic.hpp"
#include "pen_bindgen/ir/declaration.hpp"
#include "pen_bindgen/mapping/package.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace pen_bindgen::mapping {

// What the config overrides and the callback heuristic decide about a function's parameters
// before the default mapping sees them (docs/config.md).
struct ParameterPlan {
  // By parameter index; set entries are used as they are (the Pen name is assigned later).
  std::vector<std::optional<ParameterBinding>> parameters;
  std::vector<CallbackBinding> callbacks;
  // Set when the function cannot be bound after all: a function pointer without user data, or
  // a callback whose types do not cross.
  std::optional<SkippedDeclaration> skip;
};

// The handle type of a pointer a callback receives: {Pen type, type_info}; nullopt if none.
using CallbackHandleResolver =
    std::function<std::optional<std::pair<std::string, std::string>>(const ir::Type& pointer)>;

ParameterPlan plan_parameters(const ir::Function& function,
                              const config::FunctionOverride* override_entry,
                              const std::string& prefix, std::vector<Diagnostic>& diagnostics,
                              const CallbackHandleResolver& handles = {});

// nullable, owned, pure and the Pen name; an override that does not apply is a warning.
void apply_function_override(FunctionBinding& binding, const config::FunctionOverride& entry,
                             std::vector<Diagnostic>& diagnostics);

bool matches_pure_pattern(const std::string& c_name, const config::Overrides& overrides);

// The fixed-arity function a [[variadic]] instance calls `variadic` as, or an error.
std::optional<ir::Function> variadic_instance(const ir::Function& variadic,
                                              const config::VariadicInstance& instance,
                                              std::vector<Diagnostic>& diagnostics);
// The C type a variadic argument of `type` is passed as after default argument promotions.
std::string promoted_type(const ir::Type& type);

Diagnostic override_warning(const ir::Location& location, std::string message);

} // namespace pen_bindgen::mapping
