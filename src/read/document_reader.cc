// The concrete DocumentReader: walks the expanded input list, opening one
// file at a time (decompressing by magic bytes), and emits either one
// document per JSON line or one document per file. See reprint/reader.h.
// A UTF-8 byte order mark at the start of a JSON Lines input is dropped; in a
// one-document file it is left for the cleaner.
#include "read/document_reader.h"

#include <algorithm>
#include <string_view>
#include <utility>
#include <vector>

#include "read/blank_text.h"
#include "read/decompress.h"
#include "read/file_kind.h"
#include "read/file_walker.h"
#include "read/jsonl_record.h"
#include "read/line_splitter.h"
#include "util/binary_sniff.h"

namespace reprint {
namespace read {
namespace {

constexpr size_t kChunkBytes = size_t{1} << 20;
constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

char FirstNonSpace(std::string_view s) {
  for (char c : s) {
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v') return c;
  }
  return '\0';
}

std::string TooLarge(uint64_t size, uint64_t limit, bool at_least = false) {
  return std::string("too large (") + (at_least ? "more than " : "") + std::to_string(size) +
         " bytes, limit " + std::to_string(limit) + ")";
}

class Reader final : public DocumentReader {
 public:
  Reader(std::vector<InputEntry> entries, const ReadOptions& options, bool rereadable, uint64_t total)
      : entries_(std::move(entries)), options_(options), parser_(&options_), rereadable_(rereadable),
        total_bytes_(total) {}

  void SetPreopened(std::unique_ptr<ByteSource> source) { preopened_ = std::move(source); }

  bool Next(RawDocument* doc) override {
    for (;;) {
      if (lines_ != nullptr) {
        if (NextRecord(doc)) return Emit(doc);
        continue;
      }
      if (next_entry_ == entries_.size()) {
        UpdateBytes();
        return false;
      }
      if (StartInput(next_entry_++, doc)) return Emit(doc);
    }
  }
  const ReadStats& stats() const override { return stats_; }
  uint64_t total_bytes() const override { return total_bytes_; }
  bool rereadable() const override { return rereadable_; }

 private:
  bool Emit(RawDocument* doc) {
    doc->index = stats_.documents++;
    UpdateBytes();
    return true;
  }
  void UpdateBytes() { stats_.bytes_read = finished_bytes_ + (source_ ? source_->raw_bytes() : 0); }

  void Report(const std::string& file, uint64_t line, std::string reason) {
    ++stats_.skipped;
    if (options_.on_problem) options_.on_problem(ReadProblem{SourceLocation{file, line}, std::move(reason)});
  }

  // Ends the current input. A regular file counts as wholly consumed even if
  // it was abandoned early, so bytes_read reaches total_bytes() at the end.
  void Finish() {
    uint64_t consumed = source_ ? source_->raw_bytes() : 0;
    if (current_ != nullptr && current_->regular) consumed = std::max(consumed, current_->size);
    finished_bytes_ += consumed;
    lines_.reset();
    source_.reset();
    current_ = nullptr;
  }

  // Opens entries_[i]; for a one-document file reads it into *doc and returns true.
  bool StartInput(size_t i, RawDocument* doc) {
    current_ = &entries_[i];
    const InputEntry& entry = *current_;
    if (!entry.problem.empty()) {
      Report(entry.path, 0, entry.problem);
      Finish();
      return false;
    }
    const bool is_stdin = entry.path == "-";
    const FileKind kind = is_stdin ? FileKind{} : KindFromPath(entry.path);
    Compression compression = Compression::kNone;
    if (!OpenDecoded(entry, kind, &compression)) {
      Finish();
      return false;
    }

    std::string head(kBinarySniffBytes, '\0');
    head.resize(ReadUpTo(source_.get(), head.data(), head.size()));
    const bool bom = std::string_view(head).starts_with(kUtf8Bom);
    const bool starts_like_json = FirstNonSpace(std::string_view(head).substr(bom ? 3 : 0)) == '{';
    const bool json_lines = is_stdin ? starts_like_json : kind.json_lines;
    if (json_lines && bom) head.erase(0, 3);  // simdjson rejects a byte order mark
    // UTF-16 passes LooksBinary for the clean stage to decode; simdjson cannot.
    const bool utf16 = head.starts_with("\xFF\xFE") || head.starts_with("\xFE\xFF");
    if (!starts_like_json && (LooksBinary(head) || (json_lines && utf16))) {
      Report(entry.path, 0, "binary file, skipped");
      Finish();
      return false;
    }
    if (json_lines) {
      source_ = NewPrefixedSource(std::move(head), std::move(source_));
      // A small plain file gets a small buffer (many small files stay cheap).
      size_t chunk = kChunkBytes;
      if (compression == Compression::kNone && entry.regular) {
        chunk = static_cast<size_t>(std::clamp<uint64_t>(entry.size + 1, 4096, kChunkBytes));
      }
      lines_ = std::make_unique<LineSplitter>(source_.get(), options_.max_document_bytes, chunk);
      return false;
    }
    const bool got = ReadWholeFile(head, compression == Compression::kNone, kind.format, doc);
    Finish();
    return got;
  }

  // Sets source_ to the decompressed bytes of `entry`, chosen by magic bytes
  // (a .gz/.zst name must match them). Returns false after reporting a problem.
  bool OpenDecoded(const InputEntry& entry, const FileKind& kind, Compression* compression) {
    std::unique_ptr<ByteSource> raw = std::move(preopened_);
    if (raw == nullptr) {
      Result<std::unique_ptr<ByteSource>> opened = OpenFileSource(entry.path);
      if (!opened.ok()) {
        Report(entry.path, 0, opened.status().message());
        return false;
      }
      raw = std::move(opened.value());
    }
    std::string magic(4, '\0');
    magic.resize(ReadUpTo(raw.get(), magic.data(), magic.size()));
    *compression = SniffCompression(magic.data(), magic.size());
    source_ = NewDecompressingSource(*compression, NewPrefixedSource(std::move(magic), std::move(raw)));
    if (kind.compression != Compression::kNone && *compression != kind.compression &&
        source_->raw_bytes() > 0) {
      Report(entry.path, 0,
             std::string("not ") + CompressionName(kind.compression) + " data (bad magic number)");
      return false;
    }
    return true;
  }

