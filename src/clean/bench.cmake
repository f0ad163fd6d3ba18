# Benchmarks of the clean stage. Include from bench/CMakeLists.txt, after
# reprint_add_benchmark() is defined:
#   include(${PROJECT_SOURCE_DIR}/src/clean/bench.cmake)
set(REPRINT_CLEAN_BENCH_DIR ${CMAKE_CURRENT_LIST_DIR}/../../bench)

reprint_add_benchmark(clean_bench ${REPRINT_CLEAN_BENCH_DIR}/clean_bench.cc)

# Parser comparison (myhtml vs gumbo): why the cleaner uses myhtml.
pkg_check_modules(GUMBO IMPORTED_TARGET gumbo)
if(GUMBO_FOUND)
  reprint_add_benchmark(html_parsers_bench ${REPRINT_CLEAN_BENCH_DIR}/html_parsers_bench.cc)
  target_link_libraries(html_parsers_bench PRIVATE PkgConfig::GUMBO ${MODEST_LIBRARY})
  target_include_directories(html_parsers_bench SYSTEM PRIVATE ${MODEST_INCLUDE_DIR})
endif()
