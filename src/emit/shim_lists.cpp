#include "shim_lists.hpp"

#include "integer_limits.hpp"
#include "shim_locals.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <set>

namespace pen_bindgen::emit {

namespace {

using mapping::ArgumentConversion;
using mapping::FunctionBinding;
using mapping::Package;
using mapping::ResultConversion;

std::vector<const FunctionBinding*> functions_of(const Package& package) {
  std::vector<const FunctionBinding*> functions;
  for (const auto& item : package.items) {
    if (const auto* function = std::get_if<FunctionBinding>(&item)) {
      functions.push_back(function);
    }
  }
  return functions;
}

bool has_list_result(const Package& package) {
  const auto functions = functions_of(package);
  return std::any_of(functions.begin(), functions.end(), [](const FunctionBinding* function) {
    return function->result.conversion == ResultConversion::List;
  });
}

const char* push_parameter_type(const mapping::ListBuilder& builder) {
  switch (builder.conversion) {
  case ArgumentConversion::Bool:
    return "uint8_t";
  case ArgumentConversion::CString:
    return "pen_string";
  default:
    return "double";
  }
}

// `*slot = <element>` with the conversion parameters of that type get (saturating integers).
std::string store_element(const mapping::ListBuilder& builder) {
  switch (builder.conversion) {
  case ArgumentConversion::SignedInteger:
    return fmt::format("*pen_slot = ({})pen_number_to_i64(pen_element, {}, {});", builder.c_type,
                       minimum_macro(builder.integer), maximum_macro(builder.integer));
  case ArgumentConversion::UnsignedInteger:
    return fmt::format("*pen_slot = ({})pen_number_to_u64(pen_element, {});", builder.c_type,
                       maximum_macro(builder.integer));
  case ArgumentConversion::Float:
    return "*pen_slot = pen_number_to_float(pen_element);";
  case ArgumentConversion::Bool:
    return "*pen_slot = pen_boolean_to_c(pen_element);";
  case ArgumentConversion::CString: // every byte, and a NUL for C
    return "*pen_slot = pen_string_to_c(pen_element);\n  *pen_size = "
           "(size_t)pen_string_len(pen_element);\n  pen_string_drop(pen_element);";
  default:
    return "*pen_slot = pen_element;";
  }
}

std::string element_to_any(const mapping::ResultBinding& result, const Package& package) {
  const std::string element = "pen_result[pen_index]";
  switch (result.element) {
  case ResultConversion::Handle: { // an owned object: its handle runs the destructor
    std::string to_any;
    for (const auto& handle : package.handles) {
      if (handle.pen_name == result.pen_type_name) {
        to_any = handle.to_any_symbol;
      }
    }
    return fmt::format("{}({}_wrap((void *)(uintptr_t){}))", to_any, result.type_info, element);
  }
  case ResultConversion::Bool:
    return fmt::format("pen_ffi_boolean_to_any({})", element);
  case ResultConversion::CString:
    return fmt::format("pen_ffi_string_to_any(pen_string_from_c({}))", element);
  default:
    return fmt::format("pen_ffi_number_to_any((double){})", element);
  }
}

// "const double *" as a declaration's prefix: "const double *"; a typedef name gets a space.
std::string pointer_spelling(const std::string& c_type) {
  return c_type.back() == '*' ? c_type : c_type + " ";
}

std::string array_local(std::size_t index) {
  return fmt::format("pen_array{}", index);
}

} // namespace

std::vector<mapping::ListBuilder> used_list_builders(const Package& package) {
  return used_list_builders(package, functions_of(package));
}

std::vector<mapping::ListBuilder>
used_list_builders(const Package& package, const std::vector<const FunctionBinding*>& functions) {
  std::set<std::string> used;
  for (const auto* function : functions) {
    for (const auto& parameter : function->parameters) {
      if (parameter.conversion == ArgumentConversion::List) {
        used.insert(parameter.list_builder);
      }
    }
  }
  std::vector<mapping::ListBuilder> builders;
  for (const auto& builder : package.list_builders) {
    if (used.contains(builder.symbol)) {
      builders.push_back(builder);
    }
  }
  return builders;
}

std::vector<mapping::ListExport> used_list_exports(const Package& package) {
  std::set<std::string> used;
  for (const auto* function : functions_of(package)) {
    if (function->result.conversion == ResultConversion::List) {
      used.insert(function->result.to_any_symbol);
    }
  }
  std::vector<mapping::ListExport> exports;
  for (const auto& list_export : package.list_exports) {
    if (used.contains(list_export.symbol)) {
      exports.push_back(list_export);
    }
  }
  return exports;
}

std::string shim_list_support(const Package& package) {
  std::string text;
  if (has_list_result(package)) {
    text += "\n/* List results (pen-abi 6.1): built back to front from the C array, each element "
            "an `any`. */\n"
            "pen_variant pen_ffi_number_to_any(double number);\n"
            "pen_variant pen_ffi_boolean_to_any(bool boolean);\n";
    for (const auto& list_export : used_list_exports(package)) {
      const std::string element = list_export.element == mapping::PenType::Named
                                      ? list_export.pen_type_name
                                      : mapping::pen_spelling(list_export.element);
      text += fmt::format("pen_variant {}(pen_list list); /* [{}] in `[{}] | error` */\n",
                          list_export.symbol, element, element);
    }
  }
  const auto builders = used_list_builders(package);
  if (builders.empty()) {
    return text;
  }
  text += R"C(
/* List parameters (docs/type-mapping.md): C cannot read a Pen list, so the Pen module walks it
   and pushes each element into a C array behind an `any` (pen-abi 5.4, 6.1), which the call
   then passes as items and count. */
typedef struct pen_array_box {
  _Atomic intptr_t references;
  size_t count;
  size_t capacity;
  void *items;
  size_t *sizes; /* arrays of strings: each element's byte count; the elements are malloc'd */
} pen_array_box;
static uint64_t pen_array_clone(uint64_t payload) {
  atomic_fetch_add_explicit(&((pen_array_box *)(uintptr_t)payload)->references, 1,
                            memory_order_relaxed);
  return payload;
}
static void pen_array_drop(uint64_t payload) {
  pen_array_box *box = (pen_array_box *)(uintptr_t)payload;
  if (atomic_fetch_sub_explicit(&box->references, 1, memory_order_acq_rel) == 1) {
    for (size_t index = 0; box->sizes && index < box->count; ++index) {
      pen_c_string_free(((char **)box->items)[index]);
    }
    free(box->sizes);
    free(box->items);
    free(box);
  }
}
static void pen_array_synchronize(uint64_t payload) {
  (void)payload; /* the count is atomic already */
}
static pen_variant pen_array_new(const pen_type_info *type) {
  pen_array_box *box = calloc(1, sizeof(pen_array_box));
  if (!box) {
    pen_abort("pen_abi: out of memory");
  }
  atomic_init(&box->references, 1);
  return (pen_variant){type, (uint64_t)(uintptr_t)box};
}
static pen_array_box *pen_array_box_of(pen_variant array, const pen_type_info *type,
                                       const char *builder) {
  if (array.tag != type) {
    fprintf(stderr, "%s: the argument is not an array of this type\n", builder);
    abort();
  }
  return (pen_array_box *)(uintptr_t)array.payload;
}
/* The slot of one more element of `size` bytes (and with `size_slot`, of its byte count); the
   array doubles as it grows. */
static void *pen_array_push(pen_variant array, const pen_type_info *type, const char *builder,
                            size_t size, size_t **size_slot) {
  pen_array_box *box = pen_array_box_of(array, type, builder);
  if (box->count == box->capacity) {
    size_t capacity = box->capacity ? box->capacity * 2 : 8;
    if (capacity > SIZE_MAX / size || capacity > SIZE_MAX / sizeof(size_t)) {
      pen_abort("pen_abi: list too long");
    }
    void *items = realloc(box->items, capacity * size);
    if (!items) {
      pen_abort("pen_abi: out of memory");
    }
    box->items = items;
    if (size_slot) {
      size_t *sizes = realloc(box->sizes, capacity * sizeof(size_t));
      if (!sizes) {
        pen_abort("pen_abi: out of memory");
      }
      box->sizes = sizes;
    }
    box->capacity = capacity;
  }
  if (size_slot) {
    *size_slot = &box->sizes[box->count];
  }
  return (char *)box->items + box->count++ * size;
}
)C";
  for (const auto& builder : builders) {
    text += fmt::format("static const pen_type_info {}_type = {{pen_array_clone, pen_array_drop, "
                        "pen_array_synchronize, NULL}};\n",
                        builder.symbol);
  }
  return text;
}

