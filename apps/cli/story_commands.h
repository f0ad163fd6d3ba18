// The story subcommands of the `reprint` CLI: `reprint stories` (story
// clusters of independently written articles) and `reprint eval clusters`
// (agreement of a predicted clustering with a gold one).
#pragma once

#include <string>

#include "commands.h"
#include "reprint/story.h"

namespace reprint::cli {

struct StoriesArgs {
  CommonArgs common;
  StoryOptions options;
};

struct EvalClustersArgs {
  std::string gold;
  std::string predicted;
  bool json = false;
};

int RunStories(StoriesArgs& args);
int RunEvalClusters(const EvalClustersArgs& args);

}  // namespace reprint::cli
