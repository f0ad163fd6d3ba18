#include "verify/match_parameters.h"

namespace reprint::verify {

Status CheckMatchParameters(const FingerprintOptions& f, const RelationThresholds& t) {
  if (!(t.jaccard > 0 && t.jaccard < 1)) return Status::InvalidArgument("threshold must lie strictly between 0 and 1");
  if (!(t.containment > 0 && t.containment <= 1))
    return Status::InvalidArgument("containment threshold must lie in (0, 1]");
  if (f.shingle_size < 1 || f.shingle_size > 64)
    return Status::InvalidArgument("shingle size must be between 1 and 64 words");
  if (f.num_perm < 8 || f.num_perm > 4096) return Status::InvalidArgument("num-perm must be between 8 and 4096");
  if (f.anchor_rate_log2 < 0 || f.anchor_rate_log2 > 16)
    return Status::InvalidArgument("anchor rate must be between 2^0 and 2^16");
  return Status::Ok();
}

}  // namespace reprint::verify
