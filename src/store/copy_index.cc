// CopyIndex: opening, the writer thread with its group commit, and reads.
#include "reprint/copy_index.h"

#include <rocksdb/iterator.h>

#include <chrono>
#include <cstdio>
#include <condition_variable>
#include <ctime>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>

#include "reprint/align.h"
#include "store/clusters.h"
#include "store/coding.h"
#include "store/index_core.h"
#include "store/ingest.h"
#include "story/article_terms.h"
#include "story/streaming_stories.h"
#include "verify/match_parameters.h"

namespace reprint {
namespace {

using store::Column;

// The stored layout's version, part of the signature: layout 2 keeps member,
// edge and exact-hash lists in chunks (store/chunked_list.h); layout 3 puts
// the seq first in blob keys (store::BlobKey) and the exact-hash lists in meta.
constexpr const char* kLayout = " layout=3";

// The parameters the stored keys depend on.
std::string ParameterSignature(const CopyIndexOptions& o) {
  const FingerprintOptions& f = o.fingerprint;
  return "shingle=" + std::to_string(f.shingle_size) + " num_perm=" + std::to_string(f.num_perm) +
         " anchor_rate_log2=" + std::to_string(f.anchor_rate_log2) + " lead=" + std::to_string(f.lead_shingles) +
         " seed=" + std::to_string(f.seed) + " threshold=" + std::to_string(o.thresholds.jaccard) + kLayout;
}

// The inverse of ParameterSignature().
bool AdoptParameters(const std::string& signature, CopyIndexOptions* o) {
  FingerprintOptions& f = o->fingerprint;
  unsigned long long seed = 0;
  const int read = std::sscanf(signature.c_str(), "shingle=%d num_perm=%d anchor_rate_log2=%d lead=%d seed=%llu threshold=%lf",
                               &f.shingle_size, &f.num_perm, &f.anchor_rate_log2, &f.lead_shingles, &seed,
                               &o->thresholds.jaccard);
  f.seed = seed;
  return read == 6;
}

Status ValidateOptions(const CopyIndexOptions& o) {
  if (Status s = verify::CheckMatchParameters(o.fingerprint, o.thresholds); !s.ok()) return s;
  if (o.max_bucket < 2) return Status::InvalidArgument("max bucket must be at least 2");
  return Status::Ok();
}

story::StreamingStoryOptions StoryOptionsFrom(const CopyIndexOptions& o) {
  story::StreamingStoryOptions s;
  s.threshold = o.story_threshold;
  s.window_days = o.story_window_days;
  s.max_live_stories = o.story_live_stories;
  return s;
}

// Cleaning, fingerprinting and story terms keep per-thread buffers: a pool
// of them serves the callers of Prepare().
struct PrepareWorker {
  explicit PrepareWorker(const CopyIndexOptions& o)
      : cleaner(o.clean), fingerprinter(o.fingerprint), features(StoryOptionsFrom(o)) {}
  Cleaner cleaner;
  Fingerprinter fingerprinter;
  story::StoryFeatureExtractor features;
  story::StoryFeatures scratch;
};

struct AddRequest {
  std::vector<PreparedDocument>* documents = nullptr;
  std::vector<DocumentAnswer>* answers = nullptr;
  Status status;
  bool done = false;
};

int64_t Now() { return static_cast<int64_t>(std::time(nullptr)); }

}  // namespace

struct CopyIndex::Impl {
  store::IndexCore core;
  store::IndexState state;  // the writer's; guarded by write_mutex
  std::unique_ptr<story::StreamingStories> stories;
  std::mutex write_mutex;
  std::unique_ptr<store::HotPostings> hot_postings;  // guarded by write_mutex

  std::mutex queue_mutex;
  std::condition_variable queue_cv, done_cv;
  std::deque<AddRequest*> queue;
  size_t pending_documents = 0;
  bool stopping = false;
  std::thread writer;