std::string shim_list_builder_prototypes(const Package& package) {
  std::string text;
  for (const auto& builder : used_list_builders(package)) {
    text += fmt::format("pen_variant {}_new(void);\npen_variant {}_push(pen_variant pen_array, {} "
                        "pen_element);\n",
                        builder.symbol, builder.symbol, push_parameter_type(builder));
  }
  return text;
}

std::string shim_list_builder_definitions(const Package& package) {
  std::string text;
  for (const auto& builder : used_list_builders(package)) {
    const bool is_string = builder.conversion == ArgumentConversion::CString;
    text += fmt::format("\n/* An empty C array of {0} for a [{1}] argument. */\n"
                        "pen_variant {2}_new(void) {{\n  return pen_array_new(&{2}_type);\n}}\n"
                        "\n/* Appends one element; returns the array (the Pen module threads it "
                        "through). */\n"
                        "pen_variant {2}_push(pen_variant pen_array, {3} pen_element) {{\n{5}"
                        "  {6}pen_slot = pen_array_push(pen_array, &{2}_type, \"{2}_push\", "
                        "sizeof({0}), {7});\n"
                        "  {4}\n  return pen_array;\n}}\n",
                        builder.c_type, mapping::pen_spelling(builder.pen_type), builder.symbol,
                        push_parameter_type(builder), store_element(builder),
                        is_string ? "  size_t *pen_size = NULL;\n" : "",
                        pointer_spelling(builder.c_type + (is_string ? "*" : " *")),
                        is_string ? "&pen_size" : "NULL");
  }
  return text;
}

