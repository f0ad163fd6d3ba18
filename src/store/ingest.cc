#include "store/ingest.h"

#include <algorithm>

#include "store/chunked_list.h"
#include "store/clusters.h"
#include "store/coding.h"
#include "store/postings.h"

namespace reprint::store {
namespace {

bool Contains(const std::vector<std::string>& keys, const std::string& key) {
  return std::find(keys.begin(), keys.end(), key) != keys.end();
}

// Adds (or removes) the document's entries in all its postings.
void MergePostings(WriteGroup* group, uint64_t seq, const DocRecord& doc, bool add,
                   const std::vector<std::string>& skip) {
  const struct {
    KeyFamily family;
    const std::vector<uint32_t>* keys;
    uint16_t aux;
  } families[] = {{KeyFamily::kBand, &doc.band_keys, 0},
                  {KeyFamily::kAnchor, &doc.anchors, AnchorAux(doc)},
                  {KeyFamily::kLead, &doc.leads, LeadAux(doc)}};
  for (const auto& f : families) {
    for (uint32_t key : *f.keys) {
      std::string posting = PostingKey(f.family, key);
      if (add && Contains(skip, posting)) continue;
      group->Merge(posting, add ? AddOperand({seq, f.aux}) : RemoveOperand(seq));
    }
  }
}

}  // namespace

std::string DayKey(int32_t day, uint64_t seq) {
  std::string key(1, 't');
  PutBigEndian32(&key, static_cast<uint32_t>(static_cast<int64_t>(day) - INT32_MIN));
  PutBigEndian64(&key, seq);
  return key;
}

std::string StoryMemberKey(uint64_t story, uint64_t seq) {
  std::string key = SeqKey('m', story);
  PutBigEndian64(&key, seq);
  return key;
}

std::string EncodeFeaturesBlob(uint64_t story, int32_t day, std::string_view features) {
  std::string out;
  PutVarint(&out, story);
  PutVarint(&out, static_cast<uint32_t>(static_cast<int64_t>(day) - INT32_MIN));
  out.append(features);
  return out;
}

bool DecodeFeaturesBlob(std::string_view blob, uint64_t* story, int32_t* day, std::string_view* features) {
  Decoder in(blob);
  *story = in.Varint();
  *day = static_cast<int32_t>(static_cast<int64_t>(in.Varint()) + INT32_MIN);
  if (in.failed()) return false;
  *features = in.rest();
  return true;
}

Status Ingestor::FindSeq(StoreReader* reader, std::string_view id, uint64_t* seq) {
  std::string key = "i" + std::string(id), value;
  bool found = false;
  if (Status s = reader->Get(Column::kMeta, key, &value, &found); !s.ok()) return s;
  *seq = found ? ReadBigEndian64(value) : 0;
  return Status::Ok();
}

Status Ingestor::Add(WriteGroup* group, const PreparedDocument& prepared, int64_t now, DocumentAnswer* answer) {
  answer->id = prepared.clean.id;
  uint64_t old = 0;
  if (Status s = FindSeq(group, prepared.clean.id, &old); !s.ok()) return s;
  if (old != 0) {
    if (Status s = Remove(group, old); !s.ok()) return s;
    answer->replaced = true;
  }
  if (prepared.print.shingle_count == 0) {
    answer->problem = "no article text to index";
    return Status::Ok();
  }
  const uint64_t seq = state_.next_seq++;
  DocRecord doc = RecordFor(prepared, core_.lsh, now);
  MatchOutcome match;
  if (Status s = FindMatches(group, doc, prepared.shingles, core_.rules, &match); !s.ok()) return s;
  if (Status s = Index(group, seq, doc, match); !s.ok()) return s;
  doc.indexed = match.exact_representative == 0;
  if (Status s = AddEdges(group, seq, match.edges); !s.ok()) return s;
  if (Status s = JoinCluster(group, &state_, seq, &doc, match.edges); !s.ok()) return s;
  if (Status s = AssignStory(group, seq, prepared, match.edges, &doc); !s.ok()) return s;
  group->Put(Column::kMeta, SeqKey('d', seq), EncodeDoc(doc));
  group->Put(Column::kBlobs, BlobKey(seq, BlobKind::kKeys), EncodeKeys(doc));
  std::string seq_bytes;
  PutBigEndian64(&seq_bytes, seq);
  group->Put(Column::kMeta, "i" + doc.id, seq_bytes);
  group->Put(Column::kMeta, DayKey(doc.day, seq), "");
  group->Put(Column::kBlobs, BlobKey(seq, BlobKind::kShingles), EncodeShingles(prepared.shingles));
  group->Put(Column::kBlobs, BlobKey(seq, BlobKind::kText), prepared.clean.text);
  ++state_.documents;
  answer->stored = true;
  answer->story_id = doc.story_id;
  return DescribeMembership(group, doc, seq, prepared.shingles, match.edges, core_.rules, answer);
}

Status Ingestor::Index(WriteGroup* group, uint64_t seq, const DocRecord& doc, const MatchOutcome& match) {
  // Newer than every stored document: the list stays in order of seq.
  if (Status s = SeqChunks::Append(group, Column::kMeta, ExactKey(doc.exact_hash), {seq}); !s.ok()) return s;
  if (match.exact_representative != 0) return Status::Ok();  // reached through its representative
  MergePostings(group, seq, doc, true, match.full_keys);
  state_.capped_keys += match.almost_full_keys.size();
  return Status::Ok();
}

Status Ingestor::Unindex(WriteGroup* group, uint64_t seq, const DocRecord& doc) {
  std::vector<uint64_t> same_text;
  const std::string exact_key = ExactKey(doc.exact_hash);
  if (Status s = SeqChunks::Load(group, Column::kMeta, exact_key, &same_text); !s.ok()) return s;
  std::erase(same_text, seq);
  if (Status s = SeqChunks::Store(group, Column::kMeta, exact_key, same_text); !s.ok()) return s;
  if (!doc.indexed) return Status::Ok();
  MergePostings(group, seq, doc, false, {});
  if (same_text.empty()) return Status::Ok();
  return PromoteExactCopy(group, seq, same_text.front());
}

// The earliest remaining exact copy takes the removed representative's place
// in the postings and its edges (same text, so the same scores).
Status Ingestor::PromoteExactCopy(WriteGroup* group, uint64_t removed, uint64_t heir) {
  DocRecord record;
  bool found = false;
  if (Status s = LoadDoc(group, heir, &record, &found); !s.ok()) return s;
  if (!found) return Status::Corruption("exact copy #" + std::to_string(heir) + " has no record");
  if (Status s = LoadKeys(group, heir, &record); !s.ok()) return s;
  record.indexed = true;
  MergePostings(group, heir, record, true, {});
  group->Put(Column::kMeta, SeqKey('d', heir), EncodeDoc(record));
  return TransferEdges(group, removed, heir);
}

Status Ingestor::Remove(WriteGroup* group, uint64_t seq) {
  DocRecord doc;
  bool found = false;
  if (Status s = LoadDoc(group, seq, &doc, &found); !s.ok()) return s;
  if (!found) return Status::Corruption("id maps to document #" + std::to_string(seq) + " without a record");
  if (Status s = LoadKeys(group, seq, &doc); !s.ok()) return s;
  if (Status s = Unindex(group, seq, doc); !s.ok()) return s;
  size_t edges = 0;
  if (Status s = RemoveEdges(group, seq, &edges); !s.ok()) return s;
  if (doc.cluster_id != 0)
    if (Status s = SplitCluster(group, &state_, doc.cluster_id, seq, edges); !s.ok()) return s;
  if (Status s = LeaveStory(group, seq, doc); !s.ok()) return s;
  group->Delete(Column::kMeta, "i" + doc.id);
  group->Delete(Column::kMeta, SeqKey('d', seq));
  group->Delete(Column::kMeta, DayKey(doc.day, seq));
  for (BlobKind kind : kBlobKinds) group->Delete(Column::kBlobs, BlobKey(seq, kind));
  --state_.documents;
  return Status::Ok();
}

// A copy follows its partner's story: a story reprinted 300 times is one
// vote, not 300 (as the batch path collapses copy clusters first).
Status Ingestor::AssignStory(WriteGroup* group, uint64_t seq, const PreparedDocument& prepared, const EdgeList& edges,
                             DocRecord* doc) {
  story::StoryFeatures features;
  if (!prepared.story_features.empty() && !DecodeStoryFeatures(prepared.story_features, &features))
    return Status::InvalidArgument("bad story features");
  if (!edges.empty()) {
    DocRecord partner;
    bool found = false;
    if (Status s = LoadDoc(group, edges.front().other, &partner, &found); !s.ok()) return s;
    if (found) doc->story_id = partner.story_id;
  }
  const std::optional<int32_t> day =
      prepared.day == INT32_MIN ? std::nullopt : std::optional<int32_t>(prepared.day);
  if (doc->story_id == 0 && !features.terms.empty()) {
    doc->story_id = stories_.Assign(features, day);
    group->Put(Column::kBlobs, BlobKey(seq, BlobKind::kStoryFeatures), EncodeFeaturesBlob(doc->story_id, prepared.day, prepared.story_features));
  }
  if (doc->story_id == 0) return Status::Ok();
  StoryRecord story;
  std::string value;
  bool found = false;
  const std::string key = SeqKey('s', doc->story_id);
  if (Status s = group->Get(Column::kMeta, key, &value, &found); !s.ok()) return s;
  if (found && !DecodeStory(value, &story)) return Status::Corruption("story " + std::to_string(doc->story_id));
  ++story.size;
  // A label settles as a story grows: refreshing it at sizes 1, 2, 4, 8 ...
  // keeps it current at a fraction of the cost of every article.
  const bool refresh_label = (story.size & (story.size - 1)) == 0 || story.label.empty();
  if (refresh_label)
    if (std::vector<std::string> label = stories_.Label(doc->story_id); !label.empty()) story.label = std::move(label);
  group->Put(Column::kMeta, key, EncodeStory(story));
  group->Put(Column::kMeta, StoryMemberKey(doc->story_id, seq), "");
  return Status::Ok();
}

Status Ingestor::LeaveStory(WriteGroup* group, uint64_t seq, const DocRecord& doc) {
  if (doc.story_id == 0) return Status::Ok();
  group->Delete(Column::kMeta, StoryMemberKey(doc.story_id, seq));
  StoryRecord story;
  std::string value;
  bool found = false;
  const std::string key = SeqKey('s', doc.story_id);
  if (Status s = group->Get(Column::kMeta, key, &value, &found); !s.ok()) return s;
  if (!found) return Status::Ok();
  if (!DecodeStory(value, &story)) return Status::Corruption("story " + std::to_string(doc.story_id));
  if (story.size <= 1) group->Delete(Column::kMeta, key);
  else --story.size, group->Put(Column::kMeta, key, EncodeStory(story));
  return Status::Ok();
}

}  // namespace reprint::store
