#include "parallel_parse.hpp"

#include "pen_bindgen/ir/file_identity.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <filesystem>
#include <map>
#include <mutex>
#include <ostream>
#include <set>
#include <thread>
#include <tuple>
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
    if (auto found = rank_.find(identity(location.file)); found != rank_.end()) {
      location.file = headers_[found->second];
    }
  }

  // (rank, file, line, column): other files sort by name after the given headers.
  std::tuple<std::size_t, std::string, unsigned, unsigned> key(const ir::Location& location) const {
    auto found = rank_.find(identity(location.file));
    const std::size_t rank = found == rank_.end() ? headers_.size() : found->second;
    return {rank, found == rank_.end() ? location.file : std::string(), location.line,
            location.column};
  }

private:
  // Sorting asks for the same few files over and over; the file system is asked once each.
  const std::string& identity(const std::string& file) const {
    auto found = identities_.find(file);
    if (found == identities_.end()) {
      found = identities_.emplace(file, file_identity(file)).first;
    }
    return found->second;
  }

  const std::vector<std::string>& headers_;
  std::map<std::string, std::size_t> rank_;
  mutable std::map<std::string, std::string> identities_; // used by the merging thread only
};

ir::Location& location_in(ir::Declaration& declaration) {
  return std::visit([](auto& each) -> ir::Location& { return each.location; }, declaration);
}

// Puts a library into the canonical order described in parallel_parse.hpp.
void canonicalize(ir::Library& library, const FileRanks& ranks) {
  for (auto& declaration : library.declarations) {
    ranks.respell(location_in(declaration));
  }
  for (auto& record : library.records) {
    ranks.respell(record.location);
  }
  std::stable_sort(library.declarations.begin(), library.declarations.end(),
                   [&](const ir::Declaration& a, const ir::Declaration& b) {
                     return ranks.key(ir::location_of(a)) < ranks.key(ir::location_of(b));
                   });
  std::stable_sort(library.records.begin(), library.records.end(),
                   [&](const ir::RecordDefinition& a, const ir::RecordDefinition& b) {
                     return std::make_tuple(ranks.key(a.location), a.id) <
                            std::make_tuple(ranks.key(b.location), b.id);
                   });
  std::sort(library.files_read.begin(), library.files_read.end());
  library.files_read.erase(std::unique(library.files_read.begin(), library.files_read.end()),
                           library.files_read.end());
}

ir::Library merge(std::vector<ir::Library>& parts, const std::vector<std::string>& headers,
                  const FileRanks& ranks) {
  ir::Library library;
  std::set<std::tuple<std::size_t, std::string, std::string, unsigned, unsigned>> seen;
  std::map<std::string, std::size_t> record_index; // id -> index in library.records
  for (auto& part : parts) {
    for (auto& header : part.headers) {
      library.headers.push_back(std::move(header));
    }
    for (auto& declaration : part.declarations) {
      ranks.respell(location_in(declaration));
      const auto& location = ir::location_of(declaration);
      if (seen.emplace(declaration.index(), ir::name_of(declaration), location.file, location.line,
                       location.column)
              .second) {
        library.declarations.push_back(std::move(declaration));
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
    library.files_read.insert(library.files_read.end(), part.files_read.begin(),
                              part.files_read.end());
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

// "[3/12] parsing include/foo.h": the header a thread has just taken, numbered in the order taken.
class Progress {
public:
  Progress(std::ostream* out, std::size_t total) : out_(out), total_(total) {}

  void started(const std::string& header) {
    if (!out_) {
      return;
    }
    std::lock_guard lock(mutex_);
    ++started_;
    *out_ << "\r\x1b[K[" << started_ << '/' << total_ << "] parsing " << header << std::flush;
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

} // namespace

frontend::ParseResult parse_in_parallel(const frontend::ParseOptions& options, unsigned jobs,
                                        std::ostream* progress) {
  const auto& headers = options.headers;
  if (headers.size() <= 1) {
    return frontend::parse_headers(options);
  }
  const FileRanks ranks(headers);
  // Each header is its own translation unit whatever N is, so the merged library cannot depend
  // on how the headers were shared out; threads take the next header in the given order.
  Progress line(progress, headers.size());
  std::vector<frontend::ParseResult> results(headers.size());
  std::atomic<std::size_t> next{0};
  const auto work = [&] {
    for (std::size_t index = next++; index < headers.size(); index = next++) {
      line.started(headers[index]);
      frontend::ParseOptions one = options;
      one.headers = {headers[index]};
      try {
        results[index] = frontend::parse_headers(one);
      } catch (const std::exception& exception) {
        // Nothing may escape a thread (std::terminate): the header fails like a parse error.
        Diagnostic failure;
        failure.severity = Severity::Error;
        failure.message = "cannot parse '" + headers[index] + "': " + exception.what();
        results[index].diagnostics.push_back(std::move(failure));
      }
    }
  };
  const std::size_t count = std::clamp<std::size_t>(jobs, 1, headers.size());
  std::vector<std::thread> threads;
  for (std::size_t index = 1; index < count; ++index) {
    threads.emplace_back(work);
  }
  work();
  for (auto& thread : threads) {
    thread.join();
  }
  line.clear();

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
