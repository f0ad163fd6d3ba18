// What the copy index's writer and readers share: options, matching rules
// and the database. Internal to src/store.
#pragma once

#include <memory>

#include "reprint/copy_index.h"
#include "reprint/lsh.h"
#include "store/database.h"
#include "store/matcher.h"
#include "store/records.h"

namespace reprint::store {

struct IndexCore {
  CopyIndexOptions options;
  MatchRules rules;
  LshParams lsh;
  std::unique_ptr<Database> database;
};

// The record a prepared document would be stored as (keys derived from its
// fingerprint, as the batch pipeline derives them).
DocRecord RecordFor(const PreparedDocument& prepared, LshParams lsh, int64_t now);

// Fills the cluster part of *answer for a document with these edges that
// is (seq != 0) or would be (seq == 0) stored: copy_of, relation, scores,
// cluster, matches. `replaced`: a stored document a query would replace.
Status DescribeMembership(StoreReader* reader, const DocRecord& doc, uint64_t seq,
                          const std::vector<uint32_t>& shingles, const EdgeList& edges, const MatchRules& rules,
                          DocumentAnswer* answer, uint64_t replaced = 0);

// Checks every cross-reference of the index (CopyIndex::CheckConsistency).
Status CheckIndex(const IndexCore& core);

}  // namespace reprint::store
