# gesso_library(NAME SOURCES... [DEPS ...])
#
# Each top-level folder is one library. Its headers are reachable only as "NAME/header.hpp" through a
# per-target include directory (a symlink in the build tree), and only by the targets that link it:
# a lower layer cannot include a higher one because the higher layer's directory is not on its path.
function(gesso_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow)
  if(GESSO_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  if(GESSO_SANITIZE)
    target_compile_options(${target} PRIVATE -fsanitize=address,undefined -fno-omit-frame-pointer
                                             -fno-sanitize-recover=undefined)
    target_link_options(${target} PUBLIC -fsanitize=address,undefined)
  endif()
endfunction()

function(gesso_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  set(inc "${CMAKE_BINARY_DIR}/include/${name}")
  file(MAKE_DIRECTORY "${inc}")
  file(CREATE_LINK "${CMAKE_CURRENT_SOURCE_DIR}" "${inc}/${name}" SYMBOLIC)
  add_library(gesso_${name} STATIC ${ARG_SOURCES})
  target_include_directories(gesso_${name} PUBLIC "${inc}")
  target_link_libraries(gesso_${name} PUBLIC ${ARG_DEPS})
  gesso_warnings(gesso_${name})
endfunction()