  // Reads the rest of the current input as one document after `head`.
  bool ReadWholeFile(const std::string& head, bool uncompressed, DocumentFormat format, RawDocument* doc) {
    const InputEntry& entry = *current_;
    const uint64_t limit = options_.max_document_bytes;
    if (uncompressed && entry.regular && entry.size > limit) {
      Report(entry.path, 0, TooLarge(entry.size, limit));
      return false;
    }
    std::string& content = doc->content;
    const bool size_known = uncompressed && entry.regular;
    if (size_known) content.reserve(entry.size + 1);
    content.assign(head);  // reuses the caller's buffer
    for (;;) {
      if (content.size() > limit) {
        uint64_t total = content.size();
        content.clear();
        std::vector<char> scratch(kChunkBytes);
        for (;;) {  // stream past the rest, counting it
          Result<size_t> r = source_->Read(scratch.data(), scratch.size());
          if (!r.ok() || r.value() == 0) break;
          total += r.value();
        }
        Report(entry.path, 0, TooLarge(total, limit));
        return false;
      }
      // Read what is left of a file of known size (+1 byte to see its end, or
      // growth) so the string is filled without reallocating or zeroing MiBs.
      const size_t old = content.size();
      size_t want = kChunkBytes;
      if (size_known && entry.size >= old) want = std::clamp<uint64_t>(entry.size - old + 1, 4096, kChunkBytes);
      content.resize(old + want);
      Result<size_t> r = source_->Read(content.data() + old, want);
      if (!r.ok()) {
        content.clear();
        Report(entry.path, 0, r.status().message());
        return false;
      }
      content.resize(old + r.value());
      if (r.value() == 0) break;
    }
    if (IsBlank(content.data(), content.size())) {
      Report(entry.path, 0, "empty document");
      return false;
    }
    doc->id = entry.path;
    doc->url.clear();
    doc->source.clear();
    doc->date.clear();
    doc->title.clear();
    doc->format = format;
    doc->location = SourceLocation{entry.path, 0};
    return true;
  }

  // Reads the next good record of the current JSON Lines input into *doc;
  // returns false (and finishes the input) at its end.
  bool NextRecord(RawDocument* doc) {
    const std::string& path = current_->path;
    for (;;) {
      const LineSplitter::Line line = lines_->Next();
      switch (line.kind) {
        case LineSplitter::Kind::kEnd:
          Finish();
          return false;
        case LineSplitter::Kind::kError:
          Report(path, line.number, lines_->error().message());
          Finish();
          return false;
        case LineSplitter::Kind::kTooLong:
          Report(path, line.number, TooLarge(line.size, options_.max_document_bytes));
          continue;
        case LineSplitter::Kind::kLine:
          break;
      }
      if (IsBlank(line.data, line.size)) continue;
      Status s = parser_.Parse(line.data, line.size, doc);
      if (!s.ok()) {
        Report(path, line.number, s.message());
        continue;
      }
      if (doc->content.size() > options_.max_document_bytes) {  // U+FFFD repair grows text
        Report(path, line.number, TooLarge(doc->content.size(), options_.max_document_bytes));
        continue;
      }
      if (doc->id.empty()) doc->id = path + ":" + std::to_string(line.number);
      doc->location.file = path;
      doc->location.line = line.number;
      return true;
    }
  }

  std::vector<InputEntry> entries_;
  size_t next_entry_ = 0;
  const ReadOptions options_;
  JsonlRecordParser parser_;
  const bool rereadable_;
  const uint64_t total_bytes_;
  ReadStats stats_;
  uint64_t finished_bytes_ = 0;
  // The input being read.
  const InputEntry* current_ = nullptr;
  std::unique_ptr<ByteSource> preopened_;
  std::unique_ptr<ByteSource> source_;  // decompressed bytes
  std::unique_ptr<LineSplitter> lines_;  // set while reading JSON Lines
};

}  // namespace

std::unique_ptr<DocumentReader> NewReaderForSource(std::string name, std::unique_ptr<ByteSource> source,
                                                   const ReadOptions& options) {
  std::vector<InputEntry> entries(1);
  entries[0].path = std::move(name);
  auto reader = std::make_unique<Reader>(std::move(entries), options, false, 0);
  reader->SetPreopened(std::move(source));
  return reader;
}

}  // namespace read

Result<std::unique_ptr<DocumentReader>> DocumentReader::Open(const std::vector<std::string>& inputs,
                                                             const ReadOptions& options) {
  if (inputs.empty()) return Status::InvalidArgument("no inputs to read");
  if (options.max_document_bytes == 0) return Status::InvalidArgument("max_document_bytes must be > 0");
  if (std::count(inputs.begin(), inputs.end(), "-") > 1) {
    return Status::InvalidArgument("stdin (\"-\") given more than once");
  }
  std::vector<read::InputEntry> entries = read::ExpandInputs(inputs);
  bool has_stdin = false;
  uint64_t total = 0;
  for (const read::InputEntry& e : entries) {
    has_stdin |= e.is_stdin;
    total += e.size;
  }
  if (has_stdin) total = 0;
  return std::unique_ptr<DocumentReader>(
      std::make_unique<read::Reader>(std::move(entries), options, !has_stdin, total));
}

}  // namespace reprint
