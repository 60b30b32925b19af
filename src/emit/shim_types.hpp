#pragma once

#include "pen_bindgen/mapping/package.hpp"

#include <string>

namespace pen_bindgen::emit {

// The shim's part for records, handles, Buffers and accessors (docs/type-mapping.md).

// Type informations, wrap functions, record block typedefs and their conversions.
std::string shim_type_support(const mapping::Package& package);

// Whether a function needs the record/handle code paths below.
bool uses_typed_values(const mapping::FunctionBinding& function);

std::string typed_argument(const mapping::FunctionBinding& function, std::size_t index,
                           const mapping::Package& package);
std::string typed_call_argument(const mapping::ParameterBinding& parameter, std::size_t index);
// Declaration prefix of `pen_result` for Record and Handle results.
std::string typed_result_declaration(const mapping::ResultBinding& result);
// Converts pen_result (and out-parameters) into `pen_return`, before arguments are released.
std::string typed_result_conversion(const mapping::FunctionBinding& function,
                                    const mapping::Package& package);
std::string typed_cleanup(const mapping::ParameterBinding& parameter, std::size_t index,
                          const mapping::Package& package);
std::string typed_return(const mapping::FunctionBinding& function);
// The whole body of a generated helper (FunctionKind other than Call).
// The wrap function for a pointer the package does not own (callback arguments, member reads):
// `<type_info>_borrow` for a type with a destructor, which must not run on it.
std::string handle_borrow_symbol(const mapping::Package& package, const std::string& type_info);

std::string helper_body(const mapping::FunctionBinding& function, const mapping::Package& package);

// The end of a fallible function's shim (`T | error`), after the call and the releases: a Pen
// error made from the message if the callee stored one, else the result as an `any`.
std::string fallible_return(const mapping::FunctionBinding& function,
                            const mapping::Package& package);

} // namespace pen_bindgen::emit
