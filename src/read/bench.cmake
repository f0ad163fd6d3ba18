# Benchmark of the read stage. Include from bench/CMakeLists.txt (after the
# reprint_add_benchmark() helper is defined) with
#   include(${PROJECT_SOURCE_DIR}/src/read/bench.cmake)
# Run: build/<dir>/bench/read_bench --benchmark_filter=ReadJsonl
if(NOT TARGET read_bench)
  if(COMMAND reprint_add_benchmark)
    reprint_add_benchmark(read_bench ${PROJECT_SOURCE_DIR}/bench/read_bench.cc)
  else()
    add_executable(read_bench ${PROJECT_SOURCE_DIR}/bench/read_bench.cc)
    target_link_libraries(read_bench PRIVATE reprint reprint_compiler_options benchmark::benchmark)
    target_include_directories(read_bench PRIVATE ${PROJECT_SOURCE_DIR}/src)
  endif()
  # The benchmark writes its own .gz/.zst inputs.
  target_link_libraries(read_bench PRIVATE ZLIB::ZLIB PkgConfig::ZSTD)
endif()
