# Instrumentation of the fuzz tree (SAMENLEVEN_FUZZ, preset `fuzz`), included by the top-level
# CMakeLists.txt before any library: everything is compiled with AddressSanitizer and
# UndefinedBehaviorSanitizer (undefined behaviour aborts, so libFuzzer reports it as a crash)
# and with libFuzzer's coverage instrumentation (-fsanitize=fuzzer-no-link). The fuzz targets
# themselves add libFuzzer's main (samenleven_fuzzer() in fuzz/CMakeLists.txt).
if(EMSCRIPTEN OR NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  message(FATAL_ERROR "SAMENLEVEN_FUZZ needs clang with libFuzzer: configure with `cmake --preset fuzz` "
                      "(scripts/setup.sh installs clang, libclang-rt-14-dev and llvm)")
endif()

include(CheckCXXSourceCompiles)
set(CMAKE_REQUIRED_FLAGS -fsanitize=fuzzer,address,undefined)
check_cxx_source_compiles([[
#include <cstddef>
#include <cstdint>
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t*, std::size_t) { return 0; }
]] SAMENLEVEN_HAVE_LIBFUZZER)
unset(CMAKE_REQUIRED_FLAGS)
if(NOT SAMENLEVEN_HAVE_LIBFUZZER)
  message(FATAL_ERROR "clang cannot link a libFuzzer target with ASan/UBSan: the runtimes are missing "
                      "(Debian package libclang-rt-14-dev; scripts/setup.sh installs it)")
endif()

set(SAMENLEVEN_SANITIZERS -fsanitize=address,undefined -fno-sanitize-recover=undefined)
add_compile_options(${SAMENLEVEN_SANITIZERS} -fsanitize=fuzzer-no-link -fno-omit-frame-pointer)
add_link_options(${SAMENLEVEN_SANITIZERS})