std::string list_argument(const FunctionBinding& function, std::size_t index) {
  const auto& parameter = function.parameters[index];
  switch (parameter.conversion) {
  case ArgumentConversion::List:
    return fmt::format("  pen_array_box *{0} = pen_array_box_of({1}, &{2}_type, \"{3}\");\n"
                       "  {4}{5} = ({4}){0}->items;\n",
                       array_local(index), shim_argument(index), parameter.list_builder,
                       function.c_name, pointer_spelling(parameter.c_pointer_type),
                       shim_local(index));
  case ArgumentConversion::ListLength: {
    const char* type = ir::c_spelling(parameter.integer);
    const auto length = fmt::format("pen_length{}", index);
    const auto maximum = maximum_macro(parameter.integer);
    return fmt::format("  uintptr_t {0} = (uintptr_t){1}->count;\n"
                       "  {2} {3} = ({2})({0} > (uintptr_t){4} ? (uintptr_t){4} : {0});\n",
                       length, array_local(parameter.source), type, shim_local(index), maximum);
  }
  case ArgumentConversion::ListSizes:
    return fmt::format("  const size_t *{} = {}->sizes;\n", shim_local(index),
                       array_local(parameter.source));
  case ArgumentConversion::ArrayCount:
    return fmt::format("  {} pen_array_count = 0;\n", ir::c_spelling(parameter.integer));
  default:
    return {};
  }
}

std::string list_result_conversion(const FunctionBinding& function, const Package& package) {
  const auto& result = function.result;
  std::string build =
      fmt::format("pen_list_result = pen_ffi_list_create();\n"
                  "for (size_t pen_index = (size_t)pen_array_count; pen_result && pen_index-- > "
                  "0;) {{\n  pen_list_result = pen_ffi_list_prepend({}, pen_list_result);\n}}\n",
                  element_to_any(result, package));
  std::string text = "  pen_list pen_list_result = NULL;\n";
  if (result.fallible) {
    // A failed call has no list: the error is the result.
    text += "  if (!pen_error_message) {\n";
    for (std::size_t start = 0; start < build.size();) {
      const auto end = build.find('\n', start);
      text += "    " + build.substr(start, end - start + 1);
      start = end + 1;
    }
    text += "  }\n";
  } else {
    for (std::size_t start = 0; start < build.size();) {
      const auto end = build.find('\n', start);
      text += "  " + build.substr(start, end - start + 1);
      start = end + 1;
    }
  }
  if (result.element == ResultConversion::CString) {
    text += "  for (size_t pen_index = 0; pen_result && pen_index < (size_t)pen_array_count; "
            "++pen_index) {\n    free(pen_result[pen_index]);\n  }\n";
  }
  return text + "  free(pen_result);\n";
}

} // namespace pen_bindgen::emit
