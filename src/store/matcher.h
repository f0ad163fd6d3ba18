// Finds the stored documents a new one is a copy of: candidates from the
// exact hash and the posting lists, by the batch pipeline's rules
// (pipeline/candidates.cc), each verified on the compact shingle sets.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "reprint/similarity.h"
#include "reprint/status.h"
#include "store/database.h"
#include "store/records.h"

namespace reprint::store {

struct MatchRules {
  RelationThresholds thresholds;
  int min_shared_anchors = 2;
  double min_anchor_fraction = 0.4;
  size_t max_bucket = 2000;
};

struct MatchOutcome {
  uint64_t exact_representative = 0;  // the stored document with the same text; 0: none
  EdgeList edges;                     // verified matches, sorted by seq
  std::vector<std::string> full_keys;         // postings at max_bucket: not extended
  std::vector<std::string> almost_full_keys;  // one entry short of max_bucket
};

// The 16 bits a posting entry carries about its document (postings.h).
uint16_t AnchorAux(const DocRecord& doc);
uint16_t LeadAux(const DocRecord& doc);

// Key (in the meta column) of the documents with this exact hash: a
// chunked list (chunked_list.h), in order of seq.
std::string ExactKey(uint64_t exact_hash);
// The first of them other than `exclude`; 0 when there is none.
Status FirstWithSameText(StoreReader* reader, uint64_t exact_hash, uint64_t exclude, uint64_t* first);

// `exclude`: a stored document to ignore (the one a query would replace); 0: none.
Status FindMatches(StoreReader* reader, const DocRecord& doc, const std::vector<uint32_t>& shingles,
                   const MatchRules& rules, MatchOutcome* out, uint64_t exclude = 0);

}  // namespace reprint::store