  // Pipelined commit: the writer hands each group to the committer thread,
  // which writes its batch (the log append and the memtable inserts, a
  // quarter of the writer's time at 1 M documents), while the writer
  // matches the next group on top of it (WriteGroup's base). Then the
  // syncer makes it durable.
  struct CommitJob {
    store::WriteGroup* group;
    store::IndexState state;  // as of the group, published once written
    std::vector<AddRequest*> requests;
  };
  std::mutex commit_mutex;
  std::condition_variable commit_cv;
  std::optional<CommitJob> commit_job;  // handed to the committer
  bool job_written = false;
  Status job_status;
  bool committer_stopping = false;
  std::thread committer;
  // The writer's side of the handed group, guarded by write_mutex.
  std::unique_ptr<store::WriteGroup> in_flight;
  const rocksdb::Snapshot* before_in_flight = nullptr;  // the database without it
  store::IndexState state_before_in_flight;             // restored if its write fails

  std::mutex sync_mutex;
  std::condition_variable sync_cv;
  std::deque<AddRequest*> unsynced;  // written, not yet fsync'ed
  bool syncer_stopping = false;
  std::thread syncer;

  mutable std::mutex stats_mutex;
  store::IndexState published;  // state as of the last commit
  uint64_t commits = 0, committed_documents = 0, compactions = 0;
  double compaction_seconds = 0;

  mutable std::mutex pool_mutex;
  mutable std::vector<std::unique_ptr<PrepareWorker>> pool;

