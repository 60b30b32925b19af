#include "parallel_parse.hpp"

#include "pen_bindgen/ir/file_identity.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <ostream>
#include <string_view>
#include <thread>
#include <tuple>
#include <unordered_map>
#include <unordered_set>
#include <variant>

namespace pen_bindgen::cli {

namespace fs = std::filesystem;

namespace {

using ir::file_identity;

// Spells files of the given headers as given ("mylib/net/../types.h" -> "mylib/types.h") and
// ranks them: the given order first, every other file after them by name.
class FileRanks {
public:
  explicit FileRanks(const std::vector<std::string>& headers) : headers_(headers) {
    for (std::size_t index = 0; index < headers.size(); ++index) {
      rank_.emplace(file_identity(headers[index]), index);
    }
  }

  void respell(ir::Location& location) const {
    if (auto rank = given_rank(location.file)) {
      location.file = headers_[*rank];
    }
  }

  // (rank, file, line, column): other files sort by name after the given headers. The file is a
  // view of the location's: a key lives while its library's elements are sorted, not moved.
  std::tuple<std::size_t, std::string_view, unsigned, unsigned>
  key(const ir::Location& location) const {
    auto rank = given_rank(location.file);
    return {rank.value_or(headers_.size()), rank ? std::string_view() : location.file,
            location.line, location.column};
  }

private:
  // The rank of a file among the given headers, if it is one. Sorting and merging ask for the
  // same few files over and over: the file system is asked once each, and the answer is hashed.
  std::optional<std::size_t> given_rank(const std::string& file) const {
    auto found = rank_by_file_.find(file);
    if (found == rank_by_file_.end()) {
      auto ranked = rank_.find(file_identity(file));
      found = rank_by_file_
                  .emplace(file, ranked == rank_.end() ? std::nullopt
                                                       : std::optional<std::size_t>(ranked->second))
                  .first;
    }
    return found->second;
  }

  const std::vector<std::string>& headers_;
  std::map<std::string, std::size_t> rank_; // identity -> rank
  // Used by the merging thread only; lookups only, never iterated.
  mutable std::unordered_map<std::string, std::optional<std::size_t>> rank_by_file_;
};

ir::Location& location_in(ir::Declaration& declaration) {
  return std::visit([](auto& each) -> ir::Location& { return each.location; }, declaration);
}

// `elements` stably sorted by `keys` (one key per element).
template <typename Element, typename Key>
std::vector<Element> in_order(std::vector<Element> elements, const std::vector<Key>& keys) {
  // Parts of headers given in order mostly come in order: nothing to sort, nothing to move.
  if (std::is_sorted(keys.begin(), keys.end())) {
    return elements;
  }
  std::vector<std::size_t> order(elements.size());
  for (std::size_t index = 0; index < order.size(); ++index) {
    order[index] = index;
  }
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return keys[a] < keys[b]; });
  std::vector<Element> sorted;
  sorted.reserve(elements.size());
  for (auto index : order) {
    sorted.push_back(std::move(elements[index]));
  }
  return sorted;
}

// Puts a library into the canonical order described in parallel_parse.hpp. Its declarations
// are respelled already (merge compares their locations).
void canonicalize(ir::Library& library, const FileRanks& ranks) {
  for (auto& record : library.records) {
    ranks.respell(record.location);
  }
  // Each key once (not twice per comparison), then the elements moved once into their places.
  using Key = decltype(ranks.key(ir::Location{}));
  std::vector<Key> keys;
  keys.reserve(library.declarations.size());
  for (const auto& declaration : library.declarations) {
    keys.push_back(ranks.key(ir::location_of(declaration)));
  }
  library.declarations = in_order(std::move(library.declarations), keys);
  std::vector<std::pair<Key, std::string_view>> record_keys;
  record_keys.reserve(library.records.size());
  for (const auto& record : library.records) {
    record_keys.emplace_back(ranks.key(record.location), record.id);
  }
  library.records = in_order(std::move(library.records), record_keys);
  std::vector<Key> typedef_keys;
  typedef_keys.reserve(library.function_typedefs.size());
  for (const auto& typedef_function : library.function_typedefs) {
    typedef_keys.push_back(ranks.key(typedef_function.location));
  }
  library.function_typedefs = in_order(std::move(library.function_typedefs), typedef_keys);
  std::sort(library.files_read.begin(), library.files_read.end());
  library.files_read.erase(std::unique(library.files_read.begin(), library.files_read.end()),
                           library.files_read.end());
}

