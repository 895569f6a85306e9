# Sanitizer and fuzz builds (see README "Hardening: fuzzing and sanitizers").
#   XSKY_SANITIZE=address,undefined | thread   instruments every target (CMakePresets.json: asan, tsan)
#   XSKY_FUZZ=ON                               clang only: builds xsky_core and the libFuzzer targets
#                                              of tests/fuzz with ASan+UBSan (tests/fuzz/run.sh)
option(XSKY_FUZZ "Build only xsky_core and the libFuzzer targets (clang, ASan+UBSan)" OFF)
set(XSKY_SANITIZE "" CACHE STRING "Sanitizers for every target: address,undefined or thread")

if(XSKY_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "XSKY_FUZZ needs clang (libFuzzer): -DCMAKE_CXX_COMPILER=clang++")
  endif()
  if(NOT XSKY_SANITIZE)
    set(XSKY_SANITIZE address,undefined)
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()

if(XSKY_SANITIZE)
  # Reports abort (UBSan included) so that a test or a fuzz run fails on the first one.
  add_compile_options(-fsanitize=${XSKY_SANITIZE} -fno-omit-frame-pointer)
  if(NOT XSKY_SANITIZE STREQUAL "thread")
    add_compile_options(-fno-sanitize-recover=all)
  endif()
  add_link_options(-fsanitize=${XSKY_SANITIZE})
endif()
