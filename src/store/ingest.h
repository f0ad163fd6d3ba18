// The writer's two operations on a write group: adding a prepared document
// (replacing a stored one with the same id) and removing one. Each keeps
// postings, exact-hash lists, edges, clusters, stories and counters
// consistent, so a group can be committed after any document.
#pragma once

#include <cstdint>
#include <string_view>

#include "store/index_core.h"
#include "story/streaming_stories.h"

namespace reprint::store {

class Ingestor {
 public:
  Ingestor(const IndexCore& core, IndexState* state, story::StreamingStories* stories)
      : core_(core), state_(*state), stories_(*stories) {}

  Status Add(WriteGroup* group, const PreparedDocument& prepared, int64_t now, DocumentAnswer* answer);
  Status Remove(WriteGroup* group, uint64_t seq);
  // Looks an external id up; *seq = 0 when absent.
  static Status FindSeq(StoreReader* reader, std::string_view id, uint64_t* seq);

 private:
  Status Index(WriteGroup* group, uint64_t seq, const DocRecord& doc, const MatchOutcome& match);
  Status Unindex(WriteGroup* group, uint64_t seq, const DocRecord& doc);
  // `heir`: the earliest remaining document with the same text.
  Status PromoteExactCopy(WriteGroup* group, uint64_t removed, uint64_t heir);
  Status AssignStory(WriteGroup* group, uint64_t seq, const PreparedDocument& prepared, const EdgeList& edges,
                     DocRecord* doc);
  Status LeaveStory(WriteGroup* group, uint64_t seq, const DocRecord& doc);

  const IndexCore& core_;
  IndexState& state_;
  story::StreamingStories& stories_;
};

std::string DayKey(int32_t day, uint64_t seq);
std::string StoryMemberKey(uint64_t story, uint64_t seq);
// Blob 'f': story id, day and the encoded story features, for replay on open.
std::string EncodeFeaturesBlob(uint64_t story, int32_t day, std::string_view features);
bool DecodeFeaturesBlob(std::string_view blob, uint64_t* story, int32_t* day, std::string_view* features);

}  // namespace reprint::store
