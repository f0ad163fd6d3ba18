// `reprint index add|query|delete|stats|check --index DIR`: the persistent
// copy index (reprint/copy_index.h) from the command line, the same index
// `reprint serve` answers from (not at the same time: RocksDB locks it).
#pragma once

#include <string>
#include <vector>

#include "commands.h"
#include "reprint/copy_index.h"

namespace reprint::cli {

struct IndexArgs {
  std::string index_dir;
  CommonArgs common;
  CopyIndexOptions options;
  bool no_sync = false;
  std::vector<std::string> ids;  // delete
  int older_than_days = -1;      // delete: retention instead of ids
  size_t batch = 512;            // documents prepared in parallel and committed together
};

int RunIndexAdd(IndexArgs& args);
int RunIndexQuery(IndexArgs& args);
int RunIndexDelete(IndexArgs& args);
int RunIndexStats(IndexArgs& args);
int RunIndexCheck(IndexArgs& args);
int RunIndexCompact(IndexArgs& args);

}  // namespace reprint::cli
