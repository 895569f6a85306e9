# xsky_set_warnings(target): the project's warning set; the build stays warning-free.
function(xsky_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow=local
                         -Wnon-virtual-dtor -Woverloaded-virtual)
endfunction()
