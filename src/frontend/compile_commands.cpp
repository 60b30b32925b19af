#include "pen_bindgen/frontend/compile_commands.hpp"

#include "pen_bindgen/frontend/translation_unit.hpp"

#include <algorithm>
#include <array>
#include <clang-c/CXCompilationDatabase.h>
#include <filesystem>
#include <string_view>

namespace pen_bindgen::frontend {

namespace fs = std::filesystem;

namespace {

struct Entry {
  std::string directory;
  std::string file;
  std::vector<std::string> command;
};

std::vector<Entry> entries_of(CXCompileCommands commands) {
  std::vector<Entry> entries;
  const unsigned count = commands ? clang_CompileCommands_getSize(commands) : 0;
  for (unsigned index = 0; index < count; ++index) {
    CXCompileCommand command = clang_CompileCommands_getCommand(commands, index);
    Entry entry;
    entry.directory = take_string(clang_CompileCommand_getDirectory(command));
    entry.file = take_string(clang_CompileCommand_getFilename(command));
    const unsigned arguments = clang_CompileCommand_getNumArgs(command);
    for (unsigned argument = 0; argument < arguments; ++argument) {
      entry.command.push_back(take_string(clang_CompileCommand_getArg(command, argument)));
    }
    entries.push_back(std::move(entry));
  }
  if (commands) {
    clang_CompileCommands_dispose(commands);
  }
  return entries;
}

std::string absolute_in(const std::string& path, const std::string& directory) {
  const fs::path given(path);
  return (given.is_absolute() ? given : fs::path(directory) / given).lexically_normal().string();
}

// Flags followed by a value, joined (`-Idir`) or separate (`-I dir`); true when it is a path.
struct ValueFlag {
  std::string_view name;
  bool is_path;
};
constexpr std::array<ValueFlag, 9> value_flags{{{"-I", true},
                                                {"-isystem", true},
                                                {"-iquote", true},
                                                {"-idirafter", true},
                                                {"-include", true},
                                                {"-D", false},
                                                {"-U", false},
                                                {"-target", false},
                                                {"-x", false}}};

bool is_include_directory_flag(std::string_view flag) {
  return flag == "-I" || flag == "-isystem" || flag == "-iquote" || flag == "-idirafter";
}

// The include directories of a kept flag list (always in separate form, see parsing_flags).
std::vector<std::string> include_directories(const std::vector<std::string>& flags) {
  std::vector<std::string> directories;
  for (std::size_t index = 0; index + 1 < flags.size(); ++index) {
    if (is_include_directory_flag(flags[index])) {
      directories.push_back(flags[index + 1]);
    }
  }
  return directories;
}

bool contains(const std::string& directory, const std::string& file) {
  const auto relative = fs::path(file).lexically_relative(directory);
  return !relative.empty() && *relative.begin() != "..";
}

} // namespace

std::vector<std::string> parsing_flags(const std::vector<std::string>& command,
                                       const std::string& directory) {
  std::vector<std::string> kept;
  for (std::size_t index = 1; index < command.size(); ++index) {
    const std::string& argument = command[index];
    if (argument.starts_with("-std=") || argument.starts_with("--target=")) {
      kept.push_back(argument);
      continue;
    }
    for (const auto& flag : value_flags) {
      if (!argument.starts_with(flag.name)) {
        continue;
      }
      std::string value;
      if (argument.size() == flag.name.size()) {
        if (index + 1 >= command.size()) {
          break;
        }
        value = command[++index];
      } else if (flag.name.size() == 2) { // only the one-letter flags take a joined value
        value = argument.substr(2);
      } else {
        continue; // e.g. -isysroot is not -isystem
      }
      kept.push_back(std::string(flag.name));
      kept.push_back(flag.is_path ? absolute_in(value, directory) : value);
      break;
    }
  }
  return kept;
}

CompileCommandsResult read_compile_commands(const CompileCommandsRequest& request) {
  CompileCommandsResult result;
  std::error_code error;
  fs::path directory(request.database);
  if (!fs::is_directory(directory, error)) {
    if (directory.filename() != "compile_commands.json") {
      result.error = "'" + request.database +
                     "' is neither compile_commands.json nor a directory that contains it";
      return result;
    }
    directory = directory.parent_path();
    if (directory.empty()) {
      directory = ".";
    }
  }
  CXCompilationDatabase_Error load_error = CXCompilationDatabase_NoError;
  CXCompilationDatabase database =
      clang_CompilationDatabase_fromDirectory(directory.c_str(), &load_error);
  if (load_error != CXCompilationDatabase_NoError || !database) {
    result.error = "cannot load a compilation database from '" + directory.string() + "'";
    if (database) {
      clang_CompilationDatabase_dispose(database);
    }
    return result;
  }

  std::vector<Entry> entries;
  if (!request.source.empty()) {
    const auto source = fs::absolute(request.source, error).lexically_normal().string();
    entries = entries_of(clang_CompilationDatabase_getCompileCommands(database, source.c_str()));
    if (entries.empty()) {
      result.error = "the compilation database has no entry for '" + request.source + "'";
    }
  } else {
    entries = entries_of(clang_CompilationDatabase_getAllCompileCommands(database));
    if (entries.empty()) {
      result.error = "the compilation database is empty";
    }
  }
  clang_CompilationDatabase_dispose(database);
  if (result.error) {
    return result;
  }

  const Entry* chosen = &entries.front();
  if (request.source.empty() && !request.headers.empty()) {
    const auto header = fs::absolute(request.headers.front(), error).lexically_normal().string();
    for (const auto& entry : entries) {
      const auto flags = parsing_flags(entry.command, entry.directory);
      const auto directories = include_directories(flags);
      if (std::any_of(directories.begin(), directories.end(),
                      [&](const std::string& each) { return contains(each, header); })) {
        chosen = &entry;
        break;
      }
    }
  }
  result.clang_args = parsing_flags(chosen->command, chosen->directory);
  result.entry_file = absolute_in(chosen->file, chosen->directory);
  return result;
}

} // namespace pen_bindgen::frontend
