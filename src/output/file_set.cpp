#include "pen_bindgen/output/file_set.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <fstream>
#include <iterator>
#include <optional>
#include <set>
#include <sys/stat.h>
#include <system_error>
#include <unistd.h>

namespace pen_bindgen::output {

namespace fs = std::filesystem;

namespace {

// Shown to the user: the output directory as given, joined with the file's relative path.
std::string display(const fs::path& path) {
  return path.lexically_normal().string();
}

std::string errno_text(int error) {
  return std::generic_category().message(error);
}

WriteError cannot_write(const fs::path& path, int error) {
  return {fmt::format("cannot write '{}': {}", display(path), errno_text(error))};
}

// Creates `directory` and its parents. An existing non-directory anywhere on the way is an error.
std::optional<WriteError> ensure_directory(const fs::path& directory) {
  std::error_code error;
  const auto status = fs::status(directory, error);
  if (!error && fs::exists(status)) {
    if (fs::is_directory(status)) {
      return std::nullopt;
    }
    return WriteError{
        fmt::format("cannot create directory '{}': {}", display(directory), errno_text(ENOTDIR))};
  }
  fs::create_directories(directory, error);
  if (error) {
    return WriteError{
        fmt::format("cannot create directory '{}': {}", display(directory), error.message())};
  }
  return std::nullopt;
}

mode_t mode_for(const OutputFile& file) {
  return file.executable ? 0755 : 0644;
}

// True when `path` is a regular file with exactly these contents and this mode, so rewriting it
// would change nothing but its timestamps.
bool is_current(const fs::path& path, const OutputFile& file) {
  struct stat info {};
  if (::stat(path.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) {
    return false;
  }
  if ((info.st_mode & 07777) != mode_for(file) ||
      static_cast<std::size_t>(info.st_size) != file.contents.size()) {
    return false;
  }
  std::ifstream stream(path, std::ios::binary);
  if (!stream) {
    return false;
  }
  // One read of the size stat gave (a character iterator cost 15 instructions a byte: 100 M for
  // the 6 MB of openssl's bindings, on every build once the files exist).
  std::string existing(file.contents.size(), '\0');
  stream.read(existing.data(), static_cast<std::streamsize>(existing.size()));
  return stream.gcount() == static_cast<std::streamsize>(existing.size()) &&
         stream.peek() == std::ifstream::traits_type::eof() && existing == file.contents;
}

// Writes the whole buffer, retrying short writes and interrupts. Returns 0 or an errno value.
int write_all(int descriptor, const std::string& contents) {
  std::size_t written = 0;
  while (written < contents.size()) {
    const ssize_t count = ::write(descriptor, contents.data() + written, contents.size() - written);
    if (count < 0) {
      if (errno == EINTR) {
        continue;
      }
      return errno;
    }
    written += static_cast<std::size_t>(count);
  }
  return 0;
}

// Writes `file` into `temporary` (created exclusively) with its final mode and contents. Not
// fsynced: a failed or killed run must not mix old and new files, which the rename after staging
// ensures, but like compilers and build tools pen-bindgen does not make its outputs survive a
// crash of the machine itself, and an fsync per file cost 20 ms for a 165-header tree on an idle
// virtual machine (docs/performance.md). Returns 0 or an errno value.
int write_temporary(const fs::path& temporary, const OutputFile& file) {
  const int descriptor =
      ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode_for(file));
  if (descriptor < 0) {
    return errno;
  }
  int error = write_all(descriptor, file.contents);
  // fchmod, because open's mode is filtered by the umask and the mode must not depend on it.
  if (error == 0 && ::fchmod(descriptor, mode_for(file)) != 0) {
    error = errno;
  }
  if (::close(descriptor) != 0 && error == 0) {
    error = errno;
  }
  return error;
}

} // namespace

std::vector<WriteError> write_file_set(const fs::path& directory, const FileSet& files) {
  // Every directory first, so that a bad output path writes nothing at all.
  std::set<fs::path> directories{directory};
  for (const auto& [relative, file] : files) {
    directories.insert((directory / relative).parent_path());
  }
  for (const auto& each : directories) {
    if (auto error = ensure_directory(each)) {
      return {*error};
    }
  }

  // Two phases, so the package stays one consistent set (docs/hardening.md): every changed file
  // is first staged complete on disk as a temporary beside its target; only when all are staged
  // are they renamed over the targets, back to back. Any error while staging (disk full, no
  // permission) removes the staged files and leaves the old set as it was; only a kill during the
  // final renames, a window of microseconds, can leave old and new files side by side.
  struct Staged {
    fs::path temporary;
    fs::path target;
  };
  std::vector<Staged> staged;
  std::vector<WriteError> errors;
  unsigned counter = 0;
  for (const auto& [relative, file] : files) {
    const fs::path target = directory / relative;
    if (is_current(target, file)) {
      continue;
    }
    const fs::path temporary =
        target.parent_path() /
        fmt::format(".{}.tmp-{}-{}", target.filename().string(), ::getpid(), counter++);
    if (const int error = write_temporary(temporary, file); error != 0) {
      ::unlink(temporary.c_str());
      errors.push_back(cannot_write(target, error));
      break;
    }
    staged.push_back({temporary, target});
  }
  if (!errors.empty()) {
    for (const auto& each : staged) {
      ::unlink(each.temporary.c_str());
    }
    return errors;
  }
  for (const auto& each : staged) {
    if (::rename(each.temporary.c_str(), each.target.c_str()) != 0) {
      errors.push_back(cannot_write(each.target, errno));
      ::unlink(each.temporary.c_str());
    }
  }
  return errors;
}

} // namespace pen_bindgen::output
