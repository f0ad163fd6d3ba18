# Fuzz target for JSON Lines / the read stage. Include from fuzz/CMakeLists.txt with
#   include(${PROJECT_SOURCE_DIR}/src/read/fuzz.cmake)
# With clang it is a libFuzzer binary (run: jsonl_fuzz -max_total_time=60 CORPUS_DIR);
# with any other compiler it links its own main() replaying a built-in corpus.
if(NOT TARGET jsonl_fuzz)
  add_executable(jsonl_fuzz ${PROJECT_SOURCE_DIR}/fuzz/jsonl_fuzz.cc)
  target_link_libraries(jsonl_fuzz PRIVATE reprint reprint_compiler_options)
  target_include_directories(jsonl_fuzz PRIVATE ${PROJECT_SOURCE_DIR}/src)
  if(CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    target_compile_definitions(jsonl_fuzz PRIVATE REPRINT_LIBFUZZER)
    target_compile_options(jsonl_fuzz PRIVATE -fsanitize=fuzzer)
    target_link_options(jsonl_fuzz PRIVATE -fsanitize=fuzzer)
    # Coverage feedback from the library code under test. Add
    # -DREPRINT_SANITIZE=ON for AddressSanitizer/UBSan everywhere.
    target_compile_options(reprint PRIVATE -fsanitize=fuzzer-no-link)
  endif()
  if(REPRINT_BUILD_TESTS)
    # Smoke run: 2000 libFuzzer runs, or the built-in corpus without libFuzzer.
    add_test(NAME jsonl_fuzz_smoke COMMAND jsonl_fuzz -runs=2000)
  endif()
endif()
