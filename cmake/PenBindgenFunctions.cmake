# pen_bindgen_generate() and pen_bindgen_check(); see docs/cmake.md.
#
#   pen_bindgen_generate(TARGET <target> HEADERS <header-or-directory>... OUTPUT_DIR <dir>
#     [NAME <name>] [PREFIX <prefix>] [LINK <lib>...] [CONFIG <file>] [PACKAGE_TYPE library|system]
#     [COMPILE_COMMANDS <file> [COMPILE_COMMANDS_SOURCE <src>]] [JOBS <n>] [CLANG_ARGS <arg>...])
#
# adds a custom command that runs pen-bindgen with a depfile, so the bindings regenerate exactly
# when a header (or anything else it read) changes, and a target <target> (built by `all`) that
# depends on it. The command's output is a stamp file: pen-bindgen does not rewrite generated
# files whose contents are current, so their own timestamps cannot tell the build tool anything.
# Relative HEADERS and CONFIG are taken from CMAKE_CURRENT_SOURCE_DIR, a relative OUTPUT_DIR from
# CMAKE_CURRENT_BINARY_DIR. The target gets the property PEN_BINDGEN_OUTPUT_DIR.
#
#   pen_bindgen_check(NAME <test> HEADERS ... OUTPUT_DIR <dir> [PACKAGE_NAME <name>]
#     [same options as above])
#
# adds a CTest test that runs `pen-bindgen --check`: it fails with a diff when the bindings in
# OUTPUT_DIR (relative: from CMAKE_CURRENT_SOURCE_DIR, where committed bindings live) are not
# what the headers give.

include_guard(GLOBAL)

set(_pen_bindgen_one_value NAME PACKAGE_NAME PREFIX CONFIG PACKAGE_TYPE COMPILE_COMMANDS
  COMPILE_COMMANDS_SOURCE OUTPUT_DIR JOBS)
set(_pen_bindgen_multi_value HEADERS LINK CLANG_ARGS)

# Sets <out> to the pen-bindgen arguments for the parsed options <prefix>_* (without -o).
function(_pen_bindgen_arguments prefix out)
  set(arguments)
  foreach(header IN LISTS ${prefix}_HEADERS)
    get_filename_component(header "${header}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
    list(APPEND arguments "${header}")
  endforeach()
  if(DEFINED ${prefix}_PACKAGE_NAME)
    list(APPEND arguments --name "${${prefix}_PACKAGE_NAME}")
  endif()
  foreach(option IN ITEMS NAME PREFIX PACKAGE_TYPE COMPILE_COMMANDS_SOURCE JOBS)
    if(DEFINED ${prefix}_${option})
      string(TOLOWER "${option}" flag)
      string(REPLACE "_" "-" flag "${flag}")
      list(APPEND arguments "--${flag}" "${${prefix}_${option}}")
    endif()
  endforeach()
  foreach(option IN ITEMS CONFIG COMPILE_COMMANDS)
    if(DEFINED ${prefix}_${option})
      string(TOLOWER "${option}" flag)
      string(REPLACE "_" "-" flag "${flag}")
      get_filename_component(file "${${prefix}_${option}}" ABSOLUTE
        BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
      list(APPEND arguments "--${flag}" "${file}")
    endif()
  endforeach()
  foreach(link IN LISTS ${prefix}_LINK)
    list(APPEND arguments --link "${link}")
  endforeach()
  if(${prefix}_CLANG_ARGS)
    list(APPEND arguments -- ${${prefix}_CLANG_ARGS})
  endif()
  set(${out} "${arguments}" PARENT_SCOPE)
endfunction()

function(_pen_bindgen_require prefix function)
  foreach(required IN LISTS ARGN)
    if(NOT ${prefix}_${required})
      message(FATAL_ERROR "${function}: ${required} is required")
    endif()
  endforeach()
  if(${prefix}_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "${function}: unknown arguments: ${${prefix}_UNPARSED_ARGUMENTS}")
  endif()
endfunction()

function(pen_bindgen_generate)
  cmake_parse_arguments(PARSE_ARGV 0 arg "" "TARGET;${_pen_bindgen_one_value}"
    "${_pen_bindgen_multi_value}")
  _pen_bindgen_require(arg pen_bindgen_generate TARGET HEADERS OUTPUT_DIR)
  get_filename_component(output_dir "${arg_OUTPUT_DIR}" ABSOLUTE
    BASE_DIR "${CMAKE_CURRENT_BINARY_DIR}")
  _pen_bindgen_arguments(arg arguments)

  set(work_dir "${CMAKE_CURRENT_BINARY_DIR}/pen_bindgen")
  set(stamp "${work_dir}/${arg_TARGET}.stamp")
  set(depfile "${work_dir}/${arg_TARGET}.d")
  # The depfile's rule names the stamp (--depfile-target), the command's only OUTPUT; Ninja
  # requires that match, and CMake reads the same file for Makefile generators.
  set(dependencies "$<TARGET_FILE:PenBindgen::pen-bindgen>")
  if(DEFINED arg_CONFIG)
    get_filename_component(config "${arg_CONFIG}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
    list(APPEND dependencies "${config}")
  endif()
  cmake_policy(PUSH)
  cmake_policy(SET CMP0116 NEW) # depfile paths are transformed for Ninja, as for Makefiles
  add_custom_command(
    OUTPUT "${stamp}"
    COMMAND "${CMAKE_COMMAND}" -E make_directory "${work_dir}"
    COMMAND PenBindgen::pen-bindgen -q -o "${output_dir}" --depfile "${depfile}"
      --depfile-target "${stamp}" ${arguments}
    COMMAND "${CMAKE_COMMAND}" -E touch "${stamp}"
    DEPFILE "${depfile}"
    DEPENDS ${dependencies}
    COMMENT "Generating Pen bindings ${arg_TARGET} in ${output_dir}"
    VERBATIM COMMAND_EXPAND_LISTS)
  cmake_policy(POP)
  add_custom_target(${arg_TARGET} ALL DEPENDS "${stamp}")
  set_target_properties(${arg_TARGET} PROPERTIES PEN_BINDGEN_OUTPUT_DIR "${output_dir}")
endfunction()

function(pen_bindgen_check)
  cmake_parse_arguments(PARSE_ARGV 0 arg "" "${_pen_bindgen_one_value}"
    "${_pen_bindgen_multi_value}")
  # NAME is the test's name here; the package name is given with PACKAGE_NAME (which
  # pen_bindgen_generate accepts too).
  _pen_bindgen_require(arg pen_bindgen_check NAME HEADERS OUTPUT_DIR)
  set(test_name "${arg_NAME}")
  unset(arg_NAME)
  get_filename_component(output_dir "${arg_OUTPUT_DIR}" ABSOLUTE
    BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
  _pen_bindgen_arguments(arg arguments)
  add_test(NAME "${test_name}"
    COMMAND PenBindgen::pen-bindgen --check -q -o "${output_dir}" ${arguments}
    COMMAND_EXPAND_LISTS)
endfunction()
