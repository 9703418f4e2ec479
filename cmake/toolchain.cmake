# Project-wide compiler settings and the header-only dependencies (nlohmann/json, doctest),
# the same for the native and the WebAssembly build.

if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
  set(SAMENLEVEN_WARNINGS -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion)
endif()
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  # GCC 12 reports false -Wrestrict positives inside libstdc++'s string concatenation
  # at -O2 (GCC bug 105329).
  list(APPEND SAMENLEVEN_WARNINGS -Wno-restrict)
endif()

if(EMSCRIPTEN)
  # Native WebAssembly exception handling: the core reports bad input by exception and
  # Emscripten's default (catching disabled) would abort instead (TOOLCHAIN.md, pitfall 7).
  add_compile_options(-fwasm-exceptions)
  add_link_options(-fwasm-exceptions)
  # Link-time optimisation for the download's size (about 5 KB of gzip less, BENCHMARKS.md):
  # our objects are compiled to bitcode and wasm-ld optimises them together. -flto only at
  # compile time: with -flto at link em++ asks for LTO builds of its system libraries, which
  # Debian's frozen cache does not have.
  add_compile_options(-flto)
  # em++ -O1 and above need Debian's acorn module from node (TOOLCHAIN.md, pitfall 1).
  set(CMAKE_CXX_COMPILER_LAUNCHER ${CMAKE_COMMAND} -E env NODE_PATH=/usr/share/nodejs)
  set(CMAKE_CXX_LINKER_LAUNCHER ${CMAKE_COMMAND} -E env NODE_PATH=/usr/share/nodejs)
endif()

# Header-only libraries from Debian. em++ must not see /usr/include (its glibc headers
# break the wasm sysroot, TOOLCHAIN.md pitfall 5), so both builds include them through a
# folder of symlinks in the build tree.
set(SAMENLEVEN_SYSTEM_HEADERS ${CMAKE_BINARY_DIR}/system-headers)
foreach(lib nlohmann doctest)
  if(NOT EXISTS /usr/include/${lib})
    message(FATAL_ERROR "/usr/include/${lib} is missing: run scripts/setup.sh first")
  endif()
  if(NOT EXISTS ${SAMENLEVEN_SYSTEM_HEADERS}/${lib})
    file(MAKE_DIRECTORY ${SAMENLEVEN_SYSTEM_HEADERS})
    file(CREATE_LINK /usr/include/${lib} ${SAMENLEVEN_SYSTEM_HEADERS}/${lib} SYMBOLIC)
  endif()
endforeach()

add_library(samenleven_json INTERFACE)
target_include_directories(samenleven_json SYSTEM INTERFACE ${SAMENLEVEN_SYSTEM_HEADERS})
add_library(samenleven_doctest INTERFACE)
target_include_directories(samenleven_doctest SYSTEM INTERFACE ${SAMENLEVEN_SYSTEM_HEADERS})

# Dear ImGui 1.90.1 sources, fetched by scripts/setup.sh from Debian's source package.
set(SAMENLEVEN_IMGUI_DIR ${CMAKE_SOURCE_DIR}/.deps/imgui CACHE PATH "Dear ImGui sources")
