# Warnings and sanitizers travel on an interface target, never as global flags.
add_library(reprint_compiler_options INTERFACE)
target_compile_options(reprint_compiler_options INTERFACE -Wall -Wextra -Wpedantic -Wno-missing-field-initializers)
# Position-independent code (for the Python module) would otherwise route
# the library's calls to its own functions through the PLT.
target_compile_options(reprint_compiler_options INTERFACE -fno-semantic-interposition)
if(REPRINT_SANITIZE)
  set(REPRINT_SANITIZER_FLAGS -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_compile_options(${REPRINT_SANITIZER_FLAGS})
  add_link_options(${REPRINT_SANITIZER_FLAGS})
endif()
if(REPRINT_TSAN)
  # The service's threads (HTTP workers, index writer, syncer, background
  # compaction and retention) share the index; ThreadSanitizer checks them.
  add_compile_options(-fsanitize=thread -fno-omit-frame-pointer)
  add_link_options(-fsanitize=thread)
endif()