// What makes two declarations (or function-pointer typedefs) of the parts the same one: kind,
// name and location. Views into the merged library's vectors, which are reserved up front and so
// never move.
struct DeclarationIdentity {
  std::size_t kind;
  std::string_view name;
  std::string_view file;
  unsigned line;
  unsigned column;

  bool operator==(const DeclarationIdentity&) const = default;
};

struct DeclarationIdentityHash {
  std::size_t operator()(const DeclarationIdentity& identity) const {
    std::size_t hash = std::hash<std::string_view>()(identity.name);
    for (std::size_t part : {std::hash<std::string_view>()(identity.file), identity.kind,
                             std::size_t{identity.line}, std::size_t{identity.column}}) {
      hash = hash * 31 + part;
    }
    return hash;
  }
};

ir::Library merge(std::vector<ir::Library>& parts, const std::vector<std::string>& headers,
                  const FileRanks& ranks) {
  ir::Library library;
  std::size_t declaration_count = 0;
  std::size_t typedef_count = 0;
  for (const auto& part : parts) {
    declaration_count += part.declarations.size();
    typedef_count += part.function_typedefs.size();
  }
  library.declarations.reserve(declaration_count);
  library.function_typedefs.reserve(typedef_count);
  // Hashed: only looked up, never iterated.
  std::unordered_set<DeclarationIdentity, DeclarationIdentityHash> seen;
  std::unordered_set<DeclarationIdentity, DeclarationIdentityHash> seen_typedefs;
  std::unordered_map<std::string, std::size_t> record_index; // id -> index in library.records
  for (auto& part : parts) {
    for (auto& header : part.headers) {
      library.headers.push_back(std::move(header));
    }
    for (auto& declaration : part.declarations) {
      ranks.respell(location_in(declaration));
      const auto& kept = library.declarations.emplace_back(std::move(declaration));
      const auto& location = ir::location_of(kept);
      if (!seen.insert(
                   {kept.index(), ir::name_of(kept), location.file, location.line, location.column})
               .second) {
        library.declarations.pop_back();
      }
    }
    for (auto& record : part.records) {
      auto found = record_index.find(record.id);
      if (found == record_index.end()) {
        record_index.emplace(record.id, library.records.size());
        library.records.push_back(std::move(record));
      } else if (record.is_own && !library.records[found->second].is_own) {
        library.records[found->second] = std::move(record);
      }
    }
    // Function-pointer typedefs (docs/exports.md): one per name and place, like declarations.
    for (auto& typedef_function : part.function_typedefs) {
      ranks.respell(typedef_function.location);
      const auto& kept = library.function_typedefs.emplace_back(std::move(typedef_function));
      if (!seen_typedefs
               .insert({0, kept.name, kept.location.file, kept.location.line, kept.location.column})
               .second) {
        library.function_typedefs.pop_back();
      }
    }
    library.files_read.insert(library.files_read.end(), part.files_read.begin(),
                              part.files_read.end());
    // C++ headers (docs/cplusplus.md): a class several headers include is listed once.
    library.is_cxx = library.is_cxx || part.is_cxx;
    for (auto& cls : part.classes) {
      if (std::none_of(library.classes.begin(), library.classes.end(),
                       [&](const ir::CxxClass& each) { return each.id == cls.id; })) {
        ranks.respell(cls.location);
        library.classes.push_back(std::move(cls));
      }
    }
  }
  // Headers in the given order.
  std::map<std::string, std::size_t> header_rank;
  for (std::size_t index = 0; index < headers.size(); ++index) {
    header_rank.emplace(headers[index], index);
  }
  std::stable_sort(library.headers.begin(), library.headers.end(),
                   [&](const ir::Header& a, const ir::Header& b) {
                     return header_rank[a.path] < header_rank[b.path];
                   });
  canonicalize(library, ranks);
  return library;
}

// "[4/12] parsing include/foo.h and 1 more": the headers of the groups taken so far, and the
// first header of the group just taken.
class Progress {
public:
  Progress(std::ostream* out, std::size_t total) : out_(out), total_(total) {}

  void started(const std::vector<std::string>& headers) {
    if (!out_) {
      return;
    }
    std::lock_guard lock(mutex_);
    started_ += headers.size();
    *out_ << "\r\x1b[K[" << started_ << '/' << total_ << "] parsing " << headers.front();
    if (headers.size() > 1) {
      *out_ << " and " << headers.size() - 1 << " more";
    }
    *out_ << std::flush;
  }
  void clear() {
    if (out_) {
      *out_ << "\r\x1b[K" << std::flush;
    }
  }

private:
  std::ostream* out_;
  std::size_t total_;
  std::size_t started_ = 0;
  std::mutex mutex_;
};

