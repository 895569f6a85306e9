# xsky_set_warnings(target): the project's warning set; the build stays warning-free.
# (-Wshadow=local is GCC's; clang, used by the fuzz and sanitizer builds, does not know it.)
function(xsky_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic
                         $<$<CXX_COMPILER_ID:GNU>:-Wshadow=local>
                         -Wnon-virtual-dtor -Woverloaded-virtual)
endfunction()
