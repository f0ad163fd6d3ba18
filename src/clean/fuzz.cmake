# Fuzz target of the clean stage. Include from fuzz/CMakeLists.txt:
#   include(${PROJECT_SOURCE_DIR}/src/clean/fuzz.cmake)
# With clang it is a libFuzzer binary (run: build/fuzz/clean_fuzz corpus/ -max_len=65536);
# with any other compiler it gets a main() that replays the files it is given.
add_executable(clean_fuzz ${CMAKE_CURRENT_LIST_DIR}/../../fuzz/clean_fuzz.cc)
target_link_libraries(clean_fuzz PRIVATE reprint reprint_compiler_options ${MODEST_LIBRARY})
target_include_directories(clean_fuzz PRIVATE ${CMAKE_CURRENT_LIST_DIR}/..)
if(CMAKE_CXX_COMPILER_ID MATCHES "Clang")
  target_compile_options(clean_fuzz PRIVATE -fsanitize=fuzzer)
  target_link_options(clean_fuzz PRIVATE -fsanitize=fuzzer)
else()
  target_compile_definitions(clean_fuzz PRIVATE REPRINT_FUZZ_STANDALONE_MAIN)
endif()
