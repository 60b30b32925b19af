#pragma once

#include "pen_bindgen/ir/declaration.hpp"
#include "pen_bindgen/mapping/package.hpp"
#include "type_mapping.hpp"
#include "type_plan.hpp"

#include <optional>
#include <string>
#include <unordered_set>
#include <variant>
#include <vector>

namespace pen_bindgen::mapping {

// Lists across the boundary (docs/type-mapping.md, Lists): array parameters and array results
// of the IR (ir::ArrayParameter, ir::Function::array_count_parameter).

// Plans the List, ListLength and ArrayCount parameters of `function` into `planned` (by
// parameter index); the reason if an array's element type cannot cross, nullopt otherwise.
std::optional<std::string>
plan_list_parameters(const ir::Function& function, const std::string& prefix,
                     std::vector<std::optional<ParameterBinding>>& planned);

// The List result of a function with an array_count_parameter: `[number]`, `[boolean]`,
// `[string]` or a list of handles (`[T]`, each element owned) from a pointer to numbers,
// booleans, `char *` or pointers to handle types (planned in `types`).
std::variant<ResultBinding, Unsupported> list_result(const ir::Function& function, TypePlan& types);

// After every function is bound: the package's ListBuilders and ListExports, sorted by symbol,
// and the `to_any_symbol` of every fallible list result.
// A generated symbol that a bound function's shim symbol already has gets `_` appended (in the
// functions that use it too); the generated ones are then added to `shim_symbols`.
void collect_list_types(Package& package, std::unordered_set<std::string>& shim_symbols);

} // namespace pen_bindgen::mapping