// How many translation units a tree is parsed in, whatever -j is: each parses the system headers
// all its headers include once more, so few; two, so that -j 2 halves the parse.
constexpr std::size_t parse_groups = 2;

// The headers split into parse_groups groups of consecutive headers in the order of their real
// paths, so that neither -j nor the order or spelling of the inputs changes what is parsed
// together; headers of one directory mostly share a group.
std::vector<std::vector<std::string>> header_groups(const std::vector<std::string>& headers) {
  std::vector<std::pair<std::string, std::string>> sorted; // (identity, header as given)
  for (const auto& header : headers) {
    sorted.emplace_back(file_identity(header), header);
  }
  std::sort(sorted.begin(), sorted.end());
  const std::size_t count = std::min(parse_groups, sorted.size());
  std::vector<std::vector<std::string>> groups(count);
  for (std::size_t index = 0; index < sorted.size(); ++index) {
    groups[index * count / sorted.size()].push_back(sorted[index].second);
  }
  return groups;
}

frontend::ParseResult parse_one_unit(const frontend::ParseOptions& options,
                                     std::vector<std::string> headers) {
  frontend::ParseOptions part = options;
  part.headers = std::move(headers);
  try {
    return frontend::parse_headers(part);
  } catch (const std::exception& exception) {
    // Nothing may escape a thread (std::terminate): the headers fail like a parse error.
    frontend::ParseResult failed;
    Diagnostic failure;
    failure.severity = Severity::Error;
    failure.message = "cannot parse '" + part.headers.front() + "': " + exception.what();
    failed.diagnostics.push_back(std::move(failure));
    return failed;
  }
}

bool has_error(const frontend::ParseResult& result) {
  return !result.library ||
         std::any_of(result.diagnostics.begin(), result.diagnostics.end(),
                     [](const Diagnostic& each) { return each.severity == Severity::Error; });
}

} // namespace

frontend::ParseResult parse_in_parallel(const frontend::ParseOptions& options, unsigned jobs,
                                        std::ostream* progress) {
  const auto& headers = options.headers;
  // C++ template instantiations ([cxx] instantiate) name templates that only some headers
  // declare: they need every header in one translation unit (docs/cplusplus.md).
  if (headers.size() <= 1 || !options.instantiate.empty()) {
    return frontend::parse_headers(options);
  }
  const FileRanks ranks(headers);
  // A fixed number of groups, each one translation unit, so that the library cannot depend on
  // how many threads shared them out; threads take the next group. A group with an error (two
  // headers that clash, a header that is broken) is parsed again header by header, so that each
  // header's own errors are reported, and headers that only clash with each other still work.
  const auto groups = header_groups(headers);
  Progress line(progress, headers.size());
  std::vector<std::vector<frontend::ParseResult>> group_results(groups.size());
  std::atomic<std::size_t> next{0};
  const auto work = [&] {
    for (std::size_t index = next++; index < groups.size(); index = next++) {
      line.started(groups[index]);
      auto result = parse_one_unit(options, groups[index]);
      if (groups[index].size() > 1 && has_error(result)) {
        for (const auto& header : groups[index]) {
          group_results[index].push_back(parse_one_unit(options, {header}));
        }
      } else {
        group_results[index].push_back(std::move(result));
      }
    }
  };
  const std::size_t count = std::clamp<std::size_t>(jobs, 1, groups.size());
  std::vector<std::thread> threads;
  for (std::size_t index = 1; index < count; ++index) {
    threads.emplace_back(work);
  }
  work();
  for (auto& thread : threads) {
    thread.join();
  }
  line.clear();
  std::vector<frontend::ParseResult> results;
  for (auto& group : group_results) {
    for (auto& result : group) {
      results.push_back(std::move(result));
    }
  }

  frontend::ParseResult merged;
  std::vector<ir::Library> parts;
  bool complete = true;
  for (auto& result : results) {
    for (auto& diagnostic : result.diagnostics) {
      // A file several headers include reports its problems in each translation unit.
      if (std::find(merged.diagnostics.begin(), merged.diagnostics.end(), diagnostic) ==
          merged.diagnostics.end()) {
        merged.diagnostics.push_back(std::move(diagnostic));
      }
    }
    if (result.library) {
      parts.push_back(std::move(*result.library));
    } else {
      complete = false;
    }
  }
  if (complete) {
    merged.library = merge(parts, headers, ranks);
  }
  return merged;
}

} // namespace pen_bindgen::cli
