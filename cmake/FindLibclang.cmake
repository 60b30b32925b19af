# Finds Debian's libclang (libclang-dev, libclang-14-dev ... libclang-19-dev).
# Set LIBCLANG_ROOT (e.g. /usr/lib/llvm-19) to choose a version; otherwise the newest installed wins.
# Provides Libclang::Libclang.
file(GLOB _pen_llvm_roots /usr/lib/llvm-*)
list(SORT _pen_llvm_roots COMPARE NATURAL ORDER DESCENDING)
if(LIBCLANG_ROOT)
  set(_pen_llvm_roots ${LIBCLANG_ROOT})
endif()
find_path(LIBCLANG_INCLUDE_DIR clang-c/Index.h
  HINTS ${_pen_llvm_roots} PATH_SUFFIXES include NO_DEFAULT_PATH)
find_path(LIBCLANG_INCLUDE_DIR clang-c/Index.h)
get_filename_component(_pen_llvm_root ${LIBCLANG_INCLUDE_DIR} DIRECTORY)
find_library(LIBCLANG_LIBRARY NAMES clang libclang
  HINTS ${_pen_llvm_root}/lib NO_DEFAULT_PATH)
find_library(LIBCLANG_LIBRARY NAMES clang libclang)
include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(Libclang REQUIRED_VARS LIBCLANG_LIBRARY LIBCLANG_INCLUDE_DIR)
if(Libclang_FOUND AND NOT TARGET Libclang::Libclang)
  add_library(Libclang::Libclang UNKNOWN IMPORTED)
  set_target_properties(Libclang::Libclang PROPERTIES
    IMPORTED_LOCATION ${LIBCLANG_LIBRARY}
    INTERFACE_INCLUDE_DIRECTORIES ${LIBCLANG_INCLUDE_DIR})
endif()
