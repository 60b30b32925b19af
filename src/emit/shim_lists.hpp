#pragma once

#include "pen_bindgen/mapping/package.hpp"

#include <string>
#include <vector>

namespace pen_bindgen::emit {

// The shim's part for lists (docs/type-mapping.md, Lists): the array builders that list
// parameters are fed through, and the conversion of array results into Pen lists.

// The builders and exports the package's own functions use (a module of a header tree binds a
// subset of the package's functions).
std::vector<mapping::ListBuilder> used_list_builders(const mapping::Package& package);
// The package's builders that these functions (a module's) use.
std::vector<mapping::ListBuilder>
used_list_builders(const mapping::Package& package,
                   const std::vector<const mapping::FunctionBinding*>& functions);
std::vector<mapping::ListExport> used_list_exports(const mapping::Package& package);

// Declarations and the builders' box and tags, before the function prototypes.
std::string shim_list_support(const mapping::Package& package);
// The builders' `_new` and `_push` prototypes, and their definitions.
std::string shim_list_builder_prototypes(const mapping::Package& package);
std::string shim_list_builder_definitions(const mapping::Package& package);

// Locals of a List parameter (the array behind the argument's `any`), of a ListLength (its
// count, saturated) and of an ArrayCount (the result's element count).
std::string list_argument(const mapping::FunctionBinding& function, std::size_t index);
// After the call: `pen_list_result` from the array `pen_result`, which is freed (and its string
// elements); for a fallible function only if the call succeeded.
std::string list_result_conversion(const mapping::FunctionBinding& function,
                                   const mapping::Package& package);

} // namespace pen_bindgen::emit
