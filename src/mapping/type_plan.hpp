#pragma once

#include "handle_upcasts.hpp"
#include "pen_bindgen/diagnostic.hpp"
#include "pen_bindgen/ir/library.hpp"
#include "pen_bindgen/mapping/package.hpp"
#include "type_mapping.hpp"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <variant>
#include <vector>

namespace pen_bindgen::mapping {

// Decides how structs and pointers cross the boundary (docs/type-mapping.md): by-value records,
// handle types, `const T *` inputs, `T **` out-parameters, Buffers and struct accessors. Types
// are created on first use, named once, and emitted in name order.
class TypePlan {
public:
  // `renames`: Pen names the config gives C types (`[types.sqlite3] name = "Database"`), keyed
  // by the C name without its struct/union tag.
  TypePlan(const ir::Library& library, std::string prefix,
           std::map<std::string, std::string> renames = {});

  // A parameter type the scalar mapping rejected; with `allow_out`, `T **` (T a struct or void)
  // becomes an out-parameter.
  std::variant<ParameterBinding, Unsupported> parameter(const ir::Type& type, bool allow_out);
  // The same, planned once per type object: the frontend translates each clang type once, so
  // one `SSL *` is shared by thousands of parameters. Planning is idempotent after the first
  // call (the types it creates are found again), so the first answer is the answer. The
  // reference is valid while the plan lives.
  const std::variant<ParameterBinding, Unsupported>& parameter(const ir::TypePtr& type,
                                                               bool allow_out);
  // A result type the scalar mapping rejected.
  std::variant<ResultBinding, Unsupported> result(const ir::Type& type);
  // The same, planned once per type object (as parameter).
  const std::variant<ResultBinding, Unsupported>& result(const ir::TypePtr& type);

  // The library's own complete records: a by-value record type or a handle with accessors.
  void add_own_records();
  // Handle types for both sides of each upcast, the derived types each handle type accepts
  // (HandleType::derived, transitively), and the `<Derived>As<Base>` helpers helper_items adds.
  void plan_upcasts(const std::vector<UpcastEdge>& upcasts);
  // Appends to `items` the helper functions for every handle type (Null, IsNull, Same),
  // constructors and accessors of allocatable structs, and the Buffer functions; in type name
  // order. Fields that cannot be accessed become skipped items.
  void helper_items(std::vector<Item>& items);
  // The `<Function>Result` record of a function with out-parameters (after names are final).
  void add_out_record(FunctionBinding& function);

  std::vector<RecordType> take_records();
  std::vector<HandleType> take_handles();

private:
  struct HandleInfo {
    HandleType type;
    std::string record_id; // pointee struct, if any
  };

  const ir::RecordDefinition* definition_of(const ir::Type& type) const;
  bool is_by_value(const ir::RecordDefinition& record);
  std::optional<FieldBinding> value_field(const ir::Type& type);
  std::string record_type(const ir::RecordDefinition& record);
  // The handle type of pointers to `pointee`; nullopt when such pointers cannot be handles.
  std::optional<std::string> handle_type(const ir::Type& pointee);
  // The handle type of the function-pointer type `pointer` (named after its typedef).
  std::string function_pointer_type(const ir::Type& pointer);
  std::string buffer_type();
  std::string unique_type_name(const std::string& preferred);
  // The configured name of C type `c_name` if there is one (exact, unless taken), else
  // unique_type_name(preferred).
  std::string type_name_for(const std::string& c_name, const std::string& preferred);
  // Where flatten_fields puts a struct's accessors: nowhere while planning (it counts them and
  // creates the types they need), else into consecutive slots of the package's items.
  struct AccessorSlots {
    Item* next = nullptr;
    std::size_t count = 0;
    bool planning() const { return next == nullptr; }
    template <typename Make> void add(Make&& make) {
      if (next) {
        *next++ = make();
      }
      ++count;
    }
  };
  void flatten_fields(const ir::RecordDefinition& record, const std::string& path,
                      const std::string& pen_prefix, HandleInfo& handle, AccessorSlots& slots);

  const ir::Library& library_;
  std::map<std::string, std::string> renames_;
  std::string prefix_;
  // Views of the library's strings (it outlives the plan); hashed: only looked up.
  std::unordered_map<std::string_view, const ir::RecordDefinition*> records_by_id_;
  std::map<std::string, bool> by_value_; // memo by record id
  std::set<std::string> by_value_in_progress_;
  std::map<std::string, RecordType> records_; // by record id
  std::map<std::string, HandleInfo> handles_; // by pointee key
  std::set<std::string> type_names_;
  // Macros of the headers: a member of that name cannot be spelled in C (`s->name` expands).
  std::unordered_set<std::string_view> macro_names_;
  std::vector<RecordType> result_records_;
  struct Upcast {
    std::string derived; // handle keys
    std::string base;
    std::string function;
  };
  std::vector<Upcast> upcasts_;
  // Memos of parameter() and result() by type object; each holds its TypePtr, so the address
  // cannot be reused by another type while the memo lives. Only looked up, never iterated.
  struct PlannedParameter {
    ir::TypePtr type;
    std::variant<ParameterBinding, Unsupported> plan;
  };
  struct PlannedResult {
    ir::TypePtr type;
    std::variant<ResultBinding, Unsupported> plan;
  };
  std::map<std::pair<const ir::Type*, bool>, PlannedParameter> planned_parameters_;
  std::map<const ir::Type*, PlannedResult> planned_results_;
};

// The C spelling of a type, built from the IR (never from the header's text, which may name
// things the shim cannot): "struct timeval", "sqlite3 *", "char const *". Empty if C cannot
// name it (anonymous records, functions, arrays).
std::string c_type_text(const ir::Type& type, const ir::Library* library = nullptr);

} // namespace pen_bindgen::mapping
