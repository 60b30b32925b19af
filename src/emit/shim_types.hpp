#pragma once

#include "pen_bindgen/mapping/package.hpp"

#include <string>
#include <string_view>

namespace pen_bindgen::emit {

// The shim's part for records, handles, Buffers and accessors (docs/type-mapping.md).

// Type informations, wrap functions, record block typedefs and their conversions.
std::string shim_type_support(const mapping::Package& package);

// Whether a function needs the record/handle code paths below.
bool uses_typed_values(const mapping::FunctionBinding& function);

// The pieces of a shim function for records and handles, appended to `out`.
void append_typed_argument(std::string& out, const mapping::FunctionBinding& function,
                           std::size_t index, const mapping::Package& package);
void append_typed_call_argument(std::string& out, const mapping::ParameterBinding& parameter,
                                std::size_t index);
// Declaration prefix of `pen_result` for Record and Handle results.
void append_typed_result_declaration(std::string& out, const mapping::ResultBinding& result);
// Converts pen_result (and out-parameters) into `pen_return`, before arguments are released.
void append_typed_result_conversion(std::string& out, const mapping::FunctionBinding& function,
                                    const mapping::Package& package);
void append_typed_cleanup(std::string& out, const mapping::ParameterBinding& parameter,
                          std::size_t index, const mapping::Package& package);
std::string_view typed_return(const mapping::FunctionBinding& function);
// The wrap function for a pointer the package does not own (callback arguments, member reads):
// `<type_info>_borrow` for a type with a destructor, which must not run on it.
std::string handle_borrow_symbol(const mapping::Package& package, const std::string& type_info);

// The whole body of a generated helper (FunctionKind other than Call).
void append_helper_body(std::string& out, const mapping::FunctionBinding& function,
                        const mapping::Package& package);

// The end of a fallible function's shim (`T | error`), after the call and the releases: a Pen
// error made from the message if the callee stored one, else the result as an `any`.
void append_fallible_return(std::string& out, const mapping::FunctionBinding& function,
                            const mapping::Package& package);

} // namespace pen_bindgen::emit
