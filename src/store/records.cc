#include "store/records.h"

#include <algorithm>
#include <bit>
#include <cstring>

#include "store/coding.h"

namespace reprint::store {
namespace {

constexpr uint64_t kFormatVersion = 3;  // of the whole layout: bump on any change

void PutScore(std::string* out, double v) { PutVarint(out, std::bit_cast<uint32_t>(static_cast<float>(v))); }
double GetScore(Decoder* in) { return std::bit_cast<float>(static_cast<uint32_t>(in->Varint())); }

}  // namespace

std::string EncodeDoc(const DocRecord& d) {
  std::string out;
  PutVarint(&out, kFormatVersion);
  for (const std::string* s : {&d.id, &d.url, &d.source, &d.date, &d.title}) PutBytes(&out, *s);
  PutVarint(&out, static_cast<uint64_t>(d.ingested_at));
  PutVarint(&out, static_cast<uint32_t>(static_cast<int64_t>(d.day) - INT32_MIN));
  PutVarint(&out, d.text_bytes);
  PutVarint(&out, d.shingle_count);
  PutVarint(&out, d.exact_hash);
  PutVarint(&out, d.indexed ? 1 : 0);
  PutVarint(&out, d.cluster_id);
  PutVarint(&out, d.story_id);
  return out;
}

bool DecodeDoc(std::string_view bytes, DocRecord* d) {
  Decoder in(bytes);
  if (in.Varint() != kFormatVersion) return false;
  for (std::string* s : {&d->id, &d->url, &d->source, &d->date, &d->title}) s->assign(in.Bytes());
  d->ingested_at = static_cast<int64_t>(in.Varint());
  d->day = static_cast<int32_t>(static_cast<int64_t>(in.Varint()) + INT32_MIN);
  d->text_bytes = in.Varint();
  d->shingle_count = static_cast<uint32_t>(in.Varint());
  d->exact_hash = in.Varint();
  d->indexed = in.Varint() != 0;
  d->cluster_id = in.Varint();
  d->story_id = in.Varint();
  return !in.failed() && in.done();
}

std::string EncodeKeys(const DocRecord& d) {
  std::string out;
  PutSortedList(&out, d.band_keys);
  PutSortedList(&out, d.anchors);
  PutSortedList(&out, d.leads);
  return out;
}

bool DecodeKeys(std::string_view bytes, DocRecord* d) {
  Decoder in(bytes);
  return GetSortedList(&in, &d->band_keys) && GetSortedList(&in, &d->anchors) && GetSortedList(&in, &d->leads) &&
         in.done();
}

std::string EncodeCluster(const ClusterRecord& c) {
  std::string out;
  PutVarint(&out, c.canonical);
  PutVarint(&out, c.size);
  return out;
}

bool DecodeCluster(std::string_view bytes, ClusterRecord* c) {
  Decoder in(bytes);
  c->canonical = in.Varint();
  c->size = in.Varint();
  c->members.clear();
  return in.done();
}

std::string EncodeEdges(const EdgeList& edges) {
  std::string out;
  PutVarint(&out, edges.size());
  for (const Edge& e : edges) {
    PutVarint(&out, e.other);
    PutVarint(&out, static_cast<uint64_t>(e.relation));
    PutScore(&out, e.scores.jaccard);
    PutScore(&out, e.scores.containment);
    PutVarint(&out, e.scores.intersection);
    PutVarint(&out, e.scores.smaller_size);
  }
  return out;
}

bool DecodeEdges(std::string_view bytes, EdgeList* edges) {
  Decoder in(bytes);
  const uint64_t n = in.Varint();
  edges->clear();
  for (uint64_t i = 0; i < n && !in.failed(); ++i) {
    Edge e;
    e.other = in.Varint();
    const uint64_t relation = in.Varint();
    if (relation > static_cast<uint64_t>(Relation::kUnrelated)) return false;
    e.relation = static_cast<Relation>(relation);
    e.scores.jaccard = GetScore(&in);
    e.scores.containment = GetScore(&in);
    e.scores.intersection = in.Varint();
    e.scores.smaller_size = in.Varint();
    edges->push_back(e);
  }
  return !in.failed() && in.done();
}

std::string EncodeStory(const StoryRecord& s) {
  std::string out;
  PutVarint(&out, s.size);
  PutVarint(&out, s.label.size());
  for (const std::string& term : s.label) PutBytes(&out, term);
  return out;
}

bool DecodeStory(std::string_view bytes, StoryRecord* s) {
  Decoder in(bytes);
  s->size = in.Varint();
  const uint64_t n = in.Varint();
  s->label.clear();
  for (uint64_t i = 0; i < n && !in.failed(); ++i) s->label.emplace_back(in.Bytes());
  return !in.failed() && in.done();
}

std::string EncodeState(const IndexState& s) {
  std::string out;
  PutVarint(&out, kFormatVersion);
  for (uint64_t v : {s.next_seq, s.next_cluster, s.next_story, s.documents, s.clusters, s.clustered_documents, s.capped_keys})
    PutVarint(&out, v);
  PutBytes(&out, s.parameters);
  return out;
}

bool DecodeState(std::string_view bytes, IndexState* s) {
  Decoder in(bytes);
  if (in.Varint() != kFormatVersion) return false;
  for (uint64_t* v : {&s->next_seq, &s->next_cluster, &s->next_story, &s->documents, &s->clusters, &s->clustered_documents,
                      &s->capped_keys})
    *v = in.Varint();
  s->parameters.assign(in.Bytes());
  return !in.failed() && in.done();
}

std::string EncodeShingles(const std::vector<uint32_t>& sorted) {
  return std::string(reinterpret_cast<const char*>(sorted.data()), sorted.size() * sizeof(uint32_t));
}

bool DecodeShingles(std::string_view bytes, std::vector<uint32_t>* sorted) {
  if (bytes.size() % sizeof(uint32_t) != 0) return false;
  sorted->resize(bytes.size() / sizeof(uint32_t));
  std::memcpy(sorted->data(), bytes.data(), bytes.size());
  return std::is_sorted(sorted->begin(), sorted->end());
}

std::string EncodeSeqs(const std::vector<uint64_t>& seqs) {
  std::string out;
  PutVarint(&out, seqs.size());
  for (uint64_t seq : seqs) PutVarint(&out, seq);
  return out;
}

bool DecodeSeqs(std::string_view bytes, std::vector<uint64_t>* seqs) {
  Decoder in(bytes);
  const uint64_t n = in.Varint();
  seqs->clear();
  for (uint64_t i = 0; i < n && !in.failed(); ++i) seqs->push_back(in.Varint());
  return !in.failed() && seqs->size() == n && in.done();
}

}  // namespace reprint::store
