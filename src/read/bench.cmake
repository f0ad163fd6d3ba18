# Benchmark of the read stage. Include from bench/CMakeLists.txt with
#   include(${PROJECT_SOURCE_DIR}/src/read/bench.cmake)
if(NOT TARGET read_bench)
  add_executable(read_bench ${PROJECT_SOURCE_DIR}/bench/read_bench.cc)
  target_link_libraries(read_bench PRIVATE reprint reprint_compiler_options benchmark::benchmark
                        ZLIB::ZLIB PkgConfig::ZSTD)
  target_include_directories(read_bench PRIVATE ${PROJECT_SOURCE_DIR}/src)
endif()