  Status LoadState();
  Status ReplayStories();
  void WriterLoop();
  void CommitterLoop();
  void SyncerLoop();
  void Acknowledge(const std::vector<AddRequest*>& group);
  // Returns true when the group went to the committer, which acknowledges it.
  bool ProcessGroup(const std::vector<AddRequest*>& group);
  void HandToCommitter(std::unique_ptr<store::WriteGroup> group, const store::IndexState& before,
                       const std::vector<AddRequest*>& requests);
  // REQUIRES: write_mutex held. Waits until the handed group is written and
  // forgets it; on failure the state goes back to before it.
  Status FinishInFlight();
  // Writes the group and the state; `sync`: fsync before returning.
  Status Commit(store::WriteGroup* group, const store::IndexState& before, bool sync);
  void Publish();
  std::unique_ptr<PrepareWorker> Borrow() const;
  void Return(std::unique_ptr<PrepareWorker> worker) const;
};

Status CopyIndex::Impl::LoadState() {
  store::SnapshotReader reader(*core.database);
  std::string value;
  bool found = false;
  if (Status s = reader.Get(Column::kMeta, "S", &value, &found); !s.ok()) return s;
  const std::string parameters = ParameterSignature(core.options);
  if (!found) {
    state.parameters = parameters;
    rocksdb::WriteBatch batch;
    batch.Put(core.database->handle(Column::kMeta), "S", store::EncodeState(state));
    return core.database->Write(&batch, true);
  }
  if (!store::DecodeState(value, &state))
    return Status::Corruption("index state record unreadable (an index written by another version of reprint?)");
  if (!state.parameters.ends_with(kLayout))
    return Status::InvalidArgument("index was written by an earlier reprint in another layout (" + state.parameters +
                                   "); rebuild it with this one");
  if (state.parameters != parameters && core.options.adopt_stored_parameters) {
    if (!AdoptParameters(state.parameters, &core.options))
      return Status::Corruption("index parameters '" + state.parameters + "'");
    core.rules.thresholds.jaccard = core.options.thresholds.jaccard;
    core.lsh = OptimalLshParams(core.options.thresholds.jaccard, core.options.fingerprint.num_perm);
    return Status::Ok();
  }
  if (state.parameters != parameters)
    return Status::InvalidArgument("index was created with " + state.parameters + ", not " + parameters);
  return Status::Ok();
}

// The story state lives in memory; after a restart it is rebuilt from the
// most recent voting articles, in their original order, with their ids.
Status CopyIndex::Impl::ReplayStories() {
  stories = std::make_unique<story::StreamingStories>(StoryOptionsFrom(core.options), state.next_story);
  const uint64_t replay = core.options.story_replay_documents;
  const uint64_t first = state.next_seq > replay ? state.next_seq - replay : 1;
  // Point lookups, not a scan: the blobs' memtable is hashed (database.h).
  store::SnapshotReader reader(*core.database);
  story::StoryFeatures features;
  std::string blob;
  for (uint64_t seq = first; seq < state.next_seq; ++seq) {
    bool found = false;
    if (Status s = reader.Get(Column::kBlobs, store::BlobKey(seq, store::BlobKind::kStoryFeatures), &blob, &found); !s.ok()) return s;
    if (!found) continue;  // a copy (no vote), a document without text, or deleted
    uint64_t story_id = 0;
    int32_t day = INT32_MIN;
    std::string_view encoded;
    if (!store::DecodeFeaturesBlob(blob, &story_id, &day, &encoded) || !story::DecodeStoryFeatures(encoded, &features))
      return Status::Corruption("story features of document #" + std::to_string(seq));
    stories->Restore(features, day == INT32_MIN ? std::nullopt : std::optional<int32_t>(day), story_id);
  }
  return Status::Ok();
}

void CopyIndex::Impl::WriterLoop() {
  // A failed write has already failed its own requests and restored the
  // state (FinishInFlight): only groups built on it need its status.
  auto finish_in_flight = [this] {
    std::lock_guard write_lock(write_mutex);
    static_cast<void>(FinishInFlight());
  };
  std::unique_lock lock(queue_mutex);
  for (;;) {
    if (queue.empty() && !stopping) {
      // Idle: finish the handed group, so no snapshot stays pinned.
      lock.unlock();
      finish_in_flight();
      lock.lock();
    }
    queue_cv.wait(lock, [&] { return stopping || !queue.empty(); });
    if (queue.empty()) break;
    std::vector<AddRequest*> group(queue.begin(), queue.end());
    queue.clear();
    lock.unlock();
    const bool handed = ProcessGroup(group);
    lock.lock();
    if (!handed) Acknowledge(group);
  }
  lock.unlock();
  finish_in_flight();
}

void CopyIndex::Impl::CommitterLoop() {
  std::unique_lock lock(commit_mutex);
  for (;;) {
    commit_cv.wait(lock, [&] { return committer_stopping || (commit_job && !job_written); });
    if (!commit_job || job_written) return;
    CommitJob job = *commit_job;
    lock.unlock();
    const Status status = core.database->Write(job.group->batch(), false);
    for (AddRequest* r : job.requests) r->status = status;
    if (status.ok()) {
      std::lock_guard stats_lock(stats_mutex);
      published = job.state;
      ++commits;
      for (AddRequest* r : job.requests) committed_documents += r->documents->size();
    }
    if (status.ok() && core.options.sync_writes) {
      // The fsync overlaps the next group's write; the syncer acknowledges.
      std::lock_guard sync_lock(sync_mutex);
      unsynced.insert(unsynced.end(), job.requests.begin(), job.requests.end());
      sync_cv.notify_one();
    } else {
      std::lock_guard queue_lock(queue_mutex);
      Acknowledge(job.requests);
    }
    lock.lock();
    job_written = true;
    job_status = status;
    commit_cv.notify_all();
  }
}

// Makes written groups durable: one fsync of the log covers every group
// written before it started, so groups that wait share it.
void CopyIndex::Impl::SyncerLoop() {
  std::unique_lock lock(sync_mutex);
  for (;;) {
    sync_cv.wait(lock, [&] { return syncer_stopping || !unsynced.empty(); });
    if (unsynced.empty()) return;
    std::vector<AddRequest*> group(unsynced.begin(), unsynced.end());
    unsynced.clear();
    lock.unlock();
    const Status status = store::FromRocks(core.database->db()->SyncWAL(), "syncing the index log");
    for (AddRequest* r : group)
      if (!status.ok()) r->status = status;
    {
      std::lock_guard queue_lock(queue_mutex);
      Acknowledge(group);
    }
    lock.lock();
  }
}

// REQUIRES: queue_mutex held.
void CopyIndex::Impl::Acknowledge(const std::vector<AddRequest*>& group) {
  for (AddRequest* r : group) {
    pending_documents -= r->documents->size();
    r->done = true;
  }
  done_cv.notify_all();
}

bool CopyIndex::Impl::ProcessGroup(const std::vector<AddRequest*>& requests) {
  std::lock_guard write_lock(write_mutex);
  const store::IndexState before = state;
  auto group = std::make_unique<store::WriteGroup>(*core.database, hot_postings.get(), in_flight.get(),
                                                   before_in_flight);
  store::Ingestor ingestor(core, &state, stories.get());
  const int64_t now = Now();
  Status status;
  for (AddRequest* r : requests) {
    r->answers->assign(r->documents->size(), DocumentAnswer());
    for (size_t i = 0; i < r->documents->size() && status.ok(); ++i)
      status = ingestor.Add(group.get(), (*r->documents)[i], now, &(*r->answers)[i]);
  }
  if (!status.ok()) {
    state = before;
    hot_postings->Clear();  // it may hold changes that will not be committed
  }
  // Built on the handed group: this one can only follow it once it is written
  // (on failure FinishInFlight restores the state from before both).
  if (Status base = FinishInFlight(); !base.ok() && status.ok()) status = base;
  if (!status.ok()) {
    for (AddRequest* r : requests) r->status = status;
    return false;
  }
  HandToCommitter(std::move(group), before, requests);
  return true;
}

void CopyIndex::Impl::HandToCommitter(std::unique_ptr<store::WriteGroup> group, const store::IndexState& before,
                                      const std::vector<AddRequest*>& requests) {
  state.next_story = std::max(state.next_story, stories->next_story_id());
  group->Put(Column::kMeta, "S", store::EncodeState(state));
  before_in_flight = core.database->db()->GetSnapshot();
  state_before_in_flight = before;
  in_flight = std::move(group);
  std::lock_guard lock(commit_mutex);
  commit_job = CommitJob{in_flight.get(), state, requests};
  job_written = false;
  commit_cv.notify_all();
}

Status CopyIndex::Impl::FinishInFlight() {
  if (!in_flight) return Status::Ok();
  Status status;
  {
    std::unique_lock lock(commit_mutex);
    commit_cv.wait(lock, [&] { return job_written; });
    status = job_status;
    commit_job.reset();
  }
  core.database->db()->ReleaseSnapshot(before_in_flight);
  before_in_flight = nullptr;
  in_flight.reset();
  if (!status.ok()) {
    state = state_before_in_flight;
    hot_postings->Clear();
  }
  return status;
}

// REQUIRES: write_mutex held. On failure the state goes back to `before`.
Status CopyIndex::Impl::Commit(store::WriteGroup* group, const store::IndexState& before, bool sync) {
  state.next_story = std::max(state.next_story, stories->next_story_id());
  group->Put(Column::kMeta, "S", store::EncodeState(state));
  Status status = core.database->Write(group->batch(), sync);
  if (!status.ok()) {
    state = before;
    return status;
  }
  Publish();
  std::lock_guard lock(stats_mutex);
  ++commits;
  return status;
}

void CopyIndex::Impl::Publish() {
  std::lock_guard lock(stats_mutex);
  published = state;
}

std::unique_ptr<PrepareWorker> CopyIndex::Impl::Borrow() const {
  {
    std::lock_guard lock(pool_mutex);
    if (!pool.empty()) {
      auto worker = std::move(pool.back());
      pool.pop_back();
      return worker;
    }
  }
  return std::make_unique<PrepareWorker>(core.options);
}

void CopyIndex::Impl::Return(std::unique_ptr<PrepareWorker> worker) const {
  std::lock_guard lock(pool_mutex);
  pool.push_back(std::move(worker));
}

CopyIndex::CopyIndex(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

CopyIndex::~CopyIndex() {
  {
    std::lock_guard lock(impl_->queue_mutex);
    impl_->stopping = true;
  }
  impl_->queue_cv.notify_all();
  if (impl_->writer.joinable()) impl_->writer.join();
  {
    std::lock_guard lock(impl_->commit_mutex);
    impl_->committer_stopping = true;
  }
  impl_->commit_cv.notify_all();
  if (impl_->committer.joinable()) impl_->committer.join();
  {
    std::lock_guard lock(impl_->sync_mutex);
    impl_->syncer_stopping = true;
  }
  impl_->sync_cv.notify_all();
  if (impl_->syncer.joinable()) impl_->syncer.join();
}

Result<std::unique_ptr<CopyIndex>> CopyIndex::Open(const std::string& dir, const CopyIndexOptions& options) {
  if (Status s = ValidateOptions(options); !s.ok()) return s;
  auto impl = std::make_unique<Impl>();
  impl->core.options = options;
  impl->core.rules = {options.thresholds, options.min_shared_anchors, options.min_anchor_fraction, options.max_bucket};
  impl->core.lsh = OptimalLshParams(options.thresholds.jaccard, options.fingerprint.num_perm);
  store::DatabaseOptions db_options{options.cache_bytes, options.write_buffer_bytes, options.create_if_missing};
  Result<std::unique_ptr<store::Database>> database = store::Database::Open(dir, db_options);
  if (!database.ok()) return database.status();
  impl->core.database = std::move(database).value();
  impl->hot_postings = std::make_unique<store::HotPostings>(options.hot_posting_bytes);
  if (Status s = impl->LoadState(); !s.ok()) return s;
  if (Status s = impl->ReplayStories(); !s.ok()) return s;
  impl->Publish();
  Impl* raw = impl.get();
  impl->writer = std::thread([raw] { raw->WriterLoop(); });
  impl->committer = std::thread([raw] { raw->CommitterLoop(); });
  impl->syncer = std::thread([raw] { raw->SyncerLoop(); });
  return std::unique_ptr<CopyIndex>(new CopyIndex(std::move(impl)));
}

void FitToMemory(size_t bytes, CopyIndexOptions* options) {
  // Half for RocksDB (cache 3/8, memtables 1/8: both charged to the cache,
  // so they cannot outgrow it), 1/32 for the writer's hot postings, a
  // quarter for the stories' centroids
  // (at most ~5 KB each), the rest for the story frequency tables (32 MB),
  // open table files and the heap's slack.
  options->cache_bytes = bytes / 8 * 3;
  options->write_buffer_bytes = bytes / 8;
  options->hot_posting_bytes = bytes / 32;
  constexpr size_t kBytesPerLiveStory = 5000;
  options->story_live_stories = std::max<size_t>(1000, bytes / 4 / kBytesPerLiveStory);
}

const CopyIndexOptions& CopyIndex::options() const { return impl_->core.options; }

Result<PreparedDocument> CopyIndex::Prepare(const RawDocument& raw, bool with_story_terms) const {
  std::unique_ptr<PrepareWorker> worker = impl_->Borrow();
  PreparedDocument out;
  Status status = worker->cleaner.Clean(raw, &out.clean);
  if (status.ok()) {
    worker->fingerprinter.Compute(out.clean.text, &out.print, &out.shingles);
    if (with_story_terms) {
      worker->features.Extract(out.clean, &worker->scratch);
      out.story_features = story::EncodeStoryFeatures(worker->scratch);
    }
    out.day = story::ParseDay(out.clean.date).value_or(INT32_MIN);
  }
  impl_->Return(std::move(worker));
  if (!status.ok()) return status;
  if (out.clean.id.empty()) return Status::InvalidArgument("document has no id");
  return out;
}

Status CopyIndex::Add(std::vector<PreparedDocument> documents, std::vector<DocumentAnswer>* answers) {
  AddRequest request;
  request.documents = &documents;
  request.answers = answers;
  std::unique_lock lock(impl_->queue_mutex);
  if (impl_->stopping) return Status::Busy("index is shutting down");
  if (impl_->pending_documents > 0 &&
      impl_->pending_documents + documents.size() > impl_->core.options.max_pending_documents)
    return Status::Busy(std::to_string(impl_->pending_documents) + " documents already wait for the writer");
  impl_->pending_documents += documents.size();
  impl_->queue.push_back(&request);
  impl_->queue_cv.notify_one();
  impl_->done_cv.wait(lock, [&] { return request.done; });
  return request.status;
}

Status CopyIndex::Query(const PreparedDocument& document, DocumentAnswer* answer) const {
  *answer = DocumentAnswer();
  answer->id = document.clean.id;
  if (document.print.shingle_count == 0) {
    answer->problem = "no article text to match";
    return Status::Ok();
  }
  store::SnapshotReader reader(*impl_->core.database);
  const store::DocRecord doc = store::RecordFor(document, impl_->core.lsh, Now());
  // A stored document with the same id would be replaced: it is not a match.
  uint64_t replaced = 0;
  if (Status s = store::Ingestor::FindSeq(&reader, document.clean.id, &replaced); !s.ok()) return s;
  store::MatchOutcome match;
  if (Status s = store::FindMatches(&reader, doc, document.shingles, impl_->core.rules, &match, replaced); !s.ok())
    return s;
  if (!match.edges.empty()) {
    store::DocRecord partner;
    bool found = false;
    if (Status s = store::LoadDoc(&reader, match.edges.front().other, &partner, &found); !s.ok()) return s;
    if (found) answer->story_id = partner.story_id;  // a copy's story; others' would need a vote
  }
  return store::DescribeMembership(&reader, doc, 0, document.shingles, match.edges, impl_->core.rules, answer, replaced);
}

Result<StoredDocument> CopyIndex::GetDocument(std::string_view id) const {
  store::SnapshotReader reader(*impl_->core.database);
  uint64_t seq = 0;
  if (Status s = store::Ingestor::FindSeq(&reader, id, &seq); !s.ok()) return s;
  store::DocRecord doc;
  bool found = false;
  if (seq != 0)
    if (Status s = store::LoadDoc(&reader, seq, &doc, &found); !s.ok()) return s;
  if (!found) return Status::NotFound("no document with id " + std::string(id));
  StoredDocument out{doc.id, doc.url, doc.source, doc.date, doc.title, doc.ingested_at, doc.text_bytes,
                     doc.shingle_count, doc.cluster_id, doc.story_id, ""};
  if (Status s = reader.Get(Column::kBlobs, store::BlobKey(seq, store::BlobKind::kText), &out.text, &found); !s.ok()) return s;
  return out;
}

Status CopyIndex::Delete(std::string_view id) {
  std::lock_guard write_lock(impl_->write_mutex);
  if (Status s = impl_->FinishInFlight(); !s.ok()) return s;
  const store::IndexState before = impl_->state;
  store::WriteGroup group(*impl_->core.database, impl_->hot_postings.get());
  uint64_t seq = 0;
  if (Status s = store::Ingestor::FindSeq(&group, id, &seq); !s.ok()) return s;
  if (seq == 0) return Status::NotFound("no document with id " + std::string(id));
  store::Ingestor ingestor(impl_->core, &impl_->state, impl_->stories.get());
  Status status = ingestor.Remove(&group, seq);
  if (status.ok()) status = impl_->Commit(&group, before, impl_->core.options.sync_writes);
  else impl_->state = before;
  if (!status.ok()) impl_->hot_postings->Clear();
  return status;
}

Result<uint64_t> CopyIndex::DeleteBefore(int32_t day) {
  std::vector<uint64_t> expired;
  {
    store::SnapshotReader reader(*impl_->core.database);
    std::unique_ptr<rocksdb::Iterator> it = reader.Scan(Column::kMeta);
    const std::string end = store::DayKey(day, 0);
    for (it->Seek("t"); it->Valid() && it->key().compare(end) < 0; it->Next())
      expired.push_back(store::ReadBigEndian64(it->key().ToStringView().substr(5)));
    if (Status s = store::FromRocks(it->status(), "scanning dates"); !s.ok()) return s;
  }
  // Commits in chunks: one huge batch would hold the writer (and memory) too long.
  constexpr size_t kChunk = 1000;
  uint64_t removed = 0;
  for (size_t begin = 0; begin < expired.size(); begin += kChunk) {
    std::lock_guard write_lock(impl_->write_mutex);
    if (Status s = impl_->FinishInFlight(); !s.ok()) return s;
    const store::IndexState before = impl_->state;
    store::WriteGroup group(*impl_->core.database, impl_->hot_postings.get());
    store::Ingestor ingestor(impl_->core, &impl_->state, impl_->stories.get());
    for (size_t i = begin; i < std::min(expired.size(), begin + kChunk); ++i) {
      store::DocRecord doc;
      bool found = false;
      Status s = store::LoadDoc(&group, expired[i], &doc, &found);
      if (s.ok() && !found) continue;  // deleted since the scan
      if (s.ok()) s = ingestor.Remove(&group, expired[i]);
      if (!s.ok()) {
        impl_->state = before;
        impl_->hot_postings->Clear();
        return s;
      }
      ++removed;
    }
    if (Status s = impl_->Commit(&group, before, impl_->core.options.sync_writes); !s.ok()) {
      impl_->hot_postings->Clear();
      return s;
    }
  }
  return removed;
}

namespace {

// What GetCluster() reports of one member: scores and relation against the
// canonical member, and (for the first members) the aligned share of its text.
struct CanonicalView {
  store::DocRecord doc;
  std::string text;
  std::vector<uint32_t> shingles;
};

Status LoadBlobs(store::StoreReader* reader, uint64_t seq, std::string* text, std::vector<uint32_t>* shingles) {
  std::string blob;
  bool found_text = false, found_shingles = false;
  if (Status s = reader->Get(Column::kBlobs, store::BlobKey(seq, store::BlobKind::kText), text, &found_text); !s.ok()) return s;
  if (Status s = reader->Get(Column::kBlobs, store::BlobKey(seq, store::BlobKind::kShingles), &blob, &found_shingles); !s.ok()) return s;
  // A snapshot of a consistent index holds both for every stored document.
  if (!found_text || !found_shingles || !store::DecodeShingles(blob, shingles))
    return Status::Corruption("text or shingle set of document #" + std::to_string(seq));
  return Status::Ok();
}

Status DescribeMember(store::StoreReader* reader, uint64_t seq, const CanonicalView& canonical, bool align,
                      const RelationThresholds& thresholds, ClusterMemberInfo* member) {
  store::DocRecord doc;
  bool found = false;
  if (Status s = store::LoadDoc(reader, seq, &doc, &found); !s.ok()) return s;
  if (!found) return Status::Corruption("cluster member #" + std::to_string(seq) + " has no record");
  std::string text;
  std::vector<uint32_t> shingles;
  if (Status s = LoadBlobs(reader, seq, &text, &shingles); !s.ok()) return s;
  member->id = doc.id;
  member->scores = CompareShingleSets(shingles, canonical.shingles);
  const Relation r = ClassifyPair(member->scores, doc.exact_hash == canonical.doc.exact_hash, thresholds);
  member->relation = r == Relation::kUnrelated ? Relation::kLinked : r;
  if (align) member->coverage = Align(text, canonical.text).coverage_a;
  return Status::Ok();
}

}  // namespace

Result<ClusterInfo> CopyIndex::GetCluster(uint64_t cluster_id) const {
  store::SnapshotReader reader(*impl_->core.database);
  store::ClusterRecord cluster;
  bool found = false;
  if (Status s = store::LoadCluster(&reader, cluster_id, &cluster, &found); !s.ok()) return s;
  if (!found) return Status::NotFound("no cluster " + std::to_string(cluster_id));
  CanonicalView canonical;
  if (Status s = store::LoadDoc(&reader, cluster.canonical, &canonical.doc, &found); !s.ok()) return s;
  if (!found) return Status::Corruption("canonical member of cluster " + std::to_string(cluster_id));
  if (Status s = LoadBlobs(&reader, cluster.canonical, &canonical.text, &canonical.shingles); !s.ok()) return s;
  ClusterInfo info{cluster_id, canonical.doc.id, {}};
  info.members.push_back({canonical.doc.id, Relation::kCanonical, {}, 1.0});
  // Alignment is the costly part of the summary: only so many members get it.
  constexpr size_t kAlignedMembers = 200;
  for (uint64_t seq : cluster.members) {
    if (seq == cluster.canonical) continue;
    ClusterMemberInfo member;
    const bool align = info.members.size() <= kAlignedMembers;
    if (Status s = DescribeMember(&reader, seq, canonical, align, impl_->core.options.thresholds, &member); !s.ok())
      return s;
    info.members.push_back(std::move(member));
  }
  return info;
}

Result<StoryInfo> CopyIndex::GetStory(uint64_t story_id, size_t max_members) const {
  store::SnapshotReader reader(*impl_->core.database);
  std::string value;
  bool found = false;
  if (Status s = reader.Get(Column::kMeta, store::SeqKey('s', story_id), &value, &found); !s.ok()) return s;
  store::StoryRecord record;
  if (!found) return Status::NotFound("no story " + std::to_string(story_id));
  if (!store::DecodeStory(value, &record)) return Status::Corruption("story " + std::to_string(story_id));
  StoryInfo info{story_id, record.size, record.label, {}};
  const std::string prefix = store::SeqKey('m', story_id);
  std::unique_ptr<rocksdb::Iterator> it = reader.Scan(Column::kMeta);
  for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix) && info.members.size() < max_members; it->Next()) {
    store::DocRecord doc;
    const uint64_t seq = store::ReadBigEndian64(it->key().ToStringView().substr(9));
    if (Status s = store::LoadDoc(&reader, seq, &doc, &found); !s.ok()) return s;
    if (!found) return Status::Corruption("story member #" + std::to_string(seq) + " has no record");
    info.members.push_back(doc.id);
  }
  if (Status s = store::FromRocks(it->status(), "listing story members"); !s.ok()) return s;
  return info;
}

