// The store tests' fixture: a fresh Database in its own temporary
// directory for each test, removed afterwards.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>

#include "store/database.h"

namespace reprint::store {

class DatabaseTest : public ::testing::Test {
 protected:
  explicit DatabaseTest(const std::string& name, DatabaseOptions options = DatabaseOptions{8 << 20, 8 << 20, true})
      : dir_(std::filesystem::temp_directory_path() / (name + "-" + std::to_string(::getpid()))), options_(options) {}

  void SetUp() override {
    std::filesystem::remove_all(dir_);
    auto opened = Database::Open(dir_.string(), options_);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    db_ = std::move(opened).value();
  }
  void TearDown() override {
    db_.reset();
    std::filesystem::remove_all(dir_);
  }

  std::filesystem::path dir_;
  DatabaseOptions options_;
  std::unique_ptr<Database> db_;
};

}  // namespace reprint::store