Status CopyIndex::CheckConsistency() const { return store::CheckIndex(impl_->core); }

Status CopyIndex::Compact() {
  const auto start = std::chrono::steady_clock::now();
  Status status = impl_->core.database->CompactAll();
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
  std::lock_guard lock(impl_->stats_mutex);
  impl_->compactions += status.ok();
  impl_->compaction_seconds += took.count();
  return status;
}

CopyIndexStats CopyIndex::Stats() const {
  CopyIndexStats stats;
  {
    std::lock_guard lock(impl_->stats_mutex);
    const store::IndexState& s = impl_->published;
    stats.documents = s.documents;
    stats.clusters = s.clusters;
    stats.clustered_documents = s.clustered_documents;
    stats.stories = s.next_story - 1;
    stats.capped_keys = s.capped_keys;
    stats.commits = impl_->commits;
    stats.committed_documents = impl_->committed_documents;
    stats.compactions = impl_->compactions;
    stats.compaction_seconds = impl_->compaction_seconds;
  }
  {
    std::lock_guard lock(impl_->queue_mutex);
    stats.pending_documents = impl_->pending_documents;
  }
  stats.disk_bytes = impl_->core.database->DiskBytes();
  stats.cache_bytes_used = impl_->core.database->CacheBytesUsed();
  stats.memtable_bytes = impl_->core.database->MemtableBytes();
  return stats;
}

}  // namespace reprint
